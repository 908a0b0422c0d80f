"""The passes the extraction skips where a text cannot match (issue 17) give what running every pass gives, on real
articles and on texts written to reach the edges of each shortcut."""

from __future__ import annotations

import re

import pytest

from newsdesk import nlp
from newsdesk.extract import attributions, dates, mentions, tokens
from newsdesk.records import Mention
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


# Names after the words _company_or_site reads before a name, in cases and spaces the shortcut must not miss.
TYPED = [
    "He said on Twitter that it was over. She wrote on her Facebook page. They took to Weibo.",
    "SAID ON  Twitter, the minister; posted on\nTruth Social; commented on Trump's remarks.",
    "Russia annexed Crimea. The invasion of\tKestrova and the annexation of Dalen, after invading Orvath.",
    "Shares of Quillfin fell; the CEO OF Greywater rose; stockholders of\n\nVessa Bank sold.",
    "Russia annexed" + " " * 35 + "Crimea; shares of" + " " * 38 + "Quillfin; occupation of Marvosk",
    "Talks on Monday; the story of Ilvar; the port of Brannick; the ſaid on Twitter; AND OF Orsa.",
]


def _names(text: str) -> dict[tuple[int, int], Mention]:
    # Every capitalised word a mention, of each kind in turn.
    kinds = ("ORG", "GPE", "LOC", "PERSON")
    return {
        m.span(): Mention(text=m.group(), start=m.start(), end=m.end(), type=kinds[k % 4])
        for k, m in enumerate(re.finditer(r"[A-Z][\w’'-]+", text))
    }


def _company_or_site(text: str) -> dict[tuple[int, int], Mention]:
    found = _names(text)
    mentions._company_or_site(text, found)
    return found


class _Every:
    def __contains__(self, item: object) -> bool:
        return True


def test_company_or_site_searches_only_where_a_pattern_can_end(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = [*texts, *TYPED]
    found = [_company_or_site(t) for t in everything]
    retyped = [k for t in TYPED for k, m in _company_or_site(t).items() if m.type != _names(t)[k].type]
    assert len(retyped) >= 8  # the written texts reach the patterns, or the comparison says little
    for name in ("_POSTED_ON_LAST", "_TAKEN_PLACE_LAST", "_OF_LAST"):
        monkeypatch.setattr(mentions, name, _Every())
    assert [_company_or_site(t) for t in everything] == found


def test_the_last_letters_are_every_character_a_pattern_without_case_ends_on() -> None:
    for last, words in (
        (mentions._POSTED_ON_LAST, ("on", "his", "her", "their", "its", "to")),
        (mentions._TAKEN_PLACE_LAST, ("annexed", "annexing", "of", "invaded", "invading")),
        (mentions._OF_LAST, ("of",)),
    ):
        letters = re.compile("[" + "".join({w[-1] for w in words}) + "]", re.IGNORECASE)
        ending = {chr(c) for c in range(0x110000) if letters.fullmatch(chr(c))}
        assert ending <= last
    # The shortcut reads the spaces before the name with str.rstrip: "\s" is str.isspace, character by character.
    assert all(bool(re.fullmatch(r"\s", chr(c))) == chr(c).isspace() for c in range(0x110000))


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
