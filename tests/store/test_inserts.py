"""replace_rows writes what ``executemany`` of its ``INSERT OR REPLACE`` writes (the same rows with the same ids), and
mentions and quotes are read back as their classes make them."""

from __future__ import annotations

import dataclasses
import json
import random
import sqlite3

import pytest

from newsdesk.records import Article, Entity, Mention, Quote, QuoteKind, SpeakerKind
from newsdesk.store import Store, extracts
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


def test_mentions_and_quotes_read_back_as_their_classes_make_them(tmp_path) -> None:
    """``extracts.load`` sets the records' slots directly: each is equal to, hashes and prints as the record written,
    which ``Mention(...)`` and ``Quote(...)`` made, and stays frozen."""
    text = "Ada Vell told the Lorvan Times: “We will not move.” Bo Kessel said the dam was sound."
    mentions = (
        Mention(text="Ada Vell", start=0, end=8, type="PERSON", role="minister", entity_id="e1"),
        Mention(text="Lorvan Times", start=18, end=30, type="ORG"),
        Mention(text="Bo Kessel", start=52, end=61, type="PERSON", entity_id=None),
    )
    quotes = (
        Quote(
            text="We will not move.",
            start=33,
            end=50,
            speaker="Ada Vell",
            speaker_kind=SpeakerKind.PERSON,
            speaker_start=0,
            speaker_end=8,
            speaker_entity_id="e1",
            cue="told",
            via=("Lorvan Times",),
            confidence=0.9,
        ),
        Quote(
            text="the dam was sound",
            start=67,
            end=84,
            speaker="Bo Kessel",
            speaker_kind=SpeakerKind.GROUP,
            direct=False,
            kind=QuoteKind.VIEW,
        ),
    )
    store = _store(tmp_path, "read.db")
    article = Article(id="a0", source="s0.txt", text=text, mentions=mentions, quotes=quotes)
    with store.transaction() as conn:
        extracts.save(conn, article, {"article.mentions", "article.quotes"})
    read, said = extracts.load(store.conn, ["a0", "a1"])["a0"], extracts.load(store.conn, ["a1"])["a1"]
    assert read == (mentions, quotes) and said == ((), ())
    assert [repr(r) for r in (*read[0], *read[1])] == [repr(r) for r in (*mentions, *quotes)]
    assert [hash(r) for r in read[0]] == [hash(m) for m in mentions]
    assert type(read[1][1].kind) is QuoteKind and type(read[1][0].speaker_kind) is SpeakerKind
    with pytest.raises(dataclasses.FrozenInstanceError):
        read[0][0].start = 3  # type: ignore[misc]


def _names_slowly(text: str) -> tuple[str, ...]:
    """What ``extracts.entities`` read a list of names with before (the JSON decoder)."""
    return tuple(json.loads(text))


def test_a_list_of_names_reads_as_the_json_decoder_reads_it() -> None:
    """``extracts._names`` (the decoder passed over where no name has an escape) gives ``json.loads``'s names for
    every list ``save_entities`` writes, with or without the ASCII escapes, and for lists written otherwise (no
    spaces, other spaces, names holding quotes, backslashes, commas, control characters); what the decoder refuses
    it still refuses."""
    rng = random.Random(41)
    pieces = ["Ada", "Vell", " ", ", ", '", "', '"', "\\", "é", "ß", "\t", "\n", "[", "]", "", "Ōno", "\u200b", "\x7f"]
    lists = [[], [""], ["", ""], ["Ada Vell"], ['Bo "Tiny" Kessel'], ["Lorvan, Times", "Vell"]]
    lists += [
        ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 4))]
        for _ in range(3000)
    ]
    for names in lists:
        for text in (
            json.dumps(names, ensure_ascii=False),
            json.dumps(names),
            json.dumps(names, separators=(",", ":"), ensure_ascii=False),
            json.dumps(names, indent=1, ensure_ascii=False),
        ):
            assert extracts._names(text) == _names_slowly(text) == tuple(names), text
    for bad in ('["]', '["a"', '["a\tb"]', '["a", "b",]', "[1]"):
        try:
            expected: object = _names_slowly(bad)
        except ValueError as e:
            expected = type(e)
        try:
            got: object = extracts._names(bad)
        except ValueError as e:
            got = type(e)
        assert got == expected, bad


def test_entities_read_back_as_their_class_makes_them(tmp_path) -> None:
    """``extracts.entities`` sets the records' slots directly: each is equal to, hashes and prints as the record
    written, in the order written, and stays frozen."""
    written = [
        Entity(
            id="e1",
            name="Ada Vell",
            type="PERSON",
            aliases=("Ada Vell", "Vell"),
            roles=("minister",),
            mentions=4,
            articles=2,
        ),
        Entity(id="e2", name='The "Lorvan" Times', type="ORG", aliases=('The "Lorvan" Times', "Lorvan Times, The")),
        Entity(id="e0", name="Ōno", type="GPE", aliases=("Ōno", "O\\no"), roles=(), mentions=1, articles=1),
    ]
    store = _store(tmp_path, "entities.db")
    with store.transaction() as conn:
        extracts.save_entities(conn, written)
    read = extracts.entities(store.conn)
    assert read == written
    assert [repr(e) for e in read] == [repr(e) for e in written] and [hash(e) for e in read] == [
        hash(e) for e in written
    ]
    assert all(type(e.aliases) is tuple and type(e.roles) is tuple for e in read)
    with pytest.raises(dataclasses.FrozenInstanceError):
        read[0].mentions = 3  # type: ignore[misc]


def test_mentions_as_stored_are_what_save_then_load_give_back(tmp_path) -> None:
    # What entity linking is given of a chunk whose mentions are not written yet (decision 0053, revision of
    # 2026-12-06, early afternoon): one mention a start (the last of two written), in text order.
    store = _store(tmp_path, "stored.db")
    found = (
        Mention(text="Vell", start=9, end=13, type="PERSON"),
        Mention(text="Ada", start=0, end=3, type="PERSON", role="council leader"),
        Mention(text="Vell Co", start=9, end=16, type="ORG"),
        Mention(text="Orsa", start=20, end=24, type="GPE", entity_id="e1"),
    )
    article = Article(id="a1", source="s1.txt", text="Invented text number 1.", mentions=found)
    with store.transaction() as conn:
        extracts.save(conn, article, {"article.mentions"})
    stored = extracts.load(store.conn, ["a1"])["a1"][0]
    assert extracts.as_stored(found) == stored
    assert [m.text for m in stored] == ["Ada", "Vell Co", "Orsa"]
