"""``newsdesk brief``: a self-contained report on one story."""

from __future__ import annotations

from pathlib import Path

import click

from newsdesk.cli.options import State, errors_as_click, pass_state
from newsdesk.cli.terminal import markup, printable
from newsdesk.report import FORMATS

__all__ = ["COMMANDS"]


@click.command()
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@pass_state
@errors_as_click
def brief(state: State, story_id: str, fmt: str, output: Path | None) -> None:
    """Write a brief on a story: summary, timeline, key actors and quotes, outlets and origins, sources.

    Every statement names its article and character span. The HTML brief is one file with inline styles
    that fetches nothing.
    """
    from newsdesk.report import build_brief, render

    if output is not None and not output.parent.is_dir():
        # Said before the brief is built, not as a traceback after it.
        raise click.ClickException(
            f"Cannot write {printable(str(output))}: folder {printable(str(output.parent))} does not exist. "
            "Create it or pass another -o path."
        )
    with state.corpus() as corpus:
        text = render(build_brief(corpus, story_id), fmt)
    if output is None:
        # A brief piped to a file is written as it is; a terminal gets control characters escaped.
        click.echo(printable(text) if state.console.is_terminal else text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Cannot write {printable(str(output))}: {exc.strerror or exc}.") from None
    state.err.print(f"Wrote {markup(output)}")


COMMANDS = [brief]
