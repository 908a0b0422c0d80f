"""Edges of the web UI a demanding user hits (decision 0087's revision): a date its articles speak of as still to
come is marked expected on the timeline as the CLI marks it, the story page lists its events by day (an undated
one at the day its reports name, not first), and the positions chart's lane names are readable."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.records import Article
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.store import Store, coverage
from newsdesk.web import create_app
from tests.test_cli_ux import BRIDGE, BRIDGE_AGAIN

NO_DIGEST = ("cites", "dates", "dedupe", "cluster", "origins")


def _items(folder: Path) -> Path:
    """The bridge's two reports, as JSON lines in ``folder``."""
    source = folder / "items.jsonl"
    lines = [
        {"title": "Varnholt approves harbour bridge", "outlet": "Varnholt Post", "published": "2026-05-04",
         "text": BRIDGE},
        {"title": "Harbour bridge approved", "outlet": "Coast Courier", "published": "2026-05-05",
         "text": BRIDGE_AGAIN},
    ]  # fmt: skip
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return source


@pytest.fixture(scope="module", params=["kept", "computed"])
def bridge(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, str]]:
    """The bridge's two reports, analysed with every stage (the timeline read from the rows the digest kept) or
    without the digest (worked out from the whole timeline); the corpus and the story's id."""
    tmp = tmp_path_factory.mktemp("edges")
    source = _items(tmp)
    settings = Settings() if request.param == "kept" else Settings(pipeline=PipelineSettings(stages=NO_DIGEST))
    with open_corpus(tmp / "bridge.db", settings=settings) as corpus:
        corpus.ingest([source])
        (story,) = corpus.stories()
        if request.param == "kept":
            assert corpus.store.story_digest(story["id"], "timeline:dates") is not None
        yield corpus, story["id"]


def test_the_timeline_marks_a_date_still_to_come_as_expected_as_the_cli_does(bridge: tuple[Corpus, str]) -> None:
    corpus, story_id = bridge
    future = {e["date"]: e["future"] for e in corpus.timeline(story_id)}  # what `newsdesk story` marks
    assert future["2029"] and not any(v for d, v in future.items() if d != "2029")
    with TestClient(create_app(corpus)) as client:
        items = client.get(f"/stories/{story_id}/timeline.json").json()["items"]
        page = client.get(f"/stories/{story_id}/timeline").text
    assert {t["date"]: t["future"] for t in items} == future
    rows = re.findall(r'<td class="date">(.*?)</td>', page)
    marked = [row for row in rows if "expected" in row]
    assert len(marked) == 1 and marked[0].startswith("2029")


def _event(event_id: str, title: str, day: str | None, articles: int, estimated: str | None = None) -> dict[str, Any]:
    event = {"id": event_id, "title": title, "articles": articles, "outlets": 1, "first_seen": day, "last_seen": day,
             "articles_shown": []}  # fmt: skip
    return {**event, "estimated_day": estimated} if estimated else event


def test_the_story_page_lists_its_events_by_day_an_estimated_one_at_its_day(
    bridge: tuple[Corpus, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, story_id = bridge
    # The digest's order (largest first): the undated event, whose reports name 2026-05-12, leads.
    events = [
        _event("e3", "Council votes the money", None, 4, "2026-05-12"),
        _event("e1", "Bridge approved", "2026-05-04", 3),
        _event("e2", "Bridge opens", "2026-06-20", 3),
        _event("e4", "Protest at the site", None, 2),
    ]
    monkeypatch.setattr(Corpus, "with_estimated_days", lambda self, story_id, found: events)
    with TestClient(create_app(corpus)) as client:
        for url in (f"/stories/{story_id}", f"/stories/{story_id}/events", f"/stories/{story_id}/events?sort=date"):
            page = client.get(url).text
            assert re.findall(r"(Bridge approved|Council votes the money|Bridge opens|Protest at the site)", page)[
                :4
            ] == ["Bridge approved", "Council votes the money", "Bridge opens", "Protest at the site"], url
        # A sort asked for is that sort.
        page = client.get(f"/stories/{story_id}/events?sort=size").text
        assert page.index("Council votes the money") < page.index("Bridge approved")


def test_the_positions_charts_lane_names_are_readable_and_no_point_covers_one(
    client: TestClient, demo_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    entity = demo_corpus.entities()[0]
    statement = {"article_id": "a" * 16, "start": 0, "end": 10, "said": True, "text": "We back the bridge."}
    position = {
        "story_id": None, "issue_id": "i1", "issue": "the bridge", "position": "neutral", "date": None,
        "shifts": [], "actor_id": entity["id"],
        "evidence": [{**statement, "position": "neutral", "date": None},
                     {**statement, "position": "supports", "date": "2026-05-04"}],
    }  # fmt: skip
    monkeypatch.setattr(Corpus, "actor_positions", lambda self, entity_id: [position])
    page = client.get(f"/entities/{entity['id']}").text
    chart = page[page.index('<svg class="stance-chart"') : page.index("</svg>", page.index('class="stance-chart"'))]
    sizes = [float(s) for s in re.findall(r'<text class="lane-name"[^>]*font-size="([\d.]+)"', chart)]
    assert len(sizes) == 4 and min(sizes) >= 11
    # The chart is drawn 1:1 up to its width (it shrinks only on a screen narrower than that).
    assert re.search(r'viewBox="0 0 (\d+) \d+" width="\1"', chart)
    lines_start = {float(x) for x in re.findall(r'<line class="base" x1="([\d.]+)"', chart)}
    points = [(float(x), float(r)) for x, r in re.findall(r'<circle [^>]*cx="([\d.]+)"[^>]*r="([\d.]+)"', chart)]
    assert len(points) == 2 and len(lines_start) == 1
    # The lane names sit left of where the lanes begin, and the undated point (at the left edge) right of it.
    assert min(x - r for x, r in points) >= min(lines_start) > 0


# -- decision 0087, revised 2026-12-07 (second session) ---------------------------------------------------------

DAYS = 60  # events, one a day: more than a page of 50


def _events_store(path: Path) -> str:
    """A story of ``DAYS`` events, one a day from 2026-01-01, whose sizes (1 to 6 articles) follow no day order:
    cut by size, page 1 would hold events of every month. Written through the store; the story's id."""
    store = Store(path)
    sizes = [1 + (e * 37) % 6 for e in range(DAYS)]
    articles = [
        Article(id=f"a{e:03d}{k}", source=f"invented-{e}-{k}.txt", text=f"Ferry talks, day {e}, report {k}.",
                outlet=f"Courier {k}", title=f"Ferry talks, day {e}",
                published=f"{date(2026, 1, 1) + timedelta(days=e)}T08:00:00+00:00")
        for e in range(DAYS) for k in range(sizes[e])
    ]  # fmt: skip
    store.add(articles)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO stories (id, title, centroid) VALUES ('sdays', 'Ferry talks', x'00')")
    for e in range(DAYS):
        conn.execute("INSERT INTO events (id, story_id, title, centroid) VALUES (?, 'sdays', ?, x'00')",
                     (f"ev{e:03d}", f"Ferry talks, day {e}"))  # fmt: skip
    conn.executemany("UPDATE articles SET event_id = ? WHERE id = ?", [(f"ev{a.id[1:4]}", a.id) for a in articles])
    coverage.rebuild(conn)
    conn.commit()
    conn.close()
    return "sdays"


@pytest.mark.parametrize("read", ["kept", "computed"])
def test_the_events_list_is_cut_into_pages_in_the_order_it_shows_them(
    read: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id = _events_store(tmp_path / "days.db")
    if read == "kept":  # the digest's pages: the whole list largest first, 50 a page
        monkeypatch.setattr(
            Corpus,
            "story_list_page",
            lambda self, story_id, section, page: (
                (rows := self.story_part("events", story_id, limit=50, offset=(page - 1) * 50)),
                int(rows[0]["total"]) if rows else DAYS,
            ),
        )
    first = [f"Ferry talks, day {e}" for e in range(50)]
    with open_corpus(tmp_path / "days.db") as corpus, TestClient(create_app(corpus)) as client:
        for sort in ("", "?sort=date"):
            one = client.get(f"/stories/{story_id}/events.json{sort}").json()
            two = client.get(f"/stories/{story_id}/events.json{sort}{'&' if sort else '?'}page=2").json()
            assert one["total"] == two["total"] == DAYS
            assert [e["title"] for e in one["items"]] == first, sort  # the 50 first days, in their order
            assert [e["title"] for e in two["items"]] == [f"Ferry talks, day {e}" for e in range(50, DAYS)], sort
        # Largest first when asked: the page is cut by size.
        sized = client.get(f"/stories/{story_id}/events.json?sort=size").json()["items"]
        assert [e["articles"] for e in sized] == sorted((e["articles"] for e in sized), reverse=True)


def test_a_timeline_kept_before_its_rows_said_what_is_to_come_is_worked_out_then_kept_again(tmp_path: Path) -> None:
    source = _items(tmp_path)
    with open_corpus(tmp_path / "old.db") as corpus:
        corpus.ingest([source])
        (story,) = corpus.stories()
        story_id = story["id"]
        expected = {e["date"]: e["future"] for e in corpus.timeline(story_id)}
        assert any(expected.values())
        # The timeline as a digest made before its rows carried `future` kept it (the story unchanged since).
        with corpus.store.transaction() as conn:
            for part, data in conn.execute(
                "SELECT part, data FROM story_digests WHERE story_id = ? AND part GLOB 'timeline:[0-9]*'", (story_id,)
            ).fetchall():
                rows = [{k: v for k, v in row.items() if k != "future"} for row in json.loads(data)]
                conn.execute(
                    "UPDATE story_digests SET data = ? WHERE story_id = ? AND part = ?",
                    (json.dumps(rows), story_id, part),
                )
        with TestClient(create_app(corpus)) as client:  # recognised: worked out whole, each entry's tag right
            items = client.get(f"/stories/{story_id}/timeline.json").json()["items"]
        assert {t["date"]: t.get("future") for t in items} == expected
        assert corpus.store.stories_kept_without("timeline:1", "future") == [story_id]
        corpus.analyze()  # and kept again, as a digest makes it today
        assert corpus.store.stories_kept_without("timeline:1", "future") == []
        kept = corpus.store.story_digest(story_id, "timeline:1")
        assert kept is not None and {row["date"]: row["future"] for row in kept} == expected
