"""The search page: ranked full-text results with highlighted snippets, filtered by outlet and date, in pages."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from newsdesk.corpus import Corpus
from newsdesk.errors import NotFoundError
from newsdesk.web.page import PER_PAGE, Page, int_param, link, pager

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
    """``/search?q=&outlet=&since=&until=&limit=&page=&exact=``: FTS5 query syntax, as ``newsdesk search``;
    ``limit`` results a page (default 50, at most 100); ``exact=1`` searches the words as written, not also the
    aliases of a name.

    Raises:
        NotFoundError: a page past the last result.
    """
    params = {k: (request.query_params.get(k) or "").strip() for k in ("q", "outlet", "since", "until")}
    limit = int_param(request, "limit", PER_PAGE, high=100)
    offset = (int_param(request, "page", 1, high=1_000_000) - 1) * limit
    found: list[dict[str, Any]] = []
    if params["q"]:
        # One more than a page: whether there is a next page, without counting every match.
        found = corpus.search(
            params["q"],
            limit=limit + 1,
            offset=offset,
            outlet=params["outlet"] or None,
            since=params["since"] or None,
            until=params["until"] or None,
            marks=(_OPEN, _CLOSE),
            timeout=corpus.settings.web.search_timeout,
            exact=request.query_params.get("exact", "") not in {"", "0"},
        )
    if offset and not found and params["q"]:
        raise NotFoundError(
            f"No page {offset // limit + 1} of results for {params['q'][:60]!r}: the results end before it "
            f"({limit} a page). The first page is {link(request, page=None)}"
        )
    more = len(found) > limit
    found = found[:limit]
    total = -1 if params["q"] and (more or offset) else len(found)
    paging = pager(request, total, what="results", per_page=limit, more=more)
    results = [{**r, "snippet": r["snippet"].replace(_OPEN, "[").replace(_CLOSE, "]")} for r in found]
    data = {
        **params,
        "limit": limit,
        "results": results,
        "outlets": corpus.outlets(),
        "offset": offset,
        **{k: paging[k] for k in ("page", "previous", "next")},
    }
    return Page("search.html", data, {"parts": {r["id"]: _parts(r["snippet"]) for r in found}, "paging": paging})
