"""Where an article's report comes from, in words: its origin group and the outlets it credits.

"Relays The Telegraph, which cites one source (Jane Roe)." An article page and ``newsdesk show`` say this
instead of listing ids. Every sentence is built from stored fields: ``cites`` (the outlets the article credits),
``duplicate_of``, ``origin`` and its origin group, and the quotes with the media they are credited ``via``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["credits", "describe", "origin"]

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _count(n: int, noun: str) -> str:
    """``one source``, ``2 sources`` becomes ``two sources``; words up to nine, then figures."""
    return f"{_NUMBERS[n] if n < len(_NUMBERS) else f'{n:,}'} {noun if n == 1 else noun + 's'}"


def _names(items: Sequence[str], limit: int = 3) -> str:
    """``A``, ``A and B``, ``A, B and C``, or ``A, B, C and 2 more``."""
    shown = list(items[:limit])
    rest = len(items) - len(shown)
    if rest:
        return f"{', '.join(shown)} and {rest} more"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _speakers(quotes: Iterable[dict[str, Any]]) -> list[str]:
    """The distinct speakers of ``quotes``, in the order they first speak, as first written ("Sources close to X"
    opening a sentence is "sources close to X" again); unattributed quotes are left out."""
    first: dict[str, str] = {}
    for q in quotes:
        if q.get("speaker"):
            first.setdefault(str(q["speaker"]).casefold(), str(q["speaker"]))
    return list(first.values())


def _same(name: str, outlet: str) -> bool:
    """Whether a speaker is the outlet itself ("the Courier", "a report in the Courier")."""
    own = outlet.casefold().removeprefix("the ").strip()
    return re.search(rf"(?<!\w){re.escape(own)}(?!\w)", name.casefold()) is not None


def _who(article: dict[str, Any]) -> str:
    outlet = article.get("outlet") or "an outlet not stated"
    day = (article.get("published") or "")[:10]
    return f"{outlet}{f' ({day})' if day else ''}"


def credits(cites: Sequence[str], quotes: Sequence[dict[str, Any]]) -> str:
    """What the article relays and whom it quotes itself, as one or two sentences.

    Each credited outlet is followed by the sources the article quotes through it (a quote ``via`` that outlet).
    """
    parts = []
    for outlet in cites:
        # "..., the Courier reported" credits the outlet; it is not a source the outlet cites.
        through = [s for s in _speakers(q for q in quotes if outlet in q.get("via", ())) if not _same(s, outlet)]
        parts.append(
            f"{outlet}, which cites {_count(len(through), 'source')} ({_names(through)})" if through else outlet
        )
    own = _speakers(q for q in quotes if not q.get("via"))
    sentences = []
    if len(parts) > 1 and any(", which" in p for p in parts):
        # Commas are taken by the clauses: the outlets are set apart with semicolons.
        sentences.append(f"Relays {'; '.join(parts[:-1])}; and {parts[-1]}.")
    elif parts:
        sentences.append(f"Relays {_names(parts, len(parts))}.")
    else:
        sentences.append("Credits no other outlet.")
    if own:
        sentences.append(f"Quotes {_count(len(own), 'source')} of its own ({_names(own)}).")
    elif quotes:
        sentences.append("Quotes no source of its own.")
    return " ".join(sentences)


def origin(article: dict[str, Any], group: Sequence[dict[str, Any]], copies: Sequence[dict[str, Any]]) -> str | None:
    """The article's place in its origin group (articles that tell one origin's report), or None before the
    origins stage has run on it.

    ``group`` is the other articles of its origin group, ``copies`` the articles that copy it.
    """
    if not article.get("origin"):
        return None
    by_id = {a["id"]: a for a in group}
    told = _count(len(group) + 1, "article")
    sentences = []
    if article.get("duplicate_of"):
        original = by_id.get(article["duplicate_of"])
        source = f" by {_who(original)}" if original else ""
        sentences.append(f"A copy of an article{source}.")
    if not group and article.get("ai_generated"):
        # It restates reports it does not name: never counted as an independent origin (decision 0064).
        sentences.append(
            "An AI-written aggregate: it restates reports it does not name, so it is not counted as an independent "
            "origin beside another."
        )
    elif not group:
        sentences.append("An independent report: no other article tells the same origin's report.")
    elif article["origin"] == article["id"]:
        sentences.append(f"The origin of its report: the first of {told} that tell it.")
    elif article["origin"] == article.get("duplicate_of"):
        sentences.append(f"One of {told} that tell that report.")
    else:
        first = by_id.get(article["origin"])
        sentences.append(
            f"One of {told} that tell one report, first published by {_who(first) if first else 'another'}."
        )
    if copies:
        sentences.append(f"Copied by {_count(len(copies), 'article')} ({_names([_who(c) for c in copies])}).")
    return " ".join(sentences)


def describe(
    article: dict[str, Any],
    quotes: Sequence[dict[str, Any]],
    group: Sequence[dict[str, Any]],
    copies: Sequence[dict[str, Any]],
) -> dict[str, str | None]:
    """``{"origin": ..., "credits": ...}``: :func:`origin` and :func:`credits` for one article summary."""
    return {"origin": origin(article, group, copies), "credits": credits(article.get("cites") or [], quotes)}
