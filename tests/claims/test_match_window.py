"""Claim matching's cost is bounded by its window, not by the story (decision 0042).

A story is fed the sentences of the real dev-news articles, three times over (as copies of each article would
repeat them), in batches: each new claim may be compared only with the readings of the story's last
``match.WINDOW`` claims (and the batch it came in with), whatever the story has seen; the window's term counts
are those of its claims; and the store reads no more than the window of a story.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.claims import extract, match, values
from newsdesk.records import Claim
from newsdesk.store import claims as stored_claims
from tests.conftest import shared_path

WINDOW = 60
BATCH = 40


def _claims() -> list[match.Member]:
    """Each sentence of the dev-news articles as a claim of its article, the articles read three times."""
    sentences = []
    for path in sorted(shared_path("dev-news").glob("*.txt")):
        for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")):
            if len(sentence.split()) >= 6:
                sentences.append((path.stem, sentence))
    members = []
    for round_ in range(3):
        for i, (article, text) in enumerate(sentences):
            claim = Claim(
                text=text, start=i, end=i + len(text), values=tuple(values.find(text)), terms=extract.terms(text)
            )
            members.append(match.Member.of(f"{article}-{round_}", claim))
    return members


def _feed(story: match.Story, members: list[match.Member], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Comparisons made for each claim, fed in batches."""
    compared = [0]
    scored = match.score

    def counting(*args: object, **kwargs: object) -> float:
        compared[0] += 1
        return scored(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(match, "score", counting)
    per_claim = []
    for start in range(0, len(members), BATCH):
        batch = members[start : start + BATCH]
        story.count(batch)
        for member in batch:
            compared[0] = 0
            story.add(member, None)
            per_claim.append(compared[0])
    return per_claim


def test_each_claim_meets_at_most_the_window_whatever_the_story_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    members = _claims()
    assert len(members) > 20 * WINDOW
    unbounded = _feed(match.Story("all"), members, monkeypatch)
    # The input makes the bound matter: without it, late claims meet more readings than the window holds.
    assert max(unbounded[-len(members) // 3 :]) > WINDOW + BATCH
    monkeypatch.setattr(match, "WINDOW", WINDOW)
    story = match.Story("s")
    bounded = _feed(story, members, monkeypatch)
    assert max(bounded) <= WINDOW + BATCH
    # What the story holds is the window: its claims, their term counts, one index entry per reading.
    assert len(story.window) <= WINDOW + BATCH and story.n == len(story.window)
    assert story.df == dict(Counter(t for m in story.window for t in m.terms))
    readings = {story._key(m, story.by_claim[m.id]) for m in story.window}
    assert set(story._indexed) == readings
    assert sum(len(c.members) for c in story.clusters.values()) == len(story.window)
    # Every claim was placed all the same.
    assert len(story.by_claim) == len(members)


def test_a_story_fitting_the_window_clusters_as_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    members = _claims()[: WINDOW * 4]
    whole = match.Story("s")
    _feed(whole, members, monkeypatch)
    monkeypatch.setattr(match, "WINDOW", len(members))
    windowed = match.Story("s")
    _feed(windowed, members, monkeypatch)
    assert windowed.by_claim == whole.by_claim


def test_the_store_reads_only_each_storys_last_claims(tmp_path: Path) -> None:
    """``members(latest=K)``: the last K claims to join the story's clusters, in the order they joined."""
    from newsdesk.store import Store

    db = tmp_path / "s.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    texts = [m.text for m in _claims()[:30]]
    needed = {
        r["name"]: (0 if "INT" in r["type"].upper() else "x")
        for r in conn.execute("PRAGMA table_info(articles)")
        if r["notnull"] and r["dflt_value"] is None and not r["pk"]
    }
    needed["id"] = "a"
    conn.execute(
        f"INSERT INTO articles ({', '.join(needed)}) VALUES ({', '.join('?' * len(needed))})", list(needed.values())
    )
    order = []
    for i, text in enumerate(texts):
        cluster = f"c{i % 4}"
        conn.execute(
            "INSERT OR IGNORE INTO claim_clusters (id, story_id, event_id, slot, text) VALUES (?, 's', NULL, '', '')",
            (cluster,),
        )
        conn.execute(
            "INSERT INTO claims (id, article_id, start, end, text, modality, asserted_kind, confidence) "
            "VALUES (?, 'a', ?, ?, ?, 'asserted', 'outlet', 1.0)",
            (f"k{i}", i, i + 1, text),
        )
        conn.execute("INSERT INTO claim_support VALUES (?, ?, 'a', 'supports', ?, ?)", (cluster, f"k{i}", i, i + 1))
        order.append((cluster, text))
    got = stored_claims.members(conn, ["s"], latest=10)
    read = sorted(
        (j, c["id"], claim.text) for c in got for (_, claim, _), j in zip(c["claims"], c["joined"], strict=True)
    )
    assert [(c, t) for _, c, t in read] == order[-10:]
    assert [c["id"] for c in got] == sorted({c for c, _ in order[-10:]}, key=lambda c: int(c[1:]))
