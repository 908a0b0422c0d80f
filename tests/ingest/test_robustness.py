"""Bad input gets a clear error and loses nothing: one broken item is a named failure, never the batch (issue 19)."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk import ingest
from newsdesk.cli import cli as newsdesk_cli
from newsdesk.corpus import Corpus
from newsdesk.ingest import sanitize
from newsdesk.settings import IngestSettings, Settings
from newsdesk.store import Store
from tests.ingest.conftest import tiny_png

# Invented text: a ferry timetable dispute in a made-up harbour town.
BODY = (
    "The ferry board of Lantry met on Thursday to settle the winter timetable, after months of complaints "
    "from commuters who said the early crossing left too soon for the morning trains."
)


def _article(word: str) -> str:
    return f"Lantry ferry timetable {word}\n\n{BODY} The word of the day was {word}.\n"


def _write(path: Path | str, data: str | bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


# -- one bad string must not lose the batch -------------------------------------------------------------


def test_issue_19_lone_surrogates_in_jsonl_fields_are_replaced_and_nothing_is_lost(
    tmp_path: Path, corpus: Corpus
) -> None:
    lines = [
        {"text": _article("alpha"), "outlet": "Lantry \ud800 Post"},
        {"text": _article("bravo"), "byline": "J. \udfff Ward"},
        {"text": _article("charlie"), "url": "https://lantry.example/\ud800"},
        {"text": _article("delta") + " \udc80", "title": "Ferry \ud800 row"},
        {"text": _article("echo")},
    ]
    batch = _write(tmp_path / "wire.jsonl", _jsonl(*lines))  # json.dumps writes "\ud800" as its escape
    later = _write(tmp_path / "later.txt", _article("foxtrot"))
    report = corpus.ingest([batch, later], analyze=False)
    assert report.failures == ()
    assert len(report.added) == 6
    rows = {r["source"]: r for r in corpus.articles()}
    assert rows[f"{batch}#1"]["outlet"] == "Lantry \ufffd Post"
    assert rows[f"{batch}#2"]["byline"] == "J. \ufffd Ward"
    assert rows[f"{batch}#3"]["url"] == "https://lantry.example/\ufffd"
    assert rows[f"{batch}#4"]["title"] == "Ferry \ufffd row"


def test_issue_19_undecodable_file_names_are_stored_and_failed_with_readable_names(
    tmp_path: Path, corpus: Corpus
) -> None:
    good = _write(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"), _article("golf"))
    bad = _write(os.fsdecode(bytes(tmp_path) + b"/emp\xfft\ny.txt"), b"")
    after = _write(tmp_path / "zulu.txt", _article("hotel"))
    report = corpus.ingest([tmp_path], analyze=False)
    assert len(report.added) == 2
    assert {r["source"] for r in corpus.articles()} == {f"{tmp_path}/caf\\xe9.txt", str(after)}
    assert [f.item for f in report.failures] == [f"{tmp_path}/emp\\xfft\\ny.txt"]
    assert [f.item for f in corpus.failures()] == [f"{tmp_path}/emp\\xfft\\ny.txt"]
    assert good.exists() and bad.exists()


def test_issue_19_an_article_the_store_refuses_is_one_failure_and_the_rest_are_stored(
    tmp_path: Path, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever slips past sanitising (here: sanitising switched off) fails alone, in stage "store".
    monkeypatch.setattr(sanitize, "draft", lambda found: found)
    monkeypatch.setattr(sanitize, "text", lambda value: value)
    lines = [{"text": _article(w), "outlet": "Bad \ud800" if w == "kilo" else None} for w in ("india", "kilo", "lima")]
    batch = _write(tmp_path / "wire.jsonl", _jsonl(*lines))
    report = corpus.ingest([batch], analyze=False)
    assert len(report.added) == 2
    assert [(f.item, f.stage, f.error) for f in report.failures] == [(f"{batch}#2", "store", "UnicodeEncodeError")]
    assert [f.item for f in corpus.failures(last_run=True)] == [f"{batch}#2"]


def test_issue_19_cli_ingest_of_a_bad_string_reports_it_and_exits_3(cli: CliRunner, tmp_path: Path) -> None:
    batch = _write(tmp_path / "wire.jsonl", _jsonl({"text": _article("mike"), "title": "\ud800"}, "{broken"))
    result = cli.invoke(newsdesk_cli, ["ingest", "--no-analyze", str(batch)])
    assert result.exit_code == 3, result.output
    assert "1 added" in result.output
    assert "Traceback" not in result.output


# -- folders: links, special files, loops ------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and FIFOs")
def test_issue_19_folder_refuses_links_that_lead_outside_it(tmp_path: Path, corpus: Corpus) -> None:
    folder = tmp_path / "in"
    _write(folder / "story.txt", _article("november"))
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "status.txt").symlink_to("/proc/self/status")
    outside = _write(tmp_path / "elsewhere" / "story.txt", _article("oscar"))
    (folder / "near.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "story.txt")  # inside: followed (and the same text)
    report = corpus.ingest([folder], analyze=False)
    assert len(report.added) == 1
    refused = {f.item: f.message for f in report.failures}
    assert set(refused) == {str(folder / "passwd.txt"), str(folder / "status.txt"), str(folder / "near.txt")}
    assert "outside the folder: not followed" in refused[str(folder / "passwd.txt")]
    assert "--follow-links" in refused[str(folder / "near.txt")]


def test_issue_19_follow_links_reads_what_links_point_to(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    outside = _write(tmp_path / "elsewhere" / "story.txt", _article("papa"))
    (folder).mkdir()
    (folder / "near.txt").symlink_to(outside)
    corpus = Corpus(Store(":memory:"), settings=Settings(ingest=IngestSettings(follow_links=True)))
    report = corpus.ingest([folder], analyze=False)
    assert report.ok
    assert [r["source"] for r in corpus.articles()] == [str(folder / "near.txt")]


def test_issue_19_follow_links_is_a_cli_flag(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "near.txt").symlink_to(_write(tmp_path / "elsewhere" / "story.txt", _article("quebec")))
    refused = cli.invoke(newsdesk_cli, ["ingest", "--no-analyze", str(folder)])
    assert refused.exit_code == 3
    assert "outside the folder" in refused.output
    followed = cli.invoke(newsdesk_cli, ["ingest", "--no-analyze", "--follow-links", str(folder)])
    assert followed.exit_code == 0, followed.output
    assert "1 added" in followed.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_issue_19_fifo_in_a_folder_or_named_is_refused_and_never_opened(tmp_path: Path, corpus: Corpus) -> None:
    _write(tmp_path / "story.txt", _article("romeo"))
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for a writer forever
    os.mkfifo(tmp_path / "pipe")  # unknown extension, still refused by name
    report = corpus.ingest([tmp_path, tmp_path / "pipe.txt"], analyze=False)
    assert len(report.added) == 1
    items = [f.item for f in report.failures]
    assert items == [str(tmp_path / "pipe"), str(tmp_path / "pipe.txt"), str(tmp_path / "pipe.txt")]
    assert all("FIFO" in f.message for f in report.failures)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_issue_19_a_file_replaced_by_a_fifo_after_listing_is_refused_without_blocking(
    tmp_path: Path, corpus: Corpus
) -> None:
    listed = ingest.Item(str(tmp_path / "late.txt"))  # listed as a file, then swapped for a FIFO
    os.mkfifo(tmp_path / "late.txt")
    got = list(ingest.read(listed, Settings()))
    assert len(got) == 1
    assert "not a regular file: a FIFO" in str(got[0])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links")
def test_issue_19_a_file_swapped_for_a_link_after_listing_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder / "a.txt", _article("tango"))
    _write(folder / "b.txt", _article("uniform"))
    secret = _write(tmp_path / "private" / "key.txt", _article("victor") + " PRIVATE")
    listed = [i for i in ingest.items([str(folder)]) if isinstance(i, ingest.Item)]
    assert [Path(i.target).name for i in listed] == ["a.txt", "b.txt"]
    (folder / "b.txt").unlink()  # between listing and reading, someone who can write to the folder
    (folder / "b.txt").symlink_to(secret)
    got = [d for i in listed for d in ingest.read(i, Settings())]
    assert "tango" in got[0].text  # type: ignore[union-attr]
    assert "changed between listing the folder and reading it" in str(got[1])
    assert not any("PRIVATE" in getattr(d, "text", "") for d in got)


def test_issue_19_symlink_loops_end_and_are_named(tmp_path: Path, corpus: Corpus) -> None:
    _write(tmp_path / "a" / "story.txt", _article("sierra"))
    (tmp_path / "a" / "back").symlink_to(tmp_path / "a")  # a folder loop inside the folder
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # a link to itself
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    report = corpus.ingest([tmp_path], analyze=False)
    assert len(report.added) == 1
    assert report.skipped == ()
    assert {f.item: f.message for f in report.failures} == {
        str(tmp_path / "gone.txt"): "broken or looping symbolic link (remove the link or fix its target)",
        str(tmp_path / "self.txt"): "broken or looping symbolic link (remove the link or fix its target)",
    }


# -- JSONL: every bad line is its own failure ---------------------------------------------------------------


def test_issue_19_each_unreadable_jsonl_line_fails_alone_and_later_lines_are_read(
    tmp_path: Path, corpus: Corpus
) -> None:
    lines = [
        {"text": _article("tango")},
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        {"text": _article("uniform")},
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        {"text": _article("victor"), "title": {"nested": "object"}},
        {"text": _article("whiskey")},
    ]
    batch = _write(tmp_path / "wire.jsonl", _jsonl(*lines))
    report = corpus.ingest([batch], analyze=False)
    assert len(report.added) == 3
    failures = {f.item: f.message for f in report.failures}
    assert list(failures) == [f"{batch}#2", f"{batch}#4", f"{batch}#5"]
    assert "a number of more than" in failures[f"{batch}#2"]
    assert "nested too deeply" in failures[f"{batch}#4"]
    assert "'title' is a JSON dict, not a string" in failures[f"{batch}#5"]
    assert not any("internal error" in m for m in failures.values())


# -- decoding and messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"])
def test_issue_19_utf16_and_utf32_with_or_without_a_bom_are_decoded(tmp_path: Path, corpus: Corpus, codec: str) -> None:
    text = _article("xray").replace("Thursday", "Thursday in Saint-Rémy")
    path = _write(tmp_path / "wide.txt", text.encode(codec))  # "utf-16"/"utf-32" write a BOM, the others none
    report = corpus.ingest([path], analyze=False)
    assert report.ok, report.failures
    assert "Saint-Rémy" in corpus.article(report.added[0]).text


def test_issue_19_binary_with_nuls_is_still_binary(tmp_path: Path, corpus: Corpus) -> None:
    report = corpus.ingest([_write(tmp_path / "image.txt", tiny_png() * 3)], analyze=False)
    assert [f.message.split(" (")[0] for f in report.failures] == ["binary file, not text"]


def test_issue_19_mixed_encodings_are_read_with_a_warning_naming_the_file(
    tmp_path: Path, corpus: Corpus, caplog: pytest.LogCaptureFixture
) -> None:
    data = _article("yankee").replace("Thursday", "Thursday (café)").encode("utf-8") + (
        "The naïve plan for the crossing was dropped.\n".encode("cp1252")
    )
    path = _write(tmp_path / "mixed.txt", data)
    with caplog.at_level(logging.WARNING, logger="newsdesk"):
        report = corpus.ingest([path], analyze=False)
    assert len(report.added) == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(str(path) in w and "mixed encodings" in w for w in warnings), warnings


def test_issue_19_one_code_page_alone_gives_no_mixed_warning(
    tmp_path: Path, corpus: Corpus, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path / "latin.txt", _article("zulu").replace("Thursday", "jeudi, déjà").encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="newsdesk"):
        report = corpus.ingest([path], analyze=False)
    assert report.ok
    assert not [r for r in caplog.records if "mixed" in r.getMessage()]


def test_issue_19_feed_with_a_dtd_says_the_dtd_is_refused(tmp_path: Path, corpus: Corpus) -> None:
    feed = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY a "ferry">\n]>\n'
        '<rss version="2.0"><channel><title>Lantry Post</title><item><title>&a;</title>'
        f"<description>{BODY}</description></item></channel></rss>\n"
    )
    report = corpus.ingest([_write(tmp_path / "feed.xml", feed)], analyze=False)
    assert len(report.failures) == 1
    assert "feed declares a DTD" in report.failures[0].message
    assert "does not start with" not in report.failures[0].message


# -- the sanitising helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain/name.txt", "plain/name.txt"),
        ("back\\slash.txt", "back\\slash.txt"),  # left alone when nothing else needs escaping
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),
        ("two\nlines\t.txt", "two\\nlines\\t.txt"),
        ("lone\ud800.txt", "lone\\ud800.txt"),
        ("both\\and\udcff", "both\\\\and\\xff"),
    ],
)
def test_sanitize_path_names_files_on_one_readable_line(name: str, shown: str) -> None:
    assert sanitize.path(name) == shown
    shown.encode("utf-8")


def test_sanitize_text_replaces_only_lone_surrogates() -> None:
    assert sanitize.text("a\ud800b\udfffc ☃ 😀") == "a\ufffdb\ufffdc ☃ 😀"


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc")
def test_issue_19_a_file_that_states_no_size_is_still_held_to_the_limit() -> None:
    # /proc files say they are 0 bytes long; the limit counts what is read, not what the file states.
    corpus = Corpus(Store(":memory:"), settings=Settings(ingest=IngestSettings(max_text_bytes=10)))
    report = corpus.ingest(["/proc/self/status"], analyze=False)
    assert [f.message.split(" (")[0] for f in report.failures] == ["file is over the 10-byte limit"]
