"""``newsdesk framing``, ``Corpus.framing`` and the story page's Framing section on an invented story."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from newsdesk.corpus import open_corpus
from newsdesk.errors import ConfigError
from newsdesk.records import Article
from newsdesk.settings import load
from newsdesk.store import Store, coverage
from newsdesk.web import create_app
from tests.test_cli import run

STORY = "sframe0000001"
NORTH = (
    "Officials in Varrow held a vote in the occupied territories on Sunday. Residents of the occupied territories "
    "said the regime slammed its critics, Mayor Oleska Dunn told the Lamp."
)
SOUTH = (
    "Officials in Varrow held a vote in the new regions on Sunday. Residents of the new regions said the "
    "government criticised its opponents, Mayor Olesya Dunn told the Bell."
)


def build(
    path: Path, *, outlets: tuple[str, ...] = ("Northern Lamp", "Southern Bell"), extra: tuple[Article, ...] = ()
) -> None:
    store = Store(path)
    articles = list(extra)
    for i in range(4):
        for outlet in outlets:
            text = NORTH if outlet == "Northern Lamp" else SOUTH
            articles.append(
                Article(id=f"{outlet[:1]}{i}", source=f"{outlet}-{i}.txt", text=text, outlet=outlet, title="Vote")
            )
    store.add(articles)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO stories (id, title, centroid) VALUES (?, 'The Varrow vote', x'00')", (STORY,))
    conn.execute("INSERT INTO events (id, story_id, title, centroid) VALUES ('ev1', ?, 'Vote day', x'00')", (STORY,))
    conn.execute("UPDATE articles SET event_id = 'ev1'")
    coverage.rebuild(conn)  # the articles were given their event by hand, not by the store
    conn.execute("INSERT INTO entities (id, name, type) VALUES ('edunn', 'Oleska Dunn', 'PERSON')")
    for a in articles[len(extra) :]:
        name = "Oleska Dunn" if a.outlet == "Northern Lamp" else "Olesya Dunn"
        start = a.text.index(name)
        conn.execute(
            "INSERT INTO mentions (article_id, start, end, text, type, entity_id) "
            "VALUES (?, ?, ?, ?, 'PERSON', 'edunn')",
            (a.id, start, start + len(name), name),
        )
    conn.commit()
    conn.close()


def test_framing_json_contract(cli: CliRunner, home: Path) -> None:
    build(home / "news.db")
    code, out, err = run(cli, "--db", "news.db", "framing", STORY[:8], "--json")
    assert code == 0, err
    found = json.loads(out)
    assert set(found) == {"story", "articles", "groups", "pairs", "events", "skipped", "note"}
    assert found["story"] == {"id": STORY, "title": "The Varrow vote"} and found["articles"] == 8
    terms = {g["name"]: [t["term"] for t in g["terms"]] for g in found["groups"]}
    assert terms["Northern Lamp"][0] == "occupied territories" and terms["Southern Bell"][0] == "new regions"
    for group in found["groups"]:
        assert set(group) == {"name", "outlets", "articles", "terms", "loaded", "omitted"}
        for term in group["terms"]:
            assert set(term) == {"term", "z", "significant", "count", "others", "articles", "examples"}
            assert term["significant"]  # four articles an outlet: only what passes the test is listed
    kinds = {p["kind"]: {s["term"] for s in p["sides"]} for p in found["pairs"]}
    assert kinds["entity"] == {"Oleska Dunn", "Olesya Dunn"}
    assert {"occupied territories", "new regions"} in [{s["term"] for s in p["sides"]} for p in found["pairs"]]
    assert [e["id"] for e in found["events"]] == ["ev1"]


def test_framing_table_and_errors(cli: CliRunner, home: Path) -> None:
    build(home / "news.db")
    code, out, _ = run(cli, "--db", "news.db", "framing", STORY)
    assert code == 0
    assert "Northern Lamp" in out and "occupied territories" in out and "slammed" in out
    # The group is the outlet: named once, and its article count reads right.
    assert "Northern Lamp 4 articles\n" in out and "Northern Lamp; Northern Lamp" not in out
    examples = [line.strip() for line in out.splitlines() if line.startswith("    “")]
    assert examples and len(examples) == len(set(examples))  # a sentence holding two terms is shown once
    code, _, err = run(cli, "--db", "news.db", "framing", "snothing")
    assert code == 4 and "No story" in err


# A third outlet with one article: its own wording is listed apart, marked "only here" (too few uses to test).
HARBOUR = Article(
    id="h0",
    source="harbour-0.txt",
    text="Officials in Varrow held a vote on Sunday. Critics called it a reckless gamble with the harbour.",
    outlet="Harbour Note",
    title="Vote",
)


def test_a_one_article_outlet_shows_its_own_wording_as_only_here(cli: CliRunner, home: Path) -> None:
    build(home / "news.db", extra=(HARBOUR,))
    code, out, err = run(cli, "--db", "news.db", "framing", STORY, "--json")
    assert code == 0, err
    harbour = next(g for g in json.loads(out)["groups"] if g["name"] == "Harbour Note")
    own = {t["term"]: t for t in harbour["terms"]}
    assert {"reckless", "gamble"} <= set(own) and not own["reckless"]["significant"]
    code, out, _ = run(cli, "--db", "news.db", "framing", STORY)
    assert code == 0 and "reckless (1, only here)" in out
    with open_corpus(home / "news.db") as corpus, TestClient(create_app(corpus)) as client:
        section = client.get(f"/stories/{STORY}.json").json()["framing"]
        page = client.get(f"/stories/{STORY}").text
    terms = next(g for g in section["groups"] if g["name"] == "Harbour Note")["terms"]
    assert terms and not any(t["significant"] for t in terms)
    assert "only here" in page


def test_one_outlet_story_says_there_is_nothing_to_compare(cli: CliRunner, home: Path) -> None:
    build(home / "news.db", outlets=("Northern Lamp",))
    code, out, _ = run(cli, "--db", "news.db", "framing", STORY, "--json")
    found = json.loads(out)
    assert code == 0 and found["note"].startswith("Only one outlet") and found["pairs"] == []


def test_groups_from_settings(tmp_path: Path) -> None:
    build(tmp_path / "news.db")
    settings = load(overrides={"framing": {"groups": ["Northern Lamp = north", "southern bell = south"]}})
    with open_corpus(tmp_path / "news.db", settings=settings) as corpus:
        found = corpus.framing(STORY)
    assert sorted(g["name"] for g in found["groups"]) == ["north", "south"]
    bad = load(overrides={"framing": {"groups": ["Northern Lamp"]}})
    with open_corpus(tmp_path / "news.db", settings=bad) as corpus, pytest.raises(ConfigError, match="outlet = group"):
        corpus.framing(STORY)


def test_story_page_has_a_framing_section(tmp_path: Path) -> None:
    build(tmp_path / "news.db")
    with open_corpus(tmp_path / "news.db") as corpus, TestClient(create_app(corpus)) as client:
        twin = client.get(f"/stories/{STORY}.json").json()
        page = client.get(f"/stories/{STORY}")
    section = twin["framing"]
    assert section["total"] == 2 and section["note"] is None
    north = next(g for g in section["groups"] if g["name"] == "Northern Lamp")
    assert north["terms"][0]["term"] == "occupied territories" and north["terms"][0]["example"]["article_id"]
    assert 'id="framing"' in page.text and "occupied territories" in page.text


def test_the_dashboard_reads_a_sample_of_a_large_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.digest import framing as view  # the section is made by the digest stage, at analysis

    monkeypatch.setattr(view, "SAMPLE", 4)
    build(tmp_path / "news.db")
    with open_corpus(tmp_path / "news.db") as corpus, TestClient(create_app(corpus)) as client:
        section = client.get(f"/stories/{STORY}.json").json()["framing"]
        page = client.get(f"/stories/{STORY}")
        full = corpus.framing(STORY)
    assert section["articles"] == full["articles"] == 8
    assert full["events"] and corpus_events_off(tmp_path / "news.db") == []
    assert 2 <= section["read"] <= 5
    assert "Read from" in page.text and f"newsdesk framing {STORY}" in page.text


def test_a_story_without_articles_gives_empty_results(cli: CliRunner, home: Path) -> None:
    build(home / "news.db")
    conn = sqlite3.connect(home / "news.db")
    conn.execute("INSERT INTO stories (id, title, centroid) VALUES ('sempty0000001', 'Nothing yet', x'00')")
    conn.commit()
    conn.close()
    code, out, _ = run(cli, "--db", "news.db", "framing", "sempty0000001", "--json")
    found = json.loads(out)
    assert code == 0 and found["articles"] == 0 and found["groups"] == [] and found["note"]
    code, out, _ = run(cli, "--db", "news.db", "framing", "sempty0000001")
    assert code == 0 and "no articles" in out


def corpus_events_off(path: Path) -> list[object]:
    with open_corpus(path) as corpus:
        events: list[object] = corpus.framing(STORY, by_event=False)["events"]
    return events


def test_framing_never_looks_for_the_whole_storys_contradictions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What an outlet leaves out needs the claim clusters only; seeking every conflict of a large story cost most of
    # its page's first view (17 s of CPU on a 3,000-article story).
    from newsdesk.claims import summary

    build(tmp_path / "news.db")
    asked: list[object] = []
    real = summary.clusters

    def clusters(rows: object, stances: object = None, only: object = None) -> object:
        asked.append(only)
        return real(rows, stances, only)  # type: ignore[arg-type]

    monkeypatch.setattr(summary, "clusters", clusters)
    with open_corpus(tmp_path / "news.db") as corpus:
        corpus.framing(STORY)
    assert asked == [set()]
