"""Internals shared by the folder reader's modules.

The readers for each file type, the byte loader and the walker all report "this file gives
no article, because ..." the same way and read the same settings; keeping those here lets each
module import them without importing another (which would make import cycles).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from briefings.model import Article


class _Unreadable(Exception):
    """A whole file cannot give articles; ``reason`` is the one-line explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Settings:
    source: str
    default_tz: tzinfo
    max_bytes: int
    json_depth: int = 64
    """``limits.json_depth``: .json/.jsonl values nesting deeper are refused."""


def _stat_problem(path: Path, exc: OSError) -> str:
    """Explain why a path cannot be examined, in the user's terms."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if os.path.islink(path):
            return f"broken symbolic link (points to {os.readlink(path)})"
        return "does not exist"
    return f"cannot be read ({exc.strerror or exc})"


Reader = Callable[[Path, str, _Settings], tuple[list[Article], list[str]]]
"""A file type's reader: (path, decoded text, settings) → (articles, skipped entry reasons)."""
