"""Metadata headers of plain-text files: YAML-style front matter, or ``key: value`` lines at the very top.

Exporters often write a text file as ``title: …``, ``outlet: …``, ``date: …`` lines, a blank line, then the
article. :func:`split` reads such a header into draft fields (known keys) and ``meta`` (every other key), and
gives the text after it. It never reads a real first paragraph ("Washington: The senate voted …") as a header:
see the rules on :func:`split`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsdesk.dates import parse_date

__all__ = ["KNOWN", "Header", "split"]

# Header keys (lower case, spaces and hyphens read as "_") that state a draft field.
KNOWN = {
    **dict.fromkeys(("title", "headline"), "title"),
    **dict.fromkeys(("outlet", "source", "publisher", "site", "site_name"), "outlet"),
    **dict.fromkeys(("date", "published", "published_at", "pubdate", "datetime"), "published"),
    **dict.fromkeys(("url", "link", "canonical", "canonical_url"), "url"),
    **dict.fromkeys(("author", "byline", "by"), "byline"),
}
# A lone "Source: Reuters" or "BYLINE: Amber Phillips." opens many pasted and archived texts as a label, not as an
# exporter's header (PolNeAR has two); cleaning reads such lines as before. One line alone is a header only when it
# states what identifies an article.
_ONE_LINE_FIELDS = frozenset({"title", "published", "url"})
_NOT_STATED = frozenset({"", "unknown", "none", "n/a", "null"})
_MAX_LINES = 40  # a header longer than this is a document, not a header
_MAX_WORDS = 40  # a value longer than the longest headline (clean/metadata.py) is prose: "Update: The senate …"
# A key line of a ``key: value`` block: a short identifier, a colon, then a value on the same line.
_BLOCK_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,30}):\s*(\S.*)$")
# In front matter, which its ``---`` lines delimit, the value may be empty (a list or nested lines follow).
_FRONT_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,30}):(.*)$")
_LIST_ITEM = re.compile(r"^\s*-\s+(.*)$")
_BY = re.compile(r"^by\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Header:
    """What a text file's header states, and the text after it.

    ``fields`` maps draft fields (``title``, ``outlet``, ``published``, ``url``, ``byline``) to their stated
    values; ``meta`` holds every other key, in order, lower-cased; ``warnings`` names header lines whose value
    could not be read (they stay in ``meta`` as written, and the field stays unknown).
    """

    fields: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]
    body: str


def split(content: str) -> Header | None:
    """The header at the top of ``content`` and the text after it, or None when it has none.

    A header is either front matter (a first line ``---``, ``key: value`` lines, a closing ``---``) or a
    block of ``key: value`` lines at the very top that ends at a blank line (or at the end of the file), in
    which every line is a short key (a letter, then up to 30 letters, digits, spaces, ``_`` or ``-``), a colon
    and a value of at most 40 words, and at least one key is a known metadata key (:data:`KNOWN`). A block of one
    line must state a title, a date or a URL.
    """
    lines = content.splitlines(keepends=True)
    if lines and lines[0].startswith("\ufeff"):  # a byte order mark that a declared charset left in place
        lines[0] = lines[0][1:]
    if not lines:
        return None
    if lines[0].strip() == "---":
        return _front_matter(lines)
    return _block(lines)


def _front_matter(lines: list[str]) -> Header | None:
    end = next((i for i in range(1, min(len(lines), _MAX_LINES + 2)) if lines[i].strip() == "---"), None)
    if end is None:
        return None
    pairs: list[list[str]] = []
    for line in lines[1:end]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0].isspace() or stripped.startswith("- "):
            # A YAML list item or a wrapped value continues the key above it.
            if not pairs:
                return None
            item = _LIST_ITEM.match(line)
            joiner = ", " if item and pairs[-1][1] else " "
            pairs[-1][1] = f"{pairs[-1][1]}{joiner}{item.group(1) if item else stripped}".strip(", ")
        elif m := _FRONT_LINE.match(stripped):
            pairs.append([m.group(1), m.group(2).strip()])
        else:
            return None  # "---" around prose: a rule line, not front matter
    if not pairs:
        return None
    return _header([(k, v) for k, v in pairs], lines[end + 1 :])


def _block(lines: list[str]) -> Header | None:
    pairs: list[tuple[str, str]] = []
    for line in lines[: _MAX_LINES + 1]:
        if not line.strip():
            break
        m = _BLOCK_LINE.match(line.rstrip("\r\n"))
        if m is None or len(m.group(2).split()) > _MAX_WORDS:
            return None
        pairs.append((m.group(1), m.group(2)))
    if len(pairs) > _MAX_LINES or not any(_known(key) for key, _ in pairs):
        return None
    if len(pairs) == 1 and _known(pairs[0][0]) not in _ONE_LINE_FIELDS:
        return None
    return _header(pairs, lines[len(pairs) :])


def _known(key: str) -> str | None:
    return KNOWN.get(re.sub(r"[\s-]+", "_", key.strip().lower()))


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _header(pairs: list[tuple[str, str]], rest: list[str]) -> Header:
    fields: dict[str, str] = {}
    meta: dict[str, str] = {}
    warnings: list[str] = []
    for key, raw in pairs:
        name = " ".join(key.split()).lower()
        value = _unquote(raw)
        field = _known(key)
        if field is not None and value.lower() in _NOT_STATED:
            continue  # "date: unknown" states nothing
        if field is not None and field not in fields:
            read = _read(field, value)
            if read is not None:
                fields[field] = read
                continue
            what = "a date newsdesk can read" if field == "published" else "an http(s) URL"
            warnings.append(f"header {name}: {value!r} is not {what}; {field} left unknown")
        # Unknown keys, a second key for a field already stated, and values that could not be read: kept
        # as stated, as metadata, never as text. A repeated key keeps its first value.
        meta.setdefault(name, value)
    # The body starts after the header and the blank lines that close it.
    while rest and not rest[0].strip():
        rest = rest[1:]
    return Header(fields=tuple(fields.items()), meta=tuple(meta.items()), warnings=tuple(warnings), body="".join(rest))


def _read(field: str, value: str) -> str | None:
    if field == "published":
        return parse_date(value)
    if field == "url":
        parts = urlsplit(value)
        return value if parts.scheme.lower() in ("http", "https") and parts.netloc and " " not in value else None
    if field == "byline":
        return _BY.sub("", value) or None
    return value
