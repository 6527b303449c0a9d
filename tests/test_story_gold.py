"""The story gold: well formed, and the scorer runs on it (the corpus is read at run time)."""

import json
from pathlib import Path

import pytest

from briefings.evaluation.merging import load_scope
from briefings.evaluation.stories import DEFAULT_GOLD, pooled, score_scope
from briefings.taxonomy import load_default_taxonomy

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


def entries() -> list[dict]:
    return [json.loads(line) for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_story_gold_names_each_sentence_once_and_only_its_scopes_articles():
    for entry in entries():
        spans = [tuple(m) for story in entry["stories"] for m in story]
        assert len(spans) == len(set(spans)), entry["scope"]
        assert {s[0] for s in spans} <= set(entry["articles"])
        assert all(0 <= s[1] < s[2] for s in spans)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the project")
def test_the_story_scorer_scores_every_gold_sentence_and_stays_in_range():
    taxonomy = load_default_taxonomy()
    for entry in entries():
        score = score_scope(load_scope(entry, CORPUS, taxonomy))
        assert len(score.precision) == sum(len(s) for s in entry["stories"])
        precision, recall, f1, _ = pooled([score])
        assert 0 < precision <= 1 and 0 < recall <= 1 and 0 < f1 <= 1
