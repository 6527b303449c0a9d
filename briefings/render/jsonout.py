"""brief.json: the Brief serialised by the model's own ``to_json`` (one serialiser for all).

A brief of 10,000 articles holds some 150,000 facts, and brief.json keeps them all: built as
one dict tree and dumped as one string it needed 800 MB. So the file is made in pieces: the
brief's small parts through ``to_json`` as usual, its long lists (each section's facts, the
stories, the Sources list, the calendar) one item's ``to_json`` at a time, each encoded and
let go. (The stories, left to ``to_json``, took 1.2 GB and 7 s at 10,000 articles.)

The layout: the brief's structure indented by two, each item of a long list on one line of
its own (a fact, a source, an event: easy to grep, and Python's fast C encoder writes it,
where indenting takes its five times slower pure-Python one). ``json.loads`` of the file is
``brief.to_json()`` (a test holds it to that).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from briefings.errors import RenderError
from briefings.model import Brief, source_json

_INDENT = 2
_CHUNK = 1 << 16
"""Bytes gathered before a piece is handed to the writer: few writes, little memory."""


class _Lazy:
    """A list of brief.json made item by item while it is written."""

    def __init__(self, items: Iterable[Any], to_json: Callable[[Any], Any]) -> None:
        self.items, self.to_json = items, to_json

    def __iter__(self) -> Iterator[Any]:
        return (self.to_json(item) for item in self.items)


def render_json(brief: Brief) -> bytes:
    """UTF-8 JSON, human-readable (indent 2, non-ASCII kept: names like Zelensky's in Cyrillic)."""
    return b"".join(json_chunks(brief))


def json_chunks(brief: Brief) -> Iterator[bytes]:
    """brief.json as pieces of UTF-8, made as they are written (RenderError if a value cannot
    be serialised)."""
    try:
        pieces: list[str] = []
        size = 0
        for piece in _encode(_skeleton(brief), 0):
            pieces.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                yield "".join(pieces).encode("utf-8")
                pieces, size = [], 0
        pieces.append("\n")
        yield "".join(pieces).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise RenderError(f"brief.json: cannot serialise the brief: {exc}") from exc


def _skeleton(brief: Brief) -> dict[str, Any]:
    """``brief.to_json()`` with its long lists left to be made while writing."""
    small = dataclasses.replace(
        brief,
        sections=tuple(dataclasses.replace(s, facts=(), more_facts=()) for s in brief.sections),
        looking_ahead=(),
        articles=(),
        stories=(),
    )
    tree = small.to_json()
    for section, full in zip(tree["sections"], brief.sections):
        section["facts"] = _Lazy(full.facts, _to_json)
        section["more_facts"] = _Lazy(full.more_facts, _to_json)
    tree["looking_ahead"] = _Lazy(brief.looking_ahead, _to_json)
    tree["articles"] = _Lazy(brief.articles, source_json)
    if brief.stories:
        tree["stories"] = _Lazy(brief.stories, _to_json)
    return tree


def _to_json(item: Any) -> Any:
    return item.to_json()


def _encode(value: Any, level: int) -> Iterator[str]:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it at nesting
    ``level``, in pieces, except that the items of long lists take one line each."""
    if not _has_lazy(value):
        yield _dumps(value, level)
        return
    inner = "\n" + " " * (_INDENT * (level + 1))
    if isinstance(value, dict):
        items: Iterable[Any] = value.items()
        opening, closing = "{", "}"
    else:
        items, opening, closing = value, "[", "]"
    empty = True
    for item in items:
        yield (opening if empty else ",") + inner
        if isinstance(value, dict):
            key, item = item
            yield json.dumps(str(key), ensure_ascii=False) + ": "
        if isinstance(value, _Lazy):
            yield json.dumps(item, ensure_ascii=False)
        else:
            yield from _encode(item, level + 1)
        empty = False
    yield opening + closing if empty else "\n" + " " * (_INDENT * level) + closing


def _has_lazy(value: Any) -> bool:
    if isinstance(value, _Lazy):
        return True
    if isinstance(value, dict):
        return any(_has_lazy(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_lazy(v) for v in value)
    return False


def _dumps(value: Any, level: int) -> str:
    """One value as json.dumps indents it, moved right to ``level`` (JSON strings hold no raw
    line breaks, so every line break is the encoder's own)."""
    text = json.dumps(value, ensure_ascii=False, indent=_INDENT)
    return text.replace("\n", "\n" + " " * (_INDENT * level)) if level else text
