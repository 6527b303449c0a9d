"""Which section of the brief a sentence belongs to.

The classifier is a weighted lexicon, driven entirely by the taxonomy, so that a user's own
section (``[sections.energy] cues = ["power grid", "blackout*"]``) works like a built-in one
and a dropped section simply stops competing. A sentence's evidence is:

- its own cues: words and phrases with weights (a longer phrase wins over the words in it,
  ``peace talks`` over ``talks``); a cue right after a negation ("no talks") counts less;
- the taxonomy's ``other`` cues (economy, polls, history), which compete as a section of their
  own so that an IMF forecast that mentions sanctions is not filed under diplomacy;
- its neighbours: news is written in runs, so the sentences around it (nearest first) and the
  article as a whole (its headline counting double) lend part of their evidence. A sentence
  with no cue of its own ("The region has become a focal point") takes the run it stands in.

Precompiled once per taxonomy (an index from first word to cues), matching costs one pass over
the words of a sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..model import OTHER
from ..taxonomy import Cue, Taxonomy
from .decision import Decision

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[a-z0-9#\u00e0-\u024f\u0400-\u04ff\u20ac$%]+(?:[-'][a-z0-9#\u00e0-\u024f]+)*")
_NEGATION = frozenset("no not without never nor neither".split())
_TOPIC_SHIFT = re.compile(
    r"^\W*(?:meanwhile|elsewhere|separately|in other (?:news|developments)|on the battlefield"
    r"|on the ground|on the front ?lines?|in a separate)\b",
    re.IGNORECASE,
)
"""Openings that announce a new topic: the sentences before do not lend it their evidence."""

MEMO_SIZE = 200_000
"""Tokens whose candidate cues are remembered before the memo starts afresh (bounds memory)."""
MEAN_CUE_WEIGHT = 2.0
"""Each section's cue weights are scaled to this mean: weights are relative within a section,
so a user's section of plain cues (weight 1 each) competes on equal terms with the defaults."""


@dataclass(frozen=True)
class ClassifierSettings:
    """The numeric settings of the classifier (the cue words themselves live in the taxonomy).

    The defaults were chosen by hand while looking at the whole gold corpus; ``briefings eval
    --folds K`` refits a few of them per fold to show how much that tuning overfits.
    """

    neighbour_weights: tuple[float, ...] = (0.3, 0.15, 0.05)
    """Share of the evidence lent by the sentences 1, 2 and 3 places away (in the same article)."""
    same_paragraph_bonus: float = 0.15
    """Extra share lent by a neighbour within the same paragraph."""
    article_weight: float = 0.25
    """Share of the article's average evidence (headline counted double) lent to every sentence."""
    context_gate: float = 4.0
    """Context counts fully for a sentence without cues and less as its own evidence grows: at
    this much own evidence, half. Context fills gaps; it does not overrule a clear sentence."""
    min_evidence: float = 2.5
    """Below this much evidence for any section, a sentence is ``other``."""
    also_ratio: float = 0.5
    """A second section is reported in ``also`` when its own evidence reaches this share of the best."""
    also_min: float = 5.0
    """... and at least this much own evidence."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "neighbour_weights", tuple(float(w) for w in self.neighbour_weights))
        values = (*self.neighbour_weights, self.same_paragraph_bonus, self.article_weight,
                  self.min_evidence, self.also_ratio, self.also_min)
        if any(v < 0 for v in values):
            raise ValueError(f"classifier settings must not be negative: {self}")
        if self.context_gate <= 0:
            raise ValueError(f"context_gate must be positive, not {self.context_gate}")

    def scale_neighbours(self, factor: float) -> "ClassifierSettings":
        """The same settings with everything neighbours lend (their shares and the
        same-paragraph bonus) multiplied by ``factor``."""
        return replace(
            self,
            neighbour_weights=tuple(w * factor for w in self.neighbour_weights),
            same_paragraph_bonus=self.same_paragraph_bonus * factor,
        )


DEFAULT_SETTINGS = ClassifierSettings()


@dataclass(frozen=True)
class _CompiledCue:
    words: tuple[str, ...]
    """Each word exact, or a prefix when it ends with ``*``."""
    weights: tuple[tuple[str, float], ...]
    """(section key, weight) pairs: one cue may point to several sections."""
    rest: list[str] | None = field(init=False, compare=False, repr=False)
    """The words after the first when all are exact (compared as one list slice), else None."""

    def __post_init__(self) -> None:
        exact = not any(word.endswith("*") for word in self.words[1:])
        object.__setattr__(self, "rest", list(self.words[1:]) if exact else None)


class CueLexiconClassifier:
    """Scores sentences against the cues of a taxonomy; build it once per taxonomy (and use
    ``with_settings`` for other numeric settings: the compiled cues are shared).

    A ``SectionClassifier`` (``classifiers.py``): it pickles as its recipe (taxonomy and
    settings), so a worker process compiles the cues once instead of receiving the memo."""

    def __init__(self, taxonomy: Taxonomy, settings: ClassifierSettings | None = None) -> None:
        self.settings: ClassifierSettings = settings or DEFAULT_SETTINGS
        self.taxonomy = taxonomy
        self.keys: tuple[str, ...] = taxonomy.keys
        self.labels: tuple[str, ...] = self.keys + (OTHER,)
        cues: dict[tuple[str, ...], dict[str, float]] = {}
        for section in taxonomy.sections:
            _add_cues(cues, section.key, section.cues)
        _add_cues(cues, OTHER, taxonomy.other)
        self._exact: dict[str, list[_CompiledCue]] = {}
        self._prefix: dict[str, list[_CompiledCue]] = {}
        for words, weights in sorted(cues.items(), key=lambda kv: -len(kv[0])):
            cue = _CompiledCue(words, _strongest(weights))
            first = words[0]
            if first.endswith("*"):
                self._prefix.setdefault(first[:-1], []).append(cue)
            else:
                self._exact.setdefault(first, []).append(cue)
        self._prefix_lengths = sorted({len(p) for p in self._prefix}, reverse=True)
        self._memo: dict[str, tuple[_CompiledCue, ...]] = {}

    def __reduce__(self) -> tuple[object, tuple[Taxonomy, ClassifierSettings]]:
        return (classifier_for, (self.taxonomy, self.settings))

    @property
    def fingerprint(self) -> str:
        """The cues (the whole taxonomy) and the numeric settings: what its decisions read."""
        text = repr(("cues", self.taxonomy, self.settings))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def with_settings(self, settings: ClassifierSettings | None) -> "CueLexiconClassifier":
        """This classifier with other numeric settings; the compiled cues (and the memo of
        cues per token, which does not depend on the settings) are shared, not rebuilt."""
        settings = settings or DEFAULT_SETTINGS
        if settings == self.settings:
            return self
        twin = object.__new__(CueLexiconClassifier)  # not copy.copy: that would go by __reduce__
        twin.__dict__.update(self.__dict__, settings=settings)
        return twin

    def evidence(self, text: str) -> dict[str, float]:
        """The summed cue weights per label found in one sentence."""
        tokens = tokenize(text)
        scores: dict[str, float] = {}
        memo = self._memo
        count = len(tokens)
        i = 0
        while i < count:
            cues = memo.get(tokens[i])
            if cues is None:
                cues = self._candidates(tokens[i])
            cue = _longest(cues, tokens, i) if cues else None  # most words are no cue's start
            if cue is None:
                i += 1
                continue
            damp = 0.3 if i and tokens[i - 1] in _NEGATION else 1.0
            for key, weight in cue.weights:
                scores[key] = scores.get(key, 0.0) + weight * damp
            i += len(cue.words)
        return scores

    def classify(
        self, texts: Sequence[str], paragraphs: Sequence[int] | None = None, headline: int | None = None
    ) -> list[Decision]:
        """Decide every sentence of one article (content sentences only, in order).

        ``paragraphs`` gives each sentence's paragraph index; ``headline`` the index of the
        article's headline among ``texts``, if it is there.
        """
        return self.decide(texts, [self.evidence(t) for t in texts], paragraphs, headline)

    def decide(
        self,
        texts: Sequence[str],
        own: Sequence[dict[str, float]],
        paragraphs: Sequence[int] | None = None,
        headline: int | None = None,
    ) -> list[Decision]:
        """``classify`` with each text's ``evidence`` given (a caller that also reads the
        evidence, the learned classifier, computes it once)."""
        paragraphs = paragraphs or list(range(len(texts)))
        article = self._article_prior(own, headline)
        shifts = [0]  # shifts[k]: topic shifts among texts[:k]
        for t in texts:
            shifts.append(shifts[-1] + bool(_TOPIC_SHIFT.match(t)))
        return [self._decide(own, i, paragraphs, article, shifts) for i in range(len(texts))]

    def _match(self, tokens: Sequence[str], i: int) -> _CompiledCue | None:
        """The longest cue that starts at token ``i``."""
        return _longest(self._candidates(tokens[i]), tokens, i)

    def _candidates(self, token: str) -> tuple[_CompiledCue, ...]:
        """Cues whose first word fits ``token``, remembered per token (words recur a lot)."""
        found = self._memo.get(token)
        if found is None:
            items = list(self._exact.get(token, ()))
            for length in self._prefix_lengths:
                if length <= len(token):
                    items.extend(self._prefix.get(token[:length], ()))
            found = tuple(items)
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
            self._memo[token] = found
        return found

    def _article_prior(self, own: Sequence[dict[str, float]], headline: int | None) -> dict[str, float]:
        """The article's average evidence per label, its headline counted double."""
        total: dict[str, float] = {}
        for i, scores in enumerate(own):
            factor = 2.0 if i == headline else 1.0
            for key, value in scores.items():
                total[key] = total.get(key, 0.0) + factor * value
        n = max(len(own), 1)
        return {k: v / n for k, v in total.items()}

    def _decide(
        self,
        own: Sequence[dict[str, float]],
        i: int,
        paragraphs: Sequence[int],
        article: dict[str, float],
        shifts: Sequence[int],
    ) -> Decision:
        """``shifts`` counts topic shifts: ``shifts[k]`` among the first ``k`` sentences."""
        settings = self.settings
        mine = own[i]
        gate = settings.context_gate / (settings.context_gate + sum(mine.values()))
        factor = gate * settings.article_weight
        combined = {key: factor * value for key, value in article.items()}
        for key, value in mine.items():
            combined[key] = combined.get(key, 0.0) + value
        count = len(own)
        for distance, share in enumerate(settings.neighbour_weights, start=1):
            for j in (i - distance, i + distance):
                # no topic shift ("Meanwhile, ...") among the sentences after min(i, j) up to max(i, j)
                if 0 <= j < count and shifts[max(i, j) + 1] == shifts[min(i, j) + 1]:
                    bonus = settings.same_paragraph_bonus if paragraphs[j] == paragraphs[i] else 0.0
                    factor = gate * (share + bonus)
                    for key, value in own[j].items():
                        combined[key] = combined.get(key, 0.0) + factor * value
        return self._choose(mine, combined)

    def _choose(self, own: dict[str, float], combined: dict[str, float]) -> Decision:
        settings = self.settings
        ranked = sorted(((v, k) for k, v in combined.items() if k in self.labels), reverse=True)
        if not ranked or ranked[0][0] < settings.min_evidence:
            return Decision(OTHER, (), 0.3)
        best_value, best = ranked[0]
        total = sum(v for v, _ in ranked)
        confidence = (best_value / total) * min(1.0, best_value / (2 * settings.min_evidence + 2))
        also = tuple(
            k
            for k, v in own.items()
            if k not in (best, OTHER)
            and k in self.keys
            and v >= settings.also_min
            and v >= settings.also_ratio * own.get(best, 0.0)
        )
        return Decision(best, also, round(max(0.05, min(confidence, 1.0)), 3))


def tokenize(text: str) -> list[str]:
    """Lower-case words, possessive ``'s`` removed, hyphenated words kept whole, every run of
    digits written ``#`` (so that a cue can say "#-year-old" or "since #")."""
    text = _DIGITS.sub("#", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    tokens = _TOKEN.findall(text)
    if "'s" not in text:
        return tokens  # no token ends in 's
    return [t[:-2] if t.endswith("'s") else t for t in tokens]


def classifier_for(taxonomy: Taxonomy, settings: ClassifierSettings | None = None) -> CueLexiconClassifier:
    """The classifier of a taxonomy with ``settings`` (default ``DEFAULT_SETTINGS``): the cues
    are compiled once per taxonomy, the settings are applied on top (so a cached classifier
    never answers with another caller's settings)."""
    return _compiled_for(taxonomy).with_settings(settings)


@lru_cache(maxsize=16)
def _compiled_for(taxonomy: Taxonomy) -> CueLexiconClassifier:
    """One compiled classifier (default settings) per taxonomy (taxonomies are frozen, so they
    can key a cache)."""
    return CueLexiconClassifier(taxonomy)


def _strongest(weights: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """A cue listed by several sections counts for the one(s) that weigh it most: a user's
    ``energy`` section that lists "power grid" claims it from the default ``strikes``."""
    top = max(weights.values())
    return tuple((key, w) for key, w in weights.items() if w >= top - 1e-9)


def _add_cues(cues: dict[tuple[str, ...], dict[str, float]], key: str, items: Sequence[Cue]) -> None:
    """Index one section's cues, the weights a person gave scaled to ``MEAN_CUE_WEIGHT`` on
    average; cues read from examples keep their own small weight (a dozen example words, each
    scaled to a weighed cue's, made a sentence that shares them outweigh any neighbour)."""
    positive = [c.weight for c in items if c.weight > 0 and not c.read]
    scale = MEAN_CUE_WEIGHT / (sum(positive) / len(positive)) if positive else 1.0
    for cue in items:
        words = tuple(tokenize_cue(cue.pattern))
        if words:
            weights = cues.setdefault(words, {})
            weights[key] = weights.get(key, 0.0) + cue.weight * (1.0 if cue.read else scale)


def tokenize_cue(pattern: str) -> list[str]:
    """A cue's words as the matcher sees them; a trailing ``*`` stays on its word."""
    words = []
    for raw in pattern.lower().replace("\u2019", "'").split():
        star = raw.endswith("*")
        found = tokenize(raw.rstrip("*"))
        if not found:
            continue
        words.extend(found[:-1])
        words.append(found[-1] + ("*" if star else ""))
    return words


def _longest(cues: Sequence[_CompiledCue], tokens: Sequence[str], i: int) -> _CompiledCue | None:
    """The longest of ``cues`` (the first of equals) that matches the tokens from ``i`` on."""
    best = None
    for cue in cues:
        size = len(cue.words)
        if best is None or size > len(best.words):
            # the first word always matches: the cue was found by it
            rest = cue.rest
            if size == 1 or (tokens[i + 1:i + size] == rest if rest is not None else _matches(cue.words, tokens, i)):
                best = cue
    return best


def _matches(words: Sequence[str], tokens: Sequence[str], i: int) -> bool:
    if i + len(words) > len(tokens):
        return False
    for word, token in zip(words, tokens[i:]):
        if word.endswith("*"):
            if not token.startswith(word[:-1]):
                return False
        elif word != token:
            return False
    return True
