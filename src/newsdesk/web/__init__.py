"""The web UI: ``create_app(corpus)`` for an ASGI app, ``serve(corpus)`` to run it with uvicorn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.web.app import create_app
    from newsdesk.web.server import serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    # Starlette, Jinja and uvicorn load when the UI is made, not when the command line reads web.address.
    if name == "create_app":
        from newsdesk.web.app import create_app

        return create_app
    if name == "serve":
        from newsdesk.web.server import serve

        return serve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
