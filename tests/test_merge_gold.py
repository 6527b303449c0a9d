"""The merge measured on the fact-level gold set (eval/merge-gold.jsonl) when the corpus is here."""

from pathlib import Path

import pytest

from briefings.merge_eval import DEFAULT_GOLD, gold_pairs, load_gold, score

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
F1_FLOOR = 0.80
"""Just below the measured pairwise F1 (0.814 at the time of writing)."""


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
