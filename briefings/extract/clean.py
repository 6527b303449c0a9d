"""Boilerplate: the parts of a scraped body that are not news.

Scrapers and news APIs deliver promos, share widgets, photo captions and credits, bylines,
time stamps, related-story links and copyright lines inside the body. None of it may reach a
brief, yet dropping a real sentence loses news, so the rules look at three things:

1. what a line says: widget words ("Share", "Sign up", "Follow us"), credits ("via AP",
   "Reporting by"), copyright, cookie banners, "did not respond to requests for comment";
2. how a line is shaped: a line without final punctuation is a headline, a menu item, a tag or
   a caption, and is boilerplate unless it is the article's own headline or standfirst (the
   "head", before the first body sentence), a piece of a sentence the scraper broke across
   lines, or a quotation whose final period was lost;
3. where a line stands: a sentence just before a photo credit or "Hide Caption" is a caption,
   and whatever follows an end marker ("contributed to this report", "Copyright") is the page
   footer unless the article visibly goes on.

``boilerplate_reasons`` says why each unit was dropped, so tests and the ``extract`` output
can show it. The words these rules look for are the article's language's
(``Language.boilerplate``, ``briefings/lang``); the shapes and positions are the same in every
language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..lang import Language
from ..lang.en import ENGLISH
from .sentences import Unit

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

def _by_first_letter(alternatives: str) -> str:
    """A verbose pattern of top-level alternatives rewritten with the alternatives that start
    with the same letter under one branch ("c(?:lick...|ookies...|opyright)"): the same
    matches, but at each position the regex engine tries one branch per letter instead of
    every alternative in turn (twice as fast for the promo words)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(alternatives):
        ch = alternatives[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i = alternatives.index("]", i + 2)  # a class (none here starts with "]")
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(alternatives[start:i].strip())
            start = i + 1
        i += 1
    parts.append(alternatives[start:].strip())
    groups: dict[str, list[str]] = {}
    for part in parts:
        first = part[:1] if part[:1].isalpha() and part[1:2] not in ("?", "*", "+", "{") else part
        groups.setdefault(first, []).append(part)
    return "|".join(
        items[0] if len(items) == 1 else f"{first}(?:{'|'.join(item[1:] for item in items)})"
        for first, items in groups.items()
    )


@lru_cache(maxsize=None)
def promo_pattern(language: Language) -> re.Pattern[str]:
    """The language's promo words (``Boilerplate.promo``) compiled once, grouped by first
    letter. Matched against the lower-cased text without flags, so that every branch starts
    with a letter and the regex engine can skip quickly to the positions where one might start."""
    return re.compile(_by_first_letter(language.boilerplate.promo), re.VERBOSE)


_CAPS_NAME = re.compile(r"\b[A-Z][a-z\u00c0-\u024f]+(?:\s+[A-Z]\.?)*\s+[A-Z\u00c0-\u024f]{3,}(?:-[A-Z]{2,})?\b")
"""A byline or credit name written "First LAST" (AFP style: "Nico GARCIA", "Saul LOEB")."""

_TERMINATED = re.compile(r"[.!?:;…][\"'\u201d\u2019\u00bb)\]*]*$")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_DIGIT = re.compile(r"\d")
_QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb"
_QUOTE_CHAR = re.compile(f"[{_QUOTE_CHARS}]")
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014-]\s+|\s+:\s+")

HEAD_MIN_WORDS = 5
CUT_SENTENCE_WORDS = 25
"""An unpunctuated line this long is a sentence cut off by the source, not a headline."""
"""A headline or standfirst line has at least this many words; shorter lines are labels."""


def normalise(text: str) -> str:
    """Text without invisible format characters (scrapers leave zero-width spaces in words)."""
    return text if text.isascii() else _INVISIBLE.sub("", text)  # they are not ASCII


# The rules below ask the same questions of the same texts many times (a one-sentence line is
# judged as a line, as a unit, for the head, the tail and its neighbours): the answers are
# remembered per text. Each is a pure function of its string. The questions are asked within
# one article, so a few hundred texts suffice: 4,096 of them (whole paragraphs as keys, five
# memos) held 27 MB more in each extraction worker of a big day, for no measurable speed.
_MEMO = 512


@lru_cache(maxsize=_MEMO)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _word_count(text: str) -> int:
    return len(_words(text))


@lru_cache(maxsize=_MEMO)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _words(text))


@lru_cache(maxsize=_MEMO)
def _terminated(text: str) -> bool:
    return _TERMINATED.search(text) is not None


@lru_cache(maxsize=_MEMO)
def _is_widget(text: str, language: Language) -> bool:
    return language.boilerplate.widget.match(text) is not None


@lru_cache(maxsize=_MEMO)
def _has_end_marker(text: str, language: Language) -> bool:
    return language.boilerplate.end_marker.search(text.lower()) is not None


def boilerplate_reasons(units: Sequence[Unit], title: str = "", language: Language = ENGLISH) -> list[str | None]:
    """For each unit, why it is boilerplate, or None when it is news content, judged with the
    words of ``language`` (default English)."""
    lines = _group_lines(units)
    texts = [normalise(" ".join(u.text for u in line)) for line in lines]
    line_reasons = [_line_reason(text, language) for text in texts]
    _mark_captions(texts, line_reasons, language)
    links = _fragment_links(texts, language)
    fragments = links | {i - 1 for i in links}
    head = _head_lines(texts, line_reasons, title, language)
    tails: dict[int, str] = {}
    for i in fragments:
        if line_reasons[i] == "label":
            line_reasons[i] = None  # "diplomatic note": two words of a sentence cut at a link
    for i in _orphans(texts, links):
        line_reasons[i] = "orphaned link text"
    for i, line in enumerate(lines):
        if line_reasons[i] is None and i not in fragments and i not in head:
            if len(line) == 1:
                line_reasons[i] = _shape_reason(texts[i], language)
            elif _shape_reason(normalise(line[-1].text), language):
                tails[line[-1].start] = "unpunctuated tail"
    _mark_tail(texts, line_reasons, language)
    _mark_preamble(texts, line_reasons, head)
    reasons = [
        line_reasons[i] or tails.get(unit.start) or _unit_reason(normalise(unit.text), language)
        for i, line in enumerate(lines)
        for unit in line
    ]
    _mark_line_footers(units, reasons, language)
    _mark_promo_questions(units, reasons, language)
    return reasons


def is_boilerplate_line(text: str, language: Language = ENGLISH) -> bool:
    """Whether a single line, seen on its own, is boilerplate (widget, credit, promo, shape)."""
    text = normalise(text.strip())
    return any(check(text, language) is not None for check in (_line_reason, _unit_reason, _shape_reason))


def _group_lines(units: Sequence[Unit]) -> list[list[Unit]]:
    lines: list[list[Unit]] = []
    for unit in units:
        if lines and lines[-1][-1].line == unit.line:
            lines[-1].append(unit)
        else:
            lines.append([unit])
    return lines


def _line_reason(text: str, language: Language) -> str | None:
    """Boilerplate judged from the words of a whole line."""
    text = text.strip()
    if not _WORD.search(text):
        return "no words"
    if _has_credit(text, language):
        return "credit"
    if _is_widget(text, language):
        return "widget"
    if _word_count(text) <= 2 and not text.rstrip().endswith(("?", "!")):
        return "label"
    if language.boilerplate.credit_list.match(text):
        return "credit"
    if _is_timestamp(text, language):
        return "timestamp"
    if not _terminated(text) and _CAPS_NAME.search(text) and _word_count(text) <= 12:
        return "byline"
    return None


@lru_cache(maxsize=_MEMO)
def _is_promo(text: str, language: Language) -> bool:
    lower = text.lower()
    words = language.boilerplate
    return bool(
        promo_pattern(language).search(lower)
        or words.promo_start.match(text)
        or words.byline_hint.search(lower)
        and words.byline.search(text)
    )


@lru_cache(maxsize=_MEMO)
def _has_credit(text: str, language: Language) -> bool:
    """A photo credit in the line (cheap substring test first: the regex is long)."""
    words = language.boilerplate
    return words.credit_hint.search(text.lower()) is not None and bool(words.credit.search(text))


def _unit_reason(text: str, language: Language) -> str | None:
    """Boilerplate judged from one sentence (a promo sentence or a "Share" inside a line)."""
    if _is_promo(text, language):
        return "promo"
    if _is_widget(text, language):
        return "widget"
    return None


def _is_timestamp(text: str, language: Language) -> bool:
    """A line made of dates and times only: "Feb 26, 2026 | 9:05 AM", "6 hrs ago"."""
    if len(text) > 120:
        return False
    words = language.boilerplate
    has_time = _DIGIT.search(text) is not None or words.time_ago in text.lower()
    if not has_time or not any(ch.isdigit() for ch in text):
        return False
    return not _WORD.search(words.timestamp.sub(" ", text))


@lru_cache(maxsize=_MEMO)
def _shape_reason(text: str, language: Language) -> str | None:
    """A line without final punctuation is a label, tag, caption or link, not a sentence; an
    all-capitals sub-head is a label even with a colon ("KEY DEVELOPMENTS:")."""
    if _is_subhead(text):
        return "label"
    if _terminated(text):
        return None
    words = _word_count(text)
    if language.boilerplate.speech_tag.search(text) and words >= 6:
        return None  # a quotation whose final period was lost: "...," he said
    if words <= 3 or text.isupper() or re.match(r"^\W*-.*-\W*$", text):
        return "label"
    if words >= CUT_SENTENCE_WORDS:
        return None  # a sentence cut off by the source (news APIs stop at a length), not a headline
    return "unpunctuated line"


def _is_subhead(text: str) -> bool:
    if len(text) > 100:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 4
        and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)
        and _word_count(text) <= 10
        and not text.rstrip().endswith((".", "!", "?"))
    )


def _mark_captions(texts: Sequence[str], reasons: list[str | None], language: Language) -> None:
    """A sentence followed by a line that is only a photo credit, or preceded by "Image", is a
    caption (a credit at the end of the caption's own line already marks that line)."""
    for i, text in enumerate(texts):
        if reasons[i] is not None or not _terminated(text):
            continue
        after = texts[i + 1] if i + 1 < len(texts) else ""
        before = texts[i - 1].strip().lower() if i > 0 else ""
        if _is_credit_line(after, language) or before in language.boilerplate.caption_labels:
            reasons[i] = "caption"


def _is_credit_line(text: str, language: Language) -> bool:
    """A short line that only credits a photo: "(AP Photo/...)", "Hide Caption", "Saul LOEB"."""
    text = text.strip()
    if not text or _word_count(text) > 14 or _terminated(text) and len(text) > 40:
        return False
    return bool(_has_credit(text, language) or _CAPS_NAME.search(text) or language.boilerplate.credit_label.match(text))


def _fragment_links(texts: Sequence[str], language: Language) -> set[int]:
    """Lines that continue the line before them: a sentence the scraper cut at a link
    ("... missile that" / "sank the flagship vessel"). Line ``i`` in the set continues ``i - 1``."""
    links: set[int] = set()
    for i in range(1, len(texts)):
        prev, cur = texts[i - 1].strip(), texts[i].strip()
        if _terminated(prev) or not cur[:1].islower():
            continue
        if i - 1 in links or _word_count(prev) >= 3 and not _is_widget(prev, language):
            links.add(i)
    return links


def _orphans(texts: Sequence[str], links: set[int]) -> set[int]:
    """Link texts left alone at the end of a cut sentence ("... the IAEA" / "warned"): a
    last piece of at most three words that never reaches a full stop says nothing by itself."""
    return {
        i
        for i in links
        if i + 1 not in links
        and not _terminated(texts[i].strip())
        and _word_count(texts[i]) <= 3
    }


def _head_lines(texts: Sequence[str], reasons: Sequence[str | None], title: str, language: Language) -> set[int]:
    """The article's own headline, standfirst and summary bullets, which lack final periods.

    The head is the run of unpunctuated, headline-shaped lines before the first body sentence;
    boilerplate before it (captions, a menu) is skipped, boilerplate after it closes it (so the
    captions that follow a byline are not taken for a standfirst). A line that repeats the
    article's title counts wherever it stands.
    """
    head: set[int] = set()
    closed = False
    title_words = _title_word_sets(title) if title else []
    for i, text in enumerate(texts):
        if title_words and _same_headline(text, title_words):
            head.add(i)
            continue
        if closed:
            continue
        if reasons[i] is not None or _unit_reason(text, language):
            closed = bool(head)
        elif _terminated(text.strip()):
            closed = True
        elif _is_headline_shaped(text):
            head.add(i)
        else:
            closed = bool(head)
    return head


def _is_headline_shaped(text: str) -> bool:
    words = _word_count(text)
    return words >= HEAD_MIN_WORDS and not re.search(r"[|/@]", text) and words <= 60


def _title_word_sets(title: str) -> list[set[str]]:
    """The words of a title and of its parts (titles often carry " | Outlet" or " - Outlet")."""
    parts = [p for p in _TITLE_SPLIT.split(title) if len(p) > 15] or [title]
    return [words for words in ({w.lower() for w in _WORD.findall(p)} for p in parts) if words]


def _same_headline(text: str, title_words: Sequence[set[str]]) -> bool:
    """Whether a line repeats the title, or one of its parts."""
    if text.isascii():  # then a word of the line is a substring of its lower-cased text
        low = text.lower()
        if all(sum(w in low for w in words) < 0.75 * len(words) for words in title_words):
            return False  # too few of the title's words, even counted as substrings
    line = _lower_words(text)
    return any(
        len(words & line) >= 0.75 * len(words) and len(line) <= 2 * len(words) + 25
        for words in title_words
    )


def _mark_tail(texts: Sequence[str], reasons: list[str | None], language: Language) -> None:
    """After an end marker ("contributed to this report", "Copyright"), the rest is footer,
    unless the article goes on with at least two full sentences (live pages, syndicated text)."""
    i = 0
    while i < len(texts):
        if not (_has_end_marker(texts[i], language) or language.boilerplate.end_line.match(texts[i])):
            i += 1
            continue
        j = i + 1
        while j < len(texts) and not _resumes(texts, reasons, j, language):
            reasons[j] = reasons[j] or "footer"
            j += 1
        i = j


def _resumes(texts: Sequence[str], reasons: Sequence[str | None], j: int, language: Language) -> bool:
    """Two consecutive long, punctuated, non-promo lines: the article is back."""
    def full(k: int) -> bool:
        return (
            k < len(texts)
            and reasons[k] is None
            and _terminated(texts[k].strip())
            and _word_count(texts[k]) >= 12
            and not _is_promo(texts[k], language)
        )

    return full(j) and full(j + 1)


def _mark_preamble(texts: Sequence[str], reasons: list[str | None], head: set[int]) -> None:
    """Before the first body paragraph, a sentence between two lines of a site banner (cookie
    notices, site notices, menus) belongs to the banner. Captions and credits do not count as
    banner: a lede often sits between a menu and a photo."""
    banner = {"promo", "widget", "label", "unpunctuated line", "banner", "no words"}
    for i in range(1, len(texts) - 1):
        if _is_lede(texts, reasons, i):
            return
        if reasons[i] is None and i not in head and {reasons[i - 1], reasons[i + 1]} <= banner:
            reasons[i] = "banner"


def _is_lede(texts: Sequence[str], reasons: Sequence[str | None], i: int) -> bool:
    """A long punctuated content line followed by more content: the article body begins."""
    return (
        reasons[i] is None
        and _terminated(texts[i].strip())
        and _word_count(texts[i]) >= 8
        and i + 1 < len(texts)
        and reasons[i + 1] is None
    )


def _mark_line_footers(units: Sequence[Unit], reasons: list[str | None], language: Language) -> None:
    """Short sentences after a copyright or credit in the same line are its footer
    ("(c) 2030 Example Media. All Rights Reserved. An Example Company.")."""
    for k in range(1, len(units)):
        same_line = units[k - 1].line == units[k].line
        if same_line and reasons[k] is None and reasons[k - 1] is not None:
            after_marker = _has_end_marker(units[k - 1].text, language) or reasons[k - 1] == "footer"
            if after_marker and _word_count(units[k].text) <= 8:
                reasons[k] = "footer"


def _mark_promo_questions(units: Sequence[Unit], reasons: list[str | None], language: Language) -> None:
    """Sentences that address the reader ("Want to get a head start on your day?") outside a
    quotation are promos: news reports speak of people, not to the reader."""
    in_quote = False
    hint, second_person = language.boilerplate.second_person_hint, language.boilerplate.second_person
    for k, unit in enumerate(units):
        if k and units[k - 1].line != unit.line:
            in_quote = False
        text = unit.text
        quoted = in_quote or _QUOTE_CHAR.search(text) is not None
        if reasons[k] is None and not quoted and hint in text.lower() and second_person.search(text):
            reasons[k] = "addresses the reader"
        in_quote = _toggles_quote(text, in_quote)


def _toggles_quote(text: str, in_quote: bool) -> bool:
    """Whether a quotation is still open after ``text``."""
    opens = text.count("\u201c") + text.count("\u00ab")
    closes = text.count("\u201d") + text.count("\u00bb")
    straight = text.count('"')
    if opens or closes:
        return opens > closes or (in_quote and opens == closes and not closes)
    return in_quote ^ bool(straight % 2)
