"""Story digests: the digest stage stores what a story's page shows of its claims, framing and positions, equal to
what the page would compute; a story that changed is recomputed by the next analysis, and read fresh until then."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from starlette.testclient import TestClient

import newsdesk.corpus
from newsdesk import digest
from newsdesk.claims import summary
from newsdesk.corpus import Corpus, open_corpus
from newsdesk.demo import corpus_path
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.store import Store
from newsdesk.web import create_app


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus analysed with the default stages (the digest stage last)."""
    path = tmp_path_factory.mktemp("digest") / "demo.db"
    with pytest.MonkeyPatch.context() as patch, open_corpus(path) as corpus:
        patch.setattr(digest.entities, "FROM", 3)  # the demo's entities are small: keep the pages of most of them
        report = corpus.ingest([corpus_path()])
        assert report.added and not [f for f in report.failures if f.stage != "ingest"], report.failures
        assert "digest" in [s.stage for s in report.stages]
    return path


@pytest.fixture
def corpus(db: Path, tmp_path: Path) -> Iterator[Corpus]:
    shutil.copy(db, tmp_path / "demo.db")
    with open_corpus(tmp_path / "demo.db") as c:
        yield c


def test_the_stored_digest_of_every_story_equals_the_view_time_computation(corpus: Corpus) -> None:
    stories = corpus.stories()
    assert len(stories) >= 2
    compared = 0
    for story in stories:
        head = corpus.story_head(story["id"])
        for part in digest.PARTS:
            stored = corpus.store.story_digest(head["id"], part)
            assert stored is not None, (head["id"], part)
            assert stored == _plain(digest.part(corpus.store, head, part, corpus.settings)), (head["id"], part)
            compared += 1
        # And the parts are what the facade's own reads give: the first page of claims, the stances of the story.
        assert stored_claims(corpus, head["id"]) == _plain(corpus.story_claims(head["id"], limit=digest.CLAIMS_KEPT))
    assert compared == len(stories) * len(digest.PARTS)
    assert any(corpus.store.story_digest(s["id"], "claims") for s in stories)  # the demo has claims to compare


def stored_claims(corpus: Corpus, story_id: str) -> Any:
    return corpus.store.story_digest(story_id, "claims")


def test_pages_read_from_the_digest_equal_pages_computed_without_it(corpus: Corpus, tmp_path: Path) -> None:
    ids = [s["id"] for s in corpus.stories()]
    urls = [u for i in ids for u in (f"/stories/{i}.json", f"/stories/{i}/claims.json")]
    # The full lists, unfiltered: their first page and the one past it (kept by the digest, decision 0020).
    lists = [f"/stories/{i}/{name}.json{page}" for i in ids for name in digest.lists.LISTED for page in ("", "?page=2")]
    urls += [f"/entities/{e['id']}.json" for e in corpus.entities()[:10]]
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        with_digest = {u: client.get(u).json() for u in [*urls, *lists]}
    with corpus.store.transaction() as conn:
        conn.execute("DELETE FROM story_digests")
        conn.execute("DELETE FROM entity_digests")
    assert all(corpus.store.story_digest(i, "framing") is None for i in ids)
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        without = {u: client.get(u).json() for u in [*urls, *lists]}
    assert with_digest == without
    assert all(with_digest[u]["ok"] for u in urls)
    assert any(with_digest[u]["ok"] and with_digest[u]["items"] for u in lists)
    assert any(not with_digest[u]["ok"] for u in lists)  # a page past the end: the 404, with or without


def test_the_kept_pages_of_every_list_are_the_list_as_counted_in_sql(corpus: Corpus) -> None:
    kept = 0
    for story in corpus.stories():
        for name in digest.lists.LISTED:
            whole = corpus.store.query(f"story_{name}", story_id=story["id"], limit=10_000)
            pages = []
            for number in range(1, digest.lists.KEPT + 1):
                found = corpus.store.story_digest(story["id"], digest.lists.name(name, number))
                if found is None:
                    break
                pages.append(found)
            assert pages, (story["id"], name)  # an empty list is one empty page
            assert [r for p in pages for r in p] == _plain(whole), (story["id"], name)
            assert all(len(p) == digest.lists.PER_PAGE for p in pages[:-1])
            kept += len(whole)
    assert kept


# What ranks or counts a whole list of a story: none of it is run to read a kept page.
_RANKING = {f"story_{name}" for name in digest.lists.LISTED} | {f"story_{n}_count" for n in digest.lists.LISTED}
_RANKING |= {"story_quote_rows", "story_origin_groups", "story_summary", "story_claims", "story_claim_support"}


def _no_ranking(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Make every query that ranks or counts a story's whole list fail, on every store (the app's readers have
    their own); the queries run are listed."""
    store = type(corpus.store)
    original = store.query
    ran: list[tuple[str, dict[str, Any]]] = []

    def bounded(self: Any, name: str, **params: Any) -> Any:
        assert name not in _RANKING, f"{name} ranked or counted the story's list"
        ran.append((name, params))
        return original(self, name, **params)

    monkeypatch.setattr(store, "query", bounded)
    return ran


def _digest_again(corpus: Corpus, monkeypatch: pytest.MonkeyPatch, **patched: int) -> None:
    """Make every story's digest again, as the next analysis makes it, with ``digest.lists``' sizes patched."""
    for name, value in patched.items():
        monkeypatch.setattr(digest.lists, name, value)
    corpus.store.reset("digest")
    corpus.analyze()


def test_every_page_of_every_list_is_kept_and_read_by_id(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages of 2 rows, the first kept as rows (the demo's stories are small): every later page is kept compact.
    _digest_again(corpus, monkeypatch, PER_PAGE=2, KEPT=1)
    stories = [s["id"] for s in corpus.stories()]
    whole = {
        (i, name): _plain(corpus.store.query(f"story_{name}", story_id=i, limit=10_000))
        for i in stories
        for name in digest.lists.LISTED
    }
    ran = _no_ranking(corpus, monkeypatch)
    later = 0
    for (story_id, name), rows in whole.items():
        total = len(rows)
        pages = max(1, -(-total // 2))
        for number in range(1, pages + 1):
            del ran[:]
            found = corpus.story_list_page(story_id, name, number)
            assert found is not None, (story_id, name, number)
            assert _plain(found) == [rows[(number - 1) * 2 : number * 2], total], (story_id, name, number)
            if number > 1:
                later += 1
                # A later page reads its own rows by id: a quote by its row, an origin's article by its id.
                read = [p for n, p in ran if n in ("story_quotes_at", "story_origins_named")]
                assert len(read) == (name in ("quotes", "origins")), (name, ran)
                assert all(len(p.get("rows") or p.get("groups")) == len(found[0]) for p in read)
        assert corpus.story_list_page(story_id, name, pages + 1) == ([], total)  # past the end: the 404
    assert later > 100 and {n for (_, n), rows in whole.items() if len(rows) > 2} == set(digest.lists.LISTED)


def test_a_later_page_is_kept_compact_and_its_quotes_by_their_rows_alone(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    _digest_again(corpus, monkeypatch, KEPT=1)
    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    total = corpus.store.query("story_quotes_count", story_id=story["id"])[0]["total"]
    assert total > digest.lists.PER_PAGE
    kept = corpus.store.story_digest(story["id"], digest.lists.name("quotes", 2))
    assert kept["total"] == total and kept["columns"] == ["row"]
    assert all(isinstance(values[0], int) for values in kept["rows"])
    assert len(kept["rows"]) == min(digest.lists.PER_PAGE, total - digest.lists.PER_PAGE)
    origins = corpus.store.story_digest(story["id"], digest.lists.name("origins", 2))
    assert origins is None or "title" not in origins["columns"]


def test_every_page_of_a_list_read_from_the_digest_equals_the_page_computed_without_it(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first page kept as rows, the next ones compact: through the app, each page's JSON twin as computed.
    _digest_again(corpus, monkeypatch, KEPT=1)
    urls = []
    for story in corpus.stories():
        for name in digest.lists.LISTED:
            total = corpus.store.query(f"story_{name}_count", story_id=story["id"])[0]["total"]
            pages = max(1, -(-total // digest.lists.PER_PAGE))
            urls += [f"/stories/{story['id']}/{name}.json?page={n}" for n in range(1, pages + 2)]
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        with monkeypatch.context() as patch:
            _no_ranking(corpus, patch)
            with_digest = {u: client.get(u) for u in urls}
        with corpus.store.transaction() as conn:
            conn.execute("DELETE FROM story_digests")
        without = {u: client.get(u) for u in urls}
    assert {u: (r.status_code, r.json()) for u, r in with_digest.items()} == {
        u: (r.status_code, r.json()) for u, r in without.items()
    }
    later = [u for u in urls if not u.endswith("page=1") and with_digest[u].status_code == 200]
    assert "quotes" in {u.split("/")[3].split(".")[0] for u in later}  # the demo's longer list
    assert sum(r.status_code == 404 for r in with_digest.values()) == len(corpus.stories()) * len(digest.lists.LISTED)


def _largest_claims(corpus: Corpus) -> tuple[str, list[dict[str, Any]]]:
    """The story with the most claim clusters, and its whole claims list as the API ranks it."""
    totals = {s["id"]: (corpus.story_claims(s["id"], limit=1) or [{"total": 0}])[0]["total"] for s in corpus.stories()}
    story_id = max(totals, key=totals.__getitem__)
    assert totals[story_id] >= 6
    return story_id, corpus.story_claims(story_id, limit=totals[story_id])


def _uncontested(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in c.items() if k not in ("contradicts", "contested")} for c in _plain(cards)]


def _support_rows(corpus: Corpus, story_id: str) -> dict[str, int]:
    rows = corpus.store.query("story_claim_support", story_id=story_id)
    counted: dict[str, int] = {}
    for row in rows:
        counted[row["cluster_id"]] = counted.get(row["cluster_id"], 0) + 1
    return counted


def test_the_claims_list_s_later_pages_are_the_cards_ranked_after_the_first(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id, whole = _largest_claims(corpus)
    total = len(whole)
    first, _, order, backed = digest.claims.page_and_clusters(corpus.store, story_id, limit=2)
    assert first == corpus.story_claims(story_id, limit=2)
    assert order == [c["id"] for c in whole]  # the API's own ranking, every cluster
    # Pages of 2, kept whole: the API's own cards (every cluster compared), in the same order, no contradiction
    # sought; then with clusters of up to 1 support row kept as their ids, worked out when the page is read.
    monkeypatch.setattr(digest.lists, "PER_PAGE", 2)
    for whole_pages, small in ((1_000, 1), (1, 1)):
        monkeypatch.setattr(digest.lists, "CLAIM_PAGES", whole_pages)
        monkeypatch.setattr(digest.lists, "SMALL", small)
        pages = digest.claims.later_pages(corpus.store, story_id, order, backed, first=2)
        assert [len(p) for p in pages] == [len(whole[i : i + 2]) for i in range(2, total, 2)]
        read = [digest.claims.kept_page(corpus.store, story_id, _plain(p)) for p in pages]
        assert [c for p in read for c in _uncontested(p)] == _uncontested(whole[2:])
        assert all(c["contradicts"] == [] and c["total"] == total for p in read for c in p)
    stubs = [c for p in pages for c in p if c.get("small")]
    assert stubs and all(set(c) == {"id", "total", "small"} for c in stubs)  # the demo has clusters of both sizes
    assert len(stubs) < total - 2


def _claims_read_by_cluster(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail any query that ranks the story's claims or reads all their support rows; the list returned collects
    the clusters whose support rows were read."""
    original = corpus.store.query
    read: list[str] = []

    def bounded(name: str, **params: Any) -> Any:
        assert name not in ("story_claims", "story_claims_count"), f"{name} ranked the story"
        assert name != "story_claim_support" or params.get("cluster_ids"), "every support row of the story read"
        read.extend(params.get("cluster_ids") or [])
        return original(name, **params)

    monkeypatch.setattr(corpus.store, "query", bounded)
    return read


def test_every_claims_page_is_kept_and_reads_only_its_small_clusters_support(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id, whole = _largest_claims(corpus)
    total = len(whole)
    rows = _support_rows(corpus, story_id)
    # Pages of 2 (the demo's stories are small), the first one kept whole, clusters of up to 1 support row kept as
    # their ids: the digest made again as the next analysis makes it.
    monkeypatch.setattr(digest.lists, "PER_PAGE", 2)
    monkeypatch.setattr(digest.lists, "CLAIM_PAGES", 1)
    monkeypatch.setattr(digest.lists, "SMALL", 1)
    monkeypatch.setattr(digest, "CLAIMS_KEPT", 2)
    corpus.store.reset("digest")
    corpus.analyze()
    assert corpus.store.story_digest(story_id, digest.lists.RANKING) is None
    read = _claims_read_by_cluster(corpus, monkeypatch)
    pages = -(-total // 2)
    for number in range(2, pages + 1):
        found = corpus.story_list_page(story_id, "claims", number)
        assert found is not None, number
        cards, counted = found
        expected = whole[(number - 1) * 2 : number * 2]
        assert counted == total and _uncontested(cards) == _uncontested(expected), number
        assert all(c["contradicts"] == [] and c["total"] == total for c in cards)
    # Only the small clusters' support rows were read, each once; a larger cluster's card was kept.
    assert read and all(rows[cid] <= 1 for cid in read) and len(read) == len(set(read))
    assert any(rows[c["id"]] > 1 for c in whole[2:])
    assert corpus.story_list_page(story_id, "claims", pages + 1) == ([], total)  # past the end: the 404


def test_a_claims_page_of_a_digest_that_kept_the_ranking_reads_its_clusters_only(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A digest made before every claims page was kept holds the first pages and the ranking (m027 makes such a
    # story pending for the digest again): until then a later page reads its own clusters' support rows.
    story_id, whole = _largest_claims(corpus)
    total = len(whole)
    monkeypatch.setattr(digest.lists, "PER_PAGE", 2)
    monkeypatch.setattr(digest.lists, "CLAIM_PAGES", 1)
    with corpus.store.transaction() as conn:
        conn.execute("DELETE FROM story_digests WHERE story_id = ? AND part LIKE 'list:claims:%'", [story_id])
        conn.execute(
            "INSERT INTO story_digests SELECT story_id, ?, articles, last_row, ? FROM story_digests "
            "WHERE story_id = ? AND part = 'claims'",
            [digest.lists.RANKING, json.dumps([c["id"] for c in whole]), story_id],
        )
    read = _claims_read_by_cluster(corpus, monkeypatch)
    pages = -(-total // 2)
    for number in range(2, pages + 1):
        found = corpus.story_list_page(story_id, "claims", number)
        assert found is not None, number
        cards, counted = found
        assert counted == total and _uncontested(cards) == _uncontested(whole[(number - 1) * 2 : number * 2])
    assert sorted(read) == sorted(c["id"] for c in whole[2:])  # each later page's clusters once, and only them
    assert corpus.story_list_page(story_id, "claims", pages + 1) == ([], total)


def test_a_new_digest_replaces_every_part_of_its_story(corpus: Corpus) -> None:
    # A part the story's digest no longer makes (a page past the end of a list that shrank, the ranking an older
    # digest kept) would be read while the story keeps its signature: a new digest drops it.
    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    with corpus.store.transaction() as conn:
        for part in ("list:claims:99", digest.lists.RANKING):
            conn.execute(
                "INSERT OR REPLACE INTO story_digests SELECT story_id, ?, articles, last_row, '[]' FROM story_digests "
                "WHERE story_id = ? AND part = 'claims'",
                [part, story["id"]],
            )
        conn.execute("DELETE FROM stage_done WHERE stage = 'digest' AND article_id = ?", [story["article_ids"][0]])
    assert corpus.store.story_digest(story["id"], "list:claims:99") == []
    corpus.analyze()
    assert corpus.store.story_digest(story["id"], "list:claims:99") is None
    assert corpus.store.story_digest(story["id"], digest.lists.RANKING) is None
    assert corpus.store.story_digest(story["id"], "claims") is not None


def test_a_full_list_is_read_from_the_digest_without_counting_the_story(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    _no_ranking(corpus, monkeypatch)  # on the app's readers too (each has a store of its own)
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        for name in (*digest.lists.LISTED, "claims"):
            page = client.get(f"/stories/{story['id']}/{name}.json")
            assert page.status_code == 200, (name, page.text)
            pages = page.json()["pages"]
            assert client.get(f"/stories/{story['id']}/{name}.json?page={pages + 1}").status_code == 404
            assert client.get(f"/stories/{story['id']}/{name}?page={pages}").status_code == 200


def test_a_changed_story_is_read_fresh_until_the_next_analysis_recomputes_it_alone(
    corpus: Corpus, tmp_path: Path
) -> None:
    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    others = [s["id"] for s in corpus.stories() if s["id"] != story["id"]]
    first = corpus.article(story["article_ids"][0])
    # A new article that retells the story's first one, with a sentence of its own: it joins that story.
    extra = tmp_path / "extra.txt"
    extra.write_text(
        f"title: {first.title}\noutlet: Brindle Courier\ndate: {(first.published or '2026-01-01')[:10]}\n\n"
        f"{first.text}\nA Brindle Courier reporter added that the figures were checked twice.\n",
        encoding="utf-8",
    )
    before = {i: corpus.store.story_digest(i, "claims") for i in others}
    without = Settings(pipeline=PipelineSettings(stages=tuple(s for s in Settings().pipeline.stages if s != "digest")))
    with open_corpus(corpus.store.path, settings=without) as plain:
        assert plain.ingest([extra]).added
    corpus.store.conn.rollback()
    grown = next(s for s in corpus.stories() if first.id in s["article_ids"])
    # The story has an article more than its digest was made with: the stored parts are not read.
    assert all(corpus.store.story_digest(grown["id"], p) is None for p in (*digest.PARTS, digest.lists.RANKING))
    assert corpus.story_digest(grown["id"], "claims") == _plain(
        digest.part(corpus.store, corpus.story_head(grown["id"]), "claims", corpus.settings)
    )
    # The next analysis (the digest stage over the new article) recomputes that story only.
    saved: list[Any] = []
    original = corpus.store.update

    def spy(*args: Any, **kwargs: Any) -> int:
        if kwargs.get("stage") == "digest":
            saved.extend(kwargs.get("state", {}).get("story_digests", []))
        return original(*args, **kwargs)

    corpus.store.update = spy  # type: ignore[method-assign]
    corpus.analyze()
    assert {row[0] for row in saved} == {grown["id"]}
    assert all(corpus.store.story_digest(grown["id"], p) is not None for p in digest.PARTS)
    assert {i: corpus.store.story_digest(i, "claims") for i in others if i != grown["id"]} == {
        i: v for i, v in before.items() if i != grown["id"]
    }


def test_the_stage_is_declared_last_and_a_redo_clears_what_it_stored(corpus: Corpus) -> None:
    assert Settings().pipeline.stages[-1] == "digest"
    stage = next(s for s in corpus.pipeline.stages if s.name == "digest")
    assert stage.produces == ("story.digest",) and "story.claims" in stage.requires
    corpus.store.reset("digest")
    assert all(corpus.store.story_digest(s["id"], "claims") is None for s in corpus.stories())
    assert len(corpus.store.pending("digest")) == corpus.count()


def test_an_unknown_part_is_refused(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="No digest part 'claim'"):
        corpus.story_digest(corpus.stories()[0]["id"], "claim")


def test_the_stored_parts_of_an_entity_page_equal_the_view_time_computation(corpus: Corpus) -> None:
    named = [e for e in corpus.entities() if e["mentions"] >= 3]
    assert len(named) >= 3
    for entity in named:
        stored = corpus.store.entity_digest(entity["id"])
        computed = _plain(digest.entities.card(corpus.store, entity["id"]))
        assert stored == {**computed, "mentions": entity["mentions"]}, entity["id"]
        counts = corpus.store.query("entity_counts", entity_id=entity["id"])[0]
        co = corpus.store.query("co_mentioned", entity_id=entity["id"], limit=digest.entities.RELATED)
        card = corpus.entity_card(entity["id"])
        assert {k: card[k] for k in ("stories", "quotes", "views")} == {
            k: counts[k] for k in ("stories", "quotes", "views")
        }
        assert (card["mentions"], card["articles"], card["co_mentioned"]) == (
            entity["mentions"],
            entity["articles"],
            co,
        )
    small = [e for e in corpus.entities() if e["mentions"] < 3]
    assert all(corpus.store.entity_digest(e["id"]) is None for e in small)


def test_an_entity_named_again_is_read_fresh(corpus: Corpus, tmp_path: Path) -> None:
    entity = corpus.entities()[0]
    assert corpus.store.entity_digest(entity["id"]) is not None
    with corpus.store.transaction() as conn:  # one mention fewer than when its parts were made
        conn.execute(
            "DELETE FROM mentions WHERE rowid = (SELECT max(rowid) FROM mentions WHERE entity_id = ?)", (entity["id"],)
        )
    assert corpus.store.entity_digest(entity["id"]) is None
    counts = corpus.store.query("entity_counts", entity_id=entity["id"])[0]
    assert corpus.entity_card(entity["id"])["stories"] == counts["stories"]


def test_a_stage_run_after_the_digests_were_made_makes_them_again(corpus: Corpus) -> None:
    # An upgrade adds a stage (stances once came after the digests): what it writes must reach the stored pages.
    stories = [s["id"] for s in corpus.stories()]
    corpus.store.conn.execute("DELETE FROM stage_done WHERE stage = 'stances'")
    corpus.store.conn.execute("DELETE FROM stances")
    corpus.store.conn.execute("UPDATE story_digests SET data = '[]' WHERE part = 'positions'")
    corpus.store.conn.commit()
    reports = {r.stage: r for r in corpus.analyze()}
    assert reports["stances"].items_in > 0
    assert reports["digest"].items_in == reports["stances"].items_in
    for story_id in stories:
        head = corpus.story_head(story_id)
        stored = corpus.store.story_digest(story_id, "positions")
        assert stored == _plain(digest.part(corpus.store, head, "positions", corpus.settings))


def test_an_unfiltered_dashboard_is_read_from_the_digest_and_a_filtered_one_computed(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    stored = corpus.store.story_digest(story["id"], "dashboard")
    assert stored is not None and stored["sections"]["articles"]["total"] == len(story["article_ids"])
    outlet = stored["choices"]["outlets"][0]
    filtered = _plain(corpus.story_dashboard(story["id"], outlet=outlet))
    assert filtered["summary"]["articles"] < stored["summary"]["articles"]

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the dashboard was computed")

    monkeypatch.setattr(digest.dashboard, "compute", refused)
    assert corpus.story_dashboard(story["id"]) == stored  # no SQL section run: the stored part
    with pytest.raises(AssertionError, match="computed"):
        corpus.story_dashboard(story["id"], outlet=outlet)
    with pytest.raises(AssertionError, match="computed"):
        corpus.story_dashboard(story["id"], sort="name")


def test_an_entity_s_kept_positions_are_read_only_while_no_stance_was_stored_since(corpus: Corpus) -> None:
    kept = {e["id"]: corpus.store.entity_digest(e["id"]) for e in corpus.entities()}
    actor = next(i for i, card in kept.items() if card and card["positions"])
    fresh = _plain(corpus.stances(actor_id=actor, latest=digest.positions.STATEMENTS))
    assert kept[actor]["positions"] == fresh
    assert corpus.actor_positions(actor) == fresh
    # A stance stored since (its row past the one the positions were made at): they are computed again.
    card = {**kept[actor], "positions": [], "stances_last": kept[actor]["stances_last"] - 1}
    with corpus.store.transaction() as conn:
        conn.execute("UPDATE entity_digests SET data = ? WHERE entity_id = ?", (json.dumps(card), actor))
    assert corpus.store.entity_digest(actor)["positions"] == []
    assert _plain(corpus.actor_positions(actor)) == fresh


def test_a_store_digested_before_the_dashboard_part_gets_it_from_the_next_analysis(corpus: Corpus) -> None:
    from newsdesk.store import migrations

    with corpus.store.transaction() as conn:  # as a store analysed before m018: no dashboard, the stage done
        conn.execute("DELETE FROM story_digests WHERE part = 'dashboard'")
        conn.execute(migrations.m018_dashboard_digest())
    assert len(corpus.store.pending("digest")) == corpus.count()
    corpus.analyze()
    for story in corpus.stories():
        stored = corpus.store.story_digest(story["id"], "dashboard")
        assert stored == _plain(
            digest.dashboard.compute(corpus.store, story["id"], claims=stored_claims(corpus, story["id"]))
        )


def test_dashboards_stored_before_views_were_told_apart_are_made_again(corpus: Corpus) -> None:
    from newsdesk.store import migrations

    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    stale = {**corpus.store.story_digest(story["id"], "dashboard"), "stale": True}
    with corpus.store.transaction() as conn:  # as a dashboard stored by a digest that counted views as quotes
        conn.execute(
            "UPDATE story_digests SET data = ? WHERE story_id = ? AND part = 'dashboard'",
            (json.dumps(stale), story["id"]),
        )
    assert corpus.story_dashboard(story["id"])["stale"]  # read while the story is unchanged
    with corpus.store.transaction() as conn:
        for statement in migrations.m024_views_no_quotes().split(";"):
            conn.execute(statement)
    assert corpus.store.story_digest(story["id"], "dashboard") is None
    assert "stale" not in corpus.story_dashboard(story["id"])  # computed until the next analysis
    assert len(corpus.store.pending("digest")) == corpus.count()
    corpus.analyze()
    stored = corpus.store.story_digest(story["id"], "dashboard")
    assert stored == _plain(
        digest.dashboard.compute(corpus.store, story["id"], claims=stored_claims(corpus, story["id"]))
    )


def test_a_filtered_or_sorted_dashboard_counts_over_the_latest_articles_and_reads_no_claim_of_the_story(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    members = corpus.store.query("story_articles", story_id=story["id"], limit=1000, sort="recent")
    assert len(members) > 3
    stored = corpus.story_digest(story["id"], "claims")

    def every_claim(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("every claim of the story was read")

    monkeypatch.setattr(corpus.store, "claim_rows", every_claim)
    # Sorted only, every article passes: the window is exact, and the claims' contradictions are the digest's.
    whole = corpus.story_dashboard(story["id"], sort="size")
    assert whole["window"] is None and whole["summary"]["articles"] == len(members)
    cards = {c["id"]: c for c in stored}
    page = corpus.story_claim_page(story["id"], sort="size")
    assert page
    for card in page:
        if card["id"] in cards:
            assert card["contradicts"] == cards[card["id"]]["contradicts"]
            assert card["contested"] == cards[card["id"]]["contested"]
    assert any(card["id"] in cards for card in page)
    # More articles than the window: the latest three only, and the dashboard says how many were counted.
    monkeypatch.setattr(digest.dashboard, "WINDOW", 3)
    board = corpus.story_dashboard(story["id"], sort="recent")
    assert board["window"] == {"articles": len(members), "counted": 3}
    assert board["summary"]["articles"] == 3
    assert board["summary"]["last"] == members[0]["published"]
    latest = {m["id"] for m in members[:3]}
    window = corpus.story_window(story["id"], {})[0]
    shown = corpus.store.query("story_articles", story_id=story["id"], limit=50, **window)
    assert {a["id"] for a in shown} == latest
    assert 0 < board["sections"]["claims"]["total"] <= stored[0]["total"]
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        html = client.get(f"/stories/{story['id']}?sort=recent").text
        assert f"Counted over the latest 3 of the {len(members)} articles" in html
        listed = client.get(f"/stories/{story['id']}/articles.json?sort=recent").json()
        assert listed["total"] == 3 and listed["window"] == {"articles": len(members), "counted": 3}
        assert {a["id"] for a in listed["items"]} == latest
        # The story's own list, unfiltered and in its own order, stays whole.
        assert client.get(f"/stories/{story['id']}/articles.json").json()["total"] == len(members)
    # The Claims section ranks the claims of the window's latest CLAIMS_COUNTED articles only, and says so.
    monkeypatch.setattr(digest.dashboard, "CLAIMS_COUNTED", 2)
    board = corpus.story_dashboard(story["id"], sort="recent")
    assert board["sections"]["claims"]["counted"] == {"articles": 3, "counted": 2}
    latest_two = {**window, "window": json.dumps([m["id"] for m in members[:2]])}
    expected = corpus.store.query("story_claims_count", story_id=story["id"], **latest_two)[0]["total"]
    assert board["sections"]["claims"]["total"] == expected
    assert "counted" not in corpus.story_dashboard(story["id"])["sections"]["claims"]  # the digest's: all of them
    with TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        html = client.get(f"/stories/{story['id']}?sort=recent").text
        assert "Claims ranked over the latest 2 of the 3 articles this page counts" in html


def test_an_entity_digest_checked_once_is_checked_again_after_any_write(corpus: Corpus, tmp_path: Path) -> None:
    entity = max(corpus.entities(), key=lambda e: e["mentions"])
    assert corpus.store.entity_digest(entity["id"]) is not None
    # A write on this connection: its mentions are no longer those the digest was made from.
    row = corpus.store.conn.execute("SELECT max(rowid) FROM mentions WHERE entity_id = ?", (entity["id"],)).fetchone()
    corpus.store.conn.execute("DELETE FROM mentions WHERE rowid = ?", (row[0],))
    assert corpus.store.entity_digest(entity["id"]) is None
    # A commit on another connection (another process's analysis): read again too.
    other = max((e for e in corpus.entities() if e["id"] != entity["id"]), key=lambda e: e["mentions"])
    assert corpus.store.entity_digest(other["id"]) is not None
    with open_corpus(tmp_path / "demo.db") as writer:
        writer.store.conn.execute("UPDATE mentions SET entity_id = NULL WHERE entity_id = ?", (other["id"],))
    assert corpus.store.entity_digest(other["id"]) is None


def test_every_page_of_a_hub_s_mentions_read_between_its_marks_is_the_page_of_the_whole_sort(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Most of the 100,000-article store is undated: a third of the demo's articles lose their date here, so pages
    # run from dated articles into undated ones; marks every 2 mentions or 1 row apart cut every story many times.
    with corpus.store.transaction() as conn:
        conn.execute("UPDATE articles SET published = NULL WHERE rowid % 3 = 0")
    monkeypatch.setattr(digest.entities, "STRIDE", 2)
    monkeypatch.setattr(digest.entities, "SPAN", 1)
    hubs = [e for e in corpus.entities() if e["mentions"] >= 12][:4]
    assert hubs
    for entity in hubs:
        keys = corpus.store.query("entity_mention_keys", entity_id=entity["id"])
        assert len(keys) == entity["mentions"]
        # The reference order, worked out here from the keys: by story (most mentions first, outside any last),
        # then date (undated last), article row, start.
        told = {(k["story_id"], k["story_mentions"]) for k in keys}
        assert len({s for s, _ in told}) == len(told)
        assert keys == sorted(
            keys,
            key=lambda k: (
                k["story_id"] is None,
                -k["story_mentions"],
                k["story_id"] or "",
                k["published"] or "~",
                k["article_row"],
                k["start"],
            ),
        )
        card = {**corpus.store.entity_digest(entity["id"]), "story_marks": digest.entities.marks(keys)}
        card.pop("mentions")
        with corpus.store.transaction() as conn:
            conn.execute("UPDATE entity_digests SET data = ? WHERE entity_id = ?", (json.dumps(card), entity["id"]))
        assert corpus.store.entity_digest(entity["id"]) is not None
        whole = [(k["article_id"], k["start"]) for k in keys]
        for size in (1, 3, 5):
            for offset in range(0, len(keys) + 1):
                page = corpus.entity_mentions(entity["id"], limit=size, offset=offset)
                got = [(m["article_id"], x["start"]) for m in page for x in m["mentions"]]
                assert got == whole[offset : offset + size], (entity["id"], size, offset)
                # Row for row as the whole sort gives them, each with its story's count.
                ranges = digest.entities.slices(card["story_marks"], offset, size)
                rows = [
                    r
                    for part in ranges
                    for r in corpus.store.query("entity_mentions_range", **part, entity_id=entity["id"])
                ]
                assert rows == corpus.store.query("entity_mentions", entity_id=entity["id"], limit=size, offset=offset)


def _decoded_whole(corpus: Corpus, story_id: str, sort: str | None, filters: dict[str, str]) -> dict[str, Any]:
    """A filtered dashboard as it was computed with the digest's claims and dashboard parts decoded whole."""
    cards = corpus.store.story_digest(story_id, "claims")
    stored = corpus.store.story_digest(story_id, "dashboard")
    bounded, window = digest.dashboard.window(corpus.store, story_id, filters)
    claims_filtered = any(k in digest.claims.FILTERS for k in filters)
    board = digest.dashboard.compute(
        corpus.store,
        story_id,
        bounded,
        sort=sort,
        claims=cards if cards is not None and sort is None and not claims_filtered else None,
        conflicts=digest.claims.known_conflicts(cards or []),
        offered=stored["choices"] if stored is not None else None,
    )
    return {**board, "window": window}


def test_a_filtered_dashboard_takes_from_the_digest_what_its_parts_decoded_whole_give(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.web.views.stories import KINDS, SORTS

    story_id = max(corpus.stories(), key=lambda s: len(s["article_ids"]))["id"]
    # Every card of the digest's claims is made disputed, each by a conflict of its own: a view shows which
    # contradictions it took, and from which card.
    cards = corpus.store.story_digest(story_id, "claims")
    assert cards
    marked = [
        {**card, "contested": True, "contradicts": [{"id": f"{card['id']}~other", "kind": "count", "spans": []}]}
        for card in cards
    ]
    with corpus.store.transaction() as conn:
        conn.execute(
            "UPDATE story_digests SET data = ? WHERE story_id = ? AND part = 'claims'", (json.dumps(marked), story_id)
        )
    choices = corpus.store.story_digest(story_id, "dashboard")["choices"]
    event, outlet = choices["events"][0]["id"], choices["outlets"][0]
    views: list[tuple[str | None, dict[str, str]]] = [(sort, {}) for sort in SORTS]
    views += [(None, {"kind": kind}) for kind in KINDS] + [("name", {"kind": "direct"})]
    views += [(None, {"event": event}), ("recent", {"event": event}), (None, {"outlet": outlet, "kind": "direct"})]
    expected = {repr(view): _plain(_decoded_whole(corpus, story_id, *view)) for view in views}
    disputed = 0
    # The filtered views decode no part whole: what they take of it is picked out of the stored text.
    monkeypatch.setattr(corpus.store, "story_digest", lambda *a: pytest.fail(f"a digest part was decoded whole: {a}"))
    for sort, filters in views:
        board = _plain(corpus.story_dashboard(story_id, sort=sort, **filters))
        assert board == expected[repr((sort, filters))], (sort, filters)
        shown = board["sections"]["claims"]["items"]
        made_up = [[{"id": f"{card['id']}~other", "kind": "count", "spans": []}] for card in shown]
        disputed += sum(card["contradicts"] == made for card, made in zip(shown, made_up, strict=True))
    assert disputed  # the contradictions were read, card by card
    assert _plain(corpus.story_filter_choices(story_id)) == choices


def test_claims_counted_through_a_window_of_the_whole_story_are_the_story_s_claims(corpus: Corpus) -> None:
    # Through the window, the support rows are read on their articles and only the claims that credit an outlet
    # are looked up; through the story's clusters, every support row's claim: the same counts.
    story = max(corpus.stories(), key=lambda s: len(s["article_ids"]))
    relaying = corpus.store.conn.execute(
        f"""SELECT count(*) FROM claims WHERE json_array_length(via) > 0
            AND article_id IN ({",".join("?" * len(story["article_ids"]))})""",
        story["article_ids"],
    ).fetchone()[0]
    assert relaying  # some claims of the story are counted by the outlet they credit
    whole = {"window": json.dumps(story["article_ids"])}
    event = story["events"][0]["id"]
    for sort in ("size", "date", "recent", "name"):
        for filters in ({}, {"event": event}):
            expected = corpus.store.query("story_claims", story_id=story["id"], sort=sort, limit=1000, **filters)
            got = corpus.store.query("story_claims", story_id=story["id"], sort=sort, limit=1000, **filters, **whole)
            assert expected and got == expected, (sort, filters)
    counted = corpus.store.query("story_claims_count", story_id=story["id"], **whole)
    assert counted == corpus.store.query("story_claims_count", story_id=story["id"])


def test_values_picked_out_of_a_stored_part_are_those_of_the_part_decoded_whole(corpus: Corpus) -> None:
    from newsdesk.store.digests import pick

    paths = ["$.choices", "$.sections.claims.total", "$.nothing", "$[0]", "$[1].id", "$[2].contradicts", "$[999].id"]
    for story in corpus.stories():
        for part in ("claims", "dashboard", "framing"):
            whole = corpus.store.story_digest(story["id"], part)
            assert whole is not None
            picked = corpus.store.story_digest_paths(story["id"], part, paths)
            assert picked == [pick(whole, path) for path in paths], (story["id"], part)
            assert corpus.store.story_digest_paths(story["id"], part, paths[:1]) == picked[:1]
    story_id = max(corpus.stories(), key=lambda s: len(s["article_ids"]))["id"]
    cards = corpus.store.story_digest(story_id, "claims")
    assert corpus.store.story_digest_paths(story_id, "claims", ["$[0].id", "$[0].total"]) == [
        cards[0]["id"],
        cards[0]["total"],
    ]
    assert pick({"a": [{"b": 1}]}, "$.a[0].b") == 1 and pick([1], "$[1]") is None and pick(3, "$.a") is None
    with pytest.raises(ValueError, match="JSON path"):
        pick({}, "a.b")
    # A story changed since its digest: nothing is read of it, as of the part whole.
    with corpus.store.transaction() as conn:
        conn.execute("UPDATE story_digests SET articles = articles + 1 WHERE story_id = ?", (story_id,))
    assert corpus.store.story_digest(story_id, "claims") is None
    assert corpus.store.story_digest_paths(story_id, "claims", ["$[0].id"]) is None


def _without_conflicts(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in c.items() if k not in ("contradicts", "updates")} for c in clusters]


def test_the_framing_takes_the_claims_part_s_clusters_those_cut_read_whole(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each cluster compared by its first claim alone: every cluster is cut for the contradiction search, then read
    # whole (those clusters' rows) for the framing, which never reads and clusters every claim of the story again.
    monkeypatch.setattr(digest.claims, "COMPARED", 1)
    monkeypatch.setattr(digest.entities, "FROM", 3)
    store = type(corpus.store)
    original = store.claim_rows
    read: list[tuple[int | None, list[str] | None]] = []

    def claim_rows(self: Any, story_ids: Any = None, *, each: Any = None, cluster_ids: Any = None) -> Any:
        read.append((each, cluster_ids))
        return original(self, story_ids, each=each, cluster_ids=cluster_ids)

    monkeypatch.setattr(store, "claim_rows", claim_rows)
    corpus.store.reset("digest")
    corpus.analyze()
    assert read and all(each is not None or cluster_ids is not None for each, cluster_ids in read), read
    several = 0
    for story in corpus.stories():
        head = corpus.story_head(story["id"])
        ranked = digest.claims.page_and_clusters(corpus.store, head["id"], limit=digest.CLAIMS_KEPT)
        every = summary.clusters(corpus.store.claim_rows([head["id"]]), only=set())[0]
        # Their slots as stored (the framing reads none); made readable, the clusters ``clusters`` gives.
        given = [summary.readable_slot(c) for c in (ranked.clusters() if ranked.clusters else [])]
        assert _without_conflicts(given) == _without_conflicts(every), head["id"]
        stored = corpus.store.story_digest(head["id"], "framing")
        assert stored == _plain(digest.part(corpus.store, head, "framing", corpus.settings)), head["id"]
        several += sum(len(c["support"]) > 1 for c in every)
    assert several  # the demo has clusters of more than one claim: they were cut, and read whole


def test_the_framing_asks_for_the_story_s_clusters_only_when_it_compares_groups(corpus: Corpus) -> None:
    # What a group leaves out is the only part of the framing that reads the claim clusters, and one group leaves
    # nothing out: the clusters the claims page compared are worked out for the framing only when it compares two
    # groups or more (the bench's stores state no outlet: every story is one group), and the section is the one
    # worked out from the clusters the framing reads and clusters itself.
    with corpus.store.transaction() as conn:
        outlets = {r[0] for r in conn.execute("SELECT DISTINCT outlet FROM articles") if r[0]}
    compared = alone = 0
    for grouping in ({}, {outlet.strip().casefold(): "one" for outlet in outlets}):
        for story in corpus.stories():
            head = corpus.story_head(story["id"])
            ranked = digest.claims.page_and_clusters(corpus.store, head["id"], limit=digest.CLAIMS_KEPT)
            assert ranked.clusters is not None, head["id"]
            asked: list[str] = []

            def clusters(every: Any = ranked.clusters, asked: list[str] = asked) -> Any:
                asked.append("clusters")
                return every()

            section = digest.framing.section(corpus.store, head, grouping=grouping, clusters=clusters)
            assert section == digest.framing.section(corpus.store, head, grouping=grouping), head["id"]
            assert len(asked) == (section["total"] > 1 and section["read"] > 1), (head["id"], section["total"])
            compared += len(asked)
            alone += section["total"] == 1 and section["read"] > 1
    assert compared  # the demo's stories told by several outlets: their clusters were asked for
    assert alone  # and, its outlets grouped as one, stories of one group: theirs were not


def test_the_claims_page_makes_the_records_of_its_conflicts_sides_only(
    planted: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The contradiction search compares every cluster of the story, but the page shows the records of the sides of
    # the conflicts found only: the others are made when the framing asks for every cluster, as ``clusters`` gives.
    made: list[str] = []
    record = summary.Compared._record
    monkeypatch.setattr(summary.Compared, "_record", lambda self, cid: (made.append(cid), record(self, cid))[1])
    contested = 0
    for story in planted.stories():
        made.clear()
        ranked = digest.claims.page_and_clusters(planted.store, story["id"], limit=digest.CLAIMS_KEPT)
        ids = [card["id"] for card in ranked.cards]
        first = planted.store.claim_rows([story["id"]], each=digest.claims.COMPARED)
        conflicts = summary.compared(first, only=set(ids)).conflicts
        sides = {c.a for c in conflicts} | {c.b for c in conflicts}
        assert sorted(made) == sorted(sides), story["id"]
        contested += len(sides)
        assert ranked.clusters is not None
        every = ranked.clusters()
        assert _plain(every) == _plain(summary.clusters(first, only=set(ids), slots=False)[0]), story["id"]
    assert contested


def _spied(monkeypatch: pytest.MonkeyPatch, corpus: Corpus, name: str, note: Any) -> Any:
    """The store's method ``name`` made to call ``note`` with its keyword arguments first; the original returned."""
    original = getattr(type(corpus.store), name)

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        note(**kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(corpus.store), name, spy)
    return original


def test_the_latest_statements_of_a_story_are_read_once_per_digest_run(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A story's section and the cards of the entities that took positions in it ask for the positions of the
    # same latest statements: each story's read once in the run, whatever its batch, and the stored parts are
    # those computed alone (an entity's from the latest of its stories read at once).
    monkeypatch.setattr(digest.entities, "FROM", 3)
    monkeypatch.setattr(newsdesk.corpus, "_ANALYZE_CHUNK", 2)  # batches of two articles: stories and cards in several
    asked: list[tuple[str, int]] = []
    original = type(corpus.store).stance_rows_placed

    def spy(self: Any, story_id: str, latest: int) -> Any:
        asked.append((story_id, latest))
        return original(self, story_id, latest)

    monkeypatch.setattr(type(corpus.store), "stance_rows_placed", spy)
    corpus.store.reset("digest")
    corpus.analyze()
    monkeypatch.setattr(type(corpus.store), "stance_rows_placed", original)
    assert len(corpus.stories()) <= len(asked) == len(set(asked)), asked
    kept = [e for e in corpus.entities() if e["mentions"] >= 3]
    assert any(card["positions"] for e in kept if (card := corpus.store.entity_digest(e["id"]))), "no actor to check"
    for entity in kept:
        stored = corpus.store.entity_digest(entity["id"])
        assert stored == {**_plain(digest.entities.card(corpus.store, entity["id"])), "mentions": entity["mentions"]}
    for story in corpus.stories():
        head = corpus.story_head(story["id"])
        stored = corpus.store.story_digest(head["id"], "positions")
        assert stored == _plain(digest.part(corpus.store, head, "positions", corpus.settings))


PLANTED = Path(__file__).parents[1] / "claims" / "corpus"  # invented reports with planted contradictions


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    with open_corpus(tmp_path_factory.mktemp("planted") / "planted.db") as c:
        assert c.ingest([PLANTED]).added
        yield c


def _conflicts_read_whole(corpus: Corpus, story_id: str, ids: list[str]) -> list[list[dict[str, Any]]]:
    """The slow path: the contradictions of the clusters ``ids`` (a page) as cards show them, every side of a
    conflict read and clustered again from all its rows."""
    compared = digest.claims.COMPARED
    _, conflicts = summary.clusters(corpus.store.claim_rows([story_id], each=compared), only=set(ids))
    sides = sorted({c.a for c in conflicts} | {c.b for c in conflicts})
    every = summary.clusters(corpus.store.claim_rows([story_id], cluster_ids=sides), only=set())[0] if sides else []
    found = summary.contradictions(every, conflicts)
    return [card["contradicts"] for card in summary.cards([{"id": cid} for cid in ids], {}, found)]


@pytest.mark.parametrize("compared", [1, 2, digest.claims.COMPARED])
def test_a_page_s_contradictions_take_their_sides_from_the_clusters_compared_unless_cut(
    planted: Corpus, monkeypatch: pytest.MonkeyPatch, compared: int
) -> None:
    # The sides of a page's conflicts are the clusters compared (those not cut at COMPARED claims), not read again:
    # the cards are those of every side read whole, whether every cluster was cut, some, or none.
    monkeypatch.setattr(digest.claims, "COMPARED", compared)
    contested = 0
    for story in planted.stories():
        ranked = digest.claims.page_and_clusters(planted.store, story["id"], limit=digest.CLAIMS_KEPT)
        ids = [card["id"] for card in ranked.cards]
        slow = _conflicts_read_whole(planted, story["id"], ids)
        assert [card["contradicts"] for card in ranked.cards] == slow, story["id"]
        contested += sum(bool(c) for c in slow)
    assert contested  # the planted contradictions are shown


def test_a_story_s_positions_worked_out_once_are_those_of_every_set_it_comes_whole_in(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issues are grouped within a story: the positions of a story's rows, kept by the digest's batch, serve every
    # set of stories whose latest statements hold the same rows (an entity's card). Each set's positions are those
    # worked out from its rows alone, whichever sets came before.
    from newsdesk.stances import issues

    store = corpus.store
    rows = store.stance_rows()
    stories = sorted({r["story_id"] for r in rows if r["story_id"]})
    actors = sorted({r["actor_id"] for r in rows})
    sets = [[s] for s in stories] + [sorted(x for x in store.stance_stories([a]) if x) for a in actors] + [stories]
    worked: issues.Worked = {}
    reused = 0
    for latest in (600, 2, None):
        for ids in sets:
            found = store.stance_rows(story_ids=ids, latest=latest)
            before = len(worked)
            fast = issues.positions(found, worked=worked)
            reused += len({r["story_id"] or "" for r in found}) - (len(worked) - before)
            assert _plain(fast) == _plain(issues.positions(store.stance_rows(story_ids=ids, latest=latest)))
    assert reused and len(stories) >= 2, (reused, stories)


def test_the_entities_a_batch_names_are_those_its_mentions_are_linked_to(corpus: Corpus) -> None:
    # The digest stage asks which entities a batch names (read on the index of mentions by article and entity): the
    # entities of every mention of those articles, each once.
    ids = [a["id"] for a in corpus.articles()]
    assert ids
    for some in (ids, ids[:1], ids[::3], []):
        every = {m["entity_id"] for m in corpus.store.query("mentions_in", article_ids=some) if m["entity_id"]}
        assert corpus.store.entities_in(some) == every
    assert corpus.store.entities_in(ids)


def test_an_entity_s_card_from_the_mention_index_is_the_card_the_queries_give(corpus: Corpus) -> None:
    # The index (every linked mention read at once) gives each entity's counts, mention keys (story, date, row,
    # start: an undated article and mentions outside any story included) and co-mentioned entities as the queries
    # do, for every entity of the store, hub or not.
    index = digest.entities.Index(*corpus.store.mention_index())
    entities = corpus.entities()
    assert len(entities) >= 10
    for entity in entities:
        entity_id = entity["id"]
        counts = corpus.store.query("entity_counts", entity_id=entity_id)[0]
        assert index.counts(entity_id) == {k: counts[k] for k in ("mentions", "articles", "stories")}, entity_id
        assert index.keys(entity_id) == corpus.store.query("entity_mention_keys", entity_id=entity_id), entity_id
        for limit in (1, 3, digest.entities.RELATED):
            co = index.co_mentioned(entity_id, limit)
            if co is not None:
                assert co == corpus.store.query("co_mentioned", entity_id=entity_id, limit=limit), entity_id
        with_index = digest.entities.card(corpus.store, entity_id, index=index)
        assert _plain(with_index) == _plain(digest.entities.card(corpus.store, entity_id)), entity_id
    assert index.counts("no-such-entity") == {"mentions": 0, "articles": 0, "stories": 0}
    assert index.keys("no-such-entity") == [] == index.co_mentioned("no-such-entity", 5)


def test_co_mentioned_entities_tied_on_count_and_name_are_left_to_the_query() -> None:
    # Two entities of one name in the same articles: the query gives them in an order of its own, so the index
    # gives None (the card asks the query); below the limit's reach the tie does not matter.
    articles = [("a1", 1, "2026-01-02", "s1"), ("a2", 2, None, "s1"), ("a3", 3, "2026-01-01", None)]
    mentions = [("hub", "a1", 0), ("hub", "a2", 5), ("hub", "a3", 9), ("x", "a1", 10), ("y", "a1", 20)]
    mentions += [("z", "a1", 30), ("z", "a2", 1), ("hub", "a1", 40)]
    names = [("hub", "Hub", "ORG"), ("x", "Smith", "PERSON"), ("y", "Smith", "PERSON"), ("z", "Zed", "PERSON")]
    index = digest.entities.Index(articles, mentions, names)
    assert index.co_mentioned("hub", 1) == [{"id": "z", "name": "Zed", "type": "PERSON", "articles": 2}]
    assert index.co_mentioned("hub", 2) is None  # Smith and Smith, one article each: which comes first is open
    assert index.counts("hub") == {"mentions": 4, "articles": 3, "stories": 1}
    keys = [(k["article_id"], k["start"], k["story_mentions"]) for k in index.keys("hub")]
    assert keys == [("a1", 0, 3), ("a1", 40, 3), ("a2", 5, 3), ("a3", 9, 1)]  # dated first, outside a story last


def test_the_digest_reads_the_mention_index_once_a_run_only_for_a_good_share_of_the_mentions(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest.entities, "FROM", 3)
    read: list[int] = []
    _spied(monkeypatch, corpus, "mention_index", lambda: read.append(1))
    monkeypatch.setattr(digest, "INDEX_FROM", 2.0)  # never: the cards are made by the queries
    corpus.store.reset("digest")
    corpus.analyze()
    assert read == []
    by_queries = {e["id"]: corpus.store.entity_digest(e["id"]) for e in corpus.entities()}
    assert sum(card is not None for card in by_queries.values()) >= 3
    monkeypatch.setattr(digest, "INDEX_FROM", 0.0)
    monkeypatch.setattr(newsdesk.corpus, "_ANALYZE_CHUNK", 2)  # several batches: the index is read by the first
    corpus.store.reset("digest")
    corpus.analyze()
    assert read == [1]
    assert {e["id"]: corpus.store.entity_digest(e["id"]) for e in corpus.entities()} == by_queries


class _Here:
    """An aside (``newsdesk.pipeline.Aside``) that does the work in this process, over a read-only connection of
    its own, as a worker would; or that loses it (its worker died): ``result()`` None."""

    def __init__(self, path: str, *, lost: bool = False) -> None:
        self.path, self.lost = path, lost
        self.given: list[list[str]] = []

    def __call__(self, fn: Any, story_ids: list[str], signatures: dict[str, Any]) -> Any:
        self.given.append(list(story_ids))
        view = Store.read_only(self.path)
        try:
            value = None if self.lost else fn(view, Settings(), story_ids, signatures)
        finally:
            view.close()
        return SimpleNamespace(result=lambda: value)


def test_a_share_of_the_stories_digested_aside_gives_the_same_rows_in_the_same_order(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stage hands a share of a batch's stories to an idle worker (decision 0084), which digests them over a
    # read-only connection of its own with positions of its own: the rows are those of one process, in its order,
    # and a share the worker could not finish is digested here.
    monkeypatch.setattr(digest.entities, "FROM", 3)
    monkeypatch.setattr(digest, "CARD_WEIGHT", 0)  # the demo's many small cards would send every story aside
    batch = list(corpus.store.articles([a["id"] for a in corpus.articles()], extracts=False))
    alone = digest.stage(batch, corpus.store, corpus.settings)[1]
    assert len({row[0] for row in alone["story_digests"]}) >= 2 and alone["entity_digests"]
    for lost in (False, True):
        aside = _Here(corpus.store.path, lost=lost)
        shared = digest.stage(batch, corpus.store, corpus.settings, aside=aside)[1]
        assert shared == alone
        (given,) = aside.given
        assert given and len(given) < len({row[0] for row in alone["story_digests"]})
    # No aside, or one story: every story here.
    aside = _Here(corpus.store.path)
    one = [a for a in batch if a.event_id][:1]
    digest.stage(one, corpus.store, corpus.settings, aside=aside)
    assert aside.given == []


def test_stories_are_shared_by_weight_the_cards_counted_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digest, "STORY_WEIGHT", 20)
    monkeypatch.setattr(digest, "CARD_WEIGHT", 20)
    signatures = {"a": (100, 1), "b": (60, 2), "c": (30, 3), "d": (5, 4)}
    mine, theirs = digest._shares(["a", "b", "c", "d"], signatures, cards=0)
    assert (mine, theirs) == (["a", "d"], ["b", "c"])  # 100+5 against 60+30, with 20 a story
    mine, theirs = digest._shares(["a", "b", "c", "d"], signatures, cards=20)  # 400 of cards here
    assert (mine, theirs) == ([], ["a", "b", "c", "d"])
