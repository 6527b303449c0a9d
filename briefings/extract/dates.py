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
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable, Literal

from briefings.model import DateMention

__all__ = ["find_dates"]

Direction = Literal["past", "future", "nearest"]
Key = tuple
"""A hashable description of what an expression means, independent of the publication day."""
Span = tuple[date, date]

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_INDEX = {name: i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_INDEX.update(
    {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
     "sat": 5, "sun": 6}
)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_INDEX = {name: i + 1 for i, name in enumerate(MONTHS)}
_MONTH_INDEX.update(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
     "sept": 9, "oct": 10, "nov": 11, "dec": 12}
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}

# Regex building blocks.  Weekday and month names are case-sensitive (capitalised or upper
# case), which alone removes "may" the verb and "a march"; the words around them are not.
_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
_MONTH_FULL = (r"(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|December)")
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b)"
_MONTH = rf"(?:{_MONTH_FULL}\b|{_MONTH_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])(?!,\d{3})"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"


@dataclass(frozen=True)
class _Cand:
    """A candidate date expression found in the sentence, not yet resolved."""

    start: int
    end: int
    core: int
    """Offset where the date word itself starts (after any preposition or modifier)."""
    kind: str
    """``wd``, ``month``, ``day`` (explicit), ``span`` (other), or ``skip`` (vague: dropped)."""
    key: Key
    hint: Direction | None = None
    """A direction that the expression itself fixes ("next", "deadline", "by"), if any."""
    priority: int = 0


# ---------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------


def _month_span(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_span(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def _add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's length (31 Mar - 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_date(weekday: int, pub: date, direction: Direction, modifier: str | None) -> date:
    """The day a bare weekday name means, seen from the publication day.

    The publication day's own weekday is the publication day in every direction (guidelines:
    "on Tuesday" in an article of Tuesday is that Tuesday); "next"/"last" skip it.
    """
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if modifier == "next":
        return pub + timedelta(days=ahead or 7)
    if modifier == "last":
        return pub - timedelta(days=back or 7)
    if direction == "past":
        return pub - timedelta(days=back)
    if direction == "future":
        return pub + timedelta(days=ahead)
    return pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)


def _month_year(month: int, pub: date, direction: Direction) -> int:
    """The year of a month named without one: the latest past one, the next one, or nearest."""
    if direction == "past":
        return pub.year if month <= pub.month else pub.year - 1
    if direction == "future":
        return pub.year if month >= pub.month else pub.year + 1
    back = (pub.month - month) % 12
    ahead = (month - pub.month) % 12
    if back <= ahead:
        return pub.year if month <= pub.month else pub.year - 1
    return pub.year if month >= pub.month else pub.year + 1


def _iso_week(pub: date, offset: int) -> Span:
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
    return monday, monday + timedelta(days=6)


def _weekend(pub: date, which: str, direction: Direction) -> Span:
    """Saturday–Sunday: of this ISO week, the one before or after; "the weekend" by tense."""
    this_saturday = pub - timedelta(days=pub.weekday()) + timedelta(days=5)
    if which == "last":
        saturday = this_saturday - timedelta(days=7)
    elif which == "next":
        saturday = this_saturday + timedelta(days=7)
    elif which == "this":
        saturday = this_saturday
    elif pub.weekday() >= 5 or direction == "future":
        saturday = this_saturday
    elif direction == "past":
        saturday = this_saturday - timedelta(days=7)
    else:  # no tense: the closer of the weekend before and the weekend after
        before = pub - (this_saturday - timedelta(days=6))
        saturday = this_saturday - timedelta(days=7) if before <= this_saturday - pub \
            else this_saturday
    return saturday, saturday + timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Resolution (cached per key, publication day and direction)
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _resolve(key: Key, pub: date, direction: Direction) -> Span | None:
    """Turn a candidate's key into a span of days, or None when it does not resolve.

    Cached: a corpus repeats the same few expressions ("on Monday", "last week") against the
    same publication days thousands of times.
    """
    try:
        return _RESOLVERS[key[0]](key, pub, direction)
    except (ValueError, OverflowError):
        return None


def _r_date(key: Key, pub: date, direction: Direction) -> Span | None:
    """An explicit day; without a year, the publication year (guidelines).

    One exception: across New Year, a clearly planned "Jan. 5" in a late-December article is
    next year's, and a reported "December 30" in an early-January article last year's; the
    publication year would put either almost a year away, against the tense.
    """
    _, year, month, day = key
    found = _safe_date(year or pub.year, month, day)
    if found and year is None:
        if direction == "future" and (pub - found).days > 183:
            found = _safe_date(pub.year + 1, month, day)
        elif direction == "past" and (found - pub).days > 183:
            found = _safe_date(pub.year - 1, month, day)
    return (found, found) if found else None


def _r_days(key: Key, pub: date, direction: Direction) -> Span | None:
    _, year, month, first, last = key
    start = _safe_date(year or pub.year, month, first)
    end = _safe_date(year or pub.year, month, last)
    return (start, end) if start and end and start <= end else None


def _r_wd(key: Key, pub: date, direction: Direction) -> Span | None:
    day = _weekday_date(key[1], pub, direction, key[2])
    return day, day


def _r_month(key: Key, pub: date, direction: Direction) -> Span | None:
    _, month, year, early = key
    start, end = _month_span(year or _month_year(month, pub, direction), month)
    if early:
        end = start + timedelta(days=9)
    return start, end


def _r_year(key: Key, pub: date, direction: Direction) -> Span | None:
    _, offset, extra = key
    start, _ = _year_span(pub.year + offset)
    return start, _year_span(pub.year + offset + extra)[1]


def _r_week(key: Key, pub: date, direction: Direction) -> Span | None:
    return _iso_week(pub, key[1])


def _r_part(key: Key, pub: date, direction: Direction) -> Span | None:
    """"earlier this week" (Monday to the day before) or "later this month" (day after on)."""
    _, when, unit = key
    if unit == "week":
        first, last = _iso_week(pub, 0)
    elif unit == "month":
        first, last = _month_span(pub.year, pub.month)
    else:
        first, last = _year_span(pub.year)
    if when == "earlier":
        return (first, max(first, pub - timedelta(days=1)))
    return (min(last, pub + timedelta(days=1)), last)


def _r_offset(key: Key, pub: date, direction: Direction) -> Span | None:
    day = pub + timedelta(days=key[1])
    return day, day


def _r_range(key: Key, pub: date, direction: Direction) -> Span | None:
    """A range between the publication day and ``key[1]`` days (negative: before)."""
    days = key[1]
    other = pub + timedelta(days=days)
    return (other, pub) if days < 0 else (pub, other)


def _r_rolling(key: Key, pub: date, direction: Direction) -> Span | None:
    """"the past two weeks", "the last month": from that far back up to publication."""
    _, count, unit = key
    if unit == "day":
        start = pub - timedelta(days=count)
    elif unit == "week":
        start = pub - timedelta(weeks=count)
    elif unit == "month":
        start = _add_months(pub, -count)
    else:
        start = _add_months(pub, -12 * count)
    return start, pub


def _r_overnight(key: Key, pub: date, direction: Direction) -> Span | None:
    return pub - timedelta(days=1), pub


def _r_weekend(key: Key, pub: date, direction: Direction) -> Span | None:
    return _weekend(pub, key[1], direction)


def _r_start_of(key: Key, pub: date, direction: Direction) -> Span | None:
    """From the start of this year/month/week up to publication ("since the start of the year")."""
    unit = key[1]
    if unit == "year":
        return date(pub.year, 1, 1), pub
    if unit == "month":
        return date(pub.year, pub.month, 1), pub
    return _iso_week(pub, 0)[0], pub


def _r_end_of(key: Key, pub: date, direction: Direction) -> Span | None:
    """The last day of a year, month or week ("by the end of 2025")."""
    _, unit, value = key
    if unit == "year":
        day = date(value, 12, 31)
    elif unit == "year_rel":
        day = date(pub.year + value, 12, 31)
    elif unit == "month_rel":
        day = _month_span(*_shift_month(pub, value))[1]
    elif unit == "week_rel":
        day = _iso_week(pub, value)[1]
    else:  # a named month, with or without its year
        month, year = value
        day = _month_span(year or _month_year(month, pub, direction), month)[1]
    return day, day


def _shift_month(pub: date, offset: int) -> tuple[int, int]:
    year, index = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
    return year, index + 1


def _r_since(key: Key, pub: date, direction: Direction) -> Span | None:
    """"since Thursday night": from that day up to publication."""
    inner = _resolve(key[1], pub, "past")
    if inner is None or inner[0] > pub:
        return None
    return inner[0], pub


def _r_pair(key: Key, pub: date, direction: Direction) -> Span | None:
    """Two expressions read as one span: "Thursday and Friday", "between July 2024 and 2025".

    ``chain`` pairs (weekdays, months) resolve the second from the first, so that "Wednesday
    and Thursday" stays two consecutive days whatever the direction; others independently.
    """
    _, first_key, second_key, chain = key
    first = _resolve(first_key, pub, direction)
    if first is None:
        return None
    if chain and first_key[0] == "wd" and second_key[0] == "wd":
        gap = (second_key[1] - first_key[1]) % 7 or 7
        end = first[0] + timedelta(days=gap)
        return first[0], end
    if chain and first_key[0] == "month" and second_key[0] == "month":
        gap = (second_key[1] - first_key[1]) % 12 or 12
        year, month = divmod(first[0].year * 12 + first[0].month - 1 + gap, 12)
        return first[0], _month_span(year, month + 1)[1]
    second = _resolve(second_key, pub, direction)
    if second is None or second[1] < first[0]:
        return None
    return first[0], second[1]


def _r_year_month(key: Key, pub: date, direction: Direction) -> Span | None:
    """A month of a year relative to publication ("the start of next year": January)."""
    return _month_span(pub.year + key[1], key[2])


def _r_parsed(key: Key, pub: date, direction: Direction) -> Span | None:
    """Other languages: ask dateparser about this one candidate phrase only."""
    return _dateparser_span(key[1], key[2], pub, direction)


_RESOLVERS: dict[str, Callable[[Key, date, Direction], Span | None]] = {
    "date": _r_date,
    "days": _r_days,
    "wd": _r_wd,
    "month": _r_month,
    "year": _r_year,
    "week": _r_week,
    "month_rel": lambda key, pub, d: _month_span(*_shift_month(pub, key[1])),
    "part": _r_part,
    "offset": _r_offset,
    "range": _r_range,
    "rolling": _r_rolling,
    "overnight": _r_overnight,
    "weekend": _r_weekend,
    "start_of": _r_start_of,
    "end_of": _r_end_of,
    "since": _r_since,
    "pair": _r_pair,
    "year_month": _r_year_month,
    "parsed": _r_parsed,
}


# ---------------------------------------------------------------------------------------------
# Candidate rules (English)
# ---------------------------------------------------------------------------------------------

_Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str], str], "_Cand | None"]]


def _since_wrap(prep: str | None, key: Key) -> Key:
    """"since X" means from X up to publication; any other preposition leaves X as is."""
    if prep and prep.lower() == "since":
        return ("since", key)
    return key


_PREP_BEFORE = re.compile(
    r"(?i)\b(?P<prep>on|in|for|by|since|until|till|from|between|before|after|through|starting|"
    r"as\s+of|dated)\s+$"
)
"""A preposition just before an explicit date, kept in the mention ("on February 5").

Looked up behind the match rather than matched as an optional prefix: a pattern that may
start with any preposition is tried at every character of every sentence, which was most of
the module's running time."""


def _prep_before(sentence: str, start: int) -> tuple[int, str | None]:
    """The preposition right before ``start`` (and where it starts), if any."""
    window = max(0, start - 12)
    found = _PREP_BEFORE.search(sentence[window:start])
    if not found:
        return start, None
    return window + found.start(), found.group("prep").split()[0].lower()


def _year_of(text: str | None) -> int | None:
    return int(text) if text else None


def _day_of(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _month_of(text: str) -> int:
    return _MONTH_INDEX[text.lower().rstrip(".")]


_WD_BEFORE = re.compile(rf"\b(?:{_WD_FULL}|{_WD_ABBR}),?\s+$")


def _explicit(match: re.Match[str], sentence: str) -> _Cand | None:
    """"Tuesday, April 19, 2022", "Feb. 24", "7 October 2023", "on February 5"."""
    key: Key = ("date", _year_of(match.group("year")), _month_of(match.group("mon")),
                _day_of(match.group("day")))
    core = match.start()
    weekday = _WD_BEFORE.search(sentence[max(0, core - 12):core])
    if weekday:  # "Tuesday, April 19": the weekday belongs to the date
        core -= len(weekday.group())
    start, prep = _prep_before(sentence, core)
    return _Cand(start, match.end(), core, "day", _since_wrap(prep, key), priority=3)


def _numeric(match: re.Match[str], sentence: str) -> _Cand | None:
    """ISO "2026-02-27", dotted "27.02.2026", and slashed dates when the order is unambiguous."""
    year = int(match.group("y"))
    first, second = int(match.group("a")), int(match.group("b"))
    if match.group("sep") == "-":
        month, day = first, second  # ISO: year-month-day
    elif match.group("sep") == ".":
        day, month = first, second  # European dotted: day.month.year
    elif first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        month, day = first, second
    else:
        return None  # 04/05/2026: April 5 or 4 May? do not guess
    if not (1 <= month <= 12):
        return None
    return _Cand(match.start(), match.end(), match.start(), "day", ("date", year, month, day),
                 priority=3)


def _day_range(match: re.Match[str], sentence: str) -> _Cand | None:
    """"between February 11 and 15", "3-5 June", "from 3 to 5 June 2025"."""
    first, last = _day_of(match.group("d1")), _day_of(match.group("d2"))
    joiner = match.group("join").strip().lower()
    start, prep = _prep_before(sentence, match.start())
    if first >= last or (joiner == "and" and prep != "between"):
        return None
    key: Key = ("days", _year_of(match.group("year")), _month_of(match.group("mon")), first, last)
    return _Cand(start, match.end(), match.start(), "span", key, priority=4)


def _month_and_year(match: re.Match[str], sentence: str) -> _Cand | None:
    """"in February 2022": the whole month."""
    key: Key = ("month", _month_of(match.group("mon")), int(match.group("year")), False)
    start, prep = _prep_before(sentence, match.start())
    return _Cand(start, match.end(), match.start(), "month", _since_wrap(prep, key), priority=2)


_MONTH_EVENT_NOUNS = {
    "deadline": "future", "target": "future", "ultimatum": "future", "goal": "future",
    "forecast": None, "report": None, "meeting": None, "meetings": None, "talks": None,
    "summit": None, "election": None, "elections": None, "vote": None, "referendum": None,
    "session": None, "round": None, "visit": None, "offensive": None, "attack": None,
    "attacks": None, "strike": None, "strikes": None, "invasion": None, "agreement": None,
    "deal": None, "ceasefire": None, "truce": None, "update": None, "outlook": None,
    "estimate": None, "estimates": None, "figures": None, "data": None, "survey": None,
    "poll": None, "budget": None, "plan": None, "decision": None, "announcement": None,
    "statement": None, "conference": None, "trip": None, "exchange": None, "swap": None,
}
_MONTH_PREPS = {
    "in": None, "by": "future", "since": "past", "until": None, "till": None, "from": None,
    "for": None, "of": None, "during": None, "through": None, "throughout": None,
    "before": None, "after": None, "between": None, "and": None, "to": None, "last": "past",
    "next": "future", "this": None, "early": None, "late": None, "mid": None, "around": None,
}


_WEAK_MAY_PREPS = frozenset({"to", "and", "of", "for", "from", "after", "before", "around"})
_MONTH_BEFORE = re.compile(
    r"(?i)(?:\b(?P<prep>in|by|since|until|till|from|for|of|during|through|throughout|before|"
    r"after|between|and|to|last|next|this|around)\s+)?(?:\b(?P<mod>early|late|mid)[-\s]+)?$"
)


def _bare_month(match: re.Match[str], sentence: str) -> _Cand | None:
    """A month named alone: "in October", "by June", "a June deadline", "in early March".

    A capitalised month word with neither a preposition before it nor an event noun after it
    is not taken ("Theresa May", "March on Washington"): too many of those are not dates.
    "mid-" and "late" months are vague by the guidelines: matched, then dropped.
    """
    window = max(0, match.start() - 24)
    before = _MONTH_BEFORE.search(sentence[window:match.start()])
    start = window + before.start() if before else match.start()
    prep = (before.group("prep") or "").lower() or None if before else None
    mod = (before.group("mod") or "").lower() or None if before else None
    noun = (match.group("noun") or "").lower() or None
    if mod in ("mid", "late"):
        return _Cand(start, match.end(), match.start(), "skip", ("skip",))
    if not prep and not mod and not noun:
        return None
    if match.group("mon") == "May" and prep in _WEAK_MAY_PREPS and not noun and \
            not _MONTH_GATE.search(sentence, max(0, start - 20), start):
        return None  # "spoke to May", "a letter from May": the person, unless in a month range
    month = _month_of(match.group("mon"))
    hint = _MONTH_PREPS.get(prep or "") or (_MONTH_EVENT_NOUNS.get(noun) if noun else None)
    key: Key = ("month", month, None, mod == "early")
    end = match.end("mon") if noun else match.end()
    return _Cand(start, end, match.start(), "month", _since_wrap(prep, key), hint,
                 priority=1)


_NOT_A_DAY_BEFORE = re.compile(
    r"(?:Good|Black|Bloody|Holy|Easter|Palm|Ash|Maundy|Cyber|Super|Giving|Blue|Casual)\s+$")
_NOT_A_DAY_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Post|Mirror|Herald|Mail|Star|Tribune|Independent|Sport|"
    r"People|Night\s+Live|Agreement|School)\b")
_HABITUAL = re.compile(r"(?i)\b(?:on|every|most|all|some|many|several|other|the)\s+$")


def _weekday(match: re.Match[str], sentence: str) -> _Cand | None:
    """"on Wednesday", "said Monday", "overnight into Tuesday", "since Thursday night"."""
    if _NOT_A_DAY_BEFORE.search(sentence, max(0, match.start("wd") - 12), match.start("wd")) or \
            _NOT_A_DAY_AFTER.match(sentence, match.end("wd")):
        return None
    if match.group("plural") and _HABITUAL.search(sentence[max(0, match.start("wd") - 12):
                                                           match.start("wd")]):
        return None  # "on Saturdays": a habit, not a date
    words = (match.group("pre") or "").lower().split()
    modifier = "next" if ("next" in words or "coming" in words) else (
        "last" if "last" in words else None)
    hint: Direction | None = "future" if modifier == "next" else (
        "past" if modifier == "last" or "overnight" in words else None)
    key: Key = ("wd", _WEEKDAY_INDEX[match.group("wd").lower()], modifier)
    if "since" in words:
        key = ("since", key)
    return _Cand(match.start(), match.end(), match.start("wd"), "wd", key, hint)


_NAME_BEFORE = re.compile(r"\b[A-Z][\w.&]*\s+$")


def _relative_day(match: re.Match[str], sentence: str) -> _Cand | None:
    """"yesterday", "today's", "tomorrow", "last night"; not "Today" in a name ("USA Today")."""
    if match.group("word") == "Today" and _NAME_BEFORE.search(sentence, max(0, match.start() - 40),
                                                                         match.start()):
        return None
    word = re.sub(r"\s+", " ", match.group("word").lower())
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
               "this morning": 0, "this afternoon": 0, "this evening": 0,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    return _Cand(match.start(), match.end(), match.start(), "span", ("offset", offsets[word]))


def _relative_unit(match: re.Match[str], sentence: str) -> _Cand | None:
    """"last week", "this year's", "earlier this month", "the past week", "this year and next"."""
    rel = re.sub(r"\s+", " ", match.group("rel").lower())
    unit = match.group("unit").lower()
    when = (match.group("when") or "").lower() or None
    offset = {"this": 0, "last": -1, "next": 1, "coming": 1, "the coming": 1}.get(rel)
    if rel in ("the past", "past", "the last"):
        if unit != "week":
            return _skip(match, sentence)  # "the past year": a vague stretch, not a span
        return _Cand(match.start(), match.end(), match.start(), "span", ("rolling", 1, unit))
    if rel in ("the coming", "coming") and unit == "week":
        return _Cand(match.start(), match.end(), match.start(), "span", ("range", 7))
    if offset is None:
        return None
    if when and rel == "this":
        key: Key = ("part", when, unit)
    elif unit == "week":
        key = ("week", offset)
    elif unit == "month":
        key = ("month_rel", offset)
    else:
        key = ("year", offset, 1 if match.group("andnext") else 0)
    if match.group("andnext") and unit != "year":
        return None
    return _Cand(match.start(), match.end(), match.start(), "span", key, priority=1)


def _ago(match: re.Match[str], sentence: str) -> _Cand | None:
    """"a week ago", "three days ago": a single day."""
    count = _count(match.group("n"))
    unit = match.group("unit").lower()
    days = count * (14 if unit.startswith("fortnight") else 7 if unit.startswith("week") else 1)
    return _Cand(match.start(), match.end(), match.start(), "span", ("offset", -days))


def _rolling(match: re.Match[str], sentence: str) -> _Cand | None:
    """"in the last two weeks", "over the past 10 days": back that far up to publication.

    Months and years ("over the past two years", "the last 18 months") are the vague kind
    the guidelines leave out: swallowed, not reported.
    """
    unit = match.group("unit").lower().rstrip("s")
    if unit in ("month", "year"):
        return _skip(match, sentence)
    return _Cand(match.start(), match.end(), match.start(), "span",
                 ("rolling", _count(match.group("n")), unit))


def _count(word: str) -> int:
    word = word.lower()
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _overnight(match: re.Match[str], sentence: str) -> _Cand | None:
    """"overnight" alone: the night before publication, two days by the guidelines."""
    return _Cand(match.start(), match.end(), match.start(), "span", ("overnight",))


def _weekend_rule(match: re.Match[str], sentence: str) -> _Cand | None:
    """"over the weekend", "this weekend", "last weekend" ("that weekend": unknown anchor)."""
    det = match.group("det").lower()
    if det == "that" or (det == "the" and not match.group("prep")):
        return None
    hint: Direction | None = "past" if det == "last" else "future" if det == "next" else None
    return _Cand(match.start(), match.end(), match.start(), "span", ("weekend", det), hint)


def _since_start(match: re.Match[str], sentence: str) -> _Cand | None:
    return _Cand(match.start(), match.end(), match.start(), "span",
                 ("start_of", match.group("unit").lower()), priority=2)


def _end_of(match: re.Match[str], sentence: str) -> _Cand | None:
    """"by the end of 2025", "the end of the month", "end of March": the last day."""
    if match.group("year"):
        key: Key = ("end_of", "year", int(match.group("year")))
    elif match.group("mon"):
        key = ("end_of", "month", (_month_of(match.group("mon")), _year_of(match.group("myear"))))
    else:
        rel = match.group("rel").lower()
        offset = {"this": 0, "the": 0, "next": 1, "last": -1}[rel]
        unit = match.group("unit").lower()
        key = ("end_of", f"{unit}_rel", offset)
    return _Cand(match.start(), match.end(), match.start(), "span", key, "future", priority=2)


def _start_of(match: re.Match[str], sentence: str) -> _Cand | None:
    """"by the beginning of this summer" (June), "the start of next year" (January)."""
    if match.group("year"):
        key: Key = ("month", 1, int(match.group("year")), False)
        return _Cand(match.start(), match.end(), match.start(), "span", key, priority=2)
    rel = (match.group("rel") or "this").lower()
    unit = match.group("unit").lower()
    if unit == "year":
        offset = {"this": 0, "the": 0, "next": 1, "last": -1}[rel]
        return _Cand(match.start(), match.end(), match.start(), "span",
                     ("year_month", offset, 1), priority=2)
    if unit == "winter":
        return None  # which winter: December or January?
    hint: Direction = "past" if rel == "last" else "future"
    return _Cand(match.start(), match.end(), match.start(), "span",
                 ("month", _SEASON_START[unit], None, False), hint, priority=2)



def _skip(match: re.Match[str], sentence: str) -> _Cand | None:
    """Vague by the guidelines ("since early 2024", "mid-January"): swallow, report nothing."""
    return _Cand(match.start(), match.end(), match.start(), "skip", ("skip",), priority=5)


_WD_PRE = (
    r"(?P<pre>(?:(?i:on|for|until|till|by|since|from|starting|before|after|between|this|next|"
    r"last|coming|early|late|overnight|into|through\s+the\s+day)\s+){0,3})"
)

_RULES: list[_Rule] = [
    # Explicit dates, weekday optional: "Tuesday, April 19, 2022", "Wed Apr 20, 2022".
    ("month", re.compile(
        rf"\b(?P<mon>{_MONTH})\s*(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?"), _explicit),
    ("month", re.compile(
        rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?"),
     _explicit),
    # "Tuesday (Apr 19)"
    ("month", re.compile(
        rf"(?P<date>{_WD_FULL}\s*\(\s*"
        rf"(?P<mon>{_MONTH})\s*(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\s*\))"), _explicit),
    # Numeric dates (these two are also read in every other language).
    ("digit", re.compile(
        r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>-)(?P<a>0[1-9]|1[0-2])-(?P<b>0[1-9]|[12]\d|3[01])"
        r"(?!\d)"), _numeric),
    ("digit", re.compile(
        r"(?<![\d.])(?P<a>0?[1-9]|[12]\d|3[01])(?P<sep>[./])(?P<b>0?[1-9]|[12]\d|3[01])[./]"
        r"(?P<y>(?:19|20)\d\d)(?!\d)"), _numeric),
    # Day ranges inside one month: "February 11-15", "from 3 to 5 June".
    ("month", re.compile(
        rf"(?P<date>(?P<mon>{_MONTH})\s*(?P<d1>{_DAY})"
        rf"\s*(?P<join>-|–|—|(?i:to|and|through|until|till)\s)\s*(?P<d2>{_DAY})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?)"), _day_range),
    ("month", re.compile(
        rf"(?P<date>(?P<d1>{_DAY})\s*"
        rf"(?P<join>-|–|—|(?i:to|and|through|until|till)\s)\s*(?P<d2>{_DAY})\s+(?:of\s+)?"
        rf"(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?)"), _day_range),
    ("month", re.compile(
        rf"(?P<date>(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR})\s+(?P<year>{_YEAR}))"),
     _month_and_year),
    ("month", re.compile(
        rf"\b(?P<mon>{_MONTH_FULL})\b"
        rf"(?:\s+(?P<noun>{'|'.join(_MONTH_EVENT_NOUNS)})\b)?"), _bare_month),
    ("vague", re.compile(rf"(?i:\b(?:early|mid|late)[-\s]+{_YEAR}s?"
                         rf"|\bsince\s+(?:early\s+)?{_YEAR}s?"
                         rf"|\b(?:in|by|during)\s+{_YEAR}(?!\s*[-–/])"
                         rf"|\b(?:early|mid|late)[-\s]+(?:last|this|next)\s+year)"), _skip),
    ("wd", re.compile(
        rf"\b{_WD_PRE}(?P<wd>{_WD_FULL})(?P<plural>s\b)?(?:[’']s\b)?"
        rf"(?:\s+(?i:morning|afternoon|evening|night|overnight)\b)?"), _weekday),
    ("relday", re.compile(
        r"\b(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        r"yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|"
        r"evening)))(?:[’']s)?\b"), _relative_day),
    ("unit", re.compile(
        r"(?i)\b(?:(?P<when>earlier|later)\s+)?(?P<rel>this|last|next|the\s+past|"
        r"the\s+last|the\s+coming|past|coming)\s+(?P<unit>week|month|year)(?:[’']s)?\b"
        r"(?P<andnext>\s+and\s+next\b)?"), _relative_unit),
    ("ago", re.compile(rf"(?i)\b(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|fortnights?)\s+ago"), _ago),
    ("lastpast", re.compile(
        rf"(?i)\b(?:(?:in|over|during|for|within|across)\s+)?the\s+(?:last|past)\s+"
        rf"(?P<n>{_NUM})\s+(?P<unit>days|weeks|months|years)\b"), _rolling),
    ("overnight", re.compile(r"(?i)\bovernight\b"), _overnight),
    ("weekend", re.compile(
        r"(?i)\b(?:(?P<prep>over|during|at|on|for|by|until|through|across)\s+)?"
        r"(?P<det>the|this|last|next|that)\s+weekend(?:[’']s)?\b"), _weekend_rule),
    ("since", re.compile(r"(?i)\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+"
                         r"(?P<unit>year|month|week)\b"), _since_start),
    ("end", re.compile(
        rf"(?i:\b(?:(?:by|at|until|till|before|to|towards?)\s+)?the\s+end\s+of\s+)"
        rf"(?:(?P<year>{_YEAR})|(?P<rel>(?i:this|the|next|last))\s+"
        rf"(?P<unit>(?i:year|month|week))\b|(?P<mon>{_MONTH_FULL})\b"
        rf"(?:\s+(?P<myear>{_YEAR}))?)"), _end_of),
    ("start", re.compile(
        rf"(?i:\b(?:(?:by|at|from|until|till|before)\s+)?the\s+(?:start|beginning)\s+of\s+)"
        rf"(?:(?P<year>{_YEAR})|(?:(?P<rel>(?i:this|the|next|last))\s+)?"
        rf"(?P<unit>(?i:year|summer|spring|autumn|fall|winter))\b)"), _start_of),
]
"""(gate, pattern, builder): a rule runs only when its gate says the sentence may hold a match."""

_MONTH_GATE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|"
                         r"JUN|JUL|AUG|SEP|OCT|NOV|DEC)")
_WD_GATE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_DIGIT = re.compile(r"\d")


def _has(*words: str) -> Callable[[str, str], bool]:
    return lambda sentence, low: any(word in low for word in words)


_GATES: dict[str, Callable[[str, str], bool]] = {
    "month": lambda sentence, low: _MONTH_GATE.search(sentence) is not None,
    "wd": lambda sentence, low: _WD_GATE.search(sentence) is not None,
    "digit": lambda sentence, low: _DIGIT.search(sentence) is not None,
    "vague": lambda sentence, low: "year" in low or _DIGIT.search(sentence) is not None,
    "relday": _has("yesterday", "today", "tonight", "tomorrow", "last night", "this morning",
                   "this afternoon", "this evening"),
    "unit": _has("week", "month", "year"),
    "ago": _has("ago"),
    "lastpast": _has("last", "past"),
    "overnight": _has("overnight"),
    "weekend": _has("weekend"),
    "since": _has("since the"),
    "end": _has("end of"),
    "start": _has("start of", "beginning of"),
}
"""Cheap tests (substring checks and one-literal scans) that skip rules which cannot match.

Most sentences have no date at all; these let them through in a few microseconds."""

# ---------------------------------------------------------------------------------------------
# Tense: which way a weekday or month without a year points
# ---------------------------------------------------------------------------------------------

_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|won[’']t|shall|would|going\s+to|is\s+to|are\s+to|scheduled|rescheduled|"
    r"planned|planning|plans?\s+to|expected|expects?|set\s+to|(?:is|are)\s+due|upcoming|intends?|"
    r"aims?\s+to|starting|to\s+be\s+held|to\s+take\s+place|to\s+begin|to\s+start|to\s+resume|"
    r"hopes?\s+to|next)\b|[’']ll\b"
)
_PAST_CUE = re.compile(
    r"\b(?:[a-z]+ed|said|says|told|was|were|had|did|held|met|spoke|took|began|begun|struck|"
    r"left|made|came|went|gave|given|saw|seen|fell|shot|won|lost|sent|brought|found|got|kept|"
    r"led|ran|rose|sought|thought|wrote|broke|chose|flew|knew|paid|sold|stood|hit|ago|"
    r"earlier|yesterday|been|became|caught|felt|heard|built|spent|fought|swept|reports|"
    r"announces|confirms|claims)\b"
)
_NOT_PAST = frozenset(
    """need speed indeed hundred red bed feed seed shed proceed succeed exceed embed breed
    greed weed bleed creed steed armed allied advanced unnamed related based limited detailed
    concerned interested unprecedented supposed unarmed skilled talented biased mixed fixed
    scheduled rescheduled planned expected unexpected proposed so-called alleged wed""".split()
)
_PARTICIPLE_AFTER_BE = re.compile(r"(?i)\b(?:be|being)\s+$")
_PASSIVE_BY = re.compile(r"\s+by\b")


def _cues(text: str) -> list[tuple[int, int, str]]:
    """Tense cues in ``text`` as (start, end, "past"|"future").

    A participle right after "be" belongs to a future verb group ("will be held"); an ``-ed`` word
    right before "by" is a reduced passive describing a noun ("the meeting mentioned by X"),
    which says when something was mentioned, not when it happens: both are ignored.
    """
    found = [(m.start(), m.end(), "future") for m in _FUTURE_CUE.finditer(text)]
    for m in _PAST_CUE.finditer(text):
        word = m.group()
        if word in _NOT_PAST:
            continue
        if _PARTICIPLE_AFTER_BE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "will be held", "to be signed": part of a future verb group
        if word.endswith("ed") and _PASSIVE_BY.match(text, m.end()):
            continue
        found.append((m.start(), m.end(), "past"))
    return found


class _Tense:
    """The tense cues of one sentence (and, lazily, of its paragraph), for ``direction``."""

    def __init__(self, sentence: str, context: str) -> None:
        self.sentence = sentence
        self.context = context
        self.cues = sorted(_cues(sentence))
        self.starts = [cue[0] for cue in self.cues]
        self._paragraph: Direction | None = None

    def direction(self, start: int, end: int) -> Direction:
        """Past or future for the expression at ``sentence[start:end]``: nearest cue wins.

        Falls back to the paragraph's majority of cues, then to "nearest" (the day or month
        closest to publication either way).  Cues are looked up around the expression by
        bisection, so a pathological one-megabyte "sentence" stays linear.
        """
        index = bisect.bisect_left(self.starts, start)
        best: tuple[int, str] | None = None
        for cue_start, cue_end, kind in self._neighbours(index, start, end):
            distance = max(start - cue_end if cue_end <= start else cue_start - end, 0)
            if best is None or distance < best[0]:
                best = (distance, kind)
        if best is not None:
            return best[1]  # type: ignore[return-value]
        return self._paragraph_direction()

    def _neighbours(self, index: int, start: int, end: int) -> list[tuple[int, int, str]]:
        """The closest cue on each side that is not a word of the expression itself."""
        found = []
        i = index - 1
        while i >= 0:
            if self.cues[i][1] <= start or self.cues[i][0] < start:
                found.append(self.cues[i])
                break
            i -= 1
        i = index
        while i < len(self.cues):
            if self.cues[i][0] >= end:
                found.append(self.cues[i])
                break
            i += 1  # a cue inside the expression ("next" in "next week") does not count
        return found

    def _paragraph_direction(self) -> Direction:
        if self._paragraph is None:
            self._paragraph = "nearest"
            if self.context and self.context != self.sentence:
                kinds = [kind for _, _, kind in _cues(self.context)]
                future, past = kinds.count("future"), kinds.count("past")
                if future != past:
                    self._paragraph = "future" if future > past else "past"
        return self._paragraph


# ---------------------------------------------------------------------------------------------
# Candidates → mentions
# ---------------------------------------------------------------------------------------------

_AND_GAP = re.compile(r"(?i)\s*(?:and|&)(?:\s+(?:early|late|on|in))?\s*")
_TO_GAP = re.compile(r"(?i)\s*(?:-|–|—|to|through|thru|until|till)(?:\s+(?:early|late|on))?\s*")
_INTO_GAP = re.compile(r"(?i),?\s*(?:into)\s*")
_BETWEEN_BEFORE = re.compile(r"(?i)\bbetween\s+$")
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
_CHANGE = re.compile(r"(?i)\b(?:extend|postpon|delay|mov|push|shift|chang|brought|bring|"
                     r"reschedul|deadline|advanc)\w*")


def _candidates(sentence: str) -> list[_Cand]:
    """All rule matches, then the longest non-overlapping ones, in sentence order."""
    found: list[_Cand] = []
    low = sentence.lower()
    gates: dict[str, bool] = {}
    for gate, pattern, build in _RULES:
        if gate not in gates:
            gates[gate] = _GATES[gate](sentence, low)
        if not gates[gate]:
            continue
        for match in pattern.finditer(sentence):
            if match.end() == match.start():
                continue
            cand = build(match, sentence)
            if cand is not None:
                found.append(cand)
    found.sort(key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    chosen: list[_Cand] = []  # kept sorted by start, never overlapping
    starts: list[int] = []
    for cand in found:
        index = bisect.bisect_left(starts, cand.start)
        if index > 0 and chosen[index - 1].end > cand.start:
            continue
        if index < len(chosen) and chosen[index].start < cand.end:
            continue
        chosen.insert(index, cand)
        starts.insert(index, cand.start)
    return chosen


def _consecutive(first: _Cand, second: _Cand) -> bool:
    if first.kind == "wd" and first.key[0] == "wd" and second.key[0] == "wd":
        return (second.key[1] - first.key[1]) % 7 == 1
    if first.kind == "month" and first.key[0] == "month" and second.key[0] == "month":
        return (second.key[1] - first.key[1]) % 12 == 1 and second.key[2] in (None, first.key[2])
    return False


def _merge(first: _Cand, second: _Cand, sentence: str) -> _Cand | None:
    """One span from two neighbouring candidates, when the words between them say so."""
    if "skip" in (first.kind, second.kind) or first.key[0] == "since" or second.key[0] == "since":
        return None
    gap = sentence[first.end:second.core]
    # "between" may have been taken as the first candidate's own preposition.
    head = sentence[first.start:first.core].strip().lower()
    window = max(0, first.start - 10)
    between = head.startswith("between") or bool(
        _BETWEEN_BEFORE.search(sentence, window, first.start))
    from_ = head.startswith("from") or bool(_FROM_BEFORE.search(sentence, window, first.start))
    same = first.kind == second.kind and first.kind in ("wd", "month")
    chain = same
    if _AND_GAP.fullmatch(gap):
        ok = between or (same and _consecutive(first, second))
    elif _INTO_GAP.fullmatch(gap):
        ok = first.kind == "wd" and second.kind == "wd"
    elif _TO_GAP.fullmatch(gap):
        ok = (first.kind == "wd" and second.kind == "wd") or between or (
            from_ and not _CHANGE.search(sentence, max(0, first.start - 80), second.end))
    else:
        ok = False
    if not ok:
        return None
    key: Key = ("pair", first.key, second.key, chain)
    start = first.start
    return _Cand(start, second.end, first.core, "span", key, first.hint or second.hint)


def _merged(cands: list[_Cand], sentence: str) -> list[_Cand]:
    out: list[_Cand] = []
    for cand in cands:
        if out:
            joined = _merge(out[-1], cand, sentence)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(cand)
    return out


_TRIM = " \t\n,;:—–-"


def _needs_direction(key: Key) -> bool:
    """Whether the key resolves differently in the past and the future (weekdays, months
    without a year, "the weekend"); explicit dates and ISO weeks do not need tense at all."""
    kind = key[0]
    if kind == "pair":
        return _needs_direction(key[1]) or _needs_direction(key[2])
    if kind == "month":
        return key[2] is None
    if kind == "date":
        return key[1] is None and key[2] in (1, 12)  # only near New Year does tense matter
    if kind == "end_of":
        return key[1] == "month" and key[2][1] is None
    return kind in ("wd", "weekend")


def _mention(cand: _Cand, sentence: str, pub: date, direction: Direction) -> DateMention | None:
    span = _resolve(cand.key, pub, direction)
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
    cands = _merged(_candidates(sentence), sentence)
    mentions = []
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
            direction = tense.direction(cand.start, cand.end)
        mention = _mention(cand, sentence, pub, direction)
        if mention is not None:
            mentions.append(mention)
    return mentions


# ---------------------------------------------------------------------------------------------
# Other languages: candidates from dateparser's locale data, parsed one by one
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _locale_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, Key]] | None:
    """A regex of the language's month and weekday names and simple relative words.

    Built once per language from dateparser's own locale tables, so that the costly parser
    only ever sees short candidate phrases.  Words shorter than four letters are left out
    (abbreviations such as German "so" or "mi" are ordinary words too).
    """
    try:
        from dateparser.languages.loader import default_loader
        info = default_loader.get_locale(lang).info
    except Exception:  # unknown language code: no candidates rather than a crash
        return None
    words: dict[str, Key] = {}
    for i, name in enumerate(WEEKDAYS):
        for word in info.get(name, []):
            if len(word) >= 4:
                words[word.lower()] = ("wd", i, None)
    for i, name in enumerate(MONTHS):
        for word in info.get(name, []):
            if len(word) >= 3:
                words.setdefault(word.lower(), ("month", i + 1, None, False))
    relative = {"0 day ago": ("offset", 0), "1 day ago": ("offset", -1),
                "in 1 day": ("offset", 1), "0 week ago": ("week", 0), "1 week ago": ("week", -1),
                "in 1 week": ("week", 1), "0 month ago": ("month_rel", 0),
                "1 month ago": ("month_rel", -1), "in 1 month": ("month_rel", 1),
                "0 year ago": ("year", 0, 0), "1 year ago": ("year", -1, 0),
                "in 1 year": ("year", 1, 0)}
    for name, key in relative.items():
        for word in info.get("relative-type", {}).get(name, []):
            if len(word) >= 4:
                words.setdefault(word.lower(), key)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(
        rf"(?i)(?<!\w)(?:(?P<day>\d{{1,2}})\.?\s*)?(?P<word>{alternatives})(?!\w)"
        rf"(?:\s*(?P<day2>\d{{1,2}})(?!\d))?(?:,?\s*(?P<year>(?:19|20)\d\d)(?!\d))?"
    )
    return pattern, words


def _find_other_language(sentence: str, pub: date, lang: str, context: str) -> list[DateMention]:
    """Month and weekday names, relative words and numeric dates of a non-English sentence."""
    mentions: list[tuple[int, DateMention]] = []
    taken: list[tuple[int, int]] = []
    numeric = [(pattern, build) for _, pattern, build in _RULES if build is _numeric]
    for pattern, build in numeric:  # ISO and dotted numeric dates read the same in any language
        for match in pattern.finditer(sentence):
            cand = build(match, sentence)
            span = _resolve(cand.key, pub, "nearest") if cand else None
            if span:
                mentions.append((match.start(), DateMention(match.group(), *span)))
                taken.append((match.start(), match.end()))
    found = _locale_pattern(lang)
    if found is not None:
        pattern, words = found
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _other_mention(match, words, sentence, pub, lang)
            if mention is not None:
                mentions.append((match.start(), mention))
    mentions.sort(key=lambda item: item[0])
    return [mention for _, mention in mentions]


def _other_mention(match: re.Match[str], words: dict[str, Key], sentence: str, pub: date,
                   lang: str) -> DateMention | None:
    key = words[match.group("word").lower()]
    day = match.group("day") or match.group("day2")
    year = _year_of(match.group("year"))
    text = match.group().strip()
    if key[0] == "month" and day:
        key = ("date", year, key[1], int(day))
    elif key[0] == "month" and year:
        key = ("month", key[1], year, False)
    elif key[0] == "wd" and (day or year):
        key = ("parsed", text, lang)  # "Montag, 3. März": let dateparser read the whole phrase
    elif day or year:
        text = match.group("word")
    span = _resolve(key, pub, "nearest")
    return DateMention(text, *span) if span else None


def _dateparser_span(text: str, lang: str, pub: date, direction: Direction) -> Span | None:
    """One candidate phrase read by dateparser (imported lazily: its first call is slow)."""
    try:
        import dateparser
    except ImportError:
        return None
    prefer = {"past": "past", "future": "future"}.get(direction, "current_period")
    try:
        parsed = dateparser.parse(
            text, languages=[lang],
            settings={"RELATIVE_BASE": datetime(pub.year, pub.month, pub.day),
                      "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False},
        )
    except Exception:
        return None
    return (parsed.date(), parsed.date()) if parsed else None
