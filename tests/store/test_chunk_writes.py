"""A chunk's mentions, quotes and claims written by one statement of each kind for the whole chunk (issue 17) are the
rows each article written in turn gives, row ids and all; where some are stored already, each article is written in
turn, as before."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator, Sequence

import pytest

from newsdesk.records import Article, Claim, Mention, Modality, Quote, SpeakerKind, Value
from newsdesk.store import Store, claims, extracts
from newsdesk.store.claims import _json_names
from tests import pgserver

TEXT = "Ada Vell told the Lorvan Times: “We will not move.” Bo Kessel said the dam was sound, at 40 metres."
EXTRACTS = {"article.mentions", "article.quotes"}


def _article(k: int, *, twice: bool = False, salt: str = "") -> Article:
    """An invented article ``a{k}`` with mentions (one start twice with ``twice``), quotes and claims."""
    mentions = [
        Mention(text="Ada Vell", start=0, end=8, type="PERSON", role="minister", entity_id="e1" if k % 2 else None),
        Mention(text="Lorvan Times" + salt, start=18, end=30, type="ORG"),
        Mention(text="Bo Kessel", start=52, end=61, type="PERSON"),
    ]
    if twice:
        mentions.append(Mention(text="Ada", start=0, end=3, type="PERSON", entity_id="e1"))
    quotes = (
        Quote(
            text="We will not move." + salt,
            start=33,
            end=50,
            speaker="Ada Vell",
            speaker_kind=SpeakerKind.PERSON,
            speaker_start=0,
            speaker_end=8,
            speaker_entity_id="e1" if k % 3 else None,
            cue="told",
            via=("Lorvan Times", 'the "Post"') if k % 2 else (),
            confidence=0.9,
        ),
        Quote(text="the dam was sound", start=67, end=84, speaker="Bo Kessel", speaker_kind=SpeakerKind.GROUP),
    )
    value = Value(kind="number", value="40", unit="metre", text="40 metres", start=89, end=98)
    found = (
        Claim(text="the dam was sound" + salt, start=67, end=84, terms=("dam", "sound", 'é"\\'), via=("Lorvan",)),
        Claim(text="at 40 metres", start=86, end=98, values=(value,), modality=Modality.DENIED, slot="height · dam"),
    )
    return Article(
        id=f"a{k}",
        source=f"s{k}.txt",
        text=TEXT,
        published=f"2026-11-{k + 1:02d}" if k % 4 else None,
        mentions=tuple(mentions),
        quotes=quotes,
        claims=found if k % 5 else (),
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, tmp_path) -> Iterator[Callable[[str], str]]:
    """Where each store of a test goes by its name: SQLite files, or new PostgreSQL databases (skipped where no
    server can start), dropped after the test: row ids and upserts differ between the two."""
    if request.param == "sqlite":
        yield lambda name: str(tmp_path / name)
        return
    import psycopg

    server: str = request.getfixturevalue("pg_server")
    made: list[str] = []

    def database(name: str) -> str:
        made.append(f"newsdesk_test_{os.getpid()}_chunk_{name.split('.')[0]}")
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {made[-1]} TEMPLATE newsdesk_template")
        return pgserver.database_url(server, made[-1])

    yield database
    with psycopg.connect(server, autocommit=True) as admin:
        for name in made:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _store(where: str | Callable[[str], str], name: str, n: int) -> Store:
    store = Store(where(name) if callable(where) else f"{where}/{name}")
    store.add(Article(id=f"a{k}", source=f"s{k}.txt", text=TEXT, published=_article(k).published) for k in range(n))
    with store.transaction() as conn:
        conn.execute("INSERT INTO entities (id, name, type) VALUES ('e1', 'Ada Vell', 'PERSON')")
    return store


def _tables(store: Store) -> dict[str, list[tuple]]:
    return {
        table: [tuple(r) for r in store.conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")]
        for table in ("mentions", "quotes", "claims", "stage_done")
    }


# A quote found before, found no more.
STALE = Quote(text="40 metres", start=89, end=98, speaker="Bo Kessel", speaker_kind=SpeakerKind.PERSON)

# Each case: what is stored first (each article in turn), then what is written; the chunk's articles by number.
CASES: dict[str, tuple[list[Article], list[Article], set[str]]] = {
    "a fresh chunk": ([], [_article(k) for k in range(7)], EXTRACTS),
    "a start twice in an article": ([], [_article(k, twice=k == 3) for k in range(5)], EXTRACTS),
    "an article twice in the chunk": ([], [_article(k) for k in (0, 1, 2, 1)], EXTRACTS),
    "some stored, written again": (
        [_article(k) for k in (1, 3)],
        [_article(k, salt=" again") for k in range(5)],
        EXTRACTS,
    ),
    "the links alone": ([], [_article(k) for k in range(4)], {"article.entities"}),
    "mentions with links over stored quotes": (
        [_article(k) for k in range(4)],
        [_article(k, salt=" linked") for k in range(4)],
        {"article.entities"},
    ),
    "one article": ([], [_article(2)], EXTRACTS),
    # An article's quotes stored, its mentions not (none found, or deleted): its quotes are deleted and written
    # again with the others', each in turn; linking writes the chunk's mentions at once, the stored quotes' links.
    "quotes stored without mentions": (
        [dataclasses.replace(_article(k), mentions=(), quotes=(*_article(k).quotes, STALE)) for k in (1, 2)],
        [_article(k, salt=" again") for k in range(4)],
        EXTRACTS,
    ),
    "links over quotes stored without mentions": (
        [dataclasses.replace(_article(k), mentions=()) for k in range(4)],
        [_article(k, salt=" linked") for k in range(4)],
        {"article.entities"},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_chunks_extracts_written_at_once_are_the_rows_written_in_turn(where, case: str) -> None:
    first, chunk, produces = CASES[case]
    n = 1 + max(int(a.id[1:]) for a in (*first, *chunk))
    stores = []
    for name, write in (
        ("turn.db", lambda conn: [extracts.save(conn, a, produces) for a in chunk]),
        ("once.db", lambda conn: extracts.save_all(conn, chunk, produces)),
    ):
        store = _store(where, name, n)
        stores.append(store)
        with store.transaction() as conn:
            for a in first:
                extracts.save(conn, a, EXTRACTS)
        with store.transaction() as conn:
            write(conn)
    try:
        assert _tables(stores[1]) == _tables(stores[0])
        assert _tables(stores[0])["mentions"]
    finally:
        for store in stores:
            store.close()


@pytest.mark.parametrize("case", ["a fresh chunk", "some with claims stored", "some matched", "an article twice"])
def test_a_chunks_claims_written_at_once_are_the_rows_written_in_turn(where, case: str) -> None:
    """``claims.save_all`` writes all the claims by one statement only where ``claims.save`` of each in turn would
    delete nothing (no claims stored, no claim matching done), the same rows; else it writes nothing and says so."""
    chunk = [_article(k) for k in ((0, 1, 2, 1) if case == "an article twice" else range(6))]
    stores = []
    for name in ("turn.db", "once.db"):
        store = _store(where, name, 6)
        stores.append(store)
        with store.transaction() as conn:
            if case == "some with claims stored":
                claims.save(conn, _article(3, salt=" before"))
            if case == "some matched":
                conn.execute("INSERT INTO stage_done VALUES ('a4', 'claim_match', 'then')")
        with store.transaction() as conn:
            if name == "turn.db" or not claims.save_all(conn, chunk):
                for a in chunk:
                    claims.save(conn, a)
    try:
        assert _tables(stores[1]) == _tables(stores[0])
        with stores[1].transaction() as conn:
            assert claims.save_all(conn, chunk) is False  # now stored: in turn
        assert _tables(stores[0])["claims"]
    finally:
        for store in stores:
            store.close()


def _statements(store: Store, work: Callable[[], object]) -> list[str]:
    """The SQL statements SQLite ran for ``work``, but the rows' own inserts."""
    ran: list[str] = []
    store.conn.set_trace_callback(ran.append)
    try:
        work()
    finally:
        store.conn.set_trace_callback(None)
    own = ("INSERT INTO mentions", "INSERT INTO quotes", "INSERT OR REPLACE", "UPDATE quotes SET speaker_entity_id")
    return [s for s in ran if not s.startswith(own)]


@pytest.mark.parametrize(
    ("stage", "produces"),
    [
        ("quotes", ["article.mentions", "article.quotes"]),
        ("claims", ["article.claims"]),
        ("entities", ["article.entities"]),
    ],
)
def test_a_chunks_rows_are_written_without_statements_for_each_article(
    tmp_path, stage: str, produces: Sequence[str]
) -> None:
    """``Store.update`` of a fresh chunk's mentions and quotes, links or claims runs as many statements for 40
    articles as for 10 (besides each row's insert): no delete, savepoint, date read or ``stage_done`` row of its own
    for each article (before: several for each)."""
    counts = []
    for n in (10, 40):
        store = _store(str(tmp_path), f"{stage}{n}.db", n)
        chunk = [_article(k) for k in range(n)]
        counts.append(len(_statements(store, lambda s=store, c=chunk: s.update(c, stage=stage, produces=produces))))
        rows = _tables(store)
        assert len(rows["stage_done"]) == n
        assert rows["claims" if stage == "claims" else "mentions"]
    assert counts[1] == counts[0]


def test_a_list_of_names_is_written_as_the_json_encoder_writes_it() -> None:
    """``claims._json_names`` (a claim's terms and credited outlets) is ``json.dumps(list, ensure_ascii=False)``."""
    for names in [(), ("",), ("dam", "sound"), ('Bo "Tiny"', "a\\b", "é\n\t\x01", "\u2028", "x" * 300), ("x", 4)]:
        assert _json_names(names) == json.dumps(list(names), ensure_ascii=False)


def test_an_article_repeating_a_quote_sends_its_own_rows_through_replace_not_the_chunks(tmp_path) -> None:
    """An article whose quote is found twice (or a mention's start) conflicts with its own rows: its rows alone are
    written by ``INSERT OR REPLACE``, as in turn; the chunk's other rows stay plain inserts (before: a rolled-back
    insert of the whole chunk's rows, then all of them replaced), the same rows."""
    chunk = [_article(k, twice=k == 3) for k in range(8)]
    chunk[5] = dataclasses.replace(chunk[5], quotes=(*chunk[5].quotes, chunk[5].quotes[0]))
    ran: list[str] = []
    stores = []
    for name in ("turn.db", "once.db"):
        store = _store(str(tmp_path), name, 8)
        stores.append(store)
        with store.transaction() as conn:
            if name == "turn.db":
                for a in chunk:
                    extracts.save(conn, a, EXTRACTS)
            else:
                conn.set_trace_callback(ran.append)
                extracts.save_all(conn, chunk, EXTRACTS)
                conn.set_trace_callback(None)
    tables = [_tables(store) for store in stores]
    for store in stores:
        store.close()
    assert tables[1] == tables[0]
    replaced = [s.split(" (")[0] for s in ran if s.startswith("INSERT OR REPLACE")]
    assert replaced.count("INSERT OR REPLACE INTO mentions") == len(chunk[3].mentions)
    assert replaced.count("INSERT OR REPLACE INTO quotes") == len(chunk[5].quotes)
