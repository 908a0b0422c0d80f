"""``newsdesk demo``: ingest the invented sample corpus into a fresh database and show what was found."""

from __future__ import annotations

import collections
import dataclasses
import sys
from pathlib import Path
from typing import Any

import click
from rich.text import Text
from rich.tree import Tree

from newsdesk.cli.ingest import print_report
from newsdesk.cli.options import State, errors_as_click, pass_state, render
from newsdesk.cli.serve import host_options, start
from newsdesk.cli.terminal import markup, plural, printable
from newsdesk.outlets import named

__all__ = ["COMMANDS"]

DEMO_DB = "newsdesk-demo.db"


def _print_quotes(state: State, said: list[dict[str, Any]]) -> None:
    """Direct quotes per speaker, most quoted first; a quote reprinted by several articles is listed once."""
    direct = [q for q in said if q["direct"]]
    by_speaker: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for q in direct:
        who = (str(q["speaker"] or "(unattributed)"), str(q["speaker_kind"]))
        by_speaker.setdefault(who, {}).setdefault(q["text"], []).append(q)
    title = (
        f"Who said what: {plural(len(direct), 'direct quote')} by {plural(len(by_speaker), 'speaker')} "
        f"({plural(len(said) - len(direct), 'reported statement')}: newsdesk quotes)"
    )
    rows = []
    for (speaker, kind), texts in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        for i, (text, copies) in enumerate(texts.items()):
            short = text if len(text) <= 90 else text[:87] + "…"
            rows.append(
                {
                    "speaker": speaker if i == 0 else "",
                    "kind": kind if i == 0 else "",
                    "quote": f"“{short}”",
                    "via": sorted({v for q in copies for v in q["via"]}),
                    "articles": sorted({q["article_id"][:8] for q in copies}),
                }
            )
    render(state, rows, "table", columns=["speaker", "kind", "quote", "via", "articles"], title=title)


@click.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=DEMO_DB,
    show_default=True,
    help="Demo database to create (replaced only if it is a demo database).",
)
@click.option(
    "--serve/--no-serve",
    default=None,
    help="Then serve the web UI and print its URL.  [default: serve when run in a terminal]",
)
@host_options
@pass_state
@errors_as_click
def demo(state: State, out: str, serve: bool | None, host: str, port: int, allow_hosts: tuple[str, ...]) -> None:
    """Ingest the sample corpus shipped with newsdesk (invented news), print what it found, and serve the UI."""
    from newsdesk.corpus import is_demo_database, open_corpus
    from newsdesk.demo import corpus_path

    if out.startswith(("postgresql://", "postgres://")):
        raise click.ClickException(
            "newsdesk demo writes a SQLite file (--out PATH). To try the demo corpus on PostgreSQL, ingest it there: "
            f"newsdesk --db '{out}' ingest {corpus_path()}"
        )
    path = Path(out)
    if not path.expanduser().resolve().parent.is_dir():
        raise click.ClickException(
            f"Cannot create {printable(out)}: folder {printable(str(path.expanduser().resolve().parent))} does not "
            "exist. Create it or pass another --out path."
        )
    if path.exists() and not is_demo_database(path):
        raise click.ClickException(
            f"{path} exists and is not a demo database made by `newsdesk demo`; it is left alone. "
            "Pass another path with --out."
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    source = corpus_path()
    state.err.print(f"Ingesting the demo corpus from {source} into {path} …")
    with open_corpus(path, settings=state.settings) as corpus, state.progress() as progress:
        corpus.mark_demo()
        report = corpus.ingest([source], on_progress=progress)
        rows = corpus.articles()
        story_rows = corpus.stories()
        said = corpus.quotes()
    # The corpus folder's README and annotations (expected.json) are not articles: not counted as files left unread.
    print_report(state, dataclasses.replace(report, unread=()))
    console = state.console
    listed = [
        {
            "id": row["id"][:8],
            "outlet": row["outlet"],
            "published": (row["published"] or "")[:10] or "not stated",
            "title": Text.assemble(
                printable(row["title"] or "(no title)"), (" (AI-written)" if row["ai_generated"] else "", "magenta")
            ),
            "cites": row["cites"],
            "copy of": (row["duplicate_of"] or "")[:8] or None,
        }
        for row in rows
    ]
    columns = ["id", "outlet", "published", "title", "cites", "copy of"]
    render(state, listed, "table", columns=columns, title=plural(len(rows), "article"))
    console.print(f"[bold]{plural(len(story_rows), 'story', 'stories')}[/]")
    for story in story_rows:
        tree = Tree(f"[bold]{markup(story['title'] or '(untitled)')}[/] [dim]{story['id']}[/]")
        for event in story["events"]:
            dates = (event["first_seen"] or "undated")[:10]
            count = plural(len(event["article_ids"]), "article")
            tree.add(f"{markup(event['title'] or '(untitled)')} [dim]{dates} · {count}[/]")
        console.print(tree)
    origins = len({r["origin"] or r["id"] for r in rows})
    copies = sum(1 for r in rows if r["duplicate_of"])
    console.print(
        f"[bold]Independent origins:[/] {origins} for {plural(len(rows), 'article')} "
        f"({plural(copies, 'copy', 'copies')} found)"
    )
    outlets = collections.Counter(r["outlet"] or "(unknown)" for r in rows)
    # An agency credited by its initials is counted under the name its own articles are stored by ("MPA").
    spelled = named({c for r in rows for c in r["cites"]}, {r["outlet"] for r in rows if r["outlet"]})
    cited = collections.Counter(name for r in rows for name in {spelled[c] for c in r["cites"]})
    console.print(f"[bold]Outlets:[/] {', '.join(f'{o} ({n})' for o, n in outlets.most_common())}")
    console.print(f"[bold]Most cited as a source:[/] {', '.join(f'{o} ({n})' for o, n in cited.most_common(5))}")
    _print_quotes(state, said)
    undated = sum(1 for r in rows if not r["published"])
    console.print(
        f"[bold]Without a stated date:[/] {undated}   [bold]AI-written aggregates:[/] "
        f"{sum(r['ai_generated'] for r in rows)}"
    )
    console.print(
        f"\nNext: [cyan]newsdesk --db {path} articles[/], [cyan]newsdesk --db {path} show "
        f"{rows[0]['id'][:8] if rows else 'ID'}[/], [cyan]newsdesk --db {path} search 'dam'[/], "
        f"[cyan]newsdesk --db {path} story {story_rows[0]['id'][:8] if story_rows else 'ID'}[/], "
        f"[cyan]newsdesk --db {path} serve[/]"
    )
    # Serving blocks until Ctrl-C: only where someone can press it, unless asked for explicitly.
    if serve if serve is not None else (sys.stdin.isatty() and sys.stdout.isatty()):
        state.db = str(path)
        start(state, host, port, allow_hosts)


COMMANDS = [demo]
