"""Stance of an article toward a claim, on invented claims and articles (people, places and outlets made up)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import newsdesk
from newsdesk.claims import stance
from newsdesk.errors import ConfigError

CLAIM = "Veltro mayor Anika Drummond resigns after harbour fraud inquiry"

SUPPORTS = (
    "Veltro mayor Anika Drummond has resigned, a day after the harbour fraud inquiry published its findings. "
    "Drummond announced her resignation at a council meeting on Tuesday evening and confirmed she would leave "
    "office at the end of the week. The inquiry found that harbour contracts worth 4 million crowns had been "
    "awarded without tender. Her deputy, Tomas Brell, will act as mayor until an election is held."
)

CONTRADICTS = (
    "Veltro mayor Anika Drummond has not resigned, her office said on Tuesday, dismissing reports of her "
    "departure as false. A spokesman said the story that the mayor had quit over the harbour fraud inquiry was "
    'a hoax spread on social media, and that Drummond denies any wrongdoing. "The mayor is at her desk and '
    'has no intention of stepping down," he said. The inquiry has not yet published its findings.'
)

DISCUSSES = (
    "Veltro mayor Anika Drummond may resign over the harbour fraud inquiry, according to unconfirmed reports "
    "in the local press. The Veltro Courier reported on Monday that Drummond was considering stepping down, "
    "citing sources close to the council. Her office did not respond to requests for comment. It is unclear "
    "when the inquiry will publish its findings, which were reportedly due last month."
)

UNRELATED = (
    "The annual cheese fair in Oskarby drew a record crowd of 12,000 visitors this weekend. Farmers from "
    "across the valley brought more than 300 kinds of cheese, and a goat's cheese from the hill village of "
    "Marsk won the top prize. Organisers said next year's fair will move to a larger field by the river."
)


def test_labels_of_clear_cases() -> None:
    results = newsdesk.claim_stances([(CLAIM, SUPPORTS), (CLAIM, DISCUSSES), (CLAIM, UNRELATED), (CLAIM, CONTRADICTS)])
    assert [r.label for r in results[:3]] == ["supports", "discusses", "unrelated"]
    assert results[3].label != "unrelated"


# A plain denial of a new claim ("has not resigned ... a hoax ... denies") read as support until the disagree class
# weight was chosen across all training bodies (docs/decisions/0014-claim-stance-model.md, second revision).
def test_denial_of_a_new_claim() -> None:
    assert stance.claim_stance(CLAIM, CONTRADICTS).label == "contradicts"


def test_a_report_called_untrue_contradicts() -> None:
    claim = "Lost hiker Ola Brem found alive in Tarn valley"
    text = (
        "Rescue teams in the Tarn valley said on Sunday that reports the missing hiker Ola Brem had been found alive "
        "were untrue. The search, now in its fifth day, continues, a police spokeswoman said, adding that no trace "
        "of Brem has been found. A photo shared online that claimed to show him was taken years ago elsewhere."
    )
    result = stance.claim_stance(claim, text)
    assert result.label == "contradicts"
    assert "untrue" in text[result.start : result.end]


def test_one_pair_is_the_same_as_in_a_batch() -> None:
    alone = newsdesk.claim_stance(CLAIM, CONTRADICTS)
    batched = newsdesk.claim_stances([(CLAIM, UNRELATED), (CLAIM, CONTRADICTS)])[1]
    assert alone == batched


def test_results_come_back_in_order_with_probabilities() -> None:
    pairs = [(CLAIM, UNRELATED), (CLAIM, SUPPORTS), (CLAIM, UNRELATED)]
    results = stance.claim_stances(pairs)
    assert len(results) == 3
    assert results[0] == results[2]
    for result in results:
        assert result.label in stance.LABELS
        assert set(result.scores) == set(stance.LABELS)
        assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
        assert result.confidence == result.scores[result.label] == max(result.scores.values())
        assert result.as_dict()["label"] == result.label


@pytest.mark.parametrize("text", [SUPPORTS, CONTRADICTS, DISCUSSES, UNRELATED])
def test_evidence_is_a_sentence_of_the_article(text: str) -> None:
    result = stance.claim_stance(CLAIM, text)
    assert 0 <= result.start < result.end <= len(text)
    assert (result.start, result.end) in stance.sentences(text)


def test_evidence_of_a_contradiction_is_the_closest_refuting_sentence() -> None:
    text = (
        "Anika Drummond, the mayor of Veltro, spoke at the harbour on Monday about the fraud inquiry. "
        "She told reporters the rumour that she had resigned was false and that she would stay in office. "
        "The weather in Veltro was mild."
    )
    _, picks = stance.features([(CLAIM, text)])
    closest, refuting = picks[0]
    spans = stance.sentences(text)
    assert closest == 0
    assert "false" in text[slice(*spans[refuting])]


def test_evidence_of_support_is_the_sentence_closest_to_the_claim() -> None:
    result = stance.claim_stance(CLAIM, SUPPORTS)
    assert text_of(result, SUPPORTS).startswith("Veltro mayor Anika Drummond has resigned")


def text_of(result: stance.Stance, text: str) -> str:
    return text[result.start : result.end]


@pytest.mark.parametrize(("claim", "text"), [("", SUPPORTS), (CLAIM, ""), ("  ", "..."), (CLAIM, "\n\n")])
def test_empty_claim_or_article_is_unrelated(claim: str, text: str) -> None:
    result = stance.claim_stance(claim, text)
    assert (result.label, result.confidence, result.start, result.end) == ("unrelated", 1.0, 0, 0)


def test_empty_batch() -> None:
    assert stance.claim_stances([]) == []


@pytest.mark.parametrize("pair", [(CLAIM,), (CLAIM, None), (CLAIM, SUPPORTS, "x"), "ab"])
def test_a_pair_must_be_two_strings(pair: object) -> None:
    with pytest.raises(TypeError, match="pair 1"):
        stance.claim_stances([(CLAIM, SUPPORTS), pair])  # type: ignore[list-item]


def test_odd_articles_do_not_break_the_batch() -> None:
    odd = [
        "Der Bürgermeister von Veltro ist am Dienstag zurückgetreten.",  # not English
        "| 4 | 12 | 300 |\n| 5 | 13 | 301 |",  # a table of numbers
        "resigns " * 5000,  # one word repeated, no sentence end
        "A" * 300_000,  # longer than stance reads
    ]
    results = stance.claim_stances([(CLAIM, t) for t in odd])
    assert len(results) == len(odd)
    for result, text in zip(results, odd, strict=True):
        assert 0 <= result.start <= result.end <= len(text)


def test_many_pairs_read_each_article_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    read = stance._read_article

    def counting(text: str, model: object) -> object:
        calls.append(text)
        return read(text, model)  # type: ignore[arg-type]

    monkeypatch.setattr(stance, "_read_article", counting)
    stance.claim_stances([(f"{CLAIM} {n}", SUPPORTS) for n in range(20)] + [(CLAIM, UNRELATED)] * 5)
    assert sorted(calls) == sorted([SUPPORTS, UNRELATED])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two!  Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ('He said "no." Then left.', ['He said "no."', "Then left."]),
        ("Title line\n\nBody text here.", ["Title line", "Body text here."]),
        ("  \n ", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in stance.sentences(text)] == expected


def test_a_missing_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="stance model"):
        stance.load_model(tmp_path / "nothing.npz")
    np.savez(tmp_path / "other.npz", weights=np.zeros(3))
    with pytest.raises(ConfigError, match="lacks"):
        stance.load_model(tmp_path / "other.npz")


def test_shipped_model_is_small_and_holds_no_sentences() -> None:
    assert stance.MODEL.stat().st_size < 5_000_000
    model = stance.load_model()
    assert all(" " not in word for word in model.index)
    assert model.n_features == len(stance.features([(CLAIM, SUPPORTS)], model)[0][0])


def test_exported_trees_score_as_the_trained_classifier() -> None:
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    from tests.conftest import bench_module

    train = bench_module("train_stance")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(400, 5))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int) * 2
    clf = HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(x, y)
    arrays = train.export_trees(clf)
    trees = {k: arrays[k] for k in ("feature", "threshold", "left", "right", "leaf", "value", "roots", "tree_class")}
    model = stance._Model(
        index={},
        idf=np.ones(1, dtype=np.float32),
        latent=np.zeros((1, 1), dtype=np.float32),
        default_idf=1.0,
        trees=trees,
        base=arrays["base"],
        n_features=5,
        bias=np.zeros_like(arrays["base"]),
        topic=False,
    )
    probe = rng.normal(size=(50, 5))
    np.testing.assert_allclose(stance._raw_scores(probe, model), clf._raw_predict(probe), rtol=1e-6, atol=1e-9)


def test_negated_claim_words_are_counted() -> None:
    claim = set(stance._content(stance.words("Veltro mayor Anika Drummond resigned")))
    assert stance._negated(stance.words("Drummond has not resigned, her office said."), claim) == 1
    assert stance._negated(stance.words("Drummond resigned on Tuesday, her office said."), claim) == 0


def test_opposite_words_against_the_claim_are_counted() -> None:
    claim = stance.words("Lost hiker Ola Brem found alive in Tarn valley")
    assert stance._opposed(claim, stance.words("The hiker was found dead on Sunday.")) == 1
    assert stance._opposed(claim, stance.words("The hiker was found alive on Sunday.")) == 0


def test_refuting_phrases_are_counted_per_sentence() -> None:
    assert stance._phrases(stance.words("The report is not true and there is no evidence for it.")) == 2
    assert stance._phrases(stance.words("The report is true and there is evidence for it.")) == 0


def test_the_disagree_weight_keeps_the_fnc_score_then_takes_the_best_macro_f1() -> None:
    from tests.conftest import bench_module

    train = bench_module("train_stance")
    measured = {
        3.0: {"fnc1.score": 0.880, "fnc1.macro_f1": 0.68},
        6.0: {"fnc1.score": 0.8795, "fnc1.macro_f1": 0.69},
        10.0: {"fnc1.score": 0.870, "fnc1.macro_f1": 0.70},  # more disagree found, but the score falls
    }
    assert train.choose_weight(measured) == 6.0
    measured[6.0]["fnc1.macro_f1"] = 0.68
    assert train.choose_weight(measured) == 3.0  # a tie goes to the lighter weight
