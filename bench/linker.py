"""Entity linking's cost per article as the store's entities grow: one Linker for the run against one per batch.

The entities stage links each batch's mentions against every stored entity. Until decision 0035 it built a Linker
from all stored entities for each batch of 500 (and counted every known name's type votes again), work that grows
with the store; now one Linker serves the run and takes each batch's records back (``Linker.settle``).

Inputs, made with a fixed seed (no parse, so it runs in seconds): names from the capitalised words of the PolNeAR
texts, people as two words, organisations and places as one or two. ``--entities`` of them are the stored
entities; each article of a batch holds 30 mentions in a text of its own (the names joined by ". "), 70% of them
names already known (picked with a skewed distribution: a few names are in most articles) and 30% new ones.

For each size, CPU seconds (``time.process_time``) per article of linking two batches of 500 articles, best of
``--repeat``: "per batch" builds a Linker from the stored records for each batch (the old way), "kept" links
with one Linker built once (untimed) and settled after each batch. Usage:
``.venv/bin/python bench/linker.py [--sizes 5000,20000,80000,160000] [--repeat 2]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsdesk.extract.entities import Linker
from newsdesk.records import Article, Entity, Mention

SEED = 20261204
BATCH = 500
MENTIONS = 30
KNOWN_SHARE = 0.7
DEFAULT_SIZES = (5_000, 20_000, 80_000, 160_000)
_NAME = re.compile(r"\b[A-Z][a-z]{3,11}\b")


def _ingest_bench() -> Any:
    spec = importlib.util.spec_from_file_location("newsdesk_bench_ingest", Path(__file__).with_name("ingest.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def words(data: Path) -> list[str]:
    """The capitalised words of the PolNeAR texts, sorted."""
    found: set[str] = set()
    for d in _ingest_bench().TEXT_DIRS:
        for p in sorted((data / d).glob("*.txt")):
            found.update(_NAME.findall(p.read_text(encoding="utf-8")))
    return sorted(found)


def name(rng: random.Random, vocabulary: Sequence[str]) -> tuple[str, str]:
    """A made-up name and its type."""
    kind = rng.choices(("PERSON", "ORG", "GPE"), weights=(6, 3, 1))[0]
    if kind == "PERSON" or rng.random() < 0.5:
        return f"{rng.choice(vocabulary)} {rng.choice(vocabulary)}", kind
    return rng.choice(vocabulary), kind


def stored(rng: random.Random, vocabulary: Sequence[str], count: int) -> list[Entity]:
    """``count`` stored entities of distinct names."""
    seen: set[str] = set()
    out = []
    while len(out) < count:
        text, kind = name(rng, vocabulary)
        if text in seen:
            continue
        seen.add(text)
        out.append(Entity(id=f"x{len(out)}", name=text, type=kind, aliases=(text,), mentions=3, articles=2))
    return out


def batch(rng: random.Random, vocabulary: Sequence[str], known: Sequence[Entity], start: int) -> list[Article]:
    """``BATCH`` articles of ``MENTIONS`` mentions each."""
    articles = []
    for n in range(BATCH):
        names = []
        for _ in range(MENTIONS):
            if rng.random() < KNOWN_SHARE:
                e = known[min(len(known) - 1, int(rng.paretovariate(1.0)) - 1 + rng.randrange(len(known)) // 50)]
                names.append((e.name, e.type))
            else:
                names.append(name(rng, vocabulary))
        text, mentions = "", []
        for words_, kind in names:
            mentions.append(Mention(text=words_, start=len(text), end=len(text) + len(words_), type=kind))
            text += words_ + ". "
        articles.append(Article(id=f"a{start + n}", source="bench", text=text, mentions=tuple(mentions)))
    return articles


def measure(vocabulary: Sequence[str], size: int, repeat: int) -> tuple[float, float]:
    """CPU ms per article, per batch and kept, at ``size`` stored entities."""
    best = [float("inf"), float("inf")]
    for attempt in range(repeat):
        rng = random.Random(SEED + attempt)
        records = stored(rng, vocabulary, size)
        batches = [batch(rng, vocabulary, records, i * BATCH) for i in range(2)]
        # Per batch: a Linker from the stored records for each batch, as the stage did.
        seen = list(records)
        started = time.process_time()
        for articles in batches:
            linker = Linker(seen)
            linker.link_articles(articles)
            seen += linker.entities(linker.changed)
        best[0] = min(best[0], (time.process_time() - started) * 1000 / (BATCH * len(batches)))
        if not hasattr(Linker, "settle"):  # a newsdesk from before decision 0035
            continue
        # Kept: one Linker for the run, settled after each batch.
        linker = Linker(records)
        started = time.process_time()
        for articles in batches:
            linker.link_articles(articles)
            linker.settle(linker.entities(linker.changed))
        best[1] = min(best[1], (time.process_time() - started) * 1000 / (BATCH * len(batches)))
    return best[0], best[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="stored entities, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="the best of this many runs counts (default 2)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    vocabulary = words(_ingest_bench().shared_data())
    print(f"entity linking, CPU ms per article ({MENTIONS} mentions, {BATCH} a batch); {len(vocabulary):,} name words")
    print(f"{'entities':>10}{'per batch':>11}{'kept':>8}")
    for size in sizes:
        per_batch, kept = measure(vocabulary, size, args.repeat)
        print(f"{size:>10,}{per_batch:>11.2f}{kept:>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
