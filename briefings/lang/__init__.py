"""Languages as data: every word the stages read of one language, in one object per language.

Why: extraction and compose recognise news by its words (abbreviations that do not end a
sentence, "Sign up" and "via AP" lines, "said" and "according to", "killed", stop words). Kept
in the stage modules, those words tie the stages to English; kept here, one object per language
(as spaCy keeps ``spacy/lang/<code>/``), a stage reads ``article.language``'s words and a new
language is one module plus one ``register_language`` call, with no stage module edited.

The stages compile what they derive from these words once per language (cached by the
object's identity), never per call. Dates have their own per-language locales
(``briefings/extract/dates``) and are not held here.

Adding a language ``xx``: write ``briefings/lang/xx.py`` defining ``XX = Language(code="xx",
...)`` (start from ``en.py``; ``dataclasses.replace(ENGLISH, ...)`` keeps English for what is
not translated yet) and register it at the end of this file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Attribution",
    "Boilerplate",
    "Comparison",
    "Figures",
    "Language",
    "get_language",
    "register_language",
]


_NO_WORDS: Mapping[str, int] = MappingProxyType({})

# eq=False throughout: a language is one object, compared and hashed by identity, so the
# stages can cache what they compile from it cheaply (hashing every field per call would not be).
@dataclass(frozen=True, eq=False)
class Boilerplate:
    """The words of the parts of a scraped body that are not news (``extract/clean.py``)."""

    widget: re.Pattern[str]
    """A whole line that is only a widget, menu item or section label ("Share", "Sign up")."""
    promo: str
    """Promos, credits, licence lines, newsletter prompts, anywhere in a line: a verbose
    pattern of top-level alternatives, each starting with a letter, matched against the
    lower-cased text (``clean`` groups them by first letter and compiles them once)."""
    promo_start: re.Pattern[str]
    """Lines that begin as a credit, a caption label or a gallery counter."""
    byline: re.Pattern[str]
    """Bylines ("By Jane Roe and John Doe") and audio credits (case-sensitive)."""
    byline_hint: re.Pattern[str]
    """What a byline's lower-cased text always holds: rules out most lines before ``byline``."""
    credit: re.Pattern[str]
    """Photo credits: "(AP Photo/...)", "Name/Agency", "[File: ...]", "... via Getty"."""
    credit_hint: re.Pattern[str]
    """Words one of which every photo credit holds (in the lower-cased text)."""
    credit_list: re.Pattern[str]
    """A list of contributors: "CNN's Jane Doe, John Roe, Ann Poe and ..."."""
    credit_label: re.Pattern[str]
    """A line that is only the word for a photo credit ("Credit:")."""
    caption_labels: frozenset[str]
    """Lower-cased lines after which a sentence is a photo caption ("image", "photo")."""
    timestamp: re.Pattern[str]
    """The words of a line of dates and times only ("Feb 26, 2026 | 9:05 AM", "6 hrs ago")."""
    time_ago: str
    """The word of a relative time stamp ("6 hrs ago"), in lower case."""
    end_marker: re.Pattern[str]
    """Words after which the page footer starts ("contributed to this report"), lower case."""
    end_line: re.Pattern[str]
    """Whole lines after which a page's footer usually starts ("Related stories")."""
    speech_tag: re.Pattern[str]
    """A quotation's speech tag at a line's end ('..., he said'): its final period was lost."""
    second_person: re.Pattern[str]
    """Words that address the reader ("you"): news reports speak of people, not to the reader."""
    second_person_hint: str
    """A substring of every ``second_person`` match, in lower case (a cheap test first)."""


@dataclass(frozen=True, eq=False)
class Attribution:
    """Who says it, the names of people and bodies, and sources left unnamed (``extract/entities.py``)."""

    speech_verbs: str
    """Alternatives (a regex, "said|says|...") of the verbs that attribute a claim ("said", "told", "warned")."""
    auxiliaries: str
    """Alternatives of the words that may stand before a speech verb ("has said")."""
    determiners: str
    """Alternatives of the articles that may open a speaker ("the minister")."""
    titles: str
    """Alternatives of lower-case title words in a speaker's name ("foreign minister")."""
    name_particles: str
    """Alternatives of the lower-case words inside a name or title ("al-", "von", "of")."""
    according_to: str
    """The phrase that names a source ("according to the ministry"): plain words, read both as
    text and as a regex, so without regex special characters."""
    citing: str
    """The word between an outlet and its source ("RIA Novosti, citing unnamed sources"), as
    plain as ``according_to``."""
    male_pronoun: str
    female_pronoun: str
    """The pronouns that stand for a speaker named before ("..., he added.")."""
    pronouns: frozenset[str]
    """Lower-case words that are never a source by themselves ("he", "this")."""
    not_sources: frozenset[str]
    """First or last words of a phrase that is not a source ("according to this schedule")."""
    time_tail: re.Pattern[str]
    """A time phrase after a source ("... said on Monday"), cut from it."""
    entity_joiners: str
    """Alternatives of the lower-case words that join a capitalised name ("Sea of Azov")."""
    entity_stop: frozenset[str]
    """Capitalised words that open a sentence but are no name ("The", "However", "Monday")."""
    organisations: str
    """Alternatives of the words that end an organisation's name ("Ministry", "Kremlin")."""
    female_titles: str
    male_titles: str
    """Alternatives of the titles that say a speaker is a woman or a man ("Mrs", "spokesman")."""
    unnamed: re.Pattern[str]
    """An attribution to sources the outlet does not name ("a person familiar")."""
    unnamed_sentence: re.Pattern[str]
    """The same, said anywhere in the sentence ("on condition of anonymity")."""
    unnamed_hint: re.Pattern[str]
    """What every ``unnamed_sentence`` match holds, in lower case (a cheap test first)."""
    delivered: re.Pattern[str]
    pledged: re.Pattern[str]
    """Aid that arrived, and aid that is promised, announced or approved."""
    according_opens: bool = False
    """Whether ``according_to`` also counts capitalised, opening a sentence ("Selon l'armée, ...",
    "Laut dem Ministerium ..."): where a language puts its source first. English's tuned rules
    read only the lower-case phrase."""


@dataclass(frozen=True, eq=False)
class Figures:
    """Counts and amounts, and what they count (``extract/entities.py``, ``compose/figures.py``)."""

    number_words: Mapping[str, int]
    """Numbers written as words ("six districts"), lower case."""
    counted_number_words: frozenset[str]
    """Number words that are a figure even without a unit after them ("dozens")."""
    qualifiers: tuple[str, ...]
    """Words before a figure that qualify it ("more than", "at least")."""
    scales: Mapping[str, float]
    """Scale words after a number ("million", "bn"), lower case, with their factor."""
    percent: str
    """Alternatives (a regex) of the words for per cent after a number."""
    casualty_words: str
    """Alternatives of the words that follow a unit in a count of people ("people killed")."""
    currency_words: re.Pattern[str]
    """A unit that names money ("dollars", "euros")."""
    currency_of_word: tuple[tuple[str, str], ...]
    """(lower-case prefix, ISO code) of money words; any other money word is US dollars."""
    not_units: frozenset[str]
    """Words after a number that are no unit ("to", "of")."""
    other: str
    """The word in "four other people", where the counted noun is one word further."""
    killed: re.Pattern[str]
    injured: re.Pattern[str]
    """Words that say people were killed, or injured."""
    attack_units: frozenset[str]
    """Units that count attacks ("drones", "missiles")."""
    people: frozenset[str]
    """Units that count people ("civilians", "soldiers")."""
    running_total: re.Pattern[str]
    """The words before a running total ("bringing its support ... to"): not the day's news."""
    bodies: re.Pattern[str]
    handed_back: re.Pattern[str]
    """A body exchange ("returned the bodies of ..."): its count is no "killed" line."""
    number: str = r"\d[\d,]*(?:\.\d+)?"
    """A number in digits as the language writes it (a regex without groups): "1,800.5" in
    English, "1.800,5" in German and Spanish, "1 800,5" in French, Russian and Ukrainian."""
    thousands: str = ","
    """The characters that group thousands in ``number`` (each is removed)."""
    decimal: str = "."
    """The decimal mark of ``number``."""


@dataclass(frozen=True, eq=False)
class Comparison:
    """What compose folds when it compares two sentences (``compose/text.py``, ``compose/merge.py``)."""

    stopwords: frozenset[str]
    """Lower-case words that carry no meaning of their own."""
    senses: tuple[str, ...]
    """News verbs and nouns that outlets swap when retelling one event: one sense a line,
    its words separated by spaces, the first word naming the sense."""
    aliases: Mapping[str, str]
    """Spellings that differ between outlets for one word ("defence" -> "defense")."""
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    """Phrases written as one word before comparing ("united states" -> "us"), lower case."""
    metonyms: Mapping[str, str]
    """Capitals that stand for their governments ("kremlin" -> "russ", a stem)."""
    demonym_suffixes: tuple[tuple[str, int], ...]
    """(suffix, stem length kept at least): a people's name meets its country ("ukrainians")."""
    inflections: tuple[str, ...]
    """Suffixes stripped by the crude stemmer ("ing", "ed"), first match only."""
    each: re.Pattern[str]
    """A count that holds for both sides of an exchange ("157 each", "157-for-157")."""
    stemmer: Callable[[str], str] | None = None
    """Stems one lower-case word (``briefings/lang/stemmers.py``: Snowball, a lemmatiser);
    None for the crude suffix stripper of ``compose/text.py`` with ``inflections`` (English's:
    the merge was tuned with it). Aliases and demonyms are folded before either."""
    leans_back: frozenset[str] = frozenset()
    """Lower-case first words that point at the sentence before ("he", "this", "його"): such
    a sentence reads badly lifted out of its paragraph, so it ranks lower and leads no story."""
    connectives: frozenset[str] = frozenset()
    """Lower-case first words that continue an argument ("but", "however", "однако")."""
    cardinals: Mapping[str, int] = field(default_factory=lambda: _NO_WORDS)
    """Number words the merge reads as the figure they write ("eight", "huit", "восьми" -> 8),
    inflected forms included, so "Eight were evacuated" and "8 were evacuated" agree and
    "two killed" and "three killed" do not. Only exact numbers: never a word that is also an
    article ("one", "un", "ein") or a rough count ("dozens"). A hundred (100) multiplies the
    word before it ("two hundred" is 200); words side by side add up ("twenty-five" is 25)."""


@dataclass(frozen=True, eq=False)
class Language:
    """Everything language-specific the extract and compose stages read, for one language."""

    code: str
    """ISO 639-1 code ("en"), as ``Article.language`` gives it."""
    name: str
    abbreviations: frozenset[str]
    """Words that a following period does not end (lower case, without the final dot)."""
    boilerplate: Boilerplate
    attribution: Attribution
    figures: Figures
    comparison: Comparison
    ordinal_words: frozenset[str] = frozenset()
    """Lower-case words an ordinal number written with a period stands before (German
    "5. Januar", "2. Weltkrieg"): that period does not end a sentence."""


LANGUAGES: dict[str, Language] = {}
"""The registered languages by code."""
DEFAULT_LANGUAGE = "en"
"""The language of an article whose own is unknown or not registered."""


def register_language(language: Language) -> Language:
    """Make ``language`` the one ``get_language`` returns for its code (replacing any before)."""
    LANGUAGES[language.code.lower()] = language
    return language


def get_language(code: str | None) -> Language:
    """The language of ``code`` ("en", "en-GB", "EN"), by its primary subtag.

    An unknown or unregistered code gets English (``DEFAULT_LANGUAGE``), documented and on
    purpose: an article is still briefed with the words the tool has, rather than dropped, and
    English is what the other words were written for until its own language is added."""
    if code:
        found = LANGUAGES.get(code) or LANGUAGES.get(code.lower().replace("_", "-").split("-", 1)[0])
        if found is not None:
            return found
    return LANGUAGES[DEFAULT_LANGUAGE]


from .de import GERMAN  # noqa: E402  (last: the language modules read the classes above)
from .en import ENGLISH  # noqa: E402
from .es import SPANISH  # noqa: E402
from .fr import FRENCH  # noqa: E402
from .ru import RUSSIAN  # noqa: E402
from .uk import UKRAINIAN  # noqa: E402

for _language in (ENGLISH, FRENCH, GERMAN, SPANISH, RUSSIAN, UKRAINIAN):
    register_language(_language)
