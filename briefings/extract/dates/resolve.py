"""Resolution: a candidate's key becomes a span of days for a publication day and a direction.

Why a module of its own: this is the calendar arithmetic (weekdays by direction, ISO weeks,
months and years, weekends, "since", pairs), independent of how the expression was found.  A
key is hashable and free of the publication day, so ``_resolve`` is cached across a corpus.
Keys of kind ``parsed`` (other languages) are read by dateparser here, imported lazily.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable

from .vocabulary import Direction, Key, Span

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
    if modifier == "previous":  # "the previous Friday": the one before the last
        return pub - timedelta(days=(back or 7) + 7)
    if direction == "past":
        return pub - timedelta(days=back)
    if direction == "future":
        return pub + timedelta(days=ahead)
    return pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)


_MONTH_PAST_SLACK = 1
"""Months a month named without a year may lie ahead against a past cue and still be the one
meant ("told its customers of a cut in September" in an August paper): as ``_PAST_SLACK`` for
days, the cue is often the reporting verb, not the event's."""


def _month_year(month: int, pub: date, direction: Direction) -> int:
    """The year of a month named without one: the latest past one, the next one, or nearest."""
    if direction == "past":
        if 0 < (month - pub.month) % 12 <= _MONTH_PAST_SLACK:
            return pub.year if month >= pub.month else pub.year + 1
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
    elif which == "this" and direction == "past" and pub.weekday() < 4:
        saturday = this_saturday - timedelta(days=7)  # "erupted this weekend" on a Monday
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
    found = _safe_date(year, month, day) if year else _day_in_direction(month, day, pub, direction)
    return (found, found) if found else None


_PAST_SLACK = 45
_FUTURE_SLACK = 14
"""Days a date may lie against the sentence's tense and still be the nearest one: a deadline
"extended from February 28" in a 27 February article is the next day, not last year's; tense
cues are often the reporting verb, not the event's."""


def _day_in_direction(month: int, day: int, pub: date, direction: Direction) -> date | None:
    """A day and month without a year: the one nearest publication in the sentence's direction
    (guidelines §3: a past "Oct. 23" in a January article is last October's; a planned one the
    coming one; no direction, the nearest).  29 February takes the nearest leap year's."""
    options = [d for d in (_safe_date(pub.year + k, month, day) for k in (-1, 0, 1)) if d]
    if direction == "past":  # a past cue rarely means a year back when the day is weeks ahead
        options = [d for d in options if (d - pub).days <= _PAST_SLACK] or options
    elif direction == "future":
        options = [d for d in options if (pub - d).days <= _FUTURE_SLACK] or options
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - pub).days))
    return best if abs((best - pub).days) < 366 else None


def _r_date_before(key: Key, pub: date, direction: Direction) -> Span | None:
    """A day and month whose anniversary is kept: the latest one strictly before publication."""
    _, month, day = key
    for year in (pub.year, pub.year - 1, pub.year - 2, pub.year - 3, pub.year - 4):
        found = _safe_date(year, month, day)
        if found is not None and found < pub:
            return found, found
    return None


def _r_either_date(key: Key, pub: date, direction: Direction) -> Span | None:
    """A slashed date that reads both ways ("03/02/2024"): the reading that is the publication
    day (a dateline), else none, rather than a guess between two months."""
    _, year, first, second = key
    for month, day in ((first, second), (second, first)):
        if _safe_date(year, month, day) == pub:
            return pub, pub
    return None


def _r_days(key: Key, pub: date, direction: Direction) -> Span | None:
    _, year, month, first, last = key
    if year is None:
        anchor = _day_in_direction(month, first, pub, direction)
        year = anchor.year if anchor else pub.year
    start = _safe_date(year, month, first)
    end = _safe_date(year, month, last)
    return (start, end) if start and end and start <= end else None


def _r_days_off(key: Key, pub: date, direction: Direction) -> Span | None:
    """"December 14 and 15 last year": days of a month in a year relative to publication."""
    _, month, first, last, offset = key
    start, end = _safe_date(pub.year + offset, month, first), _safe_date(pub.year + offset, month, last)
    return (start, end) if start and end else None


def _r_wd_week(key: Key, pub: date, direction: Direction) -> Span | None:
    """"Tuesday of last week": that weekday of the ISO week before, after or of publication."""
    day = _iso_week(pub, key[2])[0] + timedelta(days=key[1])
    return day, day


def _r_wd(key: Key, pub: date, direction: Direction) -> Span | None:
    day = _weekday_date(key[1], pub, direction, key[2])
    return day, day


def _r_month(key: Key, pub: date, direction: Direction) -> Span | None:
    _, month, year, early = key
    start, end = _month_span(year or _month_year(month, pub, direction), month)
    if early:
        end = start + timedelta(days=9)
    return start, end


def _r_month_mod(key: Key, pub: date, direction: Direction) -> Span | None:
    """"last December" (the latest one before the publication month), "next March"."""
    _, month, step = key
    if step < 0:
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month > pub.month else pub.year + 1
    return _month_span(year, month)


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


def _r_ahead_days(key: Key, pub: date, direction: Direction) -> Span | None:
    """"within a week" (publication to a week on), "the next two weeks" (the day after
    publication to two weeks on), "in ten days' time" (that day)."""
    _, days, from_next_day, single = key
    end = pub + timedelta(days=days)
    if single:
        return end, end
    return (pub + timedelta(days=1) if from_next_day else pub), end


def _r_ahead_months(key: Key, pub: date, direction: Direction) -> Span | None:
    """"within a month" (publication to a month on), "in two months' time" (that day)."""
    _, months, from_next_day, single = key
    end = _add_months(pub, months)
    if single:
        return end, end
    return (pub + timedelta(days=1) if from_next_day else pub), end


def _r_months_of_year(key: Key, pub: date, direction: Direction) -> Span | None:
    """"the second half of last year", "the first six months of 2024": months of one year."""
    _, (kind, value), first, last = key
    year = value if kind == "abs" else pub.year + value
    return date(year, first, 1), _month_span(year, last)[1]


def _r_year_end(key: Key, pub: date, direction: Direction) -> Span | None:
    """31 December: the coming one, or the last one when the sentence looks back."""
    year = pub.year - 1 if direction == "past" else pub.year
    day = date(year, 12, 31)
    return day, day


def _r_new_year_night(key: Key, pub: date, direction: Direction) -> Span | None:
    """New Year's night ("в новогоднюю ночь", "Silvesternacht"): 31 December and 1 January,
    the turn of the year nearest publication."""
    year = pub.year - 1 if pub.month <= 6 else pub.year
    return date(year, 12, 31), date(year + 1, 1, 1)


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


def _quarter_span(year: int, number: int) -> Span:
    first = date(year, 3 * number - 2, 1)
    return first, _month_span(year, 3 * number)[1]


def _r_quarter(key: Key, pub: date, direction: Direction) -> Span | None:
    """A quarter by number: of the year given, of a year relative to publication, or the
    latest one that has begun (tense does not help: "will report third-quarter results")."""
    _, number, year, offset = key
    if year is None and offset is not None:
        year = pub.year + offset
    if year is None:  # the latest that has begun: a quarter is named for its results
        year = pub.year if _quarter_span(pub.year, number)[0] <= pub else pub.year - 1
    return _quarter_span(year, number)


def _r_quarter_rel(key: Key, pub: date, direction: Direction) -> Span | None:
    """"the latest quarter" (the last one completed), "this quarter" (the current one)."""
    current = (pub.month - 1) // 3 + 1
    index = pub.year * 4 + current - 1
    if key[1] == "completed":
        index -= 1
    elif key[1] == "previous":
        index -= 1
    year, number = divmod(index, 4)
    return _quarter_span(year, number + 1)


def _r_yearback(key: Key, pub: date, direction: Direction) -> Span | None:
    """"a year earlier" with no quarter to follow: the year that many years back."""
    return _year_span(pub.year - key[1])


def _r_year_abs(key: Key, pub: date, direction: Direction) -> Span | None:
    return _year_span(key[1])


def _r_date_off(key: Key, pub: date, direction: Direction) -> Span | None:
    """"December 14 last year": the day in the year relative to publication."""
    found = _safe_date(pub.year + key[3], key[1], key[2])
    return (found, found) if found else None


def _r_month_off(key: Key, pub: date, direction: Direction) -> Span | None:
    """"in April last year": the month in the year relative to publication."""
    start, end = _month_span(pub.year + key[2], key[1])
    return (start, start + timedelta(days=9)) if key[3] else (start, end)


def _r_months_ago(key: Key, pub: date, direction: Direction) -> Span | None:
    day = _add_months(pub, -key[1])
    return day, day


def _holiday_date(rule: tuple, year: int) -> date:
    if rule[0] == "fixed":
        return date(year, rule[1], rule[2])
    from dateutil.easter import easter  # dateparser's own dependency

    return easter(year, rule[1])


def _r_holiday(key: Key, pub: date, direction: Direction) -> Span | None:
    """Christmas, New Year, Easter (method 3 Western, 2 Orthodox): in the year given, else the
    one nearest publication in the direction."""
    _, rule, year = key
    if year is not None:
        day = _holiday_date(rule, year)
        return day, day
    options = [_holiday_date(rule, pub.year + k) for k in (-1, 0, 1)]
    if direction == "past":
        options = [d for d in options if d <= pub]
    elif direction == "future":
        options = [d for d in options if d >= pub]
    day = min(options, key=lambda d: abs((d - pub).days))
    return day, day


def _r_parsed(key: Key, pub: date, direction: Direction) -> Span | None:
    """Other languages: ask dateparser about this one candidate phrase only."""
    return _dateparser_span(key[1], key[2], pub, direction)


_RESOLVERS: dict[str, Callable[[Key, date, Direction], Span | None]] = {
    "date": _r_date,
    "either_date": _r_either_date,
    "date_before": _r_date_before,
    "days": _r_days,
    "days_off": _r_days_off,
    "wd": _r_wd,
    "wd_week": _r_wd_week,
    "month": _r_month,
    "month_mod": _r_month_mod,
    "year": _r_year,
    "week": _r_week,
    "month_rel": lambda key, pub, d: _month_span(*_shift_month(pub, key[1])),
    "part": _r_part,
    "offset": _r_offset,
    "range": _r_range,
    "rolling": _r_rolling,
    "overnight": _r_overnight,
    "ahead_days": _r_ahead_days,
    "year_end": _r_year_end,
    "new_year_night": _r_new_year_night,
    "ahead_months": _r_ahead_months,
    "months_of_year": _r_months_of_year,
    "weekend": _r_weekend,
    "start_of": _r_start_of,
    "end_of": _r_end_of,
    "since": _r_since,
    "pair": _r_pair,
    "year_month": _r_year_month,
    "parsed": _r_parsed,
    "quarter": _r_quarter,
    "quarter_rel": _r_quarter_rel,
    "yearback": _r_yearback,
    "year_abs": _r_year_abs,
    "date_off": _r_date_off,
    "month_off": _r_month_off,
    "months_ago": _r_months_ago,
    "holiday": _r_holiday,
    "anaphor": lambda key, pub, d: None,
    "anaphor_unit": lambda key, pub, d: None,
}


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
