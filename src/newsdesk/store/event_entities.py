"""The entities each event's articles name (``event_entities``: event, entity, mentions), kept as articles join
events and their mentions are linked.

The cluster stage looks stored events up by the entities their articles name (decision 0036). Read from the
mentions, that was a DISTINCT over every linked mention of every article in an event at the start of each run (2.7
million mentions, 1.5 CPU s at 50,000 articles). The store now keeps each (event, entity) pair with the number of
mentions behind it, and adjusts it whenever it writes what it is made of: an article's event (a stage's
:meth:`newsdesk.store.Store.update`, the cluster stage's reset) or an article's mentions and their entities (the
extraction stages' update, the entities stage's reset). A pair whose count falls to none is dropped. A store whose
articles were given events or mentions outside the store (the benchmarks' SQL copies) counts them all again
(:func:`rebuild`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["Counts", "apply", "counts", "rebuild", "rows"]

_CHUNK = 500
# (event, entity) -> the linked mentions of the event's articles naming the entity.
Counts = dict[tuple[str, str], int]
_COUNTED = """SELECT a.event_id, m.entity_id, count(*) FROM articles a JOIN mentions m ON m.article_id = a.id
    WHERE {where} AND a.event_id IS NOT NULL AND m.entity_id IS NOT NULL GROUP BY a.event_id, m.entity_id"""


def counts(conn: sqlite3.Connection | Any, article_ids: Sequence[str]) -> Counts:
    """What the given articles add to ``event_entities`` as the store holds them now."""
    out: Counts = {}
    for i in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[i : i + _CHUNK])
        rows = conn.execute(_COUNTED.format(where=f"a.id IN ({','.join('?' * len(chunk))})"), chunk)
        for event_id, entity_id, n in rows:
            out[(event_id, entity_id)] = out.get((event_id, entity_id), 0) + int(n)
    return out


def apply(conn: sqlite3.Connection | Any, before: Mapping[tuple[str, str], int], after: Counts) -> None:
    """Move ``event_entities`` from what some articles added ``before`` a write to what they add ``after`` it."""
    delta = {pair: after.get(pair, 0) - before.get(pair, 0) for pair in {*before, *after}}
    changed = sorted((event_id, entity_id, n) for (event_id, entity_id), n in delta.items() if n)
    if not changed:
        return
    conn.executemany(
        "INSERT INTO event_entities (event_id, entity_id, mentions) VALUES (?, ?, ?) "
        "ON CONFLICT(event_id, entity_id) DO UPDATE SET mentions = event_entities.mentions + excluded.mentions",
        changed,
    )
    conn.executemany(
        "DELETE FROM event_entities WHERE event_id = ? AND entity_id = ? AND mentions <= 0",
        [(event_id, entity_id) for event_id, entity_id, n in changed if n < 0],
    )


def rebuild(conn: sqlite3.Connection | Any) -> None:
    """Count every event's entities again (for a store whose articles were given events or mentions outside it)."""
    conn.execute("DELETE FROM event_entities")
    conn.execute(
        "INSERT INTO event_entities (event_id, entity_id, mentions) " + _COUNTED.format(where="a.id IS NOT NULL"),
    )


def rows(conn: sqlite3.Connection | Any) -> dict[str, list[str]]:
    """The entities the articles of each event name, by event id."""
    out: dict[str, list[str]] = {}
    for event_id, entity_id in conn.execute("SELECT event_id, entity_id FROM event_entities"):
        out.setdefault(event_id, []).append(entity_id)
    return out
