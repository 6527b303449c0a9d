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
from briefings.render.formats import FILE_NAMES, OUTPUT_FORMATS, OutputFormat, RenderJob, format_names, register_format

if TYPE_CHECKING:  # pragma: no cover
    from briefings.model import Brief

log = logging.getLogger(__name__)

__all__ = ["FILE_NAMES", "OUTPUT_FORMATS", "OutputFormat", "format_names", "register_format", "render_brief"]


def render_brief(
    brief: Brief,
    out_dir: Path,
    formats: Collection[str] | None = None,
    theme: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Render ``brief`` in ``formats`` (default: every registered one) into ``out_dir``;
    return the paths written.

    ``theme`` is None (the default theme), a built-in theme's name, or a folder that
    overrides some of the default theme's files. ``looking-ahead.ics`` is written only when
    the brief has upcoming events (and a stale one from an earlier run is removed).

    Raises RenderError (nothing written) when a template, the PDF or a serialisation fails,
    OutputError when ``out_dir`` cannot be written, ConfigError for an unknown format.
    """
    wanted = _check_formats(format_names() if formats is None else formats)
    contents, empty = _render_all(brief, wanted, theme)
    from briefings.atomic import prepare_dir, remove_stale, write_all

    out_dir = prepare_dir(Path(out_dir))
    written = write_all(out_dir, contents)
    for name in empty:
        if remove_stale(out_dir / name):
            log.info("removed stale %s: the brief has nothing for it", name)
    return written


def _check_formats(formats: Collection[str]) -> list[str]:
    """The requested formats in rendering order; an unknown one is a usage error."""
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(OUTPUT_FORMATS))
    if unknown:
        raise ConfigError(f"--format: unknown format(s) {', '.join(unknown)}; "
                          f"choose from {', '.join(OUTPUT_FORMATS)}")
    return [f for f in OUTPUT_FORMATS if f in formats]


def _render_all(brief: Brief, wanted: list[str], theme: str | os.PathLike[str] | None
                ) -> tuple[dict[str, bytes | Iterator[bytes]], list[str]]:
    """Every requested output as bytes, keyed by file name, before anything is written; and
    the file names of the formats this brief has nothing for."""
    job = RenderJob(brief, theme)
    contents: dict[str, bytes | Iterator[bytes]] = {}
    empty: list[str] = []
    for name in wanted:
        output = OUTPUT_FORMATS[name]
        content = output.render(job)
        if content is None:
            empty.append(output.file_name)
        else:
            contents[output.file_name] = content
    return contents, empty
