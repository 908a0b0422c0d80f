"""newsdesk: follow developing news stories across many outlets.

>>> import newsdesk
>>> desk = newsdesk.open("news.db")          # doctest: +SKIP
>>> report = desk.ingest(["articles/"])      # doctest: +SKIP
>>> desk.articles()[0]["title"]              # doctest: +SKIP
"""

from __future__ import annotations

import logging

from newsdesk.claims.stance import claim_stance, claim_stances
from newsdesk.corpus import Corpus
from newsdesk.corpus import open_corpus as open
from newsdesk.errors import (
    BudgetError,
    ConfigError,
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
)
from newsdesk.records import Article, Entity, Failure, IngestReport, Mention, Quote, Span, SpeakerKind, StageReport
from newsdesk.settings import VERSION as __version__
from newsdesk.settings import Settings, home
from newsdesk.settings import load as load_settings

__all__ = [
    "Article",
    "BudgetError",
    "ConfigError",
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
    "__version__",
    "claim_stance",
    "claim_stances",
    "home",
    "load_settings",
    "open",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
