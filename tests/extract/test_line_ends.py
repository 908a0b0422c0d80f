"""nlp.line_ends: a line without a stop ends its sentence, unless it is a sentence hard-wrapped before a capital."""

from __future__ import annotations

import pytest

from newsdesk import nlp
from newsdesk.clean.normalize import text
from newsdesk.extract import mentions, quotes


def _sentences(raw: str) -> list[str]:
    return [s.text.strip() for s in nlp.load()(text(raw)).sents]


@pytest.mark.parametrize(
    "raw",
    [
        # A plain-text file wrapped at 72 columns: clean.normalize joins a line opening in lower case only.
        "Speaking to reporters outside the depot on Wednesday, Fire Chief\n"
        "Maria Lopez said the blaze had been contained by early morning.",
        '"We will find out what happened to the pumps at the depot," said\nDeputy Mayor Ann Roe on Wednesday.',
        "The blaze at the depot was contained by early morning, according to the\nOrlan fire service.",
    ],
)
def test_a_sentence_wrapped_before_a_capital_stays_one(raw: str) -> None:
    assert len(_sentences(raw)) == 1


@pytest.mark.parametrize(
    "raw",
    [
        "THE worst depot fire since 1948\nThe toll rose to 12 on Friday, the fire service said.",
        "By Ann Roe and Sam Doe\nORLAN -- The toll rose to 12 on Friday, the fire service said.",
        "Orlan Depot Fire\nMaria Lopez, the fire chief, said the toll rose to 12 on Friday.",
    ],
)
def test_a_heading_still_ends_its_sentence(raw: str) -> None:
    assert len(_sentences(raw)) == 2


def test_the_speaker_of_a_wrapped_report_is_the_name_not_its_title() -> None:
    raw = "Officials said the blaze was contained, according to Fire Chief\nMaria Lopez, who spoke at the depot."
    doc = nlp.load()(text(raw))
    speakers = {q.speaker for q in quotes.find(doc, mentions.find(doc)) if q.text == "the blaze was contained"}
    assert speakers == {"Maria Lopez"}
