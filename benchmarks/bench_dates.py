"""Dates, fast: the project's date finder against dateparser's search_dates on every sentence.

Same corpus, same sentences, same run. Prints time per sentence, the speed ratio and the share
of gold dates each resolves to the gold day (scored as ``briefings eval`` scores dates).

    .venv/bin/python benchmarks/bench_dates.py [ARTICLES GOLD]   # default ../shared/corpus
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from datetime import datetime, time as clock, timezone
from pathlib import Path

from briefings.evaluation.extraction import EvalReport, _score_dates, load_gold_pairs
from briefings.collect import read_file
from briefings.extract import extract_article
from briefings.extract.dates import find_dates
from briefings.model import DateMention
from briefings.taxonomy import load_default_taxonomy

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def sentences_of(articles_dir: Path, gold_dir: Path):
    taxonomy = load_default_taxonomy()
    for pair in load_gold_pairs(articles_dir, gold_dir):
        article = read_file(pair.article_path)[0]
        facts = extract_article(article, taxonomy)
        paragraphs = article.text.split("\n\n")
        yield article, facts, pair.gold, paragraphs


def naive_dates(text: str, base: datetime) -> tuple[DateMention, ...]:
    from dateparser.search import search_dates

    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    return tuple(DateMention(expr, when.date(), when.date()) for expr, when in found)


def main(argv: list[str]) -> int:
    articles_dir, gold_dir = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else (CORPUS / "articles", CORPUS / "gold")
    data = list(sentences_of(articles_dir, gold_dir))
    count = sum(len(facts) for _, facts, _, _ in data)
    naive_dates("warm up on Monday", datetime(2025, 1, 1))  # dateparser's first call costs ~150 ms

    ours, naive = EvalReport(), EvalReport()
    ours_time = naive_time = 0.0
    for article, facts, gold, _ in data:
        published = article.published.date()
        base = datetime.combine(published, clock(12), tzinfo=timezone.utc).replace(tzinfo=None)
        start = time.perf_counter()
        mine = [replace(f, dates=tuple(find_dates(f.text, published, context=f.text))) for f in facts]
        ours_time += time.perf_counter() - start
        start = time.perf_counter()
        theirs = [replace(f, dates=naive_dates(f.text, base)) for f in facts]
        naive_time += time.perf_counter() - start
        _score_dates(ours, mine, gold)
        _score_dates(naive, theirs, gold)

    print(f"{count} sentences of {len(data)} articles")
    print(f"{'method':28} {'total ms':>9} {'us/sentence':>12} {'dates resolved':>16}")
    for name, seconds, report in (("briefings find_dates", ours_time, ours),
                                  ("dateparser search_dates", naive_time, naive)):
        print(f"{name:28} {seconds * 1000:9.1f} {seconds / count * 1e6:12.1f} "
              f"{report.dates_found:>5}/{report.dates_total} = {report.dates_share:.3f}")
    print(f"speed ratio: {naive_time / ours_time:.1f}x faster than search_dates on every sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
