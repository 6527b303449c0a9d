"""Limits on what one run reads and does: the ``[limits]`` table's defaults and helpers.

Articles come from the open web, so every stage has a bound that a hostile or broken input
meets before it can exhaust memory or time: the size of an article file, the number of
articles in one build, the length of one sentence, the total time one source may take in a
collect and the nesting depth of JSON. Each limit is configurable (``[limits]`` in
``briefings.toml``) and, when hit, reported in one line naming its key (``limits.articles``),
so the user knows which value to raise.

This module imports nothing heavy: the collectors, the extractor and the pipeline all use it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from briefings.model import Article

__all__ = [
    "DEFAULT_ARTICLES",
    "DEFAULT_FILE_BYTES",
    "DEFAULT_JSON_DEPTH",
    "DEFAULT_SENTENCE_CHARS",
    "DEFAULT_SOURCE_MAX_BYTES",
    "DEFAULT_SOURCE_RETRIES",
    "DEFAULT_SOURCE_SECONDS",
    "DEFAULT_SOURCE_TIMEOUT",
    "Deadline",
    "apply_article_limit",
    "cut_text",
    "json_too_deep",
]

DEFAULT_FILE_BYTES = 10_000_000
DEFAULT_ARTICLES = 20_000
DEFAULT_SENTENCE_CHARS = 3_000
DEFAULT_SOURCE_SECONDS = 300.0
DEFAULT_JSON_DEPTH = 64
"""The ``[limits]`` defaults: ``LimitsTable`` (config) and the stages' keyword defaults read these."""

DEFAULT_SOURCE_TIMEOUT = 20.0
DEFAULT_SOURCE_MAX_BYTES = 5_000_000
DEFAULT_SOURCE_RETRIES = 2
"""A ``[[sources]]`` entry's defaults: seconds per request, bytes per response, retries."""

ELLIPSIS = "…"


def apply_article_limit(articles: Sequence[Article], limit: int) -> tuple[list[Article], int]:
    """At most ``limit`` articles, and how many were dropped to get there.

    The newest by ``published`` are kept; undated articles count as the oldest (they are
    dropped first), and among equals the earlier in ``articles`` wins. The kept articles
    stay in their original order, so a build under the limit is unchanged. The caller
    reports a positive count ("limits.articles: N articles over the limit of M were not
    briefed").
    """
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, got {limit}")
    if len(articles) <= limit:
        return list(articles), 0

    def newest_first(index: int) -> tuple[bool, float, int]:
        published = articles[index].published
        return (published is None, -published.timestamp() if published else 0.0, index)

    keep = sorted(sorted(range(len(articles)), key=newest_first)[:limit])
    return [articles[i] for i in keep], len(articles) - limit


def cut_text(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters, ending in "…" at a word boundary
    (inside a word only when a word boundary would cut away more than half)."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    head = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: back off to its start
        space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
        if space >= (limit - 1) // 2:
            head = head[:space]
    return head.rstrip() + ELLIPSIS


def json_too_deep(value: Any, limit: int) -> bool:
    """True when lists/objects in ``value`` nest more than ``limit`` levels (``[]`` is 1).

    Iterative (no recursion, whatever the depth) and stops at the first container past the
    limit; it visits each list item and object value once, which is cheap next to parsing.
    """
    if not isinstance(value, (list, dict)):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > limit:
            return True
        children = container.values() if isinstance(container, dict) else container
        for child in children:
            if isinstance(child, (list, dict)):
                stack.append((child, depth + 1))
    return False


def json_depth_reason(limit: int) -> str:
    """The one-line reason for JSON refused by ``limits.json_depth``."""
    return f"JSON nested deeper than {limit} levels (limits.json_depth)"


class Deadline:
    """The end of the total time one source may take (``limits.source_seconds``).

    Started when the source starts; the fetcher caps each request's timeouts at the time
    left and refuses to start requests once it has passed."""

    def __init__(self, seconds: float, *, key: str = "limits.source_seconds") -> None:
        self.seconds, self.key = seconds, key
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.left() <= 0

    def message(self) -> str:
        """``took over 300 s (limits.source_seconds); stopped``"""
        return f"took over {self.seconds:g} s ({self.key}); stopped"
