"""Paragraphs, lines and sentences of an article body, with character offsets.

The unit of extraction is a sentence, but scraped bodies are full of lines that are not
sentences at all (headlines, captions, menu items, "Share"). The rules follow the gold
annotation guidelines, because they are also what a reader expects:

- paragraphs are separated by blank lines; inside a paragraph each line is its own run of
  text (scrapers put captions, bylines and sub-heads on lines of their own), except that a
  line ending without punctuation and followed by a lower-case line is a soft wrap and joins it;
- a run is split after ``.``, ``!`` or ``?`` (plus closing quotes or brackets) followed by
  white space and a capital, a digit or an opening quote;
- abbreviations (the language's: ``U.S.``, ``Gen.``, ``Jan.``, ``z. B.``, ``г.``), single initials
  (``J. R. Smith``) and decimals never end a sentence, nor does the period of an ordinal number
  before one of the language's ``ordinal_words`` (German "am Montag, 5. Januar");
- quotes of every language close a sentence with it (``"``, ``»`` even after a space as French
  writes it, German ``“``) and may open the next (``„``, ``«``, Spanish ``¿`` and ``¡``);
- a line without final punctuation is one unit.

Offsets index the original text, so a unit's text is always ``text[start:end]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..lang import Language
from ..lang.en import ENGLISH

_CLOSING = "\"'\u201d\u201c\u2019\u00bb\u203a)\\]*"
"""Closing quotes and brackets (German closes with U+201C, French with a guillemet)."""
_BOUNDARY = re.compile(r"[.!?]+(?:[" + _CLOSING + r"]|[ \u00a0\u202f][\u00bb\u203a])*(\s+)")
"""A candidate end of sentence: final punctuation, closing quotes or brackets, then space."""

_OPENERS = "\"'\u201c\u2018\u201e\u00ab\u2039\u00bf\u00a1([*\u2014\u2013-"
"""Characters that may open a sentence before its first letter (quotes, brackets, dashes)."""
_SPACED_OPENERS = "\u00ab\u2039"
"""Openers a space may follow: guillemets as French sets them."""

_WORD_BEFORE = re.compile(r"([\w.\u2019'-]+)$")
_LINE = re.compile(r"[^\n]+")
_PARAGRAPH_END = re.compile(r"\n(?=[ \t]*\n)")
"""A newline that ends a paragraph: the line after it is blank (holds only spaces or tabs)."""

_TERMINAL = re.compile(r"[.!?:;](?:[" + _CLOSING + r"]|[ \u00a0\u202f][\u00bb\u203a])*\s*$")
_ORDINAL = re.compile(r"(?<![\d.])\d{1,3}$")
"""A day or an ordinal before its period ("5." of "5. Januar"), not a decimal or a date's part."""
_NEXT_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Unit:
    """One sentence, or one line that is not a sentence, of an article body."""

    text: str
    start: int
    """Offset of the first character in the article text."""
    end: int
    paragraph: int
    """Index of the paragraph (blank-line separated block), from 0."""
    line: int
    """Index of the line within the whole text (non-empty lines only), from 0."""
    whole_line: bool
    """True when the unit is a complete line on its own (a caption, a menu item, a headline)."""


def split_units(text: str, language: Language = ENGLISH) -> list[Unit]:
    """Every non-blank piece of ``text`` as units, in order, with offsets and paragraph indexes.

    ``language`` gives the abbreviations a period does not end (default English).

    Paragraphs are numbered without gaps: a block that yields no unit (white space and
    invisible characters only) takes no number."""
    units: list[Unit] = []
    line_no = 0
    p_index = 0
    for p_start, p_end in _paragraphs(text):
        first = len(units)
        for start, end in _runs(text, p_start, p_end):
            pieces = list(_sentences(text, start, end, language))
            for a, b in pieces:
                units.append(Unit(text[a:b], a, b, p_index, line_no, len(pieces) == 1))
            line_no += 1
        if len(units) > first:
            p_index += 1
    return units


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: the non-empty stretches between the newlines that end
    one (a blank line follows them)."""
    spans = []
    start = 0
    for m in _PARAGRAPH_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if len(text) > start:
        spans.append((start, len(text)))
    return spans


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a paragraph, soft-wrapped lines joined, as stripped (start, end) spans."""
    lines = [_strip(text, m.start() + start, m.end() + start) for m in _LINE.finditer(text[start:end])]
    lines = [(a, b) for a, b in lines if a < b]
    runs: list[tuple[int, int]] = []
    for a, b in lines:
        if runs and _is_soft_wrap(text[runs[-1][0] : runs[-1][1]], text[a:b]):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return runs


def _is_soft_wrap(previous: str, line: str) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one goes on."""
    return not _TERMINAL.search(previous) and line[:1].islower() and len(previous) > 40


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to exclude surrounding white space (and invisible format characters)."""
    while start < end and (text[start].isspace() or text[start] in "\u200b\u2060\ufeff"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\u200b\u2060\ufeff"):
        end -= 1
    return start, end


def _sentences(text: str, start: int, end: int, language: Language) -> Iterator[tuple[int, int]]:
    """Sentence spans of one run of text."""
    chunk = text[start:end]
    last = 0
    for m in _BOUNDARY.finditer(chunk):
        cut = m.start(1)
        if m.end() >= len(chunk) or not _ends_sentence(chunk, m.start(), m.end(), language):
            continue
        a, b = _strip(text, start + last, start + cut)
        if a < b:
            yield a, b
        last = m.end()
    a, b = _strip(text, start + last, end)
    if a < b:
        yield a, b


def _ends_sentence(chunk: str, punct: int, after: int, language: Language) -> bool:
    """Whether the punctuation at ``punct`` ends a sentence, given what follows at ``after``."""
    if not _starts_sentence(chunk, after):
        return False
    if chunk[punct] != ".":
        return not _is_headline_break(chunk, after)
    m = _word_before(chunk, punct)
    if not m:
        return True
    word = m.group(1).lower().lstrip("'\u2019-")
    if language.ordinal_words and _ORDINAL.search(word) and _is_ordinal(chunk, after, language):
        return False
    if word in language.abbreviations:
        return False
    if len(word) == 1 and word.isalpha():
        if _spaced_abbreviation(word, chunk, after, language):
            return False
        return not _is_initial(chunk, m.start(1))
    if "." in word and all(len(p) <= 2 for p in word.split(".")):
        return False  # "U.S", "A.Š", "p.m": dotted abbreviations
    return True


def _is_ordinal(chunk: str, after: int, language: Language) -> bool:
    """The number before a period is an ordinal: the next word is one that ordinals stand
    before in the language ("5. Januar", "2. Weltkrieg")."""
    m = _NEXT_WORD.match(chunk, after)
    return m is not None and m.group().lower() in language.ordinal_words


def _spaced_abbreviation(letter: str, chunk: str, after: int, language: Language) -> bool:
    """A dotted abbreviation written with a space ("z. B.", "d. h.", "т. е."): the letter,
    the next one and their periods are one of the language's abbreviations ("z.b")."""
    if after + 1 < len(chunk) and chunk[after].isalpha() and chunk[after + 1] == ".":
        return f"{letter}.{chunk[after].lower()}" in language.abbreviations
    return False


def _word_before(chunk: str, end: int) -> re.Match[str] | None:
    """``_WORD_BEFORE.search(chunk, 0, end)``, in a window first: a search from 0 tries every
    position of the sentence before it. Only a match that begins at the window's edge may be
    cut short, and then the whole stretch is searched."""
    low = max(0, end - 48)
    m = _WORD_BEFORE.search(chunk, low, end)
    if m is not None and m.start() == low and low > 0:
        m = _WORD_BEFORE.search(chunk, 0, end)
    return m


def _is_headline_break(chunk: str, after: int) -> bool:
    """A "?" or "!" inside a headline ("Ceasefire or Stalemate? Talks Resume in Turkey"): the
    line has no final punctuation and the rest is in title case, so it is one unit."""
    rest = chunk[after:]
    if _TERMINAL.search(rest) or len(chunk) > 160:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", rest) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _is_initial(chunk: str, at: int) -> bool:
    """A single letter is an initial when it follows a name, a comma or opens the text
    ("J. R. Smith", "George W. Bush"), not right after a lower-case word ("posted on X. Targets
    were hit")."""
    before = chunk[:at].rstrip().rsplit(None, 1)
    return not before or not before[-1][:1].islower() or not before[-1][-1].isalnum()


def _starts_sentence(chunk: str, i: int) -> bool:
    """A capital letter or digit, possibly behind an opening quote, bracket or dash."""
    while i < len(chunk) and chunk[i] in _OPENERS:
        i += 1
        if chunk[i - 1] in _SPACED_OPENERS:  # French "« Nous ...": a space after the guillemet
            while i < len(chunk) and chunk[i] in " \u00a0\u202f":
                i += 1
    return i < len(chunk) and (chunk[i].isupper() or chunk[i].isdigit())
