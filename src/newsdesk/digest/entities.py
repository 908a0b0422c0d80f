"""What an entity's page shows that reads every one of its mentions: how many articles and stories name it, the
entities named most often beside it, and which of its mentions make the first page. A hub entity (a country, a
party) has thousands of mentions, and these cost its page a few hundred milliseconds; they are worked out by the
digest stage for entities with at least :data:`FROM` mentions, and read while the entity's mentions are those they
were made from."""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from newsdesk.digest import positions

__all__ = ["FROM", "MENTIONS", "RELATED", "Index", "MentionRows", "card", "slices"]

FROM = 50  # mentions from which an entity's page parts are kept: below, a page computes them in a few ms
RELATED = 20  # co-mentioned entities an entity's page shows
MENTIONS = 50  # mentions on a page of an entity's mentions: the first page's are kept (by article and start)
# A hub's mentions are marked every STRIDE of a story's mentions, and at an undated mention SPAN article rows or
# more past the last mark: a page is read from the mark before it to the mark after it, a few hundred mentions in
# a few thousand articles at most.
STRIDE = 200
SPAN = 2_000

# What ``Store.mention_index`` gives (read by :class:`Index`): articles (id, row, date, story), linked mentions (entity,
# article, start) as the rows come, entities (id, name, type).
MentionRows = tuple[
    list[tuple[str, int, str | None, str | None]], Iterator[tuple[str, str, int]], list[tuple[str, str, str]]
]


class Reader(positions.Reader, Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


def card(
    view: Reader, entity_id: str, *, known: positions.Known | None = None, index: Index | None = None
) -> dict[str, Any]:
    """How many ``articles`` and ``stories`` name the entity, the :data:`RELATED` entities named most often in
    the same articles (``co_mentioned``, with ``articles`` shared), as ``Corpus.entity_card`` gives them, and the
    first page of its mentions (``first_page``: article id, start and its story's mentions of each, in page
    order, for ``Corpus.entity_mentions``), its stories in page order with marks in their mentions
    (``story_marks``, :func:`marks`, for :func:`slices`); and its ``positions`` as an actor
    (``Corpus.stances(actor_id=..., latest=STATEMENTS)``), with ``stances_last``, the last stance row they were
    made from. ``known``: positions already worked out (:class:`newsdesk.digest.positions.Known`). ``index``:
    every linked mention of the store, read once (:class:`Index`): the counts, the co-mentioned entities and the
    keys are worked out from it, as the queries give them."""
    if index is not None:
        counts = index.counts(entity_id)
        found = index.co_mentioned(entity_id, RELATED)
        # Entities tied on both the articles shared and the name are in no set order: as the query gives them.
        related = view.query("co_mentioned", entity_id=entity_id, limit=RELATED) if found is None else found
        keys = index.keys(entity_id)
    else:
        counts = view.query("entity_counts", entity_id=entity_id)[0]
        related = view.query("co_mentioned", entity_id=entity_id, limit=RELATED)
        keys = view.query("entity_mention_keys", entity_id=entity_id)  # sorted once: the first page and the marks
    last = view.query("stances_last")[0]["last"]
    return {
        "articles": counts["articles"],
        "stories": counts["stories"],
        "co_mentioned": related,
        "first_page": [[m["article_id"], m["start"], m["story_mentions"]] for m in keys[:MENTIONS]],
        "story_marks": marks(keys),
        "positions": positions.of_actors(view, {entity_id}, latest=positions.STATEMENTS, known=known),
        "stances_last": last,
    }


def marks(keys: list[dict[str, Any]]) -> list[list[Any]]:
    """The stories of an entity's mention ``keys`` (``entity_mention_keys``, in page order), each as its id, its
    mentions and its marks: ``[offset in the story, published, article row, start]`` of its first mention, then
    of a mention every :data:`STRIDE`, and of an undated one :data:`SPAN` article rows or more past the last."""
    stories: list[list[Any]] = []
    for k in keys:
        if not stories or stories[-1][0] != k["story_id"]:
            stories.append([k["story_id"], 0, []])
        story = stories[-1]
        n, found = story[1], story[2]
        mark = [n, k["published"], k["article_row"], k["start"]]
        if not found or n - found[-1][0] >= STRIDE or (k["published"] is None and mark[2] - found[-1][2] >= SPAN):
            found.append(mark)
        story[1] = n + 1
    return stories


def slices(stories: list[list[Any]], offset: int, limit: int) -> list[dict[str, Any]]:
    """Where the page of ``limit`` mentions from ``offset`` lies in an entity's ``stories`` (:func:`marks`): the
    slices to read (``entity_mentions_range``), each as its story's id and mentions, the keys from the mark at or
    before its first mention to the mark past its last (``None``: the story's end), and how many to skip there
    and take."""
    out: list[dict[str, Any]] = []
    at = 0  # the offset of the story's first mention among all the entity's
    for story_id, count, found in stories:
        if limit <= 0:
            break
        if offset < at + count:
            first = max(0, offset - at)
            take = min(limit, count - first)
            starts = [m[0] for m in found]
            i = bisect.bisect_right(starts, first) - 1
            j = bisect.bisect_left(starts, first + take)
            high = found[j][1:] if j < len(found) else None
            out.append(
                {
                    "story_id": story_id,
                    "story_mentions": count,
                    "low": found[i][1:],
                    "high": high,
                    "skip": first - found[i][0],
                    "limit": take,
                }
            )
            offset, limit = at + first + take, limit - take
        at += count
    return out


class Index:
    """Every linked mention of the store, read at once (``Store.mention_index``), for a run that makes the cards of
    many hub entities: each card's counts, co-mentioned entities and mention keys are worked out from it, exactly as
    ``entity_counts``, ``co_mentioned`` and ``entity_mention_keys`` give them, where each of those queries reads
    every mention of the entity (and ``co_mentioned`` every mention of its articles) again for each card: at 10,000
    stored articles 1,106 hub entities, 6 of the digest stage's 36 CPU s. The digest stage reads it only when a
    batch's hub entities hold a good share of the store's linked mentions, and keeps it for the rest of the run
    (nothing but the digests is written while the stage runs)."""

    def __init__(
        self,
        articles: Sequence[tuple[str, int, str | None, str | None]],
        mentions: Iterable[tuple[str, str, int]],
        names: Sequence[tuple[str, str, str]],
    ) -> None:
        import numpy as np  # (on use: reading a store needs no numpy)

        # Articles in a fixed order, each with its row, date and story; stories and dates ranked as SQLite orders
        # them (text, by code point; an undated article as "~").
        self.article_ids = [a[0] for a in articles]
        self.rows = np.array([a[1] for a in articles], dtype=np.int64)
        self.published = [a[2] for a in articles]
        self.stories = [a[3] for a in articles]
        place = {a[0]: i for i, a in enumerate(articles)}
        story_rank = {s: i for i, s in enumerate(sorted({s for s in self.stories if s is not None}))}
        self.story = np.array([story_rank[s] if s is not None else -1 for s in self.stories], dtype=np.int64)
        date_rank = {d: i for i, d in enumerate(sorted({p if p is not None else "~" for p in self.published}))}
        self.date = np.array([date_rank[p if p is not None else "~"] for p in self.published], dtype=np.int64)
        self.names = {n[0]: (n[1], n[2]) for n in names}
        # Each mention as numbers (entity, article, start), its entity numbered as first met: millions of mentions
        # held as three arrays of integers, not as rows.
        self.number: dict[str, int] = {}
        taken = (array("q"), array("q"), array("q"))
        for entity_id, article_id, at in mentions:
            k = self.number.get(entity_id)
            if k is None:
                k = self.number[entity_id] = len(self.number)
            taken[0].append(k)
            taken[1].append(place[article_id])
            taken[2].append(at)
        self.entity_ids = list(self.number)
        entity, article, start = (np.frombuffer(a, dtype=np.int64) if len(a) else np.zeros(0, np.int64) for a in taken)
        # Each entity's mentions together (entity by entity), as article and start.
        order = np.argsort(entity, kind="stable")
        self.article = article[order]
        self.start = start[order]
        self.bounds = np.searchsorted(entity[order], np.arange(len(self.entity_ids) + 1))
        # Each article's distinct entities that have a name (what co_mentioned joins), article by article.
        size = max(1, len(self.entity_ids))
        named = np.array([e in self.names for e in self.entity_ids], dtype=bool)
        keep = named[entity] if len(entity) else np.zeros(0, dtype=bool)
        pairs = np.unique(article[keep] * size + entity[keep])
        self.pair_entity = pairs % size
        self.pair_bounds = np.searchsorted(pairs // size, np.arange(len(articles) + 1))

    def _span(self, entity_id: str) -> slice:
        k = self.number.get(entity_id)
        if k is None:
            return slice(0, 0)
        return slice(int(self.bounds[k]), int(self.bounds[k + 1]))

    def counts(self, entity_id: str) -> dict[str, int]:
        """The entity's ``mentions``, ``articles`` and ``stories`` (as ``entity_counts`` counts them)."""
        import numpy as np  # (on use: reading a store needs no numpy)

        articles = np.unique(self.article[self._span(entity_id)])
        stories = np.unique(self.story[articles])
        span = self._span(entity_id)
        return {"mentions": span.stop - span.start, "articles": len(articles), "stories": int((stories >= 0).sum())}

    def keys(self, entity_id: str) -> list[dict[str, Any]]:
        """Every mention of the entity as ``entity_mention_keys`` gives it, in its order: by story (outside any story
        last, then the story naming it most first, then by id), article date (undated last), row and start."""
        import numpy as np  # (on use: reading a store needs no numpy)

        span = self._span(entity_id)
        article, start = self.article[span], self.start[span]
        story = self.story[article]
        _, inverse, sizes = np.unique(story, return_inverse=True, return_counts=True)
        mentions = sizes[inverse]
        order = np.lexsort((start, self.rows[article], self.date[article], story, -mentions, story < 0))
        ids, published, stories = self.article_ids, self.published, self.stories
        return [
            {
                "story_id": stories[a],
                "story_mentions": n,
                "article_id": ids[a],
                "published": published[a],
                "article_row": row,
                "start": s,
            }
            for a, n, row, s in zip(
                article[order].tolist(),
                mentions[order].tolist(),
                self.rows[article[order]].tolist(),
                start[order].tolist(),
                strict=True,
            )
        ]

    def co_mentioned(self, entity_id: str, limit: int) -> list[dict[str, Any]] | None:
        """The entities named in the same articles as the entity, as ``co_mentioned`` gives them (most articles
        shared first, then by name); None when two of those it would give, or the last and the next, share both
        the count and the name: the query's order between them is its own."""
        import numpy as np  # (on use: reading a store needs no numpy)

        k = self.number.get(entity_id)
        articles = np.unique(self.article[self._span(entity_id)])
        if k is None or not len(articles):
            return []
        low, high = self.pair_bounds[articles], self.pair_bounds[articles + 1]
        sizes = high - low
        total = int(sizes.sum())
        if not total:
            return []
        # Each article's entities, gathered: the pairs from its first on, one run of them per article.
        into = np.cumsum(sizes) - sizes  # where each article's run starts in the gathered list
        at = np.arange(total, dtype=np.int64) + np.repeat(low - into, sizes)
        counts = np.bincount(self.pair_entity[at], minlength=len(self.entity_ids))
        counts[k] = 0
        shared = np.flatnonzero(counts)
        if len(shared) > 4 * (limit + 1):  # only those with at least the (limit + 1)th largest count can be shown
            floor = np.partition(counts[shared], len(shared) - (limit + 1))[len(shared) - (limit + 1)]
            shared = shared[counts[shared] >= floor]
        names, entity_ids = self.names, self.entity_ids
        ranked = sorted((-int(counts[e]), names[entity_ids[e]][0], entity_ids[e]) for e in shared.tolist())
        head = ranked[: limit + 1]
        if any(a[:2] == b[:2] for a, b in itertools.pairwise(head)):
            return None
        return [{"id": e, "name": name, "type": names[e][1], "articles": -n} for n, name, e in ranked[:limit]]
