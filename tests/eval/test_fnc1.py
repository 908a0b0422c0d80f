"""The FNC-1 scorer on invented labels, and the held-out split on the real data (by body, fixed, disjoint)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from tests.eval import fnc1


def test_fnc_score_counts_related_then_the_exact_label() -> None:
    gold = ["supports", "contradicts", "unrelated", "discusses"]
    assert fnc1.fnc_score(gold, gold) == 1.0
    # best possible: 3 related x 1.0 + 1 unrelated x 0.25 = 3.25
    assert fnc1.fnc_score(gold, ["discusses", "contradicts", "unrelated", "unrelated"]) == pytest.approx(1.5 / 3.25)
    assert fnc1.fnc_score(gold, ["unrelated"] * 4) == pytest.approx(0.25 / 3.25)


def test_scores_map_fnc_labels_to_newsdesk_labels() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "disagree"]
    predicted = ["supports", "contradicts", "discusses", "unrelated", "supports"]
    got = fnc1.scores(gold, predicted)
    assert got["fnc1.disagree_f1"] == pytest.approx(2 / 3)
    assert got["fnc1.macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1 + 1) / 4)
    assert got["fnc1.score"] == pytest.approx(3.5 / 4.25)


def test_a_label_never_predicted_nor_gold_scores_zero() -> None:
    assert fnc1.f1_by_label(["a"], ["a"], ("a", "b")) == {"a": 1.0, "b": 0.0}


def test_split_is_by_body_fixed_and_about_a_fifth() -> None:
    pairs = fnc1.read(shared_path("data", "fnc1"))
    assert len(pairs) == 49_972
    train, test = fnc1.split(pairs)
    assert len(train) + len(test) == len(pairs)
    assert not {p.body_id for p in train} & {p.body_id for p in test}
    bodies = {p.body_id for p in pairs}
    held = {b for b in bodies if fnc1.held_out(b)}
    assert 0.15 < len(held) / len(bodies) < 0.25
    assert {p.stance for p in test} == set(fnc1.FNC_LABELS)
