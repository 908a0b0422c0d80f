"""Tokens picked from a Doc's arrays are the ones a walk over every token picks, on real articles."""

from __future__ import annotations

import pytest

from newsdesk import nlp
from newsdesk.extract import contents, kinds, mentions, quotes, speakers, tokens
from tests.conftest import shared_path

# The sets the quotes stage picks its tokens by (a tag, or a lower-case form).
PICKS = [
    (quotes._CUE_TAGS, quotes._ACCORDING),
    (frozenset(), contents.SEEMING_WORDS),
    (frozenset(), quotes._IN),
    (frozenset(), speakers.HOLDER_NOUNS),
    (kinds._NOUN, frozenset()),
    (mentions._PROPN, frozenset()),
]


@pytest.fixture(scope="module")
def docs() -> list:
    paths = sorted(shared_path("data", "polnear", "train", "text").glob("*.txt"))[:8]
    return list(nlp.parse([p.read_text(encoding="utf-8") for p in paths]))


@pytest.mark.parametrize(("pos", "lower"), PICKS)
def test_where_picks_what_a_walk_picks(docs: list, pos: frozenset[str], lower: frozenset[str]) -> None:
    picked = 0
    for doc in docs:
        walked = [t.i for t in doc if t.pos_ in pos or t.lower_ in lower]
        assert [t.i for t in tokens.where(doc, pos=pos, lower=lower)] == walked
        picked += len(walked)
    assert picked  # the articles hold some of each, or the comparison says nothing


def test_where_picks_nothing_from_nothing(docs: list) -> None:
    assert list(tokens.where(docs[0])) == []
    assert list(tokens.where(nlp.load()(""), pos=frozenset({"NOUN"}), lower=frozenset({"in"}))) == []
    # A word the model's vocabulary has never seen is still found by its form.
    doc = nlp.load()("Orvathqz said the Quillfinnery reportedly closed.")
    assert [t.text for t in tokens.where(doc, lower=frozenset({"quillfinnery", "reportedly"}))] == [
        "Quillfinnery",
        "reportedly",
    ]
