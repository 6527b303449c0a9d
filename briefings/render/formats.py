"""Output formats: what each file of a brief is, and the registry ``render_brief`` reads.

Why a registry: html, pdf, json and ics are four answers to one question (a ``Brief`` in,
one file's bytes out). Written as entries of one table, a fifth format (a Markdown digest, a
Word file) is one module and one ``register_format`` call; ``--format`` and the CLI's help
read the same table. The PDF is made from the brief's HTML, so each format receives a
``RenderJob`` that makes the theme and the HTML once, for whichever formats ask first.

Every import of a renderer happens inside its function: ``briefings --help`` must not pay for
Jinja2, icalendar or (above all) WeasyPrint.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from briefings.model import Brief
    from briefings.render.theme import Theme

Content = bytes | Iterator[bytes]
"""A file's bytes, whole or in pieces made while it is written."""


class RenderJob:
    """One brief being rendered: the theme and the HTML are made once, when first asked."""

    def __init__(self, brief: Brief, theme: str | os.PathLike[str] | None = None) -> None:
        self.brief = brief
        self.theme_choice = theme

    @cached_property
    def theme(self) -> Theme:
        from briefings.render.theme import load_theme

        return load_theme(self.theme_choice)

    @cached_property
    def html(self) -> str:
        from briefings.render.html import render_html

        return render_html(self.brief, self.theme)


@dataclass(frozen=True)
class OutputFormat:
    """One kind of file a brief is written as."""

    name: str
    """What ``--format`` calls it."""
    file_name: str
    """The file it is written to in the brief's folder."""
    render: Callable[[RenderJob], Content | None]
    """Its bytes; None when this brief has nothing to put in it (no file is written, and a
    stale one from an earlier run is removed)."""


def _html(job: RenderJob) -> Content:
    return job.html.encode("utf-8")


def _pdf(job: RenderJob) -> Content:
    from briefings.render.jsonout import render_json
    from briefings.render.pdf import render_pdf

    variant = job.brief.brand.pdf_variant
    data = render_json(job.brief) if variant else None  # PDF/A-3b embeds brief.json
    return render_pdf(job.html, job.theme, variant, data)


def _json(job: RenderJob) -> Content:
    from briefings.render.jsonout import json_chunks

    return json_chunks(job.brief)  # made while written: no copy in memory


def _ics(job: RenderJob) -> Content | None:
    if not job.brief.looking_ahead:
        return None
    from briefings.render.ics import render_ics

    return render_ics(job.brief)


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("html", "brief.html", _html),
        OutputFormat("pdf", "brief.pdf", _pdf),
        OutputFormat("json", "brief.json", _json),
        OutputFormat("ics", "looking-ahead.ics", _ics),
    )
}
"""Every format, in the order they are rendered (and listed in help)."""

FILE_NAMES: dict[str, str] = {f.name: f.file_name for f in OUTPUT_FORMATS.values()}
"""Format → file name, kept in step with ``OUTPUT_FORMATS`` by ``register_format``."""


def register_format(output: OutputFormat) -> None:
    """Make ``output`` a value of ``--format`` (a name registered already is replaced)."""
    OUTPUT_FORMATS[output.name] = output
    FILE_NAMES[output.name] = output.file_name


def format_names() -> tuple[str, ...]:
    """The formats ``--format`` accepts, in rendering order."""
    return tuple(OUTPUT_FORMATS)
