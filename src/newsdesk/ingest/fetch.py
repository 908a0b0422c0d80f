"""Fetching URLs safely: http(s) only, public addresses only, timeouts, a size cap, a clear User-Agent."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk.errors import FetchError
from newsdesk.settings import FetchSettings

__all__ = ["Fetched", "check_url", "fetch"]

Resolver = Callable[..., list[tuple[Any, ...]]]


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
    parts = urlsplit(url)
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
    try:
        infos = resolve(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"host {parts.hostname!r} does not resolve: {exc}",
            item=url,
            hint="check the URL and your connection",
        ) from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refused to fetch {parts.hostname!r}: it resolves to non-public address {address}",
                item=url,
                hint="pass --allow-private to fetch from loopback or private networks",
            )


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
    try:
        for _ in range(settings.max_redirects + 1):
            check_url(current, allow_private=settings.allow_private, resolve=resolve)
            try:
                # follow_redirects=False even on a caller's client: every hop must pass check_url.
                with http.stream(
                    "GET", current, headers=headers, timeout=settings.timeout, follow_redirects=False
                ) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
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
