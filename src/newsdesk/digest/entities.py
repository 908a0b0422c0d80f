"""What an entity's page shows that reads every one of its mentions: how many articles and stories name it, the
entities named most often beside it, and which of its mentions make the first page. A hub entity (a country, a
party) has thousands of mentions, and these cost its page a few hundred milliseconds; they are worked out by the
digest stage for entities with at least :data:`FROM` mentions, and read while the entity's mentions are those they
were made from."""

from __future__ import annotations

from typing import Any, Protocol

from newsdesk.digest import positions

__all__ = ["FROM", "MENTIONS", "RELATED", "card"]

FROM = 50  # mentions from which an entity's page parts are kept: below, a page computes them in a few ms
RELATED = 20  # co-mentioned entities an entity's page shows
MENTIONS = 50  # mentions on a page of an entity's mentions: the first page's are kept (by article and start)


class Reader(positions.Reader, Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


def card(view: Reader, entity_id: str) -> dict[str, Any]:
    """How many ``articles`` and ``stories`` name the entity, the :data:`RELATED` entities named most often in
    the same articles (``co_mentioned``, with ``articles`` shared), as ``Corpus.entity_card`` gives them, and the
    first page of its mentions (``first_page``: article id, start and its story's mentions of each, in page
    order, for ``Corpus.entity_mentions``); and its ``positions`` as an actor (``Corpus.stances(actor_id=...,
    latest=STATEMENTS)``), with ``stances_last``, the last stance row they were made from."""
    counts = view.query("entity_counts", entity_id=entity_id)[0]
    related = view.query("co_mentioned", entity_id=entity_id, limit=RELATED)
    first = view.query("entity_mentions", entity_id=entity_id, limit=MENTIONS)
    last = view.query("stances_last")[0]["last"]
    return {
        "articles": counts["articles"],
        "stories": counts["stories"],
        "co_mentioned": related,
        "first_page": [[m["article_id"], m["start"], m["story_mentions"]] for m in first],
        "positions": positions.of_actors(view, {entity_id}, latest=positions.STATEMENTS),
        "stances_last": last,
    }
