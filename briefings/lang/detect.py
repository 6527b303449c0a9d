"""The language of an article whose source does not say (no header, front matter or ``lang``).

Why a library: telling Russian from Ukrainian, or Spanish from French, on a few hundred
characters is what n-gram models trained on large corpora do well and hand-written word lists
do badly. ``lingua-language-detector`` ships its models inside its wheel (nothing is downloaded
at run time) and is restricted here to the languages the tool has words for, so it never
answers with a language no stage can read.

Cost: the wheel is large on disk (about 96 MB, the models compiled into one shared library),
but importing it is a memory map, and the low-accuracy mode (trigram models only) answers in a
few milliseconds with about 20 MB resident; articles are long enough for that mode (on the
train corpus's 126 articles in these six languages it names every body right). The library is
imported on the first call, never at import of this module, so ``briefings --help`` and runs
whose every source names its language do not pay for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["DETECTABLE", "MIN_LETTERS", "detect_language"]

DETECTABLE = ("en", "fr", "de", "es", "ru", "uk")
"""The languages detection may answer (those with words in ``briefings/lang``)."""
MIN_LETTERS = 20
"""Fewer letters than this (a caption, a stub) say too little: no answer rather than a guess."""
_SAMPLE_CHARS = 800
"""The title and this much of the body decide: the opening of a story is its language."""


def detect_language(text: str, title: str = "") -> str | None:
    """The ISO 639-1 code of the language ``title`` and ``text`` are written in, one of
    ``DETECTABLE``; None when there are too few letters to tell or the library is missing
    (the caller then keeps its default, English)."""
    sample = f"{title}\n{text[:_SAMPLE_CHARS]}" if title else text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    detector = _detector()
    if detector is None:
        return None
    found = detector.detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The lingua detector for ``DETECTABLE``, built once (None when lingua is not installed)."""
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:  # an install without the dependency still briefs, in English
        return None
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in DETECTABLE]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
