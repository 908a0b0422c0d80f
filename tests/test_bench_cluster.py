"""The cluster-scaling benchmark runs end to end on two small sizes and prints its growth line."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import bench_module, shared_path


def _bench() -> ModuleType:
    return bench_module("cluster")


def test_bench_cluster_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "ecbplus")  # fail, not skip, when the data is missing
    out, cache = tmp_path / "results.json", tmp_path / "cache"
    args = ["--sizes", "200,400", "--repeat", "1", "--json", str(out), "--cache", str(cache)]
    assert _bench().main(args) == 0
    printed = capsys.readouterr().out
    assert "growth per doubling: max " in printed and "(target <= 2.2)" in printed
    assert "prepared 200 " in printed and "prepared 400 (200 more ingested" in printed
    # The features stage runs while preparing (the per-article phase), reported apart: the timed stages read it.
    assert "features worked out for 200 " in printed and "features worked out for 400 " in printed
    results = json.loads(out.read_text(encoding="utf-8"))
    assert [s["size"] for s in results["sizes"]] == [200, 400]
    assert all(s["total_seconds"] > 0 and s["total_cpu_seconds"] > 0 for s in results["sizes"])
    assert all(set(s["cpu_seconds"]) >= {"dedupe", "cluster", "origins"} for s in results["sizes"])
    assert all(s["peak_rss_mib"] > 10 and 0 < s["origins"] <= s["stored"] for s in results["sizes"])
    assert all(s["features_cpu_ms_an_article"] > 0 and s["cpu_seconds"]["features"] == 0 for s in results["sizes"])
    assert sorted(p.name.split("-")[1] for p in cache.glob("cluster-*.db")) == ["200", "400"]
    assert sorted(p.name.split("-")[1] for p in cache.glob("features-*.db")) == ["200", "400"]
    # A second run reads the prepared databases: nothing is ingested again, and the stages find the same groups.
    assert _bench().main([*args, "--sizes", "400"]) == 0
    assert "prepared" not in (again_printed := capsys.readouterr().out) and "features worked out" not in again_printed
    again = json.loads(out.read_text(encoding="utf-8"))["sizes"][0]
    assert {k: again[k] for k in ("stored", "copies", "events", "origins")} == {
        k: results["sizes"][1][k] for k in ("stored", "copies", "events", "origins")
    }


def test_bench_cluster_copies_are_distinct(tmp_path: Path) -> None:
    bench = _bench()
    records, real = bench.build(shared_path("data"), 2000, bench.SEED)
    assert len(records) == 2000 and real < 2000
    texts = [" ".join(r["text"].split()) for r in records]
    copies = set(texts[real:])
    assert len(copies) == 2000 - real and not copies & set(texts[:real])  # (a few real articles repeat each other)
    assert records == bench.build(shared_path("data"), 2000, bench.SEED)[0]  # the seed fixes them


def test_bench_cluster_peak_memory_is_the_childs_own(tmp_path: Path) -> None:
    # Linux keeps ru_maxrss across exec: a child the benchmark starts reported at least its parent's peak, so a
    # parent holding 64k articles put a floor under the small sizes' figures. The child reports its own.
    shared_path("data", "ecbplus")
    bench = _bench()
    records, _ = bench.build(shared_path("data"), 200, bench.SEED)
    prepared = bench.prepare_features(bench.prepare(records, [200], tmp_path / "cache"), tmp_path / "cache")
    alone = bench.measure(prepared[200][0], 200, tmp_path).peak_rss_mb
    ballast = bytearray(768 * 1024 * 1024)
    ballast[::4096] = bytes([1]) * len(ballast[::4096])  # touched, so resident
    held = bench.measure(prepared[200][0], 200, tmp_path).peak_rss_mb
    del ballast
    assert 10 < held < alone + 256, (alone, held)
