"""Words a full stop ends without ending the sentence: "Mr.", "U.S.", "Warner Bros.", "Nov.".

Each reader of sentences (claims, stances, the framing's examples) asks here, so that "Netflix agreed to buy Warner
Bros. Discovery's studios" stays one sentence wherever it is cut.
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "ends_no_sentence"]

# Lower case, without their last full stop.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt rep sen gov u.s u.k u.n e.u no vs etc inc ltd co corp bros "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def ends_no_sentence(word: str) -> bool:
    """Whether ``word``, the word a full stop follows (with or without that stop, in any case), is an
    abbreviation or an initial ("J. Wong"), after which the sentence goes on."""
    folded = word.casefold().rstrip(".")
    return folded in ABBREVIATIONS or len(folded) == 1
