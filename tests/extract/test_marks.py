"""Quotation marks in every style, unbalanced and nested."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.extract import marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She said “we will stay,” and left.", ["we will stay,"]),
        ('He said "no deal" twice.', ["no deal"]),
        ("Er sagte „wir bleiben“ dort.", ["wir bleiben"]),
        ("Il a dit « nous restons » hier.", ["nous restons"]),
        ("Sie sagte »wir bleiben« dort.", ["wir bleiben"]),
        ("It was ‘a mistake’, she said.", ["a mistake"]),
        ("“A whole quote at the very start.” Then more.", ["A whole quote at the very start."]),
        ("At the very end: “the last words”", ["the last words"]),
        ("“Outer with ‘inner’ words,” he said.", ["Outer with ‘inner’ words,"]),
        # Mixed curly and ASCII marks close each other; a quote of the other style inside stays inside.
        ('“We stay," Brun said. "The owners must listen.”', ["We stay,", "The owners must listen."]),
        ('“He called it "a disaster" and left,” she said.', ['He called it "a disaster" and left,']),
        ('"He said “no” to me," she said.', ["He said “no” to me,"]),
        ('“The 12" pipe burst near the gate,” he said.', ['The 12" pipe burst near the gate,']),
        ("Ukraine’s army and the ’90s don’t open quotes.", []),
        ("No quotation marks at all.", []),
        ("“Opened and never closed\nNext paragraph", ["Opened and never closed"]),
        ("A stray closing mark” does nothing.", []),
        # A markup tag left in the text quotes its attribute values; they are not quotations.
        ('<post id="7" author="pier_desk">Ferries run late.</post> He said "no deal" twice.', ["no deal"]),
        # Doubled apostrophes stand for double quotes in some archives; a lone one stays an apostrophe.
        ("''The pier is closed,'' the harbour master said.", ["The pier is closed,"]),
        ("He called it ''a small step'' and left.", ["a small step"]),
        ("''Opened and never closed\nNext paragraph", ["Opened and never closed"]),
        ("The ferry's deck and the '90s are not quotes.", []),
    ],
)
def test_find_marks(text: str, expected: list[str]) -> None:
    assert [text[m.start : m.end] for m in marks.find(text)] == expected


def test_unclosed_mark_is_flagged() -> None:
    (found,) = marks.find("“Still talking at the end of the line\nnew line")
    assert not found.closed


@given(
    st.lists(
        st.sampled_from(
            ["He", "said", " ", "\n", "“", "”", '"', "''", "'", "«", "»", "„", "‘", "’", "don’t", ",", ".", "x"]
        ),
        max_size=60,
    )
)
def test_spans_lie_inside_the_text_in_order(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = marks.find(text)
    last = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start > last
        assert text[m.start : m.end] == text[m.start : m.end].strip()
        last = m.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They answered, 'we have no idea'. I heard it all day,", ["we have no idea"]),
        ("He said, 'If we don't act, it's over,' and left", ["If we don't act, it's over,"]),
        ("She told me ‘go home’ twice", ["go home"]),
        # An apostrophe after a plural's s, or between letters, opens and closes nothing.
        ("the Rivas' farm and the '90s don't count", []),
        ("the Rivas' farm and a 'fair' price", ["fair"]),
    ],
)
def test_inner_marks_of_a_quote_include_single_straight_marks(text: str, expected: list[str]) -> None:
    assert [text[m.start : m.end] for m in marks.inner(text)] == expected
