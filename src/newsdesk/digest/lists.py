"""A story's full lists, unfiltered and in their default order, kept page by page by the digest stage.

A story's page links each section to its full list (``/stories/{id}/{section}``, 50 a page). Unfiltered, such a
list counts over every article of the story: on a story of 20,000 articles its speakers, sources, entities and
credits group hundreds of thousands of rows (0.2-1.2 s of CPU each). They depend only on the analysed data, so
the digest stage keeps the first :data:`KEPT` pages of each (``list:{section}:{page}``, each row carrying the
list's ``total``); a page past them, or one of a story changed since its digest, is computed as before. The
claims list keeps every page: its first is the digest's ``claims`` part, the next :data:`CLAIM_PAGES` hold every
card, later ones the cards of clusters of more than :data:`SMALL` support rows and the ids of the others, whose
cards a page works out from their few rows when read (decision 0020).
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["CLAIM_PAGES", "KEPT", "LISTED", "PER_PAGE", "RANKING", "SMALL", "compute", "name", "pages"]

PER_PAGE = 50  # rows a page of a full list shows (the web UI's pages)
KEPT = 10  # pages of each list kept: the first 500 rows
CLAIM_PAGES = 4  # pages of the claims list kept whole (a card weighs 1-7 KB): its first 200 clusters
# On the claims list's later pages a cluster of at most this many support rows is kept as its id: its card is
# worked out when its page is read, from those rows (50 clusters of 4 rows: 200 rows to read), and a store of many
# small clusters does not keep a card for each. A larger cluster's card is kept: working it out reads every row.
SMALL = 4
# The part that held the ids of every claim cluster of the story, ranked (a digest made before the claims list's
# later pages were kept): such a page reads its 50 ids there and works out their cards, until the next digest.
RANKING = "list:claims:ranking"
# The lists kept whole as rows (the articles list is cut on its covering index, cheap at any size; the claims
# list's first page is the digest's ``claims`` part, the next ones are kept here).
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


def compute(view: Reader, story_id: str, claims: list[list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The kept pages of the story's (exact id) lists, by part name (:func:`name`). ``claims``: the claims list's
    pages after its first (the digest's ``claims`` part), as :func:`newsdesk.digest.claims.later_pages` gives
    them; kept as its pages from 2 on."""
    out: dict[str, Any] = {}
    for section in LISTED:
        rows = view.query(f"story_{section}", story_id=story_id, limit=PER_PAGE * KEPT)
        total = int(rows[0]["total"]) if rows else 0
        for number, page in enumerate(pages(rows, total), start=1):
            out[name(section, number)] = page
    for number, page in enumerate(claims or [], start=2):
        out[name("claims", number)] = page
    return out
