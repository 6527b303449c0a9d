"""The build, as a table of contents: collect → extract → compose → render.

This module wires the stages for the CLI (and for anyone using ``briefings`` as a library);
each stage lives in its own module and knows nothing of the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from .collect import read_paths
from .compose import BriefSpec, compose_brief
from .compose.changes import statuses
from .compose.steps import finish_brief
from .config import Choices, Config
from .errors import ConfigError, NothingToBrief
from .extract.cache import open_fact_cache
from .extract.classifiers import DEFAULT_CLASSIFIER, make_classifier
from .extract.day import Extractor, Progress, extract_day, no_progress
from .limits import apply_article_limit
from .model import Article, Brief, Window
from .processes import give_back_freed_memory
from .window import day_window, published_in

log = logging.getLogger(__name__)

Phases = Callable[[str], AbstractContextManager[dict[str, int]]]
"""Reports one phase of the build: ``with phase("render") as counts: ...; counts["file"] = 4``
(the first key is what the phase counts, a noun; the rest are phrases)."""


@contextmanager
def no_phases(name: str) -> Iterator[dict[str, int]]:
    """Report nothing (a library caller that did not ask)."""
    yield {}



@dataclass(frozen=True)
class BuildRequest:
    paths: Sequence[Path]
    day: date
    out_dir: Path
    formats: Collection[str]
    theme: str | Path | None = None
    since: Path | None = None
    """The brief.json to mark changes against; None: the day before's, when the output is
    a folder named by its date beside the previous day's (``reports/2025-07-21/``)."""


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

    def hand_over(self) -> Iterator[Article]:
        """The articles, given up as they are taken: extraction lets each text go once it
        is extracted, and no list here may keep it (10,000 texts are a day's memory)."""
        articles, self.articles = self.articles, []
        articles.reverse()
        while articles:
            yield articles.pop()


def gather(paths: Sequence[Path], window: Window, config: Config) -> Gathered:
    """Files named on the command line, or else the archive that ``collect`` fills (folder
    sources of the config are collected first, like any other source)."""
    limits = config.settings.limits
    if paths:
        read = read_paths(list(paths), default_tz=config.timezone, max_bytes=limits.file_bytes,
                          json_depth=limits.json_depth)
        articles = [a for a in read.articles if in_window(a, window)]
        return _within_limit(articles, [s.message() for s in read.skipped], len(read.articles), limits.articles)
    if not config.settings.sources:
        raise ConfigError(
            "no article paths given and no [[sources]] configured: name files or folders, "
            "or give --config with sources (and run briefings collect)"
        )
    from .archive import Archive
    from .collect.sources import collect_sources, source_specs

    with Archive(config.archive_path) as archive:
        folders = source_specs(config, kinds=("folder",))
        results = collect_sources(
            folders, archive, default_tz=config.timezone, source_seconds=limits.source_seconds,
            file_bytes=limits.file_bytes, json_depth=limits.json_depth,
        ) if folders else []
        articles = archive.articles_in_window(window.start, window.end)
    failures = [r.message() for r in results if r.error]
    return _within_limit(articles, failures, len(articles), limits.articles)


def _within_limit(articles: list[Article], failures: list[str], considered: int, limit: int) -> Gathered:
    """At most ``limits.articles`` per run (the newest); the rest are named in one warning."""
    kept, dropped = apply_article_limit(articles, limit)
    if dropped:
        log.warning("limits.articles: %d articles over the limit of %d were not briefed", dropped, limit)
    return Gathered(kept, failures, considered - dropped)


def brief_window(day: date, config: Config) -> Window:
    """Day D from 00:00 to 24:00 in the brief's timezone; ``window_hours`` reaches further back."""
    table = config.settings.brief
    return day_window(day, table.timezone, table.window_hours)


def in_window(article: Article, window: Window) -> bool:
    return published_in(article, window.start, window.end)


def build(request: BuildRequest, config: Config, progress: Progress = no_progress,
          phase: Phases = no_phases) -> BuildResult:
    """Gather the day's articles, extract, compose and render the brief; ``phase`` reports
    each step with its counts (the CLI shows them, with the time each took)."""
    from .render import render_brief  # the renderer pulls in Jinja2 and, for PDFs, WeasyPrint

    window = brief_window(request.day, config)
    with phase("read") as counts:
        gathered = gather(request.paths, window, config)
        out_of_window = gathered.considered - len(gathered.articles)
        counts.update(article=gathered.considered, in_the_day=len(gathered.articles),
                      outside_the_day=out_of_window, failed=len(gathered.failures))
    if not gathered.articles:
        raise NothingToBrief(_nothing_message(gathered, window), tuple(gathered.failures))
    with phase("extract") as counts:
        day = extract_day(gathered.hand_over(), extractor(config, request.day),
                          cache=open_fact_cache(request.out_dir), progress=progress)
        counts.update(sentence=day.sentences, facts=len(day.facts), boilerplate=day.boilerplate,
                      duplicate_articles=day.duplicate_articles)
    spec = brief_spec(request.day, window, config, request.since or previous_brief_path(request.out_dir, request.day))
    with phase("merge") as counts:
        brief = compose_brief(day, spec, generated=datetime.now(timezone.utc).replace(microsecond=0),
                              skipped=len(gathered.failures), out_of_window=out_of_window)
        brief = finish_brief(brief, day, spec)
        changes = statuses(brief.stories)
        counts.update(fact=brief.stats.facts, merged=brief.stats.merged, stories=len(brief.stories),
                      new_since_yesterday=changes["new"], updated=changes["updated"],
                      key_points=len(brief.key_points), sections=len(brief.sections))
    del day  # the brief holds what it shows: let the sentences go before rendering
    give_back_freed_memory()
    with phase("render") as counts:
        files = render_brief(brief, request.out_dir, request.formats, request.theme or config.theme)
        counts.update(file=len(files))
    return BuildResult(brief, files, gathered.failures, out_of_window)


def extractor(config: Config, day: date) -> Extractor:
    """How the build extracts one article: the config's classifier and limits."""
    classifier = make_classifier(config.settings.extract.classifier or DEFAULT_CLASSIFIER, config.taxonomy)
    return Extractor(classifier, day, config.settings.limits.sentence_chars)


def previous_brief_path(out_dir: Path, day: date) -> Path | None:
    """The brief.json of the day before, where builds into dated folders leave it
    (``reports/2025-07-21/brief.json`` beside ``reports/2025-07-22/``); None when the output
    folder is not named by its date."""
    if out_dir.name != day.isoformat():
        return None
    return out_dir.parent / (day - timedelta(days=1)).isoformat() / "brief.json"


def brief_spec(day: date, window: Window, config: Config, previous: Path | None = None) -> BriefSpec:
    table = config.settings.brief
    return BriefSpec(
        date=day,
        title=table.title,
        window=window,
        brand=config.brand,
        taxonomy=config.taxonomy,
        key_points=table.key_points,
        max_facts_per_section=table.max_facts_per_section,
        max_stories_per_section=table.max_stories_per_section,
        semantic_merge=table.semantic_merge,
        previous=previous,
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


def registered_choices() -> Choices:
    """The source kinds and section classifiers registered now: what a config may name."""
    from .collect.kinds import SOURCE_KINDS
    from .extract.classifiers import CLASSIFIERS

    return Choices({name: kind.problem for name, kind in SOURCE_KINDS.items()}, tuple(CLASSIFIERS))
