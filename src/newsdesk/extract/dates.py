"""Dates written in article text ("on Friday", "last weekend", "in 2014", "28 November"), resolved against the
article's publication date, each with its span and precision.

Nothing is guessed: a relative date in an article with no publication date stays unresolved (``value`` None)
unless the caller passes an anchor, which is then marked as an estimate. An estimate (such as the article's event's
first date) only supplies a year: expressions that count from the day of writing ("on Monday", "yesterday",
"last week", "next month") stay unresolved against it, since the article may have been written days or weeks
after that date, and a wrong Monday in a timeline reads as a fact.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from newsdesk.abbreviations import goes_on, word_after
from newsdesk.dates import MONTH, MONTH_NUMBERS, MONTHS, ORDINAL, WEEKDAYS, one_of
from newsdesk.extract import gates
from newsdesk.records import DateMention, Span

__all__ = ["DateMention", "find", "month_day", "resolve", "sentence_around"]

# In a pattern that ignores case: "May" and "March" only capitalised ("this may happen", "in march to the capital"
# are no months).
_MONTH_NAMED = rf"(?:(?-i:Ma(?:y|r(?:ch)?)\.?)|(?!(?:may|mar(?:ch)?)\b){MONTH})"
_WEEKDAY = one_of(WEEKDAYS, capitalised=True)
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)? ?expect(?:s|ed)? to|plans? to|planned to|scheduled (?:for|to)|due to|set to|"
    r"next|there (?:is|are)|there's)\b[^.!?]{0,60}$",
    re.IGNORECASE,
)
# A plan in the present tense, its day after it: "is to take over on Jan. 1", "the strategy is to swamp him in
# March", "a trial is scheduled to begin in May" ("is to blame" is none).
_PLAN = re.compile(
    r"\b(?:is|are) (?:to (?!blame\b|be blamed\b)\w+|slated|scheduled|poised)\b[^.!?]{0,50}$", re.IGNORECASE
)
# A word between a plan's verb and a day that makes the day another thing's, told: a noun's ("is to examine the attack
# of Jan. 6", "to restore output to its level of May 2"), a clause's of its own ("is to report on the fire that broke
# out on Aug. 20") or a subject's ("is scheduled to hear testimony about the riot on Jan. 6"). Review rd54: each was
# read as a plan's day, moved to the next year.
_NOT_THE_PLANS = re.compile(r"\b(?:of|that|which|who|whose|where|since|about|anniversary)\b", re.IGNORECASE)
# A day a present tense sets ahead, as news writes a schedule: "the council meets on Tuesday", "Wisconsin holds its
# primary on Tuesday", "a memorial is planned Friday", "the two meet for their first debate Monday" (a present tense
# of a past day is no English; "took hold on Wednesday", "did not meet on Monday" are past). The verb is lower case
# ("Meet the Press" is a name), its -s form no noun after a determiner ("the votes on Tuesday"), and no clause word
# or stop stands between it and the day ("meets lawyers after the arrest on Sunday" is the arrest's day), nor a
# past participle right before the day (``_PARTICIPLE_LAST``); what is spoken "of" or "about" is no schedule
# ("speaks of the raid on Saturday", "speaks about the flood on Sunday").
_SCHEDULED = re.compile(
    r"(?:^|\b(?P<before>[\w’']+) )(?P<verb>meet|hold|convene|(?:meet|hold|convene|reconvene|vote|open|begin|start|"
    r"resume|speak|travel|arrive|depart)s|testifies|(?:is|are) (?:planned|slated|scheduled)|"
    r"(?:is|are) to (?!blame\b)\w+)\b(?! of\b)"
    r"(?P<gap>(?:(?!\b(?i:after|since|following|when|while|that|which|who|whose|because|than|and|but|as|before|about|"
    r"until|ago|last|later|earlier)\b)[^.!?;,:()\n\u2013\u2014]){0,50})$"
)
# A past participle the day follows, maybe with its agent, whose day it is: "in a video released on Sunday", "the
# demands made by strikers on Thursday" (not an adjective before a noun: "holds a closed-door hearing on Tuesday").
_PARTICIPLE_LAST = re.compile(
    r"\b(?:[a-z]+ed|made|set|held|taken|given|shot|seen|written)(?: by(?: [\w’'-]+){1,3})?(?: (?:on|late|early))* ?$"
)
# Words before a verb of _SCHEDULED that make it no present tense of a schedule: an infinitive, a past or a modal's
# ("to meet", "did not meet", "took hold", "could open"), or, before its -s form, a determiner that makes it a noun
# ("the votes", "their talks").
_NOT_SCHEDULED_AFTER = frozenset(
    {
        "to",
        "not",
        "never",
        "did",
        "didn’t",
        "didn't",
        "n't",
        "took",
        "take",
        "takes",
        "taken",
        "taking",
        "could",
        "would",
        "might",
        "should",
        "must",
        "may",
        "can",
        "cannot",
        "had",
        "has",
        "have",
    }
)
_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "your", "my", "this", "that", "these", "those", "of"}
)
# Words before "hold" or "meet" that make it a noun: "talks were put on hold on Monday", "gets hold of the ledger".
_NOUN_HOLD_AFTER = frozenset(
    {"on", "get", "gets", "got", "keep", "keeps", "kept", "lose", "loses", "lost", "catch", "caught", "grab", "grabbed"}
)
# "votes" is a noun after most words ("bipartisan votes on Monday", "after votes on Monday", "in two votes"): it is
# read as a schedule's verb only after a name or a pronoun ("Ohio votes on Tuesday", "which votes on Saturday"), not
# after a capitalised word that opens a sentence ("After votes on Monday, ...").
_VOTES_AFTER = frozenset({"who", "which", "he", "she", "it", "also"})
_NOT_A_NAME = _DETERMINERS | {"after", "before", "in", "with", "for", "by", "from", "at", "on", "following", "amid"}
# A body that votes, named as the subject (a determiner before it, maybe one word between): "the council votes on
# Tuesday", "the city council votes", "its board votes" is a schedule; a count before it makes "votes" the noun ("the
# two council votes on Tuesday"). The determiner opens a clause (the text's start, a mark, or a word that opens one:
# "when the council votes", "said the board votes"): after a verb or a preposition the body and "votes" are one noun,
# its object ("Voss lost the council votes on Monday", "in the party votes on Sunday").
_BODIES = frozenset(
    {
        *("council", "committee", "board", "panel", "parliament", "senate", "house", "assembly", "legislature"),
        *("congress", "cabinet", "jury", "commission", "court", "union", "party", "chamber", "electorate"),
    }
)
_A_BODY = re.compile(
    r"(?:^|[.!?;:,(\"“”—–]\s*|\b(?i:when|until|till|before|after|once|if|unless|as|while|and|but|so|then|that|"
    r"because|whether|where|said|says|say|told)\s+)(?i:the|a|an|its|their|his|her|our|this|that|each|every)"
    r"(?: (?!(?i:one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|both|all)\b)[^\W\d_][\w’'-]*)? $"
)


def _scheduled(before: str) -> bool:
    """Whether ``before`` (the words up to a date) ends in a present tense that sets the date ahead (``_SCHEDULED``)."""
    m = _SCHEDULED.search(before)
    if m is None:
        return False
    written = m.group("before") or ""
    word, verb = written.casefold(), m.group("verb")
    if word in _NOT_SCHEDULED_AFTER or _PARTICIPLE_LAST.search(m.group("gap")):
        return False
    if verb == "votes" and not (
        (written[:1].isupper() and word not in _NOT_A_NAME)
        or word in _VOTES_AFTER
        or (word in _BODIES and _A_BODY.search(before, 0, m.start("before")) is not None)
    ):
        return False
    if verb in {"hold", "meet"} and word in _NOUN_HOLD_AFTER:
        return False
    noun = (verb.endswith("s") or verb in {"hold", "meet"}) and (
        word in _DETERMINERS or word.endswith(("’s", "'s")) or word[:1].isdigit()
    )
    return not noun


# A year counted from the day of writing, after a month or a day: "in July of last year", "March 3 this year".
_REL_YEAR = r",? (?:of )?(?P<which>(?i:last|this|next)) (?i:year)\b"
# The end of a range of days within one year: "July 15 to August 5 (2024 | last year)", "3-5 May".
_TO_DAY = rf" ?(?:to|and|through|until|[-–]) ?(?:{MONTH} )?\d{{1,2}}{ORDINAL}"
# Months joined or ranged before the one year written after the last: "July and August 2024", "July-August 2024",
# "May, June and July 2024", "March to May of 2025" (the year is every month's: "in July" alone would be the
# nearest July).
_TO_MONTH = rf"(?:, {MONTH})*(?: ?[-–/] ?|,? (?:and|or|to|through|until) ){MONTH}"
_YEAR_AFTER_MONTHS = r",? (?:of )?(?P<y>(?:19|20)\d\d)\b"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # A range whose year is written only after its last day: the year is the first day's too.
    (
        "month_day_range_year",
        re.compile(rf"\b(?P<m>{MONTH}) (?P<d>\d{{1,2}}){ORDINAL}{_TO_DAY},? (?P<y>(?:19|20)\d\d)\b"),
    ),
    # Months joined before their year: the year is the first month's too.
    ("month_range_year", re.compile(rf"\b(?P<m>{MONTH}){_TO_MONTH}{_YEAR_AFTER_MONTHS}")),
    ("month_day_rel_year", re.compile(rf"\b(?P<m>{MONTH}) (?P<d>\d{{1,2}}){ORDINAL}(?:{_TO_DAY})?{_REL_YEAR}")),
    ("day_month_rel_year", re.compile(rf"\b(?P<d>\d{{1,2}}){ORDINAL} (?P<m>{MONTH}){_REL_YEAR}")),
    (
        "month_rel_year",
        re.compile(rf"\b(?:(?i:in|since|until|by|from|during|early|late|mid-?) )?(?P<m>{MONTH}){_REL_YEAR}"),
    ),
    ("day_month_year", re.compile(rf"\b(?P<d>\d{{1,2}}){ORDINAL} (?P<m>{MONTH}),? (?P<y>(?:19|20)\d\d)\b")),
    ("month_day_year", re.compile(rf"\b(?P<m>{MONTH}) (?P<d>\d{{1,2}}){ORDINAL},? (?P<y>(?:19|20)\d\d)\b")),
    ("day_month", re.compile(rf"\b(?P<d>\d{{1,2}}){ORDINAL} (?P<m>{MONTH})\b(?!,? (?:19|20)\d\d)")),
    ("month_day", re.compile(rf"\b(?P<m>{MONTH}) (?P<d>\d{{1,2}}){ORDINAL}\b(?!,? (?:19|20)\d\d|\d)")),
    (
        "month_year",
        re.compile(
            rf"\b(?:in|since|until|by|from|of|during|early|late|mid-?) (?P<m>{_MONTH_NAMED}) "
            rf"(?P<y>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|until|by|from|early|late|mid-?|this|last|next) (?P<m>{_MONTH_NAMED})\b"
            rf"(?! \d)(?!{_TO_MONTH}{_YEAR_AFTER_MONTHS})",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:in|since|until|by|from|during|of|before|after|early|late) (?P<y>(?:19|20)\d\d)\b"
            r"(?![-–/]\d)"
        ),
    ),
    ("decade", re.compile(r"\b(?:within|in) (?:a|the next|the coming) decade\b", re.IGNORECASE)),
    ("relative_day", re.compile(r"\b(?P<w>today|yesterday|tomorrow)\b", re.IGNORECASE)),
    ("weekend", re.compile(r"\b(?P<which>last|this|next|over the|at the) weekend\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(?P<which>last|this|next|earlier this|later this) week\b", re.IGNORECASE)),
    ("relative_month", re.compile(r"\b(?P<which>last|this|next|earlier this|later this) month\b", re.IGNORECASE)),
    ("relative_year", re.compile(r"\b(?P<which>last|this|next|earlier this|later this) year\b", re.IGNORECASE)),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<which>last|this|next|on|early on|late on|since|by) )?(?P<w>{_WEEKDAY})\b"
            rf"(?! \d)"
        ),
    ),
]


# Words (lower case) the patterns that ignore case need, by kind: most texts hold none of some of them.
_NEEDS = {
    "month_day_rel_year": ("year",),
    "day_month_rel_year": ("year",),
    "month_rel_year": ("year",),
    "decade": ("decade",),
    "relative_day": ("today", "yesterday", "tomorrow"),
    "weekend": ("weekend",),
    "week": ("week",),
    "relative_month": ("month",),
    "relative_year": ("year",),
}
# The characters other than ASCII letters that a pattern ignoring case takes for one (İ, ı, ſ and the Kelvin sign).
_NOT_ASCII_CASE = re.compile("[\u0130\u0131\u017f\u212a]")

# Where a match of the patterns that open with ``\b`` can start (``gates``): a month pattern's match starts
# at a month's first three letters ("Jan" ... "Dec", as ``MONTH`` writes them, capitalised); a day's, at its one
# or two digits, their suffix, a space and such a month; a weekday's, at the weekday or at the word before it
# (``_WHICH``); a year's, at the word before it (``_YEAR_AFTER``), and a month's after a word (``_MONTH_AFTER``) at
# that word. Each is tried there alone (``gates.matches``): the same matches as ``finditer``.
_MONTH_START = re.compile(one_of((m[:3] for m in MONTHS), capitalised=True))
_DAY_START = re.compile(rf"\d\d?{ORDINAL} {_MONTH_START.pattern}")
_WEEKDAY_START = re.compile(_WEEKDAY)
_WHICH = ("last", "this", "next", "on", "early on", "late on", "since", "by")
_YEAR_START = re.compile(r"(?:19|20)\d\d")
_YEAR_AFTER = ("in", "since", "until", "by", "from", "during", "of", "before", "after", "early", "late")
# The two patterns of a month after a word that ignore case: looked for in the text's lower-case form, when it has
# one of the same length that holds what they match (``lower``, below).
_MONTH_LOWER = re.compile(one_of(m[:3] for m in MONTHS))
_MONTH_AFTER = {
    "month_year": ("in", "since", "until", "by", "from", "of", "during", "early", "late", "mid", "mid-"),
    "month": ("in", "since", "until", "by", "from", "early", "late", "mid", "mid-", "this", "last", "next"),
}
_MONTH_FIRST = frozenset(
    {"month_range_year", "month_day_range_year", "month_day_rel_year", "month_day_year", "month_day"}
)
_DAY_FIRST = frozenset({"day_month_rel_year", "day_month_year", "day_month"})


def _month(name: str) -> int:
    return MONTH_NUMBERS[
        name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]
    ]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(anchor: date, weekday: int, which: str | None, future: bool, *, today: bool = False) -> date:
    """The day ``weekday`` names counted from ``anchor``: the last one (today's weekday is today), or with ``future``
    (or ``which`` "next") the coming one, a week on for today's weekday ("will meet on Monday" said on a Monday),
    or, with ``today`` too (a schedule's present tense: "meets on Monday"), today itself."""
    if which in {"next"} or (future and which not in {"last", "since"}):
        ahead = (weekday - anchor.weekday()) % 7 or (0 if today and which != "next" else 7)
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)


# Kinds that count from the day of writing: only the article's own date resolves them, never an estimate.
_FROM_WRITING = frozenset({"weekday", "relative_day", "weekend", "week", "relative_month"})


def _resolve(
    kind: str,
    m: re.Match[str],
    anchor: date | None,
    future: bool,
    *,
    estimated: bool = False,
    today: bool = False,
    plan: bool = False,
) -> tuple[date | None, str]:
    g = m.groupdict()
    if estimated and kind in _FROM_WRITING:
        anchor = None
    if kind in {"day_month_year", "month_day_year", "month_day_range_year"}:
        return _safe_date(int(g["y"]), _month(g["m"]), int(g["d"])), "day"
    if kind in {"month_year", "month_range_year"}:
        return _safe_date(int(g["y"]), _month(g["m"]), 1), "month"
    if kind == "year":
        return date(int(g["y"]), 1, 1), "year"
    if anchor is None:
        return None, {
            "month_day_rel_year": "day",
            "day_month_rel_year": "day",
            "month_rel_year": "month",
            "day_month": "day",
            "month_day": "day",
            "month": "month",
            "decade": "decade",
            "relative_day": "day",
            "weekend": "week",
            "week": "week",
            "relative_month": "month",
            "relative_year": "year",
            "weekday": "day",
        }[kind]
    if kind in {"month_day_rel_year", "day_month_rel_year", "month_rel_year"}:
        which = g["which"].lower()
        year = anchor.year + (-1 if which == "last" else 1 if which == "next" else 0)
        if kind == "month_rel_year":
            return date(year, _month(g["m"]), 1), "month"
        return _safe_date(year, _month(g["m"]), int(g["d"])), "day"
    if kind in {"day_month", "month_day"}:
        found = _safe_date(anchor.year, _month(g["m"]), int(g["d"]))
        if found and plan and found < anchor - timedelta(days=7):
            # A plan's day more than a week behind in this year is next year's ("is to take over on Jan. 1" in
            # September). Not after "will" (``_FUTURE``), which often governs another clause of the sentence ("will
            # speak of the massacre on June 12" nine days on); nor a week or less behind.
            found = _safe_date(anchor.year + 1, found.month, found.day) or found
        elif found and not future and found > anchor + timedelta(days=7):
            # The nearer of this year's day and last year's: "28 December" in a January article is last year's,
            # "the June 7 primary" or "votes on March 1" in a February article this year's (2016 election news
            # named 21 such days, 20 of them ahead; 16 of them under 45 days ahead, every one ahead).
            before = _safe_date(anchor.year - 1, found.month, found.day)
            if before is None or anchor - before <= found - anchor:
                found = before
        return found, "day"
    if kind == "month":
        month = _month(g["m"])
        # "in March" in a June article is this March; "will return in April" in June is next April.
        year = anchor.year - 1 if month > anchor.month and not future else anchor.year
        year = anchor.year + 1 if future and month < anchor.month else year
        return date(year, month, 1), "month"
    if kind == "decade":
        return date(anchor.year + 10, 1, 1), "decade"
    if kind == "relative_day":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["w"].lower()]
        return anchor + timedelta(days=shift), "day"
    which = (g.get("which") or "").lower()
    step = -1 if which.startswith("last") else 1 if which.startswith("next") else 0
    if kind == "weekend":
        saturday = _weekday(anchor, 5, "next" if step > 0 else None, future and step >= 0)
        return saturday + timedelta(days=7 * (step if step < 0 and anchor.weekday() >= 5 else 0)), "week"
    if kind == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday + timedelta(days=7 * step), "week"
    if kind == "relative_month":
        month = anchor.month + step
        year = anchor.year + (month - 1) // 12
        return date(year, (month - 1) % 12 + 1, 1), "month"
    if kind == "relative_year":
        return date(anchor.year + step, 1, 1), "year"
    weekday = WEEKDAYS.index(g["w"].lower())
    return _weekday(anchor, weekday, which or None, future, today=today), "day"


def _format(value: date | None, precision: str) -> str | None:
    if value is None:
        return None
    if precision in {"year", "decade"}:
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _anchor(published: str | None, estimate: str | None) -> tuple[date | None, str | None]:
    anchor_text = published or estimate
    if not anchor_text:
        return None, None
    try:
        return date.fromisoformat(anchor_text[:10]), "published" if published else "estimate"
    except ValueError:
        return None, None


def find(text: str, published: str | None, *, estimate: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published`` (or, marked so, ``estimate``), each
    with the span of its sentence.

    Overlapping matches keep the longest ("28 November 2025" over "28 November").
    """
    anchor, anchor_kind = _anchor(published, estimate)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    # In a text without the characters that match an ASCII letter ignoring case but are not one, its lower-case
    # form holds the words a pattern ignoring case needs wherever the pattern matches: one without them is skipped.
    lower = text.lower() if _NOT_ASCII_CASE.search(text) is None else None
    months: list[int] | None = None
    days: list[int] | None = None
    for kind, pattern in _PATTERNS:
        needs = _NEEDS.get(kind)
        if needs and lower is not None and not any(map(lower.__contains__, needs)):
            continue
        if kind in _MONTH_FIRST:
            months = gates.starts(_MONTH_START, text) if months is None else months
            matches: Iterable[re.Match[str]] = gates.matches(pattern, months, text)
        elif kind in _DAY_FIRST:
            days = gates.starts(_DAY_START, text) if days is None else days
            matches = gates.matches(pattern, days, text)
        elif kind == "weekday":
            matches = gates.matches(pattern, gates.preceded(_WEEKDAY_START, _WHICH, text), text)
        elif kind == "year":
            matches = gates.matches(pattern, gates.preceded(_YEAR_START, _YEAR_AFTER, text), text)
        elif kind in _MONTH_AFTER and lower is not None:
            matches = gates.matches(pattern, gates.preceded(_MONTH_LOWER, _MONTH_AFTER[kind], lower), text)
        else:
            matches = pattern.finditer(text)
        for m in matches:
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    sentences = _Sentences(text)
    out: list[DateMention] = []
    last_end = -1
    for i, (start, end, kind, m) in enumerate(found):
        if start < last_end:
            continue
        if kind == "weekday" and _dated_by_next(text, end, found[i + 1 :]):
            continue  # "on Monday, November 24": the date says which Monday; the weekday alone might not
        if kind == "relative_day" and text[start].isupper() and _IN_A_NAME.search(text, max(0, start - 40), start):
            continue  # "broadcaster India Today", "USA Today": a name's word, no day
        named = kind == "weekday" and not m.group("which") and _NAMED_DAY.search(text, max(0, start - 24), start)
        if (
            kind == "weekday"
            and _BACK_REFERENCE.search(text[max(0, start - 24) : start])
            and not text.startswith(_POSSESSIVE, end)
        ):
            continue  # "That Wednesday", "the following Monday": a day told before, not counted from writing
        before = text[max(0, start - 80) : start]
        # A plan's "is to", "is scheduled" sets a date ahead too ("Mr. Ban's successor is to take over on Jan. 1",
        # "a trial is scheduled ... in May"); a weekday so is a schedule's (``_scheduled``, today being today).
        future = bool(_FUTURE.search(before))
        planned = None if future or kind == "weekday" else _PLAN.search(before)
        plan = planned is not None and _NOT_THE_PLANS.search(planned.group()) is None
        future = future or plan
        # A schedule's present tense ("meets on Tuesday") sets the day ahead, today's weekday being today.
        scheduled = (
            (kind == "weekday" and (m.group("which") or "").lower() not in {"last", "since"} and not future)
            and _scheduled(before)
            and _PAST_VERB_AFTER.match(text, end) is None
        )
        value, precision = _resolve(
            kind, m, anchor, future or scheduled, estimated=anchor_kind == "estimate", today=scheduled, plan=plan
        )
        if named and not (anchor_kind == "published" and value and anchor and 0 <= (anchor - value).days <= 1):
            continue  # "Black Friday", "Super Tuesday": a day's name, its weekday's day only on the day or the next
        absolute = kind in _ABSOLUTE
        out.append(
            DateMention(
                text=m.group(0),
                start=start,
                end=end,
                value=_format(value, precision),
                precision=precision,
                anchor=None if absolute or value is None else anchor_kind,
                sentence=_span(sentences.around(start, end)),
                future=future or scheduled,
            )
        )
        last_end = end
    return out


# A day's name made of a weekday ("Black Friday", "Cyber Monday", "Super Tuesday", "Good Friday", "Ash Wednesday"):
# one day of the year or of a campaign, not the weekday nearest the day of writing, unless the report was written on
# it or the day after (PolNeAR's "Super Tuesday" reports of 1 and 2 March 2016; weeks before, it was the Tuesday
# behind). The word right before it is capitalised and one of these: "a black Friday", "the Rose Bowl on Friday" are
# weekdays.
_NAMED_DAY = re.compile(
    r"\b(?:Black|Cyber|Good|Super|Holy|Maundy|Ash|Easter|Palm|Shrove|Fat|Giving|Bloody|Blue|Mega|Whit|Trinity|"
    r"Mothering|Selection|Bowl|Business)[ -]$"
)
# A finite past verb right after a weekday (a night or a morning of it between): the weekday ends its subject, so a
# verb before it was no schedule's present tense but a noun ("The council votes on Tuesday were close", "the board
# meets on Friday drew protests"). "are" or "is" is left: "the council votes on Tuesday are expected to be close"
# still speaks of days to come.
_PAST_VERB_AFTER = re.compile(
    r"(?:\s+(?:night|morning|afternoon|evening))?\s+(?:were|was|had|went|drew|showed|proved|ended|passed|failed|"
    r"came|saw|gave|left|took|brought|produced|drawn)\b"
)

# A capitalised word right before, itself after a word (not a sentence's start): "India Today", "USA Today".
_IN_A_NAME = re.compile(r"(?<=[\w,] )[A-Z](?:[\w.&-]*[\w&-])?\s$")


# Words before a weekday that point back to a day already told ("That Wednesday - the day the fire broke out")
# or to a day of its own ("every Friday"): counted from the day of writing, it would be a wrong date.
# "that" only where it starts the sentence or follows a preposition ("on that Friday"): "said that Thursday's
# debate" has a conjunction before a date counted from writing. A weekday of its own ("Friday's deal") is no day
# told before.
_BACK_REFERENCE = re.compile(
    r"(?:(?:^|[.!?\n][\"”’)]?\s+|\b(?i:on|by|until|since|from|for|of|before|after) )(?i:that)|"
    r"\b(?i:the same|the following|the previous|each|every)) $"
)
_POSSESSIVE = ("'s", "’s")

# What may stand between a weekday and the date that names it: "Monday, November 24", "Monday (24 November)",
# "Friday, the 28th" is not matched (no month), so it keeps the weekday.
_WEEKDAY_TO_DATE = re.compile(r"[ ,(]{1,3}")
_DAY_KINDS = frozenset(
    {
        "day_month_year",
        "month_day_year",
        "day_month",
        "month_day",
        "month_day_range_year",
        "month_day_rel_year",
        "day_month_rel_year",
    }
)


def _dated_by_next(text: str, end: int, later: list[tuple[int, int, str, re.Match[str]]]) -> bool:
    """Whether a day date follows the weekday ending at ``end``, with only a comma or a bracket between."""
    following = next((f for f in later if f[0] >= end), None)
    return (
        following is not None
        and following[2] in _DAY_KINDS
        and bool(_WEEKDAY_TO_DATE.fullmatch(text[end : following[0]]))
    )


def _span(bounds: tuple[int, int]) -> Span:
    return Span(start=bounds[0], end=bounds[1])


_ABSOLUTE = frozenset(
    {"day_month_year", "month_day_year", "month_year", "year", "month_day_range_year", "month_range_year"}
)


def resolve(mention: DateMention, estimate: str) -> DateMention:
    """``mention`` (as :func:`find` gave it for an undated article) resolved against ``estimate``, marked so.

    The same as the mention ``find(text, None, estimate=estimate)`` gives at its place, without the text: the
    expression is matched again on its own words, and ``mention.future`` stands for the words before it.
    """
    anchor, anchor_kind = _anchor(None, estimate)
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(mention.text)
        if m is None:
            continue
        value, precision = _resolve(kind, m, anchor, mention.future, estimated=anchor_kind == "estimate")
        absolute = kind in _ABSOLUTE
        return dataclasses.replace(
            mention,
            value=_format(value, precision),
            precision=precision,
            anchor=None if absolute or value is None else anchor_kind,
        )
    raise ValueError(f"{mention.text!r} is not a date expression that find() gives")


def month_day(expression: str) -> tuple[int, int] | None:
    """The (month, day) a date expression names, with or without a year ("24 November", "Nov. 24, 2025"), or None
    for any other expression ("on Monday", "in March") or a day no month has ("31 April")."""
    for kind, pattern in _PATTERNS:
        if kind not in _DAY_KINDS:
            continue
        m = pattern.fullmatch(expression)
        if m is not None:
            found = _safe_date(2000, _month(m["m"]), int(m["d"]))  # a leap year: 29 February is a day
            return (found.month, found.day) if found else None
    return None


# Opened by the space (or line break) a boundary starts with, what stands before it tested then (see
# ``cluster.rewrites._NUMBER``): the matches of ``(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z])|\n+``.
_BOUNDARY = re.compile(r"\s(?:(?<=[.!?]\s)\s*(?=[\"“‘(]?[A-Z])|(?<=[.!?][\"”’)]\s)\s*(?=[\"“‘(]?[A-Z])|(?<=\n)\n*)")
# A sentence also ends where a lost space glued the next one to a word's full stop ("stability.A European",
# 'ceasefire."The U.S.'): two small letters before the stop (or one before the stop and its closing mark) and a
# capitalised word after it ("U.S.Army", "e.g.The" are not ends). The boundary is of no width, after the stop.
_GLUED = re.compile(r"[.!?](?:(?<=[a-z][a-z][.!?])|(?<=[a-z][.!?])[\"”’])(?=[A-Z](?:[a-z]|\s))")


QUOTED = 600  # a quotation this long or shorter is cited whole: its sentences are no sentences of their own
# The quotation marks that open or close a quotation: curly ones by their shape, a straight one by where it stands
# (after a space or an opening bracket, before a letter: it opens; after a letter or a stop: it closes).
_OPENS = re.compile(r"“|(?:(?<=^)|(?<=[\s(\[—–-]))\"(?=\S)")
_CLOSES = re.compile(r"”|(?<=\S)\"(?=[\s,.;:!?)\]—–-]|$)")
_MARKS = '“”"\n'


def _in_quotation(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation of at most :data:`QUOTED` characters within one paragraph: the
    nearest quotation mark before it opens one and the nearest after it closes it ('“It is over. We
    lost,” he said': the stop after "over" ends no sentence of the article's own)."""
    lo = max(0, at - QUOTED)
    before = max(text.rfind(mark, lo, at) for mark in _MARKS)
    if before < 0 or text[before] == "\n" or not _OPENS.match(text, before):
        return False
    hi = min(len(text), before + QUOTED)
    after = min((i for i in (text.find(mark, at, hi) for mark in _MARKS) if i >= 0), default=-1)
    return after >= 0 and text[after] != "\n" and _CLOSES.match(text, after) is not None


_LAST_WORD = re.compile(r"[^\W_][\w.'’&-]*\.$")  # the word a full stop ends ("Dr.", "Bros.", "U.S.")


def _after_title(text: str, at: int) -> bool:
    """Whether the boundary at ``at`` follows a full stop that ends no sentence: a title, "Bros.", a month or an
    initial before a word that opens no sentence (:func:`~newsdesk.abbreviations.goes_on`: "the administration of
    Dr. Mohammad Yunus", "to acquire Warner Bros. Discovery", but "... backed Plan B. On 5 December ..." ends), not
    "U.S." or a word's own stop; nor an initial after a capitalised word before a full name ("... voted for Plan B.
    Anna Vell said ..."). A line break always ends one."""
    if text.startswith("\n", at):
        return False
    word = _LAST_WORD.search(text, max(0, at - 24), at)
    if word is None or (
        _A_NAME_AFTER_AN_INITIAL.match(text, at) and _INITIAL_AFTER_A_WORD.search(text, max(0, word.start() - 30), at)
    ):
        return False
    return goes_on(word.group(0), word_after(text, at))


# What a person's name with an initial names when a noun of a place or a body follows it ("John F. Kennedy Center
# for the Performing Arts", "John F. Kennedy Airport was closed", "Michael J. Fox Foundation staff"): one name, no
# sentence's end; nor is one followed by a word of relation ("... Kennedy Center for ...").
_WHAT_A_NAME_IS_OF = (
    "Airport|Center|Centre|Foundation|Library|Memorial|Institute|University|College|School|Hospital|Museum|Stadium|"
    "Bridge|Park|Street|Avenue|Boulevard|Building|Highway|Prize|Award|Trust|Fund|Society|Hall|Square|Station|Jr|Sr"
).split("|")
# An initial after a capitalised word ("Plan B.", "John F.") stands in a name before its surname alone ("John F.
# Kennedy said"); a full name after it, two capitalised words and a word in lower case ("... voted for Plan B. Anna
# Vell said ..."), opens the next sentence. (An initial opening a name, "author F. Scott Fitzgerald said", follows a
# word in lower case: it goes on.)
_INITIAL_AFTER_A_WORD = re.compile(r"\b[A-Z][^\W\d_]+\s+[A-Z]\.$")
_A_NAME_AFTER_AN_INITIAL = re.compile(
    rf"\s+[A-Z][^\W\d_]+\s+(?!(?:{'|'.join(_WHAT_A_NAME_IS_OF)})\b)[A-Z][^\W\d_]+\s+(?!(?:of|for|and|at|in|on|to|by|with)\b)[a-z]"
)


def _ends_sentence(text: str, at: int) -> bool:
    """Whether a boundary :data:`_BOUNDARY` or :data:`_GLUED` finds at ``at`` ends a sentence: one inside a
    quotation (:func:`_in_quotation`) or after a title's stop (:func:`_after_title`) does not."""
    return not _in_quotation(text, at) and not _after_title(text, at)


def _boundaries(text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
    """The spans of the sentence boundaries of ``text[pos:endpos]`` in order: :data:`_BOUNDARY`'s, and an empty
    one after each stop :data:`_GLUED` finds, but for those inside a quotation or after a title's stop
    (:func:`_ends_sentence`)."""
    endpos = len(text) if endpos is None else endpos
    spans = [m.span() for m in _BOUNDARY.finditer(text, pos, endpos)]
    glued = [(m.end(), m.end()) for m in _GLUED.finditer(text, pos, endpos)]
    found = sorted(spans + glued) if glued else spans
    return [span for span in found if _ends_sentence(text, span[0])]


class _Sentences:
    """Every sentence boundary of a text, found once, so each date's sentence is two bisections away: a text
    with no boundary at all made :func:`sentence_around` scan it whole for each date (4.5 s for 100 KB)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        bounds = _boundaries(text)
        self.starts = [s for s, _ in bounds]
        self.ends = [e for _, e in bounds]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """What ``sentence_around(text, start, end)`` gives: the end of the last boundary at or before ``start``,
        and the start of the first one at or after ``end``."""
        i = bisect_right(self.ends, start)
        j = bisect_left(self.starts, end)
        return (self.ends[i - 1] if i else 0), (self.starts[j] if j < len(self.starts) else self.length)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence that contains ``[start, end)``."""
    left = None
    # Look for the last boundary in the 2,000 characters before ``start`` first, and in the whole text only when
    # there is none: a story's timeline calls this for every date of every article, and long texts made the
    # scan from 0 quadratic. endpos reaches past ``start`` so the boundary's look-ahead can see the sentence's
    # first letter.
    for lo in dict.fromkeys((max(0, start - 2000), 0)):
        for _, boundary_end in _boundaries(text, lo, min(len(text), start + 2)):
            if boundary_end <= start:
                left = boundary_end
        if left is not None:
            break
    left = left or 0
    right_match = _BOUNDARY.search(text, end)
    while right_match is not None and not _ends_sentence(text, right_match.start()):
        right_match = _BOUNDARY.search(text, right_match.end())
    right = right_match.start() if right_match else len(text)
    glued = _GLUED.search(text, max(0, end - 2), right)
    while glued is not None and (glued.end() < end or not _ends_sentence(text, glued.end())):
        glued = _GLUED.search(text, glued.end(), right)
    return left, (glued.end() if glued is not None else right)
