"""Extractive summaries: sentences the coverage agrees on, in order, each the article's own words."""

from __future__ import annotations

from newsdesk.records import Article
from newsdesk.report.summary import sentences, summarize


def test_sentences_are_spans_of_long_enough_sentences() -> None:
    text = (
        "Short one. The council voted on Monday to close the old bridge for repairs!\n\n"
        "Why? Engineers said it was not safe."
    )
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == ["The council voted on Monday to close the old bridge for repairs!"]


def test_a_sentence_is_not_cut_after_an_abbreviation() -> None:
    text = "WASHINGTON -- Mr. Dorsey said Harlow Bros. Pictures would sell its studio to Kestrel for $4 billion."
    assert [text[s:e] for s, e in sentences(text)] == [text]


def test_summary_prefers_what_articles_agree_on() -> None:
    shared = "The council voted on Monday to close the old river bridge for urgent repairs."
    a = Article(
        id="a",
        source="a",
        published="2026-01-02",
        text=f"{shared} A local baker said her sales of cinnamon buns had never been better this winter.",
    )
    b = Article(id="b", source="b", published="2026-01-01", text=f"Officials said {shared[4:]} Traffic will divert.")
    c = Article(id="c", source="c", duplicate_of="a", text=a.text)
    picked = summarize([a, b, c], size=1)
    assert len(picked) == 1 and "bridge" in picked[0]["text"] and picked[0]["article_id"] in {"a", "b"}
    by_id = {"a": a, "b": b}
    for line in summarize([a, b, c], size=3):
        assert by_id[line["article_id"]].text[line["start"] : line["end"]] == line["text"]
    assert summarize([c]) == []


def test_each_event_has_its_line_before_the_largest_says_more() -> None:
    bridge = [
        "The council voted on Monday to close the old river bridge for urgent repairs to its rusted piers.",
        "On Monday the council voted to close the old river bridge so that its rusted piers can be repaired.",
        "Councillors voted Monday to shut the old river bridge for repairs, citing its rusted piers and railings.",
    ]
    corroded = "Engineers inspecting the structure last week found that the piers had corroded badly."
    ferry = "A ferry service across the river will start on Thursday while the bridge stays closed, the council said."
    articles = [Article(id=f"b{i}", source="", text=f"{t} {corroded}", event_id="close") for i, t in enumerate(bridge)]
    articles.append(Article(id="f", source="", text=ferry, event_id="ferry"))
    picked = summarize(articles, size=2)
    assert {line["article_id"] for line in picked} >= {"f"}  # the smaller event is not crowded out
    # The second line of the bridge event says nothing new (most of its words are in the first): skipped for a
    # sentence that does.
    texts = [line["text"] for line in summarize(articles, size=3)]
    assert sum("voted" in t for t in texts) == 1 and any("corroded" in t for t in texts)


def test_an_origin_is_named_after_the_outlet_its_group_credits_else_its_earliest_outlet() -> None:
    from newsdesk.report.story import origins

    def row(id_: str, outlet: str, cites: list[str], origin: str) -> dict[str, object]:
        return {"id": id_, "origin": origin, "outlet": outlet, "title": id_, "published": None, "cites": cites}

    rows = origins(
        [
            row("a", "Veloria Ledger", ["Marsh Wire"], "a"),
            row("b", "Dastmar Courier", ["Marsh Wire", "Radio Caldera"], "a"),
            row("c", "Harbour Gazette", [], "a"),
            row("d", "Briefly Digest", ["Radio Caldera"], "d"),
            row("e", "Radio Caldera", [], "e"),
            row("f", "Harbour Gazette", [], "e"),
        ]
    )
    names = {r["origin"]: r["name"] for r in rows}
    # Two of three credit the wire: named after it. A lone article keeps its own outlet, and so does a group
    # that credits no one.
    assert names == {"a": "Marsh Wire", "d": "Briefly Digest", "e": "Radio Caldera"}


def test_an_origin_whose_original_has_no_title_goes_by_a_copy_s_title() -> None:
    from newsdesk.report.story import origins

    def row(id_: str, title: str | None, origin: str) -> dict[str, object]:
        return {"id": id_, "origin": origin, "outlet": "Veloria Ledger", "title": title, "published": None, "cites": []}

    rows = origins([row("a", None, "a"), row("b", "Ferry strike ends", "a"), row("c", None, "c")])
    assert {r["origin"]: r["title"] for r in rows} == {"a": "Ferry strike ends", "c": None}


def test_a_toll_given_again_in_other_words_is_no_second_line() -> None:
    # Two events of one fire: the toll's update and the relatives' search, whose lead gives the same toll in other
    # words ("128 lives have been lost"). The second says what the first said: the relatives' event gets its next
    # sentence instead. A sum given twice (the same figure of another kind) is no toll: both lines stay.
    toll = [
        "The death toll from the Orlan tower fire rose to 128 on Friday, while about 200 people remained missing.",
        "The death toll of the Orlan tower fire has risen to 128, the fire chief told reporters on Friday morning.",
    ]
    relatives = (
        "Since the fire broke out at the Orlan tower on the 26th, at least 128 lives have been lost in the blaze. "
        "Relatives searched through photographs of the dead at a community hall near the burned tower block."
    )
    articles = [Article(id=f"t{i}", source="", text=t, event_id="toll") for i, t in enumerate(toll)]
    articles.append(Article(id="r", source="", text=relatives, event_id="relatives"))
    texts = [line["text"] for line in summarize(articles, size=2)]
    assert sum("128" in t for t in texts) == 1 and any("photographs" in t for t in texts), texts
    deal = [
        "Harlow agreed to buy the Kestrel film studio for $72 billion in cash and shares, the companies said.",
        "The mayor said Harlow's $72 billion purchase of the Kestrel film studio could be a problem for the town.",
    ]
    bought = [Article(id=f"d{i}", source="", text=t, event_id=f"e{i}") for i, t in enumerate(deal)]
    assert len(summarize(bought, size=2)) == 2


def test_one_count_of_two_developments_is_two_lines() -> None:
    # Two people killed in a strike and two killed when a bridge fell: the same toll, of two developments that
    # share no word besides the count's own. Both are lines of the summary.
    texts = {
        "strike": "Two people were killed in a drone strike on the Orlan rail depot on Monday, the army said.",
        "bridge": "Two people were killed when the old Varn bridge collapsed into the Tesk river during a storm.",
    }
    articles = [Article(id=e, source="", text=t, event_id=e) for e, t in texts.items()]
    assert len(summarize(articles, size=2)) == 2


def test_one_claim_told_by_two_reports_is_one_line() -> None:
    # Two events' best lines tell one claim in other words ("is preparing to recognise", "may be open to
    # recognising"): too few words shared to read as a repeat, but the claims stage matched them as one claim. The
    # second event gives its next sentence instead; without the claims, both lines stay.
    first = (
        "The Orlan council is preparing to formally approve the sale of the Varn dam to Tesk Builders, according "
        "to people familiar with the talks. Engineers found cracks in the dam's northern spillway last winter."
    )
    second = (
        "Orlan: The council may be open to approving a sale of the dam to Tesk as part of a wider water agreement, "
        "a local paper reported. Tesk Builders has offered to repair the spillway within two years of the sale."
    )
    articles = [
        Article(id="a", source="", text=first, event_id="e1"),
        Article(id="b", source="", text=second, event_id="e2"),
    ]
    lead_a, lead_b = sentences(first)[0], sentences(second)[0]
    claims = {"a": [(*lead_a, "sale")], "b": [(*lead_b, "sale")]}
    texts = [line["text"] for line in summarize(articles, size=2, claims=claims)]
    assert sum("open to approving" in t or "preparing to formally" in t for t in texts) == 1, texts
    assert any("repair the spillway" in t or "cracks" in t for t in texts), texts
    both = [line["text"] for line in summarize(articles, size=2)]
    assert sum("open to approving" in t or "preparing to formally" in t for t in both) == 2, both
