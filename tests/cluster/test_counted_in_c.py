"""Term counts, MinHash signatures and shingles worked out in C: what the word-by-word versions gave (decisions
0053 and 0083)."""

from __future__ import annotations

import hashlib
from collections import Counter

import numpy as np

from newsdesk import dedupe
from newsdesk.cluster import similarity
from tests.conftest import shared_path


def _terms_by_word(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for index, word in enumerate(similarity._WORD.findall(text)):
        w = word.casefold()
        if len(w) > 2 and w not in similarity._STOP:
            counts[w] += 2 if index < similarity.LEAD_WORDS else 1
    for match in similarity._NAME.finditer(text):
        name = match.group(0)
        if name.casefold() in similarity._SENTENCE_START or len(name) < 3:
            continue
        counts[f"n:{name.casefold()}"] += 1
    for year in similarity._YEAR.findall(text):
        counts[f"y:{year}"] += 1
    return counts


def _hashed_by_gram(grams: set[bytes]) -> np.ndarray:
    return np.fromiter(
        (int.from_bytes(hashlib.sha1(gram).digest()[:4], "little") for gram in grams), dtype=np.uint32, count=len(grams)
    )


def _texts() -> list[str]:
    paths = (
        sorted(shared_path("dev-news").glob("*.txt"))
        + sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))[:60]
    )
    return [p.read_text(encoding="utf-8") for p in paths] + ["", "One two", "Short. The the the of of and Paris 2020."]


def test_terms_are_the_counts_and_order_of_a_count_word_by_word() -> None:
    for text in _texts():
        found, expected = similarity.terms(text), _terms_by_word(text)
        assert list(found.items()) == list(expected.items())  # the order too: the vector is stored in it


def test_a_signature_is_the_one_hashing_gram_by_gram_gave() -> None:
    for text in _texts():
        grams = dedupe.shingles(text)
        if grams:
            assert dedupe.fingerprint(text) == dedupe._least(_hashed_by_gram(grams))


def _shingles_by_word(text: str) -> set[bytes]:
    words = [w.casefold() for w in dedupe._TOKEN.findall(text)]
    if len(words) < dedupe.SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + dedupe.SHINGLE]).encode() for i in range(len(words) - dedupe.SHINGLE + 1)}


def test_shingles_are_those_of_each_word_case_folded() -> None:
    # An ASCII text is lowered whole (decision 0083); others word by word, where lowering whole would not do:
    # "İ" case-folds to "i" and a combining dot, which is no word character, and "ß" to "ss".
    texts = [*_texts(), "İstanbul İzmir STRASSE Straße", "ALL CAPS A B C D E F", "x_y z_1 2_3 QUICK brown fox"]
    assert any(t.isascii() and len(t) > 1000 for t in texts) and any(not t.isascii() for t in texts)
    for text in texts:
        assert dedupe.shingles(text) == _shingles_by_word(text)
