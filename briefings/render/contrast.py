"""WCAG 2 contrast of the brand colours, checked at render time.

``DRAWN_PAIRS`` lists every colour the built-in themes and the email draw on another: the
primary colour as text on white (titles, headings, links), the accent colour as rules on
white, and the text drawn on the brand colours (the brand bar, the email's marking badge),
which is not the brand's: ``readable_ink`` picks white or near-black, whichever reads better.
Text needs 4.5:1 (WCAG AA), rules 3:1 (WCAG 1.4.11, non-text contrast).
A failure is a warning, not an error: the brand is the sender's, and a pale brief still
beats no brief at 7 a.m.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

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


WHITE = "#ffffff"
INK = "#1a1a1a"
"""The dark text colour drawn on a brand colour too pale for white text."""


def readable_ink(background: str) -> str:
    """White or near-black, whichever reads better on ``background`` (white for a non-hex)."""
    on_white = contrast_ratio(WHITE, background)
    on_ink = contrast_ratio(INK, background)
    if on_white is None or on_ink is None:
        return WHITE
    return WHITE if on_white >= on_ink else INK


@dataclass(frozen=True)
class DrawnPair:
    """A colour drawn on another by a built-in theme (brief.css of default and compact, or
    email.html.j2), and the contrast WCAG 2 AA asks of it there."""

    ink: str
    """A hex colour, or a brand role: "primary", "accent", "on_primary", "on_accent"."""
    ground: str
    """What it is drawn on, in the same terms; "a|b": beside both, and one of them must do."""
    needs: float
    """AA_TEXT for text, AA_NON_TEXT for rules and borders that carry meaning."""
    where: str


DRAWN_PAIRS: tuple[DrawnPair, ...] = (
    # the brand colours, as the themes and the email draw them
    DrawnPair("on_primary", "primary", AA_TEXT, "the brand name and marking on the brand bar"),
    DrawnPair("on_accent", "accent", AA_TEXT, "the email's marking badge"),
    DrawnPair("primary", WHITE, AA_TEXT, "the title, headings, [n] links, dates and source links"),
    DrawnPair("primary", "#f3f5f8", AA_TEXT, "the Key points heading and links on their wash"),
    # the accent's rules sit between the brand bar and the page, or on the page beside a
    # primary-coloured heading: they are told apart from one of their neighbours
    DrawnPair("accent", f"primary|{WHITE}", AA_NON_TEXT,
              "the rules under the masthead and headings, the Key points' left rule"),
    # the themes' own colours (fixed: tests/test_themes.py holds them to their thresholds)
    DrawnPair("#1c2430", WHITE, AA_TEXT, "body text"),
    DrawnPair("#1c2430", "#f3f5f8", AA_TEXT, "key points"),
    DrawnPair("#1c2430", "#fff7c2", AA_TEXT, "a source jumped to"),
    DrawnPair("#5b6573", WHITE, AA_TEXT, "the news window, outlets, more lines, colophon, page header"),
    DrawnPair("#5b6573", "#f3f5f8", AA_TEXT, "outlets under a key point"),
    DrawnPair("#8a4b00", "#fff3df", AA_TEXT, "caution tags"),
    DrawnPair("#8a1020", WHITE, AA_TEXT, "the marking in the page header"),
    DrawnPair("#555555", WHITE, AA_TEXT, "the Key figures' sentences, the email's [n] without a link"),
    DrawnPair("#1a1a1a", WHITE, AA_TEXT, "email text"),
    DrawnPair("#333333", WHITE, AA_TEXT, "email supporting lines"),
    DrawnPair("#666666", WHITE, AA_TEXT, "the email's outlets, more lines and footer"),
    DrawnPair("#8a4b00", WHITE, AA_TEXT, "the email's caution tags"),
    DrawnPair(WHITE, "#1b5e20", AA_TEXT, "a story marked new since yesterday"),
    DrawnPair(WHITE, "#8a4b00", AA_TEXT, "a story marked updated since yesterday"),
)
"""Every pair of colours the built-in themes draw, one text or rule on one background."""


def brand_roles(primary: str, accent: str) -> dict[str, str]:
    """The colour of each brand role: the brand's two and the inks drawn on them."""
    return {"primary": primary, "accent": accent,
            "on_primary": readable_ink(primary), "on_accent": readable_ink(accent)}


def drawn_pair_ratios(primary: str, accent: str) -> list[tuple[DrawnPair, str, str, float | None]]:
    """Each drawn pair with its two colours resolved and its contrast (None: not a hex colour)."""
    roles = brand_roles(primary, accent)
    out = []
    for pair in DRAWN_PAIRS:
        ink = roles.get(pair.ink, pair.ink)
        measured = [(contrast_ratio(ink, roles.get(g, g)), roles.get(g, g)) for g in pair.ground.split("|")]
        known = [(ratio, ground) for ratio, ground in measured if ratio is not None]
        ratio, ground = max(known) if known else (None, measured[0][1])
        out.append((pair, ink, ground, ratio))
    return out


def brand_contrast_problems(primary: str, accent: str) -> list[str]:
    """Readable sentences, one per brand colour (or the ink on it) under its WCAG AA
    threshold somewhere the themes draw it (the pairs of ``DRAWN_PAIRS``)."""
    failing: dict[str, list[tuple[DrawnPair, str, float]]] = {}
    for pair, _ink, ground, ratio in drawn_pair_ratios(primary, accent):
        if ratio is None or ratio >= pair.needs:
            continue
        role = pair.ink if pair.ink in ("primary", "accent") else pair.ground
        failing.setdefault(role, []).append((pair, ground, ratio))
    problems = []
    for role, fails in failing.items():
        colour = primary if role == "primary" else accent if role == "accent" else role
        worst = min(fails, key=lambda fail: fail[2] / fail[0].needs)
        pair, ground, ratio = worst
        drawn = "; ".join(f.where for f, _, _ in fails)
        if pair.ink.startswith("on_"):
            what = f"has contrast {ratio:.2f}:1 at best with white or dark text on it"
        else:
            what = f"has contrast {ratio:.2f}:1 with {'white' if ground == WHITE else ground}"
        problems.append(f"brand.{role} {colour} {what} (WCAG AA needs {pair.needs}:1); "
                        f"hard to read in: {drawn}")
    return problems


def check_brand_contrast(primary: str, accent: str) -> list[str]:
    """Log a warning for each failing brand colour; return the messages (for tests)."""
    problems = brand_contrast_problems(primary, accent)
    for problem in problems:
        log.warning("%s", problem)
    return problems
