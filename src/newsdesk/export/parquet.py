"""The store as Parquet files, one a table (``newsdesk export --format parquet``), the shape Spark and Ray read.

:func:`write` writes ``articles.parquet``, ``quotes.parquet``, ``mentions.parquet``, ``entities.parquet`` and
``claims.parquet`` into a folder, each with the columns of its table in the store (see docs/export.md), read in
one transaction and written in row groups of ``batch`` rows, so memory stays bounded on a large store. Each file
is written under a temporary name and renamed when whole: a file of the folder is never half written.

pyarrow is an optional extra (``pip install 'newsdesk[parquet]'``), imported only here.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ExtraError, StoreError

if TYPE_CHECKING:
    from newsdesk.corpus import Corpus

__all__ = ["load_pyarrow", "write"]


def load_pyarrow() -> tuple[ModuleType, ModuleType]:
    """``pyarrow`` and ``pyarrow.parquet``.

    Raises:
        ExtraError: pyarrow is not installed.
    """
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise ExtraError("Parquet export (export --format parquet)", "parquet", "pyarrow") from None


def write(corpus: Corpus, folder: Path, *, batch: int = 10_000) -> dict[str, int]:
    """Write every exported table of ``corpus`` to ``folder/TABLE.parquet``; the rows written, by table.

    Raises:
        ExtraError: pyarrow is not installed.
        StoreError: the folder cannot be created or written.
    """
    pa, pq = load_pyarrow()
    types = {"integer": pa.int64(), "real": pa.float64(), "text": pa.string(), "blob": pa.binary()}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the export folder {str(folder)!r}: {exc}") from exc
    written: dict[str, int] = {}
    for table, columns, batches in corpus.export_tables(batch=batch):
        schema = pa.schema([pa.field(name, types[kind]) for name, kind in columns])
        target = folder / f"{table}.parquet"
        partial = target.with_name(f".{target.name}.partial")
        count = 0
        try:
            with _writer(pq, partial, schema) as out:
                for rows in batches:
                    out.write_table(pa.Table.from_pylist(_records(columns, rows), schema=schema))
                    count += len(rows)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise StoreError(f"Cannot write {str(target)!r}: {exc}") from exc
        except BaseException:  # Ctrl-C, or a value Arrow refuses: no half-written file is left behind
            partial.unlink(missing_ok=True)
            raise
        written[table] = count
    return written


@contextlib.contextmanager
def _writer(pq: ModuleType, path: Path, schema: Any) -> Iterator[Any]:
    out = pq.ParquetWriter(str(path), schema, compression="zstd")
    try:
        yield out
    finally:
        out.close()


def _records(columns: list[tuple[str, str]], rows: list[tuple[object, ...]]) -> list[dict[str, object]]:
    names = [name for name, _ in columns]
    return [dict(zip(names, row, strict=True)) for row in rows]
