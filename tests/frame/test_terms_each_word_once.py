"""Issue 17 (decision 0053, revision of 2026-12-05, night): ``terms.count`` looks at each distinct word of a text
once and reads the words' ids in C; the ids, the vocabulary and its order are those of the word-by-word count."""

from __future__ import annotations

import numpy as np

from newsdesk.frame import terms
from tests.conftest import shared_path


def _word_by_word(text: str, vocabulary: dict[str, int]) -> terms.Counts:
    """``count`` as it was before: every word looked up in turn."""
    add = vocabulary.setdefault
    sequence: list[str] = []
    for clause in terms._CLAUSE.split(text.lower().replace("’", "'")):
        words = terms._WORD.findall(clause)
        if words:
            sequence.extend(words)
            sequence.append("")
    ids = np.fromiter(
        (add(w, len(vocabulary)) if (len(w) > 1 and w not in terms.STOPWORDS) else -1 if w else -2 for w in sequence),
        dtype=np.int64,
        count=len(sequence),
    )
    first, second = ids[:-1], ids[1:]
    join = (first >= 0) & (second >= 0)
    single = ids[ids >= 0]
    return terms.Counts(np.concatenate([single, (first[join] + 1) * terms.PAIR + second[join]]), tuple(sequence))


def test_the_counts_and_the_shared_vocabulary_are_those_of_the_word_by_word_count() -> None:
    paths = sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))[:80]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts += [p.read_text(encoding="utf-8") for p in sorted(shared_path("dev-news").glob("*.txt"))]
    texts += ["", "  ", "A.", "The the THE", "U.S. — it's a; test, Of (things) “quoted” one-two 3 x y"]
    new: dict[str, int] = {}
    old: dict[str, int] = {}
    for text in texts:  # one vocabulary across the texts, as a story's
        got, want = terms.count(text, new), _word_by_word(text, old)
        assert got.words == want.words and got.ids.dtype == want.ids.dtype
        assert np.array_equal(got.ids, want.ids)
        assert list(new.items()) == list(old.items())
    assert len(new) > 5000
