"""Categorical slots of a claim: what it says a named person or place *is*, where a value is a word, not a number.

Two reports may give one fact's slot two values that cannot both hold: a person "sacked" or "suspended", "in hiding"
or "in custody", a place "evacuated" or "operating normally", a defendant "pardoned" or "sentenced to five years".
:func:`read` finds such slots in a claim's sentence by patterns of news English, each with the name it is about (the
subject before the verb, across an aside set off by commas; or the object a verb or "the sacking of" names), and
:func:`exclusive` says which two values of one kind exclude each other. The lists are small and closed, and a pair
is listed only when it never holds at once of one subject at one moment:

- ``standing`` (a person's post after an act against them): sacked (fired, dismissed) / suspended.
- ``whereabouts`` (where a person is): in hiding / in custody; at large (on the run, a fugitive) / in custody. A
  named country is no value: one can hide in a country ("in hiding in India"), so "in hiding" and "in India" are
  no pair.
- ``state`` (a named place): evacuated / operating normally ("closed" is left out: a closed primary, a deal or a
  case closed).
- ``sentence`` (what a court gave a person): pardoned or acquitted / a punishment (death, life, a prison term).
  Two punishments are never a pair: one trial's counts may carry a death sentence and a life term at once.

A slot is read only where its own clause says it plainly: no negation, hedge, request or condition ("demanded the
sacking of", "could be suspended", "was not evacuated", "is believed to be in hiding"). Read from the text alone and
remembered by it (copies repeat sentences); comparing two claims' slots, with their events, days and origins, is
:mod:`newsdesk.claims.contradict`'s.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from newsdesk.claims import values
from newsdesk.dates import MONTHS, WEEKDAYS

__all__ = ["KINDS", "Slot", "exclusive", "one_subject", "read", "sort_of", "worded"]


@dataclass(frozen=True, slots=True)
class Slot:
    """One categorical slot of a claim: its ``kind``, the ``subject`` it is about (the name as written), its value in
    a normal form (``value``: "sacked", "hiding", "normal", "pardon", "5") and as written (``text``), and
    the value's span, counted from the claim's start."""

    kind: str
    subject: str
    value: str
    text: str
    start: int
    end: int


KINDS = ("standing", "whereabouts", "state", "sentence")

_PUNISHED = "punished"  # the class of "death", "life" and a prison term's years: what a pardon or an acquittal is not
_EXCLUSIVE = {
    "standing": frozenset({frozenset({"sacked", "suspended"})}),
    "whereabouts": frozenset({frozenset({"hiding", "custody"}), frozenset({"at large", "custody"})}),
    "state": frozenset({frozenset({"evacuated", "normal"})}),
    "sentence": frozenset({frozenset({"pardon", _PUNISHED}), frozenset({"acquitted", _PUNISHED})}),
}


def sort_of(kind: str, value: str) -> str:
    """The sort of value ``value`` is among a kind's (a punishment of any term; a named country; else the value
    itself): what :func:`exclusive` compares."""
    if kind == "sentence" and value not in ("pardon", "acquitted"):
        return _PUNISHED
    return value


def exclusive(kind: str, a: str, b: str) -> bool:
    """Whether two values of one kind of slot cannot both hold of one subject at one moment."""
    x, y = sort_of(kind, a), sort_of(kind, b)
    return frozenset({x, y}) in _EXCLUSIVE.get(kind, frozenset())


# A name: capitalised words, with the small words names hold between them ("Director of International Cricket Usman
# Wahla", "Chowdhury Abdullah Al-Mamun"), or a phrase in quotation marks ("green zone").
_CAP = r"[A-Z][\w'’.-]*"
_NAME = rf"{_CAP}(?:\s+(?:(?:of|al|bin|de|da|del|van|von)\s+)?{_CAP})*"
_QUOTED = r"[\"“‘][^\"“”‘’]{2,40}[\"”’]"
# What may stand between a subject and its verb: a form of "be" or "remain", and an adverb.
_BE = r"(?:is|was|are|were|has been|have been|had been|remains|remained|is now|was now)"
# A post is one person's: "was sacked", never "were fired" ("Shots were fired", "Shots have been fired").
_ONE = r"(?:is|was|has been|had been)"
_ADVERB = r"(?:(?:also|still|now|then|briefly|partly|partially|quickly|later|since|temporarily|subsequently|"
_ADVERB += r"immediately|duly)\s+)?"
# A title in lower case before a name a verb acts on ("sacked coach Pela Orrin", "fired its chief executive Ana
# Ruiz"): a determiner, a word, then a word of a post; never any lower-case words ("fired inside the Inland ...").
_POSTS = (
    "coach|manager|director|chief|minister|secretary|chairman|chairwoman|chair|head|captain|president|official|"
    "executive|editor|anchor|host|presenter|adviser|advisor|aide|spokesman|spokeswoman|spokesperson|commissioner|"
    "general|commander|officer|inspector|superintendent|referee|umpire|selector|analyst|producer|columnist|"
    "correspondent|deputy|treasurer|governor|ambassador|envoy|prosecutor|judge|player|striker|goalkeeper"
)
_TITLE = rf"(?:(?:the|its|his|her|their)\s+)?(?:[a-z]+\s+)?(?:{_POSTS})\s+"
_NUM = "(?:\\d{1,2}|" + "|".join(sorted(values.SMALL, key=len, reverse=True)) + ")"

_FORMS: dict[str, list[re.Pattern[str]]] = {
    # The subject comes before the verb (the text before the match is read for it: :func:`_subject_before`).
    "before": [
        re.compile(
            rf"\b{_ONE}\s+{_ADVERB}(?P<standing>sacked|fired|dismissed|suspended)\b"
            r"(?!\s+(?:sentence|jail|prison|as\s+(?:a|an|mere|just|nothing)\b))"  # "dismissed as a fantasist": derided
        ),
        re.compile(
            rf"\b(?:{_BE}|went|has gone|had gone|is living|lives)\s+{_ADVERB}"
            r"(?P<whereabouts>in hiding|into hiding|on the run|at large|in custody|in detention|in jail|in prison|"
            r"behind bars|a fugitive)\b"
        ),
        re.compile(r",\s+(?:also\s+|still\s+)?(?P<whereabouts>a fugitive|in hiding|in custody|on the run|at large),"),
        re.compile(rf"\b{_BE}\s+{_ADVERB}(?P<state>evacuated)\b"),
        re.compile(
            rf"\b{_BE}\s+{_ADVERB}(?P<normal>operating|functioning|working|running)\s+(?:normally|as normal|as usual)\b"
        ),
        re.compile(
            rf"\b{_BE}\s+{_ADVERB}sentenced\s+to\s+(?P<sentence>death|life(?:\s+imprisonment|\s+in\s+prison)?|"
            rf"(?P<years>{_NUM})\s+years?['’]?s?['’]?\s+(?:imprisonment|in prison|in jail|jail|of imprisonment|"
            r"rigorous imprisonment))\b"
        ),
        re.compile(
            rf"\b(?:{_BE}\s+{_ADVERB}(?:given|handed|awarded)|received|got)\s+(?:a|an)\s+(?:(?P<years2>{_NUM})[- ]year"
            r"\s+(?:prison|jail)\s+(?:term|sentence)|(?P<sentence2>life|death)\s+sentence)\b"
        ),
        re.compile(rf"\b{_BE}\s+{_ADVERB}(?P<pardon>pardoned|granted a pardon|granted a presidential pardon)\b"),
        re.compile(
            rf"\b{_BE}\s+{_ADVERB}(?P<acquitted>acquitted|cleared of all charges)\b"
            r"(?!\s+(?:of|on)\s+(?!all\b))"  # "acquitted of murder" may go with a sentence for another charge
        ),
    ],
    # The subject follows the verb: "suspended Director of International Cricket Usman Wahla", "the sacking of Walha".
    "after": [
        re.compile(rf"\b(?P<standing>sacked|fired|suspended)\s+(?:{_TITLE})?(?P<name>{_NAME})"),
        re.compile(rf"\bthe\s+(?P<noun>sacking|firing|dismissal|suspension)\s+of\s+(?P<name>{_NAME})"),
    ],
}
_NORMAL = {
    "fired": "sacked",
    "dismissed": "sacked",
    "sacking": "sacked",
    "firing": "sacked",
    "dismissal": "sacked",
    "suspension": "suspended",
    "in hiding": "hiding",
    "into hiding": "hiding",
    "on the run": "at large",
    "a fugitive": "at large",
    "in custody": "custody",
    "in detention": "custody",
    "in jail": "custody",
    "in prison": "custody",
    "behind bars": "custody",
}
# Words in the slot's clause before it that make it no plain statement of fact: a negation, a hedge, a request, a
# condition or a future ("demanded the sacking of", "could be suspended", "is believed to be in hiding").
_UNSURE = re.compile(
    r"\b(?:not|never|no|nor|n't|cannot|deny|denies|denied|denying|reject\w*|rumou?r\w*|would|could|might|may|should|"
    r"shall|will|must|if|whether|unless|allegedly|believed|thought|expected|likely|unlikely|plan\w*|threat\w*|"
    r"demand\w*|call(?:s|ed|ing)? for|urg\w*|sought|seek\w*|request\w*|want\w*|ask\w*|fear\w*|wish\w*|hope\w*|"
    r"propos\w*|consider\w*|recommend\w*|vow\w*|promis\w*|tipped|set to|poised|claim(?:s|ed|ing)?|retract\w*|"
    r"(?:reports?|suggestions?|speculation|rumou?rs?|allegations?)\s+that)\b|"
    r"n't\b",
    re.IGNORECASE,
)
# What ends a clause, back from a slot: a sentence's or a clause's punctuation, a conjunction joining two clauses.
_CLAUSE = re.compile(
    r"[.;:!?\u2013\u2014]|,\s+(?:while|but|and|although|though|whereas)\b|\b(?:while|but|whereas)\b", re.IGNORECASE
)
_ASIDE = re.compile(r",[^,]{1,120},\s*$")  # ", who was in court and had pleaded guilty," before the verb
# A name may stand before a noun of a place it names ("a 'green zone' area", "the Carvel market hall"); before any other
# noun it modifies it ("a Univision host was fired": the host was).
_PLACE_NOUNS = (
    "area|zone|site|venue|building|complex|hall|centre|center|pavilion|district|estate|camp|compound|office|"
    "headquarters|stadium|arena|airport|station|terminal|hospital|school|campus|market|mall|tower|towers|plant"
)
_NAME_AT_END = re.compile(
    rf"(?<![\w'’.-])(?:(?P<name>{_NAME})|(?P<quoted>{_QUOTED}))(?:\s+(?:{_PLACE_NOUNS}))?\s*[\"”’]?\s*$"
)
# A name after one of these is inside its subject, not the subject ("the conference in Belém was evacuated").
_INSIDE = re.compile(
    r"\b(?:in|of|at|on|from|near|for|with|by|to|into|inside|outside|across|over|under|between|against|about|"
    r"around|behind|beyond|within)\s+(?:(?:the|a|an)\s+)?$",
    re.IGNORECASE,
)
# Words before a name in its clause that make it the object of a clause of its own ("the bullet that killed X", "the
# first shot to hit X"): the verb's subject is then another. A "that" right before the name opens what is said of
# it ("the court heard that X is in custody").
_OWN_CLAUSE = re.compile(r"\b(?:that|which|who|whom|to)\s+[a-z]")
# Capitalised words that open a sentence or a title and name no one.
_NO_NAME = frozenset(
    "the a an this that these those former ex late then acting interim meanwhile separately earlier later also "
    "however but and while mr mrs ms dr he she it they we i you his her its their this dozens hundreds thousands "
    "millions scores several many some most all both".split()
) | frozenset(w.casefold() for w in (*WEEKDAYS, *MONTHS))
_NEEDED = re.compile(
    r"sack|fired|dismiss|suspen|hiding|on the run|at large|custody|detention|jail|prison|behind bars|fugitive|remain|"
    r"who is|who was|exile|evacuat|normally|as usual|sentenc|pardon|acquit|cleared of",
    re.IGNORECASE,
)
# Words that may follow the name a verb acts on ("suspended Usman Wahla after ..."): any other lower-case word shows
# the name modifies a noun ("suspended Twitter accounts").
_ENDS_NOUN_AFTER = frozenset(
    "after over for on in and as from with at by amid following last this pending until without because due during "
    "who whose which indefinitely immediately today yesterday earlier effective but while".split()
)


@functools.lru_cache(maxsize=8192)
def read(text: str) -> tuple[Slot, ...]:
    """The categorical slots of a claim's ``text``, in text order (spans from the text's start)."""
    if not _NEEDED.search(text):
        return ()
    found: list[Slot] = []
    for pattern in _FORMS["before"]:
        for m in pattern.finditer(text):
            kind, value, start, end = _value(m)
            if kind is None:
                continue
            subject = _subject_before(text, m.start(), quoted=kind == "state")
            if subject is None or _unsure(text, subject[1], m.start()):
                continue
            found.append(Slot(kind, subject[0], value, text[start:end], start, end))
    for pattern in _FORMS["after"]:
        for m in pattern.finditer(text):
            name = _object(m["name"], text[m.end("name") :])
            if name is None or _unsure(text, m.start(), m.start()):
                continue
            verb = "standing" if "standing" in pattern.groupindex else "noun"
            word = m[verb].casefold()
            found.append(Slot("standing", name, _NORMAL.get(word, word), m[verb], *m.span(verb)))
    return tuple(sorted({s for s in found if not _both_told(text, s, found)}, key=lambda s: (s.start, s.kind)))


# The words of each sort of value of a kind, wherever they stand in a sentence, plainly or not.
_TOLD = {
    ("standing", "sacked"): re.compile(r"\b(?:sack\w*|fired|firing|dismiss(?:ed|al))\b", re.IGNORECASE),
    ("standing", "suspended"): re.compile(r"\bsuspen(?:ded|sion)\b", re.IGNORECASE),
    ("sentence", "pardon"): re.compile(r"\bpardon\w*", re.IGNORECASE),
    ("sentence", "acquitted"): re.compile(r"\b(?:acquit\w*|cleared of)\b", re.IGNORECASE),
    ("sentence", _PUNISHED): re.compile(r"\b(?:sentenced|imprison\w*|prison|jail\w*)\b", re.IGNORECASE),
    ("whereabouts", "hiding"): re.compile(r"\bhiding\b", re.IGNORECASE),
    ("whereabouts", "custody"): re.compile(
        r"\b(?:custody|detention|detained|arrested|jail|prison|behind bars)\b", re.IGNORECASE
    ),
    ("whereabouts", "at large"): re.compile(r"\b(?:on the run|at large|fugitive|fled|escaped)\b", re.IGNORECASE),
    ("state", "evacuated"): re.compile(r"\bevacuat\w*", re.IGNORECASE),
    ("state", "normal"): re.compile(r"\b(?:normally|as normal|as usual)\b", re.IGNORECASE),
}


def worded(kind: str, value: str, text: str) -> bool:
    """Whether ``text`` holds, anywhere and however put, a word of ``value``'s sort of ``kind`` ("sacking" of
    "sacked"; "sentenced" or, of a death sentence, "death"): a reading looser than :func:`read`'s, for a text that
    may tell a value the patterns do not foresee ("handed down a death sentence to X")."""
    pattern = _TOLD.get((kind, sort_of(kind, value)))
    if pattern is not None and pattern.search(text):
        return True
    return value in ("death", "life") and re.search(rf"\b{value}\b", text, re.IGNORECASE) is not None


def _both_told(text: str, slot: Slot, found: list[Slot]) -> bool:
    """Whether ``text`` words, anywhere, a value that excludes ``slot``'s and is no slot of another subject read in
    it: it tells both ("was suspended on Monday and sacked on Friday", "acquitted of murder but sentenced to five
    years for fraud", "had been in hiding until she was arrested"), a sequence or two counts the sentence itself
    sets apart; such a slot is no one value. ("X is a fugitive, while Y is in custody" tells one value of each.)"""
    mine = sort_of(slot.kind, slot.value)
    others = [(s.start, s.end) for s in found if not one_subject(s.subject, slot.subject)]
    return any(
        not any(start <= m.start() and m.end() <= end for start, end in others)
        for (kind, sort), pattern in _TOLD.items()
        if kind == slot.kind and sort != mine and exclusive(kind, mine, sort)
        for m in pattern.finditer(text)
    )


def _value(m: re.Match[str]) -> tuple[str | None, str, int, int]:
    """(kind, normal value, start, end) of a match of a "before" form; kind None where it gives no slot."""
    groups = {k: v for k, v in m.groupdict().items() if v}
    if "standing" in groups:
        word = groups["standing"].casefold()
        return "standing", _NORMAL.get(word, word), *m.span("standing")
    if "whereabouts" in groups:
        word = " ".join(groups["whereabouts"].casefold().split())
        return "whereabouts", _NORMAL.get(word, word), *m.span("whereabouts")
    if "state" in groups:
        word = groups["state"].casefold()
        return "state", _NORMAL.get(word, word), *m.span("state")
    if "normal" in groups:
        return "state", "normal", m.start("normal"), m.end()
    if "pardon" in groups:
        return "sentence", "pardon", *m.span("pardon")
    if "acquitted" in groups:
        return "sentence", "acquitted", *m.span("acquitted")
    years = groups.get("years") or groups.get("years2")
    if years:
        n = values.number(years)
        if n is None:
            return None, "", 0, 0
        group = "sentence" if "years" in groups else "years2"
        start = m.start(group)
        return "sentence", str(int(n)), start, m.end()
    word = (groups.get("sentence") or groups.get("sentence2") or "").casefold()
    if not word:
        return None, "", 0, 0
    group = "sentence" if "sentence" in groups else "sentence2"
    return "sentence", "death" if word == "death" else "life", m.start(group), m.end()


def _subject_before(text: str, at: int, *, quoted: bool = False) -> tuple[str, int] | None:
    """The name a verb at ``at`` is said of, and where it starts: the last name (capitalised words; with ``quoted``,
    words in quotation marks too: a place's name, "a 'green zone' area") just before it, or before a noun of a place
    it names, with an aside set off by commas between ("Al-Mamun, who was in court, was sentenced"); None where none
    stands there, or where the name is inside the subject: after a preposition ("the conference in Belém was
    evacuated"), or the object of a clause of its own ("the bullet that killed X was fired", "the shot to hit X")."""
    before = text[:at]
    aside = _ASIDE.search(before)
    if aside is not None:
        before = before[: aside.start()]
    clause = list(_CLAUSE.finditer(before))
    head = clause[-1].end() if clause else 0
    m = _NAME_AT_END.search(before, head)
    if m is None:
        return None
    if _INSIDE.search(before, head, m.start()) or _OWN_CLAUSE.search(before, head, m.start()):
        return None
    if m["quoted"] and not quoted:
        return None
    if m["quoted"]:
        name = m["quoted"][1:-1].strip()
    else:
        words = m["name"].split()
        while words and words[0].casefold().strip(".") in _NO_NAME:
            words = words[1:]
        if words and words[0].casefold() in _PARTICLES:
            return None  # "Hundreds of Palestinians": a number of people, not a name
        name = " ".join(words)
    if not name or re.search(r"['’]s$", name):
        return None
    return name, m.start()


def _object(name: str, after: str) -> str | None:
    """The name a verb acts on ("suspended Director of International Cricket Usman Wahla after ..."), or None where
    the capitalised words modify a noun after them ("suspended Twitter accounts") or own one ("Trump's aide")."""
    if re.match(r"['’]s\b", after) or re.search(r"['’]s$", name):
        return None
    nxt = re.match(r"\s+([a-z]+)", after)
    if nxt is not None and nxt[1] not in _ENDS_NOUN_AFTER:
        return None
    words = name.split()
    while words and words[0].casefold().strip(".") in _NO_NAME:
        words = words[1:]
    return " ".join(words) or None


def _unsure(text: str, start: int, at: int) -> bool:
    """Whether the clause of a slot, from the clause break before ``start`` (its subject's start, or its verb's) to
    the slot at ``at``, holds a word that makes it no plain statement (:data:`_UNSURE`)."""
    breaks = list(_CLAUSE.finditer(text, 0, start))
    head = breaks[-1].end() if breaks else 0
    return _UNSURE.search(text, head, at) is not None


_PARTICLES = frozenset({"al", "el", "bin", "of", "de", "da", "del", "van", "von", "the"})
ALIKE = 0.8  # two last names whose letters match this much (difflib's ratio) may be one name in two spellings


def _words(name: str) -> list[str]:
    # A name that ends its sentence is read with the full stop ("The board suspended Orrin."): no part of the name.
    words = (w.strip(".,") for w in re.split(r"[\s-]+", name.casefold().replace("’", "'")))
    return [w for w in words if w and w not in _PARTICLES]


def one_subject(a: str, b: str, *, linked: bool = False) -> bool:
    """Whether two subjects as written are one: the same last word ("Abdullah Al Mamun" and "Mamun"; the
    given names, where both write them, agreeing: "Eric Trump" and "Donald Trump" are two), or, where the two claims
    share a linked entity (``linked``), last words spelt alike ("Usman Wahla" and "Walha": one name transliterated
    two ways)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if wa[-1] != wb[-1]:
        if not linked or wa[-1][0] != wb[-1][0] or len(wa[-1]) != len(wb[-1]):
            return False
        if difflib.SequenceMatcher(None, wa[-1], wb[-1]).ratio() < ALIKE:
            return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short) == 1 or set(short[:-1]) <= set(long_[:-1])
