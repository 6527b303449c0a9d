"""Cases the stories issue named on real articles, read from ``../shared`` at run time.

The New York Times and CNN on the strikes after the Moskva sank (dev corpus 001/002): the dev
merge gold joins no sentence of one to a sentence of the other (each tells its own facts), yet
both report one day of strikes, so the brief must hold a story citing both, and no fact may
claim a corroboration the gold does not give it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.api import build_brief

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
MOSKVA = ("001-nyt-missile-barrage-after-moskva.txt", "002-cnn-moskva-ukraine-braces.txt")


@pytest.fixture(scope="module")
def moskva_brief():
    paths = [DEV / name for name in MOSKVA]
    if not all(p.exists() for p in paths):
        pytest.skip(f"the dev corpus is not beside the project ({DEV}): the real articles are read at run time")
    return build_brief(paths, "2022-04-16")


def test_nyt_and_cnn_on_the_moskva_strikes_share_a_story(moskva_brief):
    both = [s for s in moskva_brief.stories if {c.outlet for c in s.citations} >= {"CNN", "The New York Times"}]
    assert both, [(s.headline[:60], [c.outlet for c in s.citations]) for s in moskva_brief.stories]
    assert all(s.section == "strikes" for s in both)


def test_no_fact_of_the_pair_claims_a_corroboration_the_gold_does_not_give(moskva_brief):
    facts = [f for section in moskva_brief.sections for f in (*section.facts, *section.more_facts)]
    assert facts
    corroborated = [f.text[:80] for f in facts if f.corroboration > 1]
    assert corroborated == []
