"""Score the stories of a brief against a story-level gold (which sentences tell one story).

The gold (``data/story-gold.jsonl``) is written like the merge gold: sentences named by article
file and character offsets, no article text. Each line is one scope (a corpus cluster): its
articles, the brief's day, and ``stories``, lists of sentences that tell one event. Only the
sentences the gold lists are scored (an annotator may leave out a sentence they cannot place).
Rules: ``docs/merge-gold-rules.md`` (section "Story gold").

Two figures:

* **B-cubed** precision, recall and F1 of the stories over the gold's sentences (per sentence:
  the share of its predicted story that is in its gold story, and the reverse), pooled over
  the scopes;
* **pairwise F1 of the fact merge** on the same scopes comes from ``merging`` (its own gold).

Predicted stories come from ``compose_brief`` itself, so the figure measures what the brief
does. ``--folds K`` reports the figure per fold (scopes dealt round robin, whole clusters).
The story rules were first set on the bundled samples; the rule that joins an article's
asides to its main story (``stories._join_asides``) was designed looking at the dev gold and
fold 0 of the train gold (with ``--folds 2``: tower22, stuxnet, unhcr), so fold 1 of the
train gold (syria-munich, ouagadougou, lavender) is the held-out figure.

    python -m briefings.evaluation.stories [GOLD] [--corpus DIR] [--folds 2] [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..compose import BriefSpec, compose_brief
from ..extract.day import day_facts_of
from ..model import Brand, Fact, Window
from ..taxonomy import load_default_taxonomy
from .folds import deal, splits
from .merging import Scope, Span, load_gold, load_scope

DEFAULT_GOLD: Traversable = resources.files("briefings.evaluation") / "data" / "story-gold.jsonl"


@dataclass
class StoryScore:
    scope: str
    precision: list[float]
    """B-cubed precision of each gold sentence (in gold order)."""
    recall: list[float]


def predicted_stories(scope: Scope) -> dict[Span, int]:
    """Each news sentence of the scope -> the number of the story compose puts it in."""
    day = date.fromisoformat(scope.entry["date"])
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    spec = BriefSpec(date=day, title="Stories", window=Window(start, start + timedelta(days=1), "UTC"),
                     brand=Brand(), taxonomy=load_default_taxonomy())
    articles = scope.articles
    day_facts = day_facts_of(articles, scope.facts)
    brief = compose_brief(day_facts, spec)
    names = {a.id: a.label for a in articles}
    story_of_fact = {f.id: f.story for s in brief.sections for f in (*s.facts, *s.more_facts)}
    number = {story.id: n for n, story in enumerate(brief.stories)}
    members = _members(scope.facts)
    result: dict[Span, int] = {}
    for fact_id, story_id in story_of_fact.items():
        for fact in members.get(fact_id, ()):
            result[(names[fact.article_id], fact.start, fact.end)] = number[story_id]
    return result


def _members(facts: Sequence[Fact]) -> dict[str, list[Fact]]:
    """Merged-fact id -> its sentences, for every grouping compose can make of ``facts``: a
    merged fact's id is the hash of its sentences' ids (``stable_id``), so each candidate
    group is hashed the same way. The groups are the merge's own."""
    from ..compose.merge import group_facts
    from ..model import stable_id

    news = [f for f in facts if f.is_news]
    found: dict[str, list[Fact]] = {}
    for group in group_facts(news):
        found[stable_id(*sorted(news[i].id for i in group))] = [news[i] for i in group]
    for fact in news:  # a sentence compose kept alone (a headline left out changes the groups)
        found.setdefault(stable_id(fact.id), [fact])
    return found


def _align(predicted: dict[Span, int], gold: list[Span]) -> dict[Span, int | None]:
    """Each gold sentence -> the story of the predicted sentence overlapping it most."""
    by_article: dict[str, list[tuple[Span, int]]] = {}
    for span, story in predicted.items():
        by_article.setdefault(span[0], []).append((span, story))
    aligned: dict[Span, int | None] = {}
    for g in gold:
        best, overlap = None, 0
        for span, story in by_article.get(g[0], ()):
            shared = min(span[2], g[2]) - max(span[1], g[1])
            if shared > overlap and shared >= 0.5 * (g[2] - g[1]):
                best, overlap = story, shared
        aligned[g] = best
    return aligned


def score_scope(scope: Scope) -> StoryScore:
    """B-cubed precision and recall of each gold sentence of ``scope``. A sentence compose
    did not brief counts as a story of its own."""
    gold_of: dict[Span, int] = {}
    for n, story in enumerate(scope.entry["stories"]):
        for member in story:
            gold_of[tuple(member)] = n
    spans = list(gold_of)
    aligned = _align(predicted_stories(scope), spans)
    predicted_of = {s: (aligned[s] if aligned[s] is not None else -1 - k) for k, s in enumerate(spans)}
    precision, recall = [], []
    for s in spans:
        same_pred = [t for t in spans if predicted_of[t] == predicted_of[s]]
        same_gold = [t for t in spans if gold_of[t] == gold_of[s]]
        both = sum(1 for t in same_pred if gold_of[t] == gold_of[s])
        precision.append(both / len(same_pred))
        recall.append(both / len(same_gold))
    return StoryScore(scope.entry["scope"], precision, recall)


def pooled(scores: Sequence[StoryScore]) -> tuple[float, float, float, int]:
    """B-cubed precision, recall and F1 over every gold sentence of ``scores``, and their count."""
    p = [x for s in scores for x in s.precision]
    r = [x for s in scores for x in s.recall]
    if not p:
        return 1.0, 1.0, 1.0, 0
    precision, recall = sum(p) / len(p), sum(r) / len(r)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(p)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/articles"))
    parser.add_argument("--folds", type=int, default=0, help="also report each fold of K (scopes dealt round robin)")
    args = parser.parse_args(argv)
    taxonomy = load_default_taxonomy()
    scopes = [load_scope(entry, args.corpus, taxonomy) for entry in load_gold(args.gold)]
    scores = [score_scope(s) for s in scopes]
    for s in scores:
        p, r, f, n = pooled([s])
        print(f"{s.scope:34} sentences {n:3}  B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    p, r, f, n = pooled(scores)
    print(f"all scopes: B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  ({n} sentences, "
          f"{len(scores)} scopes; which were designed on and which held out: the module's docstring)")
    if args.folds >= 2:
        for split in splits(deal([[k] for k in range(len(scores))], args.folds), len(scores)):
            p, r, f, n = pooled([scores[k] for k in split.held_out])
            print(f"fold {split.index}: B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  ({n} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
