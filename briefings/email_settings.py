"""The ``[email]`` table: where and how the brief is mailed, validated when the config is read.

A config value like every other table (so :mod:`briefings.config` imports no stage); the
deliver stage receives it. Every problem names the file and the key, so a typo is reported
when the config is read, not at 06:30 when the mail should go out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import getaddresses
from typing import Any, Literal

from briefings.errors import ConfigError

Security = Literal["plain", "starttls", "tls"]
SECURITY_MODES: tuple[str, ...] = ("plain", "starttls", "tls")
SUBJECT_FIELDS = ("title", "date", "iso_date", "brand")
"""Placeholders a subject template may use: ``{title} — {date}`` (date: 'Tuesday 22 July 2025')."""

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
