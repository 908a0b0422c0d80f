"""Article text cut into segments at quote, mention and cited-span boundaries, so a template can mark them.

The text is never turned into markup here: each segment is plain text plus what covers it, and the template
escapes the text as it writes each segment inside its own element.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

__all__ = ["segments"]


def segments(
    text: str,
    *,
    quotes: Iterable[dict[str, Any]] = (),
    mentions: Iterable[dict[str, Any]] = (),
    span: tuple[int, int] | None = None,
) -> list[dict[str, Any]]:
    """``text`` as consecutive segments ``{"text", "quote", "entity", "cited"}`` covering it exactly.

    ``quote`` is the id of the quote a segment lies in, ``entity`` the entity a mention names, and ``cited``
    whether it lies in ``span`` (a statement a brief or timeline points at). Spans outside the text are clipped.
    """
    marks: list[tuple[int, int, str, Any]] = []
    for quote in quotes:
        marks.append((quote["start"], quote["end"], "quote", quote.get("id") or f"{quote['start']}-{quote['end']}"))
    for mention in mentions:
        marks.append((mention["start"], mention["end"], "entity", mention["entity_id"]))
    if span is not None and span[1] > span[0]:
        marks.append((span[0], span[1], "cited", True))
    size = len(text)
    marks = sorted((max(0, s), min(size, e), kind, ref) for s, e, kind, ref in marks if e > s and s < size)
    cuts = sorted({0, size, *(s for s, *_ in marks), *(e for _, e, *_ in marks)})
    out: list[dict[str, Any]] = []
    # One sweep over the cuts: the marks covering a segment are those begun at or before it and not yet ended,
    # kept in their sorted order (the last of a kind wins, as before). Linear in the marks, not quadratic.
    active: list[tuple[int, int, str, Any]] = []
    following = iter(marks)
    pending = next(following, None)
    for a, b in itertools.pairwise(cuts):
        while pending is not None and pending[0] <= a:
            active.append(pending)
            pending = next(following, None)
        active = [m for m in active if m[1] >= b]
        covering = {kind: ref for _, _, kind, ref in active}
        piece = {"quote": covering.get("quote"), "entity": covering.get("entity"), "cited": "cited" in covering}
        if out and all(out[-1][k] == v for k, v in piece.items()):
            out[-1]["text"] += text[a:b]
        else:
            out.append({"text": text[a:b], **piece})
    return out
