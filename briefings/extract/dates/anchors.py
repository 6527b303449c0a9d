"""Anchored expressions: clock times, parts of a day and "le 12", read against a day named before.

Why a module of its own: "vers 21 h 45", "dans la nuit", "la veille" or "le 12" name no day of
their own.  In a news sentence they belong to the day the text just named ("mardi vers 21 h
45", "Dimanche 5 janvier, à 9 h 15"), else to the day right after them ("vers 0 h 40, jeudi"),
else to the last day named earlier in the paragraph, else to the publication day; the briefing
is day-level, so each becomes a mention of that day (TimeML annotates them the same way).
"le 12" without a month takes the month last named, else the publication month, in the
direction of the sentence's tense.

The finders here only find; ``anchor_day`` and ``day_of_month`` decide the day from the
mentions already resolved around them, which the callers (English and other languages) pass in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Sequence

from briefings.model import DateMention

from .resolve import _safe_date
from .vocabulary import Direction

# ---------------------------------------------------------------------------------------------
# French
# ---------------------------------------------------------------------------------------------

_FR_CLOCK_PREP = (r"(?:à|a|vers|dès|des|de|jusqu[’']à|avant|après|entre|et|depuis|"
                  r"à\s+partir\s+de|aux\s+alentours\s+de|autour\s+de|pour)")
_FR_HOUR = r"(?:[01]?\d|2[0-3])"
_FR_CLOCK = re.compile(
    # "21 h 45", "18 h", "8h30", "00 h 10": the abbreviated hour is a clock time in itself
    # (durations take "pendant", "en", "durant" or "de plus de" before them: refused below).
    rf"(?i)(?<![\w,.’'/-])(?P<h>{_FR_HOUR})\s?h(?:\s?(?P<m>[0-5]\d))?(?![\w’'])"
    # "à 10 heures", "vers 22 heures 30", "à midi", "vers minuit": only after a preposition.
    rf"|(?<![\w’'])(?P<prep>{_FR_CLOCK_PREP})\s+(?:(?P<h2>{_FR_HOUR})\s+heures?"
    rf"(?:\s+(?P<m2>[0-5]\d))?|(?P<noon>midi|minuit))(?![\w’'-])"
)
_FR_DURATION_BEFORE = re.compile(
    r"(?i)(?:\b(?:pendant|durant|en|pour|plus\s+de|moins\s+de|près\s+de|environ|chaque|"
    r"toutes\s+les|tous\s+les|les|sur)|\d)\s*$")
"""Words before an hour that make it a duration or a count ("pendant 2 h", "24 h sur 24")."""
_FR_DURATION_AFTER = re.compile(r"(?i)\s*(?:sur\s+\d|de\s+(?:route|vol|marche|travail|trajet)"
                                r"|d[’']|par\b|/)")

_FR_DAY_PART = re.compile(
    r"(?i)(?<![\w’'])(?:(?:dans|pendant|durant|au\s+cours\s+de|tard\s+dans|tôt\s+dans|"
    r"jusqu[’'](?:à|a)\s+tard\s+dans)\s+(?P<part>la\s+(?:nuit|soirée|matinée|journée)|"
    r"l[’']après-midi)"
    r"|(?:en|dans\s+la)\s+(?:fin|début)\s+(?:de\s+(?:matinée|soirée|journée|nuit)|"
    r"d[’']après-midi)"
    r"|(?P<same>le\s+(?:matin|soir)\s+même|le\s+jour\s+même|le\s+même\s+jour))(?![\w’'-])"
)
"""Parts of a day named by an article: "dans la nuit", "le matin même" (the day just named)."""

_FR_EVE = re.compile(r"(?i)(?<![\w’'])(?P<word>la\s+veille|le\s+lendemain)(?![\w’'-])"
                     r"(?!\s+(?:de|du|des|d[’']|au|à)\b)")
""""la veille" (the day before the day just named), "le lendemain" (the day after); "la veille
de Noël", "à la veille des élections" name an event's eve, not a day: left out."""

_FR_MONTHS = (r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
              r"octobre|novembre|décembre|decembre")
_FR_DAY_OF_MONTH = re.compile(
    rf"(?i)(?<![\w’'])(?P<prep>le|les|dès\s+le|depuis\s+le|jusqu[’']au|avant\s+le|après\s+le|"
    rf"du|au)\s+(?P<day>1er|[12]\d|3[01]|[1-9])(?![\w’',.]\d|\w)"
    rf"(?P<list>(?:\s*(?:,|et|ou|au)\s*(?:1er|[12]\d|3[01]|[1-9]))*\s*(?:,|et|ou|au)\s*"
    rf"(?:1er|[12]\d|3[01]|[1-9])(?:er)?\s+(?P<mon>{_FR_MONTHS})\b)?"
)
_FR_DAY_FOLLOWER = re.compile(
    r"(?i)\s*(?:[.;)!?]|$|,\s*(?!(?:rue|avenue|av\.|boulevard|bd|place|route|chemin|impasse|"
    r"allée|quai|cours|square)\b)[a-zàâçéèêëîïôûù]|"
    r"\s+(?:à|vers|dès|au\s+soir|au\s+matin|dans\s+la|dernier|prochain|suivant|et\s+le)\b)")
"""What may follow a bare "le 12" for it to be a day: an hour, an end of clause, "dernier";
not a noun ("le 12 rue", "le 1er régiment") nor a number."""

_FR_MONTH_INDEX = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5,
                   "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
                   "novembre": 11, "décembre": 12, "decembre": 12}


@dataclass(frozen=True)
class Anchored:
    """An expression whose day comes from another: ``shift`` days after the anchor day, or a
    day of the month (``day``) whose month comes from the text or publication."""

    start: int
    end: int
    shift: int = 0
    day: int | None = None
    month: int | None = None
    needs_anchor: bool = False
    """Counted from a day named before it ("deux jours plus tard"): never from one after it,
    and with none named, not reported at all (a guess is worse than nothing)."""


def french_anchored(sentence: str) -> list[Anchored]:
    """Clock times, parts of a day, "la veille"/"le lendemain" and "le 12" of a French sentence."""
    found: list[Anchored] = []
    if "h" in sentence or "midi" in sentence or "minuit" in sentence:
        for match in _FR_CLOCK.finditer(sentence):
            if match.group("h") is not None:
                if _FR_DURATION_BEFORE.search(sentence, max(0, match.start() - 16), match.start()) \
                        or _FR_DURATION_AFTER.match(sentence, match.end()):
                    continue
            elif match.group("noon") and match.group("noon")[0].isupper():
                continue  # "le Midi": the south of France
            found.append(Anchored(match.start(), match.end()))
    lower = sentence.lower()
    if "nuit" in lower or "soirée" in lower or "matinée" in lower or "journée" in lower \
            or "même" in lower or "après-midi" in lower:
        found.extend(Anchored(m.start(), m.end()) for m in _FR_DAY_PART.finditer(sentence))
    if "veille" in lower or "lendemain" in lower:
        found.extend(Anchored(m.start(), m.end(), -1 if "veille" in m.group("word").lower() else 1)
                     for m in _FR_EVE.finditer(sentence))
    for match in _FR_DAY_OF_MONTH.finditer(sentence):
        if not match.group("mon") and not _FR_DAY_FOLLOWER.match(sentence, match.end()):
            continue
        month = _FR_MONTH_INDEX[match.group("mon").lower()] if match.group("mon") else None
        end = match.end("day")
        found.append(Anchored(match.start(), end, day=int(match.group("day").rstrip("er")),
                              month=month))
    return found


# ---------------------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------------------

_EN_CLOCK = re.compile(
    r"(?<![\w$£€.,:])(?P<h>1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?:a\.\s?m\b\.?|p\.\s?m\b\.?|am\b|pm\b)"
    r"|(?i:\b(?:at|by|until|till|before|after|around|about|from|since)\s+(?P<noon>noon|midday|"
    r"midnight)\b)"
)
""""10:35 a.m.", "10 p.m", "at midday": clock times (TimeML dates them; "High Noon" is not)."""


def english_anchored(sentence: str) -> list[Anchored]:
    """Clock times of an English sentence ("earlier in the day" alone is left out: the
    guidelines list no time of day without a date)."""
    if "m" not in sentence:
        return []
    return [Anchored(m.start(), m.end()) for m in _EN_CLOCK.finditer(sentence)]


# ---------------------------------------------------------------------------------------------
# German
# ---------------------------------------------------------------------------------------------

_DE_DAY_PART = re.compile(r"(?<![\w-])(?:am\s+(?:frühen\s+|späten\s+)?(?:Morgen|Vormittag|Mittag|"
                          r"Nachmittag|Abend)|in\s+der\s+Früh|heute\s+früh)(?![\w-])"
                          r"(?!\s+(?:des|danach|darauf|zuvor)\b)")
""""am Morgen", "am späten Abend": a part of the day just named, else publication's ("am
Morgen des 7. Oktober" takes the day after it)."""


def german_anchored(sentence: str) -> list[Anchored]:
    """Parts of a day of a German sentence ("Der Minister war am Morgen angereist")."""
    if "am " not in sentence and "Früh" not in sentence and "früh" not in sentence:
        return []
    return [Anchored(m.start(), m.end()) for m in _DE_DAY_PART.finditer(sentence)]


# ---------------------------------------------------------------------------------------------
# The anchor day
# ---------------------------------------------------------------------------------------------

_AFTER_GAP = re.compile(r"[\s,]*(?:\(?[^()]{0,12}\)\s*)?,?\s*$")
"""What may stand between a clock time and the day after it: "vers 0 h 40, jeudi",
"at 10:35 a.m. (0735 GMT) Friday"."""


def anchor_day(item: Anchored, sentence: str, mentions: Sequence[tuple[int, int, DateMention]],
               earlier: Callable[[], Sequence[DateMention]], pub: date) -> DateMention | None:
    """The mention of ``sentence[item.start:item.end]`` at the day it belongs to.

    ``mentions`` are the sentence's own resolved mentions (start, end, mention); ``earlier``
    gives those of the paragraph before the sentence, only asked for when the sentence has no
    day of its own.
    """
    days = [(s, e, m) for s, e, m in mentions if m.start == m.end]
    before = [m for s, e, m in days if e <= item.start]
    after = [m for s, e, m in days if s >= item.end and
             _AFTER_GAP.match(sentence[item.end:s]) and s - item.end <= 24]
    if item.needs_anchor:
        after = []
    if before:
        day = before[-1].start
    elif after:
        day = after[0].start
    else:
        previous = [m for m in earlier() if m.start == m.end]
        if not previous and item.needs_anchor:
            return None
        day = previous[-1].start if previous else pub
    day += timedelta(days=item.shift)
    text = sentence[item.start:item.end]
    return DateMention(text=text, start=day, end=day)


def day_of_month(item: Anchored, sentence: str,
                 mentions: Sequence[tuple[int, int, DateMention]],
                 earlier: Callable[[], Sequence[DateMention]], pub: date,
                 direction: Direction) -> DateMention | None:
    """"le 12": of the month named after it ("les 6 et 13 avril"), else of the month last
    named (a day or a month, in the sentence or the paragraph), else of the publication month
    or the one before or after it, whichever the tense points to."""
    assert item.day is not None
    text = sentence[item.start:item.end]
    named = [m for s, e, m in mentions if e <= item.start and _one_month(m)]
    if item.month is None and not named:
        named = [m for m in earlier() if _one_month(m)]
    if item.month is not None:
        options = [_safe_date(pub.year + k, item.month, item.day) for k in (-1, 0, 1)]
    elif named:
        options = [_safe_date(named[-1].start.year, named[-1].start.month, item.day)]
    else:
        options = [_safe_date(y, m, item.day) for y, m in _months_around(pub)]
    days = [d for d in options if d is not None]
    if direction == "past":
        days = [d for d in days if d <= pub] or days
    elif direction == "future":
        days = [d for d in days if d >= pub] or days
    if not days:
        return None
    best = min(days, key=lambda d: abs((d - pub).days))
    return DateMention(text=text, start=best, end=best)


def _one_month(mention: DateMention) -> bool:
    return (mention.start.year, mention.start.month) == (mention.end.year, mention.end.month)


def _months_around(pub: date) -> list[tuple[int, int]]:
    index = pub.year * 12 + pub.month - 1
    return [(year, month + 1) for year, month in (divmod(index + k, 12) for k in (-1, 0, 1))]
