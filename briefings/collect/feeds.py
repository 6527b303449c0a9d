"""A ``feed`` source: RSS 0.9x/1.0/2.0 or Atom, by URL or local file → ``Article``s.

feedparser reads every dialect (and survives most broken ones); this module decides what an
item means for a brief:

* url = the item's link, canonicalised (so a ``utm_`` variant is the same article);
* outlet = the feed's title, else its host; published = the item's own date, read by the
  same parser as files (a date alone is a whole day, a time without a zone is the
  configured zone's);
* text = the item's full content, else its summary, as plain paragraphs. Many feeds carry
  only a teaser ("... Read more"): then the item's page is fetched and its main text used,
  unless the archive already holds that URL (an hourly collect must not re-fetch every page
  of a feed every hour). A page that fails leaves the teaser, with a warning.
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from briefings.collect.article import _clean_str, _host, _Meta
from briefings.collect.decode import _human_size
from briefings.collect.html_pages import _visible_text
from briefings.collect.http import DeadlinePassed, Fetcher, FetchError
from briefings.collect.published import parse_published
from briefings.collect.web import article_from, page_article
from briefings.errors import SourceError
from briefings.limits import Deadline
from briefings.model import Article

__all__ = ["FeedError", "FeedResult", "collect_feed", "parse_feed"]

SUMMARY_ONLY_CHARS = 1000
"""A summary-only item shorter than this is a teaser: its page is fetched."""
_TRUNCATED = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\b(read more|continue reading|read the full story)\W*)$",
    re.IGNORECASE,
)


class FeedError(SourceError):
    """The feed as a whole cannot be read; the message is one line naming it.

    A ``SourceError`` like a broken file, so that anyone calling the feed reader directly
    (not through ``collect_sources``) gets the CLI's one-line report, not a traceback."""


@dataclass
class FeedResult:
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_modified: bool = False
    validators: tuple[str | None, str | None] | None = None
    """ETag and Last-Modified of the feed's response, to save once the articles are stored."""
    stopped: str | None = None
    """Set when the source's deadline (``limits.source_seconds``) passed before every item
    page was fetched: one line; those items keep the feed's own text."""
    dropped: list[str] = field(default_factory=list)
    """One line per item not stored (no text in the feed, and its page failed or held none)."""


@dataclass(frozen=True)
class _Item:
    meta: _Meta
    text: str
    link: str | None
    teaser: bool


def collect_feed(
    fetcher: Fetcher | None,
    *,
    url: str | None = None,
    path: Path | None = None,
    source: str,
    default_tz: tzinfo,
    validators: tuple[str | None, str | None] | None = None,
    known: Callable[[Sequence[str]], set[str]] = lambda urls: set(),
    timeout: float | None = None,
    max_bytes: int = 5_000_000,
    retries: int | None = None,
    deadline: Deadline | None = None,
) -> FeedResult:
    """Fetch (or read) and parse one feed, fetching teaser items' pages. Raises ``FeedError``
    or ``FetchError`` when the feed itself cannot be read; item problems are warnings.

    With ``deadline`` (``limits.source_seconds``), requests stop when it passes: the feed
    itself then raises ``DeadlinePassed``; item pages not fetched leave their items' feed
    text and ``stopped`` set."""
    limits: dict[str, Any] = {"timeout": timeout, "max_bytes": max_bytes, "retries": retries}
    if deadline is not None:
        limits["deadline"] = deadline
    if url is not None:
        if fetcher is None:
            raise ValueError("a feed URL needs a fetcher")
        response = fetcher.get(url, validators=validators, **limits)
        if response.not_modified:
            return FeedResult(not_modified=True)
        data, base, label = response.body, response.url, url
        content_type = response.content_type
        new_validators = (response.etag, response.last_modified)
    elif path is not None:
        data, base, label = _read_local(path, max_bytes), None, str(path)
        content_type, new_validators = None, None
    else:
        raise ValueError("a feed needs a url or a path")
    outlet, language, items, broken = _parse(data, base, label=label, content_type=content_type)
    result = FeedResult(validators=new_validators)
    teasers = [i.link for i in items if i.teaser and i.link]
    stored = known(teasers) if teasers else set()
    to_fetch = [link for link in dict.fromkeys(teasers) if link not in stored]
    pages = _fetch_pages(fetcher, to_fetch, limits, result.warnings) if to_fetch else {}
    cut = sum(isinstance(page, DeadlinePassed) for page in pages.values())
    if cut and deadline is not None:
        pages_word = "item page" if cut == 1 else "item pages"
        result.stopped = f"{deadline.message()}: {cut} {pages_word} not fetched (kept the feed's text)"
    for item in items:
        item.meta.update({"outlet": outlet, "language": language}, override=False)
        article = _item_article(item, pages, result.warnings, result.dropped, source, default_tz)
        if article is not None:
            result.articles.append(article)
    if broken is not None:  # feedparser read on past the fault, so nothing is known lost
        result.warnings.append(f"the feed is malformed ({broken}); read {len(items)} items anyway")
    return result


def parse_feed(
    data: bytes, base_url: str | None, *, label: str, content_type: str | None = None
) -> tuple[str, str | None, list[_Item]]:
    """(outlet, language, items) of a feed document; ``FeedError`` when it is not a feed."""
    outlet, language, items, _ = _parse(data, base_url, label=label, content_type=content_type)
    return outlet, language, items


def _parse(
    data: bytes, base_url: str | None, *, label: str, content_type: str | None = None
) -> tuple[str, str | None, list[_Item], str | None]:
    """(outlet, language, items, what is broken) of a feed document; ``FeedError`` when it
    is not a feed. The last is one line when feedparser read the items around a fault.

    ``content_type`` is the server's header: its charset is the feed's encoding when the
    document does not say (a windows-1251 feed read as UTF-8 was mojibake), and without it
    feedparser flags every fetched feed "no Content-type specified". A feed feedparser
    recognises (it has a version) with no items is a quiet feed, not a broken one, when all
    feedparser objects to is the media type or the declared encoding. A recognised feed
    with no items whose channel feedparser read past a fault (an HTML entity such as
    ``&hellip;`` in its title, undefined in XML) is a quiet malformed feed, not "not a
    feed": with items it would be read with a warning, so without them it is one too."""
    import feedparser  # lazy: ~100 ms, only collect needs it

    headers = {"content-location": base_url} if base_url else {}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers)
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if problem is not None and isinstance(problem, harmless) and parsed.get("version"):
        problem = None
    feed = parsed.get("feed", {})
    if not entries and (not parsed.get("version") or (problem is not None and not feed)):
        problem = parsed.get("bozo_exception")
        detail = f" ({_one_line(problem)})" if problem else ""
        raise FeedError(f"{label}: not an RSS or Atom feed{detail}")
    outlet = _clean_str(feed.get("title")) or _host(feed.get("link")) or _host(base_url)
    language = _clean_str(feed.get("language"))
    broken = _one_line(problem) if problem is not None else None
    return outlet or "unknown", language, [_item(entry) for entry in entries], broken


def _item(entry: Any) -> _Item:
    link = _clean_str(entry.get("link"))
    if link is None and str(entry.get("id", "")).startswith(("http://", "https://")):
        link = entry.get("id")
    content = [_to_text(c.get("value", ""), c.get("type")) for c in entry.get("content") or []]
    full = max(content, key=len, default="")
    summary = _to_text(entry.get("summary", ""), (entry.get("summary_detail") or {}).get("type"))
    text = full if len(full) >= len(summary) else summary
    truncated = bool(_TRUNCATED.search(text.strip()))
    teaser = bool(link) and (truncated or (not full and len(text) < SUMMARY_ONLY_CHARS))
    meta = _Meta(
        title=_to_text(entry.get("title", ""), (entry.get("title_detail") or {}).get("type"))
        or None,
        url=link,
        published=_item_published(entry),
    )
    return _Item(meta=meta, text=text, link=link, teaser=teaser)


def _item_published(entry: Any) -> Any:
    """The item's date as written (so a date-only value stays a whole day), else feedparser's
    normalised UTC tuple. The keys are read from the plain dict: feedparser's own ``get``
    answers a missing "updated" with "published" (and warns that it will stop doing so)."""
    for key in ("published", "updated", "created", "dc_date"):
        raw = dict.get(entry, key)
        if isinstance(raw, str) and parse_published(raw)[0] is not None:
            return raw
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)
        if parsed:
            try:  # feedparser passes year 0 or 10000 through: such a date is unknown
                year, month, day, hour, minute, second = parsed[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (ValueError, OverflowError, TypeError):
                continue
    return None


def _item_article(
    item: _Item,
    pages: dict[str, str | FetchError],
    warnings: list[str],
    dropped: list[str],
    source: str,
    default_tz: tzinfo,
) -> Article | None:
    """The item's article: its page's when that is longer, else the feed's text. An item
    with neither is not stored, and says why in ``dropped`` (it used to vanish in silence)."""
    page = pages.get(item.link) if item.link else None
    page_problem = None
    if isinstance(page, DeadlinePassed):
        page_problem = "its page was not fetched (limits.source_seconds)"
    elif isinstance(page, FetchError):
        page_problem = f"its page failed ({page.reason})"
    elif isinstance(page, str):
        article = page_article(
            page, item.link or "", source=source, default_tz=default_tz, preferred=item.meta
        )
        if article is not None and len(article.text) > len(item.text):
            return article
        if article is None:
            page_problem = "its page holds no article text"
    if not any(ch.isalnum() for ch in item.text):
        because = f" and {page_problem}" if page_problem else ""
        dropped.append(f"item {item.link or item.meta.title or '?'}: no text in the feed{because}")
        return None
    if isinstance(page, FetchError) and not isinstance(page, DeadlinePassed):
        warnings.append(f"item page {page}; kept the feed's summary")
    return article_from(item.meta, item.text, item.link, source=source, default_tz=default_tz)


def _fetch_pages(
    fetcher: Fetcher | None, links: list[str], limits: dict[str, Any], warnings: list[str]
) -> dict[str, str | FetchError]:
    """The HTML of each teaser's page (or its error), fetched concurrently per host bound;
    a page read with a guessed charset adds a line to ``warnings``."""
    if fetcher is None:
        return {}
    pages: dict[str, str | FetchError] = {}
    for link, result in zip(links, fetcher.get_many(links, **limits), strict=True):
        if isinstance(result, FetchError):
            pages[link] = result
            continue
        pages[link], note = result.text_checked()
        if note:
            warnings.append(f"item page {link}: {note}")
    return pages


def _to_text(value: str, content_type: str | None) -> str:
    """An item field as plain paragraphs: HTML is parsed and its blocks kept."""
    value = value or ""
    if content_type == "text/plain" or "<" not in value:
        if content_type != "text/plain":  # feedparser leaves HTML's entities: AT&amp;T, It&#8217;s
            value = html.unescape(value)
        paragraphs = re.split(r"\n\s*\n", value.replace("\r\n", "\n"))
        return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(f"<html><body>{value}</body></html>")
    except Exception:
        return " ".join(re.sub(r"<[^>]*>", " ", value).split())
    return _visible_text(tree)


def _read_local(path: Path, max_bytes: int) -> bytes:
    """A local feed file's bytes, size checked before reading."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise FeedError(f"{path}: not a regular file")
            if info.st_size > max_bytes:
                limit = _human_size(max_bytes)
                raise FeedError(f"{path}: file is {_human_size(info.st_size)}, over {limit}")
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise FeedError(f"{path}: cannot read feed ({exc.strerror or exc})") from None


def _one_line(value: object) -> str:
    text = " ".join(str(value).split())
    return text[:200]
