"""Entities, figures (normalised), attribution, unnamed sources and aid status, on sentences written here."""

import pytest

from briefings.extract.entities import aid_status, attribution, entities, figures, is_unnamed


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


# ------------------------------------------------------------------ attribution: hard cases
from briefings.extract.entities import pronoun_speech, resolve_speakers  # noqa: E402
from briefings.model import Fact  # noqa: E402
from factories import make_fact  # noqa: E402


@pytest.mark.parametrize(
    "sentence, who",
    [
        # "according to" inside the quote is the speaker's wording, not the outlet's source
        ("\u201cThe builders will keep precisely according to this timetable,\u201d Mayor Lina Ostrova told reporters.",
         "Mayor Lina Ostrova"),
        ("The plan is on track according to the schedule, the Port Authority said.", "the Port Authority"),
        ("The levy was cut by half, Finance Minister Aldo Reyes has said.", "Finance Minister Aldo Reyes"),
    ],
)
def test_attribution_hard_cases(sentence, who):
    assert attribution(sentence) == who


def test_a_relative_clause_is_not_a_source():
    text = "On March 3 the mayor closed the bridge for a week, something the Regional Council confirmed."
    assert attribution(text) is None


def _fact(article: str, index: int, text: str) -> Fact:
    """A diplomacy sentence with the attribution extraction gives it."""
    return make_fact(id=f"{article}{index}", article_id=article, index=index, text=text, section="diplomacy",
                     attribution=attribution(text))


def test_he_and_she_take_the_last_named_speaker_of_their_article():
    facts = [
        _fact("a", 0, "The ferry will run again from May, Harbour Master Ines Kalb said."),
        _fact("a", 1, "\u201cWe are ready,\u201d she added."),
        _fact("a", 2, "The crossing takes an hour, the official said."),
        _fact("a", 3, "She said tickets would be cheaper."),
        _fact("b", 0, "\u201cWe will wait,\u201d he said."),
    ]
    assert pronoun_speech(facts[1].text) and not pronoun_speech(facts[0].text)
    resolved = resolve_speakers(facts)
    assert [f.attribution for f in resolved] == [
        "Harbour Master Ines Kalb", "Harbour Master Ines Kalb", "the official", "Harbour Master Ines Kalb", None]


def test_other_people_keeps_its_noun():
    from briefings.extract.entities import figures

    (figure,) = figures("A bomb hit a block, killing a girl and wounding at least four other people, officials said.")
    assert (figure.text, figure.value, figure.kind) == ("at least four other people", 4.0, "injured")


@pytest.mark.parametrize(
    "sentence",
    [
        "MORE THAN 50 ATTACKS were reported; About Six Districts lost power.",
        "Über 12 Menschen — at least 30 others — were hurt, and €1.5bn was pledged.",
        "İstanbul hosted two rounds; some 40 people attended.",  # "İ" lower-cases to two characters
        "The dotless ı and the long ſ: Sıx, ſix, fifteen ſoldiers, 7 perſons.",
        "Often ten drones, someone said, and 3,000 troops.",
        "Tens of them, then more than          50 attacks and about \u00a3 5 million, at least\t\tthree people.",
        "Attention: fewer than 7 and roughly $12bn.",
        "",
    ],
)
def test_figures_match_the_case_insensitive_pattern_exactly(sentence):
    from briefings.extract.entities import _figure_matches, _patterns
    from briefings.lang.en import ENGLISH

    expected = [m.group() for m in _patterns(ENGLISH).figure.finditer(sentence)]
    assert [m.group() for m in _figure_matches(sentence, ENGLISH)] == expected


def test_names_start_at_a_capital_not_inside_a_word_or_after_a_period():
    from briefings.extract.entities import entities

    assert entities("McDonald met the Ministry of Defence in Kyiv.") == ("McDonald", "Ministry of Defence", "Kyiv")
    assert entities("x.Yellow and wordCase stay out; Ann Lee does not.") == ("Ann Lee",)


def test_unnamed_sources_are_found_in_any_case():
    assert is_unnamed(None, "Officials spoke on CONDITION OF ANONYMITY.")
    assert is_unnamed(None, "The plan, People Familiar with it said, is ready.")
    assert not is_unnamed(None, "The minister said the plan is ready.")


def test_number_words_inside_other_words_are_not_figures():
    """"drone strikes" holds "one strikes" and "often" holds "ten": neither counts anything."""
    assert figures("Russia launched drone strikes on the port overnight.") == ()
    assert figures("Officials often visit the front.") == ()
    assert [f.value for f in figures("Six drones and forty missiles were launched.")] == [6.0, 40.0]


@pytest.mark.parametrize("text", ["Sıx people were killed in the strike.", "ſix drones were shot down.",
                                  "The talks ended ſix days ago.", "It happened yeſterday on Thurſday."])
def test_letters_that_only_look_ascii_to_case_blind_patterns_never_crash(text):
    """Dotless i and long s match "i" and "s" under IGNORECASE; the vocabulary does not know
    them: such a word is left out, as any unreadable expression is."""
    from datetime import date

    from briefings.extract.dates import find_dates

    figures(text)
    find_dates(text, date(2025, 7, 22))
    attribution(text)


def test_abbreviations_with_full_stops_are_whole_names():
    assert entities("U.S. officials said the talks would resume.") == ("U.S.",)
    assert entities("President Zelensky met E.U. leaders in Kyiv.") == ("President Zelensky", "E.U.", "Kyiv")
    assert entities("Talks resumed in St. Petersburg.")[-1] == "St. Petersburg"


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Kremlin spokesman Dmitry Peskov told reporters that talks would go on.", "Kremlin spokesman Dmitry Peskov"),
        ("Ukraine's foreign minister Andrii Sybiha said the meeting was useful.",
         "Ukraine's foreign minister Andrii Sybiha"),
        ("The talks were useful, special envoy Steve Witkoff said.", "special envoy Steve Witkoff"),
    ],
)
def test_a_lower_case_title_before_the_name_is_part_of_the_speaker(sentence, speaker):
    assert attribution(sentence) == speaker


def test_he_and_she_skip_organisations_and_speakers_of_the_other_pronoun():
    facts = [
        _fact("a", 0, "Repairs will take a week, Harbour Master Tomas Berg said."),
        _fact("a", 1, "The ferry stays in port, the Norwegian Coastal Agency said."),
        _fact("a", 2, "\u201cWe are ready,\u201d he added."),  # Berg: an agency is never "he"
        _fact("a", 3, "Crews worked overnight, spokeswoman Ines Kalb said."),
        _fact("a", 4, "\u201cNobody was hurt,\u201d she said."),  # Kalb
        _fact("a", 5, "\u201cThe port reopens Monday,\u201d he said."),  # still Berg, not Kalb
        _fact("b", 0, "The vote is set for June, Olena Marchuk said."),
        _fact("b", 1, "\u201cWe will win,\u201d he said."),  # a first name in -a: not "he"
    ]
    assert [f.attribution for f in resolve_speakers(facts)] == [
        "Harbour Master Tomas Berg", "the Norwegian Coastal Agency", "Harbour Master Tomas Berg",
        "spokeswoman Ines Kalb", "spokeswoman Ines Kalb", "Harbour Master Tomas Berg", "Olena Marchuk", None]


def test_a_capital_that_only_opens_the_sentence_is_no_name():
    """ "Talks resumed" names nothing when the article writes "talks" elsewhere; a name the
    article never writes in lower case stays a name wherever it stands."""
    from briefings.extract.entities import entities

    article = ("Talks resumed in Istanbul on Monday. The talks were brief. "
               "Kramatorsk was struck overnight. Officials in Kramatorsk said two people died.")
    assert entities("Talks resumed in Istanbul on Monday.", article) == ("Istanbul",)
    assert entities("\u201cTalks will go on,\u201d Peskov said.", article) == ("Peskov",)
    assert entities("Kramatorsk was struck overnight.", article) == ("Kramatorsk",)
    assert entities("Talks resumed in Istanbul on Monday.") == ("Talks", "Istanbul")  # no article: as before
