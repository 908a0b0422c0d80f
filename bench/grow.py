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
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import newsdesk
from newsdesk.records import claim_id, content_id, stance_id
from newsdesk.store.extracts import quote_id

SEED = 20261203
DEFAULT_BASE = 1000
# The per-article stages whose findings a copy takes from its original; the others run on the copies.
COPIED = ("quotes", "entities", "claims")
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
            _insert(conn, "claim_support", {**s, "article_id": new_id, "claim_id": claim_id(new_id, c[0], c[1])})
    done = conn.execute("SELECT stage FROM stage_done WHERE article_id = ? AND stage != 'digest'", (original["id"],))
    for (stage,) in done.fetchall():
        conn.execute("INSERT OR IGNORE INTO stage_done VALUES (?, ?, ?)", (new_id, stage, now))


def add_copies(db: Path, count: int, seed: int = SEED, *, inherit: bool = False) -> int:
    """Add copies of the stored articles until ``db`` holds ``count``, with the quotes, mentions and claims of
    their originals (see the module docstring); returns how many were added. Nothing is analysed here. With
    ``inherit``, a copy also takes what the other stages found in its original (:func:`_inherit`)."""
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
                for m in mentions:
                    _insert(conn, "mentions", {**m, "article_id": new_id, "text": text[m["start"] : m["end"]]})
                for q in quotes:
                    q = {**q, "article_id": new_id, "text": text[q["start"] : q["end"]]}
                    q["id"] = quote_id(new_id, q["start"], q["end"])
                    _insert(conn, "quotes", q)
                for c in _rows(conn, "claims", original["id"]):
                    c = {**c, "article_id": new_id, "text": text[c["start"] : c["end"]]}
                    c["id"] = claim_id(new_id, c["start"], c["end"])
                    _insert(conn, "claims", c)
                done = conn.execute(
                    f"SELECT stage FROM stage_done WHERE article_id = ? AND stage IN ({', '.join('?' * len(COPIED))})",
                    (original["id"], *COPIED),
                )
                for (stage,) in done.fetchall():
                    _insert(conn, "stage_done", {"article_id": new_id, "stage": stage, "done_at": now})
                if inherit:
                    _inherit(conn, original, new_id, text, now, rate)
                added += 1
            if inherit:
                conn.execute("UPDATE counters SET value = (SELECT count(*) FROM articles) WHERE name = 'documents'")
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
        "stances); only the digest stage runs: a 100,000-article store in minutes instead of hours",
    )
    args = parser.parse_args(argv)
    if args.base < 1 or args.articles < args.base:
        parser.error("--base must be at least 1 and --articles at least --base")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build or grow the store and say what it holds."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-grow-") as tmp:
        seconds = build(args.db, args.articles, Path(tmp), base=args.base, seed=args.seed, inherit=args.inherit)
    print(f"built {args.db} in {seconds:.0f} s: {describe(args.db)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
