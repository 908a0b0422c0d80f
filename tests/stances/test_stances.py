"""Stances: positions read from quotes and reported clauses (invented texts), issues, shifts, bad input."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.corpus import Corpus
from newsdesk.records import Article, Mention, Position, Quote, SpeakerKind, Stance
from newsdesk.stances import extract, issues
from newsdesk.stances.sentiment import Polarity, lexicon
from newsdesk.store import Store


def _article(text: str, names: dict[str, str], quotes: tuple[Quote, ...] = (), **kw: object) -> Article:
    """An article whose mentions are every occurrence of ``names`` (text -> entity id), as the entities stage
    would have linked them."""
    mentions = []
    for name, entity in names.items():
        at = text.find(name)
        while at >= 0:
            mentions.append(Mention(text=name, start=at, end=at + len(name), type="GPE", entity_id=entity))
            at = text.find(name, at + 1)
    mentions.sort(key=lambda m: m.start)
    return Article(
        id="a1", source="x.txt", text=text, mentions=tuple(mentions), quotes=quotes, **{"language": "en", **kw}
    )  # type: ignore[arg-type]


def _quote(text: str, content: str, speaker: str, cue: str, entity: str | None, *, direct: bool = False) -> Quote:
    start = text.index(content)
    s = text.index(speaker)
    return Quote(
        text=content,
        start=start,
        end=start + len(content),
        speaker=speaker,
        speaker_kind=SpeakerKind.GROUP,
        speaker_start=s,
        speaker_end=s + len(speaker),
        speaker_entity_id=entity,
        cue=cue,
        direct=direct,
    )


CLAUSES = [
    # (text, names, actor, position, a word of the target)
    (
        "Marovia has firmly rejected the canal toll proposed by its neighbour.",
        {"Marovia": "e1"},
        "Marovia",
        Position.OPPOSES,
        "toll",
    ),
    ("Belstad welcomed the new fishing accord on Tuesday.", {"Belstad": "e2"}, "Belstad", Position.SUPPORTS, "accord"),
    ("Marovia did not back the harbour treaty.", {"Marovia": "e1"}, "Marovia", Position.OPPOSES, "treaty"),
    (
        "The dam talks went on while Ostrava was pushing for a water-sharing pact.",
        {"Ostrava": "e3"},
        "Ostrava",
        Position.SUPPORTS,
        "pact",
    ),
    (
        "It is part of a bold river plan that Ostrava has been pushing for years.",
        {"Ostrava": "e3"},
        "Ostrava",
        Position.SUPPORTS,
        "plan",
    ),
]


@pytest.mark.parametrize(("text", "names", "actor", "position", "word"), CLAUSES)
def test_reported_clauses(text: str, names: dict[str, str], actor: str, position: Position, word: str) -> None:
    found = extract.find(_article(text, names))
    assert len(found) == 1
    s = found[0]
    assert (s.actor, s.position, s.said) == (actor, position, False)
    assert word in s.target and text[s.target_start : s.target_end] == s.target
    assert text[s.start : s.end].startswith(("Marovia", "Belstad", "Ostrava", "a bold"))


NOT_POSITIONS = [
    "If Marovia accepts the toll, the talks will end.",  # a supposition
    "Would Marovia back the treaty?",  # a question
    "Marovia support for the treaty has grown.",  # a noun
    "Marovia held talks with its neighbours on Monday.",  # no position verb
]


@pytest.mark.parametrize("text", NOT_POSITIONS)
def test_no_position_is_invented(text: str) -> None:
    assert extract.find(_article(text, {"Marovia": "e1"})) == ()


def test_a_quote_with_a_position_cue_gives_the_speakers_position() -> None:
    text = "Prime Minister Anna Velt opposed any deal that hands the delta to Ostrava."
    quote = _quote(text, "any deal that hands the delta to Ostrava", "Anna Velt", "opposed", "p1")
    (s,) = extract.find(_article(text, {"Anna Velt": "p1", "Ostrava": "e3"}, (quote,)))
    assert (s.actor_id, s.position) == ("p1", Position.OPPOSES)
    assert s.target == "any deal that hands the delta to Ostrava" and "@e3" in s.terms


def test_a_capital_speaking_for_its_government_holds_its_position_as_written() -> None:
    # "Washington said it opposed ...": the quote is linked to no entity (decision 0093), yet the position is the
    # government's, held under the capital's name and its mention, as a clause "Moscow welcomed ..." gives it.
    text = "Washington said it opposed any deal that hands the delta to Ostrava."
    quote = _quote(text, "it opposed any deal that hands the delta to Ostrava", "Washington", "said", None)
    (s,) = extract.find(_article(text, {"Washington": "c1", "Ostrava": "e3"}, (quote,)))
    assert (s.actor, s.actor_id, s.position) == ("Washington", "c1", Position.OPPOSES)
    # A group speaker that is no capital and names no actor still holds nothing.
    text = "Officials said they opposed any deal that hands the delta to Ostrava."
    quote = _quote(text, "they opposed any deal that hands the delta to Ostrava", "Officials", "said", None)
    assert not extract.find(_article(text, {"Ostrava": "e3"}, (quote,)))


def test_every_actor_a_group_speaker_lists_takes_its_position() -> None:
    text = (
        "More than 80 countries, including Kestrova, the Dalen Union and Ostrava, backed the plan to close the mines."
    )
    speaker = "More than 80 countries, including Kestrova, the Dalen Union and Ostrava"
    quote = _quote(text, "the plan to close the mines", speaker, "backed", None)
    names = {"Kestrova": "e1", "Dalen Union": "e2", "Ostrava": "e3"}
    found = extract.find(_article(text, names, (quote,)))
    assert sorted((s.actor_id, s.position, s.target) for s in found) == [
        (e, Position.SUPPORTS, "the plan to close the mines") for e in ("e1", "e2", "e3")
    ]
    # A named speaker's own stance is not shared with the names after it.
    quote = _quote(text, "the plan to close the mines", "Kestrova", "backed", "e1")
    assert [s.actor_id for s in extract.find(_article(text, names, (quote,)))] == ["e1"]
    # Nor is it a list without "and": an apposition, a possessor, an "or".
    for text, speaker in [
        ("Diplomats from Kestrova, Dalen's longtime foe, backed the plan to close the mines.", "Diplomats from"),
        ("Officials from countries such as Kestrova or Dalen Union, backed the plan to close the mines.", "or"),
        ("Officials in Kestrova, Ostrava, backed the plan to close the mines.", "Officials in"),
    ]:
        speaker = text[: text.index(" backed")].rstrip(",")
        quote = _quote(text, "the plan to close the mines", speaker, "backed", None)
        assert [s.actor_id for s in extract.find(_article(text, names, (quote,)))] == ["e1"], text


@pytest.mark.parametrize(
    ("text", "names", "actors"),
    [
        # A continent or a part of one holds no position; Europe, written for its union's governments, does.
        ("Western Europe rejected the harbour treaty.", {"Western Europe": "e3"}, []),
        ("Africa rejected the harbour treaty on Monday.", {"Africa": "e4"}, []),
        ("Europe rejected the harbour treaty on Monday.", {"Europe": "e5"}, ["e5"]),
    ],
)
def test_a_continent_or_a_region_adjective_holds_no_position(
    text: str, names: dict[str, str], actors: list[str]
) -> None:
    assert sorted({s.actor_id for s in extract.find(_article(text, names))}) == actors


def test_a_name_qualifying_a_group_of_states_holds_no_position() -> None:
    text = "Marovia and the Selvic states rejected the harbour treaty."
    quote = _quote(text, "the harbour treaty", "Marovia and the Selvic states", "rejected", None)
    found = extract.find(_article(text, {"Marovia": "e1", "Selvic": "e2"}, (quote,)))
    assert sorted({s.actor_id for s in found}) == ["e1"]


def test_a_direct_quote_read_for_its_own_position_verb_and_negation() -> None:
    text = "“We will never accept a border drawn by tanks,” Anna Velt said."
    quote = _quote(text, "We will never accept a border drawn by tanks,", "Anna Velt", "said", "p1", direct=True)
    (s,) = extract.find(_article(text, {"Anna Velt": "p1"}, (quote,)))
    assert (s.position, s.said) == (Position.OPPOSES, True)
    assert s.target.startswith("a border drawn by tanks") and s.strength == 0.9


def test_a_condition_makes_the_position_conditional() -> None:
    text = "Belstad said that new talks can only begin if the blockade ends."
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert s.position == Position.CONDITIONAL and s.condition is not None and "blockade" in s.condition


def test_a_modal_proposition_with_negation_is_opposed() -> None:
    text = "Belstad said that borders must not be redrawn by force."
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert s.position == Position.OPPOSES and "redrawn by force" in s.target


def _a_model(sentence: str, start: int, end: int) -> Polarity:
    """A sentiment model passed in, as ``newsdesk.target_sentiment`` would be (here it reads as the word list does)."""
    return lexicon(sentence, start, end)


def test_the_sentiment_callable_is_a_plug_in_point() -> None:
    text = "“We see Ostrava as a true friend and a great partner,” Anna Velt said."
    content = "We see Ostrava as a true friend and a great partner,"
    quote = _quote(text, content, "Anna Velt", "said", "p1", direct=True)
    article = _article(text, {"Anna Velt": "p1", "Ostrava": "e3"}, (quote,))
    # The default word list reads no name's treatment (decision 0018, fifth session: 31 of 40 read on PolNeAR were
    # wrong); a model passed in does.
    assert extract.find(article) == ()
    (s,) = extract.find(article, sentiment=_a_model)
    assert s.position == Position.SUPPORTS and s.target == "Ostrava"

    @dataclasses.dataclass
    class Negative:
        label: str = "negative"
        confidence: float = 0.9

    (s,) = extract.find(article, sentiment=lambda sentence, start, end: Negative())
    assert s.position == Position.OPPOSES


NOT_POSITION_QUOTES = [
    # (text, content, speaker, cue, why it takes no position)
    (
        "“Most of the injured were found in two blocks near the harbour,” Anna Velt said.",
        "Most of the injured were found in two blocks near the harbour,",
        "Anna Velt",
        "said",
        "'blocks' is a noun, not the verb 'block'",
    ),
    (
        "“It hurts, as there are things I do not want to see,” Anna Velt said.",
        "It hurts, as there are things I do not want to see,",
        "Anna Velt",
        "said",
        "'not want to see' has no object an issue could be",
    ),
    (
        "“We will act firmly in this regard,” Anna Velt said.",
        "We will act firmly in this regard,",
        "Anna Velt",
        "said",
        "'regard' takes a position only as 'regard X as'",
    ),
    (
        "“Ten years after the Lund accord, under which nations pledged to halve emissions, the goal is far,” "
        "Anna Velt said.",
        "Ten years after the Lund accord, under which nations pledged to halve emissions, the goal is far,",
        "Anna Velt",
        "said",
        "the pledge is the nations', inside a relative clause",
    ),
    (
        "“Hardliners in the cabinet seek to dismantle the courts,” Anna Velt said.",
        "Hardliners in the cabinet seek to dismantle the courts,",
        "Anna Velt",
        "said",
        "the hardliners seek it, not the speaker",
    ),
    (
        "“Belstad has noted the ruling of the Supreme Crimes Court of Ostrava about Karl Brun,” Anna Velt said.",
        "Belstad has noted the ruling of the Supreme Crimes Court of Ostrava about Karl Brun,",
        "Anna Velt",
        "said",
        "'Crimes' belongs to a court's name: no sentiment toward Karl Brun",
    ),
    (
        "“We cannot exclude that more survivors could be discovered tonight,” Anna Velt said.",
        "We cannot exclude that more survivors could be discovered tonight,",
        "Anna Velt",
        "said",
        "'could be discovered' predicts; it takes no position",
    ),
]


@pytest.mark.parametrize(("text", "content", "speaker", "cue", "why"), NOT_POSITION_QUOTES)
def test_a_quote_without_a_position_gives_no_stance(text: str, content: str, speaker: str, cue: str, why: str) -> None:
    quote = _quote(text, content, speaker, cue, "p1", direct=True)
    names = {"Anna Velt": "p1", "Belstad": "e2", "Karl Brun": "p2", "Ostrava": "e3"}
    found = extract.find(_article(text, {k: v for k, v in names.items() if k in text}, (quote,)))
    assert found == (), why


NOT_POSITION_CLAUSES = [
    ("Tallis Architects prepared the report that rated the bidders.", {"Tallis Architects": "o1"}),
    ("The referee's insistence that the team sheets were never exchanged angered Belstad.", {"The referee": "p3"}),
    ("Inspector Orla Wynn recognized the grave danger the crew faced.", {"Orla Wynn": "p4"}),
]


@pytest.mark.parametrize(("text", "names"), NOT_POSITION_CLAUSES)
def test_acts_and_assertions_are_no_positions(text: str, names: dict[str, str]) -> None:
    cue = next(w for w in ("prepared", "insistence", "recognized") if w in text)
    actor = next(iter(names))
    content = text[text.index(cue) + len(cue) :].strip(" .")
    quote = _quote(text, content, actor, cue, names[actor])
    assert extract.find(_article(text, names, (quote,))) == ()


def test_readiness_with_to_and_a_demand_with_must_stay_positions() -> None:
    text = "Belstad is prepared to sign the river accord."
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert s.position == Position.SUPPORTS and "accord" in s.target
    text = "Marovia insists that any accord must keep the canal open."
    quote = _quote(text, "any accord must keep the canal open", "Marovia", "insists", "e1")
    (s,) = extract.find(_article(text, {"Marovia": "e1"}, (quote,)))
    assert s.position == Position.SUPPORTS


def test_a_two_word_position_verb_takes_the_object_after_both_words() -> None:
    text = "“We rule out any canal toll,” Anna Velt said."
    quote = _quote(text, "We rule out any canal toll,", "Anna Velt", "said", "p1", direct=True)
    (s,) = extract.find(_article(text, {"Anna Velt": "p1"}, (quote,)))
    assert s.position == Position.OPPOSES and s.target == "any canal toll"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Belstad agreed last week to buy the river port.", "buy the river port"),
        ("Belstad rejected on Monday the plan to dredge the canal.", "the plan to dredge the canal"),
        ("Belstad welcomed today's ruling on the canal.", "today's ruling on the canal"),
    ],
)
def test_the_time_a_position_was_taken_is_not_its_target(text: str, target: str) -> None:
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert s.target == target


def test_recognition_of_a_state_stays_a_position() -> None:
    text = "Marovia recognized Ostrava as an independent state."
    quote = _quote(text, "Ostrava as an independent state", "Marovia", "recognized", "e1")
    (s,) = extract.find(_article(text, {"Marovia": "e1", "Ostrava": "e3"}, (quote,)))
    assert s.position == Position.SUPPORTS and "Ostrava" in s.target


def test_bad_input_gives_no_stances() -> None:
    text = "Marovia rejected the toll."
    assert extract.find(_article(text, {"Marovia": "e1"}, language="de")) == ()  # another language
    assert extract.find(_article(text, {})) == ()  # no linked actor
    assert extract.find(_article("", {})) == ()


def _row(actor: str, position: str, date: str, target: str, terms: tuple[str, ...]) -> dict[str, object]:
    return {
        "story_id": "s1",
        "actor_id": actor,
        "actor": actor,
        "actor_name": actor.title(),
        "actor_type": "GPE",
        "position": position,
        "date": date,
        "strength": 0.7,
        "confidence": 0.6,
        "said": False,
        "cue": "",
        "condition": None,
        "article_id": f"a{date}",
        "outlet": None,
        "title": None,
        "start": 0,
        "end": 5,
        "text": target,
        "target": target,
        "target_start": 0,
        "target_end": 5,
        "terms": terms,
    }


def test_issues_merge_across_wording_and_shifts_are_dated() -> None:
    rows = [
        _row("marovia", "opposes", "2025-04-02", "ceding land to Ostrava", ("cede", "territory", "@ostrava")),
        _row("belstad", "supports", "2025-04-03", "giving up territory to Ostrava", ("cede", "territory", "@ostrava")),
        _row("marovia", "conditional", "2025-11-24", "territorial concessions to Ostrava", ("cede", "@ostrava")),
        _row("marovia", "supports", "2025-05-01", "the fishing accord", ("fish", "accord")),
    ]
    found = issues.positions(rows)
    land = [p for p in found if p["issue_actors"] == 2]
    assert {p["actor_id"] for p in land} == {"marovia", "belstad"}
    marovia = next(p for p in land if p["actor_id"] == "marovia")
    assert marovia["position"] == "conditional" and marovia["statements"] == 2
    assert [s["text"] for s in marovia["shifts"]] == ["shifted from opposes to conditional on 2025-11-24"]
    accord = [p for p in found if p["issue"] == "fishing accord"]
    assert len(accord) == 1 and accord[0]["shifts"] == []


def test_an_issue_is_named_without_a_report_s_praise_or_alarm() -> None:
    rows = [
        _row("quillfin", "supports", "2025-12-05", "a historic $8 billion deal to buy Tarrow", ("deal", "buy", "@t")),
        _row("orvell", "opposes", "2025-12-07", "the landmark ferry accord", ("ferry", "accord")),
    ]
    assert sorted(p["issue"] for p in issues.positions(rows)) == ["$8 billion deal to buy Tarrow", "ferry accord"]


def test_an_issue_is_named_by_a_target_that_gives_no_figure_where_one_does() -> None:
    # Two reports size the deal otherwise ($8 billion, $9.5 billion): the issue is the deal, not one report's size.
    rows = [
        _row("quillfin", "supports", "2025-12-05", "a $9.5 billion deal to buy Tarrow", ("deal", "buy", "@t", "bill")),
        _row(
            "orvell", "opposes", "2025-12-07", "Quillfin's $8 billion deal to buy Tarrow", ("deal", "buy", "@t", "bill")
        ),
        _row("quillfin", "supports", "2025-12-08", "buying Tarrow", ("buy", "@t")),
    ]
    assert {p["issue"] for p in issues.positions(rows)} == {"buying Tarrow"}
    sized = rows[:2]  # where every target gives a figure, the one that shares most names it, as before
    assert {p["issue"] for p in issues.positions(sized)} == {"$9.5 billion deal to buy Tarrow"}


def test_issues_meet_across_a_name_a_nominalisation_and_one_word() -> None:
    # "the Match Warden" tagged as a name in one article, plain words in another; "removal" against "remove"; a
    # one-word target ("the ruling") held whole by a longer one.
    tagged = "an immediate removal of the Match Warden"
    warden = Mention(text="Match Warden", start=tagged.index("Match"), end=len(tagged), type="PERSON", entity_id="w1")
    rows = [
        _row("board", "supports", "2025-09-16", tagged, extract.terms(tagged, 0, (warden,))),
        _row("council", "opposes", "2025-09-16", "its request to remove the match warden", ()),
        _row("party", "opposes", "2025-11-17", "the ruling", ()),
        _row("leader", "opposes", "2025-11-17", "the ruling issued against her", ()),
    ]
    for row in rows[1:]:
        row["terms"] = extract.terms(str(row["target"]))
    found = issues.positions(rows)
    by_actor = {p["actor_id"]: p["issue_id"] for p in found}
    assert by_actor["board"] == by_actor["council"]
    assert by_actor["party"] == by_actor["leader"] != by_actor["board"]


def _at(mention: Mention, start: int) -> Mention:
    return dataclasses.replace(mention, start=start, end=start + len(mention.text))


def test_a_name_alone_is_another_issue_than_a_statement_about_something_of_it() -> None:
    # "supports Orsavia" (from a quote's praise of the city) and "refused to raise its offer for the Orsavia
    # studio": sharing the name does not make the refusal a position on the city.
    act = "raise its offer for the Orsavia studio"
    place = Mention(text="Orsavia", start=act.index("Orsavia"), end=act.index(" studio"), type="GPE", entity_id="o1")
    rows = [
        _row("producer", "supports", "2026-02-26", "Orsavia", extract.terms("Orsavia", 0, (_at(place, 0),))),
        _row("streamer", "opposes", "2026-02-27", act, extract.terms(act, 0, (place,))),
        _row("mayor", "supports", "2026-02-28", "the Orsavia", extract.terms("the Orsavia", 0, (_at(place, 4),))),
    ]
    by_actor = {p["actor_id"]: p["issue_id"] for p in issues.positions(rows)}
    assert by_actor["producer"] == by_actor["mayor"] != by_actor["streamer"]


def test_two_statements_sharing_only_a_name_are_two_issues() -> None:
    # Refusing the cup from Venn and accepting the runners-up prize from Venn are positions on two things; the cup
    # from Venn, refused and then taken, is one.
    cup = "receive the cup from Dara Venn"
    prize = "the runners-up prize from Dara Venn"
    took = "the cup from Dara Venn"

    def venn(text: str) -> Mention:
        start = text.index("Dara")
        return Mention(text="Dara Venn", start=start, end=start + 9, type="PERSON", entity_id="v1")

    rows = [
        _row("hosts", "opposes", "2025-09-28", cup, extract.terms(cup, 0, (venn(cup),))),
        _row("visitors", "supports", "2025-09-28", prize, extract.terms(prize, 0, (venn(prize),))),
        _row("captain", "supports", "2025-09-29", took, extract.terms(took, 0, (venn(took),))),
    ]
    by_actor = {p["actor_id"]: p["issue_id"] for p in issues.positions(rows)}
    assert by_actor["hosts"] == by_actor["captain"] != by_actor["visitors"]


def test_corpus_stances_on_invented_articles(tmp_path: Path) -> None:
    """Through the whole pipeline: one actor with one statement, an article with no quotes, a non-English
    article; filters by actor, story and issue; nothing crashes."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Title: Marovia rejects the canal toll\nOutlet: Harbour Gazette\nPublished: 2025-03-02\n\n"
        "Marovia has firmly rejected the canal toll proposed by Belstad, officials said on Sunday.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Title: Quiet day\nOutlet: Harbour Gazette\nPublished: 2025-03-03\n\nThe canal was calm and boats sailed.\n",
        encoding="utf-8",
    )
    (folder / "c.txt").write_text(
        "Title: Ein Tag\nOutlet: Kanalblatt\nPublished: 2025-03-03\n\nDer Kanal war ruhig und die Boote fuhren.\n",
        encoding="utf-8",
    )
    with Corpus(Store(":memory:")) as corpus:
        corpus.ingest([folder])
        found = corpus.stances()
        assert corpus.stances(actor="nobody by that name") == []
        assert corpus.stances(issue="no such issue") == []
        for p in found:
            for e in p["evidence"]:
                assert corpus.article(e["article_id"]).text[e["start"] : e["end"]] == e["text"]
        toll = corpus.stances(issue="toll")
        assert [(p["position"], p["statements"]) for p in toll] == [("opposes", 1)]
        assert toll[0]["date"] == "2025-03-02"
        assert corpus.stances(actor=toll[0]["actor"][:4]) == toll
        if toll[0]["story_id"]:
            assert corpus.stances(story_id=toll[0]["story_id"]) == toll
        # The stories of an actor's stances, read without the stances, are those of its stance rows.
        rows = corpus.store.stance_rows()
        assert rows
        for actor in {r["actor_id"] for r in rows}:
            mine = {r["story_id"] for r in rows if r["actor_id"] == actor}
            assert corpus.store.stance_stories([actor]) == mine
            assert corpus.store.stance_stories([actor], story_ids=["s-none"]) == set()


CORPUS = Path(__file__).with_name("corpus")


@pytest.fixture(scope="module")
def dorvania(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our invented story (two English articles months apart, one German) in a file database."""
    db = tmp_path_factory.mktemp("stances") / "news.db"
    with Corpus(Store(db)) as corpus:
        assert not corpus.ingest([CORPUS]).failures
    return db


def test_a_change_of_position_over_time_is_a_dated_shift(dorvania: Path) -> None:
    with Corpus(Store(dorvania)) as corpus:
        (plan,) = [p for p in corpus.stances(actor="dorvania") if "river plan" in p["issue"]]
        assert [e["position"] for e in plan["evidence"]] == ["opposes", "conditional"]
        assert plan["position"] == "conditional" and plan["date"] == "2026-11-24"
        assert [s["text"] for s in plan["shifts"]] == ["shifted from opposes to conditional on 2026-11-24"]
        assert "inspectors" in (plan["evidence"][-1]["condition"] or "")
        # Others on the same issue, merged across wording ("the river plan", "the Tarsk river plan").
        others = {p["actor"]: p["position"] for p in corpus.stances(issue="river plan") if p["issue"] == plan["issue"]}
        assert others.get("Tarsk") == "supports"
        said = [e for p in corpus.stances(actor="Lena Abril") for e in p["evidence"]]
        assert said and all(e["said"] for e in said)  # her own quoted words
        assert not plan["evidence"][0]["said"]  # "Dorvania has firmly rejected": reported


def test_stances_command_and_its_json(dorvania: Path, cli: CliRunner) -> None:
    from newsdesk.cli import cli as newsdesk

    out = cli.invoke(newsdesk, ["--db", str(dorvania), "stances", "--actor", "dorvania"])
    assert out.exit_code == 0, out.output
    assert "shifted from opposes to conditional on 2026-11-24" in out.output
    data = json.loads(cli.invoke(newsdesk, ["--db", str(dorvania), "stances", "--issue", "river", "--json"]).output)
    assert data and {"issue", "actor", "position", "shifts", "evidence"} <= set(data[0])
    none = cli.invoke(newsdesk, ["--db", str(dorvania), "stances", "--actor", "nobody here"])
    assert none.exit_code == 0 and "No stances match --actor 'nobody here'." in none.output
    missing = cli.invoke(newsdesk, ["--db", str(dorvania), "stances", "--story", "zzzz"])
    assert missing.exit_code != 0


def test_actor_page_charts_each_statement_linked_to_its_span(dorvania: Path) -> None:
    from starlette.testclient import TestClient

    from newsdesk.web.app import create_app

    with Corpus(Store(dorvania)) as corpus, TestClient(create_app(corpus)) as client:
        (entity,) = [e for e in corpus.entities() if e["name"] == "Dorvania"]
        data = client.get(f"/entities/{entity['id']}.json").json()
        (plan,) = [s for s in data["stances"] if "river plan" in s["issue"]]
        text = {e["article_id"]: corpus.article(e["article_id"]).text for e in plan["evidence"]}
        for e in plan["evidence"]:
            assert e["url"] == f"/articles/{e['article_id']}?start={e['start']}&end={e['end']}"
            assert text[e["article_id"]][e["start"] : e["end"]] == e["text"]
        page = client.get(f"/entities/{entity['id']}").text
        chart = page[page.index('<svg class="stance-chart') : page.index("</svg>", page.index("stance-chart"))]
        assert chart.count("<circle") == len(plan["evidence"])
        assert f'href="/articles/{plan["evidence"][0]["article_id"]}?start=' in chart
        story = client.get(f"/stories/{plan['story_id']}.json").json()["positions"]
        assert any(a["name"] == "Dorvania" and a["shifts"] for i in story["issues"] for a in i["actors"])
        assert "<h2>Positions</h2>" in client.get(f"/stories/{plan['story_id']}").text


def test_a_name_before_a_verb_coordinated_with_another_is_not_its_actor() -> None:
    # "Pelmora sentenced ... Ilse Varga and demanded ...": Pelmora demands; Varga is the first verb's object.
    text = "Pelmora sentenced its former mayor Ilse Varga and demanded Marovia should hand over the fugitive mayor."
    content = "Marovia should hand over the fugitive mayor"
    start = text.index(content)
    quote = Quote(
        text=content,
        start=start,
        end=start + len(content),
        speaker=None,
        speaker_kind=SpeakerKind.UNKNOWN,
        cue="demanded",
        direct=False,
    )
    found = extract.find(_article(text, {"Ilse Varga": "e9", "Marovia": "e1"}, (quote,)))
    assert not [s for s in found if s.actor_id == "e9"], found
    # With the name as the verb's own subject the position is the name's.
    text = "Ilse Varga demanded Marovia should hand over the fugitive mayor."
    start = text.index(content)
    quote = dataclasses.replace(quote, start=start, end=start + len(content))
    found = extract.find(_article(text, {"Ilse Varga": "e9", "Marovia": "e1"}, (quote,)))
    assert [s.actor_id for s in found] == ["e9"], found


def test_a_storys_stance_rows_are_the_stores_rows_of_its_articles(dorvania: Path, tmp_path: Path) -> None:
    """Read through a story's events (the digest's fast path), a story's stance rows, whole or its latest few, are
    the rows of the read over every stance (the slow path), in article order then start, and stances of one
    start in the order they were stored: two actors of one span, stored against the order of their ids."""
    db = tmp_path / "ties.db"
    db.write_bytes(dorvania.read_bytes())
    with Store(db) as store:
        rows = store.stance_rows()
        assert rows and all(r["story_id"] for r in rows)
        first = rows[0]
        columns = [c for c in first if c in {c[1] for c in store.conn.execute("PRAGMA table_info(stances)")}]
        for actor in ("zz-second-actor", "aa-first-actor"):  # stored after, though sorted first by id
            copy = {**first, "id": f"{first['id']}-{actor}", "actor_id": actor, "terms": json.dumps(first["terms"])}
            copy["said"] = int(copy["said"])
            marks = ", ".join("?" * len(columns))
            store.conn.execute(
                f"INSERT INTO stances ({', '.join(columns)}) VALUES ({marks})", [copy[c] for c in columns]
            )
        store.conn.commit()
        every = store.stance_rows()
        assert [
            r["actor_id"] for r in every if (r["article_id"], r["start"]) == (first["article_id"], first["start"])
        ] == [
            first["actor_id"],
            "zz-second-actor",
            "aa-first-actor",
        ]
        for story in sorted({r["story_id"] for r in every}):
            slow = [r for r in every if r["story_id"] == story]
            assert store.stance_rows(story_ids=[story]) == slow
            place = {a: i for i, a in enumerate(dict.fromkeys(r["article_id"] for r in slow))}
            latest = sorted(slow, key=lambda r: (-place[r["article_id"]], r["start"]))  # stable: ties as stored
            for n in (1, 2, 3, len(slow) + 1):
                assert store.stance_rows(story_ids=[story], latest=n) == latest[:n]
        # Each story's latest with their places, merged by place and cut (the digest reads each story's once): the
        # latest of the stories read at once.
        stories = sorted({r["story_id"] for r in every})
        for n in (1, 2, 3, len(every) + 1):
            placed = sorted((p for s in stories for p in store.stance_rows_placed(s, n)), key=lambda p: p[0])
            assert [row for _, row in placed[:n]] == store.stance_rows(story_ids=stories, latest=n)


def test_words_quoted_inside_a_position_are_no_second_position() -> None:
    # "demanding the umpire's removal following the “handshake row”": one position, on the removal.
    text = (
        "The Talvik club had written to the league, demanding the umpire’s removal following the “handshake row” "
        "during the final."
    )
    outer = _quote(text, "the umpire’s removal following the “handshake row”", "The Talvik club", "demanding", "e1")
    inner = _quote(text, "handshake row", "The Talvik club", "demanding", "e1", direct=True)
    found = extract.find(_article(text, {"Talvik": "e1"}, (outer, inner)))
    assert [(s.actor_id, s.target) for s in found] == [("e1", "the umpire’s removal following the “handshake row”")]


def test_a_target_keeps_the_quotation_mark_that_closes_one_it_opens() -> None:
    text = "The board backed the umpire’s removal following the “handshake row”."
    start, end = extract._object(text, text.index("the umpire"))
    assert text[start:end] == "the umpire’s removal following the “handshake row”"
    plain = "The board backed the plan."
    start, end = extract._object(plain, plain.index("the plan"))
    assert plain[start:end] == "the plan"


def test_a_purchase_however_worded_is_one_issue() -> None:
    # "acquire Orsavia", "buy a large part of Orsavia" and "the purchase of Orsavia" are positions on one purchase;
    # sharing only the company's name, their other words apart, they had been three issues.
    targets = ["acquire Orsavia", "buy a large part of Orsavia", "the purchase of Orsavia"]

    def company(text: str) -> Mention:
        start = text.index("Orsavia")
        return Mention(text="Orsavia", start=start, end=start + 7, type="ORG", entity_id="o1")

    rows = [
        _row(actor, position, "2025-12-05", t, extract.terms(t, 0, (company(t),)))
        for actor, position, t in zip(
            ("streamer", "regulator", "rival"), ("supports", "opposes", "opposes"), targets, strict=True
        )
    ]
    assert len({p["issue_id"] for p in issues.positions(rows)}) == 1


def test_two_issues_a_stance_of_one_would_have_joined_are_one() -> None:
    # "its request to remove the match warden" joins "the request" (one word it holds) before "remove match warden
    # Ilse Varn from the panel" joins the removal's first issue: both are the removal, and read as one issue.
    removal = "Varn's removal following the row"
    remove = "remove match warden Ilse Varn from the panel"
    varn = Mention(text="Varn", start=0, end=4, type="PERSON", entity_id="v1")
    rows = [
        _row("board", "supports", "2025-09-15", removal, extract.terms(removal, 0, (varn,))),
        _row("council", "opposes", "2025-09-16", "the request", extract.terms("the request")),
        _row("council", "opposes", "2025-09-16", "its request to remove match warden", ()),
        _row("chief", "supports", "2025-09-17", remove, extract.terms(remove, 0, (_at(varn, remove.index("Varn")),))),
        _row("party", "opposes", "2025-09-18", "the ferry accord", extract.terms("the ferry accord")),
    ]
    rows[2]["terms"] = extract.terms(str(rows[2]["target"]))
    found = issues.positions(rows)
    assert len({p["issue_id"] for p in found}) == 2
    assert {p["actor_id"] for p in found if p["issue"] != "ferry accord"} == {"board", "council", "chief"}


def test_a_sentence_and_its_target_go_on_past_an_abbreviations_full_stop() -> None:
    text = "Talks stalled. Kestrova opposed the sale of Orsa Bros. Studios to Dalen. Nothing moved."
    assert [text[s:e] for s, e in extract.sentences(text)] == [
        "Talks stalled.",
        "Kestrova opposed the sale of Orsa Bros. Studios to Dalen.",
        "Nothing moved.",
    ]
    (s,) = extract.find(_article(text, {"Kestrova": "e1", "Dalen": "e2"}))
    assert (s.actor_id, s.position, s.target) == ("e1", Position.OPPOSES, "the sale of Orsa Bros. Studios to Dalen")
    # A sentence may end on "U.S." or a day's number: those stops stay ends.
    text = "Kestrova rejected new tariffs on the U.S. Dalen welcomed the vote on November 5. Ostrava backed it."
    assert len(list(extract.sentences(text))) == 3
    first = next(s for s in extract.find(_article(text, {"Kestrova": "e1", "Dalen": "e2"})) if s.actor_id == "e1")
    assert first.target == "new tariffs on the U.S"


def test_a_countrys_initials_before_an_office_end_no_sentence() -> None:
    # "U.S. Ambassador Jon Vek said" was cut after "U.S.", so the country was in a sentence of its own and held none
    # of its ambassador's words (h-rs52's note); before a word that opens a sentence the initials still end one.
    text = "Talks stalled. U.S. Ambassador Jon Vek said “we oppose the canal toll.” Dalen backed the U.N. Envoy's plan."
    assert [text[s:e] for s, e in extract.sentences(text)] == [
        "Talks stalled.",
        "U.S. Ambassador Jon Vek said “we oppose the canal toll.”",
        "Dalen backed the U.N. Envoy's plan.",
    ]
    text = "Kestrova rejected new tariffs on the U.S. The vote went ahead. Ships left Washington D.C. He said so."
    assert len(list(extract.sentences(text))) == 4
    text = "Dalen backed the U.N. Envoy's plan for the canal."
    (s,) = extract.find(_article(text, {"Dalen": "e2"}))
    assert s.target == "the U.N. Envoy's plan for the canal"


def test_each_target_s_terms_are_made_a_set_once_however_many_times_it_is_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A stance is compared with the first members of every issue sharing its terms, and an issue's name is the
    # target sharing most with the others: the digest groups the latest 600 statements of many sets of stories (the
    # stories of each hub entity's card), so each target's terms are made a set once, not once per comparison.
    targets = [f"the {word} canal toll {extra}" for word in ("new", "higher", "planned") for extra in "abcdefgh"]
    rows = [
        _row(f"actor{i % 5}", "opposes", f"2025-12-{1 + i % 28:02d}", t, extract.terms(t, 0, ()))
        for i, t in enumerate(targets)
    ]
    grouped = issues.group(rows)
    found = issues.positions(rows)
    made: list[int] = []

    def counted(*args: Any) -> frozenset[Any]:
        made.append(1)
        return frozenset(*args)

    monkeypatch.setattr(issues, "frozenset", counted, raising=False)
    assert issues.group(rows) == grouped and len(grouped) < len(rows)  # compared, and some joined
    assert len(made) <= 2 * len(rows)  # its terms and its words that are no name, once a row
    made.clear()
    assert issues.positions(rows) == found
    assert len(made) <= 3 * len(rows)  # and once more for the issue's name, among its first members


def test_a_name_before_the_verb_states_holds_its_position() -> None:
    # "states" before "that" or a pronoun is the verb, not a plural noun of states the name qualifies.
    text = "Marovia states that it rejects the harbour treaty."
    assert {s.actor_id for s in extract.find(_article(text, {"Marovia": "e1"}))} == {"e1"}


# A stance is a view said or reported, never an act the reporter tells (decision 0018, revised 2026-12-07).
ACTS_TOLD = [
    "Belstad refused to shake hands with the Marovian players after the final.",
    "Ostrava refused to raise its bid for the harbour company.",
    "Kestrova accepted the runners-up trophy from the sports minister.",
    "Kestrova accepted a cheque of $5,000 from the organisers.",
    "Kestrova has sought shelter in the embassy since the shelling began.",
]


@pytest.mark.parametrize("text", ACTS_TOLD)
def test_an_act_the_reporter_tells_is_no_stance(text: str) -> None:
    names = {"Belstad": "e2", "Ostrava": "e3", "Kestrova": "e4"}
    assert extract.find(_article(text, names)) == ()


@pytest.mark.parametrize(
    ("text", "position", "word"),
    [
        ("Belstad refused to recognise the annexation of the delta.", Position.OPPOSES, "annexation"),
        ("Belstad refused to accept the tribunal's verdict.", Position.OPPOSES, "verdict"),
        ("Belstad refused the toll request from its neighbour.", Position.OPPOSES, "request"),
        ("Belstad refuses to disavow the endorsement of the dock union.", Position.OPPOSES, "endorsement"),
        ("Belstad was refusing to call the blockade an act of war.", Position.OPPOSES, "blockade"),
        ("Belstad accepted the ceasefire plan on Monday.", Position.SUPPORTS, "ceasefire"),
    ],
)
def test_a_refusal_or_an_acceptance_of_a_course_of_action_stays_a_position(
    text: str, position: Position, word: str
) -> None:
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert (s.actor_id, s.position) == ("e2", position) and word in s.target


def test_not_ruling_out_what_may_happen_is_no_position() -> None:
    text = "“We do not rule out the possibility that more ferries could sink,” Anna Velt said."
    quote = _quote(text, "We do not rule out the possibility that more ferries could sink,", "Anna Velt", "said", "p1")
    assert extract.find(_article(text, {"Anna Velt": "p1"}, (dataclasses.replace(quote, direct=True),))) == ()
    text = "Anna Velt did not rule out that the ferry talks could resume."
    assert extract.find(_article(text, {"Anna Velt": "p1"})) == ()


def test_a_wish_to_tell_something_is_no_position() -> None:
    text = "Anna Velt said she wanted to tell her family's story as part of healing."
    quote = _quote(text, "she wanted to tell her family's story as part of healing", "Anna Velt", "said", "p1")
    assert extract.find(_article(text, {"Anna Velt": "p1"}, (quote,))) == ()


def test_a_name_in_a_state_the_speaker_foresees_is_no_view_of_it() -> None:
    text = "“Our offer will create a stronger Ostrava,” Anna Velt said."
    quote = dataclasses.replace(
        _quote(text, "Our offer will create a stronger Ostrava,", "Anna Velt", "said", "p1"), direct=True
    )
    assert extract.find(_article(text, {"Anna Velt": "p1", "Ostrava": "e3"}, (quote,)), sentiment=_a_model) == ()
    # (a name written otherwise is read as before, by a sentiment model)
    text = "“Every ship in the strait is under threat from Ostrava alone,” Anna Velt said."
    quote = dataclasses.replace(
        _quote(text, "Every ship in the strait is under threat from Ostrava alone,", "Anna Velt", "said", "p1"),
        direct=True,
    )
    (s,) = extract.find(_article(text, {"Anna Velt": "p1", "Ostrava": "e3"}, (quote,)), sentiment=_a_model)
    assert (s.actor_id, s.position, s.target) == ("p1", Position.OPPOSES, "Ostrava")


def test_a_group_word_of_another_noun_or_a_name_makes_no_actor() -> None:
    text = "Kestrova said the bid will be backed by funds from Ostrava and Dalen Partners."
    speaker = "funds from Ostrava and Dalen Partners"
    quote = _quote(text, "the bid", speaker, "backed", None)
    assert extract.find(_article(text, {"Ostrava": "e3", "Kestrova": "e4"}, (quote,))) == ()
    # People on a side are not what they are "of"; a list of them names its members.
    text = "Supporters of Ostrava rejected the bid."
    quote = _quote(text, "the bid", "Supporters of Ostrava", "rejected", None)
    assert extract.find(_article(text, {"Ostrava": "e3"}, (quote,))) == ()
    text = "Critics, including Ostrava, rejected the bid."
    quote = _quote(text, "the bid", "Critics, including Ostrava", "rejected", None)
    assert [s.actor_id for s in extract.find(_article(text, {"Ostrava": "e3"}, (quote,)))] == ["e3"]
    text = "Other E.U. leaders rejected the bid."
    quote = _quote(text, "the bid", "Other E.U. leaders", "rejected", None)
    assert [s.actor_id for s in extract.find(_article(text, {"E.U": "e6"}, (quote,)))] == ["e6"]
    text = "The governments of Ostrava and Dalen rejected the bid."
    quote = _quote(text, "the bid", "The governments of Ostrava and Dalen", "rejected", None)
    found = extract.find(_article(text, {"Ostrava": "e3", "Dalen": "e5"}, (quote,)))
    assert sorted((s.actor_id, s.position) for s in found) == [("e3", Position.OPPOSES), ("e5", Position.OPPOSES)]


def test_a_target_ends_where_a_reader_can_stop() -> None:
    text = "Marovia rejected the request to move all pilots from the old quay to the new Grand Canal Basin."
    (s,) = extract.find(_article(text, {"Marovia": "e1"}))
    assert s.target.endswith("the new Grand Canal Basin")  # (cut at its words' limit inside the name)
    text = "Marovia rejected the request to move all of the pilots from the old quay over to the ferry basin."
    (s,) = extract.find(_article(text, {"Marovia": "e1"}))
    assert s.target == "the request to move all of the pilots from the old quay"
    text = "Marovia urged the delegates to reach a ‘lasting settlement,’ officials said."
    (s,) = extract.find(_article(text, {"Marovia": "e1"}))
    assert s.target == "the delegates to reach a ‘lasting settlement,’"


def _they_article(first: str, second: str, speaker: str, cue: str, names: dict[str, str]) -> Article:
    text = f"{first} {second}"
    before = _quote(text, "the canal", speaker, cue, None)
    at = text.index("They")
    content = second[second.index("rejected") + len("rejected ") :].rstrip(".")
    they = dataclasses.replace(
        _quote(text, content, "They", "rejected", None), speaker_start=at, speaker_end=at + 4, speaker="They"
    )
    return _article(text, names, (before, they))


def test_they_in_a_view_is_the_plural_actors_before_it_or_no_one() -> None:
    names = {"Marovia": "e1", "Belstad": "e2", "Ostrava": "e3"}
    second = "They rejected the toll plan proposed by Ostrava."
    article = _they_article(
        "The governments of Marovia and Belstad met on Monday to discuss the canal.",
        second,
        "The governments of Marovia and Belstad",
        "discuss",
        names,
    )
    found = extract.find(article)
    assert sorted((s.actor_id, s.actor, s.position) for s in found) == [
        ("e1", "Marovia", Position.OPPOSES),
        ("e2", "Belstad", Position.OPPOSES),
    ]
    assert all(s.target == "the toll plan proposed by Ostrava" and s.confidence <= 0.6 for s in found)
    # Unnamed people, or one body, before it: no actor, and never "they".
    for first, speaker in (
        ("Prosecutors in Marovia met on Monday to discuss the canal.", "Prosecutors in Marovia"),
        ("The Marovian harbour board met on Monday to discuss the canal.", "The Marovian harbour board"),
    ):
        article = _they_article(first, second, speaker, "discuss", {**names, "Marovian": "e1"})
        assert [s.actor for s in extract.find(article)] == []


def test_an_issue_on_an_act_is_named_as_a_thing() -> None:
    for target, name in (
        ("receive the trophy from the minister", "receiving the trophy from the minister"),
        ("to acquire Orsa Bros", "acquiring Orsa Bros"),
        ("stop the dredging", "stopping the dredging"),
        ("peace talks with Kestrova", "peace talks with Kestrova"),
        ("gives up land", "gives up land"),
        ("the renunciation of the delta", "renunciation of the delta"),
    ):
        (p,) = issues.positions([_row("council", "opposes", "2025-09-17", target, extract.terms(target))])
        assert p["issue"] == name


# Review of the rule above (decision 0018, h-rs50): a refusal of what a state, an office or a body is called on to
# do is a position, not an act told; and only the thing accepted or sought decides whether that is an act.
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Anna Velt refused to rule out new sanctions on Belstad.", "sanctions"),
        ("Belstad refused to ratify the fishing accord.", "accord"),
        ("Belstad refused to negotiate with the dock union.", "union"),
        ("Belstad refused to extradite the former harbour master.", "master"),
        ("Belstad refused to allow the inspectors into the dam.", "inspectors"),
        ("Belstad refuses to make public its toll revenues.", "revenues"),
        ("Belstad refused to release the names of the donors.", "names"),
        ("Anna Velt refused to step down as harbour minister.", "minister"),
        ("Belstad refused to reverse its decision on the dam.", "decision"),
    ],
)
def test_a_refusal_of_a_public_course_of_action_is_a_position(text: str, word: str) -> None:
    (s,) = extract.find(_article(text, {"Belstad": "e2", "Anna Velt": "p1"}))
    assert s.position == Position.OPPOSES and word in s.target


@pytest.mark.parametrize(
    ("text", "position", "word"),
    [
        ("Belstad accepted the payment terms of the canal deal.", Position.SUPPORTS, "terms"),
        ("Belstad accepted the cup final schedule set by the federation.", Position.SUPPORTS, "schedule"),
        ("Belstad has sought safety guarantees for its ferries.", Position.SUPPORTS, "guarantees"),
    ],
)
def test_a_thing_handed_over_or_refuge_must_be_what_is_accepted_or_sought(
    text: str, position: Position, word: str
) -> None:
    # "payment", "cup" and "safety" here only qualify what is accepted or sought: terms, a schedule, guarantees.
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert s.position == position and word in s.target


def test_refuge_sought_under_a_roof_is_still_an_act() -> None:
    # (the head noun ends before any preposition of place or time, "under", "inside", "since")
    for text in (
        "Belstad sought shelter under the roof of the old customs house.",
        "Belstad has sought refuge inside the embassy since the shelling began.",
    ):
        assert extract.find(_article(text, {"Belstad": "e2"})) == ()


def test_an_issue_opening_with_a_function_word_or_a_title_is_not_made_a_gerund() -> None:
    # Targets read as cut ("of Ostrava", "more ferry pilots on Monday", "former Marovian minister Anna Velt"): a
    # preposition, a quantifier, a pronoun or a word of a title before a name is no verb, and gets no "-ing".
    for target in (
        "of Ostrava",
        "by a majority of the delegates",
        "with Kestrova about the toll",
        "about the dangers of a toll",
        "more ferry pilots on Monday",
        "both Marovia and Belstad for the council",
        "what Kestrova had in mind",
        "former Marovian minister Anna Velt",
        "fellow delegate Kestrova",
    ):
        (p,) = issues.positions([_row("council", "opposes", "2025-09-17", target, extract.terms(target))])
        assert not p["issue"].split()[0].endswith("ing"), p["issue"]
    (p,) = issues.positions([_row("council", "opposes", "2025-09-17", "back the toll plan", extract.terms("back"))])
    assert p["issue"] == "backing the toll plan"


def test_they_after_a_group_written_with_one_name_is_that_actor() -> None:
    # (the branch of a group word joined to one name; a plural noun that is no group word gives no actor)
    names = {"Marovia": "e1", "Belstad": "e2", "Ostrava": "e3"}
    second = "They rejected the toll plan proposed by Ostrava."
    for first, speaker, actors in (
        ("The Belstad delegation met on Monday to discuss the canal.", "The Belstad delegation", ["Belstad"]),
        ("Officials from Belstad met on Monday to discuss the canal.", "Officials from Belstad", ["Belstad"]),
        ("Belstad's pilots met on Monday to discuss the canal.", "Belstad's pilots", []),
    ):
        found = extract.find(_they_article(first, second, speaker, "discuss", names))
        assert [s.actor for s in found] == actors
        assert all(s.confidence <= 0.6 for s in found)


# A stance belongs to whoever holds the view in the clause, not to the speaker who tells of it (decision 0018,
# revised 2026-12-07, fourth session).
def _said(
    text: str, content: str, *, direct: bool, names: dict[str, str] | None = None, model: bool = False
) -> tuple[Stance, ...]:
    quote = dataclasses.replace(_quote(text, content, "Ann Holm", "said", "p1"), direct=direct)
    article = _article(text, {"Ann Holm": "p1", **(names or {})}, (quote,))
    return extract.find(article, sentiment=_a_model) if model else extract.find(article)


@pytest.mark.parametrize(
    ("text", "content", "direct"),
    [
        # an act of someone else sized up: the speaker holds the opposite view, if any
        (
            "“It is disqualifying for a harbour master to refuse to release the toll accounts,” Ann Holm said.",
            "It is disqualifying for a harbour master to refuse to release the toll accounts,",
            True,
        ),
        (
            "Ann Holm said that it was “totally inappropriate” for the judge to criticize Belstad.",
            "it was “totally inappropriate” for the judge to criticize Belstad",
            False,
        ),
        (
            "“It would be wrong to reject the toll plan,” Ann Holm said.",
            "It would be wrong to reject the toll plan,",
            True,
        ),
        # someone else's refusal, told in the speaker's own words
        ("“He refused to release the toll accounts,” Ann Holm said.", "He refused to release the toll accounts,", True),
        (
            "“Mr. Brask refused to release the toll accounts,” Ann Holm said.",
            "Mr. Brask refused to release the toll accounts,",
            True,
        ),
        # an infinitive after a verb of someone else's: held by that verb's subject (decision 0018, fifth reading)
        (
            "“The harbour board has voted to reject the toll plan,” Ann Holm said.",
            "The harbour board has voted to reject the toll plan,",
            True,
        ),
        (
            "Ann Holm said shippers are beginning to demand a lower toll.",
            "shippers are beginning to demand a lower toll",
            False,
        ),
        # a proposition on what a pronoun stands for names nothing ("I don't think it should be ...")
        (
            "“I don’t think it should be done behind closed doors,” Ann Holm said.",
            "I don’t think it should be done behind closed doors,",
            True,
        ),
    ],
)
def test_a_view_in_a_quote_held_by_someone_else_is_not_the_speakers(text: str, content: str, direct: bool) -> None:
    found = _said(text, content, direct=direct, names={"Belstad": "e2"})
    if "Brask" in text:  # (a name the linker left unlinked is someone else too)
        at = text.index("Brask")
        article = _article(text, {"Ann Holm": "p1"}, ())
        brask = Mention(text="Brask", start=at, end=at + 5, type="PERSON", entity_id=None)
        quote = dataclasses.replace(_quote(text, content, "Ann Holm", "said", "p1"), direct=True)
        found = extract.find(dataclasses.replace(article, mentions=(brask, *article.mentions), quotes=(quote,)))
    assert [s for s in found if s.actor_id == "p1"] == []


@pytest.mark.parametrize(
    ("text", "content", "direct", "position", "word"),
    [
        ("“We will never accept the toll,” Ann Holm said.", "We will never accept the toll,", True, "opposes", "toll"),
        (
            "“We have decided to accept the toll,” Ann Holm said.",
            "We have decided to accept the toll,",
            True,
            "supports",
            "toll",
        ),
        (
            "Ann Holm said she would refuse to sign the accord.",
            "she would refuse to sign the accord",
            False,
            "opposes",
            "accord",
        ),
        (
            "“It is critical to support the harbour pilots,” Ann Holm said.",
            "It is critical to support the harbour pilots,",
            True,
            "supports",
            "pilots",
        ),
        (
            "“We call for Belstad to accept the canal plan,” Ann Holm said.",
            "We call for Belstad to accept the canal plan,",
            True,
            "supports",
            "plan",
        ),
    ],
)
def test_a_view_the_speaker_holds_stays_the_speakers(
    text: str, content: str, direct: bool, position: str, word: str
) -> None:
    found = _said(text, content, direct=direct, names={"Belstad": "e2"})
    assert [(s.actor_id, s.position.value) for s in found] == [("p1", position)]
    assert word in found[0].target  # (and Belstad, asked to accept, holds nothing)


@pytest.mark.parametrize(
    ("text", "content", "direct", "position"),
    [
        (
            "“Belstad must reject the canal toll,” Ann Holm said.",
            "Belstad must reject the canal toll,",
            True,
            "opposes",
        ),
        (
            "Ann Holm said the Belstad cabinet should not approve the canal toll.",
            "the Belstad cabinet should not approve the canal toll",
            False,
            "opposes",
        ),
        ("“They must accept the canal toll,” Ann Holm said.", "They must accept the canal toll,", True, "supports"),
    ],
)
def test_what_the_speaker_says_another_must_do_is_the_speakers_position(
    text: str, content: str, direct: bool, position: str
) -> None:
    # "Obama said Congress must pass the bill": Obama's demand, his position on the bill; Congress holds none
    found = _said(text, content, direct=direct, names={"Belstad": "e2"})
    assert [(s.actor_id, s.position.value) for s in found] == [("p1", position)]
    assert "toll" in found[0].target


@pytest.mark.parametrize(
    ("content", "position"),
    [
        ("We urge Belstad to reject the canal toll,", "opposes"),
        ("We call for Belstad to accept the canal toll,", "supports"),
    ],
)
def test_a_wish_that_another_act_is_the_speakers_position_on_what_the_act_is_on(content: str, position: str) -> None:
    # (it was "supports 'Belstad to reject the canal toll'": support shown for what the speaker wants rejected)
    found = _said(f"“{content}” Ann Holm said.", content, direct=True, names={"Belstad": "e2"})
    assert [(s.actor_id, s.position.value, s.target) for s in found] == [("p1", position, "the canal toll")]


def test_a_name_told_what_it_must_do_holds_no_position() -> None:
    text = "Ann Holm said Belstad must reject the canal toll."
    speech = _quote(text, "Belstad must reject the canal toll", "Ann Holm", "said", "p1")
    view = _quote(text, "the canal toll", "Belstad", "reject", "e2")  # (as the quotes stage reads the clause)
    found = extract.find(_article(text, {"Ann Holm": "p1", "Belstad": "e2"}, (speech, view)))
    assert [(s.actor_id, s.position.value) for s in found] == [("p1", "opposes")]
    for clause in ("Belstad must reject the canal toll, the court ruled.", "Belstad has to accept the canal toll."):
        assert extract.find(_article(clause, {"Belstad": "e2"})) == ()
    (s,) = extract.find(_article("Belstad will reject the canal toll.", {"Belstad": "e2"}))
    assert s.position == Position.OPPOSES  # ("will" tells what it does: its own position)


@pytest.mark.parametrize(
    "text",
    [
        "Belstad refused to back down over the canal toll on Tuesday.",
        "Belstad backed off its canal toll plan.",
        "Belstad has refused to give in to the dock union.",
    ],
)
def test_refusing_to_give_way_or_giving_way_is_no_position(text: str) -> None:
    assert extract.find(_article(text, {"Belstad": "e2"})) == ()


def test_a_speakers_refusal_to_give_way_is_no_position() -> None:
    found = _said(
        "“We will not back down on the toll,” Ann Holm said.", "We will not back down on the toll,", direct=True
    )
    assert found == ()
    (s,) = extract.find(_article("Belstad backed the canal toll plan.", {"Belstad": "e2"}))
    assert s.position == Position.SUPPORTS  # (backing is still a position)


def _people(text: str, names: dict[str, str], quotes: tuple[Quote, ...]) -> Article:
    """An article whose named people are persons, as the entities stage types them."""
    article = _article(text, names, quotes)
    return dataclasses.replace(article, mentions=tuple(dataclasses.replace(m, type="PERSON") for m in article.mentions))


def test_people_named_together_each_hold_what_they_said() -> None:
    text = "Senator Ann Holm and Senator Tom Brask rejected the new canal toll, calling it unfair."
    speaker = "Senator Ann Holm and Senator Tom Brask"
    quote = dataclasses.replace(
        _quote(text, "the new canal toll", speaker, "rejected", None), speaker_kind=SpeakerKind.PERSON
    )
    found = extract.find(_people(text, {"Ann Holm": "p1", "Tom Brask": "p2"}, (quote,)))
    assert sorted((s.actor_id, s.position, s.target) for s in found) == [
        ("p1", Position.OPPOSES, "the new canal toll"),
        ("p2", Position.OPPOSES, "the new canal toll"),
    ]
    # "they" after them is both, once each; a name the article gives two people is neither's.
    text = (
        "Ann Holm and Mr. Kim met on Monday to discuss the canal. They rejected the new canal toll. "
        "David Kim and Paul Kim left."
    )
    before = dataclasses.replace(
        _quote(text, "the canal", "Ann Holm and Mr. Kim", "discuss", None), speaker_kind=SpeakerKind.PERSON
    )
    at = text.index("They")
    they = dataclasses.replace(
        _quote(text, "the new canal toll", "They", "rejected", None),
        speaker="They",
        speaker_start=at,
        speaker_end=at + 4,
    )
    article = _people(text, {"Ann Holm": "p1", "David Kim": "p3", "Paul Kim": "p4"}, (before, they))
    kim = Mention(text="Kim", start=text.index("Kim"), end=text.index("Kim") + 3, type="PERSON", entity_id="p3")
    article = dataclasses.replace(article, mentions=tuple(sorted((*article.mentions, kim), key=lambda m: m.start)))
    assert [(s.actor_id, s.target) for s in extract.find(article)] == [("p1", "the new canal toll")]


def test_they_after_one_side_named_alone_is_that_side() -> None:
    names = {"Marovia": "e1", "Belstad": "e2", "Ostrava": "e3"}
    second = "They rejected the toll plan proposed by Ostrava."
    found = extract.find(
        _they_article("Belstad met on Monday to discuss the canal.", second, "Belstad", "discuss", names)
    )
    assert [(s.actor_id, s.position) for s in found] == [("e2", Position.OPPOSES)]
    assert found[0].confidence <= 0.6
    # One person is "he" or "she": a "they" after one is someone else.
    people = _people(
        "Ann Holm met on Monday to discuss the canal. They rejected the toll plan proposed by Ostrava.",
        {"Ann Holm": "p1"},
        (),
    )
    article = _they_article("Ann Holm met on Monday to discuss the canal.", second, "Ann Holm", "discuss", names)
    article = dataclasses.replace(article, mentions=people.mentions)
    assert [s.actor_id for s in extract.find(article)] == []


def test_they_in_someone_elses_words_is_not_the_side_named_before() -> None:
    # "Belstad announced a toll. They rejected the toll, the dock unions said": the unions' people, never Belstad
    names = {"Belstad": "e2", "Ostrava": "e3"}
    second = "They rejected the toll plan proposed by Ostrava, the dock unions said."
    article = _they_article("Belstad met on Monday to discuss the canal.", second, "Belstad", "discuss", names)
    text = article.text
    content = "They rejected the toll plan proposed by Ostrava"
    unions = _quote(text, content, "the dock unions", "said", None)
    assert extract.find(dataclasses.replace(article, quotes=(*article.quotes, unions))) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Ostrava supporters rallied outside the harbour office.",  # who supports, not a verb
        "Ostrava’s supporters are gathered at a hotel near the harbour.",
        "Ostrava’s proposed canal toll was debated on Monday.",  # a participle before a noun
        "Ostrava’s veto is expected to come on Friday.",  # a clause's verb after a noun: no object
        "Anna Velt called for Ostrava to accept the canal plan.",  # what someone wants of it
    ],
)
def test_no_position_of_a_name_that_only_qualifies_or_is_asked(text: str) -> None:
    assert [s for s in extract.find(_article(text, {"Ostrava": "e3"})) if s.actor_id == "e3"] == []


def test_a_position_held_through_a_possessive_or_caused_stays() -> None:
    (s,) = extract.find(_article("Ostrava’s call for a canal toll was heard.", {"Ostrava": "e3"}))
    assert (s.position, s.target) == (Position.SUPPORTS, "a canal toll")
    (s,) = extract.find(_article("The blockade has led Ostrava to fear a new toll.", {"Ostrava": "e3"}))
    assert (s.position, s.target) == (Position.OPPOSES, "a new toll")


def test_a_target_ends_before_a_condition_and_after_a_possessor() -> None:
    text = "Belstad agreed to raise the harbour fee payable if the deal were to fail."
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert s.target == "raise the harbour fee payable"
    # A view the quotes stage ended at a possessor goes on to what is possessed.
    text = "Belstad rejected the verdict of the country’s harbour tribunal against its pilots, calling it unjust."
    quote = _quote(text, "the verdict of the country", "Belstad", "rejected", "e2")
    (s,) = extract.find(_article(text, {"Belstad": "e2"}, (quote,)))
    assert s.target == "the verdict of the country’s harbour tribunal against its pilots"
    assert text[s.start : s.end] == "Belstad rejected the verdict of the country’s harbour tribunal against its pilots"


def test_a_title_after_an_opening_quotation_mark_ends_no_sentence() -> None:
    text = "“Mr. Brask refused to release the accounts,” Ann Holm said. The port closed."
    assert [text[s:e] for s, e in extract.sentences(text)] == [
        "“Mr. Brask refused to release the accounts,” Ann Holm said.",
        "The port closed.",
    ]


def test_a_word_list_reads_nothing_of_a_name_named_in_passing() -> None:
    # "teachers in Ostrava", "an alternative to Ostrava": the words are said of something else, never of the name.
    for text, content in (
        (
            "“Dock workers in Ostrava earn less than anyone, and something is very wrong,” Ann Holm said.",
            "Dock workers in Ostrava earn less than anyone, and something is very wrong,",
        ),
        (
            "“The best alternative to Ostrava is a strong and fair partner,” Ann Holm said.",
            "The best alternative to Ostrava is a strong and fair partner,",
        ),
    ):
        assert _said(text, content, direct=True, names={"Ostrava": "e3"}, model=True) == ()
    # (a name the words are said of is read as before, by a sentiment model; the word list reads none)
    text = "“The harbour board trusts Ostrava, a strong and fair partner,” Ann Holm said."
    content = "The harbour board trusts Ostrava, a strong and fair partner,"
    assert _said(text, content, direct=True, names={"Ostrava": "e3"}) == ()
    found = _said(text, content, direct=True, names={"Ostrava": "e3"}, model=True)
    assert [(s.actor_id, s.position, s.target) for s in found] == [("p1", Position.SUPPORTS, "Ostrava")]


@pytest.mark.parametrize(
    "text", ["Ostrava was backed by the dock union on Monday.", "Ostrava has been criticized by its neighbours."]
)
def test_a_name_a_position_is_taken_on_holds_none(text: str) -> None:
    # The passive: the name is what the position is on; whoever holds it comes after "by".
    assert extract.find(_article(text, {"Ostrava": "e3"})) == ()


def test_a_they_the_quotes_stage_resolved_is_read_where_its_speaker_is_named() -> None:
    text = "Ann Holm and Tom Brask met on Monday to discuss the canal. They rejected the new canal toll."
    before = dataclasses.replace(
        _quote(text, "the canal", "Ann Holm and Tom Brask", "discuss", None), speaker_kind=SpeakerKind.PERSON
    )
    at = text.index("They")
    names = {"Ann Holm": "p1", "Tom Brask": "p2"}
    for speaker, actors in (("Ann Holm and Tom Brask", ["p1", "p2"]), ("the dock workers", [])):
        they = dataclasses.replace(
            _quote(text, "the new canal toll", "They", "rejected", None),
            speaker=speaker,  # (as the quotes stage resolved it: the pronoun's span, the speaker's name)
            speaker_kind=SpeakerKind.PERSON if actors else SpeakerKind.GROUP,
            speaker_start=at,
            speaker_end=at + 4,
        )
        found = extract.find(_people(text, names, (before, they)))
        assert sorted(s.actor_id for s in found if s.target == "the new canal toll") == actors


def test_an_infinitive_is_held_by_whoever_holds_the_verb_before_it() -> None:
    # "Belstad refused to withdraw": the withdrawal refused is Belstad's matter, never the speaker's wish.
    text = "“Belstad refused to withdraw its troops,” Ann Holm said."
    assert [
        s.actor_id
        for s in _said(text, "Belstad refused to withdraw its troops,", direct=True, names={"Belstad": "e2"})
        if s.actor_id == "p1"
    ] == []
    text = "“We are ready to sign the accord,” Ann Holm said."
    (s,) = _said(text, "We are ready to sign the accord,", direct=True)
    assert (s.position, s.target) == (Position.SUPPORTS, "sign the accord")
    text = "“It is important for Belstad to support the harbour pilots,” Ann Holm said."
    found = _said(
        text, "It is important for Belstad to support the harbour pilots,", direct=True, names={"Belstad": "e2"}
    )
    assert [(s.actor_id, s.position) for s in found if s.actor_id == "p1"] == [("p1", Position.SUPPORTS)]


def test_a_proposition_that_something_be_rejected_opposes_it() -> None:
    for content, position in (
        ("The toll plan should be rejected,", Position.OPPOSES),
        ("The toll plan must not be approved,", Position.OPPOSES),
        ("The toll plan should be approved,", Position.SUPPORTS),
    ):
        (s,) = _said(f"“{content}” Ann Holm said.", content, direct=True)
        assert (s.position, s.target) == (position, "toll plan")


def test_a_person_speaking_with_others_holds_what_they_said() -> None:
    # "Mr. Dan Voss and his lawyer rejected ..." is a joint speaker of the quotes stage (decision 0093, h-sp51), and
    # the quote lists show Dan Voss in it; the stances read joint speakers by their own pattern, which wanted a
    # capital after "and", so the position was no one's (it was Dan Voss's while the speaker was "Dan Voss" alone).
    text = "Mr. Dan Voss and his lawyer rejected the new canal toll, calling it unfair."
    quote = dataclasses.replace(
        _quote(text, "the new canal toll", "Mr. Dan Voss and his lawyer", "rejected", None),
        speaker_kind=SpeakerKind.PERSON,
    )
    found = extract.find(_people(text, {"Dan Voss": "p1"}, (quote,)))
    assert [(s.actor_id, s.position, s.target) for s in found] == [("p1", Position.OPPOSES, "the new canal toll")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Marovia and Belstad rejected the new canal toll, calling it unfair.", "Marovia and Belstad"),
        ("Both Marovia and Belstad rejected the new canal toll, calling it unfair.", "Both Marovia and Belstad"),
    ],
)
def test_bodies_named_together_each_hold_what_they_said(text: str, speaker: str) -> None:
    # The quotes stage now gives "Marovia and Belstad" as one group speaker linked to neither (decision 0093,
    # h-sp51), where it gave "Marovia", linked: Marovia's position was lost and Belstad's alone was kept, read from
    # the clause as the name just before the verb.
    quote = _quote(text, "the new canal toll", speaker, "rejected", None)
    found = extract.find(_article(text, {"Marovia": "e1", "Belstad": "e2"}, (quote,)))
    assert sorted((s.actor_id, s.position) for s in found) == [("e1", Position.OPPOSES), ("e2", Position.OPPOSES)]
    # A possessive is no list: "Marovia and Belstad's envoys" are envoys, and hold no position here.
    text = "Marovia and Belstad's envoys rejected the new canal toll, calling it unfair."
    quote = _quote(text, "the new canal toll", "Marovia and Belstad's envoys", "rejected", None)
    found = extract.find(_article(text, {"Marovia": "e1", "Belstad": "e2"}, (quote,)))
    assert "e1" not in {s.actor_id for s in found}


# Read again on PolNeAR, dev-news and the seeds as the analyst (decision 0018, revised 2026-12-07, fifth session).
@pytest.mark.parametrize(
    ("text", "content", "direct", "position"),
    [
        # "n't" with the curly apostrophe news sets, and "cannot", negate ("don’t support" was read as support)
        ("“We don’t accept the canal toll,” Ann Holm said.", "We don’t accept the canal toll,", True, "opposes"),
        ("“We won’t back the canal toll,” Ann Holm said.", "We won’t back the canal toll,", True, "opposes"),
        # what is not done yet is no side taken
        (
            "Ann Holm said she had not yet called for the canal toll.",
            "she had not yet called for the canal toll",
            False,
            "neutral",
        ),
        # an act named as a danger is what the speaker is against, however the clause is negated
        (
            "Ann Holm said Belstad cannot afford the risk of accepting the canal toll.",
            "Belstad cannot afford the risk of accepting the canal toll",
            False,
            "opposes",
        ),
        (
            "Ann Holm said she would warn voters about the dangers of accepting the canal toll.",
            "she would warn voters about the dangers of accepting the canal toll",
            False,
            "opposes",
        ),
        # a risk taken, or worth it, is no warning: the act is what the speaker is for (review h-rs52)
        (
            "“We are ready to take the risk of supporting the canal toll,” Ann Holm said.",
            "We are ready to take the risk of supporting the canal toll,",
            True,
            "supports",
        ),
        (
            "“It is worth the risk of backing the canal toll,” Ann Holm said.",
            "It is worth the risk of backing the canal toll,",
            True,
            "supports",
        ),
        # a negation that negates nothing of what follows: eagerness, emphasis (review h-rs52: h-st52's "can’t" and
        # "cannot" made these opposition)
        (
            "“We can’t wait to sign the canal toll accord,” Ann Holm said.",
            "We can’t wait to sign the canal toll accord,",
            True,
            "supports",
        ),
        (
            "“We cannot stress enough that we back the canal toll,” Ann Holm said.",
            "We cannot stress enough that we back the canal toll,",
            True,
            "supports",
        ),
        # a verb of thinking passes its negation to the "that" clause (review h-rs52)
        (
            "“I don’t think that we should accept the canal toll,” Ann Holm said.",
            "I don’t think that we should accept the canal toll,",
            True,
            "opposes",
        ),
        # a relative "that" after a noun hangs on no verb: the negation stands (seed 002's "No sensible person would
        # sign a document that gives up land")
        (
            "“No sensible person would sign a deal that accepts the canal toll,” Ann Holm said.",
            "No sensible person would sign a deal that accepts the canal toll,",
            True,
            "opposes",
        ),
        # "yet" as a conjunction is no "not yet": the negation opposes (review h-rs52)
        ("“Yet we do not back the canal toll,” Ann Holm said.", "Yet we do not back the canal toll,", True, "opposes"),
        # a body the speaker speaks for as "my" or "our": the speaker's position ("my opponent" is someone else)
        ("“My party rejects the canal toll,” Ann Holm said.", "My party rejects the canal toll,", True, "opposes"),
        (
            "“Our government will never accept the canal toll,” Ann Holm said.",
            "Our government will never accept the canal toll,",
            True,
            "opposes",
        ),
    ],
)
def test_the_speakers_position_read_through_negation_danger_and_own_body(
    text: str, content: str, direct: bool, position: str
) -> None:
    found = _said(text, content, direct=direct, names={"Belstad": "e2"})
    assert [(s.actor_id, s.position.value) for s in found] == [("p1", position)]
    assert "toll" in found[0].target


@pytest.mark.parametrize(
    ("text", "content", "direct"),
    [
        ("“My opponent supports the canal toll,” Ann Holm said.", "My opponent supports the canal toll,", True),
        # a negated verb a "that" clause hangs on, other than one of thinking, turns it its own way (review h-rs52:
        # "I don’t deny that we support" was opposition)
        (
            "“I don’t deny that we support the canal toll,” Ann Holm said.",
            "I don’t deny that we support the canal toll,",
            True,
        ),
        (
            "“I won't pretend that we back the canal toll,” Ann Holm said.",
            "I won't pretend that we back the canal toll,",
            True,
        ),
        # who does it, not a verb ("Supporters of some other candidates")
        ("“Supporters of the canal toll are few,” Ann Holm said.", "Supporters of the canal toll are few,", True),
        # whom the speaker speaks to
        ("“You say you accept the canal toll,” Ann Holm said.", "You say you accept the canal toll,", True),
        # a position written as a thing someone else holds, or gives
        (
            "Ann Holm said Belstad’s acceptance of the canal toll was a mistake.",
            "Belstad’s acceptance of the canal toll was a mistake",
            False,
        ),
        (
            "“The criticism of the canal toll is unfair,” Ann Holm said.",
            "The criticism of the canal toll is unfair,",
            True,
        ),
        (
            "Ann Holm said praise from Belstad would not change the canal toll.",
            "praise from Belstad would not change the canal toll",
            False,
        ),
        # a condition on another's course ("Trump could embrace it, but only if ..."), a verb "provided"
        (
            "Ann Holm said Belstad could sign the canal accord, but only if the toll ends.",
            "Belstad could sign the canal accord, but only if the toll ends",
            False,
        ),
        (
            "Ann Holm said the harbour board provided a statement on the canal toll.",
            "the harbour board provided a statement on the canal toll",
            False,
        ),
        # what a thing, not a course, will bring about, read by the word list ("the election will result in ...")
        (
            "Ann Holm said the election will bring a great victory for the port.",
            "the election will bring a great victory for the port",
            False,
        ),
        # talking, a question, looking for
        (
            "“I don’t want to talk about the canal toll,” Ann Holm said.",
            "I don’t want to talk about the canal toll,",
            True,
        ),
        (
            "Ann Holm said the board will vote on whether to accept the canal toll.",
            "the board will vote on whether to accept the canal toll",
            False,
        ),
    ],
)
def test_no_position_of_the_speakers_in_these_words(text: str, content: str, direct: bool) -> None:
    assert [s for s in _said(text, content, direct=direct, names={"Belstad": "e2"}) if s.actor_id == "p1"] == []


def _person(article: Article, *names: str) -> Article:
    return dataclasses.replace(
        article,
        mentions=tuple(dataclasses.replace(m, type="PERSON") if m.text in names else m for m in article.mentions),
    )


@pytest.mark.parametrize(
    ("text", "content", "speaker", "speaker_id", "held"),
    [
        # a spokesperson's "she" is the one spoken for (PolNeAR: "Clinton spokesman Jesse Lehrich said ... “she would
        # sign this legislation”" was nobody's)
        (
            "Velt spokesman Piet Dorn said on Friday that if she won, “she would sign the canal treaty.”",
            "she would sign the canal treaty.",
            "Piet Dorn",
            "p3",
            ["p2"],
        ),
        # a body's own minister telling what it must do gives its line, and the minister's; a body named only in the
        # words is no antecedent of "its" (review h-rs52: "“Marovia must withdraw its ships,” its minister said" is
        # most often another's minister demanding it of Marovia, read as Marovia's support for withdrawing)
        (
            "“Belstad must reject the canal treaty,” its minister said.",
            "Belstad must reject the canal treaty,",
            "its minister",
            None,
            [],
        ),
        (
            "After Belstad met on Friday, its minister said “we must reject the canal treaty.”",
            "we must reject the canal treaty.",
            "its minister",
            None,
            ["e2"],
        ),
        (
            "“Belstad must reject the canal treaty,” Ann Holm, Belstad's foreign minister, said.",
            "Belstad must reject the canal treaty,",
            "Ann Holm",
            "p1",
            ["p1", "e2"],
        ),
        # someone else's demand of it stays the speaker's alone; a former spokesman speaks for no one
        (
            "“Belstad must reject the canal treaty,” Ann Holm said.",
            "Belstad must reject the canal treaty,",
            "Ann Holm",
            "p1",
            ["p1"],
        ),
        (
            "Former Velt spokesman Piet Dorn said “she would sign the canal treaty.”",
            "she would sign the canal treaty.",
            "Piet Dorn",
            "p3",
            [],
        ),
    ],
)
def test_the_one_a_spokesperson_or_minister_speaks_for_holds_the_words(
    text: str, content: str, speaker: str, speaker_id: str | None, held: list[str]
) -> None:
    quote = dataclasses.replace(_quote(text, content, speaker, "said", speaker_id), direct=True)
    names = {"Velt": "p2", "Piet Dorn": "p3", "Belstad": "e2", "Ann Holm": "p1"}
    article = _person(_article(text, names, (quote,)), "Velt", "Piet Dorn", "Ann Holm")
    found = extract.find(article)
    assert sorted(s.actor_id for s in found) == sorted(held)
    assert all("treaty" in s.target for s in found)
    assert all(not s.said for s in found if s.actor_id in {"p2", "e2"})  # (told by another: reported)


@pytest.mark.parametrize(
    ("text", "names", "held"),
    [
        # the body an ambassador or an envoy is posted to is not whom they speak for; the name before it is
        (
            "Marovia's UN ambassador Jon Vek said “we oppose the canal toll.”",
            {"Marovia": "GPE", "UN": "ORG"},
            ["Marovia"],
        ),
        (
            "Velt's Belstad envoy Jon Vek said “we oppose the canal toll.”",
            {"Velt": "PERSON", "Belstad": "GPE"},
            ["Velt"],
        ),
        ("Marovian NATO envoy Jon Vek said “we oppose the canal toll.”", {"NATO": "ORG"}, []),
        ("NATO's envoy Jon Vek said “we oppose the canal toll.”", {"NATO": "ORG"}, ["NATO"]),
        # a lawyer's place is where they practise; a client is whom they speak for
        ("Jon Vek, a Dalen lawyer, said “we oppose the canal toll.”", {"Dalen": "GPE"}, []),
        ("Ostrava attorney Jon Vek said “we oppose the canal toll.”", {"Ostrava": "GPE"}, []),
        ("Velt lawyer Jon Vek said “we oppose the canal toll.”", {"Velt": "PERSON"}, ["Velt"]),
        # out of office, or of the party out of government: no one's words but their own
        ("Belstad's shadow foreign minister Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, []),
        ("Belstad's ex-foreign minister Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, []),
        ("Belstad's opposition spokesman Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, []),
        ("Jon Vek, Belstad's then-foreign minister, said “we oppose the canal toll.”", {"Belstad": "GPE"}, []),
        ("Belstad's foreign minister Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, ["Belstad"]),
        # a president speaks for the country or the body as a prime minister does, when the office is its title
        # (next to the name, capitalised or after a possessive); not the office sought or another's (h-st53)
        ("Belstad Prime Minister Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, ["Belstad"]),
        ("Belstad President Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, ["Belstad"]),
        ("Belstad's Vice President Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, ["Belstad"]),
        ("“We oppose the canal toll,” said Jon Vek, Belstad's president.", {"Belstad": "GPE"}, ["Belstad"]),
        ("The Dalen chapter president Jon Vek said “we oppose the canal toll.”", {"Dalen": "GPE"}, []),
        ("Backing Ann Holm for president, Jon Vek said “we oppose the canal toll.”", {"Ann Holm": "PERSON"}, []),
        # a dateline is no one's office
        ("DALEN -- Foreign Minister Jon Vek said “we oppose the canal toll.”", {"DALEN": "GPE"}, []),
        # a country's initials before the office are one sentence with it (h-st53)
        ("U.S. Ambassador Jon Vek said “we oppose the canal toll.”", {"U.S.": "GPE"}, ["U.S."]),
        ("Talks stalled. U.S. Ambassador Jon Vek said “we oppose the canal toll.”", {"U.S.": "GPE"}, ["U.S."]),
        # an office followed by a name is that name's, not the speaker's ("According to the newspaper, Trump's special
        # envoy Steve Witkoff ...": the newspaper spoke for no one)
        ("“We oppose the canal toll,” said the Courier, Velt's special envoy Jon Vek.", {"Velt": "PERSON"}, []),
        ("“We oppose the canal toll,” said Jon Vek, Velt's special envoy.", {"Velt": "PERSON"}, ["Velt"]),
    ],
)
def test_whom_an_office_speaks_for_and_whom_it_does_not(text: str, names: dict[str, str], held: list[str]) -> None:
    # Review h-rs52 of h-st52's offices: on main at 37b1c797 the body posted to, the place practised in, the country
    # of one out of office and the office of the name after the speaker's each held the speaker's words.
    speaker = "the Courier" if "the Courier" in text else "Jon Vek"
    content = "we oppose the canal toll." if "“we" in text else "We oppose the canal toll,"
    quote = dataclasses.replace(_quote(text, content, speaker, "said", "p1"), direct=True)
    article = _article(text, {**dict.fromkeys(names, ""), speaker: "p1"}, (quote,))
    typed = {name: (kind, f"e-{name}") for name, kind in {**names, speaker: "PERSON"}.items()}
    article = dataclasses.replace(
        article,
        mentions=tuple(
            dataclasses.replace(m, type=typed[m.text][0], entity_id="p1" if m.text == speaker else typed[m.text][1])
            for m in article.mentions
        ),
    )
    found = extract.find(article)
    assert [s for s in found if s.actor_id == "p1"], "the speaker's own stance is read"
    assert sorted(s.actor for s in found if s.actor_id != "p1") == held


def test_two_bodies_the_model_read_as_one_each_hold_what_they_said() -> None:
    text = "“We reject the canal toll,” Marovex and Belcorp said. Belcorp runs the port, and Marovex builds ships."
    quote = dataclasses.replace(
        _quote(text, "We reject the canal toll,", "Marovex and Belcorp", "said", "f1"), direct=True
    )
    at = text.index("Marovex and Belcorp")
    fused = Mention(text="Marovex and Belcorp", start=at, end=at + 19, type="ORG", entity_id="f1")
    alone = [
        Mention(text=name, start=(k := text.index(name, at + 20)), end=k + len(name), type="ORG", entity_id=entity)
        for name, entity in (("Belcorp", "b1"), ("Marovex", "m1"))
    ]
    mentions = tuple(sorted([fused, *alone], key=lambda m: m.start))
    article = Article(id="a1", source="x.txt", text=text, mentions=mentions, quotes=(quote,), language="en")
    found = extract.find(article)
    assert sorted((s.actor_id, s.actor, s.position.value) for s in found) == [
        ("b1", "Belcorp", "opposes"),
        ("m1", "Marovex", "opposes"),
    ]
    # One name with "and" in it, neither part a body named alone, is one body as before.
    text = "“We reject the canal toll,” Procter and Gamble said. Mr. Gamble founded it."
    quote = dataclasses.replace(
        _quote(text, "We reject the canal toll,", "Procter and Gamble", "said", "f1"), direct=True
    )
    at = text.index("Procter")
    one = Mention(text="Procter and Gamble", start=at, end=at + 18, type="ORG", entity_id="f1")
    person = Mention(
        text="Gamble", start=text.rindex("Gamble"), end=text.rindex("Gamble") + 6, type="PERSON", entity_id="g1"
    )
    article = Article(id="a1", source="x.txt", text=text, mentions=(one, person), quotes=(quote,), language="en")
    assert [s.actor_id for s in extract.find(article)] == ["f1"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # a figure's thousands comma ends no clause
        ("Belstad refused to release the names of 1,076 donors.", "release the names of 1,076 donors"),
        # initials inside a name end no clause, unless a sentence opens after them
        ("Belstad will seek new U.N. sanctions on the port.", "new U.N. sanctions on the port"),
        ("Belstad wants entry into the U.S. They will wait.", "entry into the U.S"),
        # what opens the object of a noun or of "agree" is no part of it ("in favor of X", "agreed with X")
        ("Belstad agreed with the harbour board on the toll.", "the harbour board on the toll"),
    ],
)
def test_a_target_ends_and_opens_where_a_reader_would(text: str, target: str) -> None:
    (s,) = extract.find(_article(text, {"Belstad": "e2"}))
    assert s.target == target


def test_a_day_alone_or_a_sum_accepted_is_no_target() -> None:
    text = "Belstad pledged to fight the toll “today, tomorrow, forever.”"
    quote = _quote(text, "today, tomorrow, forever.", "Belstad", "pledged", "e2")
    assert "today" not in [s.target for s in extract.find(_article(text, {"Belstad": "e2"}, (quote,)))]
    # money taken is an act, as a cheque or a trophy is
    assert (
        extract.find(_article("Belstad accepted about $200,000 in donations from the port.", {"Belstad": "e2"})) == ()
    )


def test_in_favor_of_is_a_position_only_of_the_one_who_is_in_favor() -> None:
    found = _said("Ann Holm said she is in favor of the canal toll.", "she is in favor of the canal toll", direct=False)
    assert [(s.actor_id, s.position.value, s.target) for s in found] == [("p1", "supports", "the canal toll")]
    text = "Ann Holm said the port is rigged in favor of the canal toll."
    assert _said(text, "the port is rigged in favor of the canal toll", direct=False) == ()


def test_a_participle_or_an_adjective_of_a_position_word_is_no_position() -> None:
    # "Sanders had opposing views on biomedical research", "Clinton leads Sanders by 271 pledged delegates"
    assert extract.find(_article("Belstad had opposing views on the canal toll.", {"Belstad": "e2"})) == ()
    text = "Marovia leads Belstad by 271 pledged delegates."
    quote = _quote(text, "delegates", "Marovia", "pledged", "e1")
    assert extract.find(_article(text, {"Marovia": "e1", "Belstad": "e2"}, (quote,))) == ()
    (s,) = extract.find(_article("Belstad is opposing the canal toll.", {"Belstad": "e2"}))
    assert s.position == Position.OPPOSES  # (a verb still)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # the act one is thanked, praised or blamed for is the doer's, never the judge's (h-st53: "Cruz thanked Trump on
        # Twitter for backing his top legislative priority" was Cruz's support)
        ("Ann Holm thanked Jon Vek on the radio for backing the canal toll.", ["p2"]),
        ("Ann Holm criticised the Belstad cabinet over backing the canal toll.", ["e2"]),
        ("Ann Holm thanked them for backing the canal toll.", []),
        # no judging: the act stays the speaker's
        ("Ann Holm told Jon Vek she was backing the canal toll.", ["p1"]),
    ],
)
def test_an_act_someone_is_judged_for_is_the_doers(text: str, held: list[str]) -> None:
    quote = _quote(text, "the canal toll", "Ann Holm", "backing", "p1")
    article = _person(_article(text, {"Ann Holm": "p1", "Jon Vek": "p2", "Belstad": "e2"}, (quote,)), "Ann Holm")
    # (the judging itself may be a stance: "Ann Holm opposes the Belstad cabinet over backing the canal toll")
    found = [s for s in extract.find(article) if s.cue == "backing"]
    assert [s.actor_id for s in found] == held
    assert all(s.position == Position.SUPPORTS and s.target == "the canal toll" for s in found)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # a position verb in the passive: the name is judged or chosen, it holds nothing (h-st53: "Reagan was criticized
        # for trading ..." read as Reagan's opposition to trading)
        ("Jon Vek was criticized for rejecting the canal toll.", []),
        ("Jon Vek has been praised for his canal plan.", []),
        # a state of readiness or of being against is the name's own
        ("Jon Vek was prepared to accept the canal toll.", [("p2", Position.SUPPORTS)]),
        ("Jon Vek is opposed to the canal toll.", [("p2", Position.OPPOSES)]),
    ],
)
def test_a_name_before_a_passive_position_verb_holds_no_position(text: str, held: list[tuple[str, Position]]) -> None:
    found = extract.find(_person(_article(text, {"Jon Vek": "p2"}), "Jon Vek"))
    assert [(s.actor_id, s.position) for s in found] == held


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # a claim agreed with is no position (h-st53: "agreed that the shift was a matter of geography", "agreed there
        # are qualified candidates", "agreed Saturday that Sanders' plan ... is pandering" read as support for the plan)
        ("Ann Holm agreed that the canal toll was a matter of geography.", False),
        ("Ann Holm agreed there are good reasons for the canal toll.", False),
        ("Ann Holm agreed on Monday that the canal toll is a cynical ploy.", False),
        # what must be done, a course agreed to, a deal agreed: positions as before
        ("Ann Holm agreed that the canal toll should be scrapped.", True),
        ("Ann Holm agreed to scrap the canal toll.", True),
        ("Ann Holm agreed a deal to scrap the canal toll.", True),
        ("Ann Holm agreed on a plan that would scrap the canal toll.", True),
        # what will be done is a course agreed, as what must be done is (h-rs53: "agreed that the toll would be
        # scrapped" was missed); what will happen, or how a thing will be seen, is a claim still
        ("Ann Holm agreed that the canal toll would be scrapped.", True),
        ("Ann Holm agreed the canal toll is to be lifted in March.", True),
        ("Ann Holm agreed that the canal toll will rise next year.", False),
        ("Ann Holm agreed that the canal toll would be seen as unfair.", False),
    ],
)
def test_a_claim_agreed_with_is_no_position(text: str, held: bool) -> None:
    found = extract.find(_person(_article(text, {"Ann Holm": "p1"}), "Ann Holm"))
    assert bool(found) == held
    assert all(s.position == Position.SUPPORTS and "toll" in s.target for s in found)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # review h-rs53 of h-st53: the act one is judged for stayed the judge's when a negation or an adverb stood
        # before it, and "accus-" and "credit" were in the list of judging verbs but take "of" and "with"
        ("Ann Holm thanked Jon Vek for not backing the canal toll.", [("p2", Position.OPPOSES)]),
        ("Ann Holm blamed the Belstad cabinet for never backing the canal toll.", [("e2", Position.OPPOSES)]),
        ("Ann Holm thanked Jon Vek for quickly backing the canal toll.", [("p2", Position.SUPPORTS)]),
        ("Ann Holm credited Jon Vek with backing the canal toll.", [("p2", Position.SUPPORTS)]),
        # a charge is no one's act (Jon Vek may deny it), and never the accuser's
        ("Ann Holm accused Jon Vek of backing the canal toll.", []),
        ("Ann Holm accused Belstad of not backing the canal toll.", []),
        # one who judges themself did the act
        ("Ann Holm blamed herself for backing the canal toll.", [("p1", Position.SUPPORTS)]),
        # a noun after the idea is no act judged: the speaker's, as before
        ("Ann Holm praised the idea of backing the canal toll.", [("p1", Position.SUPPORTS)]),
    ],
)
def test_an_act_judged_negated_charged_or_credited_is_not_the_judges(
    text: str, held: list[tuple[str, Position]]
) -> None:
    quote = _quote(text, "the canal toll", "Ann Holm", "backing", "p1")
    article = _person(_article(text, {"Ann Holm": "p1", "Jon Vek": "p2", "Belstad": "e2"}, (quote,)), "Ann Holm")
    found = [s for s in extract.find(article) if s.cue == "backing"]
    assert [(s.actor_id, s.position) for s in found] == held
    assert all(s.target == "the canal toll" for s in found)


@pytest.mark.parametrize(
    ("text", "view", "target"),
    [
        # a verb of judging has for its target what is judged, not why, as what or where (h-st53's note: "Jeb Bush
        # opposes 'Marco Rubio for opposing legal abortion in cases of ...'", "... as “absurd.”")
        ("Ann Holm criticized Jon Vek for opposing the canal toll in cases of hardship.", None, "Jon Vek"),
        ("Ann Holm condemned Belstad over its decision to raise the canal toll.", None, "Belstad"),
        ("Ann Holm dismissed the canal plan as a cynical ploy by Dalen.", None, "the canal plan"),
        ("Ann Holm denounced the canal toll in a statement on Monday.", None, "the canal toll"),
        ("Ann Holm criticized Jon Vek from the left.", None, "Jon Vek"),
        # the view the quotes stage took of the quoted judgement or reason is on what is judged too
        ("Ann Holm slammed the toll plan as “a cynical ploy.”", "a cynical ploy.", "the toll plan"),
        ("Ann Holm criticised Jon Vek for making “rude remarks.”", "rude remarks.", "Jon Vek"),
        # "such as" lists what is judged; a pronoun alone says less than its judgement; a plan's parts are the plan
        ("Ann Holm criticized toll deals such as the canal accord.", None, "toll deals such as the canal accord"),
        ("Ann Holm dismissed him as unfit for the canal board.", None, "him as unfit for the canal board"),
        (
            "Ann Holm praised the plan to widen the canal and to cut its toll.",
            None,
            "the plan to widen the canal and to cut its toll",
        ),
    ],
)
def test_a_judging_verbs_target_is_what_is_judged(text: str, view: str | None, target: str) -> None:
    cue = text.split()[2]
    quotes = (_quote(text, view, "Ann Holm", cue, "p1"),) if view else ()
    found = extract.find(
        _person(_article(text, {"Ann Holm": "p1", "Jon Vek": "p2", "Belstad": "e2"}, quotes), "Ann Holm")
    )
    assert [s.target for s in found if s.actor_id == "p1"] == [target]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # an act named after a possessed noun is the possessor's (h-st53's note: "Sanders ... questioning Clinton's
        # judgment in supporting the war in Iraq" read as Sanders supporting the war)
        (
            "Ann Holm, questioning Jon Vek's judgment in supporting the canal toll, said no.",
            [("p2", Position.SUPPORTS)],
        ),
        (
            "Ann Holm praised Jon Vek's role in backing the canal toll.",
            [("p1", Position.SUPPORTS), ("p2", Position.SUPPORTS)],  # (she praises the role, he backs the toll)
        ),
        # a possessor who is no actor, or a pronoun after doubting: another's, whom the words do not name
        ("Ann Holm questioned the Dalen board's role in backing the canal toll.", []),
        ("Ann Holm questioned her judgment in supporting the canal toll.", []),
        # one's own record, an idea, a means: the speaker's, as before
        ("Ann Holm defended her record of supporting the canal toll.", [("p1", Position.SUPPORTS)]),
        ("Ann Holm spoke of the idea of backing the canal toll.", [("p1", Position.SUPPORTS)]),
        ("Ann Holm won the party's vote by backing the canal toll.", [("p1", Position.SUPPORTS)]),
    ],
)
def test_an_act_after_a_possessed_noun_is_the_possessors(text: str, held: list[tuple[str, Position]]) -> None:
    cue = next(w for w in text.split() if w in {"supporting", "backing"})
    quote = _quote(text, "the canal toll", "Ann Holm", cue, "p1")
    article = _person(_article(text, {"Ann Holm": "p1", "Jon Vek": "p2"}, (quote,)), "Ann Holm", "Jon Vek")
    found = [s for s in extract.find(article) if "toll" in s.target]
    assert [(s.actor_id, s.position) for s in found] == held


def test_pushing_back_is_no_position_on_back() -> None:
    # "Sanders is pushing back, questioning ..." read as Sanders supporting "back"
    text = "Ann Holm is pushing back, questioning the canal toll."
    assert extract.find(_person(_article(text, {"Ann Holm": "p1"}), "Ann Holm")) == ()


@pytest.mark.parametrize(
    ("text", "names", "held"),
    [
        # a chief executive speaks for the company, as a president does for a country, when the office is the
        # company's title next to its name, capitalised or not ("Netflix co-chief executive Ted Sarandos")
        ("Marovex chief executive Jon Vek said “we oppose the canal toll.”", {"Marovex": "ORG"}, ["Marovex"]),
        ("Marovex co-CEO Jon Vek said “we oppose the canal toll.”", {"Marovex": "ORG"}, ["Marovex"]),
        ("“We oppose the canal toll,” said Jon Vek, Marovex's chief executive.", {"Marovex": "ORG"}, ["Marovex"]),
        ("The Dalen party chairman Jon Vek said “we oppose the canal toll.”", {"Dalen party": "ORG"}, ["Dalen party"]),
        # not one out of office, nor a body a word away ("the Dalen chapter chairman"), nor a name with a comma in it
        ("Marovex's former chief executive Jon Vek said “we oppose the canal toll.”", {"Marovex": "ORG"}, []),
        ("The Dalen chapter chairman Jon Vek said “we oppose the canal toll.”", {"Dalen": "GPE"}, []),
        ("At the meeting, Holm, party Chairman Jon Vek said “we oppose the canal toll.”", {"Holm, party": "ORG"}, []),
    ],
)
def test_a_chief_executive_speaks_for_the_company(text: str, names: dict[str, str], held: list[str]) -> None:
    test_whom_an_office_speaks_for_and_whom_it_does_not(text, names, held)


NAMED = {"Ann Holm": "p1", "Jon Vek": "p2", "Belstad": "e2", "Dalen": "e3"}


@pytest.mark.parametrize(
    "text",
    [
        # read on PolNeAR (seed 54), each an actor who holds no position there: a name after a preposition is no
        # subject ("a refugee who came to Europe through Greece is also pushing ...", "Dan McLaughlin at the National
        # Review agreed ...")
        "A ship that came to port through Dalen is also pushing the canal toll.",
        "A captain in Dalen could push several ferries out of the canal.",
        # the writer's advice ("Republicans might want to consider an Obama nominee")
        "Belstad might want to consider the canal toll.",
        # a state wished, no course ("Rubio wants to emerge as the go-to candidate", "I wanted her to be relatable")
        "Belstad wants to emerge as the canal's main user.",
        "Belstad wants to be the canal's main user.",
        # a list of who after a noun read as a verb ("Republican advocates such as The Dallas Morning News")
        "Dalen advocates such as the harbour board backed it.",
    ],
)
def test_no_stance_from_these_clauses(text: str) -> None:
    assert extract.find(_person(_article(text, NAMED), "Ann Holm", "Jon Vek")) == ()


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # a group in a place, and a course "with X pushing for ...", are the place's as before
        ("Officials in Belstad rejected the canal toll.", ["e2"]),
        ("With Belstad pushing for a canal toll, the talks stalled.", ["e2"]),
        ("Belstad wants to consider the canal toll.", ["e2"]),
        ("Belstad wants to become a member of the canal union.", ["e2"]),
        ("Belstad wants the toll to be scrapped.", ["e2"]),
        # a preposition stranded inside the object is no stranded object
        ("Belstad rejected the canal toll it had agreed on.", ["e2"]),
    ],
)
def test_these_clauses_keep_their_actor(text: str, held: list[str]) -> None:
    assert [s.actor_id for s in extract.find(_article(text, NAMED))] == held


def test_a_relative_clauses_view_keeps_its_object_before_the_cue() -> None:
    # the rule above (words before a view's cue are no object) keeps a relative clause's object
    text = "Dalen proposed a canal toll, which Belstad rejected."
    quote = _quote(text, "a canal toll", "Belstad", "rejected", "e2")
    found = extract.find(_article(text, NAMED, (quote,)))
    assert [(s.actor_id, s.position, s.target) for s in found if s.actor_id == "e2"] == [
        ("e2", Position.OPPOSES, "a canal toll")
    ]


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        # a view's words written before its cue are no object ("On his personal blog on Tuesday, Schilling did not
        # back down" read as opposing "his personal blog")
        ("On his own blog on Tuesday, Jon Vek did not back down.", "his own blog on Tuesday", "back", "Jon Vek"),
        # a view asked about, not held ("Asked if she believed Putin wanted Trump to win ...")
        (
            "Asked if she believed Jon Vek wanted Belstad to win the canal vote, Ann Holm said no.",
            "Belstad to win the canal vote",
            "wanted",
            "Jon Vek",
        ),
        # the means of a clause's doer is not the possessor's ("the campaign risks underestimating Mr. Trump's appeal
        # by dismissing him as ...": Trump dismissing himself)
        (
            "The board risks underestimating Jon Vek's appeal by dismissing him as a crank.",
            "him as a crank",
            "dismissing",
            "",
        ),
        # the writer's advice, taken by the quotes stage as a view ("Republicans might want to consider ...")
        ("Belstad might want to consider the canal toll.", "to consider the canal toll", "want", "Belstad"),
        # a link is no object ("Team Trump reportedly wants Mike Tyson at GOP convention https://t.co/...")
        ("Jon Vek wants https://t.co/x1 — Dalen Team", "https://t.co/x1 — Dalen Team", "wants", "Jon Vek"),
    ],
)
def test_no_stance_from_these_views(text: str, content: str, cue: str, speaker: str) -> None:
    start = text.index(content)
    quote = Quote(
        text=content,
        start=start,
        end=start + len(content),
        speaker=speaker or None,
        speaker_kind=SpeakerKind.PERSON if speaker else SpeakerKind.UNKNOWN,
        speaker_start=text.index(speaker) if speaker else None,
        speaker_end=text.index(speaker) + len(speaker) if speaker else None,
        speaker_entity_id=NAMED.get(speaker),
        cue=cue,
    )
    article = _person(_article(text, NAMED, (quote,)), "Ann Holm", "Jon Vek")
    assert [s for s in extract.find(article) if s.cue == cue] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # an adjective in "-able" is no verb ("ideologically acceptable to Republican senators" read as Epstein
        # opposing the senators, with "no question" as its negation)
        (
            "“There is no question Jon Vek could name someone qualified and acceptable to Belstad,” Ann Holm said.",
            "There is no question Jon Vek could name someone qualified and acceptable to Belstad,",
        ),
        # an object ending on its preposition stands before the verb ("something we want to take advantage of",
        # "the type of world I want to live in")
        (
            "“That is a canal we want to take advantage of,” Ann Holm said.",
            "That is a canal we want to take advantage of,",
        ),
    ],
)
def test_no_position_in_these_words(text: str, content: str) -> None:
    assert _said(text, content, direct=content[0].isupper(), names={"Belstad": "e2"}) == ()


# Review h-rs54 of h-st54 (each failed on main at 103a8864).


@pytest.mark.parametrize(
    ("text", "names", "held"),
    [
        # a chief of staff speaks for the one served with words between ("longtime", "new"), as before h-st54: only a
        # chief executive or a chair needs the title next to the name
        (
            "Ann Holm's longtime chief of staff Jon Vek said “we oppose the canal toll.”",
            {"Ann Holm": "PERSON"},
            ["Ann Holm"],
        ),
        ("Belstad's new chief of staff Jon Vek said “we oppose the canal toll.”", {"Belstad": "GPE"}, ["Belstad"]),
        # and a chief executive still needs it
        ("Marovex's new chief executive Jon Vek said “we oppose the canal toll.”", {"Marovex": "ORG"}, []),
    ],
)
def test_a_chief_of_staff_still_speaks_for_the_one_served(text: str, names: dict[str, str], held: list[str]) -> None:
    test_whom_an_office_speaks_for_and_whom_it_does_not(text, names, held)


@pytest.mark.parametrize(
    ("text", "content", "cue", "target"),
    [
        # quoted words that are what the cue after them urged or demanded: the object of the cue, not words written
        # before a verb's object ("On his own blog on Tuesday, Jon Vek did not back down" stays none)
        (
            "“Belstad should drop the canal toll,” Ann Holm demanded.",
            "Belstad should drop the canal toll,",
            "demanded",
            "Belstad should drop the canal toll",
        ),
        (
            "“Scrap the canal toll now,” Ann Holm urged.",
            "Scrap the canal toll now,",
            "urged",
            "Scrap the canal toll now",
        ),
    ],
)
def test_quoted_words_a_speaker_urged_are_what_they_support(text: str, content: str, cue: str, target: str) -> None:
    quote = dataclasses.replace(_quote(text, content, "Ann Holm", cue, "p1"), direct=True)
    found = extract.find(_person(_article(text, NAMED, (quote,)), "Ann Holm", "Jon Vek"))
    assert [(s.actor_id, s.position, s.target) for s in found if s.actor_id == "p1"] == [
        ("p1", Position.SUPPORTS, target)
    ]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # one who speaks for a body, after "for", is no preposition's object that acts on nothing
        ("A spokesman for Belstad rejected the canal toll on Monday.", [("e2", Position.OPPOSES)]),
        # "including" before a thing is the act opposed, not a list of who
        ("Belstad opposed including the canal toll in the accord.", [("e2", Position.OPPOSES)]),
    ],
)
def test_these_clauses_hold_their_position(text: str, held: list[tuple[str, Position]]) -> None:
    assert [(s.actor_id, s.position) for s in extract.find(_article(text, NAMED))] == held


def test_including_before_a_name_is_still_a_list() -> None:
    text = "Dalen advocates including The Harbour Courier backed it."
    assert extract.find(_article(text, NAMED)) == ()


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # what a noun is for or on is the thing judged, not why it is judged (h-st54 cut these to "calls", "the push",
        # "the ban", "the limits", "support")
        ("Ann Holm welcomed calls for scrapping the canal toll.", "calls for scrapping the canal toll"),
        ("Ann Holm welcomed the push for scrapping the canal toll.", "the push for scrapping the canal toll"),
        ("Ann Holm welcomed the ban on campaign posts.", "the ban on campaign posts"),
        ("Ann Holm condemned the limits on rallies in Dalen.", "the limits on rallies in Dalen"),
        # why one is judged still ends the target
        ("Ann Holm praised Belstad for scrapping the canal toll.", "Belstad"),
        ("Ann Holm welcomed calls for scrapping the canal toll as overdue.", "calls for scrapping the canal toll"),
    ],
)
def test_a_judged_nouns_own_for_or_on_stays_in_the_target(text: str, target: str) -> None:
    found = extract.find(_person(_article(text, NAMED), "Ann Holm", "Jon Vek"))
    assert [s.target for s in found if s.actor_id == "p1"] == [target]


@pytest.mark.parametrize(
    "text",
    [
        # a state wished for a thing is a course on it, and being rid of something is one (h-st54 read both as a state
        # wished, no position); "Belstad wants to be the canal's main user" stays none
        "Belstad wants the canal toll to be lower.",
        "Belstad wants to be rid of the canal toll.",
    ],
)
def test_a_state_wished_for_a_thing_is_a_course(text: str) -> None:
    found = extract.find(_article(text, NAMED))
    assert [(s.actor_id, s.position) for s in found] == [("e2", Position.SUPPORTS)]
