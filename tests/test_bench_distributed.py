"""bench/distributed.py: the projection to N machines and the CPU accounting of a process tree."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import bench_module


def test_projection_spreads_the_per_article_work_only() -> None:
    bench = bench_module("distributed")
    local = {"inputs": 100, "stages": {"quotes": 40.0, "cites": 10.0, "entities": 30.0}}
    ray = {"inputs": 100, "stages": {"quotes": 50.0, "cites": 20.0, "entities": 20.0}}
    rows = bench.project(local, ray, 2, [1, 10], 4)
    # One actor spends (50 + 20) * 2 / 100 = 1.4 s an article, spread over 4 cores a machine; the corpus stages
    # (in the driver) 0.2 s an article, whatever the number of machines.
    assert [round(r["seconds_per_article"], 6) for r in rows] == [round(1.4 / 4 + 0.2, 6), round(1.4 / 40 + 0.2, 6)]
    assert rows[0]["serial"] == 0.2
    assert round(rows[1]["articles_per_s"], 3) == round(1 / 0.235, 3)


def test_projection_of_an_overlapped_run_waits_for_the_slower_side() -> None:
    bench = bench_module("distributed")
    stages = {"quotes": 50.0, "cites": 20.0, "claims": 10.0, "entities": 20.0, "cluster": 3.0, "digest": 2.0}
    ray = {"inputs": 100, "stages": stages, "overlap": True}
    rows = bench.project(ray, ray, 2, [1, 10], 4)
    # The actors ran the lead only: (50 + 20) * 2 / 100 = 1.4 s an article over the cores, beside the driver's
    # claims, entities and cluster (0.33 s an article) on the chunk before; the digest (0.02 s) after the parse.
    assert [round(r["seconds_per_article"], 6) for r in rows] == [round(1.4 / 4 + 0.02, 6), round(0.33 + 0.02, 6)]
    assert round(rows[0]["serial"], 6) == 0.35


def test_cpu_seconds_count_the_children() -> None:
    bench = bench_module("distributed")
    burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass\n"
    child = subprocess.Popen(
        [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {burn!r}])"]
    )
    seen: dict[tuple[int, int], float] = {}
    while child.poll() is None:
        bench._sample(child.pid, seen)
    assert sum(seen.values()) >= 0.3  # the grandchild's burn, seen below the child
    assert all(pid != os.getpid() for pid, _ in seen)


def _run(code: str, store: str, *, end: str | None = None) -> dict[str, object]:
    return {
        "inputs": 10,
        "seconds": 1.0,
        "process_seconds": 2.0,
        "cpu_seconds": 1.5,
        "stages": {"quotes": 1.0, "entities": 0.5},
        "overlap": True,
        "articles": 10,
        "quotes": 7,
        "entities": 5,
        "failures": 0,
        "code_start": code,
        "code_end": code if end is None else end,
        "store": store,
    }


def test_the_code_fingerprint_sees_any_changed_file_but_no_bytecode(tmp_path: Path) -> None:
    bench = bench_module("distributed")
    package = tmp_path / "newsdesk"
    (package / "extract").mkdir(parents=True)
    (package / "extract" / "quotes.py").write_text("RULE = 1\n")
    (package / "model.npz").write_bytes(b"\0\1")
    first = bench.code_fingerprint(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-313.pyc").write_bytes(b"compiled")
    assert bench.code_fingerprint(package) == first
    (package / "extract" / "quotes.py").write_text("RULE = 2\n")  # a rule edited while a benchmark runs
    assert bench.code_fingerprint(package) != first


def test_the_store_digest_leaves_out_where_and_when_but_sees_a_quote(tmp_path: Path) -> None:
    bench = bench_module("distributed")

    def store(name: str, source: str, at: str, quote: str) -> Path:
        db = tmp_path / name
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE articles (id TEXT, source TEXT, text TEXT, ingested_at TEXT)")
            conn.execute("CREATE TABLE quotes (id TEXT, article_id TEXT, text TEXT)")
            conn.execute("INSERT INTO articles VALUES ('a1', ?, 'Invented words.', ?)", (source, at))
            conn.execute("INSERT INTO quotes VALUES ('q1', 'a1', ?)", (quote,))
        return db

    one = bench.store_digest(store("one.db", "/tmp/run-a/x.txt", "10:00", "we will build it"))
    two = bench.store_digest(store("two.db", "/tmp/run-b/x.txt", "10:30", "we will build it"))
    three = bench.store_digest(store("three.db", "/tmp/run-a/x.txt", "10:00", "we will build"))
    assert one == two
    assert one != three


def test_the_store_digest_sees_a_digest_page_and_a_claims_support_row(tmp_path: Path) -> None:
    bench = bench_module("distributed")

    def store(name: str, page: str, stance: str, written_first: str) -> Path:
        db = tmp_path / name
        with sqlite3.connect(db) as conn:
            conn.execute(
                "CREATE TABLE story_digests (story_id TEXT, part TEXT, data TEXT, PRIMARY KEY (story_id, part))"
                " WITHOUT ROWID"
            )
            conn.execute("CREATE TABLE claim_support (cluster_id TEXT, claim_id TEXT, stance TEXT)")
            parts = [("s1", "claims", page), ("s1", "timeline", "[]")]
            for row in sorted(parts, key=lambda p: p[1] != written_first):
                conn.execute("INSERT INTO story_digests VALUES (?, ?, ?)", row)
            conn.execute("INSERT INTO claim_support VALUES ('k1', 'c1', ?)", (stance,))
        return db

    one = bench.store_digest(store("one.db", "[1]", "supports", "claims"))
    assert bench.store_digest(store("two.db", "[1]", "supports", "timeline")) == one  # the same rows, kept by key
    assert bench.store_digest(store("three.db", "[2]", "supports", "claims")) != one
    assert bench.store_digest(store("four.db", "[1]", "contradicts", "claims")) != one


def test_runs_of_different_code_are_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = bench_module("distributed")
    runs = {"local": _run("c0de1", "s1"), "ray": _run("c0de2", "s2")}
    monkeypatch.setattr(bench, "measure", lambda engine, limit, workers: runs[engine])
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--limit", "10", "--machines", "1"])
    assert "different newsdesk code" in str(exit_info.value)
    assert "local    " in capsys.readouterr().out  # the figures are printed all the same

    runs = {"local": _run("c0de1", "s1", end="c0de2"), "ray": _run("c0de2", "s1")}
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--limit", "10", "--machines", "1"])
    assert "changed during the local run" in str(exit_info.value)


def test_the_same_code_must_store_the_same_under_each_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    bench = bench_module("distributed")
    runs = {"local": _run("c0de1", "s1"), "ray": _run("c0de1", "s2")}
    monkeypatch.setattr(bench, "measure", lambda engine, limit, workers: runs[engine])
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--limit", "10", "--machines", "1"])
    assert "stored different things" in str(exit_info.value)

    runs["ray"] = _run("c0de1", "s1")
    bench.main(["--limit", "10", "--machines", "1"])  # one code, one store: no error
