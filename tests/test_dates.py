"""``newsdesk.dates``: the one vocabulary of weekday and month names every reader of dates uses."""

from __future__ import annotations

import re
from datetime import date

from newsdesk import dates


def test_the_names_are_in_calendar_order() -> None:
    assert dates.WEEKDAYS[date(2026, 12, 7).weekday()] == "monday"
    assert [dates.MONTH_NUMBERS[m] for m in dates.MONTHS] == list(range(1, 13))
    assert dates.MONTH_NUMBERS["sept"] == dates.MONTH_NUMBERS["sep"] == dates.MONTH_NUMBERS["september"] == 9
    assert set(dates.MONTH_NUMBERS) == {*dates.MONTHS, *(m[:3] for m in dates.MONTHS), "sept"}


def test_the_month_pattern_matches_each_name_capitalised_and_nothing_else() -> None:
    month = re.compile(dates.MONTH)
    for name in dates.MONTH_NUMBERS:
        for written in (name.capitalize(), name.capitalize() + "."):
            assert month.fullmatch(written), written
    for other in ("january", "Janu", "Septem", "Mayo", "Junee", "Ju", "Monday", "JAN"):
        assert month.fullmatch(other) is None, other
    assert re.fullmatch(dates.one_of(dates.WEEKDAYS, capitalised=True), "Sunday")
    assert re.fullmatch(dates.one_of(dates.WEEKDAYS), "Sunday") is None
    assert re.fullmatch(rf"\d\d?{dates.ORDINAL}", "21st") and re.fullmatch(rf"\d\d?{dates.ORDINAL}", "21")


def test_a_stored_date_or_time_is_read_as_its_day_and_anything_else_as_none() -> None:
    assert dates.day("2025-11-26") == date(2025, 11, 26)
    assert dates.day("2025-11-26T14:05:00+08:00") == date(2025, 11, 26)
    assert [dates.day(v) for v in (None, "", "unknown", "2025-13-40", "Nov 26")] == [None] * 5
