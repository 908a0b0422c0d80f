"""The one exception tree of newsdesk.

Every error newsdesk raises on purpose derives from :class:`NewsdeskError`::

    NewsdeskError
    ├── ConfigError          bad setting, unknown key, bad value, unknown stage
    │   └── ExtraError       a setting or option needs an optional extra that is not installed (ray, parquet)
    ├── IngestError          one input item could not become an article
    │   ├── FetchError       a URL could not be fetched (refused, timeout, HTTP error, too large)
    │   └── ParseError       the bytes could not be read as an article (binary, empty, undecodable, malformed)
    ├── PipelineError        stages are wired wrongly (an unmet ``requires``), found before a run starts
    ├── StageError           a stage failed on one article; recorded in ``failures``, the run goes on
    │   ├── BudgetError      a stage went over its per-article budget (time, or characters it will parse)
    │   └── WorkerError      a worker process died (or hung) while a stage ran on one article
    ├── NotFoundError        an id or name that matches nothing in the store
    └── StoreError           the database cannot be opened, written or read
        ├── SchemaError      the database was written by a newer newsdesk, or its schema is damaged
        ├── QueryError       a search query with no word, too long, too many words, or over its time limit
        └── LockedError      another process is analysing the same database (or holds its write lock)

Messages say what failed, the offending value, and what to do about it. Only the front doors
(``cli/`` and ``web/``) translate these into exit codes or HTTP statuses.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "BudgetError",
    "ConfigError",
    "ExtraError",
    "FetchError",
    "IngestError",
    "LockedError",
    "NewsdeskError",
    "NotFoundError",
    "ParseError",
    "PipelineError",
    "QueryError",
    "SchemaError",
    "StageError",
    "StoreError",
    "WorkerError",
    "did_you_mean",
]


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""


class ConfigError(NewsdeskError):
    """A setting is unknown, malformed or out of range."""


class ExtraError(ConfigError):
    """A setting or option needs an optional extra that is not installed; the message says how to install it."""

    def __init__(self, what: str, extra: str, module: str) -> None:
        super().__init__(
            f"{what} needs the optional {module!r} package, which is not installed."
            f" Install it with: pip install 'newsdesk[{extra}]'"
        )
        self.extra = extra


class IngestError(NewsdeskError):
    """One input item could not be turned into an article.

    ``item`` is the path, URL or ``path#line`` of the item, so a report can name it.
    """

    def __init__(self, message: str, *, item: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.item = item
        self.hint = hint

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} ({self.hint})" if self.hint else text


class FetchError(IngestError):
    """A URL could not be fetched: refused address, timeout, HTTP error, oversize body."""


class ParseError(IngestError):
    """Bytes that could not be read as an article: binary, empty, undecodable, malformed."""


class PipelineError(NewsdeskError):
    """Stages are wired wrongly; raised before a run starts."""


class StageError(NewsdeskError):
    """A stage failed on one article. The runner records it and goes on."""

    def __init__(self, stage: str, article_id: str, cause: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed on article {article_id}: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.article_id = article_id
        self.cause = cause


class BudgetError(StageError):
    """A stage went over its budget on one article: ``[pipeline] item_seconds`` or ``[nlp] max_chars``.

    Recorded in ``failures`` like any stage failure; the batch goes on with the next article.
    """

    def __init__(self, stage: str, article_id: str, message: str) -> None:
        NewsdeskError.__init__(self, message)
        self.stage = stage
        self.article_id = article_id
        self.cause = self


class WorkerError(StageError):
    """A worker process died (killed, crashed in native code, out of memory) or stopped answering while a stage
    ran on one article, alone. Recorded in ``failures`` like any stage failure; the batch goes on.
    """

    def __init__(self, stage: str, article_id: str, message: str) -> None:
        NewsdeskError.__init__(self, message)
        self.stage = stage
        self.article_id = article_id
        self.cause = self


class NotFoundError(NewsdeskError):
    """An id or name that matches nothing in the store."""


class StoreError(NewsdeskError):
    """The store cannot be opened, written or read."""


class SchemaError(StoreError):
    """The database schema is newer than this newsdesk, or damaged."""


class QueryError(StoreError):
    """A search query with no word in it, too long, with too many words, or over its time limit (a query that is
    merely not FTS5 is searched as plain words)."""


class LockedError(StoreError):
    """Another process is analysing the same database, or held its write lock past the busy timeout."""


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """Return ' Did you mean 'x'?' for the closest choice, or '' when none is close."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" Did you mean {matches[0]!r}?" if matches else ""
