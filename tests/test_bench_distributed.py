"""bench/distributed.py: the projection to N machines and the CPU accounting of a process tree."""

from __future__ import annotations

import os
import subprocess
import sys

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
    # claims and entities (0.3 s an article) on the chunk before; cluster and the digest (0.05 s) after the parse.
    assert [round(r["seconds_per_article"], 6) for r in rows] == [round(1.4 / 4 + 0.05, 6), round(0.3 + 0.05, 6)]
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
