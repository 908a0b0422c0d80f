"""An entity's page: its names, roles, mentions and quotes."""

from __future__ import annotations

from starlette.requests import Request

from newsdesk.corpus import Corpus
from newsdesk.errors import NotFoundError
from newsdesk.report import speech
from newsdesk.web.page import Page

__all__ = ["entity"]


def entity(corpus: Corpus, request: Request) -> Page:
    """One entity.

    Raises:
        NotFoundError: no such entity, or this corpus has no entities stage yet (the message says what to run).
    """
    found = speech.entity(corpus, request.path_params["entity_id"])
    if found is None:
        raise NotFoundError(speech.EMPTY_HINTS["entities"])
    spans = found.get("mention_spans") or [m for m in found.get("mentions") or [] if isinstance(m, dict)]
    return Page("entity.html", {"entity": found}, {"spans": spans, "quotes": found.get("quotes") or []})
