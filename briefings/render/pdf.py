"""brief.pdf: WeasyPrint from the same HTML as brief.html, under a locked-down URL fetcher.

WeasyPrint is imported inside the functions: its import costs about half a second and the
CLI (``briefings --help``) imports the render package.

The fetcher is the safety boundary. Article text is escaped, so no article can add an
``<img>``; but themes are shared files, and a theme (or a logo SVG) that points at
``http://...`` or ``file:///etc/passwd`` must not make a build phone home or read the disk.
Only ``data:`` URIs and files inside the theme's folders load; everything else is refused
by raising an ordinary exception, which WeasyPrint 70 logs and skips (the resource simply
does not appear). A plain function as fetcher crashes WeasyPrint 70, hence the subclass.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from briefings.errors import RenderError
from briefings.render.theme import Theme, is_inside

if TYPE_CHECKING:  # pragma: no cover
    from weasyprint.urls import URLFetcher

log = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A URL the brief may not load. A ValueError, so WeasyPrint skips it and carries on."""


def allowed_file(url: str, roots: tuple[Path, ...]) -> Path | None:
    """The local path of a ``file:`` URL when it lies inside one of ``roots``, else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return path if any(is_inside(path, root) for root in roots) else None


def check_url(url: str, roots: tuple[Path, ...]) -> None:
    """Raise RefusedURL unless ``url`` is a data: URI or a file inside ``roots``."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return
    if scheme == "file" and allowed_file(url, roots) is not None:
        return
    raise RefusedURL(f"briefings refuses to load {url[:200]!r} (only theme files and data: URIs)")


@cache
def _fetcher_class() -> type[URLFetcher]:
    """Build the URLFetcher subclass on first use, so WeasyPrint is imported only for PDFs."""
    from weasyprint.urls import URLFetcher

    class ThemeURLFetcher(URLFetcher):
        """A WeasyPrint fetcher that loads only data: URIs and files inside the theme."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(
                allowed_protocols=("file", "data"),
                allow_redirects=False,
                fail_on_errors=False,
                timeout=5,
            )
            self.roots = tuple(Path(r).resolve() for r in roots)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            try:
                check_url(url, self.roots)
            except RefusedURL:
                self.refused.append(url)
                log.warning("PDF: refused to load %s", url[:200])
                raise
            return super().fetch(url, headers)

    return ThemeURLFetcher


def make_url_fetcher(theme: Theme) -> URLFetcher:
    """A fetcher for ``theme``: its folders are the only part of the disk the PDF may read."""
    return _fetcher_class()(theme.folders)


def render_pdf(html: str, theme: Theme) -> bytes:
    """The PDF bytes of ``html`` (A4 and running headers come from the theme's @page CSS)."""
    try:
        import weasyprint
    except ImportError as exc:  # pragma: no cover - weasyprint is a hard dependency
        raise RenderError(f"brief.pdf: WeasyPrint is not installed ({exc})") from exc
    fetcher = make_url_fetcher(theme)
    base_url = theme.base_dir.as_uri() + "/"
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        pdf = document.write_pdf(uncompressed_pdf=False)
    except Exception as exc:  # WeasyPrint raises many types; report one line
        raise RenderError(f"brief.pdf: WeasyPrint failed: {type(exc).__name__}: {exc}") from exc
    if not pdf:
        raise RenderError("brief.pdf: WeasyPrint produced an empty document")
    return pdf
