"""Text keys that compose compares: normalised words, crude stems, shingles, datelines.

Kept apart from the merge logic so that the key points filter, the merge and the merge
scorer all read a sentence the same way. Words are letters and digits of any script (a
Ukrainian or Russian sentence has keys too); what is folded or left out (stop words, news
verbs, spellings, suffixes) is the sentence's language's (``Language.comparison``,
``briefings/lang``; default English).
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Comparison, Language
from ..lang.en import ENGLISH

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{2,}"                      # KYIV / NEW YORK / ST. PETERSBURG
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*"   # , Ukraine
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"    # , July 22
    r"(?:\s*\([^)]{1,40}\))?"                    # (Reuters)
    r"\s*[\u2014\u2013-]{1,2}\s+(?=[\"\u201cA-Z0-9])"
)
_LEAD_PLACE = re.compile(r"^[A-Z]{3,}(?:\s[A-Z]{3,})*:\s+(?=[A-Z])")  # "LONDON: Britain ..."
_WORD = re.compile(r"[^\W_]+(?:[.,]\d+)?")
"""A word of lower-cased text: letters and digits of any script (no underscore), with a
decimal part."""
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
"""``_WORD`` on ASCII text (the same matches there, found faster: most news text is ASCII)."""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
NONE: frozenset[str] = frozenset()
"""The one empty set of a sentence without figures: most have none, and each empty frozenset
made anew is 216 bytes (two a sentence, 200,000 sentences at 10,000 articles)."""


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


def words(text: str, language: Language = ENGLISH) -> list[str]:
    """The words of ``text``, plain and lower-cased, the language's phrases made one word."""
    text = plain(text)
    for pattern, replacement in language.comparison.phrases:
        text = pattern.sub(replacement, text)
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def normal(text: str, language: Language = ENGLISH) -> str:
    """The sentence as a comparison key: same words, same order, nothing else."""
    return " ".join(words(text, language))


def stem(word: str, language: Language = ENGLISH) -> str:
    """The stem two inflections of a word meet at: "extended"/"extends"/"extending" at
    "extend", and a people's name meets its country ("Ukrainians"/"Ukraine", "Russian"/"Russia").

    Paraphrasing outlets change inflections more than words. The language's stemmer decides
    (Snowball or a lemmatiser, ``Comparison.stemmer``); English keeps a crude suffix stripper,
    which the merge was tuned with. The spellings and demonyms are the language's.
    """
    return folding(language).stem(word)


def _stem_with(word: str, words: Comparison) -> str:
    """``stem`` with the language's ``Comparison`` words (cached per language by ``folding``)."""
    if len(word) <= 4 or word[0].isdigit():
        return word
    spelled = words.aliases.get(word, word)
    for suffix, keep in words.demonym_suffixes:
        if spelled.endswith(suffix) and len(spelled) - len(suffix) >= keep:
            return spelled[: -len(suffix)]
    if words.stemmer is not None:  # an alias of a stemmed language is written as its stem
        return spelled if spelled != word else words.stemmer(word)
    word = spelled
    for suffix in words.inflections:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 5 else word


@dataclass(frozen=True, eq=False)
class Folding:
    """What compose derives from one language's ``Comparison`` words, made once per language."""

    stopwords: frozenset[str]
    stem: Callable[[str], str]
    """``stem`` for this language, memoised (65,536 words)."""
    senses: dict[str, str]
    """Stem of a news verb or noun -> the name of its sense ("struck" -> "strike")."""
    event_senses: frozenset[str]
    """The senses by name: what a sentence says happened (a strike, talks, a pledge...)."""
    metonyms: dict[str, str]
    """Capitals that stand for their governments: the capital's word is kept, the country's added."""


@lru_cache(maxsize=None)
def folding(language: Language) -> Folding:
    """The language's ``Folding``, made on first use (hashed by the language's identity)."""
    words = language.comparison

    @lru_cache(maxsize=1 << 16)
    def stem_(word: str) -> str:
        return _stem_with(word, words)

    lines = [line.split() for line in words.senses]
    senses = {stem_(w): line[0] for line in lines for w in line if w not in words.stopwords}
    # Keys and values as stems, as ``concepts_of`` meets them (English's are written as stems).
    metonyms = {stem_(k): stem_(v) for k, v in words.metonyms.items()}
    return Folding(words.stopwords, stem_, senses, frozenset(line[0] for line in lines), metonyms)


def concepts(text: str, language: Language = ENGLISH) -> frozenset[str]:
    """Content words with synonyms folded to one sense and capitals adding their country:
    what two retellings of one fact share even when their words differ."""
    return concepts_of(words(without_dateline(text), language), language)


def concepts_of(tokens: list[str], language: Language = ENGLISH) -> frozenset[str]:
    """``concepts`` of a text already split into ``words`` (without its dateline)."""
    fold = folding(language)
    stopwords, stem_, senses, metonyms = fold.stopwords, fold.stem, fold.senses, fold.metonyms
    found: set[str] = set()
    for word in {stem_(w) for w in tokens if w not in stopwords}:
        found.add(sys.intern(senses.get(word, word)))
        if word in metonyms:
            found.add(metonyms[word])
    return frozenset(found)


def content_words(text: str, language: Language = ENGLISH) -> frozenset[str]:
    """The words that carry the meaning: stop words out, inflections folded."""
    fold = folding(language)
    return frozenset(fold.stem(w) for w in words(without_dateline(text), language) if w not in fold.stopwords)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: a short sentence inside a longer telling still matches."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def numbers(text: str, language: Language = ENGLISH, tokens: Sequence[str] = ()) -> frozenset[str]:
    """The figures of a sentence (without its dateline), as comparable strings: the digits
    written, and the language's number words ("eight", "huit", "восьми": "8"), since one
    outlet writes the word where another writes the digit. ``tokens``, the sentence's
    ``words`` when the caller has them, spare the number words' search in most sentences."""
    text = without_dateline(text)
    found = [n.replace(",", "") for n in _NUMBER.findall(text)]
    cardinals = _cardinals(language)
    if cardinals.words and not cardinals.hints.isdisjoint(tokens or words(text, language)):
        found.extend(_written_numbers(text, cardinals))
    return frozenset(found) if found else NONE


@dataclass(frozen=True, eq=False)
class _Cardinals:
    words: dict[str, int]
    """The language's number words, apostrophes written "\u02bc"."""
    hints: frozenset[str]
    """What ``words`` splits them into: a sentence without one of these writes no number word."""
    pattern: re.Pattern[str]
    """A run of number words side by side ("twenty-five", "two hundred")."""
    named_set: re.Pattern[str]
    """The language's article at the end of the text before a number word: "the two sides",
    "a two-year investigation" name who or what, they do not count the news."""


_APOSTROPHES = str.maketrans({"'": "\u02bc", "\u2019": "\u02bc"})


@lru_cache(maxsize=None)
def _cardinals(language: Language) -> _Cardinals:
    table = {w.translate(_APOSTROPHES): n for w, n in language.comparison.cardinals.items()}
    hints = frozenset(part for w in language.comparison.cardinals
                      for part in _WORD.findall(plain(w)) + _WORD.findall(plain(w).replace("\u02bc", " ")))
    alternatives = "|".join(re.escape(w).replace("\u02bc", "['\u02bc\u2019]") for w in sorted(table, key=len, reverse=True))
    one = f"(?:{alternatives})" if alternatives else "(?!)"
    articles = language.attribution.determiners
    return _Cardinals(table, hints, re.compile(rf"(?<![\w'\u02bc]){one}(?:[\s-]+{one})*(?![\w'\u02bc])", re.IGNORECASE),
                      re.compile(rf"(?<!\w)(?:{articles})\s+$", re.IGNORECASE))


def _written_numbers(text: str, cardinals: _Cardinals) -> list[str]:
    """The numbers written as words, a run of words one number: words side by side add up
    ("twenty-five" 25), a hundred multiplies what stands before it ("two hundred" 200). A run
    after an article ("the two sides") is left out."""
    found = []
    for run in cardinals.pattern.finditer(text):
        if cardinals.named_set.search(text, max(0, run.start() - 12), run.start()):
            continue
        value = 0
        for word in re.split(r"[\s-]+", run.group(0).lower().translate(_APOSTROPHES)):
            number = cardinals.words.get(word, 0)
            value = max(value, 1) * number if number == 100 else value + number
        if value:
            found.append(str(value))
    return found


def totals(text: str, found: frozenset[str], language: Language = ENGLISH) -> frozenset[str]:
    """Totals a sentence implies: "157 prisoners each" (of two sides) or "157-for-157" is an
    exchange of 314. Outlets count a two-sided exchange either way; the merge must see both."""
    if not language.comparison.each.search(text):
        return NONE
    return frozenset(str(int(n) * 2) for n in found if n.isdigit()) or NONE


def shingles(text: str, size: int = 5, sample: int = 1, language: Language = ENGLISH) -> set[int]:
    """Hashes of the word ``size``-grams of a text: the unit of near-duplicate detection.

    With ``sample`` > 1, only the n-grams whose first word's hash is divisible by it: a
    consistent sample (two copies sample the same places), so resemblance measured on the
    samples estimates resemblance of the whole at a ``sample``-th of the cost. A text too
    short to have any sampled n-gram is one hash of its whole."""
    tokens = words(text, language)
    if len(tokens) < size:
        return {_hash(" ".join(tokens))} if tokens else set()
    starts: Sequence[int] = range(len(tokens) - size + 1)
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


_LOCATIVES: dict[str, str] = {
    "en": r"in|at|near",
    "fr": r"à|au|aux|en|près\s+de",
    "de": r"in|im|bei|nahe",
    "es": r"en|cerca\s+de",
    "ru": r"в|во|под",
    "uk": r"в|у|під",
}
"""The prepositions that give where something happened ("talks in Geneva"), by language code.
They belong in ``Language.comparison`` (``briefings/lang``), where the lead may move them."""
_PLACE_ARTICLES: dict[str, str] = {"en": r"the", "fr": r"la|le|les|l'", "de": r"der|dem|den", "es": r"la|el|los|las"}


@lru_cache(maxsize=None)
def _place_pattern(language: Language) -> re.Pattern[str]:
    """A locative preposition (and article) before a capital, and the run of capitalised words
    and numbers from there ("in the Kharkiv region": "Kharkiv"; "at Tower 22": "Tower 22").
    Capitals are read as ASCII's or any letter outside ASCII; ``places`` checks the latter."""
    preposition = _LOCATIVES.get(language.code, _LOCATIVES["en"])
    article = _PLACE_ARTICLES.get(language.code)
    article = rf"(?:(?:{article})\s+)?" if article else ""
    capital = r"(?:[A-Z]|[^\x00-\x7f])[\w'\u2019\u02bc.-]*"
    return re.compile(rf"(?<!\w)(?i:{preposition})\s+{article}({capital}(?:\s+(?:{capital}|\d+\b))*)")


def places(text: str, language: Language = ENGLISH) -> frozenset[str]:
    """The places a sentence says something happened in, as its words are compared: the
    capitalised names after "in", "at", "near" ("talks in Istanbul", "in the Kharkiv region":
    "istanbul", "kharkiv"), without days and months ("in March"). Two tellings of one fact that
    each give a place name one of the other's; "talks in Istanbul" and "talks in Geneva" are two."""
    stop = language.attribution.entity_stop
    found: list[str] = []
    for match in _place_pattern(language).finditer(text):
        name: list[str] = []
        for word in match.group(1).split():
            if not (word[0].isupper() or name and word[0].isdigit()) or word.rstrip(".,") in stop:
                break
            name.append(word)
        if name:
            found.append(" ".join(name))
    if not found:
        return NONE
    if len(found) == 1:
        return _place_words(found[0], language)
    return frozenset().union(*(_place_words(name, language) for name in found))


@lru_cache(maxsize=1 << 14)
def _place_words(name: str, language: Language) -> frozenset[str]:
    return concepts_of(words(name, language), language)
