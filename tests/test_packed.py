"""Big days hold their facts packed (briefings.packed): the brief must not notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.extract import day as day_stage
from briefings.cli import app
from briefings.model import Fact
from briefings.packed import PackedFacts, Subset
from factories import make_fact

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_packed_facts_read_back_as_they_went_in() -> None:
    packed = PackedFacts(cached=2)
    articles: dict[str, list[Fact]] = {
        f"a{n}": [make_fact(article_id=f"a{n}", index=i, text=f"Sentence {i} of a{n}.") for i in range(n % 4)]
        for n in range(9)
    }
    for facts in articles.values():
        packed.add(facts)
    flat = [f for facts in articles.values() for f in facts]
    assert len(packed) == len(flat)
    assert list(packed) == flat
    assert [packed[i] for i in reversed(range(len(flat)))] == flat[::-1]  # random access past the cache
    assert packed[-1] == flat[-1] and packed[2:5] == flat[2:5]
    with pytest.raises(IndexError):
        packed[len(flat)]
    assert list(Subset(packed, [4, 0, 2])) == [flat[4], flat[0], flat[2]]


def _brief(tmp_path: Path, name: str) -> dict:
    out = tmp_path / name
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", "2025-07-22", "--out", str(out),
                                      "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    brief.pop("generated")
    return brief


def test_a_brief_from_packed_facts_is_the_same_brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFINGS_CACHE", "off")
    plain = _brief(tmp_path, "plain")
    monkeypatch.setattr(day_stage, "PACKED_FROM", 1)
    packed = _brief(tmp_path, "packed")
    assert packed == plain
    assert plain["sections"] and plain["looking_ahead"]
