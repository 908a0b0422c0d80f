"""What a first-time user meets: errors said in a line, never a traceback; no Python reprs (``None``, ``False``,
``{'id': ...}``) in output meant for people; empty listings that say whether a filter or the store is empty; help
that says what the command does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newsdesk
from newsdesk.cli import cli as newsdesk_cli

NO_SPACY = '[pipeline]\nstages = ["cites", "dates", "dedupe", "cluster", "origins"]\n'
BRIDGE = (
    "The city council of Varnholt approved the new harbour bridge on Monday. Work began in March 2026 and is due "
    "to finish in 2029, the council said. The mayor said the bridge would change the town."
)
BRIDGE_AGAIN = (
    "Varnholt council members approved the harbour bridge plan on Monday after a long debate. The bridge is due "
    "to open in 2029, officials said."
)


def run(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(newsdesk_cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _ingest(cli: CliRunner, home: Path, lines: list[dict[str, Any]]) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    source = home / "items.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, _, err = run(cli, "-q", "ingest", str(source))
    assert code == 0, err


@pytest.fixture
def bridge(cli: CliRunner, home: Path) -> str:
    """Two reports of one development (no byline, no dateline, no AI flag); the story's id."""
    _ingest(
        cli,
        home,
        [
            {"title": "Varnholt approves harbour bridge", "outlet": "Varnholt Post", "published": "2026-05-04",
             "text": BRIDGE},
            {"title": "Harbour bridge approved", "outlet": "Coast Courier", "published": "2026-05-05",
             "text": BRIDGE_AGAIN},
        ],
    )  # fmt: skip
    return str(json.loads(run(cli, "stories", "--json")[1])[0]["id"])


def test_brief_into_a_missing_folder_is_one_line_not_a_traceback(cli: CliRunner, bridge: str) -> None:
    code, _, err = run(cli, "brief", bridge, "-o", "no/such/folder/brief.md")
    assert code == 1
    assert "Cannot write no/such/folder/brief.md: folder no/such/folder does not exist" in err
    assert "Traceback" not in err and not Path("no").exists()


def test_show_prints_no_python_reprs_for_what_an_article_does_not_state(cli: CliRunner, bridge: str) -> None:
    article = json.loads(run(cli, "articles", "--json")[1])[0]
    assert article["byline"] is None and article["ai_generated"] is False
    code, out, _ = run(cli, "show", article["id"][:8])
    fields = {line.split()[0]: line.split(None, 1)[1] for line in out.splitlines()[1:14] if line.strip()}
    assert code == 0 and fields["byline"] == "—" and fields["dateline"] == "—" and fields["ai_generated"] == "no"
    assert fields["duplicate_of"] == "—"
    assert "None" not in out and "False" not in out


def test_nested_values_in_tsv_and_piped_rows_are_json_not_python_reprs(cli: CliRunner, bridge: str) -> None:
    code, out, _ = run(cli, "stories", "--tsv")
    header, row = out.splitlines()
    events = row.split("\t")[header.split("\t").index("events")]
    assert code == 0 and "{'" not in out
    assert json.loads(events)[0]["article_ids"]  # a cell a script can read back
    code, out, _ = run(cli, "stories", "--table")  # piped: a tree of plain lines, as before
    assert code == 0 and "{'" not in out


def test_an_empty_filtered_listing_names_the_filter_not_an_empty_store(cli: CliRunner, bridge: str) -> None:
    code, out, _ = run(cli, "quotes", "--speaker", "Nobody", "--direct")
    assert code == 0 and out.strip() == "No quotes match --speaker 'Nobody' --direct."
    code, out, _ = run(cli, "stances", "--actor", "Nobody", "--story", bridge)
    assert code == 0 and out.strip() == f"No stances match --actor 'Nobody' --story '{bridge}'."
    # Unfiltered, an empty list still says how to fill it.
    code, out, _ = run(cli, "quotes")
    assert code == 0 and "ingest articles, or run `newsdesk analyze`" in out


def test_piped_search_marks_its_matches_in_brackets_as_its_help_says(cli: CliRunner, bridge: str) -> None:
    code, out, _ = run(cli, "search", "harbour")
    assert code == 0 and "[harbour]" in out and "\x02" not in out
    code, out, _ = run(cli, "search", "--help")
    assert "[in brackets] when piped" in " ".join(out.split())


def test_a_run_that_analysed_nothing_prints_no_stage_lines_of_zeros(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    Path("empty.txt").write_text("")
    code, _, err = run(cli, "ingest", "empty.txt")
    assert code == 3 and "0 added, 0 already stored, 1 failed" in err
    assert "0/0" not in err and "dedupe:" not in err
    code, _, err = run(cli, "analyze")
    assert code == 0 and "0/0" not in err and "Nothing to analyse" in err


def test_an_item_too_short_says_how_many_words_in_english(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    Path("tiny.html").write_text("<html><body><p>Hi</p></body></html>")
    code, _, err = run(cli, "ingest", "tiny.html")
    assert code == 3
    assert "only 1 word of article text after cleaning, fewer than the 5 of [ingest] min_words" in " ".join(err.split())


def test_story_marks_a_date_still_to_come_as_expected(cli: CliRunner, bridge: str) -> None:
    code, out, _ = run(cli, "story", bridge)
    line = next(line for line in out.splitlines() if line.strip().startswith("2029"))
    assert code == 0 and line.endswith("(expected)")
    assert not any(line.endswith("(expected)") for line in out.splitlines() if line.strip().startswith("2026"))
    code, out, _ = run(cli, "timeline", bridge, "--tsv")
    rows = [dict(zip(out.splitlines()[0].split("\t"), line.split("\t"), strict=True)) for line in out.splitlines()[1:]]
    assert {r["date"]: r["future"] for r in rows}["2029"] == "yes"


def test_verify_help_says_its_json_is_one_object(cli: CliRunner, bridge: str) -> None:
    code, out, _ = run(cli, "verify", "--help")
    assert code == 0 and "Print a JSON array" not in out and "one JSON object" in out
    code, out, _ = run(cli, "verify", "The council approved the bridge", "--json")
    assert isinstance(json.loads(out), dict)


def test_a_command_that_reads_leaves_no_database_behind_a_mistyped_path(cli: CliRunner, home: Path) -> None:
    for args in (["stories"], ["articles", "--json"], ["search", "bridge"], ["serve", "--port", "0"]):
        code, out, err = run(cli, "--db", "newsdek.db", *args)
        assert code == 6 and "No newsdesk database at 'newsdek.db'" in err and "ingest PATH" in err, args
        assert not out and not (home / "newsdek.db").exists(), args
    # Nor is an empty file made a database by reading it.
    Path("notes.txt").write_text("")
    code, _, err = run(cli, "--db", "notes.txt", "articles")
    assert code == 6 and Path("notes.txt").read_bytes() == b""
    # Ingesting is what makes one.
    (home / "newsdesk.toml").write_text(NO_SPACY)
    Path("one.txt").write_text("The harbour bridge at Varnholt opened to traffic on Monday morning after five years.")
    assert run(cli, "--db", "newsdek.db", "-q", "ingest", "one.txt")[0] == 0
    assert run(cli, "--db", "newsdek.db", "articles", "--json")[0] == 0


def test_an_outlet_filter_that_names_no_stored_outlet_says_so(cli: CliRunner, bridge: str) -> None:
    code, out, err = run(cli, "search", "bridge", "--outlet", "varnholt")
    assert code == 0 and out.startswith("0 matches")
    assert "No outlet is stored as 'varnholt'; did you mean 'Varnholt Post'?" in " ".join(err.split())
    code, out, err = run(cli, "articles", "--outlet", "Reuters")
    assert code == 0 and "No outlet is stored as 'Reuters'." in err
    # A stored outlet that has no match for the words is no mistake: nothing said.
    code, out, err = run(cli, "search", "snowstorm", "--outlet", "Varnholt Post")
    assert code == 0 and out.startswith("0 matches") and not err


def test_files_a_folder_holds_in_no_format_newsdesk_reads_are_counted_not_passed_over(
    cli: CliRunner, home: Path
) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    folder = home / "clippings"
    (folder / "more").mkdir(parents=True)
    (folder / "bridge.txt").write_text(BRIDGE)
    (folder / "NOTES.md").write_text("# What these clippings are\n")
    (folder / "more" / "labels.json").write_text("{}")
    (folder / "more" / "INDEX.tsv").write_text("file\tstory\n")
    code, _, err = run(cli, "ingest", str(folder))
    assert code == 0 and "1 added" in err
    assert "3 files in the folders not read, being no format newsdesk reads (.json 1, .md 1, .tsv 1)" in " ".join(
        err.split()
    )
    with newsdesk.open("newsdesk.db") as desk:
        report = desk.ingest([str(folder)])
    assert sorted(Path(p).name for p in report.unread) == ["INDEX.tsv", "NOTES.md", "labels.json"]
    # A folder of readable files says nothing more.
    code, _, err = run(cli, "ingest", str(folder / "bridge.txt"))
    assert code == 0 and "not read" not in err


def test_failures_of_a_run_that_never_was_is_not_found_not_zero_failures(cli: CliRunner, bridge: str) -> None:
    code, out, _ = run(cli, "failures", "--run", "1")
    assert code == 0 and out.startswith("0 failures in run 1")  # the bridge's ingest: a run without failures
    code, out, err = run(cli, "failures", "--run", "99")
    assert code == 4 and not out and "No run 99: runs are numbered 1 to 1" in err


def _event(event_id: str, title: str, day: str | None) -> dict[str, Any]:
    """An event as the store lists it, of one article (named by the event's id)."""
    return {"id": event_id, "title": title, "article_ids": [event_id], "first_seen": day, "last_seen": None}


def _events() -> list[dict[str, Any]]:
    """Two dated events, then an undated one, in the store's order."""
    return [
        _event("e1", "Bridge approved", "2026-05-04"),
        _event("e2", "Bridge opens", "2026-06-20"),
        _event("e3", "Council votes the money", None),
    ]


def test_story_lists_its_events_in_the_order_they_happened(
    cli: CliRunner, bridge: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the store lists them: dated events by their first day, then the undated ones, one with an estimated day.
    events = [
        *_events()[:2],
        _event("e3", "Protest at the site", None),
        {**_event("e4", "Council votes the money", None), "estimated_day": "2026-05-12"},
    ]
    story = {"id": bridge, "title": "Harbour bridge", "article_ids": [e["id"] for e in events], "events": events}
    monkeypatch.setattr("newsdesk.corpus.Corpus.story", lambda self, story_id: {**story, "timeline": []})
    code, out, _ = run(cli, "story", bridge)
    listed = [line.split("•")[1].split("(")[0].strip() for line in out.splitlines() if "•" in line]
    assert code == 0
    assert listed == ["Bridge approved", "Council votes the money", "Bridge opens", "Protest at the site"]
    assert "(~2026-05-12 estimated, 1 article)" in out


def test_a_json_array_file_is_refused_with_how_to_convert_it_not_stored_as_text(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    Path("articles.json").write_text(json.dumps([{"title": "Bridge", "text": BRIDGE}], indent=2))
    Path("one.json").write_text(json.dumps({"title": "Bridge", "text": BRIDGE}, indent=2))
    code, _, err = run(cli, "ingest", "articles.json", "one.json")
    flat = " ".join(err.split())
    assert code == 3 and "0 added" in flat and "2 failed" in flat
    assert "failed articles.json: a JSON document" in flat and "jq -c '.[]'" in flat
    # The same objects one a line are read.
    Path("articles.jsonl").write_text(json.dumps({"title": "Bridge", "text": BRIDGE}) + "\n")
    code, _, err = run(cli, "ingest", "articles.jsonl")
    assert code == 0 and "1 added" in err
    # A text article that only opens with a bracket is text.
    Path("update.txt").write_text("[Update] " + BRIDGE_AGAIN)
    code, _, err = run(cli, "ingest", "update.txt")
    assert code == 0 and "1 added" in err


def test_an_event_or_article_id_given_for_a_story_names_its_story(cli: CliRunner, bridge: str) -> None:
    (story,) = json.loads(run(cli, "stories", "--json")[1])
    event_id, article_id = story["events"][0]["id"], story["article_ids"][0]
    code, _, err = run(cli, "story", event_id)
    assert code == 4 and f"That is an event's id; its story is {bridge}." in " ".join(err.split())
    code, _, err = run(cli, "brief", article_id)
    flat = " ".join(err.split())
    assert code == 4 and f"That is an article's id (newsdesk show {article_id}); its story is {bridge}." in flat
    code, _, err = run(cli, "claims", "zzzz")
    assert code == 4 and "No story with id 'zzzz'. List ids with: newsdesk stories" in err


def test_demo_into_a_missing_folder_names_its_own_option(cli: CliRunner) -> None:
    code, _, err = run(cli, "demo", "--no-serve", "--out", "no/such/demo.db")
    flat = " ".join(err.split())
    assert code == 1 and "does not exist. Create it or pass another --out path." in flat
    assert "--db" not in flat and "Ingesting" not in flat


def test_show_piped_names_no_colours_it_does_not_print(cli: CliRunner, home: Path, seeds_dir: Path) -> None:
    (home / "newsdesk.toml").write_text('[pipeline]\nstages = ["quotes"]\n')
    assert run(cli, "-q", "ingest", str(seeds_dir / "003_36a1fef4c40700eb.txt"))[0] == 0
    article = json.loads(run(cli, "articles", "--json")[1])[0]
    code, out, _ = run(cli, "show", article["id"])
    assert code == 0 and "\nQuotes\n" in out
    assert "green" not in out and "cyan" not in out and "magenta" not in out


def test_search_help_says_how_to_search_for_a_word_that_starts_with_a_hyphen(cli: CliRunner, bridge: str) -> None:
    code, out, _ = run(cli, "search", "--help")
    assert code == 0 and "newsdesk search --limit 5 -- -word" in " ".join(out.split())
    code, out, _ = run(cli, "search", "--limit", "5", "--", "-harbour")
    assert code == 0 and out.startswith(("1 match", "2 matches"))


def test_stories_show_an_undated_event_at_its_estimated_day_as_story_does(
    cli: CliRunner, bridge: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = _events()
    story = {"id": bridge, "title": "Harbour bridge", "article_ids": ["e1", "e2", "e3"], "events": events}
    monkeypatch.setattr("newsdesk.corpus.Corpus.stories", lambda self: [story])
    monkeypatch.setattr("newsdesk.corpus.Corpus.story_event_days", lambda self, story_id: {"e3": "2026-05-12"})
    code, out, _ = run(cli, "stories")
    lines = out.splitlines()[1:]
    assert code == 0 and [line.split()[1] for line in lines] == ["Bridge", "Council", "Bridge"]
    assert "Council votes the money e3 · ~2026-05-12 estimated · 1 article" in lines[1]
    # Its JSON stays the store's: no estimate, the store's order.
    assert [e["id"] for e in json.loads(run(cli, "stories", "--json")[1])[0]["events"]] == ["e1", "e2", "e3"]


def test_serve_on_a_missing_database_prints_no_url_before_saying_so(cli: CliRunner, home: Path) -> None:
    # The socket is bound, then the database opened: "Serving newsdesk at http://..." printed before "No newsdesk
    # database" sent the user to a URL nothing answers.
    code, out, err = run(cli, "--db", "newsdek.db", "serve", "--port", "0")
    assert code == 6 and "No newsdesk database at 'newsdek.db'" in err
    assert "Serving" not in err and "http://" not in err and not out
