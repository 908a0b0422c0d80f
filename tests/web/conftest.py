"""Web fixtures: the demo corpus in a file database, a hostile corpus, a corpus with quotes and entities,
test clients over them, and a live server on loopback for the browser tests."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.demo import corpus_path
from newsdesk.web import create_app

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


class SpeechCorpus(Corpus):
    """A corpus with the planned quotes and entities facade, answered by simple rules over the stored text:
    every “curly-quoted” passage is a quote by Ilse Varga, and every "Varga" a mention of her."""

    VARGA = "e-varga"

    def quotes(self, *, article_id: str | None = None, speaker: str | None = None) -> list[dict[str, Any]]:
        ids = [article_id] if article_id else [a["id"] for a in self.articles()]
        found = []
        for article in self.records(ids):
            for m in re.finditer(r"“([^”]{10,})”", article.text):
                found.append(
                    {
                        "id": f"q-{article.id}-{m.start(1)}",
                        "article_id": article.id,
                        "text": m.group(1),
                        "start": m.start(1),
                        "end": m.end(1),
                        "speaker": "Ilse Varga",
                        "speaker_kind": "person",
                        "speaker_entity_id": self.VARGA,
                        "speaker_start": None,
                        "speaker_end": None,
                        "cue": "said",
                        "via": ["Veloria Ledger"] if "the Ledger" in article.text else [],
                        "confidence": 0.9,
                    }
                )
        return found

    def mentions(self, article_id: str) -> list[dict[str, Any]]:
        text = self.article(article_id).text
        return [
            {"entity_id": self.VARGA, "start": m.start(), "end": m.end(), "text": m.group(0)}
            for m in re.finditer(r"Varga", text)
        ]

    def entities(self) -> list[dict[str, Any]]:
        return [
            {
                "id": self.VARGA,
                "name": "Ilse Varga",
                "type": "PERSON",
                "aliases": ["Varga", "Water Minister Ilse Varga"],
                "mentions": 1,
                "articles": 1,
                "roles": ["Water Minister"],
            }
        ]

    def entity(self, entity_id: str) -> dict[str, Any]:
        from newsdesk.errors import NotFoundError

        if entity_id != self.VARGA:
            raise NotFoundError(f"No entity with id {entity_id!r}.")
        spans = [{**m, "article_id": a["id"]} for a in self.articles() for m in self.mentions(a["id"])]
        return {**self.entities()[0], "mention_spans": spans, "quotes": self.quotes()}


@pytest.fixture(scope="session")
def speech_corpus(demo_db: Path) -> Iterator[SpeechCorpus]:
    from newsdesk.store import Store

    with SpeechCorpus(Store(demo_db)) as corpus:
        yield corpus


@pytest.fixture(scope="session")
def speech_client(speech_corpus: SpeechCorpus) -> Iterator[TestClient]:
    with TestClient(create_app(speech_corpus)) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_url(hostile_db: Path, demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The UI served by uvicorn on loopback over the demo corpus plus the hostile articles, with quotes and
    entities (so that the user path reaches entity pages)."""
    tmp = tmp_path_factory.mktemp("live")
    source = tmp / "hostile.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE), encoding="utf-8")
    path = _db(tmp, "live", [corpus_path(), source])
    from newsdesk.store import Store

    with SpeechCorpus(Store(path)) as corpus:
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
