"""Rewrites: whether two articles of one event retell one report (a wire story rewritten by two outlets).

A rewrite keeps little of its source's wording, so MinHash copy detection (``newsdesk.dedupe``) misses it, but it
keeps the source's reporting: runs of its narrative wording, its particular numbers (ages, counts, sums), the
words it quoted from its own interviews, and often the credit to the agency. Two independent reports of one
event share the event's names and the public statements everyone quoted, but seldom more than a few stock
phrases of narrative ("sentenced to death in absentia"), and each brings numbers of its own.

So the comparison looks at:

- **passages**: maximal runs of at least ``RUN`` words that both narratives (the text outside quotation marks)
  hold, with names (capitalised words) left out, since every report of an event names the same people and
  places. ``coverage`` is the share of the shorter narrative those runs cover (each run counts its words
  beyond the first ``RUN - 1``, so that a run of ``RUN`` words, a stock phrase, weighs little);
- **numbers**: the particular numbers both state (years and numbers up to ten left out), and whether the
  numbers of one are mostly held by the other, or mostly not (a later update: a new toll);
- **quotes**: runs of five words inside quotation marks that both hold;
- **credit**: an outlet both credit (``Article.cites``).

Shared passages alone decide when they cover ``STRONG`` of the shorter narrative. Below that, each kind of
evidence adds points (passages by their coverage, a shared credit, agreeing numbers, a shared quote; numbers
that disagree take one away) and ``POINTS`` of them decide. Every comparison is between two texts already
held in memory: its cost is their length.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from newsdesk.cluster import similarity

__all__ = ["Common", "Evidence", "Profile", "common", "compare", "profile"]

RUN = 4
# Two sentences tell the same when this share of the shorter one's content words (cut to their first STEM
# letters, a crude stem: "signalled", "signalling") is in the other.
SENTENCE_MATCH = 0.4
STEM = 5
# A retelling follows its source sentence by sentence. Two reports of one event match about a third of their
# sentences in order by chance (the lead, the key facts); each ALIGNED_POINT beyond ALIGNED_BASE is one point.
ALIGNED_BASE = 0.3
ALIGNED_POINT = 0.1
MIN_SENTENCES = 3
# Sentences this aligned decide alone.
ALIGNED = 0.55
STRONG = 0.15
MIN_WEIGHT = 4
# Coverage worth one point: about what a rewrite of a long wire story keeps beyond the stock phrases.
COVERAGE_POINT = 0.04
POINTS = 3.0
# Two articles that credit one outlet need, besides that credit, one point of their own.
CREDITED = 2.0
QUOTE_RUN = 5

_TOKEN = re.compile(r"[^\W_]+(?:[’'.,-][^\W_]+)*")
# A quotation: double marks of either kind, or single curly marks opening at a word's start (an apostrophe inside a
# word, as in "don’t", never opens or closes one).
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|(?<!\w)‘[^‘’\n]*(?:’\w[^‘’\n]*)*’(?!\w)")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘A-Z0-9])|\n+")
_STOP = similarity.STOPWORDS


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article offers for the comparison, computed once from its text and credits."""

    words: tuple[str | None, ...]  # narrative words, lower-cased; None for a name or a quotation's place
    starts: tuple[int, ...]  # each word's offset in the text
    ends: tuple[int, ...]
    grams: frozenset[tuple[str | None, ...]]
    numbers: frozenset[str]
    quoted: frozenset[tuple[str, ...]]
    credits: frozenset[str]
    size: int  # narrative words other than names
    sentences: tuple[frozenset[str], ...] = ()  # each sentence's narrative content words (stems), in order


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two articles are taken for one report: the shared passages (``(start, end)`` spans into the first
    article's text), numbers, quotes and credit, with the points they add up to and a confidence (0..1)."""

    passages: tuple[tuple[int, int], ...]
    coverage: float
    aligned: float
    numbers: tuple[str, ...]
    quotes: int
    credit: str | None
    points: float
    confidence: float


@dataclass(frozen=True, slots=True)
class Common:
    """Grams and numbers that many articles of one event hold: the event's stock phrases and key figures."""

    grams: frozenset[tuple[str | None, ...]] = frozenset()
    numbers: frozenset[str] = frozenset()


def common(profiles: list[Profile], *, at_least: int = 4, share: float = 0.25) -> Common:
    """What more than ``share`` of ``profiles``, and at least ``at_least`` of them, hold."""
    floor = max(at_least, int(share * len(profiles)) + 1)
    if len(profiles) < floor:
        return Common()
    grams: Counter[tuple[str | None, ...]] = Counter()
    numbers: Counter[str] = Counter()
    for p in profiles:
        grams.update(p.grams)
        numbers.update(p.numbers)
    return Common(
        grams=frozenset(g for g, n in grams.items() if n >= floor),
        numbers=frozenset(x for x, n in numbers.items() if n >= floor),
    )


def _number(written: str) -> str | None:
    value = written.replace(",", "")
    if _YEAR.fullmatch(value) or ("." not in value and int(value) <= 10):
        return None
    return value


def profile(text: str, credits: tuple[str, ...] | list[str] = ()) -> Profile:
    """The comparison profile of ``text`` (an article's clean text) and the outlets it credits."""
    quoted_spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    words: list[str | None] = []
    starts: list[int] = []
    ends: list[int] = []
    quoted_words: list[list[str]] = [[] for _ in quoted_spans]
    q = 0
    for match in _TOKEN.finditer(text):
        while q < len(quoted_spans) and quoted_spans[q][1] <= match.start():
            q += 1
        if q < len(quoted_spans) and quoted_spans[q][0] <= match.start():
            quoted_words[q].append(match.group().casefold())
            if words and words[-1] is not None:
                words.append(None)  # a quotation breaks the narrative: no run crosses it
                starts.append(match.start())
                ends.append(match.start())
            continue
        word = match.group()
        words.append(None if word[:1].isupper() else word.casefold())
        starts.append(match.start())
        ends.append(match.end())
    grams = frozenset(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1) if None not in words[i : i + RUN])
    quoted = frozenset(tuple(ws[i : i + QUOTE_RUN]) for ws in quoted_words for i in range(len(ws) - QUOTE_RUN + 1))
    numbers = frozenset(n for m in _NUMBER.finditer(text) if (n := _number(m.group())) is not None)
    sentences = []
    for sentence in _SENTENCE.split(_QUOTED.sub(" ", text)):
        stems = frozenset(w.casefold()[:STEM] for w in _TOKEN.findall(sentence) if w.casefold() not in _STOP)
        if len(stems) >= 4:
            sentences.append(stems)
    return Profile(
        sentences=tuple(sentences),
        words=tuple(words),
        starts=tuple(starts),
        ends=tuple(ends),
        grams=grams,
        numbers=numbers,
        quoted=quoted,
        credits=frozenset(credits),
        size=sum(w is not None for w in words),
    )


def _passages(a: Profile, shared: frozenset[tuple[str | None, ...]]) -> tuple[list[tuple[int, int]], int]:
    """The maximal runs of ``a``'s narrative made of ``shared`` grams (as word index ranges) and their weight."""
    runs: list[tuple[int, int]] = []
    weight = 0
    i, n = 0, len(a.words)
    while i <= n - RUN:
        if tuple(a.words[i : i + RUN]) in shared:
            j = i + RUN
            while j < n and tuple(a.words[j - RUN + 1 : j + 1]) in shared:
                j += 1
            runs.append((i, j))
            weight += j - i - RUN + 1
            i = j
        else:
            i += 1
    return runs, weight


def _aligned(a: Profile, b: Profile) -> float:
    """The share of the shorter text's sentences that match a sentence of the other, in the same order."""
    short, long = (a.sentences, b.sentences) if len(a.sentences) <= len(b.sentences) else (b.sentences, a.sentences)
    if len(short) < MIN_SENTENCES:
        return 0.0
    matched = []
    for sentence in short:
        best, where = 0.0, -1
        for j, other in enumerate(long):
            overlap = len(sentence & other) / min(len(sentence), len(other))
            if overlap > best:
                best, where = overlap, j
        if best >= SENTENCE_MATCH:
            matched.append(where)
    tails: list[int] = []  # the longest increasing run of matched positions (patience sorting)
    for where in matched:
        k = bisect.bisect_left(tails, where)
        tails[k : k + 1] = [where]
    return len(tails) / len(short)


def compare(a: Profile, b: Profile, common: Common | None = None) -> Evidence | None:
    """The evidence that ``a`` and ``b`` retell one report, or None when there is not enough of it.

    ``common`` holds what many articles of the event share (its stock phrases, its key figures): shared, it
    tells nothing of a common source, so it is left out.
    """
    if not a.size or not b.size:
        return None
    shared = a.grams & b.grams
    if len(shared) < 2 and not (a.credits & b.credits) and len(a.numbers & b.numbers) < 2:
        return None  # nothing of the narrative shared and no common credit: the usual case, decided cheaply
    common = common or Common()
    runs, weight = _passages(a, shared - common.grams)
    # A stock phrase or two in a short text is no passage: under MIN_WEIGHT, the shared runs count for nothing.
    coverage = weight / min(a.size, b.size) if weight >= MIN_WEIGHT else 0.0
    shared_numbers = (a.numbers & b.numbers) - common.numbers
    fewer = min(len(a.numbers - common.numbers), len(b.numbers - common.numbers))
    aligned = _aligned(a, b)
    points = max(0.0, aligned - ALIGNED_BASE) / ALIGNED_POINT + min(coverage / COVERAGE_POINT, 2.0)
    if len(shared_numbers) >= 3 and len(shared_numbers) >= 0.75 * fewer:
        points += 2
    elif len(shared_numbers) >= 2 and len(shared_numbers) >= 0.6 * fewer:
        points += 1
    elif fewer >= 3 and len(shared_numbers) < fewer / 3:
        points -= 1  # each states numbers the other does not: two reports, or an update with new figures
    credit = min(a.credits & b.credits, default=None)
    if credit is not None:
        points += 1
    quotes = len(a.quoted & b.quoted)
    if quotes:
        points += 0.5
    if coverage < STRONG and aligned < ALIGNED and points < (CREDITED if credit else POINTS):
        return None
    confidence = round(min(0.99, 0.5 + 0.1 * points + coverage), 2)
    return Evidence(
        passages=tuple((a.starts[i], a.ends[j - 1]) for i, j in runs),
        coverage=round(coverage, 3),
        aligned=round(aligned, 2),
        numbers=tuple(sorted(shared_numbers)),
        quotes=quotes,
        credit=credit,
        points=round(points, 2),
        confidence=confidence,
    )
