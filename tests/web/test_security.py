"""Hostile article content stays text: escaped everywhere, no script links, a strict Content-Security-Policy."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from newsdesk.report.links import safe_url
from newsdesk.web.security import CONTENT_SECURITY_POLICY


def _pages(client: TestClient) -> dict[str, str]:
    stories = client.get("/index.json").json()["stories"]
    story = client.get(f"/stories/{stories[0]['id']}.json").json()
    urls = ["/", f"/stories/{story['id']}", "/search?q=crane", f"/stories/{story['id']}/brief.html"]
    urls += [f"/stories/{story['id']}/{name}" for name in story["sections"]]
    listed = client.get(f"/stories/{story['id']}/articles.json").json()["items"]
    urls += [f"/articles/{a['id']}" for a in listed]
    return {url: client.get(url).text for url in urls}


def test_hostile_markup_is_escaped_on_every_page(hostile_client: TestClient) -> None:
    pages = _pages(hostile_client)
    assert len(pages) >= 5
    for url, html in pages.items():
        assert not re.search(r"<script", html, re.IGNORECASE), url
        assert not re.search(r"<(img|svg|iframe|style|b)\b[^>]*\bon\w+=", html, re.IGNORECASE), url
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE), url
        assert "<iframe" not in html and "<style>body{display:none}" not in html, url
    article = next(html for url, html in pages.items() if url.startswith("/articles/") and "Evil Gazette" in html)
    shown = re.sub(r"<[^>]+>", "", article)  # the text as read, whatever marks quotes and mentions
    assert "&lt;script&gt;window.__pwned" in shown  # shown as text, as the article wrote it
    assert "&lt;b onmouseover=" in article
    assert "(not a web address; not linked)" in article
    assert 'href="https://harbour.example/crane-strike"' in "".join(pages.values())


def test_every_response_carries_the_policy(hostile_client: TestClient) -> None:
    for url in ("/", "/index.json", "/search?q=x", "/no-such-page", "/static/style.css"):
        headers = hostile_client.get(url).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    story_id = hostile_client.get("/index.json").json()["stories"][0]["id"]
    brief = hostile_client.get(f"/stories/{story_id}/brief.html").headers["content-security-policy"]
    assert brief.startswith("default-src 'none'") and "script" not in brief


def test_pages_hold_no_inline_script_or_style_attribute(hostile_client: TestClient) -> None:
    for url, html in _pages(hostile_client).items():
        if url.endswith("brief.html"):
            continue  # the brief is a standalone file: its one <style> is allowed by its own policy
        assert "<style" not in html and " style=" not in html, url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("http://example.com", "http://example.com"),
        ("  https://example.com/x  ", "https://example.com/x"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//evil.example/x", None),
        ("/relative/path", None),
        ('https://example.com/"onmouseover="alert(1)', None),
        ("https:///nohost", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected
