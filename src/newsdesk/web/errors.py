"""Errors at the web front door: each newsdesk error becomes an HTTP status and one JSON shape, or a page."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.templating import Jinja2Templates

from newsdesk.errors import ConfigError, NewsdeskError, NotFoundError, QueryError

__all__ = ["body", "handlers", "status_for", "wants_json"]

log = logging.getLogger(__name__)


def status_for(exc: BaseException) -> int:
    """The HTTP status for an error: 400 bad input, 404 nothing there, 500 anything else."""
    if isinstance(exc, HTTPException):
        return exc.status_code
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConfigError | QueryError):
        return 400
    return 500


def body(message: str, status: int) -> dict[str, object]:
    """The one JSON shape of every error."""
    return {"ok": False, "error": message, "status": status}


def wants_json(request: Request) -> bool:
    """Whether the request is for a ``.json`` twin (which then answers errors in JSON too)."""
    return request.url.path.endswith(".json")


def handlers(templates: Jinja2Templates) -> dict[type[BaseException] | int, object]:
    """Exception handlers for ``Starlette(exception_handlers=...)``."""

    async def handle(request: Request, exc: Exception) -> Response:
        status = status_for(exc)
        if isinstance(exc, NewsdeskError):
            message = str(exc)
        elif isinstance(exc, HTTPException):
            message = "No such page." if status == 404 else str(exc.detail)
        else:
            # Details of a bug stay in the log: a page shows no traceback or internal value.
            log.exception("internal error on %s", request.url.path)
            message = "Internal error: please report it with the newsdesk log."
        if wants_json(request):
            return JSONResponse(body(message, status), status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"message": message, "status": status}, status_code=status
        )

    return {NewsdeskError: handle, HTTPException: handle, Exception: handle}
