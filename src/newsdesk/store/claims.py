"""Rows of claims, claim clusters and their support: written by the claims stages, read back for matching and
for the ``claims`` and ``contradictions`` views."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from newsdesk.records import DENIAL, Article, Claim, Modality, Value, claim_id
from newsdesk.store import inserts, postgres

__all__ = [
    "as_dicts",
    "functions",
    "load",
    "matched",
    "members",
    "placed",
    "reading",
    "readings",
    "rows",
    "save",
    "save_all",
    "save_clusters",
    "stories_of",
    "window",
]


def reading(terms: str, values: str, modality: str, text: str) -> str:
    """What a stored claim (its written terms and values, modality and text) reads as for claim matching: claims
    that read alike are one ``Member`` to it but for their id and text (the same terms and values, both denials of
    the same wording or neither; decision 0042). Kept with each support row (m029), so that the store sums a
    story's rows up by it. ``claim_reading`` in SQLite's SQL (``functions``)."""
    mark = ("1" if DENIAL.search(text) else "0") if modality == Modality.DENIED else ""
    return hashlib.md5(f"{terms}\x1f{values}\x1f{mark}".encode(), usedforsecurity=False).hexdigest()


def functions(conn: sqlite3.Connection) -> None:
    """Give a SQLite connection the SQL functions the claims' rows are written with (``claim_reading``)."""
    conn.create_function("claim_reading", 4, reading, deterministic=True)


def reading_sql(conn: sqlite3.Connection) -> str:
    """The SQL of a ``claims`` row's (``c``) reading: :func:`reading` in SQLite; in PostgreSQL, where no Python
    runs, a digest of the terms, values and a denial's whole text (finer than :func:`reading`, whose claims a
    reading only groups: claims that read alike may have two readings, never claims that do not)."""
    if isinstance(conn, postgres.Connection):
        return READING_POSTGRES
    return 'claim_reading(c.terms, c."values", c.modality, c.text)'


READING_POSTGRES = (
    f'md5(c.terms || chr(31) || c."values" || chr(31) || '
    f"CASE WHEN c.modality = '{Modality.DENIED}' THEN 'd' || c.text ELSE '' END)"
)


def _value(d: dict[str, Any]) -> Value:
    # (A value written by ``value_fields`` has no other keys than its fields: it is made of them as they are.)
    return Value(**(d if d.keys() <= _VALUE_FIELDS else {k: v for k, v in d.items() if k in _VALUE_FIELDS}))


_VALUE_FIELDS = frozenset(Value.__dataclass_fields__)
_VALUE_NAMES = tuple(f.name for f in dataclasses.fields(Value))


def value_fields(value: Value) -> dict[str, Any]:
    """``dataclasses.asdict(value)``, field by field in their order: a value's fields are strings and numbers, which
    ``asdict`` would copy deeply, one call per field (a claim row is written for every claim of every article)."""
    return {name: getattr(value, name) for name in _VALUE_NAMES}


# ``json.dumps(x, ensure_ascii=False)``: the encoder it would make for each call (it keeps one for its default
# arguments only), made once; a claim row writes three lists.
_json = json.JSONEncoder(ensure_ascii=False).encode
_quoted = json.encoder.encode_basestring  # (C's) a string as that encoder writes it, quotes and escapes and all


def _json_names(names: Sequence[Any]) -> str:
    """``_json(list(names))``: a list of strings (a claim's terms, the outlets it credits) joined as the encoder
    joins them, without its call per list (three lists a claim, issue 17); anything else goes to the encoder."""
    if all(type(n) is str for n in names):
        return "[" + ", ".join(map(_quoted, names)) + "]"
    return _json(list(names))


_INSERT = (
    "INSERT OR REPLACE INTO claims (id, article_id, start, end, text, modality, asserted_by, asserted_kind, via, "
    '"values", terms, slot, is_update, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
)


def _rows(article: Article) -> list[tuple[Any, ...]]:
    return [
        (
            claim_id(article.id, c.start, c.end),
            article.id,
            c.start,
            c.end,
            c.text,
            str(c.modality),
            c.asserted_by,
            c.asserted_kind,
            _json_names(c.via),
            _json([value_fields(v) for v in c.values]),
            _json_names(c.terms),
            c.slot,
            int(c.update),
            c.confidence,
        )
        for c in article.claims
    ]


def save(conn: sqlite3.Connection, article: Article) -> None:
    """Replace the article's claims; its place in claim clusters is matched again by the next claim_match run."""
    conn.execute("DELETE FROM claims WHERE article_id = ?", (article.id,))
    conn.execute("DELETE FROM stage_done WHERE article_id = ? AND stage = 'claim_match'", (article.id,))
    conn.executemany(_INSERT, _rows(article))


def save_all(conn: sqlite3.Connection, articles: Sequence[Article]) -> bool:
    """:func:`save` of each of ``articles`` in turn, by one statement for them all, where none of them has a claim
    stored nor claim matching done (a chunk's claims as a run first writes them): :func:`save` would then delete
    nothing, so the same rows come in the same order. Returns whether it wrote them; else it writes nothing, and
    each article is to be saved in turn (issue 17)."""
    if not inserts.fresh(conn, [a.id for a in articles], {"claims": "", "stage_done": "stage = 'claim_match' AND "}):
        return False
    conn.executemany(_INSERT, [row for a in articles for row in _rows(a)])
    return True


_MODALITIES = {str(m): m for m in Modality}


def _claim(r: sqlite3.Row | dict[str, Any], parsed: dict[str, Any] | None = None) -> Claim:
    """The claim of a row (or of the row as a dict); ``parsed`` remembers the values and terms of each written form
    across rows."""
    values: tuple[Value, ...] | None = None
    terms: tuple[str, ...] | None = None
    if parsed is not None:
        values, terms = parsed.get("v" + r["values"]), parsed.get("t" + r["terms"])
    if values is None:
        values = tuple(_value(v) for v in json.loads(r["values"]))
        if parsed is not None:
            parsed["v" + r["values"]] = values
    if terms is None:
        terms = tuple(json.loads(r["terms"]))
        if parsed is not None:
            parsed["t" + r["terms"]] = terms
    return Claim(
        text=r["text"],
        start=r["start"],
        end=r["end"],
        modality=_MODALITIES.get(r["modality"]) or Modality(r["modality"]),
        asserted_by=r["asserted_by"],
        asserted_kind=r["asserted_kind"],
        via=() if r["via"] == "[]" else tuple(json.loads(r["via"])),
        values=values,
        terms=terms,
        slot=r["slot"],
        update=bool(r["is_update"]),
        confidence=r["confidence"],
    )


def load(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, list[Claim]]:
    """The claims of the given articles, in text order."""
    out: dict[str, list[Claim]] = {}
    parsed: dict[str, Any] = {}  # copies repeat their originals' terms and values: each written form parsed once
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT * FROM claims WHERE article_id IN ({marks}) ORDER BY start", chunk):
            out.setdefault(r["article_id"], []).append(_claim(r, parsed))
    return out


# The decoder ``json.loads`` uses (its default arguments), whose scanner :func:`_loads` asks directly.
_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _loads(text: str) -> Any:
    """``json.loads(text)``: for a text that is one JSON value with no space around it (what this module writes), the
    decoder's scanner asked directly, without the layers of ``loads`` around it (a read of a chunk's claims parses two
    texts a claim); any other text by ``json.loads`` (leading or trailing space, extra data, an error)."""
    try:
        got, end = _scan(text, 0)
    except StopIteration:
        return json.loads(text)
    return got if end == len(text) else json.loads(text)


class _Forms:
    """Each written form of terms or values parsed once: copies repeat their originals' (terms made ``as_terms``
    of their list, values a tuple; one object for all the rows of a form)."""

    def __init__(self, as_terms: Callable[[list[str]], Any]) -> None:
        self.as_terms = as_terms
        self.terms: dict[str, Any] = {}
        self.values: dict[str, tuple[Value, ...]] = {}

    def parse(self, terms: str, values: str) -> tuple[Any, tuple[Value, ...]]:
        got_t = self.terms.get(terms)
        if got_t is None:
            got_t = self.terms[terms] = self.as_terms(_loads(terms))
        got_v = self.values.get(values)
        if got_v is None:
            got_v = self.values[values] = tuple(map(_value, _loads(values)))
        return got_t, got_v


def matched(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
    """What claim matching reads of the given articles' claims, in text order (the order :func:`load` gives): each
    as (id, start, end, terms, values, modality, slot, text), no ``Claim`` made; a written form of terms or values
    that copies repeat is parsed once (the terms a tuple, as a ``Claim`` holds them). Read in the order of the
    claims' index (by article, then start: no sort of the chunk's claims by start in a temporary tree), which gives
    each article's claims in text order as :func:`load`'s sort does (an article's claims start at different places:
    each is a sentence of its own)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    forms = _Forms(tuple)
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"""SELECT article_id, id, start, end, terms, "values", modality, slot, text FROM claims
                WHERE article_id IN ({marks}) ORDER BY article_id, start""",
            chunk,
        ):
            article_id, id_, begin, end, t, v, modality, slot, text = tuple(r)
            got_t, got_v = forms.parse(t, v)
            out.setdefault(article_id, []).append((id_, begin, end, got_t, got_v, modality, slot, text))
    return out


def stories_of(conn: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """The story of each of the given events."""
    ids = list(event_ids)
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT id, story_id FROM events WHERE id IN ({marks})", chunk):
            if r["story_id"]:
                out[r["id"]] = r["story_id"]
    return out


def members(conn: sqlite3.Connection, story_ids: Sequence[str], latest: int | None = None) -> list[dict[str, Any]]:
    """Each stored cluster of the given stories with its member claims (article id, claim, published), in the
    order they joined. With ``latest``, only each story's last ``latest`` claims to join one of its clusters are
    read (and only the clusters they joined): a read bounded by ``latest``, not by the story's size; each
    cluster's ``joined`` then gives its claims' places in the order of joining (one order across clusters)."""
    if latest is not None:
        return _latest_members(conn, story_ids, latest)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(story_ids), 500):
        chunk = list(story_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT * FROM claim_clusters WHERE story_id IN ({marks}) ORDER BY rowid",
            chunk,
        ):
            found[r["id"]] = {**dict(r), "claims": []}
        rows_ = conn.execute(
            f"""SELECT s.cluster_id, c.*, a.published FROM claim_support s JOIN claim_clusters k ON k.id = s.cluster_id
                JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id
                WHERE k.story_id IN ({marks}) ORDER BY s.rowid""",
            chunk,
        )
        for r in rows_:
            found[r["cluster_id"]]["claims"].append((r["article_id"], _claim(r), r["published"]))
    return list(found.values())


_CLUSTER_COLUMNS = ("id", "story_id", "event_id", "slot", "text")


def _latest(conn: sqlite3.Connection, story_ids: Sequence[str], latest: int) -> list[int]:
    """The support rows (rowids, ascending) of each story's last ``latest`` claims to join one of its clusters."""
    picked: list[int] = []
    for story_id in story_ids:
        # Walks the story's last entries of the support rows' story index (no claim is read, nor any older row).
        picked.extend(
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM claim_support WHERE story_id = ? ORDER BY rowid DESC LIMIT ?", (story_id, latest)
            )
        )
    picked.sort()
    return picked


def _clusters_of(conn: sqlite3.Connection, cluster_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The rows of the given clusters, in the order they were made, each with empty ``claims`` and ``joined``."""
    wanted = sorted(set(cluster_ids))
    found: list[tuple[int, dict[str, Any]]] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.extend(
            (r["cluster_row"], {k: r[k] for k in _CLUSTER_COLUMNS} | {"claims": [], "joined": []})
            for r in conn.execute(
                f"SELECT rowid AS cluster_row, {', '.join(_CLUSTER_COLUMNS)} FROM claim_clusters WHERE id IN ({marks})",
                chunk,
            )
        )
    found.sort(key=lambda x: x[0])
    return [c for _, c in found]


def readings(conn: sqlite3.Connection, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]:
    """What claim matching reads of the given stories' last ``latest`` claims to join one of their clusters (the
    claims :func:`members` with ``latest`` reads, in the same order) and no more: each cluster as :func:`members`
    gives it, its ``claims`` as (claim id, article id, terms, values, modality, slot, text) and ``joined`` their
    places in the order of joining. No article column is read and no ``Claim`` made; a written form of terms or
    values that copies repeat is parsed once (one frozenset of terms, one tuple of values for all)."""
    picked = _latest(conn, story_ids, latest)
    rows_: list[tuple[Any, ...]] = []
    for start in range(0, len(picked), 500):
        chunk = picked[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows_.extend(
            conn.execute(
                # (A claim's article is there: its row goes with the article, a foreign key.)
                f"""SELECT s.rowid, s.cluster_id, c.id, c.article_id, c.terms, c."values", c.modality, c.slot, c.text
                    FROM claim_support s JOIN claims c ON c.id = s.claim_id WHERE s.rowid IN ({marks})""",
                chunk,
            ).fetchall()
        )
    rows_.sort(key=lambda r: r[0])
    found = _clusters_of(conn, (r[1] for r in rows_))
    by_id = {c["id"]: c for c in found}
    forms = _Forms(frozenset)
    for joined, cluster_id, id_, article_id, t, v, modality, slot, text in rows_:
        got_t, got_v = forms.parse(t, v)
        cluster = by_id[cluster_id]
        cluster["claims"].append((id_, article_id, got_t, got_v, modality, slot, text))
        cluster["joined"].append(joined)
    return found


def _bounds(conn: sqlite3.Connection, story_id: str, latest: int) -> tuple[int, int] | None:
    """The places (rowids) of the first and the last of the story's last ``latest`` support rows, read from the
    story's index of rows; None for a story with none."""
    high = conn.execute("SELECT max(rowid) FROM claim_support WHERE story_id = ?", (story_id,)).fetchone()[0]
    if high is None:
        return None
    low = conn.execute(
        "SELECT rowid FROM claim_support WHERE story_id = ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (story_id, max(latest, 1) - 1),
    ).fetchone()
    return (low[0] if low is not None else 0), high


def window(conn: sqlite3.Connection, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]:
    """What claim matching needs of each given story's last ``latest`` support rows (the rows :func:`readings`
    reads), summed up in the store by what a claim reads as: no row of it comes back one by one.

    For each story with rows: ``story_id``; ``low`` and ``high``, the places (rowids) of the first and the last of
    those rows; ``clusters``, the clusters they joined as :func:`readings` gives them (in the order they were made),
    each with ``readings``: the distinct (terms, values, modality, text if denied) its rows give, each as (place of
    its first row, that row's claim id, article id, text and slot, terms, values, modality, how many rows), in the
    order of their first rows; and ``repeated``: the claims with more than one of those rows (in several
    clusters), each with its clusters and its terms. A written form of terms or values is parsed once."""
    out: list[dict[str, Any]] = []
    forms = _Forms(frozenset)
    for story_id in story_ids:
        bounds = _bounds(conn, story_id, latest)
        if bounds is None:
            continue
        low, high = bounds
        span = (story_id, low, high)
        # Summed up on the story's index and the rows alone; the claims read are the first of each reading.
        groups = conn.execute(
            """SELECT cluster_id, reading, min(rowid), count(*) FROM claim_support
               WHERE story_id = ? AND rowid BETWEEN ? AND ? GROUP BY 1, 2""",
            span,
        ).fetchall()
        firsts: dict[int, tuple[Any, ...]] = {}
        wanted = sorted(g[2] for g in groups)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in conn.execute(
                f"""SELECT s.rowid, s.claim_id, s.article_id, c.text, c.slot, c.terms, c."values", c.modality
                    FROM claim_support s JOIN claims c ON c.id = s.claim_id WHERE s.rowid IN ({marks})""",
                chunk,
            ):
                firsts[r[0]] = tuple(r)
        clusters = _clusters_of(conn, {g[0] for g in groups})
        by_id = {c["id"]: c for c in clusters}
        for c in clusters:
            c["readings"] = []
            del c["claims"], c["joined"]
        for cluster_id, _, first, n in sorted(groups, key=lambda g: g[2]):
            if first not in firsts:
                continue  # a row whose claim is gone (as the rows read one by one, which join the claims)
            _, claim, article, text, slot, t, v, modality = firsts[first]
            got_t, got_v = forms.parse(t, v)
            by_id[cluster_id]["readings"].append((first, claim, article, text, slot, got_t, got_v, modality, n))
        repeated: dict[str, dict[str, Any]] = {}
        for r in conn.execute(
            """SELECT s.claim_id, s.cluster_id, c.terms FROM claim_support s JOIN claims c ON c.id = s.claim_id
               WHERE s.story_id = ? AND s.rowid BETWEEN ? AND ? AND s.claim_id IN (
                   SELECT claim_id FROM claim_support WHERE story_id = ? AND rowid BETWEEN ? AND ?
                   GROUP BY claim_id HAVING count(*) > 1)""",
            span + span,
        ):
            got = repeated.setdefault(r[0], {"clusters": [], "terms": frozenset(json.loads(r[2]))})
            got["clusters"].append(r[1])
        out.append({"story_id": story_id, "low": low, "high": high, "clusters": clusters, "repeated": repeated})
    return out


def placed(conn: sqlite3.Connection, story_id: str, low: int, high: int, article_ids: Sequence[str]) -> dict[str, str]:
    """The claims of the given articles that have a support row of the story at a place (rowid) from ``low`` to
    ``high``, each with the cluster of that row (found on the support rows' article index)."""
    out: dict[str, str] = {}
    ids = list(article_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"""SELECT claim_id, cluster_id FROM claim_support
                WHERE article_id IN ({marks}) AND story_id = ? AND rowid BETWEEN ? AND ?""",
            [*chunk, story_id, low, high],
        ):
            out[r[0]] = r[1]
    return out


def _latest_members(conn: sqlite3.Connection, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]:
    """:func:`members` with ``latest``: the clusters in the order they were made, their members read in the order
    they joined."""
    picked = _latest(conn, story_ids, latest)
    rows_: list[tuple[int, sqlite3.Row]] = []
    for start in range(0, len(picked), 500):
        chunk = picked[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows_.extend(
            (r["support_row"], r)
            for r in conn.execute(
                f"""SELECT s.rowid AS support_row, s.cluster_id, c.*, a.published FROM claim_support s
                    JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id
                    WHERE s.rowid IN ({marks})""",
                chunk,
            )
        )
    rows_.sort(key=lambda x: x[0])
    found = _clusters_of(conn, (r["cluster_id"] for _, r in rows_))
    by_id = {c["id"]: c for c in found}
    parsed: dict[str, Any] = {}  # copies repeat their originals' terms and values: each written form parsed once
    for joined, r in rows_:
        by_id[r["cluster_id"]]["claims"].append((r["article_id"], _claim(r, parsed), r["published"]))
        by_id[r["cluster_id"]]["joined"].append(joined)
    return found


def save_clusters(conn: sqlite3.Connection, clusters: Iterable[dict[str, Any]], support: Iterable[tuple]) -> None:  # type: ignore[type-arg]
    """Upsert cluster rows and add support rows (cluster_id, claim_id, article_id, stance, start, end)."""
    conn.executemany(
        "INSERT INTO claim_clusters (id, story_id, event_id, slot, text) "
        "VALUES (:id, :story_id, :event_id, :slot, :text) "
        "ON CONFLICT(id) DO UPDATE SET slot = excluded.slot, text = excluded.text",
        list(clusters),
    )
    support = list(support)
    if not support:
        return
    # A support row names its cluster's story and what its claim reads as (m029): matching reads by them.
    if isinstance(conn, postgres.Connection):  # (where no Python runs, the reading is SQL's: ``reading_sql``)
        conn.executemany(
            "INSERT OR REPLACE INTO claim_support (cluster_id, claim_id, article_id, stance, start, end, story_id, "
            "reading) VALUES (?, ?, ?, ?, ?, ?, (SELECT story_id FROM claim_clusters WHERE id = ?), "
            f"(SELECT {reading_sql(conn)} FROM claims c WHERE c.id = ?))",
            [(*row, row[0], row[1]) for row in support],
        )
        return
    # In SQLite, the rows' stories and readings are read and worked out here, a query for the batch rather than two
    # subqueries (and a call back into Python) a row; and the rows go in as plain INSERTs where none conflicts (a
    # batch's rows nearly always), which cost a third of INSERT OR REPLACE in this table (``inserts.replace_rows``).
    story = dict(_rows_of(conn, "SELECT id, story_id FROM claim_clusters WHERE id IN ({})", {r[0] for r in support}))
    read = {
        id_: reading(terms, values, modality, text)
        for id_, terms, values, modality, text in _rows_of(
            conn, 'SELECT id, terms, "values", modality, text FROM claims WHERE id IN ({})', {r[1] for r in support}
        )
    }
    inserts.replace_rows(
        conn,
        "INSERT OR REPLACE INTO claim_support (cluster_id, claim_id, article_id, stance, start, end, story_id, "
        "reading) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(*row, story.get(row[0]), read.get(row[1])) for row in support],
    )


def _rows_of(conn: sqlite3.Connection, sql: str, keys: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` (whose ``IN ({})`` takes the keys) for ``keys``, 500 keys a query."""
    keys = list(keys)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        yield from (tuple(r) for r in conn.execute(sql.format(",".join("?" * len(chunk))), chunk))


def rows(
    conn: sqlite3.Connection,
    *,
    story_ids: Sequence[str] | None = None,
    each: int | None = None,
    cluster_ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Every support row of the given stories' clusters (all stories when None), with the claim and the
    article facts corroboration needs: origin, outlet, published, cites. ``cluster_ids``: only those clusters'.
    ``each``: only the first that many rows of each cluster (in the order they joined), picked on the support
    index alone, so that only those rows' claims and articles are read."""
    conditions: list[str] = []
    params: list[Any] = []
    if story_ids is not None:
        conditions.append(f"k.story_id IN ({','.join('?' * len(story_ids))})")
        params.extend(story_ids)
    if cluster_ids is not None:
        conditions.append(f"k.id IN ({','.join('?' * len(cluster_ids))})")
        params.extend(cluster_ids)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    if each is not None:
        picked = f"""SELECT sr FROM (SELECT s.rowid AS sr,
                                            row_number() OVER (PARTITION BY s.cluster_id ORDER BY s.rowid) AS nth
                                     FROM claim_clusters k JOIN claim_support s ON s.cluster_id = k.id {where}) n
                     WHERE nth <= ?"""
        where = f"WHERE s.rowid IN ({picked})"
        params.append(max(0, each))
    sql = f"""SELECT k.id AS cluster_id, k.story_id, k.event_id AS cluster_event, k.slot AS cluster_slot,
                     k.text AS cluster_text, s.stance, s.start, s.end, s.claim_id, c.*, a.origin, a.outlet,
                     a.published, a.cites, a.duplicate_of, a.event_id, a.ai_generated
              FROM claim_support s JOIN claim_clusters k ON k.id = s.cluster_id
              JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = s.article_id
              {where} ORDER BY k.rowid, s.rowid"""
    out = []
    parsed: dict[str, Any] = {}  # copies repeat their originals' terms and values: each written form parsed once
    for row in as_dicts(conn.execute(sql, params)):
        row["claim"] = _claim(row, parsed)
        cites = row["cites"]
        row["cites"] = [] if cites == "[]" else json.loads(cites)
        out.append(row)
    return out


def as_dicts(rows: Iterable[sqlite3.Row]) -> Iterator[dict[str, Any]]:
    """``dict(r)`` of each of ``rows`` (one statement's), made from its values by position: ``dict(r)`` reads a
    row's columns by name one by one, each looked up among all its names."""
    names: tuple[str, ...] = ()
    pick: Callable[[Any], tuple[Any, ...]] = tuple
    for r in rows:
        if not names:
            names, pick = _columns(r)
        yield dict(zip(names, pick(r), strict=True))


def _columns(r: sqlite3.Row) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The names of ``dict(r)`` (each column's name once, in order) and what picks their values from a row by
    position: a name given twice (``s.start`` and ``c.start``) is its first column's, as ``r[name]`` reads it."""
    first: dict[str, int] = {}
    for i, name in enumerate(r.keys()):
        first.setdefault(name, i)
    if len(first) == len(r):
        return tuple(first), tuple
    return tuple(first), operator.itemgetter(*first.values())
