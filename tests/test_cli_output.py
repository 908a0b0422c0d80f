"""What the commands print: plain rows when piped, counts with the right plural, reported speech never in
quotation marks, and ``show --json`` with the article's quotes, entities, copies and origin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsdesk.cli import cli as newsdesk_cli
from newsdesk.report import provenance

LONG_TITLE = (
    "Kelvport ferry terminal to open in May after years of delay, the city's mayor tells residents at a packed "
    "meeting in the old customs hall"
)
TEXT = (
    "The new ferry terminal at Kelvport will open in May, Mayor Tomas Brenn told residents on Wednesday evening. "
    '"We have waited long enough for this," Brenn said at the town hall meeting. Port engineer Dalia Morcan said '
    "the north pier still needed repairs before the first crossing, the Harbour Courier reported. The terminal "
    "cost the city more than it had planned, and the council will review the contracts next month."
)
OTHER = (
    "Snow closed the mountain road above Varnholt for a second day, and the regional roads office said ploughs "
    "would work through the night. Buses to the valley villages run on the lower road until it reopens."
)
HEADER = ["id", "outlet", "published", "title", "words", "ai_generated", "cites"]
NO_SPACY = '[pipeline]\nstages = ["cites", "dates", "dedupe", "cluster", "origins"]\n'


def run(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(newsdesk_cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _ingest(cli: CliRunner, home: Path, lines: list[dict[str, Any]]) -> None:
    source = home / "items.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, _, err = run(cli, "-q", "ingest", str(source))
    assert code == 0, err


def _two(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    _ingest(
        cli,
        home,
        [
            {"title": LONG_TITLE, "outlet": "Kelvport Tribune", "published": "2026-04-02", "text": TEXT},
            {"title": "Mountain road closed", "outlet": "Varnholt Post", "published": "2026-01-10", "text": OTHER},
        ],
    )


def test_piped_tables_are_plain_rows_never_folded(cli: CliRunner, home: Path) -> None:
    _two(cli, home)
    code, out, _ = run(cli, "articles")
    lines = out.splitlines()
    # The title, the header, one line a row: nothing folded at 80 columns and no box drawing.
    assert code == 0 and len(lines) == 4, out
    assert lines[0] == "2 articles" and lines[1].split() == [
        "id",
        "outlet",
        "published",
        "title",
        "words",
        "ai_generated",
        "cites",
    ]
    row = next(line for line in lines if "Kelvport Tribune" in line)
    assert LONG_TITLE in row and len(row) > 120
    assert not set("│┃━─┏┡") & set(out)
    # Columns are aligned: every row's title starts where the header's does.
    at = lines[1].index("title")
    assert all(line[at:].startswith(("title", LONG_TITLE, "Mountain")) for line in lines[1:])
    code, out, _ = run(cli, "search", "ferry")
    assert code == 0 and LONG_TITLE in out and len(out.splitlines()) == 3
    code, out, _ = run(cli, "stories")
    assert code == 0 and any(LONG_TITLE in line for line in out.splitlines())


def test_tsv_is_a_header_and_one_line_a_row(cli: CliRunner, home: Path) -> None:
    _two(cli, home)
    code, out, _ = run(cli, "articles", "--tsv")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and rows[0] == ["id", "outlet", "published", "title", "words", "ai_generated", "cites"]
    assert len(rows) == 3 and all(len(r) == 7 for r in rows)
    by_outlet = {r[1]: r for r in rows[1:]}
    assert by_outlet["Kelvport Tribune"][3] == LONG_TITLE and by_outlet["Kelvport Tribune"][6] == "Harbour Courier"
    assert by_outlet["Varnholt Post"][6] == ""  # nothing credited: an empty cell


def test_counts_say_one_article_not_one_articles(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    _ingest(cli, home, [{"title": "Mountain road closed", "outlet": "Varnholt Post", "text": OTHER}])
    _, out, _ = run(cli, "articles")
    assert out.splitlines()[0] == "1 article"
    _, out, _ = run(cli, "stories")
    assert "· 1 article" in out and "1 articles" not in out
    _, out, _ = run(cli, "search", "ploughs")
    assert out.startswith("1 match for 'ploughs'")
    _, out, _ = run(cli, "failures")
    assert out.startswith("0 failures")
    _ingest(cli, home, [{"title": "Road reopens", "outlet": "Varnholt Post", "text": OTHER + " It reopened."}])
    _, out, _ = run(cli, "articles")
    assert out.splitlines()[0] == "2 articles"


def test_show_json_has_quotes_entities_copies_and_origin(cli: CliRunner, home: Path) -> None:
    original = {"title": "Ferry terminal opens", "outlet": "Kelvport Tribune", "published": "2026-04-02"}
    copy = {"title": "Ferry terminal to open", "outlet": "Coastline Daily", "published": "2026-04-03"}
    # The same text with a line added: a copy (the store keeps one article per exact text).
    _ingest(cli, home, [{**original, "text": TEXT}, {**copy, "text": TEXT + " Ferries leave every hour."}])
    listed = {a["outlet"]: a for a in json.loads(run(cli, "articles", "--json")[1])}
    first, second = listed["Kelvport Tribune"], listed["Coastline Daily"]
    assert second["duplicate_of"] == first["id"]
    code, out, _ = run(cli, "show", first["id"][:8], "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == first["id"] and data["text"] == TEXT
    assert data["quotes"] and all(TEXT[q["start"] : q["end"]] == q["text"] for q in data["quotes"])
    assert {q["direct"] for q in data["quotes"]} == {True, False}
    names = {e["name"] for e in data["entities"]}
    assert {"Tomas Brenn", "Dalia Morcan"} <= names
    for entity in data["entities"]:
        assert all(TEXT[m["start"] : m["end"]] == m["text"] for m in entity["mentions"])
    assert [c["id"] for c in data["copies"]] == [second["id"]]
    assert data["origin"] == first["id"] and [a["id"] for a in data["origin_group"]] == [second["id"]]
    assert data["provenance"]["origin"].startswith("The origin of its report: the first of two articles")
    assert "Relays Harbour Courier, which cites one source (Dalia Morcan)" in data["provenance"]["credits"]
    assert "Quotes one source of its own (Tomas Brenn)" in data["provenance"]["credits"]
    copied = json.loads(run(cli, "show", second["id"], "--json")[1])
    assert copied["provenance"]["origin"].startswith("A copy of an article by Kelvport Tribune (2026-04-02).")
    # In the terminal view the words stand beside the metadata, and reported speech is labelled, not quoted.
    code, out, _ = run(cli, "show", first["id"])
    flat = " ".join(out.split())
    assert "origin The origin of its report" in flat and "credits Relays Harbour Courier" in flat
    assert "direct “We have waited long enough for this,”" in flat
    assert "reported The new ferry terminal at Kelvport will open in May" in flat
    assert "“The new ferry terminal" not in out
    code, out, _ = run(cli, "quotes")
    assert "reported the north pier still needed repairs" in out and "“the north pier" not in out
    assert "direct “We have waited long enough for this,”" in out


def test_provenance_words() -> None:
    quotes = [
        {"speaker": "Ana Pell", "via": ["The Telegraph"]},
        {"speaker": "The Telegraph", "via": ["The Telegraph"]},
        {"speaker": "Ivo Marsh", "via": []},
        {"speaker": None, "via": []},
    ]
    assert provenance.credits(["The Telegraph"], quotes) == (
        "Relays The Telegraph, which cites one source (Ana Pell). Quotes one source of its own (Ivo Marsh)."
    )
    assert provenance.credits(["A", "B"], []) == "Relays A and B."
    # One source written with a capital where it opens a sentence is one source, as first written.
    twice = [{"speaker": "sources close to Ana Pell", "via": []}, {"speaker": "Sources close to Ana Pell", "via": []}]
    assert provenance.credits([], twice) == (
        "Credits no other outlet. Quotes one source of its own (sources close to Ana Pell)."
    )
    assert provenance.credits(["Tarn Post", "B"], [{"speaker": "Ana Pell", "via": ["Tarn Post"]}]) == (
        "Relays Tarn Post, which cites one source (Ana Pell); and B. Quotes no source of its own."
    )
    # An outlet is not its own source: "a report in the Tarn Post" credits the outlet, it quotes nobody.
    assert provenance.credits(["Tarn Post"], [{"speaker": "a report in the Tarn Post", "via": ["Tarn Post"]}]) == (
        "Relays Tarn Post. Quotes no source of its own."
    )
    assert provenance.credits([], []) == "Credits no other outlet."
    article = {"id": "a2", "origin": "a1", "duplicate_of": None, "cites": []}
    group = [{"id": "a1", "outlet": "Fenwick Herald", "published": "2026-02-01T10:00:00+00:00"}]
    assert provenance.origin(article, group, []) == (
        "One of two articles that tell one report, first published by Fenwick Herald (2026-02-01)."
    )
    assert provenance.origin({**article, "origin": None}, group, []) is None
    assert provenance.origin({**article, "origin": "a2"}, [], []) == (
        "An independent report: no other article tells the same origin's report."
    )


def test_show_says_how_the_outlet_was_stated(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    # One outlet stated as its name and as its domain: stored once, under the name (decision 0069).
    _ingest(
        cli,
        home,
        [
            {"title": "Ferry terminal opens", "outlet": "Kelvport Tribune", "text": TEXT},
            {"title": "Road closed", "outlet": "kelvporttribune.example", "text": OTHER},
        ],
    )
    listed = json.loads(run(cli, "articles", "--json")[1])
    assert [a["outlet"] for a in listed] == ["Kelvport Tribune", "Kelvport Tribune"]
    assert [a["meta"] for a in listed] == [{}, {"outlet_as_written": "kelvporttribune.example"}]
    code, out, _ = run(cli, "show", listed[1]["id"][:8])
    assert code == 0 and "Kelvport Tribune (stated as kelvporttribune.example)" in out
    assert "(stated as" not in run(cli, "show", listed[0]["id"][:8])[1]
