"""Reading commands: ``articles``, ``show``, ``failures``, ``search``."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import click
from rich.text import Text

from newsdesk.cli.options import State, errors_as_click, output_options, pass_state, render
from newsdesk.cli.terminal import dumps, markup, printable

__all__ = ["COMMANDS"]


@click.command()
@click.option("--outlet", help="Only this outlet's articles.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@output_options
@pass_state
@errors_as_click
def articles(state: State, outlet: str | None, limit: int | None, fmt: str) -> None:
    """List stored articles with their metadata."""
    with state.corpus() as corpus:
        rows = corpus.articles(outlet=outlet, limit=limit)
    render(
        state,
        rows,
        fmt,
        columns=["id", "outlet", "published", "title", "words", "ai_generated", "cites"],
        title=f"{len(rows)} articles",
    )


@click.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--raw", is_flag=True, help="Print the raw input as received instead of the clean text.")
@pass_state
@errors_as_click
def show(state: State, article_id: str, as_json: bool, raw: bool) -> None:
    """Show one article: its metadata and clean text (an id prefix is enough)."""
    with state.corpus() as corpus:
        data = corpus.article_json(article_id)
        article = corpus.article(article_id)
        said = corpus.quotes(article_id=article.id)
    if as_json:
        click.echo(dumps(data, indent=2))
        return
    if raw:
        # Raw input is shown as received when piped; a terminal gets its control characters escaped.
        click.echo(printable(article.raw) if state.console.is_terminal else article.raw)
        return
    console = state.console
    console.print(f"[bold]{markup(article.title or '(no title)')}[/]")
    for key in (
        "id",
        "outlet",
        "byline",
        "published",
        "dateline",
        "url",
        "source",
        "language",
        "words",
        "ai_generated",
        "cites",
        "duplicate_of",
    ):
        value = data.get(key)
        console.print(f"[dim]{key:>13}[/] {markup(', '.join(value) if isinstance(value, list) else str(value))}")
    console.print()
    console.print(_marked(article.text, said), soft_wrap=False)
    if said:
        console.print("\n[bold]Quotes[/] [dim](green: quoted words, bold: who says them)[/]")
        for q in said:
            via = f" via {', '.join(q['via'])}" if q["via"] else ""
            console.print(
                f"  [bold]{markup(q['speaker'] or '(unattributed)')}[/] [dim]{q['speaker_kind']}, "
                f"{markup(q['cue'] or 'no cue')}{markup(via)}, {q['confidence']:.2f}[/]: {markup(q['text'][:160])}"
            )
    if article.furniture:
        console.print(f"\n[dim]{len(article.furniture)} pieces of page furniture removed (see --json)[/]")


def _marked(text: str, said: list[dict[str, Any]]) -> Text:
    """The article text with quotes in green and the words naming their speakers in bold."""
    # One character for one: the quotes' offsets still fit. Clean text holds no control characters; raw may.
    marked = Text(_CONTROL_CHAR.sub("\ufffd", text))
    for q in said:
        marked.stylize("green" if q["direct"] else "cyan", q["start"], q["end"])
        if q["speaker_start"] is not None and q["speaker_end"] is not None:
            marked.stylize("bold underline", q["speaker_start"], q["speaker_end"])
    return marked


@click.command()
@click.option("--last", is_flag=True, help="Only the failures of the latest run that has ended.")
@click.option("--run", "run_id", type=int, help="Only the failures of this run (ingest prints its number).")
@output_options
@pass_state
@errors_as_click
def failures(state: State, last: bool, run_id: int | None, fmt: str) -> None:
    """List items and articles that could not be processed, and why.

    --last picks the latest run that has ended: a run still going in another process is left out, and a run
    whose process was killed reads as interrupted.
    """
    with state.corpus() as corpus:
        run = corpus.last_run() if last and run_id is None else None
        rows = [dataclasses.asdict(f) for f in corpus.failures(last_run=last, run_id=run_id)]
    title = f"{len(rows)} {'failure' if len(rows) == 1 else 'failures'}"
    if run_id is not None:
        title += f" in run {run_id}"
    elif run is not None:
        title += f" in run {run['id']} ({markup(run['command'])}, {run['started_at'][:16]}, {run['status']})"
    render(state, rows, fmt, columns=["stage", "item", "message"], title=title)


@click.command()
@click.argument("query")
@click.option("--outlet", help="Only this outlet's articles.")
@click.option("--since", help="Only articles published on or after this date (2026-03-01).")
@click.option("--until", help="Only articles published on or before this date.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many.")
@click.option("--exact", is_flag=True, help="Search the words as written, not also the aliases of a name.")
@output_options
@pass_state
@errors_as_click
def search(
    state: State,
    query: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    exact: bool,
    fmt: str,
) -> None:
    """Full-text search over titles and article text (SQLite FTS5 syntax), best match first.

    A query that is not FTS5 syntax, or has a hyphen inside a word (it's, U.S., co-operation), is searched as
    plain words. Unquoted words that name an entity also find its aliases (Yunus, Mohamed Yunus); a "quoted
    phrase" is searched as written, and so is the whole query with --exact. Matches are shown [in brackets] in
    each snippet.
    """
    with state.corpus() as corpus:
        rows = corpus.search(query, limit=limit, outlet=outlet, since=since, until=until, marks=_MARKS, exact=exact)
    # Text cannot hold control characters, so these markers are unambiguous; brackets are for people.
    marked = {r["id"]: r["snippet"] for r in rows}
    rows = [{**r, "snippet": r["snippet"].replace(_MARKS[0], "[").replace(_MARKS[1], "]")} for r in rows]
    if fmt == "table":
        # Article text is shown as plain text (never read as markup), with the matches in bold.
        rows = [
            {**r, "outlet": r["outlet"] or "—", "title": r["title"] or "(no title)", "snippet": _bold(marked[r["id"]])}
            for r in rows
        ]
    render(
        state,
        rows,
        fmt,
        columns=["id", "outlet", "published", "title", "snippet", "score"],
        title=f"{len(rows)} matches for {markup(repr(query))}",
    )


_MARKS = ("\x02", "\x03")
_CONTROL_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _bold(snippet: str) -> Text:
    pieces = snippet.replace(_MARKS[1], _MARKS[0]).split(_MARKS[0])
    return Text.assemble(*((printable(p), "bold yellow") if i % 2 else printable(p) for i, p in enumerate(pieces)))


COMMANDS = [articles, show, failures, search]
