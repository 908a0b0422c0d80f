"""Regression tests for reviewed bugs: feeds that name a URL or path, code pages, malformed URLs, IPv4 hidden
in IPv6, servers that drip, and feed dates.

Everything goes to the local test server on 127.0.0.1, or nowhere: refused addresses use a fake resolver and a
client whose transport fails the test if it is asked to send anything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import httpx
import pytest

from newsdesk.corpus import Corpus
from newsdesk.errors import FetchError, ParseError
from newsdesk.ingest import Item, feeds, html, read, text
from newsdesk.ingest.fetch import check_url, fetch
from newsdesk.records import Draft
from newsdesk.settings import FetchSettings, Settings
from newsdesk.store import Store
from tests.ingest.test_fetch import PUBLIC_ADDRESS, fake_resolver

if TYPE_CHECKING:
    from tests.ingest.conftest import LocalServer

WEB = Path(__file__).resolve().parents[1] / "data" / "web"
LOCAL = Settings(fetch=FetchSettings(timeout=5.0, allow_private=True))
STRICT = Settings(fetch=FetchSettings(timeout=5.0))

ARTICLE = (
    "Orsa dam talks resume in Vessa\n\n"
    "Negotiators from both countries met again on Monday to discuss summer flows on the river, "
    "officials said, after weeks of silence.\n"
)


def _no_traffic(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"refused URLs must not be requested, but {request.url} was")


@pytest.fixture
def guard() -> Iterator[httpx.Client]:
    """A client that fails the test if fetch() sends anything at all."""
    with httpx.Client(transport=httpx.MockTransport(_no_traffic)) as client:
        yield client


def _corpus(tmp_path: Path, settings: Settings) -> Corpus:
    return Corpus(Store(tmp_path / "news.db"), settings=settings)


# -- H1: a feed file holding a URL or a path is not a feed, and feedparser never fetches or opens it -----------


@pytest.mark.parametrize("settings", [STRICT, LOCAL], ids=["default", "allow-private"])
@pytest.mark.parametrize("name", ["evil.xml", "evil.rss"])
def test_review_h1_feed_file_holding_only_a_url_is_not_fetched(
    http_server: LocalServer, tmp_path: Path, settings: Settings, name: str
) -> None:
    evil = tmp_path / name
    evil.write_text(http_server.url("/feed-full.xml"), encoding="utf-8")
    with _corpus(tmp_path, settings) as corpus:
        report = corpus.ingest([evil])
        assert corpus.count() == 0
    assert report.added == ()
    assert [(f.item, f.error) for f in report.failures] == [(str(evil), "ParseError")]
    assert "not an RSS or Atom feed" in report.failures[0].message
    assert http_server.requests == []


def test_review_h1_feed_file_holding_only_a_local_path_is_not_opened(tmp_path: Path) -> None:
    real = tmp_path / "real-feed.xml"
    real.write_bytes((WEB / "atom.xml").read_bytes())
    evil = tmp_path / "evil.xml"
    evil.write_text(str(real), encoding="utf-8")
    with _corpus(tmp_path, LOCAL) as corpus:
        report = corpus.ingest([evil])
        assert corpus.count() == 0  # none of the real feed's items
    assert [(f.item, f.error) for f in report.failures] == [(str(evil), "ParseError")]
    assert "not an RSS or Atom feed" in report.failures[0].message


@pytest.mark.parametrize("content", ["http://127.0.0.1:9/feed.xml", "/etc/passwd", "file:///etc/passwd"])
def test_review_h1_entries_refuses_anything_that_does_not_start_like_a_feed(content: str) -> None:
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        list(feeds.entries(content, source="evil.xml"))


def test_review_h1_url_served_as_a_feed_type_but_holding_a_url_is_not_followed(
    http_server: LocalServer, tmp_path: Path
) -> None:
    # Declared application/rss+xml, but the body is only the URL of a real feed on the same server.
    url = http_server.url("/url-only.xml")
    with _corpus(tmp_path, LOCAL) as corpus:
        report = corpus.ingest([url])
        assert corpus.count() == 0
    assert [(f.item, f.error) for f in report.failures] == [(url, "ParseError")]
    assert "not an RSS or Atom feed" in report.failures[0].message
    assert http_server.paths == ["/url-only.xml"]


def test_review_h1_feeds_with_a_bom_stylesheet_or_doctype_still_look_like_feeds() -> None:
    assert feeds.looks_like_feed('\ufeff<?xml version="1.0"?><rss version="2.0">')
    assert feeds.looks_like_feed('<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<rss version="2.0">')
    assert feeds.looks_like_feed('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//x//y" "z.dtd"><rss>')
    assert not feeds.looks_like_feed("<!DOCTYPE html><html><body><p>rss</p></body></html>")


# -- H2: Central European, Cyrillic and Greek code pages are not read as Windows-1252 --------------------------

RUSSIAN = (
    "Городской совет во вторник проголосовал за закрытие старого моста через реку. "
    "Инженеры предупредили, что опоры моста сильно повреждены коррозией и ремонт невозможен. "
    "По словам мэра, новый мост построят через два года, а до тех пор жители будут ездить на автобусе.\n"
)
POLISH = (
    "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu na rzece. "
    "Inżynierowie ostrzegli, że podpory mostu są mocno skorodowane i naprawa nie jest już możliwa. "
    "Według burmistrza nowy most powstanie za dwa lata, a do tego czasu mieszkańcy będą jeździć autobusem.\n"
)
GREEK = (
    "Το δημοτικό συμβούλιο ψήφισε την Τρίτη το κλείσιμο της παλιάς γέφυρας του ποταμού. "
    "Οι μηχανικοί προειδοποίησαν ότι τα βάθρα της γέφυρας έχουν διαβρωθεί σοβαρά "
    "και η επισκευή δεν είναι πια δυνατή. "
    "Σύμφωνα με τη δήμαρχο, η νέα γέφυρα θα χτιστεί σε δύο χρόνια "
    "και μέχρι τότε οι κάτοικοι θα μετακινούνται με λεωφορείο.\n"
)


@pytest.mark.parametrize(
    ("sample", "encoding", "words"),
    [
        (RUSSIAN, "cp1251", "проголосовал за закрытие"),
        (POLISH, "cp1250", "Inżynierowie ostrzegli, że"),
        (GREEK, "cp1253", "δημοτικό συμβούλιο ψήφισε"),
    ],
    ids=["russian-cp1251", "polish-cp1250", "greek-cp1253"],
)
def test_review_h2_non_western_code_pages_decode_to_the_right_characters(
    tmp_path: Path, sample: str, encoding: str, words: str
) -> None:
    data = sample.encode(encoding)
    assert text.decode(data, item="sample.txt") == sample
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)
    with _corpus(tmp_path, LOCAL) as corpus:
        report = corpus.ingest([path])
        assert report.failures == ()
        assert words in corpus.article(report.added[0]).text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_review_h2_western_text_still_prefers_cp1252(encoding: str) -> None:
    sample = ARTICLE.replace("Vessa", "Vessà déjà") + "The minister said \u201cno\u201d.\n" * (encoding == "cp1252")
    assert text.decode(sample.encode(encoding), item="sample.txt") == sample


# -- H3: malformed URLs are one clear failure, never a traceback that ends the batch ---------------------------

MALFORMED = ["http://[::1/x", "http://example.com:99999/"]


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("url", MALFORMED)
def test_review_h3_malformed_url_is_a_fetch_error(url: str, allow_private: bool, guard: httpx.Client) -> None:
    resolve = fake_resolver({})
    with pytest.raises(FetchError, match="malformed URL") as caught:
        check_url(url, allow_private=allow_private, resolve=resolve)
    assert caught.value.item == url
    with pytest.raises(FetchError, match="malformed URL"):
        fetch(url, FetchSettings(allow_private=allow_private), client=guard, resolve=resolve)
    assert resolve.asked == []


def test_review_h3_url_that_httpx_refuses_is_a_fetch_error(guard: httpx.Client) -> None:
    # Passes check_url (with --allow-private nothing is resolved), but httpx will not build a request from it.
    url = "http://news\x00.example/a"
    with pytest.raises(FetchError, match="malformed URL") as caught:
        fetch(url, FetchSettings(allow_private=True), client=guard)
    assert caught.value.item == url


def test_review_h3_malformed_url_targets_fail_alone(http_server: LocalServer, tmp_path: Path) -> None:
    good = http_server.url("/article.html")
    with _corpus(tmp_path, LOCAL) as corpus:
        report = corpus.ingest([MALFORMED[0], good, MALFORMED[1]])
        assert corpus.count() == 1
    assert len(report.added) == 1
    assert sorted((f.item, f.error) for f in report.failures) == sorted((u, "FetchError") for u in MALFORMED)
    assert all("malformed URL" in f.message for f in report.failures)
    assert http_server.paths == ["/article.html"]


def test_review_h3_malformed_feed_item_links_fail_alone(http_server: LocalServer, tmp_path: Path) -> None:
    with _corpus(tmp_path, LOCAL) as corpus:
        report = corpus.ingest([http_server.url("/feed-bad-links.xml")])
        titles = [a.title for a in corpus.store.articles()]
    assert titles == ["Cranes idle at Port Hollin as wind warning holds"]
    assert sorted((f.item, f.error) for f in report.failures) == sorted((u, "FetchError") for u in MALFORMED)
    assert all("malformed URL" in f.message for f in report.failures)
    assert http_server.paths == ["/feed-bad-links.xml", "/summary-cranes.html"]


def _crash(*args: object, **kwargs: object) -> NoReturn:
    raise RuntimeError("boom")


def test_review_h3_unexpected_exception_is_one_failure_logged_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>" + ARTICLE + "</p></article></body></html>", encoding="utf-8")
    monkeypatch.setattr(html, "draft", _crash)
    with caplog.at_level(logging.ERROR, logger="newsdesk.ingest"):
        got = list(read(Item(str(page)), LOCAL))
    assert len(got) == 1
    error = got[0]
    assert isinstance(error, ParseError)
    assert error.item == str(page)
    assert "internal error while reading: RuntimeError: boom; please report it" in str(error)
    assert any(r.exc_info and "internal error" in r.getMessage() for r in caplog.records)


def test_review_h3_unexpected_exception_costs_only_its_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>x</p></article></body></html>", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(html, "draft", _crash)
    with _corpus(tmp_path, LOCAL) as corpus:
        report = corpus.ingest([page, plain])
        assert corpus.count() == 1
    assert [(f.item, f.error) for f in report.failures] == [(str(page), "ParseError")]
    assert "please report it" in report.failures[0].message


# -- M6: IPv4 addresses embedded in IPv6 are checked too ------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "embedded"),
    [
        ("::ffff:127.0.0.1", "127.0.0.1"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "10.0.0.1"),
        ("2002:7f00:1::", "127.0.0.1"),  # 6to4
        ("2002:a9fe:a9fe::", "169.254.169.254"),
        ("64:ff9b::a00:1", "10.0.0.1"),  # NAT64
        ("64:ff9b::7f00:1", "127.0.0.1"),
        ("::127.0.0.1", "127.0.0.1"),  # IPv4-compatible
        ("::c0a8:101", "192.168.1.1"),
    ],
)
def test_review_m6_ipv6_carrying_a_private_ipv4_is_refused(address: str, embedded: str, guard: httpx.Client) -> None:
    resolve = fake_resolver({"sneaky.example": [address]})
    with pytest.raises(FetchError, match="non-public address") as caught:
        fetch("http://sneaky.example/", FetchSettings(), client=guard, resolve=resolve)
    assert embedded in str(caught.value)
    assert "--allow-private" in caught.value.hint
    # An IP literal in the URL is checked the same way.
    with pytest.raises(FetchError, match="non-public address"):
        check_url(f"http://[{address}]/", resolve=fake_resolver({}))


@pytest.mark.parametrize("address", ["2002:5db8:d822::", "64:ff9b::5db8:d822", PUBLIC_ADDRESS])
def test_review_m6_ipv6_carrying_a_public_ipv4_is_accepted(address: str) -> None:
    check_url("http://fine.example/", resolve=fake_resolver({"fine.example": [address]}))


# -- M7: a server that drips bytes cannot hold a fetch longer than the timeout --------------------------------


def test_review_m7_dripping_server_hits_the_total_deadline(http_server: LocalServer) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"took longer than 1 s in total") as caught:
        fetch(http_server.url("/drip"), FetchSettings(timeout=1.0, allow_private=True))
    elapsed = time.monotonic() - start
    assert 1.0 <= elapsed < 2.5
    assert "timeout" in caught.value.hint
    assert caught.value.item == http_server.url("/drip")


# -- L2: a feed item's update date is not its publication date ------------------------------------------------

ATOM_UPDATED_ONLY = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Orlen Highlands Bulletin</title>
  <id>urn:uuid:6d0b7c1e-0000-4000-8000-0000000000b1</id>
  <updated>2026-11-02T12:00:00Z</updated>
  <entry>
    <title>Ferry resumes after the storm</title>
    <id>urn:uuid:6d0b7c1e-0000-4000-8000-0000000000b2</id>
    <updated>2026-11-02T11:30:00Z</updated>
    <content type="html">&lt;p&gt;The lake ferry sailed again after three days tied up at the quay.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Pass reopens</title>
    <id>urn:uuid:6d0b7c1e-0000-4000-8000-0000000000b3</id>
    <updated>2026-11-05T08:00:00Z</updated>
    <published>2026-11-04T18:00:00Z</published>
    <content type="html">&lt;p&gt;The Orlen pass reopened to cars fitted with chains.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_review_l2_feed_published_comes_only_from_the_published_field() -> None:
    drafts = list(feeds.entries(ATOM_UPDATED_ONLY, source="bulletin.atom"))
    assert all(isinstance(d, Draft) for d in drafts)
    published = {d.title: d.published for d in drafts if isinstance(d, Draft)}
    assert published == {"Ferry resumes after the storm": None, "Pass reopens": "2026-11-04T18:00:00+00:00"}
