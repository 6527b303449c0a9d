"""One run at a time per brief: two cron jobs (or a person and a cron job) that start together
must produce one brief and one email.

The lock is an ``flock`` on a small file beside the output folder. The kernel drops it when the
process ends, however it ends, so a crashed run never leaves a stale lock behind; the pid
written into the file is only there to tell a person who holds it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BriefingsError, OutputError


class Busy(BriefingsError):
    """Another run holds the lock: this one did nothing (exit 4, outputs untouched)."""


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


@contextmanager
def run_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the lock of ``out_dir`` for the duration of the block, or raise ``Busy`` at once."""
    path = lock_path(out_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot create the run lock ({exc.strerror or exc})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise Busy(f"another briefings run (pid {holder}) is building {out_dir}; this run did nothing") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)
