"""Reports over the corpus shared by the CLI and the web UI: a story gathered whole, and briefs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.report.render import FORMATS, render

if TYPE_CHECKING:
    from newsdesk.report.brief import build as build_brief
    from newsdesk.report.story import gather

__all__ = ["FORMATS", "build_brief", "gather", "render"]


def __getattr__(name: str) -> Any:
    # Gathering a story reads the corpus: it is imported on first use, so `newsdesk brief --help` stays light.
    if name == "build_brief":
        from newsdesk.report.brief import build

        return build
    if name == "gather":
        from newsdesk.report.story import gather

        return gather
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
