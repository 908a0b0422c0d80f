"""``newsdesk serve``: the web UI over the database, on loopback by default."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from newsdesk.cli.options import State, errors_as_click, pass_state
from newsdesk.web.address import DEFAULT_HOST, DEFAULT_PORT, is_loopback, listen, url

if TYPE_CHECKING:
    from newsdesk.corpus import Corpus

__all__ = ["COMMANDS", "host_options"]


def host_options(fn: click.decorators.FC) -> click.decorators.FC:
    """``--host``, ``--port`` and ``--allow-host``."""
    fn = click.option(
        "--allow-host",
        "allow_hosts",
        multiple=True,
        metavar="NAME",
        help="Also answer requests addressed to this host name (name or name:port; repeatable), besides "
        "localhost, 127.0.0.1, [::1] and the --host address. Adds to [web] allowed_hosts.",
    )(fn)
    fn = click.option(
        "--port",
        type=click.IntRange(0, 65535),
        default=DEFAULT_PORT,
        show_default=True,
        help="Port to listen on; 0 picks a free one (the URL printed is the one bound).",
    )(fn)
    return click.option(
        "--host",
        default=DEFAULT_HOST,
        show_default=True,
        help="Address to listen on. The UI has no login: anything but loopback shares the database.",
    )(fn)


def run_server(corpus: Corpus, *, sock: socket.socket, workers: int = 1) -> None:
    """Serve the UI on ``sock`` until interrupted; Starlette and uvicorn load here, when a command serves."""
    from newsdesk.web.server import serve

    serve(corpus, sock=sock, workers=workers)


def start(state: State, host: str, port: int, allow_hosts: Sequence[str] = (), workers: int = 1) -> None:
    """Bind the address, open the database, print the URL and serve until Ctrl-C, which stops it with one line, not
    a traceback.

    The socket is bound first, so a taken port is a clear error and the URL printed is one that answers.
    """
    if allow_hosts:
        web = state.settings.web
        web = dataclasses.replace(web, allowed_hosts=(*web.allowed_hosts, *allow_hosts))
        state.settings = dataclasses.replace(state.settings, web=web)
    sock = listen(host, port)
    try:
        # The database is opened before the URL is printed: a missing one is said alone, not after a URL that will
        # never answer.
        with sock, state.corpus() as corpus:
            if not is_loopback(host):
                state.err.print(
                    f"[yellow]Warning:[/] listening on {host}: anyone who can reach it can read the database."
                )
            state.err.print(f"Serving newsdesk at [cyan]{url(host, sock.getsockname()[1])}[/] (Ctrl-C to stop)")
            # One process is the plain call (as before --workers): callers that stand in for the server take it.
            run_server(corpus, sock=sock, **({"workers": workers} if workers > 1 else {}))
    except KeyboardInterrupt:
        pass  # uvicorn has shut down already; it raises the interrupt again for its caller
    state.err.print("Stopped serving newsdesk.")


@click.command()
@host_options
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes sharing the address: pages are computed on that many cores at once.",
)
@pass_state
@errors_as_click
def serve(state: State, host: str, port: int, allow_hosts: tuple[str, ...], workers: int) -> None:
    """Serve the web UI: stories, timelines, articles, entities, search and briefs."""
    start(state, host, port, allow_hosts, workers)


COMMANDS = [serve]
