"""Claims on bad input (issue 14): an article with no claims, a one-article story, numbers in lists and tables,
the JSON contracts' fields, and clear CLI errors for an unknown story. Texts are our own, with invented names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli as newsdesk_cli
from newsdesk.cli.exit_status import ExitStatus
from newsdesk.corpus import Corpus
from newsdesk.store import Store

from .test_claims import CORPUS, FAST

NO_CLAIMS = """title: A quiet morning in Brennick
outlet: Tarrow Ledger
date: 2026-04-02

Is it time to rethink the market square?
I think the new benches look lovely.
Share this article
"""

ONE = """title: Ferry Osna returns to Brennick harbour
outlet: Tarrow Ledger
date: 2026-04-03

The ferry Osna returned to Brennick harbour on Thursday after 14 days of repairs, the harbour master said.
Repairs to the Osna cost 230,000 euros, according to the Brennick port office.
"""

LISTS = """title: Brennick regatta results
outlet: Tarrow Ledger
date: 2026-04-05

The Brennick regatta drew 48 boats from 6 harbours on Saturday, the organisers said.
- 12 boats from Osna Bay
- 9 boats from Kellow
- 7 boats from Dunmarsh
Crew | Boats | Points
Osna | 12 | 340
Kellow | 9 | 310
1. Kellow Rowing Club
2. Osna Bay Sailors
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    path = folder / "news.db"
    with Corpus(Store(path), settings=FAST) as c:
        report = c.ingest(
            [
                CORPUS,
                _write(folder / "in", "none.txt", NO_CLAIMS),
                _write(folder / "in", "one.txt", ONE),
                _write(folder / "in", "lists.txt", LISTS),
            ]
        )
        assert not report.failures
    return path


@pytest.fixture(scope="module")
def corpus(db: Path) -> Any:
    with Corpus(Store(db), settings=FAST) as c:
        yield c


def _story_of(corpus: Corpus, title: str) -> str:
    article = next(a for a in corpus.articles() if a["title"] == title)
    return next(s["id"] for s in corpus.stories() if article["id"] in s["article_ids"])


def test_an_article_with_no_claims_gives_none_and_no_empty_cluster(corpus: Corpus) -> None:
    article = next(a for a in corpus.articles() if a["title"] == "A quiet morning in Brennick")
    assert corpus.store.claims([article["id"]]) == {}
    assert all(r["support"] and r["article_ids"] for r in corpus.claims())
    assert all(article["id"] not in r["article_ids"] for r in corpus.claims())


def test_a_one_article_story_is_single_source_and_uncontested(corpus: Corpus) -> None:
    story = _story_of(corpus, "Ferry Osna returns to Brennick harbour")
    rows = corpus.claims(story)
    assert rows and all(r["single_source"] and len(r["article_ids"]) == 1 for r in rows)
    assert corpus.contradictions(story) == []
    money = [v for r in rows for v in r["values"] if v["kind"] == "money"]
    assert money and money[0]["value"] == "EUR 230000"


def test_numbers_in_lists_and_tables_are_no_claims(corpus: Corpus) -> None:
    article = next(a for a in corpus.articles() if a["title"] == "Brennick regatta results")
    found = corpus.store.claims([article["id"]])[article["id"]]
    assert [c.text for c in found] == [
        "The Brennick regatta drew 48 boats from 6 harbours on Saturday, the organisers said."
    ]
    text = corpus.article(article["id"]).text
    assert all(text[c.start : c.end] == c.text for c in found)


def test_claims_and_contradictions_json_contracts(corpus: Corpus) -> None:
    support_keys = {"article_id", "origin", "stance", "start", "end", "asserted_by", "via"}
    for row in corpus.claims():
        assert isinstance(row["independent_origins"], list) and isinstance(row["contradicts"], list)
        assert isinstance(row["values"], list) and isinstance(row["confidence"], float)
        for s in row["support"]:
            assert support_keys <= set(s), support_keys - set(s)
    found = corpus.contradictions()
    assert found
    for item in found:
        assert {"id", "story_id", "slot", "sides"} <= set(item)
        assert len(item["sides"]) == 2
        for side in item["sides"]:
            assert {"value", "text", "claim_id", "article_ids", "origins"} <= set(side)
            assert side["article_ids"] and side["origins"]


@pytest.mark.parametrize("command", ["claims", "contradictions"])
def test_cli_unknown_story_is_a_clear_error_and_json_is_the_contract(db: Path, command: str) -> None:
    runner = CliRunner()
    result = runner.invoke(newsdesk_cli, ["--db", str(db), command, "s-nothing"])
    assert result.exit_code == ExitStatus.NOT_FOUND
    assert "No story with id 's-nothing'" in result.stderr and "newsdesk stories" in result.stderr
    result = runner.invoke(newsdesk_cli, ["--db", str(db), command, "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows and all("story_id" in r and "id" in r for r in rows)


def test_cli_a_filter_that_keeps_no_claim_says_so_and_one_article_is_singular(db: Path, corpus: Corpus) -> None:
    story = _story_of(corpus, "Ferry Osna returns to Brennick harbour")
    runner = CliRunner()
    # The story has claims, none disputed: not the advice for a store with no claims at all. --contested, the
    # flag's earlier name, is kept (hidden) and filters alike.
    for flag in ("--disputed", "--contested"):
        result = runner.invoke(newsdesk_cli, ["--db", str(db), "claims", story, flag], catch_exceptions=False)
        assert result.exit_code == 0
        assert "No disputed claims in this story." in result.stdout and "ingest articles" not in result.stdout
    result = runner.invoke(newsdesk_cli, ["--db", str(db), "claims", story], catch_exceptions=False)
    assert "  1 article, 1 independent origin:" in result.stdout and "1 articles" not in result.stdout
