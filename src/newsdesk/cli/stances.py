"""The ``stances`` command: where each actor stands on each issue of a story, and when that changed."""

from __future__ import annotations

import click

from newsdesk.cli.options import State, errors_as_click, none_found, output_options, pass_state, render
from newsdesk.cli.terminal import markup

__all__ = ["COMMANDS"]

_COLOURS = {"supports": "green", "opposes": "red", "conditional": "yellow", "neutral": "white"}


@click.command()
@click.option("--actor", help="Only actors whose name or an alias contains this (or an entity id).")
@click.option("--story", "story_id", help="Only this story (an id prefix is enough).")
@click.option("--issue", help="Only issues whose name or a statement's target contains this.")
@output_options
@pass_state
@errors_as_click
def stances(state: State, actor: str | None, story_id: str | None, issue: str | None, fmt: str) -> None:
    """List each actor's position on each issue of a story, with its evidence and any shift over time."""
    with state.corpus() as corpus:
        rows = corpus.stances(actor=actor, story_id=story_id, issue=issue)
    if fmt != "table":
        render(state, rows, fmt, columns=["story_id", "issue", "actor", "position", "date", "statements"])
        return
    if not rows:
        state.console.print(none_found("stances", {"--actor": actor, "--story": story_id, "--issue": issue}))
        return
    issue_id = None
    for row in rows:
        if row["issue_id"] != issue_id:
            issue_id = row["issue_id"]
            state.console.print(f"[bold]{markup(row['issue'])}[/] [dim]{row['story_id'] or ''}[/]")
        colour = _COLOURS.get(row["position"], "white")
        shifts = "; ".join(s["text"] for s in row["shifts"])
        state.console.print(
            f"  {markup(row['actor'])}: [{colour}]{row['position']}[/] [dim]{row['date'] or 'undated'} · "
            f"{row['statements']} statement{'s' if row['statements'] != 1 else ''}[/]"
            + (f" [yellow]{markup(shifts)}[/]" if shifts else "")
        )
        latest = row["evidence"][-1]
        how = "said" if latest["said"] else "reported"
        state.console.print(f"    [dim]{how}:[/] {markup(latest['text'][:200])} [dim]{latest['article_id'][:8]}[/]")


COMMANDS = [stances]
