"""Whose a figure is: the named holder a claim says a figure of, and the year it dates the figure to.

Two reports giving two figures of one unit contradict each other only when the figures are of one thing. A story
holds many things alike: two bidders' offers a share ("Netflix agreed a $27.75 share price", "Paramount's offer values
Warner at $30 per share"), two polls ("a CNN poll found 46 percent", "the Fox survey put it at 50 percent"), a race
of a past year and this one ("the state was decided by less than one point in 2000"). :func:`owner` reads the
nearest named holder of a figure in its clause, before the figure:

- a possessive name right before the figure or before a noun that holds figures: "Netflix's $72bn buyout plan",
  "Paramount's offer values Warner at $30";
- a name used before such a noun: "a CNN poll found 46 percent", "the Paramount offer of $30";
- a name that agrees, offers, bids, pays, proposes or launches the figure: "Netflix agreed a $27.75 share price",
  "Paramount Skydance launched a bid, offering $74.4 billion".

:func:`year` reads the year a figure is said of ("by less than one point in 2000"); :func:`dated`, the event a date
is of ("the primary next month", "a survey in March": two things dated). A name that only reports the figure
("Reuters said", "according to the UN", "the UN's estimate of") holds nothing: two sources' figures of one fact
still contradict each other.
:func:`apart` says whether two figures are of two things by these readings; a figure with no holder or no year read
is of any (the comparison's other tests decide); a figure of a place named only by its kind before it ("win the
state, leading by 46 percent") is of a thing the claim does not name, apart from every other. Read from the text
alone and remembered by it.
"""

from __future__ import annotations

import functools
import re

from newsdesk.dates import MONTHS, WEEKDAYS

__all__ = ["apart", "dated", "owner", "year"]

# Nouns that hold figures of their own: an offer's price, a poll's shares, a deal's value.
_HOLDERS = (
    r"offers?|bids?|deals?|proposals?|polls?|polling|surveys?|plans?|buyouts?|takeovers?|acquisitions?|mergers?|"
    r"packages?|contracts?|budgets?"
)
# Verbs whose subject holds the figure they give: the bidder of a bid, the buyer of a price.
_AGENTS = (
    r"agree[sd]?|agreeing|offer(?:s|ed|ing)?|bids?|bidding|pa(?:ys?|id|ying)|propos(?:es?|ed|ing)|"
    r"launch(?:es|ed|ing)?"
)
_CAP = r"[A-Z][\w&.'’-]*"
_NAME = rf"{_CAP}(?:\s+(?:of\s+)?{_CAP})*"
_BEFORE = 160  # characters before a figure its holder is looked for in
# What ends a clause back from a figure: its holder is not looked for past it.
_CLAUSE = re.compile(r"[;:]|\s[\u2013\u2014-]\s|,\s+(?:while|but|whereas|although|though|which|who|when|where|as)\b")
_POSSESSED_FIGURE = re.compile(rf"({_NAME})['’]s\s+((?:[a-z-]+\s+){{0,2}})$")
# Nouns of a report of a fact: "the UN's estimate of 30 dead" is the UN's word on the toll, as "according to the UN"
# is, not a thing of the UN's.
_REPORTS = re.compile(r"\b(?:estimates?|estimated|counts?|tall(?:y|ies)|figures?|reckoning|calculations?|reports?)\b")
_POSSESSED_HOLDER = re.compile(rf"({_NAME})['’]s\s+(?:[a-z-]+\s+){{0,2}}(?:{_HOLDERS})\b")
_ATTRIBUTIVE = re.compile(rf"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+({_NAME})\s+(?:[a-z-]+\s+)?(?:{_HOLDERS})\b")
_AGENT = re.compile(rf"({_NAME})\s+(?:(?:has|have|had|will|would|is|was|also|then|now)\s+)*(?:{_AGENTS})\b")
# A passive ("Velmar was paid $5m", "Tessaro has been offered $30 a share"): the name before it is who receives the
# figure, not who gives it; the giver, if named, follows "by".
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:[a-z]+ly\s+)?(?:paid|offered|bid|proposed)\b"
)
_NOT_HOLDERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "it", "he", "she", "they"})
# Words of time written with a capital or a possessive ("Yesterday's offer", "Monday's bid", "January's deal"): when
# the figure was given, not who holds it.
_TIMES = frozenset(
    {"yesterday", "today", "tonight", "tomorrow", "last", "this", "next", "earlier", "later", "week", "month", "year",
     "morning", "afternoon", "evening", "weekend", *WEEKDAYS, *(m for m in MONTHS if m != "may")}
)  # fmt: skip
# A place or body named only by its kind ("win the state, leading by 46 percent", "in the county, 30 percent"): the
# sentence's subject was named in an earlier one, so the figure is of a thing this claim does not say. Not a
# possessive ("the city's worst fire" describes, it holds no figure), nor one named right after ("the state of Varn").
_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:state|county|city|country|province|district|region|constituency|precinct|municipality)\b"
    r"(?![’']s\b|\s+of\b|\s+[A-Z])"
)
_ANAPHORIC = frozenset({"=named before"})  # the holder of a figure of a thing named only before the claim
# A year a figure is of, right after it in its clause: "by less than one percentage point in 2000 and 2004".
_YEAR = re.compile(r"^(?:\s+[a-z-]+){0,3}\s+(?:in|during)\s+((?:19|20)\d\d)\b")


def _clause_before(text: str, at: int) -> str:
    before = text[max(0, at - _BEFORE) : at]
    cuts = [m.end() for m in _CLAUSE.finditer(before)]
    return before[cuts[-1] :] if cuts else before


def _key(name: str) -> frozenset[str]:
    words = [w.strip(".'’").casefold() for w in name.split()]
    return frozenset(w for w in words if w and w not in _NOT_HOLDERS and w not in _TIMES and w != "of")


@functools.lru_cache(maxsize=8192)
def owner(text: str, start: int) -> frozenset[str]:
    """The words of the nearest named holder of the figure at ``start`` of ``text`` (see the module), in its clause;
    empty where none is read."""
    clause = _clause_before(text, start)
    if _ANAPHOR.search(text[max(0, start - _BEFORE) : start]):
        return _ANAPHORIC
    best: tuple[int, str] | None = None
    possessed = _POSSESSED_FIGURE.search(clause)
    if possessed is not None and _REPORTS.search(possessed[2]):
        return frozenset()  # a source's word on the figure: it holds none of it
    if possessed is not None:
        best = (len(clause), possessed[1])
    else:
        for pattern in (_POSSESSED_HOLDER, _ATTRIBUTIVE, _AGENT):
            for m in pattern.finditer(clause):
                if pattern is _AGENT and _PASSIVE.search(m[0]):
                    continue  # "Velmar was paid $5m": Velmar receives the figure
                if best is None or m.end() > best[0]:
                    best = (m.end(), m[1])
    if best is None:
        return frozenset()
    name = best[1]
    if name.split()[0].casefold() in _NOT_HOLDERS:  # a sentence's first word: "The Post poll", "The deal has"
        name = " ".join(name.split()[1:])
    return _key(name)


@functools.lru_cache(maxsize=8192)
def year(text: str, end: int) -> str:
    """The year the figure ending at ``end`` of ``text`` is said of, written right after it ("one point in 2000");
    empty where none is."""
    m = _YEAR.match(text[end : end + 60])
    return m[1] if m else ""


# The things a date may be of, by class (a poll is a survey): the event named right before a date is what it dates.
_EVENTS = {
    "primary": "primary",
    "primaries": "primary",
    "caucus": "primary",
    "caucuses": "primary",
    "election": "election",
    "elections": "election",
    "vote": "election",
    "referendum": "election",
    "survey": "survey",
    "poll": "survey",
    "debate": "debate",
    "convention": "convention",
    "trial": "trial",
    "hearing": "trial",
    "summit": "meeting",
    "meeting": "meeting",
}
_DATED = re.compile(r"([a-z]+)(?:\s+(?:by|of|from|for)(?:\s+(?:the|a|an|its|their))?(?:\s+[\w-]+){1,2})?\s*$")


@functools.lru_cache(maxsize=8192)
def dated(text: str, start: int) -> str:
    """The class of the event a date at ``start`` of ``text`` dates: the event noun right before it, or before what
    names it ("the primary next month", "a survey by the organization in March"); empty where none is."""
    before = text[max(0, start - 60) : start]
    before = re.sub(r"\s+(?:in|on|at|during|of)\s*$", " ", before).rstrip()
    before = before[before.rfind(",") + 1 :]
    m = _DATED.search(before)
    return _EVENTS.get(m[1].casefold(), "") if m else ""


def apart(text_a: str, span_a: tuple[int, int], text_b: str, span_b: tuple[int, int]) -> bool:
    """Whether two figures (each a claim's text and the figure's span in it) are of two things: their holders are
    read and share no word ("Netflix" and "Paramount"; not "Paramount" and "Paramount Skydance"), or one is said of a
    year the other is not."""
    ya, yb = year(text_a, span_a[1]), year(text_b, span_b[1])
    if ya != yb:
        return True
    oa, ob = owner(text_a, span_a[0]), owner(text_b, span_b[0])
    if _ANAPHORIC in (oa, ob):
        return True  # one figure is of a thing named only in an earlier sentence: which, the claim does not say
    return bool(oa and ob and oa.isdisjoint(ob))
