"""Named-entity scorer on CoNLL++ (CoNLL-2003 English with corrected labels), development part.

Run ``python -m tests.eval.conll --predictor spacy`` for the table.

The data (``../shared/data/conllpp/conllpp_dev.txt``): one token a line as ``token POS chunk NER``, a blank line
between sentences, ``-DOCSTART-`` lines between articles (skipped). NER tags are IOB: ``B-X`` starts an entity;
``I-X`` continues one, and also starts one when it follows ``O`` or another type (the older IOB1 reading, so
either scheme decodes right).

Scoring: entity-level micro precision/recall/F1 over PER, ORG and LOC, an entity counting only when its token
span and its type are both right (CoNLL's own rule), plus the same per type. MISC is ignored on both sides: gold
MISC entities are dropped, and so is any predicted entity whose type is not PER/ORG/LOC (newsdesk names people,
organisations and places; MISC mixes nationalities, events and titles with no counterpart in it).

A predictor takes the sentences (each a list of tokens) and returns, for each sentence, its entities as
``(start, end, type)`` token offsets, ``end`` exclusive.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Entity = tuple[int, int, str]
Predictor = Callable[[list[list[str]]], list[list[Entity]]]
TYPES = ("PER", "ORG", "LOC")

# spaCy (OntoNotes labels) to CoNLL: people; organisations; countries, cities, states (GPE), other locations (LOC)
# and buildings, airports, roads (FAC). NORP (nationalities, groups) is CoNLL's MISC, so it is not mapped; nor is
# anything else (dates, numbers, works of art...).
SPACY_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read(text: str) -> tuple[list[list[str]], list[list[Entity]]]:
    """Sentences (tokens) and their gold entities from CoNLL column text."""
    sentences: list[list[str]] = []
    tags: list[list[str]] = []
    tokens: list[str] = []
    labels: list[str] = []
    for line in [*text.splitlines(), ""]:
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if tokens:
                sentences.append(tokens)
                tags.append(labels)
            tokens, labels = [], []
            continue
        tokens.append(fields[0])
        labels.append(fields[-1])
    return sentences, [decode(t) for t in tags]


def decode(tags: Sequence[str]) -> list[Entity]:
    """Entities of one sentence's IOB tags (IOB1 or IOB2)."""
    out: list[Entity] = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and (start is None or label != kind))
        if start is not None and (prefix == "O" or begins):
            out.append((start, i, kind))
            start = None
        if begins:
            start, kind = i, label
    return out


def load(path: Path | None = None) -> tuple[list[list[str]], list[list[Entity]]]:
    if path is None:
        from tests.eval.gate import shared

        path = shared() / "data" / "conllpp" / "conllpp_dev.txt"
    return read(path.read_text(encoding="utf-8"))


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "predicted": predicted, "gold": gold}


def score_entities(gold: Sequence[Sequence[Entity]], predicted: Sequence[Sequence[Entity]]) -> dict[str, Any]:
    """Micro P/R/F1 over PER/ORG/LOC and per type; other types on either side are ignored."""
    if len(gold) != len(predicted):
        raise ValueError("one prediction list per sentence")
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, predicted, gold
    for gold_ents, pred_ents in zip(gold, predicted, strict=True):
        g = {e for e in gold_ents if e[2] in TYPES}
        p = {(int(s), int(e), t) for s, e, t in pred_ents if t in TYPES}
        for s, e, t in p:
            counts[t][1] += 1
            counts[t][0] += (s, e, t) in g
        for _, _, t in g:
            counts[t][2] += 1
    out: dict[str, Any] = {t: _prf(*counts[t]) for t in TYPES}
    out["micro"] = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return out


def score(predict: Predictor, path: Path | None = None) -> dict[str, Any]:
    """Run ``predict`` over CoNLL++ dev and score it; ``seconds`` is the prediction time."""
    sentences, gold = load(path)
    started = time.perf_counter()
    predicted = predict(sentences)
    seconds = time.perf_counter() - started
    return {"sentences": len(sentences), **score_entities(gold, predicted), "seconds": seconds}


def table(scores: dict[str, Any]) -> str:
    lines = [
        f"CoNLL++ dev: {scores.get('sentences', '?')} sentences"
        + (f", {scores['seconds']:.1f} s" if "seconds" in scores else ""),
        f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}",
    ]
    for key in (*TYPES, "micro"):
        s = scores[key]
        lines.append(f"{key:<8}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}{s['gold']:>8}{s['predicted']:>8}")
    return "\n".join(lines)


def spacy_predictor(nlp: Any = None, batch_size: int = 256) -> Predictor:
    """Raw spaCy NER over the gold tokens (no retokenising), its labels mapped by ``SPACY_TO_CONLL``."""
    from spacy.tokens import Doc

    from tests.eval.models import spacy_nlp

    nlp = nlp or spacy_nlp()

    def predict(sentences: list[list[str]]) -> list[list[Entity]]:
        docs = (Doc(nlp.vocab, words=words) for words in sentences)
        return [
            [(ent.start, ent.end, SPACY_TO_CONLL[ent.label_]) for ent in doc.ents if ent.label_ in SPACY_TO_CONLL]
            for doc in nlp.pipe(docs, batch_size=batch_size)
        ]

    return predict


def newsdesk_predictor(batch_size: int = 256) -> Predictor:
    """newsdesk's mention stage over the gold tokens: the model's names plus outlets and retyped surnames."""
    from spacy.tokens import Doc

    from newsdesk import nlp as newsdesk_nlp
    from newsdesk.extract import mentions

    nlp = newsdesk_nlp.load()

    def predict(sentences: list[list[str]]) -> list[list[Entity]]:
        out: list[list[Entity]] = []
        for doc in nlp.pipe((Doc(nlp.vocab, words=words) for words in sentences), batch_size=batch_size):
            found: list[Entity] = []
            for m in mentions.find(doc):
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                kind = SPACY_TO_CONLL.get(m.type)
                if span is not None and kind:
                    found.append((span.start, span.end, kind))
            out.append(found)
        return out

    return predict


def gold_predictor(path: Path | None = None) -> Predictor:
    """An oracle returning the gold entities: a check of the scorer, scoring 1.0."""
    _, gold = load(path)

    def predict(sentences: list[list[str]]) -> list[list[Entity]]:
        return [list(g) for g in gold]

    return predict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.conll", description=__doc__.split("\n")[0])
    parser.add_argument("--predictor", default="spacy", help="spacy | gold | module:function")
    args = parser.parse_args(argv)
    predict: Predictor
    if args.predictor == "spacy":
        predict = spacy_predictor()
    elif args.predictor == "gold":
        predict = gold_predictor()
    elif ":" in args.predictor:
        module, _, attr = args.predictor.partition(":")
        predict = getattr(importlib.import_module(module), attr)
    else:
        raise SystemExit(f"unknown predictor {args.predictor!r}: spacy, gold or module:function")
    print(table(score(predict)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
