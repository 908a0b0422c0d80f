"""Latency of the web UI's main pages on loopback, over a store of 10,000 articles grouped into stories.

Inputs: the articles of bench/cluster.py (the real PolNeAR and ECB+ articles, then perturbed copies of them,
with a fixed seed), ingested into a fresh database with the stages cites, dates, dedupe, cluster and origins,
untimed. The quotes and entities stages are left out: on spaCy they would take most of an hour at this size,
and the pages then read empty quote tables, which costs the same queries.

The UI is served by uvicorn in this process, as ``newsdesk serve`` does, and fetched over loopback HTTP with
one keep-alive client, one request at a time. Each page kind is fetched ``--requests`` times (stories and
articles picked at random with a fixed seed, the largest stories always included), after a warm-up. Printed:
p50, p95 and max per page kind, against a target of p95 < 100 ms.

Usage: ``.venv/bin/python bench/web.py [--articles 10000] [--requests 50] [--db PATH] [--json PATH]``. With
``--db``, a database already built there (by an earlier run with the same ``--articles``) is reused.
``NEWSDESK_SHARED`` overrides the ``../shared`` folder.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import uvicorn

import newsdesk
from newsdesk import Settings
from newsdesk.settings import PipelineSettings
from newsdesk.web import create_app

STAGES = ("cites", "dates", "dedupe", "cluster", "origins")
TARGET_MS = 100.0
SEED = 20261122
WORDS = ("dam", "police", "earthquake", "election", "fire", "minister", "court", "strike", "storm", "said")


def _cluster_bench() -> Any:
    """bench/cluster.py, loaded by path, for its corpus of real articles and perturbed copies."""
    spec = importlib.util.spec_from_file_location("newsdesk_bench_cluster", Path(__file__).with_name("cluster.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in it look their module up by name
    spec.loader.exec_module(module)
    return module


def _grow_bench() -> Any:
    """bench/grow.py, loaded by path, for a store with every analysis stage run."""
    spec = importlib.util.spec_from_file_location("newsdesk_bench_grow", Path(__file__).with_name("grow.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def build(db: Path, count: int, tmp: Path) -> float:
    """Ingest ``count`` articles into ``db`` and group them; returns the seconds it took (not part of the figures)."""
    cluster = _cluster_bench()
    records, _ = cluster.build(cluster.shared_data(), count, cluster.SEED)
    sources = []
    for start in range(0, count, cluster.FILE_LINES):
        source = tmp / f"web-{start // cluster.FILE_LINES:04d}.jsonl"
        lines = records[start : start + cluster.FILE_LINES]
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
        sources.append(source)
    started = time.perf_counter()
    with newsdesk.open(db, settings=Settings(pipeline=PipelineSettings(stages=STAGES))) as corpus:
        report = corpus.ingest(sources)
        if not report.added:
            sys.exit(f"error: nothing was stored in {db}; first failure: {report.failures[:1]}")
    return time.perf_counter() - started


def _stored(db: Path) -> int:
    with newsdesk.open(db) as corpus:
        return corpus.count()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def urls(corpus: newsdesk.Corpus, requests: int, rng: random.Random) -> dict[str, list[str]]:
    """The URLs to fetch per page kind: ``requests`` each, the largest stories first among the stories."""
    stories = corpus.stories()
    if not stories:
        sys.exit("error: the benchmark store holds no stories; was the cluster stage run?")
    biggest = sorted(stories, key=lambda s: -len(s["article_ids"]))[:5]
    picked = biggest + rng.sample(stories, min(len(stories), max(0, requests - len(biggest))))
    articles = [a["id"] for a in corpus.articles()]
    # Entity pages when the store has entities (an --all-stages store): the most mentioned first, then random.
    named = [e["id"] for e in corpus.entities()]
    entities = named[:5] + rng.sample(named[5:], min(len(named) - 5, max(0, requests - 5))) if named else []
    kinds = {
        "/ (stories)": ["/"] * requests,
        "/index.json": ["/index.json"] * requests,
        "/stories/{id}": [f"/stories/{s['id']}" for s in picked][:requests],
        "/stories/{id}.json": [f"/stories/{s['id']}.json" for s in picked][:requests],
        "/articles/{id}": [f"/articles/{a}" for a in rng.sample(articles, min(requests, len(articles)))],
        "/search?q=": [f"/search?q={WORDS[i % len(WORDS)]}" for i in range(requests)],
    }
    if entities:
        kinds["/entities/{id}"] = [f"/entities/{e}" for e in entities][:requests]
    return kinds


def measure(base: str, plan: dict[str, list[str]]) -> dict[str, list[float]]:
    """Milliseconds per request, per page kind; every response must be 200."""
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for url in [u for kind in plan.values() for u in kind[:3]]:  # warm-up: caches, templates, connection
            client.get(url)
        for kind, kind_urls in plan.items():
            timings[kind] = []
            for url in kind_urls:
                started = time.perf_counter()
                response = client.get(url)
                timings[kind].append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    sys.exit(f"error: {url} answered {response.status_code}: {response.text[:300]}")
    return timings


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered)))) - 1]


def header(first: str) -> str:
    """The column titles of :func:`row`."""
    return f"{first:<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"


def row(kind: str, values: Sequence[float]) -> str:
    """One page kind's requests and p50, p95 and max milliseconds (bench/load.py prints the same rows)."""
    p50, p95 = statistics.median(values), percentile(values, 95)
    return f"{kind:<22}{len(values):>9}{p50:>9.1f}{p95:>9.1f}{max(values):>9.1f}"


def table(timings: dict[str, list[float]]) -> list[str]:
    """One row per page kind: requests, p50, p95, max, and whether p95 meets the target."""
    rows = [f"{header('page')}  target p95 < {TARGET_MS:.0f} ms"]
    for kind, values in timings.items():
        rows.append(f"{row(kind, values)}  {'ok' if percentile(values, 95) < TARGET_MS else 'OVER'}")
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the store (default 10000)")
    parser.add_argument("--requests", type=int, default=50, help="requests per page kind (default 50)")
    parser.add_argument("--db", type=Path, default=None, help="build the store here, or reuse the one there")
    parser.add_argument(
        "--all-stages",
        action="store_true",
        help="build a missing store with every analysis stage (bench/grow.py), entity pages then timed too",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON to this path")
    args = parser.parse_args(argv)
    if args.articles < 10 or args.requests < 5:
        parser.error("--articles must be at least 10 and --requests at least 5")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or reuse) the store, serve it, fetch the pages, print the table; returns the exit status."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-web-") as tmp:
        db = args.db or Path(tmp) / "web.db"
        built = None
        if not (db.exists() and _stored(db)):
            built = (
                _grow_bench().build(db, args.articles, Path(tmp))
                if args.all_stages
                else build(db, args.articles, Path(tmp))
            )
        with newsdesk.open(db) as corpus:
            plan = urls(corpus, args.requests, random.Random(SEED))
            stored, stories = corpus.count(), len(corpus.stories())
            config = uvicorn.Config(create_app(corpus), host="127.0.0.1", port=_free_port(), log_level="warning")
            server = uvicorn.Server(config)
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.02)
            try:
                timings = measure(f"http://127.0.0.1:{config.port}", plan)
            finally:
                server.should_exit = True
                thread.join(timeout=10)
    print(
        f"newsdesk {newsdesk.__version__} web benchmark: {stored:,} articles in {stories:,} stories"
        + (f" (built in {built:.0f} s, untimed)" if built is not None else f" (reused {db})")
        + f", {args.requests} requests per page over loopback"
    )
    print("\n".join(table(timings)))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results(args, stored, stories, timings), indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


def results(args: argparse.Namespace, stored: int, stories: int, timings: dict[str, list[float]]) -> dict[str, Any]:
    """The results as a JSON-ready dict."""
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "newsdesk": newsdesk.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "articles": stored,
        "stories": stories,
        "requests": args.requests,
        "target_p95_ms": TARGET_MS,
        "pages": {
            kind: {
                "p50_ms": statistics.median(values),
                "p95_ms": percentile(values, 95),
                "max_ms": max(values),
            }
            for kind, values in timings.items()
        },
    }


if __name__ == "__main__":
    sys.exit(main())
