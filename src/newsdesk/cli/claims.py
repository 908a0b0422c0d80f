"""Claim commands: ``claims`` (what stories assert, by independent origin) and ``contradictions``."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.options import State, errors_as_click, output_options, pass_state, render
from newsdesk.cli.terminal import markup

__all__ = ["COMMANDS"]


def _origins(cluster: dict[str, Any]) -> str:
    parts = []
    for origin in cluster["origins"]:
        how = f"{origin['relaying']} relaying" if origin["relaying"] else "own reporting"
        parts.append(f"{origin['name']} ({how})")
    return ", ".join(parts)


@click.command()
@click.argument("story_id", required=False)
@click.option("--contested", is_flag=True, help="Only claims that another claim of the story contradicts.")
@click.option("--single-source", is_flag=True, help="Only claims that one independent origin alone makes.")
@output_options
@pass_state
@errors_as_click
def claims(state: State, story_id: str | None, contested: bool, single_source: bool, fmt: str) -> None:
    """List the claims of one story (or of all), each with its articles and independent origins."""
    with state.corpus() as corpus:
        rows = corpus.claims(story_id, contested=contested, single_source=single_source)
    if fmt != "table":
        render(state, rows, fmt, columns=["id", "story_id", "text", "independent_origins", "single_source"])
        return
    if not rows:
        state.console.print("No claims found: ingest articles, or run `newsdesk analyze` if you used --no-analyze.")
        return
    for row in rows:
        flags = " [red]disputed[/]" if row["contradicts"] else ""
        flags += " [yellow]single-source[/]" if row["single_source"] else ""
        count = len(row["independent_origins"])
        state.console.print(f"[bold]{markup(row['text'])}[/]{flags}")
        state.console.print(
            f"  {len(row['article_ids'])} articles, {count} independent origin{'s' if count != 1 else ''}: "
            f"{markup(_origins(row))} [dim]{row['id']}[/]"
        )


@click.command()
@click.argument("story_id", required=False)
@output_options
@pass_state
@errors_as_click
def contradictions(state: State, story_id: str | None, fmt: str) -> None:
    """List claims that outlets contradict: different values for one thing, or a denial (changes over time are
    not listed)."""
    with state.corpus() as corpus:
        rows = corpus.contradictions(story_id)
    if fmt != "table":
        render(state, rows, fmt, columns=["id", "story_id", "slot", "kind", "sides"])
        return
    if not rows:
        state.console.print("No contradictions found.")
        return
    for row in rows:
        state.console.print(f"[bold]{markup(row['slot'] or row['kind'])}[/] [dim]({row['kind']})[/]")
        for side in row["sides"]:
            state.console.print(
                f"  [cyan]{markup(str(side['value']))}[/] {markup(side['text'])} "
                f"[dim]{markup(', '.join(side['origins']))}[/]"
            )


COMMANDS = [claims, contradictions]
