"""A page: the data of its JSON twin, plus what only the HTML needs (chart geometry, highlighted segments)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from newsdesk.corpus import Corpus

__all__ = ["Page", "View", "int_param"]


@dataclass(frozen=True, slots=True)
class Page:
    """What a view returns: ``data`` is the JSON twin and the template's context; ``html`` adds to the latter."""

    template: str
    data: dict[str, Any]
    html: dict[str, Any] = field(default_factory=dict)


View = Callable[[Corpus, Request], Page]


def int_param(request: Request, name: str, default: int, *, low: int = 1, high: int = 10_000) -> int:
    """An integer query parameter, clamped to ``[low, high]``; ``default`` when absent or not a number."""
    try:
        value = int(request.query_params.get(name, default))
    except ValueError:
        return default
    return max(low, min(high, value))
