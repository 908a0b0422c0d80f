"""Exit statuses of the ``newsdesk`` command, one per kind of outcome, so scripts can tell them apart."""

from __future__ import annotations

from enum import IntEnum

import click

from newsdesk.cli.terminal import printable
from newsdesk.errors import ConfigError, NewsdeskError, NotFoundError, PipelineError, StoreError

__all__ = ["ExitStatus", "NewsdeskClickError", "status_for"]


class ExitStatus(IntEnum):
    """What ``newsdesk`` exits with."""

    OK = 0
    ERROR = 1  # an unexpected error
    USAGE = 2  # bad command-line arguments (click's own code)
    ITEMS_FAILED = 3  # the command ran, but some items failed; see `newsdesk failures`
    NOT_FOUND = 4  # an id that names nothing
    CONFIG = 5  # a bad setting or pipeline wiring
    STORE = 6  # the database cannot be opened or written


def status_for(exc: NewsdeskError) -> ExitStatus:
    """The exit status for an error."""
    if isinstance(exc, NotFoundError):
        return ExitStatus.NOT_FOUND
    if isinstance(exc, ConfigError | PipelineError):
        return ExitStatus.CONFIG
    if isinstance(exc, StoreError):
        return ExitStatus.STORE
    return ExitStatus.ERROR


class NewsdeskClickError(click.ClickException):
    """A newsdesk error shown as ``Error: message`` with its own exit status."""

    def __init__(self, exc: NewsdeskError) -> None:
        # Messages quote file names and values from the input: shown with control characters escaped.
        super().__init__(printable(exc))
        # click declares exit_code on the class; each newsdesk error needs its own status.
        self.exit_code = int(status_for(exc))  # type: ignore[misc]
