"""The CLI benchmark runs end to end on a small store and prints its table."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import bench_module, shared_path


def _bench() -> ModuleType:
    return bench_module("cli")


def test_bench_cli_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "ecbplus")  # fail, not skip, when the data is missing
    out = tmp_path / "results.json"
    args = ["--articles", "60", "--repeat", "1", "--db", str(tmp_path / "cli.db"), "--json", str(out)]
    assert _bench().main(args) == 0
    printed = capsys.readouterr().out
    assert "CLI benchmark: 60 articles" in printed
    assert "heavy libraries loaded by `import newsdesk.cli`: none" in printed
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["commands"]) == {"--version", "--help", "articles", "articles --json", "stories", "search"}
    assert all(0 < c["p50_s"] <= c["max_s"] for c in results["commands"].values())
    assert results["heavy_imports"] == []
