"""The dev-news contradictions measure: its labels, value normal form and scoring (scores are held by test_gate)."""

from __future__ import annotations

from typing import Any

from tests.eval import contradictions, devnews
from tests.eval.gate import shared


def item(one: tuple[str, list[str]], two: tuple[str, list[str]], update: bool = False) -> dict[str, Any]:
    return {
        "kind": "count",
        "slot": "people missing",
        "update": update,
        "sides": [{"value": v, "article_ids": ids} for v, ids in (one, two)],
    }


def test_labels_name_existing_files() -> None:
    numbers = {int(p.stem) for p in devnews.files(shared() / "dev-news")}
    for label in (*contradictions.CONTRADICTIONS, *contradictions.NOT_CONTRADICTIONS):
        assert set(label.a) | set(label.b) <= numbers, label.name


def test_normal_form_drops_currency_zone_and_bound() -> None:
    assert contradictions.normal("USD 72000000000") == "72000000000"
    assert contradictions.normal("14:05 local") == "14:05"
    assert contradictions.normal("more than 1400") == "1400"
    assert contradictions.normal("4,800") == "4800"
    assert contradictions.normal("Friday") == "friday"


def test_a_label_is_found_with_its_values_on_opposite_sides_in_either_order() -> None:
    label = contradictions.Label("missing", (10,), ("128",), (7, 8), ("200",))
    files = {"x": 10, "y": 7, "z": 3}
    assert contradictions.matches(item(("200", ["y"]), ("128", ["x"])), label, files)
    assert not contradictions.matches(item(("200", ["z"]), ("128", ["x"])), label, files)  # 003 is on no side
    assert not contradictions.matches(item(("201", ["y"]), ("128", ["x"])), label, files)


def test_scores_and_what_they_print() -> None:
    files = {"x": 10, "y": 7, "w": 1, "v": 4}
    right = item(("200", ["y"]), ("128", ["x"]))
    update_as_contradiction = item(("44", ["w"]), ("83", ["v"]))
    listed_as_update = item(("44", ["w"]), ("83", ["v"]), update=True)
    scores, errors = contradictions.score([right, update_as_contradiction, listed_as_update], files)
    assert scores["devnews.contradictions_precision"] == 0.5
    assert scores["devnews.contradictions_recall"] == 1 / len(contradictions.CONTRADICTIONS)
    false = [line for line in errors["devnews.contradictions_precision"] if not line.startswith("(right)")]
    assert false == ["labelled false: hk toll rose (update): count 'people missing': 44 (001) vs 83 (004)"]
    assert scores == contradictions.score([right, update_as_contradiction], files)[0]
    assert contradictions.score([], files)[0]["devnews.contradictions_precision"] == 1.0
