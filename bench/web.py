"""Latency of the web UI's main pages on loopback, over a store of 10,000 articles grouped into stories.

Inputs: the articles of bench/cluster.py (the real PolNeAR and ECB+ articles, then perturbed copies of them,
with a fixed seed), ingested into a fresh database with the stages cites, dates, dedupe, cluster and origins,
untimed. The quotes and entities stages are left out: on spaCy they would take most of an hour at this size,
and the pages then read empty quote tables, which costs the same queries.

The UI is served by uvicorn in this process, as ``newsdesk serve`` does, and fetched over loopback HTTP with
one keep-alive client, one request at a time. Each page kind is fetched ``--requests`` times (stories and
articles picked at random with a fixed seed, the largest stories always included), after a warm-up: the stories
page, story pages (and the largest story's alone), article, entity and search pages, each with its JSON twin, and
(unless ``--plain``) filtered and sorted views of the five largest stories, their full lists and searches
filtered by date, and the list pages past the first a journalist clicks on (the largest story's claims at page 5
and at its last page, page 11 and the last page of the lists longer than the 10 pages the digest keeps as rows,
the stories' timelines, the second page of a search, of the stories page and of an entity's quotes and views);
and the second page of mentions of the entities with more than 50. Printed: p50, p95 and max per page kind,
against a target of p95 < 100 ms, and the largest body, against 300 KB for HTML. ``--no-cache`` turns the page
cache off, so that every request computes its page.
``--only TEXT`` (repeatable) times only the page kinds whose name holds one of them (``--only /entities`` for the
entity pages and their twins).

Usage: ``.venv/bin/python bench/web.py [--articles 10000] [--requests 50] [--db PATH] [--json PATH]
[--all-stages] [--no-cache] [--plain] [--only TEXT]``. With
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
from newsdesk.digest.lists import KEPT as KEPT_PAGES
from newsdesk.settings import PipelineSettings, WebSettings
from newsdesk.web import create_app
from newsdesk.web.page import PER_PAGE

STAGES = ("cites", "dates", "dedupe", "cluster", "origins")
TARGET_MS = 100.0
TARGET_KB = 300.0  # most HTML a page may weigh
SEED = 20261122
WORDS = ("dam", "police", "earthquake", "election", "fire", "minister", "court", "strike", "storm", "said")
SECTIONS = (
    "claims",
    "quotes",
    "speakers",
    "sources",
    "entities",
    "articles",
    "credits",
    "origins",
    "outlets",
    "events",
)


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


def urls(corpus: newsdesk.Corpus, requests: int, rng: random.Random, *, filtered: bool = True) -> dict[str, list[str]]:
    """The URLs to fetch per page kind: ``requests`` each, the largest stories first among the stories; with
    ``filtered``, also filtered and sorted views of the five largest stories, their full lists (every section
    in turn) and filtered searches."""
    stories = corpus.stories()
    if not stories:
        sys.exit("error: the benchmark store holds no stories; was the cluster stage run?")
    biggest = sorted(stories, key=lambda s: -len(s["article_ids"]))[:5]
    picked = biggest + rng.sample(stories, min(len(stories), max(0, requests - len(biggest))))
    articles = [a["id"] for a in corpus.articles()]
    # Entity pages when the store has entities (an --all-stages store): the most mentioned first, then random.
    counted = {e["id"]: e["mentions"] for e in corpus.entities()}
    named = list(counted)
    entities = named[:5] + rng.sample(named[5:], min(len(named) - 5, max(0, requests - 5))) if named else []
    paged = [e for e in entities if counted[e] > 50]  # those with a second page of mentions (50 a page)
    shown = rng.sample(articles, min(requests, len(articles)))
    kinds = {
        "/ (stories)": ["/"] * requests,
        "/index.json": ["/index.json"] * requests,
        "/stories/{id}": [f"/stories/{s['id']}" for s in picked][:requests],
        "/stories/{id}.json": [f"/stories/{s['id']}.json" for s in picked][:requests],
        "largest story": [f"/stories/{biggest[0]['id']}"] * requests,
        "/articles/{id}": [f"/articles/{a}" for a in shown],
        "/articles/{id}.json": [f"/articles/{a}.json" for a in shown],
        "/search?q=": [f"/search?q={WORDS[i % len(WORDS)]}" for i in range(requests)],
        "/search.json?q=": [f"/search.json?q={WORDS[i % len(WORDS)]}" for i in range(requests)],
    }
    if filtered:
        # Filtered and sorted views of the largest stories, their full lists, and searches filtered by date.
        choices = [(s["id"], corpus.story_filter_choices(s["id"])) for s in biggest]
        views = [
            f"?event={c['events'][i % len(c['events'])]['id']}" if c["events"] else "?sort=recent"
            for i, (_, c) in enumerate(choices)
        ]
        views += ["?sort=recent", "?sort=name", "?kind=direct", "?since=2000-01-01", "?until=2030-01-01"]
        kinds["story, filtered"] = [
            f"/stories/{choices[i % len(choices)][0]}{views[i % len(views)]}" for i in range(requests)
        ]
        kinds["story list"] = [
            f"/stories/{choices[i % len(choices)][0]}/{SECTIONS[i % len(SECTIONS)]}" for i in range(requests)
        ]
        kinds["story list, filtered"] = [
            f"/stories/{choices[i % len(choices)][0]}/{SECTIONS[(i + 3) % len(SECTIONS)]}{views[i % len(views)]}"
            for i in range(requests)
        ]
        kinds["/search?q=&since="] = [f"/search?q={WORDS[i % len(WORDS)]}&since=2012-01-01" for i in range(requests)]
        kinds.update(later_pages(corpus, [s["id"] for s in biggest], requests))
    if entities:
        kinds["/entities/{id}"] = [f"/entities/{e}" for e in entities][:requests]
        kinds["/entities/{id}.json"] = [f"/entities/{e}.json" for e in entities][:requests]
    if paged:
        kinds["/entities/{id}?page=2"] = [f"/entities/{e}?page=2" for e in paged][:requests]
        kinds["/entities/{id}.json?page=2"] = [f"/entities/{e}.json?page=2" for e in paged][:requests]
    if filtered and entities:
        cards = [corpus.entity_card(e) for e in entities]
        for name in ("quotes", "views"):  # an entity's quotes and views, 20 a page (newsdesk.web.views.entities)
            more = [c["id"] for c in cards if c[name] > 20]
            if more:
                kinds[f"/entities/{{id}}?{name}=2"] = [f"/entities/{e}?{name}=2" for e in more][:requests]
    return kinds


def later_pages(corpus: newsdesk.Corpus, story_ids: list[str], requests: int) -> dict[str, list[str]]:
    """The list pages past the first of the largest stories (``story_ids``, the largest first), as a journalist
    clicks on: the largest story's claims list at page 5 (the first its digest keeps cut, decision 0020) and at its
    last page; page 11 and the last page of each list longer than the 10 pages the digest keeps as rows (later
    ones compact); each story's timeline (kept whole by the digest since decision 0048); the second page of a
    search and of the stories page."""
    kinds: dict[str, list[str]] = {}
    largest = story_ids[0]
    claims = int(corpus.story_dashboard(largest)["sections"]["claims"]["total"])
    last = max(1, -(-claims // PER_PAGE))
    kinds["largest claims p5"] = [f"/stories/{largest}/claims?page={min(5, last)}"] * requests
    kinds["largest claims last"] = [f"/stories/{largest}/claims?page={last}"] * requests
    totals = {
        (story_id, name): int(section["total"])
        for story_id in story_ids
        for name, section in corpus.story_dashboard(story_id)["sections"].items()
        if name in SECTIONS and int(section["total"]) > KEPT_PAGES * PER_PAGE
    }
    long = [f"/stories/{story_id}/{name}?page={KEPT_PAGES + 1}" for story_id, name in totals]
    if long:
        kinds[f"story list, page {KEPT_PAGES + 1}"] = [long[i % len(long)] for i in range(requests)]
        # The last page of each of those lists: the deepest offset a list has.
        last = [f"/stories/{s}/{name}?page={-(-total // PER_PAGE)}" for (s, name), total in totals.items()]
        kinds["story list, last page"] = [last[i % len(last)] for i in range(requests)]
    kinds["story timeline"] = [f"/stories/{story_ids[i % len(story_ids)]}/timeline" for i in range(requests)]
    paged = [w for w in WORDS if corpus.search(w, limit=1, offset=PER_PAGE)]  # words with a second page
    if paged:
        kinds["/search?q=&page=2"] = [f"/search?q={paged[i % len(paged)]}&page=2" for i in range(requests)]
    if len(corpus.story_summaries()) > PER_PAGE:
        kinds["/?page=2 (stories)"] = ["/?page=2"] * requests
    return kinds


def measure(
    base: str,
    plan: dict[str, list[str]],
    sizes: dict[str, list[int]] | None = None,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Milliseconds per request, per page kind (and into ``sizes``, the bytes of each body; into ``cpu``, the CPU
    milliseconds of this process, server and client, over the request: on a shared machine the steadier figure);
    every response must be 200."""
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for url in [u for kind in plan.values() for u in kind[:3]]:  # warm-up: caches, templates, connection
            client.get(url)
        for kind, kind_urls in plan.items():
            timings[kind] = []
            for url in kind_urls:
                started, spent = time.perf_counter(), time.process_time()
                response = client.get(url)
                timings[kind].append((time.perf_counter() - started) * 1000)
                if cpu is not None:
                    cpu.setdefault(kind, []).append((time.process_time() - spent) * 1000)
                if response.status_code != 200:
                    sys.exit(f"error: {url} answered {response.status_code}: {response.text[:300]}")
                if sizes is not None:
                    sizes.setdefault(kind, []).append(len(response.content))
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


def table(
    timings: dict[str, list[float]],
    sizes: dict[str, list[int]] | None = None,
    cpu: dict[str, list[float]] | None = None,
) -> list[str]:
    """One row per page kind: requests, p50, p95, max, whether p95 meets the target, with ``cpu`` the p95 of CPU
    milliseconds, and with ``sizes`` the largest body in KB (HTML pages against :data:`TARGET_KB`)."""
    rows = [
        f"{header('page')}  target p95 < {TARGET_MS:.0f} ms"
        + (f"{'CPU p95':>9}" if cpu else "")
        + (f"{'max KB':>9}" if sizes else "")
    ]
    for kind, values in timings.items():
        line = f"{row(kind, values)}  {'ok' if percentile(values, 95) < TARGET_MS else 'OVER'}"
        if cpu and kind in cpu:
            line += f"{percentile(cpu[kind], 95):>9.1f}"
        if sizes and kind in sizes:
            kb = max(sizes[kind]) / 1024
            html = ".json" not in kind
            line += f"{kb:>9.1f}" + ("  OVER" if html and kb > TARGET_KB else "")
        rows.append(line)
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
    parser.add_argument(
        "--no-cache", action="store_true", help="serve with the page cache off: every request computes its page"
    )
    parser.add_argument(
        "--plain", action="store_true", help="only the main pages (no filtered views, full lists or twins)"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=None,
        metavar="TEXT",
        help="time only the page kinds whose name holds TEXT (repeatable), e.g. --only /entities",
    )
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
        settings = Settings(web=WebSettings(cache_mb=0)) if args.no_cache else None
        with newsdesk.open(db, settings=settings) as corpus:
            plan = urls(corpus, args.requests, random.Random(SEED), filtered=not args.plain)
            if args.only:
                plan = {kind: kind_urls for kind, kind_urls in plan.items() if any(t in kind for t in args.only)}
                if not plan:
                    sys.exit(f"error: no page kind holds {' or '.join(args.only)}; the store may have no entities")
            stored, stories = corpus.count(), len(corpus.stories())
            config = uvicorn.Config(create_app(corpus), host="127.0.0.1", port=_free_port(), log_level="warning")
            server = uvicorn.Server(config)
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.02)
            try:
                sizes: dict[str, list[int]] = {}
                cpu: dict[str, list[float]] = {}
                timings = measure(f"http://127.0.0.1:{config.port}", plan, sizes, cpu)
            finally:
                server.should_exit = True
                thread.join(timeout=10)
    print(
        f"newsdesk {newsdesk.__version__} web benchmark: {stored:,} articles in {stories:,} stories"
        + (f" (built in {built:.0f} s, untimed)" if built is not None else f" (reused {db})")
        + f", {args.requests} requests per page over loopback"
        + (", page cache off" if args.no_cache else "")
    )
    print("\n".join(table(timings, sizes, cpu)))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results(args, stored, stories, timings, sizes, cpu), indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


def results(
    args: argparse.Namespace,
    stored: int,
    stories: int,
    timings: dict[str, list[float]],
    sizes: dict[str, list[int]] | None = None,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, Any]:
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
        "target_kb": TARGET_KB,
        "page_cache": not args.no_cache,
        "only": args.only,
        "pages": {
            kind: {
                "p50_ms": statistics.median(values),
                "p95_ms": percentile(values, 95),
                "max_ms": max(values),
                "max_bytes": max((sizes or {}).get(kind, [0])),
                "cpu_p95_ms": percentile((cpu or {}).get(kind, [0.0]), 95),
            }
            for kind, values in timings.items()
        },
    }


if __name__ == "__main__":
    sys.exit(main())
