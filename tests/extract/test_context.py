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
