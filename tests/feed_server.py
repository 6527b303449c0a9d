"""A loopback HTTP server for the live-source tests: feeds, pages and misbehaving endpoints.

Shared by test_sources and test_limits; not a test module. Every document here (and in
``tests/data/feeds`` and ``tests/data/pages``) is written for these tests. The handler records
each request's path and headers, so tests can assert the User-Agent and conditional GET.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import sys
import threading
import time
import zlib
from collections import defaultdict
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template

DATA = Path(__file__).resolve().parent / "data"
PAGE_TEMPLATE = Template((DATA / "pages" / "harbour-gazette.html").read_text(encoding="utf-8"))
"""A Harbour Gazette article page: navigation, the article (``$title``, ``$published``,
``$body``), and a footer of boilerplate."""

STALL_RELEASE = threading.Event()
HUGE_TOTAL = 200_000_000
BOMB = gzip.compress(b"<rss>" + b" " * 30_000_000, compresslevel=9)


def _page(title: str, published: str, paragraphs: list[str]) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    page = PAGE_TEMPLATE.substitute(title=title, published=published, body=body)
    return page.removesuffix("\n").encode()


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
        f"<description>{html.escape(content[:60])}…</description>"
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

ATOM = (DATA / "feeds" / "coast-weekly.atom").read_bytes()
"""An Atom feed: one entry with HTML content and no publication time, one with text content."""


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
TRICKLE_SECONDS = 0.1


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

def story_page(number: int) -> bytes:
    """A distinct article page for ``/story/N.html`` (the paragraphs above, numbered and
    repeated a varying number of times), so a collect of many pages reads many documents."""
    paragraphs = (FERRY_PARAS + LIBRARY_PARAS + PAGE_PARAS) * (1 + number % 4)
    numbered = [f"{text} (Report {number}, part {i}.)" for i, text in enumerate(paragraphs)]
    return _page(f"Harbour report {number}", "2025-07-22T07:40:00+02:00", numbered)


def headlines_feed(base: str) -> bytes:
    """Headlines only, each linking to a page that is gone (404)."""
    return _rss("Headline Wire", [
        f"<item><title>Headline {n} about the harbour</title><link>{base}/gone/{n}.html</link>"
        f"<pubDate>Tue, 22 Jul 2025 0{n}:00:00 +0000</pubDate></item>"
        for n in range(3)
    ])  # fmt: skip


def video_feed(base: str) -> bytes:
    """Three different stories whose feed text is the same label."""
    stories = ("Crane collapses at the container quay", "Mayor opens the new fish market",
               "Storm floods the harbour car park")
    return _rss("Video Harbour", [
        f"<item><title>{title}</title><link>{base}/video/{n}.html</link>"
        f"<pubDate>Tue, 22 Jul 2025 0{n}:00:00 +0000</pubDate>"
        "<description>Watch the video.</description></item>"
        for n, title in enumerate(stories)
    ])  # fmt: skip


SIX_ITEMS = _rss("Six Items", [
    _rss_item(f"Harbour item {n}", f"http://six.test/{n}", f"Tue, 22 Jul 2025 0{n}:00:00 +0000",
              f"<p>Item {n}: " + "the harbour board met again to discuss the moorings. " * 30 + "</p>")
    for n in range(6)
])  # fmt: skip
GZIP_CUT = gzip.compress(SIX_ITEMS)[: len(gzip.compress(SIX_ITEMS)) * 6 // 10]
"""Six items gzipped, the body cut at 60 % (its Content-Length says so too): the first item
is whole in what arrives, the other five are lost."""


FORM_PAGE = _page("Quay wall repaired", "2025-07-22T10:00:00+02:00", PAGE_PARAS).replace(
    b"<body>", b'<body><form method="post" action="./story.aspx" id="aspnetForm">'
).replace(b"</body>", b"</form></body>")
"""An ASP.NET-style page: the whole body inside one ``<form>``."""


EMPTY = _rss("Quiet Harbour News", [])
"""A valid feed with no items today."""

CYRILLIC = (
    '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Вести гавани</title>'
    "<link>http://vesti.test/</link><description>Новости</description>"
    "<item><title>Паром на Велл вернётся</title><link>http://vesti.test/ferry</link>"
    "<pubDate>Tue, 22 Jul 2025 07:40:00 +0300</pubDate>"
    "<description>Управление гавани в понедельник проголосовало за возвращение ночного "
    "парома между старым портом и островом Велл.</description></item></channel></rss>"
).encode("cp1251")
"""A windows-1251 feed whose charset is only in the HTTP header (the XML says nothing)."""

ENTITIES = _rss("Entity Gazette", [
    "<item><title>AT&amp;amp;T opens a harbour office</title>"
    "<pubDate>Tue, 22 Jul 2025 09:00:00 +0000</pubDate>"
    "<description>It&amp;#8217;s the first office AT&amp;amp;T has opened on the quay since "
    "the ferry terminal was rebuilt, the company said on Tuesday [&amp;#8230;]</description></item>",
])  # fmt: skip
"""Entities as feeds really carry them: escaped once for XML, so the text holds HTML's."""

LATIN1_PAGE = _page(
    "Café du port rouvre", "2025-07-22T09:30:00+02:00",
    ["Le café du port a rouvert mardi après trois mois de travaux, a déclaré la mairie.",
     "Les pêcheurs y prennent de nouveau leur café à l'aube, à côté du marché aux poissons."],
).decode().replace("<meta charset=\"utf-8\">", "").encode("latin-1")
"""A page in ISO-8859-1 that declares no charset anywhere."""


MALFORMED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & <unclosed</channel>'


class Handler(BaseHTTPRequestHandler):
    server: LoopbackServer

    def log_message(self, format: str, *args: object) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:
        self.server.requests[self.path].append(dict(self.headers.items()))
        route = self.path.split("?")[0]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        documents = {
            "/rss.xml": RSS,
            "/atom.xml": ATOM,
            "/summaries.xml": summaries_feed(base),
            "/repeat.xml": REPEAT,
            "/malformed.xml": MALFORMED,
            "/empty.xml": EMPTY,
            "/entities.xml": ENTITIES,
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
        if route == "/form.html":
            return self._document(FORM_PAGE, "text/html")
        if route == "/deflate-raw.xml":
            raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            return self._gzipped(raw.compress(RSS) + raw.flush(), encoding="deflate")
        if route == "/429-long.xml":
            return self._too_many("3600")
        if route == "/429-date.xml":
            if len(self.server.requests[self.path]) == 1:
                return self._too_many(formatdate(time.time() + 2, usegmt=True))
            return self._document(RSS, "application/rss+xml")
        if route == "/headlines.xml":
            return self._document(headlines_feed(base), "application/rss+xml")
        if route == "/video.xml":
            return self._document(video_feed(base), "application/rss+xml")
        if route == "/gzcut.xml":
            return self._gzipped(GZIP_CUT)
        if route == "/cp1251.xml":
            return self._document(CYRILLIC, "application/rss+xml", charset="windows-1251")
        if route == "/latin1.html":
            return self._document(LATIN1_PAGE, "text/html", charset=None)
        if route.startswith("/story/") and route.endswith(".html"):
            number = route.removeprefix("/story/").removesuffix(".html")
            if number.isdigit():
                return self._document(story_page(int(number)), "text/html")
        if route in ("/trickle-head.xml", "/trickle-body.xml"):
            return self._trickle(head=route == "/trickle-head.xml")
        if route.startswith("/slowpage/"):
            return self._slow_page()
        if route == "/gz.xml":
            return self._gzipped()
        if route.startswith("/loop"):
            return self._loop()
        if route in special:
            return special[route]()
        self.send_error(404, "Not Found")

    def _document(self, body: bytes, kind: str, charset: str | None = "utf-8") -> None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset={charset}" if charset else kind)
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

    def _too_many(self, retry_after: str) -> None:
        self.send_response(429)
        self.send_header("Retry-After", retry_after)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _gzipped(self, body: bytes | None = None, encoding: str = "gzip") -> None:
        body = gzip.compress(RSS) if body is None else body
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, *, head: bool) -> None:
        """A byte every TRICKLE_SECONDS, for up to a minute: in the status line and headers
        (``head``), or in a body announced as long. Every read gets its byte well within any
        per-read timeout; only a deadline on the wall clock stops the client."""
        body = RSS * 20
        headers = (
            f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        slow, fast = (headers + body, b"") if head else (body, headers)
        end = time.monotonic() + 60
        try:
            self.wfile.write(fast)
            for byte in slow:
                if time.monotonic() > end:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(TRICKLE_SECONDS)
        except OSError:
            pass
        self.close_connection = True

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
