"""Words a full stop ends without ending the sentence: "Mr.", "Warner Bros.", "Nov.", an initial, a country's
initials before an office ("U.S. Ambassador").

Each reader of sentences (claims, stances, the framing's examples) asks here, so that "Netflix agreed to buy Warner
Bros. Discovery's studios" stays one sentence wherever it is cut.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "ends_no_sentence", "goes_on", "word_after"]

# Lower case, without their last full stop. After these a full stop never ends a sentence in news copy: titles,
# "Bros." and months ("on Nov. 5").
_NEVER_LAST = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt rep sen gov bros "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# With these, which a sentence may well end on ("... invest in the U.S. Trump said"): what claims read as one
# sentence, where a clause cut short loses less than one run on.
ABBREVIATIONS = _NEVER_LAST | frozenset("u.s u.k u.n e.u no vs etc inc ltd co corp".split())


def ends_no_sentence(word: str) -> bool:
    """Whether ``word``, the word a full stop follows (with or without that stop, in any case), is a title, "Bros."
    or a month, or an initial ("J. Wong"), after which the sentence goes on. Not "U.S." or "Inc.", which end
    sentences as often as not, nor a digit ("on November 5. Trump said"). An opening mark before it is no part of it
    ("“Mr. Roe refused ...")."""
    folded = _folded(word)
    return folded in _NEVER_LAST or (len(folded) == 1 and folded.isalpha())


def _folded(word: str) -> str:
    """``word`` in lower case, without its last full stop or an opening mark before it."""
    return word.casefold().rstrip(".").lstrip("“‘\"'(«[")


# Titles, which stand before a name: a sentence never ends on one.
_TITLES = frozenset("mr mrs ms dr prof gen col lt sgt rep sen gov".split())
# Words that open sentences and are never part of a name: after "Bros.", "Jr.", "St.", a month or an initial one of
# them tells that the sentence ended there ("... backed Plan B. On 5 December ..."). Not "A" or "I" (initials).
_OPENERS = frozenset(
    "the an on in at by for from of to after before as since when while during but and or so yet if then there also "
    "this that these those it its he she they we his her their our last next earlier later meanwhile however".split()
)


# The words of an office, which news writes after a country's or a body's initials ("U.S. Ambassador Jon Vek", "U.N.
# Secretary-General", "U.K. Prime Minister", "U.S. District Judge"): a sentence that ends on "the U.S." is followed by
# one that opens otherwise ("He", "The", "While", a name), so before these the initials' stop ends none.
_OFFICES = frozenset(
    "ambassador envoy president vice secretary senator sen rep representative congressman congresswoman minister "
    "prime foreign defense defence deputy special attorney trade treasury commander general gen admiral judge district "
    "spokesman spokeswoman spokesperson chief".split()
)
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "u.s", "u.n", "e.u" (folded: no last stop)


def goes_on(word: str, following: str) -> bool:
    """Whether a sentence goes on past the full stop after ``word`` (:func:`ends_no_sentence`'s word) when ``following``
    is the next word: always after a title ("Dr. Anna Vell"); after "Bros.", "Jr.", "St.", a month's abbreviation or
    an initial only when ``following`` is no word that opens sentences ("Warner Bros. Discovery", "J. Orme", but not
    "... backed Plan B. On 5 December", "... King Jr. The", "... moved to Jan. The"), for a sentence may end there;
    after initials ("U.S.", "U.N.") only before an office (:data:`_OFFICES`: "U.S. Ambassador Jon Vek said", but not
    "... to enter the U.S. The proposal ..." nor "... in Washington D.C. He said")."""
    folded = _folded(word)
    if _INITIALS.fullmatch(folded):
        return following.casefold() in _OFFICES
    return folded in _TITLES or (ends_no_sentence(word) and following.casefold() not in _OPENERS)


_NEXT_WORD = re.compile(r"\s*[\"“‘(]?([^\W\d_]*)")


def word_after(text: str, at: int) -> str:
    """The word of ``text`` after ``at``, past white space and an opening mark ("On", "Discovery", "Ambassador"), the
    ``following`` that :func:`goes_on` asks about; "" when a figure or a mark comes first."""
    found = _NEXT_WORD.match(text, at)
    return found.group(1) if found else ""
