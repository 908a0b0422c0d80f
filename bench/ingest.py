"""Ingest throughput over the real articles in ../shared/data, against the floor of merely reading them.

Inputs: the 924 PolNeAR text files (``polnear/{train,dev}/text/*.txt``) and the 772 ECB+ articles of
``ecbplus/topics-1-35.jsonl``. The JSONL file is ingested as it is (newsdesk reads its ``text``, ``title`` and
``published`` keys and ignores the rest); with ``--limit`` cutting into it, its first lines are copied to a
temporary file first, untimed.

Usage: ``.venv/bin/python bench/ingest.py [--repeat N] [--limit N] [--json PATH]``. ``NEWSDESK_SHARED``
overrides the ``../shared`` folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import newsdesk
from newsdesk import IngestReport, Settings

ROOT = Path(__file__).resolve().parents[1]
TEXT_DIRS = ("polnear/train/text", "polnear/dev/text")
JSONL = "ecbplus/topics-1-35.jsonl"
T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """The articles to benchmark: text files plus the selected lines of the JSONL file."""

    texts: list[Path]
    jsonl: Path
    lines: int

    @property
    def count(self) -> int:
        """How many articles the inputs hold."""
        return len(self.texts) + self.lines


@dataclass(frozen=True)
class Timing:
    """The best wall time of a phase over the repeats, and the process's peak RSS after it."""

    seconds: float
    peak_rss_mib: float


def shared_data() -> Path:
    """The ``data`` folder of ../shared (or ``$NEWSDESK_SHARED``); exits with a clear message if missing."""
    data = Path(os.environ.get("NEWSDESK_SHARED") or ROOT.parent / "shared").resolve() / "data"
    missing = [str(data / p) for p in (*TEXT_DIRS, JSONL) if not (data / p).exists()]
    if missing:
        sys.exit(
            f"error: benchmark data missing: {', '.join(missing)}. "
            "Put ../shared beside the repository, or set NEWSDESK_SHARED to its path."
        )
    return data


def select(data: Path, limit: int | None, tmp: Path) -> Inputs:
    """The first ``limit`` articles (all with None): text files first, then JSONL lines (copied if cut)."""
    texts = [p for d in TEXT_DIRS for p in sorted((data / d).glob("*.txt"))]
    source = data / JSONL
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit is None or limit >= len(texts) + len(lines):
        return Inputs(texts, source, len(lines))
    texts, keep = texts[:limit], lines[: max(0, limit - len(texts))]
    cut = tmp / "ecbplus-head.jsonl"
    cut.write_text("".join(f"{line}\n" for line in keep), encoding="utf-8")
    return Inputs(texts, cut, len(keep))


def read_all(inputs: Inputs) -> int:
    """Read and decode every input, parsing each JSONL line; returns the article count (the floor to beat)."""
    n = 0
    for path in inputs.texts:
        path.read_bytes().decode("utf-8")
        n += 1
    if inputs.lines:
        n += sum(1 for line in inputs.jsonl.read_bytes().decode("utf-8").splitlines() if json.loads(line))
    return n


def ingest_all(inputs: Inputs, *, analyze: bool) -> IngestReport:
    """Ingest the inputs into a fresh database in a temporary folder, with default settings."""
    targets = [*inputs.texts, *([inputs.jsonl] if inputs.lines else [])]
    with (
        tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp,
        newsdesk.open(Path(tmp) / "bench.db", settings=Settings()) as corpus,
    ):
        return corpus.ingest(targets, analyze=analyze)


def peak_rss_mib() -> float:
    """The process's peak resident set size so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def best_of(repeat: int, fn: Callable[[], T]) -> tuple[Timing, T]:
    """Run ``fn`` ``repeat`` times: the fastest wall time and the peak RSS afterwards, with the last result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return Timing(min(times), peak_rss_mib()), result


def table(n: int, read: Timing, full: Timing, bare: Timing) -> list[str]:
    """The printed result: one row per phase, then the ratios."""
    rows = [f"{'phase':<22}{'seconds':>10}{'articles/s':>13}{'ingest/read':>13}{'peak RSS MiB':>14}"]
    for name, t in (("read (floor)", read), ("ingest", full), ("ingest, no analyze", bare)):
        rows.append(
            f"{name:<22}{t.seconds:>10.3f}{n / t.seconds:>13,.1f}{t.seconds / read.seconds:>13.1f}"
            f"{t.peak_rss_mib:>14.1f}"
        )
    ratio = full.seconds / read.seconds
    rows.append(f"ratio ingest_time / read_time = {ratio:.1f} (inverse {1 / ratio:.4f}: read is {ratio:.1f} x faster)")
    rows.append(f"ratio without analysis = {bare.seconds / read.seconds:.1f}")
    rows.append(
        f"analysis stages cost {full.seconds - bare.seconds:.3f} s ({1 - bare.seconds / full.seconds:.0%} of ingest)"
    )
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per phase; the best counts (default 3)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles (a quick run)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON to this path")
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--repeat and --limit must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print its table, optionally write JSON; returns the exit status."""
    args = parse_args(argv)
    data = shared_data()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-input-") as tmp:
        inputs = select(data, args.limit, Path(tmp))
        n = inputs.count
        read, _ = best_of(args.repeat, lambda: read_all(inputs))
        bare, _ = best_of(args.repeat, lambda: ingest_all(inputs, analyze=False))
        full, report = best_of(args.repeat, lambda: ingest_all(inputs, analyze=True))
    print(
        f"newsdesk {newsdesk.__version__} ingest benchmark: {n:,} articles ({len(inputs.texts)} PolNeAR .txt, "
        f"{inputs.lines} ECB+ JSONL lines), best of {args.repeat}"
    )
    print(f"stored {len(report.added)}, duplicates {len(report.skipped)}, failures {len(report.failures)}")
    print("\n".join(table(n, read, full, bare)))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results(args, inputs, report, read, full, bare), indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


def results(
    args: argparse.Namespace, inputs: Inputs, report: IngestReport, read: Timing, full: Timing, bare: Timing
) -> dict[str, Any]:
    """The results as a JSON-ready dict."""
    n = inputs.count
    phases = {"read": read, "ingest": full, "ingest_no_analyze": bare}
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "newsdesk": newsdesk.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "repeat": args.repeat,
        "limit": args.limit,
        "articles": n,
        "text_files": len(inputs.texts),
        "jsonl_lines": inputs.lines,
        "stored": len(report.added),
        "duplicates": len(report.skipped),
        "failures": len(report.failures),
        "phases": {
            k: {"seconds": t.seconds, "articles_per_s": n / t.seconds, "peak_rss_mib": t.peak_rss_mib}
            for k, t in phases.items()
        },
        "ingest_over_read": full.seconds / read.seconds,
        "ingest_no_analyze_over_read": bare.seconds / read.seconds,
    }


if __name__ == "__main__":
    sys.exit(main())
