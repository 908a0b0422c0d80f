"""What an entity's page shows that reads every one of its mentions: how many articles and stories name it, and
the entities named most often beside it. A hub entity (a country, a party) has thousands of mentions, and these
cost its page a few hundred milliseconds; they are worked out by the digest stage for entities with at least
:data:`FROM` mentions, and read while the entity's mentions are those they were made from."""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["FROM", "RELATED", "card"]

FROM = 50  # mentions from which an entity's page parts are kept: below, a page computes them in a few ms
RELATED = 20  # co-mentioned entities an entity's page shows


class Reader(Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


def card(view: Reader, entity_id: str) -> dict[str, Any]:
    """How many ``articles`` and ``stories`` name the entity, and the :data:`RELATED` entities named most often in
    the same articles (``co_mentioned``, with ``articles`` shared), as ``Corpus.entity_card`` gives them."""
    counts = view.query("entity_counts", entity_id=entity_id)[0]
    related = view.query("co_mentioned", entity_id=entity_id, limit=RELATED)
    return {"articles": counts["articles"], "stories": counts["stories"], "co_mentioned": related}
