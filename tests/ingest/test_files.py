"""Files and folders: every format, and every kind of bad file answered with a clear, named failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.corpus import Corpus
from newsdesk.settings import IngestSettings, Settings
from newsdesk.store import Store

ARTICLE = (
    "Orsa dam talks resume in Vessa\n\n"
    "Negotiators from both countries met again on Monday to discuss summer flows on the river, "
    "officials said, after weeks of silence.\n"
)


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_folder_is_read_recursively_skipping_hidden_and_unknown(tmp_path: Path, corpus: Corpus) -> None:
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "deep" / "er" / "b.txt", ARTICLE.replace("Monday", "Tuesday"))
    _write(tmp_path / ".hidden" / "c.txt", ARTICLE.replace("Monday", "Friday"))
    _write(tmp_path / "notes.docx", b"PK\x03\x04 not ours")
    report = corpus.ingest([tmp_path])
    assert report.ok
    assert len(report.added) == 2


def test_jsonl_lines_with_metadata_and_bad_lines(tmp_path: Path, corpus: Corpus) -> None:
    lines = [
        json.dumps(
            {
                "text": ARTICLE,
                "title": "Talks resume",
                "url": "https://gazette.example/a",
                "outlet": "Harbour Gazette",
                "published": "2026-03-02T10:00:00+01:00",
                "byline": "A. Writer",
            }
        ),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": ARTICLE.replace("Monday", "Sunday"), "published": "someday"}),
    ]
    path = _write(tmp_path / "batch.jsonl", "\n".join(lines))
    report = corpus.ingest([path])
    assert len(report.added) == 2
    assert sorted(f.item for f in report.failures) == [f"{path}#2", f"{path}#3", f"{path}#4"]
    first = corpus.articles()[0]
    assert first["title"] == "Talks resume"
    assert first["outlet"] == "Harbour Gazette"
    assert first["published"] == "2026-03-02T10:00:00+01:00"
    assert first["url"] == "https://gazette.example/a"
    assert corpus.articles()[1]["published"] is None  # "someday" is not invented into a date


def test_html_file_uses_the_extractor_and_meta(tmp_path: Path, corpus: Corpus) -> None:
    page = f"""<!doctype html><html><head><title>Talks resume - Gazette</title>
    <meta property="og:site_name" content="Harbour Gazette">
    <meta property="article:published_time" content="2026-03-02T10:00:00+01:00">
    <meta name="author" content="Agnes Thorvald"></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <article><h1>Talks resume</h1><p>{ARTICLE.splitlines()[2]}</p>
    <p>A second paragraph adds that both delegations expect a long week of hard bargaining.</p></article>
    <footer>Cookie settings | Privacy</footer></body></html>"""
    report = corpus.ingest([_write(tmp_path / "page.html", page)])
    assert report.ok
    row = corpus.articles()[0]
    assert (row["title"], row["outlet"], row["byline"]) == (
        "Talks resume",
        "Harbour Gazette",
        "Agnes Thorvald",
    )
    assert row["published"] == "2026-03-02T10:00:00+01:00"
    text = corpus.article(row["id"]).text
    assert "second paragraph" in text
    assert "Cookie settings" not in text and "World" not in text


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("furniture.txt", b"Show more\n\nShare this article\n", "words of article text"),
    ("broken.html", b"<html><body><div></div></body></html>", "no article text"),
    ("broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</title>", "feed"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_one_clear_failure_and_the_rest_is_ingested(
    tmp_path: Path, corpus: Corpus, name: str, data: bytes, message: str
) -> None:
    good = _write(tmp_path / "good.txt", ARTICLE)
    bad = _write(tmp_path / name, data)
    report = corpus.ingest([bad, good])
    assert len(report.added) == 1
    assert len(report.failures) == 1
    failure = report.failures[0]
    assert failure.item.startswith(str(bad))  # a feed names the item: broken.xml#1
    assert message in failure.message
    assert corpus.failures()[0].item == failure.item  # recorded in the store too


def test_undecodable_bytes_are_detected_or_refused(tmp_path: Path, corpus: Corpus) -> None:
    latin = _write(tmp_path / "latin1.txt", ARTICLE.replace("Vessa", "Vessà déjà").encode("latin-1"))
    noise = _write(tmp_path / "noise.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 400))
    report = corpus.ingest([latin, noise])
    assert len(report.added) == 1
    assert "Vessà déjà" in corpus.article(report.added[0]).text
    assert [f.item for f in report.failures] == [str(noise)]
    assert "undecodable" in report.failures[0].message


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    corpus = Corpus(Store(":memory:"), settings=Settings(ingest=IngestSettings(max_text_bytes=1000)))
    big = _write(tmp_path / "big.txt", ARTICLE * 50)
    report = corpus.ingest([big])
    assert report.added == ()
    assert "over the 1,000-byte limit" in report.failures[0].message


def test_default_limit_is_ten_megabytes() -> None:
    assert IngestSettings().max_text_bytes == 10_000_000


def test_missing_path_and_unsupported_url_scheme(tmp_path: Path, corpus: Corpus) -> None:
    report = corpus.ingest([tmp_path / "nope.txt", "ftp://files.example/a.txt"])
    messages = {f.item: f.message for f in report.failures}
    assert "no such file" in messages[str(tmp_path / "nope.txt")]
    assert "scheme" in messages["ftp://files.example/a.txt"]


def test_same_text_twice_in_one_batch_is_stored_once(tmp_path: Path, corpus: Corpus) -> None:
    a = _write(tmp_path / "a.txt", ARTICLE)
    b = _write(tmp_path / "b.txt", ARTICLE.replace("\n\n", "\n"))  # same text, other whitespace
    report = corpus.ingest([a, b])
    assert len(report.added) == 1
    assert report.skipped == report.added


def test_hints_fill_gaps_only(tmp_path: Path, corpus: Corpus) -> None:
    stated = _write(tmp_path / "stated.txt", "Headline\ngazette.example\n2026-01-05\n\n" + ARTICLE)
    bare = _write(tmp_path / "bare.txt", ARTICLE.replace("Monday", "Wednesday"))
    corpus.ingest([stated, bare], outlet="Supplied Outlet", published="2026-02-01")
    rows = {r["source"]: r for r in corpus.articles()}
    assert rows[str(stated)]["outlet"] == "gazette.example"
    assert rows[str(stated)]["published"] == "2026-01-05"
    assert rows[str(bare)]["outlet"] == "Supplied Outlet"
    assert rows[str(bare)]["published"] == "2026-02-01"
