"""Search reads FTS5 syntax, and searches anything else for its plain words instead of refusing it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import QueryError, StoreError
from newsdesk.records import Article, content_id
from newsdesk.store import READER_CACHE_KIB, Store, queries

TEXTS = {
    "trade": "Officials said it's a matter of co-operation between the U.S. and Veloria, with rates up 50% this year.",
    "port": "The bridge reopened after the quoted phrase was read aloud. Dockers walked out, the union's steward said.",
    "dam": "Operation Kessel began at the dam and the co-op shop stayed closed. It was a US operation.",
}
TITLES = {"trade": "Harbour trade talks", "port": "Saltmere port", "dam": "Kessel dam"}


@pytest.fixture
def searched(store: Store) -> Store:
    store.add([Article(id=k, source=f"{k}.txt", title=TITLES[k], text=t, raw=t) for k, t in TEXTS.items()])
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Not FTS5 syntax, or misread by it: searched as the words written, in a row.
        ("it's", {"trade"}),  # "it" then "s", not "It was"
        ("U.S.", {"trade"}),  # "u" then "s", not the word "US"
        ("co-operation", {"trade"}),  # not the column "operation", nor "co-op" and "operation" apart
        ("50%", {"trade"}),
        ('bridge"', {"port"}),  # an unclosed quote
        ("matter: rates", {"trade"}),  # a colon that names no column
        ('"walked out" union\'s', {"port"}),  # the phrase stays a phrase
        ("co-op*", {"trade", "dam"}),  # the prefix stays a prefix: co-op, co-operation
        ("dam AND", {"dam"}),  # a dangling operator is a word: "and" is in the text
        # FTS5 syntax, read as FTS5.
        ('"quoted phrase"', {"port"}),
        ("bridge AND dockers", {"port"}),
        ("dam OR bridge", {"port", "dam"}),
        ("kessel NOT shop", set()),
        ("dock*", {"port"}),
        ("title:harbour", {"trade"}),
        ("NEAR(reopened aloud, 8)", {"port"}),
    ],
)
def test_search_reads_fts5_and_falls_back_to_plain_words(searched: Store, query: str, expected: set[str]) -> None:
    assert {r["id"] for r in searched.query("search", q=query)} == expected


@pytest.mark.parametrize("query", ["", "   ", "'", "%", "*", '"', '""', "-", "…"])
def test_a_query_with_no_word_is_a_query_error(searched: Store, query: str) -> None:
    with pytest.raises(QueryError, match="no word to search for"):
        searched.query("search", q=query)


@settings(max_examples=150, deadline=None)
@given(query=st.text(alphabet=st.sampled_from("ab :-*\"'.%()^+{}_"), max_size=12) | st.text(max_size=12))
def test_any_query_answers_rows_or_a_query_error(query: str) -> None:
    with Store(":memory:") as store:
        text = "a b ab ba"
        store.add([Article(id=content_id(text), source="x.txt", text=text, raw=text)])
        try:
            store.query("search", q=query)
        except QueryError:
            assert not any(c.isalnum() for c in query)


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        (" ".join(["said"] * 1700), "more than the 500 a search may hold"),  # 17 s of CPU before the cap
        (" ".join(f"{c}{d}*" for c in "abcdefghij" for d in "aeiou"), "50 words, more than the 32"),
        ("x" * 100_000, "100,000 characters"),
    ],
)
def test_issue_hardening_search_caps_length_and_terms(searched: Store, query: str, limit: str) -> None:
    with pytest.raises(QueryError, match=limit):
        searched.query("search", q=query)


def test_search_at_the_caps_still_runs(searched: Store) -> None:
    assert searched.query("search", q=" OR ".join(["dam"] * 32))  # operators are not words
    assert searched.query("search", q=" ".join(["dam"] * 32))


def test_deadline_stops_a_query_with_the_message_given(searched: Store) -> None:
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(QueryError, match="too slow"), searched.deadline(0.05, "too slow"):
        searched.conn.execute(endless).fetchone()
    # Once the block is over the connection has no limit left, and a block with 0 sets none.
    with searched.deadline(0, "unused"):
        assert searched.query("search", q="dam")
    assert searched.conn.execute("SELECT 1").fetchone()[0] == 1


def test_reader_is_read_only_and_sees_the_writes(tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as store:
        reader = store.reader()
        try:
            store.add([Article(id="a", source="a.txt", text=TEXTS["dam"], raw=TEXTS["dam"])])
            assert reader.count() == 1 and reader.query("search", q="dam")
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                reader.conn.execute("DELETE FROM articles")
            # A view's pages stay in its connection's cache from one query to the next (SQLite keeps 2 MiB).
            assert reader.conn.execute("PRAGMA cache_size").fetchone()[0] == -READER_CACHE_KIB
            assert READER_CACHE_KIB >= 16 * 1024
        finally:
            reader.close()


def test_an_in_memory_store_has_no_reader(sqlite_store: Store) -> None:
    with pytest.raises(StoreError, match="in-memory"):
        sqlite_store.reader()


def _numbered(store: Store, n: int) -> None:
    """``n`` articles about the harbour, stored in order; the first five say it in their titles (they rank best),
    and of the others each ranks below the one stored before it (a longer text)."""
    store.add(
        [
            Article(
                id=f"h{i:02d}",
                source=f"h{i:02d}.txt",
                title="Harbour news" if i < 5 else f"Report {i}",
                text="The harbour opened." + " Ships waited." * i,  # longer each time: every score differs
                raw="",
                outlet="Coast" if i % 2 else "Inland",
            )
            for i in range(n)
        ]
    )


def test_a_search_ranks_only_the_latest_matches_when_there_are_more(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _numbered(sqlite_store, 30)
    ranked = [r["id"] for r in sqlite_store.query("search", q="harbour", limit=5)]
    assert set(ranked) == {f"h{i:02d}" for i in range(5)}  # within the window: the title matches first
    monkeypatch.setattr(queries, "RANK_WINDOW", 10)
    latest = [r["id"] for r in sqlite_store.query("search", q="harbour", limit=5)]
    assert len(latest) == 5 and min(latest) >= "h20"  # the best of the ten stored last
    # A page past the window ranks as many matches as it reaches; a filter counts its own matches.
    window = [r["id"] for r in sqlite_store.query("search", q="harbour", limit=15)]
    assert sorted(window) == [f"h{i:02d}" for i in range(15, 30)]
    page = [r["id"] for r in sqlite_store.query("search", q="harbour", limit=5, offset=10)]
    assert window == sorted(window) and page == window[10:]
    coast = [r["id"] for r in sqlite_store.query("search", q="harbour", limit=10, outlet="Coast")]
    assert sorted(coast) == [f"h{i:02d}" for i in range(11, 30, 2)]


def test_a_prefix_finds_and_marks_what_its_word_does(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # A prefix's page is cut by one walk over the matches, not a lookup per row: the same rows and snippets.
    _numbered(sqlite_store, 30)
    for window in (1000, 10):
        monkeypatch.setattr(queries, "RANK_WINDOW", window)
        whole = sqlite_store.query("search", q="harbour", limit=7, offset=2)
        prefix = sqlite_store.query("search", q="harb*", limit=7, offset=2)
        assert [(r["id"], r["snippet"]) for r in prefix] == [(r["id"], r["snippet"]) for r in whole]
        assert len(prefix) == 7 and all("[harbour]" in r["snippet"].casefold() for r in prefix)


def test_a_search_ranks_without_reading_the_articles_table_unless_dates_most_articles_pass_need_it(
    sqlite_store: Store,
) -> None:
    _dated(sqlite_store, 40)
    sent: list[str] = []
    sqlite_store.conn.set_trace_callback(sent.append)
    wide, narrow = {"since": "2020-01-01"}, {"since": "2020-01-30", "until": "2020-01-31"}
    for filters in ({}, {"outlet": "Coast"}, narrow, wide):
        assert sqlite_store.query("search", q="harbour", **filters)
    sqlite_store.conn.set_trace_callback(None)
    plain, outlet, few, most = [" ".join(s.split()) for s in sent if "bm25" in s]
    join = "JOIN articles a ON a.rowid = articles_fts.rowid"
    assert join not in plain and join not in outlet and join not in few and join in most
    assert "IN (SELECT rowid FROM articles WHERE outlet = 'Coast'" in outlet  # read from the outlet's index
    assert "FROM top CROSS JOIN articles_fts" in plain  # the page's rows stay the outer loop


def _dated(store: Store, n: int, phrase_in: Callable[[int], bool] = lambda i: i % 3 == 0) -> None:
    """``n`` articles, one a day from 2020-01-01 in the order stored, every one saying "harbour" and "master" but
    only those ``phrase_in`` picks saying "harbour master"; outlets alternate, and every seventh is "Rare"."""
    store.add(
        [
            Article(
                id=f"d{i:03d}",
                source=f"d{i:03d}.txt",
                title=f"Report {i}",
                text=("The harbour master spoke." if phrase_in(i) else "The master of the harbour spoke.")
                + " Ships waited." * (i % 5),
                raw="",
                outlet="Rare" if i % 7 == 0 else ("Coast" if i % 2 else "Inland"),
                published=f"{date(2020, 1, 1) + timedelta(days=i)}T08:00:00Z",
            )
            for i in range(n)
        ]
    )


_FILTERS: list[dict[str, str]] = [
    {},
    {"outlet": "Coast"},
    {"outlet": "Rare"},
    {"since": "2020-01-05", "until": "2020-01-20"},
    {"since": "2020-01-03"},
    {"outlet": "Rare", "since": "2020-01-10"},
]


@pytest.mark.parametrize("filters", _FILTERS)
@pytest.mark.parametrize("q", ["harbour", '"harbour master"', "harbour master", '"harbour master" ships'])
def test_a_bounded_walk_finds_what_an_unbounded_one_finds_when_the_window_holds_everything(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch, q: str, filters: dict[str, str]
) -> None:
    _dated(sqlite_store, 60)
    whole = sqlite_store.query("search", q=q, limit=100, **filters)
    assert whole  # every query finds something under every filter
    monkeypatch.setattr(queries, "SCAN_LIMIT", 7)  # walks cut short, widened until a page is found
    for limit in (3, 100):
        cut = sqlite_store.query("search", q=q, limit=limit, **filters)
        assert len(cut) == min(limit, len(whole))  # a full page whenever there are enough matches
        assert {r["id"] for r in cut} <= {r["id"] for r in whole}  # nothing that the query and filter refuse
    assert {r["id"] for r in sqlite_store.query("search", q=q, limit=100, **filters)} == {r["id"] for r in whole}


def test_a_common_phrase_is_ranked_among_its_latest_articles_by_its_rarest_word(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dated(sqlite_store, 60)
    exact = sqlite_store.query("search", q='"harbour master"', limit=100)
    assert [r["id"] for r in exact] and all("[harbour master]" in r["snippet"].casefold() for r in exact)
    monkeypatch.setattr(queries, "SCAN_LIMIT", 30)  # more articles than this hold both words
    sent: list[str] = []
    sqlite_store.conn.set_trace_callback(sent.append)
    latest = sqlite_store.query("search", q='"harbour master"', limit=5)
    sqlite_store.conn.set_trace_callback(None)
    ranked = [" ".join(s.split()) for s in sent if "bm25" in s]
    assert len(ranked) == 1 and ("MATCH '\"harbour\"'" in ranked[0] or "MATCH '\"master\"'" in ranked[0])
    # Only matches of the phrase, each marked as one, from the latest 30 articles holding both words.
    assert len(latest) == 5 and all("[harbour master]" in r["snippet"].casefold() for r in latest)
    assert {r["id"] for r in latest} <= {r["id"] for r in exact} and min(r["id"] for r in latest) >= "d030"


def test_a_phrase_found_only_in_old_articles_is_still_found(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dated(sqlite_store, 80, phrase_in=lambda i: i < 2)
    monkeypatch.setattr(queries, "SCAN_LIMIT", 5)
    found = sqlite_store.query("search", q='"harbour master"', limit=10)
    assert sorted(r["id"] for r in found) == ["d000", "d001"]
    assert sorted(r["id"] for r in sqlite_store.query("search", q='"harbour master"', outlet="Rare")) == ["d000"]


@pytest.mark.parametrize(
    ("match", "candidates"),
    [
        ("harbour", None),
        ('"harbour"', None),
        ('"harbour master"', '("harbour" "master")'),
        ('title: "harbour master"*', 'title: ("harbour" "master"*)'),
        ('ships NOT "harbour master"', 'ships NOT ("harbour" "master")'),
        ('"it\'s_over"', '("it" "s" "over")'),  # cut where FTS5's tokenizer cuts
    ],
)
def test_a_phrase_s_candidates_are_its_words_apart(match: str, candidates: str | None) -> None:
    assert queries._candidates(match) == candidates


def test_a_phrase_inside_near_is_walked_as_written(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _dated(sqlite_store, 20)
    monkeypatch.setattr(queries, "SCAN_LIMIT", 3)  # FTS5 refuses NEAR(("harbour" "master") ...): walk the matches
    found = sqlite_store.query("search", q='NEAR("harbour master" spoke, 2)', limit=100, outlet="Coast")
    assert sorted(r["id"] for r in found) == [f"d{i:03d}" for i in range(20) if i % 3 == 0 and i % 2 and i % 7]


# Issue 16 point 7: a name searched finds its entity's other spellings; quotes or ``exact`` search as written.

SPELLINGS = {
    "s1": "The court heard Halim Rahaman on Monday.",
    "s2": "Halim Rahman, the former minister, left the city.",
    "s3": "Rahman said nothing more. Other officials from the Orsa Dredging & Salvage Co Limited stayed.",
    "s4": "A Rahmanian poem was read.",
    "s5": "Orsa Dredging said the work would stop.",
}


@pytest.fixture
def linked(store: Store) -> Store:
    from newsdesk.records import Entity, Mention
    from newsdesk.store import extracts

    store.add([Article(id=k, source=f"{k}.txt", text=t, raw=t) for k, t in SPELLINGS.items()])
    entities = [
        Entity(id="e1", name="Halim Rahman", type="PERSON", aliases=("Halim Rahaman", "Halim Rahman", "Rahman")),
        Entity(id="e2", name="Orsa Dredging & Salvage Co Limited", type="ORG",
               aliases=("Orsa Dredging", "Orsa Dredging & Salvage Co Limited")),
    ]  # fmt: skip
    with store.conn:
        extracts.save_entities(store.conn, entities)
        for k, text in SPELLINGS.items():
            found = [
                Mention(text=a, start=text.index(a), end=text.index(a) + len(a), type=e.type, entity_id=e.id)
                for e in entities
                for a in e.aliases
                if a in text and not any(a != b and a in b and b in text for b in e.aliases)
            ]
            article = Article(id=k, source=f"{k}.txt", text=text, raw=text, mentions=tuple(found))
            extracts.save(store.conn, article, {"article.entities"})
    return store


def _ids(store: Store, q: str, **kwargs: object) -> set[str]:
    return {r["id"] for r in store.query("search", q=q, **kwargs)}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Halim Rahaman", {"s1", "s2"}),
        ("halim rahman", {"s1", "s2"}),
        # One word finds every alias; a full name its other full forms, not every bare "Rahman".
        ("Rahman", {"s1", "s2", "s3"}),
    ],
)
def test_a_name_finds_every_spelling_of_its_entity(linked: Store, query: str, found: set[str]) -> None:
    assert _ids(linked, query) == found


def test_a_people_s_word_linked_to_its_country_does_not_search_the_country(store: Store) -> None:
    # "Velorian" counts for Veloria (its mentions link there) but is no name of it: neither finds the other.
    from newsdesk.records import Entity, Mention
    from newsdesk.store import extracts

    texts = {"v1": "Veloria closed its border.", "v2": "A Velorian poet spoke."}
    store.add([Article(id=k, source=f"{k}.txt", text=t, raw=t) for k, t in texts.items()])
    with store.conn:
        extracts.save_entities(store.conn, [Entity(id="e9", name="Veloria", type="GPE", aliases=("Veloria",))])
        for k, text in texts.items():
            word = text.split()[0] if k == "v1" else text.split()[1]
            at = text.index(word)
            mention = Mention(text=word, start=at, end=at + len(word), type="GPE", entity_id="e9")
            extracts.save(
                store.conn,
                Article(id=k, source=f"{k}.txt", text=text, raw=text, mentions=(mention,)),
                {"article.entities"},
            )
    assert _ids(store, "Velorian") == {"v2"}
    assert _ids(store, "Veloria") == {"v1"}


def test_a_quoted_name_or_exact_searches_the_words_as_written(linked: Store) -> None:
    assert _ids(linked, '"Halim Rahaman"') == {"s1"}
    assert _ids(linked, "Halim Rahaman", exact=True) == {"s1"}
    assert _ids(linked, "Rahman", exact=True) == {"s2", "s3"}


def test_a_company_s_short_name_finds_its_long_one_and_other_words_still_count(linked: Store) -> None:
    assert _ids(linked, "Orsa Dredging") == {"s3", "s5"}
    assert _ids(linked, "Orsa Dredging work") == {"s5"}  # the other words of the query are still required
    assert _ids(linked, "Rahman OR poem") == {"s1", "s2", "s3", "s4"}  # operators kept
