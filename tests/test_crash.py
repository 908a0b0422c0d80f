"""A kill -9 in the middle of an ingest leaves the store consistent, and running the ingest again resumes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.processes import descendants

N = 1500


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(N):
        body = " ".join(
            f"Paragraph {p} of invented report {i} on the Orsa dam talks and river flows." for p in range(40)
        )
        (folder / f"{i:05d}.txt").write_text(f"Invented report number {i}\n\n{body}\n", encoding="utf-8")
    return folder


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_mid_ingest_then_resume(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "articles")
    db = tmp_path / "news.db"
    command = [sys.executable, "-m", "newsdesk", "-q", "--db", str(db), "ingest", str(folder)]
    # Crash consistency is about storage: the language-model stages would only make the 1,500 articles slow.
    env = {**os.environ, "NEWSDESK_PIPELINE_STAGES": "cites,dates,dedupe,cluster,origins"}
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while _count(db) < 50 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 0 < partial < N

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts == partial  # the full-text index is committed with its rows, never half
    conn.close()

    again = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert again.returncode == 0, again.stderr
    assert _count(db) == N
    conn = sqlite3.connect(db)
    pending = conn.execute(
        "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM stage_done WHERE stage='cites')"
    ).fetchone()[0]
    assert pending == 0  # analysis caught up on the articles stored before the kill
    conn.close()


def _gone(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and " Z " not in Path(f"/proc/{p}/stat").read_text()]
        if not alive:
            return True
        time.sleep(0.1)
    return False


def _start_with_workers(tmp_path: Path) -> tuple[list[str], dict[str, str], Path, subprocess.Popen[bytes], list[int]]:
    """An ingest with two workers, caught once its workers run (the analysis has begun): the zygote and the two
    workers it forked."""
    folder = _corpus(tmp_path / "articles")
    db = tmp_path / "news.db"
    command = [sys.executable, "-m", "newsdesk", "-q", "--db", str(db), "ingest", "--workers", "2", str(folder)]
    env = {
        **os.environ,
        "NEWSDESK_PIPELINE_STAGES": "cites,dates,dedupe,cluster,origins",
        "NEWSDESK_PIPELINE_PARALLEL_FROM": "1",
    }
    # Ctrl-C reaches the run as it reaches one started at a terminal, even when the tests themselves run as a
    # background job, whose shell has them ignore SIGINT (a disposition every child inherits).
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = descendants(proc.pid)
    assert proc.poll() is None, "ingest finished before its workers could be caught; make the corpus larger"
    assert len(workers) == 3
    return command, env, db, proc, workers


def test_kill_during_a_multi_worker_ingest_then_resume(tmp_path: Path) -> None:
    command, env, db, proc, workers = _start_with_workers(tmp_path)
    time.sleep(1.0)  # the workers are at work on the first units
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert _gone(workers, 10), "workers outlived their killed main process"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == _count(db)
    conn.close()

    again = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert again.returncode == 0, again.stderr
    assert _count(db) == N
    conn = sqlite3.connect(db)
    for stage in ("cites", "dates", "dedupe", "cluster", "origins"):
        pending = conn.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM stage_done WHERE stage = ?)",
            (stage,),
        ).fetchone()[0]
        assert pending == 0, stage
    assert conn.execute("SELECT count(*) FROM articles WHERE event_id IS NULL").fetchone()[0] == 0
    conn.close()


def test_ctrl_c_stops_the_workers(tmp_path: Path) -> None:
    _, _, db, proc, workers = _start_with_workers(tmp_path)
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0, err.decode(errors="replace")
    assert _gone(workers, 10), "workers outlived an interrupted run"
    assert b"Traceback" not in err  # neither the main process nor a worker spills a traceback
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
