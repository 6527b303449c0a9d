"""Worker processes, the one way the package starts them.

Two stages use more than one process: extraction (a pool of workers for a big day) and the
merge (a forked second process scoring half of the candidate pairs). Both want ``fork`` where
it is safe, because a forked worker starts with the modules imported and the patterns
compiled; a fork is safe only in a process that has one thread (a lock held by another thread
at the moment of the fork would never be released in the child). That judgement is made here,
once, for the whole package.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from multiprocessing.context import BaseContext


def can_fork() -> bool:
    """True where ``fork`` exists and this process has no other thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def worker_context() -> BaseContext:
    """``fork`` where it is safe, else the platform's default start method."""
    if can_fork():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal this process gets when the thread that forked it dies."""


def die_with_parent() -> None:
    """End this worker when the process that started it ends, however that ends.

    A build killed with SIGKILL (a cron ``timeout``, the OOM killer) runs no cleanup: its
    workers were left with parent 1, blocked for ever on a pipe write and holding hundreds of
    MB each, and a daily job piled them up. Call it first thing in a worker's initialiser.
    On Linux the kernel sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``); elsewhere
    a daemon thread watches the parent's pid. Either way, a parent already gone before this
    ran (the race PR_SET_PDEATHSIG cannot see) ends the worker at once."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.pid is None:
        return  # not a multiprocessing worker: nobody to die with
    if not _kernel_kills_us_with_parent():
        threading.Thread(target=_watch_parent, args=(parent.pid,), daemon=True,
                         name="watch-parent").start()
    if os.getppid() != parent.pid:
        os._exit(1)


def _kernel_kills_us_with_parent() -> bool:
    """Ask Linux for SIGKILL when the parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int, every: float = 1.0) -> None:
    while os.getppid() == parent_pid:
        time.sleep(every)
    os._exit(1)


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
