"""WCAG 2 contrast of the brand colours, checked at render time.

The themes draw white text on the primary colour (the brand bar) and primary-coloured text
on white (titles, headings, links), so the primary colour must reach 4.5:1 against white
(WCAG AA for normal text). The accent colour only draws rules and borders next to the
primary colour or white: it needs 3:1 (WCAG 1.4.11, non-text contrast) against one of them.
A failure is a warning, not an error: the brand is the sender's, and a pale brief still
beats no brief at 7 a.m.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

AA_TEXT = 4.5
AA_NON_TEXT = 3.0
_NAMED = {"white": "#ffffff", "black": "#000000"}
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int] | None:
    """(r, g, b) of '#abc' / '#aabbcc' (and white/black); None for anything else."""
    colour = _NAMED.get(colour.strip().lower(), colour.strip())
    if not _HEX.match(colour):
        return None
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(rgb: tuple[int, int, int]) -> float:
    """Relative luminance as WCAG 2 defines it (sRGB, linearised)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float | None:
    """The WCAG contrast ratio (1 to 21) of two hex colours, or None when one is not hex."""
    a, b = parse_hex(first), parse_hex(second)
    if a is None or b is None:
        return None
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def brand_contrast_problems(primary: str, accent: str) -> list[str]:
    """Readable sentences, one per brand colour that fails its WCAG AA threshold."""
    problems = []
    ratio = contrast_ratio(primary, "#ffffff")
    if ratio is not None and ratio < AA_TEXT:
        problems.append(
            f"brand.primary {primary} has contrast {ratio:.2f}:1 with white text "
            f"(WCAG AA needs {AA_TEXT}:1); headings and the brand bar will be hard to read")
    against = [r for r in (contrast_ratio(accent, "#ffffff"), contrast_ratio(accent, primary))
               if r is not None]
    if against and max(against) < AA_NON_TEXT:
        problems.append(
            f"brand.accent {accent} has contrast {max(against):.2f}:1 at best against white "
            f"and the primary colour (WCAG AA needs {AA_NON_TEXT}:1 for rules and borders)")
    return problems


def check_brand_contrast(primary: str, accent: str) -> list[str]:
    """Log a warning for each failing brand colour; return the messages (for tests)."""
    problems = brand_contrast_problems(primary, accent)
    for problem in problems:
        log.warning("%s", problem)
    return problems
