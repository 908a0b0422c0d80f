"""The store's tests run against both backends: every test taking ``store`` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store: SQLite in memory, or a new PostgreSQL database (skipped where no server can start)."""
    if request.param == "sqlite":
        with Store(":memory:") as s:
            yield s
        return
    url = request.getfixturevalue("pg_url")
    with Store(url) as s:
        yield s


@pytest.fixture
def sqlite_store() -> Iterator[Store]:
    """An empty in-memory SQLite store, for what only SQLite has (query plans, an in-memory database)."""
    with Store(":memory:") as s:
        yield s


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new database goes: a SQLite file in a temporary folder, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    url: str = request.getfixturevalue("pg_url")
    return url
