"""``newsdesk serve``: the web UI over the database, on loopback by default."""

from __future__ import annotations

import click

from newsdesk.cli.options import State, errors_as_click, pass_state
from newsdesk.web.server import DEFAULT_HOST, DEFAULT_PORT, is_loopback, listen, url
from newsdesk.web.server import serve as run_server

__all__ = ["COMMANDS", "host_options"]


def host_options(fn: click.decorators.FC) -> click.decorators.FC:
    """``--host`` and ``--port``."""
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


def start(state: State, host: str, port: int) -> None:
    """Bind the address, print the URL and serve until Ctrl-C.

    The socket is bound first, so a taken port is a clear error and the URL printed is one that answers.
    """
    sock = listen(host, port)
    if not is_loopback(host):
        state.err.print(f"[yellow]Warning:[/] listening on {host}: anyone who can reach it can read the database.")
    state.err.print(f"Serving newsdesk at [cyan]{url(host, sock.getsockname()[1])}[/] (Ctrl-C to stop)")
    with sock, state.corpus() as corpus:
        run_server(corpus, sock=sock)


@click.command()
@host_options
@pass_state
@errors_as_click
def serve(state: State, host: str, port: int) -> None:
    """Serve the web UI: stories, timelines, articles, entities, search and briefs."""
    start(state, host, port)


COMMANDS = [serve]
