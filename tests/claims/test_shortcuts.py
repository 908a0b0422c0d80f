"""The claims and stances stages skip what cannot match (issue 17): what they find is what every pass finds, on real
articles parsed as the quotes stage parses them (their mentions linked by name) and on texts written for it."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from newsdesk import nlp
from newsdesk.claims import extract, values
from newsdesk.extract import dates, mentions, quotes
from newsdesk.records import Article, Mention, Quote, SpeakerKind
from newsdesk.stances import extract as stances
from tests.conftest import shared_path

NUMBERS = [
    "Seven people were killed and TWENTY-FIVE were injured on Friday.",
    "The 34-year-old mayor, aged 34, paid $4.2bn, 12 per cent more, at 10:30 GMT.",
    "No injuries were reported, and the death toll rose to 83.",
    "Someone often said nothing of the money on the phone.",  # number words inside other words only
    "The plan costs forty million euros and takes three weeks.",
]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    paths = sorted(shared_path("dev-news").glob("*.txt"))[:8]
    found = []
    for k, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        (doc,) = nlp.parse([text])
        named = mentions.find(doc, doc.text)
        linked = tuple(dataclasses.replace(m, entity_id=f"e-{m.text.casefold()}") for m in named)
        found.append(
            Article(
                id=f"a{k}",
                source=path.name,
                text=doc.text,
                published="2025-11-28T10:00:00",
                language="en",
                mentions=linked,
                quotes=quotes.find(doc, named, text=doc.text),
                dates=tuple(dates.find(doc.text, "2025-11-28T10:00:00")),
            )
        )
    return found


def test_values_skip_only_passes_a_sentence_cannot_match(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    spans = [(a.text[s:e], s, a.dates) for a in articles for s, e in extract.sentences(a.text)]
    spans += [(t, 0, ()) for t in NUMBERS]
    found = [values.find(t, s, d) for t, s, d in spans]
    assert sum(map(len, found)) > 20
    monkeypatch.setattr(values, "_DIGIT", re.compile(""))  # every pass runs on every sentence
    monkeypatch.setattr(values, "_NUMBER_WORD", re.compile(""))
    assert [values.find(t, s, d) for t, s, d in spans] == found


def test_mentions_within_a_sentence_by_bisection(articles: list[Article]) -> None:
    rng = random.Random(3)
    for article in articles:
        shuffled = list(article.mentions)
        rng.shuffle(shuffled)
        for given in (article.mentions, tuple(shuffled)):  # out of text order: a pass over all of them
            within = extract._Within(given)
            for s, e in extract.sentences(article.text):
                assert within(s, e) == tuple(m for m in given if s <= m.start and m.end <= e)


def test_claims_of_real_articles_are_those_of_every_pass(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [extract.find(a) for a in articles]
    assert sum(map(len, found)) > 20
    monkeypatch.setattr(values, "_DIGIT", re.compile(""))
    monkeypatch.setattr(values, "_NUMBER_WORD", re.compile(""))
    monkeypatch.setattr(
        extract, "_Within", lambda given: lambda s, e: tuple(m for m in given if s <= m.start and m.end <= e)
    )
    monkeypatch.setattr(extract, "_reading_of", extract._read_afresh)  # (read again, not remembered from above)
    assert [extract.find(a) for a in articles] == found


MODAL = [
    "“The border must not be redrawn by force,” Anna Velt said.",
    "“Sanctions will never be lifted while troops remain,” Anna Velt said.",
    "“Talks CANNOT BE resumed until the blockade ends,” Anna Velt said.",
]


def test_stances_of_real_articles_are_those_of_every_pass(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    written = []
    for k, text in enumerate(MODAL):
        start, end = text.index("“") + 1, text.index(",”")
        s = text.index("Anna Velt")
        name = Mention(text="Anna Velt", start=s, end=s + 9, type="PERSON", entity_id="p1")
        quote = Quote(
            text=text[start:end],
            start=start,
            end=end,
            speaker="Anna Velt",
            speaker_kind=SpeakerKind.PERSON,
            speaker_start=s,
            speaker_end=s + 9,
            speaker_entity_id="p1",
            cue="said",
            direct=True,
        )
        written.append(Article(id=f"m{k}", source="x", text=text, language="en", mentions=(name,), quotes=(quote,)))
    everything = [*articles, *written]
    found = [stances.find(a) for a in everything]
    assert all(found[len(articles) :]) and sum(map(len, found)) > len(MODAL)
    monkeypatch.setattr(stances, "_MODAL_BE", re.compile(""))  # the proposition's own pattern on every quote
    assert [stances.find(a) for a in everything] == found


def test_a_sentence_by_bisection_is_the_first_span_holding_it(articles: list[Article]) -> None:
    for article in articles[:3]:
        spans = list(stances.sentences(article.text))
        ctx = stances._Context(article, stances.lexicon, spans, frozenset(), [s for s, _ in spans], [])
        for at in range(0, len(article.text), 7):
            expected = next(((s, e) for s, e in spans if s <= at < e), (at, at))
            assert ctx.sentence(at) == expected


@pytest.mark.parametrize("content", ["a b c d e f", "a  b", "a ", "word", "x y z w", " lead", "a b c d"])
def test_words_ahead_are_the_first_of_a_split(content: str) -> None:
    for at in range(len(content)):
        assert stances._words_ahead(content, at) == content[at:].split(" ", 4)[:4]


def test_a_sentence_read_again_is_remembered_and_gives_the_claims_read_afresh(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``extract._read`` remembers what a sentence alone decides, once it is met a second time at its place (issue 17,
    decision 0052's revision of 2026-12-06, late night): a copy's sentences are read once more, then remembered, and a
    sentence that differs in what the reading reads (the entity ids of its names, its date mentions, its place) is
    read afresh: the claims are those of reading every sentence."""
    extract._read.cache_clear()
    extract._seen.clear()
    found = [extract.find(a) for a in articles]
    kept = extract._read.cache_info().currsize  # (only the sentences met twice already)
    copies = [dataclasses.replace(a, id=a.id + "-copy") for a in articles]
    assert [extract.find(a) for a in copies] == found
    before = extract._read.cache_info()
    assert before.currsize > kept + sum(map(len, found))  # the copies' sentences, met a second time
    assert [extract.find(dataclasses.replace(a, id=a.id + "-again")) for a in articles] == found
    after = extract._read.cache_info()
    assert after.misses == before.misses  # every sentence of the third copies remembered
    assert after.hits - before.hits >= sum(map(len, found))
    # Copies that differ: other entity ids, dates resolved against another day, the text moved by a line.
    relinked = [
        dataclasses.replace(a, mentions=tuple(dataclasses.replace(m, entity_id=f"x-{m.text}") for m in a.mentions))
        for a in articles
    ]
    redated = [dataclasses.replace(a, dates=tuple(dates.find(a.text, "2019-03-04T10:00:00"))) for a in articles]
    moved = [_moved(a, "Updated.\n") for a in articles]
    altered = [*relinked, *redated, *moved]
    remembered = [[extract.find(a) for a in altered] for _ in range(2)]  # (the second time from memory)
    monkeypatch.setattr(extract, "_reading_of", extract._read_afresh)
    assert remembered[0] == remembered[1] == [extract.find(a) for a in altered]
    # (and they are not the first articles' claims)
    assert [c.terms for f in remembered[0][: len(articles)] for c in f] != [c.terms for f in found for c in f]
    assert [c.values for f in remembered[0][len(articles) : 2 * len(articles)] for c in f] != [
        c.values for f in found for c in f
    ]


def _moved(article: Article, prefix: str) -> Article:
    """``article`` with ``prefix`` before its text, its mentions, quotes and dates moved with it."""
    k = len(prefix)
    return dataclasses.replace(
        article,
        text=prefix + article.text,
        mentions=tuple(dataclasses.replace(m, start=m.start + k, end=m.end + k) for m in article.mentions),
        quotes=tuple(dataclasses.replace(q, start=q.start + k, end=q.end + k) for q in article.quotes),
        dates=tuple(dataclasses.replace(d, start=d.start + k, end=d.end + k) for d in article.dates),
    )
