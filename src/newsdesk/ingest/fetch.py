"""Fetching URLs safely: http(s) only, public addresses only, timeouts, a size cap, a clear User-Agent.

Each hop's host is resolved once, its addresses are checked, and the connection goes to a checked address
(:class:`PinnedBackend`): a name whose DNS answer changes between the check and the connection (DNS
rebinding) cannot steer the request elsewhere. The Host header, TLS SNI and the certificate check still use
the name.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsdesk.errors import FetchError
from newsdesk.settings import FetchSettings

__all__ = ["Fetched", "PinnedBackend", "check_url", "fetch"]

Resolver = Callable[..., list[tuple[Any, ...]]]

# Prefixes whose last 32 bits are an IPv4 address that the packet may reach: the well-known NAT64 prefix,
# SIIT's IPv4-translated addresses, and the deprecated IPv4-compatible ones (::a.b.c.d).
_EMBEDDING = tuple(ipaddress.IPv6Network(n) for n in ("64:ff9b::/96", "::ffff:0:0:0/96", "::/96"))
# Not for fetching, though Python 3.11's is_global lets them through: local-use NAT64 (it reaches whatever the
# local gateway translates to, loopback included), IPv6 site-local (deprecated, still routed inside some
# networks), SRv6 segment identifiers, the IPv6 documentation prefix of 2024, IETF protocol assignments and the
# 6to4 relay anycast of IPv4.
_NOT_PUBLIC = tuple(
    ipaddress.ip_network(n)
    for n in ("64:ff9b:1::/48", "fec0::/10", "5f00::/16", "3fff::/20", "192.0.0.0/24", "192.88.99.0/24")
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body and what the server said about it."""

    url: str
    content: bytes
    content_type: str
    charset: str | None


def check_url(url: str, *, allow_private: bool = False, resolve: Resolver = socket.getaddrinfo) -> None:
    """Refuse URLs newsdesk must not fetch.

    Raises:
        FetchError: not http(s), no host, a host that does not resolve, or (unless ``allow_private``)
            a host that resolves to a loopback, private, link-local or otherwise non-public address.
    """
    host, port = _target(url)
    if not allow_private:
        _refuse_non_public(_lookup(url, host, port, resolve), host=host, url=url)


def _target(url: str) -> tuple[str, int]:
    """The host and port ``url`` connects to, as httpx will see them; refuses what is not http(s)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises on a port that is not a number or out of range
    except ValueError as exc:
        raise FetchError(
            f"malformed URL: {exc}", item=url, hint="check the URL; write it as https://host/path"
        ) from None
    if parts.scheme not in {"http", "https"}:
        raise FetchError(
            f"unsupported URL scheme {parts.scheme or '(none)'!r}",
            item=url,
            hint="only http:// and https:// URLs are fetched",
        )
    if not parts.hostname:
        raise FetchError("URL has no host", item=url, hint="write it as https://host/path")
    try:
        # httpx's own reading of the URL, so the name checked is the name httpcore connects to
        # (the two parsers could disagree on odd URLs; PinnedBackend refuses any name not checked).
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, ValueError) as exc:  # ValueError: a bad IDNA label (UnicodeError)
        raise FetchError(
            f"malformed URL: {exc}", item=url, hint="check the URL; write it as https://host/path"
        ) from None
    if not host:
        raise FetchError("URL has no host", item=url, hint="write it as https://host/path")
    return host, parsed.port or (443 if parsed.scheme == "https" else 80)


def _lookup(url: str, host: str, port: int, resolve: Resolver) -> list[str]:
    """The addresses ``host`` resolves to, asked once."""
    try:
        infos = resolve(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, ValueError) as exc:  # ValueError: a bad IDNA label (UnicodeError) or a NUL
        raise FetchError(
            f"host {host!r} does not resolve: {exc}",
            item=url,
            hint="check the URL and your connection",
        ) from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"host {host!r} does not resolve", item=url, hint="check the URL and your connection")
    return addresses


def _refuse_non_public(addresses: list[str], *, host: str, url: str) -> None:
    for text in addresses:
        address = ipaddress.ip_address(text.split("%")[0])
        embedded = _embedded_ipv4(address)
        if any(_not_public(a) for a in (address, embedded) if a is not None):
            shown = f"{address} ({embedded})" if embedded is not None else str(address)
            raise FetchError(
                f"refused to fetch {host!r}: it resolves to non-public address {shown}",
                item=url,
                hint="pass --allow-private to fetch from loopback or private networks",
            )


class PinnedBackend(httpcore.NetworkBackend):
    """Connects only to addresses that were checked: ``pins`` maps (host, port) to them.

    httpcore asks to connect to the URL's host by name; this backend connects to the pinned address
    instead, so the name is never resolved a second time. A host that was not checked is refused.
    """

    def __init__(self, pins: dict[tuple[str, int], list[str]], inner: httpcore.NetworkBackend | None = None) -> None:
        self.pins = pins
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.pins.get((host, port))
        if not addresses:
            raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting; refused")
        failure: Exception | None = None
        for address in addresses:  # like socket.create_connection: the first that answers
            try:
                return self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched from")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def _pinned_transport(backend: PinnedBackend) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    # httpx does not take a network backend, so its connection pool is replaced by an equal one that
    # connects through ``backend`` (same TLS context: certificates are checked against the URL's name).
    # A transport of our own also means no proxy from the environment, which would resolve names itself.
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's defaults
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=backend,
    )
    return transport


def _not_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ``address`` is anything but a public unicast address."""
    return (
        not address.is_global
        or address.is_multicast
        or any(address.version == net.version and address in net for net in _NOT_PUBLIC)
    )


def _embedded_ipv4(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, IPv4-compatible), if any.

    Such addresses may reach the IPv4 host, so that host must be public too.
    """
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in prefix for prefix in _EMBEDDING):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def fetch(
    url: str,
    settings: FetchSettings,
    *,
    client: httpx.Client | None = None,
    resolve: Resolver = socket.getaddrinfo,
) -> Fetched:
    """GET ``url`` within the limits of ``settings``, following redirects and checking every hop.

    Every hop's host is resolved once with ``resolve``; newsdesk's own client connects only to the
    addresses that answer gave (a caller's ``client`` connects as it likes: its transport is its own).

    Raises:
        FetchError: refused address, timeout, connection failure, HTTP error status, body over the cap.
    """
    own = client is None
    pins: dict[tuple[str, int], list[str]] = {}
    http = client or httpx.Client(
        transport=_pinned_transport(PinnedBackend(pins)),
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=False,
    )
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
        "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    }
    current = url
    # httpx's timeout limits each connect and read, not the whole request: a server that drips a byte at a
    # time would hold the fetch forever. The same number of seconds is also the limit for the whole fetch.
    deadline = time.monotonic() + settings.timeout
    try:
        for _ in range(settings.max_redirects + 1):
            host, port = _target(current)
            # Resolved once: the answer checked is the answer connected to. A caller's client connects by
            # itself, so with allow_private there is nothing to check or pin for it.
            if own or not settings.allow_private:
                addresses = _lookup(current, host, port, resolve)
                if not settings.allow_private:
                    _refuse_non_public(addresses, host=host, url=current)
                pins[(host, port)] = addresses
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _too_slow(url, settings.timeout)
            try:
                # follow_redirects=False even on a caller's client: every hop must pass check_url.
                with http.stream(
                    "GET", current, headers=headers, timeout=min(settings.timeout, remaining), follow_redirects=False
                ) as response:
                    if response.is_redirect and "location" in response.headers:
                        try:
                            current = urljoin(current, response.headers["location"])
                        except ValueError as exc:
                            raise FetchError(
                                f"redirect to a malformed URL: {exc}",
                                item=url,
                                hint="the server sent a broken Location header; report it to the site",
                            ) from None
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            f"HTTP {response.status_code} {response.reason_phrase}",
                            item=url,
                            hint="check the URL; retry later if the server is down"
                            if response.status_code >= 500
                            else "check the URL; the page may have moved or need a login",
                        )
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > settings.max_bytes:
                        raise _too_large(url, settings.max_bytes)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > settings.max_bytes:
                            raise _too_large(url, settings.max_bytes)
                        if time.monotonic() > deadline:
                            raise _too_slow(url, settings.timeout)
                    content_type = response.headers.get("content-type", "")
                    return Fetched(
                        url=str(response.url),
                        content=bytes(body),
                        content_type=content_type.split(";")[0].strip().lower(),
                        charset=response.charset_encoding,
                    )
            except httpx.TimeoutException:
                raise FetchError(
                    f"timed out after {settings.timeout:g} s",
                    item=url,
                    hint="retry later, or raise [fetch] timeout",
                ) from None
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
                # ValueError: httpx and the socket layer reject some hosts (bad IDNA labels) by raising it.
                raise FetchError(
                    f"malformed URL: {exc}", item=url, hint="check the URL; write it as https://host/path"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"could not connect: {exc}", item=url, hint="check the URL and that the server is up"
                ) from None
        raise FetchError(
            f"more than {settings.max_redirects} redirects",
            item=url,
            hint="the URL redirects in a loop; open it in a browser to see where it leads",
        )
    finally:
        if own:
            http.close()


def _too_large(url: str, cap: int) -> FetchError:
    return FetchError(
        f"response larger than {cap:,} bytes",
        item=url,
        hint="raise [fetch] max_bytes if this page is really an article",
    )


def _too_slow(url: str, timeout: float) -> FetchError:
    return FetchError(
        f"took longer than {timeout:g} s in total (the server sends too slowly)",
        item=url,
        hint="retry later, or raise [fetch] timeout",
    )
