"""Claim clusters as the ``claims`` and ``contradictions`` contracts give them, from the stored support rows.

Corroboration (:mod:`newsdesk.claims.corroborate`) and conflicts (:mod:`newsdesk.claims.contradict`) are worked
out here, when read, so that they always reflect the origins and clusters as they stand.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsdesk.claims import contradict, corroborate, extract
from newsdesk.records import Claim

__all__ = [
    "SHOWN",
    "Compared",
    "cards",
    "clusters",
    "compared",
    "contradictions",
    "corroborated",
    "ranked",
    "readable_slot",
]

SHOWN = 4  # supporting articles, and spans of each side of a contradiction, a claim card shows


@lru_cache(maxsize=4096)
def readable(slot: str, text: str) -> str:
    """``slot`` as a reader sees it: its content words, stored as stems ("polic men"), written as ``text`` (the
    claim they were taken from) writes them ("police men"); a stem ``text`` does not hold stays as it is."""
    unit, sep, words = slot.rpartition(" · ")
    if not words:
        return slot
    wanted = words.split()
    left = set(wanted)
    written: dict[str, str] = {}
    # Each stem as first written; the text is read only until every stem of the slot is found (a later word
    # changes none of them).
    for k, match in enumerate(extract.WORD.finditer(text)):
        word = match.group()
        key = extract.stem(word)
        if key not in written:
            written[key] = word.lower() if k == 0 and not word[1:].isupper() else word
            left.discard(key)
            if not left:
                break
    return unit + sep + " ".join(written.get(w, w) for w in wanted)


def _values(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for claim in claims:
        for v in claim.values:
            seen.setdefault(
                (v.kind, v.unit, v.value), {"kind": v.kind, "unit": v.unit, "value": v.value, "text": v.text}
            )
    return list(seen.values())


def clusters(
    rows: Sequence[dict[str, Any]],
    stances: corroborate.StanceFn | None = None,
    only: set[str] | None = None,
    *,
    slots: bool = True,
) -> tuple[list[dict[str, Any]], list[contradict.Conflict]]:
    """Every cluster of the rows (support rows of :meth:`Store.claim_rows`), with its support, independent
    origins, single-source flag and the clusters it contradicts or updates (with ``only``, the conflicts of those
    clusters alone). Without ``slots``, each cluster's ``slot`` is left as stored (stems), for a caller that reads
    the slot of a few clusters only and makes those :func:`readable` itself (:func:`readable_slot`)."""
    found = compared(rows, stances, only, slots=slots)
    return found.records(), found.conflicts


class Compared:
    """The clusters of support rows compared (:func:`compared`): their ``conflicts``, and each cluster's record as
    :func:`clusters` gives it, made when asked (:meth:`record`, :meth:`records`): a caller that shows a few of a
    story's clusters (the digest's claims page: the sides of the conflicts found) need not make them all."""

    def __init__(
        self,
        grouped: dict[str, list[dict[str, Any]]],
        origins: dict[str, tuple[list[str], dict[str, Any], list[str], list[str]]],
        conflicts: list[contradict.Conflict],
        stances: corroborate.StanceFn | None,
        slots: bool,
    ) -> None:
        self.ids = list(grouped)
        self.conflicts = conflicts
        self._grouped = grouped
        self._origins = origins
        self._stances = stances
        self._slots = slots

    def _record(self, cluster_id: str) -> dict[str, Any]:
        members = self._grouped[cluster_id]
        named, backing, article_ids, published = self._origins[cluster_id]
        first = members[0]
        claims = [m["claim"] for m in members]
        if self._stances is None:
            # rule_stances' labels, without its evidence (which nothing here reads)
            judged = [{"label": corroborate.rule_label(c)} for c in claims]
        else:
            judged = self._stances([(first["cluster_text"], m["claim"].text) for m in members])
        support = [
            {
                "article_id": s["article_id"],
                "claim_id": s["claim_id"],
                "outlet": s["outlet"],
                "origin": origin,
                "relayed": bool(s["claim"].via),
                "stance": j["label"],
                "start": s["claim"].start,
                "end": s["claim"].end,
                "text": s["claim"].text,
                "modality": str(s["claim"].modality),
                "asserted_by": s["claim"].asserted_by,
                "via": list(s["claim"].via),
            }
            for s, origin, j in zip(members, named, judged, strict=True)
        ]
        confidence = sum(c.confidence for c in claims) / len(claims)
        confidence = min(0.95, confidence + 0.05 * (len(backing["independent_origins"]) - 1))
        slot = first["cluster_slot"]
        return {
            "id": cluster_id,
            "story_id": first["story_id"],
            "event_id": first["cluster_event"],
            "text": first["cluster_text"],
            "slot": readable(slot, first["cluster_text"]) if self._slots else slot,
            "values": _values(claims),
            "modality": str(claims[0].modality),
            "article_ids": article_ids,
            "support": support,
            "origins": backing["origins"],
            "independent_origins": backing["independent_origins"],
            "single_source": backing["single_source"],
            "contradicts": [],
            "updates": [],
            "first_seen": published[0] if published else None,
            "confidence": round(confidence, 2),
        }

    def record(self, cluster_id: str) -> dict[str, Any]:
        """The record of one cluster, with the conflicts found that it is a side of (as :meth:`records` gives it)."""
        out = self._record(cluster_id)
        for conflict in self.conflicts:
            field = "updates" if conflict.update else "contradicts"
            if conflict.a == cluster_id:
                out[field].append(conflict.b)
            elif conflict.b == cluster_id:  # (a cluster whose own claims disagree is listed once)
                out[field].append(conflict.a)
        return out

    def records(self) -> list[dict[str, Any]]:
        """Every cluster's record, in the order of the rows (each cluster where its first row is)."""
        out = {cluster_id: self._record(cluster_id) for cluster_id in self.ids}
        for conflict in self.conflicts:
            field = "updates" if conflict.update else "contradicts"
            out[conflict.a][field].append(conflict.b)
            if conflict.b != conflict.a:  # (a cluster whose own claims disagree is listed once)
                out[conflict.b][field].append(conflict.a)
        return list(out.values())


def compared(
    rows: Sequence[dict[str, Any]],
    stances: corroborate.StanceFn | None = None,
    only: set[str] | None = None,
    *,
    slots: bool = True,
) -> Compared:
    """The clusters of the rows compared as :func:`clusters` compares them (with ``only``, the conflicts of those
    clusters alone; with ``only`` empty, none is sought), their records left to be made when asked."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["cluster_id"], []).append(row)
    origins: dict[str, tuple[list[str], dict[str, Any], list[str], list[str]]] = {}
    sides: dict[str, list[contradict.Side]] = {}
    search = only is None or bool(only)  # (no conflict is sought of no cluster: its sides need not be made)
    for cluster_id, members in grouped.items():
        first = members[0]
        # (each row's origin named, the rows not copied: corroborate's support but for the fields read here)
        named, backing = corroborate.origins_of(members)
        article_ids = list(dict.fromkeys(m["article_id"] for m in members))
        published = sorted(m["published"] for m in members if m["published"])
        origins[cluster_id] = (named, backing, article_ids, published)
        if not search:
            continue
        sides.setdefault(first["story_id"], []).append(
            contradict.Side(
                cluster_id=cluster_id,
                claims=[m["claim"] for m in members],
                article_ids=article_ids,
                published=published,
                origins=backing["independent_origins"],
                claim_articles=[m["article_id"] for m in members],
                claim_events=[m.get("event_id") for m in members],
                claim_published=[m.get("published") for m in members],
                claim_origins=[m.get("origin") or m["article_id"] for m in members],
            )
        )
    conflicts = [c for story_sides in sides.values() for c in contradict.find(story_sides, only)]
    return Compared(grouped, origins, conflicts, stances, slots)


def readable_slot(cluster: dict[str, Any]) -> dict[str, Any]:
    """``cluster`` as :func:`clusters` gives it without ``slots``, its ``slot`` made :func:`readable` (a copy)."""
    return {**cluster, "slot": readable(cluster["slot"], cluster["text"])}


def _slot(slot: str, conflict: contradict.Conflict) -> str:
    """What a conflict is about: the unit the two sides differ on ("storey", "people missing", "money per share",
    "date") and the first side's content words; a cluster's own slot names its first value's unit, which may be
    another."""
    if conflict.kind == "denial":
        return slot
    if conflict.kind in contradict.CATEGORICAL:
        return f"{conflict.kind} · {conflict.unit}"  # its unit is its subject ("whereabouts · Ana Ruiz")
    words = slot.split(" · ", 1)[1] if " · " in slot else slot
    unit = conflict.unit if conflict.kind in ("count", "money", "duration") else conflict.kind
    return " · ".join(x for x in (unit, words) if x)


def contradictions(
    found: Sequence[dict[str, Any]], conflicts: Sequence[contradict.Conflict], *, updates: bool = False
) -> list[dict[str, Any]]:
    """The contradictions among ``found`` (as :func:`clusters` gives them with ``conflicts``), each with both
    sides; with ``updates``, the changes over time instead."""
    by_id = {c["id"]: c for c in found}
    out = []
    for conflict in conflicts:
        cluster = by_id[conflict.a]
        if conflict.update == updates:
            sides = []
            for cid, value, shown, evidence, holders in zip(
                (conflict.a, conflict.b),
                conflict.values,
                conflict.shown,
                conflict.evidence,
                conflict.holders,
                strict=True,
            ):
                side = by_id[cid]
                rows = _holding(side, holders)
                # Its origins: those of the claims that give its value (each as counted in the cluster).
                named = list(dict.fromkeys(r["origin"] for r in rows))
                origins = [o for o in side["independent_origins"] if o in named] or named
                spans = [
                    {"article_id": s["article_id"], "start": s["start"], "end": s["end"], "outlet": s["outlet"]}
                    for s in rows
                ]
                text = side["text"]
                if evidence is not None:
                    # The sentence that gives this side's value is what it cites, first: the cluster's own text
                    # may be another of its claims, one that does not say the value.
                    at = evidence[:3]
                    spans.sort(key=lambda s: (s["article_id"], s["start"], s["end"]) != at)
                    text = evidence[3]
                sides.append(
                    {
                        "value": value,
                        "shown": shown or value,  # as the claim writes it ("$74.4 billion"): what a reader sees
                        "text": text,
                        "claim_id": cid,
                        "article_ids": list(dict.fromkeys(r["article_id"] for r in rows)),
                        "origins": origins,
                        "outlets": list(dict.fromkeys(r["outlet"] or r["article_id"] for r in rows)),
                        "spans": spans,
                    }
                )
            out.append(
                {
                    "id": f"{conflict.a}~{conflict.b}",
                    "story_id": cluster["story_id"],
                    "slot": _slot(cluster["slot"], conflict),  # (readable already: see clusters)
                    "kind": conflict.kind,
                    "unit": conflict.unit,
                    "update": conflict.update,
                    # Both values come from one origin: a copy or rewrite says other than its original.
                    "one_origin": conflict.one_origin,
                    "sides": sides,
                }
            )
    return out


def _holding(side: dict[str, Any], holders: Sequence[int]) -> list[dict[str, Any]]:
    """The support rows of ``side`` (a cluster as :func:`clusters` gives it) that give the value a conflict found
    on it (``holders``: their indexes, :attr:`newsdesk.claims.contradict.Conflict.holders`); all of them when none
    is named (a denial: the side as a whole), or when the cluster's rows are not those compared."""
    support = side["support"]
    rows = [support[k] for k in holders if k < len(support)]
    return rows or list(support)


def _members(support: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    members: dict[str, list[dict[str, Any]]] = {}
    for row in support:
        claim = Claim(text="", start=row["start"], end=row["end"], via=tuple(row["via"]))
        members.setdefault(row["cluster_id"], []).append({**row, "claim": claim})
    return members


def corroborated(support: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What a claim card shows of each cluster of ``support`` (rows as ``story_claim_support`` gives them), worked
    out from every row of the cluster once, by cluster id in the order they were first backed: its ``origins``
    (each ``name``, ``articles`` counted, ``relaying``, ``own``, ``counted``: independent, not an AI-written
    aggregate beside others), its first ``SHOWN`` support rows (``shown``, each
    with its origin named), how many support rows it has (``rows``), its articles (``articles``, counted) and its
    earliest publication (``first``)."""
    out: dict[str, dict[str, Any]] = {}
    for cluster_id, rows in _members(support).items():
        named, backing = corroborate.origins_of(rows)
        published = [r["published"] for r in rows if r["published"] is not None]
        out[cluster_id] = {
            "origins": [
                {
                    "name": o["name"],
                    "articles": len(o["articles"]),
                    "relaying": o["relaying"],
                    "own": o["own"],
                    "counted": o["counted"],
                }
                for o in backing["origins"]
            ],
            "shown": [
                {
                    **{k: s[k] for k in ("article_id", "start", "end", "outlet", "title", "published")},
                    "origin": origin,
                    "relayed": bool(s["claim"].via),
                }
                for s, origin in zip(rows[:SHOWN], named, strict=False)
            ],
            "rows": len(rows),
            "articles": len({r["article_id"] for r in rows}),
            "first": min(published, default=None),
        }
    return out


def ranked(backed: dict[str, dict[str, Any]]) -> list[str]:
    """The cluster ids of ``backed`` (as :func:`corroborated` gives them), most independent origins first, then
    most articles, then in the order they were first backed."""
    place = {cid: i for i, cid in enumerate(backed)}
    return sorted(backed, key=lambda cid: (-_independent(backed[cid]["origins"]), -backed[cid]["articles"], place[cid]))


def _independent(origins: Sequence[dict[str, Any]]) -> int:
    """How many of a cluster's ``origins`` (as :func:`corroborated` gives them) are counted as independent."""
    return sum(bool(o.get("counted", True)) for o in origins)


_NONE: dict[str, Any] = {"origins": [], "shown": [], "rows": 0, "articles": 0, "first": None}


def cards(
    rows: Sequence[dict[str, Any]], backed: dict[str, dict[str, Any]], found: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The story page's claim cards: each of ``rows`` (clusters as ``story_claims`` ranks them) with its
    independent origins and first supporting articles with their spans as ``backed`` has them (its support rows
    worked out by :func:`corroborated`), and the contradictions of ``found`` (as :func:`contradictions` gives
    them) it is a side of, with the other side's value, text and spans."""
    against: dict[str, list[dict[str, Any]]] = {}
    for item in found:
        a, b = item["sides"]
        # A cluster whose own claims disagree ("up to 1,400" and "more than 1,400") is one card: told once.
        for mine, other in ((a, b),) if a["claim_id"] == b["claim_id"] else ((a, b), (b, a)):
            against.setdefault(mine["claim_id"], []).append(
                {
                    "id": item["id"],
                    "kind": item["kind"],
                    "one_origin": item.get("one_origin", False),
                    "value": mine["value"],
                    "shown": mine["shown"],
                    "spans": mine["spans"][:SHOWN],
                    "other": {
                        "claim_id": other["claim_id"],
                        "value": other["value"],
                        "shown": other["shown"],
                        "text": other["text"][:700],
                        "origins": other["origins"],
                        "outlets": other.get("outlets", other["origins"]),
                        "articles": len(other["article_ids"]),
                        "spans": other["spans"][:SHOWN],
                    },
                }
            )
    out = []
    for row in rows:
        backing = backed.get(row["id"], _NONE)
        origins, shown = backing["origins"], backing["shown"]
        conflicts = against.get(row["id"], [])
        counted = [o for o in origins if o.get("counted", True)]  # (a card kept before ``counted`` counts them all)
        out.append(
            {
                **{k: v for k, v in row.items() if k not in ("origins", "seq", "total")},
                "slot": readable(row["slot"], row["text"]) if row.get("slot") and row.get("text") else row.get("slot"),
                "independent": len(counted),
                "own": sum(o["own"] for o in counted),
                "relayed": sum(not o["own"] for o in counted),
                "origins": origins,
                "single_source": len(counted) == 1,
                "support": shown,
                "more_support": max(0, backing["rows"] - len(shown)),
                "contested": bool(conflicts),
                "contradicts": conflicts,
            }
        )
    return out
