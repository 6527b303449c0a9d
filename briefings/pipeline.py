"""The build, as a table of contents: collect → extract → compose → render.

This module wires the stages for the CLI (and for anyone using ``briefings`` as a library);
each stage lives in its own module and knows nothing of the others.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .collect import read_paths
from .compose import BriefSpec, compose_brief
from .compose.merge import duplicate_articles
from .config import Config
from .errors import ConfigError, NothingToBrief
from .extract import extract_article, reference_date
from .limits import apply_article_limit
from .model import Article, Brief, Fact, Window
from .packed import PackedFacts, Subset
from .window import day_window, published_in

if TYPE_CHECKING:
    from .cache import FactCache
    from .collect.sources import SourceSpec
    from .taxonomy import Taxonomy

PARALLEL_MIN = 200
"""Below this many articles to extract, one process: starting workers costs more than it saves."""
CHUNK = 25
"""Articles per task sent to a worker: big enough to amortise pickling, small enough to balance."""
PACKED_FROM = 2_000
"""From this many articles the day's facts are held packed: a third of the memory, for a few
seconds more (compose unpacks each article a few times). A day of 10,000 articles needed
480 MB unpacked."""
CACHE_ENV = "BRIEFINGS_CACHE"
"""``off`` turns the fact cache off; a folder puts it there (default: beside the brief's folder)."""

log = logging.getLogger(__name__)
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
    from .collect.sources import collect_sources

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


def extract_all(
    articles: Sequence[Article],
    config: Config,
    day: date,
    progress: Progress = no_progress,
    *,
    cache: FactCache | None = None,
    workers: int | None = None,
) -> list[Fact]:
    """Every article's facts, in article order: cached ones from ``cache``, the others
    extracted, on all cores when there are enough of them to pay for the worker processes.

    The result is the same whichever way it is made (serial, parallel, cached): extraction of
    one article depends on that article, the taxonomy and the day only.
    """
    return [f for _, facts in extracted(articles, config, day, progress, cache=cache, workers=workers) for f in facts]


CACHE_BATCH = 200
"""Articles' facts written to the fact cache in one transaction."""


def extracted(
    articles: Sequence[Article],
    config: Config,
    day: date,
    progress: Progress = no_progress,
    *,
    cache: FactCache | None = None,
    workers: int | None = None,
) -> Iterator[tuple[int, list[Fact]]]:
    """(index of the article, its facts) for every article, in order, as they are made: the
    build keeps what it needs of each (news facts) and lets the rest go at once, so a day of
    10,000 articles never holds all its sentences."""
    extractor = Extractor(config.taxonomy, day, config.settings.limits.sentence_chars)
    if cache is None:
        yield from enumerate(_extract_many(articles, extractor, progress, workers))
        return
    from .cache import fact_key

    fingerprint = extractor.fingerprint
    keys = [fact_key(a, reference_date(a, day), fingerprint) for a in articles]
    cached = set(cache.keys_present(keys))
    missing = [i for i, key in enumerate(keys) if key not in cached]
    made = iter(_extract_many(Subset(articles, missing), extractor, progress, workers))  # read when sent
    pending: list[tuple[str, list[Fact]]] = []
    for start in range(0, len(articles), CACHE_BATCH):
        batch = keys[start:start + CACHE_BATCH]
        found = cache.get_many([k for k in batch if k in cached])
        for i, key in enumerate(batch, start):
            facts = found.get(key)
            if facts is None:
                facts = next(made) if key not in cached else extractor(articles[i])  # unreadable entry: made again
                pending.append((key, facts))
            yield i, facts
        if len(pending) >= CACHE_BATCH:
            cache.put_many(pending)
            pending = []
    cache.put_many(pending)


@dataclass(frozen=True)
class Extractor:
    """Everything extraction of one article depends on besides the article: picklable, so
    worker processes get it once."""

    taxonomy: Taxonomy
    day: date
    """The publication day assumed for undated articles."""
    max_sentence_chars: int | None = None
    """``limits.sentence_chars``: longer units are cut (and named in a warning)."""

    @property
    def fingerprint(self) -> str:
        """What the fact cache keys on besides the article (a changed limit re-extracts)."""
        from .cache import settings_fingerprint

        return settings_fingerprint(self.taxonomy, self.max_sentence_chars)

    def __call__(self, article: Article) -> list[Fact]:
        return extract_article(article, self.taxonomy, assume_published=self.day,
                               max_sentence_chars=self.max_sentence_chars)


def _extract_many(
    articles: Sequence[Article], extractor: Extractor, progress: Progress, workers: int | None
) -> Iterator[list[Fact]]:
    """One fact list per article, in order, each as soon as it is made (the caller keeps what
    it needs and lets the rest go); in worker processes when it pays."""
    count = workers if workers is not None else _cores()
    if count < 2 or len(articles) < PARALLEL_MIN:
        return (extractor(a) for a in progress(articles, "Extracting", len(articles)))
    return progress(_extract_parallel(articles, extractor, count), "Extracting", len(articles))


IN_FLIGHT = 3
"""Chunks sent ahead per worker: enough to keep the workers busy, few enough that the texts
waiting to be extracted stay a few hundred articles rather than the whole day."""


def _extract_parallel(articles: Sequence[Article], extractor: Extractor, workers: int) -> Iterator[list[Fact]]:
    """Chunks of articles on a process pool, a few in flight at a time; results come back in
    article order. A chunk is cut from ``articles`` only when it is sent, so an article the
    caller has let go of since is not held by a queue."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    chunks = (range(i, min(i + CHUNK, len(articles))) for i in range(0, len(articles), CHUNK))
    count = -(-len(articles) // CHUNK)
    with ProcessPoolExecutor(max_workers=min(workers, count), mp_context=_mp_context(),
                             initializer=_init_worker, initargs=(extractor,)) as pool:
        pending: deque[Future[list[list[Fact]]]] = deque()
        for span in chunks:
            pending.append(pool.submit(_extract_chunk, [articles[i] for i in span]))
            if len(pending) >= workers * IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _mp_context():  # noqa: ANN202 - multiprocessing's context types are private
    """``fork`` where it is safe (POSIX, no other threads): workers start with the modules and
    compiled patterns already loaded; else the platform's default."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_worker_state: dict[str, object] = {}


def _init_worker(extractor: Extractor) -> None:
    _worker_state["extractor"] = extractor


def _extract_chunk(articles: Sequence[Article]) -> list[list[Fact]]:
    extractor = _worker_state["extractor"]
    return [extractor(a) for a in articles]  # type: ignore[operator]


def open_fact_cache(out_dir: Path) -> FactCache | None:
    """The fact cache of a build: ``$BRIEFINGS_CACHE`` (a folder, or ``off``), else
    ``.cache/`` beside the brief's folder (``reports/.cache`` for ``reports/YYYY-MM-DD``)."""
    from .cache import CACHE_FILE, FactCache

    where = os.environ.get(CACHE_ENV, "")
    if where.lower() in ("off", "0", "no", "false"):
        return None
    folder = Path(where) if where else out_dir.resolve().parent / ".cache"
    return FactCache(folder / CACHE_FILE)


def build(request: BuildRequest, config: Config, progress: Progress = no_progress) -> BuildResult:
    """Gather the day's articles, extract, compose and render the brief."""
    from .render import render_brief  # the renderer pulls in Jinja2 and, for PDFs, WeasyPrint

    window = brief_window(request.day, config)
    gathered = gather(request.paths, window, config)
    if not gathered.articles:
        raise NothingToBrief(_nothing_message(gathered, window), tuple(gathered.failures))
    articles = gathered.articles
    copies = duplicate_articles(articles)  # the one step after extraction that reads whole texts
    facts, sentences = _news_facts(articles, config, request.day, progress, open_fact_cache(request.out_dir))
    out_of_window = gathered.considered - len(articles)
    brief = compose_brief(
        articles,
        facts,
        brief_spec(request.day, window, config),
        extra_stats={"skipped": len(gathered.failures), "out_of_window": out_of_window,
                     "sentences": sentences, "boilerplate": sentences - len(facts)},
        generated=datetime.now(timezone.utc).replace(microsecond=0),
        copies=copies,
    )
    del facts  # the brief holds what it shows: let the sentences go before rendering
    _give_back_freed_memory()
    files = render_brief(brief, request.out_dir, request.formats, request.theme or config.theme)
    return BuildResult(brief, files, gathered.failures, out_of_window)


def _news_facts(
    articles: list[Article], config: Config, day: date, progress: Progress, cache: FactCache | None
) -> tuple[Sequence[Fact], int]:
    """The news facts of every article and the number of sentences read; packed (pickled an
    article at a time, ``briefings.packed``) from ``PACKED_FROM`` articles.

    Compose reads news only: boilerplate (a third of the sentences) is counted and let go as
    each article is done, and so is the article's text (``articles`` is changed in place:
    what the brief needs of an article is its title, outlet, link and time). At 10,000
    articles that is the difference between holding the day's text twice and not at all.
    """
    packed = PackedFacts() if len(articles) >= PACKED_FROM else None
    news: list[Fact] = []
    sentences = 0
    try:
        for i, facts in extracted(articles, config, day, progress, cache=cache):
            sentences += len(facts)
            if packed is not None:
                packed.add([f for f in facts if f.is_news])
            else:
                news.extend(f for f in facts if f.is_news)
            articles[i] = replace(articles[i], text="")
    finally:
        if cache is not None:
            cache.close()
    return (packed if packed is not None else news), sentences


def _give_back_freed_memory() -> None:
    """Hand the heap's free pages back to the system before rendering (glibc keeps them for
    reuse otherwise): WeasyPrint is loaded and lays out the PDF on top of whatever compose
    left, and at 10,000 articles that is 90 MB of pages compose no longer uses."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


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
