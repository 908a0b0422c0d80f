"""The mention stage's names as written: what the model tags, trimmed to the name, on invented sentences."""

from __future__ import annotations

import pytest

from newsdesk import nlp
from newsdesk.extract import mentions


def _names(text: str) -> dict[str, str]:
    found = mentions.find(nlp.load()(text))
    for m in found:
        assert text[m.start : m.end] == m.text
    return {m.text: m.type for m in found}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials at the White House said on Monday that the plan would wait.", "White House"),
        ("Aid from the United States arrived in Pelmora.", "United States"),
        ("Talks with the European Union resumed in Brussels.", "European Union"),
    ],
)
def test_a_lower_case_article_before_a_name_is_not_part_of_it(text: str, name: str) -> None:
    # The model tags "the United States": the name is kept, without "the" (it used to be dropped).
    names = _names(text)
    assert name in names and f"the {name}" not in names


def test_names_the_model_ran_together_over_a_comma_are_found_apart() -> None:
    text = "Andriy Jermak met the envoys. Asked by the Telegraph, Jermak said nothing."
    tagged = [e.text for e in nlp.load()(text).ents]
    assert "the Telegraph, Jermak" in tagged  # the small model's run-on, which this test is about
    names = _names(text)
    assert not any("," in n for n in names)
    assert names.get("Telegraph") == "ORG"
    assert [m.text for m in mentions.find(nlp.load()(text)) if m.text == "Jermak"]  # the surname pass finds it


def test_a_lone_word_called_a_person_and_a_place_in_one_article_is_the_place() -> None:
    # Invented: the small model calls "Veloria" a person before "says" and a nationality or place elsewhere.
    text = (
        "Veloria and Dastmar met in Vessa. Veloria says the dam will supply power within a decade, "
        "and officials in Veloria agreed."
    )
    tagged = {(e.text, e.label_) for e in nlp.load()(text).ents}
    assert ("Veloria", "PERSON") in tagged and any(t == "Veloria" and k != "PERSON" for t, k in tagged)
    found = mentions.find(nlp.load()(text))
    assert {m.type for m in found if m.text == "Veloria"} != {"PERSON"}
    assert all(m.type != "PERSON" for m in found if m.text == "Veloria")


def test_a_lone_surname_stays_a_person_when_the_article_names_them_in_full() -> None:
    from newsdesk.records import Mention

    found = {
        (0, 10): Mention(text="Ivo Jordan", start=0, end=10, type="PERSON"),
        (20, 26): Mention(text="Jordan", start=20, end=26, type="PERSON"),
        (40, 46): Mention(text="Jordan", start=40, end=46, type="GPE"),
    }
    mentions._one_kind_per_word(found)
    assert found[(20, 26)].type == "PERSON"
    del found[(0, 10)]
    mentions._one_kind_per_word(found)
    assert found[(20, 26)].type == "GPE"
