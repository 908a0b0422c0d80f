"""Plain text files: decode bytes of unknown encoding safely, and read a text into a draft (its header as metadata)."""

from __future__ import annotations

import codecs
import contextlib
import logging
import re

import charset_normalizer
from charset_normalizer import CharsetMatch, CharsetMatches

from newsdesk.errors import ParseError
from newsdesk.ingest import header
from newsdesk.records import Draft, Format

__all__ = ["decode", "draft"]

log = logging.getLogger(__name__)

# Western code pages that short texts make ambiguous with Windows-1252: charset-normalizer may pick Baltic
# iso8859_13, or cp1257 once cp1252 quotes appear, for French "à". Central European, Cyrillic, Greek and Turkish
# code pages are not on the list: read as cp1252 they would be garbled.
_AMBIGUOUS_WITH_CP1252 = frozenset(
    {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "iso8859_13", "cp1257", "mac_roman"}
)


# Byte order marks, the longer first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Code pages with one byte a character, in which a file that also holds UTF-8 is garbled in part.
_SINGLE_BYTE = ("cp1", "cp4", "cp8", "iso8859", "latin", "mac_", "koi8", "kz1048", "ptcp154", "tis_620")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes, *, item: str) -> str:
    """Decode bytes of unknown encoding to text.

    Raises:
        ParseError: the bytes are empty, binary, or in no encoding that can be detected.
    """
    if not data.strip():
        raise ParseError("empty file", item=item, hint="nothing to ingest; remove it or fill it")
    head = data[:8192]
    for bom, codec in _BOMS:
        if data.startswith(bom):
            with contextlib.suppress(UnicodeDecodeError):
                text = data[len(bom) :].decode(codec)
                if not text.strip():
                    raise ParseError("empty file", item=item, hint="nothing to ingest; remove it or fill it")
                return text
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        wide = _wide(data)
        if wide is None:
            raise ParseError(
                "binary file, not text",
                item=item,
                hint="newsdesk reads .txt, .html, .jsonl and RSS/Atom; convert the file to text first",
            )
        return wide
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise ParseError(
            "undecodable bytes: no text encoding fits",
            item=item,
            hint="save the file as UTF-8 and ingest it again",
        )
    text = str(best)
    if _prefer_cp1252(best, matches):
        # Windows-1252 is by far the likeliest Western code page for news, so prefer it when it fits.
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode("cp1252")
    if best.coherence == 0 and len(text) > 200 and not any(ch.isspace() for ch in text[:4000]):
        # No known language and not one space: a random byte soup that happens to decode (often as cp949).
        raise ParseError(
            f"undecodable bytes: read as {best.encoding} they form no words",
            item=item,
            hint="save the file as UTF-8 and ingest it again",
        )
    letters = sum(ch.isalpha() for ch in text[:4000])
    if letters < 0.3 * len(text[:4000].strip() or "x"):
        raise ParseError(
            f"undecodable bytes: read as {best.encoding} it is mostly symbols",
            item=item,
            hint="save the file as UTF-8 and ingest it again",
        )
    encoding = "cp1252" if text is not str(best) else best.encoding
    if encoding.startswith(_SINGLE_BYTE) and _UTF8_SEQUENCE.search(data):
        # Not UTF-8 as a whole, yet with UTF-8 characters in it: pasted from two sources. One code page for all
        # of it garbles one part ("Ã©" for "é"), so say so rather than store it silently.
        log.warning(
            "%s: mixed encodings: part of the file is UTF-8 and part is not; read all of it as %s, so some "
            "characters may be garbled (save the file as UTF-8 and ingest it again)",
            item,
            encoding,
        )
    return text


def _wide(data: bytes) -> str | None:
    """The text of UTF-32 or UTF-16 without a byte order mark, told by where its NULs fall; None if it is not."""
    head = data[:8192]

    def nuls(offset: int, step: int) -> float:
        part = head[offset::step]
        return part.count(0) / len(part) if part else 0.0

    candidates = (
        ("utf-32-le", 4, nuls(3, 4) > 0.9 and nuls(2, 4) > 0.9 and nuls(0, 4) < 0.05),
        ("utf-32-be", 4, nuls(0, 4) > 0.9 and nuls(1, 4) > 0.9 and nuls(3, 4) < 0.05),
        # Latin text has a NUL in every other byte; Cyrillic or Greek only at spaces and punctuation.
        ("utf-16-le", 2, nuls(1, 2) > 0.1 and nuls(0, 2) < 0.05),
        ("utf-16-be", 2, nuls(0, 2) > 0.1 and nuls(1, 2) < 0.05),
    )
    for codec, width, fits in candidates:
        if not fits or len(data) % width:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        controls = sum(ch < " " and ch not in "\t\n\r\f" for ch in sample)
        if not controls and sum(ch.isalpha() for ch in sample) >= 0.5 * len(sample.strip() or "x"):
            return text
    return None


def _prefer_cp1252(best: CharsetMatch, matches: CharsetMatches) -> bool:
    """Whether to read the bytes as cp1252 rather than as charset-normalizer's best guess."""
    # could_be_from_charset lists the code pages that give the very same text as best.encoding (cp1257 for
    # iso8859_13, say), so a match on any of them counts.
    if _AMBIGUOUS_WITH_CP1252.intersection(best.could_be_from_charset) or best.encoding in _AMBIGUOUS_WITH_CP1252:
        return True
    return any(m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence for m in matches)


def draft(content: str, *, source: str, url: str | None = None) -> Draft:
    """A plain text as a draft: a header's fields as metadata (see :func:`header.split`), the text after it as text.

    A header's ``url`` wins over ``url`` (the address fetched), as a page's canonical URL does. A header value that
    cannot be read is logged as a warning, kept in the draft's ``warnings`` and ``meta``, and left unknown.

    Raises:
        ParseError: the file holds a header and nothing after it.
    """
    head = header.split(content)
    if head is None:
        return Draft(source=source, raw=content, text=content, format=Format.TEXT, url=url)
    if not head.body.strip():
        raise ParseError(
            "header only: no article text after the header",
            item=source,
            hint="write the article's text after the header and one blank line",
        )
    for warning in head.warnings:
        log.warning("%s: %s", source, warning)
    fields = dict(head.fields)
    return Draft(
        source=source,
        raw=content,
        text=head.body,
        format=Format.TEXT,
        url=fields.get("url") or url,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        byline=fields.get("byline"),
        published=fields.get("published"),
        meta=head.meta,
        warnings=head.warnings,
    )
