"""Throughput of the web UI under concurrent load on loopback: N clients, a fixed number of requests, then stop.

Inputs: the store of bench/web.py (built the same way, or reused with ``--db``). The UI is served by uvicorn in
a thread of this process, as ``newsdesk serve`` serves it; ``--clients`` keep-alive clients (asyncio, httpx)
share ``--requests`` requests spread round-robin over the main pages and their JSON twins (stories, a story,
an article, an entity-free search). Printed: requests/s, errors (any status but 200, or a failed request), and
p50, p95 and max per route, against a target of >= 200 requests/s, 0 errors and p95 < 100 ms.

Usage: ``.venv/bin/python bench/load.py [--db PATH] [--articles 10000] [--clients 20] [--requests 2000]``.
``--timeout`` bounds the whole run in seconds (default 120): requests still waiting then count as errors.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import random
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import httpx
import uvicorn

import newsdesk
from newsdesk.web import create_app

TARGET_RPS = 200.0
TARGET_P95_MS = 100.0


def _web_bench() -> ModuleType:
    """bench/web.py, loaded by path, for its store and its URLs."""
    spec = importlib.util.spec_from_file_location("newsdesk_bench_web", Path(__file__).with_name("web.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def plan(corpus: newsdesk.Corpus, web: ModuleType, requests: int) -> list[tuple[str, str]]:
    """``(route, url)`` pairs, ``requests`` of them, the routes taken in turn (pages and their JSON twins)."""
    per_kind = max(5, requests // 8 + 1)
    kinds = web.urls(corpus, per_kind, random.Random(web.SEED))
    routes: dict[str, list[str]] = {}
    for kind, urls in kinds.items():
        routes[kind] = urls
        if not kind.endswith(".json") and kind not in {"/ (stories)", "/stories/{id}"}:
            twin = kind.split("?")[0] + ".json" + ("?q=" if "?" in kind else "")
            routes[twin] = [u.replace("?", ".json?", 1) if "?" in u else u + ".json" for u in urls]
    names = list(routes)
    return [(names[i % len(names)], routes[names[i % len(names)]][i // len(names) % per_kind]) for i in range(requests)]


async def _load(
    base: str, work: list[tuple[str, str]], clients: int, timeout: float
) -> tuple[dict[str, list[float]], int, float]:
    timings: dict[str, list[float]] = {}
    errors = 0
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)

    async def client() -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            while not queue.empty():
                route, url = queue.get_nowait()
                started = time.perf_counter()
                try:
                    response = await http.get(url)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                timings.setdefault(route, []).append((time.perf_counter() - started) * 1000)
                errors += not ok

    started = time.perf_counter()
    tasks = [asyncio.create_task(client()) for _ in range(clients)]
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    elapsed = time.perf_counter() - started
    answered = sum(len(v) for v in timings.values())
    return timings, errors + (len(work) - answered), elapsed


def run(db: Path, clients: int, requests: int, timeout: float) -> tuple[dict[str, list[float]], int, float]:
    """Serve ``db`` on loopback, load it, stop the server; returns timings per route, errors and seconds."""
    web = _web_bench()
    with newsdesk.open(db) as corpus:
        work = plan(corpus, web, requests)
        config = uvicorn.Config(create_app(corpus), host="127.0.0.1", port=web._free_port(), log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            base = f"http://127.0.0.1:{config.port}"
            with httpx.Client(base_url=base) as warm:  # templates, caches, the first connection of each kind
                for _, url in work[: 2 * len({r for r, _ in work})]:
                    warm.get(url)
            return asyncio.run(_load(base, work, clients, timeout))
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def table(timings: dict[str, list[float]], errors: int, elapsed: float, clients: int) -> list[str]:
    """The summary line and one row per route."""
    web = _web_bench()
    total = sum(len(v) for v in timings.values())
    every = [t for v in timings.values() for t in v]
    rps = total / elapsed if elapsed else 0.0
    p95 = web.percentile(every, 95) if every else 0.0
    rows = [
        f"{total} requests by {clients} clients in {elapsed:.1f} s: {rps:.0f} requests/s, {errors} errors, "
        f"p95 {p95:.1f} ms  (target >= {TARGET_RPS:.0f}/s, 0 errors, p95 < {TARGET_P95_MS:.0f} ms: "
        f"{'ok' if rps >= TARGET_RPS and not errors and p95 < TARGET_P95_MS else 'MISSED'})",
        f"{'route':<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}",
    ]
    for route, values in timings.items():
        ordered = sorted(values)
        rows.append(
            f"{route:<22}{len(values):>9}{ordered[len(ordered) // 2]:>9.1f}{web.percentile(values, 95):>9.1f}"
            f"{ordered[-1]:>9.1f}"
        )
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, default=None, help="reuse the store there, or build it there")
    parser.add_argument("--articles", type=int, default=10_000, help="articles when building a store (default 10000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--requests", type=int, default=2000, help="requests in all (default 2000)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds the load may take (default 120)")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.requests < args.clients or args.articles < 10:
        parser.error("--clients must be at least 1, --requests at least --clients, --articles at least 10")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or reuse) the store, load the UI, print the table; returns 0, or 1 when a request failed."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-load-") as tmp:
        db = args.db or Path(tmp) / "web.db"
        web = _web_bench()
        if not (db.exists() and web._stored(db)):
            web.build(db, args.articles, Path(tmp))
        timings, errors, elapsed = run(db, args.clients, args.requests, args.timeout)
        with newsdesk.open(db) as corpus:
            stored, stories = corpus.count(), len(corpus.stories())
    print(f"newsdesk {newsdesk.__version__} load benchmark: {stored:,} articles in {stories:,} stories, over loopback")
    print("\n".join(table(timings, errors, elapsed, args.clients)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
