"""Contradictions and `verify` read as an analyst reads them (h-cc54): estimates that overlap within their hedges,
figures of a subject the sentence does not name, a sum said with its debt, a raised bid, the payee of a payment, a
time word before an offer, and a sentence about another person. Sentences invented for these tests."""

from __future__ import annotations

from newsdesk.claims import contradict, owners, verify
from tests.claims.test_categorical import _candidate, _stances
from tests.claims.test_contradict import claim, contradictions, found, side

# --- 1. A count told as an estimate covers what its rounding covers (h-rc54: NOTES.md (c) of dev-news lists the
# estate's "about 4,800", "more than 4,600" and "approximately 4,000" residents as contradictions).

RESIDENTS = "{} people live in the eight towers of the Varn estate in Orlan."


def test_a_hedged_count_covers_what_its_rounding_covers() -> None:
    about = side("a", RESIDENTS.format("About 4,800"))
    roughly = side("b", RESIDENTS.format("Approximately 4,000"))
    more_than = side("c", RESIDENTS.format("More than 4,600"))
    # "About 4,800" is 4,750 to 4,850, "more than 4,600" under 4,700, "approximately 4,000" 3,500 to 4,500.
    assert contradictions(about, roughly) == {frozenset({"4800", "4000"})}
    assert contradictions(more_than, roughly) == {frozenset({"4600", "4000"})}
    assert contradictions(about, more_than) == {frozenset({"4800", "4600"})}


def test_a_round_figure_of_one_digit_is_an_estimate_within_an_eighth() -> None:
    # "About 5,000" does not say whether it was rounded to the thousand: 4,960 and "about 4,500" fit it.
    about = side("a", RESIDENTS.format("About 5,000"))
    assert not found(about, side("b", RESIDENTS.format("Exactly 4,960").replace("Exactly ", "")))
    assert not found(about, side("c", RESIDENTS.format("About 4,500")))
    nearly = side("d", RESIDENTS.format("Nearly 5,000"))
    roughly = side("e", RESIDENTS.format("Approximately 4,000"))
    estimated = side("f", RESIDENTS.format("An estimated 4,200"))
    assert not found(nearly, roughly)
    assert not found(roughly, estimated)
    # "More than 4,000" is a lower bound as written, however round: an exact 3,800 is under it.
    assert contradictions(
        side("g", RESIDENTS.format("More than 4,000")),
        side("h", RESIDENTS.format("Exactly 3,800").replace("Exactly ", "")),
    ) == {frozenset({"4000", "3800"})}


def test_estimates_far_apart_and_exact_counts_still_contradict() -> None:
    # Two exact figures differ however close; an estimate against a count beyond its hedge differs.
    exact = side("a", RESIDENTS.format("Exactly 4,800").replace("Exactly ", ""))
    other_exact = side("b", RESIDENTS.format("4,600"))
    assert contradictions(exact, other_exact) == {frozenset({"4800", "4600"})}
    about = side("c", RESIDENTS.format("About 6,000"))
    roughly = side("d", RESIDENTS.format("Approximately 4,000"))
    assert contradictions(about, roughly) == {frozenset({"6000", "4000"})}
    missing = "{} people remain missing after the Varn estate fire, the Orlan council said on Friday."
    assert contradictions(
        side("e", missing.format("About 200"), published="2026-12-05"),
        side("f", missing.format("Exactly 128").replace("Exactly ", ""), published="2026-12-05"),
    ) == {frozenset({"200", "128"})}
    # A hedge of a sum of money stays as tight as before: "about $4.8 billion" and "$4 billion" differ.
    deal = "Velmar agreed to buy the Varn estate's owner for {} on Friday, the Orlan council said."
    assert contradictions(
        side("g", deal.format("about $4.8 billion"), published="2026-12-05"),
        side("h", deal.format("$4 billion"), published="2026-12-05"),
    ) == {frozenset({"USD 4800000000", "USD 4000000000"})}


def test_a_contradictions_side_shows_its_hedge_as_written() -> None:
    about = side("a", RESIDENTS.format("About 6,000"))
    roughly = side("b", RESIDENTS.format("Approximately 4,000"))
    (conflict,) = contradict.find([about, roughly])
    # What the CLI, the brief and the web card show beside each side's outlets: the figure with its hedge.
    assert conflict.shown == ("about 6,000 people", "approximately 4,000 people")


# --- 4. Whose a figure is: the payee of a payment, a time word before an offer.


def test_the_payee_of_a_passive_payment_holds_no_figure() -> None:
    text = "Velmar was paid $5m by the Orlan council for the Varn site on Friday."
    assert owners.owner(text, text.index("$")) == frozenset()
    text = "Tessaro has been offered $30 a share."
    assert owners.owner(text, text.index("$")) == frozenset()
    # The payer still holds it.
    text = "Corvane paid $6m to Velmar for the Varn site."
    assert owners.owner(text, text.index("$")) == frozenset({"corvane"})
    paid = side("a", "Velmar was paid $5m by the Orlan council for the Varn site on Friday.", published="2026-12-05")
    payer = side("b", "The Orlan council paid $6m to Velmar for the Varn site on Friday.", published="2026-12-05")
    assert contradictions(paid, payer) == {frozenset({"USD 5000000", "USD 6000000"})}


def test_a_time_word_before_an_offer_is_no_holder() -> None:
    for text in (
        "Yesterday's offer of $30 a share was turned down by Tessaro.",
        "Monday's bid of $30 a share was turned down by Tessaro.",
        "Last week's offer of $30 a share was turned down by Tessaro.",
    ):
        assert owners.owner(text, text.index("$")) == frozenset(), text
    text = "Velmar's offer of $30 a share was turned down by Tessaro."
    assert owners.owner(text, text.index("$")) == frozenset({"velmar"})


# --- 3. `verify`: a sum said with what it includes, a raised bid.


def test_verify_takes_no_sum_said_with_what_it_includes_against_a_bare_sum() -> None:
    claim = verify.typed("Velmar agreed to buy Tessaro Group for $82 billion")
    debt = _candidate(
        "post", "Velmar agreed to buy Tessaro Group in a deal worth $86.5 billion, including assumed debt."
    )
    bare = _candidate("wire", "Velmar agreed to buy Tessaro Group for $70 billion, its board said.")
    got = verify.judge(claim, [debt, bare], _stances)
    assert [r["article_id"] for r in got["contradicts"]] == ["wire"]


def test_verify_reads_a_raised_or_topping_bid_as_a_development() -> None:
    claim = verify.typed("Corvane's offer values Tessaro Group at $30 a share")
    for name, text in (
        ("raised", "Corvane raised its offer for Tessaro Group to $32 a share on Tuesday."),
        ("topped", "Corvane tabled a bid of $32 per share for Tessaro Group that topped the $27.75 offer of Velmar."),
        ("sweetened", "Corvane's sweetened offer values Tessaro Group at $32 a share."),
    ):
        got = verify.judge(claim, [_candidate(name, text)], _stances)
        assert not got["contradicts"], text
        assert [r["article_id"] for r in got["discusses"]] == [name]
    # Another figure of the offer, told as no new one, still contradicts it.
    got = verify.judge(claim, [_candidate("wire", "Corvane's offer values Tessaro Group at $34 a share.")], _stances)
    assert [r["article_id"] for r in got["contradicts"]] == ["wire"]


def test_a_topping_bid_is_read_at_its_own_sum_only() -> None:
    text = "Corvane put in an offer of $31 a share that topped Velmar's $27.75 offer for the Tessaro studios."
    c = claim(text)
    assert [(v.text.strip(), contradict.new_bid(c, v)) for v in c.values if v.kind == "money"] == [
        ("$31", True),
        ("$27.75", False),
    ]
    deal = claim("Velmar agreed to buy Tessaro for $72 billion, a deal that beat rival offers.")
    assert not any(contradict.new_bid(deal, v) for v in deal.values)


# --- 5. Support by words alone reads who the sentence is about.


def test_verify_takes_no_sentence_about_another_person_as_support() -> None:
    claim = verify.typed("Daniel Jones was suspended by the Varn club")
    # The article names the captain Daniel Jones, and his teammate Daniel Jonas, suspended: two people.
    both = _candidate(
        "post",
        "Varn captain Daniel Jones, a veteran of the side, was blamed for the row.",
        "His teammate Daniel Jonas was suspended by the Varn club on Monday.",
    )
    other = _candidate("daily", "Midfielder Daniel Ruiz was suspended by the Varn club on Monday.")
    got = verify.judge(claim, [both, other], _stances)
    assert not got["supports"]
    same = _candidate("wire", "Daniel Jones was suspended by the Varn club on Monday.")
    surname = _candidate("herald", "Jones was suspended by the Varn club on Monday.")
    # A sentence whose first name is not its subject still tells it.
    chief = _candidate("times", "Varn chief Ana Perez said Daniel Jones was suspended by the Varn club on Monday.")
    got = verify.judge(claim, [same, surname, chief], _stances)
    assert sorted(r["article_id"] for r in got["supports"]) == ["herald", "times", "wire"]


def test_verify_takes_no_figure_about_another_person_against_the_claim() -> None:
    claim = verify.typed("Daniel Jones was paid $5m by the Varn club")
    other = _candidate(
        "post",
        "Varn captain Daniel Jones, a veteran of the side, was blamed for the row.",
        "His teammate Daniel Jonas was paid $7m by the Varn club last season.",
    )
    got = verify.judge(claim, [other], _stances)
    assert not got["contradicts"]
    assert not got["supports"]
    same = _candidate("wire", "Daniel Jones was paid $7m by the Varn club last season.")
    got = verify.judge(claim, [same], _stances)
    assert [r["article_id"] for r in got["contradicts"]] == ["wire"]


# --- 2. A figure of a place the sentence names only by its kind is of a thing named before.


def test_a_figure_of_a_place_named_only_before_is_no_contradiction() -> None:
    day = "2016-09-07"
    state = side(
        "a", "Marr remains the likely winner in the state, ahead of Ruud with 46 percent to 35 percent.", published=day
    )
    poll = side("b", "Marr is ahead of Ruud with 57 percent to 33 percent in the Tesk survey.", published=day)
    named = side("c", "In Varn, Marr is ahead of Ruud with 57 percent to 33 percent in the Tesk survey.", published=day)
    again = side("d", "In Varn, Marr is ahead of Ruud with 52 percent to 38 percent in the Tesk survey.", published=day)
    assert not found(state, poll)
    assert not found(state, named)
    # Two figures of one named place, the same poll, still contradict each other.
    assert contradictions(named, again) == {frozenset({"57", "52"})}
    # "The city's worst fire" describes the fire: the toll beside it is still compared.
    text = "Police said {} people died in the city's worst fire in decades, the Orlan council said on Friday."
    assert contradictions(
        side("e", text.format(30), published="2026-12-05"), side("f", text.format(45), published="2026-12-05")
    ) == {frozenset({"30", "45"})}
