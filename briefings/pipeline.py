"""The build, as a table of contents: collect → extract → compose → render.

This module wires the stages for the CLI (and for anyone using ``briefings`` as a library);
each stage lives in its own module and knows nothing of the others.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .collect import read_paths
from .compose import BriefSpec, compose_brief
from .config import Config
from .errors import ConfigError, NothingToBrief
from .extract import extract_article
from .model import Article, Brief, Fact, Window
from .window import day_window, published_in

if TYPE_CHECKING:
    from .collect.sources import SourceSpec

T = TypeVar("T")
Progress = Callable[[Iterable[T], str, int], Iterator[T]]
"""Wraps an iterable to show progress: (items, description, total) → the same items."""


def no_progress(items: Iterable[T], description: str, total: int) -> Iterator[T]:
    return iter(items)


@dataclass(frozen=True)
class BuildRequest:
    paths: Sequence[Path]
    day: date
    out_dir: Path
    formats: Collection[str]
    theme: str | Path | None = None


@dataclass
class BuildResult:
    brief: Brief
    files: list[Path]
    failures: list[str] = field(default_factory=list)
    """One line per input that could not be read (a file, a folder source)."""
    out_of_window: int = 0


@dataclass
class Gathered:
    """The articles a build starts from, and what could not be read."""

    articles: list[Article]
    failures: list[str]
    considered: int
    """How many articles were looked at before the window was applied."""


def source_specs(config: Config, only: str | None = None, kinds: Collection[str] | None = None) -> list[SourceSpec]:
    """The config's ``[[sources]]``, resolved (paths relative to the config file)."""
    from .collect.sources import SourceSpec

    if only is not None and only not in {s.name for s in config.settings.sources}:
        names = ", ".join(s.name for s in config.settings.sources) or "none configured"
        raise ConfigError(f"--source {only!r}: no such source (configured: {names})")
    return [
        SourceSpec(s.name, s.kind, path=config.base_dir / s.path if s.path else None, url=s.url,
                   timeout=s.timeout, max_bytes=s.max_bytes, retries=s.retries)
        for s in config.settings.sources
        if (only is None or s.name == only) and (kinds is None or s.kind in kinds)
    ]


def gather(paths: Sequence[Path], window: Window, config: Config) -> Gathered:
    """Files named on the command line, or else the archive that ``collect`` fills (folder
    sources of the config are collected first, like any other source)."""
    if paths:
        read = read_paths(list(paths), default_tz=config.timezone)
        articles = [a for a in read.articles if in_window(a, window)]
        return Gathered(articles, [s.message() for s in read.skipped], len(read.articles))
    if not config.settings.sources:
        raise ConfigError(
            "no article paths given and no [[sources]] configured: name files or folders, "
            "or give --config with sources (and run briefings collect)"
        )
    from .archive import Archive
    from .collect.sources import collect_sources

    with Archive(config.archive_path) as archive:
        folders = source_specs(config, kinds=("folder",))
        results = collect_sources(folders, archive, default_tz=config.timezone) if folders else []
        articles = archive.articles_in_window(window.start, window.end)
    failures = [r.message() for r in results if r.error]
    return Gathered(articles, failures, len(articles))


def brief_window(day: date, config: Config) -> Window:
    """Day D from 00:00 to 24:00 in the brief's timezone; ``window_hours`` reaches further back."""
    table = config.settings.brief
    return day_window(day, table.timezone, table.window_hours)


def in_window(article: Article, window: Window) -> bool:
    return published_in(article, window.start, window.end)


def extract_all(
    articles: Sequence[Article], config: Config, day: date, progress: Progress = no_progress
) -> list[Fact]:
    facts: list[Fact] = []
    for article in progress(articles, "Extracting", len(articles)):
        facts.extend(extract_article(article, config.taxonomy, assume_published=day))
    return facts


def build(request: BuildRequest, config: Config, progress: Progress = no_progress) -> BuildResult:
    """Gather the day's articles, extract, compose and render the brief."""
    from .render import render_brief  # the renderer pulls in Jinja2 and, for PDFs, WeasyPrint

    window = brief_window(request.day, config)
    gathered = gather(request.paths, window, config)
    if not gathered.articles:
        raise NothingToBrief(_nothing_message(gathered, window), tuple(gathered.failures))
    facts = extract_all(gathered.articles, config, request.day, progress)
    out_of_window = gathered.considered - len(gathered.articles)
    brief = compose_brief(
        gathered.articles,
        facts,
        brief_spec(request.day, window, config),
        extra_stats={"skipped": len(gathered.failures), "out_of_window": out_of_window},
        generated=datetime.now(timezone.utc).replace(microsecond=0),
    )
    files = render_brief(brief, request.out_dir, request.formats, request.theme or config.theme)
    return BuildResult(brief, files, gathered.failures, out_of_window)


def brief_spec(day: date, window: Window, config: Config) -> BriefSpec:
    table = config.settings.brief
    return BriefSpec(
        date=day,
        title=table.title,
        window=window,
        brand=config.brand,
        taxonomy=config.taxonomy,
        key_points=table.key_points,
        max_facts_per_section=table.max_facts_per_section,
    )


def _nothing_message(gathered: Gathered, window: Window) -> str:
    if gathered.considered:
        return (
            f"nothing to brief: none of the {gathered.considered} articles read was published between "
            f"{window.start:%Y-%m-%d %H:%M} and {window.end:%Y-%m-%d %H:%M} ({window.timezone})"
        )
    if gathered.failures:
        return f"nothing to brief: every input failed ({len(gathered.failures)} skipped)"
    return "nothing to brief: no article files found"
