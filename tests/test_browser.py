"""brief.html in a real browser: headless Chromium at phone (390 px) and desktop (1280 px) widths.

Chromium's headless window is at least 500 px wide, so the brief is shown in an iframe of the
exact width (``srcdoc``: same origin, so the probe script may measure inside it). The probe
writes what it measured into the DOM, and ``--dump-dom`` hands it back: the page's
scrollWidth and every element whose box reaches past the viewport. Screenshots are kept in
the test's folder for a person to look at (BRIEFINGS_SCREENSHOTS=DIR copies them there).
Skipped with a reason where Chromium is not installed (Debian: chromium; .ci/run installs it).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from briefings.config import default_config
from briefings.pipeline import BuildRequest, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1"]
PROBE = (Path(__file__).resolve().parent / "data" / "browser" / "layout-probe.html").read_text(encoding="utf-8")
"""The page that loads the brief in an iframe of a given width and reports what sticks out
(a ``str.format`` template: ``{width}``, ``{height}``, ``{srcdoc}``)."""

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                reason=f"{CHROMIUM} is missing (Debian packages chromium, chromium-driver)")


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """brief.html of the sample brief in both built-in themes."""
    root = tmp_path_factory.mktemp("browser")
    out = {}
    for theme in ("default", "compact"):
        folder = root / theme
        build(BuildRequest([SAMPLES], date(2025, 7, 22), folder, ["html"], theme),
              default_config(root))
        out[theme] = folder / "brief.html"
    return out


def _chromium(args: list[str], profile: Path, width: int, height: int) -> str:
    window = f"--window-size={max(width, 500)},{height}"
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", window, *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _probe(brief: Path, width: int, folder: Path) -> tuple[dict, Path]:
    """(layout report, screenshot) of ``brief`` in a ``width``-pixel viewport."""
    height = 2600
    page = folder / f"probe-{brief.parent.name}-{width}.html"
    srcdoc = html.escape(brief.read_text(encoding="utf-8"), quote=True)
    page.write_text(PROBE.format(width=width, height=height, srcdoc=srcdoc), encoding="utf-8")
    profile = folder / f"profile-{width}"
    dom = _chromium(["--virtual-time-budget=5000", "--dump-dom", page.as_uri()], profile, width, height)
    match = re.search(r'<pre id="layout-report">([^<]*)</pre>', dom)
    assert match, dom[-1000:]
    shot = folder / f"{brief.parent.name}-{width}.png"
    _chromium([f"--screenshot={shot}", page.as_uri()], profile, width, height)
    keep = os.environ.get("BRIEFINGS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    return json.loads(html.unescape(match.group(1))), shot


@pytest.mark.parametrize("theme", ["default", "compact"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_element_wider_than_the_viewport(briefs: dict[str, Path], tmp_path: Path,
                                            theme: str, width: int) -> None:
    report, shot = _probe(briefs[theme], width, tmp_path)
    assert report["loaded"], report
    assert report["viewport"] == width, report
    assert report["scrollWidth"] <= width, report
    assert report["wide"] == [], report
    assert shot.is_file() and shot.stat().st_size > 10_000


def test_html_is_self_contained(briefs: dict[str, Path]) -> None:
    """No request leaves the file: no src/href to anything but data: URIs and in-page anchors
    (article links are plain <a href> to http(s), followed only when a reader clicks)."""
    text = briefs["default"].read_text(encoding="utf-8")
    assert not re.search(r'\ssrc="(?!data:)', text)
    assert "<link" not in text and "@import" not in text
    assert not re.search(r"url\((?!\"?data:)[^)]", text)
