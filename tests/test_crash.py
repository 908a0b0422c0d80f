"""A kill -9 in the middle of an ingest leaves the store consistent, and running the ingest again resumes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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
