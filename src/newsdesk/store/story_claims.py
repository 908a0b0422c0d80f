"""Read queries over one story's claim clusters for its page: ranked, counted and cut to a page in SQL.

A large story holds thousands of claim clusters, most of them one article's claim; its page shows a few, so the
clusters are ranked here by the origins that make them (an outlet credited for the claim, else the article's
origin group: copies and rewrites of one report count once), and only the support of the clusters shown is read.
Filters are the story page's (``outlet``, ``event``, ``since``, ``until``, and ``window``: the ids of the
articles a bounded view counts over): a cluster is counted over the
articles that pass them, and one with no such article is left out.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsdesk.store.claims import as_dicts
from newsdesk.store.story import article_filters

__all__ = ["story_claim_heads", "story_claim_support", "story_claims", "story_claims_count"]

TEXT_CHARS = 700  # longest claim text a list shows (the article has it whole)

# The origin of one support row, as ``newsdesk.claims.corroborate.origin_key`` has it: the first outlet credited
# for the claim (case and a leading "the" aside), else the article's origin group. A wire copy's claims (credited to
# its agency as a whole, ``asserted_kind`` "wire") count as their origin group, which holds the agency's report
# and its other copies: corroborate merges a group with the outlet its claims relay, which a count cannot.
_VIA = "lower(trim(json_extract(c.via, '$[0]')))"
_RELAYED = "json_array_length(c.via) > 0 AND c.asserted_kind != 'wire'"
_ORIGIN = (
    f"CASE WHEN {_RELAYED} THEN 'o:' || (CASE WHEN {_VIA} LIKE 'the %' THEN substr({_VIA}, 5) "
    f"ELSE {_VIA} END) ELSE 'g:' || coalesce(a.origin, a.id) END"
)
# Support rows that are an AI-written aggregate's own reporting (newsdesk.claims.corroborate): they count as one
# origin among themselves, and as none beside another origin (``_COUNTED``).
_AGGREGATED = "(a.ai_generated = 1 AND coalesce(json_array_length(c.via), 0) = 0)"
_COUNTED = (
    f"count(DISTINCT CASE WHEN {_AGGREGATED} THEN '' ELSE {_ORIGIN} END)"
    f" - max(CASE WHEN {_AGGREGATED} THEN 1 ELSE 0 END) * (1 - min(CASE WHEN {_AGGREGATED} THEN 1 ELSE 0 END))"
)
_SORTS = {
    "size": "origins DESC, articles DESC, seq",
    "date": "first IS NULL, first, seq",
    "recent": "first IS NULL, first DESC, seq",
    "name": "lower(text), seq",
}


def _scope(story_id: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """FROM and WHERE of the story's support rows (``s``) with their cluster (``k``), claim (``c``) and article
    (``a``), the filters applied to the article."""
    sql = """FROM claim_clusters k JOIN claim_support s ON s.cluster_id = k.id JOIN claims c ON c.id = s.claim_id
             JOIN articles a ON a.id = s.article_id WHERE k.story_id = ?"""
    conditions, condition_params = article_filters(filters)
    sql += conditions
    params: list[Any] = [story_id, *condition_params]
    if filters.get("window"):
        # A bounded view: only these articles (ids as a JSON array), read through their support rows ("+": not
        # through the story's clusters, which would walk every claim of the story).
        sql = sql.replace("WHERE k.story_id", "WHERE +k.story_id")
        sql += " AND s.article_id IN (SELECT w.value FROM json_each(?) w)"
        params.append(filters["window"])
    return sql, params


def _clusters_sql(story_id: str, filters: dict[str, Any], ids: list[str] | None = None) -> tuple[str, list[Any]]:
    """The story's clusters, each counted over the support rows that pass the filters (only ``ids`` with them)."""
    if filters.get("window"):
        return _window_clusters_sql(story_id, filters, ids)
    scope, params = _scope(story_id, filters)
    if ids is not None:
        scope += f" AND k.id IN ({','.join('?' * len(ids))})"
        params = [*params, *ids]
    sql = f"""SELECT k.id AS id, substr(k.text, 1, {TEXT_CHARS}) AS text, length(k.text) > {TEXT_CHARS} AS cut,
                     k.slot AS slot, k.event_id AS event_id, count(DISTINCT s.article_id) AS articles,
                     {_COUNTED} AS origins, min(a.published) AS first, min(k.rowid) AS seq
              {scope} GROUP BY k.id"""
    return sql, params


def _window_clusters_sql(story_id: str, filters: dict[str, Any], ids: list[str] | None) -> tuple[str, list[Any]]:
    """:func:`_clusters_sql` for a bounded view: its articles (the window's, each read once) first, then their
    support rows through the support's article index (a support row's article is its claim's), counted per
    cluster; each cluster's own row is read once, after the counting (a cluster of another story is left out
    then). Of the claims, only those of the window's articles that credit an outlet (``via``: a few in a hundred)
    are read, on the claims' article index, and joined to their support rows in memory; the others' origin is
    their article's. Joined the other way round, as the story's lists are, every support row looked its claim,
    cluster and article up by id: 3x the CPU; looking each support row's claim up by id: 2x (3,708 support rows
    of 100 articles, 21 ms against 11)."""
    conditions, params = ["a.id IN (SELECT w.value FROM json_each(?) w)"], [filters["window"]]
    for name, condition in (("outlet", "a.outlet = ?"), ("event", "a.event_id = ?")):
        if filters.get(name):
            conditions.append(condition)
            params.append(filters[name])
    if filters.get("since"):
        conditions.append("a.published >= ?")
        params.append(filters["since"][:10])
    if filters.get("until"):
        conditions.append("a.published < ?")
        params.append(filters["until"][:10] + "~")
    if ids is not None:
        conditions.append(f"s.cluster_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    relaying = f"""SELECT c.id AS id, c.via AS via, c.asserted_kind AS asserted_kind FROM claims c
                   WHERE c.article_id IN (SELECT w.value FROM json_each(?) w) AND {_RELAYED}"""
    counted = f"""SELECT s.cluster_id AS cluster_id, count(DISTINCT s.article_id) AS articles,
                         {_COUNTED} AS origins, min(a.published) AS first
                  FROM articles a CROSS JOIN claim_support s ON s.article_id = a.id
                  LEFT JOIN relaying c ON c.id = s.claim_id
                  WHERE {" AND ".join(conditions)} GROUP BY s.cluster_id"""
    sql = f"""SELECT k.id AS id, substr(k.text, 1, {TEXT_CHARS}) AS text, length(k.text) > {TEXT_CHARS} AS cut,
                     k.slot AS slot, k.event_id AS event_id, g.articles AS articles, g.origins AS origins,
                     g.first AS first, k.rowid AS seq
              FROM ({counted}) g JOIN claim_clusters k ON k.id = g.cluster_id WHERE k.story_id = ?"""
    return f"WITH relaying AS MATERIALIZED ({relaying}) {sql}", [filters["window"], *params, story_id]


def story_claims(
    conn: sqlite3.Connection,
    *,
    story_id: str,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = None,
    ids: list[str] | None = None,
    **filters: Any,
) -> list[dict[str, Any]]:
    """One page of the story's claim clusters: ``id``, ``text`` (cut, ``cut`` says so), ``slot``, ``event_id``,
    ``articles``, ``origins`` (counted as above), ``first`` (earliest publication) and ``total`` (clusters in
    all). Sorted by ``sort``: ``size`` (most origins first, the default), ``date``, ``recent`` or ``name``.
    ``ids`` keeps only those clusters."""
    inner, params = _clusters_sql(story_id, filters, ids)
    order = _SORTS.get(sort or "", _SORTS["size"])
    sql = f"SELECT *, count(*) OVER () AS total FROM ({inner}) ORDER BY {order} LIMIT ? OFFSET ?"
    rows = conn.execute(sql, [*params, max(0, limit), max(0, offset)])
    return [{**dict(r), "cut": bool(r["cut"])} for r in rows]


def story_claim_heads(conn: sqlite3.Connection, *, story_id: str, ids: list[str]) -> list[dict[str, Any]]:
    """The given clusters of the story as :func:`story_claims` shows them, without their counts: ``id``, ``text``
    (cut, ``cut`` says so), ``slot``, ``event_id``; in no order."""
    if not ids:
        return []
    sql = f"""SELECT k.id AS id, substr(k.text, 1, {TEXT_CHARS}) AS text, length(k.text) > {TEXT_CHARS} AS cut,
                     k.slot AS slot, k.event_id AS event_id FROM claim_clusters k
              WHERE k.story_id = ? AND k.id IN ({",".join("?" * len(ids))})"""
    return [{**dict(r), "cut": bool(r["cut"])} for r in conn.execute(sql, [story_id, *ids])]


def story_claims_count(conn: sqlite3.Connection, *, story_id: str, **filters: Any) -> list[dict[str, Any]]:
    """How many claim clusters the story has (with these filters), as a list of one row."""
    inner, params = _clusters_sql(story_id, filters)
    return [{"total": conn.execute(f"SELECT count(*) FROM ({inner})", params).fetchone()[0]}]


def story_claim_support(
    conn: sqlite3.Connection,
    *,
    story_id: str,
    cluster_ids: list[str] | None = None,
    each: int | None = None,
    **filters: Any,
) -> list[dict[str, Any]]:
    """The support rows of the given clusters of the story (all its clusters with None; with these filters), in
    the order they joined (with ``each``, the first that many of each cluster):
    ``cluster_id``, ``claim_id``, ``article_id``, ``start``, ``end``, ``modality``, ``via`` (a list),
    ``origin``, ``outlet``, ``title``, ``published`` and ``ai_generated`` of the article."""
    if cluster_ids is not None and not cluster_ids:
        return []
    scope, params = _scope(story_id, filters)
    if cluster_ids is not None:
        # In a bounded view, through the window's articles ("+": not through the clusters' support, which walks
        # every claim of a large cluster for the few of the window: 158 ms against 10 on a 23,850-article story).
        column = "+s.cluster_id" if filters.get("window") else "s.cluster_id"
        scope += f" AND {column} IN ({','.join('?' * len(cluster_ids))})"
        params += cluster_ids
    columns = """s.cluster_id, s.claim_id, s.article_id, c.start, c.end, c.modality, c.via, a.origin, a.outlet,
                 substr(a.title, 1, 300) AS title, a.published, a.ai_generated"""
    if each is None:
        sql = f"SELECT {columns} {scope} ORDER BY s.rowid"
    else:
        numbered = (
            f"SELECT {columns}, s.rowid AS srow, row_number() OVER (PARTITION BY s.cluster_id ORDER BY s.rowid) AS nth"
        )
        sql = f"SELECT * FROM ({numbered} {scope}) WHERE nth <= ? ORDER BY srow"
        params = [*params, max(0, each)]
    found = []
    for row in as_dicts(conn.execute(sql, params)):
        row["via"] = json.loads(row["via"])
        row.pop("srow", None)
        row.pop("nth", None)
        found.append(row)
    return found
