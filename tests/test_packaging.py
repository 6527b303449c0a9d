"""A non-editable install finds the default theme, taxonomy and merge gold without the source tree."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_theme_and_taxonomy(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("briefings-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    theme_files = {p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()}
    assert theme_files, "the repository has themes"
    for name in theme_files:
        assert f"briefings/templates/{name}" in names
    assert "briefings/data/taxonomy.toml" in names
    assert "briefings/evaluation/data/merge-gold.jsonl" in names
    assert "briefings/cli.py" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "briefings = briefings.cli:main" in entry_points
