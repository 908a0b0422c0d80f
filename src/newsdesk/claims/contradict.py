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

from newsdesk.claims.match import relation
from newsdesk.records import Claim, Modality, Value

__all__ = ["CONTEXT", "Conflict", "Side", "differing", "find"]

CONTEXT = 0.3  # Dice coefficient of the terms of two claims on one subject
DATES = 0.5  # the same, for two dates (articles date many things, and dates alone say little)
DENIAL = 0.45  # the same, for a denial and the claim it denies (values do not tell them apart)


@dataclass(slots=True)
class Side:
    """One cluster as the comparison sees it. What the comparison reads of its claims (their values by unit, their
    term sets, whether one denies) is worked out once, when the side is made."""

    cluster_id: str
    claims: list[Claim]
    article_ids: list[str]
    published: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    negative: bool = field(init=False)
    values: list[Value] = field(init=False)
    worded_as_update: bool = field(init=False)
    term_sets: list[frozenset[str]] = field(init=False)
    by_unit: dict[tuple[str, str], list[Value]] = field(init=False)

    def __post_init__(self) -> None:
        self.negative = any(c.modality == Modality.DENIED for c in self.claims)
        self.values = [v for c in self.claims for v in c.values]
        self.worded_as_update = any(c.update for c in self.claims)
        self.term_sets = [frozenset(c.terms) for c in self.claims]
        self.by_unit = _by_unit(self.values)


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


def _by_unit(values: Sequence[Value]) -> dict[tuple[str, str], list[Value]]:
    by: dict[tuple[str, str], list[Value]] = {}
    for v in values:
        if v.kind != "number":
            by.setdefault((v.kind, v.unit), []).append(v)
    return by


def differing(a: Sequence[Value], b: Sequence[Value]) -> tuple[str, str, str, str] | None:
    """The first unit both sides give values for with no value in common: (kind, unit, value a, value b)."""
    return _differing(_by_unit(a), _by_unit(b))


def _differing(
    by_a: dict[tuple[str, str], list[Value]], by_b: dict[tuple[str, str], list[Value]]
) -> tuple[str, str, str, str] | None:
    for key in by_a:
        if key in by_b and not {v.value for v in by_a[key]} & {v.value for v in by_b[key]}:
            if any(v.bound for v in by_a[key] + by_b[key]):
                continue  # "at least 156" and "159", "about 30" and "31": bounds and estimates agree
            if key[0] == "money" and _apart(by_a[key][0].value, by_b[key][0].value):
                continue  # "$72 billion" and "$30" (a price a share the text did not say as such): two amounts
            return key[0], key[1], by_a[key][0].value, by_b[key][0].value
    return None


def _amount(value: str) -> float | None:
    try:
        return abs(float(value.rsplit(" ", 1)[-1]))
    except ValueError:
        return None


def _apart(a: str, b: str) -> bool:
    """Whether two sums of money are a thousand times apart or more: not two reports of one amount but two
    amounts (a total and a price a share, a budget and a fee)."""
    x, y = _amount(a), _amount(b)
    if not x or not y:
        return False
    return max(x, y) / min(x, y) >= 1000


def _context(a: Side, b: Side, *, skip: set[str]) -> float:
    """How much the two sides' closest claims share: the Dice coefficient of their terms (shared terms at least
    two, the values' own words left out)."""
    best = 0.0
    for ta in a.term_sets:
        if skip:
            ta = ta - skip
        for tb in b.term_sets:
            if skip:
                tb = tb - skip
            shared = len(ta & tb)
            if shared >= 2:
                best = max(best, 2 * shared / (len(ta) + len(tb)))
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


def _near(terms: Sequence[frozenset[str]], among: Sequence[int], of: Sequence[int]) -> dict[int, list[int]]:
    """For each side of ``of``, the sides of ``among`` (in order) whose claims share at least two terms with its
    claims: no conflict is found between sides that share fewer (:func:`_context` needs two shared terms), so
    only those are compared. Terms are looked up in an index, so that a story of thousands of clusters is not
    compared pair by pair."""
    postings: dict[str, list[int]] = {}
    for i in among:
        for term in terms[i]:
            postings.setdefault(term, []).append(i)
    near = {}
    for i in of:
        counts: Counter[int] = Counter()
        for term in terms[i]:
            counts.update(postings.get(term, ()))
        near[i] = sorted(j for j, n in counts.items() if n >= 2 and j != i)
    return near


def find(sides: Sequence[Side], only: set[str] | None = None) -> list[Conflict]:
    """The conflicts among the clusters of one story, each pair once, in the order the clusters are given; with
    ``only``, those of the clusters with these ids (the others are still read, to tell whom a denial denies)."""
    found = []
    terms = [frozenset().union(*side.term_sets) for side in sides]
    # Only two kinds of pairs can conflict: two sides with values (of one unit), and a denial with any side.
    valued = [i for i, side in enumerate(sides) if side.by_unit]
    everyone = range(len(sides))
    if only is None:
        denials = [i for i, side in enumerate(sides) if side.negative]
        near = _near(terms, valued, valued)
        near_denial = _near(terms, everyone, denials)
        pairs = {(min(i, j), max(i, j)) for i, js in near.items() for j in js}
    else:
        focus = [i for i, side in enumerate(sides) if side.cluster_id in only]
        near = _near(terms, valued, [i for i in focus if sides[i].by_unit])
        around = _near(terms, everyone, focus)  # the denials that may deny a focus side, or it them
        denials = sorted(
            {i for i in focus if sides[i].negative} | {j for js in around.values() for j in js if sides[j].negative}
        )
        near_denial = _near(terms, everyone, denials)
        pairs = {(min(i, j), max(i, j)) for i, js in near.items() for j in js}
        pairs |= {
            (min(i, j), max(i, j)) for i, js in around.items() for j in js if sides[j].negative or sides[i].negative
        }
    pairs |= {
        (min(d, j), max(d, j))
        for d, js in near_denial.items()
        for j in js
        if only is None or sides[d].cluster_id in only or sides[j].cluster_id in only
    }
    units = [side.by_unit.keys() for side in sides]
    closest: dict[int, Side | None] = {}
    for i, j in sorted(pairs):
        a, b = sides[i], sides[j]
        if a.negative == b.negative and not units[i] & units[j]:
            continue  # neither values of one unit to differ nor a denial
        differ = _differing(a.by_unit, b.by_unit)
        if differ is not None:
            kind, unit, va, vb = differ
            unit_terms = {unit, unit + "s"}
            if _context(a, b, skip=unit_terms) < (DATES if kind == "date" else CONTEXT):
                continue
        elif a.negative != b.negative and relation(a.values, b.values) != "differ":
            denial, claim = (a, b) if a.negative else (b, a)
            d = i if a.negative else j
            if _context(a, b, skip=set()) < DENIAL:
                continue
            if d not in closest:
                closest[d] = _closest(denial, sides, near_denial[d])
            if closest[d] is not claim:
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
