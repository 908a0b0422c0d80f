"""Quotes by speaker on the story page, quotes and mentions marked in the article text, and entity pages."""

from __future__ import annotations

from starlette.testclient import TestClient

from newsdesk.corpus import Corpus


def _orsa(corpus: Corpus) -> str:
    return next(s["id"] for s in corpus.stories() if "Orsa" in s["title"])


def test_story_groups_quotes_by_speaker_and_draws_their_sources(client: TestClient, demo_corpus: Corpus) -> None:
    data = client.get(f"/stories/{_orsa(demo_corpus)}.json").json()
    groups = data["speakers"]
    assert groups and sum(len(g["quotes"]) for g in groups) >= 5
    assert [len(g["quotes"]) for g in groups] == sorted((len(g["quotes"]) for g in groups), reverse=True)
    for group in groups:  # a group is one speaker: one entity, or one description without an entity
        assert len({q["speaker_entity_id"] for q in group["quotes"]}) == 1
        assert group["speaker_entity_id"] or len({q["speaker"] for q in group["quotes"]}) == 1
    named = {g["speaker"] for g in groups}
    assert named & {"Ilse Varga", "Arsen Cybulski", "Arsen Tsybulsky", "Benedek Rusz"}
    edges = {(e["to"], e["kind"]) for e in data["graph"]["edges"]}
    assert any(kind == "quotes" for _, kind in edges)
    assert data["entities"] and all(e["mentions"] >= 1 for e in data["entities"])
    page = client.get(f"/stories/{_orsa(demo_corpus)}").text
    assert f'href="/entities/{data["entities"][0]["id"]}"' in page


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
