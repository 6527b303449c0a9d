"""Fit the ``learned`` section classifier on the gold corpora: one deterministic command.

    python -m briefings.extract.train [--corpus ../shared/corpus] [--out briefings/data/models]

reads the dev corpus (``CORPUS/articles`` + ``CORPUS/gold``) and the training corpus
(``CORPUS/train/articles`` + ``CORPUS/train/gold``), never anything else of ``CORPUS`` (the
acceptance sets beside them are not to be trained or tuned on), and writes
``sections-learned.json`` (the weights) and ``cameo-verbs.json`` (the CAMEO verb forms, derived
from ``../shared/lexicons/cameo``, MIT) into ``--out``. Same corpus, same files, byte for byte:
scikit-learn's L-BFGS solver is deterministic and the weights are rounded.

    python -m briefings.extract.train --folds 5 [--json FILE]

does not write a model: it scores the classifier k-fold over dev + train (articles of one
event never on both sides, see ``article_groups``), beside the cue lexicon on the same folds,
per label and per language.

Training needs scikit-learn (the ``train`` extra: ``pip install -e '.[train]'``); using the
model does not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..collect import read_file
from ..errors import BriefingsError
from ..lang import get_language
from ..evaluation.extraction import (ALL_LABELS, CONTENT_LABELS, EvalReport, GoldPair, load_gold_pairs,
                                     locate, normalise_with_map, score_article)
from ..evaluation.folds import check_fold_count, deal, splits
from ..model import BOILERPLATE, Article
from ..taxonomy import Taxonomy, load_default_taxonomy as load_taxonomy
from . import _with_fragments, extract_article
from .clean import boilerplate_reasons
from .features import article_features, is_foreign, load_concepts
from .learned import CAMEO_FILE, FEATURE_VERSION, MODEL_FILE, Context, LearnedClassifier, LearnedModel
from .sections import classifier_for
from .sentences import split_units

LABELS = CONTENT_LABELS + (BOILERPLATE,)
"""What the model decides, in the order of its weight columns."""
C_OWN = 0.5
"""Inverse regularisation of the first stage, chosen k-fold (``--folds 5`` macro-F1: 2.0 0.658,
1.0 0.660, 0.5 0.664, 0.25 0.663; class weight aid 1.5 gave 0.658 and is not used; with the
features of ``FEATURE_VERSION`` 2: 1.0 0.681, 0.5 0.684, 0.25 0.685)."""
C_CONTEXT = 1.0
MIN_COUNT = 2
"""A word feature seen in fewer training sentences is not kept (a name of one article)."""
CLASS_WEIGHT: str | None = None
"""Class weights of both stages (None: as found; "balanced" over-predicted boilerplate and aid)."""
INNER_FOLDS = 5
"""Folds used to make the out-of-fold first-stage probabilities the second stage learns from."""
SOLVER = "newton-cg"
"""scikit-learn's solver: the same convex optimum as L-BFGS, reached in a fifth of the time
(k-fold fits 35 models)."""
DIGITS = 4
"""Weights are rounded to this many decimals: the file stays small and byte-identical."""


# --- the corpus --------------------------------------------------------------------------

@dataclass
class LabelledArticle:
    """One gold article as the classifier sees it: its content sentences and their labels."""

    name: str
    pair: GoldPair
    article: Article
    texts: list[str]
    paragraphs: list[int]
    labels: list[str | None]
    """The gold label of each text (None: no gold sentence covers it)."""


def corpus_pairs(corpus: Path) -> list[GoldPair]:
    """Dev and train gold pairs of ``corpus`` (and nothing else of it)."""
    pairs = load_gold_pairs(corpus / "articles", corpus / "gold")
    train = corpus / "train"
    if (train / "gold").is_dir():
        pairs += load_gold_pairs(train / "articles", train / "gold")
    return pairs


def labelled(pair: GoldPair) -> LabelledArticle | None:
    """The article's content units (as extraction gives them to a classifier) with the gold
    label covering most of each unit's characters."""
    articles = read_file(pair.article_path)
    if not articles:
        return None
    article = articles[0]
    language = get_language(article.language)  # units and boilerplate exactly as extraction makes them
    units = split_units(article.text, language)
    reasons = boilerplate_reasons(units, article.title, language)
    content = [i for i, reason in enumerate(reasons) if reason is None]
    char_labels = _gold_char_labels(article.text, pair.gold)
    labels: list[str | None] = []
    for i in content:
        counts = Counter(char_labels[k] for k in range(units[i].start, units[i].end) if char_labels[k])
        labels.append(counts.most_common(1)[0][0] if counts else None)
    return LabelledArticle(pair.article_path.name, pair, article, _with_fragments(units, content),
                           [units[i].paragraph for i in content], labels)


def _gold_char_labels(text: str, gold: dict[str, Any]) -> list[str | None]:
    haystack, offsets = normalise_with_map(text)
    out: list[str | None] = [None] * len(text)
    cursor = 0
    for unit in gold.get("sentences", []):
        found = locate(unit["text"], haystack, cursor)
        if found is None:
            continue
        cursor = found[1]
        for k in range(offsets[found[0]], offsets[found[1] - 1] + 1):
            out[k] = unit["label"]
    return out


def article_groups(items: Sequence[LabelledArticle]) -> list[list[int]]:
    """Indices of articles that must stay on one side of a split, in name order: the gold
    ``cluster`` (same main event), and any two articles sharing a sentence of 60 characters or
    more (syndicated copies, recurring agency paragraphs)."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        keys = [f"cluster:{item.pair.gold['cluster']}"] if item.pair.gold.get("cluster") else []
        keys += [re.sub(r"\W+", " ", t.lower()).strip() for t in item.texts if len(t) >= 60]
        for key in keys:
            if key in seen:
                join(i, seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[int]] = {}
    for i in sorted(range(len(items)), key=lambda i: items[i].name):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


# --- features ----------------------------------------------------------------------------

def parse_cameo(path: Path) -> dict[str, str]:
    """Verb form → CAMEO event code, from a PETRARCH2 verb dictionary: each block's verbs (one
    word, lower case) with their explicit forms ``{...}`` or regular English inflections, under
    the block's code or the verb's own; verbs coded ``---`` (no event) are left out."""
    verbs: dict[str, str] = {}
    block: str | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].rstrip()
        head = re.match(r"^---\s+\S+\s+\[([^\]]*)\]", line)
        if head:
            block = head.group(1)
            continue
        if block is None or not line or not line[0].isalpha():
            continue
        m = re.match(r"^([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line)
        if not m or "_" in m.group(1):
            continue
        code = m.group(3)[1:-1].split(":")[0].strip() if m.group(3) else block
        if not code[:1].isdigit():
            continue
        word = m.group(1).lower()
        forms = m.group(2)[1:-1].lower().split() if m.group(2) else _inflections(word)
        for form in [word, *forms]:
            verbs.setdefault(form, code)
    return dict(sorted(verbs.items()))


def _inflections(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return [verb + "es", verb + "ed", verb + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


def article_own_features(item: LabelledArticle, taxonomy: Taxonomy, cameo: dict[str, str]) -> list[dict[str, float]]:
    cues = classifier_for(taxonomy)
    return article_features(item.texts, [cues.evidence(t) for t in item.texts], cameo, load_concepts())


# --- fitting -----------------------------------------------------------------------------

@dataclass
class Fitted:
    vocabulary: dict[str, int]
    own_coef: Any
    own_bias: Any
    context_coef: Any
    context_bias: Any

    def to_json(self, meta: dict[str, Any]) -> dict[str, Any]:
        names = sorted(self.vocabulary)
        weights = {}
        for name in names:
            row = [round(float(w), DIGITS) for w in self.own_coef[:, self.vocabulary[name]]]
            if any(row):
                weights[name] = [w + 0.0 for w in row]  # no -0.0
        return {
            "feature_version": FEATURE_VERSION,
            "labels": list(LABELS),
            **meta,
            "stage1": {"bias": [round(float(b), DIGITS) + 0.0 for b in self.own_bias], "weights": weights},
            "stage2": {"bias": [round(float(b), DIGITS) + 0.0 for b in self.context_bias],
                       "weights": [[round(float(w), DIGITS) + 0.0 for w in row] for row in self.context_coef]},
        }

    def model(self, cameo: dict[str, str]) -> LearnedModel:
        """The fitted weights as the classifier reads them (rounded like the file)."""
        return LearnedModel(self.to_json({}), cameo, digest="unsaved")


def fit(items: Sequence[LabelledArticle], features: Sequence[list[dict[str, float]]], taxonomy: Taxonomy,
        cameo: dict[str, str], groups: Sequence[Sequence[int]] | None = None) -> Fitted:
    """Both stages on ``items`` (``features``: each item's first-stage features). The second
    stage learns from first-stage probabilities made out of fold (``INNER_FOLDS`` over the
    article groups), so it sees them as unreliable as they are on unseen articles."""
    from sklearn.linear_model import LogisticRegression

    rows = [(a, k) for a, item in enumerate(items) for k, label in enumerate(item.labels) if label is not None]
    counts = Counter(name for a, k in rows for name in features[a][k])
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, c in counts.items()
                                                          if c >= MIN_COUNT or not n.startswith(("w:", "b:", "p:"))))}
    label_index = {label: i for i, label in enumerate(LABELS)}

    def own_model(article_ids: set[int]) -> Any:
        chosen = [(a, k) for a, k in rows if a in article_ids]
        x_rows = [features[a][k] for a, k in chosen]
        y = [label_index[cast(str, items[a].labels[k])] for a, k in chosen]  # rows hold labelled units only
        weights = [1.0] * len(x_rows)
        if AUGMENT_WEIGHT:
            x_rows = x_rows + [without_words(row) for row in x_rows]
            y = y + y
            weights = weights + [AUGMENT_WEIGHT] * len(weights)
        return LogisticRegression(C=C_OWN, max_iter=3000, class_weight=CLASS_WEIGHT, solver=SOLVER).fit(
            _sparse(x_rows, vocabulary), y, sample_weight=weights)

    groups = groups or [[i] for i in range(len(items))]
    out_of_fold: dict[int, list[list[float]]] = {}
    for split in splits(deal(groups, INNER_FOLDS), len(items)):
        model = own_model(set(split.train))
        for a in split.held_out:
            out_of_fold[a] = _probabilities(model, features[a], vocabulary)
    context_x, context_y = [], []
    cues = classifier_for(taxonomy)
    for a, item in enumerate(items):
        context = Context(out_of_fold[a], item.paragraphs, 0, _cue_choices(cues, item), len(LABELS),
                          is_foreign(features[a]), features[a])
        for k, label in enumerate(item.labels):
            if label is not None:
                context_x.append(context.features(k))
                context_y.append(label_index[label])
    context = LogisticRegression(C=C_CONTEXT, max_iter=3000, class_weight=CLASS_WEIGHT, solver=SOLVER).fit(context_x, context_y)
    own = own_model(set(range(len(items))))
    return Fitted(vocabulary, *_all_labels(own), *_all_labels(context))


WORD_FEATURES = ("w:", "p:", "b:", "cue:", "cameo:")
"""Features that fire only in the language of the training sentence (its words, and the
English cue lexicon and CAMEO verbs)."""
AUGMENT_WEIGHT = 0.3
"""The weight of each training sentence's copy without its word features (``without_words``):
it teaches the model to decide by the multilingual concepts and the line's shape alone, as it
must for a language whose words it has not seen (``--folds 5`` macro-F1: 0 0.677, 0.3 0.682,
1.0 0.682; German 0.464, 0.499, 0.495)."""


def without_words(row: dict[str, float]) -> dict[str, float]:
    """The features of a sentence as a reader of another language sees them."""
    return {name: value for name, value in row.items() if not name.startswith(WORD_FEATURES)}


ABSENT_BIAS = -30.0
"""The bias of a label no training sentence had (a small corpus without boilerplate, say): never chosen."""


def _all_labels(model: Any) -> tuple[Any, Any]:
    """Weights and biases with one row per label of ``LABELS``, in order, also for labels the
    training rows lacked (scikit-learn fits only the classes it saw)."""
    import numpy

    classes = [int(c) for c in model.classes_]
    coef = numpy.zeros((len(LABELS), model.coef_.shape[1]))
    bias = numpy.full(len(LABELS), ABSENT_BIAS)
    if len(classes) == 2:  # a binary fit has one row: the second class against the first
        coef[classes[1]], bias[classes[1]] = model.coef_[0], model.intercept_[0]
        bias[classes[0]] = 0.0
        return coef, bias
    for row, label in enumerate(classes):
        coef[label], bias[label] = model.coef_[row], model.intercept_[row]
    return coef, bias


def _cue_choices(cues: Any, item: LabelledArticle) -> list[int]:
    decisions = cues.classify(item.texts, item.paragraphs, 0 if item.texts else None)
    index = {label: i for i, label in enumerate(LABELS)}
    return [index.get(d.section, len(LABELS)) for d in decisions]


def _sparse(rows: Sequence[dict[str, float]], vocabulary: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    data, indices, indptr = [], [], [0]
    for row in rows:
        for name, value in sorted(row.items()):
            column = vocabulary.get(name)
            if column is not None:
                indices.append(column)
                data.append(value)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocabulary)))


def _probabilities(model: Any, rows: Sequence[dict[str, float]], vocabulary: dict[str, int]) -> list[list[float]]:
    if not rows:
        return []
    out = [[0.0] * len(LABELS) for _ in rows]
    for row, p in zip(out, model.predict_proba(_sparse(rows, vocabulary))):
        for label, value in zip(model.classes_, p):
            row[int(label)] = float(value)
    return out


# --- commands ----------------------------------------------------------------------------

def shipped_cameo() -> dict[str, str]:
    """The CAMEO verb forms shipped beside the model (what ``train`` derived from the dictionary)."""
    from .learned import model_path

    data = json.loads(model_path().with_name(CAMEO_FILE).read_text(encoding="utf-8"))
    return dict(data.get("verbs", {}))


def load_corpus(corpus: Path) -> list[LabelledArticle]:
    items = [item for item in map(labelled, corpus_pairs(corpus)) if item is not None]
    return sorted(items, key=lambda item: item.name)


def train(corpus: Path, cameo_path: Path, out: Path) -> dict[str, Any]:
    """Fit on all of dev + train and write the model and the CAMEO verbs into ``out``."""
    taxonomy = load_taxonomy()
    cameo = parse_cameo(cameo_path)
    items = load_corpus(corpus)
    features = [article_own_features(item, taxonomy, cameo) for item in items]
    fitted = fit(items, features, taxonomy, cameo, article_groups(items))
    counts = Counter(label for item in items for label in item.labels if label)
    meta = {"trained_on": {"articles": len(items), "sentences": dict(sorted(counts.items())),
                           "corpora": ["articles+gold", "train/articles+train/gold"]},
            "settings": {"C_own": C_OWN, "C_context": C_CONTEXT, "min_count": MIN_COUNT,
                         "inner_folds": INNER_FOLDS}}
    out.mkdir(parents=True, exist_ok=True)
    _write_json(out / MODEL_FILE, fitted.to_json(meta))
    _write_json(out / CAMEO_FILE, {
        "source": "PETRARCH2 CAMEO.2.0.txt (github.com/openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf), "
                  "MIT licence: LICENSE-petrarch2.txt beside this file. Verb forms and their CAMEO event codes only.",
        "verbs": cameo,
    })
    licence = cameo_path.with_name("LICENSE-petrarch2.txt")
    if licence.exists():
        (out / "LICENSE-petrarch2.txt").write_bytes(licence.read_bytes())
    return meta


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    tmp.replace(path)


@dataclass
class KFoldResult:
    folds: int
    learned: EvalReport
    cues: EvalReport
    by_language: dict[str, tuple[EvalReport, EvalReport]]
    """Language → (learned, cues), pooled held-out."""
    fold_articles: list[list[str]]


def kfold(corpus: Path, cameo_path: Path, folds: int, boilerplate_threshold: float | None = None) -> KFoldResult:
    """``kfold_pairs`` over the dev and train gold of ``corpus`` (the command's ``--folds``)."""
    return kfold_pairs(corpus_pairs(corpus), parse_cameo(cameo_path), folds,
                       boilerplate_threshold=boilerplate_threshold)


def kfold_pairs(pairs: Sequence[GoldPair], cameo: dict[str, str], folds: int, taxonomy: Taxonomy | None = None,
                *, boilerplate_threshold: float | None = None) -> KFoldResult:
    """Each fold of article groups held out once; the classifier is fitted on the other folds
    and scored on it exactly as ``briefings eval`` scores (whole extraction, character overlap),
    beside the cue lexicon on the same articles. ``taxonomy``: whose cues are features and
    whose lexicon is compared (default: the packaged one, as the shipped model is trained)."""
    taxonomy = taxonomy or load_taxonomy()
    items = sorted((item for item in map(labelled, pairs) if item is not None), key=lambda item: item.name)
    features = [article_own_features(item, taxonomy, cameo) for item in items]
    groups = article_groups(items)
    check_fold_count(folds, len(groups))
    learned, cues = EvalReport(), EvalReport()
    by_language: dict[str, tuple[EvalReport, EvalReport]] = {}
    names = []
    for split in splits(deal(groups, folds), len(items)):
        train_items = [items[i] for i in split.train]
        train_groups = [[split.train.index(i) for i in g] for g in groups if g[0] in set(split.train)]
        fitted = fit(train_items, [features[i] for i in split.train], taxonomy, cameo, train_groups)
        options: dict[str, Any] = {} if boilerplate_threshold is None else {"boilerplate_threshold": boilerplate_threshold}
        classifier = LearnedClassifier(taxonomy, model=fitted.model(cameo), **options)
        names.append([items[i].name for i in split.held_out])
        for i in split.held_out:
            item = items[i]
            ours = score_article(item.article, extract_article(item.article, classifier), item.pair.gold)
            theirs = score_article(item.article, extract_article(item.article, taxonomy), item.pair.gold)
            learned.merge(ours)
            cues.merge(theirs)
            language = item.article.language or "?"
            pair = by_language.setdefault(language, (EvalReport(), EvalReport()))
            pair[0].merge(ours)
            pair[1].merge(theirs)
    return KFoldResult(folds, learned, cues, by_language, names)


def format_kfold(result: KFoldResult, over: str = "dev + train") -> str:
    lines = [f"k-fold ({result.folds} folds over {over}; article groups by gold cluster and shared sentences "
             f"never split; every article scored once by a model fitted without it)",
             f"{'label':12} {'learned P':>9} {'R':>6} {'F1':>6}   {'cues P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
    for label in ALL_LABELS:
        a, b = result.learned.score(label), result.cues.score(label)
        lines.append(f"{label:12} {a.precision:9.3f} {a.recall:6.3f} {a.f1:6.3f}   "
                     f"{b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f} {a.support:5d}")
    lines.append(f"macro-F1 (diplomacy, strikes, aid, other): learned {result.learned.macro_f1:.3f}, "
                 f"cues {result.cues.macro_f1:.3f}")
    lines.append(f"{'language':8} {'articles':>8} {'learned F1':>10} {'cues F1':>8} {'learned bp P/R':>15} {'cues bp P/R':>12}")
    for language, (mine, theirs) in sorted(result.by_language.items(), key=lambda kv: -kv[1][0].articles):
        abp, bbp = mine.score(BOILERPLATE), theirs.score(BOILERPLATE)
        lines.append(f"{language:8} {mine.articles:8d} {mine.present_macro_f1:10.3f} {theirs.present_macro_f1:8.3f} "
                     f"{abp.precision:7.3f}/{abp.recall:.3f} {bbp.precision:6.3f}/{bbp.recall:.3f}")
    lines.append("per language: macro-F1 over the labels with gold in that language")
    return "\n".join(lines)


def kfold_json(result: KFoldResult) -> dict[str, Any]:
    return {
        "folds": result.folds,
        "learned": result.learned.to_json(),
        "cues": result.cues.to_json(),
        "by_language": {lang: {"articles": a.articles, "learned_macro_f1_present": round(a.present_macro_f1, 4),
                               "cues_macro_f1_present": round(b.present_macro_f1, 4),
                               "learned": a.to_json()["labels"], "cues": b.to_json()["labels"]}
                        for lang, (a, b) in sorted(result.by_language.items())},
        "fold_articles": result.fold_articles,
    }


def default_corpus() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefings.extract.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(),
                        help="folder with articles/, gold/ and train/ (default: ../shared/corpus)")
    parser.add_argument("--cameo", type=Path, default=None,
                        help="CAMEO verb dictionary (default: CORPUS/../lexicons/cameo/CAMEO.2.0.txt)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "models",
                        help="where the model files are written (default: the package's data/models)")
    parser.add_argument("--folds", type=int, default=0, help="score k-fold instead of training the shipped model")
    parser.add_argument("--json", type=Path, default=None, help="with --folds: write the figures as JSON here")
    args = parser.parse_args(argv)
    cameo = args.cameo or args.corpus.parent / "lexicons" / "cameo" / "CAMEO.2.0.txt"
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("training needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    for path in (args.corpus / "gold", cameo):
        if not path.exists():
            print(f"{path}: not found (give --corpus / --cameo)", file=sys.stderr)
            return 2
    try:
        if args.folds:
            result = kfold(args.corpus, cameo, args.folds)
            print(format_kfold(result))
            if args.json:
                _write_json(args.json, kfold_json(result))
        else:
            meta = train(args.corpus, cameo, args.out)
            print(f"wrote {args.out / MODEL_FILE} ({meta['trained_on']['articles']} articles, "
                  f"{sum(meta['trained_on']['sentences'].values())} sentences)")
    except BriefingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
