"""The story page as a bounded dashboard: a story of 1,200 articles and 24,000 quotes (invented, written through
the store) gives a page under 300 KB whose lists are cut in SQL; filters, sorting and pages work without
JavaScript and stay in the links; a page past the end is a 404."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.records import Article
from newsdesk.store import Store, coverage
from newsdesk.web import create_app

ARTICLES = 1200
EVENTS = 40
OUTLETS = [f"Harbour Courier {n}" for n in range(30)]
SPEAKERS = [f"Councillor Tamsin Oduya {n}" for n in range(300)]
# What a speaker stage leaves when it cannot name anyone: never to be listed as a speaker.
JUNK = [None, "it", "They", "his", "https://t.example/x", "I"]
QUOTES_EACH = 20
LONG_TITLE = "Ferry strike " + "and more " * 2000  # 18,000 characters: a page shows a bounded part of it
STORY = "sbig0000000001"


def _text(n: int) -> tuple[str, list[tuple[int, int, str]]]:
    """An article's text (invented) and the spans of its quotes."""
    parts, spans, at = [], [], 0
    for k in range(QUOTES_EACH):
        words = f"The Brannoc ferry will sail again on day {k} of the dispute, number {n}"
        if n == 0 and k == 0:
            words = "We will keep talking " * 300  # a 6,300-character quote: the page cuts it
        sentence = f"She said: “{words}.” "
        start = at + sentence.index("“") + 1
        spans.append((start, start + len(words) + 1, words + "."))
        parts.append(sentence)
        at += len(sentence)
    return "".join(parts), spans


def _speaker(n: int, k: int) -> tuple[str | None, str, str | None]:
    """Speaker, kind and entity of quote ``k`` of article ``n``: most named and linked, some junk, some plain."""
    if k % 10 == 9:
        junk = JUNK[(n + k) % len(JUNK)]
        return junk, "unknown", None
    if k % 10 == 8:
        return "the port authority", "group", None
    if k % 10 == 7:
        return "The Port Authority", "group", None  # the same speaker, spelt otherwise: one row
    index = (n * 7 + k) % len(SPEAKERS)
    # Speaker 0 was linked to two entities of one name (the linker split it): still one speaker.
    entity = "ent000" if index == 0 and n % 2 else f"ent{index:03d}"
    return SPEAKERS[index], "person", f"e{entity}"


def build(path: Path) -> dict[str, Any]:
    """A store with one story of ``ARTICLES`` articles, returning what was written, for the assertions."""
    store = Store(path)
    articles, expected = [], {"quotes": 0, "direct": 0, "outlet0": 0, "event0_articles": 0, "unnamed": 0}
    texts = {}
    for n in range(ARTICLES):
        text, spans = _text(n)
        texts[n] = spans
        articles.append(
            Article(
                id=f"a{n:05d}",
                source=f"invented-{n}.txt",
                text=text,
                outlet=OUTLETS[n % len(OUTLETS)],
                title=LONG_TITLE if n == 0 else f"Ferry dispute, day {n % 90}",
                published=f"2026-{1 + n % 6:02d}-{1 + n % 28:02d}T08:00:00+00:00",
            )
        )
    added, _ = store.add(articles)
    assert len(added) == ARTICLES
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO stories (id, title, centroid) VALUES (?, ?, x'00')",
        (STORY, "Brannoc ferry dispute: " + LONG_TITLE),
    )
    for e in range(EVENTS):
        conn.execute(
            "INSERT INTO events (id, story_id, title, centroid) VALUES (?, ?, ?, x'00')",
            (f"ev{e:03d}", STORY, f"Ferry talks, round {e}"),
        )
    entities = {f"eent{i:03d}": name for i, name in enumerate(SPEAKERS)}
    entities["eent000b"] = SPEAKERS[0]
    conn.executemany("INSERT INTO entities (id, name, type) VALUES (?, ?, 'PERSON')", list(entities.items()))
    quotes, mentions = [], []
    for n in range(ARTICLES):
        event = f"ev{n % EVENTS:03d}"
        copy_of = f"a{n - 1:05d}" if n % 50 == 1 else None  # a few copies: their quotes are not counted again
        cites = json.dumps(["Meridian Wire"] if n % 3 == 0 else [])
        conn.execute(
            "UPDATE articles SET event_id = ?, duplicate_of = ?, origin = ?, cites = ? WHERE id = ?",
            (event, copy_of, copy_of or f"a{n:05d}", cites, f"a{n:05d}"),
        )
        expected["event0_articles"] += event == "ev000"
        for k, (start, end, words) in enumerate(texts[n]):
            speaker, kind, entity = _speaker(n, k)
            if entity == "eent000" and n % 2:
                entity = "eent000b"
            direct = k % 3 != 0
            via = json.dumps(["Meridian Wire"] if k % 5 == 0 else [])
            quotes.append((f"q{n:05d}{k:02d}", f"a{n:05d}", start, end, words, speaker, kind, entity, via, direct))
            if copy_of is None:
                expected["quotes"] += 1
                expected["direct"] += direct
                expected["outlet0"] += n % len(OUTLETS) == 0
                expected["unnamed"] += kind == "unknown"
        mentions.append((f"a{n:05d}", 0, 3, "She", "PERSON", f"eent{n % 300:03d}"))
    conn.executemany(
        "INSERT INTO quotes (id, article_id, start, end, text, speaker, speaker_kind, speaker_entity_id, via, "
        "direct, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.9)",
        quotes,
    )
    conn.executemany(
        "INSERT INTO mentions (article_id, start, end, text, type, entity_id) VALUES (?, ?, ?, ?, ?, ?)", mentions
    )
    coverage.rebuild(conn)  # the articles were given their events by hand, not by the store
    conn.commit()
    conn.close()
    return expected


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    path = tmp_path_factory.mktemp("big") / "big.db"
    expected = build(path)
    with open_corpus(path) as corpus, TestClient(create_app(corpus)) as client:
        yield client, expected


def test_a_story_of_1200_articles_and_24000_quotes_makes_a_page_under_300_kb(
    big: tuple[TestClient, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, expected = big
    largest = [0]
    query = Store.query

    def counted(self: Store, name: str, **params: Any) -> list[dict[str, Any]]:
        rows = query(self, name, **params)
        largest[0] = max(largest[0], len(rows))
        return rows

    monkeypatch.setattr(Store, "query", counted)
    page = client.get(f"/stories/{STORY}")
    twin = client.get(f"/stories/{STORY}.json")
    assert page.status_code == twin.status_code == 200
    assert len(page.content) < 300_000 and len(twin.content) < 300_000
    # No query of the page returns more than the story's days (here 6 months) or a section's first items.
    assert largest[0] <= 200
    data = twin.json()
    sections = data["sections"]
    assert data["summary"]["articles"] == ARTICLES and data["summary"]["events"] == EVENTS
    assert data["summary"]["outlets"] == len(OUTLETS)
    assert sections["quotes"]["total"] == expected["quotes"]
    assert data["summary"]["unnamed_quotes"] == expected["unnamed"] > 0
    assert sections["events"]["total"] == EVENTS and len(sections["events"]["items"]) == 8
    for name, section in sections.items():
        assert len(section["items"]) <= 12, name
        if section["total"] > len(section["items"]):
            assert section["all"] == f"/stories/{STORY}/{name}.json"
    assert all(len(e["articles_shown"]) <= 6 for e in sections["events"]["items"])
    # The dashboard counts speakers and routes in one pass: the same rows as the first of their full lists.
    for name, keys in (
        ("speakers", ("speaker", "quotes", "direct")),
        ("sources", ("outlet", "via", "source", "quotes")),
    ):
        full = client.get(f"/stories/{STORY}/{name}.json").json()
        assert full["total"] == sections[name]["total"]
        shown = [[row[k] for k in keys] for row in sections[name]["items"]]
        assert shown == [[row[k] for k in keys] for row in full["items"][: len(shown)]]
    # The 18,000-character title and the 6,300-character quote are cut.
    assert "and more " * 40 not in page.text and len(max(re.findall(r"(?:We will keep talking )+", page.text))) < 800


def test_speakers_leave_out_junk_and_count_each_speaker_once(big: tuple[TestClient, dict[str, Any]]) -> None:
    client, _ = big
    speakers = client.get(f"/stories/{STORY}/speakers.json").json()
    rows = list(speakers["items"])
    for page in range(2, speakers["pages"] + 1):
        rows += client.get(f"/stories/{STORY}/speakers.json?page={page}").json()["items"]
    names = [s["speaker"] for s in rows]
    assert not {"it", "They", "his", "I", None} & set(names)
    assert not any("http" in n for n in names)
    folded = [n.casefold().removeprefix("the ") for n in names]
    assert len(folded) == len(set(folded)) == speakers["total"]
    count = {s["speaker"]: s["quotes"] for s in rows}
    # "the port authority" and "The Port Authority" are one speaker, with the quotes of both spellings.
    authority = next(s for s in rows if s["speaker"].casefold().endswith("port authority"))
    assert authority["quotes"] > 2 * count[SPEAKERS[1]] and rows[0] == authority
    # The speaker the linker split over two entities of one name is one row with the quotes of both.
    assert count[SPEAKERS[0]] > 0.9 * count[SPEAKERS[7]]  # split, each half would hold about half
    assert [s["quotes"] for s in rows] == sorted((s["quotes"] for s in rows), reverse=True)


def test_filters_and_sort_narrow_every_list_and_stay_in_the_links(big: tuple[TestClient, dict[str, Any]]) -> None:
    client, expected = big
    outlet = OUTLETS[0]
    data = client.get(f"/stories/{STORY}.json", params={"outlet": outlet, "kind": "direct"}).json()
    assert data["filters"] == {"outlet": outlet, "kind": "direct"}
    assert data["summary"]["articles"] == ARTICLES // len(OUTLETS)
    assert {o["outlet"] for o in data["sections"]["outlets"]["items"]} == {outlet}
    quotes = client.get(f"/stories/{STORY}/quotes.json", params={"outlet": outlet, "kind": "direct"}).json()
    assert quotes["items"] and all(q["outlet"] == outlet and q["direct"] for q in quotes["items"])
    assert quotes["next"] and "outlet=Harbour+Courier+0" in quotes["next"] and "kind=direct" in quotes["next"]
    assert quotes["total"] < expected["outlet0"]
    event = client.get(f"/stories/{STORY}/articles.json", params={"event": "ev000"}).json()
    assert event["total"] == expected["event0_articles"] and {a["event_id"] for a in event["items"]} == {"ev000"}
    dated = client.get(f"/stories/{STORY}/articles.json", params={"since": "2026-03-01", "until": "2026-03-31"}).json()
    assert dated["items"] and all(a["published"].startswith("2026-03") for a in dated["items"])
    recent = client.get(f"/stories/{STORY}/articles.json", params={"sort": "recent"}).json()["items"]
    assert [a["published"] for a in recent] == sorted((a["published"] for a in recent), reverse=True)
    named = client.get(f"/stories/{STORY}/speakers.json", params={"sort": "name"}).json()["items"]
    assert [s["speaker"].casefold() for s in named] == sorted(s["speaker"].casefold() for s in named)
    page = client.get(f"/stories/{STORY}", params={"outlet": outlet}).text
    assert f'<option value="{outlet}" selected>' in page and 'href="/stories/' in page
    assert f"/stories/{STORY}/quotes?outlet=Harbour+Courier+0" in page  # "show all" keeps the filter
    assert client.get(f"/stories/{STORY}.json", params={"kind": "whispered"}).status_code == 400
    assert "not a date" in client.get(f"/stories/{STORY}.json", params={"since": "soonish"}).json()["error"]
    assert client.get(f"/stories/{STORY}.json", params={"sort": "loudest"}).status_code == 400


def test_full_lists_come_in_pages_and_a_page_past_the_end_is_a_404(big: tuple[TestClient, dict[str, Any]]) -> None:
    client, expected = big
    first = client.get(f"/stories/{STORY}/quotes.json").json()
    assert first["page"] == 1 and first["per_page"] == 50 and len(first["items"]) == 50
    assert first["pages"] == -(-expected["quotes"] // 50) and first["previous"] is None
    last = client.get(f"/stories/{STORY}/quotes.json", params={"page": first["pages"]}).json()
    assert last["next"] is None and 0 < len(last["items"]) <= 50
    second = client.get(first["next"]).json()
    assert not {q["id"] for q in second["items"]} & {q["id"] for q in first["items"]}
    past = client.get(f"/stories/{STORY}/quotes.json", params={"page": first["pages"] + 1})
    assert past.status_code == 404 and past.json()["ok"] is False and "No page" in past.json()["error"]
    page = client.get(f"/stories/{STORY}/quotes?page=99999")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    html = client.get(f"/stories/{STORY}/quotes?page=2")
    assert html.status_code == 200 and len(html.content) < 300_000 and 'rel="next"' in html.text
    assert client.get(f"/stories/{STORY}/nonsense.json").status_code == 404


def test_every_page_of_the_stories_and_search_lists_is_bounded(client: TestClient, demo_corpus: Corpus) -> None:
    home = client.get("/index.json").json()
    assert home["page"] == 1 and home["pages"] == 1 and home["next"] is None
    assert client.get("/index.json?page=2").status_code == 404
    assert client.get("/?page=2").status_code == 404
    one = client.get("/search.json", params={"q": "dam", "limit": 2}).json()
    assert len(one["results"]) == 2 and one["next"] == "/search.json?limit=2&page=2&q=dam"
    two = client.get(one["next"]).json()
    assert two["results"] and not {r["id"] for r in two["results"]} & {r["id"] for r in one["results"]}
    assert client.get("/search.json", params={"q": "dam", "page": 500}).status_code == 404


def test_the_timeline_list_marks_an_entry_still_to_come_expected() -> None:
    # A kept row with `future` (a plan: "was due to finish in 2026") had been listed as any development.
    from newsdesk.web.app import environment

    evidence = {"article_id": "a1", "start": 0, "end": 4}
    rows = [
        {"date": "2025-11-26", "estimated": False, "future": False, "text": "The fire broke out.", "articles": 1},
        {"date": "2026", "estimated": False, "future": True, "text": "The works were due to end.", "articles": 1},
    ]
    macro = environment().get_template("sections.html").module.timeline  # type: ignore[attr-defined]
    html = str(macro([{**r, "evidence": evidence} for r in rows]))
    first, second = html.split("</tr>")[1:3]
    tag = '<span class="tag" title="The articles speak of it as still to come">expected</span>'
    assert "expected" not in first and tag in second
