"""How many independent origins back a claim cluster, and which: a copy or rewrite of one report counts once.

Each supporting article belongs to an origin group (the origins stage: copies of one original, or articles of
one event crediting one outlet). A claim the article credits to an outlet ("according to the Telegraph") is
*relayed*: its origin is that outlet. A claim the article makes itself is *own reporting*: its origin is the
article's origin group, named by its outlet (or its article id when no outlet is known). Relayed claims and own
reporting of one origin group are one origin, named for the outlet relayed. A cluster that one origin alone
makes is single-source.

An AI-written aggregate ("This content is AI-generated based on source articles": the article's ``ai_generated``
flag) restates reports it does not name. Its own reporting is listed as an origin but not counted beside any other
origin (it is presumed to restate it): a claim that CNN and such an aggregate make has one independent origin, not
two. A claim that aggregates alone make rests on one of them (counted once: two aggregates may restate one report).

Each member's stance toward its cluster comes from a stance function (:data:`StanceFn`); until a stance model is
plugged in, :func:`rule_stances` decides from the claim's modality: a questioned claim discusses, others support.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from newsdesk import outlets
from newsdesk.records import Claim, Modality

__all__ = ["StanceFn", "corroborate", "origin_key", "origins_of", "rule_label", "rule_stances"]

# (claim text, article text) pairs -> one {"label", "confidence", "start", "end"} each, in order.
StanceFn = Callable[[Sequence[tuple[str, str]]], list[dict[str, Any]]]


def rule_stances(pairs: Sequence[tuple[str, str]], claims: Sequence[Claim] = ()) -> list[dict[str, Any]]:
    """The default stance of each member toward its cluster: ``supports`` when it asserts or relays the claim
    (hedged included), ``discusses`` when it questions it. The evidence is the member claim's own span."""
    out = []
    for i, _ in enumerate(pairs):
        claim = claims[i] if i < len(claims) else None
        out.append(
            {
                "label": rule_label(claim),
                "confidence": claim.confidence if claim else 0.5,
                "start": claim.start if claim else 0,
                "end": claim.end if claim else 0,
            }
        )
    return out


def rule_label(claim: Claim | None) -> str:
    """:func:`rule_stances`' label of one member claim (None: not known): ``discusses`` when it questions the
    claim, else ``supports``."""
    return "discusses" if claim is not None and claim.modality == Modality.QUESTIONED else "supports"


@lru_cache(maxsize=4096)
def _bare(outlet: str) -> str:
    # Asked for each support row of a cluster: a store's outlets are few, so each is worked out once.
    return re.sub(r"^the\s+", "", " ".join(outlet.split()).casefold())


def _group_name(origin: str, rows: Sequence[dict[str, Any]]) -> str:
    """An origin group's name: the outlet of its original (its earliest article, ``origin``) where the cluster holds
    it, as a story's origins list names it, else of its first row (an outlet not stated: the article's id)."""
    first = next((r for r in rows if r["article_id"] == origin), rows[0])
    return str(first.get("outlet") or first["article_id"])


def origin_key(row: dict[str, Any]) -> tuple[str, str]:
    """The origin of one support row: ("outlet", name) when relayed, else ("group", origin group id)."""
    claim: Claim = row["claim"]
    if claim.via:
        return "outlet", _bare(claim.via[0])
    return "group", row.get("origin") or row["article_id"]


def corroborate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The support of one cluster from its rows (each with ``article_id``, ``origin``, ``outlet``, ``claim``, and
    ``ai_generated`` where the article is an AI-written aggregate): ``support`` (one per row, with ``origin`` named
    and ``relayed``), ``origins`` (each ``name``, ``articles``, ``relaying``, ``own``, ``counted``: whether it is
    independent), ``independent_origins`` (the names of those counted) and ``single_source``."""
    names, found = origins_of(rows)
    support = [{**r, "origin": name, "relayed": bool(r["claim"].via)} for r, name in zip(rows, names, strict=True)]
    return {"support": support, **found}


def origins_of(rows: Sequence[dict[str, Any]]) -> tuple[list[str], dict[str, Any]]:
    """:func:`corroborate` but for its ``support``: the origin named for each row, in order (a row is relayed when
    its claim credits an outlet), and ``origins``, ``independent_origins`` and ``single_source``; for a reader of
    a few fields of each row, which needs no copy of it."""
    if len(rows) == 1:  # most clusters: one claim, one origin
        return _alone(rows[0])
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # An outlet's name wins over a group id, so the merged origin is named for the outlet relayed.
            keep, drop = (ra, rb) if ra[0] == "outlet" or rb[0] != "outlet" else (rb, ra)
            parent[drop] = keep

    keys = [origin_key(r) for r in rows]
    for row, key in zip(rows, keys, strict=True):
        find(key)
        group = ("group", row.get("origin") or row["article_id"])
        union(key, group)  # relayed and own claims of one origin group are one origin
    credited = {k for k in keys if k[0] == "outlet"}
    # A credited outlet by each way its name may be spelled as an article's own outlet ("Harbour Gazette" and
    # "harbourgazette.example", "MPA" and "Meridian Press Agency": ``newsdesk.outlets.links``), as written.
    spelled = {
        link: ("outlet", _bare(v))
        for row in rows
        for v in row["claim"].via
        for link in outlets.links(v)[0]
        if ("outlet", _bare(v)) in credited
    }
    for row in rows:
        # The outlet credited and its own report are one origin: "according to the Lorvan Times" and the Lorvan
        # Times' article count once, named for it.
        outlet = row.get("outlet") or ""
        own = ("outlet", _bare(outlet))
        if spelled and own not in credited:
            own = next((spelled[k] for k in outlets.links(outlet)[1] if k in spelled), own)
        if own in credited:
            union(own, ("group", row.get("origin") or row["article_id"]))
    # Each origin is named once, from one pass over the rows (not a pass per origin: a cluster of hundreds of
    # articles has dozens of origins): an outlet as the first row crediting it writes it, a group by its rows.
    written: dict[str, str] = {}
    of_root: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row, key in zip(rows, keys, strict=True):
        for v in row["claim"].via:
            written.setdefault(_bare(v), v)
        of_root.setdefault(find(key), []).append(row)
    names: dict[tuple[str, str], str] = {}
    for key in keys:
        root = find(key)
        if root in names:
            continue
        if root[0] == "outlet":
            names[root] = written.get(root[1], root[1])  # as the article writes it
        else:
            names[root] = _group_name(root[1], of_root[root])
    origins: dict[tuple[str, str], dict[str, Any]] = {}
    counted: dict[tuple[str, str], set[str]] = {}
    named = []
    for row, key in zip(rows, keys, strict=True):
        root = find(key)
        relayed = bool(row["claim"].via)
        entry = origins.setdefault(
            root, {"name": names[root], "articles": [], "relaying": 0, "own": False, "counted": False}
        )
        seen = counted.setdefault(root, set())
        if row["article_id"] not in seen:
            seen.add(row["article_id"])
            entry["articles"].append(row["article_id"])
            entry["relaying"] += relayed
            entry["own"] = entry["own"] or not relayed
        # An origin counts unless all its rows are AI-written aggregates' own reporting.
        entry["counted"] = entry["counted"] or relayed or not row.get("ai_generated")
        named.append(names[root])
    listed = list(origins.values())
    independent = [o for o in listed if o["counted"]]
    if not independent and listed:  # aggregates alone: the first counts, for all of them
        listed[0]["counted"] = True
        independent = listed[:1]
    found = {
        "origins": listed,
        "independent_origins": [o["name"] for o in independent],
        "single_source": len(independent) == 1,
    }
    return named, found


def _alone(row: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """:func:`origins_of` one row: its one origin, counted (an AI-written aggregate's too, alone), named for the
    first outlet it credits as written, else as its origin group is named (:func:`_group_name`)."""
    via = row["claim"].via
    relayed = bool(via)
    name = via[0] if relayed else _group_name(row.get("origin") or row["article_id"], (row,))
    origin = {"name": name, "articles": [row["article_id"]], "relaying": int(relayed), "own": not relayed}
    return [name], {"origins": [{**origin, "counted": True}], "independent_origins": [name], "single_source": True}
