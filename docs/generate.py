"""Regenerate the generated sections of docs/cli.md and docs/settings.md from the code.

    python docs/generate.py           rewrite the sections in place
    python docs/generate.py --check   exit 1 (and rewrite nothing) when a section is stale

docs/cli.md holds the ``--help`` of the group and of every command between ``<!-- BEGIN GENERATED CLI -->``
and ``<!-- END GENERATED CLI -->``; docs/settings.md holds a table of every setting between
``<!-- BEGIN GENERATED SETTINGS -->`` and ``<!-- END GENERATED SETTINGS -->``. Text outside the markers
is written by hand and left alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner

from newsdesk.cli import cli
from newsdesk.settings import Settings, describe

DOCS = Path(__file__).resolve().parent
# Help text is wrapped to the terminal; a fixed width keeps the output the same on every machine.
WIDTH = 80


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(
        cli, [*args, "--help"], prog_name="newsdesk", terminal_width=WIDTH, max_content_width=WIDTH
    )
    if result.exit_code != 0:
        raise SystemExit(f"newsdesk {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip() + "\n"


def cli_section() -> str:
    """Markdown for every command: a heading and its ``--help`` output, the group first."""
    ctx = click.Context(cli, info_name="newsdesk")
    parts = ["### newsdesk\n\n```text\n" + _help([]) + "```\n"]
    for name in cli.list_commands(ctx):
        parts.append(f"### newsdesk {name}\n\n```text\n" + _help([name]) + "```\n")
    return "\n".join(parts)


def _toml(value: Any) -> str:
    """A value as it would be written in newsdesk.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def settings_section() -> str:
    """A Markdown table of every setting: name, default, environment variable, help."""
    lines = [
        "| setting | default | environment variable | help |",
        "| --- | --- | --- | --- |",
    ]
    for name, _value, default, text in describe(Settings()):
        section, _, field = name.partition(".")
        env = f"NEWSDESK_{section}_{field}".upper()
        lines.append(f"| `{name}` | `{_cell(_toml(default))}` | `{env}` | {_cell(text)} |")
    return "\n".join(lines) + "\n"


SECTIONS: list[tuple[str, str, Callable[[], str]]] = [
    ("cli.md", "CLI", cli_section),
    ("settings.md", "SETTINGS", settings_section),
]


def rewrite(text: str, tag: str, body: str, *, name: str) -> str:
    """``text`` with the part between the ``tag`` markers replaced by ``body``."""
    begin, end = f"<!-- BEGIN GENERATED {tag} -->", f"<!-- END GENERATED {tag} -->"
    if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
        raise SystemExit(f"docs/{name} must hold exactly one {begin} ... {end} pair, in that order.")
    head, rest = text.split(begin)
    _, tail = rest.split(end)
    return f"{head}{begin}\n\n{body}\n{end}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated sections, or with ``--check`` report the stale ones and return 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name, tag, build in SECTIONS:
        path = DOCS / name
        current = path.read_text(encoding="utf-8")
        wanted = rewrite(current, tag, build(), name=name)
        if wanted == current:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(wanted, encoding="utf-8")
    if args.check and stale:
        sys.stderr.write(f"stale: {', '.join('docs/' + s for s in stale)}; run: python docs/generate.py\n")
        return 1
    for name in stale:
        sys.stdout.write(f"rewrote docs/{name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
