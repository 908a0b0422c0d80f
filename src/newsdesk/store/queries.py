"""Named read queries that the CLI and web share. Each takes a connection and returns plain dicts."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

__all__ = ["article_summaries", "failures", "runs", "search", "stories"]

_SUMMARY_COLUMNS = (
    "id, source, url, outlet, title, byline, published, dateline, language, words, ai_generated, duplicate_of, cites, "
    "event_id, origin"
)


def _summary(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["ai_generated"] = bool(data["ai_generated"])
    data["cites"] = json.loads(data["cites"])
    return data


def article_summaries(
    conn: sqlite3.Connection,
    *,
    outlet: str | None = None,
    ids: list[str] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Every article's metadata (no text), in ingest order; only ``outlet``'s or those in ``ids`` if given."""
    sql = f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE 1"
    params: list[Any] = []
    if outlet:
        sql += " AND outlet = ?"
        params.append(outlet)
    if ids is not None:
        sql += f" AND id IN ({','.join('?' * len(ids))})"
        params.extend(ids)
    sql += " ORDER BY rowid"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [_summary(r) for r in conn.execute(sql, params)]


def failures(conn: sqlite3.Connection, *, last_run: bool = False) -> list[dict[str, Any]]:
    """Recorded failures, oldest first."""
    sql = "SELECT item, stage, article_id, error, message FROM failures"
    if last_run:
        sql += " WHERE run_id = (SELECT max(id) FROM runs)"
    return [dict(r) for r in conn.execute(sql + " ORDER BY id")]


def runs(conn: sqlite3.Connection, *, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs with their per-stage counts."""
    out = []
    for run in conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)):
        stages = [dict(s) for s in conn.execute("SELECT * FROM run_stages WHERE run_id = ?", (run["id"],))]
        out.append({**dict(run), "stages": stages})
    return out


def search(conn: sqlite3.Connection, *, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over titles and text, best first, with a highlighted snippet."""
    sql = f"""SELECT {", ".join("a." + c.strip() for c in _SUMMARY_COLUMNS.split(","))},
                     snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet
              FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
              WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"""
    return [_summary(r) for r in conn.execute(sql, (q, limit))]


def stories(conn: sqlite3.Connection, *, story_id: str | None = None) -> list[dict[str, Any]]:
    """Stories with their events and article ids (the ``stories --json`` contract), newest activity first."""
    members: dict[str, list[str]] = {}
    for event_id, article_id in conn.execute(
        "SELECT event_id, id FROM articles WHERE event_id IS NOT NULL ORDER BY coalesce(published, '~'), rowid"
    ):
        members.setdefault(event_id, []).append(article_id)
    events: dict[str, list[dict[str, Any]]] = {}
    sql = "SELECT id, story_id, title, first_seen, last_seen FROM events"
    params: list[Any] = []
    if story_id is not None:
        sql += " WHERE story_id = ?"
        params.append(story_id)
    for row in conn.execute(sql + " ORDER BY coalesce(first_seen, '~'), rowid", params):
        events.setdefault(row["story_id"], []).append(
            {
                "id": row["id"],
                "title": row["title"],
                "article_ids": members.get(row["id"], []),
                "first_seen": row["first_seen"],
                "last_seen": row["last_seen"],
            }
        )
    sql = "SELECT id, title FROM stories"
    if story_id is not None:
        sql += " WHERE id = ?"
    out = []
    for row in conn.execute(sql + " ORDER BY rowid", params):
        story_events = events.get(row["id"], [])
        out.append(
            {
                "id": row["id"],
                "title": row["title"],
                "article_ids": [a for e in story_events for a in e["article_ids"]],
                "events": story_events,
            }
        )
    out.sort(key=lambda s: max((e["last_seen"] or "" for e in s["events"]), default=""), reverse=True)
    return out
