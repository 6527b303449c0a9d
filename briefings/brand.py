"""The brand's print and language options: what ``[brand]`` may say, in one cheap module.

``config`` validates ``[brand]`` against these tables and ``render`` reads them to lay out
the brief, so both import this module and config imports no stage. Nothing here imports
Jinja2 or WeasyPrint.
"""

from __future__ import annotations

import subprocess
from functools import cache

LANGUAGES = ("en", "fr", "de", "es", "ru", "uk")
"""Languages of the brief's own words and dates (``render/i18n.py`` holds their tables)."""
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
"""Accepted page sizes → CSS ``size`` values."""
PDF_VARIANTS = {
    "": "",
    "none": "",
    "pdf/a-3b": "pdf/a-3b",
    "pdfa": "pdf/a-3b",
    "pdf/a-3u": "pdf/a-3u",
    "pdf/a-2b": "pdf/a-2b",
    "pdf/a-1b": "pdf/a-1b",
    "pdf/ua-1": "pdf/ua-1",
    "pdfua": "pdf/ua-1",
}
"""Accepted PDF variants (and short aliases) → WeasyPrint's variant names."""
BUNDLED_FONTS = ("Briefings Sans", "Briefings Serif")
GENERIC_FONTS = ("serif", "sans-serif", "monospace", "system-ui")

__all__ = ["BUNDLED_FONTS", "GENERIC_FONTS", "LANGUAGES", "PAGE_SIZES", "PDF_VARIANTS", "font_available"]


def font_available(family: str) -> bool:
    """Whether ``family`` is bundled with the themes, a CSS generic name, or installed."""
    wanted = family.strip().strip("'\"").casefold()
    if wanted in {f.casefold() for f in BUNDLED_FONTS + GENERIC_FONTS}:
        return True
    return wanted in installed_font_families()


@cache
def installed_font_families() -> frozenset[str]:
    """Font families fontconfig knows (casefolded); empty when fc-list is missing.

    WeasyPrint finds fonts through fontconfig too, so this is exactly what the PDF can use.
    """
    try:
        listing = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                                 timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    return frozenset(name.strip().casefold() for line in listing.splitlines()
                     for name in line.split(",") if name.strip())
