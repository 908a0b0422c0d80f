"""Where the web UI listens: loopback by default, the socket bound before anything says the UI is up.

Kept apart from :mod:`newsdesk.web.server` so the command line reads its defaults without loading uvicorn.
"""

from __future__ import annotations

import ipaddress
import socket

from newsdesk.errors import ConfigError

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "is_loopback", "listen", "url"]

DEFAULT_HOST = "127.0.0.1"  # the UI has no login: only this machine reaches it unless --host says otherwise
DEFAULT_PORT = 8000


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
    # Listening now, not when uvicorn starts: a browser opened on the URL printed next waits instead of being refused.
    sock.listen(2048)
    return sock
