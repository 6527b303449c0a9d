"""What in a brief's folder is the tool's own, and so never an article.

``briefings build .`` in a desk made by ``briefings init`` would otherwise read its own output
(``reports/DATE/brief.json`` parses as an article file) and the theme copy (the fonts'
licence is a ``.txt``), fail on them, and exit 1 every morning. So before the folder reader
walks the paths a person named, the tool's own folders and files are taken out:

* the brief's output folder and ``reports/`` beside the config (the default output root);
* any folder holding a brief already built (``brief.json`` beside ``brief.html`` or ``brief.pdf``);
* theme folders (any folder holding a theme file: ``brief.css``, ``brief.html.j2``, ...);
* known non-article files: licences, changelogs, requirements lists.

A folder with nothing of the tool's inside is handed to the reader whole, so its walk (name
order, hidden files, symlink loops, the reasons it gives) is unchanged; only a folder that
holds something to leave out is opened here, and its other entries are handed on one by one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .collect.files import SUPPORTED_EXTENSIONS
from .render.theme import THEME_FILES  # a folder holding one of these is a theme layer
BRIEF_FILES = ("brief.html", "brief.pdf")
"""With ``brief.json`` beside one of these, a folder is a brief already built."""
NOT_ARTICLES = re.compile(
    r"^(licen[cs]e|copying|notice|authors|changelog|changes|contributing|requirements)([-_.].*)?$",
    re.IGNORECASE,
)
"""File names that describe a folder or a project, never news (``LICENSE-DejaVu.txt``)."""


@dataclass
class ArticleInputs:
    """The paths to read, and what was left out as the tool's own (for verbose output)."""

    paths: list[Path]
    left_out: list[Path] = field(default_factory=list)


def article_inputs(paths: Sequence[Path], own_folders: Iterable[Path] = ()) -> ArticleInputs:
    """``paths`` with the tool's own folders and files taken out (see the module's doc).

    ``own_folders`` are folders to leave out wherever they appear (the output folder,
    ``reports/`` beside the config). A path named explicitly that is itself one of the tool's
    own is still left out; a file named explicitly is read (the user asked for it).
    """
    own = {os.path.realpath(p) for p in own_folders}
    result = ArticleInputs([])
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            result.paths.append(path)
        elif _is_own_folder(path, own):
            result.left_out.append(path)
        else:
            kept, pruned = _split(path, own, result.left_out, frozenset({os.path.realpath(path)}))
            result.paths.extend(kept if pruned else [path])
    return result


def _split(folder: Path, own: set[str], left_out: list[Path], ancestors: frozenset[str]
           ) -> tuple[list[Path], bool]:
    """The entries of ``folder`` to read, and whether anything in it was left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return [folder], False  # the reader reports why it cannot be read
    kept: list[Path] = []
    pruned = False
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            kept.append(path)
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real in ancestors:
                kept.append(path)  # a loop: the reader names it
            elif _is_own_folder(path, own):
                left_out.append(path)
                pruned = True
            else:
                inner, inner_pruned = _split(path, own, left_out, ancestors | {real})
                pruned |= inner_pruned
                kept.extend(inner if inner_pruned else [path])
        elif entry.name.lower().split(".")[0] == "readme":
            continue  # the reader passes over READMEs in a folder too
        elif NOT_ARTICLES.match(entry.name):
            left_out.append(path)
            pruned = True
        elif path.suffix.lower() in SUPPORTED_EXTENSIONS:
            kept.append(path)
    return kept, pruned


def _is_own_folder(folder: Path, own: set[str]) -> bool:
    """An output folder, a brief already built, or a theme layer."""
    if os.path.realpath(folder) in own:
        return True
    try:
        names = set(os.listdir(folder))
    except OSError:
        return False
    if "brief.json" in names and names.intersection(BRIEF_FILES):
        return True
    return bool(names.intersection(THEME_FILES))
