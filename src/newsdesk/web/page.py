"""A page: the data of its JSON twin, plus what only the HTML needs (chart geometry, highlighted segments).

Also the pieces every list page shares: the ``?page=N`` parameter, the pager (a page past the end is a 404, as
any URL that names nothing) and links that keep the other query parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from newsdesk.corpus import Corpus
from newsdesk.errors import NotFoundError

__all__ = ["PER_PAGE", "Page", "View", "int_param", "link", "pager"]

PER_PAGE = 50


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


def link(request: Request, path: str | None = None, **changes: str | int | None) -> str:
    """``path`` (default: the request's) with the request's query parameters, ``changes`` applied.

    A change to None or "" drops the parameter, and so does ``page=1`` (the first page is the bare URL), so the
    links of one list stay in one form. From a JSON twin, ``path`` is the twin of the page it names.
    """
    if path is not None and request.url.path.endswith(".json") and not path.endswith(".json"):
        path += ".json"
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    for key, value in changes.items():
        if value not in (None, "") and not (key == "page" and value == 1):
            params[key] = str(value)
    query = urlencode(sorted(params.items()))
    return (path or request.url.path) + (f"?{query}" if query else "")


def pager(request: Request, total: int, *, what: str, per_page: int = PER_PAGE, more: bool = False) -> dict[str, Any]:
    """The ``?page=N`` of a list of ``total`` items: ``page``, ``pages``, ``offset`` and the ``previous`` and
    ``next`` links (None at either end). ``total`` may be unknown (-1) when ``more`` says whether a next page
    exists (search counts no further than it shows).

    Raises:
        NotFoundError: ``page`` lies past the last page (page 1 of an empty list is a page: it says so).
    """
    page = int_param(request, "page", 1, high=1_000_000)
    pages = max(1, -(-total // per_page)) if total >= 0 else page + (1 if more else 0)
    if page > pages:
        count = f"{total:,} {what}" if total >= 0 else what
        raise NotFoundError(
            f"No page {page} of {what}: there {'is' if pages == 1 else 'are'} {pages:,} page{'s' * (pages != 1)} "
            f"({count}, {per_page} a page). The first page is {link(request, page=None)}"
        )
    return {
        "page": page,
        "pages": pages if total >= 0 else None,
        "per_page": per_page,
        "total": total if total >= 0 else None,
        "offset": (page - 1) * per_page,
        "previous": link(request, page=page - 1) if page > 1 else None,
        "next": link(request, page=page + 1) if page < pages else None,
    }
