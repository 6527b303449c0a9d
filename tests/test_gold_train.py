"""The fact-merge and story gold of the train corpus's same-event clusters
(``briefings/evaluation/data/merge-gold-train.jsonl`` and ``story-gold-train.jsonl``) are well formed.

The gold names sentences only as ``[article file, start, end]`` offsets into the article body as
``briefings.collect`` reads it; these tests read the train corpus at run time and check that every
offset pair is exactly one of the annotators' sentence units (``train/gold/*.json``), so a gold
that drifted from the corpus, or an annotation that cuts a sentence, fails here rather than
silently scoring nothing. The corpus is never copied into the project.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

import pytest

from briefings.collect import read_paths

DATA = resources.files("briefings.evaluation") / "data"
MERGE_GOLD = DATA / "merge-gold-train.jsonl"
STORY_GOLD = DATA / "story-gold-train.jsonl"
TRAIN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "train"
needs_corpus = pytest.mark.skipif(not (TRAIN / "articles").is_dir(),
                                  reason="the shared train corpus (../shared/corpus/train) is not present")

INVISIBLE = "\u200b\u2060\ufeff\u00ad"
"""Characters the guidelines say comparisons ignore (zero-width spaces, soft hyphens)."""


def entries(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def units(article: str) -> dict[tuple[int, int], dict]:
    """(start, end) in the article body -> the gold unit found there, matching the units in
    order and letting whitespace and invisible characters differ (GUIDELINES section 1)."""
    body = read_paths([TRAIN / "articles" / article]).articles[0].text
    gold = json.loads((TRAIN / "gold" / article.replace(".txt", ".json")).read_text(encoding="utf-8"))
    gap = f"[\\s{INVISIBLE}]*"
    found: dict[tuple[int, int], dict] = {}
    position = 0
    for unit in gold["sentences"]:
        characters = [re.escape(c) for c in unit["text"] if not c.isspace() and c not in INVISIBLE]
        match = re.compile(gap.join(characters)).search(body, position)
        assert match, f"{article}: gold unit not found in the body: {unit['text'][:40]!r}"
        found[(match.start(), match.end())] = unit
        position = match.end()
    return found


@cache
def cluster_of(article: str) -> str | None:
    return json.loads((TRAIN / "gold" / article.replace(".txt", ".json")).read_text(encoding="utf-8"))["cluster"]


def test_both_train_golds_have_the_dev_golds_shape_and_hold_no_text():
    """Same keys as the dev gold; every string is a scope, a date or a file name (no article text)."""
    for path, key in ((MERGE_GOLD, "groups"), (STORY_GOLD, "stories")):
        scopes = entries(path)
        assert len(scopes) == 6, path
        for entry in scopes:
            assert set(entry) == {"scope", "date", "articles", key}
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["date"])
            assert len(entry["articles"]) >= 2
            for group in entry[key]:
                for name, start, end in group:
                    assert name in entry["articles"] and isinstance(start, int) and 0 <= start < end


def test_merge_groups_join_at_least_two_articles_and_never_share_a_sentence():
    for entry in entries(MERGE_GOLD):
        spans = [tuple(m) for g in entry["groups"] for m in g]
        assert len(spans) == len(set(spans)), entry["scope"]
        for group in entry["groups"]:
            assert len(group) >= 2 and len({m[0] for m in group}) >= 2, (entry["scope"], group)


def test_stories_name_each_sentence_once():
    for entry in entries(STORY_GOLD):
        spans = [tuple(m) for story in entry["stories"] for m in story]
        assert len(spans) == len(set(spans)), entry["scope"]
        assert all(story for story in entry["stories"])


def test_merge_and_story_gold_cover_the_same_scopes():
    merge = {e["scope"]: (e["date"], e["articles"]) for e in entries(MERGE_GOLD)}
    story = {e["scope"]: (e["date"], e["articles"]) for e in entries(STORY_GOLD)}
    assert merge == story


@needs_corpus
@pytest.mark.parametrize("path,key", [(MERGE_GOLD, "groups"), (STORY_GOLD, "stories")], ids=["merge", "story"])
def test_every_offset_pair_is_a_news_unit_of_an_article_of_the_scopes_cluster(path, key):
    for entry in entries(path):
        for name in entry["articles"]:
            assert (TRAIN / "articles" / name).is_file(), name
            assert cluster_of(name) == entry["scope"], (name, entry["scope"])
        for group in entry[key]:
            for name, start, end in group:
                unit = units(name).get((start, end))
                assert unit is not None, f"{entry['scope']}: {name} [{start}, {end}] is not a gold unit boundary"
                assert unit["label"] != "boilerplate", (name, start, end)


@needs_corpus
def test_the_story_gold_lists_every_news_unit_of_its_articles():
    """As in the dev story gold, the annotator placed every news unit (none left unplaced)."""
    for entry in entries(STORY_GOLD):
        listed = {tuple(m) for story in entry["stories"] for m in story}
        for name in entry["articles"]:
            news = {(name, *span) for span, unit in units(name).items() if unit["label"] != "boilerplate"}
            assert news <= listed, (entry["scope"], name, sorted(news - listed)[:3])


@needs_corpus
def test_the_scope_date_is_the_later_publication_day_of_its_articles():
    """The brief's day is the day the last of the cluster's articles came out (as in the dev gold)."""
    for entry in entries(MERGE_GOLD):
        days = [read_paths([TRAIN / "articles" / n]).articles[0].published.date().isoformat() for n in entry["articles"]]
        assert entry["date"] == max(days), entry["scope"]
