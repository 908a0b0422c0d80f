"""Stance measure: the positions the seed articles show, found with a correct evidence span.

- ``seeds.stances``: share of the expected (article, actor, issue, position) stances below that ``Corpus.stances``
  finds: a position of that actor whose evidence, in that article, has that position, a target that names the
  issue, and a span whose text is the article's text there and holds the cue of the position.

The expected stances were read off the five seed articles by hand; they are written as keywords of the actor
and the issue (any one names it), never as the articles' sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from newsdesk.corpus import Corpus
from newsdesk.store import Store


class Expected(NamedTuple):
    file: str  # the seed file's number
    actor: str  # a keyword of the actor's name, as written or canonical
    issue: tuple[str, ...]  # keywords of the issue, one of which the target holds
    position: str
    cue: str  # a word stem the evidence span holds
    said: bool | None = None  # True: the actor's own quoted words; None: either


EXPECTED = (
    Expected("001", "zelensk", ("territor",), "opposes", "reject"),
    Expected("001", "zelensk", ("land",), "opposes", "never", said=True),
    Expected("001", "united states", ("crimea",), "supports", "recogni"),
    Expected("001", "united states", ("annexation",), "opposes", "reject"),
    Expected("001", "trump", ("ceasefire",), "supports", "push"),
    Expected("001", "kyiv", ("negotiation",), "conditional", "only"),
    Expected("002", "ukrain", ("renunciation",), "opposes", "reject"),
    Expected("002", "yermak", ("land",), "opposes", "sign", said=True),
    Expected("002", "trump", ("plan",), "supports", "push"),
    Expected("003", "united states", ("crimea",), "supports", "recogni"),
    Expected("003", "europe", ("force",), "opposes", "oppos"),
    Expected("004", "poland", ("force", "conquest"), "opposes", "argue"),
    Expected("004", "putin", ("territorial gains",), "supports", "demand"),
    Expected("000", "moscow", ("attempt",), "supports", "welcom"),
    Expected("000", "russia", ("territorial situation",), "supports", "insist"),
)


def _found(item: Expected, positions: list[dict[str, Any]], files: dict[str, str], texts: dict[str, str]) -> bool:
    for p in positions:
        for e in p["evidence"]:
            names = f"{p['actor']} {e['named']}".casefold()
            if item.actor not in names or not files.get(e["article_id"], "").startswith(item.file):
                continue
            span = texts[e["article_id"]][e["start"] : e["end"]]
            if (
                e["position"] == item.position
                and any(k in e["target"].casefold() for k in item.issue)
                and span == e["text"]
                and item.cue in span.casefold()
                and (item.said is None or e["said"] == item.said)
            ):
                return True
    return False


def measure(shared: Path) -> dict[str, float]:
    with Corpus(Store(":memory:")) as corpus:
        corpus.ingest([shared / "seeds"])
        articles = corpus.articles()
        files = {a["id"]: Path(a["source"]).name for a in articles}
        texts = {a["id"]: corpus.article(a["id"]).text for a in articles}
        positions = corpus.stances()
    found = sum(_found(item, positions, files, texts) for item in EXPECTED)
    return {"seeds.stances": found / len(EXPECTED)}


def misses(shared: Path) -> list[Expected]:
    """The expected stances not found, to see what the rules miss."""
    with Corpus(Store(":memory:")) as corpus:
        corpus.ingest([shared / "seeds"])
        articles = corpus.articles()
        files = {a["id"]: Path(a["source"]).name for a in articles}
        texts = {a["id"]: corpus.article(a["id"]).text for a in articles}
        positions = corpus.stances()
    return [item for item in EXPECTED if not _found(item, positions, files, texts)]


if __name__ == "__main__":
    import os

    folder = Path(os.environ.get("NEWSDESK_SHARED", "../shared"))
    print(measure(folder), *misses(folder), sep="\n")
