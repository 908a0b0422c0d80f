"""With the quotes and entities facade present, pages show quotes by speaker, marked text and entity pages."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.web.conftest import SpeechCorpus


def test_story_groups_quotes_by_speaker_and_draws_their_sources(
    speech_client: TestClient, speech_corpus: SpeechCorpus
) -> None:
    story_id = next(s["id"] for s in speech_corpus.stories() if "Orsa" in s["title"])
    data = speech_client.get(f"/stories/{story_id}.json").json()
    assert data["available"] == {"quotes": True, "entities": True}
    assert [g["speaker"] for g in data["speakers"]] == ["Ilse Varga"]
    assert data["speakers"][0]["quotes"] and data["entities"][0]["id"] == SpeechCorpus.VARGA
    assert any(e["kind"] == "quotes" and e["to"] == "Ilse Varga" for e in data["graph"]["edges"])
    assert any(e["kind"] == "via" and e["to"] == "Veloria Ledger" for e in data["graph"]["edges"])
    page = speech_client.get(f"/stories/{story_id}").text
    assert "No quotes yet" not in page and f'href="/entities/{SpeechCorpus.VARGA}"' in page


def test_article_text_marks_quotes_and_mentions(speech_client: TestClient, speech_corpus: SpeechCorpus) -> None:
    article = next(a for a in speech_corpus.articles() if "Varga" in speech_corpus.article(a["id"]).text)
    text = speech_corpus.article(article["id"]).text
    data = speech_client.get(f"/articles/{article['id']}.json").json()
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    page = speech_client.get(f"/articles/{article['id']}").text
    assert page.count('class="mention"') == text.count("Varga")
    assert page.count('<q class="quote">') >= len(data["quotes"]) > 0


def test_entity_page(speech_client: TestClient) -> None:
    data = speech_client.get(f"/entities/{SpeechCorpus.VARGA}.json").json()
    assert data["entity"]["name"] == "Ilse Varga" and data["entity"]["mention_spans"]
    page = speech_client.get(f"/entities/{SpeechCorpus.VARGA}").text
    assert "Water Minister" in page and "Varga" in page and "?start=" in page
    assert speech_client.get("/entities/nobody.json").status_code == 404
