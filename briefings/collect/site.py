"""The ``site`` source kind: a site's home page, its feed found as feed readers find it.

People know a news site by its address, not by its feed's. A home page announces its feeds
with ``<link rel="alternate" type="application/rss+xml" href="...">`` (or Atom, or JSON Feed);
this kind fetches the page, takes the first RSS or Atom feed it announces (resolved against
the page's URL after redirects) and reads that feed as the ``feed`` kind does. A URL that is
itself a feed is read as one. A page that announces no feed is the source's one-line error.

This module imports nothing of ``collect`` at import time, so ``kinds.py`` can register it.
"""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from briefings.collect.kinds import (
    Collected,
    FeedKind,
    SourceContext,
    SourceProblem,
    SourceSpec,
    register_source_kind,
)

if TYPE_CHECKING:
    from briefings.collect.http import Fetcher

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")
"""``type`` values of a ``<link rel="alternate">`` that name a feed feedparser reads, best first."""


class SiteKind:
    """A web site by its home page: its announced feed, then every item's page."""

    name = "site"

    def problem(self, path: str | None, url: str | None) -> str | None:
        return None if url else "a site source needs url (the site's home page)"

    def collect(self, spec: SourceSpec, context: SourceContext) -> Collected:
        if spec.url is None:
            raise SourceProblem("a site source needs a url")
        feed_url = discover_feed(context.fetcher, spec.url, **context.fetch_limits(spec))
        return FeedKind().collect(replace(spec, kind="feed", url=feed_url), context)


def discover_feed(fetcher: Fetcher, url: str, **limits: object) -> str:
    """The URL of the feed that the page at ``url`` announces (``url`` itself when it is a
    feed); a ``SourceProblem`` when it announces none."""
    from briefings.collect.kinds import SourceProblem

    response = fetcher.get(url, **limits)  # type: ignore[arg-type]
    text = response.text()
    if _looks_like_feed(text):
        return response.url
    found = announced_feeds(text, response.url)
    if not found:
        raise SourceProblem(f"{url}: the page announces no RSS or Atom feed "
                            '(no <link rel="alternate" type="application/rss+xml">); '
                            "give the feed's URL with kind = \"feed\", or kind = \"page\"")
    return found[0]


def announced_feeds(html: str, base_url: str) -> list[str]:
    """The feeds a page announces, absolute, best type first, each once."""
    parser = _AlternateLinks()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; a page it chokes on has none
        pass
    ranked = sorted(parser.links, key=lambda link: FEED_TYPES.index(link[0]))
    feeds: list[str] = []
    for _type, href in ranked:
        absolute = urljoin(base_url, href)
        if absolute.startswith(("http://", "https://")) and absolute not in feeds:
            feeds.append(absolute)
    return feeds


def _looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head) \
        or head.startswith(("<rss", "<feed"))


class _AlternateLinks(HTMLParser):
    """Collects ``(type, href)`` of ``<link rel="alternate">`` elements that name a feed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        href = values.get("href", "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            self.links.append((kind, href))

    handle_startendtag = handle_starttag


register_source_kind(SiteKind())  # a built-in kind, registered as a new one would be
