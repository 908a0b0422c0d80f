"""Scaling of the grouping stages (dedupe, cluster, origins) as the corpus doubles: 1k, 2k, 4k and 8k articles.

Inputs: the 924 PolNeAR text files (``polnear/{train,dev}/text/*.txt``) and the ECB+ lines of
``ecbplus/topics-1-35.jsonl`` with a non-empty ``text``, in a fixed shuffled order; past them come perturbed
copies of those real articles (sentences dropped and shuffled, words replaced, numbers changed, dates shifted),
made with a fixed seed so that no two are the same text.

Preparing (untimed, cached): the first N articles ingested with ``analyze=False`` and their ``cites`` stage run
(origins needs it), in one database grown size by size, copied after each size into ``--cache`` (default
``bench/.cache/cluster``) under a key made of the articles and the source of every module but the timed stages'
(``dedupe.py``, ``grouping.py``, ``cluster/``): a second run, or a run after changing only those stages, ingests
nothing. Then (untimed as serial work, cached too) a copy of each size's database has the ``features`` stage run
over all its articles, as the per-article phase of a real analysis does before the serial stages (the
fingerprint, term vector, lead and comparison profile that dedupe, cluster and origins read), in one process: its
CPU ms an article are reported apart (``feat ms``). That copy is keyed by the prepared database and the source of
the timed stages' modules but ``cluster/origins.py``, which the features stage does not run. For each size N, a
copy of that database is analysed in a child process with the stages cites, features, dedupe, cluster, origins
(cites and features have nothing left to do: the child stops with an error if features had). The figures are the
stages' own CPU seconds from the returned ``StageReport``\\s (wall seconds beside them: on a shared machine other
work moves those) and the child's peak resident memory; the total is dedupe + cluster + origins, and the growth
per doubling is total(2N) / total(N), against a target of at most 2.2.
``--sizes 1000,2000,4000,8000,16000,32000,64000`` goes to 64k.

Usage: ``.venv/bin/python bench/cluster.py [--sizes 1000,2000,4000,8000] [--repeat N] [--seed N] [--json PATH]
[--cache DIR]``. ``NEWSDESK_SHARED`` overrides the ``../shared`` folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.util
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import newsdesk
from newsdesk import Settings
from newsdesk.settings import PipelineSettings


def _ingest_bench() -> Any:
    """bench/ingest.py, loaded by path (the benchmarks are scripts, not a package), for its shared data helpers."""
    spec = importlib.util.spec_from_file_location("newsdesk_bench_ingest", Path(__file__).with_name("ingest.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in it look their module up by name
    spec.loader.exec_module(module)
    return module


_INGEST = _ingest_bench()
ROOT: Path = _INGEST.ROOT
TEXT_DIRS: tuple[str, ...] = _INGEST.TEXT_DIRS
JSONL: str = _INGEST.JSONL
shared_data = _INGEST.shared_data
STAGES = ("cites", "features", "dedupe", "cluster", "origins")
TIMED = ("dedupe", "cluster", "origins")
DEFAULT_SIZES = (1000, 2000, 4000, 8000)
TARGET = 2.2
FILE_LINES = 500
SEED = 20240601
CACHE = ROOT / "bench" / ".cache" / "cluster"
# The modules whose code the timed stages run: a change to them keeps the prepared databases.
TIMED_CODE = ("dedupe.py", "grouping.py", "cluster")
# Of those, the ones the ``features`` stage runs (``grouping.features``: the fingerprint, term vector, lead and
# comparison profile's text part): a change to them works the features out again (``cluster/origins.py`` is the
# origins stage's alone).
FEATURES_SKIP = ("cluster/origins.py",)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_WORD = re.compile(r"^[^\W\d_]{4,}$")
_NUMBER = re.compile(r"\d+")

Record = dict[str, str]


@dataclass(frozen=True)
class Run:
    """One timed ``analyze`` over a fresh corpus of ``size`` input articles."""

    size: int
    stored: int
    copies: int
    events: int
    origins: int  # origin groups (``Article.origin``) the stages found
    seconds: dict[str, float]  # per stage, wall seconds from the StageReports
    cpu_seconds: dict[str, float]  # per stage, CPU seconds of this process from the StageReports
    analyze_wall: float  # the whole analyze() call: the stages plus loading batches and storing results
    analyze_cpu: float  # the same in CPU seconds
    peak_rss_mb: float  # the analysing child process's peak resident memory (its imports, store and indexes)
    # The ``features`` stage's CPU ms an article, worked out while preparing (the per-article phase, not timed here).
    features_ms: float = 0.0

    @property
    def total(self) -> float:
        """CPU seconds of dedupe + cluster + origins: what the growth is measured on (a shared machine's other
        work moves wall seconds, hardly CPU seconds)."""
        return sum(self.cpu_seconds[s] for s in TIMED)

    @property
    def total_wall(self) -> float:
        """Wall seconds of dedupe + cluster + origins."""
        return sum(self.seconds[s] for s in TIMED)


def real_articles(data: Path) -> list[Record]:
    """The PolNeAR texts (as their files hold them) and the ECB+ lines with text, as JSONL records."""
    records: list[Record] = [
        {"text": p.read_text(encoding="utf-8")} for d in TEXT_DIRS for p in sorted((data / d).glob("*.txt"))
    ]
    for line in (data / JSONL).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if isinstance(item.get("text"), str) and item["text"].strip():
            records.append({k: str(item[k]) for k in ("text", "title", "published") if item.get(k)})
    return records


def _shift(published: str, days: int) -> str:
    try:
        return (date.fromisoformat(published[:10]) + timedelta(days=days)).isoformat() + published[10:]
    except ValueError:
        return published


def perturb(record: Record, rng: random.Random, vocabulary: Sequence[str]) -> Record:
    """A rewritten copy of ``record``: some sentences dropped or reordered, words replaced, numbers changed.

    The strength varies per copy, so some stay near-duplicates of their original (dedupe's business) and
    others read as further reports of the same event (the clusterer's). The first paragraph (a text file's
    headline) keeps its sentences; at least one word is always replaced.
    """
    drop, shuffle, replace = rng.uniform(0.0, 0.25), rng.random() < 0.5, rng.uniform(0.01, 0.15)
    paragraphs = record["text"].split("\n\n")
    out = [paragraphs[0]]
    for paragraph in paragraphs[1:]:
        sentences = [s for s in _SENTENCE_END.split(paragraph) if rng.random() >= drop]
        if shuffle and len(sentences) > 1 and rng.random() < 0.5:
            rng.shuffle(sentences)
        if sentences:
            out.append(" ".join(sentences))
    words = "\n\n".join(out).split(" ")
    replaceable = [i for i, w in enumerate(words) if _WORD.match(w)]
    for i in [rng.choice(replaceable)] if replaceable else []:
        words[i] = rng.choice(vocabulary)
    for i in replaceable:
        if rng.random() < replace:
            words[i] = rng.choice(vocabulary)
    text = " ".join(words)
    text = _NUMBER.sub(lambda m: str(rng.randint(2, 999)) if rng.random() < 0.5 else m.group(0), text)
    copy = {"text": text}
    if "title" in record:
        title = record["title"].split(" ")
        title[rng.randrange(len(title))] = rng.choice(vocabulary)
        copy["title"] = " ".join(title)
    if "published" in record:
        copy["published"] = _shift(record["published"], rng.randint(-2, 2))
    return copy


def build(data: Path, count: int, seed: int) -> tuple[list[Record], int]:
    """``count`` articles: the real ones, shuffled, then perturbed copies; returns them and how many are real."""
    rng = random.Random(seed)
    real = real_articles(data)
    rng.shuffle(real)  # mix PolNeAR and ECB+ so that every prefix holds both
    vocabulary = sorted({w for r in real for w in r["text"].split() if _WORD.match(w)})
    seen = {" ".join(r["text"].split()) for r in real}
    records = real[:count]
    while len(records) < count:
        copy = perturb(rng.choice(real), rng, vocabulary)
        key = " ".join(copy["text"].split())
        if key not in seen:
            seen.add(key)
            records.append(copy)
    return records, min(count, len(real))


def _code_key() -> str:
    """A digest of newsdesk's source but the timed stages' modules: what a prepared database depends on."""
    package = Path(newsdesk.__file__).resolve().parent
    digest = hashlib.sha256(newsdesk.__version__.encode())
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.parts[0] in TIMED_CODE:
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _features_key(base: Path) -> str:
    """A digest of a prepared database's name (its articles and the code that ingested them) and of the timed
    stages' modules that the ``features`` stage runs: what a database with the features worked out depends on."""
    package = Path(newsdesk.__file__).resolve().parent
    digest = hashlib.sha256(base.name.encode())
    for part in TIMED_CODE:
        for path in (
            sorted(package.joinpath(part).rglob("*.py")) if package.joinpath(part).is_dir() else [package / part]
        ):
            relative = path.relative_to(package).as_posix()
            if relative not in FEATURES_SKIP:
                digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _write_sources(records: Sequence[Record], start: int, folder: Path) -> list[Path]:
    """``records`` as JSONL files of FILE_LINES articles each (one file of thousands would pass [ingest]
    max_text_bytes, 10 MB), numbered from ``start``."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for offset in range(0, len(records), FILE_LINES):
        source = folder / f"articles-{start + offset:07d}.jsonl"
        lines = records[offset : offset + FILE_LINES]
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
        sources.append(source)
    return sources


def _copy_db(source: Path, target: Path) -> None:
    """Copy a closed SQLite database (and a write-ahead log left beside it, if any) by way of a temporary name."""
    if not source.exists():
        raise FileNotFoundError(source)
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}.part")
            Path(f"{target}{suffix}.part").replace(f"{target}{suffix}")


def prepare(records: Sequence[Record], sizes: Sequence[int], cache: Path) -> dict[int, Path]:
    """A database per size holding the first ``size`` records ingested, with the cites stage run: read from
    ``cache`` when there, else grown from the previous size's database and stored there."""
    cache.mkdir(parents=True, exist_ok=True)
    code = _code_key()
    running = hashlib.sha256(code.encode())
    paths: dict[int, Path] = {}
    done, built = 0, 0  # records hashed so far; records the working database holds (-1: not the last size's)
    work = cache / f"work-{os.getpid()}.db"  # this process's own: two runs may prepare at once
    settings = Settings(pipeline=PipelineSettings(stages=("cites",)))
    for size in sizes:
        for record in records[done:size]:
            running.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode() + b"\n")
        key = running.copy().hexdigest()[:16]
        path = paths[size] = cache / f"cluster-{size}-{key}.db"
        previous, done = done, size
        if path.exists():
            built = -1
            continue
        if built != previous:  # the working database is not the previous size's: start from that one's copy
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{work}{suffix}").unlink(missing_ok=True)
            if previous:
                _copy_db(paths[sizes[sizes.index(size) - 1]], work)
        started, cpu = time.perf_counter(), time.process_time()
        with tempfile.TemporaryDirectory(prefix="newsdesk-bench-input-") as tmp:
            sources = _write_sources(records[previous:size], previous, Path(tmp))
            with newsdesk.open(work, settings=settings) as corpus:
                ingested = corpus.ingest(sources, analyze=False)
                if ingested.failures:
                    first = ingested.failures[0]
                    sys.exit(
                        f"error: {len(ingested.failures)} of {size - previous} articles failed to ingest, "
                        f"first {first.item}: {first.message}"
                    )
                failed = {r.stage: r.failures for r in corpus.analyze() if r.failures}
                if failed:
                    sys.exit(f"error: the cites stage failed while preparing {size} articles: {failed}")
        _copy_db(work, path)
        built = size
        print(
            f"  prepared {size:,} ({size - previous:,} more ingested, cites run): "
            f"{time.process_time() - cpu:.1f} CPU s, {time.perf_counter() - started:.1f} s wall",
            flush=True,
        )
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    return paths


def prepare_features(prepared: dict[int, Path], cache: Path) -> dict[int, tuple[Path, float]]:
    """For each size, a copy of its prepared database with the ``features`` stage run over every article, as the
    per-article phase of a real analysis does (in one process here, so that its CPU seconds are this process's),
    read from ``cache`` when there; returns each database and the stage's CPU seconds an article."""
    settings = Settings(pipeline=PipelineSettings(stages=("cites", "features"), workers=1))
    out: dict[int, tuple[Path, float]] = {}
    for size, base in prepared.items():
        path = cache / f"features-{size}-{_features_key(base)}.db"
        figures = path.with_suffix(".json")
        if path.exists() and figures.exists():
            out[size] = (path, json.loads(figures.read_text())["cpu_ms_an_article"])
            continue
        work = cache / f"work-features-{os.getpid()}.db"
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        _copy_db(base, work)
        with newsdesk.open(work, settings=settings) as corpus:
            reports = corpus.analyze()
        failed = {r.stage: r.failures for r in reports if r.failures}
        if failed:
            sys.exit(f"error: the features stage failed while preparing {size} articles: {failed}")
        report = next(r for r in reports if r.stage == "features")
        per_article = 1000 * report.cpu_seconds / max(report.items_in, 1)
        _copy_db(work, path)
        figures.write_text(json.dumps({"articles": report.items_in, "cpu_ms_an_article": per_article}) + "\n")
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        out[size] = (path, per_article)
        print(
            f"  features worked out for {size:,} ({report.items_in:,} articles): {report.cpu_seconds:.1f} CPU s, "
            f"{per_article:.2f} CPU ms an article",
            flush=True,
        )
    return out


def analyze(db: Path, size: int) -> Run:
    """Time ``Corpus.analyze()`` with STAGES over ``db`` (a copy of a prepared database), in this process."""
    settings = Settings(pipeline=PipelineSettings(stages=STAGES))
    importlib.import_module("newsdesk.grouping")  # its library (numpy) loads before the clock starts
    with newsdesk.open(db, settings=settings) as corpus:
        started, cpu = time.perf_counter(), time.process_time()
        reports = corpus.analyze()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        failed = {r.stage: r.failures for r in reports if r.failures}
        if failed:
            sys.exit(f"error: analysis stages failed at {size} articles: {failed}; see `newsdesk failures`")
        late = sum(r.items_in for r in reports if r.stage == "features")
        if late:
            sys.exit(f"error: {late} of {size} articles had no features prepared; delete the cache and run again")
        summaries = corpus.articles()
    seconds = dict.fromkeys(STAGES, 0.0)
    cpu_seconds = dict(seconds)
    for r in reports:  # a stage reports once per batch: add them up
        seconds[r.stage] += r.seconds
        cpu_seconds[r.stage] += r.cpu_seconds
    return Run(
        size=size,
        stored=len(summaries),
        copies=sum(1 for a in summaries if a["duplicate_of"]),
        events=len({a["event_id"] for a in summaries if a["event_id"]}),
        origins=len({a["origin"] or a["id"] for a in summaries}),
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        analyze_wall=wall,
        analyze_cpu=cpu,
        peak_rss_mb=peak_rss_mib(),
    )


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB: on Linux ``VmHWM`` of ``/proc/self/status``, the high-water
    mark of the memory this process has mapped since it started. Not ``ru_maxrss``: Linux keeps a process's
    ``ru_maxrss`` across ``exec``, so a child started by ``subprocess`` reports at least its parent's peak (the
    parent of a 64k run, holding every size's articles, put a floor of 651 MiB under the children of 1k-4k).
    Elsewhere, ``ru_maxrss`` (kibibytes on Linux, bytes on macOS; the benchmark's figures come from Linux)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        status = ""
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    if found:
        return int(found.group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(prepared: Path, size: int, tmp: Path) -> Run:
    """Analyse a copy of the prepared database of ``size`` articles in a child process (so that its peak memory
    is the analysis's own) and return its figures."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-", dir=tmp) as db_dir:
        db = Path(db_dir) / "bench.db"
        _copy_db(prepared, db)
        child = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--analyze", str(db), "--sizes", str(size)],
            check=False,
            capture_output=True,
            text=True,
        )
    if child.returncode != 0:
        sys.exit(f"error: the analysis of {size:,} articles failed:\n{child.stderr.strip()}")
    return Run(**json.loads(child.stdout.strip().splitlines()[-1]))


def best_of(repeat: int, prepared: tuple[Path, float], size: int, tmp: Path) -> Run:
    """The run with the smallest dedupe + cluster + origins time over ``repeat`` fresh copies of ``prepared`` (a
    database with its features, and the features stage's CPU ms an article)."""
    best = min((measure(prepared[0], size, tmp) for _ in range(repeat)), key=lambda r: r.total)
    return dataclasses.replace(best, features_ms=prepared[1])


def growth(runs: Sequence[Run]) -> list[float | None]:
    """Time growth per doubling from each size to the next (None for the first): for an exact doubling, the
    ratio of totals; otherwise that ratio normalised to one doubling, ``ratio ** (1 / log2(n2 / n1))``."""
    out: list[float | None] = [None]
    for before, after in pairwise(runs):
        ratio = after.total / before.total if before.total > 0 else math.inf
        out.append(ratio ** (1 / math.log2(after.size / before.size)))
    return out


def table(runs: Sequence[Run]) -> list[str]:
    """The printed result: one row per size, then the worst growth per doubling."""
    rows = [
        f"{'size':>6}{'stored':>8}{'copies':>8}{'events':>8}{'origins':>8}{'dedupe s':>10}{'cluster s':>11}"
        f"{'origins s':>11}"
        f"{'total s':>10}{'wall s':>9}{'RSS MiB':>9}{'growth':>8}{'feat ms':>9}"
    ]
    factors = growth(runs)
    for run, factor in zip(runs, factors, strict=True):
        rows.append(
            f"{run.size:>6,}{run.stored:>8,}{run.copies:>8,}{run.events:>8,}{run.origins:>8,}{run.cpu_seconds['dedupe']:>10.3f}"
            f"{run.cpu_seconds['cluster']:>11.3f}{run.cpu_seconds['origins']:>11.3f}{run.total:>10.3f}"
            f"{run.total_wall:>9.1f}{run.peak_rss_mb:>9,.0f}"
            + (f"{factor:>7.2f}x" if factor is not None else f"{'-':>8}")
            + f"{run.features_ms:>9.2f}"
        )
    known = [f for f in factors if f is not None]
    if known:
        worst = max(known)
        verdict = "ok" if worst <= TARGET else "ABOVE TARGET"
        rows.append(f"growth per doubling: max {worst:.2f} (target <= {TARGET}) {verdict}")
    else:
        rows.append(f"growth per doubling: n/a, give two sizes or more (target <= {TARGET})")
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated corpus sizes, ascending (default 1000,2000,4000,8000)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="fresh corpora per size; the best counts (default 1)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the order and the copies (default {SEED})")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON to this path")
    parser.add_argument(
        "--cache",
        type=Path,
        default=CACHE,
        help="folder of the prepared databases, one per size (default bench/.cache/cluster; delete it to rebuild)",
    )
    parser.add_argument("--prepare-only", action="store_true", help="prepare (or check) the cache and stop")
    parser.add_argument("--analyze", type=Path, default=None, help=argparse.SUPPRESS)  # the child's database
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be comma-separated whole numbers, like 1000,2000; got {args.sizes!r}")
    if not args.sizes or any(s < 1 for s in args.sizes) or args.sizes != sorted(set(args.sizes)):
        parser.error("--sizes must be distinct positive numbers in ascending order, like 1000,2000,4000")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print its table, optionally write JSON; returns the exit status."""
    args = parse_args(argv)
    if args.analyze is not None:  # the child process of `measure`: its figures as one JSON line
        print(json.dumps(dataclasses.asdict(analyze(args.analyze, args.sizes[-1]))))
        return 0
    data = shared_data()
    records, real = build(data, max(args.sizes), args.seed)
    print(
        f"newsdesk {newsdesk.__version__} cluster benchmark: stages {', '.join(TIMED)} at sizes "
        f"{', '.join(f'{s:,}' for s in args.sizes)}; {real:,} real articles then {len(records) - real:,} perturbed "
        f"copies (seed {args.seed}), best of {args.repeat}",
        flush=True,
    )
    prepared = prepare_features(prepare(records, args.sizes, args.cache), args.cache)
    if args.prepare_only:
        return 0
    runs = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-run-", dir=args.cache) as tmp:
        for size in args.sizes:
            runs.append(best_of(args.repeat, prepared[size], size, Path(tmp)))
            run = runs[-1]
            print(
                f"  {size:,}: " + ", ".join(f"{s} {run.cpu_seconds[s]:.2f}" for s in TIMED) + " CPU s "
                f"(wall {run.total_wall:.1f} s; analyze() {run.analyze_cpu:.1f} CPU s; peak RSS "
                f"{run.peak_rss_mb:,.0f} MiB)",
                flush=True,
            )
    print("\n".join(table(runs)))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results(args, real, runs), indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


def results(args: argparse.Namespace, real: int, runs: Sequence[Run]) -> dict[str, Any]:
    """The results as a JSON-ready dict."""
    factors = growth(runs)
    known = [f for f in factors if f is not None]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "newsdesk": newsdesk.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "repeat": args.repeat,
        "seed": args.seed,
        "real_articles": real,
        "target_growth_per_doubling": TARGET,
        "max_growth_per_doubling": max(known) if known else None,
        "sizes": [
            {
                "size": run.size,
                "stored": run.stored,
                "copies": run.copies,
                "events": run.events,
                "origins": run.origins,
                "seconds": run.seconds,
                "cpu_seconds": run.cpu_seconds,
                "total_cpu_seconds": run.total,
                "total_seconds": run.total_wall,
                "analyze_wall_seconds": run.analyze_wall,
                "analyze_cpu_seconds": run.analyze_cpu,
                "peak_rss_mib": run.peak_rss_mb,
                "features_cpu_ms_an_article": run.features_ms,
                "growth_per_doubling": factor,
            }
            for run, factor in zip(runs, factors, strict=True)
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
