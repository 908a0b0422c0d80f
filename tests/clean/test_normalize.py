"""Text normalisation gives one canonical form."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.clean import normalize


def test_paragraphs_whitespace_and_invisibles() -> None:
    raw = "Title\r\n\r\n\u200bFirst  para\u00a0here.\n\n\n\nSecond\tpara.\ufeff\n"
    assert normalize.text(raw) == "Title\n\nFirst para here.\n\nSecond para."


def test_glued_sentences_get_a_space_but_abbreviations_and_domains_do_not() -> None:
    assert normalize.text("reported the information.The United States") == (
        "reported the information. The United States"
    )
    assert normalize.text("The U.S. offer and global.espreso.tv") == "The U.S. offer and global.espreso.tv"


def test_hard_wrapped_lines_are_joined() -> None:
    raw = "The minister said that the dam\nwould open in May, officials\nconfirmed.\n\nNext paragraph."
    assert normalize.text(raw) == (
        "The minister said that the dam would open in May, officials confirmed.\n\nNext paragraph."
    )


def test_domain_line_under_headline_is_not_joined() -> None:
    assert normalize.text("U.S. ready to recognise control\nglobal.espreso.tv") == (
        "U.S. ready to recognise control\n\nglobal.espreso.tv"
    )


@given(st.text())
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize.text(raw)
    assert normalize.text(once) == once
