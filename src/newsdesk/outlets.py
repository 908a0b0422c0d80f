"""One outlet, one spelling: a site's domain and its name ("velorialedger.example", "Veloria Ledger") as one.

A text file states its outlet as the line its page printed (often the site's domain); an HTML page, by its
``og:site_name`` (the name); a feed, by its channel's title. Stored as written, one outlet would be counted as two
(in the outlets list, a story's outlets, the framing), which an analyst reads as two outlets telling the story.
Before articles are stored, :class:`Spellings` gives each one the spelling the store already holds for its outlet:

- two spellings are one outlet when their keys meet: a name's letters and digits, case-folded, without a leading
  "the" ("The Veloria Ledger" -> ``velorialedger``), or a domain's labels (``edition.cnn.com`` -> ``cnn``,
  ``edition``; ``theguardian.com`` -> ``theguardian``, ``guardian``), its top-level and generic second-level labels
  (``com``, ``co``, ``uk``) left out;
- a spelling the store already holds is kept (stored articles are never rewritten), a name before a domain, then the
  one most articles have; among spellings new to the store, a name before a domain, then the most articles, then the
  first met.

An outlet whose only key is shorter than three letters is compared as written. See
docs/decisions/0069-an-outlet-is-one-spelling.md.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["Spellings", "is_domain", "keys"]

_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")
# Labels of a domain that name no outlet: its host prefix and generic second-level labels ("bbc.co.uk").
_GENERIC = frozenset({"www", "m", "amp", "mobile", "co", "com", "org", "net", "gov", "ac", "edu", "news"})
_MIN_KEY = 3


def is_domain(name: str) -> bool:
    """Whether ``name`` is written as a domain ("harbourgazette.example", "www.bbc.co.uk")."""
    return _DOMAIN.match(name.strip().casefold()) is not None


def _squashed(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


# Asked of each support row's outlet by corroboration: a store's outlets are few, so each is worked out once.
@functools.lru_cache(maxsize=1 << 12)
def keys(name: str) -> frozenset[str]:
    """What ``name`` is compared by: a name's squashed letters without a leading "the"; a domain's labels, each also
    without a leading "the" (none shorter than three letters)."""
    name = name.strip()
    if is_domain(name):
        labels = name.casefold().split(".")[:-1]
        found = set()
        for label in labels:
            if label in _GENERIC:
                continue
            squashed = _squashed(label)
            found.add(squashed)
            if squashed.startswith("the"):
                found.add(squashed[3:])
        return frozenset(k for k in found if len(k) >= _MIN_KEY)
    bare = re.sub(r"^the\s+", "", name.casefold())
    squashed = _squashed(bare)
    return frozenset({squashed}) if len(squashed) >= _MIN_KEY else frozenset()


def _add(index: dict[str, set[str]], spelling: str) -> None:
    """File ``spelling`` under each of its keys in ``index``."""
    for key in keys(spelling):
        index.setdefault(key, set()).add(spelling)


def _rank(spelling: str, count: int, order: int) -> tuple[bool, int, int]:
    """Sort key of the spelling to give: a name before a domain, then the most articles, then the first met."""
    return (is_domain(spelling), -count, order)


class Spellings:
    """The outlets a store holds, by key, and the spelling each new article's outlet is given.

    ``stored`` maps each spelling the store holds to its number of articles.
    """

    def __init__(self, stored: Mapping[str, int] | None = None) -> None:
        self._stored: Counter[str] = Counter({s: n for s, n in (stored or {}).items() if s})
        self._order: dict[str, int] = {s: i for i, s in enumerate(self._stored)}
        self._by_key: dict[str, set[str]] = {}
        for spelling in self._stored:
            _add(self._by_key, spelling)

    def _meeting(self, spelling: str) -> set[str]:
        return {s for key in keys(spelling) for s in self._by_key.get(key, ())}

    def resolve(self, outlets: Iterable[str | None]) -> list[str | None]:
        """The spelling each of ``outlets`` (one a new article, in order) is stored under; the store then holds them.

        A spelling the store holds wins over every new one; new ones met together (one batch) settle on one.
        """
        given = list(outlets)
        fresh: Counter[str] = Counter(o for o in given if o and o not in self._stored)
        order = {s: len(self._order) + i for i, s in enumerate(fresh)}
        fresh_by_key: dict[str, set[str]] = {}
        for spelling in fresh:
            _add(fresh_by_key, spelling)
        chosen: dict[str, str] = {}
        out: list[str | None] = []
        for outlet in given:
            if not outlet:
                out.append(outlet)
                continue
            if outlet not in chosen:
                stored = self._meeting(outlet) | ({outlet} if outlet in self._stored else set())
                if stored:
                    pool, counts, ranks = stored, self._stored, self._order
                else:
                    pool = {s for key in keys(outlet) for s in fresh_by_key.get(key, ())} | {outlet}
                    counts, ranks = fresh, order
                chosen[outlet] = min(pool, key=lambda s: _rank(s, counts[s], ranks[s]))
            spelling = chosen[outlet]
            out.append(spelling)
            if spelling not in self._stored:
                self._order[spelling] = len(self._order)
                _add(self._by_key, spelling)
            self._stored[spelling] += 1
        return out
