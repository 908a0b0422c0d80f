"""Named read queries that the CLI and web share. Each takes a connection and returns plain dicts."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

__all__ = ["article_summaries", "entities", "failures", "mentions", "quotes", "runs", "search", "stories"]

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


def _quote(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["via"] = json.loads(data["via"])
    data["direct"] = bool(data["direct"])
    # The canonical name when the speaker is linked to an entity, else the source as the article describes it.
    data["speaker"] = data.pop("entity_name") or data["speaker"]
    return data


_QUOTE_COLUMNS = """q.id, q.article_id, q.text, q.start, q.end, q.speaker, q.speaker_kind, q.speaker_entity_id,
    q.speaker_start, q.speaker_end, q.cue, q.via, q.direct, q.confidence, e.name AS entity_name"""


def quotes(
    conn: sqlite3.Connection,
    *,
    article_id: str | None = None,
    speaker: str | None = None,
    entity_id: str | None = None,
) -> list[dict[str, Any]]:
    """Quotes (the ``quotes --json`` contract) in article and text order; filtered by article, speaker or entity.

    ``speaker`` matches, case-insensitively, part of the canonical name, any alias, or the source's description.
    """
    sql = f"""SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
              LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE 1"""
    params: list[Any] = []
    if article_id is not None:
        sql += " AND q.article_id = ?"
        params.append(article_id)
    if entity_id is not None:
        sql += " AND q.speaker_entity_id = ?"
        params.append(entity_id)
    if speaker:
        like = f"%{speaker.lower()}%"
        sql += " AND (lower(q.speaker) LIKE ? OR lower(e.name) LIKE ? OR lower(e.aliases) LIKE ?)"
        params += [like, like, like]
    sql += " ORDER BY a.rowid, q.start"
    return [_quote(r) for r in conn.execute(sql, params)]


def _entity(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["aliases"] = json.loads(data["aliases"])
    data["roles"] = json.loads(data["roles"])
    return data


def entities(conn: sqlite3.Connection, *, entity_id: str | None = None) -> list[dict[str, Any]]:
    """Entities (the ``entities --json`` contract), most mentioned first; counts are read from the mentions."""
    sql = """SELECT e.id, e.name, e.type, e.aliases, e.roles, count(m.start) AS mentions,
                    count(DISTINCT m.article_id) AS articles
             FROM entities e JOIN mentions m ON m.entity_id = e.id"""
    params: list[Any] = []
    if entity_id is not None:
        sql += " WHERE e.id = ?"
        params.append(entity_id)
    sql += " GROUP BY e.id ORDER BY mentions DESC, e.name"
    return [_entity(r) for r in conn.execute(sql, params)]


def mentions(
    conn: sqlite3.Connection, *, article_id: str | None = None, entity_id: str | None = None
) -> list[dict[str, Any]]:
    """Entity mentions with their spans, for one article or one entity, in text order."""
    sql = "SELECT article_id, start, end, text, type, role, entity_id FROM mentions WHERE 1"
    params: list[Any] = []
    if article_id is not None:
        sql += " AND article_id = ?"
        params.append(article_id)
    if entity_id is not None:
        sql += " AND entity_id = ?"
        params.append(entity_id)
    return [dict(r) for r in conn.execute(sql + " ORDER BY article_id, start", params)]
