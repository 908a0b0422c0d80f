"""Contradictions between claim clusters of one story, told apart from updates over time.

Two clusters conflict when they speak of one thing (their claims share enough content terms) and either give
different values for one unit (a number, a count of people, money, a duration, an age, a time or a date of the
same precision) or one denies what the other asserts. A conflict is an *update* rather than a contradiction
when the change is written as one ("cut to", "reduced to", "revised", "now", "latest", "new") on either side, or
when the side stated later was published on a later day than every article of the other and the value is a
quantity that changes (a toll, a sum, a share, a duration; not an age, a time or a date of one event); otherwise
it is a *contradiction*. Bounds and estimates ("at least 156", "about 30") contradict no exact value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdesk.claims.match import dice, relation
from newsdesk.records import Claim, Modality, Value

__all__ = ["CONTEXT", "Conflict", "Side", "differing", "find"]

CONTEXT = 0.3  # Dice coefficient of the terms of two claims on one subject
DATES = 0.5  # the same, for two dates (articles date many things, and dates alone say little)
DENIAL = 0.45  # the same, for a denial and the claim it denies (values do not tell them apart)


@dataclass(slots=True)
class Side:
    """One cluster as the comparison sees it."""

    cluster_id: str
    claims: list[Claim]
    article_ids: list[str]
    published: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)

    @property
    def negative(self) -> bool:
        return any(c.modality == Modality.DENIED for c in self.claims)

    @property
    def values(self) -> list[Value]:
        return [v for c in self.claims for v in c.values]

    @property
    def worded_as_update(self) -> bool:
        return any(c.update for c in self.claims)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sides of one slot: ``kind`` is the value kind in conflict (``count``, ``money``, ``date``, ``time``,
    ``age``, ``duration``, ``percent``) or ``denial``; ``update`` says it is a change over time."""

    a: str
    b: str
    kind: str
    unit: str
    update: bool
    values: tuple[str, str]


_EVOLVING = frozenset({"count", "money", "percent", "duration", "number"})


def differing(a: Sequence[Value], b: Sequence[Value]) -> tuple[str, str, str, str] | None:
    """The first unit both sides give values for with no value in common: (kind, unit, value a, value b)."""
    by_a: dict[tuple[str, str], list[Value]] = {}
    for v in a:
        if v.kind != "number":
            by_a.setdefault((v.kind, v.unit), []).append(v)
    by_b: dict[tuple[str, str], list[Value]] = {}
    for v in b:
        if v.kind != "number":
            by_b.setdefault((v.kind, v.unit), []).append(v)
    for key in by_a:
        if key in by_b and not {v.value for v in by_a[key]} & {v.value for v in by_b[key]}:
            if any(v.bound for v in by_a[key] + by_b[key]):
                continue  # "at least 156" and "159", "about 30" and "31": bounds and estimates agree
            return key[0], key[1], by_a[key][0].value, by_b[key][0].value
    return None


def _context(a: Side, b: Side, *, skip: set[str]) -> float:
    """How much the two sides' closest claims share: the Dice coefficient of their terms (shared terms at least
    two, the values' own words left out)."""
    best = 0.0
    for ca in a.claims:
        for cb in b.claims:
            ta, tb = frozenset(ca.terms) - skip, frozenset(cb.terms) - skip
            if len(ta & tb) >= 2:
                best = max(best, dice(ta, tb))
    return best


def _closest(denial: Side, sides: Sequence[Side], near: Sequence[int] | None = None) -> Side | None:
    """The asserting side most like ``denial``; ``near`` (indexes into ``sides``, in order) limits the search to
    the sides that share two terms or more with it, the only ones that can be like it at all."""
    best, best_score = None, 0.0
    for side in sides if near is None else (sides[k] for k in near):
        if side is denial or side.negative:
            continue
        got = _context(denial, side, skip=set())
        if got > best_score:
            best, best_score = side, got
    return best


def _later(a: Side, b: Side) -> bool:
    """Whether one side was published on a later day than every article of the other."""
    da = sorted(p[:10] for p in a.published if p)
    db = sorted(p[:10] for p in b.published if p)
    return bool(da and db) and (da[0] > db[-1] or db[0] > da[-1])


def _near(sides: Sequence[Side]) -> list[list[int]]:
    """For each side, the sides (in order) whose claims share at least two terms with its claims: no conflict is
    found between sides that share fewer (:func:`_context` needs two shared terms), so only those are compared.
    Terms are looked up in an index, so a story of thousands of clusters is not compared pair by pair."""
    terms = [frozenset(t for c in side.claims for t in c.terms) for side in sides]
    postings: dict[str, list[int]] = {}
    for i, found in enumerate(terms):
        for term in found:
            postings.setdefault(term, []).append(i)
    near = []
    for i, found in enumerate(terms):
        counts: Counter[int] = Counter()
        for term in found:
            counts.update(postings[term])
        near.append(sorted(j for j, n in counts.items() if n >= 2 and j != i))
    return near


def find(sides: Sequence[Side]) -> list[Conflict]:
    """The conflicts among the clusters of one story, each pair once, in the order the clusters are given."""
    found = []
    near = _near(sides)
    units = [{(v.kind, v.unit) for v in side.values if v.kind != "number"} for side in sides]
    closest: dict[int, Side | None] = {}
    for i, a in enumerate(sides):
        for j in near[i]:
            if j <= i:
                continue
            b = sides[j]
            if a.negative == b.negative and not units[i] & units[j]:
                continue  # neither values of one unit to differ nor a denial
            differ = differing(a.values, b.values)
            if differ is not None:
                kind, unit, va, vb = differ
                unit_terms = {unit, unit + "s"}
                if _context(a, b, skip=unit_terms) < (DATES if kind == "date" else CONTEXT):
                    continue
            elif a.negative != b.negative and relation(a.values, b.values) != "differ":
                denial, claim = (a, b) if a.negative else (b, a)
                d = i if a.negative else j
                if d not in closest:
                    closest[d] = _closest(denial, sides, near[d])
                if _context(a, b, skip=set()) < DENIAL or closest[d] is not claim:
                    continue  # a denial contradicts the one claim it is closest to
                kind, unit = "denial", "claim"
                va, vb = ("denied", "asserted") if a.negative else ("asserted", "denied")
            else:
                continue
            # A quantity (a toll, a sum, a share) changes from one day to the next; an age, a time or a date
            # of one event does not, unless the article says it was revised.
            evolves = kind in _EVOLVING or (kind == "denial" and bool(set(a.origins) & set(b.origins)))
            update = a.worded_as_update or b.worded_as_update or (_later(a, b) and evolves)
            found.append(Conflict(a=a.cluster_id, b=b.cluster_id, kind=kind, unit=unit, update=update, values=(va, vb)))
    return found
