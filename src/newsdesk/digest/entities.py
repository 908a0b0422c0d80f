"""What an entity's page shows that reads every one of its mentions: how many articles and stories name it, the
entities named most often beside it, and which of its mentions make the first page. A hub entity (a country, a
party) has thousands of mentions, and these cost its page a few hundred milliseconds; they are worked out by the
digest stage for entities with at least :data:`FROM` mentions, and read while the entity's mentions are those they
were made from."""

from __future__ import annotations

import bisect
from typing import Any, Protocol

from newsdesk.digest import positions

__all__ = ["FROM", "MENTIONS", "RELATED", "card", "slices"]

FROM = 50  # mentions from which an entity's page parts are kept: below, a page computes them in a few ms
RELATED = 20  # co-mentioned entities an entity's page shows
MENTIONS = 50  # mentions on a page of an entity's mentions: the first page's are kept (by article and start)
# A hub's mentions are marked every STRIDE of a story's mentions, and at an undated mention SPAN article rows or
# more past the last mark: a page is read from the mark before it to the mark after it, a few hundred mentions in
# a few thousand articles at most.
STRIDE = 200
SPAN = 2_000


class Reader(positions.Reader, Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


def card(view: Reader, entity_id: str, *, known: positions.Known | None = None) -> dict[str, Any]:
    """How many ``articles`` and ``stories`` name the entity, the :data:`RELATED` entities named most often in
    the same articles (``co_mentioned``, with ``articles`` shared), as ``Corpus.entity_card`` gives them, and the
    first page of its mentions (``first_page``: article id, start and its story's mentions of each, in page
    order, for ``Corpus.entity_mentions``), its stories in page order with marks in their mentions
    (``story_marks``, :func:`marks`, for :func:`slices`); and its ``positions`` as an actor
    (``Corpus.stances(actor_id=..., latest=STATEMENTS)``), with ``stances_last``, the last stance row they were
    made from. ``known``: positions already worked out (:class:`newsdesk.digest.positions.Known`)."""
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
