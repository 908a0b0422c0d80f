"""The entities each event's articles name are kept as articles join events and mentions are linked
(newsdesk.store.event_entities): what the cluster stage reads must equal the DISTINCT over the mentions it replaced,
after an analysis, a move, relinked mentions, resets and the migration of a store from before."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from newsdesk.corpus import open_corpus
from newsdesk.demo import corpus_path
from newsdesk.store import Store

# What the cluster stage read before the pairs were kept.
_DISTINCT = """SELECT DISTINCT a.event_id, m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE a.event_id IS NOT NULL AND m.entity_id IS NOT NULL"""
_COUNTED = """SELECT a.event_id, m.entity_id, count(*) FROM mentions m JOIN articles a ON a.id = m.article_id
              WHERE a.event_id IS NOT NULL AND m.entity_id IS NOT NULL GROUP BY a.event_id, m.entity_id"""


def _distinct(store: Store) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in store.conn.execute(_DISTINCT)}


def _kept(store: Store) -> set[tuple[str, str]]:
    return {(event_id, entity_id) for event_id, entities in store.event_entities().items() for entity_id in entities}


def _same(store: Store) -> None:
    assert _kept(store) == _distinct(store)
    kept = {(r[0], r[1]): r[2] for r in store.conn.execute("SELECT event_id, entity_id, mentions FROM event_entities")}
    assert kept == {(r[0], r[1]): r[2] for r in store.conn.execute(_COUNTED)}


def test_kept_entities_follow_analysis_moves_relinks_and_resets(database: str) -> None:
    with open_corpus(database) as corpus:
        corpus.ingest([corpus_path()])
        store = corpus.store
        assert len(_kept(store)) > 20
        _same(store)

        # An article moved to another event by a stage's update: both events' entities follow.
        events = sorted({a["event_id"] for a in store.query("article_summaries") if a.get("event_id")})
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles WHERE event_id = ?", (events[0],))]
        moved = corpus.article(ids[0])
        assert moved is not None and any(m.entity_id for m in moved.mentions)
        store.update([dataclasses.replace(moved, event_id=events[1])], stage="cluster", produces=["article.event_id"])
        _same(store)

        # Its mentions linked otherwise (one unlinked, one given another mention's entity), then dropped.
        linked = [m for m in moved.mentions if m.entity_id]
        other = next(m.entity_id for m in linked if m.entity_id != linked[0].entity_id)
        relinked = [
            dataclasses.replace(m, entity_id=None if m is linked[0] else other if m is linked[-1] else m.entity_id)
            for m in moved.mentions
        ]
        moved = dataclasses.replace(moved, event_id=events[1], mentions=tuple(relinked))
        store.update([moved], stage="entities", produces=["article.entities"])
        _same(store)
        store.update([dataclasses.replace(moved, mentions=())], stage="entities", produces=["article.mentions"])
        _same(store)

        # Out of every event, then redone from scratch: the resets forget the kept pairs, the analysis counts them.
        store.update([dataclasses.replace(moved, event_id=None)], stage="cluster", produces=["article.event_id"])
        _same(store)
        store.reset("cluster")
        assert _kept(store) == set() == _distinct(store)
        corpus.analyze()
        _same(store)
        store.reset("entities")
        assert _kept(store) == set() == _distinct(store)
        corpus.analyze()
        assert _kept(store)
        _same(store)


def test_migration_counts_the_entities_of_a_store_from_before(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        corpus.ingest([corpus_path()])
        expected = _distinct(corpus.store)
        corpus.store.conn.execute("DELETE FROM _migrations WHERE name = 'm030_event_entities'")
        corpus.store.conn.execute("DROP TABLE event_entities")
        corpus.store.conn.commit()
    with open_corpus(db) as corpus:  # m030 runs again on open
        assert _kept(corpus.store) == expected and expected
        _same(corpus.store)
