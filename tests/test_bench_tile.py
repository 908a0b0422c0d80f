"""The tiled store: every article of an analysed store copied in SQL with every row it has, the digest run after."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

import newsdesk
from newsdesk.demo import corpus_path
from tests.conftest import bench_module


def _bench() -> ModuleType:
    return bench_module("tile")


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("tile") / "demo.db"
    with newsdesk.open(db) as corpus:
        assert corpus.ingest([corpus_path()]).added
    return db


def test_tile_copies_every_row_of_every_article_and_grows_each_story(analysed: Path, tmp_path: Path) -> None:
    db = tmp_path / "tiled.db"
    _bench().tile(analysed, db, 2)
    for table in _bench().SUFFIXED:
        if table != "stage_done":  # the digest is forgotten for every article, and run again below
            assert _count(db, table) == 3 * _count(analysed, table), table
    seconds, cpu = _bench().digest(db)
    assert seconds > 0 and cpu >= 0
    assert _count(db, "stage_done") == 3 * _count(analysed, "stage_done")
    with newsdesk.open(analysed) as before, newsdesk.open(db) as after:
        sizes = {s["id"]: s["articles"] for s in before.story_summaries()}
        assert {s["id"]: s["articles"] for s in after.story_summaries()} == {k: 3 * n for k, n in sizes.items()}
        largest = max(sizes, key=sizes.__getitem__)
        # Every copy's rows point at its own copies: a copy's duplicate and origin are copies of the same number.
        conn = after.store.conn
        strays = conn.execute(
            "SELECT count(*) FROM articles WHERE (duplicate_of IS NOT NULL AND substr(duplicate_of, 17) != "
            "substr(id, 17)) OR (origin IS NOT NULL AND substr(origin, 17) != substr(id, 17))"
        ).fetchone()[0]
        assert strays == 0
        assert after.story_digest(largest, "dashboard")["summary"]["articles"] == 3 * sizes[largest]
        assert after.search("minister")  # the copies are in the full-text index too
    assert "54 articles" in bench_module("grow").describe(db)


def test_tile_refuses_a_table_of_article_rows_it_does_not_know(analysed: Path, tmp_path: Path) -> None:
    source = tmp_path / "extra.db"
    _bench().tile(analysed, source, 1)
    conn = sqlite3.connect(source)
    conn.execute("CREATE TABLE notes (article_id TEXT, note TEXT)")
    conn.commit()
    conn.close()
    copied = tmp_path / "copied.db"
    # The source's ids hold a '-' (copies already): refused too, but the unknown table is named first.
    with pytest.raises(SystemExit, match="notes"):
        _bench().tile(source, copied, 1)
