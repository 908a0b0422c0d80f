"""Rows written afresh: ``INSERT OR REPLACE`` run as a plain ``INSERT`` where nothing conflicts, with the same rows.

An article's mentions are written just after its old ones are deleted (twice a run: by the quotes stage, then
linked by the entities stage), so their keys seldom meet a stored row. SQLite still pays for ``REPLACE`` on every
row while foreign keys are on, in each of the table's five indexes: about three times what the insert costs (2.1
CPU s for the 85,000 mentions of 1,941 articles against 0.7 as plain inserts, decision 0052). Where no row
conflicts, a plain ``INSERT`` writes the very same rows with the same row ids (both take the next id). Where one
does (two rows of one key in a list, a key already stored, or any other constraint ``REPLACE`` resolves), the plain
inserts are rolled back to a savepoint, which leaves the table as it was, and the ``INSERT OR REPLACE`` runs as
before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

__all__ = ["fresh", "replace_groups", "replace_rows"]

_REPLACE = "INSERT OR REPLACE INTO "


def replace_rows(conn: sqlite3.Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """``conn.executemany(sql, rows)`` for an ``INSERT OR REPLACE`` statement ``sql``, inside a transaction: tried
    as a plain ``INSERT`` first on SQLite (see the module's docstring). Elsewhere (PostgreSQL's connection, which
    turns ``REPLACE`` into an upsert) it runs as written."""
    if not sql.startswith(_REPLACE) or type(conn) is not sqlite3.Connection or not conn.in_transaction:
        conn.executemany(sql, rows)
        return
    rows = list(rows)
    if not rows:
        return
    conn.execute("SAVEPOINT fresh_rows")
    try:
        conn.executemany("INSERT INTO " + sql[len(_REPLACE) :], rows)
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK TO fresh_rows")
        conn.execute("RELEASE fresh_rows")
        conn.executemany(sql, rows)
        return
    conn.execute("RELEASE fresh_rows")


def replace_groups(
    conn: sqlite3.Connection,
    sql: str,
    groups: Iterable[Sequence[Sequence[Any]]],
    key: Callable[[Sequence[Any]], Hashable],
) -> None:
    """:func:`replace_rows` of each of ``groups`` (an article's rows) in turn, the same rows by fewer statements:
    the groups of which no two rows have one ``key`` together, a group with a key twice alone. Such a group's own
    rows conflict (an article's quote found twice: 20 of 1,941 articles, in every chunk of 500): written with the
    others, it would send them all through ``REPLACE`` after a rolled-back ``INSERT``, at about what it saves; alone,
    ``REPLACE`` writes its rows only, as in turn."""
    run: list[Sequence[Any]] = []
    for rows in groups:
        if len({key(row) for row in rows}) < len(rows):
            replace_rows(conn, sql, run)
            replace_rows(conn, sql, rows)
            run = []
        else:
            run.extend(rows)
    replace_rows(conn, sql, run)


def fresh(conn: sqlite3.Connection, ids: Sequence[str], tables: Mapping[str, str]) -> bool:
    """Whether ``ids`` name two or more articles, none twice, none of which has a row in any of ``tables`` (each
    table's name to what else its rows are to meet, as ``"stage = 'x' AND "``, or ``""``): the rows deleting each
    article's own before writing them would delete nothing, so all of theirs can be written by one statement for
    them all, the same rows in the same order (``extracts.save_all``, ``claims.save_all``, decision 0091). One
    indexed query a table for each 500 articles."""
    if len(set(ids)) < max(len(ids), 2):
        return False
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for table, where in tables.items():
            if conn.execute(f"SELECT 1 FROM {table} WHERE {where}article_id IN ({marks}) LIMIT 1", chunk).fetchone():
                return False
    return True
