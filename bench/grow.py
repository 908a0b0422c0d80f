"""A big store with every analysis stage run, built in minutes: a real ingest of a few real articles, grown by copies.

Ingesting 10,000 articles with every stage takes about 40 minutes of CPU (spaCy's quotes and entities stages cost
most of it). The web benchmarks need a store of that size in which every table is filled as an ingest fills it,
not the text analysis itself, so this builds one in two steps:

1. ``--base`` real articles (bench/cluster.py's order: PolNeAR and ECB+ shuffled with a fixed seed) are ingested
   with the default settings: every stage of ``[pipeline] stages`` runs on them for real.
2. Copies of them are added until the store holds ``--articles``. A copy is its original's clean text with 1-15%
   of its words (of four letters or more, outside any entity mention or quote speaker) replaced by words of the
   same length from the corpus, and its digits changed in place, so every character offset stays where it was.
   Its title is changed the same way and its date moved by up to two days. The quotes, mentions (with their
   entity links) and claims the per-article stages found in the original are copied with the same spans (their
   texts read from the copy), and those stages are marked done for the copy; entity counts are recomputed.
   Then ``Corpus.analyze()`` runs the remaining stages for real on the copies: cites and dates (cheap), and
   the corpus stages dedupe, cluster, origins and claim_match, which group the copies with their originals
   (near-duplicates, further reports of the same event) exactly as they would group ingested articles.

The store thus has the row counts and shapes of a 10,000-article all-stages ingest: about ten quotes, thirty
mentions and a few claims per article, stories of hundreds of articles, origin groups, claim clusters.

Usage: ``.venv/bin/python bench/grow.py --db PATH [--articles 10000] [--base 1000] [--seed N]``. A store
already at ``--db`` with fewer articles is grown (its articles are the originals); ``NEWSDESK_SHARED``
overrides the ``../shared`` folder. bench/load.py and bench/web.py build with it when given ``--all-stages``.

``--serial 8000,16000,32000,50000`` measures the serial corpus stages instead (issue 17: at least 100 articles/s
at 50k stored articles, not growing with the corpus). The copies then take their original's quotes, mentions and
claims *unlinked*, with about ``--rename`` (15%) of the name words in their mentions (and in the text under them)
replaced by capitalised words of the same length written in the originals' mentions, so that new people,
bodies and places keep arriving as the store grows (most under surnames and words already known): the entities
stage links them for real. For each size S the store is grown to S - ``--step`` (analysed, the figures printed as
the long-run average), then ``--step`` more copies are analysed in one run (``Corpus.analyze()``, one process):
the per-article CPU milliseconds of each corpus stage (entities, dedupe, cluster, origins, claim_match) from
its ``StageReport``, their sum, and the articles/s it gives. A run's first batch builds each stage's index from
the store, so the step's figures include that start, spread over ``--step`` articles. The stances and digest
stages are left out (stances is per article; the digest is not one of the stages the target names).
``--snapshots DIR`` keeps the store before each timed step; given again with those kept, only the timed steps
run, each from its kept store: the same copies timed by another version of newsdesk.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import newsdesk
from newsdesk import Settings
from newsdesk.records import claim_id, content_id, stance_id
from newsdesk.settings import PipelineSettings
from newsdesk.store import claims as stored_claims
from newsdesk.store import coverage, event_entities
from newsdesk.store.extracts import quote_id

SEED = 20261203
DEFAULT_BASE = 1000
# The per-article stages whose findings a copy takes from its original; the others run on the copies.
COPIED = ("quotes", "entities", "claims")
# The corpus stages the serial target covers, and the pipeline ``--serial`` runs (no stances, no digest).
SERIAL = ("entities", "dedupe", "cluster", "origins", "claim_match")
SERIAL_PIPELINE = tuple(s for s in PipelineSettings().stages if s not in ("stances", "digest"))
_NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}(?![\w'’-])")
_WORD = re.compile(r"[^\W\d_]{4,}")
_DIGIT = re.compile(r"\d")


def _cluster_bench() -> Any:
    """bench/cluster.py, loaded by path, for its order of the real articles."""
    name = "newsdesk_bench_cluster"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("cluster.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def ingest_base(db: Path, base: int, tmp: Path) -> float:
    """Ingest the first ``base`` real articles into ``db`` with every default stage; returns the seconds."""
    cluster = _cluster_bench()
    records, _ = cluster.build(cluster.shared_data(), base, cluster.SEED)
    source = tmp / "base.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    started = time.perf_counter()
    with newsdesk.open(db) as corpus:
        report = corpus.ingest([source])
        if not report.added:
            sys.exit(f"error: nothing was stored in {db}; first failure: {report.failures[:1]}")
    return time.perf_counter() - started


def _replace(text: str, keep: Sequence[tuple[int, int]], rate: float, rng: random.Random, words: dict[int, list[str]]):
    """``text`` with about ``rate`` of its words outside the ``keep`` spans replaced by words of the same length
    (the first letter's case kept), and half its digits changed: the same length, every offset in place."""
    chars = list(text)
    kept = bytearray(len(text))  # 1 where a kept span covers the character
    for s, e in keep:
        kept[max(0, s) : max(0, e)] = b"\x01" * max(0, min(e, len(text)) - max(0, s))
    for found in _WORD.finditer(text):
        start, end = found.span()
        if rng.random() >= rate or any(kept[start:end]):
            continue
        pool = words.get(end - start)
        if not pool:
            continue
        new = rng.choice(pool)
        new = new[0].upper() + new[1:] if text[start].isupper() else new
        chars[start:end] = new
    for found in _DIGIT.finditer(text):
        if rng.random() < 0.5 and not kept[found.start()]:
            chars[found.start()] = str(rng.randrange(10))
    return "".join(chars)


def _shift(published: str | None, days: int) -> str | None:
    if not published:
        return published
    try:
        return (date.fromisoformat(published[:10]) + timedelta(days=days)).isoformat() + published[10:]
    except ValueError:
        return published


def _rows(conn: sqlite3.Connection, table: str, article_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE article_id = ?", (article_id,))]


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(f'"{k}"' for k in row)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))


# With --inherit, a copy changed in fewer than this share of its words is marked a duplicate of its original: the
# share dedupe found in the 10,000-article grown store (7,388 of 10,000 articles, copies of 1-15% changed words).
DUPLICATE_BELOW = 0.114


def _inherit(conn: sqlite3.Connection, original: dict[str, Any], new_id: str, text: str, now: str, rate: float) -> None:
    """What the other stages found in ``original``, given to its copy ``new_id`` (``--inherit``): its cites,
    dates, stances, fingerprint and origin link, its place in the original's event, origin group and claim
    clusters (its claims already copied), and every stage but the digest marked done. A copy with fewer than
    :data:`DUPLICATE_BELOW` of its words changed (``rate``) is a duplicate of the original, as dedupe would find."""
    duplicate = (original["duplicate_of"] or original["id"]) if rate < DUPLICATE_BELOW else None
    conn.execute(
        "UPDATE articles SET cites = ?, event_id = ?, origin = ?, duplicate_of = ? WHERE id = ?",
        (original["cites"], original["event_id"], original["origin"] or original["id"], duplicate, new_id),
    )
    for d in _rows(conn, "date_mentions", original["id"]):
        _insert(conn, "date_mentions", {**d, "article_id": new_id, "text": text[d["start"] : d["end"]]})
    for st in _rows(conn, "stances", original["id"]):
        st = {**st, "article_id": new_id, "id": stance_id(new_id, st["actor_id"], st["start"], st["end"])}
        _insert(conn, "stances", st)
    for f in _rows(conn, "fingerprints", original["id"]):
        _insert(conn, "fingerprints", {**f, "article_id": new_id})
    for link in _rows(conn, "origin_links", original["id"]):
        _insert(conn, "origin_links", {**link, "article_id": new_id})
    for s in _rows(conn, "claim_support", original["id"]):
        c = conn.execute("SELECT start, end FROM claims WHERE id = ?", (s["claim_id"],)).fetchone()
        if c is not None:
            copied = {**s, "article_id": new_id, "claim_id": claim_id(new_id, c[0], c[1])}
            if "reading" in s:  # the copy's claim reads as its own text does (a denial's wording may differ)
                read = 'SELECT terms, "values", modality, text FROM claims WHERE id = ?'
                copied["reading"] = stored_claims.reading(*conn.execute(read, (copied["claim_id"],)).fetchone())
            _insert(conn, "claim_support", copied)
    done = conn.execute("SELECT stage FROM stage_done WHERE article_id = ? AND stage != 'digest'", (original["id"],))
    for (stage,) in done.fetchall():
        conn.execute("INSERT OR IGNORE INTO stage_done VALUES (?, ?, ?)", (new_id, stage, now))


def _rename(
    text: str, spans: Sequence[tuple[int, int]], rate: float, rng: random.Random, names: dict[int, list[str]]
) -> str:
    """``text`` with about ``rate`` of the distinct capitalised words inside ``spans`` (the mentions and speakers)
    replaced, wherever those spans write them, by a name word of the same length: every offset in place."""
    chars = list(text)
    chosen: dict[str, str] = {}
    for start, end in spans:
        for found in _NAME_WORD.finditer(text, start, end):
            word = found.group()
            if word not in chosen:
                pool = names.get(len(word))
                chosen[word] = rng.choice(pool) if pool and rng.random() < rate else word
            chars[found.start() : found.end()] = chosen[word]
    return "".join(chars)


def add_copies(
    db: Path, count: int, seed: int = SEED, *, inherit: bool = False, relink: bool = False, rename: float = 0.15
) -> int:
    """Add copies of the stored articles until ``db`` holds ``count``, with the quotes, mentions and claims of
    their originals (see the module docstring); returns how many were added. Nothing is analysed here. With
    ``inherit``, a copy also takes what the other stages found in its original (:func:`_inherit`). With
    ``relink`` (``--serial``), the mentions and speakers come unlinked, about ``rename`` of their name words
    replaced, and the entities stage is left to run."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        originals = [dict(r) for r in conn.execute("SELECT * FROM articles WHERE words > 0 ORDER BY id")]
        have = len(originals)
        if not originals or have >= count:
            return 0
        words: dict[int, list[str]] = {}
        for word in sorted({w.lower() for a in originals for w in _WORD.findall(a["text"])}):
            words.setdefault(len(word), []).append(word)
        names: dict[int, list[str]] = {}
        if relink:
            written = {w for (t,) in conn.execute("SELECT DISTINCT text FROM mentions") for w in _NAME_WORD.findall(t)}
            for word in sorted(written):
                names.setdefault(len(word), []).append(word)
        copied = tuple(s for s in COPIED if not (relink and s == "entities"))
        ids = {a["id"] for a in originals}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        added = 0
        with conn:
            while have + added < count:
                original = rng.choice(originals)
                mentions = _rows(conn, "mentions", original["id"])
                quotes = _rows(conn, "quotes", original["id"])
                keep = [(m["start"], m["end"]) for m in mentions]
                keep += [(q["speaker_start"], q["speaker_end"]) for q in quotes if q["speaker_start"] is not None]
                rate = rng.uniform(0.01, 0.15)
                text = _replace(original["text"], keep, rate, rng, words)
                if relink:
                    text = _rename(text, keep, rename, rng, names)
                new_id = content_id(text)
                if new_id in ids:
                    continue
                ids.add(new_id)
                assert len(text) == len(original["text"])
                title = _replace(original["title"], (), max(rate, 0.2), rng, words) if original["title"] else None
                _insert(
                    conn,
                    "articles",
                    {
                        **{k: v for k, v in original.items() if k not in ("rowid",)},
                        "id": new_id,
                        "url": None,
                        "canonical_url": None,
                        "title": title,
                        "published": _shift(original["published"], rng.randint(-2, 2)),
                        "raw": text,
                        "text": text,
                        "duplicate_of": None,
                        "event_id": None,
                        "origin": None,
                        "cites": "[]",
                        "ingested_at": now,
                    },
                )
                unlinked = {"entity_id": None} if relink else {}
                for m in mentions:
                    m = {**m, **unlinked, "article_id": new_id, "text": text[m["start"] : m["end"]]}
                    _insert(conn, "mentions", m)
                for q in quotes:
                    q = {**q, "article_id": new_id, "text": text[q["start"] : q["end"]]}
                    q["id"] = quote_id(new_id, q["start"], q["end"])
                    if relink:
                        q["speaker_entity_id"] = None
                        if q["speaker_start"] is not None and q["speaker_end"] is not None:
                            q["speaker"] = text[q["speaker_start"] : q["speaker_end"]]
                    _insert(conn, "quotes", q)
                for c in _rows(conn, "claims", original["id"]):
                    c = {**c, "article_id": new_id, "text": text[c["start"] : c["end"]]}
                    c["id"] = claim_id(new_id, c["start"], c["end"])
                    _insert(conn, "claims", c)
                done = conn.execute(
                    f"SELECT stage FROM stage_done WHERE article_id = ? AND stage IN ({', '.join('?' * len(copied))})",
                    (original["id"], *copied),
                )
                for (stage,) in done.fetchall():
                    _insert(conn, "stage_done", {"article_id": new_id, "stage": stage, "done_at": now})
                if inherit:
                    _inherit(conn, original, new_id, text, now, rate)
                added += 1
            if inherit:
                conn.execute("UPDATE counters SET value = (SELECT count(*) FROM articles) WHERE name = 'documents'")
                coverage.rebuild(conn)
                event_entities.rebuild(conn)  # the entities its articles name, by event
            conn.execute(
                "UPDATE entities SET mentions = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id), "
                "articles = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = entities.id)"
            )
        return added
    finally:
        conn.close()


def build(
    db: Path, count: int, tmp: Path, *, base: int = DEFAULT_BASE, seed: int = SEED, inherit: bool = False
) -> float:
    """``count`` articles with every stage run (see the module docstring; ``inherit``: :func:`_inherit`, only the
    digest stage run on the copies); returns the seconds it took."""
    started = time.perf_counter()
    with newsdesk.open(db) as corpus:
        stored = corpus.count()
    if not stored:
        ingest_base(db, min(base, count), tmp)
    add_copies(db, count, seed, inherit=inherit)
    with newsdesk.open(db) as corpus:
        corpus.analyze()
    return time.perf_counter() - started


def _analyze_serial(db: Path) -> tuple[dict[str, float], float, int]:
    """``Corpus.analyze()`` in this process with the ``--serial`` pipeline: CPU seconds per stage, the whole
    call's CPU seconds, and the entities stored after it."""
    settings = Settings(pipeline=PipelineSettings(stages=SERIAL_PIPELINE, workers=1))
    with newsdesk.open(db, settings=settings) as corpus:
        cpu = time.process_time()
        reports = corpus.analyze()
        cpu = time.process_time() - cpu
        failed = {r.stage: r.failures for r in reports if r.failures}
        if failed:
            sys.exit(f"error: analysis stages failed: {failed}; see `newsdesk failures`")
    conn = sqlite3.connect(db)
    try:
        entities = conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    finally:
        conn.close()
    return {r.stage: r.cpu_seconds for r in reports}, cpu, entities


def serial(
    db: Path,
    sizes: Sequence[int],
    tmp: Path,
    *,
    base: int,
    step: int,
    rename: float,
    seed: int,
    snapshots: Path | None = None,
) -> None:
    """Grow ``db`` to each of ``sizes`` and time the serial corpus stages over its last ``step`` articles (see the
    module docstring); prints one line per measure as it goes, then the table. With ``snapshots``, the store
    before each timed step is kept there (``at-N.db``) or, where one is kept already, each timed step starts from
    a copy of it instead: the same copies timed again, by another version of newsdesk."""
    reuse = snapshots is not None and any(snapshots.glob("at-*.db"))
    if not reuse:
        with newsdesk.open(db) as corpus:
            stored = corpus.count()
        if not stored:
            print(f"ingesting {base:,} real articles with every stage ...", flush=True)
            ingest_base(db, base, tmp)
    rows = []
    for size in sizes:
        for target, timed in ((size - step, False), (size, True)):
            if snapshots is not None and timed:
                kept = snapshots / f"at-{size - step}.db"
                if reuse and not kept.exists():
                    break
                if reuse:
                    shutil.copyfile(kept, db)
                else:
                    snapshots.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(db, kept)
            elif reuse:
                continue
            added = add_copies(db, target, seed + target, relink=True, rename=rename)
            if not added:
                continue
            cpu, whole, entities = _analyze_serial(db)
            ms = {s: cpu.get(s, 0.0) * 1000 / added for s in SERIAL}
            total = sum(ms.values())
            print(
                f"  {'timed' if timed else 'grown'} {added:,} copies to {target:,} ({entities:,} entities): "
                + ", ".join(f"{s} {v:.2f}" for s, v in ms.items())
                + f" CPU ms an article; serial {total:.2f} ms = {1000 / total if total else 0:.0f} articles/s"
                f" (analyze() {whole * 1000 / added:.2f} ms an article)",
                flush=True,
            )
            if timed:
                rows.append((target, entities, ms, total))
    print(f"{'stored':>8}{'entities':>10}" + "".join(f"{s:>13}" for s in SERIAL) + f"{'serial ms':>11}{'art/s':>8}")
    for target, entities, ms, total in rows:
        print(
            f"{target:>8,}{entities:>10,}"
            + "".join(f"{ms[s]:>13.2f}" for s in SERIAL)
            + f"{total:>11.2f}{1000 / total if total else 0:>8.0f}"
        )
    print("CPU ms an article over each size's last step (time.process_time); target: at least 100 articles/s")


def describe(db: Path) -> str:
    """What the store holds, in one line."""
    conn = sqlite3.connect(db)
    try:
        count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _TABLES}
        biggest = conn.execute(
            "SELECT count(*) FROM articles a JOIN events e ON a.event_id = e.id GROUP BY e.story_id "
            "ORDER BY 1 DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    largest = biggest[0] if biggest else 0
    return ", ".join(f"{n:,} {t}" for t, n in count.items()) + f"; the largest story has {largest:,} articles"


_TABLES = ("articles", "stories", "events", "quotes", "mentions", "entities", "claims", "claim_clusters")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, required=True, help="the store to build (or to grow)")
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the end (default 10000)")
    parser.add_argument("--base", type=int, default=DEFAULT_BASE, help="real articles ingested (default 1000)")
    parser.add_argument("--seed", type=int, default=SEED, help="picks other copies")
    parser.add_argument(
        "--inherit",
        action="store_true",
        help="copies take every stage's findings from their originals (event, origin, claim clusters, dates, "
        "stances); only the digest stage runs, so a large store costs the copying, not the analysis",
    )
    parser.add_argument(
        "--serial",
        default="",
        help="time the serial corpus stages at these store sizes instead, comma-separated (like 8000,16000,32000)",
    )
    parser.add_argument("--step", type=int, default=1000, help="with --serial: articles timed at each size")
    parser.add_argument("--rename", type=float, default=0.15, help="with --serial: share of name words renamed")
    parser.add_argument(
        "--snapshots",
        type=Path,
        default=None,
        help="with --serial: keep the store before each timed step in this folder, or time from those kept there",
    )
    args = parser.parse_args(argv)
    if args.base < 1 or args.articles < args.base:
        parser.error("--base must be at least 1 and --articles at least --base")
    try:
        args.serial = [int(s) for s in args.serial.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--serial must be comma-separated whole numbers; got {args.serial!r}")
    if args.serial and (args.serial != sorted(set(args.serial)) or args.serial[0] - args.step < args.base):
        parser.error("--serial sizes must ascend, the first at least --base + --step")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build or grow the store and say what it holds."""
    args = parse_args(argv)
    if args.serial:
        with tempfile.TemporaryDirectory(prefix="newsdesk-bench-grow-") as tmp:
            serial(
                args.db,
                args.serial,
                Path(tmp),
                base=args.base,
                step=args.step,
                rename=args.rename,
                seed=args.seed,
                snapshots=args.snapshots,
            )
        return 0
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-grow-") as tmp:
        seconds = build(args.db, args.articles, Path(tmp), base=args.base, seed=args.seed, inherit=args.inherit)
    print(f"built {args.db} in {seconds:.0f} s: {describe(args.db)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
