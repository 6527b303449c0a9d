"""Extraction on worker processes gives the same facts, in the same order, as one process."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import briefings.extract.day as day_stage
from briefings.extract.cache import CACHE_ENV, open_fact_cache
from briefings.collect import read_paths
from briefings.config import default_config
from briefings.model import Article
from briefings.pipeline import extractor
from factories import make_article

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2025, 7, 22)


def articles() -> list[Article]:
    """The samples, repeated with different ids, days and undated copies (enough for chunks)."""
    base = read_paths([ROOT / "samples"]).articles
    out = []
    for n in range(6):
        for a in base:
            published = None if n == 5 else (a.published or datetime(2025, 7, 22, tzinfo=timezone.utc)) + timedelta(days=n)
            out.append(make_article(id=f"{a.id}-{n}", title=a.title, outlet=a.outlet, url=a.url,
                                    published=published, text=a.text, language=a.language, source=a.source))
    return out


def test_parallel_equals_serial(monkeypatch) -> None:
    config = default_config(ROOT)
    items = articles()
    monkeypatch.setattr(day_stage, "PARALLEL_MIN", 10)
    monkeypatch.setattr(day_stage, "CHUNK", 7)
    serial = day_stage.extract_all(items, extractor(config, DAY), workers=1)
    parallel = day_stage.extract_all(items, extractor(config, DAY), workers=2)
    assert len(serial) > 100
    assert parallel == serial
    assert [f.id for f in parallel] == [f.id for f in serial]


def test_progress_sees_every_article_in_parallel(monkeypatch) -> None:
    config = default_config(ROOT)
    items = articles()
    monkeypatch.setattr(day_stage, "PARALLEL_MIN", 10)
    seen: list[object] = []

    def progress(iterable, description, total):
        assert total == len(items)
        for item in iterable:
            seen.append(item)
            yield item

    day_stage.extract_all(items, extractor(config, DAY), progress, workers=2)
    assert len(seen) == len(items)


def test_cache_off_by_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert open_fact_cache(tmp_path / "out") is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    cache = open_fact_cache(tmp_path / "out")
    assert cache is not None and cache.path == tmp_path / "c" / "facts.sqlite"
    cache.close()
