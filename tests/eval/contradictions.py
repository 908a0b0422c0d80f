"""Dev-news contradictions: what ``Corpus.contradictions`` reports on real news, against ``NOTES.md`` (c).

The labels below are written by hand from ``NOTES.md`` (c) ("Contradictions between outlets"): each names the
files on either side and the value each side gives, as a short normal form (a number as digits, "72000000000"
for $72 billion, "14:05" for a time, a word for a category such as "manslaughter"). Never a sentence.

- ``devnews.contradictions_recall``: share of :data:`CONTRADICTIONS` found. A label is found when some reported
  contradiction has, on one side, articles of the label's side A giving one of its values, and on the other side
  articles of side B giving one of its values.
- ``devnews.contradictions_precision``: share of the reported contradictions (updates over time are not
  reported as contradictions and are not counted) that match a label of :data:`CONTRADICTIONS` the same way.
  NOTES.md (c) lists every contradiction between outlets an analyst found in these files, so a reported one that
  matches none is counted false. Each false one is printed, marked ``labelled false`` when it matches a pair of
  :data:`NOT_CONTRADICTIONS` (an update over time, two subjects, two quantities) with the reason, else
  ``unlabelled``, so a reader can audit the count.

A reported value is compared in a normal form: a currency code, a time zone and a bound word ("at least") are
dropped, numbers compare as numbers ("4,800" and "4800"), words case aside.

Left out of the labels, as no value of one fact is stated on two sides: who blamed the generator (two people
say one thing), the "incoming" administration (one article's error), Trump's quote variants (wording, not
values) and the four accounts of Pycroft's instruction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Label:
    """Two sides of one fact: the files on each side and the values each gives (any of them)."""

    name: str
    a: tuple[int, ...]
    va: tuple[str, ...]
    b: tuple[int, ...]
    vb: tuple[str, ...]


# NOTES.md (c), by file number and normal value.
CONTRADICTIONS: tuple[Label, ...] = (
    Label("hk arrest charge", (3,), ("murder",), (2, 4, 5, 6, 7), ("manslaughter",)),
    Label("hk arrest day", (4,), ("friday",), (1, 5), ("thursday", "2025-11-27")),
    Label("hk toll one week on", (13, 15), ("156",), (14,), ("159",)),
    Label("hk missing", (10,), ("128",), (7, 8, 11), ("200",)),
    Label("hk residents 4,800 / 4,600", (2,), ("4800",), (7, 8), ("4600",)),
    Label("hk residents 4,800 / 4,000", (2,), ("4800",), (15,), ("4000",)),
    Label("hk residents 4,600 / 4,000", (7, 8), ("4600",), (15,), ("4000",)),
    Label("hk tower height", (6,), ("31",), (2, 7, 8), ("32",)),
    Label("cop30 fire day", (21,), ("tuesday",), (16, 17, 18, 19, 20), ("thursday", "2025-11-20")),
    Label("cop30 fire injuries", (16, 19, 20, 21), ("0", "none", "denied"), (17, 18), ("13", "asserted")),
    Label("cop30 green zone", (19,), ("evacuated",), (18,), ("normal",)),
    Label("cop30 fire time", (18,), ("14:00",), (19,), ("14:05",)),
    Label("netflix deal size", (27,), ("82000000000", "82700000000"), (26, 28, 29, 30), ("72000000000",)),
    Label("paramount bid", (34,), ("108400000000",), (35,), ("74400000000",)),
    Label("netflix shares after withdrawal", (36,), ("10",), (37,), ("9",)),
    Label("hasina sentence", (50,), ("death",), (52, 54), ("life",)),
    Label("khan whereabouts", (53,), ("india",), (50, 54, 55), ("hiding", "fugitive")),
    Label("al-mamun sentence", (55,), ("pardon",), (50, 53, 57, 58), ("5",)),
    Label("un toll of the crackdown", (50, 51, 52), ("1400",), (54,), ("1400",)),
    Label("year of the uprising", (56,), ("2025",), (51, 52, 57), ("2024",)),
    Label("pycroft for the next match", (42,), ("richardson",), (44, 45), ("pycroft",)),
    Label("walha sacked or suspended", (41,), ("sacked",), (43,), ("suspended",)),
    Label("trophy ceremony delay", (48,), ("55",), (49,), ("1", "60")),
)

# Pairs an analyst rejects as contradictions: changes over time, two subjects, two quantities.
NOT_CONTRADICTIONS: tuple[Label, ...] = (
    Label("hk toll rose (update)", (1, 2), ("44",), (4, 5), ("83",)),
    Label("hk toll rose (update)", (4, 5), ("83",), (7, 8, 9, 10), ("128",)),
    Label("hk toll rose (update)", (1, 2), ("44",), (7, 8, 9, 10), ("128",)),
    Label("hk toll rose (update)", (7, 8, 9, 10), ("128",), (13, 14, 15), ("156", "159")),
    Label("hk missing fell (update)", (2, 3), ("279", "280"), (5,), ("300",)),
    Label("hk missing fell (update)", (2, 3, 5), ("279", "280", "300"), (7, 8, 10, 11), ("200", "128")),
    Label("hk injured rose (update)", (6,), ("76",), (7, 8, 9), ("79",)),
    Label("hk shelter residents vs estate residents (two quantities)", (4, 5), ("900",), (2, 7, 8, 15), ()),
    Label("hasina's counts vs khan's counts (two subjects)", (50,), ("3",), (50,), ("4",)),
    Label("wickets of two matches (two events)", (39, 44, 45, 46), ("6", "7"), (39, 44, 45, 46), ("6", "7")),
    Label("eight nations vs a second game (two quantities)", (44, 45, 46), ("8",), (44, 45, 46), ("2",)),
    Label("netflix's bid vs paramount's bid (two subjects)", (26, 28, 29, 30, 31, 35), ("72000000000",), (34, 35), ()),
    Label("netflix's offer vs paramount's offer a share (two subjects)", (26, 27, 35), ("27.75",), (34, 35), ("30",)),
    Label("offer a share vs its cash part (two quantities)", (27, 34, 35), ("30", "27.75"), (27, 34, 35), ("23.25",)),
    Label("deal value with debt vs equity value (two quantities)", (37,), ("82700000000",), (26, 28, 29, 30), ()),
    Label("netflix shares on two days (two events)", (26,), ("3",), (36, 37), ("9", "10")),
)

_CODE = re.compile(r"^[A-Z]{3} ")
_ZONE = re.compile(r" (?:UTC[+-]?\d*|local)$")
_BOUND = re.compile(
    r"^(?:at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to|as many as|"
    r"fewer than|less than|under|close to|an estimated|estimated) ",
    re.IGNORECASE,
)


def normal(value: str) -> str:
    """A value as the labels write it: no currency code, zone or bound; numbers as numbers; words case aside."""
    v = _BOUND.sub("", _ZONE.sub("", _CODE.sub("", value.strip())))
    try:
        n = float(v.replace(",", ""))
    except ValueError:
        return v.casefold()
    return str(int(n)) if n == int(n) else f"{n:g}"


def _fits(side: Mapping[str, Any], files: Mapping[str, int], want: tuple[int, ...], values: tuple[str, ...]) -> bool:
    held = {files[a] for a in side["article_ids"] if a in files}
    return bool(held & set(want)) and (not values or normal(side["value"]) in {normal(v) for v in values})


def matches(item: Mapping[str, Any], label: Label, files: Mapping[str, int]) -> bool:
    """Whether the reported contradiction ``item`` has label's side A on one side and side B on the other
    (``files``: article id -> file number). A label side with no values takes any value."""
    one, two = item["sides"]
    return (_fits(one, files, label.a, label.va) and _fits(two, files, label.b, label.vb)) or (
        _fits(two, files, label.a, label.va) and _fits(one, files, label.b, label.vb)
    )


def _show(item: Mapping[str, Any], files: Mapping[str, int]) -> str:
    sides = [
        f"{side['value']} ({' '.join(f'{files[a]:03}' for a in side['article_ids'] if a in files)})"
        for side in item["sides"]
    ]
    return f"{item['kind']} {item['slot']!r}: " + " vs ".join(sides)


def score(
    reported: Sequence[Mapping[str, Any]], files: Mapping[str, int]
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Recall over :data:`CONTRADICTIONS` and precision of ``reported`` (contradictions as
    ``Corpus.contradictions`` gives them, updates left out), with the misses and the false ones."""
    reported = [r for r in reported if not r.get("update")]
    found = [any(matches(r, label, files) for r in reported) for label in CONTRADICTIONS]
    false = []
    for r in reported:
        if any(matches(r, label, files) for label in CONTRADICTIONS):
            continue
        why = next((label.name for label in NOT_CONTRADICTIONS if matches(r, label, files)), None)
        false.append(f"{'labelled false: ' + why if why else 'unlabelled'}: {_show(r, files)}")
    right = len(reported) - len(false)
    scores = {
        "devnews.contradictions_recall": sum(found) / len(CONTRADICTIONS),
        "devnews.contradictions_precision": right / len(reported) if reported else 1.0,
    }
    missed = [
        f"missed {label.name}: {'/'.join(label.va)} ({' '.join(f'{n:03}' for n in label.a)}) vs "
        f"{'/'.join(label.vb)} ({' '.join(f'{n:03}' for n in label.b)})"
        for label, ok in zip(CONTRADICTIONS, found, strict=True)
        if not ok
    ]
    hits = [f"(right) {_show(r, files)}" for r in reported if any(matches(r, lb, files) for lb in CONTRADICTIONS)]
    return scores, {"devnews.contradictions_recall": missed, "devnews.contradictions_precision": false + hits}
