"""The same articles give the same brief, whatever the process: no decision may depend on set
or dict order (Python's per-process hash seed). Float sums in merging are order-independent
(math.fsum) for the same reason."""

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def brief_with_hash_seed(seed: int, out: Path) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "BRIEFINGS_CACHE": "off"}
    result = subprocess.run(
        [sys.executable, "-m", "briefings", "build", str(SAMPLES), "--date", "2025-07-22",
         "--out", str(out), "--format", "json", "--quiet"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    data.pop("generated")
    return data


def test_two_processes_with_different_hash_seeds_give_the_same_brief(tmp_path):
    first = brief_with_hash_seed(1, tmp_path / "one")
    second = brief_with_hash_seed(987654, tmp_path / "two")
    assert first["stats"]["facts"] > 10
    assert first == second
