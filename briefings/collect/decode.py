"""Bytes of an article file → normalised text.

Loading is where a reader meets the disk: the size limit is checked before anything is read,
FIFOs and devices are refused instead of hanging the run, and the encoding is decided
strictly (UTF-8 or BOM-marked UTF-16; a saved page's declared charset) so that names and
quotes are never silently corrupted.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from briefings.collect._common import _stat_problem, _Unreadable


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
    return f"file is {_human_size(size)}, over the {_human_size(limit)} limit (limits.file_bytes)"


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
