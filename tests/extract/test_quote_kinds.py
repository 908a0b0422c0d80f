"""Quotes are words someone said or wrote: refusals and acts are none, views held are kept apart (invented texts)."""

from __future__ import annotations

import pytest

from newsdesk import nlp
from newsdesk.extract import mentions, quotes
from newsdesk.records import Quote, QuoteKind


def _found(text: str) -> list[Quote]:
    doc = nlp.load()(text)
    return list(quotes.find(doc, mentions.find(doc)))


@pytest.mark.parametrize(
    "text",
    [
        "The harbour master declined to comment on the strike.",
        "Velmar Freight did not respond to repeated calls seeking comment.",
        "The captain refused to shake hands with the referee after the match.",
    ],
)
def test_a_refusal_is_no_quote(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Minister Ilse Varga submitted her resignation following searches by the bureau.",
        "The Marvosk club filed a complaint with the league on Monday.",
        "The home team accepted the trophy from the league chairman.",
        "Dunmore Lines is offering $30 a share for the ferry company.",
        "An AFP reporter saw thick smoke rising from the towers.",
    ],
)
def test_an_act_is_no_quote(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        ("Most dockers want a shorter working week.", "want", QuoteKind.VIEW),
        ("Her support for the harbour bill surprised the council.", "support", QuoteKind.VIEW),
        ("Ilse Varga said that the port would reopen in May.", "said", QuoteKind.SPEECH),
        ("Ivo Marlow's claim that the port was safe angered the crews.", "claim", QuoteKind.SPEECH),
        ("Ivo Marlow believes that the port is safe for large ships.", "believes", QuoteKind.VIEW),
    ],
)
def test_a_view_held_is_kept_apart_from_words_said(text: str, cue: str, kind: QuoteKind) -> None:
    (quote,) = [q for q in _found(text) if q.cue == cue]
    assert quote.kind is kind


def test_a_direct_quote_is_speech_whatever_its_cue() -> None:
    (quote,) = [q for q in _found("Diplomats fear the plan would “reward” the invaders.") if q.direct]
    assert quote.kind is QuoteKind.SPEECH


@pytest.mark.parametrize(
    "text",
    [
        "President Ilsa Varn has signalled resistance to Brightmere’s proposed $72 billion purchase of Orvell Studios.",
        "Mayor Tomas Lind criticised the council's proposed budget for the harbour.",
    ],
)
def test_a_participle_after_a_possessive_describes_a_noun_and_reports_nothing(text: str) -> None:
    assert [q for q in _found(text) if (q.cue or "").casefold() == "proposed"] == []
