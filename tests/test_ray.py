"""The Ray engine (``--engine ray``): the per-article stages on a pool of Ray actors give exactly what one local
process gives; without Ray the option says how to install it; a kill -9 mid-run leaves a store a re-run finishes.

The Ray tests need the ``ray`` extra (installed by ``make dev``/``make test``); without it they skip, saying so.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from newsdesk import corpus as corpus_module
from newsdesk import pipeline, ray_engine
from newsdesk.cli import cli
from newsdesk.corpus import Corpus
from newsdesk.errors import ConfigError, ExtraError
from newsdesk.records import Article
from newsdesk.settings import NlpSettings, PipelineSettings, Settings
from newsdesk.store import Store
from tests.test_crash import _count, _gone
from tests.test_workers import _picture, _write

_NO_RAY = importlib.util.find_spec("ray") is None
needs_ray = pytest.mark.skipif(_NO_RAY, reason="Ray is not installed: pip install -e '.[ray]' (make dev installs it)")


class _CountingRay(ray_engine.RayEngine):
    units: ClassVar[list[int]] = []

    def run(self, job: Any, units: Any) -> Any:
        _CountingRay.units.append(len(units))
        return super().run(job, units)


@needs_ray
def test_ray_gives_what_one_local_process_gives(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    monkeypatch.setattr(pipeline, "_ARTICLE_UNIT", 3)  # several units for the regex stages too
    monkeypatch.setattr(corpus_module, "RayEngine", _CountingRay)
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    _CountingRay.units = []
    pictures = []
    for engine, count in (("local", 1), ("ray", 2)):
        settings = Settings(
            pipeline=PipelineSettings(workers=count, engine=engine, parallel_from=1), nlp=NlpSettings(batch_size=3)
        )
        with Corpus(Store(tmp_path / f"{engine}.db"), settings=settings) as corpus:
            report = corpus.ingest(targets)
            assert len(report.added) == len(targets)
            pictures.append(_picture(corpus))
    # The per-article stages before the corpus stages (cites, dates, features, quotes) went through Ray, in several
    # units each; claims and stances ran in this process, beside the corpus stages, while the actors parsed the next
    # chunk (decision 0049).
    assert len(_CountingRay.units) == 4 and all(n > 1 for n in _CountingRay.units)
    one, ray = pictures
    assert one["quotes"] and one["entities"] and one["claims"] and len(one["stories"]) >= 3
    for key in one:
        assert ray[key] == one[key], key


def _explodes(article: Article, settings: Settings) -> Article:
    if "EXPLODE" in article.text:
        raise ValueError("the marked article explodes")
    if "VANISH" in article.text:
        os._exit(3)
    return dataclasses.replace(article, cites=("checked",))


@needs_ray
def test_an_article_that_raises_or_kills_its_actor_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "_ARTICLE_UNIT", 4)
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    folder = tmp_path / "marked"
    folder.mkdir()
    for i in range(10):
        mark = {2: "EXPLODE", 5: "VANISH"}.get(i, "")
        text = f"Report {i} from the invented town of Quellby on its harbour works and tides. {mark}\n"
        (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    settings = Settings(pipeline=PipelineSettings(workers=2, engine="ray"))
    with Corpus(Store(tmp_path / "fragile.db"), settings=settings) as corpus:
        corpus.pipeline = pipeline.Pipeline(
            [pipeline.ArticleStage("fragile", _explodes, requires=("article.text",), produces=("article.cites",))]
        )
        report = corpus.ingest(sorted(folder.iterdir()))
        ids = [a["id"] for a in corpus.articles()]
        failed = {f.article_id: f.error for f in report.failures}
        assert failed == {ids[2]: "ValueError", ids[5]: "WorkerError"}
        assert corpus.store.pending("fragile") == [ids[2], ids[5]]
        assert all(corpus.article(i).cites == ("checked",) for p, i in enumerate(ids) if p not in (2, 5))


def test_without_ray_the_engine_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name.split(".")[0] == "ray" else real(name, *a)
    )
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as when it is not installed
    settings = Settings(pipeline=PipelineSettings(engine="ray"))
    with pytest.raises(ExtraError, match=r"pip install 'newsdesk\[ray\]'") as caught:
        Corpus(Store(tmp_path / "x.db"), settings=settings)
    assert isinstance(caught.value, ConfigError)
    with pytest.raises(ExtraError, match=r"pip install 'newsdesk\[ray\]'"):
        ray_engine.load_ray()
    article = tmp_path / "a.txt"
    article.write_text("Invented headline\n\nA short invented report from the town of Quellby on its tides.\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "ingest", "--engine", "ray", str(article)])
    assert result.exit_code != 0
    assert "pip install 'newsdesk[ray]'" in result.output
    assert not (tmp_path / "c.db").exists() or _count(tmp_path / "c.db") == 0  # refused before storing anything


def test_an_unknown_engine_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"engine is 'spark'"):
        Corpus(Store(tmp_path / "x.db"), settings=Settings(pipeline=PipelineSettings(engine="spark")))


def _ray_processes(session_root: int) -> list[int]:
    """Processes below ``session_root``."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    found = []
    for pid in parents:
        up = pid
        while up in parents and up not in (0, 1, session_root):
            up = parents[up]
        if up == session_root and pid != session_root:
            found.append(pid)
    return found


# Two chunks of the runner (500 articles): killed once the first is stored, the run has the second left to do.
N = 700


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(N):
        body = " ".join(
            f"Line {p} of invented notice {i} about the Tessel canal locks and barge tolls." for p in range(30)
        )
        (folder / f"{i:05d}.txt").write_text(f"Invented notice number {i}\n\n{body}\n", encoding="utf-8")
    return folder


def _done(db: Path, stage: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM stage_done WHERE stage = ?", (stage,)).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@needs_ray
@pytest.mark.slow
def test_kill_during_a_ray_ingest_then_resume(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "articles")
    db = tmp_path / "news.db"
    command = [sys.executable, "-m", "newsdesk", "-q", "--db", str(db), "ingest", "--engine", "ray", str(folder)]
    env = {**os.environ, "NEWSDESK_PIPELINE_STAGES": "cites,dates,dedupe,cluster,origins"}
    env.pop("RAY_ADDRESS", None)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 300
    while _done(db, "cites") == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # Ray has finished the first chunk of the first stage: the driver writes as Ray works
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    below = _ray_processes(proc.pid)
    assert below, "no Ray processes were started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Ray's head processes die with their driver; its workers follow once they find the raylet gone.
    assert _gone(below, 120), "the local Ray of the killed run outlived it"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == _count(db)
    assert 0 < _done(db, "cites") < N
    conn.close()

    again = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
    assert again.returncode == 0, again.stderr
    assert _count(db) == N
    conn = sqlite3.connect(db)
    for stage in ("cites", "dates", "dedupe", "cluster", "origins"):
        assert _done(db, stage) == N, stage
    conn.close()
