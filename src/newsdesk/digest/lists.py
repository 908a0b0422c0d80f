"""A story's full lists, unfiltered and in their default order, kept page by page by the digest stage.

A story's page links each section to its full list (``/stories/{id}/{section}``, 50 a page). Unfiltered, such a
list counts over every article of the story: on a story of 20,000 articles its speakers, sources, entities and
credits group hundreds of thousands of rows (0.2-1.2 s of CPU each). They depend only on the analysed data, so
the digest stage keeps the first :data:`KEPT` pages of each (``list:{section}:{page}``, each row carrying the
list's ``total``); a page past them, or one of a story changed since its digest, is computed as before. The
claims list keeps the order of its clusters instead (the digest's ranking, ``claims`` ids a page): a page of it
then reads its own clusters only (decision 0046).
"""

from __future__ import annotations

from typing import Any

from newsdesk.digest import claims as story_claims

__all__ = ["KEPT", "LISTED", "PER_PAGE", "compute", "name", "pages"]

PER_PAGE = 50  # rows a page of a full list shows (the web UI's pages)
KEPT = 10  # pages of each list kept: the first 500 rows
# The lists kept whole as rows (the articles list is cut on its covering index, cheap at any size; the claims
# list keeps its clusters' order, see :func:`compute`).
LISTED = ("events", "speakers", "outlets", "sources", "quotes", "credits", "origins", "entities")


def name(section: str, page: int) -> str:
    """The digest part holding one page of a section's list."""
    return f"list:{section}:{page}"


def pages(rows: list[dict[str, Any]], total: int) -> list[list[dict[str, Any]]]:
    """``rows`` (the first of a list of ``total``) cut into pages, each row carrying ``total``; an empty list is
    one empty page (which says the list has none)."""
    marked = [{**r, "total": total} for r in rows]
    return [marked[i : i + PER_PAGE] for i in range(0, len(marked), PER_PAGE)] or [[]]


def compute(view: story_claims.Reader, story_id: str, claim_order: list[str] | None = None) -> dict[str, Any]:
    """The kept pages of the story's (exact id) lists, by part name (:func:`name`). ``claim_order``: the ids of
    every claim cluster of the story, ranked as the claims list ranks them (most independent origins first),
    when at hand; the claims list's pages then hold their clusters' ids (the first page's cards are the digest's
    ``claims`` part)."""
    out: dict[str, Any] = {}
    for section in LISTED:
        rows = view.query(f"story_{section}", story_id=story_id, limit=PER_PAGE * KEPT)
        total = int(rows[0]["total"]) if rows else 0
        for number, page in enumerate(pages(rows, total), start=1):
            out[name(section, number)] = page
    if claim_order is not None:
        ids = claim_order[: PER_PAGE * KEPT]
        chunks = [ids[i : i + PER_PAGE] for i in range(0, len(ids), PER_PAGE)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            out[name("claims", number)] = {"ids": chunk, "total": len(claim_order)}
    return out
