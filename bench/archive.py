"""A synthetic news archive ingested with ``newsdesk ingest --no-analyze``, then searched.

Inputs: ``--articles`` short articles (default 100,000; ``--articles 1000000`` for the archive of issue 17) of our
own generated text, made with a fixed seed: a vocabulary of English function words followed by made-up words
of one to four syllables, drawn by a Zipf law (word of rank r with weight 1 / (r + 2.7)), in sentences of 6 to 18
words and paragraphs of one to three sentences (60 to 200 words an article), with a title, an outlet (one of 40,
a few much larger than the rest), a URL and a publication date between 2000 and 2026. One article in a thousand
repeats an earlier one's text under another URL (the store skips it as known). They are written as JSONL files of
5,000 lines in the work folder (untimed).

Timed: ``python -m newsdesk --db DB ingest --no-analyze FOLDER`` in a child process, as a user runs it: wall and
CPU seconds (the child's user + system, from ``os.wait4``), articles per second, the child's peak RSS, and the
disk the database takes (the file, its WAL) once the command has ended. Then, in this process through
``Corpus.search`` (what ``newsdesk search`` and the web UI's search page call; ``limit`` 51 as the page asks), a
sample of queries of six kinds, each picked from the generated articles' document frequencies: a single common
word (in 20-60% of the articles), a rare word (in 5-50 articles; the rarest ones when no word is that rare: at
1,000,000 articles every word of the vocabulary is in 174 or more), two mid-frequency words, a two-word phrase
taken from an article, a prefix (``word*``, the first five letters of a mid-frequency word), and a common word
filtered by an outlet (any of the 40: 0.6% to 23% of the articles) or by one year (3.7%). Each query
runs once after one warm-up query per kind; p50 and p95 (nearest rank) and max per kind, against the target of a
p95 under 200 ms, with the p95 of the CPU time each query took (``time.thread_time``: on a shared machine the
wall clock counts the other processes too). The ingest's target is 30 minutes for 1,000,000 articles.

Usage: ``.venv/bin/python bench/archive.py [--articles 100000] [--queries 40] [--dir /tmp/archive] [--keep]
[--json PATH]``. The work folder is a new temporary folder unless ``--dir`` names one; it is deleted at the end
unless ``--keep`` (a kept folder with its database is searched again without ingesting when given again with
``--reuse``; ``--ingest-again`` ingests a kept folder's generated files into a new database, without generating
them again, then searches). Exit status 0 either way; a figure over its target reads ``OVER``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

import newsdesk

SEED = 20261204
FILE_LINES = 5_000  # about 6 MB a file: under [ingest] max_text_bytes
OUTLETS = 40
VOCABULARY = 60_000
ZIPF_SHIFT = 2.7  # rank offset of the Zipf-Mandelbrot law: the commonest words less dominant than a pure 1/r
REPEAT_EVERY = 1000  # one article in this many repeats an earlier text (a wire story under another URL)
INGEST_TARGET_S = 30 * 60  # for 1,000,000 articles
INGEST_TARGET_ARTICLES = 1_000_000
SEARCH_TARGET_MS = 200.0
KINDS = ("common", "rare", "two words", "phrase", "prefix", "filtered")
PAGE = 51  # the web search page asks for one more than its 50 results

# Function words first (the commonest words of any English text), as real text has them.
_FUNCTION = (
    "the of and to in a is that for on with as was by at it from his be are said have has this not but "
    "an or he she they we its their were been had would will who which after about more than also new one two "
    "over into when there up out other last year years could most some people government told"
).split()
_ONSETS = "b c d f g h j k l m n p r s t v w z br ch cl dr fl gr pl pr sh st th tr".split()
_NUCLEI = "a e i o u ai ea ie ou oa".split()
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "nd", "rt", "st", "ck", "ng"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """``size`` distinct words: the function words, then made-up words of one to four syllables (shorter ones first,
    so that the commonest made-up words are short, as real ones are)."""
    words = list(dict.fromkeys(_FUNCTION))
    seen = set(words)
    while len(words) < size:
        rank = len(words)
        syllables = 1 + min(3, int(rng.expovariate(1.0) * (1 + rank / 15_000)))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) for _ in range(syllables)) + rng.choice(_CODAS)
        if word not in seen and len(word) >= 3:
            seen.add(word)
            words.append(word)
    return words


@dataclass
class Archive:
    """What was generated: the files, how many lines, and each word's document frequency."""

    files: list[Path]
    articles: int
    words: list[str]
    df: list[int]
    phrases: list[str] = field(default_factory=list)


def _outlets(rng: random.Random) -> list[tuple[str, str]]:
    names = []
    for i in range(OUTLETS):
        stem = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) for _ in range(2)).capitalize()
        kind = ("Times", "Herald", "Courier", "Post", "Gazette", "Observer", "Daily", "Wire")[i % 8]
        names.append((f"The {stem} {kind}", f"{stem.lower()}{kind.lower()}{i}.example"))
    return names


def generate(folder: Path, articles: int, seed: int = SEED) -> Archive:
    """Write ``articles`` synthetic articles as JSONL files in ``folder`` and count each word's document frequency."""
    rng = random.Random(seed)
    gen = np.random.default_rng(seed)
    words = vocabulary(VOCABULARY, rng)
    array = np.array(words, dtype=object)
    weights = 1.0 / (np.arange(len(words)) + ZIPF_SHIFT)
    cumulative = np.cumsum(weights / weights.sum())
    outlets = _outlets(rng)
    outlet_weights = [1.0 / (i + 1) for i in range(OUTLETS)]
    df = np.zeros(len(words), dtype=np.int64)
    start = date(2000, 1, 1)
    days = (date(2026, 11, 30) - start).days
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    phrases: list[str] = []
    texts: list[str] = []  # earlier texts that a repeat may copy (a bounded sample)
    out = None
    for n in range(articles):
        if n % FILE_LINES == 0:
            if out is not None:
                out.close()
            files.append(folder / f"archive-{n // FILE_LINES:05d}.jsonl")
            out = files[-1].open("w", encoding="utf-8")
        assert out is not None
        outlet, domain = rng.choices(outlets, weights=outlet_weights)[0]
        day = start + timedelta(days=rng.randrange(days))
        if n % REPEAT_EVERY == REPEAT_EVERY - 1 and texts:
            text, title = rng.choice(texts)
        else:
            length = rng.randint(60, 200)
            ranks = np.searchsorted(cumulative, gen.random(length + 8), side="right").clip(0, len(words) - 1)
            df[np.unique(ranks)] += 1
            drawn = array[ranks].tolist()
            title = " ".join(drawn[length:]).title()
            text = _paragraphs(drawn[:length], rng)
            if len(texts) < 5000:
                texts.append((text, title))
            elif rng.random() < 0.01:
                texts[rng.randrange(len(texts))] = (text, title)
            if len(phrases) < 2000 and rng.random() < 0.01:
                at = rng.randrange(length - 1)
                phrases.append(f"{drawn[at]} {drawn[at + 1]}")
        slug = "-".join(title.lower().split()[:5])
        record = {
            "title": title,
            "text": text,
            "outlet": outlet,
            "url": f"https://{domain}/{day:%Y/%m/%d}/{slug}-{n}",
            "published": f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out is not None:
        out.close()
    return Archive(files=files, articles=articles, words=words, df=df.tolist(), phrases=phrases)


def _paragraphs(drawn: list[str], rng: random.Random) -> str:
    sentences = []
    at = 0
    while at < len(drawn):
        size = rng.randint(6, 18)
        words = drawn[at : at + size]
        at += size
        sentence = " ".join(words)
        if len(words) > 8 and rng.random() < 0.3:  # a clause
            cut = len(" ".join(words[: len(words) // 2]))
            sentence = sentence[:cut] + "," + sentence[cut:]
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    paragraphs = []
    while sentences:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:take]))
        del sentences[:take]
    return "\n\n".join(paragraphs)


def queries(archive: Archive, per_kind: int, seed: int = SEED) -> dict[str, list[str]]:
    """``per_kind`` queries of each kind of :data:`KINDS`, chosen by document frequency (plus one warm-up each)."""
    rng = random.Random(seed + 1)
    n = max(archive.articles, 1)
    made = [(w, d) for w, d in zip(archive.words, archive.df, strict=True) if w not in set(_FUNCTION)]

    def band(low: float, high: float) -> list[str]:
        found = [w for w, d in made if low <= d <= high]
        return found or [w for w, d in sorted(made, key=lambda p: abs(p[1] - (low + high) / 2))[:per_kind]]

    def pick(pool: Sequence[str], k: int) -> list[str]:
        return [rng.choice(pool) for _ in range(k)]

    total = per_kind + 1
    common = band(0.2 * n, 0.6 * n)
    rare = band(5, 50)
    middle = band(0.01 * n, 0.1 * n)
    long_middle = [w for w in middle if len(w) >= 6] or middle
    phrases = archive.phrases or [f"{a} {b}" for a, b in pairwise(middle)]
    names = outlets(seed)
    return {
        "common": pick(common, total),
        "rare": pick(rare, total),
        "two words": [f"{a} {b}" for a, b in zip(pick(middle, total), pick(middle, total), strict=True)],
        "phrase": [f'"{p}"' for p in pick(phrases, total)],
        "prefix": [w[:5] + "*" for w in pick(long_middle, total)],
        # A common word within one outlet (any of the 40, 0.6% to 23% of the articles) or one year (3.7%).
        "filtered": [
            f"{w} @outlet={rng.choice(names)}" if i % 2 else f"{w} @year={rng.randrange(2000, 2026)}"
            for i, w in enumerate(pick(common, total))
        ],
    }


def outlets(seed: int = SEED) -> list[str]:
    """The outlets' names that :func:`generate` gives its articles for ``seed``."""
    rng = random.Random(seed)
    vocabulary(VOCABULARY, rng)
    return [name for name, _ in _outlets(rng)]


def split(query: str) -> tuple[str, dict[str, str]]:
    """A query of :func:`queries` as the words searched and the filters of ``Corpus.search`` (``@outlet=NAME`` or
    ``@year=YYYY`` after the words, in the "filtered" kind)."""
    words, _, spec = query.partition(" @")
    if not spec:
        return query, {}
    key, _, value = spec.partition("=")
    if key == "outlet":
        return words, {"outlet": value}
    return words, {"since": f"{value}-01-01", "until": f"{value}-12-31"}


@dataclass
class Ingest:
    """The timed ingest: what the command did and what it cost."""

    articles: int
    added: int
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    db_bytes: int
    wal_bytes: int
    output: str

    @property
    def per_second(self) -> float:
        return self.articles / self.wall_s if self.wall_s else 0.0


def ingest(db: Path, folder: Path, articles: int) -> Ingest:
    """``newsdesk --db DB ingest --no-analyze FOLDER`` in a child process, timed."""
    command = [sys.executable, "-m", "newsdesk", "--db", str(db), "ingest", "--no-analyze", str(folder)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert child.stdout is not None
    with child.stdout:
        output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 3):  # 3: some item failed, reported in the output
        raise SystemExit(f"ingest failed ({child.returncode}):\n{output}")
    conn_added = _count(db)
    if conn_added < articles * (1 - 2 / REPEAT_EVERY):
        raise SystemExit(f"ingest stored {conn_added:,} of {articles:,} articles:\n{output}")
    wal = db.with_name(db.name + "-wal")
    return Ingest(
        articles=articles,
        added=conn_added,
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,
        db_bytes=db.stat().st_size,
        wal_bytes=wal.stat().st_size if wal.exists() else 0,
        output=output.strip(),
    )


def _count(db: Path) -> int:
    with newsdesk.open(db) as corpus:
        return corpus.count()


@dataclass
class Latency:
    """One kind of query's latencies, in milliseconds, and how many results each found."""

    kind: str
    ms: list[float]
    results: list[int]
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return _rank(self.ms, 0.5)

    @property
    def p95(self) -> float:
        return _rank(self.ms, 0.95)

    @property
    def cpu_p95(self) -> float:
        return _rank(self.cpu_ms, 0.95)


def _rank(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def search(db: Path, asked: dict[str, list[str]]) -> list[Latency]:
    """Each kind's queries through ``Corpus.search``, the first of each untimed (a warm-up)."""
    out = []
    with newsdesk.open(db) as corpus:
        for kind, qs in asked.items():
            words, filters = split(qs[0])
            corpus.search(words, limit=PAGE, **filters)
            ms, cpu, found = [], [], []
            for q in qs[1:]:
                words, filters = split(q)
                started, used = time.perf_counter(), time.thread_time()
                rows = corpus.search(words, limit=PAGE, **filters)
                cpu.append((time.thread_time() - used) * 1000)
                ms.append((time.perf_counter() - started) * 1000)
                found.append(len(rows))
            out.append(Latency(kind=kind, ms=ms, results=found, cpu_ms=cpu))
    return out


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def report(archive_n: int, done: Ingest | None, latencies: Sequence[Latency], asked: dict[str, list[str]]) -> list[str]:
    """The printed table."""
    lines = []
    if done is not None:
        target = INGEST_TARGET_S * archive_n / INGEST_TARGET_ARTICLES
        verdict = "ok" if done.wall_s <= target else "OVER"
        lines += [
            f"ingest --no-analyze: {done.articles:,} articles, {done.added:,} stored, {done.wall_s:,.1f} s wall, "
            f"{done.cpu_s:,.1f} CPU s, {done.per_second:,.0f} articles/s, peak RSS {done.peak_rss_mib:,.0f} MiB "
            f"(target {target:,.0f} s at this size, {INGEST_TARGET_S / 60:.0f} min for 1,000,000: {verdict})",
            f"disk: database {_mib(done.db_bytes)}, WAL {_mib(done.wal_bytes)}, "
            f"{(done.db_bytes + done.wal_bytes) / max(done.added, 1):,.0f} bytes an article",
        ]
    lines.append(
        f"{'query kind':<10} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'CPU p95':>8} {'results':>8}  example"
    )
    for lat in latencies:
        verdict = "ok" if lat.p95 < SEARCH_TARGET_MS else "OVER"
        lines.append(
            f"{lat.kind:<10} {len(lat.ms):>4} {lat.p50:>8.1f} {lat.p95:>8.1f} {max(lat.ms, default=0):>8.1f} "
            f"{lat.cpu_p95:>8.1f} "
            f"{statistics.mean(lat.results) if lat.results else 0:>8.1f}  {asked[lat.kind][1]!r} {verdict}"
        )
    worst = max((lat.p95 for lat in latencies), default=0.0)
    lines.append(
        f"search p95 (worst kind) {worst:.1f} ms against {SEARCH_TARGET_MS:.0f} ms: "
        f"{'ok' if worst < SEARCH_TARGET_MS else 'OVER'}"
    )
    load = os.getloadavg()
    lines.append(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end")
    return lines


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000, help="articles to generate (default 100,000)")
    parser.add_argument("--queries", type=int, default=40, help="timed queries per kind (default 40)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (its files and database)")
    parser.add_argument("--reuse", action="store_true", help="search a kept folder's database without ingesting")
    parser.add_argument(
        "--ingest-again",
        action="store_true",
        help="ingest a kept folder's generated files into a new database (no generating), then search",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this file")
    return parser.parse_args(argv)


@dataclass
class _Work:
    folder: Path
    made: bool


@contextmanager
def _work(args: argparse.Namespace) -> Iterator[_Work]:
    if args.dir is None:
        folder = Path(tempfile.mkdtemp(prefix="newsdesk-archive-"))
        made = True
    else:
        made = not args.dir.exists()
        folder = args.dir
        folder.mkdir(parents=True, exist_ok=True)
    try:
        yield _Work(folder, made)
    finally:
        if not args.keep:
            shutil.rmtree(folder / "input", ignore_errors=True)
            _forget_database(folder)
            (folder / "archive.json").unlink(missing_ok=True)
            if made:
                shutil.rmtree(folder, ignore_errors=True)


def _forget_database(folder: Path) -> None:
    """Delete the work folder's database and its WAL files (a new ingest starts from none)."""
    for name in ("archive.db", "archive.db-wal", "archive.db-shm"):
        (folder / name).unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, ingest, search; print the table and optionally write JSON. Returns the exit status."""
    args = parse_args(argv)
    with _work(args) as work:
        db = work.folder / "archive.db"
        saved = work.folder / "archive.json"
        kept = saved.exists() and (db.exists() or (args.ingest_again and (work.folder / "input").is_dir()))
        reusing = (args.reuse or args.ingest_again) and kept
        size = "the kept" if reusing else f"{args.articles:,}"
        print(
            f"newsdesk {newsdesk.__version__} archive benchmark: {size} synthetic articles (seed "
            f"{args.seed}), {args.queries} queries per kind, in {work.folder}",
            flush=True,
        )
        done = None
        if reusing:
            state = json.loads(saved.read_text(encoding="utf-8"))
            archive = Archive(files=[], articles=state["articles"], words=state["words"], df=state["df"])
            archive.phrases = state["phrases"]
            if args.ingest_again:
                _forget_database(work.folder)
                done = ingest(db, work.folder / "input", archive.articles)
        else:
            _forget_database(work.folder)
            started = time.perf_counter()
            archive = generate(work.folder / "input", args.articles, args.seed)
            print(f"generated {len(archive.files)} JSONL files in {time.perf_counter() - started:,.1f} s", flush=True)
            saved.write_text(json.dumps({k: v for k, v in asdict(archive).items() if k != "files"}), encoding="utf-8")
            done = ingest(db, work.folder / "input", args.articles)
        asked = queries(archive, args.queries, args.seed)
        latencies = search(db, asked)
        lines = report(archive.articles, done, latencies, asked)
        print("\n".join(lines))
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results(args, archive, done, latencies, asked), indent=2) + "\n")
            print(f"wrote {args.json}")
    return 0


def results(
    args: argparse.Namespace,
    archive: Archive,
    done: Ingest | None,
    latencies: Sequence[Latency],
    asked: dict[str, list[str]],
) -> dict[str, Any]:
    """The results as a JSON-ready dict."""
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "newsdesk": newsdesk.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "load_average": os.getloadavg(),
        "this_process_peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "articles": archive.articles,
        "seed": args.seed,
        "ingest": None if done is None else {**asdict(done), "articles_per_second": done.per_second},
        "search_target_ms": SEARCH_TARGET_MS,
        "search": {
            lat.kind: {
                "queries": asked[lat.kind][1:],
                "ms": lat.ms,
                "results": lat.results,
                "p50_ms": lat.p50,
                "p95_ms": lat.p95,
                "cpu_ms": lat.cpu_ms,
                "cpu_p95_ms": lat.cpu_p95,
            }
            for lat in latencies
        },
    }


if __name__ == "__main__":
    sys.exit(main())
