"""Text normalisation: one canonical form of article text before anything points into it."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["text"]

# Zero-width characters, BOM and soft hyphen carry no text and break matching; nor do control characters (but
# tab and line ends). Both are removed in one pass (``str.translate`` with a mapping looks up every character).
_REMOVED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Runs of spaces; never a line end, so replacing them in the whole text is replacing them line by line.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "information.The United States": a sentence glued to the next by a lost space or line break.
# Only lower-case word + stop + capitalised word, so "U.S." and "global.espreso.tv" are left alone.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# What every place ``_GLUED`` matches holds: a text without it is searched no further.
_GLUED_AT = re.compile(r"[.!?][A-Z]")
_SENTENCE_END = re.compile(r"[.!?:;…\"'”’)\]]$")


def _unwrap(block: list[str]) -> list[str]:
    """Join hard-wrapped lines of one block: a line that ends mid-sentence followed by a lower-case line.

    A lone lower-case token (``global.espreso.tv``) under a headline is metadata, not a wrapped line.
    """
    out: list[str] = []
    for line in block:
        continues = line[:1].islower() and (" " in line or _SENTENCE_END.search(line) is not None)
        if out and not _SENTENCE_END.search(out[-1]) and continues:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def text(raw: str) -> str:
    """Return the canonical form of ``raw``: NFC, one space between words, one paragraph per block.

    Paragraphs are separated by a blank line. Lines wrapped mid-sentence are joined; sentences glued
    together without a space get one.
    """
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = _SPACES.sub(" ", _REMOVED.sub("", raw))
    paragraphs: list[str] = []
    block: list[str] = []
    for line in raw.split("\n"):
        line = line.strip()
        if line:
            block.append(line)
            continue
        paragraphs.extend(_unwrap(block))
        block = []
    paragraphs.extend(_unwrap(block))
    joined = "\n\n".join(paragraphs)
    # A glued sentence end lies inside a paragraph (letters and a stop before it, letters after): the whole text
    # is searched at once, as each paragraph was.
    return _GLUED.sub(" ", joined) if _GLUED_AT.search(joined) else joined
