"""newsdesk: follow developing news stories across many outlets.

>>> import newsdesk
>>> desk = newsdesk.open("news.db")          # doctest: +SKIP
>>> report = desk.ingest(["articles/"])      # doctest: +SKIP
>>> desk.articles()[0]["title"]              # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from newsdesk.errors import (
    BudgetError,
    ConfigError,
    ExtraError,
    FetchError,
    IngestError,
    LockedError,
    NewsdeskError,
    NotFoundError,
    ParseError,
    PipelineError,
    QueryError,
    SchemaError,
    StageError,
    StoreError,
    WorkerError,
)
from newsdesk.records import Article, Entity, Failure, IngestReport, Mention, Quote, Span, SpeakerKind, StageReport
from newsdesk.settings import VERSION as __version__
from newsdesk.settings import Settings, home
from newsdesk.settings import load as load_settings

if TYPE_CHECKING:
    from newsdesk.claims.stance import claim_stance, claim_stances
    from newsdesk.corpus import Corpus
    from newsdesk.corpus import open_corpus as open
    from newsdesk.extract.sentiment import target_sentiment, target_sentiments
    from newsdesk.frame.loaded import loaded_phrases

__all__ = [
    "Article",
    "BudgetError",
    "ConfigError",
    "Corpus",
    "Entity",
    "ExtraError",
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
    "home",
    "load_settings",
    "loaded_phrases",
    "open",
    "target_sentiment",
    "target_sentiments",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    # The corpus (its pipeline, the store) loads on first use, so `newsdesk --version` starts at once.
    if name in ("Corpus", "open"):
        from newsdesk import corpus

        value = corpus.Corpus if name == "Corpus" else corpus.open_corpus
        globals()[name] = value
        return value
    if name in ("claim_stance", "claim_stances"):
        from newsdesk.claims import stance

        value = getattr(stance, name)
        globals()[name] = value
        return value
    if name == "loaded_phrases":
        from newsdesk.frame import loaded

        globals()[name] = loaded.loaded_phrases
        return loaded.loaded_phrases
    if name in ("target_sentiment", "target_sentiments"):
        from newsdesk.extract import sentiment

        value = getattr(sentiment, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
