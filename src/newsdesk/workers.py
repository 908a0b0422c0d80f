"""Worker processes for the per-article stages: a pool that lives for one run, one spaCy model per worker.

:class:`Workers` starts its processes once per run, each a fresh interpreter started with ``python -c`` (never a
fork of a process that may hold threads or an open database, and never a second run of the caller's main
script), and is the run's :class:`~newsdesk.pipeline.Engine`. A per-article stage hands it units of consecutive
articles (a parse group of the quotes stage, 32 articles of the others); a worker computes a unit's result with
the stage's own code, and the results come back in input order. The corpus stages (dedupe, cluster, origins,
entity linking, claim matching) run in the main process on what comes back, so a run gives what a one-process
run gives. The workers never open the database: the main process alone writes the store, which keeps a killed
run's store consistent.

A worker that dies on a unit (a crash in native code, ``os._exit``, the out-of-memory killer), or that runs past
the unit's time (``[pipeline] item_seconds`` per article, plus :data:`GRACE_SECONDS` to load the model), is
replaced, and each article of that unit is tried again on its own; an article that still kills its worker
becomes a :class:`~newsdesk.errors.WorkerError` failure and the batch goes on. An exception that escapes a unit
is handled the same way (per-article exceptions are recorded by the stage itself, as in one process).

Workers run in a process group of their own, so Ctrl-C at a terminal reaches the main process alone, which stops
them. A worker whose main process is killed exits with it (Linux: ``PR_SET_PDEATHSIG``; elsewhere when it next
reads from or writes to its closed socket).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from types import TracebackType

from newsdesk import nlp
from newsdesk.errors import ConfigError, PipelineError
from newsdesk.pipeline import Context, Stage, StageResult, run_unit, unit_failure
from newsdesk.records import Article, Failure
from newsdesk.settings import Settings

__all__ = ["GRACE_SECONDS", "Workers", "count"]

log = logging.getLogger(__name__)

# What a worker runs: it takes the caller's import path first, so that stages of plugins and tests import there.
_BOOT = (
    "import sys; from multiprocessing.connection import Connection; conn = Connection(int(sys.argv[1]));"
    " sys.path[:] = conn.recv(); from newsdesk.workers import _serve; _serve(conn, int(sys.argv[2]))"
)
# Seconds a unit may run past its articles' budget before its worker is stopped: a new worker imports newsdesk and
# loads the model (2-5 s on an idle machine, much more on a busy one) before its first unit.
GRACE_SECONDS = 120.0
_PR_SET_PDEATHSIG = 1
# Workers in a row that may die before they are ready (newsdesk cannot be imported there, say) before the
# stages run in the main process instead.
_START_TRIES = 3
_UNSTARTED = "unstarted"
_STOPPED = ("WorkerError", "its worker stopped")


def count(workers: int) -> int:
    """The number of worker processes ``[pipeline] workers`` asks for: itself, or one per usable core for 0.

    Raises:
        ConfigError: a negative number.
    """
    if workers < 0:
        raise ConfigError(f"[pipeline] workers is {workers}: give a number of processes, or 0 for one per core.")
    if workers:
        return workers
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


@dataclass(slots=True)
class _Task:
    """Articles sent to a worker: a whole unit (``part`` None) or one article of it tried alone."""

    index: int
    part: int | None
    articles: list[Article]
    # Why it failed, when it did: the error's name and a message.
    why: tuple[str, str] = _STOPPED


@dataclass(slots=True)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    task: _Task | None = None
    deadline: float = float("inf")
    ready: bool = False  # it has started (imported newsdesk): its task's time runs from then


class Workers:
    """A pool of ``count`` worker processes for one run; use it as a context manager, which stops them."""

    def __init__(self, count: int, settings: Settings) -> None:
        self.settings = settings
        # A worker parses in its own process: nlp.pipe's n_process would start processes of its own.
        self._worker_settings = dataclasses.replace(settings, nlp=dataclasses.replace(settings.nlp, processes=1))
        self.lost = 0  # workers that died or were stopped during the run
        self._unstartable = 0  # workers in a row that died before they were ready
        self._slots: list[_Worker] = []
        self._closed = False
        try:
            for _ in range(count):
                self._slots.append(self._start())
        except BaseException:
            self.close(now=True)
            raise

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close(now=kind is not None)

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers now running."""
        return [w.process.pid for w in self._slots]

    def _start(self) -> _Worker:
        if self._closed:  # stopped while a run was still using them (a thread's run, after Ctrl-C): no new one
            raise PipelineError("the worker processes were stopped")
        here, there = socket.socketpair()
        with there:
            process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(there.fileno()), str(os.getpid())],
                pass_fds=(there.fileno(),),
                stdin=subprocess.DEVNULL,
                process_group=0,  # Ctrl-C at a terminal reaches the main process only, which stops the workers
            )
        conn = Connection(here.detach())
        try:
            conn.send(list(sys.path))
            conn.send(self._worker_settings)
        except OSError:  # it died at once: the first task finds out why
            pass
        return _Worker(process, conn)

    def close(self, *, now: bool = False) -> None:
        """Stop the workers: ask them to finish (or, with ``now``, terminate them) and wait for them."""
        self._closed = True
        slots, self._slots = self._slots, []
        if not now:
            for worker in slots:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
        for worker in slots:
            _stop(worker, wait=0.0 if now else 5.0)

    def run(self, job: Stage, units: Sequence[Sequence[Article]]) -> Iterator[StageResult]:
        """The result of ``job.run(unit, ...)`` for each unit, in order, computed by the workers."""
        try:
            pickle.dumps(job)
        except Exception as exc:  # a plugin stage made of a lambda, say: it runs here, as without workers
            log.warning("stage %s cannot be sent to worker processes (%s); it runs in the main process", job.name, exc)
            yield from self._here(job, units)
            return
        for position, worker in enumerate(self._slots):
            if worker.task is not None:  # left busy by a run that was given up: its answer belongs to nobody
                _stop(worker, wait=0.0)
                self._slots[position] = self._start()
        queue = deque(_Task(i, None, list(unit)) for i, unit in enumerate(units))
        finished: dict[int, StageResult] = {}
        parts: dict[int, list[StageResult | None]] = {}
        following = 0
        while following < len(units):
            if self._closed:  # stopped while a thread still fed it (Ahead, after Ctrl-C): its units are dropped
                raise PipelineError("the worker processes were stopped")
            if following in finished:
                yield finished.pop(following)
                following += 1
                continue
            if self._unstartable >= _START_TRIES:  # workers die before they start: no article is to blame
                log.warning("worker processes could not start; stage %s runs in the main process", job.name)
                rest = [unit for i, unit in enumerate(units) if i >= following]
                yield from self._here(job, rest)
                return
            self._hand_out(job, queue)
            for task, result in self._collect(job):
                if task.why[0] == _UNSTARTED:  # not the article's doing: it goes again, first
                    task.why = _STOPPED
                    queue.appendleft(task)
                    continue
                if task.part is None and result is None and len(task.articles) > 1:
                    # The unit failed as a whole: each of its articles is tried again alone, first.
                    parts[task.index] = [None] * len(task.articles)
                    queue.extendleft(reversed([_Task(task.index, p, [a]) for p, a in enumerate(task.articles)]))
                    continue
                if result is None:
                    result = StageResult(articles=[], failures=[self._failure(job, task)])
                if task.part is None:
                    finished[task.index] = result
                    continue
                slots = parts[task.index]
                slots[task.part] = result
                if all(s is not None for s in slots):
                    done = [s for s in slots if s is not None]
                    del parts[task.index]
                    finished[task.index] = StageResult(
                        articles=[a for s in done for a in s.articles],
                        failures=[f for s in done for f in s.failures],
                    )

    def _here(self, job: Stage, units: Sequence[Sequence[Article]]) -> Iterator[StageResult]:
        context = Context(settings=self.settings)
        for unit in units:
            yield job.run(list(unit), context)

    def _failure(self, job: Stage, task: _Task) -> Failure:
        return unit_failure(job, task.articles[0], *task.why)

    def _hand_out(self, job: Stage, queue: deque[_Task]) -> None:
        for position, worker in enumerate(self._slots):
            if worker.task is not None:
                continue
            if worker.process.poll() is not None:  # died between tasks (its last reply had been read)
                _stop(worker, wait=0.0)
                self.lost += 1
                self._slots[position] = worker = self._start()
            if not queue:
                return
            task = queue.popleft()
            try:
                worker.conn.send((job, task.articles))
            except (OSError, ValueError):  # it died just now: the task goes back, first
                queue.appendleft(task)
                continue
            worker.task = task
            self._clock(worker)

    def _clock(self, worker: _Worker) -> None:
        """Start the time of a ready worker's task."""
        seconds = self.settings.pipeline.item_seconds
        ticking = seconds > 0 and worker.ready and worker.task is not None
        worker.deadline = time.monotonic() + self._allowed(worker.task) if ticking and worker.task else float("inf")

    def _collect(self, job: Stage) -> Iterator[tuple[_Task, StageResult | None]]:
        """Wait for at least one busy worker to answer, die or run out of time; each task it ends, with its
        result (None when it failed, its reason kept for :meth:`_failure`)."""
        busy = [w for w in self._slots if w.task is not None]
        if not busy:
            return
        soonest = min(w.deadline for w in busy)
        timeout = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        wait([w.conn for w in busy], timeout)  # a worker that dies closes its end: readable too
        now = time.monotonic()
        for position, worker in enumerate(self._slots):
            task = worker.task
            if task is None:
                continue
            why: str | None = None
            gone = False
            try:
                if not worker.ready and worker.conn.poll():
                    worker.conn.recv()  # its greeting: started
                    worker.ready = True
                    self._clock(worker)
                # Only a ready worker's message is a reply: a greeting that arrives between the two polls is read
                # on the next pass (read as a reply, its "ready" had failed the whole unit, 500 articles).
                if worker.ready and worker.conn.poll():
                    result, error, message = worker.conn.recv()
                    worker.task = None
                    if result is None:
                        task.why = (error, message)
                    yield task, result
                    continue
            except (EOFError, OSError):
                gone = True
            if gone or worker.process.poll() is not None:
                why = _exit_reason(worker.process)
            elif now > worker.deadline:
                why = f"its worker was stopped after {self._allowed(task):.0f} s without an answer"
            else:
                continue
            _stop(worker, wait=0.0)
            self.lost += 1
            log.warning("a worker running stage %s on %d article(s) stopped: %s", job.name, len(task.articles), why)
            self._unstartable = 0 if worker.ready else self._unstartable + 1
            task.why = ("WorkerError", why) if worker.ready else (_UNSTARTED, why)
            self._slots[position] = self._start()
            yield task, None

    def _allowed(self, task: _Task) -> float:
        return self.settings.pipeline.item_seconds * len(task.articles) + GRACE_SECONDS


def _exit_reason(process: subprocess.Popen[bytes]) -> str:
    try:
        code = process.wait(timeout=1.0)
    except subprocess.TimeoutExpired:
        return "its worker stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"its worker process was killed by {name}"
    return f"its worker process exited with status {code}"


def _stop(worker: _Worker, *, wait: float) -> None:
    """End a worker: wait for it up to ``wait`` seconds, then terminate it, then kill it."""
    process = worker.process
    try:
        process.wait(timeout=wait or 0.001)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=2.0)
        except subprocess.TimeoutExpired:  # pragma: no cover - a worker that ignores SIGTERM
            process.kill()
            process.wait()
    worker.conn.close()


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), and exit if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # a libc without prctl: the closed socket will do
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


def _serve(conn: Connection, parent: int) -> None:
    """A worker's life: take its settings, then ``(job, articles)`` from ``conn``, and send back ``(result, error,
    message)``; stop on None or when the main process is gone."""
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        settings: Settings = conn.recv()
        conn.send("ready")
    except (EOFError, OSError):
        return
    context = Context(settings=settings)
    frozen = False
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job, articles = message
        reply = run_unit(job, articles, context)
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result that cannot be pickled
            conn.send((None, type(exc).__name__, f"its result could not be sent back: {exc}"))
        if not frozen and nlp.loaded():
            # What the worker keeps for its life (the modules and the model: about 94,000 objects) is left out of
            # the cyclic collector's passes from the unit that loaded the model on (``gc.freeze``), once that unit's
            # garbage is freed: each full pass read all of it again. It frees nothing it would not have freed.
            del reply
            gc.collect()
            gc.freeze()
            frozen = True
