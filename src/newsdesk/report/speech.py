"""Quotes, speakers and entity mentions of a set of articles, read through the Corpus when it offers them.

The quotes and entities stages arrive separately from the views that show them, so every function here
asks the corpus whether it has the method first (``available``) and answers "nothing known" when it has not.
A page then says which stage to run instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsdesk.corpus import Corpus

__all__ = ["EMPTY_HINTS", "available", "entities_in", "entity", "mentions", "quotes", "speakers"]

# What to tell a reader when a kind of analysis is missing: it names the command that produces it.
EMPTY_HINTS = {
    "quotes": "No quotes yet: they are found by the quotes stage; run `newsdesk analyze` after upgrading newsdesk.",
    "entities": "No entities yet: they are found by the entities stage; run `newsdesk analyze` after upgrading.",
}


def available(corpus: Corpus, kind: str) -> bool:
    """Whether this corpus offers ``kind`` ("quotes" or "entities") through its facade."""
    needed = {"quotes": ("quotes",), "entities": ("entities", "entity", "mentions")}[kind]
    return all(callable(getattr(corpus, name, None)) for name in needed)


def quotes(corpus: Corpus, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The quotes of the given articles, in article order then text order ([] when quotes are unavailable)."""
    if not available(corpus, "quotes"):
        return []
    found: list[dict[str, Any]] = []
    for article_id in article_ids:
        rows: list[dict[str, Any]] = getattr(corpus, "quotes")(article_id=article_id)  # noqa: B009
        found.extend(sorted(rows, key=lambda q: q.get("start") or 0))
    return found


def speakers(found: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (an entity id when known, else the speaker's words), most quoted first."""
    groups: dict[str, dict[str, Any]] = {}
    for quote in found:
        name = quote.get("speaker") or "(unknown speaker)"
        key = quote.get("speaker_entity_id") or f"{quote.get('speaker_kind') or 'unknown'}:{name.casefold()}"
        group = groups.setdefault(
            key,
            {
                "speaker": name,
                "speaker_kind": quote.get("speaker_kind") or "unknown",
                "speaker_entity_id": quote.get("speaker_entity_id"),
                "quotes": [],
            },
        )
        group["quotes"].append(quote)
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"].casefold()))


def mentions(corpus: Corpus, article_id: str) -> list[dict[str, Any]]:
    """The entity mentions of one article ([] when entities are unavailable)."""
    if not available(corpus, "entities"):
        return []
    rows: list[dict[str, Any]] = getattr(corpus, "mentions")(article_id)  # noqa: B009
    return rows


def entities_in(corpus: Corpus, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The entities mentioned in the given articles with how often and in how many, most mentioned first."""
    if not available(corpus, "entities"):
        return []
    counts: dict[str, dict[str, Any]] = {}
    for article_id in article_ids:
        for mention in mentions(corpus, article_id):
            entry = counts.setdefault(mention["entity_id"], {"mentions": 0, "articles": set(), "text": mention["text"]})
            entry["mentions"] += 1
            entry["articles"].add(article_id)
    known = {e["id"]: e for e in getattr(corpus, "entities")() if e["id"] in counts}  # noqa: B009
    rows = [
        {
            "id": entity_id,
            "name": known.get(entity_id, {}).get("name") or entry["text"],
            "type": known.get(entity_id, {}).get("type"),
            "mentions": entry["mentions"],
            "articles": len(entry["articles"]),
        }
        for entity_id, entry in counts.items()
    ]
    return sorted(rows, key=lambda e: (-e["mentions"], e["name"].casefold()))


def entity(corpus: Corpus, entity_id: str) -> dict[str, Any] | None:
    """One entity with its mentions and quotes, or None when entities are unavailable."""
    if not available(corpus, "entities"):
        return None
    found: dict[str, Any] = getattr(corpus, "entity")(entity_id)  # noqa: B009
    return found
