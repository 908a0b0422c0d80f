"""Chart geometry: bars, dots and cells land inside their boxes, and nothing undated is drawn."""

from __future__ import annotations

from newsdesk.web import charts, highlight


def test_sparkline_buckets_a_long_span_and_scales_to_the_peak() -> None:
    chart = charts.sparkline([("2026-01-01", 1), ("2026-12-31", 4), (None, 9)], width=100, height=20)
    assert chart is not None and chart["first"] == "2026-01-01" and chart["last"] == "2026-12-31"
    assert len(chart["bars"]) == 2 and max(b["h"] for b in chart["bars"]) == 18
    assert all(0 <= b["x"] < 100 and b["y"] + b["h"] <= 20 for b in chart["bars"])
    assert charts.sparkline([(None, 3)]) is None


def test_timeline_and_grid() -> None:
    entries = [{"date": "2026-03-01", "text": "a", "article_ids": ["x"]}, {"date": "2026-03-11", "text": "b"}]
    chart = charts.timeline([*entries, {"date": "2019", "text": "year only"}], width=200)
    assert chart is not None and [d["x"] for d in chart["dots"]] == [12, 188]
    grid = charts.coverage_grid(
        [{"day": "2026-03-01", "outlet": "A", "articles": 2}, {"day": "2026-03-02", "outlet": None, "articles": 1}]
    )
    assert grid is not None and [o["name"] for o in grid["outlets"]] == ["A", "(not stated)"]
    assert {c["opacity"] for c in grid["cells"]} == {1.0, 0.62}


def test_graph_layout_puts_publishers_credited_outlets_and_sources_in_columns() -> None:
    graph = {
        "edges": [
            {"from": "Digest", "to": "Ledger", "kind": "cites", "count": 2},
            {"from": "Ledger", "to": "Varga", "kind": "quotes", "count": 1},
        ]
    }
    layout = charts.graph_layout(graph)
    assert layout is not None
    columns = {(n["column"], n["name"]) for n in layout["nodes"]}
    assert columns == {(0, "Digest"), (1, "Ledger"), (2, "Varga")} and len(layout["lines"]) == 2
    assert charts.graph_layout({"edges": []}) is None


def test_segments_cover_the_text_and_nest_marks() -> None:
    text = "Varga said “the door remains open” on Wednesday."
    quote = {"id": "q1", "start": text.index("the door"), "end": text.index("” on")}
    mentions = [{"entity_id": "e1", "start": 0, "end": 5}, {"entity_id": "e2", "start": 12, "end": 16}]
    parts = highlight.segments(text, quotes=[quote], mentions=mentions, span=(40, 999))
    assert "".join(p["text"] for p in parts) == text
    assert [(p["text"], p["quote"], p["entity"]) for p in parts[:4]] == [
        ("Varga", None, "e1"),
        (" said “", None, None),
        ("the ", "q1", "e2"),
        ("door remains open", "q1", None),
    ]
    assert [p["text"] for p in parts if p["cited"]] == [text[40:]]
