"""The brief as an email body: an email-safe HTML part and a plain-text alternative.

Mail clients are not browsers: Gmail and Outlook drop ``<style>`` blocks, CSS variables,
``data:`` images and most layout, so the HTML body comes from its own template
(``email.html.j2``: tables and inline styles only) rather than from brief.html. The
plain-text part carries the same content for clients (and people) that read text only.
The message around them (headers, attachments) is :mod:`briefings.deliver.message`'s job.
"""

from __future__ import annotations

import os

import re
import textwrap
from typing import Any

from briefings.errors import RenderError
from briefings.model import Brand, Brief, BriefFact
from briefings.render import i18n
from briefings.render.html import (
    CitationNumbers,
    section_stories,
    story_views,
    calendar_entries,
    date_range,
    fact_tags,
    long_date,
    sources_view,
    stats_lines,
    when_text,
    window_text,
)

EMAIL_TEMPLATE = "email.html.j2"
TEXT_WIDTH = 76
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_NAMED_COLOUR = re.compile(r"^[a-zA-Z]{3,20}$")
_DEFAULT_BRAND = Brand()
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")

__all__ = ["EMAIL_TEMPLATE", "email_context", "one_line", "render_email_html", "render_text"]


# ----------------------------------------------------------------------------- HTML body
def render_email_html(brief: Brief, theme: str | os.PathLike[str] | None = None,
                      attached: tuple[str, ...] = ()) -> str:
    """The email HTML from the theme's ``email.html.j2`` (a user theme may override it)."""
    import jinja2

    from briefings.render.theme import load_theme

    resolved = load_theme(theme)
    try:
        template = resolved.environment().get_template(EMAIL_TEMPLATE)
        return template.render(email_context(brief, attached))
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


def email_context(brief: Brief, attached: tuple[str, ...] = ()) -> dict[str, Any]:
    """What email.html.j2 sees: plain strings (autoescaped) and validated colours."""
    numbers = CitationNumbers(brief.articles)
    sources = sources_view(brief, numbers)
    hrefs = {s.number: s.href for s in sources}

    def fact_view(fact: BriefFact) -> dict[str, Any]:
        cites = [{"n": n, "href": hrefs.get(n)} for n in numbers.numbers(fact.citations)]
        return {"text": fact.text, "cites": cites, "tags": fact_tags(fact, brief.brand.language)}

    def outlets_view(citations: tuple) -> list[dict[str, Any]]:
        return [{"outlet": c.outlet, "cites": [{"n": n, "href": hrefs.get(n)} for n in numbers.numbers((c,))]}
                for c in citations]

    views = story_views(brief)
    by_section = section_stories(brief, views)

    def key_point(fact: BriefFact) -> dict[str, Any]:
        view = views.get(fact.story)
        return {**fact_view(fact), "also": outlets_view(view.others) if view else []}

    def story_view(view: Any) -> dict[str, Any]:
        return {"lead": fact_view(view.lead), "support": [fact_view(f) for f in view.support],
                "outlets": outlets_view(view.outlets) if view.story.corroboration > 1 else []}

    return {
        "brief": brief,
        "brand": brief.brand,
        "primary": safe_colour(brief.brand.primary, _DEFAULT_BRAND.primary),
        "accent": safe_colour(brief.brand.accent, _DEFAULT_BRAND.accent),
        "long_date": long_date(brief.date),
        "window_text": window_text(brief),
        "key_points": [key_point(f) for f in brief.key_points],
        "sections": [
            {"title": s.title, "facts": [fact_view(f) for f in s.facts], "more": s.more,
             "stories": [story_view(v) for v in by_section.get(s.key, ())], "more_stories": s.more_stories}
            for s in brief.sections if s.facts or s.more
        ],
        "reported_by": i18n.labels(brief.brand.language)["reported_by"],
        "also": i18n.labels(brief.brand.language)["also"],
        "looking_ahead": [
            {"whens": [date_range(a, b) for a, b in e.spans], **fact_view(_as_fact(e))}
            for e in calendar_entries(brief.looking_ahead)
        ],
        "sources": sources,
        "stats_lines": stats_lines(brief),
        "attached": attached,
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

    language = brief.brand.language
    views = story_views(brief)
    by_section = section_stories(brief, views)

    def outlets(citations: tuple) -> str:
        return ", ".join(f"{one_line(c.outlet)} " + "".join(f"[{n}]" for n in numbers.numbers((c,)))
                         for c in citations)

    def heading(title: str) -> None:
        title = one_line(title)
        out.extend(["", title.upper(), "=" * min(len(title), TEXT_WIDTH)])

    if brief.key_points:
        heading("Key points")
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
                item(view.lead.text, view.lead, "* ")
                for fact in view.support:
                    item(fact.text, fact, "    - ")
                if view.story.corroboration > 1:
                    out.append(_wrap(f"{i18n.labels(language)['reported_by']}: {outlets(view.outlets)}",
                                     "    "))
            if section.more_stories:
                out.append(f"  +{section.more_stories} more not shown")
            continue
        for fact in section.facts:
            item(fact.text, fact)
        if section.more:
            out.append(f"  +{section.more} more not shown")
    if brief.looking_ahead:
        heading("Looking ahead")
        for event in calendar_entries(brief.looking_ahead):
            when = when_text(event).replace("\u00a0", " ")
            item(f"{when}: {event.text}", _as_fact(event))
    sources = sources_view(brief, numbers)
    if sources:
        heading("Sources")
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
        out.append(_attachments_note(attached))
    if marking:
        out.append(marking)
    return "\n".join(out).rstrip() + "\n"


def _attachments_note(attached: tuple[str, ...]) -> str:
    parts = {"pdf": "the full brief as a PDF", "ics": "the dates ahead as a calendar file"}
    return "Attached: " + " and ".join(parts[a] for a in attached if a in parts) + "."


def _wrap(text: str, bullet: str) -> str:
    """Wrap at TEXT_WIDTH with a hanging indent; URLs and long words are never split."""
    return textwrap.fill(text, width=TEXT_WIDTH, initial_indent=bullet,
                         subsequent_indent=" " * len(bullet), break_long_words=False,
                         break_on_hyphens=False)


def one_line(text: str) -> str:
    """``text`` with every line break and run of whitespace collapsed to one space."""
    return " ".join(_LINE_BREAKS.sub(" ", text or "").split())
