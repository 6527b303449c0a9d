"""The ``[email]`` table: where and how the brief is mailed, validated when the config is read.

A config table like every other (so :mod:`briefings.config` imports no stage); the deliver
stage receives the validated value. Every problem names the key (the config adds the file),
so a typo is reported when the config is read, not at 06:30 when the mail should go out.
Accepts ``starttls = true/false`` (DESIGN's example) as well as ``security``, and ``from`` as
well as ``sender``; the port defaults to 465 for implicit TLS and 587 otherwise.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from email.utils import getaddresses
from typing import Any, Literal

from pydantic import AliasChoices, Field, ValidationInfo, field_validator, model_validator

from briefings.schema import Location, Table, problems_at

Security = Literal["plain", "starttls", "tls"]
SECURITY_MODES: tuple[str, ...] = ("plain", "starttls", "tls")
SUBJECT_FIELDS = ("title", "date", "iso_date", "brand")
"""Placeholders a subject template may use: ``{title} — {date}`` (date: 'Tuesday 22 July 2025')."""

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

__all__ = ["SECURITY_MODES", "SUBJECT_FIELDS", "EmailSettings", "Security", "address_problem"]


class EmailSettings(Table):
    """Where and how the brief is mailed: the config's ``[email]`` table, validated.

    Fields are declared in the order they are checked: a check that reads an earlier key
    (``security`` reads ``starttls``) sees it through ``info.data``.
    """

    to: tuple[str, ...] = Field((), validate_default=True)
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    """Envelope-only recipients: never written into a header."""
    sender: str = Field(None, validation_alias=AliasChoices("sender", "from"),
                        validate_default=True)
    host: str = Field(None, validate_default=True)
    port: int = 587
    starttls: bool | None = None
    """DESIGN's spelling: true means ``security = "starttls"``, false ``"plain"``."""
    security: Security = Field(None, validate_default=True)
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

    @model_validator(mode="before")
    @classmethod
    def _table(cls, data: Any) -> Any:
        """A table, with ``sender`` or ``from`` (not both) and the port its security implies."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise ValueError("must be a table")
        if "sender" in data and "from" in data:
            raise problems_at([(("from",), "give sender or from, not both")])
        if "port" in data:
            return data
        security = data.get("security")
        implicit_tls = isinstance(security, str) and security.lower() == "tls"
        return {**data, "port": 465 if implicit_tls else 587}

    @field_validator("to", "cc", "bcc", mode="before")
    @classmethod
    def _recipients(cls, value: Any, info: ValidationInfo) -> tuple[str, ...]:
        return _addresses(value, required=info.field_name == "to")

    @field_validator("sender", mode="before")
    @classmethod
    def _sender(cls, value: Any) -> str:
        return _addresses(value, required=True, single=True)[0]

    @field_validator("host", mode="before")
    @classmethod
    def _host(cls, value: Any) -> str:
        host = _text(value, required=True)
        if any(ch.isspace() for ch in host or ""):
            raise ValueError(f"{host!r} is not a host name")
        return str(host)

    @field_validator("port", mode="before")
    @classmethod
    def _port(cls, port: Any) -> int:
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise ValueError(f"{port!r} is not a port number (1-65535)")
        return port

    @field_validator("starttls", "tls_verify", mode="before")
    @classmethod
    def _true_or_false(cls, value: Any) -> bool | None:
        if value is not None and not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value

    @field_validator("security", mode="before")
    @classmethod
    def _security(cls, security: Any, info: ValidationInfo) -> str:
        if security is None:
            return "plain" if info.data.get("starttls") is False else "starttls"
        if not isinstance(security, str) or security.lower() not in SECURITY_MODES:
            raise ValueError(f"{security!r} is not one of {', '.join(SECURITY_MODES)}")
        return security.lower()

    @field_validator("username", "cafile", mode="before")
    @classmethod
    def _optional_text(cls, value: Any) -> str | None:
        return _text(value)

    @field_validator("password_env", mode="before")
    @classmethod
    def _password_env(cls, value: Any) -> str | None:
        name = _text(value)
        if name is not None and not _ENV_NAME.match(name):
            raise ValueError(f"{name!r} is not an environment variable name")
        return name

    @field_validator("subject", mode="before")
    @classmethod
    def _subject(cls, value: Any) -> str:
        subject = _text(value) or cls.model_fields["subject"].default
        _check_subject(subject)
        return subject

    @field_validator("timeout", mode="before")
    @classmethod
    def _timeout(cls, value: Any) -> float:
        return _seconds(value, positive=True)

    @field_validator("retry_for", mode="before")
    @classmethod
    def _retry_for(cls, value: Any) -> float:
        return _seconds(value, positive=False)

    @model_validator(mode="after")
    def _keys_agree(self) -> EmailSettings:
        """What no single key can say: keys that need or contradict each other."""
        problems: list[tuple[Location, str]] = []
        if self.starttls is not None and self.starttls != (self.security == "starttls"):
            problems.append((("starttls",), f"contradicts security = {self.security!r}"))
        if self.username and not self.password_env:
            problems.append((("password_env",), "required when username is set (the password "
                                                "is read from that environment variable)"))
        if self.password_env and not self.username:
            problems.append((("username",), "required when password_env is set"))
        if problems:
            raise problems_at(problems)
        return self


def _addresses(value: Any, *, required: bool = False, single: bool = False) -> tuple[str, ...]:
    """One address or a list of them; each must parse to exactly one ``x@y`` and stay on one line."""
    if value is None or value == [] or value == () or value == "":
        if required:
            raise ValueError("required (an address" + ("" if single else " or a list of them") + ")")
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ValueError("must be an address" + ("" if single else " or a list of addresses"))
    if single and len(items) != 1:
        raise ValueError("must be one address")
    for item in items:
        problem = address_problem(item)
        if problem:
            raise ValueError(f"{item!r}: {problem}")
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


def _text(value: Any, *, required: bool = False) -> str | None:
    """A one-line, non-empty string (stripped), or None when absent and not required."""
    if value is None:
        if required:
            raise ValueError("required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    if any(ch in value for ch in "\r\n\0"):
        raise ValueError("must not contain a line break")
    return value.strip()


def _seconds(value: Any, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number of seconds")
    if value < 0 or (positive and value == 0):
        raise ValueError(f"{value!r} must be {'positive' if positive else 'zero or more'}")
    return float(value)


def _check_subject(subject: str) -> None:
    """Only plain ``{name}`` placeholders from SUBJECT_FIELDS: no attribute or index access."""
    try:
        fields = [f for _, f, spec, conv in string.Formatter().parse(subject) if f is not None]
    except ValueError as exc:
        raise ValueError(f"bad template ({exc})") from exc
    for name in fields:
        if name not in SUBJECT_FIELDS:
            raise ValueError(f"unknown placeholder {{{name}}} (use "
                             + ", ".join("{" + f + "}" for f in SUBJECT_FIELDS) + ")")
