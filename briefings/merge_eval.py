"""Score the cross-outlet merge against a fact-level gold set.

The gold (``eval/merge-gold.jsonl``) names sentences only by article file and character
offsets into the article body (the text after the header's ``---`` line), so no article text
enters the repository. Each line is one scope (usually a corpus cluster): its articles, the
brief's day, and groups of sentences that state one fact. Rules: ``docs/merge-gold-rules.md``.

The measure is pairwise: over every pair of news sentences from *different* articles of a
scope, "these two are the same fact". Predicted pairs come from ``compose``'s own grouping,
so the figure measures what the brief does.

    .venv/bin/python -m briefings.merge_eval [GOLD] [--corpus DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

from .collect import read_paths
from .compose import normal
from .compose.merge import duplicate_articles, group_facts
from .extract import extract_article
from .extract.entities import resolve_speakers
from .model import Article, Fact
from .taxonomy import Taxonomy, load_default_taxonomy

DEFAULT_GOLD = Path(__file__).resolve().parent.parent / "eval" / "merge-gold.jsonl"
Span = tuple[str, int, int]
"""(article file name, start, end) of one sentence."""
Pair = tuple[Span, Span]


@dataclass
class ScopeScore:
    scope: str
    gold: set[Pair]
    predicted: set[Pair]

    @property
    def true_positives(self) -> set[Pair]:
        return self.gold & self.predicted


@dataclass
class MergeReport:
    scopes: list[ScopeScore] = field(default_factory=list)

    def counts(self) -> tuple[int, int, int]:
        tp = sum(len(s.true_positives) for s in self.scopes)
        return tp, sum(len(s.predicted) for s in self.scopes), sum(len(s.gold) for s in self.scopes)

    @property
    def precision(self) -> float:
        tp, predicted, _ = self.counts()
        return tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        tp, _, gold = self.counts()
        return tp / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_pairs(groups: Iterable[Sequence[Sequence]]) -> set[Pair]:
    """Every cross-article pair inside each gold group (same-article pairs never count:
    compose does not merge an article with itself)."""
    pairs: set[Pair] = set()
    for group in groups:
        spans = sorted(tuple(m) for m in group)
        pairs.update((a, b) for a, b in combinations(spans, 2) if a[0] != b[0])
    return pairs


def predicted_pairs(articles: Sequence[Article], facts: Sequence[Fact]) -> set[Pair]:
    """The pairs compose would merge: news sentences, headlines dropped, as in the brief."""
    names = {a.id: a.label for a in articles}
    titles = {a.id: normal(a.title) for a in articles}
    news = resolve_speakers([f for f in facts if f.is_news and normal(f.text) != titles.get(f.article_id)])
    pairs: set[Pair] = set()
    for group in group_facts(news, duplicate_articles(articles)):
        spans = sorted((names[news[i].article_id], news[i].start, news[i].end) for i in group)
        pairs.update((a, b) for a, b in combinations(spans, 2) if a[0] != b[0])
    return pairs


def align(pairs: set[Pair], gold_spans: set[Span]) -> set[Pair]:
    """Predicted spans renamed to the gold span they overlap most, so a sentence split a
    little differently still counts as the annotated one."""
    by_article: dict[str, list[Span]] = {}
    for span in gold_spans:
        by_article.setdefault(span[0], []).append(span)

    def to_gold(span: Span) -> Span:
        best, overlap = span, 0
        for g in by_article.get(span[0], ()):
            shared = min(span[2], g[2]) - max(span[1], g[1])
            if shared > overlap and shared >= 0.5 * (g[2] - g[1]):
                best, overlap = g, shared
        return best

    return {tuple(sorted((to_gold(a), to_gold(b)))) for a, b in pairs}  # type: ignore[misc]


def score_scope(entry: dict, corpus: Path, taxonomy: Taxonomy) -> ScopeScore:
    read = read_paths([corpus / name for name in entry["articles"]])
    day = date.fromisoformat(entry["date"])
    facts = [f for a in read.articles for f in extract_article(a, taxonomy, assume_published=day)]
    gold = gold_pairs(entry["groups"])
    spans = {tuple(m) for g in entry["groups"] for m in g}
    return ScopeScore(entry["scope"], gold, align(predicted_pairs(read.articles, facts), spans))  # type: ignore[arg-type]


def score(gold_path: Path, corpus: Path, taxonomy: Taxonomy | None = None) -> MergeReport:
    taxonomy = taxonomy or load_default_taxonomy()
    return MergeReport([score_scope(e, corpus, taxonomy) for e in load_gold(gold_path)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/articles"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and wrong pairs")
    args = parser.parse_args(argv)
    report = score(args.gold, args.corpus)
    for s in report.scopes:
        print(f"{s.scope:34} gold {len(s.gold):3}  predicted {len(s.predicted):3}  correct {len(s.true_positives):3}")
        if args.verbose:
            for pair in sorted(s.gold - s.predicted):
                print("   missed", pair)
            for pair in sorted(s.predicted - s.gold):
                print("   wrong ", pair)
    tp, predicted, gold = report.counts()
    print(f"pairwise precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}"
          f"  ({tp} correct of {predicted} predicted, {gold} gold pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
