"""The archive benchmark generates its articles deterministically, ingests them, searches them and cleans up."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import bench_module


def _bench() -> ModuleType:
    return bench_module("archive")


def test_the_archive_is_the_same_for_a_seed_and_its_words_follow_a_zipf_law(tmp_path: Path) -> None:
    first = _bench().generate(tmp_path / "a", 1500, seed=7)
    again = _bench().generate(tmp_path / "b", 1500, seed=7)
    assert [f.read_text() for f in first.files] == [f.read_text() for f in again.files]
    lines = [json.loads(line) for f in first.files for line in f.read_text().splitlines()]
    assert len(lines) == 1500 and len({r["url"] for r in lines}) == 1500
    assert all(60 <= len(r["text"].split()) <= 200 and r["title"] and r["outlet"] for r in lines)
    df = first.df
    assert df[0] > 0.95 * 1500 > df[100] > df[5000]  # "the" in nearly every article, the tail in few
    asked = _bench().queries(first, 4, seed=7)
    assert set(asked) == set(_bench().KINDS) and all(len(qs) == 5 for qs in asked.values())


def test_bench_archive_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work, out = tmp_path / "work", tmp_path / "results.json"
    assert _bench().main(["--articles", "1200", "--queries", "3", "--dir", str(work), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "ingest --no-analyze: 1,200 articles, 1,199 stored" in printed  # one repeat of an earlier text
    assert "search p95 (worst kind)" in printed
    results = json.loads(out.read_text(encoding="utf-8"))
    ingest = results["ingest"]
    assert ingest["added"] == 1199 and ingest["cpu_s"] > 0 and ingest["db_bytes"] > 0
    assert set(results["search"]) == set(_bench().KINDS)
    assert all(len(kind["ms"]) == 3 and kind["p95_ms"] > 0 for kind in results["search"].values())
    assert sum(sum(kind["results"]) for kind in results["search"].values()) > 0
    assert not work.exists()  # a folder the run made is deleted, input and database


def test_bench_archive_ingests_kept_files_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work, out = tmp_path / "work", tmp_path / "again.json"
    assert _bench().main(["--articles", "600", "--queries", "2", "--dir", str(work), "--keep"]) == 0
    first = json.loads((work / "archive.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in (work / "input").iterdir())
    capsys.readouterr()
    again = ["--dir", str(work), "--keep", "--ingest-again", "--queries", "2", "--json", str(out)]
    assert _bench().main(again) == 0
    printed = capsys.readouterr().out
    assert "generated" not in printed  # the kept files are ingested, not made again
    assert "the kept synthetic articles" in printed
    assert "ingest --no-analyze: 600 articles, 600 stored" in printed
    assert sorted(p.name for p in (work / "input").iterdir()) == files
    assert json.loads(out.read_text(encoding="utf-8"))["ingest"]["added"] == 600
    assert json.loads((work / "archive.json").read_text(encoding="utf-8")) == first
