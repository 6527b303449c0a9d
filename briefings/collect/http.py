"""One HTTP fetcher for every live source (feeds, their item pages, pages).

A cron job fetching strangers' servers must not hang, must not be fooled into reading a
gigabyte, and must be polite. So every request has:

* a timeout per operation *and* a deadline for the whole response (a server trickling one
  byte a second never trips a per-read timeout);
* retries with exponential backoff, only where a retry can help (connection errors, 5xx, 429);
* a User-Agent that names the tool and where to read about it;
* conditional GET (``If-None-Match`` / ``If-Modified-Since``) from validators the caller
  keeps (the archive's ``http_cache``), so an unchanged feed costs a 304;
* a size limit counted while streaming, on the *decompressed* bytes: the body is read raw
  and inflated here with a bounded ``zlib`` window, so a gzip bomb stops at the limit;
* redirects followed by hand, at most ``max_redirects``, each hop checked to be http(s);
* at most ``per_host`` requests at once to any host (threads + a semaphore per host);
* optionally a ``Deadline`` for a whole source (``limits.source_seconds``): each request's
  timeouts are capped at the time left, and no request starts once it has passed.

The deadlines are kept on the wall clock, whatever the server sends: every socket operation
(connect, send, each read of the headers or the body) is given at most the time left to the
request's deadline (``_ClockBackend``), so a server trickling one byte a second, in its
headers or its body, is cut off when the time is up, not when a 64 KiB chunk completes.

Every failure is a ``FetchError`` whose message is one line naming the URL.
"""

from __future__ import annotations

import re
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from briefings import __version__
from briefings.collect.decode import _human_size
from briefings.limits import Deadline

__all__ = ["USER_AGENT", "DeadlinePassed", "FetchError", "Fetcher", "Response", "decode_body"]

USER_AGENT = f"briefings/{__version__} (+https://example.org/briefings)"
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504}
_RETRY_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError)
_CHUNK = 64 * 1024
MAX_RETRY_AFTER = 30.0
"""The longest ``Retry-After`` a request waits for; a server asking more is not retried in
this collect (the next hourly one tries again)."""
_DEADLINE_SLACK = 0.05
"""A request that failed this close to a source's deadline failed because of it (its
timeouts were capped at the time left)."""


class FetchError(Exception):
    """A URL could not be fetched; ``str(exc)`` is one line that starts with the URL."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class DeadlinePassed(FetchError):
    """The source's total time (``limits.source_seconds``) ran out before or during the request."""

    def __init__(self, url: str, deadline: Deadline) -> None:
        super().__init__(url, deadline.message())
        self.deadline = deadline


@dataclass(frozen=True)
class Response:
    url: str
    """The final URL, after redirects."""
    status: int
    body: bytes
    """Decompressed; empty for a 304."""
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_body(self.body, self.content_type)

    def text_checked(self) -> tuple[str, str | None]:
        """The text, and one line when the declared charset was missing or wrong (see
        ``decode_text``)."""
        return decode_text(self.body, self.content_type)


class Fetcher:
    """A shared httpx client plus the limits above. Thread-safe: collect runs sources (and a
    feed's item pages) on threads; the per-host semaphores bound what any one server sees."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        retries: int = 2,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        per_host: int = 2,
        backoff: float = 0.5,
        workers: int = 8,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout, self.retries, self.max_bytes = timeout, retries, max_bytes
        self.max_redirects, self.per_host, self.backoff = max_redirects, per_host, backoff
        self.workers = workers
        self._client = httpx.Client(
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=_clock_transport(max(workers * 2, 10)),
        )
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    # -- lifecycle

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- public

    def get(
        self,
        url: str,
        *,
        validators: tuple[str | None, str | None] | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
        retries: int | None = None,
        deadline: Deadline | None = None,
    ) -> Response:
        """GET ``url`` within the limits; a 304 (with ``validators``) returns ``not_modified``.
        Raises ``FetchError`` (``DeadlinePassed`` when ``deadline`` ran out first)."""
        _check_scheme(url, url)
        timeout = self.timeout if timeout is None else timeout
        max_bytes = self.max_bytes if max_bytes is None else max_bytes
        retries = self.retries if retries is None else retries
        headers = _conditional_headers(validators)
        attempt = 0
        while True:
            try:
                return self._follow(url, headers, timeout, max_bytes, deadline)
            except DeadlinePassed:
                raise
            except (_Retryable, FetchError) as exc:
                if deadline is not None and deadline.left() <= _DEADLINE_SLACK:
                    raise DeadlinePassed(url, deadline) from None  # the cap, not the server
                if isinstance(exc, FetchError):
                    raise
                if attempt >= retries:
                    tries = f" ({attempt + 1} attempts)" if attempt else ""
                    raise FetchError(url, f"{exc.reason}{tries}") from None
                if exc.retry_after is not None and exc.retry_after > MAX_RETRY_AFTER:
                    # the server asks for more than a collect waits: retrying sooner (after
                    # 30 s, three hits a minute) is what it asked us not to do
                    raise FetchError(url, f"{exc.reason}; the server asks to retry after "
                                          f"{exc.retry_after:.0f} s (not retried)") from None
                pause = max(self.backoff * 2**attempt, exc.retry_after or 0.0)
                if deadline is not None and pause >= deadline.left():
                    raise DeadlinePassed(url, deadline) from None
                time.sleep(pause)
                attempt += 1

    def get_many(self, urls: Sequence[str], **options: object) -> list[Response | FetchError]:
        """``get`` for each URL concurrently (bounded per host), results in input order."""
        if not urls:
            return []
        pool = self._executor()

        def one(u: str) -> Response | FetchError:
            try:
                return self.get(u, **options)  # type: ignore[arg-type]
            except FetchError as exc:
                return exc

        return list(pool.map(one, urls))

    # -- internals

    def _executor(self) -> ThreadPoolExecutor:
        with self._hosts_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="fetch")
            return self._pool

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        host = (urlsplit(url).hostname or "").lower() + f":{urlsplit(url).port or ''}"
        with self._hosts_lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self.per_host)
            return self._hosts[host]

    def _follow(
        self, url: str, headers: dict[str, str], timeout: float, limit: int, deadline: Deadline | None
    ) -> Response:
        """One attempt: follow at most ``max_redirects`` redirects, checking every hop."""
        current = url
        for _ in range(self.max_redirects + 1):
            result = self._once(url, current, headers, timeout, limit, deadline)
            if isinstance(result, Response):
                return result
            current = result
            _check_scheme(url, current)
        raise FetchError(url, f"too many redirects (more than {self.max_redirects})")

    def _once(
        self,
        url: str,
        current: str,
        headers: dict[str, str],
        timeout: float,
        limit: int,
        source_deadline: Deadline | None,
    ) -> Response | str:
        """One request: a Response, or the next URL of a redirect. With ``source_deadline``,
        the timeouts are capped at the time it leaves once a host slot is free."""
        with self._host_slot(current):
            if source_deadline is not None:
                left = source_deadline.left()
                if left <= 0:
                    raise DeadlinePassed(url, source_deadline)
                timeout = min(timeout, left)
            deadline = time.monotonic() + timeout
            with _wall_clock(deadline):
                try:
                    request = self._client.build_request(
                        "GET", current, headers=headers, timeout=httpx.Timeout(timeout)
                    )
                    response = self._client.send(request, stream=True)
                except _RETRY_ERRORS as exc:
                    raise _Retryable(_describe(exc, timeout)) from None
                except httpx.HTTPError as exc:
                    raise FetchError(url, _describe(exc, timeout)) from None
                try:
                    return self._handle(url, current, response, deadline, timeout, limit)
                finally:
                    response.close()

    def _handle(
        self,
        url: str,
        current: str,
        response: httpx.Response,
        deadline: float,
        timeout: float,
        limit: int,
    ) -> Response | str:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location")
            return urljoin(current, location)
        if status in _RETRY_STATUS:
            raise _Retryable(_status_text(response), _retry_after(response))
        if status == 304:
            body = b""
        elif 200 <= status < 300:
            body = _read_body(url, response, deadline, timeout, limit)
        else:
            raise FetchError(url, _status_text(response))
        return Response(
            url=current,
            status=status,
            body=body,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )


# --------------------------------------------------------------------------- the wall clock

_CLOCK = threading.local()
"""``deadline``: the monotonic time the current thread's request must end by (or None)."""


@contextmanager
def _wall_clock(deadline: float) -> Iterator[None]:
    """Every socket operation of this thread inside the block ends by ``deadline``."""
    previous = getattr(_CLOCK, "deadline", None)
    _CLOCK.deadline = deadline
    try:
        yield
    finally:
        _CLOCK.deadline = previous


def _time_left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` capped at the time left to this thread's deadline; ``error`` once it passed."""
    deadline = getattr(_CLOCK, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _ClockStream(httpcore.NetworkStream):
    """A socket stream whose every operation is bounded by the thread's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        capped = _time_left(timeout, httpcore.ConnectTimeout)
        return _ClockStream(self._inner.start_tls(ssl_context, server_hostname, capped))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _ClockBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, each wrapped in a ``_ClockStream``."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        capped = _time_left(timeout, httpcore.ConnectTimeout)
        return _ClockStream(self._inner.connect_tcp(host, port, capped, local_address,
                                                    socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        capped = _time_left(timeout, httpcore.ConnectTimeout)
        return _ClockStream(self._inner.connect_unix_socket(path, capped, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _clock_transport(max_connections: int) -> httpx.HTTPTransport:
    """httpx's transport over a connection pool on ``_ClockBackend``. httpx does not take a
    network backend, so its pool is replaced by one built the same way with ours."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=20)
    transport = httpx.HTTPTransport(limits=limits)
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=_ClockBackend(),
    )
    return transport


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


def _check_scheme(url: str, target: str) -> None:
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        where = "" if target == url else f" (redirected to {target})"
        raise FetchError(url, f"unsupported URL scheme {scheme or 'none'!r}{where}: only http(s)")


def _conditional_headers(validators: tuple[str | None, str | None] | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if validators:
        etag, last_modified = validators
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
    return headers


def _status_text(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".rstrip()


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks us to wait: ``Retry-After`` as seconds or as an HTTP date
    (RFC 9110 allows both; the date form was ignored)."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _describe(exc: httpx.HTTPError, timeout: float) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({_first_line(exc) or 'connection refused'})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"server closed the connection ({_first_line(exc)})"
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


def _read_body(
    url: str, response: httpx.Response, deadline: float, timeout: float, limit: int
) -> bytes:
    """The body, decompressed and at most ``limit`` bytes; aborted (not read to the end)
    as soon as the declared length, the bytes received or the bytes inflated pass it."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, _over(int(declared), limit))
    inflater = _Inflater(url, response.headers.get("content-encoding", ""))
    out = bytearray()
    try:
        for chunk in response.iter_raw(_CHUNK):
            out += inflater.feed(chunk, limit + 1 - len(out))
            if len(out) > limit:
                raise FetchError(url, _over(None, limit))
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {timeout:g} s (body too slow)")
        inflater.finish()
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, _describe(exc, timeout)) from None
    return bytes(out)


def _over(size: int | None, limit: int) -> str:
    if size is None:
        return f"body over the {_human_size(limit)} limit (download stopped)"
    return f"body is {_human_size(size)}, over the {_human_size(limit)} limit"


class _Inflater:
    """Content-Encoding undone with a bound on the output of every call."""

    _PLAIN_PROBE = 64 * 1024
    """Raw bytes kept while nothing has inflated yet, to pass through a body that was never
    compressed (see ``feed``)."""

    def __init__(self, url: str, encoding: str) -> None:
        self.url = url
        self._fed = False
        self._inflated = False
        self._raw: bytes | None = b""
        """Every raw byte so far, while nothing has inflated and they are under the probe."""
        self._raw_allowed = False
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._z = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
            self._raw_allowed = encoding == "deflate"  # many servers send deflate headerless
        else:
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")

    def finish(self) -> None:
        """A compressed body that ends before its compressed stream does was cut short:
        reading it as whole lost the items after the cut (1 of 6) without a word."""
        if self._z is not None and self._fed and not self._z.eof:
            raise FetchError(self.url, "body cut short (its compressed data ends early)")

    def feed(self, chunk: bytes, budget: int) -> bytes:
        """Inflate ``chunk``, returning at most ``budget`` bytes (one more than the limit
        left is enough to know the limit is passed)."""
        if self._z is None:
            return chunk
        if self._raw_allowed and not self._fed and chunk and not _zlib_header(chunk):
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate (RFC 1951), no header
        self._fed = self._fed or bool(chunk)
        if not self._inflated and self._raw is not None:
            self._raw = self._raw + chunk if len(self._raw) < self._PLAIN_PROBE else None
        try:
            data = self._z.decompress(chunk, max(budget, 1))
        except zlib.error as exc:
            if not self._inflated and self._raw is not None and _markup_start(self._raw):
                # labelled gzip or deflate but sent as is (a misconfigured server; feedparser
                # reads it too): no gzip or zlib stream starts with "<", and a raw deflate
                # one that fails before giving a byte was none, so these bytes are the document
                self._z = None
                return bytes(self._raw[: max(budget, 1)])
            raise FetchError(self.url, f"cannot decompress the body ({exc})") from None
        self._inflated = self._inflated or bool(data)
        return data


def _markup_start(data: bytes) -> bool:
    """Whether ``data`` starts like an XML or HTML document (after a BOM and blanks)."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _zlib_header(data: bytes) -> bool:
    """Whether ``data`` starts with a zlib (RFC 1950) or gzip header."""
    if data[:2] == b"\x1f\x8b":
        return True
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode_body(body: bytes, content_type: str | None) -> str:
    """Text of a body: the header's charset, else a ``<meta charset>``, else UTF-8 (a BOM
    wins over both); bytes that charset cannot read are guessed (see ``decode_text``)."""
    return decode_text(body, content_type)[0]


def decode_text(body: bytes, content_type: str | None) -> tuple[str, str | None]:
    """(text, note) of a body. The declared charset (header, else ``<meta charset>``, else
    UTF-8; a BOM wins) is used when it reads every byte. When it does not (a missing or
    wrong charset: pages were stored full of U+FFFD with no word), the charset is detected
    (charset-normalizer) and ``note`` says so in one line; undecodable bytes left after that
    are replaced and counted in the note."""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace"), None
    declared = _declared_charset(body, content_type)
    try:
        return body.decode(declared or "utf-8"), None
    except (UnicodeDecodeError, LookupError):
        pass
    said = (f"declared charset {declared!r} does not fit the bytes" if declared
            else "charset not declared and the bytes are not UTF-8")
    guess = _detect_charset(body)
    if guess is not None:
        return body.decode(guess, errors="replace"), f"{said}; read as {guess}"
    text = body.decode("utf-8", errors="replace")
    return text, f"{said}; {text.count(chr(0xFFFD))} undecodable bytes replaced"


def _declared_charset(body: bytes, content_type: str | None) -> str | None:
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w\-]+)", content_type, re.IGNORECASE)
        if match:
            return match.group(1)
    meta = _CHARSET.search(body[:4096])
    return meta.group(1).decode("ascii") if meta else None


_WEB_CHARSETS = (
    "utf_8", "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u",
    "cp1253", "iso8859_7", "cp1254", "cp1255", "cp1256", "cp1257", "cp874", "shift_jis",
    "euc_jp", "iso2022_jp", "gb18030", "big5", "euc_kr",
)  # fmt: skip
"""The legacy encodings the WHATWG Encoding Standard lists for the web: a guess outside
them (an IBM code page for a short French page) is wrong far more often than right."""


def _detect_charset(body: bytes) -> str | None:
    """The charset that reads ``body`` best, or None when none reads it.

    windows-1252 is the web's default for unlabelled pages (WHATWG) and charset-normalizer
    is unsure on short Western text (a French page came out as Baltic cp1257), so another
    guess must read clearly better (less "mess") than windows-1252 to win."""
    from charset_normalizer import from_bytes  # lazy: only a page with a wrong charset needs it
    from charset_normalizer.md import mess_ratio

    sample = body[:200_000]
    best = from_bytes(sample, cp_isolation=list(_WEB_CHARSETS)).best()
    try:
        western = mess_ratio(sample.decode("cp1252"), 1.0)
    except UnicodeDecodeError:
        return best.encoding if best is not None else None
    if best is None or mess_ratio(str(best), 1.0) > western - _CLEARLY_BETTER:
        return "cp1252"
    return best.encoding


_CLEARLY_BETTER = 0.15
