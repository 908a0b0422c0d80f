"""The public surface is pinned: what ``import newsdesk`` offers, and that it works as documented."""

from __future__ import annotations

from pathlib import Path

import newsdesk

EXPECTED = [
    "Article",
    "BudgetError",
    "ConfigError",
    "ExtraError",
    "Corpus",
    "Entity",
    "Failure",
    "FetchError",
    "IngestError",
    "IngestReport",
    "LockedError",
    "Mention",
    "NewsdeskError",
    "NotFoundError",
    "ParseError",
    "PipelineError",
    "QueryError",
    "Quote",
    "SchemaError",
    "Settings",
    "Span",
    "SpeakerKind",
    "StageError",
    "StageReport",
    "StoreError",
    "WorkerError",
    "__version__",
    "claim_stance",
    "claim_stances",
    "loaded_phrases",
    "home",
    "load_settings",
    "open",
    "target_sentiment",
    "target_sentiments",
]


def test_all_is_pinned() -> None:
    assert sorted(newsdesk.__all__) == sorted(EXPECTED)
    for name in newsdesk.__all__:
        assert hasattr(newsdesk, name)


def test_error_tree() -> None:
    for name in ("ConfigError", "IngestError", "PipelineError", "StageError", "StoreError", "NotFoundError"):
        assert issubclass(getattr(newsdesk, name), newsdesk.NewsdeskError)
    assert issubclass(newsdesk.FetchError, newsdesk.IngestError)
    assert issubclass(newsdesk.ParseError, newsdesk.IngestError)
    assert issubclass(newsdesk.SchemaError, newsdesk.StoreError)


def test_open_ingest_articles(tmp_path: Path, seeds_dir: Path) -> None:
    with newsdesk.open(tmp_path / "news.db") as desk:
        report = desk.ingest([seeds_dir])
        assert report.ok and len(report.added) == 5
        assert len(desk.articles()) == 5
        article = desk.article(report.added[0])
        assert isinstance(article, newsdesk.Article)
        assert article.text in article.raw or article.words > 0


def test_span_points_into_text() -> None:
    span = newsdesk.Span(start=4, end=9)
    assert span.of("The quick fox") == "quick"
