"""Stages and the pipeline that wires them: what each stage needs and produces, checked before a run.

A stage has a ``name``, the dotted fields it ``requires`` and ``produces`` (``"article.cites"``), and
``run(batch, context) -> StageResult``. Per-article stages are pure functions ``fn(article, settings) ->
Article`` lifted by :class:`ArticleStage`; a failure on one article is recorded and the batch goes on.
Stages never touch the store: the caller persists each stage's output.

Each article has a budget: a per-article stage that spends more than ``[pipeline] item_seconds`` on one
article is stopped there and the article becomes a :class:`~newsdesk.errors.BudgetError` failure
(:func:`budget`); the quotes stage parses long texts in bounded pieces and refuses those over ``[nlp] max_chars``.

Built-in stages are registered in :data:`BUILTIN`; plugins add stages through the ``newsdesk`` entry-point
group, loaded only when asked (``load_plugins=True``).
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import random
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import FrameType
from typing import Any, Protocol, runtime_checkable

from newsdesk import digest, nlp
from newsdesk.claims import extract as claim_extract
from newsdesk.claims import match as claim_match
from newsdesk.errors import BudgetError, ConfigError, PipelineError, did_you_mean
from newsdesk.extract import attributions, dates, entities, mentions, quotes
from newsdesk.records import Article, Claim, Entity, Failure, StageReport
from newsdesk.settings import Settings
from newsdesk.stances import extract as stance_extract

__all__ = [
    "BUILTIN",
    "EARLIER_RUN",
    "EXTRACTS",
    "INGEST_PRODUCES",
    "ArticleStage",
    "Context",
    "CorpusStage",
    "CorpusView",
    "Engine",
    "ParsedStage",
    "Pipeline",
    "Stage",
    "StageResult",
    "budget",
    "produced_fields",
    "reads_extracts",
    "registry",
    "run_unit",
    "unit_failure",
]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]

# What ingest and the clean stage fill on every article before any analysis stage runs.
INGEST_PRODUCES = (
    "article.text",
    "article.title",
    "article.outlet",
    "article.byline",
    "article.published",
    "article.dateline",
    "article.language",
    "article.ai_generated",
    "article.url",
)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


class CorpusView(Protocol):
    """Read-only access to stored data that corpus stages (dedupe, cluster, origins) compare a batch with."""

    def articles(self, ids: Sequence[str] | None = None, *, extracts: bool = True) -> Iterator[Article]: ...

    def texts(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]: ...

    def published(self, ids: Sequence[str]) -> dict[str, str | None]: ...

    def dated_copies(self, ids: Sequence[str]) -> list[tuple[str, str | None, str | None]]: ...

    def dated_origins(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None, str | None]]: ...

    def fingerprints(self) -> dict[str, tuple[bytes, int]]: ...

    def features(self, ids: Sequence[str]) -> dict[str, bytes]: ...

    def credits(self, ids: Sequence[str]) -> dict[str, tuple[tuple[str, ...], set[tuple[str, str]]]]: ...

    def groups(self, kind: str) -> list[dict[str, Any]]: ...

    def term_counts(self) -> tuple[dict[int, int], int]: ...

    def copies_of(self, article_id: str) -> list[str]: ...

    def entities(self) -> list[Entity]: ...

    def entity_ids(self) -> list[str]: ...

    def name_keys(self) -> tuple[str | None, dict[str, dict[str, str]]]: ...

    def event_origins(
        self, event_ids: Iterable[str]
    ) -> dict[str, list[tuple[str, str | None, str | None, str | None]]]: ...

    def event_entities(self) -> dict[str, list[str]]: ...

    def claims(self, article_ids: Sequence[str]) -> dict[str, list[Claim]]: ...

    def stories_of(self, event_ids: Iterable[str]) -> dict[str, str]: ...

    def claim_clusters(self, story_ids: Sequence[str], latest: int | None = None) -> list[dict[str, Any]]: ...

    def claim_readings(self, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]: ...

    def claims_matched(self, article_ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]: ...

    def claim_window(self, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]: ...

    def claim_placed(self, story_id: str, low: int, high: int, article_ids: Sequence[str]) -> dict[str, str]: ...

    # What the digest stage reads: the named read queries, claim support and stance rows, story signatures.
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def claim_rows(self, story_ids: list[str] | None = None) -> list[dict[str, Any]]: ...

    def stance_rows(
        self, *, story_ids: list[str] | None = None, actor_ids: list[str] | None = None, latest: int | None = None
    ) -> list[dict[str, Any]]: ...

    def stance_rows_placed(self, story_id: str, latest: int) -> list[tuple[tuple[int, int, int], dict[str, Any]]]: ...

    def stance_stories(self, actor_ids: list[str], story_ids: list[str] | None = None) -> set[str | None]: ...

    def story_signatures(self, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]: ...

    def entity_signatures(self, entity_ids: Sequence[str]) -> dict[str, tuple[int, int]]: ...

    def mention_index(self) -> digest.entities.MentionRows: ...

    def entities_in(self, article_ids: Sequence[str]) -> set[str]: ...

    def linked_mentions(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may read besides its batch: settings, a progress callback, and (corpus stages) the store."""

    settings: Settings = field(default_factory=Settings)
    on_progress: ProgressCallback = _no_progress
    view: CorpusView | None = None
    # Scratch space that lives for one run, by stage name: corpus stages that keep state keep their indexes
    # here between batches. The runner drops a stage's entry when one of its batches fails.
    memo: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Where per-article stages run their units of work: None in this process, else worker processes.
    engine: Engine | None = None
    # An idle worker process a corpus stage may hand part of its batch's work to (the digest's stories): None when
    # there is none (one process, Ray, ``[pipeline] overlap`` off); see :class:`Aside`.
    aside: Aside | None = None


class Pending(Protocol):
    """Work handed to a worker by :class:`Aside`."""

    def result(self) -> Any:
        """What the work returned, once the worker has answered; None when it could not finish it (its worker
        died): the caller then does that work itself."""
        ...


class Aside(Protocol):
    """Hands work to an idle worker process while this process does the rest of a batch (decision 0084).

    ``aside(fn, *args)`` starts ``fn(view, settings, *args)`` in the worker, ``view`` a read-only connection of its
    own to the store (the store is written by this process only, between batches, never while the work runs);
    ``fn`` is a module's function and ``args`` plain data, both sent pickled. None when no worker is idle.
    """

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Pending | None: ...


class Engine(Protocol):
    """Runs the units of a per-article stage elsewhere (worker processes) and gives their results back in order.

    A unit is a list of consecutive articles of the batch; ``job.run(unit, Context(settings=...))`` computes its
    result where it runs (:func:`run_unit`), so the articles come back with what a one-process run gives them (of
    each, the fields the stage produces: :func:`produced_fields`). An article whose unit cannot finish (its
    worker died) comes back as a failure, never as a lost batch.
    """

    def run(self, job: Stage, units: Sequence[Sequence[Article]]) -> Iterator[StageResult]: ...


@dataclass(frozen=True, slots=True)
class StageResult:
    """What a stage changed: articles (their stage-owned fields), failures, and state for the store to keep.

    ``state`` may hold ``fingerprints``, ``groups`` (events and stories), ``term_counts`` and ``origin_links``;
    the runner writes it together with the articles, in one transaction.
    """

    articles: list[Article]
    failures: list[Failure]
    state: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Stage(Protocol):
    """The one protocol every stage follows."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def produces(self) -> tuple[str, ...]: ...

    def run(self, batch: Sequence[Article], context: Context) -> StageResult: ...


@dataclass(frozen=True, slots=True)
class ArticleStage:
    """A per-article stage lifted from a pure function ``fn(article, settings) -> Article``."""

    name: str
    fn: Callable[[Article, Settings], Article]
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    reads: tuple[str, ...] | None = None  # see reads_extracts

    def run(self, batch: Sequence[Article], context: Context) -> StageResult:
        if context.engine is not None:
            units = [list(batch[i : i + _ARTICLE_UNIT]) for i in range(0, len(batch), _ARTICLE_UNIT)]
            return _spread(self, units, context, len(batch))
        done: list[Article] = []
        failures: list[Failure] = []
        seconds = context.settings.pipeline.item_seconds
        for article in batch:
            try:
                with budget(self.name, article, seconds):
                    changed = self.fn(article, context.settings)
                done.append(changed)  # only once the block is left in time
            except _Expired:  # the alarm rang as the block was being left: over time all the same
                failures.append(_failure(self.name, article, _over_time(self.name, article, seconds)))
            except Exception as exc:  # one article's failure must never stop the batch
                log.warning("stage %s failed on %s: %s", self.name, article.id, exc)
                failures.append(_failure(self.name, article, exc))
        return StageResult(articles=done, failures=failures)


# Articles per unit of work sent to a worker by an ArticleStage: enough that sending them costs little.
_ARTICLE_UNIT = 32


def _spread(job: Stage, units: list[list[Article]], context: Context, total: int) -> StageResult:
    """Run ``job`` over ``units`` through the context's engine; the results joined in order, as one process
    would give them, with progress reported as units finish.

    What crosses to the engine is cut to what the stage uses: a stage that declares what it ``reads`` is sent
    its articles without their raw form and furniture (which no such stage reads), and an engine's worker sends
    back only the fields a stage ``produces`` (:func:`run_unit`), which are put here on the batch's own articles:
    the store gets what one process would have given it."""
    assert context.engine is not None
    done: list[Article] = []
    failures: list[Failure] = []
    finished = 0
    sent = units
    if getattr(job, "reads", None) is not None:
        sent = [[dataclasses.replace(a, raw="", furniture=()) for a in unit] for unit in units]
    fields = produced_fields(job)
    for unit, result in zip(units, context.engine.run(job, sent), strict=True):
        if fields is None:
            done.extend(result.articles)
        else:
            back = {a.id: a for a in result.articles}
            done.extend(
                dataclasses.replace(a, **{f: getattr(back[a.id], f) for f in fields}) for a in unit if a.id in back
            )
        failures.extend(result.failures)
        finished += len(unit)
        context.on_progress(job.name, finished, total)
    return StageResult(articles=done, failures=failures)


# The Article fields a produced field names, when it names some ("article.entities": the links in mentions and
# quotes).
_FIELDS = {f.name for f in dataclasses.fields(Article)}
_NAMED = {"article.entities": ("mentions", "quotes")}


# What every article a worker sends back carries besides what its stage produces (see run_unit).
_LEAN_KEPT = frozenset({"id", "source", "text"})


def produced_fields(job: Stage) -> tuple[str, ...] | None:
    """The Article fields a per-article stage changes, by what it ``produces``: all that an engine's worker sends
    back of an article (None: the whole article, when a produced field names none, say a plugin's own)."""
    out: list[str] = []
    for produced in job.produces:
        kind, _, name = produced.partition(".")
        names = _NAMED.get(produced, (name,))
        if kind != "article" or not all(n in _FIELDS and n not in _LEAN_KEPT for n in names):
            return None  # (a stage producing an article's id, source or text gets the whole article back)
        out.extend(names)
    return tuple(dict.fromkeys(out))


class _Expired(BaseException):
    """Raised by the alarm inside a stage that ran out of time. A BaseException, so that no ``except Exception``
    in stage code (or in spaCy) can swallow it."""


def _over_time(stage: str, article: Article, seconds: float) -> BudgetError:
    return BudgetError(
        stage,
        article.id,
        f"stage {stage!r} took longer than {seconds:g} s on article {article.id} ({len(article.text):,} characters)"
        " and was stopped. Raise [pipeline] item_seconds to give it more time (0: no limit).",
    )


@contextmanager
def budget(stage: str, article: Article, seconds: float) -> Iterator[Callable[[], None]]:
    """Run the block on ``article`` for at most ``seconds`` (0: no limit), else raise :class:`BudgetError`.

    The limit is a SIGALRM timer, which interrupts Python code wherever it is; off the main thread there is no
    timer, and the block is stopped only where it calls the check this yields (between parsed pieces).

    Raises:
        BudgetError: the block took longer than ``seconds``.
    """
    if seconds <= 0:
        yield lambda: None
        return
    deadline = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > deadline:
            raise _over_time(stage, article, seconds)

    timed = threading.current_thread() is threading.main_thread()
    if not timed:
        yield check
        return

    armed = True
    finished = False
    started = time.monotonic()
    # A timer someone else set (a watchdog, an outer budget) is kept: ours runs no longer than it has left, its
    # handler still runs when its time comes, and it is set again, less the time spent here, when the block ends.
    outer, interval = signal.getitimer(signal.ITIMER_REAL)

    def expire(signum: int, frame: FrameType | None) -> None:
        nonlocal armed, outer
        if not armed:
            return
        if time.monotonic() < deadline:  # the outer timer's time, not ours: its handler, then ours again
            outer = 0.0  # it has fired; it is set again on the way out only if it repeats
            signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 1e-6))
            if callable(previous):
                previous(signum, frame)
            return
        armed = False
        raise _Expired

    # The alarm may land in code whose exceptions Python drops: a garbage-collector callback (a profiler's, a test
    # tool's), a weakref callback, a __del__. Python hands each dropped exception to sys.unraisablehook; ours takes
    # back the budget's own, silently, and rings again a few milliseconds later, so that the stage's own code sees it.
    dropped_by_python = sys.unraisablehook

    def ring_again(unraisable: Any) -> None:
        nonlocal armed
        if isinstance(unraisable.exc_value, _Expired):
            if finished:
                return
            armed = True
            # After a random 1-10 ms: a fixed delay can fall in step with a loop's period and land in the same
            # callback every time (seen: a 5 ms loop, 4 ms of it in a weakref callback).
            signal.setitimer(signal.ITIMER_REAL, random.uniform(0.001, 0.01))
            return
        dropped_by_python(unraisable)

    previous = signal.signal(signal.SIGALRM, expire)
    sys.unraisablehook = ring_again
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, min(seconds, outer) if outer else seconds)
            yield check
        finally:
            armed = False  # first: an alarm from here on does nothing
            finished = True
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise _over_time(stage, article, seconds) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = dropped_by_python
        if outer or interval:
            left = outer - (time.monotonic() - started) if outer else interval
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), interval)


def _failure(stage: str, article: Article, exc: Exception) -> Failure:
    return Failure(
        item=article.source,
        stage=stage,
        article_id=article.id,
        error=type(exc).__name__,
        message=str(exc) or repr(exc),
    )


@dataclass(frozen=True, slots=True)
class ParsedStage:
    """A per-article stage over spaCy's parse: ``fn(article, doc, settings) -> Article``.

    Short articles are parsed together with ``nlp.pipe`` (the model loads on first use), in batches of at most
    ``[nlp] batch_size`` texts and ``[nlp] batch_chars`` characters. An article longer than ``[nlp] piece_chars``
    is parsed on its own, in pieces of at most that size joined into one Doc, so the parser's memory stays
    bounded; one longer than ``[nlp] max_chars`` is not parsed. A failure on one article, including one over its
    budget (``[pipeline] item_seconds``: its own parse and ``fn``), is recorded and the batch goes on.
    """

    name: str
    fn: Callable[[Article, Any, Settings], Article]
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    reads: tuple[str, ...] | None = None  # see reads_extracts

    def run(self, batch: Sequence[Article], context: Context) -> StageResult:
        settings = context.settings
        if context.engine is not None:  # each group is parsed by a worker, as it would be here
            return _spread(self, list(_groups(batch, settings)), context, len(batch))
        nlp.load(settings.nlp.model)
        done: list[Article] = []
        failures: list[Failure] = []
        finished = 0
        for group in _groups(batch, settings):
            for article, doc in self._parse(group, settings, failures):
                try:
                    with budget(self.name, article, settings.pipeline.item_seconds) as check:
                        if doc is None:
                            doc = nlp.parse_long(
                                article.text,
                                model=settings.nlp.model,
                                piece_chars=settings.nlp.piece_chars,
                                between=check,
                            )
                        changed = self.fn(article, doc, settings)
                    done.append(changed)  # only once the block is left in time
                except _Expired:  # the alarm rang as the block was being left: over time all the same
                    over = _over_time(self.name, article, settings.pipeline.item_seconds)
                    failures.append(_failure(self.name, article, over))
                except Exception as exc:  # one article's failure must never stop the batch
                    log.warning("stage %s failed on %s: %s", self.name, article.id, exc)
                    failures.append(_failure(self.name, article, exc))
                del doc  # a long article's parse is large: let it go before the next one
            finished += len(group)
            context.on_progress(self.name, finished, len(batch))
        return StageResult(articles=done, failures=failures)

    def _parse(
        self, group: list[Article], settings: Settings, failures: list[Failure]
    ) -> Iterator[tuple[Article, Any]]:
        """Each article of ``group`` with its Doc, or with None when it is long and is parsed in its budget."""
        if len(group) == 1 and len(group[0].text) > settings.nlp.piece_chars:
            article = group[0]
            if len(article.text) > settings.nlp.max_chars:
                exc = BudgetError(
                    self.name,
                    article.id,
                    f"article {article.id} is {len(article.text):,} characters long, more than [nlp] max_chars"
                    f" ({settings.nlp.max_chars:,}); it was not parsed. Raise [nlp] max_chars to analyse it.",
                )
                log.warning("stage %s failed on %s: %s", self.name, article.id, exc)
                failures.append(_failure(self.name, article, exc))
                return
            yield article, None
            return
        docs = nlp.parse(
            [a.text for a in group],
            model=settings.nlp.model,
            batch_size=len(group),
            n_process=settings.nlp.processes,
        )
        yield from zip(group, docs, strict=True)


def _groups(batch: Sequence[Article], settings: Settings) -> Iterator[list[Article]]:
    """Consecutive articles in batches of at most ``[nlp] batch_size`` texts and ``[nlp] batch_chars`` characters;
    an article longer than ``[nlp] piece_chars`` alone."""
    group: list[Article] = []
    chars = 0
    for article in batch:
        size = len(article.text)
        if size > settings.nlp.piece_chars:
            if group:
                yield group
            yield [article]
            group, chars = [], 0
            continue
        if group and (len(group) >= settings.nlp.batch_size or chars + size > settings.nlp.batch_chars):
            yield group
            group, chars = [], 0
        group.append(article)
        chars += size
    if group:
        yield group


@dataclass(frozen=True, slots=True)
class CorpusStage:
    """A stage that compares its batch with stored data: ``fn(batch, view, settings) -> (articles, state)``.

    It works on the batch as a whole (grouping is not per article), so an error fails the batch; the runner
    records one failure per article and goes on with the next stage.

    With ``keeps_state``, ``fn`` takes a fourth argument, a dict that lives for the run (``Context.memo``): it
    may keep what it built from the store there (an index) and grow it with each batch, as long as what it
    keeps matches what it returns for the store to write.
    """

    name: str
    fn: Callable[..., tuple[list[Article], dict[str, Any]]]
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    keeps_state: bool = False
    reads: tuple[str, ...] | None = None  # see reads_extracts
    # The cyclic collector off while a batch runs (what the batch made frozen with the rest as it ends): see ``run``.
    collector_paused: bool = False
    # Runs once the stages before it are done with all of a run's articles, not chunk by chunk with them (the
    # digest: once per story the run changed): it and every stage after it are the tail of Pipeline.parts.
    after_all: bool = False
    # ``fn`` takes ``aside=``, the context's :class:`Aside` (None when there is none), to share its batch's work.
    shares: bool = False
    # What it keeps in its memo may serve the next run of the same Corpus, when the store is as the run left it
    # (decision 0099): the memo is handed to that run holding ``EARLIER_RUN``, and the stage brings what it keeps to
    # what it would build from the store (or builds it anew) in its first batch.
    lasting: bool = False
    # With ``lasting``: what of its memo the stage keeps between runs, called on the memo as a run ends (it takes out
    # the rest, so that what the next run would not use is not held meanwhile); None keeps it all.
    keeps: Callable[[dict[str, Any]], None] | None = None

    def run(self, batch: Sequence[Article], context: Context) -> StageResult:
        if context.view is None:
            raise PipelineError(f"Stage {self.name!r} compares articles with the store; run it through a Corpus.")
        # What the stage keeps for the run (the Linker, the events' vectors, the claims' window) and what the store
        # holds in memory grow with the store: left out of the cyclic collector's full passes while the batch runs
        # (12% of the serial stages' CPU at 16,000 stored articles, decision 0049). With ``collector_paused`` the
        # collector makes no pass at all while the batch runs: what the batch itself makes (origins' comparison
        # profiles, the claims' readings of a story's window) was read pass after pass, though none of it is garbage
        # until the run drops it (at the 50,000 step 0.6 CPU s of origins' 2.8 and of claim matching's 4.8, in 19
        # full passes that freed nothing; decision 0040). It changes no answer: the collector only frees what nothing
        # reaches. Not for cluster: its batches ran slower with the collector off (3.9-4.1 against 3.7-3.9 CPU s
        # on bench/cluster.py's 2,000 articles), and made few passes with it on.
        with entities.kept_out_of_collections(), _paused(self.collector_paused):
            shared = {"aside": context.aside} if self.shares else {}
            if self.keeps_state:
                memo = context.memo.setdefault(self.name, {})
                articles, state = self.fn(batch, context.view, context.settings, memo, **shared)
            else:
                articles, state = self.fn(batch, context.view, context.settings, **shared)
        return StageResult(articles=articles, failures=[], state=state)


# What a stored article carries in rows of its own besides its columns: read only for a stage that wants them.
EXTRACTS = ("article.mentions", "article.quotes", "article.entities", "article.dates")


def reads_extracts(stage: Stage) -> bool:
    """Whether the runner loads ``stage``'s articles with their mentions, quotes and date mentions: the stage
    requires one of :data:`EXTRACTS`, or declares in ``reads`` that it reads one when present (a stage without
    ``reads``, a plugin's say, gets them all)."""
    reads: tuple[str, ...] | None = getattr(stage, "reads", None)
    if reads is None:
        return True
    return any(field in EXTRACTS for field in (*stage.requires, *reads))


def _dates(article: Article, settings: Settings) -> Article:
    return dataclasses.replace(article, dates=tuple(dates.find(article.text, article.published)))


def _quotes(article: Article, doc: Any, settings: Settings) -> Article:
    # The Doc's text, for both: the text it was parsed from (spaCy's tokenizer keeps every character, and a long
    # article's pieces are joined to its text, nlp.parse_long), not joined again from its tokens (``Doc.text``).
    text = article.text
    found = mentions.find(doc, text)
    return dataclasses.replace(
        article, mentions=found, quotes=quotes.find(doc, found, outlet=article.outlet, text=text)
    )


# The key a stage's memo holds (True) when a Corpus hands it, kept from its last run, to the next (``lasting``).
EARLIER_RUN = "earlier_run"

# Stored mentions read for what earlier articles said of a name another spelling may join (entities.Linker): the
# first that many in the order their articles came in (``entity_told``, decision 0075).
_STORED_MENTIONS = 50


def _entities(
    batch: Sequence[Article], view: CorpusView, settings: Settings, memo: dict[str, Any]
) -> tuple[list[Article], dict[str, Any]]:
    def stored(entity_id: str) -> list[tuple[str, str]]:
        rows = view.query("entity_told", entity_id=entity_id, limit=_STORED_MENTIONS)
        return [(row["window"], row["text"]) for row in rows]

    # One Linker for the run, built from the store once (decision 0035): after each batch it takes the records it
    # returns for the store as its own, so it holds what a Linker built anew from the store would.
    # The stored names' word keys are read from the store, not worked out again (decision 0098): kept by this version
    # of the rules, they are the answers the Linker would work out; kept by another (or none kept, a store made before
    # them), they are written anew from this run's first batch, every stored name's with the new ones.
    linker: entities.Linker | None = memo.get("linker")
    if memo.pop(EARLIER_RUN, False) and linker is not None and not linker.next_run(view.entity_ids()):
        # Kept from the Corpus's last run, but not holding the stored entities: built anew, as by a fresh process.
        memo.clear()
        linker = None
    version = entities.keys_version()
    first = linker is None
    try:
        if linker is None:
            kept_version, kept = view.name_keys()
            fresh = kept_version != version
            keyed = memo["keyed"] = set() if fresh else entities.give_keys(kept)
            known = view.entities()
            linker = memo["linker"] = entities.Linker(known)
            names = [alias for e in known for alias in e.aliases if alias not in keyed]
        else:
            fresh, keyed = False, memo["keyed"]
            names = []
        # It reads stored mentions through this batch's view.
        linker.stored = stored
        linked = linker.link_articles(batch)
    finally:
        if first:
            # The kept answers given are let go once the first batch is linked: the word caches hold those the
            # Linker asked (decision 0098, revised: they held about 2 KB a stored article for the run and after it).
            # Also when the build or the linking raised, or the run was interrupted in them (the build is the
            # start's longest part): the run's memo is dropped, so its next batch reads and gives them again, and a
            # run that ends there holds none after it (decision 0098, review of the fourth session).
            entities.let_go_keys()
    changed = linker.entities(linker.changed)
    linker.settle(changed)
    names += [alias for e in changed for alias in e.aliases if alias not in keyed]
    keys = entities.name_keys(names)
    keyed.update(names)
    return linked, {"entities": changed, "name_keys": (version, keys, fresh)}


def _cites(article: Article, settings: Settings) -> Article:
    return dataclasses.replace(article, cites=attributions.cites(article.text, own_outlet=article.outlet))


@contextmanager
def _paused(paused: bool) -> Iterator[None]:
    """The cyclic collector off in the block when ``paused`` (inside ``entities.kept_out_of_collections``, what the
    block made is frozen with the rest as the collector comes back on, to be handed back as that block ends)."""
    if not paused:
        yield
        return
    with entities._collector_paused():
        yield


def _grouping(name: str) -> Callable[..., tuple[list[Article], dict[str, Any]]]:
    """``grouping.<name>``, imported when it first runs: MinHash and numpy load only for a run, never to read."""

    def run(batch: Sequence[Article], view: CorpusView, settings: Settings, memo: dict[str, Any]) -> Any:
        from newsdesk import grouping

        # What the stage kept from the Corpus's last run (``lasting``) is what ``_kept`` left of its memo, which the
        # stage's first batch takes as it would have read it from the store.
        memo.pop(EARLIER_RUN, None)
        return getattr(grouping, name)(batch, view, settings, memo)

    run.__name__ = run.__qualname__ = name
    return run


def _cluster_keeps(memo: dict[str, Any]) -> None:
    """What the cluster stage keeps of its memo between two runs of a Corpus (decision 0099): its term counts
    (``grouping.cluster_kept``)."""
    from newsdesk import grouping

    grouping.cluster_kept(memo)


def _features(article: Article, settings: Settings) -> Article:
    # What dedupe and cluster compare an article by, worked out here (in the worker processes) rather than by them.
    from newsdesk import grouping

    return grouping.features(article)


def _claims(article: Article, settings: Settings) -> Article:
    # Reads the quotes stage's mentions and quotes (spaCy's parse, never parsed again) when it has run, and the
    # dates stage's mentions as the store gives them; an article with none stored has them found again here (a regex
    # pass, resolved as the dates stage does: none again where that stage ran and found none).
    if not article.dates:
        article = dataclasses.replace(article, dates=tuple(dates.find(article.text, article.published)))
    # A wire copy's own claims relay the outlet whose report it runs (a dateline's agency, a credit line).
    wire = attributions.wire(article.text, own_outlet=article.outlet)
    return dataclasses.replace(article, claims=claim_extract.find(article, wire=wire), dates=())


def _stances(article: Article, settings: Settings) -> Article:
    # Reads the quotes stage's mentions and quotes, linked by the entities stage (never parsed again), and the
    # dates stage's mentions for a statement's own date, as the store gives them (in an ingest, the chunk as the
    # claims stage was given it: corpus._unread). An article with none stored that has stances has them found again
    # (a regex pass), and its stances found again with them only when there are some: with none, they are the same.
    found = stance_extract.find(article)
    if found and not article.dates and (mentioned := tuple(dates.find(article.text, article.published))):
        found = stance_extract.find(dataclasses.replace(article, dates=mentioned))
    return dataclasses.replace(article, stances=found)


BUILTIN: tuple[Stage, ...] = (
    # ``reads``: the stored fields a stage reads when present beyond what it requires (reads_extracts).
    ArticleStage("cites", _cites, requires=("article.text",), produces=("article.cites",), reads=()),
    ArticleStage(
        "dates", _dates, requires=("article.text", "article.published"), produces=("article.dates",), reads=()
    ),
    ArticleStage(
        "features",
        _features,
        requires=("article.text", "article.published"),
        produces=("article.features",),
        reads=(),
    ),
    ParsedStage(
        "quotes",
        _quotes,
        requires=("article.text", "article.outlet"),
        produces=("article.mentions", "article.quotes"),
        reads=(),
    ),
    CorpusStage(
        "entities",
        _entities,
        requires=("article.mentions", "article.quotes"),
        produces=("article.entities",),
        keeps_state=True,
        reads=(),
        lasting=True,  # the Linker, brought to the store's order as the next run starts (decision 0099)
    ),
    ArticleStage(
        "claims",
        _claims,
        requires=("article.text", "article.dates", "article.cites"),
        produces=("article.claims",),
        reads=("article.mentions", "article.quotes"),
    ),
    ArticleStage(
        "stances",
        _stances,
        # Not "article.entities": like claims, it reads the linked mentions when the entities stage ran before it,
        # so that a pipeline without the parse still runs (and finds no stances).
        requires=("article.text", "article.dates"),
        produces=("article.stances",),
        reads=("article.mentions", "article.quotes"),
    ),
    CorpusStage(
        "dedupe",
        _grouping("dedupe"),
        requires=("article.text",),
        produces=("article.duplicate_of",),
        keeps_state=True,
        reads=(),
    ),
    CorpusStage(
        "cluster",
        _grouping("cluster"),
        requires=("article.text", "article.duplicate_of"),
        produces=("article.event_id", "story.events"),
        keeps_state=True,
        reads=("article.entities",),  # the entities its articles name, linked in their mentions
        lasting=True,  # its term counts, which are the store's as the run ends (decision 0099)
        keeps=_cluster_keeps,
    ),
    CorpusStage(
        "origins",
        _grouping("origins"),
        collector_paused=True,
        requires=("article.duplicate_of", "article.event_id", "article.cites"),
        produces=("article.origin",),
        keeps_state=True,
        reads=("article.quotes",),  # who its articles quote as speaking to which outlet
        # Not lasting: its comparison profiles, kept, held about 100 KB a member between runs and grew run by run to
        # ``PROFILES`` for about 0.4 CPU s a run (decision 0099, seventh session, h-rm54).
    ),
    CorpusStage(
        "claim_match",
        claim_match.stage,
        collector_paused=True,
        requires=("article.claims", "article.event_id"),
        produces=("story.claims",),
        keeps_state=True,
        reads=(),  # the batch's claims are read from the store by the stage itself
    ),
    # Last: what story pages show of claims, framing and positions, once per story an analysis changed.
    CorpusStage(
        "digest",
        digest.stage,
        # What a batch of the digest makes (the clusters and sides of its stories' claims, the positions kept for the
        # run's cards) was read pass after pass by full collections that freed nothing (decision 0033's revision of
        # the night).
        collector_paused=True,
        requires=("story.claims", "article.stances", "article.origin"),
        produces=("story.digest",),
        keeps_state=True,
        reads=(),
        after_all=True,
        shares=True,  # a share of its stories digested by an idle worker (decision 0084)
    ),
)


def registry(*, load_plugins: bool = False) -> dict[str, Stage]:
    """Every known stage by name: the built-ins, plus entry-point plugins when ``load_plugins``."""
    stages: dict[str, Stage] = {stage.name: stage for stage in BUILTIN}
    if load_plugins:
        for ep in entry_points(group="newsdesk"):
            loaded = ep.load()
            for stage in loaded() if callable(loaded) and not isinstance(loaded, Stage) else [loaded]:
                if not isinstance(stage, Stage):
                    raise PipelineError(f"Plugin {ep.name!r} gave {stage!r}, which is not a Stage.")
                stages[stage.name] = stage
    return stages


class Pipeline:
    """An ordered list of stages whose wiring is checked when the pipeline is built."""

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages = list(stages)
        available = set(INGEST_PRODUCES)
        producers = {p: s.name for s in self.stages for p in s.produces}
        for stage in self.stages:
            for need in stage.requires:
                if need not in available:
                    later = producers.get(need)
                    where = (
                        f" Stage {later!r} produces it: put it before {stage.name!r}."
                        if later
                        else (" No stage in this pipeline produces it.")
                    )
                    raise PipelineError(
                        f"Stage {stage.name!r} requires {need!r}, which nothing before it produces.{where}"
                    )
            available.update(stage.produces)

    @classmethod
    def from_settings(cls, settings: Settings, *, load_plugins: bool = False) -> Pipeline:
        """The pipeline named by ``[pipeline] stages``.

        Raises:
            ConfigError: a stage name that no built-in or plugin provides.
        """
        known = registry(load_plugins=load_plugins)
        stages = []
        for name in settings.pipeline.stages:
            if name not in known:
                raise ConfigError(
                    f"Unknown stage {name!r} in [pipeline] stages.{did_you_mean(name, known)} "
                    f"Available: {', '.join(known)}."
                )
            stages.append(known[name])
        return cls(stages)

    @property
    def names(self) -> list[str]:
        """The stage names, in order."""
        return [s.name for s in self.stages]

    def parts(self) -> tuple[list[Stage], list[Stage], list[Stage]]:
        """The stages as the lead, middle and tail of :meth:`split`, whether or not they may go chunk by chunk: the
        lead is the per-article stages before the first corpus stage; the tail is the first stage that runs
        ``after_all`` (the digest) and every stage after it; the middle is every stage between them."""
        lead: list[Stage] = []
        for stage in self.stages:
            if not isinstance(stage, ArticleStage | ParsedStage):
                break
            lead.append(stage)
        rest = self.stages[len(lead) :]
        cut = next((k for k, stage in enumerate(rest) if getattr(stage, "after_all", False)), len(rest))
        return lead, rest[:cut], rest[cut:]

    def split(self, pending: dict[str, list[str]]) -> tuple[list[Stage], list[Stage], list[Stage]] | None:
        """The stages as three runs for going chunk by chunk (decisions 0049 and 0075), or None when they cannot.

        ``lead``: the per-article stages before the first corpus stage, which the engine's workers run two chunks
        ahead (:class:`Ahead`) when there are workers; ``middle``: entity linking and every stage after it up to the
        tail (claims, stances, dedupe, cluster, origins, claim matching), which this process runs chunk by chunk as
        the lead's results come back; ``tail``: the digest, over all of the run's articles once the others are done.
        Each chunk goes through the lead and the middle before the next one starts, with workers or without, so the
        store is the same either way. A middle stage of a chunk sees what the stages after it wrote of the chunks
        before (not what they would write of no chunk of the run, as stage after stage): for that order each stage's
        reads were argued (decision 0075; entity linking reads stored mentions in the order their articles came in,
        not by story), and the per-article stages read nothing another article's stages wrote. So a run goes chunk
        by chunk only when every stage is built in and in the built-in order (what a plugin reads is not known, and
        the argument holds for that order), the lead stages read nothing another lead stage produces, and every
        lead and middle stage has the same articles pending (a first run, or one caught up; a run resumed half-way
        goes stage by stage). ``pending``: the articles each lead and middle stage has pending (the tail's are read
        when it starts: what the others write makes more of them pending)."""
        lead, middle, tail = self.parts()
        made = {p for stage in lead for p in stage.produces}
        order = {pending[s.name] == pending[lead[0].name] for s in (*lead, *middle)} if lead else {False}
        if (
            not lead
            or not middle
            or order != {True}
            or any(all(stage is not builtin for builtin in BUILTIN) for stage in self.stages)
            # In the built-in order: what each stage reads was argued for that order (a stage moved before
            # another may read what the other makes of earlier chunks).
            or [BUILTIN.index(stage) for stage in self.stages] != sorted(BUILTIN.index(stage) for stage in self.stages)
            or any(set(stage.requires) & made for stage in lead)
        ):
            return None
        return lead, middle, tail

    def run_stage(
        self, stage: Stage, batch: Sequence[Article], context: Context, *, threads: bool = False
    ) -> tuple[StageResult, StageReport]:
        """Run one stage over a batch and time it: CPU seconds of this process, or of this thread alone when
        ``threads`` (stages run in two threads of it, see :class:`Ahead`)."""
        clock = time.thread_time if threads else time.process_time
        started, cpu = time.perf_counter(), clock()
        result = stage.run(batch, context)
        report = StageReport(
            stage=stage.name,
            items_in=len(batch),
            # A stage that writes only story data (claim clusters) hands no article back: each one it did not
            # fail is done all the same.
            items_out=(
                len(result.articles)
                if any(p.startswith("article.") for p in stage.produces)
                else len(batch) - len(result.failures)
            ),
            failures=len(result.failures),
            seconds=time.perf_counter() - started,
            cpu_seconds=clock() - cpu,
        )
        return result, report


def run_unit(job: Stage, articles: list[Article], context: Context) -> tuple[StageResult | None, str, str]:
    """How an engine's worker (a local process or a Ray actor) runs one unit: ``(result, "", "")``, or
    ``(None, error, message)`` when the stage raised, so that the engine tries the unit's articles again alone.
    Of each article of the result only its id, source and the fields the stage produces are kept (all of it when
    :func:`produced_fields` is None): what the caller's ``_spread`` puts on its own articles."""
    try:
        result = job.run(articles, context)
    except Exception as exc:  # the unit fails; its articles are tried again alone
        return None, type(exc).__name__, str(exc) or repr(exc)
    fields = produced_fields(job)
    if fields is not None:  # only what the stage produced goes back (_spread puts it on the caller's articles)
        lean = [
            Article(id=a.id, source=a.source, text="", **{f: getattr(a, f) for f in fields}) for a in result.articles
        ]
        result = dataclasses.replace(result, articles=lean)
    return result, "", ""


def unit_failure(job: Stage, article: Article, error: str, why: str) -> Failure:
    """The failure an engine records for an article that failed alone; a dead worker's says what that means."""
    if error == "WorkerError":
        message = (
            f"stage {job.name!r} could not finish article {article.id}: {why}. The article was tried alone"
            " and the batch went on; a crash in native code or a lack of memory does this (see the log)."
        )
    else:
        message = why
    log.warning("stage %s failed on %s: %s", job.name, article.id, message)
    return Failure(item=article.source, stage=job.name, article_id=article.id, error=error, message=message)


# What Ahead hands back for a chunk: each lead stage with its result (or the exception it raised) and its report.
Outcome = tuple[Stage, StageResult | Exception, StageReport]


class Ahead:
    """The lead stages (:meth:`Pipeline.split`) of a run's chunks, worked out in a thread of their own.

    While this process runs the corpus stages on one chunk, the engine's workers (processes or Ray actors) run
    the lead stages (cites, dates, features, the parse with quotes) on the next: this thread only hands their
    units out and takes the results back, waiting on the workers the rest of the time. Only the caller touches
    the store: it loads each chunk and gives it here (:meth:`feed`), then takes each chunk's outcomes back in
    order (:meth:`take`) to write them. Decision 0049.
    """

    def __init__(self, pipeline: Pipeline, stages: Sequence[Stage], context: Context, total: int) -> None:
        self._pipeline = pipeline
        self._stages = list(stages)
        self._context = context
        self._total = total
        self._inbox: queue.Queue[tuple[int, list[Article]] | None] = queue.Queue()
        self._outbox: queue.Queue[list[Outcome]] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name="newsdesk-ahead", daemon=True)
        self._thread.start()

    def feed(self, start: int, batch: list[Article]) -> None:
        """Queue a chunk: its articles, the first of them ``start`` articles into the run (for progress)."""
        self._inbox.put((start, batch))

    def take(self) -> list[Outcome]:
        """The outcomes of the oldest chunk fed and not taken yet, once its lead stages have all run.

        Raises:
            PipelineError: the thread is gone without them (it never should: each stage's errors are caught).
        """
        while True:
            try:
                return self._outbox.get(timeout=1.0)
            except queue.Empty:
                if not self._thread.is_alive() and self._outbox.empty():
                    raise PipelineError("the thread running the per-article stages ahead stopped") from None

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, traceback: Any) -> None:
        """Let the thread end once it has done what it was fed, and wait for it; after an error (Ctrl-C), tell it
        to stop and do not wait: the engine is stopped next, which ends the stage it is in (``Workers.run`` and
        ``RayEngine.run`` raise once closed), and it runs nothing more."""
        if kind is not None:
            self._stop.set()
        self._inbox.put(None)
        if kind is None:
            self._thread.join()

    def _work(self) -> None:
        while (fed := self._inbox.get()) is not None and not self._stop.is_set():
            start, batch = fed

            def progress(stage: str, done: int, total: int, start: int = start) -> None:
                self._context.on_progress(stage, start + done, self._total)

            context = dataclasses.replace(self._context, on_progress=progress)
            outcomes: list[Outcome] = []
            for stage in self._stages:
                if self._stop.is_set():
                    return
                try:
                    result, ran = self._pipeline.run_stage(stage, batch, context, threads=True)
                    outcomes.append((stage, result, ran))
                except Exception as exc:  # the caller records the chunk's articles as failed, as for any stage
                    if self._stop.is_set():  # the run was left (Ctrl-C) and the engine stopped under the stage
                        return
                    log.exception("stage %s failed on a batch of %d articles", stage.name, len(batch))
                    outcomes.append((stage, exc, StageReport(stage=stage.name, items_in=len(batch))))
            self._outbox.put(outcomes)
