"""Every page answers, and its JSON twin holds what the page shows; errors have one JSON shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.web import create_app


def _json(client: TestClient, url: str, status: int = 200) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    data: dict[str, Any] = response.json()
    return data


def test_index_lists_stories_with_outlets_and_coverage(client: TestClient, demo_corpus: Corpus) -> None:
    data = _json(client, "/index.json")
    assert data["ok"] is True and data["empty"] is None
    assert [s["id"] for s in data["stories"]] == [s["id"] for s in demo_corpus.stories()]
    orsa = next(s for s in data["stories"] if "Orsa" in s["title"])
    assert orsa["articles"] == 9 and orsa["events"] == 3  # as the demo annotations group them
    assert {"outlet": "Meridian Press Agency", "articles": 1} in orsa["outlets"]
    assert sum(c["articles"] for c in orsa["coverage"]) == 8  # one of the nine states no date
    page = client.get("/").text
    assert orsa["title"] in page and f'href="/stories/{orsa["id"]}"' in page
    assert page.count('<svg class="sparkline"') == len(data["stories"])


def test_story_page_and_twin(client: TestClient, demo_corpus: Corpus) -> None:
    story_id = next(s["id"] for s in demo_corpus.stories() if "Orsa" in s["title"])
    data = _json(client, f"/stories/{story_id[:6]}.json")
    assert data["id"] == story_id and data["summary"]["articles"] == 9 and data["summary"]["events"] == 3
    sections = data["sections"]
    assert len(sections["events"]["items"]) == 3 and all(e["articles_shown"] for e in sections["events"]["items"])
    assert {o["outlet"] for o in sections["outlets"]["items"]} >= {"Meridian Press Agency", "Veloria Ledger"}
    copies = next(o for o in sections["origins"]["items"] if o["outlet"] == "Meridian Press Agency")
    assert copies["articles"] == 3 and copies["copies"] == 2
    assert {"outlet": "brieflydigest.example", "credits": "Harbour Gazette"} in [
        {k: c[k] for k in ("outlet", "credits")} for c in sections["credits"]["items"]
    ]
    assert data["available"] == {"quotes": True, "entities": True}
    assert data["summary"]["origins"] == 6 and data["summary"]["first"].startswith("2026-03-13")
    page = client.get(f"/stories/{story_id}").text
    for name in ("Events", "Top speakers", "Outlets", "Who quotes whom", "Quotes", "Independent origins", "Entities"):
        assert f"<h2>{name}</h2>" in page
    assert "No quotes yet" not in page and f'href="/stories/{story_id}/brief.html"' in page
    # The timeline of dated entries is a list of its own: the timeline chart is the events' spans.
    assert page.count('<svg class="lane"') == 3 and "2026-09-19" in page
    timeline = _json(client, f"/stories/{story_id}/timeline.json")
    assert timeline["total"] >= 5 and all(t["evidence"]["article_id"] for t in timeline["items"])
    dated = [t["date"] for t in timeline["items"] if t["date"]]
    assert dated == sorted(dated) and f'href="/stories/{story_id}/timeline"' in page
    june = _json(client, f"/stories/{story_id}/timeline.json?since=2026-06-01&until=2026-06-30")["items"]
    assert june and all(t["date"].startswith("2026-06") for t in june)


def test_article_page_shows_metadata_copies_and_origin(client: TestClient, demo_corpus: Corpus) -> None:
    original = next(a for a in demo_corpus.articles() if a["outlet"] == "Meridian Press Agency" and a["published"])
    data = _json(client, f"/articles/{original['id']}.json")
    assert data["article"]["id"] == original["id"] and data["article"]["text"]
    assert len(data["copies"]) == 2 and all(c["duplicate_of"] == original["id"] for c in data["copies"])
    assert {a["id"] for a in data["origin"]} == {c["id"] for c in data["copies"]}
    assert data["story"] and data["story"]["id"].startswith("s")
    page = client.get(f"/articles/{original['id']}").text
    assert original["title"] in page and data["copies"][0]["id"] in page


def test_article_marks_the_cited_span(client: TestClient, demo_corpus: Corpus) -> None:
    article = demo_corpus.articles()[0]
    text = demo_corpus.article(article["id"]).text
    page = client.get(f"/articles/{article['id']}?start=10&end=40").text
    assert page.count('id="cited"') == 1
    assert "<mark" in page and text[10:40].split()[1] in page


def test_search_ranks_filters_and_highlights(client: TestClient) -> None:
    data = _json(client, "/search.json?q=dam")
    assert data["results"] and all("[" in r["snippet"] for r in data["results"])
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    one = _json(client, "/search.json?q=dam&outlet=Veloria%20Ledger")
    assert one["results"] and {r["outlet"] for r in one["results"]} == {"Veloria Ledger"}
    dated = _json(client, "/search.json?q=dam&since=2026-06-17&until=2026-06-17")
    assert dated["results"] and all(r["published"].startswith("2026-06-17") for r in dated["results"])
    assert len(dated["results"]) < len(data["results"])
    page = client.get("/search?q=dam").text
    assert "<mark>" in page and 'value="dam"' in page


def test_search_takes_punctuation_as_plain_words(client: TestClient) -> None:
    possessive = _json(client, "/search.json?q=Dastmar%27s")["results"]
    assert possessive and len(possessive) < len(_json(client, "/search.json?q=Dastmar")["results"])
    assert "[Dastmar's]" in possessive[0]["snippet"]
    hyphenated = _json(client, "/search.json?q=walk-out")["results"]  # not the column "out"
    assert hyphenated and any("[walk-out]" in r["snippet"] for r in hyphenated)
    assert 'value="walk-out"' in client.get("/search?q=walk-out").text


def test_empty_database_says_what_to_run(empty_client: TestClient) -> None:
    data = _json(empty_client, "/index.json")
    assert data["stories"] == [] and "newsdesk ingest" in data["empty"]
    assert "newsdesk ingest" in empty_client.get("/").text
    assert _json(empty_client, "/search.json?q=anything")["results"] == []


def test_errors_have_one_json_shape(client: TestClient) -> None:
    assert _json(client, "/stories/nope.json", 404) == {
        "ok": False,
        "error": "No story with id 'nope'. List ids with: newsdesk stories",
        "status": 404,
    }
    assert _json(client, "/articles/zzzz.json", 404)["status"] == 404
    assert _json(client, "/no/such/page.json", 404)["ok"] is False
    bad = _json(client, "/search.json?q=%27", 400)  # a lone apostrophe: no word to search for
    assert "no word to search for" in bad["error"] and "FTS5" in bad["error"]
    assert "since" in _json(client, "/search.json?q=dam&since=someday", 400)["error"]
    assert "No entity with id 'x'" in _json(client, "/entities/x.json", 404)["error"]
    page = client.get("/stories/nope")
    assert page.status_code == 404 and "No story with id" in page.text and "text/html" in page.headers["content-type"]


def test_brief_downloads(client: TestClient, demo_corpus: Corpus) -> None:
    story_id = demo_corpus.stories()[0]["id"]
    for fmt, kind in (("html", "text/html"), ("md", "text/markdown"), ("json", "application/json")):
        response = client.get(f"/stories/{story_id}/brief.{fmt}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
        assert f'filename="brief-{story_id}.{fmt}"' in response.headers["content-disposition"]
    assert client.get(f"/stories/{story_id}/brief.pdf").status_code == 404


def test_pages_say_which_stage_to_add_when_quotes_and_entities_are_off(bare_client: TestClient) -> None:
    story_id = bare_client.get("/index.json").json()["stories"][0]["id"]
    data = _json(bare_client, f"/stories/{story_id}.json")
    assert data["available"] == {"quotes": False, "entities": False}
    assert data["sections"]["speakers"] == {**data["sections"]["speakers"], "items": [], "total": 0}
    page = bare_client.get(f"/stories/{story_id}").text
    assert "No quotes yet: add &#34;quotes&#34; to [pipeline] stages" in page and "No entities yet" in page
    listed = _json(bare_client, f"/stories/{story_id}/quotes.json")
    assert listed["items"] == [] and "quotes" in listed["empty"]
    article = _json(bare_client, f"/articles/{data['sections']['articles']['items'][0]['id']}.json")
    assert article["quotes"] == [] and "quotes" in article["empty"]


def test_article_page_tells_not_analysed_from_nothing_found(tmp_path: Path) -> None:
    text = "The council met on Tuesday in Vessa. The budget passed by a wide margin and the meeting ended early."
    (tmp_path / "one.jsonl").write_text(json.dumps({"title": "Budget passes", "text": text}) + "\n")
    with open_corpus(tmp_path / "x.db") as corpus, TestClient(create_app(corpus)) as client:
        article_id = corpus.ingest([tmp_path / "one.jsonl"], analyze=False).added[0]
        data = _json(client, f"/articles/{article_id}.json")
        assert data["quotes"] == [] and data["available"] == {"quotes": True, "entities": True}
        assert set(data["empty"]) == {"quotes", "entities"}
        assert all("has not run on this article" in h and "newsdesk analyze" in h for h in data["empty"].values())
        page = client.get(f"/articles/{article_id}").text
        assert "The quotes stage has not run on this article" in page and "entities stage has not run" in page
        assert "No quotes found" not in page

        corpus.analyze()
        data = _json(client, f"/articles/{article_id}.json")
        assert data["quotes"] == [] and data["empty"] == {}  # analysed, and nobody is quoted
        page = client.get(f"/articles/{article_id}").text
        assert "No quotes found in this article." in page and "has not run" not in page


def test_issue_hardening_search_over_the_caps_is_a_clear_400(client: TestClient) -> None:
    many = "+".join(["said"] * 1700)
    data = _json(client, f"/search.json?q={many}", 400)
    assert data["ok"] is False and data["status"] == 400 and "more than the 500" in data["error"]
    data = _json(client, "/search.json?q=" + "+".join(f"w{n}*" for n in range(40)), 400)
    assert "40 words, more than the 32" in data["error"]
    page = client.get("/search?q=" + "+".join(f"w{n}*" for n in range(40)))
    assert page.status_code == 400 and "more than the 32 a search may hold" in page.text
    assert "Search for fewer words" in page.text


def test_the_index_gives_a_one_day_story_one_date_and_an_undated_story_no_arrow(tmp_path: Path) -> None:
    from newsdesk.settings import PipelineSettings, Settings

    settings = Settings(pipeline=PipelineSettings(stages=("cites", "dates", "dedupe", "cluster", "origins")))
    bridge = "The harbour bridge at Varnholt opened to traffic on Monday after five years of building work."
    snow = "Snow closed the mountain road above Kessel for a second day, and ploughs worked through the night."
    source = tmp_path / "items.jsonl"
    source.write_text(
        json.dumps({"title": "Bridge opens", "outlet": "Varnholt Post", "published": "2026-05-04", "text": bridge})
        + "\n"
        + json.dumps({"title": "Mountain road closed", "outlet": "Kessel Courier", "text": snow})
        + "\n",
        encoding="utf-8",
    )
    with open_corpus(tmp_path / "two.db", settings=settings) as corpus:
        corpus.ingest([source])
        with TestClient(create_app(corpus)) as client:
            page = client.get("/").text
    assert "· 2026-05-04</span>" in page and "2026-05-04 → 2026-05-04" not in page
    assert "· undated</span>" in page and "undated → undated" not in page


def test_a_search_that_finds_nothing_says_no_matches_not_best_first(client: TestClient) -> None:
    page = client.get("/search", params={"q": "zeppelin"}).text
    assert "No matches for “zeppelin”." in page and "best first" not in page
    assert "best first." in client.get("/search", params={"q": "dam"}).text


def test_a_quote_two_people_said_shows_both_each_linked(tmp_path: Path) -> None:
    # "Mr. Quill and Mr. Fenn said": the article page names both, each linked to their page; neither is shown as
    # the one who said it alone, and a "they" after them is the two as well.
    text = (
        "Two harbour senators, Mara Quill and Tobias Fenn, asked on Monday for a review of the port fund. Mr. Quill "
        "and Mr. Fenn said the fund had outgrown its purpose. “It pays for hotels now,” they wrote."
    )
    (tmp_path / "one.jsonl").write_text(json.dumps({"title": "Fund review", "text": text}) + "\n")
    with open_corpus(tmp_path / "x.db") as corpus, TestClient(create_app(corpus)) as client:
        (article_id,) = corpus.ingest([tmp_path / "one.jsonl"]).added
        said = [q for q in _json(client, f"/articles/{article_id}.json")["quotes"] if q["kind"] == "speech"]
        assert [(q["speaker"], q["speaker_entity_id"]) for q in said] == [("Mr. Quill and Mr. Fenn", None)] * 2
        people = said[0]["speaker_entities"]
        assert [p["name"] for p in people] == ["Mara Quill", "Tobias Fenn"]
        assert all(q["speaker_entities"] == people for q in said)
        page = client.get(f"/articles/{article_id}").text
        assert all(f'<a href="/entities/{p["id"]}">{p["name"]}</a>' in page for p in people)
        # The story's quote list links them as well.
        story_id = corpus.stories()[0]["id"]
        listed = _json(client, f"/stories/{story_id}/quotes.json")["items"]
        assert {q["speaker"] for q in listed if q["speaker_entities"] == people} == {"Mr. Quill and Mr. Fenn"}
        page = client.get(f"/stories/{story_id}/quotes").text
        assert all(f'<a href="/entities/{p["id"]}">{p["name"]}</a>' in page for p in people)
