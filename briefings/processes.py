"""Worker processes, the one way the package starts them.

Two stages use more than one process: extraction (a pool of workers for a big day) and the
merge (a forked second process scoring half of the candidate pairs). Both want ``fork`` where
it is safe, because a forked worker starts with the modules imported and the patterns
compiled; a fork is safe only in a process that has one thread (a lock held by another thread
at the moment of the fork would never be released in the child). That judgement is made here,
once, for the whole package.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.context import BaseContext


def can_fork() -> bool:
    """True where ``fork`` exists and this process has no other thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def worker_context() -> BaseContext:
    """``fork`` where it is safe, else the platform's default start method."""
    if can_fork():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def cores() -> int:
    """The cores this process may run on (its affinity on Linux, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def give_back_freed_memory() -> None:
    """Hand the heap's free pages back to the system (glibc keeps them for reuse otherwise).

    The build calls it between compose and render: WeasyPrint is loaded and lays out the PDF
    on top of whatever compose left, and at 10,000 articles that is 90 MB of pages compose no
    longer uses."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass
