"""What the command line prints: for a person at a terminal, for cron, or for a log collector.

Three modes. Normal: results on stdout, warnings and errors on stderr, a progress bar when
stderr is a terminal. ``--quiet``: nothing unless something went wrong (cron mails whatever a
job prints, so a good morning must print nothing). ``--log-json``: one JSON object a line on
stderr for every event, for log collectors. Library modules log with ``logging``; the same
handler routes those records, so a warning from the renderer is seen in every mode.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar

T = TypeVar("T")


def counted(n: int, noun: str) -> str:
    """'1 article', '2 articles': the counts a person reads in a result line."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass
class Console:
    quiet: bool = False
    json_lines: bool = False
    verbose: bool = False

    def result(self, message: str, **fields: Any) -> None:
        """What a command produced (paths written, counts): silent under ``--quiet``."""
        if self.json_lines:
            self._emit("info", message, fields)
        elif not self.quiet:
            print(message, file=sys.stdout, flush=True)

    def info(self, message: str, **fields: Any) -> None:
        """Detail for a person who asked (``--verbose``): which config, what each phase did.
        On stderr, so stdout keeps the results; always an event under ``--log-json``."""
        if self.json_lines:
            self._emit("info", message, fields)
        elif self.verbose and not self.quiet:
            print(message, file=sys.stderr, flush=True)

    def warn(self, message: str, **fields: Any) -> None:
        """Something went wrong but the run goes on (a skipped file): always shown."""
        if self.json_lines:
            self._emit("warning", message, fields)
        else:
            print(f"Warning: {message}", file=sys.stderr, flush=True)

    def error(self, message: str, **fields: Any) -> None:
        if self.json_lines:
            self._emit("error", message, fields)
        else:
            print(f"Error: {message}", file=sys.stderr, flush=True)

    def _emit(self, level: str, message: str, fields: dict[str, Any]) -> None:
        record = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  "level": level, "message": message, **fields}
        print(json.dumps(record, ensure_ascii=False, default=str), file=sys.stderr, flush=True)

    def progress(self, items: Iterable[T], description: str, total: int) -> Iterator[T]:
        """A rich progress bar on a terminal; nothing at all otherwise (or when quiet)."""
        if self.quiet or self.json_lines or not sys.stderr.isatty():
            yield from items
            return
        from rich.progress import track

        yield from track(items, description=description, total=total, transient=True)

    def counter(self, description: str, total: int) -> Callable[[object], None]:
        """A callback to call once per finished item (a collected source): a progress bar on
        a terminal that closes itself after ``total`` calls; a no-op otherwise."""
        if self.quiet or self.json_lines or not sys.stderr.isatty() or total <= 0:
            return lambda _item: None
        from rich.progress import Progress

        bar = Progress(transient=True)
        task = bar.add_task(description, total=total)
        bar.start()
        done = [0]

        def advance(_item: object) -> None:
            done[0] += 1
            bar.advance(task)
            if done[0] >= total:
                bar.stop()

        return advance

    def install_logging(self, debug: bool = False) -> None:
        """Route library log records through this console: warnings always, info when asked."""
        root = logging.getLogger("briefings")
        root.handlers[:] = [_ConsoleHandler(self)]
        root.setLevel(logging.DEBUG if debug else logging.WARNING)
        root.propagate = False


class _ConsoleHandler(logging.Handler):
    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.console.error(message, logger=record.name)
        elif record.levelno >= logging.WARNING:
            self.console.warn(message, logger=record.name)
        elif self.console.json_lines:
            self.console._emit("debug" if record.levelno < logging.INFO else "info", message,
                               {"logger": record.name})
