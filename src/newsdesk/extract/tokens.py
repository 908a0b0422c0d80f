"""The tokens of a parse a rule looks at, picked from the Doc's arrays of tags and word forms.

A rule about speech verbs, stance nouns or "reportedly" reads a few words in a hundred, but a loop over the Doc
makes a Token object of every word and asks each its tag: in the quotes stage those walks cost more than the rules
(seven of them over each article). :func:`where` reads the coarse tags and lower-case forms of the whole Doc at
once (``Doc.to_array``) and makes a Token of the words that may match only; the rule still checks each as before.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["governing", "indexes", "lower_ids", "where"]


def where(doc: Doc, *, pos: frozenset[str] = frozenset(), lower: frozenset[str] = frozenset()) -> Iterator[Token]:
    """The tokens of ``doc``, in text order, whose coarse part of speech (``Token.pos_``) is one of ``pos`` or
    whose lower-case form (``Token.lower_``) is one of ``lower``."""
    for i in indexes(doc, pos=pos, lower=lower):
        yield doc[i]


def indexes(doc: Doc, *, pos: frozenset[str] = frozenset(), lower: frozenset[str] = frozenset()) -> list[int]:
    """The positions of the tokens :func:`where` gives, in text order, without making a Token of any."""
    if not len(doc) or not (pos or lower):
        return []
    import numpy as np

    arrays = _arrays(doc)
    keep = np.zeros(len(doc), dtype=bool)
    if pos:
        keep |= _member(arrays[:, 0], _pos_ids(pos))
    if lower:
        keep |= _member(arrays[:, 1], _hashes(lower))
    found: list[int] = np.flatnonzero(keep).tolist()
    return found


def governing(doc: Doc, dep: str) -> set[int]:
    """The positions of the tokens of ``doc`` with a child whose dependency label (``Token.dep_``) is ``dep``: the
    heads of those children, read from the Doc's arrays without making a Token of any."""
    if not len(doc):
        return set()
    import numpy as np
    from spacy.strings import get_string_id

    arrays = doc.to_array(["DEP", "HEAD"])  # HEAD: the offset from each token to its head
    at = np.flatnonzero(arrays[:, 0] == np.uint64(get_string_id(dep)))
    heads: set[int] = set((at + arrays[at, 1].astype(np.int64)).tolist())
    return heads


def lower_ids(doc: Doc, found: list[int]) -> list[int]:
    """The string store's hash of the lower-case form (``Token.lower``) of each token at the positions ``found``,
    read from the Doc's arrays without making a Token of any."""
    if not found:
        return []
    ids: list[int] = _arrays(doc)[found, 1].tolist()
    return ids


# The arrays of the last Doc asked about (a weak reference to it, and its arrays): the rules of one article ask of
# the same Doc several times in a row.
_last: tuple[weakref.ref[Doc], Any] | None = None


def _arrays(doc: Doc) -> Any:
    """``doc``'s coarse tags and lower-case forms (``Doc.to_array``), read once for the rules asking in a row."""
    global _last
    last = _last
    if last is not None and last[0]() is doc:
        return last[1]
    arrays = doc.to_array(["POS", "LOWER"])
    _last = (weakref.ref(doc), arrays)
    return arrays


def _member(values: Any, ids: Any) -> Any:
    """Which of ``values`` are in ``ids`` (sorted, not empty), as ``numpy.isin`` says, by bisection: ``isin``
    sorts both arrays on each call, which cost more than the rules it picks words for."""
    import numpy as np

    at = np.searchsorted(ids, values)
    at[at == len(ids)] = 0
    return ids[at] == values


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
