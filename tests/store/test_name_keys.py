"""The stored names' word keys (decision 0098): written once a name is stored, read by the next run's entities stage
rather than worked out again, written anew for a store made before them or by other rules, the same links either way.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from newsdesk.corpus import open_corpus
from newsdesk.demo import corpus_path
from newsdesk.extract import entities
from newsdesk.store import Store


def _files(prefix: str) -> list[Path]:
    return sorted(p for p in corpus_path().iterdir() if p.name.startswith(prefix) and p.suffix in (".txt", ".html"))


def _links(db: Path) -> tuple[list[Any], ...]:
    """What linking stored: the entities in their order, each mention's entity, each quote's speaker's."""
    with sqlite3.connect(db) as conn:
        return (
            conn.execute(
                "SELECT id, name, type, aliases, roles, mentions, articles FROM entities ORDER BY rowid"
            ).fetchall(),
            conn.execute(
                "SELECT article_id, start, end, type, entity_id FROM mentions ORDER BY article_id, start"
            ).fetchall(),
            conn.execute("SELECT id, speaker_kind, speaker_entity_id FROM quotes ORDER BY id").fetchall(),
        )


def _kept(db: Path) -> tuple[str | None, dict[str, dict[str, str]]]:
    with open_corpus(db) as corpus:
        return corpus.store.name_keys()


def _aliases(db: Path) -> set[str]:
    with open_corpus(db) as corpus:
        return {alias for e in corpus.store.entities() for alias in e.aliases}


def _in_two_runs(db: Path) -> None:
    with open_corpus(db) as corpus:
        corpus.ingest(_files("a"))
    with open_corpus(db) as corpus:
        corpus.ingest(_files("b"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[list[Any], ...]]:
    """The demo articles ingested in two runs, the second reading the keys the first kept."""
    db = tmp_path_factory.mktemp("reference") / "news.db"
    _in_two_runs(db)
    return db, _links(db)


def test_every_stored_name_has_its_keys_kept_under_the_rules_version(
    reference: tuple[Path, tuple[list[Any], ...]],
) -> None:
    db, _ = reference
    version, kept = _kept(db)
    assert version == entities.keys_version()
    names = _aliases(db)
    assert names and names <= set(kept["split"])
    # Each kept answer is the one the rules give.
    for name in names:
        assert kept["split"][name] == " ".join(entities._split(name))
        assert kept["type_key"][name] == entities._type_key(name)
        assert kept["family_first"][name] == ("1" if entities.family_first(name) else "")
    for word, answer in kept["sound"].items():
        assert answer == entities.sound(word)


def _given_when_let_go(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The names whose split the functions had been given each time a run lets its given answers go."""
    seen: list[set[str]] = []
    let_go = entities.let_go_keys

    def spied() -> None:
        seen.append(set(entities._GIVEN["_split"]))
        let_go()

    monkeypatch.setattr(entities, "let_go_keys", spied)
    return seen


def test_a_run_takes_the_kept_keys_rather_than_work_them_out(
    reference: tuple[Path, tuple[list[Any], ...]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        corpus.ingest(_files("a"))
        stored = {alias for e in corpus.store.entities() for alias in e.aliases}
    given = entities._GIVEN["_split"]
    for name in stored:
        given.pop(name, None)
    seen = _given_when_let_go(monkeypatch)
    with open_corpus(db) as corpus:
        corpus.ingest(_files("b"))
    assert stored and seen and stored <= seen[0]
    assert _links(db) == reference[1]


def test_a_run_lets_go_of_the_given_keys_once_its_first_batch_is_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of two articles: the run's later batches link with nothing given (a word cache emptied works its
    # answers out again, the same ones).
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        corpus.ingest(_files("a"))
    seen = _given_when_let_go(monkeypatch)
    monkeypatch.setattr("newsdesk.corpus._ANALYZE_CHUNK", 2)
    with open_corpus(db) as corpus:
        corpus.ingest(_files("b"))
    # Let go once, after the first batch, and nothing held after the run (a long-lived process keeps none).
    assert len(seen) == 1 and seen[0]
    assert not any(entities._GIVEN.values())


@pytest.mark.parametrize("step", ["__init__", "link_articles"])
def test_a_run_whose_first_build_or_linking_raises_holds_no_given_keys_after_it(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The run's only batch fails as the Linker is built from the store or as it links (its articles recorded as
    # failed, the run goes on and ends; an interrupt there is the same path): the answers given for it are let go all
    # the same, not held by the process until another run gives its own.
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        corpus.ingest(_files("a"))
    seen = _given_when_let_go(monkeypatch)

    def fails(*args: Any, **kwargs: Any) -> Any:
        assert any(entities._GIVEN.values())  # given by this run
        raise RuntimeError(f"{step} failed")

    monkeypatch.setattr(entities.Linker, step, fails)
    with open_corpus(db) as corpus:
        corpus.ingest(_files("b"))
    assert seen and seen[0]
    assert not any(entities._GIVEN.values())


def test_a_given_answer_let_go_by_another_thread_while_asked_is_worked_out() -> None:
    # Another thread's run lets its given answers go (or gives its own) just as this one looks one up: between the
    # look and the take, here simulated by a dict that empties itself once asked whether it holds an argument.
    class Emptied(dict[Any, Any]):
        def __contains__(self, key: object) -> bool:
            held = super().__contains__(key)
            self.clear()
            return held

    name = "_racing_probe"
    entities._GIVEN[name] = Emptied({"word": "GIVEN"})
    try:

        @entities._remembered(8)
        def _racing_probe(word: str) -> str:
            return word.upper()

        assert _racing_probe("word") in ("GIVEN", "WORD")
    finally:
        del entities._GIVEN[name]


def test_a_store_made_before_the_keys_links_the_same_after_its_migration(
    reference: tuple[Path, tuple[list[Any], ...]], tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        corpus.ingest(_files("a"))
        # As a store made before decision 0098 is: no table of keys, its migration not applied.
        corpus.store.conn.execute("DROP TABLE name_keys")
        corpus.store.conn.execute("DELETE FROM _migrations WHERE name = 'm032_name_keys'")
        corpus.store.conn.commit()
    with open_corpus(db) as corpus:  # m032 runs on open: no key kept
        assert corpus.store.name_keys() == (None, {})
        corpus.ingest(_files("b"))
    assert _links(db) == reference[1]
    version, kept = _kept(db)
    assert version == entities.keys_version() and _aliases(db) <= set(kept["split"])


def test_keys_kept_by_other_rules_are_not_read_and_are_written_anew(
    reference: tuple[Path, tuple[list[Any], ...]], tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        corpus.ingest(_files("a"))
        name = next(alias for e in corpus.store.entities() for alias in e.aliases if " " in alias)
        words = entities._split(name)
        # Keys of an older version of the rules, one of them not what today's rules give.
        conn = corpus.store.conn
        conn.execute("UPDATE name_keys SET answers = 'older' WHERE chunk = 0")
        conn.execute("INSERT INTO name_keys VALUES (99, 'split', ?)", (json.dumps({name: "Nobody"}),))
        conn.commit()
    entities._GIVEN["_split"].pop(name, None)
    entities._split.cache_clear()
    with open_corpus(db) as corpus:
        corpus.ingest(_files("b"))
    assert entities._split(name) == words
    assert _links(db) == reference[1]
    version, kept = _kept(db)
    assert version == entities.keys_version() and kept["split"][name] == " ".join(words)


def test_given_keys_are_the_functions_answers() -> None:
    names = ["Lam Wai-Kit", "Dr. Anna Holt-Brennan", "Wang Fuk Court", "Zelenskyy", "Ministry of Health Ltd", "U.N."]
    by = entities.name_keys(names)
    expected = {name: (entities._split(name), entities._parts(name), entities.family_first(name)) for name in names}
    words = {w for name in names for w in entities._split(name)}
    assert set(by["skeleton"]) >= words and set(by["sound"]) >= words
    for fn in ("_split", "_parts", "family_first", "_last", "_type_key", "skeleton", "sound", "_letters"):
        entities._GIVEN[fn].clear()
    assert entities.give_keys(by) == set(names)
    for fn in (entities._split, entities._parts, entities.family_first, entities.skeleton, entities.sound):
        fn.cache_clear()
    # Answered from what was given (the same answers), each word's too.
    assert {name: (entities._split(name), entities._parts(name), entities.family_first(name)) for name in names} == (
        expected
    )
    assert entities._GIVEN["_split"]["Lam Wai-Kit"] == ("Lam", "Wai-Kit")
    assert entities._GIVEN["family_first"]["Lam Wai-Kit"] is True
    assert entities._GIVEN["_parts"]["U.N."] == expected["U.N."][1]
    assert all(entities._GIVEN["skeleton"][w] == entities.skeleton(w) for w in words)


def test_rules_whose_source_cannot_be_read_never_read_kept_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    version = entities.keys_version()
    # Neither the loader nor the file system could read the module's bytes as it was imported.
    monkeypatch.setattr(entities, "_RULES_DIGEST", None)
    entities.keys_version.cache_clear()
    try:
        first = entities.keys_version()
        entities.keys_version.cache_clear()
        assert len({first, entities.keys_version(), version}) == 3
    finally:
        entities.keys_version.cache_clear()


def test_the_version_is_of_the_rules_imported_not_of_a_file_changed_since(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """newsdesk upgraded while a process runs (``serve``, a long ingest): the process still runs the rules it
    imported, and keys it works out must be kept under their version, not the new file's (which a process of the new
    rules would take as its own and read)."""
    entities.keys_version.cache_clear()
    version = entities.keys_version()
    upgraded = tmp_path / "entities.py"
    upgraded.write_bytes(Path(entities.__file__).read_bytes() + b"\n# a rule changed by the upgrade\n")
    monkeypatch.setattr(entities, "__file__", str(upgraded))
    entities.keys_version.cache_clear()  # first asked after the upgrade
    try:
        assert entities.keys_version() == version
    finally:
        entities.keys_version.cache_clear()


def test_rules_imported_from_a_zip_archive_have_their_version_in_every_process(tmp_path: Path) -> None:
    """A zip archive's module has no file to read (its path runs through the archive): its bytes are read through
    the loader that imported it, so each process of one install has the version a source install has, and a run
    reads the keys an earlier run kept (before, each process had a version of its own: every run wrote every stored
    name's keys anew and never read them)."""
    package = Path(entities.__file__).parents[1]
    archive = tmp_path / "newsdesk.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, path.relative_to(package.parent).as_posix())
    ask = "from newsdesk.extract import entities as e; print(e.__file__); print(e.keys_version())"
    env = {**os.environ, "PYTHONPATH": str(archive)}
    answers = [
        subprocess.run(
            [sys.executable, "-c", ask], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert all(where.startswith(str(archive)) for where, _ in answers)
    assert [version for _, version in answers] == [entities.keys_version()] * 2


# Names as news writes them, in many scripts, with particles, hyphens, apostrophes, titles, marks and odd spacing.
_NAMES = [
    "Lam Wai-Kit",
    "Moon Jae-in",
    "Dr. Anna Holt-Brennan",
    "Ludwig van Beethoven",
    "Charles de Gaulle",
    "Abd al-Rahman",
    "O'Brien",
    "D’Arcy O’Neill",
    "Al-Mamun",
    "Zelenskyy",
    "Володимир Зеленський",
    "Σωκράτης Ξενοφών",
    "李克强",
    "محمد بن سلمان",
    "Müller-Lüdenscheidt GmbH",
    "Ngô Đình Diệm",
    "İstanbul",
    "ǅemal Bijedić",
    "ﬁnance Ltd",
    "Warner Bros.",
    "Ministry of Health Ltd",
    "U.N.",
    "theTelegraph",
    "President Joe Biden",
    "  spaced  name ",
    "-",
    "’’",
    "x\u00a0y",
    "a\u2003b",
    "Straße",
    "Øystein Ødegaard",
    "Ⅻ Legion",
    "ｆｕｌｌ width",
    "e\u0301cole",
    "Tsybulsky",
    "Hong Fuk Court Estate",
]
_LETTERS = "abcdeghijklmnoprstuvwyzABCDJKMNOSTWZ-'’. éüøłŁıİßǆΣσςЖжйЁ李ـاٌ\u0301\u00a0"


def _many_names(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return _NAMES + ["".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 24))) for _ in range(n)]


_KEPT = {
    "split": entities._split,
    "parts": entities._parts,
    "family_first": entities.family_first,
    "last": entities._last,
    "type_key": entities._type_key,
    "skeleton": entities.skeleton,
    "sound": entities.sound,
    "letters": entities._letters,
}


def _forget() -> None:
    for given in entities._GIVEN.values():
        given.clear()
    for fn in _KEPT.values():
        fn.cache_clear()


def test_the_word_caches_answer_what_the_functions_do_for_keys_kept_in_the_store(store: Store) -> None:
    """Over a few thousand names, the keys written to the store (on SQLite and PostgreSQL), read back and given are
    the answers the functions work out with nothing given, of the same kinds, for every argument kept."""
    names = _many_names(2000, seed=17)
    _forget()
    keys = entities.name_keys(names)
    expected = {fn: {arg: _KEPT[fn](arg) for arg in answers} for fn, answers in keys.items()}
    store.update([], stage="entities", state={"name_keys": ("v1", keys, True)}, produces=())
    version, kept = store.name_keys()
    assert version == "v1" and kept == keys
    _forget()
    try:
        assert entities.give_keys(kept) == set(names)
        for fn, answers in expected.items():
            given = entities._GIVEN[_KEPT[fn].__name__]
            assert {arg: given[arg] for arg in answers} == answers
            assert all(type(given[arg]) is type(answer) for arg, answer in answers.items())
            _KEPT[fn].cache_clear()
            assert {arg: _KEPT[fn](arg) for arg in answers} == answers
    finally:
        _forget()


def test_a_fresh_write_lets_go_of_keys_kept_before_and_later_chunks_add_to_it(store: Store) -> None:
    first = entities.name_keys(["Anna Holt"])
    later = entities.name_keys(["Lam Wai-Kit"])
    store.update([], stage="entities", state={"name_keys": ("old", first, True)}, produces=())
    store.update([], stage="entities", state={"name_keys": ("new", later, True)}, produces=())
    assert store.name_keys() == ("new", later)
    store.update([], stage="entities", state={"name_keys": ("new", first, False)}, produces=())
    version, kept = store.name_keys()
    assert version == "new" and set(kept["split"]) == {"Anna Holt", "Lam Wai-Kit"}


def test_a_batch_whose_write_fails_leaves_no_key_of_it(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The keys are written in the transaction of the batch's entities and done marks: a write that fails after
    them (a crash, a full disk) leaves the keys kept before as they were, never a half-written batch to read."""
    before = entities.name_keys(["Anna Holt"])
    store.update([], stage="entities", state={"name_keys": ("v1", before, True)}, produces=())
    save = Store._save_state

    def fails_after(self: Store, conn: Any, state: Any) -> None:
        save(self, conn, state)
        raise OSError("disk full")

    monkeypatch.setattr(Store, "_save_state", fails_after)
    with pytest.raises(OSError):
        store.update([], stage="entities", state={"name_keys": ("v2", entities.name_keys(["Lam Wai-Kit"]), True)})
    assert store.name_keys() == ("v1", before)
