"""A loopback HTTP server for the live-source tests: feeds, pages and misbehaving endpoints.

Every document here is written for these tests. The handler records each request's path and
headers, so tests can assert the User-Agent and conditional GET.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STALL_RELEASE = threading.Event()
HUGE_TOTAL = 200_000_000
BOMB = gzip.compress(b"<rss>" + b" " * 30_000_000, compresslevel=9)


def _page(title: str, published: str, paragraphs: list[str]) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Gazette</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="{published}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a>
<a href="/subscribe">Subscribe for one euro</a></nav></header>
<main><article><h1>{title}</h1>
{body}
</article></main>
<footer><p>Copyright Harbour Gazette. All rights reserved.</p>
<p>Sign up for our newsletter and never miss a story.</p></footer>
</body></html>""".encode()


FERRY_PARAS = [
    "The harbour authority voted on Monday to restore the night ferry between the old port "
    "and the island of Vell, ending a suspension that began when the last vessel failed its "
    "hull inspection in the spring.",
    "Board members said a leased catamaran would run four crossings each night from the first "
    "of September, with fares held at last year's level for residents of the island.",
    "Islanders had collected more than three thousand signatures asking for the service, "
    "saying that nurses and bakers who work early shifts had been forced to rent rooms in "
    "town during the week.",
    "The authority's chair said the lease would cost about two hundred thousand euros a year "
    "and would be reviewed after twelve months of passenger counts.",
]
LIBRARY_PARAS = [
    "The city library on Quay Street will open on Sundays from next month, the culture office "
    "announced, after a pilot scheme drew more visitors than any weekday in the winter.",
    "Volunteers from the reading club will staff the children's floor, while the reference "
    "desk will be run by two librarians hired under a new agreement with the union.",
    "The office said the extra hours would be paid for by closing the branch reading room at "
    "the bus station, which lends fewer than forty books a week.",
    "Parents' groups welcomed the change but asked for the story hour to move to the morning, "
    "when younger children are less tired.",
]
PAGE_PARAS = [
    "Engineers began replacing the deck of the swing bridge at the mouth of the canal on "
    "Tuesday, a job the council expects to take eleven weeks.",
    "Boats taller than four metres will have to wait for the bridge to open at fixed times, "
    "twice in the morning and twice in the evening, while the work continues.",
    "Cyclists are being sent over the railway footbridge, which has been fitted with a "
    "temporary ramp for prams and wheelchairs.",
]

PAGES = {
    "/articles/ferry.html": _page(
        "Night ferry to Vell restored", "2025-07-22T07:40:00+02:00", FERRY_PARAS
    ),
    "/articles/library.html": _page(
        "Library to open on Sundays", "2025-07-22T12:05:00+02:00", LIBRARY_PARAS
    ),
    "/bridge.html": _page("Swing bridge deck replaced", "2025-07-22T09:30:00+02:00", PAGE_PARAS),
}


def _rss(title: str, items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>{title}</title><link>http://gazette.test/</link>"
        "<description>Test feed</description><language>en-gb</language>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def _rss_item(title: str, link: str, date: str, content: str, *, dc: bool = False) -> str:
    when = f"<dc:date>{date}</dc:date>" if dc else f"<pubDate>{date}</pubDate>"
    return (
        f"<item><title>{title}</title><link>{link}</link>{when}"
        f"<description>{content[:60]}…</description>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
    )


MARKET = (
    "<p>Stallholders at the covered market agreed to a new rota for the fish hall.</p>"
    "<p>The rota starts in August and gives each trader two early mornings a week.</p>"
)
TRAMS = (
    "<p>The tram depot will test a battery car on the hill line for a month.</p>"
    "<p>Drivers will record range and charging time on every run.</p>"
)
FESTIVAL = "<p>The harbour festival moved its fireworks to the west pier this year.</p>"

RSS = _rss(
    "Harbour Gazette",
    [
        _rss_item("Market rota agreed", "http://gazette.test/market?utm_source=rss", "Tue, 22 Jul 2025 08:15:00 +0300", MARKET),
        _rss_item("Battery tram trial", "http://gazette.test/trams#top", "Tue, 22 Jul 2025 14:00:00 +0000", TRAMS),
        _rss_item("Fireworks move west", "http://gazette.test/festival", "2025-07-21", FESTIVAL, dc=True),
    ],
)  # fmt: skip

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coast Weekly</title>
  <link href="http://coast.test/"/>
  <id>urn:coast</id><updated>2025-07-22T10:00:00Z</updated>
  <entry>
    <title>Dune path reopens</title>
    <link href="http://coast.test/dunes"/>
    <id>urn:coast:1</id>
    <updated>2025-07-22T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The dune path north of the lighthouse reopened after storm repairs.&lt;/p&gt;&lt;p&gt;Rangers planted marram grass along the new fence.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Lifeguards extend season</title>
    <link href="http://coast.test/lifeguards"/>
    <id>urn:coast:2</id>
    <published>2025-07-21T18:30:00+02:00</published>
    <updated>2025-07-21T18:30:00+02:00</updated>
    <summary>Lifeguards will patrol the main beach until the end of September this year, two weeks longer than usual, the council said.</summary>
    <content type="text">Lifeguards will patrol the main beach until the end of September this year, two weeks longer than usual, the council said.</content>
  </entry>
</feed>"""


def summaries_feed(base: str) -> bytes:
    items = [
        f"<item><title>Night ferry to Vell restored</title><link>{base}/articles/ferry.html</link>"
        "<pubDate>Tue, 22 Jul 2025 07:40:00 +0200</pubDate>"
        "<description>The harbour authority voted to restore the night ferry... Read more"
        "</description></item>",
        f"<item><title>Library to open on Sundays</title><link>{base}/articles/library.html</link>"
        "<pubDate>Tue, 22 Jul 2025 12:05:00 +0200</pubDate>"
        "<description>The city library will open on Sundays from next month.</description></item>",
        f"<item><title>Pier lights repaired</title><link>{base}/articles/gone.html</link>"
        "<pubDate>Tue, 22 Jul 2025 13:00:00 +0200</pubDate>"
        "<description>Electricians repaired the lights on the north pier.</description></item>",
    ]
    return _rss("Harbour Gazette Briefs", items)


SLOW_PAGE_SECONDS = 3.0


def slow_pages_feed(base: str, items: int = 6) -> bytes:
    """A feed of teasers whose item pages are slow (``/slowpage/N``)."""
    return _rss("Slow Pages", [
        f"<item><title>Slow story {n}</title><link>{base}/slowpage/{n}</link>"
        f"<pubDate>Tue, 22 Jul 2025 0{n}:00:00 +0000</pubDate>"
        f"<description>Story {n} about the harbour continues on the page... Read more</description></item>"
        for n in range(items)
    ])  # fmt: skip


REPEAT = _rss(
    "Repeat Times",
    [
        _rss_item("Water main burst", "http://repeat.test/water", "Tue, 22 Jul 2025 06:00:00 +0000", "<p>A water main burst under Mill Lane and flooded two cellars.</p>"),
        _rss_item("Water main burst", "http://repeat.test/water", "Tue, 22 Jul 2025 06:00:00 +0000", "<p>A water main burst under Mill Lane and flooded two cellars.</p>"),
        _rss_item("School roof fixed", "http://repeat.test/roof?utm_source=a&utm_medium=b", "Tue, 22 Jul 2025 07:00:00 +0000", "<p>The primary school roof was fixed before the holidays ended.</p>"),
        _rss_item("School roof fixed", "http://REPEAT.test/roof?utm_campaign=c", "Tue, 22 Jul 2025 07:00:00 +0000", "<p>The primary school roof was fixed before the holidays ended.</p>"),
        _rss_item("Roof repair done", "http://repeat.test/schools/roof-repair", "Tue, 22 Jul 2025 07:00:00 +0000", "<p>The primary school roof was fixed before the holidays ended.</p>"),
    ],
)  # fmt: skip

MALFORMED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & <unclosed</channel>'


class Handler(BaseHTTPRequestHandler):
    server: LoopbackServer

    def log_message(self, format: str, *args: object) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.requests[self.path].append(dict(self.headers.items()))
        route = self.path.split("?")[0]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        documents = {
            "/rss.xml": RSS,
            "/atom.xml": ATOM,
            "/summaries.xml": summaries_feed(base),
            "/repeat.xml": REPEAT,
            "/malformed.xml": MALFORMED,
            **PAGES,
        }
        if route in documents:
            kind = "text/html" if route.endswith(".html") else "application/rss+xml"
            return self._document(documents[route], kind)
        special = {
            "/500.xml": self._error500,
            "/slow.xml": self._slow,
            "/loop": self._loop,
            "/huge.xml": self._huge,
            "/bomb.xml": self._bomb,
            "/stall.xml": self._stall,
        }
        if route == "/held":
            return self._held()
        if route == "/slowpages.xml":
            return self._document(slow_pages_feed(base), "application/rss+xml")
        if route.startswith("/slowpage/"):
            return self._slow_page()
        if route == "/gz.xml":
            return self._gzipped()
        if route.startswith("/loop"):
            return self._loop()
        if route in special:
            return special[route]()
        self.send_error(404, "Not Found")

    def _document(self, body: bytes, kind: str) -> None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Tue, 22 Jul 2025 15:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)

    def _error500(self) -> None:
        self.send_error(500, "Internal Server Error")

    def _slow(self) -> None:
        time.sleep(3)
        self._document(RSS, "application/rss+xml")

    def _loop(self) -> None:
        step = int(self.path.removeprefix("/loop") or 0)
        self.send_response(302)
        self.send_header("Location", f"/loop{(step + 1) % 3}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _huge(self) -> None:
        """Endless-looking body without a length: the client must stop on its own."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        chunk = b"<!-- " + b"x" * 65_000 + b" -->"
        try:
            while self.server.huge_sent < HUGE_TOTAL:
                self.wfile.write(chunk)
                self.server.huge_sent += len(chunk)
        except OSError:
            pass

    def _bomb(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(BOMB)))
        self.end_headers()
        try:
            self.wfile.write(BOMB)
        except OSError:
            pass

    def _held(self) -> None:
        """Holds each request briefly and records how many were in flight at once."""
        with self.server.lock:
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        time.sleep(0.15)
        with self.server.lock:
            self.server.in_flight -= 1
        self._document(PAGES["/bridge.html"], "text/html")

    def _slow_page(self) -> None:
        """An item page that takes SLOW_PAGE_SECONDS: only a source deadline cuts it short."""
        time.sleep(SLOW_PAGE_SECONDS)
        self._document(PAGES["/articles/ferry.html"], "text/html")

    def _gzipped(self) -> None:
        body = gzip.compress(RSS)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stall(self) -> None:
        self.server.stalled.set()
        STALL_RELEASE.wait(60)
        self._document(RSS, "application/rss+xml")


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.huge_sent = 0
        self.stalled = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = self.max_in_flight = 0

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (timeout, size limit) is what several tests do on purpose."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


# =========================================================================== tests

import os  # noqa: E402
import signal  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
from datetime import UTC, datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from briefings.archive import Archive  # noqa: E402
from briefings.collect.http import USER_AGENT, Fetcher, FetchError  # noqa: E402
from briefings.collect.sources import SourceSpec, collect_sources  # noqa: E402

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
    lines = [line for line in first.stderr.splitlines() if line.strip()]
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
