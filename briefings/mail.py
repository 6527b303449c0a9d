"""The brief as an email: an email-safe HTML body, a plain-text alternative, the PDF and the .ics.

Mail clients are not browsers: Gmail and Outlook drop ``<style>`` blocks, CSS variables,
``data:`` images and most layout, so the HTML body comes from its own template
(``email.html.j2``: tables and inline styles only) rather than from brief.html. The
plain-text part carries the same content for clients (and people) that read text only.

Headers are built only from values that cannot break a line: the subject is collapsed to
one line (a hostile title cannot add a ``Bcc:``), addresses with CR/LF are refused, and Bcc
recipients live only in the SMTP envelope (see :mod:`briefings.deliver`), never in a header.
"""

from __future__ import annotations

import json
import logging
import re
import string
import textwrap
from collections.abc import Mapping
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path
from typing import Any

from briefings.deliver import SUBJECT_FIELDS, EmailSettings, address_problem
from briefings.errors import DeliveryError, RenderError
from briefings.model import (
    Brand,
    Brief,
    BriefFact,
    BriefSection,
    Citation,
    DateMention,
    Figure,
    KeyFigure,
    UpcomingEvent,
    Window,
)
from briefings.render import FILE_NAMES
from briefings.render.html import (  # mail is imported only when a brief is sent
    CitationNumbers,
    calendar_entries,
    date_range,
    fact_tags,
    long_date,
    sources_view,
    stats_lines,
    when_text,
    window_text,
)

log = logging.getLogger(__name__)

EMAIL_TEMPLATE = "email.html.j2"
TEXT_WIDTH = 76
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_NAMED_COLOUR = re.compile(r"^[a-zA-Z]{3,20}$")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")

__all__ = [
    "EMAIL_TEMPLATE",
    "brief_from_json",
    "build_message",
    "load_brief",
    "render_email_html",
    "render_text",
    "write_eml",
]


# ----------------------------------------------------------------------------- message
def build_message(brief: Brief, files: Mapping[str, Path], settings: EmailSettings,
                  theme: str | Path | None = None, *, now: datetime | None = None
                  ) -> EmailMessage:
    """The complete message for ``brief``: headers, text + HTML alternatives, attachments.

    ``files`` maps render formats to the paths written (``{"pdf": ..., "ics": ...}``). The
    PDF is attached when given (a listed PDF that cannot be read is a DeliveryError: the
    mail would silently lack the brief); the .ics only when it exists and the brief has
    upcoming events (a stale calendar from an earlier run is never mailed).
    """
    _check_addresses(settings)
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = subject_line(brief, settings)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    if settings.cc:
        message["Cc"] = ", ".join(settings.cc)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = make_msgid("brief", domain=_domain(settings.sender))
    message["Auto-Submitted"] = "auto-generated"
    pdf = _pdf_bytes(files.get("pdf"))
    ics = _ics_bytes(brief, files.get("ics"))
    attached = tuple(name for name, data in (("pdf", pdf), ("ics", ics)) if data is not None)
    try:
        html = render_email_html(brief, theme, attached)
    except RenderError as exc:  # the brief is built: a failing email is a delivery failure
        raise DeliveryError(str(exc)) from exc
    message.set_content(render_text(brief, attached), subtype="plain", charset="utf-8",
                        cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if pdf is not None:
        message.add_attachment(pdf, maintype="application", subtype="pdf",
                               filename=f"brief-{brief.date.isoformat()}.pdf")
    if ics is not None:
        # RFC 6047: the method parameter must agree with the calendar's own METHOD
        params = {"method": "PUBLISH"} if b"METHOD:PUBLISH" in ics else {}
        message.add_attachment(ics, maintype="text", subtype="calendar", params=params,
                               filename=FILE_NAMES["ics"])
    return message


def subject_line(brief: Brief, settings: EmailSettings) -> str:
    """The subject template filled in, on one line whatever the title contains."""

    values = {
        "title": one_line(brief.title),
        "date": long_date(brief.date),
        "iso_date": brief.date.isoformat(),
        "brand": one_line(brief.brand.name),
    }
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(settings.subject)
                 if name is not None}
        unknown = sorted(names - set(SUBJECT_FIELDS))  # also refuses {title.attr}, {date[0]}
        if unknown:
            raise KeyError(unknown[0])
        subject = settings.subject.format_map(values)
    except (KeyError, ValueError, IndexError) as exc:
        raise DeliveryError(f"email.subject {one_line(settings.subject)!r}: bad template "
                            f"({exc}); placeholders: {', '.join(SUBJECT_FIELDS)}") from exc
    return one_line(subject) or one_line(brief.title) or "Morning brief"


def one_line(text: str) -> str:
    """``text`` with every line break and run of whitespace collapsed to one space."""
    return " ".join(_LINE_BREAKS.sub(" ", text or "").split())


def _check_addresses(settings: EmailSettings) -> None:
    """Refuse addresses that could inject headers (settings built without from_table)."""
    for key in ("sender", "to", "cc", "bcc"):
        value = getattr(settings, key)
        for address in (value,) if isinstance(value, str) else value:
            problem = address_problem(address)
            if problem:
                raise DeliveryError(f"email.{key}: {one_line(address)!r}: {problem}")
    if not settings.to:
        raise DeliveryError("email.to: no recipient")


def _domain(sender: str) -> str:
    """The sender's domain for the Message-ID (so it is unique and traceable to us)."""
    addr = getaddresses([sender])[0][1]
    domain = addr.rpartition("@")[2].strip("[]")
    return domain or "localhost"


def _pdf_bytes(path: Path | None) -> bytes | None:
    """The PDF to attach; a listed PDF that cannot be read is an error (the mail would
    silently lack the brief), an unlisted one (``--format html``) only a warning."""
    if path is None:
        log.warning("no PDF among the rendered files: the email carries no PDF")
        return None
    return _read(Path(path))


def _ics_bytes(brief: Brief, path: Path | None) -> bytes | None:
    """looking-ahead.ics when it exists and the brief has events (never a stale calendar).

    ``method=PUBLISH`` goes into the Content-Type only when the calendar itself declares
    ``METHOD:PUBLISH``: RFC 6047 wants the two to agree.
    """
    if path is None or not brief.looking_ahead or not Path(path).is_file():
        return None
    return _read(Path(path))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot attach: {exc.strerror or exc}") from exc


def write_eml(message: EmailMessage, path: Path) -> Path:
    """Write ``message`` as an .eml file, atomically (``--dry-run``: inspect instead of send).

    The file is exactly what would go over the wire, CRLF line ends included, so any mail
    client opens it.
    """
    from briefings.atomic import prepare_dir, write_all
    from briefings.errors import OutputError

    path = Path(path)
    data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    try:
        return write_all(prepare_dir(path.parent), {path.name: data})[0]
    except OutputError as exc:  # the brief is built; only its (dry-run) delivery failed
        raise DeliveryError(str(exc)) from exc


# ----------------------------------------------------------------------------- HTML body
def render_email_html(brief: Brief, theme: str | Path | None = None,
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

    return {
        "brief": brief,
        "brand": brief.brand,
        "primary": safe_colour(brief.brand.primary, "#0b3d91"),
        "accent": safe_colour(brief.brand.accent, "#c8102e"),
        "long_date": long_date(brief.date),
        "window_text": window_text(brief),
        "key_points": [fact_view(f) for f in brief.key_points],
        "sections": [
            {"title": s.title, "facts": [fact_view(f) for f in s.facts], "more": s.more}
            for s in brief.sections if s.facts or s.more
        ],
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

    def item(text: str, fact: BriefFact, bullet: str = "- ") -> None:
        tags = "".join(f" ({t})" for t in fact_tags(fact, brief.brand.language))
        marks = "".join(f"[{n}]" for n in numbers.numbers(fact.citations))
        line = f"{one_line(text)}{tags} {marks}".rstrip()
        out.append(_wrap(line, bullet))

    def heading(title: str) -> None:
        title = one_line(title)
        out.extend(["", title.upper(), "=" * min(len(title), TEXT_WIDTH)])

    if brief.key_points:
        heading("Key points")
        for fact in brief.key_points:
            item(fact.text, fact)
    for section in brief.sections:
        if not (section.facts or section.more):
            continue
        heading(section.title)
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


# ----------------------------------------------------------------------------- brief.json back
def load_brief(path: Path) -> Brief:
    """The Brief of an earlier build, read back from its brief.json.

    ``briefings send --date D`` mails what ``build`` wrote without rebuilding (which could
    pick up articles collected since). Any problem is a DeliveryError naming the file.
    (This is the inverse of ``Brief.to_json``; it would sit better in model.py.)
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DeliveryError(f"{path}: not valid JSON ({one_line(str(exc))})") from exc
    try:
        return brief_from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DeliveryError(f"{path}: not a brief.json ({type(exc).__name__}: "
                            f"{one_line(str(exc))})") from exc


def brief_from_json(data: Mapping[str, Any]) -> Brief:
    """Rebuild a Brief from ``Brief.to_json()`` output, all of it: ``send`` renders the email
    (Key figures, caution tags) from it (raises KeyError/TypeError/ValueError)."""
    window = data["window"]
    return Brief(
        date=date.fromisoformat(data["date"]),
        title=data["title"],
        window=Window(datetime.fromisoformat(window["start"]),
                      datetime.fromisoformat(window["end"]), window["timezone"]),
        brand=Brand(**{k: v for k, v in data.get("brand", {}).items()
                       if k in Brand.__dataclass_fields__}),
        key_points=tuple(_fact_from_json(f) for f in data.get("key_points", ())),
        sections=tuple(
            BriefSection(s["key"], s["title"], tuple(_fact_from_json(f) for f in s["facts"]),
                         more=s.get("more", 0),
                         more_facts=tuple(_fact_from_json(f) for f in s.get("more_facts", ())))
            for s in data.get("sections", ())
        ),
        looking_ahead=tuple(
            UpcomingEvent(date.fromisoformat(e["start"]), date.fromisoformat(e["end"]), e["text"],
                          e["section"], tuple(_citation_from_json(c) for c in e["citations"]),
                          e.get("expression", ""))
            for e in data.get("looking_ahead", ())
        ),
        articles=tuple(
            Citation(a["id"], a["outlet"], a["title"], a.get("url"), _when(a.get("published")),
                     a.get("number", 0))
            for a in data.get("articles", ())
        ),
        stats=dict(data.get("stats", {})),
        generated=_when(data.get("generated")),
        key_figures=tuple(
            KeyFigure(k["kind"], _figure_from_json(k["figure"]), k.get("fact", ""),
                      tuple(_citation_from_json(c) for c in k.get("citations", ())), k.get("status"))
            for k in data.get("key_figures", ())
        ),
    )


def _figure_from_json(g: Mapping[str, Any]) -> Figure:
    return Figure(g["text"], g.get("value"), g.get("unit", ""), g.get("qualifier", ""),
                  g.get("currency", ""), g.get("kind", ""))


def _fact_from_json(f: Mapping[str, Any]) -> BriefFact:
    return BriefFact(
        id=f.get("id", ""),
        text=f["text"],
        section=f["section"],
        score=float(f.get("score", 0.0)),
        citations=tuple(_citation_from_json(c) for c in f.get("citations", ())),
        corroboration=int(f.get("corroboration", 1)),
        dates=tuple(DateMention(d["text"], date.fromisoformat(d["start"]),
                                date.fromisoformat(d["end"])) for d in f.get("dates", ())),
        attribution=f.get("attribution"),
        first_seen=_when(f.get("first_seen")),
        figures=tuple(_figure_from_json(g) for g in f.get("figures", ())),
        entities=tuple(f.get("entities", ())),
        claim_status=f.get("claim_status", ""),
        unnamed_source=bool(f.get("unnamed_source", False)),
        aid_status=f.get("aid_status"),
    )


def _citation_from_json(c: Mapping[str, Any]) -> Citation:
    return Citation(c["article_id"], c["outlet"], c["title"], c.get("url"),
                    _when(c.get("published")), c.get("number", 0))


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
