"""Story digests (the digest stage's parts, as JSON) and the signatures that tell whether one is still current."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

__all__ = [
    "MentionIndex",
    "entities_in",
    "entity_card",
    "entity_signatures",
    "kept_without",
    "load",
    "load_paths",
    "mention_index",
    "pick",
    "save",
    "save_entities",
    "signatures",
]

# A story's signature: its article count and last article row. The count is summed from the coverage kept per
# event (newsdesk.store.coverage, exact as articles join and leave events), the last row is each event's last on
# the event index: a seek per event and a row per event, day and outlet, where counting the story's articles read
# every one (4 ms of CPU on a story of 23,850 articles, and a page reads three or four parts).
_SIGNATURE = """SELECT (SELECT coalesce(sum(c.articles), 0) FROM events ev JOIN event_coverage c ON c.event_id = ev.id
                        WHERE ev.story_id = {0}),
                       (SELECT coalesce(max(x.last), 0) FROM (SELECT (SELECT max(a.rowid) FROM articles a
                                                                      WHERE a.event_id = ev.id) AS last
                                                              FROM events ev WHERE ev.story_id = {0}) x)"""


def signatures(conn: sqlite3.Connection, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """The signature of each of the given stories."""
    out = {}
    for story_id in story_ids:
        row = conn.execute(_SIGNATURE.format("?"), (story_id, story_id)).fetchone()
        out[story_id] = (int(row[0]), int(row[1]))
    return out


def save(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, int, int, str]]) -> None:
    """Replace the digests of the stories of the given parts (story id, part, articles, last row, JSON): each
    story's parts are these alone (a part its digest no longer makes, such as a list page past its end, would be
    read while the story keeps its signature), and drop those of stories now gone."""
    rows = list(rows)
    stories = sorted({row[0] for row in rows})
    conn.executemany("DELETE FROM story_digests WHERE story_id = ?", [(story_id,) for story_id in stories])
    conn.executemany(
        "INSERT OR REPLACE INTO story_digests (story_id, part, articles, last_row, data) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("DELETE FROM story_digests WHERE story_id NOT IN (SELECT id FROM stories)")


def kept_without(conn: sqlite3.Connection, part: str, key: str) -> list[str]:
    """The stories whose kept ``part`` (a list of rows) has rows and no ``key`` in them: kept before the digest
    wrote that key. Read in the stored text (a key is ``"key":`` there; a string value holding those characters has
    its quotation marks escaped), so no part is decoded."""
    sql = "SELECT story_id FROM story_digests WHERE part = ? AND data <> '[]' AND data NOT LIKE ? ORDER BY story_id"
    return [str(row[0]) for row in conn.execute(sql, (part, f'%"{key}":%'))]


def load(conn: sqlite3.Connection, story_id: str, part: str) -> Any | None:
    """The stored part of the story (its JSON, decoded) while the story still has the signature it was made at;
    None when there is none or the story has changed since."""
    sql = f"""SELECT d.data FROM story_digests d WHERE d.story_id = ? AND d.part = ?
              AND (d.articles, d.last_row) = ({_SIGNATURE.format("d.story_id")})"""
    row = conn.execute(sql, (story_id, part)).fetchone()
    return None if row is None else json.loads(row[0])


def load_paths(conn: sqlite3.Connection, story_id: str, part: str, paths: Sequence[str]) -> list[Any] | None:
    """The values at ``paths`` (JSON paths as :func:`pick` reads them) of the stored part of the story, in order
    (None where a path leads nowhere), while the story still has the signature the part was made at; None when
    there is none or the story has changed since. Only those values are decoded in Python: SQLite picks them out
    of the stored text (a large story's claims part is 640 KB of JSON, 6.6 ms to decode whole, 1.9 to pick the
    ids and contradictions of its cards). SQLite only: PostgreSQL loads the part and picks in Python."""
    if not paths:
        return []
    # json_extract answers a JSON array of the values for two paths or more: the one path is asked twice.
    asked = list(paths) if len(paths) > 1 else [paths[0], paths[0]]
    sql = f"""SELECT json_extract(d.data, {", ".join("?" * len(asked))}) FROM story_digests d
              WHERE d.story_id = ? AND d.part = ? AND (d.articles, d.last_row) = ({_SIGNATURE.format("d.story_id")})"""
    row = conn.execute(sql, (*asked, story_id, part)).fetchone()
    if row is None:
        return None
    values: list[Any] = json.loads(row[0])
    return values[: len(paths)]


_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


def pick(value: Any, path: str) -> Any:
    """The value at ``path`` in ``value``: ``$`` followed by steps ``.key`` (a member) or ``[i]`` (an item), as
    SQLite's ``json_extract`` reads them; None where the path leads nowhere."""
    if not path.startswith("$"):
        raise ValueError(f"A JSON path starts with $: {path!r}")
    at, rest = value, path[1:]
    while rest:
        step = _STEP.match(rest)
        if step is None:
            raise ValueError(f"Not a JSON path this store reads: {path!r}")
        key, item = step.groups()
        if key is not None:
            at = at.get(key) if isinstance(at, dict) else None
        else:
            at = at[int(item)] if isinstance(at, list) and int(item) < len(at) else None
        rest = rest[step.end() :]
    return at


# An entity's signature: how many mentions it has and the last one's row (the mentions_entity index alone).
_ENTITY_SIGNATURE = "SELECT count(*), coalesce(max(rowid), 0) FROM mentions WHERE entity_id = {}"


def entity_signatures(conn: sqlite3.Connection, entity_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """The signature of each of the given entities."""
    out = {}
    for entity_id in entity_ids:
        row = conn.execute(_ENTITY_SIGNATURE.format("?"), (entity_id,)).fetchone()
        out[entity_id] = (int(row[0]), int(row[1]))
    return out


def entities_in(conn: sqlite3.Connection, article_ids: Sequence[str]) -> set[str]:
    """The entities the mentions of the given articles are linked to, each once: read on the index of mentions by
    article and entity, not as the mentions' rows."""
    found: set[str] = set()
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        sql = f"""SELECT DISTINCT entity_id FROM mentions
                  WHERE article_id IN ({",".join("?" * len(chunk))}) AND entity_id IS NOT NULL"""
        found.update(r[0] for r in conn.execute(sql, chunk) if r[0])
    return found


def save_entities(conn: sqlite3.Connection, rows: Iterable[tuple[str, int, int, str]]) -> None:
    """Replace the given entities' page parts (entity id, mentions, last mention row, JSON)."""
    conn.executemany(
        "INSERT OR REPLACE INTO entity_digests (entity_id, mentions, last_row, data) VALUES (?, ?, ?, ?)", rows
    )


def entity_card(conn: sqlite3.Connection, entity_id: str) -> tuple[str, int] | None:
    """The stored page parts of the entity (their JSON, not decoded) and the count of mentions they were made
    from, while its mentions are those they were made from; else None."""
    sql = f"""SELECT d.data, d.mentions FROM entity_digests d WHERE d.entity_id = ?
              AND (d.mentions, d.last_row) = ({_ENTITY_SIGNATURE.format("d.entity_id")})"""
    row = conn.execute(sql, (entity_id,)).fetchone()
    return None if row is None else (str(row[0]), int(row[1]))


# What ``mention_index`` gives: articles (id, row, date, story), linked mentions (entity, article, start) as the rows
# come, entities (id, name, type).
MentionIndex = tuple[
    list[tuple[str, int, str | None, str | None]], Iterator[tuple[str, str, int]], list[tuple[str, str, str]]
]


def mention_index(
    conn: sqlite3.Connection,
) -> MentionIndex:
    """What the digest stage reads of every linked mention at once when it has many hub entities' cards to make
    (:class:`newsdesk.digest.entities.Index`): each article's id, row, date and story (``None`` outside any story);
    each linked mention's entity, article and start, as the rows come (taken one by one, never held as a list: a
    large store has millions); each entity's id, name and type."""
    articles = [
        (r[0], int(r[1]), r[2], r[3])
        for r in conn.execute(
            "SELECT a.id, a.rowid, a.published, e.story_id FROM articles a LEFT JOIN events e ON e.id = a.event_id"
        )
    ]
    names = [(r[0], r[1], r[2]) for r in conn.execute("SELECT id, name, type FROM entities")]
    cursor = conn.execute("SELECT entity_id, article_id, start FROM mentions WHERE entity_id IS NOT NULL")
    return articles, ((r[0], r[1], int(r[2])) for r in cursor), names
