"""Feeds fetched over HTTP: summary-only items fetch their pages, full items do not, bad feeds and pages fail alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsdesk.corpus import Corpus
from newsdesk.records import Article, Format
from newsdesk.settings import FetchSettings, IngestSettings, Settings
from newsdesk.store import Store

if TYPE_CHECKING:
    from tests.ingest.conftest import LocalServer

LOCAL = Settings(fetch=FetchSettings(timeout=5.0, allow_private=True))


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    """A corpus in a database file under tmp_path that may fetch from the local test server."""
    with Corpus(Store(tmp_path / "news.db"), settings=LOCAL) as c:
        yield c


def stored(corpus: Corpus) -> dict[str, Article]:
    """Every stored article by title."""
    return {a.title or "": a for a in corpus.store.articles()}


def test_summary_feed_fetches_each_items_page(http_server: LocalServer, corpus: Corpus) -> None:
    report = corpus.ingest([http_server.url("/feed.xml")])
    assert report.failures == ()
    assert len(report.added) == 2
    assert http_server.paths == ["/feed.xml", "/summary-cranes.html", "/summary-dredger.html"]

    articles = stored(corpus)
    cranes = articles["Cranes idle at Port Hollin as wind warning holds"]
    dredger = articles["New dredger arrives to deepen the Hollin channel"]
    # The text is the page's, not the feed's one-line summary.
    assert "anemometer" in cranes.text
    assert "Six cranes stand idle" not in cranes.text
    assert "mussel beds" in dredger.text
    assert cranes.source == http_server.url("/summary-cranes.html")
    assert cranes.url == http_server.url("/summary-cranes.html")
    assert cranes.format is Format.HTML
    # The pages state no date and no author: the feed's fill those gaps.
    assert cranes.published == "2026-03-02T10:15:00+00:00"
    assert dredger.published == "2026-03-03T07:45:00+00:00"
    assert cranes.byline == dredger.byline == "Ines Talbot"
    # The pages name no site, so the feed's title is a better outlet than the host the extractor falls back on.
    assert cranes.outlet == dredger.outlet == "Marrow Coast Shipping Wire"


def test_summary_feed_without_fetching_pages_names_each_item(http_server: LocalServer, tmp_path: Path) -> None:
    settings = Settings(fetch=LOCAL.fetch, ingest=IngestSettings(fetch_feed_pages=False))
    with Corpus(Store(tmp_path / "news.db"), settings=settings) as corpus:
        report = corpus.ingest([http_server.url("/feed.xml")])
    assert report.added == ()
    assert [f.item for f in report.failures] == [
        http_server.url("/summary-cranes.html"),
        http_server.url("/summary-dredger.html"),
    ]
    assert all("only a summary" in f.message and "fetch_feed_pages" in f.message for f in report.failures)
    assert http_server.paths == ["/feed.xml"]


def test_full_content_feed_is_stored_without_fetching_pages(http_server: LocalServer, corpus: Corpus) -> None:
    report = corpus.ingest([http_server.url("/feed-full.xml")])
    assert report.failures == ()
    assert len(report.added) == 2
    assert http_server.paths == ["/feed-full.xml"]  # no page requests

    articles = stored(corpus)
    library = articles["Fenmoor library extends opening hours for exam season"]
    assert library.format is Format.FEED
    assert library.outlet == "Fenmoor Valley Courier"
    assert library.byline == "Ruth Addington"
    assert library.published == "2026-05-13T09:00:00+00:00"
    assert library.url == http_server.url("/pages/library-hours.html")
    assert "rowing club" in library.text
    assert "Bridge over the Fen reopens to cyclists" in articles


def test_atom_feed(http_server: LocalServer, corpus: Corpus) -> None:
    report = corpus.ingest([http_server.url("/atom.xml")])
    assert report.failures == ()
    assert len(report.added) == 2
    assert http_server.paths == ["/atom.xml"]

    snow = stored(corpus)["Snow closes the Orlen pass a fortnight early"]
    assert snow.outlet == "Orlen Highlands Bulletin"
    assert snow.byline == "Tomas Greer"
    assert snow.published == "2026-11-02T11:00:00+00:00"
    assert snow.url == "https://orlenbulletin.example/2026/11/02/pass-closed"
    assert "marker poles" in snow.text


def test_malformed_feed_is_one_failure_and_other_targets_go_on(http_server: LocalServer, corpus: Corpus) -> None:
    broken = http_server.url("/broken-feed.xml")
    report = corpus.ingest([broken, http_server.url("/article.html"), http_server.url("/atom.xml")])
    assert len(report.added) == 3
    assert len(report.failures) == 1
    failure = report.failures[0]
    assert failure.item == broken
    assert failure.error == "ParseError"
    assert "malformed feed" in failure.message
    assert corpus.failures(last_run=True) == [failure]


def test_feed_item_whose_page_is_missing_fails_alone(http_server: LocalServer, corpus: Corpus) -> None:
    report = corpus.ingest([http_server.url("/feed-missing.xml")])
    assert len(report.added) == 2
    assert [(f.item, f.error) for f in report.failures] == [(http_server.url("/gone/pilot-boat.html"), "FetchError")]
    assert "HTTP 404" in report.failures[0].message
    assert set(stored(corpus)) == {
        "Cranes idle at Port Hollin as wind warning holds",
        "New dredger arrives to deepen the Hollin channel",
    }
    assert http_server.paths == [
        "/feed-missing.xml",
        "/summary-cranes.html",
        "/gone/pilot-boat.html",
        "/summary-dredger.html",
    ]


def test_feed_item_pages_obey_the_private_address_rule(http_server: LocalServer, tmp_path: Path) -> None:
    # The feed itself is refused first, so nothing of it (and none of its pages) is requested.
    with Corpus(Store(tmp_path / "news.db"), settings=Settings(fetch=FetchSettings(timeout=5.0))) as corpus:
        report = corpus.ingest([http_server.url("/feed.xml")])
    assert report.added == ()
    assert len(report.failures) == 1
    assert "--allow-private" in report.failures[0].message
    assert http_server.requests == []


def test_same_feed_twice_adds_nothing_new(http_server: LocalServer, corpus: Corpus) -> None:
    first = corpus.ingest([http_server.url("/feed.xml")])
    second = corpus.ingest([http_server.url("/feed.xml")])
    assert len(first.added) == 2
    assert second.added == ()
    assert sorted(second.skipped) == sorted(first.added)
    assert corpus.count() == 2
