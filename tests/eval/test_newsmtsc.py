"""The NewsMTSC reader and scorer: invented labels for the scorer, the real files for the reader."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from tests.eval import newsmtsc


def test_scores_are_per_class_f1_and_their_mean() -> None:
    gold = ["negative", "neutral", "positive", "negative"]
    predicted = ["negative", "neutral", "neutral", "positive"]
    got = newsmtsc.scores(gold, predicted)
    assert got["newsmtsc.negative_f1"] == pytest.approx(2 / 3)
    assert got["newsmtsc.neutral_f1"] == pytest.approx(2 / 3)
    assert got["newsmtsc.positive_f1"] == 0.0
    assert got["newsmtsc.macro_f1"] == pytest.approx(4 / 9)


def test_reader_gives_every_target_with_its_span() -> None:
    folder = shared_path("data", "newsmtsc")
    train = newsmtsc.read(folder / "train.jsonl")
    dev = newsmtsc.read(folder / "devtest_mt.jsonl")
    assert (len(train), len(dev)) == (8_739, 1_476)
    assert {t.label for t in dev} == set(newsmtsc.LABELS)
    assert all(0 <= t.start < t.end <= len(t.sentence) for t in train + dev)
    # Two sentences are in both files, with different targets; bench/train_sentiment.py leaves them out of training.
    assert len({t.sentence for t in train} & {t.sentence for t in dev}) == 2
    assert not {(t.sentence, t.start, t.end) for t in train} & {(t.sentence, t.start, t.end) for t in dev}
