"""The brief as a mail message: headers, the text and HTML alternatives, the PDF and the .ics.

Headers are built only from values that cannot break a line: the subject is collapsed to
one line (a hostile title cannot add a ``Bcc:``), addresses with CR/LF are refused, and Bcc
recipients live only in the SMTP envelope (see :mod:`briefings.deliver.smtp`), never in a
header. The two bodies come from :mod:`briefings.render.email`.
"""

from __future__ import annotations

import logging
import os
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

__all__ = ["LOGO_MAX_BYTES", "build_message", "logo_image", "subject_line", "write_eml"]


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
    logo = logo_image(brief.brand.logo)
    logo_cid = make_msgid("logo", domain=_domain(settings.sender)) if logo else None
    try:
        html = render_email_html(brief, theme, attached,
                                 logo_cid=logo_cid.strip("<>") if logo_cid else None)
    except RenderError as exc:  # the brief is built: a failing email is a delivery failure
        raise DeliveryError(str(exc)) from exc
    message.set_content(render_text(brief, attached), subtype="plain", charset="utf-8",
                        cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if logo is not None and logo_cid is not None:
        # multipart/related around the HTML: the body shows the logo as <img src="cid:...">
        # (Gmail and Outlook block data: images; a related part is what they display)
        html_part = message.get_body(("html",))
        data, subtype, name = logo
        if html_part is not None:  # always: it was just added
            html_part.add_related(data, maintype="image", subtype=subtype, cid=logo_cid,
                                  disposition="inline", filename=name)
    if pdf is not None:
        message.add_attachment(pdf, maintype="application", subtype="pdf",
                               filename=f"brief-{brief.date.isoformat()}.pdf")
    if ics is not None:
        # RFC 6047: the method parameter must agree with the calendar's own METHOD
        params = {"method": "PUBLISH"} if b"METHOD:PUBLISH" in ics else {}
        message.add_attachment(ics, maintype="text", subtype="calendar", params=params,
                               filename=FILE_NAMES["ics"])
    return message


LOGO_TYPES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".svg": "svg+xml"}
"""Logo files the email carries, by extension, and their image/* subtype."""
LOGO_MAX_BYTES = 1_000_000
"""A larger logo is left out of the email (it would travel in every morning's mail)."""


def logo_image(logo: str | os.PathLike[str] | None) -> tuple[bytes, str, str] | None:
    """The brand logo as (bytes, image subtype, file name) for a related part, or None.

    A missing, unknown or oversized logo is logged and left out: the mail still goes, with
    the brand name alone. SVG is attached as it is; Gmail and Outlook do not display SVG
    images, so the README advises a PNG logo for email.
    """
    if not logo:
        return None
    path = Path(logo).expanduser()
    subtype = LOGO_TYPES.get(path.suffix.lower())
    try:
        size = path.stat().st_size if path.is_file() else -1
    except OSError:
        size = -1
    if subtype is None or size < 0 or size > LOGO_MAX_BYTES:
        why = ("not a PNG, JPEG, GIF or SVG file" if subtype is None else
               "missing" if size < 0 else f"larger than {LOGO_MAX_BYTES:,} bytes")
        log.warning("brand logo %s is %s; the email goes without it", path, why)
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.warning("brand logo %s cannot be read (%s); the email goes without it", path,
                    exc.strerror or exc)
        return None
    return data, subtype, "logo" + path.suffix.lower()


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
