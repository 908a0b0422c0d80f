"""Start-up and query latency of the ``newsdesk`` command, each call a fresh process, over a 1,000-article store.

Inputs: the store of bench/web.py (the real PolNeAR and ECB+ articles, then perturbed copies, grouped into
stories), built the same way and untimed, or reused with ``--db``. Each command runs ``--repeat`` times as
``python -m newsdesk ...`` in a process of its own, output piped (as a script or ``| less`` gets it), after
one untimed warm-up run that fills the operating system's file cache and compiles the modules (into a temporary
``PYTHONPYCACHEPREFIX``, as an installed package has them compiled, even where PYTHONDONTWRITEBYTECODE is set).
Printed: p50 and max wall seconds per command against its target (``--version`` and ``--help`` under 0.3 s;
``articles``, ``stories`` and ``search`` under 1 s), and the heavy libraries that ``import newsdesk.cli`` loads
(none is the aim).

Usage: ``.venv/bin/python bench/cli.py [--articles 1000] [--repeat 5] [--db PATH] [--json PATH]``. The exit
status is 0 either way; a command over its target reads ``OVER``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import newsdesk

# What `import newsdesk.cli` must not load: each costs tens to hundreds of milliseconds before a command starts.
HEAVY = (
    "spacy",
    "scipy",
    "datasketch",
    "numpy",
    "trafilatura",
    "htmldate",
    "feedparser",
    "httpx",
    "uvicorn",
    "starlette",
    "jinja2",
)
STARTUP_TARGET = 0.3
QUERY_TARGET = 1.0


def _web_bench() -> ModuleType:
    """bench/web.py, loaded by path, for its store."""
    spec = importlib.util.spec_from_file_location("newsdesk_bench_web", Path(__file__).with_name("web.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def commands(db: Path) -> dict[str, tuple[list[str], float]]:
    """Each command timed, with its arguments and its target in seconds."""
    on = ["--db", str(db)]
    return {
        "--version": (["--version"], STARTUP_TARGET),
        "--help": (["--help"], STARTUP_TARGET),
        "articles": ([*on, "articles"], QUERY_TARGET),
        "articles --json": ([*on, "articles", "--json"], QUERY_TARGET),
        "stories": ([*on, "stories"], QUERY_TARGET),
        "search": ([*on, "search", "police"], QUERY_TARGET),
    }


def heavy_imports() -> list[str]:
    """The libraries of :data:`HEAVY` that ``import newsdesk.cli`` loads, in a fresh interpreter."""
    probe = f"import sys, newsdesk.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=_env())
    return out.stdout.split()


def _env(pycache: Path | None = None) -> dict[str, str]:
    """The children's environment: newsdesk found where this process found it (a source tree on PYTHONPATH, or
    the installed package) and, with ``pycache``, compiled modules kept there, as an installed package keeps
    them, even where PYTHONDONTWRITEBYTECODE is set."""
    source = str(Path(newsdesk.__file__).parent.parent)
    path = os.environ.get("PYTHONPATH", "")
    env = {**os.environ, "PYTHONPATH": source + (os.pathsep + path if path else "")}
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def measure(args: list[str], repeat: int, pycache: Path) -> list[float]:
    """Wall seconds of ``repeat`` runs of ``python -m newsdesk ARGS`` (after one warm-up, which also compiles the
    modules into ``pycache``); each must exit 0."""
    env = _env(pycache)
    times = []
    for i in range(repeat + 1):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "newsdesk", *args], capture_output=True, env=env)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"error: newsdesk {' '.join(args)} exited {done.returncode}: {done.stderr.decode()[:300]}")
        if i:
            times.append(elapsed)
    return times


def table(timings: dict[str, list[float]], targets: dict[str, float]) -> list[str]:
    """One row per command: runs, p50 and max seconds, its target, and whether p50 meets it."""
    rows = [f"{'command':<18}{'runs':>6}{'p50 s':>9}{'max s':>9}{'target':>9}"]
    for name, values in timings.items():
        p50 = statistics.median(values)
        verdict = "ok" if p50 < targets[name] else "OVER"
        rows.append(f"{name:<18}{len(values):>6}{p50:>9.3f}{max(values):>9.3f}{targets[name]:>8.1f}s  {verdict}")
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=1000, help="articles in the store (default 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--db", type=Path, default=None, help="build the store here, or reuse the one there")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON to this path")
    args = parser.parse_args(argv)
    if args.articles < 10 or args.repeat < 1:
        parser.error("--articles must be at least 10 and --repeat at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or reuse) the store, time each command, print the table; returns the exit status."""
    args = parse_args(argv)
    web = _web_bench()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-cli-") as tmp:
        db = args.db or Path(tmp) / "cli.db"
        built = None
        if not (db.exists() and web._stored(db)):
            built = web.build(db, args.articles, Path(tmp))
        with newsdesk.open(db) as corpus:
            stored = corpus.count()
        plan = commands(db)
        timings = {name: measure(cmd, args.repeat, Path(tmp) / "pycache") for name, (cmd, _) in plan.items()}
    heavy = heavy_imports()
    print(
        f"newsdesk {newsdesk.__version__} CLI benchmark: {stored:,} articles"
        + (f" (built in {built:.0f} s, untimed)" if built is not None else f" (reused {db})")
        + f", {args.repeat} runs per command, each a new process"
    )
    print("\n".join(table(timings, {name: target for name, (_, target) in plan.items()})))
    print(f"heavy libraries loaded by `import newsdesk.cli`: {', '.join(heavy) or 'none'}")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results(args, stored, timings, plan, heavy), indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


def results(
    args: argparse.Namespace,
    stored: int,
    timings: dict[str, list[float]],
    plan: dict[str, tuple[list[str], float]],
    heavy: list[str],
) -> dict[str, Any]:
    """The results as a JSON-ready dict."""
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "newsdesk": newsdesk.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "articles": stored,
        "repeat": args.repeat,
        "heavy_imports": heavy,
        "commands": {
            name: {
                "p50_s": statistics.median(values),
                "max_s": max(values),
                "target_s": plan[name][1],
            }
            for name, values in timings.items()
        },
    }


if __name__ == "__main__":
    sys.exit(main())
