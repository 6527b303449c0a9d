"""The brief as a mail message: headers, the text and HTML alternatives, the PDF and the .ics.

Headers are built only from values that cannot break a line: the subject is collapsed to
one line (a hostile title cannot add a ``Bcc:``), addresses with CR/LF are refused, and Bcc
recipients live only in the SMTP envelope (see :mod:`briefings.deliver.smtp`), never in a
header. The two bodies come from :mod:`briefings.render.email`.
"""

from __future__ import annotations

import os

import logging
import string
from collections.abc import Mapping
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path

from briefings.atomic import prepare_dir, write_all
from briefings.email_settings import SUBJECT_FIELDS, EmailSettings, address_problem
from briefings.errors import DeliveryError, OutputError, RenderError
from briefings.model import Brief
from briefings.render import FILE_NAMES
from briefings.render.email import one_line, render_email_html, render_text
from briefings.render.html import long_date

log = logging.getLogger(__name__)

__all__ = ["build_message", "subject_line", "write_eml"]


def build_message(brief: Brief, files: Mapping[str, Path], settings: EmailSettings,
                  theme: str | os.PathLike[str] | None = None, *, now: datetime | None = None
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


def _check_addresses(settings: EmailSettings) -> None:
    """Refuse addresses that could inject headers (settings made with model_copy, unchecked)."""
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
    path = Path(path)
    data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    try:
        return write_all(prepare_dir(path.parent), {path.name: data})[0]
    except OutputError as exc:  # the brief is built; only its (dry-run) delivery failed
        raise DeliveryError(str(exc)) from exc
