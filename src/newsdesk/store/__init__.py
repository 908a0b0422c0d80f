"""The store: the only code that touches SQLite. WAL, foreign keys, FTS5, migrations on open."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdesk.errors import QueryError, SchemaError, StoreError
from newsdesk.records import Article, DateMention, Entity, Failure, Format, Span, StageReport
from newsdesk.store import extracts, migrations, queries

__all__ = ["Store"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        raw=row["raw"],
        format=Format(row["format"]),
        url=row["url"],
        outlet=row["outlet"],
        byline=row["byline"],
        title=row["title"],
        published=row["published"],
        dateline=row["dateline"],
        language=row["language"],
        ai_generated=bool(row["ai_generated"]),
        duplicate_of=row["duplicate_of"],
        event_id=row["event_id"],
        origin=row["origin"],
        cites=tuple(json.loads(row["cites"])),
        furniture=tuple(json.loads(row["furniture"])),
    )


# Fields a stage may change on a stored article. The text and its metadata are fixed at ingest.
COLUMN_FIELDS = ("language", "duplicate_of", "cites", "event_id", "origin")
MUTABLE_FIELDS = (*COLUMN_FIELDS, "dates")
# Sorts after every character an id can hold (SQLite compares text as UTF-8 bytes), so [p, p + this) is "starts with p".
_PAST_PREFIX = "\U0010ffff"
GROUP_TABLES = {"event": "events", "story": "stories"}


def _date_mention(r: sqlite3.Row) -> DateMention:
    known = r["sentence_start"] is not None
    return DateMention(
        text=r["text"],
        start=r["start"],
        end=r["end"],
        value=r["value"],
        precision=r["precision"],
        anchor=r["anchor"],
        sentence=Span(start=r["sentence_start"], end=r["sentence_end"]) if known else None,
        future=bool(r["future"]) if known else False,
    )


class Store:
    """A newsdesk database. ``Store(":memory:")`` for tests, ``Store("news.db")`` for real work."""

    def __init__(self, path: str | Path = "newsdesk.db") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(
                    f"Cannot open database {self.path!r}: folder {str(parent)!r} does not exist. "
                    "Create it or pass another --db path."
                )
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 5000")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            migrations.apply(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"Cannot open database {self.path!r}: {exc}. Is it a newsdesk (SQLite) database? "
                "Pass another --db path, or move the file away to start afresh."
            ) from None
        except SchemaError:
            self.conn.close()
            raise

    @staticmethod
    def is_marked(path: str | Path, mark: str) -> bool:
        """Whether the database file at ``path`` carries ``mark`` (read-only: never migrates or creates it)."""
        try:
            conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
            try:
                row = conn.execute("SELECT value FROM counters WHERE name = ?", (f"mark:{mark}",)).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return False
        return bool(row and row[0])

    def mark(self, mark: str) -> None:
        """Label this database (``demo``: created by ``newsdesk demo`` and safe for it to replace)."""
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO counters (name, value) VALUES (?, 1)", (f"mark:{mark}",))

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def reader(self) -> Store:
        """Another connection to this database, read-only, for reading from another thread (a web view).

        The caller closes it. Each thread reads through its own connection: one connection is never used by two
        threads at once.

        Raises:
            StoreError: the database is in memory, which no other connection can see.
        """
        if self.path == ":memory:":
            raise StoreError("An in-memory database has one connection: it cannot be read through another.")
        reader = Store.__new__(Store)
        reader.path = self.path
        # check_same_thread off: a pool hands the connection to one thread at a time, not always the same one.
        reader.conn = sqlite3.connect(
            f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
        reader.conn.row_factory = sqlite3.Row
        reader.conn.execute("PRAGMA busy_timeout = 5000")
        return reader

    @contextmanager
    def deadline(self, seconds: float, message: str) -> Iterator[None]:
        """Stop any query of the block still running ``seconds`` from now, raising ``QueryError(message)``.

        ``seconds`` <= 0 sets no limit. SQLite checks the clock every thousand steps of its program, so a query ends
        soon after the deadline (one step, such as ranking one row, can take milliseconds), and a thread is never
        stuck in a query it cannot leave.

        Raises:
            QueryError: a query of the block ran past the deadline.
        """
        if seconds <= 0:
            yield
            return
        ends = time.monotonic() + seconds
        expired = False

        def check() -> int:
            nonlocal expired
            expired = expired or time.monotonic() > ends
            return int(expired)

        self.conn.set_progress_handler(check, 1000)
        try:
            yield
        except (sqlite3.OperationalError, StoreError) as exc:
            if expired and not isinstance(exc, QueryError):
                raise QueryError(message) from None
            raise
        finally:
            self.conn.set_progress_handler(None, 0)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one transaction: all of it is written, or none."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- articles -------------------------------------------------------------------------------

    def known(self, article: Article) -> str | None:
        """The id of a stored article with the same content or canonical URL, if any."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE id = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)",
            (article.id, article.url),
        ).fetchone()
        return row["id"] if row else None

    def add(self, articles: Iterable[Article]) -> tuple[list[str], list[str]]:
        """Insert new articles in one transaction. Returns ``(added ids, skipped ids)``; known ones are skipped."""
        added: list[str] = []
        skipped: list[str] = []
        with self.transaction() as conn:
            for article in articles:
                existing = self.known(article)
                if existing is not None:
                    skipped.append(existing)
                    continue
                conn.execute(
                    """INSERT INTO articles (id, source, url, canonical_url, outlet, byline, title, published,
                        dateline, language, format, raw, text, words, ai_generated, duplicate_of, cites,
                        furniture, ingested_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        article.id,
                        article.source,
                        article.url,
                        article.url,
                        article.outlet,
                        article.byline,
                        article.title,
                        article.published,
                        article.dateline,
                        article.language,
                        str(article.format),
                        article.raw,
                        article.text,
                        article.words,
                        int(article.ai_generated),
                        article.duplicate_of,
                        json.dumps(list(article.cites)),
                        json.dumps(list(article.furniture), ensure_ascii=False),
                        _now(),
                    ),
                )
                added.append(article.id)
        return added, skipped

    def get(self, article_id: str) -> Article | None:
        """The article with this id (or a unique id prefix), or None."""
        # A range on the primary key, not substr(id, ...): the index finds the prefix without reading every row.
        rows = self.conn.execute(
            "SELECT * FROM articles WHERE id >= ? AND id < ? ORDER BY id = ? DESC LIMIT 2",
            (article_id, article_id + _PAST_PREFIX, article_id),
        ).fetchall()
        exact = [r for r in rows if r["id"] == article_id]
        if exact or len(rows) == 1:
            return self._with_extracts([_row_to_article((exact or rows)[0])])[0]
        return None

    def _with_extracts(self, articles: list[Article]) -> list[Article]:
        found = extracts.load(self.conn, [a.id for a in articles])
        return [
            dataclasses.replace(a, mentions=found[a.id][0], quotes=found[a.id][1]) if any(found[a.id]) else a
            for a in articles
        ]

    def ids_starting(self, prefix: str, *, limit: int = 5) -> list[str]:
        """Ids that start with ``prefix`` (at most ``limit``), to explain an ambiguous prefix."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + _PAST_PREFIX, limit),
        )
        return [r[0] for r in rows]

    def articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Stored articles in ingest order, or those with the given ids."""
        if ids is None:
            cursor = self.conn.execute("SELECT * FROM articles ORDER BY rowid")
            yield from (_row_to_article(r) for r in cursor)
            return
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            cursor = self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY rowid", chunk)
            yield from self._with_extracts([_row_to_article(r) for r in cursor])

    def texts(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
        """The title and clean text of each of the given articles, by id, without their mentions or quotes."""
        return {r["id"]: (r["title"], r["text"]) for r in queries.article_texts(self.conn, ids=list(ids))}

    def count(self) -> int:
        """How many articles are stored."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def update(
        self,
        articles: Iterable[Article],
        *,
        stage: str,
        state: Mapping[str, Any] | None = None,
        done: Iterable[str] = (),
        produces: Iterable[str] | None = None,
    ) -> int:
        """Write the stage-owned fields of ``articles``, the stage's ``state``, and mark ``stage`` done, atomically.

        ``done`` names further articles the stage processed without changing them. ``produces`` (the stage's
        dotted fields, such as ``article.cites``) limits what is written; ``None`` writes every column field.
        """
        produces = set(produces) if produces is not None else None
        n = 0
        with self.transaction() as conn:
            if state:
                self._save_state(conn, state)
            for article_id in done:
                conn.execute(
                    "INSERT OR REPLACE INTO stage_done (article_id, stage, done_at) VALUES (?, ?, ?)",
                    (article_id, stage, _now()),
                )
            for a in articles:
                columns = [c for c in COLUMN_FIELDS if produces is None or f"article.{c}" in produces]
                if columns:
                    values = [
                        json.dumps(list(a.cites), ensure_ascii=False) if c == "cites" else getattr(a, c)
                        for c in columns
                    ]
                    conn.execute(
                        f"UPDATE articles SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?", (*values, a.id)
                    )
                if produces is not None:
                    extracts.save(conn, a, produces)
                if produces is not None and "article.dates" in produces:
                    conn.execute("DELETE FROM date_mentions WHERE article_id = ?", (a.id,))
                    conn.executemany(
                        "INSERT INTO date_mentions (article_id, start, end, text, value, precision, anchor, "
                        "sentence_start, sentence_end, future) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            (
                                a.id,
                                d.start,
                                d.end,
                                d.text,
                                d.value,
                                d.precision,
                                d.anchor,
                                d.sentence.start if d.sentence else None,
                                d.sentence.end if d.sentence else None,
                                int(d.future) if d.sentence else None,
                            )
                            for d in a.dates
                        ],
                    )
                conn.execute(
                    "INSERT OR REPLACE INTO stage_done (article_id, stage, done_at) VALUES (?, ?, ?)",
                    (a.id, stage, _now()),
                )
                n += 1
        return n

    # -- state of corpus stages (fingerprints, events, stories, term counts) ---------------------

    def fingerprints(self) -> dict[str, tuple[bytes, int]]:
        """Every stored MinHash fingerprint with its shingle count, by article id."""
        rows = self.conn.execute("SELECT article_id, minhash, shingles FROM fingerprints")
        return {r["article_id"]: (bytes(r["minhash"]), int(r["shingles"])) for r in rows}

    def groups(self, kind: str) -> list[dict[str, Any]]:
        """Stored events or stories with their centroid and member ids (articles of an event, events of a story),
        least recently joined first: ordered by their latest article."""
        table = GROUP_TABLES[kind]
        members: dict[str, list[str]] = {}
        sql = (
            "SELECT event_id, id FROM articles WHERE event_id IS NOT NULL ORDER BY rowid"
            if kind == "event"
            else "SELECT story_id, id FROM events WHERE story_id IS NOT NULL ORDER BY rowid"
        )
        for parent, child in self.conn.execute(sql):
            members.setdefault(parent, []).append(child)
        latest_sql = (
            "SELECT event_id, MAX(rowid) FROM articles WHERE event_id IS NOT NULL GROUP BY event_id"
            if kind == "event"
            else "SELECT e.story_id, MAX(a.rowid) FROM articles a JOIN events e ON a.event_id = e.id"
            " WHERE e.story_id IS NOT NULL GROUP BY e.story_id"
        )
        latest = dict(self.conn.execute(latest_sql).fetchall())
        rows = [
            {**dict(row), "centroid": bytes(row["centroid"]), "members": members.get(row["id"], [])}
            for row in self.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        ]
        # The grouper offers, for a common term, the groups that most recently took an article: it needs them in
        # that order (a stable sort keeps creation order among groups with no article).
        return sorted(rows, key=lambda row: latest.get(row["id"], -1))

    def event_members(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        """Article ids of each of the given events."""
        ids = list(event_ids)
        out: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.conn.execute(
                f"SELECT event_id, id FROM articles WHERE event_id IN ({','.join('?' * len(chunk))}) ORDER BY rowid",
                chunk,
            )
            for event_id, article_id in rows:
                out.setdefault(event_id, []).append(article_id)
        return out

    def term_counts(self) -> tuple[dict[int, int], int]:
        """Document frequency of every hashed term, and the number of documents counted."""
        counts = {int(r[0]): int(r[1]) for r in self.conn.execute("SELECT term, documents FROM term_counts")}
        row = self.conn.execute("SELECT value FROM counters WHERE name = 'documents'").fetchone()
        return counts, int(row[0]) if row else 0

    def dates(self, article_ids: Sequence[str]) -> dict[str, list[DateMention]]:
        """Date mentions of the given articles, in text order."""
        out: dict[str, list[DateMention]] = {}
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            rows = self.conn.execute(
                f"SELECT * FROM date_mentions WHERE article_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY article_id, start",
                chunk,
            )
            for r in rows:
                out.setdefault(r["article_id"], []).append(_date_mention(r))
        return out

    def entities(self) -> list[Entity]:
        """Every stored entity, for linking new mentions to."""
        return extracts.entities(self.conn)

    def copies_of(self, article_id: str) -> list[str]:
        """Ids of the articles marked as duplicates of ``article_id``."""
        rows = self.conn.execute("SELECT id FROM articles WHERE duplicate_of = ? ORDER BY rowid", (article_id,))
        return [r[0] for r in rows]

    def _save_state(self, conn: sqlite3.Connection, state: Mapping[str, Any]) -> None:
        for article_id, (minhash, size) in state.get("fingerprints", {}).items():
            conn.execute("INSERT OR REPLACE INTO fingerprints VALUES (?, ?, ?)", (article_id, minhash, size))
        # Stories first: events point at them. Upserts, never REPLACE: a replaced row is a deleted row, and
        # ON DELETE SET NULL would detach every article of the event (and every event of the story).
        for kind in ("story", "event"):
            table = GROUP_TABLES[kind]
            for g in state.get("groups", {}).get(kind, []):
                columns = ["id", "title", "centroid", "first_seen", "last_seen"] + (
                    ["story_id"] if kind == "event" else []
                )
                values = [g["id"], g["title"], g["centroid"], g["first_seen"], g["last_seen"]]
                values += [g["parent"]] if kind == "event" else []
                updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                    f"ON CONFLICT(id) DO UPDATE SET {updates}",
                    values,
                )
        if "entities" in state:
            extracts.save_entities(conn, state["entities"])
        if "term_counts" in state:
            delta, documents = state["term_counts"]
            conn.executemany(
                "INSERT INTO term_counts (term, documents) VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET documents = documents + excluded.documents",
                list(delta.items()),
            )
            conn.execute(
                "INSERT INTO counters (name, value) VALUES ('documents', ?) "
                "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
                (documents,),
            )

    def pending(self, stage: str) -> list[str]:
        """Ids of articles that ``stage`` has not processed yet, in ingest order."""
        rows = self.conn.execute(
            """SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM stage_done WHERE stage = ?)
               ORDER BY rowid""",
            (stage,),
        )
        return [r["id"] for r in rows]

    def reset(self, stage: str) -> None:
        """Forget which articles ``stage`` has processed, so the next run redoes all of them."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM stage_done WHERE stage = ?", (stage,))

    # -- runs and failures ----------------------------------------------------------------------

    def start_run(self, command: str) -> int:
        """Open a run row; returns its id."""
        cur = self.conn.execute("INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, _now()))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, stages: Iterable[StageReport]) -> None:
        """Close a run and write one row per stage."""
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run_id))
            conn.executemany(
                "INSERT INTO run_stages VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, s.stage, s.items_in, s.items_out, s.duplicates, s.failures, s.seconds) for s in stages],
            )

    def record_failures(self, failures: Iterable[Failure], run_id: int | None = None) -> None:
        """Store failures so ``newsdesk failures`` can list them."""
        with self.transaction() as conn:
            conn.executemany(
                """INSERT INTO failures (run_id, item, stage, article_id, error, message, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [(run_id, f.item, f.stage, f.article_id, f.error, f.message, _now()) for f in failures],
            )

    def failures(self, *, last_run: bool = False) -> list[Failure]:
        """Recorded failures, newest last; only those of the latest run with ``last_run``."""
        return [Failure(**r) for r in queries.failures(self.conn, last_run=last_run)]

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named read query from :mod:`newsdesk.store.queries`."""
        fn = getattr(queries, name, None)
        if fn is None or name.startswith("_"):
            raise StoreError(f"Unknown query {name!r}. Available: {', '.join(queries.__all__)}.")
        try:
            result: list[dict[str, Any]] = fn(self.conn, **params)
        except sqlite3.OperationalError as exc:
            # A search query that is not FTS5 syntax never gets here: the search retries it as plain words.
            raise StoreError(f"Query {name!r} failed: {exc}") from None
        return result
