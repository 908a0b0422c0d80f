"""Worker processes for the per-article stages: a pool that lives for one run, one spaCy model per worker.

:class:`Workers` starts its processes once per run and is the run's :class:`~newsdesk.pipeline.Engine`. It
starts one fresh interpreter with ``python -c`` (never a fork of the caller, which may hold threads or an open
database, and never a second run of the caller's main script): the *zygote*, which imports newsdesk and loads the
spaCy model once, then forks each worker from itself when the main process asks (on Linux; elsewhere it starts
each worker as a fresh interpreter of its own). The zygote opens no database and starts no thread (numpy's
OpenBLAS pool stops itself at a fork), and a worker keeps none of the zygote's sockets. A per-article stage hands
it units of consecutive articles (a parse group of the quotes stage, 32 articles of the others); a worker
computes a unit's result with the stage's own code, and the results come back in input order. The corpus
stages (dedupe, cluster, origins, entity linking, claim matching) run in the main process on what comes back, so
a run gives what a one-process run gives. The main process alone writes the store, which keeps a killed run's
store consistent. A worker opens the database only for :meth:`Workers.aside`, read-only: the work a corpus stage
hands an idle worker (a share of the digest's stories, decision 0084), whose value the main process writes.

A worker that dies on a unit (a crash in native code, ``os._exit``, the out-of-memory killer), or that runs past
the unit's time (``[pipeline] item_seconds`` per article, plus :data:`GRACE_SECONDS` to load the model), is
replaced, and each article of that unit is tried again on its own; an article that still kills its worker
becomes a :class:`~newsdesk.errors.WorkerError` failure and the batch goes on. An exception that escapes a unit
is handled the same way (per-article exceptions are recorded by the stage itself, as in one process).

The workers are the zygote's children: it tells the main process their exit status, and signals and reaps them
when asked (a worker is reaped only when the main process asks, so that its process id, which the main process
reports, cannot be taken by another process before). The zygote and its workers run in a process group of their
own, so Ctrl-C at a terminal reaches the main process alone, which stops them. A zygote whose main process is
killed exits with it, and a worker with its zygote (Linux: ``PR_SET_PDEATHSIG``; elsewhere when it next reads from
or writes to its closed socket).
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
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import recv_handle, send_handle
from types import TracebackType
from typing import Any

from newsdesk import nlp
from newsdesk.errors import ConfigError, PipelineError
from newsdesk.pipeline import Context, Stage, StageResult, run_unit, unit_failure
from newsdesk.records import Article, Failure
from newsdesk.settings import Settings
from newsdesk.store import Store

__all__ = ["GRACE_SECONDS", "Workers", "count"]

log = logging.getLogger(__name__)

# What the zygote runs: it takes the caller's import path first, so that stages of plugins and tests import there.
_BOOT = (
    "import sys; from multiprocessing.connection import Connection; conn = Connection(int(sys.argv[1]));"
    " sys.path[:] = conn.recv(); from newsdesk.workers import _zygote;"
    " _zygote(conn, int(sys.argv[2]), sys.argv[3] == '1')"
)
# What a worker started as a fresh interpreter runs, where the zygote does not fork (a forked worker takes the
# import path too, and runs the same ``_serve``).
_WORKER_BOOT = (
    "import sys; from multiprocessing.connection import Connection; conn = Connection(int(sys.argv[1]));"
    " sys.path[:] = conn.recv(); from newsdesk.workers import _serve; _serve(conn, int(sys.argv[2]))"
)
# Where the zygote forks its workers. Elsewhere (macOS, whose system libraries are not safe to use in a forked
# child) it starts each as a fresh interpreter, which imports newsdesk and loads the model itself.
_FORKS = sys.platform.startswith("linux")
# Seconds a unit may run past its articles' budget before its worker is stopped, and seconds the zygote may take
# to import newsdesk and load the model (2-5 s on an idle machine, much more on a busy one): a worker not forked
# from a loaded model loads it in its first unit.
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
    # Work handed aside (:meth:`Workers.aside`): whether its worker has ended it, and its result (None: it failed).
    # Kept on the task, since the answer may be read while another share's result is waited for.
    ended: bool = False
    result: StageResult | None = None


class _Gone(Exception):
    """The zygote no longer answers: it has died, or a request to it was cut short."""


class _Zygote:
    """The process the workers are started from, and the main process's requests to it, one at a time."""

    def __init__(self, settings: Settings, model: bool) -> None:
        # The kernel's parent-death signal follows the thread that started a process, not its process: a zygote
        # started from another thread (a worker replaced while the per-article stages run ahead, in their thread)
        # would be killed, and its workers with it, when that thread ends. It has its socket to the main process,
        # whose end closes when the main process dies, to tell it instead.
        from_main = threading.current_thread() is threading.main_thread()
        here, there = socket.socketpair()
        with there:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(there.fileno()), str(os.getpid()), str(int(from_main))],
                pass_fds=(there.fileno(),),
                stdin=subprocess.DEVNULL,
                process_group=0,  # Ctrl-C at a terminal reaches the main process only, which stops the workers
            )
        self.conn = Connection(here.detach())
        self.gone = True
        self._lock = threading.Lock()
        try:
            self.conn.send(list(sys.path))
            self.conn.send((settings, model, _FORKS))
            # It imports newsdesk and loads the model; one that dies closes its end, which wakes the poll too.
            self.gone = not (self.conn.poll(GRACE_SECONDS) and self.conn.recv() == "ready")
        except (EOFError, OSError):
            pass
        except BaseException:  # Ctrl-C while it starts
            self.stop(now=True)
            raise
        if self.gone:
            self.stop(now=True)

    def ask(self, verb: str, pid: int, argument: float | None = None, *, handle: int | None = None) -> int | None:
        """The zygote's answer to one request (``handle``, a file descriptor, sent with it).

        Raises:
            _Gone: it has died, or does not answer.
        """
        with self._lock:
            if self.gone or self.process.poll() is not None:
                self.gone = True
                raise _Gone
            try:
                self.conn.send((verb, pid, argument))
                if handle is not None:
                    send_handle(self.conn, handle, self.process.pid)
                answer: int | None = self.conn.recv()
                return answer
            except (EOFError, OSError) as exc:
                self.gone = True
                raise _Gone from exc
            except BaseException:  # Ctrl-C between a request and its answer: what it says next is not trusted
                self.gone = True
                raise

    def start(self, there: socket.socket) -> _Forked:
        """A worker on the socket ``there`` (the main process keeps the other end); one that never ran if the
        zygote is gone, with the zygote's exit status."""
        try:
            pid = self.ask("start", 0, handle=there.fileno())
        except _Gone:
            self.stop(now=True)
            return _Forked(self, 0, self.process.returncode)
        return _Forked(self, pid or 0)

    def stop(self, *, now: bool) -> None:
        """End the zygote and the workers it still holds: ask it to (or, with ``now``, terminate it) and wait."""
        self.gone = True
        if not now:
            with self._lock, contextlib.suppress(OSError, ValueError):
                self.conn.send(None)  # it waits for its workers, which have been told to finish, then ends them
        process = self.process
        if now:
            process.terminate()  # it terminates its workers (kills them after 2 s) and exits
        try:
            process.wait(timeout=5.0 if now else 15.0)
        except subprocess.TimeoutExpired:  # pragma: no cover - a zygote that does not end: its workers die with it
            process.kill()
            process.wait()
        self.conn.close()


class _Forked:
    """A worker, seen as :class:`subprocess.Popen` shows a process: its parent, the zygote, answers for it."""

    def __init__(self, zygote: _Zygote, pid: int, returncode: int | None = None) -> None:
        self.zygote = zygote
        self.pid = pid
        self.returncode = returncode

    def poll(self) -> int | None:
        """Its exit status, None while it runs."""
        return self._wait(0.0)

    def wait(self, timeout: float | None = None) -> int:
        """Its exit status, once it has ended.

        Raises:
            subprocess.TimeoutExpired: it still runs after ``timeout`` seconds.
        """
        code = self._wait(timeout)
        if code is None:
            raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout or 0.0)
        return code

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def _wait(self, timeout: float | None) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self.zygote.ask("wait", self.pid, timeout)
            except _Gone:  # a worker dies with its zygote (the kernel kills it: PR_SET_PDEATHSIG)
                self.returncode = -signal.SIGKILL
        return self.returncode

    def _signal(self, signum: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(_Gone):
                self.zygote.ask("signal", self.pid, signum)


@dataclass(slots=True)
class _Worker:
    process: _Forked
    conn: Connection
    task: _Task | None = None
    deadline: float = float("inf")
    ready: bool = False  # it has started (imported newsdesk): its task's time runs from then


class Workers:
    """A pool of ``count`` worker processes for one run; use it as a context manager, which stops them."""

    def __init__(self, count: int, settings: Settings, *, model: bool = True) -> None:
        """Start ``count`` workers; with ``model``, the zygote loads the spaCy model they fork with (a run
        without a parsing stage needs none)."""
        self.settings = settings
        self._model = model
        self._zygote: _Zygote | None = None
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
        zygote = self._zygote
        if zygote is None or zygote.gone or zygote.process.poll() is not None:
            if zygote is not None:
                zygote.stop(now=True)
            self._zygote = zygote = _Zygote(self._worker_settings, self._model)
        here, there = socket.socketpair()
        with there:
            process = zygote.start(there)
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
        zygote, self._zygote = self._zygote, None
        if zygote is not None:
            zygote.stop(now=now)

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

    def aside(self, path: str, fn: Callable[..., Any], *args: Any) -> _Pending | None:
        """Start ``fn(view, settings, *args)`` in an idle worker, ``view`` a read-only connection of its own to the
        database at ``path`` (:class:`~newsdesk.pipeline.Aside`): while this process does the rest of a batch, a
        worker left idle by the per-article stages (the digest runs after the last chunk's parse) does a share of
        it. None when no worker is idle and ready. The work has no time limit (a share of the digest of a large
        store takes minutes); a worker that dies on it is replaced, and its share is done by the caller."""
        for worker in self._slots:
            if worker.task is None and worker.ready and worker.process.poll() is None:
                job = _Reading(path, fn, args)
                task = _Task(-1, None, [])
                try:
                    worker.conn.send((job, []))
                except (OSError, ValueError):  # it died just now: the next unit's hand-out replaces it
                    continue
                worker.task, worker.deadline = task, float("inf")
                return _Pending(self, job, task)
        return None

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
            if worker.process.poll() is not None:  # died between tasks (its last reply had been read), or unstarted
                _stop(worker, wait=0.0)
                self.lost += 1
                self._unstartable = 0 if worker.ready else self._unstartable + 1
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


@dataclass(frozen=True, slots=True)
class _Reading:
    """The stage a worker runs for :meth:`Workers.aside`: ``fn(view, settings, *args)`` over a read-only
    connection to the database at ``path``, opened for it and closed after; its value is the result's state."""

    path: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    name: str = "aside"
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()

    def run(self, batch: Sequence[Article], context: Context) -> StageResult:
        view = Store.read_only(self.path)
        try:
            value = self.fn(view, context.settings, *self.args)
        finally:
            view.close()
        return StageResult(articles=[], failures=[], state={"value": value})


class _Pending:
    """Work a worker does for :meth:`Workers.aside`, until its answer is taken."""

    def __init__(self, workers: Workers, job: _Reading, task: _Task) -> None:
        self._workers = workers
        self._job = job
        self._task = task

    def result(self) -> Any:
        """The work's value, once the worker has answered; None when it could not (it died, or raised: logged)."""
        workers, task = self._workers, self._task
        while not task.ended and any(w.task is task for w in workers._slots):
            for ended, result in workers._collect(self._job):
                # Another share may answer first: its answer is kept on its task for its own result().
                ended.ended, ended.result = True, result
        if not task.ended:
            return None  # its worker was stopped under it (the pool closed)
        if task.result is None:
            log.warning("a worker could not finish its share of %s: %s", self._job.fn.__name__, task.why)
            return None
        return task.result.state["value"]


def _exit_reason(process: _Forked) -> str:
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


def _die_with(parent: int, *, signalled: bool = True) -> None:
    """Have the kernel kill this process when its parent dies (Linux; not when ``signalled`` is false: started from
    a thread other than its parent's main thread), and exit if it already has."""
    if signalled and sys.platform.startswith("linux"):
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


def _zygote(conn: Connection, parent: int, signalled: bool = True) -> None:
    """The zygote's life: take its settings, import what the workers run and load the model (where it forks), then
    start a worker on each socket the main process sends, and tell, signal and reap its workers as it asks; stop on
    None or when the main process is gone, ending the workers left (``signalled``: started from the main process's
    main thread, see :class:`_Zygote`)."""
    _die_with(parent, signalled=signalled)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.set_inheritable(conn.fileno(), False)  # no worker started as a fresh interpreter inherits it
    children: dict[int, int | None] = {}  # each worker's exit status, None until it is reaped

    def terminated(signum: int, frame: object) -> None:
        _end(children, wait=0.0)
        os._exit(0)

    signal.signal(signal.SIGTERM, terminated)
    try:
        settings, model, forks = conn.recv()
        if forks:
            from newsdesk import grouping  # noqa: F401 - what the features stage imports on its first unit

            if model:
                with contextlib.suppress(ConfigError):  # no model: each worker meets the error on its first unit
                    nlp.load(settings.nlp.model)
            # What the workers inherit stays out of their collectors' passes, which would write to its pages.
            gc.collect()
            gc.freeze()
        conn.send("ready")
        while (request := conn.recv()) is not None:
            verb, pid, argument = request
            if verb == "start":
                handle = recv_handle(conn)
                try:
                    pid = _fork(conn, handle) if forks else _spawn(handle)
                finally:
                    os.close(handle)
                children[pid] = None
                conn.send(pid)
            elif verb == "wait":
                conn.send(_reap(children, pid, argument))
            else:  # "signal": never to a process it has reaped, whose id may be another process's by now
                if pid in children and children[pid] is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, int(argument or signal.SIGTERM))
                conn.send(None)
    except (EOFError, OSError):
        pass
    _end(children, wait=5.0)


def _fork(conn: Connection, handle: int) -> int:
    """Fork a worker on the socket ``handle``: the zygote's modules and model, none of its sockets but that one."""
    zygote = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:  # the worker: it never returns into the zygote's loop
        _die_with(zygote)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        conn.close()
        worker = Connection(handle)
        sys.path[:] = worker.recv()
        _serve(worker, zygote)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _spawn(handle: int) -> int:
    """Start a worker on the socket ``handle`` as a fresh interpreter."""
    os.set_inheritable(handle, True)
    command = [sys.executable, "-c", _WORKER_BOOT, str(handle), str(os.getpid())]
    return os.posix_spawn(sys.executable, command, os.environ)


def _reap(children: dict[int, int | None], pid: int, timeout: float | None) -> int | None:
    """Worker ``pid``'s exit status (as :attr:`subprocess.Popen.returncode`), waiting for it up to ``timeout``
    seconds (None: until it ends); None if it still runs."""
    deadline = None if timeout is None else time.monotonic() + timeout
    pause = 0.0005
    while children.get(pid) is None:
        done, status = os.waitpid(pid, 0 if deadline is None else os.WNOHANG)
        if done:
            children[pid] = os.waitstatus_to_exitcode(status)
            break
        left = (deadline or 0.0) - time.monotonic()
        if left <= 0:
            return None
        time.sleep(min(pause, left))
        pause = min(pause * 2, 0.05)
    return children[pid]


def _end(children: dict[int, int | None], *, wait: float) -> None:
    """End the workers still running: wait up to ``wait`` seconds for them to finish, then terminate them, then
    (after 2 s) kill them; each is reaped."""
    for signum, seconds in ((0, wait), (signal.SIGTERM, 2.0), (signal.SIGKILL, None)):
        running = [pid for pid, code in children.items() if code is None]
        if not running:
            return
        for pid in running if signum else ():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)
        deadline = None if seconds is None else time.monotonic() + seconds
        for pid in running:
            _reap(children, pid, None if deadline is None else max(0.0, deadline - time.monotonic()))
