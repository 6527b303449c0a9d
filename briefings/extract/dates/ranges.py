"""Ranges: neighbouring candidates joined into one span ("Thursday and Friday", "3 to 5 June").

Why a module of its own: whether two candidates are one span depends on the words between
them ("and", "to", "into", "between ... and ..."), on their kinds (consecutive weekdays or
months) and on whether the sentence speaks of a change ("postponed from May to June" is two
dates).  This is step 2 of ``find_dates``.
"""

from __future__ import annotations

import re

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
