"""Ingest throughput over the real articles in ../shared/data, against the floor of merely reading them.

Inputs: the 924 PolNeAR text files (``polnear/{train,dev}/text/*.txt``) and the 772 ECB+ articles of
``ecbplus/topics-1-35.jsonl``. The JSONL file is ingested as it is (newsdesk reads its ``text``, ``title`` and
``published`` keys and ignores the rest); with ``--limit`` cutting into it, its first lines are copied to a
temporary file first, untimed.

With ``--workers 1,2`` the full ingest is timed once per worker count (``[pipeline] workers``), each beside
spaCy's ``nlp.pipe`` alone over the same texts with as many processes: the ratio of their rates says what the
pipeline costs over the model. CPU seconds (this process and its worker processes) are printed beside wall time.

Usage: ``.venv/bin/python bench/ingest.py [--repeat N] [--limit N] [--workers 1,2] [--json PATH]``.
``NEWSDESK_SHARED`` overrides the ``../shared`` folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import newsdesk
from newsdesk import IngestReport, Settings, nlp
from newsdesk.settings import PipelineSettings
from newsdesk.workers import count as worker_count

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
    """The best wall time of a phase over the repeats, its CPU seconds (this process and the children it waited
    for), the process's peak RSS after it, and the largest peak RSS of any child process so far."""

    seconds: float
    peak_rss_mib: float
    cpu_seconds: float = 0.0
    child_rss_mib: float = 0.0


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


def ingest_all(inputs: Inputs, *, analyze: bool, workers: int = 0) -> IngestReport:
    """Ingest the inputs into a fresh database in a temporary folder, with default settings (and ``workers``)."""
    targets = [*inputs.texts, *([inputs.jsonl] if inputs.lines else [])]
    settings = Settings(pipeline=PipelineSettings(workers=workers))
    with (
        tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp,
        newsdesk.open(Path(tmp) / "bench.db", settings=settings) as corpus,
    ):
        return corpus.ingest(targets, analyze=analyze)


def texts_of(inputs: Inputs) -> list[str]:
    """The article texts of the inputs as read (a JSONL line's ``text``), for spaCy alone."""
    found = [path.read_text(encoding="utf-8") for path in inputs.texts]
    if inputs.lines:
        lines = inputs.jsonl.read_text(encoding="utf-8").splitlines()
        found += [t for line in lines if line.strip() and (t := json.loads(line).get("text"))]
    return found


def spacy_alone(texts: list[str], processes: int) -> int:
    """Parse ``texts`` with ``nlp.pipe`` and ``n_process=processes``, as the quotes stage's model is set up."""
    settings = Settings().nlp
    return sum(1 for _ in nlp.parse(texts, model=settings.model, batch_size=settings.batch_size, n_process=processes))


def _mib(kib: float) -> float:
    return kib / (1024 * 1024 if sys.platform == "darwin" else 1024)


def peak_rss_mib() -> float:
    """The process's peak resident set size so far, in MiB."""
    return _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def cpu_seconds() -> float:
    """User and system CPU seconds of this process and of the child processes it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class ChildPeaks:
    """The largest peak RSS (``VmHWM``) of this process's children, sampled twice a second while it runs.

    ``getrusage(RUSAGE_CHILDREN)`` cannot tell it: a child started by fork and exec keeps the parent's peak."""

    def __init__(self) -> None:
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> ChildPeaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.5):
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != me:
                        continue
                    status = (stat.parent / "status").read_text()
                except (OSError, ValueError, IndexError):
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kib = max(self.peak_kib, int(line.split()[1]))


def best_of(repeat: int, fn: Callable[[], T]) -> tuple[Timing, T]:
    """Run ``fn`` ``repeat`` times: the fastest wall time (with its CPU seconds), the peak RSS afterwards and the
    largest peak RSS of a child process (Linux), with the last result."""
    runs = []
    with ChildPeaks() as children:
        for _ in range(repeat):
            cpu, start = cpu_seconds(), time.perf_counter()
            result = fn()
            runs.append((time.perf_counter() - start, cpu_seconds() - cpu))
    wall, cpu = min(runs)
    return Timing(wall, peak_rss_mib(), cpu, children.peak_kib / 1024), result


def table(
    n: int, read: Timing, full: Timing, bare: Timing, scaling: dict[int, tuple[Timing, Timing]] | None = None
) -> list[str]:
    """The printed result: one row per phase, then the ratios."""
    rows = [
        f"{'phase':<30}{'seconds':>10}{'CPU s':>9}{'articles/s':>13}{'ingest/read':>13}{'peak RSS MiB':>14}"
        f"{'worker MiB':>12}"
    ]
    phases = [("read (floor)", read), ("ingest", full), ("ingest, no analyze", bare)]
    for workers, (ingest, alone) in (scaling or {}).items():
        phases += [(f"ingest, {workers} worker(s)", ingest), (f"nlp.pipe alone, {workers} process(es)", alone)]
    for name, t in phases:
        rows.append(
            f"{name:<30}{t.seconds:>10.3f}{t.cpu_seconds:>9.1f}{n / t.seconds:>13,.1f}{t.seconds / read.seconds:>13.1f}"
            f"{t.peak_rss_mib:>14.1f}{t.child_rss_mib:>12.1f}"
        )
    for workers, (ingest, alone) in (scaling or {}).items():
        rows.append(
            f"{workers} worker(s): ingest at {alone.seconds / ingest.seconds:.2f} of spaCy alone's rate"
            f" (wall; CPU {alone.cpu_seconds / ingest.cpu_seconds:.2f})"
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
    parser.add_argument(
        "--workers",
        default="",
        help="comma-separated worker counts: time the full ingest and spaCy alone with each (e.g. 1,2)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--repeat and --limit must be at least 1")
    try:
        args.workers = [int(w) for w in args.workers.split(",") if w.strip()]
    except ValueError:
        parser.error(f"--workers takes numbers separated by commas, not {args.workers!r}")
    if any(w < 1 for w in args.workers):
        parser.error("--workers counts must be at least 1")
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
        scaling: dict[int, tuple[Timing, Timing]] = {}
        texts = texts_of(inputs) if args.workers else []
        for workers in args.workers:
            ingest, report = best_of(args.repeat, partial(ingest_all, inputs, analyze=True, workers=workers))
            alone, _ = best_of(args.repeat, partial(spacy_alone, texts, workers))
            scaling[workers] = (ingest, alone)
        if scaling:  # the first worker count's run stands for the full ingest
            full = scaling[args.workers[0]][0]
        else:
            full, report = best_of(args.repeat, lambda: ingest_all(inputs, analyze=True))
    print(
        f"newsdesk {newsdesk.__version__} ingest benchmark: {n:,} articles ({len(inputs.texts)} PolNeAR .txt, "
        f"{inputs.lines} ECB+ JSONL lines), best of {args.repeat}"
    )
    print(f"stored {len(report.added)}, duplicates {len(report.skipped)}, failures {len(report.failures)}")
    workers = args.workers[0] if args.workers else worker_count(0)
    print(f"ingest: default settings, {workers} worker(s) (worker processes start from 100 pending articles)")
    print("\n".join(table(n, read, full, bare, scaling)))
    print("stages of the last full ingest (s): " + ", ".join(f"{r.stage} {r.seconds:.1f}" for r in report.stages))
    framing_part, staged = stances_and_digest(report)
    print(
        f"stances and digest stages: {framing_part:.1f} s of {staged:.1f} s in stages "
        f"({framing_part / staged if staged else 0.0:.1%}; issue 15 allows stances and framing 20%)"
    )
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results(args, inputs, report, read, full, bare, scaling), indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


def stances_and_digest(report: IngestReport) -> tuple[float, float]:
    """The seconds of the stances and digest stages (the digest makes each story's Framing and Positions sections,
    and its claim cards: an upper bound of what stances and framing cost) and of all the stages."""
    both = sum(r.seconds for r in report.stages if r.stage in ("stances", "digest"))
    return both, sum(r.seconds for r in report.stages)


def results(
    args: argparse.Namespace,
    inputs: Inputs,
    report: IngestReport,
    read: Timing,
    full: Timing,
    bare: Timing,
    scaling: dict[int, tuple[Timing, Timing]] | None = None,
) -> dict[str, Any]:
    """The results as a JSON-ready dict."""
    n = inputs.count
    phases = {"read": read, "ingest": full, "ingest_no_analyze": bare}
    part, staged = stances_and_digest(report)
    share = part / staged if staged else 0.0
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
        "phases": {k: _phase(n, t) for k, t in phases.items()},
        "workers": {
            str(w): {"ingest": _phase(n, i), "spacy_alone": _phase(n, a), "ratio": a.seconds / i.seconds}
            for w, (i, a) in (scaling or {}).items()
        },
        "ingest_over_read": full.seconds / read.seconds,
        "stage_seconds": {r.stage: r.seconds for r in report.stages},
        "stances_and_digest_share": share,
        "ingest_no_analyze_over_read": bare.seconds / read.seconds,
    }


def _phase(n: int, t: Timing) -> dict[str, float]:
    return {
        "seconds": t.seconds,
        "cpu_seconds": t.cpu_seconds,
        "articles_per_s": n / t.seconds,
        "peak_rss_mib": t.peak_rss_mib,
        "child_peak_rss_mib": t.child_rss_mib,
    }


if __name__ == "__main__":
    sys.exit(main())
