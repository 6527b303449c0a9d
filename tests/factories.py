"""Builders of the pipeline's values for tests, in one place.

Each ``make_*`` takes keyword overrides only and fills the rest with plain defaults: an article
of 22 July 2025, one sentence of it, a citation of it, a brief of that day. A test names just the
fields it is about, so the values it asserts on are visible at the call site. Not a test module:
test modules import it (``from factories import make_article``) and never each other.
"""

from __future__ import annotations

from collections.abc import Mapping
import datetime as dt
from datetime import UTC, datetime, timedelta
from typing import Any

from briefings.model import (
    Article,
    Brand,
    Brief,
    BriefStats,
    BriefFact,
    BriefSection,
    Citation,
    Fact,
    KeyFigure,
    UpcomingEvent,
    Window,
    stable_id,
)

DAY = dt.date(2025, 7, 22)
"""The day of every default (the samples' day)."""
MORNING = datetime(2025, 7, 22, 8, tzinfo=UTC)
"""The default publication time."""
BUILT = datetime(2025, 7, 23, 6, 30, tzinfo=UTC)
"""The default build time of a brief: the next morning."""
TEXT = "Delegations will meet in Istanbul on Wednesday for a new round of talks, officials said."
"""The default sentence, and the default article body."""


def make_article(
    *,
    id: str | None = None,
    title: str = "Talks to resume in Istanbul",
    outlet: str = "Example Wire",
    url: str | None = None,
    published: datetime | None = MORNING,
    text: str = TEXT,
    language: str = "en",
    source: str = "files",
    name: str | None = None,
    published_has_time: bool = True,
) -> Article:
    """An ``Article``; every field may be overridden. The id defaults to the file ``name`` when
    one is given (distinct files, distinct articles), else ``"a1"``."""
    article_id = id if id is not None else (name or "a1")
    return Article(id=article_id, title=title, outlet=outlet, url=url, published=published, text=text,
                   language=language, source=source, name=name, published_has_time=published_has_time)


def make_fact(
    *,
    article_id: str = "a1",
    index: int = 0,
    text: str = TEXT,
    section: str = "other",
    id: str | None = None,
    **fields: Any,
) -> Fact:
    """A ``Fact``: sentence ``index`` of ``article_id``. The id defaults to the one extraction
    gives (``stable_id(article_id, str(index))``); ``fields`` are any other ``Fact`` field."""
    fact_id = stable_id(article_id, str(index)) if id is None else id
    return Fact(id=fact_id, article_id=article_id, index=index, text=text, section=section, **fields)


def make_citation(
    *,
    article_id: str = "a1",
    outlet: str = "Example Wire",
    title: str = "Talks to resume in Istanbul",
    url: str | None = None,
    published: datetime | None = MORNING,
    number: int = 1,
) -> Citation:
    """A ``Citation`` (an entry of the brief's Sources list)."""
    return Citation(article_id=article_id, outlet=outlet, title=title, url=url, published=published,
                    number=number)


def make_brief_fact(
    *,
    text: str = TEXT,
    section: str = "other",
    score: float = 0.8,
    citations: tuple[Citation, ...] = (),
    corroboration: int | None = None,
    id: str | None = None,
    **fields: Any,
) -> BriefFact:
    """A ``BriefFact``. The id defaults to ``stable_id(text)``; ``corroboration`` to the number
    of distinct outlets cited, at least 1; ``fields`` are any other ``BriefFact`` field."""
    outlets = len({c.outlet for c in citations})
    return BriefFact(
        id=stable_id(text) if id is None else id,
        text=text,
        section=section,
        score=score,
        citations=citations,
        corroboration=max(1, outlets) if corroboration is None else corroboration,
        **fields,
    )


def make_window(day: dt.date = DAY) -> Window:
    """The default brief window of ``day``: 00:00 to 24:00 UTC."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return Window(start, start + timedelta(days=1), "UTC")


def make_brief(
    *,
    date: dt.date = DAY,
    title: str = "Morning Brief",
    window: Window | None = None,
    brand: Brand | None = None,
    key_points: tuple[BriefFact, ...] = (),
    sections: tuple[BriefSection, ...] = (),
    looking_ahead: tuple[UpcomingEvent, ...] = (),
    articles: tuple[Citation, ...] = (),
    stats: BriefStats | Mapping[str, int] | None = None,
    generated: datetime | None = BUILT,
    key_figures: tuple[KeyFigure, ...] = (),
) -> Brief:
    """A ``Brief`` of ``date``; empty unless given sections, key points, events and sources."""
    return Brief(
        date=date,
        title=title,
        window=make_window(date) if window is None else window,
        brand=Brand() if brand is None else brand,
        key_points=key_points,
        sections=sections,
        looking_ahead=looking_ahead,
        articles=articles,
        stats=stats if isinstance(stats, BriefStats) else BriefStats(**(stats or {})),
        generated=generated,
        key_figures=key_figures,
    )
