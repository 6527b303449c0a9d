"""Six languages end to end, on short articles written for these tests: each language's
sentences, dates, a fact merged across two outlets of that language, and a Key figure; then a
folder of one day in all six languages builds one brief.

Sections are not asserted here: the section classifier in every language is the classifier
issue's. Key figures are asserted on the extracted figures with a section set, as compose
reads them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from briefings.compose.figures import key_figures
from briefings.compose.merge import group_facts, languages_of
from briefings.extract import extract_article
from briefings.extract.sentences import split_units
from briefings.lang import LANGUAGES, get_language
from briefings.model import BOILERPLATE, Article
from briefings.taxonomy import load_default_taxonomy
from tests.factories import make_brief_fact, make_citation

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = datetime(2025, 7, 22, 8, 0, tzinfo=UTC)  # a Tuesday

# Two outlets per language tell one strike (the same toll, other words), with a date; the
# second line of the first outlet is a promo line of that language.
STORIES: dict[str, dict[str, object]] = {
    "fr": {
        "a": ("Frappe sur Kharkiv", "Au moins 12 personnes ont été tuées lundi dans une frappe russe sur Kharkiv, "
              "a déclaré le gouverneur Oleg Synehoubov.\n\nLes négociations reprendront le 24 juillet à Genève, "
              "selon le ministère.\n\nAbonnez-vous à notre newsletter pour ne rien manquer."),
        "b": ("Kharkiv frappée", "Une frappe russe a tué au moins 12 personnes lundi à Kharkiv, "
              "selon le gouverneur régional."),
        "split": ("M. Dupont est arrivé. « Nous sommes prêts ! » Le ministre a répondu.",
                  ["M. Dupont est arrivé.", "« Nous sommes prêts ! »", "Le ministre a répondu."]),
        "date": ("24 juillet", date(2025, 7, 24)),
        "killed": 12,
    },
    "de": {
        "a": ("Angriff auf Charkiw", "Bei einem russischen Angriff auf Charkiw sind am Montag mindestens 12 Menschen "
              "getötet worden, sagte Gouverneur Oleh Synjehubow.\n\nDie Verhandlungen sollen am Donnerstag, "
              "24. Juli in Genf fortgesetzt werden.\n\nJetzt anmelden und den Newsletter abonnieren."),
        "b": ("Charkiw angegriffen", "Mindestens 12 Menschen wurden am Montag bei einem russischen Angriff auf "
              "Charkiw getötet, teilte der Gouverneur mit."),
        "split": ("Die Gespräche beginnen am Montag, 5. Januar in Genf. Danach reist er z. B. nach Bern.",
                  ["Die Gespräche beginnen am Montag, 5. Januar in Genf.", "Danach reist er z. B. nach Bern."]),
        "date": ("24. Juli", date(2025, 7, 24)),
        "killed": 12,
    },
    "es": {
        "a": ("Ataque contra Járkov", "Al menos 12 personas murieron el lunes en un ataque ruso contra Járkov, "
              "dijo el gobernador Oleh Synehubov.\n\nLas negociaciones se reanudarán el 24 de julio en Ginebra, "
              "según el ministerio.\n\nSuscríbete a nuestro boletín para no perderte nada."),
        "b": ("Járkov atacada", "Un ataque ruso contra Járkov dejó al menos 12 personas muertas el lunes, "
              "informó el gobernador."),
        "split": ("¿Qué pasará ahora? ¡Nadie lo sabe! El Sr. Pérez llegó.",
                  ["¿Qué pasará ahora?", "¡Nadie lo sabe!", "El Sr. Pérez llegó."]),
        "date": ("24 de julio", date(2025, 7, 24)),
        "killed": 12,
    },
    "ru": {
        "a": ("Удар по Харькову", "В результате российского удара по Харькову в понедельник погибли 12 человек, "
              "заявил губернатор Олег Синегубов.\n\nПереговоры возобновятся 24 июля в Женеве, сообщили в "
              "министерстве.\n\nПодписывайтесь на наш Telegram-канал."),
        "b": ("Харьков под ударом", "12 человек погибли в понедельник при российском ударе по Харькову, "
              "сообщил губернатор."),
        "split": ("В 2016 г. переговоры сорвались. «Мы готовы», — заявил он. Т. е. всё сначала.",
                  ["В 2016 г. переговоры сорвались.", "«Мы готовы», — заявил он.", "Т. е. всё сначала."]),
        "date": ("24 июля", date(2025, 7, 24)),
        "killed": 12,
    },
    "uk": {
        "a": ("Удар по Харкову", "Унаслідок російського удару по Харкову в понеділок загинули 12 людей, "
              "заявив губернатор Олег Синєгубов.\n\nПереговори відновляться 24 липня в Женеві, повідомили в "
              "міністерстві.\n\nПідписуйтеся на наш Telegram-канал."),
        "b": ("Харків під ударом", "12 людей загинули в понеділок під час російського удару по Харкову, "
              "повідомив губернатор."),
        "split": ("У 2016 р. переговори зірвалися. «Ми готові», — заявив він. Потім усе почалося знову.",
                  ["У 2016 р. переговори зірвалися.", "«Ми готові», — заявив він.", "Потім усе почалося знову."]),
        "date": ("24 липня", date(2025, 7, 24)),
        "killed": 12,
    },
}
CODES = tuple(STORIES)


def _article(code: str, outlet: str) -> Article:
    title, text = STORIES[code][outlet]  # type: ignore[misc]
    return Article(id=f"{code}-{outlet}", title=title, outlet=f"{code} {outlet}", url=None,
                   published=PUBLISHED, text=text, language=code)


def test_every_language_is_registered_with_its_own_words() -> None:
    assert set(LANGUAGES) >= {"en", *CODES}
    for code in CODES:
        language = get_language(code)
        assert language.code == code and language is not get_language("en")
        assert language.comparison.stemmer is not None


@pytest.mark.parametrize("code", CODES)
def test_sentences_split_as_the_language_writes(code: str) -> None:
    text, expected = STORIES[code]["split"]  # type: ignore[misc]
    assert [u.text for u in split_units(text, get_language(code))] == expected


def test_german_ordinal_day_splits_in_english_rules_only() -> None:
    """The period of "5. Januar" ends no German sentence; English has no such rule."""
    text = "Die Gespräche beginnen am Montag, 5. Januar in Genf."
    assert len(split_units(text, get_language("de"))) == 1
    assert len(split_units(text, get_language("en"))) == 2


@pytest.mark.parametrize("code", CODES)
def test_each_language_extracts_dates_speakers_figures_and_promos(code: str) -> None:
    facts = extract_article(_article(code, "a"), load_default_taxonomy())
    content = [f for f in facts if f.section != BOILERPLATE]
    assert facts[-1].section == BOILERPLATE, facts[-1].text  # the promo line of the language
    expression, day = STORIES[code]["date"]  # type: ignore[misc]
    dated = [d for f in content for d in f.dates if expression.lower() in d.text.lower()]
    assert dated and (dated[0].start, dated[0].end) == (day, day)
    toll = content[0]
    assert toll.attribution and "Syn" in toll.attribution or "Син" in (toll.attribution or "")
    killed = [fig for fig in toll.figures if fig.kind == "killed"]
    assert [fig.value for fig in killed] == [STORIES[code]["killed"]]


@pytest.mark.parametrize("code", CODES)
def test_two_outlets_tellings_merge_and_give_one_key_figure(code: str) -> None:
    articles = [_article(code, "a"), _article(code, "b")]
    taxonomy = load_default_taxonomy()
    first, second = (extract_article(a, taxonomy)[0] for a in articles)
    groups = [g for g in group_facts([first, second], languages=languages_of(articles)) if len(g) > 1]
    assert groups == [[0, 1]], (first.text, second.text)
    # as compose hands the merged fact to the Key figures box (a news section, its figures)
    merged = make_brief_fact(text=first.text, section="strikes", figures=first.figures,
                             citations=(make_citation(article_id=first.article_id, outlet="a"),
                                        make_citation(article_id=second.article_id, outlet="b", number=2)))
    lines = key_figures([merged], get_language(code))
    assert [(line.kind, line.figure.value) for line in lines] == [("killed", STORIES[code]["killed"])]


def test_unrelated_facts_of_one_language_do_not_merge() -> None:
    articles = [_article("ru", "a"), _article("ru", "a")]
    articles[1] = replace(articles[1], id="ru-c")
    taxonomy = load_default_taxonomy()
    facts = extract_article(articles[0], taxonomy)
    talks = next(f for f in facts if "Переговоры" in f.text)
    assert [g for g in group_facts([facts[0], talks], languages=languages_of(articles)) if len(g) > 1] == []


def test_a_mixed_language_folder_of_one_day_builds_one_brief(tmp_path: Path) -> None:
    """Twelve files, two per language besides English, half without a language header: each
    is read in its own language, and the Russian and Ukrainian tolls merge across outlets."""
    folder = tmp_path / "day"
    folder.mkdir()
    english = ("Talks resume in Geneva", "At least 12 people were killed on Monday in a Russian strike on "
               "Kharkiv, governor Oleh Syniehubov said.\n\nTalks will resume in Geneva on July 24, the ministry said.")
    (folder / "en-a.txt").write_text(f"title: {english[0]}\noutlet: en a\npublished: 2025-07-22T08:00Z\n---\n"
                                     f"{english[1]}\n", encoding="utf-8")
    for code in CODES:
        for outlet in ("a", "b"):
            title, text = STORIES[code][outlet]  # type: ignore[misc]
            header = f"title: {title}\noutlet: {code} {outlet}\npublished: 2025-07-22T08:00Z\n"
            if outlet == "a":
                header += f"language: {code}\n"  # "b" files say nothing: their language is detected
            (folder / f"{code}-{outlet}.txt").write_text(f"{header}---\n{text}\n", encoding="utf-8")
    out = tmp_path / "brief"
    run = subprocess.run([sys.executable, "-m", "briefings", "build", str(folder), "--date", "2025-07-22",
                          "--out", str(out), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    languages = {a["outlet"]: a["language"] for a in brief["articles"]}
    assert languages == {"en a": "en", **{f"{c} {o}": c for c in CODES for o in "ab"}}
    facts = [f for s in brief["sections"] for f in s["facts"]] + list(brief.get("key_points", []))
    for code in ("ru", "uk"):
        outlets = [{c["outlet"] for c in f["citations"]} for f in facts]
        assert {f"{code} a", f"{code} b"} in outlets, code  # one fact, both outlets
    assert len({f["text"] for f in facts}) >= 12
