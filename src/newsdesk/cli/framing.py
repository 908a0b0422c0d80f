"""``newsdesk framing``: how the outlets of a story tell it, side by side."""

from __future__ import annotations

import json
from typing import Any

import click

from newsdesk.cli.options import State, errors_as_click, pass_state
from newsdesk.cli.terminal import markup, plural

__all__ = ["COMMANDS"]


def _terms(rows: list[dict[str, Any]]) -> str:
    """Each term with its count and z; a group's own wording, too rare to test, as "only here"."""
    return (
        ", ".join(
            f"{t['term']} ({t['count']}, z {t['z']:.1f})"
            if t["significant"]
            else f"{t['term']} ({t['count']}, only here)"
            for t in rows
        )
        or "none that stand out"
    )


@click.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the framing as one JSON object (docs/json.md).")
@pass_state
@errors_as_click
def framing(state: State, story_id: str, as_json: bool) -> None:
    """Compare how the outlets of a story tell it: each outlet's distinctive wording (log-odds with an informative
    prior, with counts and an example), its loaded words and the neutral words others use, the claims it leaves
    out that two or more other origins carry, and competing names for one thing.

    Outlets are grouped as [framing] groups says ("outlet = group" items); otherwise each outlet is its own group.
    """
    with state.corpus() as corpus:
        found = corpus.framing(story_id)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    out = state.console
    out.print(f"[bold]{markup(found['story']['title'] or found['story']['id'])}[/] [dim]{found['story']['id']}[/]")
    if found["note"]:
        out.print(markup(found["note"]))
    for group in found["groups"]:
        # A group that is one outlet of the same name is not named twice.
        outlets = "" if group["outlets"] == [group["name"]] else "; " + ", ".join(group["outlets"])
        out.print(
            f"\n[bold cyan]{markup(group['name'])}[/] [dim]{plural(group['articles'], 'article')}{markup(outlets)}[/]"
        )
        out.print(f"  distinctive: {markup(_terms(group['terms']))}")
        shown: set[tuple[str, str]] = set()  # two terms of one sentence show it once
        for term in group["terms"][:3]:
            for example in term["examples"][:1]:
                if (key := (example["article_id"], example["sentence"])) in shown:
                    continue
                shown.add(key)
                out.print(f"    [dim]“{markup(example['sentence'])}” ({example['article_id'][:8]})[/]")
        for row in group["loaded"][:6]:
            alternative = f" → {row['alternative']}" if row["alternative"] else ""
            used = f" (used by {', '.join(row['alternative_used_by'])})" if row["alternative_used_by"] else ""
            out.print(f"  loaded: [yellow]{markup(row['text'])}[/] ×{row['count']}{markup(alternative + used)}")
        for claim in group["omitted"][:5]:
            out.print(f"  leaves out: {markup(claim['text'])} [dim]({claim['origins']} origins)[/]")
    for pair in found["pairs"][:10]:
        a, b = pair["sides"]
        out.print(
            f"\n[bold]competing names[/] ({pair['kind']}, {pair['confidence']:.2f}): "
            f"{markup(a['term'])} [dim]({markup(a['group'])})[/] / {markup(b['term'])} [dim]({markup(b['group'])})[/]"
        )
    if found["skipped"]:
        out.print(f"\n[dim]{len(found['skipped'])} articles not in English were left out.[/]")


COMMANDS = [framing]
