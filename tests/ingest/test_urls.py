"""URLs end to end, through ``Corpus.ingest`` and through ``newsdesk ingest --allow-private URL...``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli
from newsdesk.corpus import Corpus
from newsdesk.records import Article, Format
from newsdesk.settings import FetchSettings, Settings
from newsdesk.store import Store

if TYPE_CHECKING:
    from tests.ingest.conftest import LocalServer

WEB = Path(__file__).resolve().parents[1] / "data" / "web"
LOCAL = Settings(fetch=FetchSettings(timeout=5.0, allow_private=True))

# Bad items of a mixed batch: path on the test server (or a whole URL), error type, words of the reason.
BAD = [
    ("/404", "FetchError", "HTTP 404"),
    ("/500", "FetchError", "HTTP 500"),
    ("/binary", "ParseError", "binary file, not text"),
    ("/binary-as-html", "ParseError", "binary file, not text"),
    ("/empty", "ParseError", "empty"),
    ("ftp://127.0.0.1/article.txt", "FetchError", "unsupported URL scheme 'ftp'"),
]
GOOD = ["/article.html", "/article-2.html", "/plain.txt"]


def _url(server: LocalServer, target: str) -> str:
    return target if "://" in target else server.url(target)


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    """A corpus in a database file under tmp_path that may fetch from the local test server."""
    with Corpus(Store(tmp_path / "news.db"), settings=LOCAL) as c:
        yield c


def only(corpus: Corpus) -> Article:
    """The one stored article."""
    articles = list(corpus.store.articles())
    assert len(articles) == 1
    return articles[0]


# -- Corpus.ingest -------------------------------------------------------------------------------


def test_article_page_is_stored_with_its_html_metadata(http_server: LocalServer, corpus: Corpus) -> None:
    url = http_server.url("/article.html")
    report = corpus.ingest([url])
    assert report.failures == ()
    assert len(report.added) == 1

    article = only(corpus)
    assert article.id == report.added[0]
    assert article.title == "Ferry timetable cut as Brackwell pier repairs overrun"
    assert article.outlet == "Brackwell Harbour Gazette"
    assert article.published == "2026-04-09T08:30:00+01:00"
    assert article.byline == "Odile Fenwick"
    assert article.source == url
    assert article.url == "https://brackwellgazette.example/news/2026/04/09/ferry-timetable-cut"  # canonical
    assert article.format is Format.HTML
    assert "corroded piles" in article.text
    assert "All rights reserved" not in article.text


def test_same_url_twice_adds_nothing_the_second_time(http_server: LocalServer, corpus: Corpus) -> None:
    url = http_server.url("/article.html")
    first = corpus.ingest([url])
    second = corpus.ingest([url])
    assert len(first.added) == 1
    assert second.added == ()
    assert second.skipped == first.added
    assert second.failures == ()
    assert corpus.count() == 1


def test_redirect_to_a_stored_article_is_recognised(http_server: LocalServer, corpus: Corpus) -> None:
    first = corpus.ingest([http_server.url("/article.html")])
    second = corpus.ingest([http_server.url("/redirect")])
    assert second.added == ()
    assert second.skipped == first.added
    assert http_server.paths == ["/article.html", "/redirect", "/article.html"]


def test_latin1_page_is_decoded_by_its_declared_charset(http_server: LocalServer, corpus: Corpus) -> None:
    # The served bytes really are ISO-8859-1 (not UTF-8), declared only in the Content-Type header.
    served = (WEB / "latin1.html").read_text(encoding="utf-8").encode("iso-8859-1")
    with pytest.raises(UnicodeDecodeError):
        served.decode("utf-8")

    report = corpus.ingest([http_server.url("/latin1")])
    assert report.failures == ()
    article = only(corpus)
    assert article.title == "Le café du port de Valmeuse rouvre ses portes"
    assert article.outlet == "Écho de Valmeuse"
    assert "Hélène Duprés" in article.text
    assert "« Nous avons gardé le vieux comptoir en zinc" in article.text
    assert "\ufffd" not in article.text


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/xhtml-page.xhtml", "Night trains return to the Arvel line"),  # application/xhtml+xml
        ("/html-as-xml", "Lantern festival returns to Quillon after three-year break"),  # application/xml
    ],
)
def test_page_served_with_an_xml_content_type_is_read_as_a_page(
    http_server: LocalServer, corpus: Corpus, path: str, title: str
) -> None:
    report = corpus.ingest([http_server.url(path)])
    assert report.failures == ()
    article = only(corpus)
    assert article.title == title
    assert article.format is Format.HTML
    assert "<p>" not in article.text


def test_plain_text_url_is_stored_as_text(http_server: LocalServer, corpus: Corpus) -> None:
    report = corpus.ingest([http_server.url("/plain.txt")])
    assert report.failures == ()
    article = only(corpus)
    assert article.format is Format.TEXT
    assert article.title == "Beekeepers report best heather honey year in a decade"
    assert article.url == http_server.url("/plain.txt")


def test_mixed_batch_stores_the_good_and_names_each_bad_item(http_server: LocalServer, corpus: Corpus) -> None:
    bad = [b[0] for b in BAD]
    targets = [_url(http_server, t) for t in [GOOD[0], *bad[:2], GOOD[1], *bad[2:], GOOD[2]]]
    report = corpus.ingest(targets)
    assert len(report.added) == len(GOOD)
    failures = {f.item: f for f in report.failures}
    assert len(report.failures) == len(failures) == len(BAD)
    for target, error, reason in BAD:
        failure = failures[_url(http_server, target)]
        assert (failure.stage, failure.error) == ("ingest", error)
        assert reason in failure.message
    assert {a.title for a in corpus.store.articles()} == {
        "Ferry timetable cut as Brackwell pier repairs overrun",
        "Lantern festival returns to Quillon after three-year break",
        "Beekeepers report best heather honey year in a decade",
    }
    assert sorted(f.item for f in corpus.failures(last_run=True)) == sorted(failures)


def test_private_url_is_refused_without_the_flag_and_the_rest_goes_on(http_server: LocalServer, tmp_path: Path) -> None:
    url = http_server.url("/article.html")
    with Corpus(Store(tmp_path / "news.db"), settings=Settings(fetch=FetchSettings(timeout=5.0))) as corpus:
        report = corpus.ingest([url, WEB / "article-2.html"])
        titles = [a.title for a in corpus.store.articles()]
    assert titles == ["Lantern festival returns to Quillon after three-year break"]
    assert [(f.item, f.error) for f in report.failures] == [(url, "FetchError")]
    assert "non-public address 127.0.0.1" in report.failures[0].message
    assert "--allow-private" in report.failures[0].message
    assert http_server.requests == []


# -- the CLI -------------------------------------------------------------------------------------


def _failed_lines(stderr: str) -> dict[str, str]:
    lines = [line for line in stderr.splitlines() if line.startswith("failed ")]
    parsed = dict(line.removeprefix("failed ").split(": ", 1) for line in lines)
    assert len(parsed) == len(lines), f"an item failed twice: {lines}"
    return parsed


def test_cli_ingests_urls_with_allow_private(http_server: LocalServer, home: Path) -> None:
    db = home / "news.db"
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "ingest", "--allow-private", http_server.url("/article.html"), http_server.url("/feed.xml")],
    )
    assert result.exit_code == 0, result.output
    assert "3 added, 0 already stored, 0 failed." in result.stderr
    assert "failed " not in result.stderr

    listed = CliRunner().invoke(cli, ["--db", str(db), "articles", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert {r["title"] for r in rows} == {
        "Ferry timetable cut as Brackwell pier repairs overrun",
        "Cranes idle at Port Hollin as wind warning holds",
        "New dredger arrives to deepen the Hollin channel",
    }


def test_cli_mixed_batch_exits_3_with_one_line_per_failure(http_server: LocalServer, home: Path) -> None:
    db = home / "news.db"
    targets = [_url(http_server, t) for t in GOOD + [b[0] for b in BAD]]
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "--allow-private", *targets])
    assert result.exit_code == 3, result.output
    failed = _failed_lines(result.stderr)
    assert set(failed) == {_url(http_server, b[0]) for b in BAD}
    for target, _error, reason in BAD:
        assert reason in failed[_url(http_server, target)]
    assert f"{len(GOOD)} added, 0 already stored, {len(BAD)} failed." in result.stderr
    assert "newsdesk failures --run " in result.stderr
    with Store(db) as store:
        assert store.count() == len(GOOD)


def test_cli_refuses_loopback_without_allow_private(http_server: LocalServer, home: Path) -> None:
    db = home / "news.db"
    url = http_server.url("/article.html")
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", url, str(WEB / "article-2.html")])
    assert result.exit_code == 3, result.output
    failed = _failed_lines(result.stderr)
    assert list(failed) == [url]
    assert "non-public address 127.0.0.1" in failed[url]
    assert "--allow-private" in failed[url]
    assert "1 added, 0 already stored, 1 failed." in result.stderr
    assert http_server.requests == []
