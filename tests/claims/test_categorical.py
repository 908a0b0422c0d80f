"""Categorical contradictions: two reports giving one person's or place's slot two values that exclude each other
("sacked" or "suspended", "in hiding" or "in custody", "evacuated" or "operating normally", "pardoned" or "sentenced
to five years"), on sentences written for these tests (invented people, places and outlets)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newsdesk.claims import categories, contradict, summary, verify
from newsdesk.records import Claim, Modality

from .test_contradict import _cluster, contradictions, found, side, updates


def slots(text: str) -> list[tuple[str, str, str]]:
    return [(s.kind, s.subject, s.value) for s in categories.read(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The Tarnwick board sacked coach Pela Orrin on Monday.", [("standing", "Pela Orrin", "sacked")]),
        ("The league suspended Director of Operations Pela Orrin after the row.",
         [("standing", "Director of Operations Pela Orrin", "suspended")]),
        ("The owner ordered the sacking of Orrin on Monday.", [("standing", "Orrin", "sacked")]),
        ("Former coach Pela Orrin, who led the side for six years, was dismissed on Friday.",
         [("standing", "Pela Orrin", "sacked")]),
        ("Teodor Varsk remains in hiding, while his lawyer spoke.", [("whereabouts", "Teodor Varsk", "hiding")]),
        # a country is no whereabouts read: one may hide in it
        ("Former minister Teodor Varsk, who is also in France, was sentenced to death.",
         [("sentence", "Teodor Varsk", "death")]),
        ("Varsk is a fugitive, while Mira Lunn is in custody.",
         [("whereabouts", "Varsk", "at large"), ("whereabouts", "Mira Lunn", "custody")]),
        ("“The Orlan Pavilion is operating normally.”", [("state", "Orlan Pavilion", "normal")]),
        ('A separate "river zone" area, open to visitors on Friday, was also evacuated.',
         [("state", "river zone", "evacuated")]),
        ("Former police chief Mira Lunn, who had pleaded guilty, was sentenced to seven years' imprisonment.",
         [("sentence", "Mira Lunn", "7")]),
        ("Mira Lunn was given a three-year prison term after testifying.", [("sentence", "Mira Lunn", "3")]),
        ("While Lunn has been granted a pardon, the court said she will serve a lighter term.",
         [("sentence", "Lunn", "pardon")]),
    ],
)  # fmt: skip
def test_a_slot_is_read_with_the_name_it_is_said_of(text: str, want: list[tuple[str, str, str]]) -> None:
    assert slots(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "The Tarnwick fans demanded the sacking of Pela Orrin.",  # a request
        "Pela Orrin could be suspended for the final.",  # a condition
        "Pela Orrin was not sacked, the club said.",  # a negation
        "A Velmora host was fired over the remarks.",  # the name modifies the one acted on
        "The bullet that killed Teodor Varsk was fired from a roof.",  # shooting, and the name is the victim
        "Shots were fired inside the Carvel Hall on Friday.",  # shooting
        "The summit in Orlan was evacuated after the fire.",  # the name is inside the subject
        "Hundreds of residents were evacuated from the towers.",  # a number of people
        "He was suspended for a month.",  # a pronoun names no one
        "The Varn primaries were closed to independents.",  # "closed" is no state read
        "A rival player claims Pela Orrin has been suspended.",  # an allegation
        "The Tarnwick board suspended Orrin's contract talks.",  # a possessive
        # the sentence tells both values: a sequence, or two charges (review of 2026-12-07, h-rc52)
        "Pela Orrin was suspended on Monday and sacked by the board on Friday.",
        "Teodor Varsk was acquitted of arson but sentenced to six years in prison for fraud.",
        "Mira Lunn, who had been in hiding since May, was arrested on Sunday.",
        "Teodor Varsk was acquitted of arson.",  # one charge: another may carry a term
        "Pela Orrin was dismissed as a dreamer by the board.",  # derided, not sacked
        "The club said reports that Pela Orrin was sacked were false.",  # a report denied
    ],
)
def test_no_slot_is_read_where_the_clause_says_no_plain_fact_of_a_name(text: str) -> None:
    assert slots(text) == []


def test_a_person_sacked_by_one_report_and_suspended_by_another_is_a_contradiction() -> None:
    sacked = side("a", "The Tarnwick owner ordered the sacking of Orrin on Monday for the defeat.")
    suspended = side("b", "Meanwhile, the Tarnwick board suspended director Pela Orrin after a series of rows.")
    assert contradictions(sacked, suspended) == {frozenset({"sacked", "suspended"})}
    (conflict,) = contradict.find([sacked, suspended])
    assert conflict.kind == "standing" and conflict.unit == "Pela Orrin"
    assert conflict.shown == ("sacking", "suspended")
    assert conflict.evidence[0] == ("a-a", 0, len(sacked.claims[0].text), sacked.claims[0].text)
    assert conflict.evidence[1] is not None and conflict.evidence[1][3] == suspended.claims[0].text


def test_a_person_in_hiding_and_in_custody_contradict_and_in_hiding_and_in_a_country_do_not() -> None:
    abroad = side("a", "Former minister Teodor Varsk, who is also in France, was sentenced to death.")
    hiding = side("b", "Teodor Varsk remains in hiding, while his party denied the charges.")
    held = side("c", "The court heard that Teodor Varsk is in custody.")
    there = side("d", "Teodor Varsk remains in France.")
    assert contradictions(hiding, held) == {frozenset({"hiding", "custody"})}
    # One may hide in a country: "in hiding" and "in France" both hold of one man (review of 2026-12-07, h-rc52).
    assert not found(abroad, hiding) and not found(there, hiding)
    assert not found(abroad, held)  # in custody in France: both may hold


def test_a_place_evacuated_and_operating_normally_is_a_contradiction() -> None:
    normal = side("a", "“The Orlan Pavilion is operating normally,” the governor wrote.")
    evacuated = side("b", "The Orlan Pavilion, open to the public on Thursday, was also evacuated.")
    assert contradictions(normal, evacuated) == {frozenset({"normal", "evacuated"})}


def test_a_pardon_and_a_prison_term_contradict_and_two_punishments_do_not() -> None:
    pardoned = side("a", "While Mira Lunn has been granted a pardon, the court said she will serve a lighter term.")
    jailed = side("b", "Former chief Mira Lunn, who had pleaded guilty, was sentenced to five years' imprisonment.")
    assert contradictions(pardoned, jailed) == {frozenset({"pardon", "5"})}
    death = side("c", "Teodor Varsk was sentenced to death.")
    life = side("d", "Teodor Varsk was given a life sentence.")
    # One trial's counts may carry a death sentence and a life term at once: no pair.
    assert not found(death, life)


def test_two_subjects_are_no_conflict() -> None:
    sacked = side("a", "The Tarnwick board sacked coach Pela Orrin on Monday.")
    other = side("b", "The Tarnwick board suspended coach Ivo Orrin on Monday.")  # another Orrin
    assert not found(sacked, other)
    spelt = side("c", "The Tarnwick board suspended coach Pela Ornin on Monday.")  # one letter off, no link
    assert not found(sacked, spelt)


def test_one_name_spelt_two_ways_is_one_subject_where_the_claims_share_its_entity() -> None:
    sacked = side("a", "The owner ordered the sacking of Walcha on Monday.")
    suspended = side("b", "The board suspended director Usman Wachla after the row.")
    assert not found(sacked, suspended)  # no linked entity in common: two spellings may be two people
    linked = [
        dataclasses.replace(s, claims=[dataclasses.replace(s.claims[0], terms=(*s.claims[0].terms, "@e1"))])
        for s in (sacked, suspended)
    ]
    assert contradictions(*linked) == {frozenset({"sacked", "suspended"})}


def test_one_article_one_origin_two_events_and_two_days_are_no_contradiction() -> None:
    sacked = "The Tarnwick board sacked coach Pela Orrin on Monday."
    suspended = "The Tarnwick board suspended coach Pela Orrin over the row."
    # An article that gives both knows both (suspended first, then sacked).
    assert not found(side("a", sacked, article="x"), side("b", suspended, article="x"))
    assert not found(side("a", sacked), side("b", suspended), side("c", sacked, suspended, article="y"))
    # A copy or rewrite that differs from its original is one origin's slip.
    assert not found(side("a", sacked, origin="g1"), side("b", suspended, origin="g1"))
    # Two events: two acts.
    assert not found(side("a", sacked, event="e1"), side("b", suspended, event="e2"))
    # Two days: the post changed; an update, not a contradiction.
    early = side("a", suspended, published="2026-03-02")
    later = side("b", sacked, published="2026-03-09")
    assert not contradictions(early, later)
    assert updates(early, later) == {frozenset({"sacked", "suspended"})}


def test_a_categorical_contradiction_within_one_cluster_is_told_once() -> None:
    both = dataclasses.replace(
        side("a", "The Tarnwick board sacked coach Pela Orrin.", "The Tarnwick board suspended coach Pela Orrin."),
        claim_articles=["a1", "a2"],
        claim_origins=["a1", "a2"],
        article_ids=["a1", "a2"],
    )
    (conflict,) = contradict.find([both])
    assert conflict.a == conflict.b == "a" and set(conflict.values) == {"sacked", "suspended"}


def test_a_categorical_contradiction_is_shown_with_its_subject_and_both_spans() -> None:
    sacked = side("a", "The owner ordered the sacking of Orrin on Monday.")
    suspended = side("b", "The board suspended coach Pela Orrin after the row.")
    (conflict,) = contradict.find([sacked, suspended])
    outlets = {"a-a": "Varn Courier", "a-b": "Lorvan Post"}
    (item,) = summary.contradictions([_cluster(sacked, outlets), _cluster(suspended, outlets)], [conflict])
    assert item["slot"] == "standing · Pela Orrin" and item["kind"] == "standing"
    one, two = item["sides"]
    assert (one["value"], one["shown"], one["outlets"]) == ("sacked", "sacking", ["Varn Courier"])
    assert (two["value"], two["shown"], two["outlets"]) == ("suspended", "suspended", ["Lorvan Post"])
    assert one["spans"][0]["article_id"] == "a-a" and two["spans"][0]["article_id"] == "a-b"


def _stances(pairs: Any) -> list[dict[str, Any]]:
    return [{"label": "discusses", "confidence": 0.6, "start": 0, "end": 4} for _ in pairs]


def _candidate(name: str, *texts: str) -> verify.Candidate:
    own = []
    for text in texts:
        read = verify.typed(text)
        at = sum(len(t) + 1 for t in texts[: texts.index(text)])
        own.append(Claim(text=text, start=at, end=at + len(text), terms=read.terms, values=read.values))
    return verify.Candidate({"id": name, "origin": name, "outlet": name.title()}, " ".join(texts), own)


def test_verify_says_a_report_of_an_excluding_value_contradicts_the_claim() -> None:
    claim = verify.typed("The Tarnwick board sacked coach Pela Orrin on Monday")
    got = verify.judge(
        claim,
        [
            _candidate("post", "The Tarnwick board suspended coach Pela Orrin pending an inquiry."),
            # suspended first, then sacked: the article knows both, and contradicts nothing
            _candidate("wire", "The Tarnwick board suspended coach Pela Orrin.", "It sacked Pela Orrin on Monday."),
        ],
        _stances,
    )
    assert [r["article_id"] for r in got["contradicts"]] == ["post"]
    assert got["contradicts"][0]["by"] == "claim" and "suspended" in got["contradicts"][0]["evidence"]


def test_a_sentence_that_tells_both_values_gives_no_contradiction_with_either() -> None:
    # Each report from its own origin; the first tells a sequence, the second one step of it.
    both = side("a", "Pela Orrin was suspended on Monday and sacked by the board on Friday.")
    suspended = side("b", "The Tarnwick board suspended coach Pela Orrin.")
    assert not found(both, suspended)
    counts = side("c", "Teodor Varsk was acquitted of arson but sentenced to six years in prison for fraud.")
    jailed = side("d", "Teodor Varsk was sentenced to six years in prison.")
    acquitted = side("e", "Teodor Varsk was acquitted of arson.")
    assert not found(counts, jailed) and not found(acquitted, jailed)


def test_verify_takes_no_denial_of_another_clause_against_the_same_value() -> None:
    # The candidate says what the claim says, in its own clause; the denial is another's, of another thing.
    claim = verify.typed("Teodor Varsk is in hiding")
    post = _candidate("post", "Teodor Varsk remains in hiding, while his party has denied all charges.")
    post.claims[0] = dataclasses.replace(post.claims[0], modality=verify.typed(post.claims[0].text).modality)
    assert post.claims[0].modality == Modality.DENIED  # the sentence as a whole is worded as a denial
    got = verify.judge(claim, [post], _stances)
    assert not got["contradicts"]


def test_verify_takes_a_negative_without_a_denial_word_as_no_contradiction() -> None:
    # "who didn't brief his captain" says what he did not do, not that a report of his sacking is wrong.
    claim = verify.typed("The Tarnwick board sacked director Pela Orrin")
    post = _candidate("post", "The row arose due to Tarnwick director Pela Orrin, who didn't brief his own captain.")
    post.claims[0] = dataclasses.replace(post.claims[0], modality=verify.typed(post.claims[0].text).modality)
    assert post.claims[0].modality == Modality.DENIED
    got = verify.judge(claim, [post], _stances)
    assert not got["contradicts"]


def _supporting(pairs: Any) -> list[dict[str, Any]]:
    return [{"label": "supports", "confidence": 0.7, "start": 0, "end": 10} for _ in pairs]


def test_verify_takes_the_models_support_of_a_categorical_claim_only_on_a_sentence_telling_it() -> None:
    # The model reads how a text tells a claim: "X, who didn't brief his captain" is no sacking of X.
    claim = verify.typed("The Tarnwick board sacked director Pela Orrin")
    blamed = "The row arose due to Tarnwick director Pela Orrin, who didn't brief his own captain."
    sacked = "An angry Tarnwick chief ordered the sacking of Orrin for the embarrassment caused."
    only_blamed = verify.Candidate({"id": "post", "origin": "post", "outlet": "Post"}, blamed, ())
    both = verify.Candidate({"id": "wire", "origin": "wire", "outlet": "Wire"}, f"{blamed} {sacked}", ())
    got = verify.judge(claim, [only_blamed, both], _supporting)
    assert [r["article_id"] for r in got["supports"]] == ["wire"]
    assert got["supports"][0]["evidence"] == sacked
    assert [r["article_id"] for r in got["discusses"]] == ["post"]


def test_verify_reads_the_same_categorical_value_as_support_in_few_of_the_claims_words() -> None:
    claim = verify.typed("The Tarnwick board suspended Pela Orrin")
    post = _candidate(
        "post",
        "Meanwhile, Tarnwick suspended Director of International Relations Pela Orrin after a series of rows that "
        "raised questions about his conduct and his decisions.",
    )
    got = verify.judge(claim, [post], _stances)
    assert [(r["article_id"], r["by"]) for r in got["supports"]] == [("post", "claim")]


def test_verify_reads_a_name_spelt_another_way_where_the_article_writes_it_whole() -> None:
    # "Pela Orrim" in the article ties its "Orrim" to the typed "Pela Orrin": one name transliterated two ways.
    claim = verify.typed("The Tarnwick board sacked director Pela Orrin")
    whole = _candidate("post", "Tarnwick director Pela Orrim was blamed for the row.", "The board suspended Orrim.")
    alone = _candidate("wire", "The Tarnwick director was blamed for the row.", "The board suspended Orrim.")
    got = verify.judge(claim, [whole, alone], _stances)
    assert [r["article_id"] for r in got["contradicts"]] == ["post"]


def test_a_name_that_ends_its_sentence_is_one_subject_with_the_name_elsewhere() -> None:
    assert categories.one_subject("Pela Orrin.", "Pela Orrin")
    sacked = side("a", "The Tarnwick board sacked its director Pela Orrin.")
    suspended = side("b", "Pela Orrin was suspended by the Tarnwick board on Monday.")
    assert contradictions(sacked, suspended) == {frozenset({"sacked", "suspended"})}


def test_verify_takes_the_models_support_on_a_value_worded_as_no_pattern_reads_it() -> None:
    # "handed down a death sentence to X" tells the sentence in words the reader's patterns do not read; a sentence
    # whose slot of that kind is another subject's ("the 'red zone' was also evacuated") tells nothing of this one.
    claim = verify.typed("Teodor Varsk was sentenced to death")
    worded = "On Monday the Tesk court handed down a death sentence to the ex-minister Teodor Varsk in his absence."
    post = verify.Candidate({"id": "post", "origin": "post", "outlet": "Post"}, worded, ())
    got = verify.judge(claim, [post], _supporting)
    assert [r["article_id"] for r in got["supports"]] == ["post"]
    zone = verify.typed("The Blue Zone was evacuated")
    other = 'The fire began in the Blue Zone; a separate "red zone" area was also evacuated.'
    wire = verify.Candidate({"id": "wire", "origin": "wire", "outlet": "Wire"}, other, ())
    got = verify.judge(zone, [wire], _supporting)
    assert not got["supports"]


def test_verify_takes_a_longer_name_holding_the_claims_whole_as_no_other_subject() -> None:
    claim = verify.typed("Teodor Varsk was sentenced to death")
    longer = "Teodor Varsk Malin, who has fled abroad, was sentenced to death as well, on two charges."
    post = verify.Candidate({"id": "post", "origin": "post", "outlet": "Post"}, longer, ())
    got = verify.judge(claim, [post], _supporting)
    assert [r["article_id"] for r in got["supports"]] == ["post"]


def test_verify_reads_no_spelling_alike_as_the_typed_name_where_the_article_writes_both() -> None:
    # "Pela Orrin" the captain and "Pela Orrim" his teammate, in one article, are two people: the teammate's
    # suspension is no contradiction of the captain's sacking.
    text = (
        "Tarnwick captain Pela Orrin, a veteran of the side, was blamed for the row.",
        "His teammate Pela Orrim was suspended by the Tarnwick board on Monday.",
    )
    sacked = verify.typed("The Tarnwick board sacked Pela Orrin")
    got = verify.judge(sacked, [_candidate("post", *text)], _stances)
    assert not got["contradicts"]
    # Where it writes only the other spelling, with the typed given names, it is the typed name transliterated.
    got = verify.judge(sacked, [_candidate("wire", text[1])], _stances)
    assert [r["article_id"] for r in got["contradicts"]] == ["wire"]


def test_verify_takes_no_negative_claim_alike_in_words_as_support() -> None:
    claim = verify.typed("The Tarnwick board sacked coach Pela Orrin")
    post = _candidate("post", "The Tarnwick board did not sack coach Pela Orrin on Monday, a spokesman told reporters.")
    post.claims[0] = dataclasses.replace(post.claims[0], modality=verify.typed(post.claims[0].text).modality)
    assert post.claims[0].modality == Modality.DENIED
    got = verify.judge(claim, [post], _stances)
    assert not got["supports"]
    assert [(r["article_id"], r["by"]) for r in got["discusses"]] == [("post", "claim")]
