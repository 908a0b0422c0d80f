"""Incremental grouping: a new article joins the most similar event or opens one; events join stories.

Nothing is re-clustered: each article is compared only with the events that share one of its heaviest
terms (an inverted index), so the work per article stays flat as the corpus grows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from newsdesk.cluster.similarity import DocumentFrequencies, Vector, cosine, top_terms

__all__ = ["Group", "Grouper"]

INDEX_TERMS = 25


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class Group:
    """An event or a story while a run works on it: the summed vector of its members and their span of dates."""

    id: str
    centroid: Vector = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    parent: str | None = None
    title: str | None = None
    changed: bool = False

    def absorb(self, member: str, v: Vector, published: str | None, *, new_member: bool = True) -> None:
        """Add a member's vector and date (``new_member=False``: only the vector and date of one already in)."""
        for t, w in v.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w
        if new_member:
            self.members.append(member)
        if published:
            self.first_seen = min(filter(None, [self.first_seen, published]))
            self.last_seen = max(filter(None, [self.last_seen, published]))
        self.changed = True

    def gap_days(self, published: str | None) -> int | None:
        """Days between ``published`` and this group's dates, or None when either is unknown."""
        day, first, last = _day(published), _day(self.first_seen), _day(self.last_seen)
        if day is None or first is None or last is None:
            return None
        if first <= day <= last:
            return 0
        return min(abs((day - first).days), abs((day - last).days))


class Grouper:
    """Assigns vectors to groups by cosine similarity, above ``threshold``, within ``max_gap_days``."""

    def __init__(
        self,
        groups: list[Group],
        df: DocumentFrequencies,
        *,
        threshold: float,
        max_gap_days: int | None,
        prefix: str,
    ) -> None:
        self.groups = {g.id: g for g in groups}
        self.df = df
        self.threshold = threshold
        self.max_gap_days = max_gap_days
        self.prefix = prefix
        self._weighted: dict[str, Vector] = {}
        self._index: dict[int, set[str]] = {}
        self._indexed: dict[str, list[int]] = {}
        for g in groups:
            self._reindex(g)

    def _reindex(self, g: Group) -> None:
        for t in self._indexed.get(g.id, []):
            self._index.get(t, set()).discard(g.id)
        weighted = self.df.weighted(g.centroid)
        self._weighted[g.id] = weighted
        tops = top_terms(weighted, INDEX_TERMS)
        self._indexed[g.id] = tops
        for t in tops:
            self._index.setdefault(t, set()).add(g.id)

    def best(self, v: Vector, published: str | None) -> tuple[Group | None, float]:
        """The most similar group that ``v`` may join, and the similarity."""
        weighted = self.df.weighted(v)
        candidates: set[str] = set()
        for t in top_terms(weighted, INDEX_TERMS):
            candidates |= self._index.get(t, set())
        best: Group | None = None
        score = 0.0
        for gid in candidates:
            g = self.groups[gid]
            gap = g.gap_days(published)
            if self.max_gap_days is not None and gap is not None and gap > self.max_gap_days:
                continue
            s = cosine(weighted, self._weighted[gid])
            if s > score:
                best, score = g, s
        return best, score

    def join(self, group: Group, member: str, v: Vector, published: str | None, *, new_member: bool = True) -> None:
        """Add ``member`` to a chosen group (a copy to its original's event) and keep the index current."""
        group.absorb(member, v, published, new_member=new_member)
        self._reindex(group)

    def assign(self, member: str, v: Vector, published: str | None) -> tuple[Group, bool]:
        """Put ``member`` in the best group above the threshold, or in a new one. Returns (group, is_new)."""
        group, score = self.best(v, published)
        created = group is None or score < self.threshold
        if created:
            digest = hashlib.sha256(f"{self.prefix}:{member}".encode()).hexdigest()[:12]
            group = Group(id=f"{self.prefix}{digest}")
            self.groups[group.id] = group
        assert group is not None
        group.absorb(member, v, published)
        self._reindex(group)
        return group, created
