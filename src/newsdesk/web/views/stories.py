"""The stories page (``/``), a story's dashboard, its full lists, and its brief as a download.

A story's page stays the same size whatever the story's: each section shows its first few items, counted and cut
in SQL (``Corpus.story_part``), with a link to the section's full list, 50 a page. Filters (outlet, event, dates,
quote kind) and the sort are query parameters, kept in every link of the page.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from newsdesk.corpus import Corpus
from newsdesk.dates import parse_date
from newsdesk.digest import lists
from newsdesk.digest.dashboard import NEEDS, TOPS
from newsdesk.errors import ConfigError, NotFoundError
from newsdesk.report import FORMATS, build_brief, render
from newsdesk.report.speech import EMPTY_HINTS, available
from newsdesk.web import charts
from newsdesk.web.cache import PageCache
from newsdesk.web.page import PER_PAGE, Page, int_param, link, pager
from newsdesk.web.readers import Readers
from newsdesk.web.views import claims, framing, positions

__all__ = ["SECTIONS", "brief_endpoint", "index", "section", "story"]

NO_ARTICLES = "No articles yet: run `newsdesk ingest FILES` (files, folders, feeds or URLs), or try `newsdesk demo`."
NO_STORIES = (
    "No stories yet: the cluster stage groups articles into stories. Run `newsdesk analyze` "
    "(articles ingested with --no-analyze are not grouped until then)."
)
_MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "json": "application/json"}
# The brief is one file meant to be saved and opened anywhere: its own styles, nothing fetched, no script.
_BRIEF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; sandbox"


@dataclass(frozen=True, slots=True)
class Section:
    """One list of a story: its heading, what it counts, how many the dashboard shows, the stage it needs."""

    title: str
    unit: str
    top: int
    needs: str | None = None  # "quotes" or "entities": the list is empty, and says why, without that stage


_HEADINGS = {
    "events": ("Events", "events"),
    "speakers": ("Top speakers", "speakers"),
    "outlets": ("Outlets", "outlets"),
    "sources": ("Who quotes whom", "routes"),
    "quotes": ("Quotes", "quotes"),
    "articles": ("Articles", "articles"),
    "credits": ("Outlets credited", "credits"),
    "origins": ("Independent origins", "origins"),
    "claims": ("Claims", "claims"),
    "entities": ("Entities", "entities"),
}
# In the dashboard's order, with as many items as it shows (newsdesk.digest.dashboard works them out).
SECTIONS = {name: Section(*_HEADINGS[name], top, NEEDS.get(name)) for name, top in TOPS.items()}
# The dated statements of the story's articles: a list of its own, not on the dashboard (it reads every dated
# sentence of the story; the dashboard's time axis is the events').
TIMELINE = Section("Timeline", "dated statements", 0)
LISTS = {**SECTIONS, "timeline": TIMELINE}
OPEN = ("events", "speakers", "outlets", "sources")  # sections open on the dashboard; the others start closed
FILTERS = ("outlet", "event", "since", "until", "kind")
KINDS = ("direct", "reported", "view")  # without one, direct and reported; views only when asked (decision 0037)
SORTS = {"size": "largest first", "date": "oldest first", "recent": "newest first", "name": "by name"}
QUOTE_CHARS = 700  # longest statement a list shows (the article has it whole)


def index(corpus: Corpus, request: Request) -> Page:
    """Stories, most recently active first, each with its outlets and coverage over time; 50 a page."""
    found = corpus.story_summaries()
    paging = pager(request, len(found), what="stories")
    shown = found[paging["offset"] : paging["offset"] + PER_PAGE]
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
                "outlets": [{"outlet": o, "articles": n} for o, n in outlets.most_common(12)],
                "more_outlets": max(0, len(outlets) - 12),
                "coverage": [{"day": d, "articles": n} for d, n in sorted(days.items())],
            }
        )
    articles = corpus.count()
    empty = NO_ARTICLES if not articles else NO_STORIES if not found else None
    data = {"stories": rows, **_paging(paging), "articles": articles, "empty": empty}
    lines = {r["id"]: charts.sparkline((c["day"], c["articles"]) for c in r["coverage"]) for r in rows}
    return Page("index.html", data, {"sparklines": lines, "paging": paging})


def _paging(paging: dict[str, Any]) -> dict[str, Any]:
    return {k: paging[k] for k in ("page", "pages", "per_page", "total", "previous", "next")}


def _filters(request: Request) -> tuple[dict[str, str], str | None]:
    """The filters and the sort of a story page's query.

    Raises:
        ConfigError: a date that is not one, a quote kind or a sort that does not exist.
    """
    filters = {k: v.strip() for k in FILTERS if (v := request.query_params.get(k, "")).strip()}
    for name in ("since", "until"):
        if name in filters:
            iso = parse_date(filters[name])
            if iso is None:
                raise ConfigError(
                    f"The {name} date {filters[name]!r} is not a date I can read. Write it as 2026-03-01."
                )
            filters[name] = iso[:10]
    if filters.get("kind") not in (None, *KINDS):
        raise ConfigError(f"No quote kind {filters['kind']!r}. Available: {', '.join(KINDS)}.")
    sort = request.query_params.get("sort") or None
    if sort is not None and sort not in SORTS:
        raise ConfigError(f"No sort {sort!r}. Available: {', '.join(SORTS)}.")
    return filters, sort


def _rows(corpus: Corpus, name: str, story_id: str, filters: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    if name == "claims":
        return claims.rows(corpus, story_id, filters, **params)
    if (needs := SECTIONS[name].needs) and not available(corpus, needs):
        return []
    return corpus.story_part(name, story_id, **filters, **params)


def _total(corpus: Corpus, name: str, story_id: str, filters: dict[str, str], rows: list[dict[str, Any]]) -> int:
    """The rows a list has in all: carried by its rows when it has some, else counted."""
    if rows and "total" in rows[0]:
        return int(rows[0]["total"])
    if (needs := SECTIONS[name].needs) and not available(corpus, needs):
        return 0
    return int(corpus.story_part(f"{name}_count", story_id, **filters)[0]["total"])


def _strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "total"} for r in rows]


def _common(corpus: Corpus, request: Request) -> tuple[dict[str, Any], dict[str, str], str | None]:
    head = corpus.story_head(request.path_params["story_id"])
    filters, sort = _filters(request)
    return head, filters, sort


def _form(request: Request, choices: dict[str, Any], filters: dict[str, str], sort: str | None) -> dict[str, Any]:
    """What the filter form offers: the story's largest outlets and events (unfiltered), the kinds and sorts."""
    outlets = list(choices["outlets"])
    if filters.get("outlet") and filters["outlet"] not in outlets:
        outlets.append(filters["outlet"])
    events = list(choices["events"])
    if filters.get("event") and filters["event"] not in {e["id"] for e in events}:
        events.append({"id": filters["event"], "title": filters["event"], "articles": None})
    return {
        "outlets": outlets,
        "events": events,
        "kinds": KINDS,
        "sorts": SORTS,
        "values": {**dict.fromkeys(FILTERS, ""), **filters, "sort": sort or ""},
        "action": request.url.path,
        "clear": link(request, **dict.fromkeys((*FILTERS, "sort", "page"), None)),
    }


def story(corpus: Corpus, request: Request) -> Page:
    """A story as a dashboard: a summary band, the events on a time axis, and each section's first few items
    (``Corpus.story_dashboard``: unfiltered, as the digest stage stored it).

    Raises:
        NotFoundError: no story has that id (or unique id prefix).
        ConfigError: a filter or the sort is malformed.
    """
    head, filters, sort = _common(corpus, request)
    story_id = head["id"]
    board = corpus.story_dashboard(story_id, sort=sort, **filters)
    summary, days = board["summary"], board["days"]
    sections: dict[str, dict[str, Any]] = {}
    for name, spec in SECTIONS.items():
        found = board["sections"][name]
        shown = spec.needs is None or available(corpus, spec.needs)
        items, total = (found["items"], found["total"]) if shown else ([], 0)
        sections[name] = {
            "title": spec.title,
            "unit": spec.unit,
            "total": total,
            "items": items,
            "all": link(request, f"/stories/{story_id}/{name}", page=None) if total > len(items) else None,
        }
        if "counted" in found:  # the claims of a bounded view: ranked over its latest articles only
            sections[name]["counted"] = found["counted"]
    sections["events"]["items"] = _events(corpus, story_id, sections["events"]["items"], sort)
    for event in sections["events"]["items"]:
        event["all"] = link(request, f"/stories/{story_id}/articles", event=event["id"], page=None)
    # Quotes whose speaker is a pronoun, blank or unresolved: in the quote lists, not among the speakers.
    unnamed = sections["quotes"]["total"] - (board["listed"] if sections["speakers"]["items"] else 0)
    data = {
        "id": story_id,
        "title": head["title"],
        "filters": filters,
        "sort": sort,
        "summary": {**summary, "unnamed_quotes": unnamed},
        "days": days,
        "sections": sections,
        "available": {kind: available(corpus, kind) for kind in ("quotes", "entities")},
        "empty": {kind: hint for kind, hint in EMPTY_HINTS.items() if not available(corpus, kind)},
        "window": board.get("window"),
        "framing": framing.section(corpus, story_id),
        "positions": positions.story(corpus, story_id),
    }
    return Page(
        "story.html",
        data,
        {
            "form": _form(request, board["choices"], filters, sort),
            "sparkline": charts.sparkline((d["day"], d["articles"]) for d in days),
            "lanes": charts.lanes(sections["events"]["items"], summary["first"], summary["last"]),
            "ticks": charts.ticks(summary["first"], summary["last"]),
            "bars": {name: charts.bars(s["items"], _MEASURE.get(name, "")) for name, s in sections.items()},
            "formats": FORMATS,
            "links": _section_links(request, story_id),
            "opened": OPEN,
        },
    )


def _events(corpus: Corpus, story_id: str, events: list[dict[str, Any]], sort: str | None) -> list[dict[str, Any]]:
    """The events a page shows, an undated one with the day its reports name; in the default order (the largest
    events, as the digest picked them) and oldest first, listed by day with that estimated day, as `newsdesk story`
    lists them: an estimate is no reason to come first."""
    events = corpus.with_estimated_days(story_id, events)
    return corpus.in_day_order(events) if sort in (None, "date") else events


def _events_by_day(
    corpus: Corpus, story_id: str, filters: dict[str, Any], sort: str | None, offset: int
) -> tuple[list[dict[str, Any]], int, bool]:
    """One page of the events list in its default and ``date`` orders, by day (:func:`_events`), and the list's
    total: the whole list is put in that order before it is cut into pages, so that page 2 follows page 1 (an
    undated event is placed at the day its reports name, which SQL does not know). Unfiltered in the default order
    the list is read from the pages the digest kept (largest first) while they are current, else from the store;
    whether it was read kept."""
    every = _kept_whole(corpus, story_id, "events") if not filters and sort is None else None
    kept = every is not None
    if every is None:
        every = _rows(corpus, "events", story_id, filters, limit=lists.WHOLE, offset=0, sort=sort)
    every = _events(corpus, story_id, every, sort)
    return every[offset : offset + PER_PAGE], len(every), kept


def _kept_whole(corpus: Corpus, story_id: str, name: str) -> list[dict[str, Any]] | None:
    """Every row of a story's list as the digest kept it, page after page; None when a page is not kept."""
    rows: list[dict[str, Any]] = []
    for page in range(1, lists.WHOLE):
        kept = corpus.story_list_page(story_id, name, page)
        if kept is None:
            return None
        rows += kept[0]
        if not kept[0] or len(rows) >= kept[1]:
            return rows
    return rows


_MEASURE = {"speakers": "quotes", "sources": "quotes", "outlets": "articles", "credits": "articles"}
_MEASURE |= {"origins": "articles", "entities": "mentions", "events": "articles", "claims": "independent"}


def _section_links(request: Request, story_id: str) -> dict[str, str]:
    return {name: link(request, f"/stories/{story_id}/{name}", page=None) for name in LISTS}


def section(corpus: Corpus, request: Request) -> Page:
    """``/stories/{id}/{section}``: one of a story's lists in full, filtered and sorted, 50 a page.

    Raises:
        NotFoundError: no such story, no such section, or a page past the end of the list.
        ConfigError: a filter or the sort is malformed.
    """
    name = request.path_params["section"]
    if name not in LISTS:
        raise NotFoundError(f"A story has no list {name!r}. Available: {', '.join(LISTS)}.")
    head, filters, sort = _common(corpus, request)
    story_id, spec = head["id"], LISTS[name]
    offset = (int_param(request, "page", 1, high=1_000_000) - 1) * PER_PAGE
    bounded, window = filters, None
    # Unfiltered in the default order, the first pages of a list are read as the digest stage kept them.
    by_day = name == "events" and sort in (None, "date")
    kept = None if filters or sort or by_day else corpus.story_list_page(story_id, name, offset // PER_PAGE + 1)
    if by_day:
        if filters or sort:  # (as below)
            bounded, window = corpus.story_window(story_id, filters)
        rows, total, read_kept = _events_by_day(corpus, story_id, bounded, sort, offset)
        kept = (rows, total) if read_kept else None
    elif kept is not None:
        rows, total = kept
    elif name == "timeline":
        rows, total = _timeline(corpus, story_id, filters, sort, offset)
    else:
        # Filtered or sorted, counted over at most WINDOW articles (the latest passing the filters): the page says
        # so when it is cut. The story's own lists, in their own order, stay whole.
        if filters or sort:
            bounded, window = corpus.story_window(story_id, filters)
        rows = _rows(corpus, name, story_id, bounded, limit=PER_PAGE, offset=offset, sort=sort)
        # A page's rows carry the list's total; a page past the end has none, and the list is counted for the 404.
        total = _total(corpus, name, story_id, bounded, rows)
    paging = pager(request, total, what=spec.unit)
    span: dict[str, Any] = {}
    if name == "events":  # the time axis of the lanes: the story's first and last dates (the digest's, unfiltered)
        summary = corpus.story_dashboard(story_id)["summary"] if kept is not None else None
        span = summary or corpus.story_part("summary", story_id, **bounded)[0]
    if name == "events" and not by_day:
        rows = _events(corpus, story_id, rows, sort)
    for row in rows if name == "events" else []:
        row["all"] = link(request, f"/stories/{story_id}/articles", event=row["id"], page=None)
    data = {
        "id": story_id,
        "title": head["title"],
        "section": name,
        "heading": spec.title,
        "filters": filters,
        "sort": sort,
        "items": _strip(rows),
        "window": window,
        **_paging(paging),
        "available": {kind: available(corpus, kind) for kind in ("quotes", "entities")},
        "empty": {kind: hint for kind, hint in EMPTY_HINTS.items() if not available(corpus, kind)},
    }
    return Page(
        "story_list.html",
        data,
        {
            "form": _form(request, corpus.story_filter_choices(story_id), filters, sort),
            "paging": paging,
            "bars": charts.bars(rows, _MEASURE.get(name, "")),
            "lanes": charts.lanes(rows, span.get("first"), span.get("last")) if span else None,
            "ticks": charts.ticks(span.get("first"), span.get("last")) if span else None,
            "story_url": link(request, f"/stories/{story_id}", page=None),
            "links": _section_links(request, story_id),
            "sections": LISTS,
        },
    )


def _timeline(
    corpus: Corpus, story_id: str, filters: dict[str, str], sort: str | None, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the story's dated statements (``Corpus.timeline``), each with its first evidence; the dates
    filter them (an undated statement passes no date filter), the other filters do not apply. Read from the rows
    the digest stage kept (``Corpus.story_timeline``)."""
    found, total = corpus.story_timeline(
        story_id,
        since=filters.get("since"),
        until=filters.get("until"),
        recent=sort == "recent",
        offset=offset,
        limit=PER_PAGE,
    )
    return [{**entry, "text": entry["text"][:QUOTE_CHARS]} for entry in found], total


def brief_endpoint(readers: Readers, cache: PageCache | None = None) -> Callable[[Request], Awaitable[Response]]:
    """``/stories/{id}/brief.{md,html,json}``: the brief as a file to save, made in a worker thread.

    The brief last made is kept while the data is unchanged (``cache``'s version), so its other formats, or the same
    one saved again, are rendered from it: a 2,000-article story's brief takes 21 CPU seconds to make. It is kept
    under the story's full id (a prefix typed names the same brief), and a story's brief is made by one thread at a
    time: a second download asked while the first is being made waits for it, then renders from it.
    """
    last: list[tuple[tuple[int, str], dict[str, Any]]] = []  # (data version, story's full id), the brief
    making: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)  # a lock a story (few: one per story)
    locks = threading.Lock()

    def made(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in FORMATS:
            raise NotFoundError(f"No brief format {fmt!r}. Available: {', '.join(FORMATS)}.")
        key = cache.key(request) if cache is not None else None
        with readers.borrow() as corpus:
            story_id = str(corpus.story_head(request.path_params["story_id"])["id"])
            wanted = None if key is None else (key[0], story_id)
            with locks:
                lock = making[story_id]
            with lock:
                kept = last[-1] if last else None  # one item replaced whole: threads never see half of one
                brief = kept[1] if kept is not None and kept[0] == wanted else None
                if brief is None:
                    brief = build_brief(corpus, story_id)
                    if wanted is not None:
                        last[:] = [(wanted, brief)]
        headers = {
            "content-disposition": f'attachment; filename="brief-{brief["story"]["id"]}.{fmt}"',
            "content-security-policy": _BRIEF_POLICY,
        }
        return Response(render(brief, fmt), media_type=_MEDIA[fmt], headers=headers)

    async def endpoint(request: Request) -> Response:
        return await run_in_threadpool(made, request)

    return endpoint
