"""A pattern's matches found by trying it only where they can start.

Python's regular expressions look for a pattern that opens with a literal (or one of a few literals) by its first
characters, in C; one that opens with an assertion (``\\b``, a lookbehind) is tried at every character of the text.
Over 2,000 articles that is about 0.15 CPU s a pattern. Where every match of such a pattern starts at a place a
fast pattern (a gate) finds, or just before one (a word and a space), :func:`matches` tries the pattern at those
places alone and gives what ``finditer`` gives: a pattern tried at a place sees the text before it (its ``\\b`` and
lookbehinds read it), and none of these patterns matches an empty text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["matches", "preceded", "starts"]


def starts(gate: re.Pattern[str], text: str) -> list[int]:
    """Every place in ``text`` where ``gate`` matches, in order, overlapping places too."""
    out: list[int] = []
    at = 0
    while (found := gate.search(text, at)) is not None:
        out.append(found.start())
        at = found.start() + 1
    return out


def preceded(gate: re.Pattern[str], words: tuple[str, ...], text: str, *, glued: tuple[str, ...] = ()) -> list[int]:
    """Every place where ``gate`` matches and, before each, where one of ``words`` and a space, or one of ``glued``
    with nothing between, stand: where a pattern made of such a word (optional or not) and what ``gate`` matches
    can start, in order."""
    out: set[int] = set()
    for anchor in starts(gate, text):
        out.add(anchor)
        if anchor and text[anchor - 1] == " ":
            for word in words:
                at = anchor - len(word) - 1
                if at >= 0 and text.startswith(word, at):
                    out.add(at)
        for word in glued:
            at = anchor - len(word)
            if at >= 0 and text.startswith(word, at):
                out.add(at)
    return sorted(out)


def matches(pattern: re.Pattern[str], places: list[int], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` where ``places`` holds, in order, every place a match of ``pattern`` can start:
    the pattern is tried there alone, each place after the last match's end."""
    end = 0
    for at in places:
        if at < end:
            continue
        found = pattern.match(text, at)
        if found is not None:
            yield found
            end = found.end()
