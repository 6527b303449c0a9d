"""`make bench-pdf`: where the PDF's time goes, part by part (issue 9).

Issue 19 holds the PDF to 0.12 s a page in `make bench` (the design's 0.5 s for 10 pages was
withdrawn: WeasyPrint lays out about 0.1 s a dense page). This splits the brief of 1,000
generated articles into parts and times ``render_pdf`` on each (warm: the best of ``RUNS``
renders in this process, after one unmeasured render), beside pages of plain paragraphs in
the same fonts, so that the cost of a page is seen apart from the cost of a brief's content:

* the whole brief;
* the brief without its Sources list, and the Sources list alone;
* the brief without its citation links ``[n]``;
* plain paragraphs of the same facts' text (the floor for this much text).

    .venv/bin/python benchmarks/pdf_parts.py [--articles 1000] [--brief reports/DAY/brief.json]

Prints seconds, pages and seconds a page for each part. Nothing is written to the project.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAY = date(2025, 7, 22)
RUNS = 3
_SOURCES = re.compile(r'<section class="sources".*?</section>', re.S)
_MAIN = re.compile(r"(<main>).*?(<section class=\"sources\")", re.S)
_CITES = re.compile(r'<span class="cites">.*?</span>', re.S)
_FACT_TEXT = re.compile(r'<span class="fact-text">(.*?)</span>', re.S)
_BODY = re.compile(r"<body>.*</body>", re.S)


def parts(html: str) -> dict[str, str]:
    """The variants of one brief's HTML that the table times."""
    texts = _FACT_TEXT.findall(html)
    plain = "".join(f"<p>{text}</p>" for text in texts)
    return {
        "whole brief": html,
        "without Sources": _SOURCES.sub("", html),
        "Sources alone": _MAIN.sub(r"\1\2", html),
        "without citation links": _CITES.sub("", html),
        "facts as plain paragraphs": _BODY.sub(lambda _: f"<body>{plain}</body>", html),
    }


def timed(render: Callable[[str], bytes], html: str) -> tuple[float, int]:
    """Best warm time of ``render(html)`` and the PDF's page count."""
    from pypdf import PdfReader

    pdf = render(html)
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        pdf = render(html)
        best = min(best, time.perf_counter() - start)
    return best, len(PdfReader(io.BytesIO(pdf)).pages)


def built_brief(articles: int, work: Path) -> Path:
    """brief.json of a generated day of ``articles`` articles (JSON only: the PDF is timed here)."""
    sys.path.insert(0, str(HERE))
    from corpus import write_day

    folder = write_day(work / "day", articles, DAY, seed=articles)
    out = work / "out"
    briefings = str(Path(sys.executable).with_name("briefings"))
    subprocess.run([briefings, "build", str(folder), "--date", DAY.isoformat(), "--out", str(out),
                    "-f", "json", "-q"], check=True, env=dict(os.environ, BRIEFINGS_CACHE="off"))
    return out / "brief.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--brief", type=Path, help="an existing brief.json (else one is built)")
    args = parser.parse_args()

    from briefings.errors import BriefingsError
    from briefings.deliver import load_brief
    from briefings.render.html import render_html
    from briefings.render.pdf import render_pdf
    from briefings.render.theme import load_theme

    with tempfile.TemporaryDirectory(prefix="briefings-pdf-") as tmp:
        path = args.brief or built_brief(args.articles, Path(tmp))
        theme = load_theme(None)
        try:
            html = render_html(load_brief(path), theme)
        except BriefingsError as exc:  # a bad --brief: one line naming the file, no traceback
            parser.exit(2, f"pdf_parts: {exc}\n")
    print(f"{'part':<28} {'seconds':>8} {'pages':>6} {'s/page':>7}")
    for name, variant in parts(html).items():
        seconds, pages = timed(lambda h: render_pdf(h, theme), variant)
        print(f"{name:<28} {seconds:8.3f} {pages:6d} {seconds / max(pages, 1):7.3f}")
    print(f"(best of {RUNS} warm renders each; {args.brief or f'a generated day of {args.articles} articles'})")


if __name__ == "__main__":
    main()
