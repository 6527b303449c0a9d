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
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .collect import read_file
from .errors import ConfigError, SourceError
from .extract import extract_article
from .model import BOILERPLATE, Article, Fact
from .taxonomy import Taxonomy

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
    pairs: Sequence[GoldPair], taxonomy: Taxonomy, extractor: Extractor | None = None
) -> EvalReport:
    """Extract every article of ``pairs`` and score it; one report over all of them."""
    run = extractor or (lambda article: extract_article(article, taxonomy))
    total = EvalReport()
    for pair in pairs:
        articles = read_file(pair.article_path)
        for article in articles[:1]:
            total.merge(score_article(article, run(article), pair.gold))
    return total


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
