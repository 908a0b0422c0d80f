"""Edges a demanding user hits (decision 0087's revision): CSV a spreadsheet reads, one word for a disputed claim,
dates as people write them, a bad date option as a usage error, and `analyze` on a store with no articles."""

from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path
from typing import Any

import jinja2
import pytest
from click.testing import CliRunner

import newsdesk
from newsdesk.cli import terminal
from newsdesk.web.app import environment
from tests.test_cli_ux import BRIDGE, BRIDGE_AGAIN, NO_SPACY, run

render = importlib.import_module("newsdesk.report.render")  # (the package's `render` is the function)


@pytest.fixture
def bridge(cli: CliRunner, home: Path) -> list[dict[str, Any]]:
    """Two reports of one development: one dated a day (stored at midnight, as feeds write a day), one at a time
    of day; their rows as `articles --json` gives them."""
    (home / "newsdesk.toml").write_text(NO_SPACY)
    lines = [
        {"title": "Varnholt approves harbour bridge", "outlet": "Varnholt Post",
         "published": "2026-05-04T00:00:00+00:00", "text": BRIDGE},
        {"title": "Harbour bridge approved", "outlet": "Coast Courier", "published": "2026-05-05T14:30:00+00:00",
         "text": BRIDGE_AGAIN},
    ]  # fmt: skip
    Path("items.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, _, err = run(cli, "-q", "ingest", "items.jsonl")
    assert code == 0, err
    return list(json.loads(run(cli, "articles", "--json")[1]))


def test_csv_writes_the_tables_columns_with_booleans_as_the_json_writes_them(
    cli: CliRunner, bridge: list[dict[str, Any]]
) -> None:
    code, out, _ = run(cli, "articles", "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["id", "outlet", "published", "title", "words", "ai_generated", "cites"]
    assert {row[5] for row in rows[1:]} == {"false"} and "False" not in out and "True" not in out
    # Internal fields (the article's source path, its origin, its meta) are --json's and --nl's, not the table's.
    assert "meta" not in rows[0] and "source" not in rows[0] and str(Path("items.jsonl").resolve()) not in out
    assert json.loads(run(cli, "articles", "--json")[1])[0]["ai_generated"] is False  # the JSON's word: false
    # A stored ISO date stays one in CSV (for programs), as in the JSON.
    assert {row[2] for row in rows[1:]} == {a["published"] for a in bridge}


def test_articles_and_search_print_the_day_and_a_time_only_where_the_article_gives_one(
    cli: CliRunner, bridge: list[dict[str, Any]]
) -> None:
    code, out, _ = run(cli, "articles")
    assert code == 0 and "T00:00:00" not in out and "+00:00" not in out
    day = next(line for line in out.splitlines() if "Varnholt Post" in line)
    timed = next(line for line in out.splitlines() if "Coast Courier" in line)
    assert "  2026-05-04  " in day and "2026-05-05 14:30 UTC" in timed
    code, out, _ = run(cli, "search", "bridge", "--tsv")
    published = {line.split("\t")[1]: line.split("\t")[2] for line in out.splitlines()[1:]}
    assert code == 0 and published == {"Varnholt Post": "2026-05-04", "Coast Courier": "2026-05-05 14:30 UTC"}
    code, out, _ = run(cli, "show", bridge[0]["id"])
    assert code == 0 and "+00:00" not in out and "T00:00" not in out


def test_a_date_option_that_is_no_date_is_a_usage_error_naming_the_forms_read(
    cli: CliRunner, bridge: list[dict[str, Any]]
) -> None:
    code, out, err = run(cli, "search", "bridge", "--since", "yesterday")
    flat = " ".join(err.split())
    assert code == 2 and not out
    assert "Invalid value for '--since': 'yesterday' is not a date" in flat and "2026-03-01" in flat
    code, _, err = run(cli, "search", "bridge", "--until", "31/31/2026")
    assert code == 2 and "Invalid value for '--until'" in " ".join(err.split())
    # The forms it names are read.
    code, out, _ = run(cli, "search", "bridge", "--since", "5 May 2026", "--json")
    assert code == 0 and [r["outlet"] for r in json.loads(out)] == ["Coast Courier"]


def test_claims_filter_and_tag_say_disputed_and_the_old_flag_still_works(
    cli: CliRunner, bridge: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(cli, "claims", "--help")
    assert code == 0 and "--disputed" in out and "--contested" not in out
    asked: list[bool] = []
    disputed = {"id": "cc1", "story_id": "s1", "text": "The bridge cost 40 million.", "contradicts": [{"id": "cc2"}],
                "single_source": False, "independent_origins": ["Varnholt Post"], "article_ids": ["a1"],
                "origins": [{"name": "Varnholt Post", "relaying": 0}]}  # fmt: skip

    def claims(self: Any, story_id: str | None = None, *, contested: bool = False, **_: Any) -> list[Any]:
        asked.append(contested)
        return [disputed]

    monkeypatch.setattr("newsdesk.corpus.Corpus.claims", claims)
    code, out, _ = run(cli, "claims", "--disputed")
    assert code == 0 and "The bridge cost 40 million. disputed" in out and asked == [True]
    code, old, _ = run(cli, "claims", "--contested")
    assert code == 0 and old == out and asked == [True, True]


def test_claims_that_match_no_filter_name_it_as_the_tag_does(cli: CliRunner, bridge: list[dict[str, Any]]) -> None:
    code, out, _ = run(cli, "claims", "--disputed")
    assert code == 0 and out.strip() == "No disputed claims in any story."


def test_analyze_on_a_store_with_no_articles_says_so(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    newsdesk.open("newsdesk.db").close()  # a database with nothing in it
    code, _, err = run(cli, "analyze")
    flat = " ".join(err.split())
    assert code == 0 and "the database holds no articles" in flat and "newsdesk ingest PATH" in flat
    assert "every stored article" not in flat


def test_an_offset_with_seconds_is_written_in_hours_and_minutes() -> None:
    # A historical local mean time (Kathmandu's +05:41:16 until 1920) is written to the minute, as any offset is.
    assert terminal.published("1919-03-04T14:30:00+05:41:16") == "1919-03-04 14:30 +05:41"
    assert terminal.published("2025-03-04T14:30:00+05:45") == "2025-03-04 14:30 +05:45"


# -- decision 0087, revised 2026-12-07 (second session) ---------------------------------------------------------


def test_a_published_or_url_hint_that_is_none_is_a_usage_error_as_since_is(cli: CliRunner, home: Path) -> None:
    (home / "newsdesk.toml").write_text(NO_SPACY)
    Path("bridge.txt").write_text(BRIDGE, encoding="utf-8")
    code, out, err = run(cli, "ingest", "bridge.txt", "--published", "someday")
    flat = " ".join(err.split())
    assert code == 2 and not out and "Invalid value for '--published': 'someday' is not a date" in flat
    assert "2026-03-01T09:30:00+01:00" in flat and not (home / "newsdesk.db").exists()  # said before any store
    code, _, err = run(cli, "ingest", "bridge.txt", "--url", "ftp://example.org/a")
    assert code == 2 and "Invalid value for '--url': 'ftp://example.org/a' must start with http" in " ".join(
        err.split()
    )
    # A value that reads as a date is stored as the corpus reads it, its time with it.
    code, _, err = run(cli, "-q", "ingest", "bridge.txt", "--published", "2026-03-01T09:30:00+01:00")
    assert code == 0, err
    assert json.loads(run(cli, "articles", "--json")[1])[0]["published"] == "2026-03-01T09:30:00+01:00"


def test_a_query_that_starts_with_a_hyphen_is_refused_with_the_command_that_searches_it(
    cli: CliRunner, bridge: list[dict[str, Any]]
) -> None:
    code, out, err = run(cli, "search", "-harbour", "--limit", "5")
    flat = " ".join(err.split())
    assert code == 2 and not out and "No such option '-a'" in flat  # (-h is --help's: click reads on to -a)
    assert "A QUERY that starts with a hyphen goes after the options and '--':" in flat
    assert flat.endswith(" search --limit 5 -- -harbour")
    code, out, _ = run(cli, "search", "--limit", "5", "--", "-harbour")  # what it says runs
    assert code == 0 and "for '-harbour'" in out
    code, _, err = run(cli, "verify", "-40 million")
    assert code == 2 and " verify -- '-40 million'" in " ".join(err.split())
    # With the query given, an unknown option is no query: click's error alone.
    code, _, err = run(cli, "search", "bridge", "-x")
    assert code == 2 and "No such option '-x'" in err and "hyphen" not in err
    # A mistyped option keeps click's own suggestion, and no word of a query.
    code, _, err = run(cli, "search", "bridge", "--limt", "5")
    assert code == 2 and "Did you mean" in err and "--limit" in err and "hyphen" not in err


def test_midnight_in_an_offset_other_than_utcs_keeps_its_time_and_offset(cli: CliRunner, home: Path) -> None:
    # 2025-03-01T00:00+05:00 is 28 February, 19:00 in UTC: the day alone would say another day.
    assert terminal.published("2025-03-01T00:00:00+05:00") == "2025-03-01 00:00 +05:00"
    assert terminal.published("2025-03-01T00:00:00-04:30") == "2025-03-01 00:00 -04:30"
    assert terminal.published("2025-03-01T00:00:00+00:00") == terminal.published("2025-03-01T00:00:00") == "2025-03-01"
    (home / "newsdesk.toml").write_text(NO_SPACY)
    item = {"title": "Varnholt approves harbour bridge", "published": "2025-03-01T00:00:00+05:00", "text": BRIDGE}
    Path("item.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    assert run(cli, "-q", "ingest", "item.jsonl")[0] == 0
    code, out, _ = run(cli, "articles")
    assert code == 0 and "2025-03-01 00:00 +05:00" in out


def test_an_origin_that_reports_and_is_relayed_is_worded_once_for_the_cli_the_web_and_the_brief(
    cli: CliRunner, bridge: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    both = {"name": "Varnholt Post", "relaying": 1, "own": True, "articles": 2, "counted": True}
    card = {"id": "cc1", "story_id": "s1", "text": "The bridge cost 40 million.", "contradicts": [],
            "single_source": True, "independent_origins": ["Varnholt Post"], "article_ids": ["a1", "a2"],
            "origins": [both]}  # fmt: skip
    monkeypatch.setattr("newsdesk.corpus.Corpus.claims", lambda self, *a, **k: [card])
    code, out, _ = run(cli, "claims")
    assert code == 0 and "Varnholt Post (own reporting, 1 relaying)" in " ".join(out.split())
    web = environment().from_string("{{ o | reported }}")
    assert web.render(o=both) == render.how_reported(both) == "own reporting, 1 relaying"
    brief = jinja2.Environment(loader=jinja2.PackageLoader("newsdesk.report", "templates"))
    assert "{{ o | reported }}" in brief.loader.get_source(brief, "brief.html")[0]  # type: ignore[union-attr]
    assert render._origins({"origins": [both]}) == "Varnholt Post (own reporting, 1 relaying)"
    # The other cases, as each of the three wrote them before.
    assert render.how_reported({"relaying": 0, "own": True}) == "own reporting"
    assert render.how_reported({"relaying": 2, "own": False}) == "2 relaying"
    assert render.how_reported({"relaying": 0}) == "own reporting"  # (a row without `own`)
    assert render.how_reported({"relaying": 0, "own": True, "counted": False}) == "AI-written aggregate, not counted"


def test_the_hyphen_hint_keeps_the_options_given_before_the_command(cli: CliRunner, home: Path) -> None:
    # The command it says is the one typed: without `--db`, it would search another database (or none).
    code, out, err = run(cli, "-q", "--db", "other news.db", "search", "--limit", "5", "-harbour")
    flat = " ".join(err.split())
    assert code == 2 and not out
    assert flat.endswith(" cli --db 'other news.db' --quiet search --limit 5 -- -harbour"), flat
    code, _, err = run(cli, "-vv", "verify", "-40 million")
    assert code == 2 and " ".join(err.split()).endswith(" cli -v -v verify -- '-40 million'")
