"""Ranges: neighbouring candidates joined into one span ("Thursday and Friday", "3 to 5 June").

Why a module of its own: whether two candidates are one span depends on the words between
them ("and", "to", "into", "between ... and ..."), on their kinds (consecutive weekdays or
months) and on whether the sentence speaks of a change ("postponed from May to June" is two
dates).  This is step 2 of ``find_dates``.
"""

from __future__ import annotations

import re

from briefings.model import DateMention

from .vocabulary import Key, _Cand

_AND_GAP = re.compile(r"(?i)\s*(?:and|&)(?:\s+(?:early|late|on|in))?\s*")
_TO_GAP = re.compile(r"(?i)\s*(?:-|–|—|to|through|thru|until|till)(?:\s+(?:early|late|on))?\s*")
_INTO_GAP = re.compile(r"(?i),?\s*(?:into)\s*")
_BETWEEN_BEFORE = re.compile(r"(?i)\bbetween\s+$")
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
_CHANGE = re.compile(r"(?i)\b(?:extend|postpon|delay|mov|push|shift|chang|brought|bring|"
                     r"reschedul|deadline|advanc)\w*")


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


# ---------------------------------------------------------------------------------------------
# Other languages: mentions already resolved, joined when the words between them make a span
# ---------------------------------------------------------------------------------------------

_Placed = tuple[int, int, DateMention]

_FROM_WORDS = r"du|de|d[’']|des|von|vom|del|desde|с|со|з|із|від"
_TO_WORDS = (r"au|aux|à|a|jusqu[’']au|jusqu[’']à|bis(?:\s+(?:zum|zur|in\s+den))?|al|hasta(?:\s+el)?|"
             r"по|до")
_AND_WORDS = r"et|y|e|und|и|і|й|та"
_BETWEEN_WORDS = r"entre|zwischen|между|між"
_LEAD = re.compile(rf"(?i)^(?:(?P<from>{_FROM_WORDS})|(?P<to>{_TO_WORDS})|(?P<between>"
                   rf"{_BETWEEN_WORDS}))(?:\s+|(?<=[’'])|$)")
_TO_GAP_OTHER = re.compile(rf"(?i)\s*(?:{_TO_WORDS})?\s*")
_AND_GAP_OTHER = re.compile(rf"(?i)\s*(?:{_AND_WORDS})\s+")
_DASH_GAP = re.compile(r"\s*[-–—]\s*")
_WORD_BEFORE = re.compile(rf"(?i)(?:^|[\s(«\"])(?P<word>{_FROM_WORDS}|{_BETWEEN_WORDS})\s*$")
_DIGIT = re.compile(r"\d")
_BETWEEN_SET = frozenset({"entre", "zwischen", "между", "між"})
_LONGEST_RANGE = 400
"""Days a joined span may cover: "von 2020 bis 2025" is two years named, not one span."""


def join_other_language(placed: list[_Placed], sentence: str) -> list[_Placed]:
    """Neighbouring mentions of a non-English sentence joined into one span when the words
    between them say so: "de lundi à mardi", "von Montagabend bis Dienstag", "entre el lunes y
    el jueves", two consecutive days with "and" ("mardi et mercredi"), a night before its span
    ("dans la nuit de lundi à mardi"), and numeric dates with a dash ("09.12.2017-10.12.2017").

    Days and months named by words only, as English joins them ("Thursday and Friday"): their
    second end is read from the first.  Two written-out dates ("du mercredi 3 avril au samedi
    6 avril") stay two mentions, each complete on its own.  TimeML annotates the two ends of
    every span apart, so the French TimeBank counts each joined pair as two wrong values; the
    project's guidelines give a span as one range, which is what the calendar needs.
    """
    out: list[_Placed] = []
    for item in placed:
        out.append(item)
        while len(out) > 1:
            joined = _join_two(out[-2], out[-1], sentence)
            if joined is None:
                break
            out[-2:] = [joined]
    return out


def _join_two(first: _Placed, second: _Placed, sentence: str) -> _Placed | None:
    """The two mentions as one span, or None when the words between them make no span, the
    second does not lie after the first, or the span would be longer than a year or so."""
    a_start, a_end, a = first
    b_start, b_end, b = second
    if b.end < a.start or (b.end - a.start).days > _LONGEST_RANGE or (
            b.start <= a.start and b.end <= a.end):
        return None
    gap = sentence[a_end:b_start]
    b_lead = _LEAD.match(b.text)
    to_gap = gap + (b_lead.group() if b_lead and b_lead.group("to") else "")
    a_lead = _LEAD.match(a.text)
    word = _WORD_BEFORE.search(sentence, max(0, a_start - 12), a_start)
    opener = (a_lead.group("from") or a_lead.group("between")) if a_lead else None
    opener = (opener or (word.group("word") if word else "")).lower()
    between = opener in _BETWEEN_SET
    opened_from = bool(opener) and not between
    from_to = opened_from and (
        (b_lead is not None and b_lead.group("to") is not None and _TO_GAP_OTHER.fullmatch(to_gap))
        or (b_lead is None and re.fullmatch(rf"(?i)\s*(?:{_TO_WORDS})\s+", gap) is not None))
    named = not _DIGIT.search(a.text) and not _DIGIT.search(b.text)
    if _DASH_GAP.fullmatch(gap) and a.start == a.end and b.start == b.end:
        ok = True  # "09.12.2017-10.12.2017", "lundi-mardi"
    elif from_to and named:
        ok = True
    elif _AND_GAP_OTHER.fullmatch(gap) and named:
        ok = between or (a.start == a.end and b.start == b.end and
                         (b.start - a.start).days == 1)
    elif not gap.strip() and a.start == a.end == b.start < b.end:
        ok = True  # "dans la nuit de lundi à mardi": the night of the span just joined
    else:
        ok = False
    if not ok:
        return None
    if from_to and word is not None and not a_lead:
        a_start = word.start("word")  # "von Montagabend bis Dienstag"
    text = sentence[a_start:b_end].strip(" ,;:")
    return a_start, b_end, DateMention(text=text, start=a.start, end=max(a.end, b.end))
