"""What the framing of a story reads: its original articles with their text, and the store's term frequencies."""

from __future__ import annotations

import sqlite3
from typing import Any

__all__ = ["framing_articles", "framing_names", "term_documents"]


def framing_articles(conn: sqlite3.Connection, *, story_id: str) -> list[dict[str, Any]]:
    """The story's original articles (copies repeat them) in ingest order: id, outlet, published, language, event
    and title, and the text."""
    sql = """SELECT a.id, a.outlet, a.published, a.language, a.event_id, a.origin, a.text,
                    ev.title AS event_title
             FROM events ev JOIN articles a ON a.event_id = ev.id
             WHERE ev.story_id = ? AND +a.duplicate_of IS NULL ORDER BY a.rowid"""
    return [dict(r) for r in conn.execute(sql, (story_id,))]


def framing_names(conn: sqlite3.Connection, *, story_id: str) -> list[dict[str, Any]]:
    """How each outlet of the story writes each linked entity: outlet, entity id, the mention's text, and uses."""
    sql = """SELECT a.outlet, m.entity_id, m.text, count(*) AS n
             FROM events ev JOIN articles a ON a.event_id = ev.id JOIN mentions m ON m.article_id = a.id
             WHERE ev.story_id = ? AND +a.duplicate_of IS NULL AND m.entity_id IS NOT NULL
             GROUP BY a.outlet, m.entity_id, m.text"""
    return [dict(r) for r in conn.execute(sql, (story_id,))]


def term_documents(conn: sqlite3.Connection, *, keys: list[int]) -> list[dict[str, Any]]:
    """The store's document frequency of each of the given hashed terms (``term_counts``) that it has counted."""
    found: list[dict[str, Any]] = []
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        sql = f"SELECT term, documents FROM term_counts WHERE term IN ({','.join('?' * len(chunk))})"
        found.extend({"term": r[0], "documents": r[1]} for r in conn.execute(sql, chunk))
    return found
