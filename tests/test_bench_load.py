"""The load benchmark runs end to end on a small store: its clients get every answer, and it stops by itself."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import bench_module, shared_path


def _bench() -> ModuleType:
    return bench_module("load")


def test_bench_load_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "ecbplus")  # fail, not skip, when the data is missing
    args = [
        "--articles",
        "200",
        "--clients",
        "4",
        "--requests",
        "48",
        "--timeout",
        "60",
        "--db",
        str(tmp_path / "w.db"),
    ]
    assert _bench().main(args) == 0
    printed = capsys.readouterr().out
    assert (
        "load benchmark: 200 articles" in printed and "48 requests by 4 clients" in printed and " 0 errors" in printed
    )
    assert "client CPU: " in printed and "load average" in printed and "cpu ms" in printed
    cpu = []
    for route in ("/ (stories)", "/index.json", "/stories/{id}.json", "/articles/{id}.json", "/search.json?q="):
        row = next(line for line in printed.splitlines() if line.startswith(f"{route} "))
        cpu.append(float(row.split()[-1]))  # the server's CPU a request, every page computed (10 ms clock ticks)
    assert sum(cpu) > 0
