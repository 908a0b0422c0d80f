"""Whose a figure is (:mod:`newsdesk.claims.owners`): two holders' figures, or a past year's, are no contradiction."""

from __future__ import annotations

from newsdesk.claims import contradict, owners, verify
from newsdesk.records import Claim, DateMention
from tests.claims.test_contradict import contradictions, found
from tests.claims.test_contradict import side as undated

DAY = "2026-12-05"  # a quantity stated on days not known may have changed: one day here


def side(cid: str, text: str) -> contradict.Side:
    return undated(cid, text, published=DAY)


def test_two_bidders_prices_a_share_are_two_things() -> None:
    velmar = side("a", "Velmar agreed to pay $27.75 a share for Tessaro in a deal worth $80bn.")
    corvane = side(
        "b",
        "Corvane's offer prices Tessaro at approximately $30 per share and takes in the cable channels that Velmar's "
        "deal leaves out.",
    )
    corvane_again = side("c", "Corvane's offer values Tessaro at $34 per share and includes the networks it wants.")
    assert not found(velmar, corvane)
    # One holder's two figures still contradict each other.
    assert contradictions(corvane, corvane_again) == {frozenset({"USD 30", "USD 34"})}


def test_two_polls_figures_are_two_things_and_one_polls_contradict() -> None:
    norda = side("a", "Ilse Marr leads Ruud in a Norda poll of Varn voters with 46 percent for the Varn seat.")
    keller = side("b", "Ilse Marr leads Ruud in a Keller poll of Varn voters with 53 percent for the Varn seat.")
    norda_again = side("c", "Ilse Marr leads Ruud in the Norda poll of Varn voters with 53 percent for the Varn seat.")
    assert not found(norda, keller)
    assert contradictions(norda, norda_again) == {frozenset({"46", "53"})}


def test_a_figure_said_of_a_past_year_is_another_race() -> None:
    then = side("a", "The Varn seat was decided by less than one percentage point in 2004, the survey of Varn found.")
    now = side("b", "Marr's lead in the Varn seat is an average of four percentage points, the survey of Varn found.")
    same_year = side("c", "The Varn seat was decided by four percentage points in 2004, the survey of Varn found.")
    assert not found(then, now)
    assert contradictions(then, same_year) == {frozenset({"1", "4"})}


def test_a_name_that_reports_a_figure_holds_none_of_it() -> None:
    # Two sources' tolls of one blast contradict each other: "said" and "according to" name no holder.
    assert not owners.owner("Reuters said 30 people died in the Varn blast.", 13)
    reuters = side("a", "Reuters said 30 people died in the Varn blast on Monday, police told reporters.")
    bbc = side("b", "According to the Tesk Herald, 35 people died in the Varn blast on Monday, police told reporters.")
    assert contradictions(reuters, bbc) == {frozenset({"30", "35"})}


def test_a_holder_is_read_in_the_figures_own_clause() -> None:
    text = "Corvane launched a hostile bid for Tessaro Bros. Group on Monday, offering $74.4 billion for it."
    assert owners.owner(text, text.index("$")) == frozenset({"corvane"})
    text = "Velmar's $72bn buyout plan stands, while Corvane's offer is $30 a share."
    assert owners.owner(text, text.index("$72")) == frozenset({"velmar"})
    assert owners.owner(text, text.index("$30")) == frozenset({"corvane"})
    assert owners.owner("Shares of Velmar jumped more than 9% on Friday.", 33) == frozenset()


def test_verify_takes_no_other_holders_figure_against_the_claim() -> None:
    claim = verify.typed("Corvane's offer values Tessaro at $30 a share")

    def candidate(name: str, text: str) -> verify.Candidate:
        read = verify.typed(text)
        own = Claim(text=text, start=0, end=len(text), terms=read.terms, values=read.values)
        return verify.Candidate({"id": name, "origin": name, "outlet": name.title()}, text, [own])

    velmar = candidate("post", "Velmar agreed an offer that values Tessaro at $27.75 a share, the board said.")
    corvane = candidate("wire", "Corvane's offer values Tessaro at $34 a share, the board said.")
    got = verify.judge(
        claim,
        [velmar, corvane],
        lambda pairs: [{"label": "discusses", "confidence": 0.5, "start": 0, "end": 4} for _ in pairs],
    )
    assert [r["article_id"] for r in got["contradicts"]] == ["wire"]


def test_two_dates_of_two_events_are_no_contradiction() -> None:
    def on(text: str, word: str) -> tuple[DateMention, ...]:
        start = text.index(word)
        return (DateMention(text=word, start=start, end=start + len(word), value=None, precision="day", anchor=None),)

    primary = "The Varn institute's survey finds Ilse Marr ahead of Ruud among voters in the Varn primary on Friday."
    survey = "A survey by the Varn institute on Tuesday found Ilse Marr ahead of Ruud among voters in the Varn primary."
    again = "The Varn institute's survey finds Ilse Marr ahead of Ruud among voters in the Varn primary on Tuesday."
    a = undated("a", primary, dates=on(primary, "Friday"))
    b = undated("b", survey, dates=on(survey, "Tuesday"))
    c = undated("c", again, dates=on(again, "Tuesday"))
    assert [v.value for v in a.claims[0].values if v.kind == "date"] == ["friday"]
    assert not found(a, b)  # the primary's day and the survey's
    assert contradictions(a, c) == {frozenset({"friday", "tuesday"})}  # the primary's, twice


def test_a_possessive_source_of_a_count_holds_none_of_it() -> None:
    # "the Tesk Herald's tally of 30 dead" is the Herald's word on the toll, as "according to the Tesk Herald" is:
    # two sources' counts of one blast contradict each other; two bidders' offers stay two things.
    herald = side(
        "a", "In the Varn blast on Monday, the Tesk Herald's tally of 30 dead came first, police told reporters."
    )
    wire = side(
        "b", "In the Varn blast on Monday, the Norda Wire's estimate of 45 dead came first, police told reporters."
    )
    assert contradictions(herald, wire) == {frozenset({"30", "45"})}
    text = "Velmar's latest offer of $30 a share beat the rest."
    assert owners.owner(text, text.index("$")) == frozenset({"velmar"})
