"""``newsdesk export --format parquet``: every exported table read back with pyarrow equals the store's table."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import cli
from newsdesk.corpus import Corpus
from newsdesk.errors import ExtraError
from newsdesk.export import parquet
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.store import Store
from tests.test_workers import _write

TABLES = ("articles", "quotes", "mentions", "entities", "claims")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the invented articles, analysed in one process."""
    folder = tmp_path_factory.mktemp("export")
    db = folder / "news.db"
    with Corpus(Store(db), settings=Settings(pipeline=PipelineSettings(workers=1))) as corpus:
        corpus.ingest(_write(folder / "invented"))
    return db


def _store_table(db: Path, table: str) -> tuple[list[str], list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        declared = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        names = [n for n in declared if not (table == "articles" and n == "raw")]
        quoted = ", ".join(f'"{n}"' for n in names)
        return names, [tuple(r) for r in conn.execute(f"SELECT {quoted} FROM {table} ORDER BY rowid")]
    finally:
        conn.close()


def test_parquet_export_reads_back_as_the_store(stored: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed: pip install -e '.[parquet]'")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["--db", str(stored), "export", "--format", "parquet", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    for table in TABLES:
        names, rows = _store_table(stored, table)
        read = pq.read_table(out / f"{table}.parquet")
        assert read.column_names == names, table
        assert read.num_rows == len(rows) > 0, table
        back = [tuple(r[n] for n in names) for r in read.to_pylist()]
        assert back == rows, table
    assert "raw" not in pq.read_table(out / "articles.parquet").column_names
    quotes = pq.read_table(out / "quotes.parquet")
    assert str(quotes.schema.field("start").type) == "int64"
    assert str(quotes.schema.field("confidence").type) == "double"


def test_parquet_export_in_small_row_groups(stored: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed: pip install -e '.[parquet]'")
    with Corpus(Store(stored)) as corpus:
        written = parquet.write(corpus, tmp_path / "small", batch=7)
    _, rows = _store_table(stored, "mentions")
    assert written["mentions"] == len(rows) > 7
    meta = pq.ParquetFile(tmp_path / "small" / "mentions.parquet").metadata
    assert meta.num_row_groups == -(-len(rows) // 7)
    assert not list((tmp_path / "small").glob(".*partial"))


def test_export_without_pyarrow_says_how_to_install(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ExtraError, match=r"pip install 'newsdesk\[parquet\]'"):
        parquet.load_pyarrow()
    result = CliRunner().invoke(cli, ["--db", str(stored), "export", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "pip install 'newsdesk[parquet]'" in result.output
    assert not (tmp_path / "out").exists()


def test_every_exported_column_is_documented(stored: Path) -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "export.md").read_text(encoding="utf-8")
    for table in TABLES:
        section = docs.split(f"### `{table}.parquet`", 1)[1].split("\n### ", 1)[0]
        names, _ = _store_table(stored, table)
        for name in names:
            assert f"`{name}`" in section, (table, name)


def test_a_failed_write_leaves_no_partial_file(stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed: pip install -e '.[parquet]'")

    def refuse(columns: list[tuple[str, str]], rows: list[tuple[object, ...]]) -> list[dict[str, object]]:
        raise ValueError("a value Arrow refuses")

    monkeypatch.setattr(parquet, "_records", refuse)
    with Corpus(Store(stored)) as corpus, pytest.raises(ValueError):
        parquet.write(corpus, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
