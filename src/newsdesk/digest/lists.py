"""A story's full lists, unfiltered and in their default order, kept page by page by the digest stage.

A story's page links each section to its full list (``/stories/{id}/{section}``, 50 a page). Unfiltered, such a
list counts over every article of the story: on a story of 20,000 articles its speakers, sources, entities and
credits group hundreds of thousands of rows (0.2-1.2 s of CPU each). They depend only on the analysed data, so
the digest stage keeps the first :data:`KEPT` pages of each (``list:{section}:{page}``, each row carrying the
list's ``total``); a page past them, or one of a story changed since its digest, is computed as before. The
claims list keeps its first :data:`CLAIM_PAGES` pages: the digest's ``claims`` part, then the cards of the
clusters ranked next, worked out from the support rows the digest read to rank them; and the whole ranking, as
cluster ids (:data:`RANKING`): a later page reads its clusters' support rows only (decision 0020).
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["CLAIM_PAGES", "KEPT", "LISTED", "PER_PAGE", "RANKING", "compute", "name", "pages"]

PER_PAGE = 50  # rows a page of a full list shows (the web UI's pages)
KEPT = 10  # pages of each list kept: the first 500 rows
CLAIM_PAGES = 4  # pages of the claims list kept (a card weighs about 2 KB): its first 200 clusters
# The lists kept whole as rows (the articles list is cut on its covering index, cheap at any size; the claims
# list's first page is the digest's ``claims`` part, the next ones are kept here).
# The part holding the ids of every claim cluster of the story, ranked as the claims list ranks them (most
# independent origins first): a page past the kept ones reads its 50 ids there and works out only their cards.
RANKING = "list:claims:ranking"
LISTED = ("events", "speakers", "outlets", "sources", "quotes", "credits", "origins", "entities")


class Reader(Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


def name(section: str, page: int) -> str:
    """The digest part holding one page of a section's list."""
    return f"list:{section}:{page}"


def pages(rows: list[dict[str, Any]], total: int) -> list[list[dict[str, Any]]]:
    """``rows`` (the first of a list of ``total``) cut into pages, each row carrying ``total``; an empty list is
    one empty page (which says the list has none)."""
    marked = [{**r, "total": total} for r in rows]
    return [marked[i : i + PER_PAGE] for i in range(0, len(marked), PER_PAGE)] or [[]]


def compute(
    view: Reader, story_id: str, claims: list[dict[str, Any]] | None = None, ranking: list[str] | None = None
) -> dict[str, Any]:
    """The kept pages of the story's (exact id) lists, by part name (:func:`name`). ``claims``: the cards of the
    claim clusters ranked after the first page's (the digest's ``claims`` part), each with ``total``, as
    :func:`newsdesk.digest.claims.page_and_clusters` gives them; kept as the claims list's pages from 2 on.
    ``ranking``: the ids of every claim cluster of the story in that ranking, kept whole (:data:`RANKING`) for
    the claims list's later pages."""
    out: dict[str, Any] = {}
    for section in LISTED:
        rows = view.query(f"story_{section}", story_id=story_id, limit=PER_PAGE * KEPT)
        total = int(rows[0]["total"]) if rows else 0
        for number, page in enumerate(pages(rows, total), start=1):
            out[name(section, number)] = page
    for i in range(0, len(claims or []), PER_PAGE):
        out[name("claims", 2 + i // PER_PAGE)] = (claims or [])[i : i + PER_PAGE]
    if ranking is not None:
        out[RANKING] = ranking
    return out
