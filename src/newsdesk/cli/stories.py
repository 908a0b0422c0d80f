"""Story commands: ``stories``, ``story``, ``timeline``."""

from __future__ import annotations

from typing import Any

import click
from rich.tree import Tree

from newsdesk.cli.options import State, errors_as_click, output_options, pass_state, render
from newsdesk.cli.terminal import dumps, markup, plural
from newsdesk.dates import as_read

__all__ = ["COMMANDS"]


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first[:10] if first[:10] == (last or first)[:10] else f"{first[:10]} → {(last or first)[:10]}"


@click.command()
@output_options
@pass_state
@errors_as_click
def stories(state: State, fmt: str) -> None:
    """List stories (storylines) with their events, most recently active first."""
    with state.corpus() as corpus:
        rows = corpus.stories()
        if fmt != "table":
            render(state, rows, fmt, columns=["id", "title", "article_ids", "events"])
            return
        # An undated event at the day its reports name, as `story` shows it (read from each story's kept digest).
        events_of = {
            story["id"]: corpus.in_day_order(corpus.with_estimated_days(story["id"], story["events"])) for story in rows
        }
    if not rows:
        state.console.print("No stories yet: ingest articles, or run `newsdesk analyze` if you used --no-analyze.")
        return
    for story in rows:
        tree = Tree(
            f"[bold]{markup(story['title'] or '(untitled)')}[/] [dim]{story['id']} · "
            f"{plural(len(story['article_ids']), 'article')}[/]"
        )
        for event in events_of[story["id"]]:
            tree.add(
                f"{markup(event['title'] or '(untitled)')} [dim]{event['id']} · "
                f"{_when(event)} · {plural(len(event['article_ids']), 'article')}[/]"
            )
        state.console.print(tree)


@click.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
@pass_state
@errors_as_click
def story(state: State, story_id: str, as_json: bool) -> None:
    """Show one story: its events and its timeline (an id prefix is enough)."""
    with state.corpus() as corpus:
        data = corpus.story(story_id)
        events = corpus.in_day_order(data["events"])  # (its --json keeps the store's order)
    if as_json:
        click.echo(dumps(data, indent=2))
        return
    state.console.print(f"[bold]{markup(data['title'] or '(untitled)')}[/] [dim]{data['id']}[/]")
    for event in events:
        state.console.print(
            f"  • {markup(event['title'] or '(untitled)')} "
            f"[dim]({_when(event)}, "
            f"{plural(len(event['article_ids']), 'article')})[/]"
        )
    _print_timeline(state, data["timeline"])


def _when(event: dict[str, Any]) -> str:
    """An event's dates, or for an undated event the day its statements estimate, marked so (``~``)."""
    if not event["first_seen"] and event.get("estimated_day"):
        return f"~{event['estimated_day']} estimated"
    return _span(event["first_seen"], event["last_seen"])


def _print_timeline(state: State, entries: list[dict[str, object]]) -> None:
    state.console.print("\n[bold]Timeline[/]")
    for entry in entries:
        shown = as_read(str(entry["date"] or ""), str(entry.get("precision") or ""))
        when = f"~{shown}" if entry["estimated"] and entry["date"] else shown
        # A date its statements speak of as still to come ("the works end in 2029") is no event that happened.
        ahead = " [yellow](expected)[/]" if entry.get("future") else ""
        state.console.print(f"  {when:>11}  {markup(str(entry['text']))}{ahead}")
    if any(entry["estimated"] for entry in entries):
        state.console.print(
            "  [dim]~ estimated: undated article, date counted from its event's or story's first date[/]"
        )
    if any(entry.get("future") for entry in entries):
        state.console.print("  [dim](expected): the articles speak of it as still to come[/]")


@click.command()
@click.argument("story_id")
@output_options
@pass_state
@errors_as_click
def timeline(state: State, story_id: str, fmt: str) -> None:
    """Print a story's timeline: dated entries and the articles that report them."""
    with state.corpus() as corpus:
        entries = corpus.timeline(story_id)
    render(
        state,
        entries,
        fmt,
        columns=["date", "precision", "estimated", "future", "text", "article_ids"],
        title="Timeline",
    )


COMMANDS = [stories, story, timeline]
