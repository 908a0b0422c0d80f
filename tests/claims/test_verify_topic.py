"""``verify`` holds the stance model's verdict to the claim's topic: a shared number or word is no support
(invented sentences, outlets and places)."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.claims import extract, topic, values, verify
from newsdesk.records import Article, Claim

CLAIM = "The fire killed 128 people"
CRICKET = (
    "Dunmore Rovers beat the visitors by seven wickets on Sunday. "
    "The hosts won the match, chasing down 128 with 25 balls to spare."
)
TOLL = (
    "A fire swept through the Marrow Quay tower block in Lorvan on Tuesday. "
    "Residents said they heard a loud bang before the flames spread. "
    "The death toll rose to 128 on Friday, officials said."
)
OTHER_FIRE = (
    "A fire broke out at the Velmora trade fair on Thursday. "
    'The organisers said the fire was "under control and caused no casualties".'
)


def _model(label: str, text: str, sentence: str) -> Any:
    """A stance model that gives ``label`` with ``sentence`` of ``text`` as its evidence."""
    start = text.index(sentence)

    def stances(pairs: Any) -> list[dict[str, Any]]:
        return [{"label": label, "confidence": 0.66, "start": start, "end": start + len(sentence)} for _ in pairs]

    return stances


def _judged(text: str, label: str, sentence: str) -> dict[str, Any]:
    candidate = verify.Candidate({"id": "a", "origin": "a", "outlet": "Harbour Gazette"}, text, [])
    return verify.judge(verify.typed(CLAIM), [candidate], _model(label, text, sentence))


def test_an_off_topic_number_is_no_support() -> None:
    got = _judged(CRICKET, "supports", "The hosts won the match, chasing down 128 with 25 balls to spare.")
    assert not got["supports"] and not got["discusses"] and got["unrelated"] == 1
    assert not got["independent_origins"]


def test_an_on_topic_toll_supports_with_its_sentence_as_evidence() -> None:
    # The model picked the sentence that shares the most words; the toll two sentences on is the support.
    got = _judged(TOLL, "supports", "Residents said they heard a loud bang before the flames spread.")
    assert [r["article_id"] for r in got["supports"]] == ["a"]
    assert got["supports"][0]["evidence"] == "The death toll rose to 128 on Friday, officials said."


def test_another_count_on_the_topic_is_reported_not_supported() -> None:
    text = TOLL.replace("rose to 128", "rose to 44")
    got = _judged(text, "supports", "The death toll rose to 44 on Friday, officials said.")
    assert not got["supports"] and [r["article_id"] for r in got["discusses"]] == ["a"]


def test_no_casualties_at_another_fire_neither_supports_nor_contradicts() -> None:
    sentence = 'The organisers said the fire was "under control and caused no casualties".'
    for label in ("supports", "contradicts"):
        got = _judged(OTHER_FIRE, label, sentence)
        assert not got["supports"] and not got["contradicts"], label


def test_a_contradiction_on_the_topic_stands() -> None:
    text = TOLL + " The fire service said reports that the fire killed 128 people were false."
    got = _judged(text, "contradicts", "The fire service said reports that the fire killed 128 people were false.")
    assert [r["article_id"] for r in got["contradicts"]] == ["a"]


@pytest.mark.parametrize(
    ("sentence", "context", "reading"),
    [
        ("Lorvan tower fire kills 128", "", topic.SAME),  # a bare number beside what it counts
        ("The blaze claimed 128 lives, the fire service said.", "", topic.SAME),  # lives lost are the dead
        ("The hosts won, chasing down 128 with 25 balls to spare.", "", topic.OFF),  # a number, not a toll
        ("The fire caused no casualties.", "", topic.OFF),  # the injured, not the dead
        ("A fire left at least 44 fatalities.", "", topic.TOPIC),  # the dead, another count
        ("The fire service raised the death toll to 44.", "", topic.TOPIC),  # a bare number beside the toll
        ("At least 128 people were killed, he added.", "A fire swept through the tower.", topic.SAME),
        ("At least 128 people were killed, he added.", "", topic.OFF),  # no word of a fire
    ],
)
def test_what_a_sentence_says_of_the_claims_topic(sentence: str, context: str, reading: str) -> None:
    assert topic.about(verify.typed(CLAIM)).reads(sentence, context) == reading


def test_a_claim_of_words_needs_them_in_the_sentence_and_a_day_is_compared() -> None:
    said = topic.about(verify.typed("Tomas Brevik said the verdict was politically motivated"))
    assert said.reads("Brevik called the verdict politically motivated.") == topic.SAME
    assert said.reads("The captain said the team was aligned with the board.") == topic.OFF
    day = topic.about(verify.typed("The fire broke out on 26 November"))
    assert day.reads("The fire broke out on Nov. 26 in the tower.") == topic.SAME
    assert day.reads("The fire broke out on 27 November.") == topic.TOPIC


def test_a_stored_claim_worded_alike_with_another_toll_discusses() -> None:
    text = "The Lorvan fire service raised the death toll from the tower fire to 44 on Thursday morning."
    own = extract.find(Article(id="a", source="a", text=text, language="en"))
    assert own
    candidate = verify.Candidate({"id": "a", "origin": "a", "outlet": "Harbour Gazette"}, text, own)
    claim = verify.typed("The death toll from the Lorvan tower fire rose to 83")
    got = verify.judge(claim, [candidate], _model("unrelated", text, text))
    assert not got["supports"] and [r["by"] for r in got["discusses"]] == ["claim"]


def test_a_count_of_people_that_does_not_say_what_befell_them_is_no_toll() -> None:
    toll = topic.about(verify.typed(CLAIM))
    assert toll.reads("The fire killed 128 residents, officials said.") == topic.SAME
    assert toll.reads("Thirteen people were treated after the fire.") == topic.OFF


def test_an_off_topic_report_is_not_listed_as_discussing_the_claim() -> None:
    got = _judged(CRICKET, "discusses", "The hosts won the match, chasing down 128 with 25 balls to spare.")
    assert not got["discusses"] and got["unrelated"] == 1


def test_a_claimed_rise_is_not_contradicted_by_an_earlier_figure() -> None:
    # "The toll rose to 83" tells a change: a report of a toll of 44 (before the rise) reports the thing, it does not
    # contradict it; a claim without the change in its words is contradicted by the other figure.
    text = "The Lorvan fire service said the death toll from the tower fire was 44 on Thursday morning."
    own = extract.find(Article(id="a", source="a", text=text, language="en"))
    assert own and not own[0].update
    candidate = verify.Candidate({"id": "a", "origin": "a", "outlet": "Harbour Gazette"}, text, own)
    rise = verify.typed("The death toll from the Lorvan tower fire rose to 83")
    assert rise.update
    got = verify.judge(rise, [candidate], _model("unrelated", text, text))
    assert not got["contradicts"] and [r["by"] for r in got["discusses"]] == ["claim"]
    flat = verify.typed("The death toll from the Lorvan tower fire was 83")
    got = verify.judge(flat, [candidate], _model("unrelated", text, text))
    assert [r["by"] for r in got["contradicts"]] == ["claim"]


@pytest.mark.parametrize("place", ["New Carvel", "Carvel"])
def test_a_place_named_new_is_no_change_of_figure(place: str) -> None:
    # "New" opening a name ("New York") is no "new" figure: a toll of 44 in the town contradicts one of 83 there,
    # on either side; "is now 83" still tells a change.
    text = f"The {place} fire service said the death toll from the tower fire was 44 on Thursday morning."
    own = extract.find(Article(id="a", source="a", text=text, language="en"))
    assert own and not own[0].update
    candidate = verify.Candidate({"id": "a", "origin": "a", "outlet": "Harbour Gazette"}, text, own)
    claim = verify.typed(f"The death toll from the {place} tower fire was 83")
    assert not claim.update
    got = verify.judge(claim, [candidate], _model("unrelated", text, text))
    assert [r["by"] for r in got["contradicts"]] == ["claim"]
    assert verify.typed(f"The death toll from the {place} tower fire is now 83").update


def test_a_tally_raised_to_a_figure_is_a_change_not_a_contradiction() -> None:
    # "raised the death toll to 44" is an earlier figure of a tally that rose: against "The fire killed 128 people"
    # it reports the thing, as "the toll rose to 44" would; it does not contradict it.
    text = "The Lorvan fire service raised the death toll from the tower fire to 44 on Thursday morning."
    own = extract.find(Article(id="a", source="a", text=text, language="en"))
    assert own and own[0].update
    candidate = verify.Candidate({"id": "a", "origin": "a", "outlet": "Harbour Gazette"}, text, own)
    got = verify.judge(
        verify.typed("The Lorvan tower fire killed 128 people"), [candidate], _model("unrelated", text, text)
    )
    assert not got["contradicts"]
    assert not extract.tells_change("Police raised the alarm at 3 am on Friday.")


BLAZE = (
    "Crews fought the blaze at the Marrow Quay tower in Lorvan through the night. "
    "The fire started on the ninth floor on Wednesday, residents said. "
    "Four floors were destroyed."
)


def _judged_on(claim: str, text: str, published: str | None, label: str, sentence: str) -> dict[str, Any]:
    """``claim`` judged over one article of ``text`` published on ``published``, read as the facade reads both (the
    claim's days and the article's date mentions by the dates stage)."""
    from newsdesk.extract import dates

    candidate = verify.Candidate(
        {"id": "a", "origin": "a", "outlet": "Harbour Gazette", "published": published},
        text,
        [],
        dates.find(text, published),
    )
    typed = verify.typed(claim, lambda t: dates.find(t, None))
    return verify.judge(typed, [candidate], _model(label, text, sentence))


def test_a_day_the_claim_names_is_no_count() -> None:
    from newsdesk.extract import dates

    typed = verify.typed("A fire broke out at the Marrow Quay tower on 11 March", lambda t: dates.find(t, None))
    assert not [v for v in typed.values if v.kind == "count"], typed.values


def test_a_report_of_the_day_in_other_words_supports_the_claim() -> None:
    # "broke out" and "started" tell one thing; "on Wednesday" in a report of Thursday 12 March is the 11th.
    got = _judged_on(
        "A fire broke out at the Marrow Quay tower on 11 March",
        BLAZE,
        "2026-03-12",
        "supports",
        "Four floors were destroyed.",
    )
    assert [r["article_id"] for r in got["supports"]] == ["a"], got
    assert got["supports"][0]["evidence"] == "The fire started on the ninth floor on Wednesday, residents said."
    assert got["independent_origins"]


def test_a_report_of_another_day_is_reported_not_supported() -> None:
    # "on Wednesday" is the 11th: against a claim of the 12th it tells another day of the fire's start.
    got = _judged_on(
        "A fire broke out at the Marrow Quay tower on 12 March",
        BLAZE,
        "2026-03-12",
        "supports",
        "Four floors were destroyed.",
    )
    assert not got["supports"] and [r["article_id"] for r in got["discusses"]] == ["a"], got


def test_a_weekday_is_read_as_a_day() -> None:
    # "the fire broke out on Thursday" is not what a report of a fire that started on Wednesday says; "on
    # Wednesday" is. A day the dates stage resolved counts by its weekday too ("11 March" is a Wednesday).
    on_thursday = _judged_on(
        "The fire broke out on Thursday", BLAZE, "2026-03-12", "supports", "Four floors were destroyed."
    )
    assert not on_thursday["supports"] and [r["article_id"] for r in on_thursday["discusses"]] == ["a"], on_thursday
    on_wednesday = _judged_on(
        "The fire broke out on Wednesday", BLAZE, "2026-03-12", "supports", "Four floors were destroyed."
    )
    assert [r["article_id"] for r in on_wednesday["supports"]] == ["a"], on_wednesday
    dated = BLAZE.replace("on Wednesday", "on 11 March")
    by_weekday = _judged_on(
        "The fire broke out on Wednesday", dated, "2026-03-12", "supports", "Four floors were destroyed."
    )
    assert [r["article_id"] for r in by_weekday["supports"]] == ["a"], by_weekday


def test_a_weekday_of_another_day_is_no_support_for_a_claim_naming_the_day() -> None:
    # "on Wednesday" in a report of Thursday 12 March is the 11th: a claim of Wednesday 18 March names another
    # Wednesday. The day decides; the report tells the fire's start on another day, so it discusses the claim.
    got = _judged_on(
        "A fire broke out at the Marrow Quay tower on Wednesday 18 March",
        BLAZE,
        "2026-03-12",
        "supports",
        "Four floors were destroyed.",
    )
    assert not got["supports"] and [r["article_id"] for r in got["discusses"]] == ["a"], got
    right = _judged_on(
        "A fire broke out at the Marrow Quay tower on Wednesday 11 March",
        BLAZE,
        "2026-03-12",
        "supports",
        "Four floors were destroyed.",
    )
    assert [r["article_id"] for r in right["supports"]] == ["a"], right


VERDICT = (
    "The Lorvan tribunal sentenced former harbour master Petra Anselm to prison for fraud. "
    "Her lawyers said they would appeal."
)


@pytest.mark.parametrize(
    "claim", ["Petra Anselm was sentenced to prison on Monday", "Petra Anselm was sentenced to prison on 9 March"]
)
def test_a_report_that_does_not_say_the_day_discusses_the_claim(claim: str) -> None:
    # The report tells the sentence in the claim's own words but names no day: no support of the day, and not
    # dropped as unrelated either; it is listed as discussing the claim, on its sentence.
    got = _judged_on(claim, VERDICT, "2026-03-10", "supports", "Her lawyers said they would appeal.")
    assert not got["supports"], got
    assert [r["evidence"] for r in got["discusses"]] == [VERDICT.split(". ")[0] + "."], got


def test_a_date_no_weekday_is_known_of_discusses_a_claim_naming_a_weekday() -> None:
    # An undated report's "on 11 March" has no weekday to compare with the claim's Wednesday: another day as far as
    # can be told, so the report discusses the claim rather than being dropped.
    got = _judged_on(
        "The fire broke out on Wednesday", BLAZE.replace("on Wednesday", "on 11 March"), None, "supports", "Four floors"
    )
    assert not got["supports"] and [r["article_id"] for r in got["discusses"]] == ["a"], got


@pytest.mark.parametrize(
    "text",
    [
        "The council started a fire safety campaign in Lorvan on 11 March. Volunteers knocked on every door.",
        "Crews began a fire drill in Lorvan on 11 March. Residents took part.",
        "Residents took hold of the fire hoses in Lorvan on 11 March. Nobody was hurt.",
        "The fire began to spread in Lorvan on 11 March. Nobody was hurt.",
    ],
)
def test_starting_something_is_not_a_thing_breaking_out(text: str) -> None:
    # "broke out", "started" and "took hold" are one where the thing itself began; a start with an object (someone
    # launched a campaign, a drill), "took hold of" (a grip) or "began to spread" tells no fire's start, in the
    # sentence or in the lead read as its context.
    got = _judged_on("A fire broke out on 11 March", text, "2026-03-12", "supports", text.split(". ")[1])
    assert not got["supports"], got


@pytest.mark.parametrize(
    "sentence",
    [
        "A fire started in Lorvan on 11 March.",
        "A fire took hold in Lorvan on 11 March.",
        "The start of the fire in Lorvan on 11 March went unseen.",
        "A fire took hold the night of 11 March in Lorvan.",
    ],
)
def test_a_fire_that_started_or_took_hold_broke_out(sentence: str) -> None:
    text = f"{sentence} Nobody was hurt."
    got = _judged_on("A fire broke out on 11 March", text, "2026-03-12", "supports", "Nobody was hurt.")
    assert [r["evidence"] for r in got["supports"]] == [sentence], got


def test_a_day_of_another_thing_in_a_report_of_the_start_is_no_support() -> None:
    # The lead tells the fire's start (on Wednesday, the 11th); Thursday is the day the toll was raised.
    text = (
        "A fire took hold at the Marrow Quay tower in Lorvan on Wednesday evening. "
        "Officials raised the death toll to 12 on Thursday morning."
    )
    got = _judged_on("The fire broke out on Thursday", text, "2026-03-12", "supports", text.split(". ")[1])
    assert not got["supports"], got


def test_a_datelines_day_is_the_reports_not_the_day_of_what_it_tells() -> None:
    # "Lorvan, March 9 (HNA):" dates the report; the sentence tells a reaction to the verdict, not that it was given
    # on the 9th, so the report does not support a claim of the sentencing on that day.
    text = (
        "Lorvan, March 9 (HNA): Former harbour master Petra Anselm has denounced the ruling against her. "
        "The tribunal sentenced her to prison for fraud after a trial of two years."
    )
    got = _judged_on(
        "Petra Anselm was sentenced to prison on 9 March", text, None, "supports", text.split(". ")[0] + "."
    )
    assert not got["supports"], got


@pytest.mark.parametrize(
    ("sentence", "days", "reading"),
    [
        # A claim of a count on a day (h-cl51): the count alone, or the count on another day, reports the thing.
        ("The death toll rose to 128 on Friday, officials said.", (), topic.SAME),
        ("The death toll rose to 128, officials said.", (), topic.TOPIC),
        ("The death toll rose to 128 on Thursday, officials said.", (), topic.TOPIC),
        ("The death toll rose to 128 yesterday, officials said.", ("2026-03-13",), topic.SAME),  # a Friday
        ("The death toll rose to 44 on Friday, officials said.", (), topic.TOPIC),
    ],
)
def test_a_count_on_a_day_is_shown_by_both(sentence: str, days: tuple[str, ...], reading: str) -> None:
    claim = verify.typed("The fire's death toll rose to 128 on Friday")
    assert topic.about(claim).reads(sentence, days=days) == reading


def test_a_stored_claim_giving_the_count_alone_reports_a_claim_of_a_count_on_a_day() -> None:
    claim = verify.typed("The fire's death toll rose to 128 on Friday")
    text = "The fire's death toll rose to 128, officials said."
    own = Claim(text=text, start=0, end=len(text), terms=extract.terms(text), values=tuple(values.find(text)))
    candidate = verify.Candidate({"id": "a", "origin": "a", "outlet": "Harbour Gazette"}, text, [own])
    got = verify.judge(claim, [candidate], _model("supports", text, text))
    assert not got["supports"] and [r["article_id"] for r in got["discusses"]] == ["a"]


@pytest.mark.parametrize(
    ("sentence", "reading"),
    [
        # A claim of a count on a day of the month (review, h-rc51): the day decides as the weekday does above.
        ("The death toll rose to 128 on 13 March, officials said.", topic.SAME),
        ("The death toll rose to 128, officials said.", topic.TOPIC),
        ("The death toll rose to 128 on 12 March, officials said.", topic.TOPIC),
        ("The death toll rose to 44 on 13 March, officials said.", topic.TOPIC),
    ],
)
def test_a_count_on_a_day_of_the_month_is_shown_by_both(sentence: str, reading: str) -> None:
    from newsdesk.extract import dates

    claim = verify.typed("The fire's death toll rose to 128 on 13 March", lambda t: dates.find(t, None))
    assert topic.about(claim).reads(sentence) == reading


@pytest.mark.parametrize(
    ("published", "label"),
    [("2026-03-14", "supports"), ("2026-03-15", "discusses")],  # "yesterday": Friday the 13th, or Saturday
)
def test_a_stored_claims_day_is_the_day_the_dates_stage_resolved(published: str, label: str) -> None:
    # The stored claim says "yesterday", no weekday: its day is read from its values (review, h-rc51).
    from newsdesk.extract import dates

    claim = verify.typed("The fire's death toll rose to 128 on Friday", lambda t: dates.find(t, None))
    text = "The fire's death toll rose to 128 yesterday, officials said."
    named = dates.find(text, published)
    own = Claim(
        text=text, start=0, end=len(text), terms=extract.terms(text), values=tuple(values.find(text, dates=named))
    )
    summary = {"id": "a", "origin": "a", "outlet": "Harbour Gazette", "published": published}
    got = verify.judge(claim, [verify.Candidate(summary, text, [own], named)], _model("supports", text, text))
    assert [r["article_id"] for r in got[label]] == ["a"], got


def test_a_day_in_the_sentence_before_the_count_is_not_read_as_the_counts_day() -> None:
    # Left so at the review (h-rc51): the sentence before may date another thing (the fire's start, a search), so a
    # report giving the count in the sentence after the claim's day discusses the claim rather than supports it.
    text = (
        "Rescuers searched the Carvel market towers again on Friday. "
        "By evening the death toll had risen to 128, officials said."
    )
    got = _judged_on("The death toll rose to 128 on Friday", text, "2026-03-14", "supports", text.split(". ")[1])
    assert not got["supports"] and [r["article_id"] for r in got["discusses"]] == ["a"], got


@pytest.mark.parametrize(
    ("told", "label"),
    [
        ("The fire killed 128 people, officials said.", "discusses"),  # no day: as a report naming the fire
        ("The fire killed 128 people on Friday, officials said.", "supports"),
    ],
)
def test_a_stored_claim_is_read_with_its_articles_lead(told: str, label: str) -> None:
    # The stored claim holds one of the claim's two topic words ("fire"); the lead names Carvel. Read alone it was
    # off the topic and its support stood without the claim's day, where "The Carvel fire killed 128 people" (more of
    # the claim) discussed it (review, h-rc51).
    claim = verify.typed("The Carvel fire killed 128 people on Friday")
    text = f"Firefighters were still at the Carvel market hall on Saturday. {told}"
    start = text.index(told)
    own = Claim(text=told, start=start, end=len(text), terms=extract.terms(told), values=tuple(values.find(told)))
    candidate = verify.Candidate({"id": "a", "origin": "a", "outlet": "Harbour Gazette"}, text, [own])
    got = verify.judge(claim, [candidate], _model("supports", text, told))
    assert [r["article_id"] for r in got[label]] == ["a"], got
