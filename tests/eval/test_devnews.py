"""The dev-news measures' labels and plumbing (the scores themselves are held by test_gate.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval import devnews
from tests.eval.gate import shared

FOLDER = shared() / "dev-news"


def test_header_becomes_metadata_and_the_gold_label_is_never_fed_in(tmp_path: Path) -> None:
    path = tmp_path / "001.txt"
    path.write_text(
        "url: https://example.org/a\ntitle: A title\noutlet: Example (example.org)\ndate: unknown\n"
        "story: line:event\n\nFirst paragraph.\n\nSecond: paragraph.\n",
        encoding="utf-8",
    )
    header, body = devnews.read(path)
    assert header["story"] == "line:event"
    assert body == "First paragraph.\n\nSecond: paragraph.\n"
    assert devnews.record(header, body) == {
        "text": body,
        "title": "A title",
        "outlet": "Example (example.org)",
        "url": "https://example.org/a",
    }


def test_every_file_has_a_story_label_and_the_groups_name_existing_files() -> None:
    numbers = {int(p.stem) for p in devnews.files(FOLDER)}
    assert numbers == set(range(1, 61))
    assert all(":" in devnews.read(p)[0]["story"] for p in devnews.files(FOLDER))
    assert {n for group in devnews.GROUPS for n in group} <= numbers


@pytest.mark.parametrize("spelling", sorted({s for pair in devnews.VARIANTS for s in pair}))
def test_every_variant_spelling_is_written_in_the_articles(spelling: str) -> None:
    bodies = [devnews.read(p)[1] for p in devnews.files(FOLDER)]
    assert any(spelling in body for body in bodies), f"{spelling!r} is in no dev-news body: a typo in VARIANTS?"


def test_pairs_within_and_across_groups() -> None:
    within, across = devnews._pairs(((1, 2, 3), (4, 5)))
    assert within == [(1, 2), (1, 3), (2, 3), (4, 5)]
    assert len(across) == 6 and (3, 5) in across


def test_expected_type_reads_the_name_then_the_aliases() -> None:
    assert devnews.expected_type({"name": "Netflix Inc", "aliases": ["Netflix"]}) == "ORG"
    assert devnews.expected_type({"name": "Belém", "aliases": []}) == devnews.PLACE
    assert devnews.expected_type({"name": "Harry Potter", "aliases": []}) is None


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("Updated 5 mins ago", True),
        ("Item 1 of 4 Firefighters work at the scene.", True),
        ("ALSO READ: Hong Kong fire toll rises", True),
        ("The fire started just before 3pm on Wednesday.", False),
        ("Loading...", True),
        ("Workers were loading bamboo onto the scaffolding.", False),
        ("2 mins ago", True),
        ("Posted 3 hours ago by the desk", True),
        ("A handout picture. EDITORIAL USE ONLY. NO RESALE.", True),
        ("Item 1 of 5 Rescuers search the ruins in Orlan.", True),
        ("Most read Varnholm mayor resigns over ferry contract", True),
        ("Related stories Tesk river floods reach Orlan", True),
        ("You may also like: Five ferries to see this summer", True),
        ("Photo: Mara Lindqvist/Veloria Ledger", True),
        ("4 min read", True),
        ("The minister said most readers of the report agreed with its findings.", False),
        ("Crews worked for hours after the bridge closed, and two hours ago the road reopened.", False),
        ("The ferry left four hours later than planned.", False),
        ("Related talks in Orlan ended without a deal.", False),
    ],
)
def test_furniture_patterns(text: str, furniture: bool) -> None:
    assert bool(devnews.FURNITURE.search(text)) is furniture


@pytest.mark.parametrize(
    ("cue", "text", "direct", "kind"),
    [
        ("declined", "to comment on the strike", False, "refusal"),
        ("respond", "repeated calls seeking comment", False, "refusal"),
        ("submitted", "his resignation following searches by the bureau", False, "act"),
        ("filed", "a complaint with the league", False, "act"),
        ("want", "a shorter working week", False, "view"),
        ("said", "the port would reopen in May", False, None),
        ("fear", "reward", True, None),  # a partial quote under a cognition verb is still quoted words
        ("said", "We will not comment on rumours.", True, None),
    ],
)
def test_what_a_quote_never_is(cue: str, text: str, direct: bool, kind: str | None) -> None:
    assert devnews.not_a_quote({"cue": cue, "text": text, "direct": direct}) == kind


@pytest.mark.parametrize(
    ("words", "thing"),
    [
        ("the harbour company", True),
        ("Velmar Freight chief executive Ivo Marlow", True),
        ("its all-share takeover proposal", True),
        ("possible gains under the incoming council", True),
        ("resistance to Velmar’s proposed takeover of the ferry line", True),
        ("the port would reopen in May", False),
        ("to remove the harbour master", False),
        ("the mayor as the architect of the plan", False),
        ("the dockers of breaking the agreement", False),
    ],
)
def test_reported_words_that_only_name_a_thing(words: str, thing: bool) -> None:
    assert devnews.a_thing(words) is thing


def test_claim_pairs_count_two_facts_in_one_cluster_and_one_fact_split() -> None:
    from tests.eval import claim_pairs

    alike, apart = claim_pairs.pairs()
    assert len(alike) == 193 and len(apart) == 58  # as labelled
    assert len(claim_pairs.facts()) == 243
    files = {f"art{n}": n for n in range(1, 61)}

    def cluster(id_: str, *claims: str) -> dict[str, object]:
        rows = [{"article_id": f"art{c.split(':')[0]}", "start": int(c.split(":")[1])} for c in claims]
        return {"id": id_, "support": rows}

    labelled = [cluster(f"c{i}", *[c for g in groups for c in g]) for i, groups in enumerate(claim_pairs.CLUSTERS)]
    scores, _ = claim_pairs.score(labelled, files)
    assert scores == {
        "devnews.claim_pairs_precision": 0.7689,
        "devnews.claim_pairs_recall": 1.0,
        "devnews.claim_pairs_found": 1.0,
    }
    # Every cluster cut into its facts: precision 1. The arrests cut in two: 16 of their 28 pairs split.
    first = [c for group in claim_pairs.CLUSTERS[0] for c in group]
    arrests = claim_pairs.CLUSTERS[1][0]
    cut = [
        cluster(f"f{i}.{g}", *group) for i, groups in enumerate(claim_pairs.CLUSTERS) for g, group in enumerate(groups)
    ]
    cut = [c for c in cut if c["id"] != "f1.0"] + [cluster("a1", *arrests[:4]), cluster("a2", *arrests[4:])]
    scores, errors = claim_pairs.score(cut, files)
    assert scores["devnews.claim_pairs_precision"] == 1.0 and not errors["devnews.claim_pairs_precision"]
    assert scores["devnews.claim_pairs_recall"] == round((193 - 16) / 193, 4)
    assert "1:511 and 6:2: one fact, two clusters" in errors["devnews.claim_pairs_recall"]
    # Two labelled clusters joined: two facts, unless SAME_ACROSS names them one (the toll of 128, twice told).
    joined = [cluster("j", *first, *arrests), *labelled[2:]]
    scores, errors = claim_pairs.score(joined, files)
    assert (
        scores["devnews.claim_pairs_precision"] < 0.7689
        and f"{first[0]} and {arrests[0]}: one cluster, two facts" in errors["devnews.claim_pairs_precision"]
    )
    tolls = [c for g in (claim_pairs.CLUSTERS[16][0], claim_pairs.CLUSTERS[58][0]) for c in g]
    rest = [c for k, c in enumerate(labelled) if k not in (16, 58)]
    scores, errors = claim_pairs.score([*rest, cluster("t", *tolls)], files)
    assert not any(line.startswith(tuple(tolls)) for line in errors["devnews.claim_pairs_precision"])
    # A labelled claim lost is counted: found falls, and its group's pairs are split.
    scores, errors = claim_pairs.score([cluster("c0", *first[1:]), *labelled[1:]], files)
    assert scores["devnews.claim_pairs_found"] == round(242 / 243, 4) and errors["devnews.claim_pairs_found"] == [
        f"{first[0]}: not found"
    ]


def test_seed_events_name_each_event_its_seeds_and_the_other_articles_it_holds() -> None:
    seeds = {"000 launch": "e11111111aaa", "001 launch": "e11111111aaa", "002 recall": "e22222222bbb"}
    others = {"dev-news 007": "e22222222bbb", "dev-news 008": "e33333333ccc"}
    lines = devnews.seed_events(seeds, others, {"e11111111aaa": "s44444444ddd", "e22222222bbb": "s44444444ddd"})
    assert lines == [
        "story s4444444 event e1111111: 000 launch, 001 launch",
        "story s4444444 event e2222222: 002 recall; with dev-news 007",
    ]


def test_quotes_read_by_hand_score_what_a_run_lists_with_each_span() -> None:
    from types import SimpleNamespace

    from tests.eval import quote_reading

    assert len(quote_reading.READ) == 230 and len(quote_reading.NOT_QUOTES) == 3 and len(quote_reading.MISSED) == 3
    labelled = {**quote_reading.READ, **quote_reading.MISSED}

    def run(rows: dict[str, tuple[bool, str | None, str]]) -> tuple[dict[str, float], dict[str, list[str]]]:
        quotes: dict[str, list[dict[str, object]]] = {}
        for key, (direct, speaker, kind) in rows.items():
            number, start, end = key.split(":")
            row = {
                "start": int(start),
                "end": int(end),
                "direct": direct,
                "speaker": speaker,
                "speaker_kind": kind,
                "kind": "speech",
            }
            quotes.setdefault(f"art{number}", []).append(row | {"speaker_entity_id": None})
        corpus = SimpleNamespace(entities=list, quotes=lambda article_id: quotes.get(article_id, []))
        by_file = {n: SimpleNamespace(id=f"art{n}") for n in range(1, 61)}
        return quote_reading.measure(corpus, by_file)  # type: ignore[arg-type]

    scores, _ = run(labelled)
    assert scores == {
        "devnews.read_quotes_found": 1.0,
        "devnews.read_quote_speakers": 1.0,
        "devnews.read_not_quotes": 1.0,
    }
    # A speaker given to the person the words are about, a quote lost, reported speech listed as direct, and a
    # thing listed as speech.
    wrong = dict(labelled)
    wrong["57:222:258"] = (True, "Sheikh Hasina", "person")
    del wrong["5:1844:1916"]
    wrong["1:162:217"] = (True, "authorities", "group")
    wrong["39:630:669"] = (False, "a report", "document")
    scores, errors = run(wrong)
    assert scores["devnews.read_quotes_found"] == 231 / 233
    assert errors["devnews.read_quotes_found"] == ["1:162:217", "5:1844:1916"]
    assert errors["devnews.read_quote_speakers"] == [
        "57:222:258: want group 'Bangladesh’s Awami League party', got 'Sheikh Hasina'"
    ]
    assert errors["devnews.read_not_quotes"] == ["39:630:669"] and scores["devnews.read_not_quotes"] == 1 - 1 / 3
    # The span matters: the thing cut from a clause is not the clause.
    cut = {k: v for k, v in labelled.items() if k != "54:1680:1779"} | {"54:1680:1735": (False, "Prosecutors", "group")}
    scores, errors = run(cut)
    assert errors["devnews.read_quotes_found"] == ["54:1680:1779"] and errors["devnews.read_not_quotes"] == [
        "54:1680:1735"
    ]
