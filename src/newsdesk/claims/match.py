"""Claims that say the same thing, across the articles of one story, grouped into claim clusters.

Two claims say the same thing when their content terms overlap enough (names count once however they are spelt,
words are stemmed: paraphrase and word order do not matter) and their values agree: "$100bn" and "100 billion
dollars" are one value; claims that give different values for one unit ("28 points", "19 points") are never one
cluster, they are two sides of one slot (:mod:`newsdesk.claims.contradict`). A denial never joins the claim it
denies.

Matching is incremental and ordered: each new claim, in ingest and text order, joins the cluster of its most
similar claim or opens a cluster whose id comes from that first claim, so existing clusters keep their ids as
articles arrive and the same input gives the same clusters.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from newsdesk.claims import roles
from newsdesk.claims.extract import stem
from newsdesk.dates import WEEKDAYS
from newsdesk.records import DENIAL, Article, Claim, Modality, Value, claim_id
from newsdesk.settings import Settings

__all__ = [
    "JOIN",
    "JOIN_SAME_VALUE",
    "Cluster",
    "Member",
    "Story",
    "claim_id",
    "cluster_id",
    "dice",
    "floors",
    "overlap",
    "relation",
    "rival_sums",
    "score",
    "stage",
]

JOIN = 0.3  # share of the shorter claim's terms another claim must hold to say the same thing
JOIN_SAME_VALUE = 0.25  # the same, for two claims that give the same value for one unit
JOIN_DICE = 0.33  # and their terms' Dice coefficient, so that a short claim does not match any long one
NEGATION_KEPT = 0.6  # a bare "not" often negates another clause: two claims sharing this much still match
MIN_TERMS = 5  # a claim with fewer terms joins another only on a shared value
# And at least this many words that are no names: two ("verdict announced") join other facts told of one name.
MIN_WORDS = 3
# (One or two such words are enough for claims that share this much, counted over all their terms and over their
# words alone: a name every report of the story gives, "Hong Kong", is no part of what a claim says, and "Hong Kong
# to switch from bamboo scaffolding to steel" says little of "the blaze started on bamboo scaffolding" but the
# setting: their words, "bamboo scaffolding" against "switch" and "steel", share less than half. See
# ``_word_share``.)
JOIN_FEW_WORDS = 0.5
# And on words alone, the Dice coefficient of the two claims' words that are no names: names and a setting ("the
# complex in the district of Tai Po") shared by two sentences that say different things are not one claim.
WORDS_DICE = 0.25
RAREST = 12  # a new claim is compared with the claims that share one of its this many rarest terms
MIN_SHARED = 3.0  # and at least this much term weight in common (one less with the same value)
# In a story of few claims no term weighs that much (a term two of two claims hold weighs log(3 / 2.5), 0.18): there
# the floor is the weight of this many terms that two of its claims hold (one less with the same value; ``floors``).
PAIR_TERMS = 3
POSTING = 2_000  # a term lists at most this many readings of the story's claims (see ``Story``; decision 0042)
PER_CLUSTER = 16  # at most this many of one cluster (its first ones)
READ = 10_000  # a run reads a story's last this many claims from the store


def cluster_id(story_id: str, first_claim: str) -> str:
    """A cluster's id, from its story and the claim that opened it."""
    return "cc" + hashlib.sha256(f"{story_id}:{first_claim}".encode()).hexdigest()[:10]


_DENIED = str(Modality.DENIED.value)  # (a stored modality is a plain string: compared with one, not the enum's member)


@dataclass(slots=True)
class Member:
    """One claim as matching sees it."""

    id: str
    article_id: str
    terms: frozenset[str]
    values: tuple[Value, ...]
    negative: bool
    denial: bool = False
    text: str = ""
    published: str | None = None
    # What ``relation`` reads of the values, kept with the claim (read once, not once per comparison).
    value_key: tuple[tuple[str, str, str], ...] = field(init=False, default=())
    # The tolls it gives a figure of, and those it names with none ("leaving hundreds missing": ``_representative``).
    tolls: frozenset[str] = field(init=False, default=frozenset())
    vague: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        self.value_key = _value_key(self.values) if self.values else ()
        self.tolls, self.vague = _tolls(self.terms, self.value_key)

    @classmethod
    def of(cls, article_id: str, claim: Claim, published: str | None = None) -> Member:
        return cls(
            id=claim_id(article_id, claim.start, claim.end),
            article_id=article_id,
            terms=frozenset(claim.terms),
            values=claim.values,
            negative=claim.modality == Modality.DENIED,
            denial=claim.modality == Modality.DENIED and bool(DENIAL.search(claim.text)),
            text=claim.text,
            published=published,
        )

    @classmethod
    def stored(
        cls, id_: str, article_id: str, terms: frozenset[str], values: tuple[Value, ...], modality: str, text: str
    ) -> Member:
        """A stored claim as ``Store.claim_readings`` gives it: what :meth:`of` makes of the claim (its id as
        stored, which is ``claim_id`` of its span; no date, which matching does not read)."""
        negative = modality == _DENIED
        # (The fields by place: id, article_id, terms, values, negative, denial, text.)
        return cls(id_, article_id, terms, values, negative, negative and bool(DENIAL.search(text)), text)


@dataclass(slots=True)
class Cluster:
    """Claims that say the same thing, with the story they belong to."""

    id: str
    story_id: str
    event_id: str | None
    # The members that joined it in this run (and, for a story read row by row, those read): a cluster read summed
    # up (``Story.load_window``) keeps only how many members it has, its first and its ``shapes``.
    members: list[Member] = field(default_factory=list)
    changed: bool = True
    size: int = 0  # how many members it has, read or joined
    first: Member | None = None  # the first of them
    # The members' distinct values (their ``value_key``), with how many members give each.
    values: dict[tuple[tuple[str, str, str], ...], int] = field(default_factory=dict)
    # The tolls its members name with no figure (``Member.vague``): no member that gives a figure of one of them
    # stands for it (``_representative``).
    vague: frozenset[str] = frozenset()
    # For each term set that names a toll, its first member giving the fewest figures of tolls: members with the same
    # terms name the same tolls, but one may give a figure another gives only in words ("40 people are still
    # missing", "some people are still missing"), and ``shapes`` keeps the first of them alone (``_standing``).
    plain: dict[frozenset[str], Member] = field(default_factory=dict, compare=False, repr=False)
    # The members' distinct term sets in the order they first came, each with how many members have it and the
    # first of them (what ``_representative`` reads, kept as members join rather than counted again).
    shapes: dict[frozenset[str], tuple[int, Member]] = field(default_factory=dict)
    # How alike each two of its non-empty term sets are (``overlap``'s share), a row a term set in the order of
    # ``shapes``: each pair worked out once, when the later of the two first came (``_likeness``).
    likeness: list[list[float]] = field(default_factory=list, compare=False, repr=False)


def overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    """Share of the smaller term set found in the other, and how many terms they share."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two term sets."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def relation(a: Sequence[Value], b: Sequence[Value]) -> str:
    """``same`` when the two value lists agree on a unit they share, ``differ`` when on a unit they share they give
    only different values (or agree on one sum of money and give rival figures of another: :func:`rival_sums`; or
    one names a weekday that is not the weekday of any day the other gives), ``none`` when they share no unit or
    agree only on one count of a list (:func:`_listed`)."""
    return _compare(_by_unit((v.kind, v.unit, v.value) for v in a), _by_unit((v.kind, v.unit, v.value) for v in b))


_WEEKDAY = ("date", "weekday")
_DERIVED = "~"  # a weekday worked out from a day the claim gives, not one it names


def _by_unit(values: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str], frozenset[str]]:
    """The values of each comparable unit (a bare number says too little about what it counts; a date compares
    with dates of its own precision), a day's weekday among the weekdays, marked as worked out (``_DERIVED``): an
    undated report's "on Monday" is no day a Thursday."""
    units: dict[tuple[str, str], set[str]] = {}
    for kind, unit, value in values:
        if kind == "number":
            continue
        units.setdefault((kind, unit), set()).add(value)
        if kind == "date" and unit == "day" and len(value) == 10:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                continue
            units.setdefault(_WEEKDAY, set()).add(_DERIVED + WEEKDAYS[day.weekday()])
    return {u: frozenset(v) for u, v in units.items()}


def _compare(units_a: dict[tuple[str, str], frozenset[str]], units_b: dict[tuple[str, str], frozenset[str]]) -> str:
    """:func:`relation` of two claims' values by unit (:func:`_by_unit`)."""
    verdict = "none"
    for unit in units_a.keys() & units_b.keys():
        va, vb = units_a[unit], units_b[unit]
        if unit[0] == "date":
            # Two days differ; one day is no sign of one claim: a story's reports tell many things of one day
            # ("granted bail on Friday", "the toll rose to 83 on Friday"), so it makes no match on fewer words.
            if unit == _WEEKDAY:
                va, vb = frozenset(v.lstrip(_DERIVED) for v in va), frozenset(v.lstrip(_DERIVED) for v in vb)
            if va.isdisjoint(vb) and unit not in _YEAR_OR_MONTH:
                return "differ"  # two days; "on Monday" and a Thursday
        elif not va.isdisjoint(vb):
            if unit[0] == "money" and rival_sums(va - vb, vb - va):
                return "differ"  # one sum alike, two figures of another (:func:`rival_sums`)
            if unit[0] == "count" and not unit[1].startswith("people") and _listed(units_a, units_b):
                continue  # one item of a list alike (:func:`_listed`)
            verdict = "same"
        elif unit not in _YEAR_OR_MONTH:
            return "differ"  # two days, two numbers of one unit: not one claim
    return verdict


LISTED = 2  # a claim counting this many things the other does not count lists them (:func:`_listed`)


def _listed(units_a: dict[tuple[str, str], frozenset[str]], units_b: dict[tuple[str, str], frozenset[str]]) -> bool:
    """Whether one of two claims counts ``LISTED`` things or more that the other does not: "two directors, three site
    managers and four subcontractors" lists those held, and another report's "two directors" agreeing with it is one
    item of the list, as likely met by chance as any small count, not a sign of one claim (the two match on their
    words, or not). A tally of people (killed, injured, missing) agreeing stays a sign, whatever else a claim counts:
    a toll is one report's figure; nor is a toll an item of a list ("50 drones and 3 missiles, killing 12 people"
    lists two things, not three)."""
    counts_a = {u for u in units_a if u[0] == "count" and not u[1].startswith("people")}
    counts_b = {u for u in units_b if u[0] == "count" and not u[1].startswith("people")}
    return len(counts_a - counts_b) >= LISTED or len(counts_b - counts_a) >= LISTED


RIVAL = 2.0  # two sums of money closer than this ratio, each given by one claim alone, are figures of one amount


def _sum(value: str) -> tuple[str, float] | None:
    """A sum of money's currency and amount ("USD 72000000000"), or None."""
    currency, _, amount = value.rpartition(" ")
    try:
        return currency, abs(float(amount))
    except ValueError:
        return None


def rival_sums(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two claims that give one sum of money alike give each another sum, in one currency and within
    ``RIVAL`` of each other, that the other does not (``a`` and ``b``: the values each gives alone). "A $108.4
    billion bid, challenging the $72bn deal" and "offering $74.4 billion, challenging the $72 billion agreement"
    give two figures of one bid beside the deal both name: two sides of one amount, not one claim. Sums further
    apart are other amounts (a fee beside a price)."""
    sums_b = [x for x in map(_sum, b) if x is not None]
    if not sums_b:
        return False
    for x in map(_sum, a):
        if x is None:
            continue
        for y in sums_b:
            if x[0] == y[0] and x[1] and y[1] and max(x[1], y[1]) / min(x[1], y[1]) < RIVAL:
                return True
    return False


_QUANTITIES = frozenset({"count", "money", "percent", "duration", "age"})


def _other_quantities(a: Sequence[Value], b: Sequence[Value]) -> bool:
    """Whether both give quantities, none of them of a unit the other gives: they count different things."""
    units_a = {(v.kind, v.unit) for v in a if v.kind in _QUANTITIES}
    units_b = {(v.kind, v.unit) for v in b if v.kind in _QUANTITIES}
    return bool(units_a and units_b) and not units_a & units_b


def _weighted(
    a: frozenset[str],
    b: frozenset[str],
    weight: dict[str, float],
    totals: dict[frozenset[str], float] | None = None,
    common: frozenset[str] | None = None,
) -> tuple[float, float]:
    """Weighted share of the lighter term set found in the other, and the weight they share. ``totals`` caches
    each term set's weight (valid for one ``weight``); ``common`` is ``a & b`` when the caller has it."""
    if not a or not b:
        return 0.0, 0.0
    if totals is None:
        totals = {}
    # An ``_Idf`` answers a subscript at C speed once it has the term (``__missing__`` computes it the first time).
    look = weight.__getitem__ if isinstance(weight, _Idf) else (lambda t: weight.get(t, 1.0))
    wa = totals.get(a)
    if wa is None:
        wa = totals[a] = sum(map(look, a))
    wb = totals.get(b)
    if wb is None:
        wb = totals[b] = sum(map(look, b))
    shared = sum(map(look, a & b if common is None else common))
    return shared / min(wa, wb), shared


def floors(n: int) -> tuple[float, float]:
    """The term weight two claims of a story of ``n`` claims must share to match on words, and with the same value:
    ``MIN_SHARED`` (one less), or in a story too small for its terms to weigh that much, what ``PAIR_TERMS`` terms
    (one less) that two of its claims hold weigh there. A story of two reports of one fact is no story whose claims
    never join: its two claims share terms that weigh 0.18 each, and three of them are what three rare terms are
    in a long story."""
    if n < 2:
        return MIN_SHARED, MIN_SHARED - 1
    pair = math.log((n + 1) / 2.5)  # a term two claims hold (``_Idf``)
    margin = 1e-9  # (the weights summed in another order)
    return min(MIN_SHARED, PAIR_TERMS * pair - margin), min(MIN_SHARED - 1, (PAIR_TERMS - 1) * pair - margin)


def score(
    claim: Member,
    other: Member,
    weight: dict[str, float] | None = None,
    totals: dict[frozenset[str], float] | None = None,
    n: int = 0,
) -> float:
    """How well ``claim`` matches ``other`` (0: not the same claim). ``weight`` gives each term's weight in the
    story (a name every article repeats weighs little), ``n`` how many claims it was counted over (0: a story large
    enough, ``floors``); ``totals`` caches term sets' weights."""
    a, b = claim.terms, other.terms
    common = a & b
    if len(common) < 2:
        return 0.0  # one word in common is never one claim
    rel = _verdict(claim.value_key, other.value_key) if claim.value_key and other.value_key else "none"
    if rel == "other":
        return 0.0  # "12 people killed" and "20 people injured": two facts, however alike their words
    if rel == "differ" or ((claim.denial or other.denial) and claim.negative != other.negative):
        return 0.0
    # A short line ("Resistance is growing") says too little to match on words alone (told before the weights,
    # which cannot change it; ``dice`` of the two, from the terms in common).
    if rel != "same" and (min(len(a), len(b)) < MIN_TERMS or 2 * len(common) / (len(a) + len(b)) < JOIN_DICE):
        return 0.0
    share, shared = _weighted(a, b, {} if weight is None else weight, totals, common)
    if claim.negative != other.negative and share < NEGATION_KEPT:
        return 0.0  # a "not" in one of two claims that share less than this tells them apart
    least, least_same = floors(n)
    if rel == "same":
        got = share + 0.5 if share >= JOIN_SAME_VALUE and shared >= least_same else 0.0
    else:
        words = sum(not t.startswith(("#", "@")) for t in common)
        if words < MIN_WORDS and not (words and share >= JOIN_FEW_WORDS and _few_words_say(a, b, common, weight or {})):
            return 0.0  # the same names doing different things ("envoy X met ..." and "envoy X was sent ...")
        if 2 * words < WORDS_DICE * (_worded(a) + _worded(b)):
            return 0.0  # a setting in common, little else
        got = share if share >= JOIN and shared >= least else 0.0
    return 0.0 if got and rel != "same" and _told_apart(claim, other) else got


# The words of a toll (a count of people killed, injured or missing) as a claim's terms write them, with its fate.
_TOLL_TERMS = {
    stem(word): fate
    for fate, words in (
        ("killed", "killed killing dead died death deaths"),
        ("injured", "injured injuring injuries wounded hurt"),
        ("missing", "missing"),
    )
    for word in words.split()
}


@functools.lru_cache(maxsize=65536)
def _tolls(terms: frozenset[str], key: tuple[tuple[str, str, str], ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The tolls (killed, injured, missing) a claim gives a figure of, by its values (``key``: its ``value_key``),
    and those its words (``terms``) name with no figure ("killing at least 44 people and leaving hundreds missing":
    missing). Read from the terms and values alone, as the store sums a story's claims up (a reading)."""
    given = frozenset(
        fate
        for kind, unit, _ in key
        if kind == "count"
        for word in unit.split()
        if (fate := _TOLL_TERMS.get(stem(word))) is not None
    )  # "people killed", and "12 deaths" or "left 40 missing" (a count of "death", of "missing") alike
    named = frozenset(fate for term in terms if (fate := _TOLL_TERMS.get(term)) is not None)
    return given, named - given


def _note_tolls(cluster: Cluster, member: Member) -> None:
    """Note in ``cluster`` the tolls ``member`` names with no figure, and whether it is the member of its terms that
    gives the fewest figures of tolls (``Cluster.plain``)."""
    cluster.vague |= member.vague
    held = cluster.plain.get(member.terms)
    if held is None or len(member.tolls) < len(held.tolls):
        cluster.plain[member.terms] = member


def _standing(cluster: Cluster, terms: frozenset[str], member: Member) -> Member | None:
    """The member of ``terms`` (``member``, their first, where it can) that may stand for ``cluster``: one that
    gives no figure of a toll another member names with none (``Cluster.vague``); None where none of them may."""
    if cluster.vague.isdisjoint(member.tolls):
        return member
    other = cluster.plain.get(terms)
    return other if other is not None and cluster.vague.isdisjoint(other.tolls) else None


def _told_apart(claim: Member, other: Member) -> bool:
    """Whether two claims that would match on their terms and values tell what two actors did, by how their
    sentences say it (:func:`roles.other_agents`). Asked only of a pair that would otherwise match (a few in a
    thousand of those scored), and of the first claim of each reading indexed."""
    return roles.other_agents(claim.text, claim.terms, other.text, other.terms)


def _few_words_say(a: frozenset[str], b: frozenset[str], common: frozenset[str], weight: dict[str, float]) -> bool:
    """Whether two claims that share one or two words (no names) and ``JOIN_FEW_WORDS`` of their terms' weight say
    one thing: where they share two names or more (who did what to whom: "the ICC rejected the PCB's request to
    remove Pycroft"), or where their words alone share that much (:func:`_word_share`). One name or none and a
    thing named ("Hong Kong", "bamboo scaffolding") is the story's setting, told of two things."""
    return sum(t.startswith("#") for t in common) >= 2 or _word_share(a, b, common, weight) >= JOIN_FEW_WORDS


def _word_share(a: frozenset[str], b: frozenset[str], common: frozenset[str], weight: dict[str, float]) -> float:
    """The weighted share of the lighter of two claims' words (terms that are no names) that the other holds
    (``common``: ``a & b``)."""
    look = weight.__getitem__ if isinstance(weight, _Idf) else (lambda t: weight.get(t, 1.0))
    wa = sum(look(t) for t in a if not t.startswith(("#", "@")))
    wb = sum(look(t) for t in b if not t.startswith(("#", "@")))
    lighter = min(wa, wb)
    return sum(look(t) for t in common if not t.startswith(("#", "@"))) / lighter if lighter > 0 else 0.0


@functools.lru_cache(maxsize=65536)
def _worded(terms: frozenset[str]) -> int:
    """How many of a claim's terms are words that are no names."""
    return sum(not t.startswith(("#", "@")) for t in terms)


_YEAR_OR_MONTH = frozenset({("date", "year"), ("date", "month")})


@functools.lru_cache(maxsize=65536)
def _units(key: tuple[tuple[str, str, str], ...]) -> tuple[dict[tuple[str, str], frozenset[str]], frozenset[Any]]:
    """What :func:`relation` and :func:`_other_quantities` read of one claim's values (its ``value_key``): the
    values it gives of each comparable unit (:func:`_by_unit`), and its units of quantities. Worked out once per
    distinct key: a run meets a few thousand keys, and hundreds of thousands of pairs of them."""
    quantities = frozenset((kind, unit) for kind, unit, _ in key if kind in _QUANTITIES)
    return _by_unit(key), quantities


@functools.lru_cache(maxsize=65536)
def _verdict(a: tuple[tuple[str, str, str], ...], b: tuple[tuple[str, str, str], ...]) -> str:
    """``relation`` of two claims' values (by their ``value_key``), or ``other`` where it is ``none`` and both
    give quantities of units the other does not (:func:`_other_quantities`): remembered, since a story's claims
    repeat a few values; each side's units are read once (:func:`_units`)."""
    units_a, quantities_a = _units(a)
    units_b, quantities_b = _units(b)
    rel = _compare(units_a, units_b)
    if rel == "none" and quantities_a and quantities_b and quantities_a.isdisjoint(quantities_b):
        return "other"
    return rel


_NO_UNITS: tuple[frozenset[tuple[str, str]], frozenset[Any]] = (frozenset(), frozenset())


@functools.lru_cache(maxsize=65536)
def _unit_sets(key: tuple[tuple[str, str, str], ...]) -> tuple[frozenset[tuple[str, str]], frozenset[Any]]:
    """The comparable units of one claim's values (its ``value_key``) and its units of quantities (:func:`_units`):
    two claims that share no comparable unit have the verdict ``none``, or ``other`` where both give quantities and
    share none of their units, which these two sets tell without :func:`_verdict`."""
    units, quantities = _units(key)
    return frozenset(units), quantities


_LONGEST = 1 << 30  # a length no reading has: a reading too short to match on words (``_lengths``)


@functools.lru_cache(maxsize=4096)
def _lengths(size: int, beyond: int, fewest: int, lists: int) -> tuple[int, ...]:
    """For a claim of ``size`` terms, ``beyond`` of them shared past its rarest: by how many of its ``lists`` rarest
    terms' lists hold a reading, the longest reading (in terms) that passes the tests of
    ``Story._best`` that read only that count and the reading's length, where the match would be on words: at
    least ``fewest`` lists (``least``, and two terms in common), both claims of ``MIN_TERMS`` terms or more, and a
    Dice coefficient of ``JOIN_DICE`` or more counting every shared term past the rarest (the same division, so
    the same answer: the coefficient only falls as the reading grows). -2 where no reading passes, -1 where only
    a reading that gives values (for a claim that does) may."""
    out = []
    for held in range(lists + 1):
        most = held + beyond
        if held < fewest:
            out.append(-2)
            continue
        if size < MIN_TERMS:
            out.append(-1)
            continue
        other = max(int(2 * most / JOIN_DICE) - size, MIN_TERMS)
        while 2 * most / (size + other + 1) >= JOIN_DICE:
            other += 1
        while other >= MIN_TERMS and 2 * most / (size + other) < JOIN_DICE:
            other -= 1
        out.append(other if other >= MIN_TERMS else -1)
    return tuple(out)


class _Idf(dict[str, float]):
    """Term weights as :meth:`Story.weights` gives them, each computed when first asked for: a batch reads the
    weights of the terms its claims meet, never the whole vocabulary of the story."""

    def __init__(self, df: dict[str, int], n: int) -> None:
        super().__init__()
        self.df, self.n = df, n

    def __missing__(self, term: str) -> float:
        d = self.df.get(term)
        got = self[term] = 1.0 if d is None else math.log((self.n + 1) / (d + 0.5))
        return got

    def get(self, term: str, default: float = 1.0) -> float:  # type: ignore[override]
        return self[term] if term in self.df or dict.__contains__(self, term) else default


# A reading of a claim as scoring sees it, in one cluster: members with the same key score the same.
_Key = tuple[object, ...]


@dataclass(slots=True)
class Story:
    """The claim clusters of one story, which new claims join.

    A new claim meets the clusters found by its rarest terms in the story's index (decision 0042): each term
    lists the readings (see ``index``) of at most :data:`POSTING` claims that hold it, at most :data:`PER_CLUSTER`
    of one cluster, those of the clusters that most recently took a claim with the term. A rare term lists every
    cluster that ever used it, however long the story; a word every claim of the story repeats lists only its
    latest clusters, and weighs little. What matching costs a claim is thus bounded by :data:`RAREST` times
    :data:`POSTING`, not by the story, and no claim leaves the story while a run keeps it. Every claim counted
    weighs the story's words; a run reads each story's last :data:`READ` claims from the store."""

    id: str
    clusters: dict[str, Cluster] = field(default_factory=dict)
    by_claim: dict[str, str] = field(default_factory=dict)
    # In how many of the story's claims each term appears, how many claims that is, and every claim counted.
    df: Counter[str] = field(default_factory=Counter)
    counted: set[str] = field(default_factory=set)
    n: int = 0
    _weights: _Idf | None = None
    _totals: dict[frozenset[str], float] = field(default_factory=dict)
    # Readings by term (each with its cluster id), so a new claim is compared only with claims that share one of
    # its rarest terms, never with the whole story. A member that reads as one already indexed in its cluster (the
    # same terms, values and negation: a copied article's claim) is not indexed again, since it would score the
    # same: a claim repeated by a thousand copies is one candidate, not a thousand. A term's list holds at most
    # ``POSTING`` readings, at most ``PER_CLUSTER`` of one cluster (its first ones), in the order their cluster
    # last took a claim with the term; the oldest leaves a full list. A reading is listed by its number (the order it
    # was first indexed in: ``_numbers``), which hashes and compares at C speed where its key (a tuple holding term
    # and value sets) is hashed anew each time; ``_readings`` gives its member, ``_facts`` what ``_best`` reads of it.
    index: dict[str, dict[int, str]] = field(default_factory=dict)
    _readings: dict[int, Member] = field(default_factory=dict)
    _numbers: dict[_Key, int] = field(default_factory=dict)
    _facts: list[
        tuple[Member, str, int, tuple[tuple[str, str, str], ...], frozenset[tuple[str, str]], frozenset[Any]]
    ] = field(default_factory=list)
    # Each reading's length as the sift of ``_best`` reads it (``_lengths``): for a claim that gives no value, and
    # for one that does (where a reading that gives values takes the verdict's way, not the length's).
    _sizes: list[int] = field(default_factory=list)
    _wordy: list[int] = field(default_factory=list)
    # The readings each cluster has in the list of each of its terms (at most ``PER_CLUSTER``), by cluster and then
    # term: a new reading finds its cluster's once, not a (term, cluster) key made and hashed for each of its terms.
    _held: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # The readings that hold a term its list does not give, their cluster's ``PER_CLUSTER`` being listed already:
    # with them a list that never filled tells exactly which readings hold its term (what ``_best``'s cut reads).
    _unlisted: dict[str, set[int]] = field(default_factory=dict)
    # The readings some list of their terms does not give (left out, or dropped from a full list): for the others,
    # how many of the claim's rarest terms a reading holds is how many of their lists give it.
    _partial: set[int] = field(default_factory=set)
    # The terms whose list is full (a full list stays full): only they change when a reading comes again.
    _full: set[str] = field(default_factory=set)
    # The clusters a claim joined since the last ``take_changed``, in the order they first changed.
    changed: dict[str, Cluster] = field(default_factory=dict)
    # For a story read summed up (``load_window``): the places (support rowids) of the first and last rows read.
    # Its ``by_claim`` and ``counted`` then hold the claims of this run and those of several clusters only: whether
    # another claim was read is asked of the store (``CorpusView.claim_placed``), for the claims of a batch.
    low: int | None = None
    high: int | None = None
    # What ``best`` answered each reading of a claim (its terms, values, negation and denial, and whether it is
    # counted) since the story last changed in a way that answer reads: its weights, the order or the readings of a
    # list it read, the values of the cluster it chose. A claim that copies repeat is thus scored once while nothing
    # it meets changes (``_unsettle``, ``_join``).
    _answers: dict[tuple[object, ...], tuple[Cluster | None, float]] = field(default_factory=dict)
    # The answers by the rarest terms of their claims (the lists ``_best`` read: a reading none of them lists is no
    # candidate), and by the cluster they chose: the answers a new reading or a cluster's new value may change.
    _asking: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)
    _chosen: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)
    _rarest: list[str] | None = None  # the rarest terms ``_best`` last read the lists of
    # The readings (as ``best`` is asked them) that more than one claim of the batch last counted gives: only their
    # answers are kept, since only they are asked again before the next batch's count changes the weights.
    _repeated: set[tuple[object, ...]] = field(default_factory=set)
    recalled: int = 0  # answers ``best`` gave from memory
    compared: int = 0  # candidates scored so far (what a claim costs: the tests bound it)

    def _key(self, member: Member, cluster_id: str) -> _Key:
        return (cluster_id, member.terms, member.value_key, member.negative, member.denial)

    def _number(self, member: Member, cluster_id: str) -> tuple[int, bool]:
        """The number of ``member``'s reading in cluster ``cluster_id``, and whether it is new (numbered now)."""
        key = self._key(member, cluster_id)
        number = self._numbers.get(key)
        if number is not None:
            return number, False
        number = self._numbers[key] = len(self._numbers)
        self._readings[number] = member
        given = member.value_key
        units = _unit_sets(given) if given else _NO_UNITS
        self._facts.append((member, cluster_id, len(member.terms), given, *units))
        size = len(member.terms) if len(member.terms) >= MIN_TERMS else _LONGEST
        self._sizes.append(size)
        self._wordy.append(-1 if given else size)
        return number, True

    def remember(self, member: Member, cluster_id: str) -> None:
        """Index ``member`` of cluster ``cluster_id`` under its terms (once per reading, see ``index``)."""
        number, new = self._number(member, cluster_id)
        if not new:
            # A reading indexed already changes only full lists (see below): most members of a story of copies.
            full = self._full
            if full and not full.isdisjoint(member.terms):
                for term in full.intersection(member.terms):
                    self._again(term, cluster_id)
            return
        filled = len(self._full)
        self._index(member, cluster_id, number)
        if len(self._full) != filled:
            self._forget()  # a list filled up: the cut of ``_best`` reads which lists are full
        elif self._answers:
            self._unsettle(member.terms)

    def _forget(self) -> None:
        """Forget every answer of ``best``."""
        self._answers.clear()
        self._asking.clear()
        self._chosen.clear()

    def _unsettle(self, terms: frozenset[str]) -> None:
        """Forget the answers a new reading of ``terms`` may change, the lists holding it having grown by it alone (no
        list filled up, none dropped or moved a reading: each does ``_forget``). Those left stand: the other
        candidates of each, their order (the reading goes last in each list that lists it, its number being new),
        their counts, the weights and the cut are as they were, and the reading is no candidate of a claim whose
        rarest terms it holds none of (the lists ``_best`` reads are theirs, those the cut reads a subset), nor
        scores above nothing where it shares fewer than two terms with the claim (``score``'s first test), so that
        ``got > best_score`` fails for it: the answer, the first best-scoring candidate that fits, is the same."""
        answers, asking = self._answers, self._asking
        for term in terms & asking.keys():
            for key in asking[term]:
                asked = key[0]
                if key in answers and len(terms & asked) >= 2:  # type: ignore[operator]
                    del answers[key]

    def _index(self, member: Member, cluster_id: str, number: int) -> None:
        """``remember`` of a new reading: listed under its terms."""
        index = self.index
        by_term = self._held.get(cluster_id)
        if by_term is None and PER_CLUSTER > 0:
            # The cluster's first reading (most clusters have one): each of its terms lists it as the loop below
            # would, with no list of the cluster to look up (it has none yet, so none is full or dropped from).
            self._held[cluster_id] = {term: [number] for term in member.terms}
            for term in member.terms:
                posting = index.get(term)
                if posting is None:
                    posting = index[term] = {}
                posting[number] = cluster_id
                if len(posting) >= POSTING:
                    self._full.add(term)
                    if len(posting) > POSTING:
                        self._drop(term, posting)
            return
        if by_term is None:
            by_term = self._held[cluster_id] = {}
        for term in member.terms:
            posting = index.get(term)
            if posting is None:
                posting = index[term] = {}
            held = by_term.get(term)
            if held is None:
                held = by_term[term] = []
            if len(held) < PER_CLUSTER:
                held.append(number)
                posting[number] = cluster_id
                if len(posting) >= POSTING:
                    self._full.add(term)
                    if len(posting) > POSTING:
                        self._drop(term, posting)
            else:
                unlisted = self._unlisted.get(term)
                if unlisted is None:
                    unlisted = self._unlisted[term] = set()
                unlisted.add(number)
                self._partial.add(number)
                if held and len(posting) >= POSTING and next(reversed(posting)) != held[-1]:
                    self._again(term, cluster_id)

    def _again(self, term: str, cluster_id: str) -> None:
        """The cluster took ``term`` again: its readings under it move to the recent end of the term's list if
        the list is full (a list that never fills keeps the order its readings came in)."""
        posting = self.index[term]
        by_term = self._held.get(cluster_id)
        held = by_term.get(term) if by_term is not None else None
        if held and len(posting) >= POSTING and next(reversed(posting)) != held[-1]:
            self._forget()
            for kept in held:
                del posting[kept]
                posting[kept] = cluster_id

    def _drop(self, term: str, posting: dict[int, str]) -> None:
        """The oldest reading leaves a full list."""
        self._forget()
        oldest = next(iter(posting))
        cluster_id = posting.pop(oldest)
        self._partial.add(oldest)
        by_term = self._held[cluster_id]
        held = by_term[term]
        held.remove(oldest)
        if not held:
            del by_term[term]

    def count(self, claims: Iterable[Member]) -> None:
        """Count the terms of claims not counted yet (before they are placed, so a batch weighs as one)."""
        counted = self.counted
        terms = []
        asked: set[tuple[object, ...]] = set()
        repeated: set[tuple[object, ...]] = set()
        for claim in claims:
            if claim.id not in counted:
                counted.add(claim.id)
                terms.append(claim.terms)
                key = (claim.terms, claim.value_key, claim.negative, claim.denial, 1, claim.text)
                if key in asked:
                    repeated.add(key)
                else:
                    asked.add(key)
        if terms:
            self._repeated = repeated
            self._weights = None
            self._forget()
            self.n += len(terms)
            self.df.update(itertools.chain.from_iterable(terms))  # a Counter: counted in C

    def weights(self) -> dict[str, float]:
        """Each term's weight: rarer in the story, heavier (inverse document frequency over its claims)."""
        n = self.n
        return {t: math.log((n + 1) / (d + 0.5)) for t, d in self.df.items()}

    def _idf(self) -> _Idf:
        if self._weights is None:
            self._weights = _Idf(self.df, self.n)
            self._totals = {}
        return self._weights

    def best(self, claim: Member) -> tuple[Cluster | None, float]:
        """The cluster ``claim`` would join and how well it matches (None: none matches)."""
        if len(claim.terms) < MIN_TERMS and not claim.value_key:
            return None, 0.0  # a short claim matches only on a shared value, and it gives none
        own = 1 if claim.id in self.counted else 0
        asked = (claim.terms, claim.value_key, claim.negative, claim.denial, own, claim.text)
        if asked not in self._repeated:
            return self._best(claim, own)  # (no other claim of the batch asks it: nothing to keep)
        answer = self._answers.get(asked)
        if answer is not None:
            self.recalled += 1
            return answer
        self._rarest = None
        answer = self._answers[asked] = self._best(claim, own)
        # (A ``_best`` that does not say which lists it read: every term of the claim.)
        for term in claim.terms if self._rarest is None else self._rarest:
            keys = self._asking.get(term)
            if keys is None:
                self._asking[term] = [asked]
            else:
                keys.append(asked)
        if answer[0] is not None:
            chose = self._chosen.get(answer[0].id)
            if chose is None:
                self._chosen[answer[0].id] = [asked]
            else:
                chose.append(asked)
        return answer

    def _best(self, claim: Member, own: int) -> tuple[Cluster | None, float]:
        """``best``, worked out (``own``: 1 where the claim is counted). Each candidate is scored as :func:`score`
        scores it, written out here (the same tests on the same values in the same order, so the same floats):
        hundreds of thousands of candidates a run, each a call and a few lookups fewer."""
        best: Cluster | None = None
        best_score = 0.0
        weight = self._idf()
        terms = claim.terms
        size = len(terms)
        valued = claim.value_key
        negative, denial = claim.negative, claim.denial
        # Terms no other claim holds find nothing: the rarest of those some other claim holds.
        df = self.df
        shared = sorted((d, t) for t in terms if (d := df.get(t, 0)) > own)
        rarest = self._rarest = [t for _, t in shared[:RAREST]]
        # Each candidate once, in the order the lists first give it, with how many of the lists hold it (counted
        # in C); one that shares fewer than two terms with the claim, even with every shared term past the
        # rarest, scores nothing and is not scored.
        index = self.index
        look = weight.__getitem__  # an ``_Idf``: at C speed once it has the term
        # The cut: a match needs ``MIN_SHARED`` of weight in common (one less with the same value, which only a
        # claim that gives values can have). Rarer terms weigh more, so the shared terms from some place on in the
        # rarest-first order weigh less than that together, and a reading that holds none of the terms before it
        # (``cut`` of them) cannot score: only the readings those lists give (and the readings of those terms that
        # their lists, never full, leave out: ``_unlisted``) are candidates. A term outside ``shared`` is held by
        # no reading: a reading's claim is counted before it is indexed, and the claim itself is not indexed yet.
        # The weights are positive and summed here in another order than a candidate's, hence the margin.
        least_words, least_same = floors(self.n)
        floor = (least_same if valued else least_words) - 1e-9
        tail = sum(map(look, [t for _, t in shared[RAREST:]])) if len(shared) > RAREST else 0.0
        cut = len(rarest)
        while cut and tail + (heavier := look(rarest[cut - 1])) < floor:
            tail += heavier
            cut -= 1
        if cut < len(rarest) and not self._full.isdisjoint(rarest[:cut]):
            cut = len(rarest)  # a list that dropped readings does not tell which readings hold its term
        # Where one of the two gives no value, a match on words needs both claims long enough and a Dice
        # coefficient of their terms that the shared terms counted here may already rule out.
        beyond = len(shared) - len(rarest)
        least = 1
        if not valued:
            # Every candidate needs the Dice test below, which a candidate held by fewer than ``least`` of the lists
            # fails whatever its size (the test is weakest for the shortest other claim, of ``MIN_TERMS``): those,
            # most of the lists' readings, are passed over. A reading that ``least`` lists hold is in one of the
            # first ``len(rarest) - least + 1``, so the lists past those add no candidate, only counts.
            while least + beyond < 2 or 2 * (least + beyond) / (size + MIN_TERMS) < JOIN_DICE:
                least += 1
        stop = min(cut, max(len(rarest) - least + 1, 0))
        # One count over the lists' keys in turn (iterating a list gives its keys; a mapping would add its values):
        # the first ``stop`` lists first, so that the readings they give come first.
        found: Counter[int] = Counter(itertools.chain.from_iterable(index[t] for t in rarest[:stop] if t in index))
        first = len(found)
        # The lists past those add counts to their readings, and give a candidate of their own only where the cut
        # stopped and one of the cut's terms' lists leaves out a reading they give (``_unlisted``): otherwise each
        # of them is intersected with the first lists' readings (the smaller of the two walked, in C), not walked
        # whole (the commonest terms of a long story list ``POSTING`` readings, most of them no candidate).
        rest = [index[t] for t in rarest[stop:] if t in index]
        left_out: set[int] = set()
        if rest and stop == cut:
            unlisted = self._unlisted
            left_out = set().union(*[unlisted[t] for t in rarest[:cut] if t in unlisted]).difference(found)
        if left_out:
            found.update(itertools.chain.from_iterable(rest))
        else:
            keys = found.keys()  # (counts change below, never its keys)
            found.update(itertools.chain.from_iterable([posting.keys() & keys for posting in rest]))
        facts, clusters, totals, by_claim = self._facts, self.clusters, self._totals, self.by_claim
        own_weight: float | None = None
        own_units, own_quantities = _unit_sets(valued) if valued else _NO_UNITS
        partial = self._partial
        scored = 0
        # The tests below that read only a candidate's count and length, told in C first (``_lengths``): the
        # longest reading each count allows, against each reading's length (-1 for one that gives values where
        # the claim does, which takes the verdict's way; ``_LONGEST`` for one too short to match on words).
        longest = _lengths(size, beyond, max(least, 2 - beyond), len(rarest))
        lengths = self._wordy if valued else self._sizes
        candidates: Iterable[tuple[int, int]]
        if first < len(found):
            # Each candidate keeps its place in the lists' order and its count over every list (what the tests
            # below read); past the first lists' readings, only those the cut's terms' lists leave out.
            numbers = list(found)
            kept = numbers[:first]
            kept.extend(filter(left_out.__contains__, numbers[first:]))
            candidates = [(n, held) for n in kept if longest[held := found[n]] >= lengths[n]]
        else:
            sifted = map(operator.ge, map(longest.__getitem__, found.values()), map(lengths.__getitem__, found))
            candidates = itertools.compress(found.items(), sifted)
        # Where the claim shares terms past its rarest, the lists of those terms tell (intersected with the
        # candidates, in C) how many of them each candidate holds: for a reading every list of its terms gives (not
        # ``_partial``) that and ``held`` are its terms in common (``shares``), counted before they are intersected.
        shares: Counter[int] | None = None
        if beyond:
            held_by = dict(candidates)  # (in the lists' order)
            candidates = ()
            if held_by:
                keys = held_by.keys()
                shares = Counter(held_by)  # (its keys in the same order: the lists past the rarest add no key)
                shares.update(
                    itertools.chain.from_iterable(
                        [index[t].keys() & keys for _, t in shared[len(rarest) :] if t in index]
                    )
                )
                # ``len(common)`` below, counted, and its tests told in C where they read only that count and the
                # reading's length (``_lengths`` of the count, as for ``held`` with no term past it): a reading that
                # shares fewer than two terms, or too few for the Dice coefficient of a match on words (one that
                # gives values where the claim does is left to the verdict), never reaches the loop; one that some
                # list leaves out (``_partial``) is kept, its count being short.
                fewest = _lengths(size, 0, 2, len(shared))
                passes: Iterable[bool] = map(
                    operator.ge, map(fewest.__getitem__, shares.values()), map(lengths.__getitem__, keys)
                )
                if partial:
                    passes = map(operator.or_, passes, map(partial.__contains__, keys))
                candidates = list(itertools.compress(held_by.items(), passes))
        for number, held in candidates:
            # What reads only a candidate's counts and length was told in C above for every candidate that reaches
            # here: that ``held`` and ``beyond`` allow two terms in common, and, for a match on words, the lengths and
            # the Dice coefficient they allow, and those its terms in common allow where they are counted (``shares``).
            member, cluster_id, other, values, units, quantities = facts[number]
            if not (valued and values):
                rel = "none"
            else:
                # ``score``'s tests that read no term come first, each a reason to score nothing: the verdict of
                # the values (without ``_verdict`` where the two share no unit: most pairs, each one new), then,
                # for a match on words, the lengths and the Dice coefficient of the terms in common, which for a
                # reading every list of its terms gives (not ``_partial``) are at most ``held`` and ``beyond``, and
                # are ``shares`` where the claim shares terms past its rarest.
                if own_units.isdisjoint(units):
                    if own_quantities and quantities and own_quantities.isdisjoint(quantities):
                        continue  # ``other``
                    rel = "none"
                else:
                    rel = _verdict(valued, values)
                    if rel == "other" or rel == "differ":
                        continue
                if rel != "same":
                    if size < MIN_TERMS or other < MIN_TERMS:
                        continue
                    if number not in partial and (
                        2 * (held + beyond) / (size + other) < JOIN_DICE
                        or (shares is not None and 2 * shares[number] / (size + other) < JOIN_DICE)
                    ):
                        continue
            # ``score(claim, member, weight, totals)``:
            scored += 1
            common = terms & member.terms
            if len(common) < 2:
                continue  # one word in common is never one claim
            if (denial or member.denial) and negative != member.negative:
                continue
            if rel != "same" and (min(size, other) < MIN_TERMS or 2 * len(common) / (size + other) < JOIN_DICE):
                continue
            # ``_weighted``: the weights of the two term sets (cached in ``totals``) and of the terms they share.
            if own_weight is None:
                own_weight = totals.get(terms)
                if own_weight is None:
                    own_weight = totals[terms] = sum(map(look, terms))
            wb = totals.get(member.terms)
            if wb is None:
                wb = totals[member.terms] = sum(map(look, member.terms))
            weighed = sum(map(look, common))
            share = weighed / min(own_weight, wb)
            if negative != member.negative and share < NEGATION_KEPT:
                continue  # a "not" in one of two claims that share less than this tells them apart
            if rel == "same":
                got = share + 0.5 if share >= JOIN_SAME_VALUE and weighed >= least_same else 0.0
            else:
                words = sum(not t.startswith(("#", "@")) for t in common)
                if words < MIN_WORDS and not (
                    words and share >= JOIN_FEW_WORDS and _few_words_say(terms, member.terms, common, weight)
                ):
                    continue  # the same names doing different things
                if 2 * words < WORDS_DICE * (_worded(terms) + _worded(member.terms)):
                    continue  # a setting in common, little else
                got = share if share >= JOIN and weighed >= least_words else 0.0
            if got > best_score:
                # A member's cluster is its reading's, unless the claim joined a later one too (``by_claim``).
                cluster = clusters[by_claim.get(member.id, cluster_id)]
                if self._fits(claim, cluster) and (rel == "same" or not _told_apart(claim, member)):
                    best, best_score = cluster, got
        self.compared += scored
        return best, best_score

    def _fits(self, claim: Member, cluster: Cluster) -> bool:
        """Whether ``claim`` gives no other value than any member of ``cluster`` for a unit they share: matching
        one member is not enough ("12 killed" matches "20 injured", which matches "17 killed"; those chains
        made one cluster of two sides of one slot). Each distinct set of values in the cluster is compared once."""
        if not claim.value_key:
            return True
        return all(not key or _verdict(claim.value_key, key) != "differ" for key in cluster.values)

    def _join(self, claim: Member, cluster: Cluster) -> None:
        cluster.members.append(claim)
        cluster.size += 1
        if cluster.first is None:
            cluster.first = claim
        key = claim.value_key
        had = cluster.values.get(key, 0)
        if claim.tolls or claim.vague:
            _note_tolls(cluster, claim)
        if not had:
            # A value the cluster did not give: it may no longer fit (``_fits``) a claim whose answer it is. One that
            # did not fit still does not (a value more only adds a test), and an answer that chose another cluster
            # stands: it is the first best-scoring candidate that fits, and this cluster's were not.
            for asked in self._chosen.pop(cluster.id, ()):
                self._answers.pop(asked, None)
        cluster.values[key] = had + 1
        n, first = cluster.shapes.get(claim.terms, (0, claim))
        cluster.shapes[claim.terms] = (n + 1, first)
        self.by_claim[claim.id] = cluster.id
        self.remember(claim, cluster.id)

    def add(self, claim: Member, event_id: str | None) -> Cluster:
        """Put ``claim`` in the cluster it matches best, or in a new one; a claim already placed stays."""
        if claim.id in self.by_claim:
            return self.clusters[self.by_claim[claim.id]]
        cluster, _ = self.best(claim)
        if cluster is None:
            cluster = Cluster(id=cluster_id(self.id, claim.id), story_id=self.id, event_id=event_id)
            self.clusters[cluster.id] = cluster
        self._join(claim, cluster)
        cluster.changed = True
        self.changed.setdefault(cluster.id, cluster)
        return cluster

    def load(self, cluster: Cluster, members: Iterable[Member]) -> None:
        """Take a stored cluster with its members the run read (in the order they joined) as they are."""
        self.clusters[cluster.id] = cluster
        for member in members:
            self._join(member, cluster)

    def load_window(self, window: dict[str, Any], slots: dict[str, str]) -> bool:
        """Take a story's last claims as the store sums them up (``CorpusView.claim_window``): the same clusters,
        counts, index and representatives as :meth:`load` and :meth:`count` give for those claims read row by row,
        from each distinct reading of each cluster with how many rows give it. A reading given again changes only
        full lists (``remember``), and the order they end in hangs on each row: False (the story left half made)
        where a list fills up, for the caller to read the story row by row instead."""
        self.low, self.high = window["low"], window["high"]
        place: dict[str, int] = {}
        rows = 0
        counts: dict[frozenset[str], int] = {}  # how many rows give each set of terms
        for stored in window["clusters"]:
            cluster = Cluster(id=stored["id"], story_id=stored["story_id"], event_id=stored["event_id"], changed=False)
            self.clusters[cluster.id] = cluster
            place[cluster.id] = len(place)
            for _, id_, article_id, text, slot, terms, values, modality, n in stored["readings"]:
                member = Member.stored(id_, article_id, terms, values, modality, text)
                slots[id_] = slot
                cluster.size += n
                if cluster.first is None:
                    cluster.first = member
                cluster.values[member.value_key] = cluster.values.get(member.value_key, 0) + n
                if member.tolls or member.vague:
                    _note_tolls(cluster, member)
                had, first = cluster.shapes.get(terms, (0, member))
                cluster.shapes[terms] = (had + n, first)
                self.remember(member, cluster.id)
                counts[terms] = counts.get(terms, 0) + n
                rows += n
        df = self.df
        for terms, n in counts.items():
            for term in terms:
                df[term] += n
        # A claim of several clusters counts once, and belongs to the last cluster it was read in.
        for claim, seen in window["repeated"].items():
            again = len(seen["clusters"]) - 1
            rows -= again
            self.df.subtract(dict.fromkeys(seen["terms"], again))
            self.by_claim[claim] = max(seen["clusters"], key=place.__getitem__)
            self.counted.add(claim)
        self.n += rows
        self._weights = None
        self._forget()
        return not self._full

    def take_changed(self) -> list[Cluster]:
        """The clusters a claim joined since the last call, in the order they first changed."""
        changed = list(self.changed.values())
        self.changed.clear()
        for cluster in changed:
            cluster.changed = False
        return changed

    def extend(self, claims: Iterable[tuple[Member, str | None]]) -> None:
        """Add each claim, in order."""
        claims = list(claims)
        self.count(c for c, _ in claims)
        for claim, event_id in claims:
            self.add(claim, event_id)


class View(Protocol):
    """The read-only store access matching needs (a subset of ``pipeline.CorpusView``)."""

    def stories_of(self, event_ids: Iterable[str]) -> dict[str, str]: ...

    def claim_readings(self, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]: ...

    def claims_matched(self, article_ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]: ...

    def claim_window(self, story_ids: Sequence[str], latest: int) -> list[dict[str, Any]]: ...

    def claim_placed(self, story_id: str, low: int, high: int, article_ids: Sequence[str]) -> dict[str, str]: ...


def _value_key(values: Sequence[Value]) -> tuple[tuple[str, str, str], ...]:
    """What ``relation`` and ``score`` read of a claim's values."""
    return tuple((v.kind, v.unit, v.value) for v in values)


def _representative(cluster: Cluster) -> Member:
    """The claim that stands for the cluster: the one most like the others (the first, on a tie), of those that give
    no figure of a toll another member names with none (``Cluster.vague``), where there are any: "killed 44, with
    279 other people reported missing" beside "killing 44 and leaving hundreds missing" tells the toll of 44 the two
    agree on, and a figure of the missing the second does not give. Standing for the cluster, it would count the
    second's origin as corroborating 279 (at most it reports a related figure); the toll that all tell stands.

    Members with the same terms are alike to the others alike, so each distinct set of terms is compared with
    each other once, weighted by how many members have it: a claim a thousand copies repeat costs one
    comparison, not a million. Each pair's likeness is :func:`overlap`'s share worked out in line (the same
    division of the same integers, summed in the same order), not a call a pair: a cluster of a long story has a
    hundred shapes and more, so ten thousand pairs each time it changes."""
    first = cluster.first
    assert first is not None, "a cluster has a member"
    barred = cluster.vague
    if cluster.size <= 2:
        if barred and not barred.isdisjoint(first.tolls):
            found = (_standing(cluster, t, m) for t, (_, m) in cluster.shapes.items())
            return next((m for m in found if m is not None), first)
        return first
    shapes = cluster.shapes
    rows = _likeness(cluster)
    # Each term set with its row; an empty one is like nothing (``overlap`` gives 0.0, which adds nothing to a sum).
    if len(shapes) == cluster.size:  # each member its own shape: its first member is the member
        firsts = [m for _, m in shapes.values()]
        alike = []
        k = 0
        for m in firsts:
            if m.terms:
                row = rows[k]
                alike.append(sum(itertools.chain(row[:k], row[k + 1 :])))  # the others', in order
                k += 1
            else:
                alike.append(0.0)
        places: Sequence[int] = range(len(firsts))
        if barred:
            places = [i for i in places if barred.isdisjoint(firsts[i].tolls)] or places
        return firsts[max(places, key=alike.__getitem__)]
    # Summed in another order than member by member: rounded, so that float noise breaks no tie.
    counts = [n for u, (n, _) in shapes.items() if u]
    like = {}
    k = 0
    for t in shapes:
        if t:
            like[t] = round(sum(map(operator.mul, counts, rows[k])) - 1.0, 9)
            k += 1
        else:
            like[t] = 0.0
    if not barred:
        return shapes[max(shapes, key=like.__getitem__)][1]  # shapes in order of first appearance: the first on a tie
    standing = {t: s for t, (_, head) in shapes.items() if (s := _standing(cluster, t, head)) is not None}
    if not standing:
        return shapes[max(shapes, key=like.__getitem__)][1]
    return standing[max(standing, key=like.__getitem__)]


LIKENESS = 1_024  # a cluster keeps the likeness of its term sets while it has at most this many (non-empty)


class _Rows:
    """The rows of likeness of a cluster past ``LIKENESS`` term sets, each worked out when read and not kept (as the
    representative was worked out before rows were kept: its memory grows with the square of the sets)."""

    def __init__(self, sets: list[frozenset[str]]) -> None:
        self.sets = sets

    def __getitem__(self, k: int) -> list[float]:
        t = self.sets[k]
        size = len(t)
        return [len(t & u) / min(size, len(u)) for u in self.sets]


def _likeness(cluster: Cluster) -> list[list[float]] | _Rows:
    """``cluster.likeness`` brought up to its term sets: each pair of non-empty ones compared once, with the same
    division ``overlap`` makes (its share is symmetric), a row a term set and a column each other, in the order of
    ``shapes``; a term set compared with itself is alike at 1.0. A cluster of a long story has a hundred term sets
    and more, and is asked for its representative each batch it changes in: its rows are summed again (in C), its
    sets are intersected only as new ones come. Past ``LIKENESS`` sets, rows worked out when read (``_Rows``)."""
    rows = cluster.likeness
    if len(rows) == len(cluster.shapes):
        return rows
    sets = [t for t in cluster.shapes if t]
    if len(sets) > LIKENESS:
        rows.clear()
        return _Rows(sets)
    for j in range(len(rows), len(sets)):
        u = sets[j]
        size = len(u)
        row = []
        for i in range(j):
            t = sets[i]
            x = len(t & u) / min(len(t), size)
            rows[i].append(x)
            row.append(x)
        row.append(len(u) / size)  # ``overlap`` of a set with itself: 1.0
        rows.append(row)
    return rows


def stage(
    batch: Sequence[Article], view: View, settings: Settings, memo: dict[str, Any] | None = None
) -> tuple[list[Article], dict[str, Any]]:
    """The corpus stage: the batch's claims join their story's clusters (each story's last claims read from the store
    once per run and kept in ``memo``); returns the clusters that changed and the new support rows for the store
    to write."""
    memo = {} if memo is None else memo
    stories: dict[str, Story] = memo.setdefault("stories", {})
    slots: dict[str, str] = memo.setdefault("slots", {})
    story_of = view.stories_of({a.event_id for a in batch if a.event_id})
    missing = sorted({s for s in story_of.values() if s not in stories})
    # Each story's last claims summed up by the store; one whose lists fill up is read row by row.
    by_rows = []
    for window in view.claim_window(missing, READ) if missing else []:
        story = Story(window["story_id"])
        if story.load_window(window, slots):
            stories[story.id] = story
        else:
            by_rows.append(story.id)
    for row in view.claim_readings(by_rows, READ) if by_rows else []:
        story = stories.setdefault(row["story_id"], Story(row["story_id"]))
        cluster = Cluster(id=row["id"], story_id=row["story_id"], event_id=row["event_id"], changed=False)
        members = []
        for id_, article_id, terms, values, modality, slot, text in row["claims"]:
            members.append(Member.stored(id_, article_id, terms, values, modality, text))
            slots[id_] = slot
        story.load(cluster, members)
        story.count(members)  # what is counted does not hang on the order it is counted in
    for story_id in missing:
        stories.setdefault(story_id, Story(story_id))
    # The batch's claims as matching reads them (no ``Claim`` made); each its own term set, as ``Member.of`` makes.
    found = view.claims_matched([a.id for a in batch if a.event_id in story_of])
    support: list[tuple[str, str, str, str, int, int]] = []
    by_story: dict[str, list[tuple[Member, str | None]]] = {}
    spans: dict[str, tuple[int, int]] = {}
    for article in batch:
        in_story = story_of.get(article.event_id or "")
        if in_story is None:
            continue
        for id_, start, end, terms, values, modality, slot, text in found.get(article.id, []):
            member = Member.stored(id_, article.id, frozenset(terms), values, modality, text)
            slots[id_] = slot
            spans[id_] = (start, end)
            by_story.setdefault(in_story, []).append((member, article.event_id))
    for story_id, claims in by_story.items():
        story = stories[story_id]
        if story.low is not None and story.high is not None:
            # Which of the batch's claims the story's summed-up rows hold (placed and counted already).
            asked = {m.id for m, _ in claims}
            articles = sorted({m.article_id for m, _ in claims})
            for id_, cluster_id in view.claim_placed(story_id, story.low, story.high, articles).items():
                if id_ in asked:
                    story.by_claim.setdefault(id_, cluster_id)
                    story.counted.add(id_)
        story.count(m for m, _ in claims)
        for member, event_id in claims:
            if member.id in story.by_claim:
                continue
            cluster = story.add(member, event_id)
            support.append((cluster.id, member.id, member.article_id, "supports", 0, 0))
    # Spans of the support rows are their claims'.
    support = [(k, c, a, st, *spans[c]) for k, c, a, st, _, _ in support]
    changed = []
    for story_id in by_story:
        for cluster in stories[story_id].take_changed():
            rep = _representative(cluster)
            changed.append(
                {
                    "id": cluster.id,
                    "story_id": cluster.story_id,
                    "event_id": cluster.event_id,
                    "slot": slots.get(rep.id, ""),  # the representative's, worked out once
                    "text": rep.text,
                }
            )
    return [], {"claim_clusters": changed, "claim_support": support}
