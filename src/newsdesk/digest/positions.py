"""The "Positions" section of a story's page: its issues with most actors first (at most :data:`ISSUES`, each with
at most :data:`ACTORS` actors), whatever the story's size, from its :data:`STATEMENTS` most recent statements."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

from newsdesk.stances import issues as stance_issues

__all__ = ["ACTORS", "ISSUES", "STATEMENTS", "TEXT_CHARS", "Known", "evidence", "of_actors", "section"]

ISSUES = 8
STATEMENTS = 600  # a story's section reads at most this many statements, the most recent: the page's bound
ACTORS = 8
TEXT_CHARS = 300  # longest evidence a list shows (the article has it whole)


class Reader(Protocol):
    def stance_rows(
        self, *, story_ids: list[str] | None = None, actor_ids: list[str] | None = None, latest: int | None = None
    ) -> list[dict[str, Any]]: ...

    def stance_rows_placed(self, story_id: str, latest: int) -> list[tuple[tuple[int, int, int], dict[str, Any]]]: ...

    def stance_stories(self, actor_ids: list[str], story_ids: list[str] | None = None) -> set[str | None]: ...


def evidence(e: dict[str, Any]) -> dict[str, Any]:
    """One statement as a list shows it: its text cut to :data:`TEXT_CHARS`, with the URL of its span."""
    return {
        **e,
        "text": e["text"][:TEXT_CHARS],
        "url": f"/articles/{e['article_id']}?start={e['start']}&end={e['end']}",
    }


@dataclass
class Known:
    """What the digest stage keeps of positions while it runs (nothing is written to the store meanwhile), since a
    story's section and the cards of the entities of its stories ask for the same ones (each read as it was, never
    changed): the positions worked out of the latest statements of a set of stories, by (story ids, sorted; how
    many latest), in ``sets``; those of each story's rows, in ``stories`` (``stance_issues.positions``'s
    ``worked``): an entity's stories mostly come whole among the latest statements of its set; and each story's
    latest statements with their places (``Store.stance_rows_placed``), by (story id, how many latest), in
    ``rows``: a set's latest are among its stories' latest, so each story's are read once."""

    sets: dict[tuple[tuple[str, ...], int | None], list[dict[str, Any]]] = field(default_factory=dict)
    stories: stance_issues.Worked = field(default_factory=dict)
    rows: dict[tuple[str, int], list[tuple[tuple[int, int, int], dict[str, Any]]]] = field(default_factory=dict)

    def latest(self, view: Reader, story_ids: list[str], latest: int) -> list[dict[str, Any]]:
        """``view.stance_rows(story_ids=story_ids, latest=latest)``, from each story's latest rows (read once)."""
        each = []
        for story_id in story_ids:
            placed = self.rows.get((story_id, latest))
            if placed is None:
                placed = self.rows[story_id, latest] = view.stance_rows_placed(story_id, latest)
            each.append(placed)
        merged = each[0] if len(each) == 1 else heapq.merge(*each, key=lambda p: p[0])
        return [row for _, row in itertools.islice(merged, latest)]


def _positions(view: Reader, story_ids: list[str], latest: int | None, known: Known | None) -> list[dict[str, Any]]:
    """``stance_issues.positions`` of the ``latest`` most recent statements of the stories, taken from ``known``
    when it has them (and kept there)."""
    key = (tuple(story_ids), latest)
    if known is not None and key in known.sets:
        return known.sets[key]
    if known is not None and latest is not None and story_ids:
        rows = known.latest(view, story_ids, latest)
    else:
        rows = view.stance_rows(story_ids=story_ids, latest=latest)
    found = stance_issues.positions(rows, worked=None if known is None else known.stories)
    if known is not None:
        known.sets[key] = found
    return found


def section(view: Reader, story_id: str, *, known: Known | None = None) -> dict[str, Any]:
    """A story's (exact id) issues and who stands where on each: ``issues`` (name, actors, each actor's position,
    date, shifts and latest evidence) and ``total`` issues (as ``Corpus.stances(story_id=..., latest=STATEMENTS)``
    gives them). ``known``: positions already worked out (:class:`Known`), read and added to."""
    found = _positions(view, [story_id], STATEMENTS, known)
    issues: dict[str, dict[str, Any]] = {}
    for p in found:
        issue = issues.setdefault(p["issue_id"], {"id": p["issue_id"], "name": p["issue"], "actors": []})
        if len(issue["actors"]) < ACTORS:
            issue["actors"].append(
                {
                    "id": p["actor_id"],
                    "name": p["actor"],
                    "position": p["position"],
                    "date": p["date"],
                    "statements": p["statements"],
                    "shifts": [s["text"] for s in p["shifts"]],
                    "latest": evidence(p["evidence"][-1]),
                }
            )
    return {"total": len(issues), "issues": list(issues.values())[:ISSUES]}


def of_actors(
    view: Reader,
    actor_ids: Collection[str],
    *,
    story_ids: list[str] | None = None,
    latest: int | None = None,
    known: Known | None = None,
) -> list[dict[str, Any]]:
    """The positions of the given actors (``Corpus.stances`` with actors): issues are grouped over the whole of
    each story they took a position in (of ``story_ids`` when given), from its ``latest`` most recent statements.
    ``known``: as :func:`section`."""
    stories = view.stance_stories(list(actor_ids), story_ids)
    found = _positions(view, sorted(s for s in stories if s), latest, known)
    return [p for p in found if p["actor_id"] in actor_ids]
