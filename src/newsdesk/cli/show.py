"""Reading commands: ``articles``, ``show``, ``failures``, ``search``."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import click
from rich.text import Text

from newsdesk.cli.options import (
    State,
    TextCommand,
    cell,
    date_option,
    errors_as_click,
    output_options,
    pass_state,
    render,
    unknown_outlet,
)
from newsdesk.cli.terminal import dumps, markup, plural, printable, published
from newsdesk.errors import NotFoundError
from newsdesk.report import provenance

__all__ = ["COMMANDS", "said_as"]


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
        if not rows:
            unknown_outlet(state, corpus, outlet)
    render(
        state,
        _readable(rows, fmt),
        fmt,
        columns=["id", "outlet", "published", "title", "words", "ai_generated", "cites"],
        title=plural(len(rows), "article"),
    )


@click.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--raw", is_flag=True, help="Print the raw input as received instead of the clean text.")
@pass_state
@errors_as_click
def show(state: State, article_id: str, as_json: bool, raw: bool) -> None:
    """Show one article: its metadata, where its report comes from, its clean text and its quotes (an id prefix
    is enough).

    --json adds the article's quotes, the entities it mentions (with each mention's span), its copies, the other
    articles of its origin group, its story, and the origin and credits in words (``provenance``).
    """
    with state.corpus() as corpus:
        data = corpus.article_json(article_id)
        article = corpus.article(article_id)
        said = corpus.quotes(article_id=article.id)
        related = corpus.related(article.id)
        mentions = corpus.mentions(article.id)
        names = corpus.entity_names(sorted({m["entity_id"] for m in mentions if m["entity_id"]}))
    words = provenance.describe(data, said, related["origin"], related["copies"])
    if as_json:
        data |= {
            "quotes": said,
            "entities": _entities(mentions, names),
            "copies": [_short(a) for a in related["copies"]],
            "origin_group": [_short(a) for a in related["origin"]],
            "story": related["story"],
            "provenance": words,
        }
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
        # "—" for a field the article does not state, never "None"; a date without its midnight time.
        shown = cell(published(data.get(key)) if key == "published" else data.get(key))
        if key == "outlet" and (written := (data.get("meta") or {}).get("outlet_as_written")):
            shown += f" (stated as {written})"  # stored under the store's spelling of that outlet (decision 0069)
        console.print(f"[dim]{key:>13}[/] {markup(shown)}")
    if words["origin"]:
        console.print(f"[dim]{'origin':>13}[/] {markup(words['origin'])}")
    console.print(f"[dim]{'credits':>13}[/] {markup(words['credits'])}")
    console.print()
    console.print(_marked(article.text, said), soft_wrap=not console.is_terminal)
    if said:
        # The colours are a terminal's: piped, the text is plain and each quote below says its kind.
        legend = (
            " [dim](in the text: [green]green[/] direct quotes, [cyan]cyan[/] reported speech, [magenta]magenta[/] "
            "views and attitudes nobody is said to have voiced, [bold]bold[/] who holds them)[/]"
        )
        console.print("\n[bold]Quotes[/]" + (legend if console.is_terminal else ""))
        for q in said:
            via = f" via {', '.join(q['via'])}" if q["via"] else ""
            console.print(
                f"  [bold]{markup(q['speaker'] or '(unattributed)')}[/] [dim]{q['speaker_kind']}, "
                f"{markup(q['cue'] or 'no cue')}{markup(via)}, {q['confidence']:.2f}[/]: {said_as(q, 160)}"
            )
    if article.furniture:
        pieces = plural(len(article.furniture), "piece", "pieces")
        console.print(f"\n[dim]{pieces} of page furniture removed (see --json)[/]")


def _readable(rows: list[dict[str, Any]], fmt: str) -> list[dict[str, Any]]:
    """Rows whose publication date the table and TSV show as a person reads it (the day, and the time only when
    the article gives one); JSON, JSON lines and CSV keep the stored ISO value, for programs."""
    if fmt not in ("table", "tsv"):
        return rows
    return [{**row, "published": published(row.get("published"))} for row in rows]


def said_as(quote: dict[str, Any], limit: int | None = None) -> str:
    """A quote as rich markup: direct words inside quotation marks, reported speech labelled and never quoted, and
    a view or attitude nobody is reported to have said labelled as one, never as speech."""
    text = str(quote["text"])
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    if quote["direct"]:
        return f"[green]direct[/] “{markup(text)}”"
    if quote.get("kind") == "view":
        return f"[magenta]view[/] {markup(text)}"
    return f"[cyan]reported[/] {markup(text)}"


def _short(article: dict[str, Any]) -> dict[str, Any]:
    return {k: article.get(k) for k in ("id", "outlet", "title", "published", "url", "duplicate_of")}


def _entities(mentions: list[dict[str, Any]], names: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The entities an article mentions, in the order it first names them, each with its mentions' spans."""
    found: dict[str, dict[str, Any]] = {}
    for m in mentions:
        if not m["entity_id"]:
            continue
        named = names.get(m["entity_id"], {})
        entity = found.setdefault(
            m["entity_id"],
            {"id": m["entity_id"], "name": named.get("name"), "type": named.get("type"), "mentions": []},
        )
        entity["mentions"].append({"text": m["text"], "start": m["start"], "end": m["end"], "role": m["role"]})
    return list(found.values())


def _marked(text: str, said: list[dict[str, Any]]) -> Text:
    """The article text with direct quotes in green, reported speech in cyan, views in magenta and the words naming
    their speakers in bold."""
    # One character for one: the quotes' offsets still fit. Clean text holds no control characters; raw may.
    marked = Text(_CONTROL_CHAR.sub("\ufffd", text))
    for q in said:
        marked.stylize(
            "green" if q["direct"] else "magenta" if q.get("kind") == "view" else "cyan", q["start"], q["end"]
        )
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
        if run_id is not None and not rows:
            # Runs are numbered from 1 in order: a number past the latest names no run, which "0 failures" hides.
            latest = corpus.runs(limit=1)
            if not latest or not 1 <= run_id <= latest[0]["id"]:
                known = f"runs are numbered 1 to {latest[0]['id']}" if latest else "nothing has run yet"
                raise NotFoundError(f"No run {run_id}: {known}. Ingest prints each run's number.")
    title = plural(len(rows), "failure")
    if run_id is not None:
        title += f" in run {run_id}"
    elif run is not None:
        title += f" in run {run['id']} ({markup(run['command'])}, {run['started_at'][:16]}, {run['status']})"
    render(state, rows, fmt, columns=["stage", "item", "message"], title=title)


@click.command(cls=TextCommand)
@click.argument("query")
@click.option("--outlet", help="Only this outlet's articles.")
@click.option(
    "--since", callback=date_option, help="Only articles published on or after this date (2026-03-01, 1 March 2026)."
)
@click.option("--until", callback=date_option, help="Only articles published on or before this date.")
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
    phrase" is searched as written, and so is the whole query with --exact. Matches are shown in bold on a
    terminal, and [in brackets] when piped or printed as JSON, CSV or TSV. A query that starts with a hyphen goes
    after the options and a "--": newsdesk search --limit 5 -- -word.
    """
    with state.corpus() as corpus:
        rows = corpus.search(query, limit=limit, outlet=outlet, since=since, until=until, marks=_MARKS, exact=exact)
        if not rows:
            unknown_outlet(state, corpus, outlet)
    # Text cannot hold control characters, so these markers are unambiguous; brackets are for people.
    marked = {r["id"]: r["snippet"] for r in rows}
    rows = [{**r, "snippet": r["snippet"].replace(_MARKS[0], "[").replace(_MARKS[1], "]")} for r in rows]
    if fmt == "table":
        # Article text is shown as plain text (never read as markup), with the matches in bold on a terminal and
        # [in brackets] when piped, where bold is lost.
        bold = state.console.is_terminal
        rows = [
            {
                **r,
                "outlet": r["outlet"] or "—",
                "title": r["title"] or "(no title)",
                "snippet": _bold(marked[r["id"]]) if bold else r["snippet"],
            }
            for r in rows
        ]
    render(
        state,
        _readable(rows, fmt),
        fmt,
        columns=["id", "outlet", "published", "title", "snippet", "score"],
        title=f"{plural(len(rows), 'match', 'matches')} for {markup(repr(query))}",
    )


_MARKS = ("\x02", "\x03")
_CONTROL_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _bold(snippet: str) -> Text:
    pieces = snippet.replace(_MARKS[1], _MARKS[0]).split(_MARKS[0])
    return Text.assemble(*((printable(p), "bold yellow") if i % 2 else printable(p) for i, p in enumerate(pieces)))


COMMANDS = [articles, show, failures, search]
