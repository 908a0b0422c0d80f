"""The ingest benchmark runs end to end on a few real articles and prints its ratio line."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import bench_module, shared_path


def _bench() -> ModuleType:
    return bench_module("ingest")


def test_bench_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "ecbplus")  # fail, not skip, when the data is missing
    out = tmp_path / "results.json"
    assert _bench().main(["--limit", "20", "--repeat", "1", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "20 articles" in printed
    assert "ratio ingest_time / read_time = " in printed and "x faster" in printed
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["articles"] == 20 and results["phases"]["ingest"]["articles_per_s"] > 0
    # Issue 15's throughput target: stances and framing (the digest stage) at most 20% of the ingest.
    assert "stances and digest stages: " in printed and 0 < results["stances_and_digest_share"] < 1


def test_bench_limit_cuts_into_jsonl(tmp_path: Path) -> None:
    bench = _bench()
    inputs = bench.select(shared_path("data"), 926, tmp_path)
    assert (len(inputs.texts), inputs.lines, inputs.count) == (924, 2, 926)
    assert len(inputs.jsonl.read_text(encoding="utf-8").splitlines()) == 2
    assert bench.read_all(inputs) == 926


def test_bench_takes_worker_counts() -> None:
    bench = _bench()
    assert bench.parse_args(["--workers", "1,2"]).workers == [1, 2]
    assert bench.parse_args([]).workers == []
    with pytest.raises(SystemExit):
        bench.parse_args(["--workers", "0"])
    with pytest.raises(SystemExit):
        bench.parse_args(["--workers", "two"])
