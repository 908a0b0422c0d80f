"""The store: the only code that touches the database. SQLite by default (WAL, foreign keys, FTS5, migrations on
open); PostgreSQL for a ``postgresql://`` URL, through :mod:`newsdesk.store.postgres` (decision 0028)."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from newsdesk.errors import LockedError, QueryError, SchemaError, StoreError
from newsdesk.records import Article, Claim, DateMention, Entity, Failure, Format, Span, SpeakerKind, StageReport
from newsdesk.store import (
    claims,
    coverage,
    digests,
    event_entities,
    export,
    extracts,
    lock,
    migrations,
    postgres,
    queries,
    stances,
)
from newsdesk.store.postgres import Connection as PgConnection

__all__ = ["Store"]


def _alive(pid: int | None) -> bool:
    """Whether process ``pid`` still runs on this machine."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def _settled(run: dict[str, Any], host: str) -> dict[str, Any]:
    """``run`` with the status it really has: a run still marked running whose process on this machine is gone
    was interrupted (killed, crashed). A run of another machine is taken at its word."""
    if run["status"] == "running" and run["host"] == host and not _alive(run["pid"]):
        return {**run, "status": "interrupted"}
    return run


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
        meta=tuple(json.loads(row["meta"]).items()),
        furniture=tuple(json.loads(row["furniture"])),
    )


# Fields a stage may change on a stored article. The text and its metadata are fixed at ingest.
COLUMN_FIELDS = ("language", "duplicate_of", "cites", "event_id", "origin")
MUTABLE_FIELDS = (*COLUMN_FIELDS, "dates")
# Sorts after every character an id can hold (SQLite compares text as UTF-8 bytes), so [p, p + this) is "starts with p".
_PAST_PREFIX = "\U0010ffff"
GROUP_TABLES = {"event": "events", "story": "stories"}
# What each corpus stage keeps besides its articles' fields. Its state grows by deltas as articles join (term
# counts, group centroids), so redoing the stage over articles it already counted must start from none.
_STAGE_STATE = {
    "dedupe": ("DELETE FROM fingerprints", "UPDATE articles SET duplicate_of = NULL"),
    "cluster": (
        "UPDATE articles SET event_id = NULL",
        "DELETE FROM event_coverage",
        "DELETE FROM event_entities",
        "DELETE FROM events",
        "DELETE FROM stories",
        "DELETE FROM term_counts",
        "DELETE FROM counters WHERE name = 'documents'",
    ),
    "origins": ("UPDATE articles SET origin = NULL", "DELETE FROM origin_links"),
    "claim_match": ("DELETE FROM claim_support", "DELETE FROM claim_clusters"),
    # Per article, but redone from scratch: an article that now fails the stage must not keep its old stances.
    "stances": ("DELETE FROM stances",),
    "digest": ("DELETE FROM story_digests", "DELETE FROM entity_digests"),
    "entities": (
        "UPDATE mentions SET entity_id = NULL",
        "DELETE FROM event_entities",
        "UPDATE quotes SET speaker_entity_id = NULL",
        "DELETE FROM entities",
    ),
}


def _events_of(conn: sqlite3.Connection, article_ids: list[str]) -> set[str]:
    """The events the given articles are in now (those in one)."""
    found: set[str] = set()
    for i in range(0, len(article_ids), 500):
        chunk = article_ids[i : i + 500]
        sql = f"SELECT event_id FROM articles WHERE id IN ({','.join('?' * len(chunk))}) AND event_id IS NOT NULL"
        found.update(r[0] for r in conn.execute(sql, chunk))
    return found


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


# Values `Store.computed` keeps a connection: a story's dashboard computes three parts of a stale digest.
COMPUTED_KEPT = 4
# Page cache of the writing connection, in KiB.
CACHE_KIB = 65536
# Page cache of a reading connection (a web view's), in KiB: SQLite's default of 2 MiB holds less than one
# bounded view reads (the rows of 250 articles, whose later columns sit past their text on overflow pages), so
# each of a page's fourteen queries read those pages again.
READER_CACHE_KIB = 16384
# Share of words two texts under one URL must have in common to be one article (see Store.known).
SAME_PAGE = 0.9


def _overlap(a: str, b: str) -> float:
    """Words the two texts share (counted with repeats, case-folded), over the longer text's word count."""
    first, second = Counter(a.casefold().split()), Counter(b.casefold().split())
    longer = max(first.total(), second.total())
    return (first & second).total() / longer if longer else 1.0


def _storable(value: str) -> str:
    """``value`` as UTF-8 can hold it: a lone surrogate becomes its escape (``\\udcff``)."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _uri(path: str | Path, mode: str) -> str:
    """SQLite's URI of the database file at ``path`` (``~`` the home folder), opened in ``mode`` (``ro``: read only;
    ``rw``: read and written, never created). Made by ``as_uri``: a "?", "#" or "%" in the path is the file's name,
    never the URI's query (which would open another file read-write, and create it) or its fragment."""
    return f"{Path(path).expanduser().resolve().as_uri()}?mode={mode}"


class Store:
    """A newsdesk database. ``Store(":memory:")`` for tests, ``Store("news.db")`` for real work,
    ``Store("postgresql://user@host/db")`` for a PostgreSQL server shared by a team."""

    # Named queries that PostgreSQL cannot run yet: asking for one there is a clear StoreError, never a wrong answer.
    NOT_ON_POSTGRES: frozenset[str] = frozenset()
    postgres = False  # whether the database is a PostgreSQL one (set on open)
    _held = False  # inside held(): each transaction joins the one it holds

    def __init__(self, path: str | Path = "newsdesk.db", *, create: bool = True) -> None:
        """Open the database at ``path``; with ``create=False`` a SQLite file that does not exist yet (or is empty)
        is a :class:`StoreError`, never made: a command that only reads must not leave a new file behind a typo."""
        self.path = str(path)
        # The last entity digest read (see entity_digest), by entity and the data's version.
        self._entity_kept: tuple[Any, dict[str, Any] | None] | None = None
        # The last value computed through `computed`, as JSON, by its name and the data's version.
        self._computed_kept: tuple[tuple[int, int], list[tuple[Any, str]]] | None = None
        self.postgres = postgres.is_url(self.path)
        if self.postgres:
            # The connection speaks the store's SQLite SQL (see newsdesk.store.postgres): one set of queries.
            self.conn = cast(sqlite3.Connection, postgres.connect(self.path))
            return
        missing = StoreError(
            f"No newsdesk database at {self.path!r}: nothing has been ingested there. Ingest articles first "
            f"(newsdesk --db {self.path} ingest PATH), or check --db and NEWSDESK_DB."
        )
        if not create and self.path in (":memory:", ""):
            # A store in memory starts empty, and "" names no file: a command that only reads has nothing to read.
            raise StoreError(
                f"A database {'in memory' if self.path else 'without a path'} holds nothing to read: pass the file "
                "the articles were ingested into (--db PATH or NEWSDESK_DB)."
            )
        target, uri = self.path, False
        if self.path != ":memory:":
            file = Path(self.path).expanduser().resolve()  # "~/news.db" is the home folder's, for every use
            if create and not file.parent.is_dir():
                raise StoreError(
                    f"Cannot open database {self.path!r}: folder {str(file.parent)!r} does not exist. "
                    "Create it or pass another --db path."
                )
            target = str(file)
            if not create:
                # Opened read-write, never created: a file missing when SQLite opens it fails there (no window
                # between a check and the connect for it to vanish or appear in).
                target, uri = _uri(file, "rw"), True
        try:
            try:
                self.conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, uri=uri)
            except sqlite3.OperationalError:
                if uri and (not os.path.lexists(file) or file.is_dir()):
                    raise missing from None  # (a folder, "--db ~/news", holds no database either)
                raise  # a file there that cannot be opened (its permissions): said as any other open that fails
            if uri and self.conn.execute("PRAGMA page_count").fetchone()[0] == 0:
                self.conn.close()  # an empty file: no database yet, and none is made in it
                raise missing
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 5000")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # 64 MiB of page cache (SQLite's default is 2 MiB): a large store's indexes on random keys (the
                # article id, its URL) take a page from disk for nearly every insert with less (bench/archive.py).
                self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
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
        if postgres.is_url(str(path)):
            return postgres.is_marked(str(path), mark)
        try:
            conn = sqlite3.connect(_uri(path, "ro"), uri=True)
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

    @property
    def pg(self) -> PgConnection:
        """The PostgreSQL connection (only when ``self.postgres``)."""
        return cast(PgConnection, self.conn)

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
        return Store.read_only(self.path)

    @staticmethod
    def read_only(path: str) -> Store:
        """A read-only connection to the database at ``path`` (a file or a PostgreSQL URL), which it never creates
        nor migrates: :meth:`reader`'s, for a reader of another thread or process (a worker's share of the digest).

        Raises:
            StoreError: the database is in memory, which no other connection can see.
        """
        if path == ":memory:":
            raise StoreError("An in-memory database has one connection: it cannot be read through another.")
        reader = Store.__new__(Store)
        reader.path = path
        reader.postgres = postgres.is_url(path)
        reader._entity_kept = None
        reader._computed_kept = None
        if reader.postgres:
            reader.conn = cast(sqlite3.Connection, postgres.Connection(path, read_only=True))
            return reader
        # check_same_thread off: a pool hands the connection to one thread at a time, not always the same one.
        reader.conn = sqlite3.connect(
            _uri(path, "ro"),
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
        reader.conn.row_factory = sqlite3.Row
        reader.conn.execute("PRAGMA busy_timeout = 5000")
        reader.conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
        return reader

    def computed(self, name: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """``make()`` (a JSON value), or what it gave for ``name`` (compared by equality) when asked on this
        connection while the data was unchanged: a view computed from the data (a stale digest's claims part, 11
        CPU seconds at 2,000 articles) is made once for the dashboard, its JSON twin and the full list. At most
        :data:`COMPUTED_KEPT` values, of the data's current version only, kept as JSON text: each caller decodes its
        own copy. Not kept on PostgreSQL, whose version is not read here per view.
        """
        if self.postgres:
            return make()
        version = (self.data_version(), self.conn.total_changes)
        if self._computed_kept is None or self._computed_kept[0] != version:
            self._computed_kept = (version, [])  # the data changed: nothing kept is current
        kept = self._computed_kept[1]
        for known, text in kept:
            if known == name:
                return json.loads(text)
        # A commit while it is made: kept under the older version, which this connection never reads again.
        value = make()
        kept.append((name, json.dumps(value, ensure_ascii=False)))
        del kept[:-COMPUTED_KEPT]
        return value

    def data_version(self) -> int:
        """A number that changes whenever another connection (in any process) has committed to the database.

        Raises:
            StoreError: the database cannot be read (deleted, damaged).
        """
        if self.postgres:
            return postgres.data_version(self.pg)
        try:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot read the version of database {self.path!r}: {exc}") from None

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
        if self.postgres:  # no progress handler: the server's statement_timeout
            with postgres.deadline(self.pg, seconds, message):
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
        """Run the block in one transaction: all of it is written, or none. Inside :meth:`held`, the block is part
        of the held transaction.

        Raises:
            LockedError: another connection held the database's write lock past the busy timeout.
        """
        if self._held:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._locked(exc) from None
        try:
            yield self.conn
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise self._locked(exc) from None
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                raise self._locked(exc) from None

    @contextmanager
    def held(self) -> Iterator[sqlite3.Connection]:
        """One transaction for the whole block, which every write of this store inside it joins (``transaction``
        opens none of its own): all of them are written, or none, whatever the block does between them. What the
        runner writes of a chunk's mentions with their links (decision 0053, revision of 2026-12-06, early
        afternoon)."""
        with self.transaction() as conn:
            self._held = True
            try:
                yield conn
            finally:
                self._held = False

    def _locked(self, exc: sqlite3.OperationalError) -> Exception:
        """A clear error for SQLite's "database is locked" (the busy timeout ran out); others as they were."""
        if "locked" not in str(exc) and "busy" not in str(exc):
            return exc
        seconds = self.conn.execute("PRAGMA busy_timeout").fetchone()[0] / 1000
        return LockedError(
            f"Database {self.path!r} is locked: another process kept writing to it for more than {seconds:g} s"
            f" ({exc}). Try again when it is done; `lsof {self.path}` shows which processes have it open."
        )

    def analysis_lock(
        self, *, wait: float, on_wait: Callable[[str], None] | None = None
    ) -> AbstractContextManager[None]:
        """Hold this database's analysis lock for the block (see :mod:`newsdesk.store.lock`).

        Raises:
            LockedError: another process kept the lock for ``wait`` seconds; the message names it.
        """
        if self.postgres:  # no file beside the database: an advisory lock of the server
            return postgres.advisory_lock(self.path, wait=wait, on_wait=on_wait)
        return lock.analysis_lock(self.path, wait=wait, on_wait=on_wait)

    # -- articles -------------------------------------------------------------------------------

    def known(self, article: Article) -> str | None:
        """The id of the stored article this one repeats, if any: the same text, or its URL with near the same text.

        The same text (the id is a hash of it) is the same article whatever its URL. Under a URL already stored,
        the article is the one stored there whose text shares the most of its words, when that is at least
        ``SAME_PAGE`` (a page fetched again with a changed timestamp line); a clearly different text under that
        URL (a section page, a placeholder URL) is another article.
        """
        row = self.conn.execute("SELECT id FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is not None:
            return str(row["id"])
        if not article.url:
            return None
        # Every article stored under the URL, not only the first (which alone holds it as canonical_url): a later
        # one fetched again must find itself. The latest 50, should a placeholder URL gather many.
        rows = self.conn.execute(
            "SELECT id, text FROM articles WHERE url = ? OR canonical_url = ? ORDER BY rowid DESC LIMIT 50",
            (article.url, article.url),
        ).fetchall()
        scored = ((_overlap(r["text"], article.text), r["id"]) for r in rows)
        share, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))  # ties: the latest stored
        return str(best) if best is not None and share >= SAME_PAGE else None

    def add(self, articles: Iterable[Article], *, failed: list[Failure] | None = None) -> tuple[list[str], list[str]]:
        """Insert new articles in one transaction. Returns ``(added ids, skipped ids)``; known ones are skipped.

        With ``failed``, an article whose values SQLite refuses (a lone surrogate in a string, an integer too
        large) is appended to it as a :class:`Failure` of stage ``store`` and the others are written; without
        it, such an article raises :class:`StoreError` and nothing of the batch is written.

        Raises:
            StoreError: an article cannot be written and ``failed`` is not given.
        """
        added: list[str] = []
        skipped: list[str] = []
        refused: tuple[type[Exception], ...] = (ValueError, TypeError, OverflowError, *self._refused)
        with self.transaction() as conn:
            for article in articles:
                # A savepoint per article: a refused article leaves no half-written rows (its FTS row, say).
                conn.execute("SAVEPOINT article")
                try:
                    existing = self.known(article)
                    if existing is None:
                        self._insert(conn, article)
                except refused as exc:
                    # Errors of the article's values only; a locked or full database still stops the batch.
                    conn.execute("ROLLBACK TO article")
                    conn.execute("RELEASE article")
                    item = _storable(article.source)
                    message = _storable(f"cannot store the article: {type(exc).__name__}: {exc}")
                    if failed is None:
                        raise StoreError(f"{item}: {message}") from exc
                    failed.append(Failure(item=item, stage="store", error=type(exc).__name__, message=message))
                    continue
                conn.execute("RELEASE article")
                (skipped if existing is not None else added).append(existing or article.id)
        return added, skipped

    @property
    def _refused(self) -> tuple[type[Exception], ...]:
        """The database's errors for a value it cannot store (not for a locked or broken database)."""
        if self.postgres:
            return (self.pg.errors.DataError, self.pg.errors.IntegrityError)
        return (sqlite3.IntegrityError, sqlite3.InterfaceError)

    def _insert(self, conn: sqlite3.Connection, article: Article) -> None:
        # The first article under a URL holds it as canonical_url (UNIQUE); a different article under the
        # same URL keeps it in url only.
        canonical = article.url
        if canonical and conn.execute("SELECT 1 FROM articles WHERE canonical_url = ?", (canonical,)).fetchone():
            canonical = None
        conn.execute(
            """INSERT INTO articles (id, source, url, canonical_url, outlet, byline, title, published,
                dateline, language, format, raw, text, words, ai_generated, duplicate_of, cites,
                furniture, ingested_at, meta)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id,
                article.source,
                article.url,
                canonical,
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
                json.dumps(dict(article.meta), ensure_ascii=False),
            ),
        )

    def get(self, article_id: str, *, extracts: bool = True) -> Article | None:
        """The article with this id (or a unique id prefix), or None; without its mentions and quotes when not
        ``extracts`` (a page that reads them as rows of its own)."""
        # A range on the primary key, not substr(id, ...): the index finds the prefix without reading every row.
        rows = self.conn.execute(
            "SELECT * FROM articles WHERE id >= ? AND id < ? ORDER BY id = ? DESC LIMIT 2",
            (article_id, article_id + _PAST_PREFIX, article_id),
        ).fetchall()
        exact = [r for r in rows if r["id"] == article_id]
        if exact or len(rows) == 1:
            found = _row_to_article((exact or rows)[0])
            return self._with_extracts([found])[0] if extracts else found
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

    def articles(self, ids: Sequence[str] | None = None, *, extracts: bool = True) -> Iterator[Article]:
        """Stored articles in ingest order, or those with the given ids; with ids, each with its mentions, quotes
        and date mentions unless not ``extracts`` (for a stage that reads none of them)."""
        if ids is None:
            cursor = self.conn.execute("SELECT * FROM articles ORDER BY rowid")
            yield from (_row_to_article(r) for r in cursor)
            return
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            cursor = self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY rowid", chunk)
            if not extracts:
                yield from (_row_to_article(r) for r in cursor)
                continue
            found = self._with_extracts([_row_to_article(r) for r in cursor])
            # Their date mentions too (one indexed query), so that a stage reading them (claims) need not find
            # them again in the text.
            mentioned = self.dates([a.id for a in found])
            yield from (dataclasses.replace(a, dates=tuple(mentioned[a.id])) if a.id in mentioned else a for a in found)

    def reread(self, articles: Sequence[Article], *, mentions: bool = False, dates: bool = False) -> list[Article]:
        """``articles``, stored ones as :meth:`articles` gave them with their extracts, as it gives them now: the
        fields a stage may change read again (their :data:`COLUMN_FIELDS`; with ``mentions`` their mentions and
        quotes, with ``dates`` their date mentions), the rest kept as read (the text and its metadata are fixed at
        ingest). The columns of 500 articles cost a fraction of their rows read whole, text and all (issue 17)."""
        ids = [a.id for a in articles]
        changed: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.conn.execute(
                f"SELECT id, {', '.join(COLUMN_FIELDS)} FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for r in rows:
                fields = changed[r[0]] = dict(zip(COLUMN_FIELDS, r[1:], strict=True))
                fields["cites"] = tuple(json.loads(fields["cites"]))  # as _row_to_article reads it
        if mentions:
            for article_id, (found, quoted) in extracts.load(self.conn, ids).items():
                if article_id in changed:
                    changed[article_id].update(mentions=found, quotes=quoted)
        if dates:
            mentioned = self.dates(ids)
            for article_id, fields in changed.items():
                fields["dates"] = tuple(mentioned.get(article_id, ()))
        return [dataclasses.replace(a, **changed[a.id]) for a in articles if a.id in changed]

    def texts(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
        """The title and clean text of each of the given articles, by id, without their mentions or quotes."""
        return {r["id"]: (r["title"], r["text"]) for r in queries.article_texts(self.conn, ids=list(ids))}

    def published(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The publication date of each of the given articles, by id (None when it states none)."""
        out: dict[str, str | None] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT id, published FROM articles WHERE id IN ({marks})", chunk):
                out[row[0]] = row[1]
        return out

    def dated_copies(self, ids: Sequence[str]) -> list[tuple[str, str | None, str | None]]:
        """``(id, published, duplicate_of)`` of each of the given articles, in the order ``articles(ids)`` gives
        them (ingest order within each 500): what dedupe ranks a group's members by, without their text."""
        out: list[tuple[str, str | None, str | None]] = []
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, published, duplicate_of FROM articles WHERE id IN ({marks}) ORDER BY rowid", chunk
            )
            out.extend((r[0], r[1], r[2]) for r in rows)
        return out

    def dated_origins(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None, str | None]]:
        """``(published, origin, duplicate_of)`` of each of the given articles, by id: what origins ranks and joins
        a stored member by, without its text."""
        out: dict[str, tuple[str | None, str | None, str | None]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, published, origin, duplicate_of FROM articles WHERE id IN ({marks})", chunk
            )
            out.update((r[0], (r[1], r[2], r[3])) for r in rows)
        return out

    def count(self) -> int:
        """How many articles are stored."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def export(
        self, *, batch: int = 10_000
    ) -> Iterator[tuple[str, list[tuple[str, str]], Iterator[list[tuple[object, ...]]]]]:
        """Each exported table (``store.export.TABLES``): its name, ``(column, type)`` pairs and its rows in
        batches, all read in one transaction, so that the tables agree with each other while a run writes.
        Consume each table's rows before asking for the next table."""
        with self._reading():
            for table in export.TABLES:
                yield table, export.columns(self.conn, table), export.rows(self.conn, table, batch=batch)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        if self.conn.in_transaction:  # inside a caller's transaction: its view already holds
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

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
            done = list(done)
            # Each article's row once: those of ``done`` here, the others of ``articles`` below (before, every
            # article of both was written twice, its first row replaced by the second in the same transaction).
            now = _now()
            conn.executemany(
                "INSERT OR REPLACE INTO stage_done (article_id, stage, done_at) VALUES (?, ?, ?)",
                [(article_id, stage, now) for article_id in done],
            )
            marked = set(done)
            if stage != "digest":
                # What another stage wrote (a stage added to the pipeline after the digests were made, as an
                # upgrade does) is in no stored digest: the articles' stories are digested again.
                conn.executemany(
                    "DELETE FROM stage_done WHERE article_id = ? AND stage = 'digest'", [(i,) for i in done]
                )
            articles = list(articles)
            columns = [c for c in COLUMN_FIELDS if produces is None or f"article.{c}" in produces]
            # The events the articles leave and join: their kept coverage is counted again (store.coverage).
            moved = _events_of(conn, [a.id for a in articles]) if "event_id" in columns else set()
            moved.update(a.event_id for a in articles if "event_id" in columns and a.event_id)
            # What the articles add to the entities kept per event, before and after (their events or mentions).
            named = "event_id" in columns or bool(produces and {"article.mentions", "article.entities"} & produces)
            before = event_entities.counts(conn, [a.id for a in articles]) if named else {}
            if columns:
                conn.executemany(
                    f"UPDATE articles SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
                    [
                        (
                            *(
                                json.dumps(list(a.cites), ensure_ascii=False) if c == "cites" else getattr(a, c)
                                for c in columns
                            ),
                            a.id,
                        )
                        for a in articles
                    ],
                )
            if produces is not None:
                # The mentions and quotes of them all at once (the same rows, see extracts.save_all): they are
                # in tables of their own, which nothing else written here touches.
                extracts.save_all(conn, articles, produces)
            # claims.save deletes its article's claim_match row of stage_done: each article's claims are then
            # written in turn with its stage_done row, unless none of them has any stored (claims.save_all).
            one_by_one = produces is not None and "article.claims" in produces and not claims.save_all(conn, articles)
            for a in articles:
                if one_by_one:
                    claims.save(conn, a)
                if produces is not None and "article.stances" in produces:
                    stances.save(conn, a)
                if produces is not None and "article.features" in produces and a.features is not None:
                    conn.execute(
                        "INSERT OR REPLACE INTO article_features (article_id, data) VALUES (?, ?)", (a.id, a.features)
                    )
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
                if a.id not in marked and one_by_one:
                    conn.execute(
                        "INSERT OR REPLACE INTO stage_done (article_id, stage, done_at) VALUES (?, ?, ?)",
                        (a.id, stage, now),
                    )
                n += 1
            if not one_by_one:  # nothing above wrote stage_done: the same rows in the same order, at once
                conn.executemany(
                    "INSERT OR REPLACE INTO stage_done (article_id, stage, done_at) VALUES (?, ?, ?)",
                    [(a.id, stage, now) for a in articles if a.id not in marked],
                )
            if moved:
                coverage.refresh(conn, moved)
            if named:
                event_entities.apply(conn, before, event_entities.counts(conn, [a.id for a in articles]))
        return n

    # -- state of corpus stages (fingerprints, events, stories, term counts) ---------------------

    def origin_link(self, article_id: str) -> dict[str, Any] | None:
        """Why ``article_id`` is in its origin group: ``other`` (the article it retells or copies), ``confidence``
        and ``evidence`` (``passages`` as ``[start, end]`` spans of its text, ``numbers``, ``quotes``,
        ``interviews``, ``credit``, ``coverage``, ``aligned``; or ``copy``). None for the first article of a group,
        or one alone."""
        row = self.conn.execute(
            "SELECT other_id, confidence, evidence FROM origin_links WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        return {"other": row[0], "confidence": row[1], "evidence": json.loads(row[2])}

    def fingerprints(self) -> dict[str, tuple[bytes, int]]:
        """Every stored MinHash fingerprint with its shingle count, by article id."""
        rows = self.conn.execute("SELECT article_id, minhash, shingles FROM fingerprints")
        return {r["article_id"]: (bytes(r["minhash"]), int(r["shingles"])) for r in rows}

    def features(self, ids: Sequence[str]) -> dict[str, bytes]:
        """What the ``features`` stage worked out for each of the given articles (``Article.features``), by id;
        an article it has not processed is missing."""
        out: dict[str, bytes] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, data FROM article_features WHERE article_id IN ({marks})", chunk
            ):
                out[row[0]] = bytes(row[1])
        return out

    def credits(self, ids: Sequence[str]) -> dict[str, tuple[tuple[str, ...], set[tuple[str, str]]]]:
        """What each of the given articles credits, by id: the outlets it cites, and its interviews (the linked
        person it quotes and the outlet the quote was given to, for each quote of a person credited to an outlet);
        without its text, mentions or quotes (what origins compares beside the text, ``cluster.rewrites``)."""
        out: dict[str, tuple[tuple[str, ...], set[tuple[str, str]]]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT id, cites FROM articles WHERE id IN ({marks})", chunk):
                out[row[0]] = (tuple(json.loads(row[1])), set())
            rows = self.conn.execute(
                f"""SELECT article_id, speaker_entity_id, via FROM quotes WHERE article_id IN ({marks})
                    AND speaker_entity_id IS NOT NULL AND speaker_kind = ?""",
                [*chunk, str(SpeakerKind.PERSON)],
            )
            for article_id, entity_id, via in rows:
                if article_id in out:
                    out[article_id][1].update((entity_id, outlet) for outlet in json.loads(via))
        return out

    def groups(self, kind: str) -> list[dict[str, Any]]:
        """Stored events or stories with their centroid and member ids (articles of an event, events of a story),
        least recently joined first: ordered by their latest article."""
        table = GROUP_TABLES[kind]
        members: dict[str, list[str]] = {}
        latest: dict[str, int] = {}
        if kind == "event":
            # Read from the event index that holds the id (``articles_event_cover``), not by a scan of the articles,
            # whose event column lies past their text; put in ingest order here (the same members, in the same order,
            # and each event's latest article, its last member).
            found = sorted(
                self.conn.execute("SELECT rowid, event_id, id FROM articles WHERE event_id IS NOT NULL"),
                key=lambda row: int(row[0]),
            )
            for rowid, parent, child in found:
                members.setdefault(parent, []).append(child)
                latest[parent] = rowid
        else:
            for parent, child in self.conn.execute(
                "SELECT story_id, id FROM events WHERE story_id IS NOT NULL ORDER BY rowid"
            ):
                members.setdefault(parent, []).append(child)
            latest = dict(
                self.conn.execute(
                    "SELECT e.story_id, MAX(a.rowid) FROM articles a JOIN events e ON a.event_id = e.id"
                    " WHERE e.story_id IS NOT NULL GROUP BY e.story_id"
                ).fetchall()
            )
        rows = [
            {**dict(row), "centroid": bytes(row["centroid"]), "members": members.get(row["id"], [])}
            for row in self.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        ]
        # The grouper offers, for a common term, the groups that most recently took an article: it needs them in
        # that order (a stable sort keeps creation order among groups with no article).
        return sorted(rows, key=lambda row: latest.get(row["id"], -1))

    def event_entities(self) -> dict[str, list[str]]:
        """The entities the articles of each stored event name, by event id: what the grouper looks a new report's
        events up by besides their terms (decision 0036)."""
        return event_entities.rows(self.conn)  # kept as articles join events and mentions are linked

    def event_origins(
        self, event_ids: Iterable[str]
    ) -> dict[str, list[tuple[str, str | None, str | None, str | None]]]:
        """The articles of each of the given events, in ingest order, each as ``(id, published, origin,
        duplicate_of)``: what origins learns a stored event's groups by, read by event from one covering index (not
        article by article, each row's text beside it)."""
        ids = list(event_ids)
        out: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.conn.execute(
                f"SELECT event_id, id, published, origin, duplicate_of FROM articles"
                f" WHERE event_id IN ({','.join('?' * len(chunk))}) ORDER BY rowid",
                chunk,
            )
            for event_id, article_id, published, origin, duplicate_of in rows:
                out.setdefault(event_id, []).append((article_id, published, origin, duplicate_of))
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

    def entity_ids(self) -> list[str]:
        """Every stored entity's id, in the order :meth:`entities` gives them."""
        return [r[0] for r in self.conn.execute("SELECT id FROM entities ORDER BY rowid")]

    def write_mark(self) -> tuple[int, int] | None:
        """A value that changes whenever anything is committed to the database after it is read: by another
        connection (SQLite's ``data_version``) or by this one (its ``total_changes``); None on PostgreSQL, whose
        server-wide position of its log moves with this connection's writes and other databases' too (decision 0099).
        """
        if self.postgres:
            return None
        return self.data_version(), self.conn.total_changes

    def name_keys(self) -> tuple[str | None, dict[str, dict[str, str]]]:
        """The word keys kept for the stored entities' names: the version of the rules they were worked out by (None
        for none kept) and the answers by function, then argument (decision 0098)."""
        return extracts.name_keys(self.conn)

    def claims(self, article_ids: Sequence[str]) -> dict[str, list[Claim]]:
        """The claims of the given articles, in text order."""
        return claims.load(self.conn, article_ids)

    def stories_of(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The story of each of the given events."""
        return claims.stories_of(self.conn, event_ids)

    def claim_clusters(self, story_ids: Sequence[str], latest: int | None = None) -> list[dict[str, Any]]:
        """The stored claim clusters of the given stories, each with its ``claims`` as (article id, claim,
        published), in the order they joined; with ``latest``, only each story's last ``latest`` claims to join
        (and the clusters they joined)."""
        return claims.members(self.conn, story_ids, latest)

    def claim_readings(self, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]:
        """What claim matching reads of the given stories' last ``latest`` claims to join one of their clusters:
        the clusters they joined, each with its ``claims`` as (claim id, article id, terms, values, modality,
        slot, text) in the order they joined (``claims.readings``)."""
        return claims.readings(self.conn, story_ids, latest)

    def claims_matched(self, article_ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
        """What claim matching reads of the given articles' claims, in text order (``claims.matched``)."""
        return claims.matched(self.conn, article_ids)

    def claim_window(self, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]:
        """What claim matching needs of the given stories' last ``latest`` support rows, summed up in the store by
        what each claim reads as (``claims.window``): each story's clusters with their distinct readings."""
        return claims.window(self.conn, story_ids, latest)

    def claim_placed(self, story_id: str, low: int, high: int, article_ids: Sequence[str]) -> dict[str, str]:
        """The claims of the given articles with a support row of the story from place ``low`` to ``high``
        (rowids), each with that row's cluster (``claims.placed``)."""
        return claims.placed(self.conn, story_id, low, high, article_ids)

    def claim_rows(
        self,
        story_ids: Sequence[str] | None = None,
        *,
        each: int | None = None,
        cluster_ids: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Support rows of the claim clusters of the given stories (every story when None) with their claims and
        the article facts corroboration needs; ``cluster_ids``: only those clusters'; ``each``: the first that
        many rows of each cluster."""
        return claims.rows(self.conn, story_ids=story_ids, each=each, cluster_ids=cluster_ids)

    def stance_rows(
        self, *, story_ids: list[str] | None = None, actor_ids: list[str] | None = None, latest: int | None = None
    ) -> list[dict[str, Any]]:
        """Stored stances of the given stories and actors (all when None), with story, actor and evidence text;
        ``latest``: only that many, of the most recently stored articles."""
        return stances.rows(self.conn, story_ids=story_ids, actor_ids=actor_ids, latest=latest)

    def stance_rows_placed(self, story_id: str, latest: int) -> list[tuple[tuple[int, int, int], dict[str, Any]]]:
        """``stance_rows(story_ids=[story_id], latest=latest)``, each row with its place in their order: merged by
        place and cut at ``latest``, several stories' are the rows ``stance_rows`` gives for all of them at once."""
        return stances.latest_rows(self.conn, story_id, latest)

    def stance_stories(self, actor_ids: list[str], story_ids: list[str] | None = None) -> set[str | None]:
        """The stories of the actors' stored stances (of ``story_ids`` when given), as ``stance_rows`` would give
        them (None for an article outside any story), without reading the stances."""
        return stances.stories(self.conn, actor_ids, story_ids)

    def story_signatures(self, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """Each given story's signature (article count, last article row), which its digest was made at."""
        return digests.signatures(self.conn, story_ids)

    def story_digest(self, story_id: str, part: str) -> Any | None:
        """A part of the story's digest (see :mod:`newsdesk.digest`) while it is current, else None."""
        return digests.load(self.conn, story_id, part)

    def stories_kept_without(self, part: str, key: str) -> list[str]:
        """The stories whose kept ``part`` (a list of rows) has rows, none with ``key``: kept before it was written
        (read in the stored text, :func:`digests.kept_without`; a part with the key in some rows is not one)."""
        return digests.kept_without(self.conn, part, key)

    def story_digest_paths(self, story_id: str, part: str, paths: Sequence[str]) -> list[Any] | None:
        """The values at ``paths`` (``$.key``, ``$[i]``, ``$[i].key``...) of a part of the story's digest, in order
        (None where a path leads nowhere), while it is current; else None. Only those values are decoded."""
        if self.postgres:
            whole = digests.load(self.conn, story_id, part)
            return None if whole is None else [digests.pick(whole, path) for path in paths]
        return digests.load_paths(self.conn, story_id, part, paths)

    def entity_signatures(self, entity_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """Each given entity's signature (mention count, last mention row), which its page parts were made at."""
        return digests.entity_signatures(self.conn, entity_ids)

    def mention_index(self) -> digests.MentionIndex:
        """Every article's id, row, date and story, every linked mention's entity, article and start, and every
        entity's id, name and type: what the digest stage reads at once for many hub entities' cards."""
        return digests.mention_index(self.conn)

    def entities_in(self, article_ids: Sequence[str]) -> set[str]:
        """The entities the given articles' mentions are linked to (read on an index, not as mention rows)."""
        return digests.entities_in(self.conn, article_ids)

    def linked_mentions(self) -> int:
        """How many mentions are linked to an entity (counted on the entity index)."""
        return int(self.conn.execute("SELECT count(*) FROM mentions WHERE entity_id IS NOT NULL").fetchone()[0])

    def entity_digest(self, entity_id: str) -> Any | None:
        """The entity's page parts (see :mod:`newsdesk.digest.entities`), with ``mentions``, the count of its
        mentions, while they are current; else None.

        Whether they are current is known by counting the entity's mentions (40 ms for one of 320,000), and its
        page reads them for its card, its first page and its positions: the answer is kept until this connection
        writes or another commits (SQLite's ``total_changes`` and ``data_version``; on PostgreSQL not kept).
        """
        key = None if self.postgres else (entity_id, self.data_version(), self.conn.total_changes)
        kept = self._entity_kept
        if key is None or kept is None or kept[0] != key:
            found = digests.entity_card(self.conn, entity_id)
            kept = (key, None if found is None else {**json.loads(found[0]), "mentions": found[1]})
            self._entity_kept = kept if key is not None else None
        return None if kept[1] is None else dict(kept[1])  # decoded once: a hub's marks are a few thousand

    def copies_of(self, article_id: str) -> list[str]:
        """Ids of the articles marked as duplicates of ``article_id``."""
        rows = self.conn.execute("SELECT id FROM articles WHERE duplicate_of = ? ORDER BY rowid", (article_id,))
        return [r[0] for r in rows]

    def _save_state(self, conn: sqlite3.Connection, state: Mapping[str, Any]) -> None:
        # Each table's rows by one statement, in the order they were given (issue 17).
        conn.executemany(
            "INSERT OR REPLACE INTO fingerprints VALUES (?, ?, ?)",
            [(article_id, minhash, size) for article_id, (minhash, size) in state.get("fingerprints", {}).items()],
        )
        # Stories first: events point at them. Upserts, never REPLACE: a replaced row is a deleted row, and
        # ON DELETE SET NULL would detach every article of the event (and every event of the story).
        for kind in ("story", "event"):
            columns = ["id", "title", "centroid", "first_seen", "last_seen"] + (["story_id"] if kind == "event" else [])
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
            conn.executemany(
                f"INSERT INTO {GROUP_TABLES[kind]} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                f"ON CONFLICT(id) DO UPDATE SET {updates}",
                [
                    (g["id"], g["title"], g["centroid"], g["first_seen"], g["last_seen"])
                    + ((g["parent"],) if kind == "event" else ())
                    for g in state.get("groups", {}).get(kind, [])
                ],
            )
        conn.executemany(
            "INSERT OR REPLACE INTO origin_links VALUES (?, ?, ?, ?)",
            [
                (article_id, other_id, confidence, json.dumps(evidence, ensure_ascii=False))
                for article_id, (other_id, confidence, evidence) in state.get("origin_links", {}).items()
            ],
        )
        if "entities" in state:
            extracts.save_entities(conn, state["entities"])
        if "name_keys" in state:
            extracts.save_name_keys(conn, *state["name_keys"])
        if "claim_clusters" in state:
            claims.save_clusters(conn, state["claim_clusters"], state.get("claim_support", ()))
        if "story_digests" in state:
            digests.save(conn, state["story_digests"])
        if "entity_digests" in state:
            digests.save_entities(conn, state["entity_digests"])
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
        # Read on the id index (rowid and id only) and put in order here: ``ORDER BY rowid`` walked the table
        # itself, every row's page, which costs more than the sort at 50,000 articles.
        rows = self.conn.execute(
            "SELECT rowid, id FROM articles WHERE id NOT IN (SELECT article_id FROM stage_done WHERE stage = ?)",
            (stage,),
        )
        return [article_id for _, article_id in sorted(tuple(r) for r in rows)]

    def reset(self, stage: str) -> None:
        """Forget which articles ``stage`` has processed, and what a corpus stage built from them (its groups,
        counts and fingerprints), so the next run redoes all of them from scratch, as a first run would."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM stage_done WHERE stage = ?", (stage,))
            for sql in _STAGE_STATE.get(stage, ()):
                conn.execute(sql)

    # -- runs and failures ----------------------------------------------------------------------

    def start_run(self, command: str) -> int:
        """Open a run row owned by this process; returns its id. Runs whose process is gone become interrupted."""
        host = socket.gethostname()
        with self.transaction() as conn:
            running = conn.execute("SELECT * FROM runs WHERE status = 'running' AND host = ?", (host,))
            gone = [(r["id"],) for r in running.fetchall() if _settled(dict(r), host)["status"] == "interrupted"]
            conn.executemany("UPDATE runs SET status = 'interrupted' WHERE id = ?", gone)
            row = conn.execute(
                "INSERT INTO runs (command, started_at, pid, host, status) VALUES (?, ?, ?, ?, 'running') RETURNING id",
                (command, _now(), os.getpid(), host),
            ).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, stages: Iterable[StageReport]) -> None:
        """Close a run and write one row per stage."""
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at = ?, status = 'finished' WHERE id = ?", (_now(), run_id))
            conn.executemany(
                "INSERT INTO run_stages VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, s.stage, s.items_in, s.items_out, s.duplicates, s.failures, s.seconds) for s in stages],
            )

    def record_failures(self, failures: Iterable[Failure], run_id: int | None = None) -> None:
        """Store failures so ``newsdesk failures`` can list them."""
        rows = [
            (run_id, _storable(f.item), f.stage, f.article_id, f.error, _storable(f.message), _now()) for f in failures
        ]
        if not rows:  # no transaction for nothing: an ingest calls this after every batch
            return
        with self.transaction() as conn:
            conn.executemany(
                """INSERT INTO failures (run_id, item, stage, article_id, error, message, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                rows,
            )

    def failures(self, *, last_run: bool = False, run_id: int | None = None) -> list[Failure]:
        """Recorded failures, newest last; only those of one run (``run_id``), or of the latest run that is not
        still going in another process (``last_run``)."""
        if last_run and run_id is None:
            latest = self.last_run()
            if latest is None:
                return []
            run_id = latest["id"]
        return [Failure(**r) for r in queries.failures(self.conn, run_id=run_id)]

    def runs(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs with their per-stage counts and ``status``: running, finished, or interrupted (its
        process is gone without finishing it)."""
        host = socket.gethostname()
        return [_settled(run, host) for run in queries.runs(self.conn, limit=limit)]

    def last_run(self) -> dict[str, Any] | None:
        """The latest run that has ended (finished, or its process is gone), with its ``status``; None if none."""
        host = socket.gethostname()
        for row in self.conn.execute("SELECT * FROM runs ORDER BY id DESC"):
            run = _settled(dict(row), host)
            if run["status"] != "running":
                return run
        return None

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named read query from :mod:`newsdesk.store.queries`."""
        fn = getattr(queries, name, None)
        if fn is None or name.startswith("_"):
            raise StoreError(f"Unknown query {name!r}. Available: {', '.join(queries.__all__)}.")
        if self.postgres and name in self.NOT_ON_POSTGRES:
            raise StoreError(
                f"Query {name!r} is not yet supported on PostgreSQL (it is on SQLite). Use a SQLite database for it."
            )
        try:
            result: list[dict[str, Any]] = fn(self.conn, **params)
        except self._failed as exc:
            # A search query that is not FTS5 syntax never gets here: the search retries it as plain words.
            raise StoreError(f"Query {name!r} failed: {exc}") from None
        return result

    @property
    def _failed(self) -> tuple[type[Exception], ...]:
        """The database's errors for a query it could not run."""
        if self.postgres:
            errors = self.pg.errors
            return (errors.ProgrammingError, errors.DataError, errors.InternalError, errors.NotSupportedError)
        return (sqlite3.OperationalError,)
