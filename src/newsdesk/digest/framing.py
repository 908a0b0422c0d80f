"""A story's framing (``framing --json``), and the cut of it that the story page's "Framing" section shows.

The framing reads article text (about a second of CPU for a thousand articles), so the section reads at most about
:data:`SAMPLE` original articles, spread over the story, and says so. The section's filters do not apply: framing
compares the outlets of the whole story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from newsdesk.claims import summary as claim_summary
from newsdesk.errors import ConfigError
from newsdesk.records import Article

if TYPE_CHECKING:
    from newsdesk.frame.framing import Shown

__all__ = ["GROUPS", "SAMPLE", "groups", "read", "section"]

GROUPS = 6  # outlets (or groups) the section shows side by side, most articles first
# Articles read for the section, spread over the story: the section stays quick to make on a story of
# thousands (framing reads text); `newsdesk framing ID` reads them all.
SAMPLE = 300
TERMS = 5
LOADED = 4
OMITTED = 3
PAIRS = 5


class Reader(Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def claim_rows(self, story_ids: list[str] | None = None) -> list[dict[str, Any]]: ...


def groups(items: Iterable[str]) -> dict[str, str]:
    """``[framing] groups`` items (``"outlet = group"``) as outlet (case-folded) -> group.

    Raises:
        ConfigError: an item without ``=``, or with an empty side.
    """
    out = {}
    for item in items:
        outlet, sep, group = item.partition("=")
        if not sep or not outlet.strip() or not group.strip():
            raise ConfigError(
                f'Bad [framing] groups item {item!r}: write it as "outlet = group", e.g. "Daily Planet = western".'
            )
        out[outlet.strip().casefold()] = group.strip()
    return out


def read(
    view: Reader,
    story: dict[str, Any],
    *,
    grouping: dict[str, str],
    sample: int | None = None,
    by_event: bool = True,
    clusters: Callable[[], Sequence[dict[str, Any]]] | None = None,
    shown: Shown | None = None,
) -> dict[str, Any]:
    """The framing of ``story`` (its exact ``id`` and ``title``), as :meth:`newsdesk.Corpus.framing` gives it;
    ``sample``: read about this many of its original articles, spread over it by row (None: all). ``clusters``:
    gives every claim cluster of the story when they are at hand (as :func:`newsdesk.digest.claims.page_and_clusters`
    gives them to the digest), else they are read and clustered here; either only when the framing compares
    several groups, the only framing that reads them; who contradicts whom is not read. ``shown``: only what a
    page shows of it is worked out in full (:class:`newsdesk.frame.framing.Shown`)."""
    from newsdesk.cluster.similarity import term_key
    from newsdesk.frame import framing

    every = 1
    if sample is not None:
        summary = view.query("story_summary", story_id=story["id"])[0]
        every = max(1, -(-(summary["articles"] - summary["copies"]) // max(1, sample)))
    rows: list[dict[str, Any]] = []
    while True:
        after = rows[-1]["row"] if rows else 0
        page = view.query("framing_articles", story_id=story["id"], after=after, every=every)
        rows.extend(page)
        if len(page) < 200:
            break
    articles = [
        Article(
            id=r["id"],
            source="",
            text=r["text"],
            outlet=r["outlet"],
            published=r["published"],
            language=r["language"],
            event_id=r["event_id"],
            origin=r["origin"],
        )
        for r in rows
    ]
    titles = {r["event_id"]: r["event_title"] for r in rows if r["event_id"]}

    def background(terms: Iterable[str]) -> dict[str, int]:
        keys: dict[int, list[str]] = {}
        for term in terms:
            keys.setdefault(term_key(term), []).append(term)
        found = view.query("term_documents", keys=list(keys))
        return {t: int(r["documents"]) for r in found for t in keys[r["term"]]}

    names: dict[str, dict[str, Counter[str]]] = {}
    for r in view.query("framing_names", story_id=story["id"]):
        group = framing.group_name(Article(id="", source="", text="", outlet=r["outlet"]), grouping)
        names.setdefault(r["entity_id"], {}).setdefault(group, Counter())[r["text"]] += r["n"]

    def claims() -> list[dict[str, Any]]:
        # What each outlet leaves out needs the clusters and their origins, not who contradicts whom: the
        # conflicts of no cluster are sought (on a 3,000-article story they cost 17 s of CPU).
        if clusters is None:
            every = claim_summary.clusters(view.claim_rows([story["id"]]), only=set())[0]
        else:
            every = list(clusters())
        return sorted(every, key=lambda c: (-len(c["independent_origins"]), -len(c["article_ids"])))

    found = framing.frame(
        articles,
        groups=grouping,
        background=background,
        events=titles,
        claims=claims if len(rows) > 1 else (),
        names=names,
        by_event=by_event,
        shown=shown,
    )
    return {"story": {"id": story["id"], "title": story["title"]}, "articles": len(rows), **found}


def _example(row: dict[str, Any]) -> dict[str, Any] | None:
    first = (row.get("examples") or [None])[0]
    if first is None:
        return None
    return {k: first[k] for k in ("article_id", "start", "end", "sentence")}


def section(
    view: Reader,
    story: dict[str, Any],
    *,
    grouping: dict[str, str],
    clusters: Callable[[], Sequence[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The story page's "Framing" section: the framing of about :data:`SAMPLE` of the story's articles, cut to
    :data:`GROUPS` groups and a few items of each (``total`` groups in all); ``clusters`` as :func:`read`."""
    # Only what the section shows of the groups, their terms and the pairs is worked out in full (the examples of
    # the terms and pairs shown, the loaded wording of the groups shown), as the whole framing would give it.
    from newsdesk.frame.framing import Shown

    cut = Shown(groups=GROUPS, terms=TERMS, pairs=PAIRS)
    found = read(view, story, grouping=grouping, sample=SAMPLE, by_event=False, clusters=clusters, shown=cut)
    summary = view.query("story_summary", story_id=story["id"])[0]
    shown = [
        {
            "name": g["name"],
            "articles": g["articles"],
            "terms": [
                {k: t[k] for k in ("term", "z", "count", "others", "significant")} | {"example": _example(t)}
                for t in g["terms"][:TERMS]
            ],
            "loaded": [
                {k: row[k] for k in ("text", "polarity", "alternative", "alternative_used_by", "count", "example")}
                for row in g["loaded"][:LOADED]
            ],
            "omitted": g["omitted"][:OMITTED],
        }
        for g in found["groups"][:GROUPS]
    ]
    pairs = [
        {
            "kind": p["kind"],
            "confidence": p["confidence"],
            "sides": [{"group": s["group"], "term": s["term"]} | {"example": _example(s)} for s in p["sides"]],
        }
        for p in found["pairs"][:PAIRS]
    ]
    return {
        "story_id": found["story"]["id"],
        "total": len(found["groups"]),
        "read": found["articles"],
        "articles": summary["articles"] - summary["copies"],
        "groups": shown,
        "pairs": pairs,
        "note": found["note"],
    }
