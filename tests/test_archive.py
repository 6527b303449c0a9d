"""The archive: schema migrations, WAL, dedupe, the window query, readers during writes."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from briefings.archive import (
    _MIGRATIONS,
    SCHEMA_VERSION,
    Archive,
    ArchiveError,
    canonical_url,
)
from briefings.model import Article, Window, stable_id
from briefings.pipeline import in_window
from factories import make_article

KYIV = ZoneInfo("Europe/Kyiv")


def _article(
    title: str,
    *,
    url: str | None = None,
    text: str | None = None,
    published: datetime | None = None,
    has_time: bool = True,
) -> Article:
    """An archived article as a source gives it: keyed like the archive keys it (by URL, else by
    body), the body made from the title unless given."""
    body = text or f"{title}. A paragraph written for the archive tests about {title.lower()}."
    return make_article(id=stable_id(url or body), title=title, outlet="Test Post", url=url,
                        published=published, text=body, source="test", published_has_time=has_time)


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.sqlite") as store:
        yield store


# --------------------------------------------------------------------------- schema


def test_new_archive_is_at_the_current_version_in_wal(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "archive.sqlite"
    with Archive(path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(_MIGRATIONS)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "sources", "http_cache"} <= tables


def test_migrates_a_version_1_archive_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    for statement in _MIGRATIONS[0]:
        db.execute(statement)
    db.execute(
        "INSERT INTO articles(id, url, content_hash, title, outlet, text, source, collected_at)"
        " VALUES ('a1', 'https://old.test/a', 'h1', 'Old story', 'Old', 'Body.', 'oldfeed',"
        " '2025-07-01T00:00:00.000000+00:00')"
    )
    db.execute("INSERT INTO sources(name, last_success) VALUES ('oldfeed', NULL)")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Archive(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        [status] = store.source_status()
        assert (status.name, status.articles) == ("oldfeed", 1)
        assert store.count() == 1


def test_refuses_an_archive_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(ArchiveError, match="newer"):
        Archive(path)


def test_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(ArchiveError, match=str(path)):
        Archive(path)


# --------------------------------------------------------------------------- dedupe


def test_round_trip_keeps_every_field(archive: Archive) -> None:
    when = datetime(2025, 7, 22, 8, 15, tzinfo=timezone(timedelta(hours=3)))
    original = _article("Port strike ends", url="https://news.test/port", published=when)
    assert archive.add_articles("test", [original]) == (1, 0)
    [back] = archive.articles_in_window(when - timedelta(hours=1), when + timedelta(hours=1))
    assert back == original
    assert back.published is not None and back.published.utcoffset() == timedelta(hours=3)


def test_same_url_is_stored_once_even_with_tracking_and_case(archive: Archive) -> None:
    first = _article("Tram line opens", url="https://News.test/trams?id=4&utm_source=rss")
    again = _article("Tram line opens (updated)", url="https://news.TEST/trams?id=4#comments",
                     text="A changed body, so only the URL can tell it is the same.")  # fmt: skip
    other = _article("Tram line 2", url="https://news.test/trams?id=5")
    assert archive.add_articles("test", [first]) == (1, 0)
    assert archive.add_articles("test", [again, other]) == (1, 1)
    assert archive.count() == 2
    assert archive.known_urls([canonical_url(first.url or "")]) == {"https://news.test/trams?id=4"}


def test_same_text_under_another_url_is_stored_once(archive: Archive) -> None:
    text = "The ferry timetable changes on Monday.\n\nNight crossings return."
    a = _article("Ferry", url="https://a.test/ferry", text=text)
    b = _article("Ferry news", url="https://b.test/f", text="  the FERRY timetable changes on "
                 "Monday.\nNight   crossings return.  ")  # fmt: skip
    no_url = _article("Ferry (copy)", text=text)
    assert archive.add_articles("test", [a, b, no_url]) == (1, 2)


def test_sources_record_success_failure_and_count(archive: Archive) -> None:
    archive.add_articles("feed", [_article("One"), _article("Two")])
    archive.record_success("feed", datetime(2025, 7, 22, 6, tzinfo=UTC))
    archive.record_failure("feed", datetime(2025, 7, 22, 7, tzinfo=UTC), "http://x: HTTP 500\nx")
    archive.record_failure("broken", datetime(2025, 7, 22, 7, tzinfo=UTC), "HTTP 404")
    status = {s.name: s for s in archive.source_status()}
    assert status["feed"].articles == 2
    assert status["feed"].last_success == datetime(2025, 7, 22, 6, tzinfo=UTC)
    assert status["feed"].last_error == "http://x: HTTP 500 x"
    assert status["broken"].last_success is None and status["broken"].articles == 0


def test_http_validators_round_trip(archive: Archive) -> None:
    assert archive.http_validators("https://a.test/rss") is None
    archive.save_validators("https://a.test/rss", '"abc"', "Tue, 22 Jul 2025 08:00:00 GMT")
    archive.save_validators("https://a.test/rss", '"def"', None)
    assert archive.http_validators("https://a.test/rss") == ('"def"', None)
    archive.save_validators("https://a.test/rss", None, None)
    assert archive.http_validators("https://a.test/rss") is None


def test_a_failed_batch_stores_nothing(archive: Archive) -> None:
    good = _article("Fine")
    broken = Article(id="x", title=None, outlet="o", url=None, published=None, text="t")  # type: ignore[arg-type]
    with pytest.raises(ArchiveError, match="NOT NULL"):
        archive.add_articles("test", [good, broken])
    assert archive.count() == 0
    assert archive.source_status() == []


# --------------------------------------------------------------------------- window


def _kyiv_day(day: int) -> tuple[datetime, datetime]:
    start = datetime(2025, 7, day, tzinfo=KYIV)
    return start, start + timedelta(days=1)


def test_window_follows_the_timezone_and_the_whole_day_rule(archive: Archive) -> None:
    kyiv = timezone(timedelta(hours=3))
    articles = {
        "early kyiv": _article("early kyiv", published=datetime(2025, 7, 21, 21, 30, tzinfo=UTC)),
        "late utc": _article("late utc", published=datetime(2025, 7, 22, 21, 30, tzinfo=UTC)),
        "before": _article("before", published=datetime(2025, 7, 21, 20, 59, tzinfo=UTC)),
        "day only": _article("day only", published=datetime(2025, 7, 22, tzinfo=kyiv),
                             has_time=False),
        "day before": _article("day before", published=datetime(2025, 7, 21, tzinfo=kyiv),
                               has_time=False),
        "utc day": _article("utc day", published=datetime(2025, 7, 22, tzinfo=UTC),
                            has_time=False),
        "next utc day": _article("next utc day", published=datetime(2025, 7, 23, tzinfo=UTC),
                                 has_time=False),
    }  # fmt: skip
    archive.add_articles("test", list(articles.values()))
    start, end = _kyiv_day(22)
    found = {a.title for a in archive.articles_in_window(start, end, undated="none")}
    assert found == {"early kyiv", "day only", "utc day"}
    # the same rule as the build from files
    window = Window(start=start, end=end, timezone="Europe/Kyiv")
    assert found == {t for t, a in articles.items() if in_window(a, window)}


def test_undated_articles_belong_to_the_window_they_were_collected_in(archive: Archive) -> None:
    archive.add_articles("test", [_article("undated")])
    now = datetime.now(UTC)
    around = archive.articles_in_window(now - timedelta(hours=1), now + timedelta(hours=1))
    assert [a.title for a in around] == ["undated"] and around[0].published is None
    last_week = now - timedelta(days=7)
    assert archive.articles_in_window(last_week, last_week + timedelta(days=1)) == []
    everything = archive.articles_in_window(last_week, last_week + timedelta(days=1), undated="all")
    assert [a.title for a in everything] == ["undated"]


def test_window_needs_aware_datetimes(archive: Archive) -> None:
    with pytest.raises(ValueError):
        archive.articles_in_window(datetime(2025, 7, 22), datetime(2025, 7, 23))


# --------------------------------------------------------------------------- concurrency


def test_reader_sees_the_last_commit_during_a_write(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite"
    day = datetime(2025, 7, 22, 12, tzinfo=UTC)
    with Archive(path) as writer, Archive(path, timeout=1) as reader:
        writer.add_articles("a", [_article("committed", published=day)])
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO articles(id, url, content_hash, title, outlet, published, published_utc,"
            " text, source, collected_at) VALUES ('p', NULL, 'h', 'pending', 'o', ?, ?, 't', 'a',"
            " ?)",
            (day.isoformat(), "2025-07-22T12:00:00.000000+00:00", "2025-07-22T12:00:00+00:00"),
        )
        window = (day - timedelta(hours=1), day + timedelta(hours=1))
        # not blocked (timeout=1 would raise), and sees only what is committed
        assert [a.title for a in reader.articles_in_window(*window)] == ["committed"]
        raw.execute("COMMIT")
        raw.close()
        assert {a.title for a in reader.articles_in_window(*window)} == {"committed", "pending"}


def test_reader_never_sees_half_a_batch(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite"
    day = datetime(2025, 7, 22, 12, tzinfo=UTC)
    batch, batches = 40, 15
    seen: set[int] = set()
    with Archive(path) as writer, Archive(path) as reader:
        done = threading.Event()

        def write() -> None:
            for b in range(batches):
                writer.add_articles(
                    "w", [_article(f"story {b}-{i}", published=day) for i in range(batch)]
                )
            done.set()

        thread = threading.Thread(target=write)
        thread.start()
        window = (day - timedelta(hours=1), day + timedelta(hours=1))
        while not done.is_set():
            seen.add(len(reader.articles_in_window(*window)))
        thread.join()
        seen.add(len(reader.articles_in_window(*window)))
    assert all(count % batch == 0 for count in seen), sorted(seen)
    assert max(seen) == batch * batches


# --------------------------------------------------------------------------- concurrent opening


def _open_together(path: Path, openers: int = 2) -> list[str]:
    """Open ``path`` from ``openers`` threads at the same instant: the errors, one line each."""
    barrier = threading.Barrier(openers)
    errors: list[str] = []

    def one() -> None:
        barrier.wait()
        try:
            with Archive(path) as store:
                store.add_articles("feed", [])
        except ArchiveError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=one) for _ in range(openers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_collects_can_create_a_new_archive_together(tmp_path: Path) -> None:
    """Two collects started on a new archive failed in 11 of 20 trials ("table articles
    already exists", "database is locked"): the schema is made once, by whichever is first."""
    for trial in range(20):
        path = tmp_path / f"new-{trial}.sqlite"
        assert _open_together(path) == [], f"trial {trial}"
        with Archive(path) as store:
            assert store.schema_version == SCHEMA_VERSION


def test_two_collects_can_migrate_an_old_archive_together(tmp_path: Path) -> None:
    """A pending migration run by two processes at once: "duplicate column name" before."""
    for trial in range(20):
        path = tmp_path / f"old-{trial}.sqlite"
        db = sqlite3.connect(path)
        for statement in _MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.commit()
        db.close()
        assert _open_together(path) == [], f"trial {trial}"
        with Archive(path) as store:
            assert store.schema_version == SCHEMA_VERSION
