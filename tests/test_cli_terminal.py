"""Hostile content reaches the terminal and spreadsheets inert: no markup, no escape sequences, no formulas."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import cli as newsdesk_cli
from newsdesk.cli.terminal import csv_cell, dumps, printable
from newsdesk.corpus import open_corpus

BODY = "The harbour board met on Tuesday to discuss the new crane contract and the delays at the eastern quay."
MARKUP_TITLE = "Crane deal [link=file:///etc/passwd]signed[/link] [bold red]today"
ESCAPE_TITLE = "Quay \x1b]0;pwned\x07 news \x1b[2J\x9b31m"
FORMULA_TITLE = '=HYPERLINK("http://example.invalid/x","open")'
COMMAND_TITLE = "+cmd|' /C calc'!A0"


def run(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    # A wide console, so no table cell is folded across lines.
    result = cli.invoke(newsdesk_cli, list(args), catch_exceptions=False, env={"COLUMNS": "400"})
    return result.exit_code, result.stdout, result.stderr


def _ingest_titles(cli: CliRunner, tmp_path: Path) -> None:
    lines = [
        {"text": f"{BODY} Item {i}.", "title": title, "outlet": f"Outlet {i}"}
        for i, title in enumerate([MARKUP_TITLE, ESCAPE_TITLE, FORMULA_TITLE, COMMAND_TITLE])
    ]
    feed = tmp_path / "hostile.jsonl"
    feed.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    code, _, err = run(cli, "ingest", "--no-analyze", str(feed))
    assert code == 0, err


def test_issue_19_markup_in_a_title_is_shown_as_text(cli: CliRunner, tmp_path: Path) -> None:
    _ingest_titles(cli, tmp_path)
    code, out, _ = run(cli, "articles")
    assert code == 0
    # rich would have read these as a link and a style, and dropped the brackets
    assert MARKUP_TITLE in out


def test_issue_19_escape_sequences_never_reach_the_terminal(cli: CliRunner, tmp_path: Path) -> None:
    _ingest_titles(cli, tmp_path)
    for args in (["articles"], ["articles", "--json"], ["articles", "--nl"], ["search", "quay"], ["failures"]):
        code, out, err = run(cli, *args)
        assert code == 0
        assert "\x1b" not in out + err and "\x9b" not in out + err and "\x07" not in out + err, args
    listed = json.loads(run(cli, "articles", "--json")[1])
    # Cleaning drops C0 controls from titles, not C1 ones: the output above did hold one, escaped.
    assert any("\x9b" in a["title"] for a in listed)


def test_issue_19_a_failing_file_name_is_printed_with_escapes(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "report\x1b[2J\x1b]0;owned\x07.txt"
    bad.write_bytes(b"")
    code, out, err = run(cli, "ingest", str(bad))
    assert code == 3
    assert "\x1b" not in err and "\x07" not in err
    assert "report\\x1b[2J\\x1b]0;owned\\x07.txt" in err
    code, out, err = run(cli, "failures")
    assert "\x1b" not in out + err


def test_issue_19_csv_cells_never_start_a_formula(cli: CliRunner, tmp_path: Path) -> None:
    _ingest_titles(cli, tmp_path)
    code, out, _ = run(cli, "articles", "--csv")
    assert code == 0
    titles = {row["title"] for row in csv.DictReader(io.StringIO(out))}
    assert "'" + FORMULA_TITLE in titles and "'" + COMMAND_TITLE in titles
    assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)


def test_terminal_helpers() -> None:
    assert printable("a\x1b[31mb\tc\nd\x9b\u202e") == "a\\x1b[31mb\tc\nd\\x9b\\u202e"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell(-3.5) == -3.5 and csv_cell("plain") == "plain"
    text = dumps({"t": "x\x9by\u2028"})
    assert "\x9b" not in text and "\u2028" not in text and json.loads(text) == {"t": "x\x9by\u2028"}


def test_issue_19_failures_last_leaves_out_a_run_still_going_and_names_killed_runs(
    cli: CliRunner, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run(cli, "ingest", str(empty))
    assert code == 3
    flat = " ".join(err.split())
    assert "See: newsdesk failures --run 1" in flat
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with open_corpus() as corpus:
            # Another process's run, still going, started after ours; and a run whose process is gone.
            corpus.store.conn.execute(
                "INSERT INTO runs (command, started_at, pid, host, status) VALUES ('ingest', '2026-01-01', ?, ?, "
                "'running')",
                (sleeper.pid, socket.gethostname()),
            )
            dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
            corpus.store.conn.execute(
                "INSERT INTO runs (command, started_at, pid, host, status) VALUES ('ingest', '2026-01-01', ?, ?, "
                "'running')",
                (int(dead.stdout), socket.gethostname()),
            )
            statuses = {r["id"]: r["status"] for r in corpus.runs()}
        assert statuses == {1: "finished", 2: "running", 3: "interrupted"}
        code, out, _ = run(cli, "failures", "--last")
        assert "0 failures in run 3" in " ".join(out.split())  # the killed run ended, with nothing recorded
        with open_corpus() as corpus:
            corpus.store.conn.execute("DELETE FROM runs WHERE id = 3")
        code, out, _ = run(cli, "failures", "--last")
        assert "1 failure in run 1" in " ".join(out.split()) and "empty" in out
        code, out, _ = run(cli, "failures", "--run", "1", "--json")
        assert [f["message"][:10] for f in json.loads(out)] == ["empty file"]
        assert Path("newsdesk.db").exists()
    finally:
        sleeper.kill()
        sleeper.wait()
