"""Sentiment toward a target in a sentence, on invented sentences (people, places and outlets made up)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import newsdesk
from newsdesk.errors import ConfigError
from newsdesk.extract import sentiment


def _span(sentence: str, target: str) -> tuple[str, int, int]:
    start = sentence.index(target)
    return sentence, start, start + len(target)


NEGATIVE = _span(
    "Critics accused Mayor Ilsa Varn of corruption and lies after the bridge scandal, calling her a disgrace.",
    "Ilsa Varn",
)
POSITIVE = _span(
    "Supporters praised Governor Tomas Brell as a brilliant, honest leader who won wide admiration.",
    "Tomas Brell",
)
NEUTRAL = _span(
    "Karel Oddvik will travel to Marsk on Tuesday for the annual meeting of the port board.", "Karel Oddvik"
)


def test_labels_of_clear_cases() -> None:
    got = [r.label for r in newsdesk.target_sentiments([NEGATIVE, POSITIVE, NEUTRAL])]
    assert got == ["negative", "positive", "neutral"]


def test_the_target_decides_within_one_sentence() -> None:
    # The same sentence read toward two targets: the model weighs the words around each one.
    sentence = "Brave rescuer Lena Hodd saved three children, while the reckless driver Piet Sorm fled the scene."
    hero = newsdesk.target_sentiment(*_span(sentence, "Lena Hodd"))
    villain = newsdesk.target_sentiment(*_span(sentence, "Piet Sorm"))
    assert hero.scores["positive"] > villain.scores["positive"]
    assert villain.scores["negative"] > hero.scores["negative"]


def test_result_carries_its_span_and_probabilities() -> None:
    result = sentiment.target_sentiment(*NEGATIVE)
    assert NEGATIVE[0][result.start : result.end] == "Ilsa Varn"
    assert set(result.scores) == set(sentiment.LABELS)
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert result.confidence == max(result.scores.values())
    assert result.as_dict()["label"] == result.label


def test_one_target_is_the_same_as_in_a_batch() -> None:
    alone = newsdesk.target_sentiment(*POSITIVE)
    batched = newsdesk.target_sentiments([NEGATIVE, POSITIVE, NEUTRAL])[1]
    assert alone == batched


def test_a_target_without_words_is_neutral() -> None:
    result = newsdesk.target_sentiment("Prices rose -- sharply.", 12, 14)
    assert result.label == "neutral" and result.confidence == 1.0


def test_a_long_text_is_read_around_the_target() -> None:
    sentence, start, end = NEGATIVE
    padding = "The weather was mild. " * 400
    long = padding + sentence
    result = newsdesk.target_sentiment(long, start + len(padding), end + len(padding))
    assert result.label == "negative"
    assert long[result.start : result.end] == "Ilsa Varn"


@pytest.mark.parametrize(
    ("item", "error"),
    [
        (("A sentence.", 5, 5), ValueError),
        (("A sentence.", 3, 40), ValueError),
        (("A sentence.", -1, 3), ValueError),
        (("A sentence.", "0", 3), TypeError),
        ((b"A sentence.", 0, 3), TypeError),
        (("A sentence.", 0), TypeError),
    ],
)
def test_bad_items_are_refused_with_a_clear_error(item: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error, match="item 0"):
        newsdesk.target_sentiments([item])  # type: ignore[list-item]


def test_an_empty_batch_is_empty() -> None:
    assert newsdesk.target_sentiments([]) == []


def test_a_missing_or_foreign_model_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the sentiment model"):
        sentiment.load_model.__wrapped__(tmp_path / "missing.npz")
    other = tmp_path / "other.npz"
    np.savez(other, vocab=np.array(["a"]))
    with pytest.raises(ConfigError, match="is not a sentiment model"):
        sentiment.load_model.__wrapped__(other)


def test_targets_of_one_sentence_share_one_window() -> None:
    model = sentiment.load_model()
    sentence = "Brave rescuer Lena Hodd saved three children, while the reckless driver Piet Sorm fled the scene."
    items = [_span(sentence, "Lena Hodd"), _span(sentence, "Piet Sorm")]
    (window,) = sentiment.windows(items, model.tokenizer)
    assert window.ids[0] == model.cls and window.ids[-1] == model.sep
    pieces = model.tokenizer.tokenize(sentence)
    for (n, a, b), (_, start, end) in zip(window.targets, items, strict=True):
        # positions in the window are one past the piece index ([CLS] comes first)
        covered = pieces[a - 1 : b - 1]
        assert covered[0].start == start and covered[-1].end == end, n


def test_a_long_sentence_gives_each_far_target_its_own_window() -> None:
    model = sentiment.load_model()
    filler = " and then the committee met again" * 30
    sentence = "Mayor Ilsa Varn spoke first" + filler + ", before Karel Oddvik closed the meeting."
    items = [_span(sentence, "Ilsa Varn"), _span(sentence, "Karel Oddvik")]
    found = sentiment.windows(items, model.tokenizer)
    assert len(found) == 2
    assert all(len(w.ids) == sentiment.MAX_PIECES for w in found)
    tokens = model.tokenizer.tokenize(sentence)
    for window, (_, start, end) in zip(found, items, strict=True):
        ((_, a, b),) = window.targets
        first = next(i for i, p in enumerate(tokens) if p.id == window.ids[1] and p.start <= start)
        assert 0 < a < b < len(window.ids) - 1
        assert window.ids[a:b] == [p.id for p in tokens if p.start >= start and p.end <= end]
        assert first >= 0
