"""Answer only requests addressed to this server by a name it knows, so other sites cannot read it by DNS rebinding.

A page on ``attacker.example`` can make its own name resolve to 127.0.0.1 and then read the UI as same-origin:
the browser still sends ``Host: attacker.example``. Refusing hosts other than loopback names, the address the
server listens on, and the names the user allowed closes that door.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from newsdesk.web.errors import body as error_body

__all__ = ["LOOPBACK", "TrustedHosts", "split_host"]

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def split_host(value: str, default_port: int | None = None) -> tuple[str, int | None]:
    """``name[:port]`` (``[v6]:port`` for IPv6) as a lower-case name and a port (``default_port`` when none)."""
    value = value.strip().lower()
    name, sep, port = value.rpartition(":")
    if not sep or name.endswith(":") or (name.startswith("[") is not name.endswith("]")) or not port.isdigit():
        # no port: a bare name, or a bare IPv6 address in brackets
        return value, default_port
    return name, int(port)


class TrustedHosts:
    """ASGI middleware: refuse (400) a request whose ``Host`` is not loopback or the server's own address on its
    port, nor one of ``allowed`` (``name`` on any port, ``name:port`` on that one; ``*`` allows any host)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str] = ()) -> None:
        self.app = app
        entries = [a.strip().lower() for a in allowed if a.strip()]
        self.any = "*" in entries
        self.names = {e for e in entries if split_host(e)[1] is None}
        self.pairs = {split_host(e) for e in entries if split_host(e)[1] is not None}

    def allows(self, host: str, server: tuple[str, int | None] | None, scheme: str = "http") -> bool:
        """Whether ``host`` (the Host header) names this server, which listens on ``server`` (host, port)."""
        name, port = split_host(host, 443 if scheme == "https" else 80)
        if self.any or name in self.names or (name, port) in self.pairs:
            return True
        own, own_port = server if server else ("", None)
        own = f"[{own}]" if ":" in own else own.lower()
        return (name in LOOPBACK or name == own) and (own_port is None or port == own_port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any:
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
        server = scope.get("server")
        if host and self.allows(host, server, scope.get("scheme", "http")):
            await self.app(scope, receive, send)
            return
        port = server[1] if server and server[1] is not None else None
        names = ", ".join(f"{n}:{port}" if port else n for n in LOOPBACK)
        message = (
            f"Host {host[:100]!r} is not served here: newsdesk answers only {names}, the address it listens on, "
            "and the hosts in [web] allowed_hosts. To open it under another name, start it with "
            "`newsdesk serve --allow-host NAME`."
        )
        if scope["path"].endswith(".json"):
            body = json.dumps(error_body(message, 400)).encode()
            kind = b"application/json"
        else:
            body = message.encode()
            kind = b"text/plain; charset=utf-8"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})
