"""Claim commands: ``claims`` (what stories assert, by independent origin) and ``contradictions``."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli import terminal
from newsdesk.cli.options import (
    State,
    TextCommand,
    errors_as_click,
    output_options,
    pass_state,
    render,
    result_output_options,
)
from newsdesk.cli.terminal import markup
from newsdesk.records import is_article_id
from newsdesk.report.render import ONE_ORIGIN, how_reported, told_by

__all__ = ["COMMANDS"]


def _origins(cluster: dict[str, Any]) -> str:
    parts = []
    for origin in cluster["origins"]:
        how = how_reported(origin)  # (the web's and the briefs' words)
        # An origin whose articles name no outlet goes by its first article's id: said so (`newsdesk show` it).
        name = f"article {origin['name']}" if is_article_id(origin["name"]) else origin["name"]
        parts.append(f"{name} ({how})")
    return ", ".join(parts)


def _none_found(story_id: str | None, *, disputed: bool, single_source: bool) -> str:
    """What to say when no claim is listed: a filter that kept none is not a store with no claims."""
    kinds = " and ".join(k for k, on in (("disputed", disputed), ("single-source", single_source)) if on)
    where = "this story" if story_id else "any story"
    if kinds:
        return f"No {kinds} claims in {where}."
    if story_id:
        return "No claims in this story."
    return "No claims found: ingest articles, or run `newsdesk analyze` if you used --no-analyze."


@click.command()
@click.argument("story_id", required=False)
@click.option("--disputed", is_flag=True, help="Only disputed claims: those another claim of the story contradicts.")
# The flag's name until 2026-12-07 (documented): kept, hidden, so scripts that pass it still work.
@click.option("--contested", is_flag=True, hidden=True)
@click.option("--single-source", is_flag=True, help="Only claims that one independent origin alone makes.")
@output_options
@pass_state
@errors_as_click
def claims(state: State, story_id: str | None, disputed: bool, contested: bool, single_source: bool, fmt: str) -> None:
    """List the claims of one story (or of all), each with its articles and independent origins; a claim that
    another claim of the story contradicts is tagged disputed."""
    disputed = disputed or contested
    with state.corpus() as corpus:
        rows = corpus.claims(story_id, contested=disputed, single_source=single_source)
    if fmt != "table":
        render(state, rows, fmt, columns=["id", "story_id", "text", "independent_origins", "single_source"])
        return
    if not rows:
        state.console.print(_none_found(story_id, disputed=disputed, single_source=single_source))
        return
    for row in rows:
        flags = " [red]disputed[/]" if row["contradicts"] else ""
        flags += " [yellow]single-source[/]" if row["single_source"] else ""
        count, articles = len(row["independent_origins"]), len(row["article_ids"])
        state.console.print(f"[bold]{markup(row['text'])}[/]{flags}")
        state.console.print(
            f"  {articles} article{'s' if articles != 1 else ''}, "
            f"{count} independent origin{'s' if count != 1 else ''}: "
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
                f"  [cyan]{markup(str(side['shown']))}[/] {markup(side['text'])} [dim]{markup(told_by(side))}[/]"
            )
        if row.get("one_origin"):
            state.console.print(f"  [dim]{ONE_ORIGIN}[/]")


_HEADINGS = {"supports": "Support it", "contradicts": "Contradict it", "discusses": "Report it without endorsing it"}


@click.command(cls=TextCommand)
@click.argument("claim")
@click.option("--story", "story_id", default=None, help="Check it in this story only (an id or unique id prefix).")
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1, 500), help="Articles found by search to check."
)
@result_output_options
@pass_state
@errors_as_click
def verify(state: State, claim: str, story_id: str | None, limit: int, fmt: str) -> None:
    """Check CLAIM against the articles: which support it, contradict it or merely report it, with the evidence
    of each and how many independent origins back it."""
    with state.corpus() as corpus:
        result = corpus.verify(claim, story_id=story_id, limit=limit)
    if fmt == "json":
        click.echo(terminal.dumps(result, indent=2))
        return
    if fmt != "table":  # one row an article judged
        rows = [r for label in _HEADINGS for r in result[label]]
        render(state, rows, fmt, columns=["stance", "article_id", "outlet", "start", "end", "evidence"])
        return
    count = len(result["independent_origins"])
    state.console.print(
        f"[bold]{markup(result['claim'])}[/]\n  {result['checked']} articles checked: {len(result['supports'])} "
        f"support it ({count} independent origin{'s' if count != 1 else ''}"
        f"{': ' + markup(_origins(result)) if count else ''}), {len(result['contradicts'])} contradict it, "
        f"{len(result['discusses'])} report it, {result['unrelated']} unrelated"
    )
    if not result["checked"]:
        state.console.print("  No article shares a word with it: ingest articles, or check the wording.")
    for label, heading in _HEADINGS.items():
        if not result[label]:
            continue
        state.console.print(f"\n[bold]{heading}[/]")
        for row in result[label]:
            state.console.print(
                f"  [cyan]{markup(row['outlet'] or '(outlet not stated)')}[/] {markup(row['title'] or '(no title)')} "
                f"[dim]{row['article_id']} {row['start']}-{row['end']} {row['by']} {row['confidence']:.2f}[/]"
            )
            state.console.print(f"    {markup(' '.join(row['evidence'].split()))}")


COMMANDS = [claims, contradictions, verify]
