"""Worker processes: the per-article stages run in a pool, and a run gives exactly what one process gives; a worker
that fails or dies on one article costs that article only."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, cast

import pytest

from newsdesk import corpus as corpus_module
from newsdesk import digest, pipeline, workers
from newsdesk.corpus import Corpus
from newsdesk.errors import ConfigError
from newsdesk.extract import entities
from newsdesk.pipeline import ArticleStage, Pipeline
from newsdesk.records import Article
from newsdesk.settings import NlpSettings, PipelineSettings, Settings
from newsdesk.store import Store, extracts
from tests.processes import descendants

# An invented wire story told by several outlets (one reprints another), a second story, and unrelated items.
INVENTED = {
    "t01_lumen-post.txt": (
        "Quarry permit for Harlow Ridge suspended\n\n"
        "The regional council of Vesterdal suspended the quarry permit for Harlow Ridge on Monday, 3 March 2025, "
        'after residents reported cracks in forty houses. "We cannot let blasting go on while homes split open," '
        "said council leader Maren Oskarsdottir. The operator, Gravik Stone, said it would appeal. "
        "Engineer Tobias Lenhart told reporters the cracks had appeared within two weeks of the first blast."
    ),
    "t02_vesterdal-herald.txt": (
        "Council halts Harlow Ridge quarry\n\n"
        "Vesterdal's regional council halted blasting at the Harlow Ridge quarry on Monday after cracks were found "
        'in forty homes, council leader Maren Oskarsdottir said. "Homes split open, and blasting cannot go on," '
        "Oskarsdottir said. Gravik Stone, which runs the quarry, said it would appeal the decision by Friday."
    ),
    "t03_briefwire.txt": (
        "Quarry permit for Harlow Ridge suspended\n\n"
        "The regional council of Vesterdal suspended the quarry permit for Harlow Ridge on Monday, 3 March 2025, "
        'after residents reported cracks in forty houses. "We cannot let blasting go on while homes split open," '
        "said council leader Maren Oskarsdottir. The operator, Gravik Stone, said it would appeal. "
        "Engineer Tobias Lenhart told reporters the cracks had appeared within two weeks of the first blast. "
        "Reporting by Briefwire staff."
    ),
    "t04_lumen-post.txt": (
        "Gravik Stone appeals quarry suspension\n\n"
        "Gravik Stone filed an appeal on Friday, 7 March 2025, against the suspension of its Harlow Ridge permit. "
        'Chief executive Anders Velk said the company had followed every rule. "Our blasts are within the limits '
        'the council itself set," Velk said. Council leader Maren Oskarsdottir said the council would defend '
        "its decision in court."
    ),
    "t05_coastline-news.txt": (
        "Ferry line to Orrin Island cut to two sailings\n\n"
        "The Orrin Island ferry will run only two sailings a day from 1 April, the operator Saltmere Lines "
        "announced on Tuesday. Mayor Ilse Brandvik called the cut a blow to the island's 900 residents. "
        '"People here need the morning boat to reach work and school," Brandvik said.'
    ),
    "t06_coastline-news.txt": (
        "Orrin Island residents protest ferry cut\n\n"
        "About 200 residents of Orrin Island protested on Saturday against the cut to two ferry sailings a day. "
        "Mayor Ilse Brandvik joined the march. Saltmere Lines said fuel costs had risen by 40 percent and it had no "
        "other choice, according to a statement."
    ),
    "t07_vesterdal-herald.txt": (
        "Library in Tarnby reopens after flood repairs\n\n"
        "The public library in Tarnby reopened on Wednesday after eight months of repairs following the autumn "
        "flood. Librarian Jonas Meerholt said 12,000 books had been replaced. \"The children's room is the first "
        'thing people asked about," Meerholt said.'
    ),
    "t08_briefwire.txt": (
        "Tarnby library back open\n\n"
        "Tarnby's library is open again after flood repairs that took eight months, librarian Jonas Meerholt said "
        "on Wednesday. About 12,000 books were replaced, Meerholt said."
    ),
}


def _write(folder: Path) -> list[Path]:
    folder.mkdir()
    for name, text in INVENTED.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return sorted(folder.iterdir())


def _settings(count: int, **pipeline_fields: Any) -> Settings:
    # Small parse groups, so the quotes stage hands the workers several units and their order matters.
    return Settings(
        pipeline=PipelineSettings(workers=count, parallel_from=1, **pipeline_fields),
        nlp=NlpSettings(batch_size=3),
    )


def _picture(corpus: Corpus) -> dict[str, Any]:
    """Everything the analysis stored, in a comparable form."""
    store = corpus.store
    articles = corpus.articles()
    ids = [a["id"] for a in articles]
    return {
        "articles": articles,
        "full": [dataclasses.asdict(a) for a in store.articles(ids)],
        "stories": store.query("story_summaries"),
        "events": [store.query("stories", story_id=s["id"]) for s in store.query("story_summaries")],
        "entities": corpus.entities(),
        "quotes": corpus.quotes(),
        "claims": corpus.claims(),
        "mentions": [corpus.mentions(i) for i in ids],
        "origins": [corpus.related(i) for i in ids],
        "failures": [(f.stage, f.article_id, f.error) for f in corpus.failures()],
    }


class _Counting(workers.Workers):
    started: ClassVar[list[int]] = []

    def __init__(self, count: int, settings: Settings, **options: Any) -> None:
        super().__init__(count, settings, **options)
        _Counting.started.append(count)


def test_two_workers_give_what_one_process_gives(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    monkeypatch.setattr(pipeline, "_ARTICLE_UNIT", 3)  # several units for the regex stages too
    monkeypatch.setattr(corpus_module, "Workers", _Counting)
    _Counting.started = []
    pictures = []
    for count in (1, 2):
        with Corpus(Store(tmp_path / f"w{count}.db"), settings=_settings(count)) as corpus:
            report = corpus.ingest(targets)
            assert len(report.added) == len(targets)
            pictures.append(_picture(corpus))
    assert _Counting.started == [2]  # one pool, for the whole run, and none with one worker
    one, two = pictures
    assert one["quotes"] and one["entities"] and one["claims"] and len(one["stories"]) >= 3
    assert any(a["duplicate_of"] for a in one["full"])  # the reprint was found
    for key in one:
        assert two[key] == one[key], key


class _Feeding(pipeline.Ahead):
    chunks: ClassVar[list[list[str]]] = []

    def feed(self, start: int, batch: list[Article]) -> None:
        _Feeding.chunks.append([a.id for a in batch])
        super().feed(start, batch)


def test_a_run_goes_chunk_by_chunk_with_workers_or_without_and_stores_the_same(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks of 4: each goes through every stage but the digest before the next starts, in one process as with
    # workers; with them, the workers parse the next chunks while this process works on the one before (decisions
    # 0049 and 0075). The store is the same whichever way.
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    monkeypatch.setattr(corpus_module, "_ANALYZE_CHUNK", 4)
    monkeypatch.setattr(corpus_module, "Ahead", _Feeding)
    ran: list[tuple[str, str]] = []  # (stage, first article of the batch) as this process runs the stages
    run_stage = Pipeline.run_stage

    def logged(self: Pipeline, stage: Any, batch: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread() and batch:
            ran.append((stage.name, batch[0].id))
        return run_stage(self, stage, batch, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "run_stage", logged)
    pictures, fed, orders = [], [], []
    for count, overlap in ((1, True), (2, False), (2, True)):
        _Feeding.chunks = []
        ran.clear()
        seen: list[tuple[str, int, int]] = []
        with Corpus(Store(tmp_path / f"w{count}{overlap}.db"), settings=_settings(count, overlap=overlap)) as corpus:
            corpus.ingest(targets, on_progress=lambda *shown, seen=seen: seen.append(shown))
            pictures.append(_picture(corpus))
        fed.append(_Feeding.chunks)
        orders.append([(name, first) for name, first in ran if name not in LEAD])
        # Progress counts the whole run's articles, whichever way the stages ran.
        assert {total for _, _, total in seen if _ != "ingest"} == {len(targets)}
        assert all(done <= total for _, done, total in seen)
    ids = [a["id"] for a in pictures[0]["articles"]]
    assert fed == [[], [], [ids[0:4], ids[4:8], ids[8:11]]]  # one process, or overlap off: no chunk ahead
    # One process too: the first chunk through claim matching before the second is linked; the digest last.
    middle = ["entities", "claims", "stances", "dedupe", "cluster", "origins", "claim_match"]
    assert orders[0] == [(name, ids[k]) for k in (0, 4, 8) for name in middle] + [("digest", ids[k]) for k in (0, 4, 8)]
    assert orders[1] == orders[2] == orders[0]
    one = pictures[0]
    assert one["quotes"] and one["entities"] and one["claims"] and any(a["duplicate_of"] for a in one["full"])
    assert len(one["stories"]) >= 3 and any(o["origin"] for o in one["origins"])
    for picture in pictures[1:]:
        for key in one:
            assert picture[key] == one[key], key


LEAD = ("cites", "dates", "features", "quotes")


def _digests(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The digest's rows, whole (tables without row ids: by key)."""
    tables = ("story_digests", "entity_digests")
    return {t: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables}


def test_the_digest_hands_a_share_of_its_stories_to_an_idle_worker_and_stores_the_same(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With two workers and overlap, the digest (after the last chunk's parse, the workers idle) hands a share of
    # its stories to a worker, which digests them over a read-only connection of its own (decision 0084): the
    # digest's rows are those of a run that digests every story here, byte for byte and in the same order. Not
    # with overlap off (nor one worker, nor Ray).
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    monkeypatch.setattr(digest.entities, "FROM", 2)  # entity cards too (made here, beside the worker's share)
    given: list[Any] = []
    result = workers._Pending.result

    def kept(self: Any) -> Any:
        value = result(self)
        given.append(value)
        return value

    monkeypatch.setattr(workers._Pending, "result", kept)
    stored, shares = [], []
    for name, overlap in (("here", True), ("overlap off", False), ("aside", True)):
        given.clear()
        with monkeypatch.context() as patch:
            if name == "here":
                patch.setattr(Corpus, "_aside", lambda self, context: context)
            with Corpus(Store(tmp_path / f"{name}.db"), settings=_settings(2, overlap=overlap)) as corpus:
                corpus.ingest(targets)
                stored.append(_digests(corpus.store))
        shares.append(list(given))
    here, off, aside = stored
    assert len({row[0] for row in here["story_digests"]}) >= 3 and here["entity_digests"]
    assert aside == here and off == here
    assert shares[:2] == [[], []]
    (share,) = shares[2]  # one batch: one share, digested by the worker
    assert share and {row[0] for rows in share.values() for row in rows} <= {row[0] for row in here["story_digests"]}
    assert sorted(row for rows in share.values() for row in rows) == [
        row[:5] for row in here["story_digests"] if row[0] in share
    ]


def _aside_work(view: Store, settings: Settings, how: str) -> Any:
    """Work handed to a worker: it reads the store, writes to it (refused: read-only), raises or dies."""
    if how == "write":
        view.conn.execute("DELETE FROM articles")
    if how == "raise":
        raise ValueError("the work raises")
    if how == "die":
        os._exit(3)
    if how == "slow":
        time.sleep(0.5)
    return [tuple(r) for r in view.conn.execute("SELECT id FROM articles ORDER BY rowid")], os.getpid()


def test_work_handed_aside_reads_the_store_and_a_share_lost_is_none(tmp_path: Path) -> None:
    with Corpus(Store(tmp_path / "a.db"), settings=_settings(1)) as corpus:
        corpus.ingest(_write(tmp_path / "invented"), analyze=False)
        ids = [(a["id"],) for a in corpus.articles()]
    path = str(tmp_path / "a.db")
    units = [[Article(id=f"a{k}", source="x", text=f"Report {k}.")] for k in range(4)]
    with workers.Workers(2, Settings(), model=False) as pool:
        assert pool.aside(path, _aside_work, "read") is None  # no worker has started yet
        list(pool.run(ORIGIN, units))
        one, two = pool.aside(path, _aside_work, "read"), pool.aside(path, _aside_work, "read")
        assert one is not None and two is not None
        assert pool.aside(path, _aside_work, "read") is None  # none idle
        (read, pid), (_, other) = one.result(), two.result()
        assert read == ids and {pid, other} == set(pool.pids)
        # The second share answers first, read while the first's answer is waited for: kept for its own result.
        slow, quick = pool.aside(path, _aside_work, "slow"), pool.aside(path, _aside_work, "read")
        assert slow is not None and quick is not None
        assert slow.result()[0] == ids and quick.result()[0] == ids
        for how in ("write", "raise", "die"):
            pending = pool.aside(path, _aside_work, how)
            assert pending is not None and pending.result() is None, how
        assert pool.lost == 1 and len(pool.pids) == 2  # the worker that died was replaced
    with Store(tmp_path / "a.db") as store:
        assert [(r["id"],) for r in store.query("article_summaries", outlet=None, ids=None, limit=None)] == ids


def _done(store: Store, stage: str, ids: list[str]) -> list[bool]:
    marks = ",".join("?" * len(ids))
    done = {
        r[0]
        for r in store.conn.execute(
            f"SELECT article_id FROM stage_done WHERE stage = ? AND article_id IN ({marks})", [stage, *ids]
        )
    }
    return [i in done for i in ids]


def _stored(store: Store, table: str, ids: list[str]) -> int:
    marks = ",".join("?" * len(ids))
    return int(store.conn.execute(f"SELECT count(*) FROM {table} WHERE article_id IN ({marks})", ids).fetchone()[0])


def _linked(store: Store, ids: list[str]) -> tuple[int, int]:
    """How many mentions the articles have stored, and how many of them linked."""
    marks = ",".join("?" * len(ids))
    row = store.conn.execute(f"SELECT count(*), count(entity_id) FROM mentions WHERE article_id IN ({marks})", ids)
    return cast(tuple[int, int], tuple(row.fetchone()))


def test_a_chunks_mentions_are_written_once_and_a_failed_linking_leaves_them_as_found(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The quotes stage's mentions of a chunk are written with their links, once (decision 0053, revision of
    # 2026-12-06, early afternoon); when linking the second chunk fails, its mentions are written as the quotes
    # stage found them, unlinked, its quotes stage done and its linking failed, as when each stage wrote its own.
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    monkeypatch.setattr(corpus_module, "_ANALYZE_CHUNK", 4)
    written: list[str] = []
    save_all = extracts.save_all  # what Store.update writes mentions by (a chunk's at once, or each in turn)

    def counted(conn: Any, articles: Sequence[Article], produces: set[str]) -> None:
        if {"article.mentions", "article.entities"} & produces:
            written.extend(a.id for a in articles)
        save_all(conn, articles, produces)

    link, calls = entities.Linker.link_articles, []

    def failing(self: entities.Linker, batch: Any) -> Any:
        calls.append(len(batch))
        if len(calls) == 2:
            raise RuntimeError("linking failed")
        return link(self, batch)

    monkeypatch.setattr(extracts, "save_all", counted)
    monkeypatch.setattr(entities.Linker, "link_articles", failing)
    for count in (1, 2):
        written.clear()
        calls.clear()
        with Corpus(Store(tmp_path / f"w{count}.db"), settings=_settings(count)) as corpus:
            corpus.ingest(targets)
            store = corpus.store
            ids = [a["id"] for a in corpus.articles()]
            assert sorted(written) == sorted(ids)  # each article's mentions written once
            second = ids[4:8]
            assert _done(store, "quotes", ids) == [True] * len(ids)
            assert _done(store, "entities", ids) == [k not in range(4, 8) for k in range(len(ids))]
            assert {(f.stage, f.article_id) for f in corpus.failures()} == {("entities", i) for i in second}
            found, linked = _linked(store, second)
            assert found > 0 and linked == 0
            assert _linked(store, ids[:4])[1] > 0 and _linked(store, ids[8:])[1] > 0


def test_a_chunks_quotes_are_written_once_with_their_links_as_stage_by_stage_writes_then_links_them(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Going chunk by chunk, each quote of the quotes stage is written once, with the link entity linking gave its
    # speaker (decision 0083, revision of the late night), not written and then linked by an UPDATE of its row;
    # its rows are those of a run stage by stage, where the quotes stage writes them and linking then links them.
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    monkeypatch.setattr(corpus_module, "_ANALYZE_CHUNK", 4)
    quotes = "SELECT rowid, * FROM quotes ORDER BY rowid"
    rows = {}
    for way in ("stage by stage", 1, 2):
        sent: list[str] = []
        settings = _settings(1 if way == "stage by stage" else int(way))
        with monkeypatch.context() as patched, Corpus(Store(tmp_path / f"{way}.db"), settings=settings) as corpus:
            if way == "stage by stage":
                patched.setattr(Pipeline, "split", lambda self, pending: None)
            corpus.store.conn.set_trace_callback(sent.append)
            corpus.ingest(targets)
            corpus.store.conn.set_trace_callback(None)
            rows[way] = corpus.store.conn.execute(quotes).fetchall()
        linked = [s for s in sent if s.startswith("UPDATE quotes SET speaker_entity_id")]
        assert bool(linked) is (way == "stage by stage")
    assert rows[1] == rows[2] == rows["stage by stage"]
    assert sum(r[10] is not None for r in rows[1]) > 5  # (speaker_entity_id: many quotes linked)


_KILLED_WHILE_LINKING = """
import os, signal, sys
from newsdesk import corpus as corpus_module
from newsdesk.corpus import Corpus
from newsdesk.extract import entities
from newsdesk.store import Store
from tests.test_workers import _settings

corpus_module._ANALYZE_CHUNK = 4
link, calls = entities.Linker.link_articles, []

def killed(self, batch):
    calls.append(batch)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return link(self, batch)

entities.Linker.link_articles = killed
with Corpus(Store(sys.argv[1]), settings=_settings(int(sys.argv[2]))) as corpus:
    corpus.ingest(sys.argv[3:])
"""


@pytest.mark.parametrize("count", [1, 2])
def test_a_kill_while_a_chunk_is_linked_leaves_neither_its_mentions_nor_its_quotes_and_a_run_resumes(
    tmp_path: Path, seeds_dir: Path, count: int
) -> None:
    # A kill -9 while the second chunk is linked: its quotes and mentions, written with their links in one
    # transaction, are not stored, nor is either stage done for it (the first chunk is, whole); the stages that
    # wrote in transactions of their own before are done. Running the analysis again does the rest.
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    db = tmp_path / "news.db"
    command = [sys.executable, "-c", _KILLED_WHILE_LINKING, str(db), str(count), *map(str, targets)]
    run = subprocess.run(command, cwd=Path(__file__).parent.parent, capture_output=True, text=True, timeout=300)
    assert run.returncode == -signal.SIGKILL, run.stderr
    with Corpus(Store(db), settings=_settings(count)) as corpus:
        store = corpus.store
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [a["id"] for a in corpus.articles()]
        first, second = ids[:4], ids[4:8]
        for stage in ("quotes", "entities"):
            assert _done(store, stage, first) == [True] * 4
            assert _done(store, stage, second) == [False] * 4
        assert _done(store, "features", second) == [True] * 4
        assert _stored(store, "mentions", first) > 0 and _stored(store, "quotes", first) > 0
        assert _stored(store, "mentions", second) == _stored(store, "quotes", second) == 0
        corpus.analyze()
        for stage in corpus.pipeline.names:
            assert store.pending(stage) == [], stage
        assert _stored(store, "mentions", second) > 0 and _stored(store, "quotes", second) > 0
        assert not corpus.failures()


def test_stages_go_chunk_by_chunk_only_where_each_reads_what_it_was_argued_for() -> None:
    built = Pipeline.from_settings(Settings())
    same = {name: ["a", "b"] for name in built.names}
    split = built.split(same)
    assert split is not None
    lead, middle, tail = ([s.name for s in part] for part in split)
    assert lead == list(LEAD)
    # Every corpus stage but the digest goes chunk by chunk: what each reads of the chunks before was argued for it.
    assert middle == ["entities", "claims", "stances", "dedupe", "cluster", "origins", "claim_match"]
    assert tail == ["digest"]
    # A run resumed half-way (the parse, or clustering, done for some articles only) goes stage after stage.
    assert built.split({**same, "quotes": ["b"]}) is None
    assert built.split({**same, "cluster": ["b"]}) is None
    # A plugin's stage: what it reads of other articles is not known.
    plugin = dataclasses.replace(pipeline.BUILTIN[0], name="mine")
    assert Pipeline([*built.stages, plugin]).split({**same, "mine": ["a", "b"]}) is None
    # A lead stage reading what another lead stage produces would be run before it was stored.
    reader = dataclasses.replace(pipeline.BUILTIN[0], requires=("article.dates",))
    stages = [built.stages[1], reader, *built.stages[2:]]
    assert Pipeline(stages).split({s.name: ["a"] for s in stages}) is None
    # Nothing to go chunk by chunk with: per-article stages only, or no per-article stage first.
    assert Pipeline(built.stages[:4]).split(same) is None
    grouping = [s for s in built.stages if s.name in ("dedupe", "cluster")]
    assert Pipeline(grouping).split(same) is None
    # Built-in stages in another order: what each reads was argued for the built-in one.
    named = {s.name: s for s in built.stages}
    moved = [named[n] for n in ("cites", "dates", "features", "quotes", "entities", "stances", "claims", "dedupe")]
    assert Pipeline(moved).split(same) is None
    # Only the middle's pending articles count: the digest's are read as it starts.
    assert built.split({**same, "digest": []}) is not None


def test_linking_reads_stored_mentions_in_the_order_their_articles_came_in(tmp_path: Path) -> None:
    # What entity linking reads of an entity's stored mentions (pipeline._entities) hangs on nothing clustering
    # writes: the same with the articles in stories or not, and, where none is, the order of an entity's page.
    with Corpus(Store(tmp_path / "news.db"), settings=_settings(1)) as corpus:
        corpus.ingest(_write(tmp_path / "invented"))
        store = corpus.store
        named = [
            e["id"] for e in corpus.entities() if len(store.query("entity_mentions", entity_id=e["id"], limit=50)) > 2
        ]
        assert named
        told = {e: store.query("entity_told", entity_id=e, limit=50) for e in named}
        assert any(row["story_id"] for e in named for row in store.query("entity_mentions", entity_id=e, limit=50))
        with store.transaction() as conn:
            conn.execute("UPDATE articles SET event_id = NULL")
        for e in named:
            assert store.query("entity_told", entity_id=e, limit=50) == told[e]
            paged = store.query("entity_mentions", entity_id=e, limit=50)
            assert [(r["text"], r["window"]) for r in paged] == [(r["text"], r["window"]) for r in told[e]]
            assert store.query("entity_told", entity_id=e, limit=2) == told[e][:2]


def _fragile(article: Article, settings: Settings) -> Article:
    """A stage that fails on articles marked EXPLODE, kills its process on VANISH, and kills the process its worker
    was started from on ORPHAN (never the main process: the test's, in ``MAIN_PID``); see :class:`_Fragile` for
    STALL."""
    if "ORPHAN" in article.text and os.getppid() != int(os.environ.get("MAIN_PID", "0")):
        os.kill(os.getppid(), signal.SIGKILL)
        time.sleep(60)  # killed with it
    if "EXPLODE" in article.text:
        raise ValueError("the marked article explodes")
    if "VANISH" in article.text:
        os._exit(3)
    return dataclasses.replace(article, cites=("checked",))


# How long a stalled unit sleeps: past any budget here, so that only its worker being stopped ends it in time.
STALL_SECONDS = 60


@dataclasses.dataclass(frozen=True, slots=True)
class _Fragile(ArticleStage):
    """:func:`_fragile`'s stage, whose unit holding an article marked STALL hangs in its worker as native code that
    never returns would: with the alarm blocked before the article's budget is set, so that only the main process's
    deadline for the unit can stop it. (Blocked by the article's own code, after its budget had started, a busy
    machine let the 1 s alarm ring first: the article failed with BudgetError, and its worker was never stopped.)"""

    def run(self, batch: Any, context: pipeline.Context) -> Any:
        if context.engine is None and any("STALL" in a.text for a in batch):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(STALL_SECONDS)
        return ArticleStage.run(self, batch, context)


FRAGILE = _Fragile("fragile", _fragile, requires=("article.text",), produces=("article.cites",))


def _marked(folder: Path, marks: dict[int, str]) -> list[Path]:
    folder.mkdir()
    for i in range(10):
        mark = marks.get(i, "")
        text = f"Report {i} from the invented town of Quellby on its harbour works and tides. {mark}\n"
        (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


def _fragile_run(tmp_path: Path, marks: dict[int, str], **fields: Any) -> tuple[Corpus, Any, list[str]]:
    targets = _marked(tmp_path / "marked", marks)
    corpus = Corpus(Store(tmp_path / "fragile.db"), settings=_settings(2, **fields))
    corpus.pipeline = Pipeline([FRAGILE])
    report = corpus.ingest(targets)
    ids = [a["id"] for a in corpus.articles()]
    return corpus, report, ids


@pytest.mark.parametrize("forks", [True, False], ids=["forked", "fresh-interpreters"])
def test_an_article_that_raises_or_kills_its_worker_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: bool
) -> None:
    # Workers forked by the zygote, and (as where it does not fork, macOS) started by it as fresh interpreters.
    monkeypatch.setattr(workers, "_FORKS", forks)
    monkeypatch.setattr(pipeline, "_ARTICLE_UNIT", 4)  # the killing article shares its unit with three others
    corpus, report, ids = _fragile_run(tmp_path, {2: "EXPLODE", 5: "VANISH"})
    with corpus:
        failed = {f.article_id: f for f in report.failures}
        assert set(failed) == {ids[2], ids[5]}
        assert failed[ids[2]].error == "ValueError"
        assert failed[ids[5]].error == "WorkerError"
        assert "exited with status 3" in failed[ids[5]].message
        assert "fragile" in failed[ids[5]].message
        for position, article_id in enumerate(ids):
            done = corpus.stages_done(article_id)
            assert done == ([] if position in (2, 5) else ["fragile"])
            if position not in (2, 5):
                assert corpus.article(article_id).cites == ("checked",)
        # The failures are stored with the run, and the next run tries those articles again.
        assert {f.article_id for f in corpus.failures(last_run=True)} == {ids[2], ids[5]}
        assert corpus.store.pending("fragile") == [ids[2], ids[5]]


def test_a_zygote_killed_takes_its_workers_and_another_starts_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    # Killing the zygote kills its worker (PR_SET_PDEATHSIG): the unit is tried again article by article, each on
    # a worker of a new zygote, and the article that kills it again fails alone; no process is left behind. (One
    # worker: a sibling's one-article task would fail with it.)
    monkeypatch.setenv("MAIN_PID", str(os.getpid()))
    units = [
        [Article(id=f"a{k}", source="x", text=f"Report {k}. {'ORPHAN' if k == 6 else ''}") for k in part]
        for part in (range(4), range(4, 8), range(8, 10))
    ]
    with workers.Workers(1, Settings(), model=False) as pool:
        results = list(pool.run(FRAGILE, units))
        assert pool.lost == 2
    assert [(f.article_id, f.error) for r in results for f in r.failures] == [("a6", "WorkerError")]
    assert "killed by SIGKILL" in results[1].failures[0].message
    assert [a.id for r in results for a in r.articles] == [f"a{k}" for k in range(10) if k != 6]
    assert descendants(os.getpid()) == []


def _origin(article: Article, settings: Settings) -> Article:
    """A stage that tells what its worker started with: its parent's process id, the model loaded or not."""
    from newsdesk import nlp

    return dataclasses.replace(article, cites=(str(os.getppid()), str(nlp.loaded())))


ORIGIN = ArticleStage("origin", _origin, requires=("article.text",), produces=("article.cites",))


def test_workers_are_forked_from_one_process_that_loaded_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # One process (the zygote: a fresh interpreter, the main process's child) imports newsdesk and loads the model
    # once; each worker is its fork, the model loaded before its first unit, and so is a worker that replaces one.
    monkeypatch.setattr(pipeline, "_ARTICLE_UNIT", 1)
    units = [[Article(id=f"a{k}", source="x", text=f"Report {k}.")] for k in range(6)]
    with workers.Workers(2, Settings()) as pool:
        first = pool.pids
        seen = {tuple(result.articles[0].cites) for result in pool.run(ORIGIN, units)}
        os.kill(first[0], signal.SIGKILL)
        while "Z" not in Path(f"/proc/{first[0]}/stat").read_text().rsplit(")", 1)[1].split()[0]:
            time.sleep(0.01)  # dead (a zombie until the zygote reaps it) before it is handed a unit
        seen |= {tuple(result.articles[0].cites) for result in pool.run(ORIGIN, units)}
        assert pool.lost == 1 and first[0] not in pool.pids
        assert len({*first, *pool.pids}) == 3
    (zygote, loaded), *others = seen
    assert not others and loaded == "True"
    assert descendants(os.getpid()) == []
    assert int(zygote) != os.getpid()
    assert Path(f"/proc/{zygote}").exists() is False  # stopped with the pool


def test_a_worker_that_hangs_past_its_budget_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A unit's grace past its articles' budget cut to 5 s, and only that: GRACE_SECONDS, set to 5 here before, is
    # also the time the zygote has to start (import newsdesk), which a loaded machine took longer than 5 s for.
    # The pool then gave up on its workers and ran the stage in the test's own process, where no worker was
    # stopped (seen at load 20: the stalled article failed with BudgetError, not WorkerError).
    monkeypatch.setattr(workers.Workers, "_allowed", lambda self, task: 1.0 * len(task.articles) + 5.0)
    monkeypatch.setattr(pipeline, "_ARTICLE_UNIT", 1)
    started = time.monotonic()
    corpus, report, ids = _fragile_run(tmp_path, {7: "STALL"}, item_seconds=1.0)
    with corpus:
        assert [(f.article_id, f.error) for f in report.failures] == [(ids[7], "WorkerError")]
        assert "stopped after 6 s" in report.failures[0].message
        assert len(corpus.store.pending("fragile")) == 1
    assert time.monotonic() - started < STALL_SECONDS - 10  # stopped, not left to sleep


def test_workers_that_cannot_start_leave_the_stage_to_the_main_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "_BOOT", "import sys; sys.exit(5)")
    monkeypatch.setattr(pipeline, "_ARTICLE_UNIT", 2)
    corpus, report, ids = _fragile_run(tmp_path, {})
    with corpus:
        assert report.failures == ()
        assert all(corpus.stages_done(i) == ["fragile"] for i in ids)


def test_small_runs_stay_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _Counting.started = []
    monkeypatch.setattr(corpus_module, "Workers", _Counting)
    targets = _marked(tmp_path / "few", {})
    settings = Settings(pipeline=PipelineSettings(workers=2, parallel_from=11, stages=("cites", "dates")))
    with Corpus(Store(tmp_path / "few.db"), settings=settings) as corpus:
        corpus.ingest(targets)
    assert _Counting.started == []
    settings = Settings(pipeline=PipelineSettings(workers=2, parallel_from=10, stages=("cites", "dates")))
    with Corpus(Store(tmp_path / "ten.db"), settings=settings) as corpus:
        corpus.ingest(targets)
    assert _Counting.started == [2]


def test_worker_count() -> None:
    assert workers.count(3) == 3
    assert workers.count(0) == len(os.sched_getaffinity(0))
    with pytest.raises(ConfigError, match=r"\[pipeline\] workers is -1"):
        workers.count(-1)
    with pytest.raises(ConfigError):
        Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(workers=-2)))


def test_workers_stop_when_the_pool_closes(tmp_path: Path) -> None:
    with workers.Workers(2, Settings()) as pool:
        pids = pool.pids
        assert len(pids) == 2
        assert all(Path(f"/proc/{pid}").exists() for pid in pids)
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


class _Recording:
    """An engine that runs each unit here as a worker would (``run_unit``), keeping what it was sent."""

    def __init__(self) -> None:
        self.sent: list[Article] = []

    def run(self, job: pipeline.Stage, units: Any) -> Any:
        for unit in units:
            self.sent.extend(unit)
            result, error, message = pipeline.run_unit(job, list(unit), pipeline.Context())
            assert result is not None, (error, message)
            yield result


def test_workers_are_sent_and_send_back_no_more_than_a_stage_uses(seeds_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    batch = [
        Article(id=f"s{i}", source=f"seed {i}", text=t, raw=t.upper(), furniture=("a caption",), outlet="Reuters")
        for i, t in enumerate(texts)
    ]
    stages = {s.name: s for s in pipeline.BUILTIN}
    for name in ("cites", "dates"):
        stage = stages[name]
        alone = stage.run(batch, pipeline.Context())
        engine = _Recording()
        spread = stage.run(batch, pipeline.Context(engine=engine))
        assert spread == alone, name  # the batch's own articles, with what the stage produced on them
        assert any(a.cites or a.dates for a in alone.articles)
        # A stage that declares what it reads is sent no raw form or furniture...
        assert [a.id for a in engine.sent] == [a.id for a in batch]
        assert all(a.raw == "" and a.furniture == () and a.text for a in engine.sent)
        # ... and its worker sends back only what it produces.
        result, _, _ = pipeline.run_unit(stage, batch, pipeline.Context())
        assert result is not None and all(a.text == "" and a.raw == "" for a in result.articles)
        assert [(a.cites, a.dates) for a in result.articles] == [(a.cites, a.dates) for a in alone.articles]
    assert pipeline.produced_fields(stages["entities"]) == ("mentions", "quotes")
    assert pipeline.produced_fields(stages["claim_match"]) is None  # story data: whole results, as before


def test_a_stage_producing_an_articles_text_gets_the_whole_article_back() -> None:
    stages = {s.name: s for s in pipeline.BUILTIN}
    rewrites = dataclasses.replace(stages["cites"], name="rewrite_text", produces=("article.text",))
    assert pipeline.produced_fields(rewrites) is None  # not a lean copy that would name its text twice
    article = Article(id="a1", source="a.txt", text="Officials told Reuters on Monday that the dam held.")
    result, error, _ = pipeline.run_unit(rewrites, [article], pipeline.Context())
    assert error == "" and result is not None and result.articles[0].text == article.text


def test_a_closed_pool_runs_nothing_more_and_the_thread_ahead_stops() -> None:
    from newsdesk.errors import PipelineError

    article = Article(id="a1", source="a.txt", text="Officials told Reuters on Monday that the dam held.")
    pool = workers.Workers(1, Settings())
    pool.close(now=True)
    with pytest.raises(PipelineError, match="stopped"):  # never spinning on a pool with no worker left
        list(pool.run(pipeline.BUILTIN[0], [[article]]))
    cites = pipeline.BUILTIN[0]
    ahead = pipeline.Ahead(Pipeline([cites]), [cites], pipeline.Context(engine=pool), total=2)
    ahead.feed(0, [article])
    stage, outcome, _ = ahead.take()[0]
    assert stage is cites and isinstance(outcome, PipelineError)  # recorded as the chunk's failure by the caller
    ahead.feed(1, [article])
    ahead.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)  # as Ctrl-C leaves the run
    ahead._thread.join(timeout=10)
    assert not ahead._thread.is_alive()


def _collector_state(article: Article, settings: Settings) -> Article:
    """A stage that loads the model when an article asks for it, and tells how many objects are frozen."""
    import gc

    from newsdesk import nlp

    if "LOAD" in article.text:
        nlp.load(settings.nlp.model)
    return dataclasses.replace(article, cites=(str(gc.get_freeze_count()),))


COLLECTOR_STATE = ArticleStage("collector", _collector_state, requires=("article.text",), produces=("article.cites",))


def test_a_worker_leaves_what_it_keeps_out_of_collections_once_the_model_is_loaded() -> None:
    # What a worker is forked with (the zygote's modules, and the model when it loads it) is frozen from its first
    # unit (decision 0053, revision of 2026-12-06 second morning); a model loaded by the worker itself is frozen
    # from the unit after the one that loaded it (decision 0053, revision): the collector's passes no longer read
    # them.
    units = [[Article(id=f"a{k}", source="x", text=text)] for k, text in enumerate(["one", "LOAD", "two", "three"])]
    with workers.Workers(1, Settings(), model=False) as pool:
        counts = [int(result.articles[0].cites[0]) for result in pool.run(COLLECTOR_STATE, units)]
    assert counts[0] > 10_000 and abs(counts[1] - counts[0]) < 1_000  # (a frozen object freed leaves the count)
    assert counts[2] > counts[1] + 10_000 and abs(counts[3] - counts[2]) < 1_000
    with workers.Workers(1, Settings()) as pool:
        loaded = [int(result.articles[0].cites[0]) for result in pool.run(COLLECTOR_STATE, units)]
    assert loaded[0] > counts[0] + 10_000


@pytest.mark.parametrize(("count", "overlap"), [(1, True), (2, True)])
def test_a_chunk_is_read_whole_once_and_each_middle_stage_is_given_it_as_the_store_gives_it(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, count: int, overlap: bool
) -> None:
    # Issue 17: a chunk's articles are read whole (text and all) once, for the lead stages; each middle stage is
    # handed them with what the stages before it wrote read again (their columns, mentions and quotes, date
    # mentions: Store.reread), not the chunk read whole again for each. What each is given is what the store gives
    # as it starts (the linking stage's mentions and quotes aside: the quotes stage's, not written yet, put on them).
    targets = [*_write(tmp_path / "invented"), *sorted(seeds_dir.glob("*.txt"))[:3]]
    monkeypatch.setattr(corpus_module, "_ANALYZE_CHUNK", 4)
    whole: list[list[str]] = []  # the ids of each whole read of given articles while the run goes chunk by chunk
    given: list[tuple[str, list[Article], list[Article]]] = []  # (stage, given, as the store gives them)
    read_store, run_stage, by_chunk = Store.articles, Pipeline.run_stage, Corpus._by_chunk
    chunked = []

    def articles(self: Store, ids: Any = None, *, extracts: bool = True) -> Any:
        if chunked == [True] and ids is not None:  # the runner's reads, not a stage's (of stored members)
            whole.append(list(ids))
        return read_store(self, ids, extracts=extracts)

    def run(self: Pipeline, stage: Any, batch: Any, context: Any, **kwargs: Any) -> Any:
        if not chunked or threading.current_thread() is not threading.main_thread():
            return run_stage(self, stage, batch, context, **kwargs)
        if stage.name not in LEAD:
            ids = [a.id for a in batch]
            stored = list(read_store(context.view, ids, extracts=pipeline.reads_extracts(stage)))
            given.append((stage.name, list(batch), stored))
        chunked.append(False)
        try:
            return run_stage(self, stage, batch, context, **kwargs)
        finally:
            chunked.pop()

    def chunk_by_chunk(self: Corpus, *args: Any) -> Any:
        chunked.append(True)
        try:
            return by_chunk(self, *args)
        finally:
            chunked.clear()

    monkeypatch.setattr(Store, "articles", articles)
    monkeypatch.setattr(Pipeline, "run_stage", run)
    monkeypatch.setattr(Corpus, "_by_chunk", chunk_by_chunk)
    with Corpus(Store(tmp_path / "news.db"), settings=_settings(count, overlap=overlap)) as corpus:
        corpus.ingest(targets)
        assert corpus.claims() and corpus.store.query("stances_last")[0]["last"] > 0  # stances were found and stored
        ids = [a["id"] for a in corpus.articles()]
    assert whole == [ids[0:4], ids[4:8], ids[8:11]]  # each chunk once (11 articles, 4 a chunk)
    middle = ["entities", "claims", "stances", "dedupe", "cluster", "origins", "claim_match"]
    assert [name for name, _, _ in given] == middle * 3
    for name, batch, stored in given:
        if name == "entities":  # its chunk's mentions and quotes are the quotes stage's, put on it unwritten
            batch = [dataclasses.replace(a, mentions=(), quotes=()) for a in batch]
            stored = [dataclasses.replace(a, mentions=(), quotes=()) for a in stored]
        assert batch == stored, name
    # What the chunk's stages wrote shows in what the later ones are given: links, duplicates, events.
    assert any(m.entity_id for name, batch, _ in given if name == "claims" for a in batch for m in a.mentions)
    assert any(a.event_id for name, batch, _ in given if name == "origins" for a in batch)
    assert all(not a.mentions and not a.dates for name, batch, _ in given if name == "dedupe" for a in batch)


class _Scripted:
    """A worker's end of its socket that answers polls and reads from scripts: the timing of a busy machine, where
    the greeting arrives after one poll and before the next."""

    def __init__(self, polls: list[bool], messages: list[Any]) -> None:
        self.polls, self.messages = polls, messages

    def poll(self) -> bool:
        return self.polls.pop(0) if self.polls else bool(self.messages)

    def recv(self) -> Any:
        return self.messages.pop(0)


class _Alive:
    def poll(self) -> None:
        return None


def test_a_greeting_arriving_between_two_polls_is_no_reply(monkeypatch: pytest.MonkeyPatch) -> None:
    # The greeting ("ready") came in after the first poll found nothing: read as the task's reply, it failed with
    # "too many values to unpack (expected 3)" and the whole unit's articles (500 in a batch) became failures.
    monkeypatch.setattr(workers, "wait", lambda conns, timeout=None: conns)
    pool = workers.Workers.__new__(workers.Workers)
    pool.settings = Settings()
    pool._slots = []
    task = workers._Task(index=0, part=None, articles=[Article(id="a1", source="t", text="Text.")])
    conn = _Scripted([False], ["ready", ("the result", None, None)])
    pool._slots.append(workers._Worker(_Alive(), conn, task=task))  # type: ignore[arg-type]
    got = []
    for _ in range(3):
        got += list(pool._collect(None))  # type: ignore[arg-type]
        if got:
            break
    assert got == [(task, "the result")]
    assert pool._slots[0].ready and pool._slots[0].task is None


def test_a_pool_started_in_a_thread_that_ends_keeps_its_workers() -> None:
    # The kernel's parent-death signal follows the thread that started a process: a zygote started from a thread
    # (a worker replaced while the per-article stages run ahead, in their thread) was killed when that thread ended,
    # and its workers with it.
    made: list[workers.Workers] = []
    thread = threading.Thread(target=lambda: made.append(workers.Workers(1, Settings(), model=False)))
    thread.start()
    thread.join()
    task = Path(f"/proc/self/task/{thread.native_id}")
    deadline = time.monotonic() + 60
    while task.exists() and time.monotonic() < deadline:  # the thread's end, as the kernel sees it
        time.sleep(0.01)
    with made[0] as pool:
        zygote = pool._zygote
        assert zygote is not None
        with pytest.raises(subprocess.TimeoutExpired):
            zygote.process.wait(timeout=1.0)
        units = [[Article(id="a0", source="x", text="Report 0.")]]
        assert [r.failures for r in pool.run(ORIGIN, units)] == [[]]
        assert pool.lost == 0 and pool._zygote is zygote
