"""Text keys that compose compares: normalised words, crude stems, shingles, datelines.

Kept apart from the merge logic so that the key points filter, the merge and the merge
scorer all read a sentence the same way.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from functools import lru_cache

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{2,}"                      # KYIV / NEW YORK / ST. PETERSBURG
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*"   # , Ukraine
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"    # , July 22
    r"(?:\s*\([^)]{1,40}\))?"                    # (Reuters)
    r"\s*[\u2014\u2013-]{1,2}\s+(?=[\"\u201cA-Z0-9])"
)
_LEAD_PLACE = re.compile(r"^[A-Z]{3,}(?:\s[A-Z]{3,})*:\s+(?=[A-Z])")  # "LONDON: Britain ..."
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
NONE: frozenset[str] = frozenset()
"""The one empty set of a sentence without figures: most have none, and each empty frozenset
made anew is 216 bytes (two a sentence, 200,000 sentences at 10,000 articles)."""
STOPWORDS = frozenset(
    """a an the and or but of in on at to for from by with as is are was were be been has have
    had it its this that these those he she they we his her their our said says say will would
    could should may might also after before over into about than then there which who whom what
    when where while not no more most such other some any all both each up out new told added
    s did do does according""".split()
)


def plain(text: str) -> str:
    """Lower case, invisible characters gone, curly quotes and odd hyphens made plain: two
    copies of one wire story differ in exactly these."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return text.lower()


def readable(text: str) -> str:
    """The text a reader gets: without the invisible format characters scrapers leave inside
    words (zero-width spaces in "the \u200bU.S."), which break search and copy in the PDF.
    Extraction keeps them, so that its sentences stay exact substrings of the article."""
    return text if text.isascii() else text.translate(_INVISIBLE)


def without_dateline(text: str) -> str:
    """"KYIV, July 22 (Reuters) — Ukraine said..." reads as "Ukraine said..." in a brief:
    the place and outlet are in the citation."""
    text = _DATELINE.sub("", text, count=1)
    return _LEAD_PLACE.sub("", text, count=1)


def words(text: str) -> list[str]:
    text = plain(text)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return _WORD.findall(text)


def normal(text: str) -> str:
    """The sentence as a comparison key: same words, same order, nothing else."""
    return " ".join(words(text))


_ALIASES = {
    "zelenskyy": "zelensky", "zelenskiy": "zelensky", "defence": "defense", "programme": "program",
    "brokered": "mediated", "latest": "new", "nato's": "nato",
}
"""Spellings that differ between outlets (transliterations, British/American) for one word."""
_PHRASES = ((re.compile(r"\bu\.s\.(?=\W|$)|\bunited states\b"), "us"),
            (re.compile(r"\bu\.k\.(?=\W|$)|\bunited kingdom\b|\bbritain\b"), "uk"))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix stripper: "extended"/"extends"/"extending" meet at "extend", and a
    people's name meets its country ("Ukrainians"/"Ukraine", "Russian"/"Russia").

    Paraphrasing outlets change inflections more than words; a real stemmer would be a
    dependency for a few percent of recall.
    """
    if len(word) <= 4 or word[0].isdigit():
        return word
    word = _ALIASES.get(word, word)
    for suffix, keep in (("ians", 4), ("ian", 4), ("ia", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 5 else word


_SENSES = (
    "attend attended attending participate participated participation participating join joined",
    "strike struck hit attack attacked attacks bomb bombed shell shelled pound pounded",
    "kill killed killing dead death deaths die died",
    "injure injured injuring wound wounded wounding hurt",
    "pledge pledged promise promised commit committed vow vowed",
    "demand demanded demands press pressing pressed want wants wanted",
    "withdraw withdrawal withdrew pull pullback retreat cede",
    "reject rejected rejects refuse refused refuses",
    "break broke broken",
    "win won triumph triumphed prevail prevailed",
    "visit visited host hosted",
    "exchange exchanged swap swapped",
    "talks negotiations negotiation",
    "slow slowed delay delayed",
    "seize seized capture captured",
)
"""News verbs and nouns that outlets swap for one another when retelling one event: general
vocabulary, one sense a line, the first word naming the sense."""
_SENSE = {stem(w): line.split()[0] for line in _SENSES for w in line.split() if w not in STOPWORDS}
EVENT_SENSES = frozenset(line.split()[0] for line in _SENSES)
"""The senses above by name: what a sentence says happened (a strike, talks, a pledge...)."""
_METONYMS = {"kremlin": "russ", "moscow": "russ", "kyiv": "ukrain", "kiev": "ukrain", "washington": "us"}
"""Capitals that stand for their governments: the capital's word is kept, the country's added."""


def concepts(text: str) -> frozenset[str]:
    """Content words with synonyms folded to one sense and capitals adding their country:
    what two retellings of one fact share even when their words differ."""
    return concepts_of(words(without_dateline(text)))


def concepts_of(tokens: list[str]) -> frozenset[str]:
    """``concepts`` of a text already split into ``words`` (without its dateline)."""
    found: set[str] = set()
    for word in {stem(w) for w in tokens if w not in STOPWORDS}:
        found.add(sys.intern(_SENSE.get(word, word)))
        if word in _METONYMS:
            found.add(_METONYMS[word])
    return frozenset(found)


def content_words(text: str) -> frozenset[str]:
    """The words that carry the meaning: stop words out, inflections folded."""
    return frozenset(stem(w) for w in words(without_dateline(text)) if w not in STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: a short sentence inside a longer telling still matches."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def numbers(text: str) -> frozenset[str]:
    """The digits written in a sentence (without its dateline), as comparable strings."""
    found = _NUMBER.findall(without_dateline(text))
    return frozenset(n.replace(",", "") for n in found) if found else NONE


_EACH = re.compile(r"\beach\b|\bper side\b|\bapiece\b|\b(\d+)[- ]for[- ]\1\b", re.IGNORECASE)


def totals(text: str, found: frozenset[str]) -> frozenset[str]:
    """Totals a sentence implies: "157 prisoners each" (of two sides) or "157-for-157" is an
    exchange of 314. Outlets count a two-sided exchange either way; the merge must see both."""
    if not _EACH.search(text):
        return NONE
    return frozenset(str(int(n) * 2) for n in found if n.isdigit()) or NONE


def shingles(text: str, size: int = 5, sample: int = 1) -> set[int]:
    """Hashes of the word ``size``-grams of a text: the unit of near-duplicate detection.

    With ``sample`` > 1, only the n-grams whose first word's hash is divisible by it: a
    consistent sample (two copies sample the same places), so resemblance measured on the
    samples estimates resemblance of the whole at a ``sample``-th of the cost. A text too
    short to have any sampled n-gram is one hash of its whole."""
    tokens = words(text)
    if len(tokens) < size:
        return {_hash(" ".join(tokens))} if tokens else set()
    starts = range(len(tokens) - size + 1)
    if sample > 1:
        starts = [i for i in starts if _word_hash(tokens[i]) % sample == 0]
        if not starts:
            return {_hash(" ".join(tokens))}
    return {_hash(" ".join(tokens[i : i + size])) for i in starts}


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return _hash(word)


def _hash(text: str) -> int:
    """Stable across processes (``hash`` of a str is salted per run)."""
    return zlib.crc32(text.encode("utf-8"))
