"""Unattended and hostile (issue 20): native crashes, orphans, trickling servers, silent drops.

Everything runs against the loopback server of ``feed_server`` or on real processes; each test
checks a promise that failed before its fix.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from types import FrameType

import pytest
from feed_server import LoopbackServer

from briefings.archive import Archive
from briefings.collect.http import Fetcher, FetchError
from briefings.collect.sources import SourceResult, SourceSpec, collect_sources

ROOT = Path(__file__).resolve().parent.parent
PAGES = 24
CRASH_LOOPS = int(os.environ.get("BRIEFINGS_CRASH_LOOPS", "0") or 0) or 3
"""Collects of many pages per run of the crash loop; ``make fuzz`` may ask for more."""


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    srv = LoopbackServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv  # STALL_RELEASE is left alone: setting it would un-stall test_sources' server
    srv.shutdown()
    srv.server_close()


# --------------------------------------------------------------------------- 1. native crash


class _InFlight:
    """Counts threads inside trafilatura's ``bare_extraction`` (seen by a profile hook on
    the library's function, not on ours), keeping the most at once."""

    def __init__(self) -> None:
        import trafilatura

        self.code = trafilatura.bare_extraction.__code__
        self.lock = threading.Lock()
        self.now = self.most = 0

    def __call__(self, frame: FrameType, event: str, arg: object) -> None:
        if frame.f_code is not self.code or event not in ("call", "return"):
            return
        with self.lock:
            self.now += 1 if event == "call" else -1
            self.most = max(self.most, self.now)


def test_pages_are_never_extracted_in_parallel_threads(server: LoopbackServer, tmp_path: Path) -> None:
    """trafilatura (lxml) crashes the process when threads run it at once: collect fetches
    pages in parallel but reads them one at a time."""
    specs = [SourceSpec(f"story{n}", "page", url=f"{server.base}/story/{n}.html") for n in range(PAGES)]
    watch = _InFlight()
    threading.setprofile(watch)
    try:
        with Archive(tmp_path / "archive.sqlite") as archive:
            results = collect_sources(specs, archive, default_tz=UTC, workers=8, per_host=8)
            stored = archive.count()
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    assert [r.error for r in results if r.error] == []
    assert stored == PAGES
    assert watch.most == 1, f"{watch.most} threads inside trafilatura at once"


def _load(seconds: float) -> list[subprocess.Popen[bytes]]:
    """One busy process per core for ``seconds``: the crash came more often under load."""
    spin = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass"
    return [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(len(os.sched_getaffinity(0)))]


def test_repeated_page_collects_under_load_never_crash(server: LoopbackServer, tmp_path: Path) -> None:
    """The crash came on the second collect of 60 pages, or 1 run in 25 under load: a real
    ``briefings collect`` of many pages, several times, with every core busy."""
    sources = "".join(
        f'[[sources]]\nname = "story{n}"\nkind = "page"\nurl = "{server.base}/story/{n}.html"\n\n'
        for n in range(PAGES)
    )
    config = tmp_path / "briefings.toml"
    config.write_text(f'[archive]\npath = "archive.sqlite"\n\n{sources}', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    load = _load(60 * CRASH_LOOPS)
    try:
        for run in range(CRASH_LOOPS):
            (tmp_path / "archive.sqlite").unlink(missing_ok=True)
            done = subprocess.run(
                [sys.executable, "-m", "briefings", "collect", "--config", str(config)],
                cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env,
            )
            assert done.returncode == 0, f"run {run}: exit {done.returncode}: {done.stderr[-2000:]}"
            with Archive(tmp_path / "archive.sqlite") as archive:
                assert archive.count() == PAGES, f"run {run}"
    finally:
        for proc in load:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- 2. orphans


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_bench_timeout_kills_the_measured_process_and_its_workers(tmp_path: Path) -> None:
    """``make bench`` timed out a build by killing the build alone, then waited for ever on a
    pipe its workers held: the timeout must end the whole group and return."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    pid_file = tmp_path / "worker.pid"
    parent = (
        "import subprocess, sys, time\n"
        "worker = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(worker.pid))\n"
        "time.sleep(120)\n"
    )
    result: dict[str, object] = {}
    runner = threading.Thread(
        target=lambda: result.update(bench.run_child([sys.executable, "-c", parent], 2.0)),
        daemon=True,
    )
    runner.start()
    runner.join(40)
    worker = int(pid_file.read_text()) if pid_file.exists() else None
    try:
        assert not runner.is_alive(), "run_child still waiting 40 s after a 2 s timeout"
        assert result["timed_out"] is True
        assert worker is not None
        deadline = time.monotonic() + 5
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker), "the measured process's worker outlived the timeout"
    finally:
        if worker is not None and _alive(worker):
            os.kill(worker, 9)


# --------------------------------------------------------------------------- 3. trickling servers


@pytest.mark.parametrize("route", ["/trickle-head.xml", "/trickle-body.xml"])
def test_a_trickling_server_is_cut_off_at_the_timeout(server: LoopbackServer, route: str) -> None:
    """A byte every 0.1 s never trips a per-read timeout: the 1 s timeout is kept on the
    clock, in the headers as in the body."""
    with Fetcher(timeout=1.0, retries=0) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out after 1 s"):
            fetcher.get(server.base + route)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0, f"took {elapsed:.1f} s with a 1 s timeout"


def test_a_trickling_source_stops_at_its_seconds(server: LoopbackServer, tmp_path: Path) -> None:
    """``timeout = 5`` and ``source_seconds = 2``: the source ends after about 2 s, whatever
    the server sends (it took 245 s before)."""
    spec = SourceSpec("trickle", "feed", url=server.base + "/trickle-body.xml", timeout=5, retries=2)
    with Archive(tmp_path / "archive.sqlite") as archive:
        started = time.monotonic()
        [result] = collect_sources([spec], archive, default_tz=UTC, source_seconds=2, backoff=0.05)
        elapsed = time.monotonic() - started
    assert result.error is not None and "limits.source_seconds" in result.error, result.error
    assert elapsed < 3.5, f"took {elapsed:.1f} s with source_seconds = 2"


# --------------------------------------------------------------------------- 5, 6. feeds and text


def _collect_one(server: LoopbackServer, tmp_path: Path, kind: str, route: str) -> tuple[SourceResult, list[dict[str, str]]]:
    spec = SourceSpec(route.strip("/"), kind, url=server.base + route)
    with Archive(tmp_path / "archive.sqlite") as archive:
        [result] = collect_sources([spec], archive, default_tz=UTC)
    db = sqlite3.connect(tmp_path / "archive.sqlite")
    db.row_factory = sqlite3.Row
    rows = [dict(row) for row in db.execute("SELECT title, outlet, text FROM articles")]
    db.close()
    return result, rows


def test_an_empty_but_valid_feed_is_not_broken(server: LoopbackServer, tmp_path: Path) -> None:
    """It was "not an RSS or Atom feed (no Content-type specified)" every run, exit 1."""
    result, rows = _collect_one(server, tmp_path, "feed", "/empty.xml")
    assert result.error is None, result.error
    assert rows == []


def test_a_feed_whose_charset_is_only_in_the_http_header(server: LoopbackServer, tmp_path: Path) -> None:
    result, rows = _collect_one(server, tmp_path, "feed", "/cp1251.xml")
    assert result.error is None, result.error
    [row] = rows
    assert row["title"] == "Паром на Велл вернётся"
    assert row["outlet"] == "Вести гавани"
    assert row["text"].startswith("Управление гавани в понедельник")


def test_html_entities_in_feed_text_are_resolved(server: LoopbackServer, tmp_path: Path) -> None:
    result, rows = _collect_one(server, tmp_path, "feed", "/entities.xml")
    assert result.error is None, result.error
    [row] = rows
    assert row["title"] == "AT&T opens a harbour office"
    assert row["text"].startswith("It\u2019s the first office AT&T has opened")
    assert row["text"].endswith("[\u2026]")
    assert "&amp;" not in row["text"] and "&#" not in row["text"]


def test_a_page_without_a_charset_is_read_right_and_said(server: LoopbackServer, tmp_path: Path) -> None:
    """Stored with replacement characters and no word before."""
    result, rows = _collect_one(server, tmp_path, "page", "/latin1.html")
    assert result.error is None, result.error
    [row] = rows
    assert "\ufffd" not in row["text"]
    assert "Le café du port a rouvert mardi après trois mois de travaux" in row["text"]
    assert any("not UTF-8; read as cp1252" in w for w in result.warnings), result.warnings


# --------------------------------------------------------------------------- 4. nothing dropped in silence


def test_items_with_no_text_anywhere_are_counted_and_said(server: LoopbackServer, tmp_path: Path) -> None:
    """A headline-only feed whose pages are gone: 0 of 3 stored, exit 0, not a word."""
    result, rows = _collect_one(server, tmp_path, "feed", "/headlines.xml")
    assert rows == []
    assert len(result.dropped) == 3, result.dropped
    assert all("no text in the feed and its page failed (HTTP 404" in line for line in result.dropped)
    message = result.dropped_message()
    assert message is not None and message.startswith("headlines.xml: 3 items dropped (item http")
    assert "\n" not in message
    with Archive(tmp_path / "archive.sqlite") as archive:
        [status] = archive.source_status()
    assert (status.dropped, status.articles) == (3, 0)
    assert status.last_dropped is not None and status.last_dropped.startswith("3 items dropped")


def test_stories_sharing_a_short_label_are_each_stored(server: LoopbackServer, tmp_path: Path) -> None:
    """Three stories whose text is "Watch the video.": 1 stored before (text deduplicated
    across the archive, not per story)."""
    result, rows = _collect_one(server, tmp_path, "feed", "/video.xml")
    assert (result.added, result.seen, result.dropped) == (3, 0, [])
    assert sorted(row["title"] for row in rows) == [
        "Crane collapses at the container quay", "Mayor opens the new fish market",
        "Storm floods the harbour car park",
    ]


def test_a_compressed_body_cut_short_is_an_error(server: LoopbackServer, tmp_path: Path) -> None:
    """A gzip body cut short was read as whole: 1 of 6 items, exit 0."""
    result, rows = _collect_one(server, tmp_path, "feed", "/gzcut.xml")
    assert result.error is not None and "body cut short" in result.error, result.error
    assert rows == []


# --------------------------------------------------------------------------- 8. smaller


def test_a_page_wrapped_in_one_form_is_read(server: LoopbackServer, tmp_path: Path) -> None:
    """ASP.NET pages put the whole body in a ``<form>``: "no article text found" before."""
    result, rows = _collect_one(server, tmp_path, "page", "/form.html")
    assert result.error is None, result.error
    [row] = rows
    assert "Engineers began replacing the deck of the swing bridge" in row["text"]


def test_raw_deflate_without_a_zlib_header_is_read(server: LoopbackServer) -> None:
    with Fetcher(retries=0) as fetcher:
        response = fetcher.get(server.base + "/deflate-raw.xml")
    assert response.body.startswith(b'<?xml version="1.0"') and response.body.endswith(b"</rss>")


def test_a_long_retry_after_is_not_retried_sooner(server: LoopbackServer) -> None:
    """``Retry-After: 3600`` was retried after 30 s, three hits a minute."""
    with Fetcher(retries=2, backoff=0.05) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="retry after 3600 s"):
            fetcher.get(server.base + "/429-long.xml")
    assert time.monotonic() - started < 5
    assert len(server.requests["/429-long.xml"]) == 1


def test_a_retry_after_date_is_waited_for(server: LoopbackServer) -> None:
    """The HTTP-date form of Retry-After was ignored (retried after the 0.05 s backoff)."""
    with Fetcher(retries=2, backoff=0.05) as fetcher:
        started = time.monotonic()
        response = fetcher.get(server.base + "/429-date.xml")
    assert response.status == 200
    assert time.monotonic() - started >= 0.9  # the date is 2 s ahead, to the second
    assert len(server.requests["/429-date.xml"]) == 2


def test_sources_status_is_failing_only_when_the_error_is_newest(tmp_path: Path) -> None:
    """``briefings sources`` showed an old error after a later success."""
    from datetime import datetime, timedelta

    moment = datetime(2025, 7, 22, 6, 0, 0, tzinfo=UTC)
    with Archive(tmp_path / "archive.sqlite") as archive:
        archive.record_failure("feed", moment, "HTTP 503")
        [failing] = archive.source_status()
        archive.record_success("feed", moment + timedelta(seconds=20))  # same minute
        [recovered] = archive.source_status()
    assert failing.failing and not recovered.failing
    assert recovered.last_error == "HTTP 503"  # kept as history
