"""The tokens of a parse a rule looks at, picked from the Doc's arrays of tags and word forms.

A rule about speech verbs, stance nouns or "reportedly" reads a few words in a hundred, but a loop over the Doc
makes a Token object of every word and asks each its tag: in the quotes stage those walks cost more than the rules
(seven of them over each article). :func:`where` reads the coarse tags and lower-case forms of the whole Doc at
once (``Doc.to_array``) and makes a Token of the words that may match only; the rule still checks each as before.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["where"]


def where(doc: Doc, *, pos: frozenset[str] = frozenset(), lower: frozenset[str] = frozenset()) -> Iterator[Token]:
    """The tokens of ``doc``, in text order, whose coarse part of speech (``Token.pos_``) is one of ``pos`` or
    whose lower-case form (``Token.lower_``) is one of ``lower``."""
    if not len(doc) or not (pos or lower):
        return
    import numpy as np

    arrays = doc.to_array(["POS", "LOWER"])
    keep = np.zeros(len(doc), dtype=bool)
    if pos:
        keep |= np.isin(arrays[:, 0], _pos_ids(pos))
    if lower:
        keep |= np.isin(arrays[:, 1], _hashes(lower))
    for i in np.flatnonzero(keep).tolist():
        yield doc[i]


@functools.lru_cache(maxsize=64)
def _pos_ids(tags: frozenset[str]) -> Any:
    import numpy as np
    from spacy.parts_of_speech import IDS

    return np.array(sorted(IDS[tag] for tag in tags), dtype=np.uint64)


@functools.lru_cache(maxsize=64)
def _hashes(words: frozenset[str]) -> Any:
    # A Doc's LOWER array holds the string store's hash of each lower-case form, the same for every vocabulary.
    import numpy as np
    from spacy.strings import get_string_id

    return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)
