"""Names typed by their noun, table-driven on invented sentences (the seeds are scored by the gate)."""

from __future__ import annotations

import pytest

from newsdesk import nlp
from newsdesk.extract import kinds, mentions
from newsdesk.records import Mention


def _found(text: str) -> list[tuple[str, str]]:
    """The mention stage's names and kinds, each checked against the text it points into."""
    found = mentions.find(nlp.load()(text))
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in found]


def _typed_alone(text: str) -> list[tuple[str, str]]:
    """What the rules type from the parse alone, with no names from the model to start from."""
    found: dict[tuple[int, int], Mention] = {}
    kinds.type_names(nlp.load()(text), found)
    return [(m.text, m.type) for m in sorted(found.values(), key=lambda m: m.start)]


# (text, names that must be found with their kind, names that must not be found with that kind)
CASES: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]] = [
    (
        "Troops pulled back from the Marvosk, Dalen, Ilvar and Tesk regions on Monday.",
        [("Marvosk", "GPE"), ("Dalen", "GPE"), ("Ilvar", "GPE"), ("Tesk", "GPE")],
        [("Marvosk", "PERSON"), ("Dalen, Ilvar", "PERSON")],
    ),
    (
        "Kyiv and Moscow traded blame over the Vostrel region.",
        [("Vostrel", "GPE")],
        [("Vostrel", "ORG")],
    ),
    (
        "The plan was criticised by foreign ministers such as Ilse Varga and Ruen Okafor.",
        [("Ilse Varga", "PERSON"), ("Ruen Okafor", "PERSON")],
        [("Ilse Varga", "ORG"), ("Ruen Okafor", "GPE")],
    ),
    (
        "Several candidates, including Mira Solvend and Teo Brask, have endorsed the plan.",
        [("Mira Solvend", "PERSON"), ("Teo Brask", "PERSON")],
        [("Teo Brask", "GPE")],
    ),
    (
        "The storm reached cities such as Pelmora and Gastreth overnight.",
        [("Pelmora", "GPE"), ("Gastreth", "GPE")],
        [("Pelmora", "PERSON"), ("Gastreth", "PERSON")],
    ),
    # Negatives: an organisation's places, a name modifying a noun, a name whose start the parse cut off.
    ("Teams from NFL cities lobbied the league.", [("NFL", "ORG")], [("NFL", "GPE")]),
    (
        "Donors, including Marla Voss and Wisconsin billionaire Dena Holt, gave money.",
        [("Marla Voss", "PERSON")],
        [("Wisconsin", "PERSON")],
    ),
    ("Officials in the Asia-Pacific region met on Friday.", [], [("Pacific", "GPE"), ("Pacific", "LOC")]),
    ("The English county championship resumed on Friday.", [], [("English", "GPE")]),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_names_take_the_kind_their_noun_gives(
    text: str, present: list[tuple[str, str]], absent: list[tuple[str, str]]
) -> None:
    found = _found(text)
    for name in present:
        assert name in found
    for name in absent:
        assert name not in found


def test_a_typed_name_is_the_same_thing_wherever_the_article_writes_it() -> None:
    text = "The offer would hand over the Marvosk and Dalen regions. Critics said they would never give up Marvosk."
    assert [k for t, k in _found(text) if t == "Marvosk"] == ["GPE", "GPE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The possessive and the title stay outside the name.
        ("The summit drew world leaders, including Belmar’s Tovan Keshi.", [("Tovan Keshi", "PERSON")]),
        ("The plan was criticised by world leaders, including President Tovan Keshi.", [("Tovan Keshi", "PERSON")]),
        (
            "Investors backed firms like Brindlecorp and Quorvex this year.",
            [("Brindlecorp", "ORG"), ("Quorvex", "ORG")],
        ),
        # No class noun, no type: a name is not typed by being listed.
        ("Tovan Keshi and Ilse Varga met in Pelmora.", []),
    ],
)
def test_rules_read_the_parse_alone(text: str, expected: list[tuple[str, str]]) -> None:
    assert _typed_alone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbour Gazette photographer Ilse Varga said the quay was closed.", [("Ilse Varga", "PERSON")]),
        ("Opposition spokesman Karel Dunn said the plan would fail.", [("Karel Dunn", "PERSON")]),
        # A plural names no one person, and a name before the noun is not after it.
        ("Harbour photographers Ilse Varga and Karel Dunn left.", []),
    ],
)
def test_a_name_written_after_a_persons_noun_is_that_persons(text: str, expected: list[tuple[str, str]]) -> None:
    assert _typed_alone(text) == expected
