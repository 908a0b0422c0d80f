"""Near-duplicates: MinHash fingerprints of article text, and which stored article each new one copies.

A copy is an exact reprint or a light rewrite (a new first sentence, a trimmed ending, other furniture).
Candidates come from MinHash-LSH, so finding them never compares all pairs; each candidate is then checked
by estimated Jaccard similarity or by containment of the shorter text's shingles in the longer one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

__all__ = ["Copy", "Index", "fingerprint", "shingles", "sketch"]

NUM_PERM = 128
SHINGLE = 5
# Jaccard 0.5 on 5-word shingles is far above what two independent reports of one event share (< 0.1 on
# ECB+), and below what a rewritten wire copy keeps (0.6-0.9 on the demo's rewrites).
JACCARD = 0.5
# A trimmed copy keeps most of its shingles inside the original even when Jaccard drops.
CONTAINMENT = 0.8
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# The signature is datasketch 2's MinHash (``MinHash(num_perm=NUM_PERM, seed=1)``, its default "affine32" scheme:
# each shingle's SHA-1 read as a little-endian uint32, mixed by MurmurHash3's 32-bit finalizer, then permuted by
# ``a * h + b`` modulo 2**32), worked out here in numpy: the values stored since then stay valid (a test holds the
# two equal), and no run imports datasketch, whose LSH module pulls in scipy (about 0.35 CPU s in every process).
_PERMUTATIONS = np.random.RandomState(1)
_A = (_PERMUTATIONS.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)).reshape(1, -1)
_B = _PERMUTATIONS.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32).reshape(1, -1)
del _PERMUTATIONS
_EMPTY = np.full(NUM_PERM, (1 << 32) - 1, dtype="<u4").tobytes()


def shingles(text: str) -> set[bytes]:
    """Word 5-grams of the lower-cased text (whole text when shorter), as bytes."""
    # An ASCII text is lowered whole (its words are the lowered text's words): each word case-folded otherwise.
    words = _TOKEN.findall(text.lower()) if text.isascii() else [w.casefold() for w in _TOKEN.findall(text)]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    runs = zip(*(words[k:] for k in range(SHINGLE)), strict=False)  # each run of SHINGLE words; the shortest ends it
    return {" ".join(run).encode() for run in runs}


def fingerprint(text: str) -> bytes:
    """The MinHash signature of ``text`` as bytes (128 little-endian uint32 values), for storing beside the article."""
    return _signature(shingles(text))


def sketch(text: str) -> tuple[bytes, int]:
    """The fingerprint of ``text`` and its number of shingles, from one shingling: what ``copies`` checks it by."""
    grams = shingles(text)
    return _signature(grams), len(grams)


def _signature(grams: set[bytes]) -> bytes:
    if not grams:
        return _EMPTY
    sha1 = hashlib.sha1
    # Each gram's first four SHA-1 bytes read as a little-endian uint32: joined, then read as one array.
    hashed = np.frombuffer(b"".join([sha1(gram).digest()[:4] for gram in grams]), dtype="<u4").astype(np.uint32)
    return _least(hashed)


def _least(hashed: np.ndarray) -> bytes:
    """The signature of the grams' 32-bit hashes: each mixed, then the least of each permutation."""
    with np.errstate(over="ignore"):
        mixed = hashed ^ (hashed >> np.uint32(16))
        mixed = mixed * np.uint32(0x85EBCA6B)
        mixed = mixed ^ (mixed >> np.uint32(13))
        mixed = mixed * np.uint32(0xC2B2AE35)
        mixed = mixed ^ (mixed >> np.uint32(16))
        permuted = mixed.reshape(-1, 1) * _A + _B
    return bytes(permuted.min(axis=0).astype("<u4").tobytes())


@dataclass(frozen=True, slots=True)
class Copy:
    """``article_id`` copies ``of``, with the estimated similarity that says so."""

    article_id: str
    of: str
    similarity: float


# The candidates' banding: LSH_THRESHOLD is below JACCARD so that trimmed copies (high containment, lower Jaccard)
# are still found as candidates; the exact decision is made in ``Index.similar``. BANDS bands of ROWS values each,
# as datasketch's ``MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)`` chooses them (a test holds the two
# equal): two fingerprints are candidates when all ROWS values of one band are equal.
LSH_THRESHOLD = 0.3
BANDS = 37
ROWS = 3
# Odd 64-bit multipliers that mix a band's values (and the band's number) into one key; keys are only where to
# look: a candidate's band values are compared exactly.
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)
_SALT = np.arange(BANDS, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)


def _values(signature: bytes) -> np.ndarray:
    return np.frombuffer(signature, dtype="<u4").astype(np.uint32)


def _band_keys(values: np.ndarray) -> np.ndarray:
    """The key of each band of each signature (rows of ``values``, uint32): ``(n, BANDS)`` uint64."""
    bands = values[:, : BANDS * ROWS].reshape(len(values), BANDS, ROWS).astype(np.uint64)
    with np.errstate(over="ignore"):
        return np.asarray((bands * _MIX).sum(axis=2, dtype=np.uint64) ^ _SALT, dtype=np.uint64)


class Index:
    """An LSH index of fingerprints, built from stored ones and grown as new articles are checked.

    The stored fingerprints go in at once, as arrays: each band's keys sorted, so a lookup is a binary search, and
    building the index from N stored fingerprints costs a sort in numpy rather than N times BANDS insertions in
    Python (at 20,000 stored that was 4.6 CPU s, paid by every run). Fingerprints added afterwards (the run's own
    articles) go into a dict by band key. Either way, a fingerprint is a candidate exactly when one of its bands
    holds the same values as the query's (MinHash-LSH banding); candidates are then checked by estimated Jaccard
    or containment (``similar``).
    """

    def __init__(self, fingerprints: Mapping[str, tuple[bytes, int]] | None = None) -> None:
        items = list((fingerprints or {}).items())
        self._ids: list[str] = [article_id for article_id, _ in items]
        self._row: dict[str, int] = {article_id: row for row, article_id in enumerate(self._ids)}
        self._sizes: list[int] = [size for _, (_, size) in items]
        count = len(items)
        self._values = np.zeros((max(count, 64), NUM_PERM), dtype=np.uint32)
        if count:
            self._values[:count] = np.frombuffer(b"".join(sig for _, (sig, _) in items), dtype="<u4").reshape(
                count, NUM_PERM
            )
        keys = _band_keys(self._values[:count]).ravel()
        order = np.argsort(keys, kind="stable")
        self._sorted = keys[order]
        self._sorted_rows = (order // BANDS).astype(np.int64)
        self._bulk = count  # rows found through the sorted arrays; later rows through ``_buckets``
        self._buckets: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article_id: str, signature: bytes, size: int = 0) -> None:
        """Index an article's fingerprint (``size``: its number of shingles, when known)."""
        if article_id in self._row:
            return
        row = len(self._ids)
        if row == len(self._values):
            grown = np.zeros((2 * row, NUM_PERM), dtype=np.uint32)
            grown[:row] = self._values
            self._values = grown
        values = _values(signature)
        self._values[row] = values
        self._ids.append(article_id)
        self._row[article_id] = row
        self._sizes.append(size)
        for key in _band_keys(values[None, :])[0].tolist():
            self._buckets.setdefault(key, []).append(row)

    def _candidates(self, values: np.ndarray) -> list[int]:
        """Rows sharing a whole band with ``values``, in the order they were indexed."""
        keys = _band_keys(values[None, :])[0]
        rows: list[int] = []
        if self._bulk:
            low = np.searchsorted(self._sorted, keys, side="left")
            high = np.searchsorted(self._sorted, keys, side="right")
            for a, b in zip(low.tolist(), high.tolist(), strict=True):
                if a < b:
                    rows.extend(self._sorted_rows[a:b].tolist())
        for key in keys.tolist():
            rows.extend(self._buckets.get(key, ()))
        if not rows:
            return []
        found = np.unique(np.asarray(rows, dtype=np.int64))
        # A key is a hash: keep the rows where some band's values are equal indeed.
        width = BANDS * ROWS
        same = (
            (self._values[found, :width].reshape(len(found), BANDS, ROWS) == values[:width].reshape(BANDS, ROWS))
            .all(axis=2)
            .any(axis=1)
        )
        kept: list[int] = found[same].tolist()
        return kept

    def similar(
        self, signature: bytes, size: int = 0, *, jaccard: float = JACCARD, containment: float = CONTAINMENT
    ) -> list[tuple[str, float]]:
        """Indexed articles this fingerprint copies or is copied by, with their estimated similarity."""
        values = _values(signature)
        rows = self._candidates(values)
        if not rows:
            return []
        shares = (np.count_nonzero(self._values[rows] == values, axis=1) / NUM_PERM).tolist()
        found = []
        for row, j in zip(rows, shares, strict=True):
            other_size = self._sizes[row]
            contained = 0.0
            if size and other_size and j > 0:
                # |A ∩ B| = J (|A| + |B|) / (1 + J); divided by the smaller set.
                overlap = j * (size + other_size) / (1 + j)
                contained = overlap / min(size, other_size)
            if j >= jaccard or contained >= containment:
                found.append((self._ids[row], max(j, min(contained, 1.0))))
        return sorted(found, key=lambda item: -item[1])


def copies(
    batch: Iterable[tuple[str, str]],
    index: Index,
    *,
    jaccard: float = JACCARD,
    containment: float = CONTAINMENT,
    known: Mapping[str, tuple[bytes, int]] | None = None,
) -> tuple[list[Copy], dict[str, tuple[bytes, int]]]:
    """Check each ``(article_id, text)`` of ``batch`` against ``index`` (and earlier batch members).

    Returns the pairs found (``article_id`` from the batch, ``of`` the indexed article; which of the two is the
    original is the caller's choice) and the new fingerprints with their shingle counts, to store. A fingerprint
    in ``known`` (worked out before, by ``sketch``) is taken as it is; any other text is shingled once here.
    """
    found: list[Copy] = []
    new: dict[str, tuple[bytes, int]] = {}
    known = known or {}
    for article_id, text in batch:
        signature, size = known.get(article_id) or sketch(text)
        new[article_id] = (signature, size)
        for other, similarity in index.similar(signature, size, jaccard=jaccard, containment=containment):
            if other == article_id:
                continue
            found.append(Copy(article_id=article_id, of=other, similarity=similarity))
        index.add(article_id, signature, size)
    return found, new
