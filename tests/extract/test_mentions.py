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
