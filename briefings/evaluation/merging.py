"""Score the cross-outlet merge against a fact-level gold set.

The gold (``data/merge-gold.jsonl`` in this package, so an installed wheel carries it) names sentences only by article file and character
offsets into the article body (the text after the header's ``---`` line), so no article text
enters the repository. Each line is one scope (usually a corpus cluster): its articles, the
brief's day, and groups of sentences that state one fact. Rules: ``docs/merge-gold-rules.md``.

The measure is pairwise: over every pair of news sentences from *different* articles of a
scope, "these two are the same fact". Predicted pairs come from ``compose``'s own grouping,
so the figure measures what the brief does.

    .venv/bin/python -m briefings.evaluation.merging [GOLD] [--corpus DIR] [-v] [--folds 2]
        [--scopes WORD,...] [--semantic]

``--scopes`` scores only the scopes whose name holds one of the words (the train gold's clusters
never read while designing are scored apart this way); ``--semantic`` scores the defaults with
sentence embeddings on, as ``[brief] semantic_merge = true`` sets them.

``--folds K`` shows how much of the figure is tuning: the scopes are dealt into K folds, the
merge settings are chosen on K-1 folds (a small grid) and scored on the fold left out (the
splits of ``folds``, each scope a group of its own).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..collect import read_paths
from ..compose import normal
from ..compose.merge import DEFAULT_SETTINGS, SEMANTIC_SIMILARITY, MergeSettings, duplicate_articles, group_facts
from ..extract import extract_article
from ..model import Article, Fact
from ..taxonomy import Taxonomy, load_default_taxonomy
from .folds import deal, splits

DEFAULT_GOLD: Traversable = resources.files("briefings.evaluation") / "data" / "merge-gold.jsonl"
"""The shipped gold, found through importlib.resources so it is read the same from a source
tree and from an installed wheel."""
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


def load_gold(path: Path | Traversable) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_pairs(groups: Iterable[Sequence[Sequence]]) -> set[Pair]:
    """Every cross-article pair inside each gold group (same-article pairs never count:
    compose does not merge an article with itself)."""
    pairs: set[Pair] = set()
    for group in groups:
        spans = sorted(tuple(m) for m in group)
        pairs.update((a, b) for a, b in combinations(spans, 2) if a[0] != b[0])
    return pairs


def predicted_pairs(
    articles: Sequence[Article], facts: Sequence[Fact], settings: MergeSettings = DEFAULT_SETTINGS
) -> set[Pair]:
    """The pairs compose would merge: news sentences, headlines dropped, as in the brief."""
    names = {a.id: a.label for a in articles}
    titles = {a.id: normal(a.title) for a in articles}
    news = [f for f in facts if f.is_news and normal(f.text) != titles.get(f.article_id)]
    pairs: set[Pair] = set()
    for group in group_facts(news, duplicate_articles(articles), settings):
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


@dataclass
class Scope:
    """One gold scope with its articles read and its sentences extracted (done once, so a
    grid of settings costs only the merge)."""

    entry: dict
    articles: list[Article]
    facts: list[Fact]

    def score(self, settings: MergeSettings = DEFAULT_SETTINGS) -> ScopeScore:
        gold = gold_pairs(self.entry["groups"])
        spans = {tuple(m) for g in self.entry["groups"] for m in g}
        predicted = align(predicted_pairs(self.articles, self.facts, settings), spans)
        return ScopeScore(self.entry["scope"], gold, predicted)


def load_scope(entry: dict, corpus: Path, taxonomy: Taxonomy) -> Scope:
    read = read_paths([corpus / name for name in entry["articles"]])
    day = date.fromisoformat(entry["date"])
    facts = [f for a in read.articles for f in extract_article(a, taxonomy, assume_published=day)]
    return Scope(entry, list(read.articles), facts)


def score_scope(entry: dict, corpus: Path, taxonomy: Taxonomy, settings: MergeSettings = DEFAULT_SETTINGS) -> ScopeScore:
    return load_scope(entry, corpus, taxonomy).score(settings)


def load_scopes(gold_path: Path | Traversable, corpus: Path, taxonomy: Taxonomy | None = None,
                only: Sequence[str] = ()) -> list[Scope]:
    """The gold's scopes read and extracted; with ``only``, those whose name holds one of its words."""
    taxonomy = taxonomy or load_default_taxonomy()
    return [load_scope(e, corpus, taxonomy) for e in load_gold(gold_path)
            if not only or any(word in e["scope"] for word in only)]


def score(
    gold_path: Path | Traversable, corpus: Path, taxonomy: Taxonomy | None = None, settings: MergeSettings = DEFAULT_SETTINGS
) -> MergeReport:
    return MergeReport([s.score(settings) for s in load_scopes(gold_path, corpus, taxonomy)])


GRID = [
    MergeSettings(similarity=sim, join_group=join, figures_bonus=fig, speaker_bonus=spk, semantic_similarity=sem,
                  figure_anchor=anchor)
    for sim in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
    for join in (0.5, 0.6, 0.7, 0.8, 2.0)
    for fig in (0.0, 0.1, 0.2)
    for spk in (0.0, 0.15)
    for sem in (0.65, 2.0)
    for anchor in (0.0, 0.2)
]
"""The settings ``--folds`` chooses from: the thresholds and bonuses the merge exposes
(``semantic_similarity`` 2.0: embeddings not used)."""


def tune(scopes: Sequence[Scope], grid: Sequence[MergeSettings] = GRID) -> MergeSettings:
    """The grid's settings with the best F1 on ``scopes`` (ties: better precision, then the
    earlier, stricter-bonus entry)."""
    def key(settings: MergeSettings) -> tuple[float, float]:
        report = MergeReport([s.score(settings) for s in scopes])
        return (round(report.f1, 6), round(report.precision, 6))

    return max(grid, key=key)


@dataclass
class FoldResult:
    fold: int
    settings: MergeSettings
    report: MergeReport


def cross_validate(scopes: Sequence[Scope], folds: int = 2, grid: Sequence[MergeSettings] = GRID) -> list[FoldResult]:
    """Deal the scopes into ``folds`` folds (round robin, in file order); for each, tune on
    the others and score it. Scopes are whole clusters, so no story is in both halves."""
    results = []
    for split in splits(deal([[n] for n in range(len(scopes))], folds), len(scopes)):
        chosen = tune([scopes[n] for n in split.train], grid)
        held_out = [scopes[n] for n in split.held_out]
        results.append(FoldResult(split.index, chosen, MergeReport([s.score(chosen) for s in held_out])))
    return results


def pooled(results: Sequence[FoldResult]) -> MergeReport:
    """All held-out scopes as one report: the cross-validated figure."""
    return MergeReport([s for r in results for s in r.report.scopes])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/articles"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and wrong pairs")
    parser.add_argument("--folds", type=int, default=0, help="also tune on K-1 folds of scopes, score the rest")
    parser.add_argument("--scopes", default="", help="comma-separated words: score only the scopes naming one")
    parser.add_argument("--semantic", action="store_true", help="default settings with sentence embeddings on")
    args = parser.parse_args(argv)
    only = [w.strip() for w in args.scopes.split(",") if w.strip()]
    scopes = load_scopes(args.gold, args.corpus, only=only)
    if not scopes:
        print(f"{args.gold}: no scope names one of {only}", file=sys.stderr)
        return 2
    defaults = replace(DEFAULT_SETTINGS, semantic_similarity=SEMANTIC_SIMILARITY) if args.semantic else DEFAULT_SETTINGS
    report = MergeReport([s.score(defaults) for s in scopes])
    for s in report.scopes:
        print(f"{s.scope:34} gold {len(s.gold):3}  predicted {len(s.predicted):3}  correct {len(s.true_positives):3}")
        if args.verbose:
            for pair in sorted(s.gold - s.predicted):
                print("   missed", pair)
            for pair in sorted(s.predicted - s.gold):
                print("   wrong ", pair)
    print(("default settings (semantic): " if args.semantic else "default settings: ") + _summary(report))
    if args.folds >= 2:
        results = cross_validate(scopes, args.folds)
        for r in results:
            st = r.settings
            print(f"fold {r.fold}: tuned similarity {st.similarity} join_group {st.join_group} figures_bonus "
                  f"{st.figures_bonus} speaker_bonus {st.speaker_bonus} semantic_similarity "
                  f"{st.semantic_similarity} figure_anchor {st.figure_anchor} -> held out: {_summary(r.report)}")
        print(f"{args.folds}-fold held out: " + _summary(pooled(results)))
    return 0


def _summary(report: MergeReport) -> str:
    tp, predicted, gold = report.counts()
    return (f"pairwise precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}"
            f"  ({tp} correct of {predicted} predicted, {gold} gold pairs)")


if __name__ == "__main__":
    sys.exit(main())
