"""One analysing process per database: a second one waits for the first, or refuses with a message naming it."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsdesk.corpus import Corpus
from newsdesk.errors import LockedError
from newsdesk.records import Failure
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.store import Store
from newsdesk.store.lock import analysis_lock

SRC = Path(__file__).resolve().parents[2] / "src"


# Invented topics, so that clustering has events to find; many articles, so that the stages run in several chunks
# and two unlocked processes overlap.
_TOPICS = {
    "dam": "Orsa dam river flows turbines reservoir engineers drought spillway".split(),
    "port": "Brannick harbour dockers strike cranes shipping berths cargo union".split(),
    "vote": "Veloria ballot parliament coalition senators budget amendment quorum".split(),
    "fire": "Karsova wildfire hillside evacuation firefighters smoke embers crews".split(),
    "bank": "Quillfin payments fine regulator ledger accounts fraud audit".split(),
}


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    rng = random.Random(19)
    topics = list(_TOPICS.items())
    for i in range(n):
        name, words = topics[i % len(topics)]
        sentences = [" ".join(rng.choices(words, k=9)).capitalize() + "." for _ in range(12)]
        (folder / f"{name}-{i:04d}.txt").write_text(
            f"Report {i} on the {name}\n\n" + " ".join(sentences) + "\n", encoding="utf-8"
        )
    return folder


def _ingest(db: Path, folder: Path, *options: str) -> subprocess.Popen[str]:
    # Without the quotes stage: it loads spaCy and parses, which would only make the test slower.
    env = {**os.environ, "PYTHONPATH": str(SRC), "NEWSDESK_PIPELINE_STAGES": "cites,dates,dedupe,cluster,origins"}
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "-q", "ingest", *options, str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _derived(db: Path) -> dict[str, Any]:
    """What analysis derives, in a form that does not depend on which process wrote it."""
    conn = sqlite3.connect(db)
    try:
        members: dict[str, set[str]] = {}
        for event_id, article_id in conn.execute("SELECT event_id, id FROM articles WHERE event_id IS NOT NULL"):
            members.setdefault(event_id, set()).add(article_id)
        stories: dict[str, set[str]] = {}
        for story_id, event_id in conn.execute("SELECT story_id, id FROM events"):
            stories.setdefault(story_id, set()).add(event_id)
        return {
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "events": conn.execute("SELECT count(*) FROM events").fetchone()[0],
            "event_members": sorted(sorted(m) for m in members.values()),
            "stories": sorted(sorted(sorted(members.get(e, ())) for e in s) for s in stories.values()),
            "term_counts": dict(conn.execute("SELECT term, documents FROM term_counts")),
            "documents": conn.execute("SELECT value FROM counters WHERE name = 'documents'").fetchone(),
            "failures": conn.execute("SELECT count(*) FROM failures").fetchone()[0],
        }
    finally:
        conn.close()


def test_issue_19_two_ingests_with_analysis_give_what_one_gives(tmp_path: Path) -> None:
    # ~20 s: 800 articles, so that two unlocked processes reliably overlap (400 raced in only 1 run of 3).
    folder = _articles(tmp_path / "in", 800)
    alone = tmp_path / "alone.db"
    first = _ingest(alone, folder)
    assert first.communicate(timeout=300) and first.returncode == 0
    together = tmp_path / "together.db"
    # Stored first, so that both processes below reach analysis together (each reads and skips every item).
    stored = _ingest(together, folder, "--no-analyze")
    assert stored.communicate(timeout=300) and stored.returncode == 0
    both = [_ingest(together, folder), _ingest(together, folder)]
    # Both waited for before either is judged: a failing first one left the second running, and its process and
    # pipes, collected during a later test, failed that test too.
    errors = [p.communicate(timeout=300)[1] for p in both]
    for p, err in zip(both, errors, strict=True):
        assert p.returncode == 0, err
    expected, got = _derived(alone), _derived(together)
    assert got["documents"] == (got["articles"],)  # each article counted once, not once per process
    assert got == expected


def _holding(db: Path) -> subprocess.Popen[str]:
    """Another process that holds the analysis lock of ``db`` until it is killed."""
    code = (
        "import sys, time\n"
        "from newsdesk.store.lock import analysis_lock\n"
        f"with analysis_lock({str(db)!r}, wait=0):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(SRC)}, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_issue_19_a_second_analysis_refuses_naming_the_other_process(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    holder = _holding(db)
    try:
        settings = Settings(pipeline=PipelineSettings(lock_seconds=0.5))
        with Store(db) as store:
            corpus = Corpus(store, settings=settings)
            started = time.monotonic()
            with pytest.raises(LockedError) as caught:
                corpus.analyze()
            assert time.monotonic() - started >= 0.5  # it waited before refusing
    finally:
        holder.kill()
        holder.communicate()
    message = str(caught.value)
    assert f"process {holder.pid} on " in message
    assert "newsdesk analyze" in message and "[pipeline] lock_seconds" in message
    # The kernel let go of the lock when its holder died: no stale lock to clear by hand.
    with Store(db) as store:
        assert Corpus(store).analyze() is not None


def test_issue_19_the_cli_shows_the_refusal_as_one_line(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Store(db).close()  # `analyze` reads a database; it makes none
    holder = _holding(db)
    try:
        env = {**os.environ, "PYTHONPATH": str(SRC), "NEWSDESK_PIPELINE_LOCK_SECONDS": "0"}
        done = subprocess.run(
            [sys.executable, "-m", "newsdesk", "--db", str(db), "analyze"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.communicate()
    assert done.returncode == 6, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "is being analysed by process" in errors[0]


def test_issue_19_the_lock_waits_for_its_holder(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    holder = _holding(Path(db))
    try:
        started = time.monotonic()
        with pytest.raises(LockedError), analysis_lock(db, wait=0.3):
            pass
        assert 0.3 <= time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.communicate()
    with analysis_lock(db, wait=5):
        pass


def test_issue_19_the_same_database_through_a_link_takes_the_same_lock(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    db.touch()
    (tmp_path / "alias.db").symlink_to(db)
    holder = _holding(db)
    try:
        with pytest.raises(LockedError), analysis_lock(str(tmp_path / "alias.db"), wait=0.3):
            pass
    finally:
        holder.kill()
        holder.communicate()


def test_issue_19_memory_databases_need_no_lock() -> None:
    with analysis_lock(":memory:", wait=0), analysis_lock(":memory:", wait=0):
        pass


def test_issue_19_a_held_write_lock_is_a_clear_store_error(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        other = sqlite3.connect(db, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            store.conn.execute("PRAGMA busy_timeout = 100")
            with pytest.raises(LockedError, match=r"is locked: another process kept writing to it for more than 0.1 s"):
                store.start_run("analyze")
            with pytest.raises(LockedError):  # (recording no failure writes nothing, so takes no lock)
                store.record_failures([Failure(item="a.txt", stage="clean", error="ParseError", message="empty")])
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.start_run("analyze") > 0
