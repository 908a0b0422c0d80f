"""bench/distributed.py: the projection to N machines and the CPU accounting of a process tree."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import bench_module


def test_projection_spreads_the_per_article_stages_only() -> None:
    bench = bench_module("distributed")
    run = {
        "inputs": 100,
        "process_seconds": 110.0,
        "stages": {"quotes": 80.0, "cites": 0.0, "entities": 20.0, "dedupe": 0.0},
    }
    rows = bench.project(run, 2, [1, 4], 2)
    # start 10 s, per-article 80 s on 2 workers, serial 20 s: on 4 machines of 2 cores, 10 + 80 * 2 / 8 + 20.
    assert [r["seconds"] for r in rows] == [110.0, 50.0]
    assert rows[1]["articles_per_s"] == 2.0


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
