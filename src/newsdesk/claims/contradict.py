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

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newsdesk.claims import categories, corroborate, extract, owners, values
from newsdesk.claims.match import relation, rival_sums
from newsdesk.dates import MONTH_NUMBERS, WEEKDAYS, one_of
from newsdesk.records import DENIAL as DENIES
from newsdesk.records import Claim, Modality, Value

__all__ = ["CATEGORICAL", "CONTEXT", "Conflict", "Side", "differing", "find", "held_apart", "new_bid"]

CONTEXT = 0.3  # Dice coefficient of the terms of two claims on one subject
DATES = 0.4  # the same, for two dates (articles date many things, and dates alone say little)
PER_VALUE = 8  # claims of one cluster read for one value: the rest say it again
SPECIFIC = 0.1  # the same, for two counts of one named thing ("31 storeys" and "32 storeys")
DENIAL = 0.45  # the same, for a denial and the claim it denies (values do not tell them apart)
COMPARED = 0.5  # the same, when either claim gives several values of the unit (a comparison of several things)


_DENIED = Modality.DENIED
CATEGORICAL = frozenset(categories.KINDS)  # conflicts whose values are words of a closed list, their unit a subject


@dataclass(slots=True)
class Side:
    """One cluster as the comparison sees it. What the comparison reads of its claims (their values by unit, their
    term sets, whether one denies) is worked out once, when the side is made."""

    cluster_id: str
    claims: list[Claim]
    article_ids: list[str]
    published: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    # Per claim, in the order of ``claims`` (empty: not known): its article, that article's event, publication
    # date and origin. They tell two reports of one thing from reports of two events or two days.
    claim_articles: list[str] = field(default_factory=list)
    claim_events: list[str | None] = field(default_factory=list)
    claim_published: list[str | None] = field(default_factory=list)
    claim_origins: list[str | None] = field(default_factory=list)
    negative: bool = field(init=False)
    values: list[Value] = field(init=False)
    worded_as_update: bool = field(init=False)
    term_sets: list[frozenset[str]] = field(init=False)
    by_unit: dict[tuple[str, str], list[Value]] = field(init=False)
    # The distinct term sets of ``term_sets`` (copies repeat a sentence): what :func:`_context` compares.
    distinct_terms: list[frozenset[str]] = field(init=False)
    # Worked out when first asked, as the side is compared with others: per unit, the claims giving a value of it
    # (:func:`_giving`) and the articles giving each of its values (:func:`_said`).
    giving: dict[tuple[str, str], list[tuple[int, Value]]] = field(init=False)
    said: dict[tuple[str, str], dict[str, set[str]]] = field(init=False)
    # Per claim (by index), when first asked: its names and subject (:func:`_named`), its terms that are no name.
    named: dict[int, tuple[frozenset[str], frozenset[str]]] = field(init=False)
    unnamed: dict[int, frozenset[str]] = field(init=False)
    # When first asked: the terms of all its claims that are no name (:func:`_unnamed_in`).
    unnamed_in: frozenset[str] | None = field(init=False)

    def __post_init__(self) -> None:
        claims = self.claims
        if len(claims) == 1:  # most clusters
            (only,) = claims
            self.negative = only.modality == _DENIED
            self.values = list(only.values)
            self.worded_as_update = bool(only.update)
            terms = frozenset(only.terms)
            self.term_sets, self.distinct_terms = [terms], [terms]
        else:
            self.negative = any(c.modality == _DENIED for c in claims)
            self.values = [v for c in claims for v in c.values]
            self.worded_as_update = any(c.update for c in claims)
            self.term_sets = [frozenset(c.terms) for c in claims]
            self.distinct_terms = list(dict.fromkeys(self.term_sets))
        self.by_unit = _by_unit(self.values)
        self.giving = {}
        self.said = {}
        self.named = {}
        self.unnamed = {}
        self.unnamed_in = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sides of one slot: ``kind`` is the value kind in conflict (``count``, ``money``, ``date``, ``time``,
    ``age``, ``duration``, ``percent``) or ``denial``; ``update`` says it is a change over time. ``a`` and ``b``
    are one cluster when its own claims give one figure bounded two ways (:func:`_within`)."""

    a: str
    b: str
    kind: str
    unit: str
    update: bool
    values: tuple[str, str]
    # Per side, the claim that gives its value (article id, start, end, text): the sentence to cite for it. None
    # where the side as a whole is the evidence (a denial) or its claims' articles are not known.
    evidence: tuple[Evidence | None, Evidence | None] = (None, None)
    # Per side, the indexes of its claims that give its value (that value, as bound): who says it, of a cluster
    # whose other claims may say no value, or another (a cluster is its claims' common sentence, not their
    # figures). Empty where the side as a whole is the evidence (a denial).
    holders: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())
    # Whether the claims giving the two values come from one origin (an origin group, or an outlet both relay):
    # a copy or rewrite that says other than its original.
    one_origin: bool = False
    # Per side, its value as its claim writes it ("$74.4 billion", "more than 9%"): what a reader is shown, where
    # ``values`` is the normal form compared ("USD 74400000000", "9"). Empty for a denial.
    shown: tuple[str, str] = ("", "")


Evidence = tuple[str, int, int, str]


def _origins_of(side: Side, holders: Sequence[int]) -> set[tuple[str, str]]:
    """The origins of the claims ``holders`` of ``side``: each claim's origin group, and the outlet it relays, as
    :func:`newsdesk.claims.corroborate.origin_key` keys them."""
    found = set()
    for k in holders:
        group = _at(side, k, side.claim_origins)
        if group:
            found.add(("group", group))
        if side.claims[k].via:
            found.add(corroborate.origin_key({"claim": side.claims[k], "article_id": ""}))
    return found


def _written(value: Value) -> str:
    """A value as its claim writes it, with its bound where the words of the value leave it out ("more than" and
    "9%"): what a reader is shown beside the normal form compared."""
    text = " ".join(value.text.split())
    if value.bound and value.bound.casefold() not in text.casefold():
        text = f"{value.bound} {text}"
    return text


def _holding(side: Side, value: Value) -> tuple[int, ...]:
    """The indexes of the claims of ``side`` that give ``value`` (its unit, value and bound)."""
    key = (value.kind, value.unit, value.value, value.bound)
    return tuple(
        k for k, claim in enumerate(side.claims) if any((v.kind, v.unit, v.value, v.bound) == key for v in claim.values)
    )


def _evidence(side: Side, i: int) -> Evidence | None:
    """Claim ``i`` of ``side`` as the evidence of the value it gives."""
    article = _at(side, i, side.claim_articles)
    claim = side.claims[i]
    return None if article is None else (article, claim.start, claim.end, claim.text)


_EVOLVING = frozenset({"count", "money", "percent", "duration", "number"})
# Counts that grow or fall as a story unfolds (a toll, the missing, the arrested); a count of other things (the
# storeys of a tower, the points of a plan, the nations of a tournament) does not, unless the article says so.
_CHANGING = frozenset(
    {"people", "people killed", "people injured", "people missing", "people arrested", "people evacuated",
     "people rescued"}
)  # fmt: skip


def _evolves(kind: str, unit: str) -> bool:
    return kind in _EVOLVING and (kind != "count" or unit in _CHANGING)


def _persists(claim: Claim, value: Value) -> bool:
    """Whether a count (``value``, given by ``claim``) is a property of a thing (the storeys of a tower, the people
    living in an estate): it is the same in every event and on every day of a story, unlike the outcome of one
    event (the wickets of a match) or a lead, which moves (``_GAPS``: "a 26-delegate advantage")."""
    if value.kind != "count":
        return False
    return (_compound(value) or value.unit == "people living") and _counted(claim, value) not in _GAPS


def _anchored(ca: Claim, cb: Claim, key: tuple[str, str]) -> bool:
    """Whether two claims are tied to one moment: they name the same day, or give the same exact value of another
    changing count ("the toll has risen to 128, and 200 are missing" and "the toll reached 128, and 128 are
    missing" speak of one moment)."""
    for x in ca.values:
        if (x.kind, x.unit) == key or x.bound:
            continue
        dated = x.kind == "date" and x.unit in ("day", "weekday")
        if not dated and not _evolves(x.kind, x.unit):
            continue
        if any((y.kind, y.unit, y.value) == (x.kind, x.unit, x.value) and not y.bound for y in cb.values):
            return True
    return False


# What a compound count measures that moves as a story goes on: "a 26-delegate advantage" on Super Tuesday is "a
# 214-delegate advantage" two weeks later, unlike "a 31-storey tower".
_GAPS = frozenset({"lead", "advantage", "margin", "gap", "deficit", "majority", "edge", "swing"})


def _compound(value: Value) -> bool:
    """Whether a count is written as a property of a thing ("a 31-storey tower", "the eight-nation cup") rather
    than as a tally ("two nations", "12 people")."""
    return "-" in value.text


# The word after a compound count: the thing it is a property of ("a 31-storey tower", "a 15-point lead").
_NEXT_WORD = re.compile(r"[ ,]*([A-Za-z]+)")


def _counted(claim: Claim, value: Value) -> str | None:
    """The thing a compound count is a property of: the word after it in the claim, singular, in lower case (None
    when no word follows, or when the value is not in the claim's text)."""
    at = value.end - claim.start
    if not 0 < at <= len(claim.text):
        return None
    m = _NEXT_WORD.match(claim.text, at)
    if m is None:
        return None
    word = m[1].lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


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
    # Over distinct term sets: a sentence repeated by copies gives the same coefficient again.
    for ta in a.distinct_terms:
        if skip:
            ta = ta - skip
        for tb in b.distinct_terms:
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


class _Near:
    """For a side, the sides of ``among`` (in order) whose claims share at least two terms with its claims: no
    conflict is found between sides that share fewer (:func:`_context` needs two shared terms), so only those are
    compared. Terms are looked up in an index, so that a story of thousands of clusters is not compared pair by
    pair; each side's are counted once, when first asked.

    ``asked``: the sides whose near sides are to be asked for (None: any). Only their terms are indexed (a page's
    sides hold a few of a story's terms); a side asked for beyond them has its other terms indexed then, so that
    every answer is the one a whole index gives."""

    def __init__(
        self, terms: Sequence[frozenset[str]], among: Iterable[int], asked: Iterable[int] | None = None
    ) -> None:
        self.terms = terms
        self.among = list(among)
        self.postings: dict[str, list[int]] = {}
        self.indexed: frozenset[str] | None = None  # the terms indexed (None: every term of ``among``)
        if asked is None:
            for i in self.among:
                for term in terms[i]:
                    self.postings.setdefault(term, []).append(i)
        else:
            self.indexed = frozenset()
            self._index(frozenset().union(*(terms[i] for i in asked)))
        self.found: dict[int, list[int]] = {}

    def _index(self, wanted: frozenset[str]) -> None:
        """Index ``wanted``'s terms not indexed yet, each with every side of ``among`` that holds it (in order)."""
        if self.indexed is None:
            return  # every term is
        new = wanted - self.indexed
        if not new:
            return
        for i in self.among:
            for term in self.terms[i] & new:
                self.postings.setdefault(term, []).append(i)
        self.indexed |= new

    def __call__(self, i: int) -> list[int]:
        got = self.found.get(i)
        if got is None:
            if self.indexed is not None and not self.terms[i] <= self.indexed:
                self._index(self.terms[i])
            counts: Counter[int] = Counter()
            for term in self.terms[i]:
                counts.update(self.postings.get(term, ()))
            got = self.found[i] = sorted([j for j, n in counts.items() if n >= 2 and j != i])
        return got


_NUMBER_WORDS = frozenset(values.SMALL) | {"hundred", "thousand", "million", "billion"}
_NUMBER_STEMS = frozenset(extract.stem(w) for w in _NUMBER_WORDS)
_COUNTED = {"people living": ("live", "hous", "resident", "peopl", "inhabit", "home")}
_GENERIC = frozenset({"people", "", "number", "time", "thing"})
_LOWER = frozenset({"at least", "more than", "over"})
_UPPER = frozenset({"up to", "fewer than", "less than", "under", "as many as", "nearly", "almost"})
ESTIMATE = 0.05  # "about $200" is read as $190 to $210: two estimates further apart than this differ
# A count told as an estimate covers what its rounding covers (NOTES.md (c) of dev-news lists "about 4,800", "more
# than 4,600" and "approximately 4,000" residents of one estate as three figures that contradict each other). A round
# figure of two significant digits or more says its rounding (:func:`_rounded_to`: "about 4,800" is 4,750 to 4,850,
# "more than 4,600" under 4,700). A round figure of one significant digit ("about 5,000", "approximately 4,000",
# "about 200") does not: it may be rounded to its place, so it is read as within an eighth of it when compared with
# another figure of the count ("about 5,000" is 4,375 to 5,625: not contradicted by "4,960" or "about 4,500"; "about
# 200" and an exact 128 differ, as do "about 200" and "about 300"). "At least N" and "more than N" are lower bounds as
# written; two exact figures differ however close (decision 0013, h-cc54 and h-rc54).
COUNT_ESTIMATE = 0.125
# Words right after (or right before) an amount that make it another quantity than the bare amount: "$82.7 billion,
# including assumed debt", "$23.25 in cash", "$120 billion a year", "the total value".
_QUALIFIER = re.compile(
    r"^[\s,(]{0,3}(including|excluding|with|without|plus|in cash|in stock|in shares|a year|per year|annually|"
    r"a month|per month|each|apiece|in total)\b",
    re.IGNORECASE,
)
# The measure a sum is said to be, named before it in its clause: "the total value of the acquisition $82.7bn", "a
# market value of $61 billion", "an equity value of", "annual revenue of". Two measures of one deal (its equity value
# and its enterprise value, its market value and the price paid, a year's figure and the total) are two quantities.
_MEASURE = re.compile(
    r"\b(?:(?P<kind>equity|enterprise|market|total|transaction|book)\s+value|market\s+(?P<cap>capitali[sz]ation|cap)"
    r"|(?P<year>annual|yearly)\b)",
    re.IGNORECASE,
)
_MEASURE_SPAN = 60  # characters before an amount its measure is looked for in
# What may stand between a measure and its amount: what it measures ("of the deal", "fees"), a link ("of", "at",
# "was", "rose to") and a hedge ("about", "an estimated"). Anything else ("market value fell after it agreed to pay",
# "the annual meeting approved a") tells of another thing than the amount, which is then a bare amount.
_MEASURE_TO_AMOUNT = re.compile(
    r"(?:\s+of(?:\s+(?:the|its|their|his|her|this|that|a|an))?(?:\s+[\w'\u2019.&-]+){1,2}|(?:\s+[\w'\u2019&-]+)?)"
    r"(?:\s+(?:of|at|to|was|is|were|are|be|reached|totall?ed|stood at|stands at|rose to|fell to|grew to|worth))?"
    r"(?:\s+(?:about|around|nearly|some|almost|roughly|over|under|more than|less than|an estimated))?"
    r"(?:\s+(?:a|an))?\s*",
    re.IGNORECASE,
)
# One quantity written several ways after an amount: "a year", "per year", "annually" (and "annual" before it).
_SAME_QUALIFIER = {
    "per year": "a year",
    "annually": "a year",
    "per month": "a month",
    "apiece": "each",
    "in total": "total value",
}
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]|\d")  # what ends the clause back from an amount (or another figure)
# A claim worded in the negative ("there was no handshake", "refused to") does not assert what a denial denies; nor
# does one that disputes it in words of its own ("called the charges unsubstantiated and fabricated"): it sides with
# the denial.
_NEGATIVE = re.compile(
    r"\b(?:no|none|nobody|without|never|not|refus\w*|declin\w*|fabricat\w*|unsubstantiated|baseless|groundless|"
    r"unfounded|bogus|smear\w*)\b|n't\b",
    re.IGNORECASE,
)


# What ends a clause that a denial word stands in: a clause of its own joined by "while", "but", "whereas", or a
# semicolon or a dash ("X remains in hiding, while Y has denied all allegations").
_DENIAL_CLAUSE = re.compile(r";|\s[\u2013\u2014-]\s|,?\s+(?:while|but|whereas|although|though)\s", re.IGNORECASE)


def denied_clause(text: str) -> str:
    """The clauses of ``text`` that hold a denial word (:data:`DENIES`), joined; ``text`` itself where it has one
    clause, or no denial word."""
    cuts = [0, *(m.end() for m in _DENIAL_CLAUSE.finditer(text)), len(text) + 1]
    if len(cuts) == 2:
        return text
    parts = [text[a:b] for a, b in itertools.pairwise(cuts)]
    held = [p for p in parts if DENIES.search(p)]
    return " ".join(held) if held else text


def denies_in_clause(denial: Claim, other: Claim) -> bool:
    """Whether ``denial`` (a claim worded as a denial) denies in the clause of its denial word what ``other`` says:
    they share two terms there (its names by their keys; a linked entity's mark cannot be placed and is left out).
    A claim of one clause denies what it says."""
    clause = denied_clause(denial.text)
    if clause == denial.text:
        return True
    lower = clause.casefold()
    here = set(extract.terms(clause)) | {t for t in denial.terms if t.startswith("#") and t[1:] in lower}
    return len(here & set(denial.terms) & set(other.terms)) >= 2


def _denies_it(denial: Side, claim: Side) -> bool:
    """Whether a claim of ``denial`` that words a denial (:data:`DENIES`), not a cluster-mate of it ("He dismissed
    efforts to ..." beside "Trump dismissed a report that ..."), is like a claim of ``claim`` (two terms shared, the
    Dice coefficient at least :data:`DENIAL`) and denies it in the clause of its denial word
    (:func:`denies_in_clause`)."""
    for x in denial.claims:
        if not DENIES.search(x.text):
            continue
        tx = frozenset(x.terms)
        for y in claim.claims:
            ty = frozenset(y.terms)
            shared = len(tx & ty)
            if shared >= 2 and 2 * shared / (len(tx) + len(ty)) >= DENIAL and denies_in_clause(x, y):
                return True
    return False


def _number_of(value: str) -> float | None:
    try:
        return float(value.rsplit(" ", 1)[-1])
    except ValueError:
        return None


def _rounded_to(x: float) -> float | None:
    """The step a round figure was rounded to, read off its digits: the place of its last significant digit ("4,600"
    to the hundred, "1,450" to the ten), or five of it when that digit is a 5 ("4,500" to the five hundred); None
    for a figure with one significant digit ("200", "4,000": rounded to that place or to anything coarser) or none
    rounded at all (no trailing zero: "156", "9")."""
    if x <= 0 or x != int(x):
        return None
    digits = str(int(x))
    significant = digits.rstrip("0")
    if len(significant) < 2 or len(significant) == len(digits):
        return None
    step = 10.0 ** (len(digits) - len(significant))
    return 5 * step if significant[-1] == "5" else step


def _interval_of(value: str, bound: str, count: bool = False) -> tuple[float, float, bool, bool] | None:
    """The numbers a value (its normal form and bound) allows: (low, high, low open, high open); None for what is
    not a number. ``count``: the value is a count compared with another figure of it, where a hedged round figure of
    one significant digit allows :data:`COUNT_ESTIMATE` ("about 5,000" is 4,375 to 5,625; "nearly 5,000" 4,375 to
    5,000).

    A round figure of two significant digits or more says how far it was rounded (:func:`_rounded_to`): "more than
    4,600" is the largest round figure below the count, so under 4,700 (a writer with 4,750 would say "more than
    4,700"), and "about 4,800" is 4,750 to 4,850, where an estimate is otherwise read as within 5% ("about $200" is
    $190 to $210). "At least N" is a count confirmed so far, with no upper end."""
    x = _number_of(value)
    if x is None:
        return None
    step = _rounded_to(x) if bound and bound != "at least" else None
    loose = count and _one_digit_round(x)
    if bound in _LOWER:
        return x, (x + step if step else math.inf), bound != "at least", True
    if bound in _UPPER:
        if bound not in ("nearly", "almost"):
            return 0.0, x, False, bound != "up to"
        return x * (1 - (COUNT_ESTIMATE if loose else 2 * ESTIMATE)), x, False, True
    if bound and loose:
        return x * (1 - COUNT_ESTIMATE), x * (1 + COUNT_ESTIMATE), False, False
    if bound:
        spread = x * ESTIMATE if step is None else min(x * ESTIMATE, step / 2)
        return x - spread, x + spread, False, False
    return x, x, False, False


def _one_digit_round(x: float) -> bool:
    """Whether ``x`` is a round figure of one significant digit ("200", "5,000"; not "4,800", "156" or "9"), whose
    digits do not say to what it was rounded."""
    digits = str(int(x)) if x == int(x) else ""
    return len(digits) > 1 and len(digits.rstrip("0")) == 1


def _disjoint(x: Value, y: Value) -> bool:
    """Whether no number fits both values read as intervals ("at least 156" and "159" fit; "up to 1,400" and "more
    than 1,400" do not; "about 4,800" and "approximately 4,000" do not)."""
    # Two figures of a count are compared within what their rounding covers (:data:`COUNT_ESTIMATE`); one figure
    # bounded two ways ("up to 1,400" and "more than 1,400") as written.
    count = x.kind == "count" and y.kind == "count" and x.value != y.value
    return _disjoint_values(x.value, x.bound, y.value, y.bound, count)


# Kept answers of the pure functions below, for the last few thousand claims or values compared.
_CLAIMS_KEPT = 8192


# A story's search compares a page's values with those of every cluster near them: the same few values and bounds
# again and again (a toll, a date), each pair's answer kept.
@lru_cache(maxsize=_CLAIMS_KEPT)
def _disjoint_values(x_value: str, x_bound: str, y_value: str, y_bound: str, count: bool = False) -> bool:
    """:func:`_disjoint` of two values given by their normal forms and bounds (``count``: two figures of a count,
    read within what their rounding covers), all it reads of them."""
    a, b = _interval_of(x_value, x_bound, count), _interval_of(y_value, y_bound, count)
    if a is None or b is None:
        return x_value != y_value and not (x_bound and y_bound)
    lo_a, hi_a, lo_open_a, hi_open_a = a
    lo_b, hi_b, lo_open_b, hi_open_b = b
    if hi_a < lo_b or (hi_a == lo_b and (hi_open_a or lo_open_b)):
        return True
    return hi_b < lo_a or (hi_b == lo_a and (hi_open_b or lo_open_a))


def _qualifier(claim: Claim, value: Value) -> str:
    """What makes an amount another quantity than the bare amount: the words right after it ("including debt", "a
    year"), else the measure named before it in its clause ("the total value of the deal", "a market value of"),
    else ""."""
    after = claim.text[value.end - claim.start :][:40]
    found = _QUALIFIER.match(after)
    if found:
        said = found.group(1).casefold()
        return _SAME_QUALIFIER.get(said, said)
    return _measure(claim.text[max(0, value.start - claim.start - _MEASURE_SPAN) : value.start - claim.start])


def _measure(before: str) -> str:
    """The measure (``_MEASURE``) the words ``before`` an amount name in the amount's clause: "total value", "market
    value" ("market cap" too), "a year" ("annual", "yearly", as the words after an amount say it), or "". A
    measure followed by more than what it measures and a link to the amount tells of another thing ("")."""
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    clause = before[ends[-1] :] if ends else before
    named = list(_MEASURE.finditer(clause))
    if not named:
        return ""
    found = named[-1]  # the nearest to the amount
    if not _MEASURE_TO_AMOUNT.fullmatch(clause, found.end()):
        return ""  # "its market value fell after it agreed to pay $40 billion": the amount is no market value
    if found["year"]:
        return "a year"
    return "market value" if found["cap"] else f"{found['kind'].casefold()} value"


_CALENDAR = re.compile(one_of((*WEEKDAYS, *MONTH_NUMBERS)), re.IGNORECASE)


def _names(claim: Claim) -> frozenset[str]:
    """The names of a claim; days, months and number words are capitalised but name no one."""
    return _names_in(claim.terms)


# A story's claims are compared pair by pair, so each one's names and subject are asked for many times: kept for
# the last few thousand claims (pure functions of the claim's text and terms; _CLAIMS_KEPT, above).


@lru_cache(maxsize=_CLAIMS_KEPT)
def _names_in(terms: tuple[str, ...]) -> frozenset[str]:
    # A number word opening a sentence ("Three executives were ...") is capitalised but names no one either.
    return frozenset(
        t for t in terms if t.startswith(("@", "#")) and not _CALENDAR.fullmatch(t[1:]) and t[1:] not in _NUMBER_WORDS
    )


_NAME_RUN = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|(?:of|de|do|da|al|bin)\b))*")


def _subject(claim: Claim) -> frozenset[str]:
    """The first name written in a claim, as the name terms it may match (``#`` + the whole name's key and each of
    its words): in news English mostly whom or what the sentence is about ("Hasina was found guilty ...",
    "Paramount's offer values ..."). A capitalised first word that is no name ("Citing", "The") is skipped."""
    return _subject_of(claim.text, claim.terms)


@lru_cache(maxsize=_CLAIMS_KEPT)
def _subject_of(text: str, claim_terms: tuple[str, ...]) -> frozenset[str]:
    terms = set(claim_terms)
    for run in _NAME_RUN.finditer(text):
        words = [re.sub(r"[’']s$", "", w).strip(".") for w in run.group().split()]
        whole = f"#{extract.name_key(' '.join(words))}"
        if run.start() == 0 and whole not in terms and f"#{extract.name_key(words[0])}" not in terms:
            words = words[1:]
            while words and not words[0][:1].isupper():
                words = words[1:]
        words = [w for w in words if not _CALENDAR.fullmatch(w)]
        if words:
            return frozenset({f"#{extract.name_key(' '.join(words))}", *(f"#{w.casefold()}" for w in words)})
    return frozenset()


def one_subject(ca: Claim, cb: Claim) -> bool:
    """Whether two claims can be about one subject: one names no one, or the first name of one is named in the
    other ("Hasina ... three counts" and "Kamal ... four counts" are not; "Netflix's deal" and "the deal Netflix
    agreed" are)."""
    return _one_subject((_names(ca), _subject(ca)), (_names(cb), _subject(cb)))


def _one_subject(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """:func:`one_subject` of two claims' names and subjects."""
    (na, sa), (nb, sb) = a, b
    if not na or not nb or not sa or not sb:
        return True
    return bool(sa & nb or sb & na)


def _named(side: Side, i: int) -> tuple[frozenset[str], frozenset[str]]:
    """The names and the subject of claim ``i`` of ``side`` (worked out once per side)."""
    found = side.named.get(i)
    if found is None:
        claim = side.claims[i]
        found = side.named[i] = (_names(claim), _subject(claim))
    return found


def _unnamed_in(side: Side) -> frozenset[str]:
    """The terms of every claim of ``side`` that are no name, together (worked out once per side): two claims of
    two sides share no more of them than the two sides do."""
    found = side.unnamed_in
    if found is None:
        every = frozenset().union(*side.distinct_terms)
        found = side.unnamed_in = frozenset(t for t in every if not t.startswith(("#", "@")))
    return found


def _unnamed(side: Side, i: int) -> frozenset[str]:
    """The terms of claim ``i`` of ``side`` that are no name (worked out once per side)."""
    found = side.unnamed.get(i)
    if found is None:
        found = side.unnamed[i] = frozenset(t for t in side.term_sets[i] if not t.startswith(("#", "@")))
    return found


def _at(side: Side, i: int, field_: list[str | None] | list[str]) -> str | None:
    return field_[i] if i < len(field_) else None


@dataclass(frozen=True, slots=True)
class _Pair:
    """Two claims giving values of one unit that no number fits both."""

    kind: str
    unit: str
    x: Value
    y: Value
    i: int  # index of the claim in side a
    j: int  # in side b
    context: float


# The places a count is of, which a story calls by many names: the people living in "the estate" are those of "the
# complex", "the towers", "the eight buildings" or "its 2,000 apartments" (stems, as ``extract.stem`` gives them).
_PLACES = {
    "people living": frozenset(
        {"estat", "complex", "tower", "high-r", "build", "block", "apartment", "flat", "compound", "tenement"}
    )
}
_PLACE = "=place"


@lru_cache(maxsize=_CLAIMS_KEPT)
def _places(terms: frozenset[str], unit: str) -> frozenset[str]:
    """``terms`` with the names of the place a count of ``unit`` is of (:data:`_PLACES`) told as one term."""
    places = _PLACES[unit]
    if terms.isdisjoint(places):
        return terms
    return (terms - places) | {_PLACE}


@lru_cache(maxsize=1024)
def _unit_words(unit: str) -> frozenset[str]:
    """The terms that say what a unit counts (and numbers written as words): no sign of which thing it is."""
    return frozenset({unit, unit + "s", *unit.split(), *_COUNTED.get(unit, ()), *_NUMBER_STEMS})


@lru_cache(maxsize=_CLAIMS_KEPT)
def _value_words(text: str) -> frozenset[str]:
    """The terms of a value's own words ("31 storeys", "eight nations"): each word's stem and name term."""
    words = re.findall(r"[^\W\d_]+", text)
    return frozenset({extract.stem(w) for w in words} | {f"#{w.casefold()}" for w in words})


def _same_thing(
    a: Side, i: int, b: Side, j: int, x: Value, y: Value, *, threshold: float, rival: bool = False
) -> float:
    """How much two claims that may be about one subject (:func:`_one_subject`) share (claim ``i`` of ``a``, giving
    ``x``, and claim ``j`` of ``b``, giving ``y``; 0: they are about two things): the Dice coefficient of their
    terms, the unit's own words aside. ``rival``: the two sides agree on another value of the unit, so that what
    else each claim gives of it is known (:func:`match.rival_sums`)."""
    ca, cb = a.claims[i], b.claims[j]
    if x.kind == "date":
        # A story's names recur in most of its sentences; what two dates date is in the other words ("arrested on
        # Friday" and "arrested on Thursday"; not "contained by Friday" and "began on Wednesday").
        ta, tb = _unnamed(a, i), _unnamed(b, j)
    else:
        ta, tb = a.term_sets[i], b.term_sets[j]
    if x.unit in _PLACES:
        ta, tb = _places(ta, x.unit), _places(tb, x.unit)
    specific = x.kind == "count" and x.unit not in _GENERIC and (x.unit.startswith("people ") or _compound(x))
    if len(ta & tb) < (1 if specific else 2):
        return 0.0  # too few terms in common even before the unit's and the values' own words are left out
    # The words that say what is counted, and numbers written as words, say nothing of which thing it is.
    skip = _unit_words(x.unit) | _value_words(x.text) | _value_words(y.text)
    ta, tb = ta - skip, tb - skip
    shared = len(ta & tb)
    if x.kind == "count" and _compound(x) != _compound(y):
        return 0.0  # "the eight-nation cup" and "the two nations": a property and a tally
    if x.kind == "count" and _compound(x) and _counted(ca, x) != _counted(cb, y):
        return 0.0  # "a 15-point lead" and "a 52-point swing": properties of two things
    if shared < (1 if specific else 2):
        return 0.0
    got = 2 * shared / (len(ta) + len(tb))
    # A count of one named thing ("storeys", "people missing") is one quantity of the story: a word in common is
    # enough; a bare sum of money or "people" needs the claims to speak of one thing.
    if got < (SPECIFIC if specific else threshold):
        return 0.0
    if got < COMPARED and x.kind != "date" and not rival and (_several(ca, x) or _several(cb, y)):
        # A claim comparing values of the unit ("64 percent to 56 percent", "up from 37 percent ... down from 49
        # percent") speaks of several things: another claim sharing its words may be about any of them (not when
        # the two agree on the other value: "a $108.4 billion bid, challenging the $72bn deal" and "offering
        # $74.4 billion, challenging the $72 billion agreement"). Its floor is then COMPARED (above the others).
        return 0.0
    return got


def _several(claim: Claim, value: Value) -> bool:
    """Whether ``claim`` gives more than one value of ``value``'s unit."""
    return sum((v.kind, v.unit) == (value.kind, value.unit) for v in claim.values) > 1


def _pairs(a: Side, b: Side) -> list[_Pair]:
    """The pairs of claims, one of each side, that give values of one unit no number fits both and that speak of
    one thing, most alike first. An article that gives both values knows both: they are two quantities (two
    matches, two people), never a conflict."""
    # The units both sides give, in the order ``a`` first gives them (its text's order), not a set's: pairs as alike
    # as each other then come in one order in every run, whatever the interpreter's hash seed.
    both = [key for key in a.by_unit if key in b.by_unit]
    if not both:
        return []
    found = []
    for key in both:
        xs, ys = a.by_unit[key], b.by_unit[key]
        rivals: set[tuple[str, str]] | None = None  # the pairs of values that may conflict (None: any)
        if any(x.value == y.value and not _disjoint(x, y) for x in xs for y in ys):
            # One side gives a value the other gives too: they agree on it, unless each gives a rival sum of money
            # the other does not (the bid both name beside the deal, at two figures: ``match.rival_sums``).
            if key[0] != "money":
                continue
            given_a, given_b = {x.value for x in xs}, {y.value for y in ys}
            only_a, only_b = given_a - given_b, given_b - given_a
            rivals = {(x, y) for x in only_a for y in only_b if rival_sums((x,), (y,))}
            if not rivals:
                continue
        kind = key[0]
        # Two claims giving dates speak of one thing (:func:`_same_thing`) only when they share two terms that are
        # neither names nor the unit's words: two sides that share fewer have no such two claims. (Most pairs of a
        # large story's sides share a date and little else; sides giving other values are near enough to share
        # their two terms, as a rule.)
        if kind == "date" and len((_unnamed_in(a) & _unnamed_in(b)) - _unit_words(key[1])) < 2:
            continue
        if kind == "money" and _apart(xs[0].value, ys[0].value):
            continue  # "$72 billion" and "$30" (a price a share the text did not say as such): two amounts
        threshold = DATES if kind == "date" else CONTEXT
        giving_b = _giving(b, key)
        # Whether two values are ruled out (they do not differ, or an article gives both, or they are no rival
        # sums), by their values and bounds: claims of a cluster repeat its values. So the claims of ``b`` left
        # to compare with a claim of ``a`` depend on its value and bound alone: kept per value and bound.
        ruled: dict[tuple[str, str, str, str], bool] = {}
        left_of: dict[tuple[str, str], list[tuple[int, Value]]] = {}
        for i, x in _giving(a, key):
            left = left_of.get((x.value, x.bound))
            if left is None:
                left = left_of[x.value, x.bound] = []
                for j, y in giving_b:
                    if rivals is not None and (x.value, y.value) not in rivals:
                        continue
                    values = (x.value, x.bound, y.value, y.bound)
                    out = ruled.get(values)
                    if out is None:
                        out = ruled[values] = not _differ(x, y) or (
                            x.value != y.value and _together(_said(a, key), _said(b, key), x.value, y.value)
                        )
                    if not out:
                        left.append((j, y))
            if not left:
                continue
            named = _named(a, i)
            for j, y in left:
                if not _one_subject(named, _named(b, j)):
                    continue  # (two subjects: "Hasina ... three counts" and "Kamal ... four counts")
                if held_apart(a.claims[i], x, b.claims[j], y):
                    continue  # two holders' figures: "Netflix agreed $27.75 a share", "Paramount's offer of $30"
                context = _same_thing(a, i, b, j, x, y, threshold=threshold, rival=rivals is not None)
                if context:
                    found.append(_Pair(kind, key[1], x, y, i, j, context))
    return sorted(found, key=lambda p: -p.context)


def held_apart(ca: Claim, x: Value, cb: Claim, y: Value) -> bool:
    """Whether the figure ``x`` of ``ca`` and ``y`` of ``cb`` are of two things by their named holders or years
    (:func:`owners.apart`); two sums, by what each is said to be ("$82.7 billion, including debt" and "$72
    billion", "a market value of" and a price: :func:`_qualifier`); two dates, by the events they date ("the
    primary next month", "a survey in March")."""
    if x.kind == "money" and _qualifier(ca, x) != _qualifier(cb, y):
        return True
    if x.kind == "date":
        ea, eb = owners.dated(ca.text, x.start - ca.start), owners.dated(cb.text, y.start - cb.start)
        return bool(ea and eb and ea != eb)
    return owners.apart(
        ca.text, (x.start - ca.start, x.end - ca.start), cb.text, (y.start - cb.start, y.end - cb.start)
    )


def _said(side: Side, key: tuple[str, str]) -> dict[str, set[str]]:
    """The articles of ``side`` giving each value of ``key`` (by value; worked out once per side and unit)."""
    found = side.said.get(key)
    if found is None:
        found = side.said[key] = {}
        for k, claim in enumerate(side.claims):
            article = _at(side, k, side.claim_articles)
            if article is not None:
                for v in claim.values:
                    if (v.kind, v.unit) == key:
                        found.setdefault(v.value, set()).add(article)
    return found


_NONE: frozenset[str] = frozenset()


def _together(a: dict[str, set[str]], b: dict[str, set[str]], x: str, y: str) -> bool:
    """Whether an article of either side gives both values ``x`` and ``y`` (``a`` and ``b``: :func:`_said` of
    the two sides, for one unit)."""
    ax, bx, ay, by = a.get(x, _NONE), b.get(x, _NONE), a.get(y, _NONE), b.get(y, _NONE)
    return not (ax.isdisjoint(ay) and ax.isdisjoint(by) and bx.isdisjoint(ay) and bx.isdisjoint(by))


def _giving(side: Side, key: tuple[str, str]) -> list[tuple[int, Value]]:
    """The claims of ``side`` that give a value of ``key``, with that value: each sentence once (copies repeat
    it), and at most :data:`PER_VALUE` for one value, so that two large clusters are not compared claim by claim.
    Worked out once per side and unit."""
    kept = side.giving.get(key)
    if kept is not None:
        return kept
    out: list[tuple[int, Value]] = side.giving.setdefault(key, [])
    seen: set[str] = set()
    per: Counter[tuple[str, str]] = Counter()
    for i, claim in enumerate(side.claims):
        if claim.text in seen:
            continue
        seen.add(claim.text)
        for v in claim.values:
            if (v.kind, v.unit) == key and per[v.value, v.bound] < PER_VALUE:
                per[v.value, v.bound] += 1
                out.append((i, v))
    return out


def _differ(x: Value, y: Value) -> bool:
    """Whether two values of one unit differ: no number fits both, or both are lower bounds of one count stated
    at different values ("at least 156" and "at least 159": two counts of one toll)."""
    if x.value == y.value:
        return _disjoint(x, y)  # "up to 1,400" and "more than 1,400"
    if x.bound in _LOWER and y.bound in _LOWER:
        return True
    return _disjoint(x, y)


# A bid, an offer or a proposal told as one that replaces another: raised, revised or new ("raised its bid to $31",
# "its latest $31-a-share offer", "a sweetened proposal"), or topping another ("a bid of $31 a share that topped
# Velmar's $27.75 offer"). Bids move as a contest goes on: such a figure is a development, not another report's
# figure of the bid before it.
_BID = r"(?:bid|offer|proposal|counterbid|counteroffer)s?"
_NEW_BID = re.compile(
    rf"\b(?:(?:raised|increased|sweetened|upped|boosted|lifted|improved|revised|hiked|amended)\s+"
    rf"(?:(?:its|their|his|her|the|a|an)\s+)?(?:[\w'\u2019-]+\s+){{0,2}}?{_BID}"
    rf"|(?:latest|revised|new|higher|improved|sweetened|fresh|raised|increased|rival|counter)[\s-]+"
    rf"(?:[\w'\u2019$.()£-]+\s+){{0,3}}?{_BID})\b",
    re.IGNORECASE,
)
_TOPS = re.compile(
    rf"\b{_BID}\b[^,;:]{{0,50}}?,?\s+(?P<that>that|which)\s+"
    r"(?:topped|tops|beat|beats|outbid|outbids|exceeded|exceeds|trumped|bettered|surpassed)\b",
    re.IGNORECASE,
)


def new_bid(claim: Claim, value: Value) -> bool:
    """Whether ``claim`` tells the sum ``value`` as a bid that replaces or tops another (:data:`_NEW_BID`,
    :data:`_TOPS`), in the value's clause: "raised its bid to $31", "the latest $31 (£23)-per-share bid", "a bid of $31
    per share that topped the $27.75 offer"."""
    if value.kind != "money":
        return False
    start, end = value.start - claim.start, value.end - claim.start
    before = claim.text[max(0, start - 60) : start]
    before = before[max((m.end() for m in re.finditer(r"[;:]|,\s+(?:while|but|and)\b", before)), default=0) :]
    after = claim.text[end : end + 50].split(";")[0]
    if _NEW_BID.search(f"{before} {after[:25]}"):
        return True
    # The sum is the topping bid's: before "that topped", and the bid's own word before it or a few words after.
    at, to = len(before), len(before) + end - start
    return any(
        m.start("that") >= to and (m.start() < at or m.start() - to <= 30)
        for m in _TOPS.finditer(f"{before}{claim.text[start:end]}{after}")
    )


def _changed(claim: Claim, value: Value) -> bool:
    """Whether the claim words ``value`` as a change ("rose to 128", "was revised to 6 million", "30 have now been
    treated"): a change word shortly before the value or right after it, not anywhere in the sentence (in "the
    toll rose to 128 and 200 are missing" only the toll changed); or a sum as a new bid (:func:`new_bid`)."""
    if new_bid(claim, value):
        return True
    if not claim.update:
        return False
    start, end = value.start - claim.start, value.end - claim.start
    before = claim.text[max(0, start - 40) : start]
    after = claim.text[end : end + 30]
    change = extract.UPDATE.pattern
    return bool(
        re.search(rf"(?:{change})\W+(?:[^\W\d]+\W+)?$", before, re.IGNORECASE)
        or re.match(rf"^\W*(?:[^\W\d]+\W+){{0,2}}(?:{change})", after, re.IGNORECASE)
    )


def _day(side: Side, i: int) -> str:
    return (_at(side, i, side.claim_published) or "")[:10]


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _each_its_own(x: Value, y: Value, first_report: str) -> bool:
    """Whether two days that reports of two days give (the earlier published on ``first_report``) are each their
    report's own: the later day is after the earlier report, which could not have known it ("Super Tuesday", 1
    March, and "Tuesday's primaries", 15 March, in reports of those days; "hold primaries on March 1", written
    in February, and "voted on March 2"). Two reports contradict each other on a day only when both could know
    it."""
    if not (_DAY.match(x.value) and _DAY.match(y.value)):
        return False
    return max(x.value[:10], y.value[:10]) > first_report


def _judge(a: Side, b: Side, pair: _Pair) -> bool | None:
    """Whether the conflict of ``pair`` is an update over time (True), a contradiction (False) or none at all
    (None: two events, each with its own age, time or date; or two days, each its own report's).

    Two events (the claims' articles in different events) are two things: a changing quantity (a toll, a sum, a
    share) there is an update, anything else no conflict. Within one event, a change worded as one ("rose to",
    "revised") is an update; a changing quantity stated on a later day than the other is an update; the same
    day, or copies of one report (one origin), giving two values is a contradiction. Two lower bounds ("at
    least 44", "at least 83") are a count rising unless stated the same day or by one origin."""
    evolves = _evolves(pair.kind, pair.unit)
    persists = _persists(a.claims[pair.i], pair.x) and _persists(b.claims[pair.j], pair.y)
    ea, eb = _at(a, pair.i, a.claim_events), _at(b, pair.j, b.claim_events)
    if ea and eb and ea != eb and not persists:
        return True if evolves else None
    if _changed(a.claims[pair.i], pair.x) or _changed(b.claims[pair.j], pair.y):
        return True
    da, db = _day(a, pair.i), _day(b, pair.j)
    oa, ob = _at(a, pair.i, a.claim_origins), _at(b, pair.j, b.claim_origins)
    one_report = bool(oa and ob and oa == ob)
    if pair.kind == "date" and da and db and da != db and _each_its_own(pair.x, pair.y, min(da, db)):
        return None
    if da and db and da != db and pair.kind in _EVOLVING and not persists:
        # Stated on two days: a quantity that changes changed; one that does not (the wickets of a match, the
        # balls to spare) belongs to two things, as two matches are two events.
        return True if evolves else None
    if pair.kind == "money" and not da and not db and ea and ea == eb:
        # Two figures of one sum in one event, neither report dated: nothing says which came later, and a price or a
        # bid is not a tally that moves by the hour ("a $108.4 billion bid" and "offering $74.4 billion").
        return False
    if (pair.x.value == "0") != (pair.y.value == "0") and not (da or db) and ea and ea == eb and pair.kind == "count":
        # None against some ("caused no casualties" and "13 people were injured") in one event, neither report dated:
        # whether anyone was hurt at all, not a tally moving (a count rising from none is news told as one: "13 were
        # later treated", which ``_changed`` reads).
        return False
    if pair.x.value == pair.y.value:
        # One figure bounded two ways ("up to 1,400" and "more than 1,400"): one count told two ways, not a change,
        # which would give another figure.
        return False
    same_day = bool(da and da == db) or _anchored(a.claims[pair.i], b.claims[pair.j], (pair.kind, pair.unit))
    if pair.x.bound in _LOWER and pair.y.bound in _LOWER:
        return not (same_day or one_report)
    # Stated on other days, or on days not known, by two reports: a change cannot be ruled out.
    return evolves and not (same_day or one_report)


def find(sides: Sequence[Side], only: set[str] | None = None) -> list[Conflict]:
    """The conflicts among the clusters of one story, each pair once, in the order the clusters are given, then
    those within a cluster (:func:`_within`); with ``only``, those of the clusters with these ids (the others are
    still read, to tell whom a denial denies)."""
    found = []
    # (A side of one claim: its one term set, not a copy of it; of several, the union of its distinct ones.)
    terms = [
        side.term_sets[0] if len(side.term_sets) == 1 else frozenset().union(*side.distinct_terms) for side in sides
    ]
    # Only two kinds of pairs can conflict: two sides with values (of one unit), and a denial with any side.
    valued = [i for i, side in enumerate(sides) if side.by_unit]
    # One index of every side: the sides near a side are counted once, whichever of the lists below asks. Near
    # sides are asked for the denials and, with ``only``, the focus sides: only their terms are indexed at first.
    focus = [] if only is None else [i for i, side in enumerate(sides) if side.cluster_id in only]
    close = _Near(terms, range(len(sides)), asked=[*focus, *(i for i, side in enumerate(sides) if side.negative)])
    units = [frozenset(side.by_unit) for side in sides]
    # Whether a side's claims word a denial (DENIES), or word something in the negative: asked once per side.
    denies: dict[int, bool] = {}
    negative: dict[int, bool] = {}

    def denying(d: int) -> bool:
        found = denies.get(d)
        if found is None:
            found = denies[d] = any(DENIES.search(x.text) for x in sides[d].claims)
        return found

    if only is None:
        denials = [i for i, side in enumerate(sides) if side.negative]
        near_valued = _Near(terms, valued)
        near = {i: near_valued(i) for i in valued}
        pairs = {(min(i, j), max(i, j)) for i, js in near.items() for j in js}
        pairs |= {(min(d, j), max(d, j)) for d in denials for j in close(d)}
    else:
        # The pairs of a focus side and a side near it that the comparison below does not rule out at once: those
        # giving values of one unit (both valued), and a denial that words one with a side that words none (a
        # denial and a side near it, one of them a focus side: the focus side is near the other too, sides being
        # near by the terms they share, so every such pair is one of these). Picked per focus side among the sides
        # near it, by the units each gives: a story's sides near each other are mostly neither. The sides near a
        # denial that is no focus side are counted only when :func:`_closest` asks for them.
        pairs = set()
        for i in focus:
            around = close(i)
            mine = units[i]
            if sides[i].negative:
                deny = denying(i)
                kept = [j for j in around if not mine.isdisjoint(units[j]) or (deny and not sides[j].negative)]
            else:
                kept = [j for j in around if not mine.isdisjoint(units[j]) or (sides[j].negative and denying(j))]
            pairs.update((min(i, j), max(i, j)) for j in kept)
    closest: dict[int, Side | None] = {}
    for i, j in sorted(pairs):
        a, b = sides[i], sides[j]
        valued_alike = not units[i].isdisjoint(units[j])
        if a.negative == b.negative and not valued_alike:
            continue  # neither values of one unit to differ nor a denial
        judged: list[tuple[_Pair, bool]] = []
        for pair in _pairs(a, b) if valued_alike else []:
            verdict = _judge(a, b, pair)
            if verdict is not None:
                judged.append((pair, verdict))
        if judged:
            # A contradiction, if any pair of claims gives one, else the closest update.
            pair, update = min(judged, key=lambda p: p[1])
            found.append(_conflict(a, b, pair, update))
            continue
        if a.negative != b.negative:
            denial, claim = (a, b) if a.negative else (b, a)
            d, c = (i, j) if a.negative else (j, i)
            # Each test below only rules the pair out: the ones read once per side come first.
            if not denying(d):
                continue  # "X would not include Y" only says what X is not; a denial says a report is wrong
            if c not in negative:
                negative[c] = any(_NEGATIVE.search(text) for text in dict.fromkeys(x.text for x in claim.claims))
            if negative[c]:
                continue  # "there was no handshake" and "they did not shake hands" say one thing
            if relation(a.values, b.values) == "differ":
                continue
            if _context(a, b, skip=set()) < DENIAL:
                continue
            if not any(one_subject(x, y) for x in denial.claims for y in claim.claims):
                continue  # "X's takeover would not include Y" and "Z's includes Y": two subjects
            if not _denies_it(denial, claim):
                continue  # the claim that words the denial denies another thing than this side says
            if d not in closest:
                closest[d] = _closest(denial, sides, close(d))
            if closest[d] is not claim:
                continue  # a denial contradicts the one claim it is closest to
            va, vb = ("denied", "asserted") if a.negative else ("asserted", "denied")
            # A quantity changes from one day to the next; whether a thing is so, from one report to its copy.
            update = (
                a.worded_as_update or b.worded_as_update or (_later(a, b) and bool(set(a.origins) & set(b.origins)))
            )
            found.append(Conflict(a.cluster_id, b.cluster_id, "denial", "claim", update, (va, vb)))
    for i in range(len(sides)) if only is None else focus:
        side = sides[i]
        if len(side.claims) > 1 and side.by_unit:
            # Only a contradiction: a cluster holding one figure's reports of several days is no change of it.
            within = next((pair for pair in _within(side) if _judge(side, side, pair) is False), None)
            if within is not None:
                found.append(_conflict(side, side, within, False))
    taken = {(c.a, c.b) for c in found} | {(c.b, c.a) for c in found}
    found.extend(c for c in _categorical(sides, only) if (c.a, c.b) not in taken)
    return found


_Told = tuple[int, int, categories.Slot]  # a side's index, its claim's index, a categorical slot the claim gives


def _categorical(sides: Sequence[Side], only: set[str] | None) -> list[Conflict]:
    """The conflicts of categorical slots (:mod:`newsdesk.claims.categories`) among the clusters of one story, one
    per pair of clusters (a cluster with itself too: its claims were matched on their words, not on such values),
    contradictions before updates.

    Two claims conflict when they give one subject's slot two values that exclude each other, in one event, from
    two independent origins (a copy or rewrite that says other than its original is one origin's slip), and no
    article gives both (an article knowing both tells two things, or a change). Stated on two days, the slot may
    have changed: an update. With ``only``, the conflicts of those clusters alone."""
    told: list[_Told] = [
        (s, i, slot)
        for s, side in enumerate(sides)
        for i, claim in enumerate(side.claims)
        for slot in categories.read(claim.text)
    ]
    if len(told) < 2:
        return []
    best: dict[tuple[int, int], tuple[bool, _Told, _Told]] = {}
    known: dict[tuple[str, str, str, str, str], bool] = {}  # _knows_both, by the kind, values and subjects compared
    for n, x in enumerate(told):
        for y in told[n + 1 :]:
            (s, i, sx), (t, j, sy) = x, y
            if sx.kind != sy.kind or not categories.exclusive(sx.kind, sx.value, sy.value):
                continue
            a, b = sides[s], sides[t]
            if only is not None and a.cluster_id not in only and b.cluster_id not in only:
                continue
            if not categories.one_subject(sx.subject, sy.subject, linked=_linked(a.claims[i], b.claims[j])):
                continue
            art_a, art_b = _at(a, i, a.claim_articles), _at(b, j, b.claim_articles)
            ea, eb = _at(a, i, a.claim_events), _at(b, j, b.claim_events)
            if art_a is None or art_b is None or art_a == art_b or not ea or ea != eb:
                continue
            if not _origins_of(a, (i,)).isdisjoint(_origins_of(b, (j,))):
                continue
            asked = (sx.kind, sx.value, sy.value, sx.subject, sy.subject)
            if asked not in known:
                known[asked] = _knows_both(sides, told, x, y)
            if known[asked]:
                continue
            da, db = _day(a, i), _day(b, j)
            update = bool(da and db and da != db)
            key = (s, t)
            if key not in best or (best[key][0] and not update):
                best[key] = (update, x, y)
    out = []
    for (s, t), (update, (_, i, sx), (_, j, sy)) in best.items():
        a, b = sides[s], sides[t]
        holders = (_slot_holders(a, sx), _slot_holders(b, sy))
        out.append(
            Conflict(
                a.cluster_id,
                b.cluster_id,
                sx.kind,
                sx.subject if len(sx.subject) >= len(sy.subject) else sy.subject,
                update,
                (sx.value, sy.value),
                (_evidence(a, i), _evidence(b, j)),
                holders,
                False,
                (sx.text, sy.text),
            )
        )
    return out


def _linked(ca: Claim, cb: Claim) -> bool:
    """Whether two claims name one linked entity (an ``@`` term in common): a sign that two spellings of a name in
    them may be one name."""
    return any(t.startswith("@") and t in cb.terms for t in ca.terms)


def _knows_both(sides: Sequence[Side], told: Sequence[_Told], x: _Told, y: _Told) -> bool:
    """Whether an article gives both sorts of value of ``x``'s and ``y``'s slot (:func:`categories.sort_of`), of
    their subject: it knows both ("suspended on Monday and sacked on Friday", "a life sentence on one count and
    death on two")."""
    kind = x[2].kind
    wanted = (categories.sort_of(kind, x[2].value), categories.sort_of(kind, y[2].value))
    giving: tuple[set[str], set[str]] = (set(), set())
    for s, i, slot in told:
        if slot.kind != kind:
            continue
        sort = categories.sort_of(kind, slot.value)
        if sort not in wanted:
            continue
        article = _at(sides[s], i, sides[s].claim_articles)
        if article is None:
            continue
        for k, (_, _, other) in enumerate((x, y)):
            if sort == wanted[k] and categories.one_subject(slot.subject, other.subject, linked=True):
                giving[k].add(article)
    return not giving[0].isdisjoint(giving[1])


def _slot_holders(side: Side, slot: categories.Slot) -> tuple[int, ...]:
    """The indexes of the claims of ``side`` that give ``slot``'s value of its subject."""
    return tuple(
        k
        for k, claim in enumerate(side.claims)
        if any(
            (s.kind, s.value) == (slot.kind, slot.value) and categories.one_subject(s.subject, slot.subject)
            for s in categories.read(claim.text)
        )
    )


def _conflict(a: Side, b: Side, pair: _Pair, update: bool) -> Conflict:
    """The conflict of ``pair`` (claim ``pair.i`` of ``a`` and ``pair.j`` of ``b``), each side told by the claims
    that give its value."""
    values = (pair.x.value, pair.y.value)
    if values[0] == values[1]:  # the bounds differ: say them
        values = (f"{pair.x.bound} {pair.x.value}".strip(), f"{pair.y.bound} {pair.y.value}".strip())
    evidence = (_evidence(a, pair.i), _evidence(b, pair.j))
    holders = (_holding(a, pair.x), _holding(b, pair.y))
    one = not _origins_of(a, holders[0]).isdisjoint(_origins_of(b, holders[1]))
    shown = (_written(pair.x), _written(pair.y))
    return Conflict(a.cluster_id, b.cluster_id, pair.kind, pair.unit, update, values, evidence, holders, one, shown)


def _within(side: Side) -> list[_Pair]:
    """The pairs of claims of one cluster that give one figure bounded two ways no number fits ("up to 1,400" and
    "more than 1,400"): claims are matched on their figures, not on the words around them, so one fact told two
    ways is one cluster, and its two sides are its own claims. An article that gives both knows both."""
    found = []
    for key in side.by_unit:
        giving = _giving(side, key)
        if len({(v.value, v.bound) for _, v in giving}) < 2:
            continue
        told: dict[tuple[str, str], set[str | None]] = {}
        for k, v in giving:
            told.setdefault((v.value, v.bound), set()).add(_at(side, k, side.claim_articles))
        for n, (i, x) in enumerate(giving):
            for j, y in giving[n + 1 :]:
                if x.value != y.value or not _disjoint(x, y):
                    continue
                if not (told[x.value, x.bound] - {None}).isdisjoint(told[y.value, y.bound]):
                    continue
                if _one_subject(_named(side, i), _named(side, j)):
                    found.append(_Pair(key[0], key[1], x, y, i, j, 1.0))
    return found
