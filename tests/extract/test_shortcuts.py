"""The passes the extraction skips where a text cannot match (issue 17) give what running every pass gives, on real
articles and on texts written to reach the edges of each shortcut."""

from __future__ import annotations

import re

import pytest

from newsdesk import nlp
from newsdesk.extract import attributions, dates, tokens
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def texts() -> list[str]:
    paths = (
        sorted(shared_path("dev-news").glob("*.txt"))
        + sorted(shared_path("data", "polnear", "train", "text").glob("*.txt"))[:120]
    )
    return [p.read_text(encoding="utf-8") for p in paths]


# Texts that reach each credit pattern's words (and some that only nearly do).
CREDITED = [
    "According to a report in the Harbour Gazette, the port will close.",
    "A Veloria Ledger investigation found the books were cooked.",
    "The figures, first reported by the Orvath Times, were denied.",
    "The plan, writes the Harbour Gazette, is dead.",
    "The Orsa Daily reported that talks had failed.",
    "The minister told Radio Caldera that she would resign.",
    "The deal is off, the Veloria Ledger reports.",
    "Reports from the Orvath Herald and the Kessel Tribune say so.",
    "VESSA, June 16 (MPA) - The port reopened.",
    "Source: Veloria Ledger",
    "Speaking to the Harbour Gazette, she said no. Talking to Radio Caldera, he agreed.",
    "Reuters photographer Tyrone Siu said the crowd was large.",
    "The crowd was captured by Reuters photographer Tyrone Siu.",
    "A Reuters photograph showed the damage.",
    "He spoke with Bloomberg News on Monday and was quoted by CNN.",
]


def test_credits_skip_only_patterns_a_text_cannot_match(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    everything = [*texts, *CREDITED]
    found = [attributions.credits(t) for t in everything]
    assert sum(map(len, found)) > len(CREDITED)
    monkeypatch.setattr(attributions, "_NEEDS", tuple(() for _ in attributions._PATTERNS))
    assert [attributions.credits(t) for t in everything] == found


def test_outlets_grouped_by_first_letter_match_the_flat_alternation(texts: list[str]) -> None:
    flat = re.compile(
        r"(?<![\w-])(?:the(?=[A-Z]))?(?:"
        + "|".join(
            sorted((re.escape(v) for v in attributions._ALIASES if not v.startswith("the ")), key=len, reverse=True)
        )
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    written = ["theTelegraph and BBC News, Bbc news, the bbc, AP, ap, Fox News, Agence France-Presse, KYODO NEWS"]
    spans = 0
    for text in [*texts, *written]:
        expected = [m.span() for m in flat.finditer(text)]
        assert [m.span() for m in attributions._NAMED.finditer(text)] == expected
        spans += len(expected)
    assert spans


# Characters other than ASCII letters that match one when case is ignored ("weeK" with a Kelvin sign is "week" to
# a pattern ignoring case): the lower-case form of such a text is not read for the words a pattern needs.
ODD = [
    "Next wee\u212a the port opens.",
    "It was done within a decade, la\u017ft month.",
    "Th\u0131s year and \u0131n March 2020",
]


def test_dates_skip_only_patterns_a_text_cannot_match(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    everything = [*texts, *ODD, "Later this week, or within a decade, or over the weekend, today or tomorrow."]
    found = [dates.find(t, "2025-11-28T10:00:00") for t in everything]
    assert [m.text for m in found[len(texts)]] == ["Next wee\u212a"]
    written = ["Later this week", "within a decade", "over the weekend", "today", "tomorrow"]
    assert [m.text for m in found[-1]] == written
    monkeypatch.setattr(dates, "_NEEDS", {})
    assert [dates.find(t, "2025-11-28T10:00:00") for t in everything] == found


def test_the_characters_that_match_an_ascii_letter_ignoring_case_are_known() -> None:
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = "".join(chr(c) for c in range(0x80, 0x10000) if letters.fullmatch(chr(c)))
    assert odd and all(dates._NOT_ASCII_CASE.fullmatch(c) for c in odd)


def test_where_reads_the_arrays_of_the_doc_it_is_asked_about() -> None:
    model = nlp.load()
    first, second = model("Officials said the port reportedly closed."), model("Reportedly, nobody said a word.")
    words = frozenset({"reportedly", "said"})
    for doc in (first, second, first, second):  # in turns: the arrays kept for one never serve the other
        assert [t.text for t in tokens.where(doc, lower=words)] == [t.text for t in doc if t.lower_ in words]
    del first
    third = model("It was said, reportedly.")
    assert [t.i for t in tokens.where(third, lower=words)] == [2, 4]


def test_membership_by_bisection_is_numpy_isin() -> None:
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(7)
    for size in (1, 2, 5, 40):
        ids = np.unique(rng.integers(0, 1 << 63, size, dtype=np.uint64))
        values = np.concatenate(
            [ids, rng.integers(0, 1 << 63, 200, dtype=np.uint64), np.array([0, (1 << 64) - 1], dtype=np.uint64)]
        )
        rng.shuffle(values)
        assert (tokens._member(values, ids) == np.isin(values, ids)).all()
