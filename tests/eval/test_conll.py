"""The CoNLL++ entity scorer on small invented examples (no spaCy needed but for the last test)."""

from __future__ import annotations

import pytest

from tests.eval import conll
from tests.eval.conll import Entity

# Invented sentences in CoNLL's column shape (token POS chunk NER).
COLUMNS = """-DOCSTART- -X- -X- O

Maria NNP B-NP B-PER
Lopez NNP I-NP I-PER
joined VBD B-VP O
Acme NNP B-NP B-ORG
Shipping NNP I-NP I-ORG
in IN B-PP O
Leeds NNP B-NP B-LOC
. . O O

The DT B-NP O
Danish JJ I-NP B-MISC
team NN I-NP O
won VBD B-VP O
in IN B-PP O
Oslo NNP B-NP I-LOC
"""

GOLD = [[(0, 2, "PER"), (3, 5, "ORG"), (6, 7, "LOC")], [(1, 2, "MISC"), (5, 6, "LOC")]]


def test_read() -> None:
    sentences, gold = conll.read(COLUMNS)
    assert sentences == [
        ["Maria", "Lopez", "joined", "Acme", "Shipping", "in", "Leeds", "."],
        ["The", "Danish", "team", "won", "in", "Oslo"],
    ]
    assert gold == GOLD


@pytest.mark.parametrize(
    ("tags", "entities"),
    [
        (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
        (["I-PER", "I-PER", "O"], [(0, 2, "PER")]),  # IOB1: I- after O starts an entity
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["I-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),  # a change of type starts another
        (["O", "O"], []),
        ([], []),
    ],
)
def test_decode(tags: list[str], entities: list[Entity]) -> None:
    assert conll.decode(tags) == entities


PERFECT = [[(0, 2, "PER"), (3, 5, "ORG"), (6, 7, "LOC")], [(5, 6, "LOC")]]

# (predicted, micro F1, PER F1, ORG F1, LOC F1)
CASES = [
    pytest.param(PERFECT, 1.0, 1.0, 1.0, 1.0, id="perfect"),
    pytest.param([[], []], 0.0, 0.0, 0.0, 0.0, id="empty"),
    pytest.param(
        [[(0, 2, "PER"), (3, 5, "ORG"), (6, 7, "LOC")], [(5, 6, "LOC"), (1, 2, "MISC")]],
        1.0,
        1.0,
        1.0,
        1.0,
        id="predicted MISC is ignored",
    ),
    pytest.param(
        [[(0, 2, "PER"), (3, 5, "ORG"), (6, 7, "LOC")], [(5, 6, "LOC"), (0, 1, "DATE")]],
        1.0,
        1.0,
        1.0,
        1.0,
        id="other types are ignored",
    ),
    pytest.param(
        [[(0, 1, "PER"), (3, 5, "ORG"), (6, 7, "LOC")], [(5, 6, "LOC")]],
        0.75,
        0.0,
        1.0,
        1.0,
        id="partial span is wrong",
    ),
    pytest.param(
        [[(0, 2, "PER"), (3, 5, "LOC"), (6, 7, "LOC")], [(5, 6, "LOC")]], 0.75, 1.0, 0.0, 0.8, id="wrong type is wrong"
    ),
    pytest.param([[(0, 2, "PER"), (0, 2, "PER")], []], 0.4, 1.0, 0.0, 0.0, id="a repeated entity counts once"),
]


@pytest.mark.parametrize(("predicted", "micro", "per", "org", "loc"), CASES)
def test_score_entities(predicted: list[list[Entity]], micro: float, per: float, org: float, loc: float) -> None:
    scores = conll.score_entities(GOLD, predicted)
    assert scores["micro"]["f1"] == pytest.approx(micro)
    assert scores["PER"]["f1"] == pytest.approx(per)
    assert scores["ORG"]["f1"] == pytest.approx(org)
    assert scores["LOC"]["f1"] == pytest.approx(loc)


def test_gold_misc_is_not_counted() -> None:
    scores = conll.score_entities(GOLD, PERFECT)
    assert scores["micro"]["gold"] == 4


def test_one_prediction_list_per_sentence() -> None:
    with pytest.raises(ValueError):
        conll.score_entities(GOLD, [[]])


def test_spacy_predictor_keeps_the_gold_tokens() -> None:
    pytest.importorskip("spacy")
    from tests.eval.models import spacy_nlp

    try:
        spacy_nlp()
    except SystemExit:
        pytest.skip("no spaCy English model")
    sentences, _ = conll.read(COLUMNS)
    predicted = conll.spacy_predictor()(sentences)
    assert len(predicted) == 2
    for words, entities in zip(sentences, predicted, strict=True):
        for start, end, kind in entities:
            assert 0 <= start < end <= len(words)
            assert kind in conll.TYPES
