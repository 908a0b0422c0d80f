"""The schema is pinned: these columns are what migrations produce, and migrations are recorded once."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from newsdesk.store import Store, migrations

EXPECTED = {
    "articles": [
        "id",
        "source",
        "url",
        "canonical_url",
        "outlet",
        "byline",
        "title",
        "published",
        "dateline",
        "language",
        "format",
        "raw",
        "text",
        "words",
        "ai_generated",
        "duplicate_of",
        "cites",
        "furniture",
        "ingested_at",
        "event_id",
        "origin",
        "meta",
    ],
    "runs": ["id", "command", "started_at", "finished_at", "pid", "host", "status"],
    "run_stages": ["run_id", "stage", "items_in", "items_out", "duplicates", "failures", "seconds"],
    "failures": ["id", "run_id", "item", "stage", "article_id", "error", "message", "created_at"],
    "stage_done": ["article_id", "stage", "done_at"],
    "_migrations": ["name", "applied_at"],
    "fingerprints": ["article_id", "minhash", "shingles"],
    "origin_links": ["article_id", "other_id", "confidence", "evidence"],
    "stories": ["id", "title", "centroid", "first_seen", "last_seen"],
    "events": ["id", "story_id", "title", "centroid", "first_seen", "last_seen"],
    "term_counts": ["term", "documents"],
    "counters": ["name", "value"],
    "date_mentions": [
        "article_id",
        "start",
        "end",
        "text",
        "value",
        "precision",
        "anchor",
        "sentence_start",
        "sentence_end",
        "future",
    ],
    "entities": ["id", "name", "type", "aliases", "roles", "mentions", "articles"],
    "name_keys": ["chunk", "fn", "answers"],
    "mentions": ["article_id", "start", "end", "text", "type", "role", "entity_id"],
    "quotes": [
        "id",
        "article_id",
        "start",
        "end",
        "text",
        "speaker",
        "speaker_kind",
        "speaker_start",
        "speaker_end",
        "speaker_entity_id",
        "cue",
        "via",
        "direct",
        "confidence",
        "kind",
        "published",
    ],
    "stances": [
        "id",
        "article_id",
        "actor_id",
        "actor",
        "position",
        "target",
        "target_start",
        "target_end",
        "start",
        "end",
        "said",
        "cue",
        "condition",
        "date",
        "strength",
        "confidence",
        "terms",
    ],
}


def test_columns_are_pinned(store: Store) -> None:
    for table, columns in EXPECTED.items():
        if store.postgres:  # the same columns, in the same order, and the hidden rowid SQLite has built in
            got = store.pg.schema[table][0]
            sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position"
            assert next(r[0] for r in store.conn.execute(sql, (table,))) == "rowid"
        else:
            got = [row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")]
        assert got == columns, table


def test_fts_table_exists(store: Store) -> None:
    if store.postgres:
        names = {r[0] for r in store.conn.execute("SELECT tablename FROM pg_tables")}
    else:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert "articles_fts" in names


def test_migrations_apply_once(store: Store) -> None:
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _migrations ORDER BY name")]
    assert applied == [fn.__name__ for fn in migrations.MIGRATIONS]
    assert migrations.apply(store.conn) == []


def _database_before(db: Path, migration: Callable[[], str]) -> sqlite3.Connection:
    """A SQLite database at ``db`` with every migration before ``migration`` applied, as an older newsdesk left it."""
    from newsdesk.store import claims

    conn = sqlite3.connect(db)
    claims.functions(conn)  # m029 writes with claim_reading
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for fn in migrations.MIGRATIONS[: migrations.MIGRATIONS.index(migration)]:
        conn.executescript(f"{fn()}\nINSERT INTO _migrations VALUES ('{fn.__name__}', 'then');")
    return conn


def _old_article(conn: sqlite3.Connection, text: str) -> None:
    """Article a1 as a store before a migration held it: ``text`` as its raw form and its text."""
    conn.execute(
        "INSERT INTO articles (id, source, format, raw, text, words, ingested_at) "
        "VALUES ('a1', 'x.txt', 'text', ?, ?, ?, 'then')",
        (text, text, len(text.split())),
    )


def test_m005_keeps_old_date_mentions_and_queues_the_dates_stage_again(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = _database_before(db, migrations.m005_date_sentences)
    _old_article(conn, "It rained on Monday.")
    conn.execute("INSERT INTO date_mentions VALUES ('a1', 10, 19, 'on Monday', NULL, 'day', NULL)")
    conn.execute("INSERT INTO stage_done VALUES ('a1', 'dates', 'then')")
    conn.execute("INSERT INTO stage_done VALUES ('a1', 'cites', 'then')")
    conn.commit()
    conn.close()
    with Store(db) as store:
        row = store.conn.execute("SELECT text, sentence_start, sentence_end, future FROM date_mentions").fetchone()
        assert tuple(row) == ("on Monday", None, None, None)
        assert store.pending("dates") == ["a1"] and store.pending("cites") == []
        assert store.dates(["a1"])["a1"][0].sentence is None


def test_m016_story_lists_read_articles_and_mentions_from_covering_indexes(sqlite_store: Store) -> None:
    store = sqlite_store  # SQLite's query plans
    from newsdesk.store import story

    plans = []
    for sql, params in (story._entities_sql("s1", {}), story._outlets_sql("s1", {}), story._origins_sql("s1", {})):
        plans.append(" | ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params)))
    assert all("COVERING INDEX articles_event_cover" in p for p in plans), plans
    assert "COVERING INDEX mentions_article_entity" in plans[0], plans[0]
    entity = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(m.start), count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = ?",
        ("e1",),
    ).fetchall()
    assert any("COVERING INDEX mentions_entity_article" in r[3] for r in entity), entity


def test_m025_quotes_keep_their_article_date_and_a_speaker_page_is_read_in_order(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = _database_before(db, migrations.m025_quote_dates)
    dates = {"a1": "2024-03-01", "a2": None, "a3": "2024-05-02T09:00:00+00:00"}
    for article_id, published in dates.items():
        conn.execute(
            "INSERT INTO articles (id, source, format, raw, text, published, words, ingested_at) "
            "VALUES (?, 'x.txt', 'text', 'He said so.', 'He said so.', ?, 3, 'then')",
            (article_id, published),
        )
    conn.execute("INSERT INTO entities (id, name, type) VALUES ('e1', 'Ada Bell', 'PERSON')")
    quotes = [("q1", "a1", 0, "speech"), ("q2", "a2", 0, "speech"), ("q3", "a3", 5, "speech"), ("q4", "a3", 0, "view")]
    quotes += [("q5", "a3", 1, "speech")]
    conn.executemany(
        "INSERT INTO quotes (id, article_id, start, end, text, speaker_kind, speaker_entity_id, confidence, kind) "
        "VALUES (?, ?, ?, 10, 'said so', 'entity', 'e1', 0.9, ?)",
        quotes,
    )
    conn.commit()
    conn.close()
    with Store(db) as store:
        kept = dict(store.conn.execute("SELECT id, published FROM quotes").fetchall())
        assert kept == {"q1": "2024-03-01", "q2": "", "q3": dates["a3"], "q4": dates["a3"], "q5": dates["a3"]}
        # Newest article first, undated last, stored order within a date; the views apart, and counted apart.
        said = store.query("entity_quotes", entity_id="e1", limit=10)
        assert [q["id"] for q in said] == ["q3", "q5", "q1", "q2"]
        assert [q["published"] for q in said] == [dates["a3"], dates["a3"], "2024-03-01", None]
        assert [q["id"] for q in store.query("entity_quotes", entity_id="e1", limit=2, offset=1)] == ["q5", "q1"]
        assert [q["id"] for q in store.query("entity_quotes", entity_id="e1", limit=10, kind="view")] == ["q4"]
        assert store.query("entity_quotes_count", entity_id="e1") == [{"quotes": 4, "views": 1}]
        counts = store.query("entity_counts", entity_id="e1")[0]
        assert (counts["quotes"], counts["views"]) == (4, 1)
        # The page is picked on the speaker's index, in its order: never every quote of a speaker sorted.
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        store.query("entity_quotes", entity_id="e1", limit=20, offset=40)
        store.conn.set_trace_callback(None)
        sql = next(s for s in seen if "FROM quotes" in s)
        plan = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        page = next(r[0] for r in plan if r[3].startswith(("MATERIALIZE", "CO-ROUTINE")))
        picked = [r[3] for r in plan if r[1] == page]  # the steps that pick the page (then 20 rows are read, sorted)
        assert picked == ["SEARCH quotes USING COVERING INDEX quotes_speaker_date (speaker_entity_id=? AND kind=?)"], (
            plan
        )


def test_m027_makes_the_stories_whose_claims_pages_were_not_all_kept_pending_for_the_digest(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = _database_before(db, migrations.m027_claim_pages_kept)
    # Story s1's digest kept the ranking of 201 claim clusters (pages past the four kept), s2's of 200 (none).
    for story_id, articles, clusters in (("s1", ("a1", "a2", "a3"), 201), ("s2", ("b1", "b2"), 200)):
        conn.execute("INSERT INTO stories (id, centroid) VALUES (?, x'00')", (story_id,))
        conn.execute("INSERT INTO events (id, story_id, centroid) VALUES (?, ?, x'00')", (f"e{story_id}", story_id))
        for article_id in articles:
            conn.execute(
                "INSERT INTO articles (id, source, format, raw, text, words, ingested_at, event_id) "
                "VALUES (?, 'x.txt', 'text', 'It rained.', 'It rained.', 2, 'then', ?)",
                (article_id, f"e{story_id}"),
            )
            conn.execute("INSERT INTO stage_done VALUES (?, 'digest', 'then')", (article_id,))
        ranking = json.dumps([f"c{i}" for i in range(clusters)])
        conn.execute("INSERT INTO story_digests VALUES (?, 'list:claims:ranking', 3, 3, ?)", (story_id, ranking))
        conn.execute("INSERT INTO story_digests VALUES (?, 'claims', 3, 3, '[]')", (story_id,))
    conn.commit()
    conn.close()
    with Store(db) as store:
        # One article of s1 pending: the next analysis digests s1 alone; s2's digest and every part stay.
        assert store.pending("digest") == ["a1"]
        assert store.conn.execute("SELECT count(*) FROM story_digests").fetchone()[0] == 4


def test_m029_gives_support_rows_their_story_and_their_claims_reading(tmp_path: Path) -> None:
    from newsdesk.store import claims

    db = tmp_path / "old.db"
    conn = _database_before(db, migrations.m029_claim_support_story)
    _old_article(conn, "x")
    written = [
        ("k1", "stated", "Prices rose by 5%.", '["price", "rise"]', '[{"kind": "percent"}]'),
        ("k2", "denied", "The minister denied that prices rose.", '["price", "rise"]', "[]"),
        ("k3", "denied", "Prices did not rise.", '["price", "rise"]', "[]"),
    ]
    for i, (claim, modality, text, terms, values) in enumerate(written):
        conn.execute(
            'INSERT INTO claims (id, article_id, start, end, text, modality, asserted_kind, "values", terms, '
            "confidence) VALUES (?, 'a1', ?, ?, ?, ?, 'author', ?, ?, 0.5)",
            (claim, i, i + 1, text, modality, values, terms),
        )
    conn.execute("INSERT INTO claim_clusters (id, story_id, event_id, slot, text) VALUES ('c1', 's1', NULL, '', 'x')")
    for i, (claim, *_) in enumerate(written):
        conn.execute("INSERT INTO claim_support VALUES ('c1', ?, 'a1', 'supports', ?, ?)", (claim, i, i + 1))
    conn.commit()
    conn.close()
    with Store(db) as store:
        rows = store.conn.execute("SELECT claim_id, story_id, reading FROM claim_support ORDER BY rowid").fetchall()
        assert [r["story_id"] for r in rows] == ["s1"] * 3
        assert [r["reading"] for r in rows] == [claims.reading(t, v, m, x) for _, m, x, t, v in written]
        # Two denials of the same terms read apart where one has a denial's words; a row written now reads as one
        # written before.
        assert len({r["reading"] for r in rows}) == 3
        store.conn.execute("DELETE FROM claim_support WHERE claim_id = 'k3'")
        claims.save_clusters(store.conn, [], [("c1", "k3", "a1", "supports", 2, 3)])
        again = store.conn.execute("SELECT story_id, reading FROM claim_support WHERE claim_id = 'k3'").fetchone()
        assert tuple(again) == ("s1", rows[2]["reading"])


def test_m031_makes_the_stories_with_an_undated_article_pending_for_the_digest(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = _database_before(db, migrations.m031_undated_timelines)
    # Story s1 kept a timeline and holds an undated article; s2 kept one with every article dated; s3 (undated)
    # kept no timeline.
    stories = (("s1", ("a1", "a2"), (None, "2026-03-11")), ("s2", ("b1",), ("2026-03-11",)), ("s3", ("c1",), (None,)))
    for story_id, articles, published in stories:
        conn.execute("INSERT INTO stories (id, centroid) VALUES (?, x'00')", (story_id,))
        conn.execute("INSERT INTO events (id, story_id, centroid) VALUES (?, ?, x'00')", (f"e{story_id}", story_id))
        for article_id, day in zip(articles, published, strict=True):
            conn.execute(
                "INSERT INTO articles (id, source, format, raw, text, words, ingested_at, event_id, published) "
                "VALUES (?, 'x.txt', 'text', 'It rained.', 'It rained.', 2, 'then', ?, ?)",
                (article_id, f"e{story_id}", day),
            )
            conn.execute("INSERT INTO stage_done VALUES (?, 'digest', 'then')", (article_id,))
        if story_id != "s3":
            conn.execute("INSERT INTO story_digests VALUES (?, 'timeline:dates', 1, 1, '[]')", (story_id,))
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.pending("digest") == ["a1"]
        assert store.conn.execute("SELECT count(*) FROM story_digests").fetchone()[0] == 2
