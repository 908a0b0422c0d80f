"""A figure counts what the word governing it says: a count of the missing, the injured or the evacuated is no
toll of the dead, and one measure of a sum (its equity value, its total, a yearly figure) is no rival of another.
Sentences written for these tests (invented places and companies)."""

from __future__ import annotations

import pytest

from newsdesk.claims import values
from tests.claims.test_contradict import found, side


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        # The toll is another clause's (before the comma); the figure's own clause says missing.
        ("On top of the rising death toll, another 37 people have been reported missing.", "37", "people missing"),
        ("Beside the deaths in Carvel, a further 52 people were evacuated from the valley.", "52", "people evacuated"),
        ("After the killings in the square, 61 people were arrested by the Orlan police.", "61", "people arrested"),
        # Nothing in its own clause: the fate across the commas still governs it.
        ("At least 40 people, among them a nurse, died in the blaze.", "40", "people killed"),
        ("The flood killed 12 people and left 30 people missing.", "30", "people missing"),
        ("The flood killed 12 people and left 30 people missing.", "12", "people killed"),
    ],
)
def test_a_count_of_people_counts_the_fate_of_its_own_clause(text: str, figure: str, unit: str) -> None:
    assert ("count", figure, unit) in [(v.kind, v.value, v.unit) for v in values.find(text)]


def test_a_count_of_the_missing_beside_a_toll_is_neither_its_update_nor_its_rival() -> None:
    missing = side(
        "a",
        "In the Carvel fire, officials said, on top of the deaths, another 279 people have been reported missing.",
        published="2026-03-10",
    )
    toll = side("b", "The death toll of the Carvel fire rose to 83 on Friday, officials said.", published="2026-03-11")
    assert not found(missing, toll)  # read as a toll, 279 dead were told as a toll falling to 83


DAY = "2026-12-05"  # one day: a sum stated on days not known by two reports may have changed


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # A deal's price against its total (debt included) value, named before the amount.
        (
            "Velmar agreed to buy the Tessaro studios for $40 billion, the Orlan company said.",
            "Velmar agreed to buy the Tessaro studios, making the total value of the deal $46.5 billion.",
        ),
        (
            "Velmar agreed to buy the Tessaro studios at an equity value of $40 billion, the Orlan company said.",
            "Velmar agreed to buy the Tessaro studios at an enterprise value of $46.5 billion, the company said.",
        ),
        # What the market puts on a company against what a buyer pays for it.
        (
            "Velmar agreed to pay $40 billion for Tessaro, the Orlan studio group, on Friday.",
            "Velmar agreed to pay for Tessaro, the Orlan studio group, which had a market value of $31 billion on "
            "Friday.",
        ),
        # A year's figure against the whole.
        (
            "Velmar agreed to pay Tessaro $4 billion for the Orlan streaming rights over ten years.",
            "Velmar agreed to pay Tessaro annual fees of $0.5 billion for the Orlan streaming rights over ten years.",
        ),
    ],
)
def test_two_measures_of_one_sum_never_contradict(one: str, other: str) -> None:
    assert not found(side("a", one, published=DAY), side("b", other, published=DAY))


def test_one_measure_given_two_figures_still_contradicts() -> None:
    text = "Velmar agreed to buy the Tessaro studios, making the total value of the deal ${} billion."
    one, other = side("a", text.format("46.5"), published=DAY), side("b", text.format("52"), published=DAY)
    assert found(one, other) == [("money", False, frozenset({"USD 46500000000", "USD 52000000000"}))]
