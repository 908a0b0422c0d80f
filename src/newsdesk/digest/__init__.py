"""Story digests: what a story's page shows of its claims, framing and positions, worked out once per analysis.

These parts depend only on the analysed data, yet cost a view up to seconds on a large story (the claim clusters
of a 3,000-article story, its framing). The ``digest`` corpus stage runs last: for each story one of its batch's
articles belongs to, it computes the parts with the very functions a view uses (:func:`compute`), and hands them
to the store with the story's signature (its article count and last article row). A page reads a part whose
signature still matches the story's and computes it otherwise, so a page is never staler than its story's
articles; see docs/decisions/0022-story-digests.md.

Stories are computed once per run, after every earlier stage has gone over all pending articles (the runner goes
stage by stage), so a story whose articles fall in several batches is still computed once. With worker processes
(idle by then), a share of a batch's stories is digested by one of them over a read-only connection of its own
(:func:`stories`, decision 0084); the rows are the same and come back in the same order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from newsdesk.digest import claims, dashboard, entities, framing, lists, positions, timeline
from newsdesk.records import Article
from newsdesk.settings import Settings

__all__ = [
    "CLAIMS_KEPT",
    "PARTS",
    "claims",
    "compute",
    "dashboard",
    "entities",
    "framing",
    "lists",
    "part",
    "positions",
    "stage",
    "stories",
    "timeline",
]

# The first page of a story's claims list (50 a page); the dashboard shows its first few.
CLAIMS_KEPT = 50
PARTS = ("claims", "framing", "positions", "dashboard")


class View(claims.Reader, framing.Reader, positions.Reader, timeline.Reader, Protocol):
    def stories_of(self, event_ids: Iterable[str]) -> dict[str, str]: ...

    def story_signatures(self, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]: ...

    def entity_signatures(self, entity_ids: Sequence[str]) -> dict[str, tuple[int, int]]: ...

    def mention_index(self) -> entities.MentionRows: ...

    def entities_in(self, article_ids: Sequence[str]) -> set[str]: ...

    def linked_mentions(self) -> int: ...


def part(
    view: View, story: dict[str, Any], name: str, settings: Settings, *, kept: dict[str, Any] | None = None
) -> Any:
    """One part of a story's digest (``story``: its exact ``id`` and ``title``), computed now:

    - ``claims``: the first :data:`CLAIMS_KEPT` claim cards, most independent origins first, each with ``total``;
    - ``framing``: the page's "Framing" section (:func:`newsdesk.digest.framing.section`);
    - ``positions``: the page's "Positions" section (:func:`newsdesk.digest.positions.section`);
    - ``dashboard``: the rest of the page, unfiltered, in the default order (:func:`newsdesk.digest.dashboard.compute`).

    ``kept``: parts already computed for the story (the dashboard takes its first claims from ``claims``).

    Raises:
        ValueError: no part has that name.
        ConfigError: a ``[framing] groups`` item is malformed.
    """
    if name == "claims":
        return claims.page(view, story["id"], limit=CLAIMS_KEPT)
    if name == "framing":
        return framing.section(view, story, grouping=framing.groups(settings.framing.groups))
    if name == "positions":
        return positions.section(view, story["id"])
    if name == "dashboard":
        first = (kept or {}).get("claims")
        if first is None:
            first = claims.page(view, story["id"], limit=CLAIMS_KEPT)
        return dashboard.compute(view, story["id"], claims=first)
    raise ValueError(f"No digest part {name!r}. Available: {', '.join(PARTS)}.")


def compute(
    view: View, story: dict[str, Any], settings: Settings, *, known: positions.Known | None = None
) -> dict[str, Any]:
    """Every part of a story's digest, by name, as :func:`part` gives each, the kept pages of its full lists
    (:func:`newsdesk.digest.lists.compute`, parts ``list:{section}:{page}``) and of its timeline
    (:func:`newsdesk.digest.timeline.compute`, parts ``timeline:{page}`` and ``timeline:dates``). The story's
    claim clusters are read and clustered once: the claims part's (every cluster, to find the page's
    contradictions) serve the framing (their records made only if it asks for them), and what it worked out of each
    cluster's support rows to rank them the claims list's later pages. ``known``: the positions already worked out
    in this run (:class:`newsdesk.digest.positions.Known`), read and added to."""
    first, clusters, order, backed = claims.page_and_clusters(view, story["id"], limit=CLAIMS_KEPT)
    out: dict[str, Any] = {"claims": first}
    for name in PARTS:
        if name == "framing":
            grouping = framing.groups(settings.framing.groups)
            out[name] = framing.section(view, story, grouping=grouping, clusters=clusters)
        elif name == "positions":
            out[name] = positions.section(view, story["id"], known=known)
        elif name != "claims":
            out[name] = part(view, story, name, settings, kept=out)
    later = claims.later_pages(view, story["id"], order, backed, first=CLAIMS_KEPT)
    out.update(lists.compute(view, story["id"], claims=later))
    out.update(timeline.compute(view, story["id"]))
    return out


# A batch's hub entities whose mentions come to this share of the store's linked mentions or more have their cards
# made from every linked mention read at once (entities.Index): the queries of a card read every mention of the
# entity, and of its articles, again; for a few hubs of a large store they cost less than reading it all.
INDEX_FROM = 0.25


def _index(view: View, memo: dict[str, Any], mentions: int) -> entities.Index | None:
    """The run's :class:`newsdesk.digest.entities.Index`, read now if this batch's hub entities (``mentions``
    mentions in all) make it worth it, else None (the cards are made by the queries). Kept in ``memo`` for the
    run's later batches: nothing but the digests is written while the stage runs."""
    index: entities.Index | None = memo.get("index")
    if index is None and mentions and mentions >= INDEX_FROM * view.linked_mentions():
        index = memo["index"] = entities.Index(*view.mention_index())
    return index


def stories(
    view: View, settings: Settings, story_ids: Sequence[str], signatures: dict[str, tuple[int, int]]
) -> dict[str, list[tuple[str, str, int, int, str]]]:
    """The ``story_digests`` rows of each story (exact ids; ``signatures``: each one's articles and last row, as
    ``view.story_signatures`` gives them), by story: what :func:`stage` hands an idle worker (its share of a batch's
    stories), computed with positions of its own (:class:`positions.Known` is a cache: it changes no row)."""
    known = positions.Known()
    return {story_id: _story_rows(view, settings, story_id, signatures, known) for story_id in story_ids}


def _story_rows(
    view: View, settings: Settings, story_id: str, signatures: dict[str, tuple[int, int]], known: positions.Known
) -> list[tuple[str, str, int, int, str]]:
    head = view.query("story_find", story_id=story_id)[0]
    articles, last = signatures.get(story_id, (0, 0))
    return [
        (story_id, name, articles, last, json.dumps(value, ensure_ascii=False))
        for name, value in compute(view, head, settings, known=known).items()
    ]


# What a story costs to digest, in articles (its own and this many more), and what an entity card costs (the cards
# stay in this process, beside its share of stories): the shares are cut by them. Measured on bench/ingest.py's
# 2,000 articles (decision 0084): about 6 ms an article of a large story, 4 ms and 3 ms an article for the 332
# stories under 100 articles, 5 ms a card (2: the share here also reads the batch and plans it).
STORY_WEIGHT = 2
CARD_WEIGHT = 2


def _shares(todo: Sequence[str], signatures: dict[str, tuple[int, int]], cards: int) -> tuple[list[str], list[str]]:
    """``todo``'s stories cut in two shares of about the same weight (:data:`STORY_WEIGHT`), this process's (which
    also makes ``cards`` entity cards, :data:`CARD_WEIGHT` each) and a worker's: the heaviest first, each to the
    lighter share. Each share in ``todo``'s order."""
    here, there = cards * CARD_WEIGHT, 0
    mine: set[str] = set()
    for story_id in sorted(todo, key=lambda s: -signatures.get(s, (0, 0))[0]):
        weight = signatures.get(story_id, (0, 0))[0] + STORY_WEIGHT
        if here <= there:
            mine.add(story_id)
            here += weight
        else:
            there += weight
    return [s for s in todo if s in mine], [s for s in todo if s not in mine]


def stage(
    batch: Sequence[Article],
    view: View,
    settings: Settings,
    memo: dict[str, Any] | None = None,
    *,
    aside: Callable[..., Any] | None = None,
) -> tuple[list[Article], dict[str, Any]]:
    """The corpus stage: the digest of each story of the batch's articles not yet computed in this run, with its
    signature, for the store to keep (``story_digests``: rows of story id, part, articles, last row, JSON); and the
    page parts of each entity the batch names that has at least ``entities.FROM`` mentions (``entity_digests``:
    rows of entity id, mentions, last mention row, JSON).

    ``aside`` (:class:`newsdesk.pipeline.Aside`): an idle worker process to hand a share of the stories to
    (:func:`stories`), which it digests over a read-only connection of its own while this process digests the
    rest and makes the cards (decision 0084); the rows come out in the same order either way, and a share the
    worker could not finish is digested here."""
    memo = {} if memo is None else memo
    done: set[str] = memo.setdefault("done", set())
    story_of = view.stories_of({a.event_id for a in batch if a.event_id})
    todo = sorted(set(story_of.values()) - done)
    signatures = view.story_signatures(todo) if todo else {}
    seen: set[str] = memo.setdefault("entities", set())
    named = sorted(view.entities_in([a.id for a in batch]) - seen)
    seen.update(named)
    hubs = {e: signature for e, signature in view.entity_signatures(named).items() if signature[0] >= entities.FROM}
    mine, theirs = _shares(todo, signatures, len(hubs)) if aside is not None and len(todo) > 1 else (todo, [])
    pending = None
    if aside is not None and theirs:
        pending = aside(stories, theirs, {s: signatures[s] for s in theirs if s in signatures})
    if pending is None:  # no worker idle: every story is digested here
        mine = todo
    # The positions of the latest statements of a story (or of the stories an entity took a position in), asked
    # for by the story's section and by the cards of the entities of its stories: read and worked out once per run
    # (nothing but the digests is written while the stage runs, as for the mention index), kept in ``memo``.
    known: positions.Known = memo.setdefault("known", positions.Known())
    made = {story_id: _story_rows(view, settings, story_id, signatures, known) for story_id in mine}
    cards = []
    index = _index(view, memo, sum(mentions for mentions, _ in hubs.values()))
    for entity_id, (mentions, last) in hubs.items():
        card = json.dumps(entities.card(view, entity_id, known=known, index=index), ensure_ascii=False)
        cards.append((entity_id, mentions, last, card))
    if pending is not None:
        made.update(pending.result() or {})
        for story_id in theirs:
            if story_id not in made:  # the worker could not finish its share
                made[story_id] = _story_rows(view, settings, story_id, signatures, known)
    done.update(todo)
    rows = [row for story_id in todo for row in made[story_id]]
    return [], {"story_digests": rows, "entity_digests": cards}
