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
"""

from __future__ import annotations

import errno
import glob
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefings.errors import SourceError
from briefings.model import Article, stable_id

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


# --------------------------------------------------------------------------- entry points


def read_paths(
    paths: Sequence[Path],
    *,
    source: str = "files",
    default_tz: tzinfo = UTC,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReadResult:
    """Read every supported file among ``paths`` (files, folders walked recursively, or globs).

    Folders are walked in name order, skipping hidden entries, README/LICENSE files and
    unknown extensions (a folder of saved articles often holds other things); a file named
    explicitly with an unknown extension is reported, because the user asked for it. A file
    reached twice is read once.
    """
    settings = _Settings(source, default_tz, max_bytes)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for target in _targets([Path(p) for p in paths], skipped):
        key = os.path.realpath(target)
        if key in seen:
            continue
        seen.add(key)
        try:
            found, problems = _read_one(target, settings)
        except _Unreadable as exc:
            skipped.append(Skipped(target, exc.reason))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop the others
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
) -> list[Article]:
    """Read one article file; raise ``SourceError("<path>: <problem>")`` when it gives none.

    A .json/.jsonl file with some bad entries returns the good ones (``read_paths`` is the
    call that also reports the bad ones); it raises only when no entry is readable.
    """
    path = Path(path)
    settings = _Settings(source, default_tz, max_bytes)
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


# --------------------------------------------------------------------------- bytes → text


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


def _load_text(path: Path, max_bytes: int, *, html: bool = False) -> str:
    """The file's text, with line endings normalised; size is checked before reading.

    Opened non-blocking and checked with ``fstat`` so that a FIFO or device named like an
    article is refused instead of hanging the run, and a huge file is never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _Unreadable(_stat_problem(path, exc)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            is_dir = stat.S_ISDIR(info.st_mode)
            raise _Unreadable("is a directory" if is_dir else "not a regular file")
        if info.st_size > max_bytes:
            raise _Unreadable(_too_big(info.st_size, max_bytes))
        try:
            data = handle.read(max_bytes + 1)  # the file may grow between stat and read
        except OSError as exc:
            raise _Unreadable(_stat_problem(path, exc)) from None
    if len(data) > max_bytes:
        raise _Unreadable(_too_big(len(data), max_bytes))
    if not data:
        raise _Unreadable("empty file")
    text = _normalise(_decode(data, html=html))
    if not text.strip():
        raise _Unreadable("empty file (only whitespace)")
    return text


def _too_big(size: int, limit: int) -> str:
    return f"file is {_human_size(size)}, over the {_human_size(limit)} limit"


def _human_size(n: int) -> str:
    """Decimal units, as file managers show them: 52428800 → "52.4 MB", 10**7 → "10 MB"."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _decode(data: bytes, *, html: bool = False) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else clearly.

    Guessing a legacy encoding would silently corrupt names and quotes, so an undecodable
    file is reported with the first bad byte, which is enough to find and fix it. The one
    exception is a saved web page that declares its charset: that is a statement, not a guess.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Unreadable("not valid UTF-16 (despite its byte order mark)") from None
    if b"\x00" in data:
        raise _Unreadable("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data) if html else None
        if declared is not None:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        bad = data[exc.start]
        raise _Unreadable(f"not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start})") from None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The codec a page names in ``<meta charset>`` (or http-equiv) near its top, if known."""
    import codecs

    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _normalise(text: str) -> str:
    """Unify line endings and drop trailing blanks on lines; everything else stays as found."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise _Unreadable("binary file (contains NUL characters)")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _body(text: str) -> str:
    """Trim blank lines around a body; raise when nothing readable is left."""
    body = text.strip("\n")
    if not any(ch.isalnum() for ch in body):
        raise _Unreadable("no article text")
    return body


# --------------------------------------------------------------------------- fields


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
    published, has_time = parse_published(meta.published, settings.default_tz)
    title = _clean_str(meta.title) or _headline(body) or _first_words(body)
    outlet = _clean_str(meta.outlet) or _host(url) or "unknown"
    language = (_clean_str(meta.language) or "en").lower()
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


def _clean_str(value: Any) -> str | None:
    """A metadata value as one trimmed line, or None when empty or not text-like."""
    if value is None or isinstance(value, dict | list | tuple | set | bool):
        return None
    text = " ".join(str(value).split())
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


# --------------------------------------------------------------------------- dates

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
    r"(?![\d:])"
)
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
_WORDY_FORMATS = (
    "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%b. %d, %Y", "%a, %d %b %Y", "%A, %B %d, %Y",
)  # fmt: skip


def parse_published(value: Any, default_tz: tzinfo = UTC) -> tuple[datetime | None, bool]:
    """Read a publication date: ``(aware datetime or None, whether a time of day was given)``.

    Accepts ISO dates and datetimes (trailing words such as "(inferred)" are ignored), RFC 2822
    as feeds write it, "2025/07/22", "July 22, 2025", and ``date``/``datetime`` objects (YAML
    front matter gives those). Anything else is unknown, and unknown is None: an article is
    better kept undated than dated wrongly.
    """
    if isinstance(value, datetime):
        return _aware(value, default_tz), True
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=default_tz), False
    if not isinstance(value, str) or not value.strip():
        return None, True
    text = " ".join(value.split())
    for parser in (_parse_iso, _parse_rfc2822, _parse_slashed, _parse_wordy):
        try:
            found = parser(text, default_tz)
        except (ValueError, OverflowError, TypeError, IndexError):
            found = None
        if found is not None:
            return found
    return None, True


def _aware(moment: datetime, default_tz: tzinfo) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=default_tz)


def _parse_iso(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    match = _ISO.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if hour is None:
        return datetime(int(year), int(month), int(day), tzinfo=default_tz), False
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    moment = datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro
    )
    return moment.replace(tzinfo=_zone(zone, default_tz)), True


def _zone(text: str | None, default_tz: tzinfo) -> tzinfo:
    """An ISO zone designator as a tzinfo; none at all means the configured zone."""
    if text is None:
        return default_tz
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _parse_rfc2822(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    """RFC 2822 ("Tue, 22 Jul 2025 08:15:00 +0300"); no zone, or -0000, is read as documented."""
    if not re.search(r"\d{1,2}:\d{2}", text):
        return None
    from email.utils import parsedate_tz  # lazy: email.utils costs ~15 ms at import

    parts = parsedate_tz(text)
    if parts is None:
        return None
    moment = datetime(*parts[:6])  # type: ignore[misc]
    offset = parts[9]
    if offset is None:
        return moment.replace(tzinfo=default_tz), True
    return moment.replace(tzinfo=timezone(timedelta(seconds=offset))), True


def _parse_slashed(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    match = _SLASHED.match(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return datetime(year, month, day, tzinfo=default_tz), False


def _parse_wordy(text: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    """English dates as bylines write them ("July 22, 2025"); day precision only."""
    for fmt in _WORDY_FORMATS:
        try:
            day = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return day.replace(tzinfo=default_tz), False
    return None


# --------------------------------------------------------------------------- .txt


_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ \-]{0,30}):(?:\s+(.*))?$")


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a ``key: value`` block ended by a ``---`` line from the body.

    It is a header only when every line before the first ``---`` is a ``key: value`` line
    and one key is a known one; otherwise a body that opens with "KYIV: ..." would lose its
    first paragraph. A leading ``---`` line (YAML style) is accepted too.
    """
    lines = text.split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    header: dict[str, str] = {}
    for index in range(start, min(len(lines), start + 60)):
        line = lines[index].strip()
        if line == "---":
            known = any(_key(k) in _HEADER_KEYS or _key(k) in _IGNORED_KEYS for k in header)
            if header and known:
                return header, "\n".join(lines[index + 1 :])
            break
        if not line:
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            break
        header.setdefault(match.group(1), (match.group(2) or "").strip())
    return {}, text


def _read_txt(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    header, body = _split_header(text)
    meta = _Meta()
    meta.update(header)
    return [_article(path, path.name, meta, body, settings)], []


# --------------------------------------------------------------------------- .md


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter between ``---`` lines at the top; a Markdown file may have none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return _load_yaml("\n".join(lines[1:index])), "\n".join(lines[index + 1 :])
    return {}, text  # an opening rule without a closing one is a horizontal rule


def _load_yaml(source: str) -> dict[str, Any]:
    import yaml  # lazy: only Markdown files need it

    try:
        loaded = yaml.safe_load(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise _Unreadable(f"invalid front matter{where}: {exc.problem or exc}") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise _Unreadable(f"invalid front matter: {type(exc).__name__}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise _Unreadable("invalid front matter: expected key: value lines")
    return loaded


def _read_md(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    front, markdown = _split_front_matter(text)
    meta = _Meta()
    meta.update(front)
    if meta.title is None:
        heading = re.search(r"(?m)^#\s+(.+?)\s*#*$", markdown)
        meta.title = heading.group(1) if heading else None
        if meta.title is not None:
            meta.title = _inline_markdown(meta.title)
    return [_article(path, path.name, meta, markdown_to_text(markdown), settings)], []


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")


def markdown_to_text(markdown: str) -> str:
    """Markdown as plain paragraphs separated by blank lines.

    Lines of one paragraph are joined (Markdown wraps for the editor, not the reader); each
    heading and list item becomes a paragraph; links keep their text, images go, emphasis and
    code markers go. Deliberately small: news Markdown is simple, and a full renderer would
    need an HTML round trip.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    in_code = False

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in markdown.split("\n"):
        if _FENCE.match(line):
            flush()
            in_code = not in_code
            continue
        if in_code:
            if line.strip():
                paragraphs.append(line.strip())
            continue
        stripped = line.strip()
        if not stripped or _RULE.match(line) or _REF_DEF.match(line):
            flush()
            continue
        if _SETEXT.match(line) and current:
            flush()
            continue
        stripped = re.sub(r"^(>\s?)+", "", stripped).strip()
        heading = re.match(r"^#{1,6}\s+(.*?)(\s+#+)?$", stripped)
        if heading or _LIST_ITEM.match(stripped):
            flush()
            content = heading.group(1) if heading else _LIST_ITEM.sub("", stripped, count=1)
            cleaned = _inline_markdown(content)
            if cleaned:
                paragraphs.append(cleaned)
            continue
        cleaned = _inline_markdown(stripped)
        if cleaned:
            current.append(cleaned)
    flush()
    return "\n\n".join(p for p in paragraphs if p.strip())


def _inline_markdown(text: str) -> str:
    """Strip inline Markdown: images, links, emphasis, code, simple HTML tags, escapes."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"!\[[^\]]*\]\[[^\]]*\]", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # [text][ref]
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)  # autolinks
    text = re.sub(r"</?[A-Za-z][^<>]*>", "", text)  # inline HTML tags
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*\*|\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w])(___|__|_)(?=\S)(.+?)(?<=\S)\1(?![\w])", r"\2", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>~|])", r"\1", text)
    return " ".join(text.split())


# --------------------------------------------------------------------------- .html


def _read_html(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    meta, body = _html_content(text)
    return [_article(path, path.name, meta, body, settings)], []


def _html_content(html: str) -> tuple[_Meta, str]:
    """Main text and metadata of a page: trafilatura first, then a plain tag strip.

    trafilatura drops navigation, share widgets and footers; when it finds no main text (a
    fragment, a tiny page) the visible text outside nav/header/footer is used instead, since
    extract has its own boilerplate filter.
    """
    tree = _parse_html(html)
    meta = _html_meta(tree) if tree is not None else _Meta()
    body = ""
    document = _trafilatura(html)
    if document is not None:
        # trafilatura puts one block per line; the Article contract wants blank-line paragraphs
        lines = (line.strip() for line in (document.text or "").split("\n"))
        body = "\n\n".join(line for line in lines if line)
        trafilatura_date = document.date
        meta.update(
            {
                "title": document.title,
                "outlet": document.sitename,
                "url": document.url,
                "language": document.language,
            },
            override=False,
        )
        if meta.published is None and trafilatura_date:
            meta.published = trafilatura_date
    if tree is not None:
        # trafilatura falls back to all of the page's text when it finds no main content,
        # so a page whose only words are in nav/header/footer would pass as an article.
        visible = _visible_text(tree)
        if not any(ch.isalnum() for ch in visible):
            body = ""
        elif not any(ch.isalnum() for ch in body):
            body = visible
    return meta, body


def _parse_html(html: str) -> Any:
    """An lxml tree of the page, or None when lxml cannot make one."""
    try:
        import lxml.html  # lazy: only HTML needs it

        return lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; junk has no metadata
        return None


def _trafilatura(html: str) -> Any:
    """trafilatura's Document for a page, or None; it never fetches anything given a string."""
    try:
        import trafilatura  # lazy: about half a second to import

        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a parser failure means "no main text found", not a crash
        return None


_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)


def _html_meta(tree: Any) -> _Meta:
    """Metadata from the page's own markup, which carries the publication time with its zone
    (trafilatura reduces it to a day)."""
    meta = _Meta()
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        content = element.get("content")
        if name and content and name not in values:
            values[name] = content
    for name in _DATE_META:
        if name in values and parse_published(values[name])[0] is not None:
            meta.published = values[name]
            break
    if meta.published is None:
        meta.published = _json_ld_date(tree) or _time_element(tree)
    meta.title = values.get("og:title")
    meta.outlet = values.get("og:site_name")
    canonical = tree.find(".//link[@rel='canonical']")
    meta.url = (canonical.get("href") if canonical is not None else None) or values.get("og:url")
    lang = tree.get("lang")
    meta.language = lang.split("-")[0] if lang else None
    return meta


def _json_ld_date(tree: Any) -> str | None:
    """``datePublished`` from JSON-LD blocks, which news sites fill for search engines."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        found = _find_key(data, "datePublished")
        if isinstance(found, str):
            return found
    return None


def _find_key(data: Any, key: str, depth: int = 0) -> Any:
    if depth > 20:
        return None
    if isinstance(data, dict):
        if key in data:
            return data[key]
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            found = _find_key(item, key, depth + 1)
            if found is not None:
                return found
    return None


def _time_element(tree: Any) -> str | None:
    for element in tree.iter("time"):
        value = element.get("datetime")
        if value and parse_published(value)[0] is not None:
            return value
    return None


_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "section", "article", "figcaption", "br", "dd", "dt",
}  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "template",
              "iframe", "svg", "button", "select")  # fmt: skip


def _visible_text(tree: Any) -> str:
    """Visible text by block outside nav/header/footer/scripts (the tree is changed)."""
    for tag in _DROP_TAGS:
        for element in list(tree.iter(tag)):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    root = tree.find(".//article")
    if root is None:
        root = tree.find(".//body")
    if root is None:
        root = tree
    chunks: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCK_TAGS:
            chunks.append("\n")
        if element.text:
            chunks.append(element.text)
        if element.tail:
            chunks.append(element.tail)
    lines = (" ".join(part.split()) for part in "".join(chunks).split("\n"))
    return "\n\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- .json / .jsonl


def _read_json(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    """An object, a list of objects, or an object holding an ``articles`` list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise _Unreadable(f"invalid JSON at {where}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise _Unreadable(f"invalid JSON ({type(exc).__name__})") from None
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
            items.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: invalid JSON at column {exc.colno}: {exc.msg}")
        except (ValueError, RecursionError) as exc:
            problems.append(f"line {number}: invalid JSON ({type(exc).__name__})")
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


_READERS: dict[str, Callable[[Path, str, _Settings], tuple[list[Article], list[str]]]] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
}
