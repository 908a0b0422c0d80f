"""Values written in a sentence, normalised so that two ways of writing one value compare equal.

"$100bn", "$100 billion" and "100 billion dollars" are all ``money`` ``USD 100000000000``; "seven minutes" and
"7 minutes" are ``duration`` ``7`` ``minute``; "a 28-point plan" and "28 points" are ``count`` ``28`` ``point``;
"aged 34", "34-year-old" and "Name, 34," are ``age`` ``34``; "12:33 GMT" is ``time`` ``12:33 UTC``. Dates are
the dates stage's mentions (resolved as the timeline resolves them), passed in. Each value keeps its span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.dates import WEEKDAYS, one_of
from newsdesk.records import DateMention, Value

__all__ = ["PEOPLE", "SMALL", "find", "number"]

SMALL = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_SIGN = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
_CURRENCY_WORD = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
}
# Nouns that count people: "35 people", "12 dead", "four soldiers" are all counts of people.
PEOPLE = frozenset(
    "people person persons civilians civilian dead killed injured wounded casualties victims passengers residents "
    "soldiers troops migrants workers children adults survivors patients protesters fighters officers hostages "
    "prisoners staff employees students".split()
)
_DURATION = {
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_ZONES = {
    "gmt": "UTC",
    "utc": "UTC",
    "bst": "UTC+1",
    "cet": "UTC+1",
    "cest": "UTC+2",
    "eet": "UTC+2",
    "eest": "UTC+3",
    "msk": "UTC+3",
    "est": "UTC-5",
    "edt": "UTC-4",
    "cst": "UTC-6",
    "cdt": "UTC-5",
    "pst": "UTC-8",
    "pdt": "UTC-7",
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _by_first_letter(words: list[str]) -> str:
    """``(?:w1|w2|...)`` written as ``(?:s(?:even|ix)|t(?:en|wo))``: each word after the others with its first letter,
    in their order. It matches as the plain alternation does, at the same places with the same word (at a place
    only the words of one first letter can match, tried in the same order), and a search tries each place against
    a few first letters rather than every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items()) + ")"


_WORDNUM = _by_first_letter(sorted(SMALL, key=len, reverse=True))
_ANYNUM = rf"(?:{_NUM}|{_WORDNUM}(?:[- ]{_WORDNUM})?)"
_SCALEWORD = r"(?:thousand|million|billion|trillion|bn|mn|tn|[mbk])\b"
_MONEY_SIGN = re.compile(rf"(?P<cur>US\$|[$€£¥₴₽])\s?(?P<n>{_NUM})\s?(?P<scale>{_SCALEWORD})?", re.IGNORECASE)
_MONEY_WORD = re.compile(
    rf"\b(?P<n>{_ANYNUM})\s?(?P<scale>{_SCALEWORD})?\s?(?P<cur>dollars?|usd|euros?|eur|pounds?|gbp|hryvnias?|"
    r"roubles?|rubles?)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"\b(?P<n>{_NUM})\s?(?:%|per ?cent\b)", re.IGNORECASE)
_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))(?:\s?(?P<ap>[ap]\.?m\.?))?"
    r"(?:\s?(?P<zone>GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|PST|PDT|local time)\b)?"
    r"|\b(?P<h2>1[0-2]|0?[1-9])\s?(?P<ap2>[ap]\.m\.|[ap]m\b)"
    r"(?:\s?(?P<zone2>GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|PST|PDT|local time)\b)?",
    re.IGNORECASE,
)
_AGE = re.compile(
    rf"\b(?P<n>{_ANYNUM})[- ]years?[- ]old\b|\baged (?P<n2>\d{{1,3}})\b|(?<=[A-Z][a-z]), (?P<n3>\d{{1,3}}),",
    re.IGNORECASE,
)
# A number and the noun it counts, with up to two words between: "35 people", "a 28-point plan", "four formerly
# Ukrainian regions", "19 points".
_COUNT = re.compile(
    rf"\b(?P<n>{_ANYNUM})(?:\s?(?P<scale>million|billion|thousand)\b)?(?:-|\s)(?P<noun>[a-z][a-z-]*)"
    r"(?:\s(?P<noun2>[a-z][a-z-]*))?(?:\s(?P<noun3>[a-z][a-z-]*))?",
    re.IGNORECASE,
)
_NOT_NOUN = frozenset(
    "and or of to in on at by for with from per than as the a an that which who is are was were has have had be "
    "more less most least times percent per-cent o'clock am pm".split()
)
# Words after a number that make it a fraction, a ratio or a shape, not a count of things: "three-quarters of the
# voters", "two-thirds", "a four-way race", "by 3-to-1", "five-plus months" (two reports' fractions or ratios of
# different things are no two counts of one).
_NO_COUNT = frozenset(
    "half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths eighth eighths ninth "
    "ninths tenth tenths way plus to-".split()
)
_ADJ_SUFFIX = ("ly", "ian", "ern", "ese", "ish", "ic", "al", "ed", "ive", "ous", "ful", "est", "er")


_WEEKDAY = re.compile(rf"\b{one_of(WEEKDAYS)}\b", re.IGNORECASE)
_PER_SHARE = re.compile(r"\s?(?:\([^()]{1,20}\)\s?)?-?(?:a[ -]share|per[ -]share|share price|a-share)\b", re.IGNORECASE)
# A bound governs the number it stands before, or one word further in lower case ("at least another 20", "more than
# US$ 5"), or the letters of a dollar that the value is read from its sign on ("about C$ 5", "nearly HK$ 2"): a
# name or a comma between ("a lead over Sanders, 46 percent") ends the phrase the bound word is in.
_BOUND = re.compile(
    r"\b(at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to|as many as|"
    r"fewer than|less than|under|close to|an estimated|estimated|some)\s+"
    r"(?:(?-i:[a-z]+|US\$|[$€£¥₴₽])\s+|(?-i:[A-Z]{1,2}))?$",
    re.IGNORECASE,
)


# The offence someone is held for: "arrested on suspicion of manslaughter", "charged with murder". One act is one
# offence, so two reports naming two differ; what police suspect and what a court charges are two things (a
# charge can follow an arrest for another offence).
_CHARGE = re.compile(
    r"\b(?:(?P<suspected>suspicion of|suspected of|arrested\s+[“\"‘']?(?:for|over|on))|"
    r"charged with|accused of|convicted of)"
    r"\s+[“\"‘']?(?:(?:involuntary|voluntary|gross negligence|negligent|first[- ]degree|second[- ]degree)\s+)?"
    r"(?P<charge>(?:attempted )?murder|manslaughter|culpable homicide)\b",
    re.IGNORECASE,
)


def number(text: str) -> float | None:
    """The number ``text`` writes ("1,200", "28", "seven", "twenty-five"), or None."""
    t = text.strip().casefold().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[- ]", t):
        if part not in SMALL:
            return None
        total = total * 100 if part == "hundred" and total else total + SMALL[part]
    return total or None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _singular(noun: str) -> str:
    noun = noun.casefold()
    if noun in PEOPLE or noun in ("people",):
        return noun
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ses", "xes", "ches", "shes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


def _taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_FATE = [
    (re.compile(r"\b(?:killed|dead|died|deaths?|killing|lost their lives)\b", re.IGNORECASE), "killed"),
    (re.compile(r"\b(?:injured|wounded|hurt|injuries|injuring)\b", re.IGNORECASE), "injured"),
    (re.compile(r"\bmissing\b", re.IGNORECASE), "missing"),
    (re.compile(r"\b(?:arrested|detained)\b", re.IGNORECASE), "arrested"),
    (re.compile(r"\b(?:evacuated|displaced)\b", re.IGNORECASE), "evacuated"),
    (re.compile(r"\b(?:rescued|saved)\b", re.IGNORECASE), "rescued"),
    (re.compile(r"\b(?:live|lived|living|housing|housed|home to|inhabitants)\b", re.IGNORECASE), "living"),
]
# A count written before its number: "the number of people missing has reached 128", "the death toll rose to 83".
_COUNT_FIRST = re.compile(
    rf"\b(?:(?:the )?number of (?:the )?(?P<noun>{'|'.join(sorted(PEOPLE | {'deaths', 'fatalities'}))})"
    rf"(?: (?P<fate>missing|dead|killed|injured|"
    rf"wounded|arrested|evacuated|rescued))?|(?P<toll>death toll|toll of the dead))(?: \S+){{0,12}}? "
    rf"(?:has |had |have )?(?:risen to|rose to|climbed to|reached|stands at|stood at|is|was|hit|hits|jumped to|"
    rf"increased to|fell to|dropped to) (?:at least |more than |about |around |nearly )?(?P<n>{_NUM})\b",
    re.IGNORECASE,
)
# The nouns of _COUNT_FIRST that are a fate themselves: "the number of dead", "the number of injured", "the number of
# deaths".
_FATE_NOUNS = {
    "dead": "killed",
    "killed": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "injured": "injured",
    "wounded": "injured",
}
# The word after the word of a fate ("the number of dead", "of people killed") says whether the count is of that fate
# alone: the noun phrase ends there ("of dead in the fire", "of dead has risen", "of dead so far", "of dead
# nationwide", "of injured being treated") or goes on to the people it qualifies ("of dead civilians", "of dead
# Palestinians"). Joined to another fate ("of dead and injured", "of deaths and injuries", "of dead or missing") it
# is a count of people of no one fate; before another noun ("of dead animals", "of injured horses") the fate's word
# is an adjective, and no people are counted. General words of English: prepositions, determiners, adverbs,
# participles and the verbs the count is written with.
_AFTER_FATE = re.compile(r"\s*(?P<word>[^\W\d_]+)?")
_FATE_JOINED = frozenset("and or nor plus".split())
_FATE_ENDED = frozenset(
    """in at on from after since across during following over among of for by near around throughout within this
    that last each every per a so far now overall overnight altogether alone yesterday today has had have is was are
    were remains remained rose risen climbed reached stands stood hit hits jumped increased fell dropped being found
    taken brought known""".split()
)


def _after_fate(sentence: str, end: int) -> str:
    """How the words after a fate's word ending at ``end`` leave the count: "ended" (of that fate), "joined" (of
    people of no one fate) or "other" (of no people): :data:`_AFTER_FATE`."""
    found = _AFTER_FATE.match(sentence, end)
    word = found["word"] if found else None
    if not word:
        return "ended"
    lower = word.casefold()
    if lower in _FATE_JOINED:
        return "joined"
    if lower in _FATE_ENDED or lower in PEOPLE or word[:1].isupper() or lower.endswith(("ly", "wide")):
        return "ended"
    if len(lower) > 4 and lower.endswith(("ed", "ing")):
        return "ended"  # a participle: "the number of injured treated in hospital", "of dead recovered"
    return "other"


# A toll set by a verb before it, the figure after "to", "at" or "of": "raised the death toll to 44", "put the death
# toll at 83", "a death toll of 12"; the toll's place between ("the death toll from the fire to 44"), no verb.
_TOLL_TO = re.compile(
    rf"\b(?:death toll|toll of the dead)(?: (?:from|in|of|at)(?: [^\d\s]+){{1,4}}?)? (?:to|at|of) "
    rf"(?:at least |more than |about |around |nearly )?(?P<n>{_NUM})\b(?!['’]s\b)",  # not "the toll of 2011's quake"
    re.IGNORECASE,
)
# No one hurt: "without any reported injuries", "caused no casualties", "no injuries have been reported".
_NONE_HURT = re.compile(
    r"\b(?:no|without(?: any)?)(?: reported| immediate| known)? (?P<what>injuries|casualties|deaths|fatalities)\b",
    re.IGNORECASE,
)


# What every value but "no injuries" needs: a digit (money with a sign, a percentage, a time, a toll), or a
# number word (money in words, an age, a count); found anywhere in a sentence, they say which passes may match.
_DIGIT = re.compile(r"\d")
# The characters other than ASCII letters that a pattern ignoring case takes for one (İ, ı, ſ and the Kelvin sign,
# as extract/dates.py): in a text without them, its lower-case form holds the words such a pattern needs wherever
# it matches, so a pattern whose words are not there is skipped (decision 0050).
NOT_ASCII_CASE = re.compile("[\u0130\u0131\u017f\u212a]")
# Words (lower case) every match of a pattern ignoring case holds one of.
_CURRENCY_WORDS = ("dollar", "usd", "eur", "pound", "gbp", "hryvnia", "rouble", "ruble")
_HURT_WORDS = ("injuries", "casualties", "deaths", "fatalities")
# _AGE's: "year" ("34-year-old") or "aged" ("aged 34"); its third form ("Name, 34,") needs a comma, a space and a digit.
_AGE_WORDS = ("year", "aged")
_COMMA_DIGIT = re.compile(r", \d")
_COUNT_FIRST_WORDS = ("number of", "toll")  # "the number of people missing", "the death toll", "toll of the dead"
_TOLL_WORDS = ("toll",)  # _TOLL_TO's


def lower_form(text: str) -> str | None:
    """``text`` in lower case, where :func:`may_hold` can tell from it that a pattern ignoring case cannot match;
    None where it cannot (the text holds a character such a pattern takes for an ASCII letter)."""
    # (An ASCII text holds none of the four: ``str.isascii`` tells it without a search.)
    return text.lower() if text.isascii() or NOT_ASCII_CASE.search(text) is None else None


def may_hold(lower: str | None, words: tuple[str, ...]) -> bool:
    """Whether a text whose :func:`lower_form` is ``lower`` may match a pattern ignoring case every match of which
    holds one of ``words`` (lower case, as the pattern writes them)."""
    if lower is None:
        return True
    for word in words:  # noqa: SIM110 (a loop: a fifth less than ``any`` over a map or a generator, measured)
        if word in lower:
            return True
    return False


_NUMBER_WORD = re.compile(rf"\b{_WORDNUM}", re.IGNORECASE)
# The same, searched in a text's lower_form (a third of the time): it matches where _NUMBER_WORD matches in the text.
# Outside the four characters lower_form refuses, every character's lower case is one character, a word character
# where it is one, and the lower case of an ASCII letter exactly where a pattern ignoring case takes it for that
# letter (tests/claims/test_needed_words.py checks each against every character), so \b and the words fall alike.
_NUMBER_WORD_LOWER = re.compile(rf"\b{_WORDNUM}")
_ANOTHER_NUMBER = re.compile(rf"\d|\b{_WORDNUM}\b", re.IGNORECASE)
# What ends a clause between a fate word and a count: a comma, a semicolon, a colon, a dash or a bracket.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
# A conjunction joining two clauses: "Three people died and 14 were injured", "died, while 300 fled".
_CONJUNCTION = re.compile(r"\b(?:and|but|while|whereas|though|although)\b", re.IGNORECASE)
# Fate words that take no object, so never govern a count after them in another clause ("died and 14 people were
# injured"); "the deaths of 12 people", in one clause, still counts the dead.
_NO_OBJECT = re.compile(r"(?:died|dead|deaths?|lost their lives|missing|injuries)$", re.IGNORECASE)


def _aside_removed(between: str) -> str:
    """``between`` (the words from a count to a fate word after it) without an aside set off on both sides: "40
    people, among them two firefighters, died" leaves " people " (the aside's "two" is no number of the fate's)."""
    breaks = list(_CLAUSE_BREAK.finditer(between))
    if len(breaks) < 2:
        return between
    return between[: breaks[0].start()] + between[breaks[-1].end() :]


def _people(sentence: str, start: int, end: int, noun: str) -> str:
    """What a count of people counts: "people killed", "people injured" (the word that governs the number: the
    nearest such word within a few words of it in its own clause, else the nearest after it across an aside set off
    by commas), else "people".

    "On top of the rising death toll, another 279 people are missing" counts the missing: the death toll is
    another clause's, and the clause of 279 says missing (a count of the missing read as a toll would stand
    beside the dead, as their update or their rival). A fate word before a count across a comma or a conjunction
    ("At least 83 people have died, and a further 279 are unaccounted for"; "Three people died and 14 were
    injured") is another clause's too: the count's own clause, which follows it, tells its fate or none."""
    if noun in ("dead", "killed"):
        return "people killed"
    if noun in ("injured", "wounded"):
        return "people injured"
    best: tuple[bool, int, str] | None = None
    for pattern, fate in _FATE:
        for m in pattern.finditer(sentence, max(0, start - 40), min(len(sentence), end + 40)):
            before = m.end() <= start
            between = sentence[m.end() : start] if before else sentence[end : m.start()]
            crosses = _CLAUSE_BREAK.search(between) is not None
            if before and (crosses or (_CONJUNCTION.search(between) and _NO_OBJECT.search(m[0]))):
                continue  # "Dozens died when the dam burst, and 3,000 people fled": the word is the other clause's
            if _ANOTHER_NUMBER.search(between if before else _aside_removed(between)):
                continue  # "killed 44 people, and 279 people": the word is the other number's
            # "12 people, among them two children, died" keeps its fate across the commas where no word of its
            # own clause says one.
            rank = (crosses, min(abs(m.start() - end), abs(start - m.end())), fate)
            if best is None or rank[:2] < best[:2]:
                best = rank
    return f"people {best[2]}" if best else "people"


def _counts(sentence: str) -> Iterable[re.Match[str]]:
    """Matches of a number and its noun; a year, or a number with no noun, gives way to a number right after it."""
    pos = 0
    while (m := _COUNT.search(sentence, pos)) is not None:
        raw = m["n"]
        year = raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100 and not m["noun"].casefold().endswith("s")
        if m["noun"].casefold() in _NO_COUNT:
            pos = m.end("n")  # "three-quarters", "a four-way race", "3-to-1", "five-plus months": no count of a thing
            continue
        if year or m["noun"].casefold() in _NOT_NOUN:
            if not year and raw.replace(",", "").replace(".", "").isdigit():
                yield m
            pos = m.end("n")  # a year ("in 2014 following") is a date, and the dates stage reads it
            continue
        yield m
        pos = m.end()


def find(sentence: str, offset: int = 0, dates: Iterable[DateMention] = ()) -> list[Value]:
    """The values written in ``sentence`` (which starts at ``offset`` in the article), in text order.

    ``dates`` are the article's date mentions: those inside the sentence become ``date`` values, and the numbers
    they are made of are not read again as counts.
    """
    return find_lowered(sentence, lower_form(sentence), has_digit(sentence), offset, dates)


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit (``\\d``)."""
    return _DIGIT.search(text) is not None


def find_lowered(
    sentence: str, lower: str | None, digit: bool, offset: int = 0, dates: Iterable[DateMention] = ()
) -> list[Value]:
    """:func:`find`, given the sentence's :func:`lower_form` and :func:`has_digit` (which the claims stage works out
    once for its own tests too)."""
    found: list[Value] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value: str, unit: str, start: int, end: int) -> None:
        if kind == "money" and _PER_SHARE.match(sentence, end):
            unit = "money per share"
        bound = _BOUND.search(sentence, max(0, start - 20), start) if value != "0" else None  # "no one" is exact
        found.append(
            Value(
                kind=kind,
                value=value,
                unit=unit,
                text=sentence[start:end],
                start=offset + start,
                end=offset + end,
                bound=bound.group(1).casefold() if bound else "",
            )
        )
        taken.append((start, end))

    end_of = offset + len(sentence)
    for d in dates:
        if offset <= d.start and d.end <= end_of:
            taken.append((d.start - offset, d.end - offset))
            if d.value:
                found.append(Value(kind="date", value=d.value, unit=d.precision, text=d.text, start=d.start, end=d.end))
            elif (day := _WEEKDAY.search(d.text)) is not None:
                # An article with no date of its own still names the day: "on Friday" is a day, if not a date.
                weekday = day.group().casefold()
                found.append(Value(kind="date", value=weekday, unit="weekday", text=d.text, start=d.start, end=d.end))
    # Most sentences write no number: the passes that need one (a digit, or a number word) are left out there.
    numeral = (
        digit or (_NUMBER_WORD.search(sentence) if lower is None else _NUMBER_WORD_LOWER.search(lower)) is not None
    )
    for m in _MONEY_SIGN.finditer(sentence) if digit else ():
        n = number(m["n"])
        if n is None or _taken(taken, m.start(), m.end()):
            continue
        scale = _SCALE.get((m["scale"] or "").casefold(), 1.0)
        add("money", f"{_CURRENCY_SIGN[m['cur'].casefold()]} {_fmt(n * scale)}", "money", m.start(), m.end())
    for m in _MONEY_WORD.finditer(sentence) if numeral and may_hold(lower, _CURRENCY_WORDS) else ():
        n = number(m["n"])
        if n is None or _taken(taken, m.start(), m.end()):
            continue
        scale = _SCALE.get((m["scale"] or "").casefold(), 1.0)
        add("money", f"{_CURRENCY_WORD[m['cur'].casefold()]} {_fmt(n * scale)}", "money", m.start(), m.end())
    for m in _PERCENT.finditer(sentence) if digit else ():
        if not _taken(taken, m.start(), m.end()):
            add("percent", m["n"], "percent", m.start(), m.end())
    for m in _TIME.finditer(sentence) if digit else ():
        if _taken(taken, m.start(), m.end()):
            continue
        hour = int(m["h"] or m["h2"])
        minute = int(m["m"] or 0)
        ap = (m["ap"] or m["ap2"] or "").casefold().replace(".", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if not (m["m"] or ap):
            continue
        zone = (m["zone"] or m["zone2"] or "").casefold()
        label = _ZONES.get(zone, "local" if zone else "")
        add("time", f"{hour:02d}:{minute:02d}{' ' + label if label else ''}", "time", m.start(), m.end())
    age = numeral and (may_hold(lower, _AGE_WORDS) or (digit and _COMMA_DIGIT.search(sentence) is not None))
    for m in _AGE.finditer(sentence) if age else ():
        n = number(m["n"] or m["n2"] or m["n3"] or "")
        if n is None or not 0 < n < 130 or _taken(taken, m.start(), m.end()):
            continue
        add("age", _fmt(n), "year of age", m.start(), m.end())
    for m in _COUNT_FIRST.finditer(sentence) if digit and may_hold(lower, _COUNT_FIRST_WORDS) else ():
        n = number(m["n"])
        if n is None or _taken(taken, m.start("n"), m.end("n")):
            continue
        # The fate follows the noun ("the number of people missing"), or is the noun ("the number of dead").
        noun = (m["noun"] or "").casefold()
        fate = "killed" if m["toll"] else (m["fate"] or _FATE_NOUNS.get(noun, "")).casefold()
        if fate and not m["toll"]:
            after = _after_fate(sentence, m.end("fate") if m["fate"] else m.end("noun"))
            if after == "other" and not m["fate"]:
                continue  # "the number of dead animals": no people
            if after == "joined":
                fate = ""  # "the number of dead and injured": people of two fates
        unit = {"dead": "people killed", "wounded": "people injured"}.get(fate, f"people {fate}" if fate else "people")
        add("count", _fmt(n), unit, m.start("n"), m.end("n"))
    for m in _TOLL_TO.finditer(sentence) if digit and may_hold(lower, _TOLL_WORDS) else ():
        n = number(m["n"])
        if n is not None and not _taken(taken, m.start("n"), m.end("n")):
            add("count", _fmt(n), "people killed", m.start("n"), m.end("n"))
    for m in _NONE_HURT.finditer(sentence) if may_hold(lower, _HURT_WORDS) else ():
        if not _taken(taken, m.start(), m.end()):
            what = m["what"].casefold()
            add("count", "0", "people killed" if what in ("deaths", "fatalities") else "people injured", *m.span())
    for m in _counts(sentence) if numeral else ():
        if _taken(taken, m.start(), m.end("n")):
            continue
        raw = m["n"]
        n = number(raw)
        if n is None:
            continue
        words = [w for w in (m["noun"], m["noun2"], m["noun3"]) if w]
        scale = _SCALE.get((m["scale"] or "").casefold(), 1.0)
        noun_at = 0
        # "four formerly Ukrainian regions": skip adverbs and adjectives to the counted noun (at most two words).
        while noun_at < len(words) - 1 and (
            words[noun_at].casefold().endswith(_ADJ_SUFFIX) or words[noun_at][0].isupper()
        ):
            if words[noun_at + 1].casefold() in _NOT_NOUN:
                break
            noun_at += 1
        noun = words[noun_at].casefold()
        if noun in _NOT_NOUN or noun.endswith("ly"):
            if not raw.replace(",", "").replace(".", "").isdigit():
                continue
            add("number", _fmt(n * scale), "", m.start(), m.end("n"))
            continue
        end = m.end("noun") if noun_at == 0 else m.end("noun2") if noun_at == 1 else m.end("noun3")
        if noun in _DURATION:
            add("duration", _fmt(n * scale), _DURATION[noun], m.start(), end)
        elif noun in PEOPLE:
            add("count", _fmt(n * scale), _people(sentence, m.start(), end, noun), m.start(), end)
        else:
            add("count", _fmt(n * scale), _singular(noun), m.start(), end)
    folded = sentence.casefold()
    offence = "murder" in folded or "manslaughter" in folded or "homicide" in folded
    for m in _CHARGE.finditer(sentence) if offence else ():
        unit = "offence suspected" if m["suspected"] else "offence charged"
        start, end = m.span("charge")
        value = " ".join(m["charge"].casefold().split())
        found.append(
            Value(kind="charge", value=value, unit=unit, text=m["charge"], start=offset + start, end=offset + end)
        )
    return sorted(found, key=lambda v: v.start)
