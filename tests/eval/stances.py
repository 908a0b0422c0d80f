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


# Dev-news (``../shared/dev-news``): stances read off the real articles by hand (file number, actor keyword,
# issue keywords, position, cue stem), and stances an analyst would reject (file, actor keyword, target keyword):
# facts, acts, other people's positions, words of a name read as sentiment.
DEVNEWS_EXPECTED = (
    Expected("003", "xi", ("effort",), "supports", "call"),
    Expected("016", "guterres", ("compromise",), "supports", "urg"),
    Expected("023", "colombia", ("roadmap",), "supports", "support"),
    Expected("030", "trump", ("acquisition",), "opposes", "resistance"),
    Expected("031", "trump", ("merger",), "opposes", "oppos"),
    Expected("031", "trump", ("deal",), "neutral", "oppos"),
    Expected("041", "cricket council", ("request",), "opposes", "reject"),
    Expected("041", "naqvi", ("removal",), "supports", "sought"),
    Expected("042", "icc", ("request",), "opposes", "reject"),
    Expected("043", "pcb", ("removal",), "supports", "demand"),
    Expected("043", "pakistan", ("decision",), "opposes", "condemn"),
    Expected("049", "india", ("trophy",), "opposes", "want"),
    Expected("056", "hasina", ("verdict",), "opposes", "denounc"),
    Expected("058", "awami", ("verdict",), "opposes", "reject"),
    # Read again on 2026-12-07 (fourth session): the verdict rejected is the tribunal's, which the target must name
    # (it stopped at "the verdict of the country" before the possessor's "’s").
    Expected("057", "awami", ("tribunal",), "opposes", "reject"),
    Expected("060", "bangladesh", ("hasina",), "supports", "demand"),
)
DEVNEWS_WRONG = (
    ("004", "chan", "complex"),  # where victims were found: a fact
    ("006", "architects", "report"),  # "prepared the report": an act
    ("010", "", "regard"),  # "in this regard"
    ("011", "fung", "see"),  # "things I do not want to see"
    ("015", "wong", "danger"),  # "recognized the danger": perceiving
    ("022", "morgan", "warming"),  # the countries' pledge, inside a relative clause
    ("023", "lago", "signed"),  # "signed off on": an act with no object
    ("027", "sarandos", "potter"),  # "favorites": a noun
    ("040", "pycroft", "sheets"),  # "insistence that ... weren't exchanged": an assertion
    ("041", "pycroft", "sheets"),
    ("056", "hasina", "bangladesh"),  # a word list read off a whole multi-sentence quote
    ("060", "india", "noted"),  # "it noted the verdict": a pronoun's clause as a course of action
    ("060", "india", "hasina"),  # "Crimes" of a tribunal's name read as sentiment toward her
    # Read again on 2026-12-07 (decision 0018): acts the reporter tells, a prediction, a name in a state foreseen.
    ("046", "india", "hands"),  # "refused to shake hands": what the team did, not a view (was expected till then)
    ("036", "netflix", "raise"),  # "refused to raise its offer": a bidder's act (was expected till then)
    ("049", "agha", "cheque"),  # "accepted the runners-up cheque": a thing handed over
    ("008", "tang", "possibility"),  # "do not rule out the possibility that more bodies could be discovered"
    ("034", "ellison", "hollywood"),  # "our offer will create a stronger Hollywood": no view of Hollywood
)


def _wrong_found(item: tuple[str, str, str], positions: list[dict[str, Any]], files: dict[str, str]) -> bool:
    file, actor, target = item
    return any(
        actor in f"{p['actor']} {e['named']}".casefold()
        and target in e["target"].casefold()
        and files.get(e["article_id"], "").startswith(file)
        for p in positions
        for e in p["evidence"]
    )


def measure_devnews(corpus: Corpus, files: dict[str, str]) -> tuple[dict[str, float], dict[str, list[str]]]:
    """``devnews.stances``: share of :data:`DEVNEWS_EXPECTED` found with a correct evidence span;
    ``devnews.stances_not_wrong``: share of :data:`DEVNEWS_WRONG` not reported. ``files`` maps article ids to
    their file numbers."""
    positions = corpus.stances()
    texts = {a_id: corpus.article(a_id).text for a_id in files}
    missed = [i for i in DEVNEWS_EXPECTED if not _found(i, positions, files, texts)]
    wrong = [i for i in DEVNEWS_WRONG if _wrong_found(i, positions, files)]
    scores = {
        "devnews.stances": 1 - len(missed) / len(DEVNEWS_EXPECTED),
        "devnews.stances_not_wrong": 1 - len(wrong) / len(DEVNEWS_WRONG),
    }
    errors = {
        "devnews.stances": [f"{i.file} {i.actor} {i.position} {i.issue[0]} not found" for i in missed],
        "devnews.stances_not_wrong": [f"{f} {a or 'someone'} on '{t}' reported" for f, a, t in wrong],
    }
    return scores, errors


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
