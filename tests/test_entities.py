"""Entities, figures (normalised), attribution, unnamed sources and aid status, on sentences written here."""

import pytest

from briefings.extract.entities import aid_status, attribution, figures, is_unnamed


@pytest.mark.parametrize(
    "sentence, value, qualifier, unit, currency, kind",
    [
        ("Russia carried out more than 50 attacks overnight.", 50, "more than", "attacks", "", "attacks"),
        ("Washington will send $300 million in aid.", 300e6, "", "money", "USD", "money"),
        ("The EU is allocating €145 million for shelter.", 145e6, "", "money", "EUR", "money"),
        ("Shelling hit six districts of the city.", 6, "", "districts", "", ""),
        ("The strike killed 12 people in the centre.", 12, "", "people", "", "killed"),
        ("At least 30 others were wounded.", 30, "at least", "others", "", "injured"),
    ],
)
def test_figures_are_normalised(sentence, value, qualifier, unit, currency, kind):
    fig = figures(sentence)[0]
    assert (fig.value, fig.qualifier, fig.unit, fig.currency, fig.kind) == (value, qualifier, unit, currency, kind)


def test_years_and_words_that_count_nothing_are_not_figures():
    assert figures("In 2022 one of the bridges fell.") == ()


@pytest.mark.parametrize(
    "sentence, who",
    [
        ("Talks will resume next week, Zelensky said.", "Zelensky"),
        ("A school was hit, according to local authorities.", "local authorities"),
        ("RIA Novosti, citing unnamed sources, said a meeting was planned.", "RIA Novosti, citing unnamed sources"),
    ],
)
def test_attribution(sentence, who):
    assert attribution(sentence) == who


def test_unnamed_sources_are_recognised():
    assert is_unnamed("a person familiar with the matter")
    assert is_unnamed("RIA Novosti, citing unnamed sources")
    assert is_unnamed(None, "Talks resume, an official said, speaking on condition of anonymity.")
    assert not is_unnamed("Volodymyr Zelensky")


def test_aid_is_pledged_or_delivered():
    assert aid_status("Canada will send heavy artillery to Ukraine.") == "pledged"
    assert aid_status("The EU approved a further package of loans.") == "pledged"
    assert aid_status("The first howitzers arrived in Ukraine on Monday.") == "delivered"
    assert aid_status("Aid is needed.") is None
