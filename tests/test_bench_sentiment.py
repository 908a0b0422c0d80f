"""The target-sentiment speed benchmark runs on the real dev set and reports sentences per second."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import bench_module, shared_path


def test_bench_sentiment_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "newsmtsc")  # fail, not skip, when the data is missing
    module = bench_module("sentiment")
    out = tmp_path / "sentiment.json"
    assert module.main(["--repeat", "1", "--json", str(out)]) == 0
    assert "sentences/s on one core" in capsys.readouterr().out
    figures = json.loads(out.read_text())
    assert figures["sentences"] == 721 and figures["targets"] == 1_476
    assert figures["sentences_per_second"] > 0
    assert 0.5 < figures["newsmtsc.macro_f1"] <= 1.0
