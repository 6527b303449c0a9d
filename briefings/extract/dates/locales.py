"""Other languages: candidates from dateparser's locale data, resolved one by one.

Why a module of its own: English never comes here.  For other languages the month and
weekday names and simple relative words are taken from dateparser's locale tables (imported
lazily, on the first sentence of that language) and each candidate phrase is resolved alone;
ISO and dotted numeric dates are read by the English rules, which work in any language.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from briefings.model import DateMention

from .candidates import _RULES
from .phrases import _numeric
from .resolve import _resolve
from .vocabulary import MONTHS, WEEKDAYS, Key, _year_of


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
