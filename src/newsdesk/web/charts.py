"""Geometry of the server-drawn SVG charts: numbers only, so templates just place shapes (no script needed)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

__all__ = ["coverage_grid", "graph_layout", "sparkline", "timeline"]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _buckets(days: Iterable[date], most: int) -> tuple[date, int, int]:
    """First day, days per bucket and bucket count so that the span fits in ``most`` buckets."""
    ordered = sorted(days)
    span = (ordered[-1] - ordered[0]).days + 1
    width = math.ceil(span / most)
    return ordered[0], width, math.ceil(span / width)


def sparkline(counts: Iterable[tuple[str | None, int]], *, width: int = 160, height: int = 28) -> dict[str, Any] | None:
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
                "label": f"{first + timedelta(days=i * days_per_bar)}: {n} articles",
            }
            for i, n in enumerate(totals)
            if n
        ],
        "first": str(first),
        "last": str(max(per_day)),
    }


def timeline(entries: Iterable[dict[str, Any]], *, width: int = 720, height: int = 70) -> dict[str, Any] | None:
    """Dots on a date axis, one per dated timeline entry, larger for more articles; None if nothing is dated."""
    dated = [(d, e) for e in entries if (d := _day(e.get("date"))) is not None]
    if not dated:
        return None
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = max((last - first).days, 1)
    pad = 12
    dots = []
    for i, (d, entry) in enumerate(dated):
        x = pad + (d - first).days / span * (width - 2 * pad)
        n = len(entry.get("article_ids") or [entry])
        dots.append(
            {
                "x": round(x, 2),
                "y": 22 + (i % 3) * 12,
                "r": round(min(3 + 1.5 * math.sqrt(n), 9), 2),
                "estimated": bool(entry.get("estimated")),
                "label": f"{entry['date']}: {entry.get('text', '')}"[:300],
            }
        )
    return {"width": width, "height": height, "dots": dots, "first": str(first), "last": str(last), "axis": height - 10}


def coverage_grid(rows: Iterable[dict[str, Any]], *, most: int = 30, cell: int = 14) -> dict[str, Any] | None:
    """Outlets down, time across: one cell per outlet and period, darker for more articles; None if undated."""
    dated = [(d, r) for r in rows if (d := _day(r.get("day"))) is not None]
    if not dated:
        return None
    first, days_per_col, cols = _buckets((d for d, _ in dated), most)
    cells: dict[tuple[str, int], int] = defaultdict(int)
    for d, row in dated:
        cells[(row.get("outlet") or "(not stated)", (d - first).days // days_per_col)] += row["articles"]
    outlets = sorted({o for o, _ in cells}, key=lambda o: (-sum(n for (p, _), n in cells.items() if p == o), o))
    peak = max(cells.values())
    return {
        "width": cols * cell,
        "height": len(outlets) * cell,
        "cell": cell - 2,
        "outlets": [{"name": o, "y": i * cell} for i, o in enumerate(outlets)],
        "cells": [
            {
                "x": col * cell,
                "y": outlets.index(outlet) * cell,
                "opacity": round(0.25 + 0.75 * n / peak, 2),
                "label": f"{outlet}, from {first + timedelta(days=col * days_per_col)}: {n} articles",
            }
            for (outlet, col), n in sorted(cells.items())
        ],
        "first": str(first),
        "days_per_column": days_per_col,
    }


def graph_layout(graph: dict[str, Any], *, width: int = 720, row: int = 26) -> dict[str, Any] | None:
    """Three columns, publishing outlet → credited outlet → quoted source, with an edge per link; None if empty."""
    if not graph["edges"]:
        return None
    targets = {e["to"] for e in graph["edges"] if e["kind"] in ("cites", "via")}
    sources = {e["to"] for e in graph["edges"] if e["kind"] == "quotes"}
    columns: list[list[str]] = [
        sorted({e["from"] for e in graph["edges"] if e["kind"] in ("cites", "via")} | _first_hops(graph)),
        sorted(targets),
        sorted(sources),
    ]
    xs = (10, width // 2 - 80, width - 170)
    where = {(c, name): (xs[c], 18 + i * row) for c, names in enumerate(columns) for i, name in enumerate(names)}
    lines = []
    for edge in graph["edges"]:
        # A quote's speaker is reached from the credited outlet when there is one, else from the publisher.
        order = {"cites": (0,), "via": (0, 1), "quotes": (1, 0)}[edge["kind"]]
        start = next((where[(c, edge["from"])] for c in order if (c, edge["from"]) in where), None)
        end = where.get((2 if edge["kind"] == "quotes" else 1, edge["to"]))
        if start and end:
            lines.append(
                {
                    "x1": start[0] + 160,
                    "y1": start[1] - 4,
                    "x2": end[0] - 4,
                    "y2": end[1] - 4,
                    "w": min(1 + edge["count"], 6),
                    "kind": edge["kind"],
                    "label": f"{edge['from']} → {edge['to']} ({edge['count']})",
                }
            )
    nodes = [{"name": name, "x": x, "y": y, "column": c} for (c, name), (x, y) in where.items()]
    return {"width": width, "height": 24 + row * max(len(c) for c in columns), "nodes": nodes, "lines": lines}


def _first_hops(graph: dict[str, Any]) -> set[str]:
    """Outlets that quote a source directly (no credited outlet between)."""
    middle = {e["to"] for e in graph["edges"] if e["kind"] in ("cites", "via")}
    return {e["from"] for e in graph["edges"] if e["kind"] == "quotes" and e["from"] not in middle}
