"""No code path fetches from a private address without ``allow_private``: regression tests for SSRF.

Every test points its bait at the local test server on 127.0.0.1, which records each request it receives, and
asserts it received none: pages that start with or link to its URL (htmldate downloads a string that looks
like a URL), feeds whose text is its URL or whose items link to it, redirects to it, and a name that answers a
public address when checked and 127.0.0.1 when connected to (DNS rebinding). Public-looking names only ever
reach a fake resolver or a mock transport; nothing here sends traffic beyond 127.0.0.1.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpcore
import httpx
import pytest

from newsdesk import ingest
from newsdesk.corpus import Corpus
from newsdesk.errors import FetchError, IngestError, ParseError
from newsdesk.ingest import html
from newsdesk.ingest.fetch import fetch
from newsdesk.records import Draft
from newsdesk.settings import FetchSettings, IngestSettings, Settings
from tests.ingest.test_fetch import PUBLIC_ADDRESS, fake_resolver

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsdesk.store import Store
    from tests.ingest.conftest import LocalServer

PAGE_BAITS = ["starts-with-url", "starts-with-url-and-spaces", "meta-refresh", "base-href", "canonical", "og-url"]
WORDS = "\n".join(["The", "harbour", "board", "voted", "on", "Tuesday", "to", "close", "the", "old", "pier."] * 12)


def spaceless_page(head_extra: str = "", prefix: str = "") -> str:
    """An article page without a single space (htmldate's test for "this string is a URL")."""
    return (
        f"{prefix}<html><head><title>Pier\nclosed</title>{head_extra}</head>"
        f"<body><article><p>{WORDS}</p><p>{WORDS}</p></article></body></html>"
    )


def baits(server: LocalServer) -> dict[str, str]:
    """HTML pages that each carry the local server's URL where some library might follow it."""
    target = server.url("/article.html")
    return {
        "starts-with-url": spaceless_page(prefix=target),
        "starts-with-url-and-spaces": f"{target}<html><body><article><p>{WORDS.replace(chr(10), ' ')}</p></article>"
        "</body></html>",
        "meta-refresh": spaceless_page(f'<meta\nhttp-equiv="refresh"\ncontent="0;url={target}">'),
        "base-href": spaceless_page(f'<base\nhref="{server.base}/">'),
        "canonical": spaceless_page(f'<link\nrel="canonical"\nhref="{target}">'),
        "og-url": spaceless_page(f'<meta\nproperty="og:url"\ncontent="{target}">'),
        "url-alone": target,
    }


def read_all(target: str, settings: Settings | None = None, **kwargs: Any) -> list[Draft | IngestError]:
    item = ingest.Item(target, is_url="://" in target[:12])
    return list(ingest.read(item, settings or Settings(), **kwargs))


def assert_named(results: list[Draft | IngestError]) -> None:
    """Each result is a draft or a named ingest error (never an internal error)."""
    for got in results:
        assert isinstance(got, Draft | IngestError)
        assert "internal error" not in str(got), got


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """socket.getaddrinfo answers only IP literals; any name is an error, so no test makes a real DNS query."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(str(host))
        if str(host) in {"127.0.0.1", "::1"}:
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, f"no DNS in tests: {host}")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


# -- HTML: files and fetched pages ---------------------------------------------------------------


@pytest.mark.parametrize("name", [*PAGE_BAITS, "url-alone"])
def test_issue_ssrf_html_files_never_fetch(http_server: LocalServer, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.html"
    path.write_text(baits(http_server)[name], encoding="utf-8")
    results = read_all(str(path))
    assert http_server.requests == []
    assert results
    assert_named(results)
    for got in results:
        if isinstance(got, Draft):
            # Nothing from the loopback page (its date, its title) leaked in.
            assert got.published != "2026-04-09T08:30:00+01:00"
            assert "Ferry" not in (got.title or "")


@pytest.mark.parametrize("name", PAGE_BAITS)
def test_issue_ssrf_fetched_pages_never_fetch_what_they_name(http_server: LocalServer, name: str) -> None:
    # The page comes from a public-looking name (mock transport); what it names is the loopback server.
    body = baits(http_server)[name].encode()
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=body, headers={"content-type": "text/html"})
    )
    resolve = fake_resolver({"news.example": [PUBLIC_ADDRESS]})
    with httpx.Client(transport=transport) as client:
        results = read_all("https://news.example/story", client=client, resolve=resolve)
    assert http_server.requests == []
    assert_named(results)
    assert resolve.asked == ["news.example"]


def test_the_parsed_tree_is_what_reaches_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever the page says, htmldate is handed an lxml tree, never a string it could download.
    seen: list[type] = []
    real = html.htmldate.find_date

    def find_date(htmlobject: Any, **kwargs: Any) -> Any:
        seen.append(type(htmlobject))
        return real(htmlobject, **kwargs)

    monkeypatch.setattr(html.htmldate, "find_date", find_date)
    html.draft(spaceless_page(prefix="http://127.0.0.1:9/x"), source="bait.html")
    assert seen
    assert all(kind is not str and kind is not bytes for kind in seen)


# -- feeds -------------------------------------------------------------------------------------


def loopback_feed(server: LocalServer) -> str:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Bait</title><link>{server.base}/</link>
<item><title>Summary only</title><link>{server.url("/article.html")}</link><description>Short.</description></item>
<item><title>Redirecting</title><link>{server.url("/redirect")}</link></item>
</channel></rss>"""


def entity_feed(server: LocalServer) -> str:
    # An external entity: an XML parser that resolves it would GET the loopback URL.
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY bait SYSTEM "{server.url("/plain.txt")}">]>
<rss version="2.0"><channel><title>Bait &bait;</title>
<item><title>One</title><description>&bait; The harbour board voted to close the old pier.</description></item>
</channel></rss>"""


@pytest.mark.parametrize("fetch_feed_pages", [True, False])
@pytest.mark.parametrize("kind", ["items-link-to-loopback", "text-is-a-url", "external-entity"])
def test_issue_ssrf_feeds_never_fetch(
    http_server: LocalServer, tmp_path: Path, kind: str, fetch_feed_pages: bool
) -> None:
    content = {
        "items-link-to-loopback": loopback_feed(http_server),
        "text-is-a-url": http_server.url("/feed.xml"),
        "external-entity": entity_feed(http_server),
    }[kind]
    path = tmp_path / "feed.xml"
    path.write_text(content, encoding="utf-8")
    settings = Settings(ingest=IngestSettings(fetch_feed_pages=fetch_feed_pages))
    results = read_all(str(path), settings)
    assert http_server.requests == []
    assert_named(results)
    if kind == "items-link-to-loopback":
        errors = [r for r in results if isinstance(r, IngestError)]
        assert len(errors) == 2
        if fetch_feed_pages:
            assert all(isinstance(e, FetchError) and "non-public address 127.0.0.1" in str(e) for e in errors)
    if kind == "text-is-a-url":
        assert [type(r) for r in results] == [ParseError]


# -- fetching: redirects and DNS rebinding --------------------------------------------------------


@pytest.mark.parametrize("location", ["loopback-literal", "name-for-loopback"])
def test_issue_ssrf_redirects_to_loopback_are_refused(
    http_server: LocalServer, no_dns: list[str], location: str
) -> None:
    target = {
        "loopback-literal": http_server.url("/article.html"),
        "name-for-loopback": f"http://intranet.example:{http_server.port}/article.html",
    }[location]
    transport = httpx.MockTransport(lambda request: httpx.Response(302, headers={"location": target}))
    resolve = fake_resolver({"news.example": [PUBLIC_ADDRESS], "intranet.example": ["127.0.0.1"]})
    with httpx.Client(transport=transport) as client:
        results = read_all("https://news.example/story", client=client, resolve=resolve)
    assert http_server.requests == []
    assert [type(r) for r in results] == [FetchError]
    assert "non-public address 127.0.0.1" in str(results[0])


def rebinding_resolver() -> Callable[..., list[tuple[Any, ...]]]:
    """A name that answers a public address on the first lookup and 127.0.0.1 on every later one."""
    answers: list[str] = []

    def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        if str(host) in {"127.0.0.1", PUBLIC_ADDRESS}:
            address = str(host)
        else:
            address = PUBLIC_ADDRESS if not answers else "127.0.0.1"
            answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port or 80)))]

    resolve.answers = answers  # type: ignore[attr-defined]
    return resolve


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host httpcore's socket backend is asked to connect to; the public test address is refused there."""
    real = httpcore.SyncBackend.connect_tcp
    hosts: list[str] = []

    def connect_tcp(self: httpcore.SyncBackend, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        hosts.append(host)
        if host == PUBLIC_ADDRESS:  # never let a test reach a real public address
            raise httpcore.ConnectError(f"test: no traffic to {host}")
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return hosts


def test_issue_ssrf_dns_rebinding_connects_to_the_checked_address(
    http_server: LocalServer, monkeypatch: pytest.MonkeyPatch, connections: list[str]
) -> None:
    # The same rebinding answer for newsdesk's check and for any lookup made when connecting.
    resolve = rebinding_resolver()
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    url = f"http://rebind.example:{http_server.port}/article.html"
    with pytest.raises(FetchError, match="could not connect"):
        fetch(url, FetchSettings(timeout=5.0), resolve=resolve)
    assert http_server.requests == []
    assert connections == [PUBLIC_ADDRESS]  # the address that was checked, not a second answer
    assert resolve.answers == [PUBLIC_ADDRESS]  # type: ignore[attr-defined]


def test_issue_ssrf_dns_rebinding_through_ingest(
    http_server: LocalServer, monkeypatch: pytest.MonkeyPatch, connections: list[str]
) -> None:
    resolve = rebinding_resolver()
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    results = read_all(f"http://rebind.example:{http_server.port}/redirect", resolve=resolve)
    assert http_server.requests == []
    assert [type(r) for r in results] == [FetchError]
    assert "127.0.0.1" not in connections


def test_allow_private_connects_to_the_pinned_address(http_server: LocalServer, no_dns: list[str]) -> None:
    # The name resolves only through the fake resolver (real lookups fail, see no_dns): fetching succeeds
    # only if the connection goes to the address that resolver gave. The Host header still names the host.
    resolve = fake_resolver({"pinned.example": ["127.0.0.1"]})
    url = f"http://pinned.example:{http_server.port}/redirect"
    got = fetch(url, FetchSettings(timeout=5.0, allow_private=True), resolve=resolve)
    assert b"Ferry timetable cut" in got.content
    assert http_server.paths == ["/redirect", "/article.html"]
    assert {r.headers["host"] for r in http_server.requests} == {f"pinned.example:{http_server.port}"}
    assert resolve.asked == ["pinned.example", "pinned.example"]  # once per hop
    assert "pinned.example" not in no_dns


def test_without_allow_private_the_pinned_name_is_refused(http_server: LocalServer, no_dns: list[str]) -> None:
    resolve = fake_resolver({"pinned.example": ["127.0.0.1"]})
    with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.1"):
        fetch(f"http://pinned.example:{http_server.port}/", FetchSettings(timeout=5.0), resolve=resolve)
    assert http_server.requests == []


# -- through the public API ----------------------------------------------------------------------


@pytest.mark.parametrize("analyze", [False, True])
def test_issue_ssrf_corpus_ingest_never_fetches(
    http_server: LocalServer, store: Store, tmp_path: Path, no_dns: list[str], analyze: bool
) -> None:
    for name, page in baits(http_server).items():
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
    (tmp_path / "feed.xml").write_text(loopback_feed(http_server), encoding="utf-8")
    (tmp_path / "entity.xml").write_text(entity_feed(http_server), encoding="utf-8")
    (tmp_path / "url.rss").write_text(http_server.url("/feed.xml"), encoding="utf-8")
    corpus = Corpus(store)
    report = corpus.ingest([tmp_path, http_server.url("/article.html"), http_server.url("/feed.xml")], analyze=analyze)
    assert http_server.requests == []
    messages = [f.message for f in report.failures]
    assert not any("internal error" in m for m in messages), messages
    assert sum("non-public address 127.0.0.1" in m for m in messages) == 4  # 2 URLs, 2 feed items
    assert report.added  # the pages that are articles are ingested, without fetching
    for article in corpus.articles():
        assert article["published"] != "2026-04-09T08:30:00+01:00"


# -- pathological HTML ---------------------------------------------------------------------------


def page_with(body: str) -> str:
    return f"<html><head><title>Pier closed</title></head><body><article><p>{WORDS}</p></article>{body}</body></html>"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("".join(f'<span class="c{i}">w</span>' for i in range(100_000)), "100,0"),
        ("<div " + " ".join(f'a{i}="v"' for i in range(100_000)) + ">x</div>", "attribute names and values"),
        ("<div " + " ".join(f"a{i}" for i in range(100_000)) + ">x</div>", "attribute names and values"),
        # A '>' inside a value does not end the tag: libxml2 reads a quote only after '='.
        ('<div x" a=">" ' + " ".join(f"b{i}" for i in range(100_000)) + ">x</div>", "attribute names and values"),
        ("".join("<i " + " ".join(f'a{j}="v"' for j in range(12)) + ">w</i>" for _ in range(19_000)), "attributes"),
    ],
    ids=["many-elements", "attribute-bomb", "bare-attribute-bomb", "quoted-gt", "many-attributes"],
)
def test_issue_pathological_html_is_refused_quickly(body: str, message: str) -> None:
    started = time.process_time()
    with pytest.raises(ParseError, match="too complex") as caught:
        html.draft(page_with(body), source="bomb.html")
    assert message in str(caught.value)
    assert ".txt" in caught.value.hint
    assert time.process_time() - started < 5.0  # before the limits: 20 s to several minutes


def test_a_page_near_the_limits_is_extracted() -> None:
    body = "".join(f'<span class="c{i}">w</span>' for i in range(html.MAX_ELEMENTS - 100))
    body += "<script>if (a < b) { " + " ".join(f"v{i} = {i};" for i in range(3000)) + " }</script>"
    got = html.draft(page_with(body), source="big.html")
    assert "harbour board voted" in got.text.replace("\n", " ")
