"""Headers of plain-text files (issue 16 point 8): read as metadata, kept out of the text, never mistaken for a lead."""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from newsdesk import clean, ingest
from newsdesk.cli import cli as newsdesk_cli
from newsdesk.corpus import Corpus
from newsdesk.dates import parse_date
from newsdesk.errors import ParseError
from newsdesk.ingest import header, text
from newsdesk.records import Draft
from newsdesk.settings import Settings
from tests.conftest import shared_path

BODY = (
    "Harbour pilots in Calderport stopped work on Tuesday after the port authority cut night shifts, "
    "leaving six freighters waiting at anchor outside the breakwater.\n\n"
    '"We were told on Friday and asked nothing," said Ilsa Marrow, who speaks for the pilots.\n'
)


def _draft(content: str, url: str | None = None) -> Draft:
    return text.draft(content, source="t.txt", url=url)


# (name, file content, expected fields, expected meta)
READ = [
    (
        "front matter",
        "---\ntitle: Calderport pilots stop work\noutlet: Harbour Gazette\ndate: 2026-04-07\n"
        'url: "https://harbourgazette.example/pilots"\nauthor: By Tomas Brenn\n---\n\n' + BODY,
        {
            "title": "Calderport pilots stop work",
            "outlet": "Harbour Gazette",
            "published": "2026-04-07",
            "url": "https://harbourgazette.example/pilots",
            "byline": "Tomas Brenn",
        },
        {},
    ),
    (
        "key: value block",
        "Title: Calderport pilots stop work\nSource: Radio Caldera\nPublished: April 7, 2026\n\n" + BODY,
        {"title": "Calderport pilots stop work", "outlet": "Radio Caldera", "published": "2026-04-07"},
        {},
    ),
    (
        "unknown keys kept as meta",
        "title: Calderport pilots stop work\nstory: calderport-port:pilots\ntags: ports, labour\nLang: en\n\n" + BODY,
        {"title": "Calderport pilots stop work"},
        {"story": "calderport-port:pilots", "tags": "ports, labour", "lang": "en"},
    ),
    (
        "front matter: lists, comments and wrapped values",
        "---\n# exported by clipper\ntitle: Calderport pilots\n  stop work\ntags:\n  - ports\n  - labour\n"
        "site-name: Harbour Gazette\n---\n" + BODY,
        {"title": "Calderport pilots stop work", "outlet": "Harbour Gazette"},
        {"tags": "ports, labour"},
    ),
    (
        "not stated",
        "title: Calderport pilots stop work\noutlet: unknown\ndate: n/a\nauthor: none\nurl:  ''\n\n" + BODY,
        {"title": "Calderport pilots stop work"},
        {},
    ),
    (
        "first key for a field wins, a second goes to meta",
        "title: Calderport pilots stop work\nheadline: Pilots walk out\n\n" + BODY,
        {"title": "Calderport pilots stop work"},
        {"headline": "Pilots walk out"},
    ),
    (
        "one line with a known key",
        "date: 2026-04-07\n\n" + BODY,
        {"published": "2026-04-07"},
        {},
    ),
    (
        "Windows line endings and a byte order mark",
        "\ufefftitle: Calderport pilots stop work\r\noutlet: Harbour Gazette\r\n\r\n" + BODY.replace("\n", "\r\n"),
        {"title": "Calderport pilots stop work", "outlet": "Harbour Gazette"},
        {},
    ),
]


@pytest.mark.parametrize(("content", "fields", "meta"), [r[1:] for r in READ], ids=[r[0] for r in READ])
def test_header_is_read_as_metadata(content: str, fields: dict[str, str], meta: dict[str, str]) -> None:
    draft = _draft(content)
    got = {k: getattr(draft, k) for k in ("title", "outlet", "published", "url", "byline") if getattr(draft, k)}
    assert got == fields
    assert dict(draft.meta) == meta
    assert draft.raw == content
    assert draft.text.replace("\r\n", "\n") == BODY
    assert draft.warnings == ()
    article = clean.article(draft)
    assert not any(f"{key}:" in article.text.casefold() for key in (*fields, *meta, "date"))
    assert article.meta == draft.meta


# Texts whose opening lines are not a header: they stay text, as they were.
NOT_HEADERS = [
    ("a dateline lead", "Washington: The senate voted on Tuesday to extend the port subsidy by a year.\n\n" + BODY),
    (
        "a dateline lead over two lines",
        "Washington: The senate voted on Tuesday.\nSenators: Most of them backed the bill.\n\n" + BODY,
    ),
    ("a one-line block with an unknown key", "Update: The pilots returned to work on Thursday.\n\n" + BODY),
    ("a one-line byline label", "BYLINE: Ilsa Marrow.\n\n" + BODY),
    ("a one-line source label", "Source: Radio Caldera\n\n" + BODY),
    ("a line that is no key: value", "title: Calderport pilots stop work\nBy Tomas Brenn\n\n" + BODY),
    ("a key too long", "title: Calderport pilots\nThe harbour master of Calderport said: no comment\n\n" + BODY),
    ("a value of prose", "Source: " + "the pilots said " * 15 + "\noutlet: Harbour Gazette\n\n" + BODY),
    ("an indented first line", " title: Calderport pilots stop work\n\n" + BODY),
    ("front matter that never closes", "---\ntitle: Calderport pilots stop work\n\n" + BODY),
    ("a rule around prose", "---\nThe pilots stopped work.\n---\n\n" + BODY),
    ("no header at all", BODY),
]


@pytest.mark.parametrize("content", [c for _, c in NOT_HEADERS], ids=[n for n, _ in NOT_HEADERS])
def test_text_without_header_is_left_whole(content: str) -> None:
    assert header.split(content) is None
    draft = _draft(content)
    assert draft.text == draft.raw == content
    assert draft.meta == ()


@pytest.mark.parametrize(
    ("line", "field", "named"),
    [
        ("date: 31 Febtember 2026", "published", "header date: '31 Febtember 2026' is not a date"),
        ("published: last Tuesday", "published", "header published: 'last Tuesday' is not a date"),
        ("url: ftp://harbourgazette.example/pilots", "url", "header url: 'ftp://harbourgazette.example/pilots'"),
        ("link: harbourgazette.example/pilots", "url", "header link: 'harbourgazette.example/pilots' is not an"),
    ],
)
def test_unreadable_value_is_a_named_warning_and_left_unknown(
    line: str, field: str, named: str, caplog: pytest.LogCaptureFixture
) -> None:
    key, value = (part.strip() for part in line.split(":", 1))
    with caplog.at_level(logging.WARNING, logger="newsdesk"):
        draft = _draft(f"title: Calderport pilots stop work\n{line}\n\n{BODY}")
    assert getattr(draft, field) is None
    assert dict(draft.meta) == {key: value}  # kept as stated, as metadata
    assert len(draft.warnings) == 1 and draft.warnings[0].startswith(named)
    assert f"{field} left unknown" in draft.warnings[0]
    assert [r.getMessage() for r in caplog.records] == [f"t.txt: {draft.warnings[0]}"]
    assert line not in clean.article(draft).text


def test_header_only_file_is_a_clear_failure(tmp_path: Path, corpus: Corpus) -> None:
    (tmp_path / "a.txt").write_text("title: Calderport pilots stop work\noutlet: Harbour Gazette\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\ntitle: Calderport pilots stop work\n---\n\n\n", encoding="utf-8")
    report = corpus.ingest([tmp_path])
    assert not report.added
    assert [(f.stage, f.error) for f in report.failures] == [("ingest", "ParseError")] * 2
    assert all("header only: no article text after the header" in f.message for f in report.failures)


def test_header_wins_over_text_and_hints_fill_only_gaps(tmp_path: Path, corpus: Corpus) -> None:
    # The text's own first lines state another outlet and date; the header states them explicitly.
    body = "Calderport pilots stop work\n\nportwatch.example\n\nMarch 2, 2026\n\n" + BODY
    path = tmp_path / "a.txt"
    path.write_text("outlet: Harbour Gazette\ndate: 2026-04-07\n\n" + body, encoding="utf-8")
    report = corpus.ingest([path], outlet="Hint Outlet", url="https://hint.example/a", analyze=False)
    assert report.ok and report.warnings == ()
    row = corpus.articles()[0]
    assert (row["outlet"], row["published"], row["url"]) == ("Harbour Gazette", "2026-04-07", "https://hint.example/a")
    assert row["title"] == "Calderport pilots stop work"  # not stated in the header: read from the text


def test_same_article_with_and_without_header_has_one_id(tmp_path: Path, corpus: Corpus) -> None:
    (tmp_path / "a.txt").write_text("title: Calderport pilots stop work\nstory: x\n\n" + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    report = corpus.ingest([tmp_path], analyze=False)
    assert len(report.added) == 1 and report.skipped == report.added


def test_header_url_wins_over_the_address_fetched() -> None:
    assert _draft("url: https://a.example/x\n\n" + BODY, url="https://b.example/y").url == "https://a.example/x"
    assert _draft("title: T\ndate: 2026-04-07\n\n" + BODY, url="https://b.example/y").url == "https://b.example/y"


def _read_url(url: str, content: str, content_type: str) -> list[Any]:
    """What ingest reads of ``url`` when it answers ``content`` as ``content_type`` (a public address, no traffic)."""

    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=content, headers={"content-type": content_type})

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("93.184.216.34", port))]

    with httpx.Client(transport=httpx.MockTransport(serve)) as client:
        return list(ingest.read(ingest.Item(url, is_url=True), Settings(), client=client, resolve=resolve))


def test_text_plain_url_is_read_with_its_header() -> None:
    content = "title: Calderport pilots stop work\noutlet: Harbour Gazette\nstory: calderport\n\n" + BODY
    [draft] = _read_url("https://harbourgazette.example/pilots.txt", content, "text/plain; charset=utf-8")
    assert isinstance(draft, Draft)
    assert (draft.title, draft.outlet, draft.url) == (
        "Calderport pilots stop work",
        "Harbour Gazette",
        "https://harbourgazette.example/pilots.txt",
    )
    assert dict(draft.meta) == {"story": "calderport"}
    assert draft.text == BODY


def test_warning_reaches_the_cli(cli: CliRunner, home: Path, caplog: pytest.LogCaptureFixture) -> None:
    (home / "a.txt").write_text("title: Calderport pilots stop work\ndate: someday 2026\n\n" + BODY, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="newsdesk"):
        result = cli.invoke(newsdesk_cli, ["ingest", "a.txt", "--no-analyze"])
    assert result.exit_code == 0, result.output
    # The warning line itself is logged (stderr, outside pytest); the summary counts it.
    assert "1 added, 0 already stored, 0 failed, 1 warning." in result.stderr
    assert "a.txt: header date: 'someday 2026' is not a date newsdesk can read" in caplog.text


def test_warning_is_in_the_ingest_report(tmp_path: Path, corpus: Corpus) -> None:
    path = tmp_path / "a.txt"
    path.write_text("title: Calderport pilots stop work\ndate: someday 2026\n\n" + BODY, encoding="utf-8")
    report = corpus.ingest([path], analyze=False)
    assert report.ok and len(report.added) == 1
    assert report.warnings == (
        f"{path}: header date: 'someday 2026' is not a date newsdesk can read; published left unknown",
    )
    assert corpus.articles()[0]["published"] is None


# A file in the layout of ../shared/dev-news, written here with invented content.
DEV_NEWS_LAYOUT = (
    "url: https://harbourgazette.example/2026/04/07/calderport-pilots-stop-work/\n"
    "title: Calderport pilots stop work over night-shift cuts\n"
    "outlet: Harbour Gazette (harbourgazette.example)\n"
    "date: unknown\n"
    "story: calderport-port:pilots-strike\n"
    "\n" + BODY
)


def test_dev_news_layout_through_ingest_and_articles_json(cli: CliRunner, home: Path) -> None:
    (home / "001.txt").write_text(DEV_NEWS_LAYOUT, encoding="utf-8")
    assert cli.invoke(newsdesk_cli, ["ingest", "001.txt"]).exit_code == 0
    result = cli.invoke(newsdesk_cli, ["articles", "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["title"] == "Calderport pilots stop work over night-shift cuts"
    assert row["outlet"] == "Harbour Gazette (harbourgazette.example)"
    assert row["url"] == "https://harbourgazette.example/2026/04/07/calderport-pilots-stop-work/"
    assert row["published"] is None
    assert row["meta"] == {"story": "calderport-port:pilots-strike"}
    shown = json.loads(cli.invoke(newsdesk_cli, ["show", row["id"], "--json"]).stdout)
    assert shown["meta"] == row["meta"]
    assert shown["text"].startswith("Harbour pilots in Calderport stopped work")
    assert "story:" not in shown["text"] and "date:" not in shown["text"]


def test_real_dev_news_files_keep_their_header_out_of_the_text(tmp_path: Path, corpus: Corpus) -> None:
    # Read from ../shared at test time; the articles are not ours to copy into the repo.
    folder = shared_path("dev-news")
    paths = [folder / f"{n:03d}.txt" for n in range(1, 61)]
    report = corpus.ingest(paths, analyze=False)
    assert report.ok, report.failures[:3]
    rows = {r["source"]: r for r in corpus.articles()}
    for path in paths:
        head = dict(
            line.split(": ", 1)
            for line in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
            if ": " in line
        )
        row = rows.get(str(path))
        if row is None:  # a copy of an earlier file, so the same id: skipped as already stored
            continue
        for field in ("title", "outlet"):
            if head[field].strip() == "unknown":  # not stated: the text's first lines may still state it
                assert row[field] != "unknown", path.name
            else:
                assert row[field] == head[field].strip(), path.name
        want = parse_date(head["date"])
        assert row["published"] == want or (want is None and "date" not in row["meta"]), path.name
        assert row["meta"].get("story") == head["story"].strip(), path.name
        body = corpus.article(row["id"]).text
        assert not [f"{k}: {v}" for k, v in head.items() if f"{k}: {v}" in body], path.name
    assert len(rows) + len(report.skipped) == 60


def test_jsonl_unreadable_date_takes_the_same_path(tmp_path: Path, corpus: Corpus) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": BODY, "published": "someday"}) + "\n", encoding="utf-8")
    report = corpus.ingest([path], analyze=False)
    assert report.ok
    assert report.warnings == (f"{path}#1: cannot read published date 'someday'; leaving it unknown",)


def test_a_url_answering_a_json_document_is_refused_as_a_file_of_one_is() -> None:
    # An API's answer (a JSON array of articles) fetched by URL was stored as one article whose title is "[" and
    # whose text is the markup; a file holding it was refused with how to make it JSON Lines (decision 0087).
    content = json.dumps([{"title": "Calderport pilots stop work", "text": BODY}], indent=2)
    [got] = _read_url("https://harbourgazette.example/api/articles", content, "application/json")
    assert isinstance(got, ParseError) and "a JSON document" in str(got) and "jq -c" in (got.hint or "")
    assert got.item == "https://harbourgazette.example/api/articles"
