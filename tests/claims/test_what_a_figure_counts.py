"""A figure counts what the word governing it says: a count of the missing, the injured or the evacuated is no
toll of the dead, and one measure of a sum (its equity value, its total, a yearly figure) is no rival of another.
Sentences written for these tests (invented places and companies)."""

from __future__ import annotations

import pytest

from newsdesk.claims import extract, values
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
        # A fate word before the count, across a comma or a conjunction, is the other clause's (review, h-rc50).
        ("At least 83 people have died, and a further 279 people are unaccounted for.", "279", "people"),
        ("Dozens died in the flood, and 3,000 people fled their homes.", "3000", "people"),
        ("Three people died and 14 people were hurt when the Orlan ferry ran aground.", "14", "people injured"),
        ("Among the dead, 12 people were pupils of the Carvel school.", "12", "people"),
        # An aside holding a number, set off on both sides, leaves the count's fate after it.
        ("At least 40 people, among them two firefighters, died in the Carvel blaze.", "40", "people killed"),
        ("Some 60 people, 11 of them children, were evacuated from the valley.", "60", "people evacuated"),
        # Unchanged: a verb before its object, and the deaths of a count.
        (
            "Rescuers said the blast, killing 12 people and injuring 30 people, was the worst in years.",
            "30",
            "people injured",
        ),
        ("The deaths of 12 people in the Carvel fire shocked the town.", "12", "people killed"),
        ("Of the 300 people on board, 12 people died.", "300", "people"),
        # A count written before its number whose noun is the fate itself (h-cl51).
        ("The number of dead rose to 44 on Thursday, the Carvel fire service said.", "44", "people killed"),
        ("The number of the dead has risen to 19 in the valley.", "19", "people killed"),
        ("The number of deaths reached 61, officials said.", "61", "people killed"),
        ("The number of injured climbed to 30 overnight.", "30", "people injured"),
        ("The number of residents rose to 300.", "300", "people"),
        # ... where the noun phrase ends with it, or goes on to the people it qualifies (review, h-rc51); joined to
        # another fate it counts both, people of no one fate.
        ("The number of dead civilians in the Carvel blaze rose to 44.", "44", "people killed"),
        ("The number of wounded soldiers at the Orlan post climbed to 12.", "12", "people injured"),
        ("The number of dead so far stands at 44, the Carvel mayor said.", "44", "people killed"),
        ("The number of dead overnight rose to 9 in the Orlan valley.", "9", "people killed"),
        ("The number of injured being treated in Orlan hospitals stands at 57.", "57", "people injured"),
        ("The number of dead recovered from the Carvel river reached 14.", "14", "people killed"),
        ("The number of dead and injured in the Carvel blaze rose to 60.", "60", "people"),
        ("The number of deaths and injuries from the Orlan storm reached 80.", "80", "people"),
        ("The number of dead or missing after the Carvel flood rose to 70.", "70", "people"),
        ("The number of people killed and injured in the Carvel blaze rose to 60.", "60", "people"),
    ],
)
def test_a_count_of_people_counts_the_fate_of_its_own_clause(text: str, figure: str, unit: str) -> None:
    assert ("count", figure, unit) in [(v.kind, v.value, v.unit) for v in values.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        # "dead" or "injured" before another noun is its adjective: no people are counted (review, h-rc51).
        "The number of dead animals on the Carvel farms rose to 300.",
        "The number of injured horses at the Orlan track rose to 5, the stewards said.",
        "The number of dead trees in Carvel park has reached 1,200.",
    ],
)
def test_a_fates_word_before_another_noun_counts_no_people(text: str) -> None:
    assert not [v for v in values.find(text) if v.kind == "count" and v.unit.startswith("people")]


@pytest.mark.parametrize(
    "count",
    [
        "The number of deaths and injuries from the Carvel fire reached 80, officials said.",
        "The number of dead and injured in the Carvel fire rose to 60, officials said.",
        "The number of dead animals in the Carvel fire rose to 300, officials said.",
    ],
)
def test_a_count_of_the_dead_and_injured_or_of_dead_animals_is_no_toll(count: str) -> None:
    toll = side("b", "The Carvel fire killed 44 people, officials said.", published=DAY)
    assert not found(side("a", count, published=DAY), toll)  # read as a toll: a rival of 44, or its update


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
        # A company's worth on the market (its capitalisation) against a price.
        (
            "Velmar agreed to pay $40 billion for Tessaro, the Orlan studio group, on Friday.",
            "Velmar agreed to pay for Tessaro, the Orlan studio group, which had a market capitalisation of $31 "
            "billion on Friday.",
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


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # A measure word telling of something else in the amount's clause is no measure of the amount (review,
        # h-rc50): the two prices still contradict.
        (
            "Velmar's market value fell after it agreed to pay $40 billion for the Tessaro studios.",
            "Velmar agreed to pay $45 billion for the Tessaro studios.",
        ),
        (
            "At the annual meeting Velmar agreed to pay $40 billion for the Tessaro studios.",
            "Velmar agreed to pay $45 billion for the Tessaro studios.",
        ),
        # One measure written two ways is one measure.
        (
            "Velmar agreed to buy Tessaro, putting the total value of the deal at $46.5 billion.",
            "Velmar agreed to buy Tessaro in a deal worth $52 billion in total.",
        ),
        (
            "Velmar will pay Tessaro annual fees of $2 billion for the Orlan streaming rights.",
            "Velmar will pay Tessaro $3 billion annually for the Orlan streaming rights.",
        ),
        (
            "Velmar will pay Tessaro $2 billion a year for the Orlan streaming rights.",
            "Velmar will pay Tessaro $3 billion per year for the Orlan streaming rights.",
        ),
    ],
)
def test_a_measure_of_something_else_or_written_another_way_hides_no_contradiction(one: str, other: str) -> None:
    assert found(side("a", one, published=DAY), side("b", other, published=DAY))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (  # "market cap" and "market value": one measure
            "Velmar agreed to pay for Tessaro, the Orlan studio group, which had a market cap of $31 billion.",
            "Velmar agreed to pay for Tessaro, the Orlan studio group, which had a market value of $35 billion.",
        ),
        (  # "yearly" before and "a year" after: one measure
            "Velmar agreed to pay Tessaro yearly fees of $2 billion for the Orlan streaming rights.",
            "Velmar agreed to pay Tessaro $3 billion a year for the Orlan streaming rights.",
        ),
    ],
)
def test_one_measure_named_two_ways_given_two_figures_contradicts(one: str, other: str) -> None:
    assert found(side("a", one, published=DAY), side("b", other, published=DAY))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (  # a name written with its possessive is the name (h-cl51): both name Velmar, one measure, two figures
            "The total market value of Velmar's offer is $40 billion.",
            "The total market value of Velmar's offer is $45 billion.",
        ),
        (
            "The total market value of Velmar\u2019s offer for Tessaro is $40 billion, analysts said.",
            "Analysts said the total market value of Velmar's offer for Tessaro is $45 billion.",
        ),
    ],
)
def test_two_figures_of_one_measure_of_a_named_thing_contradict(one: str, other: str) -> None:
    assert found(side("a", one, published=DAY), side("b", other, published=DAY)) == [
        ("money", False, frozenset({"USD 40000000000", "USD 45000000000"}))
    ]


def test_a_possessive_is_no_part_of_a_name() -> None:
    terms = extract.terms("Analysts said Velmar's offer beat the ICC\u2019s. It's late and there's more.")
    assert "#velmar" in terms and "#icc" in terms
    assert not [t for t in terms if t.endswith(" s") or t in ("#it", "#there")]
    assert extract.name_key("Hong Kong's") == "hk" == extract.name_key("Hong Kong")


def test_a_possessive_written_in_capitals_is_no_part_of_a_name() -> None:
    # A headline or a wire's capitals (review, h-rc51): "VELMAR'S" was read as two capitalised words, "VS".
    assert extract.name_key("VELMAR'S") == "velmar" == extract.name_key("Velmar\u2019s")
    assert extract.name_key("HONG KONG\u2019S") == "hk" == extract.name_key("HONG KONG")
    assert "#velmar" in extract.terms("Shares rose after VELMAR'S offer.")
