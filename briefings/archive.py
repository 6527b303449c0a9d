"""The archive: a SQLite store of collected articles, so ``collect`` can run hourly and
``build`` daily.

Feeds keep only their latest items, so news survives only if it is stored when seen. The
store is built for a cron job that may be killed at any moment and a build that may run at
the same time:

* WAL journal: a reader (``build``) sees the last committed state while a writer (``collect``)
  works, and neither blocks the other.
* Each source's articles go in one transaction: a kill leaves all of them or none, never a
  half row; what was committed before the kill stays.
* Articles are keyed by canonical URL *and* by a hash of their text, so the same item seen
  again (or under a ``utm_`` URL, or republished under a second URL) is stored once.
* The schema version is ``PRAGMA user_version``; ``_MIGRATIONS`` is applied in order, each in
  its own transaction, so an old archive is upgraded in place and never half-upgraded.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from briefings.errors import BriefingsError
from briefings.model import Article
from briefings.window import published_in

__all__ = ["Archive", "ArchiveError", "SourceStatus", "canonical_url", "content_hash"]


class ArchiveError(BriefingsError):
    """The archive file cannot be opened, migrated or written; the message names the file."""


# --------------------------------------------------------------------------- keys


_TRACKING_PREFIXES = ("utm_",)
_TRACKING_KEYS = {"fbclid", "gclid", "mc_cid", "mc_eid", "ocid"}


def canonical_url(url: str) -> str:
    """The URL an article is known by: scheme and host lower-case, default port and fragment
    dropped, tracking parameters (``utm_*``, ``fbclid``...) removed, the rest kept in order.

    Two links that differ only in campaign tags point at one article; anything else in the
    query may select a different page, so it is kept.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = f"{parts.username or ''}{':' + parts.password if parts.password else ''}@{host}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_KEYS
    ]
    path = parts.path or ("/" if host else "")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


STORY_WORDS = 8
"""A text of at least this many words identifies its story alone (the same text under a
second URL is the same story, republished); a shorter one is a label ("Watch the video.",
"Read more.") that many stories share, and identifies a story only with its headline."""


def content_hash(text: str, title: str | None = None) -> str:
    """A hash of the body with whitespace normalised: the same story republished under a
    second URL (or re-wrapped by another feed) is recognised as already stored.

    A short text is hashed with its title: three stories whose feed says only "Watch the
    video." are three stories (two were dropped as "already there" before), and the same
    story re-wrapped keeps its headline."""
    normalised = " ".join(text.split()).casefold()
    if title is not None and len(normalised.split()) < STORY_WORDS:
        normalised = " ".join(title.split()).casefold() + "\n" + normalised
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- schema

_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, sources, HTTP validators
    (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            outlet TEXT NOT NULL,
            published TEXT,
            published_utc TEXT,
            published_has_time INTEGER NOT NULL DEFAULT 1,
            text TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'en',
            source TEXT NOT NULL,
            collected_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_published ON articles(published_utc)",
        "CREATE INDEX articles_collected ON articles(collected_at)",
        """CREATE TABLE sources (
            name TEXT PRIMARY KEY,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT
        )""",
        """CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            updated_at TEXT NOT NULL
        )""",
    ),
    # 2: the article count kept with the source, so `briefings sources` does not scan articles
    (
        "ALTER TABLE sources ADD COLUMN articles INTEGER NOT NULL DEFAULT 0",
        """INSERT OR IGNORE INTO sources(name) SELECT DISTINCT source FROM articles""",
        """UPDATE sources SET articles =
            (SELECT COUNT(*) FROM articles WHERE articles.source = sources.name)""",
    ),
    # 3: items a source read but could not store, so `briefings sources` can say so
    (
        "ALTER TABLE sources ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sources ADD COLUMN last_dropped TEXT",
    ),
)
SCHEMA_VERSION = len(_MIGRATIONS)


@dataclass(frozen=True)
class SourceStatus:
    """One line of ``briefings sources``."""

    name: str
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    articles: int
    dropped: int = 0
    """Items read but not stored, over every collect."""
    last_dropped: str | None = None
    """The last collect's one line about them; None when it dropped nothing."""

    @property
    def failing(self) -> bool:
        """The last error came after the last success: the source is failing now. An error
        followed by a success is history (``briefings sources`` showed it as current)."""
        if self.last_error is None:
            return False
        if self.last_success is None or self.last_error_at is None:
            return True
        return self.last_error_at >= self.last_success


# --------------------------------------------------------------------------- the store


class Archive:
    """An open archive. One connection, shared by the collect threads under a lock (SQLite
    allows one writer anyway); a second ``Archive`` on the same file (a build) reads
    alongside it through WAL."""

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise ArchiveError(f"{self.path}: cannot open archive: {exc}") from exc
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            mode = self._switch_to_wal(timeout)
            if str(mode).lower() != "wal":
                raise ArchiveError(f"{self.path}: cannot switch the archive to WAL ({mode})")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise ArchiveError(f"{self.path}: not a usable archive: {exc}") from exc
        except BaseException:
            self._db.close()
            raise

    # -- lifecycle

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE takes the write lock up front, so two
        collects queue instead of failing half-way); rolled back on any error."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise ArchiveError(f"{self.path}: cannot write to the archive: {exc}") from exc
            try:
                yield self._db
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise ArchiveError(f"{self.path}: cannot write to the archive: {exc}") from exc
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise ArchiveError(f"{self.path}: cannot write to the archive: {exc}") from exc

    def _switch_to_wal(self, timeout: float) -> str:
        """Put the file in WAL mode. On a new file that takes a lock no busy handler waits
        for, so a second collect starting at the same instant retries until ``timeout``."""
        give_up = time.monotonic() + timeout
        while True:
            try:
                return str(self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > give_up:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        """Bring the schema up to date; safe when several processes open a new or old archive
        at once. Each migration re-reads the version inside its write transaction (which
        holds the write lock), so whoever comes second finds it done and skips it: two
        collects on a new archive failed with "table articles already exists" or "duplicate
        column name" before."""
        self._refuse_newer(self.schema_version)
        for number, statements in enumerate(_MIGRATIONS, start=1):
            if number <= self.schema_version:
                continue
            with self._write() as db:
                version = int(db.execute("PRAGMA user_version").fetchone()[0])
                self._refuse_newer(version)
                if version >= number:
                    continue  # another process did it while we waited for the lock
                for statement in statements:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path}: archive schema {version} is newer than this briefings "
                f"understands ({SCHEMA_VERSION}); upgrade briefings"
            )

    # -- articles

    def add_articles(self, source: str, articles: Sequence[Article]) -> tuple[int, int]:
        """Store ``articles`` for ``source`` in one transaction: ``(added, already there)``.

        An article is already there when its canonical URL or its text hash is stored (this
        batch included, so a feed repeating an item stores it once)."""
        now = _iso(datetime.now(UTC))
        added = 0
        with self._write() as db:
            for article in articles:
                cursor = db.execute(
                    # DO NOTHING on a duplicate key only (OR IGNORE would also swallow a
                    # NOT NULL violation and count a broken article as "already there")
                    "INSERT INTO articles(id, url, content_hash, title, outlet,"
                    " published, published_utc, published_has_time, text, language, source,"
                    " collected_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                    _row(article, source, now),
                )
                added += cursor.rowcount
            db.execute("INSERT OR IGNORE INTO sources(name) VALUES (?)", (source,))
            db.execute(
                "UPDATE sources SET articles = articles + ? WHERE name = ?", (added, source)
            )
        return added, len(articles) - added

    def known_urls(self, urls: Sequence[str]) -> set[str]:
        """Which of these (canonical) URLs are stored: a feed need not fetch their pages."""
        found: set[str] = set()
        with self._lock:
            for start in range(0, len(urls), 500):
                chunk = list(urls[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT url FROM articles WHERE url IN ({marks})", chunk)
                found.update(row[0] for row in rows)
        return found

    def articles_in_window(
        self,
        start: datetime,
        end: datetime,
        *,
        undated: Literal["collected", "all", "none"] = "collected",
    ) -> list[Article]:
        """The articles a brief of ``[start, end)`` covers, by the day rule of DESIGN.md (as
        ``pipeline.in_window``): a timed publication inside the window; a date-only one whose
        whole day overlaps it. Undated articles are kept: by default those first collected
        in the window, so each lands in one daily brief instead of every brief forever
        (``undated="all"`` keeps every one, ``"none"`` drops them).

        One SELECT, so one read snapshot: a collect committing meanwhile is seen whole or
        not at all."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("articles_in_window needs timezone-aware start and end")
        # SQL narrows by UTC with a day of slack either side; Python applies the exact rule
        low, high = _iso(start - timedelta(days=2)), _iso(end + timedelta(days=2))
        undated_sql = {
            "collected": "(published_utc IS NULL AND collected_at >= ? AND collected_at < ?)",
            "all": "(published_utc IS NULL AND ? IS NOT NULL AND ? IS NOT NULL)",
            "none": "(0 AND ? IS NOT NULL AND ? IS NOT NULL)",
        }[undated]
        query = (
            "SELECT id, url, title, outlet, published, published_has_time, text, language,"
            " source FROM articles WHERE (published_utc >= ? AND published_utc < ?) OR "
            + undated_sql
            + " ORDER BY published_utc IS NULL, published_utc, id"
        )
        with self._lock:
            rows = self._db.execute(query, (low, high, _iso(start), _iso(end))).fetchall()
        articles = [_article(row) for row in rows]
        return [a for a in articles if published_in(a, start, end)]

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- sources

    def record_success(self, source: str, when: datetime) -> None:
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO sources(name) VALUES (?)", (source,))
            db.execute("UPDATE sources SET last_success = ? WHERE name = ?", (_iso(when), source))

    def record_failure(self, source: str, when: datetime, error: str) -> None:
        line = " ".join(error.split())
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO sources(name) VALUES (?)", (source,))
            db.execute(
                "UPDATE sources SET last_error = ?, last_error_at = ? WHERE name = ?",
                (line, _iso(when), source),
            )

    def record_dropped(self, source: str, count: int, line: str | None) -> None:
        """Count ``count`` items ``source`` read but could not store in this collect;
        ``line`` says which (None, with 0, clears the last collect's line)."""
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO sources(name) VALUES (?)", (source,))
            db.execute(
                "UPDATE sources SET dropped = dropped + ?, last_dropped = ? WHERE name = ?",
                (count, " ".join(line.split()) if line else None, source),
            )

    def source_status(self) -> list[SourceStatus]:
        with self._lock:
            rows = self._db.execute(
                "SELECT name, last_success, last_error, last_error_at, articles, dropped,"
                " last_dropped FROM sources ORDER BY name"
            ).fetchall()
        return [
            SourceStatus(name, _when(ok), err, _when(err_at), int(count), int(dropped), last)
            for name, ok, err, err_at, count, dropped, last in rows
        ]

    # -- HTTP validators

    def http_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The ETag and Last-Modified last seen for ``url``, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,)
            ).fetchone()
        return (row[0], row[1]) if row else None

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember validators; call it only after the response's articles are stored, so a
        kill in between costs a re-fetch, never a lost item."""
        with self._write() as db:
            if etag is None and last_modified is None:
                db.execute("DELETE FROM http_cache WHERE url = ?", (url,))
                return
            db.execute(
                "INSERT INTO http_cache(url, etag, last_modified, updated_at) VALUES (?,?,?,?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, updated_at = excluded.updated_at",
                (url, etag, last_modified, _iso(datetime.now(UTC))),
            )


# --------------------------------------------------------------------------- rows


def _iso(moment: datetime) -> str:
    """UTC in one fixed format, so text order is time order in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _row(article: Article, source: str, now: str) -> tuple[object, ...]:
    url = canonical_url(article.url) if article.url else None
    published = article.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (
        article.id,
        url,
        content_hash(article.text, article.title),
        article.title,
        article.outlet,
        published.isoformat() if published else None,  # keeps the source's offset
        _iso(published) if published else None,
        1 if article.published_has_time else 0,
        article.text,
        article.language,
        source or article.source,
        now,
    )


def _article(row: tuple[object, ...]) -> Article:
    ident, url, title, outlet, published, has_time, text, language, source = row
    return Article(
        id=str(ident),
        title=str(title),
        outlet=str(outlet),
        url=str(url) if url is not None else None,
        published=datetime.fromisoformat(str(published)) if published else None,
        text=str(text),
        language=str(language),
        source=str(source),
        published_has_time=bool(has_time),
    )
