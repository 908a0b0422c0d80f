"""``newsdesk export``: the store's tables as files that other tools read."""

from __future__ import annotations

from pathlib import Path

import click

from newsdesk.cli.options import State, errors_as_click, pass_state
from newsdesk.cli.terminal import markup, plural

__all__ = ["COMMANDS"]


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet"]),
    default="parquet",
    show_default=True,
    help="File format: parquet (pip install 'newsdesk[parquet]').",
)
@pass_state
@errors_as_click
def export(state: State, folder: Path, fmt: str) -> None:
    """Write the articles, quotes, mentions, entities and claims tables into FOLDER, one file a table
    (FOLDER/articles.parquet, ...), the shape Spark, Ray, pandas or DuckDB read. Columns: docs/export.md.

    Files already there are replaced, each only once its new version is whole.
    """
    from newsdesk.export import parquet

    parquet.load_pyarrow()  # before the database is opened: say what to install first
    with state.corpus() as corpus:
        written = parquet.write(corpus, folder)
    if not state.quiet:
        for table, rows in written.items():
            state.err.print(f"{table}: {plural(rows, 'row')} in {markup(str(folder / f'{table}.parquet'))}")


COMMANDS = [export]
