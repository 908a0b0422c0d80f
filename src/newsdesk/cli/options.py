"""Option bundles shared by commands, and the context object every command receives."""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsdesk.cli import terminal
from newsdesk.cli.exit_status import NewsdeskClickError
from newsdesk.corpus import Corpus, open_corpus
from newsdesk.errors import NewsdeskError
from newsdesk.settings import Settings

__all__ = ["State", "output_options", "pass_state", "render"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class State:
    """What the group's options set for every command."""

    db: str | None = None
    quiet: bool = False
    settings: Settings = field(default_factory=Settings)
    console: Console = field(default_factory=lambda: Console(highlight=False))
    err: Console = field(default_factory=lambda: Console(stderr=True, highlight=False))

    def corpus(self) -> Corpus:
        """Open the corpus; errors become clean CLI errors."""
        try:
            return open_corpus(self.db, settings=self.settings)
        except NewsdeskError as exc:
            raise NewsdeskClickError(exc) from None

    @contextmanager
    def progress(self) -> Iterator[Callable[[str, int, int], None]]:
        """A progress callback that draws rich bars on a terminal, and does nothing otherwise or with -q."""
        if self.quiet or not self.err.is_terminal:
            yield lambda stage, done, total: None
            return
        bars = Progress(
            TextColumn("{task.description:>10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.err,
            transient=False,
        )
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=max(total, 1))
            bars.update(tasks[stage], completed=done, total=max(total, 1))

        with bars:
            yield update


pass_state = click.make_pass_decorator(State, ensure=True)


def output_options(fn: F) -> F:
    """``--json``, ``--nl`` (one JSON object a line), ``--csv`` or the default table."""
    for decorator in reversed(
        [
            click.option("--json", "fmt", flag_value="json", help="Print a JSON array."),
            click.option("--nl", "fmt", flag_value="nl", help="Print one JSON object per line."),
            click.option("--csv", "fmt", flag_value="csv", help="Print CSV with a header row."),
            click.option("--table", "fmt", flag_value="table", default=True, help="Print a table (default)."),
        ]
    ):
        fn = decorator(fn)
    return fn


def errors_as_click(fn: F) -> F:
    """Turn newsdesk errors raised by a command into clean CLI errors with the right exit status."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NewsdeskError as exc:
            raise NewsdeskClickError(exc) from None

    return wrapper  # type: ignore[return-value]


def render(
    state: State,
    rows: Sequence[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str],
    title: str | None = None,
) -> None:
    """Print ``rows`` as JSON, JSON lines, CSV, or a table of ``columns``."""
    if fmt == "json":
        click.echo(terminal.dumps(list(rows), indent=2))
    elif fmt == "nl":
        for row in rows:
            click.echo(terminal.dumps(row))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: terminal.csv_cell(json.dumps(v) if isinstance(v, list | dict) else v) for k, v in row.items()}
            )
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            # Values come from articles: a Text is shown as it is, never read as rich markup.
            table.add_row(*(v if isinstance(v := row.get(c), Text) else terminal.plain(_cell(v)) for c in columns))
        state.console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "—"
    return str(value)
