"""The docs are pinned: generated references are fresh; every command, setting, stage, error and JSON key is there."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newsdesk.errors
from newsdesk.cli import cli
from newsdesk.pipeline import registry
from newsdesk.settings import Settings, describe

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

ARTICLE_KEYS = [
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "byline",
    "published",
    "dateline",
    "language",
    "words",
    "ai_generated",
    "duplicate_of",
    "cites",
    "event_id",
    "origin",
    "meta",
]


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_generated_sections_are_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(DOCS / "generate.py"), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr or result.stdout


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_a_heading(command: str) -> None:
    assert re.search(rf"^#+ newsdesk {re.escape(command)}\s*$", _doc("cli.md"), re.MULTILINE), (
        f"docs/cli.md has no heading for `newsdesk {command}`; run: python docs/generate.py"
    )


@pytest.mark.parametrize("setting", [row[0] for row in describe(Settings())])
def test_every_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in _doc("settings.md"), f"{setting} is missing from docs/settings.md"


@pytest.mark.parametrize("stage", sorted(registry()))
def test_every_stage_is_documented(stage: str) -> None:
    assert f"`{stage}`" in _doc("pipeline.md"), f"stage {stage!r} is missing from docs/pipeline.md"


ERRORS = [
    name
    for name in newsdesk.errors.__all__
    if inspect.isclass(obj := getattr(newsdesk.errors, name)) and issubclass(obj, BaseException)
]


@pytest.mark.parametrize("error", ERRORS)
def test_every_error_is_documented(error: str) -> None:
    assert re.search(rf"^#+ `{error}`", _doc("errors.md"), re.MULTILINE), f"docs/errors.md has no section for {error}"


def test_error_tree_matches_the_module_docstring() -> None:
    doc = newsdesk.errors.__doc__ or ""
    start = doc.index("    NewsdeskError\n")
    tree = textwrap.dedent(doc[start : doc.index("\n\n", start)])
    assert tree in _doc("errors.md"), "the tree in docs/errors.md differs from newsdesk/errors.py's docstring"


@pytest.mark.parametrize("key", ARTICLE_KEYS)
def test_every_article_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in _doc("json.md"), f"key {key!r} is missing from the table in docs/json.md"


def test_article_keys_are_the_real_ones(tmp_path: Path) -> None:
    """The documented keys are exactly those of ``articles --json``; ``show --json`` adds text and furniture."""
    from newsdesk.corpus import Corpus
    from newsdesk.store import Store

    (tmp_path / "a.txt").write_text(
        "A headline for the test\n\nThe body of the article has enough words to pass the floor.\n", encoding="utf-8"
    )
    with Corpus(Store(":memory:")) as corpus:
        report = corpus.ingest([tmp_path / "a.txt"])
        assert report.ok, report.failures
        assert list(corpus.articles()[0]) == ARTICLE_KEYS
        assert list(corpus.article_json(report.added[0])) == [*ARTICLE_KEYS, "text", "furniture"]
