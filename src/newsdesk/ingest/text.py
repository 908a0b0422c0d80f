"""Plain text files: decode bytes of unknown encoding safely."""

from __future__ import annotations

import contextlib

import charset_normalizer
from charset_normalizer import CharsetMatch, CharsetMatches

from newsdesk.errors import ParseError

__all__ = ["decode"]

# Western code pages that short texts make ambiguous with Windows-1252: charset-normalizer may pick Baltic
# iso8859_13, or cp1257 once cp1252 quotes appear, for French "à". Central European, Cyrillic, Greek and Turkish
# code pages are not on the list: read as cp1252 they would be garbled.
_AMBIGUOUS_WITH_CP1252 = frozenset(
    {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "iso8859_13", "cp1257", "mac_roman"}
)


def decode(data: bytes, *, item: str) -> str:
    """Decode bytes of unknown encoding to text.

    Raises:
        ParseError: the bytes are empty, binary, or in no encoding that can be detected.
    """
    if not data.strip():
        raise ParseError("empty file", item=item, hint="nothing to ingest; remove it or fill it")
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise ParseError(
            "binary file, not text",
            item=item,
            hint="newsdesk reads .txt, .html, .jsonl and RSS/Atom; convert the file to text first",
        )
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
    return text


def _prefer_cp1252(best: CharsetMatch, matches: CharsetMatches) -> bool:
    """Whether to read the bytes as cp1252 rather than as charset-normalizer's best guess."""
    # could_be_from_charset lists the code pages that give the very same text as best.encoding (cp1257 for
    # iso8859_13, say), so a match on any of them counts.
    if _AMBIGUOUS_WITH_CP1252.intersection(best.could_be_from_charset) or best.encoding in _AMBIGUOUS_WITH_CP1252:
        return True
    return any(m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence for m in matches)
