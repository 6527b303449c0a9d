"""The merge measured on the fact-level gold set (eval/merge-gold.jsonl) when the corpus is here.

Measured with ``.venv/bin/python -m briefings.merge_eval --corpus ../shared/corpus/articles --folds 2``
(61 gold pairs after the rule-5 fix of 023's summary bullet):

* default settings, whole gold: precision 0.946, recall 0.869, F1 0.906 (53 of 56 predicted).
  The defaults were chosen on this same gold, so this figure is optimistic.
* 2-fold (scopes dealt round robin; settings tuned on one half, scored on the other):
  fold 0 held out P 0.917 R 0.917 F1 0.917; fold 1 held out P 0.861 R 0.838 F1 0.849;
  pooled held out precision 0.883, recall 0.869, F1 0.876 (53 of 60 predicted).
  The gap (0.906 vs 0.876) is what tuning on the test clusters is worth. The news-sense table
  (compose/text.py) was written reading this corpus and is not refitted per fold.
"""

from pathlib import Path

import pytest

from briefings.compose.merge import MergeSettings
from briefings.merge_eval import DEFAULT_GOLD, cross_validate, gold_pairs, load_gold, load_scopes, pooled, score

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
F1_FLOOR = 0.90
"""The issue's bar; measured 0.906 with the default settings at the time of writing."""
HELD_OUT_FLOOR = 0.85
"""Just below the 2-fold held-out F1 (0.876) with the full grid; this test uses a smaller grid."""


def test_gold_names_sentences_by_offsets_only():
    for entry in load_gold(DEFAULT_GOLD):
        assert set(entry) == {"scope", "date", "articles", "groups"}
        for group in entry["groups"]:
            assert len(group) >= 2
            for name, start, end in group:
                assert name in entry["articles"] and 0 <= start < end


def test_gold_pairs_skip_pairs_within_one_article():
    groups = [[["a.txt", 0, 5], ["a.txt", 10, 20], ["b.txt", 3, 9]]]
    assert gold_pairs(groups) == {(("a.txt", 0, 5), ("b.txt", 3, 9)), (("a.txt", 10, 20), ("b.txt", 3, 9))}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not present")
def test_pairwise_merge_f1_on_the_gold_set():
    report = score(DEFAULT_GOLD, CORPUS)
    assert report.f1 >= F1_FLOOR, (report.precision, report.recall, report.f1)
    assert report.precision >= 0.88


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not present")
def test_two_fold_held_out_f1():
    """Settings tuned on half of the clusters still merge the other half (a small grid, for time)."""
    grid = [MergeSettings(similarity=sim, join_group=join) for sim in (0.4, 0.45, 0.5) for join in (0.6, 0.8)]
    results = cross_validate(load_scopes(DEFAULT_GOLD, CORPUS), folds=2, grid=grid)
    report = pooled(results)
    assert len(results) == 2
    assert report.f1 >= HELD_OUT_FLOOR, (report.precision, report.recall, report.f1)
