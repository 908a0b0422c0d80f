"""A phrasal verb read as the one plain verb it means, in a claim's terms (decision 0013, revised 2026-12-07, fifth
session): "turned down the request" says what "rejected the request" says, but its particle is a stop word, so
it gave only "turn", and two reports of one refusal shared one word fewer than they say.

The sentences are invented.
"""

from __future__ import annotations

import pytest

from newsdesk.claims import extract, match
from newsdesk.records import Mention
from tests.claims import test_match_agents as agents


def _words(text: str) -> set[str]:
    return set(extract.terms(text))


@pytest.mark.parametrize(
    ("phrase", "verb", "plain"),
    [
        ("The board turned down the request.", "turn", "The board rejected the request."),
        ("The board turns down the request.", "turn", "The board rejects the request."),
        ("The board is turning down the request.", "turn", "The board is rejecting the request."),
        ("The board read the request and turned it down.", "turn", "The board read the request and rejected it."),
        ("The union called off the strike.", "call", "The union cancelled the strike."),
        ("The union planned a strike but called it off.", "call", "The union planned a strike but cancelled it."),
        ("The chair stepped down after the vote.", "step", "The chair resigned after the vote."),
        ("The chair is stepping down after the vote.", "step", "The chair is resigning after the vote."),
        ("The firm pulled out of the bidding.", "pull", "The firm is withdrawing from the bidding."),
        ("The firm dropped out of the bidding.", "drop", "The firm is withdrawing from the bidding."),
        ("The council signed off on the budget.", "sign", "The council approved the budget."),
    ],
)
def test_a_phrasal_verb_gives_the_term_of_the_verb_it_means(phrase: str, verb: str, plain: str) -> None:
    got = _words(phrase)
    assert got == _words(plain), phrase
    assert verb not in got


@pytest.mark.parametrize(
    "text",
    [
        "The driver turned down the street past the school.",  # a way: the verb as written
        "The speaker stepped down the stairs to the hall.",
        "The staff turned down the heat in the office.",
        "The guard pulled out a radio and called the police.",  # "pulled out" with no "of"
        "The anchor signed off early on Friday.",  # "signed off" with no "on"
        "The crew dropped out the anchor.",
        "The pilot turned off the engine.",  # a particle no rule reads with the verb
    ],
)
def test_a_phrase_of_another_meaning_keeps_its_verb(text: str) -> None:
    got = _words(text)
    assert not got & {"reject", "cancel", "resign", "withdraw", "approv"}, got


def test_the_plain_verb_keeps_every_name_in_its_place() -> None:
    text = "The Harbour Council turned it down, said Tom Berg of the Rowing Club."
    names = ("Harbour Council", "Tom Berg", "Rowing Club")
    mentions = tuple(Mention(text=n, start=text.index(n), end=text.index(n) + len(n), type="ORG") for n in names)
    assert extract.terms(text, 0, mentions) == ("#hc", "#tb", "#rc", "reject")
    at = 1000  # the sentence read at its place in an article
    moved = tuple(Mention(text=m.text, start=m.start + at, end=m.end + at, type="ORG") for m in mentions)
    assert extract.terms(text, at, moved) == ("#hc", "#tb", "#rc", "reject")


# Two reports of one refusal that name one actor in common: only the words can join them, three at least, and
# besides the verb they share two ("coastal", "banks").
REJECTED = agents._member(
    "a",
    "The Fenwick Authority rejected a merger of coastal banks on grounds of competition law.",
    ("Fenwick Authority",),
    linked=True,
)
TURNED_DOWN = agents._member(
    "b",
    "The Fenwick Authority on Monday turned down the proposed tie-up of the two coastal banks, citing fear for savers.",
    ("Fenwick Authority",),
    linked=True,
)
OTHERS = [
    agents._member(f"o{i}", text, (), linked=True)
    for i, text in enumerate(
        [
            "Shares of both lenders fell sharply in early trading after the news.",
            "Analysts expect the banks to look for other partners within a year.",
            "Depositors were told their savings are safe whatever happens to the deal.",
            "The coastal region has lost four branches since the spring.",
            "A spokesman for the lenders declined to comment on the ruling.",
        ]
    )
]


def test_a_refusal_written_with_a_phrasal_verb_joins_the_one_written_with_the_verb() -> None:
    story = match.Story("s")
    story.extend([(m, None) for m in [*OTHERS, REJECTED, TURNED_DOWN]])
    assert story.by_claim[REJECTED.id] == story.by_claim[TURNED_DOWN.id]


@pytest.mark.parametrize(
    "text",
    [
        "Police called off-duty officers to the square.",  # a compound of the particle, not the particle
        "The parties turned down-ballot races into a referendum.",
        "The convoy turned down Elm Street after the rally.",  # a way, named
        "The motorcade turned down the narrow street to the palace.",  # a way, a word after its article
        "Two children were pulled out of the rubble on Tuesday.",  # a rescue, not a withdrawal
        "The last train pulled out of the station at noon.",
        "The envoy urged both sides to turn down the rhetoric.",  # a level lowered
        "The mayor stepped down from the podium and left the hall.",
        "The army stepped down its patrols along the river.",  # lowered them: no one resigned
    ],
)
def test_a_literal_or_transitive_use_the_review_found_keeps_its_verb(text: str) -> None:
    # Shapes the first rule read as a refusal, a withdrawal or a resignation (decision 0013, fifth session's review).
    got = _words(text)
    assert not got & {"reject", "cancel", "resign", "withdraw", "approv"}, got


def test_two_phrasal_verbs_close_together_are_both_read() -> None:
    # The words read after the first phrase to test a literal use are not taken from the next phrase.
    assert {"resign", "cancel"} <= _words("The chair stepped down and called off the vote.")
    assert {"reject", "cancel"} <= _words("The board turned it down and called off the talks.")
