"""Who says it, who and where it is about, and the numbers that matter.

Deliberately modest: a brief needs the source of a claim ("according to Ukraine's air force")
and the figures a reader scans for ("138 drones", "$800 million"); full named-entity
recognition would cost a model and seconds per article. Everything here is a few precompiled
regular expressions over one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model import Fact, Figure

_TITLE_WORDS = (
    "foreign|defen[cs]e|interior|finance|prime|deputy|vice|chief|special|senior|top|former|"
    "minister|president|secretary|spokes(?:man|woman|person)|envoy|ambassador|commander|general|"
    "governor|mayor|adviser|advisor|aide|leader|head|official|negotiator|premier|chancellor"
)
_NAME = r"(?:[A-Z][\w.'\u2019-]*|al-|de|von|der|of|the|and|for|(?:" + _TITLE_WORDS + r")\b)"
"""A word of a speaker's name or title: capitalised, a particle, or a lower-case title word
("Ukraine's foreign minister Andrii Sybiha said")."""
_SUBJECT = (
    r"(?P<who>(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'\u2019-]*|[a-z][\w'\u2019-]*)"
    r"(?:\s+" + _NAME + r"){0,7})"
)
_SPEECH = (
    r"(?:said|says|told|added|stated|announced|reported|confirmed|claimed|warned|noted|wrote"
    r"|insisted|stressed|argued|explained|urged|acknowledged|denied)"
)
_AUX = r"(?:(?:has|have|had|also)\s+)?"
"""\"..., the minister has said\": a perfect tense still names the speaker."""
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;\u201d\"]{3,80})")
_TRAILING = re.compile(r"[,\u201d\"]\s*" + _SUBJECT + r"\s+" + _AUX + _SPEECH + r"\b[^,]{0,60}[.!?\u201d\"]*$")
_INVERTED = re.compile(r"[,\u201d\"]\s*" + _SPEECH + r"\s+" + _SUBJECT + r"[.!?]*$")
_LEADING = re.compile(r"^" + _SUBJECT + r"(?:,[^,]{3,80},)?\s+" + _AUX + _SPEECH + r"\b")
_PRONOUNS = frozenset("he she they it we i this that there".split())
_NOT_SOURCES = frozenset(
    """this that these those something anything everything which what who as plan plans schedule
    timetable rules rule law laws agreement deal constitution terms script tradition""".split()
)
"""First or last words of a phrase that is not a source: "according to this schedule" (a
reference inside a quote), ", something the Kremlin confirmed" (a relative clause)."""
_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"]*[\u201d\"]|[\u201c\"][^\u201c\u201d\"]*$")
_PRONOUN_SPEECH = re.compile(
    r"(?:^|[,\u201d\"]\s*)(?:he|she)\s+" + _AUX + _SPEECH + r"\b", re.IGNORECASE
)
_SPEECH_WORD = re.compile(_SPEECH)
"""A speech verb anywhere: ``_TRAILING``, ``_INVERTED`` and ``_LEADING`` need one. One flat
scan that rules out most sentences."""

_ENTITY = re.compile(
    r"[A-Z](?<![\w.].)(?:(?:\.[A-Z])+\.?|[\w'\u2019-]*\.?)"
    r"(?:\s+(?:(?:of|the|de|al|for)\s+)?[A-Z](?:(?:\.[A-Z])+\.?|[\w'\u2019-]*\.?))*"
)
"""A capital not preceded by a word character or a period, and the capitalised words after it.
(The capital comes first, checked behind afterwards, so that the regex engine skips straight
from one capital to the next.)"""
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
"""An abbreviation written with full stops ("U.S.", "E.U."): its last stop is part of it."""
_STOP = frozenset(
    """The A An In On At For But And Or If As While After Before Since During Despite Although
    Meanwhile Earlier Later Still However Also It He She They We I This That These Those There
    Asked Speaking According His Her Their Our Its Some Many Most Several Both Each Any No Not
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December""".split()
)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200,
}
_QUALIFIERS = ("more than", "at least", "about", "around", "nearly", "almost", "over", "some", "up to", "roughly",
               "fewer than", "less than")
_QUALIFIER = "(?:" + "|".join(_QUALIFIERS) + ")"
_LONGEST_QUALIFIER = max(map(len, _QUALIFIERS))
_NUMBER_WORD = re.compile("|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)))
"""A number word, even inside another word (as ``_FIGURE`` finds them), in lower-cased text."""
_FIGURE_PATTERN = (
    r"(?P<text>(?:(?P<qual>" + _QUALIFIER + r")\s+)?"
    r"(?:(?P<cur>[$\u20ac\u00a3])\s?)?(?:(?P<num>\d[\d,]*(?:\.\d+)?)|\b(?P<word>"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b)"
    r"(?:\s?(?P<scale>million|billion|trillion|thousand|bn|m)\b)?"
    r"(?:\s*(?P<pct>%|per\s*cent|percent))?"
    r"(?:\s+(?P<unit>(?:[a-z][\w-]*)(?:\s+(?:killed|injured|wounded|dead))?))?)"
)
_FIGURE = re.compile(_FIGURE_PATTERN, re.IGNORECASE)
_FIGURE_LOWER = re.compile(_FIGURE_PATTERN)
"""``_FIGURE`` without the flag, for lower-cased text: the same matches about three times
faster (a case-insensitive literal cannot be skipped by its first character)."""
_CASE_ODD = ("\u0131", "\u017f")
"""Letters that ``re.IGNORECASE`` matches to an ASCII letter although their ``lower()`` is not
one (dotless i, long s); "\u0130" lower-cases to two characters, caught by the length test."""
_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCIES = {"$": "USD", "\u20ac": "EUR", "\u00a3": "GBP"}
_CURRENCY_WORDS = re.compile(r"^(?:(?:US\s)?dollars?|euros?|pounds?)\b", re.IGNORECASE)
_NOT_UNITS = frozenset("and or to of in on at a the by for with from as per".split())
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_KILLED = re.compile(r"\b(?:killed|dead|deaths?|died|killing|lives)\b", re.IGNORECASE)
_INJURED = re.compile(r"\b(?:injured|wounded|injuring|wounding|hurt)\b", re.IGNORECASE)
_ATTACK_UNITS = frozenset(
    "attacks strikes drones missiles airstrikes air-strikes rockets shells bombs assaults".split()
)
_PEOPLE = frozenset("people civilians soldiers children persons residents troops others workers".split())
_UNNAMED = re.compile(
    r"\b(?:unnamed|anonymous|anonymity|sources?\b|insiders?|people familiar|person familiar"
    r"|not authori[sz]ed|an? (?:senior |top |u\.s\. |us |western |european |russian |ukrainian )*"
    r"(?:official|diplomat|source)s?\b)",
    re.IGNORECASE,
)
_CITING = re.compile(r"^(?P<who>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4}),\s+citing\s+(?P<src>[^,.;]{3,60})")
_DELIVERED = re.compile(
    r"\b(?:delivered|arrived|has sent|have sent|handed over|received|shipped|were sent|was sent|distributed)\b",
    re.IGNORECASE,
)
_PLEDGED = re.compile(
    r"\b(?:will (?:send|provide|give|supply|deliver|allocate)|pledg\w*|promis\w*|announc\w*|approv\w*"
    r"|allocat\w*|commit\w*|plans? to|planning to|looking at ways to|to provide|offer\w*|unveil\w*)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def attribution(sentence: str) -> str | None:
    """Who the sentence attributes its content to, or None when the outlet says it itself."""
    text = sentence.strip()
    citing = _CITING.search(text) if "citing" in text else None
    if citing:
        return f"{citing.group('who')}, citing {citing.group('src').strip()}"
    patterns = (_ACCORDING,) if "according to" in text else ()
    if _SPEECH_WORD.search(text):
        patterns += (_TRAILING, _INVERTED, _LEADING)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern is _ACCORDING and _inside_quote(text, m.start()):
                continue  # the speaker's words, not the outlet's source
            who = _clean_source(m.group("who"))
            if who:
                return who
    return None


def _inside_quote(text: str, position: int) -> bool:
    """Is ``position`` within quotation marks (closed, or still open at the end)?"""
    return any(q.start() < position < q.end() for q in _QUOTED.finditer(text))


def pronoun_speech(sentence: str) -> bool:
    """Does the sentence give its speaker only as "he"/"she" ("..., he added.")?"""
    return bool(_PRONOUN_SPEECH.search(sentence.strip()))


def _may_match_lowered(sentence: str, pattern: re.Pattern[str]) -> bool:
    """False only when a case-insensitive pattern that needs ``pattern`` (lower-case literals)
    cannot match ``sentence``: ``pattern`` finds nothing in its lower-cased text. Sentences
    whose lower-casing moves characters or keeps letters that ``re.IGNORECASE`` takes for
    ASCII ones (see ``_CASE_ODD``) are always let through."""
    low = sentence.lower()
    if len(low) != len(sentence) or any(ch in sentence for ch in _CASE_ODD):
        return True
    return pattern.search(low) is not None


def resolve_speakers(facts: Sequence[Fact]) -> list[Fact]:
    """Facts whose speaker is "he" or "she" take the last named speaker before them in the
    same article ("Zelensky said ..." then "\"We confirmed our participation,\" he added").

    News writing names a speaker once and then uses the pronoun; without this the quote has
    no attribution and cannot be matched to another outlet's paraphrase of the same speaker.
    ``facts`` are in article order (as extraction yields them); other facts pass unchanged.
    """
    last: dict[tuple[str, str], str] = {}  # (article, "he" or "she") -> the last speaker it can be
    resolved: list[Fact] = []
    for fact in facts:
        pronoun = _speech_pronoun(fact.text) if fact.attribution is None else None
        if pronoun and (fact.article_id, pronoun) in last:
            fact = replace(fact, attribution=last[fact.article_id, pronoun])
        elif fact.attribution and _names_someone(fact.attribution):
            for fits in _pronouns_for(fact.attribution):
                last[fact.article_id, fits] = fact.attribution
        resolved.append(fact)
    return resolved


_ORGANISATION = re.compile(
    r"(?:Ministry|Office|Agency|Council|Commission|Service|Forces?|Army|Navy|Administration|Government"
    r"|Department|Committee|Police|Kremlin|Pentagon|Embassy|Mission|Staff|Command|Guard|Company|Group"
    r"|Bank|Fund|Union|Organi[sz]ation|Institute|Agency|Media|News|Press|Canada|Ukraine|Russia)$"
)
_ORGANISATION_WORD = re.compile(r"\b" + _ORGANISATION.pattern.removesuffix("$") + r"\b")
"""An organisation's word anywhere ("Ukraine's Operational Command South")..."""
_TITLE = re.compile(r"(?i)\b(?:" + _TITLE_WORDS + r")\b")
"""...unless a person's title says the speaker is someone of it ("Kremlin spokesman Dmitry Peskov")."""
_FEMALE_TITLE = re.compile(r"\b(?:spokeswoman|Mrs|Ms|Madam|chairwoman|congresswoman|businesswoman|Queen)\b")
_MALE_TITLE = re.compile(r"\b(?:spokesman|Mr|chairman|congressman|businessman|King|Prince)\b")


def _pronouns_for(who: str) -> tuple[str, ...]:
    """Which of "he" and "she" can stand for the speaker ``who``: neither for an organisation
    ("the Russian Foreign Ministry said" is never "he said" later), one where a title or a
    first name tells (names of women in Slavic and most European languages end in -a:
    Natalia, Olena, Ursula), both otherwise."""
    if _ORGANISATION.search(who.rstrip(".")) or (_ORGANISATION_WORD.search(who) and not _TITLE.search(who)):
        return ()
    if _FEMALE_TITLE.search(who):
        return ("she",)
    if _MALE_TITLE.search(who):
        return ("he",)
    names = [w for w in who.split() if w[:1].isupper() and w.isalpha()]
    if len(names) >= 2 and names[-2].endswith("a") and not names[-2].isupper():
        return ("she",)
    return ("he", "she")


def _speech_pronoun(sentence: str) -> str | None:
    """"he" or "she" when the sentence gives its speaker only as that pronoun."""
    m = _PRONOUN_SPEECH.search(sentence.strip())
    if m is None:
        return None
    return "she" if re.search(r"\bshe\b", m.group().lower()) else "he"


def _names_someone(who: str) -> bool:
    """A named speaker ("Zelensky", "Kremlin spokesman Dmitry Peskov"), not "the official"."""
    return any(w[:1].isupper() for w in who.split()) and not is_unnamed(who)


_TIME_TAIL = re.compile(r"\s+(?:on|in|at|late|early|last|this)\b.*$")


def _clean_source(who: str) -> str | None:
    who = who.strip(" ,.\u201c\u201d\"'")
    who = _TIME_TAIL.sub("", who)
    if not who or who.lower() in _PRONOUNS or len(who) > 80:
        return None
    lowered = who.lower().split()
    if lowered[0] in _NOT_SOURCES or lowered[-1] in _NOT_SOURCES:
        return None
    if not any(ch.isupper() for ch in who) and len(who.split()) > 3:
        return None  # a clause, not a source
    return who


_OPENERS = " \t\"'\u201c\u2018([-\u2014\u2013"
"""What may come before a sentence's first word: space, quotes, a bracket, a dash."""


def entities(sentence: str, article: str = "") -> tuple[str, ...]:
    """Capitalised names (people, places, organisations), in order, without repeats.

    A lone capitalised word that opens the sentence ("Talks resumed ...", "Officials said
    ...") is a name only when ``article`` (the whole text, when given) never writes it in
    lower case: the capital of a sentence's first word says nothing about the word.
    """
    seen: dict[str, None] = {}
    opening = len(sentence) - len(sentence.lstrip(_OPENERS))
    for m in _ENTITY.finditer(sentence):
        words = m.group().split()
        if not _INITIALS.fullmatch(words[-1]):
            words[-1] = words[-1].rstrip(".")  # the sentence's full stop, not "U.S." or "E.U."
        while words and words[0] in _STOP:
            words = words[1:]
        name = " ".join(words)
        if m.start() == opening and len(words) == 1 and article and _written_lower(name, article):
            continue
        if name and (len(words) > 1 or len(name) > 2 or name.isupper()):
            seen.setdefault(name, None)
    return tuple(seen)


def _written_lower(word: str, text: str) -> bool:
    """Whether ``text`` has ``word`` in lower case as a whole word ("talks", not "Talks").

    Plain ``str.find`` and a look at both neighbours: a regex built per word cost a quarter of
    extraction's time (the ``re`` cache holds 512 patterns and a day has many more words)."""
    lower = word.lower()
    if lower == word:
        return False
    size, end = len(lower), len(text)
    at = text.find(lower)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < end else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            return True
        at = text.find(lower, at + 1)
    return False


def figures(sentence: str) -> tuple[Figure, ...]:
    """Counts and amounts, normalised: "more than 50 attacks" is 50 attacks with the
    qualifier "more than"; "$300 million" is 300e6 USD; "six districts" is 6 districts.
    Years and number words that count nothing ("one of the", "two sides") are skipped."""
    found: list[Figure] = []
    for m in _figure_matches(sentence):
        figure = _figure(m, sentence)
        if figure is not None:
            found.append(figure)
    return tuple(found)


def _figure_matches(sentence: str) -> Iterator[re.Match[str]]:
    """``_FIGURE.finditer(sentence)``, found faster.

    The case-sensitive pattern scans the lower-cased sentence, and each match it finds is
    matched again with ``_FIGURE`` at the same place in the sentence itself (so groups keep
    their case). Both find the same matches whenever lower-casing keeps every character in
    place and makes nothing match an ASCII letter that did not before; other sentences take
    ``_FIGURE`` itself. Every figure holds a digit or a number word, and most sentences have
    neither: they are ruled out by substring tests on the lower-cased text.
    """
    low = sentence.lower()
    if len(low) != len(sentence) or any(ch in sentence for ch in _CASE_ODD):
        yield from _FIGURE.finditer(sentence)
        return
    for m in _lowered_matches(low):
        same = _FIGURE.match(sentence, m.start())
        if same is not None:  # always (see above); the check only keeps the types honest
            yield same


def _lowered_matches(low: str) -> Iterator[re.Match[str]]:
    """``_FIGURE_LOWER.finditer(low)``, each search started near the next number.

    A match is a number (a digit or a number word: its "core", found by substring search)
    after at most a qualifier, white space and a currency sign, none of which holds a core.
    So no match starts before the first core after the last match, less that lead: the
    stretch before it need not be scanned (in most sentences, nearly all of it).
    """
    pos = 0
    while True:
        core = _next_core(low, pos)
        if core < 0:
            return
        k = core
        while k > pos and (low[k - 1].isspace() or low[k - 1] in _CURRENCIES):
            k -= 1
        m = _FIGURE_LOWER.search(low, max(pos, k - _LONGEST_QUALIFIER))
        if m is None:
            return
        yield m
        pos = m.end()


def _next_core(low: str, pos: int) -> int:
    """Where the first digit or number word (as a substring) at or after ``pos`` starts, or -1."""
    digit = _DIGIT.search(low, pos)
    word = _NUMBER_WORD.search(low, pos, digit.start() if digit else len(low))  # letters end before a digit
    if word is not None and (digit is None or word.start() < digit.start()):
        return word.start()
    return digit.start() if digit else -1


def _figure(m: re.Match[str], sentence: str) -> Figure | None:
    num, word = m.group("num"), (m.group("word") or "").lower()
    money = bool(m.group("cur"))
    if num:
        num = num.replace(",", "")
        if _YEAR.match(num) and not (money or m.group("scale") or m.group("pct")):
            return None
        value = float(num)
    elif word in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[word])
    else:
        return None  # "Sıx" (dotless i) matches "six" case-blind but is no number word we know
    value *= _SCALES.get((m.group("scale") or "").lower(), 1.0)
    unit = _unit_of(m)
    text = m.group("text").strip()
    currency = _CURRENCIES.get(m.group("cur") or "", "")
    if currency:
        text = sentence[m.start(): m.end("scale") if m.group("scale") else m.end("num")].strip()
    elif _CURRENCY_WORDS.match(unit):
        currency = "EUR" if unit.lower().startswith("euro") else "GBP" if unit.lower().startswith("pound") else "USD"
        unit = "money"
    if word and (unit in ("", "of") or unit in _NOT_UNITS) and word not in ("dozens", "hundreds"):
        return None  # "one of the", "two sides agreed": a word, not a figure
    if unit.lower() == "other":  # "four other people": the noun is one word further
        following = sentence[m.end():].split()[:1]
        noun = following[0].strip(",.;") if following else ""
        if noun.lower() in _PEOPLE:
            text, unit = f"{text} {noun}", f"other {noun}"
    kind = _kind(unit, currency, sentence[max(0, m.start() - 25): m.start()], sentence[m.end(): m.end() + 25])
    if word and not kind and not unit.endswith("s"):
        return None
    return Figure(text, value, unit, (m.group("qual") or "").lower(), currency, kind)


def _kind(unit: str, currency: str, before: str, after: str) -> str:
    """What a reader scans for: deaths and injuries of people, attacks, money. For people,
    the verb nearest the number decides ("killed 12 people and injured 30 others")."""
    if currency:
        return "money"
    head = unit.split()[0].lower() if unit else ""
    if head in _ATTACK_UNITS:
        return "attacks"
    if _KILLED.search(unit):
        return "killed"
    if _INJURED.search(unit):
        return "injured"
    if head not in _PEOPLE and not (after.split()[:1] and after.split()[0].lower().strip(",.") in _PEOPLE):
        return ""
    hits = []
    for kind, pattern in (("killed", _KILLED), ("injured", _INJURED)):
        for hit in pattern.finditer(before):
            hits.append((len(before) - hit.end(), kind))
        for hit in pattern.finditer(after):
            hits.append((hit.start(), kind))
    return min(hits)[1] if hits else ""


def _unit_of(m: re.Match[str]) -> str:
    if m.group("cur"):
        return "money"
    if m.group("pct"):
        return "percent"
    unit = (m.group("unit") or "").strip()
    return "" if unit.lower() in _NOT_UNITS else unit


def is_unnamed(attribution: str | None, sentence: str = "") -> bool:
    """Does the claim rest on sources the outlet does not name?"""
    if attribution and _UNNAMED.search(attribution):
        return True
    return (
        bool(sentence)
        and _may_match_lowered(sentence, _UNNAMED_HINT)
        and _UNNAMED_SENTENCE.search(sentence) is not None
    )


_UNNAMED_SENTENCE = re.compile(
    r"condition of anonymity|unnamed sources?|sources familiar|person familiar|people familiar", re.IGNORECASE
)
_UNNAMED_HINT = re.compile(r"anonymity|unnamed|familiar")


def aid_status(sentence: str) -> str | None:
    """Analysts count aid promised apart from aid that arrived: "delivered" when the sentence
    says it arrived, "pledged" when it is promised, announced or approved, else None."""
    if _DELIVERED.search(sentence):
        return "delivered"
    if _PLEDGED.search(sentence):
        return "pledged"
    return None
