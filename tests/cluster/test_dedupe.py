"""The copy index: candidates by MinHash-LSH banding exactly as datasketch's index gives them, whether the
fingerprints were stored (indexed at once, as sorted band keys) or added during the run."""

from __future__ import annotations

import random

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsdesk import dedupe
from tests.conftest import shared_path


def _texts() -> list[str]:
    folder = shared_path("data", "polnear", "train", "text")
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:120]]


def _rewrite(text: str, rng: random.Random) -> str:
    """A copy with some sentences dropped and some words swapped: near the original, or only like it."""
    sentences = [s for s in text.split(". ") if rng.random() > rng.uniform(0.0, 0.6)] or [text]
    words = ". ".join(sentences).split(" ")
    for i in range(len(words)):
        if rng.random() < rng.uniform(0.0, 0.3):
            words[i] = rng.choice(words)
    return " ".join(words)


def _minhash(signature: bytes) -> MinHash:
    values = np.frombuffer(signature, dtype="<u4").astype(np.uint32)
    template = MinHash(num_perm=dedupe.NUM_PERM, seed=1)
    return MinHash(
        num_perm=dedupe.NUM_PERM,
        seed=1,
        hashvalues=values,
        permutations=template.permutations,
        scheme=template.scheme,
    )


def test_fingerprints_are_datasketchs_minhash_values() -> None:
    # Stored fingerprints were made by datasketch's MinHash: the numpy signature must give the same values.
    template = MinHash(num_perm=dedupe.NUM_PERM, seed=1)
    for text in [*_texts()[:60], "one", "", "just four words here"]:
        grams = dedupe.shingles(text)
        reference = MinHash(
            num_perm=dedupe.NUM_PERM, seed=1, permutations=template.permutations, scheme=template.scheme
        )
        reference.update_batch(list(grams))
        assert dedupe.fingerprint(text) == reference.hashvalues.astype("<u4").tobytes(), text[:40]


def test_the_bands_are_those_datasketch_chooses_for_the_threshold() -> None:
    lsh = MinHashLSH(threshold=dedupe.LSH_THRESHOLD, num_perm=dedupe.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedupe.BANDS, dedupe.ROWS)


def test_candidates_are_minhash_lshs_for_stored_and_added_fingerprints() -> None:
    rng = random.Random(11)
    texts = _texts()
    texts += [_rewrite(rng.choice(texts), rng) for _ in range(240)]
    rng.shuffle(texts)
    fingerprints = {}
    for n, text in enumerate(texts):
        grams = dedupe.shingles(text)
        fingerprints[f"a{n}"] = (dedupe.fingerprint(text), len(grams))
    ids = list(fingerprints)
    stored, added = ids[: len(ids) // 2], ids[len(ids) // 2 :]
    index = dedupe.Index({i: fingerprints[i] for i in stored})
    reference = MinHashLSH(threshold=dedupe.LSH_THRESHOLD, num_perm=dedupe.NUM_PERM)
    for i in stored:
        reference.insert(i, _minhash(fingerprints[i][0]))
    found = 0
    for i in added:
        signature, size = fingerprints[i]
        # With no threshold, ``similar`` gives every candidate: they must be the LSH index's, no more, no fewer.
        got = {other for other, _ in index.similar(signature, size, jaccard=0.0)}
        assert got == set(reference.query(_minhash(signature)))
        found += len(got)
        index.add(i, signature, size)
        reference.insert(i, _minhash(signature))
    assert found > 50  # the rewrites made candidates of their originals, among stored and added articles
    assert len(index) == len(ids)


def test_a_copy_is_found_by_similarity_or_containment() -> None:
    text = _texts()[0]
    trimmed = text[: len(text) // 2]  # half the text: low Jaccard, but wholly contained in the original
    index = dedupe.Index({"original": (dedupe.fingerprint(text), len(dedupe.shingles(text)))})
    found, new = dedupe.copies([("trimmed", trimmed), ("again", text)], index)
    assert {(c.article_id, c.of) for c in found} >= {("trimmed", "original"), ("again", "original")}
    assert set(new) == {"trimmed", "again"} and len(index) == 3
