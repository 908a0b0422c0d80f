"""Claims end to end on our own small corpus: planted contradictions of each kind, planted updates, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.claims import extract, values
from newsdesk.corpus import Corpus
from newsdesk.errors import NotFoundError
from newsdesk.records import Article
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.store import Store

CORPUS = Path(__file__).with_name("corpus")
FAST = Settings(
    pipeline=PipelineSettings(stages=("cites", "dates", "claims", "dedupe", "cluster", "origins", "claim_match"))
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    c = Corpus(Store(":memory:"), settings=FAST)
    report = c.ingest([CORPUS])
    assert not report.failures
    return c


def test_every_planted_contradiction_is_found(corpus: Corpus) -> None:
    found = {(x["kind"], frozenset(s["value"] for s in x["sides"])) for x in corpus.contradictions()}
    assert ("count", frozenset({"12", "17"})) in found
    assert ("time", frozenset({"04:15 local", "06:40 local"})) in found
    assert ("age", frozenset({"58", "63"})) in found
    assert ("date", frozenset({"2019-03-03", "2017-06-14"})) in found
    assert ("denial", frozenset({"asserted", "denied"})) in found


def test_no_update_is_reported_as_a_contradiction(corpus: Corpus) -> None:
    contradicted = {s["value"] for x in corpus.contradictions() for s in x["sides"]}
    assert not contradicted & {"EUR 4000000", "EUR 6000000", "20", "30"}
    updates = {frozenset(s["value"] for s in x["sides"]) for x in corpus.contradictions(updates=True)}
    assert frozenset({"EUR 4000000", "EUR 6000000"}) in updates


def test_each_side_carries_its_articles_origins_and_spans(corpus: Corpus) -> None:
    for item in corpus.contradictions():
        for side in item["sides"]:
            assert side["article_ids"] and side["origins"]
            for span in side["spans"]:
                text = corpus.article(span["article_id"]).text
                assert text[span["start"] : span["end"]].strip()


def test_claims_json_contract_and_spans(corpus: Corpus) -> None:
    rows = corpus.claims()
    assert rows
    for row in rows:
        for key in (
            "id",
            "story_id",
            "event_id",
            "text",
            "slot",
            "values",
            "article_ids",
            "support",
            "independent_origins",
            "single_source",
            "contradicts",
            "first_seen",
            "confidence",
        ):
            assert key in row
        assert row["support"] and row["article_ids"]  # no empty cluster
        for s in row["support"]:
            assert corpus.article(s["article_id"]).text[s["start"] : s["end"]] == s["text"]
    assert any(r["contradicts"] for r in corpus.claims(contested=True))
    assert all(r["single_source"] for r in corpus.claims(single_source=True))


def test_unknown_story_is_a_clear_error(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError, match="No story with id"):
        corpus.claims("s-nothing")
    with pytest.raises(NotFoundError):
        corpus.contradictions("s-nothing")


def test_redo_gives_the_same_ids_and_new_articles_join_existing_clusters(tmp_path: Path) -> None:
    with Corpus(Store(":memory:"), settings=FAST) as c:
        c.ingest([CORPUS / "01_lorvan-times.txt", CORPUS / "02_kestrel-wire.txt"])
        before = {r["id"] for r in c.claims()}
        c.ingest([CORPUS / "03_orrin-daily.txt"])
        after = {r["id"]: r for r in c.claims()}
        assert before <= set(after)
        c.analyze(redo=True)
        assert {r["id"] for r in c.claims()} == set(after)


def test_values_normalise_ways_of_writing_one_value() -> None:
    def got(text: str) -> set[tuple[str, str, str]]:
        return {(v.kind, v.value, v.unit) for v in values.find(text)}

    assert got("It cost $100bn.") == got("It cost 100 billion dollars.") == {("money", "USD 100000000000", "money")}
    assert got("The raid took seven minutes.") == got("The raid took 7 minutes.")
    assert ("count", "28", "point") in got("a 28-point plan")
    assert ("count", "35", "people killed") in got("A strike killed 35 people.")
    assert ("age", "34", "year of age") in got("Ana Corvell, 34, left.")
    assert ("time", "15:00", "time") in got("They left at 3 pm.")


def _article(text: str, **kw: object) -> Article:
    return Article(id="a1", source="t", text=text, **kw)  # type: ignore[arg-type]


def test_opinion_questions_and_tables_are_no_claims() -> None:
    text = "Should Velmora pay? I think the mayor was wrong.\nRow 1 | 12 | 14 | 19 | 22 | 31 | 40\nShort line"
    assert extract.find(_article(text)) == ()


def test_a_two_hundred_claim_article_and_a_foreign_one_do_not_crash() -> None:
    long = "\n".join(f"The Velmora council counted {i} boats in Harbour {i % 7} on Tuesday." for i in range(1, 201))
    with Corpus(Store(":memory:"), settings=FAST) as c:
        german = "Der Rat von Velmora zählte am Dienstag zwölf Boote im Hafen, und die Fischer waren nicht zufrieden. "
        report = c.ingest([_write("long.txt", long), _write("other.txt", german * 4)])
        assert not report.failures
        rows = c.claims()
        assert rows and all(r["support"] for r in rows)
        languages = {a["id"]: a["language"] for a in c.articles()}
        found = c.store.claims(list(languages))
        assert max(len(v) for v in found.values()) >= 199  # the first line may be taken for the title
        assert all(languages[a] == "en" for a in found)  # the rules read English: none from the German one


def _write(name: str, text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_copy_and_a_relayed_claim_count_once_and_a_credit_is_named() -> None:
    from newsdesk.claims import corroborate
    from newsdesk.records import Claim

    def row(article_id: str, origin: str, outlet: str | None, via: tuple[str, ...] = ()) -> dict[str, object]:
        claim = Claim(text="t", start=0, end=1, via=via)
        return {"article_id": article_id, "origin": origin, "outlet": outlet, "claim": claim}

    got = corroborate.corroborate(
        [
            row("a", "a", "Kestrel Wire"),
            row("b", "a", "Orrin Daily"),  # a copy of a: one origin
            row("c", "c", "Lorvan Times", via=("The Harbour Gazette",)),  # relays the Gazette
            row("d", "d", "Velmora Post", via=("the Harbour Gazette",)),  # relays it too
        ]
    )
    assert got["independent_origins"] == ["Kestrel Wire", "The Harbour Gazette"]
    gazette = got["origins"][1]
    assert gazette["relaying"] == 2 and not gazette["own"]
    assert not got["single_source"]
    assert corroborate.corroborate([row("a", "a", None)])["single_source"]


def test_a_sentence_that_only_credits_what_came_before_is_no_claim_and_credits_its_paragraph() -> None:
    from newsdesk.records import Modality

    text = (
        "On Monday the Velmora court sentenced the former mayor Ana Corvell to 12 years in prison. "
        "This was reported by the Harbour Gazette.\n"
        "Corvell's lawyers said they would appeal the verdict within 30 days."
    )
    cites = ("the Harbour Gazette",)
    found = extract.find(_article(text, cites=cites))
    assert [c.text for c in found] == [
        "On Monday the Velmora court sentenced the former mayor Ana Corvell to 12 years in prison.",
        "Corvell's lawyers said they would appeal the verdict within 30 days.",
    ]
    relayed, own = found
    assert relayed.via == cites and relayed.asserted_kind == "outlet" and relayed.modality is Modality.REPORTED
    # The next paragraph is the article's own: the credit reaches back over its own paragraph only.
    assert own.via == () and own.asserted_kind == "article"
    # A sentence that says more than the credit is a claim as before.
    more = "This was reported by the Harbour Gazette, which also found 40 boats missing from the harbour."
    assert [c.text for c in extract.find(_article(more, cites=cites))] == [more]


def test_a_claim_starts_at_its_sentences_words_not_at_a_bullet_or_dateline() -> None:
    # "• " and "VESSARA - " open their paragraphs as page furniture and metadata: the claim (and its span) is the
    # sentence's own words. Inside a paragraph, a capitalised word and a dash belong to the sentence.
    text = (
        "• Three managers of Orvell Builders were arrested over the fire that killed 44 people.\n"
        "VESSARA - The port authority said 1,200 containers were stuck at the docks on Friday.\n"
        "The strike cost $40 million. ORVELL - the builder's owner - paid 300 workers on Monday."
    )
    found = extract.find(_article(text))
    assert [c.text for c in found] == [
        "Three managers of Orvell Builders were arrested over the fire that killed 44 people.",
        "The port authority said 1,200 containers were stuck at the docks on Friday.",
        "The strike cost $40 million.",
        "ORVELL - the builder's owner - paid 300 workers on Monday.",
    ]
    assert all(text[c.start : c.end] == c.text for c in found)


def test_a_company_name_with_bros_is_not_cut_into_two_sentences() -> None:
    text = "Harlow Bros. Pictures agreed to sell its studio for $4 billion. The board approved it on Monday."
    found = [text[s:e] for s, e in extract.sentences(text)]
    assert found == [
        "Harlow Bros. Pictures agreed to sell its studio for $4 billion.",
        "The board approved it on Monday.",
    ]


# The outlet's own article stored under its name, or under its domain (decision 0069), and an agency credited by
# its initials with its own report stored under its name, or the other way round.
@pytest.mark.parametrize(
    ("own", "credited"),
    [
        ("Lorvan Times", "the Lorvan Times"),
        ("lorvantimes.example", "the Lorvan Times"),
        ("Orlan Press Agency", "OPA"),
        ("OPA", "the Orlan Press Agency"),
    ],
)
def test_an_outlet_credited_and_its_own_report_are_one_origin(own: str, credited: str) -> None:
    from newsdesk.claims import corroborate
    from newsdesk.records import Claim

    rows = [
        {"article_id": "a", "origin": "a", "outlet": own, "claim": Claim(text="t", start=0, end=1)},
        {
            "article_id": "b",
            "origin": "b",
            "outlet": "Brisk Post",
            "claim": Claim(text="t", start=0, end=1, via=(credited,)),
        },
    ]
    got = corroborate.corroborate(rows)
    assert len(got["origins"]) == 1 and got["single_source"]
    assert got["origins"][0]["relaying"] == 1 and got["origins"][0]["own"]


def test_an_origin_group_is_named_for_its_original_not_its_first_copy() -> None:
    from newsdesk.claims import corroborate
    from newsdesk.records import Claim

    # Two reprints of a wire report (ingested first), then the wire's own article: one origin, the wire's.
    rows = [
        {"article_id": a, "origin": "w", "outlet": outlet, "claim": Claim(text="t", start=0, end=1)}
        for a, outlet in (("c1", "harbourcourier.example"), ("c2", "Radio Orlan"), ("w", "Orlan Press Agency"))
    ]
    got = corroborate.corroborate(rows)
    assert [o["name"] for o in got["origins"]] == ["Orlan Press Agency"] and got["single_source"]
    # Without the original among the cluster's rows, the first row names it, as before.
    assert [o["name"] for o in corroborate.corroborate(rows[:2])["origins"]] == ["harbourcourier.example"]


def _member(article_id: str, text: str) -> object:
    from newsdesk.claims import match
    from newsdesk.records import Claim

    claim = Claim(text=text, start=0, end=len(text), values=tuple(values.find(text)), terms=extract.terms(text))
    return match.Member.of(article_id, claim)


def test_claims_counting_different_things_never_match_and_no_chain_joins_two_values() -> None:
    from newsdesk.claims import match

    killed_12 = _member(
        "a", "The Saltmere depot fire at Orrin Quay killed 12 workers overnight, the harbour police said."
    )
    hurt_20 = _member(
        "b", "The Saltmere depot fire at Orrin Quay injured 20 workers overnight, the harbour police said."
    )
    killed_17 = _member(
        "c", "The Saltmere depot fire at Orrin Quay killed 17 workers overnight, the harbour police said."
    )
    assert match.score(killed_12, hurt_20) == 0.0  # two quantities of different things: two facts  # type: ignore[arg-type]
    story = match.Story("s")
    # Other claims of the story, so that the words every claim above shares weigh little, as in a real story.
    others = [
        _member(f"o{i}", f"The Kellow council of district {i} approved its budget for the ferries on Monday.")
        for i in range(20)
    ]
    story.extend([(m, None) for m in others])  # type: ignore[misc]
    story.extend([(killed_12, None), (hurt_20, None), (killed_17, None)])  # type: ignore[list-item]
    clusters = [{m.article_id for m in c.members} for c in story.clusters.values()]
    assert not any({"a", "c"} <= c for c in clusters)  # 12 and 17 dead are two sides, never one cluster
    # The same count, written otherwise, still joins.
    again = _member(
        "d", "Overnight, 12 workers were killed in the Saltmere depot fire at Orrin Quay, the harbour police said."
    )
    story.extend([(again, None)])  # type: ignore[list-item]
    assert any({"a", "d"} <= {m.article_id for m in c.members} for c in story.clusters.values())


def _placed(article_id: str, text: str) -> object:
    """A member whose place names are linked, as the entities stage links them (a name counts once however
    written)."""
    from newsdesk.claims import match
    from newsdesk.records import Claim, Mention

    found = [
        Mention(text=name, start=at, end=at + len(name), type="GPE", entity_id=f"e-{name.lower()}")
        for name in ("Orlan", "Tesk")
        for at in [i for i in range(len(text)) if text.startswith(name, i)]
    ]
    mentions = tuple(sorted(found, key=lambda x: x.start))
    claim = Claim(
        text=text, start=0, end=len(text), values=tuple(values.find(text)), terms=extract.terms(text, 0, mentions)
    )
    return match.Member.of(article_id, claim)


def test_two_sentences_sharing_names_and_a_setting_but_saying_other_things_are_two_claims() -> None:
    from newsdesk.claims import match

    walk = _placed(
        "a",
        "The retired teacher and his wife took turns walking to the market from their apartment complex in "
        "Orlan's Tesk district.",
    )
    fire = _placed(
        "b",
        "Orlan firefighters controlled most of the fire that gutted the Varn Court complex in the northern "
        "district of Tesk.",
    )
    again = _placed(
        "c", "Firefighters in Orlan controlled most of the fire that gutted the Varn Court complex in Tesk."
    )
    assert match.score(walk, fire) == 0.0  # type: ignore[arg-type]  # a town, a district, a complex, little else
    assert match.score(fire, again) > 0  # type: ignore[arg-type]  # the same fact, written otherwise
    story = match.Story("s")
    story.extend([(fire, None), (walk, None), (again, None)])  # type: ignore[list-item]
    clusters = [{m.article_id for m in c.members} for c in story.clusters.values()]
    assert not any({"a", "b"} <= c for c in clusters) and any({"b", "c"} <= c for c in clusters)


@pytest.mark.parametrize(
    "text",
    [
        "Orvell agreed a $27.75 share price for the studio.",
        "Brightmere made a $30-per-share offer for the studio.",
        "Its revised $31-a-share proposal was rejected.",
    ],
)
def test_a_price_a_share_is_its_own_unit(text: str) -> None:
    assert [v.unit for v in values.find(text, 0, ())] == ["money per share"]


def test_a_total_and_a_price_a_thousand_times_smaller_are_not_one_amount_disputed() -> None:
    from newsdesk.claims import contradict

    total = values.find("Orvell agreed to buy the studio for $72 billion.", 0, ())
    price = values.find("Orvell will pay $30 for the studio, the filing said.", 0, ())
    other_total = values.find("Orvell agreed to buy the studio for $82.7 billion.", 0, ())
    assert contradict.differing(total, price) is None
    assert contradict.differing(total, other_total) == ("money", "money", "USD 72000000000", "USD 82700000000")


def test_repeated_claims_are_indexed_once_and_cluster_as_every_copy_compared() -> None:
    """A claim that copies repeat is one candidate per cluster (the index holds one reading of it), and
    clusters, their representatives and the values they fit come out as comparing every member gives."""
    from newsdesk.claims import match

    class EveryMember(match.Story):
        def _key(self, member: match.Member, cluster_id: str) -> tuple[object, ...]:
            return (cluster_id, member.id)  # every member its own reading

    texts = [
        "The Saltmere depot fire at Orrin Quay killed 12 workers overnight, the harbour police said.",
        "Twelve workers died overnight in the Saltmere depot fire at Orrin Quay, police in the harbour said.",
        "The Saltmere depot fire at Orrin Quay killed 17 workers overnight, the harbour police said.",
        "The Saltmere depot fire at Orrin Quay injured 20 workers overnight, the harbour police said.",
    ]
    others = [f"The Kellow council of district {i} approved its budget for the ferries on Monday." for i in range(30)]
    order = [*texts, *others[:15], *(texts * 6), *others[15:], *(texts * 4)]
    members = [_member(f"a{i}", text) for i, text in enumerate(order)]
    kept, every = match.Story("s"), EveryMember("s")
    for story in (kept, every):
        story.extend([(m, None) for m in members])  # type: ignore[misc]
    assert kept.by_claim == every.by_claim
    assert sum(map(len, kept.index.values())) < sum(map(len, every.index.values()))
    for cluster in kept.clusters.values():
        brute = max(
            cluster.members,
            key=lambda m: sum(match.overlap(m.terms, o.terms)[0] for o in cluster.members if o is not m),
        )
        assert match._representative(cluster) is brute


def test_an_ai_written_aggregate_adds_no_origin_beside_another() -> None:
    # An aggregate "AI-generated based on source articles" restates reports it does not name: beside another
    # origin it is listed, not counted; aggregates alone make one origin (two may restate one report).
    from newsdesk.claims import corroborate
    from newsdesk.records import Claim

    def row(article: str, *, ai: bool = False, via: tuple[str, ...] = ()) -> dict[str, object]:
        claim = Claim(text="t", start=0, end=1, via=via)
        return {"article_id": article, "origin": article, "outlet": None, "ai_generated": ai, "claim": claim}

    mixed = corroborate.corroborate([row("a", via=("CNN",)), row("b", ai=True)])
    assert mixed["independent_origins"] == ["CNN"] and mixed["single_source"]
    assert [(o["name"], o["counted"]) for o in mixed["origins"]] == [("CNN", True), ("b", False)]
    alone = corroborate.corroborate([row("b", ai=True), row("c", ai=True)])
    assert alone["independent_origins"] == ["b"] and alone["single_source"]
    relaying = corroborate.corroborate([row("a"), row("b", ai=True, via=("CNN",))])  # it names CNN: CNN counts
    assert relaying["independent_origins"] == ["a", "CNN"] and not relaying["single_source"]


def test_the_story_lists_count_an_aggregate_s_origin_as_corroboration_does() -> None:
    # The story's claims list counts origins in SQL (story_claims); flagging an article as an AI-written aggregate
    # changes each cluster's count there, through the story's clusters and through a window, as it changes the
    # count worked out from the support rows.
    import json

    with Corpus(Store(":memory:"), settings=FAST) as c:
        assert not c.ingest([CORPUS]).failures
        story = max(c.stories(), key=lambda s: len(s["article_ids"]))
        whole = {"window": json.dumps(story["article_ids"])}

        def counts() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
            python = {k["id"]: len(k["independent_origins"]) for k in c.claims(story["id"])}
            sql = {r["id"]: r["origins"] for r in c.store.query("story_claims", story_id=story["id"], limit=1000)}
            window = {
                r["id"]: r["origins"] for r in c.store.query("story_claims", story_id=story["id"], limit=1000, **whole)
            }
            return python, sql, window

        before = counts()
        backed = [k for k in c.claims(story["id"]) if len(k["independent_origins"]) > 1]
        own = [s["article_id"] for k in backed for s in k["support"] if not s["via"]]
        assert own
        c.store.conn.execute("UPDATE articles SET ai_generated = 1 WHERE id = ?", (own[0],))
        after = counts()
    python, sql, window = ({k: a[k] - b[k] for k in a} for a, b in zip(after, before, strict=True))
    assert any(python.values()) and sql == python and window == python


def test_an_ai_written_aggregate_is_told_as_no_independent_report() -> None:
    from newsdesk.report import provenance

    article = {"id": "b", "origin": "b", "duplicate_of": None, "ai_generated": False}
    independent = "An independent report: no other article tells the same origin's report."
    assert provenance.origin(article, [], []) == independent
    said = provenance.origin({**article, "ai_generated": True}, [], []) or ""
    assert said.startswith("An AI-written aggregate") and "not counted as an independent origin" in said


def test_a_wire_copy_relays_its_agency_and_is_named_for_it(tmp_path: Path) -> None:
    # The Orrin Daily runs the MPA's report under the agency's dateline; the Lorvan Times reports the walk-out
    # itself. The Daily's claims are the MPA's, relayed (its quoted words stay their speaker's); a claim the Daily
    # credits to another outlet in a sentence stays that outlet's.
    wire = (
        "VESSA, June 16 (MPA) - Dastmar's delegation walked out of the Orsa talks on Monday after 40 delegates"
        " rejected the harbour plan.\nThe Vessa port authority said 1,200 containers were stuck at the docks.\n"
        "The talks cost $40 million, according to the Harbour Gazette."
    )
    own = "Dastmar's delegation walked out of the Orsa talks on Monday after 40 delegates rejected the harbour plan."
    told = (
        "Delegates of Dastmar walked out of the Orsa talks on Monday after 40 of them rejected the harbour plan.\n"
        "Fishermen in Vessa had protested against the plan for a week, our reporter in the port saw."
    )
    lines = [
        {"text": wire, "outlet": "Orrin Daily", "title": "Dastmar walks out of Orsa talks", "published": "2026-06-16"},
        {"text": told, "outlet": "Lorvan Times", "title": "Delegates leave Orsa talks", "published": "2026-06-16"},
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Corpus(Store(":memory:"), settings=FAST) as c:
        c.ingest([path])
        daily = next(a for a in c.store.articles() if a.outlet == "Orrin Daily")
        found = {claim.text: claim for claim in c.store.claims([daily.id])[daily.id]}
        walked = found[own]
        assert walked.via == ("MPA",) and walked.asserted_by == "MPA" and walked.asserted_kind == "wire"
        assert found["The talks cost $40 million, according to the Harbour Gazette."].via == ("Harbour Gazette",)
        (cluster,) = [k for k in c.claims() if k["text"] == own or own in {s["text"] for s in k["support"]}]
        assert [o["name"] for o in cluster["origins"]] == ["MPA", "Lorvan Times"]
        assert cluster["independent_origins"] == ["MPA", "Lorvan Times"]
        # The Ostra Post's copy of the Daily's report, with no dateline, is one origin with it: the story's claims
        # list, counted in SQL, counts what the card does.
        copy = wire.split(" - ", 1)[1]
        line = {"text": copy, "outlet": "Ostra Post", "title": "Dastmar walks out", "published": "2026-06-16"}
        path.write_text(json.dumps(line) + "\n", encoding="utf-8")
        c.ingest([path])
        (cluster,) = [k for k in c.claims() if k["id"] == cluster["id"]]
        assert len(cluster["article_ids"]) == 3 and cluster["independent_origins"] == ["MPA", "Lorvan Times"]
        counted = c.store.query("story_claims", story_id=cluster["story_id"], ids=[cluster["id"]])
        assert [row["origins"] for row in counted] == [2]
        window = json.dumps(cluster["article_ids"])  # a bounded view's count, over its articles' support rows
        counted = c.store.query("story_claims", story_id=cluster["story_id"], ids=[cluster["id"]], window=window)
        assert [row["origins"] for row in counted] == [2]


def test_a_record_the_subject_holds_makes_no_two_claims_about_it_one() -> None:
    # "the city's worst fire in nearly 80 years" describes the fire two claims are about, an arrest and a toll: its
    # superlative and its 80 years (a value both gave) had made them one claim, and the arrest corroborated the toll.
    from newsdesk.claims import match

    def member(article_id: str, text: str) -> match.Member:
        (claim,) = extract.find(_article(text))
        return match.Member.of(article_id, claim)

    arrest = member(
        "a",
        "Police in Orlan arrested the owners of a scaffolding firm on suspicion of manslaughter on Friday over the"
        " city's worst fire in nearly 80 years.",
    )
    toll = member(
        "b",
        "The death toll from Orlan's worst fire in nearly 80 years rose to 128 on Friday, while about 200 people"
        " remained missing from the tower blocks.",
    )
    again = member(
        "c",
        "The toll from the worst fire in Orlan in nearly 80 years has risen to 128, and about 200 people remain"
        " missing from the tower blocks.",
    )
    for m in (arrest, toll, again):
        assert not {"worst", "year"} & m.terms and all(v.kind != "duration" for v in m.values), m
    assert match.score(arrest, toll) == 0.0
    assert match.score(toll, again) > 0  # the same toll, written otherwise


@pytest.mark.parametrize(
    "text",
    [
        "The Orlan dam has held back the Tesk river for 80 years, its engineers said.",  # no record
        # A clause: the years are the claim.
        "The first defendant was jailed for 12 years on Monday, the Orlan court said.",
        "The most senior officer was jailed for 10 years, the Orlan court said.",
        "Most residents have lived there for 20 years, the Tesk council said.",  # a quantity
        "Dara Voss has been the longest serving minister for 12 years.",
        "The parish priest served the church for 30 years, the Tesk diocese said.",  # no superlative
    ],
)
def test_a_span_of_years_that_is_no_record_stays_a_value(text: str) -> None:
    (claim,) = extract.find(_article(text))
    assert any(v.kind == "duration" for v in claim.values) and "year" in claim.terms, (claim.values, claim.terms)


def test_two_claims_sharing_names_and_two_words_of_their_setting_are_two_facts() -> None:
    # "After the verdict was announced, [a ministry] asked [a country] to hand over [two people]" and "The verdict was
    # announced while [one of them] remained in [that country]": the names and "verdict announced" in common, two
    # facts. They had made one cluster (dev-news: an extradition call, a sentence and a ministry's note, six origins).
    from newsdesk.claims import match

    asked = _member(
        "a",
        "After the verdict was announced, the Orlan foreign ministry asked Tesk to hand over Mira Dovan and her"
        " former interior minister Kai Renn.",
    )
    stayed = _member(
        "b",
        "The verdict was announced while Mira Dovan remained in Tesk, where she fled after the uprising against her"
        " government.",
    )
    again = _member(
        "c",
        "Orlan asked Tesk to hand over Mira Dovan and Kai Renn, her former interior minister, after the verdict.",
    )
    others = [
        _member(f"o{i}", f"Mira Dovan of Tesk spoke to the council of district {i} about its budget on Monday.")
        for i in range(12)
    ]
    story = match.Story("s")
    story.extend([(m, None) for m in [*others, asked, stayed, again]])  # type: ignore[misc]
    assert match.score(asked, stayed, story.weights()) == 0.0  # type: ignore[arg-type]
    joined = [{m.article_id for m in c.members} for c in story.clusters.values() if len(c.members) > 1]
    assert joined == [{"a", "c"}], joined  # the same request, written otherwise, still one claim
