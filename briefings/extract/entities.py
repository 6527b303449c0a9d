"""Who says it, who and where it is about, and the numbers that matter.

Deliberately modest: a brief needs the source of a claim ("according to Ukraine's air force")
and the figures a reader scans for ("138 drones", "$800 million"); full named-entity
recognition would cost a model and seconds per article. Everything here is a few precompiled
regular expressions over one sentence, built from the words of the sentence's language
(``Language.attribution`` and ``Language.figures``, ``briefings/lang``; default English).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lang import Figures as FigureWords
from ..lang import Language
from ..lang.en import ENGLISH
from ..model import Fact, Figure


def _class_of(test: str) -> str:
    """A regex character class body of the letters below U+0530 (Latin, Greek, Cyrillic) for
    which ``str.<test>()`` holds, as ranges: ``re`` has no ``\\p{Lu}``."""
    chars = [ch for ch in map(chr, range(0x41, 0x530)) if getattr(ch, test)() and ch.isalpha()]
    ranges: list[list[str]] = []
    for ch in chars:
        if ranges and ord(ch) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = ch
        else:
            ranges.append([ch, ch])
    return "".join(a if a == b else f"{a}-{b}" for a, b in ranges)


_UPPER = "[" + _class_of("isupper") + "]"
"""A capital letter of the Latin, Greek or Cyrillic script: names are capitalised in every
language the tool reads ("Песков", "Émile")."""
_CLOSE = r'[,\u201d\u201c"\u00bb]\s*(?:[\u2014\u2013-]\s*)?'
"""The end of a quotation before its speech tag: a comma or closing quote (English, German
„...“ and French «...» ones), then perhaps a dash (Russian «...», — заявил он)."""


@dataclass(frozen=True, eq=False)
class _Patterns:
    """What this module compiles from one language's words, once per language."""

    according: re.Pattern[str]
    according_hints: tuple[str, ...]
    """The phrase that names a source, and its capitalised form where it opens sentences."""
    citing: re.Pattern[str]
    citing_hint: str
    trailing: re.Pattern[str]
    inverted: re.Pattern[str]
    leading: re.Pattern[str]
    pronoun_speech: re.Pattern[str]
    female_pronoun: re.Pattern[str]
    speech_word: re.Pattern[str]
    """A speech verb anywhere: ``trailing``, ``inverted`` and ``leading`` need one. One flat
    scan that rules out most sentences."""
    entity: re.Pattern[str]
    """A capital not preceded by a word character or a period, and the capitalised words after
    it. (The capital comes first, checked behind afterwards, so that the regex engine skips
    straight from one capital to the next.)"""
    number_word: re.Pattern[str]
    """A number word, even inside another word (as ``figure`` finds them), in lower-cased text."""
    longest_qualifier: int
    figure: re.Pattern[str]
    figure_lower: re.Pattern[str]
    """``figure`` without the flag, for lower-cased text: the same matches about three times
    faster (a case-insensitive literal cannot be skipped by its first character)."""
    organisation: re.Pattern[str]
    organisation_word: re.Pattern[str]
    """An organisation's word anywhere ("Ukraine's Operational Command South")..."""
    title: re.Pattern[str]
    """...unless a person's title says the speaker is someone of it ("Kremlin spokesman Dmitry Peskov")."""
    female_title: re.Pattern[str]
    male_title: re.Pattern[str]


@lru_cache(maxsize=None)
def _patterns(language: Language) -> _Patterns:
    """The regular expressions of ``language``, compiled on first use (the language is
    hashed by identity, so the lookup costs next to nothing per call)."""
    words, numbers = language.attribution, language.figures
    name = r"(?:" + _UPPER + r"[\w.'\u2019-]*|" + words.name_particles + r"|(?:" + words.titles + r")\b)"
    # A word of a speaker's name or title: capitalised, a particle, or a lower-case title word
    # ("Ukraine's foreign minister Andrii Sybiha said").
    subject = (
        r"(?P<who>(?:(?:" + words.determiners + r")\s+)?(?:" + _UPPER + r"[\w.'\u2019-]*|[^\W\d_][\w'\u2019-]*)"
        r"(?:\s+" + name + r"){0,7})"
    )
    speech = r"(?:" + words.speech_verbs + r")"
    aux = r"(?:(?:" + words.auxiliaries + r")\s+)?"  # "..., the minister has said": still the speaker
    pronouns = words.male_pronoun + "|" + words.female_pronoun
    number_words = "|".join(sorted(numbers.number_words, key=len, reverse=True))
    qualifier = "(?:" + "|".join(numbers.qualifiers) + ")"
    figure = (
        r"(?P<text>(?:(?P<qual>" + qualifier + r")\s+)?"
        r"(?:(?P<cur>[$\u20ac\u00a3])\s?)?(?:(?P<num>" + numbers.number + r")|\b(?P<word>"
        + number_words + r")\b)"
        r"(?:\s?(?P<scale>" + "|".join(numbers.scales) + r")\b(?:\.(?=\s))?)?"
        r"(?:\s*(?P<pct>" + numbers.percent + r"))?"
        r"(?:\s+(?P<unit>(?:[^\W\d_][\w'\u2019-]*)(?:\s+(?:" + numbers.casualty_words + r"))?))?)"
    )
    according = (words.according_to, words.according_to.capitalize()) if words.according_opens else (words.according_to,)
    appositive = r"(?:,\s+" + _UPPER + r"[\w.'\u2019-]*(?:\s+" + _UPPER + r"[\w.'\u2019-]*){0,3})?"
    capitalised = _UPPER + r"(?:(?:\." + _UPPER + r")+\.?|[\w'\u2019-]*\.?)"
    return _Patterns(
        according=re.compile(r"\b(?:" + "|".join(according) + r")\s+(?P<who>[^,.;\u201d\"\u00bb]{3,80})"),
        according_hints=according,
        citing=re.compile(r"^(?P<who>" + _UPPER + r"[\w.'\u2019-]*(?:\s+" + _UPPER + r"[\w.'\u2019-]*){0,4}),\s+"
                          + words.citing + r"\s+(?P<src>[^,.;]{3,60})"),
        citing_hint=words.citing,
        trailing=re.compile(_CLOSE + subject + r"\s+" + aux + speech + r"\b[^,]{0,60}[.!?\u201d\"]*$"),
        # "..., dijo el portavoz del Kremlin, Dmitri Peskov.": the name after the title, apposed.
        inverted=re.compile(_CLOSE + speech + r"\s+" + subject + appositive + r"[.!?]*$"),
        leading=re.compile(r"^" + subject + r"(?:,[^,]{3,80},)?\s+" + aux + speech + r"\b"),
        pronoun_speech=re.compile(r"(?:^|" + _CLOSE + r")(?:" + pronouns + r")\s+" + aux + speech + r"\b",
                                  re.IGNORECASE),
        female_pronoun=re.compile(r"\b" + re.escape(words.female_pronoun) + r"\b"),
        speech_word=re.compile(speech),
        entity=re.compile(
            _UPPER + r"(?<![\w.].)(?:(?:\." + _UPPER + r")+\.?|[\w'\u2019-]*\.?)"
            r"(?:\s+(?:(?:" + words.entity_joiners + r")\s+)?" + capitalised + r")*"
        ),
        number_word=re.compile(number_words),
        longest_qualifier=max(map(len, numbers.qualifiers)),
        figure=re.compile(figure, re.IGNORECASE),
        figure_lower=re.compile(figure),
        organisation=re.compile(r"(?:" + words.organisations + r")$"),
        organisation_word=re.compile(r"\b(?:" + words.organisations + r")\b"),
        title=re.compile(r"(?i)\b(?:" + words.titles + r")\b"),
        female_title=re.compile(r"\b(?:" + words.female_titles + r")\b"),
        male_title=re.compile(r"\b(?:" + words.male_titles + r")\b"),
    )


_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"]*[\u201d\"]|[\u201c\"][^\u201c\u201d\"]*$|\u00ab[^\u00bb]*(?:\u00bb|$)")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
"""An abbreviation written with full stops ("U.S.", "E.U."): its last stop is part of it."""
_CASE_ODD = ("\u0131", "\u017f")
"""Letters that ``re.IGNORECASE`` matches to an ASCII letter although their ``lower()`` is not
one (dotless i, long s); "\u0130" lower-cases to two characters, caught by the length test."""
_CURRENCIES = {"$": "USD", "\u20ac": "EUR", "\u00a3": "GBP"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGIT = re.compile(r"\d")


def attribution(sentence: str, language: Language = ENGLISH) -> str | None:
    """Who the sentence attributes its content to, or None when the outlet says it itself."""
    text = sentence.strip()
    p = _patterns(language)
    citing = p.citing.search(text) if p.citing_hint in text else None
    if citing:
        return f"{citing.group('who')}, {p.citing_hint} {citing.group('src').strip()}"
    patterns: tuple[re.Pattern[str], ...] = (
        (p.according,) if any(hint in text for hint in p.according_hints) else ())
    if p.speech_word.search(text):
        patterns += (p.trailing, p.inverted, p.leading)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern is p.according and _inside_quote(text, m.start()):
                continue  # the speaker's words, not the outlet's source
            who = _clean_source(m.group("who"), language)
            if who:
                return who
    return None


def _inside_quote(text: str, position: int) -> bool:
    """Is ``position`` within quotation marks (closed, or still open at the end)?"""
    return any(q.start() < position < q.end() for q in _QUOTED.finditer(text))


def pronoun_speech(sentence: str, language: Language = ENGLISH) -> bool:
    """Does the sentence give its speaker only as "he"/"she" ("..., he added.")?"""
    return bool(_patterns(language).pronoun_speech.search(sentence.strip()))


def _may_match_lowered(sentence: str, pattern: re.Pattern[str]) -> bool:
    """False only when a case-insensitive pattern that needs ``pattern`` (lower-case literals)
    cannot match ``sentence``: ``pattern`` finds nothing in its lower-cased text. Sentences
    whose lower-casing moves characters or keeps letters that ``re.IGNORECASE`` takes for
    ASCII ones (see ``_CASE_ODD``) are always let through."""
    low = sentence.lower()
    if len(low) != len(sentence) or any(ch in sentence for ch in _CASE_ODD):
        return True
    return pattern.search(low) is not None


def resolve_speakers(facts: Sequence[Fact], language: Language = ENGLISH) -> list[Fact]:
    """Facts whose speaker is "he" or "she" take the last named speaker before them in the
    same article ("Zelensky said ..." then "\"We confirmed our participation,\" he added").

    News writing names a speaker once and then uses the pronoun; without this the quote has
    no attribution and cannot be matched to another outlet's paraphrase of the same speaker.
    ``facts`` are in article order (as extraction yields them); other facts pass unchanged.
    """
    last: dict[tuple[str, str], str] = {}  # (article, "he" or "she") -> the last speaker it can be
    resolved: list[Fact] = []
    for fact in facts:
        pronoun = _speech_pronoun(fact.text, language) if fact.attribution is None else None
        if pronoun and (fact.article_id, pronoun) in last:
            fact = replace(fact, attribution=last[fact.article_id, pronoun])
        elif fact.attribution and _names_someone(fact.attribution, language):
            for fits in _pronouns_for(fact.attribution, language):
                last[fact.article_id, fits] = fact.attribution
        resolved.append(fact)
    return resolved


def _pronouns_for(who: str, language: Language) -> tuple[str, ...]:
    """Which of "he" and "she" can stand for the speaker ``who``: neither for an organisation
    ("the Russian Foreign Ministry said" is never "he said" later), one where a title or a
    first name tells (names of women in Slavic and most European languages end in -a:
    Natalia, Olena, Ursula), both otherwise."""
    p, he, she = _patterns(language), language.attribution.male_pronoun, language.attribution.female_pronoun
    if p.organisation.search(who.rstrip(".")) or (p.organisation_word.search(who) and not p.title.search(who)):
        return ()
    if p.female_title.search(who):
        return (she,)
    if p.male_title.search(who):
        return (he,)
    names = [w for w in who.split() if w[:1].isupper() and w.isalpha()]
    if len(names) >= 2 and names[-2].endswith("a") and not names[-2].isupper():
        return (she,)
    return (he, she)


def _speech_pronoun(sentence: str, language: Language) -> str | None:
    """"he" or "she" when the sentence gives its speaker only as that pronoun."""
    p = _patterns(language)
    m = p.pronoun_speech.search(sentence.strip())
    if m is None:
        return None
    words = language.attribution
    return words.female_pronoun if p.female_pronoun.search(m.group().lower()) else words.male_pronoun


def _names_someone(who: str, language: Language) -> bool:
    """A named speaker ("Zelensky", "Kremlin spokesman Dmitry Peskov"), not "the official"."""
    return any(w[:1].isupper() for w in who.split()) and not is_unnamed(who, language=language)


def _clean_source(who: str, language: Language) -> str | None:
    words = language.attribution
    who = who.strip(" ,.\u201c\u201d\"'")
    who = words.time_tail.sub("", who)
    if not who or who.lower() in words.pronouns or len(who) > 80:
        return None
    lowered = who.lower().split()
    if lowered[0] in words.not_sources or lowered[-1] in words.not_sources:
        return None
    if not any(ch.isupper() for ch in who) and len(who.split()) > 3:
        return None  # a clause, not a source
    return who


_OPENERS = " \t\"'\u201c\u2018([-\u2014\u2013"
"""What may come before a sentence's first word: space, quotes, a bracket, a dash."""


def entities(sentence: str, article: str = "", language: Language = ENGLISH) -> tuple[str, ...]:
    """Capitalised names (people, places, organisations), in order, without repeats.

    A lone capitalised word that opens the sentence ("Talks resumed ...", "Officials said
    ...") is a name only when ``article`` (the whole text, when given) never writes it in
    lower case: the capital of a sentence's first word says nothing about the word.
    """
    seen: dict[str, None] = {}
    opening = len(sentence) - len(sentence.lstrip(_OPENERS))
    stop = language.attribution.entity_stop
    for m in _patterns(language).entity.finditer(sentence):
        words = m.group().split()
        if not _INITIALS.fullmatch(words[-1]):
            words[-1] = words[-1].rstrip(".")  # the sentence's full stop, not "U.S." or "E.U."
        while words and words[0] in stop:
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


def figures(sentence: str, language: Language = ENGLISH) -> tuple[Figure, ...]:
    """Counts and amounts, normalised: "more than 50 attacks" is 50 attacks with the
    qualifier "more than"; "$300 million" is 300e6 USD; "six districts" is 6 districts.
    Years and number words that count nothing ("one of the", "two sides") are skipped."""
    found: list[Figure] = []
    for m in _figure_matches(sentence, language):
        figure = _figure(m, sentence, language)
        if figure is not None:
            found.append(figure)
    return tuple(found)


def _figure_matches(sentence: str, language: Language) -> Iterator[re.Match[str]]:
    """``figure.finditer(sentence)``, found faster.

    The case-sensitive pattern scans the lower-cased sentence, and each match it finds is
    matched again with ``figure`` at the same place in the sentence itself (so groups keep
    their case). Both find the same matches whenever lower-casing keeps every character in
    place and makes nothing match an ASCII letter that did not before; other sentences take
    ``figure`` itself. Every figure holds a digit or a number word, and most sentences have
    neither: they are ruled out by substring tests on the lower-cased text.
    """
    p = _patterns(language)
    low = sentence.lower()
    if len(low) != len(sentence) or any(ch in sentence for ch in _CASE_ODD):
        yield from p.figure.finditer(sentence)
        return
    for m in _lowered_matches(low, p):
        same = p.figure.match(sentence, m.start())
        if same is not None:  # always (see above); the check only keeps the types honest
            yield same


def _lowered_matches(low: str, p: _Patterns) -> Iterator[re.Match[str]]:
    """``figure_lower.finditer(low)``, each search started near the next number.

    A match is a number (a digit or a number word: its "core", found by substring search)
    after at most a qualifier, white space and a currency sign, none of which holds a core.
    So no match starts before the first core after the last match, less that lead: the
    stretch before it need not be scanned (in most sentences, nearly all of it).
    """
    pos = 0
    while True:
        core = _next_core(low, pos, p)
        if core < 0:
            return
        k = core
        while k > pos and (low[k - 1].isspace() or low[k - 1] in _CURRENCIES):
            k -= 1
        m = p.figure_lower.search(low, max(pos, k - p.longest_qualifier))
        if m is None:
            return
        yield m
        pos = m.end()


def _next_core(low: str, pos: int, p: _Patterns) -> int:
    """Where the first digit or number word (as a substring) at or after ``pos`` starts, or -1."""
    digit = _DIGIT.search(low, pos)
    word = p.number_word.search(low, pos, digit.start() if digit else len(low))  # letters end before a digit
    if word is not None and (digit is None or word.start() < digit.start()):
        return word.start()
    return digit.start() if digit else -1


def _figure(m: re.Match[str], sentence: str, language: Language) -> Figure | None:
    words = language.figures
    num, word = m.group("num"), (m.group("word") or "").lower()
    money = bool(m.group("cur"))
    if num:
        num = _plain_number(num, words)
        if _YEAR.match(num) and not (money or m.group("scale") or m.group("pct")):
            return None
        value = float(num)
    elif word in words.number_words:
        value = float(words.number_words[word])
    else:
        return None  # "Sıx" (dotless i) matches "six" case-blind but is no number word we know
    value *= words.scales.get((m.group("scale") or "").lower(), 1.0)
    unit = _unit_of(m, words.not_units)
    text = m.group("text").strip()
    currency = _CURRENCIES.get(m.group("cur") or "", "")
    if currency:
        text = sentence[m.start(): m.end("scale") if m.group("scale") else m.end("num")].strip()
    elif words.currency_words.match(unit):
        lowered = unit.lower()
        currency = next((code for prefix, code in words.currency_of_word if lowered.startswith(prefix)), "USD")
        unit = "money"
    if word and (unit in ("", "of") or unit in words.not_units) and word not in words.counted_number_words:
        return None  # "one of the", "two sides agreed": a word, not a figure
    if unit.lower() == words.other:  # "four other people": the noun is one word further
        following = sentence[m.end():].split()[:1]
        noun = following[0].strip(",.;") if following else ""
        if noun.lower() in words.people:
            text, unit = f"{text} {noun}", f"{words.other} {noun}"
    before, after = sentence[max(0, m.start() - 25): m.start()], sentence[m.end(): m.end() + 25]
    kind = _kind(unit, currency, before, after, words)
    if word and not kind and not unit.endswith("s"):
        return None
    return Figure(text, value, unit, (m.group("qual") or "").lower(), currency, kind)


def _plain_number(num: str, words: FigureWords) -> str:
    """A number as written in the language ("1.800,5", "1 800", "1,800") as Python reads it."""
    for separator in words.thousands:
        num = num.replace(separator, "")
    return num.replace(words.decimal, ".") if words.decimal != "." else num


def _kind(unit: str, currency: str, before: str, after: str, words: FigureWords) -> str:
    """What a reader scans for: deaths and injuries of people, attacks, money. For people,
    the verb nearest the number decides ("killed 12 people and injured 30 others")."""
    if currency:
        return "money"
    head = unit.split()[0].lower() if unit else ""
    if head in words.attack_units:
        return "attacks"
    if words.killed.search(unit):
        return "killed"
    if words.injured.search(unit):
        return "injured"
    if head not in words.people and not (after.split()[:1] and after.split()[0].lower().strip(",.") in words.people):
        return ""
    hits = []
    for kind, pattern in (("killed", words.killed), ("injured", words.injured)):
        for hit in pattern.finditer(before):
            hits.append((len(before) - hit.end(), kind))
        for hit in pattern.finditer(after):
            hits.append((hit.start(), kind))
    return min(hits)[1] if hits else ""


def _unit_of(m: re.Match[str], not_units: frozenset[str]) -> str:
    if m.group("cur"):
        return "money"
    if m.group("pct"):
        return "percent"
    unit = (m.group("unit") or "").strip()
    return "" if unit.lower() in not_units else unit


def is_unnamed(attribution: str | None, sentence: str = "", language: Language = ENGLISH) -> bool:
    """Does the claim rest on sources the outlet does not name? Decided here, once, from the
    language's words: compose and the renderer only read ``Fact.unnamed_source``."""
    words = language.attribution
    if attribution and words.unnamed.search(attribution):
        return True
    return (
        bool(sentence)
        and _may_match_lowered(sentence, words.unnamed_hint)
        and words.unnamed_sentence.search(sentence) is not None
    )


def aid_status(sentence: str, language: Language = ENGLISH) -> str | None:
    """Analysts count aid promised apart from aid that arrived: "delivered" when the sentence
    says it arrived, "pledged" when it is promised, announced or approved, else None."""
    words = language.attribution
    if words.delivered.search(sentence):
        return "delivered"
    if words.pledged.search(sentence):
        return "pledged"
    return None
