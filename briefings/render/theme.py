"""Theme lookup: which folders a brief's templates, stylesheet and assets come from.

A theme is an ordered list of folders. The first is the chosen theme (a user folder or a
built-in theme other than ``default``), the last is always the built-in ``default`` theme, so
a user folder may override one file (say ``brief.css``) and inherit everything else. A user
template may also name the default one explicitly: ``{% extends "default:brief.html.j2" %}``.

This module imports Jinja2 only: it must stay cheap because the CLI imports the render package.
"""

from __future__ import annotations

import base64
import importlib.resources
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

import briefings
from briefings.errors import RenderError

DEFAULT_THEME = "default"
TEMPLATE_NAME = "brief.html.j2"
STYLESHEET_NAME = "brief.css"
EXTRA_STYLESHEET_NAME = "extra.css"
"""Rules added after the theme's ``brief.css`` (a theme that only changes a few things)."""

_IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
_FONT_TYPES = {".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf"}
_MAX_ASSET_BYTES = 5 * 1024 * 1024
"""A theme asset larger than this is not inlined: a brief that mails badly is a broken brief."""

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)""")


def builtin_themes_dir() -> Path:
    """The folder holding the built-in themes.

    An installed wheel carries them at ``briefings/templates`` (force-included by hatch); a
    source or editable checkout has them at the repository's top-level ``templates/``.
    """
    try:
        packaged = importlib.resources.files("briefings") / "templates"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - zipped or odd installs
        pass
    return Path(briefings.__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Theme:
    """The resolved folders of a theme, most specific first (default theme last)."""

    name: str
    folders: tuple[Path, ...]

    @property
    def base_dir(self) -> Path:
        """The folder relative URLs resolve against (the chosen theme's own folder)."""
        return self.folders[0]

    def searched(self) -> str:
        """The folders as one string, for error messages that must name them all."""
        return ", ".join(str(f) for f in self.folders)

    def find(self, name: str) -> Path | None:
        """The first file called ``name`` (a relative path) in the theme's folders, or None.

        A name that escapes the folders (``../``, absolute) is not found: themes are shared
        and their stylesheets must not reach into the rest of the disk.
        """
        for folder in self.folders:
            candidate = (folder / name).resolve()
            if is_inside(candidate, folder) and candidate.is_file():
                return candidate
        return None

    def read_stylesheet(self) -> str:
        """The theme's CSS, with its relative ``url()``s inlined as data URIs.

        Inlining keeps brief.html self-contained (it is mailed and opened offline), and
        means WeasyPrint never needs to fetch a file for the stylesheet either.
        """
        path = self.find(STYLESHEET_NAME)
        if path is None:
            raise RenderError(f"{STYLESHEET_NAME}: not found in theme folders {self.searched()}")
        sheets = [path, *self.extra_stylesheets()]
        return "\n".join(self._inlined(sheet) for sheet in sheets)

    def extra_stylesheets(self) -> list[Path]:
        """Every layer's ``extra.css``, the most general first, so a more specific layer's
        rules win: a partial theme restyles the default instead of replacing it (``brief.css``
        in a folder replaces the stylesheet; ``extra.css`` adds to it)."""
        found = []
        for folder in reversed(self.folders):
            candidate = (folder / EXTRA_STYLESHEET_NAME).resolve()
            if is_inside(candidate, folder) and candidate.is_file():
                found.append(candidate)
        return found

    def _inlined(self, path: Path) -> str:
        """One stylesheet's text, its relative ``url()``s inlined against its own folder."""
        try:
            css = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RenderError(f"{path}: cannot read stylesheet ({exc})") from exc
        return _CSS_URL.sub(lambda m: self._inline_css_url(m, path.parent), css)

    def _inline_css_url(self, match: re.Match[str], css_dir: Path) -> str:
        """Replace a relative ``url(x)`` by a data URI; drop any other URL (no fetches)."""
        target = match.group(2)
        if target.startswith("data:"):
            return match.group(0)
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("//"):
            return "url()"  # remote or file: URLs never load, on screen or on paper
        candidate = (css_dir / target.split("#")[0].split("?")[0]).resolve()
        if not any(is_inside(candidate, f) for f in self.folders) or not candidate.is_file():
            return "url()"
        uri = file_data_uri(candidate)
        return f'url("{uri}")' if uri else "url()"

    def environment(self) -> jinja2.Environment:
        """A Jinja2 environment over the theme's folders, autoescaping everything.

        Every template here produces HTML, so autoescape is simply on; article text is never
        marked safe. StrictUndefined turns a template typo into an error instead of a
        silently empty brief.
        """
        default_dir = self.folders[-1]
        loader = jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(f)) for f in self.folders]
            + [
                jinja2.PrefixLoader(
                    {DEFAULT_THEME: jinja2.FileSystemLoader(str(default_dir))}, delimiter=":"
                )
            ]
        )
        return jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (already resolved) lies inside ``folder`` after resolving symlinks."""
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def file_data_uri(path: Path) -> str | None:
    """A ``data:`` URI of an image or font file, or None when the type or size is unfit."""
    suffix = path.suffix.lower()
    mime = _IMAGE_TYPES.get(suffix) or _FONT_TYPES.get(suffix) or mimetypes.guess_type(path)[0]
    if mime is None:
        return None
    try:
        if path.stat().st_size > _MAX_ASSET_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def image_data_uri(path: Path) -> str | None:
    """A ``data:`` URI for a logo: only image types (SVG, PNG, JPEG, GIF, WebP)."""
    if path.suffix.lower() not in _IMAGE_TYPES:
        return None
    return file_data_uri(path)


THEME_FILES = (TEMPLATE_NAME, STYLESHEET_NAME, "email.html.j2", "fonts.css", EXTRA_STYLESHEET_NAME)
"""A folder holding any of these is a theme layer (a user may override one file only)."""
LOCAL_THEMES = "templates"
"""The current folder's ``templates/``: searched before the built-in themes."""


def load_theme(theme: str | os.PathLike[str] | None = None) -> Theme:
    """Resolve ``theme`` (None, a built-in theme's name, or a folder) to its folders.

    The search path, file by file: the chosen folder (``--theme DIR`` or the config's
    ``theme``); for a theme *name* (None means ``default``), the current folder's
    ``templates/NAME/`` and ``templates/`` itself when they hold theme files (what
    ``briefings init`` writes), then the built-in theme of that name; the built-in default
    theme always comes last so a partial theme works.
    """
    builtin = builtin_themes_dir()
    default_dir = (builtin / DEFAULT_THEME).resolve()
    if not default_dir.is_dir():
        raise RenderError(f"default theme: folder {default_dir} not found (broken install?)")
    text = os.fspath(theme) if theme is not None else DEFAULT_THEME
    text = text or DEFAULT_THEME
    looks_like_name = not isinstance(theme, os.PathLike) and not re.search(r"[/\\]", text) \
        and text not in (".", "..")
    searched: list[Path] = []
    if looks_like_name:
        candidate = builtin / text
        searched.append(candidate)
        if candidate.is_dir():
            return Theme(text, _chain(*local_layers(text), candidate.resolve(), default_dir))
    folder = Path(text).expanduser()
    searched.append(folder.resolve())
    if folder.is_dir():
        return Theme(str(folder), _chain(folder.resolve(), default_dir))
    where = ", ".join(str(p) for p in searched)
    raise RenderError(f"theme {text!r}: no such built-in theme ({', '.join(builtin_theme_names())}) "
                      f"or folder (searched {where})")


def builtin_theme_names() -> list[str]:
    """The built-in themes a name may choose, ``default`` first (for messages and help)."""
    names = sorted(p.name for p in builtin_themes_dir().iterdir()
                   if p.is_dir() and (p / TEMPLATE_NAME).is_file())
    return sorted(names, key=lambda name: name != DEFAULT_THEME)


def local_layers(name: str, cwd: Path | None = None) -> list[Path]:
    """The current folder's ``templates/NAME/`` and ``templates/`` that hold theme files."""
    root = (cwd or Path.cwd()) / LOCAL_THEMES
    layers = []
    for folder in (root / name, root):
        if folder.is_dir() and any((folder / f).is_file() for f in THEME_FILES):
            layers.append(folder.resolve())
    return layers


def _chain(*folders: Path) -> tuple[Path, ...]:
    """The folder list of a theme, most specific first, each folder once."""
    seen: list[Path] = []
    for folder in folders:
        if folder not in seen:
            seen.append(folder)
    return tuple(seen)
