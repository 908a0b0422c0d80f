"""``create_app(corpus)``: the web UI, server-rendered pages each with a ``.json`` twin at the same path."""

from __future__ import annotations

from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from newsdesk.corpus import Corpus
from newsdesk.report.links import safe_url
from newsdesk.web.errors import handlers
from newsdesk.web.page import View
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
    env.filters["day"] = lambda value: (value or "")[:10] or "undated"
    return env


def _twins(path: str, json_path: str, view: View, corpus: Corpus, templates: Jinja2Templates) -> list[BaseRoute]:
    """A page at ``path`` and its JSON twin at ``json_path`` (listed first: ``{id}`` would swallow ``x.json``)."""

    async def as_json(request: Request) -> Response:
        # Views are synchronous and run on the event loop one at a time: the store's one connection is never
        # shared between threads, and each page takes milliseconds.
        return JSONResponse({"ok": True, **view(corpus, request).data})

    async def as_html(request: Request) -> Response:
        page = view(corpus, request)
        query = f"?{request.url.query}" if request.url.query else ""
        context: dict[str, Any] = {**page.data, **page.html, "json_url": json_path_for(request) + query}
        return templates.TemplateResponse(request, page.template, context)

    def json_path_for(request: Request) -> str:
        return "/index.json" if request.url.path == "/" else request.url.path + ".json"

    return [Route(json_path, as_json), Route(path, as_html)]


def create_app(corpus: Corpus) -> Starlette:
    """The ASGI app over ``corpus``: stories, a story, an article, an entity, search, and story briefs."""
    templates = Jinja2Templates(env=environment())
    routes: list[BaseRoute] = [
        *_twins("/", "/index.json", stories.index, corpus, templates),
        Route("/stories/{story_id}/brief.{fmt}", stories.brief_endpoint(corpus)),
        *_twins("/stories/{story_id}", "/stories/{story_id}.json", stories.story, corpus, templates),
        *_twins("/articles/{article_id}", "/articles/{article_id}.json", articles.article, corpus, templates),
        *_twins("/entities/{entity_id}", "/entities/{entity_id}.json", entities.entity, corpus, templates),
        *_twins("/search", "/search.json", search.search, corpus, templates),
        Mount("/static", StaticFiles(packages=[("newsdesk.web", "static")]), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers=handlers(templates),  # type: ignore[arg-type]
    )
