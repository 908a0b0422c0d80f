"""Sparse term vectors for clustering: hashed terms, sublinear counts, IDF from running document frequencies.

Vectors store raw (sublinear) term weights; IDF is applied when comparing, so stored centroids stay valid as
the corpus grows. Names (capitalised word runs) and years count as extra terms with more weight: two reports
of the same kind of event differ mostly in who, where and when.
"""

from __future__ import annotations

import heapq
import math
import operator
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import filterfalse, repeat
from typing import cast

import numpy as np

__all__ = [
    "DocumentFrequencies",
    "Vector",
    "cosine",
    "pack",
    "term_key",
    "unpack",
    "unpack_arrays",
    "unpack_narrow",
    "vector",
]

Vector = dict[int, float]

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
# Opened by their first character, what stands before it tested then (see ``rewrites._NUMBER``): the matches of
# ``\b[A-Z][\w'’-]+(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’-]+)*`` and ``\b(?:1[89]|20)\d\d\b``.
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’-]+(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’-]+)*")
_YEAR = re.compile(r"(?:1(?<!\w1)[89]|2(?<!\w2)0)\d\d\b")
_STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "said",
        "same",
        "says",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "also",
        "new",
        "one",
        "two",
        "three",
        "told",
        "say",
        "would",
        "year",
        "years",
        "week",
        "last",
        "first",
        "since",
        "like",
        "may",
        "might",
        "must",
        "per",
        "via",
        "mr",
        "mrs",
        "ms",
        "according",
    ]
)
_SENTENCE_START = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "but",
        "and",
        "it",
        "this",
        "that",
        "he",
        "she",
        "they",
        "we",
        "i",
        "as",
        "after",
        "for",
    ]
)
NAME_WEIGHT = 2.0
# Words too common to tell two texts apart (also used by `newsdesk.cluster.rewrites`).
STOPWORDS = _STOP
LEAD_WORDS = 120  # the lead says what happened; its terms count twice


def _hash(term: str) -> int:
    return zlib.crc32(term.encode()) & 0xFFFFFF


def term_key(term: str) -> int:
    """The key of a (case-folded) term in the stored document frequencies (``term_counts``)."""
    return _hash(term)


def terms(text: str) -> Counter[str]:
    """Content words, names (``n:``) and years (``y:``) of ``text``, with counts; the lead counts twice."""
    words = _WORD.findall(text)
    # Each word counted in C (``Counter`` of a list), then the lead's once more: the counts, and the order in which
    # terms first appear, of a count word by word.
    counts: Counter[str] = Counter([w for w in map(str.casefold, words) if len(w) > 2 and w not in _STOP])
    counts.update([w for w in map(str.casefold, words[:LEAD_WORDS]) if len(w) > 2 and w not in _STOP])
    for match in _NAME.finditer(text):
        name = match.group(0)
        if name.casefold() in _SENTENCE_START or len(name) < 3:
            continue
        counts[f"n:{name.casefold()}"] += 1
    for year in _YEAR.findall(text):
        counts[f"y:{year}"] += 1
    return counts


def vector(text: str) -> Vector:
    """Hashed sublinear term weights of ``text`` (no IDF yet)."""
    out: Vector = {}
    for term, count in terms(text).items():
        weight = 1.0 + math.log(count)
        if term.startswith(("n:", "y:")):
            weight *= NAME_WEIGHT
        key = _hash(term)
        out[key] = out.get(key, 0.0) + weight
    return out


class DocumentFrequencies:
    """How many documents contain each hashed term; gives IDF weights as the corpus grows."""

    def __init__(self, counts: Mapping[int, int] | None = None, documents: int = 0) -> None:
        self.counts: Counter[int] = Counter(counts or {})
        self.documents = documents
        # Grouping asks for the same terms' IDF over and over between two additions; a log each time adds up.
        self._idf: dict[int, float] = {}
        self._by_count: dict[int, float] = {}  # the IDF of a document count, since the last addition
        # The terms last asked for and their IDF: a report's vector is weighted, then joins its event and story.
        self._last: tuple[list[int], list[float]] = ([], [])

    def add(self, vectors: Iterable[Vector]) -> None:
        """Count the terms of new documents."""
        for v in vectors:
            self.counts.update(v.keys())
            self.documents += 1
        self._idf.clear()
        self._by_count.clear()
        self._last = ([], [])

    def idf(self, term: int) -> float:
        """Smoothed inverse document frequency."""
        value = self._idf.get(term)
        if value is None:
            value = self._smoothed(self.counts.get(term, 0))
            self._idf[term] = value
        return value

    def idf_of(self, v: Mapping[int, float]) -> list[float]:
        """``idf`` of each term of ``v``, in its order (the same floats, looked up in C once known)."""
        terms = list(v)
        if terms == self._last[0]:
            return self._last[1]
        cached = self._idf
        # One look-up a term when all are known (no IDF is None), the usual case past a batch's first vectors.
        known: list[float | None] = list(map(cached.get, terms))
        if None not in known:
            found = cast(list[float], known)
        else:
            missing = list(filterfalse(cached.__contains__, terms))
            counts = list(map(self.counts.get, missing, repeat(0)))
            by_count = self._by_count
            for count in set(counts).difference(by_count):
                by_count[count] = self._smoothed(count)
            cached.update(zip(missing, map(by_count.__getitem__, counts), strict=True))
            found = list(map(cached.__getitem__, terms))
        self._last = (terms, found)
        return found

    def _smoothed(self, count: int) -> float:
        return math.log((1 + self.documents) / (1 + count)) + 1.0

    def idfs(self, terms: np.ndarray) -> np.ndarray:
        """``idf`` of each of ``terms`` (the same floats), for many terms at once: one logarithm per distinct
        document count."""
        counts = np.fromiter(map(self.counts.get, terms.tolist(), repeat(0)), dtype=np.int64, count=len(terms))
        distinct, where = np.unique(counts, return_inverse=True)
        values = np.array([self._smoothed(c) for c in distinct.tolist()], dtype=np.float64)
        return np.asarray(values[where], dtype=np.float64)

    def weighted(self, v: Vector) -> Vector:
        """``v`` with IDF applied and unit length."""
        # The same products, sum and quotients, in the same order, as a loop over ``v`` would give, in C: grouping
        # weights the latest members of every event it compares with, so this runs for thousands of vectors a run.
        out = list(map(operator.mul, v.values(), self.idf_of(v)))
        norm = math.sqrt(sum(map(operator.mul, out, out))) or 1.0
        return dict(zip(v, map(operator.truediv, out, repeat(norm)), strict=True))


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def top_terms(v: Vector, n: int) -> list[int]:
    """The ``n`` heaviest terms of a weighted vector, heaviest first (ties in the vector's order)."""
    # ``nlargest`` gives what ``sorted(..., reverse=True)[:n]`` gives, ties in their order (as the sort by negated
    # weight this replaced did), by a heap of ``n`` compared in C rather than a sort of every term.
    return [t for t, _ in heapq.nlargest(n, v.items(), key=operator.itemgetter(1))]


# What a centroid ``pack`` stores opens with: four zero bytes (a zlib stream, what centroids were stored as before,
# opens with 0x78), then its terms and weights as they are. The four keep the arrays at 4-byte offsets.
_RAW = b"\x00\x00\x00\x00"


def pack(v: Vector) -> bytes:
    """A compact, storable form of a vector: its terms as 32-bit numbers, then its weights as 32-bit floats."""
    keys = np.fromiter(v.keys(), dtype="<u4", count=len(v))
    values = np.fromiter(v.values(), dtype="<f4", count=len(v))
    # Not compressed: centroids of busy events are stored again after every batch, and zlib, even at level 1, took
    # 64-84% of that, for 41% fewer bytes (bench/README.md, cluster.py).
    return b"".join((_RAW, keys.tobytes(), values.tobytes()))


def unpack(data: bytes) -> Vector:
    """The vector ``pack`` stored."""
    keys, values = unpack_arrays(data)
    return dict(zip(keys.tolist(), values.tolist(), strict=True))


def unpack_arrays(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The terms (int64) and weights (float64, exactly the stored float32 values) of the vector ``pack`` stored."""
    keys, values = unpack_narrow(data)
    return keys.astype(np.int64), values.astype(np.float64)


def unpack_narrow(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The terms and weights of the vector ``pack`` stored, as stored: 32-bit numbers and 32-bit floats."""
    if data.startswith(_RAW):
        half = (len(data) - len(_RAW)) // 2
        return (
            np.frombuffer(data, dtype="<u4", count=half // 4, offset=len(_RAW)),
            np.frombuffer(data, dtype="<f4", offset=len(_RAW) + half),
        )
    raw = zlib.decompress(data)  # a centroid stored compressed, as they were before
    half = len(raw) // 2
    return np.frombuffer(raw, dtype="<u4", count=half // 4), np.frombuffer(raw, dtype="<f4", offset=half)
