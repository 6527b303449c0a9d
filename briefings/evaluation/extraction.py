"""Score extraction against gold annotations (``briefings eval``).

Sentence splits differ between the extractor and the annotator, so scoring is by characters:
each gold sentence is located in the article's text (whitespace and invisible characters
normalised, searched forward from the previous gold sentence, as gold is in article order),
and takes the label of the predicted sentences that cover most of its characters. A gold
sentence that cannot be located, or that no predicted sentence covers, counts as predicted
``boilerplate`` (dropped). A gold sentence with ``also`` labels is right when the prediction is
its label or any of them. A gold date counts as resolved when a predicted date of the same
article has a text contained in the gold expression (or containing it) and the same start and
end day.

``cross_validate`` reports k-fold figures beside the whole-corpus ones: the gold articles are
split into K folds (clusters of near-duplicate stories kept together), and for each fold a few
numeric settings of the section classifier are picked from a small grid by macro-F1 on the
other folds, then scored on the held-out fold. The cue words themselves are hand-written and
not refitted, so the gap between the whole-corpus and the pooled held-out figures measures the
overfitting of the tuned settings only.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..collect import read_file
from ..errors import ConfigError, SourceError
from ..extract import extract_article
from ..extract.classifiers import SectionClassifier
from ..extract.sections import DEFAULT_SETTINGS, ClassifierSettings
from ..model import BOILERPLATE, Article, Fact
from ..taxonomy import Taxonomy
from .folds import check_fold_count, deal, splits

CONTENT_LABELS = ("diplomacy", "strikes", "aid", "other")
ALL_LABELS = CONTENT_LABELS + (BOILERPLATE,)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_PUNCT = re.compile(r"[^\w]+")

Extractor = Callable[[Article], list[Fact]]


@dataclass(frozen=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class EvalReport:
    confusion: Counter = field(default_factory=Counter)
    """(gold label, predicted label) → number of gold sentences."""
    dates_found: int = 0
    dates_total: int = 0
    articles: int = 0
    unlocated: int = 0
    """Gold sentences that could not be found in the article text."""

    def score(self, label: str) -> LabelScore:
        tp = self.confusion[(label, label)]
        fp = sum(n for (g, p), n in self.confusion.items() if p == label and g != label)
        fn = sum(n for (g, p), n in self.confusion.items() if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return LabelScore(precision, recall, f1, tp + fn)

    @property
    def macro_f1(self) -> float:
        return sum(self.score(label).f1 for label in CONTENT_LABELS) / len(CONTENT_LABELS)

    @property
    def present_macro_f1(self) -> float:
        """Macro-F1 over the content labels that have gold sentences here (a small fold without
        any ``aid`` would otherwise count an F1 of 0 for it)."""
        present = [label for label in CONTENT_LABELS if self.score(label).support]
        return sum(self.score(label).f1 for label in present) / len(present) if present else 0.0

    @property
    def dates_share(self) -> float:
        return self.dates_found / self.dates_total if self.dates_total else 0.0

    def merge(self, other: "EvalReport") -> None:
        self.confusion.update(other.confusion)
        self.dates_found += other.dates_found
        self.dates_total += other.dates_total
        self.articles += other.articles
        self.unlocated += other.unlocated

    def confusions(self) -> list[tuple[str, str, int]]:
        """Wrong decisions, most frequent first."""
        wrong = [(g, p, n) for (g, p), n in self.confusion.items() if g != p]
        return sorted(wrong, key=lambda item: -item[2])

    def to_json(self) -> dict[str, Any]:
        labels = {}
        for label in ALL_LABELS:
            s = self.score(label)
            labels[label] = {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                             "f1": round(s.f1, 4), "support": s.support}
        return {
            "articles": self.articles,
            "labels": labels,
            "macro_f1": round(self.macro_f1, 4),
            "boilerplate": {"precision": labels[BOILERPLATE]["precision"],
                            "recall": labels[BOILERPLATE]["recall"]},
            "dates": {"found": self.dates_found, "total": self.dates_total,
                      "share": round(self.dates_share, 4)},
            "unlocated_gold_sentences": self.unlocated,
            "confusions": [{"gold": g, "predicted": p, "count": n} for g, p, n in self.confusions()],
        }


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Whitespace collapsed, invisible characters dropped; and each kept character's offset in
    ``text``, so a match in the normal form maps back to the original."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ord(ch) in _INVISIBLE:
            continue
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def normalise(text: str) -> str:
    return normalise_with_map(text)[0].strip()


def locate(sentence: str, haystack: str, cursor: int) -> tuple[int, int] | None:
    needle = normalise(sentence)
    if not needle:
        return None
    for start in dict.fromkeys((cursor, 0)):
        i = haystack.find(needle, start)
        if i >= 0:
            return i, i + len(needle)
    return None


def predicted_label(span: tuple[int, int], facts: Sequence[Fact]) -> str:
    """The label that covers most characters of ``span`` (original offsets)."""
    cover: Counter = Counter()
    for fact in facts:
        overlap = min(fact.end, span[1]) - max(fact.start, span[0])
        if overlap > 0:
            cover[fact.section] += overlap
    return cover.most_common(1)[0][0] if cover else BOILERPLATE


def score_article(article: Article, facts: Sequence[Fact], gold: dict[str, Any]) -> EvalReport:
    report = EvalReport(articles=1)
    haystack, offsets = normalise_with_map(article.text)
    cursor = 0
    for unit in gold.get("sentences", []):
        label = unit["label"]
        accepted = {label, *unit.get("also", [])}
        found = locate(unit["text"], haystack, cursor)
        if found is None:
            report.unlocated += 1
            predicted = BOILERPLATE
        else:
            cursor = found[1]
            span = (offsets[found[0]], offsets[found[1] - 1] + 1)
            predicted = predicted_label(span, facts)
        report.confusion[(label, label if predicted in accepted else predicted)] += 1
    _score_dates(report, facts, gold)
    return report


def _score_dates(report: EvalReport, facts: Sequence[Fact], gold: dict[str, Any]) -> None:
    mentions = [m for f in facts for m in f.dates]
    for item in gold.get("dates", []):
        resolved = item.get("resolved")
        if not resolved:
            continue
        report.dates_total += 1
        parts = resolved.split("/")
        start, end = date.fromisoformat(parts[0]), date.fromisoformat(parts[-1])
        expression = _loose(item["expression"])
        for mention in mentions:
            text = _loose(mention.text)
            if text and (text in expression or expression in text) and (mention.start, mention.end) == (start, end):
                report.dates_found += 1
                break


def _loose(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_INVISIBLE)
    return " ".join(_PUNCT.sub(" ", text).split())


@dataclass(frozen=True)
class GoldPair:
    article_path: Path
    gold: dict[str, Any]


def load_gold_pairs(articles_dir: Path, gold_dir: Path) -> list[GoldPair]:
    """Each gold file NAME.json belongs to the article file NAME.* in ``articles_dir``."""
    if not articles_dir.is_dir():
        raise ConfigError(f"{articles_dir}: not a folder of articles")
    if not gold_dir.is_dir():
        raise ConfigError(f"{gold_dir}: not a folder of gold files")
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        matches = [p for p in sorted(articles_dir.glob(gold_path.stem + ".*")) if p.suffix != ".json"]
        if not matches:
            raise SourceError(f"{gold_path}: no article {gold_path.stem}.* in {articles_dir}")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceError(f"{gold_path}: invalid gold file ({exc})") from None
        pairs.append(GoldPair(matches[0], gold))
    if not pairs:
        raise SourceError(f"{gold_dir}: no gold files (*.json)")
    return pairs


def evaluate(
    pairs: Sequence[GoldPair],
    taxonomy: Taxonomy,
    extractor: Extractor | None = None,
    *,
    settings: ClassifierSettings | None = None,
    classifier: SectionClassifier | None = None,
    by_language: dict[str, EvalReport] | None = None,
) -> EvalReport:
    """Extract every article of ``pairs`` and score it; one report over all of them.
    Without an ``extractor``, sections are decided by ``classifier`` (a registered one, as
    the build makes it), else by the cue lexicon of ``taxonomy`` with ``settings``.
    ``by_language``, when given, is filled with one report per article language."""
    sections: SectionClassifier | Taxonomy = classifier if classifier is not None else taxonomy
    run = extractor or (lambda article: extract_article(article, sections, settings=settings))
    total = EvalReport()
    for pair in pairs:
        articles = read_file(pair.article_path)
        for article in articles[:1]:
            report = score_article(article, run(article), pair.gold)
            total.merge(report)
            if by_language is not None:
                by_language.setdefault(article.language or "?", EvalReport()).merge(report)
    return total


def format_languages(by_language: Mapping[str, EvalReport]) -> str:
    """One line per article language: articles, macro-F1 over the labels with gold in that
    language, boilerplate precision and recall (most articles first)."""
    lines = [f"{'language':8} {'articles':>8} {'macro-F1*':>9} {'boilerplate P':>13} {'R':>6}"]
    for language, report in sorted(by_language.items(), key=lambda kv: (-kv[1].articles, kv[0])):
        bp = report.score(BOILERPLATE)
        lines.append(f"{language:8} {report.articles:8d} {report.present_macro_f1:9.3f} "
                     f"{bp.precision:13.3f} {bp.recall:6.3f}")
    lines.append("* per language: macro-F1 over the content labels with gold in that language")
    return "\n".join(lines)


def format_table(report: EvalReport, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'label':12} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>5}")
    for label in ALL_LABELS:
        s = report.score(label)
        lines.append(f"{label:12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d}")
    bp = report.score(BOILERPLATE)
    lines.append(
        f"macro-F1 {report.macro_f1:.3f} (diplomacy, strikes, aid, other); "
        f"boilerplate P {bp.precision:.3f} R {bp.recall:.3f}; "
        f"dates {report.dates_found}/{report.dates_total} = {report.dates_share:.3f}"
    )
    if report.unlocated:
        lines.append(f"{report.unlocated} gold sentences not found in the article text")
    return "\n".join(lines)


# --- k-fold cross-validation of the classifier's numeric settings -------------------------

NEIGHBOUR_SCALE = "neighbour_scale"
"""Grid knob that multiplies everything neighbours lend (``ClassifierSettings.scale_neighbours``)."""

DEFAULT_GRID: dict[str, tuple[float, ...]] = {
    "article_weight": (0.15, 0.25, 0.35),
    "context_gate": (2.0, 4.0, 6.0),
    "min_evidence": (1.5, 2.5, 3.5),
    NEIGHBOUR_SCALE: (0.5, 1.0, 1.5),
}
"""Values tried per fold for the most influential settings, each around its default (81 points)."""

LEXICON_NOTE = (
    "The lexicon itself (the cue words and their weights) is hand-written and not refitted per fold: "
    "k-fold measures the tuned numeric settings only. The gap between the whole-corpus and the pooled "
    "held-out figures is the overfitting signal for those settings."
)

Point = dict[str, float]


def default_point(grid: Mapping[str, Sequence[float]]) -> Point:
    """The default value of every knob of ``grid``."""
    return {knob: 1.0 if knob == NEIGHBOUR_SCALE else float(getattr(DEFAULT_SETTINGS, knob)) for knob in grid}


def settings_for(point: Mapping[str, float]) -> ClassifierSettings:
    """The default settings with the knobs of one grid point applied."""
    known = set(ClassifierSettings.__dataclass_fields__) | {NEIGHBOUR_SCALE}
    unknown = sorted(set(point) - known)
    if unknown:
        raise ConfigError(f"cross-validation grid: unknown setting {unknown[0]!r}; choose from {', '.join(sorted(known))}")
    knobs: dict[str, Any] = {k: v for k, v in point.items() if k != NEIGHBOUR_SCALE}
    settings = replace(DEFAULT_SETTINGS, **knobs)
    scale = point.get(NEIGHBOUR_SCALE, 1.0)
    return settings if scale == 1.0 else settings.scale_neighbours(scale)


def grid_points(grid: Mapping[str, Sequence[float]]) -> list[Point]:
    """Every combination of ``grid``, the defaults first and then by how few knobs differ from
    them (ties in the selection go to the point nearest the defaults)."""
    defaults = default_point(grid)
    points = [dict(zip(grid, values)) for values in itertools.product(*(grid[k] for k in grid))]
    if defaults not in points:
        points.insert(0, defaults)
    return sorted(points, key=lambda p: sum(p[k] != defaults[k] for k in p))


def assign_folds(pairs: Sequence[GoldPair], folds: int) -> list[list[int]]:
    """Indices into ``pairs`` of each fold. Articles are taken sorted by file name; articles of
    the same gold ``cluster`` form one group (an article without a cluster is a group of its
    own), and the groups are dealt round-robin, in the order of their first article."""
    names = [pair.article_path.name for pair in pairs]
    groups: dict[str, list[int]] = {}
    for i in sorted(range(len(pairs)), key=lambda i: names[i]):
        cluster = pairs[i].gold.get("cluster")
        key = f"cluster:{cluster}" if cluster else f"article:{names[i]}"
        groups.setdefault(key, []).append(i)
    check_fold_count(folds, len(groups))
    return [sorted(fold, key=lambda i: names[i]) for fold in deal(list(groups.values()), folds)]


@dataclass
class FoldResult:
    index: int
    """1-based."""
    articles: tuple[str, ...]
    choice: Point
    """The grid point chosen on the other folds."""
    settings: ClassifierSettings
    train_macro_f1: float
    """Macro-F1 of ``choice`` on the other folds (the figure it was chosen by)."""
    held_out: EvalReport
    """This fold scored with ``settings``."""


@dataclass
class CrossValidation:
    folds: list[FoldResult]
    pooled: EvalReport
    """The held-out reports of all folds, merged: every gold sentence scored exactly once, by
    settings chosen without it."""
    whole: EvalReport
    """The whole corpus with the default settings (tuned by looking at all of it)."""
    grid: Mapping[str, Sequence[float]]
    points: int
    """Grid points tried per fold."""

    @property
    def gap(self) -> float:
        """Whole-corpus macro-F1 minus pooled held-out macro-F1 (positive = overfitting)."""
        return self.whole.macro_f1 - self.pooled.macro_f1

    def to_json(self) -> dict[str, Any]:
        whole = self.whole.to_json()
        return {
            "folds": len(self.folds),
            "method": "articles sorted by name, clusters kept together, groups dealt round-robin; "
                      "per fold the grid point with the best macro-F1 on the other folds scores the held-out fold",
            "note": LEXICON_NOTE,
            "grid": {k: list(v) for k, v in self.grid.items()},
            "grid_points": self.points,
            "whole_corpus": {k: whole[k] for k in ("articles", "macro_f1", "labels", "boilerplate")},
            "pooled": self.pooled.to_json(),
            "gap_macro_f1": round(self.gap, 4),
            "per_fold": [
                {
                    "fold": f.index,
                    "articles": list(f.articles),
                    "gold_sentences": sum(f.held_out.confusion.values()),
                    "train_macro_f1": round(f.train_macro_f1, 4),
                    "held_out_macro_f1": round(f.held_out.macro_f1, 4),
                    "held_out_macro_f1_present_labels": round(f.held_out.present_macro_f1, 4),
                    "labels_without_gold": [lab for lab in CONTENT_LABELS if not f.held_out.score(lab).support],
                    "chosen": f.choice,
                    "settings": {
                        "neighbour_weights": [round(w, 6) for w in f.settings.neighbour_weights],
                        **{k: round(v, 6) for k, v in vars(f.settings).items() if k != "neighbour_weights"},
                    },
                }
                for f in self.folds
            ],
        }


def cross_validate(
    pairs: Sequence[GoldPair],
    taxonomy: Taxonomy,
    folds: int = 5,
    grid: Mapping[str, Sequence[float]] | None = None,
) -> CrossValidation:
    """K-fold figures for the classifier's numeric settings (see the module docstring).

    Every article is extracted once per grid point; a fold's training score is the merge of
    its articles' reports, so the cost is (grid points) x (corpus), not x K.
    """
    grid = {k: tuple(float(v) for v in values) for k, values in (grid or DEFAULT_GRID).items()}
    assignment = assign_folds(pairs, folds)
    points = grid_points(grid)
    articles = [next(iter(read_file(pair.article_path)), None) for pair in pairs]
    per_point: list[list[EvalReport]] = []
    for point in points:
        settings = settings_for(point)
        per_point.append([
            score_article(article, extract_article(article, taxonomy, settings=settings), pair.gold)
            if article is not None else EvalReport()
            for article, pair in zip(articles, pairs)
        ])

    def merged(reports: list[EvalReport], indices: Sequence[int]) -> EvalReport:
        total = EvalReport()
        for i in indices:
            total.merge(reports[i])
        return total

    results = []
    pooled = EvalReport()
    for split in splits(assignment, len(pairs)):
        best, best_f1 = 0, -1.0
        for p, reports in enumerate(per_point):
            f1 = merged(reports, split.train).macro_f1
            if f1 > best_f1:
                best, best_f1 = p, f1
        held_out = merged(per_point[best], split.held_out)
        pooled.merge(held_out)
        results.append(FoldResult(
            index=split.index + 1,
            articles=tuple(pairs[i].article_path.name for i in split.held_out),
            choice=points[best],
            settings=settings_for(points[best]),
            train_macro_f1=best_f1,
            held_out=held_out,
        ))
    whole = merged(per_point[0], range(len(pairs)))  # points[0] is the defaults
    return CrossValidation(results, pooled, whole, grid, len(points))


def format_cross_validation(cv: CrossValidation) -> str:
    """The k-fold table: whole-corpus vs pooled held-out figures, then one line per fold."""
    knobs = list(cv.grid)
    lines = [
        f"k-fold cross-validation: {len(cv.folds)} folds (articles sorted by name, clusters kept together), "
        f"{cv.points} settings tried per fold, chosen by macro-F1 on the other folds",
        LEXICON_NOTE,
        f"{'label':12} {'whole P':>8} {'R':>6} {'F1':>6}   {'k-fold P':>8} {'R':>6} {'F1':>6} {'gold':>5}",
    ]
    for label in ALL_LABELS:
        w, k = cv.whole.score(label), cv.pooled.score(label)
        lines.append(
            f"{label:12} {w.precision:8.3f} {w.recall:6.3f} {w.f1:6.3f}   "
            f"{k.precision:8.3f} {k.recall:6.3f} {k.f1:6.3f} {k.support:5d}"
        )
    wb, kb = cv.whole.score(BOILERPLATE), cv.pooled.score(BOILERPLATE)
    lines.append(
        f"macro-F1 whole corpus {cv.whole.macro_f1:.3f} (default settings) vs pooled held-out "
        f"{cv.pooled.macro_f1:.3f}: gap {cv.gap:+.3f}; boilerplate P/R whole {wb.precision:.3f}/{wb.recall:.3f}, "
        f"held-out {kb.precision:.3f}/{kb.recall:.3f}"
    )
    defaults = default_point(cv.grid)
    lines.append("defaults: " + ", ".join(f"{k} {defaults[k]:g}" for k in knobs))
    lines.append(f"{'fold':>4} {'articles':>8} {'gold':>5} {'train F1':>8} {'held-out F1*':>12}  chosen settings")
    for f in cv.folds:
        chosen = ", ".join(f"{k} {f.choice[k]:g}" for k in knobs)
        missing = [label for label in CONTENT_LABELS if not f.held_out.score(label).support]
        lines.append(
            f"{f.index:4d} {len(f.articles):8d} {sum(f.held_out.confusion.values()):5d} "
            f"{f.train_macro_f1:8.3f} {f.held_out.present_macro_f1:12.3f}  {chosen}"
            + (f" (no gold {', '.join(missing)})" if missing else "")
        )
    lines.append(
        "* per fold: macro-F1 over the content labels with gold in that fold; "
        "train F1 = the chosen settings on the other folds"
    )
    return "\n".join(lines)
