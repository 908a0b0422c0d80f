"""Entity pages (each mention in its sentence, grouped by story, paginated; aliases, type, quotes, entities named
alongside) and article pages (reported speech marked as reported, never quoted; origin and credits in words)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.web import create_app
from newsdesk.web.views import entities
from tests.conftest import shared_path


def _varga(corpus: Corpus) -> dict[str, Any]:
    return next(e for e in corpus.entities() if e["name"] == "Ilse Varga")


def test_entity_page_shows_each_mention_in_its_sentence_grouped_by_story(
    client: TestClient, demo_corpus: Corpus
) -> None:
    varga = _varga(demo_corpus)
    data = client.get(f"/entities/{varga['id']}.json").json()
    card = data["entity"]
    assert card["type"] == "PERSON" and "Varga" in card["aliases"] and card["mentions"] == varga["mentions"]
    assert card["quotes"] > 0 and card["stories"] >= 1
    items = [m for group in data["stories"] for m in group["mentions"]]
    assert sum(len(m["mentions"]) for m in items) == varga["mentions"]
    # One group a story: a story's mentions are together, and the story that names her most comes first.
    ids = [g["id"] for g in data["stories"]]
    assert len(ids) == len(set(ids))
    counts = [sum(m["times"] for m in g["mentions"]) for g in data["stories"] if g["id"]]
    assert counts == sorted(counts, reverse=True)
    summaries = {a["id"]: a for a in demo_corpus.articles()}
    for m in items:
        text = demo_corpus.article(m["article_id"]).text
        named = [p for p in m["sentence"] if p["named"]]
        assert [(p["start"], p["end"]) for p in named] == [(x["start"], x["end"]) for x in m["mentions"]]
        assert all(text[p["start"] : p["end"]] == p["text"] for p in named)
        pieces = [p["text"] for p in m["sentence"]]
        cut = (pieces[0] == "…", pieces[-1] == "…")
        sentence = "".join(pieces[cut[0] : len(pieces) - cut[1]])
        at = text.index(sentence)
        assert "\n" not in sentence and at <= named[0]["start"] and named[-1]["end"] <= at + len(sentence)
        # Whole sentences: they start and stop at a boundary (a headline stops at its line's end), never mid-word.
        assert at == 0 or text[at - 1].isspace() or cut[0], sentence
        assert text[at + len(sentence) : at + len(sentence) + 1] in ("", "\n", " ") or cut[1], sentence
        article = summaries[m["article_id"]]
        assert (m["title"], m["outlet"], m["published"]) == (article["title"], article["outlet"], article["published"])
    page = client.get(f"/entities/{varga['id']}").text
    first = items[0]
    assert str(escape(first["sentence"][-1]["text"])) in page
    assert f'href="/articles/{first["article_id"]}?start={first["start"]}&amp;end={first["end"]}#cited"' in page
    assert "person" in page and "Varga" in page and "Velorian Water Minister" in page
    assert f'<a href="/stories/{data["stories"][0]["id"]}">' in page


def test_entity_page_lists_quotes_by_kind_and_entities_named_alongside(client: TestClient, demo_corpus: Corpus) -> None:
    varga = _varga(demo_corpus)
    data = client.get(f"/entities/{varga['id']}.json").json()
    assert {q["speaker_entity_id"] for q in data["quotes"]} == {varga["id"]}
    assert all(q["title"] and "outlet" in q for q in data["quotes"])
    named = {e["name"]: e for e in data["entity"]["co_mentioned"]}
    assert "Arsen Cybulski" in named and varga["name"] not in named
    assert named["Arsen Cybulski"]["articles"] >= 1
    page = client.get(f"/entities/{varga['id']}").text
    assert "<h2>Named alongside</h2>" in page and f'href="/entities/{named["Arsen Cybulski"]["id"]}"' in page
    _assert_speech_marked(
        page[page.index('<section id="quotes"') : page.index("</section>", page.index('id="quotes"'))], data["quotes"]
    )


def _listed(client: TestClient, url: str, key: str, param: str, pages: int) -> list[dict[str, Any]]:
    """Every item of one paginated list of an entity's JSON twin, page after page."""
    found: list[dict[str, Any]] = []
    for n in range(1, pages + 1):
        found += client.get(f"{url}?{param}={n}").json()[key]
    return found


def test_entity_quotes_are_newest_first_paginated_and_views_counted_apart(
    demo_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entities, "QUOTES_PER_PAGE", 3)
    dated = {a["id"]: a["published"] or "" for a in demo_corpus.articles()}
    # Speakers with both words and views attributed (decision 0037): their page lists them apart. (A view held
    # inside a speaker's own reported words is no quote of its own, so the chief negotiator has none left.)
    for who in ("Quillfin", "Veloria"):
        entity = next(e for e in demo_corpus.entities() if e["name"] == who)
        said = demo_corpus.entity(entity["id"])["quotes"]  # every quote linked to it, in article and text order
        # Newest article first (undated last), in stored order within a date.
        speech = sorted((q for q in said if q["kind"] == "speech"), key=lambda q: dated[q["article_id"]], reverse=True)
        views = sorted((q for q in said if q["kind"] == "view"), key=lambda q: dated[q["article_id"]], reverse=True)
        assert speech and views and (len(speech) > 3 or who == "Veloria"), who
        url = f"/entities/{entity['id']}"
        with TestClient(create_app(demo_corpus), raise_server_exceptions=False) as fresh:
            data = fresh.get(f"{url}.json").json()
            assert (data["entity"]["quotes"], data["entity"]["views"]) == (len(speech), len(views))
            assert (data["quote_pages"], data["view_pages"]) == (-(-len(speech) // 3), -(-len(views) // 3))
            quotes = _listed(fresh, f"{url}.json", "quotes", "quotes", data["quote_pages"])
            assert [q["id"] for q in quotes] == [q["id"] for q in speech]
            assert all(q["published"] == (dated[q["article_id"]] or None) for q in quotes)
            listed_views = _listed(fresh, f"{url}.json", "views", "views", data["view_pages"])
            assert [q["id"] for q in listed_views] == [q["id"] for q in views]
            for param, pages in (("quotes", data["quote_pages"]), ("views", data["view_pages"])):
                past = fresh.get(f"{url}.json?{param}={pages + 1}")
                assert past.status_code == 404 and param in past.json()["error"]
                assert fresh.get(f"{url}?{param}={pages + 1}").status_code == 404
            page = fresh.get(url).text
            assert f"{len(speech)} quote{'s' if len(speech) != 1 else ''} · {len(views)} view" in page
            quoted = page[page.index('<section id="quotes"') : page.index('<section id="views"')]
            assert '<span class="speech-kind">view</span>' not in quoted
            shown = page[page.index('<section id="views"') :]
            shown = shown[: shown.index("</section>")]
            assert shown.count('<span class="speech-kind">view</span>') == min(3, len(views))
            assert str(escape(views[0]["text"])) in shown


def test_entity_mentions_are_paginated_with_a_404_past_the_end(
    demo_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entities, "MENTIONS_PER_PAGE", 5)
    monkeypatch.setattr(entities, "QUOTES_PER_PAGE", 4)
    varga = _varga(demo_corpus)
    pages = -(-varga["mentions"] // 5)
    assert pages >= 3
    seen: list[tuple[str, int]] = []
    with TestClient(create_app(demo_corpus), raise_server_exceptions=False) as fresh:
        for n in range(1, pages + 1):
            data = fresh.get(f"/entities/{varga['id']}.json?page={n}").json()
            assert data["page"] == n and data["pages"] == pages
            items = [m for g in data["stories"] for m in g["mentions"]]
            seen += [(m["article_id"], x["start"]) for m in items for x in m["mentions"]]
        assert len(seen) == len(set(seen)) == varga["mentions"]
        past = fresh.get(f"/entities/{varga['id']}.json?page={pages + 1}")
        assert past.status_code == 404 and past.json()["ok"] is False and "page" in past.json()["error"]
        assert fresh.get(f"/entities/{varga['id']}?page={pages + 1}").status_code == 404
        middle = fresh.get(f"/entities/{varga['id']}?page=2").text
        assert 'href="?page=1#mentions"' in middle and 'href="?page=3#mentions"' in middle
        quote_pages = fresh.get(f"/entities/{varga['id']}.json").json()["quote_pages"]
        assert quote_pages > 1
        assert fresh.get(f"/entities/{varga['id']}.json?quotes={quote_pages}").status_code == 200
        assert fresh.get(f"/entities/{varga['id']}.json?quotes={quote_pages + 1}").status_code == 404


def test_a_hubs_many_names_and_roles_show_a_few_and_the_rest_behind_more(
    demo_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 7,000 articles a hub entity had 70 names and 29 roles, a phone screen of them above its mentions: the
    page lists the first few and the rest behind "N more" (a <details>), the JSON twin every one of them."""
    varga = _varga(demo_corpus)
    card = Corpus.entity_card
    names = [f"Varga name{i}" for i in range(30)]
    roles = [f"role<{i}>" for i in range(15)]

    def grown(self: Corpus, entity_id: str) -> dict[str, Any]:
        return {**card(self, entity_id), "aliases": [varga["name"], *names], "roles": roles}

    monkeypatch.setattr(Corpus, "entity_card", grown)
    with TestClient(create_app(demo_corpus), raise_server_exceptions=False) as fresh:
        page = fresh.get(f"/entities/{varga['id']}").text
        data = fresh.get(f"/entities/{varga['id']}.json").json()
    assert data["entity"]["aliases"][1:] == names and data["entity"]["roles"] == roles
    shown, rest = entities.LISTED, len(names) - entities.LISTED
    head, _, folded = page.partition('<details class="more">')
    assert ", ".join(names[:shown]) in head and names[shown] not in head
    assert f"<summary>{rest} more names</summary>{', '.join(names[shown:])}</details>" in folded
    roles_shown, _, roles_folded = folded.partition('<details class="more">')
    assert "role&lt;9&gt;" in roles_shown and "role&lt;10&gt;" not in roles_shown and "role<" not in page  # escaped
    assert roles_folded.startswith(f"<summary>{len(roles) - shown} more roles</summary>role&lt;10&gt;")


def _assert_speech_marked(page: str, quotes: list[dict[str, Any]]) -> None:
    """Direct quotes in <q> (the browser adds the marks); reported speech labelled and never in <q> or marks."""
    assert any(q["direct"] for q in quotes) and any(not q["direct"] for q in quotes)
    for q in quotes:
        text = str(escape(q["text"]))
        if q["direct"]:
            assert f"<q>{text}</q>" in page, q["text"]
        else:
            assert f'<span class="reported-text">{text}</span>' in page, q["text"]
            assert f"<q>{text}</q>" not in page and f"“{text}" not in page and f"{text}”" not in page
    views = sum(not q["direct"] and q["kind"] == "view" for q in quotes)
    assert page.count('<span class="speech-kind">reported</span>') == sum(not q["direct"] for q in quotes) - views
    assert page.count('<span class="speech-kind">view</span>') == views
    assert page.count('<span class="speech-kind">direct</span>') == sum(q["direct"] for q in quotes)


def test_article_page_marks_reported_speech_as_reported(client: TestClient, demo_corpus: Corpus) -> None:
    article = next(
        a
        for a in demo_corpus.articles()
        if {q["direct"] for q in demo_corpus.quotes(article_id=a["id"])} == {True, False}
    )
    quotes = demo_corpus.quotes(article_id=article["id"])
    page = client.get(f"/articles/{article['id']}").text
    _assert_speech_marked(page[page.index("<h2>Quotes</h2>") :], quotes)
    body = page[page.index('<article class="text">') : page.index("</article>")]
    # In the text: each reported passage is a labelled span, each direct one a <q>; a quote cut by a mention link
    # is labelled once.
    views = sum(not q["direct"] and q["kind"] == "view" for q in quotes)
    assert body.count('<span class="quote reported opens"') == sum(not q["direct"] for q in quotes) - views
    assert body.count('<span class="quote view opens"') == views
    assert body.count('<q class="quote direct opens"') == sum(q["direct"] for q in quotes)
    assert 'title="Reported speech' in body and 'title="Direct quote' in body


def test_article_page_says_origin_and_credits_in_words(client: TestClient, demo_corpus: Corpus) -> None:
    rows = demo_corpus.articles()
    original = next(a for a in rows if a["outlet"] == "Meridian Press Agency" and a["published"])
    copy = next(a for a in rows if a["duplicate_of"] == original["id"])
    data = client.get(f"/articles/{original['id']}.json").json()
    words = data["provenance"]
    assert words["origin"].startswith("The origin of its report: the first of three articles that tell it.")
    assert "Copied by two articles" in words["origin"]
    assert words["credits"].startswith("Credits no other outlet.")
    page = client.get(f"/articles/{original['id']}").text
    assert str(escape(words["origin"])) in page and str(escape(words["credits"])) in page
    copied = client.get(f"/articles/{copy['id']}.json").json()["provenance"]
    assert copied["credits"].startswith("Relays MPA")  # the copies credit the agency by its initials
    day = original["published"][:10]
    assert (
        copied["origin"]
        == f"A copy of an article by Meridian Press Agency ({day}). One of three articles that tell that report."
    )
    independent = next(
        a
        for a in rows
        if not a["duplicate_of"]
        and a["origin"] == a["id"]
        and a["cites"]
        and a["outlet"] != "Meridian Press Agency"
        and not [b for b in rows if b["origin"] == a["id"] and b["id"] != a["id"]]
    )
    said = client.get(f"/articles/{independent['id']}.json").json()["provenance"]
    assert said["origin"] == "An independent report: no other article tells the same origin's report."
    assert said["credits"].startswith(f"Relays {independent['cites'][0]}")


def _story_with_views(corpus: Corpus) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The demo story with the most views, and the quotes of its original articles (views among them)."""
    found = []
    for s in corpus.stories():
        originals = [a["id"] for a in corpus.articles(ids=s["article_ids"]) if not a["duplicate_of"]]
        found.append((s, corpus.quotes_in(originals)))
    return max(found, key=lambda f: sum(q["kind"] == "view" for q in f[1]))


def test_a_story_lists_views_apart_labelled_as_views(client: TestClient, demo_corpus: Corpus) -> None:
    story, quotes = _story_with_views(demo_corpus)
    views = [q for q in quotes if q["kind"] == "view"]
    assert views and all(not q["direct"] for q in views)
    items = client.get(f"/stories/{story['id']}/quotes.json", params={"kind": "view"}).json()["items"]
    assert sorted(q["id"] for q in items) == sorted(q["id"] for q in views)
    page = client.get(f"/stories/{story['id']}/quotes", params={"kind": "view"}).text
    assert page.count('<li class="view">') == len(views)
    assert page.count('<span class="kind">view</span>') == len(views)


def test_a_story_counts_and_lists_no_view_as_a_quote(client: TestClient, demo_corpus: Corpus) -> None:
    """Since decision 0037 a view ("praised the plan") is no quote: no quote list, count or speaker holds one."""
    story, quotes = _story_with_views(demo_corpus)
    said = [q for q in quotes if q["kind"] == "speech"]
    reported = [q for q in said if not q["direct"]]
    url = f"/stories/{story['id']}"
    board = client.get(f"{url}.json").json()["sections"]
    assert board["quotes"]["total"] == len(said) < len(quotes)
    for kind, expected in (("", said), ("reported", reported)):
        listed = client.get(f"{url}/quotes.json", params={"kind": kind, "per_page": 200}).json()
        assert listed["total"] == len(expected) and len(listed["items"]) == min(50, len(expected)), kind
        assert {q["kind"] for q in listed["items"]} == {"speech"}, kind
        filtered = client.get(f"{url}.json", params={"kind": kind}).json()["sections"]["quotes"]
        assert filtered["total"] == len(expected), kind

    # Each speaker's count is of the words they said (a speaker is one whatever the case or a leading "the"); one
    # with only views is not listed.
    def key(name: str) -> str:
        return name.strip().casefold().removeprefix("the ")

    speakers = client.get(f"{url}/speakers.json", params={"per_page": 200}).json()["items"]
    counted = {key(s["speaker"]): s["quotes"] for s in speakers}
    named = [q for q in said if q["speaker"] and (q["speaker_entity_id"] or q["speaker_kind"] != "unknown")]
    assert counted == {k: sum(key(q["speaker"]) == k for q in named) for k in counted}
    held = {key(q["speaker"]) for q in quotes if q["kind"] == "view" and q["speaker"]}
    assert not (held - {key(q["speaker"]) for q in said}) & set(counted)
    page = client.get(url, params={"kind": "reported"}).text
    assert '<span class="kind">view</span>' not in page


def test_reported_speech_around_a_direct_quote_is_labelled_once(tmp_path: Path) -> None:
    # dev-news 001 holds a passage of reported speech with a direct quote inside it (read from ../shared, never
    # copied here). Where the reported passage resumed after the quote, it was labelled "reported" a second time.
    with open_corpus(tmp_path / "one.db") as corpus:
        corpus.ingest([str(shared_path("dev-news", "001.txt"))])
        (article,) = corpus.articles()
        quotes = corpus.quotes(article_id=article["id"])
        nested = [
            (outer, inner)
            for outer in quotes
            for inner in quotes
            if inner is not outer and outer["start"] <= inner["start"] and inner["end"] < outer["end"]
        ]
        assert nested, "the article no longer holds a quote inside another: pick another"
        with TestClient(create_app(corpus)) as client:
            page = client.get(f"/articles/{article['id']}").text
    body = page[page.index('<article class="text">') : page.index("</article>")]
    assert body.count(' opens"') == len(quotes)
