"""Running the web UI with uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import logging
import socket

import uvicorn

from newsdesk.corpus import Corpus
from newsdesk.errors import ConfigError
from newsdesk.web.app import create_app

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "is_loopback", "listen", "serve", "url"]

DEFAULT_HOST = "127.0.0.1"  # the UI has no login: only this machine reaches it unless --host says otherwise
DEFAULT_PORT = 8000

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url(host: str, port: int) -> str:
    """The address to open in a browser."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (port 0 picks a free one), before anything says the UI is up.

    Raises:
        ConfigError: the address cannot be used (the port is taken, the host is not this machine's, no permission).
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(f"Cannot listen on {host!r}: not an address or host name this machine knows.") from exc
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart need not wait
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        raise ConfigError(
            f"Cannot listen on {url(host, port)}: {reason}. Pick another port with --port (0 picks a free one)."
        ) from exc
    return sock


def serve(
    corpus: Corpus, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, sock: socket.socket | None = None
) -> None:
    """Serve the UI over ``corpus`` until interrupted (Ctrl-C): on ``sock`` when given (see :func:`listen`),
    else on ``host``:``port``.

    Raises:
        ConfigError: the address cannot be used.
    """
    if sock is None:
        sock = listen(host, port)
    config = uvicorn.Config(create_app(corpus), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
