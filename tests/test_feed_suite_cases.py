"""Feed cases found by running feedparser's own test feeds through collect
(``benchmarks/feedparser_suite.py``), each reproduced by a feed written here, on loopback."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefings.archive import Archive
from briefings.collect.sources import SourceResult, SourceSpec, collect_sources

ROOT = Path(__file__).resolve().parent.parent

EMPTY_WITH_ENTITY = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Harbour Gazette &mdash; night desk</title>
<link>http://harbour.example/</link>
<description>Quiet tonight &hellip; nothing filed yet</description>
</channel>
</rss>
"""
"""A feed with no items yet whose channel uses HTML entities XML does not define:
feedparser flags it (undefined entity) and reads it anyway."""

ITEM_WITH_ENTITY = EMPTY_WITH_ENTITY.replace(b"</channel>", b"""<item>
<title>Ferry to Vell restored</title>
<link>http://harbour.example/ferry</link>
<description>The harbour authority voted on Monday to restore the night ferry &ndash; four
crossings a night from September, fares held at last year's level.</description>
</item>
</channel>""")

HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Harbour &mdash; home</title></head>
<body><p>Welcome to the harbour&nbsp;office.</p></body></html>"""

CUT_SHORT = b"""<?xml version="1.0"?>
<rss version="2.0">
</rss"""

DOCUMENTS = {
    "/empty-entity.xml": EMPTY_WITH_ENTITY,
    "/item-entity.xml": ITEM_WITH_ENTITY,
    "/page.xml": HTML_PAGE,
    "/cut.xml": CUT_SHORT,
    "/plain-gzip.xml": ITEM_WITH_ENTITY,
    "/plain-deflate.xml": ITEM_WITH_ENTITY,
    "/garbage-gzip.xml": b"this was never compressed, and is no feed either",
}
ENCODINGS = {"/plain-gzip.xml": "gzip", "/plain-deflate.xml": "deflate", "/garbage-gzip.xml": "gzip"}
"""Routes whose body is sent as is under a Content-Encoding that says otherwise."""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        body = DOCUMENTS.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        if self.path in ENCODINGS:
            self.send_header("Content-Encoding", ENCODINGS[self.path])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _collect(base: str, route: str, tmp_path: Path) -> tuple[SourceResult, list[str]]:
    spec = SourceSpec("gazette", "feed", url=base + route, retries=0)
    with Archive(tmp_path / "archive.sqlite") as archive:
        [result] = collect_sources([spec], archive, default_tz=UTC)
    db = sqlite3.connect(tmp_path / "archive.sqlite")
    titles = [row[0] for row in db.execute("SELECT title FROM articles")]
    db.close()
    return result, titles


def test_an_empty_feed_with_an_html_entity_is_quiet_not_broken(base: str, tmp_path: Path) -> None:
    """It was "not an RSS or Atom feed (undefined entity)" every run, exit 1 (244 of
    feedparser's test feeds), while the same feed with one item collected with a warning."""
    result, titles = _collect(base, "/empty-entity.xml", tmp_path)
    assert result.error is None, result.error
    assert titles == []
    assert any("malformed" in w and "undefined entity" in w for w in result.warnings), result.warnings


def test_the_same_feed_with_an_item_stores_it_and_warns(base: str, tmp_path: Path) -> None:
    result, titles = _collect(base, "/item-entity.xml", tmp_path)
    assert result.error is None, result.error
    assert titles == ["Ferry to Vell restored"]
    assert any("malformed" in w for w in result.warnings), result.warnings


@pytest.mark.parametrize("route", ["/page.xml", "/cut.xml"])
def test_what_is_not_a_feed_or_holds_nothing_still_fails(base: str, route: str, tmp_path: Path) -> None:
    """An HTML page, or a feed cut before anything was read, stays a one-line error."""
    result, titles = _collect(base, route, tmp_path)
    assert result.error is not None and "not an RSS or Atom feed" in result.error, result.error
    assert titles == []


@pytest.mark.parametrize("route", ["/plain-gzip.xml", "/plain-deflate.xml"])
def test_a_feed_labelled_compressed_but_sent_plain_is_read(base: str, route: str, tmp_path: Path) -> None:
    """It was "cannot decompress the body (incorrect header check)" every run."""
    result, titles = _collect(base, route, tmp_path)
    assert result.error is None, result.error
    assert titles == ["Ferry to Vell restored"]


def test_a_body_labelled_gzip_that_is_neither_gzip_nor_markup_fails(base: str, tmp_path: Path) -> None:
    result, titles = _collect(base, "/garbage-gzip.xml", tmp_path)
    assert result.error is not None and "cannot decompress the body" in result.error, result.error
    assert titles == []


def test_the_suite_benchmark_counts_a_tiny_sdist(tmp_path: Path) -> None:
    """The benchmark on a stand-in sdist of two feeds written here: the counts it prints."""
    feeds = tmp_path / "sdist" / "tests" / "wellformed"
    feeds.mkdir(parents=True)
    (feeds / "item.xml").write_bytes(ITEM_WITH_ENTITY)
    (feeds / "page.xml").write_bytes(b"<!--\nHeader: Content-type: text/html\n-->\n" + HTML_PAGE)
    out = tmp_path / "suite.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "feedparser_suite.py"),
                          str(tmp_path / "sdist"), "--json", str(out), "--seconds", "3"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert summary["feeds"] == 2 and summary["collected_without_error"] == 1
    assert summary["feedparser_entries"] == 1 and summary["stored"] == 1


def test_the_suite_benchmark_names_a_wrong_folder_in_one_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "feedparser_suite.py"),
                          str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"{tmp_path}: not an unpacked feedparser sdist (no tests/wellformed)"]
