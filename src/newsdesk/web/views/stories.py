"""The stories page (``/``), a story's page, and its brief as a download."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from newsdesk.corpus import Corpus
from newsdesk.errors import NotFoundError
from newsdesk.report import FORMATS, build_brief, gather, render
from newsdesk.report.speech import EMPTY_HINTS
from newsdesk.web import charts
from newsdesk.web.page import Page, int_param
from newsdesk.web.readers import Readers

__all__ = ["brief_endpoint", "index", "story"]

PER_PAGE = 50
NO_ARTICLES = "No articles yet: run `newsdesk ingest FILES` (files, folders, feeds or URLs), or try `newsdesk demo`."
NO_STORIES = (
    "No stories yet: the cluster stage groups articles into stories. Run `newsdesk analyze` "
    "(articles ingested with --no-analyze are not grouped until then)."
)
_MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"}
# The brief is one file meant to be saved and opened anywhere: its own styles, nothing fetched, no script.
_BRIEF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; sandbox"


def index(corpus: Corpus, request: Request) -> Page:
    """Stories, most recently active first, each with its outlets and coverage over time; 50 a page."""
    page = int_param(request, "page", 1)
    found = corpus.story_summaries()
    shown = found[(page - 1) * PER_PAGE : page * PER_PAGE]
    coverage: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in corpus.coverage(story_ids=[s["id"] for s in shown]) if shown else []:
        coverage[row["story_id"]].append(row)
    rows = []
    for story in shown:
        outlets: Counter[str] = Counter()
        days: Counter[str] = Counter()
        for row in coverage[story["id"]]:
            outlets[row["outlet"] or "(outlet not stated)"] += row["articles"]
            if row["day"]:
                days[row["day"]] += row["articles"]
        rows.append(
            {
                **story,
                "outlets": [{"outlet": o, "articles": n} for o, n in outlets.most_common()],
                "coverage": [{"day": d, "articles": n} for d, n in sorted(days.items())],
            }
        )
    articles = corpus.count()
    empty = NO_ARTICLES if not articles else NO_STORIES if not found else None
    data = {
        "stories": rows,
        "total": len(found),
        "page": page,
        "pages": max(1, -(-len(found) // PER_PAGE)),
        "articles": articles,
        "empty": empty,
    }
    lines = {r["id"]: charts.sparkline((c["day"], c["articles"]) for c in r["coverage"]) for r in rows}
    return Page("index.html", data, {"sparklines": lines})


def story(corpus: Corpus, request: Request) -> Page:
    """One story: events, timeline chart, coverage by outlet, quotes by speaker, entities, attribution graph."""
    data = gather(corpus, request.path_params["story_id"])
    data["empty"] = {kind: hint for kind, hint in EMPTY_HINTS.items() if not data["available"][kind]}
    titles = {a["id"]: a for a in data["articles"]}
    return Page(
        "story.html",
        data,
        {
            "by_id": titles,
            "timeline_chart": charts.timeline(data["timeline"]),
            "coverage_chart": charts.coverage_grid(data["coverage"]),
            "sparkline": charts.sparkline((c["day"], c["articles"]) for c in data["coverage"]),
            "graph_chart": charts.graph_layout(data["graph"]),
            "formats": FORMATS,
        },
    )


def brief_endpoint(readers: Readers) -> Callable[[Request], Awaitable[Response]]:
    """``/stories/{id}/brief.{md,html,json}``: the brief as a file to save, made in a worker thread."""

    def made(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in FORMATS:
            raise NotFoundError(f"No brief format {fmt!r}. Available: {', '.join(FORMATS)}.")
        with readers.borrow() as corpus:
            brief = build_brief(corpus, request.path_params["story_id"])
        headers = {
            "content-disposition": f'attachment; filename="brief-{brief["story"]["id"]}.{fmt}"',
            "content-security-policy": _BRIEF_POLICY,
        }
        return Response(render(brief, fmt), media_type=_MEDIA[fmt], headers=headers)

    async def endpoint(request: Request) -> Response:
        return await run_in_threadpool(made, request)

    return endpoint
