"""Candidate builders (English): one function per kind of date phrase, a match to a ``_Cand``.

Why a module of its own: each builder decides what one regex match means (which key, which
direction the words fix, which matches are not dates at all: "Theresa May", "Good Friday",
"USA Today", vague "mid-January").  The patterns that call them and the order they run in are
in ``candidates``.
"""

from __future__ import annotations

import re

from .vocabulary import (
    ANNIVERSARY_BEFORE,
    _MONTH_GATE,
    _NUMBER_WORDS,
    _SEASON_START,
    _WD_ABBR,
    _WD_FULL,
    _WEEKDAY_INDEX,
    Direction,
    Key,
    _Cand,
    _day_of,
    _month_of,
    _year_of,
)


def _since_wrap(prep: str | None, key: Key) -> Key:
    """"since X" of a weekday means from X up to publication; explicit dates, months and years
    keep X itself ("since October 7" is 7 October: both the project's gold and TIMEX3 say so)."""
    if prep and prep.lower() == "since" and key[0] == "wd":
        return ("since", key)
    return key


_YEAR_AFTER = re.compile(r"(?i)\s+(?:of\s+)?(?P<rel>last|next|this)\s+year\b")
"""A relative year right after a month or a day ("in April last year", "December 14 last year")."""


def _year_offset_after(sentence: str, end: int) -> tuple[int, int] | None:
    """(offset in years, end of the words) of "last year"/"next year"/"this year" after ``end``."""
    found = _YEAR_AFTER.match(sentence, end)
    if not found:
        return None
    return {"last": -1, "next": 1, "this": 0}[found.group("rel").lower()], found.end()


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


_WD_BEFORE = re.compile(rf"\b(?:{_WD_FULL}|{_WD_ABBR}),?\s+$")


def _explicit(match: re.Match[str], sentence: str) -> _Cand | None:
    """"Tuesday, April 19, 2022", "Feb. 24", "7 October 2023", "on February 5"."""
    year = _year_of(match.group("year"))
    key: Key = ("date", year, _month_of(match.group("mon")), _day_of(match.group("day")))
    end = match.end()
    relative = None if year else _year_offset_after(sentence, end)
    if relative:  # "on December 14 last year"
        key = ("date_off", key[2], key[3], relative[0])
        end = relative[1]
    if year is None and not relative and \
            ANNIVERSARY_BEFORE.search(sentence, max(0, match.start() - 24), match.start()):
        key = ("date_before", key[2], key[3])  # "the anniversary of October 7"
    core = match.start()
    weekday = _WD_BEFORE.search(sentence[max(0, core - 12):core])
    if weekday:  # "Tuesday, April 19": the weekday belongs to the date
        core -= len(weekday.group())
    start, prep = _prep_before(sentence, core)
    hint: Direction | None = "past" if prep == "since" else None
    if hint is None and (prep in ("until", "till", "by") or
                         _AHEAD_WORDS.search(sentence, max(0, start - 24), start)):
        hint = "future"
    return _Cand(start, end, core, "day", _since_wrap(prep, key), hint, priority=3)


_AHEAD_WORDS = re.compile(r"(?i)\b(?:effective|payable|due|expires?|expiring|"
                          r"record\s+date\s+(?:is|of)|takes?\s+effect|starting|beginning)\s+$")
"""Words that put the date after them ahead of publication ("payable Dec. 15")."""


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
    else:  # 04/05/2026: April 5 or 4 May? only when one of them is the publication day
        return _Cand(match.start(), match.end(), match.start(), "day",
                     ("either_date", year, first, second), priority=3)
    if not (1 <= month <= 12):
        return None
    return _Cand(match.start(), match.end(), match.start(), "day", ("date", year, month, day),
                 priority=3)


def _day_range(match: re.Match[str], sentence: str) -> _Cand | None:
    """"between February 11 and 15", "3-5 June", "from 3 to 5 June 2025"."""
    first, last = _day_of(match.group("d1")), _day_of(match.group("d2"))
    joiner = match.group("join").strip().lower()
    start, prep = _prep_before(sentence, match.start())
    if first >= last or (joiner == "and" and prep != "between" and last != first + 1):
        return None  # "on December 14 and 15" is one span; "March 3 and 17" two days
    year = _year_of(match.group("year"))
    key: Key = ("days", year, _month_of(match.group("mon")), first, last)
    end = match.end()
    relative = None if year else _year_offset_after(sentence, end)
    if relative:  # "On December 14 and 15 last year"
        key = ("days_off", key[2], first, last, relative[0])
        end = relative[1]
    return _Cand(start, end, match.start(), "span", key, priority=4)


def _month_and_year(match: re.Match[str], sentence: str) -> _Cand | None:
    """"in February 2022": the whole month."""
    key: Key = ("month", _month_of(match.group("mon")), int(match.group("year")), False)
    start, prep = _prep_before(sentence, match.start())
    return _Cand(start, match.end(), match.start(), "month", _since_wrap(prep, key), priority=2)


_MONTH_EVENT_NOUNS: dict[str, Direction | None] = {
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
_MONTH_PREPS: dict[str, Direction | None] = {
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
    if not prep and not mod and not noun and not _year_offset_after(sentence, match.end()):
        return None
    if match.group("mon") == "May" and prep in _WEAK_MAY_PREPS and not noun and \
            not _MONTH_GATE.search(sentence, max(0, start - 20), start):
        return None  # "spoke to May", "a letter from May": the person, unless in a month range
    month = _month_of(match.group("mon"))
    hint: Direction | None = _MONTH_PREPS.get(prep or "") or (_MONTH_EVENT_NOUNS.get(noun) if noun else None)
    key: Key = ("month", month, None, mod == "early")
    end = match.end("mon") if noun else match.end()
    relative = None if noun else _year_offset_after(sentence, end)
    if relative:  # "in February last year"
        key = ("month_off", month, relative[0], mod == "early")
        end = relative[1]
    elif prep == "this":  # "this September": of the publication year, whichever way
        key = ("month_off", month, 0, mod == "early")
    elif prep in ("last", "next") and mod is None:  # "last December": strictly before
        key = ("month_mod", month, -1 if prep == "last" else 1)
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
        "last" if "last" in words else
        "previous" if ("previous" in words or "preceding" in words) else None)
    if modifier is None and ("until" in words or "till" in words):
        modifier = "until"  # no tense cue: an end still ahead ("talks go on until Wednesday")
    hint: Direction | None = "future" if modifier == "next" else (
        "past" if modifier in ("last", "previous") or "overnight" in words else None)
    if hint is None and modifier is None and \
            re.match(r"[’']s\b", sentence[match.end("wd"):match.end("wd") + 3]):
        hint = _possessive_direction(sentence, match.start("wd"))
        modifier = "poss" if hint is None else None
    key: Key = ("wd", _WEEKDAY_INDEX[match.group("wd").lower()], modifier)
    if "since" in words:
        key = ("since", key)
    start = match.start()
    stacked = _STACKED_PREP.match(sentence, start, match.start("wd"))
    if stacked:  # "went on until Friday": "on" belongs to the verb
        start = stacked.end()
    return _Cand(start, match.end(), match.start("wd"), "wd", key, hint)


_STACKED_PREP = re.compile(r"(?i)(?:on|for|by)\s+(?=(?:since|until|till|before|after|from)\s)")


_AHEAD_OF = re.compile(r"(?i)\b(?:ahead\s+of|upcoming|until|till|awaiting|await|"
                       r"prepar\w+\s+for)\s+(?:the\s+)?$")
_AFTER_OF = re.compile(r"(?i)\b(?:after|following|since|from|in|at|during|despite)\s+(?:the\s+)?$")


def _possessive_direction(sentence: str, start: int) -> Direction | None:
    """"Tuesday's talks" names an event by its day: "ahead of Tuesday's vote" is the coming one,
    "after Tuesday's vote" the last one; otherwise None (the sentence's tense decides, see
    ``find_dates``)."""
    before = sentence[max(0, start - 30):start]
    if _AHEAD_OF.search(before):
        return "future"
    if _AFTER_OF.search(before):
        return "past"
    return None


_NAME_BEFORE = re.compile(r"\b[A-Z][\w.&]*\s+$")
_GENERIC_AFTER = re.compile(
    r"(?i)(?:[’']s)?\s+(?:\w+\s+)?(?:world|society|generation|youth|children|kids|economy|"
    r"technology|computers?|standards|terms|dollars|prices|young|families|culture|life|"
    r"living|workplace|workforce|military|army|leaders|consumers?)\b")
_OF_BEFORE = re.compile(r"(?i)\bof\s+$")


def _relative_day(match: re.Match[str], sentence: str) -> _Cand | None:
    """"yesterday", "today's", "tomorrow", "last night"; not "Today" in a name ("USA Today")."""
    if match.group("word") == "Today" and _NAME_BEFORE.search(sentence, max(0, match.start() - 40),
                                                                         match.start()):
        return None
    if (match.group().endswith("s") and _GENERIC_AFTER.match(sentence, match.end())) or (
            match.group("word").lower() == "tomorrow" and
            _OF_BEFORE.search(sentence, max(0, match.start() - 6), match.start())):
        return None  # "in today's world", "the people of tomorrow": an era, not a day
    word = re.sub(r"\s+", " ", match.group("word").lower())
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
               "this morning": 0, "this afternoon": 0, "this evening": 0,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    return _Cand(match.start(), match.end(), match.start(), "span", ("offset", offsets[word]))


def _relative_unit(match: re.Match[str], sentence: str) -> _Cand | None:
    """"last week", "this year's", "earlier this month", "the past week", "this year and next"."""
    if match.group("rel")[:1].isupper() and match.group("unit")[:1].isupper() and \
            match.start() > 0:
        return None  # "ABC's \"This Week\"": a title inside the sentence, not a week
    rel = re.sub(r"\s+", " ", match.group("rel").lower())
    unit = match.group("unit").lower()
    when = (match.group("when") or "").lower() or None
    offset = {"this": 0, "last": -1, "next": 1, "coming": 1, "the coming": 1}.get(rel)
    if rel in ("the past", "past", "the last"):
        if unit == "year":
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
    if unit.startswith("month"):  # "12 months ago": that day (project gold)
        return _Cand(match.start(), match.end(), match.start(), "span", ("months_ago", count))
    days = count * (14 if unit.startswith("fortnight") else 7 if unit.startswith("week") else 1)
    return _Cand(match.start(), match.end(), match.start(), "span", ("offset", -days))


def _rolling(match: re.Match[str], sentence: str) -> _Cand | None:
    """"in the last two weeks", "over the past 10 days", "in the past two months": back that
    far up to publication (the project's gold; TimeML calls them durations and does not score
    them).  Years and longer runs of months ("over the past two years", "the last 18 months")
    are the vague kind the guidelines leave out: swallowed, not reported.
    """
    unit = match.group("unit").lower().rstrip("s")
    count = _count(match.group("n"))
    if unit == "year" or (unit == "month" and count > _LONGEST_ROLLING_MONTHS):
        return _skip(match, sentence)
    return _Cand(match.start(), match.end(), match.start(), "span", ("rolling", count, unit))


_LONGEST_ROLLING_MONTHS = 3
""""the past two months" is a span the project's gold gives; "the last 18 months" a stretch
it leaves out as vague (dev and train gold both)."""


def _count(word: str) -> int:
    word = word.lower()
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _overnight(match: re.Match[str], sentence: str) -> _Cand | None:
    """"overnight" alone: the night before publication, two days by the guidelines."""
    return _Cand(match.start(), match.end(), match.start(), "span", ("overnight",))


_AHEAD_OF_WEEKEND = re.compile(r"(?i)\bahead\s+of\s+$")


def _weekend_rule(match: re.Match[str], sentence: str) -> _Cand | None:
    """"over the weekend", "this weekend", "last weekend" ("that weekend": unknown anchor)."""
    det = match.group("det").lower()
    ahead = _AHEAD_OF_WEEKEND.search(sentence, max(0, match.start() - 12), match.start())
    if det == "that" or (det == "the" and not match.group("prep") and not ahead):
        return None
    if ahead:
        return _Cand(match.start(), match.end(), match.start(), "span", ("weekend", det), "future")
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
    hint: Direction | None = "future"
    if key[1] == "month" and key[2][1] is None:
        hint = None  # "By the end of January, 25,000 had been killed": the sentence's tense
    return _Cand(match.start(), match.end(), match.start(), "span", key, hint, priority=2)


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


# ---------------------------------------------------------------------------------------------
# Quarters, years, "a year earlier", the past 24 hours, "that day", holidays
# ---------------------------------------------------------------------------------------------

_ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                    "3rd": 3, "4th": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}
_YEAR_REL = {"this": 0, "last": -1, "next": 1, "year-earlier": -1, "year-ago": -1,
             "year-before": -1, "previous": -1, "prior": -1, "current": 0}


def _quarter(match: re.Match[str], sentence: str) -> _Cand | None:
    """"third-quarter", "the fourth quarter of 1990", "Q3 2025", "last year's first quarter",
    "the year-ago quarter" (the anchor quarter a year back), "the latest quarter"."""
    if sentence.startswith(("-to-", "-century", "-point", "-mile", "-hour", "-inch", "-final"),
                           match.end()):
        return None  # "quarter-to-quarter", "a quarter-century low": not a period
    groups = match.groupdict()
    year = _year_of(groups.get("year") or groups.get("year2"))
    rel = (groups.get("rel") or "").lower().replace(" ", "-") or None
    if rel is None and (groups.get("det") or "").lower() == "this":
        rel = "this"
    ordinal = (groups.get("ord") or "").lower()
    if ordinal:
        number = _ORDINAL_QUARTER[ordinal]
        key: Key = ("quarter", number, year, _YEAR_REL.get(rel) if rel and not year else None)
    elif rel in ("year-earlier", "year-ago", "year-before"):
        key = ("yearback", 1, "quarter")
    else:
        which = {"last": "completed", "latest": "completed", "recent": "completed",
                 "most-recent": "completed", "previous": "previous", "prior": "previous",
                 "this": "current", "current": "current"}.get(rel or "", "completed")
        key = ("quarter_rel", which)
    hint: Direction | None = "past" if key[0] == "quarter" and key[3] is None and \
        _PAST_QUARTER_WORDS.search(sentence) else None
    return _Cand(match.start(), match.end(), match.start(), "span", key, hint, priority=2)


_PAST_QUARTER_WORDS = re.compile(r"(?i)\b(?:earn|profit|loss|net\s+income|revenue|sales|results)")
"""Quarters named in results ("third-quarter profit") are the latest such quarter, past."""


def _year_quarter(match: re.Match[str], sentence: str) -> _Cand | None:
    """"the 1988 quarter", "the 1989 period": the quarter just named, in that year."""
    key: Key = ("yearback", -int(match.group("year")), "absolute")
    return _Cand(match.start(), match.end(), match.start(), "span", key, priority=2)


def _year_back(match: re.Match[str], sentence: str) -> _Cand | None:
    """"a year ago", "a year earlier", "two years ago", "year-earlier": the same period a year
    back when the sentence names a quarter, else that year (project gold: "seven years ago" is
    the year 2009)."""
    count = _count(match.groupdict().get("n") or "a")
    return _Cand(match.start(), match.end(), match.start(), "span", ("yearback", count, "year"),
                 priority=1)


_COUNT_NOUNS = frozenset(
    """people troops soldiers men women children dead killed wounded injured workers jobs homes
    houses cars vehicles units shares tons tonnes miles kilometers kilometres km meters metres
    feet points votes seats cases deaths residents refugees prisoners employees members
    civilians fighters families students tanks rockets missiles drones shells acres hectares
    barrels rounds times copies pages words strong""".split())
_YEAR_NOT_BEFORE = re.compile(r"(?:[$£€#]|No\.\s*|\bnumber\s+|\bRoute\s+|\bFlight\s+)$")


_NAME_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_YEAR_WORDS = frozenset(
    """in on since by until till from for before after during through of early late mid spring
    summer fall autumn winter fiscal christmas easter january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    around about between and or to end start beginning year""".split())
"""Capitalised words that may stand before a year that is a year ("In 1988", "Summer 1990")."""


def _bare_year(match: re.Match[str], sentence: str) -> _Cand | None:
    """A year alone ("in 1988", "fiscal 1989", "the 1988 period"): the whole year.

    Not a count ("2000 troops"), an amount ("$1990") or a decade ("the 1990s")."""
    if _YEAR_NOT_BEFORE.search(sentence, max(0, match.start() - 8), match.start()):
        return None
    name = _NAME_WORD_BEFORE.search(sentence, max(0, match.start() - 24), match.start())
    if name and name.group(1).lower() not in _YEAR_WORDS and name.start() > 0:
        return None  # "Orion 1980", "Vision 2030": a name that ends in a year
    after = re.match(r"\s+([a-z]+)", sentence[match.end():match.end() + 20])
    if after and after.group(1) in _COUNT_NOUNS:
        return None
    start, prep = _prep_before(sentence, match.start())
    key: Key = ("year_abs", int(match.group("year")))
    return _Cand(start, match.end(), match.start(), "year", key, priority=0)


def _hours(match: re.Match[str], sentence: str) -> _Cand | None:
    """"over the past 24 hours": the day before publication and the day itself."""
    hours = int(match.group("n")) if match.group("n").isdigit() else _count(match.group("n"))
    if not 1 <= hours <= 96:
        return None
    days = max(1, -(-hours // 24))
    return _Cand(match.start(), match.end(), match.start(), "span", ("range", -days))


def _that_day(match: re.Match[str], sentence: str) -> _Cand | None:
    """"that day", "the same day": the day last named before it (resolved by ``find_dates``)."""
    return _Cand(match.start(), match.end(), match.start(), "span", ("anaphor",))


_SHIFT_SIGN = {"later": 1, "afterwards": 1, "afterward": 1, "after": 1, "next": 1,
               "following": 1, "earlier": -1, "before": -1, "previous": -1, "preceding": -1}


def _days_later(match: re.Match[str], sentence: str) -> _Cand | None:
    """"two days later", "a week earlier", "the next day", "the day before": that many days
    from the day last named (``find_dates`` looks it up; with none, nothing is reported)."""
    groups = match.groupdict()
    sign = _SHIFT_SIGN[(groups.get("dir") or groups.get("rel") or groups.get("dir2") or "").lower()]
    count = _count(groups["n"]) if groups.get("n") else 1
    unit = (groups.get("unit") or "day").lower().rstrip("s")
    days = count * (7 if unit == "week" else 1)
    return _Cand(match.start(), match.end(), match.start(), "span", ("anaphor", sign * days),
                 priority=2)


def _unit_after(match: re.Match[str], sentence: str) -> _Cand | None:
    """"the following month", "the previous year", "that year": the month or year of the date
    last named, moved by one (or not)."""
    rel = (match.group("rel") or "that").lower()
    offset = 0 if rel in ("that", "the same") else _SHIFT_SIGN[rel]
    return _Cand(match.start(), match.end(), match.start(), "span",
                 ("anaphor_unit", match.group("unit").lower(), offset), priority=2)


def _weekday_of_week(match: re.Match[str], sentence: str) -> _Cand | None:
    """"Tuesday of last week", "until Wednesday next week": that weekday of the ISO week."""
    offset = {"last": -1, "next": 1, "this": 0, "the following": 1, "the previous": -1}[
        re.sub(r"\s+", " ", match.group("rel").lower())]
    start, _ = _prep_before(sentence, match.start())
    key: Key = ("wd_week", _WEEKDAY_INDEX[match.group("wd").lower()], offset)
    return _Cand(start, match.end(), match.start(), "wd", key, priority=3)


_HOLIDAY_NAMES = {
    "christmas eve": ("fixed", 12, 24), "christmas": ("fixed", 12, 25),
    "new year's eve": ("fixed", 12, 31), "new year's day": ("fixed", 1, 1),
    "new year": ("fixed", 1, 1), "orthodox christmas": ("fixed", 1, 7),
    "easter": ("easter", 3), "orthodox easter": ("easter", 2),
    "easter sunday": ("easter", 3), "orthodox easter sunday": ("easter", 2),
}


def _holiday(match: re.Match[str], sentence: str) -> _Cand | None:
    """Holidays the calendar fixes: Christmas, New Year, Easter (Western and Orthodox)."""
    name = re.sub(r"\s+", " ", match.group("name").lower().replace("’", "'"))
    name = name.replace(" day", "") if name in ("christmas day",) else name
    rule = _HOLIDAY_NAMES.get(name)
    if rule is None:
        return None
    year = _year_of(match.group("year"))
    start, prep = _prep_before(sentence, match.start())
    hint: Direction | None = "past" if prep == "since" else "future" if prep in ("until", "by") \
        else None
    return _Cand(start, match.end(), match.start(), "day", ("holiday", rule, year), hint,
                 priority=2)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}


def _spoken_year(match: re.Match[str], sentence: str) -> _Cand | None:
    """"nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand"."""
    groups = match.groupdict()
    if groups["tens"]:
        year = 1900 + _TENS[groups["tens"].lower()] + _UNITS.get((groups["unit"] or "").lower(), 0)
    else:
        year = 2000 + _UNITS.get((groups["unit2"] or "").lower(), 0)
    key: Key = ("year_abs", year)
    if groups["month"]:
        key = ("month", _month_of(groups["month"]), year, False)
    return _Cand(match.start(), match.end(), match.start(), "year", key, priority=2)


def _this_year(match: re.Match[str], sentence: str) -> _Cand | None:
    """"for the full year", "sales in the current fiscal year": the publication year."""
    return _Cand(match.start("the"), match.end(), match.start("the"), "span", ("year", 0, 0),
                 priority=1)


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_LONGEST_WINDOW = 31
"""Days a window ahead may span and still be counted from publication: "within a week", "the
next two weeks" are; "within 50 days" is mostly a deadline someone set when they spoke (the
guidelines leave it out)."""


def _ahead(match: re.Match[str], sentence: str) -> _Cand | None:
    """"within a week" (publication up to a week on), "in a week's time" (that day), "the next
    two weeks" (the day after publication up to two weeks on)."""
    count = _count(match.group("n") or "a")
    unit = match.group("unit").lower().rstrip("s")
    kind = match.group("kind").lower()
    kind = "in" if kind == "a" else kind  # "a week's time"
    if kind == "the" and count < 2:
        return None  # "the next day", "the next week": other rules
    if kind != "in" and count * _UNIT_DAYS[unit] > _LONGEST_WINDOW:
        return None  # "a ceasefire within 50 days": a demand's clock, started when it was made
    if kind == "within" and count * _UNIT_DAYS[unit] < 7:
        return None  # "sold out within a day": how long something took, not a window ahead
    if unit == "month":
        key: Key = ("ahead_months", count, kind == "the", kind == "in")
    else:
        days = count * (7 if unit == "week" else 1)
        key = ("ahead_days", days, kind == "the", kind == "in")
    return _Cand(match.start(), match.end(), match.start(), "span", key, "future", priority=2)


def _so_far(match: re.Match[str], sentence: str) -> _Cand | None:
    """"so far this year", "this month so far": from its start up to publication."""
    return _Cand(match.start(), match.end(), match.start(), "span",
                 ("start_of", match.group("unit").lower()), priority=2)


_ORDINAL_HALF = {"first": 1, "second": 2, "last": 2}


def _half_year(match: re.Match[str], sentence: str) -> _Cand | None:
    """"the second half of last year", "the first half of 2025": six months of that year;
    "the first six months of the year": January to June."""
    groups = match.groupdict()
    if groups.get("year"):
        year: tuple[str, int] = ("abs", int(groups["year"]))
    else:
        year = ("rel", {"last": -1, "next": 1}.get((groups.get("rel") or "this").lower(), 0))
    if groups.get("half"):
        half = _ORDINAL_HALF[groups["half"].lower()]
        first, last = (1, 6) if half == 1 else (7, 12)
    else:
        count = _count(groups["n"])
        if not 1 <= count <= 11 or groups.get("year"):
            return None  # "the first nine months of 1997": a stretch of a year named by itself
        first, last = 1, count
    return _Cand(match.start(), match.end(), match.start(), "span",
                 ("months_of_year", year, first, last), priority=3)


def _year_end(match: re.Match[str], sentence: str) -> _Cand | None:
    """"by year-end" (31 December ahead), "since year-end" (the last one), "at year-end" by tense."""
    prep = (match.group("prep") or "").lower()
    hint: Direction | None = "past" if prep in ("since", "from") else (
        "future" if prep in ("by", "until", "till", "before", "through") else None)
    return _Cand(match.start(), match.end(), match.start(), "span", ("year_end",), hint,
                 priority=2)


def _fiscal_year_back(match: re.Match[str], sentence: str) -> _Cand | None:
    """"the latest fiscal year", "last fiscal year": the year before publication's."""
    return _Cand(match.start(), match.end(), match.start(), "span", ("year", -1, 0), priority=2)


def _possessive_month(match: re.Match[str], sentence: str) -> _Cand | None:
    """"February's rocket launch": the month an event is named by, in the sentence's tense."""
    if match.group("mon") == "May":
        return None  # "May's government": the person
    key: Key = ("month", _month_of(match.group("mon")), None, False)
    return _Cand(match.start(), match.end(), match.start(), "month", key, priority=2)
