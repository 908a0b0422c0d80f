"""Quotes by speaker on the story page, quotes and mentions marked in the article text, and entity pages."""

from __future__ import annotations

from starlette.testclient import TestClient

from newsdesk.corpus import Corpus


def _orsa(corpus: Corpus) -> str:
    return next(s["id"] for s in corpus.stories() if "Orsa" in s["title"])


def test_story_counts_quotes_by_speaker_and_ranks_their_routes(client: TestClient, demo_corpus: Corpus) -> None:
    story = _orsa(demo_corpus)
    speakers = client.get(f"/stories/{story}/speakers.json").json()["items"]
    assert speakers and sum(s["quotes"] for s in speakers) >= 5
    assert [s["quotes"] for s in speakers] == sorted((s["quotes"] for s in speakers), reverse=True)
    assert len({s["speaker"].casefold() for s in speakers}) == len(speakers)  # one row a speaker
    named = {s["speaker"] for s in speakers}
    assert named & {"Ilse Varga", "Arsen Cybulski", "Arsen Tsybulsky", "Benedek Rusz"}
    varga = next(s for s in speakers if s["speaker"] == "Ilse Varga")
    first = client.get(f"/stories/{story}/quotes.json").json()
    quotes = first["items"] + (client.get(first["next"]).json()["items"] if first["next"] else [])
    assert len(quotes) == first["total"] and varga["quotes"] == sum(q["speaker"] == "Ilse Varga" for q in quotes)
    routes = client.get(f"/stories/{story}/sources.json").json()["items"]
    assert routes and all(r["source"] and r["quotes"] >= 1 for r in routes)
    assert sum(r["quotes"] for r in routes) == sum(s["quotes"] for s in speakers)
    entities = client.get(f"/stories/{story}/entities.json").json()["items"]
    assert entities and all(e["mentions"] >= 1 for e in entities)
    page = client.get(f"/stories/{story}").text
    assert f'href="/entities/{entities[0]["id"]}"' in client.get(f"/stories/{story}/entities").text
    assert f'href="/entities/{varga["speaker_entity_id"]}"' in page


def test_article_text_marks_quotes_and_mentions(client: TestClient, demo_corpus: Corpus) -> None:
    article = next(a for a in demo_corpus.articles() if demo_corpus.quotes(article_id=a["id"]))
    text = demo_corpus.article(article["id"]).text
    data = client.get(f"/articles/{article['id']}.json").json()
    assert data["quotes"] and data["mentions"]
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    page = client.get(f"/articles/{article['id']}").text
    marked = page.count('<q class="quote direct') + page.count('<span class="quote reported')
    assert marked >= len(data["quotes"])
    assert page.count('class="mention"') >= len({(m["start"], m["end"]) for m in data["mentions"] if m["entity_id"]})


def test_entity_page(client: TestClient, demo_corpus: Corpus) -> None:
    varga = next(e for e in demo_corpus.entities() if e["name"] == "Ilse Varga")
    data = client.get(f"/entities/{varga['id']}.json").json()
    assert data["entity"]["name"] == "Ilse Varga" and data["stories"] and data["quotes"]
    page = client.get(f"/entities/{varga['id']}").text
    assert "Water Minister" in page and "?start=" in page and "<h2>Quotes</h2>" in page
    assert client.get("/entities/nobody.json").status_code == 404
