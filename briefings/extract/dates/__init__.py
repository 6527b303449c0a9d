"""Date expressions of one sentence, resolved to a day or a span of days.

Why not ``dateparser.search.search_dates`` on every sentence: it is slow (tens of
milliseconds per article), it finds false dates ("may" the verb becomes 22 May, "Tuesday, a"
becomes January, "to" becomes Thursday) and it cannot resolve what a brief needs most:
ranges ("Thursday and Friday"), ISO weeks ("last week"), whole months and years, and the
direction of a bare weekday, which depends on tense ("on Monday" in a past-tense report is
the Monday before publication, "on Wednesday" for planned talks is the coming one).

So the module works in three cheap steps:

1. *Candidates*: precompiled regular expressions find date-like phrases (weekday and month
   names, explicit dates, ISO and dotted numeric dates, "yesterday", "last week", "overnight",
   "the weekend", "a week ago", "between ... and ...").  A one-pattern prefilter skips the
   many sentences without any date word at all.  Vague phrases that the annotation guidelines
   omit ("mid-January", "late March") are matched too, so that they swallow their month name,
   and then dropped.
2. *Ranges*: neighbouring candidates joined by "and", "to", "into", "between ... and ..."
   become one span.
3. *Resolution*: each candidate becomes a small hashable key (e.g. ``("wd", 2, None)`` for
   "Wednesday") that a cached resolver turns into ``(start, end)`` for a publication day and
   a direction (past, future, or nearest).  The direction comes from the expression itself
   ("next", "last", "since", "deadline"), else from the tense cue nearest to it in the
   sentence ("will", "scheduled", "said", "-ed" verbs), else from the paragraph, else the
   nearest day.

English is handled entirely by the module's own resolver (no dateparser call at all, so no
150 ms first-call cost).  For other languages the candidate words come from dateparser's
locale data and only those candidate phrases are given to ``dateparser.parse`` when the
module cannot read them itself.

The steps live in sibling modules: ``vocabulary`` (shared types, names and regex pieces),
``phrases`` and ``candidates`` (step 1), ``ranges`` (step 2), ``tense`` and ``resolve``
(step 3), and ``locales`` (other languages).  This module ties them together.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from datetime import date, datetime, timedelta

from briefings.model import DateMention

from .anchors import Anchored, anchor_day, english_anchored
from .candidates import _candidates
from .locales import _find_other_language
from .ranges import _merged
from .resolve import _month_span, _resolve, _shift_month
from .tense import _needs_direction, _Tense
from .vocabulary import Direction, _Cand

__all__ = ["find_dates"]

_TRIM = " \t\n,;:—–-"


def _mention(cand: _Cand, sentence: str, pub: date, direction: Direction) -> DateMention | None:
    try:
        span = _resolve(cand.key, pub, direction)
    except (KeyError, ValueError):
        # A letter the case-blind patterns read as ASCII but the vocabulary does not know
        # ("ſix days ago", long s; "Sıx", dotless i): an unreadable expression, left out.
        return None
    if span is None:
        return None
    text = sentence[cand.start:cand.end].strip(_TRIM)
    if not text:
        return None
    return DateMention(text=text, start=span[0], end=span[1])


def _as_day(published: date | datetime) -> date:
    return published.date() if isinstance(published, datetime) else published


def find_dates(sentence: str, published: date, *, language: str = "en",
               context: str = "") -> list[DateMention]:
    """The date expressions of ``sentence``, in order, each resolved to a day or a span.

    ``published`` is the article's publication day (relative expressions resolve against
    it); ``context`` is the surrounding paragraph, read for tense when the sentence has no
    cue of its own.  Never raises on odd input: unreadable expressions are left out.
    """
    if not sentence or not isinstance(sentence, str):
        return []
    pub = _as_day(published)
    if not isinstance(context, str):
        context = ""
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    if lang != "en":
        return _find_other_language(sentence, pub, lang, context)
    found = [(c, m) for c, m in _find_english(sentence, pub, context) if m is not None]
    clocks = english_anchored(sentence)
    if not clocks:
        return [m for _, m in found]
    return _with_clock_times(clocks, found, sentence, pub, context)


def _with_clock_times(clocks: list[Anchored], found: list[tuple[_Cand, DateMention]],
                      sentence: str, pub: date, context: str) -> list[DateMention]:
    """The sentence's mentions with its clock times ("at 10:35 a.m.") added as mentions of the
    day they belong to (TimeML dates them; the brief is day-level)."""
    placed = [(c.start, c.end, m) for c, m in found]

    def earlier() -> list[DateMention]:
        return [m for _, m in _earlier_in_paragraph(sentence, pub, context) if m is not None]

    added: list[tuple[int, int, DateMention]] = []
    for clock in clocks:
        if any(start < clock.end and clock.start < end for start, end, _ in placed + added):
            continue  # "10 p.m. Wednesday" is already part of a mention
        mention = anchor_day(clock, sentence, placed, earlier, pub)
        if mention is not None:
            added.append((clock.start, clock.end, mention))
    return [m for _, _, m in sorted(placed + added, key=lambda item: item[0])]


def _find_english(sentence: str, pub: date, context: str) -> list[tuple[_Cand, DateMention | None]]:
    """Each candidate of an English sentence with its mention (None when it does not resolve)."""
    cands = _merged(_candidates(sentence), sentence)
    resolved: list[tuple[_Cand, DateMention | None]] = []
    tense: _Tense | None = None
    for cand in cands:
        if cand.kind == "skip":
            continue
        direction: Direction = "nearest"
        if cand.hint:
            direction = cand.hint
        elif _needs_direction(cand.key):
            if tense is None:
                tense = _Tense(sentence, context)  # only when some mention needs a tense
            direction = tense.direction(cand.start, cand.end,
                                        sentence_only=cand.key[0] in _SENTENCE_TENSE)
            if direction == "nearest" and cand.key[0] == "wd" and cand.key[2] == "until":
                direction = "future"
            elif direction == "future" and cand.key[0] == "wd" and cand.key[2] == "poss":
                direction = "nearest"  # "Tuesday's talks will shape ...": the verb is not the talks'
        if cand.key[0] in _ANCHORED or _LAST_YEAR == cand.key:
            mention = _anchored(cand, sentence, pub, resolved, context, direction)
        else:
            mention = _mention(cand, sentence, pub, direction)
        resolved.append((cand, mention))
    return resolved


_LAST_YEAR = ("year", -1, 0)
""""last year" after a quarter in the same sentence is that quarter a year back ("third-quarter
profit rose from last year")."""


_SENTENCE_TENSE = frozenset({"date", "days", "month", "end_of", "holiday"})
"""Keys whose direction is read from their own sentence only (never the paragraph)."""

_ANCHORED = frozenset({"yearback", "anaphor", "anaphor_unit"})
"""Keys whose day depends on another expression: "a year earlier" (than the quarter just
named), "that day" (the day just named)."""


def _anchored(cand: _Cand, sentence: str, pub: date,
              before: list[tuple[_Cand, DateMention | None]], context: str,
              direction: Direction) -> DateMention | None:
    """Resolve "a year earlier"/"the year-ago quarter" and "that day" against the nearest
    expression before them in the sentence, else in the paragraph before the sentence."""
    text = sentence[cand.start:cand.end].strip(_TRIM)
    if cand.key[0] == "anaphor":
        days = _last_named(before, sentence, pub, context, _one_day)
        if days is None:
            return None
        day = days.start + timedelta(days=cand.key[1] if len(cand.key) > 1 else 0)
        return DateMention(text=text, start=day, end=day)
    if cand.key[0] == "anaphor_unit":
        _, unit, offset = cand.key
        named = _last_named(before, sentence, pub, context,
                            _one_month if unit == "month" else _one_year)
        if named is None:
            return None
        if unit == "month":
            first, last = _month_span(*_shift_month(named.start, offset))
        else:
            first, last = date(named.start.year + offset, 1, 1), date(named.start.year + offset, 12, 31)
        return DateMention(text=text, start=first, end=last)
    quarters = [m for c, m in before if m is not None and c.key[0] in _QUARTER_KEYS]
    if cand.key == _LAST_YEAR:
        if not quarters:
            return _mention(cand, sentence, pub, direction)
        count, noun = 1, "year"
    else:
        _, count, noun = cand.key
        if not quarters:
            quarters = [m for c, m in _earlier_in_paragraph(sentence, pub, context)
                        if m is not None and c.key[0] in _QUARTER_KEYS]
    if quarters:
        start, end = quarters[-1].start, quarters[-1].end
        if noun == "absolute":  # "the 1988 quarter": count is minus the year
            count = start.year + count
        return DateMention(text=text, start=_years_back(start, count), end=_years_back(end, count))
    if noun == "year" and cand.key != _LAST_YEAR and _RESULTS.search(sentence):
        noun = "quarter"  # "net rose to $87 million from $58 million a year earlier": the
        # results of the latest quarter, compared with the same quarter a year back
    if noun == "absolute":
        key: tuple[Any, ...] = ("year_abs", -count)
    elif noun == "quarter":
        key = ("quarter_rel", "completed")
    else:
        key = cand.key
    span = _resolve(key, pub, "past")
    if span is None:
        return None
    if noun == "quarter":
        span = (_years_back(span[0], count), _years_back(span[1], count))
    return DateMention(text=text, start=span[0], end=span[1])


def _last_named(before: list[tuple[_Cand, DateMention | None]], sentence: str, pub: date,
                context: str, fits: Callable[[DateMention], bool]) -> DateMention | None:
    """The last mention that ``fits`` before the expression in its sentence, else in the
    paragraph before the sentence; None when there is none (a guess is worse than nothing)."""
    for _, mention in reversed(before):
        if mention is not None and fits(mention):
            return mention
    for _, mention in reversed(_earlier_in_paragraph(sentence, pub, context)):
        if mention is not None and fits(mention):
            return mention
    return None


def _one_day(mention: DateMention) -> bool:
    return mention.start == mention.end


def _one_month(mention: DateMention) -> bool:
    return (mention.start.year, mention.start.month) == (mention.end.year, mention.end.month)


def _one_year(mention: DateMention) -> bool:
    return mention.start.year == mention.end.year


_QUARTER_KEYS = frozenset({"quarter", "quarter_rel"})

_RESULTS = re.compile(r"(?i)\b(?:net|profit|earnings|earned|revenue|sales|a\s+share|"
                      r"operating\s+(?:income|loss))\b")
"""A company's results compared with "a year earlier": with no quarter named in the paragraph,
the comparison is of the latest quarter (financial news reports quarters)."""


def _years_back(day: date, count: int) -> date:
    try:
        return day.replace(year=day.year - count)
    except ValueError:  # 29 February
        return day.replace(year=day.year - count, day=28)


def _earlier_in_paragraph(sentence: str, pub: date,
                          context: str) -> list[tuple[_Cand, DateMention | None]]:
    """The mentions of the paragraph's text before ``sentence`` (only read for anchors)."""
    at = context.find(sentence) if context and sentence else -1
    if at <= 0:
        return []
    return _find_english(context[max(0, at - 2000):at], pub, "")
