"""A store tiled in SQL: every article of an analysed store copied ``--copies`` times with every row it has, then
the digest stage run, so a 100,000-article store with every stage's rows is built in minutes, not CPU hours.

bench/grow.py builds a store with every analysis stage run by copying real articles with small changes and running
the corpus stages on the copies; at 100,000 articles that analysis alone would take hours (issue 18 point 7 needs
a 100,000-article store for bench/web.py). This takes such a store (its articles are the originals) and, for each
copy ``k`` of ``1..copies``, inserts every original again in SQL (``INSERT ... SELECT``) with its id suffixed
(``-k``), and every row of every table an article has rows in (its quotes, mentions, claims, claim support, dates,
stances, fingerprint, origin link, stages done), the ids in them suffixed the same way:

- a copy is in its original's event (so each story grows ``copies + 1`` times), its duplicate of the original's
  original's copy ``k``, its origin the original's origin's copy ``k`` (the copies ``k`` of a story form the same
  origin groups as the originals), its claims in the original's claim clusters, its mentions linked to the same
  entities; its text and title are the original's (full-text search finds every copy), its URLs suffixed too;
- entity counts and the documents counter are recomputed; the stage ``digest`` is forgotten for every article and
  the stored digests dropped, then ``Corpus.analyze()`` runs it (every other stage is done for every copy).

Usage: ``.venv/bin/python bench/tile.py --from /tmp/grown2k.db --db /tmp/web100k.db --copies 49`` (the source is
left as is; ``--db`` must not exist).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import newsdesk
from newsdesk.store import coverage, event_entities

# The columns of each table that hold an article's (or a row of its) id, suffixed in a copy. Every table with an
# ``article_id`` column must be here or in SKIPPED: a table added later fails the tiling until it is listed.
SUFFIXED: dict[str, tuple[str, ...]] = {
    "articles": ("id", "duplicate_of", "origin", "url", "canonical_url"),
    "fingerprints": ("article_id",),
    "article_features": ("article_id",),  # a copy has its original's text, so its features
    "date_mentions": ("article_id",),
    "mentions": ("article_id",),
    "quotes": ("id", "article_id"),
    "claims": ("id", "article_id"),
    "claim_support": ("claim_id", "article_id"),
    "origin_links": ("article_id", "other_id"),
    "stances": ("id", "article_id"),
    "stage_done": ("article_id",),
}
SKIPPED = ("failures",)  # a copy has no failures of its own


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _check_tables(conn: sqlite3.Connection) -> None:
    """Every table that holds article rows is one this knows how to copy."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    unknown = [t for t in tables if "article_id" in _columns(conn, t) and t not in SUFFIXED and t not in SKIPPED]
    if unknown:
        sys.exit(f"error: bench/tile.py does not know how to copy the rows of {', '.join(unknown)}")


def copy_once(conn: sqlite3.Connection, k: int) -> None:
    """Insert copy ``k`` of every original (the source store, attached as ``src``) and of all its rows."""
    suffix = f"-{k}"
    for table, suffixed in SUFFIXED.items():
        columns = [c for c in _columns(conn, table) if c != "rowid"]
        values = [f"{c} || '{suffix}'" if c in suffixed else f'"{c}"' for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f"INSERT INTO {table} ({names}) SELECT {', '.join(values)} FROM src.{table}")


def tile(source: Path, db: Path, copies: int, *, on_copy=None) -> None:
    """``db``: ``source`` with ``copies`` SQL copies of each of its articles (module docstring); no digest run."""
    if db.exists():
        sys.exit(f"error: {db} exists already; tile.py builds a new store")
    with newsdesk.open(source) as corpus:  # applies any pending migration to the source, checkpoints its WAL
        corpus.count()
    shutil.copyfile(source, db)
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -400000")
        conn.execute("ATTACH DATABASE ? AS src", (str(source),))
        _check_tables(conn)
        if conn.execute("SELECT count(*) FROM articles WHERE instr(id, '-') > 0").fetchone()[0]:
            sys.exit(f"error: {source} has article ids with '-': tiled already?")
        for k in range(1, copies + 1):
            conn.execute("BEGIN")
            copy_once(conn, k)
            conn.execute("COMMIT")
            if on_copy is not None:
                on_copy(k)
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE entities SET mentions = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id), "
            "articles = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = entities.id)"
        )
        conn.execute("UPDATE counters SET value = (SELECT count(*) FROM articles) WHERE name = 'documents'")
        coverage.rebuild(conn)
        event_entities.rebuild(conn)  # the entities its articles name, by event
        conn.execute("DELETE FROM stage_done WHERE stage = 'digest'")
        conn.execute("DELETE FROM story_digests")
        conn.execute("DELETE FROM entity_digests")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
        conn.execute("PRAGMA optimize")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def digest(db: Path) -> tuple[float, float]:
    """Run the pending stages (the digest) over ``db``; returns (wall seconds, CPU seconds of this process and
    of the worker processes it started)."""
    wall, before = time.perf_counter(), os.times()
    with newsdesk.open(db) as corpus:
        reports = corpus.analyze()
        failed = {r.stage: r.failures for r in reports if r.failures}
        if failed:
            sys.exit(f"error: analysis stages failed: {failed}; see `newsdesk failures`")
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])
    return time.perf_counter() - wall, cpu


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--from", dest="source", type=Path, required=True, help="the analysed store to tile")
    parser.add_argument("--db", type=Path, required=True, help="the store to build (must not exist)")
    parser.add_argument("--copies", type=int, required=True, help="copies of each article (9: ten times the store)")
    parser.add_argument("--no-digest", action="store_true", help="leave the digest stage to `newsdesk analyze`")
    args = parser.parse_args(argv)
    if args.copies < 1:
        parser.error("--copies must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    wall, cpu = time.perf_counter(), time.process_time()
    tile(args.source, args.db, args.copies, on_copy=lambda k: print(f"  copy {k} of {args.copies}", flush=True))
    print(f"tiled in {time.perf_counter() - wall:.0f} s ({time.process_time() - cpu:.0f} CPU s)", flush=True)
    if not args.no_digest:
        seconds, used = digest(args.db)
        print(f"digest stage: {seconds:.0f} s ({used:.0f} CPU s with its workers)", flush=True)
    grow = _grow_bench()
    print(f"built {args.db}: {grow.describe(args.db)}")
    return 0


def _grow_bench():
    """bench/grow.py, loaded by path (for ``describe``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("newsdesk_bench_grow", Path(__file__).with_name("grow.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
