"""Extracted facts, cached by what they depend on, so a re-build of the same day is incremental.

Why: extraction is the per-article cost of a build (milliseconds per article), and a morning
brief is often rebuilt (a late article, a new theme, a cron retry) from mostly the same
articles. A fact list depends only on the article (id, title, text, language, reference day),
the section classifier (its own ``fingerprint``: its settings, taxonomy and model files), the
limits and the extractor's code, so those, hashed, key it.

The extractor's "version" is a hash of the source files of ``briefings/extract``,
``briefings/lang`` and ``briefings/model.py``: any change to the code that makes facts
invalidates the cache without anyone remembering to bump a number. What the code reads from
outside (a trained classifier's weights, the taxonomy) is in the classifier's fingerprint.

Safety: the cache is an optimisation, never a source of truth. A file that is not a readable
SQLite database is moved aside and rebuilt; an entry that does not decode to a list of
``Fact``s is treated as a miss; any database error switches the cache off for the run. Entries
are pickles read with an unpickler that only accepts the model's own types, dates and builtins.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..model import Article, Fact

log = logging.getLogger(__name__)

CACHE_FILE = "facts.sqlite"
KEEP_DAYS = 14
"""Entries not used for this long are dropped when the cache is opened (bounded size)."""

CACHE_ENV = "BRIEFINGS_CACHE"
"""``off`` turns the fact cache off; a folder puts it there (default: beside the brief's folder)."""

_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCES = ("extract", "lang", "model.py")
_ALLOWED = {
    ("briefings.model", "Fact"), ("briefings.model", "DateMention"), ("briefings.model", "Figure"),
    ("datetime", "date"), ("builtins", "tuple"), ("builtins", "list"), ("builtins", "frozenset"),
}


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the code that makes facts (``briefings/extract/**.py``, ``lang/**.py``, ``model.py``)."""
    digest = hashlib.sha256()
    for name in _SOURCES:
        root = _PACKAGE / name
        files = sorted(root.rglob("*.py")) if root.is_dir() else [p for p in (root,) if p.exists()]
        for path in files:
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def settings_fingerprint(*parts: object) -> str:
    """A hash of the frozen values extraction reads besides the article (the classifier's
    fingerprint, limits): their ``repr`` is deterministic for frozen dataclasses of strings
    and numbers."""
    return hashlib.sha256("\x1e".join(repr(p) for p in parts).encode()).hexdigest()[:16]


def fact_key(article: Article, reference: date | None, fingerprint: str) -> str:
    """The cache key of one article's facts: everything ``extract_article`` reads of it."""
    parts = (extractor_version(), fingerprint, article.id, article.title, article.language,
             reference.isoformat() if reference else "", article.text)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles the model's fact types only: a tampered cache cannot run code."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the fact cache")
        return super().find_class(module, name)


def encode(facts: Sequence[Fact]) -> bytes:
    return pickle.dumps(list(facts), protocol=pickle.HIGHEST_PROTOCOL)


def decode(blob: bytes) -> list[Fact] | None:
    """The facts of a cache entry, or None when the entry is not a list of ``Fact``s."""
    try:
        value = _ModelUnpickler(io.BytesIO(blob)).load()
    except Exception:  # noqa: BLE001 - any damage is a miss, never a failed build
        return None
    if not isinstance(value, list) or not all(isinstance(f, Fact) for f in value):
        return None
    return value


class FactCache:
    """Facts by key in one SQLite file. Every failure degrades to "no cache", never an error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open(path)
        except (sqlite3.Error, OSError) as exc:
            log.warning("fact cache %s unusable (%s): rebuilding it", path, exc)
            self._db = self._rebuild(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, used INTEGER, data BLOB)")
            db.execute("DELETE FROM facts WHERE used < ?", (int(time.time()) - KEEP_DAYS * 86400,))
            db.execute("SELECT count(*) FROM facts").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    @classmethod
    def _rebuild(cls, path: Path) -> sqlite3.Connection | None:
        """Move a damaged file aside (kept for a look, replaced next time) and start afresh."""
        try:
            for suffix in ("", "-wal", "-shm"):
                damaged = path.with_name(path.name + suffix)
                if damaged.exists():
                    damaged.replace(path.with_name(path.name + suffix + ".bad"))
            return cls._open(path)
        except (sqlite3.Error, OSError) as exc:
            log.warning("fact cache %s switched off: %s", path, exc)
            return None

    def keys_present(self, keys: Sequence[str]) -> list[str]:
        """Those of ``keys`` that have an entry (readable or not: ``get_many`` tells)."""
        present: list[str] = []
        if self._db is None:
            return present
        try:
            present.extend(key for key, in self._rows("key", keys))
        except sqlite3.Error as exc:
            self._off(exc)
        return present

    def _rows(self, columns: str, keys: Sequence[str]) -> Iterator[tuple]:
        """``SELECT columns`` of the entries of ``keys``, 500 keys a query (SQLite's limit on
        parameters is 999 in older builds)."""
        assert self._db is not None
        for start in range(0, len(keys), 500):
            batch = list(keys[start:start + 500])
            marks = ",".join("?" * len(batch))
            yield from self._db.execute(f"SELECT {columns} FROM facts WHERE key IN ({marks})", batch)

    def get_many(self, keys: Sequence[str]) -> dict[str, list[Fact]]:
        """The cached facts of those ``keys`` that are cached and readable."""
        found: dict[str, list[Fact]] = {}
        if self._db is None:
            return found
        try:
            for key, blob in self._rows("key, data", keys):
                facts = decode(blob) if isinstance(blob, bytes) else None
                if facts is not None:
                    found[key] = facts
            if found:
                self._touch(list(found))
        except sqlite3.Error as exc:
            self._off(exc)
        return found

    def put_many(self, items: Iterable[tuple[str, Sequence[Fact]]]) -> None:
        """Store facts (one transaction; a failure only loses the cache)."""
        if self._db is None:
            return
        now = int(time.time())
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO facts (key, used, data) VALUES (?, ?, ?)",
                    ((key, now, encode(facts)) for key, facts in items),
                )
        except sqlite3.Error as exc:
            self._off(exc)

    def _touch(self, keys: list[str]) -> None:
        now = int(time.time())
        with self._db:  # type: ignore[union-attr]
            self._db.execute("BEGIN")  # type: ignore[union-attr]
            self._db.executemany("UPDATE facts SET used = ? WHERE key = ?",  # type: ignore[union-attr]
                                 ((now, k) for k in keys))

    def _off(self, exc: Exception) -> None:
        log.warning("fact cache %s switched off for this run: %s", self.path, exc)
        self.close()

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None

    def __enter__(self) -> FactCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_fact_cache(out_dir: Path) -> FactCache | None:
    """The fact cache of a build: ``$BRIEFINGS_CACHE`` (a folder, or ``off``), else
    ``.cache/`` beside the brief's folder (``reports/.cache`` for ``reports/YYYY-MM-DD``)."""
    where = os.environ.get(CACHE_ENV, "")
    if where.lower() in ("off", "0", "no", "false"):
        return None
    folder = Path(where) if where else out_dir.resolve().parent / ".cache"
    return FactCache(folder / CACHE_FILE)
