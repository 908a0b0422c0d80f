"""A local HTTP server on 127.0.0.1 for the fetch, feed and URL tests: no test here touches any other address.

The server runs in a background thread and serves the invented pages and feeds of ``tests/data/web`` (with
``@BASE@`` replaced by its own address, so feeds can link back to it) plus special routes that misbehave on
purpose: slow, dripping, oversized, erroring, redirecting, binary, empty, Latin-1. It records every request it sees.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[1] / "data" / "web"

SLOW_SECONDS = 2.0  # /slow waits this long (or until teardown) before answering; tests time out at 0.5 s
DRIP_EVERY = 0.3  # /drip sends a few bytes this often (until teardown or hang-up), for DRIP_SECONDS in all
DRIP_SECONDS = 3.0
BIG_BYTES = 200_000  # /big and /big-stream send this much; tests cap max_bytes well below it

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xhtml": "application/xhtml+xml; charset=utf-8",
}
FEED_TYPES = {"atom.xml": "application/atom+xml; charset=utf-8"}


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG: binary bytes with NULs, as an image URL would return."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    """Handle on the running server: its base URL and the requests it has seen."""

    base: str
    port: int
    requests: list[Seen] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base + path

    @property
    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [r.path for r in self.requests]


class _Server(ThreadingHTTPServer):
    # Join handler threads on close, so teardown leaves nothing running; /slow wakes early on `stop`.
    daemon_threads = False
    block_on_close = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stop = threading.Event()
        self.state = LocalServer(base=f"http://127.0.0.1:{self.server_address[1]}", port=self.server_address[1])

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up early (timeout, size cap) is expected here; keep it off stderr.
        error = sys.exc_info()[1]
        if error is not None:
            self.state.errors.append(error)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    # -- helpers ---------------------------------------------------------------------------------

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self._write(body)

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return False
        return True

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", headers={"Location": location})

    # -- routes ----------------------------------------------------------------------------------

    def do_GET(self) -> None:
        state = self.server.state
        state.requests.append(Seen("GET", self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = ROUTES.get(self.path.split("?")[0])
        if route is not None:
            route(self)
            return
        name = self.path.lstrip("/").split("?")[0]
        file = WEB / name
        if name and "/" not in name and file.is_file():
            body = file.read_bytes().replace(b"@BASE@", state.base.encode())
            kind = FEED_TYPES.get(name) or CONTENT_TYPES.get(file.suffix, "application/octet-stream")
            self._send(200, body, kind)
            return
        self._send(404, b"<html><body><h1>Not Found</h1></body></html>")

    def slow(self) -> None:
        self.server.stop.wait(SLOW_SECONDS)
        self._send(200, b"<html><body><p>Finally.</p></body></html>")

    def big(self) -> None:
        self._send(200, b"<html><body><p>" + b"x" * BIG_BYTES + b"</p></body></html>")

    def big_stream(self) -> None:
        # No Content-Length: HTTP/1.1 chunked transfer, so only counting the bytes can enforce the cap.
        self.protocol_version = "HTTP/1.1"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        piece = b"<p>" + b"y" * 8_000 + b"</p>\n"
        for _ in range(BIG_BYTES // len(piece) + 1):
            if not self._write(b"%x\r\n%s\r\n" % (len(piece), piece)):
                return
        self._write(b"0\r\n\r\n")

    def big_unsized(self) -> None:
        # No Content-Length and no chunking: HTTP/1.0, the body ends when the connection closes.
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self._write(b"<html><body><p>" + b"z" * BIG_BYTES + b"</p></body></html>")

    def drip(self) -> None:
        # Never idle long enough for a read timeout, but never done: only a deadline for the whole fetch stops it.
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        for _ in range(int(DRIP_SECONDS / DRIP_EVERY)):
            if not self._write(b"word ") or self.server.stop.wait(DRIP_EVERY):
                return

    def not_found(self) -> None:
        self._send(404, b"<html><body><h1>Not Found</h1></body></html>")

    def server_error(self) -> None:
        self._send(500, b"<html><body><h1>Internal Server Error</h1></body></html>")

    def redirect(self) -> None:
        self._redirect("/article.html")

    def redirect_chain(self) -> None:
        self._redirect("/redirect", status=301)

    def redirect_loop(self) -> None:
        self._redirect("/redirect-loop")

    def redirect_file(self) -> None:
        self._redirect("file:///etc/passwd")

    def redirect_private(self) -> None:
        # Only ever followed through a transport that keeps traffic on this server (see test_fetch).
        self._redirect("http://10.0.0.1/admin")

    def binary(self) -> None:
        self._send(200, tiny_png(), "image/png")

    def binary_as_html(self) -> None:
        # A mislabelled image: the declared charset must not turn its bytes into "text".
        self._send(200, tiny_png(), "text/html; charset=iso-8859-1")

    def empty(self) -> None:
        self._send(200, b"", "text/html; charset=utf-8")

    def html_as_xml(self) -> None:
        # Some servers label every page application/xml; it is still a page, not a feed.
        self._send(200, (WEB / "article-2.html").read_bytes(), "application/xml")

    def latin1(self) -> None:
        body = (WEB / "latin1.html").read_text(encoding="utf-8").encode("iso-8859-1")
        self._send(200, body, "text/html; charset=ISO-8859-1")


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/slow": _Handler.slow,
    "/big": _Handler.big,
    "/big-stream": _Handler.big_stream,
    "/big-unsized": _Handler.big_unsized,
    "/drip": _Handler.drip,
    "/404": _Handler.not_found,
    "/500": _Handler.server_error,
    "/redirect": _Handler.redirect,
    "/redirect-chain": _Handler.redirect_chain,
    "/redirect-loop": _Handler.redirect_loop,
    "/redirect-file": _Handler.redirect_file,
    "/redirect-private": _Handler.redirect_private,
    "/binary": _Handler.binary,
    "/binary-as-html": _Handler.binary_as_html,
    "/empty": _Handler.empty,
    "/latin1": _Handler.latin1,
    "/html-as-xml": _Handler.html_as_xml,
}


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A threaded HTTP server on 127.0.0.1 (port chosen by the OS), shut down and joined at teardown."""
    server = _Server()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="newsdesk-test-http", daemon=True
    )
    thread.start()
    try:
        yield server.state
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()  # joins the handler threads (block_on_close)
        thread.join(timeout=5)
        assert not thread.is_alive(), "test HTTP server did not stop"
        unexpected = [e for e in server.state.errors if not isinstance(e, ConnectionError | TimeoutError)]
        assert not unexpected, f"test HTTP server handler failed: {unexpected!r}"


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
