"""Framing on invented stories: distinctive wording, competing names, loaded wording, omitted claims, bad input."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from newsdesk.frame import framing
from newsdesk.records import Article

NORTH = (
    "Officials in Varrow held a vote in the occupied territories on Sunday. Residents of the occupied territories "
    "said the regime slammed its critics. Soldiers patrolled the occupied territories near the river Esk."
)
SOUTH = (
    "Officials in Varrow held a vote in the new regions on Sunday. Residents of the new regions said the "
    "government criticised its opponents. Soldiers patrolled the new regions near the river Esk."
)


def _story(n: int = 5, *, event: str = "ev1") -> list[Article]:
    out = []
    for i in range(n):
        out.append(Article(id=f"n{i}", source="", text=NORTH, outlet="Northern Lamp", event_id=event))
        out.append(Article(id=f"s{i}", source="", text=SOUTH, outlet="Southern Bell", event_id=event))
    return out


def _group(found: dict, name: str) -> dict:
    return next(g for g in found["groups"] if g["name"] == name)


def test_each_outlet_gets_its_distinctive_terms_with_counts_and_examples() -> None:
    found = framing.frame(_story(), events={"ev1": "The vote"})
    north, south = _group(found, "Northern Lamp"), _group(found, "Southern Bell")
    assert north["terms"][0]["term"] == "occupied territories"
    assert south["terms"][0]["term"] == "new regions"
    top = north["terms"][0]
    assert top["count"] == 15 and top["others"] == 0 and top["articles"] == 5 and top["z"] >= framing.Z_MIN
    # Words both outlets use equally are not distinctive of either.
    assert not {"officials", "varrow", "soldiers"} & {t["term"] for t in north["terms"] + south["terms"]}
    example = top["examples"][0]
    article = next(a for a in _story() if a.id == example["article_id"])
    assert article.text[example["start"] : example["end"]].lower() == "occupied territories"
    assert article.text[example["sentence_start"] : example["sentence_end"]].strip() == example["sentence"]
    assert found["note"] is None


def test_competing_names_are_paired_by_their_contexts() -> None:
    found = framing.frame(_story())
    pairs = [{s["term"] for s in p["sides"]} for p in found["pairs"] if p["kind"] == "context"]
    assert {"occupied territories", "new regions"} in pairs
    assert all(0 < p["confidence"] <= 1 for p in found["pairs"])


def test_terms_sharing_a_word_or_two_of_context_are_no_competing_names() -> None:
    def counts(text: str) -> list[framing.Counts]:
        vocabulary: dict[str, int] = {}
        return [framing.Counts(ids=framing.count(text, vocabulary).ids, words=tuple(text.lower().split()))]

    terms = {"North": [{"term": "tarrow", "count": 4}], "South": [{"term": "november", "count": 2}]}
    # "fire" and "said" in common, each term's other neighbours its own: chance, not one slot.
    north = counts("fire said tarrow quickly spread west fire said tarrow crews gathered early")
    south = counts("fire said november ministers met later fire said november")
    assert framing.pairs(terms, {"North": north, "South": south}) == []
    # Three content words in common make one slot.
    south = counts("fire crews november spread west gathered fire said november quickly")
    assert len(framing.pairs(terms, {"North": north, "South": south})) == 1


def test_entity_names_written_differently_are_paired_but_not_a_short_form() -> None:
    names = {
        "e1": {"Northern Lamp": Counter({"Kirov Bay": 4}), "Southern Bell": Counter({"Kirovsk Harbour": 3})},
        "e2": {"Northern Lamp": Counter({"Tomas Vell": 2}), "Southern Bell": Counter({"Vell": 5})},
    }
    found = framing.pairs({}, {}, names=names)
    assert [[s["term"] for s in p["sides"]] for p in found] == [["Kirov Bay", "Kirovsk Harbour"]]
    assert found[0]["kind"] == "entity" and found[0]["entity_id"] == "e1"


def test_initials_and_respaced_names_are_no_competing_names() -> None:
    def two(a: str, b: str) -> dict[str, dict[str, Counter[str]]]:
        return {"e": {"Northern Lamp": Counter({a: 3}), "Southern Bell": Counter({b: 3})}}

    for a, b in (
        ("TVC", "the Tarrow Valley Commission"),
        ("BCTV", "Board of Control for Tarrow in Vell"),
        ("AFV", "Agence Franc-Vellon"),
        ("Ana Dell-Rio", "Ana Dell Rio"),
        ("Dell Rio", "Ana Dell-Rio"),
        ("T.V", "Tarrow Vell"),  # initials with a dot between them
        ("T.V.C.", "the Tarrow Valley Commission"),
        ("Vell Centre", "Vell Center"),  # one name in two houses' spelling
        ("Ministry of Defence", "Ministry of Defense"),
        ("Tarrow Labour", "Tarrow Labor"),
    ):
        assert framing.pairs({}, {}, names=two(a, b)) == [], (a, b)
    # Initials that are not the other name's, and two spellings, still compete.
    for a, b in (("TVA", "the Tarrow Valley Commission"), ("Kirov Bay", "Kirova Bay"), ("Tvc", "Tarrow Vell Co")):
        assert len(framing.pairs({}, {}, names=two(a, b))) == 1, (a, b)


def test_loaded_wording_carries_the_alternative_other_outlets_use() -> None:
    found = framing.frame(_story())
    loaded = {row["text"]: row for row in _group(found, "Northern Lamp")["loaded"]}
    assert loaded["slammed"]["alternative"] == "criticise"
    assert loaded["slammed"]["alternative_used_by"] == ["Southern Bell"]  # "criticised" is a form of it
    assert loaded["regime"]["alternative_used_by"] == ["Southern Bell"]
    assert loaded["slammed"]["count"] == 5 and loaded["slammed"]["used_by"] == []
    assert _group(found, "Southern Bell")["loaded"] == []


def test_user_groups_merge_outlets() -> None:
    articles = [*_story(3), Article(id="x", source="", text=NORTH, outlet="Lamp Weekly", event_id="ev1")]
    found = framing.frame(articles, groups={"northern lamp": "north", "lamp weekly": "north"})
    north = _group(found, "north")
    assert north["outlets"] == ["Lamp Weekly", "Northern Lamp"] and north["articles"] == 4


def test_framing_per_event() -> None:
    articles = _story(3, event="ev1") + [
        Article(id=f"o{i}", source="", text=t, outlet=o, event_id="ev2")
        for i, (t, o) in enumerate([(NORTH, "Northern Lamp"), (NORTH, "Northern Lamp")])
    ]
    found = framing.frame(articles, events={"ev1": "The vote", "ev2": "Aftermath"})
    # ev2 is told by one outlet alone: nothing to compare.
    assert [e["id"] for e in found["events"]] == ["ev1"]
    event = found["events"][0]
    assert event["title"] == "The vote" and event["articles"] == 6
    terms = {g["name"]: [t["term"] for t in g["terms"]] for g in event["groups"]}
    assert terms["Northern Lamp"][0] == "occupied territories"


def test_omitted_claims_are_those_two_other_origins_carry() -> None:
    articles = [
        Article(id="a", source="", text=NORTH, outlet="Northern Lamp", event_id="ev1"),
        Article(id="b", source="", text=SOUTH, outlet="Southern Bell", event_id="ev1"),
        Article(id="c", source="", text=SOUTH, outlet="Eastern Post", event_id="ev1"),
        Article(id="d", source="", text=NORTH, outlet="Northern Lamp", event_id="ev9"),
    ]
    claims = [
        {
            "id": "c1",
            "text": "The dam was closed.",
            "event_id": "ev1",
            "article_ids": ["b", "c"],
            "independent_origins": ["b", "c"],
            # The cluster's text is c's wording: the evidence is where c writes it, not b's first row.
            "support": [
                {"article_id": "b", "start": 0, "end": 10, "text": "Dam shut."},
                {"article_id": "c", "start": 40, "end": 59, "text": "The dam was closed."},
            ],
        },
        {
            "id": "c2",
            "text": "One origin only.",
            "event_id": "ev1",
            "article_ids": ["b"],
            "independent_origins": ["b"],
            "support": [{"article_id": "b", "start": 0, "end": 10}],
        },
        {
            "id": "c3",
            "text": "Of an event the Bell skipped.",
            "event_id": "ev9",
            "article_ids": ["d", "x"],
            "independent_origins": ["d", "x"],
            "support": [],
        },
    ]
    found = framing.frame(articles, claims=claims)
    north = _group(found, "Northern Lamp")["omitted"]
    assert [(c["claim_id"], c["origins"], c["carried_by"]) for c in north] == [
        ("c1", 2, ["Eastern Post", "Southern Bell"])
    ]
    assert north[0]["evidence"] == {"article_id": "c", "start": 40, "end": 59}
    # The Bell did not report ev9, so c3 is not a fact it left out; c2 has one origin.
    assert _group(found, "Southern Bell")["omitted"] == []


def test_a_fact_first_reported_after_an_outlets_last_article_is_not_left_out() -> None:
    articles = [
        Article(id="a", source="", text=NORTH, outlet="Northern Lamp", event_id="ev1", published="2025-03-01"),
        Article(id="b", source="", text=SOUTH, outlet="Southern Bell", event_id="ev1", published="2025-03-04"),
        Article(id="c", source="", text=SOUTH, outlet="Eastern Post", event_id="ev1", published="2025-03-05"),
    ]
    later = {
        "id": "c1",
        "text": "Three foremen were arrested.",
        "event_id": "ev1",
        "first_seen": "2025-03-04",
        "article_ids": ["b", "c"],
        "independent_origins": ["b", "c"],
        "support": [{"article_id": "b", "start": 0, "end": 10}],
    }
    found = framing.frame(articles, claims=[later])
    assert _group(found, "Northern Lamp")["omitted"] == []  # the Lamp wrote on the 1st; the arrests came later
    undated = [Article(id=a.id, source="", text=a.text, outlet=a.outlet, event_id="ev1") for a in articles]
    found = framing.frame(undated, claims=[later])
    assert [c["claim_id"] for c in _group(found, "Northern Lamp")["omitted"]] == ["c1"]  # no date: still listed


def test_one_outlet_gives_empty_lists_and_says_why() -> None:
    articles = [a for a in _story() if a.outlet == "Northern Lamp"]
    found = framing.frame(articles)
    assert found["note"] and "one outlet" in found["note"]
    assert found["pairs"] == [] and found["events"] == [] and found["groups"][0]["terms"] == []


def test_an_empty_story_gives_empty_results() -> None:
    found = framing.frame([])
    assert found == {"groups": [], "pairs": [], "events": [], "skipped": [], "note": "This story has no articles."}


def test_non_english_articles_are_left_out_and_listed() -> None:
    german = Article(
        id="de", source="", text="Die Regierung hat heute abgestimmt.", outlet="Rhein Blatt", language="de"
    )
    found = framing.frame([*_story(2), german])
    assert found["skipped"] == [{"article_id": "de", "reason": "not English", "language": "de"}]
    assert "Rhein Blatt" not in {g["name"] for g in found["groups"]}
    only = framing.frame([german])
    assert only["groups"] == [] and only["note"] == "No English articles in this story to compare."


def test_copies_are_not_counted_twice() -> None:
    copy = Article(id="copy", source="", text=NORTH, outlet="Northern Lamp", duplicate_of="n0", event_id="ev1")
    found = framing.frame([*_story(2), copy])
    assert _group(found, "Northern Lamp")["articles"] == 2


def test_the_store_prior_shrinks_words_common_everywhere() -> None:
    groups = {"a": Counter({"said": 30, "blockade": 8}), "b": Counter({"said": 10, "siege": 8})}
    plain = {r["term"]: r["z"] for r in framing.distinctive(groups)["a"]}
    heavy = {r["term"]: r["z"] for r in framing.distinctive(groups, background={"said": 100_000, "blockade": 1})["a"]}
    assert heavy.get("said", 0) < plain["said"]


def test_terms_break_at_punctuation_and_skip_stop_words() -> None:
    assert framing.terms("The new regions, Varrow and the river.") == Counter(
        {"new": 1, "regions": 1, "new regions": 1, "varrow": 1, "river": 1}
    )


def test_a_thousand_article_story_is_framed_in_under_two_seconds_of_cpu() -> None:
    words = [f"{a}{b}" for a in ("tal", "mor", "ves", "quin", "dar", "pel") for b in ("ak", "ot", "ine", "umb")]
    articles = []
    for i in range(1000):
        sentences = [" ".join(words[(i * 7 + k * 3 + j) % len(words)] for j in range(18)) + "." for k in range(40)]
        articles.append(
            Article(id=f"a{i}", source="", text=" ".join(sentences), outlet=f"Outlet {i % 12}", event_id=f"e{i % 30}")
        )
    start = time.process_time()
    framing.frame(articles)
    assert time.process_time() - start < 2.0


# One event told by three outlets, one article each (as BASIL's events are): a word written once can never pass
# the test, so each outlet's own wording is listed apart, marked not significant.
HARBOUR = {
    "Quay Post": (
        "Councillors in Marlow approved the harbour levy on Tuesday. Critics called the levy a reckless gamble "
        "with the town's savings. Mayor Idris Penn defended the levy."
    ),
    "Tide Herald": (
        "Councillors in Marlow approved the harbour levy on Tuesday after a long debate. Supporters said the "
        "levies would repair the crumbling piers. Mayor Idris Penn welcomed the vote."
    ),
    "Shore Times": (
        "Councillors in Marlow approved the harbour levy on Tuesday. The mayor said the money was needed. "
        "Fishermen worried about higher mooring fees."
    ),
}


def _harbour() -> list[Article]:
    return [
        Article(id=f"h{i}", source="", text=text, outlet=outlet, event_id="ev9")
        for i, (outlet, text) in enumerate(HARBOUR.items())
    ]


def test_a_one_article_outlet_lists_its_own_wording_as_not_significant() -> None:
    found = framing.frame(_harbour())
    quay = _group(found, "Quay Post")["terms"]
    own = {t["term"]: t for t in quay if not t["significant"]}
    assert {"reckless", "gamble", "savings"} <= set(own)
    assert own["reckless"]["count"] == 1 and own["reckless"]["others"] == 0 and own["reckless"]["articles"] == 1
    assert own["reckless"]["z"] < framing.Z_MIN and own["reckless"]["examples"][0]["text"] == "reckless"
    # Words another outlet writes too, in any inflection ("levies"), and names ("Penn" only ever capitalised
    # inside sentences) are nobody's own wording.
    words = {w for t in quay for w in t["term"].split()}
    assert not {"levy", "councillors", "penn", "idris", "marlow"} & words
    tide = {t["term"] for t in _group(found, "Tide Herald")["terms"]}
    assert "crumbling" in tide and "levies" not in tide
    # The per-event comparison lists them too; competing names are paired only from tested terms.
    event = found["events"][0]
    assert any(not t["significant"] for g in event["groups"] for t in g["terms"])
    assert all(s["term"] not in own for p in found["pairs"] for s in p["sides"])


def test_a_store_prior_ranks_own_words_rare_in_the_store_first() -> None:
    def background(words):
        return {w: (1 if w == "gamble" else 500) for w in words}

    quay = [t["term"] for t in _group(framing.frame(_harbour(), background=background), "Quay Post")["terms"]]
    assert quay[0] == "gamble"

    # A word the store does not count (its stop words, "said") is no one's own wording, whatever the story says.
    def not_counting_needed(words):
        return {w: 500 for w in words if w != "needed"}

    shore = {
        t["term"] for t in _group(framing.frame(_harbour(), background=not_counting_needed), "Shore Times")["terms"]
    }
    assert "needed" not in shore and "fishermen" in shore


def test_large_groups_list_only_significant_terms() -> None:
    found = framing.frame(_story(framing.OWN_GROUP + 1))
    assert all(t["significant"] for g in found["groups"] for t in g["terms"])


def test_stems_and_names() -> None:
    assert framing.stem("embarrassments") == framing.stem("embarrassment")
    assert framing.stem("demonized") == framing.stem("demonizing") == framing.stem("demonize")
    assert framing.stem("levies") == framing.stem("levy")
    assert framing.stem("gamble") != framing.stem("gambit")
    # Capitalised inside a sentence at least as often as not: a name. A sentence's first word says nothing.
    text = "Mayor Idris Penn spoke. Penn said the Harbour Board met. Critics met the board and the critics."
    assert framing.name_words([text]) == {"idris", "penn", "harbour", "board"}


def test_a_page_cut_works_out_only_what_it_shows_and_gives_it_as_the_whole_framing() -> None:
    # Three outlets: Northern Lamp (5 articles), Southern Bell (5), Lamp Weekly (3, loaded wording of its own).
    articles = [
        *_story(),
        *(Article(id=f"w{i}", source="", text=NORTH, outlet="Lamp Weekly", event_id="ev1") for i in range(3)),
    ]
    whole = framing.frame(articles)
    cut = framing.frame(articles, shown=framing.Shown(groups=2, terms=1, pairs=1))
    assert [g["name"] for g in cut["groups"]] == [g["name"] for g in whole["groups"]]
    assert [g["name"] for g in whole["groups"]][2] == "Lamp Weekly" and whole["groups"][2]["loaded"]
    for shown, given in zip(cut["groups"][:2], whole["groups"][:2], strict=True):
        assert shown["loaded"] == given["loaded"]
        assert [t["term"] for t in shown["terms"]] == [t["term"] for t in given["terms"]]
        assert shown["terms"][0]["examples"] == given["terms"][0]["examples"][:1]
        assert all("examples" not in t for t in shown["terms"][1:])
    # The groups past the page's: no loaded wording read, no example sought.
    assert cut["groups"][2]["loaded"] == [] and all("examples" not in t for t in cut["groups"][2]["terms"])
    assert [p["sides"] for p in cut["pairs"][:1]] == [p["sides"] for p in whole["pairs"][:1]]
    assert all("examples" not in s for p in cut["pairs"][1:] for s in p["sides"])


def test_a_term_is_found_as_a_whole_word_with_either_apostrophe() -> None:
    # The pattern is the one written with the curly apostrophe in character classes, made cheaper to compile.
    import re

    def before(term: str) -> re.Pattern[str]:
        words = [re.escape(w).replace("'", "['’]") for w in term.split()]
        return re.compile(r"(?<![\w'’-])" + r"\W+".join(words) + r"(?![\w'’-])", re.IGNORECASE)

    texts = [
        "The Minister's plan",
        "the minister’s plan",
        "ex-minister's plan",
        "’minister's plan’",
        "minister’s’",
        "MINISTER'S\n  plan",
        "minister'sx plan",
        "x’minister's",
        "minister's-plan",
        "minister's. Plan",
    ]
    for term in ("minister's", "minister's plan", "plan", "minister"):
        for text in texts:
            found, wanted = framing.examples(term, [Article(id="a", source="", text=text)]), before(term).search(text)
            assert (found[0]["start"], found[0]["end"]) == wanted.span() if wanted else found == [], (term, text)


def test_one_group_has_its_loaded_wording_without_its_terms_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    # A story of one outlet (or whose articles state none) compares nothing: its terms are never read.
    articles = [a for a in _story() if a.outlet == "Northern Lamp"]
    whole = framing.frame(articles, events={"ev1": "The vote"})
    counted: list[str] = []
    real = framing.count
    monkeypatch.setattr(framing, "count", lambda text, vocabulary: counted.append(text) or real(text, vocabulary))
    assert framing.frame(articles, events={"ev1": "The vote"}) == whole
    assert counted == []
    assert [row["text"] for row in whole["groups"][0]["loaded"]] == ["regime", "slammed"]


def test_an_examples_sentence_goes_on_past_an_abbreviations_full_stop() -> None:
    text = "Markets were calm. Quillfin agreed to buy Orsa Bros. Studios for $7 billion, Mr. Tass said. Shares rose."
    (found,) = framing.examples("billion", [Article(id="a", source="", text=text)])
    assert found["sentence"] == "Quillfin agreed to buy Orsa Bros. Studios for $7 billion, Mr. Tass said."


def test_an_examples_sentence_goes_on_past_a_title_after_an_opening_quotation_mark() -> None:
    # (abbreviations.ends_no_sentence reads "“Mr." as the title it is: the sentence is not cut after it)
    text = "Markets were calm. “Mr. Tass wants a $7 billion deal,” a banker said. Shares rose."
    (found,) = framing.examples("billion", [Article(id="a", source="", text=text)])
    assert found["sentence"] == "“Mr. Tass wants a $7 billion deal,” a banker said."


def test_an_examples_sentence_goes_on_past_a_countrys_initials_before_an_office() -> None:
    # "U.S. Ambassador Jon Vek said ..." was cut after "U.S." (h-st53); "... the U.S. Shares rose." still ends there.
    text = (
        "Markets were calm. The U.S. Ambassador Jon Vek wants a $7 billion deal. Ships sailed to the U.S. Shares rose."
    )
    (found,) = framing.examples("billion", [Article(id="a", source="", text=text)])
    assert found["sentence"] == "The U.S. Ambassador Jon Vek wants a $7 billion deal."
    (found,) = framing.examples("shares", [Article(id="a", source="", text=text)])
    assert found["sentence"] == "Shares rose."
