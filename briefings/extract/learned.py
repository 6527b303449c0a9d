"""A section classifier fitted on labelled articles: the ``learned`` classifier.

Why: the cue lexicon was written while reading 27 articles and falls apart on news nobody tuned
it to. This classifier weighs what each source of evidence knows, with weights fitted on the
gold units of the dev and train corpora (``python -m briefings.extract.train``):

- in a first stage, what the sentence says by itself (``features.py``): its own words
  (unigrams, bigrams, 5-letter stems), the multilingual event concepts of
  ``data/lexicons/events.json`` (so that English training articles teach what a French, German,
  Spanish, Russian or Ukrainian word of the same concept means), the taxonomy's cue evidence
  and the CAMEO verbs of the PETRARCH2 dictionary (``data/models/cameo-verbs.json``, MIT, see
  ``LICENSE-petrarch2.txt`` there) once its speaker clause is set aside ("said" is never the
  event), and its line shape (length, ends, case, digits, links, a caption's trailing date);
- context, in a second stage: the first stage's probabilities of the neighbours (1 and 2 away,
  same paragraph or not), of the paragraph, of the article and of its headline, the cue
  lexicon's own contextual decision, and in an article not in English (read off its words:
  ``features.is_foreign``) the sentence's concept counts instead of that English lexicon's
  decision.

Both stages are multinomial logistic regressions over five labels (the four sections and
``boilerplate``: a line the cleaner let through may still be a caption or a promo). Inference
is a few dictionary look-ups and sums per sentence, in pure Python: no numpy at run time, and
the model (a JSON file of weights) is read once per process, when first used.

Sections the model was not trained on (a user's own ``[sections.KEY]``) are decided by the cue
lexicon: when its decision for a sentence is such a section, that decision stands. A dropped
section simply stops competing.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from operator import mul
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import BOILERPLATE, OTHER
from .decision import Decision
from .features import Concepts, article_features, is_foreign, lexicon_path, load_concepts
from .sections import classifier_for

if TYPE_CHECKING:
    from ..taxonomy import Taxonomy

MODEL_FILE = "sections-learned.json"
CAMEO_FILE = "cameo-verbs.json"
FEATURE_VERSION = 2
"""Bumped whenever the features below change meaning: the model file records the version it
was trained with, and a mismatch is refused (the weights would be read against other features)."""

BOILERPLATE_THRESHOLD = 0.5
"""A line the cleaner kept is dropped as boilerplate only when the model is at least this sure
(a wrongly dropped news sentence is lost; a caption let through is a nuisance)."""


_GROUP_FEATURES = ("g:diplomacy", "g:strikes", "g:aid", "g:other", "g:boilerplate")
"""The first stage's concept counts per section that the second stage reads again in an
article not in English (where the word weights of the first stage are mostly silent)."""


class Context:
    """What the second stage reads of a whole article: its first-stage probabilities and the
    sums per paragraph and over the article (so each sentence's context costs O(labels))."""

    def __init__(self, probs: Sequence[Sequence[float]], paragraphs: Sequence[int], headline: int | None,
                 cue_choice: Sequence[int], labels: int, foreign: bool = False,
                 rows: Sequence[dict[str, float]] | None = None) -> None:
        self.probs = probs
        self.foreign = foreign
        self.rows = rows
        self.paragraphs = paragraphs
        self.headline = headline
        self.cue_choice = cue_choice
        self.labels = labels
        self.total = [sum(row[k] for row in probs) for k in range(labels)]
        self.by_paragraph: dict[int, tuple[int, list[float]]] = {}
        for row, p in zip(probs, paragraphs):
            count, sums = self.by_paragraph.get(p, (0, [0.0] * labels))
            self.by_paragraph[p] = (count + 1, [a + b for a, b in zip(sums, row)])

    def features(self, i: int) -> list[float]:
        """The second stage's features of sentence ``i``: its own first-stage log-probabilities,
        the neighbours' probabilities (1 away: also when in the same paragraph; 2 away: their
        mean), the rest of its paragraph's and of the article's mean, the headline's, the cue
        lexicon's contextual decision (one-hot; index ``labels``: a section the model lacks;
        none in an article not in English, where the English lexicon always says "other"),
        the sentence's concept counts per section in such an article, and its position."""
        probs, paragraphs, labels = self.probs, self.paragraphs, self.labels
        n = len(probs)
        mine = probs[i]
        out: list[float] = [math.log(max(p, 1e-6)) for p in mine]
        for j in (i - 1, i + 1):
            if 0 <= j < n:
                out.extend(probs[j])
                if paragraphs[j] == paragraphs[i]:
                    out.extend(probs[j])
                else:
                    out.extend([0.0] * labels)
                out.append(1.0)
            else:
                out.extend([0.0] * (2 * labels + 1))
        far = [probs[j] for j in (i - 2, i + 2) if 0 <= j < n]
        out.extend([sum(r[k] for r in far) / len(far) for k in range(labels)] if far else [0.0] * labels)
        count, sums = self.by_paragraph[paragraphs[i]]
        out.extend([(s - m) / (count - 1) for s, m in zip(sums, mine)] if count > 1 else [0.0] * labels)
        out.extend([(s - m) / (n - 1) for s, m in zip(self.total, mine)] if n > 1 else [0.0] * labels)
        headline = self.headline
        if headline is not None and headline != i and 0 <= headline < n:
            out.extend(probs[headline])
        else:
            out.extend([0.0] * labels)
        choice = [0.0] * (labels + 1)
        if not self.foreign:
            choice[self.cue_choice[i]] = 1.0  # the English cue lexicon says nothing of another language
        out.extend(choice)
        row = self.rows[i] if self.rows is not None and self.foreign else {}
        out.extend(row.get(name, 0.0) for name in _GROUP_FEATURES)
        out.append(i / max(n - 1, 1))
        out.append(1.0 if i == 0 else 0.0)
        out.append(1.0 if i == n - 1 else 0.0)
        return out


def softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


class LearnedModel:
    """The weights of both stages, read from the model file."""

    def __init__(self, data: dict[str, Any], cameo: dict[str, str], digest: str,
                 concepts: Concepts | None = None) -> None:
        if data.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"model file: feature version {data.get('feature_version')!r}, "
                             f"this code reads {FEATURE_VERSION}; retrain (python -m briefings.extract.train)")
        self.labels: tuple[str, ...] = tuple(data["labels"])
        self.own_weights: dict[str, list[float]] = data["stage1"]["weights"]
        self.own_bias: list[float] = data["stage1"]["bias"]
        self.context_weights: list[list[float]] = data["stage2"]["weights"]
        """One row per label, one column per context feature."""
        self.context_bias: list[float] = data["stage2"]["bias"]
        self.cameo = cameo
        self.concepts = concepts if concepts is not None else load_concepts()
        self.digest = digest

    def own_probs(self, features: dict[str, float]) -> list[float]:
        weights = self.own_weights
        if len(self.own_bias) != 5:
            scores = list(self.own_bias)
            for name, value in features.items():
                row = weights.get(name)
                if row is not None:
                    for k, w in enumerate(row):
                        scores[k] += w * value
            return softmax(scores)
        # the five labels of the shipped model, summed unrolled: a third of the time of the loop above
        s0, s1, s2, s3, s4 = self.own_bias
        get = weights.get
        for name, value in features.items():
            row = get(name)
            if row is not None:
                w0, w1, w2, w3, w4 = row
                s0 += w0 * value
                s1 += w1 * value
                s2 += w2 * value
                s3 += w3 * value
                s4 += w4 * value
        return softmax((s0, s1, s2, s3, s4))

    def context_probs(self, features: Sequence[float]) -> list[float]:
        return softmax([b + sum(map(mul, row, features)) for row, b in zip(self.context_weights, self.context_bias)])


_MODELS: dict[Path | None, LearnedModel] = {}
_LOCK = threading.Lock()


def model_path() -> Path:
    """The shipped model file (inside the installed package)."""
    return Path(str(resources.files("briefings") / "data" / "models" / MODEL_FILE))


def load_model(path: Path | None = None) -> LearnedModel:
    """The model at ``path`` (default: the shipped one), read once per process."""
    with _LOCK:
        model = _MODELS.get(path)
        if model is None:
            file = path or model_path()
            raw = file.read_bytes()
            data = json.loads(raw)
            cameo_file = file.with_name(CAMEO_FILE)
            cameo_raw = cameo_file.read_bytes() if cameo_file.exists() else b"{}"
            cameo = json.loads(cameo_raw).get("verbs", {})
            digest = hashlib.sha256(raw + cameo_raw + lexicon_path().read_bytes()).hexdigest()[:16]
            model = _MODELS[path] = LearnedModel(data, cameo, digest)
        return model


def model_digest(path: Path | None = None) -> str:
    """A hash of the model file, the CAMEO verbs and the event lexicon (part of the
    classifier's fingerprint)."""
    file = path or model_path()
    cameo_file = file.with_name(CAMEO_FILE)
    raw = file.read_bytes() + (cameo_file.read_bytes() if cameo_file.exists() else b"{}") + lexicon_path().read_bytes()
    return hashlib.sha256(raw).hexdigest()[:16]


class LearnedClassifier:
    """A ``SectionClassifier`` (``classifiers.py``) over a fitted model.

    Pickles as its recipe (taxonomy and model path): a worker process reads the model file
    once, on its first article."""

    def __init__(self, taxonomy: Taxonomy, path: Path | None = None, *,
                 model: LearnedModel | None = None, boilerplate_threshold: float = BOILERPLATE_THRESHOLD) -> None:
        self.taxonomy = taxonomy
        self.path = path
        self.boilerplate_threshold = boilerplate_threshold
        self._model = model
        self._cues = classifier_for(taxonomy)
        self._fingerprint: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.taxonomy, self.path, self.boilerplate_threshold))

    @property
    def model(self) -> LearnedModel:
        if self._model is None:
            self._model = load_model(self.path)
        return self._model

    @property
    def fingerprint(self) -> str:
        """The model file's hash, the taxonomy (its cues are features) and the settings."""
        if self._fingerprint is None:
            digest = self._model.digest if self._model is not None else model_digest(self.path)
            text = repr(("learned", FEATURE_VERSION, digest, self.taxonomy, self.boilerplate_threshold))
            self._fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        return self._fingerprint

    def probabilities(self, texts: Sequence[str], paragraphs: Sequence[int] | None = None,
                      headline: int | None = None) -> tuple[list[list[float]], list[list[float]], list[Decision]]:
        """Each text's probability per model label in context (the decision), the same from
        its own words alone (the first stage), and the cue lexicon's decisions."""
        model = self.model
        paragraphs = list(paragraphs) if paragraphs is not None else list(range(len(texts)))
        evidence = [self._cues.evidence(t) for t in texts]
        cue_decisions = self._cues.decide(texts, evidence, paragraphs, headline)
        rows = article_features(texts, evidence, model.cameo, model.concepts)
        own = [model.own_probs(row) for row in rows]
        index = {label: k for k, label in enumerate(model.labels)}
        choice = [index.get(d.section, len(model.labels)) for d in cue_decisions]
        context = Context(own, paragraphs, headline, choice, len(model.labels), is_foreign(rows), rows)
        probs = [model.context_probs(context.features(i)) for i in range(len(texts))]
        return probs, own, cue_decisions

    def classify(self, texts: Sequence[str], paragraphs: Sequence[int] | None = None,
                 headline: int | None = None) -> list[Decision]:
        if not texts:
            return []
        probs, own, cue_decisions = self.probabilities(texts, paragraphs, headline)
        allowed = set(self.taxonomy.keys) | {OTHER, BOILERPLATE}
        labels = self.model.labels
        decisions = []
        for row, own_row, cue in zip(probs, own, cue_decisions):
            if cue.section not in labels and cue.section in allowed:
                decisions.append(cue)  # a user's own section: the lexicon knows it, the model not
                continue
            ranked = sorted(((p, labels[k]) for k, p in enumerate(row) if labels[k] in allowed), reverse=True)
            if ranked[0][1] == BOILERPLATE and ranked[0][0] < self.boilerplate_threshold:
                ranked.append(ranked.pop(0))  # not sure enough to drop a line the cleaner kept
            best_p, best = ranked[0]
            also = tuple(label for p, label in ranked[1:]
                         if p >= 0.3 and label not in (OTHER, BOILERPLATE) and best != BOILERPLATE)
            decisions.append(Decision(best, also, fact_score(best_p, own_row[labels.index(best)])))
        return decisions


def fact_score(in_context: float, alone: float) -> float:
    """``Fact.score`` of a decision: the geometric mean of the label's probability in context
    and from the sentence's own words. Compose ranks facts by it, and a brief lifts sentences
    out of their articles: "Analysts were cautious." belongs to the talks by its neighbours
    (in context 0.6) but says nothing of them alone (0.02), so it should not lead a section,
    while the context probability alone is near 1 for most sentences of a one-topic article."""
    return round(math.sqrt(max(in_context, 0.0) * max(alone, 0.0)), 3)


def _rebuild(taxonomy: Taxonomy, path: Path | None, boilerplate_threshold: float) -> LearnedClassifier:
    return LearnedClassifier(taxonomy, path, boilerplate_threshold=boilerplate_threshold)


def learned_classifier(taxonomy: Taxonomy) -> LearnedClassifier:
    """The registry's factory: the shipped model for ``taxonomy``."""
    return LearnedClassifier(taxonomy)
