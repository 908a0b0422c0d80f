"""Text and names made safe to store and print: no lone surrogates, file names readable on one line."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from newsdesk.errors import IngestError
from newsdesk.records import Draft

__all__ = ["draft", "error", "path", "text"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# What a file name must not carry into a one-line report: surrogates (undecodable bytes under os.fsdecode's
# surrogateescape), control characters such as a newline, and the backslash that starts our own escapes.
_UNPRINTABLE = re.compile("[\ud800-\udfff\x00-\x1f\x7f-\x9f\\\\]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}

E = TypeVar("E", bound=IngestError)


def text(value: str) -> str:
    """``value`` with every lone surrogate (a JSON ``"\\ud800"``, say) replaced by U+FFFD, so UTF-8 can hold it."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode: show the byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def path(value: str) -> str:
    """A file name or URL as it can be shown and stored: undecodable bytes as ``\\xff``, a newline as ``\\n``.

    A name without such characters is returned unchanged (a backslash is doubled only when the name also
    needs an escape, so ordinary names stay as the user typed them).
    """
    if not _UNPRINTABLE.search(value.replace("\\", "")):
        return value
    return _UNPRINTABLE.sub(_escape, value)


def draft(found: Draft) -> Draft:
    """``found`` with every text field free of lone surrogates (an unchanged draft is returned as is)."""
    changes: dict[str, Any] = {
        f.name: text(value)
        for f in dataclasses.fields(found)
        if isinstance(value := getattr(found, f.name), str) and _SURROGATE.search(value)
    }
    if any(_SURROGATE.search(k + v) for k, v in found.meta):
        changes["meta"] = tuple((text(k), text(v)) for k, v in found.meta)
    if any(_SURROGATE.search(w) for w in found.warnings):
        changes["warnings"] = tuple(text(w) for w in found.warnings)
    return dataclasses.replace(found, **changes) if changes else found


def error(exc: E) -> E:
    """``exc`` with its item named readably and its message and hint free of lone surrogates."""
    exc.item = path(exc.item)
    exc.hint = text(exc.hint)
    if any(isinstance(a, str) and _SURROGATE.search(a) for a in exc.args):
        exc.args = tuple(text(a) if isinstance(a, str) else a for a in exc.args)
    return exc
