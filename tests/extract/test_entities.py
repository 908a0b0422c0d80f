"""Entity canonicalisation: transliterations and short forms merge; different people never do."""

from __future__ import annotations

import pytest

from newsdesk.extract.entities import Linker, same_name, skeleton
from newsdesk.records import Mention


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Zelenskyi", "Zelenskiy"),
        ("Yermak", "Jermak"),
        ("Umerov", "Umjerow"),
        ("Zaporizhzhia", "Zaporizhzhya"),
    ],
)
def test_transliterations_share_a_skeleton_or_nearly(a: str, b: str) -> None:
    assert same_name(a, b, "PERSON")


@pytest.mark.parametrize(
    ("a", "b", "kind", "same"),
    [
        ("Vladimir Zelensky", "Volodymyr Zelenskyy", "PERSON", True),
        ("Vladimir Putin", "Vladimir Zelensky", "PERSON", False),
        ("J.D. Vance", "JD Vance", "PERSON", True),
        ("Donald Trump", "Melania Trump", "PERSON", False),
        ("theTelegraph", "The Telegraph", "ORG", True),
        ("Kyiv", "Kherson", "GPE", False),
    ],
)
def test_same_name(a: str, b: str, kind: str, same: bool) -> None:
    assert same_name(a, b, kind) is same


def test_skeleton_is_transliteration_blind() -> None:
    assert skeleton("Zelenskyy") == skeleton("Zelensky") == skeleton("Zelenskyi")


def _m(text: str, kind: str = "PERSON", start: int = 0) -> Mention:
    return Mention(text=text, start=start, end=start + len(text), type=kind)


def test_linker_merges_short_forms_and_keeps_people_apart() -> None:
    linker = Linker()
    first = linker.link("a1", [_m("Volodymyr Zelensky"), _m("Vladimir Putin", start=30), _m("Zelensky", start=60)])
    second = linker.link("a2", [_m("Zelenskyy"), _m("Putin", start=20)])
    ids = {m.text: m.entity_id for m in (*first, *second)}
    assert ids["Volodymyr Zelensky"] == ids["Zelensky"] == ids["Zelenskyy"]
    assert ids["Vladimir Putin"] == ids["Putin"]
    assert ids["Vladimir Putin"] != ids["Volodymyr Zelensky"]
    (zelensky,) = [e for e in linker.entities() if e.id == ids["Zelensky"]]
    assert zelensky.name == "Volodymyr Zelensky"
    assert set(zelensky.aliases) == {"Volodymyr Zelensky", "Zelensky", "Zelenskyy"}
    assert zelensky.articles == 2


def test_linker_keeps_roles_and_starts_from_stored_entities() -> None:
    linker = Linker()
    (m,) = linker.link("a1", [Mention(text="Steve Witkoff", start=0, end=13, type="PERSON", role="US special envoy")])
    stored = linker.entities()
    again = Linker(stored)
    (n,) = again.link("a2", [_m("Witkoff")])
    assert n.entity_id == m.entity_id
    assert "US special envoy" in again.entities([m.entity_id or ""])[0].roles


def test_a_bare_surname_tagged_as_an_organisation_joins_the_person() -> None:
    linker = Linker()
    (full,) = linker.link("a1", [_m("Andriy Yermak")])
    (bare,) = linker.link("a2", [_m("Yermak", "ORG")])
    assert bare.entity_id == full.entity_id
