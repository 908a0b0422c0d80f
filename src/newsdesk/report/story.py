"""Everything known about one story, gathered once for the story page and the brief."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from newsdesk.corpus import Corpus
from newsdesk.report import speech

__all__ = ["attribution_graph", "gather", "origins", "outlets"]

UNKNOWN_OUTLET = "(outlet not stated)"


def gather(corpus: Corpus, story_id: str) -> dict[str, Any]:
    """A story with its articles, coverage, outlets, origins, quotes by speaker, entities and attribution graph.

    Raises:
        NotFoundError: no story has that id (or unique id prefix).
    """
    story = corpus.story(story_id)
    articles = corpus.articles(ids=story["article_ids"])
    originals = [a["id"] for a in articles if not a["duplicate_of"]]
    quotes = speech.quotes(corpus, originals)
    return {
        **story,
        "articles": articles,
        "coverage": [{k: row[k] for k in ("day", "outlet", "articles")} for row in corpus.coverage(story["id"])],
        "outlets": outlets(articles),
        "origins": origins(articles),
        "speakers": speech.speakers(quotes),
        "entities": speech.entities_in(corpus, originals),
        "graph": attribution_graph(articles, quotes),
        "available": {kind: speech.available(corpus, kind) for kind in ("quotes", "entities")},
    }


def outlets(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each outlet of the story: its articles, how many are copies, whom it credits, when it first reported."""
    rows: dict[str, dict[str, Any]] = {}
    for article in articles:
        name = article["outlet"] or UNKNOWN_OUTLET
        row = rows.setdefault(name, {"outlet": name, "articles": 0, "copies": 0, "cites": [], "first": None})
        row["articles"] += 1
        row["copies"] += bool(article["duplicate_of"])
        row["cites"].extend(c for c in article["cites"] if c not in row["cites"])
        if article["published"] and (row["first"] is None or article["published"] < row["first"]):
            row["first"] = article["published"]
    return sorted(rows.values(), key=lambda r: (-r["articles"], r["outlet"].casefold()))


def origins(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Independent origins: groups of articles telling one origin's report, identified by their earliest member.

    ``name`` is the outlet the group credits (the one most of its articles credit, when at least half of a group of
    two or more do), else the earliest article's outlet; ``title`` the earliest article's, or the first of another
    of its articles when it has none.
    """
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        members[article["origin"] or article["id"]].append(article)
    rows = []
    for origin, group in members.items():
        first = next((a for a in group if a["id"] == origin), group[0])
        credited = Counter(c for a in group for c in dict.fromkeys(a["cites"]))
        top = min(credited.items(), key=lambda item: (-item[1], item[0]), default=None)
        name = top[0] if top and len(group) > 1 and 2 * top[1] >= len(group) else first["outlet"]
        rows.append(
            {
                "origin": origin,
                "name": name,
                "outlet": first["outlet"],
                # An original with no title stated goes by its first copy's that has one.
                "title": first["title"] or next((a["title"] for a in group if a["title"]), None),
                "published": first["published"],
                "articles": len(group),
                "outlets": sorted({a["outlet"] or UNKNOWN_OUTLET for a in group}),
                "cites": sorted({c for a in group for c in a["cites"]}),
            }
        )
    return sorted(rows, key=lambda r: (-r["articles"], r["published"] or "~"))


def attribution_graph(articles: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Who credits whom: outlet → cited outlet (from ``cites``) and outlet or cited outlet → quoted source.

    Nodes are named by their label; an edge counts the articles (or quotes) that draw it.
    """
    outlet_of = {a["id"]: a["outlet"] or UNKNOWN_OUTLET for a in articles}
    edges: Counter[tuple[str, str, str]] = Counter()
    kinds: dict[str, str] = {}
    for article in articles:
        kinds.setdefault(outlet_of[article["id"]], "outlet")
        for cited in article["cites"]:
            kinds.setdefault(cited, "outlet")
            edges[(outlet_of[article["id"]], cited, "cites")] += 1
    for quote in quotes:
        speaker = quote.get("speaker")
        if not speaker:
            continue
        kinds[speaker] = "source"
        chain = [outlet_of.get(quote["article_id"], UNKNOWN_OUTLET), *(quote.get("via") or [])]
        for before, after in zip(chain, [*chain[1:], speaker], strict=True):
            kinds.setdefault(after, "outlet")
            edges[(before, after, "quotes" if after == speaker else "via")] += 1
    return {
        "nodes": [{"id": name, "kind": kind} for name, kind in sorted(kinds.items())],
        "edges": [
            {"from": a, "to": b, "kind": kind, "count": n}
            for (a, b, kind), n in sorted(edges.items(), key=lambda item: (-item[1], item[0]))
        ],
    }
