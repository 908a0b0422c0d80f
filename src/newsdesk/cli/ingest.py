"""``newsdesk ingest`` and ``newsdesk analyze``."""

from __future__ import annotations

import collections
import dataclasses
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import PurePath
from types import FrameType
from typing import Any

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


# A duration: a number of seconds, minutes or hours ("90s", "5m", "1.5h"; a bare number is seconds).
_DURATION = re.compile(r"(\d+(?:\.\d*)?)\s*([smh]?)")
_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """``--every``'s value in seconds (more than none); another is a usage error."""
    if value is None:
        return None
    found = _DURATION.fullmatch(value.strip().lower())
    seconds = float(found.group(1)) * _UNIT[found.group(2)] if found else 0.0
    if seconds <= 0:
        raise click.BadParameter(f"{value!r} is not a duration: give one as 30s, 5m or 1h.", ctx=ctx, param=param)
    return seconds


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
    _print_failures(state, report)
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


def _print_failures(state: State, report: IngestReport) -> None:
    for failure in report.failures:
        state.err.print(f"[red]failed[/] {markup(failure.item)}: {markup(failure.message)}", soft_wrap=True)


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
@click.option(
    "--every",
    callback=_duration,
    metavar="DURATION",
    help="Read the files, folders, feeds and URLs again every DURATION (30s, 5m, 1h), adding what is new, until"
    " Ctrl-C or SIGTERM, which stop once the current run is done; one line a run.",
)
@click.option(
    "--times",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="With --every: stop after N runs.",
)
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
    every: float | None,
    times: int | None,
    workers: int | None,
    engine: str | None,
    ray_address: str | None,
) -> None:
    """Read articles from files, folders, JSONL, RSS/Atom feeds and URLs.

    Ingesting the same article again adds nothing. One bad item is reported and skipped; the exit
    status is 3 when any item failed. With --every, the sources are read again and again in one
    process, which keeps what the analysis built between runs (the entity linker) while nothing else
    writes to the database.
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
    if times is not None and every is None:
        raise click.UsageError("--times counts the runs of --every: give --every too.")
    if every is not None:
        _watch(state, targets, every, times, outlet=outlet, published=published, url=url, analyze=not no_analyze)
        return
    with state.corpus(create=True) as corpus, state.progress() as progress:
        report = corpus.ingest(
            targets, outlet=outlet, published=published, url=url, analyze=not no_analyze, on_progress=progress
        )
    print_report(state, report)
    if report.failures:
        raise SystemExit(ExitStatus.ITEMS_FAILED)


# How --every waits between runs and tells the time (tests replace them).
_clock: Callable[[], float] = time.monotonic


class _Woken(Exception):
    """Raised by the stop signal's handler into :meth:`_Stop.wait` only, to end the wait between runs."""


class _Stop:
    """Whether a stop signal came (``asked``), and the wait between runs it ends. Its handler (:meth:`signalled`)
    runs in the main thread between any two of its steps, so it takes no lock: a ``threading.Event`` set there
    waited forever for the lock its own ``wait`` holds as it starts waiting and as it ends."""

    def __init__(self) -> None:
        self.asked = False
        self._sleeping = False

    def is_set(self) -> bool:
        return self.asked

    def signalled(self, signum: int, frame: FrameType | None) -> None:
        if self.asked:
            raise KeyboardInterrupt  # the second signal stops the run itself
        self.asked = True
        if self._sleeping:
            raise _Woken

    def wait(self, seconds: float) -> bool:
        """Wait ``seconds``, or until a stop signal comes; whether one came."""
        try:
            try:
                self._sleeping = True
                if not self.asked:
                    time.sleep(seconds)
            finally:
                self._sleeping = False
        except _Woken:
            pass
        return self.asked


@contextmanager
def _stopping() -> Iterator[_Stop]:
    """What Ctrl-C (SIGINT) or SIGTERM (``kill``, a service manager's stop) asked in the block, which goes on: the
    watch stops once its run is done, so a stop never ends a run midway. A second signal stops the run itself, as
    without --every. Off the main thread (no signal handler can be set there), a stop nothing asks."""
    stop = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {signum: signal.signal(signum, stop.signalled) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _watch(state: State, targets: tuple[str, ...], every: float, times: int | None, **options: Any) -> None:
    """``ingest --every``: one Corpus for every run (decision 0099), a run every ``every`` seconds from the start of
    the one before (at once when a run took longer), until ``times`` runs, Ctrl-C or SIGTERM."""
    failed = False
    with state.corpus(create=True) as corpus, _stopping() as stop:
        run = 0
        while True:
            run += 1
            started = _clock()
            report = corpus.ingest(targets, **options)
            failed = failed or bool(report.failures)
            _print_failures(state, report)
            if not state.quiet:
                spent = sum(stage.seconds for stage in report.stages)
                state.err.print(
                    f"run {run} at {time.strftime('%H:%M:%S')}: {len(report.added)} added,"
                    f" {len(report.skipped)} already stored, {len(report.failures)} failed, in {spent:.1f} s"
                    + (f" (newsdesk failures --run {report.run_id})" if report.failures and report.run_id else "")
                )
            if (times is not None and run >= times) or stop.is_set():
                break
            if stop.wait(max(0.0, started + every - _clock())):
                break
    if not state.quiet and stop.is_set():
        state.err.print(f"Stopped after {plural(run, 'run')}.")
    if failed:
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
