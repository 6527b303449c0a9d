"""The render stage: a ``Brief`` and a theme in, brief.html / .pdf / .json / .ics out.

The pipeline calls :func:`render_brief` only. Every output is rendered in memory first and
then written atomically (see ``briefings.atomic``), so a failed render leaves the previous files
intact. Submodules are imported inside the function: the CLI imports this package, and
``briefings --help`` must not pay for Jinja2, icalendar or (above all) WeasyPrint.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from briefings.model import Brief

FORMATS = ("html", "pdf", "json", "ics")
FILE_NAMES = {
    "html": "brief.html",
    "pdf": "brief.pdf",
    "json": "brief.json",
    "ics": "looking-ahead.ics",
}

log = logging.getLogger(__name__)

__all__ = ["FILE_NAMES", "FORMATS", "render_brief"]


def render_brief(
    brief: Brief,
    out_dir: Path,
    formats: Collection[str] = FORMATS,
    theme: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Render ``brief`` in ``formats`` into ``out_dir``; return the paths written.

    ``theme`` is None (the default theme), a built-in theme's name, or a folder that
    overrides some of the default theme's files. ``looking-ahead.ics`` is written only when
    the brief has upcoming events (and a stale one from an earlier run is removed).

    Raises RenderError (nothing written) when a template, the PDF or a serialisation fails,
    OutputError when ``out_dir`` cannot be written, ConfigError for an unknown format.
    """
    wanted = _check_formats(formats)
    contents = _render_all(brief, wanted, theme)
    from briefings.atomic import prepare_dir, remove_stale, write_all

    out_dir = prepare_dir(Path(out_dir))
    written = write_all(out_dir, contents)
    if "ics" in wanted and not brief.looking_ahead:
        if remove_stale(out_dir / FILE_NAMES["ics"]):
            log.info("removed stale %s: the brief has no upcoming events", FILE_NAMES["ics"])
    return written


def _check_formats(formats: Collection[str]) -> list[str]:
    """The requested formats in canonical order; an unknown one is a usage error."""
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ConfigError(f"--format: unknown format(s) {', '.join(unknown)}; "
                          f"choose from {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in formats]


def _render_all(brief: Brief, wanted: list[str], theme: str | os.PathLike[str] | None
                ) -> dict[str, bytes | Iterator[bytes]]:
    """Every requested output as bytes, keyed by file name, before anything is written."""
    contents: dict[str, bytes | Iterator[bytes]] = {}
    if "html" in wanted or "pdf" in wanted:
        from briefings.render.html import render_html
        from briefings.render.theme import load_theme

        resolved = load_theme(theme)
        html = render_html(brief, resolved)
        if "html" in wanted:
            contents[FILE_NAMES["html"]] = html.encode("utf-8")
        if "pdf" in wanted:
            from briefings.render.jsonout import render_json
            from briefings.render.pdf import render_pdf

            variant = brief.brand.pdf_variant
            data = render_json(brief) if variant else None
            contents[FILE_NAMES["pdf"]] = render_pdf(html, resolved, variant, data)
    if "json" in wanted:
        from briefings.render.jsonout import json_chunks

        contents[FILE_NAMES["json"]] = json_chunks(brief)  # made while written: no copy in memory
    if "ics" in wanted and brief.looking_ahead:
        from briefings.render.ics import render_ics

        contents[FILE_NAMES["ics"]] = render_ics(brief)
    return contents
