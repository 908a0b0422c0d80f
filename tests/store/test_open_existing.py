"""``Store(path, create=False)`` opens a database that exists and never makes one: a missing file fails where SQLite
opens it (no window between a check and the connect), and ``~`` names the home folder for the open as for the
check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsdesk.errors import StoreError
from newsdesk.store import Store


def test_a_file_gone_after_any_check_is_refused_at_the_open_not_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(tmp_path / "real.db").close()
    gone = tmp_path / "gone.db"
    # Whatever a look at the file says (here: a database, as real.db is), the file is missing when SQLite opens
    # it, as when it is removed between a check and the connect.
    stat = Path.stat

    def looks_there(self: Path, **kwargs: bool) -> os.stat_result:
        return stat(tmp_path / "real.db", **kwargs) if self.name == "gone.db" else stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", looks_there)
    with pytest.raises(StoreError, match=r"No newsdesk database at .*gone\.db.*: nothing has been ingested there"):
        Store(gone, create=False)
    monkeypatch.undo()
    assert not gone.exists()


def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    empty = tmp_path / "notes.txt"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="No newsdesk database at"):
        Store(empty, create=False)
    assert empty.stat().st_size == 0


def test_a_database_under_the_home_folder_is_opened_by_its_tilde_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)  # where a "~" folder, read literally, does not exist
    with Store(home / "news.db") as made:
        made.conn.execute("INSERT INTO counters (name, value) VALUES ('mark:x', 1)")
    with Store("~/news.db", create=False) as store:
        assert store.conn.execute("SELECT value FROM counters WHERE name = 'mark:x'").fetchone()[0] == 1
    with Store("~/other.db") as created:  # made in the home folder, not in a folder named "~"
        assert created.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert (home / "other.db").is_file() and not (tmp_path / "~").exists()


@pytest.mark.parametrize("folder", ["a#b", "a?b", "a%20b", "a b"])
def test_is_marked_reads_the_file_named_whatever_its_folder_holds(tmp_path: Path, folder: str) -> None:
    # A "?" or "#" in a file: URI's path is its query or fragment unless encoded: SQLite would read another file
    # ("a" here), read-write, and make it.
    (tmp_path / folder).mkdir()
    store = Store(tmp_path / folder / "news.db")
    store.mark("demo")
    store.close()
    assert Store.is_marked(tmp_path / folder / "news.db", "demo")
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]


def test_a_folder_given_as_the_database_is_no_database(tmp_path: Path) -> None:
    # "--db ~/news" for "--db ~/news/news.db": said as no database there, not as a file that is no SQLite database.
    with pytest.raises(StoreError, match="No newsdesk database at"):
        Store(tmp_path, create=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", [":memory:", ""])
def test_a_store_in_memory_has_nothing_to_read(path: str) -> None:
    # SQLite's ":memory:" opens empty: a read command given one says so rather than answering from a new, empty
    # store; "" names no file either.
    with pytest.raises(StoreError, match="holds nothing to read"):
        Store(path, create=False)
    if path:
        Store(path).close()  # (the Python API's default still makes one)


def test_a_read_command_on_a_store_in_memory_exits_with_the_reason() -> None:
    from click.testing import CliRunner

    from newsdesk.cli import cli

    result = CliRunner().invoke(cli, ["--db", ":memory:", "stories"])
    assert result.exit_code != 0 and "holds nothing to read" in result.output
