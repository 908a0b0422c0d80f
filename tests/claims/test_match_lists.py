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


def test_a_toll_beside_two_counts_is_no_item_of_a_list() -> None:
    # "50 drones and 3 missiles, killing 12 people" counts two things and a toll: another report's "50 drones"
    # agreeing is a sign of one claim (review of 2026-12-07), as it is when the toll is left out.
    attack = "The army launched 50 drones and 3 missiles at the port overnight, killing 12 people in two towns."
    drones = "The coast guard said it shot down most of the 50 drones the army launched overnight."
    assert _relation(attack, drones) == "same"
