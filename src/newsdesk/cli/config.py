"""``newsdesk config``: the effective settings, with where each default stands."""

from __future__ import annotations

import click

from newsdesk.cli.options import State, output_options, pass_state, render
from newsdesk.settings import describe

__all__ = ["COMMANDS"]


@click.command()
@output_options
@pass_state
def config(state: State, fmt: str) -> None:
    """Print the effective settings (defaults < newsdesk.toml < NEWSDESK_* variables)."""
    rows = [
        {
            "setting": name,
            "value": list(value) if isinstance(value, tuple) else value,
            "default": list(default) if isinstance(default, tuple) else default,
            "help": text,
        }
        for name, value, default, text in describe(state.settings)
    ]
    render(state, rows, fmt, columns=["setting", "value", "default", "help"], title="Settings")


COMMANDS = [config]
