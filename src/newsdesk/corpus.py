"""The Corpus facade: the one object the CLI, the web UI and Python users talk to."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import logging
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from newsdesk import clean, digest, outlets
from newsdesk.claims import summary as claim_summary
from newsdesk.dates import parse_date
from newsdesk.errors import ConfigError, IngestError, NewsdeskError, NotFoundError
from newsdesk.extract import dates
from newsdesk.extract.entities import kept_out_of_collections
from newsdesk.pipeline import (
    EARLIER_RUN,
    Ahead,
    ArticleStage,
    Context,
    Outcome,
    ParsedStage,
    Pipeline,
    ProgressCallback,
    Stage,
    StageResult,
    _no_progress,
    reads_extracts,
)
from newsdesk.ray_engine import RayEngine, require_ray
from newsdesk.records import Article, Draft, Failure, IngestReport, StageReport, is_article_id
from newsdesk.settings import Settings, load
from newsdesk.stances import issues as stance_issues
from newsdesk.store import COLUMN_FIELDS, Store
from newsdesk.store.extracts import as_stored, with_links
from newsdesk.workers import Workers
from newsdesk.workers import count as worker_count

if TYPE_CHECKING:
    import httpx

__all__ = ["DEFAULT_DB", "Corpus", "is_demo_database", "open_corpus"]

log = logging.getLogger(__name__)

DEFAULT_DB = "newsdesk.db"
# Articles per transaction, or seconds of reading and cleaning, whichever comes first: a crash loses at most this
# much work, never consistency. Each commit also leaves FTS5 one more segment to merge (bench/archive.py).
_FLUSH_EVERY = 500
_FLUSH_SECONDS = 2.0
_ANALYZE_CHUNK = 500
# What a stage may produce and leave its chunk's articles as the store gives them to a stage: rows of tables of
# their own (claims, stances), never the articles' columns, mentions, quotes or date mentions, which
# ``Store.articles`` reads.
_OWN_TABLES = frozenset({"article.claims", "article.stances"})
# What a stage may produce of the rows of their own ``Store.articles`` reads: mentions and quotes (and their links).
_MENTIONS = frozenset({"article.mentions", "article.quotes", "article.entities"})
_COLUMNS = frozenset(f"article.{c}" for c in COLUMN_FIELDS)


def _finds_mentions(stage: Stage, outcome: StageResult | Exception) -> bool:
    """Whether ``outcome`` is what a stage that finds mentions made of a chunk: held back for entity linking to
    write the mentions once, with their links (``Corpus._linked``)."""
    return "article.mentions" in stage.produces and not isinstance(outcome, Exception)


def _bare(article: Article) -> Article:
    """A stored article as ``Store.articles`` gives it to a stage that reads none of its mentions, quotes and date
    mentions (``reads_extracts``)."""
    return dataclasses.replace(article, mentions=(), quotes=(), dates=())


def _unread(stage: Stage) -> bool:
    """Whether what ``stage`` writes of a chunk leaves its articles as ``Store.articles`` read them before: the next
    stage of the chunk may take them as read (the claims stage's, for the stances stage: one read of the chunk's
    articles, mentions, quotes and date mentions fewer)."""
    return isinstance(stage, ArticleStage) and bool(stage.produces) and set(stage.produces) <= _OWN_TABLES


def open_corpus(path: str | Path | None = None, *, settings: Settings | None = None, create: bool = True) -> Corpus:
    """Open (or create) the corpus database at ``path``, ``$NEWSDESK_DB`` or ``./newsdesk.db``; with
    ``create=False`` a database file that does not exist yet is a :class:`StoreError` instead."""
    db = path if path is not None else os.environ.get("NEWSDESK_DB") or DEFAULT_DB
    return Corpus(Store(db, create=create), settings=settings if settings is not None else load())


def is_demo_database(path: str | Path) -> bool:
    """Whether ``path`` is a database made by ``newsdesk demo`` (which it may replace)."""
    return Store.is_marked(path, "demo")


def _most_backed(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim clusters with most independent origins first, then most articles."""
    return sorted(clusters, key=lambda c: (-len(c["independent_origins"]), -len(c["article_ids"])))


def _in_sentence(item: dict[str, Any]) -> dict[str, Any]:
    """An :meth:`Corpus.entity_mentions` item with its sentence cut into pieces at its mentions."""
    (window, base), (_, left, right), (cut_left, cut_right) = item.pop("_window"), item.pop("_where"), item.pop("_cut")
    pieces: list[dict[str, Any]] = [{"text": "…", "named": False}] if cut_left else []
    at = left
    for m in item["mentions"]:
        if m["start"] < at:  # overlapping mentions: the first one is shown
            continue
        pieces.append({"text": window[at - base : m["start"] - base], "named": False})
        pieces.append({"text": m["text"], "named": True, "start": m["start"], "end": m["end"]})
        at = m["end"]
    pieces.append({"text": window[at - base : right - base], "named": False})
    pieces[0 if not cut_left else 1]["text"] = pieces[0 if not cut_left else 1]["text"].lstrip()
    pieces[-1]["text"] = pieces[-1]["text"].rstrip()
    pieces += [{"text": "…", "named": False}] if cut_right else []
    return {**item, "sentence": [p for p in pieces if p["text"]]}


# ``[framing] groups`` items as outlet -> group (kept here by its old name).
framing_groups = digest.framing.groups


def _sum(total: StageReport, report: StageReport) -> StageReport:
    """Two reports of one stage (a run's chunks) as one."""
    return StageReport(
        stage=total.stage,
        items_in=total.items_in + report.items_in,
        items_out=total.items_out + report.items_out,
        failures=total.failures + report.failures,
        seconds=total.seconds + report.seconds,
        cpu_seconds=total.cpu_seconds + report.cpu_seconds,
    )


def _failure(exc: IngestError, stage: str = "ingest") -> Failure:
    return Failure(item=exc.item, stage=stage, error=type(exc).__name__, message=str(exc))


def _spelled(articles: list[Article], spellings: outlets.Spellings) -> list[Article]:
    """The articles with each outlet spelled as the store spells it (``newsdesk.outlets``), the spelling the source
    gave kept in ``meta`` as ``outlet_as_written`` where it differs."""
    out = []
    for article, spelling in zip(articles, spellings.resolve(a.outlet for a in articles), strict=True):
        if spelling != article.outlet:
            meta = (*article.meta, ("outlet_as_written", str(article.outlet)))
            article = dataclasses.replace(article, outlet=spelling, meta=meta)
        out.append(article)
    return out


class Corpus:
    """A store of articles plus the pipeline that analyses them."""

    def __init__(self, store: Store, *, settings: Settings | None = None, load_plugins: bool = False) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.pipeline = Pipeline.from_settings(self.settings, load_plugins=load_plugins)
        self.workers = worker_count(self.settings.pipeline.workers)
        if self.settings.pipeline.engine not in ("local", "ray"):
            raise ConfigError(f'[pipeline] engine is {self.settings.pipeline.engine!r}: give "local" or "ray".')
        if self.settings.pipeline.engine == "ray":
            require_ray()  # before anything is stored, not when the analysis starts
        # What the lasting corpus stages kept in the last run (their memo, by stage name), with the store's write mark
        # as that run left it: handed to the next run while the store is unchanged since but for this Corpus's own
        # bookkeeping (decision 0099).
        self._kept: tuple[tuple[int, int], dict[str, dict[str, Any]]] | None = None

    def reader(self) -> Corpus:
        """This corpus over another, read-only connection to its database, for reading from another thread.

        The caller closes it.

        Raises:
            StoreError: the database is in memory, which no other connection can see.
        """
        twin = copy.copy(self)
        twin.store = self.store.reader()
        return twin

    def mark_demo(self) -> None:
        """Label this database as a demo database, which ``newsdesk demo`` may replace."""
        with self._own():
            self.store.mark("demo")

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def ingest(
        self,
        targets: Iterable[str | Path],
        *,
        outlet: str | None = None,
        published: str | None = None,
        url: str | None = None,
        analyze: bool = True,
        on_progress: ProgressCallback = _no_progress,
        client: httpx.Client | None = None,
    ) -> IngestReport:
        """Read files, folders, feeds and URLs into the store, then run the analysis stages.

        ``outlet``, ``published`` and ``url`` supply metadata the items do not state themselves. One bad item
        is recorded in the report (and in ``failures``) and the rest go on.

        Raises:
            ConfigError: a hint is malformed (``published`` not a date, ``url`` not http(s)).
        """
        from newsdesk import ingest  # readers of HTML, feeds and URLs: loaded by the commands that ingest

        hints = self._hints(outlet=outlet, published=published, url=url)
        found = list(ingest.items((str(t) for t in targets), follow_links=self.settings.ingest.follow_links))
        work = [i for i in found if isinstance(i, ingest.Item)]
        if url is not None and len(work) > 1:
            raise ConfigError(f"--url names one article, but {len(work)} items were given. Ingest them one at a time.")
        with self._own():
            run_id = self.store.start_run("ingest")
        failures: list[Failure] = []
        added: list[str] = []
        skipped: list[str] = []
        warnings: list[str] = []
        pending: list[Article] = []
        drafts_seen = 0
        started = time.perf_counter()

        spellings: outlets.Spellings | None = None

        def flush() -> None:
            # Articles and the failures met so far are committed together, every few articles, so a crash
            # loses little and the store never holds half an article.
            # An article the store cannot write (a value SQLite refuses) becomes a failure; the rest are written.
            nonlocal spellings
            if spellings is None:  # the store's outlets, read once an ingest
                spellings = outlets.Spellings({o["outlet"]: o["articles"] for o in self.store.query("outlets")})
            pending[:] = _spelled(pending, spellings)
            with self._own():  # new articles, none of them analysed: nothing a kept memo holds
                new, known = self.store.add(pending, failed=failures)
                self.store.record_failures(failures[recorded[0] :], run_id)
            added.extend(new)
            skipped.extend(known)
            pending.clear()
            recorded[0] = len(failures)
            flushed[0] = time.monotonic()

        recorded = [0]
        flushed = [time.monotonic()]
        failures.extend(_failure(e) for e in found if isinstance(e, IngestError))
        for done, item in enumerate(work):
            on_progress("ingest", done, len(work))
            drafts_of_item = 0
            for got in ingest.read(item, self.settings, client=client):
                if isinstance(got, IngestError):
                    failures.append(_failure(got))
                    continue
                drafts_seen += 1
                drafts_of_item += 1
                warnings.extend(f"{got.source}: {w}" for w in got.warnings)
                if url is not None and drafts_of_item > 1:
                    failures.append(
                        Failure(
                            item=got.source,
                            stage="ingest",
                            error="ConfigError",
                            message="--url names one article, but this item holds several; ingest it without --url",
                        )
                    )
                    continue
                try:
                    pending.append(self._clean(got, hints))
                except NewsdeskError as exc:
                    failures.append(Failure(item=got.source, stage="clean", error=type(exc).__name__, message=str(exc)))
                except Exception as exc:  # a bug on one odd article must not cost the batch
                    log.exception("cleaning %s failed", got.source)
                    failures.append(
                        Failure(
                            item=got.source,
                            stage="clean",
                            error=type(exc).__name__,
                            message=f"internal error, please report it: {exc}",
                        )
                    )
                if len(pending) >= _FLUSH_EVERY or time.monotonic() - flushed[0] >= _FLUSH_SECONDS:
                    flush()
        flush()
        on_progress("ingest", len(work), len(work))
        report = StageReport(
            stage="ingest",
            items_in=drafts_seen,
            items_out=len(added),
            duplicates=len(skipped),
            failures=len(failures),
            seconds=time.perf_counter() - started,
        )
        stages = [report]
        if analyze:
            stage_failures: list[Failure] = []
            stages.extend(self._analyze(run_id, on_progress=on_progress, failed=stage_failures))
            failures.extend(stage_failures)
        with self._own():
            self.store.finish_run(run_id, stages)
        return IngestReport(
            added=tuple(added),
            skipped=tuple(skipped),
            failures=tuple(failures),
            stages=tuple(stages),
            run_id=run_id,
            warnings=tuple(warnings),
            unread=tuple(u.target for u in found if isinstance(u, ingest.Unread)),
        )

    def _hints(self, *, outlet: str | None, published: str | None, url: str | None) -> dict[str, str]:
        from newsdesk.ingest import sanitize

        hints: dict[str, str] = {}
        # Command-line arguments carry undecodable bytes as lone surrogates, which the store cannot hold.
        outlet, published, url = (sanitize.text(v) if v else v for v in (outlet, published, url))
        if outlet:
            hints["outlet"] = outlet.strip()
        if published:
            iso = parse_date(published)
            if iso is None:
                raise ConfigError(
                    f"--published {published!r} is not a date I can read. "
                    "Write it as ISO 8601, e.g. 2026-03-01 or 2026-03-01T09:30:00+01:00."
                )
            hints["published"] = iso
        if url:
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"--url {url!r} must start with http:// or https://.")
            hints["url"] = url
        return hints

    def _clean(self, draft: Draft, hints: dict[str, str]) -> Article:
        article = clean.article(draft, min_words=self.settings.ingest.min_words)
        # Hints supply what neither the source nor its text states; they never overwrite what is stated.
        fill = {k: v for k, v in hints.items() if not getattr(article, k)}
        return dataclasses.replace(article, **cast(dict[str, Any], fill)) if fill else article

    def analyze(self, *, redo: bool = False, on_progress: ProgressCallback = _no_progress) -> list[StageReport]:
        """Run the analysis stages over stored articles they have not processed (all of them with ``redo``).

        Raises:
            LockedError: another process analysed this database for all of ``[pipeline] lock_seconds``.
        """
        with self._own():
            run_id = self.store.start_run("analyze")
        reports = self._analyze(run_id, on_progress=on_progress, redo=redo, again=True)
        with self._own():
            self.store.finish_run(run_id, reports)
        return reports

    def _analyze(
        self,
        run_id: int,
        *,
        on_progress: ProgressCallback,
        failed: list[Failure] | None = None,
        redo: bool = False,
        again: bool = False,
    ) -> list[StageReport]:
        # One analysing process per database: corpus stages add term counts as deltas and grow events batch by
        # batch, so two processes analysing the same pending articles would count them twice.
        with self.store.analysis_lock(wait=self.settings.pipeline.lock_seconds):
            if redo:
                self._kept = None
                for name in self.pipeline.names:
                    self.store.reset(name)
            # (Read under the lock: another process may analyse this database between two of this Corpus's runs.)
            memo = self._resume()
            started = self.store.write_mark()
            reports = self._run_stages(run_id, on_progress=on_progress, failed=failed, memo=memo)
            if again:
                self._digest_again()
            self._hold(memo, started)
            return reports

    def _resume(self) -> dict[str, dict[str, Any]]:
        """The memo this run starts from: what the lasting stages kept in this Corpus's last run, each marked as of
        an earlier run, when nothing but this Corpus's bookkeeping (:meth:`_own`) was written to the store since
        that run ended; else none (every stage builds from the store, as in a fresh process). Either way nothing is
        kept while the run goes: a run that fails or is interrupted leaves none for the next (decision 0099)."""
        kept, self._kept = self._kept, None
        if kept is None:
            return {}
        mark, memo = kept
        if self.store.write_mark() != mark:
            log.info("the store was written since this corpus's last run: its stages build from the store")
            return {}
        for stage_memo in memo.values():
            stage_memo[EARLIER_RUN] = True
        return memo

    def _hold(self, memo: dict[str, dict[str, Any]], started: tuple[int, int] | None) -> None:
        """Keep for the next run what the lasting stages hold at the end of a run that ended (:meth:`_resume`), when
        no other connection committed since the run started (``started``, the store's write mark then): one that
        did as the run wrote its last batch would be in the mark taken now, unseen by the next run's check."""
        lasting = {s.name: s for s in self.pipeline.stages if getattr(s, "lasting", False)}
        held = {name: stage_memo for name, stage_memo in memo.items() if name in lasting}
        mark = self.store.write_mark()
        alone = started is not None and mark is not None and mark[0] == started[0]
        self._kept = (mark, held) if held and alone and mark is not None else None
        if self._kept is not None:
            for name, stage_memo in held.items():
                keeps = getattr(lasting[name], "keeps", None)
                if keeps is not None:
                    keeps(stage_memo)  # what the next run would not use is not held meanwhile

    @contextlib.contextmanager
    def _own(self) -> Iterator[None]:
        """A write of this Corpus that changes nothing a kept memo holds (a run's row, new articles not analysed,
        failures, a label): the memo stays good for the next run if the store was as the last run left it before
        the write and no other connection committed while it was made."""
        kept = self._kept
        before = self.store.write_mark() if kept is not None else None
        try:
            yield
        finally:
            if kept is not None and self._kept is kept:
                after = self.store.write_mark()
                good = before == kept[0] and after is not None and before is not None and after[0] == before[0]
                self._kept = (after, kept[1]) if good and after is not None else None

    def _digest_again(self) -> None:
        """Digest again each story whose kept timeline was made before its rows said which entries are still to
        come (``digest.timeline.NEWEST``): its web timeline would mark none expected until the story changed, and
        each of its pages is worked out whole meanwhile (:meth:`story_timeline`). `newsdesk analyze` (after an
        upgrade) does it; a story digested today has nothing to redo, and finding none reads no part."""
        if "digest" not in self.pipeline.names:
            return
        old = self.store.stories_kept_without(digest.timeline.name(1), digest.timeline.NEWEST)
        if not old:
            return
        made = digest.stories(self.store, self.settings, old, self.store.story_signatures(old))
        self.store.update([], stage="digest", state={"story_digests": [row for s in old for row in made[s]]})
        log.info("digested again %d stories kept before their timeline rows said what is still to come", len(old))

    def _run_stages(
        self,
        run_id: int,
        *,
        on_progress: ProgressCallback,
        failed: list[Failure] | None,
        memo: dict[str, dict[str, Any]] | None = None,
    ) -> list[StageReport]:
        with contextlib.ExitStack() as pool:
            return self._run_stages_with(pool, run_id, on_progress=on_progress, failed=failed, memo=memo)

    def _parallel(self, stage: Stage, pending: int) -> bool:
        """Whether ``stage`` over ``pending`` articles is worth starting the worker processes for."""
        per_article = isinstance(stage, ArticleStage | ParsedStage)
        if self.settings.pipeline.engine == "ray":  # asked for by name: used for any run, its start paid knowingly
            return per_article and pending > 0
        return per_article and self.workers > 1 and pending >= max(self.settings.pipeline.parallel_from, 1)

    def _engine(self) -> Workers | RayEngine:
        """The engine for the per-article stages of a run: Ray actors, or local worker processes."""
        if self.settings.pipeline.engine == "ray":
            return RayEngine(0 if self.settings.pipeline.workers == 0 else self.workers, self.settings)
        parses = any(isinstance(stage, ParsedStage) for stage in self.pipeline.stages)
        return Workers(self.workers, self.settings, model=parses)

    def _run_stages_with(
        self,
        pool: contextlib.ExitStack,
        run_id: int,
        *,
        on_progress: ProgressCallback,
        failed: list[Failure] | None,
        memo: dict[str, dict[str, Any]] | None = None,
    ) -> list[StageReport]:
        context = Context(
            settings=self.settings, on_progress=on_progress, view=self.store, memo={} if memo is None else memo
        )
        lead, middle, tail = self.pipeline.parts()
        # Each stage's pending articles are read as it starts: what earlier stages write makes more of them
        # pending for later ones (a changed article's digest, its claims matched again).
        # The lead's and middle's are read first here (they tell whether the run goes chunk by chunk); nothing is
        # written before the first stage starts, so its pending articles are the ones read here.
        first = self.store.pending(lead[0].name) if lead else None
        if first is not None and middle:
            pending = {stage.name: self.store.pending(stage.name) for stage in (*lead[1:], *middle)}
            if self.pipeline.split({lead[0].name: first, **pending}) is not None:
                if any(self._parallel(stage, len(first)) for stage in lead):
                    context = self._start_engine(pool, context)
                totals = self._by_chunk(pool, run_id, lead, middle, first, context, failed)
                context = self._aside(context)
                return [*totals, *(self._stage(s, self.store.pending(s.name), context, run_id, failed) for s in tail)]
        reports = []
        for k, stage in enumerate(self.pipeline.stages):
            todo = first if k == 0 and first is not None else self.store.pending(stage.name)
            if context.engine is None and self._parallel(stage, len(todo)):
                context = self._start_engine(pool, context)
            reports.append(self._stage(stage, todo, context, run_id, failed))
        return reports

    def _start_engine(self, pool: contextlib.ExitStack, context: Context) -> Context:
        """Start the engine for the rest of the run: per-article stages hand their units to its workers, and
        corpus stages still run here, on the results in input order."""
        engine = self._engine()
        pool.push(engine.__exit__)
        return dataclasses.replace(context, engine=engine)

    def _aside(self, context: Context) -> Context:
        """The context of the tail (the digest) of a run gone chunk by chunk: with local worker processes, more than
        one, and ``[pipeline] overlap``, the tail may hand a share of a batch to a worker (idle once the last chunk
        is parsed), which reads the store through a read-only connection of its own (decision 0084). Not with Ray,
        nor a store in memory, which no other connection sees."""
        engine = context.engine
        if (
            not isinstance(engine, Workers)
            or self.workers < 2
            or not self.settings.pipeline.overlap
            or self.store.postgres
            or self.store.path == ":memory:"
        ):
            return context
        return dataclasses.replace(context, aside=functools.partial(engine.aside, self.store.path))

    def _stage(
        self,
        stage: Stage,
        todo: list[str],
        context: Context,
        run_id: int,
        failed: list[Failure] | None,
        *,
        at: int = 0,
        whole: int | None = None,
        threads: bool = False,
        given: list[Article] | None = None,
        hold: list[Outcome] | None = None,
        found: dict[str, Article] | None = None,
    ) -> StageReport:
        """Run ``stage`` over every article of ``todo``, a chunk at a time, and keep what it made; progress is
        reported as ``at`` articles done before ``todo`` out of ``whole`` (all of ``todo``); with ``threads``
        its CPU seconds are this thread's (:meth:`Pipeline.run_stage`). ``given``: the articles of ``todo`` (one
        chunk) as the store would give them to the stage, already read. ``hold``: what the stage made is put
        there, not written (when it raised, its articles' failures are recorded as ever). ``found``: what the
        quotes stage found of articles of ``todo`` and is not written yet, by article: their mentions, as the store
        would give them written, and their quotes are put on the articles read (:meth:`_linked`)."""
        on_progress = context.on_progress
        whole = len(todo) if whole is None else whole
        total = StageReport(stage=stage.name)
        for start in range(0, len(todo), _ANALYZE_CHUNK):
            on_progress(stage.name, at + start, whole)
            ids = todo[start : start + _ANALYZE_CHUNK]
            with kept_out_of_collections():  # what the run keeps, left out of full collections (decision 0053)
                batch = given if given is not None else list(self.store.articles(ids, extracts=reads_extracts(stage)))
                if found is not None:
                    batch = [
                        dataclasses.replace(a, mentions=as_stored(f.mentions), quotes=f.quotes)
                        if (f := found.get(a.id)) is not None
                        else a
                        for a in batch
                    ]

                def progress(name: str, done: int, _total: int, start: int = at + start) -> None:
                    on_progress(name, start + done, whole)

                chunk = dataclasses.replace(context, on_progress=progress)
                try:
                    outcome: StageResult | Exception
                    outcome, report = self.pipeline.run_stage(stage, batch, chunk, threads=threads)
                except Exception as exc:  # a corpus stage fails as a whole batch; record it and go on
                    log.exception("stage %s failed on a batch of %d articles", stage.name, len(batch))
                    outcome, report = exc, StageReport(stage=stage.name, items_in=len(batch))
                if hold is not None and not isinstance(outcome, Exception):
                    hold.append((stage, outcome, report))
                    total = _sum(total, report)
                    continue
                total = _sum(total, self._keep(stage, ids, batch, outcome, report, context, run_id, failed))
        on_progress(stage.name, at + len(todo), whole)
        return total

    def _by_chunk(
        self,
        pool: contextlib.ExitStack,
        run_id: int,
        lead: list[Stage],
        middle: list[Stage],
        todo: list[str],
        context: Context,
        failed: list[Failure] | None,
    ) -> list[StageReport]:
        """The lead and middle stages of :meth:`Pipeline.split` over ``todo``, a chunk through all of them before
        the next (decisions 0049 and 0075). With an engine (and ``[pipeline] overlap``), its workers run the lead
        stages on the next chunks while this process keeps the current chunk's lead results and runs the middle
        stages on it (per-article ones too, here: the workers are busy); without, this process runs the lead stages
        of each chunk first. The store is written in the same order either way.

        What the stage that finds mentions (the quotes stage) made of a chunk is held back and written with what
        entity linking (the first middle stage) makes of it, in one transaction (:meth:`_linked`): each mention
        is written once, with its link."""
        linking = middle[0] if middle and "article.entities" in middle[0].produces else None
        ahead = None
        if context.engine is not None and self.settings.pipeline.overlap:
            ahead = Ahead(self.pipeline, lead, context, len(todo))
            pool.push(ahead.__exit__)
        here = dataclasses.replace(context, engine=None) if ahead is not None else context
        totals = {stage.name: StageReport(stage=stage.name) for stage in (*lead, *middle)}
        chunks = [todo[start : start + _ANALYZE_CHUNK] for start in range(0, len(todo), _ANALYZE_CHUNK)]
        batches: dict[int, list[Article]] = {}
        if ahead is not None:
            for k in range(min(2, len(chunks))):
                batches[k] = list(self.store.articles(chunks[k], extracts=False))
                ahead.feed(k * _ANALYZE_CHUNK, batches[k])
        for k, ids in enumerate(chunks):
            at = k * _ANALYZE_CHUNK
            held: list[Outcome] = []
            with kept_out_of_collections():  # (as in _stage)
                if ahead is not None:
                    if k + 2 < len(chunks):  # two chunks fed ahead: the workers never wait for this process
                        batches[k + 2] = list(self.store.articles(chunks[k + 2], extracts=False))
                        ahead.feed((k + 2) * _ANALYZE_CHUNK, batches[k + 2])
                    batch = batches.pop(k)
                    for stage, outcome, report in ahead.take():
                        if linking is not None and _finds_mentions(stage, outcome):
                            held.append((stage, outcome, report))
                            totals[stage.name] = _sum(totals[stage.name], report)
                            continue
                        kept = self._keep(stage, ids, batch, outcome, report, context, run_id, failed)
                        totals[stage.name] = _sum(totals[stage.name], kept)
                else:
                    # The chunk read once for the lead stages, as the thread is given it: none of them reads what
                    # another produces (Pipeline.split).
                    batch = list(self.store.articles(ids, extracts=False))
                    for stage in lead:
                        done = self._stage(
                            stage,
                            ids,
                            context,
                            run_id,
                            failed,
                            at=at,
                            whole=len(todo),
                            given=batch,
                            hold=held if linking is not None and "article.mentions" in stage.produces else None,
                        )
                        totals[stage.name] = _sum(totals[stage.name], done)
                # The chunk as the store gives it to a stage now, with its extracts: its rows read whole once (for
                # the lead stages), then only what the lead and each middle stage may have changed of them read
                # again (_reread), not the chunk whole for every stage (issue 17).
                read = self.store.reread(batch, mentions=True, dates=True)
                for j, stage in enumerate(middle):
                    read = self._reread(middle[j - 1], read) if j else read
                    run = functools.partial(self._linked, held.pop()) if stage is linking and held else self._stage
                    done = run(
                        stage,
                        ids,
                        here,
                        run_id,
                        failed,
                        at=at,
                        whole=len(todo),
                        threads=ahead is not None,
                        given=read if reads_extracts(stage) else [_bare(a) for a in read],
                    )
                    totals[stage.name] = _sum(totals[stage.name], done)
        return list(totals.values())

    def _reread(self, stage: Stage, batch: list[Article]) -> list[Article]:
        """``batch``, a chunk as the store gave it to ``stage`` with its extracts, as the store gives it now that
        what ``stage`` made of it is written (and, for entity linking, what the quotes stage found: its mentions
        and quotes, :meth:`_linked`): as read when ``stage`` wrote rows of their own only (:func:`_unread`), else
        with the columns a stage may change read again (any stage: a corpus stage's state may move other articles
        of the chunk), and the mentions and quotes, or the date mentions, when it produces them."""
        if _unread(stage):
            return batch
        made = {p for p in stage.produces if p.startswith("article.")}
        # A field of no known place (a plugin's): everything the store gives but the text and its metadata, fixed
        # at ingest, read again.
        known = made <= {*_OWN_TABLES, *_MENTIONS, "article.dates", "article.features", *_COLUMNS}
        return self.store.reread(
            batch, mentions=not known or bool(made & _MENTIONS), dates=not known or "article.dates" in made
        )

    def _linked(
        self,
        found: Outcome,
        stage: Stage,
        ids: list[str],
        context: Context,
        run_id: int,
        failed: list[Failure] | None,
        **options: Any,
    ) -> StageReport:
        """Entity linking (``stage``) of the chunk ``ids``, whose mentions and quotes the held outcome ``found`` of
        the quotes stage holds: linking is given the chunk as the store would give it, with ``found``'s mentions
        as the store would give them written and its quotes as found (each is linked alone, on the article's
        mentions), then ``found``'s quotes and the mentions with their links are written in one transaction, each
        mention once (decision 0053, revision of 2026-12-06, early afternoon), each quote once with its speaker's link
        (decision 0083, revision of the late night). When linking fails, ``found`` is
        written whole, its mentions unlinked, as when each stage wrote its own. A run stopped before the end
        leaves neither stage done for the chunk. ``options``: :meth:`_stage`'s."""
        finder, outcome, report = found
        assert not isinstance(outcome, Exception)
        linked: list[Outcome] = []
        done = self._stage(
            stage, ids, context, run_id, failed, found={a.id: a for a in outcome.articles}, hold=linked, **options
        )
        with self.store.held():
            if not linked:  # it failed (its articles' failures are recorded): the mentions stay as found
                self._keep(finder, ids, [], outcome, report, context, run_id, failed)
                return done
            kept = [p for p in finder.produces if p != "article.mentions"]
            _, result, ran = linked[0]
            assert not isinstance(result, Exception)
            # Each quote of ``found`` written once, with the speaker's link linking gave it, rather than written as
            # found and its link set by an UPDATE of its row next (the same rows: ``with_links``); linking's write
            # then sets no link of those articles' quotes, only of quotes the store held before (an article the
            # quotes stage failed on).
            by_id = {a.id: a for a in result.articles}
            written = {a.id for a in outcome.articles if a.id in by_id}
            outcome = dataclasses.replace(
                outcome,
                articles=[
                    dataclasses.replace(a, quotes=with_links(a.quotes, by_id[a.id].quotes)) if a.id in written else a
                    for a in outcome.articles
                ],
            )
            # The entities linking made or changed are written first: a quote's link refers to its entity's row.
            self.store.update([], stage=stage.name, state=result.state, produces=())
            result = dataclasses.replace(
                result,
                articles=[dataclasses.replace(a, quotes=()) if a.id in written else a for a in result.articles],
                state={},
            )
            self._keep(finder, ids, [], outcome, report, context, run_id, failed, produces=kept)
            return self._keep(stage, ids, [], result, ran, context, run_id, failed)

    def _keep(
        self,
        stage: Stage,
        ids: list[str],
        batch: list[Article],
        outcome: StageResult | Exception,
        report: StageReport,
        context: Context,
        run_id: int,
        failed: list[Failure] | None,
        *,
        produces: Iterable[str] | None = None,
    ) -> StageReport:
        """Write what ``stage`` made of a chunk (``produces`` of what it produces: all of it by default), or
        record each of its articles as failed when it raised."""
        if isinstance(outcome, Exception):
            # What the stage kept may hold part of the failed batch, which the store never got.
            context.memo.pop(stage.name, None)
            failures = [
                Failure(
                    item=a.source, stage=stage.name, article_id=a.id, error=type(outcome).__name__, message=f"{outcome}"
                )
                for a in batch
            ]
            self.store.record_failures(failures, run_id)
            if failed is not None:
                failed.extend(failures)
            return dataclasses.replace(report, items_in=len(batch), failures=len(batch))
        failed_ids = {f.article_id for f in outcome.failures}
        done = [i for i in ids if i not in failed_ids]
        self.store.update(
            outcome.articles,
            stage=stage.name,
            state=outcome.state,
            done=done,
            produces=stage.produces if produces is None else produces,
        )
        self.store.record_failures(outcome.failures, run_id)
        if failed is not None:
            failed.extend(outcome.failures)
        return report

    # -- reading ------------------------------------------------------------------------------

    def articles(
        self, *, outlet: str | None = None, ids: list[str] | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Metadata of every article (the ``articles --json`` contract), in ingest order; ``ids`` picks some."""
        return self.store.query("article_summaries", outlet=outlet, ids=ids, limit=limit)

    def article(self, article_id: str, *, extracts: bool = True) -> Article:
        """One article by id or unique id prefix (without its mentions and quotes when not ``extracts``).

        Raises:
            NotFoundError: no article has that id.
        """
        found = self.store.get(article_id, extracts=extracts)
        if found is None and len(matches := self.store.ids_starting(article_id)) > 1:
            raise NotFoundError(
                f"Id prefix {article_id!r} matches several articles ({', '.join(matches)}…); give more characters."
            )
        if found is None:
            raise NotFoundError(f"No article with id {article_id!r}. List ids with: newsdesk articles")
        return found

    def records(self, ids: list[str]) -> list[Article]:
        """Whole articles (text included) by exact id, in the order of ``ids``; unknown ids are left out."""
        found = {a.id: a for a in self.store.articles(ids)}
        return [found[i] for i in ids if i in found]

    def article_json(self, article_id: str) -> dict[str, Any]:
        """One article as the ``show --json`` contract: its summary plus ``text``."""
        found = self.article(article_id, extracts=False)
        summary = next(iter(self.store.query("article_summaries", ids=[found.id])), None) or {}
        return {**summary, "text": found.text, "furniture": list(found.furniture)}

    def stories(self) -> list[dict[str, Any]]:
        """Every story with its events (the ``stories --json`` contract), most recently active first."""
        return self.store.query("stories")

    def story(self, story_id: str) -> dict[str, Any]:
        """One story with its events and timeline (the ``story ID --json`` contract). An event none of whose
        articles is dated carries ``estimated_day``, the day its reports name for what happened, where they name
        one (:func:`newsdesk.digest.timeline.event_days`).

        Raises:
            NotFoundError: no story has that id (or unique id prefix).
        """
        # A full id reads one story; only a prefix needs them all.
        exact = self.store.query("stories", story_id=story_id)
        matches = exact or [s for s in self.store.query("stories") if s["id"].startswith(story_id)]
        if len(exact or matches) != 1:
            hint = f" It matches {len(matches)} stories; give more characters." if matches else ""
            raise self._no_story(story_id, hint)
        story = (exact or matches)[0]
        entries, days = digest.timeline.dated(self.store, story)
        events = [{**e, "estimated_day": days[e["id"]]["date"]} if e["id"] in days else e for e in story["events"]]
        return {**story, "events": events, "timeline": entries}

    def timeline(self, story_id: str) -> list[dict[str, Any]]:
        """Dated entries of a story (``newsdesk timeline``): see :meth:`story`."""
        entries: list[dict[str, Any]] = self.story(story_id)["timeline"]
        return entries

    def _timeline(self, story: dict[str, Any]) -> list[dict[str, Any]]:
        # Every entry, read whole (newsdesk timeline, story --json): a page of the web list reads the kept rows.
        return digest.timeline.entries(self.store, story)

    def story_event_days(self, story_id: str) -> dict[str, str]:
        """The estimated day of each event of a story (exact id) none of whose articles is dated, where its
        reports name one (:func:`newsdesk.digest.timeline.event_days`), by event id: read as the digest stage kept
        it while the story is unchanged since, else worked out from the whole timeline. A digest kept before the
        estimates were (its timeline current, no estimates part) gives none until the story changes, rather than
        the whole timeline worked out again on each page."""
        timeline = digest.timeline
        kept: dict[str, dict[str, Any]] | None = self.store.story_digest(story_id, timeline.EVENTS)
        if kept is None and self.store.story_digest(story_id, timeline.DATES) is not None:
            return {}
        if kept is None:
            stories = self.store.query("stories", story_id=story_id)
            kept = timeline.dated(self.store, stories[0])[1] if stories else {}
        return {event_id: found["date"] for event_id, found in kept.items()}

    def with_estimated_days(self, story_id: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A story's (exact id) ``events``, each undated one with ``estimated_day`` where its reports name one
        (:meth:`story_event_days`, read only when an event is undated): the day the CLI's lists and the web's
        sections show and order such an event by."""
        if all(e.get("first_seen") for e in events):
            return events
        days = self.story_event_days(story_id)
        return [
            {**e, "estimated_day": days[e["id"]]} if not e.get("first_seen") and e["id"] in days else e for e in events
        ]

    @staticmethod
    def in_day_order(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A story's ``events`` in the order they happened, as the CLI and the web list them: by their first day,
        an undated one at its ``estimated_day`` (:meth:`with_estimated_days`), the events with neither last; equal
        days keep the order given."""
        return sorted(events, key=lambda e: (e.get("first_seen") or e.get("estimated_day") or "~")[:10])

    def story_timeline(
        self,
        story_id: str,
        *,
        since: str | None = None,
        until: str | None = None,
        recent: bool = False,
        offset: int = 0,
        limit: int = digest.timeline.PER_PAGE,
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of a story's (exact id) timeline as the web list shows it: ``limit`` entries from ``offset``
        (:func:`newsdesk.digest.timeline.row`: date, precision, estimated, text, articles, first evidence), dated
        from ``since`` to ``until`` (days; an undated entry passes neither), latest first when ``recent``; and how
        many entries pass. The entries of :meth:`timeline`, in its order (:func:`newsdesk.digest.timeline.order`).
        Read from the rows the digest stage kept while the story is unchanged since its digest (one to three parts
        and the dates of every entry), else worked out from the whole timeline (decision 0048)."""
        kept = digest.timeline
        found: list[str | None] | None = self.store.story_digest(story_id, kept.DATES)
        picked = [] if found is None else kept.order(found, since=since, until=until, recent=recent)
        shown = picked[offset : offset + limit]
        parts: dict[int, list[dict[str, Any]] | None] = {}
        for page in sorted({i // kept.PER_PAGE + 1 for i in shown}):
            parts[page] = self.store.story_digest(story_id, kept.name(page))
        # A part kept before its rows carried every key (its entries would show none as expected) is not read: the
        # page is worked out, as for a story changed since, until `newsdesk analyze` keeps it again.
        if found is None or any(part is None or not kept.current(part) for part in parts.values()):
            stories = self.store.query("stories", story_id=story_id)
            every = [kept.row(e) for e in self._timeline(stories[0])] if stories else []
            picked = kept.order([r["date"] for r in every], since=since, until=until, recent=recent)
            return [every[i] for i in picked[offset : offset + limit]], len(picked)
        rows = [cast(list[dict[str, Any]], parts[i // kept.PER_PAGE + 1])[i % kept.PER_PAGE] for i in shown]
        return rows, len(picked)

    def _story_id(self, story_id: str) -> str:
        """The full id of the story ``story_id`` names (an id or unique prefix).

        Raises:
            NotFoundError: no story has that id.
        """
        exact = self.store.query("stories", story_id=story_id)
        if exact:
            return str(exact[0]["id"])
        matches = [s["id"] for s in self.store.query("story_summaries") if s["id"].startswith(story_id)]
        if len(matches) != 1:
            hint = f" It matches {len(matches)} stories; give more characters." if matches else ""
            raise self._no_story(story_id, hint)
        return str(matches[0])

    def _claim_clusters(self, story_id: str | None) -> tuple[list[dict[str, Any]], list[Any]]:
        ids = [self._story_id(story_id)] if story_id is not None else None
        return claim_summary.clusters(self.store.claim_rows(ids))

    def claims(
        self, story_id: str | None = None, *, contested: bool = False, single_source: bool = False
    ) -> list[dict[str, Any]]:
        """Claim clusters (the ``claims --json`` contract): what the articles of a story (or of every story)
        assert, each with its supporting articles and spans, its independent origins, whether one origin alone
        makes it (``single_source``) and the clusters it contradicts; most independent origins first.

        Args:
            story_id: only this story's claims (an id or unique id prefix).
            contested: only claims another cluster contradicts.
            single_source: only claims that one origin alone makes.

        Raises:
            NotFoundError: ``story_id`` names no story.
        """
        found, _ = self._claim_clusters(story_id)
        if contested:
            found = [c for c in found if c["contradicts"]]
        if single_source:
            found = [c for c in found if c["single_source"]]
        return _most_backed(found)

    def claims_and_contradictions(self, story_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """:meth:`claims` and :meth:`contradictions` of one story from one comparison of its claims (a brief shows
        both: compared twice, a story of 2,000 articles took twice the 16 CPU seconds of one).

        Raises:
            NotFoundError: ``story_id`` names no story.
        """
        found, conflicts = self._claim_clusters(story_id)
        return _most_backed(found), claim_summary.contradictions(found, conflicts)

    def contradictions(self, story_id: str | None = None, *, updates: bool = False) -> list[dict[str, Any]]:
        """Pairs of claim clusters that give incompatible values for one slot, or deny one another (the
        ``contradictions --json`` contract), each side with its value, articles, origins and spans. Changes
        over time ("cut to 19 points") are not contradictions; ``updates`` lists them instead.

        Raises:
            NotFoundError: ``story_id`` names no story.
        """
        found, conflicts = self._claim_clusters(story_id)
        return claim_summary.contradictions(found, conflicts, updates=updates)

    def framing(self, story_id: str, *, sample: int | None = None, by_event: bool = True) -> dict[str, Any]:
        """How the outlets (or the outlet groups of ``[framing] groups``) of a story tell it (the ``framing --json``
        contract, see docs/json.md): each group's distinctive wording by log-odds with an informative Dirichlet
        prior, with counts and example sentences; its loaded wording with neutral alternatives; the claims it
        leaves out that two or more other origins carry; competing names paired across groups; the same per event.

        Args:
            story_id: an id or unique id prefix.
            sample: read about this many of the story's original articles, spread over it by row (None: all).
            by_event: compare the outlets within each of the largest events too.

        Raises:
            NotFoundError: ``story_id`` names no story.
            ConfigError: a ``[framing] groups`` item is not ``outlet = group``.
        """
        head = self.story_head(story_id)
        grouping = framing_groups(self.settings.framing.groups)
        return digest.framing.read(self.store, head, grouping=grouping, sample=sample, by_event=by_event)

    def stances(
        self,
        *,
        actor: str | None = None,
        story_id: str | None = None,
        issue: str | None = None,
        latest: int | None = None,
        actor_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Each actor's position on each issue of each story (the ``stances --json`` contract): the latest
        position with its date, strength and confidence, the shifts between dated statements, and every
        statement as evidence (article, span, text, whether the actor said it or someone reported it).

        Args:
            actor: only actors whose canonical name or an alias contains this (case aside), or an entity id.
            story_id: only this story (an id or unique id prefix).
            issue: only issues whose name or a statement's target contains this (case aside).
            latest: read only this many statements, of the most recently stored articles (a page's bound).
            actor_id: only the actor with this exact entity id (``actor`` is then not read).

        Raises:
            NotFoundError: ``story_id`` names no story.
        """
        story_ids = [self._story_id(story_id)] if story_id is not None else None
        actor_ids: set[str] | None = None
        if actor_id is not None:  # one entity, by its exact id: no name to look for among every entity
            actor_ids = {actor_id}
        elif actor is not None:
            needle = actor.strip().casefold()
            actor_ids = {
                e.id
                for e in self.store.entities()
                if e.id == actor.strip() or any(needle in n.casefold() for n in (e.name, *e.aliases))
            }
        if actor_ids is not None:
            if not actor_ids:
                return []
            # Issues are grouped over the whole story, whoever is asked about.
            found = digest.positions.of_actors(self.store, actor_ids, story_ids=story_ids, latest=latest)
        else:
            found = stance_issues.positions(self.store.stance_rows(story_ids=story_ids, latest=latest))
        if issue is not None:
            needle = issue.strip().casefold()
            found = [
                p
                for p in found
                if needle in p["issue"].casefold() or any(needle in e["target"].casefold() for e in p["evidence"])
            ]
        return found

    def story_claims(
        self, story_id: str, *, limit: int = 50, offset: int = 0, sort: str | None = None, **filters: Any
    ) -> list[dict[str, Any]]:
        """One page of a story's (exact id) claim clusters as its page shows them, ranked and cut in SQL (most
        origins first; ``sort`` as :mod:`newsdesk.store.story_claims`): each with its independent origins (own
        reporting or relayed), its first supporting articles' spans and the contradictions it is a side of.
        Each row carries ``total``, the clusters in all. ``filters`` are the story page's."""
        return digest.claims.page(self.store, story_id, limit=limit, offset=offset, sort=sort, **filters)

    def story_claim_page(
        self, story_id: str, *, limit: int = 50, offset: int = 0, sort: str | None = None, **filters: Any
    ) -> list[dict[str, Any]]:
        """:meth:`story_claims` at the cost of its rows, for a page: ranked in SQL, each cluster's contradictions
        taken from the story's digest (its 50 leading clusters; the others, and every cluster while the story
        changed since its digest, show none). ``filters`` may hold ``window`` (:meth:`story_window`)."""
        known = self._known_conflicts(story_id)
        return digest.claims.page(
            self.store, story_id, limit=limit, offset=offset, sort=sort, conflicts=known, **filters
        )

    def story_digest(self, story_id: str, part: str) -> Any:
        """A part of a story's (exact id) digest, as its page shows it (:func:`newsdesk.digest.part`): ``claims``
        (the first 50 claim cards), ``framing``, ``positions`` or ``dashboard``. Read as the digest stage stored it
        while the story is unchanged since, else computed now (the same result, at the cost of a view), and kept on
        this connection until the data changes (:meth:`Store.computed`).

        Raises:
            NotFoundError: no story has that id.
            ValueError: no part has that name.
        """
        if part not in digest.PARTS:
            raise ValueError(f"No digest part {part!r}. Available: {', '.join(digest.PARTS)}.")
        stored = self.store.story_digest(story_id, part)
        if stored is not None:
            return stored
        # Computed now: once while the data and settings are unchanged (the dashboard, its JSON twin and the full
        # list all ask for the claims part).
        return self.store.computed(
            ("digest", story_id, part, self.settings),
            lambda: digest.part(self.store, self.story_head(story_id), part, self.settings),
        )

    def story_dashboard(self, story_id: str, *, sort: str | None = None, **filters: str) -> dict[str, Any]:
        """A story's (exact id) dashboard as its page shows it, with the page's filters and sort
        (:func:`newsdesk.digest.dashboard.compute`): unfiltered in the default order, read as the digest stage
        stored it while the story is unchanged since; else computed now, each section cut in SQL, over at most
        ``WINDOW`` articles (the latest passing the filters; ``window`` says what was counted when more pass)."""
        filters = {k: v for k, v in filters.items() if v}
        if not filters and sort is None:
            stored: dict[str, Any] | None = self.store.story_digest(story_id, "dashboard")
            if stored is not None:
                return stored
            return digest.dashboard.compute(self.store, story_id, claims=self.story_digest(story_id, "claims"))
        # Computed now, over at most WINDOW articles; the claims' contradictions (or, with the claims unfiltered,
        # their first cards) and the filter form's choices come from the digest (none known while the story
        # changed since): only what the page takes of its parts is decoded, not the parts whole.
        bounded, window = digest.dashboard.window(self.store, story_id, filters)
        cards, conflicts = None, {}
        if sort is None and not any(k in digest.claims.FILTERS for k in filters):
            shown = digest.dashboard.TOPS["claims"]
            first = self.store.story_digest_paths(story_id, "claims", [f"$[{i}]" for i in range(shown)])
            cards = None if first is None else [card for card in first if card is not None]
        else:
            conflicts = self._known_conflicts(story_id)
        offered = self.store.story_digest_paths(story_id, "dashboard", ["$.choices"])
        board = digest.dashboard.compute(
            self.store,
            story_id,
            bounded,
            sort=sort,
            claims=cards,
            conflicts=conflicts,
            offered=offered[0] if offered is not None else None,
        )
        return {**board, "window": window}

    def _known_conflicts(self, story_id: str) -> dict[str, list[dict[str, Any]]]:
        """The contradictions the story's digest knows (those of its claims part's cards, by cluster id), as
        :func:`newsdesk.digest.claims.known_conflicts` has them: none while the story changed since its digest.
        Read as the cards' ids and contradictions only (the part holds whole cards: 640 KB on a large story)."""
        paths = [path for i in range(digest.CLAIMS_KEPT) for path in (f"$[{i}].id", f"$[{i}].contradicts")]
        found = self.store.story_digest_paths(story_id, "claims", paths) or []
        cards = [{"id": cid, "contradicts": found[i + 1]} for i, cid in enumerate(found) if i % 2 == 0 and cid]
        return digest.claims.known_conflicts(cards)

    def story_list_page(self, story_id: str, section: str, page: int) -> tuple[list[dict[str, Any]], int] | None:
        """One page (from 1, 50 rows) of a story's (exact id) full list, unfiltered in its default order, as the
        digest stage kept it (:mod:`newsdesk.digest.lists`): its rows (each with ``total``) and the list's total.
        A page past the end of a kept list is no rows. None when the page is not kept: a list the digest does not
        keep (``articles``, ``timeline``), a page a digest made before every page was kept did not keep, a story
        changed since its digest; the page is then computed (:meth:`story_part`). A page past the first
        ``KEPT`` is kept compact: its quotes, or its origins' articles, are read by id
        (:func:`newsdesk.digest.lists.read_later`), nothing counted. The claims list's first page is the digest's
        ``claims`` part; on its other pages no contradiction was sought (as on a page computed now, for a cluster
        outside the first page), and the cards of their small clusters are worked out now from their own support
        rows (:func:`newsdesk.digest.claims.kept_page`)."""
        first_part = "claims" if section == "claims" else digest.lists.name(section, 1)
        kept: Any = self.store.story_digest(story_id, first_part if page == 1 else digest.lists.name(section, page))
        if isinstance(kept, dict):  # a page past the first KEPT, kept compact: its rows read by id
            return digest.lists.read_later(self.store, section, kept), int(kept["total"])
        if section == "claims" and page > 1 and kept is not None:
            return digest.claims.kept_page(self.store, story_id, kept), int(kept[0]["total"]) if kept else 0
        if section == "claims" and page > digest.lists.CLAIM_PAGES and kept is None:
            # A digest made before every page was kept holds the whole ranking: the page's clusters, their cards
            # worked out from their support rows, until the next digest keeps the page.
            ranking: list[str] | None = self.store.story_digest(story_id, digest.lists.RANKING)
            if ranking is not None:
                start = (page - 1) * digest.lists.PER_PAGE
                ids = ranking[start : start + digest.lists.PER_PAGE]
                return digest.claims.ranked_page(self.store, story_id, ids, len(ranking)), len(ranking)
        if kept is None:
            first = self.store.story_digest(story_id, first_part) if page > 1 else None
            if first is None:
                return None
            total = int(first[0]["total"]) if first else 0
            return ([], total) if page > max(1, -(-total // digest.lists.PER_PAGE)) else None
        return kept, int(kept[0]["total"]) if kept else 0

    def story_window(self, story_id: str, filters: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int] | None]:
        """A story's (exact id) filters bounded for a list computed now (:func:`newsdesk.digest.dashboard.window`):
        the filters to pass on, and None or what was counted (``articles`` passing the filters, ``counted``)."""
        return digest.dashboard.window(self.store, story_id, {k: v for k, v in filters.items() if v})

    def story_filter_choices(self, story_id: str) -> dict[str, Any]:
        """The outlets and events a story's (exact id) filter form offers: its 50 largest of each, unfiltered."""
        stored = self.store.story_digest_paths(story_id, "dashboard", ["$.choices"])
        if stored is not None:
            return dict(stored[0])
        return digest.dashboard.choices(self.store, story_id)

    def verify(self, claim: str, *, story_id: str | None = None, limit: int = 50) -> dict[str, Any]:
        """Check a claim the user types: the articles that support it, contradict it or merely report it
        (``discusses``), each with its evidence span, and the independent origins of its supporters (the
        ``verify --json`` contract). Candidates are the ``limit`` best full-text matches (in the story, with
        ``story_id``) and, with ``story_id``, every article of the story whose stored claims match or contradict
        it; each is judged by its own claims, else by the stance model (:func:`newsdesk.claim_stances`).

        Raises:
            QueryError: the claim holds no word or is too long.
            NotFoundError: ``story_id`` names no story.
        """
        from newsdesk.claims import stance, verify

        typed = verify.typed(claim, lambda text: dates.find(text, None))
        members: set[str] | None = None
        story = None
        if story_id is not None:
            story = self._story_id(story_id)
            members = set(self.store.query("stories", story_id=story)[0]["article_ids"])
        query = verify.search_query(typed.text, stance.STOPWORDS)
        ids: list[str] = []
        if query:
            # In a story, more hits are read so that the story's best ones are among them.
            hits = self.search(query, limit=limit if members is None else min(500, limit * 10))
            ids = [h["id"] for h in hits if members is None or h["id"] in members][:limit]
        if members:
            found = self.store.claims(sorted(members))
            weight = verify.weights([typed, *(c for claims in found.values() for c in claims)])
            for article_id, claims in found.items():
                if article_id not in ids and any(verify.decides(typed, c, weight) for c in claims):
                    ids.append(article_id)
        summaries = {s["id"]: s for s in self.store.query("article_summaries", ids=ids)} if ids else {}
        texts = {r["id"]: r["text"] for r in self.store.query("article_texts", ids=ids)} if ids else {}
        stored = self.store.claims(ids) if ids else {}
        named = self.store.dates(ids) if ids else {}
        candidates = [
            verify.Candidate(summaries[i], texts[i], stored.get(i, []), named.get(i, []))
            for i in ids
            if i in summaries and i in texts
        ]
        result = verify.judge(typed, candidates, lambda pairs: [s.as_dict() for s in stance.claim_stances(pairs)])
        return {"story_id": story, **result}

    def quotes(
        self,
        *,
        article_id: str | None = None,
        speaker: str | None = None,
        direct: bool = False,
        min_confidence: float = 0.0,
    ) -> list[dict[str, Any]]:
        """Quotes with their speakers (the ``quotes --json`` contract), in article and text order.

        Args:
            article_id: only this article's quotes (an id or unique id prefix).
            speaker: only quotes whose speaker's name, alias or description contains this, case-insensitively.
            direct: only words in quotation marks (no reported speech).
            min_confidence: only quotes at or above this confidence (attitudes such as "voters want" are 0.45).

        Raises:
            NotFoundError: ``article_id`` names no article.
        """
        if article_id is not None:
            article_id = self.article(article_id, extracts=False).id
        rows = self.store.query("quotes", article_id=article_id, speaker=speaker)
        return [r for r in rows if (r["direct"] or not direct) and r["confidence"] >= min_confidence]

    def entities(self) -> list[dict[str, Any]]:
        """People, organisations, places and groups across the corpus (``entities --json``), most mentioned first."""
        return self.store.query("entities")

    def entity(self, entity_id: str) -> dict[str, Any]:
        """One entity with its mentions (article id and span) and its quotes.

        Raises:
            NotFoundError: no entity has that id.
        """
        found = self.store.query("entities", entity_id=entity_id)
        if not found:
            raise NotFoundError(f"No entity with id {entity_id!r}. List ids with: newsdesk entities")
        return {
            **found[0],
            "mention_spans": self.store.query("mentions", entity_id=entity_id),
            "quotes": self.store.query("quotes", entity_id=entity_id),
        }

    def entity_card(self, entity_id: str, *, related: int = 20) -> dict[str, Any]:
        """One entity (as :meth:`entities` lists it) with how many ``stories``, ``quotes`` (words said or written)
        and ``views`` (views nobody is reported to have voiced, decision 0037) it has, and the ``related`` entities
        named most often in the same articles (``co_mentioned``, with ``articles`` shared).

        Raises:
            NotFoundError: no entity has that id.
        """
        kept = self.store.entity_digest(entity_id) if related == digest.entities.RELATED else None
        if kept is not None:
            # A hub entity's counts and co-mentions read all its mentions: kept by the digest stage while current
            # (its record is read without counting them).
            found = self.store.query("entity_record", entity_id=entity_id)
            found = [{**e, "mentions": kept["mentions"], "articles": kept["articles"]} for e in found]
        else:
            found = self.store.query("entities", entity_id=entity_id)
        if not found:
            raise NotFoundError(f"No entity with id {entity_id!r}. List ids with: newsdesk entities")
        if related == digest.entities.RELATED:
            kept = kept or digest.entities.card(self.store, entity_id)
            said = self.store.query("entity_quotes_count", entity_id=entity_id)[0]
            return {**found[0], "stories": kept["stories"], **said, "co_mentioned": kept["co_mentioned"]}
        counts = self.store.query("entity_counts", entity_id=entity_id)[0]
        co = self.store.query("co_mentioned", entity_id=entity_id, limit=related)
        return {
            **found[0],
            "stories": counts["stories"],
            "quotes": counts["quotes"],
            "views": counts["views"],
            "co_mentioned": co,
        }

    def actor_positions(self, entity_id: str) -> list[dict[str, Any]]:
        """The positions of one entity (exact id) as an actor, as ``stances(actor_id=entity_id,
        latest=STATEMENTS)`` gives them (the bound of its page): a hub entity's as the digest stage kept them while
        its mentions and the stored stances are those they were made from, else computed now."""
        kept = self.store.entity_digest(entity_id)
        if (
            kept is not None
            and "positions" in kept
            and kept["stances_last"] == self.store.query("stances_last")[0]["last"]
        ):
            found: list[dict[str, Any]] = kept["positions"]
            return found
        return self.stances(actor_id=entity_id, latest=digest.positions.STATEMENTS)

    def entity_mentions(self, entity_id: str, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """One entity's mentions grouped by story, the story that names it most first, each with its article's
        title, outlet and date, its story, and ``sentence``: the sentence that holds it, as pieces ``{"text",
        "named"}`` (a named piece has its ``start`` and ``end``; an ellipsis piece marks a sentence shown cut).
        Mentions in one sentence make one item, with each of them in ``mentions``."""
        items: list[dict[str, Any]] = []
        kept = self.store.entity_digest(entity_id)
        if kept is not None and "first_page" in kept and (offset, limit) == (0, digest.entities.MENTIONS):
            keys = [(a, s, n) for a, s, n in kept["first_page"]]  # a hub's first page, chosen by the digest stage
            rows = self.store.query("entity_mentions_at", entity_id=entity_id, keys=keys)
        elif kept is not None and "story_marks" in kept:  # a hub's later pages: read between its kept marks
            rows = []
            for part in digest.entities.slices(kept["story_marks"], max(0, offset), limit):
                rows += self.store.query("entity_mentions_range", entity_id=entity_id, **part)
        else:
            rows = self.store.query("entity_mentions", entity_id=entity_id, limit=limit, offset=offset)
        for row in rows:
            window, base, size = row.pop("window") or "", row.pop("window_start"), row.pop("text_length")
            left, right = dates.sentence_around(window, row["start"] - base, row["end"] - base)
            mention = {"start": row["start"], "end": row["end"], "text": row["text"]}
            where = (row["article_id"], base + left, base + right)
            if items and items[-1]["_where"] == where:
                items[-1]["mentions"].append(mention)
                continue
            cut = (left == 0 and base > 0, right == len(window) and base + len(window) < size)
            items.append({**row, "_where": where, "_window": (window, base), "_cut": cut, "mentions": [mention]})
        return [_in_sentence(item) for item in items]

    def entity_quotes(
        self, entity_id: str, *, limit: int = 50, offset: int = 0, views: bool = False
    ) -> list[dict[str, Any]]:
        """The quotes (words said or written; with ``views``, the views instead) of the speaker linked to one
        entity (as :meth:`quotes` gives them), newest article first (undated last), each with its article's
        ``title``, ``outlet`` and ``published``."""
        kind = "view" if views else "speech"
        return self.store.query("entity_quotes", entity_id=entity_id, limit=limit, offset=offset, kind=kind)

    def mentions(self, article_id: str) -> list[dict[str, Any]]:
        """Entity mentions of one article with their spans and entity ids, in text order."""
        return self.store.query("mentions", article_id=self.article(article_id, extracts=False).id)

    def stages_done(self, article_id: str) -> list[str]:
        """Names of the analysis stages that have processed one article (exact id), in the order they ran.

        A stage in the pipeline but not here has not run on the article yet: it was ingested with
        ``analyze=False``, or the stage failed on it. :meth:`analyze` runs it.
        """
        return [r["stage"] for r in self.store.query("stages_done", article_id=article_id)]

    def failures(self, *, last_run: bool = False, run_id: int | None = None) -> list[Failure]:
        """Items and articles that could not be processed, with why: all, one run's (``run_id``, as
        :attr:`IngestReport.run_id` gives it), or the latest ended run's (``last_run``)."""
        return self.store.failures(last_run=last_run, run_id=run_id)

    def last_run(self) -> dict[str, Any] | None:
        """The latest run that has ended (``status`` finished or interrupted), without its stages; None if none."""
        return self.store.last_run()

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        marks: tuple[str, str] = ("[", "]"),
        timeout: float = 0.0,
        offset: int = 0,
        exact: bool = False,
    ) -> list[dict[str, Any]]:
        """Full-text search over titles and text, best first, with a snippet whose matches ``marks`` enclose;
        ``limit`` results from the ``offset``-th on (for pages of results).

        Unquoted words naming an entity also find its aliases (other spellings, full and short forms), and a
        surname no mention writes alone those of the one person whose name ends on it ("Zelensky" beside
        "Volodymyr Zelensky" and "Zelenskyy"); a "quoted phrase" is searched as written, and so is the whole
        query with ``exact``.

        ``outlet`` keeps one outlet's articles; ``since`` and ``until`` (dates, inclusive) keep articles
        published in that range. A search still running after ``timeout`` seconds is stopped (0: no limit).

        Raises:
            ConfigError: ``since`` or ``until`` is not a date.
            QueryError: the query holds no word to search for, is too long or has too many words, or ran past
                ``timeout``; one that is not FTS5 is searched as plain words.
        """
        bounds = {}
        for name, value in (("since", since), ("until", until)):
            if value:
                iso = parse_date(value)
                if iso is None:
                    raise ConfigError(f"The {name} date {value!r} is not a date I can read. Write it as 2026-03-01.")
                bounds[name] = iso[:10]
        stopped = (
            f"The search for {query[:60]!r} was stopped after {timeout:g} s, its time limit. Search for rarer "
            "words or fewer prefix* terms, or narrow it to an outlet or dates."
        )
        with self.store.deadline(timeout, stopped):
            return self.store.query(
                "search", q=query, limit=limit, outlet=outlet or None, marks=marks, offset=offset, exact=exact, **bounds
            )

    def outlets(self) -> list[dict[str, Any]]:
        """Every outlet with its article count, most articles first."""
        return self.store.query("outlets")

    def coverage(self, story_id: str | None = None, *, story_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Articles (copies included) per story, publication day and outlet, of every story or of the ones given."""
        return self.store.query("coverage", story_id=story_id, story_ids=story_ids)

    def _no_story(self, story_id: str, hint: str) -> NotFoundError:
        """The error for an id that names no story; an event's or an article's id (pasted from `newsdesk stories` or
        `articles`) is said to be one, with its story. Exact ids only: two indexed reads, whatever the store's size."""
        if not hint:
            if found := self.store.query("story_of", event_id=story_id):
                hint = f" That is an event's id; its story is {found[0]['id']}."
            elif is_article_id(story_id):
                with contextlib.suppress(NotFoundError):
                    if (article := self.article(story_id, extracts=False)).event_id and (
                        found := self.store.query("story_of", event_id=article.event_id)
                    ):
                        hint = f" That is an article's id (newsdesk show {story_id}); its story is {found[0]['id']}."
        return NotFoundError(f"No story with id {story_id!r}.{hint} List ids with: newsdesk stories")

    def story_summaries(self) -> list[dict[str, Any]]:
        """Every story's id, title, counts of articles and events, first and last dates; in :meth:`stories` order."""
        return self.store.query("story_summaries")

    def story_head(self, story_id: str) -> dict[str, Any]:
        """A story's ``id`` and ``title``, by id or unique id prefix, without reading its members.

        Raises:
            NotFoundError: no story has that id (or unique id prefix).
        """
        found = self.store.query("story_find", story_id=story_id)
        if len(found) != 1:
            hint = " It matches several stories; give more characters." if found else ""
            raise self._no_story(story_id, hint)
        return found[0]

    def story_part(self, part: str, story_id: str, **params: Any) -> list[dict[str, Any]]:
        """One part of a story (exact id) as its page shows it, filtered, sorted and cut to a page in SQL.

        ``part`` is ``summary``, ``days``, ``events``, ``articles``, ``event_articles``, ``quotes``,
        ``speakers``, ``sources``, ``outlets``, ``credits``, ``origins`` or ``entities``, or one of those lists
        plus ``_count``; ``params`` are the filters, ``limit``, ``offset`` and ``sort`` of
        :mod:`newsdesk.store.story`.
        """
        return self.store.query(f"story_{part}", story_id=story_id, **params)

    def quotes_in(self, article_ids: list[str]) -> list[dict[str, Any]]:
        """The quotes of the given articles (exact ids), as :meth:`quotes` gives them, in one pass."""
        return self.store.query("quotes_in", article_ids=article_ids)

    def mentions_in(self, article_ids: list[str]) -> list[dict[str, Any]]:
        """The entity mentions of the given articles (exact ids), as :meth:`mentions` gives them, in one pass."""
        return self.store.query("mentions_in", article_ids=article_ids)

    def entity_names(self, entity_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Name and type of the given entities by id, without counting their mentions."""
        return {e["id"]: e for e in self.store.query("entities_named", entity_ids=entity_ids)}

    def related(self, article_id: str) -> dict[str, Any]:
        """An article's copies (``duplicate_of`` it), the other articles of its origin group, why it is in that group
        (``origin_evidence``: see ``Store.origin_link``; None for a group's first article), and its story."""
        found = self.article(article_id, extracts=False)
        copies = self.store.query("article_summaries", duplicate_of=found.id)
        # An origin group lies within one event (copies join their original's event): (event_id, origin) is indexed.
        group = (
            self.store.query("article_summaries", event_id=found.event_id, origin=found.origin)
            if found.origin and found.event_id
            else self.store.query("article_summaries", origin=found.origin)
            if found.origin
            else []
        )
        story = self.store.query("story_of", event_id=found.event_id) if found.event_id else []
        return {
            "copies": copies,
            "origin": [a for a in group if a["id"] != found.id],
            "origin_evidence": self.store.origin_link(found.id),
            "story": story[0] if story else None,
        }

    def runs(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs with per-stage counts and their ``status`` (running, finished, interrupted)."""
        return self.store.runs(limit=limit)

    def export_tables(
        self, *, batch: int = 10_000
    ) -> Iterator[tuple[str, list[tuple[str, str]], Iterator[list[tuple[object, ...]]]]]:
        """The tables an export writes (articles, quotes, mentions, entities, claims): each one's name, ``(column,
        type)`` pairs and rows in batches, read as one snapshot (see ``Store.export``)."""
        return self.store.export(batch=batch)

    def count(self) -> int:
        """How many articles the corpus holds."""
        return self.store.count()
