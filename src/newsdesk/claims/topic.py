"""Whether a sentence speaks of what a typed claim speaks of: the same kind of event or thing, not merely a shared
number or a shared word.

A claim's topic is its content words beside its values' own words ("The fire killed 128 people": *fire*; the count
and what it counts, *people killed*, are its values), and the things it counts or dates. A sentence is

- ``same`` (it can show the claim) when it holds the claim's topic words (:data:`TOPIC_WORDS` of them, all when the
  claim has fewer) and, where the claim gives a value, the same value of a thing alike: "128 lives" and "a toll of
  128" count the people killed, as "128 people killed" does; a bare "128" counts them only where the sentence also
  names the count's thing ("fire kills 128"). "chasing down 128" shares the number, not the thing;
- ``topic`` (it speaks of the claim's thing, with another value) when it holds the topic words and a value of a
  thing alike, or another day: "at least 44 fatalities" against 128 killed, "no casualties" against injured;
- ``""`` (off the topic) otherwise: "caused no casualties" speaks of the injured, not of the dead; "the fire" alone,
  without the count the claim makes, is about some fire.

A day the claim names ("26 November", "on Wednesday") is its value: a sentence names it in words or through the
dates stage ("on Wednesday" in a report of Thursday 27 November is the 26th, a Wednesday); where the claim names the
day, the day decides, not its weekday. A claim of a value on a day ("the toll rose to 128 on Friday") needs both in
the sentence: the value alone, or on another day, is ``topic`` (a day in the sentence before is not read as the
value's: it may date another thing). A sentence telling the thing in all the claim's words (three or more) but not
its day discusses it. The ways of saying that the thing itself began ("broke out", "started", "began", "erupted",
"took hold") are one word, which the sentence naming the day must hold; starting something ("started a campaign")
is not among them.

General rules of English, with no word of any story: the stance model (decision 0014) reads how an article tells
a claim, never what it is about, and a verdict of support or contradiction needs both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.claims import extract, values
from newsdesk.dates import MONTH_NUMBERS, ORDINAL, WEEKDAYS, one_of
from newsdesk.dates import day as _day
from newsdesk.records import Claim, Value

__all__ = ["OFF", "SAME", "TOPIC", "TOPIC_WORDS", "Topic", "about"]

TOPIC_WORDS = 2  # the claim's topic words a sentence must hold (all of them, when the claim has fewer)
SAME, TOPIC, OFF = "same", "topic", ""

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
# A day of a month, either way round: "26 November", "Nov. 26", "November 26th".
_DAY = re.compile(
    rf"\b(?:(?P<d>[0-3]?\d){ORDINAL}\s+(?:of\s+)?(?P<m>{_MONTH})\b|(?P<m2>{_MONTH})\.?\s+(?P<d2>[0-3]?\d)\b)",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[^\W_]+")
# What a count of people counts, where its noun says it: "128 lives", "44 fatalities", "16 bodies" are the dead.
_KILLED_NOUNS = frozenset({"live", "fatality", "death", "body"})
# The words that name what a count of people counts, as stems: a bare number is that count only beside one.
_FATE_WORDS = {
    "killed": "killed kill kills died dead death deaths fatalities toll lives",
    "injured": "injured injuries injury wounded hurt casualties",
    "missing": "missing unaccounted",
    "arrested": "arrested detained",
}


# Ways of saying that something began, read as one ("started"): "the fire broke out on 26 November" is what "the fire
# started on Wednesday" tells of a fire that began on Wednesday the 26th. Only where the thing itself began: "started",
# "began" or "ignited" with an object ("started a campaign", "began a drill", "began to spread", "ignited a debate";
# group ``object``) tells that someone launched something, and "broke out of" and "took hold of" (group ``of``) are an
# escape and a grip. A time after the verb is no object ("took hold that night", "began this morning").
_TIME = r"(?!\s+(?:morning|afternoon|evening|night|day|week|weekend|month|year|time)\b)"
_ONSET = re.compile(
    r"\b(?:(?:broke|break|breaks|breaking|broken)\s+out|(?:took|take|takes|taking|taken)\s+hold|"
    r"(?P<start>began|begun|begins?|starts?|started|starting|ignited)|erupt(?:ed|s)?)\b"
    r"(?:(?P<of>\s+of\b)|(?P<object>\s+(?:(?:a|an|the|this|that|these|those|its|their|his|her|our|my|your|some|"
    rf"several|new|fresh|another){_TIME}|to|it|them|him|us|work|talks|"
    r"(?!during|following|morning|evening)[a-z]+ing)\b))?",
    re.IGNORECASE,
)


def _onset(m: re.Match[str]) -> str:
    word = m.group()
    if m["of"]:
        return word
    if m["object"] and m["start"]:
        return f"launched{m['object']}"  # "started a campaign": someone launched it
    ending = m["object"] or ""
    return ("Started" if word[0].isupper() else "started") + ending


def _onsets(text: str) -> str:
    """``text`` with each way of saying that something began written "started" ("Started" at a capital), and a
    start or a beginning with an object written "launched" ("began a drill": someone launched it)."""
    if _ONSET.search(text) is None:
        return text
    return _ONSET.sub(_onset, text)


_STARTED = extract.stem("started")


def _stems(text: str) -> set[str]:
    return {extract.stem(w) for w in _WORD.findall(text.casefold())}


_FATE_STEMS = {fate: frozenset(_stems(words)) for fate, words in _FATE_WORDS.items()}


def _keys(terms: tuple[str, ...]) -> set[str]:
    """Terms as words to compare: a name ("#hong kong") as its words' stems, as any other term."""
    out: set[str] = set()
    for term in terms:
        if term.startswith(("#", "@")):
            out |= {extract.stem(w) for w in term[1:].split() if len(w) > 1}
        else:
            out.add(term)
    return out


@functools.lru_cache(maxsize=256)
def _context(text: str) -> frozenset[str]:
    """:func:`_keys` of a context, remembered: an article's lead is the context of each of its sentences."""
    return frozenset(_keys(extract.terms(_onsets(text))))


def _fate(unit: str) -> str | None:
    """What a count of people counts ("killed", "injured"; "" for people alone), None for a count of other things."""
    if unit == "people" or unit.startswith("people "):
        return unit[len("people ") :]
    return "killed" if unit in _KILLED_NOUNS else None


def _alike(a: Value, b: Value) -> bool:
    """Whether two values count or measure one kind of thing: one unit, or two counts of people with one fate
    (or one that does not say): "128 people killed", "128 lives", "a toll of 128" and "128 people" are alike."""
    if a.kind != b.kind:
        return False
    fa, fb = _fate(a.unit), _fate(b.unit)
    if fa is not None and fb is not None:
        return fa == fb or not fa or not fb
    return a.unit == b.unit


def _days(text: str) -> set[tuple[int, int]]:
    """The days of a month ``text`` writes, as (month, day)."""
    out = set()
    for m in _DAY.finditer(text):
        day = int(m["d"] or m["d2"])
        if 1 <= day <= 31:
            out.add((MONTH_NUMBERS[(m["m"] or m["m2"]).casefold()], day))
    return out


_WEEKDAY = re.compile(rf"\b{one_of(WEEKDAYS, capitalised=True)}\b")


def _weekdays(text: str) -> set[str]:
    """The weekdays ``text`` names (lower case): "on Wednesday"."""
    return {m.group().casefold() for m in _WEEKDAY.finditer(text)}


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _DIGITS.findall(text)}


@dataclass(frozen=True, slots=True)
class Topic:
    """What a claim is about: its topic words, the values it gives (other than days), the days it names and the
    weekdays it names."""

    words: frozenset[str]
    counts: tuple[Value, ...]
    days: frozenset[tuple[int, int]]
    weekdays: frozenset[str] = frozenset()

    def reads(self, sentence: str, *context: str, days: Iterable[str] = ()) -> str:
        """How ``sentence`` stands to the claim's topic: :data:`SAME`, :data:`TOPIC` or :data:`OFF` (see the
        module's docstring). Where the claim gives a value, the topic words may stand in the ``context`` texts (the
        article's lead, the sentence before): "At least 79 people were injured, he added" tells the fire's toll after a
        lead that names the fire; a claim of words alone needs them in the sentence. ``days``: the days
        (``YYYY-MM-DD``) the sentence names as the dates stage resolved them, beside those written out ("on
        Wednesday" in a report of Thursday 27 November is the 26th, a Wednesday)."""
        keys = _keys(extract.terms(_onsets(sentence)))
        dated = self.days or self.weekdays
        held = keys.union(*map(_context, context)) if self.counts or dated else keys
        if len(self.words & held) < min(TOPIC_WORDS, len(self.words)):
            return OFF
        if not self.counts and not dated:
            return SAME if self.words else OFF
        same = topic = False
        if self.counts:
            found = values.find(sentence)
            numbers = _numbers(sentence)
            for claimed in self.counts:
                for value in found:
                    if _alike(claimed, value):
                        if value.value == claimed.value:
                            same = topic = True
                        elif _fate(claimed.unit) != "" and _fate(value.unit) != "":
                            topic = True  # another count of the same thing ("people" alone is anyone: "13 treated")
                # The words of what it counts: of the dead, "killed", "died", "toll" (not "people", said of anyone).
                fate = _fate(claimed.unit)
                named = _stems(claimed.unit) if fate is None else _FATE_STEMS.get(fate) or _stems(fate or "people")
                if numbers and named & keys:
                    topic = True  # a number beside the word of what the claim counts: "raised the toll to 44"
                    same = same or claimed.value in numbers  # "fire kills 128"
        if dated:
            resolved = [d for d in map(_day, days) if d is not None]
            named_days = _days(sentence) | {(d.month, d.day) for d in resolved}
            if self.days:
                # The day decides; a weekday does not ("on Wednesday" is any Wednesday, and the one a report means,
                # resolved, is a day compared already): "Wednesday 3 December" is not the 26th's Wednesday.
                topic = topic or bool(named_days)
                on_the_day = bool(named_days & self.days)
            else:
                named_weekdays = _weekdays(sentence) | {WEEKDAYS[d.weekday()] for d in resolved}
                # A day written out that no report's date gives a weekday ("on Nov 26" in an undated report) is
                # another day as far as can be told: on the topic, as a weekday not the claim's is.
                topic = topic or bool(named_weekdays or named_days)
                on_the_day = bool(named_weekdays & self.weekdays)
            # A claim of a value and a day ("the toll rose to 128 on Friday") is shown by a sentence giving both: one
            # giving the value alone, or on another day, reports the thing (a toll of 128 on Thursday is no support
            # of Friday's). A claim of a day alone is shown by the day.
            same = (same and on_the_day) if self.counts else on_the_day
            if not self.counts and len(self.words) > TOPIC_WORDS and self.words <= keys:
                # The thing told in the sentence's own words, all of them, with no day or another ("Hasina was
                # sentenced to death"): the report discusses the claim, neither dropped nor a support. Two words ("the
                # fire started") are some fire, as a count's words alone are (above).
                topic = True
            if _STARTED in self.words and _STARTED not in keys:
                # The claim's day is when the thing began: a sentence naming a day but not the start ("raised the
                # toll to 44 on Thursday", the fire's start told in the lead) dates something else.
                same = False
        return SAME if same else TOPIC if topic else OFF


def about(claim: Claim) -> Topic:
    """The topic of a typed claim (:func:`newsdesk.claims.verify.typed`)."""
    days = _days(claim.text)
    weekdays = _weekdays(claim.text)
    counts = tuple(
        v for v in claim.values if v.kind != "date" and not (v.kind == "count" and v.unit.casefold() in MONTH_NUMBERS)
    )
    # The values' own words (the number, what it counts, its bound) and the days' say no topic.
    skip = set()
    for v in claim.values:
        skip |= _stems(f"{v.text} {v.unit} {v.bound}")
    for m in _DAY.finditer(claim.text):
        skip |= _stems(m.group())
    skip |= {extract.stem(w) for w in weekdays}
    words = frozenset(_keys(extract.terms(_onsets(claim.text))) - skip)
    return Topic(words=words, counts=counts, days=frozenset(days), weekdays=frozenset(weekdays))
