"""Claim measures: the seeds' gold claims found as clusters with the gold supporting articles and origins.

- ``seeds.claims``: share of the 7 gold claims of ``../shared/gold/seeds.json`` found as one cluster whose
  articles are exactly the gold ``supported_by`` and whose independent origins are exactly the gold ones (an
  article's own reporting is named by its file, as the gold does).
- ``seeds.claims_unsplit``: share of gold claims that no second cluster of only gold supporting articles also
  matches (a claim split in two clusters).

A gold claim is matched against each cluster's claims with the matcher's own test (:func:`match.score`), its
text read as the claims stage reads a sentence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsdesk.claims import extract, match, values
from newsdesk.corpus import Corpus
from newsdesk.records import Claim
from newsdesk.store import Store


def _pseudo(text: str) -> match.Member:
    claim = Claim(text=text, start=0, end=len(text), values=tuple(values.find(text)), terms=extract.terms(text))
    return match.Member.of("gold", claim)


def _scores(gold_text: str, cluster: dict[str, Any]) -> float:
    probe = _pseudo(gold_text)
    best = 0.0
    for s in cluster["support"]:
        claim = Claim(
            text=s["text"],
            start=0,
            end=len(s["text"]),
            values=tuple(values.find(s["text"])),
            terms=extract.terms(s["text"]),
        )
        best = max(best, match.score(probe, match.Member.of("x", claim)))
    return best


def measure(shared: Path) -> dict[str, float]:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["claims"]
    with Corpus(Store(":memory:")) as corpus:
        corpus.ingest([shared / "seeds"])
        files = {a["id"]: Path(a["source"]).name for a in corpus.articles()}
        clusters = corpus.claims()
    found = unsplit = 0
    for item in gold:
        scored = sorted(((_scores(item["claim"], c), i) for i, c in enumerate(clusters)), reverse=True)
        matching = [clusters[i] for s, i in scored if s > 0]
        if not matching:
            continue
        best = matching[0]
        articles = {files[a] for a in best["article_ids"]}
        origins = {files.get(o, o) for o in best["independent_origins"]}
        found += articles == set(item["supported_by"]) and origins == set(item["independent_origins"])
        others = [c for c in matching[1:] if {files[a] for a in c["article_ids"]} <= set(item["supported_by"])]
        unsplit += not others
    return {"seeds.claims": found / len(gold), "seeds.claims_unsplit": unsplit / len(gold)}
