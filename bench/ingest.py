"""Ingest throughput over the real articles in ../shared/data, against the floor of merely reading them.

Inputs: the 924 PolNeAR text files (``polnear/{train,dev}/text/*.txt``) and the 772 ECB+ articles of
``ecbplus/topics-1-35.jsonl``. The JSONL file is ingested as it is (newsdesk reads its ``text``, ``title`` and
``published`` keys and ignores the rest); with ``--limit`` cutting into it, its first lines are copied to a
temporary file first, untimed.

Past those 1,696, ``--limit`` takes FNC-1's article bodies (``fnc1/train_bodies.csv``, 1,683 more real news
articles), written untimed to the same temporary JSONL file as ``{"text": body}`` lines; then BASIL's 210 articles
(``basil/articles/*/*.json``: their paragraphs' sentences joined, title and date) as JSONL lines too, then the 60
text files of ``../shared/dev-news`` (with their headers, read as any text file), ingested after the PolNeAR files.
That is 3,649 real articles in all.

Past those, ``--limit`` makes **copies, which are not real articles**: each is a real article picked at random
(a fixed seed, :data:`COPY_SEED`) with 1-15% of its words of four letters or more replaced by words of the same
length found in the real articles (the first letter's case kept) and about half its digits changed, its title
changed the same way (at least 20% of its words) and its date moved by up to two days: bench/grow.py's copies
(``_replace``), made from the input texts rather than a store. They are written to the JSONL lines after the real
articles; lines past half of ``[ingest] max_text_bytes`` (newsdesk refuses a file over it) go to further files,
ingested in turn. Dedupe finds many of them near-duplicates of their original, as it would a wire story's reprints
in a real archive; the parse and every other stage run on them as on any article.

With ``--workers 1,2`` the full ingest is timed once per worker count (``[pipeline] workers``), each beside
spaCy's ``nlp.pipe`` alone over the same texts with as many processes: the ratio of their rates says what the
pipeline costs over the model. Each side runs in a fresh interpreter of its own and pays what a user running it
pays (its imports, the model's load, its worker processes): spaCy alone imports spaCy only, loads the model with
the components newsdesk loads, and parses the texts the ingest stored (read back from its store, untimed). CPU
seconds (the child process and its own children) are printed beside wall time.

Usage: ``.venv/bin/python bench/ingest.py [--repeat N] [--limit N] [--workers 1,2] [--json PATH]``.
``NEWSDESK_SHARED`` overrides the ``../shared`` folder.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import pickle
import platform
import random
import resource
import runpy
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import newsdesk
from newsdesk import IngestReport, Settings, nlp
from newsdesk.ingest.header import split as split_header
from newsdesk.settings import PipelineSettings
from newsdesk.workers import count as worker_count

ROOT = Path(__file__).resolve().parents[1]
TEXT_DIRS = ("polnear/train/text", "polnear/dev/text")
JSONL = "ecbplus/topics-1-35.jsonl"
FNC1 = "fnc1/train_bodies.csv"
BASIL = "basil/articles"
DEV_NEWS = "dev-news"  # beside ``data`` in ../shared
COPY_SEED = 20261205
T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """The articles to benchmark: text files (of which the last ``dev_news`` are dev-news's) plus the selected
    lines of the JSONL file (after ECB+'s lines, ``fnc1`` FNC-1 bodies, ``basil`` BASIL articles and ``copies``
    copies, in that order)."""

    texts: list[Path]
    jsonl: Path
    lines: int
    fnc1: int = 0
    basil: int = 0
    dev_news: int = 0
    copies: int = 0
    # The JSONL lines past half of ``[ingest] max_text_bytes``, in files of their own after ``jsonl``.
    more_jsonl: tuple[Path, ...] = ()

    @property
    def jsonl_files(self) -> list[Path]:
        """The JSONL files to ingest, in order (none without lines)."""
        return [self.jsonl, *self.more_jsonl] if self.lines else []

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
    """The first ``limit`` articles (the 1,696 of PolNeAR and ECB+ with None): PolNeAR's text files first, then
    JSONL lines (copied if cut), then FNC-1 bodies and BASIL's articles (written as JSONL lines after them), then
    dev-news's text files (after PolNeAR's), then copies of those real articles (JSONL lines, :func:`copies`)."""
    texts = [p for d in TEXT_DIRS for p in sorted((data / d).glob("*.txt"))]
    source = data / JSONL
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit is None or limit == len(texts) + len(lines):
        return Inputs(texts, source, len(lines))
    texts, keep = texts[:limit], lines[: max(0, limit - len(texts))]
    more = limit - len(texts) - len(keep)
    bodies = fnc1_bodies(data)[:more] if more > 0 else []
    more -= len(bodies)
    basil = basil_articles(data)[:more] if more > 0 else []
    more -= len(basil)
    news = dev_news(data)[:more] if more > 0 else []
    more -= len(news)
    keep += [json.dumps({"text": body}) for body in bodies] + [json.dumps(a) for a in basil]
    if more > 0:  # every real article is taken: copies of them (not real articles) make up the rest
        real = [{"text": p.read_text(encoding="utf-8")} for p in texts] + [_fields(json.loads(x)) for x in keep]
        real += [_fields(_text_file(p)) for p in news]
        keep += [json.dumps(a) for a in copies([a for a in real if a.get("text", "").strip()], more)]
    cut, *rest = _write_parts(keep, tmp / "ecbplus-head.jsonl")
    return Inputs([*texts, *news], cut, len(keep), len(bodies), len(basil), len(news), max(0, more), tuple(rest))


def _write_parts(lines: Sequence[str], first: Path) -> list[Path]:
    """``lines`` written to ``first``, and to ``first``'s name with -2, -3, ... after it where they pass half of
    ``[ingest] max_text_bytes``: newsdesk refuses a larger file (with copies, 10,000 articles are 25 MB)."""
    most = Settings().ingest.max_text_bytes // 2
    parts: list[list[str]] = [[]]
    size = 0
    for line in lines:
        grown = len(line.encode("utf-8")) + 1
        if parts[-1] and size + grown > most:
            parts.append([])
            size = 0
        parts[-1].append(line)
        size += grown
    paths = [first] + [first.with_stem(f"{first.stem}-{i}") for i in range(2, len(parts) + 1)]
    for path, part in zip(paths, parts, strict=True):
        path.write_text("".join(f"{line}\n" for line in part), encoding="utf-8")
    return paths


def fnc1_bodies(data: Path) -> list[str]:
    """FNC-1's article bodies, in file order (read only when ``--limit`` goes past PolNeAR and ECB+)."""
    path = data / FNC1
    if not path.exists():
        sys.exit(f"error: benchmark data missing: {path} (needed for --limit past 1,696 articles).")
    with path.open(encoding="utf-8", newline="") as f:
        return [row["articleBody"] for row in csv.DictReader(f)]


def basil_articles(data: Path) -> list[dict[str, str]]:
    """BASIL's articles in path order, each as a JSONL record: its paragraphs (lists of sentences) joined, its
    title and date."""
    paths = sorted((data / BASIL).glob("*/*.json"))
    if not paths:
        sys.exit(f"error: benchmark data missing: {data / BASIL} (needed for --limit past 3,379 articles).")
    articles = []
    for path in paths:
        article = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in article["body-paragraphs"])
        articles.append({"text": text, "title": article["title"], "published": article["date"]})
    return articles


def dev_news(data: Path) -> list[Path]:
    """The text files of ../shared/dev-news, in name order."""
    paths = sorted((data.parent / DEV_NEWS).glob("*.txt"))
    if not paths:
        sys.exit(f"error: benchmark data missing: {data.parent / DEV_NEWS} (needed for --limit past 3,589 articles).")
    return paths


def _text_file(path: Path) -> dict[str, str]:
    """A text file's body, title and date as its header states them (its whole content without a header)."""
    content = path.read_text(encoding="utf-8")
    header = split_header(content)
    return {"text": content} if header is None else {**dict(header.fields), "text": header.body}


def _fields(article: dict[str, Any]) -> dict[str, str]:
    """An article's text, title and date, the fields a copy changes."""
    return {k: article[k] for k in ("text", "title", "published") if article.get(k)}


def copies(real: Sequence[dict[str, str]], count: int, seed: int = COPY_SEED) -> list[dict[str, str]]:
    """``count`` copies of the ``real`` articles (``text``, and ``title`` and ``published`` where given), each of
    one picked at random: bench/grow.py's copy (1-15% of its words replaced by words of the same length from the
    real articles, half its digits changed, every offset in place), its title changed the same way, its date moved
    by up to two days. Never the text of a real article or of another copy. Not real articles."""
    grow = _grow_bench()
    rng = random.Random(seed)
    words: dict[int, list[str]] = {}
    for word in sorted({w.lower() for a in real for w in grow["_WORD"].findall(a["text"])}):
        words.setdefault(len(word), []).append(word)
    seen = {a["text"] for a in real}
    made: list[dict[str, str]] = []
    while len(made) < count:
        original = rng.choice(real)
        rate = rng.uniform(0.01, 0.15)
        text = grow["_replace"](original["text"], (), rate, rng, words)
        if text in seen:
            continue
        seen.add(text)
        copy = {"text": text}
        if original.get("title"):
            copy["title"] = grow["_replace"](original["title"], (), max(rate, 0.2), rng, words)
        if original.get("published"):
            copy["published"] = grow["_shift"](original["published"], rng.randint(-2, 2))
        made.append(copy)
    return made


@functools.cache
def _grow_bench() -> dict[str, Any]:
    """bench/grow.py's globals (it is loaded by path, not run), for its copies."""
    return runpy.run_path(str(Path(__file__).with_name("grow.py")))


def read_all(inputs: Inputs) -> int:
    """Read and decode every input, parsing each JSONL line; returns the article count (the floor to beat)."""
    n = 0
    for path in inputs.texts:
        path.read_bytes().decode("utf-8")
        n += 1
    if inputs.lines:
        for path in inputs.jsonl_files:
            n += sum(1 for line in path.read_bytes().decode("utf-8").splitlines() if json.loads(line))
    return n


def ingest_all(
    inputs: Inputs, *, analyze: bool, workers: int = 0, after: Callable[[newsdesk.Corpus], None] | None = None
) -> IngestReport:
    """Ingest the inputs into a fresh database in a temporary folder, with default settings (and ``workers``);
    ``after`` is called with the corpus before it closes."""
    targets = [*inputs.texts, *inputs.jsonl_files]
    settings = Settings(pipeline=PipelineSettings(workers=workers))
    with (
        tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp,
        newsdesk.open(Path(tmp) / "bench.db", settings=settings) as corpus,
    ):
        report = corpus.ingest(targets, analyze=analyze)
        if after is not None:
            after(corpus)
        return report


# spaCy alone in a fresh interpreter: it reads the texts (untimed), imports spaCy (not newsdesk), loads the model
# with the components newsdesk excludes left out, and parses with nlp.pipe. Arguments: texts JSON, model, batch
# size, processes, excluded components (comma-separated), where to write its result.
SPACY_ALONE = """
import json, pickle, resource, sys, time
cpu, wall = time.process_time(), time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    texts = json.load(f)
untimed_cpu, untimed_wall = time.process_time() - cpu, time.perf_counter() - wall
import spacy
nlp = spacy.load(sys.argv[2], exclude=[x for x in sys.argv[5].split(",") if x])
parsed = sum(1 for _ in nlp.pipe(texts, batch_size=int(sys.argv[3]), n_process=int(sys.argv[4])))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(sys.argv[6], "wb") as f:
    pickle.dump({"parsed": parsed, "untimed_cpu": untimed_cpu, "untimed_wall": untimed_wall, "peak_kib": peak}, f)
"""


def spacy_command(texts: Path, processes: int, out: Path) -> list[str]:
    """The command that runs spaCy alone over the texts in ``texts`` (a JSON list) in a fresh interpreter."""
    settings = Settings().nlp
    return [
        sys.executable,
        "-c",
        SPACY_ALONE,
        str(texts),
        settings.model,
        str(settings.batch_size),
        str(processes),
        ",".join(nlp.EXCLUDED),
        str(out),
    ]


def ingest_command(limit: int | None, workers: int, texts: Path, out: Path) -> list[str]:
    """The command that runs the full ingest in a fresh interpreter (this script with ``--phase ingest``)."""
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        "ingest",
        "--workers",
        str(workers),
        "--texts",
        str(texts),
        "--out",
        str(out),
        *(["--limit", str(limit)] if limit is not None else []),
    ]


def phase_ingest(limit: int | None, workers: int, texts: Path, out: Path) -> int:
    """The child's side of :func:`ingest_command`: select the inputs (untimed), ingest them with ``workers``, write
    the stored articles' texts to ``texts`` for spaCy alone (untimed) and the report to ``out``."""
    cpu, wall, own = cpu_seconds(), time.perf_counter(), own_cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-input-") as tmp:
        inputs = select(shared_data(), limit, Path(tmp))
        untimed_cpu, untimed_wall = cpu_seconds() - cpu, time.perf_counter() - wall

        def keep_texts(corpus: newsdesk.Corpus) -> None:
            nonlocal untimed_cpu, untimed_wall
            cpu, wall = cpu_seconds(), time.perf_counter()
            stored = corpus.records([a["id"] for a in corpus.articles()])
            texts.write_text(json.dumps([a.text for a in stored]), encoding="utf-8")
            untimed_cpu += cpu_seconds() - cpu
            untimed_wall += time.perf_counter() - wall

        report = ingest_all(inputs, analyze=True, workers=workers, after=keep_texts)
    result = {
        "report": report,
        # The main process's share (its untimed reading is its own) and the workers': which one a run waits on.
        "main_cpu": own_cpu_seconds() - own - untimed_cpu,
        "untimed_cpu": untimed_cpu,
        "untimed_wall": untimed_wall,
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    out.write_bytes(pickle.dumps(result))
    return 0


def best_child(repeat: int, command: list[str], out: Path) -> tuple[Timing, dict[str, Any]]:
    """Run ``command`` (a fresh interpreter that writes a pickled dict to ``out``) ``repeat`` times: the fastest
    wall time with its CPU seconds (the child's and its children's, not this process's: sampling /proc for the
    peaks costs CPU in proportion to the wall time, a lot on a busy machine), less what the child did untimed
    (reading its inputs), its peak RSS and the largest peak RSS of its own children (Linux), with the last
    result."""
    runs = []
    with ChildPeaks(nested=True) as children:
        for _ in range(repeat):
            cpu, start = children_cpu_seconds(), time.perf_counter()
            subprocess.run(command, check=True)
            wall, used = time.perf_counter() - start, children_cpu_seconds() - cpu
            result = pickle.loads(out.read_bytes())
            runs.append((wall - result["untimed_wall"], used - result["untimed_cpu"], _mib(result["peak_kib"])))
    wall, cpu, peak = min(runs)
    return Timing(wall, peak, cpu, children.peak_kib / 1024), result


def _mib(kib: float) -> float:
    return kib / (1024 * 1024 if sys.platform == "darwin" else 1024)


def peak_rss_mib() -> float:
    """The process's peak resident set size so far, in MiB."""
    return _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def cpu_seconds() -> float:
    """User and system CPU seconds of this process and of the child processes it has waited for."""
    return own_cpu_seconds() + children_cpu_seconds()


def own_cpu_seconds() -> float:
    """User and system CPU seconds of this process alone (all its threads)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def children_cpu_seconds() -> float:
    """User and system CPU seconds of the child processes this process has waited for (and of theirs)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


class ChildPeaks:
    """The largest peak RSS (``VmHWM``) of this process's children (``nested``: of the processes below them),
    sampled twice a second while it runs.

    ``getrusage(RUSAGE_CHILDREN)`` cannot tell it: a child started by fork and exec keeps the parent's peak."""

    def __init__(self, *, nested: bool = False) -> None:
        self.peak_kib = 0
        self.nested = nested
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
            parents: dict[Path, int] = {}
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    parents[stat.parent] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
            mine, below = {me}, {me}
            if self.nested:  # every process below the children: newsdesk's zygote and the workers it forks
                mine = set()
                while below:
                    below = {int(d.name) for d, parent in parents.items() if parent in below} - mine
                    mine |= below
            for folder, parent in parents.items():
                if parent not in mine:
                    continue
                try:
                    status = (folder / "status").read_text()
                except OSError:
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
    # How the benchmark runs one side of the comparison in a fresh interpreter (not for use by hand).
    parser.add_argument("--phase", choices=("ingest",), default=None, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
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
    if args.phase == "ingest":
        return phase_ingest(args.limit, args.workers[0], args.texts, args.out)
    data = shared_data()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-input-") as tmp:
        inputs = select(data, args.limit, Path(tmp))
        n = inputs.count
        read, _ = best_of(args.repeat, lambda: read_all(inputs))
        bare, _ = best_of(args.repeat, lambda: ingest_all(inputs, analyze=False))
        scaling: dict[int, tuple[Timing, Timing]] = {}
        main_cpu: dict[int, float] = {}
        texts, out = Path(tmp) / "stored-texts.json", Path(tmp) / "phase.pickle"
        for workers in args.workers:  # each side in a fresh interpreter, paying its imports and the model's load
            ingest, result = best_child(args.repeat, ingest_command(args.limit, workers, texts, out), out)
            report = result["report"]
            main_cpu.setdefault(workers, result.get("main_cpu", 0.0))
            alone, _ = best_child(args.repeat, spacy_command(texts, workers, out), out)
            scaling[workers] = (ingest, alone)
            # At once: a long run on a busy machine may be stopped before the table.
            print(
                f"{workers} worker(s): ingest {ingest.seconds:.1f} s, {ingest.cpu_seconds:.1f} CPU s (the main "
                f"process {main_cpu[workers]:.1f}, of the last run); spaCy alone "
                f"{alone.seconds:.1f} s, {alone.cpu_seconds:.1f} CPU s; load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        if scaling:  # the first worker count's run stands for the full ingest
            full = scaling[args.workers[0]][0]
        else:
            full, report = best_of(args.repeat, lambda: ingest_all(inputs, analyze=True))
    print(
        f"newsdesk {newsdesk.__version__} ingest benchmark: {n:,} articles "
        f"({len(inputs.texts) - inputs.dev_news} PolNeAR .txt, "
        f"{inputs.lines - inputs.fnc1 - inputs.basil - inputs.copies} ECB+ JSONL lines, {inputs.fnc1} FNC-1 bodies, "
        f"{inputs.basil} BASIL, {inputs.dev_news} dev-news; {inputs.copies} copies, not real), best of {args.repeat}"
    )
    print(f"stored {len(report.added)}, duplicates {len(report.skipped)}, failures {len(report.failures)}")
    workers = args.workers[0] if args.workers else worker_count(0)
    print(f"ingest: default settings, {workers} worker(s) (worker processes start from 100 pending articles)")
    print("\n".join(table(n, read, full, bare, scaling)))
    print(
        "stages of the last full ingest (wall s / main process CPU s): "
        + ", ".join(f"{r.stage} {r.seconds:.1f}/{r.cpu_seconds:.1f}" for r in report.stages)
    )
    framing_part, staged = stances_and_digest(report)
    print(
        f"stances and digest stages: {framing_part:.1f} s of {staged:.1f} s in stages "
        f"({framing_part / staged if staged else 0.0:.1%}; issue 15 allows stances and framing 20%)"
    )
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        found = results(args, inputs, report, read, full, bare, scaling)
        for w, cpu in main_cpu.items():  # (the last run's, where --repeat is more than 1)
            found["workers"][str(w)]["main_process_cpu_seconds"] = cpu
        args.json.write_text(json.dumps(found, indent=2) + "\n")
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
        "fnc1_bodies": inputs.fnc1,
        "basil_articles": inputs.basil,
        "dev_news_files": inputs.dev_news,
        "copies": inputs.copies,
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
        "stage_cpu_seconds": {r.stage: r.cpu_seconds for r in report.stages},
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
