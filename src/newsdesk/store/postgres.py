"""PostgreSQL behind the store: a connection that speaks the store's SQLite SQL (decision 0028).

The store's queries are written once, in SQLite's dialect. :class:`Connection` gives them the part of
``sqlite3.Connection`` they use (``execute``, ``executemany``, ``executescript``, ``in_transaction``, rows read by
name or position) over psycopg 3, and :func:`translate` rewrites each statement for PostgreSQL once (then cached):

- ``?`` and ``:name`` become psycopg's placeholders; a ``%`` is doubled;
- ``INSERT OR REPLACE`` and ``INSERT OR IGNORE`` become ``ON CONFLICT`` upserts on the table's primary key, and a
  positional ``INSERT INTO t VALUES`` names its columns (read from the schema);
- a column named ``end`` is quoted; ``COLLATE NOCASE`` compares ``lower()``; ``LIKE`` is ``ILIKE`` (SQLite's LIKE
  ignores case); ``max(a, b)`` and ``min(a, b)`` are ``greatest`` and ``least``; ``json_each``, ``json_extract`` and
  ``json_array_length`` read the JSON text as ``jsonb``; ``WHERE 1`` is ``WHERE TRUE``; ``IN ()`` matches nothing;
  a subquery in FROM gets the alias PostgreSQL requires; ``+column`` (SQLite's "not through an index") is the column;
  ``JOIN json_each(...)`` with no ON is a ``CROSS JOIN``, and ``CROSS JOIN t x ON`` (SQLite's join order) a
  ``JOIN``; the story page's bare columns beside ``max(n) AS most`` (SQLite reads them from the row of the maximum)
  are ``array_agg``'s first by n; ``substr`` takes the 64-bit
  integers of the schema (a function of the PostgreSQL schema, see ``migrations``); ORDER BY puts NULLs first when
  ascending and last when descending, as SQLite does;
- in DDL, ``WITHOUT ROWID``, ``STRICT`` and ``AUTOINCREMENT`` go, ``INTEGER`` is ``BIGINT``, ``REAL``
  ``DOUBLE PRECISION``, ``BLOB`` ``BYTEA``, ``TEXT`` compares as bytes
  (``COLLATE "C"``, SQLite's order), and every table gets a ``rowid`` identity column, which SQLite has built in and
  the queries order by. A row never shows ``rowid`` unless the query names it.

Full-text search, the query time limit, the analysis lock and the change counter differ in kind, not in spelling:
they live in :mod:`newsdesk.store.pgsearch` and in this module's functions, and the store picks them by dialect.
psycopg is imported only when a ``postgresql://`` database is opened.
"""

from __future__ import annotations

import importlib
import os
import re
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from typing import Any

from newsdesk.errors import LockedError, QueryError, StoreError

__all__ = [
    "Connection",
    "Row",
    "advisory_lock",
    "connect",
    "data_version",
    "deadline",
    "is_marked",
    "is_url",
    "redact",
    "translate",
]

SCHEMES = ("postgresql://", "postgres://")
HIDDEN = frozenset({"rowid"})  # columns SQLite has without a name in the table: never in a row unless asked for
# Advisory lock keys (any two 64-bit numbers agreed on by every newsdesk): the analysis lock, and migrating.
ANALYSIS_KEY = 0x6E657773_0001
MIGRATE_KEY = 0x6E657773_0002
WRITE_KEY = 0x6E657773_0003
BUSY_MS = 5000  # how long a writer waits for another's transaction, as SQLite's busy_timeout
_POLL = 0.2


def is_url(path: str) -> bool:
    """Whether ``path`` names a PostgreSQL database (``postgresql://...``) rather than a SQLite file."""
    return path.startswith(SCHEMES)


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", url)


def _psycopg() -> Any:
    try:
        return importlib.import_module("psycopg")
    except ImportError:
        raise StoreError(
            "A postgresql:// database needs psycopg 3, which is not installed. "
            "Install it with: pip install 'newsdesk[postgresql]' (or pip install 'psycopg[binary]')."
        ) from None


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, and turned into a dict by ``dict(row)``, as
    ``sqlite3.Row``."""

    _names: tuple[str, ...]
    _index: dict[str, int]

    def __new__(cls, values: Iterable[Any], names: tuple[str, ...], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names, row._index = names, index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _plain(value: Any) -> Any:
    """A value as SQLite would give it: PostgreSQL sums integers as ``numeric``."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Cursor:
    """The rows of one statement, all read (as sqlite3 with a client-side cursor)."""

    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self._rows = rows
        self._at = 0
        self.rowcount = rowcount

    def fetchone(self) -> Row | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list[Row]:
        rows, self._at = self._rows[self._at :], len(self._rows)
        return rows

    def __iter__(self) -> Iterator[Row]:
        while (row := self.fetchone()) is not None:
            yield row


class Connection:
    """A psycopg 3 connection in autocommit mode that runs the store's SQLite SQL (see the module's doc)."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        psycopg = _psycopg()
        self.errors = psycopg
        name = f"newsdesk {os.getpid()}@{socket.gethostname()}"[:63]
        try:
            self.pg = psycopg.connect(url, autocommit=True, application_name=name)
        except psycopg.Error as exc:
            raise StoreError(f"Cannot open database {redact(url)!r}: {str(exc).strip()}") from None
        if read_only:
            self.pg.execute("SET default_transaction_read_only = on")
        self.pg.execute(f"SET lock_timeout = {BUSY_MS}")
        self.schema: dict[str, tuple[list[str], list[str]]] = {}
        self.load_schema()

    def load_schema(self) -> None:
        """Read each table's columns and primary key (upserts and positional inserts need them)."""
        columns: dict[str, list[str]] = {}
        rows = self.pg.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
        for table, column in rows:
            if column not in HIDDEN:
                columns.setdefault(table, []).append(column)
        keys: dict[str, list[str]] = {}
        rows = self.pg.execute(
            "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname, a.attnum"
        ).fetchall()
        for table, column in rows:
            keys.setdefault(table, []).append(column)
        self.schema = {t: (cols, keys.get(t, [])) for t, cols in columns.items()}
        self._translated: dict[str, tuple[str, bool]] = {}

    @property
    def in_transaction(self) -> bool:
        return bool(self.pg.info.transaction_status != self.errors.pq.TransactionStatus.IDLE)

    def _sql(self, sql: str) -> tuple[str, bool]:
        found = self._translated.get(sql)
        if found is None:
            found = self._translated[sql] = (translate(sql, self.schema), _names_rowid(sql))
        return found

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        if sql == "BEGIN IMMEDIATE":
            # SQLite's one writer at a time: a transaction-long advisory lock, waited for up to lock_timeout.
            with self._errors():
                self.pg.execute("BEGIN")
                try:
                    self.pg.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_KEY])
                except BaseException:
                    self.pg.execute("ROLLBACK")
                    raise
            return Cursor([], -1)
        text, keep_rowid = self._sql(sql)
        values = params if isinstance(params, dict) else list(params)
        with self._errors():
            cur = self.pg.cursor()
            cur.execute(text, values)
            return self._cursor(cur, keep_rowid)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any] | dict[str, Any]]) -> Cursor:
        text, _ = self._sql(sql)
        rows = [p if isinstance(p, dict) else list(p) for p in seq]
        with self._errors():
            cur = self.pg.cursor()
            if rows:
                cur.executemany(text, rows)
            return Cursor([], cur.rowcount)

    def executescript(self, script: str, *, native: bool = False) -> None:
        """Run several statements (BEGIN and COMMIT included), translated unless ``native`` (PostgreSQL's own)."""
        try:
            self.pg.execute(script if native else translate(script, self.schema, params=False))
        except self.errors.Error as exc:
            raise StoreError(str(exc).strip()) from None

    def close(self) -> None:
        self.pg.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        """As ``with sqlite3_connection``: commit an open transaction, or roll it back on an error."""
        if self.in_transaction:
            self.pg.execute("ROLLBACK" if kind is not None else "COMMIT")

    def _cursor(self, cur: Any, keep_rowid: bool) -> Cursor:
        if cur.description is None:
            return Cursor([], cur.rowcount)
        names = [d.name for d in cur.description]
        keep = [i for i, n in enumerate(names) if keep_rowid or n not in HIDDEN]
        kept = tuple(names[i] for i in keep)
        index: dict[str, int] = {}
        for i, n in enumerate(kept):
            index.setdefault(n, i)
        whole = len(keep) == len(names)
        rows = [Row((_plain(v) for v in (r if whole else [r[i] for i in keep])), kept, index) for r in cur.fetchall()]
        return Cursor(rows, cur.rowcount)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """psycopg's errors as the store's: a lost or refused connection is a StoreError; a value the database
        refuses (DataError, IntegrityError) and a cancelled statement stay as they are, for the store to handle."""
        psycopg = self.errors
        try:
            yield
        except (psycopg.DataError, psycopg.IntegrityError, psycopg.errors.QueryCanceled):
            raise
        except psycopg.errors.LockNotAvailable:
            raise LockedError(
                f"Database {redact(self.url)!r} is locked: another connection kept writing to it for more than "
                f"{BUSY_MS / 1000:g} s. Try again when it is done; pg_stat_activity shows which clients hold it."
            ) from None
        except psycopg.OperationalError as exc:
            raise StoreError(f"Database {redact(self.url)!r}: {str(exc).strip()}") from None


def connect(url: str) -> Connection:
    """Open the PostgreSQL database at ``url``, migrated to this newsdesk's schema."""
    from newsdesk.store import migrations

    conn = Connection(url)
    # Two processes opening a new database at once would both migrate it: the first one does, the other waits.
    conn.pg.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_KEY])
    try:
        migrations.apply(conn)  # type: ignore[arg-type]
    finally:
        conn.pg.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_KEY])
    conn.load_schema()
    return conn


def is_marked(url: str, mark: str) -> bool:
    """Whether the database at ``url`` carries ``mark`` (never migrates it; False when it cannot be read)."""
    try:
        conn = Connection(url, read_only=True)
    except StoreError:
        return False
    try:
        row = conn.pg.execute("SELECT value FROM counters WHERE name = %s", [f"mark:{mark}"]).fetchone()
    except conn.errors.Error:
        return False
    finally:
        conn.close()
    return bool(row and row[0])


def data_version(conn: Connection) -> int:
    """A number that changes whenever anything has been committed to the server since (its write-ahead log's
    position): writes of this connection and of other databases of the server change it too, so a cache keyed on
    it is only ever dropped too often, never kept stale."""
    row = conn.pg.execute("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn").fetchone()
    return int(row[0])


@contextmanager
def deadline(conn: Connection, seconds: float, message: str) -> Iterator[None]:
    """The block's statements stop ``seconds`` after each starts (PostgreSQL's ``statement_timeout``), raising
    ``QueryError(message)``."""
    if seconds <= 0:
        yield
        return
    conn.pg.execute(f"SET statement_timeout = {max(1, int(seconds * 1000))}")
    try:
        yield
    except conn.errors.errors.QueryCanceled:
        raise QueryError(message) from None
    finally:
        conn.pg.execute("SET statement_timeout = 0")


@contextmanager
def advisory_lock(url: str, *, wait: float, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the database's analysis lock (a PostgreSQL advisory lock, on a connection of its own) for the block,
    waiting up to ``wait`` seconds. The server drops it when its holder's connection ends: a killed run never
    leaves it behind.

    Raises:
        LockedError: another connection held it for all of ``wait`` seconds; the message names it.
    """
    conn = Connection(url)
    try:
        ends = time.monotonic() + wait
        told = False
        while not conn.pg.execute("SELECT pg_try_advisory_lock(%s)", [ANALYSIS_KEY]).fetchone()[0]:
            holder = _holder(conn)
            if time.monotonic() >= ends:
                raise LockedError(
                    f"Database {redact(url)!r} is being analysed by {holder}; waited {wait:g} s for it to finish. "
                    "What was ingested is stored: run `newsdesk analyze` once that process is done, "
                    "or raise [pipeline] lock_seconds to wait longer."
                )
            if not told and on_wait is not None:
                on_wait(f"waiting up to {wait:g} s for {holder} to finish analysing {redact(url)}")
            told = True
            time.sleep(_POLL)
        yield
    finally:
        conn.close()  # releases the lock with the session


def _holder(conn: Connection) -> str:
    row = conn.pg.execute(
        "SELECT a.application_name, a.client_addr::text, a.backend_start::text FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND (l.classid::bigint << 32 | l.objid::bigint) = %s LIMIT 1",
        [ANALYSIS_KEY],
    ).fetchone()
    if row is None:
        return "another process"
    name = row[0] or "a client"
    return f"{name} (connected since {row[2][:19]})"


# -- translation --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|::|\?|:[A-Za-z_]\w*|%|\w+|\s+|.""", re.S)
_AFTER_SUBQUERY = frozenset(
    "where group order limit offset union having join left inner cross on window except intersect".split()
)
_INSERT = re.compile(r"INSERT\s+(?:OR\s+(REPLACE|IGNORE)\s+)?INTO\s+(\w+)\s*(\(([^)]*)\))?\s*VALUES", re.I)
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\bBEGIN IMMEDIATE\b", "BEGIN"),
        (r"([\w.]+) = \? COLLATE NOCASE", r"lower(\1) = lower(?)"),
        (r"\((\w+) COLLATE NOCASE\)", r"(lower(\1))"),
        (r"\bJOIN json_each\(([\w.]+)\) (\w+)", r"CROSS JOIN jsonb_array_elements_text(\1::jsonb) AS \2(value)"),
        (r"\bjson_each\(([\w.]+)\) (\w+)", r"jsonb_array_elements_text(\1::jsonb) AS \2(value)"),
        (r"\bjson_each\(\?\) (\w+)", r"jsonb_array_elements_text(?::jsonb) AS \1(value)"),
        (r"\bjson_array_length\(([\w.]+)\)", r"jsonb_array_length(\1::jsonb)"),
        # SQLite's CROSS JOIN only fixes the join order; PostgreSQL's takes no ON.
        (r"\bCROSS JOIN (\w+) (\w+) ON\b", r"JOIN \1 \2 ON"),
        (r"\b(AND|OR|WHERE|ON)\s+\+(?=[A-Za-z])", r"\1 "),
        (r"\bWHERE 1\b(?!\s*[=<>!])", "WHERE TRUE"),
        (r"\bIN \(\)", "IN (SELECT NULL WHERE FALSE)"),
        (r"\bLIKE\b", "ILIKE"),
        (r"(?<![.\w\"])end\b(?!\")", '"end"'),
    )
)
# SQLite's "bare columns": beside max(n), a column neither grouped nor aggregated is read from the row where the
# maximum is. The story page's speaker lists name the speaker so (``name, entity_id, kind, max(n) AS most``);
# PostgreSQL takes the first of the values ordered by n.
_BARE = re.compile(r"\b((?:name|entity_id|kind)(?:, (?:name|entity_id|kind))*), max\((\w+)\) AS most\b")


def _bare(match: re.Match[str]) -> str:
    by = match.group(2)
    picked = [f"(array_agg({c} ORDER BY {by} DESC))[1] AS {c}" for c in match.group(1).split(", ")]
    return ", ".join(picked) + f", max({by}) AS most"


_JSON_ITEM = re.compile(r"\bjson_extract\(([\w.]+), '\$\[(\d+)\]'\)")
_DDL = re.compile(r"^\s*(CREATE TABLE|ALTER TABLE)", re.I)
_DDL_TYPES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\s*\bAUTOINCREMENT\b", ""),
        (r"\)\s*WITHOUT ROWID\b", ")"),  # SQLite's table options: a PostgreSQL table has neither
        (r"\)\s*STRICT\b", ")"),
        (r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
        (r"\bINTEGER\b", "BIGINT"),
        (r"\bREAL\b", "DOUBLE PRECISION"),
        (r"\bBLOB\b", "BYTEA"),
        (r"\bTEXT\b", 'TEXT COLLATE "C"'),
        (
            r"(CREATE TABLE (?:IF NOT EXISTS )?\w+\s*\()",
            r"\1 rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE, ",
        ),
    )
)
_ROWID_NAMED = re.compile(r"(?:SELECT|,)\s*(?:\w+\.)?rowid\s*(?:,|FROM\b)", re.I)


def _names_rowid(sql: str) -> bool:
    """Whether a query selects ``rowid`` by name (else a ``SELECT *`` row leaves it out, as SQLite's does)."""
    return bool(_ROWID_NAMED.search(sql))


def _statements(script: str) -> list[str]:
    """``script`` cut into statements at semicolons outside quotes and ``BEGIN ... END`` bodies."""
    out, current = [], []
    for token in _TOKEN.findall(script):
        current.append(token)
        if token == ";":
            out.append("".join(current))
            current = []
    if "".join(current).strip():
        out.append("".join(current))
    return out


@lru_cache(maxsize=4096)
def _translate_one(sql: str, schema_key: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...], params: bool) -> str:
    schema = {t: (list(c), list(k)) for t, c, k in schema_key}
    if _DDL.match(sql):
        for pattern, repl in _DDL_TYPES:
            sql = pattern.sub(repl, sql)
    sql = _upsert(sql, schema)
    sql = _JSON_ITEM.sub(r"(\1::jsonb ->> \2)", sql)
    sql = _BARE.sub(_bare, sql)
    for pattern, repl in _REWRITES:
        sql = _outside_literals(sql, pattern, repl)
    return _tokens(sql, params)


def translate(sql: str, schema: dict[str, tuple[list[str], list[str]]] | None = None, *, params: bool = True) -> str:
    """``sql`` (one statement or a script, in SQLite's dialect) as PostgreSQL runs it; see the module's doc.

    ``schema`` maps each table to its columns and primary key (for upserts and positional inserts). With
    ``params``, the statement is run with parameters: placeholders are rewritten and ``%`` doubled.
    """
    key = tuple(sorted((t, tuple(c), tuple(k)) for t, (c, k) in (schema or {}).items()))
    return "".join(_translate_one(s, key, params) for s in _statements(sql))


def _outside_literals(sql: str, pattern: re.Pattern[str], repl: str) -> str:
    """``pattern.sub(repl, ...)`` on the parts of ``sql`` outside string literals."""
    parts = re.split(r"('(?:[^']|'')*')", sql)
    return "".join(p if i % 2 else pattern.sub(repl, p) for i, p in enumerate(parts))


def _upsert(sql: str, schema: dict[str, tuple[list[str], list[str]]]) -> str:
    match = _INSERT.search(sql)
    if match is None:
        return sql
    verb, table = (match.group(1) or "").upper(), match.group(2)
    columns = [c.strip() for c in match.group(4).split(",")] if match.group(3) else None
    if columns is None:
        if table not in schema:
            return sql
        columns = schema[table][0]
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
    body = sql[: match.start()] + head + sql[match.end() :]
    if "DO UPDATE SET" in body:  # SQLite's ``SET n = n + excluded.n``: PostgreSQL wants the table's n named
        before, _, sets = body.partition("DO UPDATE SET")
        known = set(schema.get(table, ([], []))[0])
        sets = re.sub(
            r"(?<![.\w])(\w+)\b(?!\s*=)(?!\s*\()",
            lambda m: f"{table}.{m.group(1)}" if m.group(1) in known else m.group(1),
            sets,
        )
        body = before + "DO UPDATE SET" + sets
    body = body.rstrip().rstrip(";")
    if verb == "IGNORE":
        return body + " ON CONFLICT DO NOTHING"
    if verb == "REPLACE":
        keys = schema.get(table, ([], []))[1]
        if not keys:
            raise StoreError(f"INSERT OR REPLACE into {table!r}, which has no primary key in PostgreSQL")
        rest = [c for c in columns if c.strip('"') not in keys]
        if not rest:
            return body + f" ON CONFLICT ({', '.join(keys)}) DO NOTHING"
        updates = ", ".join(f"{c} = excluded.{c}" for c in rest)
        return body + f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    return body


def _tokens(sql: str, params: bool) -> str:
    """Placeholders, two-argument max/min, and aliases for subqueries in FROM, token by token."""
    tokens = _TOKEN.findall(sql)
    out: list[str] = []
    # For each open parenthesis: its index in ``out``, what opened it ("from": a subquery in FROM or JOIN,
    # "maxmin": max( or min(), and how many commas it holds at its own depth.
    stack: list[tuple[int, str, list[int]]] = []
    aliases = 0
    previous = ""  # the last token that is not whitespace
    for i, token in enumerate(tokens):
        if token == "?" and params:
            token = "%s"
        elif token.startswith(":") and token != "::" and len(token) > 1 and params:
            token = f"%({token[1:]})s"
        elif (token == "%" or token.startswith("'")) and params:
            token = token.replace("%", "%%")
        elif token == "(":
            kind = ""
            if previous.lower() in ("from", "join"):
                kind = "from"
            elif previous.lower() in ("max", "min"):
                kind = "maxmin"
            stack.append((len(out), kind, [0]))
        elif token == "," and stack:
            stack[-1][2][0] += 1
        elif token == ")" and stack:
            at, kind, commas = stack.pop()
            if kind == "maxmin" and commas[0] >= 1:
                name_at = max(j for j in range(at) if out[j].strip())
                out[name_at] = "greatest" if out[name_at].lower() == "max" else "least"
            if kind == "from":
                following = next((t for t in tokens[i + 1 :] if t.strip()), "")
                if not following or following.lower() in _AFTER_SUBQUERY or following in (")", ";"):
                    aliases += 1
                    token = f") AS _q{aliases}"
        out.append(token)
        if token.strip():
            previous = token
    return _nulls_first("".join(out))


_ORDER_ENDS = frozenset({"limit", "offset", "union", "except", "intersect", "window", ")", ";"})


def _nulls_first(sql: str) -> str:
    """Each ORDER BY item with SQLite's NULL order: first when ascending, last when descending (PostgreSQL's is
    the other way round)."""
    tokens = _TOKEN.findall(sql)
    out: list[str] = []
    depth = 0
    ordering: list[int] = []  # depths at which an ORDER BY list is open
    item_words: list[str] = []
    i = 0

    def close_item() -> None:
        if not item_words:
            return
        # Never NULL (and then its index still gives the order): rowid, or rowid DESC.
        if "nulls" not in item_words and item_words[-1].split(".")[-1] != "rowid" and item_words[:-1] != ["rowid"]:
            at = max(j for j, t in enumerate(out) if t.strip()) + 1  # before the whitespace that follows the item
            out.insert(at, " NULLS LAST" if item_words[-1] == "desc" else " NULLS FIRST")
        item_words.clear()

    while i < len(tokens):
        token = tokens[i]
        low = token.lower()
        if ordering and depth == ordering[-1] and (low in _ORDER_ENDS or token == ","):
            close_item()
            if token != ",":
                ordering.pop()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif low == "by" and out and _last_word(out) == "order":
            out.append(token)
            ordering.append(depth)
            i += 1
            continue
        elif ordering and depth == ordering[-1] and token.strip() and token != ",":
            item_words.append(low)
        out.append(token)
        i += 1
    if ordering:
        close_item()
    return "".join(out)


def _last_word(out: list[str]) -> str:
    return next((t.lower() for t in reversed(out) if t.strip()), "")
