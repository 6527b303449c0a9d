"""The fact cache: same facts back, a new key for anything extraction reads, damage ignored."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from briefings.extract.cache import FactCache, decode, encode, fact_key, settings_fingerprint
from briefings.config import default_config
from briefings.extract import extract_article
from briefings.extract.day import extract_all
from briefings.pipeline import extractor
from briefings.taxonomy import apply_overrides, load_default_taxonomy
from factories import make_article

DAY = date(2025, 7, 22)
TEXT = (
    "Russian drones struck Kyiv overnight, killing 3 people, the mayor said on Tuesday.\n\n"
    "Talks in Istanbul will resume on Wednesday, according to the Turkish foreign ministry.\n\n"
    "Share this article on social media."
)


def test_cached_facts_are_identical(tmp_path: Path) -> None:
    config = default_config(tmp_path)
    articles = [make_article(id=f"a{n}", text=TEXT.replace("3", str(n + 3))) for n in range(4)]
    expected = [f for a in articles for f in extractor(config, DAY)(a)]  # the config's classifier, no cache
    with FactCache(tmp_path / "facts.sqlite") as cache:
        first = extract_all(articles, extractor(config, DAY), cache=cache)
    with FactCache(tmp_path / "facts.sqlite") as cache:
        keys = [fact_key(a, DAY, extractor(config, DAY).fingerprint) for a in articles]
        assert set(cache.get_many(keys)) == set(keys)  # all four come from the cache now
        second = extract_all(articles, extractor(config, DAY), cache=cache)
    assert first == expected
    assert second == expected


def test_key_changes_with_text_taxonomy_and_day() -> None:
    taxonomy = load_default_taxonomy()
    changed = apply_overrides(taxonomy, {"energy": {"cues": ["power grid"]}}, "test.toml")
    base = fact_key(make_article(text=TEXT), DAY, settings_fingerprint(taxonomy))
    assert fact_key(make_article(text=TEXT + " More."), DAY, settings_fingerprint(taxonomy)) != base
    assert fact_key(make_article(text=TEXT), DAY, settings_fingerprint(changed)) != base
    assert fact_key(make_article(text=TEXT), date(2025, 7, 23), settings_fingerprint(taxonomy)) != base
    assert fact_key(replace(make_article(text=TEXT), title="Other"), DAY, settings_fingerprint(taxonomy)) != base
    assert fact_key(make_article(text=TEXT), DAY, settings_fingerprint(taxonomy)) == base


def test_a_taxonomy_change_is_a_miss_and_gives_the_new_sections(tmp_path: Path) -> None:
    config = default_config(tmp_path)
    with FactCache(tmp_path / "facts.sqlite") as cache:
        extract_all([make_article(text=TEXT)], extractor(config, DAY), cache=cache)
        reduced = apply_overrides(config.taxonomy, {"strikes": {"enabled": False}}, "test.toml")
        facts = extract_all([make_article(text=TEXT)], extractor(replace(config, taxonomy=reduced), DAY), cache=cache)
    assert facts == extractor(replace(config, taxonomy=reduced), DAY)(make_article(text=TEXT))
    assert all(f.section != "strikes" for f in facts)


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "facts.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    config = default_config(tmp_path)
    with FactCache(path) as cache:
        facts = extract_all([make_article(text=TEXT)], extractor(config, DAY), cache=cache)
    assert facts == extractor(config, DAY)(make_article(text=TEXT))
    with FactCache(path) as cache:  # rebuilt: usable again
        assert len(cache.get_many([fact_key(make_article(text=TEXT), DAY, extractor(config, DAY).fingerprint)])) == 1


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    config = default_config(tmp_path)
    path = tmp_path / "facts.sqlite"
    with FactCache(path) as cache:
        extract_all([make_article(text=TEXT)], extractor(config, DAY), cache=cache)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE facts SET data = ?", (b"\x80\x05garbage",))
    with FactCache(path) as cache:
        facts = extract_all([make_article(text=TEXT)], extractor(config, DAY), cache=cache)
    assert facts == extractor(config, DAY)(make_article(text=TEXT))


def test_entries_only_unpickle_model_types() -> None:
    import pickle

    assert decode(pickle.dumps(print)) is None  # a callable is refused, not loaded
    assert decode(b"") is None
    facts = extract_article(make_article(text=TEXT), load_default_taxonomy(), assume_published=DAY)
    assert decode(encode(facts)) == facts
