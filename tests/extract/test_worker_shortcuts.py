"""The workers' extraction asks less where the answer is known (issue 17): each shortcut against the form it
replaced, kept here, on real articles and on texts written to reach its edges."""

from __future__ import annotations

import random
from typing import Any

import pytest

from newsdesk import nlp
from newsdesk.extract import entities, kinds, marks, mentions, tokens
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def texts() -> list[str]:
    paths = (
        sorted(shared_path("dev-news").glob("*.txt"))
        + sorted(shared_path("seeds").glob("*.txt"))
        + sorted(shared_path("data", "polnear", "train", "text").glob("*.txt"))[:120]
    )
    return [p.read_text(encoding="utf-8") for p in paths]


def _stepped(text: str) -> list[marks.Marked]:
    """``marks.find`` as it was: inside a quote, a step per character to its close or the line's end."""
    found: list[marks.Marked] = []
    i, n = 0, len(text)
    while i < n:
        stop = marks._STOPS.search(text, i)
        if stop is None:
            break
        i = stop.start()
        char = text[i]
        if char == "<" and (tag := marks._TAG.match(text, i)) is not None:
            i = tag.end()
            continue
        if text.startswith(marks._DOUBLED, i) and marks._doubled_opens(text, i):
            marked, i = marks._find_doubled(text, i)
            if marked is not None:
                found.append(marked)
            continue
        if char not in marks._PAIRS or not marks._opens(text, i):
            i += 1
            continue
        j = i + 1
        close = -1
        depth = 0
        while j < n and text[j] != "\n":
            mixed = marks._mixed(text, j, char) if j > i + 1 else None
            if mixed == "open":
                depth += 1
            elif mixed == "close" and depth:
                depth -= 1
            elif mixed == "close" or (marks._closes(text, j, char) and j > i + 1):
                close = j
                break
            j += 1
        if close >= 0:
            start, end = marks._trimmed(text, i + 1, close)
            if end > start:
                found.append(marks.Marked(start, end, char, True))
            i = close + 1
        else:
            start, end = marks._trimmed(text, i + 1, j)
            if end > start and char != "‘":
                found.append(marks.Marked(start, end, char, False))
            i = j
    return found


# Every mark, straight and curly, with letters, spaces, stops, digits, a tag's brackets and line ends between.
PIECES = [*"“”«»„‘’\"'", "''", "\n", " ", "  ", "a", "Ab", "9", ".", ",", "<b>", '<q a="x">', "-", "(", "don’t"]


def test_quote_marks_found_by_a_search_are_those_of_a_step_per_character(texts: list[str]) -> None:
    for text in texts:
        assert marks.find(text) == _stepped(text)
    rng = random.Random(20261206)
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 24)))
        assert marks.find(text) == _stepped(text), text


def _headline_as_it_was(text: str, start: int) -> bool:
    words = mentions._line(text, start)[1].split()
    longer = [w for w in words if len(w.strip("‘’'\"“”.,:;!?()")) >= 4]
    if not longer or len(words) > mentions._HEADLINE_WORDS:
        return False
    return sum(w.strip("‘’'\"“”(")[:1].isupper() for w in longer) >= mentions._TITLED_WORDS * len(longer)


def test_a_line_of_more_words_than_a_headline_s_is_split_no_further(texts: list[str]) -> None:
    for text in texts[:80]:
        for start in range(0, len(text), 7):
            assert mentions._headline(text, start) == _headline_as_it_was(text, start)
    rng = random.Random(7)
    words = ["Port", "Closes", "as", "Strike", "Goes", "On", "the", "“Fraud”", "’90s", "\u3000", "\t", "A", "of"]
    for count in range(0, 40):
        for _ in range(30):
            line = " ".join(rng.choice(words) for _ in range(count)) + rng.choice(["", " ", "  \t", "\u00a0"])
            assert mentions._headline(line, 0) == _headline_as_it_was(line, 0), line


# Names after a person's noun (the third rule types five of them), and names the rule leaves.
PERSON_NOUNS = [
    "Opposition spokesman Harbour Gazette said it.",
    "Gazette photographer Brannick Quay said.",
    "Union official Orsa Court said no.",
    "The spokeswoman Veloria Bank said so, and the journalist Kestrova Dunn wrote.",
    "Said the photographer Orvath Keshi, who left.",
    "Local farmer Dalen Ilvar said no. Senior analyst Orvath Capital Markets said.",
    "The minister, Celso Sabino, said ministers like Ana Rell and Tovan Keshi would go to Dalen.",
]


def _typed_by(doc: Any, words: list[Any]) -> list[tuple[tuple[int, int], str]]:
    out: dict[tuple[int, int], str] = {}
    kinds._titled_by_a_noun(doc, words, out)
    return list(out.items())


def test_the_person_noun_rule_asks_only_the_names_after_a_person_noun(texts: list[str]) -> None:
    # It writes what it wrote asking every proper noun, in the same order: _typed's answer is the same.
    typed = 0
    for doc in nlp.parse(texts[:40] + PERSON_NOUNS):
        nouns = [t.i for t in doc if t.pos_ == "NOUN" and t.is_lower and kinds.names_a_person(t.text)]
        written = _typed_by(doc, list(tokens.where(doc, pos=frozenset({"PROPN"}))))
        assert _typed_by(doc, kinds._after(doc, nouns)) == written
        typed += len(written)
    assert typed >= 6  # the rule typed people: the runs asked were the right ones


PEOPLE = [("Velorian", "Veloria"), ("Dastmari", "Dastmar"), ("Iowan", "Iowa"), ("Ukrainian", "Ukraine")]
PEOPLE += [("Orvathese", "Orvath"), ("Brannish", "Brann"), ("Kelvanian", "Kelvania"), ("Zürichite", "Zürich")]


def test_a_people_s_word_opens_with_its_place_s_skeleton(texts: list[str]) -> None:
    # What _peoples_words asks of a place before people_word: every pair people_word says yes to passes it.
    names = {w for text in texts[:60] for w in text.split() if w[:1].isupper() and w.isalpha()}
    pairs = [(w, p) for w in sorted(names) for p in sorted(names) if w[:2] == p[:2]] + PEOPLE
    said = 0
    for word, place in pairs:
        if entities.people_word(word, place):
            said += 1
            key, of = entities.skeleton(word), entities.skeleton(place)
            assert of and len(key) > len(of) and key.startswith(of[:-1]), (word, place)
    assert said >= len(PEOPLE)
