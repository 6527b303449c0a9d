"""Source kinds: how each kind of ``[[sources]]`` entry is read, and the registry of them.

Why a registry: a folder of saved files, an RSS/Atom feed and a web page are three answers
to one question (a configured source in, articles out). ``collect_sources`` runs any of them
the same way (its own thread, a deadline, one transaction, one line when it fails) and the
config accepts any name registered here, so a new kind (an email inbox, an API) is one class
and one ``register_source_kind`` call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from briefings.limits import (
    DEFAULT_FILE_BYTES,
    DEFAULT_JSON_DEPTH,
    DEFAULT_SOURCE_MAX_BYTES,
    DEFAULT_SOURCE_RETRIES,
    DEFAULT_SOURCE_TIMEOUT,
    Deadline,
)
from briefings.model import Article

if TYPE_CHECKING:
    from briefings.archive import Archive
    from briefings.collect.http import Fetcher


@dataclass(frozen=True)
class SourceSpec:
    """One ``[[sources]]`` entry, resolved (paths absolute)."""

    name: str
    kind: str
    """A name in ``collect.kinds.SOURCE_KINDS``."""
    path: Path | None = None
    url: str | None = None
    timeout: float = DEFAULT_SOURCE_TIMEOUT
    max_bytes: int = DEFAULT_SOURCE_MAX_BYTES
    retries: int = DEFAULT_SOURCE_RETRIES
    seconds: float | None = None
    """Total time this source may take in a collect; None: ``collect_sources``'s
    ``source_seconds`` (``limits.source_seconds``)."""


class SourceProblem(Exception):
    """A source that cannot be read as configured: its one-line error."""


@dataclass
class Collected:
    """What reading one source gave, for the archive step."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Problems that did not fail the source (a skipped file, an item page kept as teaser)."""
    not_modified: bool = False
    validators: tuple[str | None, str | None] | None = None
    """(ETag, Last-Modified) of ``cache_url``, saved once the source is stored."""
    cache_url: str | None = None
    stopped: str | None = None
    """The deadline passed part-way: what was read is stored, and this is the error."""
    dropped: list[str] = field(default_factory=list)
    """One line per item read but not stored (a feed item with no text anywhere)."""


@dataclass(frozen=True)
class SourceContext:
    """What a source is read with: the shared fetcher and archive, and its bounds."""

    archive: Archive
    fetcher: Fetcher
    default_tz: tzinfo
    deadline: Deadline | None = None
    """The source's total time (``limits.source_seconds``), running from its start."""
    file_bytes: int = DEFAULT_FILE_BYTES
    json_depth: int = DEFAULT_JSON_DEPTH

    def fetch_limits(self, spec: SourceSpec) -> dict[str, object]:
        """The keyword arguments that bound each request of ``spec``."""
        limits: dict[str, object] = {"timeout": spec.timeout, "max_bytes": spec.max_bytes,
                                     "retries": spec.retries}
        if self.deadline is not None:
            limits["deadline"] = self.deadline
        return limits


class SourceKind(Protocol):
    """One kind of source."""

    name: str
    """The value of ``kind`` in ``[[sources]]``."""

    def problem(self, path: str | None, url: str | None) -> str | None:
        """What a source of this kind configured with ``path`` and ``url`` lacks, or None."""
        ...

    def collect(self, spec: SourceSpec, context: SourceContext) -> Collected:
        """Read the source; a problem that fails it is a ``SourceProblem`` (or a fetch error)."""
        ...


class FolderKind:
    """A folder of saved article files, read by the folder reader; it fails only when
    nothing in it is readable."""

    name = "folder"

    def problem(self, path: str | None, url: str | None) -> str | None:
        return None if path else "a folder source needs path"

    def collect(self, spec: SourceSpec, context: SourceContext) -> Collected:
        from briefings.collect.files import read_paths

        if spec.path is None:
            raise SourceProblem("a folder source needs a path")
        read = read_paths([Path(spec.path)], source=spec.name, default_tz=context.default_tz,
                          max_bytes=context.file_bytes, json_depth=context.json_depth,
                          deadline=context.deadline)
        warnings = [skipped.message() for skipped in read.skipped]
        if not read.articles and read.skipped and read.stopped is None:
            more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
            raise SourceProblem(f"{warnings[0]}{more}")
        stopped = f"{read.stopped}: not every file was read" if read.stopped else None
        return Collected(read.articles, warnings, stopped=stopped)


class FeedKind:
    """An RSS or Atom feed (at a URL, or a saved file), each item's page fetched."""

    name = "feed"

    def problem(self, path: str | None, url: str | None) -> str | None:
        return None if url or path else "a feed source needs url"

    def collect(self, spec: SourceSpec, context: SourceContext) -> Collected:
        from briefings.archive import canonical_url
        from briefings.collect.feeds import collect_feed

        if spec.url is None and spec.path is None:
            raise SourceProblem("a feed source needs a url or a path")
        archive = context.archive
        found = collect_feed(
            context.fetcher,
            url=spec.url,
            path=None if spec.url else spec.path,
            source=spec.name,
            default_tz=context.default_tz,
            validators=archive.http_validators(spec.url) if spec.url else None,
            known=lambda urls: archive.known_urls([canonical_url(u) for u in urls]),
            **context.fetch_limits(spec),  # type: ignore[arg-type]
        )
        return Collected(found.articles, found.warnings, found.not_modified, found.validators,
                         spec.url, found.stopped, found.dropped)


class PageKind:
    """One web page, its article found by the page reader."""

    name = "page"

    def problem(self, path: str | None, url: str | None) -> str | None:
        return None if url else "a page source needs url"

    def collect(self, spec: SourceSpec, context: SourceContext) -> Collected:
        from briefings.collect.web import fetch_page

        if spec.url is None:
            raise SourceProblem("a page source needs a url")
        page = fetch_page(
            context.fetcher,
            spec.url,
            source=spec.name,
            default_tz=context.default_tz,
            validators=context.archive.http_validators(spec.url),
            **context.fetch_limits(spec),  # type: ignore[arg-type]
        )
        articles = [page.article] if page.article is not None else []
        validators = (page.response.etag, page.response.last_modified)
        return Collected(articles, list(page.warnings), page.response.not_modified, validators,
                         spec.url)


SOURCE_KINDS: dict[str, SourceKind] = {k.name: k for k in (FolderKind(), FeedKind(), PageKind())}
"""Every kind a ``[[sources]]`` entry may name."""


def register_source_kind(kind: SourceKind) -> None:
    """Make ``kind.name`` a value of ``kind`` in ``[[sources]]``."""
    SOURCE_KINDS[kind.name] = kind


def source_kind(name: str) -> SourceKind:
    """The kind called ``name``; an unknown one is a SourceProblem naming the known ones."""
    kind = SOURCE_KINDS.get(name)
    if kind is None:
        raise SourceProblem(f"unknown source kind {name!r}; choose from {', '.join(SOURCE_KINDS)}")
    return kind
