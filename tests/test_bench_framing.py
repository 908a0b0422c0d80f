"""The framing benchmark runs end to end on a small story and writes its figures."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import bench_module, shared_path


def test_bench_framing_quick_run(tmp_path: Path) -> None:
    shared_path("data", "polnear")  # fail, not skip, when the data is missing
    out = tmp_path / "framing.json"
    assert bench_module("framing").main(["--articles", "60", "--events", "3", "--repeat", "1", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["articles"] == 60 and result["groups"] >= 2 and 0 < result["cpu_seconds"] < 2
