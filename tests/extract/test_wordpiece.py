"""BERT's uncased WordPiece splitting, with each piece's character span, on a small invented vocabulary."""

from __future__ import annotations

import pytest

from newsdesk.extract.wordpiece import WordPiece

VOCAB = ["[UNK]", "the", "mayor", "il", "##sa", "var", "##n", ",", "'", "s", "cafe", ".", "\u201c", "no", "\u201d", "-"]


@pytest.fixture
def tokenizer() -> WordPiece:
    return WordPiece(VOCAB)


def _split(tokenizer: WordPiece, text: str) -> list[tuple[str, str]]:
    return [(VOCAB[p.id], text[p.start : p.end]) for p in tokenizer.tokenize(text)]


def test_words_are_cut_into_the_longest_pieces(tokenizer: WordPiece) -> None:
    assert _split(tokenizer, "The Mayor, Ilsa Varn.") == [
        ("the", "The"),
        ("mayor", "Mayor"),
        (",", ","),
        ("il", "Il"),
        ("##sa", "sa"),
        ("var", "Var"),
        ("##n", "n"),
        (".", "."),
    ]


def test_typographic_marks_and_accents(tokenizer: WordPiece) -> None:
    # curly quotes and apostrophes are marks of their own; accents are stripped, the span stays on the original
    text = "\u201cNo\u201d \u2014 Varn\u2019s caf\u00e9"
    got = _split(tokenizer, text)
    assert got[:3] == [("\u201c", "\u201c"), ("no", "No"), ("\u201d", "\u201d")]
    assert ("[UNK]", "\u2014") in got
    assert got[-1] == ("cafe", "caf\u00e9")


def test_fast_and_general_paths_agree(tokenizer: WordPiece) -> None:
    # the same words with and without a character that forces the general path (an accent far from them)
    plain = "The Mayor\u2019s cafe, Ilsa-Varn."
    marked = plain + " \u00e9"
    assert _split(tokenizer, marked)[: len(_split(tokenizer, plain))] == _split(tokenizer, plain)


def test_unknown_and_control_characters(tokenizer: WordPiece) -> None:
    assert _split(tokenizer, "zzz") == [("[UNK]", "zzz")]
    assert _split(tokenizer, "ma\x01yor") == [("mayor", "ma\x01yor")]  # a control character is dropped
    assert tokenizer.tokenize("   \n\t") == []
