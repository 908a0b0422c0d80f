"""The command line: every command answers --help, the JSON contracts hold, errors exit with their status."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdesk
from newsdesk.cli import cli as newsdesk_cli
from newsdesk.cli.exit_status import ExitStatus
from newsdesk.web.server import listen

CONTRACT = {
    "id": str,
    "source": str,
    "url": (str, type(None)),
    "outlet": (str, type(None)),
    "title": (str, type(None)),
    "byline": (str, type(None)),
    "published": (str, type(None)),
    "language": (str, type(None)),
    "words": int,
    "ai_generated": bool,
    "duplicate_of": (str, type(None)),
    "cites": list,
}


def run(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(newsdesk_cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help_on_every_command(cli: CliRunner) -> None:
    code, out, _ = run(cli, "--version")
    assert code == 0 and out.startswith("newsdesk, version ")
    for name in newsdesk_cli.commands:
        code, out, _ = run(cli, name, "--help")
        assert code == 0, name
        assert "Usage:" in out
        code, out, _ = run(cli, name, "-h")
        assert code == 0, name


def test_ingest_seeds_then_articles_json_contract(cli: CliRunner, seeds_dir: Path) -> None:
    code, _, err = run(cli, "--db", "news.db", "ingest", str(seeds_dir))
    assert code == 0, err
    assert "5 added" in err
    code, out, _ = run(cli, "--db", "news.db", "articles", "--json")
    rows = json.loads(out)
    assert len(rows) == 5
    for row in rows:
        assert set(CONTRACT) <= set(row)
        for key, kind in CONTRACT.items():
            assert isinstance(row[key], kind), (key, row[key])
    sources = {Path(r["source"]).name: r for r in rows}
    seed = sources["003_36a1fef4c40700eb.txt"]
    assert seed["published"] == "2025-11-28T20:12:00+02:00"
    assert seed["cites"] == ["The Telegraph"]
    code, out, _ = run(cli, "--db", "news.db", "show", seed["id"][:8], "--json")
    shown = json.loads(out)
    assert {k: shown[k] for k in seed} == seed
    assert shown["text"].startswith("U.S. ready to recognize")


def test_default_db_and_env_override(
    cli: CliRunner, home: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(cli, "-q", "ingest", str(seeds_dir / "000_3d111724dd52063f.txt"))
    assert (home / "newsdesk.db").exists()
    monkeypatch.setenv("NEWSDESK_DB", str(home / "other.db"))
    run(cli, "-q", "ingest", str(seeds_dir / "001_531d7716c47a6321.txt"))
    assert (home / "other.db").exists()
    code, out, _ = run(cli, "articles", "--json")
    assert code == 0
    assert len(json.loads(out)) == 1


def test_show_text_search_failures_config_and_formats(cli: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    code, _, err = run(cli, "ingest", str(seeds_dir), str(tmp_path / "empty.txt"))
    assert code == ExitStatus.ITEMS_FAILED
    assert f"failed {tmp_path / 'empty.txt'}: empty file" in err.replace("\n", " ")
    code, out, _ = run(cli, "failures", "--json")
    assert json.loads(out)[0]["message"].startswith("empty file")
    code, out, _ = run(cli, "search", "Telegraph", "--nl")
    assert code == 0 and len(out.strip().splitlines()) == 2
    code, out, _ = run(cli, "articles", "--csv")
    assert out.splitlines()[0] == "id,outlet,published,title,words,ai_generated,cites"  # the table's columns
    assert len(out.strip().splitlines()) == 6
    code, out, _ = run(cli, "articles")
    assert "5 articles" in out
    article_id = json.loads(run(cli, "articles", "--json")[1])[0]["id"]
    code, out, _ = run(cli, "show", article_id)
    assert code == 0 and "dangerous precedent" in out
    code, out, _ = run(cli, "show", article_id, "--raw")
    assert "“`" in out
    code, out, _ = run(cli, "config", "--json")
    assert {"setting": "fetch.timeout", "value": 20.0, "default": 20.0}.items() <= json.loads(out)[0].items()


def test_errors_have_exit_statuses(cli: CliRunner, home: Path) -> None:
    # A command that only reads makes no database: a mistyped --db is said, not answered with an empty one.
    code, _, err = run(cli, "show", "deadbeef")
    assert code == ExitStatus.STORE and "No newsdesk database at 'newsdesk.db'" in err
    assert not (home / "newsdesk.db").exists()
    newsdesk.open("newsdesk.db").close()
    code, _, err = run(cli, "show", "deadbeef")
    assert code == ExitStatus.NOT_FOUND and "No article with id 'deadbeef'" in err
    (home / "newsdesk.toml").write_text("[fetch]\ntimout = 1\n")
    code, _, err = run(cli, "articles")
    assert code == ExitStatus.CONFIG and "Did you mean 'timeout'" in err
    (home / "newsdesk.toml").unlink()
    (home / "junk.db").write_text("not a database " * 50)
    code, _, err = run(cli, "--db", "junk.db", "articles")
    assert code == ExitStatus.STORE and "Cannot open database" in err
    # A bad option value is click's usage error, as --since's is (decision 0087, revised 2026-12-07).
    code, _, err = run(cli, "ingest", "x.txt", "--published", "someday")
    assert code == ExitStatus.USAGE and "is not a date" in err


def test_no_analyze_then_analyze(cli: CliRunner, seeds_dir: Path) -> None:
    run(cli, "ingest", "--no-analyze", str(seeds_dir))
    rows = json.loads(run(cli, "articles", "--json")[1])
    assert all(r["cites"] == [] for r in rows)
    code, _, err = run(cli, "analyze")
    assert code == 0 and "cites: 5/5" in err
    rows = json.loads(run(cli, "articles", "--json")[1])
    assert sorted(c for r in rows for c in r["cites"]) == [
        "Bloomberg",
        "CNN",
        "The Atlantic",
        "The Telegraph",
        "The Telegraph",
    ]


def test_python_dash_m(home: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "newsdesk", "--version"], capture_output=True, text=True, check=True)
    assert "newsdesk, version" in out.stdout


def test_issue_review_bad_search_ambiguous_prefix_and_like_wildcards(cli: CliRunner, seeds_dir: Path) -> None:
    run(cli, "-q", "ingest", str(seeds_dir))
    code, _, err = run(cli, "search", "'")
    assert code == ExitStatus.STORE and "Cannot search for" in err and "FTS5" in err
    code, _, err = run(cli, "show", "%")
    assert code == ExitStatus.NOT_FOUND
    ids = [r["id"] for r in json.loads(run(cli, "articles", "--json")[1])]
    shared = next((i[0] for i in ids if sum(j[0] == i[0] for j in ids) > 1), None)
    if shared is not None:  # ids are content hashes: test ambiguity only when two share a first character
        code, _, err = run(cli, "show", shared)
        assert code == ExitStatus.NOT_FOUND and "matches several articles" in err


def test_search_takes_punctuation_as_plain_words(cli: CliRunner) -> None:
    from newsdesk.demo import corpus_path

    assert run(cli, "-q", "ingest", "--no-analyze", str(corpus_path()))[0] == 0
    code, out, _ = run(cli, "search", "walk-out", "--json")  # FTS5 alone reads this as the column "out"
    assert code == 0 and any("[walk-out]" in r["snippet"] for r in json.loads(out))
    phrase = json.loads(run(cli, "search", '"walked out"', "--json")[1])
    code, out, _ = run(cli, "search", '"walked out" NOT Saltmere', "--json")  # FTS5 syntax is still FTS5
    assert code == 0 and 0 < len(json.loads(out)) < len(phrase)


def test_issue_review_url_hint_with_a_multi_article_item(cli: CliRunner, tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"Story number {n} about the river dam talks and the summer flows."}) for n in (1, 2)]
    (tmp_path / "two.jsonl").write_text("\n".join(lines))
    code, _, err = run(cli, "ingest", str(tmp_path / "two.jsonl"), "--url", "https://news.example/story")
    assert code == ExitStatus.ITEMS_FAILED
    assert "1 added" in err and "holds several" in err


def test_search_filters_and_brief(cli: CliRunner) -> None:
    from newsdesk.demo import corpus_path

    assert run(cli, "-q", "ingest", str(corpus_path()))[0] == 0
    code, out, _ = run(cli, "search", "dam", "--json")
    every = json.loads(out)
    assert code == 0 and every and all("[" in r["snippet"] and r["score"] > 0 for r in every)
    code, out, _ = run(cli, "search", "dam", "--outlet", "Veloria Ledger", "--json")
    assert {r["outlet"] for r in json.loads(out)} == {"Veloria Ledger"}
    code, out, _ = run(cli, "search", "dam", "--since", "2026-06-17", "--until", "2026-06-17", "--json")
    assert 0 < len(json.loads(out)) < len(every)
    code, _, err = run(cli, "search", "dam", "--since", "soon")
    assert code == 2 and "not a date" in err  # a usage error, as a wrong value of any option is
    code, out, _ = run(cli, "search", "dam")
    assert code == 0 and "matches for 'dam'" in out
    story_id = json.loads(run(cli, "stories", "--json")[1])[0]["id"]
    code, out, _ = run(cli, "brief", story_id[:6])
    assert code == 0 and out.startswith("# ") and "## Timeline" in out
    code, _, err = run(cli, "brief", story_id, "--format", "html", "-o", "brief.html")
    assert code == 0 and "Wrote brief.html" in err
    assert Path("brief.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    code, out, _ = run(cli, "brief", story_id, "--format", "json")
    assert json.loads(out)["story"]["id"] == story_id
    assert run(cli, "brief", "nope")[0] == ExitStatus.NOT_FOUND


def test_serve_binds_loopback_and_warns_otherwise(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int]] = []
    served: list[int] = []

    def fake_listen(host: str, port: int) -> socket.socket:
        calls.append((host, port))
        return listen("127.0.0.1", 0)  # a real socket, on a free port: the printed URL must be the bound one

    monkeypatch.setattr("newsdesk.cli.serve.listen", fake_listen)
    monkeypatch.setattr("newsdesk.cli.serve.run_server", lambda corpus, sock: served.append(sock.getsockname()[1]))
    newsdesk.open("newsdesk.db").close()  # serve reads a database; it makes none
    code, _, err = run(cli, "serve")
    assert code == 0 and calls == [("127.0.0.1", 8000)] and f"http://127.0.0.1:{served[-1]}/" in err
    code, _, err = run(cli, "serve", "--host", "0.0.0.0", "--port", "9001")
    assert calls[-1] == ("0.0.0.0", 9001) and "Warning" in err
    code, _, err = run(cli, "demo", "--out", "d.db")
    assert code == 0 and len(calls) == 2  # not a terminal: the demo does not serve unless asked
    code, _, err = run(cli, "demo", "--out", "d.db", "--serve", "--port", "9002")
    assert code == 0 and calls[-1] == ("127.0.0.1", 9002) and f"http://127.0.0.1:{served[-1]}/" in err


def test_serve_on_a_taken_port_is_a_clear_error_before_any_url(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[object] = []
    monkeypatch.setattr("newsdesk.cli.serve.run_server", lambda corpus, sock: served.append(sock))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(cli, "serve", "--port", str(port))
    assert code == ExitStatus.CONFIG and served == []
    assert f"Cannot listen on http://127.0.0.1:{port}/" in err and "--port" in err and "Serving" not in err


def test_serve_port_zero_prints_the_port_it_got(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[int] = []
    monkeypatch.setattr("newsdesk.cli.serve.run_server", lambda corpus, sock: served.append(sock.getsockname()[1]))
    newsdesk.open("newsdesk.db").close()
    code, _, err = run(cli, "serve", "--port", "0")
    assert code == 0 and served and served[0] != 0 and f"http://127.0.0.1:{served[0]}/" in err


def test_serve_on_an_unknown_host_is_a_clear_error(cli: CliRunner) -> None:
    host = "x" * 64 + ".example"  # a label longer than DNS allows: refused without asking a resolver
    code, _, err = run(cli, "serve", "--host", host)
    assert code == ExitStatus.CONFIG and "not an address or host name" in err and "Serving" not in err


def test_python_serve_refuses_a_taken_port_without_starting() -> None:
    from newsdesk.corpus import Corpus
    from newsdesk.errors import ConfigError
    from newsdesk.store import Store
    from newsdesk.web import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with Corpus(Store(":memory:")) as corpus, pytest.raises(ConfigError, match="Address already in use"):
            serve(corpus, host="127.0.0.1", port=taken.getsockname()[1])


def test_issue_hardening_cli_search_refuses_too_many_words(cli: CliRunner) -> None:
    newsdesk.open("newsdesk.db").close()
    code, _, err = run(cli, "search", " ".join(f"w{n}*" for n in range(60)))
    assert code != 0 and "60 words, more than the 32 a search may hold" in err


def test_issue_16_search_finds_a_name_s_other_spellings_unless_exact(cli: CliRunner, seeds_dir: Path) -> None:
    run(cli, "-q", "ingest", str(seeds_dir))
    found = {r["id"] for r in json.loads(run(cli, "search", "Jermak", "--json")[1])}
    exact = {r["id"] for r in json.loads(run(cli, "search", "Jermak", "--exact", "--json")[1])}
    quoted = {r["id"] for r in json.loads(run(cli, "search", '"Jermak"', "--json")[1])}
    assert exact == quoted and exact < found  # the other spellings ("Yermak") find more articles


def test_a_surname_no_mention_writes_alone_and_a_name_beside_other_words_find_its_spellings(
    cli: CliRunner, seeds_dir: Path
) -> None:
    # The seeds write "Vladimir Zelensky", "Zelenskyy" and "Zelenskyi", never "Zelensky" alone: the one person
    # whose name ends on it gives its spellings. Beside another word, the spellings are searched too (FTS5 reads no
    # implicit AND beside a bracketed group: the search had fallen back to plain words, without the spellings).
    run(cli, "-q", "ingest", str(seeds_dir))

    def ids(*args: str) -> set[str]:
        return {r["id"] for r in json.loads(run(cli, "search", *args, "--json")[1])}

    assert ids("Zelensky", "--exact") < ids("Zelensky")
    assert ids("Zelensky territory", "--exact") < ids("Zelensky territory") <= ids("Zelensky")
    for query in ("Jermak territory", "territory Jermak"):  # a group of spellings after a word or before one
        assert ids(query, "--exact") < ids(query), query
