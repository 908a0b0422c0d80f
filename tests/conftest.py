"""Shared fixtures: the real labelled data beside the repo, an in-memory store, a CLI runner, a home folder."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.corpus import Corpus
from newsdesk.store import Store
from tests import pgserver

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared")).resolve()
DATA = Path(__file__).resolve().parent / "data"


def bench_module(name: str) -> ModuleType:
    """``bench/NAME.py`` loaded as a module (bench/ is not a package), registered as ``newsdesk_bench_NAME``."""
    spec = importlib.util.spec_from_file_location(f"newsdesk_bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def shared_path(*parts: str) -> Path:
    """A path under ../shared; fails (never skips) when it is missing, since the gate depends on it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: clone newsdesk with ../shared beside it (or set NEWSDESK_SHARED).")
    return path


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    """The hand annotations of the five seed articles."""
    data: dict[str, Any] = json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the five real seed articles."""
    return shared_path("seeds")


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory store."""
    with Store(":memory:") as s:
        yield s


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this test run, with a migrated template database; the test
    skips, saying why, where no server can start (see tests/pgserver.py)."""
    with pgserver.server() as (url, why):
        if url is None:
            pytest.skip(f"PostgreSQL tests skipped: {why}")
        import psycopg

        template = pgserver.database_url(url, "newsdesk_template")
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS newsdesk_template")
            admin.execute("CREATE DATABASE newsdesk_template")
        Store(template).close()  # migrated once; each test's database is a copy
        yield url
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS newsdesk_template WITH (FORCE)")


_DATABASES = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """The URL of a new, migrated, empty PostgreSQL database, dropped after the test."""
    import psycopg

    name = f"newsdesk_test_{os.getpid()}_{next(_DATABASES)}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE newsdesk_template")
    yield pgserver.database_url(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def corpus(store: Store) -> Corpus:
    """A corpus over an empty in-memory store."""
    return Corpus(store)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary NEWSDESK_HOME and working folder, with NEWSDESK_* variables cleared."""
    for key in list(os.environ):
        if key.startswith("NEWSDESK_") and key != "NEWSDESK_SHARED":
            monkeypatch.delenv(key)
    monkeypatch.setenv("NEWSDESK_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cli(home: Path) -> CliRunner:
    """A click runner inside the temporary home."""
    return CliRunner()
