"""The merge measured on the fact-level gold set (briefings/evaluation/data/merge-gold.jsonl) when the corpus is here.

Measured with ``.venv/bin/python -m briefings.evaluation.merging --corpus ../shared/corpus/articles --folds 2``
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
from briefings.evaluation.merging import DEFAULT_GOLD, cross_validate, gold_pairs, load_gold, load_scopes, pooled, score

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
F1_FLOOR = 0.89
"""Measured 0.898 with the default settings (0.906 before ``figure_anchor``, which took the
train gold's unseen half from 0.098 to 0.186 and cost one dev pair: the Kremlin's "talks were
constructive" joined AP's headline-in-body, which the gold keeps apart). The issue's 0.90 is
for held-out figures, which ``docs/merge-gold-train.md`` and the issue notes give."""
HELD_OUT_FLOOR = 0.85
"""Just below the 2-fold held-out F1 (0.876) with the full grid; this test uses a smaller grid."""


def test_gold_names_sentences_by_offsets_only():
    for entry in load_gold(DEFAULT_GOLD):
        assert set(entry) == {"scope", "date", "articles", "groups"}
        for group in entry["groups"]:
            assert len(group) >= 2
            for name, start, end in group:
                assert name in entry["articles"] and 0 <= start < end


def test_gold_ships_as_package_data():
    """The gold is found through importlib.resources (as from an installed wheel), not beside
    the source tree."""
    from importlib import resources

    shipped = resources.files("briefings.evaluation").joinpath("data").joinpath("merge-gold.jsonl")
    assert shipped.is_file()
    assert DEFAULT_GOLD == shipped
    assert load_gold(shipped), "the shipped gold has scopes"


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



@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not present")
def test_a_clusters_brief_shows_each_shared_fact_once_citing_every_outlet(tmp_path):
    """Issue 4's done-when on the Lukoil cluster (two outlets): every gold group is one line of
    the brief citing both outlets, lines told by one outlet are marked single source, and the
    calendar parses."""
    from datetime import date

    from icalendar import Calendar

    from briefings.compose import compose_brief, normal
    from briefings.compose.merge import duplicate_articles, group_facts
    from briefings.config import default_config
    from briefings.extract.day import day_facts_of
    from briefings.model import stable_id
    from briefings.pipeline import brief_spec, brief_window
    from briefings.render import render_brief

    scope = next(s for s in load_scopes(DEFAULT_GOLD, CORPUS) if s.entry["scope"].startswith("lukoil"))
    day = date.fromisoformat(scope.entry["date"])
    config = default_config()
    brief = compose_brief(day_facts_of(scope.articles, scope.facts), brief_spec(day, brief_window(day, config), config))
    lines = {f.id: f for s in brief.sections for f in s.facts + s.more_facts}
    # Which sentences each line merged: a line's id is stable_id over its sentences' ids.
    titles = {a.id: normal(a.title) for a in scope.articles}
    news = [f for f in scope.facts if f.is_news and normal(f.text) != titles[f.article_id]]
    merged = {stable_id(*sorted(news[i].id for i in g)): {news[i].id for i in g}
              for g in group_facts(news, duplicate_articles(scope.articles))}
    assert set(lines) == set(merged)
    label = {a.id: a.label for a in scope.articles}
    outlet_of = {a.label: a.outlet for a in scope.articles}

    def fact_at(name, start, end):
        """The extracted sentence that covers most of a gold span."""
        return max((f for f in scope.facts if label[f.article_id] == name),
                   key=lambda f: min(f.end, end) - max(f.start, start))

    for group in scope.entry["groups"]:
        sentences = {fact_at(*span).id for span in group}
        shown = [lines[line_id] for line_id, members in merged.items() if members & sentences]
        outlets = {outlet_of[name] for name, _, _ in group}
        assert len(shown) == 1, [fact_at(*span).text[:60] for span in group]
        assert {c.outlet for c in shown[0].citations} == outlets
        assert shown[0].corroboration == len(outlets) and shown[0].claim_status == "corroborated"
    assert all(line.claim_status == "single_source" for line in lines.values() if line.corroboration == 1)
    render_brief(brief, tmp_path, {"ics"})
    if brief.looking_ahead:
        calendar = Calendar.from_ical((tmp_path / "looking-ahead.ics").read_bytes())
        assert len(calendar.walk("VEVENT")) == len(brief.looking_ahead)
