"""A story's full lists, unfiltered and in their default order, kept page by page by the digest stage.

A story's page links each section to its full list (``/stories/{id}/{section}``, 50 a page). Unfiltered, such a
list counts over every article of the story: on a story of 20,000 articles its speakers, sources, entities and
credits group hundreds of thousands of rows (0.2-1.2 s of CPU each). They depend only on the analysed data, so
the digest stage keeps every page of each (``list:{section}:{page}``): the first :data:`KEPT` pages as their rows
(each carrying the list's ``total``), the later ones compact (:func:`later`: the rows' values without their
keys; for quotes their rows' ids alone, for origins without their article's title, both read by id when the page
is read). A page of a story changed since its digest is computed as before. The claims list keeps every page: its
first is the digest's ``claims`` part, the next :data:`CLAIM_PAGES` hold every card, later ones the cards of
clusters of more than :data:`SMALL` support rows and the ids of the others, whose cards a page works out from
their few rows when read (decision 0020).
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = [
    "CLAIM_PAGES",
    "KEPT",
    "LISTED",
    "PER_PAGE",
    "RANKING",
    "SMALL",
    "compute",
    "later",
    "name",
    "pages",
    "read_later",
]

PER_PAGE = 50  # rows a page of a full list shows (the web UI's pages)
KEPT = 10  # pages of each list kept as their rows: the first 500 rows; the later ones are kept compact
WHOLE = 2**62  # the limit that asks a list for every row
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


def later(rows: list[dict[str, Any]], total: int) -> list[dict[str, Any]]:
    """``rows`` (a list's rows past its first :data:`KEPT` pages, as its query gives them, or for ``quotes`` as
    ``story_quote_rows`` does, for ``origins`` as ``story_origin_groups`` does) cut into pages kept compact, each
    ``{"total", "columns", "rows"}``: the rows' values in the order of ``columns`` (``total`` left out, it is
    the page's). :func:`read_later` makes a page's rows again."""
    if not rows:
        return []
    columns = [key for key in rows[0] if key != "total"]
    return [
        {"total": total, "columns": columns, "rows": [[r[c] for c in columns] for r in rows[i : i + PER_PAGE]]}
        for i in range(0, len(rows), PER_PAGE)
    ]


def read_later(view: Reader, section: str, kept: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a page :func:`later` kept, as the list's query gives them, each with ``total``: a quote read
    by its row, an origin's article title, outlet and date read by its id; nothing ranked or counted."""
    total = int(kept["total"])
    rows = [{**dict(zip(kept["columns"], values, strict=True)), "total": total} for values in kept["rows"]]
    if section == "quotes":
        return view.query("story_quotes_at", rows=[r["row"] for r in rows], total=total)
    if section == "origins":
        return view.query("story_origins_named", groups=rows)
    return rows


def _whole(view: Reader, story_id: str, section: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """A list's first :data:`KEPT` pages of rows, the rows after them as :func:`later` takes them, and its total:
    each list ranked once."""
    first = PER_PAGE * KEPT
    if section == "quotes":  # the quotes in order by row alone; the first pages' read whole by row
        order = view.query("story_quote_rows", story_id=story_id)
        head = view.query("story_quotes_at", rows=[r["row"] for r in order[:first]], total=len(order))
        return head, order[first:], len(order)
    if section == "origins":  # the groups in order; the first pages' named by their article
        groups = view.query("story_origin_groups", story_id=story_id, limit=WHOLE)
        total = int(groups[0]["total"]) if groups else 0
        return view.query("story_origins_named", groups=groups[:first]), groups[first:], total
    rows = view.query(f"story_{section}", story_id=story_id, limit=WHOLE)
    return rows[:first], rows[first:], int(rows[0]["total"]) if rows else 0


def compute(view: Reader, story_id: str, claims: list[list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Every page of the story's (exact id) lists, by part name (:func:`name`): the first :data:`KEPT` as rows
    (:func:`pages`), the later ones compact (:func:`later`). ``claims``: the claims list's pages after its first
    (the digest's ``claims`` part), as :func:`newsdesk.digest.claims.later_pages` gives them; kept as its pages
    from 2 on."""
    out: dict[str, Any] = {}
    for section in LISTED:
        head, rest, total = _whole(view, story_id, section)
        for number, page in enumerate(pages(head, total), start=1):
            out[name(section, number)] = page
        for number, compact in enumerate(later(rest, total), start=KEPT + 1):
            out[name(section, number)] = compact
    for number, page in enumerate(claims or [], start=2):
        out[name("claims", number)] = page
    return out
