"""Who-said-what commands: ``quotes`` and ``entities``."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.options import State, errors_as_click, none_found, output_options, pass_state, render
from newsdesk.cli.show import said_as
from newsdesk.cli.terminal import markup

__all__ = ["COMMANDS"]


@click.command()
@click.option("--speaker", help="Only quotes whose speaker's name, alias or description contains this.")
@click.option("--article", "article_id", help="Only this article's quotes (an id prefix is enough).")
@click.option("--direct", is_flag=True, help="Only words in quotation marks, no reported speech.")
@click.option(
    "--views",
    is_flag=True,
    help="Also list views and attitudes nobody is reported to have said ('voters want ...', 'praised the plan').",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Only quotes at or above this confidence (attitudes such as 'voters want' are 0.45).",
)
@output_options
@pass_state
@errors_as_click
def quotes(
    state: State,
    speaker: str | None,
    article_id: str | None,
    direct: bool,
    views: bool,
    min_confidence: float,
    fmt: str,
) -> None:
    """List quotes (words said or written) with their speakers, cues and the media they are credited through."""
    with state.corpus() as corpus:
        rows = corpus.quotes(article_id=article_id, speaker=speaker, direct=direct, min_confidence=min_confidence)
    if not views:
        rows = [row for row in rows if row["kind"] == "speech"]
    if fmt != "table":
        render(state, rows, fmt, columns=["speaker", "speaker_kind", "direct", "kind", "text", "via", "article_id"])
        return
    if not rows:
        filters = {
            "--speaker": speaker,
            "--article": article_id,
            "--direct": direct,
            "--min-confidence": min_confidence,
        }
        state.console.print(none_found("quotes", filters))
        return
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_speaker.setdefault(f"{row['speaker'] or '(unattributed)'} · {row['speaker_kind']}", []).append(row)
    for who, said in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        state.console.print(f"[bold]{markup(who)}[/]")
        for row in said:
            via = f" [dim](via {markup(', '.join(map(str, row['via'])))})[/]" if row["via"] else ""
            state.console.print(f"  {said_as(row)}{via} [dim]{str(row['article_id'])[:8]}[/]")


@click.command()
@output_options
@pass_state
@errors_as_click
def entities(state: State, fmt: str) -> None:
    """List people, organisations, places and groups, with the spellings merged into each."""
    with state.corpus() as corpus:
        rows = corpus.entities()
    render(state, rows, fmt, columns=["name", "type", "aliases", "roles", "mentions", "articles", "id"])


COMMANDS = [quotes, entities]
