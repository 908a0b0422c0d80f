"""Claim matching's support rows are written as plain INSERTs with their story and reading worked out in Python
(decision 0052), and the table ends as the per-row subqueries and INSERT OR REPLACE left it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsdesk.records import claim_id
from newsdesk.store import claims as stored_claims
from tests.claims.test_match_summed import COUNT, _store


def _rows(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute("SELECT rowid, * FROM claim_support ORDER BY rowid")]


def test_each_row_names_its_clusters_story_and_its_claims_reading_as_sql_works_them_out(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    rows = conn.execute(
        f"""SELECT s.story_id, k.story_id, s.reading, {stored_claims.reading_sql(conn)} FROM claim_support s
            JOIN claim_clusters k ON k.id = s.cluster_id JOIN claims c ON c.id = s.claim_id"""
    ).fetchall()
    assert len(rows) == 3 * COUNT + 1
    assert all(r[0] == r[1] == "s" and r[2] == r[3] for r in rows)
    # Denials worded as one and worded otherwise read apart; copies read as their originals.
    assert len({r[2] for r in rows}) < len(rows)


def test_a_row_written_again_replaces_the_old_one_and_goes_last_as_insert_or_replace_did(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    before = _rows(conn)
    again = ("c2", claim_id("a", 2, 3), "a", "supports", 2, 3)
    new = ("c3", claim_id("b", 2, 3), "b", "supports", 2, 3)
    stored_claims.save_clusters(conn, [], [new, again, new])
    after = _rows(conn)
    old = next(r for r in before if r[1:3] == again[:2])
    assert old not in after and len(after) == len(before) + 1
    # The claim of ``a`` moved to the end, then ``new`` was written once and replaced by itself: both last.
    assert [r[1:3] for r in after[-2:]] == [again[:2], new[:2]]
    assert after[-1][0] > after[-2][0] > before[-1][0]
    assert [r[1:] for r in after[-2:]] == [
        (*again, "s", old[-1]),
        (*new, "s", next(r for r in before if r[2] == claim_id("b", 2, 3))[-1]),
    ]


def test_new_rows_are_plain_inserts_with_no_subquery_a_row(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    stored_claims.save_clusters(
        conn, [], [("c0", claim_id(a, i, i + 1), a, "supports", i, i + 1) for a in ("a", "b") for i in (1, 5)]
    )
    conn.set_trace_callback(None)
    writes = [s for s in statements if s.lstrip().upper().startswith("INSERT")]
    assert len(writes) == 4  # (executemany traces each row)
    assert not any("OR REPLACE" in s or "SELECT" in s or "claim_reading" in s for s in writes)
