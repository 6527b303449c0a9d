"""brief.json made in pieces: the same bytes as one json.dumps, and nothing left half-written."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from briefings.errors import RenderError
from briefings.render import render_brief
from briefings.render.jsonout import json_chunks, render_json
from test_render import make_brief


def _whole(brief) -> bytes:
    return (json.dumps(brief.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_pieces_are_byte_for_byte_one_dump(tmp_path: Path) -> None:
    brief = make_brief()
    more = tuple(dataclasses.replace(f, id=f"{f.id}-{n}", text=f"{f.text} ({n}) «Київ»")
                 for n in range(3) for f in brief.sections[0].facts)
    big = dataclasses.replace(brief, sections=(dataclasses.replace(brief.sections[0], more_facts=more, more=len(more)),
                                               *brief.sections[1:]))
    assert render_json(big) == _whole(big)
    assert len(list(json_chunks(big))) >= 1
    render_brief(big, tmp_path, {"json"})
    assert (tmp_path / "brief.json").read_bytes() == _whole(big)
    assert json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))["sections"][0]["more"] == len(more)


def test_empty_lists_and_sections_encode_like_json_dumps() -> None:
    brief = make_brief()
    empty = dataclasses.replace(brief, sections=(), looking_ahead=(), articles=(), key_points=())
    assert render_json(empty) == _whole(empty)


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
