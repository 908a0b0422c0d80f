"""An article's page: clean text with quotes and entity mentions marked, metadata, where its report comes from
(its origin and the outlets it credits, in words), copies and origin group."""

from __future__ import annotations

from starlette.requests import Request

from newsdesk.corpus import Corpus
from newsdesk.report import provenance, speech
from newsdesk.web import highlight
from newsdesk.web.page import Page, int_param

__all__ = ["article"]


def article(corpus: Corpus, request: Request) -> Page:
    """One article; ``?start=&end=`` marks the span a statement (a brief line, a timeline entry) points at.

    Direct quotes, reported speech and views are marked apart: the page shows reported speech as reported, never
    inside quotation marks, and a view held as a view, never as speech.
    """
    found = corpus.article_json(request.path_params["article_id"])
    quotes = corpus.quotes(article_id=found["id"])
    mentions = [m for m in corpus.mentions(found["id"]) if m.get("entity_id")]
    available = {kind: speech.available(corpus, kind) for kind in ("quotes", "entities")}
    related = corpus.related(found["id"])
    data = {
        "article": found,
        **related,
        "provenance": provenance.describe(found, quotes, related["origin"], related["copies"]),
        "quotes": quotes,
        "mentions": mentions,
        "available": available,
        "empty": speech.article_hints(corpus, found["id"]),
    }
    size = len(found["text"])
    start, end = int_param(request, "start", 0, low=0, high=size), int_param(request, "end", 0, low=0, high=size)
    segments = highlight.segments(found["text"], quotes=quotes, mentions=mentions, span=(start, end))
    # highlight names a quote by its id: the template asks this set whether the words are the speaker's own.
    direct = {q.get("id") or f"{q['start']}-{q['end']}" for q in quotes if q["direct"]}
    # A view or attitude nobody is reported to have said ("praised the plan") is marked as one, not as speech.
    views = {q.get("id") or f"{q['start']}-{q['end']}" for q in quotes if not q["direct"] and q["kind"] == "view"}
    return Page("article.html", data, {"segments": segments, "cited": end > start, "direct": direct, "views": views})
