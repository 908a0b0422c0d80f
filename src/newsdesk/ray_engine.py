"""The Ray engine: the per-article stages as Ray Data ``map_batches`` over an actor pool, one model per actor.

:class:`RayEngine` is a :class:`~newsdesk.pipeline.Engine`, like the local :class:`~newsdesk.workers.Workers`:
a per-article stage hands it units of consecutive articles (a parse group of the quotes stage, 32 articles of the
others), an actor computes a unit's result with the stage's own code (``job.run(unit, Context(settings))``, as a
local worker does), and the results stream back to the driver in input order, where the corpus stages run on them
and the store is written. Actors never open the database, so a killed run leaves the store as the local workers
do: what was written is whole, and a re-run takes the rest.

Ray is an optional extra (``pip install 'newsdesk[ray]'``); it is imported only when the engine starts. The engine
joins the cluster at ``[pipeline] ray_address`` (or ``$RAY_ADDRESS``) when given, else starts a local Ray for the
run (a few seconds) and stops it at the end. On a cluster, every node needs newsdesk and its model installed.

Traps met on a 2-CPU node, and what is done about them:

- Ray Data's own tasks (the input split, the output) ask for no CPU (``num_cpus=0``), else the actors, which
  hold every CPU, starve them and the run never ends.
- The spaCy model is loaded inside each actor, on its first parse (``newsdesk.nlp.load``); a model does not go
  through the object store.
- Articles and results cross as pickled bytes (one column each): Arrow would otherwise flatten them.

A unit whose stage raises is tried again article by article, as with local workers. An actor that dies (a crash in
native code, the out-of-memory killer) fails the dataset; the units not yet back are then each run as one-article
Ray tasks, and an article that still kills its process becomes a :class:`~newsdesk.errors.WorkerError` failure.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import logging
import os
import pickle
import sys
import warnings
from collections.abc import Iterator, Sequence
from types import ModuleType, TracebackType
from typing import Any

from newsdesk.errors import ExtraError
from newsdesk.pipeline import Context, Stage, StageResult, run_unit, unit_failure
from newsdesk.records import Article, Failure
from newsdesk.settings import Settings

__all__ = ["RayEngine", "load_ray", "require_ray"]

log = logging.getLogger(__name__)

# Memory of the object store of a local Ray started for a run: units and results are small (pickled articles),
# and the default (30% of RAM) would take a shared machine's memory for nothing.
_OBJECT_STORE_BYTES = 256 * 1024 * 1024


def require_ray() -> None:
    """Check that Ray Data is installed, without importing it (which takes seconds).

    Raises:
        ExtraError: Ray (or Ray Data) is not installed.
    """
    try:
        found = importlib.util.find_spec("ray") is not None and importlib.util.find_spec("ray.data") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise _missing()


def _missing() -> ExtraError:
    return ExtraError('The Ray engine (--engine ray, [pipeline] engine = "ray")', "ray", "ray[data]")


def load_ray() -> ModuleType:
    """The ``ray`` module with Ray Data.

    Raises:
        ExtraError: Ray (or Ray Data) is not installed.
    """
    try:
        ray = importlib.import_module("ray")
        importlib.import_module("ray.data")
    except ImportError:
        raise _missing() from None
    return ray


class RayEngine:
    """Per-article stages on Ray for one run; use it as a context manager, which leaves Ray as it found it."""

    def __init__(self, count: int, settings: Settings) -> None:
        self.ray = load_ray()
        self.settings = settings
        self._started = False
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
                if count:
                    options["num_cpus"] = count
            self.ray.init(address=address, **options)
            self._started = True
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.actors = max(1, min(count, cpus) if count else cpus)
        # A parse inside an actor runs one process: nlp.pipe's n_process would start processes of its own.
        self._actor_settings = dataclasses.replace(settings, nlp=dataclasses.replace(settings.nlp, processes=1))
        if logging.getLogger().getEffectiveLevel() > logging.INFO:  # Ray Data's notes on each dataset, with -v only
            logging.getLogger("ray.data").setLevel(logging.ERROR)
        context = self.ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        self.lost = 0  # units whose actor died

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the local Ray this engine started (a cluster it joined is left running)."""
        if self._started:
            self._started = False
            self.ray.shutdown()

    def run(self, job: Stage, units: Sequence[Sequence[Article]]) -> Iterator[StageResult]:
        """The result of ``job.run(unit, ...)`` for each unit, in order, computed by Ray actors."""
        try:
            payload = pickle.dumps((job, self._actor_settings))
        except Exception as exc:  # a plugin stage made of a lambda, say: it runs here, as without an engine
            log.warning("stage %s cannot be sent to Ray (%s); it runs in the driver", job.name, exc)
            context = Context(settings=self.settings)
            for unit in units:
                yield job.run(list(unit), context)
            return
        if not units:
            return
        following = 0
        try:
            for index, (result, error, message) in self._stream(payload, units):
                if index != following:  # preserve_order holds this; a broken promise must not reorder the store
                    raise RuntimeError(f"Ray gave unit {index} where unit {following} was expected")
                yield result if result is not None else self._alone(job, payload, units[index], (error, message))
                following += 1
        except self.ray.exceptions.RayError as exc:
            log.warning("Ray lost a unit of stage %s (%s); the rest run article by article", job.name, exc)
            self.lost += 1
            for unit in units[following:]:
                yield self._alone(job, payload, unit, ("WorkerError", "its Ray actor died"))

    def _stream(
        self, payload: bytes, units: Sequence[Sequence[Article]]
    ) -> Iterator[tuple[int, tuple[StageResult | None, str, str]]]:
        data = self.ray.data
        items = [{"index": i, "unit": pickle.dumps(list(unit))} for i, unit in enumerate(units)]
        with warnings.catch_warnings():
            # Ray 2.60 takes max_restarts only as a "remote arg", which it calls deprecated; without it, an article
            # that kills its actor would be retried for ever.
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset = data.from_items(items, override_num_blocks=len(items)).map_batches(
                _UnitActor,
                fn_constructor_kwargs={"payload": payload},
                batch_size=1,
                batch_format="numpy",
                compute=data.ActorPoolStrategy(size=min(self.actors, len(items))),
                num_cpus=1,
                # An actor that dies is not restarted to run its unit again: the unit is tried article by article.
                max_restarts=0,
                max_task_retries=0,
            )
        for row in dataset.iter_rows():
            yield int(row["index"]), pickle.loads(row["result"])

    def _alone(self, job: Stage, payload: bytes, unit: Sequence[Article], why: tuple[str, str]) -> StageResult:
        """A unit whose stage raised or whose actor died, run again one article per Ray task."""
        task = self.ray.remote(num_cpus=1, max_retries=0)(_run_alone)
        pending = [(article, task.remote(payload, pickle.dumps([article]))) for article in unit]
        done: list[Article] = []
        failures: list[Failure] = []
        for article, ref in pending:
            try:
                result, error, message = pickle.loads(self.ray.get(ref))
            except self.ray.exceptions.RayError as exc:
                self.lost += 1
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


def _run_alone(payload: bytes, unit: bytes) -> bytes:
    job, settings = pickle.loads(payload)
    return _compute(job, Context(settings=settings), unit)


class _UnitActor:
    """One Ray actor: the stage and its settings, unpickled once; spaCy loads on its first parse, here."""

    def __init__(self, payload: bytes) -> None:
        self.job, settings = pickle.loads(payload)
        self.context = Context(settings=settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        return {
            "index": batch["index"],
            "result": [_compute(self.job, self.context, bytes(unit)) for unit in batch["unit"]],
        }
