"""Sentiment toward a named target in one sentence: negative, neutral or positive.

A model trained once on NewsMTSC's training sentences (``bench/train_sentiment.py``, see
``docs/decisions/0016-target-sentiment-model.md``) and shipped as ``sentiment_model.npz``: a word table (a static
vector per word, reduced from WordLlama's embeddings, and VADER's valence where VADER has the word) and a small
classifier over features of the target's context. The features are the mean vectors of the words just before and
just after the target, of each side weighted by distance, of the target itself, of its clause (up to the nearest
comma, conjunction or relative pronoun) and of the whole sentence; and the VADER valence of the context words (a
negation in the three words before flips and damps it, as VADER does) summed by side, by distance and within the
clause. Scoring runs on numpy alone, batched, without a parse: a few thousand targets a second on one core.

>>> from newsdesk.extract.sentiment import target_sentiment
>>> target_sentiment("Critics mocked Mayor Ilsa Varn for the failed bridge.", 15, 29).label  # doctest: +SKIP
'negative'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["LABELS", "Sentiment", "features", "load_model", "target_sentiment", "target_sentiments"]

MODEL = Path(__file__).with_name("sentiment_model.npz")
LABELS = ("negative", "neutral", "positive")
MAX_CHARS = 5_000  # a "sentence" longer than this is read around the target only
NEAR = 3  # words either side of the target that count as its immediate context
DECAY = 0.3  # weight of a context word d words away: 1 / (1 + DECAY * d)
NEGATION_WINDOW = 3
NEGATION_SCALE = -0.74  # VADER's own factor for a negated valence

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w\s]")
NEGATIONS = frozenset(
    """not no never none nothing neither nor without cannot can't won't isn't wasn't aren't weren't don't doesn't
    didn't hasn't haven't hadn't couldn't wouldn't shouldn't nobody n't""".split()
)
# A clause ends at punctuation, a coordinating or subordinating conjunction or a relative pronoun.
CLAUSE_BREAKS = frozenset(
    ", ; : ( ) – — - but while whereas although though as after before because who which that and".split()
)
_PARTS = ("near_left", "near_right", "left", "right", "target", "sentence", "clause")
N_VALENCE = 8
N_SHAPE = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentiment:
    """The sentiment a sentence expresses toward its target ``sentence[start:end]``.

    ``confidence`` is the model's probability of ``label``; ``scores`` gives every label's probability.
    """

    label: str
    confidence: float
    start: int
    end: int
    scores: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        """The sentiment as plain JSON-ready data."""
        return {
            "label": self.label,
            "confidence": self.confidence,
            "start": self.start,
            "end": self.end,
            "scores": dict(self.scores),
        }


@dataclass(frozen=True, slots=True)
class _Model:
    index: dict[str, int]
    vectors: npt.NDArray[np.float32]
    valence: npt.NDArray[np.float32]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    layers: tuple[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]], ...]  # (weights, bias); ReLU between


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words and punctuation of ``text`` (curly apostrophes made straight) with their offsets."""
    return [(m.group().casefold().replace("’", "'"), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _row(sentence: str, start: int, end: int, model: _Model) -> npt.NDArray[np.float64]:
    """The feature row of one target."""
    import numpy as np

    toks = tokens(sentence)
    words = [w for w, _, _ in toks]
    n = max(1, len(words))
    inside = [i for i, (_, a, b) in enumerate(toks) if a < end and b > start]
    if not inside:  # an empty or white-space target: the nearest word stands for it
        inside = [min(range(len(toks)), key=lambda i: abs(toks[i][1] - start))] if toks else [0]
    lo, hi = min(inside), max(inside)
    clause_lo, clause_hi = lo, hi
    while clause_lo > 0 and words[clause_lo - 1] not in CLAUSE_BREAKS:
        clause_lo -= 1
    while clause_hi < len(words) - 1 and words[clause_hi + 1] not in CLAUSE_BREAKS:
        clause_hi += 1
    dims = model.vectors.shape[1]
    ids = [model.index.get(w, -1) for w in words]
    # weights of each word in each part, as one matrix, so the vectors are summed in one product
    weights = np.zeros((len(_PARTS), len(words)))
    valence = np.zeros(N_VALENCE)
    for i, word_id in enumerate(ids):
        weights[5, i] = 1.0
        if lo <= i <= hi:
            weights[4, i] = 1.0
            continue
        left = i < lo
        distance = lo - i if left else i - hi
        decay = 1.0 / (1.0 + DECAY * distance)
        weights[2 if left else 3, i] = decay
        if distance <= NEAR:
            weights[0 if left else 1, i] = 1.0
        in_clause = clause_lo <= i <= clause_hi
        if in_clause:
            weights[6, i] = 1.0
        v = float(model.valence[word_id]) if word_id >= 0 else 0.0
        if v:
            if any(words[k] in NEGATIONS for k in range(max(0, i - NEGATION_WINDOW), i)):
                v *= NEGATION_SCALE
            side = 0 if left else 1
            valence[side] += v * decay
            valence[2 + side] += v * (distance <= NEAR)
            valence[4] += v * in_clause
            valence[5] += v
            valence[6] += max(v, 0.0)
            valence[7] += min(v, 0.0)
    known = [i for i, word_id in enumerate(ids) if word_id >= 0]
    sums = np.zeros((len(_PARTS), dims))
    if known:
        sums = weights[:, known] @ model.vectors[[ids[i] for i in known]].astype(np.float64)
    # Each part is a mean over all its words (unknown words count, with a zero vector), as in training.
    parts = sums / (weights.sum(axis=1, keepdims=True) + 1e-6)
    shape = [lo / n, (n - hi) / n, float(lo == 0), math.log(n)]
    return np.concatenate([parts.ravel(), valence, shape])


def features(items: Sequence[tuple[str, int, int]], model: _Model | None = None) -> npt.NDArray[np.float64]:
    """The feature matrix of ``(sentence, start, end)`` targets (used by :func:`target_sentiments` and training)."""
    import numpy as np

    model = model or load_model()
    width = len(_PARTS) * model.vectors.shape[1] + N_VALENCE + N_SHAPE
    rows = [_row(*_window(s, a, b), model) for s, a, b in items]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), width)


def _window(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """A long text cut to ``MAX_CHARS`` around the target, offsets moved with it."""
    if len(sentence) <= MAX_CHARS:
        return sentence, start, end
    cut = max(0, min(start - MAX_CHARS // 2, len(sentence) - MAX_CHARS))
    return sentence[cut : cut + MAX_CHARS], start - cut, end - cut


@cache
def load_model(path: Path = MODEL) -> _Model:
    """The shipped target-sentiment model (read once per process).

    Raises:
        ConfigError: the model file is missing or not a sentiment model.
    """
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"cannot read the sentiment model {path}: {exc}; reinstall newsdesk or rebuild it with "
            "bench/train_sentiment.py"
        ) from exc
    needed = {"vocab", "vectors", "valence", "mean", "scale", "n_layers"}
    if not needed <= set(arrays):
        raise ConfigError(f"{path} is not a sentiment model: it lacks {sorted(needed - set(arrays))}")
    layers = tuple(
        (arrays[f"w{k}"].astype(np.float64), arrays[f"b{k}"].astype(np.float64)) for k in range(int(arrays["n_layers"]))
    )
    return _Model(
        index={w: i for i, w in enumerate(arrays["vocab"].tolist())},
        vectors=arrays["vectors"].astype(np.float32),
        valence=arrays["valence"].astype(np.float32),
        mean=arrays["mean"].astype(np.float64),
        scale=arrays["scale"].astype(np.float64),
        layers=layers,
    )


def probabilities(x: npt.NDArray[np.float64], model: _Model) -> npt.NDArray[np.float64]:
    """Class probabilities (columns in :data:`LABELS` order) of feature rows ``x``."""
    import numpy as np

    h = (x - model.mean) / model.scale
    for k, (w, b) in enumerate(model.layers):
        h = h @ w + b
        if k < len(model.layers) - 1:
            h = np.maximum(h, 0.0)
    h -= h.max(axis=1, keepdims=True)
    p: npt.NDArray[np.float64] = np.exp(h)
    p /= p.sum(axis=1, keepdims=True)
    return p


def _check(items: Sequence[Any]) -> None:
    for n, item in enumerate(items):
        if not (isinstance(item, tuple | list) and len(item) == 3):
            raise TypeError(f"item {n} is {item!r}: each item must be (sentence, start, end)")
        sentence, start, end = item
        if not isinstance(sentence, str) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in (start, end)
        ):
            raise TypeError(f"item {n} is {item!r}: the sentence must be a string and start, end integers")
        if not 0 <= start < end <= len(sentence):
            raise ValueError(
                f"item {n}: the target span [{start}, {end}) is not a non-empty range inside the sentence of "
                f"{len(sentence)} characters; give 0 <= start < end <= len(sentence)"
            )


def target_sentiments(items: Iterable[tuple[str, int, int]]) -> list[Sentiment]:
    """The sentiment toward each target, in the order of ``items`` of ``(sentence, start, end)``.

    The target is the half-open character span ``sentence[start:end]`` (a name, or any mention of the target).
    A target with no word in it (only spaces or punctuation) is ``neutral`` with confidence 1.0.

    Raises:
        TypeError: an item is not ``(str, int, int)``.
        ValueError: a span is empty or outside its sentence.
        ConfigError: the shipped model cannot be read.
    """
    items = [tuple(item) for item in items]  # type: ignore[misc]
    _check(items)
    model = load_model()
    live = [i for i, (s, a, b) in enumerate(items) if any(c.isalnum() for c in s[a:b])]
    results: list[Sentiment | None] = [None] * len(items)
    if live:
        prob = probabilities(features([items[i] for i in live], model), model)
        for row, i in enumerate(live):
            k = int(prob[row].argmax())
            results[i] = Sentiment(
                label=LABELS[k],
                confidence=round(float(prob[row, k]), 4),
                start=items[i][1],
                end=items[i][2],
                scores={label: round(float(prob[row, j]), 4) for j, label in enumerate(LABELS)},
            )
    return [
        r
        or Sentiment(
            label="neutral",
            confidence=1.0,
            start=items[i][1],
            end=items[i][2],
            scores={label: float(label == "neutral") for label in LABELS},
        )
        for i, r in enumerate(results)
    ]


def target_sentiment(sentence: str, start: int, end: int) -> Sentiment:
    """The sentiment ``sentence`` expresses toward ``sentence[start:end]`` (see :func:`target_sentiments`)."""
    return target_sentiments([(sentence, start, end)])[0]
