"""The actors a lead opens with: names past datelines, opening clauses and articles; common nouns say nothing."""

from __future__ import annotations

import pytest

from newsdesk.cluster.actors import actors, lead_sentence

# The rest of a report: names an actor must recur in (and be written inside sentences) to count as one.
REST = (
    "\nAnalysts said Harbourline and Varga had spoken last week. A spokesman for Harbourline declined to say more."
    " Varga told reporters the ferries would keep running, and Harbourline staff were told the same."
    " Varga is expected in Kestrel Bay on Friday."
)


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Harbourline has agreed to buy the Varnholm ferry fleet for $2 billion.", {"Harbourline"}),
        # A dateline, with or without an agency, is not the actor.
        ("KESTREL BAY (AP) - Governor Ilse Varga said Sunday the sale could be a problem.", {"Varga"}),
        ("KESTREL BAY -- Governor Varga said the sale could be a problem.", {"Varga"}),
        ("Kestrel Bay, Nov 18 (Wire) Harbourline on Tuesday rejected the governor's remarks.", {"Harbourline"}),
        # An opening clause, up to its comma, is not the subject either.
        ("On Sunday, Governor Varga said the sale could be a problem.", {"Varga"}),
        ("As the board met, Harbourline withdrew its offer.", {"Harbourline"}),
        # A possessive names the owner, not the actor ("Varga's offer", "Kestrel's Harbourline"); an article is skipped.
        ("Varga's offer for the fleet was rejected on Monday.", set()),
        ("Kestrel Bay's Harbourline on Monday rejected the offer.", {"Harbourline"}),
        ("The Harbourline board rejected the offer on Monday.", {"Harbourline"}),
        # Openers that are no names: a common noun, a pronoun, a shouted article and noun, a title alone.
        ("Ferry crews walked out on Monday over the sale of the fleet.", set()),
        ("It has been two days since the ferries stopped running across the bay.", set()),
        ("THE STRIKE by ferry crews entered its second day on Monday.", set()),
        ("Governor said nothing of the sale when asked on Monday.", set()),
        # A name the report writes once or twice is not who its story is about.
        ("Ostmark has agreed to buy the Varnholm ferry fleet for $2 billion.", set()),
    ],
)
def test_actors(lead: str, expected: set[str]) -> None:
    assert actors(lead + REST) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "By Ann Example and Bo Sample\nHarbourline has agreed to buy it. More follows.",
            "Harbourline has agreed to buy it",
        ),
        (
            "[Source: wire]\nKESTREL BAY\nThe ferries stopped on Monday at dawn. More follows.",
            "The ferries stopped on Monday at dawn",
        ),
        ("Headline only", ""),
    ],
)
def test_lead_sentence_skips_lines_that_are_no_prose(text: str, expected: str) -> None:
    assert lead_sentence(text) == expected
