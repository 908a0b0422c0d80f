"""Quotation marks: where direct quotes open and close, in every style news uses.

“English”, "ASCII", «guillemets» (either way round), „German“, ‘single’ quotes and ''doubled apostrophes''
(the New York Times archive's style). Curly and ASCII double marks close each other when an outlet mixes them
(“A," she said. "B.”). Marks inside a markup tag left in the text (``<tweet author="...">``) are
its attribute values, not quotation marks. A quote that opens and
never closes runs to the end of its paragraph (a multi-paragraph quote opens each paragraph again). Marks
nested inside a quote belong to it. Apostrophes (don’t, Ukraine’s, the ’90s) are not quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Marked", "find", "inner"]

# Opening mark -> the marks that may close it.
_PAIRS = {
    "“": "”“",  # some outlets close with the opening glyph
    "«": "»",
    "»": "«",
    "„": "“”",
    "‘": "’",
    '"': '"',
}
_SPACE_BEFORE = set(" \t\n([{—–-/:")
# Two apostrophes stand for a double quote in some archives (''like this''); one alone is an apostrophe.
_DOUBLED = "''"
# A markup tag left in the text, with its quoted attribute values: <tweet id="1" author="x">.
_TAG = re.compile(r"""</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:=(?:"[^"\n]*"|'[^'\n]*'))?)*\s*/?>""")
# The characters at which find() may do something: a tag, doubled apostrophes or an opening mark. It goes from one
# to the next by a search rather than a step per character.
_STOPS = re.compile("[" + re.escape("<" + _DOUBLED[0] + "".join(_PAIRS)) + "]")
# Inside a quote opened by a mark, the characters at which find() may do something: a line's end, a mark that may
# close the quote, and a double mark of the other style (``_mixed``); it goes from one to the next by a search too.
_INSIDE = {
    mark: re.compile("[" + re.escape("\n" + closing + {"“": '"', '"': "“”"}.get(mark, "")) + "]")
    for mark, closing in _PAIRS.items()
}


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch of text inside quotation marks: ``[start, end)`` of the words, and whether it closed."""

    start: int
    end: int
    open_mark: str
    closed: bool

    @property
    def width(self) -> int:
        """Characters the opening (and closing) mark takes: 2 for ``''``, else 1."""
        return len(self.open_mark)


def _opens(text: str, i: int) -> bool:
    """True when the mark at ``i`` can open a quote (for ‘ and ", it starts a word)."""
    mark = text[i]
    if mark in "“«„":
        return True
    if mark == "»":  # German style »…« only when it starts a word
        return i + 1 < len(text) and not text[i + 1].isspace()
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark == "‘":
        return (before in _SPACE_BEFORE or before in '“"') and not after.isspace()
    # ASCII: an opening mark starts a word; a closing one ends one.
    return before in _SPACE_BEFORE or before in "“‘" or (not before.isalnum() and not after.isspace())


def _doubled_opens(text: str, i: int) -> bool:
    """True when ``''`` at ``i`` opens a quote: it starts a word, after a space, a bracket or the start."""
    before = text[i - 1] if i else " "
    after = text[i + 2] if i + 2 < len(text) else " "
    return (before in _SPACE_BEFORE or before in "“‘") and not after.isspace() and after != "'"


def _find_doubled(text: str, i: int) -> tuple[Marked | None, int]:
    """The ``''…''`` quote opening at ``i`` and the index to resume from."""
    close = text.find(_DOUBLED, i + 2)
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    if 0 <= close < line_end:
        start, end = _trimmed(text, i + 2, close)
        return (Marked(start, end, _DOUBLED, True) if end > start else None), close + 2
    start, end = _trimmed(text, i + 2, line_end)
    return (Marked(start, end, _DOUBLED, False) if end > start else None), line_end


def _closes(text: str, i: int, open_mark: str) -> bool:
    mark = text[i]
    if mark not in _PAIRS[open_mark]:
        return False
    if mark == "’":
        # An apostrophe sits between letters (don’t) or after an s (Ukraines’ ...): closing needs a non-letter next.
        after = text[i + 1] if i + 1 < len(text) else " "
        return not after.isalpha()
    return True


def _straight_closes(text: str, i: int) -> bool:
    """True when the ASCII mark at ``i`` ends a word: after a letter or punctuation, before a space or the end."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # After a digit it is an inch mark ("a 12" pipe").
    return not before.isspace() and not before.isdigit() and (after.isspace() or after in ".,;:!?)]—–-")


def _mixed(text: str, i: int, open_mark: str) -> str | None:
    """How the mark at ``i`` acts inside a quote of the other double style: outlets mix curly and ASCII marks
    (“A," she said. "B.”), so a curly quote may close with an ASCII mark that ends a word and an ASCII quote
    with a curly one, except where the other style opened a quote of its own inside (“He called it "a
    disaster" and left.”). Returns "open", "close" or None."""
    mark = text[i]
    if open_mark == "“" and mark == '"':
        return "close" if _straight_closes(text, i) else "open" if _opens(text, i) else None
    if open_mark == '"' and mark in "“”":
        return "open" if mark == "“" else "close"
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find(text: str) -> list[Marked]:
    """Top-level quoted stretches of ``text``, in order (nested quotes stay inside their outer quote)."""
    found: list[Marked] = []
    i, n = 0, len(text)
    while i < n:
        stop = _STOPS.search(text, i)
        if stop is None:
            break
        i = stop.start()
        char = text[i]
        if char == "<" and (tag := _TAG.match(text, i)) is not None:
            i = tag.end()
            continue
        if text.startswith(_DOUBLED, i) and _doubled_opens(text, i):
            marked, i = _find_doubled(text, i)
            if marked is not None:
                found.append(marked)
            continue
        if char not in _PAIRS or not _opens(text, i):
            i += 1
            continue
        j = i + 1
        close = -1
        depth = 0  # quotes of the other style (see _mixed) opened inside this one and not yet closed
        if j < n and text[j] != "\n":
            # Nothing closes or opens right after the opening mark; past it, only the characters of _INSIDE do.
            inside = _INSIDE[char]
            while (stop := inside.search(text, j + 1)) is not None:
                j = stop.start()
                if text[j] == "\n":
                    break
                mixed = _mixed(text, j, char)
                if mixed == "open":
                    depth += 1
                elif mixed == "close" and depth:
                    depth -= 1
                elif mixed == "close" or _closes(text, j, char):
                    close = j
                    break
            else:
                j = n
        if close >= 0:
            start, end = _trimmed(text, i + 1, close)
            if end > start:
                found.append(Marked(start, end, char, True))
            i = close + 1
        else:
            # Unclosed: the quote runs to the end of the paragraph (line).
            start, end = _trimmed(text, i + 1, j)
            if end > start and char != "‘":
                found.append(Marked(start, end, char, False))
            i = j
    return found


# Inside a double-quoted stretch, writers who use ASCII marks quote with a single straight mark: 'like this'. It
# opens after a space or a bracket and closes before one or a punctuation mark; one between letters is an
# apostrophe (don't).
_SINGLE = re.compile(r"(?<![\w'])'(?=[^\s'])([^'\n]*?(?:\w'\w[^'\n]*?)*)(?<=\S)'(?![\w'])")


def inner(text: str) -> list[Marked]:
    """Quoted stretches inside the words of one quote ``text`` (without its own marks), in order: those
    :func:`find` sees, and those in single straight marks, which only quote inside a quote."""
    found = find(text)
    taken = [(m.start - m.width, m.end + m.width) for m in found]
    for match in _SINGLE.finditer(text):
        if not any(a <= match.start() < b for a, b in taken):
            found.append(Marked(match.start(1), match.end(1), "'", True))
    return sorted(found, key=lambda m: m.start)
