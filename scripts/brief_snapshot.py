"""Build the briefs that refactors must not change, and write their brief.json to one folder.

    .venv/bin/python scripts/brief_snapshot.py OUT   # samples, every day of the dev and train corpora
    diff -r BEFORE AFTER                               # a refactor changes nothing: no output

Besides each day's brief.json, the ``extract`` output of both corpora (every sentence with its
section, dates, attribution and figures, boilerplate included) is kept, so a change that moves
a sentence the brief does not show is seen too.

The build time (``generated``) is removed, so two runs of the same code give the same bytes.
The dev corpus (read from ``../shared`` at run time, never copied here) is skipped, with a
line saying so, where it is absent.
"""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"dev": ROOT.parent / "shared" / "corpus" / "articles",
           "train": ROOT.parent / "shared" / "corpus" / "train" / "articles"}


def corpus_days(folder: Path) -> list[str]:
    """Each distinct publication day named in the dev articles' headers."""
    days = set()
    for path in folder.iterdir():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:30]:
            if line.startswith("published:"):
                day = line.split(":", 1)[1].strip()[:10]
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
                    days.add(day)
                break
            if line.strip() == "---":
                break
    return sorted(days)


def snapshot(paths: list[Path], day: str, target: Path) -> None:
    """Build ``paths`` for ``day`` and copy its brief.json (less ``generated``) to ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BRIEFINGS_CACHE": "off"}
        cmd = [sys.executable, "-m", "briefings", "build", *map(str, paths), "--date", day,
               "--out", tmp, "--format", "json", "--quiet"]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
        brief = Path(tmp) / "brief.json"
        if not brief.exists():
            target.write_text(f"exit {done.returncode}\n{done.stderr}", encoding="utf-8")
            return
        data = json.loads(brief.read_text(encoding="utf-8"))
        data.pop("generated", None)
        target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def extract_snapshot(folder: Path, target: Path) -> None:
    """Every sentence ``briefings extract`` finds in ``folder``, as it prints them."""
    cmd = [sys.executable, "-m", "briefings", "extract", str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    target.write_text(f"exit {done.returncode}\n{done.stdout}{done.stderr}", encoding="utf-8")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    snapshot([ROOT / "samples"], "2025-07-22", out / "samples.json")
    for name, folder in CORPORA.items():
        if not folder.is_dir():
            print(f"{folder}: absent, not built")
            continue
        for day in corpus_days(folder):
            snapshot([folder], day, out / f"{name}-{day}.json")
        extract_snapshot(folder, out / f"{name}-extract.jsonl")
    print(f"{out}: {len(list(out.iterdir()))} files")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
