"""The brand's print and language options, as the renderer reads them.

They are defined in :mod:`briefings.brand`, beside no stage, so that ``config`` can check
``[brand]`` without importing ``render``; this module names them for the renderer.
"""

from __future__ import annotations

from briefings.brand import (
    BUNDLED_FONTS,
    GENERIC_FONTS,
    LANGUAGES,
    PAGE_SIZES,
    PDF_VARIANTS,
    font_available,
    installed_font_families,
)

__all__ = ["BUNDLED_FONTS", "GENERIC_FONTS", "LANGUAGES", "PAGE_SIZES", "PDF_VARIANTS",
           "font_available", "installed_font_families"]
