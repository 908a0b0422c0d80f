"""Search reads FTS5 syntax, and searches anything else for its plain words instead of refusing it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import QueryError
from newsdesk.records import Article, content_id
from newsdesk.store import Store

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
