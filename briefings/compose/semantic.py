"""Sentence embeddings: what two tellings of one fact share when their words do not.

The merge finds candidate pairs through shared uncommon words; "Moscow wants Kyiv to pull its
troops out" and "The Kremlin has demanded that Ukraine withdraw" share none. This module gives
the merge a second source of candidates: each sentence's WordLlama embedding (the
``l2_supercat`` 256-d token table shipped inside the ``wordllama`` wheel, mean-pooled and
read from the installed package's files: no network, no download, ever) and its nearest neighbours among the day's sentences, found
through a small inverted-file index (sentences dealt into cells around k-means centroids,
compared only within the cells they fall into), never by comparing all pairs.

Embeddings say "alike", not "the same fact": "talks in Istanbul on Wednesday" and "talks in
Geneva on Friday" are 0.76 alike. The merge accepts a pair found here only when what must agree
does (figures, dates, event kind, places and actors: ``merge._semantic_strength``).

``wordllama`` (with numpy and tokenizers) is a dependency; should it be missing or broken,
``load_encoder`` returns None and the merge reads words only, as before.

Cost: a day of 10,000 articles has 175,000 news sentences. Each distinct whitespace-separated
chunk of the day is tokenised once (a sentence's tokens are its chunks' tokens: the tokenizer
splits on spaces first), the vectors are pooled block by block from the token table, and at
most ``MAX_SENTENCES`` sentences a day are embedded (the merge picks the likeliest to be
briefed), as float32 rows of one numpy array. The merge lets the model go after a big day.
"""

from __future__ import annotations

import importlib.util
import logging
from array import array
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is optional: imported by ``load_encoder`` only
    import numpy as np

DIM = 256
"""Dimensions read from the model (it is trained so that a prefix of its dimensions is a
smaller model; 256 separated the merge gold's pairs best, 64 and 128 confused more)."""
MAX_SENTENCES = 20_000
"""Sentences embedded on one day at most (the merge picks the likeliest to be briefed): all
10,700 worth embedding at 1,000 articles; at 10,000 articles all 106,000 would cost 110 MB and
10 s, for merges among sentences no brief shows (20,000: 20 MB, 2 s)."""
NEIGHBOURS = 4
"""Nearest neighbours kept per sentence (above ``floor``): the generated benchmark days hold
hundreds of rewrites of one template sentence, and each needs only its closest few."""
SEARCH_DIM = 64
"""Dimensions the neighbour search compares (a quarter of the work of all 256)."""
SEARCH_MARGIN = 0.1
"""How far below the floor the search's cosine may be: 64 dimensions tell less exactly."""
CELL_SIZE = 128
"""Average sentences per cell of the index: below ``CELL_SIZE * 4`` sentences every pair is
compared (one cell)."""
PROBES = 2
"""Cells each sentence is filed under (its nearest centroids): a pair near a border between
two cells still meets in one of them."""
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
"""The model's files inside the installed ``wordllama`` package."""
_TEXTS = 2048
"""Texts tokenised at once: the tokenizer's answers (an object per chunk) stay small."""
_BLOCK = 128
"""Sentences pooled at once (their token rows, 128 x 40 x 1 kB, stay in the cache)."""
_ROWS = 512
"""Rows of one similarity block (``_ROWS`` x cell size float32)."""


@dataclass(frozen=True, eq=False)
class Encoder:
    """The tokenizer and token table of the shipped model."""

    tokenizer: Any
    table: np.ndarray
    """(vocabulary + 1, ``DIM``) float16, as shipped (half the memory of float32): each
    token's vector, and a last row of zeros that pads a block of texts to one length."""


@lru_cache(maxsize=1)
def load_encoder() -> Encoder | None:
    """The shipped WordLlama model, loaded once; None when ``wordllama`` is not installed.

    Its two files are read straight from the installed package (the tokenizer with
    ``tokenizers``, the table with ``safetensors``), without importing ``wordllama``
    itself: no code that could download runs (``WordLlama.load`` looks for the tokenizer
    under a folder name the wheel does not use and would fetch it from Hugging Face),
    ``logging.basicConfig`` is not called on the application's behalf (``wordllama``
    does so on import), and its imports (33 MB) are not paid for. ``tests/test_semantic.py``
    checks that the vectors are ``WordLlama.embed``'s.
    """
    spec = importlib.util.find_spec("wordllama")
    missing = "semantic_merge is on but the semantic extra is not installed (pip install 'briefings[semantic]'); merging by words only"
    if spec is None or not spec.submodule_search_locations:
        logging.getLogger(__name__).warning(missing)
        return None
    try:
        import numpy as np
        from safetensors import safe_open
        from tokenizers import Tokenizer
    except ImportError:
        logging.getLogger(__name__).warning(missing)
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    try:
        tokenizer = Tokenizer.from_file(str(package / TOKENIZER_FILE))
        with safe_open(str(package / WEIGHTS_FILE), framework="np") as weights:
            shipped = weights.get_tensor("embedding.weight")
    except Exception as problem:  # noqa: BLE001 - a broken install: briefs are still made, by words
        logging.getLogger(__name__).warning("sentence embeddings unavailable: %s", problem)
        return None
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = np.zeros((len(shipped) + 1, DIM), dtype=np.float16)
    table[:-1] = shipped[:, :DIM]  # the model's own float16 values; the last row (zeros) pads
    return Encoder(tokenizer, table)


def embed(texts: Sequence[str], encoder: Encoder) -> np.ndarray:
    """Unit vectors (one float32 row per text) of the model's mean-pooled tokens, as
    ``WordLlama.embed(texts, norm=True)`` gives, at a fraction of its cost and memory: texts
    are read ``_TEXTS`` at a time, each distinct chunk of them tokenised once (a text's
    tokens are its chunks' tokens: the tokenizer splits on spaces first), the tokens held as
    one array, never a list."""
    import numpy as np

    vectors = np.empty((len(texts), encoder.table.shape[1]), dtype=np.float32)
    for a in range(0, len(texts), _TEXTS):
        vectors[a:a + _TEXTS] = _embed_block(texts[a:a + _TEXTS], encoder)
    return vectors


def _embed_block(texts: Sequence[str], encoder: Encoder) -> np.ndarray:
    import numpy as np

    chunk_of: dict[str, int] = {}
    order = array("q")
    counts = np.empty(len(texts), dtype=np.int64)
    for n, text in enumerate(texts):
        pieces = text.split()
        counts[n] = len(pieces)
        order.extend(chunk_of.setdefault(p, len(chunk_of)) for p in pieces)
    encodings = encoder.tokenizer.encode_batch(list(chunk_of), add_special_tokens=False)
    del chunk_of
    chunk_length = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
    chunk_tokens = np.fromiter((t for e in encodings for t in e.ids), dtype=np.int64, count=int(chunk_length.sum()))
    del encodings
    chunk_start = np.cumsum(chunk_length) - chunk_length
    chunks = np.frombuffer(order, dtype=np.int64) if len(order) else np.empty(0, dtype=np.int64)
    lengths = chunk_length[chunks]
    # each chunk's tokens in text order: start of its tokens + 0, 1, ... (a ragged gather)
    run_start = np.cumsum(lengths) - lengths
    tokens = chunk_tokens[np.repeat(chunk_start[chunks] - run_start, lengths) + np.arange(int(lengths.sum()))]
    text_end = np.cumsum(counts)
    token_end = np.concatenate(([0], np.cumsum(lengths)))
    return _pool(encoder.table, tokens, token_end[text_end - counts], token_end[text_end])


def _pool(table: np.ndarray, tokens: np.ndarray, first: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Each text's mean token vector, normalised; ``tokens[first[n]:end[n]]`` are text n's.
    A text without tokens gets a zero row (alike to nothing).

    Texts are pooled ``_BLOCK`` at a time in order of length, each block's tokens padded to
    its longest with the table's last row (zeros) and summed as one (block, length, DIM)
    array: ``np.add.reduceat`` over ragged rows was twenty times slower."""
    import numpy as np

    lengths = end - first
    vectors = np.zeros((len(first), table.shape[1]), dtype=np.float32)
    by_length = np.argsort(lengths, kind="stable")
    by_length = by_length[lengths[by_length] > 0]
    pad = len(table) - 1
    for k in range(0, len(by_length), _BLOCK):
        rows = by_length[k:k + _BLOCK]
        counts = lengths[rows]
        width = int(counts[-1])
        slots = np.arange(width) < counts[:, None]
        index = np.full((len(rows), width), pad, dtype=np.int64)
        index[slots] = tokens[np.repeat(first[rows] - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))]
        vectors[rows] = table[index].sum(axis=1, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


def neighbours(vectors: np.ndarray, group: np.ndarray, floor: float, k: int = NEIGHBOURS) -> np.ndarray:
    """Pairs (i, j), i < j, as an (m, 2) int array: rows whose cosine is at least ``floor``
    and among each other's ``k`` nearest, never two rows of one ``group`` (an article: its
    own sentences are its nearest, and the merge never joins them).

    The search reads the first ``SEARCH_DIM`` dimensions (the model is trained so that they
    are a model of their own), with a margin below ``floor``, and the pairs it finds are
    measured on all of them. Rows are filed under their ``PROBES`` nearest of
    ``len / CELL_SIZE`` centroids (a few rounds of spherical k-means on a sample,
    deterministic), and compared within each cell only: the work grows with the rows times
    the cell size, not with the rows squared."""
    import numpy as np

    count = len(vectors)
    if count < 2:
        return np.empty((0, 2), dtype=np.int64)
    with _one_blas_thread():
        return _neighbours(vectors, group, floor, k)


def _neighbours(vectors: np.ndarray, group: np.ndarray, floor: float, k: int) -> np.ndarray:
    import numpy as np

    count = len(vectors)
    short = np.ascontiguousarray(vectors[:, :SEARCH_DIM])
    norms = np.linalg.norm(short, axis=1, keepdims=True)
    np.divide(short, norms, out=short, where=norms > 0)
    found = [_cell_pairs(short, group, members, floor - SEARCH_MARGIN, k) for members in _cells(short)]
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    if not len(pairs):
        return pairs
    keys = np.unique(pairs[:, 0] * count + pairs[:, 1])
    pairs = np.stack((keys // count, keys % count), axis=1)
    alike = np.concatenate([np.einsum("ij,ij->i", vectors[pairs[a:a + 4096, 0]], vectors[pairs[a:a + 4096, 1]])
                            for a in range(0, len(pairs), 4096)])
    return pairs[alike >= floor]


def _one_blas_thread() -> AbstractContextManager[object]:
    """BLAS on one thread while the index is searched: its products are small (512 rows by
    a cell), and OpenBLAS's threads waiting on a busy machine made them four times slower,
    in CPU time as in wall time."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _cells(vectors: np.ndarray) -> Iterable[np.ndarray]:
    """The rows of each cell of the index (all rows in one cell when there are few)."""
    import numpy as np

    count = len(vectors)
    cells = count // CELL_SIZE
    if cells < 4:
        yield np.arange(count)
        return
    centroids = _centroids(vectors, cells)
    nearest = np.empty((count, PROBES), dtype=np.int64)
    for a in range(0, count, 4096):
        scores = vectors[a:a + 4096] @ centroids.T
        nearest[a:a + 4096] = np.argpartition(-scores, PROBES, axis=1)[:, :PROBES]
    cell = nearest.ravel()
    row = np.repeat(np.arange(count), PROBES)
    by_cell = np.argsort(cell, kind="stable")
    bounds = np.searchsorted(cell[by_cell], np.arange(cells + 1))
    for c in range(cells):
        members = row[by_cell[bounds[c]:bounds[c + 1]]]
        if len(members) > 1:
            yield members


def _centroids(vectors: np.ndarray, cells: int, rounds: int = 4) -> np.ndarray:
    """Spherical k-means centroids from an evenly spaced sample (32 rows a cell): the same
    every run for the same day."""
    import numpy as np

    count = len(vectors)
    sample = vectors[np.linspace(0, count - 1, min(count, cells * 32)).astype(np.int64)]
    centroids = sample[np.linspace(0, len(sample) - 1, cells).astype(np.int64)].copy()
    for _ in range(rounds):
        assigned = np.argmax(sample @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assigned, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        np.divide(sums, norms, out=centroids, where=norms > 0)  # an empty cell keeps its centroid
    return centroids


def _cell_pairs(vectors: np.ndarray, group: np.ndarray, members: np.ndarray, floor: float, k: int) -> np.ndarray:
    """The pairs of one cell: each member's ``k`` nearest other-group members above ``floor``."""
    import numpy as np

    block = vectors[members]
    groups = group[members]
    found = []
    for a in range(0, len(members), _ROWS):
        scores = block[a:a + _ROWS] @ block.T
        scores[groups[a:a + _ROWS, None] == groups[None, :]] = -1.0  # itself and its own article
        if scores.shape[1] > k:
            best = np.argpartition(-scores, k, axis=1)[:, :k]
        else:
            best = np.broadcast_to(np.arange(scores.shape[1]), scores.shape)
        keep = np.take_along_axis(scores, best, axis=1) >= floor
        rows, cols = np.nonzero(keep)
        i, j = members[a + rows], members[best[rows, cols]]
        found.append(np.stack((np.minimum(i, j), np.maximum(i, j)), axis=1))
    return np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)


def cosine(vectors: np.ndarray, i: int, j: int) -> float:
    """How alike rows i and j are (unit rows: their dot product)."""
    return float(vectors[i] @ vectors[j])


__all__ = ["DIM", "Encoder", "cosine", "embed", "load_encoder", "neighbours"]
