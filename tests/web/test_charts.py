"""Chart geometry: bars, dots and cells land inside their boxes, and nothing undated is drawn."""

from __future__ import annotations

from newsdesk.web import charts, highlight


def test_sparkline_buckets_a_long_span_and_scales_to_the_peak() -> None:
    chart = charts.sparkline([("2026-01-01", 1), ("2026-12-31", 4), (None, 9)], width=100, height=20)
    assert chart is not None and chart["first"] == "2026-01-01" and chart["last"] == "2026-12-31"
    assert len(chart["bars"]) == 2 and max(b["h"] for b in chart["bars"]) == 18
    assert all(0 <= b["x"] < 100 and b["y"] + b["h"] <= 20 for b in chart["bars"])
    assert charts.sparkline([(None, 3)]) is None


def test_ticks_and_lanes_place_spans_on_the_story_dates() -> None:
    assert charts.ticks("2026-03-01", "2026-03-09") == [
        "2026-03-01",
        "2026-03-03",
        "2026-03-05",
        "2026-03-07",
        "2026-03-09",
    ]
    assert charts.ticks("2026-03-01T10:00", "2026-03-01") == ["2026-03-01"] and charts.ticks(None, "2026") == []
    # Fewer days than ticks: one a day, none written twice.
    assert charts.ticks("2026-03-01", "2026-03-02") == ["2026-03-01", "2026-03-02"]
    assert charts.ticks("2026-03-01", "2026-03-03") == ["2026-03-01", "2026-03-02", "2026-03-03"]
    events = [
        {"first_seen": "2026-03-01", "last_seen": "2026-03-05"},
        {"first_seen": "2026-03-11T08:00", "last_seen": None},
        {"first_seen": None, "last_seen": None},
    ]
    lanes = charts.lanes(events, "2026-03-01", "2026-03-11")
    assert lanes[0] == {"x": 0, "w": 400} and lanes[2] is None
    assert lanes[1] is not None and 0 < lanes[1]["w"] < 10 and lanes[1]["x"] + lanes[1]["w"] <= 1000
    assert charts.lanes(events, None, None) == [None, None, None]


def test_bars_scale_to_the_longest_and_tones_are_stable() -> None:
    assert charts.bars([{"quotes": 10}, {"quotes": 5}, {"quotes": 0}], "quotes") == [100, 50, 0]
    assert charts.bars([{"quotes": 0}], "quotes") == [0] and charts.bars([{"n": 1}], "") == []
    assert charts.tone("Veloria Ledger") == charts.tone("veloria ledger") and 0 <= charts.tone(None) < charts.TONES
    assert len({charts.tone(f"Outlet {n}") for n in range(40)}) == charts.TONES


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


def test_a_bar_of_one_article_says_article() -> None:
    chart = charts.sparkline([("2025-03-01", 1), ("2025-03-02", 2)])
    assert chart is not None
    assert [b["label"] for b in chart["bars"]] == ["2025-03-01: 1 article", "2025-03-02: 2 articles"]
