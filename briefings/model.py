"""The typed values that pass between the stages.

collect → ``Article``; extract → ``Fact`` (one per sentence, boilerplate included, so the
``extract`` command can show everything it decided); compose → ``Brief`` (made of
``BriefFact``s that carry ``Citation``s); render writes the ``Brief`` out.

Everything here is a frozen dataclass: a stage never edits what an earlier stage produced,
it builds a new value. ``to_json`` helpers live beside the types so that every output
(brief.json, ``briefings extract``) serialises the same way; ``from_json`` beside them reads
brief.json back (``briefings send`` mails a brief without rebuilding it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, TypeVar

BOILERPLATE = "boilerplate"
"""The label of sentences that are not news (promos, share prompts, captions, bylines)."""

OTHER = "other"
"""The label of news that fits no configured section."""


_Value = TypeVar("_Value")


def pickled_by_position(cls: type[_Value]) -> type[_Value]:
    """``cls`` pickles as its constructor's arguments in field order.

    Why: extraction sends articles to its workers and facts back, and a big day's facts are
    held pickled (``packed.py``) and read back several times; Python 3.11 unpickles a slotted
    frozen dataclass through ``dataclasses._dataclass_setstate``, which lists the fields again
    for every object. Calling the class with its values unpickles a day's facts in 60 % of
    the time (a tenth of compose at 10,000 articles)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: _Value) -> tuple[type[_Value], tuple[Any, ...]]:
        return cls, tuple([getattr(self, name) for name in names])

    setattr(cls, "__reduce__", __reduce__)
    return cls


def stable_id(*parts: str, length: int = 16) -> str:
    """A short hex id that depends only on ``parts``, so ids survive re-runs."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Article:
    """One news article as collected, before any extraction."""

    id: str
    """Stable hash of the canonical URL, or of the text when there is no URL."""
    title: str
    outlet: str
    url: str | None
    published: datetime | None
    """Timezone-aware publication time, or None when the source does not say."""
    text: str
    """The body, paragraphs separated by blank lines (boilerplate still in: extract drops it)."""
    language: str = "en"
    source: str = "files"
    """The name of the source (config) that produced the article."""
    name: str | None = None
    """The file name for articles read from files (the ``extract`` contract names them so)."""
    published_has_time: bool = True
    """False when the source gave only a day: such an article belongs to that whole day."""

    @property
    def label(self) -> str:
        """How the article is named in the ``extract`` output and in error messages."""
        return self.name or self.id


@pickled_by_position
@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a sentence and the day (or span of days) it resolves to."""

    text: str
    """The expression as written, e.g. "on Wednesday" or "Thursday and Friday"."""
    start: date
    end: date

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DateMention:
        return cls(data["text"], date.fromisoformat(data["start"]), date.fromisoformat(data["end"]))


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Figure:
    """A number that matters to a reader: "more than 50 attacks", "$300 million"."""

    text: str
    """As written in the sentence."""
    value: float | None
    """The number itself where it can be read, else None ("dozens")."""
    unit: str
    """What is counted: "killed", "injured", "attacks", "money", ... or the noun as written."""
    qualifier: str = ""
    """"more than", "at least", "about", ... as written; "" for an exact figure."""
    currency: str = ""
    """ISO code for money ("USD", "EUR", "GBP"), else ""."""
    kind: str = ""
    """What a reader scans for: "killed", "injured", "attacks", "money", or ""."""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "unit": self.unit, "qualifier": self.qualifier,
                "currency": self.currency, "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        return cls(data["text"], data.get("value"), data.get("unit", ""), data.get("qualifier", ""),
                   data.get("currency", ""), data.get("kind", ""))


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Fact:
    """One sentence of one article, with what extraction found in it."""

    id: str
    article_id: str
    index: int
    """Position of the sentence within its article, from 0."""
    text: str
    section: str
    """A taxonomy key, ``other``, or ``boilerplate``."""
    also: tuple[str, ...] = ()
    """Further sections the sentence reports on (a strike that also ends talks)."""
    score: float = 0.0
    """Confidence of the section decision, 0..1."""
    dates: tuple[DateMention, ...] = ()
    attribution: str | None = None
    """Who says or claims it, or None when the outlet states it in its own voice."""
    entities: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    paragraph: int = 0
    start: int = 0
    """Character offset of the sentence in ``Article.text``."""
    end: int = 0
    unnamed_source: bool = False
    """The claim rests on sources the outlet does not name ("officials who spoke on condition
    of anonymity", "citing unnamed sources")."""
    aid_status: str | None = None
    """For aid: "pledged" (promised, announced, approved) or "delivered"; None otherwise."""

    @property
    def is_news(self) -> bool:
        return self.section != BOILERPLATE


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a brief's line comes from."""

    article_id: str
    outlet: str
    title: str
    url: str | None
    published: datetime | None
    number: int = 0
    """The article's number in the brief's Sources list (1-based), set by compose."""
    language: str | None = None
    """The article's language (given by its source or detected), as ``Article.language``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "number": self.number,
            "language": self.language,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        return cls(data["article_id"], data["outlet"], data["title"], data.get("url"),
                   _datetime_or_none(data.get("published")), data.get("number", 0), data.get("language"))


@dataclass(frozen=True, slots=True)
class BriefFact:
    """A fact as the brief shows it: possibly told by several outlets."""

    id: str
    text: str
    section: str
    score: float
    citations: tuple[Citation, ...]
    corroboration: int
    """Number of distinct outlets that report the fact."""
    dates: tuple[DateMention, ...] = ()
    attribution: str | None = None
    first_seen: datetime | None = None
    figures: tuple[Figure, ...] = ()
    entities: tuple[str, ...] = ()
    claim_status: str = ""
    """"corroborated" (two or more outlets), "single_source" (one outlet), "" when unknown."""
    unnamed_source: bool = False
    """The claim rests on unnamed sources ("a person familiar with the matter")."""
    aid_status: str | None = None
    """For aid: "pledged" (promised, announced, approved) or "delivered"; None otherwise."""
    story: str = ""
    """The id of the ``Story`` that holds this fact; "" when none does: a brief made before
    stories, or a fact past the best facts a big day clusters (``compose.stories.STORY_FACTS``)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story": self.story,
            "text": self.text,
            "section": self.section,
            "score": round(self.score, 4),
            "corroboration": self.corroboration,
            "attribution": self.attribution,
            "dates": [d.to_json() for d in self.dates],
            "figures": [f.to_json() for f in self.figures],
            "entities": list(self.entities),
            "citations": [c.to_json() for c in self.citations],
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "claim_status": self.claim_status,
            "unnamed_source": self.unnamed_source,
            "aid_status": self.aid_status,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BriefFact:
        """What ``to_json`` wrote, read back; keys added since older briefs default."""
        return cls(
            id=data.get("id", ""),
            text=data["text"],
            section=data["section"],
            score=float(data.get("score", 0.0)),
            citations=tuple(Citation.from_json(c) for c in data.get("citations", ())),
            corroboration=int(data.get("corroboration", 1)),
            dates=tuple(DateMention.from_json(d) for d in data.get("dates", ())),
            attribution=data.get("attribution"),
            first_seen=_datetime_or_none(data.get("first_seen")),
            figures=tuple(Figure.from_json(g) for g in data.get("figures", ())),
            entities=tuple(data.get("entities", ())),
            claim_status=data.get("claim_status", ""),
            unnamed_source=bool(data.get("unnamed_source", False)),
            aid_status=data.get("aid_status"),
            story=data.get("story", ""),
        )


@dataclass(frozen=True, slots=True)
class StoryChange:
    """What a story is against the brief of the day before (``compose/changes.py``)."""

    status: str
    """"new" (yesterday's brief had no such story), "continuing" (it had, and today adds
    nothing below) or "updated" (today adds a figure, an outlet or a date ahead)."""
    previous: str = ""
    """The id of yesterday's story it continues."""
    previous_headline: str = ""
    new_outlets: tuple[str, ...] = ()
    """Outlets reporting it today that had not yesterday."""
    new_figures: tuple[Figure, ...] = ()
    """Its key figures that yesterday's story did not give."""
    new_dates: tuple[DateMention, ...] = ()
    """Its dates ahead that yesterday's story did not name."""

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "previous": self.previous,
            "previous_headline": self.previous_headline,
            "new_outlets": list(self.new_outlets),
            "new_figures": [f.to_json() for f in self.new_figures],
            "new_dates": [d.to_json() for d in self.new_dates],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryChange:
        return cls(
            status=str(data["status"]),
            previous=data.get("previous", ""),
            previous_headline=data.get("previous_headline", ""),
            new_outlets=tuple(data.get("new_outlets", ())),
            new_figures=tuple(Figure.from_json(f) for f in data.get("new_figures", ())),
            new_dates=tuple(DateMention.from_json(d) for d in data.get("new_dates", ())),
        )


@dataclass(frozen=True, slots=True)
class Story:
    """One event of the day as every outlet that reported it told it: the brief's unit.

    Compose clusters the merged facts (``BriefFact``) that report one event (the same actors,
    place, time and meaning) into a story. The story refers to its facts by id; the facts
    themselves stay in their sections (brief.json keeps every fact, each naming its story).
    """

    id: str
    """Stable: a hash of the ids of its facts."""
    section: str
    """The section of its headline fact."""
    headline: str
    """The text of its headline fact: the clearest, best-corroborated complete sentence."""
    lead: str
    """The id of the headline fact."""
    facts: tuple[str, ...]
    """Every fact's id: the headline first, then the supporting facts in the order shown."""
    citations: tuple[Citation, ...]
    """One per outlet that reported any of its facts, in Sources order."""
    corroboration: int
    """Distinct outlets among ``citations``."""
    score: float
    attribution: str | None = None
    """Who the headline is attributed to (None: the outlet's own voice)."""
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    figures: tuple[Figure, ...] = ()
    """Its key figures (killed, injured, attacks, money), largest first, each once."""
    dates: tuple[DateMention, ...] = ()
    """Its upcoming dates (after the brief's day), soonest first."""
    change: StoryChange | None = None
    """Against the day before's brief; None when there was none to compare with."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "headline": self.headline,
            "lead": self.lead,
            "facts": list(self.facts),
            "corroboration": self.corroboration,
            "outlets": [c.outlet for c in self.citations],
            "score": round(self.score, 4),
            "attribution": self.attribution,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "figures": [f.to_json() for f in self.figures],
            "dates": [d.to_json() for d in self.dates],
            "citations": [c.to_json() for c in self.citations],
            "change": self.change.to_json() if self.change is not None else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=data["id"],
            section=data["section"],
            headline=data["headline"],
            lead=data["lead"],
            facts=tuple(data.get("facts", ())),
            citations=tuple(Citation.from_json(c) for c in data.get("citations", ())),
            corroboration=int(data.get("corroboration", 1)),
            score=float(data.get("score", 0.0)),
            attribution=data.get("attribution"),
            first_seen=_datetime_or_none(data.get("first_seen")),
            last_seen=_datetime_or_none(data.get("last_seen")),
            figures=tuple(Figure.from_json(g) for g in data.get("figures", ())),
            dates=tuple(DateMention.from_json(d) for d in data.get("dates", ())),
            change=StoryChange.from_json(data["change"]) if data.get("change") else None,
        )


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """One line of the "Key figures" box: a figure, what it counts, and where it comes from."""

    kind: str
    """"killed", "injured", "attacks" or "money"."""
    figure: Figure
    fact_text: str
    citations: tuple[Citation, ...]
    status: str | None = None
    """For money: "pledged" or "delivered"."""
    story: str = ""
    """The id of the story the figure comes from."""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "figure": self.figure.to_json(), "fact": self.fact_text,
                "status": self.status, "story": self.story,
                "citations": [c.to_json() for c in self.citations]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KeyFigure:
        return cls(data["kind"], Figure.from_json(data["figure"]), data.get("fact", ""),
                   tuple(Citation.from_json(c) for c in data.get("citations", ())), data.get("status"),
                   data.get("story", ""))


@dataclass(frozen=True, slots=True)
class BriefSection:
    key: str
    title: str
    facts: tuple[BriefFact, ...]
    """The facts shown, best first, at most ``max_facts_per_section``."""
    more: int = 0
    """How many further facts of this section the JSON holds in ``more_facts``."""
    more_facts: tuple[BriefFact, ...] = ()
    description: str = ""
    stories: tuple[str, ...] = ()
    """The ids of the stories this section shows, best first (``Brief.stories`` holds them)."""
    more_stories: int = 0
    """How many further stories of this section brief.json holds but the brief does not show."""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "stories": list(self.stories),
            "more_stories": self.more_stories,
            "facts": [f.to_json() for f in self.facts],
            "more": self.more,
            "more_facts": [f.to_json() for f in self.more_facts],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BriefSection:
        return cls(data["key"], data["title"], tuple(BriefFact.from_json(f) for f in data["facts"]),
                   more=data.get("more", 0),
                   more_facts=tuple(BriefFact.from_json(f) for f in data.get("more_facts", ())),
                   stories=tuple(data.get("stories", ())), more_stories=int(data.get("more_stories", 0)))


@dataclass(frozen=True, slots=True)
class UpcomingEvent:
    """A dated event after the brief's day, for "Looking ahead"."""

    start: date
    end: date
    text: str
    section: str
    citations: tuple[Citation, ...]
    expression: str = ""
    story: str = ""
    """The id of the story that announces the event: one printed line per story and event."""

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "text": self.text,
            "section": self.section,
            "expression": self.expression,
            "story": self.story,
            "citations": [c.to_json() for c in self.citations],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UpcomingEvent:
        return cls(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]), data["text"],
                   data["section"], tuple(Citation.from_json(c) for c in data["citations"]),
                   data.get("expression", ""), data.get("story", ""))


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime
    timezone: str

    def to_json(self) -> dict[str, str]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "timezone": self.timezone,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Window:
        return cls(datetime.fromisoformat(data["start"]), datetime.fromisoformat(data["end"]),
                   data["timezone"])


@dataclass(frozen=True, slots=True)
class Brand:
    name: str = "briefings"
    primary: str = "#0b3d91"
    accent: str = "#c8102e"
    marking: str = ""
    footer: str = "Prepared automatically from open sources."
    logo: str | None = None
    """Path of the logo file (SVG or PNG), resolved by config."""
    font: str = ""
    """Body text font family ('' = the theme's bundled font, the same on every machine)."""
    heading_font: str = ""
    """Headings font family ('' = ``font``, else the theme's bundled font)."""
    language: str = "en"
    """Language of dates and labels ('en', 'fr', 'uk'); article text is never translated."""
    page_size: str = "a4"
    """Paper of the PDF: 'a4' or 'letter'."""
    pdf_variant: str = ""
    """'' (plain PDF), 'pdf/a-3b' (archival, brief.json attached) or 'pdf/ua-1' (tagged)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "primary": self.primary,
            "accent": self.accent,
            "marking": self.marking,
            "footer": self.footer,
            "logo": self.logo,
            "font": self.font,
            "heading_font": self.heading_font,
            "language": self.language,
            "page_size": self.page_size,
            "pdf_variant": self.pdf_variant,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Brand:
        """Keys this version does not know are left out (a brief.json of a newer version)."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class BriefStats:
    """How much went into the brief and what was left out: the footer, the CLI's result line
    and brief.json's ``stats`` read these, made once by compose."""

    articles: int = 0
    """Articles briefed (in the window, readable)."""
    sentences: int = 0
    """Units read, boilerplate included."""
    facts: int = 0
    """Lines of the brief after merging (shown or counted under "more")."""
    boilerplate: int = 0
    merged: int = 0
    """Sentences folded into another outlet's telling of the same fact."""
    undated: int = 0
    """Articles without a publication date (kept, and said in the footer)."""
    duplicate_articles: int = 0
    """Syndicated copies and near-identical rewrites beyond the first of each."""
    skipped: int = 0
    """Inputs that could not be read (each named on stderr)."""
    out_of_window: int = 0
    """Articles read but published outside the brief's day."""

    def to_json(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BriefStats:
        """brief.json's ``stats`` read back; a count it lacks (an older brief) is 0."""
        return cls(**{k: int(v) for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class Brief:
    """The whole brief as every renderer reads it."""

    date: date
    title: str
    window: Window
    brand: Brand
    key_points: tuple[BriefFact, ...]
    sections: tuple[BriefSection, ...]
    looking_ahead: tuple[UpcomingEvent, ...]
    articles: tuple[Citation, ...]
    """The Sources list, numbered: every article briefed."""
    stats: BriefStats = BriefStats()
    generated: datetime | None = None
    key_figures: tuple[KeyFigure, ...] = ()
    stories: tuple[Story, ...] = ()
    """Every story of the day, best first; sections name the ones they show, facts their own."""

    def story_of(self, story_id: str) -> Story | None:
        """The story with this id, or None (a brief made before stories has none)."""
        for story in self.stories:
            if story.id == story_id:
                return story
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "title": self.title,
            "window": self.window.to_json(),
            "brand": self.brand.to_json(),
            "key_points": [f.to_json() for f in self.key_points],
            "key_figures": [k.to_json() for k in self.key_figures],
            "sections": [s.to_json() for s in self.sections],
            "stories": [s.to_json() for s in self.stories],
            "looking_ahead": [e.to_json() for e in self.looking_ahead],
            "articles": [source_json(a) for a in self.articles],
            "stats": self.stats.to_json(),
            "generated": self.generated.isoformat() if self.generated else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Brief:
        """Rebuild a Brief from ``to_json()`` output, all of it: ``briefings send`` renders the
        email (Key figures, caution tags) from it. Raises KeyError/TypeError/ValueError/
        AttributeError on a document that is not a brief."""
        return cls(
            date=date.fromisoformat(data["date"]),
            title=data["title"],
            window=Window.from_json(data["window"]),
            brand=Brand.from_json(data.get("brand", {})),
            key_points=tuple(BriefFact.from_json(f) for f in data.get("key_points", ())),
            sections=tuple(BriefSection.from_json(s) for s in data.get("sections", ())),
            looking_ahead=tuple(UpcomingEvent.from_json(e) for e in data.get("looking_ahead", ())),
            articles=tuple(source_from_json(a) for a in data.get("articles", ())),
            stats=BriefStats.from_json(data.get("stats", {})),
            generated=_datetime_or_none(data.get("generated")),
            key_figures=tuple(KeyFigure.from_json(k) for k in data.get("key_figures", ())),
            stories=tuple(Story.from_json(s) for s in data.get("stories", ())),
        )


def source_json(citation: Citation) -> dict[str, Any]:
    """One entry of brief.json's ``articles`` (the Sources list)."""
    return {
        "id": citation.article_id,
        "number": citation.number,
        "title": citation.title,
        "outlet": citation.outlet,
        "url": citation.url,
        "published": citation.published.isoformat() if citation.published else None,
        "language": citation.language,
    }


def source_from_json(data: dict[str, Any]) -> Citation:
    """One entry of brief.json's ``articles`` read back (the inverse of ``source_json``)."""
    return Citation(data["id"], data["outlet"], data["title"], data.get("url"),
                    _datetime_or_none(data.get("published")), data.get("number", 0), data.get("language"))


def _datetime_or_none(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class DayFacts:
    """What extraction made of a day's articles: everything compose reads (extract → compose)."""

    articles: tuple[Article, ...]
    """The day's articles, their texts let go: the brief needs their title, outlet, link and time."""
    facts: Sequence[Fact]
    """The news facts (boilerplate left out), in article order; held packed on a big day."""
    sentences: int
    """Every unit read, boilerplate included."""
    copies: list[list[str]]
    """Duplicate articles (syndicated copies, near-identical rewrites): groups of two or more
    ids, found while the texts were still there."""

    @property
    def duplicate_articles(self) -> int:
        """Articles that repeat another of the day (all but the first of each group)."""
        return sum(len(group) - 1 for group in self.copies)

    @property
    def boilerplate(self) -> int:
        """The units read that are not news (promos, share prompts, captions, bylines)."""
        return self.sentences - len(self.facts)
