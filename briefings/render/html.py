"""brief.html: one self-contained HTML file from the theme's Jinja2 template.

Self-contained means: the theme's CSS inlined in a ``<style>``, the logo as a ``data:`` URI,
no request to anywhere when the file is opened (it is mailed, archived and read offline).
The same HTML feeds WeasyPrint for the PDF; ``@page`` rules in the CSS only matter there.

Article text reaches the template as plain strings and is escaped by Jinja2's autoescape;
the only strings marked safe are the theme's own CSS and the brand CSS built here from
validated colours.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
from markupsafe import Markup

from briefings.errors import RenderError
from briefings.model import (
    Brand,
    Brief,
    BriefFact,
    BriefSection,
    Citation,
    KeyFigure,
    Story,
    UpcomingEvent,
)
from briefings.render import i18n
from briefings.render.contrast import check_brand_contrast, readable_ink
from briefings.render.options import PAGE_SIZES
from briefings.render.theme import TEMPLATE_NAME, Theme, image_data_uri

log = logging.getLogger(__name__)

_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,20}"
    r"|rgba?\(\s*[\d.%\s,/]+\)|hsla?\(\s*[\d.%\s,/deg]+\))$"
)
_DEFAULT_BRAND = Brand()
LOOKING_AHEAD_SHOWN = 15
"""Lines the Looking-ahead list shows (the soonest, in date order; a sentence that names
several upcoming dates is one line, see ``CalendarEntry``); brief.json and looking-ahead.ics
keep every event and the list says how many more lines there are. A theme may show another
number by overriding the ``looking_ahead`` block (``calendar`` holds every line)."""


# ----------------------------------------------------------------------------- formatting
def long_date(value: date | datetime, language: str = "en") -> str:
    """'Tuesday 22 July 2025': unambiguous for every reader (no 07/22 vs 22/07)."""
    return i18n.long_date(value, language)


def short_date(value: date | datetime, language: str = "en") -> str:
    """'Wed 23 Jul': compact, for lists where the year is obvious."""
    return i18n.short_date(value, language)


def date_range(start: date, end: date, language: str = "en") -> str:
    """A day or a span: 'Wed 23 Jul', 'Thu 24 – Fri 25 Jul', 'Wed 30 Jul – Fri 1 Aug'.

    Spaces inside each end are no-break spaces, so a narrow date column wraps only at the
    dash, never between a weekday and its day number.
    """
    nb = "\u00a0"
    if end <= start:
        text = short_date(start, language)
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{short_date(start, language).rsplit(' ', 1)[0]} – {short_date(end, language)}"
    elif start.year == end.year:
        text = f"{short_date(start, language)} – {short_date(end, language)}"
    else:
        text = (f"{short_date(start, language)} {start.year} – "
                f"{short_date(end, language)} {end.year}")
    return nb.join(text.split(" ")).replace(f"{nb}–{nb}", " – ")


@dataclass(frozen=True)
class CalendarEntry:
    """One line of the printed Looking ahead: a sentence with every upcoming span it names.

    brief.json and looking-ahead.ics keep one event per date, which is what a calendar
    wants; a reader of the brief would see "consultations may continue on Thursday and
    Friday if the delegations make progress on Wednesday" twice, under Wednesday and under
    Thursday-Friday. Here it is one line, dated with both, listed at its first date.
    """

    spans: tuple[tuple[date, date], ...]
    """(start, end) of each upcoming date the sentence names, soonest first."""
    text: str
    section: str
    citations: tuple[Citation, ...]

    @property
    def start(self) -> date:
        return self.spans[0][0]


def calendar_entries(events: Iterable[UpcomingEvent]) -> list[CalendarEntry]:
    """The brief's upcoming events, one entry per sentence (text and citations), in date order."""
    spans: dict[tuple[str, tuple[Citation, ...]], set[tuple[date, date]]] = {}
    sections: dict[tuple[str, tuple[Citation, ...]], str] = {}
    for event in events:
        key = (event.text, event.citations)
        spans.setdefault(key, set()).add((event.start, event.end))
        sections.setdefault(key, event.section)
    entries = [CalendarEntry(tuple(sorted(days)), text, sections[(text, cites)], cites)
               for (text, cites), days in spans.items()]
    return sorted(entries, key=lambda entry: (entry.spans, entry.text))


def when_text(entry: CalendarEntry, language: str = "en", separator: str = "; ") -> str:
    """Every span of a calendar entry: 'Wed 23 Jul; Thu 24 – Fri 25 Jul'."""
    return separator.join(date_range(start, end, language) for start, end in entry.spans)


def published_text(value: datetime | None, tz: ZoneInfo | None, language: str = "en") -> str:
    """A citation's publication time in the brief's zone, or '' when unknown."""
    if value is None:
        return ""
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    if value.hour == 0 and value.minute == 0 and value.second == 0:
        return i18n.day_month(value, language)
    return f"{i18n.day_month(value, language)}, {value:%H:%M}"


def http_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link with a host, else None.

    Only these become ``href``s: ``javascript:``, ``data:``, ``file:`` and friends from a
    hostile or broken feed are shown as text and never clickable.
    """
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 33 or ch in '"<>\\`' for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return None


def window_text(brief: Brief, language: str | None = None) -> str:
    """'News from 00:00 Tue 22 Jul to 00:00 Wed 23 Jul 2025 (Europe/Kyiv)'."""
    language = language or brief.brand.language
    words = i18n.labels(language)
    tz = _zone(brief.window.timezone)
    start, end = brief.window.start, brief.window.end
    if tz is not None:
        start, end = start.astimezone(tz), end.astimezone(tz)
    return (
        f"{words['news_from']} {start:%H:%M} {short_date(start, language)} {words['to']} "
        f"{end:%H:%M} {short_date(end, language)} {end.year} ({brief.window.timezone})"
    )


def brand_css(brand: Brand) -> Markup:
    """CSS custom properties for the brand colours, validated before they reach CSS.

    The colours come from a config file: a value like ``red; } body { background:
    url(http://...)`` must not become a rule, so anything but a plain colour falls back to
    the default brand's colour (and is logged).
    """
    primary = _colour(brand.primary, _DEFAULT_BRAND.primary, "primary")
    accent = _colour(brand.accent, _DEFAULT_BRAND.accent, "accent")
    check_brand_contrast(primary, accent)
    sans = font_stack(brand.heading_font or brand.font, SANS_FALLBACK)
    serif = font_stack(brand.font, SERIF_FALLBACK)
    # the ink on each brand colour is ours, not the brand's: white or near-black, the better
    on_primary, on_accent = readable_ink(primary), readable_ink(accent)
    return Markup(f":root {{ --brand-primary: {primary}; --brand-accent: {accent}; "
                  f"--brand-on-primary: {on_primary}; --brand-on-accent: {on_accent}; "
                  f"--sans: {sans}; --serif: {serif}; }}")


SANS_FALLBACK = ('"Briefings Sans", "Liberation Sans", "Helvetica Neue", Helvetica, Arial, '
                 '"DejaVu Sans", sans-serif')
SERIF_FALLBACK = ('"Briefings Serif", Charter, "Bitstream Charter", Georgia, "Liberation Serif", '
                  '"DejaVu Serif", serif')
"""The bundled fonts come first: the PDF loads them from the theme (fonts.css), so it looks
the same on every machine; the HTML does not inline them (megabytes in every email) and
falls through to the reader's own fonts."""
_FONT_NAME = re.compile(r"^[\w][\w .\-]{0,60}$")


def font_stack(family: str, fallback: str) -> str:
    """A CSS font-family list: the brand's font (quoted, validated by config) then ``fallback``.

    The name is checked again here because brief.json may come from elsewhere (``send``):
    only letters, digits, spaces, dots and hyphens reach the stylesheet.
    """
    family = (family or "").strip()
    if not family:
        return fallback
    if not _FONT_NAME.match(family):
        log.warning("brand font %r is not a plain family name; ignored", family)
        return fallback
    return f'"{family}", {fallback}'


def _colour(value: str, fallback: str, name: str) -> str:
    if value and _COLOUR.match(value.strip()):
        return value.strip()
    log.warning("brand.%s %r is not a CSS colour; using %s", name, value, fallback)
    return fallback


# ----------------------------------------------------------------------------- view model
SUPPORTING_LINES = 2
"""Lines a story shows under its bold lead; brief.json keeps all of its facts."""
"""Labels of the stories' outlet lines (for ``i18n``'s tables when it next changes hands)."""


@dataclass(frozen=True)
class StoryView:
    """One story as a section shows it: the lead line, a few supporting lines, the outlets."""

    story: Story
    lead: BriefFact
    support: tuple[BriefFact, ...]
    """The first ``SUPPORTING_LINES`` of the story's other facts, in the story's order."""
    outlets: tuple[Citation, ...]
    """Every outlet that reported the story, one citation each."""
    others: tuple[Citation, ...]
    """The outlets the lead line does not cite: a key point names them after its own."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        """What the story's lines cite (``cited_sources`` reads this)."""
        return self.outlets


def story_views(brief: Brief, supporting: int = SUPPORTING_LINES) -> dict[str, StoryView]:
    """Every story of the brief by id, resolved to its facts (an older brief has none)."""
    if not brief.stories:
        return {}
    facts = {f.id: f for section in brief.sections for f in (*section.facts, *section.more_facts)}
    for fact in brief.key_points:
        facts.setdefault(fact.id, fact)
    views = {}
    for story in brief.stories:
        lead = facts.get(story.lead)
        if lead is None:
            continue
        support = tuple(facts[i] for i in story.facts[1:] if i in facts)[:supporting]
        lead_outlets = {c.outlet.lower() for c in lead.citations}
        others = tuple(c for c in story.citations if c.outlet.lower() not in lead_outlets)
        views[story.id] = StoryView(story, lead, support, story.citations, others)
    return views


def section_stories(brief: Brief, views: dict[str, StoryView]) -> dict[str, list[StoryView]]:
    """The stories each section shows, by section key, best first."""
    return {section.key: [views[i] for i in section.stories if i in views] for section in brief.sections}


@dataclass(frozen=True)
class SourceView:
    """One entry of the numbered Sources list as the template shows it."""

    number: int
    outlet: str
    title: str
    href: str | None
    """Set only for http(s) URLs."""
    url_text: str | None
    """A non-http URL, shown as plain text (never a link)."""
    published: str


class CitationNumbers:
    """Maps citations to their number in the Sources list.

    compose sets ``Citation.number``; when it did not (0), the article's position in
    ``brief.articles`` is used so markers still point at the right source.
    """

    def __init__(self, articles: tuple[Citation, ...]) -> None:
        self._by_id: dict[str, int] = {}
        for index, article in enumerate(articles, start=1):
            self._by_id.setdefault(article.article_id, article.number or index)

    def number(self, citation: Citation) -> int | None:
        return citation.number or self._by_id.get(citation.article_id)

    def numbers(self, citations: tuple[Citation, ...]) -> list[int]:
        """Distinct source numbers of a fact's citations, ascending, for markers [1][2]."""
        seen: list[int] = []
        for citation in citations:
            n = self.number(citation)
            if n is not None and n not in seen:
                seen.append(n)
        return sorted(seen)


def fact_tags(fact: BriefFact, language: str | None = "en") -> list[str]:
    """Caution tags for a fact: a claim resting on one outlet or on unnamed sources.

    Compose sets ``claim_status`` and ``unnamed_source`` (extraction judges unnamed sources,
    with the words of the article's language: the renderer does not judge again); the same
    tags reach the HTML, the PDF and the email text. A statement in the outlet's own voice
    from one outlet is not tagged (its single [n] marker says so); a claim attributed to
    someone is tagged "single source" when only one outlet carries it, and unnamed sources
    are always called out. A fact without ``claim_status`` (an older brief.json) counts its
    outlets. The tags are in the brand's ``language``.
    """
    attribution = fact.attribution or ""
    unnamed = fact.unnamed_source
    single = fact.claim_status == "single_source" if fact.claim_status else fact.corroboration <= 1
    tags = []
    if unnamed and single:
        tags.append("single unnamed source")
    elif unnamed:
        tags.append("unnamed sources")
    elif attribution and single:
        tags.append("single source")
    if fact.aid_status:
        tags.append(fact.aid_status)
    words = i18n.TAGS[i18n.language_of(language)]
    return [words.get(tag, tag) for tag in tags]


def change_text(story: Story | None, language: str | None = "en") -> tuple[str, str]:
    """(status word, what is new) of a story against the day before: ("Updated", "now also
    Reuters; new dates: Fri 25 Jul"), ("New", ""); ("", "") when the brief was not compared."""
    change = story.change if story is not None else None
    if change is None:
        return "", ""
    words = i18n.labels(language)
    details = []
    if change.new_outlets:
        details.append(f"{words['change_outlets']} {', '.join(change.new_outlets)}")
    if change.new_figures:
        details.append(f"{words['change_figures']}: {', '.join(f.text for f in change.new_figures)}")
    if change.new_dates:
        details.append(f"{words['change_dates']}: "
                       + ", ".join(date_range(d.start, d.end, language or "en") for d in change.new_dates))
    return words.get(f"change_{change.status}", change.status), "; ".join(details)


def figure_text(item: KeyFigure) -> str:
    """'more than 50 attacks', '$300 million (pledged)': the figure as a reader scans it."""
    fig = item.figure
    if item.kind == "money" and fig.value:
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(fig.currency, fig.currency + " ")
        text = f"{fig.qualifier + ' ' if fig.qualifier else ''}{symbol}{_amount(fig.value)}"
        return f"{text} ({item.status})" if item.status else text
    return fig.text


def _amount(value: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}"


KIND_TITLES = i18n.KIND_TITLES["en"]


def sources_view(brief: Brief, numbers: CitationNumbers) -> list[SourceView]:
    tz = _zone(brief.window.timezone)
    views = []
    for article in brief.articles:
        href = http_url(article.url)
        views.append(
            SourceView(
                number=numbers.number(article) or 0,
                outlet=article.outlet,
                title=article.title,
                href=href,
                url_text=None if href else (article.url or None),
                published=published_text(article.published, tz, brief.brand.language),
            )
        )
    return views


def stats_lines(brief: Brief) -> list[str]:
    """Footer statistics, in words: how much was read and what was missing."""
    stats = brief.stats
    words = i18n.labels(brief.brand.language)
    lines = [words["articles_briefed"].format(
        articles=i18n.counted(stats.articles, words["article"], words["articles"]),
        facts=i18n.counted(stats.facts, words["fact"], words["facts"]))]
    undated = stats.undated
    if undated > 0:
        lines.append(words["undated"].format(
            articles=i18n.counted(undated, words["article"], words["articles"])))
    return lines


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def logo_uri(brand: Brand) -> str | None:
    """The brand logo as a data: URI; a missing or unfit logo is logged and left out.

    A missing logo file should not cost the morning brief: config validates the path, and
    here it only degrades to the brand name.
    """
    if not brand.logo:
        return None
    path = Path(brand.logo).expanduser()
    uri = image_data_uri(path) if path.is_file() else None
    if uri is None:
        log.warning("brand logo %s is missing or not an SVG/PNG/JPEG image; left out", path)
    return uri


def template_context(brief: Brief, theme: Theme) -> dict[str, Any]:
    """Everything the template sees. Plain values: autoescape handles all article text."""
    numbers = CitationNumbers(brief.articles)
    generated = brief.generated
    created = (generated or datetime.now(UTC)).isoformat(timespec="seconds")
    language = i18n.language_of(brief.brand.language)
    sources = sources_view(brief, numbers)
    sections = [s for s in brief.sections if s.facts or s.more]
    upcoming = calendar_entries(brief.looking_ahead)
    shown_events = upcoming[:LOOKING_AHEAD_SHOWN]
    views = story_views(brief)
    by_section = section_stories(brief, views)
    key_stories = [views[f.story] for f in brief.key_points if f.story in views]
    shown_stories = key_stories + [v for section in sections for v in by_section.get(section.key, ())]
    appendix = appendix_parts(brief, sections)
    appendix_dates = [_appendix_line(e.text, e.citations, when_text(e, language))
                      for e in upcoming[LOOKING_AHEAD_SHOWN:LOOKING_AHEAD_SHOWN + APPENDIX_LINES]]
    shown_sources = cited_sources(sources, numbers, brief.key_points, brief.key_figures, shown_events,
                                  shown_stories, *(section.facts for section in sections
                                                   if not by_section.get(section.key)))
    return {
        "lang": language,
        "labels": i18n.labels(language),
        "page_size": page_size_of(brief.brand),
        "page_css": page_css(brief.brand, language),
        "lead_facts": lead_facts(brief, views),
        "section_stories": by_section,
        "key_point_stories": key_stories,
        "story_of": lambda fact: views.get(fact.story),
        "reported_by": i18n.labels(language)["reported_by"],
        "also": i18n.labels(language)["also"],
        "cited_sources": lambda *groups: cited_sources(sources, numbers, *groups),
        "brief": brief,
        "brand": brief.brand,
        # the theme's own CSS, never article text; "</" is escaped so it cannot close <style>
        "css": Markup(theme.read_stylesheet().replace("</", "<\\/")),
        "brand_css": brand_css(brief.brand),
        "logo": logo_uri(brief.brand),
        "long_date": long_date(brief.date, language),
        "window_text": window_text(brief),
        "generated": generated.isoformat(timespec="seconds") if generated else None,
        "created": created,
        "generated_text": generated_text(generated, language),
        "sources": sources,
        "shown_sources": shown_sources,
        "calendar": upcoming,
        "upcoming": shown_events,
        "upcoming_more": len(appendix_dates),
        "stats_lines": stats_lines(brief),
        "cite": numbers.numbers,
        "tags": lambda fact: fact_tags(fact, language),
        "figure_text": figure_text,
        "change_of": lambda story: change_text(story, language),
        "kind_titles": i18n.KIND_TITLES[language],
        "date_range": lambda start, end: date_range(start, end, language),
        "event_key": event_sort_key,
        "sections": sections,
        "appendix": appendix,
        "appendix_count": appendix_count(appendix),
        "appendix_dates": appendix_dates,
    }


@dataclass(frozen=True)
class AppendixLine:
    """One line of the appendix: a story's headline (or a fact, or a date ahead) and its outlets."""

    text: str
    outlets: tuple[dict[str, str | None], ...]
    """{"outlet": name, "href": its article's http(s) URL or None}, one per outlet."""
    when: str = ""


@dataclass(frozen=True)
class AppendixPart:
    """A section's lines that the section itself had no room for."""

    key: str
    title: str
    lines: tuple[AppendixLine, ...]


def _appendix_line(text: str, citations: Iterable[Citation], when: str = "") -> AppendixLine:
    seen: dict[str, str | None] = {}
    for citation in citations:
        seen.setdefault(citation.outlet, http_url(citation.url))
    return AppendixLine(text, tuple({"outlet": o, "href": h} for o, h in seen.items()), when)


APPENDIX_LINES = 12
"""Further stories (or facts) the appendix lists per section, best first, and further dates
ahead, soonest first. A busy day has thousands of stories and hundreds of dates: forty a
section made a 1,000-article brief 26 pages long (12 of them appendix) where a reader wants
a brief that gets shorter, not longer, as the day gets busier; brief.json keeps every story
and looking-ahead.ics every date."""


def appendix_parts(brief: Brief, sections: Iterable[BriefSection]) -> list[AppendixPart]:
    """Per section, what it does not show: the headlines of its further stories (best
    first), or in a brief without stories its further facts, at most ``APPENDIX_LINES``.
    The brief says "12 more stories at the end of the brief" and links here, instead of
    naming a data file."""
    parts = []
    for section in sections:
        if section.stories:
            shown = set(section.stories)
            lines = [_appendix_line(story.headline, story.citations) for story in brief.stories
                     if story.section == section.key and story.id not in shown]
        else:
            lines = [_appendix_line(fact.text, fact.citations) for fact in section.more_facts]
        if lines:
            parts.append(AppendixPart(section.key, section.title, tuple(lines[:APPENDIX_LINES])))
    return parts


def appendix_count(parts: list[AppendixPart]) -> Any:
    """For the template: how many lines the appendix holds for a section (0: no more line;
    a "more" count the appendix cannot list would send the reader to nothing)."""
    by_key = {part.key: len(part.lines) for part in parts}

    def count(section: BriefSection) -> int:
        return by_key.get(section.key, 0)

    return count


def page_size_of(brand: Brand) -> str:
    """The CSS ``size`` of the brand's paper ('A4' or 'letter'); unknown values read as A4."""
    return PAGE_SIZES.get((brand.page_size or "a4").lower(), "A4")


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string: quotes, backslashes and '<' escaped."""
    out = []
    for ch in text:
        if ch in '"\\<>' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def page_css(brand: Brand, language: str) -> Markup:
    """The paper size and the localised 'Page X of Y', after the theme's CSS so they win.

    Built here rather than in brief.css because both vary per brand; only our own label
    table and a validated size reach the stylesheet.
    """
    words = i18n.labels(language)
    counter = (f"{css_string(words['page'] + ' ')} counter(page) "
               f"{css_string(' ' + words['of'] + ' ')} counter(pages)")
    return Markup(f"@page {{ size: {page_size_of(brand)}; @bottom-right {{ content: {counter}; }} }}")


def generated_text(generated: datetime | None, language: str) -> str | None:
    """'23 Jul 2025 06:30 UTC' in the brief's language, or None when the time is unknown."""
    if generated is None:
        return None
    return f"{i18n.day_month(generated, language)} {generated:%H:%M %Z}".strip()


def lead_facts(brief: Brief, views: dict[str, StoryView] | None = None) -> list[tuple[str, BriefFact]]:
    """(section title, its lead fact) per section: the compact theme's one line a section.

    The lead is the headline of the section's first story that is not already a key point
    (or, in a brief without stories, its first such fact), so the summary does not say the
    same thing twice on one page.
    """
    said = {fact.text for fact in brief.key_points}
    views = story_views(brief) if views is None else views
    leads = []
    for section in brief.sections:
        heads = [views[i].lead for i in section.stories if i in views]
        if heads:
            fresh = [f for f in heads if f.text not in said]
            leads.append((section.title, (fresh or heads)[0]))
        elif section.facts:
            fresh = [f for f in section.facts if f.text not in said]
            leads.append((section.title, (fresh or list(section.facts))[0]))
    return leads


def cited_sources(sources: list[SourceView], numbers: CitationNumbers, *groups: Any
                  ) -> list[SourceView]:
    """The Sources entries cited by the given facts/events, in number order.

    A one-page summary cannot list forty sources; it lists those its lines cite, so every
    [n] marker on the page still lands on an entry.
    """
    wanted: set[int] = set()
    for group in groups:
        for item in group:
            fact = item[1] if isinstance(item, tuple) else item
            wanted.update(numbers.numbers(fact.citations))
    return [s for s in sources if s.number in wanted]


def event_sort_key(event: UpcomingEvent) -> tuple[date, date]:
    return (event.start, event.end)


# ----------------------------------------------------------------------------- rendering
def render_html(brief: Brief, theme: Theme) -> str:
    """Render brief.html with the theme's template; any template problem is a RenderError.

    A theme's template can fail in many ways (syntax, a missing include, an undefined name,
    an exception in a filter); each becomes one line naming the template and, where Jinja2
    knows it, the line.
    """
    env = theme.environment()
    try:
        template = env.get_template(TEMPLATE_NAME)
        return template.render(template_context(brief, theme))
    except RenderError:
        raise
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"brief.html: template {exc.name} not found in theme folders {theme.searched()}"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"brief.html: {_where(exc)}: {exc.message}") from exc
    except Exception as exc:
        detail = " ".join(str(exc).split())
        raise RenderError(f"brief.html: template {TEMPLATE_NAME} failed: {detail}") from exc


def _where(exc: jinja2.TemplateSyntaxError) -> str:
    return f"{exc.filename or exc.name or TEMPLATE_NAME} line {exc.lineno}"
