"""The library's front door: ``from briefings import build_brief``.

The command line is one caller of the stages; a script, a notebook or a web service is
another. They want a ``Brief`` value from articles they already hold (or files), without
output files they did not ask for and without the CLI's printing and exit codes. So this
function reads, extracts, composes and (only when asked) renders, raising the ``BriefingsError``
tree (``NothingToBrief``, ``ConfigError``, ``RenderError``, ...) where the CLI prints a line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterable
from datetime import date, datetime, timezone
from pathlib import Path

from .config import Config, default_config, load_config
from .errors import ConfigError, NothingToBrief
from .locking import run_lock
from .model import Article, Brief

log = logging.getLogger(__name__)

ArticleOrPath = Article | str | os.PathLike[str]


def build_brief(
    articles: Iterable[ArticleOrPath],
    day: date | str,
    *,
    config: Config | str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    formats: Collection[str] | None = None,
    theme: str | os.PathLike[str] | None = None,
    lock: bool = True,
) -> Brief:
    """The brief of ``day`` from ``articles``: ``Article`` values, article files or folders,
    in any mix. Articles published outside the day (in the config's timezone) are left out,
    undated ones kept, as in ``briefings build``.

    ``config``: a ``Config``, a path to a briefings.toml, or None for the built-in defaults
    (a library call never guesses a file from the current folder). Nothing is written unless
    ``out_dir`` is given; then the brief is rendered there in ``formats`` (default: every
    format) with ``theme`` (default: the config's), holding the same one-run-at-a-time lock
    as the CLI unless ``lock=False`` (``briefings.run_lock`` for callers who hold it themselves).
    Unreadable files are logged (logger ``briefings.api``) and counted in ``brief.stats.skipped``.
    Raises ``NothingToBrief`` when no article is in the day, ``Busy`` when another run holds the lock.
    """
    from .compose.steps import finish_brief
    from .compose import compose_brief
    from .extract.cache import open_fact_cache
    from .extract.day import extract_day
    from .pipeline import brief_spec, brief_window, extractor, in_window

    settings = _config(config)
    the_day = date.fromisoformat(day) if isinstance(day, str) else day
    window = brief_window(the_day, settings)
    given, failures = _read(articles, settings)
    in_day = [a for a in given if in_window(a, window)]
    if not in_day:
        raise NothingToBrief(f"nothing to brief: none of the {len(given)} articles given was published "
                             f"on {the_day.isoformat()} ({window.timezone})", tuple(failures))
    target = Path(out_dir) if out_dir is not None else None
    cache = open_fact_cache(target) if target is not None else None
    facts = extract_day(iter(in_day), extractor(settings, the_day), cache=cache)
    spec = brief_spec(the_day, window, settings)
    brief = compose_brief(facts, spec, generated=datetime.now(timezone.utc).replace(microsecond=0),
                          skipped=len(failures), out_of_window=len(given) - len(in_day))
    brief = finish_brief(brief, facts, spec)
    if target is not None:
        _render(brief, target, formats, theme or settings.theme, lock)
    return brief


def _config(config: Config | str | os.PathLike[str] | None) -> Config:
    if config is None:
        return default_config()
    if isinstance(config, Config):
        return config
    from .pipeline import registered_choices

    return load_config(Path(config), registered_choices())


def _read(articles: Iterable[ArticleOrPath], config: Config) -> tuple[list[Article], list[str]]:
    """The articles given, and the files among them read (briefings' own files left out)."""
    from .collect import read_paths
    from .workspace import article_inputs

    given: list[Article] = []
    paths: list[Path] = []
    for item in articles:
        if isinstance(item, Article):
            given.append(item)
        elif isinstance(item, (str, os.PathLike)):
            paths.append(Path(item))
        else:
            raise ConfigError(f"build_brief: expected an Article or a path, got {type(item).__name__}")
    failures: list[str] = []
    if paths:
        limits = config.settings.limits
        read = read_paths(article_inputs(paths).paths, default_tz=config.timezone,
                          max_bytes=limits.file_bytes, json_depth=limits.json_depth)
        given.extend(read.articles)
        failures = [skipped.message() for skipped in read.skipped]
        for failure in failures:
            log.warning("skipped %s", failure)
    return given, failures


def _render(brief: Brief, out_dir: Path, formats: Collection[str] | None,
            theme: str | os.PathLike[str] | None, lock: bool) -> None:
    from contextlib import nullcontext

    from .render import render_brief

    with run_lock(out_dir) if lock else nullcontext():
        render_brief(brief, out_dir, formats, theme)
