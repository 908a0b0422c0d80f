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
    published: Mapping[str, str | None] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Per group, the story's claims (claim clusters) that none of its articles carries while ``min_origins`` or
    more independent origins of other groups do, among the events the group covered; most origins first.

    A group that did not report an event is not said to leave out that event's facts, nor, when every article of
    the group is dated (``published``, by article id), a fact first reported after its latest article: an outlet
    that wrote on the day of a fire did not leave out the arrests of the next day.
    """
    covered: dict[str, set[str | None]] = {}
    latest: dict[str, str | None] = {}
    for article_id, group in group_of.items():
        covered.setdefault(group, set()).add(event_of.get(article_id))
        day = ((published or {}).get(article_id) or "")[:10] or None
        if group not in latest:
            latest[group] = day
        elif latest[group] is not None:
            latest[group] = None if day is None else max(day, latest[group] or day)
    out: dict[str, list[dict[str, Any]]] = {}
    for group, events in covered.items():
        missing = []
        for cluster in clusters:
            carriers = {group_of.get(a) for a in cluster["article_ids"]}
            if group in carriers:
                continue
            if cluster.get("event_id") and cluster["event_id"] not in events:
                continue
            first = (cluster.get("first_seen") or "")[:10]
            if first and latest.get(group) and first > (latest[group] or ""):
                continue  # reported only after the group's last article
            origins = list(cluster.get("independent_origins") or [])
            if len(origins) < min_origins:
                continue
            rows = cluster.get("support") or [{}]
            # The row the cluster's text is from, so that the evidence is where that text is written.
            support = next((s for s in rows if s.get("text") == cluster["text"]), rows[0])
            missing.append(
                {
                    "claim_id": cluster["id"],
                    "text": support.get("text") or cluster["text"],
                    "origins": len(origins),
                    "carried_by": sorted(g for g in carriers if g),
                    "evidence": {k: support.get(k) for k in ("article_id", "start", "end")},
                }
            )
        out[group] = sorted(missing, key=lambda m: -m["origins"])[:OMITTED]
    return out
