"""Quote and entity extraction throughput against spaCy's ``nlp.pipe`` alone, on the same texts and model.

Inputs: PolNeAR train's 840 text files (``polnear/train/text/*.txt``). Two timed passes over the same texts:
``nlp.pipe`` alone (the floor: what the model costs), then newsdesk's ``quotes`` stage work (the same
``nlp.pipe`` plus mention and quote extraction on each parse, with the extraction timed on its own). The ratio
is the stage's throughput over the model's, parse time / (parse + extraction time) within the second pass; the
target is >= 0.8 (extraction adds under 25% to the model's time). The model is loaded once, before
either pass, and warmed on one text.

Usage: ``.venv/bin/python bench/nlp.py [--limit N] [--json PATH]``. ``NEWSDESK_SHARED`` overrides ``../shared``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from newsdesk import nlp
from newsdesk.extract import mentions, quotes
from newsdesk.settings import NlpSettings

ROOT = Path(__file__).resolve().parents[1]


def texts(limit: int | None) -> list[str]:
    """PolNeAR train's article texts, in file-name order."""
    shared = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))
    folder = shared / "data" / "polnear" / "train" / "text"
    if not folder.is_dir():
        raise SystemExit(f"{folder} is missing: the benchmark reads PolNeAR from ../shared/data.")
    files = sorted(folder.glob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8") for f in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    corpus = texts(args.limit)
    settings = NlpSettings()
    model = nlp.load(settings.model)
    model(corpus[0])  # warm up: first-call allocations are not the model's steady cost
    words = sum(len(t.split()) for t in corpus)

    started = time.perf_counter()
    for _doc in nlp.parse(corpus, model=settings.model, batch_size=settings.batch_size):
        pass
    model_seconds = time.perf_counter() - started

    started = time.perf_counter()
    found = 0
    extract_seconds = 0.0
    for doc in nlp.parse(corpus, model=settings.model, batch_size=settings.batch_size):
        tick = time.perf_counter()
        found += len(quotes.find(doc, mentions.find(doc)))
        extract_seconds += time.perf_counter() - tick
    stage_seconds = time.perf_counter() - started

    # Two passes compare badly on a busy machine (either can be slowed by other work), so the ratio is taken
    # within the second pass: its parsing time over its whole time. The first pass is printed as a check.
    parse_seconds = stage_seconds - extract_seconds
    ratio = parse_seconds / stage_seconds if stage_seconds else float("nan")
    print(
        f"newsdesk extraction benchmark: {len(corpus)} PolNeAR train articles, {words:,} words, model {settings.model}"
    )
    print(f"  nlp.pipe alone          {model_seconds:8.2f} s  {len(corpus) / model_seconds:7.1f} articles/s")
    print(
        f"  nlp.pipe + extraction   {stage_seconds:8.2f} s  {len(corpus) / stage_seconds:7.1f} articles/s  "
        f"({found} quotes)"
    )
    print(f"    of which extraction   {extract_seconds:8.2f} s")
    print(f"  throughput ratio (extraction / model alone): {ratio:.3f}  (target >= 0.8)")
    print(f"  two-pass ratio (first pass / second pass):   {model_seconds / stage_seconds:.3f}  (noisy under load)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "when": datetime.now(UTC).isoformat(timespec="seconds"),
                    "python": platform.python_version(),
                    "articles": len(corpus),
                    "words": words,
                    "model_seconds": model_seconds,
                    "stage_seconds": stage_seconds,
                    "extract_seconds": extract_seconds,
                    "quotes": found,
                    "ratio": ratio,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
