"""Synthetic days of news for the benchmarks: N articles scaled and varied from the seed corpus.

Why varied and not copied: a copy of an article would hit every cache (facts by content hash,
resolved dates, the classifier's memo) and flatter the figures, and 300 near-copies of each
seed at 10,000 articles would make every sentence a 300-way duplicate, which no real day is.
So a day is made of *stories*, each covered by a few outlets (1 to 8, about 2.5 on average):
a story is a seed article with a third of its ordinary words replaced by other words of the
corpus, new numbers, swapped weekdays and other proper names (a new text that reads like news,
with the seed's length, punctuation and date expressions); each outlet's telling of it then
reorders sentences and paragraphs and changes a few words and numbers. Every text (and hence
every content hash) is new, and the duplicates the merge must find grow with N, not N². The seed text is read at run time from ``samples/`` and, when present,
``../shared/corpus/articles``: no corpus text is committed here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from briefings.collect import read_paths
from briefings.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEED_DIRS = (ROOT / "samples", ROOT.parent / "shared" / "corpus" / "articles")

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_NUMBER = re.compile(r"\b\d+\b")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_WORD = re.compile(r"\b[a-z]{4,}\b")
_KEEP = frozenset(
    """yesterday today tonight tomorrow week weeks month months year years weekend overnight since
    last next past this that will said says ago early late start beginning end between until from
    during after before later earlier morning evening afternoon night""".split()
)
"""Words that carry dates or tense: kept, so the generated text dates like the seed."""
_OUTLETS = ("Wire", "Ledger", "Courier", "Monitor", "Vestnik", "Herald", "Gazette", "Post")


@dataclass(frozen=True)
class Seed:
    """One article of the seed corpus: its title and body."""

    title: str
    text: str


def load_seeds(dirs: Sequence[Path] = SEED_DIRS) -> list[Seed]:
    """Every readable article of the seed folders that exist, with a body worth varying."""
    paths = [d for d in dirs if d.is_dir()]
    articles = read_paths(paths).articles if paths else []
    seeds = [Seed(a.title, a.text) for a in articles if len(a.text.split()) >= 50]
    if not seeds:
        raise SystemExit("no seed articles found in " + ", ".join(str(d) for d in dirs))
    return seeds


def vocabulary(seeds: Sequence[Seed]) -> list[str]:
    """Proper names of the corpus (capitalised words inside sentences): replacement pool."""
    names = {m.group(0) for s in seeds for m in _NAME.finditer(s.text)}
    return sorted(names - set(_WEEKDAYS))


def vocabulary_words(seeds: Sequence[Seed]) -> list[str]:
    """Ordinary words of the corpus (lower case, four letters or more): replacement pool."""
    return sorted({m.group(0) for s in seeds for m in _WORD.finditer(s.text)} - _KEEP)


def new_story(text: str, rng: random.Random, names: Sequence[str], words: Sequence[str],
              rate: float = 0.35) -> str:
    """Another story in the seed's shape: ``rate`` of its ordinary words, all its numbers,
    some weekdays and names replaced. Half the replaced names are the story's own, invented
    for it: a real day's stories each bring their own people and places, so its vocabulary
    grows with the number of stories, while the seed corpus's few thousand words alone would
    make every word common at 10,000 articles."""
    own = [invented_name(rng) for _ in range(6)]
    text = _WORD.sub(lambda m: rng.choice(words) if m.group(0) not in _KEEP and rng.random() < rate
                     else m.group(0), text)
    text = _NUMBER.sub(lambda m: _new_number(m.group(0), rng), text)
    text = _WEEKDAY.sub(lambda m: rng.choice(_WEEKDAYS) if rng.random() < 0.4 else m.group(0), text)
    return _NAME.sub(lambda m: _new_name(m.group(0), rng, names, own), text)


_SYLLABLES = ("ka", "lo", "mir", "vel", "dan", "tor", "sen", "bra", "vo", "ril", "zha", "nek", "ost",
              "pel", "gor", "ana", "isk", "ul", "tev", "mar", "hol", "rin", "sad", "bek")


def invented_name(rng: random.Random) -> str:
    """A pronounceable proper name ("Velmirka", "Toransk"): 24^2 to 24^3 of them."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3)))).capitalize()


_MONTHS = frozenset("""January February March April May June July August September October November
    December""".split())


def _new_name(name: str, rng: random.Random, names: Sequence[str], own: Sequence[str]) -> str:
    """A name kept, or replaced by one of the story's own or another of the corpus; weekdays
    and months stay (they are dates, varied apart)."""
    if name in _MONTHS or name in _WEEKDAYS:
        return name
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(own)
    if roll < 0.45 and names:
        return rng.choice(names)
    return name


def vary_text(text: str, rng: random.Random, names: Sequence[str]) -> str:
    """One outlet's telling of a story: paragraphs and sentences reordered, a few numbers and
    names changed."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    varied = [_vary_paragraph(p, rng) for p in paragraphs]
    head, rest = varied[:1], varied[1:]
    for _ in range(len(rest) // 3):  # move some paragraphs, keep the lead first
        i, j = rng.randrange(len(rest)), rng.randrange(len(rest))
        rest[i], rest[j] = rest[j], rest[i]
    body = "\n\n".join(head + rest)
    body = _NUMBER.sub(lambda m: _new_number(m.group(0), rng) if rng.random() < 0.1 else m.group(0), body)
    return _NAME.sub(lambda m: rng.choice(names) if names and rng.random() < 0.05 else m.group(0), body)


def _vary_paragraph(paragraph: str, rng: random.Random) -> str:
    """Sentences of a paragraph shuffled (the first kept first half of the time)."""
    sentences = _SENTENCE.split(paragraph)
    if len(sentences) > 2:
        keep = 1 if rng.random() < 0.5 else 0
        tail = sentences[keep:]
        rng.shuffle(tail)
        sentences = sentences[:keep] + tail
    return " ".join(sentences)


def _new_number(digits: str, rng: random.Random) -> str:
    """Years stay years (near the original), days stay valid days, other numbers change freely."""
    value = int(digits)
    if 1900 <= value <= 2100:
        return str(value + rng.choice((0, 0, 0, 1, -1)))
    if len(digits) <= 2:
        return str(rng.randint(1, 28))
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def generate(n: int, day: date, seed: int = 9) -> Iterator[tuple[str, str]]:
    """``n`` articles published on ``day``, as (file name, file text) in the ``.txt`` format."""
    rng = random.Random(seed)
    seeds = load_seeds()
    names, words = vocabulary(seeds), vocabulary_words(seeds)
    start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)
    i = story = 0
    while i < n:
        source = seeds[story % len(seeds)]
        story += 1
        title = new_story(source.title, rng, names, words)
        base = new_story(source.text, rng, names, words)
        tellings = min(1 + int(rng.expovariate(1 / 1.5)), 8, n - i)
        for outlet in rng.sample(_OUTLETS, tellings):
            published = start + timedelta(minutes=rng.randrange(60, 23 * 60))
            text = vary_text(base, rng, names)
            header = (f"title: {title}\noutlet: {outlet}\npublished: {published.isoformat()}\n"
                      f"url: https://example.org/{outlet.lower()}/{i:05d}\n---\n")
            yield f"{i:05d}.txt", header + text + "\n"
            i += 1


def write_day(folder: Path, n: int, day: date, seed: int = 9) -> Path:
    """Write ``n`` generated articles into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate(n, day, seed):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def articles_of(folder: Path) -> list[Article]:
    """The generated articles as the build reads them."""
    return read_paths([folder]).articles
