"""The deliver stage: send the built brief by SMTP, retrying what may pass and stopping on what cannot.

Nobody is awake at 06:30 to read a traceback, so every failure here ends as one
``DeliveryError`` line naming the host (exit code 5: the brief is built, the files stay).
Temporary trouble (4xx replies, dropped or refused connections, timeouts) is retried with
exponential backoff inside a bounded time budget; permanent trouble (5xx replies, bad
credentials, TLS that cannot be verified) stops at once, because retrying a 550 for five
minutes only delays the cron mail that says something is wrong.

The message itself is built by :mod:`briefings.mail`; this module only knows how to carry
an ``EmailMessage`` to a server. ``sleep`` and ``clock`` are injectable so tests of the
retry policy run against a real server without waiting.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
import string
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from briefings.errors import ConfigError, DeliveryError

if TYPE_CHECKING:  # pragma: no cover
    from briefings.model import Brief

log = logging.getLogger(__name__)

Security = Literal["plain", "starttls", "tls"]
SECURITY_MODES: tuple[str, ...] = ("plain", "starttls", "tls")
SUBJECT_FIELDS = ("title", "date", "iso_date", "brand")
"""Placeholders a subject template may use: ``{title} — {date}`` (date: 'Tuesday 22 July 2025')."""

BACKOFF_START = 1.0
BACKOFF_CAP = 60.0
"""Waits between attempts: 1, 2, 4, ... seconds, never more than a minute."""

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KEYS = {
    "to", "cc", "bcc", "sender", "from", "host", "port", "security", "starttls", "username",
    "password_env", "subject", "timeout", "retry_for", "tls_verify", "cafile",
}


# ----------------------------------------------------------------------------- settings
@dataclass(frozen=True, kw_only=True)
class EmailSettings:
    """Where and how the brief is mailed: the config's ``[email]`` table, validated."""

    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    """Envelope-only recipients: never written into a header."""
    sender: str
    host: str
    port: int = 587
    security: Security = "starttls"
    username: str | None = None
    password_env: str | None = None
    """Name of the environment variable holding the password (read at send time, never stored)."""
    subject: str = "{title} — {date}"
    timeout: float = 30.0
    """Seconds for each network operation (connect, each SMTP reply)."""
    retry_for: float = 300.0
    """Total seconds spent retrying temporary failures before giving up."""
    tls_verify: bool = True
    cafile: str | None = None
    """Extra CA bundle to trust (a private relay's CA, or a test's self-signed certificate)."""

    def __post_init__(self) -> None:
        for name in ("to", "cc", "bcc"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, (value,))
            else:
                object.__setattr__(self, name, tuple(value))
        if self.security not in SECURITY_MODES:
            raise ConfigError(f"email.security: {self.security!r} is not one of "
                              f"{', '.join(SECURITY_MODES)}")

    @property
    def recipients(self) -> tuple[str, ...]:
        """Envelope recipients (bare addresses): to + cc + bcc, each once, in that order."""
        seen: list[str] = []
        for _, addr in getaddresses([*self.to, *self.cc, *self.bcc]):
            if addr and addr.lower() not in (s.lower() for s in seen):
                seen.append(addr)
        return tuple(seen)

    @property
    def where(self) -> str:
        """'smtp.example.org:587', the name every error message carries."""
        return f"{self.host}:{self.port}"

    @classmethod
    def from_table(cls, table: Mapping[str, Any], where: str) -> EmailSettings:
        """Validate the ``[email]`` table of the config file ``where``.

        Every problem is a ConfigError ``"<where>: email.<key>: <problem>"`` so a typo is
        reported when the config is read, not at 06:30 when the mail should go out.
        Accepts ``starttls = true/false`` (DESIGN's example) as well as ``security``; the
        port defaults to 465 for implicit TLS and 587 otherwise.
        """
        def fail(key: str, problem: str) -> ConfigError:
            return ConfigError(f"{where}: email.{key}: {problem}")

        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: email: must be a table")
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise fail(unknown[0], f"unknown key (expected one of {', '.join(sorted(_KEYS))})")
        if "sender" in table and "from" in table:
            raise fail("from", "give sender or from, not both")

        to = _addresses(table.get("to"), "to", fail, required=True)
        cc = _addresses(table.get("cc"), "cc", fail)
        bcc = _addresses(table.get("bcc"), "bcc", fail)
        sender_key = "from" if "from" in table else "sender"
        sender = _addresses(table.get(sender_key), sender_key, fail, required=True, single=True)[0]
        host = _text(table, "host", fail, required=True)
        if any(ch.isspace() for ch in host or ""):
            raise fail("host", f"{host!r} is not a host name")
        security = _security(table, fail)
        port = _port(table, security, fail)
        username = _text(table, "username", fail)
        password_env = _text(table, "password_env", fail)
        if password_env is not None and not _ENV_NAME.match(password_env):
            raise fail("password_env", f"{password_env!r} is not an environment variable name")
        if username and not password_env:
            raise fail("password_env", "required when username is set (the password is read "
                                       "from that environment variable)")
        if password_env and not username:
            raise fail("username", "required when password_env is set")
        subject = _text(table, "subject", fail) or cls.subject
        _check_subject(subject, fail)
        timeout = _number(table, "timeout", 30.0, fail, positive=True)
        retry_for = _number(table, "retry_for", 300.0, fail, positive=False)
        tls_verify = table.get("tls_verify", True)
        if not isinstance(tls_verify, bool):
            raise fail("tls_verify", "must be true or false")
        cafile = _text(table, "cafile", fail)
        return cls(to=to, cc=cc, bcc=bcc, sender=sender, host=str(host), port=port,
                   security=security, username=username, password_env=password_env,
                   subject=subject, timeout=timeout, retry_for=retry_for,
                   tls_verify=tls_verify, cafile=cafile)


def _addresses(value: Any, key: str, fail: Callable[[str, str], ConfigError], *,
               required: bool = False, single: bool = False) -> tuple[str, ...]:
    """One address or a list of them; each must parse to exactly one ``x@y`` and stay on one line."""
    if value is None or value == [] or value == "":
        if required:
            raise fail(key, "required (an address" + ("" if single else " or a list of them") + ")")
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise fail(key, "must be an address" + ("" if single else " or a list of addresses"))
    if single and len(items) != 1:
        raise fail(key, "must be one address")
    for item in items:
        problem = address_problem(item)
        if problem:
            raise fail(key, f"{item!r}: {problem}")
    return tuple(item.strip() for item in items)


def address_problem(text: str) -> str | None:
    """Why ``text`` is not one usable mail address, or None. CR/LF is refused outright:
    an address is written into a header, and a line break there would forge new headers."""
    if any(ch in text for ch in "\r\n\0"):
        return "contains a line break"
    parsed = getaddresses([text])
    if len(parsed) != 1 or not parsed[0][1]:
        return "not one mail address"
    addr = parsed[0][1]
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or "." not in domain.strip("[]") and domain != "localhost":
        return "not a mail address (expected name@domain)"
    if any(ch.isspace() for ch in addr):
        return "not a mail address (contains spaces)"
    return None


def _text(table: Mapping[str, Any], key: str, fail: Callable[[str, str], ConfigError], *,
          required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise fail(key, "required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise fail(key, "must be a non-empty string")
    if any(ch in value for ch in "\r\n\0"):
        raise fail(key, "must not contain a line break")
    return value.strip()


def _security(table: Mapping[str, Any], fail: Callable[[str, str], ConfigError]) -> Security:
    security = table.get("security")
    starttls = table.get("starttls")
    if starttls is not None and not isinstance(starttls, bool):
        raise fail("starttls", "must be true or false")
    if security is None:
        return "plain" if starttls is False else "starttls"
    if not isinstance(security, str) or security.lower() not in SECURITY_MODES:
        raise fail("security", f"{security!r} is not one of {', '.join(SECURITY_MODES)}")
    security = security.lower()
    if starttls is not None and starttls != (security == "starttls"):
        raise fail("starttls", f"contradicts security = {security!r}")
    return security  # type: ignore[return-value]


def _port(table: Mapping[str, Any], security: str, fail: Callable[[str, str], ConfigError]) -> int:
    port = table.get("port", 465 if security == "tls" else 587)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise fail("port", f"{port!r} is not a port number (1-65535)")
    return port


def _number(table: Mapping[str, Any], key: str, default: float,
            fail: Callable[[str, str], ConfigError], *, positive: bool) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail(key, f"{value!r} is not a number of seconds")
    if value < 0 or (positive and value == 0):
        raise fail(key, f"{value!r} must be {'positive' if positive else 'zero or more'}")
    return float(value)


def _check_subject(subject: str, fail: Callable[[str, str], ConfigError]) -> None:
    """Only plain ``{name}`` placeholders from SUBJECT_FIELDS: no attribute or index access."""
    try:
        fields = [f for _, f, spec, conv in string.Formatter().parse(subject) if f is not None]
    except ValueError as exc:
        raise fail("subject", f"bad template ({exc})") from exc
    for name in fields:
        if name not in SUBJECT_FIELDS:
            raise fail("subject", f"unknown placeholder {{{name}}} (use "
                                  + ", ".join("{" + f + "}" for f in SUBJECT_FIELDS) + ")")


# ----------------------------------------------------------------------------- one call
def send_brief(brief: Brief, files: Mapping[str, Path], settings: EmailSettings,
               theme: str | os.PathLike[str] | None = None, *, eml: Path | None = None,
               sleep: Callable[[float], None] = time.sleep,
               clock: Callable[[], float] = time.monotonic) -> Path | None:
    """Build the message and send it, or with ``eml`` (``--dry-run``) write it there instead.

    What ``briefings send`` and ``build --send`` call. Returns the .eml path on a dry run.
    Raises DeliveryError (exit 5) for every delivery problem; the report files are never
    touched here.
    """
    from briefings.mail import build_message, write_eml

    message = build_message(brief, files, settings, theme)
    if eml is not None:
        return write_eml(message, eml)
    send_message(message, settings, sleep=sleep, clock=clock)
    return None


# ----------------------------------------------------------------------------- sending
class _Temporary(Exception):
    """A failure worth retrying; ``reply`` is what to report if the budget runs out."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


def send_message(message: EmailMessage, settings: EmailSettings, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 environ: Mapping[str, str] | None = None) -> None:
    """Deliver ``message`` to ``settings.recipients`` (to + cc + bcc), or raise DeliveryError.

    Temporary failures are retried with backoff 1, 2, 4, ... s (capped) until
    ``settings.retry_for`` seconds have passed since the first attempt; the last attempt
    is made at the deadline at the latest. Permanent failures raise at once.
    """
    password = _password(settings, os.environ if environ is None else environ)
    context = _ssl_context(settings) if settings.security != "plain" else None
    recipients = settings.recipients
    if not recipients:
        raise DeliveryError(f"smtp {settings.where}: no recipients")
    deadline = clock() + settings.retry_for
    delay = BACKOFF_START
    attempts = 0
    while True:
        attempts += 1
        try:
            _send_once(message, settings, password, context, recipients)
            if attempts > 1:
                log.info("smtp %s: delivered on attempt %d", settings.where, attempts)
            return
        except _Temporary as exc:
            remaining = deadline - clock()
            if remaining <= 0:
                raise DeliveryError(
                    f"smtp {settings.where}: gave up after {_plural(attempts, 'attempt')} in "
                    f"{settings.retry_for:g} s; last reply: {exc.reply}"
                ) from None
            wait = min(delay, remaining)
            log.info("smtp %s: temporary failure (%s); retrying in %g s",
                        settings.where, exc.reply, wait)
            sleep(wait)
            delay = min(delay * 2, BACKOFF_CAP)


def _send_once(message: EmailMessage, settings: EmailSettings, password: str | None,
               context: ssl.SSLContext | None, recipients: tuple[str, ...]) -> None:
    """One connection, one transaction. Errors are classified into _Temporary or DeliveryError.

    Once the server has accepted the DATA, the message is delivered: a failing QUIT must
    not make the caller retry and mail the brief twice.
    """
    client: smtplib.SMTP | None = None
    try:
        client = _connect(settings, context)
        if settings.username:
            client.login(settings.username, password or "")
        refused = client.send_message(message, from_addr=_bare(settings.sender),
                                      to_addrs=list(recipients))
    except (smtplib.SMTPException, OSError) as exc:
        _close(client)
        raise _classify(exc, settings) from exc
    _quit(client)
    if refused:
        detail = "; ".join(f"{addr} ({_reply(code, text)})" for addr, (code, text) in refused.items())
        raise DeliveryError(f"smtp {settings.where}: delivered to "
                            f"{len(recipients) - len(refused)} of {len(recipients)} recipients; "
                            f"refused: {detail}")


def _connect(settings: EmailSettings, context: ssl.SSLContext | None) -> smtplib.SMTP:
    """An open, greeted (and, as configured, encrypted) SMTP session."""
    if settings.security == "tls":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                context=context)
    client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        client.ehlo()
        if settings.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        elif settings.username:
            log.warning("smtp %s: logging in without TLS (security = \"plain\")", settings.where)
    except BaseException:
        _close(client)
        raise
    return client


def _classify(exc: BaseException, settings: EmailSettings) -> Exception:
    """_Temporary for what may pass (4xx, disconnects, refused connections, timeouts),
    a one-line DeliveryError for the rest."""
    where = f"smtp {settings.where}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        detail = "; ".join(f"{a} ({_reply(c, t)})" for a, (c, t) in exc.recipients.items())
        if codes and all(400 <= c < 500 for c in codes):
            return _Temporary(f"recipients refused: {detail}")
        return DeliveryError(f"{where}: recipients refused: {detail}")
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = _reply(exc.smtp_code, exc.smtp_error)
        if 400 <= exc.smtp_code < 500:
            return _Temporary(reply)
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return DeliveryError(f"{where}: login as {settings.username!r} refused: {reply}")
        if isinstance(exc, smtplib.SMTPSenderRefused):
            return DeliveryError(f"{where}: sender {exc.sender} refused: {reply}")
        return DeliveryError(f"{where}: {reply}")
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(exc.__context__,
                                                                      TimeoutError):
        return _Temporary(f"timed out after {settings.timeout:g} s waiting for the server")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return _Temporary(f"connection dropped ({_one_line(str(exc)) or 'no reason given'})")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError(f"{where}: {_one_line(str(exc))} (check email.security)")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return DeliveryError(f"{where}: TLS certificate not trusted: "
                             f"{_one_line(exc.verify_message or str(exc))}")
    if isinstance(exc, ssl.SSLError):
        return DeliveryError(f"{where}: TLS failed: {_one_line(exc.reason or str(exc))} "
                             f"(check email.security and email.port)")
    if isinstance(exc, TimeoutError):
        return _Temporary(f"timed out after {settings.timeout:g} s")
    if isinstance(exc, OSError):
        return _Temporary(_one_line(exc.strerror or str(exc)) or type(exc).__name__)
    return DeliveryError(f"{where}: {_one_line(str(exc)) or type(exc).__name__}")


def _password(settings: EmailSettings, environ: Mapping[str, str]) -> str | None:
    """The password from the environment; checked before connecting (no retry can fix it)."""
    if not settings.username:
        return None
    name = settings.password_env
    if not name:
        raise DeliveryError(f"smtp {settings.where}: email.password_env is not set "
                            f"(needed to log in as {settings.username!r})")
    value = environ.get(name)
    if not value:
        raise DeliveryError(f"smtp {settings.where}: environment variable {name} is not set "
                            f"(the SMTP password for {settings.username!r})")
    return value


def _ssl_context(settings: EmailSettings) -> ssl.SSLContext:
    """Verified by default (system CAs plus ``cafile``); ``tls_verify = false`` only on request."""
    try:
        context = ssl.create_default_context(cafile=settings.cafile)
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryError(f"smtp {settings.where}: email.cafile {settings.cafile}: "
                            f"cannot load ({_one_line(getattr(exc, 'strerror', None) or str(exc))})"
                            ) from exc
    if not settings.tls_verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _bare(address: str) -> str:
    return getaddresses([address])[0][1] or address


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        _close(client)


def _close(client: smtplib.SMTP | None) -> None:
    if client is not None:
        try:
            client.close()
        except OSError:
            pass


def _reply(code: int, text: bytes | str) -> str:
    """'451 4.3.0 try again later': a server reply on one line, whatever it sent."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {_one_line(text)}".strip()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

