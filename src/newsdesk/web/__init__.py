"""The web UI: ``create_app(corpus)`` for an ASGI app, ``serve(corpus)`` to run it with uvicorn."""

from __future__ import annotations

from newsdesk.web.app import create_app
from newsdesk.web.server import serve

__all__ = ["create_app", "serve"]
