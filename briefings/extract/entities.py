"""Who says it, who and where it is about, and the numbers that matter.

Deliberately modest: a brief needs the source of a claim ("according to Ukraine's air force")
and the figures a reader scans for ("138 drones", "$800 million"); full named-entity
recognition would cost a model and seconds per article. Everything here is a few precompiled
regular expressions over one sentence.
"""

from __future__ import annotations

import re

from ..model import Figure

_NAME = r"(?:[A-Z][\w.'\u2019-]*|al-|de|von|der|of|the|and|for)"
_SUBJECT = (
    r"(?P<who>(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'\u2019-]*|[a-z][\w'\u2019-]*)"
    r"(?:\s+" + _NAME + r"){0,7})"
)
_SPEECH = (
    r"(?:said|says|told|added|stated|announced|reported|confirmed|claimed|warned|noted|wrote"
    r"|insisted|stressed|argued|explained|urged|acknowledged|denied)"
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;]{3,80})")
_TRAILING = re.compile(r"[,\u201d\"]\s*" + _SUBJECT + r"\s+" + _SPEECH + r"\b[^,]{0,60}[.!?\u201d\"]*$")
_INVERTED = re.compile(r"[,\u201d\"]\s*" + _SPEECH + r"\s+" + _SUBJECT + r"[.!?]*$")
_LEADING = re.compile(r"^" + _SUBJECT + r"(?:,[^,]{3,80},)?\s+" + _SPEECH + r"\b")
_PRONOUNS = frozenset("he she they it we i this that there".split())

_ENTITY = re.compile(
    r"(?<![\w.])(?:[A-Z][\w'\u2019-]*\.?)(?:\s+(?:(?:of|the|de|al|for)\s+)?[A-Z][\w'\u2019-]*\.?)*"
)
_STOP = frozenset(
    """The A An In On At For But And Or If As While After Before Since During Despite Although
    Meanwhile Earlier Later Still However Also It He She They We I This That These Those There
    Asked Speaking According His Her Their Our Its Some Many Most Several Both Each Any No Not
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December""".split()
)

_FIGURE = re.compile(
    r"(?P<text>(?:(?:more than|at least|about|around|nearly|almost|over|some|up to|roughly)\s+)?"
    r"(?P<cur>[$\u20ac\u00a3])?(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>million|billion|trillion|thousand|bn|m)\b)?"
    r"(?:\s*(?P<pct>%|per\s*cent|percent))?"
    r"(?:\s+(?P<unit>(?:[a-z][\w-]*)(?:\s+(?:killed|injured|wounded|dead))?))?)"
)
_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NOT_UNITS = frozenset("and or to of in on at a the by for with from as per".split())
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGIT = re.compile(r"\d")


def attribution(sentence: str) -> str | None:
    """Who the sentence attributes its content to, or None when the outlet says it itself."""
    text = sentence.strip()
    for pattern in (_ACCORDING, _TRAILING, _INVERTED, _LEADING):
        m = pattern.search(text)
        if m:
            who = _clean_source(m.group("who"))
            if who:
                return who
    return None


def _clean_source(who: str) -> str | None:
    who = who.strip(" ,.\u201c\u201d\"'")
    who = re.sub(r"\s+(?:on|in|at|late|early|last|this)\b.*$", "", who)
    if not who or who.lower() in _PRONOUNS or len(who) > 80:
        return None
    if not any(ch.isupper() for ch in who) and len(who.split()) > 3:
        return None  # a clause, not a source
    return who


def entities(sentence: str) -> tuple[str, ...]:
    """Capitalised names (people, places, organisations), in order, without repeats."""
    seen: dict[str, None] = {}
    for m in _ENTITY.finditer(sentence):
        words = m.group().rstrip(".").split()
        while words and words[0] in _STOP:
            words = words[1:]
        name = " ".join(words)
        if name and (len(words) > 1 or len(name) > 2 or name.isupper()):
            seen.setdefault(name, None)
    return tuple(seen)


def figures(sentence: str) -> tuple[Figure, ...]:
    """Counts and amounts: "138 drones", "$800 million", "35 per cent"; years are skipped."""
    found: list[Figure] = []
    if not _DIGIT.search(sentence):
        return ()
    for m in _FIGURE.finditer(sentence):
        num = m.group("num").replace(",", "")
        if _YEAR.match(num) and not (m.group("cur") or m.group("scale") or m.group("pct")):
            continue
        try:
            value = float(num)
        except ValueError:
            continue
        value *= _SCALES.get((m.group("scale") or "").lower(), 1.0)
        found.append(Figure(m.group("text").strip(), value, _unit_of(m)))
    return tuple(found)


def _unit_of(m: re.Match[str]) -> str:
    if m.group("cur"):
        return "money"
    if m.group("pct"):
        return "percent"
    unit = (m.group("unit") or "").strip()
    return "" if unit in _NOT_UNITS else unit
