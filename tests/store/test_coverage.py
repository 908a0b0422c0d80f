"""Each event's articles per day and outlet are kept as articles join and leave events (newsdesk.store.coverage):
what the stories page reads must equal what counting the articles gives, after an analysis, a move and a reset."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from newsdesk.corpus import open_corpus
from newsdesk.demo import corpus_path
from newsdesk.store import Store

# What the stories page counted from the articles before the counts were kept.
_COUNTED = """SELECT e.story_id AS story_id, substr(a.published, 1, 10) AS day, a.outlet AS outlet,
                     count(*) AS articles
              FROM events e JOIN articles a ON a.event_id = e.id
              GROUP BY e.story_id, day, a.outlet ORDER BY e.story_id, day"""


def _sorted(rows: Any) -> list[tuple[Any, ...]]:
    return sorted((tuple(r) for r in rows), key=repr)


def _counted(store: Store) -> list[tuple[Any, ...]]:
    return _sorted(store.conn.execute(_COUNTED))


def _kept(store: Store) -> list[tuple[Any, ...]]:
    return _sorted((r["story_id"], r["day"], r["outlet"], r["articles"]) for r in store.query("coverage"))


def _articles_per_story(store: Store) -> dict[str, int]:
    sql = "SELECT e.story_id, count(*) FROM events e JOIN articles a ON a.event_id = e.id GROUP BY e.story_id"
    return {r[0]: r[1] for r in store.conn.execute(sql)}


def test_kept_coverage_follows_analysis_moves_and_resets(database: str, tmp_path: Path) -> None:
    with open_corpus(database) as corpus:
        report = corpus.ingest([corpus_path()])
        assert len(report.added) > 10
        store = corpus.store
        assert _kept(store) == _counted(store) and _kept(store)
        summaries = {s["id"]: s["articles"] for s in store.query("story_summaries")}
        assert summaries == _articles_per_story(store)

        # An article moved to another story's event by a stage's update: both stories' counts follow.
        articles = store.query("article_summaries")
        events = sorted({a["event_id"] for a in articles if a.get("event_id")})
        assert len(events) >= 2
        moved = next(corpus.article(a["id"]) for a in articles if a.get("event_id") == events[0])
        other = next(e for e in events if e != moved.event_id)
        store.update([dataclasses.replace(moved, event_id=other)], stage="cluster", produces=["article.event_id"])
        assert _kept(store) == _counted(store)
        assert {s["id"]: s["articles"] for s in store.query("story_summaries")} == _articles_per_story(store)

        # Redone from scratch: the reset forgets the kept counts with the events, the analysis counts them again.
        store.reset("cluster")
        assert _kept(store) == [] == _counted(store)
        corpus.analyze()
        assert _kept(store) == _counted(store) and _kept(store)


def test_migration_counts_the_articles_of_a_store_from_before(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        corpus.ingest([corpus_path()])
        expected = _counted(corpus.store)
        corpus.store.conn.execute("DELETE FROM event_coverage")
        corpus.store.conn.execute("DELETE FROM _migrations WHERE name = 'm023_event_coverage'")
        corpus.store.conn.execute("DROP TABLE event_coverage")
        corpus.store.conn.commit()
    with open_corpus(db) as corpus:  # m023 runs again on open
        assert _kept(corpus.store) == expected and expected


def test_a_window_counts_the_articles_that_pass_its_filters_from_the_kept_coverage(tmp_path: Path) -> None:
    from newsdesk.store import story

    with open_corpus(tmp_path / "news.db") as corpus:
        corpus.ingest([corpus_path()])
        conn = corpus.store.conn
        largest = max(corpus.story_summaries(), key=lambda s: s["articles"])["id"]
        rows = conn.execute(
            "SELECT a.event_id, a.outlet, a.published FROM articles a JOIN events e ON e.id = a.event_id "
            "WHERE e.story_id = ? AND a.published IS NOT NULL ORDER BY a.published",
            (largest,),
        ).fetchall()
        assert len(rows) >= 3
        middle = rows[len(rows) // 2]["published"][:10]
        cases = [
            {},
            {"outlet": rows[0]["outlet"]},
            {"event": rows[-1]["event_id"]},
            {"since": middle},
            {"until": middle},
            {"since": middle, "until": middle},
            {"since": rows[0]["published"][:10], "outlet": rows[0]["outlet"]},
            {"outlet": "no such outlet"},
        ]
        for filters in cases:
            scope, params = story._scope(largest, filters)
            counted = conn.execute(f"SELECT count(*) {scope}", params).fetchone()[0]
            found = corpus.store.query("story_window", story_id=largest, limit=2, **filters)
            assert (found[0]["total"] if found else 0) == counted, filters
        assert any(
            conn.execute(f"SELECT count(*) {story._scope(largest, c)[0]}", story._scope(largest, c)[1]).fetchone()[0]
            not in (0, len(rows))
            for c in cases
        )


def test_a_story_s_signature_and_window_read_event_by_event_equal_counting_and_sorting_its_articles(
    database: str,
) -> None:
    from newsdesk.store import story

    with open_corpus(database) as corpus:
        corpus.ingest([corpus_path()])
        store = corpus.store

        def counted(story_id: str) -> tuple[int, int]:
            sql = """SELECT count(*), coalesce(max(a.rowid), 0) FROM events ev JOIN articles a ON a.event_id = ev.id
                     WHERE ev.story_id = ?"""
            row = store.conn.execute(sql, (story_id,)).fetchone()
            return int(row[0]), int(row[1])

        ids = [s["id"] for s in corpus.story_summaries()]
        assert store.story_signatures(ids) == {i: counted(i) for i in ids}
        largest = max(corpus.story_summaries(), key=lambda s: s["articles"])["id"]
        rows = store.conn.execute(
            "SELECT a.event_id, a.outlet, a.published FROM articles a JOIN events e ON e.id = a.event_id "
            "WHERE e.story_id = ? AND a.published IS NOT NULL ORDER BY a.published",
            (largest,),
        ).fetchall()
        middle = rows[len(rows) // 2]["published"][:10]
        cases = [{}, {"outlet": rows[-1]["outlet"]}, {"event": rows[0]["event_id"]}, {"since": middle}]
        cases += [{"until": middle}, {"outlet": "no such outlet"}]
        for filters in cases:
            scope, params = story._scope(largest, filters)
            for limit in (1, 3, 10, 1000):
                order = "ORDER BY a.published IS NULL, a.published DESC, a.rowid DESC LIMIT ?"
                expected = [r[0] for r in store.conn.execute(f"SELECT a.id {scope} {order}", [*params, limit])]
                found = store.query("story_window", story_id=largest, limit=limit, **filters)
                assert [r["id"] for r in found] == expected, (filters, limit)
        # An article moved to another story's event by a stage's update: both signatures follow.
        articles = store.query("article_summaries")
        moved = corpus.article(
            next(a["id"] for a in articles if a.get("event_id") and a["event_id"] != rows[0]["event_id"])
        )
        store.update(
            [dataclasses.replace(moved, event_id=rows[0]["event_id"])], stage="cluster", produces=["article.event_id"]
        )
        assert store.story_signatures(ids) == {i: counted(i) for i in ids}
