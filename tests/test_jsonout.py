"""brief.json made in pieces: the brief's own to_json, one fact a line, nothing left half-written."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from briefings.errors import RenderError
from briefings.render import render_brief
from briefings.render.jsonout import render_json
from hand_built_brief import make_brief


def _whole(brief) -> dict:
    return json.loads(json.dumps(brief.to_json()))


def test_pieces_make_the_briefs_own_json_with_one_fact_a_line(tmp_path: Path) -> None:
    brief = make_brief()
    more = tuple(dataclasses.replace(f, id=f"{f.id}-{n}", text=f"{f.text} ({n}) «Київ»")
                 for n in range(3) for f in brief.sections[0].facts)
    big = dataclasses.replace(brief, sections=(dataclasses.replace(brief.sections[0], more_facts=more, more=len(more)),
                                               *brief.sections[1:]))
    assert json.loads(render_json(big)) == _whole(big)
    render_brief(big, tmp_path, {"json"})
    text = (tmp_path / "brief.json").read_text(encoding="utf-8")
    assert json.loads(text) == _whole(big)
    assert "«Київ»" in text  # non-ASCII kept as it is
    fact_lines = [line for line in text.splitlines() if line.lstrip().startswith('{"id": ')]
    assert len(fact_lines) >= len(more)  # each fact of a long list on a line of its own
    assert text.startswith('{\n  "date": ')
    assert json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))["sections"][0]["more"] == len(more)


def test_empty_lists_and_sections_encode_like_json_dumps() -> None:
    brief = make_brief()
    empty = dataclasses.replace(brief, sections=(), looking_ahead=(), articles=(), key_points=())
    assert json.loads(render_json(empty)) == _whole(empty)


def test_a_value_that_cannot_be_serialised_leaves_the_old_file(tmp_path: Path) -> None:
    brief = make_brief()
    render_brief(brief, tmp_path, {"json"})
    before = (tmp_path / "brief.json").read_bytes()
    bad_fact = dataclasses.replace(brief.sections[0].facts[0], score=float("nan"))
    object.__setattr__(bad_fact, "score", object())  # not a number: json cannot encode it
    bad = dataclasses.replace(brief, sections=(dataclasses.replace(brief.sections[0], more_facts=(bad_fact,)),))
    with pytest.raises(RenderError, match="brief.json"):
        render_brief(bad, tmp_path, {"json"})
    assert (tmp_path / "brief.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]  # no temp file left

