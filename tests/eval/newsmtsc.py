"""NewsMTSC target-sentiment data: read it and score predictions by macro-F1 over the three classes.

NewsMTSC (Hamborg & Donnay, EACL 2021; ``../shared/data/newsmtsc/``) labels the sentiment an English news sentence
expresses toward a named target in it: ``polarity`` 2.0 negative, 4.0 neutral, 6.0 positive, with the target's
character offsets ``from``/``to``. ``train.jsonl`` (8,739 targets) trains the shipped model
(``bench/train_sentiment.py``); ``devtest_mt.jsonl`` (1,476 targets in 721 sentences, most with two targets that
the sentence treats differently) is what the gate scores. The held-out test parts are not here.

Measures (the gate's ``newsmtsc.*``):
- ``newsmtsc.macro_f1``: mean F1 over negative / neutral / positive on ``devtest_mt``.
- ``newsmtsc.negative_f1`` / ``newsmtsc.neutral_f1`` / ``newsmtsc.positive_f1``: each class's F1.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class Target:
    """One labelled target: its sentence, its half-open character span and the gold label."""

    sentence: str
    start: int
    end: int
    label: str


def files(folder: Path) -> list[Path]:
    """The two files of NewsMTSC used here."""
    return [folder / "train.jsonl", folder / "devtest_mt.jsonl"]


def read(path: Path) -> list[Target]:
    """Every labelled target of one NewsMTSC file, in file order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for target in row["targets"]:
            out.append(
                Target(
                    sentence=row["sentence_normalized"],
                    start=int(target["from"]),
                    end=int(target["to"]),
                    label=POLARITY[float(target["polarity"])],
                )
            )
    return out


def f1_by_label(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """F1 of each label (0.0 when a label is never right)."""
    out = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """The gate measures of ``predicted`` labels against ``gold``."""
    f1 = f1_by_label(gold, predicted)
    return {
        "newsmtsc.macro_f1": sum(f1.values()) / len(f1),
        **{f"newsmtsc.{label}_f1": value for label, value in f1.items()},
    }


def measure(folder: Path) -> tuple[dict[str, float], float, int]:
    """Score the shipped model on ``devtest_mt``: the measures, the seconds scoring took, the sentences scored."""
    from newsdesk.extract.sentiment import target_sentiments

    targets = read(folder / "devtest_mt.jsonl")
    began = time.perf_counter()
    results = target_sentiments([(t.sentence, t.start, t.end) for t in targets])
    seconds = time.perf_counter() - began
    sentences = len({t.sentence for t in targets})
    return scores([t.label for t in targets], [r.label for r in results]), seconds, sentences
