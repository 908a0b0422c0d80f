"""A story's claims as its page shows them: one page of claim cards, ranked, counted and cut in SQL.

Each card has its independent origins (own reporting or relayed), its first supporting articles' spans and the
contradictions it is a side of (:mod:`newsdesk.claims.summary`). The page reads the story's support rows (small:
no text), ranks them, then reads only the page's clusters; conflicts are sought for the page's clusters alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

from newsdesk.claims import summary as claim_summary
from newsdesk.digest import lists

__all__ = [
    "COMPARED",
    "FILTERS",
    "SAMPLED",
    "Ranked",
    "kept_page",
    "known_conflicts",
    "later_pages",
    "page",
    "page_and_clusters",
    "ranked_page",
]

FILTERS = ("outlet", "event", "since", "until", "window")
SAMPLED = 40  # support rows of each cluster a page computed at request time reads (decision 0038)
COMPARED = 40  # claims of each cluster the digest's contradiction search compares (decision 0045)
HEADS_READ = 500  # clusters whose heads one query reads


class Reader(Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def claim_rows(
        self, story_ids: list[str] | None = None, *, each: int | None = None, cluster_ids: list[str] | None = None
    ) -> list[dict[str, Any]]: ...


class Ranked(NamedTuple):
    """What :func:`page_and_clusters` found: the page's ``cards``, the story's ``clusters`` (or None): a function
    giving every claim cluster of the story, worked out when called (their slots as stored, not made readable: the
    framing reads none), the ids of every cluster in the ranking (``order``) and what a card shows of each of them
    (``backed``, as :func:`newsdesk.claims.summary.corroborated` gives it), when it ranked them all (else empty)."""

    cards: list[dict[str, Any]]
    clusters: Callable[[], list[dict[str, Any]]] | None
    order: list[str]
    backed: dict[str, dict[str, Any]]


def page(
    view: Reader,
    story_id: str,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = None,
    conflicts: dict[str, list[dict[str, Any]]] | None = None,
    **filters: Any,
) -> list[dict[str, Any]]:
    """One page of a story's (exact id) claim cards, most independent origins first (``sort`` as
    :mod:`newsdesk.store.story_claims`), each carrying ``total``, the clusters in all; ``filters`` are the story
    page's (``outlet``, ``event``, ``since``, ``until``; ``window``: the articles of a bounded view).

    ``conflicts``: the contradictions already known of the story's clusters (cluster id to a card's
    ``contradicts``, as the story's digest has them for its leading clusters). With it, a page costs what its
    rows cost: clusters are ranked in SQL (origins counted by ``story_claims``), and a cluster's contradictions are
    taken from it rather than sought among every claim of the story (a cluster it lacks shows none). Without it,
    as the digest stage computes its page: ranked by :func:`newsdesk.claims.summary.ranked` over the story's
    support rows, and each shown cluster compared with every other cluster of the story."""
    found = page_and_clusters(view, story_id, limit=limit, offset=offset, sort=sort, conflicts=conflicts, **filters)
    return found.cards


def page_and_clusters(
    view: Reader,
    story_id: str,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = None,
    conflicts: dict[str, list[dict[str, Any]]] | None = None,
    **filters: Any,
) -> Ranked:
    """:func:`page`, with every claim cluster of the story when it compared them to find the page's contradictions
    (as :func:`newsdesk.claims.summary.clusters` gives them with only the page's conflicts sought), else None:
    what the framing of the same story (:func:`newsdesk.digest.framing.read`) would read and cluster again, given
    as a function that works them out when called (the clusters compared by their first ``COMPARED`` claims only
    are read whole then; the others are those compared, already read whole); and the ids of every cluster in the
    ranking with what a card shows of each, when it ranked them all (the default order, no conflicts given: as the
    digest computes its page; else none): the digest's later pages of the list are worked out from them
    (:func:`later_pages`)."""
    filters = {k: v for k, v in filters.items() if k in FILTERS and v}
    if sort in (None, "size") and conflicts is None:
        # Most independent origins first: counted exactly (copies, relays and the outlet relayed as one), over
        # the support rows of the story, which are small (no text); only the page's clusters are then read.
        backed = claim_summary.corroborated(view.query("story_claim_support", story_id=story_id, **filters))
        order = claim_summary.ranked(backed)
        ids = order[offset : offset + limit]
        rows = view.query("story_claims", story_id=story_id, ids=ids, limit=len(ids), **filters)
        place = {cid: i for i, cid in enumerate(ids)}
        rows = sorted(rows, key=lambda r: place[r["id"]])
        for row in rows:
            row["total"] = len(order)
        shown = {cid: backed[cid] for cid in ids}
    else:
        order, backed = [], {}
        rows = view.query("story_claims", story_id=story_id, limit=limit, offset=offset, sort=sort, **filters)
        ids = [r["id"] for r in rows]
        # For a page (conflicts known), the first SAMPLED support rows of each cluster: enough for its first
        # articles and most of its origins; a larger cluster's counts are then SQL's.
        each = SAMPLED if conflicts is not None else None
        support = view.query("story_claim_support", story_id=story_id, cluster_ids=ids, each=each, **filters)
        shown = claim_summary.corroborated(support)
    if not rows:
        return Ranked([], None, order, backed)
    if conflicts is not None:
        return Ranked(_sampled_cards(rows, support, shown, conflicts), None, order, backed)
    # The conflicts of the clusters shown only: the story's other clusters are read, but not compared. Each
    # cluster is compared by its first COMPARED claims (decision 0045: a story of 20,000 articles holds clusters
    # of thousands of claims, most of them one sentence again); the sides of the conflicts found are then read
    # whole, for what the cards say of them.
    first_rows = view.claim_rows([story_id], each=COMPARED)
    # Slots as stored: only the sides of the conflicts found show theirs (made readable below); the framing,
    # which takes the clusters, reads none. A cluster's record is made only where it is read: a side's here, and
    # every one when the framing asks (it reads them on a story of several outlet groups only).
    found = claim_summary.compared(first_rows, only=set(ids), slots=False)
    found_conflicts = found.conflicts
    sides = sorted({c.a for c in found_conflicts} | {c.b for c in found_conflicts})
    # The clusters compared are the story's whole clusters but for those cut at COMPARED claims: a side of a
    # conflict is taken as compared unless it was cut (a cluster is worked out from its own rows alone, and which
    # conflicts it is a side of is not read here), and the clusters cut are read whole once: the sides' here, the
    # others' when the framing of the story asks for every cluster, which then reuses them rather than reading and
    # clustering every claim again.
    held = Counter(first["cluster_id"] for first in first_rows)
    cut = [cid for cid, n in held.items() if n >= COMPARED]
    whole_of: dict[str, dict[str, Any]] = {}

    def read_whole(wanted: list[str]) -> None:
        if wanted:
            read = view.claim_rows([story_id], cluster_ids=wanted)
            whole_of.update((c["id"], c) for c in claim_summary.clusters(read, only=set(), slots=False)[0])

    read_whole(sorted(set(cut) & set(sides)))
    every = [claim_summary.readable_slot(whole_of.get(cid) or found.record(cid)) for cid in sides]
    contradictions = claim_summary.contradictions(every, found_conflicts)
    cards = claim_summary.cards(rows, shown, contradictions)
    cards = [{**card, "total": rows[0]["total"]} for card in cards]

    def clusters() -> list[dict[str, Any]]:
        # The clusters cut, read whole (in the story's order, where they were); the sides' already are.
        read_whole([cid for cid in cut if cid not in whole_of])
        return [whole_of.get(c["id"], c) for c in found.records()]

    return Ranked(cards, clusters, order, backed)


def _sampled_cards(
    rows: list[dict[str, Any]],
    support: list[dict[str, Any]],
    backed: dict[str, dict[str, Any]],
    conflicts: dict[str, list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """The cards of ``rows`` (clusters counted in SQL, in the page's order) from their first ``SAMPLED`` support
    rows each, their contradictions taken from ``conflicts``."""
    sampled = Counter(s["cluster_id"] for s in support)
    counted = {r["id"]: (int(r["origins"]), int(r["articles"])) for r in rows}
    cards = claim_summary.cards(rows, backed, [])
    for card in cards:
        card["contradicts"] = conflicts.get(card["id"], [])
        card["contested"] = bool(card["contradicts"])
        if sampled.get(card["id"], 0) >= SAMPLED:  # cut: the cluster's counts over all its rows, from SQL
            origins, articles = counted[card["id"]]
            card["independent"] = max(card["independent"], origins)
            card["relayed"] = card["independent"] - card["own"]
            card["single_source"] = card["independent"] == 1
            card["more_support"] = max(card["more_support"], articles - len(card["support"]))
    return [{**card, "total": rows[0]["total"]} for card in cards]


def _following(
    view: Reader, story_id: str, ids: list[str], backed: dict[str, dict[str, Any]], total: int
) -> list[dict[str, Any]]:
    """The cards of the clusters ``ids`` (in order) from ``backed`` (what a card shows of each, worked out from
    every support row of the cluster by :func:`newsdesk.claims.summary.corroborated`), each with ``total``:
    counted as ``story_claims`` counts them (articles, first publication), no contradiction sought."""
    heads: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), HEADS_READ):  # a query's parameters are bounded (SQLite's at 32,766)
        chunk = ids[i : i + HEADS_READ]
        heads.update((h["id"], h) for h in view.query("story_claim_heads", story_id=story_id, ids=chunk))
    rows = [
        {**heads[cid], "articles": backed[cid]["articles"], "first": backed[cid]["first"]}
        for cid in ids
        if cid in heads and cid in backed
    ]
    return [{**card, "total": total} for card in claim_summary.cards(rows, backed, [])]


def ranked_page(view: Reader, story_id: str, ids: list[str], total: int) -> list[dict[str, Any]]:
    """The cards of the clusters ``ids`` (of the story's ranking, in order, as the digest kept it), each with
    ``total``: the support rows of these clusters only are read (on the cluster index), and the cards are the
    ones the digest works out from every support row of the story (:func:`later_pages`), exact, with no
    contradiction sought."""
    support = view.query("story_claim_support", story_id=story_id, cluster_ids=ids) if ids else []
    return _following(view, story_id, ids, claim_summary.corroborated(support), total)


def later_pages(
    view: Reader, story_id: str, order: list[str], backed: dict[str, dict[str, Any]], *, first: int
) -> list[list[dict[str, Any]]]:
    """The pages of the claims list after its ``first`` clusters (of ``order``, the story's whole ranking, with
    ``backed`` what a card shows of each), as the digest keeps them (decision 0020): on the first
    ``lists.CLAIM_PAGES`` pages every card; on later ones the cards of clusters of more than ``lists.SMALL``
    support rows, and in a small cluster's place its id (``{"id", "total", "small": true}``), its card worked out
    when its page is read (:func:`kept_page`), from its few support rows. Each card carries ``total``."""
    total = len(order)
    pages: list[list[dict[str, Any]]] = []
    for start in range(first, total, lists.PER_PAGE):
        ids = order[start : start + lists.PER_PAGE]
        whole = len(pages) + 2 <= lists.CLAIM_PAGES
        kept = [cid for cid in ids if whole or backed[cid]["rows"] > lists.SMALL]
        cards = {c["id"]: c for c in _following(view, story_id, kept, backed, total)}
        pages.append([cards.get(cid, {"id": cid, "total": total, "small": True}) for cid in ids])
    return pages


def kept_page(view: Reader, story_id: str, kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page of the claims list as the digest kept it (:func:`later_pages`): its cards, those of its small
    clusters worked out now from their own support rows (:func:`ranked_page`), in the page's order."""
    small = [c["id"] for c in kept if c.get("small")]
    if not small:
        return kept
    found = {c["id"]: c for c in ranked_page(view, story_id, small, int(kept[0]["total"]))}
    return [found[c["id"]] if c.get("small") else c for c in kept if not c.get("small") or c["id"] in found]


def known_conflicts(cards: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The contradictions of the clusters of ``cards`` (a page as :func:`page` gives it, e.g. the digest's), by
    cluster id: what :func:`page` takes as ``conflicts``."""
    return {card["id"]: card["contradicts"] for card in cards}
