"""The benchmark scripts: a bad input is one line naming the file, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_pdf_names_a_bad_brief_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "brief.json"
    broken.write_text("{oops", encoding="utf-8")
    for path in (broken, tmp_path / "missing.json"):
        result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "pdf_parts.py"), "--brief", str(path)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], result.stderr
