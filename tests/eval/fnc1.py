"""FNC-1 stance data: read it, split it by article body, and score predictions the official way.

The training part of FNC-1 (``../shared/data/fnc1/``) pairs headlines (the claim) with article bodies, labelled
``agree`` / ``disagree`` / ``discuss`` / ``unrelated``. newsdesk's labels are ``supports`` / ``contradicts`` /
``discusses`` / ``unrelated`` in that order. The held-out part is chosen by body, never by pair: a body is held out
when the first byte of the SHA-256 of its id is below ``HELD_OUT_SHARE`` of 256, so the split is fixed by the data
alone and a body is never on both sides. The model is trained on the other bodies (``bench/train_stance.py``).

Measures (the gate's ``fnc1.*``):
- ``fnc1.score``: the FNC-1 weighted score as a share of the best possible (+0.25 per pair whose related/unrelated
  call is right, +0.75 more per related pair whose exact label is right).
- ``fnc1.macro_f1``: mean F1 over the four classes.
- ``fnc1.disagree_f1``: F1 of ``disagree`` (``contradicts``) alone, the hard class.
"""

from __future__ import annotations

import csv
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
TO_NEWSDESK = dict(zip(FNC_LABELS, ("supports", "contradicts", "discusses", "unrelated"), strict=True))
HELD_OUT_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled pair: the headline (claim), the body id and text, and the FNC-1 stance."""

    headline: str
    body_id: str
    body: str
    stance: str


def files(folder: Path) -> list[Path]:
    """The two CSV files of FNC-1's training part."""
    return [folder / "train_bodies.csv", folder / "train_stances.csv"]


def read(folder: Path) -> list[Pair]:
    """Every labelled pair, in file order."""
    bodies_file, stances_file = files(folder)
    with bodies_file.open(encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with stances_file.open(encoding="utf-8", newline="") as handle:
        return [
            Pair(headline=row["Headline"], body_id=row["Body ID"], body=bodies[row["Body ID"]], stance=row["Stance"])
            for row in csv.DictReader(handle)
        ]


def held_out(body_id: str) -> bool:
    """Whether a body belongs to the held-out part (fixed by its id alone)."""
    return hashlib.sha256(body_id.encode()).digest()[0] < HELD_OUT_SHARE * 256


def split(pairs: list[Pair]) -> tuple[list[Pair], list[Pair]]:
    """Training pairs and held-out pairs, split by body."""
    train = [p for p in pairs if not held_out(p.body_id)]
    test = [p for p in pairs if held_out(p.body_id)]
    return train, test


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    """The FNC-1 weighted score as a share of the best possible (labels in FNC-1's or newsdesk's names)."""
    unrelated = {"unrelated"}
    got = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        g_rel, p_rel = g not in unrelated, p not in unrelated
        best += 0.25 + (0.75 if g_rel else 0.0)
        if g_rel == p_rel:
            got += 0.25
            if g_rel and g == p:
                got += 0.75
    return got / best if best else 0.0


def f1_by_label(gold: list[str], predicted: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    """F1 of each label (0.0 when a label is neither predicted nor gold)."""
    out = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """The three gate measures for FNC-1 labels ``gold`` against newsdesk labels ``predicted``."""
    gold_nd = [TO_NEWSDESK[g] for g in gold]
    f1 = f1_by_label(gold_nd, predicted, tuple(TO_NEWSDESK.values()))
    return {
        "fnc1.score": fnc_score(gold_nd, predicted),
        "fnc1.macro_f1": sum(f1.values()) / len(f1),
        "fnc1.disagree_f1": f1["contradicts"],
    }


def measure(folder: Path) -> tuple[dict[str, float], float, int]:
    """Score the shipped model on the held-out pairs: the measures, the seconds scoring took, the pairs scored."""
    from newsdesk.claims.stance import claim_stances

    _, test = split(read(folder))
    began = time.perf_counter()
    results = claim_stances([(p.headline, p.body) for p in test])
    seconds = time.perf_counter() - began
    return scores([p.stance for p in test], [r.label for r in results]), seconds, len(test)
