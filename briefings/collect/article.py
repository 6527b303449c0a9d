"""Metadata found in a file + its body → an ``Article``, with the documented defaults.

Every file type ends the same way: metadata under any accepted spelling (``_Meta``), then
defaults applied when it is missing (title from a headline-like line or the first words,
outlet from the URL's host, id from the URL or the text, language detected from the text,
else "en").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefings.collect._common import _Settings, _Unreadable
from briefings.collect.published import parse_published
from briefings.lang.detect import detect_language
from briefings.model import Article, stable_id

_HEADER_KEYS = {
    # canonical key ← accepted spellings (a header is metadata a person typed: be lenient)
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "sitename": "outlet",
    "published": "published",
    "date": "published",
    "published_at": "published",
    "pubdate": "published",
    "url": "url",
    "link": "url",
    "language": "language",
    "lang": "language",
}
_IGNORED_KEYS = {"source", "note", "notes", "author", "byline", "tags", "section", "id"}


@dataclass
class _Meta:
    """Metadata as found in a file, before defaults are applied."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: Any = None
    language: str | None = None

    def update(self, values: dict[str, Any], *, override: bool = True) -> None:
        """Take known keys in any accepted spelling; the canonical spelling beats an alias
        ("published" over "date"). With ``override=False`` only missing fields are filled."""
        for raw_key, value in values.items():
            key = _HEADER_KEYS.get(_key(str(raw_key)))
            if key is None or value is None or value == "":
                continue
            current = getattr(self, key)
            if current is None or (override and _key(str(raw_key)) == key):
                setattr(self, key, value)


def _key(raw: str) -> str:
    return re.sub(r"[\s\-]+", "_", raw.strip().lower())


def _article(path: Path, name: str, meta: _Meta, text: str, settings: _Settings) -> Article:
    """Build the Article, applying the documented defaults."""
    body = _body(text)
    url = _clean_str(meta.url)
    title = _clean_str(meta.title) or _headline(body) or _first_words(body)
    # The language the file gives, else the one its text is written in, else English.
    language = (_clean_str(meta.language) or detect_language(body, title) or "en").lower()
    published, has_time = parse_published(meta.published, settings.default_tz, language)
    outlet = _clean_str(meta.outlet) or _host(url) or "unknown"
    return Article(
        id=stable_id(url) if url else stable_id(body),
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        text=body,
        language=language,
        source=settings.source,
        name=name,
        published_has_time=has_time,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(text: str) -> str:
    """Lone surrogates (JSON's ``"\\ud800"``, YAML's escapes) as U+FFFD.

    They are valid in a Python str but not in UTF-8, so one escaped half of an emoji in a
    scraped entry would crash hashing the id or writing the brief far from the reader.
    """
    return _SURROGATE.sub("\ufffd", text)


def _body(text: str) -> str:
    """Trim blank lines around a body; raise when nothing readable is left."""
    body = _scrub(text.strip("\n"))
    if not any(ch.isalnum() for ch in body):
        raise _Unreadable("no article text")
    return body


def _clean_str(value: Any) -> str | None:
    """A metadata value as one trimmed line, or None when empty or not text-like."""
    if value is None or isinstance(value, dict | list | tuple | set | bool):
        return None
    text = _scrub(" ".join(str(value).split()))
    return text or None


def _host(url: str | None) -> str | None:
    """The outlet a URL names: its host without "www."."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
_DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{2,}(,| \(| —| -)")
"""A wire dateline opening a paragraph: "KYIV, July 22 (Reuters) —"."""
_DATELINE_ONLY = re.compile(
    rf"^(updated|published|posted)?[\s:,]*((mon|tue|wed|thu|fri|sat|sun)\w*[\s,]*)?"
    rf"(\d{{1,2}}\s+({_MONTHS})|({_MONTHS})\s+\d{{1,2}})[\s,\d:.apmgtu]*$",
    re.IGNORECASE,
)


def _looks_like_headline(line: str) -> bool:
    """A short line without a sentence's closing full stop, not a byline, date or label."""
    words = line.split()
    if not 3 <= len(words) <= 25 or len(line) > 200:
        return False
    if line.rstrip("\"'”’»)").endswith((".", ",", ";", ":")) or line.endswith("…"):
        return False
    if re.match(r"(?i)^(by|photo|image|file photo|updated|published)\b", line):
        return False
    if _DATELINE_ONLY.match(line) or _DATELINE.match(line):
        return False
    return any(ch.isalpha() for ch in line)


def _headline(body: str) -> str | None:
    """The title of a file without one: the first headline-like line among the first few."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    for line in lines[:5]:
        if _looks_like_headline(line):
            return line.lstrip("#").strip()
    return None


def _first_words(body: str, limit: int = 100) -> str:
    """A last-resort title: the start of the first sentence, cut at a word."""
    first = next(line.strip() for line in body.split("\n") if line.strip())
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"
