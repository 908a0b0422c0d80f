"""The Ray engine against the local worker processes on the same articles, and a projection to N machines.

Each engine ingests the same articles (the first ``--limit`` PolNeAR text files that ``bench/ingest.py`` reads)
into a fresh database, in a process of its own, with ``--workers`` processes or actors (default 2): ``local`` runs
the per-article stages in worker processes, ``ray`` in a pool of Ray actors kept for the run, on a local Ray
started for the run (``[pipeline] engine``). The CPU seconds are the run's process and every process below it
(sampled from ``/proc``: the local workers, and Ray's processes and actors), so they hold on a shared machine
where wall times swing.

From the Ray run's stage seconds it projects the steady rate of a large corpus on N machines: the per-article
stages the actors ran at the Ray actors' rate (Ray's cost per unit included; the actors start once per run), spread
over every core, and the stages that stay in the driver. Since decision 0049 entity linking, claims and stances
work in the driver on one chunk while the actors parse the next, since decision 0075 dedupe, clustering, origins
and claim matching too, and the digest runs after the parse: ``seconds per article = max(actor_s / (N * cores),
middle_s) + tail_s``. A run that did not overlap (``[pipeline] overlap`` off) ran claims and stances on the actors
too, and everything one after the other: ``actor_s / (N * cores) + serial_s``.

The two runs are compared by what they stored, not by counts alone: each hashes its store's analysis tables
(:func:`store_digest`), and each fingerprints the newsdesk code it imported, as it starts and as it ends
(:func:`code_fingerprint`). A run whose code changed under it (a checkout updated while the benchmark ran: the
workers and actors import it when they start, minutes after the driver) or two runs of different code make the
comparison meaningless, and the benchmark says so and exits with an error after printing its figures; so do two
runs of the same code that stored different things (an engine that changes results).

Usage: ``.venv/bin/python bench/distributed.py [--limit 400] [--workers 2] [--machines 1,2,4,8,16] [--json PATH]``
(needs ``pip install -e '.[ray]'``). ``NEWSDESK_SHARED`` overrides the ``../shared`` folder.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# The stages the actors run: the lead (decision 0049) when the run overlaps, claims and stances too when not.
LEAD = ("cites", "dates", "features", "quotes")
PER_ARTICLE = (*LEAD, "claims", "stances")
# Beside the parse when the run overlaps: every stage after the lead but the digest, which follows it (decision 0075).
MIDDLE = ("entities", "claims", "stances", "dedupe", "cluster", "origins", "claim_match")


# The store's tables compared between the runs, and the columns left out of them: when a row was written, and
# where its input lay (each run reads its inputs from a temporary folder of its own).
DIGESTED = (
    "articles",
    "quotes",
    "mentions",
    "entities",
    "claims",
    "stances",
    "date_mentions",
    "events",
    "stories",
    "origin_links",
    "claim_clusters",
    "claim_support",
    "event_coverage",
    "event_entities",
    "story_digests",
    "entity_digests",
)
VOLATILE = frozenset({"source", "ingested_at"})


def code_fingerprint(package: Path) -> str:
    """A hash of every file of the newsdesk package at ``package`` (its sources, templates and model weights;
    bytecode caches left out): what the run's processes import, whichever starts when."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def store_digest(db: Path) -> str:
    """A hash of what a run stored: the rows of :data:`DIGESTED` in rowid order (a table without rowids: in the order
    of its values), without :data:`VOLATILE` columns."""
    import sqlite3

    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        for table in DIGESTED:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in VOLATILE]
            if not columns:  # a table this version of the store does not have
                continue
            listed = ", ".join(f'"{c}"' for c in columns)
            digest.update(f"{table}({listed})".encode())
            (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            order = listed if "WITHOUT ROWID" in sql.upper() else "rowid"  # such a table's rows by their values
            for row in conn.execute(f"SELECT {listed} FROM {table} ORDER BY {order}"):
                digest.update(repr(row).encode())
    return digest.hexdigest()[:16]


def comparison_problems(runs: dict[str, dict[str, Any]]) -> list[str]:
    """Why the runs' figures cannot be compared as one code on several engines, or why the engines disagree."""
    problems = [
        f"the newsdesk code changed during the {engine} run ({run['code_start']} -> {run['code_end']}): its"
        " processes may have imported either"
        for engine, run in runs.items()
        if run.get("code_start") != run.get("code_end")
    ]
    codes = {run.get("code_start") for run in runs.values()}
    if len(codes) > 1:
        problems.append(
            "the runs imported different newsdesk code ("
            + ", ".join(f"{engine} {run.get('code_start')}" for engine, run in runs.items())
            + "): their stores cannot be compared"
        )
    elif not problems and len({run.get("store") for run in runs.values()}) > 1:
        problems.append(
            "the same code stored different things under each engine ("
            + ", ".join(f"{engine} {run.get('store')}" for engine, run in runs.items())
            + ")"
        )
    return problems


def _ingest_bench() -> Any:
    spec = importlib.util.spec_from_file_location("newsdesk_bench_ingest", HERE / "ingest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def one_run(engine: str, limit: int, workers: int, out: Path) -> None:
    """Ingest ``limit`` articles with ``engine`` into a fresh database; write the timings to ``out`` as JSON."""
    import newsdesk
    from newsdesk.settings import PipelineSettings, Settings

    bench = _ingest_bench()
    package = Path(newsdesk.__file__).resolve().parent
    code_start = code_fingerprint(package)
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-ray-") as tmp:
        inputs = bench.select(bench.shared_data(), limit, Path(tmp))
        targets = [*inputs.texts, *([inputs.jsonl] if inputs.lines else [])]
        settings = Settings(pipeline=PipelineSettings(workers=workers, engine=engine, parallel_from=1))
        with newsdesk.open(Path(tmp) / "bench.db", settings=settings) as corpus:
            # A first run overlaps when the setting is on (decision 0049): every stage has the same articles pending.
            overlap = (
                settings.pipeline.overlap and corpus.pipeline.split({n: [] for n in corpus.pipeline.names}) is not None
            )
            started = time.perf_counter()
            report = corpus.ingest(targets)
            seconds = time.perf_counter() - started
            picture: dict[str, Any] = {
                "articles": corpus.count(),
                "quotes": len(corpus.quotes()),
                "entities": len(corpus.entities()),
                "failures": len(report.failures),
            }
        picture["store"] = store_digest(Path(tmp) / "bench.db")
    code_end = code_fingerprint(package)
    stages = {s.stage: s.seconds for s in report.stages[1:]}
    out.write_text(
        json.dumps(
            {
                "engine": engine,
                "inputs": inputs.count,
                "seconds": seconds,
                "stages": stages,
                "overlap": overlap,
                "code_start": code_start,
                "code_end": code_end,
                **picture,
            }
        ),
        encoding="utf-8",
    )


def measure(engine: str, limit: int, workers: int) -> dict[str, Any]:
    """One engine's run in a child process: its figures plus the CPU seconds of it and what it waited for."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-ray-") as tmp:
        out = Path(tmp) / "run.json"
        started = time.perf_counter()
        command = [sys.executable, __file__, "--run", engine, "--limit", str(limit), "--workers", str(workers)]
        child = subprocess.Popen([*command, "--out", str(out)])
        seen: dict[tuple[int, int], float] = {}  # (pid, start tick) -> CPU seconds when last seen
        while child.poll() is None:
            _sample(child.pid, seen)
            time.sleep(0.25)
        wall = time.perf_counter() - started
        status = child.returncode
        if status:
            sys.exit(f"error: the {engine} run failed (status {status})")
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    figures["process_seconds"] = wall
    figures["cpu_seconds"] = sum(seen.values())
    return figures


def _sample(root: int, seen: dict[tuple[int, int], float]) -> None:
    """Record the CPU seconds of ``root`` and every process below it (from /proc; Linux only). A process that
    ends between two samples loses at most a quarter second of its time."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        stats[pid] = fields
    for pid, fields in stats.items():
        up = pid
        while up not in (root, 0, 1) and up in parents:
            up = parents[up]
        if up == root:
            # utime, stime are fields 14 and 15 of stat, start time 22 (here counted from field 3).
            seen[(pid, int(fields[19]))] = (int(fields[11]) + int(fields[12])) / tick


def project(
    local: dict[str, Any], ray: dict[str, Any], workers: int, machines: list[int], cores: int
) -> list[dict[str, float]]:
    """Articles/s of a large corpus on N machines of ``cores`` cores (see the module docstring): one actor's seconds
    per article in the Ray run (its per-article stages' seconds times the actors working at once; Ray's own cost
    per unit and the actors' start are in them) spread over every core, and the corpus stages in the driver."""
    n = ray["inputs"]
    overlap = ray.get("overlap", False)
    on_actors = LEAD if overlap else PER_ARTICLE
    ray_work = sum(s for name, s in ray["stages"].items() if name in on_actors)
    beside = MIDDLE if overlap else ()
    middle = sum(s for name, s in ray["stages"].items() if name not in on_actors and name in beside) / n
    tail = sum(s for name, s in ray["stages"].items() if name not in on_actors and name not in beside) / n
    actor_seconds = ray_work * workers / n  # one actor's seconds per article
    rows = []
    for count in machines:
        spread = actor_seconds / (count * cores)
        seconds = (max(spread, middle) if overlap else spread + middle) + tail
        rows.append(
            {
                "machines": count,
                "seconds_per_article": seconds,
                "articles_per_s": 1 / seconds,
                "serial": middle + tail,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=400, help="articles (first PolNeAR text files)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes or Ray actors")
    parser.add_argument("--machines", default="1,2,4,8,16,64", help="machine counts to project to")
    parser.add_argument("--cores", type=int, default=8, help="cores per projected machine")
    parser.add_argument("--engines", default="local,ray")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        one_run(args.run, args.limit, args.workers, args.out)
        return
    runs = {engine: measure(engine, args.limit, args.workers) for engine in args.engines.split(",")}
    print(f"{platform.node()} ({os.cpu_count()} CPUs), load average {os.getloadavg()[0]:.1f}, {args.limit} articles")
    print(f"{'engine':8} {'wall s':>8} {'CPU s':>8} {'per-article s':>14} {'serial s':>9} {'stored':>7} {'quotes':>7}")
    for engine, run in runs.items():
        per_article = sum(s for name, s in run["stages"].items() if name in PER_ARTICLE)
        serial = sum(s for name, s in run["stages"].items() if name not in PER_ARTICLE)
        print(
            f"{engine:8} {run['process_seconds']:8.1f} {run['cpu_seconds']:8.1f} {per_article:14.1f} {serial:9.1f}"
            f" {run['articles']:7d} {run['quotes']:7d}"
        )
    if "local" in runs and "ray" in runs:
        local, ray = runs["local"], runs["ray"]
        print(
            f"Ray overhead: wall {ray['process_seconds'] / local['process_seconds'] - 1:+.0%},"
            f" CPU {ray['cpu_seconds'] / local['cpu_seconds'] - 1:+.0%}"
        )
    projected: list[dict[str, float]] = []
    if "local" in runs and "ray" in runs:
        counts = [int(m) for m in args.machines.split(",")]
        projected = project(runs["local"], runs["ray"], args.workers, counts, args.cores)
        print(
            f"Projection for a large corpus, {args.cores} cores a machine (the corpus stages alone:"
            f" {1 / projected[0]['serial']:.1f} articles/s):"
        )
        for row in projected:
            print(f"  {row['machines']:4d} machines: {row['articles_per_s']:7.2f} articles/s")
    problems = comparison_problems(runs)
    for engine, run in runs.items():
        print(f"{engine}: code {run['code_start']}, store {run['store']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"runs": runs, "projection": projected, "problems": problems}, indent=2), encoding="utf-8"
        )
    if problems:
        sys.exit("error: " + "; ".join(problems))


if __name__ == "__main__":
    main()
