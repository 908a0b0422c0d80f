"""What may reach the terminal: article content and file names are hostile input, shown inert.

Titles, outlets, quotes and file names come from the web and from other people's files. Printed as they are, an
escape sequence in a file name can move the cursor, retitle the window or hide text, and a title holding rich
markup (``[link=file:///etc/passwd]``) is read as markup by rich. Every value from the store or from an item
goes through :func:`printable` (control characters shown as escapes) and is never parsed as markup. CSV cells
that a spreadsheet would run as a formula are neutralised by :func:`csv_cell`.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from rich.markup import escape
from rich.text import Text

from newsdesk.report.render import plural  # (one wording of counts for the CLI and the briefs)

__all__ = ["csv_cell", "dumps", "flat", "markup", "plain", "plural", "printable", "published"]

# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI on some terminals), the line and
# paragraph separators, and the bidirectional embeddings, overrides and isolates that can show text reversed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters JSON leaves raw with ensure_ascii=False that a terminal may still act on (C0 is always escaped).
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A cell a spreadsheet reads as a formula (OWASP's list): prefixed with an apostrophe so it stays text.
_BREAKS = re.compile(r"[\t\n\r]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    """``value`` as text with control and direction-changing characters shown as ``\\xNN`` escapes."""
    return _CONTROL.sub(_escape_char, str(value))


def markup(value: object) -> str:
    """``value`` made printable and escaped, to embed in a rich markup string."""
    return escape(printable(value))


def plain(value: object) -> Text:
    """``value`` as a rich ``Text`` that is never parsed as markup, with control characters escaped."""
    return Text(printable(value))


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON as newsdesk prints it: UTF-8 text, with every character a terminal could act on escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # These characters occur only inside JSON strings, where a \\uXXXX escape means the same character.
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def flat(value: object) -> str:
    """``value`` made printable on one line: tabs, newlines and carriage returns become spaces (for plain rows)."""
    return _BREAKS.sub(" ", printable(value))


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: strings starting like a formula get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def published(value: object) -> object:
    """A stored publication date as a person reads it: the day, and the time (hours and minutes, with the offset
    it was written in; "UTC" for +00:00) only when the article gives one. Midnight in UTC, or in no zone, is how a
    date without a time is stored by feeds and pages (``2025-03-04T00:00:00+00:00``): it reads as the day alone.
    Midnight in another offset is a moment of its own (``2025-03-01T00:00:00+05:00`` is the evening before in UTC)
    and keeps its time and offset. Anything that is not an ISO date is returned as it is."""
    if not isinstance(value, str) or len(value) <= 10:
        return value
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    offset = when.strftime("%z")
    if (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0) and offset in ("", "+0000"):
        return when.date().isoformat()
    zone = "" if not offset else " UTC" if offset == "+0000" else f" {offset[:3]}:{offset[3:5]}"  # (no seconds)
    return f"{when:%Y-%m-%d %H:%M}{zone}"
