"""Near-duplicates: MinHash fingerprints of article text, and which stored article each new one copies.

A copy is an exact reprint or a light rewrite (a new first sentence, a trimmed ending, other furniture).
Candidates come from MinHash-LSH, so finding them never compares all pairs; each candidate is then checked
by estimated Jaccard similarity or by containment of the shorter text's shingles in the longer one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["Copy", "Index", "fingerprint", "shingles"]

NUM_PERM = 128
SHINGLE = 5
# Jaccard 0.5 on 5-word shingles is far above what two independent reports of one event share (< 0.1 on
# ECB+), and below what a rewritten wire copy keeps (0.6-0.9 on the demo's rewrites).
JACCARD = 0.5
# A trimmed copy keeps most of its shingles inside the original even when Jaccard drops.
CONTAINMENT = 0.8
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1)
_SCHEME = _TEMPLATE.scheme


def shingles(text: str) -> set[bytes]:
    """Word 5-grams of the lower-cased text (whole text when shorter), as bytes."""
    words = [w.casefold() for w in _TOKEN.findall(text)]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def fingerprint(text: str) -> bytes:
    """The MinHash signature of ``text`` as bytes (128 little-endian uint32 values), for storing beside the article."""
    return _signature(shingles(text))


def _signature(grams: set[bytes]) -> bytes:
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=_TEMPLATE.permutations, scheme=_SCHEME)
    m.update_batch(list(grams))
    return bytes(m.hashvalues.astype("<u4").tobytes())


def _minhash(signature: bytes) -> MinHash:
    values = np.frombuffer(signature, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, permutations=_TEMPLATE.permutations, scheme=_SCHEME)


@dataclass(frozen=True, slots=True)
class Copy:
    """``article_id`` copies ``of``, with the estimated similarity that says so."""

    article_id: str
    of: str
    similarity: float


class Index:
    """An LSH index of fingerprints, built from stored ones and grown as new articles are checked."""

    def __init__(self, signatures: Mapping[str, bytes] | None = None) -> None:
        # Query at a lower threshold than JACCARD so trimmed copies (high containment, lower Jaccard) are
        # still found as candidates; the exact decision is made in `copies`.
        self._lsh = MinHashLSH(threshold=0.3, num_perm=NUM_PERM)
        self._hashes: dict[str, MinHash] = {}
        self._sizes: dict[str, int] = {}
        for article_id, signature in (signatures or {}).items():
            self.add(article_id, signature)

    def __len__(self) -> int:
        return len(self._hashes)

    def add(self, article_id: str, signature: bytes, size: int = 0) -> None:
        """Index an article's fingerprint (``size``: its number of shingles, when known)."""
        if article_id in self._hashes:
            return
        m = _minhash(signature)
        self._lsh.insert(article_id, m)
        self._hashes[article_id] = m
        self._sizes[article_id] = size

    def similar(
        self, signature: bytes, size: int = 0, *, jaccard: float = JACCARD, containment: float = CONTAINMENT
    ) -> list[tuple[str, float]]:
        """Indexed articles this fingerprint copies or is copied by, with their estimated similarity."""
        m = _minhash(signature)
        found = []
        for other in self._lsh.query(m):
            j = m.jaccard(self._hashes[other])
            other_size = self._sizes.get(other, 0)
            contained = 0.0
            if size and other_size and j > 0:
                # |A ∩ B| = J (|A| + |B|) / (1 + J); divided by the smaller set.
                overlap = j * (size + other_size) / (1 + j)
                contained = overlap / min(size, other_size)
            if j >= jaccard or contained >= containment:
                found.append((other, max(j, min(contained, 1.0))))
        return sorted(found, key=lambda item: -item[1])


def copies(
    batch: Iterable[tuple[str, str]],
    index: Index,
    *,
    jaccard: float = JACCARD,
    containment: float = CONTAINMENT,
) -> tuple[list[Copy], dict[str, tuple[bytes, int]]]:
    """Check each ``(article_id, text)`` of ``batch`` against ``index`` (and earlier batch members).

    Returns the pairs found (``article_id`` from the batch, ``of`` the indexed article; which of the two is the
    original is the caller's choice) and the new fingerprints with their shingle counts, to store. Each text is
    shingled once: the fingerprint and the count come from the same set.
    """
    found: list[Copy] = []
    new: dict[str, tuple[bytes, int]] = {}
    for article_id, text in batch:
        grams = shingles(text)
        signature = _signature(grams)
        new[article_id] = (signature, len(grams))
        for other, similarity in index.similar(signature, len(grams), jaccard=jaccard, containment=containment):
            if other == article_id:
                continue
            found.append(Copy(article_id=article_id, of=other, similarity=similarity))
        index.add(article_id, signature, len(grams))
    return found, new
