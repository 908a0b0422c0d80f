"""The entity-linking benchmark: its made-up corpus and both ways of linking, on a small size."""

from __future__ import annotations

import pytest

from tests.conftest import bench_module, shared_path


def test_bench_linker_makes_distinct_stored_names_and_times_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = bench_module("linker")
    vocabulary = bench.words(shared_path("data"))
    assert len(vocabulary) > 1000 and vocabulary == sorted(vocabulary)
    monkeypatch.setattr(bench, "BATCH", 20)
    per_batch, kept = bench.measure(vocabulary, 300, 1)
    assert 0 < per_batch < float("inf") and 0 < kept < float("inf")


def test_bench_linker_batches_mix_known_and_new_names() -> None:
    import random

    bench = bench_module("linker")
    vocabulary = bench.words(shared_path("data"))
    rng = random.Random(1)
    known = bench.stored(rng, vocabulary, 200)
    assert len({e.name for e in known}) == 200
    articles = bench.batch(rng, vocabulary, known, 0)
    names = {m.text for a in articles for m in a.mentions}
    assert names & {e.name for e in known} and names - {e.name for e in known}
    assert all(a.text[m.start : m.end] == m.text for a in articles for m in a.mentions)
