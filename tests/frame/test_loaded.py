"""Loaded phrases on invented sentences: spans, polarity, neutral alternatives, quotation marks, bad input."""

from __future__ import annotations

import pytest

import newsdesk
from newsdesk.frame.loaded import loaded_phrases

CASES = [
    ("Councillor Brenna Osk slammed the plan on Tuesday.", [("slammed", "neg", "criticise")]),
    ("The Dravin regime's ministers met in Calloway.", [("regime", "neg", "government")]),
    ("Officials lashed out at the Quellmoor port board.", [("lashed out", "neg", "criticise")]),
    ("Fares skyrocketed after the vote.", [("skyrocketed", "neg", "rose")]),
    ("It was a landmark ruling for Pellham.", [("landmark", "pos", "major")]),
    ("The so-called reform passed.", [("so-called", "neg", None)]),
    ("The council approved the budget on Monday.", []),
    ("A crowd gathered near the tanks of the Orrin museum.", []),  # not "crowed", not "tanked"
    # A judging verb in another sense: killed, taken to hospital, an explosion.
    ("The Ferrow blaze has claimed at least 31 lives.", []),
    ("Two wardens were admitted to hospital.", []),
    ("The blast shook the Orrin quay.", []),
    ("Mayor Tull claimed that the vote was fixed.", [("claimed", "neg", "said")]),
    ("Critics blasted the Orrin budget.", [("blasted", "neg", "criticise")]),
    # Plain words of war and calamity: one state's forces entering another, a fire or a flood.
    ("Since Dravin's invasion of Quellmoor, fares rose.", []),
    ("A devastating fire swept the Ferrow estate, the worst disaster in decades.", []),
    ("They warned of an invasion of tourists.", [("invasion", "neg", "arrival")]),
    ("The toll plan would be a disaster for Ferrow.", [("disaster", "neg", "failure")]),
    # Words in a sense that judges nobody: title holders, a deal negotiated, what was expected, a plea, a hospital's
    # admission, a violent attack, a name's word, a said-verb's noun, the calamity the article opens on.
    ("The defending champions beat Orrin, and Harbour Cup champions Vessa lost.", []),
    ("The accord was hammered out over two weeks in Calloway.", []),
    ("Nobody knew who was supposed to present the trophy.", []),
    ("The former warden confessed to the crimes in court.", []),
    ("No hospital in Ferrow had admitted the woman by noon.", []),
    ("The talks followed a deadly militant attack on tourists in Orrin.", []),
    ("Tull sits on the league's Elite Panel of referees.", []),
    ("It was on Tull's insistence that the sheets were not exchanged.", []),
    ("Fire tears through Ferrow towers\nResidents asked how such a disaster could happen.", []),
    ("Senators champion the bill; critics attacked the plan on Monday.", [("champion", "pos", "supported")]),
    ("Tull Slams Orrin Budget\nThe mayor spoke.", [("Slams", "neg", "criticise")]),  # a headline's words
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_flags_loaded_wording_with_its_span_and_alternative(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = loaded_phrases(text)
    assert [(p.text, p.polarity, p.alternative) for p in found] == expected
    for p in found:
        assert text[p.start : p.end] == p.text
        assert 0 < p.confidence < 1


def test_a_phrase_in_quotation_marks_is_the_speakers() -> None:
    text = "Mayor Idris Fenwick called it “a massive power grab” and the board slammed him."
    found = {p.text: p.quoted for p in loaded_phrases(text)}
    assert found == {"massive": True, "power grab": True, "slammed": False}


def test_the_longest_phrase_wins() -> None:
    found = loaded_phrases("Senators tried to ram through the Tessaly bill.")
    assert [(p.text, p.alternative) for p in found] == [("ram through", "pass")]


@pytest.mark.parametrize("text", ["", "   ", "Der Bürgermeister hat das Gesetz unterzeichnet.", "!!! 123 ???"])
def test_empty_or_foreign_text_gives_an_empty_list(text: str) -> None:
    assert loaded_phrases(text) == []


def test_is_exported_lazily_from_the_package() -> None:
    assert newsdesk.loaded_phrases("They slammed it.")[0].text == "slammed"


@pytest.mark.parametrize("word", ["crackdown", "clampdown"])
def test_a_crackdown_is_flagged_without_a_softer_word_offered(word: str) -> None:
    # "enforcement" would soften a crackdown that killed protesters: the word is loaded, and none is offered.
    (found,) = loaded_phrases(f"The {word} on the Orlan protesters left 40 dead.")
    assert (found.text, found.polarity, found.alternative) == (word, "neg", None)


@pytest.mark.parametrize(
    "text",
    [
        "Councillor Osk SLAMMED the Scheme; the Savage Remarks were Inept.",
        "The Orrin regime's ſcheme, an ınept plan, infuriated Calloway.",  # long s, dotless i: matched as s and i
        "İnept officials slammed the plan.",  # a capital dotted I: lowered, two characters
        "The \u212aelvin-style scheme was slammed.",  # the Kelvin sign: lowered, a plain k
        "“Illegals”, he said — an “incendiary” and shady remark.",
    ],
)
def test_where_phrases_begin_is_case_blind_as_written(text: str) -> None:
    """A phrase may begin where the lexicon's first words match case-insensitively, whichever way the text is
    searched (lowered and matched as written, where that finds the same, or case-insensitively)."""
    from newsdesk.frame import loaded

    lex = loaded.lexicon()
    assert [m.start() for m in loaded._starts(text, lex)] == [m.start() for m in lex.first.finditer(text)]
