"""Candidate finding (English): the rule table, its cheap gates, and the longest-match choice.

Why a module of its own: ``_RULES`` pairs each precompiled pattern with its builder (in
``phrases``) and a gate that skips it when the sentence cannot match; ``_candidates`` runs them
and keeps the longest non-overlapping matches.  This is step 1 of ``find_dates``.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

from .phrases import (
    _MONTH_EVENT_NOUNS,
    _ago,
    _ahead,
    _fiscal_year_back,
    _half_year,
    _possessive_month,
    _so_far,
    _year_end,
    _bare_year,
    _holiday,
    _hours,
    _quarter,
    _that_day,
    _days_later,
    _unit_after,
    _weekday_of_week,
    _year_back,
    _year_quarter,
    _bare_month,
    _day_range,
    _end_of,
    _explicit,
    _month_and_year,
    _numeric,
    _overnight,
    _relative_day,
    _relative_unit,
    _rolling,
    _since_start,
    _skip,
    _spoken_year,
    _this_year,
    _start_of,
    _weekday,
    _weekend_rule,
)
from .vocabulary import (
    _DAY,
    _MONTH,
    _MONTH_ABBR,
    _MONTH_FULL,
    _NUM,
    _WD_FULL,
    _YEAR,
    _Cand,
)

_Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str], str], "_Cand | None"]]


_WD_PRE = (
    r"(?P<pre>(?:(?i:on|for|until|till|by|since|from|starting|before|after|between|this|next|"
    r"last|coming|early|late|overnight|into|previous|preceding|through\s+the\s+day)\s+){0,3})"
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
                         rf"|\bsince\s+early\s+{_YEAR}s?"
                         r"|\b(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:1[89]|20)\d0[’']?s\b"
                         rf"|\b{_YEAR}\s*[-–/]\s*(?:\d\d)?\d\d\b(?![-–/.]\d)"
                         rf"|\b(?:early|mid|late)[-\s]+(?:last|this|next)\s+year)"), _skip),
    # A year alone: "in 1988", "fiscal 1989" (counts, amounts and decades are refused).
    ("digit", re.compile(
        r"(?<![\w$£€.,/:-])(?P<year>(?:19|20)\d\d)(?![\w%]|[.,/:-]\d|\s*percent)"), _bare_year),
    # Quarters: "third-quarter", "the fourth quarter of 1990", "last year's first quarter".
    ("quarter", re.compile(
        rf"(?i)\b(?:(?:the|its|a|an)\s+)?(?:(?P<rel>this|last|next|year-earlier|year-ago|"
        rf"year\s+earlier|previous|prior|current)(?:\s+year[’']s)?\s+)?"
        rf"(?:(?P<year>{_YEAR})(?:[’']s)?\s+)?(?:fiscal[-\s]+)?"
        rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter\b"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>{_YEAR}))?"), _quarter),
    ("quarter", re.compile(
        rf"\b(?:(?P<year>{_YEAR})\s+)?(?P<ord>Q[1-4])\b(?:\s+(?P<year2>{_YEAR}))?"), _quarter),
    ("quarter", re.compile(
        r"(?i)\b(?P<det>the|this|that|its)\s+(?:(?:comparable|most)\s+)?(?P<rel>latest|last|recent|"
        r"previous|prior|current|year-earlier|year-ago|year-before)?\s*(?:fiscal\s+)?"
        r"quarter\b"), _quarter),
    ("quarter", re.compile(
        r"(?i)\bthe\s+(?:comparable\s+)?(?P<rel>year-earlier|year-ago|latest)\s+period\b"),
     _quarter),
    ("year", re.compile(
        r"(?i)\b(?:the\s+)?(?:same|corresponding|comparable|like)\s+(?:period|quarter|time)\s+"
        r"(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))"
        r"|\blast\s+year[’']s\s+(?:quarter|period)\b"), _year_back),
    ("quarter", re.compile(rf"(?i)\bthe\s+(?P<year>{_YEAR})\s+(?:quarter|period)\b"),
     _year_quarter),
    ("year", re.compile(
        rf"(?i)\b(?:(?P<n>{_NUM})\s+years?\s+(?:ago|earlier|before)\b|year-(?:earlier|ago)\b)"),
     _year_back),
    # "for the full year", "in the current fiscal year": the publication year ("the year ended
    # March 31" is a fiscal year of its own, a duration: not matched).
    ("year", re.compile(
        r"(?i)\b(?:for|in|during|of|through|over)\s+(?P<the>the\s+(?:(?:full|current|whole|entire)"
        r"\s+)?(?:fiscal\s+)?year)\b(?![-’']|\s+(?:ended|ending|to\b|before|after|since|earlier|"
        r"ago|in\s+which|that|when|two\s+thousand|of\b))"), _this_year),
    ("year", re.compile(
        r"(?i)\b(?:for|in|during|of|through|over)\s+(?P<the>the\s+current\s+(?:fiscal\s+)?year)\b"
        r"(?![-’']|\s+(?:ended|ending|to\b))"), _this_year),
    ("year", re.compile(
        r"(?i)\b(?:(?P<prep>by|at|until|till|before|through|since|from|to)\s+)?(?:the\s+)?"
        r"year[-\s]end\b(?![-\s](?:results|figures|bonus|bonuses|report|net|profit|earnings|"
        r"sales|revenue|dividend|audit|rally|holidays?|closing|level|total))"), _year_end),
    ("year", re.compile(
        r"(?i)\b(?:(?:in|for|during|of|over)\s+)?(?:the\s+(?:latest|last|previous|past|prior)|last)"
        r"\s+fiscal\s+year\b(?![-’']|\s+(?:ended|ending|to\b))"), _fiscal_year_back),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH_FULL})[’']s\b"), _possessive_month),
    ("hours", re.compile(
        r"(?i)\b(?:(?:in|over|during|for|within|across)\s+)?the\s+(?:last|past|previous)\s+"
        r"(?P<n>\d{1,2}|twenty[-\s]four|forty[-\s]eight)\s+hours\b"), _hours),
    ("anaphor", re.compile(r"(?i)\b(?:that|the\s+same)\s+day\b"), _that_day),
    # "two days later", "the next day", "the day before": days from the day last named ("a day
    # after the vote" names its own anchor, an event: not matched).
    ("anaphor", re.compile(
        rf"(?i)\b(?P<n>{_NUM})\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|afterwards?)\b"
        r"(?!\s+than)"
        r"|(?<!over\s)(?<!within\s)(?<!during\s)(?<!for\s)"
        r"\bthe\s+(?P<rel>next|following|previous|preceding)\s+day\b"
        r"(?!\s+(?:or|and|to)\b)"
        r"|\bthe\s+day\s+(?P<dir2>before|after)(?=\s*[.,;:)]|\s*$)"), _days_later),
    # "the following month", "the previous year", "that year": of the date last named.
    ("anaphor", re.compile(
        r"(?i)(?<!\bover\s)(?<!\bwithin\s)(?<!\bduring\s)(?<!\bfor\s)"
        r"\b(?:the\s+(?P<rel>following|previous|preceding)|that)\s+(?P<unit>month|year)\b"
        r"(?![-’']|\s+(?:or|and|to|ended|ending|before|after)\b)"), _unit_after),
    ("wd", re.compile(
        rf"\b(?P<wd>{_WD_FULL})\s+(?i:(?:of\s+)?(?P<rel>last|next|this|the\s+following|"
        rf"the\s+previous)\s+week)\b(?![’']s)"), _weekday_of_week),
    # Years read out in broadcast transcripts: "in nineteen ninety-six", "the year two thousand".
    ("spoken", re.compile(
        r"(?i)\b(?:(?:in|since|by|of|until)\s+)?(?P<month>" + _MONTH_FULL[3:-1] + r")?\s*"
        r"(?:nineteen[-\s](?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[-\s](?P<unit>one|two|three|four|five|six|seven|eight|nine)\b)?"
        r"|(?:the\s+year\s+)two\s+thousand(?:\s+and\s+(?P<unit2>one|two|three|four|five|six|"
        r"seven|eight|nine))?)\b(?![-\s](?:hundred|thousand|percent|people|dollars))"),
     _spoken_year),
    ("holiday", re.compile(
        rf"\b(?P<name>(?:Orthodox\s+)?(?:Christmas(?:\s+(?:Day|Eve))?|Easter(?:\s+Sunday)?"
        rf"|New\s+Year[’']s\s+(?:Day|Eve)|New\s+Year(?![’']s)))\b(?:,?\s+(?P<year>{_YEAR}))?"),
     _holiday),
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
    ("ago", re.compile(rf"(?i)\b(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|fortnights?|months?)\s+ago"), _ago),
    ("lastpast", re.compile(
        rf"(?i)\b(?:(?:in|over|during|for|within|across)\s+)?the\s+(?:last|past)\s+"
        rf"(?P<n>{_NUM})\s+(?P<unit>days|weeks|months|years)\b"), _rolling),
    ("overnight", re.compile(r"(?i)\bovernight\b"), _overnight),
    # "within a week", "in two weeks' time", "the next two weeks": ahead of publication.
    ("ahead", re.compile(
        rf"(?i)\b(?P<kind>within)\s+(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?)\b"
        r"(?!\s+(?:of|after|from|before|since)\b)"), _ahead),
    ("ahead", re.compile(
        rf"(?i)\b(?P<kind>in|a)\s+(?:(?P<n>{_NUM})\s+)?(?P<unit>days?|weeks?|months?)[’']\s*s?\s+time\b"),
     _ahead),
    ("ahead", re.compile(
        rf"(?i)\b(?:(?:in|over|during|for|within)\s+)?(?P<kind>the)\s+(?:next|coming)\s+"
        rf"(?P<n>{_NUM})\s+(?P<unit>days|weeks|months)\b(?!\s+or\b)"), _ahead),
    ("so_far", re.compile(r"(?i)\bso\s+far\s+this\s+(?P<unit>year|month|week)\b"), _so_far),
    ("so_far", re.compile(r"(?i)\bthis\s+(?P<unit>year|month|week)\s+so\s+far\b"), _so_far),
    ("half", re.compile(
        rf"(?i)\b(?:in\s+|during\s+|over\s+)?the\s+(?:(?P<half>first|second|last)\s+half"
        rf"|first\s+(?P<n>{_NUM})\s+months)\s+of\s+(?:(?P<year>{_YEAR})\b|(?:the\s+|this\s+)?"
        rf"(?:(?P<rel>last|this|next|current)\s+)?year\b(?![’']))"), _half_year),
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

_WD_GATE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_YEARISH = re.compile(r"(?:1[89]|20)\d\d")
_QUARTER_CODE = re.compile(r"Q[1-4]")
_HOLIDAY_GATE = re.compile(r"Christmas|Easter|New Year")
"""Every numeric rule and every year of the vague rule holds one of these four digits."""


_MONTH_WORD = re.compile(
    r"January\b|February\b|March\b|April\b|May\b|June\b|July\b|August\b|September\b|October\b"
    r"|November\b|December\b|Jan(?:\.|\b)|Feb(?:\.|\b)|Mar(?:\.|\b)|Apr(?:\.|\b)|Jun(?:\.|\b)"
    r"|Jul(?:\.|\b)|Aug(?:\.|\b)|Sept?(?:\.|\b)|Oct(?:\.|\b)|Nov(?:\.|\b)|Dec(?:\.|\b)"
)
"""``_MONTH`` as one flat alternation (so that the regex engine skips from capital to capital):
every month rule holds a month name this finds ("Mariupol" and "Marine" are no month)."""


def _has(*words: str) -> Callable[[str, str], bool]:
    if len(words) == 1:
        word = words[0]
        return lambda sentence, low: word in low
    return lambda sentence, low: any(word in low for word in words)


_GATES: dict[str, Callable[[str, str], bool]] = {
    "month": lambda sentence, low: _MONTH_WORD.search(sentence) is not None,
    "wd": lambda sentence, low: _WD_GATE.search(sentence) is not None,
    "digit": lambda sentence, low: _YEARISH.search(sentence) is not None,
    "vague": lambda sentence, low: "year" in low or _YEARISH.search(sentence) is not None,
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
    "quarter": lambda sentence, low: "quarter" in low or "period" in low or
    _QUARTER_CODE.search(sentence) is not None,
    "year": _has("year"),
    "hours": _has("hours"),
    "ahead": _has("within", "time", "next", "coming"),
    "so_far": _has("so far"),
    "half": _has("half", "months of"),
    "anaphor": _has("that day", "same day", "later", "earlier", "afterward", "the next day",
                    "following", "previous", "preceding", "the day before", "the day after",
                    "that month", "that year"),
    "spoken": _has("nineteen", "two thousand"),
    "holiday": lambda sentence, low: _HOLIDAY_GATE.search(sentence) is not None,
}
"""Cheap tests (substring checks and one-literal scans) that skip rules which cannot match.

Most sentences have no date at all; these let them through in a few microseconds."""

_ANY_CASED = re.compile(
    _MONTH_WORD.pattern + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|1[89]\d\d|20\d\d"
    r"|Q[1-4]|Christmas|Easter|New Year"
)
_ANY_LOWER = re.compile("yesterday|today|tonight|tomorrow|this morning|this afternoon|this evening"
                        "|week|month|year|ago|last|past|overnight|since the|end of|start of|beginning of"
                        "|quarter|period|hours|that day|same day|nineteen|two thousand|within|next|coming"
                        "|days’|days'|half"
                        "|later|earlier|afterward|the next day|following|previous|preceding|the day")
"""The prefilter: when neither matches (the sentence itself, its lower-cased text), no gate
above is open and the sentence has no candidate. Each is one flat alternation of literals, so
that the regex engine skips every position whose character starts none of them (nested
groups would make it try the whole pattern at every position, ten times slower)."""

_RULE_GATES: tuple[int, ...] = tuple(list(_GATES).index(gate) for gate, _, _ in _RULES)
_GATE_TESTS: tuple[Callable[[str, str], bool], ...] = tuple(_GATES.values())


def _candidates(sentence: str) -> list[_Cand]:
    """All rule matches, then the longest non-overlapping ones, in sentence order."""
    low = sentence.lower()
    if _ANY_CASED.search(sentence) is None and _ANY_LOWER.search(low) is None:
        return []
    found: list[_Cand] = []
    gates: list[bool | None] = [None] * len(_GATE_TESTS)
    for index, (_, pattern, build) in zip(_RULE_GATES, _RULES):
        open_ = gates[index]
        if open_ is None:
            open_ = gates[index] = _GATE_TESTS[index](sentence, low)
        if not open_:
            continue
        for match in pattern.finditer(sentence):
            if match.end() == match.start():
                continue
            try:
                cand = build(match, sentence)
            except (KeyError, ValueError):
                continue  # "ſix days ago": case-blind patterns read a letter the vocabulary lacks
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
