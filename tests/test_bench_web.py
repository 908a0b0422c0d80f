"""The web latency benchmark runs end to end on a small store and prints its table."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import bench_module, shared_path


def _bench() -> ModuleType:
    return bench_module("web")


def test_bench_web_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "ecbplus")  # fail, not skip, when the data is missing
    out = tmp_path / "results.json"
    db = tmp_path / "web.db"
    assert _bench().main(["--articles", "200", "--requests", "5", "--db", str(db), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "web benchmark: 200 articles" in printed and "target p95 < 100 ms" in printed
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["stories"] > 0 and set(results["pages"]) >= {"/ (stories)", "/stories/{id}", "/search?q="}
    # The list pages past the first a journalist clicks on: the largest story's claims (page 5, or its last when
    # it has fewer) and its last, and the stories' timelines.
    assert set(results["pages"]) >= {"largest claims p5", "largest claims last", "story timeline"}
    assert all(0 < p["p50_ms"] <= p["p95_ms"] <= p["max_ms"] for p in results["pages"].values())
    # A second run reuses the store it finds.
    assert _bench().main(["--articles", "200", "--requests", "5", "--db", str(db)]) == 0
    assert f"(reused {db})" in capsys.readouterr().out


def test_percentile_is_nearest_rank() -> None:
    bench = _bench()
    values = list(range(1, 101))
    assert bench.percentile(values, 50) == 50 and bench.percentile(values, 95) == 95
    assert bench.percentile([7.0], 95) == 7.0
