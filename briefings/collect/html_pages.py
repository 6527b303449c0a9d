"""Reader for saved web pages (``.html``/``.htm``, and ``html`` fields of JSON entries).

A page is mostly not the article: trafilatura finds the main text, and the page's own markup
(meta tags, JSON-LD, ``<time>``) gives the metadata with the publication time and zone.
trafilatura and lxml are imported only when a page is read (about half a second).

Pages are read one at a time in a process (``_EXTRACTION_LOCK``), whatever thread asks:
trafilatura keeps module-level lxml parsers, and lxml parsers must not be shared between
threads. Eight collect threads inside ``bare_extraction`` at once ended in ``double free or
corruption`` (SIGABRT) or SIGSEGV, taking the whole run down (upstream adbar/trafilatura#840).
Fetching stays parallel; reading a page takes tens of milliseconds.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from briefings.collect._common import _Settings
from briefings.collect.article import _article, _Meta
from briefings.collect.published import parse_published
from briefings.model import Article

_EXTRACTION_LOCK = threading.Lock()
"""Held while trafilatura/lxml read a page: they are not safe in parallel threads."""


def _read_html(path: Path, text: str, settings: _Settings) -> tuple[list[Article], list[str]]:
    meta, body = _html_content(text)
    return [_article(path, path.name, meta, body, settings)], []


def _html_content(html: str) -> tuple[_Meta, str]:
    """Main text and metadata of a page: trafilatura first, then a plain tag strip.

    trafilatura drops navigation, share widgets and footers; when it finds no main text (a
    fragment, a tiny page) the visible text outside nav/header/footer is used instead, since
    extract has its own boilerplate filter.
    """
    with _EXTRACTION_LOCK:
        return _html_content_unlocked(html)


def _html_content_unlocked(html: str) -> tuple[_Meta, str]:
    tree = _parse_html(html)
    meta = _html_meta(tree) if tree is not None else _Meta()
    body = ""
    document = _trafilatura(html)
    if document is not None:
        # trafilatura puts one block per line; the Article contract wants blank-line paragraphs
        lines = (line.strip() for line in (document.text or "").split("\n"))
        body = "\n\n".join(line for line in lines if line)
        trafilatura_date = document.date
        meta.update(
            {
                "title": document.title,
                "outlet": document.sitename,
                "url": document.url,
                "language": document.language,
            },
            override=False,
        )
        if meta.published is None and trafilatura_date:
            meta.published = trafilatura_date
    if tree is not None:
        # trafilatura falls back to all of the page's text when it finds no main content,
        # so a page whose only words are in nav/header/footer would pass as an article.
        visible = _visible_text(tree)
        if not any(ch.isalnum() for ch in visible):
            body = ""
        elif not any(ch.isalnum() for ch in body):
            body = visible
    return meta, body


def _parse_html(html: str) -> Any:
    """An lxml tree of the page, or None when lxml cannot make one."""
    try:
        import lxml.html  # lazy: only HTML needs it

        return lxml.html.document_fromstring(html)
    except Exception:
        return None


def _trafilatura(html: str) -> Any:
    """trafilatura's Document for a page, or None; it never fetches anything given a string."""
    try:
        import trafilatura  # lazy: about half a second to import

        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:
        return None


_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)


def _html_meta(tree: Any) -> _Meta:
    """Metadata from the page's own markup, which carries the publication time with its zone
    (trafilatura reduces it to a day)."""
    meta = _Meta()
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        content = element.get("content")
        if name and content and name not in values:
            values[name] = content
    for name in _DATE_META:
        if name in values and parse_published(values[name])[0] is not None:
            meta.published = values[name]
            break
    if meta.published is None:
        meta.published = _json_ld_date(tree) or _time_element(tree)
    meta.title = values.get("og:title")
    meta.outlet = values.get("og:site_name")
    canonical = tree.find(".//link[@rel='canonical']")
    meta.url = (canonical.get("href") if canonical is not None else None) or values.get("og:url")
    lang = tree.get("lang")
    meta.language = lang.split("-")[0] if lang else None
    return meta


def _json_ld_date(tree: Any) -> str | None:
    """``datePublished`` from JSON-LD blocks, which news sites fill for search engines."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        found = _find_key(data, "datePublished")
        if isinstance(found, str):
            return found
    return None


def _find_key(data: Any, key: str, depth: int = 0) -> Any:
    if depth > 20:
        return None
    if isinstance(data, dict):
        if key in data:
            return data[key]
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            found = _find_key(item, key, depth + 1)
            if found is not None:
                return found
    return None


def _time_element(tree: Any) -> str | None:
    for element in tree.iter("time"):
        value = element.get("datetime")
        if value and parse_published(value)[0] is not None:
            return value
    return None


def _holds_the_page(element: Any, tree: Any) -> bool:
    """Whether ``element`` holds most of the page's text (a form wrapping the body)."""
    inside = len(" ".join(element.itertext()).split())
    return inside > 0 and inside * 2 > len(" ".join(tree.itertext()).split())


_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "section", "article", "figcaption", "br", "dd", "dt",
}  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "template",
              "iframe", "svg", "button", "select")  # fmt: skip


def _visible_text(tree: Any) -> str:
    """Visible text by block outside nav/header/footer/scripts (the tree is changed).

    A ``<form>`` is a search box or a sign-up, and dropped, unless it holds the page: ASP.NET
    sites wrap the whole body in one form (they were "no article text found")."""
    for tag in _DROP_TAGS:
        for element in list(tree.iter(tag)):
            parent = element.getparent()
            if parent is None or (tag == "form" and _holds_the_page(element, tree)):
                continue
            parent.remove(element)
    root = tree.find(".//article")
    if root is None:
        root = tree.find(".//body")
    if root is None:
        root = tree
    chunks: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCK_TAGS:
            chunks.append("\n")
        if element.text:
            chunks.append(element.text)
        if element.tail:
            chunks.append(element.tail)
    lines = (" ".join(part.split()) for part in "".join(chunks).split("\n"))
    return "\n\n".join(line for line in lines if line)
