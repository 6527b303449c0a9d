"""Readers for ``.json`` and ``.jsonl`` files: many articles per file, one per entry.

Exports and scrapers write articles as JSON objects; a bad entry costs only itself and is
reported as "item 3: ..." or "line 3: ...", while the good ones are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefings.collect._common import _Settings, _Unreadable
from briefings.collect.article import _article, _Meta
from briefings.collect.decode import _normalise
from briefings.collect.html_pages import _html_content
from briefings.limits import json_depth_reason, json_too_deep
from briefings.model import Article


def _read_json(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    """An object, a list of objects, or an object holding an ``articles`` list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise _Unreadable(f"invalid JSON at {where}: {exc.msg}") from None
    except RecursionError:  # nested far past any allowed depth (json.loads recurses per level)
        raise _Unreadable(json_depth_reason(settings.json_depth)) from None
    except ValueError as exc:
        raise _Unreadable(f"invalid JSON ({type(exc).__name__})") from None
    if json_too_deep(data, settings.json_depth):
        raise _Unreadable(json_depth_reason(settings.json_depth))
    if isinstance(data, dict) and not _has_body(data) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [_entry_article(path, f"{path.name}#1", data, settings)], []
    if not isinstance(data, list):
        raise _Unreadable(f"JSON must be an object or a list of objects, not {_json_type(data)}")
    if not data:
        raise _Unreadable("no articles (the JSON list is empty)")
    return _entries(path, enumerate(data, start=1), "item", settings)


def _read_jsonl(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    """One object per line; a bad line costs only that line. ``#n`` is the line number."""
    items: list[tuple[int, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        except RecursionError:
            problems.append(f"line {number}: {json_depth_reason(settings.json_depth)}")
            continue
        except ValueError as exc:
            problems.append(f"line {number}: invalid JSON ({type(exc).__name__})")
            continue
        if json_too_deep(value, settings.json_depth):
            problems.append(f"line {number}: {json_depth_reason(settings.json_depth)}")
        else:
            items.append((number, value))
    if not items and not problems:
        raise _Unreadable("no articles (no JSON lines)")
    articles, entry_problems = _entries(path, items, "line", settings)
    merged = sorted(problems + entry_problems, key=lambda p: int(p.split()[1].rstrip(":")))
    return articles, merged


def _entries(
    path: Path, items: Iterable[tuple[int, Any]], what: str, settings: _Settings
) -> tuple[list[Article], list[str]]:
    """Articles from numbered JSON values; a bad value costs only itself ("item 3: ...")."""
    articles: list[Article] = []
    problems: list[str] = []
    for number, item in items:
        try:
            if not isinstance(item, dict):
                raise _Unreadable(f"expected an object, found {_json_type(item)}")
            articles.append(_entry_article(path, f"{path.name}#{number}", item, settings))
        except _Unreadable as exc:
            problems.append(f"{what} {number}: {exc.reason}")
    return articles, problems


def _has_body(item: dict[str, Any]) -> bool:
    return any(key in item for key in ("text", "html", "body", "content"))


def _entry_article(path: Path, name: str, item: dict[str, Any], settings: _Settings) -> Article:
    """One JSON object: ``text`` (or ``body``/``content``) is plain text, ``html`` a page."""
    meta = _Meta()
    meta.update(item)
    text = _text_value(item.get("text", item.get("body", item.get("content"))))
    if not (text and any(ch.isalnum() for ch in text)) and isinstance(item.get("html"), str):
        html_meta, text = _html_content(item["html"])
        for key in ("title", "outlet", "url", "published", "language"):
            if getattr(meta, key) is None:
                setattr(meta, key, getattr(html_meta, key))
    return _article(path, name, meta, _normalise(text or ""), settings)


def _text_value(value: Any) -> str | None:
    """A body given as a string, or as a list of paragraph strings."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(v.strip() for v in value if v.strip())
    return None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")
