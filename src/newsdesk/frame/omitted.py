"""Facts an outlet leaves out: the story's claims that two or more other independent origins carry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["OMITTED", "omissions"]

OMITTED = 10  # claims listed as left out, per group


def omissions(
    clusters: Sequence[Mapping[str, Any]],
    group_of: Mapping[str, str],
    event_of: Mapping[str, str | None],
    *,
    min_origins: int = 2,
) -> dict[str, list[dict[str, Any]]]:
    """Per group, the story's claims (claim clusters) that none of its articles carries while ``min_origins`` or
    more independent origins of other groups do, among the events the group covered; most origins first.

    A group that did not report an event is not said to leave out that event's facts.
    """
    covered: dict[str, set[str | None]] = {}
    for article_id, group in group_of.items():
        covered.setdefault(group, set()).add(event_of.get(article_id))
    out: dict[str, list[dict[str, Any]]] = {}
    for group, events in covered.items():
        missing = []
        for cluster in clusters:
            carriers = {group_of.get(a) for a in cluster["article_ids"]}
            if group in carriers:
                continue
            if cluster.get("event_id") and cluster["event_id"] not in events:
                continue
            origins = list(cluster.get("independent_origins") or [])
            if len(origins) < min_origins:
                continue
            support = cluster["support"][0] if cluster.get("support") else {}
            missing.append(
                {
                    "claim_id": cluster["id"],
                    "text": cluster["text"],
                    "origins": len(origins),
                    "carried_by": sorted(g for g in carriers if g),
                    "evidence": {k: support.get(k) for k in ("article_id", "start", "end")},
                }
            )
        out[group] = sorted(missing, key=lambda m: -m["origins"])[:OMITTED]
    return out
