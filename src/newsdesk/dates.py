"""Dates as articles write them: the names of weekdays and months every reader of text uses, and a date written on
its own read into ISO 8601 (never a guess: what cannot be read is None), and a stored date as a reader is to read it
(``as_read``: a week as "week of" its first day).

The names are here, below every stage package, so that the date extractor, the claims' readers and the metadata's
byline reader read one list (decision 0092): ``WEEKDAYS``, ``MONTHS``, the names a month is written under
(``MONTH_NUMBERS``) and regular expressions made of them (``one_of``, ``MONTH``, ``ORDINAL``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from itertools import pairwise
from types import MappingProxyType

__all__ = ["MONTH", "MONTHS", "MONTH_NUMBERS", "ORDINAL", "WEEKDAYS", "as_read", "day", "one_of", "parse_date"]

# Lower case. WEEKDAYS[day.weekday()] names a day (Monday is 0); MONTHS[n - 1] names month n.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Each name a month is written under, lower case, to its number: in full, by its first three letters, and "sept".
MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {**{m: i for i, m in enumerate(MONTHS, start=1)}, **{m[:3]: i for i, m in enumerate(MONTHS, start=1)}, "sept": 9}
)
# The suffix a day of the month may carry ("3rd", "21st").
ORDINAL = "(?:st|nd|rd|th)?"


def one_of(words: Iterable[str], *, capitalised: bool = False) -> str:
    """A regular expression (source) matching any of ``words`` as written, or with their first letter capitalised
    (``Monday``): ``(?:monday|tuesday|...)``."""
    return "(?:" + "|".join(w[:1].upper() + w[1:] if capitalised else w for w in words) + ")"


def _written(month: int) -> str:
    """Month ``month``'s names as one capitalised pattern, each a prefix of the next: ``Sep(?:t(?:ember)?)?``."""
    lengths = sorted({len(name) for name, number in MONTH_NUMBERS.items() if number == month})
    full = MONTHS[month - 1]
    tail = ""
    for start, end in reversed(list(pairwise(lengths))):
        tail = f"(?:{full[start:end]}{tail})?"
    return full[: lengths[0]].capitalize() + tail


# A month capitalised, by any of its names, with or without a full stop: "Jan", "Jan.", "January", "Sept.".
MONTH = "(?:" + "|".join(_written(n) for n in range(1, 13)) + r")\.?"

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


def day(value: str | None) -> date | None:
    """The day a stored date or time (ISO 8601, ``YYYY-MM-DD`` first) falls on; None for none, or for what is none."""
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


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
