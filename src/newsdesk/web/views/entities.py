"""An entity's page: its names and type, each mention in its sentence grouped by story, its quotes, and the
entities named beside it."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from newsdesk.corpus import Corpus
from newsdesk.digest.entities import MENTIONS
from newsdesk.errors import NotFoundError
from newsdesk.web.page import Page, int_param
from newsdesk.web.views import positions

__all__ = ["LISTED", "MENTIONS_PER_PAGE", "QUOTES_PER_PAGE", "TYPE_WORDS", "entity"]

MENTIONS_PER_PAGE = MENTIONS  # the digest stage keeps a hub entity's first page of this many
QUOTES_PER_PAGE = 20
LISTED = 10  # names and roles of an entity shown at first; the others behind "N more"
# The entity types the model writes, as a reader says them.
TYPE_WORDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "group"}


def _pages(total: int, per_page: int, page: int, what: str, param: str) -> int:
    """How many pages ``total`` items fill (at least one); a ``page`` past the last is a 404 that says so."""
    pages = max(1, -(-total // per_page))
    if page > pages:
        raise NotFoundError(f"No {what} page {page}: there {'is' if pages == 1 else 'are'} {pages}. Try ?{param}=1.")
    return pages


def _by_story(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive mentions of one story as one group (the query orders them so), mentions outside a story last."""
    groups: list[dict[str, Any]] = []
    for m in mentions:
        if not groups or groups[-1]["id"] != m["story_id"]:
            groups.append({"id": m["story_id"], "title": m["story_title"], "mentions": []})
        item = {k: v for k, v in m.items() if k not in ("story_id", "story_title")}
        groups[-1]["mentions"].append({**item, "times": len(item["mentions"])})
    return groups


def entity(corpus: Corpus, request: Request) -> Page:
    """One entity: its name, type, aliases and roles; its mentions, each in its sentence with the article's
    title, outlet and date, grouped by story, 50 a page (``?page=N``); its quotes (words said or written), newest
    first, 20 a page (``?quotes=N``), and apart from them its views (decision 0037), 20 a page (``?views=N``);
    the entities most often named in the same articles; and its positions, a timeline chart an issue.

    Raises:
        NotFoundError: no entity has that id, or a page past the last.
    """
    card = corpus.entity_card(request.path_params["entity_id"])
    page = int_param(request, "page", 1)
    quote_page = int_param(request, "quotes", 1)
    view_page = int_param(request, "views", 1)
    pages = _pages(card["mentions"], MENTIONS_PER_PAGE, page, "mentions", "page")
    quote_pages = _pages(card["quotes"], QUOTES_PER_PAGE, quote_page, "quotes", "quotes")
    view_pages = _pages(card["views"], QUOTES_PER_PAGE, view_page, "views", "views")
    mentions = corpus.entity_mentions(card["id"], limit=MENTIONS_PER_PAGE, offset=(page - 1) * MENTIONS_PER_PAGE)
    quotes = corpus.entity_quotes(card["id"], limit=QUOTES_PER_PAGE, offset=(quote_page - 1) * QUOTES_PER_PAGE)
    views = (
        corpus.entity_quotes(card["id"], limit=QUOTES_PER_PAGE, offset=(view_page - 1) * QUOTES_PER_PAGE, views=True)
        if card["views"]
        else []
    )
    stances = positions.actor(corpus, card["id"])
    data = {
        "entity": card,
        "stories": _by_story(mentions),
        "page": page,
        "pages": pages,
        "quotes": quotes,
        "quote_page": quote_page,
        "quote_pages": quote_pages,
        "views": views,
        "view_page": view_page,
        "view_pages": view_pages,
        "stances": stances,
    }
    charts = [positions.timeline(s["evidence"]) for s in stances]
    return Page("entity.html", data, {"type_words": TYPE_WORDS, "stance_charts": charts, "shown": LISTED})
