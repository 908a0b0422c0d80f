"""Attribution to other media: which outlets an article credits for its reporting (``Article.cites``).

"According to a report in the Telegraph", "a CNN report citing unnamed sources", "told "The Atlantic"
magazine", "writes the Telegraph". A name counts as an outlet when it is a known news organisation or
carries a media word (Gazette, Radio, Times...); people and governments ("according to US officials")
do not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import cast

from newsdesk.extract import gates

__all__ = ["canonical_outlet", "cites", "credits", "outlets", "wire"]

# Known outlets: lower-case variants -> the name used in reports.
_KNOWN = {
    "The Telegraph": ["telegraph", "the telegraph", "daily telegraph", "the daily telegraph"],
    "The Atlantic": ["atlantic", "the atlantic"],
    "The Guardian": ["guardian", "the guardian"],
    "The New York Times": ["new york times", "the new york times", "nyt"],
    "The Washington Post": ["washington post", "the washington post"],
    "The Wall Street Journal": ["wall street journal", "the wall street journal", "wsj"],
    "Financial Times": ["financial times", "the financial times", "ft"],
    "The Economist": ["economist", "the economist"],
    "The Times": ["the times"],
    "The Independent": ["the independent"],
    "Associated Press": ["associated press", "the associated press", "ap"],
    "Agence France-Presse": ["agence france-presse", "afp"],
    "Reuters": ["reuters"],
    "Bloomberg": ["bloomberg", "bloomberg news"],
    "CNN": ["cnn"],
    "BBC": ["bbc", "the bbc", "bbc news"],
    "NBC News": ["nbc", "nbc news"],
    "CBS News": ["cbs", "cbs news"],
    "ABC News": ["abc news"],
    "Fox News": ["fox news", "fox"],
    "MSNBC": ["msnbc"],
    "NPR": ["npr"],
    "Politico": ["politico"],
    "Axios": ["axios"],
    "Al Jazeera": ["al jazeera"],
    "Der Spiegel": ["der spiegel", "spiegel"],
    "Le Monde": ["le monde"],
    "Kyiv Independent": ["kyiv independent", "the kyiv independent"],
    "TASS": ["tass"],
    "RIA Novosti": ["ria novosti"],
    "Interfax": ["interfax"],
    "dpa": ["dpa"],
    "Press Trust of India": ["press trust of india", "pti"],
    "Asian News International": ["asian news international", "ani"],
    "Indo-Asian News Service": ["indo-asian news service", "ians"],
    "Xinhua": ["xinhua", "xinhua news agency"],
    "Kyodo News": ["kyodo", "kyodo news"],
    "Yonhap": ["yonhap", "yonhap news agency"],
    "ANSA": ["ansa"],
    "EFE": ["efe"],
    # Outlets that 2025-26 news credits often and whose names carry no media word ("told NDTV", "told CNN-News18",
    # "according to Al Arabiya"). Left out: names that are also common words or other things ("Dawn", "The Hindu",
    # "Mint", "Nikkei", "The Hill"), and two-letter initials.
    "NDTV": ["ndtv"],
    "CNN-News18": ["cnn-news18", "cnn news18"],
    "News18": ["news18"],
    "India Today": ["india today"],
    "Times Now": ["times now"],
    "Hindustan Times": ["hindustan times", "the hindustan times"],
    "The Times of India": ["times of india", "the times of india"],
    "Firstpost": ["firstpost"],
    "WION": ["wion"],
    "Prothom Alo": ["prothom alo"],
    "bdnews24.com": ["bdnews24", "bdnews24.com"],
    "Al Arabiya": ["al arabiya"],
    "Anadolu Agency": ["anadolu agency", "anadolu"],
    "IRNA": ["irna"],
    "Tasnim": ["tasnim", "tasnim news agency"],
    "KCNA": ["kcna"],
    "Bernama": ["bernama"],
    "NHK": ["nhk"],
    "CNBC": ["cnbc"],
    "Newsweek": ["newsweek"],
    "Semafor": ["semafor"],
    "Euronews": ["euronews"],
    "France 24": ["france 24"],
    "Deutsche Welle": ["deutsche welle"],
    "Haaretz": ["haaretz"],
    "Ukrainska Pravda": ["ukrainska pravda"],
    "Ukrinform": ["ukrinform"],
    "Meduza": ["meduza"],
    "Kommersant": ["kommersant"],
    "Izvestia": ["izvestia"],
    "Le Figaro": ["le figaro"],
    "El País": ["el país", "el pais"],
    "Corriere della Sera": ["corriere della sera"],
}
# The small words a known outlet's name may hold in lower case ("Times of India", "Corriere della Sera"); its other
# words are capitalised in running text: "India today announced" or "at times now" name no outlet.
_NAME_SMALL_WORDS = frozenset({"of", "the", "de", "della", "al", "el", "le"})
_ALIASES = {variant: name for name, variants in _KNOWN.items() for variant in variants}
_MEDIA_WORDS = re.compile(
    r"\b(?:Gazette|Times|Post|Radio|News|Herald|Tribune|Journal|Daily|Press|Agency|TV|Television|Channel|"
    r"Chronicle|Observer|Telegraph|Express|Mirror|Standard|Globe|Courier|Record|Review|Weekly|Magazine|"
    r"Media|Broadcasting|Wire|Ledger|Digest|Bulletin|Dispatch|Sentinel|Monitor|Examiner|Gazeta|Zeitung|Nachrichten)\b"
)

# A capitalised word may hold dots ("U.S") but never end on one: "Bloomberg. This" is two sentences.
_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
_NAME = rf"(?:{_WORD})(?:[ ]+(?:{_WORD}|de|of|the|al)){{0,4}}"
_OUTLET = rf"(?:the\s*|The\s+)?[\"“]?(?P<name>{_NAME})[\"”]?"
_REPORT_WORDS = (
    "report",
    "article",
    "story",
    "investigation",
    "analysis",
    "interview",
    "exclusive",
    "piece",
    "broadcast",
)
_REPORT = f"(?:{'|'.join(_REPORT_WORDS)})"
_STAFF_WORDS = (
    "photographer",
    "photojournalist",
    "cameraman",
    "camerawoman",
    "correspondent",
    "reporter",
    "journalist",
)
_STAFF = f"(?:{'|'.join(_STAFF_WORDS)})"
_PICTURE_WORDS = (
    "photograph",
    "photo",
    "picture",
    "footage",
    "video",
)
_PICTURE = f"(?:{'|'.join(_PICTURE_WORDS)})"
_SEEN = (
    r"(?:said|says|told|tells|reported|reports|wrote|writes|saw|sees|witnessed|counted|captured|photographed|filmed)"
)
_PATTERNS = [
    re.compile(
        rf"\b[Aa]ccording to (?:a |an |the )?(?:new |recent |latest |separate )?{_REPORT} "
        rf"(?:in|by|from|of|on) {_OUTLET}"
    ),
    re.compile(rf"\b(?:a|an|the|A|An|The) (?P<name>{_NAME}) {_REPORT}\b"),
    re.compile(
        rf"\b(?:[Aa]s )?(?:reported|revealed|first reported|cited) by (?:the )?(?:[\w-]+ )?"
        rf"(?:(?:newspaper|magazine|broadcaster|outlet|daily|website|agency) )?{_OUTLET}"
    ),
    re.compile(rf"\b(?:writes|wrote|reports|reported|said|says|quoted|cited) {_OUTLET}"),
    re.compile(rf"(?:^|(?<=[.!?] )|(?<=\n)){_OUTLET} (?:reported|reports|has reported|wrote|writes|revealed)\b"),
    re.compile(rf"\b(?:told|briefed) {_OUTLET}"),
    re.compile(rf", {_OUTLET} (?:reported|reports|said|says|wrote|writes)\b"),
    re.compile(rf"\b(?:reports?|reporting) (?:from|by|in) {_OUTLET}(?:,? and {_OUTLET.replace('name', 'second')})?"),
    # A wire dateline credits the agency: "VESSA, June 16 (MPA) - ...", "Vessa, Jun 16 (MPA) The ...",
    # "Vessa [Corvania], June 16 (MPA): ...", and a city in capitals with its region as the AP writes it:
    # "KESTROVA, Veloria (AP) — ...", "PORT ILSE, Upper Orla, June 16 (UPI) — ...".
    re.compile(
        r"^[A-Z][A-Z .'-]+(?:, [A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3})?(?:,? [A-Z][a-z]+\.? \d{1,2})?"
        r" \((?P<agency>[A-Z][A-Za-z&.-]{1,20})\) [-—–]",
        re.M,
    ),
    re.compile(
        r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?: \[[^\]\n]{1,30}\])?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?,? "
        r"\((?P<agency>[A-Z]{2,6})\)(?=[ :—–-])",
        re.M,
    ),
    # A paragraph that opens with the agency alone credits it, as a wire dateline does: "(CNN) — The world ...",
    # "(MPA) - Talks ...", the way a network's affiliates run its reports. Initials, or a known outlet's name.
    # Or after the day alone: "Dec 29 (Reuters) - ...".
    re.compile(r"^(?:[A-Z][a-z]{2,8}\.? \d{1,2} )?\((?P<agency>[A-Z]{2,6}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\) [-—–]", re.M),
    # A byline with its agency, opening the text's paragraph: "By Holmes Chan and Tommy Wang/AFP – Firefighters ...".
    re.compile(r"^[Bb]y [A-Z][^\n/]{1,80}/\s*(?P<agency>[A-Z][A-Za-z&.-]{1,20})\s*[-—–]", re.M),
    # A credit line: "[Source: Ledger Wire]", "Source: Veloria Ledger".
    re.compile(rf"^[ \t]*[\[(]?[Ss]ource:[ \t]*{_OUTLET}", re.M),
    re.compile(
        rf"\b(?:[Aa]ccording to|[Cc]iting|[Qq]uoted by|[Ii]n an interview with|[Ss]peaking to|"
        rf"(?:spoke|speaks|talked|talking) (?:to|with)) {_OUTLET}"
    ),
    # The outlet's own staff reporting, or its pictures: "Reuters photographer Tyrone Siu said", "captured by
    # Reuters photographer Tyrone Siu", "told a Politico reporter", "captured in a Reuters photograph": what the
    # text tells of them comes from that outlet. Staff who are the news ("a CNN reporter coordinated with the
    # campaign") credit nobody.
    re.compile(rf"\b(?P<name>{_NAME}) {_STAFF}s?(?: {_WORD}){{0,3}},? {_SEEN}\b"),
    re.compile(rf"\b(?i:{_SEEN}|taken|shot|recorded|told|to) (?:by )?(?:a |an |the )?(?P<name>{_NAME}) {_STAFF}"),
    re.compile(rf"\b(?:a|an|the|A|An|The) (?P<name>{_NAME}) {_PICTURE}s?\b"),
]


# Words a text must hold for each of ``_PATTERNS`` to match in it (none: it is always tried), as the patterns
# write them (case and spaces): most texts hold none of the rarer ones, whose patterns then need no pass over them.
_STAFFED = tuple(f" {w}" for w in _STAFF_WORDS)
_NEEDS: tuple[tuple[str, ...], ...] = (
    ("ccording to ",),
    tuple(f" {w}" for w in _REPORT_WORDS),
    ("ed by ",),  # reported, revealed, first reported, cited
    (),
    (" reported", " reports", " wrote", " writes", " revealed"),
    ("told ", "briefed "),
    (),
    ("report",),
    (),
    (),
    (") -", ") —", ") –"),
    ("/",),
    (),
    (
        "ccording to ",
        "iting ",
        "uoted by ",
        "n an interview with ",
        "peaking to ",
        "spoke ",
        "speaks ",
        "talked ",
        "talking ",
    ),
    _STAFFED,
    _STAFFED,
    tuple(f" {w}" for w in _PICTURE_WORDS),
)

# A text's first two paragraphs (blank lines aside): where a wire copy's dateline stands.
_LEAD = re.compile(r"\s*[^\n]*(?:\n(?:\s*\n)*[^\n]*)?")
_DASHES = frozenset(":—–-")
_AGENCY_END = re.compile(r"[A-Za-z&.-]*\)?\s*")
# The patterns that credit a whole text rather than a sentence of it (:func:`wire`): a dateline's agency, an agency
# opening a paragraph or closing a byline, and a credit line.
_DATELINES = frozenset(i for i, p in enumerate(_PATTERNS) if "agency" in p.groupindex)
_CREDIT_LINES = frozenset(i for i, p in enumerate(_PATTERNS) if "[Ss]ource:" in p.pattern)

# Where a match of the patterns that open with ``\b`` and words can start (``gates``): at those words, found by a
# pattern that opens with literals, or a letter before them ("[Aa]ccording to", "[Cc]iting"), or a word and a space
# before them ("[Aa]s reported by"). The others are searched for whole.
_CASED = tuple("AaCcQqIiSs")


def _gated(gate: str, words: tuple[str, ...] = (), glued: tuple[str, ...] = ()) -> Callable[[str], list[int]]:
    compiled = re.compile(gate)
    return functools.partial(gates.preceded, compiled, words, glued=glued)


_GATES: tuple[Callable[[str], list[int]] | None, ...] = (
    _gated("ccording to ", glued=("A", "a")),
    None,
    _gated("(?:reported|revealed|first reported|cited) by ", ("As", "as")),
    _gated("(?:writes|wrote|reports|reported|said|says|quoted|cited) "),
    None,
    _gated("(?:told|briefed) "),
    None,
    _gated("report"),
    None,
    None,
    None,
    None,
    None,
    _gated("(?:ccording to|iting|uoted by|n an interview with|peaking to|spoke|speaks|talked|talking) ", glued=_CASED),
    None,
    None,
    None,
)


def canonical_outlet(name: str) -> str | None:
    """The outlet's report name when ``name`` is a news outlet, else None."""
    cleaned = re.sub(r"^(?:the\s*)", "", name.strip(" \"“”'’"), flags=re.IGNORECASE)
    cleaned = re.sub(
        r"\s+(?:magazine|newspaper|daily|broadcaster|news agency|website|tv|radio)$",
        "",
        cleaned,
        flags=re.IGNORECASE,
    ).strip()
    if not cleaned:
        return None
    key = cleaned.lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if ("the " + key) in _ALIASES:
        return _ALIASES["the " + key]
    # "Harbour Gazette" is an outlet; "Radio" or "the Times of the day" alone is not a name.
    if _MEDIA_WORDS.search(cleaned) and len(cleaned.split()) >= 2:
        return cleaned
    return None


def _slug(name: str) -> str:
    """A comparable key: "Radio Caldera", "radiocaldera.example" and "The Radio Caldera" all give "radiocaldera"."""
    name = re.sub(r"\.[a-z]{2,24}$", "", name.strip().lower())
    name = re.sub(r"^(?:www\.|the\s*)", "", name)
    return re.sub(r"[^a-z0-9]", "", name)


def _candidates(name: str) -> list[str]:
    """The name, then shorter prefixes of it: "CNN Tuesday" -> "CNN Tuesday", "CNN"."""
    words = name.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _by_first_letter(variants: list[str]) -> str:
    """An alternation of ``variants`` (in the order given) grouped by their first character, each group in that
    order: it matches what the flat one does (the first variant that fits, as only one group can start a match),
    but tries a group per letter rather than every variant at each place a word starts."""
    groups: dict[str, list[str]] = {}
    for v in variants:
        groups.setdefault(v[0].lower(), []).append(v)
    starts = "".join(re.escape(k) for k in sorted(groups))
    return (
        rf"(?=[{starts}])(?:"
        + "|".join(f"{re.escape(k)}(?:{'|'.join(re.escape(v[1:]) for v in g)})" for k, g in groups.items())
        + ")"
    )


# Any known outlet named in running text; a glued article ("theTelegraph") is part of the name as written. The
# longest first (as escaped), so that "bbc news" is read whole.
_NAMED = re.compile(
    r"(?<![\w-])(?:the(?=[A-Z]))?"
    + _by_first_letter(
        sorted((v for v in _ALIASES if not v.startswith("the ")), key=lambda v: len(re.escape(v)), reverse=True)
    )
    + r"(?![\w-])",
    re.IGNORECASE,
)


def outlets(text: str) -> list[tuple[int, int, str]]:
    """Every known outlet named in ``text``: ``(start, end, report name)``, as written, in text order.

    A short name counts only in capitals ("AP", "FT", not "ap"); others need a capital first letter.
    """
    return list(_outlets(text))


# The quotes stage asks it of each article twice (its mentions, then its quotes): the last few texts are kept.
@functools.lru_cache(maxsize=4)
def _outlets(text: str) -> tuple[tuple[int, int, str], ...]:
    found = []
    for match in _NAMED.finditer(text):
        written = match.group()
        bare = written[3:] if written.startswith("the") and written[3:4].isupper() else written
        if not bare[:1].isupper() or (len(bare) <= 3 and not bare.isupper()):
            continue
        if " " in bare and any(w[:1].islower() for w in bare.split()[1:] if w not in _NAME_SMALL_WORDS):
            continue  # "India today", "Times now": words, not the outlet's name
        name = _ALIASES.get(bare.lower())
        if name:
            found.append((match.start(), match.end(), name))
    return tuple(found)


def wire(text: str, *, own_outlet: str | None = None) -> str | None:
    """The outlet whose report the whole of ``text`` is, as wire copy credits it: in one of its first two
    paragraphs, a dateline's agency, an agency alone opening it or a byline's ("DUBAI, United Arab Emirates (AP) —
    ...", "(CNN) — ...", "By Ada Roe/AFP – ..."), else a credit line ("[Source: Reuters]", "Source: Qatar Tribune"
    on a line of its own); the first of them, or None.
    A credit inside a sentence ("told Reuters", "according to the Telegraph") credits that sentence's report."""
    lead = text[: cast(re.Match[str], _LEAD.match(text)).end()]  # (it matches any text)
    for position, outlet in _credits(lead, own_outlet, _DATELINES):
        start = lead.rfind("\n", 0, position) + 1
        after = cast(re.Match[str], _AGENCY_END.match(lead, position)).end()
        # A dateline or byline: the agency after a day, or before a dash or colon ("(PTI):", "(AP) —", "/AFP –"),
        # not a name's initials ("Indian Naval Services (INS) Mysore").
        if any(c.isdigit() for c in lead[start:position]) or lead[after : after + 1] in _DASHES:
            return outlet
    lines = _credits(text, own_outlet, _CREDIT_LINES) if "ource:" in text else ()
    return lines[0][1] if lines else None


def cites(text: str, *, own_outlet: str | None = None) -> tuple[str, ...]:
    """Outlets that ``text`` credits for its reporting, in order of first mention, without duplicates."""
    seen: dict[str, int] = {}
    for position, outlet in credits(text, own_outlet=own_outlet):
        seen.setdefault(outlet, position)
    return tuple(seen)


def credits(text: str, *, own_outlet: str | None = None) -> list[tuple[int, str]]:
    """Each place ``text`` credits an outlet for its reporting: ``(position, outlet)``, in text order."""
    return list(_credits(text, own_outlet))


# The cites stage and the quotes stage each ask it of every article, one after the other over a chunk of the run
# (500 articles, spread over the workers): the last chunk's texts are kept, so that a process asked twice for an
# article works it out once.
@functools.lru_cache(maxsize=512)
def _credits(text: str, own_outlet: str | None, only: frozenset[int] | None = None) -> tuple[tuple[int, str], ...]:
    # ``only``: by these of the patterns alone (their indexes).
    found: list[tuple[int, str]] = []
    own = _slug(own_outlet) if own_outlet else None
    own_initials = "".join(w[0] for w in own_outlet.split() if w[:1].isupper()) if own_outlet else ""
    for index, (pattern, needs) in enumerate(zip(_PATTERNS, _NEEDS, strict=True)):
        if (only is not None and index not in only) or (needs and not any(map(text.__contains__, needs))):
            continue
        found_by = _GATES[index]
        for match in pattern.finditer(text) if found_by is None else gates.matches(pattern, found_by(text), text):
            if "second" in pattern.groupindex and match.group("second"):
                second = canonical_outlet(match.group("second"))
                if second and _slug(second) != own:
                    found.append((match.start("second"), second))
            if "agency" in pattern.groupindex:
                # A wire dateline's agency initials ("(MPA)") are kept as written, unless they are ours; a known
                # agency's are read as its name, as it is elsewhere ("told PTI", "told AP").
                agency = match.group("agency")
                if agency not in {own_initials, own_outlet}:
                    known = _ALIASES.get(agency.lower())
                    if known or agency.isupper():  # "(Updated) —" names no agency
                        found.append((match.start("agency"), known or agency))
                continue
            for candidate in _candidates(match.group("name")):
                outlet = canonical_outlet(candidate)
                if outlet and _slug(outlet) != own:
                    found.append((match.start("name"), outlet))
                    break
    return tuple(sorted(set(found)))
