"""A whole day's extraction, the stage's front door for a build: ``extract_day``.

Why a stage of its own: a day may hold 10,000 articles. Extracting them one after another
in one process is the cost of a build, and holding every text and every sentence at once is
its memory. So this module decides how the day is extracted (cached facts first, the rest on
worker processes when there are enough of them, a few chunks in flight), what is kept (news
facts, packed on a big day; boilerplate is counted and let go) and when each article's text
is let go (as soon as it is extracted, after the duplicate articles have been found, the one
step that reads whole texts). What comes out is a ``DayFacts``: all that compose reads.
"""

from __future__ import annotations

import gc

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from ..compose.merge import duplicate_articles
from ..model import Article, DayFacts, Fact
from ..packed import PackedFacts, Subset
from ..processes import cores, worker_context
from . import extract_article, reference_date
from .cache import fact_key, settings_fingerprint

if TYPE_CHECKING:
    from .cache import FactCache
    from .classifiers import SectionClassifier

__all__ = ["DayFacts", "Extractor", "Progress", "day_facts_of", "extract_all", "extract_day", "no_progress"]

PARALLEL_MIN = 200
"""Below this many articles to extract, one process: starting workers costs more than it saves."""
CHUNK = 25
"""Articles per task sent to a worker: big enough to amortise pickling, small enough to balance."""
IN_FLIGHT = 3
"""Chunks sent ahead per worker: enough to keep the workers busy, few enough that the texts
waiting to be extracted stay a few hundred articles rather than the whole day."""
PACKED_FROM = 2_000
"""From this many articles the day's facts are held packed: a third of the memory, for a few
seconds more (compose unpacks each article a few times). A day of 10,000 articles needed
480 MB unpacked."""
CACHE_BATCH = 200
"""Articles' facts written to the fact cache in one transaction."""

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[Iterable[T], str, int], Iterator[T]]
"""Wraps an iterable to show progress: (items, description, total) → the same items."""


def no_progress(items: Iterable[T], description: str, total: int) -> Iterator[T]:
    return iter(items)


@dataclass(frozen=True)
class Extractor:
    """Everything extraction of one article depends on besides the article: picklable, so
    worker processes get it once."""

    classifier: SectionClassifier
    """Decides the sections (chosen by the config's ``[extract] classifier``)."""
    day: date
    """The publication day assumed for undated articles."""
    max_sentence_chars: int | None = None
    """``limits.sentence_chars``: longer units are cut (and named in a warning)."""

    @property
    def fingerprint(self) -> str:
        """What the fact cache keys on besides the article (a changed limit re-extracts)."""
        return settings_fingerprint(self.classifier.fingerprint, self.max_sentence_chars)

    def __call__(self, article: Article) -> list[Fact]:
        return extract_article(article, self.classifier, assume_published=self.day,
                               max_sentence_chars=self.max_sentence_chars)


def extract_day(
    articles: Iterable[Article],
    extractor: Extractor,
    *,
    cache: FactCache | None = None,
    progress: Progress = no_progress,
    workers: int | None = None,
) -> DayFacts:
    """The day's news facts, duplicate articles and counts, for compose.

    ``articles`` is read once into a list of this function's own; nothing the caller holds
    is changed. Each article's text is let go from that list once it is extracted, so hand
    the articles over (an iterator that leaves the caller no list of them, as the build
    does) and no text outlives its extraction. ``cache`` is closed when done.
    """
    day = list(articles)
    copies = duplicate_articles(day)  # the one step that reads whole texts: before they go
    packed = PackedFacts() if len(day) >= PACKED_FROM else None
    news: list[Fact] = []
    sentences = 0
    try:
        for i, facts in extracted(day, extractor, progress, cache=cache, workers=workers):
            sentences += len(facts)
            (packed.add if packed is not None else news.extend)([f for f in facts if f.is_news])
            day[i] = replace(day[i], text="")
    finally:
        if cache is not None:
            cache.close()
    return DayFacts(tuple(day), packed if packed is not None else news, sentences, copies)


def day_facts_of(articles: Sequence[Article], facts: Sequence[Fact]) -> DayFacts:
    """A ``DayFacts`` from facts extracted already (an evaluation, a test): the duplicate
    articles found in the texts, boilerplate counted and left out."""
    news = [f for f in facts if f.is_news]
    return DayFacts(tuple(articles), news, len(facts), duplicate_articles(articles))


def extract_all(
    articles: Sequence[Article],
    extractor: Extractor,
    progress: Progress = no_progress,
    *,
    cache: FactCache | None = None,
    workers: int | None = None,
) -> list[Fact]:
    """Every article's facts, boilerplate included, in article order: cached ones from
    ``cache``, the others extracted, on all cores when there are enough of them.

    The result is the same whichever way it is made (serial, parallel, cached): extraction of
    one article depends on that article and the extractor only.
    """
    made = extracted(articles, extractor, progress, cache=cache, workers=workers)
    return [f for _, facts in made for f in facts]


def extracted(
    articles: Sequence[Article],
    extractor: Extractor,
    progress: Progress = no_progress,
    *,
    cache: FactCache | None = None,
    workers: int | None = None,
) -> Iterator[tuple[int, list[Fact]]]:
    """(index of the article, its facts) for every article, in order, as they are made: the
    caller keeps what it needs of each and lets the rest go at once, so a day of 10,000
    articles never holds all its sentences."""
    if cache is None:
        yield from enumerate(_extract_many(articles, extractor, progress, workers))
        return
    fingerprint = extractor.fingerprint
    keys = [fact_key(a, reference_date(a, extractor.day), fingerprint) for a in articles]
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


def _extract_many(
    articles: Sequence[Article], extractor: Extractor, progress: Progress, workers: int | None
) -> Iterator[list[Fact]]:
    """One fact list per article, in order, each as soon as it is made (the caller keeps what
    it needs and lets the rest go); in worker processes when it pays."""
    count = workers if workers is not None else cores()
    if count < 2 or len(articles) < PARALLEL_MIN:
        return (extractor(a) for a in progress(articles, "Extracting", len(articles)))
    return progress(_extract_parallel(articles, extractor, count), "Extracting", len(articles))


def _extract_parallel(articles: Sequence[Article], extractor: Extractor, workers: int) -> Iterator[list[Fact]]:
    """Chunks of articles on a process pool, a few in flight at a time; results come back in
    article order. A chunk is cut from ``articles`` only when it is sent, so an article the
    caller has let go of since is not held by a queue."""
    chunks = (range(i, min(i + CHUNK, len(articles))) for i in range(0, len(articles), CHUNK))
    count = -(-len(articles) // CHUNK)
    gc.freeze()  # see below
    try:
        with ProcessPoolExecutor(max_workers=min(workers, count), mp_context=worker_context(),
                                 initializer=_init_worker, initargs=(extractor,)) as pool:
            pending: deque[Future[list[list[Fact]]]] = deque()
            for span in chunks:
                pending.append(pool.submit(_extract_chunk, [articles[i] for i in span]))
                if len(pending) >= workers * IN_FLIGHT:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        # Frozen, the objects the workers inherit at fork are never walked by their garbage
        # collector, which would write to every page holding one and so copy it: at 10,000
        # articles each worker had made its own copy of most of the build's memory.
        gc.unfreeze()


_worker_extractor: list[Extractor] = []
"""The extractor of this worker process, received once when the worker starts."""


def _init_worker(extractor: Extractor) -> None:
    from ..processes import die_with_parent

    die_with_parent()  # a build killed with SIGKILL must not leave its workers behind
    _worker_extractor[:] = [extractor]


def _extract_chunk(articles: Sequence[Article]) -> list[list[Fact]]:
    extractor = _worker_extractor[0]
    return [extractor(a) for a in articles]
