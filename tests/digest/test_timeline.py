"""A story's timeline kept by the digest stage (decision 0048): every page of the web list, with its date filters
and sorts, is the slice of the whole timeline that the list showed when it computed the timeline on each view;
a story without kept rows (not yet digested, or changed since) is computed as before."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsdesk import digest
from newsdesk.corpus import Corpus, open_corpus
from newsdesk.demo import corpus_path
from newsdesk.web import create_app

KEPT = 2  # entries a kept part holds here (the demo's timelines have 9-14 entries): a page spans several parts
SHOWN = 3  # entries a page shows here


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus analysed with the default stages, its timelines kept in parts of :data:`KEPT` entries."""
    path = tmp_path_factory.mktemp("timeline") / "demo.db"
    with pytest.MonkeyPatch.context() as patch, open_corpus(path) as corpus:
        patch.setattr(digest.timeline, "PER_PAGE", KEPT)
        report = corpus.ingest([corpus_path()])
        assert report.added and "digest" in [s.stage for s in report.stages]
    return path


@pytest.fixture
def corpus(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Corpus]:
    monkeypatch.setattr(digest.timeline, "PER_PAGE", KEPT)
    shutil.copy(db, tmp_path / "demo.db")
    with open_corpus(tmp_path / "demo.db") as c:
        yield c


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


def _listed(entries: list[dict[str, Any]], since: str | None, until: str | None, recent: bool) -> list[dict[str, Any]]:
    """The web list's rows as it made them from the whole timeline on each view, before the digest kept it (and
    whether each is still to come, which the list now marks "expected")."""
    if since or until:
        entries = [e for e in entries if e["date"] and (since or "") <= e["date"][:10] <= (until or "~")]
    if recent:
        entries = sorted(entries, key=lambda e: e["date"] or "", reverse=True)
    return [
        {
            "date": e["date"],
            "precision": e["precision"],
            "estimated": e["estimated"],
            "future": e["future"],  # (kept since decision 0087's revision: the list tags it "expected")
            "text": e["text"],
            "articles": len(e["article_ids"]),
            "evidence": e["evidence"][0],
        }
        for e in entries
    ]


def _views(entries: list[dict[str, Any]]) -> list[tuple[str | None, str | None, bool]]:
    """Every date filter that cuts the timeline somewhere (from, to and between its days), each in both orders."""
    days = sorted({e["date"][:10] for e in entries if e["date"]})
    middle = days[len(days) // 2]
    cuts: list[tuple[str | None, str | None]] = [(None, None), (middle, None), (None, middle), (days[1], days[-2])]
    cuts += [(days[-1] + "x", None), ("1900-01-01", "2999-12-31")]
    return [(since, until, recent) for since, until in cuts for recent in (False, True)]


def _every_page(corpus: Corpus, story_id: str, entries: list[dict[str, Any]]) -> int:
    """Compares every page of every view of the story's timeline with the slice of the whole one (``entries``)."""
    compared = 0
    for since, until, recent in _views(entries):
        listed = _plain(_listed(entries, since, until, recent))
        for offset in range(0, len(listed) + 2 * SHOWN, SHOWN):  # every page, and past the end
            found = corpus.story_timeline(story_id, since=since, until=until, recent=recent, offset=offset, limit=SHOWN)
            assert found == (listed[offset : offset + SHOWN], len(listed)), (story_id, since, until, recent, offset)
            compared += len(found[0])
    return compared


def test_every_page_of_a_kept_timeline_is_the_slice_of_the_whole_one(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = [s["id"] for s in corpus.stories()]
    expected = {s: corpus.timeline(s) for s in stories}
    # The pages are read from the kept rows: working out a timeline now fails the test.
    monkeypatch.setattr(digest.timeline, "entries", lambda *_: pytest.fail("the timeline was worked out"))
    compared = 0
    for story_id in stories:
        assert len(expected[story_id]) > KEPT  # kept in several parts
        compared += _every_page(corpus, story_id, expected[story_id])
    assert compared


def test_the_kept_parts_are_the_timeline_s_rows_and_dates_in_its_order(corpus: Corpus) -> None:
    for story in corpus.stories():
        entries = corpus.timeline(story["id"])
        rows = _plain(_listed(entries, None, None, False))
        parts = [rows[i : i + KEPT] for i in range(0, len(rows), KEPT)]
        assert corpus.store.story_digest(story["id"], digest.timeline.DATES) == [e["date"] for e in entries]
        for number, part in enumerate(parts, start=1):
            assert corpus.store.story_digest(story["id"], digest.timeline.name(number)) == part
        assert corpus.store.story_digest(story["id"], digest.timeline.name(len(parts) + 1)) is None


@pytest.mark.parametrize("missing", ["dates", "a page", "every part", "changed since"])
def test_a_timeline_without_current_kept_rows_is_worked_out_whole(corpus: Corpus, missing: str) -> None:
    story_id = max(corpus.stories(), key=lambda s: len(s["article_ids"]))["id"]
    expected = corpus.timeline(story_id)
    where = {
        "dates": f"part = '{digest.timeline.DATES}'",
        "a page": f"part = '{digest.timeline.name(2)}'",
        "every part": "part LIKE 'timeline:%'",
        "changed since": "part LIKE 'timeline:%' AND 0",
    }[missing]
    with corpus.store.transaction() as conn:
        conn.execute(f"DELETE FROM story_digests WHERE story_id = ? AND {where}", [story_id])
        if missing == "changed since":  # the story's signature no longer that of its digest
            conn.execute("UPDATE story_digests SET articles = articles + 1 WHERE story_id = ?", [story_id])
    assert _every_page(corpus, story_id, expected)


def test_the_timeline_pages_and_404s_are_the_same_with_and_without_the_digest(corpus: Corpus) -> None:
    urls = [f"/stories/{s['id']}/timeline.json" for s in corpus.stories()]
    queries = ["", "?page=2", "?sort=recent", "?sort=recent&page=2", "?since=2026-01-01", "?until=2026-06-30"]
    queries += ["?since=2026-01-01&sort=recent", "?page=99", "?since=2999-01-01&page=2"]
    asked = [u + q for u in urls for q in queries]
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        kept = {u: client.get(u) for u in asked}
    with corpus.store.transaction() as conn:
        conn.execute("DELETE FROM story_digests WHERE part LIKE 'timeline:%'")
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        computed = {u: client.get(u) for u in asked}
    assert {u: (r.status_code, r.json()) for u, r in kept.items()} == {
        u: (r.status_code, r.json()) for u, r in computed.items()
    }
    assert all(kept[u + "?page=99"].status_code == 404 for u in urls)  # past the end: the 404, kept or not
    assert all(kept[u].json()["items"] for u in urls)


def test_order_lists_as_filtering_and_sorting_the_entries_did() -> None:
    # Equal dates (a day and a week of it, a year twice), undated entries: the order of equal dates kept.
    dated = ["2019", "2019", "2019-05", "2019-05-01", "2019-05-01", "2019-05-01T10:00", "2020-01-02", None, None]
    entries = [{"date": d, "n": i, "precision": None, "estimated": False, "text": ""} for i, d in enumerate(dated)]
    for since, until in [(None, None), ("2019-05-01", None), (None, "2019-05-01"), ("2019", "2019-05-01")]:
        for recent in (False, True):
            chosen = [e for e in entries if e["date"] and (since or "") <= e["date"][:10] <= (until or "~")]
            chosen = chosen if since or until else entries
            if recent:
                chosen = sorted(chosen, key=lambda e: e["date"] or "", reverse=True)
            found = digest.timeline.order(dated, since=since, until=until, recent=recent)
            assert found == [e["n"] for e in chosen], (since, until, recent)
