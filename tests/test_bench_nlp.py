"""The extraction benchmark runs end to end on a few real articles and prints its ratio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import bench_module, shared_path


def test_bench_nlp_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "polnear")  # fail, not skip, when the data is missing
    module = bench_module("nlp")
    out = tmp_path / "nlp.json"
    assert module.main(["--limit", "3", "--json", str(out)]) == 0
    assert "throughput ratio (extraction / model alone)" in capsys.readouterr().out
    figures = json.loads(out.read_text())
    assert figures["articles"] == 3 and figures["quotes"] > 0
    assert 0 < figures["ratio"] <= 1.5
