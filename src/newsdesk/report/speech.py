"""Quotes, speakers and entity mentions of a set of articles, as the story page and the brief show them.

A corpus whose pipeline leaves out the quotes or entities stage has none of them: ``available`` says so, and
pages then say which stage to add instead of showing an empty list as if nothing had been said. An article the
stage has not reached yet (ingested with ``--no-analyze``) is told apart the same way: ``article_hints``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsdesk.corpus import Corpus
from newsdesk.records import listable

__all__ = ["EMPTY_HINTS", "NOT_RUN_HINTS", "article_hints", "available", "entities_in", "quotes", "speakers"]

# What to tell a reader when a kind of analysis is missing: it names the setting and the command.
EMPTY_HINTS = {
    "quotes": 'No quotes yet: add "quotes" to [pipeline] stages in newsdesk.toml, then run `newsdesk analyze`.',
    "entities": 'No entities yet: add "entities" to [pipeline] stages in newsdesk.toml, then run `newsdesk analyze`.',
}


# What to tell a reader of an article the stage has not processed (ingested with --no-analyze, or the stage
# failed on it): no quotes there means nothing yet, not that nobody was quoted. `analyze` runs it either way.
NOT_RUN_HINTS = {
    "quotes": "The quotes stage has not run on this article yet: run `newsdesk analyze` to find its quotes.",
    "entities": "The entities stage has not run on this article yet: run `newsdesk analyze` to mark its entities.",
}


def available(corpus: Corpus, kind: str) -> bool:
    """Whether this corpus's pipeline finds ``kind`` ("quotes" or "entities")."""
    return kind in corpus.pipeline.names


def article_hints(corpus: Corpus, article_id: str) -> dict[str, str]:
    """For each of quotes and entities that one article (exact id) lacks for want of analysis, what to run.

    A kind is left out when its stage has processed the article, so an empty list then means none were found.
    """
    done = set(corpus.stages_done(article_id))
    hints = {}
    for kind, off in EMPTY_HINTS.items():
        if not available(corpus, kind):
            hints[kind] = off
        elif kind not in done:
            hints[kind] = NOT_RUN_HINTS[kind]
    return hints


def quotes(corpus: Corpus, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The quotes of the given articles, words said or written, in article order then text order: a view nobody
    is reported to have voiced ("praised the plan", decision 0037) is no quote, and no speaker's."""
    return [q for q in corpus.quotes_in(list(article_ids)) if q["kind"] == "speech"]


def speakers(found: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (the entity when linked, else the speaker's words), most quoted first; a group
    whose speaker a list would not show (none, a pronoun's "they": :func:`newsdesk.records.listable`) has
    ``identified`` false."""
    groups: dict[str, dict[str, Any]] = {}
    for quote in found:
        name = quote.get("speaker") or "(speaker not identified)"
        key = quote.get("speaker_entity_id") or f"{quote.get('speaker_kind') or 'unknown'}:{name.casefold()}"
        group = groups.setdefault(
            key,
            {
                "speaker": name,
                "speaker_kind": quote.get("speaker_kind") or "unknown",
                "speaker_entity_id": quote.get("speaker_entity_id"),
                "identified": listable(quote),
                "quotes": [],
            },
        )
        group["quotes"].append(quote)
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"].casefold()))


def entities_in(corpus: Corpus, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The entities mentioned in the given articles with how often and in how many, most mentioned first."""
    counts: dict[str, dict[str, Any]] = {}
    for mention in corpus.mentions_in(list(article_ids)):
        if not mention.get("entity_id"):
            continue
        entry = counts.setdefault(mention["entity_id"], {"mentions": 0, "articles": set(), "text": mention["text"]})
        entry["mentions"] += 1
        entry["articles"].add(mention["article_id"])
    known = corpus.entity_names(list(counts)) if counts else {}
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
