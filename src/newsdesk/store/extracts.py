"""Rows of what the extraction stages found: mentions, quotes and entities, written and read back as records."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence

from newsdesk.records import Article, Entity, Mention, Quote, QuoteKind, SpeakerKind

__all__ = ["entities", "load", "quote_id", "save", "save_entities"]


def quote_id(article_id: str, start: int, end: int) -> str:
    """A quote's id: stable for the same span of the same article."""
    return "q" + hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:11]


def save(conn: sqlite3.Connection, article: Article, produces: set[str]) -> None:
    """Replace the article's mentions and quotes (``article.mentions``/``article.quotes``), or only their
    entity links (``article.entities``)."""
    if "article.mentions" in produces or "article.entities" in produces:
        conn.execute("DELETE FROM mentions WHERE article_id = ?", (article.id,))
        conn.executemany(
            "INSERT OR REPLACE INTO mentions (article_id, start, end, text, type, role, entity_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article.id, m.start, m.end, m.text, m.type, m.role, m.entity_id) for m in article.mentions],
        )
    if "article.quotes" in produces:
        conn.execute("DELETE FROM quotes WHERE article_id = ?", (article.id,))
        # Each quote keeps its article's date as stored (it never changes): a speaker's quotes are read newest
        # first through their index (migration m025).
        dated = conn.execute("SELECT coalesce(published, '') FROM articles WHERE id = ?", (article.id,)).fetchone()
        published = dated[0] if dated is not None else ""
        conn.executemany(
            "INSERT OR REPLACE INTO quotes (id, article_id, start, end, text, speaker, speaker_kind, speaker_start, "
            "speaker_end, speaker_entity_id, cue, via, direct, confidence, kind, published) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    quote_id(article.id, q.start, q.end),
                    article.id,
                    q.start,
                    q.end,
                    q.text,
                    q.speaker,
                    str(q.speaker_kind),
                    q.speaker_start,
                    q.speaker_end,
                    q.speaker_entity_id,
                    q.cue,
                    json.dumps(list(q.via), ensure_ascii=False),
                    int(q.direct),
                    q.confidence,
                    str(q.kind),
                    published,
                )
                for q in article.quotes
            ],
        )
    if "article.entities" in produces:
        conn.executemany(
            "UPDATE quotes SET speaker_entity_id = ?, speaker_kind = ? WHERE id = ?",
            [(q.speaker_entity_id, str(q.speaker_kind), quote_id(article.id, q.start, q.end)) for q in article.quotes],
        )


def load(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, tuple[tuple[Mention, ...], tuple[Quote, ...]]]:
    """Mentions and quotes of the given articles, in text order."""
    mentions: dict[str, list[Mention]] = {}
    quotes: dict[str, list[Quote]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT * FROM mentions WHERE article_id IN ({marks}) ORDER BY start", chunk):
            mentions.setdefault(r["article_id"], []).append(
                Mention(
                    text=r["text"],
                    start=r["start"],
                    end=r["end"],
                    type=r["type"],
                    role=r["role"],
                    entity_id=r["entity_id"],
                )
            )
        for r in conn.execute(f"SELECT * FROM quotes WHERE article_id IN ({marks}) ORDER BY start", chunk):
            quotes.setdefault(r["article_id"], []).append(
                Quote(
                    text=r["text"],
                    start=r["start"],
                    end=r["end"],
                    speaker=r["speaker"],
                    speaker_kind=SpeakerKind(r["speaker_kind"]),
                    speaker_start=r["speaker_start"],
                    speaker_end=r["speaker_end"],
                    speaker_entity_id=r["speaker_entity_id"],
                    cue=r["cue"],
                    via=tuple(json.loads(r["via"])),
                    direct=bool(r["direct"]),
                    kind=QuoteKind(r["kind"]),
                    confidence=r["confidence"],
                )
            )
    return {i: (tuple(mentions.get(i, ())), tuple(quotes.get(i, ()))) for i in ids}


def save_entities(conn: sqlite3.Connection, found: Iterable[Entity]) -> None:
    """Insert or update entity records (upserts: a replaced row would unlink its mentions)."""
    conn.executemany(
        "INSERT INTO entities (id, name, type, aliases, roles, mentions, articles) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, aliases = excluded.aliases, "
        "roles = excluded.roles, mentions = excluded.mentions, articles = excluded.articles",
        [
            (
                e.id,
                e.name,
                e.type,
                json.dumps(list(e.aliases), ensure_ascii=False),
                json.dumps(list(e.roles), ensure_ascii=False),
                e.mentions,
                e.articles,
            )
            for e in found
        ],
    )


def entities(conn: sqlite3.Connection) -> list[Entity]:
    """Every stored entity."""
    return [
        Entity(
            id=r["id"],
            name=r["name"],
            type=r["type"],
            aliases=tuple(json.loads(r["aliases"])),
            roles=tuple(json.loads(r["roles"])),
            mentions=r["mentions"],
            articles=r["articles"],
        )
        for r in conn.execute("SELECT * FROM entities ORDER BY rowid")
    ]
