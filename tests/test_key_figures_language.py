"""Key figures read each line in its own language: a running total said in French gives way
to the day's sum, as it does in English."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from briefings.compose import BriefSpec, compose_brief
from briefings.extract import extract_article
from briefings.extract.day import day_facts_of
from briefings.model import Brand, Window
from briefings.taxonomy import load_default_taxonomy
from factories import make_article

DAY = date(2025, 7, 22)
FRENCH = ("La Commission européenne a annoncé mardi une aide humanitaire supplémentaire de 40 millions "
          "d'euros pour l'Ukraine, portant son soutien total depuis 2022 à 1,1 milliard d'euros.")


def test_a_french_running_total_gives_way_to_the_days_sum() -> None:
    taxonomy = load_default_taxonomy()
    article = make_article(name="fr-aide", text=FRENCH, language="fr", title="Nouvelle aide de l'UE")
    # the section is not what this test is about: the sentence is aid, whichever classifier says so
    facts = [replace(f, section="aid") for f in extract_article(article, taxonomy, assume_published=DAY)]
    window = Window(datetime(2025, 7, 22, tzinfo=timezone.utc), datetime(2025, 7, 23, tzinfo=timezone.utc), "UTC")
    brief = compose_brief(day_facts_of([article], facts), BriefSpec(DAY, "Brief", window, Brand(), taxonomy))
    money = [k for k in brief.key_figures if k.kind == "money"]
    assert money, brief.key_figures
    assert money[0].figure.value == 40_000_000
