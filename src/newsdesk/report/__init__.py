"""Reports over the corpus shared by the CLI and the web UI: a story gathered whole, and briefs."""

from __future__ import annotations

from newsdesk.report.brief import build as build_brief
from newsdesk.report.render import FORMATS, render
from newsdesk.report.story import gather

__all__ = ["FORMATS", "build_brief", "gather", "render"]
