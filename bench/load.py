"""Throughput of the web UI under concurrent load on loopback: N clients, a fixed number of requests, then stop.

Inputs: the store of bench/web.py (built the same way, or reused with ``--db``), or with ``--all-stages`` the
store of bench/grow.py (every analysis stage run). The UI is served by ``newsdesk serve`` in a process of its
own, as a user runs it; ``--clients`` keep-alive HTTP/1.1 connections (asyncio streams, a client as plain as a
load tool's) in this process share ``--requests`` requests spread round-robin over the main pages and their
JSON twins (stories, a story, an article, an entity when the store has entities, a search). Printed:
requests/s, errors (any status but 200, or a failed request), and p50, p95 and max per route, against a target
of >= 200 requests/s, 0 errors and p95 < 100 ms; the server's and the clients' CPU time per request and the
machine's load average; and, from a second pass one request at a time with the page cache off, the server's CPU
time per request of each route (``--route-cpu``). ``--no-cache`` serves the load with the page cache off
(``[web] cache_mb = 0``): every page computed anew.

Usage: ``.venv/bin/python bench/load.py [--db PATH] [--articles 10000] [--clients 20] [--requests 2000]``.
``--workers N`` serves from N processes (``newsdesk serve --workers``; the second pass always uses one).
``--timeout`` bounds the whole run in seconds (default 120): requests still waiting then count as errors.
``--rate R`` offers R requests a second (an open loop) instead of sending each as soon as a client is free; a
request's time then counts from when it was due.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
from collections.abc import Iterator, Sequence
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


def _grow_bench() -> ModuleType:
    """bench/grow.py, loaded by path, for a store with every analysis stage run."""
    spec = importlib.util.spec_from_file_location("newsdesk_bench_grow", Path(__file__).with_name("grow.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _twin(url: str) -> str:
    """The JSON twin of a page's URL: ``/stories/x?page=2`` -> ``/stories/x.json?page=2``; the home page's is
    ``/index.json``."""
    path, sep, query = url.partition("?")
    return ("/index" if path == "/" else path) + ".json" + sep + query


def plan(corpus: newsdesk.Corpus, web: ModuleType, requests: int) -> list[tuple[str, str]]:
    """``(route, url)`` pairs, ``requests`` of them, the routes taken in turn (pages and their JSON twins)."""
    per_kind = max(5, requests // 8 + 1)
    kinds = web.urls(corpus, per_kind, random.Random(web.SEED))
    routes: dict[str, list[str]] = {}
    for kind, urls in kinds.items():
        routes[kind] = urls
        path, _, query = kind.partition("?")
        twin = path + ".json" + ("?" + query if query else "")
        # A JSON twin for each page kind bench/web.py times without one (its own twins are kept as they are).
        if ".json" not in path and twin not in kinds and kind not in {"/ (stories)", "/stories/{id}"}:
            routes[twin] = [_twin(u) for u in urls]
    names = list(routes)
    # A kind may have fewer URLs than its share (a store with few stories): its URLs are then taken again.
    return [
        (name, routes[name][i // len(names) % len(routes[name])])
        for i in range(requests)
        for name in [names[i % len(names)]]
    ]


class _Connection:
    """One keep-alive HTTP/1.1 connection, as plain as a load tool's: a GET, then the status line, the headers
    and ``Content-Length`` bytes of body. httpx spent more CPU a request than the server it measured, on the
    same two cores, so the figures were the client's; this costs a few tenths of a millisecond."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, url: str) -> int:
        """The status of ``GET url``; the body is read and dropped. Reconnects once when the server hung up."""
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            try:
                self.writer.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
                head = await self.reader.readuntil(b"\r\n\r\n")
            except (OSError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
                continue
            lines = head.decode("latin-1").split("\r\n")
            fields = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
            await self.reader.readexactly(int(fields.get("content-length", "0")))
            if fields.get("connection") == "close":
                await self.close()
            return int(lines[0].split(" ", 2)[1])
        raise AssertionError("unreachable")

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _load(
    base: str, work: list[tuple[str, str]], clients: int, timeout: float, rate: float | None = None
) -> tuple[dict[str, list[float]], int, float]:
    """Send ``work`` from ``clients`` keep-alive connections: each as soon as a client is free, or, with ``rate``,
    request i at i / rate seconds from the start (an open loop: a late answer does not delay the next request).
    With a rate, a request's time counts from when it was due, so a server that falls behind shows it."""
    timings: dict[str, list[float]] = {}
    errors = 0
    queue: asyncio.Queue[tuple[int, str, str]] = asyncio.Queue()
    for i, (route, url) in enumerate(work):
        queue.put_nowait((i, route, url))
    host, port = base.removeprefix("http://").rsplit(":", 1)
    # Connected before the clock starts.
    connections = [_Connection(host, int(port)) for _ in range(clients)]
    await asyncio.gather(*(c.get("/static/style.css") for c in connections))
    started = time.perf_counter()

    async def client(connection: _Connection) -> None:
        nonlocal errors
        while not queue.empty():
            i, route, url = queue.get_nowait()
            due = started + i / rate if rate else time.perf_counter()
            if rate and (wait := due - time.perf_counter()) > 0:
                await asyncio.sleep(wait)
            try:
                ok = await asyncio.wait_for(connection.get(url), 30) == 200
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                ok = False
                await connection.close()
            timings.setdefault(route, []).append((time.perf_counter() - due) * 1000)
            errors += not ok

    tasks = [asyncio.create_task(client(c)) for c in connections]
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    elapsed = time.perf_counter() - started
    for c in connections:
        await c.close()
    answered = sum(len(v) for v in timings.values())
    return timings, errors + (len(work) - answered), elapsed


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of process ``pid`` so far (Linux /proc), 0.0 where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of process ``pid`` and of its children (``serve --workers``: the serving processes)."""
    total = _cpu_seconds(pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            total += _cpu_seconds(int(stat.parent.name))
    return total


@contextlib.contextmanager
def _serving(db: Path, *, cache: bool, workers: int = 1) -> Iterator[tuple[str, int]]:
    """``newsdesk serve`` over ``db`` in a process of its own (with ``workers`` serving processes), as a user runs
    it: its base URL and process id."""
    env = {**os.environ, "NEWSDESK_WEB_CACHE_MB": "64" if cache else "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "serve", "--port", "0", "--workers", str(workers)],
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
        # Read what else the server says, so a full pipe never stops it.
        threading.Thread(target=server.stderr.read, daemon=True).start()
        yield found.group(0), server.pid
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr is not None:
            server.stderr.close()


def run(
    db: Path,
    clients: int,
    requests: int,
    timeout: float,
    *,
    cache: bool = True,
    rate: float | None = None,
    workers: int = 1,
) -> tuple[dict[str, list[float]], int, float, float, float]:
    """Serve ``db`` on loopback with ``newsdesk serve`` in its own process, as a user runs it, load it from this
    process, stop the server; returns timings per route, errors, seconds, and the server's and the clients' CPU
    seconds."""
    web = _web_bench()
    with newsdesk.open(db) as corpus:
        work = plan(corpus, web, requests)
    with _serving(db, cache=cache, workers=workers) as (base, pid):
        with httpx.Client(base_url=base, timeout=300) as warm:  # templates, first connections, first renders
            # Each worker process warms its own templates: new connections spread over them.
            for _, url in work[: 2 * len({r for r, _ in work})] * workers:
                warm.get(url, headers={"connection": "close"} if workers > 1 else None)
        cpu, own = _tree_cpu_seconds(pid), time.process_time()
        timings, errors, elapsed = asyncio.run(_load(base, work, clients, timeout, rate))
        return timings, errors, elapsed, _tree_cpu_seconds(pid) - cpu, time.process_time() - own


def route_cpu(db: Path, requests: int, per_route: int) -> dict[str, float]:
    """Server CPU milliseconds a request, per route, every page computed (``[web] cache_mb = 0``): up to
    ``per_route`` of the load's URLs of each route fetched one at a time, after two to warm up. Unlike
    latency, CPU time hardly moves with the machine's other load (at 10 ms a clock tick, a route's figure
    is exact to 10 ms / ``per_route``)."""
    web = _web_bench()
    with newsdesk.open(db) as corpus:
        work = plan(corpus, web, requests)
    urls: dict[str, list[str]] = {}
    for route, url in work:
        urls.setdefault(route, []).append(url)

    async def fetch(base: str, pid: int) -> dict[str, float]:
        host, port = base.removeprefix("http://").rsplit(":", 1)
        connection = _Connection(host, int(port))
        out = {}
        try:
            for route, listed in urls.items():
                for url in listed[:2]:
                    await connection.get(url)
                chosen = listed[:per_route]
                cpu = _cpu_seconds(pid)
                for url in chosen:
                    await connection.get(url)
                out[route] = (_cpu_seconds(pid) - cpu) / len(chosen) * 1000
        finally:
            await connection.close()
        return out

    with _serving(db, cache=False) as (base, pid):
        return asyncio.run(fetch(base, pid))


def table(
    timings: dict[str, list[float]],
    errors: int,
    elapsed: float,
    clients: int,
    server_cpu: float = 0.0,
    rate: float | None = None,
    *,
    client_cpu: float = 0.0,
    per_route: dict[str, float] | None = None,
    load: tuple[float, float] | None = None,
) -> list[str]:
    """The summary line, the CPU lines, and one row per route (with its CPU per request, every page computed,
    when ``per_route`` has it)."""
    web = _web_bench()
    total = sum(len(v) for v in timings.values())
    every = [t for v in timings.values() for t in v]
    rps = total / elapsed if elapsed else 0.0
    p95 = web.percentile(every, 95) if every else 0.0
    # Offered a rate, the run lasts until the last answer, a little past the last request's due time.
    kept_up = rate >= TARGET_RPS and rps >= 0.99 * rate if rate else rps >= TARGET_RPS
    per = server_cpu / total * 1000 if total else 0.0
    cores = os.cpu_count() or 1
    rows = [
        f"{total} requests by {clients} clients in {elapsed:.1f} s: {rps:.0f} requests/s, {errors} errors, "
        f"p95 {p95:.1f} ms  (target >= {TARGET_RPS:.0f}/s, 0 errors, p95 < {TARGET_P95_MS:.0f} ms: "
        f"{'ok' if kept_up and not errors and p95 < TARGET_P95_MS else 'MISSED'})",
        f"server CPU: {server_cpu:.1f} s, {per:.2f} ms a request"
        + (f" (one process: at most {1000 / per:.0f} requests/s of one core)" if per else ""),
        f"client CPU: {client_cpu:.1f} s, {client_cpu / total * 1000 if total else 0.0:.2f} ms a request "
        "(on the same machine)",
    ]
    if load is not None:
        rows.append(
            f"machine: {cores} cores, load average {load[0]:.1f} before the run, {load[1]:.1f} after "
            "(other work shares the cores: requests/s and latency move with it, CPU per request hardly)"
        )
    if per_route:
        rows.append(f"{web.header('route')}{'cpu ms':>9}  (cpu: server ms a request, every page computed)")
    else:
        rows.append(web.header("route"))
    for route, values in timings.items():
        cpu = f"{per_route[route]:>9.1f}" if per_route and route in per_route else ""
        rows.append(web.row(route, values) + cpu)
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
        "--route-cpu",
        type=int,
        default=40,
        help="requests per route of a second pass, one at a time with no page cache, for the server's CPU per "
        "request of each route (default 40; 0 skips it)",
    )
    parser.add_argument(
        "--all-stages",
        action="store_true",
        help="build a missing store with every analysis stage (bench/grow.py) rather than bench/web.py's stages",
    )
    parser.add_argument(
        "--rate", type=float, default=None, help="send this many requests a second (default: as fast as answered)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="serving processes (newsdesk serve --workers; default 1)"
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
            if args.all_stages:
                _grow_bench().build(db, args.articles, Path(tmp))
            else:
                web.build(db, args.articles, Path(tmp))
        before = os.getloadavg()[0]
        timings, errors, elapsed, cpu, client = run(
            db, args.clients, args.requests, args.timeout, cache=not args.no_cache, rate=args.rate, workers=args.workers
        )
        load = (before, os.getloadavg()[0])
        per_route = route_cpu(db, args.requests, args.route_cpu) if args.route_cpu else None
        with newsdesk.open(db) as corpus:
            stored, stories = corpus.count(), len(corpus.stories())
    cached = "no page cache" if args.no_cache else "page cache on"
    pace = f"{args.rate:g} requests/s offered" if args.rate else "each client as fast as answered"
    print(
        f"newsdesk {newsdesk.__version__} load benchmark: {stored:,} articles in {stories:,} stories, "
        f"over loopback, {cached}, {pace}, {args.workers} server process{'es' * (args.workers != 1)}"
    )
    rows = table(
        timings, errors, elapsed, args.clients, cpu, args.rate, client_cpu=client, per_route=per_route, load=load
    )
    print("\n".join(rows))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
