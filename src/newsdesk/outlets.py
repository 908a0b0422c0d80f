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

An outlet whose only key is shorter than three letters is compared as written. An agency's initials and its name
are one outlet too ("MPA" and "Meridian Press Agency", "PTI" and "Press Trust of India"): a name of three to six
capitalised words meets the initials they make, written as one word in capitals (:func:`links`); two names with the
same initials never meet by them ("American Broadcasting Company", "Australian Broadcasting Corporation"). See
docs/decisions/0069-an-outlet-is-one-spelling.md.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["Spellings", "is_domain", "keys", "links", "named"]

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


# Initials: a word in capitals of three to six letters ("MPA", "IANS"); a name's words as initials count, the small
# words of a name aside ("Press Trust of India": PTI), each capitalised and in lower case after its first letter
# (a name holding initials already, "ABC News Australia", makes none).
_INITIALS = re.compile(r"[A-Z]{3,6}")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*")
_SMALL_WORDS = frozenset({"the", "of", "and", "&", "for"})


def _initials(name: str) -> str | None:
    """The initials a name's words make ("Meridian Press Agency": ``mpa``; "Agence France-Presse": ``afp``), or None
    when it is no name of three to six capitalised words."""
    words = [w for w in name.split() if w.casefold() not in _SMALL_WORDS]
    if not words or not all(_NAME_WORD.fullmatch(w) for w in words):
        return None
    letters = "".join(part[0] for w in words for part in w.split("-")).casefold()
    return letters if 3 <= len(letters) <= 6 else None


def _written_as_initials(name: str) -> bool:
    return _INITIALS.fullmatch(name.strip()) is not None


@functools.lru_cache(maxsize=1 << 12)
def links(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """What ``name`` is filed under and what it is looked up by: its :func:`keys`, and, for initials ("MPA"), a key
    that a name making them ("Meridian Press Agency") looks up, and the other way round. A name's initials are never
    looked up by another name, so two names with the same initials stay two outlets."""
    name = name.strip()
    found = keys(name)
    if _written_as_initials(name):
        return found | {f"=initials:{name.casefold()}"}, found | {f"=name:{name.casefold()}"}
    made = _initials(name)
    if made is None:
        return found, found
    return found | {f"=name:{made}"}, found | {f"=initials:{made}"}


def _add(index: dict[str, set[str]], spelling: str) -> None:
    """File ``spelling`` under each of its keys in ``index``."""
    for key in links(spelling)[0]:
        index.setdefault(key, set()).add(spelling)


def _met(index: dict[str, set[str]], spelling: str) -> set[str]:
    """The spellings in ``index`` that ``spelling`` meets: by a key, or by initials that only one name there makes
    ("ABC" beside "American Broadcasting Company" and "Australian Broadcasting Corporation" meets neither)."""
    found: set[str] = set()
    for key in links(spelling)[1]:
        met = index.get(key, ())
        if not key.startswith("=") or len(met) == 1:
            found.update(met)
    return found


def named(cited: Iterable[str], stored: Iterable[str]) -> dict[str, str]:
    """Each of ``cited`` (outlets as articles credit them) by the name a stored outlet it meets goes by, where it is
    written as initials ("MPA": "Meridian Press Agency"); a stored domain is no name, and other spellings stay."""
    index: dict[str, set[str]] = {}
    for spelling in stored:
        if spelling and not is_domain(spelling) and not _written_as_initials(spelling):
            _add(index, spelling)
    out = {}
    for name in cited:
        met = _met(index, name) if _written_as_initials(name) else set()
        out[name] = min(met) if len(met) == 1 else name
    return out


def _rank(spelling: str, count: int, order: int) -> tuple[bool, bool, int, int]:
    """Sort key of the spelling to give: a name before a domain or initials, then the most articles, then the first
    met."""
    return (is_domain(spelling), _written_as_initials(spelling), -count, order)


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
        return _met(self._by_key, spelling)

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
                    pool = _met(fresh_by_key, outlet) | {outlet}
                    counts, ranks = fresh, order
                chosen[outlet] = min(pool, key=lambda s: _rank(s, counts[s], ranks[s]))
            spelling = chosen[outlet]
            out.append(spelling)
            if spelling not in self._stored:
                self._order[spelling] = len(self._order)
                _add(self._by_key, spelling)
            self._stored[spelling] += 1
        return out
