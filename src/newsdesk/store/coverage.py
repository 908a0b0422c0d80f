"""Each event's articles per publication day and outlet (``event_coverage``), kept as articles join events.

The stories page lists every story with its article count, and the page's stories with their outlets and
articles per day. Counted from the articles, that read every article of the store on each first view (97 ms of
CPU at 100,000 articles). The store refreshes an event's rows whenever an article joins or leaves it (the only
writes of ``articles.event_id`` are a stage's :meth:`newsdesk.store.Store.update` and the cluster stage's reset),
so the page reads a row per event, day and outlet instead: its cost follows the stories and their days, not the
articles. Copies count (a reprint is coverage too), as before; ``day`` and ``outlet`` are None where not stated.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

__all__ = ["STORY_ARTICLES", "rebuild", "refresh", "rows"]

_CHUNK = 500


def refresh(conn: sqlite3.Connection, event_ids: Iterable[str | None]) -> None:
    """Count the given events' articles again (an event with none left has no rows)."""
    ids = sorted({e for e in event_ids if e})
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM event_coverage WHERE event_id IN ({marks})", chunk)
        conn.execute(
            f"""INSERT INTO event_coverage (event_id, day, outlet, articles)
                SELECT event_id, substr(published, 1, 10), outlet, count(*) FROM articles
                WHERE event_id IN ({marks}) GROUP BY event_id, substr(published, 1, 10), outlet""",
            chunk,
        )


def rebuild(conn: sqlite3.Connection) -> None:
    """Count every event's articles again (for a store whose articles were given events outside the store, as
    the benchmarks' SQL copies are)."""
    conn.execute("DELETE FROM event_coverage")
    conn.execute(
        """INSERT INTO event_coverage (event_id, day, outlet, articles)
           SELECT event_id, substr(published, 1, 10), outlet, count(*) FROM articles WHERE event_id IS NOT NULL
           GROUP BY event_id, substr(published, 1, 10), outlet"""
    )


def rows(conn: sqlite3.Connection, story_ids: list[str] | None) -> list[dict[str, Any]]:
    """Articles per story, day and outlet of the given stories (every story when None), by story then day."""
    sql = """SELECT e.story_id AS story_id, c.day AS day, c.outlet AS outlet, sum(c.articles) AS articles
             FROM events e JOIN event_coverage c ON c.event_id = e.id"""
    params: list[Any] = []
    if story_ids is not None:
        sql += f" WHERE e.story_id IN ({','.join('?' * len(story_ids))})"
        params.extend(story_ids)
    sql += " GROUP BY e.story_id, c.day, c.outlet ORDER BY e.story_id, c.day"
    return [dict(r) for r in conn.execute(sql, params)]


# Each story's article count from the kept rows: a subquery per event, so the sum reads the event's rows alone.
STORY_ARTICLES = "(SELECT coalesce(sum(c.articles), 0) FROM event_coverage c WHERE c.event_id = e.id)"
