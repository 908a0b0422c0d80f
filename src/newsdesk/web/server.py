"""Running the web UI with uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import logging
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import uvicorn

from newsdesk.corpus import Corpus
from newsdesk.web.address import DEFAULT_HOST, DEFAULT_PORT, is_loopback, listen, url
from newsdesk.web.app import create_app

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "is_loopback", "listen", "serve", "url"]

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    """uvicorn's server, except that Ctrl-C or SIGTERM only stops it: the signal is not raised again afterwards.

    uvicorn raises the signal it caught once it has shut down, to behave as if it had not caught it. Inside
    ``asyncio.run`` that is a KeyboardInterrupt in the event loop, which cancelled the lifespan and any request
    still running, each with a traceback. ``serve`` returns instead, and the command says it stopped. A second
    Ctrl-C stops at once, as in uvicorn, dropping the requests still running without a traceback for each.
    """

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
            yield
            return
        original = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        if self.force_exit:
            # A second Ctrl-C drops the requests still running: that was asked for, so no traceback for each.
            logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)


def serve(
    corpus: Corpus, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, sock: socket.socket | None = None
) -> None:
    """Serve the UI over ``corpus`` until interrupted (Ctrl-C or SIGTERM, after which it returns): on ``sock``
    when given (see :func:`listen`), else on ``host``:``port``.

    Raises:
        ConfigError: the address cannot be used.
    """
    if sock is None:
        sock = listen(host, port)
    # Views run in worker threads, and the slowest (a search) stops at its time limit: on Ctrl-C, requests still
    # running get a few seconds to finish before the connections are dropped.
    config = uvicorn.Config(create_app(corpus), log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    _Server(config).run(sockets=[sock])
