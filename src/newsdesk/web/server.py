"""Running the web UI with uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import logging

import uvicorn

from newsdesk.corpus import Corpus
from newsdesk.web.app import create_app

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "is_loopback", "serve", "url"]

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


def serve(corpus: Corpus, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the UI over ``corpus`` until interrupted (Ctrl-C)."""
    uvicorn.run(create_app(corpus), host=host, port=port, log_level="warning", access_log=False)
