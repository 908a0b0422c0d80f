"""The all-stages store builder: a real ingest of a few articles, grown by copies that keep every span right."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType

import newsdesk
from newsdesk.settings import PipelineSettings
from tests.conftest import bench_module, shared_path


def _bench() -> ModuleType:
    return bench_module("grow")


def test_grow_builds_a_store_with_every_stage_run_on_every_article(tmp_path: Path) -> None:
    shared_path("data", "ecbplus")  # fail, not skip, when the data is missing
    db = tmp_path / "g.db"
    _bench().build(db, 36, tmp_path, base=12)
    conn = sqlite3.connect(db)
    articles = dict(conn.execute("SELECT id, text FROM articles"))
    assert len(articles) == 36
    for stage in PipelineSettings().stages:
        done = {r[0] for r in conn.execute("SELECT article_id FROM stage_done WHERE stage = ?", (stage,))}
        assert done == set(articles), stage
    # The copies carry their originals' quotes, mentions and claims, each span reading its own text.
    for table in ("quotes", "mentions", "claims"):
        rows = conn.execute(f"SELECT article_id, start, end, text FROM {table}").fetchall()
        assert len({r[0] for r in rows}) > 12, table
        assert all(articles[a][s:e] == t for a, s, e, t in rows), table
    counted = conn.execute(
        "SELECT count(*) FROM entities "
        "WHERE mentions != (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id)"
    ).fetchone()[0]
    assert counted == 0
    with newsdesk.open(db) as corpus:
        assert corpus.stories() and corpus.count() == 36
    assert "36 articles" in _bench().describe(db)
    # --inherit: the copies take every stage's findings from their originals; only the digest runs on them.
    conn.close()
    inherited = tmp_path / "i.db"
    inherited.write_bytes(db.read_bytes())
    assert _bench().add_copies(inherited, 60, inherit=True) == 24
    with newsdesk.open(inherited) as corpus:
        ran = {s.stage: s.items_in for s in corpus.analyze()}
        assert ran["digest"] >= 24 and ran["cluster"] == ran["claim_match"] == 0
    conn = sqlite3.connect(inherited)
    for stage in PipelineSettings().stages:
        done = {r[0] for r in conn.execute("SELECT article_id FROM stage_done WHERE stage = ?", (stage,))}
        assert len(done) == 60, stage
    copies = [r for r in conn.execute("SELECT id, event_id, origin FROM articles") if r[0] not in articles]
    assert len(copies) == 24 and all(event and origin for _, event, origin in copies)
    supported = {r[0] for r in conn.execute("SELECT article_id FROM claim_support")}
    claimed = {r[0] for r in conn.execute("SELECT article_id FROM claims")}
    assert supported == claimed and {c[0] for c in copies} & supported
    assert conn.execute("SELECT count(*) FROM story_digests").fetchone()[0] > 0


def test_a_copy_keeps_every_offset_and_the_kept_spans() -> None:
    import random

    text = "Mayor Ilsa Varnholt said the bridge over the Kessel would reopen on 14 May, officials said."
    keep = [(6, 19)]  # the mention "Ilsa Varnholt"
    words = {n: ["x" * n] for n in range(4, 12)}
    copy = _bench()._replace(text, keep, 1.0, random.Random(1), words)
    assert len(copy) == len(text) and copy != text
    assert copy[6:19] == "Ilsa Varnholt" and copy[:5] == "Xxxxx"


def test_a_relinked_copy_renames_some_name_words_in_place_and_consistently() -> None:
    import random

    text = "Ilsa Varnholt met Tomas Varnholt in Kessel. Varnholt said the Kessel bridge would reopen."
    spans = [(0, 13), (18, 32), (36, 42), (44, 52), (62, 68)]
    names = {n: ["Q" + "z" * (n - 1)] for n in range(3, 12)}
    copy = _bench()._rename(text, spans, 1.0, random.Random(1), names)
    assert len(copy) == len(text)
    # Every name word inside the spans is replaced by one of the same length, the same word the same way.
    assert copy.split()[:2] == ["Qzzz", "Qzzzzzzz"] and copy[24:32] == copy[44:52] == "Qzzzzzzz"
    assert copy[36:42] == copy[62:68] == "Qzzzzz"
    assert "bridge would reopen" in copy
    assert _bench()._rename(text, spans, 0.0, random.Random(1), names) == text


def test_serial_sizes_must_leave_room_for_the_base_and_the_step() -> None:
    import pytest

    args = _bench().parse_args(["--db", "x.db", "--base", "10", "--serial", "100,200", "--step", "50"])
    assert args.serial == [100, 200]
    with pytest.raises(SystemExit):
        _bench().parse_args(["--db", "x.db", "--base", "100", "--serial", "120", "--step", "50"])
