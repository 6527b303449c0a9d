"""Compose: from extracted facts to a ``Brief``.

Merges the same fact told by several outlets into one ``BriefFact`` citing all of them, ranks
facts, picks key points that never say the same thing twice, and lists dated upcoming events
for "Looking ahead". Merging compares only candidate pairs that share rare words (an inverted
index), so the cost grows with the number of facts, not with its square.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

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
    UpcomingEvent,
    Window,
    stable_id,
)
from ..packed import Subset
from ..taxonomy import Taxonomy
from .figures import key_figures
from ..lang import ENGLISH, Language
from .merge import group_facts, languages_of, sentence_key, title_key
from .text import content_words, normal, readable, similarity, without_dateline

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
    groups = group_facts(news, day.copies, keys=keys, languages=languages)
    del keys  # what the merge compared (50 MB at 10,000 articles): gone before the merged facts are made
    merged = [_merge_group([news[i] for i in group], citations, spec) for group in groups]
    sections = build_sections(merged, spec)
    stats = BriefStats(
        articles=len(articles),
        sentences=day.sentences,
        facts=len(merged),
        boilerplate=day.boilerplate,
        merged=len(news) - len(merged),
        undated=sum(1 for a in articles if a.published is None),
        duplicate_articles=sum(len(g) - 1 for g in day.copies),
        skipped=skipped,
        out_of_window=out_of_window,
    )
    return Brief(
        date=spec.date,
        title=spec.title,
        window=spec.window,
        brand=spec.brand,
        key_points=pick_key_points(merged, spec.key_points),
        key_figures=key_figures(merged),
        sections=sections,
        looking_ahead=looking_ahead(merged, spec.date),
        articles=tuple(citations.values()),
        stats=stats,
        generated=generated,
    )


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


def _merge_group(group: list[Fact], citations: dict[str, Citation], spec: BriefSpec) -> BriefFact:
    best = group[0] if len(group) == 1 else max(group, key=_clarity)
    attributed = best if best.attribution else next((f for f in group if f.attribution), best)
    cited = _one_citation_per_outlet(group, citations)
    outlets = {c.outlet.lower() for c in cited}
    published = [c.published for c in cited if c.published]
    return BriefFact(
        id=stable_id(*sorted(f.id for f in group)),
        text=readable(without_dateline(best.text)),
        section=best.section,
        score=rank(best, len(outlets), len(spec.taxonomy.keys)),
        citations=cited,
        corroboration=len(outlets),
        dates=best.dates,
        attribution=attributed.attribution,
        first_seen=min(published) if published else None,
        figures=best.figures,
        entities=best.entities,
        claim_status="corroborated" if len(outlets) > 1 else "single_source",
        unnamed_source=all(f.unnamed_source for f in group) or attributed.unnamed_source,
        aid_status=best.aid_status,
    )


def _clarity(fact: Fact) -> tuple[float, int]:
    """Prefer the confident, information-rich telling of moderate length that reads alone
    ("Zelensky said ..." over "He said ...")."""
    length = len(fact.text)
    length_fit = 1.0 if 60 <= length <= 260 else 0.5
    return (fact.score * length_fit * standalone(fact.text) + 0.1 * len(fact.figures) + 0.05 * len(fact.dates),
            -length)


_LEANS_BACK = frozenset("he she it they this that these those his her its their him them".split())
"""First words that point at the sentence before: "He added that ...", "That brought the total ..."."""
_CONNECTIVE = frozenset("but and however also still yet so meanwhile".split())
SHORT_WORDS = 8
"""A sentence of fewer words says little on its own ("Not today, he said.", "Ukraine has
confirmed it will attend.")."""


def standalone(text: str) -> float:
    """How well a sentence reads out of its article, 0.5..1: a brief lifts sentences out of
    their paragraphs, and "He did not win this war." or the middle of a quote spread over three
    sentences ("Strong, dignified, and lasting peace," he said) leaves the reader guessing."""
    words = text.split(None, SHORT_WORDS)  # the first word, and whether there are enough
    if not words:
        return 0.5
    factor = 1.0
    first = words[0].strip("\"\u201c\u2018'(,").lower()
    if first in _LEANS_BACK:
        factor *= 0.75
    elif first in _CONNECTIVE:
        factor *= 0.9
    straight, opening, closing = text.count('"'), text.count("\u201c"), text.count("\u201d")
    if straight % 2 or opening != closing:
        factor *= 0.75  # part of a quote that runs over several sentences
    if len(words) < SHORT_WORDS:
        factor *= 0.75
    return max(factor, 0.5)


def _one_citation_per_outlet(group: list[Fact], citations: dict[str, Citation]) -> tuple[Citation, ...]:
    by_outlet: dict[str, Citation] = {}
    for fact in group:
        citation = citations.get(fact.article_id)
        if citation and citation.outlet.lower() not in by_outlet:
            by_outlet[citation.outlet.lower()] = citation
    return tuple(sorted(by_outlet.values(), key=lambda c: c.number))


def rank(fact: Fact, corroboration: int, sections: int) -> float:
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
    return round(score * section_weight * standalone(fact.text), 4)


def build_sections(facts: list[BriefFact], spec: BriefSpec) -> tuple[BriefSection, ...]:
    """Sections in taxonomy order, then "other"; each capped, the rest kept for the JSON."""
    by_section: dict[str, list[BriefFact]] = defaultdict(list)
    for fact in facts:
        by_section[fact.section].append(fact)
    cap = spec.max_facts_per_section
    result = []
    specs = [(s.key, s.title, s.description) for s in spec.taxonomy.sections]
    for key, title, description in specs + [(OTHER, OTHER_TITLE, "")]:
        ranked = sorted(by_section.get(key, []), key=lambda f: -f.score)
        if not ranked:
            continue
        result.append(
            BriefSection(
                key=key,
                title=title,
                description=description,
                facts=tuple(ranked[:cap]),
                more=max(0, len(ranked) - cap),
                more_facts=tuple(ranked[cap:]),
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
