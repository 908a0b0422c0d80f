"""The BASIL scorer on invented spans, and the reading of the real annotations (spans land on their phrases)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import shared_path
from tests.eval import basil


def test_score_counts_overlaps_both_ways() -> None:
    story = basil.Story("e", "fox", "x" * 100, ((10, 20), (50, 60)))
    # One flagged phrase overlaps the first gold span, one overlaps nothing; the second gold span is missed.
    assert basil.score([story], [[(15, 25), (80, 90)]]) == pytest.approx((0.5, 0.5, 0.5))
    assert basil.score([story], [[]]) == (0.0, 0.0, 0.0)
    # Touching is not overlapping.
    assert basil.score([story], [[(20, 30)]])[0] == 0.0


def test_read_places_every_lexical_span_on_its_annotated_phrase() -> None:
    folder = shared_path("data", "basil")
    stories = basil.read(folder)
    assert len(stories) == len(list(folder.glob("annotations/*/*_ann.json"))) == 3 * len({s.event for s in stories})
    wanted: dict[tuple[str, str], list[str]] = {}
    for path in folder.glob("annotations/*/*_ann.json"):
        notes = json.loads(path.read_text())
        article = json.loads((folder / "articles" / path.parent.name / path.name.replace("_ann", "")).read_text())
        phrases = [n["txt"] for n in notes["phrase-level-annotations"] if n["bias"] == "lex"]
        wanted[(article["triplet-uuid"], article["source"])] = phrases
    placed = 0
    for story in stories:
        got = [story.text[a:b] for a, b in story.spans]
        assert got == wanted[(story.event, story.source)][: len(got)] or sorted(got) == sorted(
            wanted[(story.event, story.source)]
        )
        placed += len(got)
    assert placed == sum(len(v) for v in wanted.values())
