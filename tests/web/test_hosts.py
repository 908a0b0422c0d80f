"""The UI answers only requests addressed to it by a loopback name, its own address or an allowed name: a page on
another site cannot read it through DNS rebinding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from newsdesk.corpus import Corpus, open_corpus
from newsdesk.settings import Settings, WebSettings
from newsdesk.web import create_app
from newsdesk.web.hosts import split_host
from tests.web.conftest import running


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("localhost", ("localhost", None)),
        ("LocalHost:8000", ("localhost", 8000)),
        ("[::1]", ("[::1]", None)),
        ("[::1]:8000", ("[::1]", 8000)),
        ("127.0.0.1:80", ("127.0.0.1", 80)),
        ("evil.example:x", ("evil.example:x", None)),
    ],
)
def test_split_host(value: str, expected: tuple[str, int | None]) -> None:
    assert split_host(value) == expected


def test_issue_hardening_other_hosts_are_refused(client: TestClient) -> None:
    for url in ("/index.json", "/search.json?q=dam", "/"):
        response = client.get(url, headers={"host": "attacker.example"})
        assert response.status_code == 400, url
        assert "attacker.example" in response.text and "--allow-host" in response.text
    refused = client.get("/index.json", headers={"host": "attacker.example"}).json()
    assert refused["ok"] is False and refused["status"] == 400
    page = client.get("/", headers={"host": "attacker.example"})
    assert page.headers["content-type"].startswith("text/plain")  # the name is not echoed into HTML
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/", headers={"host": "localhost:8080"}).status_code == 400  # another port: another server
    for host in ("testserver", "localhost", "127.0.0.1", "[::1]", "localhost:80"):
        assert client.get("/index.json", headers={"host": host}).status_code == 200, host


@pytest.fixture
def allowing(demo_db: Path) -> Iterator[Corpus]:
    settings = Settings(web=WebSettings(allowed_hosts=("news.example", "desk.example:9000")))
    with open_corpus(demo_db, settings=settings) as corpus:
        yield corpus


def test_allowed_hosts_setting_and_argument(allowing: Corpus) -> None:
    with TestClient(create_app(allowing)) as client:
        assert client.get("/index.json", headers={"host": "news.example:1234"}).status_code == 200
        assert client.get("/index.json", headers={"host": "desk.example:9000"}).status_code == 200
        assert client.get("/index.json", headers={"host": "desk.example:9001"}).status_code == 400
    with TestClient(create_app(allowing, allowed_hosts=["*"])) as client:
        assert client.get("/index.json", headers={"host": "anything.example"}).status_code == 200


def test_issue_hardening_a_real_server_refuses_other_hosts(demo_corpus: Corpus) -> None:
    with running(create_app(demo_corpus)) as base:
        port = int(base.rsplit(":", 1)[1])
        with httpx.Client(base_url=base, timeout=10) as http:
            assert http.get("/index.json").status_code == 200
            assert http.get("/index.json", headers={"host": f"localhost:{port}"}).status_code == 200
            refused = http.get("/index.json", headers={"host": f"attacker.example:{port}"})
            assert refused.status_code == 400 and refused.json()["ok"] is False
            assert http.get("/", headers={"host": "attacker.example"}).status_code == 400
            assert http.get("/", headers={"host": f"127.0.0.1:{port + 1}"}).status_code == 400
