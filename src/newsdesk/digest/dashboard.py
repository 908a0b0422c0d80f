"""A story's dashboard as its page shows it: the summary band, the coverage by day, each section's first few items
with the section's total, the articles shown inside each event, and what the filter form offers.

On a story of thousands of articles these reads cost a first view up to a second (the quotes grouped by speaker
and by route, the entities of every mention, the credits of every article); they depend only on the analysed data,
so the digest stage works out the unfiltered dashboard once, and a page with filters or another sort computes its
own, each section counted and cut in SQL (:mod:`newsdesk.store.story`). The page adds its titles and links.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from newsdesk.digest import claims as story_claims

__all__ = ["CHOICES", "CLAIMS_COUNTED", "EVENT_ARTICLES", "NEEDS", "TOPS", "WINDOW", "choices", "compute", "window"]

# How many items the dashboard shows of each section, in the page's order.
TOPS = {
    "events": 8,
    "speakers": 10,
    "outlets": 10,
    "sources": 10,
    "quotes": 6,
    "articles": 8,
    "credits": 8,
    "origins": 6,
    "claims": 6,
    "entities": 12,
}
# The stage a section's list comes from: without it in the pipeline the section is empty, and says why.
NEEDS = {"speakers": "quotes", "sources": "quotes", "quotes": "quotes", "entities": "entities"}
EVENT_ARTICLES = 6  # articles shown inside each event on the dashboard
CHOICES = 50  # outlets and events offered in the filter form (the largest; any other can be typed in the URL)
# Most articles a view computed at request time counts over (a filtered or sorted dashboard, a story's full
# lists): the latest that pass its filters. Its cost then stays bounded whatever the story's size; a story or a
# filter with more says how many it counted (decision 0038).
WINDOW = 250
# Of those, the latest articles whose claims a bounded dashboard's Claims section ranks (its six cards): ranking
# claims costs most of such a view (every support row of the articles counted by origin), and the section says
# so when it counted fewer than the page (decision 0020). The full claims list counts over the whole window.
CLAIMS_COUNTED = 100


# The named read queries, and the claim rows of the claims section.
Reader = story_claims.Reader


def _total(view: Reader, name: str, story_id: str, filters: dict[str, Any], rows: list[dict[str, Any]]) -> int:
    """The rows a list has in all: carried by its rows when it has some, else counted."""
    if rows and "total" in rows[0]:
        return int(rows[0]["total"])
    return int(view.query(f"story_{name}_count", story_id=story_id, **filters)[0]["total"])


def compute(
    view: Reader,
    story_id: str,
    filters: dict[str, Any] | None = None,
    *,
    sort: str | None = None,
    claims: Sequence[dict[str, Any]] | None = None,
    conflicts: dict[str, list[dict[str, Any]]] | None = None,
    offered: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The dashboard of a story (exact id) with the page's ``filters`` and ``sort``: ``summary``, ``days``,
    ``listed`` (the quotes of listed speakers), ``sections`` (each its ``total`` and first ``items``, without their
    ``total``; events with ``articles_shown``; claims, in a view bounded to more than :data:`CLAIMS_COUNTED`
    articles, with ``counted``: the window's ``articles`` and the latest ``counted`` its claims were ranked over)
    and ``choices`` (the ``outlets`` and ``events`` the filter form offers, unfiltered). ``claims``: the first
    page of the story's claim cards when already at hand (the digest's own), else read with the filters
    (``conflicts``: the contradictions already known, as :func:`newsdesk.digest.claims.page` takes them;
    ``offered``: the ``choices`` when already at hand). Every section is read whatever the pipeline: the page
    empties those whose stage it lacks (:data:`NEEDS`)."""
    filters = dict(filters or {})
    summary = view.query("story_summary", story_id=story_id, **filters)[0]
    days = view.query("story_days", story_id=story_id, **filters)
    quoted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    listed = 0
    tops = {"speakers": TOPS["speakers"], "sources": TOPS["sources"]}
    for row in view.query("story_quoted", story_id=story_id, **tops, sort=sort, **filters):
        listed = row.pop("listed")
        quoted[row.pop("part")].append(row)
    sections: dict[str, dict[str, Any]] = {}
    claim_filters, claims_counted = filters, None
    if filters.get("window"):
        latest = json.loads(filters["window"])
        if len(latest) > CLAIMS_COUNTED:
            claim_filters = {**filters, "window": json.dumps(latest[:CLAIMS_COUNTED])}
            claims_counted = {"articles": len(latest), "counted": CLAIMS_COUNTED}
    for name, top in TOPS.items():
        if name in quoted or name in ("speakers", "sources"):
            rows = quoted[name]
        elif name == "claims":
            if claims is None:
                rows = story_claims.page(view, story_id, limit=top, sort=sort, conflicts=conflicts, **claim_filters)
            else:
                rows = list(claims[:top])
        else:
            rows = view.query(f"story_{name}", story_id=story_id, limit=top, sort=sort, **filters)
        total = _total(view, name, story_id, claim_filters if name == "claims" else filters, rows)
        sections[name] = {"total": total, "items": [{k: v for k, v in r.items() if k != "total"} for r in rows]}
        if name == "claims" and claims_counted is not None and claims is None:
            sections[name]["counted"] = claims_counted
    shown = [e["id"] for e in sections["events"]["items"]]
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if shown:
        found = view.query("story_event_articles", story_id=story_id, event_ids=shown, each=EVENT_ARTICLES, **filters)
        for row in found:
            members[row["event_id"]].append({k: v for k, v in row.items() if k != "rank"})
    for event in sections["events"]["items"]:
        event["articles_shown"] = members[event["id"]]
    return {
        "summary": summary,
        "days": days,
        "listed": listed,
        "sections": sections,
        "choices": offered if offered is not None else choices(view, story_id),
    }


def choices(view: Reader, story_id: str) -> dict[str, Any]:
    """What the filter form of a story's pages offers: its :data:`CHOICES` largest ``outlets`` and ``events``
    (id, title, articles), unfiltered."""
    outlets = [o["outlet"] for o in view.query("story_outlets", story_id=story_id, limit=CHOICES) if o["outlet"]]
    events = [
        {"id": e["id"], "title": e["title"] or e["id"], "articles": e["articles"]}
        for e in view.query("story_events", story_id=story_id, limit=CHOICES, sort="size")
    ]
    return {"outlets": outlets, "events": events}


def window(view: Reader, story_id: str, filters: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int] | None]:
    """``filters`` with ``window``: the ids of the :data:`WINDOW` latest articles of the story (exact id) that pass
    them, through which every list is then read (an index lookup each, not a walk over the story); and what was
    counted (``articles`` passing the filters, ``counted``) when more pass, else None (the window is exact)."""
    latest = view.query("story_window", story_id=story_id, limit=WINDOW, **filters)
    bounded = {**filters, "window": json.dumps([r["id"] for r in latest])}
    passing = int(latest[0]["total"]) if latest else 0
    if passing <= WINDOW:
        return bounded, None
    return bounded, {"articles": passing, "counted": WINDOW}
