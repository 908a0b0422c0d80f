"""``analyze --redo`` redoes every stage from scratch: the derived data equal a first run's, never doubled."""

from __future__ import annotations

from typing import Any

from newsdesk.corpus import open_corpus
from newsdesk.demo import corpus_path
from newsdesk.store import Store


def _derived(store: Store) -> dict[str, Any]:
    conn = store.conn
    rows = {
        "documents": "SELECT value FROM counters WHERE name = 'documents'",
        "term_counts": "SELECT term, documents FROM term_counts ORDER BY term",
        "articles": "SELECT id, event_id, origin, duplicate_of FROM articles ORDER BY id",
        "events": "SELECT id, story_id, title, first_seen, last_seen FROM events ORDER BY id",
        "stories": "SELECT id, title FROM stories ORDER BY id",
        "entities": "SELECT id, name, type, aliases, mentions, articles FROM entities ORDER BY id",
        "speakers": "SELECT id, speaker_entity_id FROM quotes ORDER BY id",
        "fingerprints": "SELECT count(*) FROM fingerprints",
    }
    return {name: [tuple(r) for r in conn.execute(sql)] for name, sql in rows.items()}


def test_issue_19_analyze_redo_gives_the_first_runs_derived_data(database: str) -> None:
    with open_corpus(database) as corpus:
        corpus.ingest([corpus_path()])
        first = _derived(corpus.store)
        assert first["documents"] == [(corpus.count(),)] and first["entities"] and first["events"]
        corpus.analyze(redo=True)
        assert _derived(corpus.store) == first
