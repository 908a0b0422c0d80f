"""Words a full stop ends without ending the sentence: "Mr.", "Warner Bros.", "Nov.", an initial.

Each reader of sentences (claims, stances, the framing's examples) asks here, so that "Netflix agreed to buy Warner
Bros. Discovery's studios" stays one sentence wherever it is cut.
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "ends_no_sentence"]

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
    folded = word.casefold().rstrip(".").lstrip("“‘\"'(«[")
    return folded in _NEVER_LAST or (len(folded) == 1 and folded.isalpha())
