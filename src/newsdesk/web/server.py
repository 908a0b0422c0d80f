"""Running the web UI with uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import uvicorn

from newsdesk.corpus import Corpus
from newsdesk.errors import ConfigError
from newsdesk.settings import Settings
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
    corpus: Corpus,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    sock: socket.socket | None = None,
    workers: int = 1,
) -> None:
    """Serve the UI over ``corpus`` until interrupted (Ctrl-C or SIGTERM, after which it returns): on ``sock``
    when given (see :func:`listen`), else on ``host``:``port``; with ``workers`` > 1, from that many processes
    that share the socket (the kernel hands each connection to one of them).

    Raises:
        ConfigError: the address cannot be used, or several workers were asked for an in-memory database.
    """
    if sock is None:
        sock = listen(host, port)
    if workers > 1:
        _serve_from_processes(corpus, sock, workers)
        return
    # Views run in worker threads, and the slowest (a search) stops at its time limit: on Ctrl-C, requests still
    # running get a few seconds to finish before the connections are dropped.
    config = uvicorn.Config(create_app(corpus), log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    _Server(config).run(sockets=[sock])


def _worker(path: str, settings: Settings, sock: socket.socket) -> None:
    """One serving process: its own corpus (connections, page cache) on the shared socket, until SIGTERM."""
    os.setpgrp()  # Ctrl-C reaches the parent alone, which stops each worker once
    from newsdesk.corpus import open_corpus

    with sock, open_corpus(path, settings=settings) as corpus:
        serve(corpus, sock=sock)


def _serve_from_processes(corpus: Corpus, sock: socket.socket, workers: int) -> None:
    """Serve from ``workers`` processes on ``sock`` until Ctrl-C or SIGTERM, which stops each one gracefully.

    Python runs one thread at a time, so one process computes one page at a time on one core; processes compute
    pages on every core. Each is started fresh (``spawn``: no copy of this process's connections or threads).
    """
    path = corpus.store.path
    if path == ":memory:":
        raise ConfigError("Several server processes cannot share an in-memory database. Serve a file, or one worker.")
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_worker, args=(path, corpus.settings, sock), name=f"newsdesk-web-{i}", daemon=True)
        for i in range(workers)
    ]
    stopping = threading.Event()

    def stop(sig: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            return
        stopping.set()
        for process in processes:
            if process.pid is not None and process.is_alive():
                os.kill(process.pid, signal.SIGTERM)

    original = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for process in processes:
            process.start()
        while any(p.is_alive() for p in processes):
            for process in processes:
                process.join(0.5)
            if not stopping.is_set() and any(p.exitcode not in (None, 0) for p in processes):
                log.warning("a server process stopped; stopping the others")
                stop(signal.SIGTERM, None)
    finally:
        stop(signal.SIGTERM, None)
        for process in processes:
            process.join(10)
            if process.is_alive():
                process.kill()
        for sig, handler in original.items():
            signal.signal(sig, handler)
