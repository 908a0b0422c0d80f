"""The search page: ranked full-text results with highlighted snippets, filtered by outlet and date."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from newsdesk.corpus import Corpus
from newsdesk.web.page import Page, int_param

__all__ = ["search"]

# Match markers that article text cannot contain (control characters are stripped at cleaning), so the page
# can split a snippet into plain and matched parts and escape each, instead of trusting markup in the text.
_OPEN, _CLOSE = "\x02", "\x03"


def _parts(snippet: str) -> list[dict[str, Any]]:
    parts = []
    for i, chunk in enumerate(snippet.replace(_CLOSE, _OPEN).split(_OPEN)):
        if chunk:
            parts.append({"text": chunk, "match": i % 2 == 1})
    return parts


def search(corpus: Corpus, request: Request) -> Page:
    """``/search?q=&outlet=&since=&until=&limit=&exact=``: FTS5 query syntax, as ``newsdesk search``; ``exact=1``
    searches the words as written, not also the aliases of a name."""
    params = {k: (request.query_params.get(k) or "").strip() for k in ("q", "outlet", "since", "until")}
    limit = int_param(request, "limit", 50, high=500)
    found = []
    if params["q"]:
        found = corpus.search(
            params["q"],
            limit=limit,
            outlet=params["outlet"] or None,
            since=params["since"] or None,
            until=params["until"] or None,
            marks=(_OPEN, _CLOSE),
            timeout=corpus.settings.web.search_timeout,
            exact=request.query_params.get("exact", "") not in {"", "0"},
        )
    results = [{**r, "snippet": r["snippet"].replace(_OPEN, "[").replace(_CLOSE, "]")} for r in found]
    data = {**params, "limit": limit, "results": results, "outlets": corpus.outlets()}
    return Page("search.html", data, {"parts": {r["id"]: _parts(r["snippet"]) for r in found}})
