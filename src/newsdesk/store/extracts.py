"""Rows of what the extraction stages found: mentions, quotes and entities, written and read back as records."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.records import Article, Entity, Mention, Quote, QuoteKind, SpeakerKind
from newsdesk.store.inserts import fresh, replace_groups, replace_rows

__all__ = ["as_stored", "entities", "load", "quote_id", "save", "save_all", "save_entities", "with_links"]


_SPEAKER_KINDS = {k.value: k for k in SpeakerKind}
_QUOTE_KINDS = {k.value: k for k in QuoteKind}


# A load makes hundreds of thousands of mentions and quotes, and a frozen dataclass's ``__init__`` sets each field
# through ``object.__setattr__``, more than half of what reading them cost: here their slots are set directly
# (decision 0052). The records are equal to those ``Mention(...)`` and ``Quote(...)`` make, field for field, which
# their classes check nothing of as they are made (tests/store/test_inserts.py).
_MENTION_FIELDS = ("text", "start", "end", "type", "role", "entity_id")
_QUOTE_FIELDS = (
    "text",
    "start",
    "end",
    "speaker",
    "speaker_kind",
    "speaker_start",
    "speaker_end",
    "speaker_entity_id",
    "cue",
    "via",
    "direct",
    "kind",
    "confidence",
)
_ENTITY_FIELDS = ("id", "name", "type", "aliases", "roles", "mentions", "articles")
for _cls, _fields in ((Mention, _MENTION_FIELDS), (Quote, _QUOTE_FIELDS), (Entity, _ENTITY_FIELDS)):
    if tuple(f.name for f in dataclasses.fields(_cls)) != _fields or hasattr(_cls, "__post_init__"):
        raise TypeError(f"{_cls.__name__} is no longer made of the fields {_fields} alone: update store/extracts.py")
_m_text, _m_start, _m_end, _m_type, _m_role, _m_entity = (getattr(Mention, n).__set__ for n in _MENTION_FIELDS)
(
    _q_text,
    _q_start,
    _q_end,
    _q_speaker,
    _q_speaker_kind,
    _q_speaker_start,
    _q_speaker_end,
    _q_speaker_entity,
    _q_cue,
    _q_via,
    _q_direct,
    _q_kind,
    _q_confidence,
) = (getattr(Quote, n).__set__ for n in _QUOTE_FIELDS)
_new = object.__new__


def _mention(text: str, start: int, end: int, kind: str, role: str | None, entity_id: str | None) -> Mention:
    """``Mention(text=text, start=start, end=end, type=kind, role=role, entity_id=entity_id)``, made faster."""
    m = _new(Mention)
    _m_text(m, text)
    _m_start(m, start)
    _m_end(m, end)
    _m_type(m, kind)
    _m_role(m, role)
    _m_entity(m, entity_id)
    return m


def _quote(r: Sequence[Any]) -> Quote:
    """The quote of a row of :func:`load`'s quotes query (after its article id), as ``Quote(...)`` makes it."""
    q = _new(Quote)
    _q_text(q, r[1])
    _q_start(q, r[2])
    _q_end(q, r[3])
    _q_speaker(q, r[4])
    _q_speaker_kind(q, _SPEAKER_KINDS.get(r[5]) or SpeakerKind(r[5]))
    _q_speaker_start(q, r[6])
    _q_speaker_end(q, r[7])
    _q_speaker_entity(q, r[8])
    _q_cue(q, r[9])
    _q_via(q, () if r[10] == "[]" else tuple(json.loads(r[10])))
    _q_direct(q, bool(r[11]))
    _q_kind(q, _QUOTE_KINDS.get(r[12]) or QuoteKind(r[12]))
    _q_confidence(q, r[13])
    return q


def quote_id(article_id: str, start: int, end: int) -> str:
    """A quote's id: stable for the same span of the same article."""
    return "q" + hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:11]


_INSERT_MENTIONS = (
    "INSERT OR REPLACE INTO mentions (article_id, start, end, text, type, role, entity_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_QUOTES = (
    "INSERT OR REPLACE INTO quotes (id, article_id, start, end, text, speaker, speaker_kind, speaker_start, "
    "speaker_end, speaker_entity_id, cue, via, direct, confidence, kind, published) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_LINK_QUOTES = "UPDATE quotes SET speaker_entity_id = ?, speaker_kind = ? WHERE id = ?"


def _mention_rows(article: Article) -> list[tuple[Any, ...]]:
    return [(article.id, m.start, m.end, m.text, m.type, m.role, m.entity_id) for m in article.mentions]


def _quote_rows(article: Article, published: str) -> list[tuple[Any, ...]]:
    return [
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
            json.dumps(list(q.via), ensure_ascii=False) if q.via else "[]",  # most credit no outlet
            int(q.direct),
            q.confidence,
            str(q.kind),
            published,
        )
        for q in article.quotes
    ]


def _link_rows(article: Article) -> list[tuple[Any, ...]]:
    return [(q.speaker_entity_id, str(q.speaker_kind), quote_id(article.id, q.start, q.end)) for q in article.quotes]


def save(conn: sqlite3.Connection, article: Article, produces: set[str]) -> None:
    """Replace the article's mentions and quotes (``article.mentions``/``article.quotes``), or only their
    entity links (``article.entities``)."""
    if "article.mentions" in produces or "article.entities" in produces:
        conn.execute("DELETE FROM mentions WHERE article_id = ?", (article.id,))
        replace_rows(conn, _INSERT_MENTIONS, _mention_rows(article))
    if "article.quotes" in produces:
        conn.execute("DELETE FROM quotes WHERE article_id = ?", (article.id,))
        # Each quote keeps its article's date as stored (it never changes): a speaker's quotes are read newest
        # first through their index (migration m025).
        dated = conn.execute("SELECT coalesce(published, '') FROM articles WHERE id = ?", (article.id,)).fetchone()
        replace_rows(conn, _INSERT_QUOTES, _quote_rows(article, dated[0] if dated is not None else ""))
    if "article.entities" in produces:
        conn.executemany(_LINK_QUOTES, _link_rows(article))


def save_all(conn: sqlite3.Connection, articles: Sequence[Article], produces: set[str]) -> None:
    """:func:`save` of each of ``articles`` in turn, the same rows written by one statement of each kind for them
    all where no row of theirs is stored yet (a chunk's mentions and quotes, as a run writes them once, decision
    0077): there is then nothing to delete before, so the rows of each table come in the same order, and take
    the same row ids, as one article after the other writes them; and each article's date is read with the
    others'. Where some are stored (a stage run again, a run that goes stage after stage), each article is
    written in turn, as before (issue 17)."""
    mentions = "article.mentions" in produces or "article.entities" in produces
    quotes = "article.quotes" in produces
    tables = {t: "" for t, asked in (("mentions", mentions), ("quotes", quotes)) if asked}
    if not tables or not fresh(conn, [a.id for a in articles], tables):
        for a in articles:
            save(conn, a, produces)
        return
    if mentions:  # keyed by (article_id, start)
        replace_groups(conn, _INSERT_MENTIONS, map(_mention_rows, articles), operator.itemgetter(1))
    if quotes:  # keyed by id
        dated = _published(conn, [a.id for a in articles if a.quotes])
        found = (_quote_rows(a, dated.get(a.id, "")) for a in articles)
        replace_groups(conn, _INSERT_QUOTES, found, operator.itemgetter(0))
    if "article.entities" in produces:
        conn.executemany(_LINK_QUOTES, [row for a in articles for row in _link_rows(a)])


def _published(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """The stored publication date of each of the articles ``ids`` ('' when undated)."""
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        rows = conn.execute(
            f"SELECT id, coalesce(published, '') FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
        out.update((r[0], r[1]) for r in rows)
    return out


def with_links(found: Sequence[Quote], linked: Sequence[Quote]) -> tuple[Quote, ...]:
    """``found``, an article's quotes as :func:`save` writes them, each with the speaker's link and kind of the last
    of ``linked`` (the same quotes, linked) at its span: the rows :func:`save` writes of them with their links are the
    rows it writes of ``found`` then sets the links of from ``linked`` (``article.entities``: an UPDATE of each quote's
    row by its id, its span, the last one of a span winning), one write of each row instead of two."""
    last = {(q.start, q.end): q for q in linked}
    return tuple(
        dataclasses.replace(q, speaker_entity_id=link.speaker_entity_id, speaker_kind=link.speaker_kind)
        if (link := last.get((q.start, q.end))) is not None
        else q
        for q in found
    )


def as_stored(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    """An article's mentions as :func:`save` then :func:`load` give them back: one a start (the table's key with
    the article; of two, the one written last replaced the other), in text order."""
    return tuple(sorted({m.start: m for m in mentions}.values(), key=lambda m: m.start))


def load(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, tuple[tuple[Mention, ...], tuple[Quote, ...]]]:
    """Mentions and quotes of the given articles, in text order."""
    mentions: dict[str, list[Mention]] = {}
    quotes: dict[str, list[Quote]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        # Columns by position, and the kinds and the usual empty ``via`` from tables: a stage reads the mentions and
        # quotes of every article of its chunk, and reading them cost more than some stages did with them.
        rows = conn.execute(
            f"SELECT article_id, text, start, end, type, role, entity_id FROM mentions WHERE article_id IN ({marks})"
            " ORDER BY start",
            chunk,
        )
        for article_id, text, begin, end, kind, role, entity_id in rows:
            mentions.setdefault(article_id, []).append(_mention(text, begin, end, kind, role, entity_id))
        rows = conn.execute(
            "SELECT article_id, text, start, end, speaker, speaker_kind, speaker_start, speaker_end, "
            f"speaker_entity_id, cue, via, direct, kind, confidence FROM quotes WHERE article_id IN ({marks})"
            " ORDER BY start",
            chunk,
        )
        for r in rows:
            quotes.setdefault(r[0], []).append(_quote(r))
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


def save_name_keys(conn: sqlite3.Connection, version: str, keys: dict[str, dict[str, str]], fresh: bool) -> None:
    """Keep the word keys ``keys`` (answers by function, then argument: :func:`newsdesk.extract.entities.name_keys`),
    worked out by rules of ``version``, as the next chunk: a row a function, its answers one JSON object (read back
    by the JSON decoder, not row by row). ``fresh``: every key kept before goes first (another version's, or none)."""
    if fresh:
        conn.execute("DELETE FROM name_keys")
        conn.execute("INSERT INTO name_keys (chunk, fn, answers) VALUES (0, '', ?)", (version,))
    if not keys:
        return
    (chunk,) = conn.execute("SELECT coalesce(max(chunk), 0) + 1 FROM name_keys").fetchone()
    conn.executemany(
        "INSERT INTO name_keys (chunk, fn, answers) VALUES (?, ?, ?)",
        [(chunk, fn, json.dumps(answers, ensure_ascii=False)) for fn, answers in keys.items()],
    )


def name_keys(conn: sqlite3.Connection) -> tuple[str | None, dict[str, dict[str, str]]]:
    """The kept word keys: the version of the rules they were worked out by (None when none are kept) and the answers
    by function, then argument."""
    found = conn.execute("SELECT answers FROM name_keys WHERE chunk = 0 AND fn = ''").fetchone()
    if found is None:
        return None, {}
    out: dict[str, dict[str, str]] = {}
    for fn, answers in conn.execute("SELECT fn, answers FROM name_keys WHERE chunk > 0 ORDER BY chunk, fn"):
        have = out.get(fn)
        if have is None:
            out[fn] = json.loads(answers)
        else:
            have.update(json.loads(answers))
    return found[0], out


def _names(text: str) -> tuple[str, ...]:
    """``tuple(json.loads(text))`` for a JSON list of strings as :func:`save_entities` writes it (``json.dumps``'s
    ``", "`` between them): read without the JSON decoder where no string has an escape (no backslash, so no
    string holds a quote and every quote opens or closes one) nor a control character (which the decoder
    refuses); any other text goes to the decoder. A run's first batch reads every stored entity's aliases and roles
    (decision 0041, revision of 2026-12-05, late afternoon)."""
    if "\\" not in text and text.isprintable():
        if text == "[]":
            return ()
        if text[:2] == '["' and text[-2:] == '"]':
            names = text[2:-2].split('", "')
            if text.count('"') == 2 * len(names):
                return tuple(names)
    return tuple(json.loads(text))


_e_id, _e_name, _e_type, _e_aliases, _e_roles, _e_mentions, _e_articles = (
    getattr(Entity, n).__set__ for n in _ENTITY_FIELDS
)


def entities(conn: sqlite3.Connection) -> list[Entity]:
    """Every stored entity (made as ``Entity(...)`` makes them, their slots set directly, as :func:`_mention`
    does)."""
    out = []
    for r in conn.execute("SELECT id, name, type, aliases, roles, mentions, articles FROM entities ORDER BY rowid"):
        e = _new(Entity)
        _e_id(e, r[0])
        _e_name(e, r[1])
        _e_type(e, r[2])
        _e_aliases(e, _names(r[3]))
        _e_roles(e, _names(r[4]))
        _e_mentions(e, r[5])
        _e_articles(e, r[6])
        out.append(e)
    return out
