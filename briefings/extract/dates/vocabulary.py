"""Vocabulary shared by every step of date finding: the types, the words, the regex pieces.

Why a module of its own: candidates, ranges, tense, resolution and the other-language path all
speak of ``Key``, ``Span``, ``Direction`` and ``_Cand`` and of weekday and month names; keeping
them here lets each of those modules import them without importing one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

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
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)(?!,\d{3})"
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


# One-literal scan for a month name (also the prefilter of the month rules in ``candidates``).
_MONTH_GATE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|"
                         r"JUN|JUL|AUG|SEP|OCT|NOV|DEC)")


def _year_of(text: str | None) -> int | None:
    return int(text) if text else None


def _day_of(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _month_of(text: str) -> int:
    return _MONTH_INDEX[text.lower().rstrip(".")]


ANNIVERSARY_BEFORE = re.compile(
    r"(?i)(?:anniversary\s+of(?:\s+the)?|aniversario\s+del?|anniversaire\s+du|"
    r"comm[ée]moration\s+du|jahrestag(?:es)?\s+(?:des|vom)|годовщин\w*|річниц\w*)\s*$")
"""Words before a day and month that name an event's anniversary: the day itself lies before
publication ("the anniversary of October 7" in an article of 7 October 2024 is 7 October
2023)."""
