"""Where a quote's cue is written in its sentence: found without a pattern for ASCII text, as the pattern finds it."""

from __future__ import annotations

import random

from newsdesk.stances import extract


def _by_pattern(cue: str, window: str) -> list[int]:
    return [m.start() for m in extract._cue_pattern(cue).finditer(window)]


def test_ascii_cue_places_are_the_patterns() -> None:
    rng = random.Random(17)
    alphabet = "aAsSkKiI_0 .'-\"," + "xyz"
    for _ in range(20_000):
        window = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        cue = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
        assert extract._written(cue, window) == _by_pattern(cue, window), (cue, window)


def test_cue_places_in_sentences() -> None:
    window = "He said: 'Said is said,' saidly, as SAID_ and _said said."
    for cue in ("said", "Said", "said,", "'", "according to", "as"):
        assert extract._written(cue, window) == _by_pattern(cue, window)
    assert extract._written("said", window) == [3, 10, 18, 52]  # not "saidly", "SAID_" nor "_said"
