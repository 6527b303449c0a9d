"""SMTP sending: carry a built message to the server, retrying what may pass and stopping on what cannot.

Nobody is awake at 06:30 to read a traceback, so every failure here ends as one
``DeliveryError`` line naming the host (exit code 5: the brief is built, the files stay).
Temporary trouble (4xx replies, dropped or refused connections, timeouts) is retried with
exponential backoff inside a bounded time budget; permanent trouble (5xx replies, bad
credentials, TLS that cannot be verified) stops at once, because retrying a 550 for five
minutes only delays the cron mail that says something is wrong.

The message itself is built by :mod:`briefings.deliver.message`; this module only knows how
to carry an ``EmailMessage`` to a server. ``sleep`` and ``clock`` are injectable so tests of
the retry policy run against a real server without waiting.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from email.utils import getaddresses

from briefings.email_settings import EmailSettings
from briefings.errors import DeliveryError

log = logging.getLogger(__name__)

BACKOFF_START = 1.0
BACKOFF_CAP = 60.0
"""Waits between attempts: 1, 2, 4, ... seconds, never more than a minute."""

__all__ = ["BACKOFF_CAP", "BACKOFF_START", "send_message"]


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

