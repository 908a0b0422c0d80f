"""Rows of stances: written by the stances stage, read back with their story, actor and evidence text for the
``stances`` view (issues and shifts are worked out from them when read, in :mod:`newsdesk.stances.issues`)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsdesk.records import Article, stance_id

__all__ = ["latest_rows", "rows", "save"]


def save(conn: sqlite3.Connection, article: Article) -> None:
    """Replace the article's stances."""
    conn.execute("DELETE FROM stances WHERE article_id = ?", (article.id,))
    conn.executemany(
        "INSERT OR REPLACE INTO stances (id, article_id, actor_id, actor, position, target, target_start, "
        "target_end, start, end, said, cue, condition, date, strength, confidence, terms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                stance_id(article.id, s.actor_id, s.start, s.end),
                article.id,
                s.actor_id,
                s.actor,
                str(s.position),
                s.target,
                s.target_start,
                s.target_end,
                s.start,
                s.end,
                int(s.said),
                s.cue,
                s.condition,
                s.date,
                s.strength,
                s.confidence,
                json.dumps(list(s.terms), ensure_ascii=False),
            )
            for s in article.stances
        ],
    )


def stories(conn: sqlite3.Connection, actor_ids: list[str], story_ids: list[str] | None = None) -> set[str | None]:
    """The stories (None: an article outside any) of the stances :func:`rows` gives for ``actor_ids`` (of
    ``story_ids`` when given), without reading the stances themselves: their evidence is cut out of each
    article's text."""
    where = ["a.duplicate_of IS NULL", f"s.actor_id IN ({','.join('?' * len(actor_ids))})"]
    params = list(actor_ids)
    if story_ids is not None:
        where.append(f"e.story_id IN ({','.join('?' * len(story_ids))})")
        params += story_ids
    sql = f"""SELECT DISTINCT e.story_id FROM stances s JOIN articles a ON a.id = s.article_id
              LEFT JOIN events e ON e.id = a.event_id WHERE {" AND ".join(where)}"""
    return {r[0] for r in conn.execute(sql, params)}


def rows(
    conn: sqlite3.Connection,
    *,
    story_ids: list[str] | None = None,
    actor_ids: list[str] | None = None,
    latest: int | None = None,
) -> list[dict[str, Any]]:
    """Stored stances (of the given stories and actors; all when None), each with its article's story, outlet,
    title and date, its actor's canonical name and type, and its evidence text; copies of an article are left
    out (a copy repeats its original's words). ``latest`` keeps only that many, of the most recent articles.
    In article order, then by start."""
    return [row for _, row in _rows(conn, story_ids=story_ids, actor_ids=actor_ids, latest=latest)]


def latest_rows(
    conn: sqlite3.Connection, story_id: str, latest: int
) -> list[tuple[tuple[int, int, int], dict[str, Any]]]:
    """The rows :func:`rows` gives for one story and ``latest``, each with its place in that order: (minus its
    article's row, its start, its own row). Merged by place and cut at ``latest``, the rows of several stories'
    are those :func:`rows` gives for all of them at once (the latest of the stories are among each one's latest)."""
    return _rows(conn, story_ids=[story_id], latest=latest)


def _rows(
    conn: sqlite3.Connection,
    *,
    story_ids: list[str] | None = None,
    actor_ids: list[str] | None = None,
    latest: int | None = None,
) -> list[tuple[tuple[int, int, int], dict[str, Any]]]:
    where = ["a.duplicate_of IS NULL"]
    params: list[str] = []
    if story_ids is not None:
        where.append(f"e.story_id IN ({','.join('?' * len(story_ids))})")
        params += story_ids
    if actor_ids is not None:
        where.append(f"s.actor_id IN ({','.join('?' * len(actor_ids))})")
        params += actor_ids
    if story_ids is None:
        joined = "stances s JOIN articles a ON a.id = s.article_id LEFT JOIN events e ON e.id = a.event_id"
    else:
        # Through the stories' events and their articles (an index lookup each; CROSS JOIN fixes SQLite's join
        # order), not a walk over every article of the store looking up its event: 4 ms a story of a 2,000-article
        # store, whatever its size.
        joined = "events e CROSS JOIN articles a ON a.event_id = e.id CROSS JOIN stances s ON s.article_id = a.id"
    columns = """s.*, e.story_id, a.outlet, a.title, a.published, substr(a.text, s.start + 1, s.end - s.start) AS text,
                 n.name AS actor_name, n.type AS actor_type, n.aliases AS actor_aliases,
                 a.rowid AS article_row_, s.rowid AS stance_row_"""
    # Through the stories, the order needs a sort: stances of one start (two actors of one span) are then put in
    # the order they were stored, as the walk over the articles and the stances' index gives them.
    tie = "" if story_ids is None else ", s.rowid"
    order = f"a.rowid, s.start{tie}" if latest is None else f"a.rowid DESC, s.start{tie}"
    if story_ids is not None and latest is not None:
        # The latest picked on the indexes alone (no evidence cut out of an article's text for a stance left out:
        # an actor's stories hold thousands), then read in the same order.
        picked = f"""SELECT s.id FROM {joined} WHERE {" AND ".join(where)} ORDER BY {order} LIMIT {int(latest)}"""
        sql = f"""SELECT {columns} FROM stances s JOIN articles a ON a.id = s.article_id
                  LEFT JOIN events e ON e.id = a.event_id LEFT JOIN entities n ON n.id = s.actor_id
                  WHERE s.id IN ({picked}) ORDER BY {order}"""
    else:
        sql = f"""SELECT {columns} FROM {joined} LEFT JOIN entities n ON n.id = s.actor_id
                  WHERE {" AND ".join(where)} ORDER BY {order}"""
        sql += "" if latest is None else f" LIMIT {int(latest)}"
    out = []
    for r in conn.execute(sql, params):
        row = dict(r)
        place = (-row.pop("article_row_"), row["start"], row.pop("stance_row_"))
        row["terms"] = json.loads(row["terms"])
        row["said"] = bool(row["said"])
        row["actor_aliases"] = json.loads(row["actor_aliases"] or "[]")
        row["date"] = row["date"] or (row["published"] or "")[:10] or None
        out.append((place, row))
    return out
