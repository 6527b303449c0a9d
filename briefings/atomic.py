"""Atomic output: every file of a build is replaced whole or not at all (render, eval, later the archive and mail spool).

A cron job that fails half-way must leave yesterday's complete brief in place, never a
truncated PDF next to a fresh JSON. So every output is first rendered in memory, then
written to a temporary file in the same folder (same filesystem, so ``os.replace`` is an
atomic rename), and only when all temporary files are written are they renamed over the old
ones. Problems of the folder itself (missing permission, read-only disk, full disk) are
``OutputError``s; the renderers raise ``RenderError`` before anything touches the disk.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from briefings.errors import OutputError

FILE_MODE = 0o644
"""Briefs are read by a mailer, a web server, colleagues: not private to the cron user."""


def prepare_dir(out_dir: Path) -> Path:
    """Create ``out_dir`` (and parents) if needed; any failure is an OutputError."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError(f"{out_dir}: cannot create output folder: a file is in the way") from exc
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create output folder: {_reason(exc)}") from exc
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: output path is not a folder")
    return out_dir


def write_all(out_dir: Path, contents: Mapping[str, bytes | Iterable[bytes]]) -> list[Path]:
    """Write ``{file name: bytes}`` into ``out_dir`` atomically, all or (as far as the OS
    allows) nothing: temp files first, then the renames. Returns the final paths in order.

    A content may be an iterable of byte pieces (brief.json of a big day, made while it is
    written): an error raised while making it leaves nothing behind either."""
    temps: dict[str, Path] = {}
    try:
        for name, data in contents.items():
            temps[name] = _write_temp(out_dir, name, data)
        written = []
        for name, temp in temps.items():
            target = out_dir / name
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot replace: {_reason(exc)}") from exc
            written.append(target)
        return written
    finally:
        for temp in temps.values():
            with contextlib.suppress(FileNotFoundError, OSError):
                temp.unlink()


def _write_temp(out_dir: Path, name: str, data: bytes | Iterable[bytes]) -> Path:
    """A fully written, fsynced temp file beside ``name``: the rename can then not tear it."""
    target = out_dir / name
    try:
        fd, temp_name = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: cannot write to {out_dir}: {_reason(exc)}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in (data,) if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, FILE_MODE)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"{target}: cannot write: {_reason(exc)}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def remove_stale(path: Path) -> bool:
    """Remove an output this build no longer produces (e.g. yesterday's .ics of a re-run)."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputError(f"{path}: cannot remove stale file: {_reason(exc)}") from exc
    return True


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_text_atomic(path: Path, text: str) -> Path:
    """One text file replaced whole (e.g. ``briefings eval --json``)."""
    return write_all(prepare_dir(path.parent), {path.name: text.encode("utf-8")})[0]
