"""The terms of a text for comparing outlets: lower-cased content words and pairs of adjacent content words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

__all__ = ["PAIR", "STOPWORDS", "Counts", "count", "terms"]

_CLAUSE = re.compile(r"[.,;:!?()\[\]\"“”«»—–]+|\s[-–]\s|\n")
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves mr mrs ms
    one two three four five six seven eight nine ten its it's he's she's that's there's they're we're i'm don't
    didn't doesn't isn't wasn't aren't weren't won't can't couldn't wouldn't shouldn't has hasn't haven't hadn't
    may might must shall also upon within without via per among amid across""".split()
)


@dataclass(frozen=True, slots=True)
class Counts:
    """One article's terms as ids into the story's vocabulary (single content words, then two-word terms, each
    use once), and its words in text order (``""`` at clause breaks) for the contexts of competing names."""

    ids: np.ndarray
    words: tuple[str, ...]


PAIR = 1 << 32  # a two-word term's key while counting: (first word's id + 1) * PAIR + second word's id


def count(text: str, vocabulary: dict[str, int]) -> Counts:
    """The terms of ``text``: content words (not stop words, two letters or more) and adjacent pairs of content
    words within one clause (punctuation breaks a pair), lower-cased. Single words are ids into ``vocabulary``
    (new words are added); pairs are keys ``(first + 1) * PAIR + second`` until :class:`_Story` numbers them."""
    add = vocabulary.setdefault
    sequence: list[str] = []
    for clause in _CLAUSE.split(text.lower().replace("’", "'")):
        words = _WORD.findall(clause)
        if words:
            sequence.extend(words)
            sequence.append("")
    # A stop word is -1 and a clause break -2: no pair is made across either.
    ids = np.fromiter(
        (add(w, len(vocabulary)) if (len(w) > 1 and w not in STOPWORDS) else -1 if w else -2 for w in sequence),
        dtype=np.int64,
        count=len(sequence),
    )
    first, second = ids[:-1], ids[1:]
    join = (first >= 0) & (second >= 0)
    single = ids[ids >= 0]
    return Counts(np.concatenate([single, (first[join] + 1) * PAIR + second[join]]), tuple(sequence))


def terms(text: str) -> Counter[str]:
    """The terms of ``text`` (see :func:`count`) with their counts."""
    vocabulary: dict[str, int] = {}
    found = count(text, vocabulary)
    names = list(vocabulary)
    return Counter(names[i] if i < PAIR else f"{names[i // PAIR - 1]} {names[i % PAIR]}" for i in found.ids.tolist())
