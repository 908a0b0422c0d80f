"""Throughput of the web UI under concurrent load on loopback: N clients, a fixed number of requests, then stop.

Inputs: the store of bench/web.py (built the same way, or reused with ``--db``). The UI is served by
``newsdesk serve`` in a process of its own, as a user runs it; ``--clients`` keep-alive clients (asyncio, httpx)
in this process share ``--requests`` requests spread round-robin over the main pages and their JSON twins
(stories, a story, an article, an entity-free search). Printed: requests/s, errors (any status but 200, or a
failed request), and p50, p95 and max per route, against a target of >= 200 requests/s, 0 errors and p95 < 100
ms, and the server's CPU time per request. ``--no-cache`` serves with the page cache off (``[web] cache_mb =
0``): every page computed anew.

Usage: ``.venv/bin/python bench/load.py [--db PATH] [--articles 10000] [--clients 20] [--requests 2000]``.
``--timeout`` bounds the whole run in seconds (default 120): requests still waiting then count as errors.
``--rate R`` offers R requests a second (an open loop) instead of sending each as soon as a client is free; a
request's time then counts from when it was due.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import httpx

import newsdesk

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
    # A kind may have fewer URLs than its share (a store with few stories): its URLs are then taken again.
    return [
        (name, routes[name][i // len(names) % len(routes[name])])
        for i in range(requests)
        for name in [names[i % len(names)]]
    ]


async def _load(
    base: str, work: list[tuple[str, str]], clients: int, timeout: float, rate: float | None = None
) -> tuple[dict[str, list[float]], int, float]:
    """Send ``work`` from ``clients`` keep-alive clients: each as soon as a client is free, or, with ``rate``,
    request i at i / rate seconds from the start (an open loop: a late answer does not delay the next request).
    With a rate, a request's time counts from when it was due, so a server that falls behind shows it."""
    timings: dict[str, list[float]] = {}
    errors = 0
    queue: asyncio.Queue[tuple[int, str, str]] = asyncio.Queue()
    for i, (route, url) in enumerate(work):
        queue.put_nowait((i, route, url))
    # Clients are made and connected before the clock starts: making an httpx client builds a TLS context
    # (tens of milliseconds of this process's time each), which is not the server's to answer for.
    http = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(clients)]
    await asyncio.gather(*(h.get("/static/style.css") for h in http))
    started = time.perf_counter()

    async def client(session: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            i, route, url = queue.get_nowait()
            due = started + i / rate if rate else time.perf_counter()
            if rate and (wait := due - time.perf_counter()) > 0:
                await asyncio.sleep(wait)
            try:
                response = await session.get(url)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            timings.setdefault(route, []).append((time.perf_counter() - due) * 1000)
            errors += not ok

    tasks = [asyncio.create_task(client(h)) for h in http]
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    elapsed = time.perf_counter() - started
    for h in http:
        await h.aclose()
    answered = sum(len(v) for v in timings.values())
    return timings, errors + (len(work) - answered), elapsed


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of process ``pid`` so far (Linux /proc), 0.0 where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(
    db: Path, clients: int, requests: int, timeout: float, *, cache: bool = True, rate: float | None = None
) -> tuple[dict[str, list[float]], int, float, float]:
    """Serve ``db`` on loopback with ``newsdesk serve`` in its own process, as a user runs it, load it from this
    process, stop the server; returns timings per route, errors, seconds, and the server's CPU seconds."""
    web = _web_bench()
    with newsdesk.open(db) as corpus:
        work = plan(corpus, web, requests)
    env = {**os.environ, "NEWSDESK_WEB_CACHE_MB": "64" if cache else "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()  # "Serving newsdesk at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if found is None:
            raise SystemExit(f"error: the server did not start: {line}{server.stderr.read()[-2000:]}")
        base = found.group(0)
        # Read what else the server says, so a full pipe never stops it.
        threading.Thread(target=server.stderr.read, daemon=True).start()
        with httpx.Client(base_url=base) as warm:  # templates and the first connection of each kind
            for _, url in work[: 2 * len({r for r, _ in work})]:
                warm.get(url)
        cpu = _cpu_seconds(server.pid)
        timings, errors, elapsed = asyncio.run(_load(base, work, clients, timeout, rate))
        return timings, errors, elapsed, _cpu_seconds(server.pid) - cpu
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr is not None:
            server.stderr.close()


def table(
    timings: dict[str, list[float]],
    errors: int,
    elapsed: float,
    clients: int,
    server_cpu: float = 0.0,
    rate: float | None = None,
) -> list[str]:
    """The summary line and one row per route."""
    web = _web_bench()
    total = sum(len(v) for v in timings.values())
    every = [t for v in timings.values() for t in v]
    rps = total / elapsed if elapsed else 0.0
    p95 = web.percentile(every, 95) if every else 0.0
    # Offered a rate, the run lasts until the last answer, a little past the last request's due time.
    kept_up = rate >= TARGET_RPS and rps >= 0.99 * rate if rate else rps >= TARGET_RPS
    rows = [
        f"{total} requests by {clients} clients in {elapsed:.1f} s: {rps:.0f} requests/s, {errors} errors, "
        f"p95 {p95:.1f} ms  (target >= {TARGET_RPS:.0f}/s, 0 errors, p95 < {TARGET_P95_MS:.0f} ms: "
        f"{'ok' if kept_up and not errors and p95 < TARGET_P95_MS else 'MISSED'})",
        f"server CPU: {server_cpu:.1f} s, {server_cpu / total * 1000 if total else 0.0:.1f} ms a request",
        web.header("route"),
    ]
    rows.extend(web.row(route, values) for route, values in timings.items())
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, default=None, help="reuse the store there, or build it there")
    parser.add_argument("--articles", type=int, default=10_000, help="articles when building a store (default 10000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--requests", type=int, default=2000, help="requests in all (default 2000)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds the load may take (default 120)")
    parser.add_argument("--no-cache", action="store_true", help="serve with [web] cache_mb = 0: no page kept")
    parser.add_argument(
        "--rate", type=float, default=None, help="send this many requests a second (default: as fast as answered)"
    )
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
        timings, errors, elapsed, cpu = run(
            db, args.clients, args.requests, args.timeout, cache=not args.no_cache, rate=args.rate
        )
        with newsdesk.open(db) as corpus:
            stored, stories = corpus.count(), len(corpus.stories())
    cached = "no page cache" if args.no_cache else "page cache on"
    pace = f"{args.rate:g} requests/s offered" if args.rate else "each client as fast as answered"
    print(
        f"newsdesk {newsdesk.__version__} load benchmark: {stored:,} articles in {stories:,} stories, "
        f"over loopback, {cached}, {pace}"
    )
    print("\n".join(table(timings, errors, elapsed, args.clients, cpu, args.rate)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
