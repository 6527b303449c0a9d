"""Scoring against gold (``briefings eval``) and k-fold cross-validation of the classifier's settings.

The synthetic articles below are invented for these tests (no corpus text is copied here).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app
from briefings.errors import ConfigError
from briefings.evaluation.extraction import (
    DEFAULT_GRID,
    GoldPair,
    assign_folds,
    cross_validate,
    evaluate,
    format_cross_validation,
    load_gold_pairs,
    score_article,
)
from briefings.extract import extract_article
from briefings.extract.sections import DEFAULT_SETTINGS, ClassifierSettings, classifier_for
from briefings.model import BOILERPLATE, Article, DateMention, Fact
from briefings.taxonomy import load_default_taxonomy
from factories import make_fact

# --------------------------------------------------------------------------- synthetic gold set

ARTICLES = {
    "a01-talks": (
        "2024-03-06",
        "harbour-talks",
        [
            ("Envoys Open Peace Talks In Harbour City", "diplomacy", None),
            ("Foreign ministers of both countries met on Monday for peace talks and agreed to a ceasefire proposal.", "diplomacy", None),
            ("The delegations will hold a second round of negotiations next week, the foreign ministry said.", "diplomacy", None),
            ("Overnight, a missile strike hit a power station and killed two workers, and shelling damaged homes.", "strikes", None),
            ("Share this article", BOILERPLATE, None),
        ],
    ),
    "a02-talks-followup": (
        "2024-03-07",
        "harbour-talks",
        [
            ("Second Day Of Harbour Talks Ends Without Deal", "diplomacy", None),
            ("The envoys said the negotiations on a peace plan would resume, and the summit was postponed.", "diplomacy", None),
            ("Drones attacked an airfield on Tuesday and air defences shot down eleven drones.", "strikes", None),
            ("Sign up for our newsletter", BOILERPLATE, None),
        ],
    ),
    "a03-aid": (
        "2024-03-08",
        None,
        [
            ("Allies Pledge New Military Aid Package", "aid", None),
            ("The government approved a military aid package of artillery ammunition and air defence systems on Wednesday.", "aid", None),
            ("The loan and humanitarian aid will pay for generators, the finance minister said, as sanctions were extended.", "aid", ["diplomacy"]),
            ("Grain prices rose on world markets and the economy shrank, analysts said.", "other", None),
        ],
    ),
    "a04-front": (
        "2024-03-09",
        "river-offensive",
        [
            ("Troops Launch Offensive Along The River", "strikes", None),
            ("Artillery shelled the town on Friday, killing three civilians, and troops advanced two kilometres.", "strikes", None),
            ("A missile strike destroyed a bridge, the army said, and drone attacks continued overnight.", "strikes", None),
            ("Photo: Invented Agency", BOILERPLATE, None),
        ],
    ),
}

DATES = {
    "a01-talks": [{"expression": "on Monday", "resolved": "2024-03-04"},
                  {"expression": "next week", "resolved": "2024-03-11/2024-03-17"}],
    "a02-talks-followup": [{"expression": "on Tuesday", "resolved": "2024-03-05"}],
    "a03-aid": [{"expression": "on Wednesday", "resolved": "2024-03-06"}],
    "a04-front": [{"expression": "on Friday", "resolved": "2024-03-08"}],
}


def write_synthetic(root: Path) -> tuple[Path, Path]:
    """Four invented articles (header, ``---``, paragraphs) and their gold files."""
    articles, gold = root / "articles", root / "gold"
    articles.mkdir()
    gold.mkdir()
    for name, (published, cluster, units) in ARTICLES.items():
        title = units[0][0]
        body = "\n\n".join(text for text, _, _ in units)
        (articles / f"{name}.txt").write_text(
            f"title: {title}\noutlet: Invented Wire\npublished: {published}\n---\n{body}\n", encoding="utf-8"
        )
        sentences = []
        for text, label, also in units:
            unit = {"text": text, "label": label}
            if also:
                unit["also"] = also
            sentences.append(unit)
        record = {"article": f"{name}.txt", "published": published, "sentences": sentences,
                  "dates": DATES[name], "cluster": cluster}
        (gold / f"{name}.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    return articles, gold


@pytest.fixture()
def synthetic(tmp_path: Path) -> list[GoldPair]:
    return load_gold_pairs(*write_synthetic(tmp_path))


def gold_sentence_count() -> int:
    return sum(len(units) for _, _, units in ARTICLES.values())


# --------------------------------------------------------------------------- (a) evaluate() counts


def _facts(article: Article, plan: list[tuple[str, str, tuple[str, ...], tuple[DateMention, ...]]]) -> list[Fact]:
    """Predicted facts located in the article text: (text, section, also, dates)."""
    facts = []
    for index, (text, section, also, dates) in enumerate(plan):
        start = article.text.index(text)
        facts.append(make_fact(id=str(index), article_id=article.id, index=index, text=text, section=section,
                               also=also, dates=dates, start=start, end=start + len(text)))
    return facts


def test_evaluate_counts_right_wrong_also_unlocated_and_dates(tmp_path: Path) -> None:
    articles_dir, gold_dir = write_synthetic(tmp_path)
    # The aid article, with one gold sentence the article does not contain (it is not located).
    gold_path = gold_dir / "a03-aid.json"
    record = json.loads(gold_path.read_text(encoding="utf-8"))
    record["sentences"].append({"text": "A sentence that the article never had.", "label": "diplomacy"})
    gold_path.write_text(json.dumps(record), encoding="utf-8")
    pairs = [p for p in load_gold_pairs(articles_dir, gold_dir) if p.article_path.stem == "a03-aid"]
    units = ARTICLES["a03-aid"][2]

    def extractor(article: Article) -> list[Fact]:
        return _facts(article, [
            (units[0][0], "aid", (), ()),                               # right
            (units[1][0], "aid", (), (                                  # right, and its date:
                DateMention("Wednesday", date(2024, 3, 6), date(2024, 3, 6)),   # text inside the gold expression, same day
            )),
            (units[2][0], "diplomacy", (), ()),                         # gold aid + also diplomacy: accepted
            (units[3][0], "strikes", (), ()),                           # wrong: other → strikes
        ])

    report = evaluate(pairs, load_default_taxonomy(), extractor)
    assert report.articles == 1
    assert report.confusion[("aid", "aid")] == 3  # two plain hits and the accepted ``also``
    assert report.confusion[("other", "strikes")] == 1
    assert report.confusion[("diplomacy", BOILERPLATE)] == 1  # the unlocatable gold sentence
    assert report.unlocated == 1
    assert sum(report.confusion.values()) == len(units) + 1
    assert (report.dates_found, report.dates_total) == (1, 1)
    assert report.score("aid").recall == 1.0
    assert report.score("other").recall == 0.0


def test_dates_need_both_matching_text_and_day(synthetic: list[GoldPair]) -> None:
    pair = next(p for p in synthetic if p.article_path.stem == "a01-talks")
    from briefings.collect import read_file

    article = read_file(pair.article_path)[0]
    units = ARTICLES["a01-talks"][2]
    wrong_day = DateMention("on Monday", date(2024, 3, 11), date(2024, 3, 11))
    wrong_text = DateMention("in March", date(2024, 3, 11), date(2024, 3, 17))
    facts = _facts(article, [(units[1][0], "diplomacy", (), (wrong_day,)), (units[2][0], "diplomacy", (), (wrong_text,))])
    report = score_article(article, facts, pair.gold)
    assert (report.dates_found, report.dates_total) == (0, 2)

    right_week = DateMention("next week", date(2024, 3, 11), date(2024, 3, 17))
    facts = _facts(article, [(units[1][0], "diplomacy", (), (wrong_day,)), (units[2][0], "diplomacy", (), (right_week,))])
    report = score_article(article, facts, pair.gold)
    assert (report.dates_found, report.dates_total) == (1, 2)
    # Sentences no fact covers count as dropped (boilerplate).
    assert report.confusion[("diplomacy", BOILERPLATE)] == 1  # the headline
    assert report.confusion[("strikes", BOILERPLATE)] == 1


def test_real_extractor_on_the_synthetic_set(synthetic: list[GoldPair]) -> None:
    report = evaluate(synthetic, load_default_taxonomy())
    assert report.articles == 4
    assert sum(report.confusion.values()) == gold_sentence_count()
    assert report.unlocated == 0
    assert report.score("diplomacy").recall >= 0.8
    assert report.score("strikes").recall >= 0.8


# --------------------------------------------------------------------------- settings


def test_default_settings_are_the_tuned_values() -> None:
    s = ClassifierSettings()
    assert s == DEFAULT_SETTINGS
    assert (s.neighbour_weights, s.same_paragraph_bonus, s.article_weight, s.context_gate,
            s.min_evidence, s.also_ratio, s.also_min) == ((0.3, 0.15, 0.05), 0.15, 0.25, 4.0, 2.5, 0.5, 5.0)
    with pytest.raises(ValueError):
        ClassifierSettings(context_gate=0.0)
    with pytest.raises(ValueError):
        ClassifierSettings(article_weight=-1.0)
    scaled = s.scale_neighbours(2.0)
    assert scaled.neighbour_weights == (0.6, 0.3, 0.1) and scaled.same_paragraph_bonus == 0.3


def test_settings_reach_the_classifier_and_the_cache_keeps_them_apart(synthetic: list[GoldPair]) -> None:
    taxonomy = load_default_taxonomy()
    strict = ClassifierSettings(min_evidence=1000.0)
    assert classifier_for(taxonomy, strict).settings == strict
    assert classifier_for(taxonomy).settings == DEFAULT_SETTINGS  # not the strict one just asked for
    assert classifier_for(taxonomy, DEFAULT_SETTINGS) is classifier_for(taxonomy)

    from briefings.collect import read_file

    article = read_file(synthetic[0].article_path)[0]
    default_sections = {f.section for f in extract_article(article, taxonomy)}
    strict_sections = {f.section for f in extract_article(article, taxonomy, settings=strict)}
    assert "diplomacy" in default_sections
    assert strict_sections <= {"other", BOILERPLATE}  # no section ever reaches the evidence floor
    assert {f.section for f in extract_article(article, taxonomy)} == default_sections


# --------------------------------------------------------------------------- (b) folds


def _pairs(clusters: dict[str, str | None]) -> list[GoldPair]:
    return [GoldPair(Path(f"{name}.txt"), {"cluster": cluster, "sentences": []}) for name, cluster in clusters.items()]


CLUSTERS = {"01-a": "x", "02-b": None, "03-c": "y", "04-d": "x", "05-e": None, "06-f": "y", "07-g": "x"}


def _named(pairs: list[GoldPair], folds: list[list[int]]) -> list[list[str]]:
    return [[pairs[i].article_path.stem for i in fold] for fold in folds]


def test_folds_keep_clusters_together_and_are_round_robin() -> None:
    pairs = _pairs(CLUSTERS)
    folds = _named(pairs, assign_folds(pairs, 3))
    # Groups in order of their first article: x(01,04,07), 02, y(03,06), 05 → dealt 0,1,2,0.
    assert folds == [["01-a", "04-d", "05-e", "07-g"], ["02-b"], ["03-c", "06-f"]]
    for cluster in ("x", "y"):
        members = {n for n, c in CLUSTERS.items() if c == cluster}
        assert sum(1 for fold in folds if members & set(fold)) == 1
    assert sorted(n for fold in folds for n in fold) == sorted(CLUSTERS)


def test_folds_are_deterministic_whatever_the_input_order() -> None:
    pairs = _pairs(CLUSTERS)
    reordered = list(reversed(pairs))
    assert _named(pairs, assign_folds(pairs, 2)) == _named(reordered, assign_folds(reordered, 2))
    assert assign_folds(pairs, 2) == assign_folds(pairs, 2)


def test_fold_count_must_fit_the_groups() -> None:
    pairs = _pairs(CLUSTERS)  # 4 groups
    with pytest.raises(ConfigError):
        assign_folds(pairs, 1)
    with pytest.raises(ConfigError):
        assign_folds(pairs, 5)
    assert len(assign_folds(pairs, 4)) == 4


# --------------------------------------------------------------------------- (c) cross_validate


def test_cross_validate_pools_every_gold_sentence_once(synthetic: list[GoldPair]) -> None:
    taxonomy = load_default_taxonomy()
    grid = {"article_weight": (0.1, 0.25), "min_evidence": (2.5, 4.0)}
    cv = cross_validate(synthetic, taxonomy, folds=2, grid=grid)
    assert cv.points == 4
    assert len(cv.folds) == 2
    held = [name for fold in cv.folds for name in fold.articles]
    assert sorted(held) == sorted(f"{name}.txt" for name in ARTICLES)  # each article held out once
    assert sum(cv.pooled.confusion.values()) == gold_sentence_count()
    assert cv.pooled.articles == 4
    assert sum(sum(f.held_out.confusion.values()) for f in cv.folds) == gold_sentence_count()
    assert cv.whole.confusion == evaluate(synthetic, taxonomy).confusion
    for fold in cv.folds:
        assert fold.choice["article_weight"] in grid["article_weight"]
        assert fold.settings.min_evidence == fold.choice["min_evidence"]
    # the clustered pair a01/a02 is held out together
    assert any({"a01-talks.txt", "a02-talks-followup.txt"} <= set(f.articles) for f in cv.folds)
    data = cv.to_json()
    assert data["pooled"]["macro_f1"] == round(cv.pooled.macro_f1, 4)
    assert len(data["per_fold"]) == 2 and "lexicon" in data["note"].lower()
    text = format_cross_validation(cv)
    assert "not refitted" in text and "pooled held-out" in text


def test_cross_validate_with_only_the_defaults_equals_the_whole_corpus(synthetic: list[GoldPair]) -> None:
    taxonomy = load_default_taxonomy()
    grid = {"article_weight": (DEFAULT_SETTINGS.article_weight,)}
    cv = cross_validate(synthetic, taxonomy, folds=3, grid=grid)
    assert cv.points == 1
    assert cv.pooled.confusion == cv.whole.confusion
    assert cv.gap == 0.0


def test_default_grid_contains_the_defaults() -> None:
    assert DEFAULT_SETTINGS.article_weight in DEFAULT_GRID["article_weight"]
    assert DEFAULT_SETTINGS.context_gate in DEFAULT_GRID["context_gate"]
    assert DEFAULT_SETTINGS.min_evidence in DEFAULT_GRID["min_evidence"]
    assert 1.0 in DEFAULT_GRID["neighbour_scale"]


def test_eval_rejects_one_fold(tmp_path: Path) -> None:
    articles_dir, gold_dir = write_synthetic(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(articles_dir), str(gold_dir), "--folds", "1"])
    assert result.exit_code == 2


def test_eval_rejects_an_odd_number_of_folders_and_an_unknown_classifier(tmp_path: Path) -> None:
    articles_dir, gold_dir = write_synthetic(tmp_path)
    odd = CliRunner().invoke(app, ["eval", str(articles_dir), str(gold_dir), str(articles_dir)])
    assert odd.exit_code == 2 and "in pairs" in odd.output
    unknown = CliRunner().invoke(app, ["eval", str(articles_dir), str(gold_dir), "--classifier", "nosuch"])
    assert unknown.exit_code == 2 and "nosuch" in unknown.output


def test_eval_scores_the_default_classifier_unless_told_and_per_language(tmp_path: Path) -> None:
    """``briefings eval`` decides sections as a build does (the learned classifier by default);
    ``--classifier cues`` gives the lexicon's figures, exactly ``evaluate`` with the taxonomy."""
    from briefings.extract.classifiers import DEFAULT_CLASSIFIER, make_classifier

    articles_dir, gold_dir = write_synthetic(tmp_path)
    taxonomy = load_default_taxonomy()
    pairs = load_gold_pairs(articles_dir, gold_dir)
    runner = CliRunner()
    for name, args in ((DEFAULT_CLASSIFIER, []), ("cues", ["--classifier", "cues"])):
        out = tmp_path / f"{name}.json"
        result = runner.invoke(app, ["eval", str(articles_dir), str(gold_dir), *args, "--json", str(out)])
        assert result.exit_code == 0, result.output
        assert f"classifier {name}" in result.output
        data = json.loads(out.read_text(encoding="utf-8"))
        expected = evaluate(pairs, taxonomy, classifier=make_classifier(name, taxonomy))
        assert data["classifier"] == name
        assert data["macro_f1"] == round(expected.macro_f1, 4)
        assert data["by_language"]["en"]["articles"] == 4
    assert evaluate(pairs, taxonomy, classifier=make_classifier("cues", taxonomy)).confusion == \
        evaluate(pairs, taxonomy).confusion


def test_eval_pools_several_corpora(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    a1, g1 = write_synthetic(first)
    a2, g2 = write_synthetic(second)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["eval", str(a1), str(g1), str(a2), str(g2), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["articles"] == 8


# --------------------------------------------------------------------------- (d) the real corpus


def test_eval_with_folds_on_the_corpus(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        app, ["eval", str(corpus / "articles"), str(corpus / "gold"), "--classifier", "cues", "--folds", "3",
              "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "k-fold cross-validation: 3 folds" in result.output
    assert "macro-F1" in result.output.split("k-fold")[0]  # the normal table still comes first
    data = json.loads(out.read_text(encoding="utf-8"))
    cv = data["cross_validation"]
    assert cv["folds"] == 3 and len(cv["per_fold"]) == 3
    assert cv["pooled"]["macro_f1"] >= 0.80
    assert cv["whole_corpus"]["macro_f1"] == data["macro_f1"]
    pooled_gold = sum(v["support"] for v in cv["pooled"]["labels"].values())
    whole_gold = sum(v["support"] for v in data["labels"].values())
    assert pooled_gold == whole_gold


def test_eval_refits_the_learned_classifier_per_fold_on_the_corpus(corpus: Path, tmp_path: Path) -> None:
    """``--folds`` with the learned classifier: every gold sentence scored once by a model fitted
    without its article group, beside the lexicon on the same folds, per label and language."""
    pytest.importorskip("sklearn", reason="refitting needs the 'train' extra (scikit-learn)")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["eval", str(corpus / "articles"), str(corpus / "gold"),
                                      "--classifier", "learned", "--folds", "3", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "k-fold (3 folds over" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    cv = data["cross_validation"]
    assert cv["folds"] == 3 and len(cv["fold_articles"]) == 3
    held = sorted(name for fold in cv["fold_articles"] for name in fold)
    assert len(held) == len(set(held)) == data["articles"]
    assert sum(v["support"] for v in cv["learned"]["labels"].values()) == \
        sum(v["support"] for v in data["labels"].values())
    assert cv["cues"]["macro_f1"] > 0.5 and cv["learned"]["macro_f1"] > 0.4
    assert "en" in cv["by_language"]
