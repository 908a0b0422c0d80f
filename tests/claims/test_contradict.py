"""The rules that tell a contradiction from two things, two events or a change over time, one test each, on
sentences written for these tests (invented places, people and outlets)."""

from __future__ import annotations

import dataclasses

import pytest

from newsdesk.claims import contradict, extract, summary, values
from newsdesk.records import DENIAL, Article, Claim, DateMention, Modality
from newsdesk.report.render import told_by


def claim(text: str, dates: tuple[DateMention, ...] = ()) -> Claim:
    vals = tuple(values.find(text, 0, dates))
    negative = Modality.DENIED if extract._NEGATION.search(text) else Modality.ASSERTED
    return Claim(
        text=text,
        start=0,
        end=len(text),
        modality=negative,
        values=vals,
        terms=extract.terms(text),
        update=bool(extract.UPDATE.search(text)),
    )


def side(
    cid: str,
    *texts: str,
    article: str | None = None,
    event: str | None = "e1",
    published: str | None = None,
    origin: str | None = None,
    dates: tuple[DateMention, ...] = (),
) -> contradict.Side:
    claims = [claim(t, dates) for t in texts]
    article = article or f"a-{cid}"
    return contradict.Side(
        cluster_id=cid,
        claims=claims,
        article_ids=[article],
        published=[published] if published else [],
        origins=[origin or article],
        claim_articles=[article] * len(claims),
        claim_events=[event] * len(claims),
        claim_published=[published] * len(claims),
        claim_origins=[origin or article] * len(claims),
    )


def of_articles(cid: str, texts: list[str], origins: list[str] | None = None) -> contradict.Side:
    """A cluster of one undated event whose claims ``texts`` come from articles a1, a2, ... (each its own origin
    unless ``origins`` names them)."""
    articles = [f"a{n}" for n in range(1, len(texts) + 1)]
    origins = origins or articles
    return contradict.Side(
        cluster_id=cid,
        claims=[claim(t) for t in texts],
        article_ids=articles,
        origins=origins,
        claim_articles=articles,
        claim_events=["e1"] * len(texts),
        claim_published=[None] * len(texts),
        claim_origins=origins,
    )


def found(*sides: contradict.Side) -> list[tuple[str, bool, frozenset[str]]]:
    return [(c.kind, c.update, frozenset(c.values)) for c in contradict.find(list(sides))]


def contradictions(*sides: contradict.Side) -> set[frozenset[str]]:
    return {values for kind, update, values in found(*sides) if not update}


def updates(*sides: contradict.Side) -> set[frozenset[str]]:
    return {values for kind, update, values in found(*sides) if update}


def test_values_are_compared_claim_by_claim_not_across_a_cluster() -> None:
    # The market-share line shares many words with the deal line, but gives no money: the cluster's other claim
    # (a fine) is about something else.
    a = side(
        "a",
        "Senator Ilse Marr said Velmar has a very big market share in Orlan streaming.",
        "Analysts in Orlan expect regulators to impose a $3 billion fine.",
    )
    b = side("b", "Senator Ilse Marr said Velmar agreed a $40 billion deal for Orlan streaming.")
    assert not found(a, b)


def test_an_amount_said_with_a_qualifier_is_another_quantity() -> None:
    day = "2026-12-05"  # a sum stated on days not known by two reports may have changed: one day here
    bare = side("a", "Velmar agreed a deal worth $40 billion to buy the Tessaro studios in Orlan.", published=day)
    with_debt = side(
        "b",
        "Velmar agreed a deal worth $46.5 billion, including debt, to buy the Tessaro studios.",
        published=day,
    )
    other = side("c", "Velmar agreed a deal worth $46.5 billion to buy the Tessaro studios in Orlan.", published=day)
    assert not found(bare, with_debt)
    assert contradictions(bare, other) == {frozenset({"USD 40000000000", "USD 46500000000"})}


def test_two_figures_of_one_bid_beside_the_deal_both_name_are_a_contradiction() -> None:
    # Both name Velmar's $40 billion deal; each gives its own figure of Corvane's bid. Agreeing on the deal is no
    # agreement on the bid.
    high = side("a", "Corvane launched a $58.2 billion hostile bid for Tessaro, challenging Velmar's $40bn deal.")
    low = side(
        "b",
        "Corvane launched a hostile bid for Tessaro, offering $44.5 billion for the whole company and challenging "
        "Velmar's $40 billion deal.",
    )
    again = side("c", "Corvane launched a $58.2 billion hostile bid for Tessaro, challenging Velmar's $40bn deal.")
    fee = side("d", "Corvane launched a hostile bid for Tessaro with a $2.1 billion fee, beside Velmar's $40bn deal.")
    assert contradictions(high, low) == {frozenset({"USD 58200000000", "USD 44500000000"})}
    # A reader is shown each value as its claim writes it, beside the normal form compared.
    assert [c.shown for c in contradict.find([high, low])] == [("$58.2 billion", "$44.5 billion")]
    assert not found(high, again)
    assert not found(high, fee)  # a fee is another amount than a bid twenty-odd times its size


def test_two_sums_of_one_event_from_undated_reports_contradict() -> None:
    # Nothing says which report came later, and a price is no tally that moves by the hour; on two days, or in
    # two events, a sum may have changed.
    text = "Velmar agreed a deal worth ${} billion to buy the Tessaro studios in Orlan."
    assert contradictions(side("a", text.format(40)), side("b", text.format(46))) == {
        frozenset({"USD 40000000000", "USD 46000000000"})
    }
    first = side("a", text.format(40), published="2026-12-01")
    later = side("b", text.format(46), published="2026-12-04")
    assert updates(first, later)
    assert not contradictions(side("a", text.format(40)), side("b", text.format(46), event="e2"))


def test_a_price_a_share_and_its_cash_part_are_two_quantities() -> None:
    assert values.find("Corvane offers $30 (£22.50) per share.")[0].unit == "money per share"
    price = side("a", "Corvane is making a cash offer to Tessaro shareholders of $30 (£22.50) per share.")
    cash = side("b", "Corvane shareholders of Tessaro would receive $23.25 in cash and the rest in stock.")
    assert not found(price, cash)


def test_two_subjects_are_two_slots() -> None:
    venn = side("a", "Dario Venn was found guilty on three counts, judge Orsolya Tamm said.")
    rusk = side("b", "Former minister Kalle Rusk was also found guilty on four counts, judge Orsolya Tamm said.")
    venn_again = side("c", "Dario Venn was found guilty on four counts, the Tesk tribunal said.")
    assert not found(venn, rusk)
    assert contradictions(venn, venn_again) == {frozenset({"3", "4"})}


def test_an_article_that_gives_both_values_knows_they_are_two_things() -> None:
    now = side("a", "Orlan beat Tesk by six wickets in the Varnholm Cup on Sunday.", article="x")
    before = side("b", "Orlan beat Tesk by seven wickets in the Varnholm Cup a week ago.", article="x")
    elsewhere = side("c", "Orlan beat Tesk by seven wickets in the Varnholm Cup on Sunday.", article="y")
    assert not found(now, before)
    assert contradictions(now, elsewhere) == {frozenset({"6", "7"})}


def test_two_events_or_two_days_are_no_contradiction() -> None:
    first = side("a", "Orlan beat Tesk by seven wickets in the Varnholm Cup.", event="match-1", published="2026-05-01")
    second = side("b", "Orlan beat Tesk by six wickets in the Varnholm Cup.", event="match-2", published="2026-05-08")
    later = side("c", "Orlan beat Tesk by six wickets in the Varnholm Cup.", event="match-1", published="2026-05-08")
    assert not found(first, second)
    assert not found(first, later)


def test_a_rising_lower_bound_is_an_update_unless_one_day_or_one_report() -> None:
    text = "At least {} people were killed in the Marrow Quay fire, the Orlan police said."
    day1 = side("a", text.format(44), published="2026-03-10")
    day2 = side("b", text.format(83), published="2026-03-11")
    same_day = side("c", text.format(83), published="2026-03-10")
    copy = side("d", text.format(83), origin="a-a")
    undated = side("e", text.format(83))
    assert updates(day1, day2) == {frozenset({"44", "83"})}
    assert contradictions(day1, same_day) == {frozenset({"44", "83"})}
    assert contradictions(day1, copy) == {frozenset({"44", "83"})}  # two copies of one report
    assert [c.shown for c in contradict.find([day1, copy])] == [("at least 44 people", "at least 83 people")]
    assert not contradictions(day1, undated)


def test_bounds_and_estimates_are_read_as_intervals() -> None:
    about = side("a", "About 4,800 people live in the eight towers of the Varn estate in Orlan.")
    roughly = side("b", "Approximately 4,000 people live in the eight towers of the Varn estate in Orlan.")
    more_than = side("c", "More than 4,600 people live in the eight towers of the Varn estate in Orlan.")
    close = side("d", "Around 4,900 people live in the eight towers of the Varn estate in Orlan.")
    far = side("g", "About 6,000 people live in the eight towers of the Varn estate in Orlan.")
    # Each hedged count covers what its rounding covers (NOTES.md (c) of dev-news: these contradict; h-rc54).
    assert contradictions(about, roughly) == {frozenset({"4800", "4000"})}
    assert contradictions(more_than, roughly) == {frozenset({"4600", "4000"})}
    assert not found(about, close)
    assert contradictions(far, roughly) == {frozenset({"6000", "4000"})}
    up_to = side("e", "Up to 1,400 people were killed in the Orlan unrest, a Tesk report said", published="2026-01-02")
    over = side(
        "f", "More than 1,400 people were killed in the Orlan unrest, a Tesk report said", published="2026-01-02"
    )
    assert contradictions(up_to, over) == {frozenset({"up to 1400", "more than 1400"})}


def test_a_round_figure_says_how_far_it_was_rounded() -> None:
    text = "{} people live in the eight towers of the Varn estate in Orlan."
    about = side("a", text.format("About 4,800"))
    exact = side("g", text.format("Exactly 4,750").replace("Exactly ", ""))
    more_than = side("b", text.format("More than 4,600"))
    just_over = side("c", text.format("About 4,650"))
    # "more than 4,600" is under 4,700 (else "more than 4,700"); "about 4,800" is 4,750 to 4,850.
    assert contradictions(about, more_than) == {frozenset({"4800", "4600"})}
    assert contradictions(exact, more_than) == {frozenset({"4750", "4600"})}
    assert not found(more_than, just_over)
    # A figure of one significant digit may be rounded to anything coarser: "more than 200", "about 350" agree.
    assert not found(side("d", text.format("More than 200")), side("e", text.format("About 350")))
    # "At least" is a count confirmed so far, with no upper end.
    assert not found(side("f", text.format("At least 4,600")), side("g", text.format("About 4,800")))
    rounded = [contradict._rounded_to(x) for x in (4600, 4500, 1420, 1450, 4000, 156, 4600.5)]
    assert rounded == [100, 500, 10, 50, None, None, None]


def test_the_place_people_live_in_is_one_place_by_many_names() -> None:
    complex_ = side("a", "The blaze spread across six of the blocks in the complex, where about 4,800 people live.")
    towers = side("b", "The flames engulfed six towers housing approximately 4,000 people, Orlan officials said.")
    shelter = side("c", "The six shelters the council opened are housing approximately 900 people tonight.")
    assert contradictions(complex_, towers) == {frozenset({"4800", "4000"})}
    assert not found(complex_, shelter)  # a shelter is not the place the residents of the complex live in


def test_a_property_of_a_thing_is_one_in_every_event() -> None:
    one = side("a", "Crews fought the fire in the 31-storey towers of the Varn estate.", event="e1")
    other = side("b", "Residents fled the 32-storey towers of the Varn estate as the fire spread.", event="e2")
    assert contradictions(one, other) == {frozenset({"31", "32"})}


def test_compounds_of_two_things_are_two_quantities() -> None:
    lead = side("a", "Since January, Senator Varn has opened up a 15-point lead over Orla Tesk in the campaign.")
    swing = side("b", "Ten days later Varn was winning the coast by 28 points in the campaign, a 52-point swing.")
    assert not found(lead, swing)
    # The same thing's property still differs: "31-storey towers" and "a 32-storey tower".
    one = side("c", "Crews fought the fire in the 31-storey towers of the Varn estate.", event="e1")
    other = side("d", "Residents fled a 32-storey tower of the Varn estate as the fire spread.", event="e2")
    assert contradictions(one, other) == {frozenset({"31", "32"})}


def test_a_compound_and_a_tally_are_two_quantities() -> None:
    cup = side("a", "Orlan is the designated host of the eight-nation Varnholm Cup, played in Tesk.")
    pair = side("b", "The two nations met in the Varnholm Cup, played in Tesk, for a second time.")
    assert not found(cup, pair)


def test_a_shared_value_ties_two_undated_reports_to_one_moment() -> None:
    one = side(
        "a", "The death toll in the Orlan fire has risen to 128 and the number of people missing has reached 128"
    )
    two = side("b", "The death toll from the Orlan fire has risen to 128, and about 200 people are still missing.")
    untied = side("c", "The Orlan fire has left about 200 people missing, the Varn council said.")
    assert [(v.value, v.unit) for v in one.claims[0].values] == [("128", "people killed"), ("128", "people missing")]
    assert contradictions(one, two) == {frozenset({"128", "200"})}
    assert not contradictions(one, untied)  # two reports, days unknown: the count may have changed


def test_a_change_word_belongs_to_the_value_it_stands_by() -> None:
    text = "The death toll has risen to 128, and about 200 people are missing; 30 have now been treated."
    c = claim(text)
    changed = {v.value: contradict._changed(c, v) for v in c.values}
    assert changed == {"128": True, "200": False, "30": True}


def test_no_one_hurt_is_a_count_of_none() -> None:
    got = values.find("The fire was brought under control without any reported injuries.")
    assert [(v.kind, v.value, v.unit, v.bound) for v in got] == [("count", "0", "people injured", "")]
    none = side("a", "The fire at the Orlan summit caused no casualties, the organisers said.", published="2026-11-20")
    some = side("b", "At least 13 people were injured in the fire at the Orlan summit.", published="2026-11-20")
    assert contradictions(none, some) == {frozenset({"0", "13"})}


def test_none_against_some_in_one_event_is_a_contradiction_when_the_days_are_not_known() -> None:
    none = side("a", "The fire at the Orlan summit caused no casualties, the organisers said.")
    some = side("b", "At least 13 people were injured in the fire at the Orlan summit.")
    assert contradictions(none, some) == {frozenset({"0", "13"})}
    # Two counts of some, undated, may be a tally moving; reports of two days, or of two events, are a change.
    assert not contradictions(side("c", "Six people were injured in the fire at the Orlan summit."), some)
    later = side("d", "At least 13 people were injured in the fire at the Orlan summit.", published="2026-11-21")
    assert updates(side("e", none.claims[0].text, published="2026-11-20"), later) == {frozenset({"0", "13"})}
    assert not contradictions(none, side("f", some.claims[0].text, event="e2"))
    # A rise from none worded as one is an update.
    worded = side("g", "The number of people injured in the fire at the Orlan summit has risen to 13.")
    assert updates(none, worded) == {frozenset({"0", "13"})}


def test_a_day_named_without_a_date_is_still_a_day() -> None:
    def friday(text: str, word: str) -> tuple[DateMention, ...]:
        start = text.index(word)
        return (DateMention(text=word, start=start, end=start + len(word), value=None, precision="day", anchor=None),)

    one = "Orlan police arrested the bosses of a building firm on suspicion of fraud on Friday."
    two = "Orlan police arrested the heads of a building firm on suspicion of fraud on Thursday."
    began = "The blaze began on Wednesday afternoon in the Varn estate."
    contained = "By the early hours of Friday, firefighters had mostly contained the blaze in the Varn estate."
    a = side("a", one, dates=friday(one, "Friday"))
    b = side("b", two, dates=friday(two, "Thursday"))
    assert [(v.kind, v.value, v.unit) for v in a.claims[0].values] == [("date", "friday", "weekday")]
    assert contradictions(a, b) == {frozenset({"friday", "thursday"})}
    c = side("c", began, dates=friday(began, "Wednesday"))
    d = side("d", contained, dates=friday(contained, "Friday"))
    assert not found(c, d)  # what the two days date differs


def test_a_denial_needs_a_denial_and_a_positive_claim() -> None:
    asserted = side("a", "The Varn harbour authority confirmed that the sprinklers had been switched off.")
    denied = side("b", "The Varn harbour authority denied that the sprinklers had been switched off.")
    assert contradictions(asserted, denied) == {frozenset({"asserted", "denied"})}
    excludes = side("c", "Velmar's takeover of Tessaro would not include the Orlan cable channels.")
    includes = side("d", "Unlike Velmar's takeover, Corvane's bid for Tessaro includes the Orlan cable channels.")
    assert not found(excludes, includes)
    no_handshake = side("e", "There was no handshake between Orlan captain Ivo Brand and Tesk captain Sami Ruud.")
    did_not = side("f", "Orlan captain Ivo Brand and Tesk captain Sami Ruud denied they had shaken hands.")
    assert not found(no_handshake, did_not)


def test_a_lede_the_title_was_guessed_from_is_a_claim() -> None:
    lede = "Velmar has agreed a historic $40 billion deal to buy the Tessaro film studios in Orlan."
    text = f"{lede}\nCorvane said it would not bid for the Tessaro film studios this year."
    guessed = Article(id="a", source="s", text=text, title=lede)
    headline = Article(
        id="b",
        source="s",
        text=f"Velmar buys Tessaro studios in Orlan\n{text}",
        title="Velmar buys Tessaro studios in Orlan",
    )
    assert extract.find(guessed)[0].text == lede
    assert "Velmar buys Tessaro studios in Orlan" not in [c.text for c in extract.find(headline)]


def test_a_contradiction_names_the_unit_it_is_about() -> None:
    conflict = contradict.Conflict("a", "b", "count", "storey", False, ("31", "32"))
    assert summary._slot("year · polic arrest", conflict) == "storey · polic arrest"
    denial = contradict.Conflict("a", "b", "denial", "claim", False, ("asserted", "denied"))
    assert summary._slot("sprinkler switch", denial) == "sprinkler switch"


def test_a_side_that_words_no_denial_is_ruled_out_before_its_pairs_are_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "would not include" is worded in the negative but denies no report: no pair of it with another side is
    # compared value by value or term by term; the same conflicts (none) as asking each test of each pair.
    compared: list[int] = []
    original = contradict.relation
    monkeypatch.setattr(contradict, "relation", lambda a, b: compared.append(1) or original(a, b))
    excludes = side("x", "Velmar's takeover of Tessaro would not include the Orlan cable channels.")
    others = [
        side(name, f"Velmar's takeover of Tessaro includes the Orlan cable channels, {name} analysts said.")
        for name in ("Arden", "Brisk", "Calder", "Dunmore", "Eskin")
    ]
    assert not found(excludes, *others)
    assert compared == []


def test_the_conflicts_of_some_clusters_are_those_of_every_cluster_that_involve_them() -> None:
    # With ``only`` (the digest's page), the pairs of a denial come from the focus sides' neighbours, and the
    # sides near a denial that is no focus side are counted only when the denial's closest claim is asked for:
    # the conflicts are those of the whole search that have a focus side, in the same order.
    sides = [
        side("a", "The Varn harbour authority confirmed that the sprinklers had been switched off."),
        side("b", "The Varn harbour authority denied that the sprinklers had been switched off."),
        side("c", "The Varn harbour authority said the sprinklers had been switched off on the night."),
        side("d", "Officials at the Varn harbour authority denied reports that the sprinklers were switched off."),
        side("e", "The fire in the Varn harbour tower killed 12 people, the harbour authority said."),
        side("f", "The fire in the Varn harbour tower killed 14 people, the harbour authority said."),
        side("g", "The Varn harbour tower has 31 storeys."),
        side("h", "The Varn harbour tower has 32 storeys."),
        side("i", "The Orlan ferry sailed on time."),
    ]
    every = contradict.find(sides)
    assert {c.kind for c in every} >= {"denial", "count"}, every
    ids = [s.cluster_id for s in sides]
    for only in [{x} for x in ids] + [{x, y} for x in ids for y in ids if x < y] + [set(), set(ids)]:
        assert contradict.find(sides, only) == [c for c in every if c.a in only or c.b in only], only


def test_two_offences_for_one_arrest_contradict_and_a_charge_after_an_arrest_does_not() -> None:
    manslaughter = side("a", "Police arrested three men aged 52 to 68 at Orsa Court on suspicion of manslaughter.")
    murder = side("b", "Three building executives, aged 52 to 68, were arrested by police on suspicion of murder.")
    # The model may tag a number word opening a sentence as a name ("#three"): it names no one, so it does not make
    # the two claims two subjects.
    murder.claims[0] = dataclasses.replace(murder.claims[0], terms=("#three", *murder.claims[0].terms))
    murder.__post_init__()
    charged = side("c", "Three building executives, aged 52 to 68, were later charged with murder by police.")
    assert contradictions(manslaughter, murder) == {frozenset({"manslaughter", "murder"})}
    assert not found(manslaughter, charged)
    assert [(v.kind, v.unit, v.value) for v in values.find("He was held “for involuntary manslaughter”.")] == []
    assert [(v.unit, v.value) for v in values.find("She was arrested “for involuntary manslaughter”.")] == [
        ("offence suspected", "manslaughter")
    ]


def _cluster(s: contradict.Side, outlets: dict[str, str]) -> dict[str, object]:
    """``s`` as :func:`summary.clusters` gives a cluster (each support row's origin named for its outlet)."""
    support = [
        {"article_id": art, "start": c.start, "end": c.end, "outlet": outlets.get(art), "origin": outlets.get(origin)}
        for art, origin, c in zip(s.claim_articles, s.claim_origins, s.claims, strict=True)
    ]
    return {
        "id": s.cluster_id, "story_id": "s1", "slot": "", "text": s.claims[0].text,
        "article_ids": s.article_ids, "independent_origins": [outlets[o] for o in s.origins], "support": support,
    }  # fmt: skip


def test_each_side_cites_the_claim_that_gives_its_value() -> None:
    # Side a's first claim (its cluster's text) gives no count; the conflict cites the claim that gives 31, and
    # that claim's span comes first.
    a = side("a", "The Varn harbour tower burned through the night.", "The Varn harbour tower has 31 storeys.")
    a.claims[1] = dataclasses.replace(a.claims[1], start=200, end=200 + len(a.claims[1].text))
    b = side("b", "The Varn harbour tower has 32 storeys.")
    (conflict,) = contradict.find([a, b])
    outlets = {"a-a": "Varn Courier", "a-b": "Lorvan Post"}
    (item,) = summary.contradictions([_cluster(a, outlets), _cluster(b, outlets)], [conflict])
    one, two = item["sides"]
    assert (one["value"], one["text"]) == ("31", a.claims[1].text)
    assert one["spans"][0]["start"] == 200
    assert (two["value"], two["text"]) == ("32", b.claims[0].text)


def test_a_side_is_told_by_the_articles_that_give_its_value_and_one_origin_on_both_sides_is_said() -> None:
    # A cluster's claims share a sentence, not always its figures: of side a's three articles only the Lorvan
    # Post's gives 31 storeys; the Ostra Daily's 32 is a rewrite of the Post's report (one origin group, g2).
    a = of_articles(
        "a",
        ["The Varn harbour tower burned through the night.",
         "The Varn harbour tower, which has 31 storeys, burned through the night.",
         "The Varn harbour tower burned all night."],
        origins=["g1", "g2", "g3"],
    )  # fmt: skip
    b = contradict.Side(
        cluster_id="b",
        claims=[claim("The Varn harbour tower, which has 32 storeys, burned through the night.")],
        article_ids=["b1"],
        origins=["g2"],
        claim_articles=["b1"],
        claim_events=["e1"],
        claim_published=[None],
        claim_origins=["g2"],
    )
    (conflict,) = contradict.find([a, b])
    assert conflict.holders == ((1,), (0,)) and conflict.one_origin
    outlets = {
        "a1": "Varn Courier", "a2": "Lorvan Post", "a3": "Ostra Radio", "b1": "Ostra Daily",
        "g1": "Varn Courier", "g2": "Lorvan Post", "g3": "Ostra Radio",
    }  # fmt: skip
    (item,) = summary.contradictions([_cluster(a, outlets), _cluster(b, outlets)], [conflict])
    one, two = item["sides"]
    assert (one["article_ids"], one["outlets"], one["origins"]) == (["a2"], ["Lorvan Post"], ["Lorvan Post"])
    assert [s["article_id"] for s in one["spans"]] == ["a2"]
    assert (two["outlets"], two["origins"]) == (["Ostra Daily"], ["Lorvan Post"])
    assert item["one_origin"]
    assert told_by(two) == "Ostra Daily; one origin: Lorvan Post"
    assert told_by(one) == "Lorvan Post"
    # The Daily's own report (an origin of its own) is another origin: a contradiction between two reports.
    own = dataclasses.replace(b, claim_origins=["g4"], origins=["g4"])
    (conflict,) = contradict.find([a, own])
    assert not conflict.one_origin
    # Two origin groups that relay one outlet (however its name is written) are that outlet: one origin.
    relay = dataclasses.replace(a.claims[1], via=("the Harbour Gazette",))
    relayed = dataclasses.replace(a, claims=[a.claims[0], relay, a.claims[2]])
    told = dataclasses.replace(own, claims=[dataclasses.replace(own.claims[0], via=("Harbour  Gazette",))])
    (conflict,) = contradict.find([relayed, told])
    assert conflict.one_origin
    assert told_by({"outlets": ["Varn Courier", "Ostra Daily"], "origins": ["Varn Courier"]}) == (
        "Varn Courier, Ostra Daily; one origin"
    )


def test_one_figure_bounded_two_ways_is_a_contradiction_even_within_one_cluster() -> None:
    text = "{} 1,400 people were killed in the Orlan unrest, a Tesk report said."
    # Two undated reports: a count that moved would give another figure, not the same one bounded the other way.
    assert contradictions(side("a", text.format("Up to")), side("b", text.format("More than"))) == {
        frozenset({"up to 1400", "more than 1400"})
    }
    assert not contradictions(side("c", text.format("Up to")), side("d", text.format("At least 1,500 of")))
    # Matched on their figure, the two sentences are one cluster: its own claims are the two sides.
    one = of_articles("k", [text.format(b) for b in ("Up to", "Up to", "More than")])
    (conflict,) = contradict.find([one])
    assert (conflict.a, conflict.b, conflict.update) == ("k", "k", False)
    assert conflict.values == ("up to 1400", "more than 1400") and conflict.holders == ((0, 1), (2,))
    outlets = {"a1": "Varn Courier", "a2": "Lorvan Post", "a3": "Ostra Radio"}
    (item,) = summary.contradictions([_cluster(one, outlets)], [conflict])
    assert [s["article_ids"] for s in item["sides"]] == [["a1", "a2"], ["a3"]]
    (card,) = summary.cards([{"id": "k", "slot": "", "text": one.claims[0].text}], {}, [item])
    assert [x["other"]["value"] for x in card["contradicts"]] == ["more than 1400"]  # told once
    assert contradict.find([one], only={"k"}) == [conflict]
    rows = [
        {"cluster_id": "k", "story_id": "s1", "article_id": art, "claim_id": f"c{n}", "published": None,
         "event_id": "e1", "origin": art, "outlet": outlets[art], "claim": c, "cluster_text": one.claims[0].text,
         "cluster_slot": "", "cluster_event": "e1"}
        for n, (art, c) in enumerate(zip(one.claim_articles, one.claims, strict=True))
    ]  # fmt: skip
    (record,), _ = summary.clusters(rows)
    assert record["contradicts"] == ["k"]  # listed once
    assert summary.compared(rows).record("k")["contradicts"] == ["k"]
    # One article giving both knows both (a range, or two counts).
    both = dataclasses.replace(one, claim_articles=["a1", "a2", "a1"])
    assert not contradict.find([both])
    # Reports of two days: a change may be, and a cluster is no update of itself.
    days = dataclasses.replace(one, claim_published=["2026-01-02", "2026-01-02", "2026-03-09"])
    assert not contradict.find([days])


@pytest.mark.parametrize(
    ("slot", "text", "shown"),
    [
        ("charge · polic men", "Police said the men were held in Varn.", "charge · police men"),
        ("storey · estat eight", "The Varn estate has eight towers.", "storey · estate eight"),
        ("sprinkler switch", "The sprinklers were switched off.", "sprinklers switched"),
        # A word the text does not hold stays as stored; a name keeps its capital.
        ("count · toll worst", "The Varn toll rose.", "count · toll worst"),
        ("money · bid orlan", "Velmar raised its bid for Orlan.", "money · bid Orlan"),
    ],
)
def test_a_slot_is_shown_in_the_words_of_its_claim(slot: str, text: str, shown: str) -> None:
    assert summary.readable(slot, text) == shown


def _day(text: str, words: str, value: str) -> tuple[DateMention, ...]:
    start = text.index(words)
    return (DateMention(text=words, start=start, end=start + len(words), value=value, precision="day", anchor=None),)


def test_two_reports_contradict_on_a_day_only_when_both_could_know_it() -> None:
    # Two primaries two weeks apart, each reported the next day: the later report's day is after the earlier
    # report, which could not have known it. Reports written after both days, giving two days, contradict.
    text = "Voters in Orlan and Tesk went to the polls in the Varn primaries on {}."
    first, second = text.format("1 March"), text.format("15 March")
    early = side("a", first, published="2026-03-02", dates=_day(first, "1 March", "2026-03-01"))
    later = side("b", second, published="2026-03-16", dates=_day(second, "15 March", "2026-03-15"))
    assert not found(early, later)
    looking_back = side("c", first, published="2026-03-20", dates=_day(first, "1 March", "2026-03-01"))
    looking_back_too = side("d", second, published="2026-03-21", dates=_day(second, "15 March", "2026-03-15"))
    assert contradictions(looking_back, looking_back_too) == {frozenset({"2026-03-01", "2026-03-15"})}


def test_a_lead_measured_on_two_days_moves_and_a_tower_does_not() -> None:
    text = "Going into the primaries, Senator Varn held a {}-delegate lead over Orla Tesk in the Orlan race."
    early = side("a", text.format(26), published="2026-03-01")
    later = side("b", text.format(214), published="2026-03-15")
    same_day = side("c", text.format(214), published="2026-03-01")
    assert not contradictions(early, later)
    assert contradictions(early, same_day) == {frozenset({"26", "214"})}


def test_a_fact_checkers_rating_quoted_as_false_is_no_denial() -> None:
    rated = side("a", "The Orlan Truth Desk rated 32% of Varn's claims as “false”, against 11% of Tesk's claims.")
    other = side("b", "The Orlan Truth Desk rated 22% of Tesk's claims as “entirely true”, against 11% of Varn's.")
    assert not found(rated, other)
    said = side("c", "The Orlan council said in a statement that Varn's account of the vote was “false.”")
    assert contradict.DENIES.search(said.claims[0].text)


def test_a_claim_comparing_several_values_is_about_several_things() -> None:
    # Poll figures: each answers its own question. A claim giving two shares of the unit compares two things, so
    # another claim on the same poll is no second report of either unless it says nearly the same words.
    compared = side(
        "a",
        "In the Orlan poll Varn is up from 37 percent in January and Tesk is down from 49 percent.",
        published="2026-02-03",
    )
    honest = side("b", "Just 30 percent of all voters consider Tesk honest and trustworthy, the Orlan poll found.")
    assert not found(compared, honest)
    # The same comparison with other figures, in its own words: a contradiction still.
    again = side(
        "c",
        "In the Orlan poll Varn is up from 39 percent in January and Tesk is down from 47 percent.",
        published="2026-02-03",
    )
    assert contradictions(compared, again)


def test_an_index_of_the_sides_asked_about_answers_as_an_index_of_every_side() -> None:
    # A page's search indexes the terms of its focus sides and denials only (a story's other sides hold most of its
    # terms); a side asked about beyond them has its other terms indexed then: every side's near sides are the
    # ones an index of every term gives.
    texts = [
        "The Varn harbour authority said the sprinklers had been switched off.",
        "The fire in the Varn harbour tower killed 12 people.",
        "The fire in the tower killed 14 people, the authority said.",
        "Sprinklers in the Orlan ferry terminal were switched off on the night.",
        "The Orlan ferry sailed on time from the harbour.",
        "The tower has 31 storeys and a harbour view.",
    ]
    terms = [frozenset(extract.terms(t)) for t in texts]
    every = contradict._Near(terms, range(len(terms)))
    for asked in ([0], [1, 4], []):
        near = contradict._Near(terms, range(len(terms)), asked=asked)
        assert len(near.postings) < len(every.postings), asked
        assert [near(i) for i in reversed(range(len(terms)))] == [every(i) for i in reversed(range(len(terms)))]
        assert near.postings == every.postings  # each side asked about: every term indexed, in the same order


_TIED = """
from newsdesk.claims import contradict, extract, values
from newsdesk.records import Claim, Modality

def side(cid, text):
    claim = Claim(text=text, start=0, end=len(text), modality=Modality.ASSERTED, values=tuple(values.find(text, 0, ())),
                  terms=extract.terms(text), update=False)
    return contradict.Side(cluster_id=cid, claims=[claim], article_ids=[cid], origins=[cid], claim_articles=[cid],
                           claim_events=["e1"], claim_published=[None], claim_origins=[cid])

a = side("a", "Mara Venn scored 43 goals and made 13 assists this season for Rovers, the club said.")
b = side("b", "Mara Venn scored 40 goals and made 11 assists this season for Rovers, the club said.")
print([(c.unit, c.values) for c in contradict.find([a, b])])
"""


def test_of_two_units_as_alike_the_one_the_text_gives_first_is_reported_in_every_run() -> None:
    # Two clusters whose one sentence each gives two counts (goals, assists) that differ: the two pairs are as alike
    # as each other, and one conflict is reported. Which one must not follow the interpreter's hash seed (a set's
    # order): the same store read twice gives the same page. It is the unit the first side states first.
    import os
    import subprocess
    import sys

    seen = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _TIED], env=env, capture_output=True, text=True, check=True)
        seen.add(out.stdout.strip())
    assert seen == {"[('goal', ('43', '40'))]"}


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("The Orlan fire service raised the death toll to 44 on Thursday morning.", "44"),
        ("Officials put the death toll at 83 by midnight.", "83"),
        ("The brigade raised the death toll from the Marrow Quay fire to at least 12.", "12"),
    ],
)
def test_a_toll_set_by_a_verb_before_it_is_a_count_of_the_dead(text: str, toll: str) -> None:
    # "raised the death toll to 44" says 44 were killed, as "the death toll rose to 44" does: not a bare number,
    # which would let the tolls of 44 and 83 say one thing.
    assert ("count", toll, "people killed") in [(v.kind, v.value, v.unit) for v in values.find(text)]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Tesk holds a lead over Varn, 46 percent to 40 percent, in the latest poll.", ""),
        ("Tesk holds a lead over Varn 46 percent to 40 percent in the latest poll.", ""),
        ("More than 46 percent of voters backed Tesk in the latest poll.", "more than"),
        ("At least another 46 people were rescued from the Marrow Quay tower.", "at least"),
    ],
)
def test_a_bound_word_bounds_only_the_number_it_governs(text: str, bound: str) -> None:
    # "over Varn, 46 percent": "over" belongs to "a lead over Varn", and the figure is exact.
    assert values.find(text)[0].bound == bound


def test_fractions_ratios_and_shapes_are_no_counts_to_compare() -> None:
    # Review of 2026-12-07 (h-rc52): "three-quarters of voters" and "more than three-quarters of the results" are two
    # fractions of two things; "a two-way race" and "a four-way race" are shapes; "3-to-1" is a ratio.
    assert not [v for v in values.find("Three-quarters of Varn voters backed Ilse Marr.") if v.kind == "count"]
    for text in (
        "Ilse Marr leads a four-way race in Varn.",
        "Marr beat Ruud by nearly 3-to-1 in Varn.",
        "About two-thirds of Varn voters back Marr.",
        "Marr faces the next five-plus months in Varn.",
    ):
        assert not [v for v in values.find(text) if v.kind == "count"], text
    a = side("a", "Ilse Marr leads a two-way race in Varn, the poll of Varn voters found.")
    b = side("b", "Ilse Marr trails in a four-way race in Varn, the poll of Varn voters found.")
    assert not found(a, b)
    c = side("c", "Three-quarters of Varn voters backed Ilse Marr in the poll.")
    d = side("d", "More than three-quarters of Varn voters backed Ilse Marr in the poll.")
    assert not found(c, d)


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("The Varn authority denied the reports.", True),
        ("The reports were denied by the Varn authority.", True),
        ("She dismissed the reports as fiction.", True),
        ("The Varn ministry said the account was false.", True),
        ("Ivo Brand was denied bail on Monday.", False),  # a refusal
        ("He dismissed efforts by rivals to spotlight the row.", False),  # an effort, not a report
        ("The judge dismissed the case against Brand.", False),
        ("Brand was dismissed on Friday.", False),  # sacked
        ("Choosing between them is a false choice, she said.", False),  # "false" before its noun
        ("He blamed the network for spreading false information.", False),
    ],
)
def test_a_denial_mark_is_a_word_that_says_a_report_is_wrong(text: str, denies: bool) -> None:
    assert bool(DENIAL.search(text)) is denies


def test_a_claim_that_disputes_in_its_own_words_sides_with_a_denial() -> None:
    called = side("a", "The Ilse Marr campaign called the Varn charges unsubstantiated and fabricated by former aides.")
    denied = side("b", "Ilse Marr denied the Varn charges through a spokeswoman, blaming former aides.")
    assert not found(called, denied)
    # The same shape asserting what is denied is still a contradiction.
    asserted = side("c", "The Varn charges against Ilse Marr were brought by former aides.")
    assert contradictions(asserted, denied) == {frozenset({"asserted", "denied"})}


def test_a_denial_is_judged_by_the_claim_that_words_it_not_by_a_cluster_mate() -> None:
    # The denying cluster's other claim ("dismissed efforts ...") is like the poll line but denies nothing; the claim
    # that words a denial is of another thing. Review of 2026-12-07 (h-rc52), a shape of the PolNeAR store.
    denial = side(
        "a",
        "Ilse Marr dismissed efforts by some Varn senators to spotlight their rift with her party's nominee.",
        "Ilse Marr dismissed a report that Ivo Brand would not endorse the businessman.",
    )
    poll = side("b", "Most Varn senators say they would back their party's nominee; few spotlight a rift with Marr.")
    assert not found(denial, poll)
