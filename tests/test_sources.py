"""Collecting live sources (feeds, pages, folders) from the loopback server of ``feed_server``:
what is archived, what each bad source reports, conditional GET, limits and interruptions.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefings.archive import Archive
from briefings.collect.http import USER_AGENT, Fetcher, FetchError
from briefings.collect.sources import SourceSpec, collect_sources
from feed_server import ATOM, RSS, STALL_RELEASE, LoopbackServer

ROOT = Path(__file__).resolve().parent.parent
GOOD = ("rss", "atom", "summaries", "repeat", "page")
BAD = ("missing", "error500", "slow", "loop", "malformed", "huge", "bomb")


@pytest.fixture(scope="module")
def server():
    srv = LoopbackServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    STALL_RELEASE.set()
    srv.shutdown()
    srv.server_close()


def _specs(base: str) -> list[SourceSpec]:
    feed = lambda name, path, **kw: SourceSpec(name, "feed", url=base + path, **kw)  # noqa: E731
    return [
        feed("rss", "/rss.xml"),
        feed("atom", "/atom.xml"),
        feed("summaries", "/summaries.xml"),
        feed("repeat", "/repeat.xml"),
        SourceSpec("page", "page", url=base + "/bridge.html"),
        feed("missing", "/404.xml"),
        feed("error500", "/500.xml", retries=2),
        feed("slow", "/slow.xml", timeout=0.5),
        feed("loop", "/loop"),
        feed("malformed", "/malformed.xml"),
        feed("huge", "/huge.xml", max_bytes=300_000),
        feed("bomb", "/bomb.xml", max_bytes=300_000),
    ]


def _collect(server, path: Path):
    with Archive(path) as archive:
        started = time.monotonic()
        results = collect_sources(_specs(server.base), archive, default_tz=UTC, backoff=0.05)
        return results, time.monotonic() - started


@pytest.fixture(scope="module")
def first(server, tmp_path_factory):
    """One collect of every source; the tests below read what it did."""
    path = tmp_path_factory.mktemp("archive") / "archive.sqlite"
    results, elapsed = _collect(server, path)
    return path, {r.name: r for r in results}, elapsed


def _rows(path: Path) -> dict[str, sqlite3.Row]:
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    rows = db.execute("SELECT * FROM articles").fetchall()
    db.close()
    return {row["title"]: row for row in rows}


def test_good_sources_are_archived_once(first) -> None:
    path, results, _ = first
    for name in GOOD:
        assert results[name].error is None, results[name].message()
    rows = _rows(path)
    expected = {
        "Market rota agreed", "Battery tram trial", "Fireworks move west",  # rss
        "Dune path reopens", "Lifeguards extend season",  # atom
        "Night ferry to Vell restored", "Library to open on Sundays", "Pier lights repaired",
        "Water main burst", "School roof fixed",  # repeat: 5 items, 2 distinct
        "Swing bridge deck replaced",  # page
    }  # fmt: skip
    assert set(rows) == expected
    assert (results["repeat"].added, results["repeat"].seen) == (2, 3)


def test_urls_are_canonical_and_published_is_read(first) -> None:
    rows = _rows(first[0])
    market = rows["Market rota agreed"]
    assert market["url"] == "http://gazette.test/market"
    assert datetime.fromisoformat(market["published"]) == datetime(
        2025, 7, 22, 5, 15, tzinfo=UTC
    )
    assert market["outlet"] == "Harbour Gazette"
    assert rows["Battery tram trial"]["url"] == "http://gazette.test/trams"
    fireworks = rows["Fireworks move west"]
    assert fireworks["published_has_time"] == 0
    assert fireworks["published"].startswith("2025-07-21T00:00:00")
    assert rows["School roof fixed"]["url"] == "http://repeat.test/roof"
    life = rows["Lifeguards extend season"]
    assert datetime.fromisoformat(life["published"]) == datetime(2025, 7, 21, 16, 30, tzinfo=UTC)
    assert rows["Dune path reopens"]["outlet"] == "Coast Weekly"
    assert "marram grass" in rows["Dune path reopens"]["text"]


def test_summary_items_get_their_page_text(first, server) -> None:
    path, results, _ = first
    rows = _rows(path)
    ferry = rows["Night ferry to Vell restored"]["text"]
    assert "leased catamaran" in ferry and "three thousand signatures" in ferry
    assert "Subscribe for one euro" not in ferry and "All rights reserved" not in ferry
    assert "reading club" in rows["Library to open on Sundays"]["text"]
    # the page that 404s leaves the feed's summary, and a warning naming it
    assert rows["Pier lights repaired"]["text"] == "Electricians repaired the lights on the north pier."
    assert any("gone.html" in w and "404" in w for w in results["summaries"].warnings)
    bridge = rows["Swing bridge deck replaced"]
    assert "railway footbridge" in bridge["text"] and "Sport" not in bridge["text"]
    assert datetime.fromisoformat(bridge["published"]) == datetime(2025, 7, 22, 7, 30, tzinfo=UTC)


def test_each_bad_source_is_reported_in_one_line(first, server) -> None:
    _, results, elapsed = first
    reasons = {
        "missing": "HTTP 404",
        "error500": "HTTP 500",
        "slow": "timed out",
        "loop": "too many redirects",
        "malformed": "not an RSS or Atom feed",
        "huge": "limit",
        "bomb": "limit",
    }
    for name, reason in reasons.items():
        message = results[name].message()
        assert message.startswith(f"{name}: http://127.0.0.1:"), message
        assert reason in message and "\n" not in message, message
    assert "(3 attempts)" in results["error500"].message()
    assert len(server.requests["/500.xml"]) == 3  # two retries
    assert server.huge_sent < 50_000_000  # stopped reading long before the end
    assert elapsed < 10  # the slow source cost its timeout, not the server's 3 s... each


def test_failures_and_successes_are_recorded_per_source(first) -> None:
    with Archive(first[0]) as archive:
        status = {s.name: s for s in archive.source_status()}
    assert status["rss"].articles == 3 and status["rss"].last_success is not None
    assert status["rss"].last_error is None
    assert status["missing"].last_success is None
    assert "HTTP 404" in (status["missing"].last_error or "")
    assert status["repeat"].articles == 2


def test_user_agent_is_sent(first, server) -> None:
    agents = {h.get("User-Agent") for h in server.requests["/rss.xml"]}
    assert agents == {USER_AGENT}
    assert USER_AGENT.startswith("briefings/")


def test_second_collect_adds_nothing_and_uses_conditional_get(first, server) -> None:
    path, _, _ = first
    before = len(_rows(path))
    rss_hits = len(server.requests["/rss.xml"])
    page_hits = len(server.requests["/articles/ferry.html"])
    results, _ = _collect(server, path)
    by_name = {r.name: r for r in results}
    assert sum(r.added for r in results) == 0
    assert len(_rows(path)) == before
    last = server.requests["/rss.xml"][rss_hits:]
    assert len(last) == 1 and last[0].get("If-None-Match", "").startswith('"')
    assert by_name["rss"].not_modified and by_name["page"].not_modified
    assert len(server.requests["/articles/ferry.html"]) == page_hits  # 304 feed: no page fetch
    assert by_name["missing"].error is not None  # still reported


def test_changed_feed_does_not_refetch_archived_item_pages(server, tmp_path) -> None:
    spec = SourceSpec("summaries", "feed", url=server.base + "/summaries.xml")
    with Archive(tmp_path / "a.sqlite") as archive:
        collect_sources([spec], archive)
        archive.save_validators(spec.url, None, None)  # as if the feed had changed
        hits = len(server.requests["/articles/ferry.html"])
        [again] = collect_sources([spec], archive)
    assert (again.added, again.seen) == (0, 3)
    assert len(server.requests["/articles/ferry.html"]) == hits


def test_fetcher_refuses_other_schemes_and_bounds_redirects(server) -> None:
    with Fetcher(timeout=2, max_redirects=5) as fetcher:
        with pytest.raises(FetchError, match="only http"):
            fetcher.get("file:///etc/passwd")
        hits = len(server.requests.get("/loop1", [])) + len(server.requests.get("/loop", []))
        with pytest.raises(FetchError, match="more than 5"):
            fetcher.get(server.base + "/loop")
        after = len(server.requests.get("/loop1", [])) + len(server.requests.get("/loop", []))
        assert after - hits <= 6


def test_local_feed_file(tmp_path) -> None:
    (tmp_path / "feed.xml").write_bytes(ATOM)
    spec = SourceSpec("local", "feed", path=tmp_path / "feed.xml")
    with Archive(tmp_path / "a.sqlite") as archive:
        [result] = collect_sources([spec], archive)
        titles = {a.title for a in archive.articles_in_window(
            datetime(2025, 7, 21, tzinfo=UTC), datetime(2025, 7, 23, tzinfo=UTC))}
    assert result.error is None and result.added == 2
    assert titles == {"Dune path reopens", "Lifeguards extend season"}


_KILL_SCRIPT = """
import sys
from datetime import UTC
from pathlib import Path
from briefings.archive import Archive
from briefings.collect.sources import SourceSpec, collect_sources
base, path = sys.argv[1], Path(sys.argv[2])
specs = [SourceSpec("rss", "feed", url=base + "/rss.xml"),
         SourceSpec("atom", "feed", url=base + "/atom.xml"),
         SourceSpec("stall", "feed", url=base + "/stall.xml", timeout=60)]
with Archive(path) as archive:
    collect_sources(specs, archive, default_tz=UTC, workers=3)
"""


def test_collect_killed_midway_leaves_a_sound_archive(server, tmp_path) -> None:
    path = tmp_path / "archive.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, server.base, str(path)], env=env)
    try:
        assert server.stalled.wait(20), "the collect never reached the stalling feed"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if len(_rows(path)) >= 5:
                    break
            except sqlite3.Error:
                pass
            time.sleep(0.05)
        assert proc.poll() is None, "the collect finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    titles = set(_rows(path))
    assert {"Market rota agreed", "Dune path reopens", "Lifeguards extend season"} <= titles
    with Archive(path) as archive:  # reopens (and recovers the WAL) cleanly
        status = {s.name: s for s in archive.source_status()}
        assert status["rss"].articles == 3 and status["atom"].articles == 2
        assert "stall" not in status


def test_requests_to_one_host_are_bounded(server) -> None:
    urls = [f"{server.base}/held?n={i}" for i in range(6)]
    with Fetcher(timeout=5, per_host=2, workers=6) as fetcher:
        results = fetcher.get_many(urls)
    assert all(not isinstance(r, FetchError) and r.status == 200 for r in results)
    assert server.max_in_flight == 2


def test_gzip_bodies_are_inflated(server) -> None:
    with Fetcher(timeout=5) as fetcher:
        response = fetcher.get(server.base + "/gz.xml", max_bytes=len(RSS))
    assert response.body == RSS
    assert "Market rota agreed" in response.text()


def test_folder_sources_go_through_the_same_archive(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        "title: Canal cleaned\npublished: 2025-07-22T09:00:00+02:00\n---\n"
        "Divers lifted eleven bicycles out of the canal on Tuesday.\n"
    )
    specs = [SourceSpec("inbox", "folder", path=inbox),
             SourceSpec("nowhere", "folder", path=tmp_path / "missing")]  # fmt: skip
    with Archive(tmp_path / "a.sqlite") as archive:
        first = collect_sources(specs, archive)
        second = collect_sources(specs, archive)
    assert (first[0].added, first[0].error) == (1, None)
    assert (second[0].added, second[0].seen) == (0, 1)
    assert first[1].error is not None and "does not exist" in first[1].message()
    assert first[1].message().startswith("nowhere: ")


# ----------------------------------------------------------------------------- the command line
def _config_file(folder: Path, base: str) -> Path:
    """The same sources as ``_specs``, as a user writes them in briefings.toml."""
    lines = ['[archive]\npath = "archive.sqlite"\n']
    for spec in _specs(base):
        lines.append(f'[[sources]]\nname = "{spec.name}"\nkind = "{spec.kind}"\nurl = "{spec.url}"\n'
                     f"timeout = {spec.timeout}\nretries = {spec.retries}\nmax_bytes = {spec.max_bytes}\n")
    path = folder / "briefings.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_collect_and_build_from_the_command_line(server, tmp_path) -> None:
    """Issue 5's "done when": every good item archived once, each bad source one line and exit
    1, a second collect adds nothing, and build --date briefs exactly the window's articles."""
    from typer.testing import CliRunner

    from briefings.cli import app

    runner = CliRunner()
    config = _config_file(tmp_path, server.base)
    first = runner.invoke(app, ["collect", "--config", str(config)])
    assert first.exit_code == 1
    lines = [line for line in first.stderr.splitlines() if line.startswith("Warning:")]
    assert sorted(line.split(":")[1].strip() for line in lines) == sorted(BAD)
    assert all(line.startswith("Warning: ") and "\n" not in line for line in lines)
    assert f"Collected {len(GOOD)} of {len(GOOD) + len(BAD)} sources: 11 new articles" in first.stdout
    second = runner.invoke(app, ["collect", "--config", str(config)])
    assert " 0 new articles (11 in the archive)" in second.stdout
    built = runner.invoke(app, ["build", "--config", str(config), "--date", "2025-07-22", "--format", "json"])
    assert built.exit_code == 0, built.stderr
    brief = json.loads((tmp_path / "reports" / "2025-07-22" / "brief.json").read_text(encoding="utf-8"))
    titles = {a["title"] for a in brief["articles"]}
    on_the_21st = {"Fireworks move west", "Lifeguards extend season"}
    assert titles == {
        "Market rota agreed", "Battery tram trial", "Dune path reopens", "Night ferry to Vell restored",
        "Library to open on Sundays", "Pier lights repaired", "Water main burst", "School roof fixed",
        "Swing bridge deck replaced",
    }  # fmt: skip
    assert not titles & on_the_21st
