"""PostgreSQL gives what SQLite gives: the same corpus analysed into both answers every named query the same.

The bundled demo corpus (invented news) is ingested and analysed once into a SQLite file and once into a new
PostgreSQL database of the server the test run starts (skipped, saying why, where none can start).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsdesk import digest
from newsdesk.corpus import Corpus, open_corpus
from newsdesk.demo import corpus_path
from newsdesk.errors import StoreError
from newsdesk.store import Store, postgres, queries
from newsdesk.store.pgsearch import Unreadable, tsquery
from newsdesk.web.views.stories import SECTIONS
from tests import pgserver


@pytest.fixture(scope="module")
def both(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, Corpus]]:
    import psycopg

    name = "newsdesk_demo_both"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name} TEMPLATE newsdesk_template")
    lite = open_corpus(tmp_path_factory.mktemp("both") / "demo.db")
    pg = open_corpus(pgserver.database_url(pg_server, name))
    try:
        for corpus in (lite, pg):
            report = corpus.ingest([corpus_path()])
            assert len(report.added) > 10 and not report.failures
        yield lite, pg
    finally:
        lite.close()
        pg.close()
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _calls(store: Store) -> dict[str, dict[str, Any]]:
    """Parameters for every named query, taken from the (SQLite) store's own contents."""
    stories = store.query("stories")
    story = max(stories, key=lambda s: len(s["article_ids"]))["id"]
    event = next(s for s in stories if s["id"] == story)["events"][0]["id"]
    entity = next(q["speaker_entity_id"] for q in store.query("quotes") if q["speaker_entity_id"])
    ids = [a["id"] for a in store.query("article_summaries")]
    mentioned = store.query("entity_mentions", entity_id=entity, limit=5)
    keys = [(m["article_id"], m["start"], m["story_mentions"]) for m in mentioned]
    marks = digest.entities.marks(store.query("entity_mention_keys", entity_id=entity))
    ranged = digest.entities.slices(marks, 2, 5)[0]
    one, page = {"story_id": story}, {"story_id": story, "limit": 10, "offset": 0}
    terms = [r[0] for r in store.conn.execute("SELECT term FROM term_counts ORDER BY term LIMIT 50")]
    return {
        "article_summaries": {},
        "article_texts": {"ids": ids[:5]},
        "co_mentioned": {"entity_id": entity},
        "coverage": {"story_id": story},
        "entities": {},
        "entities_named": {"entity_ids": [entity]},
        "entity_counts": {"entity_id": entity},
        "entity_mentions": {"entity_id": entity, "limit": 5},
        "entity_quotes": {"entity_id": entity, "limit": 5},
        "entity_quotes_count": {"entity_id": entity},  # h-load2's, for when both are merged
        "entity_record": {"entity_id": entity},
        "entity_told": {"entity_id": entity, "limit": 5},
        "entity_mentions_at": {"entity_id": entity, "keys": keys},
        "entity_mention_keys": {"entity_id": entity},
        "entity_mentions_range": {"entity_id": entity, **ranged},
        "failures": {},
        "mentions": {"article_id": ids[0]},
        "mentions_in": {"article_ids": ids},
        "outlets": {},
        "quotes": {},
        "quotes_in": {"article_ids": ids},
        "runs": {},
        "search": {"q": "harbour OR water"},
        "stages_done": {"article_id": ids[0]},
        "stories": {},
        "story_of": {"event_id": event},
        "story_summaries": {},
        "timeline_articles": {"ids": ids},
        "timeline_dates": {"article_ids": ids, "unresolved": ids[:3]},
        "story_articles": page,
        "story_articles_count": one,
        "story_credits": page,
        "story_credits_count": one,
        "story_days": one,
        "story_entities": page,
        "story_entities_count": one,
        "story_event_articles": {"story_id": story, "event_ids": [event], "each": 3},
        "story_events": page,
        "story_events_count": one,
        "story_find": {"story_id": story[:6]},
        "story_origins": page,
        "story_origin_groups": page,
        "story_origins_count": one,
        "story_origins_named": {"groups": store.query("story_origin_groups", **page)},
        "story_outlets": page,
        "story_outlets_count": one,
        "story_quoted": {"story_id": story, "speakers": 5, "sources": 5},
        "story_quotes": page,
        "story_quote_rows": one,
        "story_quotes_at": {"rows": [r["row"] for r in store.query("story_quote_rows", **one)][10:20], "total": 1},
        "story_quotes_count": one,
        "story_sources": page,
        "story_sources_count": one,
        "story_speakers": page,
        "story_speakers_count": one,
        "story_summary": one,
        "story_window": {"story_id": story, "limit": 5},  # and every filter: tests/store/test_coverage.py
        "stances_last": {},
        "story_claims": one,
        "story_claims_count": one,
        "story_claim_support": one,
        "story_claim_heads": {"story_id": story, "ids": [k["id"] for k in store.query("story_claims", **one)]},
        "framing_articles": one,
        "framing_names": one,
        "term_documents": {"keys": terms},
    }


# Rows that tie on the query's ORDER BY come in either order; these are compared as multisets.
_TIES = {
    "quotes",
    "quotes_in",
    "framing_names",
    "article_texts",
    "term_documents",
    "story_credits",
    "story_claim_heads",
}
# What differs by nature: when each run and stage ran, and search ranking (bm25 against ts_rank) with its snippets.
_OWN = {"runs": {"id", "started_at", "finished_at", "pid", "seconds", "stages"}, "stages_done": {"done_at"}}


def _same(name: str, rows: list[dict[str, Any]]) -> list[Any]:
    drop = _OWN.get(name, set()) | ({"snippet", "score"} if name == "search" else set())
    kept = [{k: v for k, v in r.items() if k not in drop} for r in rows]
    if name in _TIES or name == "search":
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in kept)
    return kept


@pytest.mark.parametrize("name", sorted(queries.__all__))
def test_every_named_query_answers_as_on_sqlite(both: tuple[Corpus, Corpus], name: str) -> None:
    lite, pg = both
    calls = _calls(lite.store)
    assert name in calls, f"a new named query: give it parameters in _calls to compare it on both backends ({name})"
    params = calls[name]
    expected = lite.store.query(name, **params)
    if name in Store.NOT_ON_POSTGRES:
        with pytest.raises(StoreError, match="not yet supported on PostgreSQL"):
            pg.store.query(name, **params)
        return
    got = pg.store.query(name, **params)
    assert expected or name == "failures", f"{name}: the demo corpus gives no rows to compare"
    assert _same(name, got) == _same(name, expected)


def test_the_analysis_finds_the_same_stories_events_and_entities(both: tuple[Corpus, Corpus]) -> None:
    lite, pg = both
    assert pg.stories() == lite.stories()
    assert pg.store.count() == lite.store.count()
    assert sorted(e.id for e in pg.store.entities()) == sorted(e.id for e in lite.store.entities())


def test_search_ranks_a_title_hit_first_and_marks_the_snippet(both: tuple[Corpus, Corpus]) -> None:
    _, pg = both
    rows = pg.store.query("search", q="strike", marks=("<<", ">>"))
    assert rows and rows[0]["title"] and "strike" in rows[0]["title"].lower()
    assert all("<<" in r["snippet"] and r["score"] > 0 for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_a_reader_sees_commits_and_cannot_write(both: tuple[Corpus, Corpus]) -> None:
    _, pg = both
    reader = pg.store.reader()
    try:
        before = reader.data_version()
        pg.store.mark("demo")
        assert reader.data_version() != before
        assert Store.is_marked(pg.store.path, "demo")
        with pytest.raises(Exception, match="read-only"):
            reader.conn.execute("DELETE FROM counters")
    finally:
        reader.close()


def test_the_web_ui_serves_pages_from_postgresql(both: tuple[Corpus, Corpus]) -> None:
    from newsdesk.web import create_app

    _, pg = both
    story = max(pg.stories(), key=lambda s: len(s["article_ids"]))
    entity = pg.store.query("entities")[0]["id"]
    pages = ["/", f"/stories/{story['id']}", f"/articles/{story['article_ids'][0]}", f"/entities/{entity}"]
    pages += [f"/stories/{story['id']}/{section}" for section in SECTIONS] + ["/search?q=harbour", "/index.json"]
    with TestClient(create_app(pg)) as client:
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text[:300])


def test_the_analysis_lock_is_held_by_one_connection(pg_url: str) -> None:
    with Store(pg_url) as first, Store(pg_url) as second:
        with first.analysis_lock(wait=0):
            told: list[str] = []
            with (
                pytest.raises(StoreError, match="being analysed by newsdesk"),
                second.analysis_lock(wait=0.3, on_wait=told.append),
            ):
                pass
            assert told and "waiting up to 0.3 s" in told[0]
        with second.analysis_lock(wait=0):  # released when the block ends
            pass


def test_one_writer_at_a_time_and_a_clear_error_past_the_wait(pg_url: str) -> None:
    from newsdesk.errors import LockedError

    with Store(pg_url) as first, Store(pg_url) as second:
        second.pg.pg.execute("SET lock_timeout = 300")
        with first.transaction(), pytest.raises(LockedError, match="kept writing to it"), second.transaction():
            pass
        with second.transaction() as conn:  # free once the first has committed
            conn.execute("INSERT INTO counters (name, value) VALUES ('x', 1)")
        assert first.conn.execute("SELECT value FROM counters WHERE name = 'x'").fetchone()[0] == 1


def test_a_deadline_stops_a_long_query_with_the_message(pg_url: str) -> None:
    from newsdesk.errors import QueryError

    with Store(pg_url) as store:
        with pytest.raises(QueryError, match="too slow"), store.deadline(0.2, "too slow"):
            store.conn.execute("SELECT pg_sleep(2)")
        assert store.conn.execute("SELECT 1").fetchone()[0] == 1  # the connection goes on


def test_a_missing_server_is_a_clear_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Cannot open database 'postgresql://nobody:\\*\\*\\*@"):
        Store(f"postgresql://nobody:secret@/none?host={tmp_path}&connect_timeout=2")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dam", "'dam'"),
        ("dam bridge", "'dam' & 'bridge'"),
        ('"walked out" union', "('walked' <-> 'out') & 'union'"),
        ("dock*", "'dock':*"),
        ("title:harbour", "'harbour':A"),
        ("kessel NOT shop", "'kessel' &! 'shop'"),
        ("(a OR b) c", "( 'a' | 'b' ) & 'c'"),
        ("NEAR(reopened aloud, 8)", "( 'reopened' & 'aloud' )"),
    ],
)
def test_the_fts5_language_reads_as_a_tsquery(query: str, expected: str) -> None:
    assert tsquery(query) == expected


@pytest.mark.parametrize("query", ["dam AND", "OR dam", "(dam", "dam)"])
def test_a_query_that_is_not_fts5_is_unreadable_then_plain_words(query: str) -> None:
    with pytest.raises(Unreadable):
        tsquery(query)
    assert "'dam'" in tsquery(query, plain=True)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT a FROM t WHERE id = ?", "SELECT a FROM t WHERE id = %s"),
        ("SELECT a FROM t WHERE id = :id", "SELECT a FROM t WHERE id = %(id)s"),
        ("SELECT start, end FROM t", 'SELECT start, "end" FROM t'),
        ("SELECT q.end FROM q", "SELECT q.end FROM q"),
        ("SELECT max(0, a - 4) FROM t", "SELECT greatest(0, a - 4) FROM t"),
        ("SELECT max(a) FROM t", "SELECT max(a) FROM t"),
        ("SELECT count(*) FROM (SELECT 1)", "SELECT count(*) FROM (SELECT 1) AS _q1"),
        ("SELECT * FROM (SELECT 1) g", "SELECT * FROM (SELECT 1) g"),
        ("SELECT 1 FROM t WHERE x LIKE '5%'", "SELECT 1 FROM t WHERE x ILIKE '5%%'"),
        ("SELECT 1 FROM t WHERE 1", "SELECT 1 FROM t WHERE TRUE"),
        ("SELECT 1 FROM t WHERE a IN ()", "SELECT 1 FROM t WHERE a IN (SELECT NULL WHERE FALSE)"),
        ("SELECT 1 FROM t WHERE x = ? COLLATE NOCASE", "SELECT 1 FROM t WHERE lower(x) = lower(%s)"),
        ("INSERT OR IGNORE INTO t (a, b) VALUES (?, ?)", "INSERT INTO t (a, b) VALUES (%s, %s) ON CONFLICT DO NOTHING"),
        (
            "INSERT OR REPLACE INTO t VALUES (?, ?)",
            "INSERT INTO t (a, b) VALUES (%s, %s) ON CONFLICT (a) DO UPDATE SET b = excluded.b",
        ),
        (
            "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT(a) DO UPDATE SET b = b + excluded.b",
            "INSERT INTO t (a, b) VALUES (%s, %s) ON CONFLICT(a) DO UPDATE SET b = t.b + excluded.b",
        ),
    ],
)
def test_sqlite_sql_translates_for_postgresql(sql: str, expected: str) -> None:
    assert postgres.translate(sql, {"t": (["a", "b"], ["a"])}) == expected


def test_sqlite_table_options_are_left_out() -> None:
    sql = "CREATE TABLE d (k TEXT, part TEXT, PRIMARY KEY (k, part)) WITHOUT ROWID; CREATE TABLE e (id INTEGER) STRICT;"
    ddl = postgres.translate(sql, params=False)
    assert "WITHOUT" not in ddl and "STRICT" not in ddl and ddl.count("PRIMARY KEY (k, part));") == 1


def test_a_new_migration_of_plain_ddl_needs_no_twin() -> None:
    sql = "CREATE TABLE digests (story_id TEXT PRIMARY KEY, n INTEGER, w REAL, b BLOB);"
    ddl = postgres.translate(sql, params=False)
    assert ddl == (
        "CREATE TABLE digests ( rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE, "
        'story_id TEXT COLLATE "C" PRIMARY KEY, n BIGINT, w DOUBLE PRECISION, b BYTEA);'
    )


@pytest.mark.parametrize("kind", ["direct", "reported", "view"])
def test_a_quote_kind_answers_as_on_sqlite(both: tuple[Corpus, Corpus], kind: str) -> None:
    lite, pg = both
    story = max(lite.stories(), key=lambda s: len(s["article_ids"]))["id"]
    for name, params in (
        ("story_quotes", {"limit": 1000}),
        ("story_quotes_count", {}),
        ("story_speakers", {"limit": 1000}),
        ("story_quoted", {"speakers": 100, "sources": 100}),
    ):
        expected = lite.store.query(name, story_id=story, kind=kind, **params)
        assert expected == pg.store.query(name, story_id=story, kind=kind, **params), name
    assert lite.store.query("story_quotes_count", story_id=story, kind=kind)[0]["total"] > 0


def test_values_picked_out_of_a_digest_part_are_those_of_sqlite(both: tuple[Corpus, Corpus]) -> None:
    lite, pg = both
    story = max(lite.stories(), key=lambda s: len(s["article_ids"]))["id"]
    for part, paths in (("claims", ["$[0].id", "$[0].contradicts", "$[99].id"]), ("dashboard", ["$.choices"])):
        expected = lite.store.story_digest_paths(story, part, paths)
        assert expected is not None and expected[0] is not None
        assert pg.store.story_digest_paths(story, part, paths) == expected, part


def test_a_kept_timeline_s_pages_are_those_of_sqlite(both: tuple[Corpus, Corpus]) -> None:
    lite, pg = both
    story = max(lite.stories(), key=lambda s: len(s["article_ids"]))["id"]
    assert lite.store.story_digest(story, digest.timeline.DATES)  # kept by the digest stage on both
    for view in ({}, {"recent": True}, {"since": "2026-01-01"}, {"until": "2026-06-30", "recent": True}):
        for offset in (0, 5, 1_000):
            expected = lite.story_timeline(story, offset=offset, limit=5, **view)
            assert pg.story_timeline(story, offset=offset, limit=5, **view) == expected, (view, offset)


def test_a_windowed_story_view_answers_as_on_sqlite(both: tuple[Corpus, Corpus]) -> None:
    lite, pg = both
    story = max(lite.stories(), key=lambda s: len(s["article_ids"]))["id"]
    bounded, _ = lite.story_window(story, {})
    assert json.loads(bounded["window"])
    for name, params in (
        ("story_articles", {"limit": 1000}),
        ("story_quotes", {"limit": 1000}),
        ("story_speakers", {"limit": 1000}),
        ("story_claims", {"limit": 1000}),
        ("story_claim_support", {"each": 2}),
    ):
        expected = lite.store.query(name, story_id=story, **bounded, **params)
        got = pg.store.query(name, story_id=story, **bounded, **params)
        assert expected, name
        # Read through the window, rows that tie on the order may come in another: compared as multisets.
        assert sorted(json.dumps(r, sort_keys=True, default=str) for r in got) == sorted(
            json.dumps(r, sort_keys=True, default=str) for r in expected
        ), name


def test_the_later_pages_of_a_story_s_lists_are_kept_and_read_as_on_sqlite(
    both: tuple[Corpus, Corpus], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages of 2 rows, the first kept as rows: every later page kept compact, read back on each backend.
    monkeypatch.setattr(digest.lists, "PER_PAGE", 2)
    monkeypatch.setattr(digest.lists, "KEPT", 1)
    lite, pg = both
    story = max(lite.stories(), key=lambda s: len(s["article_ids"]))["id"]
    kept = [digest.lists.compute(c.store, story) for c in (lite, pg)]
    assert kept[0].keys() == kept[1].keys()
    read: list[dict[str, list[Any]]] = [{}, {}]
    for corpus, parts, into in zip((lite, pg), kept, read, strict=True):
        for part, value in parts.items():
            section = part.split(":")[1]
            rows = digest.lists.read_later(corpus.store, section, value) if isinstance(value, dict) else value
            into.setdefault(section, []).extend(json.loads(json.dumps(rows, default=str)))
    assert any(isinstance(v, dict) for v in kept[0].values())
    for section, rows in read[0].items():
        if section == "credits":  # ties on the order come in either order (as _TIES)
            assert sorted(map(json.dumps, read[1][section])) == sorted(map(json.dumps, rows))
        else:
            assert read[1][section] == rows, section


def test_a_story_set_s_stance_rows_are_those_of_sqlite(both: tuple[Corpus, Corpus]) -> None:
    # Read through the stories' events (CROSS JOIN), the latest picked by row first: the same rows in the same order.
    lite, pg = both
    stories = sorted({r["story_id"] for r in lite.store.stance_rows() if r["story_id"]})
    assert stories, "the demo corpus gives no stances to compare"
    for ids in [[s] for s in stories] + [stories]:
        for latest in (None, 1, 3, 600):
            expected = lite.store.stance_rows(story_ids=ids, latest=latest)
            assert pg.store.stance_rows(story_ids=ids, latest=latest) == expected, (ids, latest)


def test_the_digest_s_mention_index_reads_as_on_sqlite(both: tuple[Corpus, Corpus]) -> None:
    # Every linked mention read at once (articles' rows, dates and stories, the mentions, the entities' names):
    # the same rows on PostgreSQL (its rowid column stands for SQLite's), and the same cards made from them.
    lite, pg = both
    read = [(a, sorted(m), n) for a, m, n in (lite.store.mention_index(), pg.store.mention_index())]
    assert (
        sorted(read[0][0]) == sorted(read[1][0])
        and read[0][1] == read[1][1]
        and sorted(read[0][2]) == sorted(read[1][2])
    )
    assert read[0][1], "no linked mention in the demo"
    indexes = [digest.entities.Index(*corpus.store.mention_index()) for corpus in (lite, pg)]
    for entity in lite.entities():
        cards = [digest.entities.card(c.store, entity["id"], index=i) for c, i in zip((lite, pg), indexes, strict=True)]
        assert cards[0] == cards[1], entity["id"]
