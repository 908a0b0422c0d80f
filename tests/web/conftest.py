"""Web fixtures: the demo corpus in a file database, a hostile corpus, the demo corpus without quotes and
entities, test clients over them, and a live server on loopback for the browser tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from starlette.testclient import TestClient
from starlette.types import ASGIApp

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.demo import corpus_path
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.web import create_app
from newsdesk.web.server import listen

# An article written to attack the page that shows it: markup in every field, script URLs, event handlers.
HOSTILE_TEXT = (
    "Harbour officials said <script>window.__pwned = 'script';alert('script')</script> the crane strike "
    "continued on Monday. <img src=x onerror=\"window.__pwned='img';alert('img')\"> Dockers at Saltmere "
    "voted again. <a href=\"javascript:alert('link')\">Read the union statement</a> and "
    "<svg onload=\"window.__pwned='svg'\"></svg> <iframe src=\"javascript:alert('frame')\"></iframe> "
    '"We will not go back," a union steward said. </textarea></title><script>alert(1)</script> '
    "<style>body{display:none}</style> The port authority said talks would resume on Friday."
)
HOSTILE = [
    {
        "title": "<script>alert('title')</script>Crane strike <img src=x onerror=alert('t')>",
        "outlet": "<b onmouseover=\"alert('outlet')\">Evil Gazette</b>",
        "url": "javascript:alert('url')",
        "published": "2026-05-11T10:00:00+00:00",
        "text": HOSTILE_TEXT,
    },
    {
        "title": "Crane strike at Saltmere <svg onload=alert('x')>",
        "outlet": "Harbour Gazette",
        "url": "https://harbour.example/crane-strike",
        "published": "2026-05-12T10:00:00+00:00",
        "text": HOSTILE_TEXT.replace("Monday", "Tuesday"),
    },
]


def _db(tmp: Path, name: str, sources: list[Path]) -> Path:
    path = tmp / f"{name}.db"
    with open_corpus(path) as corpus:
        report = corpus.ingest(sources)
        assert report.added and not [f for f in report.failures if f.stage != "ingest"], report.failures
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file database holding the analysed demo corpus."""
    return _db(tmp_path_factory.mktemp("web"), "demo", [corpus_path()])


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file database holding the hostile articles, analysed (they form a story)."""
    tmp = tmp_path_factory.mktemp("hostile")
    source = tmp / "hostile.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE), encoding="utf-8")
    return _db(tmp, "hostile", [source])


@pytest.fixture(scope="session")
def demo_corpus(demo_db: Path) -> Iterator[Corpus]:
    with open_corpus(demo_db) as corpus:
        yield corpus


@pytest.fixture(scope="session")
def client(demo_corpus: Corpus) -> Iterator[TestClient]:
    """A client over the demo corpus; server errors are answered, not raised, as a browser would see them."""
    with TestClient(create_app(demo_corpus), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_client(hostile_db: Path) -> Iterator[TestClient]:
    with open_corpus(hostile_db) as corpus, TestClient(create_app(corpus)) as c:
        yield c


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    with open_corpus(tmp_path / "empty.db") as corpus, TestClient(create_app(corpus)) as c:
        yield c


@pytest.fixture(scope="session")
def bare_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client over the demo corpus analysed without the quotes and entities stages."""
    settings = Settings(pipeline=PipelineSettings(stages=("cites", "dates", "dedupe", "cluster", "origins")))
    path = tmp_path_factory.mktemp("bare") / "bare.db"
    with open_corpus(path, settings=settings) as corpus:
        corpus.ingest([corpus_path()])
        with TestClient(create_app(corpus)) as c:
            yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running(app: ASGIApp) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1 (a free port) in a thread; yields its base URL, stops it after."""
    sock = listen("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def live_url(hostile_db: Path, demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The UI served by uvicorn on loopback over the demo corpus plus the hostile articles."""
    tmp = tmp_path_factory.mktemp("live")
    source = tmp / "hostile.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE), encoding="utf-8")
    path = _db(tmp, "live", [corpus_path(), source])
    with open_corpus(path) as corpus:
        config = uvicorn.Config(create_app(corpus), host="127.0.0.1", port=free_port(), log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{server.config.port}"
        server.should_exit = True
        thread.join(timeout=10)
