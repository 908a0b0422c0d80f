"""Rewrites: whether two articles of one event retell one report (a wire story rewritten by two outlets).

A rewrite keeps little of its source's wording, so MinHash copy detection (``newsdesk.dedupe``) misses it, but it
keeps the source's reporting: runs of its narrative wording, its particular numbers (ages, counts, sums), the
words it quoted from its own interviews, and often the credit to the agency. Two independent reports of one
event share the event's names and the public statements everyone quoted, but seldom more than a few stock
phrases of narrative ("sentenced to death in absentia"), and each brings numbers of its own.

So the comparison looks at:

- **passages**: maximal runs of at least ``RUN`` words that both narratives (the text outside quotation marks)
  hold, with names (capitalised words) left out, since every report of an event names the same people and
  places. ``coverage`` is the share of the shorter narrative those runs cover, each run counting its words beyond
  the first ``FREE`` (a stock phrase weighs little), and nothing under ``MIN_WEIGHT`` in all;
- **sentences**: the share of the shorter text's sentences that match one of the other's (``SENTENCE_MATCH`` of
  their content words, names left out, cut to ``STEM`` letters), in the same order: a rewrite follows its source
  (counted when the shorter text has ``MIN_SENTENCES``: a few short sentences align by chance);
- **numbers**: the particular numbers both state (years, times of day and numbers up to ten left out), and
  whether the numbers of one are mostly held by the other, or mostly not (a later update: a new toll);
- **quotes**: runs of five words inside quotation marks that both hold;
- **interviews**: a person both quote as speaking to one outlet ("Fung told AFP", and in a translation round trip
  "Mr. Feng told AFP", the two spellings linked to one entity): the outlet's own interview retold, whatever words
  the translation gave the quote (it counts as a shared quote, and with one only once);
- **credit**: an outlet both credit (``Article.cites``).

Shared passages covering ``STRONG`` of the shorter narrative decide alone, and so do sentences aligned at
``ALIGNED`` beside some passage. Otherwise each kind of evidence adds points (sentences beyond ``ALIGNED_BASE``,
passages by their coverage, agreeing numbers, a shared quote, a shared interview, a shared credit; numbers that
disagree take one away) and ``POINTS`` of them decide, or ``CREDITED`` when both credit one outlet. Without a
passage or a common credit nothing is joined: the rest (figures, the order of who-what-where) is what any two
reports of one event share. Every comparison is between two profiles already held in memory: its cost is their length.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import marshal
import operator
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.cluster import similarity

__all__ = ["Evidence", "Profile", "compare", "pack", "profile", "unpack", "wording"]

RUN = 4
# A run's first FREE words weigh nothing: stock phrases are short.
FREE = 3
# Points for the same particular numbers (three or more, most of the fewer side's).
NUMBERS = 1.0
# Two sentences tell the same when this share of the shorter one's content words (cut to their first STEM
# letters, a crude stem: "signalled", "signalling") is in the other.
SENTENCE_MATCH = 0.4
STEM = 5
# A retelling follows its source sentence by sentence. Two reports of one event match about a third of their
# sentences in order by chance (the lead, the key facts); each ALIGNED_POINT beyond ALIGNED_BASE is one point.
ALIGNED_BASE = 0.3
ALIGNED_POINT = 0.1
MIN_SENTENCES = 6
# Sentences this aligned decide alone.
ALIGNED = 0.55
STRONG = 0.15
MIN_WEIGHT = 4
# Coverage worth one point: about what a rewrite of a long wire story keeps beyond the stock phrases.
COVERAGE_POINT = 0.04
POINTS = 3.5
# Two articles that credit one outlet need, besides that credit, one point of their own.
CREDITED = 2.0
QUOTE_RUN = 5
# Points for a shared quotation, or for the same person quoted in both as speaking to the same outlet: that
# interview is kept where its words are not (a translation and back). One interview and its words are one piece of
# evidence, so the two count once (decision 0036).
QUOTED = 0.5

_TOKEN = re.compile(r"[^\W_]+(?:[’'.,-][^\W_]+)*")
# The patterns below open with what their matches' first character is (a mark, a digit, a space), and test what
# stands before it only then, by a lookbehind over that character too: Python's regular expressions look for such
# a pattern by its first characters, in C, where one that opens with a lookbehind or ``\b`` is tried at every
# character of the text (five times as long for ``_NUMBER`` over 2,000 articles). Each matches what it matched when
# written the plain way, given beside it (a test holds the two the same).
# A quotation: double marks of either kind, or single curly marks opening at a word's start (an apostrophe inside a
# word, as in "don’t", never opens or closes one).
# (``“[^”\n]*”|\"[^\"\n]*\"|(?<!\w)‘[^‘’\n]*(?:’\w[^‘’\n]*)*’(?!\w)``)
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|‘(?<!\w‘)[^‘’\n]*(?:’\w[^‘’\n]*)*’(?!\w)")
_NARRATIVE = re.compile(r"\x00|[^\W_]+(?:[’'.,-][^\W_]+)*")
# (``(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?``)
_NUMBER = re.compile(r"\d(?<![\w.,]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)")
# A time of day ("11:45 a.m.", "7 pm") is no figure of the report: live pages and datelines are full of them.
# (``\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\b\.?)?|\b\d{1,2}\s?[ap]\.?m\b\.?``, ignoring case)
_CLOCK = re.compile(r"\d(?<!\w\d)(?:\d?:\d{2}(?:\s?[ap]\.?m\b\.?)?|\d?\s?[ap]\.?m\b\.?)", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# (``(?<=[.!?…])[\"”’]?\s+(?=[\"“‘A-Z0-9])|\n+``)
_SENTENCE = re.compile(r"[\"”’\s](?:(?<=[.!?…][\"”’])\s+(?=[\"“‘A-Z0-9])|(?<=[.!?…]\s)\s*(?=[\"“‘A-Z0-9])|(?<=\n)\n*)")
_STOP = similarity.STOPWORDS


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article offers for the comparison, computed once from its text and credits."""

    words: tuple[str | None, ...]  # narrative words, lower-cased; None for a name or a quotation's place
    narrative: str  # the text with its quotations blanked (same offsets): evidence spans are found in it
    grams: frozenset[tuple[str | None, ...]]
    numbers: frozenset[str]
    quoted: frozenset[tuple[str, ...]]
    credits: frozenset[str]
    size: int  # narrative words other than names
    sentences: tuple[frozenset[str], ...] = ()  # each sentence's narrative content words (stems), in order
    interviews: frozenset[tuple[str, str]] = frozenset()  # (speaker's entity id, outlet they spoke to)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two articles are taken for one report: the shared passages (``(start, end)`` spans into the first
    article's text), numbers, quotes, interviews and credit, with the points they add up to and a confidence (0..1)."""

    passages: tuple[tuple[int, int], ...]
    coverage: float
    aligned: float
    numbers: tuple[str, ...]
    quotes: int
    credit: str | None
    points: float
    confidence: float
    interviews: int = 0


def _number(written: str) -> str | None:
    value = written.replace(",", "")
    if _YEAR.fullmatch(value) or ("." not in value and int(value) <= 10):
        return None
    return value


def figures(text: str) -> frozenset[str]:
    """The particular numbers ``text`` states (counts, sums, ages, days of the month), as written but for thousands
    separators; years, times of day and numbers up to ten are left out."""
    return frozenset(n for m in _NUMBER.finditer(_CLOCK.sub(" ", text)) if (n := _number(m.group())) is not None)


def _blank(match: re.Match[str]) -> str:
    # A quotation keeps its length (offsets stay valid) and leaves a mark that breaks the narrative's runs.
    return "\x00" + " " * (len(match.group()) - 1)


def profile(
    text: str,
    credits: tuple[str, ...] | list[str] = (),
    interviews: Iterable[tuple[str, str]] = (),
) -> Profile:
    """The comparison profile of ``text`` (an article's clean text), the outlets it credits, and its interviews:
    ``(speaker, outlet)`` for each quote of a known person (a linked entity's id) credited to an outlet."""
    return dataclasses.replace(wording(text), credits=frozenset(credits), interviews=frozenset(interviews))


def wording(text: str) -> Profile:
    """The part of ``text``'s profile that its text alone gives (no credits, no interviews): what the ``features``
    stage works out once per article and stores (``pack``)."""
    quotations = [m.group() for m in _QUOTED.finditer(text)]
    narrative = _QUOTED.sub(_blank, text)
    words: list[str | None] = [
        None if w[:1].isupper() or w == "\x00" else w.casefold() for w in _NARRATIVE.findall(narrative)
    ]
    grams = _grams(tuple(words))
    quoted: set[tuple[str, ...]] = set()
    for quotation in quotations:
        ws = [w.casefold() for w in _TOKEN.findall(quotation)]
        quoted.update(tuple(ws[i : i + QUOTE_RUN]) for i in range(len(ws) - QUOTE_RUN + 1))
    numbers = figures(text)
    sentences = []
    for sentence in _SENTENCE.split(narrative):
        # (Each word case-folded once; the set made in the same order as before, which ``pack`` keeps.)
        stems = frozenset(
            folded[:STEM]
            for w in _TOKEN.findall(sentence)
            if not w[:1].isupper() and (folded := w.casefold()) not in _STOP
        )
        if len(stems) >= 4:
            sentences.append(stems)
    return Profile(
        sentences=tuple(sentences),
        words=tuple(words),
        narrative=narrative,
        grams=grams,
        numbers=numbers,
        quoted=frozenset(quoted),
        credits=frozenset(),
        size=sum(w is not None for w in words),
    )


_NONE = frozenset({None})
_FIRST = operator.itemgetter(0)


def _grams(words: tuple[str | None, ...]) -> frozenset[tuple[str | None, ...]]:
    # Every run of RUN words (made in C by zipping shifted lists), less those holding a name or a quotation's mark
    # (told in C too: a gram disjoint from {None}).
    shifted = zip(*(words[k:] for k in range(RUN)), strict=False)  # the shorter lists end it
    return frozenset(filter(_NONE.isdisjoint, shifted))


# The layout ``pack`` writes: raise it whenever it, or what ``wording`` gives, changes (rows of another are unpacked
# as None, and the profile is worked out from the text again).
PACKED = 1


def pack(found: Profile) -> bytes:
    """``found``'s text part as stored: its words, narrative, numbers, quotations and sentences (marshal, then
    zlib); its runs of words are made again from the words when unpacked, its credits and interviews not kept."""
    fields = (found.words, found.narrative, found.numbers, found.quoted, found.sentences, found.size)
    return bytes((PACKED,)) + zlib.compress(marshal.dumps(fields), 1)


def unpack(data: bytes) -> Profile | None:
    """The profile ``pack`` stored (without credits or interviews), or None for another layout or unreadable data."""
    if not data or data[0] != PACKED:
        return None
    try:
        words, narrative, numbers, quoted, sentences, size = marshal.loads(zlib.decompress(data[1:]))
    except (ValueError, EOFError, TypeError, zlib.error):
        return None
    return Profile(
        sentences=sentences,
        words=words,
        narrative=narrative,
        grams=_grams(words),
        numbers=numbers,
        quoted=quoted,
        credits=frozenset(),
        size=size,
    )


def _passages(a: Profile, shared: frozenset[tuple[str | None, ...]]) -> tuple[list[tuple[int, int]], int]:
    """The maximal runs of ``a``'s narrative made of ``shared`` grams (as word index ranges) and their weight.

    A walk from the first word: a run starts at a word whose gram is shared and goes on while the next word's gram
    is, and the walk goes on from the run's last word (the grams starting inside a run's last ``RUN - 1`` words
    start no run). Whether each word's gram is shared is told in C (the grams zipped as ``_grams`` makes them), and
    only the words whose gram is are visited: most compared texts share a few runs of their hundreds of words."""
    words = a.words
    held = list(map(shared.__contains__, zip(*(words[k:] for k in range(RUN)), strict=False)))
    runs: list[tuple[int, int]] = []
    weight = 0
    last = len(held) - 1  # the last word a gram starts at
    i = 0  # where the walk goes on
    for start in itertools.compress(range(len(held)), held):
        if start < i:
            continue  # inside the last run, or among the words it skips
        end = start
        while end < last and held[end + 1]:
            end += 1
        j = end + RUN
        runs.append((start, j))
        weight += max(0, j - start - FREE)
        i = j
    return runs, weight


def _aligned(a: Profile, b: Profile) -> float:
    """The share of the shorter text's sentences that match a sentence of the other, in the same order."""
    short, long = (a.sentences, b.sentences) if len(a.sentences) <= len(b.sentences) else (b.sentences, a.sentences)
    if len(short) < MIN_SENTENCES:
        return 0.0
    holders: dict[str, list[int]] = {}
    for j, other in enumerate(long):
        for stem in other:
            holders.setdefault(stem, []).append(j)
    sizes = [len(other) for other in long]
    matched = []
    for sentence in short:
        # How many of its stems each sentence of the other holds (counted in C), and the best of them: the first
        # (in the other's order) of those that hold the largest share of the shorter of the two.
        counts = Counter(itertools.chain.from_iterable([holders[stem] for stem in sentence if stem in holders]))
        if not counts:
            continue
        size = len(sentence)
        best, where = max(((n / min(size, sizes[j]), j) for j, n in sorted(counts.items())), key=_FIRST)
        if best >= SENTENCE_MATCH:
            matched.append(where)
    tails: list[int] = []  # the longest increasing run of matched positions (patience sorting)
    for where in matched:
        k = bisect.bisect_left(tails, where)
        tails[k : k + 1] = [where]
    return len(tails) / len(short)


def _spans(a: Profile, runs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Word index ranges of ``a``'s narrative as ``(start, end)`` character spans of its text."""
    matches = list(_NARRATIVE.finditer(a.narrative))
    return tuple((matches[i].start(), matches[j - 1].end()) for i, j in runs)


def compare(a: Profile, b: Profile) -> Evidence | None:
    """The evidence that ``a`` and ``b`` retell one report, or None when there is not enough of it."""
    if not a.size or not b.size:
        return None
    if a.credits.isdisjoint(b.credits) and a.grams.isdisjoint(b.grams):
        return None  # no passage can be shared and no credit is: the usual case, told without building a set
    shared = a.grams & b.grams
    if len(shared) < 2 and not (a.credits & b.credits) and len(a.numbers & b.numbers) < 2:
        return None  # nothing of the narrative shared and no common credit: the usual case, decided cheaply
    runs, weight = _passages(a, shared)
    # A stock phrase or two in a short text is no passage: under MIN_WEIGHT, the shared runs count for nothing.
    coverage = weight / min(a.size, b.size) if weight >= MIN_WEIGHT else 0.0
    shared_numbers = a.numbers & b.numbers
    fewer = min(len(a.numbers), len(b.numbers))
    # A text full of figures (a results page, a live blog) holds a few of any other's by chance.
    agree = len(shared_numbers) >= 0.2 * max(len(a.numbers), len(b.numbers))
    credit = min(a.credits & b.credits, default=None)
    # Sentences decide alone only beside a passage kept word for word: short reports of one event, told in the
    # usual order (who, what, where), match sentence by sentence without one.
    if not coverage and credit is None:
        return None  # without a passage kept word for word or a common credit, points are the event's facts
    aligned = _aligned(a, b)
    points = max(0.0, aligned - ALIGNED_BASE) / ALIGNED_POINT + min(coverage / COVERAGE_POINT, 2.0)
    if agree and len(shared_numbers) >= 3 and len(shared_numbers) >= 0.75 * fewer:
        points += NUMBERS
    elif agree and len(shared_numbers) >= 2 and len(shared_numbers) >= 0.6 * fewer:
        points += 1
    elif fewer >= 3 and len(shared_numbers) < fewer / 3:
        points -= 1  # each states numbers the other does not: two reports, or an update with new figures
    if credit is not None:
        points += 1
    quotes = len(a.quoted & b.quoted)
    interviews = len(a.interviews & b.interviews)
    if quotes or interviews:
        points += QUOTED
    if coverage < STRONG and (aligned < ALIGNED or not coverage) and points < (CREDITED if credit else POINTS):
        return None
    confidence = round(min(0.99, 0.5 + 0.1 * points + coverage), 2)
    return Evidence(
        passages=_spans(a, runs),
        coverage=round(coverage, 3),
        aligned=round(aligned, 2),
        numbers=tuple(sorted(shared_numbers)),
        quotes=quotes,
        credit=credit,
        points=round(points, 2),
        confidence=confidence,
        interviews=interviews,
    )
