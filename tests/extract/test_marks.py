"""Quotation marks in every style, unbalanced and nested."""

from __future__ import annotations

import pytest

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
        ("Ukraine’s army and the ’90s don’t open quotes.", []),
        ("No quotation marks at all.", []),
        ("“Opened and never closed\nNext paragraph", ["Opened and never closed"]),
        ("A stray closing mark” does nothing.", []),
    ],
)
def test_find_marks(text: str, expected: list[str]) -> None:
    assert [text[m.start : m.end] for m in marks.find(text)] == expected


def test_unclosed_mark_is_flagged() -> None:
    (found,) = marks.find("“Still talking at the end of the line\nnew line")
    assert not found.closed
