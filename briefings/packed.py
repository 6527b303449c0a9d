"""Facts kept packed: a big day's sentences as one pickled blob an article, read back on demand.

Why: a day of 10,000 articles has some 175,000 news sentences, and as Python objects they
take about 1 kB each, most of the build's peak memory. Packed, an article's facts are one
``bytes`` of a third of that; compose reads them in a few passes in order (each blob unpacked
once a pass) and then group by group, which mostly stays within the articles it has just
unpacked (a small cache of them). The pickles are made and read by this process only.
"""

from __future__ import annotations

import pickle
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, overload

from .model import Fact

CACHED_ARTICLES = 256
"""Unpacked articles kept at hand: a merged group's sentences come from a few articles,
mostly ones just read."""


class PackedFacts(Sequence[Fact]):
    """A read-only sequence of facts, appended an article at a time, stored pickled."""

    def __init__(self, cached: int = CACHED_ARTICLES) -> None:
        self._blobs: list[bytes] = []
        self._starts: list[int] = []
        self._length = 0
        self._cache: OrderedDict[int, list[Fact]] = OrderedDict()
        self._cached = max(cached, 1)

    def add(self, facts: Sequence[Fact]) -> None:
        """Append one article's facts (in order)."""
        if facts:
            self._starts.append(self._length)
            self._blobs.append(pickle.dumps(list(facts), protocol=pickle.HIGHEST_PROTOCOL))
            self._length += len(facts)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Fact: ...

    @overload
    def __getitem__(self, index: slice) -> list[Fact]: ...

    def __getitem__(self, index: int | slice) -> Fact | list[Fact]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("fact index out of range")
        blob = bisect_right(self._starts, index) - 1
        return self._unpacked(blob)[index - self._starts[blob]]

    def __iter__(self) -> Iterator[Fact]:
        for blob in range(len(self._blobs)):
            yield from self._unpacked(blob)

    def _unpacked(self, blob: int) -> list[Fact]:
        facts = self._cache.get(blob)
        if facts is None:
            facts = pickle.loads(self._blobs[blob])
            self._cache[blob] = facts
            if len(self._cache) > self._cached:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(blob)
        return facts

    @property
    def packed_bytes(self) -> int:
        """Bytes of the pickles (for measurements)."""
        return sum(len(b) for b in self._blobs)


T = TypeVar("T")


class Subset(Sequence[T]):
    """Some items of a sequence, by index, read from it when asked for (not copied out): the
    news facts of a packed day, or the articles still to extract, which the build replaces
    one by one with copies that have let their text go."""

    def __init__(self, items: Sequence[T], indices: Iterable[int]) -> None:
        self._items = items
        self._indices = list(indices)

    def __len__(self) -> int:
        return len(self._indices)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._items[i] for i in self._indices[index]]
        return self._items[self._indices[index]]

    def __iter__(self) -> Iterator[T]:
        return (self._items[i] for i in self._indices)
