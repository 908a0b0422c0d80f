"""Stages declare what they need and produce; wiring is checked before a run; one failure never stops a batch."""

from __future__ import annotations

import dataclasses

import pytest

from newsdesk.corpus import Corpus
from newsdesk.errors import ConfigError, PipelineError
from newsdesk.pipeline import ArticleStage, Context, Pipeline, Stage, registry
from newsdesk.records import Article, content_id
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.store import Store


def _article(text: str) -> Article:
    return Article(id=content_id(text), source="s", text=text)


def _shout(article: Article, settings: Settings) -> Article:
    if "boom" in article.text:
        raise ValueError("cannot shout boom")
    return dataclasses.replace(article, language="xx")


SHOUT = ArticleStage("shout", _shout, requires=("article.text",), produces=("article.language",))


def test_builtin_stages_follow_the_protocol() -> None:
    for stage in registry().values():
        assert isinstance(stage, Stage)
        assert stage.requires and stage.produces


def test_unmet_requirement_names_the_producer() -> None:
    needs = ArticleStage("needs", _shout, requires=("article.quotes",))
    makes = ArticleStage("makes", _shout, produces=("article.quotes",))
    with pytest.raises(PipelineError, match="Stage 'makes' produces it: put it before 'needs'"):
        Pipeline([needs, makes])
    with pytest.raises(PipelineError, match="No stage in this pipeline produces it"):
        Pipeline([needs])
    assert Pipeline([makes, needs]).names == ["makes", "needs"]


def test_unknown_stage_in_settings_suggests_the_right_one() -> None:
    settings = Settings(pipeline=PipelineSettings(stages=("cite",)))
    with pytest.raises(ConfigError, match=r"Unknown stage 'cite' in \[pipeline\] stages. Did you mean 'cites'\?"):
        Pipeline.from_settings(settings)


def test_one_article_failure_is_recorded_and_the_batch_goes_on() -> None:
    batch = [_article("fine one"), _article("boom here"), _article("fine two")]
    result = SHOUT.run(batch, Context())
    assert [a.text for a in result.articles] == ["fine one", "fine two"]
    assert len(result.failures) == 1
    failure = result.failures[0]
    assert (failure.stage, failure.article_id, failure.error) == ("shout", batch[1].id, "ValueError")


def test_analyze_records_failures_persists_output_and_retries_only_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsdesk.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "BUILTIN", (SHOUT,))
    corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=("shout",))))
    corpus.store.add([_article("fine one two three"), _article("boom four five six")])
    reports = corpus.analyze()
    assert (reports[0].items_in, reports[0].items_out, reports[0].failures) == (2, 1, 1)
    assert [f.stage for f in corpus.failures()] == ["shout"]
    assert {a.language for a in corpus.store.articles()} == {"xx", None}
    again = corpus.analyze()  # the failed article is still pending; the done one is not redone
    assert again[0].items_in == 1
    redo = corpus.analyze(redo=True)
    assert redo[0].items_in == 2
