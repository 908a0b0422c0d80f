"""``create_app(corpus)``: the web UI, server-rendered pages each with a ``.json`` twin at the same path."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from newsdesk.corpus import Corpus
from newsdesk.dates import as_read
from newsdesk.records import is_article_id
from newsdesk.report.links import safe_url
from newsdesk.report.render import how_reported
from newsdesk.web import charts
from newsdesk.web.cache import PageCache
from newsdesk.web.errors import handlers
from newsdesk.web.hosts import TrustedHosts
from newsdesk.web.page import View
from newsdesk.web.readers import Readers
from newsdesk.web.security import SecurityHeaders
from newsdesk.web.views import articles, entities, search, stories

__all__ = ["create_app", "environment"]


def environment() -> jinja2.Environment:
    """The template environment: autoescaping on for every template, since article content is hostile input."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsdesk.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["as_read"] = lambda entry: as_read(entry["date"], entry.get("precision"))
    env.filters["day"] = lambda value: (value or "")[:10] or "undated"
    env.filters["tone"] = charts.tone
    env.filters["role_text"] = lambda r: r if isinstance(r, str) else (r.get("role") or r.get("name") or str(r))
    env.filters["reported"] = how_reported  # one wording of an origin's part, the CLI's and the briefs'
    # An origin whose articles name no outlet goes by its first article's id (claims.corroborate).
    env.tests["article_id"] = is_article_id
    return env


def _twins(
    path: str,
    json_path: str,
    view: View,
    readers: Readers,
    templates: Jinja2Templates,
    cache: PageCache,
    views: anyio.CapacityLimiter,
) -> list[BaseRoute]:
    """A page at ``path`` and its JSON twin at ``json_path`` (listed first: ``{id}`` would swallow ``x.json``).

    Views are synchronous: each runs, and its page renders, in a worker thread with a database connection of its
    own, so a slow one never holds up the event loop, other requests, or Ctrl-C. A page rendered once is served
    from ``cache`` until the database changes.
    """

    def json_response(request: Request) -> Response:
        with readers.borrow() as corpus:
            page = view(corpus, request)
        return JSONResponse({"ok": True, **page.data})

    def html_response(request: Request) -> Response:
        with readers.borrow() as corpus:
            page = view(corpus, request)
        query = f"?{request.url.query}" if request.url.query else ""
        context: dict[str, Any] = {**page.data, **page.html, "json_url": json_path_for(request) + query}
        return templates.TemplateResponse(request, page.template, context)

    async def as_json(request: Request) -> Response:
        return await cached(request, json_response)

    async def as_html(request: Request) -> Response:
        return await cached(request, html_response)

    async def cached(request: Request, render: Callable[[Request], Response]) -> Response:
        key = cache.key(request)
        response = cache.get(key)
        if response is None:
            response = await anyio.to_thread.run_sync(render, request, limiter=views)
            cache.put(key, response)
        return response

    def json_path_for(request: Request) -> str:
        return "/index.json" if request.url.path == "/" else request.url.path + ".json"

    return [Route(json_path, as_json), Route(path, as_html)]


def create_app(corpus: Corpus, *, allowed_hosts: Iterable[str] | None = None) -> Starlette:
    """The ASGI app over ``corpus``: stories, a story, an article, an entity, search, and story briefs.

    It answers requests addressed to loopback names or to the address it listens on, plus ``allowed_hosts``
    (default: the ``[web] allowed_hosts`` setting); see :class:`newsdesk.web.hosts.TrustedHosts`.
    """
    templates = Jinja2Templates(env=environment())
    readers = Readers(corpus)
    cache = PageCache(corpus, max_bytes=int(corpus.settings.web.cache_mb * 2**20))
    # A few views at a time: Python runs one thread at a time, so twenty views run side by side would each finish
    # late; in turn, most finish early. A few, not one, so that a slow search does not hold up every page.
    views = anyio.CapacityLimiter(corpus.settings.web.threads)
    pages = (readers, templates, cache, views)
    routes: list[BaseRoute] = [
        *_twins("/", "/index.json", stories.index, *pages),
        Route("/stories/{story_id}/brief.{fmt}", stories.brief_endpoint(readers, cache)),
        *_twins("/stories/{story_id}", "/stories/{story_id}.json", stories.story, *pages),
        *_twins("/stories/{story_id}/{section}", "/stories/{story_id}/{section}.json", stories.section, *pages),
        *_twins("/articles/{article_id}", "/articles/{article_id}.json", articles.article, *pages),
        *_twins("/entities/{entity_id}", "/entities/{entity_id}.json", entities.entity, *pages),
        *_twins("/search", "/search.json", search.search, *pages),
        Mount("/static", StaticFiles(packages=[("newsdesk.web", "static")]), name="static"),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        readers.close()
        cache.close()

    hosts = corpus.settings.web.allowed_hosts if allowed_hosts is None else tuple(allowed_hosts)
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHosts, allowed=hosts)],
        exception_handlers=handlers(templates),  # type: ignore[arg-type]
        lifespan=lifespan,
    )
