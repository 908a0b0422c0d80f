"""Entities across the corpus: the surface forms of one person, organisation or place merged into one record.

"Zelensky", "Zelenskyy", "Zelenskyi", "Vladimir Zelensky" and "Volodymyr Zelensky" are one person; "Yermak" and
"Jermak", "Umerov" and "Umjerow", "Zaporizhzhia" and "Zaporizhzhya" are the same names transliterated
differently; "theTelegraph" is "The Telegraph" with a space lost. Names are compared on a transliteration
skeleton (see :func:`skeleton`) with a similarity floor. Different people are never merged on a shared first
name: two full names must agree on the surname and have compatible first names, and a bare surname goes to the
person of that surname named in the same article, else to the corpus's most mentioned one.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import gc
import hashlib
import itertools
import operator
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, TypeVar, cast

from newsdesk import countries
from newsdesk.extract import attributions, context
from newsdesk.records import Article, Entity, Mention, Quote, SpeakerKind

__all__ = [
    "KIN",
    "PARTICLES",
    "STATE_BODIES",
    "Linker",
    "contains",
    "family_first",
    "is_title",
    "kept_out_of_collections",
    "people_word",
    "same_name",
    "same_office",
    "skeleton",
    "sound",
]

_TITLES = re.compile(
    r"^(?:(?:the|president|vice|prime|minister|mr|mrs|ms|dr|sens?|senator|reps?|gov|governor|gen|general|king|"
    r"queen|prince|pope|chancellor|secretary|envoy|speaker|judge|justice|sir|lady|lord|congressman|congresswoman|"
    r"professor|prof|coach|pastor|captain|capt|rev|reverend|father|rabbi|imam|sheikh|detective|sergeant|sgt|"
    r"lieutenant|lt|colonel|col|admiral|adm|commander|ambassador|mayor|councillor|councilman|councilwoman|"
    r"chairman|chairwoman|bishop|cardinal|archbishop|inspector|constable)\.?\s+)+",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z’'-]*")
# (Opened by its first letter, what stands before it tested then, see ``cluster.rewrites._NUMBER``: the matches of
# ``(?<![\w’'-])[A-Z][a-zà-ÿ]{3,}(?![\w-])``.)
_CAPITALISED = re.compile(r"[A-Z](?<![\w’'-][A-Z])[a-zà-ÿ]{3,}(?![\w-])")
# A capitalised word and one space ending just before a position (``search(text, 0, position)``).
_BEFORE = re.compile(r"(?<![\w’'.-])([A-Z][\w’'-]*) $")
# How far before a position :func:`_word_before` first looks for that word.
_BEFORE_REACH = 64


def _word_before(text: str, end: int) -> re.Match[str] | None:
    """``_BEFORE.search(text, 0, end)``, reading only the letters just before ``end``. A match ends at ``end`` (its
    space the last letter, or the one before a last line break, where ``$`` also matches), and its word opens where
    the run of word letters ending at its space opens (a word letter before any later capital fails the lookbehind):
    there is one match at most. A search from ``end - _BEFORE_REACH`` (the lookbehind still reads the letter before
    it) finds it, unless the run reaches further back, that is no space of any kind lies between there and the
    match's space: then the whole text is searched, as before (decision 0041, revision of 2026-12-05, evening)."""
    start = end - _BEFORE_REACH
    if start <= 0:
        return _BEFORE.search(text, 0, end)
    found = _BEFORE.search(text, start, end)
    if found is None and _SPACE.search(text, start, end - 2) is None:
        return _BEFORE.search(text, 0, end)
    return found


# Places are written as GPE or LOC by the model, and sometimes as ORG ("Kyiv said"): those may meet.
_COMPATIBLE = {"PERSON": {"PERSON"}, "ORG": {"ORG"}, "GPE": {"GPE", "LOC"}, "LOC": {"GPE", "LOC"}, "NORP": {"NORP"}}
_SIMILAR = 0.85
# A person known from this many articles is known by a name that opens another: the shorter form of it joins them.
_ESTABLISHED = 2
_PLACE_OR_BODY = ("ORG", "GPE", "LOC")
_ACRONYMS = ("ORG", "GPE")
# The kinds a country's mention has.
_COUNTRY_KINDS = frozenset({"GPE", "LOC"})
# Words that open or end many organisations' names, too common to stand alone for one: "the House" is not the
# White House, "the Times" not the Financial Times.
_GENERIC_PARTS = frozenset(
    "house senate congress court justice party committee department ministry office council commission agency "
    "union association group company bank times post news press herald journal national international united "
    "american british european federal state states new white republican democratic foundation institute "
    "university college school city county the of".split()
)


# Patterns of :func:`skeleton` and :func:`sound`, compiled once: both are asked for every word of every name the
# Linker is built from, more words than their caches hold in a large store.
_TS = re.compile(r"t[sz](?=[aeiouy])")
_JE = re.compile(r"(?<=[^aeiouy])[jy](?=[aeiou])")
_DOUBLED = re.compile(r"(.)\1+")
# Any run of one character (a line break too), each replaced by its first character (``operator.itemgetter(1)``, a
# function of C: no template expanded for each run).
_RUNS = re.compile(r"(.)\1+", re.DOTALL)
_FIRST = operator.itemgetter(1)
# Words (and names run together) remembered by those caches: a store of 50,000 articles holds a few hundred thousand.
_WORDS_CACHED = 1 << 19
# How many index entries an entity's place in the store's order holds (a Linker's places are that place times this,
# plus the entry's number among the entity's own: :meth:`Linker._build`, :meth:`Linker.next_run`); more than any
# entity has, and than a run enters after the last stored entity's place.
_PLACES = 1 << 32
# Pairs of words compared by spelling (:func:`_similar`, :func:`_near`) remembered: a run of 1,000 articles at 50,000
# stored asks :func:`_similar` of 224,866 pairs, more than 2^17 (decision 0041, revision of 2026-12-05 forenoon).
_PAIRS_CACHED = 1 << 19

_T = TypeVar("_T")
_A = TypeVar("_A")


# The answers of the remembered functions read from the store (decision 0098), by function name, then argument.
_GIVEN: dict[str, dict[Any, Any]] = {}
# What a given dict answers for an argument it does not hold (an answer may be falsy: an empty tuple, ``False``).
_NOT_GIVEN: Any = object()


def _remembered(most: int) -> Callable[[Callable[..., _T]], functools._lru_cache_wrapper[_T]]:
    """A cache of a pure function's answers as ``functools.lru_cache(maxsize=most)`` keeps them, but without the order
    of use: a plain dict (``lru_cache(maxsize=None)``), emptied once it would hold more than ``most`` answers. A
    bounded ``lru_cache`` moves each answer it gives to the front of its list, a cost on every call; the word keys are
    asked about 4 million times by a run of 1,000 articles at 16,000 stored, most of them answered from the cache
    (decision 0041, revision of 2026-12-06). Up to ``most`` words the answers are kept alike; past it the least used
    are not the ones let go, but a function of the same arguments gives the same answer either way."""

    def wrap(f: Callable[..., _T]) -> functools._lru_cache_wrapper[_T]:
        held = 0
        # Answers read from the store (:func:`give_keys`), by the one argument: taken as they are, not worked out.
        given: dict[Any, _T] = _GIVEN.setdefault(f.__name__, {})

        # Called only when the answer is not kept: each call is one answer more.
        @functools.wraps(f)
        def worked_out(*args: Any, **kwargs: Any) -> _T:
            nonlocal held
            held += 1
            if held > most:
                kept.cache_clear()
                held = 1
            # One lookup, not ``in`` then ``[]``: another thread's run may let the given answers go between the two
            # (two stores analysed in two threads of one process; decision 0098, review of the fourth session).
            if given and len(args) == 1 and (answer := given.get(args[0], _NOT_GIVEN)) is not _NOT_GIVEN:
                return cast(_T, answer)
            return f(*args, **kwargs)

        kept = functools.lru_cache(maxsize=None)(worked_out)
        return kept

    return wrap


def _undoubled(s: str) -> str:
    """``s`` with each run of one letter written once (``_DOUBLED.sub(r"\\1", s)``, without the regex's template
    expanded for each run) where it has a run of a letter (a line break aside), else ``s``: every run replaced by its
    first character (half the cost of joining ``itertools.groupby``'s keys, which this did before; decision 0041,
    revision of 2026-12-05, late afternoon)."""
    return _RUNS.sub(_FIRST, s) if _DOUBLED.search(s) else s


@_remembered(_WORDS_CACHED)
def skeleton(word: str) -> str:
    """A transliteration-blind key: Zelenskyy, Zelenskyi, Zelenskiy -> zelenski; Umjerow -> umerov; Jermak -> iermak;
    Tsybulsky, Cybulski -> cibulski."""
    # Asked for every word and every name run together the Linker is built from (decision 0041): each step only
    # where it can change something (an ASCII word is its own NFKD form; the patterns need a "t", a "j" or "y").
    if word.isascii():
        s = word.lower() if word.isalpha() else "".join(filter(str.isalpha, word)).lower()
    else:
        folded = unicodedata.normalize("NFKD", word)
        if folded.isascii():  # no combining marks: its letters
            s = "".join(filter(str.isalpha, folded)).lower()
        else:
            s = "".join(c for c in folded if c.isalpha() and not unicodedata.combining(c)).lower()
    s = s.replace("w", "v")
    # English "ts" before a vowel is Polish, Czech or German "c" / "tz" (Tsybulsky, Cybulski).
    if "t" in s:
        s = _TS.sub("c", s)
    # German/Polish "je" after a consonant is English "e" (Umjerow); a leading J is a Y (Jermak).
    if "j" in s or "y" in s:
        s = s[:1] + _JE.sub("", s[1:])
        if s[:1] == "j":
            s = "y" + s[1:]
        s = s.replace("y", "i")
    return _undoubled(s)


# The letters :func:`sound` leaves out after the first.
_SOFT_LETTERS = str.maketrans("", "", "aeiouh")


@_remembered(_WORDS_CACHED)
def sound(word: str) -> str:
    """A consonant key that transliterations of one name share: its :func:`skeleton` with the vowels after the
    first letter and every "h" left out, "z" written "j" and "c", "q" written "k": Rahman and Rahaman -> rmn,
    Mozumder, Majumder and Majumdar -> mjmdr, Yeung and Yong -> ing, Kyiv and Kiev -> kv. Names are looked up
    by it (an index, not a comparison with every known name) and compared with :func:`_same_word`."""
    s = skeleton(word)
    s = s.replace("ph", "f").replace("z", "j").replace("q", "k").replace("c", "k")
    return _undoubled(s[:1] + s[1:].translate(_SOFT_LETTERS))


@_remembered(_WORDS_CACHED)
def _letter_set(word: str) -> frozenset[str]:
    return frozenset(word)


def _ratio_at_least(a: str, b: str, floor: float) -> bool:
    """Whether ``SequenceMatcher(None, a, b).ratio() >= floor``, the cheap upper bounds tried first (the lengths,
    the letters one word writes and the other does not, then the letters in common, in any order): most pairs fail
    on them without the full match."""
    if not a and not b:
        return floor <= 1.0
    na, nb = len(a), len(b)
    whole = na + nb
    if 2.0 * min(na, nb) / whole < floor:  # the form difflib computes the ratio in
        return False
    # Letters in common, at most: each letter of one word the other never writes is one fewer.
    sa, sb = _letter_set(a), _letter_set(b)
    if 2.0 * min(na - len(sa - sb), nb - len(sb - sa)) / whole < floor:
        return False
    # Then the letters in common counted with their repeats: ``quick_ratio``'s bound, the same count and division,
    # without the matcher built (most pairs a lookup asks fail here).
    common = sa & sb
    # (A word writing each of its letters once shares each common letter once.)
    matches = len(common) if len(sa) == na or len(sb) == nb else sum(min(a.count(c), b.count(c)) for c in common)
    if 2.0 * matches / whole < floor:
        return False
    # Then the longest subsequence the two words have in common: the blocks difflib matches are one such subsequence,
    # so it never counts more letters (half the pairs left fail here, at a fifth of the matcher's cost; decision
    # 0041, revision of 2026-12-06, late morning).
    if 2.0 * _subsequence(a, b) / whole < floor:
        return False
    return SequenceMatcher(None, a, b).ratio() >= floor


def _subsequence(a: str, b: str) -> int:
    """The length of the longest subsequence ``a`` and ``b`` have in common, worked out on the bits of ``b``'s
    places (Allison and Dix's count, as Hyyrö writes it): for each letter of ``a`` in turn, the row of the table of
    common lengths is kept as the places where it does not grow, and the length is how many places it grew at."""
    where: dict[str, int] = {}
    for i, c in enumerate(b):
        where[c] = where.get(c, 0) | (1 << i)
    full = (1 << len(b)) - 1
    row = full
    for c in a:
        at = where.get(c)
        if at:
            u = row & at
            row = ((row + u) | (row - u)) & full
    return len(b) - row.bit_count()


# Pure and asked again for the same names in every batch: remembered.
@_remembered(1 << 17)
def _same_word(a: str, b: str) -> bool:
    """Whether two words of names (as :func:`skeleton` keys) are one word spelled two ways: nearly the same
    letters, two neighbouring letters swapped (:func:`_swapped`: Dalwa and Dawla), or, from four letters up, the
    same consonants with enough letters in common (Fung and Feng, Walha and Wahla, Golam and Ghulam)."""
    if _similar(a, b) or _swapped(a, b):
        return True
    if min(len(a), len(b)) < 3 or a[:1] != b[:1]:
        return False
    key = sound(a)
    # Three letters share their consonants too easily (Kim, Kum): those need more letters in common.
    floor = 0.6 if min(len(a), len(b)) >= 4 else 0.75
    # Two consonants are shared by too many names (Boies, Bossie): three at least.
    return len(key) >= 3 and key == sound(b) and _ratio_at_least(a, b, floor)


def _swapped(a: str, b: str) -> bool:
    """Whether two words of five letters or more are one with two neighbouring letters swapped after the first
    (Walha and Wahla): a transliteration's or a typist's slip, too rare between two real names to tell them
    apart."""
    if len(a) != len(b) or len(a) < 5 or a[0] != b[0]:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _another_given_name(a: str, b: str) -> bool:
    """Whether two first names (as :func:`skeleton` keys) alike in spelling are two names: one is the other with
    a consonant added after its first letter (Ivana and Ivanka) or an "a" added at its end (Ivan and Ivana, Eric
    and Erica: a woman's name made from a man's). Families share a surname, so their members' names meet under it;
    a transliteration changes a name's vowels or writes a letter otherwise (Serhiy and Sergei, Mohamed and
    Muhammad), and an "h" comes and goes (Jon and John), but it does not add a consonant."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    at = next((i for i, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
    if long_[:at] + long_[at + 1 :] != short:
        return False
    added = long_[at]
    # (A letter before the name is a transliteration's: Giannis and Yiannis.)
    return added == "a" if at == len(short) else at > 0 and added not in "aeiouhy"


@_remembered(_WORDS_CACHED)
def _letters(word: str) -> str:
    """A key that spellings with two letters swapped share: the :func:`skeleton`'s first letter, then the rest
    sorted."""
    s = skeleton(word)
    return s[:1] + "".join(sorted(s[1:]))


# What a place's name takes at its end to become its people's word (Russia-n, Pakistan-i, Syria-ns) or back
# (German-y): one place. Any other added ending makes another place (India, Indiana).
_PLACE_TO_PEOPLE = frozenset({"n", "ns", "an", "ans", "i", "is", "ian", "ians", "ese", "s", "y"})


# Pure and asked again for the same names in every batch: remembered.
@_remembered(_PAIRS_CACHED)
def _near(a: str, b: str) -> bool:
    """Whether two place names (as :func:`skeleton` keys) are one spelled two ways: nearly the same letters
    and the same consonants, however short (Kyiv and Kiev; not Niger and Nigeria, nor Guinea and Guyana). One
    that is the other with letters added at its end is another place (India, Indiana; Niger, Nigeria) unless
    they make its people's word, which stands for the place (Russia, Russian; Pakistan, Pakistani; German,
    Germany); so is one with letters added before it (RT America, America), and one with a run of letters holding
    a consonant added inside it (Austria, Australia)."""
    if a != b and (a.startswith(b) or b.startswith(a)):
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        if longer[len(shorter) :] not in _PLACE_TO_PEOPLE:
            return False
    if a != b and (a.endswith(b) or b.endswith(a)):
        return False  # "RT America" and "America", "South Sudan" and "Sudan": a name of its own before the place
    if a != b and " " not in a and " " not in b:
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        if _inserted(longer, shorter):
            return False  # "Australia" is "Austria" with "al" inside: two countries, however alike
    if _similar(a, b):
        return True
    # (From five letters up ``_similar`` asked the same ratio: it is not asked again. Decision 0041, revision of
    # 2026-12-05, late afternoon.)
    return 3 <= min(len(a), len(b)) < 5 and sound(a) == sound(b) and _ratio_at_least(a, b, _SIMILAR)


def is_title(word: str) -> bool:
    """True when ``word`` is a title or office written before a name ("President", "Sen.", "Dr")."""
    return _TITLES.fullmatch(word + " ") is not None


_SPACE = re.compile(r"\s")


@_remembered(_WORDS_CACHED)
def _split(name: str) -> tuple[str, ...]:
    # Names recur in every batch: split once.
    name = _CAMEL.sub(" ", name)
    name = _TITLES.sub("", name.strip())
    # (``str.split()`` splits at the runs of the characters ``\s`` matches, ``str.isspace``'s, and leaves out the empty
    # words the test below would: the words of ``re.split(r"\s+", name)``, without the pattern.)
    return tuple(w for w in name.split() if w.strip(".'’-"))


# A name's words: the cached tuple itself, never copied (asked for every mention and alias many times a batch, and read
# only), the cache asked directly rather than through a function that calls it (decision 0041, revision of 2026-12-06).
_words = _split


@_remembered(_WORDS_CACHED)
def _last(name: str) -> str:
    """The :func:`skeleton` of a name's last word ("" for no word)."""
    words = _split(name)
    return skeleton(words[-1]) if words else ""


def _abbreviates(short: str, word: str) -> bool:
    """Whether ``short`` is a written-out ``word``'s abbreviation by its consonants: "Md" or "Mohd" for
    Muhammad."""
    if not 2 <= len(short) < len(word) or short[0] != word[0] or len(short) > 4:
        return False
    rest = iter(word)
    return all(c in rest for c in short) and sum(c in "aeiou" for c in short) <= 1


# Pure and asked again for the same names in every batch: remembered.
@_remembered(_WORDS_CACHED)
def _parts(name: str) -> tuple[str, ...]:
    """The skeletons of a name's words, titles left out and hyphenated parts apart ("Al-Mamun": al, mamun)."""
    return tuple(skeleton(p) for w in _split(name) for p in w.split("-") if skeleton(p))


# A given name of two one-syllable parts joined by a hyphen, as Cantonese, Mandarin and Korean names are written
# in English ("Wai-Kit", "Ka-chiu", "Jae-in"); a part with two runs of vowels ("Smith-Jones") is no syllable.
_SYLLABLES = re.compile(r"[A-Z][a-z]{0,4}-[A-Za-z][a-z]{0,4}")
_VOWELS = re.compile(r"[aeiouy]+", re.IGNORECASE)


@_remembered(_WORDS_CACHED)
def family_first(name: str) -> bool:
    """Whether a person's name of two words is written family name first, as Chinese and Korean names are: a
    family name, then a given name of two hyphenated syllables ("Lam Wai-Kit", "Moon Jae-in"). Their family
    name is the first word: "Lam Wai-Kit" is a Lam, like "Kevin Lam" (see ``Linker._same_office``)."""
    words = _words(name)
    return (
        len(words) == 2
        and words[0][:1].isupper()
        and words[0].isalpha()
        and _SYLLABLES.fullmatch(words[1]) is not None
        and all(len(_VOWELS.findall(part)) == 1 for part in words[1].split("-"))
    )


def _family(name: str) -> str:
    """A person's family name as written: the last word, or the first of a name written family name first."""
    words = _words(name)
    return words[0] if family_first(name) else words[-1]


_ROLE_FILLERS = frozenset("of for the and a an to in on at".split())


def same_office(a: str, b: str) -> bool:
    """Whether two roles name one office: the words of the one with fewer (two at least, "of", "the" and the
    like aside) are all in the other, case aside ("Transport Secretary", "Harbour City Transport Secretary"). One word
    ("chief", "minister") is held by too many people to tell one."""
    wa, wb = ({w for w in re.findall(r"[\w'’-]+", r.casefold()) if w not in _ROLE_FILLERS} for r in (a, b))
    fewer, more = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(fewer) >= 2 and fewer <= more


# Words that make a name another person's than the same name without them: "Donald Trump Jr".
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


# Pure and asked again for the same names in every batch: remembered.
@_remembered(1 << 17)
def contains(longer: str, shorter: str, *, opening: bool = True) -> bool:
    """Whether person name ``shorter`` is a shorter form of ``longer``: each of its words written in ``longer``,
    in order (spelling aside), from two words up, and sharing its last word or opening it: "Abdullah Al Mamun" of
    "Chowdhury Abdullah Al-Mamun", "Andrei Lago" of "André Corrêa do Lago", "Asaduzzaman Khan" of "Asaduzzaman
    Khan Kamal"; with ``opening`` False, only one sharing the last word. Never a form without a generation
    ("Donald Trump" of "Donald Trump Jr")."""
    long, short = _parts(longer), _parts(shorter)
    last = _words(longer)[-1].strip(".,").lower() if long else ""
    if len(short) < 2 or len(long) <= len(short) or last in _GENERATIONS:
        return False
    at = 0
    for word in short:
        while at < len(long) and not _same_word(long[at], word):
            at += 1
        if at == len(long):
            return False
        at += 1
    return _same_word(long[-1], short[-1]) or (
        opening and all(_same_word(a, b) for a, b in zip(long, short, strict=False))
    )


# Pure and asked again for the same names in every batch: remembered.
@_remembered(_PAIRS_CACHED)
def _inserted(longer: str, shorter: str) -> bool:
    """Whether ``longer`` is ``shorter`` with one run of letters inside it that holds a consonant (Austria,
    Australia): a transliteration writes a place's letters otherwise (Luhansk, Lugansk) or adds a vowel (Tehran,
    Teheran), it does not add a syllable."""
    extra = len(longer) - len(shorter)
    if extra < 1 or longer[0] != shorter[0] or longer[-1] != shorter[-1]:
        return False
    runs = [(i, longer[i : i + extra]) for i in range(1, len(shorter)) if longer[:i] + longer[i + extra :] == shorter]
    # A run written twice is a transliteration's (Zaporizhia, Zaporizhzhia), wherever the added copy is read.
    if any(run in (longer[i - extra : i], longer[i + extra : i + 2 * extra]) for i, run in runs):
        return False
    return any(not set(run) <= set("aeiouhy") for _, run in runs)


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return _ratio_at_least(a, b, _SIMILAR)


def _initial(key: str) -> str:
    """A first name's initial, as a full name of a person is looked up by: its :func:`skeleton`'s first letter,
    the vowels (a J or a Y opening it is an I) taken as one ("Oleksandr" and "Aleksandr", "Yekaterina" and
    "Ekaterina"), and C, K and Q as one ("Catherine" and "Katherine")."""
    c = key[:1]
    if not c:
        return "-"
    return "a" if c in "aeiou" else "k" if c in "ckq" else c


@_remembered(_WORDS_CACHED)
def _first_keys(key: str) -> frozenset[str]:
    """The keys a person's first name (its :func:`skeleton`) is looked up under: its :func:`_initial`, and from
    four letters up the name itself and, from five, the name without its first letter ("~" before each). Two first
    names share a key when their initials are alike, or when they differ in their first letter only, written
    otherwise or one more, with four letters in common: transliterations of one name ("Gurbanguly" and
    "Kurbanguly", "Giannis" and "Yiannis", "Hennadiy" and "Gennadiy", "Khalil" and "Halil")."""
    keys = {_initial(key)}
    if len(key) >= 4:
        keys.add("~" + key)
    if len(key) >= 5:
        keys.add("~" + key[1:])
    return frozenset(keys)


def _initials(word: str) -> str:
    return "".join(c for c in word if c.isupper())


def _plain_letters(name: str) -> str:
    """A name's letters in lower case, accents and everything else aside ("U.N." -> "un", "Belém" -> "belem")."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if c.isalpha() and not unicodedata.combining(c)).lower()


def _initials_kept(words: Sequence[str], found: list[_Known]) -> list[_Known]:
    """``found`` (the bodies or places a name's keys give), but for a lone word in capitals only those it spells
    letter for letter: initials are not respelled ("UNN", an agency, is not the "UN"; "ICC" is not the "ICCI"),
    while a dateline's "DHAKA" is still Dhaka, accents aside (:func:`skeleton` makes "un" of "unn")."""
    if len(words) != 1 or not _capitals(words[0]):
        return found
    letters = _plain_letters(words[0])
    return [k for k in found if any(_plain_letters(a) == letters for a in k.aliases)]


def _capitals(word: str) -> bool:
    """Whether a lone word is written in capitals as initials are ("UN", "ICC", "U.S."), two letters or more."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


# Two letters are too few for an acronym ("AI" is no Amnesty International), but for these, which news writes
# every day for the full names they stand for: the United States, the United Kingdom, the European Union, the
# United Nations.
_TWO_LETTERS = frozenset({"US", "UK", "EU", "UN"})
# Names news writes as often as one of those full names, that share no letters with it: Britain is the UK.
_KNOWN_AS = {"Britain": "UK", "Great Britain": "UK"}
# Initials that stand for what shorter ones stand for: the USA (and the United States of America) is the US.
_SHORTER = {"USA": "US"}


def _acronym(name: str) -> str | None:
    """The key an organisation's acronym and its full name share: "MPA" and "Meridian Press Agency" -> "MPA"."""
    if name in _KNOWN_AS:
        return _KNOWN_AS[name]
    words = _words(name)
    if len(words) == 1:
        word = words[0].replace(".", "")
        if word in _TWO_LETTERS:
            return word
        return _SHORTER.get(word, word) if word.isalpha() and word.isupper() and 3 <= len(word) <= 5 else None
    letters = "".join(w[0] for w in words if w[:1].isupper())
    if len(letters) >= 3:
        return _SHORTER.get(letters, letters)
    return letters if letters in _TWO_LETTERS and len(words) == 2 else None


# Pure and asked again for the same names in every batch: remembered.
@_remembered(1 << 17)
def same_name(a: str, b: str, kind: str) -> bool:
    """True when names ``a`` and ``b`` of type ``kind`` name the same thing (both written in full or not)."""
    wa: Sequence[str] = _words(a)
    wb: Sequence[str] = _words(b)
    if not wa or not wb:
        return False
    if kind != "PERSON":
        if kind == "ORG":
            wa, wb = _core(wa), _core(wb)
        same = _near if kind in _COMPATIBLE["GPE"] else _similar
        return same(skeleton(" ".join(wa)), skeleton(" ".join(wb)))
    la, lb = skeleton(wa[-1]), skeleton(wb[-1])
    if len(wa) == 1 or len(wb) == 1:
        # A name written alone has no first name to confirm a looser spelling ("Bash" is no "Bush"): nearly
        # the same letters only.
        return _similar(la, lb)
    if not _same_word(la, lb):
        return False
    fa, fb = skeleton(wa[0]), skeleton(wb[0])
    if not _first_keys(fa) & _first_keys(fb) or _another_given_name(fa, fb):
        # First names of unlike initials are two people's, unless one is the other with its first letter written
        # another way (decision 0041): the index looks a full name up under its first name's keys only. Ivana and
        # Ivanka Trump are two people too.
        return False
    if not _similar(la, lb):
        # Surnames alike only in their consonants: the first names must agree too (not Chris and Charlie).
        return _same_word(fa, fb) or _abbreviates(fa, fb) or _abbreviates(fb, fa)
    if (
        _same_word(fa, fb)
        or _abbreviates(fa, fb)
        or _abbreviates(fb, fa)
        # (The stop first: rare in a first name, it spares working out both initials for nearly every pair.)
        or ("." in wa[0] + wb[0] and _initials(wa[0]) and _initials(wa[0]) == _initials(wb[0]))
    ):
        return True
    return fa[:1] == fb[:1] and _ratio_at_least(fa, fb, 0.6)


# Words that say what kind of company a name is, not which one: "Orsa Dredging Co Ltd" is Orsa Dredging.
_LEGAL = frozenset("co company limited ltd inc incorporated corp corporation plc llc llp gmbh ag sa bhd pty".split())


# What a body is, written after its name in lower case ("the Awami League party", "the Wagner group"): no part of
# the name, which a capital would make ("Wagner Group").
_DESCRIBED = frozenset("party group movement alliance coalition organisation organization firm".split())


# Words a body's name abbreviates as often as it writes them out: one name either way ("Warner Bros", "Warner
# Brothers").
_WRITTEN_OUT = {"bros": "Brothers", "intl": "International", "natl": "National", "dept": "Department"}


# Bodies of a government named either way round: "the Ministry of Water Works" is "the Water Works Ministry".
_NAMED_OF = frozenset({"ministry", "department"})


def _of_last(words: Sequence[str]) -> list[str] | None:
    """The words of a body's "Ministry of X" (or "Department of X") name as "X Ministry", or None."""
    if len(words) > 2 and words[0].lower() in _NAMED_OF and words[1] == "of" and words[2][:1].isupper():
        return [*words[2:], words[0]]
    return None


def _turned(name: str) -> str | None:
    """A body's name the other way round ("Ministry of Water Works" and "Water Works Ministry"), or None."""
    words = _words(name)
    if (turned := _of_last(words)) is not None:
        return " ".join(turned)
    if len(words) > 1 and words[-1].lower() in _NAMED_OF and all(w[:1].isupper() for w in words[:-1]):
        return " ".join([words[-1], "of", *words[:-1]])
    return None


def _of_form_written(alias: str, names: Iterable[str]) -> bool:
    """Whether ``alias`` is a body's "X Ministry" form and ``names`` hold its "Ministry of X" form (a leading "The"
    aside): the name the body is shown by is the other."""
    words = _words(alias)
    if len(words) < 2 or words[-1].lower() not in _NAMED_OF or (turned := _turned(alias)) is None:
        return False
    return any(n.removeprefix("The ") == turned for n in names)


def _core(words: Sequence[str]) -> list[str]:
    """An organisation's words without the legal form ending them, nor a word in lower case saying what it is;
    abbreviations written out (:data:`_WRITTEN_OUT`); "Ministry of X" (or "Department of X") as "X Ministry"."""
    words = _of_last(words) or words
    end = len(words)
    while end > 1 and (
        words[end - 1].lower().strip(".,") in _LEGAL or (words[end - 1] in _DESCRIBED and words[end - 2][:1].isupper())
    ):
        end -= 1
    return [_WRITTEN_OUT.get(w.lower().strip("."), w) for w in words[:end]]


# Bodies every state has, whose name alone does not say whose ("the Defence Ministry", "the Supreme Court"): a
# country's possessive written before one says it ("Britain's Defence Ministry", "Russia's Defence Ministry").
STATE_BODIES = frozenset(
    "ministry department office embassy court army navy police parliament government cabinet council commission "
    "agency board bureau tribunal".split()
)
# An owner's mark and a space, as written before the name owned.
_OWNER_MARKS = frozenset({"'s ", "’s "})
# A name and an owner's mark ending just before a position ("Britain's ", "Bangladesh’s "): up to three words.
_OWNER_BEFORE = re.compile(r"(?<![\w’'.-])([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})['’]s $")


@_remembered(_WORDS_CACHED)
def _country_of(name: str) -> str | None:
    """The country a name or its people's word names ("Bangladesh", "Bangladeshi", "Indian", "Russian", "Swiss"), by
    :func:`countries.country` and :func:`countries.of_people`; a people's word the table lacks is read by
    :data:`_PEOPLE_ENDINGS` (the place written before the ending, or with a vowel for the one the ending took:
    "Indi-an" of India), never as a capital's people."""
    if found := countries.country(name) or countries.of_people(name):
        return found
    low = name.lower()
    if " " in low or not low.isalpha():
        return None
    for end in _PEOPLE_ENDINGS:
        stem = low[: -len(end)]
        if low.endswith(end) and len(stem) >= 3:
            for place in (stem, *(stem + v for v in "aeiou")):
                if (found := countries.country(place)) and not countries.capital(place):
                    return found
    return countries.country(low + "y")  # "German" of Germany


@_remembered(_WORDS_CACHED)
def _owned(name: str) -> tuple[str, str] | None:
    """The country a body of a state's name says it is of (:data:`STATE_BODIES`: a name ending in "Ministry",
    "Court" ..., or "<Country> Ministry of X"), and the rest of the name's :func:`_form`: "Bangladesh’s Foreign
    Ministry", "Bangladeshi Foreign Ministry" and "Bangladesh Foreign Ministry" are Bangladesh's
    ("foreignministri"), "Russian Defence Ministry" Russia's. None for a name no country opens ("Defence
    Ministry", "Asian Cricket Council") and for other bodies: a party or a company named after its country ("the
    Bangladesh Awami League", "India Today") is no body of that state, and the same name written alone there is
    still the one other articles name."""
    words = _words(name)
    if len(words) < 2 or (
        words[-1].lower() not in STATE_BODIES and all(_of_last(words[n:]) is None for n in (1, 2, 3))
    ):
        return None
    for i, word in enumerate(words[:-1]):
        if word.endswith(("'s", "’s")):
            country = countries.country(" ".join([*words[:i], word[:-2]]))
            return (country, _form(" ".join(words[i + 1 :]), "ORG")) if country else None
    for n in (3, 2, 1):
        if len(words) > n and (country := _country_of(" ".join(words[:n]))):
            return country, _form(" ".join(words[n:]), "ORG")
    return None


# Lower-case words inside a person's name ("Ursula von der Leyen", "André Corrêa do Lago"), joining its parts.
PARTICLES = frozenset("von van der den de del della di da do dos das du la le bin binti ibn al el ter ten".split())


def _family_name_of(name: str, full: Iterable[str]) -> bool:
    """Whether ``name`` is a family name of parts joined by a particle ("Corrêa do Lago": a capitalised word, then
    a particle) that ends one of the person names ``full`` ("André Corrêa do Lago"), spelling aside."""
    words = _words(name)
    if len(words) < 3 or words[1] not in PARTICLES:
        return False
    parts = _parts(name)
    return any(len(p := _parts(a)) > len(parts) and p[-len(parts) :] == parts for a in full)


def _countries_named(mentions: Iterable[Mention]) -> frozenset[str]:
    """The countries an article's place and nationality mentions name, by their name, their people's word or their
    capital ("Iran", "Iranian", "Tehran")."""
    return frozenset(
        found
        for m in mentions
        if m.type in {"GPE", "LOC", "NORP"}
        and (found := countries.country(m.text) or countries.capital(m.text) or _country_of(m.text))
    )


# Who acts for a state, written after its people's word ("Russian officials insist", "the Indian government",
# "Iranian forces"): the word then names the state, not its people. One lower-case word may stand between when it
# says which part of the state ("Russian foreign ministry", "American intelligence officials", "Libyan security
# forces"): not any word, since "Russian opposition leaders", "Syrian rebel forces", "American business leaders" and
# "American faith leaders" are no state's. Nor is one whose next word makes it a person of another kind ("a Russian
# government critic", "a Russian military blogger", "an army veteran"). A country's national team is the country as
# sports news names it ("India beat Pakistan": "the Indian team", "the Indian cricket team" is that India), but only
# as its team: "a Chinese team" (of researchers, of lawyers) is one of many (:func:`_states_by_their_people`). People
# of a nationality ("Indian fans", "Pakistani players", "Russian speakers") are the people. A title is written in
# capitals before its holder's name ("Russian Foreign Minister Sergei Lavrov"): read in any case, but a capitalised
# title must end there, before its holder or a lower-case word, never inside a longer name ("the Indian Premier
# League", which the model does not tag: :func:`_for_the_state`).
_FOR_THE_STATE = re.compile(
    r"\s+(?:(?:senior|top|chief|deputy|acting|federal|national|state|government|foreign|defen[cs]e|interior|"
    r"finance|economy|trade|justice|health|energy|climate|security|intelligence|immigration|border|military|army|"
    r"armed|naval|air|ground|special)\s+)?"
    r"(?:officials?|authorities|government|administration|ministry|ministers?|president|prime\s+minister|premier|"
    r"chancellor|(?:high\s+)?commissioner|vice\s+president|(?:foreign|home|defen[cs]e|cabinet)\s+secretary|"
    r"(?-i:Speaker)|"
    r"leaders?|leadership|diplomats?|envoys?|ambassadors?|embassy|delegation|negotiators|representatives|"
    r"spokes(?:man|woman|person)|forces|troops|military|army|navy|police|lawmakers|parliament|cabinet)\b"
    r"(?!\s+(?:critics?|bloggers?|veterans?|analysts?|experts?|observers?|watchers?|commentators?|historians?|"
    r"scholars?|reporters?|correspondents?)\b)",
    re.IGNORECASE,
)
# A capitalised word next, after a match's end.
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_THE_STATE_S_TEAM = re.compile(
    r"\s+(?:(?:national|cricket|football|soccer|hockey|rugby|basketball|baseball|volleyball|handball|tennis|"
    r"olympic|davis)\s+)?(?:team|side|squad)\b"
)
_ONE_OF_MANY = re.compile(r"\b(?:an?|one|another)\s+$", re.IGNORECASE)


def _for_the_state(text: str, m: Mention, persons: frozenset[int] = frozenset()) -> bool:
    """Whether people's word ``m`` is written before who acts for its state (:data:`_FOR_THE_STATE`), or before its
    team where the team is the national one, not "a" team (:data:`_THE_STATE_S_TEAM`). A title written in capitals
    ("Russian Foreign Minister") is one where a lower-case word or the name of a person (one of whom opens at an
    offset of ``persons``) follows it: "the Indian Premier League" is no premier."""
    if actor := _FOR_THE_STATE.match(text, m.end):
        if not any(c.isupper() for c in actor.group()):
            return True
        after = _CAPITAL_NEXT.match(text, actor.end())
        return after is None or after.end() - 1 in persons
    return bool(_THE_STATE_S_TEAM.match(text, m.end)) and not _ONE_OF_MANY.search(text, max(0, m.start - 9), m.start)


def _states_by_their_people(text: str, mentions: Sequence[Mention]) -> dict[tuple[int, int], Mention]:
    """The people's words among ``mentions`` (NORP, one word or one of :data:`countries.PEOPLE`: "South Korean")
    that name their state (:func:`_for_the_state`: "Russian officials"), by span, each with the article's mention of
    that country ("Russia", "Switzerland" of "Swiss", :func:`_people_of`), the first it writes; one whose country
    the article does not name is left out (the people's word alone says no place here). A country, not a continent
    or a region (GPE, not LOC): "European officials" and "African leaders" speak for no one state."""
    persons = frozenset(m.start for m in mentions if m.type == "PERSON")
    words = [
        m
        for m in mentions
        if m.type == "NORP" and (" " not in m.text or countries.of_people(m.text)) and _for_the_state(text, m, persons)
    ]
    if not words:
        return {}
    places = [m for m in mentions if m.type == "GPE"]
    out = {}
    for m in words:
        one = m.text[:-1] if m.text.endswith("s") else m.text  # ("Americans": an American each)
        if place := next((p for p in places if _people_of(m.text, one, p.text)), None):
            out[(m.start, m.end)] = place
    return out


# A capitalised word and "of" right before a name: the name is the model's cut of a longer one ("Progressive
# Democrats of America"). A capitalised word after it says nothing: "US President Donald Trump".
_NAME_BEFORE_OF = re.compile(r"[A-Z][\w.’'-]* of $")


def _cut_from_a_name(text: str, m: Mention) -> bool:
    """Whether mention ``m`` is written inside a longer name the model cut it from (:data:`_NAME_BEFORE_OF`); False
    where the article's text is not known."""
    return bool(text) and bool(_NAME_BEFORE_OF.search(text, max(0, m.start - 40), m.start))


def _people_of(word: str, one: str, place: str) -> bool:
    """Whether people's word ``word`` (``one`` of them, a plural's "s" aside) names the people of ``place`` as the
    article writes it: by the table of countries' people where it lists the word (:func:`countries.of_people`:
    "Swiss" of Switzerland, "American" of the United States or the U.S.), the country's name and never its capital
    ("Washington"), and by its ending only where the table does not ("Velorian" of Veloria, :func:`people_word`),
    never for a word several states share (:data:`countries.SHARED`: "Dominican" beside Dominica). The table
    decides where it knows the word: "Nigerian" is Nigeria's, never Niger's, though "Niger" and an ending spell it."""
    country = countries.of_people(word)
    if country is None:
        # A word several states share ("Dominican" of Dominica and the Dominican Republic) names none of them.
        return one.casefold() not in countries.SHARED and people_word(one, place)
    return countries.country(place) == country and countries.capital(place) is None


def _state_body(words: Sequence[str]) -> bool:
    """Whether a name's words are a body every state has (:data:`STATE_BODIES`: "Supreme Court", "Ministry of
    Defence")."""
    return bool(words) and (words[-1].lower() in STATE_BODIES or _of_last(words) is not None)


def _owners(k: _Known) -> set[str]:
    """The countries organisation ``k`` is known as the body of, by its names (:func:`_owned`)."""
    return {owned[0] for alias in k.aliases if (owned := _owned(alias))}


def _owned_otherwise(k: _Known, owner: str) -> bool:
    """Whether organisation ``k`` is known as another country's than ``owner`` (by :func:`_owned`) and never as
    that one's."""
    owners = _owners(k)
    return bool(owners) and owner not in owners


def _extends(longer: str, shorter: str) -> bool:
    """Whether organisation name ``longer`` is ``shorter`` with more trades joined by "&" or "and" (its legal
    form aside): "Orsa Dredging & Salvage Co Limited" of "Orsa Dredging". Two words at least: a lone word is a
    short form (see ``Linker._short_form_of``)."""
    long, short = _core(_words(longer)), _core(_words(shorter))
    n = len(short)
    return (
        n >= 2
        and len(long) > n + 1
        and [w.lower() for w in long[:n]] == [w.lower() for w in short]
        and long[n].lower() in {"&", "and"}
    )


_AND = frozenset({"&", "and"})


@_remembered(_WORDS_CACHED)
def _body(name: str) -> tuple[tuple[str, ...], frozenset[tuple[str, ...]], str]:
    """What :meth:`Linker._larger_body` compares of an organisation's name, worked out once a name: its words without
    the legal form (:func:`_core`) in lower case; the shorter names it extends (:func:`_extends`: its first ``n``
    such words, two at least, where the next is "&" or "and" and another follows), so that ``_extends(longer,
    shorter)`` is ``_body(shorter)[0] in _body(longer)[1]``; and its :func:`_form` as an organisation's."""
    core = _core(_words(name))
    lower = tuple(w.lower() for w in core)
    extended = frozenset(lower[:n] for n in range(2, len(lower) - 1) if lower[n] in _AND)
    return lower, extended, skeleton(" ".join(core))


def _form(name: str, kind: str) -> str:
    """A name of an organisation or a place as :func:`same_name` compares it: its words' :func:`skeleton` (an
    organisation's without its legal form)."""
    words = _words(name)
    return skeleton(" ".join(_core(words) if kind == "ORG" else words))


# Asked for each mention twice a batch (its votes, its type) and for each alias of each entity whose names changed:
# remembered (decision 0041, revision of 2026-12-05, afternoon).
@_remembered(_WORDS_CACHED)
def _type_key(name: str) -> str:
    """The key a name's mentions vote on its type under: its words' skeletons run together, and a name's own "'s"
    kept apart ("McDonald's", the company, never votes with a "Mr. McDonald"; the mentions stage keeps the "'s" only
    where it is the name's)."""
    key = skeleton("".join(_split(name)))
    return key + "'s" if key and name.endswith(("'s", "’s")) else key


# The type key (:func:`_type_key`) of each people's word of :data:`countries.PEOPLE` and that of its country's name:
# "German" of Germany, "Philippine" of the Philippines, which no ending of :func:`people_word` makes.
_PEOPLE_KEYS = {
    _type_key(word): _type_key(country)
    for country, words in countries.PEOPLE.items()
    for word in words.split("|")
    if word
}


# Pure and asked again for the same names in every batch: remembered.
@_remembered(1 << 17)
def _conflict(a: str, b: str) -> bool:
    """Whether full names ``a`` and ``b`` name two people: the same surname, other first names ("Anna Holt",
    "Peter Holt"), and neither a shorter form of the other."""
    pa, pb = _parts(a), _parts(b)
    if not pa or not pb or not _same_word(pa[-1], pb[-1]):
        return False
    return not (same_name(a, b, "PERSON") or contains(a, b) or contains(b, a))


def introduced_by_surname(surname: str, text: str) -> bool:
    """Whether ``text`` introduces someone by ``surname`` alone: "a woman surnamed Wong", "who gave only her
    surname, Ng", "Wong, who asked to be identified only by his surname"."""
    # Every form the pattern knows writes the surname right after "surnamed " or "name" ("surname", "family name",
    # "last name", a comma between or not), or right before " who" (a comma between or not): a text with none of
    # those needs no pattern, and the pattern for a surname is compiled only for a text that has one. Where those
    # words are in the text is found once a text (:func:`_markers`), not searched for with each surname asked
    # (decision 0041, revision of 2026-12-05, afternoon): ``f"surnamed {surname}" in text`` is a "surnamed "
    # followed by the surname, ``f"{surname} who" in text`` a " who" after it. And the pattern is tried only where
    # one of its forms can start (each opens on words it writes as they are): at a "surnamed " the surname follows,
    # at a "gave only " (or "giving", "gives", "provided"), and at the surname before a " who"; not at every place
    # of the text (4,314 searches of 11,466 letters on average for the 50,000 step's 1,000 articles, none found).
    if surname not in text:
        return False
    surnamed, after, before, gave = _markers(text)
    size = len(surname)
    if not (
        any(text.startswith(surname, at) for at in after)
        or any(at >= size and text.startswith(surname, at - size) for at in before)
    ):
        return False
    # At the surname before a " who" the pattern's third form needs one of its five verbs right after ("Wong, who
    # asked"); the other two need their first words written there. Most texts write "X, who said": no place is left
    # to try, and the surname's pattern is not compiled (a few milliseconds each, hundreds of surnames a run).
    starts = [
        *(at for at in surnamed if text.startswith(surname, at + len("surnamed "))),
        *gave,
        *(
            at - size
            for at in before
            if at >= size
            and text.startswith(surname, at - size)
            and (_WHO_ASKED.match(text, at) is not None or text.startswith(_FORMS_OPEN, at - size))
        ),
    ]
    if not starts:
        return False
    pattern = _introduced(surname)
    return any(pattern.match(text, at) is not None for at in starts)


# The words :func:`introduced_by_surname` needs right before a surname, and right after it; and the words its
# pattern's form "gave only his surname" opens on.
_BEFORE_SURNAME = ("surnamed ", "name ", "name, ")
_AFTER_SURNAME = (" who", ", who")
_GAVE = ("gave only ", "giving only ", "gives only ", "provided only ")
# What the pattern's forms write first: "surnamed " and the words of :data:`_GAVE`; and what its third form writes
# right after the surname.
_FORMS_OPEN = ("surnamed ", *_GAVE)
_WHO_ASKED = re.compile(r",? who (?:asked|wanted|agreed|chose|declined)")


@functools.lru_cache(maxsize=1 << 6)
def _markers(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Where ``text`` writes "surnamed "; where a surname written right after "surnamed ", "name " or "name, " would
    start; where one written right before " who" or ", who" would end; and where "gave only " (or "giving",
    "gives", "provided") is written: every place (overlapping or not), in order. A batch asks this of each of its
    texts for each name written alone in it: remembered for the last few texts."""

    def places(word: str) -> Iterator[int]:
        at = text.find(word)
        while at >= 0:
            yield at
            at = text.find(word, at + 1)

    surnamed = tuple(places("surnamed "))
    after = sorted({at + len(word) for word in _BEFORE_SURNAME for at in places(word)})
    before = sorted({at for word in _AFTER_SURNAME for at in places(word)})
    gave = sorted({at for word in _GAVE for at in places(word)})
    return surnamed, tuple(after), tuple(before), tuple(gave)


@functools.lru_cache(maxsize=1 << 12)
def _introduced(surname: str) -> re.Pattern[str]:
    """The pattern of :func:`introduced_by_surname` for one surname, compiled once."""
    name = re.escape(surname)
    return re.compile(
        rf"\bsurnamed {name}\b|\b(?:gave|giving|gives|provided|giving) only (?:his|her|their) "
        rf"(?:surname|family name|last name),? {name}\b|\b{name},? who (?:asked|wanted|agreed|chose|declined)"
        rf"[^.]{{0,40}}\b(?:only (?:by|as) (?:his|her|their) (?:surname|family name|last name)|"
        rf"(?:his|her|their) (?:full|first) name)"
    )


def _rhyme(word: str) -> str | None:
    """A word's rhyme: its :func:`sound` after the first letter ("Wang" and "Hong" -> "ng"), two letters at
    least."""
    key = sound(word)[1:]
    return key if len(key) >= 2 else None


def _folded(name: str) -> list[str]:
    return [w.casefold() for w in _words(name)]


def _frames(name: str) -> list[str]:
    """The keys a place or body of three words or more is looked up by when one of its words is read another way:
    its words, each in turn replaced by its rhyme ("Wang Fuk Court" and "Hong Fuk Court" -> "~ng fuk court")."""
    words = _folded(name)
    if len(words) < 3:
        return []
    return [" ".join([*words[:i], "~" + r, *words[i + 1 :]]) for i, w in enumerate(words) if (r := _rhyme(w))]


# Pure, and asked of every alias of every organisation an article names for each lone word tagged an organisation
# (``Linker._outlet_ending``) and of each record's aliases: remembered.
@_remembered(_WORDS_CACHED)
def _outlet(alias: str) -> str | None:
    """The outlet's report name when organisation name ``alias`` (words run together written apart) is a news
    outlet (:func:`attributions.canonical_outlet`), else None."""
    return attributions.canonical_outlet(_CAMEL.sub(" ", alias))


def _counter(counts: dict[str, int]) -> Counter[str]:
    """``Counter(counts)``, without ``Counter.update``'s test of its argument's kind (a dict is copied as it is), nor
    ``Counter.__init__`` (which only updates the empty dict it is made: a stored entity's two counters, decision 0041,
    revision of 2026-12-05, late afternoon)."""
    made: Counter[str] = _new_dict(Counter)
    dict.update(made, counts)
    return made


_new_dict = dict.__new__


def _kept(
    answers: dict[_A, tuple[str, ...]],
    under: dict[tuple[int, str], set[_A]],
    asked: _A,
    answer: tuple[str, ...],
    keys: Iterable[tuple[dict[str, dict[str, int]], str]],
) -> tuple[str, ...]:
    """Remember a lookup's ``answer`` to ``asked`` in ``answers``, noted under each of the ``keys`` it read (an index
    and its key) in ``under``, where a change of the key forgets it; ``answer``. Both emptied past ``_READ_KEPT``
    answers."""
    if len(answers) >= _READ_KEPT:  # a long run's answers: started again (the answers are the same)
        answers.clear()
        under.clear()
    answers[asked] = answer
    for index, key in keys:
        under.setdefault((id(index), key), set()).add(asked)
    return answer


def _as(m: Mention, kind: str, entity_id: str | None) -> Mention:
    """``dataclasses.replace(m, type=kind, entity_id=entity_id)``, the record's fields written out: ``replace`` reads
    the dataclass's fields one by one in Python for each of the 120,000 mentions a 2,000-article ingest links (about 5%
    of the entities stage, decision 0041, revision of 2026-12-06, evening). A test pins it to ``replace`` over every
    field of :class:`Mention`, so a field added there fails it until it is written here."""
    return Mention(text=m.text, start=m.start, end=m.end, type=kind, role=m.role, entity_id=entity_id)


def _spoken(q: Quote, entity_id: str | None, kind: SpeakerKind) -> Quote:
    """``dataclasses.replace(q, speaker_entity_id=entity_id, speaker_kind=kind)``: ``q`` itself when it holds them
    already (a record is frozen: the same values either way; most quotes' speakers link to nothing and keep their
    kind), else the record's fields written out, as :func:`_as` writes a mention's (``replace`` cost about 3% of the
    entities stage over 2,000 articles, decision 0041, revision of 2026-12-06, late night). A test pins it to
    ``replace`` over every field of :class:`Quote`."""
    if q.speaker_entity_id == entity_id and q.speaker_kind is kind:
        return q
    return Quote(
        text=q.text,
        start=q.start,
        end=q.end,
        speaker=q.speaker,
        speaker_kind=kind,
        speaker_start=q.speaker_start,
        speaker_end=q.speaker_end,
        speaker_entity_id=entity_id,
        cue=q.cue,
        via=q.via,
        direct=q.direct,
        kind=q.kind,
        confidence=q.confidence,
    )


def _summed(spellings: Iterable[dict[str, int]]) -> Counter[str]:
    """``sum((Counter(s) for s in spellings), Counter())`` with plain dicts: each step as ``Counter.__add__`` takes it
    (the running total's kinds in its order, then the new ones; a count not above 0 left out), so the same counts in the
    same order (the order :func:`_majority` breaks a tie by), without three Counters made a step."""
    total: dict[str, int] = {}
    for counts in spellings:
        step: dict[str, int] = {}
        for kind, n in total.items():
            if (both := n + counts.get(kind, 0)) > 0:
                step[kind] = both
        for kind, n in counts.items():
            if kind not in total and n > 0:
                step[kind] = n
        total = step
    return _counter(total)


def _shouted(name: str) -> bool:
    """Whether a name is written in capitals with a word too long for an acronym ("WASHINGTON", not "NATO")."""
    return name.isupper() and any(len(w) > 5 for w in _words(name))


# The word keys kept in the store (decision 0098): each remembered function a Linker asks of every stored alias as it
# is built and its names first vote (and its lookups ask again), by the name the store keeps its answers under, and
# how an answer is written there: a tuple of words with a space between them (no word holds white space, and none is
# empty), a truth as "1" or "", a word as it is.
_KEPT_WORDS = {"split": _split, "parts": _parts}
_KEPT_TRUTHS = {"family_first": family_first}
_KEPT_STRINGS = {"last": _last, "type_key": _type_key, "skeleton": skeleton, "sound": sound, "letters": _letters}


def _imported_bytes() -> bytes | None:
    """This module's bytes as its loader reads them (a source file's, a zip archive's as ``zipimport`` reads it, a
    ``.pyc`` file's where no source is installed); None where they cannot be read."""
    read = getattr(__spec__.loader if __spec__ is not None else None, "get_data", None)
    try:
        return bytes(read(__file__)) if read is not None else Path(__file__).read_bytes()
    except OSError:
        return None


# The hash of the rules this process runs, read as the module is imported: a file changed after (an upgrade while
# ``serve`` or a long ingest runs) is not the rules in memory, and keys worked out by these must not be kept under
# its version (decision 0098, review).
_IMPORTED = _imported_bytes()
_RULES_DIGEST = None if _IMPORTED is None else hashlib.sha256(_IMPORTED).hexdigest()
del _IMPORTED


@functools.cache
def keys_version() -> str:
    """What the kept keys were worked out by: a hash of this module's bytes as they were imported and of the Unicode
    tables the words are folded by. Keys kept by another version are read as none (and written again): a change to
    any rule here, or to Python's Unicode data, cannot leave answers of the old rules in the store. The bytes are
    read through the loader that imported the module, when it is imported (so a zip install has the version a
    source install has; a ``.pyc``-only install hashes its compiled code). Where they cannot be read at all, a
    version no other process has: each run writes the keys anew, never reads them."""
    if _RULES_DIGEST is None:
        return "unread-" + uuid.uuid4().hex
    return hashlib.sha256(f"{_RULES_DIGEST} {unicodedata.unidata_version}".encode()).hexdigest()[:16]


def name_keys(names: Iterable[str]) -> dict[str, dict[str, str]]:
    """The kept functions' answers for ``names`` (stored aliases) as the store keeps them, by function, then argument:
    for each name, its words, last word, parts, type key and whether it is written family name first; each word's
    skeleton and sound and its last word's letters; the sound of each part and of the type key; the skeleton of its
    words joined (a place's or body's whole name) and of an organisation's core; the sound of a long name's words
    folded (its frames). Mostly answers the Linker holds already."""
    out: dict[str, dict[str, str]] = {fn: {} for fn in (*_KEPT_WORDS, *_KEPT_TRUTHS, *_KEPT_STRINGS)}
    split, parts_, first, last, type_key = (out[fn] for fn in ("split", "parts", "family_first", "last", "type_key"))
    skeletons, sounds, letters = out["skeleton"], out["sound"], out["letters"]
    for name in names:
        words = _split(name)
        split[name] = " ".join(words)
        parts_[name] = " ".join(parts := _parts(name))
        first[name] = "1" if family_first(name) else ""
        last[name] = _last(name)
        type_key[name] = key = _type_key(name)
        sounds[key] = sound(key)
        for w in words:
            skeletons[w] = skeleton(w)
            sounds[w] = sound(w)
        for part in parts:
            sounds[part] = sound(part)
        if words:
            letters[words[-1]] = _letters(words[-1])
            joined = " ".join(words)
            skeletons[joined] = skeleton(joined)
            core = " ".join(_core(words))
            skeletons[core] = skeleton(core)
        if len(words) >= 3:
            for w in _folded(name):
                sounds[w] = sound(w)
    return {fn: answers for fn, answers in out.items() if answers}


def give_keys(kept: dict[str, dict[str, str]]) -> set[str]:
    """Take the answers the store keeps (by function, then argument, as :func:`name_keys` writes them, worked out by
    this :func:`keys_version`) as the remembered functions' own: asked of one of those arguments, each gives the kept
    answer rather than work it out again (the same answer: the functions are pure). What an earlier call gave is let
    go (another store's, or a run's before). The names whose keys are kept."""
    for given in _GIVEN.values():
        given.clear()
    for fn, answers in kept.items():
        if fn in _KEPT_STRINGS:
            _GIVEN[_KEPT_STRINGS[fn].__name__].update(answers)
        elif fn in _KEPT_WORDS:
            _GIVEN[_KEPT_WORDS[fn].__name__].update(
                {arg: tuple(answer.split(" ")) if answer else () for arg, answer in answers.items()}
            )
        elif fn in _KEPT_TRUTHS:
            _GIVEN[_KEPT_TRUTHS[fn].__name__].update({arg: answer == "1" for arg, answer in answers.items()})
    return set(kept.get("split", ()))


def let_go_keys() -> None:
    """Let go of what :func:`give_keys` gave. Once a run's Linker is built from the store and has linked its first
    batch (its first votes counted), the word caches hold every answer it asked of the kept ones: the given answers
    serve only a cache emptied later (one past ``_WORDS_CACHED`` answers), which works them out again, the same
    answers. Held for the rest of the run and after it, they were about 2 KB a stored article beside the caches
    (decision 0098, revised 2026-12-07, fourth session). The entities stage calls it after its first batch's build
    and linking whether they ended or raised, so that a run holds none after it."""
    for given in _GIVEN.values():
        given.clear()


def _entity_id(kind: str, name: str) -> str:
    return "e" + hashlib.sha256(f"{kind}:{' '.join(_words(name)).lower()}".encode()).hexdigest()[:11]


@dataclass(slots=True)
class _Known:
    id: str
    type: str
    aliases: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    stored_articles: int = 0
    # Where this run's articles name it: (text, name as written), for what their sentences say of it
    # (:meth:`told`), kept for the names another spelling may join on that evidence only (a one-word person, a
    # place of three words or more).
    named: set[tuple[str, str]] = field(default_factory=set)
    # Its mentions (``sum(aliases.values())``) and whether it has a full name (``len(full) > 0``), kept as aliases are
    # counted and indexed (:meth:`Linker._from_record`, :meth:`Linker._link_one`, :meth:`Linker._index`): a name
    # written alone goes to the most mentioned of the people of that surname (:meth:`Linker._match`), as many as the
    # store holds, each ranked by these (decision 0041, revision of 2026-12-05, late morning).
    total: int = field(default=0, init=False)
    has_full: bool = field(default=False, init=False)

    def told(self) -> frozenset[str]:
        """The words of the sentences naming it in this run's articles (:func:`context.context`)."""
        return frozenset().union(*(context.context(text, name) for text, name in self.named))

    # ``full`` as last read, with the number of aliases then: aliases are only ever added.
    _full: tuple[int, list[str]] = (-1, [])

    @property
    def full(self) -> list[str]:
        if self._full[0] != len(self.aliases):
            self._full = (len(self.aliases), [a for a in self.aliases if len(_split(a)) > 1])
        return self._full[1]

    @property
    def names(self) -> Counter[str]:
        """The aliases that are names of it: a place's people's word ("Velorian" of Veloria), linked to the
        place so that its mentions count, is no name of the place, to show or to search by."""
        if self.type not in _COMPATIBLE["GPE"]:
            return self.aliases
        names = Counter({a: n for a, n in self.aliases.items() if not any(people_word(a, b) for b in self.aliases)})
        return names or self.aliases

    @property
    def name(self) -> str:
        """The most complete form: most words (two are enough: of "Aslam Khan Kamar" and "Aslam Khan Resigns",
        the one written most), then most mentions, then fewest words, then first seen (an outlet's report
        name)."""
        for alias in self.aliases:
            outlet = _outlet(alias) if self.type == "ORG" else None
            if outlet:
                return outlet
        # A leading "The" is the sentence's, not the name's, when the name is also written without it; and a name
        # in capitals is a dateline's or a headline's ("WASHINGTON") when it is also written otherwise.
        names = self.names
        ranked = sorted(
            names.items(),
            key=lambda kv: (
                -min(len(_words(kv[0])), 2),
                # A body named both ways round is shown by its "Ministry of X" form, the one a reader quotes in
                # full ("X Ministry" is its short form): each mention keeps its own words.
                self.type == "ORG" and _of_form_written(kv[0], names),
                kv[0].startswith("The "),
                _shouted(kv[0]) and any(n.casefold() == kv[0].casefold() and n != kv[0] for n in names),
                -kv[1],
                # "Bangladesh Foreign Ministry" before "Bangladesh’s Foreign Ministry", a sentence's way of naming it.
                "'s " in kv[0] or "’s " in kv[0],
                len(_words(kv[0])),
            ),
        )
        return ranked[0][0]

    def record(self) -> Entity:
        return Entity(
            id=self.id,
            name=self.name,
            type=self.type,
            aliases=tuple(sorted(self.names)),
            roles=_roles(self.roles),
            mentions=sum(self.aliases.values()),
            articles=self.stored_articles + len(self.articles),
        )


# What a name's candidates are ranked by (the first of the highest wins): their mentions, after whether they have a
# full name (``_Known.total`` is ``sum(aliases.values())``, ``_Known.has_full`` is ``len(full) > 0``).
_MENTIONED = operator.attrgetter("total")
_RANKED = operator.attrgetter("has_full", "total")
# An entity's id: whether the article names one of a lookup's candidates is asked as ``here.isdisjoint(map(_ID,
# candidates))``, read in C (a name written alone has as many candidates as the store holds people of its surname).
_ID = operator.attrgetter("id")


# How a people's word ends after its place's name (or that name without its last vowel): Velorian, Dastmari,
# Orvathese, Brannish, Kelvanian.
_PEOPLE_ENDINGS = ("n", "an", "ian", "i", "ese", "ish", "ean", "er", "ite")


def people_word(word: str, place: str) -> bool:
    """Whether ``word`` is the word for the people of place ``place`` (both one word), spelling aside:
    "Velorian" of Veloria, "Dastmari" of Dastmar."""
    w, p = skeleton(word), skeleton(place)
    if not p or len(w) <= len(p) or len(_words(word)) != 1 or len(_words(place)) != 1:
        return False
    stems = {p, p[:-1]} if p[-1] in "aeiou" else {p}
    return any(w == stem + end for stem in stems for end in _PEOPLE_ENDINGS)


def _roles(seen: Counter[str]) -> tuple[str, ...]:
    """Roles most seen first, one per spelling apart from case ("Chief executive" opening a sentence is the
    "chief executive" written elsewhere): each written as most often, lower case on a tie."""
    groups: dict[str, Counter[str]] = {}
    for role, n in seen.items():
        groups.setdefault(role.casefold(), Counter())[role] += n
    ranked = sorted(groups.values(), key=lambda forms: -forms.total())
    return tuple(max(forms, key=lambda r: (forms[r], r[:1].islower())) for forms in ranked)


def _majority(types: Counter[str], borrow_norp: bool = True) -> str | None:
    """The type most mentions of a word have, if more than half have it. A place written as a body in some
    sentences ("Kyiv said") is still a place: organisation and place mentions count together for the place
    when it is a place at least half as often as a body, and
    so, with ``borrow_norp``, do nationality mentions: those of its people's name, a similar spelling pooled with
    it ("Velorian" for the country Veloria)."""
    places = Counter({t: n for t, n in types.items() if t in _COMPATIBLE["GPE"]})
    # Only when it is: a company the model calls a place in a few sentences ("Netflix agreed") stays a company.
    if places and 2 * places.total() >= types["ORG"]:
        ((place, _),) = places.most_common(1)
        borrowed = types["NORP"] if borrow_norp else 0
        types = Counter(
            {**types, place: places.total() + types["ORG"] + borrowed, "ORG": 0, "NORP": types["NORP"] - borrowed}
        )
    ((top, n),) = types.most_common(1)
    return top if 2 * n > types.total() else None


# Voted words by their first four letters and by their consonant key: under each, the words in the order they were
# added (only ever added to, so that a lookup remembers how far it read, see ``Linker._alike``).
_Keyed = dict[str, list[str]]


def _key_under(keyed: _Keyed, word: str) -> None:
    """Add ``word`` to ``keyed`` under its first four letters and its consonant key."""
    head, key = word[:4], sound(word)
    keyed.setdefault(head, []).append(word)
    if key != head:
        keyed.setdefault(key, []).append(word)


def _fits(a: str, b: str) -> bool:
    """Whether two words' lengths allow :func:`_similar` or :func:`_near` to join them: the same length, or a ratio
    of 0.85 within reach (``_ratio_at_least``'s first bound). Asked before them when reading a key's names."""
    n, size = len(a), len(b)
    return size == n or 2.0 * min(size, n) / (size + n) >= _SIMILAR


def _reaches(n: int, bits: int, size: int, other: int, floor: float) -> bool:
    """Whether two words of lengths ``n`` and ``size`` writing the letters ``bits`` and ``other`` (:func:`_shape`)
    pass ``_ratio_at_least``'s bounds of the lengths and of the letters one writes and the other does not, worked
    out the same way: a necessary condition of the ratio reaching ``floor``. Letters beyond a to z share a bit, so
    fewer of them count as unshared: the bound is never lower than the one of the letters themselves."""
    whole = n + size
    if not n or not size:
        return True
    if 2.0 * min(n, size) / whole < floor:
        return False
    return 2.0 * min(n - (bits & ~other).bit_count(), size - (other & ~bits).bit_count()) / whole >= floor


def _near_to(word: str, other: str) -> bool:
    """``_near(other, word)``: whether voted word ``other`` is ``word`` spelled another way, as the type majority
    asks it."""
    return _fits(word, other) and _near(other, word)


def _near_fitting(a: str, b: str) -> bool:
    """:func:`_near`, the lengths looked at first."""
    return _fits(a, b) and _near(a, b)


def _similar_fitting(a: str, b: str) -> bool:
    """:func:`_similar`, the lengths looked at first."""
    return _fits(a, b) and _similar(a, b)


# Lookups by spelling a Linker remembers (``Linker._alike``) before it forgets them all: about 110 MB.
_READ_KEPT = 1 << 19
# Stored mentions' windows (a few hundred letters each) whose words a Linker keeps (``Linker._window_told``).
_WINDOWS_KEPT = 1 << 14


@_remembered(_WORDS_CACHED)
def _shape(word: str) -> tuple[int, int]:
    """A word's length and the letters it writes as bits (a to z, every other letter one more bit): what
    ``_ratio_at_least``'s first two bounds read of it, kept beside each name a lookup by spelling reads
    (``Linker._alike``)."""
    bits = 0
    for c in set(word):  # (each letter once: the same bits)
        at = ord(c) - 97
        bits |= 1 << (at if 0 <= at < 26 else 26)
    return len(word), bits


@_remembered(_WORDS_CACHED)
def _counted(word: str) -> int:
    """A word's letters with their repeats as bits: for the k-th time a letter of a to z is written, one bit of that
    letter's eight (-1, no bits, for a word with a letter beyond a to z or written more than eight times). Two words'
    bits in common are the letters they share counted with their repeats, ``_ratio_at_least``'s third bound
    (``quick_ratio``'s count): kept beside each name a lookup by spelling reads (``Linker._alike``)."""
    # Each letter once, its repeats counted by ``str.count``: the first ``n`` of its eight bits for ``n`` times.
    bits = 0
    for c in set(word):
        at = ord(c) - 97
        n = word.count(c)
        if not 0 <= at < 26 or n > 8:
            return -1
        bits |= ((1 << n) - 1) << (at * 8)
    return bits


@_remembered(_WORDS_CACHED)
def _shaped(word: str) -> tuple[int, int, int]:
    """``(*_shape(word), _counted(word))`` in one reading of the word's distinct letters: what ``_Shaped`` keeps of
    each name of a group (decision 0041, revision of 2026-12-05, afternoon)."""
    bits = counted = 0
    for c in set(word):
        at = ord(c) - 97
        if 0 <= at < 26:
            bits |= 1 << at
            if counted >= 0:
                n = word.count(c)
                counted = -1 if n > 8 else counted | ((1 << n) - 1) << (at * 8)
        else:
            bits |= 1 << 26
            counted = -1
    return len(word), bits, counted


@functools.lru_cache(maxsize=1 << 12)
def _within(n: int, floor: float) -> tuple[tuple[int, int], ...]:
    """The lengths of the words a word of ``n`` letters (one at least) may reach a ratio of ``floor`` with
    (``_ratio_at_least``'s first bound, ``2.0 * min(n, size) / (n + size) >= floor``), each with the least number of
    letters in common that reaches it (``2.0 * shared / (n + size) >= floor``): the bounds ``Linker._alike`` reads a
    group's names by, worked out with the same floats once for each length, then compared as whole numbers (a
    division by a positive number keeps the order of what it divides, so the least count that reaches the floor
    tells every count that does)."""
    out = []
    size = 1
    while size <= n or 2.0 * n / (n + size) >= floor:
        whole = n + size
        if 2.0 * min(n, size) / whole >= floor:
            out.append((size, next((x for x in range(whole + 1) if 2.0 * x / whole >= floor), whole + 1)))
        size += 1
    return tuple(out)


class _Shaped:
    """A group's names (``Linker._alike``) by length: for each length, the names' places in the group, the names,
    the letters they write as bits (:func:`_shape`), their letters with repeats as bits (:func:`_counted`) and how
    many letters they write (the first bits counted), each list in the group's order; ``read`` names of the group so
    far."""

    __slots__ = ("by_size", "read")

    def __init__(self) -> None:
        self.by_size: dict[int, tuple[list[int], list[str], list[int], list[int], list[int]]] = {}
        self.read = 0

    def extend(self, group: Sequence[str] | dict[str, Any]) -> None:
        """Take in the names added to ``group`` since last read (a group is only ever added to at its end)."""
        if self.read >= len(group):
            return
        by_size = self.by_size
        for at, other in enumerate(itertools.islice(group, self.read, None), self.read):
            size, bits, counted = _shaped(other)
            kept = by_size.get(size)
            if kept is None:
                kept = by_size[size] = ([], [], [], [], [])
            kept[0].append(at)
            kept[1].append(other)
            kept[2].append(bits)
            kept[3].append(counted)
            kept[4].append(bits.bit_count())
        self.read = len(group)


# The least ``_ratio_at_least`` floor each lookup's comparison asks before it can be true (decision 0041, revision
# of 2026-12-05 morning): ``_similar`` and ``_near`` a ratio of 0.85 (the same word aside), ``_same_word`` 0.6 at
# least (a swap of two letters keeps every letter and length). A name whose length or letters cannot reach it is
# passed over without the comparison being asked.
_FLOORS: dict[Callable[[str, str], bool], float] = {
    _near_to: _SIMILAR,
    _near_fitting: _SIMILAR,
    _similar_fitting: _SIMILAR,
    _same_word: 0.6,
}


# Where the store names an entity: (text, name as written) for each of its stored mentions (some of them), the text
# being the mention's sentence and more around it.
StoredMentions = Callable[[str], Iterable[tuple[str, str]]]


# What a speaker may write before the name it is: "the", an owner ("India's", "the party's").
_BEFORE_A_NAME = re.compile(r"(?:[Tt]he\s+)?(?:(?:[A-Z][\w.-]*\s+)*[\w.-]+(?:'s|’s)\s+)?(?:[Tt]he\s+)?")


def _named_by(mention: Mention | None, quote: Quote, text: str) -> str | None:
    """The entity of the mention a speaker is the name of, written with "the" ("the PCB" for the mention "PCB") or
    an owner ("India's Ministry of External Affairs"), or as a person's last words ("Ghulam Murtaza Majumdar" in
    the mention "Muhammad Ghulam Murtaza Majumdar"); ``mention`` ends where the speaker does."""
    if mention is None or quote.speaker_start is None:
        return None
    if mention.start <= quote.speaker_start:
        inside = text[quote.speaker_start : mention.end]
        return mention.entity_id if mention.type == "PERSON" and len(inside.split()) > 1 else None
    return mention.entity_id if _BEFORE_A_NAME.fullmatch(text[quote.speaker_start : mention.start]) else None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a Linker is built from the store: the objects it makes live as long as
    it does, and each full collection while they are made reads every one made before (about 0.8 of 2.9 CPU s at
    40,915 entities); :func:`kept_out_of_collections` then leaves them out. Inside a block of
    :func:`kept_out_of_collections` that froze objects (the runner's around a corpus stage's batch), what was made
    is frozen with them as the collector comes back on, to be handed back as that block ends: else the first
    collection after it reads every object made while it was off, as many as the store has entities and names (0.6
    CPU s for a Linker built from 127,457 entities, decision 0041)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if _freezing:
                gc.freeze()
            gc.enable()


# How many blocks of :func:`kept_out_of_collections` are open that froze objects themselves (the outermost of them
# unfreezes them all as it ends).
_freezing = 0


@contextlib.contextmanager
def kept_out_of_collections() -> Iterator[None]:
    """Everything alive as the block starts (a batch's linking: the Linker's indexes first) left out of the cyclic
    garbage collector's passes until it ends (``gc.freeze``, then ``gc.unfreeze``, which hands it back to the oldest
    generation): a full collection while a batch links would read every object of the Linker's state, as many as
    the store has entities and names (issue 17: 2.1 CPU s of the 16,000-article step's 18, in 11 collections). It
    changes no answer: nothing is freed while frozen that would be freed otherwise, only later. Inside another such
    block (the runner's around every corpus stage's batch, decision 0049, in which a run's Linker is built), what
    is alive now is frozen too and left to the outer block to hand back: a Linker built inside the runner's block
    would otherwise stay in the collector's passes for the run's first batch (1.7 CPU s of the 16,000 step's 17.5
    in 7 full collections, decision 0041). Where something else keeps objects frozen (a server freezing before it
    forks), nothing is done, since unfreezing would undo it. Inside a block of its own it does not ask how many
    objects are frozen: ``gc.get_freeze_count`` walks every frozen object, as many as the Linker's state holds (1.1
    CPU s of the entities stage at 50,000 stored, for the four blocks a run of two batches opens, decision 0041)."""
    global _freezing
    if not gc.isenabled():
        yield
        return
    if _freezing:
        gc.freeze()
        yield
        return
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    _freezing += 1
    try:
        yield
    finally:
        _freezing -= 1
        gc.unfreeze()


class _Told:
    """The words of the sentences of ``text`` naming ``name`` (:func:`context.context`), read when first asked: a
    name respelled (``Linker._respelled_place``, ``Linker._respelled_person``) has most often no candidate to compare
    them with (decision 0041, revision of 2026-12-05, afternoon)."""

    __slots__ = ("_words", "name", "text")

    def __init__(self, text: str, name: str) -> None:
        self.text, self.name = text, name
        self._words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = context.context(self.text, self.name)
        return self._words


def _signs_of(
    k: _Known, words: tuple[str, ...], last: str, signs: set[tuple[str, str]]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The signs (last word and a first name's key) person ``k`` takes for a name of words ``words`` and last word
    ``last``, and those of ``signs`` (what it has) it drops: for a full name, its first full name makes it no longer
    one known by its surname alone; a name of one word is a sign of its own (its last word, no first name) only for a
    person known by no full name."""
    if len(words) > 1:
        return {(last, first) for first in _first_keys(skeleton(words[0]))}, {sign for sign in signs if not sign[1]}
    return (set() if k.full else {(last, "")}), set()


def _entered(keys: Sequence[tuple[dict[str, dict[str, int]], str]], kid: str, entries: int) -> int:
    """Enter ``kid`` under each of ``keys`` (an index and its key) where it is not yet, each entry's place the next
    number from ``entries``; the next number after them."""
    for index, key in keys:
        ids = index.get(key)
        if ids is None:
            index[key] = {kid: entries}
            entries += 1
        elif kid not in ids:
            ids[kid] = entries
            entries += 1
    return entries


# A kinship noun (a pattern's alternation): "his son", "her sister-in-law".
KIN = (
    r"(?:mother|father|son|daughter|brother|sister|wife|husband|aunt|uncle|niece|nephew|cousin|grandmother|"
    r"grandfather|grandson|granddaughter|grandchild|stepson|stepdaughter|stepmother|stepfather|fianc[eé]e?|"
    r"girlfriend|boyfriend|widow|widower|mum|dad|mom)(?:-in-law)?"
)
# A kinship noun opening the sentence of a name, before it ("His son, who gave his name as J Wong, said").
_KIN_BEFORE = re.compile(rf"\b{KIN}\b", re.IGNORECASE)
# Where a sentence ends before a name: a stop and a space, or a line's end.
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s|\n")


def _opening(text: str, start: int) -> int:
    """Where the sentence holding ``start`` opens (looked for over the 300 characters before it)."""
    return max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=0)


def _kin_of(text: str, start: int) -> bool:
    """Whether the sentence holding the name at ``start`` writes a kinship noun before it: the name is given as
    someone's relative ("His son, who asked to be identified as J Wong, ...")."""
    return _KIN_BEFORE.search(text, _opening(text, start), start) is not None


# Capitalised words right after a name ("Wang" of "the Wang Fuk Court development"): one at least.
_CAPITALISED_RUN = re.compile(r"(?: [A-Z][\w’'-]*)+")


def _alone_first(text: str, mentions: Sequence[Mention]) -> frozenset[str]:
    """The surnames ``text`` writes alone as a person's, in a paragraph (its first line, a headline's place, aside)
    before the one where it first names someone of that surname in full, that full name given as a relative (a
    kinship noun before it in its sentence): "71-year-old Wong" over four paragraphs before "His son, who asked to
    be identified as J Wong" is a man the article knows by his surname alone, not the son. A surname written alone
    before a full name given otherwise ("President Trump" two paragraphs before "Donald Trump's administration"),
    in the full name's paragraph ("“Yunus is a puppet,” the source said of Muhammad Yunus") or after it is that
    person's, as before."""
    first_full: dict[str, int] = {}
    for m in mentions:
        words = _words(m.text)
        if m.type == "PERSON" and len(words) > 1:
            first_full.setdefault(skeleton(words[-1]), m.start)
    if not first_full:
        return frozenset()
    opening = text.find("\n")
    alone = set()
    for m in mentions:
        words = _words(m.text)
        if m.type != "PERSON" or len(words) != 1 or not 0 <= opening < m.start:
            continue
        full = first_full.get(skeleton(words[0]))
        if full is not None and m.start < full and text.find("\n", m.end, full) >= 0 and _kin_of(text, full):
            alone.add(m.text)
    return frozenset(alone)


def _shared(text: str, full: Iterable[Mention]) -> dict[str, list[tuple[int, str]]]:
    """For each surname (its :func:`skeleton`) two or more people named in full among ``full`` (linked mentions of
    ``text``) share, where each of them is named: (start, entity id) in text order. A full name given as the relative
    of someone of that surname named before it in its sentence ("President Joe Biden pardoned his son Hunter Biden")
    is not counted: the sentence is of the one named first, whom a bare "Biden" after it goes on naming."""
    by_surname: dict[str, list[tuple[int, str]]] = {}
    for m in sorted(full, key=lambda m: m.start):
        words = _words(m.text)
        if m.type == "PERSON" and len(words) > 1 and m.entity_id:
            named = by_surname.setdefault(skeleton(words[-1]), [])
            opening = _opening(text, m.start) if named and named[-1][1] != m.entity_id else m.start
            if any(opening <= at and i != m.entity_id for at, i in named) and _kin_of(text, m.start):
                continue  # a relative named in passing in another's sentence
            named.append((m.start, m.entity_id))
    return {k: v for k, v in by_surname.items() if len({i for _, i in v}) > 1}


class Linker:
    """Links mentions to entities, starting from the entities already stored; ``stored`` reads where the store
    names one (for what earlier runs' articles said of a name another spelling may join, see :meth:`_told_alike`).
    """

    def __init__(self, known: Iterable[Entity] = (), stored: StoredMentions | None = None) -> None:
        # Each index maps a key to the ids under it as an ordered set (a dict of each id's place, a number that
        # grows with each entry): looked up, added to and taken from in constant time, however many entities
        # share a key, and two of them intersected from the smaller in the larger's order.
        self._entries = 0
        self._known: dict[str, _Known] = {}
        self.stored = stored
        self._stored_told: dict[str, frozenset[str]] = {}
        # What each stored mention's text says of it (:func:`context.context` of its window and name), kept across
        # batches: a settle forgets an entity's ``_stored_told`` (its new mentions are stored), and the entity's
        # stored mentions read again are mostly the ones read before.
        self._window_told: dict[tuple[str, str], frozenset[str]] = {}
        self._by_surname: dict[str, dict[str, int]] = {}
        # Organisations by the skeleton of their name's first and last words ("Greywater", "Gazette"), and
        # organisations and places by acronym ("MPA"), for short forms and acronyms.
        self._by_part: dict[str, dict[str, int]] = {}
        self._by_acronym: dict[str, dict[str, int]] = {}
        # Every name by the consonant key of its last word (Rahman, Rahaman), and people by the key of each word
        # of their full names (Asaduzzaman of Asaduzzaman Khan Kamal), for other spellings and shorter forms.
        self._by_sound: dict[str, dict[str, int]] = {}
        self._by_word: dict[str, dict[str, int]] = {}
        # Every name by the letters of its last word in any order after the first (Dalwa, Dawla), for letters
        # swapped (see :func:`_swapped`).
        self._by_letters: dict[str, dict[str, int]] = {}
        # The people under each key of those three indexes grouped by the skeletons of their names' last words
        # (every alias's, :func:`_last`), and what each person is under: a person's name matches another only
        # where their last words are one word spelled two ways (:meth:`_named`), so a lookup compares the few
        # distinct last words of a key, not every person under it (decision 0041).
        self._lasts: dict[int, dict[str, dict[str, dict[str, None]]]] = {
            id(self._by_surname): {},
            id(self._by_sound): {},
            id(self._by_letters): {},
        }
        # And the same people by their full names' last words and first names' initials (:func:`_initial`), a
        # person known by no full name under "" (by the last words of its one-word names): a full name is compared
        # only with the people of its surname and its initial, and those known by the surname alone (decision
        # 0041), however many others of that surname the store holds.
        self._firsts: dict[int, dict[str, dict[str, dict[str, dict[str, None]]]]] = {
            id(self._by_surname): {},
            id(self._by_sound): {},
            id(self._by_letters): {},
        }
        self._person_signs: dict[str, set[tuple[str, str]]] = {}
        # What a lookup of a name written alone found (``_people_named``), by its last word's skeleton (the three keys
        # it reads are worked out from it): the ids in the scan's order, kept until a person is added under one of
        # those keys, taken from one, or given another last word there (:meth:`_touched`), since only those change
        # the answer; and which of them each key's answer served (decision 0041, revision of 2026-12-05, late
        # morning). A batch asks a surname again and again (about 20,000 lookups for 1,000 articles), and each
        # answer is a union of every person of that surname under three keys, sorted by place: as many as the store
        # holds of that surname.
        # The answer is kept as the people themselves (a person's ``_Known`` is replaced only as a settle takes it in,
        # which touches its keys), not looked up id by id at each lookup (decision 0041, revision of 2026-12-05,
        # afternoon).
        self._bare: dict[str, tuple[_Known, ...]] = {}
        self._bare_under: dict[tuple[int, str], set[str]] = {}
        # What the lookup of a full name found before its people were compared with it (``_full_scan``): the ids under
        # its three keys' groups by surname and first name (``_firsts``), in the scan's order; kept until a group of one
        # of those keys is written (a person's sign or key added or dropped there, :meth:`_full_touched`) or an entity
        # is taken from one of the keys (a settle, which puts it back at the end, with another place), since only
        # those change it. A full name is asked again and again (seven lookups in ten of a run over 2,000 articles
        # gave the answer the name had last got; decision 0041, revision of 2026-12-06, evening).
        self._full: dict[str, tuple[str, ...]] = {}
        self._full_under: dict[tuple[int, str], set[str]] = {}
        # What a lookup of an organisation's or a place's name found (``_bodies_named``), by the name and the kind it
        # was asked as: the ids of the entities under its three keys with a name of its form spelled alike, in the
        # scan's order, before their kinds are asked; kept until an entity is taken from one of those keys or a form
        # is added to a group of one (:meth:`_forms_touched`), since only those change it (the kinds are asked of the
        # entities as they stand at each lookup). A name is asked again and again: most often nothing changed under
        # its keys since (three in four lookups of a run over 2,000 articles; decision 0041, revision of
        # 2026-12-06, mid-afternoon).
        self._bodies: dict[tuple[str, str], tuple[str, ...]] = {}
        self._bodies_under: dict[tuple[int, str], set[tuple[str, str]]] = {}
        # The other entities under each key of those three indexes grouped by their names as
        # :func:`same_name` compares them (:func:`_form`), each name for every key the entity is under: a name of
        # an organisation or place is compared once with each distinct name under its keys, not with every alias
        # of every entity there. And the places and bodies by their whole names' skeletons, for a name that is one.
        self._forms: dict[int, dict[str, dict[str, dict[str, None]]]] = {
            id(self._by_surname): {},
            id(self._by_sound): {},
            id(self._by_letters): {},
        }
        self._entity_forms: dict[str, tuple[set[tuple[int, str]], set[str]]] = {}
        # The keys of those three indexes whose groups (``_lasts``, ``_firsts``, ``_forms``) are made: a key's groups
        # are made from what each entity under it is under and named by (``_person_keys``, ``_person_lasts``,
        # ``_person_signs``, ``_entity_forms``) when a lookup first reads them (:meth:`_made`), and kept up to date
        # from then on. A Linker built from the store makes none: a run makes those its lookups read (a 100-article
        # run at 49,000 stored about a third of them), each in one go, rather than every group alias by alias as the
        # Linker is built (decision 0041, revision of 2026-12-05, noon).
        self._made_keys: set[tuple[int, str]] = set()
        self._by_whole: dict[str, dict[str, int]] = {}
        self._person_keys: dict[str, set[tuple[int, str]]] = {}
        # The people with a full name of three parts or more: the only ones a name of two parts can be a shorter
        # form of (:meth:`_longer_forms`).
        self._long: set[str] = set()
        # People by each pair of their full names' parts' consonant keys, in order ("aslm kmr" of Aslam Khan Kamar):
        # a longer or shorter form of a name is looked up by two of its words, not by each word alone (decision
        # 0041).
        self._by_pair: dict[str, dict[str, int]] = {}
        self._person_lasts: dict[str, set[str]] = {}
        # People by each full name's family name (its skeleton) and whether it is written family name first ("1 lam"
        # for "Lam Wai-Kit", "0 lam" for "Kevin Lam"): the holders of an office looked up by family name
        # (:meth:`_same_office`) are read there, not among every person under the family name's sound.
        self._by_family: dict[str, dict[str, int]] = {}
        # Surnames of the people known by a full name, kept as names are added (not rebuilt for each article).
        self._person_surnames: set[str] = set()
        self._person_sounds: set[str] = set()
        # Places and bodies of three words or more by their words with one of them rhymed (:func:`_frames`), for
        # a name respelled in one word ("Wang Fuk Court", "Hong Fuk Court").
        self._by_frame: dict[str, dict[str, int]] = {}
        # The texts of the batch being linked, and how many of them hold each word (counted when first needed),
        # for the words still particular to a few (:mod:`newsdesk.extract.context`).
        self._texts: list[str] = []
        self._counted: context.Held | None = None
        # The type most mentions of a name have over the store and the batch being linked (``_link_articles``'s
        # ``majority``, by :func:`_type_key`); None outside a batch.
        self._majority: Callable[[str], str | None] | None = None
        # Of the article whose one-word names are being linked: the surnames it writes alone before a paragraph
        # naming someone of that surname in full (:func:`_alone_first`), and, for a surname two or more people it
        # names in full share, where each of them is named ((start, entity id) in text order).
        self._alone_here: frozenset[str] = frozenset()
        self._shared_here: dict[str, list[tuple[int, str]]] = {}
        # Of the article being linked: its bodies of a state written after a country's possessive, by span, as
        # written with it ("Britain's Defence Ministry", :meth:`_owners_before`); and of each article of the batch,
        # the bodies it names as a country's, by the :func:`_form` of their name without the country, for the same
        # name written without one there ("the Defence Ministry").
        self._owned_names: dict[tuple[int, int], str] = {}
        # Of the article being linked: the countries it names (:func:`_countries_named`); None outside
        # :meth:`link_articles`.
        self._countries_here: frozenset[str] | None = None
        # Of the article whose one-word names are being linked: its people's words that name their state, by span,
        # with the article's mention of the place (:func:`_states_by_their_people`: "Russian officials", "Russia").
        self._states_here: dict[tuple[int, int], Mention] = {}
        self._owned_in: dict[str, dict[str, set[str]]] = {}
        # Which organisations' aliases the text last asked about writes (``_short_form_of``), by alias.
        self._written_in: str | None = None
        self._written: dict[str, bool] = {}
        # Ids in the order they first changed (a dict, not a set: the store writes new entities in this order, and
        # a later run's Linker is built in the store's order, so it must not follow the hash seed).
        self.changed: dict[str, None] = {}
        # The ids settled (their entries taken out and put in again at the indexes' end) since the Linker was built
        # or last brought back to the store's order (:meth:`next_run`), in the order they were first settled.
        self._moved: dict[str, None] = {}
        # The ids :meth:`_retype` gave another type since then, each with the keys its aliases were entered under as
        # it was given it (each index's ``id`` and key): it is still under its old type's keys (and noted in the
        # groups by its old type's forms), which a Linker built from the store does not hold, so :meth:`next_run`
        # takes out those its record's names do not give (decision 0099, revised in the seventh session).
        self._types_changed: dict[str, set[tuple[int, str]]] = {}
        # How many people lookups by name have handed to :meth:`_named` (for the test that it stays bounded).
        self.compared = 0
        # How the known entities' names vote on their type (see ``_word_types``), kept up to date for the
        # entities whose names changed (``_unvoted``) rather than counted again over every entity for each batch:
        # each entity's share of the votes, and the voted words by their first four letters and consonant key.
        self._votes: dict[str, dict[str, int]] = {}
        self._voted: dict[str, list[tuple[str, str, int]]] = {}
        self._keyed: _Keyed = {}
        # (A dict, not a set: the first count reads every stored entity in the store's order, later ones the
        # changed entities in the order they changed. The order a key's kinds and ``_keyed``'s spellings are
        # counted in decides a tie, so it must not follow the hash seed: decision 0098, fifth session.)
        self._unvoted: dict[str, None] = {}
        # What each lookup by spelling found under a key, and how many of the key's entries it had read
        # (``_alike``): the groups under a key are only ever added to, so a name looked up again reads only the
        # entries added since (decision 0041, last revision).
        self._read: dict[tuple[int, Callable[[str, str], bool], str], tuple[int, tuple[str, ...]]] = {}
        # Whether a full name is a person's (``_named``), with the person asked and how many of its aliases were read
        # (``_people_named``).
        self._compared: dict[tuple[str, str], tuple[_Known, int, bool]] = {}
        # Whether a full name conflicts with a person's full names (``_conflicts``), with the person asked and how many
        # of its full names were read.
        self._conflicting: dict[tuple[str, str], tuple[_Known, int, bool]] = {}
        # Each such group's names by their :func:`_shape`, as far as a lookup has read it.
        self._shapes: dict[int, _Shaped] = {}
        with _collector_paused():
            self._build(known)

    def _build(self, known: Iterable[Entity]) -> None:
        """Hold and index the stored entities ``known``, in their order, as :meth:`_add` does for each (the same
        entries, places, notes and sets, written by the same steps in the same order), in one loop: each alias's
        words, last word and keys worked out once and written where :meth:`_index`, :meth:`_keys`, :meth:`_group`
        and :meth:`_group_forms` would write them with no group made and no answer kept, as none is while the Linker
        is built (decision 0041, revision of 2026-12-06, early afternoon)."""
        by_surname, by_sound, by_letters = self._by_surname, self._by_sound, self._by_letters
        by_word, by_pair, by_family = self._by_word, self._by_pair, self._by_family
        under3 = (id(by_surname), id(by_sound), id(by_letters))
        known_, unvoted, long_ = self._known, self._unvoted, self._long
        person_surnames, person_sounds = self._person_surnames, self._person_sounds
        person_lasts, person_keys, person_signs = self._person_lasts, self._person_keys, self._person_signs
        entity_forms = self._entity_forms
        from_record, split, last_of, sound_, letters_ = self._from_record, _split, _last, sound, _letters
        entries = self._entries
        for rank, e in enumerate(known):
            # Each entity's entries numbered from its place in the store's order times _PLACES (the same order as
            # numbers counted on, entity after entity): :meth:`next_run` can put an entity a run moved back at its
            # place, among the others' numbers (decision 0099).
            entries = max(entries, rank * _PLACES)
            k = from_record(e)
            kid, kind = k.id, k.type
            known_[kid] = k
            unvoted[kid] = None
            person = kind == "PERSON"
            for alias in k.aliases:
                words = split(alias)
                if not words:
                    continue
                end = words[-1]
                last, end_sound, end_letters = last_of(alias), sound_(end), letters_(end)
                keys: list[tuple[dict[str, dict[str, int]], str]] = [
                    (by_surname, last[:4]),
                    (by_sound, end_sound),
                    (by_letters, end_letters),
                ]
                several = len(words) > 1
                first = False
                if person:
                    first = family_first(alias)
                    if first:
                        keys.append((by_sound, sound_(words[0])))
                    if several:
                        person_surnames.add(last)
                        person_sounds.add(end_sound)
                        parts = _parts(alias)
                        sounds = [sound_(p) for p in parts]
                        keys += [(by_word, key) for key in sounds]
                        keys += [(by_pair, f"{a} {b}") for a, b in itertools.combinations(sounds, 2)]
                        keys.append((by_family, f"{int(first)} {skeleton(words[0] if first else end)}"))
                else:
                    self._body_keys(keys, alias, kind, words)
                if several:
                    k.has_full = True
                entries = _entered(keys, kid, entries)
                under = [
                    (under3[0], keys[0][1]),
                    (under3[1], keys[1][1]),
                    (under3[2], keys[2][1]),
                ]
                if not person:
                    # :meth:`_group_forms`, no group made.
                    noted = entity_forms.get(kid)
                    if noted is None:
                        noted = entity_forms[kid] = (set(), set())
                    noted[1].add(_form(alias, kind))
                    noted[0].update(under)
                    continue
                if first:
                    under.append((under3[1], keys[3][1]))
                # :meth:`_group`, no group made and no answer kept.
                lasts = person_lasts.get(kid)
                if lasts is None:
                    lasts = person_lasts[kid] = set()
                noted_keys = person_keys.get(kid)
                if noted_keys is None:
                    noted_keys = person_keys[kid] = set()
                lasts.add(last)
                signs = person_signs.get(kid)
                if signs is None:
                    signs = person_signs[kid] = set()
                new_signs, bare = _signs_of(k, words, last, signs)
                if bare:
                    signs -= bare
                new_signs -= signs
                if new_signs:
                    signs |= new_signs
                noted_keys.update(under)
                if several and len(parts) >= 3:
                    long_.add(kid)
        self._entries = entries

    @staticmethod
    def _from_record(e: Entity) -> _Known:
        """An entity as a Linker built from the store holds it."""
        # Stored counts are kept by weighting each alias; exact per-alias counts are not needed to rank names.
        per = max(1, e.mentions // max(1, len(e.aliases)))
        n = len(e.roles)
        k = _Known(
            id=e.id,
            type=e.type,
            aliases=_counter(dict.fromkeys(e.aliases, per)),
            roles=_counter({role: n - i for i, role in enumerate(e.roles)}),
            stored_articles=e.articles,
        )
        # (Whether it has a full name is noted as its aliases are indexed, :meth:`_index`.)
        k.total = per * len(k.aliases)
        return k

    def _add(
        self,
        k: _Known,
        keyed: dict[str, list[tuple[dict[str, dict[str, int]], str]]] | None = None,
        *,
        grouped: bool = True,
    ) -> None:
        """Hold ``k`` and index its aliases (``keyed``: the keys :meth:`_keys` gives for some of them, worked out
        already for an entity of its type; not ``grouped``: what it is under and named by in the groups is noted
        already, see :meth:`_settle`)."""
        self._known[k.id] = k
        self._unvoted[k.id] = None
        if keyed:
            for alias in k.aliases:
                self._index(k, alias, keyed.get(alias), grouped=grouped)
        else:
            for alias in k.aliases:
                self._index(k, alias, grouped=grouped)

    def settle(self, stored: Iterable[Entity]) -> None:
        """Take the entity records just written to the store (``entities(changed)``) as the linker's own, as a
        Linker built anew from the store would hold them, and start a new batch: so that one Linker serves a
        whole run (decision 0006) instead of one rebuilt from every stored entity for each batch."""
        with kept_out_of_collections():
            self._settle(stored)

    def _settle(self, stored: Iterable[Entity]) -> None:
        for e in stored:
            self._moved[e.id] = None
            old = self._known.get(e.id)
            # The keys of the aliases it had, handed to its record's indexing (the same aliases mostly, of the same
            # type: :meth:`_keys` depends on nothing else, decision 0041, revision of 2026-12-05, afternoon).
            keyed: dict[str, list[tuple[dict[str, dict[str, int]], str]]] = {}
            # A record of the same type and names (a person's and a body's always, a place's unless a people's word
            # was linked to it): what it is under and named by (its last words, signs and forms, each under its keys)
            # is what its record's aliases give, in the groups and beside them, so they are left as they are (a
            # group's order is never read: its entities are taken as a set and sorted by the index's places); only
            # the indexes, whose order is read, take it out and in again at their end (decision 0041, revision of
            # 2026-12-05, evening).
            kept = old is not None and old.type == e.type and old.aliases.keys() == set(e.aliases)
            if old is not None:
                for alias in old.aliases:
                    their = keyed[alias] = self._keys(old, alias)
                    for index, key in their:
                        ids = index.get(key)
                        if ids is not None:
                            ids.pop(old.id, None)
                        if self._bare_under:
                            self._touched(id(index), key)
                        if self._full_under:
                            self._full_touched(id(index), key)
                        if self._bodies_under:
                            self._forms_touched(id(index), key)
            if old is not None and kept:
                if self._bare_under:
                    for grouped, key in self._person_keys.get(old.id, ()):
                        self._touched(grouped, key)
            elif old is not None:
                self._long.discard(old.id)
                signs = self._person_signs.pop(old.id, set())
                made = self._made_keys
                for grouped, key in self._person_keys.pop(old.id, ()):
                    if self._bare_under:
                        self._touched(grouped, key)
                    if self._full_under:
                        self._full_touched(grouped, key)
                    if (grouped, key) not in made:
                        continue
                    for last in self._person_lasts[old.id]:
                        self._lasts[grouped][key][last].pop(old.id, None)
                    for last, initial in signs:
                        self._firsts[grouped][key][last][initial].pop(old.id, None)
                self._person_lasts.pop(old.id, None)
                keys, forms = self._entity_forms.pop(old.id, (set(), set()))
                for grouped, key in keys:
                    if (grouped, key) not in made:
                        continue
                    for form in forms:
                        self._forms[grouped][key][form].pop(old.id, None)
                    if self._bodies_under:
                        self._forms_touched(grouped, key)
            if old is not None and old.type == e.type:
                self._add(self._from_record(e), keyed=keyed, grouped=not kept)
            else:
                self._add(self._from_record(e))
            # Its mentions are stored now: what they say is read from the store when next needed.
            self._stored_told.pop(e.id, None)
        self.changed.clear()

    def next_run(self, order: Sequence[str]) -> bool:
        """Make this Linker, which served a run whose records are all written (every batch settled), what a Linker
        built from the store would be as the next run starts (decision 0099): ``order`` is the stored entities' ids
        in the store's order (``Store.entity_ids``). False, and nothing changed, when the Linker does not hold
        exactly those entities (the store was written by something else): build one from the store.

        An entity the run gave another type (:meth:`_retype`, which leaves it under its old type's keys and noted by
        its old type's forms too) is taken out of the keys its record's names do not give and noted by its record's
        forms alone (:meth:`_retyped_out`). Each entity a settle moved to the indexes' end is put back at its place
        in the store's order (the numbers :meth:`_build` gives it) and the keys it is under sorted again; the held
        entities, and their votes counted afresh, in the store's order; the surnames known noted again from the
        held names (a settle leaves those of a name given up); the keys emptied let go. What lookups remembered is
        forgotten, as a built Linker has none: only the indexes, the groups made (whose order is never read) and
        each entity's notes are kept."""
        known = self._known
        if self.changed or len(order) != len(known) or not all(kid in known for kid in order):
            return False
        indexes = {
            id(index): index
            for index in (
                self._by_surname,
                self._by_sound,
                self._by_letters,
                self._by_word,
                self._by_pair,
                self._by_family,
                self._by_part,
                self._by_acronym,
                self._by_frame,
                self._by_whole,
            )
        }
        moved = self._moved
        for kid, stale in self._types_changed.items():
            self._retyped_out(known[kid], stale, indexes)
            moved[kid] = None
        self._types_changed = {}
        touched: set[tuple[int, str]] = set()
        if moved:
            for rank, kid in enumerate(order):
                if kid not in moved:
                    continue
                k = known[kid]
                place = rank * _PLACES
                entered: set[tuple[int, str]] = set()  # (as _entered: once a key, for its first alias there)
                for alias in k.aliases:
                    for index, key in self._keys(k, alias):
                        under = (id(index), key)
                        if under in entered:
                            continue
                        entered.add(under)
                        index[key][kid] = place
                        place += 1
                touched |= entered
        for grouped, key in touched:
            index = indexes[grouped]
            ids = index[key]
            places = list(ids.values())
            if any(a > b for a, b in itertools.pairwise(places)):
                index[key] = dict(sorted(ids.items(), key=operator.itemgetter(1)))
        for index in indexes.values():
            for key in [key for key, ids in index.items() if not ids]:
                del index[key]
        self._entries = len(order) * _PLACES
        if list(known) != list(order):
            self._known = known = {kid: known[kid] for kid in order}
        self._moved = {}
        # The first votes of a built Linker: every entity's, in the store's order.
        self._votes, self._voted, self._keyed = {}, {}, {}
        self._unvoted = dict.fromkeys(known)
        self._person_surnames.clear()
        self._person_sounds.clear()
        for k in known.values():
            if k.type != "PERSON":
                continue
            for alias in k.aliases:
                words = _split(alias)
                if len(words) > 1:
                    self._person_surnames.add(_last(alias))
                    self._person_sounds.add(sound(words[-1]))
        for remembered in (
            self._bare,
            self._bare_under,
            self._full,
            self._full_under,
            self._bodies,
            self._bodies_under,
            self._read,
            self._compared,
            self._conflicting,
            self._shapes,
            self._stored_told,
            self._window_told,
        ):
            remembered.clear()
        return True

    def _retyped_out(
        self, k: _Known, entered: set[tuple[int, str]], indexes: dict[int, dict[str, dict[str, int]]]
    ) -> None:
        """Hold entity ``k``, settled after :meth:`_retype` gave it another type, as a Linker built from its record
        does: out of the keys of ``indexes`` (by ``id``) it was ``entered`` under as a type it no longer has that
        its names do not give, and noted in the groups by its names' forms as its type makes them (only those).
        The entries its names do give are its settle's, put back at its place by :meth:`next_run`. A retype gives
        a place's or a body's type to a place or a body (:meth:`_match`), never a person's, whose notes are others."""
        kid, kind = k.id, k.type
        given: set[tuple[int, str]] = set()
        under: set[tuple[int, str]] = set()
        forms: set[str] = set()
        for alias in k.aliases:
            keys = self._keys(k, alias)
            if not keys:
                continue
            given.update((id(index), key) for index, key in keys)
            under.update((id(index), key) for index, key in keys[:3])
            forms.add(_form(alias, kind))
        for grouped, key in entered - given:
            ids = indexes[grouped].get(key)
            if ids is not None:
                ids.pop(kid, None)
        made = self._made_keys
        noted_keys, noted_forms = self._entity_forms.pop(kid, (set(), set()))
        for grouped, key in noted_keys:
            if (grouped, key) not in made:
                continue
            by_form = self._forms[grouped][key]
            for form in noted_forms:
                if (grouped, key) in under and form in forms:
                    continue
                group = by_form.get(form)
                if group is not None:
                    group.pop(kid, None)
                    if not group:
                        del by_form[form]
        for grouped, key in under & made:
            by_form = self._forms[grouped].setdefault(key, {})
            for form in forms:
                by_form.setdefault(form, {})[kid] = None
        if forms:
            self._entity_forms[kid] = (under, forms)

    def _index(
        self,
        k: _Known,
        alias: str,
        keys: list[tuple[dict[str, dict[str, int]], str]] | None = None,
        *,
        grouped: bool = True,
    ) -> None:
        # Done for every alias of every stored entity as a run starts (decision 0041, revision of 2026-12-05,
        # forenoon): each key worked out once for the alias, the three candidate indexes' keys handed to the groups.
        # (``keys``: what :meth:`_keys` gives for it, when worked out already.)
        if keys is None:
            keys = self._keys(k, alias)
        if not keys:
            return
        if len(_split(alias)) > 1:
            k.has_full = True
        kid = k.id
        self._entries = _entered(keys, kid, self._entries)
        if not grouped:
            return
        # The keys of the three candidate indexes open the list (a name written family name first has a fourth).
        if k.type != "PERSON":
            self._group_forms(k, alias, [(id(index), key) for index, key in keys[:3]])
        else:
            words = _split(alias)
            family = len(keys) > 3 and keys[3][0] is self._by_sound
            self._group(k, alias, [(id(index), key) for index, key in keys[: 4 if family else 3]])
            if len(words) > 1 and len(_parts(alias)) >= 3:
                self._long.add(kid)

    def _made(self, index: dict[str, dict[str, int]], key: str) -> None:
        """Make the groups of key ``key`` of candidate index ``index`` (``_lasts``, ``_firsts``, ``_forms``) if no
        lookup has read them yet: each entity under the key, in the index's order, by each of its last words and
        signs (a person) or each of its names' forms (another entity), as :meth:`_group` and :meth:`_group_forms`
        would have noted it had the groups been kept since the Linker was built. What a lookup finds in a group does
        not hang on the order of its names (it is taken as a set and sorted by the index's places), only on which
        entities are there under which names."""
        grouped = id(index)
        if (grouped, key) in self._made_keys:
            return
        self._made_keys.add((grouped, key))
        by_last = self._lasts[grouped].setdefault(key, {})
        by_first = self._firsts[grouped].setdefault(key, {})
        by_form = self._forms[grouped].setdefault(key, {})
        under = (grouped, key)
        # (The dicts bound once, and a group's dict made only where it is missing: it reads every entity under the
        # key, as many as the store holds there.)
        person_keys, person_lasts, person_signs = self._person_keys, self._person_lasts, self._person_signs
        entity_forms = self._entity_forms
        for kid in index.get(key, ()):
            keys = person_keys.get(kid)
            if keys is not None and under in keys:
                for last in person_lasts[kid]:
                    group = by_last.get(last)
                    if group is None:
                        by_last[last] = {kid: None}
                    else:
                        group[kid] = None
                for last, initial in person_signs[kid]:
                    signs = by_first.get(last)
                    if signs is None:
                        by_first[last] = {initial: {kid: None}}
                    elif (group := signs.get(initial)) is None:
                        signs[initial] = {kid: None}
                    else:
                        group[kid] = None
            noted = entity_forms.get(kid)
            if noted is not None and under in noted[0]:
                for form in noted[1]:
                    group = by_form.get(form)
                    if group is None:
                        by_form[form] = {kid: None}
                    else:
                        group[kid] = None

    def _touched(self, grouped: int, key: str) -> None:
        """Forget the lookups of names written alone that read key ``key`` of the candidate index ``grouped`` (an
        ``id``): a person was added there, taken from there or given another last word there."""
        for last in self._bare_under.pop((grouped, key), ()):
            self._bare.pop(last, None)

    def _full_touched(self, grouped: int, key: str) -> None:
        """Forget the lookups of full names that read key ``key`` of the candidate index ``grouped`` (an ``id``): a
        group of the key by surname and first name was written, or an entity was taken from the key."""
        for name in self._full_under.pop((grouped, key), ()):
            self._full.pop(name, None)

    def _group(self, k: _Known, alias: str, under: list[tuple[int, str]]) -> None:
        """Note person ``k`` under each of its keys of the candidate indexes (``under``: those :meth:`_keys` gives
        for ``alias``) by each of its last words."""
        kid = k.id
        made = self._made_keys
        lasts = self._person_lasts.setdefault(kid, set())
        keys = self._person_keys.setdefault(kid, set())
        words = _split(alias)
        last = _last(alias)
        # No group made and no answer kept (a Linker being built from the store): what the person is under and named
        # by is noted, the same sets written by the same steps, without reading its keys for groups to write or answers
        # to forget (decision 0041, revision of 2026-12-06, late morning).
        quiet = not made and not self._bare_under
        new_keys = [] if quiet else [each for each in under if each not in keys]
        if last not in lasts:
            lasts.add(last)
            if not quiet:
                for grouped, key in keys:
                    if (grouped, key) in made:
                        self._lasts[grouped][key].setdefault(last, {})[kid] = None
                    if self._bare_under:
                        self._touched(grouped, key)
        signs = self._person_signs.setdefault(kid, set())
        new_signs, bare = _signs_of(k, words, last, signs)
        if bare:
            if not quiet:
                for grouped, key in keys:
                    if (grouped, key) in made:
                        for sign in bare:
                            self._firsts[grouped][key][sign[0]][""].pop(kid, None)
                        if self._full_under:
                            self._full_touched(grouped, key)
            signs -= bare
        new_signs -= signs
        if new_signs:
            signs |= new_signs
            if not quiet:
                for grouped, key in keys:
                    if (grouped, key) not in made:
                        continue
                    by_first = self._firsts[grouped][key]
                    for each_last, first in new_signs:
                        by_first.setdefault(each_last, {}).setdefault(first, {})[kid] = None
                    if self._full_under:
                        self._full_touched(grouped, key)
        if quiet:
            keys.update(under)
            return
        for grouped, key in new_keys:
            if (grouped, key) in keys:  # ``under`` names a key twice (a family name's sound that is its last's)
                continue
            keys.add((grouped, key))
            if self._bare_under:
                self._touched(grouped, key)
            if (grouped, key) not in made:
                continue
            by_last = self._lasts[grouped].setdefault(key, {})
            for each in lasts:
                by_last.setdefault(each, {})[kid] = None
            by_first = self._firsts[grouped].setdefault(key, {})
            for each_last, initial in signs:
                by_first.setdefault(each_last, {}).setdefault(initial, {})[kid] = None
            if signs and self._full_under:
                self._full_touched(grouped, key)

    def _group_forms(self, k: _Known, alias: str, under: list[tuple[int, str]]) -> None:
        """Note entity ``k`` (no person) under each of its keys of the candidate indexes (``under``: those
        :meth:`_keys` gives for ``alias``) by each of its names' :func:`_form`."""
        made = self._made_keys
        keys, forms = self._entity_forms.setdefault(k.id, (set(), set()))
        form = _form(alias, k.type)
        if form not in forms:
            forms.add(form)
            for grouped, key in keys:
                if (grouped, key) in made:
                    self._forms[grouped][key].setdefault(form, {})[k.id] = None
                    if self._bodies_under:
                        self._forms_touched(grouped, key)
        for each in under:
            if each not in keys:
                keys.add(each)
                if each not in made:
                    continue
                grouped, key = each
                by_form = self._forms[grouped].setdefault(key, {})
                for other in forms:
                    by_form.setdefault(other, {})[k.id] = None
                if self._bodies_under:
                    self._forms_touched(grouped, key)

    def _forms_touched(self, grouped: int, key: str) -> None:
        """Forget the lookups of organisations' and places' names that read key ``key`` of the candidate index
        ``grouped`` (an ``id``): an entity was taken from there, or a form was added to a group there."""
        for asked in self._bodies_under.pop((grouped, key), ()):
            self._bodies.pop(asked, None)

    def _keys(self, k: _Known, alias: str) -> list[tuple[dict[str, dict[str, int]], str]]:
        """The index entries of ``k`` for one of its aliases (noting a person's surname as known): the three
        candidate indexes' first, then, for a person's name written family name first, its family name's sound."""
        words = _split(alias)
        if not words:
            return []
        end = words[-1]
        last, end_sound = _last(alias), sound(end)
        keys = [(self._by_surname, last[:4]), (self._by_sound, end_sound), (self._by_letters, _letters(end))]
        kind = k.type
        if kind == "PERSON":
            first = family_first(alias)
            if first:
                # "Lam Wai-Kit" is found by its family name too, for "Kevin Lam" (see ``_same_office``).
                keys.append((self._by_sound, sound(words[0])))
            if len(words) > 1:
                self._person_surnames.add(last)
                self._person_sounds.add(end_sound)
                sounds = [sound(p) for p in _parts(alias)]
                keys += [(self._by_word, key) for key in sounds]
                keys += [(self._by_pair, f"{a} {b}") for a, b in itertools.combinations(sounds, 2)]
                keys.append((self._by_family, f"{int(first)} {skeleton(words[0] if first else end)}"))
            return keys
        self._body_keys(keys, alias, kind, words)
        return keys

    def _body_keys(
        self, keys: list[tuple[dict[str, dict[str, int]], str]], alias: str, kind: str, words: tuple[str, ...]
    ) -> None:
        """Add to ``keys`` those of an organisation's or a place's alias ``alias`` (its words ``words``) beyond the
        three candidate indexes': its first and last words' skeletons, its acronym, its frames, its whole name."""
        end = words[-1]
        if kind == "ORG" and len(words) > 1:
            keys += [(self._by_part, skeleton(w)) for w in {words[0], end} if w.lower() not in _GENERIC_PARTS]
        if kind in _ACRONYMS and (acronym := _acronym(alias)):
            keys.append((self._by_acronym, acronym))
        if kind in _PLACE_OR_BODY:
            # (:func:`_frames` of a name of fewer than three words is none: not worked out for the many such names.)
            if len(words) >= 3:
                keys += [(self._by_frame, frame) for frame in _frames(alias)]
            keys.append((self._by_whole, skeleton(" ".join(words))))

    def _one_or_local(self, ids: Iterable[str], local: dict[str, str]) -> list[_Known]:
        """The entities of ``ids`` this article names, else the only one there is (none when it is ambiguous)."""
        found = [self._known[i] for i in dict.fromkeys(ids)]
        here = [k for k in found if k.id in local.values()]
        return here or (found if len(found) == 1 else [])

    def _short_form_of(self, word: str, local: dict[str, str], text: str = "", *, here: bool = False) -> list[_Known]:
        """The organisation a lone word opens or ends the name of: "Greywater" for Greywater Terminals, "the
        Gazette" for the Harbour Gazette. A word shared by several organisations goes to the one the article
        names (as a mention, or in its ``text``), else to none; with ``here``, only one the article names counts.
        Words too common to stand for one organisation ("House", "Times"), the surname of a person the article
        names ("Trump" beside the Trump Foundation) and initials opening a name ("UN" of the "UN Climate Change
        secretariat") are no short forms."""
        key = skeleton(word)
        known, ids = self._known, set(local.values())
        if word.lower() in _GENERIC_PARTS or any(
            known[i].type == "PERSON" and any(skeleton(_words(a)[-1]) == key for a in known[i].full) for i in ids
        ):
            return []
        found = [k for i in self._by_part.get(key, ()) if (k := known[i]).type == "ORG"]
        if _capitals(word):
            # Letters in capitals opening a longer name are the parent body it belongs to ("UN" of the "UN Climate
            # Change secretariat", "ICC" of the "ICC Elite Panel"), no short form of it; ending one, they are.
            found = [k for k in found if any(len(w := _words(a)) > 1 and skeleton(w[-1]) == key for a in k.aliases)]
        # Whether the article's text writes an alias is remembered for the text (a word is asked again as the
        # article's names link, and the organisations under it share aliases' words): the same answers.
        if text is not self._written_in:
            self._written_in, self._written = text, {}
        written = self._written
        named = []
        for k in found:
            if k.id in ids:
                named.append(k)
            elif text:
                for a in k.aliases:
                    if " " in a:
                        seen = written.get(a)
                        if seen is None:
                            seen = written[a] = a in text
                        if seen:
                            named.append(k)
                            break
        return named or ([] if here else found if len(found) == 1 else [])

    def _outlet_ending(self, word: str, local: dict[str, str]) -> list[_Known]:
        """The one news outlet this article names whose name ``word`` ends: "the Post" after the "Harbour
        Morning Post". Such words ("Post", "Times") are too common to stand for an organisation named in other
        articles (see :meth:`_short_form_of`), not for the outlet the article itself names."""
        key = word.casefold()
        found = [
            k
            for k in (self._known[i] for i in dict.fromkeys(local.values()))
            if k.type == "ORG"
            and any(len(w := _words(a)) > 1 and w[-1].casefold() == key and _outlet(a) is not None for a in k.aliases)
        ]
        return found if len(found) == 1 else []

    def _same_acronym(self, name: str, kind: str, local: dict[str, str]) -> list[_Known]:
        """The organisation or place that ``name`` is the acronym or the full name of ("MPA", "Meridian Press
        Agency"), when one is known by the other form."""
        acronym = _acronym(name)
        if acronym is None:
            return []
        short = len(_words(name)) == 1
        ids = [
            i
            for i in self._by_acronym.get(acronym, [])
            if self._known[i].type in _COMPATIBLE.get(kind, {kind})
            and any((len(_words(a)) == 1) != short and _acronym(a) == acronym for a in self._known[i].aliases)
        ]
        return self._one_or_local(ids, local)

    def _candidates(self, name: str, kind: str) -> list[_Known]:
        """Known entities of a compatible type under the keys of the name's last word: the full scan the lookups
        (:meth:`_bodies_named`, :meth:`_people_named`, :meth:`_places_named`) answer from their groups, kept as
        their reference (the tests compare them with it)."""
        words = _words(name)
        if not words:
            return []
        ids = dict.fromkeys(
            [
                *self._by_surname.get(skeleton(words[-1])[:4], []),
                *self._by_sound.get(sound(words[-1]), []),
                *self._by_letters.get(_letters(words[-1]), []),
            ]
        )
        allowed = _COMPATIBLE.get(kind, {kind})
        return [self._known[i] for i in ids if self._known[i].type in allowed]

    def _bodies_named(self, name: str, kind: str) -> list[_Known]:
        """``[k for k in self._candidates(name, kind) if self._named(name, kind, k)]`` for a name of an organisation
        or a place (no person), in the order of the index: each distinct name under the name's keys
        (:func:`_form`) is compared once, not every alias of every entity there."""
        words = _words(name)
        if not words:
            return []
        asked = (name, kind)
        ids = self._bodies.get(asked)
        if ids is None:
            ids = self._bodies_scan(name, kind, words)
        allowed = _COMPATIBLE.get(kind, {kind})
        known = self._known
        return _initials_kept(words, [k for i in ids if (k := known[i]).type in allowed])

    def _bodies_scan(self, name: str, kind: str, words: tuple[str, ...]) -> tuple[str, ...]:
        """The entities under the three keys of ``name`` (its words ``words``) with a name of its :func:`_form`
        spelled alike, in the index's order, whatever their kinds; remembered (``_bodies``) until one of those keys
        changes."""
        form, same = _form(name, kind), _near_fitting if kind in _COMPATIBLE["GPE"] else _similar_fitting
        ids: dict[str, None] = {}
        keys = self._keys_of(words[-1], skeleton(words[-1]))
        for index, key in keys:
            found: set[str] = set()
            self._made(index, key)
            forms = self._forms[id(index)].get(key, {})
            for other in self._alike(forms, form, same) if forms else ():
                found.update(forms[other])
            if found:
                place = index[key]
                ids.update(dict.fromkeys(sorted(found, key=place.__getitem__)))
        return _kept(self._bodies, self._bodies_under, (name, kind), tuple(ids), keys)

    def _people_named(self, name: str) -> list[_Known]:
        """``[k for k in self._candidates(name, "PERSON") if self._named(name, "PERSON", k)]`` in the order of the
        index, found without reading every person under the name's keys (decision 0041). A name written alone is
        every person with a name of a last word nearly its own (:func:`same_name`): the people under those last
        words, no name compared. A full name is compared (:meth:`_named`) only with the people under its last word
        spelled another way (:func:`_same_word`, asked once for each distinct last word under the key) and its first
        name's initial, and those known by no full name, under a last word nearly its own: a person with a full
        name of another initial is no match, and one known by that name too is found under its initial."""
        words = _words(name)
        if not words:
            return []
        last = _last(name)
        if len(words) == 1:
            people = self._bare.get(last)
            if people is None:
                known = self._known
                people = self._bare[last] = tuple([known[i] for i in self._bare_scan(last, words[-1])])
            return list(people)
        ids = self._full.get(name)
        if ids is None:
            ids = self._full_scan(name, words, last)
        self.compared += len(ids)
        # Whether a person is the name is remembered with the person as it was asked (its ``_Known``, replaced only as a
        # settle takes its record in) and how many of its aliases were read: a person's aliases are only ever added
        # to at their end, so a name found is found again, and a name not found is compared with the aliases added
        # since only (a batch asks one full name again and again; decision 0041, revision of 2026-12-05, late
        # afternoon).
        known, memo, named = self._known, self._compared, self._named
        out = []
        for i in ids:
            k = known[i]
            seen = memo.get((name, i))
            if seen is not None and seen[0] is k:
                if seen[2]:
                    out.append(k)
                    continue
                read = seen[1]
                if read == len(k.aliases):
                    continue
                hit = any(
                    _same_word(last, _last(a)) and same_name(name, a, "PERSON")
                    for a in itertools.islice(k.aliases, read, None)
                )
            else:
                hit = named(name, "PERSON", k)
            if len(memo) >= _READ_KEPT:  # a long run's answers: started again (the answers are the same)
                memo.clear()
            memo[(name, i)] = (k, len(k.aliases), hit)
            if hit:
                out.append(k)
        return out

    def _full_scan(self, name: str, words: tuple[str, ...], last: str) -> tuple[str, ...]:
        """The people a full name ``name`` (its words ``words``, its last word's skeleton ``last``) is compared with:
        those under its three keys' groups by a last word spelled alike and its first name's keys, and those known by
        no full name under a last word nearly its own, in the index's order; remembered (``_full``) until one of those
        keys changes."""
        firsts = _first_keys(skeleton(words[0]))
        ids: dict[str, None] = {}
        keys = self._keys_of(words[-1], last)
        for index, key in keys:
            found_: set[str] = set()
            self._made(index, key)
            groups = self._firsts[id(index)].get(key, {})
            for other in self._alike(groups, last, _same_word) if groups else ():
                by_first = groups[other]
                for first in firsts:
                    found_.update(by_first.get(first, ()))
                # (A last word nearly the same is one spelled the same way too: ``_same_word`` holds it.)
                if "" in by_first and _similar(last, other):
                    found_.update(by_first[""])
            if found_:
                place = index[key]
                ids.update(dict.fromkeys(sorted(found_, key=place.__getitem__)))
        return _kept(self._full, self._full_under, name, tuple(ids), keys)

    def _keys_of(self, end: str, last: str) -> tuple[tuple[dict[str, dict[str, int]], str], ...]:
        """The three indexes a name is looked up in, each with its key for last word ``end`` (its skeleton
        ``last``): by surname, by sound, by letters."""
        return ((self._by_surname, last[:4]), (self._by_sound, sound(end)), (self._by_letters, _letters(end)))

    def _bare_scan(self, last: str, end: str) -> tuple[str, ...]:
        """The people a name written alone, of last word ``end`` (its skeleton ``last``), may be: those under its
        three keys with a name of a last word nearly its own, in the order of the index; remembered (as the people,
        ``_bare``) until one of those keys changes."""
        ids: dict[str, None] = {}
        keys = self._keys_of(end, last)
        for index, key in keys:
            found: set[str] = set()
            self._made(index, key)
            lasts = self._lasts[id(index)].get(key, {})
            for other in self._alike(lasts, last, _similar_fitting) if lasts else ():
                found.update(lasts[other])
            if found:
                place = index[key]
                ids.update(dict.fromkeys(sorted(found, key=place.__getitem__)))
        answer = tuple(ids)
        for index, key in keys:
            self._bare_under.setdefault((id(index), key), set()).add(last)
        return answer

    def _longer_forms(self, name: str, local: dict[str, str]) -> list[_Known]:
        """People known by a full name that ``name`` (two words or more) is a shorter form of, or that is a
        shorter form of ``name``: looked up by pairs of its words (``_by_pair``), never compared with every person
        of one of its words. A form that only opens the other ("Aslam Khan", "Aslam Khan Kamar") counts where this
        article names both, or where the person is known from two articles or more: a headline's run-on ("Aslam
        Khan Resigns") is one article's slip, and a name another outlet writes short ("Asaduzzaman Khan" of
        "Asaduzzaman Khan Kamal") is the person the others name in full."""
        parts = _parts(name)
        if len(parts) < 2:
            return []
        n = len(parts)
        sounds = [sound(p) for p in parts]
        # Only a name of another number of parts (two at least) is a longer or shorter form (:func:`contains`):
        # one of two parts is looked up among the people with a full name of three parts or more only.
        fits = self._long.__contains__ if n == 2 else lambda _: True
        # A longer name holds this one's first and last words, in order: the people under both (in the order of
        # those under the first word).
        first, last = self._by_word.get(sounds[0], {}), self._by_word.get(sounds[-1], {})
        longer = [i for i in self._by_pair.get(f"{sounds[0]} {sounds[-1]}", {}) if i in first and i in last and fits(i)]
        longer.sort(key=first.__getitem__)
        # A shorter one holds two of this one's words in order and ends on one of them (a name ending on it, in
        # the order of those under each word in turn).
        by_sound = [self._by_sound.get(key, {}) for key in sounds]
        placed: dict[str, tuple[int, int]] = {}
        for a, b in itertools.combinations(sounds, 2):
            for i in self._by_pair.get(f"{a} {b}", {}):
                if i not in placed and fits(i):
                    at = next(((q, ids[i]) for q, ids in enumerate(by_sound) if i in ids), None)
                    if at is not None:
                        placed[i] = at
        ids = dict.fromkeys([*longer, *sorted(placed, key=placed.__getitem__)])
        found = [self._known[i] for i in ids if self._known[i].type == "PERSON"]
        return [
            k
            for k in found
            if any(
                contains(a, name, opening=here) or contains(name, a, opening=here)
                for here in [k.id in local.values() or k.stored_articles + len(k.articles) >= _ESTABLISHED]
                for a in k.full
                if len(_parts(a)) not in (n, 0, 1)
            )
        ]

    def _given_name_of(self, word: str, local: dict[str, str]) -> list[_Known]:
        """The person whose full name opens with ``word``, a name written alone ("Suryakumar" of Suryakumar
        Yadav): the one this article names, else the only one known (none when several are)."""
        key = skeleton(word)
        ids = [
            i
            for i in self._by_word.get(sound(word), [])
            if self._known[i].type == "PERSON" and any(_similar(_parts(a)[0], key) for a in self._known[i].full)
        ]
        return self._one_or_local(ids, local)

    def _larger_body(self, name: str, local: dict[str, str]) -> list[_Known]:
        """The organisation ``name`` is a shorter or longer form of, trades joined with "&" aside
        (:func:`_extends`), or the same name with what it is said in lower case ("party"), found by its first
        word."""
        words = _words(name)
        # "the Awami League party" is the Awami League (its ``_form``). Each alias's words and forms are worked out
        # once (:func:`_body`): ``_extends(a, name)`` is ``lower in extends(a)``, ``_extends(name, a)`` is
        # ``lower(a) in extended`` (decision 0041, revision of 2026-12-05, afternoon).
        lower, extended, form = _body(name)
        ids: Iterable[str] = self._by_part.get(skeleton(words[0]), {})
        known = self._known
        found = [
            i
            for i in ids
            if (k := known[i]).type == "ORG"
            and any(lower in (body := _body(a))[1] or body[0] in extended or body[2] == form for a in k.aliases)
        ]
        return self._one_or_local(found, local)

    def _places_named(self, name: str) -> list[_Known]:
        """Known places and bodies whose name is ``name``, spelling aside: those under its whole name's skeleton
        (an index, no name compared) and under one of its last word's keys, in the order of
        ``[k for t in _PLACE_OR_BODY for k in self._candidates(name, t)]``."""
        words = _words(name)
        whole = self._by_whole.get(skeleton(" ".join(words))) if words else None
        if not whole:
            return []
        first: dict[str, tuple[int, int]] = {}
        for n, index in enumerate((self._by_surname, self._by_sound, self._by_letters)):
            key = (skeleton(words[-1])[:4], sound(words[-1]), _letters(words[-1]))[n]
            under = index.get(key, {})
            for i in whole:
                if i not in first and i in under:
                    first[i] = (n, under[i])
        found = _initials_kept(words, [self._known[i] for i in sorted(first, key=first.__getitem__)])
        return [k for t in _PLACE_OR_BODY for k in found if k.type in _COMPATIBLE[t]]

    def _same_office(self, name: str, role: str | None) -> list[_Known]:
        """People of ``name``'s family name holding ``role``'s office, where one name is written family name
        first and the other is not: "Lam Wai-Kit" and "Kevin Lam" (a Chinese name and the English given name
        its holder goes by), both "Transport Secretary". Only the same office tells them one person: a family
        name alone is shared by many."""
        if not role:
            return []
        first, family = family_first(name), skeleton(_family(name))
        # The people with a full name of that family name written the other way, in the order of those under its
        # sound (where a scan of every person there found them).
        under = self._by_sound.get(sound(family), {})
        ids = sorted(
            (i for i in self._by_family.get(f"{int(not first)} {family}", ()) if i in under), key=under.__getitem__
        )
        return [k for i in ids if (k := self._known[i]).type == "PERSON" and any(same_office(role, r) for r in k.roles)]

    def _respelled_person(self, word: str, local: dict[str, str], text: str) -> list[_Known]:
        """The person a one-word name is another spelling of: one known by a one-word name alike in its consonants
        ("Fung" and "Feng", :func:`_same_word`), that this article does not name, and that the sentences naming
        both say the same particular things of (:func:`context.told_alike`: four words in all, two of them rare
        in the batch: the "mother-in-law" he searched for, the "tormenting" wait). Spelling alone never joins
        them: "Wong" and "Wang" are two families, and two people of alike names are seldom told alike."""
        key, here = skeleton(word), _Told(text, word)
        return [
            k
            for k in self._by_key(self._by_sound, sound(word))
            if k.type == "PERSON"
            and k.id not in local.values()
            and any(len(w := _words(a)) == 1 and _same_word(skeleton(w[0]), key) for a in k.aliases)
            and not any(context.names(text, a) for a in k.aliases)
            and self._told_alike(here.words, k, rare=2, total=4)
        ]

    def _respelled_place(self, name: str, local: dict[str, str], text: str) -> list[_Known]:
        """The place or body of three words or more that ``name`` is with one word read another way ("Hong Fuk
        Court", a Mandarin reading, for the estate written "Wang Fuk Court"): the same other words, one of them
        particular (not "Court" or "Road", see ``_GENERIC_PARTS``), the differing words rhyming
        (:func:`_frames`), this article naming no form of it, and the sentences naming both saying the same
        particular things (three words in all, one of them rare in the batch: the toll of the fire there)."""
        words, here = _folded(name), _Told(text, name)
        found: list[_Known] = []
        for frame in _frames(name):
            for k in self._by_key(self._by_frame, frame):
                if (
                    k not in found
                    and k.type in _PLACE_OR_BODY
                    and k.id not in local.values()
                    and any(
                        frame in _frames(a)
                        and any(x == y and x not in _GENERIC_PARTS for x, y in zip(_folded(a), words, strict=False))
                        for a in k.aliases
                    )
                    and not any(context.names(text, a) for a in k.aliases)
                    and self._told_alike(here.words, k, rare=1, total=3)
                ):
                    found.append(k)
        return found

    def _told_alike(self, here: frozenset[str], k: _Known, *, rare: int, total: int) -> bool:
        """Whether the sentences naming ``k`` (in this run's articles, and in the store's) say what ``here`` says
        (:func:`context.told_alike`, rare words counted over this batch's articles)."""
        if self._counted is None:
            self._counted = context.Held(self._texts)
        told = k.told()
        if k.stored_articles and self.stored is not None:
            if k.id not in self._stored_told:
                said = self._window_told
                if len(said) >= _WINDOWS_KEPT:  # a long run's windows: started again (the answers are the same)
                    said.clear()
                found = []
                for text, name in self.stored(k.id):
                    words = said.get((text, name))
                    if words is None:
                        words = said[(text, name)] = context.context(text, name)
                    found.append(words)
                self._stored_told[k.id] = frozenset().union(*found)
            told |= self._stored_told[k.id]
        limit = context.rare_limit(len(self._texts))
        return context.told_alike(here, told, self._counted, limit, rare=rare, total=total)

    @staticmethod
    def _named(name: str, kind: str, k: _Known) -> bool:
        """Whether one of ``k``'s aliases is ``name`` (:func:`same_name`). A person's surnames are compared first,
        each pair of words once for the run: two names of people are one only when their last words are one word
        spelled two ways (:func:`_same_word`), so most aliases of a surname bucket are passed over at that cost."""
        if kind != "PERSON":
            return any(same_name(name, a, kind) for a in k.aliases)
        last = _last(name)
        return any(_same_word(last, _last(a)) and same_name(name, a, kind) for a in k.aliases)

    def _conflicts(self, name: str, k: _Known) -> bool:
        """``any(_conflict(name, a) for a in k.full)``: whether person ``k`` has a full name of ``name``'s surname with
        another first name. Remembered with the person asked (its ``_Known``) and how many of its full names were
        read: those are only ever added to at their end (as its aliases are), so a conflict found stays found, and
        none found is looked for in the full names added since only (decision 0041, revision of 2026-12-05, late
        afternoon)."""
        full = k.full
        seen = self._conflicting.get((name, k.id))
        if seen is not None and seen[0] is k:
            if seen[2] or seen[1] == len(full):
                return seen[2]
            hit = any(
                _conflict(name, a) and not _family_name_of(a, full) for a in itertools.islice(full, seen[1], None)
            )
        else:
            # (A family name joined by a particle that ends another of its full names, "Corrêa do Lago" beside
            # "André Corrêa do Lago", has no first name for ``name``'s to conflict with.)
            hit = any(_conflict(name, a) and not _family_name_of(a, full) for a in full)
        if len(self._conflicting) >= _READ_KEPT:  # a long run's answers: started again (the answers are the same)
            self._conflicting.clear()
        self._conflicting[(name, k.id)] = (k, len(full), hit)
        return hit

    def _by_key(self, index: dict[str, dict[str, int]], key: str) -> list[_Known]:
        return [self._known[i] for i in index.get(key, {})]

    def _alike(
        self, group: Sequence[str] | dict[str, Any], word: str, same: Callable[[str, str], bool]
    ) -> tuple[str, ...]:
        """``[other for other in group if same(word, other)]``, in the group's order, for a group of the Linker's
        own that is only ever added to at its end (the names under one key of ``_forms`` or ``_lasts``, the voted
        words under one bucket of ``_keyed``): what was found is remembered with how many of the group's entries
        were read, and a later lookup of ``word`` reads only those added since. A name asked again costs its
        matches and the group's new entries, not the whole group, however many names the store holds under the
        key."""
        memo = (id(group), same, word)
        read, found = self._read.get(memo, (0, ()))
        if read < len(group):
            floor = _FLOORS.get(same)
            if floor is None:
                found += tuple(other for other in itertools.islice(group, read, None) if same(word, other))
            else:
                # The comparison is asked only of the names whose length and letters can reach its floor (the same
                # answers, in the same order: a name passed over is one ``same`` would refuse). The names are kept
                # by length (with their places in the group and their letters as bits, :func:`_shape`): the lengths
                # out of reach are passed over whole, and each name's letters are checked here, as ``_reaches``
                # checks them, without a call each, then the letters in common with their repeats, as
                # ``_ratio_at_least`` counts them (:func:`_counted`; the same sum, division and comparison).
                shaped = self._shapes.get(id(group))
                if shaped is None:
                    shaped = self._shapes[id(group)] = _Shaped()
                shaped.extend(group)
                n, bits = _shape(word)
                letters_n = bits.bit_count()
                counted = _counted(word)
                hits: list[tuple[int, str]] = []
                by_size = shaped.by_size
                # Only the lengths within reach are read, each with the least count of letters in common that
                # reaches the floor (``_within``: the same comparisons, of whole numbers): the letters one word
                # writes and the other does not are the letters of each less those they share.
                reach = _within(n, floor) if n else tuple((size, 0) for size in by_size)
                if n and 0 in by_size:
                    reach = ((0, 0), *reach)
                for size, need in reach:
                    kept = by_size.get(size)
                    if kept is None:
                        continue
                    places, names, letters, repeats, counts = kept
                    start = bisect.bisect_left(places, read) if read else 0
                    if not n or not size:
                        hits += [(places[j], names[j]) for j in range(start, len(places)) if same(word, names[j])]
                        continue
                    mine = need - n + letters_n
                    theirs = need - size
                    for j in range(start, len(places)):
                        shared = (bits & letters[j]).bit_count()
                        if shared < mine or shared < theirs + counts[j]:
                            continue
                        both = repeats[j]
                        if counted >= 0 and both >= 0 and (counted & both).bit_count() < need:
                            continue
                        if same(word, names[j]):
                            hits.append((places[j], names[j]))
                hits.sort()
                found += tuple(other for _, other in hits)
            if len(self._read) >= _READ_KEPT:  # a long run's lookups: started again (the answers are the same)
                self._read.clear()
            self._read[memo] = (len(group), found)
        return found

    def _match(
        self,
        name: str,
        kind: str,
        local: dict[str, str],
        text: str = "",
        role: str | None = None,
        owner: str | None = None,
        whole: bool = True,
    ) -> _Known | None:
        words = _words(name)
        if not words:
            return None
        if kind == "ORG" and owner is None and (owned := _owned(name)):
            owner = owned[0]
        # The entities this article names, as a set: asked of every candidate, as many as a surname's people.
        here = set(local.values())
        candidates = self._people_named(name) if kind == "PERSON" else self._bodies_named(name, kind)
        if whole and kind in _COUNTRY_KINDS and (forms := countries.names_of(name)):
            # "America", "the U.S." and "the United States" are one country: the place known by its first name of
            # the country's own and short names (the country's own name first), whichever this one is. A capital
            # ("Washington") and a longer name ("Latin America", "Bank of America") are names of their own, and so
            # is one the model cut out of a longer name (``whole``: "Progressive Democrats of America").
            candidates = next(
                (
                    found
                    for form in forms
                    if (found := [k for k in self._places_named(form) if k.type in _COUNTRY_KINDS])
                ),
                candidates,
            )
        if len(words) == 1 and text and (name in self._alone_here or introduced_by_surname(name, text)):
            # "A woman surnamed Wong", "who gave only her surname, Ng": someone this article alone knows, never
            # the better-known person of that surname another article names, nor one it names in full ("Mr Wong,
            # who asked to be identified only by his surname" is not "Mr J. Wong", his son): the person it links
            # that surname to already, or someone new.
            return self._known.get(local[name]) if name in local else None
        if kind == "PERSON" and len(words) > 1:
            # (Every candidate is the Linker's own ``_Known`` of its id: one is among the others when its id is.)
            ids = set(map(_ID, candidates))
            candidates += [k for k in self._longer_forms(name, local) if k.id not in ids]
            ids = set(map(_ID, candidates))
            candidates += [k for k in self._same_office(name, role) if k.id not in ids]
        if not candidates and kind == "ORG" and (turned := _turned(name)) is not None:
            candidates = self._bodies_named(turned, kind)  # the same body named the other way round
        if not candidates and kind == "ORG" and len(words) > 1:
            candidates = self._larger_body(name, local)
        if kind == "ORG" and len(words) == 1:
            # The article's own "Courier" is the Courier it names, even if another article's stood alone. An
            # acronym is first the known body it abbreviates: "MPA" beside "MPA Appeals Panel" is still the
            # Meridian Press Agency (the panel is one of its bodies).
            candidates = (
                (_acronym(name) and self._same_acronym(name, kind, local))
                or self._short_form_of(words[0], local, text, here=True)
                or self._outlet_ending(words[0], local)
                or candidates
            )
        if not candidates and kind in _PLACE_OR_BODY:
            # "Crimea" tagged a place in one sentence and an organisation in the next is still Crimea. But where
            # most mentions of the name, stored and new, have this one's kind, the known entity of the other kind
            # known by that name alone was the model's slip and takes this kind: "Netflix", a company in 73
            # mentions, was a place in an earlier run's 4.
            candidates = self._places_named(name)
            if candidates and self._typed_so(name, kind):
                self._retype([k for k in candidates if k.type != kind], name, kind)
        if not candidates and kind in _PLACE_OR_BODY and len(words) >= 3 and text:
            candidates = self._respelled_place(name, local, text)
        if not candidates and kind in _ACRONYMS:
            candidates = self._same_acronym(name, kind, local)
        if not candidates and kind == "ORG" and len(words) == 1:
            candidates = self._short_form_of(words[0], local, text)
        if kind == "PERSON" and len(words) == 1 and here.isdisjoint(map(_ID, candidates)):
            # A bare word the model called a person ("Veloria says ...") that names a known place or body is
            # that place, unless this article names a person of that surname.
            candidates = self._places_named(name) or candidates
            if not candidates:
                # Nor is one that opens or ends a known organisation's name ("Greywater has not commented").
                # Only where the article names that organisation: "Stanley" alone is no Morgan Stanley.
                candidates = self._short_form_of(words[0], local, text, here=True)
            if not candidates:
                # A name some people are called by alone is their given name ("Suryakumar").
                candidates = self._given_name_of(words[0], local)
            if not candidates and text:
                # Or another outlet's spelling of one told alike ("Fung" and "Feng").
                candidates = self._respelled_person(words[0], local, text)
        if not candidates and kind != "PERSON" and len(words) == 1:
            # The small model often tags a bare surname as an organisation or a place ("Zelenskyy said"):
            # it is the person when a person of that surname is known by full name. A word tagged a place
            # joins only a person this article names (a town may share a politician's surname), and a place
            # or body already known by that name keeps it (above).
            # A place in capitals is a dateline's ("WASHINGTON -"), never Kerry Washington's surname.
            candidates = [
                k
                for k in self._people_named(name)
                if k.full
                and any(same_name(name, a, "PERSON") for a in k.full)
                and (kind not in {"GPE", "LOC"} or (k.id in here and not _shouted(name)))
            ]
        if kind == "PERSON" and len(words) > 1:
            # A full name never joins a person whose full names have its surname with another first name; but a
            # family name of words joined by a particle ("Corrêa do Lago") has no first name to conflict: it is
            # the person whose full name it ends ("André Corrêa do Lago"), whatever other spellings they have.
            candidates = [k for k in candidates if not self._conflicts(name, k) or _family_name_of(name, k.full)]
        if kind in _PLACE_OR_BODY and len(words) == 1 and words[0].lower() in _GENERIC_PARTS:
            # "Post" written alone joins a body with a longer name ("the Post" of an outlet) only where the
            # article names it.
            candidates = [k for k in candidates if k.id in here or not k.full]
        if owner is not None:
            # A country's body is never another country's: "Russia's Defence Ministry" is not "Britain's", nor the
            # "Iraqi Foreign Ministry" the "Iranian" one, however alike their names are spelled.
            candidates = [k for k in candidates if not _owned_otherwise(k, owner)]
        elif kind == "ORG" and self._countries_here is not None and _state_body(words):
            # A body of a state named without its country ("the Supreme Court") is never one known as the body of
            # a country the article does not name: another story's "Iran's Supreme Court" is not the court of a
            # story from Washington.
            named = self._countries_here
            candidates = [k for k in candidates if k.id in here or not (owners := _owners(k)) or owners & named]
        if not whole and countries.names_of(name):
            # (Nor any place known by a country's name: other mentions of "America" are the United States's.)
            candidates = [k for k in candidates if not any(map(countries.names_of, k.aliases))]
        if not candidates:
            return None
        in_article = [] if here.isdisjoint(map(_ID, candidates)) else [k for k in candidates if k.id in here]
        pool = in_article or candidates
        return max(pool, key=_RANKED)

    def _retype(self, found: list[_Known], name: str, kind: str) -> None:
        """Give ``kind`` to those of ``found`` known by ``name`` alone (its spellings aside: by its key), indexed
        under that kind's keys too."""
        key = _type_key(name)
        for k in found:
            if all(_type_key(alias) == key for alias in k.aliases):
                entered = self._types_changed.setdefault(k.id, set())
                for alias in k.aliases:
                    entered.update((id(index), each) for index, each in self._keys(k, alias))
                k.type = kind
                for alias in k.aliases:
                    self._index(k, alias)
                self._unvoted[k.id] = None
                self.changed[k.id] = None

    def _typed_so(self, name: str, kind: str) -> bool:
        """Whether most mentions of ``name`` over the store and the batch being linked have type ``kind``."""
        majority = self._majority
        return majority is not None and majority(_type_key(name)) == kind

    def link(self, article_id: str, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
        """The mentions of one article, each with its ``entity_id``; new entities are created as needed."""
        local: dict[str, str] = {}
        out = list(mentions)
        # Full names first, so a bare surname later in the same article finds its person.
        for i in sorted(range(len(mentions)), key=lambda i: -len(_words(mentions[i].text))):
            out[i] = self._link_one(article_id, mentions[i], local)
        return tuple(out)

    def _link_one(self, article_id: str, m: Mention, local: dict[str, str], text: str = "") -> Mention:
        """``m`` with its ``entity_id``, noted in ``local`` (the article's names and their entities); ``text`` is
        the article's, when known."""
        if not _words(m.text):
            return m
        words = _words(m.text)
        written: str | None = None
        kind = m.type  # (of an entity it makes)
        if (
            len(words) == 1
            and m.type == "PERSON"
            and (named := self._shared_here.get(skeleton(words[0])))
            and m.text not in self._alone_here
        ):
            # A surname two people the article names in full share ("David Ellison", "Larry Ellison") is the one
            # named last before it (the first named after it, if none is before): never their merged pair.
            at = bisect.bisect_right(named, (m.start, "\uffff"))
            found: _Known | None = self._known[named[at - 1 if at else 0][1]]
        elif m.type == "NORP" and (state := self._states_here.get((m.start, m.end))):
            # "Russian officials insist": the people's word names the state, linked as the place's name the article
            # writes ("Russia"), which becomes the alias; its own word stays the nationality's alone.
            written, kind = state.text, state.type
            found = self._match(written, kind, local, text, None)
        elif m.type == "ORG" and self._owned_names and (written := self._owned_names.get((m.start, m.end))):
            # A body written after a country's possessive is that country's: known by that name as written, or
            # by its own name ("India's Ministry of External Affairs" is the "External Affairs Ministry" another
            # article names), never another country's.
            owner = _owned(written)
            country = owner[0] if owner else None
            found = self._written_with_owner(written, local, country) or self._match(
                m.text, m.type, local, text, m.role, owner=country
            )
        elif m.type == "ORG" and (owned := self._owned_in.get(article_id)) and _owned(m.text) is None:
            # "The Defence Ministry" in an article naming one country's is that country's.
            ids = owned.get(_form(m.text, "ORG"), ())
            found = self._known[next(iter(ids))] if len(ids) == 1 else self._match(m.text, m.type, local, text, m.role)
        else:
            found = self._match(m.text, m.type, local, text, m.role, whole=not _cut_from_a_name(text, m))
        # The name as written: with the country's possessive before a body of a state ("Britain's Defence
        # Ministry"), which says whose it is; the mention keeps its own words and span.
        name = written or m.text
        if found is None:
            found = _Known(id=_entity_id(kind, name), type=kind)
            while found.id in self._known:
                found.id = _entity_id(kind, name + found.id)
            self._known[found.id] = found
        if text and m.type == "ORG" and (is_owned := _owned(name)):
            self._owned_in.setdefault(article_id, {}).setdefault(is_owned[1], set()).add(found.id)
        # An alias it has is in the indexes already.
        new = name not in found.aliases
        found.aliases[name] += 1
        found.total += 1
        if m.role:
            found.roles[m.role] += 1
        found.articles.add(article_id)
        size = len(_words(m.text))
        if text and (size == 1 if found.type == "PERSON" else found.type in _PLACE_OR_BODY and size >= 3):
            found.named.add((text, m.text))
        if new:
            self._index(found, name)
        self.changed[found.id] = None
        self._unvoted[found.id] = None
        local[name] = found.id
        # A mention linked to an entity of another kind ("Greywater" the model called a person) takes its kind.
        return _as(m, m.type if found.type in _COMPATIBLE.get(m.type, {m.type}) else found.type, found.id)

    def entities(self, ids: Iterable[str] | None = None) -> list[Entity]:
        """Entity records (all of them, or ``ids``)."""
        chosen = self._known.values() if ids is None else [self._known[i] for i in ids]
        return [k.record() for k in chosen]

    def _surnames(self, text: str, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
        """An article's mentions plus bare surnames of known people that the model did not tag ("Zelensky
        faces"), but for words the article also writes in lower case: "More" is no Moore, "Both" no Booth."""
        known = self._person_surnames
        if not known:
            return tuple(mentions)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        extra = []
        lower: set[str] | None = None  # the words the article writes in lower case, found when first asked
        for w in _CAPITALISED.finditer(text):
            if w.start() in covered:
                continue
            if skeleton(w.group()) in known:
                if lower is None:
                    lower = set(_LOWER_WORD.findall(text))
                if w.group().lower() in lower:
                    continue  # a word the article also writes in lower case ("More than 80 ...", "Both hinted")
                extra.append(Mention(text=w.group(), start=w.start(), end=w.end(), type="PERSON"))
            elif found := self._spelled_otherwise(text, w.start(), w.end(), covered):
                extra.append(found)
        return tuple(sorted((*mentions, *extra), key=lambda m: m.start))

    def _written_with_owner(self, written: str, local: dict[str, str], owner: str | None) -> _Known | None:
        """The body known by ``written`` (a body's name with its country's possessive), spelling aside, and of no
        other country: only the spelling lookup, none of :meth:`_match`'s slower ones (what the sentences say), which
        the body's own name is looked up by after it."""
        found = [k for k in self._bodies_named(written, "ORG") if owner is None or not _owned_otherwise(k, owner)]
        if not found:
            return None
        here = set(local.values())
        return max([k for k in found if k.id in here] or found, key=_RANKED)

    @staticmethod
    def _owners_before(text: str, mentions: Sequence[Mention]) -> dict[tuple[int, int], str]:
        """The bodies of a state among ``mentions`` (a name ending in "Ministry", "Court" ..., or "Ministry of X")
        written right after a country's possessive, by span, as written with it: "Britain's Defence Ministry",
        where the model tagged "Britain" a place and "Defence Ministry" a body. A name that says its country
        itself ("Russian Defence Ministry") is left as it is."""
        out: dict[tuple[int, int], str] = {}
        for m in mentions:
            if m.type != "ORG" or text[m.start - 3 : m.start] not in _OWNER_MARKS or m.start < 4:
                continue
            words = _words(m.text)
            if not words or (words[-1].lower() not in STATE_BODIES and _of_last(words) is None) or _owned(m.text):
                continue
            before = _OWNER_BEFORE.search(text, max(0, m.start - 48), m.start)
            if before is None:
                continue
            names = before.group(1).split(" ")
            # The longest run of its last words that names a country ("On Monday Britain": Britain).
            for n in range(len(names), 0, -1):
                if countries.country(" ".join(names[-n:])):
                    start = before.end(1) - len(" ".join(names[-n:]))
                    out[(m.start, m.end)] = text[start : m.end]
                    break
        return out

    def _places_opened(self, text: str, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
        """``mentions`` with a one-word person that opens the name of a known place or body written right there
        taken as that name: "the Wang Fuk Court development", where the model tagged "Wang" a person, is the housing
        estate another article names, never a person called Wang. Only where the words after it are capitalised and
        no other mention holds them; the name is looked up by its whole skeleton (an index, no name compared)."""
        out = list(mentions)
        for n, m in enumerate(mentions):
            if m.type != "PERSON" or not (rest := _CAPITALISED_RUN.match(text, m.end)) or " " in m.text.strip():
                continue
            end = rest.end()
            if n + 1 < len(mentions) and mentions[n + 1].start < end:
                continue
            found = self._places_named(text[m.start : end])
            if found:
                out[n] = Mention(text=text[m.start : end], start=m.start, end=end, type=found[0].type)
        return tuple(out)

    def _people_inside(self, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
        """``mentions`` with a known person's name that the model ran into another name taken out of it: "the
        Director of [Harbour Safety Ilse Varga]" tagged one organisation is Ilse Varga, when a person of that
        name (spelling aside) is known. The name is the last two or three words of a name of three words or
        more, looked up by its family name's key, never compared with every known person."""
        out = []
        for m in mentions:
            words = list(re.finditer(r"\S+", m.text)) if m.type != "PERSON" else []
            for n in (3, 2):
                if len(words) <= n or not all(w.group()[:1].isupper() for w in words[-n:]):
                    continue
                tail = m.text[words[-n].start() :]
                if any(k.full and any(same_name(tail, a, "PERSON") for a in k.full) for k in self._people_named(tail)):
                    m = Mention(text=tail, start=m.start + words[-n].start(), end=m.end, type="PERSON")
                    break
            out.append(m)
        return tuple(out)

    def _spelled_otherwise(self, text: str, start: int, end: int, covered: set[int]) -> Mention | None:
        """An untagged name ending on the word ``text[start:end]``, with the capitalised words before it, that is
        another spelling of a known person's full name ("Ghulam Murtaza Majumdar" for Golam Mortuza
        Mozumder); looked up by the word's consonant key, kept only where the whole name matches."""
        key = skeleton(text[start:end])
        if sound(key) not in self._person_sounds:
            return None
        first = start
        while (before := _word_before(text, first)) and before.start() not in covered:
            if is_title(before.group(1)):
                break
            first = before.start()
        if first == start:
            return None
        name = text[first:end]
        return Mention(text=name, start=first, end=end, type="PERSON") if self._longer_forms(name, {}) else None

    def _known_votes(self) -> dict[str, dict[str, int]]:
        """How the known entities' names are typed (each alias's mentions vote for its entity's type), brought
        up to date for the entities whose names changed since the last call. The first call counts every stored
        entity's names: plain dicts (a Counter each is three times the cost) and each alias's key worked out
        once, in the order the code before counted them (the order of a key's kinds decides a tie, and the order
        keys enter ``_keyed`` the order lookups find spellings in)."""
        votes, keyed, voted, known = self._votes, self._keyed, self._voted, self._known
        # (``_key_under`` written out, and the functions bound once: the first call counts every stored alias.)
        type_key, sound_ = _type_key, sound
        for entity_id in self._unvoted:
            taken = voted.pop(entity_id, None)
            if taken:
                for key, kind, n in taken:
                    counts = votes[key]
                    counts[kind] -= n
                    if counts[kind] <= 0:
                        del counts[kind]
                    if not counts:
                        del votes[key]
            k = known.get(entity_id)
            if k is None:
                continue
            kind = k.type
            share = [(key, kind, n) for alias, n in k.aliases.items() if (key := type_key(alias))]
            voted[entity_id] = share
            for key, _, n in share:
                have = votes.get(key)
                if have is None:
                    votes[key] = {kind: n}
                    head, by_sound = key[:4], sound_(key)
                    bucket = keyed.get(head)
                    if bucket is None:
                        keyed[head] = [key]
                    else:
                        bucket.append(key)
                    if by_sound != head:
                        bucket = keyed.get(by_sound)
                        if bucket is None:
                            keyed[by_sound] = [key]
                        else:
                            bucket.append(key)
                else:
                    have[kind] = have.get(kind, 0) + n
        self._unvoted.clear()
        return votes

    def _word_types(self, batch: Sequence[Article]) -> dict[str, Counter[str]]:
        """How the mentions of ``batch`` type each name (the known entities' votes are ``_known_votes``)."""
        votes: dict[str, Counter[str]] = {}
        for article in batch:
            for m in article.mentions:
                if key := _type_key(m.text):
                    votes.setdefault(key, Counter())[m.type] += 1
        return votes

    @staticmethod
    def _retyped(mentions: Sequence[Mention], majority: Callable[[str], str | None]) -> tuple[Mention, ...]:
        """``mentions`` with each name given the type most of its mentions have in the corpus, so that
        "Veloria" or "the Orsa Court estate" is one entity however each sentence's parse typed it, and whichever
        article came first. A word is left alone where the article names a person of that surname, and when no
        type has a majority."""
        surnames = {skeleton(w[-1]) for m in mentions if m.type == "PERSON" and len(w := _words(m.text)) > 1}
        out = []
        for m in mentions:
            key = _type_key(m.text)
            # A name of several words written with a role is a person's, whatever other parses said.
            if key and key not in surnames and not m.role:
                top = majority(key)
                if top and top != m.type:
                    m = _as(m, top, m.entity_id)
            out.append(m)
        return tuple(out)

    def link_articles(self, batch: Sequence[Article]) -> list[Article]:
        """Articles of ``batch`` with entity ids on their mentions and on their quotes' named speakers."""
        with kept_out_of_collections(), _collector_paused():
            return self._link_articles(batch)

    def _link_articles(self, batch: Sequence[Article]) -> list[Article]:
        known = self._known_votes()
        votes = self._word_types(batch)
        self._texts, self._counted = [a.text for a in batch], None

        # Spellings are looked up by key, not compared with every word voted on: the known names' keys are
        # kept (``_keyed``), the batch's words not among them are added here.
        keyed: _Keyed = {}
        for word in votes:
            if word not in known:
                _key_under(keyed, word)

        def tally(word: str) -> dict[str, int]:
            # (``Counter(known's) + batch's`` as ``Counter.update`` adds them: the stored kinds in their order, then
            # the batch's new ones.)
            both = dict(known.get(word, ()))
            for kind, n in votes.get(word, {}).items():
                both[kind] = both.get(kind, 0) + n
            return both

        @functools.cache
        def majority(key: str) -> str | None:
            # Spellings of one name vote together ("Dastmar", "Dastmari"), so that they stay one entity.
            if key not in votes and key not in known:
                return None
            near = dict.fromkeys(
                [
                    *(self._alike(bucket, key, _near_to) if (bucket := self._keyed.get(key[:4])) else ()),
                    *(w for w in keyed.get(key[:4], ()) if _near_to(key, w)),
                    *(self._alike(bucket, key, _near_to) if (bucket := self._keyed.get(sound(key))) else ()),
                    *(w for w in keyed.get(sound(key), ()) if _near_to(key, w)),
                ]
            )
            spellings = [tally(k) for k in near if k in votes or k in known]
            one = key[:-1] if key.endswith("s") else key  # "Americans": an American each
            if (
                len(near) > 1
                and any(
                    k != key and (people_word(one, k) or k in {_PEOPLE_KEYS.get(key), _PEOPLE_KEYS.get(one)})
                    for k in near
                )
                and _majority(_summed([tally(key)]), borrow_norp=False) == "NORP"
            ):
                # A people's word read as the people ("Indian" beside "India", "Pakistani" beside "Pakistan", as the
                # mentions stage types it where the article names the place) stays the people: the place's votes
                # never make it the place ("Brazilian", too far in spelling to be pooled with Brazil, never was;
                # "German" of Germany and "Philippine" of the Philippines are read by the table of people's words).
                return "NORP"
            # A nationality tag counts for the place only beside another spelling (the country and its people's
            # name); a word written one way alone keeps its own ("Democrats" tagged a place once).
            return _majority(_summed(spellings), borrow_norp=len(spellings) > 1)

        self._majority = majority
        try:
            return self._linked(batch, majority)
        finally:
            self._majority = None

    def _linked(self, batch: Sequence[Article], majority: Callable[[str], str | None]) -> list[Article]:
        out = []
        # Every article's full names are linked before any one-word name, so that a short form or a surname
        # finds the name it shortens wherever in the batch that is written, whichever article comes first.
        local: list[dict[str, str]] = [{} for _ in batch]
        full: list[dict[tuple[int, int], Mention]] = []
        found: list[tuple[Mention, ...]] = []
        owners: list[dict[tuple[int, int], str]] = []
        # (Of this batch's articles only: each batch's articles are others.)
        self._owned_in = {}
        for article, names in zip(batch, local, strict=True):
            found.append(self._people_inside(article.mentions))
            # Only the names of several words are retyped here (the one-word names are retyped with the
            # surnames below): ``_retyped`` reads the surnames of full names alone, so each comes out as it
            # would among all of them, in the same order.
            longer = self._retyped([m for m in found[-1] if len(_words(m.text)) > 1], majority)
            # (Read once an article, over its mentions as the model typed them; a mention is asked again whether it
            # is a body where it is linked.)
            owned = self._owned_names = self._owners_before(article.text, found[-1])
            owners.append(owned)
            self._countries_here = _countries_named(found[-1])
            # (A people's word of two words is linked here: "South Korean officials" is South Korea's.)
            self._states_here = _states_by_their_people(article.text, longer) if longer else {}
            # (A body written with its country's possessive is linked by that longer name, before the same
            # body written alone: "the Defence Ministry" then finds the country's.)
            full.append(
                {
                    (m.start, m.end): self._link_one(article.id, m, names, article.text)
                    for m in sorted(longer, key=lambda m: -len(_words(owned.get((m.start, m.end)) or m.text)))
                }
            )
            self._owned_names, self._countries_here, self._states_here = {}, None, {}
        for article, names, done, own, owned in zip(batch, local, full, found, owners, strict=True):
            text = article.text
            written = self._retyped(self._places_opened(text, self._surnames(text, own)), majority)
            self._alone_here, self._shared_here = _alone_first(text, written), _shared(text, done.values())
            self._owned_names, self._countries_here = owned, _countries_named(own)
            self._states_here = _states_by_their_people(text, written)
            try:
                mentions = tuple(
                    done.get((m.start, m.end)) or self._link_one(article.id, m, names, text) for m in written
                )
            finally:
                self._alone_here, self._shared_here, self._owned_names = frozenset(), {}, {}
                self._countries_here, self._states_here = None, {}
            by_span: dict[tuple[int | None, int | None], str | None] = {(m.start, m.end): m.entity_id for m in mentions}
            by_text = {m.text: m.entity_id for m in mentions if m.type == "PERSON"}
            by_end = {m.end: m for m in mentions if m.entity_id}
            kinds = {m.entity_id: self._known[m.entity_id].type for m in mentions if m.entity_id in self._known}
            kinds = {k: v for k, v in kinds.items() if k}
            linked = []
            for q in article.quotes:
                # (A speaker may start at offset 0: the span is looked up as it is, not with "or".)
                entity_id = (
                    by_span.get((q.speaker_start, q.speaker_end))
                    or (by_text.get(q.speaker) if q.speaker else None)
                    or _named_by(by_end.get(q.speaker_end or -1), q, article.text)
                )
                kind = q.speaker_kind
                if entity_id and kinds.get(entity_id) != "PERSON" and q.speaker and countries.capital(q.speaker):
                    # "Moscow denied", "Washington said": the capital stands for its government, which speaks; the
                    # city says nothing. Shown as written, as a body, and taken by no entity of the city's name,
                    # whatever the model typed it (a place, or a body in "Washington said"): decision 0093.
                    entity_id, kind = None, SpeakerKind.GROUP
                # A speaker the parse could only call a group ("Marlow said") is a person once linked to one.
                if entity_id and kinds.get(entity_id) == "PERSON" and kind in {SpeakerKind.GROUP, SpeakerKind.UNKNOWN}:
                    kind = SpeakerKind.PERSON
                # And one the parse called a person is a group once linked to a place or body ("Veloria says").
                elif entity_id and kinds.get(entity_id) not in {None, "PERSON"} and kind is SpeakerKind.PERSON:
                    kind = SpeakerKind.GROUP
                linked.append(_spoken(q, entity_id, kind))
            quotes = tuple(linked)
            out.append(dataclasses.replace(article, mentions=mentions, quotes=quotes))
        self._owned_in = {}
        return out
