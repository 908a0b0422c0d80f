"""Sentiment toward a named target in one sentence: negative, neutral or positive.

A small transformer fine-tuned once on NewsMTSC's training sentences (``bench/train_sentiment.py``, see
``docs/decisions/0016-target-sentiment-model.md``) and shipped as numbers in ``sentiment_model.npz``: the first
layers of all-MiniLM-L6-v2 (a BERT-style encoder, 384 wide) with its WordPiece vocabulary, and a linear head over
the encoder's ``[CLS]`` vector and the mean vector of the target's own pieces. A sentence is read once for all its
targets (a long one in a window of :data:`MAX_PIECES` pieces around each target), so the words around each target
are read in context. The forward pass runs on numpy alone (:mod:`newsdesk.extract.wordpiece` tokenizes), batched,
without a parse: a few hundred sentences a second on one core.

>>> from newsdesk.extract.sentiment import target_sentiment
>>> target_sentiment("Critics mocked Mayor Ilsa Varn for the failed bridge.", 15, 29).label  # doctest: +SKIP
'negative'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ConfigError
from newsdesk.extract.wordpiece import WordPiece

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["LABELS", "Sentiment", "Window", "load_model", "target_sentiment", "target_sentiments", "windows"]

MODEL = Path(__file__).with_name("sentiment_model.npz")
LABELS = ("negative", "neutral", "positive")
MAX_CHARS = 2_000  # a "sentence" longer than this is read around the target only
MAX_PIECES = 64  # pieces the encoder reads at once, [CLS] and [SEP] included
BATCH = 32  # windows encoded together
LAYER_NORM_EPS = 1e-12
HEAD_DIMS = 32  # width of one attention head (384 = 12 heads of 32)
FFN_ROWS = 512  # rows of the feed-forward computed together (its intermediate stays in cache)


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
class Window:
    """Pieces the encoder reads (``[CLS]`` and ``[SEP]`` included) and, for each target in them, its item number
    and the half-open range of its pieces."""

    ids: list[int]
    targets: list[tuple[int, int, int]]


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv: npt.NDArray[np.float32]  # (384, 3 * 384): query, key and value projections side by side
    qkv_bias: npt.NDArray[np.float32]
    out: npt.NDArray[np.float32]
    out_bias: npt.NDArray[np.float32]
    norm1: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
    up: npt.NDArray[np.float32]
    up_bias: npt.NDArray[np.float32]
    down: npt.NDArray[np.float32]  # halved: it multiplies twice the GELU (see _gelu2)
    down_bias: npt.NDArray[np.float32]
    norm2: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]


@dataclass(frozen=True, slots=True)
class _Scratch:
    """Buffers one call of :func:`probabilities` reuses for every batch (fresh large arrays for each batch cost
    page faults): a block of the feed-forward's rows, and flat buffers handed out by :meth:`take`."""

    up: npt.NDArray[np.float32]
    tmp: npt.NDArray[np.float32]
    flat: dict[str, npt.NDArray[np.float32]]

    def take(self, name: str, shape: tuple[int, ...]) -> npt.NDArray[np.float32]:
        """A C-contiguous float32 array of ``shape`` over the buffer ``name`` (grown when too small)."""
        import numpy as np

        size = math.prod(shape)
        buffer = self.flat.get(name)
        if buffer is None or buffer.size < size:
            buffer = self.flat[name] = np.empty(size, dtype=np.float32)
        return buffer[:size].reshape(shape)


@dataclass(frozen=True, slots=True)
class _Model:
    tokenizer: WordPiece
    cls: int
    sep: int
    words: npt.NDArray[np.float32]  # (vocabulary, 384)
    positions: npt.NDArray[np.float32]  # (MAX_PIECES, 384), the token-type vector added
    norm: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
    layers: tuple[_Layer, ...]
    head: npt.NDArray[np.float32]  # (2 * 384, 3) over [CLS] and the target's mean vector
    head_bias: npt.NDArray[np.float32]


def windows(items: Sequence[tuple[str, int, int]], tokenizer: WordPiece, max_pieces: int = MAX_PIECES) -> list[Window]:
    """The encoder's inputs for ``(sentence, start, end)`` items (shared by scoring and training).

    The targets of one sentence share a window when the whole sentence fits in ``max_pieces``; otherwise each
    target gets a window of the pieces around it (targets with the same window share it).
    """
    cls_id, sep_id = tokenizer.ids["[CLS]"], tokenizer.ids["[SEP]"]
    room = max_pieces - 2
    by_sentence: dict[str, list[int]] = {}
    for n, (sentence, _, _) in enumerate(items):
        by_sentence.setdefault(sentence, []).append(n)
    out: list[Window] = []
    for sentence, numbers in by_sentence.items():
        pieces = tokenizer.tokenize(sentence)
        shared: dict[int, Window] = {}
        for n in numbers:
            _, start, end = items[n]
            inside = [i for i, p in enumerate(pieces) if p.start < end and p.end > start]
            if not inside:  # a target of characters the tokenizer drops: the nearest piece stands for it
                inside = [min(range(len(pieces)), key=lambda i: abs(pieces[i].start - start))] if pieces else [0]
            lo, hi = inside[0], inside[-1] + 1
            first = 0
            if len(pieces) > room:
                first = max(0, min((lo + hi) // 2 - room // 2, len(pieces) - room))
            window = shared.get(first)
            if window is None:
                ids = [cls_id, *(p.id for p in pieces[first : first + room]), sep_id]
                window = shared[first] = Window(ids=ids, targets=[])
                out.append(window)
            last = len(window.ids) - 1  # the [SEP] position: a target's pieces end before it
            a = min(max(1, lo - first + 1), last - 1)
            b = max(a + 1, min(hi - first + 1, last))
            window.targets.append((n, a, b))
    return out


def _layer_norm(x: npt.NDArray[np.float32], norm: tuple[npt.NDArray[np.float32], ...]) -> npt.NDArray[np.float32]:
    """Layer normalisation of the rows of ``x``, in place."""
    import numpy as np

    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("...i,...i->...", x, x)[..., None] / x.shape[-1]
    x /= np.sqrt(var + LAYER_NORM_EPS)
    x *= norm[0]
    x += norm[1]
    return x


def _gelu2(x: npt.NDArray[np.float32], t: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Twice the GELU of ``x``, tanh form (the model is trained with it), in place; ``t`` is scratch of its shape.

    ``2 gelu(x) = x (1 + tanh(x (c + d x^2)))``: the factor 1/2 is folded into the feed-forward's output matrix
    when the model is loaded.
    """
    import numpy as np

    np.multiply(x, x, out=t)
    t *= 0.035677408136  # 0.7978845608 * 0.044715
    t += 0.7978845608  # sqrt(2 / pi)
    t *= x
    np.tanh(t, out=t)
    t += 1.0
    x *= t
    return x


def _feed_forward(h: npt.NDArray[np.float32], layer: _Layer, scratch: _Scratch) -> npt.NDArray[np.float32]:
    """``gelu(h W_up + b_up) W_down + b_down + h`` computed in blocks of rows, into ``h``'s place.

    The wide intermediate (4 x 384 per row) lives in two block buffers reused for every block and batch: no large
    array is allocated per batch, and a block stays in the processor's cache between its products.
    """
    import numpy as np

    out = np.empty_like(h)
    for first in range(0, h.shape[0], FFN_ROWS):
        rows = h[first : first + FFN_ROWS]
        up, t = scratch.up[: rows.shape[0]], scratch.tmp[: rows.shape[0]]
        np.matmul(rows, layer.up, out=up)
        up += layer.up_bias
        np.matmul(_gelu2(up, t), layer.down, out=out[first : first + FFN_ROWS])
    out += layer.down_bias
    out += h
    return out


def _logits(batch: Sequence[Window], model: _Model, scratch: _Scratch) -> npt.NDArray[np.float32]:
    """The head's scores for every target of ``batch`` (one row per target, in window order)."""
    import numpy as np

    width = max(len(w.ids) for w in batch)
    ids = np.zeros((len(batch), width), dtype=np.int64)
    mask = np.full((len(batch), 1, 1, width), -1e4, dtype=np.float32)
    for k, w in enumerate(batch):
        ids[k, : len(w.ids)] = w.ids
        mask[k, 0, 0, : len(w.ids)] = 0.0
    x = _layer_norm(model.words[ids] + model.positions[:width], model.norm)
    size, dims = x.shape[0] * width, x.shape[2]
    heads = dims // HEAD_DIMS
    scale = 1.0 / math.sqrt(HEAD_DIMS)
    # the positions the head reads, per window: its [CLS] (slot 0) and its targets' pieces
    slots: list[list[int]] = []
    spans: list[tuple[int, int, int]] = []  # (window, first row, end row) of each target in the head's rows
    picks: list[tuple[int, int]] = [(k, 0) for k in range(len(batch))]  # (window, slot) of each row the head reads
    for k, w in enumerate(batch):
        positions = [0]
        for _, a, b in w.targets:
            spans.append((k, len(picks), len(picks) + b - a))
            picks.extend((k, len(positions) + j) for j in range(b - a))
            positions.extend(range(a, b))
        slots.append(positions)
    for n, layer in enumerate(model.layers):
        flat = x.reshape(size, dims)
        if n < len(model.layers) - 1:
            qkv = np.matmul(flat, layer.qkv, out=scratch.take("qkv", (size, 3 * dims)))
            qkv += layer.qkv_bias
            qkv = qkv.reshape(len(batch), width, 3, heads, HEAD_DIMS)
            q, k_, v = (qkv[:, :, j].transpose(0, 2, 1, 3) for j in range(3))
        else:  # the last layer is finished only for the positions the head reads: queries for those alone
            kv = np.matmul(flat, layer.qkv[:, dims:], out=scratch.take("qkv", (size, 2 * dims)))
            kv += layer.qkv_bias[dims:]
            kv = kv.reshape(len(batch), width, 2, heads, HEAD_DIMS)
            k_, v = (kv[:, :, j].transpose(0, 2, 1, 3) for j in range(2))
            most = max(len(p) for p in slots)
            where = np.zeros((len(batch), most), dtype=np.int64)  # padded with each window's [CLS], not read
            for k, positions in enumerate(slots):
                where[k, : len(positions)] = positions
            where += (np.arange(len(batch)) * width)[:, None]
            flat = flat[where.reshape(-1)]
            q = (flat @ layer.qkv[:, :dims] + layer.qkv_bias[:dims]).reshape(len(batch), most, heads, HEAD_DIMS)
            q = q.transpose(0, 2, 1, 3)
        scores = np.matmul(q, k_.transpose(0, 1, 3, 2), out=scratch.take("scores", (*q.shape[:3], width)))
        scores *= scale
        scores += mask
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(-1, dims)
        if n == len(model.layers) - 1:
            keep = np.asarray([k * most + j for k, j in picks])
            context, flat = context[keep], flat[keep]
        h = context @ layer.out
        h += layer.out_bias
        h += flat
        h = _layer_norm(h, layer.norm1)
        h = _layer_norm(_feed_forward(h, layer, scratch), layer.norm2)
        x = h.reshape(len(batch), width, dims) if n < len(model.layers) - 1 else h[None]
    final = x[0]  # the [CLS] row of each window, then the rows of the targets' pieces
    pooled = np.stack([final[a:b].mean(axis=0) for _, a, b in spans]) if spans else np.zeros((0, dims))
    cls = final[[k for k, _, _ in spans]]
    out: npt.NDArray[np.float32] = np.concatenate([cls, pooled], axis=1) @ model.head + model.head_bias
    return out


def probabilities(items: Sequence[tuple[str, int, int]], model: _Model) -> npt.NDArray[np.float64]:
    """Class probabilities (columns in :data:`LABELS` order) of ``(sentence, start, end)`` items."""
    import numpy as np

    found = windows([_window(*item) for item in items], model.tokenizer)
    found.sort(key=lambda w: len(w.ids))  # similar lengths together: little padding
    logits = np.zeros((len(items), len(LABELS)), dtype=np.float64)
    wide = model.layers[0].up.shape[1] if model.layers else 0
    scratch = _Scratch(
        up=np.empty((FFN_ROWS, wide), dtype=np.float32), tmp=np.empty((FFN_ROWS, wide), dtype=np.float32), flat={}
    )
    for first in range(0, len(found), BATCH):
        batch = found[first : first + BATCH]
        scores = _logits(batch, model, scratch)
        order = [n for w in batch for n, _, _ in w.targets]
        logits[order] = scores
    logits -= logits.max(axis=1, keepdims=True)
    p: npt.NDArray[np.float64] = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    return p


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
    needed = {"vocab", "words", "words_scale", "positions", "norm", "n_layers", "head", "head_bias"}
    if not needed <= set(arrays):
        raise ConfigError(f"{path} is not a sentiment model: it lacks {sorted(needed - set(arrays))}")

    def f32(name: str) -> npt.NDArray[np.float32]:
        out: npt.NDArray[np.float32] = arrays[name].astype(np.float32)
        return out

    layers = tuple(
        _Layer(
            qkv=f32(f"l{k}_qkv"),
            qkv_bias=f32(f"l{k}_qkv_bias"),
            out=f32(f"l{k}_out"),
            out_bias=f32(f"l{k}_out_bias"),
            norm1=(f32(f"l{k}_norm1")[0], f32(f"l{k}_norm1")[1]),
            up=f32(f"l{k}_up"),
            up_bias=f32(f"l{k}_up_bias"),
            down=f32(f"l{k}_down") * np.float32(0.5),  # _gelu2 gives twice the GELU
            down_bias=f32(f"l{k}_down_bias"),
            norm2=(f32(f"l{k}_norm2")[0], f32(f"l{k}_norm2")[1]),
        )
        for k in range(int(arrays["n_layers"]))
    )
    tokenizer = WordPiece(arrays["vocab"].tolist())
    return _Model(
        tokenizer=tokenizer,
        cls=tokenizer.ids["[CLS]"],
        sep=tokenizer.ids["[SEP]"],
        # int8 rows with one scale each: a quarter of the float32 size
        words=arrays["words"].astype(np.float32) * f32("words_scale")[:, None],
        positions=f32("positions"),
        norm=(f32("norm")[0], f32("norm")[1]),
        layers=layers,
        head=f32("head"),
        head_bias=f32("head_bias"),
    )


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
        prob = probabilities([items[i] for i in live], model)
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
