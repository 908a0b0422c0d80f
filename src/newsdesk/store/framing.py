"""What the framing of a story reads: its original articles with their text, and the store's term frequencies."""

from __future__ import annotations

import sqlite3
from typing import Any

__all__ = ["framing_articles", "framing_names", "term_documents"]


def framing_articles(
    conn: sqlite3.Connection, *, story_id: str, after: int = 0, limit: int = 200, every: int = 1
) -> list[dict[str, Any]]:
    """Up to ``limit`` of the story's original articles (copies repeat them) past row ``after``, in ingest order:
    row, id, outlet, published, language, event and its title, and the text. The caller reads a story in such
    pages, so no read holds more than ``limit`` texts. ``every`` > 1 keeps about one article in ``every``, spread
    over the story: those whose row number, scrambled (Knuth's multiplicative hash), it divides, so that no
    pattern of ingest order (outlets fetched in turn) decides which are read."""
    sql = """SELECT a.rowid AS row, a.id, a.outlet, a.published, a.language, a.event_id, a.origin, a.text,
                    ev.title AS event_title
             FROM events ev JOIN articles a ON a.event_id = ev.id
             WHERE ev.story_id = ? AND +a.duplicate_of IS NULL AND a.rowid > ?
                   AND (a.rowid * 2654435761) % 4294967296 % ? = 0
             ORDER BY a.rowid LIMIT ?"""
    return [dict(r) for r in conn.execute(sql, (story_id, after, max(1, every), limit))]


def framing_names(conn: sqlite3.Connection, *, story_id: str, limit: int = 1000) -> list[dict[str, Any]]:
    """How each outlet of the story writes each linked entity that the story writes in more than one way: outlet,
    entity id, the mention's text and its uses; the ``limit`` most used."""
    sql = """WITH m AS MATERIALIZED (
                 SELECT a.outlet AS outlet, m.entity_id AS entity_id, m.text AS text
                 FROM events ev JOIN articles a ON a.event_id = ev.id JOIN mentions m ON m.article_id = a.id
                 WHERE ev.story_id = ? AND +a.duplicate_of IS NULL AND m.entity_id IS NOT NULL)
             SELECT outlet, entity_id, text, count(*) AS n FROM m
             WHERE entity_id IN (SELECT entity_id FROM m GROUP BY entity_id HAVING count(DISTINCT text) > 1)
             GROUP BY outlet, entity_id, text ORDER BY n DESC LIMIT ?"""
    return [dict(r) for r in conn.execute(sql, (story_id, limit))]


def term_documents(conn: sqlite3.Connection, *, keys: list[int]) -> list[dict[str, Any]]:
    """The store's document frequency of each of the given hashed terms (``term_counts``) that it has counted."""
    found: list[dict[str, Any]] = []
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        sql = f"SELECT term, documents FROM term_counts WHERE term IN ({','.join('?' * len(chunk))})"
        found.extend({"term": r[0], "documents": r[1]} for r in conn.execute(sql, chunk))
    return found
