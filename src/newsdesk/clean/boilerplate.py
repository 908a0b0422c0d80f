"""Page furniture: the lines and fragments that are not the article, and AI-aggregate disclaimers.

Everything removed is returned, so nothing is lost: the store keeps it beside the raw input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Stripped", "is_photo_credit", "strip"]

_I = re.IGNORECASE

# Whole paragraphs that are furniture wherever they stand.
_LINES = [
    re.compile(p, _I)
    for p in (
        r"^(?:also read|read also|read more|see also|more on this|recommended|watch|listen)\s*[|:>»].*$",
        r"^(?:show more|show less|read more|load more|continue reading|click here to read more)\W*$",
        r"^share (?:this|your thoughts|on)\b.{0,60}$",
        r"^share$",
        r"^(?:sign|log) ?in (?:to|for)\b.{0,60}$",
        r"^(?:sign up|subscribe)\b.{0,80}(?:newsletter|now|free|today|updates).{0,20}$",
        r"^advertisement$|^sponsored(?: content)?$|^skip to (?:main )?content$",
        r"^(?:leave a comment|\d+ comments?|comments?|post a comment)$",
        r"^(?:follow us on|follow .{1,40} on (?:twitter|x|facebook|instagram|telegram)).{0,60}$",
        r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))\s*.{0,120}$",
        r"^(?:all rights reserved)\.?$",
        r"^(?:photo|image|picture|foto|video|credit|source of image)s?\s*:\s*.{1,120}$",
    )
]

# A heading after which the rest of the page is lists of other articles.
_TAIL = re.compile(
    r"^(?:related(?: articles| stories| news| posts| content| coverage)?|more (?:stories|news|from [^.]{1,40})"
    r"|you (?:may|might) also like|recommended for you|most (?:read|popular|viewed)|read next"
    r"|trending(?: now)?|latest news|top stories)\s*:?$",
    _I,
)

# A disclaimer speaks of the text itself ("This content is AI-generated…", "This summary was written with AI"),
# so reporting about AI ("platforms must label AI-generated content") is not one.
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b", _I)
_AI_DISCLAIMER = re.compile(
    r"^(?:disclaimer:\s*|note:\s*|editor'?s note:\s*)?(?:this|the following) (?:content|article|summary|story|text|"
    r"report|piece) (?:is|was|has been)\s+(?:\w+\s+){0,2}"
    r"(?:ai[- ]generated|generated (?:by|using|with)|written (?:by|with|using)|produced (?:by|with|using)|"
    r"compiled (?:by|with|using)|summari[sz]ed (?:by|with|using))"
    r"(?:\s+(?:an?\s+)?(?:ai|artificial intelligence|a language model|large language model)\b)?",
    _I,
)

# Fragments glued to a body paragraph: a promo in front, a button label behind.
_PREFIXES = [re.compile(r"^no time\? .{1,60}? summari[sz]es for you\s+", _I)]
# A wire agency's sign-off, its desk's initials after its name, after the last sentence or alone: "... on September
# 21. PTI KHS AH" (written in capitals: "told PTI" ends no sentence so).
_SIGN_OFF = r"(?:PTI|IANS|ANI|UNI)(?: [A-Z]{2,4}){1,4}"
_SUFFIXES = [
    re.compile(r"\s+(?:show more|show less|read more|continue reading)\W{0,3}$", _I),
    re.compile(rf"(?<=[.!?”\"’'])\s+{_SIGN_OFF}$"),
]
_SIGNED_OFF = re.compile(rf"^{_SIGN_OFF}$")

# "… reach out to Putin. Jae C. Hong/AP/dpa": a caption ending in a photographer/agency credit.
_CREDIT_TAIL = re.compile(
    r"(?:^|(?<=[.!?”\"]) )(?:\(?(?i:photo|image|picture|foto)(?: by)?:? )?"
    r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4}(?:/[A-Za-z][\w.-]*(?: [A-Z][\w.-]*)?){1,3}\)?$"
)
_CREDIT_WORDS = re.compile(r"\b(?:getty images|shutterstock|reuters|ap photo|afp|dpa|epa|imago|keystone)\b", _I)
_HAS_WORD = re.compile(r"[^\W_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Stripped:
    """Clean paragraphs, the furniture removed from them, and whether an AI disclaimer was found."""

    paragraphs: list[str]
    removed: list[str]
    ai_generated: bool


def is_photo_credit(paragraph: str) -> bool:
    """True for a caption line that ends in a photographer/agency credit, such as ``Name/AP/dpa``."""
    if len(paragraph) > 300 or "/" not in paragraph:  # the pattern's credit holds a slash: most text has none
        return False
    match = _CREDIT_TAIL.search(paragraph)
    if match is None:
        return False
    # A credit names a photographer and an agency ("Jae C. Hong/AP/dpa") or a known picture desk.
    return "/" in match.group(0) or _CREDIT_WORDS.search(match.group(0)) is not None


def _is_prompt(paragraph: str) -> bool:
    """Furniture prompts are short or unpunctuated; a sentence that starts like one ("Watch: officials will
    brief the press at noon, the mayor said.") is body text."""
    return len(paragraph.split()) <= 8 or not re.search(r"[.!?][\"”’')]*$", paragraph)


def _is_link_list(rest: list[str]) -> bool:
    """What follows a "Related"/"Latest news" heading is a list of headlines, not paragraphs of the story:
    at least two short items, none reporting speech ("…, officials said")."""
    return len(rest) >= 2 and all(len(p.split()) <= 40 and not _REPORTED.search(p) for p in rest)


def strip(paragraphs: Iterable[str], *, also: Iterable[int] = ()) -> Stripped:
    """Remove furniture from ``paragraphs``.

    Args:
        paragraphs: the article's paragraphs, already normalised.
        also: positions of paragraphs known to be furniture (header lines read as metadata).
    """
    known = set(also)
    kept: list[str] = []
    removed: list[str] = []
    ai = False
    items = list(paragraphs)
    for index, para in enumerate(items):
        if index in known:
            removed.append(para)
            continue
        if _TAIL.match(para) and index > 0 and _is_link_list(items[index + 1 :]):
            removed.extend(items[index:])
            break
        if (
            _AI_DISCLAIMER.search(para)
            and len(para) < 400
            and re.search(r"\b(?:ai|artificial intelligence|language model)\b|ai-generated", para, _I)
        ):
            ai = True
            removed.append(para)
            continue
        if (
            not _HAS_WORD.search(para)
            or (_is_prompt(para) and any(p.match(para) for p in _LINES))
            or is_photo_credit(para)
            or _SIGNED_OFF.match(para)
        ):
            removed.append(para)
            continue
        for pattern in _PREFIXES:
            m = pattern.match(para)
            if m:
                removed.append(m.group(0).strip())
                para = para[m.end() :]
        for pattern in _SUFFIXES:
            m = pattern.search(para)
            if m:
                removed.append(m.group(0).strip())
                para = para[: m.start()]
        if para:
            kept.append(para)
    return Stripped(paragraphs=kept, removed=removed, ai_generated=ai)
