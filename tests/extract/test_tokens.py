"""Tokens picked from a Doc's arrays are the ones a walk over every token picks, on real articles."""

from __future__ import annotations

import pytest

from newsdesk import nlp
from newsdesk.extract import antecedents, contents, kinds, mentions, quotes, speakers, tokens
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


def test_governing_is_the_heads_a_walk_finds(docs: list) -> None:
    found = 0
    for doc in docs:
        walked = {t.head.i for t in doc if t.dep_ == "ccomp"}
        assert tokens.governing(doc, "ccomp") == walked
        found += len(walked)
    assert found
    assert tokens.governing(nlp.load()(""), "ccomp") == set()


def test_a_word_passed_over_is_never_a_cue_nor_an_attitude(docs: list) -> None:
    # The reported-speech rules pass over a verb whose word is neither (and that holds no clause): no token of
    # such a word may be one, whatever its tag or place.
    cues = passed_over = 0
    for doc in docs:
        for t in doc:
            if speakers.is_cue(t) or speakers.is_attitude(t):
                assert speakers.cue_or_attitude_word(t.lower_), t.text
                cues += 1
            elif t.pos_ in quotes._CUE_TAGS and not speakers.cue_or_attitude_word(t.lower_):
                passed_over += 1
    assert cues and passed_over  # both kinds occur, or the check says nothing
    for word in ("said", "says", "according", "worried", "raised", "saw", "found", "wants", "criticised"):
        assert speakers.cue_or_attitude_word(word), word
    assert not speakers.cue_or_attitude_word("walked")


def test_reported_speech_is_the_same_without_passing_over(docs: list, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [doc.text for doc in docs]
    found = [quotes.find(doc, mentions.find(doc, text), text=text) for doc, text in zip(docs, texts, strict=True)]
    assert sum(map(len, found)) > len(docs)
    # Every token taken for one holding a clause: none is passed over.
    monkeypatch.setattr(tokens, "governing", lambda doc, dep: set(range(len(doc))))
    assert [quotes.find(doc, mentions.find(doc, text), text=text) for doc, text in zip(docs, texts, strict=True)] == (
        found
    )


def test_a_sentence_by_bisection_is_the_tokens_sentence(docs: list) -> None:
    for doc in docs:
        resolver = antecedents.Resolver(doc, (), lambda char: False, lambda token: False)
        for t in doc:
            found, sent = resolver.sentence(t), t.sent
            assert (found.start, found.end) == (sent.start, sent.end)
