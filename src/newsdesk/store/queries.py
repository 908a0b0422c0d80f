"""Named read queries that the CLI and web share. Each takes a connection and returns plain dicts."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from newsdesk.errors import QueryError
from newsdesk.store import coverage as kept_coverage
from newsdesk.store import pgsearch, postgres
from newsdesk.store.joint import with_joint_speakers

__all__ = [
    "article_summaries",
    "article_texts",
    "co_mentioned",
    "coverage",
    "entities",
    "entities_named",
    "entity_counts",
    "entity_mention_keys",
    "entity_mentions",
    "entity_mentions_at",
    "entity_mentions_range",
    "entity_quotes",
    "entity_quotes_count",
    "entity_record",
    "entity_told",
    "failures",
    "mentions",
    "mentions_in",
    "outlets",
    "quotes",
    "quotes_in",
    "runs",
    "search",
    "stages_done",
    "stances_last",
    "stories",
    "story_of",
    "story_summaries",
    "timeline_articles",
    "timeline_dates",
]

_SUMMARY_COLUMNS = (
    "id, source, url, outlet, title, byline, published, dateline, language, words, ai_generated, duplicate_of, cites, "
    "event_id, origin, meta"
)
_TITLE_WEIGHT = 4.0  # a match in the headline says more about what the article is about than one in the body

# A query is cut into "phrases" (a doubled quote inside one stands for a quote) and bare runs between them. A lone
# quote that closes nothing is a piece of its own, so it cannot swallow the rest of the query.
_PIECE = re.compile(r'"(?:[^"]|"")*"\*?|[^\s"]+|"')
# FTS5 reads a hyphen as "not in this column" (``co-operation`` asks for the column ``operation``). Between two
# letters or digits nobody means that; written after a space (``dam -title:orsa``) it is left to FTS5.
_HYPHENATED = re.compile(r"\w-\w")
# A search's cost grows with its terms faster than linearly (ranking and snippets weigh every term at every
# match): 1,700 repeated words took 17 s and 200 prefixes over 150 s on 10,000 articles. Nobody types more than
# this; a query that does is refused before SQLite sees it.
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
_WORD = re.compile(r"\w+")
# Matches ranked by bm25 at most, the latest stored first: ranking costs 3-4 microseconds a match, so a word in
# every article of a million would take seconds; this many take about 40 ms (bench/archive.py, decision 0034).
RANK_WINDOW = 10_000
# Articles a window's walk reads at most (before it widens): the matches of a filtered search, or the articles that
# hold every word of a phrase. Walking one costs 0.1-0.2 microseconds (the article's outlet or date read, a phrase's
# positions compared), so this many cost a few milliseconds, whatever the size of the archive (decision 0034).
SCAN_LIMIT = 10_000
_WIDEN = 4  # a walk that found less than a page is tried again this many times wider
_FIRST_ROWID = -(2**63)
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
# What SQLite says about a MATCH string it cannot read as FTS5, as opposed to a locked or damaged database.
_NOT_FTS5 = ("fts5: syntax error", "no such column", "unterminated string", "unknown special query")


def _summary(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["ai_generated"] = bool(data["ai_generated"])
    data["cites"] = json.loads(data["cites"])
    data["meta"] = json.loads(data["meta"])
    return data


def article_summaries(
    conn: sqlite3.Connection,
    *,
    outlet: str | None = None,
    ids: list[str] | None = None,
    origin: str | None = None,
    duplicate_of: str | None = None,
    event_id: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Every article's metadata (no text), in ingest order; only those matching each filter given."""
    sql = f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE 1"
    params: list[Any] = []
    filters = (("outlet", outlet), ("origin", origin), ("duplicate_of", duplicate_of), ("event_id", event_id))
    for column, value in filters:
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    if ids is not None:
        sql += f" AND id IN ({','.join('?' * len(ids))})"
        params.extend(ids)
    sql += " ORDER BY rowid"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [_summary(r) for r in conn.execute(sql, params)]


def failures(conn: sqlite3.Connection, *, run_id: int | None = None) -> list[dict[str, Any]]:
    """Recorded failures, oldest first: all of them, or one run's."""
    sql = "SELECT item, stage, article_id, error, message FROM failures"
    params: list[Any] = []
    if run_id is not None:
        sql += " WHERE run_id = ?"
        params.append(run_id)
    return [dict(r) for r in conn.execute(sql + " ORDER BY id", params)]


def runs(conn: sqlite3.Connection, *, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs with their per-stage counts."""
    out = []
    for run in conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)):
        stages = [dict(s) for s in conn.execute("SELECT * FROM run_stages WHERE run_id = ?", (run["id"],))]
        out.append({**dict(run), "stages": stages})
    return out


def search(
    conn: sqlite3.Connection,
    *,
    q: str,
    limit: int = 20,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    marks: tuple[str, str] = ("[", "]"),
    offset: int = 0,
    exact: bool = False,
) -> list[dict[str, Any]]:
    """Full-text search over titles and text, best first (bm25, a title hit weighing more), with a snippet;
    ``limit`` results from the ``offset``-th on.

    ``q`` is FTS5 query syntax. A query that is not (``it's``, ``U.S.``, ``50%``, an unclosed quote, a colon
    that names no column), or that FTS5 would misread (``co-operation``), is searched as plain words instead:
    see :func:`_plain_words`. ``since`` and ``until`` are ISO dates, both inclusive; an article with no stated
    date passes neither. ``marks`` open and close each match in the snippet.

    Unquoted words that are an entity's name or alias also find its other aliases (``Yunus``, ``Mohamed
    Yunus`` and ``Muhammad Yunus`` find the same articles): see :func:`_with_aliases`. A "quoted phrase" is
    searched as written, and so is the whole query with ``exact``.

    Raises:
        QueryError: the query holds no word to search for, is longer than ``MAX_QUERY_CHARS`` characters, or
            has more than ``MAX_QUERY_TERMS`` words.
    """
    _check_size(q)
    columns = ", ".join("a." + c.strip() for c in _SUMMARY_COLUMNS.split(","))
    where = ""
    filters: list[Any] = []
    if outlet:
        where += " AND a.outlet = ?"
        filters.append(outlet)
    if since:
        where += " AND a.published >= ?"
        filters.append(since[:10])
    if until:
        # Published values are full timestamps: anything on the ``until`` day sorts below the next character.
        where += " AND a.published < ?"
        filters.append(until[:10] + "~")
    # Ranked first, then a snippet cut only for the rows kept: a snippet for every match cost more than the
    # ranking. Both steps run in SQLite's own loop, which a time limit (``Store.deadline``) can stop; FTS5's
    # ``ORDER BY rank`` is faster still but sorts inside one step that nothing interrupts. The articles table is
    # joined for the ranking only when a filter reads it: reading each match's row cost twice the ranking. CROSS
    # JOIN keeps the page's rows the outer loop: left to itself, SQLite walked every match again to join them.
    # With a filter, the index's list of matches stays the outer loop too (CROSS JOIN, or the filter as an IN): a
    # plan that walked a period's articles and looked each one up in the index (as SQLite chose for a plain count
    # of that shape) starts FTS5's query over for each, and bm25 would count the word's articles anew every time.
    restrict = _Restriction(outlet, since[:10] if since else None, until[:10] + "~" if until else None)
    # Only the latest ``RANK_WINDOW`` matches (in the order stored) are ranked: FTS5 lists a word's articles by
    # rowid, so the window's first rowid is found by walking that list, without ranking; a filtered search or a
    # phrase walks at most ``SCAN_LIMIT`` articles of it unless that finds less than a page (decision 0034).
    window = max(RANK_WINDOW, max(0, offset) + limit)
    sql = f"""WITH top AS (
                SELECT articles_fts.rowid AS rid, bm25(articles_fts, {_TITLE_WEIGHT}, 1.0) AS score
                FROM {{matches}}
                WHERE articles_fts MATCH ?{{where}} AND articles_fts.rowid >= ?{{among}}
                ORDER BY score LIMIT ? OFFSET ?)
              SELECT {columns}, snippet(articles_fts, 1, ?, ?, ' … ', 16) AS snippet, top.score AS score
              FROM top CROSS JOIN articles_fts ON articles_fts.rowid = top.rid
              CROSS JOIN articles a ON a.rowid = top.rid
              WHERE articles_fts MATCH ? ORDER BY top.score"""
    # A prefix is expanded anew by each lookup of one row (FTS5 merges every word it starts): one walk over the
    # matches between the page's first and last rowids, joined to the page, costs less.
    walked = sql.replace(
        "FROM top CROSS JOIN articles_fts ON articles_fts.rowid = top.rid",
        "FROM articles_fts CROSS JOIN top ON top.rid = articles_fts.rowid",
    ).replace(
        "WHERE articles_fts MATCH ? ORDER BY top.score",
        "WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN (SELECT min(rid) FROM top) "
        "AND (SELECT max(rid) FROM top) ORDER BY top.score",
    )

    def run(match: str, plain: bool = False) -> list[dict[str, Any]]:
        if isinstance(conn, postgres.Connection):  # the same query language, on PostgreSQL's tsvector index
            page = {"limit": limit, "offset": offset, "marks": marks, "plain": plain}
            found = pgsearch.run(conn, match, columns=columns, where=where, filters=filters, **page)
            return [{**_summary(r), "score": round(float(r["score"]), 3)} for r in found]
        restrict.plan(conn)
        since_rowid, many = _window(conn, match, restrict, window, max(0, offset) + limit)
        ranked, among = match, []
        if many and (words := _phrase_alone(match)):
            # A phrase whose words are all common: bm25 of the phrase would first count its matches in the whole
            # archive (its IDF), comparing positions in every article that holds its words. Its matches are ranked
            # by bm25 of its rarest word instead, which costs what a search for that word costs.
            ranked, among = _rarest(conn, words), [match, since_rowid]
        page = (walked if "*" in match else sql).format(
            matches=restrict.source, where=restrict.where, among=_AMONG if among else ""
        )
        bound = restrict.params(since_rowid)
        rows = conn.execute(page, [ranked, *bound, since_rowid, *among, limit, max(0, offset), *marks, match])
        return [{**_summary(r), "score": round(-r["score"], 3)} for r in rows]

    # SQLite reads a string only up to a NUL, and clean text holds no control characters: it separates words.
    q = q.replace("\x00", " ")
    plain = _plain_words(q)  # first, so a query with no word fails the same way whether or not it is FTS5
    if not exact and (expanded := _with_aliases(conn, q)) is not None:
        try:
            return run(expanded)
        except (sqlite3.OperationalError, pgsearch.Unreadable) as exc:  # the rest is no FTS5: plain words
            if not isinstance(exc, pgsearch.Unreadable) and not str(exc).startswith(_NOT_FTS5):
                raise
    if not _misread(q):
        try:
            return run(q)
        except (sqlite3.OperationalError, pgsearch.Unreadable) as exc:
            if not isinstance(exc, pgsearch.Unreadable) and not str(exc).startswith(_NOT_FTS5):
                raise
    return run(plain, plain=True)


# The window's matches, when the ranking searches another query than the one asked (a phrase's rarest word).
_AMONG = " AND +articles_fts.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ?)"
_TOKEN = re.compile(r"[^\W_]+")  # a word as FTS5's unicode61 tokenizer cuts it (the underscore separates)
_LATEST = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"


class _Restriction:
    """A search's filter (outlet, dates) as SQLite checks it on each match, the cheapest way for its size.

    An outlet is checked against the outlet's articles stored from the window's first rowid on, read from the
    outlet's index into a temporary one (a lookup costs about 0.1 microseconds); reading each match's article
    instead costs about 1.3 (its row is read from disk or the OS's cache). Dates are checked the same way when
    fewer than ``_DATES_BY_ROW`` of the latest articles pass them: the dates' index gives every article of the
    period, whatever its rowid, so a period of most of the archive costs more that way than reading the rows of
    the few matches it takes to fill the window.
    """

    def __init__(self, outlet: str | None, since: str | None, until: str | None) -> None:
        self.outlet, self.since, self.until = outlet, since, until
        self.dates_by_row = False

    def plan(self, conn: sqlite3.Connection) -> None:
        """Choose how dates are checked, from the share of the latest ``_SAMPLE`` articles that pass them."""
        if self.since is None and self.until is None:
            return
        sample = conn.execute(
            f"SELECT avg(coalesce({self._dates('published')}, 0)) FROM (SELECT published FROM articles "
            "ORDER BY rowid DESC LIMIT ?)",
            [*self._date_values(), _SAMPLE],
        ).fetchone()[0]
        self.dates_by_row = sample is not None and sample >= _DATES_BY_ROW

    def _dates(self, column: str) -> str:
        parts = ([f"{column} >= ?"] if self.since else []) + ([f"{column} < ?"] if self.until else [])
        return " AND ".join(parts) or "1"

    def _date_values(self) -> list[str]:
        return [v for v in (self.since, self.until) if v]

    @property
    def source(self) -> str:
        """The FROM clause: the index alone, or joined to the articles when dates are read from their rows."""
        if self.dates_by_row:
            return "articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid"
        return "articles_fts"

    @property
    def where(self) -> str:
        sql = ""
        if self.outlet:
            sql += " AND +articles_fts.rowid IN (SELECT rowid FROM articles WHERE outlet = ? AND rowid >= ?)"
        if self.since or self.until:
            if self.dates_by_row:
                sql += " AND " + self._dates("a.published")
            else:
                sql += f" AND +articles_fts.rowid IN (SELECT rowid FROM articles WHERE {self._dates('published')})"
        return sql

    def params(self, floor: int) -> list[Any]:
        """The values of :attr:`where`'s placeholders, for a window from rowid ``floor`` on."""
        return ([self.outlet, floor] if self.outlet else []) + self._date_values()

    def __bool__(self) -> bool:
        return bool(self.outlet or self.since or self.until)


_SAMPLE = 1000
_DATES_BY_ROW = 0.4


def _window(conn: sqlite3.Connection, match: str, restrict: _Restriction, window: int, need: int) -> tuple[int, bool]:
    """The first rowid of the window of matches that a search ranks, and whether the walk that found it stopped
    before the oldest article holding the query's words (more than ``SCAN_LIMIT`` of them).

    The window holds the latest ``window`` matches that pass the filter. A search with no filter and no phrase
    finds its first rowid by walking the word's list of articles back ``window`` places. Otherwise the walk reads
    at most ``SCAN_LIMIT`` articles of the query's list (of its phrases' words, for a phrase): when fewer than
    ``window`` matches pass among them, the window is what passes there, as long as that fills the page asked
    for (``need``); else the walk is tried ``_WIDEN`` times wider, up to the whole list.
    """
    candidates = _candidates(match)
    if not restrict and candidates is None:
        edge = conn.execute(_LATEST, [match, window - 1]).fetchone()
        return (edge[0] if edge is not None else _FIRST_ROWID), False
    walk = candidates or match
    passing = f"""SELECT count(*), min(rid) FROM (SELECT articles_fts.rowid AS rid FROM {restrict.source}
                  WHERE articles_fts MATCH ?{restrict.where} AND articles_fts.rowid >= ?
                  ORDER BY articles_fts.rowid DESC LIMIT ?)"""
    scan, many = SCAN_LIMIT, False
    while True:
        try:
            edge = conn.execute(_LATEST, [walk, scan - 1]).fetchone()
        except sqlite3.OperationalError:
            if walk == match:
                raise
            walk = match  # words apart where FTS5 takes only phrases (inside NEAR): walk the matches instead
            continue
        floor = edge[0] if edge is not None else _FIRST_ROWID
        many = many or edge is not None
        found, first = conn.execute(passing, [match, *restrict.params(floor), floor, window]).fetchone()
        if found >= window:
            return first, many
        if edge is None:
            return _FIRST_ROWID, many
        if found >= need:
            return floor, many
        scan *= _WIDEN


def _candidates(match: str) -> str | None:
    """``match`` with each phrase of two or more words replaced by its words searched apart (``"a b"`` by
    ``("a" "b")``): the articles that may hold the phrase. None when it holds no such phrase."""
    out, changed = [], False
    for piece in _PIECE.findall(match):
        words = _TOKEN.findall(piece) if piece.startswith('"') else []
        if len(words) > 1:
            star = "*" if piece.endswith("*") else ""
            out.append("(" + " ".join(f'"{w}"' for w in words) + star + ")")
            changed = True
        else:
            out.append(piece)
    return " ".join(out) if changed else None


def _phrase_alone(match: str) -> list[str] | None:
    """The words of ``match`` when it is one phrase of two or more words and nothing else (no prefix)."""
    pieces = _PIECE.findall(match)
    if len(pieces) != 1 or not pieces[0].startswith('"') or not pieces[0].endswith('"') or len(pieces[0]) < 2:
        return None
    words = _TOKEN.findall(pieces[0])
    return words if len(words) > 1 else None


def _rarest(conn: sqlite3.Connection, words: list[str]) -> str:
    """Of ``words``, the one whose ``SCAN_LIMIT`` latest articles reach furthest back (the rarest lately), quoted
    as an FTS5 phrase."""

    def reach(word: str) -> int:
        edge = conn.execute(_LATEST, [f'"{word}"', SCAN_LIMIT - 1]).fetchone()
        return edge[0] if edge is not None else _FIRST_ROWID

    return f'"{min(words, key=reach)}"'


# A name is looked up from this many words down; an entity's aliases searched for one name at most this many.
_NAME_WORDS = 6
_MAX_ALIASES = 8
_BARE = re.compile(r"[\w.'’&-]+")


def _aliases_of(conn: sqlite3.Connection, name: str, one_word: bool, surname: bool = True) -> list[str]:
    """The other names of the entities some mention writes as ``name`` (case aside), or none.

    Looked up through the mentions' text index. For a name of several words, an entity's one-word aliases are
    left out unless they are acronyms: "Asaduzzaman Khan Kamal" does not search every "Khan". With ``surname``, a
    capitalised word no mention writes is looked up as the end of a person's name (a scan of the entities: 16-54
    ms of CPU over the 127,747 entities of a 50,000-article store).
    """
    ids = [r[0] for r in conn.execute(_ENTITY_OF, (name,))]
    lookup, surname = surname, False
    if not ids and lookup and one_word and len(name) >= 4 and name[:1].isupper():
        # A surname no mention writes alone ("Zelensky", written only as "Volodymyr Zelensky" beside "Zelenskyy"
        # and "Zelenskyi"): the one person whose full name ends on it.
        pattern = "% " + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '"%'
        ids = [r[0] for r in conn.execute(_PERSON_ENDING_ON, (pattern,))]
        surname = len(ids) == 1
        if not surname:
            return []
    if not ids:
        return []
    found: dict[str, None] = {}
    for r in conn.execute(f"SELECT name, aliases FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids):
        names = (r["name"], *json.loads(r["aliases"]))
        if not surname and name.casefold() not in {n.strip().casefold() for n in names}:
            continue  # a word linked to the entity that is none of its names: "Velorian" of Veloria
        for alias in names:
            if one_word or " " in alias.strip() or (alias.isupper() and len(alias) >= 3):
                found.setdefault(alias.strip())
    found.pop(name, None)
    return [name, *sorted(a for a in found if a.casefold() != name.casefold())][:_MAX_ALIASES]


_ENTITY_OF = "SELECT DISTINCT entity_id FROM mentions WHERE text = ? COLLATE NOCASE AND entity_id IS NOT NULL LIMIT 4"
_SURNAME_SCANS = 2
# The people one of whose names ends on a word (``aliases`` is a JSON list: the word before a closing quote).
_PERSON_ENDING_ON = "SELECT id FROM entities WHERE type = 'PERSON' AND aliases LIKE ? ESCAPE '\\' LIMIT 2"


def _with_aliases(conn: sqlite3.Connection, q: str) -> str | None:
    """``q`` with each run of unquoted words that names an entity replaced by ``("that name" OR "an alias" ...)``,
    longest run first; None when no run names one. Operators, quoted phrases, prefixes and columns are kept."""
    pieces = _PIECE.findall(q)
    out: list[str] = []
    groups: set[int] = set()  # places in ``out`` of the bracketed groups of aliases
    scans = _SURNAME_SCANS  # words looked up as a surname (each a scan of the entities), at most
    expanded = False
    i = 0
    while i < len(pieces):
        for j in range(min(len(pieces), i + _NAME_WORDS), i, -1):
            run = pieces[i:j]
            if not all(_BARE.fullmatch(p) and p not in _OPERATORS and any(c.isalnum() for c in p) for p in run):
                continue
            one_word = j - i == 1
            surname = one_word and scans > 0 and len(run[0]) >= 4 and run[0][:1].isupper()
            aliases = _aliases_of(conn, " ".join(run), one_word=one_word, surname=surname)
            scans -= surname
            if len(aliases) > 1:
                groups.add(len(out))
                out.append("(" + " OR ".join('"' + a.replace('"', '""') + '"' for a in aliases) + ")")
                expanded, i = True, j
                break
        else:
            # A word is quoted as plain words quote it ("it's"); operators, phrases and columns are kept.
            bare = _BARE.fullmatch(pieces[i]) and pieces[i] not in _OPERATORS
            out.append(f'"{pieces[i]}"' if bare else pieces[i])
            i += 1
    # FTS5 reads no implicit AND beside a bracketed group ('("Zelensky" OR "Zelenskyy") "territory"' is a syntax
    # error, which made the search fall back to plain words without the aliases): it is written out.
    joined: list[str] = []
    for k, piece in enumerate(out):
        beside_group = k in groups or k - 1 in groups
        if joined and beside_group and piece not in _OPERATORS and joined[-1] not in _OPERATORS:
            joined.append("AND")
        joined.append(piece)
    return " ".join(joined) if expanded else None


def _check_size(q: str) -> None:
    """Refuse a query too long or with too many words to search in reasonable time.

    Raises:
        QueryError: more than ``MAX_QUERY_CHARS`` characters or ``MAX_QUERY_TERMS`` words.
    """
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(
            f"Cannot search for {q[:40]!r}…: the query has {len(q):,} characters, more than the "
            f"{MAX_QUERY_CHARS} a search may hold. Search for fewer words."
        )
    terms = [w for w in _WORD.findall(q) if w not in _OPERATORS]
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryError(
            f"Cannot search for {q[:40]!r}…: the query has {len(terms)} words, more than the {MAX_QUERY_TERMS} "
            "a search may hold. Search for fewer words: a few rare ones find more than many common ones."
        )


def _plain_words(q: str) -> str:
    """``q`` as an FTS5 query that matches its words: each "phrase" kept, each other word quoted, all required.

    ``it's`` becomes ``"it's"`` (the words "it" and "s" in a row), ``co-operation`` becomes ``"co-operation"``, a
    trailing ``*`` stays a prefix (``"dock"*``), and AND, OR, NOT and NEAR are words like any other.

    Raises:
        QueryError: no word is left: the query is empty or only punctuation, which the index holds nothing of.
    """
    words = []
    for piece in _PIECE.findall(q):
        if not any(c.isalnum() for c in piece):
            continue
        if piece.startswith('"'):
            words.append(piece)
        elif piece.endswith("*"):
            # A bare run holds no double quote (the pattern stops at one), so it needs no escaping inside quotes.
            words.append(f'"{piece.rstrip("*")}"*')
        else:
            words.append(f'"{piece}"')
    if not words:
        raise QueryError(
            f'Cannot search for {q!r}: it holds no word to search for. Use words, "quoted phrases", AND, OR, '
            "NOT and prefix* (SQLite FTS5 syntax)."
        )
    return " ".join(words)


def _misread(q: str) -> bool:
    """Whether FTS5 would read ``q`` as something its writer did not mean, though it is valid syntax."""
    return any(_HYPHENATED.search(p) for p in _PIECE.findall(q) if not p.startswith('"'))


def outlets(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every outlet with its article count, most articles first."""
    sql = "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL GROUP BY outlet"
    return [dict(r) for r in conn.execute(sql + " ORDER BY articles DESC, outlet")]


def coverage(
    conn: sqlite3.Connection, *, story_id: str | None = None, story_ids: list[str] | None = None
) -> list[dict[str, Any]]:
    """Articles (copies included: a reprint is coverage too) per story, publication day and outlet.

    ``day`` is None for articles that state no date, and ``outlet`` None where none is stated. Read from the
    counts kept per event (:mod:`newsdesk.store.coverage`), not from the articles.
    """
    if story_id is not None:
        story_ids = [story_id]
    return kept_coverage.rows(conn, story_ids)


def stories(conn: sqlite3.Connection, *, story_id: str | None = None) -> list[dict[str, Any]]:
    """Stories with their events and article ids (the ``stories --json`` contract), newest activity first."""
    members: dict[str, list[str]] = {}
    member_sql = "SELECT a.event_id, a.id FROM articles a"
    if story_id is not None:  # one story's members only, through the event index
        member_sql += " JOIN events e ON e.id = a.event_id AND e.story_id = ?"
    member_sql += " WHERE a.event_id IS NOT NULL ORDER BY coalesce(a.published, '~'), a.rowid"
    for event_id, article_id in conn.execute(member_sql, [story_id] if story_id is not None else []):
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


def stages_done(conn: sqlite3.Connection, *, article_id: str) -> list[dict[str, Any]]:
    """The analysis stages that have processed one article (``stage``, ``done_at``), in the order they ran."""
    sql = "SELECT stage, done_at FROM stage_done WHERE article_id = ? ORDER BY done_at, rowid"
    return [dict(r) for r in conn.execute(sql, (article_id,))]


def story_of(conn: sqlite3.Connection, *, event_id: str) -> list[dict[str, Any]]:
    """The story an event belongs to (id and title), as a list of at most one row."""
    sql = "SELECT s.id AS id, s.title AS title FROM events e JOIN stories s ON s.id = e.story_id WHERE e.id = ?"
    return [dict(r) for r in conn.execute(sql, (event_id,))]


def _quote(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["via"] = json.loads(data["via"])
    data["direct"] = bool(data["direct"])
    # The canonical name when the speaker is linked to an entity, else the source as the article describes it.
    data["speaker"] = data.pop("entity_name") or data["speaker"]
    return data


_QUOTE_COLUMNS = """q.id, q.article_id, q.text, q.start, q.end, q.speaker, q.speaker_kind, q.speaker_entity_id,
    q.speaker_start, q.speaker_end, q.cue, q.via, q.direct, q.kind, q.confidence, e.name AS entity_name"""


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
    return with_joint_speakers(conn, [_quote(r) for r in conn.execute(sql, params)])


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


def story_summaries(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Each story's id, title, article and event counts and first and last dates, most recently active first
    (the order of :func:`stories`), counted in SQL so that listing stories never loads their members."""
    # The article counts are the ones kept per event, day and outlet (newsdesk.store.coverage): the stories page
    # reads rows per event, never the articles.
    sql = f"""SELECT s.id, s.title, sum({kept_coverage.STORY_ARTICLES}) AS articles, count(e.id) AS events,
                    min(e.first_seen) AS first_seen, max(e.last_seen) AS last_seen
             FROM stories s JOIN events e ON e.story_id = s.id
             GROUP BY s.id ORDER BY max(coalesce(e.last_seen, '')) DESC, s.rowid"""
    return [dict(r) for r in conn.execute(sql)]


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def quotes_in(conn: sqlite3.Connection, *, article_ids: list[str]) -> list[dict[str, Any]]:
    """The quotes of many articles at once (as :func:`quotes`), in the order of ``article_ids`` then text order."""
    order = {a: i for i, a in enumerate(article_ids)}
    found: list[dict[str, Any]] = []
    for chunk in _chunks(article_ids):
        sql = f"""SELECT {_QUOTE_COLUMNS} FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity_id
                  WHERE q.article_id IN ({",".join("?" * len(chunk))})"""
        found.extend(_quote(r) for r in conn.execute(sql, chunk))
    return with_joint_speakers(conn, sorted(found, key=lambda q: (order[q["article_id"]], q["start"])))


def mentions_in(conn: sqlite3.Connection, *, article_ids: list[str]) -> list[dict[str, Any]]:
    """The entity mentions of many articles at once (as :func:`mentions`), by article then text order."""
    found: list[dict[str, Any]] = []
    for chunk in _chunks(article_ids):
        sql = f"""SELECT article_id, start, end, text, type, role, entity_id FROM mentions
                  WHERE article_id IN ({",".join("?" * len(chunk))}) ORDER BY article_id, start"""
        found.extend(dict(r) for r in conn.execute(sql, chunk))
    return found


def entities_named(conn: sqlite3.Connection, *, entity_ids: list[str]) -> list[dict[str, Any]]:
    """Id, name and type of the given entities (no counts: cheap for any number of mentions)."""
    found: list[dict[str, Any]] = []
    for chunk in _chunks(entity_ids):
        sql = f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(chunk))})"
        found.extend(dict(r) for r in conn.execute(sql, chunk))
    return found


def timeline_articles(conn: sqlite3.Connection, *, ids: list[str]) -> list[dict[str, Any]]:
    """What a story's timeline reads of its articles, copies left out, in ingest order: id, published, title and
    ``dates_stored``, whether the dates stage has processed the article and stored every mention's sentence.

    Only columns stored before ``raw`` and ``text`` are read, and copies are found through the
    ``duplicate_of`` index, so SQLite never walks the overflow pages of long texts.
    """
    out: list[tuple[int, dict[str, Any]]] = []
    for chunk in _chunks(ids):
        sql = (
            "SELECT rowid, id, published, title, "
            "EXISTS (SELECT 1 FROM stage_done s WHERE s.article_id = articles.id AND s.stage = 'dates') "
            "AND NOT EXISTS (SELECT 1 FROM date_mentions d WHERE d.article_id = articles.id "
            "AND d.sentence_start IS NULL) AS dates_stored "
            f"FROM articles WHERE id IN ({','.join('?' * len(chunk))}) "
            "AND rowid NOT IN (SELECT rowid FROM articles WHERE duplicate_of IS NOT NULL)"
        )
        for r in conn.execute(sql, chunk):
            row = {"id": r["id"], "published": r["published"], "title": r["title"]}
            out.append((r["rowid"], {**row, "dates_stored": bool(r["dates_stored"])}))
    out.sort(key=lambda pair: pair[0])
    return [row for _, row in out]


def timeline_dates(
    conn: sqlite3.Connection, *, article_ids: list[str], unresolved: list[str] | None = None
) -> list[dict[str, Any]]:
    """The date mentions with a value of the given articles, and every mention of the articles in ``unresolved``
    (whose dates the caller resolves itself), in text order. Each has ``sentence``: the text of the sentence that
    holds it, cut by SQLite from the stored span (None for a mention stored without one), and ``opens``: whether
    that sentence opens a paragraph (the article's first, or one after a line break).
    """
    out: list[dict[str, Any]] = []
    every = set(unresolved or ())
    for chunk in _chunks(article_ids):
        wanted = [i for i in chunk if i in every]
        sql = (
            "SELECT d.article_id, d.start, d.end, d.text, d.value, d.precision, d.anchor, d.future, d.sentence_start, "
            # The sentence with the character before it (none before the first: substr from 0 gives one less).
            "CASE WHEN d.sentence_start IS NOT NULL THEN (SELECT substr(a.text, d.sentence_start, "
            "d.sentence_end - d.sentence_start + 1) FROM articles a WHERE a.id = d.article_id) END AS sentence "
            f"FROM date_mentions d WHERE d.article_id IN ({','.join('?' * len(chunk))}) "
            f"AND (d.value IS NOT NULL OR d.article_id IN ({','.join('?' * len(wanted))})) "
            "ORDER BY d.article_id, d.start"
        )
        for r in conn.execute(sql, [*chunk, *wanted]):
            row = dict(r)
            sentence, row["opens"] = row["sentence"], False
            if sentence is not None and row["sentence_start"]:
                row["sentence"], row["opens"] = sentence[1:], sentence[0] == "\n"
            elif sentence is not None:
                row["opens"] = True
            out.append(row)
    return out


def article_texts(conn: sqlite3.Connection, *, ids: list[str]) -> list[dict[str, Any]]:
    """The id, title and text of each of the given articles."""
    out: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        sql = f"SELECT id, title, text FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
        out.extend(dict(r) for r in conn.execute(sql, chunk))
    return out


# The story page's queries, filtered and bounded in SQL, live in a module of their own; Store.query finds them here.
from newsdesk.store.story import (  # noqa: E402
    story_articles,
    story_articles_count,
    story_credits,
    story_credits_count,
    story_days,
    story_entities,
    story_entities_count,
    story_event_articles,
    story_events,
    story_events_count,
    story_find,
    story_origin_groups,
    story_origins,
    story_origins_count,
    story_origins_named,
    story_outlets,
    story_outlets_count,
    story_quote_rows,
    story_quoted,
    story_quotes,
    story_quotes_at,
    story_quotes_count,
    story_sources,
    story_sources_count,
    story_speakers,
    story_speakers_count,
    story_summary,
    story_window,
)

__all__ += [
    "story_articles",
    "story_articles_count",
    "story_credits",
    "story_credits_count",
    "story_days",
    "story_entities",
    "story_entities_count",
    "story_event_articles",
    "story_events",
    "story_events_count",
    "story_find",
    "story_origin_groups",
    "story_origins",
    "story_origins_count",
    "story_origins_named",
    "story_outlets",
    "story_outlets_count",
    "story_quote_rows",
    "story_quoted",
    "story_quotes",
    "story_quotes_at",
    "story_quotes_count",
    "story_sources",
    "story_sources_count",
    "story_speakers",
    "story_speakers_count",
    "story_summary",
    "story_window",
]
# A story's framing (newsdesk.frame) reads its articles whole, and the store's term frequencies for its prior.
from newsdesk.store.framing import framing_articles, framing_names, term_documents  # noqa: E402

__all__ += ["framing_articles", "framing_names", "term_documents"]
# An entity's page: its mentions grouped by story, a page at a time, each with the text around it (the caller cuts
# the sentence from it), its quotes with their articles, and the entities named in the same articles.
_WINDOW = 400  # characters read on each side of a mention: a sentence longer than this is shown cut


def entity_counts(conn: sqlite3.Connection, *, entity_id: str) -> list[dict[str, Any]]:
    """How many mentions, articles, stories, quotes (words said or written) and views one entity has, as a list
    of one row."""
    sql = """SELECT count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
                    count(DISTINCT e.story_id) AS stories,
                    (SELECT count(*) FROM quotes q WHERE q.speaker_entity_id = :entity AND q.kind = 'speech') AS quotes,
                    (SELECT count(*) FROM quotes q WHERE q.speaker_entity_id = :entity AND q.kind = 'view') AS views
             FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN events e ON e.id = a.event_id
             WHERE m.entity_id = :entity"""
    return [dict(r) for r in conn.execute(sql, {"entity": entity_id})]


def stances_last(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The last stance row stored (0 when none), as a list of one row: what an entity's kept positions were made at
    (a stance stored since is a row past it)."""
    row = conn.execute("SELECT coalesce(max(rowid), 0) FROM stances").fetchone()
    return [{"last": int(row[0])}]


def entity_record(conn: sqlite3.Connection, *, entity_id: str) -> list[dict[str, Any]]:
    """One entity's id, name, type, aliases and roles, without its counts (cheap for any number of mentions), as a
    list of at most one row."""
    rows = conn.execute("SELECT id, name, type, aliases, roles FROM entities WHERE id = ?", (entity_id,))
    return [_entity(r) for r in rows]


def entity_quotes_count(conn: sqlite3.Connection, *, entity_id: str) -> list[dict[str, Any]]:
    """How many quotes (words said or written) and views one entity has as their speaker, as a list of one row:
    counted on the speaker's index alone."""
    sql = "SELECT kind, count(*) FROM quotes WHERE speaker_entity_id = ? AND kind IN ('speech', 'view') GROUP BY kind"
    found = {kind: int(n) for kind, n in conn.execute(sql, (entity_id,))}
    return [{"quotes": found.get("speech", 0), "views": found.get("view", 0)}]


# The order of an entity's mentions (decision 0015): by story (the story that names it most first, mentions outside
# any story last), then by article date (undated last), the article's row and the mention's start.
_MENTION_ORDER = (
    "{0}story_id IS NULL, story_mentions DESC, {0}story_id, coalesce({0}published, '~'), article_row, {0}start"
)
_ENTITY_FOUND = """SELECT m.article_id, m.start, m.end, m.text, m.role, a.rowid AS article_row, a.title, a.outlet,
                          a.published, a.duplicate_of, e.story_id, s.title AS story_title,
                          count(*) OVER (PARTITION BY e.story_id) AS story_mentions
                   FROM mentions m JOIN articles a ON a.id = m.article_id
                   LEFT JOIN events e ON e.id = a.event_id LEFT JOIN stories s ON s.id = e.story_id
                   WHERE m.entity_id = :entity"""


def entity_mentions(conn: sqlite3.Connection, *, entity_id: str, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """One entity's mentions grouped by story (the story that mentions it most first, mentions outside any story
    last), then by article date and text order; each with its article's title, outlet and date, its story, and
    ``window``: the article text from ``window_start`` to a few hundred characters past the mention, and the
    text's ``text_length``."""
    # The page is chosen first and only its articles' texts are read: a hub entity's thousands of mentions are
    # sorted by their metadata alone.
    sql = f"""WITH found AS ({_ENTITY_FOUND}),
              page AS (SELECT * FROM found ORDER BY {_MENTION_ORDER.format("")} LIMIT :limit OFFSET :offset)
             SELECT p.*, max(0, p.start - {_WINDOW}) AS window_start, length(t.text) AS text_length,
                    substr(t.text, max(0, p.start - {_WINDOW}) + 1, p.end - max(0, p.start - {_WINDOW}) + {_WINDOW})
                    AS window
             FROM page p JOIN articles t ON t.id = p.article_id
             ORDER BY {_MENTION_ORDER.format("p.")}"""
    rows = conn.execute(sql, {"entity": entity_id, "limit": limit, "offset": offset})
    return [{k: v for k, v in dict(r).items() if k != "article_row"} for r in rows]


def entity_told(conn: sqlite3.Connection, *, entity_id: str, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` mentions of one entity in the order its articles came in: by article date (undated
    last), the article's row and the mention's start; each its ``text`` and ``window`` as :func:`entity_mentions`
    gives them. What entity linking reads of what earlier articles said of a name (``entities.Linker.stored``):
    unlike :func:`entity_mentions`' order, by story, this one reads nothing a later stage writes (events and stories
    are clustering's), so what linking reads of a chunk's stored mentions does not hang on whether the stages after
    it ran on the chunks before (decision 0075). Where no mention is in a story it is that order."""
    sql = f"""WITH page AS (
                SELECT m.article_id, m.start, m.end, m.text, a.rowid AS article_row, a.published
                FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = :entity
                ORDER BY coalesce(a.published, '~'), a.rowid, m.start LIMIT :limit)
             SELECT p.text,
                    substr(t.text, max(0, p.start - {_WINDOW}) + 1, p.end - max(0, p.start - {_WINDOW}) + {_WINDOW})
                    AS window
             FROM page p JOIN articles t ON t.id = p.article_id
             ORDER BY coalesce(p.published, '~'), p.article_row, p.start"""
    return [dict(r) for r in conn.execute(sql, {"entity": entity_id, "limit": limit})]


def entity_mention_keys(conn: sqlite3.Connection, *, entity_id: str) -> list[dict[str, Any]]:
    """Every mention of one entity in :func:`entity_mentions` order, as its key alone: ``story_id``,
    ``story_mentions``, ``article_id``, the article's ``published`` and row (``article_row``) and the mention's
    ``start`` (what the digest stage reads to place a hub's pages, :func:`entity_mentions_range`)."""
    sql = f"""WITH found AS ({_ENTITY_FOUND})
             SELECT story_id, story_mentions, article_id, published, article_row, start FROM found
             ORDER BY {_MENTION_ORDER.format("")}"""
    return [dict(r) for r in conn.execute(sql, {"entity": entity_id})]


def entity_mentions_range(
    conn: sqlite3.Connection,
    *,
    entity_id: str,
    story_id: str | None,
    story_mentions: int,
    low: list[Any],
    high: list[Any] | None,
    skip: int,
    limit: int,
) -> list[dict[str, Any]]:
    """The entity's mentions in one story (``None``: outside any story) from the key ``low`` (inclusive) to
    ``high`` (exclusive; ``None``: to the story's end), keys being (article date, article row, start), in
    :func:`entity_mentions` order and as it gives them, ``skip`` of them left out and ``limit`` at most: a slice
    of a hub's mentions read without sorting them all (``story_mentions`` is what the digest counted)."""
    # The articles between the two keys are found on an index (their date, or the row of an undated one: most are),
    # then their mentions of the entity on (entity, article); only the page's texts are read.
    params: dict[str, Any] = {"entity": entity_id, "story": story_id, "skip": skip, "limit": limit}
    params.update(lo_p=low[0] or "~", lo_r=low[1], lo_s=low[2])
    high_key = ("", 0, 0) if high is None else (high[0] or "~", high[1], high[2])
    params.update(hi_p=high_key[0], hi_r=high_key[1], hi_s=high_key[2])
    if high is not None and high[0] is not None:  # both dated
        span = "a.published >= :lo_p AND a.published <= :hi_p"
    elif low[0] is not None:  # from a date on, into the undated up to a row
        span = "(a.published >= :lo_p OR a.published IS NULL" + (")" if high is None else " AND a.rowid <= :hi_r)")
    else:  # undated only
        span = "a.published IS NULL AND a.rowid >= :lo_r" + ("" if high is None else " AND a.rowid <= :hi_r")
    key = "(coalesce(a.published, '~'), a.rowid, m.start)"
    upper = "" if high is None else f"AND {key} < (:hi_p, :hi_r, :hi_s)"
    story = "e.story_id = :story" if story_id is not None else "e.story_id IS NULL"
    sql = f"""WITH page AS (
                SELECT m.article_id, m.start, m.end, m.text, m.role, a.rowid AS article_row, a.published
                FROM articles a LEFT JOIN events e ON e.id = a.event_id
                JOIN mentions m ON m.entity_id = :entity AND m.article_id = a.id
                WHERE {span} AND {story} AND {key} >= (:lo_p, :lo_r, :lo_s) {upper}
                ORDER BY coalesce(a.published, '~'), a.rowid, m.start LIMIT :limit OFFSET :skip)
             SELECT p.article_id, p.start, p.end, p.text, p.role, t.title, t.outlet, t.published, t.duplicate_of,
                    e.story_id, s.title AS story_title, {int(story_mentions)} AS story_mentions,
                    max(0, p.start - {_WINDOW}) AS window_start, length(t.text) AS text_length,
                    substr(t.text, max(0, p.start - {_WINDOW}) + 1, p.end - max(0, p.start - {_WINDOW}) + {_WINDOW})
                    AS window
             FROM page p JOIN articles t ON t.id = p.article_id
             LEFT JOIN events e ON e.id = t.event_id LEFT JOIN stories s ON s.id = e.story_id
             ORDER BY coalesce(p.published, '~'), p.article_row, p.start"""
    return [dict(r) for r in conn.execute(sql, params)]


def entity_mentions_at(
    conn: sqlite3.Connection, *, entity_id: str, keys: list[tuple[str, int, int]]
) -> list[dict[str, Any]]:
    """The entity's mentions at ``keys`` (article id, start, and the ``story_mentions`` of their story), in that
    order, as :func:`entity_mentions` gives them: a page chosen beforehand (the digest stage keeps a hub entity's
    first page), read without sorting all of the entity's mentions."""
    if not keys:
        return []
    values = ", ".join("(?, ?, ?, ?)" for _ in keys)
    params: list[Any] = [v for i, (article_id, start, n) in enumerate(keys) for v in (i, article_id, start, n)]
    sql = f"""WITH k(i, article_id, start, story_mentions) AS (VALUES {values})
             SELECT m.article_id, m.start, m.end, m.text, m.role, a.title, a.outlet, a.published, a.duplicate_of,
                    e.story_id, s.title AS story_title, k.story_mentions,
                    max(0, m.start - {_WINDOW}) AS window_start, length(a.text) AS text_length,
                    substr(a.text, max(0, m.start - {_WINDOW}) + 1, m.end - max(0, m.start - {_WINDOW}) + {_WINDOW})
                    AS window
             FROM k JOIN mentions m ON m.article_id = k.article_id AND m.start = k.start
             JOIN articles a ON a.id = m.article_id
             LEFT JOIN events e ON e.id = a.event_id LEFT JOIN stories s ON s.id = e.story_id
             WHERE m.entity_id = ? ORDER BY k.i"""
    return [dict(r) for r in conn.execute(sql, [*params, entity_id])]


def entity_quotes(
    conn: sqlite3.Connection, *, entity_id: str, limit: int, offset: int = 0, kind: str = "speech"
) -> list[dict[str, Any]]:
    """The quotes of one ``kind`` (``speech``, words said or written, or ``view``) whose speaker is linked to one
    entity (as :func:`quotes`), newest article first (undated last), in the order they were stored within a date;
    each with its article's ``title``, ``outlet`` and ``published``."""
    # The page is picked on the speaker's index alone (speaker, kind, the article's date kept with the quote, then
    # the row), in its order: a speaker of a hundred thousand quotes is never sorted (migration m025).
    sql = f"""SELECT {_QUOTE_COLUMNS}, a.title, a.outlet, a.published
              FROM (SELECT rowid AS quote_row FROM quotes WHERE speaker_entity_id = ? AND kind = ?
                    ORDER BY published DESC, rowid LIMIT ? OFFSET ?) p
              JOIN quotes q ON q.rowid = p.quote_row JOIN articles a ON a.id = q.article_id
              LEFT JOIN entities e ON e.id = q.speaker_entity_id
              ORDER BY q.published DESC, q.rowid"""
    return [_quote(r) for r in conn.execute(sql, (entity_id, kind, max(0, limit), max(0, offset)))]


def co_mentioned(conn: sqlite3.Connection, *, entity_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """The entities named in the same articles as one entity, with how many articles they share, most first."""
    # The (article, entity) pairs are made distinct and counted first, from the mentions_article_entity index
    # alone; each entity's name is then read once, not once per mention (a hub entity's articles hold a hundred
    # thousand mentions).
    sql = """SELECT e.id, e.name, e.type, p.articles
             FROM (SELECT entity_id, count(*) AS articles
                   FROM (SELECT DISTINCT m.article_id, m.entity_id FROM mentions m
                         WHERE m.article_id IN (SELECT article_id FROM mentions WHERE entity_id = :entity)
                           AND m.entity_id != :entity)
                   GROUP BY entity_id) p
             JOIN entities e ON e.id = p.entity_id
             ORDER BY p.articles DESC, e.name LIMIT :limit"""
    return [dict(r) for r in conn.execute(sql, {"entity": entity_id, "limit": limit})]


# A story's claim clusters for its page, ranked and cut in SQL: a module of their own too.
from newsdesk.store.story_claims import (  # noqa: E402
    story_claim_heads,
    story_claim_support,
    story_claims,
    story_claims_count,
)

__all__ += ["story_claim_heads", "story_claim_support", "story_claims", "story_claims_count"]
