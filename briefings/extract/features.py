"""The first-stage features of the ``learned`` section classifier: what one sentence says.

Why a module of its own: training (``train.py``) and inference (``learned.py``) must read a
sentence identically, and the features are where most of the classifier's knowledge lives:

- the sentence's own words (unigrams, bigrams, and 5-letter stems, so German, Russian or
  Ukrainian inflections share a feature);
- the event vocabulary of the field in every language the brief reads: the concepts of
  ``data/lexicons/events.json`` ("attack", "talks", "funding", ...; en, fr, de, es, it, ru,
  uk) fire the same feature whatever the language, so the English training articles teach
  their weights and a Spanish "bombardeo" or a Russian "обстрел" is read with them;
- the taxonomy's cue evidence per section and the CAMEO verbs of the PETRARCH2 dictionary
  (English), read once the speaker clause ("..., X said", "according to X", and the speech
  verbs of the other languages) is set aside: "said" is never the event;
- the line's shape, which tells boilerplate on any site: length, final punctuation, case,
  digits, links, copyright signs, separators.

Everything here is pure Python and memoised per token: inference must stay fast.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .sections import MEMO_SIZE

LEXICON_FILE = "events.json"

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[\w#\u20ac$%\u00a3]+(?:['\u2019-][\w#]+)*")
"""Words of any script (``\\w``: German ß, Ukrainian апостроф words "прем'єр" stay whole)."""

_SPEECH_VERBS = (
    r"said|says|told|added|stated|wrote|noted|claimed|reported|according"
    # fr, de, es, it, ru, uk: the wire's verbs of saying, past and present
    r"|a\s+déclaré|a\s+dit|a\s+affirmé|a\s+ajouté|a\s+indiqué|a\s+précisé|déclare|affirme|estime"
    r"|sagte|sagten|erklärte|erklärten|betonte|teilte\s+\w+\s+mit|hieß\s+es"
    r"|dijo|afirmó|declaró|aseguró|señaló|indicó|añadió|explicó"
    r"|ha\s+detto|ha\s+dichiarato|ha\s+affermato|ha\s+spiegato"
    r"|заявил|заявила|заявили|сказал|сказала|сообщил|сообщила|сообщили|отметил|отметила|подчеркнул"
    r"|заявив|заявила|заявили|сказав|сказала|повідомив|повідомила|повідомили|зазначив|зазначила|наголосив"
)
_SPEAKER_TRAILING = re.compile(
    r"[,\u201d\"\u00bb]\s*(?:(?:the|a|an)\s+)?[\w.'\u2019 -]{2,80}?\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:said|says|told|added|stated|wrote|noted|claimed|reported|according)\b[^,]{0,60}[.!?\u201d\"]*$"
)
_SPEAKER_INVERTED = re.compile(
    rf"[,\u201d\"\u00bb]\s*[-\u2013\u2014]?\s*(?:{_SPEECH_VERBS})\s+[^,]{{2,80}}[.!?]*$", re.IGNORECASE
)
_SPEAKER_LEADING = re.compile(
    r"^[\w.'\u2019 -]{2,80}?\s+(?:has\s+|have\s+|had\s+)?(?:said|says|told\s+\w+|stated|added|claimed)\s+(?:that\s+)?"
)
_ACCORDING = re.compile(
    r",?\s*(?:according\s+to|selon|d['\u2019]après|laut|según|de\s+acuerdo\s+con|secondo|по\s+словам|по\s+данным"
    r"|за\s+словами|за\s+даними)\s+[^,.;]{2,80}",
    re.IGNORECASE,
)
_ACCORDING_HINTS = ("according", "selon", "après", "apres", "laut", "según", "acuerdo", "secondo", "словам",
                    "данным", "даними")
"""Words one of which every ``_ACCORDING`` match holds (a substring test first: it is cheap)."""
_QUOTE_CHARS = frozenset("\"\u201c\u201d\u00ab\u00bb\u201e")
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net|ru|ua|de|fr|es|it)\b|@\w")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_YEAR_END = re.compile(r"\b(?:19|20)\d\d\W{0,3}$")
_DATELINE = re.compile(r"^[A-Z\u0410-\u042f\u0401\u0406\u0407\u0404]{3,}[A-Z\u0410-\u042f\u0401\u0406\u0407\u0404 -]*[,(\u2014\u2013]")
_LABEL_START = re.compile(r"^[^:.!?]{1,30}:\s")


def tokenize(text: str) -> list[str]:
    """Lower-case words of any script, every run of digits written ``#``."""
    return _TOKEN.findall(_DIGITS.sub("#", text.lower().replace("\u2018", "'")))


def main_clause(text: str) -> str:
    """The sentence with its speaker clause set aside ("..., the ministry said." → "...";
    "..., заявил Песков." → "..."; "Selon l'armée, ..." → "...")."""
    lowered = text.lower()
    stripped = _ACCORDING.sub("", text) if any(hint in lowered for hint in _ACCORDING_HINTS) else text
    stripped = _SPEAKER_TRAILING.sub("", stripped)
    stripped = _SPEAKER_INVERTED.sub("", stripped)
    stripped = _SPEAKER_LEADING.sub("", stripped, count=1)
    stripped = stripped.lstrip(" ,")
    return stripped if len(stripped) >= 12 else text


def bucket(value: float, edges: Sequence[float]) -> int:
    """The index of the first edge ``value`` is below (``len(edges)`` past the last)."""
    for i, edge in enumerate(edges):
        if value < edge:
            return i
    return len(edges)


# --- the multilingual event vocabulary ----------------------------------------------------

class Concepts:
    """The concepts of the event lexicon, by word and by prefix, with each token's concepts
    remembered (a token is looked up once per process, not once per sentence)."""

    def __init__(self, data: dict[str, object]) -> None:
        exact: dict[str, set[str]] = {}
        prefixes: dict[str, set[str]] = {}
        self.sections: dict[str, str] = {}
        concepts = data.get("concepts", {})
        assert isinstance(concepts, dict)
        for name, entry in concepts.items():
            self.sections[name] = entry["section"]
            for language, words in entry.items():
                if language == "section":
                    continue
                for word in words.split():
                    if word.endswith("*"):
                        prefixes.setdefault(word[:-1], set()).add(name)
                    else:
                        exact.setdefault(word, set()).add(name)
        self.exact = {w: tuple(sorted(c)) for w, c in exact.items()}
        self.prefixes = {w: tuple(sorted(c)) for w, c in prefixes.items()}
        self.lengths = sorted({len(p) for p in self.prefixes}, reverse=True)
        self.memo: dict[str, tuple[tuple[str, str], ...]] = {}
        """Each token's concepts, remembered (read directly by ``own_features``: it is hot)."""

    def of(self, token: str) -> tuple[tuple[str, str], ...]:
        """The concepts ``token`` belongs to (its whole word, and every prefix of it listed),
        each as its feature name and its section."""
        found = self.memo.get(token)
        if found is not None:
            return found
        names = set(self.exact.get(token, ()))
        for length in self.lengths:
            if length <= len(token):
                names.update(self.prefixes.get(token[:length], ()))
        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        found = self.memo[token] = tuple(("c:" + name, self.sections[name]) for name in sorted(names))
        return found


def lexicon_path() -> Path:
    """The shipped event lexicon (inside the installed package)."""
    return Path(str(resources.files("briefings") / "data" / "lexicons" / LEXICON_FILE))


@lru_cache(maxsize=4)
def load_concepts(path: Path | None = None) -> Concepts:
    """The event lexicon at ``path`` (default: the shipped one), read once per process."""
    return Concepts(json.loads((path or lexicon_path()).read_text(encoding="utf-8")))


# --- one sentence's features ----------------------------------------------------------------

_TOKEN_FEATURES: dict[str, tuple[str, ...]] = {}
"""Each token's own lexical feature names, remembered (bounded by ``MEMO_SIZE``)."""


def _token_features(token: str) -> tuple[str, ...]:
    """The word and its 5-letter stem when longer."""
    names = ("w:" + token, "p:" + token[:5]) if len(token) > 5 else ("w:" + token,)
    if len(_TOKEN_FEATURES) > MEMO_SIZE:
        _TOKEN_FEATURES.clear()
    _TOKEN_FEATURES[token] = names
    return names


_GROUPS = (
    ("aid", ("07", "033")),
    ("strikes", ("15", "18", "19", "20")),
    ("diplomacy", ("03", "04", "05", "06", "08", "10", "11", "12", "13", "16")),
)


def cameo_group(code: str) -> str:
    """The section a CAMEO event code speaks to (the README of ../shared/lexicons/cameo)."""
    for group, prefixes in _GROUPS:
        if code.startswith(prefixes):
            return "g-" + group
    return "g-none"


def own_features(text: str, cue_evidence: dict[str, float], cameo: dict[str, str],
                 concepts: Concepts | None = None) -> dict[str, float]:
    """The first stage's features of one sentence, by name (values 1 unless numeric)."""
    tokens = tokenize(text)
    features: dict[str, float] = {}
    memo = _TOKEN_FEATURES
    for token in tokens:
        names = memo.get(token)
        if names is None:
            names = _token_features(token)
        for name in names:
            features[name] = 1.0
    for a, b in zip(tokens, tokens[1:]):
        features["b:" + a + " " + b] = 1.0
    clause = main_clause(text)
    clause_tokens = tokens if clause is text else tokenize(clause)
    for token in clause_tokens:
        code = cameo.get(token)
        if code is not None:
            features["cameo:" + code[:2]] = 1.0
            features["cameo:" + cameo_group(code)] = 1.0
    if concepts is not None:
        _concept_features(features, clause_tokens, concepts)
    for key, value in cue_evidence.items():
        features["cue:" + key] = math.log1p(max(value, 0.0))
    _shape_features(features, text.strip(), tokens)
    return features


def _concept_features(features: dict[str, float], tokens: Sequence[str], concepts: Concepts) -> None:
    """``c:CONCEPT`` for each concept of the sentence's main clause, and ``g:SECTION`` the
    log-count of its concepts' words per section."""
    groups: dict[str, int] = {}
    memo = concepts.memo
    for token in tokens:
        found = memo.get(token)
        if found is None:
            found = concepts.of(token)
        for name, section in found:
            features[name] = 1.0
            groups[section] = groups.get(section, 0) + 1
    for section, count in groups.items():
        features["g:" + section] = math.log1p(count)


def _shape_features(features: dict[str, float], stripped: str, tokens: Sequence[str]) -> None:
    """What the line looks like, in any language: length, ends, case, digits, links."""
    features["len:%d" % bucket(len(tokens), (3, 6, 10, 18, 30, 45))] = 1.0
    last = stripped[-1:] if stripped else ""
    features["end:" + (last if last in ".!?:\"\u201d)" else "alpha" if last.isalnum() else "other")] = 1.0
    if stripped[:1] in _QUOTE_CHARS or stripped[:1] in "'\u2018":
        features["shape:quote-start"] = 1.0
    if stripped.isupper():
        features["shape:caps"] = 1.0
    if stripped[:1].islower():
        features["shape:lower-start"] = 1.0
    if "|" in stripped or "\u2022" in stripped:
        features["shape:bar"] = 1.0
    if _YEAR_END.search(stripped):
        features["shape:year-end"] = 1.0  # "..., in Kyiv on February 25, 2026." : a caption's date
    if "**" in stripped:
        features["shape:bold"] = 1.0
    if _DATELINE.match(stripped):
        features["shape:dateline"] = 1.0
    if _LINK.search(stripped):
        features["shape:link"] = 1.0
    if "\u00a9" in stripped:
        features["shape:copyright"] = 1.0
    if _TIME.search(stripped):
        features["shape:time"] = 1.0
    if _LABEL_START.match(stripped):
        features["shape:label"] = 1.0
    numbers = sum(1 for t in tokens if "#" in t)
    features["num:%d" % min(numbers, 3)] = 1.0
    if tokens:
        capitalised = sum(1 for word in stripped.split() if word[:1].isupper())
        features["caps:%d" % bucket(capitalised / len(tokens), (0.1, 0.25, 0.4, 0.6))] = 1.0


_ENGLISH_FUNCTION_FEATURES = frozenset(
    "w:" + word for word in "the of and to is was with that for on by from have has were are this its".split()
)
FOREIGN_SHARE = 0.08
"""An article is read as not English when fewer of its words than this are English function
words (English news runs at a quarter; French, German or Spanish at a few hundredths)."""


def is_foreign(rows: Sequence[dict[str, float]]) -> bool:
    """Whether an article is in a language other than English, from its sentences' features
    (``own_features``; the classifier is not told the article's language: it reads it off the
    words, each counted once a sentence)."""
    total = english = 0
    for row in rows:
        for name in row:
            if name[:2] == "w:":
                total += 1
                english += name in _ENGLISH_FUNCTION_FEATURES
    return total > 0 and english < FOREIGN_SHARE * total


def article_features(texts: Sequence[str], evidence: Sequence[dict[str, float]], cameo: dict[str, str],
                     concepts: Concepts | None) -> list[dict[str, float]]:
    """``own_features`` of each sentence of one article."""
    return [own_features(t, e, cameo, concepts) for t, e in zip(texts, evidence)]
