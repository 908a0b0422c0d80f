"""Where actors stand: the "Positions" section of a story's page, and the stance timeline of an actor's page.

A story's section shows its issues with most actors first (at most
:data:`ISSUES`, each with at most :data:`ACTORS` actors), whatever the story's size; an actor's page shows each
issue the actor took a position on as a small chart: one point per statement, by date, in the lane of its
position, each linked to its evidence span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.corpus import Corpus
from newsdesk.dates import day as _day
from newsdesk.digest.positions import ACTORS, ISSUES, STATEMENTS, evidence

__all__ = ["ACTORS", "ISSUES", "LABEL_SIZE", "LANES", "STATEMENTS", "actor", "story", "timeline"]

# The chart's lanes, top to bottom.
LANES = ("supports", "conditional", "neutral", "opposes")
# The lanes' names are written in a column of their own, left of the points (an undated statement's point, at the
# left edge, never covers one), at LABEL_SIZE: 14 px drawn 1:1, and still 11 px or more where a phone's narrow
# screen shrinks the 360-wide chart to 80%.
LABEL_SIZE = 14
_WIDTH, _LANE, _PAD, _GUTTER = 360, 24, 12, 96


def story(corpus: Corpus, story_id: str) -> dict[str, Any]:
    """A story's issues and who stands where on each: ``issues`` (name, actors, each actor's position, date,
    shifts and latest evidence) and ``total`` issues; worked out by the digest stage when the story was analysed
    (``Corpus.story_digest``, :func:`newsdesk.digest.positions.section`)."""
    found: dict[str, Any] = corpus.story_digest(story_id, "positions")
    return found


def timeline(evidence: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Geometry of one issue's chart: a point per statement (x by date, undated ones at the left edge, y by the
    lane of its position), each with its evidence URL and a label."""
    days = [d for e in evidence if (d := _day(e["date"])) is not None]
    first, last = (min(days), max(days)) if days else (None, None)
    span = max(((last - first).days if first and last else 0), 1)
    points = []
    for i, e in enumerate(evidence):
        d = _day(e["date"])
        left, plotted = _GUTTER + _PAD, _WIDTH - _GUTTER - 2 * _PAD
        x = left if d is None or first is None else left + (d - first).days / span * plotted
        if first == last and d is not None:
            x = left + (i + 1) / (len(evidence) + 1) * plotted
        y = _PAD + LANES.index(e["position"]) * _LANE
        points.append(
            {
                "x": round(x, 1),
                "y": y,
                "position": e["position"],
                "url": f"/articles/{e['article_id']}?start={e['start']}&end={e['end']}#cited",
                "label": f"{e['date'] or 'undated'}: {e['position']} · {e['text'][:120]}",
            }
        )
    return {
        "width": _WIDTH,
        "height": 2 * _PAD + (len(LANES) - 1) * _LANE,
        "left": _GUTTER,
        "label_size": LABEL_SIZE,
        "lanes": [{"name": n, "y": _PAD + i * _LANE} for i, n in enumerate(LANES)],
        "points": points,
        "first": str(first) if first else None,
        "last": str(last) if last else None,
    }


def actor(corpus: Corpus, entity_id: str) -> list[dict[str, Any]]:
    """Each issue the entity took a position on: story, issue, position now, shifts and every statement (read
    from the :data:`STATEMENTS` most recent statements of the stories it took positions in)."""
    return [
        {
            "story_id": p["story_id"],
            "issue_id": p["issue_id"],
            "issue": p["issue"],
            "position": p["position"],
            "date": p["date"],
            "shifts": p["shifts"],
            "evidence": [evidence(e) for e in p["evidence"]],
        }
        for p in corpus.actor_positions(entity_id)
        if p["actor_id"] == entity_id
    ]
