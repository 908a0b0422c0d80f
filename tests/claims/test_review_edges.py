"""Edges of the claims' rules merged on 2026-12-07 (decision 0013), found in review with invented sentences: two
countries whose names end alike ("North Korea", "South Korea") or are spelt alike ("Niger", "Nigeria") are two
actors, a year's "'s" after "death toll of" is no toll, and a dollar of
another country keeps the bound written before it."""

from __future__ import annotations

import pytest

from newsdesk.claims import roles, values


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Korea", "South Korea"), ("Korea", "North Korea")),
        (("Korea", "North Korea"), ("Korea", "Republic of Korea")),
        (("Sudan", "Sudan"), ("Sudan", "South Sudan")),
        (("Ireland", "Ireland"), ("Ireland", "Northern Ireland")),
        (("Congo", "Democratic Republic of the Congo"), ("Congo", "Republic of Congo")),
        (("Guinea", "Guinea"), ("Guinea", "Equatorial Guinea")),
        # Spelt alike (difflib 0.75 to 0.86), as Iran / Iraq are.
        (("Niger", "Niger"), ("Nigeria", "Nigeria")),
        (("Iceland", "Iceland"), ("Ireland", "Ireland")),
        (("Slovakia", "Slovakia"), ("Slovenia", "Slovenia")),
        (("Gambia", "Gambia"), ("Zambia", "Zambia")),
        (("Mali", "Mali"), ("Malawi", "Malawi")),
    ],
)
def test_two_countries_whose_names_end_alike_or_are_spelt_alike_are_two_actors(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    assert not roles.one_actor(a, b)
    assert not roles.one_actor(b, a)


def test_one_country_by_two_names_ending_alike_is_still_one_actor() -> None:
    assert roles.one_actor(("Korea", "South Korea"), ("Korea", "Republic of Korea"))
    assert roles.one_actor(("Korea", "Korea"), ("Korea", "South Korea"))  # "Korea" alone: no country, one last word
    assert roles.one_actor(("Congo", "DR Congo"), ("Kinshasa", "Kinshasa"))


@pytest.mark.parametrize(
    "text",
    [
        "The death toll of 2011's earthquake was revised by the agency.",
        "The death toll of 2011’s earthquake was revised by the agency.",
    ],
)
def test_a_year_owning_the_disaster_is_no_toll(text: str) -> None:
    assert not [v for v in values.find(text) if v.kind == "count"]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("The firm raised about C$ 5 million on Monday.", "about"),
        ("The firm raised nearly A$ 3 billion on Monday.", "nearly"),
        ("Police said more than HK$ 2 million was taken.", "more than"),
        ("The firm raised about US$ 5 million on Monday.", "about"),
    ],
)
def test_a_dollar_of_any_country_keeps_its_bound(text: str, bound: str) -> None:
    (money,) = [v for v in values.find(text) if v.kind == "money"]
    assert money.bound == bound
