"""Extraction: an ``Article`` becomes ``Fact``s, one per sentence, boilerplate included.

The stage reads as its steps: split the body into units (``sentences``), mark the ones that
are not news (``clean``), decide a section for the rest (``sections``), then date them
(``dates``) and note who says them and the figures in them (``entities``). Boilerplate stays in
the output with section ``boilerplate`` so that ``briefings extract`` shows every decision.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from ..lang import get_language
from ..model import BOILERPLATE, Article, Fact, stable_id
from ..taxonomy import Taxonomy
from . import entities as _entities
from .clean import boilerplate_reasons
from .dates import find_dates
from .classifiers import Decision, SectionClassifier
from .sections import ClassifierSettings, classifier_for
from .sentences import Unit, split_units

__all__ = ["ClassifierSettings", "SectionClassifier", "extract_article", "reference_date"]

AID = "aid"
"""The section whose facts say whether aid was pledged or delivered."""

log = logging.getLogger("briefings.extract")


def extract_article(
    article: Article,
    sections: SectionClassifier | Taxonomy,
    *,
    assume_published: date | None = None,
    settings: ClassifierSettings | None = None,
    max_sentence_chars: int | None = None,
) -> list[Fact]:
    """Every sentence of ``article`` as a ``Fact``, in order, with its section and dates.

    ``sections`` decides the sections: a ``SectionClassifier``, or a taxonomy, which stands
    for the cue lexicon of that taxonomy with ``settings``, its numeric settings (default:
    the built-in ones).
    ``max_sentence_chars`` (``limits.sentence_chars``; None: no limit): a longer unit is
    analysed and returned cut at a word boundary, ending in "…" (its ``start``/``end`` still
    span the whole unit in the article), and a warning on the ``briefings.extract`` logger
    names the article and the unit.
    """
    language = get_language(article.language)
    units = split_units(article.text, language)
    if max_sentence_chars is not None:
        units = _cut_long_units(article, units, max_sentence_chars)
    reasons = boilerplate_reasons(units, article.title, language)
    content = [i for i, reason in enumerate(reasons) if reason is None]
    classifier = _classifier(sections, settings) if isinstance(sections, Taxonomy) else sections
    decisions = _classify(units, content, classifier)
    published = reference_date(article, assume_published)
    paragraphs = _paragraph_texts(article.text, units)
    facts = [
        _fact(article, k, unit, decisions.get(k), published, paragraphs[unit.paragraph])
        for k, unit in enumerate(units)
    ]
    return _entities.resolve_speakers(facts, language)


def _cut_long_units(article: Article, units: list[Unit], limit: int) -> list[Unit]:
    """Units over ``limit`` characters cut to it (analysis of a huge unit costs time and says
    nothing a reader can use), each reported once."""
    from ..limits import cut_text

    if all(len(unit.text) <= limit for unit in units):
        return units
    out: list[Unit] = []
    for index, unit in enumerate(units):
        if len(unit.text) > limit:
            log.warning(
                "%s: unit %d is %d characters, cut to the limit of %d (limits.sentence_chars)",
                article.label, index, len(unit.text), limit,
            )
            unit = replace(unit, text=cut_text(unit.text, limit))
        out.append(unit)
    return out


def reference_date(article: Article, assume_published: date | None = None) -> date | None:
    """The day relative dates count from: the publication day in the article's own timezone,
    else the day the caller assumes, else None (then nothing is dated)."""
    if article.published is not None:
        return article.published.date()
    return assume_published


def _classify(units: Sequence[Unit], content: Sequence[int], classifier: SectionClassifier) -> dict[int, Decision]:
    """Sections of the content units; the first content unit is taken as the headline."""
    texts = _with_fragments(units, content)
    paragraphs = [units[i].paragraph for i in content]
    decisions = classifier.classify(texts, paragraphs, headline=0 if content else None)
    return dict(zip(content, decisions))


_CLASSIFIERS: dict[tuple[int, ClassifierSettings | None], tuple[Taxonomy, SectionClassifier]] = {}
"""The cue lexicons of the taxonomies callers passed, by the taxonomy's identity."""


def _classifier(taxonomy: Taxonomy, settings: ClassifierSettings | None) -> SectionClassifier:
    """``classifier_for``, memoised by the taxonomy's identity: its own cache hashes the whole
    (deep, frozen) taxonomy on every call, which cost a third of a millisecond per article."""
    key = (id(taxonomy), settings)
    hit = _CLASSIFIERS.get(key)
    if hit is not None and hit[0] is taxonomy:
        return hit[1]
    if len(_CLASSIFIERS) >= 16:
        _CLASSIFIERS.clear()
    classifier = classifier_for(taxonomy, settings)
    _CLASSIFIERS[key] = (taxonomy, classifier)  # holding the taxonomy keeps its id unique
    return classifier


def _with_fragments(units: Sequence[Unit], content: Sequence[int]) -> list[str]:
    """Texts to classify: a piece of a sentence the scraper cut across lines ("sank the
    flagship vessel") is classified with the pieces next to it, so all pieces agree."""
    texts = [units[i].text for i in content]
    for k in range(len(content) - 1):
        a, b = units[content[k]], units[content[k + 1]]
        if a.line + 1 == b.line and b.text[:1].islower():
            joined = texts[k] + " " + texts[k + 1]
            texts[k] = texts[k + 1] = joined
    return texts


def _paragraph_texts(text: str, units: Sequence[Unit]) -> dict[int, str]:
    """The text of each paragraph (context for deciding the tense of a date)."""
    spans: dict[int, tuple[int, int]] = {}
    for unit in units:
        start, _ = spans.get(unit.paragraph, (unit.start, unit.end))
        spans[unit.paragraph] = (start, unit.end)
    return {p: text[a:b] for p, (a, b) in spans.items()}


def _fact(
    article: Article,
    index: int,
    unit: Unit,
    decision: Decision | None,
    published: date | None,
    paragraph: str,
) -> Fact:
    common: dict[str, Any] = dict(
        id=stable_id(article.id, str(index)),
        article_id=article.id,
        index=index,
        text=unit.text,
        paragraph=unit.paragraph,
        start=unit.start,
        end=unit.end,
    )
    # Boilerplate keeps its dates too (a caption's or time stamp's day is still a date the
    # extract output should show); compose drops boilerplate before anything is briefed.
    dates = find_dates(unit.text, published, language=article.language, context=paragraph) if published else []
    if decision is None:
        return Fact(section=BOILERPLATE, score=1.0, dates=tuple(dates), **common)
    language = get_language(article.language)
    attribution = _entities.attribution(unit.text, language)
    is_aid = AID in (decision.section, *decision.also)
    return Fact(
        section=decision.section,
        also=decision.also,
        score=decision.score,
        dates=tuple(dates),
        attribution=attribution,
        entities=_entities.entities(unit.text, article.text, language),
        figures=_entities.figures(unit.text, language),
        unnamed_source=_entities.is_unnamed(attribution, unit.text, language),
        aid_status=_entities.aid_status(unit.text, language) if is_aid else None,
        **common,
    )
