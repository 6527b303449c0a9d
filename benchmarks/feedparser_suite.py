"""feedparser's own test feeds, served on loopback, through our real feed collect (issue 20).

How many of feedparser's test feeds collect without error, and how many of the items that
feedparser itself sees reach the archive (stored), are dropped with a reason
(``SourceResult.dropped``), are the same article twice in one feed (``seen``), or are lost
with no word (the rest)?

This script downloads nothing. Give it the folder of an unpacked feedparser source
distribution (its ``tests/`` holds the feeds), fetched once by hand, outside the repository::

    pip download --no-deps --no-binary :all: feedparser -d /tmp/fp
    tar xzf /tmp/fp/feedparser-*.tar.gz -C /tmp/fp
    python benchmarks/feedparser_suite.py /tmp/fp/feedparser-6.0.14 [--json out.json]

Every ``tests/**/*.xml`` (and the ``tests/compression`` bodies) is served by a loopback
HTTP server the way feedparser's own ``runtests.py`` serves it: the ``Header: Name: value``
lines of the file's leading comment become response headers (``Status`` the status, a
``Location`` on feedparser's fixed test port is pointed at this server), the compression
files get their ``Content-Encoding``; the Content-Type is ``application/xml`` unless the
file asks for another. Each feed is one ``collect_sources`` run of one
``SourceSpec(name, "feed", url=...)`` into its own fresh temporary ``Archive`` (item URLs
repeat across the suite, so one shared archive would call later feeds' items "already
there"). Item pages (teaser items are fetched) point at example.com and the like: the
fetcher refuses any host but loopback at once, as an offline machine would, so no DNS
lookup or external request can slow or sway the figures; each source also has a short
total time (``--seconds``).

feedparser's count is ``len(feedparser.parse(path).entries)`` on the file itself (no HTTP
headers), with its ``bozo`` flag. Prints a summary and the worst discrepancies;
``--json`` writes every feed's row.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefings.archive import Archive
from briefings.collect.http import Fetcher, FetchError, Response
from briefings.collect.sources import SourceSpec, collect_sources

_HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)
"""runtests.py's own pattern for the headers a test file asks to be served with."""
_FEEDPARSER_PORT = "http://localhost:8097"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


# --------------------------------------------------------------------------- the server


def served_headers(relative: str, blob: bytes) -> tuple[int, dict[str, str]]:
    """(status, headers) feedparser's test server would send for this file."""
    if relative.startswith("compression/"):
        encoding = "gzip" if relative.endswith("gz") else "deflate"
        return 200, {"Content-Type": "application/xml", "Content-Encoding": encoding}
    headers: dict[str, str] = {}
    for name, value in _HEADER.findall(blob):
        headers[name.decode("utf-8").strip()] = value.decode("utf-8", "replace").strip()
    status = int(headers.pop("Status", "200"))
    content_type = "application/xml"
    for name in [n for n in headers if n.lower() == "content-type"]:
        content_type = headers.pop(name)
    headers["Content-Type"] = content_type
    return status, headers


class _Handler(BaseHTTPRequestHandler):
    server: _SuiteServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = unquote(urlsplit(self.path).path)
        if path == "/-/return-304.xml":  # runtests.py's short-cut for its redirect-to-304 test
            self.send_response(304)
            self.end_headers()
            return
        file = (self.server.root / path.lstrip("/")).resolve()
        if self.server.root not in file.parents or not file.is_file():
            self.send_error(404)
            return
        blob = file.read_bytes()
        status, headers = served_headers(file.relative_to(self.server.root).as_posix(), blob)
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() == "location":
                value = value.replace(_FEEDPARSER_PORT + "/tests", self.server.base)
                value = value.replace(_FEEDPARSER_PORT, self.server.base)
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(blob)))
        self.end_headers()
        self.wfile.write(blob)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _SuiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root.resolve()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


# --------------------------------------------------------------------------- the collect


class LoopbackOnlyFetcher(Fetcher):
    """Our fetcher, refusing every host but loopback at once (an offline machine's answer,
    without the DNS lookup): the suite's item links point at example.com and the like."""

    def get(self, url: str, **options: Any) -> Response:
        host = (urlsplit(url).hostname or "").lower()
        if host not in _LOOPBACK:
            raise FetchError(url, "not fetched (the suite fetches loopback only)")
        return super().get(url, **options)


@dataclass
class Row:
    feed: str
    feedparser_entries: int
    feedparser_bozo: bool
    error: str | None
    stored: int
    seen: int
    dropped: int
    dropped_reasons: list[str]
    warnings: int
    seconds: float

    @property
    def unexplained(self) -> int:
        """Items feedparser sees that we neither stored, nor called duplicates, nor said we
        dropped (negative: we stored more than feedparser sees in the bare file)."""
        return self.feedparser_entries - self.stored - self.seen - self.dropped


def feedparser_count(path: Path) -> tuple[int, bool]:
    import feedparser

    parsed = feedparser.parse(str(path))
    return len(parsed.get("entries") or []), bool(parsed.get("bozo"))


def collect_one(
    relative: str, url: str, fetcher: Fetcher, workdir: Path, seconds: float
) -> tuple[str | None, int, int, list[str], int]:
    """(error, stored, seen, dropped lines, warnings) of one feed collected into a fresh
    archive."""
    spec = SourceSpec(relative, "feed", url=url, timeout=min(2.0, seconds), retries=0,
                      seconds=seconds)
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        with Archive(Path(folder) / "archive.sqlite") as archive:
            [result] = collect_sources([spec], archive, default_tz=UTC, fetcher=fetcher)
            stored = archive.count()
    return result.error, stored, result.seen, result.dropped, len(result.warnings)


def suite_files(tests: Path) -> list[Path]:
    files = sorted(tests.rglob("*.xml")) + sorted((tests / "compression").glob("*"))
    return [f for f in files if f.is_file()]


def run_suite(sdist: Path, seconds: float, workers: int, only: str | None) -> list[Row]:
    tests = sdist / "tests"
    files = [f for f in suite_files(tests) if only is None or only in f.as_posix()]
    server = _SuiteServer(tests)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetcher = LoopbackOnlyFetcher(timeout=2.0, retries=0, backoff=0.05, workers=workers,
                                 per_host=workers)

    def one(file: Path) -> Row:
        relative = file.relative_to(tests).as_posix()
        entries, bozo = feedparser_count(file)
        started = time.monotonic()
        error, stored, seen, dropped, warnings = collect_one(
            relative, f"{server.base}/{relative}", fetcher, Path(scratch), seconds)
        return Row(relative, entries, bozo, error, stored, seen, len(dropped),
                   [drop_kind(line) for line in dropped], warnings,
                   round(time.monotonic() - started, 3))

    try:
        with tempfile.TemporaryDirectory(prefix="feedsuite-") as scratch:
            with ThreadPoolExecutor(workers) as pool:
                return list(pool.map(one, files))
    finally:
        fetcher.close()
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- the report


def error_kind(error: str, words: int = 6) -> str:
    """The first words of an error, its URLs and file names replaced, its details cut."""
    text = re.sub(r"https?://\S+?:(?=\s|$)", "", error)
    text = re.sub(r"https?://\S+", "<url>", text).strip()
    text = text.split(" (")[0]
    return " ".join(text.split()[:words])


def drop_kind(line: str) -> str:
    """Why an item was dropped, without which item: ``item <link>: <why>``."""
    return error_kind(re.sub(r"^item .*?: (?=no text)", "", line, flags=re.DOTALL), words=12)


def summary(rows: list[Row]) -> dict[str, Any]:
    ok = [r for r in rows if r.error is None]
    return {
        "feeds": len(rows),
        "collected_without_error": len(ok),
        "errors": len(rows) - len(ok),
        "errors_by_kind": Counter(error_kind(r.error) for r in rows if r.error).most_common(),
        "errors_on_feeds_feedparser_calls_bozo": sum(1 for r in rows if r.error and r.feedparser_bozo),
        "errors_on_feeds_with_entries": sum(1 for r in rows if r.error and r.feedparser_entries),
        "feedparser_entries": sum(r.feedparser_entries for r in rows),
        "stored": sum(r.stored for r in rows),
        "seen_twice_in_a_feed": sum(r.seen for r in rows),
        "dropped_with_a_reason": sum(r.dropped for r in rows),
        "dropped_by_kind": Counter(k for r in rows for k in r.dropped_reasons).most_common(),
        "unexplained_missing": sum(max(r.unexplained, 0) for r in rows),
        "read_beyond_feedparser": sum(max(-r.unexplained, 0) for r in rows),
        "feeds_with_warnings": sum(1 for r in rows if r.warnings),
        "slowest_feed_seconds": max((r.seconds for r in rows), default=0.0),
    }


def worst(rows: list[Row], count: int = 10) -> list[Row]:
    """The feeds whose archive is furthest from feedparser's count (lost items first)."""
    def gap(row: Row) -> tuple[int, int]:
        return (row.feedparser_entries - row.stored, row.unexplained)

    return sorted((r for r in rows if r.feedparser_entries != r.stored), key=gap, reverse=True)[:count]


def print_report(rows: list[Row], elapsed: float) -> None:
    s = summary(rows)
    print(f"feedparser test feeds served on loopback: {s['feeds']} ({elapsed:.0f} s)")
    print(f"  collected without error   {s['collected_without_error']:6d}")
    print(f"  source errors             {s['errors']:6d}"
          f"  (feedparser bozo on {s['errors_on_feeds_feedparser_calls_bozo']},"
          f" with entries {s['errors_on_feeds_with_entries']})")
    for kind, n in s["errors_by_kind"]:
        print(f"    {n:5d}  {kind}")
    print(f"  items feedparser sees     {s['feedparser_entries']:6d}")
    print(f"  items stored              {s['stored']:6d}")
    print(f"  same item twice in a feed {s['seen_twice_in_a_feed']:6d}")
    print(f"  dropped, with a reason    {s['dropped_with_a_reason']:6d}")
    for kind, n in s["dropped_by_kind"]:
        print(f"    {n:5d}  {kind}")
    print(f"  missing, no reason        {s['unexplained_missing']:6d}")
    print(f"  read beyond feedparser    {s['read_beyond_feedparser']:6d}")
    print(f"  feeds with warnings       {s['feeds_with_warnings']:6d}")
    print(f"  slowest feed              {s['slowest_feed_seconds']:6.2f} s")
    bad = worst(rows)
    if bad:
        print("worst discrepancies (feedparser entries / stored / seen / dropped; error):")
        for r in bad:
            print(f"  {r.feed}: {r.feedparser_entries} / {r.stored} / {r.seen} / {r.dropped}"
                  f"{'; ' + r.error if r.error else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sdist", type=Path, help="an unpacked feedparser source distribution")
    parser.add_argument("--json", type=Path, help="write the summary and every feed's row here")
    parser.add_argument("--seconds", type=float, default=5.0, help="total time per feed source")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", help="only feeds whose path contains this")
    args = parser.parse_args(argv)
    if not (args.sdist / "tests" / "wellformed").is_dir():
        print(f"{args.sdist}: not an unpacked feedparser sdist (no tests/wellformed)",
              file=sys.stderr)
        return 2
    started = time.monotonic()
    rows = run_suite(args.sdist, args.seconds, args.workers, args.only)
    elapsed = time.monotonic() - started
    print_report(rows, elapsed)
    if args.json:
        document = {"sdist": args.sdist.name, "seconds_per_feed": args.seconds,
                    "summary": summary(rows),
                    "feeds": [asdict(r) | {"unexplained": r.unexplained} for r in rows]}
        args.json.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
