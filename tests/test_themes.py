"""Brands, themes and print quality, checked the way a reader would look at the PDF.

The sample brief (samples/, 22 July 2025) is built in both built-in themes (default,
compact), both page sizes (A4, US Letter) and two brands (the default one and a test brand
in French with its own logo and colours). Each PDF is turned into PNG pages (pdftoppm) and
read back with pypdf: the running header on every page, "page X of Y", no text outside the
page box, no empty trailing page, a page count within bounds, an outline per section,
citations that link to the Sources list and sources that link to their article, metadata.
The PDF/A variant is checked structurally here and by Apache PDFBox Preflight where it is
installed (Debian's libpdfbox2-java; see .ci/run).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from briefings.config import default_config, load_config  # noqa: E402
from briefings.errors import ConfigError  # noqa: E402
from briefings.pipeline import BuildRequest, build  # noqa: E402
from briefings.render.contrast import brand_contrast_problems, contrast_ratio  # noqa: E402
from briefings.render.theme import load_theme  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DAY = date(2025, 7, 22)
PT_PER_MM = 72 / 25.4
SIZES = {"a4": (210 * PT_PER_MM, 297 * PT_PER_MM), "letter": (612.0, 792.0)}
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
        '<rect width="40" height="40" rx="6" fill="#f2a900"/><path d="M8 28 L20 10 L32 28 Z" '
        'fill="#5a1a66"/></svg>')
TEST_BRAND = (Path(__file__).resolve().parent / "data" / "themes" / "brand-fr.toml").read_text(encoding="utf-8")
"""A French brand config: title, timezone, logo, colours, marking, footer, font, letter pages."""


@dataclass(frozen=True)
class Built:
    """One built brief: where it is and what it was built with."""

    theme: str
    size: str
    brand: str
    folder: Path
    title: str
    date_text: str

    @property
    def pdf(self) -> Path:
        return self.folder / "brief.pdf"


def _test_config(folder: Path):
    (folder / "brand").mkdir(parents=True, exist_ok=True)
    (folder / "brand" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (folder / "briefings.toml").write_text(TEST_BRAND, encoding="utf-8")
    return load_config(folder / "briefings.toml")


def _with_page_size(config, size: str):
    brand = config.settings.brand.model_copy(update={"page_size": size})
    return replace(config, settings=config.settings.model_copy(update={"brand": brand}))


def _build(folder: Path, config, theme: str | None, formats=("html", "pdf", "json")) -> None:
    build(BuildRequest([SAMPLES], DAY, folder, list(formats), theme), config)


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> list[Built]:
    """Both themes × both page sizes × both brands (8 PDFs, built once for the module)."""
    root = tmp_path_factory.mktemp("themes")
    test_config = _test_config(root / "brand-config")
    brands = {
        "default": (default_config(root), "Morning Brief", "Tuesday 22 July 2025"),
        "test": (test_config, "Revue de presse", "mardi 22 juillet 2025"),
    }
    built = []
    for brand, (config, title, date_text) in brands.items():
        for theme in ("default", "compact"):
            for size in ("a4", "letter"):
                folder = root / f"{brand}-{theme}-{size}"
                _build(folder, _with_page_size(config, size), theme)
                built.append(Built(theme, size, brand, folder, title, date_text))
    return built


def _pages_text(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages]


def test_every_combination_builds_and_renders_to_png(matrix: list[Built]) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    for item in matrix:
        pages = len(pypdf.PdfReader(item.pdf).pages)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(item.pdf), str(item.folder / "page")],
                       check=True, timeout=120)
        pngs = sorted(item.folder.glob("page-*.png"))
        assert len(pngs) == pages, item
        for png in pngs:
            with Image.open(png) as image:
                dark = sum(image.convert("L").histogram()[:128])
            assert dark > 100, f"{png} looks blank"


def test_page_size_is_the_requested_paper(matrix: list[Built]) -> None:
    for item in matrix:
        for page in pypdf.PdfReader(item.pdf).pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            want_w, want_h = SIZES[item.size]
            assert abs(width - want_w) < 1 and abs(height - want_h) < 1, (item, width, height)


def test_running_header_and_page_x_of_y_on_every_page(matrix: list[Built]) -> None:
    for item in matrix:
        texts = _pages_text(item.pdf)
        of = "sur" if item.brand == "test" else "of"
        for number, text in enumerate(texts, start=1):
            flat = " ".join(text.split())
            assert f"{item.title} · {item.date_text}" in flat, (item, number)
            assert f"Page {number} {of} {len(texts)}" in flat, (item, number)


def test_page_counts_within_bounds_and_no_empty_trailing_page(matrix: list[Built]) -> None:
    for item in matrix:
        texts = _pages_text(item.pdf)
        if item.theme == "compact":
            assert len(texts) == 1, item  # the executive summary is one page
        else:
            assert 2 <= len(texts) <= 8, (item, len(texts))
        last = " ".join(texts[-1].split())
        body = last.replace(f"{item.title} · {item.date_text}", "")
        assert len(body) > 200, f"{item}: last page holds only the running header"


def _text_positions(page) -> list[tuple[float, float, str]]:
    """(x, y, text) of every shown string, in page space (CTM × text matrix)."""
    found: list[tuple[float, float, str]] = []

    def visitor(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text))

    page.extract_text(visitor_text=visitor)
    return found


def test_no_text_outside_the_page_box(matrix: list[Built]) -> None:
    for item in matrix:
        for number, page in enumerate(pypdf.PdfReader(item.pdf).pages, start=1):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            positions = _text_positions(page)
            assert positions, (item, number)
            for x, y, text in positions:
                assert 0 <= x < width - 5 and 0 <= y <= height, (item, number, x, y, text[:40])


def _outline_titles(reader) -> list[str]:
    titles = []
    for entry in reader.outline:
        if isinstance(entry, list):
            titles += [e.title for e in entry]
        else:
            titles.append(entry.title)
    return titles


def test_outline_has_a_bookmark_per_section(matrix: list[Built]) -> None:
    for item in matrix:
        reader = pypdf.PdfReader(item.pdf)
        data = json.loads((item.folder / "brief.json").read_text(encoding="utf-8"))
        titles = _outline_titles(reader)
        sources = "Sources"
        assert sources in titles, (item, titles)
        if item.theme == "default":
            for section in data["sections"]:
                if section["facts"]:
                    assert section["title"] in titles, (item, titles)
        assert titles[0] in ("Key figures", "Chiffres clés", "Key points", "Points clés"), titles


def _links(reader) -> tuple[list[str], list[str]]:
    """(internal destinations, external URIs) of every link annotation."""
    internal, external = [], []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                external.append(str(action["/URI"]))
            elif annot.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                dest = annot.get("/Dest") if annot.get("/Dest") is not None else action.get("/D")
                internal.append(str(dest))
    return internal, external


def test_citations_link_to_sources_and_sources_to_articles(matrix: list[Built]) -> None:
    for item in matrix:
        reader = pypdf.PdfReader(item.pdf)
        internal, external = _links(reader)
        named = set(reader.named_destinations)
        assert internal, item
        for dest in internal:
            if dest.startswith("src-") or dest.startswith("/src-"):
                assert dest.lstrip("/") in {n.lstrip("/") for n in named}, (item, dest)
        assert any(d.lstrip("/").startswith("src-") for d in internal), item
        data = json.loads((item.folder / "brief.json").read_text(encoding="utf-8"))
        urls = {a["url"] for a in data["articles"] if a.get("url")}
        assert external and set(external) <= urls, item


def test_pdf_metadata(matrix: list[Built]) -> None:
    for item in matrix:
        meta = pypdf.PdfReader(item.pdf).metadata
        assert meta.title.startswith(item.title) and item.date_text in meta.title
        assert meta.author == ("Cellule de veille" if item.brand == "test" else "briefings")
        assert meta.subject and meta.get("/Keywords")
        assert meta.get("/CreationDate") and meta.get("/ModDate")


def test_bundled_fonts_are_embedded(matrix: list[Built]) -> None:
    for item in matrix:
        reader = pypdf.PdfReader(item.pdf)
        names = set()
        for page in reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                names.add(str(font["/BaseFont"]))
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
        assert any("Briefings-Sans" in n for n in names), names


def test_french_brand_labels_and_dates(matrix: list[Built]) -> None:
    item = next(b for b in matrix if b.brand == "test" and b.theme == "default")
    html = (item.folder / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    for label in ("Points clés", "Sources", "À venir", "mardi 22 juillet 2025", "Actualités du",
                  "Chiffres clés", "Blessés"):
        assert label in html, label
    assert "DIFFUSION RESTREINTE" in " ".join(_pages_text(item.pdf)[0].split())
    assert "data:image/svg+xml;base64," in html  # the logo, inlined
    assert "@font-face" not in html  # fonts are for the PDF only: the HTML stays small


def test_compact_theme_is_a_one_page_summary(matrix: list[Built]) -> None:
    item = next(b for b in matrix if b.brand == "default" and b.theme == "compact")
    html = (item.folder / "brief.html").read_text(encoding="utf-8")
    data = json.loads((item.folder / "brief.json").read_text(encoding="utf-8"))
    assert "Key points" in html and "In brief" in html and "Looking ahead" in html
    assert html.count('<div class="line">') == sum(1 for s in data["sections"] if s["facts"])
    cited = {int(n) for n in __import__("re").findall(r'href="#src-(\d+)"', html)}
    listed = {int(n) for n in __import__("re").findall(r'id="src-(\d+)"', html)}
    assert cited == listed  # every marker lands on an entry, and nothing uncited is listed


# ------------------------------------------------------------------ PDF/A and PDF/UA
@pytest.fixture(scope="module")
def archival(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("variants")
    out = {}
    for variant in ("pdf/a-3b", "pdf/a-1b", "pdf/ua-1"):
        config = default_config(root)
        brand = config.settings.brand.model_copy(update={"pdf_variant": variant})
        config = replace(config, settings=config.settings.model_copy(update={"brand": brand}))
        folder = root / variant.replace("/", "-")
        _build(folder, config, None, formats=("pdf", "json"))
        out[variant] = folder
    return out


def test_pdfa3b_structure(archival: dict[str, Path]) -> None:
    folder = archival["pdf/a-3b"]
    reader = pypdf.PdfReader(folder / "brief.pdf")
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>3</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    intents = root["/OutputIntents"]
    assert intents and intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intents[0].get_object()
    attachments = reader.attachments
    assert list(attachments) == ["brief.json"]
    assert attachments["brief.json"][0] == (folder / "brief.json").read_bytes()
    assert root["/AF"], "PDF/A-3 associates the attachment with the document (/AF)"
    assert _outline_titles(reader)


def _preflight() -> list[str] | None:
    """The java command line of Apache PDFBox Preflight, or None when it is not installed."""
    jars = Path("/usr/share/java")
    needed = ["preflight.jar", "pdfbox2.jar", "xmpbox.jar", "fontbox2.jar", "commons-logging.jar",
              "javax.activation.jar", "jaxb-api.jar"]
    if shutil.which("java") is None or not all((jars / j).is_file() for j in needed):
        return None
    classpath = ":".join(str(jars / j) for j in needed)
    return ["java", "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b"]


PDFA1_ONLY_RULES = ("1.4.7", "1.2.9", "1.4 ", "3.1.11", "1.2.7")
"""Preflight's PDF/A-1 rules that PDF/A-3 relaxes: embedded files (1.4.7, 1.2.9), cross-
reference streams (1.4), the CIDSet of subset fonts (3.1.11), a compressed metadata stream
(1.2.7). Preflight validates PDF/A-1b only; any other rule failing on PDF/A-3b is a defect."""


def test_pdfa_passes_pdfbox_preflight(archival: dict[str, Path]) -> None:
    command = _preflight()
    if command is None:
        pytest.skip("Apache PDFBox Preflight is not installed (Debian: libpdfbox2-java "
                    "libactivation-java libjaxb-api-java default-jre-headless)")
    result = subprocess.run(command + [str(archival["pdf/a-1b"] / "brief.pdf")],
                            capture_output=True, text=True, timeout=300)
    assert "is a valid PDF/A-1b file" in result.stdout, result.stdout + result.stderr
    result = subprocess.run(command + [str(archival["pdf/a-3b"] / "brief.pdf")],
                            capture_output=True, text=True, timeout=300)
    errors = [line for line in result.stdout.splitlines() if line[:1].isdigit()]
    unexpected = [e for e in errors if not e.startswith(PDFA1_ONLY_RULES)]
    assert not unexpected, result.stdout


def test_pdfua_is_tagged(archival: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(archival["pdf/ua-1"] / "brief.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("en")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp


# ------------------------------------------------------------------ brand settings
def _config_with(tmp_path: Path, brand: str) -> Path:
    path = tmp_path / "briefings.toml"
    path.write_text(f"[brand]\n{brand}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("line, key", [
    ('primary = "blue"', "brand.primary"),
    ('accent = "#12345"', "brand.accent"),
    ('logo = "missing.svg"', "brand.logo"),
    ('font = "No Such Font Family"', "brand.font"),
    ('heading_font = "Nope Sans"', "brand.heading_font"),
    ('language = "tlh"', "brand.language"),
    ('page_size = "legal"', "brand.page_size"),
    ('pdf_variant = "pdf/x-4"', "brand.pdf_variant"),
])
def test_bad_brand_values_are_errors_naming_the_key(tmp_path: Path, line: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_config_with(tmp_path, line))
    assert f"briefings.toml: {key}:" in str(caught.value)


def test_logo_must_be_svg_or_png(tmp_path: Path) -> None:
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    with pytest.raises(ConfigError, match="brand.logo: expected an SVG or PNG"):
        load_config(_config_with(tmp_path, 'logo = "logo.gif"'))


def test_brand_settings_reach_the_brand(tmp_path: Path) -> None:
    config = _test_config(tmp_path)
    brand = config.brand
    assert (brand.language, brand.page_size, brand.font) == ("fr", "letter", "Briefings Sans")
    assert brand.logo == str(tmp_path / "brand" / "logo.svg")


def test_contrast_ratios_and_warnings(caplog: pytest.LogCaptureFixture) -> None:
    assert round(contrast_ratio("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    assert brand_contrast_problems("#0b3d91", "#ffd500") == []
    problems = brand_contrast_problems("#ffd500", "#ffffff")
    assert len(problems) == 2 and "brand.primary" in problems[0] and "4.5:1" in problems[0]
    from briefings.model import Brand
    from briefings.render.html import brand_css

    with caplog.at_level(logging.WARNING):
        brand_css(Brand(primary="#ffd500", accent="#ffe680"))
    assert any("brand.primary #ffd500" in r.getMessage() for r in caplog.records)


# ------------------------------------------------------------------ the theme search path
def test_search_path_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--theme DIR, then ./templates/NAME and ./templates/, then the built-in theme, file by file."""
    monkeypatch.chdir(tmp_path)
    assert load_theme(None).folders[-1].name == "default"
    (tmp_path / "templates" / "compact").mkdir(parents=True)
    (tmp_path / "templates" / "brief.css").write_text("body { color: red }", encoding="utf-8")
    (tmp_path / "templates" / "compact" / "brief.css").write_text("body {}", encoding="utf-8")
    default = load_theme(None)
    assert default.folders[0] == (tmp_path / "templates").resolve()
    assert default.find("brief.css") == (tmp_path / "templates" / "brief.css").resolve()
    assert default.find("brief.html.j2").parent.name == "default"  # the rest inherited
    compact = load_theme("compact")
    assert compact.folders[0] == (tmp_path / "templates" / "compact").resolve()
    assert [f.name for f in compact.folders[-2:]] == ["compact", "default"]
    own = tmp_path / "mine"
    own.mkdir()
    (own / "brief.css").write_text("body {}", encoding="utf-8")
    chosen = load_theme(own)
    assert chosen.folders[0] == own.resolve() and chosen.folders[-1].name == "default"


def test_user_theme_overrides_brief_css_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "theme"
    own.mkdir()
    (own / "brief.css").write_text(
        "body { font-family: var(--sans) } .marker-of-my-theme {}", encoding="utf-8")
    _build(tmp_path / "out", default_config(tmp_path), str(own) + "/", formats=("html", "pdf"))
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert ".marker-of-my-theme" in html and "Key points" in html
    # fonts.css still comes from the default theme: the PDF keeps its bundled fonts
    fonts = {str(f.get_object()["/BaseFont"]) for p in pypdf.PdfReader(tmp_path / "out" / "brief.pdf").pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert any("Briefings" in f for f in fonts), fonts


def test_init_copies_a_theme_that_builds(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefings.cli import app

    result = CliRunner().invoke(app, ["init", str(tmp_path / "desk")])
    assert result.exit_code == 0, result.output
    copied = tmp_path / "desk" / "templates" / "default"
    for name in ("brief.html.j2", "brief.css", "fonts.css", "email.html.j2",
                 "assets/fonts/DejaVuSans.ttf", "assets/fonts/LICENSE-DejaVu.txt"):
        assert (copied / name).is_file(), name
    _build(tmp_path / "out", default_config(tmp_path), str(copied) + "/", formats=("pdf",))
    assert pypdf.PdfReader(tmp_path / "out" / "brief.pdf").pages


def test_cli_page_size_and_variant_flags(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefings.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["build", str(SAMPLES), "--date", "2025-07-22", "--out", str(tmp_path / "o"),
                                 "--format", "pdf,json", "--page-size", "letter",
                                 "--pdf-variant", "pdf/a-3b", "--quiet"])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(tmp_path / "o" / "brief.pdf")
    assert abs(float(reader.pages[0].mediabox.width) - 612) < 1
    assert "brief.json" in reader.attachments
    bad = runner.invoke(app, ["build", str(SAMPLES), "--out", str(tmp_path / "p"), "--page-size", "legal"])
    assert bad.exit_code == 2 and "--page-size" in bad.output


def test_dates_and_labels_in_three_languages() -> None:
    from briefings.render import i18n

    day = date(2025, 7, 22)
    assert i18n.long_date(day, "en") == "Tuesday 22 July 2025"
    assert i18n.long_date(day, "fr") == "mardi 22 juillet 2025"
    assert i18n.long_date(day, "uk") == "вівторок, 22 липня 2025"
    assert i18n.short_date(day, "fr") == "mar. 22 juil."
    assert i18n.labels("uk")["sources"] == "Джерела"
    assert i18n.labels("xx") == i18n.labels("en")  # an older brief.json reads as English
