"""The "Framing" section of a story's page: its outlets side by side (``Corpus.framing``), cut to what a page shows.

The framing reads article text (about a second of CPU for a thousand articles), so the section reads at most about
``SAMPLE`` original articles, spread over the story, and says so; the page cache keeps the rendered page until the
data changes. The page's filters do not apply: framing compares the outlets of the whole story.
"""

from __future__ import annotations

from typing import Any

from newsdesk.corpus import Corpus

__all__ = ["GROUPS", "section"]

GROUPS = 6  # outlets (or groups) shown side by side, most articles first
# Articles read for the dashboard's section, spread over the story: the page stays quick on a story of
# thousands (framing reads text); `newsdesk framing ID` reads them all.
SAMPLE = 300
TERMS = 5
LOADED = 4
OMITTED = 3
PAIRS = 5


def _example(row: dict[str, Any]) -> dict[str, Any] | None:
    first = (row.get("examples") or [None])[0]
    if first is None:
        return None
    return {k: first[k] for k in ("article_id", "start", "end", "sentence")}


def section(corpus: Corpus, story_id: str) -> dict[str, Any]:
    """The framing of the story, cut to ``GROUPS`` groups and a few items of each (``total`` groups in all)."""
    found = corpus.framing(story_id, sample=SAMPLE, by_event=False)
    summary = corpus.story_part("summary", story_id)[0]
    groups = [
        {
            "name": g["name"],
            "articles": g["articles"],
            "terms": [
                {k: t[k] for k in ("term", "z", "count", "others")} | {"example": _example(t)}
                for t in g["terms"][:TERMS]
            ],
            "loaded": [
                {k: row[k] for k in ("text", "polarity", "alternative", "alternative_used_by", "count", "example")}
                for row in g["loaded"][:LOADED]
            ],
            "omitted": g["omitted"][:OMITTED],
        }
        for g in found["groups"][:GROUPS]
    ]
    pairs = [
        {
            "kind": p["kind"],
            "confidence": p["confidence"],
            "sides": [{"group": s["group"], "term": s["term"]} | {"example": _example(s)} for s in p["sides"]],
        }
        for p in found["pairs"][:PAIRS]
    ]
    return {
        "story_id": found["story"]["id"],
        "total": len(found["groups"]),
        "read": found["articles"],
        "articles": summary["articles"] - summary["copies"],
        "groups": groups,
        "pairs": pairs,
        "note": found["note"],
    }
