"""The claims stage's pattern searches skipped where a sentence holds none of the words a pattern needs (decisions
0052, 0053) give what searching every sentence gives: on real articles, and on sentences written to reach each pattern's
words, in other cases and with the characters a pattern ignoring case takes for an ASCII letter."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pytest

from newsdesk.claims import extract, values
from newsdesk.extract import dates
from newsdesk.records import Article
from tests.conftest import shared_path

# Sentences that reach each skipped pattern (and some that only nearly do).
WRITTEN = [
    "The ministry questioned whether the figures were right, and doubts that 40 people left.",
    "It is unclear if the port will reopen; the count was disputed and cast doubt on 12 reports.",
    "The mayor did not deny it, never DENIED it, and dismissed claims that it wasn't true.",
    "Officials REJECT REPORTS of 300 arrests as false and untrue; there is no evidence of it.",
    "The minister said it had nothing to do with the 5 million dollar fund, no longer his.",
    "The port MAY close, might reopen, could possibly fail, perhaps by 2030, reportedly.",
    "The dam is said to hold, was thought to leak, is believed to be sound, and was rumoured to crack.",
    "Unconfirmed reports say it would cost 40 million euros, or 30 million pounds, or 12 USD.",
    "I think the council should act; in our view it ought to, and we believe it is time.",
    "We must act now, arguably, said the 3 councillors.",
    "There were no reported injuries, no casualties and without any deaths or fatalities among 200 workers.",
    "It cost two hundred roubles and forty hryvnias.",
    "The toll of 40 was REVISED, later Raised To 52 and has since been updated; the newly amended count is 60 now.",
    "The fare, cut to 3 euros, no longer holds: the LATEST figure, corrected, fell to 2 and rose to 4.",
    # A character a pattern ignoring case takes for an ASCII letter: the sentence is searched whatever it holds.
    "The mayor did \u0130T NOT say so to 40 voters.",
    "The plan wa\u017f \u017faid to fail in 2020, reportedly.",
    "\u0130 think the 30 councillors \u017fhould act.",
    "Twelve people were \u212a\u0130LLED; no deaths were reported among 50.",
    # Ages and counts written before their number (decision 0052's revision of 2026-12-06).
    "Jane Holt, 34, and a 61-Year-Old man, AGED 70 in all, met thirty-year-old Ann and her two sons.",
    "The Number Of people missing has reached 128, and the death TOLL rose to 83; the toll of the dead is 90.",
    "Someone who had done nothing, alone and honest, gave Eleven reasons; Twenty-five stayed, Ninety left.",
]


def _sentences(articles: list[Article]) -> Iterator[str]:
    for article in articles:
        for start, end in extract.sentences(article.text):
            yield article.text[start:end]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    paths = (
        sorted(shared_path("dev-news").glob("*.txt"))
        + sorted(shared_path("data", "polnear", "train", "text").glob("*.txt"))[:150]
    )
    texts = [p.read_text(encoding="utf-8") for p in paths] + ["\n".join(WRITTEN)]
    return [
        Article(id=f"a{k}", source=f"{k}.txt", text=t, dates=tuple(dates.find(t, "2025-11-28")))
        for k, t in enumerate(texts)
    ]


def test_claims_skip_only_searches_a_sentence_cannot_match(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [extract.find(a) for a in articles]
    written = found[-1]
    assert {c.modality.value for c in written} >= {"questioned", "denied", "hedged"}
    assert sum(v.unit == "people injured" for c in written for v in c.values)
    assert any(v.kind == "money" for c in written for v in c.values)
    assert sum(c.update for c in written) >= 2
    assert {v.kind for c in written for v in c.values} >= {"age", "count"}
    assert any(v.unit == "people missing" for c in written for v in c.values)
    monkeypatch.setattr(values, "may_hold", lambda lower, words: True)
    assert [extract.find(a) for a in articles] == found


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (extract._NEGATION, extract._NEEDS_NEGATION),
        (extract._HEDGE, extract._NEEDS_HEDGE),
        (extract._QUESTIONED, extract._NEEDS_QUESTIONED),
        (values._MONEY_WORD, values._CURRENCY_WORDS),
        (values._NONE_HURT, values._HURT_WORDS),
        (extract.UPDATE, extract._NEEDS_UPDATE),
        (values._COUNT_FIRST, values._COUNT_FIRST_WORDS),
    ],
)
def test_every_match_holds_a_needed_word(
    articles: list[Article], pattern: re.Pattern[str], words: tuple[str, ...]
) -> None:
    matched = 0
    for sentence in _sentences(articles):
        if pattern.search(sentence):
            matched += 1
            assert values.may_hold(values.lower_form(sentence), words), sentence
    assert matched


def test_opinion_is_searched_where_it_may_match(articles: list[Article]) -> None:
    matched = 0
    for sentence in _sentences(articles):
        lower = values.lower_form(sentence)
        if extract._OPINION.search(sentence):
            matched += 1
            assert lower is None or lower.startswith(("i", "we")) or values.may_hold(lower, extract._NEEDS_OPINION), (
                sentence
            )
    assert matched


def test_the_characters_that_match_an_ascii_letter_ignoring_case_are_known() -> None:
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = "".join(chr(c) for c in range(0x80, 0x10000) if letters.fullmatch(chr(c)))
    assert odd and all(values.NOT_ASCII_CASE.fullmatch(c) for c in odd)


def test_ages_are_searched_where_they_may_match(articles: list[Article]) -> None:
    matched = 0
    for sentence in _sentences(articles):
        if values._AGE.search(sentence):
            matched += 1
            lower = values.lower_form(sentence)
            assert values.may_hold(lower, values._AGE_WORDS) or values._COMMA_DIGIT.search(sentence), sentence
    assert matched


def test_number_words_are_found_alike_in_the_lower_form(articles: list[Article]) -> None:
    found = 0
    for sentence in _sentences(articles):
        lower = values.lower_form(sentence)
        if lower is None:
            continue
        spans = [m.span() for m in values._NUMBER_WORD.finditer(sentence)]
        assert spans == [m.span() for m in values._NUMBER_WORD_LOWER.finditer(lower)], sentence
        found += bool(spans)
    assert found


def test_the_lower_form_keeps_each_character_a_word_character_and_its_letter() -> None:
    # What makes a pattern of words and \b, searched in the lower form without ignoring case, match where it
    # matches the text ignoring case: outside the four odd characters (which lower_form refuses), a character's
    # lower case is one character, a word character where it is one, and an ASCII letter where it is one.
    word = re.compile(r"\w")
    letters = frozenset("abcdefghijklmnopqrstuvwxyz")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if values.NOT_ASCII_CASE.match(c):
            continue
        lower = c.lower()
        assert len(lower) == 1, hex(code)
        assert (word.match(c) is None) == (word.match(lower) is None), hex(code)
        assert (lower in letters) == (c.isascii() and c.isalpha()), hex(code)


def test_the_word_before_a_sentence_end_is_the_one_a_search_finds(articles: list[Article]) -> None:
    last_word = re.compile(r"([\w.]+)$")
    chunks = [line for a in articles[:12] for line in a.text.splitlines()]
    chunks += ["", "U.S.", "ends with Mr.", "a_b.c d", "x \u00e9t\u00e9.", "tail  ", "No. 5", "\u2163 \u0663."]
    checked = 0
    for chunk in chunks:
        for pos in range(0, len(chunk) + 1, 13):
            for end in range(pos, len(chunk) + 1, 3):
                found = last_word.search(chunk[pos:end])
                at = extract._word_start(chunk, pos, end)
                assert chunk[at:end] == (found.group(1) if found else ""), (chunk, pos, end)
                checked += 1
    assert checked
