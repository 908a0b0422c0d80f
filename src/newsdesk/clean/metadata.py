"""Metadata a plain-text article states in its first lines: title, outlet, date, byline, dateline.

What the text does not state stays ``None``: a date or an outlet is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.clean.boilerplate import is_photo_credit
from newsdesk.dates import MONTH, MONTHS, WEEKDAYS, parse_date
from newsdesk.records import BY_OPENING

__all__ = ["Header", "header"]

_HEADER_LINES = 6
_BYLINE_PARAGRAPHS = 3  # a byline run into its paragraph is read in the first three, under short ones only

_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}$")
_PROMO_OUTLET = re.compile(r"^no time\? (.{1,60}?) summari[sz]es for you\b", re.IGNORECASE)
# "© 2026 Harbour Gazette", "Copyright 2026 X. All rights reserved." — not "Copyright lawyers said …".
_COPYRIGHT = re.compile(
    r"^(?:©|\([cC]\)|[Cc]opyright\s*(?:©|\([cC]\))?\s*(?=\d{4}|©))\s*(?:\d{4}(?:[-–]\d{4})?\s*)?"
    r"([A-Z][^.,;:]{1,58}?)[.,]?(?:\s+[Aa]ll rights reserved\.?)?$"
)
_NAME_WORD = r"(?:[A-Z][a-zà-öø-ÿ]+(?:[-’'][A-Z][a-zà-öø-ÿ]+)?|[A-Z]\.(?:\s?[A-Z]\.)?)"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|le|la|bin|al|el|ter)"
_BYLINE = re.compile(rf"^(?:[Bb]y\s+)?({_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}})$")
# "By Petra Anselm", "By Jane Doe and John Roe, Reuters" — capitalised words only, so "By Monday, all schools
# had reopened." is no byline.
_BY_PREFIXED = re.compile(r"^[Bb]y\s+((?:[A-Z][\w.'’-]*)(?:(?:\s+|,\s*)(?:[A-Z][\w.'’-]*|and|&|de|van|von)){0,7})$")
# Words that make a capitalised line a heading or a title rather than a person's name.
_NOT_NAME_WORDS = frozenset(
    """house minister prime president secretary department council committee office ministry court police
    government parliament congress senate news alarm raise raises warn warns talks stall stalls vote votes
    city state union party army forces bank market markets report reports update world war peace plan deal
    crisis climate security economy budget election elections campaign analysis opinion""".split()
)
_NOT_NAME = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "in",
    "on",
    "for",
    "to",
    "with",
    "new",
    "news",
    "more",
    "related",
    "articles",
    "stories",
    "breaking",
    "live",
    "update",
    "updates",
    "home",
    "world",
    "politics",
    "business",
    "europe",
    "ukraine",
    "russia",
    "america",
    "analysis",
    "opinion",
    "comment",
    "editorial",
    "video",
    "photos",
}
# "Washington: The …", "KYIV (Reuters) — The …": a place, an optional agency, a colon or dash, then the lead; or a
# place in capitals set close to its long dash ("WASHINGTON—The …", "KYIV, Ukraine—Russia …"), as
# ``records.lead_prefix`` reads it.
_DATELINE = re.compile(
    r"^((?:[A-Z][A-Za-z'.-]+)(?:[ ,]+[A-Z][A-Za-z'.-]+){0,2})"
    # The day it was filed, before the agency: "ORSA, N.Y., April 1 (UPI) —", "Orsa, April 1, 2026 —".
    rf"(?:,?\s*{MONTH} \d{{1,2}}(?:,\s*(?:19|20)\d\d)?)?(?:\s*\([^)]{{1,40}}\))?"
    r"(?:\s*(?::|—|–|―|\s-)\s+|\s*(?P<close>[—―]))(?=[A-Z\"“‘'])"
)
_NOT_PLACE = {
    "update",
    "note",
    "editor",
    "photo",
    "image",
    "source",
    "watch",
    "read",
    "related",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "live",
    "warning",
    "summary",
    "correction",
    "video",
}


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata stated in an article's first lines, and the lines that only carried metadata."""

    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    dateline: str | None = None
    consumed: tuple[int, ...] = field(default=())


# Words no author's name holds: "By Monday Morning – The ferries ran again" is a sentence.
_NOT_BYLINE = (
    _NOT_NAME
    | _NOT_NAME_WORDS
    | set(WEEKDAYS)
    | set("morning afternoon evening night".split())
    # "By Christmas Eve –", "By Early March –", "By Election Day –": a time, not an author (April, May, June and
    # August are names too, and are left out).
    | set(
        """eve day days christmas easter new year years week weekend month months today tonight dawn noon midnight
        nightfall daybreak hour hours time then now early late mid end spring summer autumn fall winter""".split()
    )
    | set(MONTHS) - {"april", "may", "june", "august"}
) - {"and"}


_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)


def _byline_opening(paragraph: str) -> str | None:
    """The names of a byline that opens the lead paragraph ("By Ann Roe and Sam Doe/AFP – Crews were ..." gives
    "Ann Roe and Sam Doe"); the agency after the slash is the attributions stage's credit, not an author."""
    m = BY_OPENING.match(paragraph)
    if m is None or any(w.lower().strip(".,") in _NOT_BYLINE for w in m["names"].split()):
        return None
    if any(len(name.split()) < 2 for name in _AND.split(m["names"])):
        return None  # "By Land and Sea –", "By Road, Rail And Sea –": a kicker's words; an author has two names
    return m["names"].rstrip(",")


def _byline(line: str) -> str | None:
    m = _BYLINE.match(line)
    if m and not any(w.lower().strip(".") in _NOT_NAME | _NOT_NAME_WORDS for w in m.group(1).split()):
        return m.group(1)
    m = _BY_PREFIXED.match(line)
    if m and len(m.group(1).split()) <= 8:
        return m.group(1).rstrip(".")
    return None


# A line's last sentence ended by one full stop (not an ellipsis), its closing quotation mark aside.
_FULL_STOP = re.compile(r"[^.\s]\.[\"”’']?\s*$")
TITLE_WORDS = 20  # a headline is rarely longer; a longer line ended by a full stop is a lead's sentence


# "has launched", "have agreed", "has reportedly rejected", "have been lost": the present perfect, a lead's tense. A
# headline drops the auxiliary ("Paramount launches hostile bid"); after a modal ("could have set new legal
# standard", "should have congratulated me") the words are a headline's too.
_PERFECT = re.compile(
    r"(?<!\bcould )(?<!\bshould )(?<!\bwould )(?<!\bmight )(?<!\bmust )(?<!\bmay )(?<!\bwill )(?<!\bnot )"
    r"\b(?:has|have)\s+(?:[a-z]+ly\s+)?(?:[a-z]{2,}ed|been|come|gone|done|made|taken|given|won|lost|become|shown|seen|"
    r"said|told|found|left|held|struck|sold|bought|brought|begun|fallen|risen|grown|written|hit|set|cut)\b"
)
PERFECT_WORDS = 12  # a line in the present perfect this long is a lead's sentence, whatever its length
# A perfect just after a relative or a question word (its subject between at most) is a clause's inside, not the
# line's own verb: "Families who have lost homes ask ...", "What the council has learned from ...", "Everything
# that has happened ..." are headlines ("The firm that runs the port has launched ..." is a lead's sentence).
_CLAUSE_WORD = re.compile(r"\b(?:who|whom|whose|which|that|what|where|when|why|how)\s+(?:[\w'’-]+\s+){0,2}$", re.I)


def _a_lead(line: str, below: str = "") -> bool:
    """Whether a line is one sentence in lower case ended by a full stop that is long or in the present perfect: a
    lead ("HONG KONG: It was a clear autumn afternoon ... from school.", "Veloria has launched a $4 billion bid for
    Orsa Rail, challenging ..."), not a headline, which is shorter, ends without one, drops the auxiliary or
    capitalises its words ("... Quotes Bible to Encourage Indiana to 'Turn Away' from 'Boasters' and 'Blasphemers'
    Like Trump."). A line in the present perfect of at most :data:`TITLE_WORDS` words over a paragraph that opens
    the body (``below``: a dateline, a byline or a date, :func:`_opens_body`) stands above the report's start: a
    headline ("Veloria has won the tender for the Orsa line, say officials." over "By Ann Roe – ..."), never its
    lead."""
    words = line.split()
    if len(words) <= PERFECT_WORDS or _FULL_STOP.search(line) is None:
        return False
    if len(words) <= TITLE_WORDS and (
        (m := _PERFECT.search(line)) is None or _CLAUSE_WORD.search(line[: m.start()]) or _opens_body(below)
    ):
        return False
    return 2 * sum(w[:1].isupper() for w in words) < len(words)


def _opens_body(paragraph: str) -> bool:
    """Whether ``paragraph`` is where a report's body starts: a byline (on its own line or opening the lead), a
    dateline opening the lead ("WASHINGTON (AP) — ...") or a date on its own line. What stands above it is the
    page's head (a headline, a kicker), not the report's first sentence."""
    line = paragraph.strip()
    if not line:
        return False
    return (
        (_BY_PREFIXED.match(line) is not None and _byline(line) is not None)
        or _byline_opening(line) is not None
        or _dateline(line) is not None
        or parse_date(line) is not None
    )


# A second dash before the first stop closes an apposition the first opened ("Mehmet Oz — surgeon and TV star — has
# been ..."): the words before the first dash are the sentence's subject, no place. A dateline in capitals keeps its
# dash ("WASHINGTON — The senator — who ..."), and so does a mixed-case place with its day or agency ("Orsa (AFP) –").
_APPOSITION = re.compile(r"[^.!?]*?\s[—–―]\s")
_DASHES = frozenset("—–―")


def _dateline(line: str) -> str | None:
    m = _DATELINE.match(line)
    if m is None or m.group(1).split()[0].lower().strip(".,") in _NOT_PLACE:
        return None
    if m["close"] and not m.group(1).split()[0].strip(".,").isupper():
        return None  # "Clinton—Trump rivalry ...": a dash set close between names in mixed case joins them
    rest = line[m.end() :]
    bare = _DASHES.intersection(m.group(0)) and not re.search(r"[(\d]", m.group(0))  # no day, no agency
    if bare and _APPOSITION.match(rest) and not m.group(1).split()[0].isupper():
        return None  # "Mehmet Oz — surgeon and TV star — has been called ...": a name and its apposition in dashes
    # A dateline opens a long lead paragraph; "Pat Caddell: Democrat Voters Worried…" is a headline.
    if len(rest.split()) < 25 and not re.search(r"[.!?] [A-Z]", rest):
        return None
    return m.group(1).strip(" ,")


def _is_title(line: str, others: int) -> bool:
    words = len(line.split())
    if others == 0 or len(line) > 300 or words > 40 or is_photo_credit(line):
        return False
    # Several sentences in many words make a lead paragraph; "Virginian could make history. Again." is a headline.
    return words <= TITLE_WORDS or not re.search(r"[a-z]{2}[.!?] [A-Z]", line)


def header(paragraphs: list[str]) -> Header:
    """Read title, outlet, date, byline and dateline from the first paragraphs of a plain-text article."""
    if not paragraphs:
        return Header()
    title = outlet = byline = published = dateline = None
    consumed: list[int] = []
    top = paragraphs[:_HEADER_LINES]
    first = top[0]
    dateline = _dateline(first)
    # "By Alex Roe and Sam Doe" opening the text (its headline not kept) is the byline, never the title.
    if _BY_PREFIXED.match(first.strip()) and (who := _byline(first.strip())) is not None:
        byline = who
        consumed.append(0)
    elif (
        dateline is None
        and _is_title(first, len(paragraphs) - 1)
        and not _a_lead(first.strip(), paragraphs[1] if len(paragraphs) > 1 else "")
    ):
        # A lead the page kept no headline over ("HONG KONG: It was a clear autumn afternoon ... from school.") is
        # the text's first sentence, not its title: the title stays unknown, as the page's own was not kept.
        title = first.strip()
        if title.endswith(";") and len(paragraphs) > 2 and _is_title(paragraphs[1], len(paragraphs) - 2):
            # "Headline;" over a second line: the headline continues with its deck ("A; B").
            title = f"{title} {paragraphs[1].strip()}"
    if dateline is None and title is not None and len(paragraphs) > 1:
        dateline = _dateline(paragraphs[1])  # under the headline: "Harbour board backs plan" over "ORSA (AP) — ..."
    if byline is None:
        byline = _byline_opening(first.strip())
    # Under a kicker, a dateline or a headline ("ANALYSIS" over "By Ann Roe – Crews were ..."): a byline opening one
    # of the next paragraphs, while every paragraph above it is short (a lead's sentences are no kicker).
    for index in range(1, min(_BYLINE_PARAGRAPHS, len(top))):
        if byline is not None or len(top[index - 1].split()) > TITLE_WORDS:
            break
        byline = _byline_opening(top[index].strip())
    for index, line in enumerate(top):
        if index == 0 and (title or dateline or byline):
            continue
        if outlet is None and _DOMAIN.match(line):
            outlet = line
        elif published is None and (when := parse_date(line)) is not None:
            published = when
        elif byline is None and index > 0 and (who := _byline(line)) is not None:
            byline = who
        else:
            continue
        consumed.append(index)
    for line in paragraphs:
        if outlet is None and (m := _PROMO_OUTLET.match(line)):
            outlet = m.group(1).strip()
    for line in paragraphs[-_HEADER_LINES:]:
        if outlet is None and (m := _COPYRIGHT.match(line)):
            outlet = m.group(1).strip()
    return Header(
        title=title,
        outlet=outlet,
        byline=byline,
        published=published,
        dateline=dateline,
        consumed=tuple(consumed),
    )
