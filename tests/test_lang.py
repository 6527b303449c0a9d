"""The language layer: one object per language, a registry with an English fallback, and
stages that read an article's language's words (a throwaway language shows it, with no stage
module edited)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from briefings.compose.merge import group_facts, languages_of
from briefings.compose.text import concepts, shingles, words
from briefings.extract import extract_article
from briefings.extract.entities import attribution, figures, is_unnamed
from briefings.lang import LANGUAGES, Language, get_language, register_language
from briefings.lang.en import ENGLISH
from briefings.model import BOILERPLATE, Article, Fact, stable_id
from briefings.taxonomy import load_default_taxonomy


def test_english_is_registered_and_the_fallback_for_unknown_codes() -> None:
    assert get_language("en") is ENGLISH
    assert get_language("EN") is ENGLISH and get_language("en-GB") is ENGLISH and get_language("en_US") is ENGLISH
    assert get_language("zz") is ENGLISH and get_language("") is ENGLISH and get_language(None) is ENGLISH
    assert isinstance(LANGUAGES["en"], Language)


@pytest.fixture
def xx() -> Iterator[Language]:
    """A throwaway language: English's words plus a few made-up ones, registered for one test."""
    figures_ = replace(ENGLISH.figures, number_words={**ENGLISH.figures.number_words, "zwo": 2})
    language = replace(
        ENGLISH,
        code="xx",
        name="Test",
        abbreviations=ENGLISH.abbreviations | {"zq"},
        boilerplate=replace(ENGLISH.boilerplate, widget=re.compile(r"^\W*blorp\s+this\s+story\b.*$", re.IGNORECASE)),
        attribution=replace(ENGLISH.attribution, speech_verbs="zaid|" + ENGLISH.attribution.speech_verbs,
                            unnamed=re.compile(r"\bquiet\s+ones\b")),
        figures=figures_,
        comparison=replace(ENGLISH.comparison, senses=ENGLISH.comparison.senses + ("blick flang",)),
    )
    register_language(language)
    try:
        yield language
    finally:
        del LANGUAGES["xx"]


def test_a_registered_language_is_found_by_its_code(xx: Language) -> None:
    assert get_language("xx") is xx and get_language("xx-YY") is xx and get_language("en") is ENGLISH


def test_extraction_reads_the_articles_language(xx: Language) -> None:
    """Abbreviations, boilerplate, speech verbs and number words all come from the language."""
    text = ("Blorp this story among the delegates at the summit today.\n\n"
            "Officials met Zq. Brandt in the capital on Monday for talks. The minister zaid zwo drones were downed.")
    english = Article(id="e", title="T", outlet="o", url=None, published=None, text=text)
    test = replace(english, id="x", language="xx")
    taxonomy = load_default_taxonomy()
    facts_en = extract_article(english, taxonomy, assume_published=date(2025, 7, 22))
    facts_xx = extract_article(test, taxonomy, assume_published=date(2025, 7, 22))
    assert facts_en[0].section != BOILERPLATE and facts_xx[0].section == BOILERPLATE  # a widget in xx only
    assert len(facts_en) == 4 and len(facts_xx) == 3  # "Zq." ends no sentence in xx
    said = facts_xx[-1]
    assert said.attribution == "The minister" and facts_en[-1].attribution is None
    assert [f.value for f in said.figures] == [2.0] and not facts_en[-1].figures


def test_entities_take_the_language(xx: Language) -> None:
    assert attribution("The minister zaid talks resume.", xx) == "The minister"
    assert attribution("The minister zaid talks resume.") is None
    assert is_unnamed("the quiet ones", language=xx) and not is_unnamed("the quiet ones")
    assert [f.value for f in figures("zwo drones", xx)] == [2.0] and figures("zwo drones") == ()


def _fact(article_id: str, text: str) -> Fact:
    return Fact(id=stable_id(article_id, "0"), article_id=article_id, index=0, text=text, section="strikes", score=0.8)


def test_merging_reads_each_articles_language(xx: Language) -> None:
    """In xx "blicked" and "flanged" are one news verb: the two tellings merge; in English they
    share only two words, too few for one fact."""
    facts = [_fact("a", "Zorb blicked Quon."), _fact("b", "Zorb flanged Quon.")]
    articles = [Article(id=k, title=k, outlet=k, url=None, published=None, text=f.text, language="xx")
                for k, f in zip("ab", facts)]
    assert [g for g in group_facts(facts) if len(g) > 1] == []
    assert [g for g in group_facts(facts, languages=languages_of(articles)) if len(g) > 1] == [[0, 1]]
    assert concepts("Zorb flanged Quon.", xx) == concepts("Zorb blicked Quon.", xx) != concepts("Zorb flanged Quon.")


def test_cyrillic_and_accented_text_has_comparison_keys() -> None:
    """Words are letters of any script: a Ukrainian sentence yields words and shingles."""
    sentence = "Україна та Росія обмінялися полоненими у Стамбулі в середу."
    assert words(sentence) == ["україна", "та", "росія", "обмінялися", "полоненими", "у", "стамбулі", "в", "середу"]
    assert shingles(sentence) and concepts(sentence)
    assert words("Erdoğan met Šefčovič_2 on 1.5 km") == ["erdoğan", "met", "šefčovič", "2", "on", "1.5", "km"]


def test_cyrillic_tellings_of_one_fact_merge() -> None:
    a = _fact("a", "Україна та Росія обмінялися полоненими у Стамбулі в середу.")
    b = _fact("b", "У середу в Стамбулі Україна та Росія обмінялися полоненими.")
    c = _fact("c", "Зеленський провів переговори з президентом Франції.")
    assert [g for g in group_facts([a, b, c]) if len(g) > 1] == [[0, 1]]


_OLD_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")


@pytest.mark.parametrize("text", [
    "Ukraine and Russia will hold talks in Istanbul on Wednesday, Kyiv said.",
    "The U.S. pledged $1.5 billion (1,200 tonnes) to the_fund at 10:30 on 22/07/2025!",
    "snake_case, CAPS, x2, 3x, 4.5.6, a,b ,c --- 'quoted' \"double\" [x] {y} #z @w",
])
def test_ascii_text_gives_the_words_it_gave_before(text: str) -> None:
    """The one behaviour change is for non-ASCII letters: ASCII text keeps its keys exactly."""
    lowered = text.lower().replace("u.s.", "us")
    assert words(text) == _OLD_WORD.findall(lowered)
