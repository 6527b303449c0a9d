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

import gc
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from briefings.errors import RenderError
from briefings.render.options import PDF_VARIANTS
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


ATTACHING_VARIANTS = ("pdf/a-3b", "pdf/a-3u", "pdf/ua-1")
"""Variants that carry brief.json inside the PDF. PDF/A-1 and -2 forbid non-PDF/A
attachments, so an archive that wants the data alongside picks PDF/A-3."""
FONTS_STYLESHEET = "fonts.css"


def pdf_variant(name: str | None) -> str:
    """WeasyPrint's name of a variant ('' for a plain PDF); RenderError names the choices."""
    key = (name or "").strip().lower()
    if key not in PDF_VARIANTS:
        choices = ", ".join(k for k in PDF_VARIANTS if k)
        raise RenderError(f"pdf variant {name!r}: choose one of {choices}")
    return PDF_VARIANTS[key]


def render_pdf(html: str, theme: Theme, variant: str | None = None,
               attachment: bytes | None = None, *, avoid_short_last_page: bool = True) -> bytes:
    """The PDF bytes of ``html``: paper size, running headers and bookmarks come from the CSS.

    ``variant`` asks WeasyPrint for an archival (PDF/A) or tagged (PDF/UA) file; for the
    variants that allow it, ``attachment`` (brief.json) is embedded so the archived PDF
    carries its own data. The theme's ``fonts.css`` (bundled @font-face rules) is loaded
    for the PDF only, so every machine prints with the same fonts.
    """
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except ImportError as exc:  # pragma: no cover - weasyprint is a hard dependency
        raise RenderError(f"brief.pdf: WeasyPrint is not installed ({exc})") from exc
    chosen = pdf_variant(variant)
    fetcher = make_url_fetcher(theme)
    base_url = theme.base_dir.as_uri() + "/"
    fonts = FontConfiguration()
    try:
        with gc_paused():
            pdf = _write_pdf(weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher),
                             theme, fetcher, fonts, chosen, attachment,
                             avoid_short_last_page=avoid_short_last_page)
    except Exception as exc:  # WeasyPrint raises many types; report one line
        raise RenderError(f"brief.pdf: WeasyPrint failed: {type(exc).__name__}: {exc}") from exc
    if not pdf:
        raise RenderError("brief.pdf: WeasyPrint produced an empty document")
    return pdf


SHORT_LAST_PAGE = 0.2
"""A last page filled less than this (a few Sources lines and the colophon) is laid out
again, tighter (``TIGHTER_CSS``), and the tighter layout is kept when it saves the page."""
RELAYOUT_MAX_PAGES = 6
"""Only a brief of at most this many pages is laid out again for a short last page. There the
nearly empty page is a sixth or more of the paper, and the second layout costs a few tenths of
a second. A longer brief keeps its short last page: a second layout doubles its PDF time
(WeasyPrint cannot lay out part of a document again), and issue 19 holds the PDF to 0.12 s a
page. Its last page is the end of the appendix, a list that may end anywhere."""
TIGHTER_CSS = """
@media print {
  body { line-height: 1.3 !important; }
  h2 { margin-top: 4.5mm !important; }
  .sources { font-size: 7.2pt !important; }
  ol.source-list li { margin-bottom: 0.05rem !important; }
  .appendix { font-size: 7.5pt !important; }
  ul.more-list li { margin-bottom: 0.05rem !important; }
  .colophon { margin-top: 4mm !important; }
}
"""
"""The second layout's changes, small enough not to show (~8 % of the Sources' height).
``!important`` because WeasyPrint applies ``stylesheets`` as user styles, which lose to the
brief's own ``<style>`` otherwise."""


def _write_pdf(document: Any, theme: Theme, fetcher: URLFetcher, fonts: Any, chosen: str,
               attachment: bytes | None, *, avoid_short_last_page: bool = True) -> bytes:
    """WeasyPrint's layout and PDF of ``document`` with the theme's fonts and the variant.

    CSS cannot pull a page's worth of lines back (``orphans``/``widows`` work inside one
    paragraph, ``break-inside: avoid`` inside one list item): so when the last page of a
    short brief would hold only a few lines (``worth_laying_out_again``), the brief is laid
    out once more with ``TIGHTER_CSS``, and that layout wins if it has fewer pages. Only
    such briefs pay for the second layout.
    """
    import weasyprint

    stylesheets = _font_stylesheets(theme, fetcher, fonts)
    options: dict[str, Any] = {"uncompressed_pdf": False, "stylesheets": stylesheets}
    finisher = None
    if chosen:
        options["pdf_variant"] = chosen
        finisher = xmp_for_every_reader
        if attachment is not None and chosen in ATTACHING_VARIANTS:
            options["attachments"] = [_json_attachment(attachment)]
    laid_out = document.render(font_config=fonts, **options)
    if avoid_short_last_page and worth_laying_out_again(laid_out):
        tighter_sheets = [*stylesheets, weasyprint.CSS(string=TIGHTER_CSS, font_config=fonts)]
        tighter = document.render(font_config=fonts, **{**options, "stylesheets": tighter_sheets})
        if len(tighter.pages) < len(laid_out.pages):
            laid_out = tighter
    pdf: bytes = laid_out.write_pdf(finisher=finisher, **options)
    return pdf


def worth_laying_out_again(laid_out: Any) -> bool:
    """Whether ``laid_out`` (a WeasyPrint document) is a brief of a few pages whose last page
    holds only a few lines: the one case that pays for a second, tighter layout."""
    pages = len(laid_out.pages)
    return 1 < pages <= RELAYOUT_MAX_PAGES and last_page_fill(laid_out) < SHORT_LAST_PAGE


def last_page_fill(laid_out: Any) -> float:
    """How much of the last page's content area its lines fill, 0 to 1."""
    page_box = laid_out.pages[-1]._page_box
    top, height = page_box.content_box_y(), page_box.height
    if not page_box.children or height <= 0:
        return 1.0
    bottom = top
    for box in page_box.children[0].descendants():
        if type(box).__name__ in ("LineBox", "BlockReplacedBox", "InlineReplacedBox"):
            bottom = max(bottom, box.position_y + box.margin_height())
    return (bottom - top) / height


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then back as it was.

    WeasyPrint allocates a few hundred thousand small objects (boxes, styles, Pango
    wrappers) while laying out a brief, so the collector runs thousands of times and each
    full pass walks everything the process holds (the whole build's articles and facts):
    about a fifth of the PDF's time (issue 9). Reference counting still frees what it can;
    the cycles left over (a few MB for ten pages) go at the next collection after the block.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_XMP_ID = re.compile(
    rb'<rdf:Description rdf:about="" ((?:pdf(?:a|ua)id:\w+="[^"]*"\s*)+)/>')
_XMP_ATTR = re.compile(rb'(pdf(?:a|ua)id:\w+)="([^"]*)"')
_XMP_RDF = re.compile(rb"<rdf:RDF([^>]*)>")
_XMLNS = re.compile(rb'\sxmlns:\w+="[^"]*"')


def xmp_for_every_reader(document: Any, pdf: Any) -> None:
    """Rewrite WeasyPrint's XMP packet into the form strict XMP parsers read.

    WeasyPrint declares the namespaces once on ``rdf:RDF`` and writes the PDF/A id as
    attributes (``<rdf:Description pdfaid:part="3" .../>``): valid RDF, but Apache PDFBox
    Preflight (the PDF/A validator Debian packages) reads neither and reports the schemas
    as missing. Declaring the namespaces on each ``rdf:Description`` and writing the id as
    elements means the same to every reader, so an archive passes strict validators too.
    """
    reference = pdf.catalog.get("Metadata") if hasattr(pdf.catalog, "get") else None
    if not reference:
        return
    if isinstance(reference, bytes):
        reference = reference.decode("ascii")
    stream = pdf.objects[int(str(reference).split()[0])]
    chunks = getattr(stream, "stream", None)
    if not chunks:
        return
    data = b"".join(c if isinstance(c, bytes) else str(c).encode() for c in chunks)
    stream.stream = [rewrite_xmp(data)]


def rewrite_xmp(data: bytes) -> bytes:
    """The XMP packet with per-Description namespaces and element-form PDF/A ids."""
    def as_elements(match: re.Match[bytes]) -> bytes:
        fields = b"".join(b"<%s>%s</%s>" % (name, value, name)
                          for name, value in _XMP_ATTR.findall(match.group(1)))
        return b'<rdf:Description rdf:about="">' + fields + b"</rdf:Description>"

    data = _XMP_ID.sub(as_elements, data)
    rdf = _XMP_RDF.search(data)
    if rdf is None:
        return data
    namespaces = b"".join(ns for ns in _XMLNS.findall(rdf.group(1)) if b"xmlns:rdf=" not in ns)
    return data.replace(b'<rdf:Description rdf:about=""',
                        b'<rdf:Description rdf:about=""' + namespaces)


def _font_stylesheets(theme: Theme, fetcher: URLFetcher, fonts: Any) -> list[Any]:
    """The theme's fonts.css as a WeasyPrint stylesheet (none when the theme has none)."""
    import weasyprint

    path = theme.find(FONTS_STYLESHEET)
    if path is None:
        return []
    return [weasyprint.CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts)]


def _json_attachment(data: bytes) -> Any:
    """brief.json as an embedded file ('Data': the PDF is a rendering of this data)."""
    import io

    import weasyprint

    return weasyprint.Attachment(
        file_obj=io.BytesIO(data), name="brief.json",
        description="The brief as data (briefings JSON)", relationship="Data",
    )
