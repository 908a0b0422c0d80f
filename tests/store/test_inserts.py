"""replace_rows writes what ``executemany`` of its ``INSERT OR REPLACE`` writes: the same rows with the same ids."""

from __future__ import annotations

import sqlite3

import pytest

from newsdesk.records import Article
from newsdesk.store import Store
from newsdesk.store.inserts import replace_rows

_SQL = (
    "INSERT OR REPLACE INTO mentions (article_id, start, end, text, type, role, entity_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _store(tmp_path, name: str) -> Store:
    store = Store(tmp_path / name)
    store.add(Article(id=f"a{k}", source=f"s{k}.txt", text=f"Invented text number {k}.") for k in range(3))
    with store.transaction() as conn:
        conn.execute("INSERT INTO entities (id, name, type) VALUES ('e1', 'Ada Vell', 'PERSON')")
    return store


def _rows(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute("SELECT rowid, * FROM mentions ORDER BY rowid")]


BATCHES = {
    "no conflict": [[("a0", 0, 3, "Ada", "PERSON", None, "e1"), ("a0", 9, 12, "Bo", "PERSON", None, None)]],
    "a key twice in one list": [
        [("a1", 0, 3, "Ada", "PERSON", None, None), ("a1", 0, 4, "Adam", "PERSON", None, "e1")]
    ],
    "a key already stored": [
        [("a2", 5, 8, "Cy", "ORG", None, None), ("a0", 1, 2, "X", "GPE", None, None)],
        [("a0", 7, 9, "Z", "GPE", None, None), ("a2", 5, 9, "Cyd", "ORG", "chief", "e1")],
    ],
    "a null where a default is": [[("a0", 3, 4, "Q", None, None, None)]],
}


@pytest.mark.parametrize("case", sorted(BATCHES))
def test_replace_rows_writes_what_replace_writes(tmp_path, case: str) -> None:
    slow, fast = _store(tmp_path, "slow.db"), _store(tmp_path, "fast.db")
    outcomes = []
    for store, write in (
        (slow, lambda c, rows: c.executemany(_SQL, rows)),
        (fast, lambda c, rows: replace_rows(c, _SQL, rows)),
    ):
        try:
            for rows in BATCHES[case]:
                with store.transaction() as conn:
                    conn.execute("DELETE FROM mentions WHERE article_id = ?", (rows[0][0],))
                    write(conn, rows)
            outcomes.append(None)
        except sqlite3.IntegrityError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    assert _rows(fast) == _rows(slow)
    assert case != "no conflict" or len(_rows(fast)) == 2


def test_replace_rows_fails_as_replace_does_on_a_missing_parent(tmp_path) -> None:
    store = _store(tmp_path, "fk.db")
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        replace_rows(conn, _SQL, [("a0", 0, 3, "Ada", "PERSON", None, "no-such-entity")])
    assert _rows(store) == []
