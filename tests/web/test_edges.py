"""Edges of the web UI a demanding user hits (decision 0087's revision): a date its articles speak of as still to
come is marked expected on the timeline as the CLI marks it, the story page lists its events by day (an undated
one at the day its reports name, not first), and the positions chart's lane names are readable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.web import create_app
from tests.test_cli_ux import BRIDGE, BRIDGE_AGAIN

NO_DIGEST = ("cites", "dates", "dedupe", "cluster", "origins")


@pytest.fixture(scope="module", params=["kept", "computed"])
def bridge(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, str]]:
    """The bridge's two reports, analysed with every stage (the timeline read from the rows the digest kept) or
    without the digest (worked out from the whole timeline); the corpus and the story's id."""
    tmp = tmp_path_factory.mktemp("edges")
    source = tmp / "items.jsonl"
    lines = [
        {"title": "Varnholt approves harbour bridge", "outlet": "Varnholt Post", "published": "2026-05-04",
         "text": BRIDGE},
        {"title": "Harbour bridge approved", "outlet": "Coast Courier", "published": "2026-05-05",
         "text": BRIDGE_AGAIN},
    ]  # fmt: skip
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
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
