"""The ``newsdesk`` command: a thin front door over :class:`newsdesk.Corpus`."""

from __future__ import annotations

import logging

import click

from newsdesk.cli import brief, claims, config, demo, export, framing, ingest, quotes, serve, show, stances, stories
from newsdesk.cli.exit_status import NewsdeskClickError
from newsdesk.cli.options import State
from newsdesk.errors import NewsdeskError
from newsdesk.settings import VERSION
from newsdesk.settings import load as load_settings

__all__ = ["cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, "--version", prog_name="newsdesk")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="NEWSDESK_DB",
    show_envvar=True,
    help="Database file, or a postgresql:// URL.  [default: ./newsdesk.db]",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Settings file.  [default: ./newsdesk.toml if present]",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or summaries; errors only.")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_file: str | None, quiet: bool, verbose: int) -> None:
    """Follow developing news stories across many outlets.

    Ingest articles (text, HTML, JSONL, RSS/Atom, URLs) into a SQLite database, then follow their stories, who
    said what and which claims hold:

    \b
        newsdesk ingest articles/ https://example.com/feed.xml
        newsdesk stories                  # storylines and their events
        newsdesk story ID                 # one story's events and timeline
        newsdesk quotes --speaker NAME    # who said what
        newsdesk brief ID -o brief.html   # a report on one story
        newsdesk serve                    # the web UI
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=logging.ERROR if quiet else level, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(config_file)
    except NewsdeskError as exc:
        raise NewsdeskClickError(exc) from None
    ctx.obj = State(db=db, quiet=quiet, settings=settings)


for module in (ingest, show, stories, quotes, claims, stances, framing, brief, export, serve, config, demo):
    for command in module.COMMANDS:
        cli.add_command(command)
