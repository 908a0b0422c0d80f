"""The quotes and entities commands on the real seed articles: JSON contracts, filters, tables."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import newsdesk
from tests.test_cli import run

QUOTE_CONTRACT = {
    "id": str,
    "article_id": str,
    "text": str,
    "start": int,
    "end": int,
    "speaker": (str, type(None)),
    "speaker_kind": str,
    "speaker_entity_id": (str, type(None)),
    "speaker_start": (int, type(None)),
    "speaker_end": (int, type(None)),
    "cue": (str, type(None)),
    "via": list,
    "confidence": float,
}
ENTITY_CONTRACT = {
    "id": str,
    "name": str,
    "type": str,
    "aliases": list,
    "mentions": int,
    "articles": int,
    "roles": list,
}


def test_quotes_and_entities_json_contracts(cli: CliRunner, seeds_dir: Path) -> None:
    code, _, err = run(cli, "--db", "news.db", "ingest", str(seeds_dir))
    assert code == 0, err
    code, out, _ = run(cli, "--db", "news.db", "quotes", "--json")
    quotes = json.loads(out)
    assert quotes
    texts = {}
    for q in quotes:
        for key, kind in QUOTE_CONTRACT.items():
            assert isinstance(q[key], kind), (key, q[key])
        assert q["speaker_kind"] in {"person", "anonymous", "group", "document", "unknown"}
        assert 0 <= q["confidence"] <= 1
        if q["article_id"] not in texts:
            _, shown, _ = run(cli, "--db", "news.db", "show", q["article_id"], "--json")
            texts[q["article_id"]] = json.loads(shown)["text"]
        assert texts[q["article_id"]][q["start"] : q["end"]] == q["text"]
    code, out, _ = run(cli, "--db", "news.db", "entities", "--json")
    entities = json.loads(out)
    for e in entities:
        for key, kind in ENTITY_CONTRACT.items():
            assert isinstance(e[key], kind), (key, e[key])
    (yermak,) = [e for e in entities if "Jermak" in e["aliases"]]
    assert {"Yermak", "Andriy Yermak"} <= set(yermak["aliases"])
    code, out, _ = run(cli, "--db", "news.db", "quotes", "--json", "--speaker", "jermak")
    said = json.loads(out)
    assert said and all(q["speaker_entity_id"] == yermak["id"] for q in said)
    assert any("sane person" in q["text"] for q in said)


def test_quotes_table_groups_by_speaker_and_filters_by_article(cli: CliRunner, seeds_dir: Path) -> None:
    run(cli, "--db", "news.db", "ingest", str(seeds_dir / "003_36a1fef4c40700eb.txt"))
    code, out, _ = run(cli, "--db", "news.db", "articles", "--json")
    article_id = json.loads(out)[0]["id"]
    code, out, _ = run(cli, "--db", "news.db", "quotes", "--article", article_id[:6])
    assert code == 0
    assert "Karoline Leavitt · person" in out
    assert "one well-placed source · anonymous" in out
    code, _, err = run(cli, "--db", "news.db", "quotes", "--article", "ffffffff")
    assert code == 4, err  # not found


def test_quotes_on_an_empty_database_says_what_to_run(cli: CliRunner) -> None:
    newsdesk.open("empty.db").close()
    code, out, _ = run(cli, "--db", "empty.db", "quotes")
    assert code == 0
    assert "No quotes found" in out


def test_quotes_direct_and_confidence_filters(cli: CliRunner, seeds_dir: Path) -> None:
    run(cli, "--db", "news.db", "ingest", str(seeds_dir / "003_36a1fef4c40700eb.txt"))
    _, out, _ = run(cli, "--db", "news.db", "quotes", "--json")
    every = json.loads(out)
    _, out, _ = run(cli, "--db", "news.db", "quotes", "--json", "--direct")
    direct = json.loads(out)
    assert direct == [q for q in every if q["direct"]] and len(direct) < len(every)
    _, out, _ = run(cli, "--db", "news.db", "quotes", "--json", "--min-confidence", "0.8")
    assert json.loads(out) == [q for q in every if q["confidence"] >= 0.8]


def test_quotes_lists_words_said_and_views_only_when_asked(cli: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Harbour strike ends\n\n"
        "Mayor Ilse Varga praised Velmar Freight chief executive Ivo Marlow at the opening of the new terminal. "
        "Ivo Marlow said that the ferries would sail again on Monday after the strike ended. "
        "Most dockers want a shorter working week, the union said in a statement on Friday.\n",
        encoding="utf-8",
    )
    code, _, err = run(cli, "--db", "news.db", "ingest", str(article))
    assert code == 0, err
    _, out, _ = run(cli, "--db", "news.db", "quotes", "--json", "--views")
    every = json.loads(out)
    assert {q["kind"] for q in every} == {"speech", "view"}
    praised = next(q for q in every if q["cue"] == "praised")
    assert praised["kind"] == "view"  # praise of a person is an attitude, not words said
    _, out, _ = run(cli, "--db", "news.db", "quotes", "--json")
    assert json.loads(out) == [q for q in every if q["kind"] == "speech"]
    _, table, _ = run(cli, "--db", "news.db", "quotes")
    lines = [line.strip() for line in table.splitlines()]
    assert any(line.startswith("reported the ferries") for line in lines)
    assert "chief executive Ivo Marlow" not in table
    _, table, _ = run(cli, "--db", "news.db", "quotes", "--views")
    lines = [line.strip() for line in table.splitlines()]
    assert any(line.startswith("view Velmar Freight chief executive Ivo Marlow") for line in lines)
