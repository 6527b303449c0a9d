"""The sample brief's HTML, byte for byte, against a committed golden copy.

``tests/golden/samples-brief.html`` is ``briefings build samples --date 2025-07-22 --format html``
with the build time masked: it is the only part of the page that changes from run to run, and
it shows in three places (the ``dcterms.created`` and ``dcterms.modified`` meta tags and the
"Generated ..." words after the news window), each replaced by ``BUILD-TIME``. Each mask must
hit exactly once, so a template change that moves the build time fails here instead of being
masked silently.

When a change to the brief's HTML is intended, regenerate the golden file with ONE command and
review its diff before committing it:

    make golden

(which runs ``BRIEFINGS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py``).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefings.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "samples-brief.html"
UPDATE_ENV = "BRIEFINGS_UPDATE_GOLDEN"
REGENERATE = "make golden"
MASK = "BUILD-TIME"
BUILD_TIME_PATTERNS = (
    re.compile(r'(<meta name="dcterms\.created" content=")[^"]+(")'),
    re.compile(r'(<meta name="dcterms\.modified" content=")[^"]+(")'),
    re.compile(r"( · Generated )[^<]+(</p>)"),
)
"""Where the build time shows in the page; each matches exactly once."""


def mask_build_time(html: str) -> str:
    """``html`` with the build time replaced by ``BUILD-TIME`` wherever it shows."""
    for pattern in BUILD_TIME_PATTERNS:
        html, hits = pattern.subn(rf"\g<1>{MASK}\g<2>", html)
        assert hits == 1, f"the build-time mask {pattern.pattern!r} matched {hits} times, not once"
    return html


def build_sample_html(out: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The samples' brief.html for 2025-07-22, built fresh (no fact cache, run from ``out`` so no
    ``./templates/`` of the current folder is picked up), build time masked."""
    monkeypatch.setenv("BRIEFINGS_CACHE", "off")
    monkeypatch.chdir(out)
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "--date", "2025-07-22", "--out", str(out),
                                      "--format", "html", "-q"])
    assert result.exit_code == 0, result.output
    return mask_build_time((out / "brief.html").read_bytes().decode("utf-8"))


def test_sample_brief_html_matches_the_golden_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = build_sample_html(tmp_path, monkeypatch)
    if os.environ.get(UPDATE_ENV) == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(html.encode("utf-8"))
        return
    assert GOLDEN.is_file(), f"{GOLDEN} is missing; create it with `{REGENERATE}`"
    expected = GOLDEN.read_bytes().decode("utf-8")
    if html != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), html.splitlines(keepends=True),
                                            "golden/samples-brief.html", "built brief.html", n=2))
        pytest.fail(f"the sample brief.html differs from {GOLDEN.name}; if the change is intended, run "
                    f"`{REGENERATE}` and review the diff before committing it\n{diff[:6000]}")


def test_the_build_time_mask_hits_each_place_once() -> None:
    page = ('<meta name="dcterms.created" content="2025-07-23T06:30:00+00:00">\n'
            '<meta name="dcterms.modified" content="2025-07-23T06:30:00+00:00">\n'
            '<p class="window">News from 00:00 (UTC) · Generated 23 Jul 2025 06:30 UTC</p>')
    masked = mask_build_time(page)
    assert masked.count(MASK) == 3 and "06:30:00" not in masked and "Generated BUILD-TIME</p>" in masked
    with pytest.raises(AssertionError, match="matched 0 times"):
        mask_build_time(page.replace("Generated", "Built"))
