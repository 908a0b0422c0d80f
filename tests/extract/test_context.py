"""What the sentences naming a name say, and when two such contexts tell one thing (invented texts)."""

from __future__ import annotations

import pytest

from newsdesk.extract import context

TEXT = (
    "Tsang lost touch with his father-in-law on Wednesday. The towers burned for a day. "
    "Mr. Tsang searched the mortuary lists.\nNobody else was named."
)


def test_a_context_is_the_lower_case_words_of_the_sentences_naming_the_name() -> None:
    said = context.context(TEXT, "Tsang")
    assert {"father", "mortua", "lists", "search", "touch"} <= said
    assert not said & {"towers", "burned", "nobody", "named"}  # other sentences
    assert not said & {"the", "his", "tsang", "wednes"}  # function words and names
    assert context.context(TEXT, "Tsan") == frozenset()  # a whole word only
    assert context.names(TEXT, "Tsang") and not context.names(TEXT, "Tsan")


@pytest.mark.parametrize(
    ("a", "b", "rare", "total", "alike"),
    [
        ({"father", "mortua", "lists", "search"}, {"father", "mortua", "lists", "search", "wife"}, 2, 4, True),
        # Enough words, but only one of them particular to a few articles.
        ({"father", "fire", "towers", "missin"}, {"father", "fire", "towers", "missin"}, 2, 4, False),
        # Particular words, but too few in all.
        ({"father", "mortua", "lists"}, {"father", "mortua", "lists"}, 2, 4, False),
    ],
)
def test_told_alike_needs_enough_shared_words_and_enough_rare_ones(
    a: set[str], b: set[str], rare: int, total: int, alike: bool
) -> None:
    held = {"fire": 9, "towers": 8, "missin": 7, "father": 2, "mortua": 1, "lists": 2, "search": 3}
    assert context.told_alike(frozenset(a), frozenset(b), held, 2, rare=rare, total=total) is alike


def test_a_rare_word_is_one_few_articles_of_the_batch_hold() -> None:
    assert context.rare_limit(10) == 2
    assert context.rare_limit(60) == 3
    assert context.rare_limit(1000) == 50


def test_the_batch_s_count_of_a_word_counted_when_asked_is_the_count_over_every_text() -> None:
    """Issue 17: ``Held`` counts the texts holding a word only when the word is asked, reading only the texts whose
    case-folded text has it: the count of every word, asked or not (and of words no text holds), is the count over
    every text's words, on real articles and on letters whose case folding writes more letters (ß, final sigma)."""
    from collections import Counter

    from tests.conftest import shared_path

    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("dev-news").glob("*.txt"))]
    texts += [
        "Die straße wurde gesperrt. STRASSENBAU dauerte lange.",
        "Ο ΔΡΟΜΟΣ έκλεισε. Ο δρόμος άνοιξε ξανά σήμερα.",
        "Ǆemal spoke of ﬁnancial ﬂows in Ǆakarta yesterday.",
    ]
    every = Counter(w for text in texts for w in context.words(text))
    held = context.Held(texts)
    asked = [*every, "strass", "straße", "δρομος", "δρόμος", "financ", "nowhere", "zzzzzz", ""]
    for word in asked:
        assert held.get(word, 0) == every.get(word, 0), word
        assert (word in held) == (word in every), word
    assert dict(held) == dict(every) and len(held) == len(every)
    assert len(every) > 1000


def test_a_text_s_words_are_the_words_of_its_sentences() -> None:
    """``words`` reads the whole text in one pass: the same words as its sentences' together (the sentences are
    split at spaces and line breaks, which no word holds), on real articles and on random texts of letters, marks,
    quotes and line breaks."""
    import random

    from tests.conftest import shared_path

    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("dev-news").glob("*.txt"))]
    letters = "aAbBzZéÉßς0 9.!?…\"“”‘’'-_,\n\t"
    rng = random.Random(7)
    texts += ["".join(rng.choice(letters) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    for text in texts:
        assert context.words(text) == frozenset().union(*(s for _, s in context._sentences(text))), text


class _Asked(dict[str, int]):
    """A batch's counts that note which words were asked."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__(counts)
        self.asked: list[str] = []

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        self.asked.append(word)
        return super().get(word, default)


def test_told_alike_stops_counting_once_enough_rare_words_are_found() -> None:
    """Issue 17: a word's count over the batch is a scan of its texts (``Held``), so ``told_alike`` asks the counts
    only until ``rare`` rare words are found; its answer is the count over every shared word's, on random cases."""
    import random

    shared = frozenset({"father", "mortua", "lists", "search", "shelte", "daught"})
    held = _Asked(dict.fromkeys(shared, 1))
    assert context.told_alike(shared, shared, held, 2, rare=2, total=4)
    assert len(held.asked) == 2
    rng = random.Random(3)
    pool = [f"w{i}" for i in range(12)]
    for _ in range(3000):
        a, b = frozenset(rng.sample(pool, rng.randint(0, 12))), frozenset(rng.sample(pool, rng.randint(0, 12)))
        counts = {w: rng.randint(0, 6) for w in pool if rng.random() < 0.8}
        limit, rare, total = rng.randint(0, 5), rng.randint(0, 4), rng.randint(0, 6)
        both = a & b
        expected = len(both) >= total and sum(counts.get(w, 0) <= limit for w in both) >= rare
        assert context.told_alike(a, b, _Asked(counts), limit, rare=rare, total=total) is expected
