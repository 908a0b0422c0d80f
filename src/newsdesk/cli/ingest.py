"""``newsdesk ingest`` and ``newsdesk analyze``."""

from __future__ import annotations

import collections
import dataclasses
from pathlib import PurePath

import click

from newsdesk.cli.exit_status import ExitStatus
from newsdesk.cli.options import State, errors_as_click, moment_option, pass_state, url_option
from newsdesk.cli.terminal import markup, plural
from newsdesk.records import IngestReport, StageReport

__all__ = ["COMMANDS", "print_report"]

_WORKERS = click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Worker processes for the per-article stages (default [pipeline] workers: one per core; 1: none).",
)


_ENGINE = click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default=None,
    help="Where the per-article stages run: local worker processes, or a Ray actor pool (pip install"
    " 'newsdesk[ray]') (default [pipeline] engine: local).",
)
_RAY_ADDRESS = click.option(
    "--ray-address",
    default=None,
    metavar="ADDRESS",
    help="Ray cluster to join with --engine ray (default [pipeline] ray_address, then $RAY_ADDRESS, else a local Ray).",
)


def _with_workers(state: State, workers: int | None, engine: str | None = None, ray_address: str | None = None) -> None:
    changes: dict[str, object] = {}
    if workers is not None:
        changes["workers"] = workers
    if engine is not None:
        changes["engine"] = engine
    if ray_address is not None:
        changes["ray_address"] = ray_address
    if changes:
        state.settings = dataclasses.replace(
            state.settings,
            pipeline=dataclasses.replace(state.settings.pipeline, **changes),  # type: ignore[arg-type]
        )


def print_report(state: State, report: IngestReport) -> None:
    """One line a failure on stderr (what, which item, why, what to do), then a summary."""
    for failure in report.failures:
        state.err.print(f"[red]failed[/] {markup(failure.item)}: {markup(failure.message)}", soft_wrap=True)
    if state.quiet:
        return
    state.err.print(
        f"{len(report.added)} added, {len(report.skipped)} already stored, {len(report.failures)} failed"
        # Each warning was logged above as it was met (a header date left unknown, say); the items were added.
        + (f", {plural(len(report.warnings), 'warning')}" if report.warnings else "")
        + "."
        + (f" See: newsdesk failures --run {report.run_id or ''}".rstrip() if report.failures else "")
    )
    if report.unread:
        kinds = collections.Counter(PurePath(path).suffix.lower() or "no extension" for path in report.unread)
        counted = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
        state.err.print(
            f"{plural(len(report.unread), 'file')} in the folders not read, being no format newsdesk reads "
            f"({markup(counted)}); name a file on the command "
            "line to read it whatever its extension.",
            soft_wrap=True,
        )
    _print_stages(state, report.stages[1:])


def _print_stages(state: State, stages: tuple[StageReport, ...] | list[StageReport]) -> None:
    """One line a stage, or none when no article went through any (twelve lines of "0/0" say nothing)."""
    if not any(stage.items_in or stage.failures for stage in stages):
        return
    for stage in stages:
        state.err.print(
            f"  {stage.stage}: {stage.items_out}/{plural(stage.items_in, 'article')} in {stage.seconds:.2f} s"
            + (f", {stage.failures} failed" if stage.failures else "")
        )


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--outlet", help="Outlet name for articles that do not state one.")
@click.option(
    "--published",
    callback=moment_option,
    help="Publication date (2026-03-01, 2026-03-01T09:30:00+01:00, 1 March 2026) for articles that do not state one.",
)
@click.option("--url", callback=url_option, help="Canonical URL of the article (one item only).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow fetching from loopback and private addresses (refused by default).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="In folders, read what symbolic links point to outside the folder (refused by default).",
)
@click.option("--no-analyze", is_flag=True, help="Store the articles but skip the analysis stages.")
@_WORKERS
@_ENGINE
@_RAY_ADDRESS
@pass_state
@errors_as_click
def ingest(
    state: State,
    targets: tuple[str, ...],
    outlet: str | None,
    published: str | None,
    url: str | None,
    allow_private: bool,
    follow_links: bool,
    no_analyze: bool,
    workers: int | None,
    engine: str | None,
    ray_address: str | None,
) -> None:
    """Read articles from files, folders, JSONL, RSS/Atom feeds and URLs.

    Ingesting the same article again adds nothing. One bad item is reported and skipped; the exit
    status is 3 when any item failed.
    """
    _with_workers(state, workers, engine, ray_address)
    if allow_private:
        state.settings = dataclasses.replace(
            state.settings, fetch=dataclasses.replace(state.settings.fetch, allow_private=True)
        )
    if follow_links:
        state.settings = dataclasses.replace(
            state.settings, ingest=dataclasses.replace(state.settings.ingest, follow_links=True)
        )
    with state.corpus(create=True) as corpus, state.progress() as progress:
        report = corpus.ingest(
            targets, outlet=outlet, published=published, url=url, analyze=not no_analyze, on_progress=progress
        )
    print_report(state, report)
    if report.failures:
        raise SystemExit(ExitStatus.ITEMS_FAILED)


@click.command()
@click.option("--redo", is_flag=True, help="Re-run every stage on every article, not only on new ones.")
@_WORKERS
@_ENGINE
@_RAY_ADDRESS
@pass_state
@errors_as_click
def analyze(state: State, redo: bool, workers: int | None, engine: str | None, ray_address: str | None) -> None:
    """Run the analysis stages over stored articles (after an upgrade, say)."""
    _with_workers(state, workers, engine, ray_address)
    with state.corpus() as corpus, state.progress() as progress:
        reports = corpus.analyze(redo=redo, on_progress=progress)
        idle = not any(r.items_in or r.failures for r in reports)
        stored = corpus.count() if idle else None
    if not state.quiet:
        _print_stages(state, reports)
        if stored == 0:
            state.err.print(
                "Nothing to analyse: the database holds no articles. Ingest articles first (newsdesk ingest PATH)."
            )
        elif idle:
            state.err.print(
                "Nothing to analyse: every stored article has been through every stage (--redo runs them again)."
            )
    if any(r.failures for r in reports):
        raise SystemExit(ExitStatus.ITEMS_FAILED)


COMMANDS = [ingest, analyze]
