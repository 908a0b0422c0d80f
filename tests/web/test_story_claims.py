"""The claims of a story on its page: a section of the dashboard and a full list in pages, with JSON twins; each
claim with its independent origins (own reporting or relayed), its flags and both sides' spans linked."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsdesk import digest
from newsdesk.claims import summary as claim_summary
from newsdesk.corpus import Corpus
from newsdesk.report import FORMATS, build_brief, render
from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.app import environment
from newsdesk.web.views import stories
from tests.claims.test_claims import CORPUS, FAST


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    folder = tmp_path_factory.mktemp("claims-web")
    shutil.copytree(CORPUS, folder / "in")
    # An outlet that relays the Lorvan Times' count of the dead, crediting it: relayed, not its own reporting.
    (folder / "in" / "05_brisk-post.txt").write_text(
        "title: Twelve dead in Port Valesca warehouse fire\noutlet: Brisk Post\ndate: 2026-03-11\n\n"
        "The fire at the Marrow Quay warehouse in Port Valesca killed 12 people, according to the Lorvan Times.\n"
        "Fire crews from three districts of Port Valesca fought the blaze until the morning.\n",
        encoding="utf-8",
    )
    path = folder / "news.db"
    with Corpus(Store(path), settings=FAST) as c:
        assert not c.ingest([folder / "in"]).failures
    with Corpus(Store(path), settings=FAST) as c:
        yield c


@pytest.fixture(scope="module")
def client(corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture(scope="module")
def story(corpus: Corpus) -> str:
    return str(corpus.stories()[0]["id"])


def _killed(items: list[dict[str, Any]], value: str) -> dict[str, Any]:
    return next(c for c in items if f"killed {value} people" in c["text"] or f"killed {value}" in c["text"])


def test_the_dashboard_has_a_claims_section_with_origins_flags_and_both_sides(client: TestClient, story: str) -> None:
    got = client.get(f"/stories/{story}.json").json()
    section = got["sections"]["claims"]
    assert section["title"] == "Claims" and section["total"] >= len(section["items"]) > 0
    twelve = _killed(section["items"], "12")
    names = {o["name"]: o for o in twelve["origins"]}
    assert names["Lorvan Times"]["own"] and names["Lorvan Times"]["relaying"] == 1  # Brisk Post relays it
    assert twelve["independent"] == len(twelve["origins"]) and twelve["own"] + twelve["relayed"] == len(names)
    assert any(s["relayed"] for s in twelve["support"])
    # The Lorvan Times reports it, and the Brisk Post relays the Lorvan Times: one origin, single-source.
    assert twelve["contested"] and twelve["single_source"] and twelve["independent"] == 1
    conflict = next(x for x in twelve["contradicts"] if x["kind"] == "count")
    assert conflict["value"] == "12" and conflict["other"]["value"] == "17"
    assert conflict["shown"] == "12 people" and conflict["other"]["shown"] == "17 people"  # as the claims write them
    assert conflict["spans"] and conflict["other"]["spans"]
    single = [c for c in section["items"] if c["single_source"]]
    assert all(c["independent"] == 1 for c in single)


def test_spans_link_to_the_article_with_the_claim_marked(client: TestClient, corpus: Corpus, story: str) -> None:
    page = client.get(f"/stories/{story}").text
    assert 'id="claims"' in page and "disputed" in page and "single-source" in page
    links = re.findall(r'href="/articles/(\w+)\?start=(\d+)&amp;end=(\d+)#cited"', page)
    texts = {c["text"] for c in corpus.claims()}
    claims_linked = [(a, int(s), int(e)) for a, s, e in links if corpus.article(a).text[int(s) : int(e)] in texts]
    assert claims_linked
    twelve = _killed(client.get(f"/stories/{story}.json").json()["sections"]["claims"]["items"], "12")
    other = next(x for x in twelve["contradicts"] if x["kind"] == "count")["other"]["spans"][0]
    assert "17 people" in corpus.article(other["article_id"]).text[other["start"] : other["end"]]
    assert f"/articles/{other['article_id']}?start={other['start']}&amp;end={other['end']}#cited" in page


def test_the_full_list_pages_filters_and_404(client: TestClient, corpus: Corpus, story: str) -> None:
    full = client.get(f"/stories/{story}/claims.json").json()
    assert full["section"] == "claims" and full["total"] == len(corpus.claims(story)) == len(full["items"])
    assert all(item["support"] for item in full["items"])  # no empty cluster
    counts = [i["independent"] for i in full["items"]]
    assert counts == sorted(counts, reverse=True)  # most independent origins first, counted exactly
    page = client.get(f"/stories/{story}/claims?outlet=Kestrel+Wire&sort=date")
    assert page.status_code == 200 and "Kestrel Wire" in page.text
    kestrel = client.get(f"/stories/{story}/claims.json?outlet=Kestrel+Wire").json()
    assert kestrel["items"] and kestrel["total"] < full["total"]
    for item in kestrel["items"]:
        assert {s["outlet"] for s in item["support"]} == {"Kestrel Wire"}
    dated = client.get(f"/stories/{story}/claims.json?since=2026-03-12").json()
    assert all(item["first"] >= "2026-03-12" for item in dated["items"])
    assert client.get(f"/stories/{story}/claims.json?page=9").status_code == 404
    assert client.get(f"/stories/{story}/claims.json?sort=loudest").status_code == 400
    assert client.get("/stories/s-nothing/claims.json").status_code == 404
    # The filters stay in the dashboard's "show all" links.
    dash = client.get(f"/stories/{story}.json?outlet=Lorvan+Times").json()["sections"]["claims"]
    assert dash["all"] is None or "outlet=Lorvan+Times" in dash["all"]


def test_a_story_without_claims_says_nothing_here(tmp_path: Path) -> None:
    no_claims = tuple(s for s in FAST.pipeline.stages if s not in ("claims", "claim_match"))
    from dataclasses import replace

    settings = replace(FAST, pipeline=replace(FAST.pipeline, stages=no_claims))
    with Corpus(Store(tmp_path / "n.db"), settings=settings) as c:
        c.ingest([CORPUS])
        story = c.stories()[0]["id"]
        with TestClient(create_app(c), base_url="http://127.0.0.1:8000") as client:
            got = client.get(f"/stories/{story}.json").json()["sections"]["claims"]
            assert got["total"] == 0 and got["items"] == []
            assert client.get(f"/stories/{story}/claims").status_code == 200


def test_a_claim_card_names_its_first_origins_and_counts_the_rest() -> None:
    from newsdesk.web.app import environment

    origins = [{"name": f"Outlet {i}", "own": True, "relaying": 0} for i in range(300)]
    card = {
        "text": "The dam held.", "cut": False, "contested": False, "single_source": False, "independent": 300,
        "own": 300, "relayed": 0, "articles": 300, "slot": None, "first": None, "origins": origins,
        "support": [], "more_support": 0, "contradicts": [],
    }  # fmt: skip
    macro = environment().get_template("claims.html").module.claims  # type: ignore[attr-defined]
    html = str(macro([card], [100.0]))
    assert "Outlet 11<" in html and "Outlet 12<" not in html and "and 288 more" in html
    assert len(html) < 5_000  # not 300 names


def test_brief_compares_the_storys_claims_once(
    client: TestClient, corpus: Corpus, story: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief shows the story's claims and its contradictions: both come from one comparison of its claims (at
    2,000 articles a comparison takes 16 CPU seconds), and the contradictions are those the CLI lists. (Framing
    reads the clusters without their conflicts, ``only=set()``: not a comparison.)"""
    expected = corpus.contradictions(story)
    assert expected
    compared = []
    clusters = claim_summary.clusters
    monkeypatch.setattr(claim_summary, "clusters", lambda *a, **k: compared.append(k.get("only")) or clusters(*a, **k))
    brief = client.get(f"/stories/{story}/brief.json").json()
    assert compared.count(None) == 1, compared
    assert [[s["value"] for s in c["sides"]] for c in brief["disputed"]] == [
        [s["value"] for s in c["sides"]] for c in expected
    ][: len(brief["disputed"])]
    assert brief["disputed"]


def test_a_briefs_other_formats_are_rendered_from_the_brief_made(
    corpus: Corpus, story: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a brief as HTML, then Markdown, then JSON makes it once while the data is unchanged (a 2,000-article
    story's brief takes 21 CPU seconds to make); each file is the one a brief made for it alone gives."""
    alone = {fmt: render(build_brief(corpus, story), fmt) for fmt in FORMATS}
    made = []
    monkeypatch.setattr(stories, "build_brief", lambda c, s: made.append(s) or build_brief(c, s))
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as fresh:
        for fmt in (*FORMATS, FORMATS[0]):
            assert fresh.get(f"/stories/{story}/brief.{fmt}").text == alone[fmt]
    assert made == [story]


def test_a_contradictions_unnamed_origins_link_to_their_articles() -> None:
    """The other side of a contradiction names its origins; one whose articles name no outlet goes by its first
    article's id, and reads "an article, outlet not stated": linked to that article, as on the claim's own origin
    line (a store of outlet-less articles showed a dozen such words in a row, none leading anywhere)."""
    unnamed = ["0123456789abcdef", "fedcba9876543210"]
    span = {"article_id": unnamed[0], "start": 0, "end": 5, "outlet": None}
    card = {
        "text": "Twelve died.", "cut": False, "contested": True, "single_source": False, "independent": 1,
        "articles": 1, "slot": "", "first": None, "own": 1, "relayed": 0, "origins": [],
        "support": [], "more_support": 0,
        "contradicts": [
            {
                "kind": "count", "value": "12", "spans": [span],
                "other": {"origins": [*unnamed, "Harbour <Gazette>"], "articles": 3, "value": "9", "spans": [span],
                          "text": "Nine died."},
            }
        ],
    }  # fmt: skip
    page = environment().from_string('{% from "claims.html" import claims %}{{ claims(items, []) }}')
    html = page.render(items=[card])
    told = html[html.index("3 articles (") : html.index(") say")]
    assert told == (
        '3 articles (<a href="/articles/0123456789abcdef">an article, outlet not stated</a>, '
        '<a href="/articles/fedcba9876543210">an article, outlet not stated</a>, Harbour &lt;Gazette&gt;'
    )


def _counted_briefs(monkeypatch: pytest.MonkeyPatch, pause: float = 0.0) -> list[str]:
    """The story ids the brief endpoint makes a brief for, each made ``pause`` seconds slower."""
    made: list[str] = []

    def counted(c: Corpus, s: str) -> dict[str, Any]:
        made.append(s)
        time.sleep(pause)
        return build_brief(c, s)

    monkeypatch.setattr(stories, "build_brief", counted)
    return made


def test_a_kept_brief_is_made_again_once_another_connection_commits(
    corpus: Corpus, story: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept brief is the data's as it was: after a commit from another connection (an ingest or an analysis,
    in this process or another), the next download makes the brief again."""
    made = _counted_briefs(monkeypatch)
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as fresh:
        first = fresh.get(f"/stories/{story}/brief.md")
        assert fresh.get(f"/stories/{story}/brief.json").status_code == 200 and made == [story]
        with Corpus(Store(corpus.store.path), settings=FAST) as writer:  # its own connection, as another process
            writer.store.mark("touched")  # any commit: the data's version moves on
        again = fresh.get(f"/stories/{story}/brief.md")
    assert made == [story, story] and again.text == first.text


def test_a_brief_asked_by_id_prefix_is_the_one_kept_for_the_full_id(
    corpus: Corpus, story: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief is kept under the story's full id: a download by a prefix of it, then by the full id (the link
    the page gives), makes it once; a prefix of no story is a 404, as before."""
    made = _counted_briefs(monkeypatch)
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as fresh:
        by_prefix = fresh.get(f"/stories/{story[:8]}/brief.md")
        by_id = fresh.get(f"/stories/{story}/brief.md")
        assert fresh.get("/stories/zzzz/brief.md").status_code == 404
    assert by_prefix.status_code == 200 and by_prefix.text == by_id.text
    assert made == [story]


def test_two_downloads_of_one_brief_at_once_make_it_once(
    corpus: Corpus, story: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two formats asked at once (the analyst clicks Markdown, then HTML, while the first is made): the second waits
    for the brief the first makes and renders from it, rather than making it again on another core."""
    made = _counted_briefs(monkeypatch, pause=0.5)
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as fresh, ThreadPoolExecutor(2) as pool:
        got = list(pool.map(lambda fmt: fresh.get(f"/stories/{story}/brief.{fmt}"), ("md", "json")))
    assert [r.status_code for r in got] == [200, 200]
    assert got[1].json()["story"]["id"] == story
    assert made == [story]


def test_a_stale_digests_claims_are_computed_once_until_the_data_changes(
    corpus: Corpus, story: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story grown since its digest (or read while an ingest runs) has its claims part computed on the spot: 11
    CPU seconds at 2,000 articles for the dashboard, again for its JSON twin, again for the full claims list. Now
    once while the data is unchanged; after another connection commits, computed again (never served stale)."""
    path = tmp_path / "stale.db"
    shutil.copy(corpus.store.path, path)
    with Corpus(Store(path), settings=FAST) as writer:
        with writer.store.transaction() as conn:
            conn.execute("DELETE FROM story_digests")
        assert writer.store.story_digest(story, "claims") is None
    computed = []
    part = digest.part
    monkeypatch.setattr(digest, "part", lambda v, s, name, *a, **k: computed.append(name) or part(v, s, name, *a, **k))
    with Corpus(Store(path), settings=FAST) as stale, TestClient(create_app(stale), base_url="http://127.0.0.1") as c:
        board, twin, listed = (c.get(f"/stories/{story}{end}") for end in ("", ".json", "/claims"))
        assert [r.status_code for r in (board, twin, listed)] == [200, 200, 200]
        assert computed.count("claims") == 1, computed
        with Corpus(Store(path), settings=FAST) as other:  # another process's ingest or analysis commits
            other.store.mark("touched")
        again = c.get(f"/stories/{story}/claims")
    assert computed.count("claims") == 2, computed
    assert again.text == listed.text and "Lorvan" in listed.text


def test_the_filter_forms_clear_link_leads_to_the_unfiltered_page(client: TestClient, story: str) -> None:
    """The filter form's "Clear" (and the "Showing ..." line's "clear") lead to the page without filters or sort:
    ``form.clear`` in the template read the dict's own ``clear`` method, and the link was its repr."""
    for page in (f"/stories/{story}", f"/stories/{story}/claims"):
        html = client.get(f"{page}?outlet=Lorvan+Times&sort=date").text
        cleared = re.findall(r'<a href="([^"]*)">[Cc]lear</a>', html)
        assert len(cleared) == 2 and set(cleared) == {page}, cleared
