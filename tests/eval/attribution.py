"""Gate measures for who-said-what: quotes, speakers and entities on the seeds, PolNeAR and CoNLL++.

- ``seeds.quotes_found``: share of the 21 gold quotes whose exact text (a trailing comma aside) newsdesk reports
  as a direct quote.
- ``seeds.quote_speakers``: share of gold quotes found with the right ``speaker_kind`` and speaker. A speaker is
  right when the reported name (canonical, or the source as described) and the gold one agree after lower-casing
  and dropping dots and "the", when one contains the other, when the gold name is an alias of the linked entity,
  or when both end on the same noun ("His government" / "Ukrainian government").
- ``seeds.not_quotes_rejected``: share of the 5 gold ``not_quotes`` (scare quotes, names) not reported as quotes.
- ``seeds.entities_merged``: share of gold entities whose aliases found in the texts all land in one entity.
- ``seeds.entities_distinct``: of the gold entities found, the share whose entity holds no other gold entity
  (different people are never merged).
- ``polnear.content_overlap`` / ``polnear.content_exact`` / ``polnear.source_exact`` / ``polnear.source_overlap``:
  F1 of newsdesk's attributions on PolNeAR dev (84 articles) with :mod:`tests.eval.polnear`'s scorer.
- ``conll.entities``: PER/ORG/LOC micro F1 of the mention stage on CoNLL++ dev (gold tokens).

Peer baselines are reported beside them and never get floors (their names start with ``peer.``): textacy's
``direct_quotations`` on the same PolNeAR dev articles, and the raw spaCy model's NER on CoNLL++ dev.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsdesk.corpus import Corpus
from newsdesk.store import Store
from tests.eval import conll, polnear
from tests.eval.polnear_newsdesk import NewsdeskPredictor


def _key(name: str | None) -> str:
    name = re.sub(r"^(?:the|a|an)\s+", "", (name or "").lower().replace(".", "").strip())
    return re.sub(r"\s+", " ", name)


def speaker_matches(predicted: dict[str, Any], gold: dict[str, Any], aliases: dict[str, list[str]]) -> bool:
    """True when a reported quote's speaker and kind agree with the gold annotation (see the module docstring)."""
    if predicted["speaker_kind"] != gold["speaker_kind"]:
        return False
    want, got = _key(gold["speaker"]), _key(predicted["speaker"])
    if not got:
        return False
    if want == got or want in got or got in want:
        return True
    if any(_key(a) == want for a in aliases.get(predicted.get("speaker_entity_id") or "", [])):
        return True
    return want.split()[-1] == got.split()[-1]


def _quote_text(text: str) -> str:
    return text.strip().removesuffix(",").rstrip()


def match_quotes(
    quotes: dict[str, list[dict[str, Any]]], gold: list[dict[str, Any]], aliases: dict[str, list[str]]
) -> list[tuple[dict[str, Any], list[dict[str, Any]], bool]]:
    """Each gold quote with the reported quotes of the same text and kind, and whether one has its speaker.

    A gold quote is direct unless it says ``"direct": false`` (reported speech, as in dev-news). Texts must be
    equal but for a trailing comma: the seeds' gold keeps the comma before "he said", dev-news' gold drops it.
    """
    outcomes = []
    for g in gold:
        direct, text = g.get("direct", True), _quote_text(g["text"])
        same = [q for q in quotes[g["file"]] if q["direct"] == direct and _quote_text(q["text"]) == text]
        outcomes.append((g, same, any(speaker_matches(q, g, aliases) for q in same)))
    return outcomes


def _seed_corpus(shared: Path) -> tuple[Corpus, dict[str, str]]:
    corpus = Corpus(Store(":memory:"))
    files = sorted((shared / "seeds").glob("*.txt"))
    ids = {}
    for path in files:
        report = corpus.ingest([path])
        ids[path.name] = (report.added or report.skipped)[0]
    return corpus, ids


def measure_seeds(shared: Path) -> dict[str, float]:
    """Quotes, speakers, rejected non-quotes and merged entities on the five seed articles."""
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    corpus, ids = _seed_corpus(shared)
    with corpus:
        entities = {e["id"]: e for e in corpus.entities()}
        aliases = {i: e["aliases"] + [e["name"]] for i, e in entities.items()}
        quotes = {name: corpus.quotes(article_id=article_id) for name, article_id in ids.items()}
        outcomes = match_quotes(quotes, gold["quotes"], aliases)
        found = sum(bool(same) for _, same, _ in outcomes)
        right = sum(ok for _, _, ok in outcomes)
        rejected = sum(
            not any(q["text"].strip(" ,.") == n["text"].strip(" ,.") for q in quotes[n["file"]])
            for n in gold["not_quotes"]
        )
        merged, owners = _entity_scores(corpus, ids, gold["entities"])
    n_entities = len(gold["entities"])
    located = [i for i in owners if owners[i]]
    distinct = sum(1 for i in located if _shared(owners, i) == 0)
    scores = {
        "seeds.quotes_found": found / len(gold["quotes"]),
        "seeds.quote_speakers": right / len(gold["quotes"]),
        "seeds.not_quotes_rejected": rejected / len(gold["not_quotes"]),
        "seeds.entities_merged": merged / n_entities,
        "seeds.entities_distinct": distinct / max(1, len(located)),
    }
    return scores


def _shared(owners: dict[int, set[str]], i: int) -> int:
    return sum(1 for j, ids in owners.items() if j != i and ids & owners[i])


def _entity_scores(corpus: Corpus, ids: dict[str, str], gold: list[dict[str, Any]]) -> tuple[int, dict[int, set[str]]]:
    """How many gold entities are merged into exactly one entity, and the entity ids each landed in."""
    texts = {name: corpus.article(article_id).text for name, article_id in ids.items()}
    mentions = [m for article_id in ids.values() for m in corpus.mentions(article_id)]
    merged = 0
    owners: dict[int, set[str]] = {}
    for i, entity in enumerate(gold):
        landed: set[str] = set()
        complete = True
        for alias in {entity["name"], *entity["aliases"]}:
            pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")
            if not any(pattern.search(t) for t in texts.values()):
                continue  # an alias the seeds never write
            exact = {m["entity_id"] for m in mentions if _key(m["text"]) == _key(alias) and m["entity_id"]}
            within = {m["entity_id"] for m in mentions if pattern.search(m["text"]) and m["entity_id"]}
            got = exact or within
            complete &= bool(got)
            landed |= got
        owners[i] = landed
        merged += complete and len(landed) == 1
    return merged, owners


def measure_polnear() -> dict[str, float]:
    """newsdesk's attributions on PolNeAR dev, with textacy's direct quotations beside them as the peer."""
    ours = polnear.score(NewsdeskPredictor(), split="dev")
    peer = polnear.score(polnear.TextacyPredictor(), split="dev")
    scores: dict[str, float] = {}
    for prefix, result in (("polnear", ours), ("peer.textacy.polnear", peer)):
        for part in ("content", "source"):
            for mode in ("exact", "overlap"):
                scores[f"{prefix}.{part}_{mode}"] = result[part][mode]["f1"]
    return scores


def measure_conll() -> dict[str, float]:
    """PER/ORG/LOC F1 of the mention stage on CoNLL++ dev, and of the raw model as the peer."""
    ours = conll.score(conll.newsdesk_predictor())
    peer = conll.score(conll.spacy_predictor())
    return {"conll.entities": ours["micro"]["f1"], "peer.spacy.conll.entities": peer["micro"]["f1"]}
