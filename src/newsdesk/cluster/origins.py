"""Origin groups kept for a run: which articles tell one origin's report, grown one article at a time.

An origin group is a set of articles (copies of one original, retellings of one report) named by its earliest
member. ``Origins`` holds them for the run of the ``origins`` stage (decision 0040): a union-find over the articles
it has seen, each group's name and members, and for each event its groups with their first ``GROUP_MEMBERS``
members, the ones a new article of the event is compared with, the ``GROUP_LIMIT`` groups that most recently took
a member. So a new article costs at most ``GROUP_LIMIT`` times ``GROUP_MEMBERS`` comparisons, whatever the size of
its event, and no batch reads or walks the members of the events it touches again. A marked copy of one of those
first members is not one of them (``place`` with ``offered=False``): its original stands for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

__all__ = ["GROUP_LIMIT", "GROUP_MEMBERS", "Origins"]

# A new article is compared with at most this many members of each other origin group of its event, its first ones
# (the original and the earliest copies or retellings, which hold the report's wording best). Every member of a
# group copies or retells the others, so a further one seldom shares a passage that these lack; on dev-news, the
# seeds and the demo the origins are the same as comparing with every member.
GROUP_MEMBERS = 8
# ... and with the members of at most this many groups of its event, those that most recently took a member: a
# rewrite follows its source while that report is news, and a syndicated report's group keeps taking members. An
# event that gathers many independent reports (and the benchmark's events, which grow with the corpus) would
# otherwise cost each new article a comparison with every one of them.
GROUP_LIMIT = 16

Rank = tuple[str, int]


class Origins:
    """Origin groups and each event's groups, for one run; ``rank`` orders articles (the earliest names a group)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._rank: dict[str, Rank] = {}
        self._name: dict[str, str] = {}  # root -> its group's earliest member
        self._members: dict[str, list[str]] = {}  # root -> every member of its group
        # Event -> its groups' first members: a list per group, keyed by the group's root when last tidied (a
        # union since may have made two keys one group; ``_tidy`` merges them), the group that most recently took
        # a member last.
        self._events: dict[str, dict[str, list[str]]] = {}
        self._position: dict[str, int] = {}  # article -> the order it was added in, within the run
        self._keyed: dict[str, set[str]] = {}  # root -> the events whose groups it keys
        self._dirty: set[str] = set()  # events where a key stopped being a root (``_tidy`` merges them)
        self.renamed: set[str] = set()  # articles whose group's name changed since the caller last cleared it
        self.dropped: set[str] = set()  # articles no longer among their group's first members (caller clears)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._parent

    def knows_event(self, event_id: str) -> bool:
        """Whether the event's stored members were read into this run's groups."""
        return event_id in self._events

    def open_event(self, event_id: str) -> None:
        """Start keeping the groups of an event (before adding its stored members)."""
        self._events.setdefault(event_id, {})

    def add(self, article_id: str, rank: Rank) -> None:
        """Know an article (a group of its own until joined); ranks are ``(date, position)``: the earliest
        names its group."""
        if article_id in self._parent:
            return
        self._parent[article_id] = article_id
        self._rank[article_id] = rank
        self._name[article_id] = article_id
        self._members[article_id] = [article_id]
        self._position[article_id] = len(self._position)

    def find(self, x: str) -> str:
        """The root of ``x``'s group."""
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        """Join the groups of ``a`` and ``b``; members of the side whose name changes go to ``renamed``."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        name = min(self._name[ra], self._name[rb], key=self._rank.__getitem__)
        for side in (ra, rb):
            if self._name[side] != name:
                self.renamed.update(self._members[side])
        self._parent[rb] = ra
        events = self._keyed.pop(rb, None)
        if events:
            self._dirty.update(events)
            self._keyed.setdefault(ra, set()).update(events)
        self._members[ra].extend(self._members.pop(rb))
        self._name[ra] = name
        del self._name[rb]

    def rank(self, article_id: str) -> Rank:
        """The rank ``article_id`` was added with."""
        return self._rank[article_id]

    def name(self, article_id: str) -> str:
        """The name of ``article_id``'s group: its earliest member."""
        return self._name[self.find(article_id)]

    def place(self, event_id: str, article_id: str, *, offered: bool = True) -> None:
        """Count ``article_id`` (known, its group joined) among its event's members to compare later ones with; not
        ``offered`` (a marked copy, whose original stands for it), it only makes its group the most recent."""
        groups = self._events.setdefault(event_id, {})
        self._tidy(event_id, groups)
        root = self.find(article_id)
        firsts = groups[root] = groups.pop(root, [])  # the most recent group now
        self._keyed.setdefault(root, set()).add(event_id)
        if article_id in firsts or not offered:
            return
        if len(firsts) < GROUP_MEMBERS:
            firsts.append(article_id)
        else:
            self.dropped.add(article_id)

    def placed(self, event_id: str, article_id: str) -> bool:
        """Whether ``article_id`` is among the first members of its group in the event (compared with later ones);
        an article not known (a copy's original that is no member of the event read) is not."""
        if article_id not in self._parent:
            return False
        groups = self._events.get(event_id, {})
        return article_id in groups.get(self.find(article_id), ())

    def others(self, event_id: str, article_id: str) -> Iterator[str]:
        """The members of the event to compare ``article_id`` with: of the ``GROUP_LIMIT`` groups that most
        recently took a member, group by group (the group holding the earliest member first), each group's first
        members in order. A group that ``article_id`` joins meanwhile (the caller's ``union``) offers no more of
        its members."""
        groups = self._events.get(event_id)
        if not groups:
            return
        self._tidy(event_id, groups)
        recent = list(islice(reversed(groups.values()), GROUP_LIMIT))
        position = self._position.__getitem__
        for firsts in sorted(recent, key=lambda members: position(members[0])):
            for member in firsts:
                if self.find(member) == self.find(article_id):
                    break
                yield member

    def candidates(self, event_id: str) -> list[str]:
        """Members ``others`` may offer in the event, before the unions to come: the first members of its
        ``2 * GROUP_LIMIT`` groups that most recently took a member (what a caller reads ahead, in one go)."""
        groups = self._events.get(event_id) or {}
        return [member for firsts in islice(reversed(groups.values()), 2 * GROUP_LIMIT) for member in firsts]

    def _tidy(self, event_id: str, groups: dict[str, list[str]]) -> None:
        """Merge the lists of keys that unions made one group, keeping each group's first members in order (only in
        an event where a union made a key stop being a root)."""
        if event_id not in self._dirty:
            return
        self._dirty.discard(event_id)
        merged: dict[str, list[str]] = {}
        for key, firsts in groups.items():  # least recent first: a merged group takes its latest key's place
            root = self.find(key)
            merged[root] = [*merged.pop(root, []), *firsts]
        position = self._position.__getitem__
        groups.clear()
        for root, firsts in merged.items():
            ordered = sorted(firsts, key=position)
            groups[root] = ordered[:GROUP_MEMBERS]
            self.dropped.update(ordered[GROUP_MEMBERS:])
