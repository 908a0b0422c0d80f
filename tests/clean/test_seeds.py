"""The five real seed articles ingest exactly as the hand annotations in ../shared/gold/seeds.json say."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newsdesk.corpus import Corpus
from newsdesk.records import Article

FIELDS = ("title", "outlet", "published", "ai_generated", "byline", "dateline", "cites")


@pytest.fixture(scope="module")
def seeded(seeds_dir: Path) -> dict[str, Article]:
    from newsdesk.store import Store

    corpus = Corpus(Store(":memory:"))
    report = corpus.ingest([seeds_dir])
    assert report.ok, report.failures
    assert len(report.added) == 5
    by_file = {Path(a.source).name: a for a in corpus.store.articles()}
    corpus.close()
    return by_file


def _gold_articles() -> list[dict[str, Any]]:
    import json

    from tests.conftest import shared_path

    data: list[dict[str, Any]] = json.loads(shared_path("gold", "seeds.json").read_text("utf-8"))["articles"]
    return data


@pytest.mark.parametrize(
    ("expected", "field"),
    [(g, f) for g in _gold_articles() for f in FIELDS if f in g],
    ids=lambda v: v if isinstance(v, str) else v["file"][:3],
)
def test_seed_metadata_matches_gold(seeded: dict[str, Article], expected: dict[str, Any], field: str) -> None:
    article = seeded[expected["file"]]
    got = getattr(article, field)
    want = expected[field]
    if field == "cites":
        assert list(got) == want
    else:
        assert got == want


@pytest.mark.parametrize("expected", _gold_articles(), ids=lambda g: g["file"][:3])
def test_seed_furniture_is_removed(seeded: dict[str, Article], expected: dict[str, Any]) -> None:
    article = seeded[expected["file"]]
    for piece in expected["boilerplate"]:
        assert piece not in article.text, f"furniture left in {expected['file']}: {piece!r}"
        assert any(piece in removed or removed in piece for removed in article.furniture)


@pytest.mark.parametrize("expected", _gold_articles(), ids=lambda g: g["file"][:3])
def test_seed_body_sentences_are_kept(seeded: dict[str, Article], expected: dict[str, Any], seeds_dir: Path) -> None:
    """Every raw line that is not furniture survives cleaning, up to whitespace and restored sentence gaps."""
    article = seeded[expected["file"]]
    squashed = re.sub(r"\s+", "", article.text)
    furniture = expected["boilerplate"]
    raw = (seeds_dir / expected["file"]).read_text(encoding="utf-8")
    for line in raw.splitlines():
        line = line.strip()
        for piece in furniture:
            line = line.replace(piece, "").strip()
        if not line:
            continue
        assert re.sub(r"\s+", "", line) in squashed, f"body lost from {expected['file']}: {line[:80]!r}"


def test_gold_quotes_survive_cleaning(seeded: dict[str, Article], gold: dict[str, Any]) -> None:
    """Later stages point into the clean text: every gold quote must still be in it, verbatim."""
    for quote in gold["quotes"]:
        assert quote["text"] in seeded[quote["file"]].text, quote["text"]


def test_reingesting_seeds_adds_nothing(seeds_dir: Path, corpus: Corpus) -> None:
    first = corpus.ingest([seeds_dir])
    again = corpus.ingest([seeds_dir])
    assert len(first.added) == 5
    assert again.added == ()
    assert sorted(again.skipped) == sorted(first.added)
    assert corpus.count() == 5


def test_seed_text_and_raw_are_both_kept(seeded: dict[str, Article], seeds_dir: Path) -> None:
    for name, article in seeded.items():
        assert article.raw == (seeds_dir / name).read_text(encoding="utf-8")
        assert article.text != article.raw
        assert article.language == "en"
