"""The stances stage skips a quote's word whose first two letters start no position or act verb
(``_VERB_STARTS``): those letters must hold the start of every match of the patterns it would have asked."""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from newsdesk.stances import extract


def _starts(items: Any, k: int) -> set[str]:
    """Every string a match of the parsed ``items`` can start with, cut to ``k`` characters (shorter: a whole match)."""
    out = {""}
    for op, arg in items:
        grown: set[str] = set()
        for done in out:
            if len(done) == k:
                grown.add(done)
                continue
            grown.update(done + more for more in _item(op, arg, k - len(done)))
        out = grown
    return out


def _item(op: Any, arg: Any, k: int) -> set[str]:
    if op is c.LITERAL:
        return {chr(arg)}
    if op is c.AT:
        return {""}  # (zero-width: ^, \b, $)
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE:
                chars.update(chr(x) for x in range(value[0], value[1] + 1))
            else:
                raise NotImplementedError(kind)
        return chars
    if op is c.SUBPATTERN:
        return _starts(arg[-1], k)
    if op is c.BRANCH:
        return {s for branch in arg[1] for s in _starts(branch, k)}
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = arg
        once = _starts(sub, k)
        out: set[str] = set()
        ways = {""}  # what n repeats can start with
        for n in range(min(high, k) + 1):
            # n repeats: a whole match when there may be n, else the start of one only when it is k long already
            out.update(ways if n >= low else {w for w in ways if len(w) == k})
            ways = {(w + s)[:k] for w in ways for s in once}
        return out
    raise NotImplementedError(op)  # (a class of characters, \w, in the first two letters: the test is to be widened)


def _first_two(pattern: re.Pattern[str]) -> set[str]:
    return _starts(_parser.parse(pattern.pattern, pattern.flags), 2)


def test_verb_starts_hold_every_match_start() -> None:
    found = set()
    for pattern in (extract.OPPOSE, extract.SUPPORT, extract._ACT):
        assert pattern.pattern.startswith("^")  # read at the start of the word only
        assert not pattern.flags & re.IGNORECASE  # (asked of lower-cased words)
        starts = _first_two(pattern)
        assert all(len(s) == 2 for s in starts)  # no match shorter than two letters
        found |= starts
    assert found <= extract._VERB_STARTS
    assert found == extract._VERB_STARTS  # (none more than needed)


def test_the_derivation_reads_branches_classes_and_repeats() -> None:
    assert _first_two(re.compile(r"^(?:ab|c[de]x|f?gh|(?:i|j)k)")) == {"ab", "cd", "ce", "fg", "gh", "ik", "jk"}


def test_a_word_starting_otherwise_is_no_verb_and_opens_none() -> None:
    for text in ("the offer", "said later", "then rejected it", "they want"):
        assert text[:2] not in extract._VERB_STARTS
        assert extract._verb(text) is None and not extract._ACT.search(text)
    assert extract._verb("rejected") is not None and "re" in extract._VERB_STARTS
