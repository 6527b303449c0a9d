"""Renderer isolation end to end (issue 8): hostile article files through the real readers
and the whole ``briefings build``.

``tests/test_render.py`` already proves the URL fetcher on a hand-built ``Brief`` and a
hostile theme. What it cannot show is the path a real attack takes: a saved page, a Markdown
note or a text file whose body carries ``<img src="file:///...">``, an attachment link, a
loopback URL or a CSS ``url()``, read by the folder reader, extracted, composed and rendered
to PDF by a fresh process. Here the PDF must embed no local file (no attachment, no image
from disk, no text of the files named) and the loopback server must see no request.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

DAY = "2025-07-22"
TOKEN = "ZQX-LOCAL-SECRET-7731"
"""The content of a decoy local file: it must never reach the PDF."""


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.seen.append(self.path)
        body = b"\x89PNG\r\n\x1a\n" + TOKEN.encode()
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request path; yields (base URL, requests)."""
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def _tricks(base: str, secret: Path) -> list[str]:
    """Markup that would make a careless renderer read a local file or call an address."""
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/hostname">',
        f'<link rel="attachment" href="{secret.as_uri()}">',
        f'<img src="{base}/img">',
        f'<img src="{secret.as_uri()}">',
        f'<span style="background: url({base}/style-bg)">x</span>',
        "<span style=\"background-image: url('file:///etc/passwd')\">x</span>",
        f'<span style="content: url({secret.as_uri()}); list-style: url(&quot;{base}/list&quot;)">x</span>',
        f"<style>@import url({base}/import.css); body {{ background: url(file:///etc/hostname) }}</style>",
        f'<object data="{secret.as_uri()}"></object><embed src="{base}/embed">',
        f'<iframe src="{base}/frame"></iframe><svg><image href="file:///etc/passwd"/></svg>',
    ]


def _sentences(tricks: list[str], outlet: str) -> list[str]:
    return [
        f"Harbour officials in {outlet}'s city said on Tuesday that talks on the grain corridor "
        f"would resume, and a leaflet handed out at the port read {trick} in full."
        for trick in tricks
    ]


def _write_articles(folder: Path, base: str, secret: Path) -> None:
    tricks = _tricks(base, secret)
    head = "outlet: {outlet}\npublished: 2025-07-22T09:00:00+03:00\nurl: https://{host}/{slug}\n"
    (folder / "hostile.txt").write_text(
        "title: Port leaflet reprinted in full\n"
        + head.format(outlet="Text Harbour News", host="text.example", slug="leaflet")
        + "---\n" + "\n\n".join(_sentences(tricks, "Text Harbour")) + "\n",
        encoding="utf-8",
    )
    (folder / "hostile.md").write_text(
        "---\ntitle: Port leaflet in Markdown\n"
        + head.format(outlet="Markdown Harbour News", host="md.example", slug="leaflet")
        + "---\n\n# Port leaflet in Markdown\n\n"
        + "\n\n".join(_sentences(tricks, "Markdown Harbour"))
        + f"\n\n![map]({secret.as_uri()}) and ![chart]({base}/md-image)\n",
        encoding="utf-8",
    )
    escaped = [s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               for s in _sentences(tricks, "Page Harbour")]
    raw = "".join(f"<p>Port officials said on Tuesday that the corridor stays open. {t}</p>"
                  for t in tricks)
    (folder / "hostile.html").write_text(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Port leaflet on a page</title>"
        '<meta property="article:published_time" content="2025-07-22T09:00:00+03:00">'
        '<meta property="og:site_name" content="Page Harbour News">'
        f'<link rel="stylesheet" href="{base}/page.css"></head><body><article>'
        "<h1>Port leaflet on a page</h1>"
        + "".join(f"<p>{s}</p>" for s in escaped) + raw
        + "</article></body></html>",
        encoding="utf-8",
    )


def _pdf_report(path: Path) -> tuple[str, dict[str, object], list[bytes]]:
    """(all text, attachments, every image's bytes) of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    images = [image.data for page in reader.pages for image in page.images]
    return text, dict(reader.attachments), images


def _local_secrets() -> list[str]:
    """Text of the real local files named in the tricks, when distinctive enough to search."""
    found = []
    for name in ("/etc/hostname", "/etc/passwd"):
        try:
            lines = Path(name).read_text(encoding="utf-8", errors="replace").split("\n")
        except OSError:
            continue
        found += [line.strip() for line in lines[:3] if len(line.strip()) >= 8]
    return found


def test_hostile_articles_build_a_pdf_that_embeds_nothing_local(
    tmp_path: Path, loopback: tuple[str, list[str]]
) -> None:
    base, seen = loopback
    secret = tmp_path / "secret.txt"
    secret.write_text(TOKEN + "\n", encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    _write_articles(articles, base, secret)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "briefings", "build", str(articles), "--date", DAY, "--out", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert len(brief["articles"]) == 3, brief["articles"]  # every reader's file was briefed
    shown = json.dumps(brief["key_points"]) + json.dumps(brief["sections"])
    assert "file:///etc/passwd" in shown, "the hostile text never reached the renderer"

    assert seen == [], f"the loopback server was called: {seen}"
    text, attachments, images = _pdf_report(out / "brief.pdf")
    assert attachments == {}, f"the PDF embeds files: {list(attachments)}"
    pdf = (out / "brief.pdf").read_bytes()
    for needle in [TOKEN, "root:x:0:0", *_local_secrets()]:
        assert needle.encode() not in pdf, needle
        assert needle not in text, needle
        assert all(needle.encode() not in data for data in images), needle
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert '<img src="file:' not in html and f'src="{base}' not in html
    assert TOKEN not in html
