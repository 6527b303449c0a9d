"""Stemmers from well-kept libraries, loaded on first use, for ``Comparison.stemmer``.

Why: two outlets retelling one event inflect the same words differently ("getötet"/"tötete",
"погибли"/"погибших"); compose meets them at one stem. Snowball (``snowballstemmer``, the
algorithms Lucene and PostgreSQL use) covers French, German, Spanish and Russian. It has no
Ukrainian, and the Russian algorithm strips the wrong endings from Ukrainian words (і, ї, є
are not Russian letters), so Ukrainian uses ``simplemma``'s lemmatiser, whose Ukrainian
dictionary ships in its wheel ("загинули"/"загинуло" -> "загинути"). English keeps the
hand-written suffix stripper of ``compose/text.py``: the merge was tuned with it, and
Snowball's English scored lower on the merge corpus (see ``Comparison.stemmer``).

Each stemmer imports its library on its first word, so importing a language costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = ["lemmatizer", "snowball"]


def snowball(algorithm: str) -> Callable[[str], str]:
    """A function stemming one lower-case word with Snowball's ``algorithm`` ("french")."""

    @lru_cache(maxsize=1)
    def load() -> Any:
        import snowballstemmer

        return snowballstemmer.stemmer(algorithm)

    def stem(word: str) -> str:
        return load().stemWord(word)

    stem.__qualname__ = f"snowball[{algorithm}]"
    return stem


def lemmatizer(code: str) -> Callable[[str], str]:
    """A function giving the dictionary form of one lower-case word in language ``code``
    (simplemma; a word it does not know comes back as it is)."""

    @lru_cache(maxsize=1)
    def load() -> Any:
        import simplemma

        return simplemma.lemmatize

    def lemma(word: str) -> str:
        return load()(word, lang=code).lower()

    lemma.__qualname__ = f"simplemma[{code}]"
    return lemma
