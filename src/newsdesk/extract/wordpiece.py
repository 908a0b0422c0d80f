"""BERT's uncased WordPiece tokenizer in plain Python, with each piece's character span in the original text.

The same splitting as BERT's uncased tokenizer (the one all-MiniLM-L6-v2 was trained with): control characters
dropped, white space as a break, lower case with accents stripped, every punctuation mark its own word, Chinese
characters apart, then each word cut greedily into the longest pieces of the vocabulary (``##`` marks a piece inside
a word; a word that cannot be cut, or longer than 100 characters, is ``[UNK]``). Used by the target-sentiment
encoder (:mod:`newsdesk.extract.sentiment`) so that no tokenizer library is needed at run time.

>>> pieces = WordPiece(["[UNK]", "the", "mayor", "il", "##sa", ","]).tokenize("The Mayor, Ilsa")
>>> [(p.id, p.start, p.end) for p in pieces]
[(1, 0, 3), (2, 4, 9), (5, 9, 10), (3, 11, 13), (4, 13, 15)]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Piece", "WordPiece"]

MAX_WORD_CHARS = 100
# Text of ASCII letters, digits, punctuation and white space plus typographic quotes and dashes (most English news)
# splits the same way by one regular expression.
_PLAIN_MARKS = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
_PLAIN_WORD = re.compile(rf"[A-Za-z0-9]+|[!-/:-@\[-`{{-~{_PLAIN_MARKS}]")
_NOT_PLAIN = re.compile(rf"[^\t\n\r\x20-\x7e{_PLAIN_MARKS}]")


@dataclass(frozen=True, slots=True)
class Piece:
    """One vocabulary piece: its id and the half-open character span ``[start, end)`` it covers."""

    id: int
    start: int
    end: int


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_chinese(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _is_whitespace(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_control(char: str) -> bool:
    if char in "\t\n\r":
        return False
    return unicodedata.category(char) in ("Cc", "Cf")


class WordPiece:
    """A WordPiece tokenizer over ``vocab`` (the piece of id ``k`` is ``vocab[k]``; it must hold ``[UNK]``)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {piece: k for k, piece in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]
        self._cache: dict[str, list[tuple[int, int, int]]] = {}

    def words(self, text: str) -> list[tuple[str, list[int]]]:
        """The normalised words of ``text``, each with the original index of every one of its characters."""
        out: list[tuple[str, list[int]]] = []
        chars: list[str] = []
        where: list[int] = []

        def flush() -> None:
            if chars:
                out.append(("".join(chars), list(where)))
                chars.clear()
                where.clear()

        for i, char in enumerate(text):
            code = ord(char)
            if code < 128:  # the fast path for ASCII, which is most of English news
                if char.isalnum():
                    chars.append(char.lower())
                    where.append(i)
                elif char in " \t\n\r":
                    flush()
                elif 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
                    flush()
                    out.append((char, [i]))
                elif code >= 32 and code != 127:  # other ASCII controls are dropped
                    chars.append(char)
                    where.append(i)
                continue
            if code == 0 or code == 0xFFFD or _is_control(char):
                continue
            if _is_whitespace(char):
                flush()
                continue
            if _is_chinese(code):
                flush()
                out.append((char, [i]))
                continue
            for norm in unicodedata.normalize("NFD", char.lower()):
                if unicodedata.category(norm) == "Mn":
                    continue
                if _is_punctuation(norm):
                    flush()
                    out.append((norm, [i]))
                else:
                    chars.append(norm)
                    where.append(i)
        flush()
        return out

    def _pieces(self, word: str) -> list[tuple[int, int, int]]:
        """``(id, first, last)`` of each piece of ``word``, by character index within it."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if len(word) > MAX_WORD_CHARS:
            return [(self.unk, 0, len(word) - 1)]
        pieces: list[tuple[int, int, int]] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.ids.get(piece, -1)
                if found >= 0:
                    break
                end -= 1
            if found < 0:
                pieces = [(self.unk, 0, len(word) - 1)]
                break
            pieces.append((found, start, end - 1))
            start = end
        if len(self._cache) < 200_000:
            self._cache[word] = pieces
        return pieces

    def tokenize(self, text: str) -> list[Piece]:
        """The pieces of ``text`` in order, each with its span in ``text`` (no ``[CLS]`` or ``[SEP]``)."""
        out = []
        if not _NOT_PLAIN.search(text):  # the same words, found faster
            for match in _PLAIN_WORD.finditer(text):
                at = match.start()
                for piece_id, first, last in self._pieces(match.group().lower()):
                    out.append(Piece(piece_id, at + first, at + last + 1))
            return out
        for word, where in self.words(text):
            for piece_id, first, last in self._pieces(word):
                out.append(Piece(piece_id, where[first], where[last] + 1))
        return out
