"""The bundled sample brief (`make brief`), as a reader meets it first: its calendar."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefings.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_the_sample_brief_looks_ahead_to_the_talks_of_the_coming_days(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", "2025-07-22", "--out", str(tmp_path),
                                      "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    brief = json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))
    ahead = {(e["start"], e["expression"]) for e in brief["looking_ahead"]}
    assert ("2025-07-23", "on Wednesday") in ahead  # "will hold talks on Wednesday, Zelensky said"
    assert ("2025-07-24", "on Thursday and Friday") in ahead
    assert all(e["start"] > "2025-07-22" for e in brief["looking_ahead"])
    istanbul = [d for f in brief["key_points"] if "Istanbul" in f["text"] for d in f["dates"]
                if "Wednesday" in d["text"]]
    assert istanbul and all(d["start"] == "2025-07-23" for d in istanbul)
