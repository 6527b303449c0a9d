"""Run every configured source into the archive: ``collect_sources``.

The hourly ``briefings collect``: each source (folder, feed, page) is collected on a worker
thread and its articles stored in one transaction as soon as it finishes, so a source that
hangs or a kill half-way costs only the sources not yet finished. One source failing never
stops the others; each result says what was added, what was already there, and (in one line
naming the source) what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Literal

from briefings.archive import Archive, ArchiveError, canonical_url
from briefings.collect.feeds import FeedError, collect_feed
from briefings.collect.http import Fetcher, FetchError
from briefings.collect.web import fetch_page
from briefings.model import Article

__all__ = ["SourceResult", "SourceSpec", "collect_sources"]

Kind = Literal["folder", "feed", "page"]


@dataclass(frozen=True)
class SourceSpec:
    """One ``[[sources]]`` entry, resolved (paths absolute)."""

    name: str
    kind: Kind
    path: Path | None = None
    url: str | None = None
    timeout: float = 20
    max_bytes: int = 5_000_000
    retries: int = 2


@dataclass
class SourceResult:
    name: str
    added: int = 0
    seen: int = 0
    error: str | None = None
    """One line, without the source's name (``message()`` adds it)."""
    warnings: list[str] = field(default_factory=list)
    """Problems that did not fail the source (a skipped file, an item page kept as teaser)."""
    not_modified: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    def message(self) -> str:
        """The stderr line for a failed source: ``<name>: <error>``."""
        return f"{self.name}: {self.error}"


@dataclass
class _Collected:
    """What a worker hands back for the archive step."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_modified: bool = False
    validators: tuple[str | None, str | None] | None = None
    cache_url: str | None = None


def collect_sources(
    specs: Sequence[SourceSpec],
    archive: Archive,
    *,
    default_tz: tzinfo = UTC,
    progress: Callable[[SourceResult], None] | None = None,
    fetcher: Fetcher | None = None,
    workers: int = 8,
    per_host: int = 2,
    backoff: float = 0.5,
) -> list[SourceResult]:
    """Collect every source into ``archive``; results in the order of ``specs``.

    ``progress`` is called once per finished source (from the calling thread), so the CLI
    can advance a bar of ``len(specs)``. Never raises for a source's problem."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(per_host=per_host, backoff=backoff, workers=workers)
    results: dict[int, SourceResult] = {}
    try:
        with ThreadPoolExecutor(max(1, min(workers, len(specs))), "source") as pool:
            futures = {
                pool.submit(_run_one, spec, archive, fetcher, default_tz): index
                for index, spec in enumerate(specs)
            }
            for future in as_completed(futures):
                result = future.result()
                results[futures[future]] = result
                if progress is not None:
                    progress(result)
    finally:
        if own:
            fetcher.close()
    return [results[i] for i in range(len(specs))]


def _run_one(spec: SourceSpec, archive: Archive, fetcher: Fetcher, tz: tzinfo) -> SourceResult:
    """Collect one source and store it; every failure becomes the result's one-line error."""
    result = SourceResult(spec.name)
    now = datetime.now(UTC)
    try:
        collected = _collect(spec, archive, fetcher, tz)
        result.warnings = collected.warnings
        result.not_modified = collected.not_modified
        result.added, result.seen = archive.add_articles(spec.name, collected.articles)
        if collected.cache_url and collected.validators is not None:
            archive.save_validators(collected.cache_url, *collected.validators)
        archive.record_success(spec.name, now)
    except (FetchError, FeedError, _SourceProblem) as exc:
        result.error = str(exc)
    except ArchiveError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug in one source must not stop the run
        result.error = f"unexpected {type(exc).__name__}: {_first_line(exc)}"
    if result.error is not None:
        result.error = " ".join(result.error.split())
        try:
            archive.record_failure(spec.name, now, result.error)
        except ArchiveError as exc:
            result.error += f" (and not recorded: {_first_line(exc)})"
    return result


class _SourceProblem(Exception):
    """A source misconfigured for its kind (the config validator should catch these first)."""


def _collect(spec: SourceSpec, archive: Archive, fetcher: Fetcher, tz: tzinfo) -> _Collected:
    limits = {"timeout": spec.timeout, "max_bytes": spec.max_bytes, "retries": spec.retries}
    if spec.kind == "folder":
        return _collect_folder(spec, tz)
    if spec.kind == "feed":
        if spec.url is None and spec.path is None:
            raise _SourceProblem("a feed source needs a url or a path")
        cache_url = spec.url
        found = collect_feed(
            fetcher,
            url=spec.url,
            path=None if spec.url else spec.path,
            source=spec.name,
            default_tz=tz,
            validators=archive.http_validators(cache_url) if cache_url else None,
            known=lambda urls: archive.known_urls([canonical_url(u) for u in urls]),
            **limits,
        )
        return _Collected(
            found.articles, found.warnings, found.not_modified, found.validators, cache_url
        )
    if spec.kind == "page":
        if spec.url is None:
            raise _SourceProblem("a page source needs a url")
        page = fetch_page(
            fetcher,
            spec.url,
            source=spec.name,
            default_tz=tz,
            validators=archive.http_validators(spec.url),
            **limits,
        )
        articles = [page.article] if page.article is not None else []
        validators = (page.response.etag, page.response.last_modified)
        return _Collected(articles, [], page.response.not_modified, validators, spec.url)
    raise _SourceProblem(f"unknown source kind {spec.kind!r}")


def _collect_folder(spec: SourceSpec, tz: tzinfo) -> _Collected:
    """A folder source, read by the folder reader; it fails only when nothing is readable."""
    from briefings.collect.files import read_paths

    if spec.path is None:
        raise _SourceProblem("a folder source needs a path")
    read = read_paths([spec.path], source=spec.name, default_tz=tz)
    warnings = [skipped.message() for skipped in read.skipped]
    if not read.articles and read.skipped:
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise _SourceProblem(f"{warnings[0]}{more}")
    return _Collected(read.articles, warnings)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
