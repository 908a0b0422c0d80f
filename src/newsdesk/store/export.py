"""Whole tables of the store, read in batches for an export (``newsdesk export``): the column names and types as
the schema declares them, then the rows in storage order.

Only the tables a reader outside newsdesk needs are exported: articles (without ``raw``, the bytes as read, which
the text and the source path stand for), quotes, mentions (entities' mentions in the text), entities, claims.
Columns that hold lists or objects are JSON text, as stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

__all__ = ["TABLES", "columns", "rows"]

# The exported tables, in the order they are written, with the columns left out of each.
TABLES: dict[str, frozenset[str]] = {
    "articles": frozenset({"raw"}),
    "quotes": frozenset(),
    "mentions": frozenset(),
    "entities": frozenset(),
    "claims": frozenset(),
}
_TYPES = {"INTEGER": "integer", "REAL": "real", "TEXT": "text", "BLOB": "blob"}


def columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """``(name, type)`` of each exported column of ``table``; type is one of integer, real, text, blob."""
    if table not in TABLES:
        raise ValueError(f"table {table!r} is not exported")
    found = []
    for row in conn.execute(f"PRAGMA table_info({table})"):
        name, declared = row[1], str(row[2]).upper()
        if name not in TABLES[table]:
            found.append((name, _TYPES.get(declared, "text")))
    return found


def rows(conn: sqlite3.Connection, table: str, *, batch: int) -> Iterator[list[tuple[object, ...]]]:
    """The rows of ``table`` (exported columns only, in :func:`columns` order), ``batch`` rows at a time."""
    names = ", ".join(f'"{name}"' for name, _ in columns(conn, table))
    cursor = conn.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
    while chunk := cursor.fetchmany(batch):
        yield [tuple(r) for r in chunk]
