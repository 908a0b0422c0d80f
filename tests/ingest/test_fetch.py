"""Fetching one URL safely: schemes, addresses, timeouts, HTTP errors, size caps, redirects, User-Agent.

Everything goes to the local test server on 127.0.0.1. Refused addresses are refused before any connection:
the tests pass a client whose transport fails the test if it is ever asked to send a request.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from newsdesk.errors import FetchError, IngestError
from newsdesk.ingest.fetch import Fetched, check_url, fetch
from newsdesk.settings import FetchSettings

if TYPE_CHECKING:
    from tests.ingest.conftest import LocalServer

LOCAL = FetchSettings(timeout=5.0, allow_private=True)
PUBLIC_ADDRESS = "93.184.216.34"  # only ever returned by fake resolvers; nothing connects to it


def _no_traffic(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"refused URLs must not be requested, but {request.url} was")


@pytest.fixture
def guard() -> Iterator[httpx.Client]:
    """A client that fails the test if fetch() sends anything at all."""
    with httpx.Client(transport=httpx.MockTransport(_no_traffic)) as client:
        yield client


def fake_resolver(table: dict[str, list[str]]) -> Any:
    """A getaddrinfo stand-in: names from ``table``, IP literals as themselves; records what it was asked."""

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        resolve.asked.append(host)  # type: ignore[attr-defined]
        addresses = table.get(host, [host])
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, port))
            for a in addresses
        ]

    resolve.asked = []  # type: ignore[attr-defined]
    return resolve


class ToLocalServer(httpx.BaseTransport):
    """Sends every request, whatever its host, to the local test server; records the hosts asked for.

    Lets a test use public-looking names (checked with a fake resolver) while traffic stays on 127.0.0.1.
    """

    def __init__(self, server: LocalServer) -> None:
        self.port = server.port
        self.hosts: list[str] = []
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self.port)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


# -- refusals before connecting ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://files.example/pub/article.txt",
        "javascript:alert(1)",
        "gopher://news.example/1",
        "//news.example/no-scheme",
    ],
)
@pytest.mark.parametrize("allow_private", [False, True])
def test_refuses_non_http_schemes(url: str, allow_private: bool, guard: httpx.Client) -> None:
    settings = FetchSettings(allow_private=allow_private)
    with pytest.raises(FetchError, match="unsupported URL scheme") as caught:
        fetch(url, settings, client=guard, resolve=fake_resolver({}))
    assert caught.value.item == url
    assert "http://" in caught.value.hint


@pytest.mark.parametrize("url", ["http:///article.html", "https://", "http://:8080/path", "http://?q=1"])
def test_refuses_urls_without_a_host(url: str, guard: httpx.Client) -> None:
    with pytest.raises(FetchError, match="no host"):
        fetch(url, FetchSettings(allow_private=True), client=guard)


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://127.0.0.1:8080/admin", "127.0.0.1"),
        ("http://10.0.0.1/", "10.0.0.1"),
        ("https://192.168.1.1/router", "192.168.1.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/", "::1"),
        ("http://0.0.0.0/", "0.0.0.0"),
    ],
)
def test_refuses_loopback_private_and_link_local_addresses(url: str, address: str, guard: httpx.Client) -> None:
    # IP literals go through the real getaddrinfo, which parses them without any lookup or traffic.
    with pytest.raises(FetchError) as caught:
        fetch(url, FetchSettings(), client=guard)
    error = caught.value
    assert isinstance(error, IngestError)
    assert "non-public address" in str(error)
    assert address in str(error)
    assert "--allow-private" in error.hint
    assert error.item == url


def test_refuses_a_hostname_that_resolves_to_loopback(guard: httpx.Client) -> None:
    resolve = fake_resolver({"intranet.example": ["127.0.0.1"]})
    with pytest.raises(FetchError, match=r"'intranet\.example'.*non-public address 127\.0\.0\.1") as caught:
        fetch("https://intranet.example/wiki", FetchSettings(), client=guard, resolve=resolve)
    assert "--allow-private" in caught.value.hint
    assert resolve.asked == ["intranet.example"]


def test_refuses_a_hostname_when_any_of_its_addresses_is_private(guard: httpx.Client) -> None:
    resolve = fake_resolver({"split.example": [PUBLIC_ADDRESS, "10.1.2.3"]})
    with pytest.raises(FetchError, match=r"non-public address 10\.1\.2\.3"):
        fetch("http://split.example/", FetchSettings(), client=guard, resolve=resolve)


def test_a_hostname_that_does_not_resolve_is_a_fetch_error(guard: httpx.Client) -> None:
    resolve = fake_resolver({"nowhere.example": []})
    with pytest.raises(FetchError, match="does not resolve"):
        fetch("http://nowhere.example/", FetchSettings(), client=guard, resolve=resolve)


@pytest.mark.parametrize(
    "address",
    [
        "fec0::1",  # IPv6 site-local
        "64:ff9b:1::7f00:1",  # local-use NAT64: 127.0.0.1 through a local gateway
        "::ffff:0:7f00:1",  # SIIT, IPv4-translated 127.0.0.1
        "5f00::1",  # SRv6 segment identifier
        "3fff::1",  # documentation
        "192.0.0.9",  # IETF protocol assignments
        "192.88.99.1",  # 6to4 relay anycast
    ],
)
def test_issue_19_addresses_python_calls_global_are_refused_too(address: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        check_url("http://odd.example/", resolve=fake_resolver({"odd.example": [address]}))


def test_check_url_accepts_public_addresses_and_allow_private_skips_the_lookup() -> None:
    check_url("https://news.example/a", resolve=fake_resolver({"news.example": [PUBLIC_ADDRESS]}))
    resolve = fake_resolver({"intranet.example": ["10.0.0.7"]})
    check_url("http://intranet.example/", allow_private=True, resolve=resolve)
    assert resolve.asked == []


def test_allow_private_fetches_from_loopback(http_server: LocalServer) -> None:
    got = fetch(http_server.url("/article.html"), LOCAL)
    assert isinstance(got, Fetched)
    assert got.url == http_server.url("/article.html")
    assert got.content_type == "text/html"
    assert got.charset == "utf-8"
    assert b"Brackwell" in got.content
    assert http_server.paths == ["/article.html"]


def test_loopback_server_is_refused_without_allow_private(http_server: LocalServer) -> None:
    with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.1"):
        fetch(http_server.url("/article.html"), FetchSettings(timeout=5.0))
    assert http_server.requests == []


# -- what the server does ----------------------------------------------------------------------


def test_slow_server_times_out(http_server: LocalServer) -> None:
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s") as caught:
        fetch(http_server.url("/slow"), FetchSettings(timeout=0.5, allow_private=True))
    assert "timeout" in caught.value.hint


@pytest.mark.parametrize(
    ("path", "status", "hint"),
    [
        ("/404", "HTTP 404 Not Found", "moved"),
        ("/500", "HTTP 500 Internal Server Error", "retry later"),
        ("/no/such/page.html", "HTTP 404", "moved"),
    ],
)
def test_http_error_status_is_a_fetch_error(http_server: LocalServer, path: str, status: str, hint: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(http_server.url(path), LOCAL)
    assert status in str(caught.value)
    assert hint in caught.value.hint
    assert caught.value.item == http_server.url(path)


def test_connection_refused_is_a_fetch_error(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/article.html"
    with pytest.raises(FetchError, match="could not connect") as caught:
        fetch(url, LOCAL)
    assert caught.value.item == url


@pytest.mark.parametrize(
    "path",
    [
        "/big",  # Content-Length states the size: refused before reading the body
        "/big-stream",  # chunked, no Content-Length: refused while counting
        "/big-unsized",  # HTTP/1.0, body ends at close, no Content-Length: refused while counting
    ],
)
def test_body_over_max_bytes_is_refused(http_server: LocalServer, path: str) -> None:
    settings = FetchSettings(timeout=5.0, allow_private=True, max_bytes=10_000)
    with pytest.raises(FetchError, match=r"larger than 10,000 bytes") as caught:
        fetch(http_server.url(path), settings)
    assert "max_bytes" in caught.value.hint


def test_body_at_or_under_max_bytes_is_accepted(http_server: LocalServer) -> None:
    size = len(fetch(http_server.url("/article.html"), LOCAL).content)
    settings = FetchSettings(timeout=5.0, allow_private=True, max_bytes=size)
    assert len(fetch(http_server.url("/article.html"), settings).content) == size


# -- redirects ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "hops"),
    [
        ("/redirect", ["/redirect", "/article.html"]),
        ("/redirect-chain", ["/redirect-chain", "/redirect", "/article.html"]),
    ],
)
def test_redirects_are_followed(http_server: LocalServer, path: str, hops: list[str]) -> None:
    got = fetch(http_server.url(path), LOCAL)
    assert got.url == http_server.url("/article.html")
    assert b"Ferry timetable cut" in got.content
    assert http_server.paths == hops


def test_redirect_loop_is_a_fetch_error(http_server: LocalServer) -> None:
    settings = FetchSettings(timeout=5.0, allow_private=True, max_redirects=3)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(http_server.url("/redirect-loop"), settings)
    assert http_server.paths == ["/redirect-loop"] * 4


def test_redirect_to_a_refused_scheme_is_checked(http_server: LocalServer) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        fetch(http_server.url("/redirect-file"), LOCAL)
    assert http_server.paths == ["/redirect-file"]


@pytest.mark.parametrize("follow_redirects", [False, True])
def test_redirect_to_a_private_address_is_checked(http_server: LocalServer, follow_redirects: bool) -> None:
    # A public-looking name (per the fake resolver) whose server redirects into the private network. The
    # transport sends everything to the local server anyway, so nothing could reach 10.0.0.1 even on failure.
    # A caller's client that follows redirects by itself must not skip the check of each hop either.
    transport = ToLocalServer(http_server)
    resolve = fake_resolver({"gazette.example": [PUBLIC_ADDRESS]})
    with (
        httpx.Client(transport=transport, follow_redirects=follow_redirects) as client,
        pytest.raises(FetchError, match=r"non-public address 10\.0\.0\.1") as caught,
    ):
        fetch("http://gazette.example/redirect-private", FetchSettings(timeout=5.0), client=client, resolve=resolve)
    assert "--allow-private" in caught.value.hint
    assert transport.hosts == ["gazette.example"]
    assert resolve.asked == ["gazette.example", "10.0.0.1"]
    assert http_server.paths == ["/redirect-private"]


# -- what fetch sends --------------------------------------------------------------------------


@pytest.mark.parametrize("user_agent", [None, "newsdesk-test/9.9 (+https://newsdesk.example/about)"])
def test_user_agent_is_the_configured_one(http_server: LocalServer, user_agent: str | None) -> None:
    settings = LOCAL if user_agent is None else FetchSettings(timeout=5.0, allow_private=True, user_agent=user_agent)
    fetch(http_server.url("/redirect"), settings)
    expected = user_agent or FetchSettings().user_agent
    assert [r.headers.get("user-agent") for r in http_server.requests] == [expected, expected]
    assert "text/html" in http_server.requests[0].headers["accept"]


def test_a_callers_client_is_used_and_left_open(http_server: LocalServer) -> None:
    with httpx.Client() as client:
        fetch(http_server.url("/article.html"), LOCAL, client=client)
        fetch(http_server.url("/article-2.html"), LOCAL, client=client)
        assert not client.is_closed
    assert http_server.paths == ["/article.html", "/article-2.html"]
