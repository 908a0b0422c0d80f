"""Geometry of the server-drawn SVG charts: numbers only, so templates just place shapes (no script needed)."""

from __future__ import annotations

import math
import zlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from newsdesk.dates import day as _day

__all__ = ["TONES", "bars", "lanes", "sparkline", "ticks", "tone"]

TONES = 8  # colours the stylesheet defines for outlets (.tone0 to .tone7)


def _buckets(days: Iterable[date], most: int) -> tuple[date, int, int]:
    """First day, days per bucket and bucket count so that the span fits in ``most`` buckets."""
    ordered = sorted(days)
    span = (ordered[-1] - ordered[0]).days + 1
    width = math.ceil(span / most)
    return ordered[0], width, math.ceil(span / width)


def sparkline(counts: Iterable[tuple[str | None, int]], *, width: int = 200, height: int = 32) -> dict[str, Any] | None:
    """Bars of articles per day (bucketed to at most 40 bars) over the story's dated span; None if undated."""
    per_day: dict[date, int] = defaultdict(int)
    for day, n in counts:
        if (d := _day(day)) is not None:
            per_day[d] += n
    if not per_day:
        return None
    first, days_per_bar, bars = _buckets(per_day, 40)
    totals = [0] * bars
    for d, n in per_day.items():
        totals[(d - first).days // days_per_bar] += n
    peak = max(totals)
    step = width / bars
    return {
        "width": width,
        "height": height,
        "bars": [
            {
                "x": round(i * step, 2),
                "w": round(max(step - 1, 1), 2),
                "h": round(max(n / peak * (height - 2), 1), 2),
                "y": round(height - max(n / peak * (height - 2), 1), 2),
                "label": f"{first + timedelta(days=i * days_per_bar)}: {n} article{'' if n == 1 else 's'}",
            }
            for i, n in enumerate(totals)
            if n
        ],
        "first": str(first),
        "last": str(max(per_day)),
    }


def ticks(first: str | None, last: str | None, *, count: int = 5) -> list[str]:
    """``count`` dates evenly spaced from ``first`` to ``last`` (both included), for an axis; [] if undated.

    Evenly spaced, so a page can set them out with equal gaps and need no coordinates (no inline style); a span of
    fewer days than ``count`` has one tick a day, so that no date is written twice.
    """
    start, end = _day(first), _day(last)
    if start is None or end is None:
        return []
    if end <= start:
        return [str(start)]
    span = (end - start).days
    count = min(count, span + 1)
    return [str(start + timedelta(days=round(span * i / (count - 1)))) for i in range(count)]


def lanes(
    items: Iterable[dict[str, Any]], first: str | None, last: str | None, *, width: int = 1000
) -> list[dict[str, Any] | None]:
    """Each item's span (``first_seen`` to ``last_seen``) as ``{"x", "w"}`` on an axis ``width`` wide from
    ``first`` to ``last``; None for an item (or on an axis) without dates. A one-day span is still visible."""
    start, end = _day(first), _day(last)
    if start is None or end is None:
        return [None for _ in items]
    span = max((end - start).days, 1)
    out: list[dict[str, Any] | None] = []
    for item in items:
        a, b = _day(item.get("first_seen")), _day(item.get("last_seen"))
        if a is None:
            out.append(None)
            continue
        b = b or a
        x = (a - start).days / span * width
        w = max((b - a).days / span * width, width / 120)
        out.append({"x": round(min(x, width - width / 120), 1), "w": round(w, 1)})
    return out


def bars(rows: Iterable[dict[str, Any]], measure: str, *, width: int = 100) -> list[int]:
    """Each row's ``measure`` as a bar length out of ``width``, the longest of the rows full; [] without one."""
    values = [int(r.get(measure) or 0) for r in rows] if measure else []
    peak = max(values, default=0)
    if not peak:
        return [0 for _ in values]
    return [max(1, round(v / peak * width)) if v else 0 for v in values]


def tone(name: str | None) -> int:
    """A colour number for ``name`` (0 to ``TONES - 1``), the same on every page and every run."""
    digest = zlib.crc32((name or "").casefold().encode("utf-8", "replace"))
    return digest % TONES
