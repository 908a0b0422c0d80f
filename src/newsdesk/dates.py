"""Dates as articles write them, read into ISO 8601. Never a guess: what cannot be read is None."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

__all__ = ["as_read", "parse_date"]

_DATE_PREFIX = re.compile(r"^(?:published|updated|posted|date|last updated)\s*(?:on|at)?\s*:?\s*", re.IGNORECASE)
_DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y %H:%M",
    "%d %B %Y %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%B %d, %Y, %I:%M %p",
    "%b. %d, %Y",
)


def parse_date(value: str) -> str | None:
    """ISO 8601 for a date written on its own (RFC 2822, ISO, 'March 3, 2026'...), else None."""
    value = _DATE_PREFIX.sub("", value.strip()).strip()
    if not value or len(value) > 60 or not re.search(r"\d{4}", value):
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        # A day without a time stays a day: adding T00:00 would invent a precision.
        try:
            return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.date().isoformat() if "%H" not in fmt and "%I" not in fmt else parsed.isoformat()
    return None


def as_read(value: str | None, precision: str | None) -> str:
    """A date of a timeline as a reader is to read it: a week ("last week", "this week", "last weekend") is stored as
    its first day, which no article names, so it reads "week of" that day; any other date as stored; none,
    "undated"."""
    if not value:
        return "undated"
    return f"week of {value}" if precision == "week" else value
