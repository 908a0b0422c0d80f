"""A story of few claims joins two reports of one fact (decision 0042, revised 2026-12-07, third session): in a
story of two claims a term both hold weighs log(3 / 2.5), so the shared weight ``MIN_SHARED`` asks for was out of
reach and two outlets' reports of one fact stood as two single-source claims. Sentences written for these tests."""

from __future__ import annotations

import math

import pytest

from newsdesk.claims import match
from tests.claims.test_match_agents import _member

ONE = _member(
    "a",
    "The Carvel harbour authority closed the northern pier on Tuesday after divers found cracks in its pillars.",
    ("Carvel",),
)
TWO = _member(
    "b",
    "Divers found cracks in the pillars of the northern pier, and the Carvel harbour authority closed it on Tuesday.",
    ("Carvel",),
)
OTHER = _member(
    "c",
    "Fishing boats of the Carvel fleet will moor at the southern quay until the repairs are finished next spring.",
    ("Carvel",),
)


def _together(*members: match.Member) -> bool:
    story = match.Story("s")
    story.extend([(m, None) for m in members])
    return story.by_claim[members[0].id] == story.by_claim[members[1].id]


def test_a_story_of_two_reports_of_one_fact_joins_them() -> None:
    assert _together(ONE, TWO)
    assert _together(ONE, TWO, OTHER)


def test_a_small_story_still_keeps_two_facts_apart() -> None:
    assert not _together(ONE, OTHER)
    assert not _together(TWO, OTHER, ONE)


def test_the_floor_is_three_terms_two_claims_hold_in_a_small_story_and_min_shared_past_it() -> None:
    pair = math.log(3 / 2.5)
    words, same = match.floors(2)
    assert math.isclose(words, 3 * pair, abs_tol=1e-6) and math.isclose(same, 2 * pair, abs_tol=1e-6)
    assert match.floors(0) == match.floors(1) == (match.MIN_SHARED, match.MIN_SHARED - 1)  # no story: ``verify``
    assert match.floors(6) == (match.MIN_SHARED, match.MIN_SHARED - 1)
    assert match.floors(1_000) == (match.MIN_SHARED, match.MIN_SHARED - 1)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "Officials in Carvel said the fire destroyed three warehouses near the port.",
            "Officials in Carvel said the mayor will resign at the end of the month.",
        ),
        (
            "Carvel police said a man was arrested after the fire at the port.",
            "Carvel police said a woman was arrested after the theft at the market.",
        ),
    ],
)
def test_two_claims_of_a_small_story_sharing_a_place_and_a_common_verb_stay_apart(one: str, other: str) -> None:
    """(Review, h-rc50.) The small story's floor asks for three terms in common, and the other tests (the words in
    common, their share) still apply: a place, "said" and "arrested" are no fact in common."""
    a, b = _member("a", one, ("Carvel",)), _member("b", other, ("Carvel",))
    assert not _together(a, b)
    assert not _together(a, b, OTHER)
