"""OPML subscription lists (what every feed reader exports) as ``[[sources]]`` entries.

``briefings sources import FILE.opml`` appends the feeds a person already follows to their
briefings.toml. Each ``<outline>`` with an ``xmlUrl`` is a ``feed`` source; one with only an
``htmlUrl`` (a site without a known feed) is a ``site`` source, its feed found from its home
page. Categories (nested outlines) are flattened. Parsing uses the standard library's
ElementTree (expat): it loads no external entity or DTD, so an OPML file cannot make the tool
read another file or the network.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefings.errors import ConfigError

MAX_OPML_BYTES = 5_000_000
"""A subscription list is a few kilobytes; a larger file is not one."""


@dataclass(frozen=True)
class Subscription:
    """One feed (or site) of a subscription list, as a source to configure."""

    name: str
    kind: str
    """``feed`` (the list gave its feed URL) or ``site`` (only its home page)."""
    url: str

    def toml(self) -> str:
        """The ``[[sources]]`` entry, strings quoted as TOML basic strings (JSON's escapes)."""
        return (f"[[sources]]\nname = {json.dumps(self.name, ensure_ascii=False)}\n"
                f"kind = {json.dumps(self.kind)}\nurl = {json.dumps(self.url, ensure_ascii=False)}\n")


def read_opml(path: Path) -> list[Subscription]:
    """The subscriptions of an OPML file, in document order; a ``ConfigError`` naming the file
    when it cannot be read or is not OPML."""
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise ConfigError(f"{path}: larger than {MAX_OPML_BYTES:,} bytes; not a subscription list")
        root = ElementTree.fromstring(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except ElementTree.ParseError as exc:
        raise ConfigError(f"{path}: not valid OPML (XML error: {exc})") from None
    if root.tag.lower() != "opml" or root.find("body") is None:
        raise ConfigError(f"{path}: not OPML (expected <opml> with a <body>, found <{root.tag}>)")
    return list(_subscriptions(root.find("body").iter("outline")))  # type: ignore[union-attr]


def _subscriptions(outlines: Iterable[ElementTree.Element]) -> Iterable[Subscription]:
    for outline in outlines:
        attrs = {key.lower(): value.strip() for key, value in outline.attrib.items()}
        feed, home = attrs.get("xmlurl", ""), attrs.get("htmlurl", "")
        url, kind = (feed, "feed") if feed else (home, "site")
        if not url or list(outline):  # a category: its children are the subscriptions
            continue
        name = attrs.get("title") or attrs.get("text") or url
        yield Subscription(" ".join(name.split()), kind, url)


def new_sources(found: list[Subscription], names: Iterable[str], urls: Iterable[str]
                ) -> tuple[list[Subscription], list[str]]:
    """The subscriptions not configured yet (by URL), names made unique against ``names``,
    and one line for each one left out (already there, or not an http(s) URL)."""
    taken_names = set(names)
    taken_urls = set(urls)
    added: list[Subscription] = []
    left_out: list[str] = []
    for sub in found:
        if not sub.url.startswith(("http://", "https://")):
            left_out.append(f"{sub.name}: {sub.url!r} is not an http(s) URL; left out")
            continue
        if sub.url in taken_urls:
            left_out.append(f"{sub.name}: {sub.url} is already a source; left out")
            continue
        name, n = sub.name, 2
        while name in taken_names:
            name, n = f"{sub.name} ({n})", n + 1
        taken_names.add(name)
        taken_urls.add(sub.url)
        added.append(Subscription(name, sub.kind, sub.url))
    return added, left_out
