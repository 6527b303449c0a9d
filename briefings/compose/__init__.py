"""Compose: from extracted facts to a ``Brief``.

Merges the same fact told by several outlets into one ``BriefFact`` citing all of them, ranks
facts, picks key points that never say the same thing twice, and lists dated upcoming events
for "Looking ahead". Merging compares only candidate pairs that share rare words (an inverted
index), so the cost grows with the number of facts, not with its square.

The merged facts are then gathered into stories (``stories.py``: one event, every outlet that
reported it): sections list stories, key points are the top stories' headlines, and Looking
ahead has one line per story and event. Every fact stays in its section, naming its story.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from ..model import (
    OTHER,
    Article,
    Brand,
    Brief,
    BriefFact,
    BriefSection,
    BriefStats,
    Citation,
    DayFacts,
    Fact,
    Story,
    UpcomingEvent,
    Window,
    stable_id,
)
from ..packed import Subset
from ..taxonomy import Taxonomy
from .figures import key_figures
from ..lang import ENGLISH, Language
from .merge import DEFAULT_SETTINGS, SEMANTIC_SIMILARITY, group_facts, languages_of, sentence_key, title_key
from .stories import StoryInput, cluster_best, complete, make_story, rank_stories
from .text import content_words, folding, normal, readable, similarity, without_dateline, words

__all__ = ["BriefSpec", "compose_brief", "content_words", "looking_ahead", "normal", "similarity", "without_dateline"]

OTHER_TITLE = "Other developments"
KEY_POINT_OVERLAP = 0.45
"""Key points more alike than this are two tellings of one thing: only the first is kept."""
KEY_POINTS_PER_STORY = 2
"""Key points that may cite one article before the other stories of the day have had theirs."""


@dataclass(frozen=True)
class BriefSpec:
    """What the brief should be, apart from its content."""

    date: date
    title: str
    window: Window
    brand: Brand
    taxonomy: Taxonomy
    key_points: int = 5
    max_facts_per_section: int = 10
    max_stories_per_section: int = 6
    """Stories a section shows (each a lead line and a few supporting lines); brief.json
    keeps every story and every fact."""
    semantic_merge: bool = False
    """Sentence embeddings also propose merge candidates (``merge.SEMANTIC_SIMILARITY``)."""
    previous: Path | None = None
    """The brief.json of the day before, to mark each story new, continuing or updated
    (``changes.py``); None or a missing file: no marks."""


def compose_brief(
    day: DayFacts,
    spec: BriefSpec,
    *,
    generated: datetime | None = None,
    skipped: int = 0,
    out_of_window: int = 0,
) -> Brief:
    """The whole compose stage, one step a line, from what extraction made of the day.
    ``skipped`` and ``out_of_window`` count what the build read but could not brief."""
    articles, facts = day.articles, day.facts
    citations = number_sources(articles)
    languages = languages_of(articles)
    kept, keys = _news_without_headlines(facts, citations, languages)
    news = facts if len(kept) == len(facts) else Subset(facts, kept)
    settings = replace(DEFAULT_SETTINGS, semantic_similarity=SEMANTIC_SIMILARITY) if spec.semantic_merge else DEFAULT_SETTINGS
    groups = group_facts(news, day.copies, settings, keys=keys, languages=languages)
    meaning = [_group_words(keys, group) for group in groups]
    del keys  # what the merge compared (50 MB at 10,000 articles): gone before the merged facts are made
    merged = [_merge_group([news[i] for i in group], citations, spec, languages) for group in groups]

    merged, stories = tell_stories(merged, _story_inputs(news, groups, merged, meaning, languages), spec.date)
    del meaning
    sections = build_sections(merged, spec, stories)
    stats = BriefStats(
        articles=len(articles),
        sentences=day.sentences,
        facts=len(merged),
        boilerplate=day.boilerplate,
        merged=len(news) - len(merged),
        undated=sum(1 for a in articles if a.published is None),
        duplicate_articles=day.duplicate_articles,
        skipped=skipped,
        out_of_window=out_of_window,
    )
    return Brief(
        date=spec.date,
        title=spec.title,
        window=spec.window,
        brand=spec.brand,
        key_points=story_key_points(stories, merged, spec.key_points),
        key_figures=key_figures(merged),
        sections=sections,
        looking_ahead=story_looking_ahead(stories, merged, spec.date),
        articles=tuple(citations.values()),
        stats=stats,
        generated=generated,
        stories=tuple(stories),
    )


def _story_inputs(news: Sequence[Fact], groups: Sequence[Sequence[int]], merged: Sequence[BriefFact],
                  meaning: Sequence[frozenset[str] | tuple[str, ...]], languages: Mapping[str, Language]
                  ) -> Callable[[int], StoryInput]:
    """What the clustering reads of merged fact ``n``, made when asked: only for the facts a
    day clusters (``STORY_FACTS``), not for the 100,000 of a big day."""

    def story_input(n: int) -> StoryInput:
        members = [news[i] for i in groups[n]]
        fact, words_ = merged[n], meaning[n]
        language = languages.get(members[0].article_id, ENGLISH)
        return StoryInput(words_, _names(fact.entities, language),
                          tuple((m.article_id, m.index) for m in members),
                          folding(language).event_senses.intersection(words_),
                          standalone(fact.text, language) >= 1.0)

    return story_input


def _group_words(keys: Sequence, group: Sequence[int]) -> frozenset[str] | tuple[str, ...]:
    """The meaning words of a merged fact's sentences (the merge's keys, not made again)."""
    if len(group) == 1:
        return keys[group[0]].words
    return frozenset(w for i in group for w in keys[i].words)


@lru_cache(maxsize=1 << 16)
def _name_stems(entity: str, language: Language) -> frozenset[str]:
    fold = folding(language)
    return frozenset(fold.stem(w) for w in words(entity, language) if w not in fold.stopwords and not w[0].isdigit())


def _names(entities: Sequence[str], language: Language) -> frozenset[str]:
    """The stems of a fact's names (places, people, bodies), as its meaning words spell them."""
    if not entities:
        return frozenset()
    if len(entities) == 1:
        return _name_stems(entities[0], language)
    return frozenset().union(*(_name_stems(e, language) for e in entities))


def tell_stories(merged: list[BriefFact], story_input: Callable[[int], StoryInput], day: date
                 ) -> tuple[list[BriefFact], list[Story]]:
    """The merged facts, each naming its story, and the stories, best first. A fact past the
    facts a day clusters (``STORY_FACTS``) names none and stays the object it was (on a big
    day, a copy of every fact would double compose's memory)."""
    told = list(merged)
    stories = []
    clusters = cluster_best(merged, story_input, day)
    for group in clusters.groups:
        story = make_story([merged[i] for i in group], day, [clusters.centrality[i] for i in group])
        stories.append(story)
        for i in group:
            told[i] = replace(merged[i], story=story.id)
    for i in _backed_by_figures(merged, clusters.groups):
        told[i] = replace(told[i], claim_status="corroborated")
    return told, rank_stories(stories)


def _backed_by_figures(merged: Sequence[BriefFact], groups: Sequence[Sequence[int]]) -> set[int]:
    """Single-source facts whose every counted figure (killed, injured, money...) another
    outlet gives in a fact of the same story: "the Pentagon said it pledged $325 million"
    and "Washington prepares a $325 million package, according to U.S. officials" are one
    claim told twice, though not one sentence. Nothing else is marked corroborated."""
    backed = set()
    for group in groups:
        if len(group) < 2:
            continue
        for i in group:
            fact = merged[i]
            if fact.claim_status != "single_source":
                continue
            counted = {(g.kind, g.value) for g in fact.figures if g.kind and g.value}
            if not counted:
                continue
            mine = {c.outlet.lower() for c in fact.citations}
            others = {(g.kind, g.value) for j in group if j != i
                      and {c.outlet.lower() for c in merged[j].citations} - mine for g in merged[j].figures}
            if counted <= others:
                backed.add(i)
    return backed


def story_key_points(stories: Sequence[Story], facts: Sequence[BriefFact], count: int) -> tuple[BriefFact, ...]:
    """The headlines of the day's top stories, one line each (no two saying the same thing:
    two stories the clustering kept apart may still be one in a reader's eyes)."""
    by_id = {f.id: f for f in facts}
    chosen: list[BriefFact] = []
    chosen_words: list[frozenset[str]] = []
    for story in stories:
        if len(chosen) >= count:
            break
        if story.section == OTHER:
            continue
        lead = by_id[story.lead]
        words_ = content_words(lead.text)
        if any(similarity(words_, w) > KEY_POINT_OVERLAP for w in chosen_words):
            continue
        chosen.append(lead)
        chosen_words.append(words_)
    return tuple(chosen)


EVENT_GAP_DAYS = 2
"""Upcoming days of one story this close together are one event ("talks on Wednesday, may
continue on Thursday and Friday"); further apart, two lines."""


def story_looking_ahead(stories: Sequence[Story], facts: Sequence[BriefFact], day: date
                        ) -> tuple[UpcomingEvent, ...]:
    """One line per story and event: the story's clearest dated fact about it, citing every
    outlet that dated it, with each of its days (brief.json and the calendar file keep one
    ``UpcomingEvent`` per day; the printed list joins those of one line)."""
    by_id = {f.id: f for f in facts}
    events: list[UpcomingEvent] = []
    for story in stories:
        if not story.dates:
            continue
        dated = [by_id[i] for i in story.facts if any(m.start > day for m in by_id[i].dates)]
        for spans, tellers in _events_of(dated, day):
            best = max(tellers, key=lambda f: (complete(f.text), f.id == story.lead, f.score))
            cited = _outlet_citations(tellers)
            expressions = {(m.start, m.end): m.text for f in (*tellers, best) for m in f.dates}  # the line's own last
            for start, end in spans:
                events.append(UpcomingEvent(start=start, end=end, text=best.text, section=story.section,
                                            citations=cited, expression=expressions.get((start, end), ""),
                                            story=story.id))
    return tuple(sorted(events, key=lambda e: (e.start, e.end, e.text)))


def _events_of(dated: Sequence[BriefFact], day: date) -> list[tuple[list[tuple[date, date]], list[BriefFact]]]:
    """A story's upcoming days grouped into events (days within ``EVENT_GAP_DAYS``), each
    with the facts that give one of its days."""
    spans = sorted({(m.start, m.end) for f in dated for m in f.dates if m.start > day})
    events: list[list[tuple[date, date]]] = []
    for span in spans:
        if events and (span[0] - max(e for _, e in events[-1])).days <= EVENT_GAP_DAYS:
            events[-1].append(span)
        else:
            events.append([span])
    result = []
    for event in events:
        inside = set(event)
        tellers = [f for f in dated if any((m.start, m.end) in inside for m in f.dates)]
        result.append((event, tellers))
    return result


def _outlet_citations(facts: Sequence[BriefFact]) -> tuple[Citation, ...]:
    by_outlet: dict[str, Citation] = {}
    for fact in facts:
        for citation in fact.citations:
            by_outlet.setdefault(citation.outlet.lower(), citation)
    return tuple(sorted(by_outlet.values(), key=lambda c: c.number))


def number_sources(articles: Sequence[Article]) -> dict[str, Citation]:
    """Number the Sources list: oldest first, then by outlet, so numbers are stable."""
    def order(article: Article) -> tuple[str, str, str]:
        published = article.published.isoformat() if article.published else "9999"
        return (published, article.outlet.lower(), article.title.lower())

    numbered = {}
    for number, article in enumerate(sorted(articles, key=order), start=1):
        numbered[article.id] = Citation(
            article_id=article.id,
            outlet=article.outlet,
            title=article.title,
            url=article.url,
            published=article.published,
            language=article.language,
            number=number,
        )
    return numbered


def _news_without_headlines(
    facts: Sequence[Fact], citations: dict[str, Citation], languages: Mapping[str, Language]
) -> tuple[list[int], list]:
    """In one pass: the indexes of the news facts that are not their article's own headline
    repeated in its body (the Sources list already shows it), and their merge keys (made
    once, read here and by the merge), each read in its article's language."""
    headline = {aid: title_key(c.title, languages[aid]) for aid, c in citations.items()}
    kept, keys = [], []
    for i, fact in enumerate(facts):
        if not fact.is_news:
            continue
        key = sentence_key(fact, languages.get(fact.article_id, ENGLISH))
        if key.exact != headline.get(fact.article_id):
            kept.append(i)
            keys.append(key)
    return kept, keys


def _merge_group(group: list[Fact], citations: dict[str, Citation], spec: BriefSpec,
                 languages: Mapping[str, Language]) -> BriefFact:
    def clarity(fact: Fact) -> tuple[bool, float, int]:
        return _clarity(fact, languages.get(fact.article_id, ENGLISH))

    best = group[0] if len(group) == 1 else max(group, key=clarity)
    attributed = best if best.attribution else next((f for f in group if f.attribution), best)
    cited = _one_citation_per_outlet(group, citations)
    outlets = {c.outlet.lower() for c in cited}
    published = [c.published for c in cited if c.published]
    return BriefFact(
        id=stable_id(*sorted(f.id for f in group)),
        text=readable(without_dateline(best.text)),
        section=best.section,
        score=rank(best, len(outlets), len(spec.taxonomy.keys), languages.get(best.article_id, ENGLISH)),
        citations=cited,
        corroboration=len(outlets),
        dates=best.dates,
        attribution=_shared(attributed.attribution),
        first_seen=min(published) if published else None,
        figures=best.figures,
        entities=tuple(map(sys.intern, best.entities)),
        claim_status="corroborated" if len(outlets) > 1 else "single_source",
        unnamed_source=all(f.unnamed_source for f in group) or attributed.unnamed_source,
        aid_status=best.aid_status,
    )


def _shared(text: str | None) -> str | None:
    """One string object for every fact that names the same speaker: a big day's 100,000
    merged facts each held their own copy of "the Kremlin" (the facts are unpacked apart)."""
    return sys.intern(text) if text else text


def _clarity(fact: Fact, language: Language = ENGLISH) -> tuple[bool, float, int]:
    """Prefer a complete sentence (never a fragment the scraper cut, "to the State
    Department..."), then the confident, information-rich telling of moderate length that
    reads alone ("Zelensky said ..." over "He said ...")."""
    length = len(fact.text)
    length_fit = 1.0 if 60 <= length <= 260 else 0.5
    return (complete(without_dateline(fact.text)),
            fact.score * length_fit * standalone(fact.text, language) + 0.1 * len(fact.figures) + 0.05 * len(fact.dates),
            -length)


SHORT_WORDS = 8
"""A sentence of fewer words says little on its own ("Not today, he said.", "Ukraine has
confirmed it will attend.")."""


def standalone(text: str, language: Language = ENGLISH) -> float:
    """How well a sentence reads out of its article, 0.5..1: a brief lifts sentences out of
    their paragraphs, and "He did not win this war." or the middle of a quote spread over three
    sentences ("Strong, dignified, and lasting peace," he said) leaves the reader guessing.
    ``language`` gives the first words that lean on the sentence before."""
    words = text.split(None, SHORT_WORDS)  # the first word, and whether there are enough
    if not words:
        return 0.5
    factor = 1.0
    first = words[0].strip("\"\u201c\u2018'(,").lower()
    if first in language.comparison.leans_back:
        factor *= 0.75
    elif first in language.comparison.connectives:
        factor *= 0.9
    if _open_quote(text):
        factor *= 0.75  # part of a quote that runs over several sentences
    if len(words) < SHORT_WORDS:
        factor *= 0.75
    return max(factor, 0.5)


def _open_quote(text: str) -> bool:
    """Whether ``text`` opens or closes a quote it does not hold whole: “…” (English), „…“
    (German, whose closing mark is English's opening one), «…» (French, Russian, Ukrainian,
    Spanish), or an odd number of straight quotes."""
    curly_open, curly_close, low_open = text.count("\u201c"), text.count("\u201d"), text.count("\u201e")
    return (text.count('"') % 2 == 1 or curly_open - low_open != curly_close
            or text.count("\u00ab") != text.count("\u00bb"))


def _one_citation_per_outlet(group: list[Fact], citations: dict[str, Citation]) -> tuple[Citation, ...]:
    by_outlet: dict[str, Citation] = {}
    for fact in group:
        citation = citations.get(fact.article_id)
        if citation and citation.outlet.lower() not in by_outlet:
            by_outlet[citation.outlet.lower()] = citation
    return tuple(sorted(by_outlet.values(), key=lambda c: c.number))


def rank(fact: Fact, corroboration: int, sections: int, language: Language = ENGLISH) -> float:
    """Relevance to its section, outlets that report it, figures, a named source, and
    how early in its article it comes (news writing puts the most important first)."""
    section_weight = 0.6 if fact.section == OTHER else 1.0
    position = 1.0 / (1.0 + fact.index / 8.0)
    score = (
        0.40 * fact.score * section_weight
        + 0.20 * min(1.0, math.log2(1 + corroboration) / 2)
        + 0.15 * min(1.0, len(fact.figures) / 2)
        + 0.10 * (1.0 if fact.attribution else 0.0)
        + 0.15 * position
    )
    return round(score * section_weight * standalone(fact.text, language), 4)


def build_sections(facts: list[BriefFact], spec: BriefSpec, stories: Sequence[Story] = ()
                   ) -> tuple[BriefSection, ...]:
    """Sections in taxonomy order, then "other"; each capped, the rest kept for the JSON.
    A section shows its best ``max_stories_per_section`` stories (``stories`` best first)."""
    by_section: dict[str, list[BriefFact]] = defaultdict(list)
    for fact in facts:
        by_section[fact.section].append(fact)
    story_ids: dict[str, list[str]] = defaultdict(list)
    for story in stories:
        story_ids[story.section].append(story.id)
    cap = spec.max_facts_per_section
    result = []
    specs = [(s.key, s.title, s.description) for s in spec.taxonomy.sections]
    for key, title, description in specs + [(OTHER, OTHER_TITLE, "")]:
        ranked = sorted(by_section.get(key, []), key=lambda f: -f.score)
        if not ranked:
            continue
        told = story_ids.get(key, [])
        result.append(
            BriefSection(
                key=key,
                title=title,
                description=description,
                facts=tuple(ranked[:cap]),
                more=max(0, len(ranked) - cap),
                more_facts=tuple(ranked[cap:]),
                stories=tuple(told[:spec.max_stories_per_section]),
                more_stories=max(0, len(told) - spec.max_stories_per_section),
            )
        )
    return tuple(result)


def pick_key_points(facts: list[BriefFact], count: int) -> tuple[BriefFact, ...]:
    """The best facts across sections, no two telling the same thing, and the day's stories
    before a third line of one story: a long, well-sourced article would otherwise fill the
    box with its own paragraphs (four of five key points from one Reuters piece on a day
    with talks in Geneva). When the day has fewer stories, the box fills up with the rest."""
    ranked = [f for f in sorted(facts, key=lambda f: -f.score) if f.section != OTHER]
    chosen: list[BriefFact] = []
    chosen_words: list[frozenset[str]] = []
    for per_story in (KEY_POINTS_PER_STORY, count):
        for fact in ranked:
            if len(chosen) >= count:
                return tuple(chosen)
            if any(fact.id == c.id for c in chosen) or _story_lines(fact, chosen) >= per_story:
                continue
            words = content_words(fact.text)
            if any(similarity(words, w) > KEY_POINT_OVERLAP for w in chosen_words):
                continue
            chosen.append(fact)
            chosen_words.append(words)
    return tuple(chosen)


def _story_lines(fact: BriefFact, chosen: Sequence[BriefFact]) -> int:
    """How many chosen lines cite an article this fact cites (one story, as far as we know)."""
    mine = {c.article_id for c in fact.citations}
    return sum(1 for other in chosen if mine & {c.article_id for c in other.citations})


def looking_ahead(facts: list[BriefFact], day: date) -> tuple[UpcomingEvent, ...]:
    """Facts dated after the brief's day, in date order, each event once."""
    events: dict[tuple[date, date, str], UpcomingEvent] = {}
    for fact in facts:
        for mention in fact.dates:
            if mention.start <= day:
                continue
            key = (mention.start, mention.end, fact.id)
            events.setdefault(
                key,
                UpcomingEvent(
                    start=mention.start,
                    end=mention.end,
                    text=fact.text,
                    section=fact.section,
                    citations=fact.citations,
                    expression=mention.text,
                ),
            )
    return tuple(sorted(events.values(), key=lambda e: (e.start, e.end, e.text)))


from .changes import SinceYesterday  # noqa: E402  (after BriefSpec, which it reads)
from .steps import register_step  # noqa: E402

register_step(SinceYesterday())
