"""The brief as an email body: an email-safe HTML part and a plain-text alternative.

Mail clients are not browsers: Gmail and Outlook drop ``<style>`` blocks, CSS variables,
``data:`` images and most layout, so the HTML body comes from its own template
(``email.html.j2``: tables and inline styles only) rather than from brief.html. The
plain-text part carries the same content for clients (and people) that read text only.
The message around them (headers, attachments) is :mod:`briefings.deliver.message`'s job.
"""

from __future__ import annotations

import logging
import os
import re
import textwrap
from dataclasses import dataclass
from typing import Any

from briefings.errors import RenderError
from briefings.model import Brand, Brief, BriefFact, BriefSection, Citation
from briefings.render import i18n
from briefings.render.contrast import AA_TEXT, INK, contrast_ratio, readable_ink
from briefings.render.html import (
    LOOKING_AHEAD_SHOWN,
    SUPPORTING_LINES,
    CitationNumbers,
    StoryView,
    calendar_entries,
    change_text,
    date_range,
    fact_tags,
    long_date,
    section_stories,
    sources_view,
    stats_lines,
    story_views,
    when_text,
    window_text,
)

EMAIL_TEMPLATE = "email.html.j2"
TEXT_WIDTH = 76
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_NAMED_COLOUR = re.compile(r"^[a-zA-Z]{3,20}$")
_DEFAULT_BRAND = Brand()
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")

log = logging.getLogger(__name__)

__all__ = ["CUTS", "EMAIL_HTML_BUDGET", "EMAIL_TEMPLATE", "EmailCut", "email_colours", "email_context",
           "one_line", "render_email_html", "render_text"]


# ----------------------------------------------------------------------------- HTML body
EMAIL_HTML_BUDGET = 100_000
"""Bytes (UTF-8) the HTML body may take. Gmail clips a message whose HTML passes about
102 KB ("[Message clipped] View entire message"), and what it cuts is the end of the brief:
Looking ahead and Sources. A bigger day shows fewer stories instead, each cut counted as
"N more in the attached PDF"."""


@dataclass(frozen=True)
class EmailCut:
    """How much of the brief the HTML body shows: one rung of the ladder ``CUTS`` walks down
    until the body fits ``EMAIL_HTML_BUDGET``."""

    stories: int | None
    """Stories (or facts, in a brief without stories) a section shows; None: all the brief shows."""
    support: int
    """Supporting lines under a story's lead."""
    looking_ahead: int
    """Calendar lines."""
    text_chars: int | None = None
    """A longer line is cut at a word ("…"); None: whole lines."""
    linked_cites: bool = True
    """Each [n] a link to its article (about 100 bytes a marker: a big day's body would be
    half links); without, the Sources entries alone link."""


CUTS = (
    EmailCut(None, SUPPORTING_LINES, LOOKING_AHEAD_SHOWN),
    EmailCut(None, SUPPORTING_LINES, LOOKING_AHEAD_SHOWN, linked_cites=False),
    EmailCut(None, 1, 12, linked_cites=False),
    EmailCut(4, 1, 10, linked_cites=False),
    EmailCut(3, 0, 8, linked_cites=False),
    EmailCut(2, 0, 5, linked_cites=False),
    EmailCut(1, 0, 3, linked_cites=False),
    EmailCut(0, 0, 0, linked_cites=False),
    EmailCut(0, 0, 0, text_chars=240, linked_cites=False),
)
"""From the whole brief (as brief.html shows it) down to the key points alone, shortened."""


def render_email_html(brief: Brief, theme: str | os.PathLike[str] | None = None,
                      attached: tuple[str, ...] = (), *, logo_cid: str | None = None,
                      budget: int = EMAIL_HTML_BUDGET) -> str:
    """The email HTML from the theme's ``email.html.j2`` (a user theme may override it):
    the first rung of ``CUTS`` whose HTML fits ``budget`` bytes (the last rung whatever it
    takes, which only a day of key points thousands of characters long reaches)."""
    import jinja2

    from briefings.render.theme import load_theme

    resolved = load_theme(theme)
    try:
        template = resolved.environment().get_template(EMAIL_TEMPLATE)
        html = ""
        for cut in CUTS:
            html = template.render(email_context(brief, attached, cut, logo_cid=logo_cid))
            if len(html.encode("utf-8")) <= budget:
                break
        else:
            log.warning("email: the HTML body is %d bytes even with only the key points "
                        "(budget %d): mail clients may clip it", len(html.encode("utf-8")), budget)
        return html
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"email: template {exc.name} not found in theme folders "
                          f"{resolved.searched()}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"email: {exc.filename or EMAIL_TEMPLATE} line {exc.lineno}: "
                          f"{exc.message}") from exc
    except RenderError:
        raise
    except Exception as exc:
        raise RenderError(f"email: template {EMAIL_TEMPLATE} failed: {one_line(str(exc))}"
                          ) from exc


def email_context(brief: Brief, attached: tuple[str, ...] = (), cut: EmailCut = CUTS[0], *,
                  logo_cid: str | None = None) -> dict[str, Any]:
    """What email.html.j2 sees: plain strings (autoescaped), validated colours, and only
    the Sources entries that what it shows cites (every [n] lands on an entry)."""
    language = i18n.language_of(brief.brand.language)
    words = i18n.labels(language)
    numbers = CitationNumbers(brief.articles)
    sources = sources_view(brief, numbers)
    hrefs = {s.number: s.href for s in sources}
    cited: set[int] = set()

    def text_of(text: str) -> str:
        return shorten(text, cut.text_chars)

    def cites_of(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
        found = numbers.numbers(citations)
        cited.update(found)
        return [{"n": n, "href": hrefs.get(n) if cut.linked_cites else None} for n in found]

    def fact_view(fact: BriefFact) -> dict[str, Any]:
        return {"text": text_of(fact.text), "cites": cites_of(fact.citations),
                "tags": fact_tags(fact, language)}

    def outlets_view(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
        return [{"outlet": c.outlet, "cites": cites_of((c,))} for c in citations]

    views = story_views(brief, cut.support)
    by_section = section_stories(brief, views)

    def key_point(fact: BriefFact) -> dict[str, Any]:
        view = views.get(fact.story)
        return {**fact_view(fact), "also": outlets_view(view.others) if view else []}

    def story_view(view: StoryView) -> dict[str, Any]:
        status, news = change_text(view.story, language)
        return {"lead": fact_view(view.lead), "support": [fact_view(f) for f in view.support],
                "outlets": outlets_view(view.outlets) if view.story.corroboration > 1 else [],
                "change": status, "since": news}

    def section_view(section: BriefSection) -> dict[str, Any]:
        stories = by_section.get(section.key, [])
        if stories:
            shown = stories[:cut.stories] if cut.stories is not None else stories
            return {"title": section.title, "stories": [story_view(v) for v in shown], "facts": [],
                    "more": more_text(section.more_stories + len(stories) - len(shown), attached, language)}
        facts = section.facts[:cut.stories] if cut.stories is not None else section.facts
        return {"title": section.title, "stories": [], "facts": [fact_view(f) for f in facts],
                "more": more_text(section.more + len(section.facts) - len(facts), attached, language)}

    calendar = calendar_entries(brief.looking_ahead)
    shown_calendar = calendar[:cut.looking_ahead]
    context = {
        "brief": brief,
        "brand": brief.brand,
        "lang": language,
        "labels": words,
        "colours": email_colours(brief.brand),
        "primary": safe_colour(brief.brand.primary, _DEFAULT_BRAND.primary),
        "accent": safe_colour(brief.brand.accent, _DEFAULT_BRAND.accent),
        "logo_cid": logo_cid,
        "long_date": long_date(brief.date, language),
        "window_text": window_text(brief),
        "key_points": [key_point(f) for f in brief.key_points],
        "sections": [section_view(s) for s in brief.sections if s.facts or s.more],
        "reported_by": words["reported_by"],
        "also": words["also"],
        "looking_ahead": [
            {"whens": [date_range(a, b, language) for a, b in e.spans], **fact_view(_as_fact(e))}
            for e in shown_calendar
        ],
        "looking_ahead_more": more_text(len(calendar) - len(shown_calendar), attached, language),
        "stats_lines": stats_lines(brief),
        "attached": attached,
        "attached_text": attachments_note(attached, language),
    }
    context["sources"] = [s for s in sources if s.number in cited]
    return context


def more_text(count: int, attached: tuple[str, ...], language: str) -> str:
    """'6 more in the attached PDF' (or 'in the full brief' when no PDF is attached); '' for 0."""
    if count <= 0:
        return ""
    words = i18n.labels(language)
    return (words["more_in_pdf"] if "pdf" in attached else words["more_in_full"]).format(n=count)


def shorten(text: str, limit: int | None) -> str:
    """``text`` cut at a word before ``limit`` characters, with '…'; whole when it fits."""
    if limit is None or len(text) <= limit:
        return text
    head = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return head.rstrip(" ,;:") + "…"


def email_colours(brand: Brand) -> dict[str, str]:
    """The colours the email draws, each text colour readable on what it is drawn on.

    The brand's colours are the sender's; the ink drawn on them is ours: the brand name on
    the primary colour and the marking on the accent colour take whichever of white and
    near-black reads better there, so a pale brand colour cannot make them vanish.
    """
    primary = safe_colour(brand.primary, _DEFAULT_BRAND.primary)
    accent = safe_colour(brand.accent, _DEFAULT_BRAND.accent)
    return {
        "primary": primary,
        "accent": accent,
        "on_primary": readable_ink(primary),
        "on_accent": readable_ink(accent),
        "link": primary if (contrast_ratio(primary, "#ffffff") or 0) >= AA_TEXT else INK,
    }


def _as_fact(event: Any) -> BriefFact:
    """An upcoming event (or calendar line) viewed as a fact (text + citations) for the
    shared fact view."""
    return BriefFact(id="", text=event.text, section=event.section, score=0.0,
                     citations=event.citations, corroboration=len(event.citations))


def safe_colour(value: str, fallback: str) -> str:
    """A colour fit for an inline ``style=""``: #rgb, #rrggbb or a colour name, else fallback."""
    value = (value or "").strip()
    if _HEX_COLOUR.match(value) or _NAMED_COLOUR.match(value):
        return value
    return fallback


# ----------------------------------------------------------------------------- text body
def render_text(brief: Brief, attached: tuple[str, ...] = ()) -> str:
    """The plain-text alternative: the whole brief, wrapped, with [n] markers and URLs."""
    numbers = CitationNumbers(brief.articles)
    out: list[str] = []
    marking = one_line(brief.brand.marking)
    if marking:
        out += [marking, ""]
    out += [one_line(brief.title).upper(), long_date(brief.date), window_text(brief), ""]

    def item(text: str, fact: BriefFact, bullet: str = "- ", after: str = "") -> None:
        tags = "".join(f" ({t})" for t in fact_tags(fact, brief.brand.language))
        marks = "".join(f"[{n}]" for n in numbers.numbers(fact.citations))
        line = f"{one_line(text)}{tags} {marks}".rstrip() + after
        out.append(_wrap(line, bullet))

    language = i18n.language_of(brief.brand.language)
    words = i18n.labels(language)
    views = story_views(brief)
    by_section = section_stories(brief, views)

    def outlets(citations: tuple) -> str:
        return ", ".join(f"{one_line(c.outlet)} " + "".join(f"[{n}]" for n in numbers.numbers((c,)))
                         for c in citations)

    def heading(title: str) -> None:
        title = one_line(title)
        out.extend(["", title.upper(), "=" * min(len(title), TEXT_WIDTH)])

    if brief.key_points:
        heading(words["key_points"])
        for fact in brief.key_points:
            view = views.get(fact.story)
            also = f" · {i18n.labels(language)['also']}: {outlets(view.others)}" if view and view.others else ""
            item(fact.text, fact, after=also)
    for section in brief.sections:
        if not (section.facts or section.more):
            continue
        heading(section.title)
        stories = by_section.get(section.key)
        if stories:
            for view in stories:
                status, news = change_text(view.story, language)
                item(f"[{status.upper()}] {view.lead.text}" if status else view.lead.text, view.lead, "* ")
                if news:
                    out.append(_wrap(news, "    + "))
                for fact in view.support:
                    item(fact.text, fact, "    - ")
                if view.story.corroboration > 1:
                    out.append(_wrap(f"{i18n.labels(language)['reported_by']}: {outlets(view.outlets)}",
                                     "    "))
            if section.more_stories:
                out.append(f"  {more_text(section.more_stories, attached, language)}")
            continue
        for fact in section.facts:
            item(fact.text, fact)
        if section.more:
            out.append(f"  {more_text(section.more, attached, language)}")
    if brief.looking_ahead:
        heading(words["looking_ahead"])
        for event in calendar_entries(brief.looking_ahead):
            when = when_text(event).replace("\u00a0", " ")
            item(f"{when}: {event.text}", _as_fact(event))
    sources = sources_view(brief, numbers)
    if sources:
        heading(words["sources"])
        for src in sources:
            published = f", {src.published}" if src.published else ""
            out.append(_wrap(f"{one_line(src.outlet)}: {one_line(src.title)}{published}",
                             f"[{src.number}] "))
            url = src.href or src.url_text
            if url:
                out.append(f"    {one_line(url)}")
    out.append("")
    out.extend(one_line(line) for line in stats_lines(brief))
    if brief.brand.footer:
        out.append(one_line(brief.brand.footer))
    if attached:
        out.append(attachments_note(attached, language))
    if marking:
        out.append(marking)
    return "\n".join(out).rstrip() + "\n"


def attachments_note(attached: tuple[str, ...], language: str = "en") -> str:
    """'Attached: the full brief as a PDF and the dates ahead as a calendar file.' ('' for none)."""
    words = i18n.labels(language)
    parts = [words[f"attached_{name}"] for name in ("pdf", "ics") if name in attached]
    if not parts:
        return ""
    joined = f" {words['and']} ".join(parts)
    return f"{words['attached']}: {joined}."


def _wrap(text: str, bullet: str) -> str:
    """Wrap at TEXT_WIDTH with a hanging indent; URLs and long words are never split."""
    return textwrap.fill(text, width=TEXT_WIDTH, initial_indent=bullet,
                         subsequent_indent=" " * len(bullet), break_long_words=False,
                         break_on_hyphens=False)


def one_line(text: str) -> str:
    """``text`` with every line break and run of whitespace collapsed to one space."""
    return " ".join(_LINE_BREAKS.sub(" ", text or "").split())
