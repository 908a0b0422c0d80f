"""The number words' alternation, written by first letter, matches as the plain alternation does."""

from __future__ import annotations

import random
import re

from newsdesk.claims import values


def test_grouped_alternation_matches_as_the_plain_one() -> None:
    words = sorted(values.SMALL, key=len, reverse=True)
    plain = "(?:" + "|".join(words) + ")"
    grouped = values._by_first_letter(words)
    assert grouped != plain
    rng = random.Random(6)
    pieces = [*words, *(w[: rng.randint(1, len(w))] for w in words), "S", "T", "ſ", "-", " ", "x", "1", "teen", "y"]
    for shape in (r"\b{}", r"\b{0}(?:[- ]{0})?(?P<noun> [a-z]+)?", r"{}\b"):
        for flags in (0, re.IGNORECASE):
            a, b = re.compile(shape.format(plain), flags), re.compile(shape.format(grouped), flags)
            for _ in range(3000):
                text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
                text = text.upper() if rng.random() < 0.2 else text
                assert [(m.span(), m.groups()) for m in a.finditer(text)] == [
                    (m.span(), m.groups()) for m in b.finditer(text)
                ], (shape, flags, text)
