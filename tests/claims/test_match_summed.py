"""A run reads a story's last claims summed up by the store, by what each claim reads as (decision 0042).

The store keeps with each support row its story and its claim's reading (the terms, values and negation matching
reads, m029), and sums a story's last rows up by cluster and reading: the story a run builds from that is the one
it builds reading the same rows one by one (counts, index, clusters, representatives), and it answers every claim
the same. Copies of claims (the same terms and values under other articles) make the repeated readings; a claim
in two clusters counts once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsdesk.claims import match
from newsdesk.records import Article, Claim, Modality, claim_id
from newsdesk.store import Store
from newsdesk.store import claims as stored_claims
from tests.claims.test_match_index import _claims

COUNT = 60


def _store(tmp_path: Path) -> sqlite3.Connection:
    """Story ``s``: ``COUNT`` dev-news sentences as claims of article ``a`` (every fifth denied) in four clusters,
    then their copies under ``b`` and ``c`` (``c``'s denials worded otherwise: some with a denial's words, some
    without), joining their originals' clusters; then one claim of ``b`` in a second cluster too."""
    db = tmp_path / "s.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    stored_claims.functions(conn)
    needed = {
        r["name"]: (0 if "INT" in r["type"].upper() else "x")
        for r in conn.execute("PRAGMA table_info(articles)")
        if r["notnull"] and r["dflt_value"] is None and not r["pk"]
    }
    originals = _claims(1)[:COUNT]
    for article in ("a", "b", "c"):
        row = {**needed, "id": article}
        marks = ", ".join("?" * len(row))
        conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES ({marks})", list(row.values()))
        claims = []
        for i, original in enumerate(originals):
            text = original.text
            worded = text + (" It was denied." if i % 10 == 0 else " Again.") if article == "c" else text
            claims.append(
                Claim(
                    text=worded,
                    start=i,
                    end=i + 1,
                    values=original.values,
                    terms=tuple(sorted(original.terms)),
                    modality=Modality.DENIED if i % 5 == 0 else Modality.ASSERTED,
                    slot=f"slot{i % 3}",
                )
            )
        stored_claims.save(conn, Article(id=article, source="x", text="x", claims=tuple(claims)))
    for i in range(4):
        cluster = "INSERT INTO claim_clusters (id, story_id, event_id, slot, text) VALUES (?, 's', NULL, '', '')"
        conn.execute(cluster, (f"c{i}",))
    for article in ("a", "b", "c"):
        stored_claims.save_clusters(
            conn, [], [(f"c{i % 4}", claim_id(article, i, i + 1), article, "supports", i, i + 1) for i in range(COUNT)]
        )
    stored_claims.save_clusters(conn, [], [("c1", claim_id("b", 0, 1), "b", "supports", 0, 1)])
    return conn


def _by_rows(conn: sqlite3.Connection, latest: int) -> tuple[match.Story, dict[str, str]]:
    """The story as a run built it before: each row read (``readings``), loaded and counted."""
    story, slots = match.Story("s"), {}
    for row in stored_claims.readings(conn, ["s"], latest):
        cluster = match.Cluster(id=row["id"], story_id="s", event_id=row["event_id"], changed=False)
        members = []
        for id_, article_id, terms, values, modality, slot, text in row["claims"]:
            members.append(match.Member.stored(id_, article_id, terms, values, modality, text))
            slots[id_] = slot
        story.load(cluster, members)
        story.count(members)
    return story, slots


def _state(story: match.Story) -> dict[str, Any]:
    """What matching reads of a story (``by_claim`` aside: a summed-up story asks the store for it)."""
    return {
        "n": story.n,
        "df": dict(story.df),
        "index": {t: list(p.items()) for t, p in story.index.items()},
        "held": {(t, c): held for c, by_term in story._held.items() for t, held in by_term.items()},
        "readings": {k: m.id for k, m in story._readings.items()},
        "clusters": {
            c.id: (
                c.size,
                c.first.id if c.first else None,
                dict(c.values),
                {t: (n, m.id) for t, (n, m) in c.shapes.items()},
                c.vague,
                {t: m.id for t, m in c.plain.items()},
            )
            for c in story.clusters.values()
        },
    }


@pytest.mark.parametrize("latest", [1_000, 70, 7])
def test_a_story_summed_up_by_the_store_is_the_story_read_row_by_row(tmp_path: Path, latest: int) -> None:
    conn = _store(tmp_path)
    rows, rows_slots = _by_rows(conn, latest)
    (window,) = stored_claims.window(conn, ["s"], latest)
    summed, slots = match.Story("s"), {}
    assert summed.load_window(window, slots)
    assert _state(summed) == _state(rows)
    # Fewer readings than rows came back; the claim of two clusters belongs to the later one, as read row by row.
    if latest == 1_000:
        assert sum(len(c["readings"]) for c in window["clusters"]) < 2 * COUNT
        assert window["repeated"] and summed.by_claim[claim_id("b", 0, 1)] == rows.by_claim[claim_id("b", 0, 1)]
    # The representatives and their slots are the same.
    for cluster in rows.clusters.values():
        mine = summed.clusters[cluster.id]
        assert match._representative(mine).id == match._representative(cluster).id
        assert slots[match._representative(mine).id] == rows_slots[match._representative(cluster).id]
    # Every reading of the rows, asked again as a new claim (its own term set, as a batch's claim has), gets the
    # same answer.
    for member in rows._readings.values():
        again = match.Member(
            id="new" + member.id,
            article_id="z",
            terms=frozenset(sorted(member.terms)),
            values=member.values,
            negative=member.negative,
            denial=member.denial,
        )
        got_rows, score_rows = rows.best(again)
        got_summed, score_summed = summed.best(again)
        assert (got_rows and got_rows.id, score_rows) == (got_summed and got_summed.id, score_summed)


def test_a_story_whose_lists_fill_is_read_row_by_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a term's list fills, the order it ends in hangs on each row: the summed-up story says so."""
    monkeypatch.setattr(match, "POSTING", 8)
    conn = _store(tmp_path)
    (window,) = stored_claims.window(conn, ["s"], 1_000)
    assert not match.Story("s").load_window(window, {})


def test_the_store_tells_which_claims_of_a_batch_it_holds_among_a_storys_last_rows(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    (window,) = stored_claims.window(conn, ["s"], 2 * COUNT)  # the rows of b (and the repeated claim) and c
    found = stored_claims.placed(conn, "s", window["low"], window["high"], ["a", "b", "c"])
    assert not any(claim_id("a", i, i + 1) in found for i in range(COUNT))
    assert found[claim_id("c", 3, 4)] == "c3" and found[claim_id("b", 0, 1)] == "c1"  # its row among the last
    assert len(found) == 2 * COUNT


def test_a_story_s_last_rows_are_found_on_its_index(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    plan = " ".join(
        str(tuple(r))
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT rowid FROM claim_support WHERE story_id = ? ORDER BY rowid DESC LIMIT ?",
            ("s", 10),
        )
    )
    assert "claim_support_story" in plan and "TEMP B-TREE" not in plan


def test_a_copied_claim_is_scored_once_while_nothing_it_meets_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """``best`` remembers its answer for a reading: the same clusters as working every claim out."""
    members = _claims(3)
    worked = [0]
    real = match.Story._best

    def counting(self: match.Story, claim: match.Member, own: int) -> tuple[match.Cluster | None, float]:
        worked[0] += 1
        return real(self, claim, own)

    class Forgetful(match.Story):
        def best(self, claim: match.Member) -> tuple[match.Cluster | None, float]:
            self._answers.clear()
            return super().best(claim)

    kept, forgetful = match.Story("s"), Forgetful("s")
    monkeypatch.setattr(match.Story, "_best", counting)
    for story in (forgetful, kept):
        worked[0] = 0
        for start in range(0, len(members), 40):
            story.extend((m, None) for m in members[start : start + 40])
    assert kept.by_claim == forgetful.by_claim
    asked = len(members) - sum(len(m.terms) < match.MIN_TERMS and not m.value_key for m in members)
    assert worked[0] < asked
