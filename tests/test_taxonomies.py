"""Packaged taxonomies and sections said by meaning (issue 15, item 3): `[brief] taxonomy`,
`briefings init --taxonomy`, and `[sections.KEY]` with a description and examples. The
articles are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app
from briefings.config import load_config
from briefings.errors import ConfigError
from briefings.pipeline import registered_choices
from briefings.taxonomy import TAXONOMIES, load_default_taxonomy, load_taxonomy, meaning_cues

runner = CliRunner()

HEALTH_AND_FLIGHT = (
    "title: Cholera spreads in the camps\noutlet: Test Wire\npublished: 2025-03-11T09:00:00+00:00\n---\n"
    "A cholera outbreak has spread to six districts of the province, with 410 suspected cases "
    "recorded since Friday, the health ministry said.\n\n"
    "More than 9,000 people fled their villages after the river burst its banks, and many are "
    "sheltering in schools, the UN refugee agency said.\n"
)
CYBER = (
    "title: Ministries offline\noutlet: Test Herald\npublished: 2025-03-11T10:00:00+00:00\n---\n"
    "Hackers knocked the websites of four ministries offline on Tuesday in a ransomware attack "
    "that also disrupted card payments at the state bank.\n\n"
    "The prime minister will travel to Brussels on Thursday for talks with EU leaders on the budget.\n"
)


def test_every_packaged_taxonomy_loads_and_keeps_the_trained_keys_cues():
    default = load_default_taxonomy()
    assert load_taxonomy("default") is default
    by_key = {s.key: s for s in default.sections}
    for name in TAXONOMIES:
        taxonomy = load_taxonomy(name)
        assert taxonomy.sections and all(s.cues for s in taxonomy.sections), name
        strikes = next(s for s in taxonomy.sections if s.key == "strikes")
        assert strikes.cues == by_key["strikes"].cues, name  # retitled, decided as trained
    assert [s.key for s in load_taxonomy("humanitarian").sections] == ["aid", "displacement", "health", "food", "strikes"]
    with pytest.raises(ConfigError, match="unknown taxonomy 'nope'"):
        load_taxonomy("nope")


def test_examples_become_cues_without_the_words_all_news_uses():
    cues = {c.pattern: c.weight for c in meaning_cues([
        "A cholera outbreak has spread to four districts, with 230 suspected cases reported this week.",
        "Health workers began a vaccination campaign for 600,000 children against measles and cholera.",
    ])}
    assert cues["cholera*"] > cues["measl*"] > 0  # in both examples: twice the weight
    assert "vaccin*" in cues and "outbreak*" in cues
    assert not {"report*", "week*", "four*", "the*", "with*"} & set(cues)


def build_with(tmp_path: Path, config: str, article: str) -> dict:
    (tmp_path / "briefings.toml").write_text(config, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article, encoding="utf-8")
    result = runner.invoke(app, ["build", str(folder), "--date", "2025-03-11", "--config", str(tmp_path / "briefings.toml"),
                                 "--out", str(tmp_path / "out"), "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))


def section_of(brief: dict, words: str) -> str:
    return next(s["key"] for s in brief["sections"] for f in (*s["facts"], *s["more_facts"]) if words in f["text"])


def test_the_humanitarian_taxonomy_sorts_a_day_into_its_own_sections(tmp_path):
    brief = build_with(tmp_path, '[brief]\ntaxonomy = "humanitarian"\n', HEALTH_AND_FLIGHT)
    assert section_of(brief, "cholera outbreak") == "health"
    assert section_of(brief, "fled their villages") == "displacement"


def test_a_section_given_by_description_and_examples_works_on_day_one(tmp_path):
    config = (
        '[sections.cyber]\ntitle = "Cyber"\n'
        'description = "Cyber attacks, hacking, data leaks and outages of online services."\n'
        'examples = ["Hackers took down the websites of three ministries on Monday.",\n'
        '            "A ransomware attack disrupted payments at the state savings bank."]\n'
    )
    brief = build_with(tmp_path, config, CYBER)
    assert section_of(brief, "Hackers knocked") == "cyber"
    assert section_of(brief, "travel to Brussels") != "cyber"  # its neighbour's words do not pull it in


def test_init_writes_the_chosen_taxonomy_and_refuses_an_unknown_one(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "desk"), "--taxonomy", "politics-economy", "--no-theme"])
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path / "desk" / "briefings.toml", registered_choices())
    assert [s.key for s in config.taxonomy.sections] == ["diplomacy", "politics", "economy", "energy", "strikes"]
    refused = runner.invoke(app, ["init", str(tmp_path / "other"), "--taxonomy", "sports"])
    assert refused.exit_code == 2 and "--taxonomy sports" in refused.output
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize(("text", "problem"), [
    ('[brief]\ntaxonomy = "sports"\n', "brief.taxonomy: unknown taxonomy 'sports'"),
    ('[sections.cyber]\nexamples = "Hackers took down a website."\n', "sections.cyber.examples: expected a list"),
    ('[sections.cyber]\ntitle = "Cyber"\n', "sections.cyber: a new section needs cues, examples or a description"),
])
def test_a_bad_taxonomy_or_examples_is_one_line_naming_the_key(tmp_path, text, problem):
    path = tmp_path / "briefings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, registered_choices())
    assert problem in str(caught.value)
