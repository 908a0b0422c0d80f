"""The demo corpus (our own invented articles) ingests as its hand annotations say, and `newsdesk demo` runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli as newsdesk_cli
from newsdesk.corpus import Corpus
from newsdesk.demo import corpus_path

EXPECTED: dict[str, Any] = json.loads((corpus_path() / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_rows() -> dict[str, dict[str, Any]]:
    from newsdesk.store import Store

    with Corpus(Store(":memory:")) as corpus:
        report = corpus.ingest([corpus_path()])
        assert report.ok, report.failures
        rows = {}
        for row in corpus.articles():
            key = Path(row["source"]).name if "#" not in row["source"] else None
            article = corpus.article(row["id"])
            rows[key or row["source"]] = {**row, "text": article.text, "meta": dict(article.meta)}
    return rows


def _row(rows: dict[str, dict[str, Any]], file: str) -> dict[str, Any]:
    if file in rows:
        return rows[file]
    # JSONL lines are stored as path#line; feed items under their link.
    matches = [r for k, r in rows.items() if k.endswith(file)]
    if matches:
        return matches[0]
    _, _, number = file.partition("#")
    items = [r for r in rows.values() if r["source"].startswith("http")]
    return sorted(items, key=lambda r: r["published"] or "")[int(number) - 1]


@pytest.mark.parametrize("expected", EXPECTED["articles"], ids=lambda e: e["file"])
def test_demo_article_metadata(demo_rows: dict[str, dict[str, Any]], expected: dict[str, Any]) -> None:
    row = _row(demo_rows, expected["file"])
    for field in ("title", "published", "byline", "ai_generated", "cites"):
        assert row[field] == expected[field], field
    # The outlet as the article states it; stored as the store spells that outlet (``newsdesk.outlets``).
    assert row["meta"].get("outlet_as_written", row["outlet"]) == expected["outlet"]
    for piece in expected["boilerplate"]:
        assert piece not in row["text"], piece


def test_demo_outlets_are_one_spelling_each(demo_rows: dict[str, dict[str, Any]]) -> None:
    # Three text files print the Ledger's domain and its HTML page its name: one outlet, stored under its name.
    ledger = {name: row["outlet"] for name, row in demo_rows.items() if "veloria-ledger" in name}
    assert len(ledger) == 4 and set(ledger.values()) == {"Veloria Ledger"}
    assert demo_rows["a01_veloria-ledger.txt"]["meta"]["outlet_as_written"] == "velorialedger.example"
    assert {row["outlet"] for name, row in demo_rows.items() if "radio-caldera" in name} == {"Radio Caldera"}


def test_demo_command_prints_what_it_found(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        newsdesk_cli, ["demo", "--no-serve", "--out", str(tmp_path / "demo.db")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert "18 added" in result.stderr
    assert "not read" not in result.stderr  # the corpus folder's README and annotations are no articles to count
    assert "18 articles" in result.stdout
    assert "AI-written" in result.stdout
    # The agency's copies credit "(MPA)", the digest its name: one source, counted under the name it stores.
    cited = next(line for line in result.stdout.splitlines() if line.startswith("Most cited as a source:"))
    assert "Meridian Press Agency (3)" in cited and "MPA" not in cited
    again = runner.invoke(
        newsdesk_cli, ["demo", "--no-serve", "--out", str(tmp_path / "demo.db")], catch_exceptions=False
    )
    assert "18 added" in again.stderr  # a fresh database every time


def test_demo_corpus_says_it_is_fiction() -> None:
    readme = (corpus_path() / "README.md").read_text(encoding="utf-8").lower()
    assert "fiction" in readme and "invented" in readme


def test_issue_review_demo_never_replaces_a_database_it_did_not_make(tmp_path: Path, seeds_dir: Path) -> None:
    runner = CliRunner()
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    result = runner.invoke(newsdesk_cli, ["demo", "--no-serve", "--out", str(notes)])
    assert result.exit_code != 0 and "is not a demo database" in result.stderr
    assert notes.read_text() == "my notes"
    real = tmp_path / "real.db"
    runner.invoke(newsdesk_cli, ["--db", str(real), "-q", "ingest", str(seeds_dir)], catch_exceptions=False)
    result = runner.invoke(newsdesk_cli, ["demo", "--no-serve", "--out", str(real)])
    assert result.exit_code != 0
    listed = runner.invoke(newsdesk_cli, ["--db", str(real), "articles", "--json"], catch_exceptions=False)
    assert len(__import__("json").loads(listed.stdout)) == 5
