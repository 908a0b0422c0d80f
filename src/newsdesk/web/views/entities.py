"""An entity's page: its names, roles, mentions and quotes."""

from __future__ import annotations

from starlette.requests import Request

from newsdesk.corpus import Corpus
from newsdesk.web.page import Page

__all__ = ["entity"]


def entity(corpus: Corpus, request: Request) -> Page:
    """One entity with where it is mentioned and what it said.

    Raises:
        NotFoundError: no entity has that id.
    """
    found = corpus.entity(request.path_params["entity_id"])
    return Page("entity.html", {"entity": found}, {"spans": found["mention_spans"], "quotes": found["quotes"]})
