"""What the command line prints: for a person at a terminal, for cron, or for a log collector.

Three modes. Normal: results on stdout, warnings and errors on stderr, a progress bar when
stderr is a terminal. ``--quiet``: nothing unless something went wrong (cron mails whatever a
job prints, so a good morning must print nothing). ``--log-json``: one JSON object a line on
stderr for every event, for log collectors. Library modules log with ``logging``; the same
handler routes those records, so a warning from the renderer is seen in every mode.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def counted(n: int, noun: str) -> str:
    """'1 article', '2 articles': the counts a person reads in a result line."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def phase_counts(counts: dict[str, int]) -> str:
    """``{"article": 12, "in_the_day": 9, "failed": 0}`` → '12 articles (9 in the day)': the
    first key is a noun counted, the others phrases, zeros left out."""
    items = list(counts.items())
    if not items:
        return "done"
    (noun, total), rest = items[0], items[1:]
    details = ", ".join(f"{n} {key.replace('_', ' ')}" for key, n in rest if n)
    return counted(total, noun.replace("_", " ")) + (f" ({details})" if details else "")


PERSISTENT_LOGGERS = ("briefings.render.contrast", "briefings.render.html", "briefings.render.pdf",
                      "briefings.deliver.message")
"""Loggers whose warnings come from the config or the theme (contrast, brand font, colour or
logo, a theme file the PDF may not load): they repeat every run until the config changes."""


def is_persistent(record: logging.LogRecord) -> bool:
    """A warning that every run repeats until the config or theme changes (a record may also
    say so itself: ``log.warning(..., extra={"persistent": True})``)."""
    if getattr(record, "persistent", False) or record.name in PERSISTENT_LOGGERS:
        return True
    return record.name == "briefings.deliver.smtp" and "without TLS" in record.getMessage()


@dataclass
class WarningMemory:
    """The persistent warnings already shown for one version of the config, kept in a small
    JSON file (``reports/.warnings-shown.json``), so that ``--quiet`` runs from cron show each
    one once per change of the config instead of mailing it every morning."""

    path: Path
    fingerprint: str
    """A hash of the config file's bytes: a change of the config shows its warnings again."""
    _shown: set[str] | None = None

    def first_time(self, message: str) -> bool:
        """Whether ``message`` has not been shown for this config yet; remembers it."""
        shown = self._load()
        key = hashlib.sha256(message.encode("utf-8")).hexdigest()[:16]
        if key in shown:
            return False
        shown.add(key)
        self._save(shown)
        return True

    def _load(self) -> set[str]:
        if self._shown is None:
            self._shown = set()
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("config") == self.fingerprint:
                    self._shown = {str(k) for k in data.get("shown", [])}
            except (OSError, ValueError):
                pass  # no memory yet, or unreadable: show the warning
        return self._shown

    def _save(self, shown: set[str]) -> None:
        """Best effort: a folder that cannot be written means the warning shows again."""
        from .atomic import write_text_atomic

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps({"config": self.fingerprint, "shown": sorted(shown)}) + "\n")
        except Exception:  # noqa: BLE001 - remembering must never fail a run
            pass


@dataclass
class Console:
    quiet: bool = False
    json_lines: bool = False
    verbose: bool = False
    memory: WarningMemory | None = None
    """Where persistent warnings are remembered (set once the config is known)."""

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

    def warn(self, message: str, persistent: bool = False, **fields: Any) -> None:
        """Something went wrong but the run goes on (a skipped file): always shown, except a
        ``persistent`` one (from the config or theme, repeated every run) under ``--quiet``,
        which is shown once per change of the config."""
        first_time = self.memory.first_time(message) if persistent and self.memory else True
        if persistent and self.quiet and not first_time and not self.json_lines:
            return
        if self.json_lines:
            self._emit("warning", message, fields)
        else:
            print(f"Warning: {message}", file=sys.stderr, flush=True)

    def note(self, message: str, **fields: Any) -> None:
        """Worth knowing but nothing lost (a feed read despite its faults, a summary kept for
        a page that could not be fetched): shown, except under ``--quiet``, which cron mails."""
        if self.json_lines:
            self._emit("notice", message, fields)
        elif not self.quiet:
            print(f"Note: {message}", file=sys.stderr, flush=True)

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

    @property
    def on_terminal(self) -> bool:
        return not self.quiet and not self.json_lines and sys.stderr.isatty()

    @contextmanager
    def phase(self, name: str) -> Iterator[dict[str, int]]:
        """One phase of a build (read, extract, merge, render, send): a spinner while it runs
        on a terminal, then one line with its counts and time, shown on a terminal or with
        ``--verbose`` (an event under ``--log-json``). The caller fills the counts it yields."""
        counts: dict[str, int] = {}
        started = time.perf_counter()
        status = None
        if self.on_terminal and name != "extract":  # extraction has its own progress bar
            from rich.console import Console as RichConsole

            status = RichConsole(stderr=True).status(f"{name}…")
            status.start()
        try:
            yield counts
        finally:
            if status is not None:
                status.stop()
        seconds = time.perf_counter() - started
        line = f"{name:<8} {phase_counts(counts)} ({seconds:.1f} s)"
        if self.json_lines:
            self._emit("info", line, {"event": "phase", "phase": name, "counts": counts,
                                      "seconds": round(seconds, 3)})
        elif self.verbose or self.on_terminal:
            print(line, file=sys.stderr, flush=True)

    def install_logging(self, debug: bool = False) -> None:
        """Route library log records through this console: warnings always, info when asked."""
        root = logging.getLogger("briefings")
        root.handlers[:] = [_ConsoleHandler(self)]
        shows_info = self.json_lines or self.verbose or self.on_terminal
        root.setLevel(logging.DEBUG if debug else logging.INFO if shows_info else logging.WARNING)
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
            self.console.warn(message, persistent=is_persistent(record), logger=record.name)
        elif self.console.json_lines:
            self.console._emit("debug" if record.levelno < logging.INFO else "info", message,
                               {"logger": record.name})
        elif record.levelno >= logging.INFO and (self.console.verbose or self.console.on_terminal):
            print(message, file=sys.stderr, flush=True)  # an SMTP retry's pause, a stale file removed
