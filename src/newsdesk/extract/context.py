"""What the sentences naming a name say: the evidence that two spellings in two articles are one person or place.

One outlet writes "Fung" where its translation round trip writes "Feng", or "Wang Fuk Court" where another
reading gives "Hong Fuk Court". Spelling alone cannot tell those from two people or places ("Wong" and "Wang" are
two families; "Choi Hung" and "Choi Ying" two estates). What tells them one is what the articles say about them:
the same particular words in the sentences that name them (the "mother-in-law" he searched for, the "tormenting"
hours, the toll of the fire "at" the estate).

A name's ``context`` is the words of the sentences that name it: lower-case words (names left out, they are the
story's), cut to ``STEM`` letters, function words and words under three letters left out. Two contexts tell one
thing when they share at least ``total`` words, ``rare`` of them held by few articles of the batch (at most
``RARE_SHARE`` of them, two at least): words the whole story uses ("fire", "killed") say nothing about who.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

__all__ = ["RARE_SHARE", "Held", "context", "names", "rare_limit", "told_alike", "words"]

STEM = 6
# A word in at most this share of the batch's articles (two at least) is particular to what a few of them tell.
RARE_SHARE = 0.05

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘A-Z0-9])|\n+")
_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")
_FUNCTION = frozenset(
    "the and but for from with that this these those its his her hers him they them their there here who whom which "
    "what when where while after before than then also said says say was were are been has have had not nor you your "
    "our out into onto over under about just only very all any some she one ones".split()
)


def _stems(sentence: str) -> frozenset[str]:
    return frozenset(
        w.casefold()[:STEM]
        for w in _WORD.findall(sentence)
        if not w[:1].isupper() and len(w) > 2 and w.casefold() not in _FUNCTION
    )


@functools.lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((s, _stems(s)) for s in _SENTENCE.split(text) if s.strip())


def words(text: str) -> frozenset[str]:
    """Every word of ``text`` a context may hold: for the count of the batch's articles holding each. The words of
    its sentences together are the words of the whole text (the sentences are split at spaces and line breaks, which
    no word holds), read in one pass."""
    return _stems(text)


class Held(Mapping[str, int]):
    """How many of ``texts`` hold each word a context may hold: ``Counter(w for t in texts for w in words(t))``,
    counted for a word when it is first asked. A word of :func:`words` is a case-folded word's first letters, so a
    text can hold it only where its case-folded text has it as it is: only those texts' words are worked out
    (:func:`told_alike` asks a few words of a batch of hundreds of texts, each of whose words the count read)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = list(texts)
        self._folded: list[str] | None = None
        self._words: dict[int, frozenset[str]] = {}
        self._counts: dict[str, int] = {}
        self._all: Counter[str] | None = None

    def _count(self, word: str) -> int:
        n = self._counts.get(word)
        if n is None:
            if self._folded is None:
                self._folded = [text.casefold() for text in self._texts]
            n = 0
            for at, folded in enumerate(self._folded):
                if word in folded:
                    held = self._words.get(at)
                    if held is None:
                        held = self._words[at] = words(self._texts[at])
                    n += word in held
            self._counts[word] = n
        return n

    def __getitem__(self, word: str) -> int:
        n = self._count(word)
        if not n:
            raise KeyError(word)
        return n

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        return self._count(word) or default

    def _every(self) -> Counter[str]:
        if self._all is None:
            self._all = Counter(w for text in self._texts for w in words(text))
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())


def context(text: str, name: str) -> frozenset[str]:
    """The words of the sentences of ``text`` that name ``name`` (as a whole word or words)."""
    if name not in text:
        return frozenset()
    pattern = _named(name)
    return frozenset().union(*(stems for sentence, stems in _sentences(text) if pattern.search(sentence)))


@functools.lru_cache(maxsize=1024)
def _named(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])")


def names(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` (as a whole word or words)."""
    return name in text and _named(name).search(text) is not None


def rare_limit(articles: int) -> int:
    """How many articles of a batch of ``articles`` may hold a word that is still particular to a few."""
    return max(2, int(articles * RARE_SHARE))


def told_alike(
    a: frozenset[str], b: frozenset[str], held: Mapping[str, int], limit: int, *, rare: int, total: int
) -> bool:
    """Whether contexts ``a`` and ``b`` share ``total`` words, ``rare`` of them held by at most ``limit`` articles
    (``held``: articles holding each word; a word it does not count is taken for rare)."""
    shared = a & b
    if len(shared) < total:
        return False
    # Counted until ``rare`` of them are found: a word's count is worked out when first asked (:class:`Held`, a
    # scan of the batch's texts), and the words past those would not change the answer.
    found = 0
    for w in shared:
        if held.get(w, 0) <= limit:
            found += 1
            if found >= rare:
                return True
    return found >= rare
