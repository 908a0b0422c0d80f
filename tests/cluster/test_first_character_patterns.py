"""Patterns opened by their first character, what stands before it tested by a lookbehind then: the same matches as
the plain forms (decision 0053, revision of 2026-12-05, late night)."""

from __future__ import annotations

import random
import re

import pytest

from newsdesk.cluster import rewrites, similarity
from newsdesk.extract import dates, entities
from tests.conftest import shared_path

# The plain forms, as they were written before.
PLAIN = {
    "quoted": (rewrites._QUOTED, r"“[^”\n]*”|\"[^\"\n]*\"|(?<!\w)‘[^‘’\n]*(?:’\w[^‘’\n]*)*’(?!\w)", 0),
    "number": (rewrites._NUMBER, r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?", 0),
    "clock": (
        rewrites._CLOCK,
        r"\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\b\.?)?|\b\d{1,2}\s?[ap]\.?m\b\.?",
        re.IGNORECASE,
    ),
    "sentence": (rewrites._SENTENCE, r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘A-Z0-9])|\n+", 0),
    "boundary": (dates._BOUNDARY, r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z])|\n+", 0),
    "name": (similarity._NAME, r"\b[A-Z][\w'’-]+(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’-]+)*", 0),
    "year": (similarity._YEAR, r"\b(?:1[89]|20)\d\d\b", 0),
    "capitalised": (entities._CAPITALISED, r"(?<![\w’'-])[A-Z][a-zà-ÿ]{3,}(?![\w-])", 0),
}

EDGES = [
    '‘Quoted’ and don’t ‘split’s’ x‘no’ (‘yes’) “double” "plain" ‘open\n’ ‘a’b’ ‘’',
    "1,234,567.89 and 12,34 and 1234.5.6 a12 .5 ,7 3.14, 1,000 ٣٤ 10,000,00 0.5%",
    "At 11:45 a.m. and 7 pm, 7pm, 10:30, 123:45, a7 pm, 12 AM, 9:05P.M. 24:00 7 p.m.x",
    'End. Next one! "Quoted." Then? ‘Single’ (Bracket.) New\n\nLine.\n  Spaced.   Tab.\tA… Omitted… 9 lives.',
    "",
    "no marks at all",
    "Bank of England, xBank, 'Moore', -Booth, 1999 a1999 2001x 1850s 20201 Dé Gaulle Al-Sisi King  of  Spain Éric",
]


def _texts() -> list[str]:
    texts = [*EDGES]
    for folder in ("dev-news", "seeds"):
        texts += [p.read_text(encoding="utf-8") for p in sorted(shared_path(folder).glob("*.txt"))]
    rng = random.Random(5)
    pieces = [*"“”\"‘’'.,!?… \n\t()1234567890apmAPM:x-", "Bank", "of", "de", "al-", "Moore", "é"]
    texts += ["".join(rng.choice(pieces) for _ in range(200)) for _ in range(500)]
    return texts


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_the_pattern_matches_what_its_plain_form_matches(name: str) -> None:
    pattern, plain_text, flags = PLAIN[name]
    plain = re.compile(plain_text, flags)
    assert pattern.flags == plain.flags
    found = 0
    for text in _texts():
        want = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in pattern.finditer(text)] == want, (name, text[:60])
        found += len(want)
        # From a place and to an end, as sentence_around reads boundaries.
        for at, end in ((3, len(text) - 2), (len(text) // 2, len(text))):
            want = [m.span() for m in plain.finditer(text, at, end)]
            assert [m.span() for m in pattern.finditer(text, at, end)] == want, (name, text[:60], at, end)
    assert found > 20
