"""The build, as a table of contents: collect → extract → compose → render.

This module wires the stages for the CLI (and for anyone using ``briefings`` as a library);
each stage lives in its own module and knows nothing of the others.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TypeVar

from .collect import Skipped, read_paths
from .compose import BriefSpec, compose_brief
from .config import Config
from .errors import NothingToBrief
from .extract import extract_article
from .model import Article, Brief, Fact, Window

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
    skipped: list[Skipped] = field(default_factory=list)
    out_of_window: int = 0


def brief_window(day: date, config: Config) -> Window:
    """Day D from 00:00 to 24:00 in the brief's timezone; ``window_hours`` reaches further back."""
    zone = config.timezone
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    start = end - timedelta(hours=config.settings.brief.window_hours)
    return Window(start=start, end=end, timezone=config.settings.brief.timezone)


def in_window(article: Article, window: Window) -> bool:
    """Undated articles are kept (and counted); a date without a time counts as the whole day."""
    if article.published is None:
        return True
    published = article.published
    if published.tzinfo is None:
        published = published.replace(tzinfo=window.start.tzinfo)
    if article.published_has_time:
        return window.start <= published < window.end
    day_start = published
    return day_start < window.end and day_start + timedelta(days=1) > window.start


def extract_all(
    articles: Sequence[Article], config: Config, day: date, progress: Progress = no_progress
) -> list[Fact]:
    facts: list[Fact] = []
    for article in progress(articles, "Extracting", len(articles)):
        facts.extend(extract_article(article, config.taxonomy, assume_published=day))
    return facts


def build(request: BuildRequest, config: Config, progress: Progress = no_progress) -> BuildResult:
    """Read the paths, keep the day's articles, extract, compose and render the brief."""
    from .render import render_brief  # the renderer pulls in Jinja2 and, for PDFs, WeasyPrint

    read = read_paths(list(request.paths), default_tz=config.timezone)
    window = brief_window(request.day, config)
    articles = [a for a in read.articles if in_window(a, window)]
    if not articles:
        raise NothingToBrief(
            _nothing_message(read.articles, read.skipped, window),
            tuple(s.message() for s in read.skipped),
        )
    facts = extract_all(articles, config, request.day, progress)
    brief = compose_brief(
        articles,
        facts,
        brief_spec(request.day, window, config),
        extra_stats={"skipped": len(read.skipped), "out_of_window": len(read.articles) - len(articles)},
        generated=datetime.now(timezone.utc).replace(microsecond=0),
    )
    files = render_brief(brief, request.out_dir, request.formats, request.theme or config.theme)
    return BuildResult(brief, files, read.skipped, len(read.articles) - len(articles))


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


def _nothing_message(read: list[Article], skipped: list[Skipped], window: Window) -> str:
    if read:
        return (
            f"nothing to brief: none of the {len(read)} articles read was published between "
            f"{window.start:%Y-%m-%d %H:%M} and {window.end:%Y-%m-%d %H:%M} ({window.timezone})"
        )
    if skipped:
        return f"nothing to brief: every input failed ({len(skipped)} skipped)"
    return "nothing to brief: no article files found"
