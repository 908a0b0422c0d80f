"""Rendered pages are served again until the database changes, never after, and never for an in-memory store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.settings import Settings, WebSettings
from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.cache import PageCache
from newsdesk.web.page import Page
from newsdesk.web.security import CONTENT_SECURITY_POLICY
from newsdesk.web.views import stories

BODY = "The ferry operator on the northern crossing added two sailings a day after a month of complaints."


def _write(folder: Path, name: str, words: str) -> Path:
    path = folder / name
    path.write_text(json.dumps({"text": f"{BODY} {words}", "title": words, "outlet": "Ferry Gazette"}) + "\n")
    return path


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the stories view ran (create_app takes the view from the module when it is built)."""
    calls = [0]
    real = stories.index

    def index(corpus: Corpus, request: Request) -> Page:
        calls[0] += 1
        return real(corpus, request)

    monkeypatch.setattr(stories, "index", index)
    return calls


def _articles(client: TestClient, path: str = "/index.json") -> Any:
    response = client.get(path)
    assert response.status_code == 200
    return response.json()["articles"] if path.endswith(".json") else response


def test_a_page_is_computed_once_until_another_connection_commits(tmp_path: Path, counted: list[int]) -> None:
    db = tmp_path / "news.db"
    with open_corpus(db) as writer:
        writer.ingest([_write(tmp_path, "a.jsonl", "first sailing")], analyze=False)
    with open_corpus(db) as corpus, TestClient(create_app(corpus), base_url="http://127.0.0.1") as client:
        assert _articles(client) == 1 and _articles(client) == 1
        assert counted[0] == 1  # the second answer was the kept page
        page = client.get("/")
        assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        again = client.get("/")
        assert again.content == page.content and again.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert counted[0] == 2  # the HTML page and its JSON twin are kept apart
        with open_corpus(db) as other:  # another process's ingest, as far as SQLite can tell
            other.ingest([_write(tmp_path, "b.jsonl", "second sailing")], analyze=False)
        assert _articles(client) == 2
        assert counted[0] == 3


def test_no_page_is_kept_for_a_database_in_memory(counted: list[int], tmp_path: Path) -> None:
    with Corpus(Store(":memory:")) as corpus, TestClient(create_app(corpus), base_url="http://127.0.0.1") as client:
        assert _articles(client) == 0
        corpus.ingest([_write(tmp_path, "a.jsonl", "first sailing")], analyze=False)
        assert _articles(client) == 1
        assert counted[0] == 2


def test_cache_mb_zero_keeps_nothing(tmp_path: Path, counted: list[int]) -> None:
    db = tmp_path / "news.db"
    settings = Settings(web=WebSettings(cache_mb=0))
    with open_corpus(db, settings=settings) as corpus, TestClient(create_app(corpus), base_url="http://127.0.0.1") as c:
        _articles(c), _articles(c)
        assert counted[0] == 2


def test_only_whole_successful_pages_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with open_corpus(db) as corpus:
        cache = PageCache(corpus, max_bytes=1000, max_entry=600)
        request = Request({"type": "http", "path": "/x", "query_string": b"q=1", "headers": []})
        key = cache.key(request)
        assert key is not None and key[1] == "/x?q=1"
        cache.put(key, Response(b"missing", status_code=404))
        cache.put(key, Response(b"x" * 700))  # over max_entry
        assert cache.get(key) is None
        cache.put(key, Response(b"kept", media_type="text/plain"))
        hit = cache.get(key)
        assert hit is not None and hit.body == b"kept" and hit.headers["content-type"].startswith("text/plain")
        for i in range(3):  # 3 x 500 bytes > max_bytes: the least recently used goes first
            cache.put((key[0], f"/p{i}"), Response(b"y" * 500))
        assert cache.get((key[0], "/p0")) is None and cache.get((key[0], "/p2")) is not None
        cache.close()
