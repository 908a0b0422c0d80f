"""Option bundles shared by commands, and the context object every command receives."""

from __future__ import annotations

import csv
import functools
import io
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsdesk.cli import terminal
from newsdesk.cli.exit_status import NewsdeskClickError
from newsdesk.errors import NewsdeskError
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.corpus import Corpus

__all__ = [
    "State",
    "TextCommand",
    "cell",
    "date_option",
    "moment_option",
    "none_found",
    "output_options",
    "pass_state",
    "render",
    "result_output_options",
    "unknown_outlet",
    "url_option",
]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class State:
    """What the group's options set for every command."""

    db: str | None = None
    quiet: bool = False
    settings: Settings = field(default_factory=Settings)
    console: Console = field(default_factory=lambda: _console())
    err: Console = field(default_factory=lambda: _console(stderr=True))

    def corpus(self, *, create: bool = False) -> Corpus:
        """Open the corpus; errors become clean CLI errors. Only a command that stores articles (``create``) makes
        a new database: the others say there is none, rather than leave an empty file behind a mistyped --db."""
        # The corpus is imported by the commands that open it, so `newsdesk --help` never loads it.
        from newsdesk.corpus import open_corpus

        try:
            return open_corpus(self.db, settings=self.settings, create=create)
        except NewsdeskError as exc:
            raise NewsdeskClickError(exc) from None

    @contextmanager
    def progress(self) -> Iterator[Callable[[str, int, int], None]]:
        """A progress callback that draws rich bars on a terminal, and does nothing otherwise or with -q."""
        if self.quiet or not self.err.is_terminal:
            yield lambda stage, done, total: None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


def _console(*, stderr: bool = False) -> Console:
    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        # Piped to a file, a pager or a script: each line as long as it is, never folded at 80 columns.
        console.soft_wrap = True
        console.width = 1_000_000  # trees and rules are drawn to the width: none there
    return console


pass_state = click.make_pass_decorator(State, ensure=True)


def output_options(fn: F) -> F:
    """``--json``, ``--nl`` (one JSON object a line), ``--csv``, ``--tsv`` or the default table."""
    return _output_options(fn, "Print a JSON array.")


def result_output_options(fn: F) -> F:
    """:func:`output_options` for a command whose ``--json`` prints one object, the whole result, and whose other
    formats list its rows."""
    return _output_options(fn, "Print the whole result as one JSON object.")


def _output_options(fn: F, json_help: str) -> F:
    for decorator in reversed(
        [
            click.option("--json", "fmt", flag_value="json", help=json_help),
            click.option("--nl", "fmt", flag_value="nl", help="Print one JSON object per line."),
            click.option("--csv", "fmt", flag_value="csv", help="Print the table's columns as CSV with a header row."),
            click.option("--tsv", "fmt", flag_value="tsv", help="Print tab-separated values with a header row."),
            click.option(
                "--table",
                "fmt",
                flag_value="table",
                default=True,
                help="Print a table (default): boxed on a terminal, plain aligned rows when piped.",
            ),
        ]
    ):
        fn = decorator(fn)
    return fn


def none_found(things: str, filters: dict[str, Any]) -> str:
    """What to say when a listing is empty: a filter that kept nothing is not a store with nothing in it."""
    given = [name if value is True else f"{name} {value!r}" for name, value in filters.items() if value]
    if given:
        return f"No {things} match {' '.join(terminal.markup(g) for g in given)}."
    return f"No {things} found: ingest articles, or run `newsdesk analyze` if you used --no-analyze."


def unknown_outlet(state: State, corpus: Corpus, outlet: str | None) -> None:
    """When ``--outlet`` names no stored outlet, say so on stderr with the stored names that hold it: outlets are
    matched as stored ("Reuters (reuters.com)"), and "0 matches" alone reads as "Reuters wrote nothing"."""
    if not outlet:
        return
    stored = [str(o["outlet"]) for o in corpus.outlets()]
    if outlet in stored:
        return
    near = [name for name in stored if outlet.casefold() in name.casefold()]
    state.err.print(
        f"No outlet is stored as {terminal.markup(repr(outlet))}"
        + (f"; did you mean {', '.join(terminal.markup(repr(n)) for n in near[:5])}?" if near else ".")
        + " --outlet takes an outlet's name as stored (the outlet column of newsdesk articles).",
        soft_wrap=True,
    )


def date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option's value as a day (``YYYY-MM-DD``); a value that is no date is a usage error (exit status 2)
    that names the forms read, as a wrong value of any other option is."""
    return None if value is None else _date(ctx, param, value, "2026-03-01")[:10]


def moment_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option whose time counts too (``ingest --published``): the value as given, once it is known to read
    as a date (the corpus reads it again, as the Python API's callers give it); else a usage error, as for
    :func:`date_option`."""
    if value is not None:
        _date(ctx, param, value, "2026-03-01, 2026-03-01T09:30:00+01:00")
    return value


def _date(ctx: click.Context, param: click.Parameter, value: str, iso_forms: str) -> str:
    from newsdesk.dates import parse_date  # (light: the standard library's datetime and email.utils)

    iso = parse_date(value)
    if iso is None:
        raise click.BadParameter(
            f"{value!r} is not a date. Write it as {iso_forms}, or as 1 March 2026, March 1, 2026 or 01.03.2026.",
            ctx=ctx,
            param=param,
        )
    return iso


def url_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An http(s) URL option's value; another is a usage error, as for :func:`date_option`."""
    if value is not None and not value.startswith(("http://", "https://")):
        raise click.BadParameter(f"{value!r} must start with http:// or https://.", ctx=ctx, param=param)
    return value


class TextCommand(click.Command):
    """A command whose argument is free text (``search QUERY``, ``verify CLAIM``). Text that starts with a hyphen
    ("-fire") is read as options, as in every command line; click's way, and POSIX's, is to put it after a ``--``,
    which no option can follow. Reading an unknown option as the text instead would take a mistyped option for a
    query, so where click finds no such option and has no "did you mean" for it, its error says how
    (``newsdesk search -- -fire``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # (click's parser consumes the list it is handed)
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            at = None if exc.possibilities else self._unknown(ctx, given)
            if at is None:
                raise
            written = [*given[:at], *given[at + 1 :], "--", given[at]]
            text = next((p.human_readable_name for p in self.params if isinstance(p, click.Argument)), "TEXT")
            said = exc.message.rstrip(".") + (
                f". A {text} that starts with a hyphen goes after the options and '--':"
                f" {_typed(ctx)} {shlex.join(written)}"
            )
            raise click.NoSuchOption(exc.option_name, message=said, ctx=ctx) from None

    def _unknown(self, ctx: click.Context, given: list[str]) -> int | None:
        """Where in ``given`` the first word that starts with a hyphen and is no option of the command is ("-fire",
        where click names only its first unknown letter, "-f"): not an option's value, nor after a "--". None when
        the text is given besides it (a word that is neither an option nor an option's value): it is no text, then."""
        options = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]
        known = {name for p in options for name in (*p.opts, *p.secondary_opts)}
        valued = {name for p in options if not p.is_flag and not p.count for name in p.opts}
        found, value_next = None, False
        for at, word in enumerate(given):
            if value_next:
                value_next = False
            elif word == "--" or not word.startswith("-") or word == "-":
                return None  # the text is given, here or after "--"
            elif word.split("=", 1)[0] not in known:
                found = at if found is None else found
            else:
                value_next = word in valued
        return found


def _typed(ctx: click.Context) -> str:
    """The command path of ``ctx`` with the options given on the command line before each command's name
    (``newsdesk --db other.db search``): click's ``command_path`` leaves them out, and a command said without its
    ``--db`` would run on another database. An option read from the environment is left to it."""
    chain = [ctx]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    chain.reverse()
    words = [chain[0].info_name or ""]  # as it was run ("newsdesk", "python -m newsdesk")
    for at, command in enumerate(chain):
        if at:
            words.append(shlex.quote(command.info_name or ""))
        if command is not ctx:
            words += map(shlex.quote, _given(command))
    return " ".join(words)


def _given(ctx: click.Context) -> list[str]:
    """The options of ``ctx``'s command given on the command line, written out again (a long name where there is
    one, a count as its short option repeated)."""
    words: list[str] = []
    for param in ctx.command.get_params(ctx):
        if not isinstance(param, click.Option) or param.name is None:
            continue
        if ctx.get_parameter_source(param.name) is not click.core.ParameterSource.COMMANDLINE:
            continue
        value, name = ctx.params[param.name], max(param.opts, key=len)
        if param.count:
            words += [min(param.opts, key=len)] * int(value)
        elif param.is_flag:
            words.append(name if value else max(param.secondary_opts, key=len, default=name))
        else:
            for one in value if param.multiple else (value,):
                words += [name, str(one)]
    return words


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
    """Print ``rows`` as JSON, JSON lines, CSV, TSV, or a table of ``columns``.

    The table is boxed on a terminal. Piped, it is plain rows: the title, a header and one line a row, columns
    aligned and never folded, so ``grep``, ``sort`` and ``less -S`` see one row a line.
    """
    if fmt == "json":
        click.echo(terminal.dumps(list(rows), indent=2))
    elif fmt == "nl":
        for row in rows:
            click.echo(terminal.dumps(row))
    elif fmt == "csv":
        buffer = io.StringIO()
        # The table's columns (the fields a person reads; --json and --nl give every field), booleans as JSON
        # writes them, lists and objects as JSON, an absent value an empty cell.
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([terminal.csv_cell(_csv_value(row.get(c))) for c in columns] for row in rows)
        sys.stdout.write(buffer.getvalue())
    elif fmt == "tsv":
        # An absent value is an empty cell, as in CSV; a list is its items joined by ", ".
        lines = [
            list(columns),
            *([_plain(row.get(c)) if row.get(c) not in _EMPTY else "" for c in columns] for row in rows),
        ]
        sys.stdout.write("".join("\t".join(line) + "\n" for line in lines))
    elif not state.console.is_terminal:
        _print_rows(rows, columns, title)
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            # Values come from articles: a Text is shown as it is, never read as rich markup.
            table.add_row(*(v if isinstance(v := row.get(c), Text) else terminal.plain(cell(v)) for c in columns))
        state.console.print(table)


_EMPTY: tuple[Any, ...] = (None, [], ())


def _csv_value(value: Any) -> Any:
    """A CSV cell's value: ``true``/``false`` for a boolean (as in the JSON), JSON for a list or an object."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        return terminal.dumps(value)
    return value.plain if isinstance(value, Text) else value


def _plain(value: Any) -> str:
    return terminal.flat(value.plain if isinstance(value, Text) else cell(value))


def _print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None) -> None:
    """Plain rows: each column as wide as its widest cell, two spaces between, the last one not padded."""
    lines = [list(columns), *([_plain(row.get(c)) for c in columns] for row in rows)]
    widths = [max(cell_len(line[i]) for line in lines) for i in range(len(columns))]
    out = [Text.from_markup(title).plain] if title else []
    for line in lines:
        cells = [cell + " " * (width - cell_len(cell)) for cell, width in zip(line[:-1], widths, strict=False)]
        out.append("  ".join([*cells, line[-1]]).rstrip())
    sys.stdout.write("".join(f"{line}\n" for line in out))


def cell(value: Any) -> str:
    """A value as a person reads it in a table: "—" for none, yes or no, a list's items joined by ", ", and
    anything nested (a story's events, a contradiction's sides) as JSON, never as a Python repr."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict) or (isinstance(value, list | tuple) and any(isinstance(v, dict | list) for v in value)):
        return terminal.dumps(value)
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "—"
    return str(value)
