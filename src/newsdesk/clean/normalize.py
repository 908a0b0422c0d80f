"""Text normalisation: one canonical form of article text before anything points into it."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["text"]

# Zero-width characters, BOM and soft hyphen carry no text and break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "information.The United States": a sentence glued to the next by a lost space or line break.
# Only lower-case word + stop + capitalised word, so "U.S." and "global.espreso.tv" are left alone.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
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
    raw = _CONTROL.sub("", raw.translate(_INVISIBLE))
    paragraphs: list[str] = []
    block: list[str] = []
    for line in raw.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line:
            block.append(line)
            continue
        paragraphs.extend(_unwrap(block))
        block = []
    paragraphs.extend(_unwrap(block))
    return "\n\n".join(_GLUED.sub(" ", p) for p in paragraphs)
