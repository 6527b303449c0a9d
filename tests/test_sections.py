"""Section decisions: the default lexicon, context, custom and reduced taxonomies."""

from dataclasses import replace

from briefings.extract.sections import CueLexiconClassifier, tokenize
from briefings.model import OTHER
from briefings.taxonomy import Cue, SectionSpec, Taxonomy, apply_overrides, load_default_taxonomy


def classify(*sentences: str, taxonomy: Taxonomy | None = None) -> list[str]:
    classifier = CueLexiconClassifier(taxonomy or load_default_taxonomy())
    return [d.section for d in classifier.classify(list(sentences))]


def test_default_taxonomy_keeps_its_keys_in_order():
    assert load_default_taxonomy().keys == ("diplomacy", "strikes", "aid")


def test_clear_sentences_of_each_section():
    assert classify("Envoys from both countries will hold a new round of peace talks in Vienna next week.") == [
        "diplomacy"
    ]
    assert classify("A drone strike hit an apartment block overnight, killing four people and wounding nine.") == [
        "strikes"
    ]
    assert classify("Norway pledged a new military aid package worth $500 million, including ammunition.") == [
        "aid"
    ]
    assert classify("The central bank cut its growth forecast as inflation rose and markets fell.") == [OTHER]


def test_phrase_beats_the_word_inside_it():
    classifier = CueLexiconClassifier(load_default_taxonomy())
    assert classifier.evidence("peace talks")["diplomacy"] > classifier.evidence("talks")["diplomacy"]


def test_negated_cue_counts_less():
    classifier = CueLexiconClassifier(load_default_taxonomy())
    plain = classifier.evidence("there were talks")["diplomacy"]
    negated = classifier.evidence("there were no talks")["diplomacy"]
    assert negated < plain


def test_sentence_without_cues_takes_its_neighbours_section():
    decisions = classify(
        "Artillery shelled the town for a third day and troops repelled two assaults.",
        "The town has become the focus of the campaign.",
        "Drones struck a fuel depot nearby, causing a large fire.",
    )
    assert decisions[1] == "strikes"


def test_topic_shift_blocks_the_previous_context():
    decisions = classify(
        "The foreign ministers discussed the ceasefire proposal and sanctions at the summit.",
        "Meanwhile, the front line town was shelled and two soldiers were killed.",
    )
    assert decisions == ["diplomacy", "strikes"]


def test_custom_section_defined_only_by_cues():
    base = load_default_taxonomy()
    custom = apply_overrides(base, {"energy": {"cues": ["power grid", "blackout*"]}}, "test.toml")
    result = classify("Blackouts spread as the power grid failed across the region.", taxonomy=custom)
    assert result == ["energy"]


def test_removed_section_no_longer_competes():
    base = load_default_taxonomy()
    reduced = apply_overrides(base, {"strikes": {"enabled": False}}, "test.toml")
    assert "strikes" not in reduced.keys
    result = classify("A drone strike hit an apartment block overnight, killing four people.", taxonomy=reduced)
    assert result[0] in (OTHER, "diplomacy", "aid") and result[0] != "strikes"
    assert reduced.other == base.other  # the other-cues survive overrides


def test_taxonomy_without_other_cues_still_classifies():
    bare = Taxonomy((SectionSpec("sport", "Sport", cues=(Cue("match*", 2.0), Cue("goal*", 2.0))),))
    assert classify("The match ended with a late goal.", "Parliament met.", taxonomy=bare) == ["sport", OTHER]
    assert replace(bare).other == ()


def test_tokenize_drops_possessives_and_keeps_hyphens():
    assert tokenize("Russia\u2019s cease-fire offer") == ["russia", "cease-fire", "offer"]


def test_also_reports_a_second_strong_section():
    classifier = CueLexiconClassifier(load_default_taxonomy())
    (decision,) = classifier.classify(
        ["Missile strikes killed twelve people as allies pledged a military aid package and air defence deliveries."]
    )
    assert {decision.section, *decision.also} == {"strikes", "aid"}
    assert 0 < decision.score <= 1
