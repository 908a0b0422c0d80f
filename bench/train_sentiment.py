"""Train the target-sentiment model on NewsMTSC and write ``src/newsdesk/extract/sentiment_model.npz``.

Deterministic (fixed seeds, the data's own order). Reads ``../shared/data/newsmtsc`` (``NEWSDESK_SHARED`` overrides
``../shared``), learns from ``train.jsonl`` only, and then scores ``devtest_mt.jsonl`` with the written file, as the
gate does. What it learns:

1. the word table: every word found in at least ``MIN_DF`` training sentences, every word of VADER's lexicon and
   the most frequent words of FNC-1's article bodies (unlabelled news text, for coverage), each with a static
   vector (WordLlama's ``l2_supercat_256`` embedding of the word, reduced by PCA to ``DIMS`` dimensions and made
   unit length) and VADER's valence (0 where VADER lacks the word);
2. the feature rows of the training targets (:func:`newsdesk.extract.sentiment.features`);
3. a classifier over them (scikit-learn), exported as plain weight matrices so that newsdesk scores with numpy alone.

Needs the train group's ``wordllama`` and ``vaderSentiment`` (``pip install -e . --group dev --group train``;
their weights and lexicon ship in their wheels; nothing is downloaded).
Usage: ``.venv/bin/python bench/train_sentiment.py [--out PATH] [--dims N] [--model lr|mlp]``.
See docs/decisions/0016-target-sentiment-model.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.eval.newsmtsc holds the reader and the scorer the gate uses

from tests.eval import newsmtsc  # noqa: E402

from newsdesk.extract import sentiment  # noqa: E402

SEED = 20210419
DIMS = 96
MIN_DF = 2  # a word of one training sentence only (a rare name) is left out of the shipped table
EXTRA_WORDS = 20_000  # most frequent words of FNC-1's bodies added to the table
LABEL_OF = {label: k for k, label in enumerate(sentiment.LABELS)}


def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (-4..4), from the lexicon file in the vaderSentiment wheel."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0].casefold()] = float(parts[1])
    return out


def news_words(shared: Path, limit: int) -> list[str]:
    """The ``limit`` most frequent words of FNC-1's article bodies (unlabelled, for vocabulary only)."""
    path = shared / "data" / "fnc1" / "train_bodies.csv"
    if not path.exists():
        return []
    counts: Counter[str] = Counter()
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            counts.update(w for w, _, _ in sentiment.tokens(row["articleBody"]))
    return [w for w, _ in counts.most_common(limit)]


def word_table(words: list[str], dims: int) -> np.ndarray:
    """WordLlama vectors of ``words``, reduced to ``dims`` by PCA and made unit length."""
    import wordllama
    from sklearn.decomposition import PCA

    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    full = np.asarray(model.embed(words, norm=True), dtype=np.float32)
    reduced = PCA(dims, random_state=SEED).fit_transform(full) if dims < full.shape[1] else full
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-6
    return reduced.astype(np.float32)


def classifier(kind: str, x: np.ndarray, y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Fit a classifier on standardised rows; its layers as (weights, bias)."""
    if kind == "lr":
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=0.005, max_iter=3000, class_weight="balanced").fit(x, y)
        return [(lr.coef_.T, lr.intercept_)]
    from sklearn.neural_network import MLPClassifier

    mlp = MLPClassifier((128,), alpha=1.0, max_iter=300, early_stopping=True, random_state=SEED).fit(x, y)
    return list(zip(mlp.coefs_, mlp.intercepts_, strict=True))


def fit(train: list[newsmtsc.Target], shared: Path, dims: int, kind: str) -> dict[str, Any]:
    """Everything the model file holds, learned from ``train`` alone."""
    began = time.perf_counter()
    valences = vader_lexicon()
    df: Counter[str] = Counter()
    for sentence in dict.fromkeys(t.sentence for t in train):
        df.update({w for w, _, _ in sentiment.tokens(sentence)})
    vocab = sorted({w for w, n in df.items() if n >= MIN_DF} | set(valences) | set(news_words(shared, EXTRA_WORDS)))
    vectors = word_table(vocab, dims)
    print(f"word table: {len(vocab)} words, {dims} dims, {time.perf_counter() - began:.1f}s", flush=True)
    partial = sentiment._Model(
        index={w: i for i, w in enumerate(vocab)},
        vectors=vectors.astype(np.float16).astype(np.float32),
        valence=np.array([valences.get(w, 0.0) for w in vocab], dtype=np.float32),
        mean=np.zeros(1),
        scale=np.ones(1),
        layers=(),
    )
    x = sentiment.features([(t.sentence, t.start, t.end) for t in train], partial)
    y = np.array([LABEL_OF[t.label] for t in train])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    print(f"features: {x.shape}, {time.perf_counter() - began:.1f}s", flush=True)
    layers = classifier(kind, (x - mean) / scale, y)
    print(f"classifier ({kind}): {time.perf_counter() - began:.1f}s", flush=True)
    arrays: dict[str, Any] = {
        "vocab": np.array(vocab),
        "vectors": vectors.astype(np.float16),
        "valence": partial.valence.astype(np.float16),
        "mean": mean.astype(np.float32),
        "scale": scale.astype(np.float32),
        "n_layers": np.array(len(layers)),
    }
    for k, (w, b) in enumerate(layers):
        arrays[f"w{k}"] = np.asarray(w, dtype=np.float32)
        arrays[f"b{k}"] = np.asarray(b, dtype=np.float32)
    return arrays


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=sentiment.MODEL)
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--model", choices=("lr", "mlp"), default="lr")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))
    folder = shared / "data" / "newsmtsc"
    dev_sentences = {t.sentence for t in newsmtsc.read(folder / "devtest_mt.jsonl")}
    # Two training sentences are also in devtest_mt (with other targets): left out, so the dev score is clean.
    train = [t for t in newsmtsc.read(folder / "train.jsonl") if t.sentence not in dev_sentences]
    print(f"{len(train)} training targets", flush=True)
    arrays = fit(train, shared, args.dims, args.model)
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    sentiment.load_model.cache_clear()
    if args.out != sentiment.MODEL:
        print("scored with the shipped path only; copy the file there to score it")
        return 0
    got, seconds, sentences = newsmtsc.measure(folder)
    for name, value in got.items():
        print(f"{name:<22} {value:.4f}")
    print(f"scored {sentences} sentences in {seconds:.2f}s ({sentences / seconds:.0f} sentences/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
