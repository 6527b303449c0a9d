"""Run every configured source into the archive: ``collect_sources``.

The hourly ``briefings collect``: each source (folder, feed, page) is collected on a worker
thread and its articles stored in one transaction as soon as it finishes, so a source that
hangs or a kill half-way costs only the sources not yet finished. One source failing never
stops the others; each result says what was added, what was already there, and (in one line
naming the source) what went wrong.

Each source has a total time (``limits.source_seconds``, or its own ``seconds``): past it
the source starts no further request, stores what it has read, and its one-line error says
"took over N s (limits.source_seconds); stopped".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from briefings.archive import Archive, ArchiveError
from briefings.config import Config
from briefings.errors import ConfigError
from briefings.collect.feeds import FeedError
from briefings.collect.http import Fetcher, FetchError
from briefings.collect.kinds import SourceContext, SourceProblem, SourceSpec, source_kind
from briefings.limits import DEFAULT_FILE_BYTES, DEFAULT_JSON_DEPTH, Deadline

__all__ = ["SourceResult", "SourceSpec", "collect_sources", "source_specs"]


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
    dropped: list[str] = field(default_factory=list)
    """One line per item read but not stored; ``dropped_message()`` sums them up."""

    @property
    def ok(self) -> bool:
        return self.error is None

    def dropped_message(self) -> str | None:
        """The one stderr line for a source that dropped items (None when it dropped none):
        ``<name>: N items dropped (<first reasons>)``."""
        if not self.dropped:
            return None
        return f"{self.name}: {_summary(self.dropped)}"

    def message(self) -> str:
        """The stderr line for a failed source: ``<name>: <error>``."""
        return f"{self.name}: {self.error}"


@dataclass(frozen=True)
class _Limits:
    """The ``[limits]`` a source is collected under."""

    seconds: float | None = None
    file_bytes: int = DEFAULT_FILE_BYTES
    json_depth: int = DEFAULT_JSON_DEPTH


def source_specs(config: Config, only: str | None = None, kinds: Collection[str] | None = None) -> list[SourceSpec]:
    """The config's ``[[sources]]``, resolved (paths relative to the config file)."""
    if only is not None and only not in {s.name for s in config.settings.sources}:
        names = ", ".join(s.name for s in config.settings.sources) or "none configured"
        raise ConfigError(f"--source {only!r}: no such source (configured: {names})")
    return [
        SourceSpec(s.name, s.kind, path=config.base_dir / s.path if s.path else None, url=s.url,
                   timeout=s.timeout, max_bytes=s.max_bytes, retries=s.retries)
        for s in config.settings.sources
        if (only is None or s.name == only) and (kinds is None or s.kind in kinds)
    ]


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
    source_seconds: float | None = None,
    file_bytes: int = DEFAULT_FILE_BYTES,
    json_depth: int = DEFAULT_JSON_DEPTH,
) -> list[SourceResult]:
    """Collect every source into ``archive``; results in the order of ``specs``.

    ``progress`` is called once per finished source (from the calling thread), so the CLI
    can advance a bar of ``len(specs)``. Never raises for a source's problem.

    Limits (the config's ``[limits]``): ``source_seconds`` is the total time one source may
    take, counted from its start (a spec's own ``seconds`` wins; None: no limit);
    ``file_bytes`` and ``json_depth`` bound the files a folder source reads."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(per_host=per_host, backoff=backoff, workers=workers)
    results: dict[int, SourceResult] = {}
    try:
        with ThreadPoolExecutor(max(1, min(workers, len(specs))), "source") as pool:
            futures = {
                pool.submit(
                    _run_one, spec, archive, fetcher, default_tz,
                    _Limits(source_seconds, file_bytes, json_depth),
                ): index
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


def _run_one(
    spec: SourceSpec, archive: Archive, fetcher: Fetcher, tz: tzinfo, limits: _Limits = _Limits()
) -> SourceResult:
    """Collect one source and store it; every failure becomes the result's one-line error."""
    result = SourceResult(spec.name)
    now = datetime.now(UTC)
    seconds = spec.seconds if spec.seconds is not None else limits.seconds
    deadline = Deadline(seconds) if seconds is not None else None
    try:
        context = SourceContext(archive, fetcher, tz, deadline, limits.file_bytes, limits.json_depth)
        collected = source_kind(spec.kind).collect(spec, context)
        result.warnings = collected.warnings
        result.not_modified = collected.not_modified
        result.added, result.seen = archive.add_articles(spec.name, collected.articles)
        result.dropped = collected.dropped
        archive.record_dropped(spec.name, len(collected.dropped),
                               _summary(collected.dropped) if collected.dropped else None)
        if collected.stopped is not None:  # what was read is kept; the next collect goes on
            result.error = collected.stopped
        else:
            if collected.cache_url and collected.validators is not None:
                archive.save_validators(collected.cache_url, *collected.validators)
            archive.record_success(spec.name, now)
    except (FetchError, FeedError, SourceProblem) as exc:
        result.error = str(exc)
    except ArchiveError as exc:
        result.error = str(exc)
    except Exception as exc:
        result.error = f"unexpected {type(exc).__name__}: {_first_line(exc)}"
    if result.error is not None:
        result.error = " ".join(result.error.split())
        try:
            archive.record_failure(spec.name, now, result.error)
        except ArchiveError as exc:
            result.error += f" (and not recorded: {_first_line(exc)})"
    return result


def _summary(dropped: Sequence[str], shown: int = 3) -> str:
    """``N items dropped (reason; reason; ... and M more)`` in one line."""
    noun = "item" if len(dropped) == 1 else "items"
    more = f"; and {len(dropped) - shown} more" if len(dropped) > shown else ""
    return f"{len(dropped)} {noun} dropped ({'; '.join(dropped[:shown])}{more})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
