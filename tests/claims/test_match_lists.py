"""A claim that lists counts of several things agreeing with another on one of them is no sign of one claim
(decision 0013, revised 2026-12-07): "two directors" is one item of "two directors, three site managers and four
subcontractors". A tally of people (killed, injured, missing) agreeing stays a sign, whatever else a claim counts.

The sentences are invented.
"""

from __future__ import annotations

from newsdesk.claims import match, values

ARRESTS = "Police arrested two directors and an accountant of Harbor Build, the firm that maintained the towers."
LIST = (
    "Those held include two directors of a design firm that advised on the towers' upkeep, three site managers, four "
    "subcontractors and one broker."
)
TOLLS = "The blast killed 12 people, injured 30 others and left 5 people missing, officials said."
TOLL = "Officials said 12 people were killed in the blast at the depot."


def _relation(a: str, b: str) -> str:
    return match.relation(tuple(values.find(a)), tuple(values.find(b)))


def test_one_count_of_a_list_agreeing_is_no_sign_of_one_claim() -> None:
    assert _relation(ARRESTS, LIST) == "none"
    assert _relation(LIST, ARRESTS) == "none"


def test_a_tally_of_people_agreeing_is_a_sign_whatever_else_a_claim_counts() -> None:
    assert _relation(TOLLS, TOLL) == "same"


def test_a_list_giving_another_value_of_the_count_still_differs() -> None:
    assert _relation("Police arrested three directors of Harbor Build on Monday.", LIST) == "differ"
