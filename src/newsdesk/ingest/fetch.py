"""Fetching URLs safely: http(s) only, public addresses only, timeouts, a size cap, a clear User-Agent."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk.errors import FetchError
from newsdesk.settings import FetchSettings

__all__ = ["Fetched", "check_url", "fetch"]

Resolver = Callable[..., list[tuple[Any, ...]]]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # well-known NAT64 prefix: the last 32 bits are an IPv4 address
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated IPv4-compatible addresses, ::a.b.c.d


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
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number or out of range
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
    if allow_private:
        return
    # Known gap: the address is checked here and httpx resolves the name again when it connects, so a name
    # whose DNS answer changes in between (DNS rebinding) can still reach a private address.
    try:
        infos = resolve(parts.hostname, port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP)
    except (socket.gaierror, ValueError) as exc:  # ValueError: a bad IDNA label (UnicodeError) or a NUL
        raise FetchError(
            f"host {parts.hostname!r} does not resolve: {exc}",
            item=url,
            hint="check the URL and your connection",
        ) from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        embedded = _embedded_ipv4(address)
        if any(not a.is_global or a.is_multicast for a in (address, embedded) if a is not None):
            shown = f"{address} ({embedded})" if embedded is not None else str(address)
            raise FetchError(
                f"refused to fetch {parts.hostname!r}: it resolves to non-public address {shown}",
                item=url,
                hint="pass --allow-private to fetch from loopback or private networks",
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
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
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

    Raises:
        FetchError: refused address, timeout, connection failure, HTTP error status, body over the cap.
    """
    own = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(settings.timeout), follow_redirects=False)
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
            check_url(current, allow_private=settings.allow_private, resolve=resolve)
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
