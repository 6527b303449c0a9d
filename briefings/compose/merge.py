"""Merging: duplicate articles first, then the same fact told by several outlets.

Both steps look only at candidate pairs found through an inverted index (of sampled
shingles for articles, of uncommon words for sentences), never at all pairs: a brief of
10,000 articles must not cost 10^8 comparisons.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Article, DateMention, Fact
from .text import content_words, normal, numbers, shingles, similarity

DUPLICATE_JACCARD = 0.5
"""Word 5-gram Jaccard above which two articles are copies of one story."""
DUPLICATE_CONTAINMENT = 0.8
"""Share of the shorter article's 5-grams found in the longer: a trimmed or extended copy."""
MERGE_SIMILARITY = 0.55
"""Weighted share of content words two sentences must have in common to count as one fact."""
MERGE_SIMILARITY_COPIES = 0.5
"""The same, for two sentences of articles already known to be copies of one story."""
MIN_SHARED_WORDS = 3
"""Two short sentences sharing two words ("Ukraine confirmed") say little about each other."""
_SAMPLE = 4
"""Articles are blocked on the shingles whose hash is divisible by this (a consistent sample)."""


# ----------------------------------------------------------------------------- articles
def duplicate_articles(articles: Sequence[Article]) -> list[list[str]]:
    """Groups (two or more article ids) of syndicated copies and near-identical rewrites."""
    sets = [shingles(a.text) for a in articles]
    parent = list(range(len(articles)))
    for i, j in _shingle_candidates(sets):
        if is_duplicate(sets[i], sets[j]):
            parent[_find(parent, i)] = _find(parent, j)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, article in enumerate(articles):
        groups[_find(parent, i)].append(article.id)
    return [g for g in groups.values() if len(g) > 1]


def is_duplicate(a: set[int], b: set[int]) -> bool:
    """Copies share most 5-grams; a trimmed copy shares most of the shorter one's."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / len(a | b) >= DUPLICATE_JACCARD or shared / min(len(a), len(b)) >= DUPLICATE_CONTAINMENT


def _shingle_candidates(sets: Sequence[set[int]]) -> set[tuple[int, int]]:
    """Article pairs sharing at least three sampled shingles; shingles found in very many
    articles (a site's standard footer) index nothing."""
    postings: dict[int, list[int]] = defaultdict(list)
    for i, shingle_set in enumerate(sets):
        for s in shingle_set:
            if s % _SAMPLE == 0:
                postings[s].append(i)
    common = max(20, len(sets) // 20)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) > common:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    return {pair for pair, count in shared.items() if count >= 3}


# ----------------------------------------------------------------------------- facts
@dataclass(frozen=True)
class _Keys:
    """What the merge compares of one sentence, computed once."""

    exact: str
    words: frozenset[str]
    numbers: frozenset[str]


def group_facts(facts: Sequence[Fact], copies: Iterable[Iterable[str]] = ()) -> list[list[int]]:
    """Indexes of ``facts`` grouped so that each group tells one fact.

    Two sentences of different articles join when their words agree (weighted by rarity),
    their figures agree and their dates agree; ``copies`` (groups of article ids) lower the
    word threshold for sentences of articles that are copies of one story.
    """
    keys = [_Keys(normal(f.text), content_words(f.text), numbers(f.text)) for f in facts]
    weight = _rarity([k.words for k in keys])
    copy_of = {aid: n for n, group in enumerate(copies) for aid in group}
    scored = []
    for i, j in candidate_pairs(keys):
        a, b = facts[i], facts[j]
        if a.article_id == b.article_id:
            continue
        same_story = copy_of.get(a.article_id, -1) == copy_of.get(b.article_id, -2)
        strength = same_fact(a, b, keys[i], keys[j], weight, same_story)
        if strength:
            scored.append((-strength, i, j))
    return _link(facts, sorted(scored))


def _link(facts: Sequence[Fact], scored: list[tuple[float, int, int]]) -> list[list[int]]:
    """Join the surest pairs first; never join two groups that both hold a sentence of one
    article. That stops chains: a headline that sums up two facts would otherwise glue the
    two facts' groups together."""
    parent = list(range(len(facts)))
    articles = [{f.article_id} for f in facts]
    for _, i, j in scored:
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj or articles[ri] & articles[rj]:
            continue
        parent[ri] = rj
        articles[rj] |= articles[ri]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(facts)):
        groups[_find(parent, i)].append(i)
    return list(groups.values())


def same_fact(a: Fact, b: Fact, ka: _Keys, kb: _Keys, weight: dict[str, float], same_story: bool) -> float:
    """The merge decision for one candidate pair: 0 for "two facts", else how sure (0..2]."""
    if ka.exact and ka.exact == kb.exact:
        return 2.0
    if not figures_agree(ka.numbers, kb.numbers) or not dates_agree(a.dates, b.dates):
        return 0.0
    shared = ka.words & kb.words
    if len(shared) < min(MIN_SHARED_WORDS, len(ka.words), len(kb.words)):
        return 0.0
    threshold = MERGE_SIMILARITY_COPIES if same_story else MERGE_SIMILARITY
    overlap = weighted_overlap(ka.words, kb.words, weight)
    return overlap if overlap >= threshold else 0.0


def figures_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Figures agree when one telling's numbers are all in the other's ("killing 2" and
    "killing 3" are two facts; a telling that gives no number may still be the same)."""
    return a <= b or b <= a


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
    shared = sum(weight.get(w, 1.0) for w in a & b)
    return shared / min(sum(weight.get(w, 1.0) for w in a), sum(weight.get(w, 1.0) for w in b))


def _rarity(bags: Sequence[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over the brief's sentences (at least 1)."""
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for word in bag:
            df[word] += 1
    n = max(len(bags), 1)
    return {w: 1.0 + math.log(n / c) for w, c in df.items()}


def candidate_pairs(keys: Sequence[_Keys]) -> set[tuple[int, int]]:
    """Pairs that share at least two uncommon words, or their whole normalised text.

    Words found in many facts ("ukraine", "russia") index nothing, so each posting list stays
    short and the work grows with the number of facts rather than with its square.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    exact: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        exact[k.exact].append(i)
        for word in k.words:
            postings[word].append(i)
    common = max(8, len(keys) // 50)
    pairs = {(m[0], j) for m in exact.values() for j in m[1:]}
    for i, k in enumerate(keys):
        shared: dict[int, int] = defaultdict(int)
        for word in k.words:
            members = postings[word]
            if len(members) > common:
                continue
            for j in members:
                if j > i:
                    shared[j] += 1
        pairs.update((i, j) for j, count in shared.items() if count >= 2)
    return pairs


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


__all__ = [
    "candidate_pairs",
    "dates_agree",
    "duplicate_articles",
    "figures_agree",
    "group_facts",
    "is_duplicate",
    "similarity",
    "weighted_overlap",
]
