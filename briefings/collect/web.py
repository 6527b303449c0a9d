"""A ``page`` source, and a feed item's page: one URL → one ``Article``.

The HTML is read by the same code as saved pages (``html_pages``: trafilatura for the main
text, the page's own meta tags / JSON-LD / ``<time>`` for the publication time with its
zone), so a page fetched live and the same page saved to the inbox give the same article.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from briefings.archive import canonical_url
from briefings.collect.article import _clean_str, _first_words, _headline, _host, _Meta, _scrub
from briefings.collect.html_pages import _html_content
from briefings.collect.http import Fetcher, FetchError, Response
from briefings.collect.published import parse_published
from briefings.lang.detect import detect_language
from briefings.model import Article, stable_id

__all__ = ["PageResult", "fetch_page", "page_article", "page_content"]


@dataclass(frozen=True)
class PageResult:
    """A fetched page: its article, or ``None`` when the server said "not modified"."""

    article: Article | None
    response: Response
    warnings: tuple[str, ...] = ()
    """One line each: a page whose charset was missing or wrong (read by a guess)."""


def fetch_page(
    fetcher: Fetcher,
    url: str,
    *,
    source: str,
    default_tz: tzinfo,
    validators: tuple[str | None, str | None] | None = None,
    **limits: float | int,
) -> PageResult:
    """Fetch ``url`` and read its article; raises ``FetchError`` (one line, naming the URL)."""
    response = fetcher.get(url, validators=validators, **limits)  # type: ignore[arg-type]
    if response.not_modified:
        return PageResult(None, response)
    html, charset_note = response.text_checked()
    article = page_article(html, response.url, source=source, default_tz=default_tz)
    if article is None:
        raise FetchError(url, "no article text found on the page")
    warnings = (f"{url}: {charset_note}",) if charset_note else ()
    return PageResult(article, response, warnings)


def page_content(html: str) -> tuple[_Meta, str]:
    """Metadata and main text of a page (``html_pages`` does the work)."""
    return _html_content(html)


def page_article(
    html: str, url: str, *, source: str, default_tz: tzinfo, preferred: _Meta | None = None
) -> Article | None:
    """The page's article, or None when it holds no readable text.

    The URL is the one fetched (after redirects), canonicalised: a page's own
    ``<link rel=canonical>`` is a claim by the page, and the fetched URL is what the user
    configured. ``preferred`` overrides what the page says (a feed item's title and date are
    the publisher's own statement, a page's metadata often a template's)."""
    meta, body = page_content(html)
    if preferred is not None:
        meta.update(vars(preferred), override=True)
    body = body.strip("\n")
    if not any(ch.isalnum() for ch in body):
        return None
    return article_from(meta, body, url, source=source, default_tz=default_tz)


def article_from(
    meta: _Meta, body: str, url: str | None, *, source: str, default_tz: tzinfo
) -> Article:
    """An Article from metadata and a body, with the folder reader's defaults."""
    link = canonical_url(_scrub(url)) if url else None
    body = _scrub(body)
    title = _clean_str(meta.title) or _headline(body) or _first_words(body)
    language = (_clean_str(meta.language) or detect_language(body, title) or "en").split("-")[0].lower()
    published, has_time = parse_published(meta.published, default_tz, language)
    return Article(
        id=stable_id(link) if link else stable_id(body),
        title=title,
        outlet=_clean_str(meta.outlet) or _host(link) or "unknown",
        url=link,
        published=published,
        text=body,
        language=language,
        source=source,
        published_has_time=has_time,
    )
