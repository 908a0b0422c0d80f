"""Plain text files: decode bytes of unknown encoding safely."""

from __future__ import annotations

import contextlib
import re

import charset_normalizer

from newsdesk.errors import ParseError

__all__ = ["decode"]

_SINGLE_BYTE_LATIN = re.compile(r"^(?:iso8859_(?:1|2|3|4|9|10|13|14|15|16)|cp125[0-8]|latin_1|mac_(?:roman|latin2))$")


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
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ParseError(
            "undecodable bytes: no text encoding fits",
            item=item,
            hint="save the file as UTF-8 and ingest it again",
        )
    text = str(best)
    if _SINGLE_BYTE_LATIN.match(best.encoding):
        # Short Western texts are ambiguous between Latin code pages (charset-normalizer may pick Baltic
        # iso8859_13 for French "à"); Windows-1252 is by far the likeliest for news, so prefer it when it fits.
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
