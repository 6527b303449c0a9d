"""Read article files from folders: ``.txt``, ``.md``, ``.html``/``.htm``, ``.json``, ``.jsonl``.

The folder reader is the one source every user has (an "inbox" of saved articles), so it is
forgiving about what it reads and strict about what it reports: ``read_paths`` never lets one
bad file stop the others, and every problem becomes a ``Skipped`` with a one-line reason the
CLI can print as ``<path>: <reason>``. ``read_file`` is the single-file form and raises
``SourceError`` instead.

Choices that the contracts (docs DESIGN.md, "Article files") settle:

* The body is kept as found apart from line endings (``\\n``) and trailing blanks on lines:
  extraction computes sentence offsets into ``Article.text`` and drops boilerplate itself.
* A publication date comes from the file (header, front matter, page metadata) or is unknown
  (``None``): never the file's modification time, which says when it was saved, not published.
* A date without a time is midnight in ``default_tz`` with ``published_has_time=False``, so the
  article belongs to that whole day; a time without a zone is read in ``default_tz``.
* Heavy parsers (trafilatura, lxml, PyYAML) are imported only when a file needs them, so that
  importing this module (and ``briefings --help``) stays fast.

This module holds the public API, the folder walk and the dispatch by extension; the work
is done by ``decode`` (bytes → text), ``text_formats`` (.txt, .md), ``html_pages`` (.html),
``json_entries`` (.json, .jsonl), ``article`` (metadata → ``Article``) and ``published``
(dates).
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path

from briefings.collect._common import Reader, _Settings, _stat_problem, _Unreadable
from briefings.collect.decode import _load_text
from briefings.collect.html_pages import _read_html
from briefings.collect.json_entries import _read_json, _read_jsonl
from briefings.collect.published import parse_published
from briefings.collect.text_formats import _read_md, _read_txt
from briefings.errors import SourceError
from briefings.limits import DEFAULT_JSON_DEPTH, Deadline
from briefings.model import Article

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "ReadResult",
    "Skipped",
    "parse_published",
    "read_file",
    "read_paths",
]

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
"""File types a folder source reads; anything else in a folder is ignored."""

DEFAULT_MAX_BYTES = 10_000_000
"""``limits.file_bytes``'s default."""


# --------------------------------------------------------------------------- public types


@dataclass(frozen=True)
class Skipped:
    """An input that gave no article (or one entry of a .json/.jsonl file that gave none)."""

    path: Path
    reason: str
    """One line, e.g. "not valid UTF-8 (byte 0xff at offset 12)"."""

    def message(self) -> str:
        """The line the CLI prints on stderr: ``<path>: <reason>``."""
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    stopped: str | None = None
    """Set when a ``deadline`` passed before every file was read: the one-line reason
    ("took over 300 s (limits.source_seconds); stopped")."""


# --------------------------------------------------------------------------- entry points


def read_paths(
    paths: Sequence[Path],
    *,
    source: str = "files",
    default_tz: tzinfo = UTC,
    max_bytes: int = DEFAULT_MAX_BYTES,
    json_depth: int = DEFAULT_JSON_DEPTH,
    deadline: Deadline | None = None,
) -> ReadResult:
    """Read every supported file among ``paths`` (files, folders walked recursively, or globs).

    Folders are walked in name order, skipping hidden entries, README/LICENSE files and
    unknown extensions (a folder of saved articles often holds other things); a file named
    explicitly with an unknown extension is reported, because the user asked for it. A file
    reached twice is read once.

    Limits: a file over ``max_bytes`` (``limits.file_bytes``) is skipped unread, JSON nested
    deeper than ``json_depth`` (``limits.json_depth``) is refused, and once ``deadline``
    (``limits.source_seconds``) has passed no further file is read (``stopped`` says so).
    """
    settings = _Settings(source, default_tz, max_bytes, json_depth)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for target in _targets([Path(p) for p in paths], skipped):
        if deadline is not None and deadline.passed():
            return ReadResult(articles, skipped, deadline.message())
        key = os.path.realpath(target)
        if key in seen:
            continue
        seen.add(key)
        try:
            found, problems = _read_one(target, settings)
        except _Unreadable as exc:
            skipped.append(Skipped(target, exc.reason))
            continue
        except Exception as exc:
            detail = " ".join(str(exc).split())[:200]
            skipped.append(Skipped(target, f"could not be read ({type(exc).__name__}: {detail})"))
            continue
        articles.extend(found)
        skipped.extend(Skipped(target, reason) for reason in problems)
    return ReadResult(articles, skipped)


def read_file(
    path: Path,
    *,
    source: str = "files",
    default_tz: tzinfo = UTC,
    max_bytes: int = DEFAULT_MAX_BYTES,
    json_depth: int = DEFAULT_JSON_DEPTH,
) -> list[Article]:
    """Read one article file; raise ``SourceError("<path>: <problem>")`` when it gives none.

    A .json/.jsonl file with some bad entries returns the good ones (``read_paths`` is the
    call that also reports the bad ones); it raises only when no entry is readable.
    """
    path = Path(path)
    settings = _Settings(source, default_tz, max_bytes, json_depth)
    try:
        if _check_target(path, explicit=True) == "dir":
            raise _Unreadable("is a directory (read_paths reads folders)")
        found, _problems = _read_one(path, settings)
    except _Unreadable as exc:
        raise SourceError(f"{path}: {exc.reason}") from None
    return found


# --------------------------------------------------------------------------- walking


_GLOB_CHARS = re.compile(r"[*?\[]")


def _targets(paths: list[Path], skipped: list[Skipped]) -> Iterator[Path]:
    """Expand the given paths into files to read, recording what cannot be used."""
    for path in paths:
        if not os.path.lexists(path) and _GLOB_CHARS.search(str(path)):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                skipped.append(Skipped(path, "no files match this pattern"))
            for match in matches:
                yield from _expand(Path(match), skipped)
            continue
        yield from _expand(path, skipped)


def _expand(path: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """A named path: a folder is walked, a file is checked (its extension must be known)."""
    try:
        kind = _check_target(path, explicit=True)
    except _Unreadable as exc:
        skipped.append(Skipped(path, exc.reason))
        return
    if kind == "dir":
        yield from _walk(path, skipped, ancestors=frozenset({os.path.realpath(path)}))
    else:
        yield path


def _check_target(path: Path, *, explicit: bool) -> str:
    """Return "dir" or "file" for a usable path, else raise ``_Unreadable`` saying why.

    Uses ``os.stat`` rather than ``Path.exists`` because ``exists`` answers False for a
    symlink loop or a permission problem, and the user deserves the real reason.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _Unreadable(_stat_problem(path, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        return "dir"
    if not stat.S_ISREG(info.st_mode):
        raise _Unreadable("not a regular file")
    if explicit and path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        shown = path.suffix or "no extension"
        raise _Unreadable(
            f"unsupported file type ({shown}); expected one of {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    return "file"


def _walk(folder: Path, skipped: list[Skipped], ancestors: frozenset[str]) -> Iterator[Path]:
    """Yield supported files under ``folder`` in name order, following symlinks safely.

    ``ancestors`` holds the real paths of the folders above, so a link back up the tree is
    reported once instead of being walked forever.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(Skipped(folder, _stat_problem(folder, exc)))
        return
    for entry in entries:
        if entry.name.startswith(".") or _is_readme(entry.name):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError as exc:
            skipped.append(Skipped(path, _stat_problem(path, exc)))
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real in ancestors:
                skipped.append(Skipped(path, f"directory symlink loop (points back to {real})"))
                continue
            yield from _walk(path, skipped, ancestors | {real})
        elif path.suffix.lower() in SUPPORTED_EXTENSIONS:
            yield path  # a broken or looping link is reported when it is opened


def _is_readme(name: str) -> bool:
    """A folder's README describes the folder; it is not an article (unless named explicitly)."""
    return name.lower().split(".")[0] in ("readme", "license", "licence")


# --------------------------------------------------------------------------- dispatch by extension


def _read_one(path: Path, settings: _Settings) -> tuple[list[Article], list[str]]:
    """Read one supported file: its articles, and the reasons entries of it were skipped."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise _Unreadable(f"unsupported file type ({suffix or 'no extension'})")
    is_html = suffix in (".html", ".htm")
    text = _load_text(path, settings.max_bytes, html=is_html)
    articles, problems = reader(path, text, settings)
    if not articles:
        # a file none of whose entries is readable is one failure, not one line per entry
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise _Unreadable(f"{problems[0] if problems else 'no article text'}{more}")
    return articles, problems


_READERS: dict[str, Reader] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
}
