"""Merging: duplicate articles first, then the same fact told by several outlets.

Both steps look only at candidate pairs found through an inverted index (of sampled
shingles for articles, of uncommon words for sentences), never at all pairs: a brief of
10,000 articles must not cost 10^8 comparisons.

Each article is read with the words of its own language (``Article.language``); facts, which
do not carry it, take it from ``languages`` (article id -> ``Language``, English when absent).
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lang import Language, get_language
from ..lang.en import ENGLISH
from ..model import Article, DateMention, Fact
from ..processes import can_fork, die_with_parent, worker_context
from .text import (NONE, concepts, concepts_of, folding, normal, numbers, places, plain, shingles, similarity, stem,
                   totals, without_dateline, words)

DUPLICATE_JACCARD = 0.5
"""Word 5-gram Jaccard above which two articles are copies of one story."""
DUPLICATE_CONTAINMENT = 0.8
"""Share of the shorter article's 5-grams found in the longer: a trimmed or extended copy."""
MERGE_SIMILARITY = 0.45
"""Weighted share of content words two sentences must have in common to count as one fact."""
MERGE_SIMILARITY_COPIES = 0.5
"""The same, for two sentences of articles already known to be copies of one story."""
MIN_SHARED_WORDS = 3
"""Two short sentences sharing two words ("Ukraine confirmed") say little about each other,
even two uncommon words ("Air defence worked all night." is no telling of an aid package
with air defence interceptors)."""
LEAST_SHARED_WORDS = 2
"""Even a short sentence must share two words: "Never." is in every sentence with "never"."""
FIGURE_ANCHOR = 0.2
"""See ``MergeSettings.figure_anchor``."""
SEMANTIC_SIMILARITY = 0.65
"""See ``MergeSettings.semantic_similarity``: the value ``[brief] semantic_merge = true`` sets."""
SEMANTIC_OFF = 2.0
"""A ``semantic_similarity`` no cosine reaches: embeddings off, the default (on the dev merge
gold they found one more pair, held-out F1 unchanged, for 0.7 s and 90 MB at 1,000 articles)."""
SEMANTIC_OVERLAP = 0.3
"""See ``MergeSettings.semantic_overlap``."""
RELEASE_MODEL_FROM = 50_000
"""Sentences from which the embedding model is let go once the day's sentences are embedded."""
CANDIDATE_SHARE = 0.3
"""Share of the shorter article's indexed shingles a pair must have in common to be compared:
copies (Jaccard 0.5, or 80 % of the shorter) have well over this in common, two stories
sharing a quote or a standard paragraph have less."""
_SAMPLE = 4
"""Articles are compared on the shingles whose first word's hash is divisible by this (a
consistent sample: a quarter of the work, the same resemblance on average)."""


# ----------------------------------------------------------------------------- articles
def duplicate_articles(articles: Sequence[Article]) -> list[list[str]]:
    """Groups (two or more article ids) of syndicated copies and near-identical rewrites."""
    sketches = [article_sketch(a.text, get_language(a.language)) for a in articles]
    parent = list(range(len(articles)))
    for i, j in _shingle_candidates(sketches):
        if is_duplicate(set(sketches[i]), set(sketches[j])):
            parent[_find(parent, i)] = _find(parent, j)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, article in enumerate(articles):
        groups[_find(parent, i)].append(article.id)
    return [g for g in groups.values() if len(g) > 1]


def article_sketch(text: str, language: Language = ENGLISH) -> array:
    """An article's sampled shingle hashes, sorted, as 4-byte integers: 0.7 kB an article
    where a set of Python ints took 14 kB (10,000 articles are held at once)."""
    return array("I", sorted(shingles(text, sample=_SAMPLE, language=language)))


def languages_of(articles: Iterable[Article]) -> dict[str, Language]:
    """Each article's ``Language`` by article id: what ``group_facts`` reads facts with."""
    return {a.id: get_language(a.language) for a in articles}


def is_duplicate(a: set[int], b: set[int]) -> bool:
    """Copies share most 5-grams; a trimmed copy shares most of the shorter one's."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / len(a | b) >= DUPLICATE_JACCARD or shared / min(len(a), len(b)) >= DUPLICATE_CONTAINMENT


def _shingle_candidates(sketches: Sequence[array]) -> set[tuple[int, int]]:
    """Article pairs sharing at least three indexed shingles (all of a short text's) and
    ``CANDIDATE_SHARE`` of the shorter one's.

    A quarter of the sampled shingles (again a consistent sample) index an article, or all
    of them when that quarter is empty; shingles found in very many articles (a site's
    standard footer) index nothing."""
    postings: dict[int, list[int]] = defaultdict(list)
    indexed = []
    for i, sketch in enumerate(sketches):
        keys = [s for s in sketch if s % _SAMPLE == 0] or sketch
        indexed.append(len(keys))
        for s in keys:
            postings[s].append(i)
    common = min(max(20, len(sketches) // 20), 200)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) > common:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    return {(i, j) for (i, j), count in shared.items()
            if count >= max(min(3, indexed[i], indexed[j]), CANDIDATE_SHARE * min(indexed[i], indexed[j]))}


# ----------------------------------------------------------------------------- facts
@dataclass(frozen=True)
class MergeSettings:
    """The fact merge's numeric settings, in one place so the scorer can tune them on one
    half of the gold and measure them on the other (``python -m briefings.evaluation.merging --folds 2``)."""

    similarity: float = MERGE_SIMILARITY
    similarity_copies: float = MERGE_SIMILARITY_COPIES
    speaker_bonus: float = 0.0
    """Two sentences giving one named speaker: a quote and its paraphrase share few words."""
    figures_bonus: float = 0.1
    """Both give a figure in common (or one gives the total the other implies)."""
    dates_bonus: float = 0.05
    """Both are dated and the days meet."""
    figure_anchor: float = FIGURE_ANCHOR
    """Two sentences that give one telling figure (``telling_figures``: a count or amount few of
    the day's sentences give, "65 million", "2.5 million", "350") are retellings of one fact
    more surely than their words say: outlets paraphrase around the figure they both report."""
    join_group: float = 0.6
    """A lone sentence this sure of a group joins it even when the group already holds a
    sentence of its article (a standfirst restating the lede; rule 7 of the gold)."""
    semantic_similarity: float = SEMANTIC_OFF
    """Cosine of two sentences' embeddings (``semantic.py``) above which they are candidates
    for one fact though their words differ; above 1 (the default), embeddings are not used."""
    semantic_overlap: float = SEMANTIC_OVERLAP
    """Weighted share of words such a pair must still have in common: embeddings find the
    paraphrase, the words confirm it is about the same things."""


DEFAULT_SETTINGS = MergeSettings()


@dataclass(frozen=True, slots=True)
class _Keys:
    """What the merge compares of one sentence, computed once; compact, since a day of
    10,000 articles holds 200,000 of them: the normalised text as its hash, the words as a
    tuple of interned strings (a set is made when a sentence is compared)."""

    exact: int
    """Hash of the normalised text (0 for none): equal texts are copies."""
    words: tuple[str, ...]
    numbers: frozenset[str]
    implied: frozenset[str] = frozenset()
    """Totals the sentence implies ("157 each" -> 314)."""
    speaker: str = ""
    events: frozenset[str] = NONE
    """The news senses among the words ("strike", "talks", "pledge"): two tellings of one fact
    name at least one in common when both name any."""
    leans: bool = False
    """The sentence opens on a word that points at the one before ("But it's the first...",
    "He added..."): what it says is partly in its neighbour, so its words prove less."""
    places: frozenset[str] = NONE
    """Where the sentence says it happened (``text.places``: "in Istanbul"): two tellings of one
    fact that both say where name one place in common, or one names the other's place anywhere."""


def group_facts(
    facts: Sequence[Fact], copies: Iterable[Iterable[str]] = (), settings: MergeSettings = DEFAULT_SETTINGS,
    keys: Sequence[_Keys] | None = None, languages: Mapping[str, Language] | None = None,
) -> list[list[int]]:
    """Indexes of ``facts`` grouped so that each group tells one fact.

    Two sentences of different articles join when their words agree (weighted by rarity,
    synonyms folded), their figures agree and their dates agree; one named speaker, the same
    figures and the same days make a pair surer. ``copies`` (groups of article ids) lower the
    word threshold for sentences of articles that are copies of one story. A sentence the
    scraper cut in two is read whole and its tail follows its head. ``languages`` (article id
    -> ``Language``, see ``languages_of``; English when absent) says how each fact is read.
    """
    profile = _profile(facts)
    tails = profile.tails
    keys = list(keys) if keys is not None else sentence_keys(facts, languages)
    whole: dict[int, str] = {}
    for tail, head in tails.items():
        whole[head] = f"{whole.get(head, facts[head].text)} {facts[tail].text}"
    for head, text in whole.items():
        keys[head] = _keys(text, facts[head], _language(languages, facts[head]))
    weight = _rarity([k.words for k in keys])
    telling = telling_figures(keys, weight) if settings.figure_anchor else frozenset()
    copy_of = {aid: n for n, group in enumerate(copies) for aid in group}
    story = [copy_of.get(aid, -1) for aid in profile.article_ids]
    scored = _score_candidates(profile, keys, weight, story, tails.keys(), settings, telling)
    article, dates = profile.article, profile.dates
    meaning = _Meaning.of(facts, profile, keys, weight, tails.keys(), settings, languages)
    if meaning is not None:
        scored.extend(meaning.pairs())
        if len(keys) >= RELEASE_MODEL_FROM:
            from .semantic import load_encoder

            load_encoder.cache_clear()  # a big day's build: its 40 MB are worth more than 0.1 s of loading

    def restates(i: int, members: Iterable[int]) -> bool:
        """A lone sentence joins a group holding its own article's telling only when it
        restates that telling too (a standfirst and the lede), never as a side remark."""
        own = [m for m in members if article[m] == article[i]]
        return all(weighted_overlap(frozenset(keys[i].words), frozenset(keys[m].words), weight) >= settings.similarity
                   for m in own)

    def leaders_agree(i: int, j: int) -> bool:
        """The sentences that lead two groups tell one fact themselves."""
        same_story = story[article[i]] == story[article[j]] != -1
        if _strength(keys[i], keys[j], dates[i], dates[j], weight, same_story, settings, telling) > 0:
            return True
        return meaning is not None and meaning.agree(i, j)

    groups = _link(profile, sorted(scored), settings.join_group, restates, leaders_agree)
    return _attach_tails(groups, tails)


class _Meaning:
    """The merge's second source of candidates: sentence embeddings (``semantic.py``).

    A pair of sentences whose embeddings are among each other's nearest is one fact only
    when what must agree does: figures, dates and the event kind (as for any pair), the
    places and actors they name (two rare names and none in common: "talks in Istanbul" and
    "talks in Geneva"), and still some words (``semantic_overlap``)."""

    def __init__(self, rows: list[int], vectors: Any, names: list[frozenset[str]], profile: _Profile,
                 keys: Sequence[_Keys], weight: dict[str, float], settings: MergeSettings) -> None:
        self.rows, self.vectors, self.names = rows, vectors, names
        self.row_of = {i: r for r, i in enumerate(rows)}
        self.profile, self.keys, self.weight, self.settings = profile, keys, weight, settings
        self.rare = rare_weight(len(keys))
        """A name weighing this much is in at most ``common_cap`` sentences: it names a place or
        person in particular ("Istanbul"), not the day's subject ("Ukraine")."""

    @classmethod
    def of(cls, facts: Sequence[Fact], profile: _Profile, keys: Sequence[_Keys], weight: dict[str, float],
           skip: Iterable[int], settings: MergeSettings, languages: Mapping[str, Language] | None
           ) -> _Meaning | None:
        """The embeddings of the sentences worth embedding, or None when embeddings are off
        or not installed (the merge then reads words only)."""
        if settings.semantic_similarity > 1.0:
            return None
        from .semantic import load_encoder

        encoder = load_encoder()
        if encoder is None:
            return None
        rows = _embeddable(profile, keys, skip)
        if len(rows) < 2:
            return None
        from .semantic import embed

        texts, names = [], []
        for i in rows:  # ascending: a packed day is unpacked in order
            fact = facts[i]
            texts.append(without_dateline(_without_speaker(fact.text, fact.attribution)))
            names.append(_entity_stems(fact.entities, _language(languages, fact)))
        vectors = embed(texts, encoder)
        del texts
        return cls(rows, vectors, names, profile, keys, weight, settings)

    def pairs(self) -> list[tuple[float, int, int]]:
        """(-strength, i, j) for the nearest-neighbour pairs that are one fact."""
        from .semantic import neighbours
        import numpy as np

        groups = np.asarray([self.profile.article[i] for i in self.rows], dtype=np.int64)
        found = []
        for r, s in neighbours(self.vectors, groups, self.settings.semantic_similarity).tolist():
            strength = self.strength(r, s)
            if strength:
                found.append((-strength, self.rows[r], self.rows[s]))
        return found

    def agree(self, i: int, j: int) -> bool:
        """Sentences i and j (indexes of the facts) are one fact by their embeddings."""
        r, s = self.row_of.get(i), self.row_of.get(j)
        if r is None or s is None:
            return False
        return float(self.vectors[r] @ self.vectors[s]) >= self.settings.semantic_similarity and self.strength(r, s) > 0

    def strength(self, r: int, s: int) -> float:
        """How sure a pair of embedded rows is one fact, 0 for "two facts" (their embeddings
        already alike): the checks every pair passes, the names, and the words' share."""
        i, j = self.rows[r], self.rows[s]
        ka, kb = self.keys[i], self.keys[j]
        dates_a, dates_b = self.profile.dates[i], self.profile.dates[j]
        if not figures_agree(ka.numbers, kb.numbers, ka.implied, kb.implied) or not dates_agree(dates_a, dates_b):
            return 0.0
        if not events_agree(ka.events, kb.events) or not places_agree(ka, kb) or self._names_conflict(r, s):
            return 0.0
        overlap = weighted_overlap(frozenset(ka.words), frozenset(kb.words), self.weight)
        if overlap < self.settings.semantic_overlap:
            return 0.0
        return min(max(overlap + _bonus(dates_a, dates_b, ka, kb, self.settings), 0.01), 1.99)

    def _names_conflict(self, r: int, s: int) -> bool:
        """Both name a place or person in particular, and neither names the other's."""
        a, b = self.names[r], self.names[s]
        rare_a = {w for w in a if self.weight.get(w, self.rare) >= self.rare}
        rare_b = {w for w in b if self.weight.get(w, self.rare) >= self.rare}
        return bool(rare_a and rare_b and rare_a.isdisjoint(b) and rare_b.isdisjoint(a))


def _embeddable(profile: _Profile, keys: Sequence[_Keys], skip: Iterable[int]) -> list[int]:
    """The sentences worth an embedding, ascending: not a tail, not a copy of an earlier
    sentence's text (copies merge by their text), more than ``SHORT`` content words (a short
    sentence's embedding is alike to too much); at most ``MAX_SENTENCES``, the likeliest to be
    briefed first."""
    from .semantic import MAX_SENTENCES

    skipped = frozenset(skip)
    seen: set[int] = set()
    rows = []
    for i, k in enumerate(keys):
        if i in skipped or not k.exact or len(k.words) <= SHORT or k.exact in seen:
            continue
        seen.add(k.exact)
        rows.append(i)
    if len(rows) > MAX_SENTENCES:
        priority = profile.priority
        rows = sorted(sorted(rows, key=lambda i: -priority[i])[:MAX_SENTENCES])
    return rows


@lru_cache(maxsize=1 << 16)
def _name_stems(entity: str, language: Language) -> frozenset[str]:
    return concepts_of(words(entity, language), language)


def _entity_stems(entities: Sequence[str], language: Language) -> frozenset[str]:
    """The names a sentence mentions, as its words are compared (stems, capitals adding
    their country)."""
    if not entities:
        return NONE
    return frozenset().union(*(_name_stems(e, language) for e in entities))


@dataclass(frozen=True)
class _Profile:
    """What the merge reads of each sentence besides its keys, taken in one pass over the
    facts (a big day's facts are packed, and each pass unpacks them all)."""

    article: list[int]
    """The number of each sentence's article (in order of first appearance)."""
    article_ids: list[str]
    """The article id of each article number."""
    dates: list[tuple[DateMention, ...]]
    length: list[int]
    """Characters of each sentence: a group's leader is its longest."""
    tails: dict[int, int]
    """``continuations``: tail -> head (an article's sentences come in their order)."""
    priority: array
    """How likely each sentence is to be briefed, before the merge knows its outlets: its
    section confidence, discounted by its place in its article (as ``compose.rank``)."""


_FINAL = (".", "!", "?", '"', "\u201d", ":")


def _profile(facts: Iterable[Fact]) -> _Profile:
    article_no: dict[str, int] = {}
    article, dates, length, index, lower_start, open_end = [], [], [], [], [], []
    priority = array("f")
    for fact in facts:
        priority.append(fact.score / (1.0 + fact.index / 8.0))
        article.append(article_no.setdefault(fact.article_id, len(article_no)))
        dates.append(fact.dates)
        text = fact.text
        length.append(len(text))
        index.append(fact.index)
        lower_start.append(text.strip()[:1].islower())
        open_end.append(not text.rstrip().endswith(_FINAL))
    last: dict[int, tuple[int, int]] = {}  # article -> (index, position) of its sentence read last
    tails: dict[int, int] = {}
    for n, (a, i) in enumerate(zip(article, index)):
        before = last.get(a)
        if before is not None and before[0] == i - 1 and lower_start[n] and open_end[before[1]]:
            tails[n] = tails.get(before[1], before[1])
        last[a] = (i, n)
    return _Profile(article, list(article_no), dates, length, tails, priority)


PARALLEL_FACTS = (5_000, 60_000)
"""Sentence counts between which pair scoring runs in two processes: below, a second process
costs more than it saves; above, the second process's copy of the day's sentences (its
pages become its own as it reads them) would cost more memory than the time is worth."""
_shared: tuple[Any, ...] = ()
"""What a forked scoring process reads: set just before the fork, never pickled."""


def _score_candidates(
    profile: _Profile, keys: Sequence[_Keys], weight: dict[str, float], story: list[int],
    skip: Iterable[int], settings: MergeSettings, telling: frozenset[str] = frozenset(),
) -> list[tuple[float, int, int]]:
    """``_strength`` on every candidate pair, as (-strength, i, j) for the pairs it joins;
    half the sentences in a forked second process when there are enough of them. The pairs
    are the same either way (``group_facts`` sorts them)."""
    global _shared
    skip = frozenset(skip)
    if not PARALLEL_FACTS[0] <= len(keys) <= PARALLEL_FACTS[1] or not can_fork():
        return _score_stripe(profile, keys, weight, story, skip, settings, telling=telling)
    from concurrent.futures import ProcessPoolExecutor

    _shared = (profile, keys, weight, story, skip, settings, telling)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=worker_context(),  # fork: reads _shared
                                 initializer=die_with_parent) as pool:
            other = pool.submit(_score_shared_stripe, (1, 2))
            mine = _score_stripe(profile, keys, weight, story, skip, settings, (0, 2), telling)
            return mine + other.result()
    finally:
        _shared = ()


def _score_shared_stripe(stripe: tuple[int, int]) -> list[tuple[float, int, int]]:
    profile, keys, weight, story, skip, settings, telling = _shared
    return _score_stripe(profile, keys, weight, story, skip, settings, stripe, telling)


def _score_stripe(
    profile: _Profile, keys: Sequence[_Keys], weight: dict[str, float], story_of: list[int],
    skip: Iterable[int], settings: MergeSettings, stripe: tuple[int, int] = (0, 1),
    telling: frozenset[str] = frozenset(),
) -> list[tuple[float, int, int]]:
    """``_strength`` on the candidate pairs of the sentences of ``stripe``.

    The same decisions as calling ``_strength`` pair by pair, made in one loop with what
    each sentence contributes (its words' total weight, its article, its story) computed
    once, and the cheap set checks first: 10^6 candidate pairs at 1,000 articles.
    """
    article, dates = profile.article, profile.dates
    story = [story_of[a] for a in article]
    totals_ = [math.fsum(weight.get(w, 1.0) for w in k.words) for k in keys]
    wget = weight.__getitem__
    similarity, similarity_copies = settings.similarity, settings.similarity_copies
    speaker_bonus, figures_bonus, dates_bonus = settings.speaker_bonus, settings.figures_bonus, settings.dates_bonus
    anchor = settings.figure_anchor
    scored = []
    for i, candidates in _candidate_lists(keys, skip, stripe, telling):
        ka, dates_i = keys[i], dates[i]
        art_i, story_i, exact_i, words_i, total_i = article[i], story[i], ka.exact, frozenset(ka.words), totals_[i]
        many_i, events_i, places_i = min(MIN_SHARED_WORDS, len(words_i)), ka.events, ka.places
        for j in candidates:
            if art_i == article[j]:
                continue
            kb = keys[j]
            if exact_i and exact_i == kb.exact:
                scored.append((-2.0, i, j))
                continue
            words_j = kb.words
            shared = words_i.intersection(words_j)
            if len(shared) < max(LEAST_SHARED_WORDS, min(many_i, len(words_j))):
                continue
            if not figures_agree(ka.numbers, kb.numbers, ka.implied, kb.implied):
                continue
            if events_i and kb.events and not events_i & kb.events:
                continue
            if places_i and kb.places and places_i.isdisjoint(kb.words) and kb.places.isdisjoint(words_i):
                continue
            dates_j = dates[j]
            if not dates_agree(dates_i, dates_j):
                continue
            same_story = story_i == story[j] and story_i != -1
            threshold = similarity_copies if same_story else similarity
            if ka.leans or kb.leans:
                threshold += LEANING_MARGIN
            shared_weight = math.fsum(map(wget, shared))
            overlap = shared_weight / min(total_i, totals_[j]) if words_i and words_j else 0.0
            bonus = 0.0  # as _bonus, term by term in its order
            if ka.speaker and ka.speaker == kb.speaker:
                bonus += speaker_bonus
            if ka.numbers and kb.numbers and _figures_meet(ka, kb):
                bonus += figures_bonus
                if telling and not telling.isdisjoint(ka.numbers & kb.numbers):
                    bonus += anchor
            if dates_i and dates_j:
                bonus += dates_bonus
            strength = overlap + bonus
            if strength >= threshold:
                strength = min(strength, 1.99)
                if strength:
                    scored.append((-strength, i, j))
    return scored

def sentence_key(fact: Fact, language: Language = ENGLISH) -> _Keys:
    """What the merge compares of one sentence, read with ``language``'s words."""
    return _keys(fact.text, fact, language)


def sentence_keys(facts: Sequence[Fact], languages: Mapping[str, Language] | None = None) -> list[_Keys]:
    """What the merge compares of each sentence (compose also reads ``exact`` to drop
    headlines): made once, passed to ``group_facts``. ``languages`` as in ``group_facts``."""
    return [_keys(f.text, f, _language(languages, f)) for f in facts]


def _language(languages: Mapping[str, Language] | None, fact: Fact) -> Language:
    """The language a fact is read with: its article's, else English."""
    return languages.get(fact.article_id, ENGLISH) if languages else ENGLISH


def title_key(title: str, language: Language = ENGLISH) -> int:
    """A headline's ``exact`` key: a sentence with this key repeats the headline."""
    text = normal(title, language)
    return hash(text) if text else 0


def _keys(text: str, fact: Fact, language: Language = ENGLISH) -> _Keys:
    tokens = words(text, language)
    found = numbers(_without_dates(text, fact), language, tokens)
    claim = without_dateline(_without_speaker(text, fact.attribution))
    meant = concepts_of(tokens if claim == text else words(claim, language), language) or concepts(text, language)
    exact = " ".join(tokens)
    where = places(claim, language)
    return _Keys(hash(exact) if exact else 0, tuple(sorted(meant)), found, totals(text, found, language),
                 speaker_key(fact.attribution, language), _events(meant, language), _leans(claim, language),
                 _shared_set(where))


_FIRST_WORD = re.compile(r"[\W_]*([^\W\d_]+)")


def _leans(text: str, language: Language) -> bool:
    """Whether the sentence opens on a word of ``Comparison.leans_back`` or ``connectives``."""
    first = _FIRST_WORD.match(text)
    if first is None:
        return False
    word = first.group(1).lower()
    return word in language.comparison.leans_back or word in language.comparison.connectives


LEANING_MARGIN = 0.15
"""What a pair with a sentence that ``_leans`` must have in words beyond the threshold."""


_PLACE_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared_set(found: frozenset[str]) -> frozenset[str]:
    """One set object for each combination of places (most sentences have none, or one of
    the day's few), as ``_events`` does for senses."""
    return _PLACE_SETS.setdefault(found, found) if found else NONE


def places_agree(ka: _Keys, kb: _Keys) -> bool:
    """Two sentences that both say where it happened tell one fact only when a place of one
    is named by the other ("in Kyiv" and "Ukraine's capital" meet, the capital adding its
    country): "talks in Istanbul" and "talks in Geneva" are two facts, however alike their words."""
    a, b = ka.places, kb.places
    return not a or not b or not a.isdisjoint(kb.words) or not b.isdisjoint(ka.words)


_EVENT_SETS: dict[frozenset[str], frozenset[str]] = {}


def _events(words: frozenset[str], language: Language = ENGLISH) -> frozenset[str]:
    """The news senses among ``words``, one shared set per combination (a few dozen occur;
    a set each for 175,000 sentences would be 10 MB)."""
    found = folding(language).event_senses.intersection(words)
    return _EVENT_SETS.setdefault(found, found) if found else NONE


def _without_speaker(text: str, who: str | None) -> str:
    """The sentence without the phrase naming its speaker: who says it is the speaker signal,
    not the claim's words. Only that phrase goes: "Ukrainian President Volodymyr Zelensky said
    Russia has not broken Ukrainians" keeps "Ukrainians"."""
    if who and who in text:
        return text.replace(who, " ", 1)
    return text


def _without_dates(text: str, fact: Fact) -> str:
    """The sentence without its date expressions: "on February 5" is a day, not a figure."""
    for mention in fact.dates:
        text = text.replace(mention.text, " ")
    return text


def speaker_key(who: str | None, language: Language = ENGLISH) -> str:
    """The surname a speaker is known by ("Ukrainian President Volodymyr Zelenskiy" ->
    "zelensky"), or "" when the source is not a named person or body."""
    if not who:
        return ""
    names = [w for w in re.findall(r"[\w'\u2019.-]+", who) if w[:1].isupper()]
    if not names:
        return ""
    return stem(plain(names[-1]).removesuffix("'s").strip(".'"), language)


def continuations(facts: Sequence[Fact]) -> dict[int, int]:
    """Tails of sentences the scraper cut (at a link): a fact starting in lower case right
    after a fact of its article that ends without final punctuation. Maps tail -> head."""
    return _profile(facts).tails


def _attach_tails(groups: list[list[int]], tails: dict[int, int]) -> list[list[int]]:
    """Each tail joins the group of its head (it was left out of the matching)."""
    group_of = {i: n for n, group in enumerate(groups) for i in group}
    for tail, head in tails.items():
        groups[group_of[tail]].remove(tail)
        groups[group_of[head]].append(tail)
    return [sorted(g) for g in groups if g]


def _link(
    profile: _Profile,
    scored: list[tuple[float, int, int]],
    join_group: float = 2.0,
    restates: Callable[[int, Iterable[int]], bool] = lambda i, members: False,
    leaders_agree: Callable[[int, int], bool] = lambda i, j: True,
) -> list[list[int]]:
    """Join the surest pairs first; never join two groups that both hold a sentence of one
    article. That stops chains: a headline that sums up two facts would otherwise glue the
    two facts' groups together. A lone sentence may still join a group holding a sentence of
    its own article when the pair is very sure (``join_group``) and it ``restates`` that
    article's sentence: that cannot chain two groups.

    Two groups join only when their leaders (each group's longest sentence, the one that
    says most) ``leaders_agree`` too. Linking on any one pair lets a group drift one sentence at a
    time through sentences that share a few words each: on a day of 1,000 articles that
    made groups of hundreds of unrelated sentences."""
    count, length, article = len(profile.article), profile.length, profile.article
    parent = list(range(count))
    # A group's articles and members, made when it first grows: most sentences stay alone,
    # and a set and a list for each of 175,000 sentences was 50 MB.
    articles: dict[int, set[int]] = {}
    members: dict[int, list[int]] = {}
    leader = list(range(count))
    for negative, i, j in scored:
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj:
            continue
        arts_i, arts_j = articles.get(ri) or {article[ri]}, articles.get(rj) or {article[rj]}
        size_i, size_j = len(members.get(ri, ())) or 1, len(members.get(rj, ())) or 1
        if arts_i & arts_j:
            lone, group = (ri, rj) if size_i == 1 else (rj, ri)
            if (-negative < join_group or min(size_i, size_j) != 1
                    or not restates(lone, members.get(group) or [group])):
                continue
        li, lj = leader[ri], leader[rj]
        if (li, lj) != (i, j) and not leaders_agree(li, lj):
            continue
        if size_i > size_j:
            ri, rj, arts_i, arts_j = rj, ri, arts_j, arts_i
        leader[rj] = max(li, lj, key=lambda n: (length[n], -n))
        parent[ri] = rj
        articles[rj] = arts_j | arts_i
        members[rj] = (members.get(rj) or [rj]) + (members.pop(ri, []) or [ri])
        articles.pop(ri, None)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(count):
        groups[_find(parent, i)].append(i)
    return list(groups.values())


def _strength(
    ka: _Keys, kb: _Keys, dates_a: Sequence[DateMention], dates_b: Sequence[DateMention],
    weight: dict[str, float], same_story: bool, settings: MergeSettings = DEFAULT_SETTINGS,
    telling: frozenset[str] = frozenset(),
) -> float:
    """The merge decision for one pair of sentences: 0 for "two facts", else how sure (0..2]."""
    if ka.exact and ka.exact == kb.exact:
        return 2.0
    if not figures_agree(ka.numbers, kb.numbers, ka.implied, kb.implied) or not dates_agree(dates_a, dates_b):
        return 0.0
    if not events_agree(ka.events, kb.events) or not places_agree(ka, kb):
        return 0.0
    words_a, words_b = frozenset(ka.words), frozenset(kb.words)
    shared = words_a & words_b
    if len(shared) < max(LEAST_SHARED_WORDS, min(MIN_SHARED_WORDS, len(words_a), len(words_b))):
        return 0.0
    threshold = settings.similarity_copies if same_story else settings.similarity
    if ka.leans or kb.leans:
        threshold += LEANING_MARGIN
    strength = weighted_overlap(words_a, words_b, weight) + _bonus(dates_a, dates_b, ka, kb, settings, telling)
    return min(strength, 1.99) if strength >= threshold else 0.0


def _bonus(
    dates_a: Sequence[DateMention], dates_b: Sequence[DateMention], ka: _Keys, kb: _Keys, settings: MergeSettings,
    telling: frozenset[str] = frozenset(),
) -> float:
    """Signals beyond shared words: one speaker, the same figures (more when one of them is
    telling), the same days."""
    bonus = 0.0
    if ka.speaker and ka.speaker == kb.speaker:
        bonus += settings.speaker_bonus
    if _figures_meet(ka, kb):
        bonus += settings.figures_bonus
        if telling and not telling.isdisjoint(ka.numbers & kb.numbers):
            bonus += settings.figure_anchor
    if dates_a and dates_b:
        bonus += settings.dates_bonus
    return bonus


SMALL_FIGURE = 10
"""A figure below this ("four years", "two sides") is in too many sentences to make two of them
surer of one fact; it still keeps apart two tellings that disagree on it."""


def _figures_meet(ka: _Keys, kb: _Keys) -> bool:
    """Both give a figure that is not small (or one rounds the other's), or one gives the
    total the other implies."""
    shared = (ka.numbers & (kb.numbers | kb.implied)) | (kb.numbers & ka.implied)
    if not shared and ka.numbers and kb.numbers:
        shared = frozenset(x for x in ka.numbers for y in kb.numbers if rounds(x, y))
    return any(not (figure.isdigit() and int(figure) < SMALL_FIGURE) for figure in shared) if shared else False


def figures_agree(
    a: frozenset[str], b: frozenset[str], implied_a: frozenset[str] = frozenset(), implied_b: frozenset[str] = frozenset()
) -> bool:
    """Figures agree when one telling's numbers are all in the other's ("killing 2" and
    "killing 3" are two facts; a telling that gives no number may still be the same). A total
    one telling implies counts ("314 prisoners" is "157 each"). A round figure meets the
    precise one it rounds ("65 million" and "65.3 million", "33,000" and "33,037"; ``rounds``)."""
    if a <= b | implied_b or b <= a | implied_a:
        return True
    if not a or not b or not (_roundish(a) or _roundish(b)):
        return False
    return (all(any(rounds(x, y) for y in b | implied_b) for x in a)
            or all(any(rounds(y, x) for x in a | implied_a) for y in b))


@lru_cache(maxsize=1 << 14)
def _roundish(figures: frozenset[str]) -> bool:
    """Whether one of the figures can be the rounded one of a pair ("65", "33000") or the
    precise one of a pair with decimals ("65.3"); most pairs that disagree stop here."""
    return any(figure[-1:] == "0" or "." in figure for figure in figures)


ROUNDING = 0.02
"""How far (a share of the precise figure) a round figure may be from the one it rounds: "65"
for "65.3", never "30" for "34"."""


@lru_cache(maxsize=1 << 16)
def rounds(x: str, y: str) -> bool:
    """``x`` and ``y`` are one figure, or one of them is the other rounded: it has fewer
    significant digits, the other rounds to it at its precision, and they differ by at most
    ``ROUNDING``."""
    if x == y:
        return True
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return False
    unit_x, unit_y = _unit(x), _unit(y)
    if unit_x == unit_y or not fx or not fy:
        return False
    unit, (rough, precise) = (unit_x, (fx, fy)) if unit_x > unit_y else (unit_y, (fy, fx))
    return abs(precise - rough) <= unit / 2 and abs(precise - rough) <= ROUNDING * abs(precise)


def _unit(figure: str) -> float:
    """The place of a figure's last significant digit: 1000 for "33000", 0.1 for "65.3"."""
    if "." in figure:
        return 10.0 ** -len(figure.split(".", 1)[1])
    return 10.0 ** (len(figure) - len(figure.rstrip("0"))) if figure.strip("0") else 1.0


def events_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """When both sentences name a news event (a strike, talks, a pledge, a swap...), they must
    name one in common: "drones struck Odesa" and "talks on Odesa's port" share their place,
    not their fact."""
    return not a or not b or bool(a & b)


def dates_agree(a: Sequence[DateMention], b: Sequence[DateMention]) -> bool:
    """When both sentences are dated, some day must be in both: "talks on Wednesday" and
    "talks on Thursday and Friday" are two facts."""
    if not a or not b:
        return True
    return any(x.start <= y.end and y.start <= x.end for x in a for y in b)


def weighted_overlap(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """Overlap coefficient where rare words count more than "ukraine" or "talks"."""
    if not a or not b:
        return 0.0
    shared = math.fsum(weight.get(w, 1.0) for w in a & b)
    return shared / min(math.fsum(weight.get(w, 1.0) for w in a), math.fsum(weight.get(w, 1.0) for w in b))


def _rarity(bags: Sequence[Collection[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over the brief's sentences (at least 1)."""
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for word in bag:
            df[word] += 1
    n = max(len(bags), 1)
    return {w: 1.0 + math.log(n / c) for w, c in df.items()}


COMMON_CAP = 200
"""A word in more sentences than this indexes nothing, however many sentences there are."""


def rare_weight(n: int) -> float:
    """The weight (``_rarity``) of a word in ``common_cap(n)`` of ``n`` sentences: a word this
    heavy or heavier is uncommon, and indexes candidates."""
    return 1.0 + math.log(max(n, 1) / common_cap(n))


def common_cap(n: int) -> int:
    """Posting lists longer than this index nothing: a word in 2 % of the sentences (at
    least 8) says little about which two tell one fact, and past ``COMMON_CAP`` sentences a
    word's list would make the pairs grow with the square of the day's size."""
    return min(max(8, n // 50), COMMON_CAP)


SHORT = 4
"""A sentence of at most this many content words is a candidate on one shared uncommon word
("We confirmed our participation")."""


def candidate_pairs(keys: Sequence[_Keys], skip: Iterable[int] = ()) -> set[tuple[int, int]]:
    """Pairs that share at least two uncommon words (one, for a short sentence), or their
    whole normalised text.

    Words found in many facts ("ukraine", "russia") index nothing, so each posting list stays
    short and the work grows with the number of facts rather than with its square.
    """
    return {(i, j) for i, candidates in _candidate_lists(keys, skip) for j in candidates}


def _candidate_lists(
    keys: Sequence[_Keys], skip: Iterable[int] = (), stripe: tuple[int, int] = (0, 1),
    telling: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, list[int]]]:
    """For each sentence i (in order), the sentences j > i it is a candidate pair with, each
    once; only the sentences i of ``stripe`` (k, n): those with i % n == k. A ``telling``
    figure counts as two shared words: "65 million" and one more word make a candidate."""
    part, parts = stripe
    skipped = set(skip)
    common = common_cap(len(keys))
    df = Counter(word for i, k in enumerate(keys) if i not in skipped for word in k.words)
    postings: dict[str, list[int]] = defaultdict(list)  # uncommon words only: the rest index nothing
    first: dict[int, int] = {}  # normalised text -> its first sentence
    same_text: dict[int, list[int]] = {}  # that first sentence -> the later ones with its text
    for i, k in enumerate(keys):
        if i in skipped:
            continue
        earlier = first.setdefault(k.exact, i)
        if earlier != i:
            same_text.setdefault(earlier, []).append(i)
        for word in k.words:
            if df[word] <= common:
                postings[word].append(i)
    del first, df
    short = {i for i, k in enumerate(keys) if len(k.words) <= SHORT}
    for i, k in enumerate(keys):
        if i in skipped or i % parts != part:
            continue
        after = []
        for word in k.words:
            members = postings.get(word)  # ascending: appended in order
            if members is None or members[-1] <= i:
                continue
            after.append(members[bisect_right(members, i):])
            if word in telling:
                after.append(after[-1])
        counts = Counter(chain.from_iterable(after)) if after else {}
        if len(k.words) <= SHORT:
            found = list(counts)
        else:
            found = [j for j, count in counts.items() if count >= 2]
            found.extend(short.intersection(counts).difference(found))
        extra = same_text.get(i)
        if extra:
            found = list(set(found).union(extra))
        yield i, found


TELLING_FROM = 20
"""A whole number below this ("two soldiers", "3 drones") is told of too many things to tie two
sentences together; one with decimals ("2.5 million") always is specific."""


def telling_figures(keys: Sequence[_Keys], weight: Mapping[str, float]) -> frozenset[str]:
    """The figures of the day's sentences that are few sentences' (at most ``common_cap``) and
    specific (``TELLING_FROM`` or more, or with decimals): two sentences giving one of them
    most likely report one fact."""
    rare = rare_weight(len(keys))
    found = set()
    for k in keys:
        for figure in k.numbers:
            if weight.get(figure, rare) >= rare and _specific(figure):
                found.add(figure)
    return frozenset(found)


def _specific(figure: str) -> bool:
    try:
        value = float(figure)
    except ValueError:
        return False
    return "." in figure or value >= TELLING_FROM


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


__all__ = [
    "DEFAULT_SETTINGS",
    "MergeSettings",
    "candidate_pairs",
    "continuations",
    "dates_agree",
    "duplicate_articles",
    "figures_agree",
    "group_facts",
    "is_duplicate",
    "languages_of",
    "places_agree",
    "similarity",
    "weighted_overlap",
]
