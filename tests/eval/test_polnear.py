"""The PolNeAR attribution scorer on small invented examples, and brat parsing (no spaCy needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval import polnear
from tests.eval.polnear import Document, GoldAttribution, Predicted

# Invented text: 0         1         2         3         4         5         6         7         8
#                012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789
TEXT = "“The bridge will reopen in May,” the mayor said. “Repairs are done,” she said, “and paid for.”"
Q1 = (0, 32)  # “The bridge will reopen in May,”
MAYOR = (33, 42)  # the mayor
Q2A = (49, 68)  # “Repairs are done,”
SHE = (69, 72)
Q2B = (79, 94)  # “and paid for.”

GOLD = (
    GoldAttribution(content=((1, 30),), source=(MAYOR,), cue=((43, 47),), id="E1"),
    GoldAttribution(content=((50, 66), (80, 92)), source=(SHE,), cue=((73, 77),), id="E2"),
)
DOC = Document("invented", TEXT, GOLD)


def test_invented_offsets_are_what_the_tests_assume() -> None:
    assert TEXT[1:30] == "The bridge will reopen in May"
    assert TEXT[slice(*MAYOR)] == "the mayor"
    assert TEXT[slice(*SHE)] == "she"
    assert TEXT[50:66] == "Repairs are done"
    assert TEXT[80:92] == "and paid for"


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 32), (1, 30)),  # quote marks and the comma go
        ((1, 30), (1, 30)),
        ((32, 42), (33, 42)),  # leading space goes
        ((31, 32), (32, 32)),  # nothing but punctuation: empty
        ((79, 94), (80, 92)),  # full stop inside the closing quote goes too
    ],
)
def test_normalise_strips_space_punctuation_and_quotes(span: tuple[int, int], expected: tuple[int, int]) -> None:
    assert polnear.normalise(TEXT, *span) == expected


# (predicted content, gold content spans, exact?, overlap?)
MATCH_CASES = [
    pytest.param(Q1, ((1, 30),), True, True, id="same span with quote marks"),
    pytest.param((1, 30), ((0, 32),), True, True, id="same span, marks on the gold side"),
    pytest.param((5, 30), ((1, 30),), False, True, id="shorter: overlap only"),
    pytest.param((1, 40), ((1, 30),), False, True, id="longer: overlap only"),
    pytest.param(MAYOR, ((1, 30),), False, False, id="disjoint"),
    pytest.param((30, 33), ((1, 30),), False, False, id="only punctuation shared is no overlap"),
    pytest.param((49, 94), ((50, 66), (80, 92)), True, True, id="discontinuous: the hull is exact"),
    pytest.param(Q2A, ((50, 66), (80, 92)), False, True, id="discontinuous: one fragment overlaps"),
    pytest.param((69, 78), ((50, 66), (80, 92)), False, False, id="discontinuous: the gap is no overlap"),
]


@pytest.mark.parametrize(("predicted", "gold", "exact", "overlap"), MATCH_CASES)
def test_spans_match(predicted: tuple[int, int], gold: tuple[tuple[int, int], ...], exact: bool, overlap: bool) -> None:
    tokens = polnear.Tokens(TEXT)
    assert polnear.spans_match("exact", TEXT, tokens, predicted, gold) is exact
    assert polnear.spans_match("overlap", TEXT, tokens, predicted, gold) is overlap


def _scores(predictions: list[Predicted]) -> dict[str, object]:
    return polnear.score_documents([DOC], [predictions])


def _f1(scores: dict[str, object], part: str, mode: str) -> float:
    value = scores[part][mode]["f1"]  # type: ignore[index]
    assert isinstance(value, float)
    return value


PERFECT = [Predicted(*Q1, *MAYOR), Predicted(49, 94, *SHE)]

# (predictions, content exact F1, content overlap F1, source exact F1, source overlap F1)
SCORE_CASES = [
    pytest.param(PERFECT, 1.0, 1.0, 1.0, 1.0, id="perfect"),
    pytest.param([], 0.0, 0.0, 0.0, 0.0, id="empty"),
    pytest.param([Predicted(*Q1, *MAYOR)], 2 / 3, 2 / 3, 2 / 3, 2 / 3, id="half recall"),
    pytest.param([Predicted(*Q1, *SHE), Predicted(49, 94, *MAYOR)], 1.0, 1.0, 0.0, 0.0, id="sources swapped"),
    pytest.param([Predicted(*Q1, 37, 42), Predicted(49, 94, *SHE)], 1.0, 1.0, 0.5, 1.0, id="source head only"),
    pytest.param([Predicted(*Q1), Predicted(49, 94)], 1.0, 1.0, 0.0, 0.0, id="no sources predicted"),
    # The same content twice: one-to-one, so the copy is a false positive (P 2/3, R 1).
    pytest.param([*PERFECT, Predicted(*Q1, *MAYOR)], 0.8, 0.8, 0.8, 0.8, id="duplicate costs precision"),
    # Two fragments of the split quote: only one can match the single gold attribution.
    pytest.param(
        [Predicted(*Q1, *MAYOR), Predicted(*Q2A, *SHE), Predicted(*Q2B, *SHE)],
        0.4,
        0.8,
        0.4,
        0.8,
        id="split prediction: one fragment matches",
    ),
]


@pytest.mark.parametrize(("predictions", "ce", "co", "se", "so"), SCORE_CASES)
def test_score_documents(predictions: list[Predicted], ce: float, co: float, se: float, so: float) -> None:
    scores = _scores(predictions)
    assert _f1(scores, "content", "exact") == pytest.approx(ce)
    assert _f1(scores, "content", "overlap") == pytest.approx(co)
    assert _f1(scores, "source", "exact") == pytest.approx(se)
    assert _f1(scores, "source", "overlap") == pytest.approx(so)


def test_gold_without_source_is_counted_and_left_out_of_source_recall() -> None:
    doc = Document("x", TEXT, (GOLD[0], GoldAttribution(content=GOLD[1].content)))
    scores = polnear.score_documents([doc], [[Predicted(*Q1, *MAYOR), Predicted(49, 94)]])
    assert scores["gold_without_source"] == 1
    assert scores["source"]["exact"]["gold"] == 1
    assert scores["source"]["exact"]["f1"] == 1.0
    assert scores["content"]["exact"]["f1"] == 1.0


def test_matching_is_maximal_not_greedy() -> None:
    # Prediction 0 may take gold 0 or 1, prediction 1 only gold 0: the best matching pairs both.
    assert len(polnear.max_matching([[0, 1], [0]])) == 2
    assert polnear.max_matching([[0], [0]]) == {0: 0}
    assert polnear.max_matching([]) == {}


def test_errors_lists_missed_and_false() -> None:
    missed, false = polnear.errors([DOC], [[Predicted(*Q1), Predicted(*MAYOR)]])
    assert [a.id for _, a in missed] == ["E2"]
    assert [p.content for _, p in false] == [MAYOR]


def test_one_prediction_list_per_document() -> None:
    with pytest.raises(ValueError):
        polnear.score_documents([DOC], [])


# An invented .ann in PolNeAR's shape: discontinuous content, a Content2 role, an event without a source,
# a Discard span, an event with no content, and a covered text running over a line break.
ANN = (
    "T1\tSource 33 42\tthe mayor\n"
    "T2\tCue 43 47\tsaid\n"
    "T3\tContent 1 30\tThe bridge will reopen in May\n"
    "T4\tAttribution 43 47\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 50 66\tRepairs are done\n"
    "T6\tContent 80 92\tand paid for\n"
    "T7\tCue 73 77\tsaid\n"
    "T8\tAttribution 73 77\tsaid\n"
    "E2\tAttribution:T8 Cue:T7 Content:T5 Content2:T6 \n"
    "T9\tDiscard 0 5\tline one\n"
    "line two of a covered text\n"
    "T10\tContent 60 66;80 83\tdone and\n"
    "T11\tAttribution-no-source 73 77\tsaid\n"
    "E3\tAttribution-no-source:T11 Content:T10\n"
    "T12\tCue 43 47\tsaid\n"
    "E4\tAttribution:T12 Cue:T12\n"
    "#1\tAnnotatorNotes T1\ta note\n"
)


def test_parse_ann() -> None:
    attributions, skipped = polnear.parse_ann(ANN)
    assert skipped == 1
    by_id = {a.id: a for a in attributions}
    assert set(by_id) == {"E1", "E2", "E3"}
    assert by_id["E1"] == GoldAttribution(content=((1, 30),), source=((33, 42),), cue=((43, 47),), id="E1")
    assert by_id["E2"].content == ((50, 66), (80, 92))
    assert by_id["E2"].source is None
    assert by_id["E3"].content == ((60, 66), (80, 83))
    assert by_id["E3"].cue is None


def test_load_picks_the_first_listed_annotator(tmp_path: Path) -> None:
    root = tmp_path / "polnear"
    for folder in ("text", "attributions"):
        (root / "dev" / folder).mkdir(parents=True)
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ndev\tdoc-a\tbbbb|cccc\ndev\tdoc-b\taaaa\n", encoding="utf-8"
    )
    for name, text in (("doc-a", TEXT), ("doc-b", TEXT + "\n")):  # the oracle tells articles apart by text
        (root / "dev" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "dev" / "attributions" / "doc-a_bbbb.ann").write_text(ANN, encoding="utf-8")
    (root / "dev" / "attributions" / "doc-a_cccc.ann").write_text("", encoding="utf-8")
    (root / "dev" / "attributions" / "doc-b_aaaa.ann").write_text(ANN.split("T5")[0], encoding="utf-8")
    docs = polnear.load("dev", root)
    assert [(d.name, d.annotator, len(d.attributions)) for d in docs] == [("doc-a", "bbbb", 3), ("doc-b", "aaaa", 1)]
    scores = polnear.score(polnear.gold_predictor(docs), "dev", root)
    assert scores["content"]["exact"]["f1"] == 1.0
    assert scores["source"]["exact"]["f1"] == 1.0


def test_quote_marks_predictor_finds_quotes_of_four_words_or_more() -> None:
    spans = [p.content for p in polnear.quote_marks_predictor(TEXT)]
    assert spans == [Q1]  # “Repairs are done,” has three words, “and paid for.” three


def test_textacy_predictor_on_an_invented_paragraph() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("textacy")
    from tests.eval.models import spacy_nlp

    try:
        spacy_nlp()
    except SystemExit:
        pytest.skip("no spaCy English model")
    predict = polnear.TextacyPredictor()
    predictions = predict(TEXT + "\nAn unpaired “quote mark here.")
    assert predict.refused == 1
    assert Q1 in [p.content for p in predictions]
    assert any(p.source is not None and TEXT[slice(*p.source)] in ("the mayor", "mayor") for p in predictions)
