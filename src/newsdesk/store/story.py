"""Read queries over one story for its page: every list filtered, sorted, counted and cut to a page in SQL.

A story can hold thousands of articles and tens of thousands of quotes; its page shows a few of each, so no
query here returns more rows than it is asked for (``limit``), and texts are cut to a length a page shows. Each
list has a ``*_count`` twin for its pagination. Filters (all optional) are the page's query parameters:
``outlet``, ``event`` (an event id), ``since`` and ``until`` (ISO dates, inclusive, on the publication date) and,
for quote lists, ``kind`` (``direct`` or ``reported``; without it, both; ``view`` lists the views instead, which
no other quote list or count holds). ``window`` (a JSON array of article ids, from
:func:`story_window`) keeps only those articles: a view computed at request time counts over a bounded number.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsdesk.records import JUNK_SPEAKERS
from newsdesk.store.joint import with_joint_speakers

__all__ = [
    "JUNK_SPEAKERS",
    "QUOTE_KINDS",
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

# Longest text kept of each field a page shows; the article or entity page has the whole of it.
TITLE_CHARS = 300
NAME_CHARS = 160
QUOTE_CHARS = 700

_SORTS = {
    "events": {
        "date": "first_seen IS NULL, first_seen, ev.rowid",
        "recent": "last_seen IS NULL, last_seen DESC, ev.rowid",
        "size": "articles DESC, first_seen IS NULL, first_seen, ev.rowid",
        "name": "lower(ev.title), ev.rowid",
    },
    "articles": {
        "date": "a.published IS NULL, a.published, a.rowid",
        "recent": "a.published IS NULL, a.published DESC, a.rowid",
        "name": "lower(a.title), a.rowid",
        "outlet": "a.outlet IS NULL, lower(a.outlet), a.published, a.rowid",
    },
    "quotes": {
        "date": "a.published IS NULL, a.published, a.rowid, q.start",
        "recent": "a.published IS NULL, a.published DESC, a.rowid, q.start",
        "name": "lower(coalesce(e.name, q.speaker)), a.published, q.start",
        "outlet": "a.outlet IS NULL, lower(a.outlet), a.published, q.start",
    },
    "counted": {  # speakers, sources, credits, outlets, origins, entities: the count, then the name
        "size": "n DESC, lower(name)",
        "name": "lower(name), n DESC",
        "date": "first IS NULL, first, n DESC",
        "recent": "first IS NULL, first DESC, n DESC",
    },
}
DEFAULT_SORT = {"events": "size", "articles": "date", "quotes": "date", "counted": "size"}


# One source quoted through several outlets ties on count and name: the outlet and the chain then decide.
_SOURCE_TIES = ", outlet IS NULL, outlet, via"


def order(kind: str, sort: str | None) -> str:
    """The ORDER BY clause for ``sort`` on a list of ``kind``; the list's default for an unknown sort."""
    sorts = _SORTS[kind]
    return sorts.get(sort or "", sorts[DEFAULT_SORT[kind]])


def article_filters(filters: dict[str, Any], *, event: bool = True) -> tuple[str, list[Any]]:
    """The `` AND ...`` conditions on an article (``a``) of a story's view for its ``outlet``, ``event`` (unless
    ``event`` is false), ``since`` and ``until`` filters, with their parameters."""
    sql, params = "", []
    if filters.get("outlet"):
        sql += " AND a.outlet = ?"
        params.append(filters["outlet"])
    if event and filters.get("event"):
        sql += " AND a.event_id = ?"
        params.append(filters["event"])
    if filters.get("since"):
        sql += " AND a.published >= ?"
        params.append(filters["since"][:10])
    if filters.get("until"):
        # Published values are full timestamps: anything on the ``until`` day sorts below the next character.
        sql += " AND a.published < ?"
        params.append(filters["until"][:10] + "~")
    return sql, params


def _scope(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """FROM and WHERE of the story's articles (``a``) through its events (``ev``), with the filters applied."""
    conditions, condition_params = article_filters(filters)
    sql = "FROM events ev JOIN articles a ON a.event_id = ev.id WHERE ev.story_id = ?" + conditions
    params: list[Any] = [story_id, *condition_params]
    if filters.get("window"):
        # A bounded view (newsdesk.digest.dashboard.window): only these articles, ids as a JSON array, read
        # through them ("+": not through the story's events, which would walk every article of the story).
        sql = (
            sql.replace("WHERE ev.story_id", "WHERE +ev.story_id") + " AND a.id IN (SELECT w.value FROM json_each(?) w)"
        )
        params.append(filters["window"])
    return sql, params


def _passing(conn: sqlite3.Connection, story_id: str, filters: dict[str, Any]) -> int:
    """How many of the story's articles pass the filters, from the coverage kept per event, day and outlet
    (``newsdesk.store.coverage``): rows per event, day and outlet rather than every article of a large story.
    A day is a publication date's first ten characters, so ``since`` and ``until`` keep what they keep in
    :func:`_scope`."""
    sql = """SELECT coalesce(sum(c.articles), 0) FROM events ev JOIN event_coverage c ON c.event_id = ev.id
             WHERE ev.story_id = ?"""
    params: list[Any] = [story_id]
    for name, condition in (("outlet", "c.outlet = ?"), ("event", "c.event_id = ?")):
        if filters.get(name):
            sql += f" AND {condition}"
            params.append(filters[name])
    if filters.get("since"):
        sql += " AND c.day >= ?"
        params.append(filters["since"][:10])
    if filters.get("until"):
        sql += " AND c.day <= ?"
        params.append(filters["until"][:10])
    return int(conn.execute(sql, params).fetchone()[0])


def story_window(conn: sqlite3.Connection, *, story_id: str, limit: int, **filters: Any) -> list[dict[str, Any]]:
    """The ids of the story's ``limit`` latest articles passing the filters (copies included; undated last, the
    latest stored first), newest first, each with ``total``, the articles passing them: the articles a bounded
    view counts over.

    Read event by event on the event index by date (``articles_event_coverage``: event, published, outlet): the
    latest ``limit`` of each event, from the newest back, then merged; so it costs ``limit`` index entries per
    event of the story, whatever its size and however many articles of other stories share its dates."""
    total = _passing(conn, story_id, filters)
    if not total or limit <= 0:
        return []
    if filters.get("event"):
        events = [filters["event"]]
    else:
        events = [r[0] for r in conn.execute("SELECT id FROM events WHERE story_id = ? ORDER BY id", (story_id,))]
    conditions, params = article_filters(filters, event=False)
    want = max(0, limit)
    # Once ``want`` are at hand, an event's older articles cannot enter: each next event is read from the newest
    # down to the latest kept's date (dated) or row (undated) only.
    dated: list[tuple[str, int]] = []
    for event_id in events:
        bound = " AND a.published >= ?" if len(dated) >= want else ""
        sql = f"""SELECT a.published, a.rowid FROM articles a WHERE a.event_id = ? AND a.published IS NOT NULL
                  {conditions}{bound} ORDER BY a.published DESC, a.rowid DESC LIMIT ?"""
        values = [event_id, *params, *([dated[want - 1][0]] if bound else []), want]
        dated = sorted([*dated, *((r[0], r[1]) for r in conn.execute(sql, values))], reverse=True)[:want]
    rowids = [row for _, row in dated]
    if len(rowids) < want and not (filters.get("since") or filters.get("until")):
        # Undated articles pass no date filter; they come last, the latest stored first.
        more = want - len(rowids)
        undated: list[int] = []
        for event_id in events:
            bound = " AND a.rowid > ?" if len(undated) >= more else ""
            sql = f"""SELECT a.rowid FROM articles a WHERE a.event_id = ? AND a.published IS NULL {conditions}{bound}
                      ORDER BY a.rowid DESC LIMIT ?"""
            values = [event_id, *params, *([undated[more - 1]] if bound else []), more]
            undated = sorted([*undated, *(r[0] for r in conn.execute(sql, values))], reverse=True)[:more]
        rowids += undated
    ids: dict[int, str] = {}
    for i in range(0, len(rowids), 500):
        chunk = rowids[i : i + 500]
        sql = f"SELECT rowid, id FROM articles WHERE rowid IN ({','.join('?' * len(chunk))})"
        ids.update((r[0], r[1]) for r in conn.execute(sql, chunk))
    return [{"id": ids[r], "total": total} for r in rowids if r in ids]


_LISTABLE = (
    "(q.speaker_entity_id IS NOT NULL OR (q.speaker IS NOT NULL AND q.speaker_kind != 'unknown'"
    f" AND length(trim(q.speaker)) > 1 AND lower(trim(q.speaker)) NOT IN ({','.join('?' * len(JUNK_SPEAKERS))})"
    " AND q.speaker NOT LIKE '%http%' AND q.speaker NOT LIKE '%www.%' AND q.speaker NOT LIKE '%<%'))"
)


# What a quote list holds by its ``kind`` filter: words said or written, all of them or only those in quotation
# marks or only reported speech; or, asked for by name, the views nobody is reported to have voiced ("praised the
# plan", decision 0037), which are never counted as quotes.
QUOTE_KINDS = {
    "": "q.kind = 'speech'",
    "direct": "q.kind = 'speech' AND q.direct = 1",
    "reported": "q.kind = 'speech' AND q.direct = 0",
    "view": "q.kind = 'view'",
}


def _quote_scope(
    story_id: str, filters: dict[str, Any], *, speakers_only: bool = False, entities: bool = True
) -> tuple[str, list[Any]]:
    """The story's quotes (``q``, speaker entity ``e``) in its original articles (a copy repeats its original).

    ``speakers_only`` keeps the quotes whose speaker can be listed (``_LISTABLE``): linked to an entity, or
    described by words that name someone (not blank, not a pronoun of ``JUNK_SPEAKERS``, not unresolved, not a
    web address).
    """
    scope, params = _scope(story_id, filters)
    join = "JOIN quotes q ON q.article_id = a.id"
    if entities:
        join += " LEFT JOIN entities e ON e.id = q.speaker_entity_id"
    sql = scope.replace(" WHERE ", f" {join} WHERE ", 1)
    # "+": never through the duplicate_of index, which would walk every original of the database.
    sql += " AND +a.duplicate_of IS NULL"
    sql += f" AND {QUOTE_KINDS.get(filters.get('kind') or '', QUOTE_KINDS[''])}"
    if speakers_only:
        sql += f" AND {_LISTABLE}"
        params.extend(sorted(JUNK_SPEAKERS))
    return sql, params


def _page(sql: str, params: list[Any], limit: int, offset: int) -> tuple[str, list[Any]]:
    return sql + " LIMIT ? OFFSET ?", [*params, max(0, limit), max(0, offset)]


def _ranked(
    conn: sqlite3.Connection,
    sql: str,
    params: list[Any],
    sort: str | None,
    limit: int,
    offset: int,
    *,
    tiebreak: str = "",
) -> list[sqlite3.Row]:
    """One page of the grouped rows of ``sql``, each with ``total``: the rows in all, counted in the same pass;
    ``tiebreak`` orders rows the sort leaves tied (one source through two outlets), so pages never overlap."""
    paged, values = _page(
        f"SELECT *, count(*) OVER () AS total FROM ({sql}) ORDER BY {order('counted', sort)}{tiebreak}",
        params,
        limit,
        offset,
    )
    return list(conn.execute(paged, values))


def _count(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return [{"total": conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]}]


# -- the story itself ---------------------------------------------------------------------------------------


def story_find(conn: sqlite3.Connection, *, story_id: str) -> list[dict[str, Any]]:
    """The story with this id, else up to two whose id starts with it (two mean the prefix is ambiguous)."""
    columns = f"id, substr(title, 1, {TITLE_CHARS}) AS title"
    row = conn.execute(f"SELECT {columns} FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is not None:
        return [dict(row)]
    escaped = story_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    sql = f"SELECT {columns} FROM stories WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2"
    return [dict(r) for r in conn.execute(sql, (escaped + "%",))]


def story_summary(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """One row: articles, copies, outlets, independent origins, events, first and last publication dates."""
    scope, params = _scope(story_id, filters)
    sql = f"""SELECT count(*) AS articles, count(a.duplicate_of) AS copies, count(DISTINCT a.outlet) AS outlets,
                     count(DISTINCT coalesce(a.origin, a.id)) AS origins, count(DISTINCT a.event_id) AS events,
                     min(a.published) AS first, max(a.published) AS last,
                     count(*) - count(a.published) AS undated {scope}"""
    return [dict(conn.execute(sql, params).fetchone())]


def story_days(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """Articles (copies included) per publication day, oldest first; at most one row per day."""
    scope, params = _scope(story_id, filters)
    sql = f"""SELECT substr(a.published, 1, 10) AS day, count(*) AS articles {scope} AND a.published IS NOT NULL
              GROUP BY day ORDER BY day"""
    return [dict(r) for r in conn.execute(sql, params)]


# -- events and articles ------------------------------------------------------------------------------------


def _events_sql(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    scope, params = _scope(story_id, filters)
    sql = f"""SELECT ev.id AS id, substr(ev.title, 1, {TITLE_CHARS}) AS title, count(*) AS articles,
                     count(DISTINCT a.outlet) AS outlets, min(a.published) AS first_seen,
                     max(a.published) AS last_seen {scope} GROUP BY ev.id"""
    return sql, params


def story_events(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """The story's events that hold an article passing the filters, with those articles' count and dates."""
    sql, params = _events_sql(story_id, filters)
    sql = sql.replace(" AS last_seen ", " AS last_seen, count(*) OVER () AS total ", 1)
    sql, params = _page(f"{sql} ORDER BY {order('events', sort)}", params, limit, offset)
    return [dict(r) for r in conn.execute(sql, params)]


def story_events_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_events` has in all."""
    return _count(conn, *_events_sql(story_id, filters))


_ARTICLE_COLUMNS = f"""a.id AS id, substr(a.title, 1, {TITLE_CHARS}) AS title, substr(a.outlet, 1, {NAME_CHARS})
    AS outlet, a.published AS published, a.duplicate_of AS duplicate_of, a.event_id AS event_id,
    coalesce(a.origin, a.id) AS origin, a.words AS words"""


def story_articles(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """The story's articles passing the filters (copies included, marked by ``duplicate_of``)."""
    scope, params = _scope(story_id, filters)
    ranked = order("articles", sort)
    # Sorted and cut on the covering index alone (a story's articles are read whole for the page's rows only).
    chosen, params = _page(
        f"SELECT a.rowid AS arow, count(*) OVER () AS total {scope} ORDER BY {ranked}", params, limit, offset
    )
    sql = f"""SELECT {_ARTICLE_COLUMNS}, c.total AS total FROM ({chosen}) c JOIN articles a ON a.rowid = c.arow
              ORDER BY {ranked}"""
    return [dict(r) for r in conn.execute(sql, params)]


def story_articles_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_articles` has in all."""
    scope, params = _scope(story_id, filters)
    return [{"total": conn.execute(f"SELECT count(*) {scope}", params).fetchone()[0]}]


def story_event_articles(
    conn: sqlite3.Connection, *, story_id: str, event_ids: list[str], each: int, **filters: Any
) -> list[dict[str, Any]]:
    """The first ``each`` articles (oldest first) of each of the given events, with the filters applied."""
    if not event_ids:
        return []
    scope, params = _scope(story_id, filters)
    # Ranked on the covering index alone; only the rows shown are read whole.
    sql = f"""SELECT {_ARTICLE_COLUMNS}, r.rank AS rank FROM (
                SELECT a.rowid AS arow, row_number() OVER (PARTITION BY a.event_id
                       ORDER BY a.published IS NULL, a.published, a.rowid) AS rank
                {scope} AND a.event_id IN ({",".join("?" * len(event_ids))})) r
              JOIN articles a ON a.rowid = r.arow
              WHERE r.rank <= ? ORDER BY a.event_id, r.rank"""
    return [dict(r) for r in conn.execute(sql, [*params, *event_ids, each])]


# -- quotes and who is quoted -------------------------------------------------------------------------------

# A speaker is counted as one whatever the case of its spelling or a leading "the", and an entity the linker
# split in two (one name, two ids) is still one speaker. Quotes are grouped first by entity id or spelling (cheap
# on the quote rows), then the groups by this key.
_KEY = "CASE WHEN lower(name) LIKE 'the %' THEN substr(lower(name), 5) ELSE lower(name) END"


def _speaker_groups(story_id: str, filters: dict[str, Any], *, by_route: bool) -> tuple[str, list[Any]]:
    """Quotes of listable speakers grouped by speaker (and by outlet and ``via`` when ``by_route``), with the
    entity's canonical name as ``name``; several rows may share a ``key`` (one per entity id or spelling)."""
    scope, params = _quote_scope(story_id, filters, speakers_only=True, entities=False)
    route = "coalesce(a.outlet, '') AS outlet, q.via AS via," if by_route else ""
    grouped = f"""SELECT {route} q.speaker_entity_id AS entity_id,
                         CASE WHEN q.speaker_entity_id IS NULL THEN lower(trim(q.speaker)) END AS spoken,
                         max(trim(q.speaker)) AS spelling, max(q.speaker_kind) AS kind, count(*) AS n,
                         sum(q.direct) AS direct, min(a.published) AS first,
                         count(*) * 2 + CASE WHEN q.speaker_entity_id IS NULL THEN 0 ELSE 1 END AS pick
                  {scope} GROUP BY {"1, 2, " if by_route else ""}entity_id, spoken"""
    named = f"""SELECT g.*, substr(coalesce(e.name, g.spelling), 1, {NAME_CHARS}) AS name
                FROM ({grouped}) g LEFT JOIN entities e ON e.id = g.entity_id"""
    return f"SELECT *, {_KEY} AS key FROM ({named})", params


def _speakers_sql(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    groups, params = _speaker_groups(story_id, filters, by_route=False)
    # The name, entity and kind of the spelling most of a speaker's quotes carry: SQLite takes the bare columns
    # of the row where max() is reached. ``pick`` is the row's quotes, a linked entity first on a tie, so that
    # both backends name a tied speaker alike (PostgreSQL's translation orders by it too).
    sql = f"""SELECT name, entity_id, kind, max(pick) AS most, sum(n) AS n, sum(direct) AS direct, min(first) AS first
              FROM ({groups}) GROUP BY key"""
    return sql, params


def story_speakers(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """Who is quoted, one row per speaker (the entity's canonical name when linked), most quoted first.

    Pronouns, blank or unresolved speakers and web addresses are left out (``JUNK_SPEAKERS``); ``quotes`` counts
    the speaker's quotes passing the filters, ``direct`` those in quotation marks; ``total`` the speakers in all.
    """
    sql, params = _speakers_sql(story_id, filters)
    return [_speaker_row(r) for r in _ranked(conn, sql, params, sort, limit, offset)]


def _speaker_row(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "speaker": r["name"],
        "speaker_entity_id": r["entity_id"],
        "speaker_kind": r["kind"],
        "quotes": r["n"],
        "direct": r["direct"],
        "first": r["first"],
        "total": r["total"],
    }


def story_speakers_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_speakers` has in all."""
    return _count(conn, *_speakers_sql(story_id, filters))


def _sources_sql(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    groups, params = _speaker_groups(story_id, filters, by_route=True)
    sql = f"""SELECT outlet, via, name, entity_id, max(pick) AS most, sum(n) AS n, min(first) AS first
              FROM ({groups}) GROUP BY outlet, via, key"""
    return sql, params


def story_sources(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """Who quotes whom through whom: publishing outlet → outlets credited on the way (``via``) → source, ranked
    by quotes. ``outlet`` is empty where the article states none; ``via`` is empty for a quote heard first-hand."""
    sql, params = _sources_sql(story_id, filters)
    return [_source_row(r) for r in _ranked(conn, sql, params, sort, limit, offset, tiebreak=_SOURCE_TIES)]


def _source_row(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "outlet": r["outlet"][:NAME_CHARS],
        "via": [str(v)[:NAME_CHARS] for v in json.loads(r["via"])][:4],
        "source": r["name"],
        "speaker_entity_id": r["entity_id"],
        "quotes": r["n"],
        "first": r["first"],
        "total": r["total"],
    }


def story_quoted(
    conn: sqlite3.Connection, *, story_id: str, speakers: int, sources: int, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """The first ``speakers`` rows of :func:`story_speakers` and the first ``sources`` of :func:`story_sources`,
    each with ``part`` (``speakers`` or ``sources``) and ``listed`` (the quotes of listed speakers in all), from one
    pass over the story's quotes (the dashboard's).

    A speaker's name, entity and kind are those of its route with the most quotes (the full list takes those of
    its most used spelling); the counts are the same.
    """
    groups, params = _speaker_groups(story_id, filters, by_route=True)
    ranked = order("counted", sort)
    columns = (
        "name, entity_id, kind, max(pick) AS most, sum(n) AS n, sum(direct) AS direct, min(first) AS first, "
        "sum(sum(n)) OVER () AS listed"
    )
    # Each part is sorted outside its grouping, where "name" is the speaker's name, not a column of g's rows.
    sql = f"""WITH g AS MATERIALIZED ({groups})
              SELECT * FROM (SELECT * FROM (SELECT 'speakers' AS part, '' AS outlet, '[]' AS via, {columns},
                                    count(*) OVER () AS total FROM g GROUP BY key) ORDER BY {ranked} LIMIT ?)
              UNION ALL
              SELECT * FROM (SELECT * FROM (SELECT 'sources' AS part, outlet, via, {columns}, count(*) OVER () AS total
                             FROM g GROUP BY outlet, via, key) ORDER BY {ranked}{_SOURCE_TIES} LIMIT ?)"""
    out = []
    for row in conn.execute(sql, [*params, max(0, speakers), max(0, sources)]):
        shaped = _speaker_row(row) if row["part"] == "speakers" else _source_row(row)
        out.append({"part": row["part"], **shaped, "listed": row["listed"]})
    return out


def story_sources_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_sources` has in all."""
    return _count(conn, *_sources_sql(story_id, filters))


# -- outlets, credits, origins, entities -------------------------------------------------------------------


def _outlets_sql(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    scope, params = _scope(story_id, filters)
    sql = f"""SELECT substr(coalesce(a.outlet, ''), 1, {NAME_CHARS}) AS name, count(*) AS n,
                     count(a.duplicate_of) AS copies, min(a.published) AS first,
                     count(DISTINCT coalesce(a.origin, a.id)) AS origins {scope} GROUP BY a.outlet"""
    return sql, params


def story_outlets(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """Each outlet of the story: its articles, how many are copies, its origins, its first report."""
    sql, params = _outlets_sql(story_id, filters)
    return [
        {
            "outlet": r["name"],
            "articles": r["n"],
            "copies": r["copies"],
            "origins": r["origins"],
            "first": r["first"],
            "total": r["total"],
        }
        for r in _ranked(conn, sql, params, sort, limit, offset)
    ]


def story_outlets_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_outlets` has in all."""
    return _count(conn, *_outlets_sql(story_id, filters))


def _credits_sql(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    scope, params = _scope(story_id, filters)
    scope = scope.replace(" WHERE ", " JOIN json_each(a.cites) c WHERE ", 1)
    sql = f"""SELECT substr(coalesce(a.outlet, ''), 1, {NAME_CHARS}) AS outlet,
                     substr(c.value, 1, {NAME_CHARS}) AS name, count(DISTINCT a.id) AS n, min(a.published) AS first
              {scope} GROUP BY a.outlet, c.value"""
    return sql, params


def story_credits(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """Which outlet credits which (an article's ``cites``), counted in articles, most first."""
    sql, params = _credits_sql(story_id, filters)
    return [
        {"outlet": r["outlet"], "credits": r["name"], "articles": r["n"], "first": r["first"], "total": r["total"]}
        for r in _ranked(conn, sql, params, sort, limit, offset)
    ]


def story_credits_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_credits` has in all."""
    return _count(conn, *_credits_sql(story_id, filters))


def _origins_sql(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    scope, params = _scope(story_id, filters)
    sql = f"""SELECT coalesce(a.origin, a.id) AS origin, count(*) AS n, count(DISTINCT a.outlet) AS outlets,
                     min(a.published) AS first, count(a.duplicate_of) AS copies {scope} GROUP BY 1"""
    return sql, params


def story_origins(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """Independent origins: groups of articles telling one origin's report, named by the origin article."""
    groups = story_origin_groups(conn, story_id=story_id, limit=limit, offset=offset, sort=sort, **filters)
    return story_origins_named(conn, groups=groups)


def story_origin_groups(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """:func:`story_origins`' rows without their origin article's title, outlet and date (``origin``,
    ``articles``, ``copies``, ``outlets``, ``total``): what the list ranks, as :func:`story_origins_named` names."""
    sql, params = _origins_sql(story_id, filters)
    # Sorted on the groups alone ("name" is the origin's id there); titles are read for the page's rows only.
    rows = _ranked(
        conn, sql.replace("AS origin,", "AS origin, coalesce(a.origin, a.id) AS name,", 1), params, sort, limit, offset
    )
    return [
        {"origin": r["origin"], "articles": r["n"], "copies": r["copies"], "outlets": r["outlets"], "total": r["total"]}
        for r in rows
    ]


def story_origins_named(conn: sqlite3.Connection, *, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of :func:`story_origins` for ``groups`` (rows of :func:`story_origin_groups`, in their order):
    each with its origin article's title, outlet and date, read by id."""
    heads: dict[str, dict[str, Any]] = {}
    for i in range(0, len(groups), 500):
        ids = [g["origin"] for g in groups[i : i + 500]]
        head_sql = f"""SELECT id, substr(title, 1, {TITLE_CHARS}) AS title, substr(outlet, 1, {NAME_CHARS}) AS outlet,
                              published FROM articles WHERE id IN ({",".join("?" * len(ids))})"""
        heads.update((h["id"], dict(h)) for h in conn.execute(head_sql, ids))
    return [
        {
            "origin": g["origin"],
            "title": heads.get(g["origin"], {}).get("title"),
            "outlet": heads.get(g["origin"], {}).get("outlet"),
            "published": heads.get(g["origin"], {}).get("published"),
            "articles": g["articles"],
            "copies": g["copies"],
            "outlets": g["outlets"],
            "total": g["total"],
        }
        for g in groups
    ]


def story_origins_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_origins` has in all."""
    return _count(conn, *_origins_sql(story_id, filters))


def _entities_sql(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    scope, params = _scope(story_id, filters)
    scope = scope.replace(" WHERE ", " JOIN mentions m ON m.article_id = a.id WHERE ", 1)
    grouped = f"""SELECT m.entity_id AS id, count(*) AS n, count(DISTINCT a.id) AS articles, min(a.published) AS first
                  {scope} AND +a.duplicate_of IS NULL AND m.entity_id IS NOT NULL GROUP BY m.entity_id"""
    sql = f"""SELECT g.*, substr(coalesce(en.name, g.id), 1, {NAME_CHARS}) AS name, en.type AS type
              FROM ({grouped}) g LEFT JOIN entities en ON en.id = g.id"""
    return sql, params


def story_entities(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """The entities mentioned in the story's original articles, with mentions and articles, most mentioned first."""
    sql, params = _entities_sql(story_id, filters)
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "type": r["type"],
            "mentions": r["n"],
            "articles": r["articles"],
            "total": r["total"],
        }
        for r in _ranked(conn, sql, params, sort, limit, offset)
    ]


def story_entities_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_entities` has in all."""
    return _count(conn, *_entities_sql(story_id, filters))


_QUOTE_COLUMNS = f"""q.id AS id, q.article_id AS article_id, substr(q.text, 1, {QUOTE_CHARS}) AS text,
    length(q.text) > {QUOTE_CHARS} AS cut, q.start AS start, q.end AS end,
    substr(coalesce(e.name, q.speaker), 1, {NAME_CHARS}) AS speaker, q.speaker_kind AS speaker_kind,
    q.speaker_entity_id AS speaker_entity_id, q.via AS via, q.direct AS direct, q.kind AS kind,
    q.confidence AS confidence, substr(a.title, 1, {TITLE_CHARS}) AS title,
    substr(a.outlet, 1, {NAME_CHARS}) AS outlet, a.published AS published"""


def _quote_row(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["direct"], data["cut"] = bool(data["direct"]), bool(data["cut"])
    data["via"] = [str(v)[:NAME_CHARS] for v in json.loads(data["via"])][:4]
    return data


def story_quotes(
    conn: sqlite3.Connection, *, story_id: str, limit: int, offset: int = 0, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """The quotes of the story's original articles passing the filters, each with its article's title and outlet.

    ``text`` is cut to ``QUOTE_CHARS`` characters (``cut`` says so); ``start`` and ``end`` span the whole quote.
    """
    scope, params = _quote_scope(story_id, filters)
    # Sorted and cut on row ids alone; the columns a page shows are read for the page's rows only.
    chosen = f"""SELECT q.rowid AS qrow, a.rowid AS arow, count(*) OVER () AS total {scope}
                 ORDER BY {order("quotes", sort)} LIMIT ? OFFSET ?"""
    sql = f"""SELECT {_QUOTE_COLUMNS}, c.total AS total
              FROM ({chosen}) c JOIN quotes q ON q.rowid = c.qrow JOIN articles a ON a.rowid = c.arow
              LEFT JOIN entities e ON e.id = q.speaker_entity_id ORDER BY {order("quotes", sort)}"""
    params = [*params, max(0, limit), max(0, offset)]
    return with_joint_speakers(conn, [_quote_row(row) for row in conn.execute(sql, params)])


def story_quote_rows(
    conn: sqlite3.Connection, *, story_id: str, sort: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """Every quote of :func:`story_quotes` (no limit), in its order, as its row alone (``row``): what the digest
    keeps of the list's later pages, read back by :func:`story_quotes_at`."""
    scope, params = _quote_scope(story_id, filters, entities=sort == "name")
    sql = f"SELECT q.rowid AS qrow {scope} ORDER BY {order('quotes', sort)}"
    return [{"row": r[0]} for r in conn.execute(sql, params)]


def story_quotes_at(conn: sqlite3.Connection, *, rows: list[int], total: int) -> list[dict[str, Any]]:
    """The rows of :func:`story_quotes` of the quotes of the given rows (as :func:`story_quote_rows` gives them),
    in that order, each with ``total``: read by row, nothing ranked."""
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        sql = f"""SELECT q.rowid AS qrow, {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
                  LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE q.rowid IN ({",".join("?" * len(chunk))})"""
        for row in conn.execute(sql, chunk):
            data = _quote_row(row)
            quote = data.pop("qrow")
            out[quote] = {**data, "total": total}
    return with_joint_speakers(conn, [out[r] for r in rows if r in out])


def story_quotes_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many rows :func:`story_quotes` has in all, and how many of them name no speaker that can be listed."""
    scope, params = _quote_scope(story_id, filters, entities=False)
    sql = f"SELECT count(*) AS total, sum(CASE WHEN {_LISTABLE} THEN 0 ELSE 1 END) AS unnamed {scope}"
    row = conn.execute(sql, [*sorted(JUNK_SPEAKERS), *params]).fetchone()
    return [{"total": row["total"], "unnamed": row["unnamed"] or 0}]
