"""The Ray engine: the per-article stages on a pool of Ray actors kept for the whole run, one model per actor.

:class:`RayEngine` is a :class:`~newsdesk.pipeline.Engine`, like the local :class:`~newsdesk.workers.Workers`:
a per-article stage hands it units of consecutive articles (a parse group of the quotes stage, 32 articles of the
others), an actor computes a unit's result with the stage's own code (``job.run(unit, Context(settings))``, as a
local worker does), and the results come back to the driver in input order, where the corpus stages run on them
and the store is written. Actors never open the database, so a killed run leaves the store as the local workers
do: what was written is whole, and a re-run takes the rest.

The actors start with the first per-article stage and live until the engine closes, so each imports newsdesk and
loads the spaCy model once per run (not once per stage and chunk, as one Ray Data dataset per call did: decision
0027). Each actor holds two units, the one it runs and the next, so it never waits for the driver.

Ray is an optional extra (``pip install 'newsdesk[ray]'``); it is imported only when the engine starts. The engine
joins the cluster at ``[pipeline] ray_address`` (or ``$RAY_ADDRESS``) when given, else starts a local Ray for the
run (a few seconds) and stops it at the end. On a cluster, every node needs newsdesk and its model installed.

- The spaCy model is loaded inside each actor, on its first parse (``newsdesk.nlp.load``); a model does not go
  through the object store.
- Articles and results cross as pickled bytes; the stage is unpickled by an actor when it changes.

A unit whose stage raises is tried again article by article, as with local workers. An actor that dies (a crash in
native code, the out-of-memory killer) is replaced; the units it held are run again as one-article Ray tasks, each
in a process of its own, and an article that still kills its process becomes a
:class:`~newsdesk.errors.WorkerError` failure.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import importlib.util
import logging
import os
import pickle
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from types import ModuleType, TracebackType
from typing import Any

from newsdesk.errors import ExtraError, PipelineError
from newsdesk.pipeline import Context, Stage, StageResult, run_unit, unit_failure
from newsdesk.records import Article, Failure
from newsdesk.settings import Settings

__all__ = ["RayEngine", "load_ray", "require_ray"]

log = logging.getLogger(__name__)

# Memory of the object store of a local Ray started for a run: units and results are small (pickled articles),
# and the default (30% of RAM) would take a shared machine's memory for nothing.
_OBJECT_STORE_BYTES = 256 * 1024 * 1024
# Units handed to one actor at a time: the one it runs and the next, queued beside it.
_IN_FLIGHT = 2


def require_ray() -> None:
    """Check that Ray is installed, without importing it (which takes seconds).

    Raises:
        ExtraError: Ray is not installed.
    """
    try:
        found = importlib.util.find_spec("ray") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise _missing()


def _missing() -> ExtraError:
    return ExtraError('The Ray engine (--engine ray, [pipeline] engine = "ray")', "ray", "ray")


def load_ray() -> ModuleType:
    """The ``ray`` module (Ray Core: the engine uses actors and tasks, not Ray Data).

    Raises:
        ExtraError: Ray is not installed.
    """
    try:
        ray = importlib.import_module("ray")
    except ImportError:
        raise _missing() from None
    return ray


class RayEngine:
    """Per-article stages on Ray for one run; use it as a context manager, which leaves Ray as it found it.

    Its actors start on the first stage handed to it and live until :meth:`close`: each imports newsdesk and
    loads the model once for the whole run, whatever the number of stages and chunks.
    """

    def __init__(self, count: int, settings: Settings) -> None:
        self.ray = load_ray()
        self.settings = settings
        self._started = False
        self._closed = False
        address = settings.pipeline.ray_address or os.environ.get("RAY_ADDRESS") or None
        if not self.ray.is_initialized():
            options: dict[str, Any] = {
                "include_dashboard": False,
                "configure_logging": False,
                "log_to_driver": False,
            }
            if address is None:
                # "local": a Ray of its own, even where another is running (ray.init() would join that one).
                address = "local"
                # Actors import the caller's modules (plugin and test stages) as the local workers do. On a
                # cluster, newsdesk and the stages' modules must be installed on every node.
                options["runtime_env"] = {"env_vars": {"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}}
                options["object_store_memory"] = _OBJECT_STORE_BYTES
                # No dashboard reads them: metrics cost each actor and Ray's own processes CPU for the whole run.
                options["_system_config"] = {"enable_metrics_collection": False}
                if count:
                    options["num_cpus"] = count
            self.ray.init(address=address, **options)
            self._started = True
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.actors = max(1, min(count, cpus) if count else cpus)
        # A parse inside an actor runs one process: nlp.pipe's n_process would start processes of its own.
        self._actor_settings = dataclasses.replace(settings, nlp=dataclasses.replace(settings.nlp, processes=1))
        self._pool: list[Any] = []  # the actors, started on the first stage and kept for the run
        self.lost = 0  # actors that died during the run

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the actors, and the local Ray this engine started (a cluster it joined is left running)."""
        self._closed = True
        pool, self._pool = self._pool, []
        for actor in pool:
            with contextlib.suppress(Exception):  # gone already, or Ray is shutting down
                self.ray.kill(actor)
        if self._started:
            self._started = False
            self.ray.shutdown()

    def _actor(self) -> Any:
        # An actor that dies is not restarted, and its calls not retried: its units are tried article by article.
        actor_class = self.ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(_UnitActor)
        return actor_class.remote(pickle.dumps(self._actor_settings))

    def run(self, job: Stage, units: Sequence[Sequence[Article]]) -> Iterator[StageResult]:
        """The result of ``job.run(unit, ...)`` for each unit, in order, computed by the run's Ray actors."""
        try:
            payload = pickle.dumps(job)
        except Exception as exc:  # a plugin stage made of a lambda, say: it runs here, as without an engine
            log.warning("stage %s cannot be sent to Ray (%s); it runs in the driver", job.name, exc)
            context = Context(settings=self.settings)
            for unit in units:
                yield job.run(list(unit), context)
            return
        if not units:
            return
        if self._closed:  # stopped while a thread still fed it (Ahead, after Ctrl-C): no new actor
            raise PipelineError("the Ray engine was stopped")
        while len(self._pool) < self.actors:
            self._pool.append(self._actor())
        queue = deque(range(len(units)))
        # Units handed to each actor and not back yet, oldest first: a unit runs while the next waits beside it,
        # so an actor never idles between two (on a cluster, a round trip is milliseconds).
        flying: dict[Any, tuple[int, Any, int]] = {}  # result ref -> (actor position, actor, unit index)
        load = [0] * len(self._pool)
        finished: dict[int, StageResult] = {}
        following = 0
        while following < len(units):
            if following in finished:
                yield finished.pop(following)
                following += 1
                continue
            for position in range(len(self._pool)):
                while queue and load[position] < _IN_FLIGHT:
                    index = queue.popleft()
                    actor = self._pool[position]
                    flying[actor.run.remote(payload, pickle.dumps(list(units[index])))] = (position, actor, index)
                    load[position] += 1
            ready, _ = self.ray.wait(list(flying), num_returns=1)
            for ref in ready:
                position, actor, index = flying.pop(ref)
                load[position] -= 1
                try:
                    result, error, message = pickle.loads(self.ray.get(ref))
                except self.ray.exceptions.RayError as exc:
                    # Its actor died (a crash in native code, the out-of-memory killer): every unit it held fails
                    # the same way, and goes article by article; a new actor takes its place.
                    if self._replace(position, actor):
                        log.warning("a Ray actor running stage %s died (%s)", job.name, type(exc).__name__)
                    finished[index] = self._alone(job, payload, units[index], ("WorkerError", "its Ray actor died"))
                    continue
                if result is None:  # the stage raised on the unit: its articles are tried again alone
                    result = self._alone(job, payload, units[index], (error, message))
                finished[index] = result

    def _replace(self, position: int, actor: Any) -> bool:
        """Replace the dead ``actor`` at ``position`` by a new one; False when that was done already."""
        if self._pool[position] is not actor:
            return False
        with contextlib.suppress(Exception):
            self.ray.kill(actor)
        self.lost += 1
        self._pool[position] = self._actor()
        return True

    def _alone(self, job: Stage, payload: bytes, unit: Sequence[Article], why: tuple[str, str]) -> StageResult:
        """A unit whose stage raised or whose actor died, run again one article per Ray task: a process of its own,
        so that an article that kills it takes nothing else with it. The run's actors hold every CPU, so these
        rare tasks ask for none (else they would wait for ever)."""
        task = self.ray.remote(num_cpus=0, max_retries=0)(_run_alone)
        settings = pickle.dumps(self._actor_settings)
        pending = [(article, task.remote(payload, settings, pickle.dumps([article]))) for article in unit]
        done: list[Article] = []
        failures: list[Failure] = []
        for article, ref in pending:
            try:
                result, error, message = pickle.loads(self.ray.get(ref))
            except self.ray.exceptions.RayError as exc:
                result, error, message = None, "WorkerError", f"its Ray process died ({type(exc).__name__})"
            if result is None:
                failures.append(unit_failure(job, article, error or why[0], message or why[1]))
            else:
                done.extend(result.articles)
                failures.extend(result.failures)
        return StageResult(articles=done, failures=failures)


def _compute(job: Stage, context: Context, unit: bytes) -> bytes:
    """``(result, error, message)`` of one unit, pickled: result None when the stage raised."""
    articles: list[Article] = pickle.loads(unit)
    return pickle.dumps(run_unit(job, articles, context))


def _run_alone(payload: bytes, settings: bytes, unit: bytes) -> bytes:
    return _compute(pickle.loads(payload), Context(settings=pickle.loads(settings)), unit)


class _UnitActor:
    """One Ray actor for the whole run: its settings once; each stage unpickled when it changes; spaCy loads on
    its first parse, here, and stays loaded."""

    def __init__(self, settings: bytes) -> None:
        self.context = Context(settings=pickle.loads(settings))
        self._payload = b""
        self._job: Stage | None = None

    def run(self, payload: bytes, unit: bytes) -> bytes:
        if payload != self._payload or self._job is None:
            self._job, self._payload = pickle.loads(payload), payload
        return _compute(self._job, self.context, unit)
