"""Named-entity mentions in one parsed article: people, organisations, places and groups, with their roles.

spaCy's NER finds the names; news outlets the article names ("theTelegraph", "CNN") are added as
organisations from :mod:`newsdesk.extract.attributions`, since a small model misses run-together forms. A role is
a title written with a person's name: before it ("US special envoy Steve Witkoff") or in apposition ("Andriy
Yermak, the Ukrainian president's chief of staff").
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from newsdesk import countries
from newsdesk.dates import MONTHS, one_of
from newsdesk.extract import attributions, entities, kinds, tokens
from newsdesk.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["TYPES", "find"]

# spaCy's labels kept, and the type each becomes (facilities are places for a news reader).
TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "LOC"}
_ROLE_DEPS = {"compound", "amod", "nmod", "nummod"}
# A name is at most this long; longer "entities" are parse noise (a run of capitalised headline words).
_MAX_WORDS = 6
_TRIM = " \t\n\"'“”‘’«»„.,;:()[]"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# The model often takes in the article before a name ("the United States", "the White House"): a lower-case
# one is not part of the name. A capitalised one may be ("The Atlantic") and stays.
_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=[A-Z])")
# Two names the model ran together over a comma ("the Telegraph, Jermak"): neither is kept as this one name,
# so the outlet and surname passes below can find each on its own.
_RUN_ON = re.compile(r",\s+[A-Z]")
# An owner inside one of the model's names ("Dastmar's Arsen Cybulski", "Veloria's Data Protection Office"): two
# names, the owner and the one owned. (Not a plural's "s’": "the National Farmers’ Union" is one name.)
_OWNER = re.compile(r"(?:'s|’s)\s+(?=[A-Z])")
_NAMES = ("PERSON", "ORG", "GPE", "LOC")
# Nouns of places that name the place after "of": "the port of Brannick", "the city of Orvath".
_PLACE_OF = {*kinds.PLACE_NOUNS, "port", "harbour", "harbor"}
# Lower-case words inside a person's name ("Ursula von der Leyen", "André Corrêa do Lago"): the model often stops
# at them and tags the rest as another name.
_PARTICLES = entities.PARTICLES
# Forms of address, which are no roles ("Mr Orvin", "Dr. Halle", "Sir Tobin Marsh"); of them, those that are
# part of a family's name ("Sheikh Mujibur Rahman") are kept in it.
_HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lady lord sheikh sheikha shaikh hon".split())
_NAME_TITLES = frozenset("sheikh sheikha shaikh".split())
# Particles then capitalised words: " do Lago", " von der Leyen".
_PARTICLE_GAP = re.compile(r"((?: (?:" + "|".join(sorted(_PARTICLES)) + r"))+) ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)")
# Words a name is written with that only a company has: "the Quillfin chief executive", "shares of Quillfin".
_COMPANY_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:co-?)?(?:ceo|cfo|coo|chief executives?|chief financial officer|executives|shareholders|"
    r"stockholders)\b",
    re.IGNORECASE,
)
_COMPANY_BEFORE = re.compile(
    r"\b(?:(?:co-?)?(?:ceo|cfo|chief executives?)|shares|shareholders|stockholders) of\s+$", re.IGNORECASE
)
# The last letter of "of", in any case: the character before the spaces that end what _COMPANY_BEFORE matches
# (each such pattern below has its own; to a pattern without case "ſ" is an "s" too).
_OF_LAST = frozenset("fF")
# Nouns of places people live or work in that a name before them names: "the Orsa Court housing estate".
_SITE_AFTER = re.compile(
    r"^\s+(?:housing|residential|apartment|public housing)\s+(?:estate|complex|development|block|tower|compound)s?\b",
    re.IGNORECASE,
)


# Where a name is what people post on: "said on Twitter", "wrote on his Facebook page", "took to Weibo". The model
# types such a name a person in most sentences ("Twitter", 29 of 29 times in 284 PolNeAR articles).
_POSTED_ON = re.compile(
    r"\b(?:(?:said|wrote|posted|tweeted|added|announced|shared|commented|replied|responded|posting|writing|"
    r"chimed in|weighed in)\s+on(?:\s+(?:his|her|their|its))?|took to)\s+$",
    re.IGNORECASE,
)
_POSTED_ON_LAST = frozenset("nNsSſrRoO")  # on, his, its, her, their, to


# What only a place undergoes, written before its name: "Russia annexed Crimea", "the annexation of Crimea", "the
# invasion of Kestrova". The small model types Crimea a body in every sentence of the seeds and dev-news.
_TAKEN_PLACE = re.compile(
    r"\b(?:annex(?:ed|ing|ation of)|invad(?:ed|ing)|invasion of|occupation of|liberation of)\s+$", re.IGNORECASE
)
_TAKEN_PLACE_LAST = frozenset("dDgGfF")  # annexed, annexing, of


# A dateline after a place opening a paragraph: "ORVATH, March 3 (MPA) -", "Orvath [Veloria], March 3:". An agency
# in brackets is followed by a dash, a colon or the sentence's capital: "The International Cricket Council (ICC) has
# turned down ..." writes a body's initials.
_DATELINE_AFTER = re.compile(
    r"^(?:\s*\[[^\]\n]{2,30}\])?\s*[,:]?\s*(?:\([A-Z][\w.]{1,12}\)\s*(?:[-–—:]|(?-i:[A-Z“\"‘']))|"
    rf"{one_of(m[:3] for m in MONTHS)}[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)


# An office written after one capitalised word: the word is its portfolio ("Home Minister", "Interior
# Secretary"), not an organisation.
_OFFICE_AFTER = re.compile(r" (?:Minister|Secretary|Ministers|Secretaries|Chief Adviser|Chief Advisor)\b")
# The offices a capitalised title with no name ends in ("the Match Referee", "the Foreign Minister"). Not nouns
# that also end bodies' names: "the Northern Ireland Executive", "The Hollywood Reporter", "Coach" (a company).
_OFFICES = frozenset(
    "referee umpire minister secretary president chairman chairwoman spokesman spokeswoman spokesperson ambassador "
    "envoy governor mayor".split()
)


# Words that open an office's title, which the model takes into the body's name before it: "UN Climate Change
# Executive Secretary Simon Stiell" (the body is "UN Climate Change").
_OFFICE_OPENERS = frozenset("executive deputy assistant vice chief permanent principal".split())


def _no_portfolios(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """Drop one-word organisations that are the portfolio of an office: "former Home Minister Orvin Tass" names
    one person, not a body called "Home" beside him; and cut the office's first word from a body's name that
    runs into it ("UN Climate Change Executive" before "Secretary")."""
    for key, m in list(found.items()):
        if m.type != "ORG" or not _OFFICE_AFTER.match(text, m.end):
            continue
        if " " not in m.text:
            del found[key]
        elif (last := m.text.rsplit(" ", 1))[1].lower() in _OFFICE_OPENERS and " " in last[0].strip():
            del found[key]
            body = last[0].rstrip()
            found[(m.start, m.start + len(body))] = Mention(
                text=body, start=m.start, end=m.start + len(body), type="ORG"
            )


# A kinship noun right before a name ("her sister-in-law Tina", "his son Omar"), or the words that give a name as a
# surname ("gave only her surname, Ng"): the name is a person's, whatever the model tagged it.
_KIN = entities.KIN
_PERSON_BEFORE = re.compile(rf"(?:\b(?:{_KIN})|\b(?:sur|last |family |first )name[,:]?|\bsurnamed) $")
# Time zones, which the model tags as bodies after a clock time ("23:00 GMT", "8pm EST").
_TIME_ZONES = frozenset(
    "GMT UTC BST CET CEST EET EEST WET WEST EST EDT CST CDT MST MDT PST PDT AKST HST IST PKT HKT JST KST SGT AEST "
    "AEDT AWST NZST NZDT WIB BRT ART".split()
)
_CLOCK_BEFORE = re.compile(r"(?:\d|\d\s?[ap]\.?m\.?)\s*\(?$", re.IGNORECASE)


def _kin_and_surnames(text: str, found: dict[tuple[int, int], Mention]) -> set[tuple[int, int]]:
    """A one-word name after a kinship noun or the words that give a surname ("her sister-in-law Tina", "her
    surname, Ng") is a person's (the model had "Tina" a place, "Ng" a body). Only that mention: "his son Jordan"
    says nothing of "Jordan" elsewhere in the article. Returns the keys of those mentions, which the later passes
    leave people."""
    kin = set()
    for key, m in list(found.items()):
        if (
            m.type in _PERSON_BODY_OR_PLACE
            and " " not in m.text
            and _PERSON_BEFORE.search(text, max(0, m.start - 30), m.start)
        ):
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type="PERSON", role=m.role)
            kin.add(key)
    return kin


def _time_zone(text: str, start: int, name: str) -> bool:
    """Whether ``name`` at ``start`` is a time zone written after a clock time ("(17:00 GMT)", "8pm EST")."""
    return name in _TIME_ZONES and _CLOCK_BEFORE.search(text, max(0, start - 12), start) is not None


def _titles_alone(found: dict[tuple[int, int], Mention]) -> None:
    """Drop bodies and places that are a title written in capitals with no name ("the Match Referee", "a Foreign
    Minister"): two words, both capitalised, the last an office (:data:`_OFFICES`, singular: "Chicago Purchasing
    Managers" is a body's name)."""
    for key, m in list(found.items()):
        words = m.text.split()
        if m.type == "PERSON" or len(words) != 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
            continue
        if words[-1].lower() in _OFFICES:
            del found[key]


def _honorific(role: str | None) -> bool:
    """Whether a title is only a form of address ("Mr", "Dr.", "Sheikh"), which is no role."""
    words = (role or "").lower().replace(".", " ").split()
    return bool(words) and all(w in _HONORIFICS for w in words)


def _with_particles(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A person's name the model cut at a lower-case particle is one name: "Ursula von der" and "Leyen",
    "André Corrêa" and "Lago" become "Ursula von der Leyen" and "André Corrêa do Lago"."""
    for key in sorted(found):
        m = found.get(key)
        if m is None or m.type != "PERSON":
            continue
        end = m.end
        words = m.text.split()
        while words and words[-1] in _PARTICLES:  # "Ursula von der": the particles are the next name's
            end -= len(words.pop()) + 1
        gap = _PARTICLE_GAP.match(text, end)
        if not gap or not words:
            continue
        stop = gap.end()
        inside = [k for k in found if k != key and k[0] < stop and end < k[1]]
        if any(k[1] > stop or found[k].type not in {"PERSON", "ORG", "GPE", "LOC"} for k in inside):
            continue
        for k in inside:
            del found[k]
        del found[key]
        found[(m.start, stop)] = Mention(text=text[m.start : stop], start=m.start, end=stop, type="PERSON", role=m.role)


def _surname_with_particles(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A name the model cut at a particle and read as a body or a place ("Corrêa" and "Lago" two bodies, of "Corrêa
    do Lago said") is a person's name where the article writes it whole as the end of a person's longer name
    ("André Corrêa do Lago"): the family name without the given name."""
    people = [m.text for m in found.values() if m.type == "PERSON" and " " in m.text]
    if not people:
        return
    for key in sorted(found):
        m = found.get(key)
        if m is None or m.type not in {"ORG", "GPE", "LOC"} or " " in m.text:
            continue
        gap = _PARTICLE_GAP.match(text, m.end)
        if gap is None:
            continue
        after = found.get((gap.start(2), gap.end()))
        whole = text[m.start : gap.end()]
        if after is None or after.type not in _NAMES or not any(p.endswith(" " + whole) for p in people):
            continue
        del found[key], found[(after.start, after.end)]
        found[(m.start, gap.end())] = Mention(text=whole, start=m.start, end=gap.end(), type="PERSON", role=after.role)


def _company_or_site(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """Names the words around them type, whatever the model called them: what people post on is a company ("said
    on Twitter", "took to Weibo"), what is annexed or invaded a place ("Russia annexed Crimea"), a name with a
    chief executive or
    shareholders is a company's ("the Quillfin chief executive", "shares of Quillfin"), one before "housing
    estate" a place, and so is one opening a dateline ("ORVATH, March 3 (MPA) -"). The article's other mentions
    of that name, read alone, take the kind too, as an article does not switch what one name means."""
    typed: dict[str, str] = {}
    for (start, end), m in found.items():
        if m.type not in {"ORG", "GPE", "LOC", "PERSON"} or (m.type == "PERSON" and " " in m.text):
            continue
        # What the patterns ending in "\s+$" search (the words before the name) is searched only where it ends
        # as they do: on a space after one of the letters their words end with (most names follow none of them).
        before = text[max(0, start - 40) : start]
        tail = before.rstrip()
        last = tail[-1:] if len(tail) < len(before) else ""
        if last in _POSTED_ON_LAST and _POSTED_ON.search(before) and not text.startswith(("'", "’"), end):
            typed.setdefault(m.text.casefold(), "ORG")  # "said on Twitter", not "commented on Trump's remarks"
        elif m.type != "PERSON" and last in _TAKEN_PLACE_LAST and _TAKEN_PLACE.search(text[max(0, start - 30) : start]):
            typed.setdefault(m.text.casefold(), "GPE")  # "annexed Crimea": a place, whatever the model read
        elif _COMPANY_AFTER.match(text[end : end + 40]) or (last in _OF_LAST and _COMPANY_BEFORE.search(before)):
            typed.setdefault(m.text.casefold(), "ORG")
        elif m.type != "PERSON" and _SITE_AFTER.match(text[end : end + 40]):
            typed.setdefault(m.text.casefold(), "LOC")
        elif (start == 0 or text[start - 1] == "\n") and _DATELINE_AFTER.match(text[end : end + 40]):
            typed.setdefault(m.text.casefold(), "GPE")
    for key, m in list(found.items()):
        kind = typed.get(m.text.casefold())
        if kind and m.type != kind and m.type in {"ORG", "GPE", "LOC", "PERSON"}:
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type=kind)


# What only a person has or does, written after a name, as its owner's or as a noun it qualifies ("X's wife", "a X
# goal celebration", "X's plane crash gesture"), with at most three lower-case words between.
_PERSON_AFTER = re.compile(rf"(?:'s|’s)?(?: [a-z][a-z-]*){{0,3}} (?:{_KIN}|celebrations?|gestures?)\b")
# A kinship noun before a noun it likens something to ("a sister city", "its parent's sister company").
_KIN_AS_LIKENESS = re.compile(
    r"(?:'s|’s)?(?: [a-z][a-z-]*){0,3} (?:sister|brother|mother|daughter)s? (?:cit(?:y|ies)|compan(?:y|ies)|clubs?|"
    r"ships?|papers?|stations?|part(?:y|ies)|organi[sz]ations?|airlines?|brands?|schools?|nations?|states?|"
    r"publications?|channels?|titles?|firms?|banks?|teams?|towns?|sites?|outlets?)\b"
)
# The capitalised words the model left out after a name it cut short ("Cristiano" of "a Cristiano Ronaldo goal").
_CAPITALISED_AFTER = re.compile(r"(?: [A-Z][a-zà-ÿ’'-]+)*")


def _persons_by_what_they_have(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A name of two capitalised words or more the model called a body or a place, written before what only a person
    has or does ("a Cristiano Ronaldo goal celebration", "Dastmar Velk's wife"), is a person's: the whole name, with
    the capitalised words the model left out after it, when none of its words ends a body's name or names a kind of
    place. The article's other mentions of that name take the kind too. A team or a place celebrates too, and a kinship
    noun before a noun is a likeness ("Hong Kong's sister city"): never a name the article also names elsewhere before
    nothing of a person's ("Real Madrid won ... the Real Madrid celebration"), nor one holding a country or a capital
    (:mod:`newsdesk.countries`) or a word the article writes alone as a place ("the Real Orvath celebration ... in
    Orvath")."""
    places = {m.text for m in found.values() if m.type in _PLACES}
    spans: dict[tuple[int, int], int] = {}  # each mention so written, and where its whole name ends
    for key, m in list(found.items()):
        if m.type not in _PERSON_BODY_OR_PLACE or m.type == "PERSON":
            continue
        rest = _CAPITALISED_AFTER.match(text, m.end)
        end = rest.end() if rest is not None else m.end
        name = text[m.start : end]
        words = name.split()
        if (
            len(words) < 2
            or not _PERSON_AFTER.match(text, end)
            or _KIN_AS_LIKENESS.match(text, end)
            or any(w.isupper() or w.lower() in kinds.BODY_HEADS or w.lower() in kinds.PLACE_NOUNS for w in words)
            or any(k != key and m.start <= k[0] < end for k in found)
            or any(w in places or countries.country(w) for w in words)
        ):
            continue
        spans[key] = end
    # A name the article writes elsewhere, before nothing of a person's, is the body or place the model said.
    spans = {
        key: end
        for key, end in spans.items()
        if all(
            k in spans
            for k, o in found.items()
            if o.type != "PERSON" and o.text in (found[key].text, text[key[0] : end])
        )
    }
    if not spans:
        return
    names = {found[key].text for key in spans}
    for key, m in list(found.items()):
        if key in spans or (m.text in names and m.type != "PERSON"):
            start, end = m.start, spans.get(key, m.end)
            del found[key]
            found[(start, end)] = Mention(text=text[start:end], start=start, end=end, type="PERSON")


# What a person's name never holds, though the model tags it so. A title closing it: "Netflix Co-CEO" (the body
# before it is the name); what a name is made into by a hyphen: "the David Ellison-run studio"; an agency after a
# slash: a byline's "Tommy Wang/AFP".
_TITLE_CLOSING = re.compile(
    r"\s+(?:co-?)?(?:ceo|cfo|coo|chief executive|chairman|chairwoman|chair|boss)$", re.IGNORECASE
)
_MADE_INTO = re.compile(r"-(?:run|led|owned|backed|controlled|based|linked|founded|aligned|funded|era)$")
_AGENCY = re.compile(r"/[A-Z][\w.]*$")
# Quotation marks around a work's title: "the studio behind “Harry Potter”".
_OPENING, _CLOSING = "“\"‘'", "”\"’'"
# A word written in capitals that opens a brand, not a forename: "HBO Max" (not "RFK Jr.").
_ACRONYM = re.compile(r"[A-Z]{3,}")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


# A generation written after a name: "Karl Berg Sr.", "John Doe III" (the stop is left out, as the model leaves it
# out of "Donald Trump Jr").
_GENERATION = re.compile(r" (?:Jr|Sr|II|III|IV)\b")


def _with_generation(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A person's name with the generation written after it that the model left out ("Karl Berg" of "Karl Berg
    Sr."): the father and the son of one name are two people, so the suffix is part of the name."""
    for key, m in list(found.items()):
        after = _GENERATION.match(text, m.end) if m.type == "PERSON" else None
        if after is None or (m.start, after.end()) in found:
            continue
        del found[key]
        found[(m.start, after.end())] = replace(m, text=text[m.start : after.end()], end=after.end())


def _in_quotation_marks(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all that a pair of quotation marks holds (not "‘Orsa’s plan ...")."""
    if start == 0 or end >= len(text) or text[start - 1] not in _OPENING or text[end] not in _CLOSING:
        return False
    return not text[end + 1 : end + 2].isalpha()


def _not_a_name(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """Persons the model tagged with more than a name, or a brand or a title as a person: the name kept, the brand
    made an organisation ("Netflix Co-CEO" is Netflix, "David Ellison-run" David Ellison, "Tommy Wang/AFP" Tommy
    Wang, "HBO Max" a body), a title or a slogan in quotation marks dropped ("the studio behind “Harry Potter”",
    chants of "Bharat Maata Ki Jai")."""
    for key, m in list(found.items()):
        if m.type != "PERSON" or " " not in m.text.strip():
            continue
        titled = m.start - len(m.role) - 1 if m.role and text.endswith(m.role + " ", 0, m.start) else m.start
        if _in_quotation_marks(text, m.start, m.end) or _in_quotation_marks(text, titled, m.end):
            del found[key]  # (with the word taken for its title: a chant's "Bharat Maata Ki Jai")
            continue
        words = m.text.split()
        if (title := _TITLE_CLOSING.search(m.text)) is not None:
            body = m.text[: title.start()].rstrip(_TRIM)
            del found[key]
            if body[:1].isupper():
                found[(m.start, m.start + len(body))] = Mention(
                    text=body, start=m.start, end=m.start + len(body), type="ORG"
                )
            continue
        cut = _MADE_INTO.search(m.text) or _AGENCY.search(m.text)
        if cut is not None and " " in m.text[: cut.start()]:
            name = m.text[: cut.start()]
            del found[key]
            found[(m.start, m.start + len(name))] = Mention(
                text=name, start=m.start, end=m.start + len(name), type="PERSON", role=m.role
            )
        elif (
            _ACRONYM.fullmatch(words[0]) and not all(w.isupper() for w in words) and words[-1].lower() not in _SUFFIXES
        ):
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type="ORG")


def _clean(text: str) -> str:
    return _ARTICLE.sub("", _POSSESSIVE.sub("", text.strip(_TRIM)).strip(_TRIM))


def _cut(name: str, kind: str) -> str:
    """A name stays on one line ("Orsa" from a match run over a paragraph break into the next one's first word),
    and a person's name holds no number ("Quillfin 4.2 million": a fine, not a name) nor ends on a hyphen."""
    # "David Ellison-led Paramount": the model's span takes the hyphen that joins the name to a word.
    name = name.split("\n", 1)[0].rstrip(_TRIM + "-–—")
    if kind == "PERSON":
        words = name.split(" ")
        digit = next((k for k, w in enumerate(words) if any(c.isdigit() for c in w)), len(words))
        name = " ".join(words[:digit]).rstrip(_TRIM)
    return name


# Common nouns that head a name of a body or a place, which English writes after "the" ("the Justice Department",
# "the Green Zone"): a state's bodies, kinds of place and of organisation, and the places news names most. A
# newspaper's word ("Times", "Post", "Herald") is left out: "The" is part of "The New York Times".
_COMMON_HEADS = frozenset(
    {
        *entities.STATE_BODIES,
        *kinds.PLACE_NOUNS,
        *(noun for noun, kind in kinds.CLASS_NOUNS.items() if kind == "ORG"),
        *"zone strip house square bridge sea ocean gulf bay canal airport station palace centre center hall "
        "building tower park forces league fund coast islands mountains republic kingdom emirates states "
        "federation service organisation organization alliance movement front authority".split(),
    }
)
# Where a sentence or a line opens: the text's start, a line's, or after a sentence's end and its closing mark.
_SENTENCE_OPENS = re.compile(r"(?:^|\n|[.!?][\"'”’)]?[ \t]+|[“\"(][ \t]*)$")


def _the_opening(text: str, start: int, name: str) -> bool:
    """Whether name ``name``, at ``start``, opens a sentence with an article the sentence's place capitalised ("The
    Green Zone was shut", "The US Justice Department said"), which is no part of the name: where the rest is a
    country's name (not a capital's: "The Hague") or ends in a common noun of a body or a place
    (:data:`_COMMON_HEADS`). Elsewhere a capitalised "The" is the name's own ("told The Times"), and so it is in a
    title that ends in no such noun ("The New York Times", "The Economist", "The Daily Star")."""
    rest = name[4:]
    words = rest.split()
    if not words or not _SENTENCE_OPENS.search(text, max(0, start - 6), start):
        return False
    if countries.country(rest) is not None and countries.capital(rest) is None:
        return True
    return len(words) >= 2 and words[-1].lower() in _COMMON_HEADS


def _names_a_body(role: str) -> bool:
    """Whether a title written with a name says it is an organisation ("consumer group", "a farmers' union")."""
    # The title's own noun, before what completes it: "presenter for the host broadcaster" is a presenter.
    words = re.findall(r"[a-z]+", re.split(r"\s(?:for|of|at|with|from|to|in|on)\s", role.lower())[0])
    return bool(words) and kinds.CLASS_NOUNS.get(kinds.singular(words[-1])) == "ORG"


def _titled_person(ent: Span) -> tuple[int, int, str] | None:
    """A person inside a name the model gave another label: "Velorian Water Minister Ilse Varga" read as a work
    of art, "its leader, Ivo Marlow" as an organisation. Returns the name's character span and its title."""
    words = [t for t in ent if t.dep_ != "det"]
    if len(words) < 2 or not all(kinds.capitalised(t) for t in words[-2:]):
        return None  # a first name and a surname at least: "Singer World Series" is no singer
    # The title comes after a word of its own ("Water Minister"): a name that starts with one is a name.
    for k in range(len(words) - 3, 0, -1):
        if kinds.names_a_person(words[k].text):
            name = words[k + 1 :]
            if len(name) <= 3 and all(kinds.capitalised(t) for t in name):
                return name[0].idx, name[-1].idx + len(name[-1]), ent.doc[words[0].i : words[k].i + 1].text
            break
    role = _role_heading(ent)
    return (ent.start_char, ent.end_char, role) if role else None


def _role_heading(ent: Span) -> str | None:
    """The person noun a name is in apposition to: "its leader, Ivo Marlow", "the company's chief technology
    officer, Daan Verhoek"."""
    head = ent.root.head
    if (
        ent.root.dep_ == "appos"
        and head.pos_ == "NOUN"
        and kinds.names_a_person(head.text)
        and ent.start == head.i + 2
        and head.whitespace_ == ""
        and ent.doc[head.i + 1].text == ","
        and ent.doc[head.i + 1].whitespace_ == " "
    ):
        role = [
            t
            for t in ent.doc[head.left_edge.i : head.i + 1]
            if t.dep_ not in {"det", "poss", "case"} and not t.is_punct
        ]
        return doc_text(role) if role else head.text
    return None


def _with_first_name(ent: Span) -> Span:
    """``ent`` with the first name the model left out of it: "Daan Verhoek" tagged as "Verhoek" alone. A capitalised
    word the parse joins to a lone surname is part of the name unless it is a title, an office or an acronym
    ("Minister Varga", "CEO Ashby") or the model gave it a kind of its own. A first name left out of a name of two
    words is joined only after the place or body that ends a title ("Home Minister of Bangladesh Asaduzzaman" before
    "Khan Kamal"), when the parse ties it inside the name: elsewhere the word is as likely a title the lists do not
    know ("Prosecutor Karel Dunn", "Inspector General of Police Tomas Brevik", "Holy Roman Emperor Charles VI")."""
    if len(ent) > 2 or ent.start == 0:
        return ent
    doc = ent.doc
    word = doc[ent.start - 1]
    if len(ent) == 2 and not _after_a_titles_place(doc, word.i):
        return ent
    if (
        kinds.capitalised(word)
        and word.dep_ == "compound"
        and ent.start <= word.head.i < ent.end
        and not word.ent_type_
        and not word.text.isupper()
        and not entities.is_title(word.text)
        and not kinds.names_a_person(word.text)
        and word.whitespace_ == " "  # (not doc.text, which joins the whole text again on each call)
    ):
        return doc[ent.start - 1 : ent.end]
    return ent


def _after_a_titles_place(doc: Doc, i: int) -> bool:
    """Whether token ``i`` comes right after a place or body named after "of" ("Minister of Bangladesh")."""
    k = i - 1
    if k < 0 or doc[k].ent_type_ not in {"GPE", "ORG", "LOC"}:
        return False
    while k > 0 and doc[k].ent_iob_ == "I":
        k -= 1
    return k > 0 and doc[k - 1].lower_ == "of"


def _written_as_a_body(ent: Span) -> bool:
    """A name the grammar says is no person: right after an organisation noun the parse did not tie to it
    ("the payments company Quillfin"), or taking "which" ("Quillfin, which is based in Orvath")."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and _names_a_body(before.text):
        return True
    return any(
        child.dep_ == "relcl" and child.i > ent.end and doc[child.left_edge.i].lower_ == "which"
        for child in ent.root.children
    )


# Last words of the names of rooms ("the Oval Office", "the Situation Room"), which a body's name also ends in
# ("the Foreign Office"): a room where it is what something happens in.
_ROOM_HEADS = frozenset({"office", "room"})


def _a_room(ent: Span) -> bool:
    """A name of a room that something is done in: "they met in the Oval Office", "talks went on inside the Cabinet
    Room" (the preposition hangs on a verb), not "an official in the Foreign Office" (on a noun) nor "at the Home
    Office" (where one works)."""
    root = ent.root
    if root.lower_ not in _ROOM_HEADS or root.i != ent.end - 1 or root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ in {"in", "into", "inside"} and prep.head.pos_ == "VERB"


def _written_as_a_place(ent: Span) -> bool:
    """A lone word "in" which things happen is a place ("at the ministry in Orvath", "everyone in Orvath"), and so
    is one a place noun is "of" ("the smaller port of Brannick", "the town of Orsa")."""
    root = ent.root
    if len(ent) != 1 or root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ == "in" or (
        prep.lower_ == "of" and prep.head.pos_ == "NOUN" and kinds.singular(prep.head.lower_) in _PLACE_OF
    )


_HYPHENS = frozenset({"-", "–"})


def _hyphen_inside(token: Token) -> bool:
    """Whether ``token`` is a hyphen inside a word, no space on either side of it ("Secretary-General")."""
    return token.text in _HYPHENS and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _word_end(doc: Doc, k: int) -> int:
    """The last token of the written word that token ``k`` starts (tokens joined without a space)."""
    while k + 1 < len(doc) and not doc[k].whitespace_:
        k += 1
    return k


def _role_before(ent: Span) -> str | None:
    """Title words written just before a person's name, when the parse ties them to it."""
    doc = ent.doc
    start = ent.start
    inside = set(range(ent.start, ent.end))
    i = start - 1
    while i >= 0:
        token = doc[i]
        if _hyphen_inside(token) and i + 1 in inside:
            # "Secretary-General", "white-ball head coach": the word before the hyphen is the same word's.
            inside.update((i, i - 1))
            i -= 2
            continue
        if token.dep_ not in _ROLE_DEPS or token.is_punct or (token.head.i not in inside and token.head.i < start):
            break
        if token.ent_type_ == "PERSON":
            break
        inside.add(i)
        i -= 1
    while i + 1 < start and doc[i + 1].text[:1].isdigit():  # "38-year-old Ms. Huang": an age is no title
        i = min(_word_end(doc, i + 1), start - 1)
    # "Inspector General of Police Chowdhury ...": the parse ties only "Police" to the name; a title written in
    # capitals before "of" is the role's head ("Minister of Finance", "Secretary of State").
    of = i if doc[i].lower_ == "of" else i - 1  # "of" before the words tied to the name, or before one more
    if of >= 1 and doc[of].lower_ == "of" and doc[of + 1].is_title and doc[of - 1].is_title and of + 2 >= i + 1:
        k = of - 1
        while k >= 1 and not doc[k].is_sent_start and doc[k - 1].is_title and doc[k - 1].ent_type_ != "PERSON":
            k -= 1
        if not _names_a_body(doc[k:start].text):  # "Bank of England Governor": the governor's bank stays out
            i = k - 1
    words = doc[i + 1 : start]
    if not len(words) or not any(t.pos_ in {"NOUN", "PROPN"} for t in words):
        return None
    return words.text.strip() or None


_SET_OFF = {",", "(", "—", "–", "-"}


def _named_before(found: dict[tuple[int, int], Mention], start: int, role: str | None) -> Mention | None:
    """The organisation found just before ``start``, a space apart, when ``role`` is its name and nothing more."""
    for (_, e), m in found.items():
        if e == start - 1 and m.type == "ORG" and m.text == role:
            return m
    return None


def _role_apposed(ent: Span) -> str | None:
    """An apposition after a person's name: "Andriy Yermak, the Ukrainian president's chief of staff"."""
    apposed = [child for child in ent.root.children if child.dep_ == "appos" and child.i >= ent.end]
    for n, child in enumerate(apposed):
        if child.left_edge.i > ent.end + 1 or ent.doc[ent.end].text not in _SET_OFF:
            continue  # set off from the name by a comma, a bracket or a dash, or the parse joined two phrases
        # "co-CEO of Netflix": the parse may make each part of a hyphenated word an apposition of its own.
        parts = [child]
        for joined in apposed[n + 1 :]:
            if parts[-1].right_edge.whitespace_ or joined.left_edge.i != parts[-1].right_edge.i + 1:
                break
            parts.append(joined)
        child = parts[-1]
        tokens = [
            t for part in parts for t in part.subtree if t.dep_ not in {"relcl", "acl"} and not _inside_clause(t, part)
        ]
        if any(t.ent_type_ == "PERSON" for t in tokens) or len(tokens) > 10:
            return None
        while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if tokens and child.pos_ == "NOUN" and not _a_score(tokens):
            return doc_text(tokens)
    return None


def _a_score(tokens: list[Token]) -> bool:
    """Whether an apposition opens on a figure of its own ("Abhishek Sharma (74 off 39 balls)"), not on one that
    makes a word with what follows ("a 22-year-old driver")."""
    first = tokens[0]
    return first.text[:1].isdigit() and not (first.i + 1 < len(first.doc) and first.doc[first.i + 1].text in _HYPHENS)


def _inside_clause(token: Token, top: Token) -> bool:
    """True when ``token`` hangs below a relative or participle clause under ``top``."""
    while token.i != top.i:
        if token.dep_ in {"relcl", "acl"}:
            return True
        token = token.head
    return False


def doc_text(tokens: list[Token]) -> str:
    """The text from the first to the last of ``tokens`` as written."""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


# A list of people: a name of the model's bodies or places in it is a person's too, where at least this many other
# names listed with it are people's (investors are listed as "Peter Thiel, Marc Andreessen and Goldman Sachs"), or
# two are and its last word is a surname of a person the article names.
_LISTED_PEOPLE = 3


def _listed_with_people(doc: Doc, text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A name of two or more capitalised words the model calls a body or a place, listed with people's names only
    ("Kuldeep Yadav, Abhishek Sharma and Tilak Varma received their awards", where "Suryakumar Yadav" is named
    too), is a person's: listed with three people or more, or with two where its last word is the surname of a
    person the article names; when none of its words ends a body's name or names a kind of place, and the article
    does not write the same name as a body or a place elsewhere ("Goldman Sachs said ..."). Not a team or a place
    written before its people ("Italy (A, B, C)", "Scotland: A, B, C")."""
    listed = [
        (key, m)
        for key, m in found.items()
        if m.type in _PERSON_BODY_OR_PLACE
        and m.type != "PERSON"
        and " " in m.text
        and all(w[:1].isupper() and not w.isupper() for w in m.text.split())
        and not any(w.lower() in kinds.BODY_HEADS or w.lower() in kinds.PLACE_NOUNS for w in m.text.split())
    ]
    if not listed:
        return
    people = {k for k, m in found.items() if m.type == "PERSON"}
    surnames = {found[k].text.split()[-1] for k in people if " " in found[k].text}
    otherwise = Counter(m.text for m in found.values() if m.type != "PERSON")
    starts = sorted(found)
    for key, m in listed:
        if otherwise[m.text] > 1:
            continue  # written as a body or a place elsewhere too
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        top = span.root
        # Up the list while its words are names ("Score summary: A (58), B (21)" lists people, not the summary).
        while top.dep_ in _LISTING and top.head.i != top.i and _covering(starts, top.head.idx) is not None:
            top = top.head
        # The list's first name, when a bracket, a colon or a dash after it sets it before its people: a team.
        label = _covering(starts, top.idx)
        if label is not None and text[found[label].end : found[label].end + 3].lstrip()[:1] not in _LABEL_ENDS:
            label = None
        if label == key:
            continue
        # The names listed with it but a team; a time or a number set among them is none ("(A, B) 4:00.958").
        named = [
            k
            for w in kinds.conjuncts(top, _LISTING)
            if not m.start <= w.idx < m.end and (k := _covering(starts, w.idx)) not in (None, label)
        ]
        enough = len(named) >= _LISTED_PEOPLE or (len(named) == 2 and m.text.split()[-1] in surnames)
        if enough and all(k in people for k in named):
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type="PERSON")


# A player's figure in brackets right after a name, as a score line gives each player's: a count off or for another
# ("Abhishek Sharma (74 off 39 balls)", "(30no off 19)", "Haris Rauf (2-26)", "(4/21)"). A lone count, share, sum or
# rank ("(22%)", "(1.5 million)", "(3)", "(800m)") is no player's: a poll's party or a donors' company has one too.
_FIGURE_AFTER = re.compile(r" \(\d+[a-z*]{0,3}(?: off |-|/)\d[^()\n]{0,36}\)")
_ITEM_GAP = frozenset({", ", "; "})


def _figured_alike(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A name of two capitalised words or more the model calls a body or a place, in a line of names each followed by
    a player's figure in brackets (:data:`_FIGURE_AFTER`) and set apart by commas or semicolons ("A (58 off 45
    balls), B (21 off 17), C (21 off 19); D (2-33)"), is a person's where every other name of the line is, two at
    least: the line gives one kind of thing the same figures. None of its words ends a body's name or names a kind
    of place."""
    ordered = sorted(found.values(), key=lambda m: m.start)
    line: list[Mention] = []
    for n, m in enumerate(ordered):
        figure = _FIGURE_AFTER.match(text, m.end)
        if figure is None:
            continue
        line.append(m)
        after = ordered[n + 1] if n + 1 < len(ordered) else None
        if (
            after is None
            or text[figure.end() : after.start] not in _ITEM_GAP
            or not _FIGURE_AFTER.match(text, after.end)
        ):
            _one_kind_in_a_line(line, found)
            line = []


def _one_kind_in_a_line(line: list[Mention], found: dict[tuple[int, int], Mention]) -> None:
    """:func:`_figured_alike` for one line of names."""
    people = sum(m.type == "PERSON" for m in line)
    others = [m for m in line if m.type != "PERSON"]
    if people < 2 or len(others) != 1:
        return
    (m,) = others
    words = m.text.split()
    if (
        m.type in _PERSON_BODY_OR_PLACE
        and len(words) > 1
        and all(w[:1].isupper() and not w.isupper() for w in words)
        # (A body's word: its name's last words, "Club", "Board", or a kind of body, "Team", "Party".)
        and not any(
            (low := w.lower()) in kinds.BODY_HEADS
            or low in kinds.PLACE_NOUNS
            or kinds.CLASS_NOUNS.get(low) == "ORG"
            or low in entities.STATE_BODIES
            for w in words
        )
    ):
        found[(m.start, m.end)] = Mention(text=m.text, start=m.start, end=m.end, type="PERSON")


def _place_after_a_place(doc: Doc, text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A name of two words or more the model calls a body that follows a site's name (a place of two words or more)
    after a comma, set beside it ("landed at Hindon Airforce Station, Uttar Pradesh after ..."), is the larger
    place holding it, when none of its words ends a body's name, none is written in capitals ("Kyiv, NATO" may be
    a body), and no comma closes it as an apposition renaming what came before ("the largest employer in Redmond,
    Microsoft, cut jobs")."""
    bodies = [
        (key, m)
        for key, m in found.items()
        if m.type == "ORG"
        and " " in m.text
        and text[m.start - 2 : m.start] == ", "
        and text[m.end : m.end + 1] != ","
        and not any(w.isupper() or w.lower() in kinds.BODY_HEADS for w in m.text.split())
    ]
    if not bodies:
        return
    starts = sorted(found)
    for key, m in bodies:
        before = _covering(starts, m.start - 3)
        if before is None or found[before].type not in _PLACES or found[before].end != m.start - 2:
            continue
        if " " not in found[before].text:
            continue  # "clubs in Madrid, Real Madrid among them": a city, and a club of it
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ == "appos" and before[0] <= span.root.head.idx < before[1]:
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type="GPE")


# How the parse joins the names of a list: as conjuncts, or ("A, B and C") the second as the first's apposition.
_LISTING = frozenset({"conj", "appos"})
# What follows a team's or a place's name before the people it lists: "Italy (A, B, C)", "Scotland: A, B, C".
_LABEL_ENDS = frozenset("(:-–—")


def _covering(keys: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """The mention's key among ``keys`` (sorted, not overlapping) whose span holds the character ``at``."""
    k = bisect_left(keys, (at + 1, -1)) - 1
    return keys[k] if k >= 0 and keys[k][0] <= at < keys[k][1] else None


def _own_s_throughout(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A name whose "'s" is its own somewhere in the article (:func:`_named_with_s`: "McDonald's said") is that name
    wherever the article writes it with the mark: "McDonald's shares fell" names the company, whose owner's mark
    the writer left out, never a "McDonald" (a person of that surname, "Mr. McDonald", may be in the article too)."""
    owned = {m.text[:-2]: m.type for m in found.values() if m.type != "PERSON" and m.text.endswith(("'s", "’s"))}
    if not owned:
        return
    for key, m in list(found.items()):
        if m.text in owned and m.type != "PERSON" and text[m.end : m.end + 2] in {"'s", "’s"}:
            del found[key]
            end = m.end + 2
            found[(m.start, end)] = Mention(text=text[m.start : end], start=m.start, end=end, type=owned[m.text])


# A form of address ending just before a name: "Mr. ", "Mrs ", "Dr ".
_ADDRESS_BEFORE = re.compile(r"\b(?:" + "|".join(_HONORIFICS) + r")\.? $", re.IGNORECASE)


def _addressed(text: str, found: dict[tuple[int, int], Mention]) -> set[tuple[int, int]]:
    """The spans of the one-word people of ``found`` written after a form of address ("Mr. McDonald"): no body or
    place is so addressed."""
    return {
        key
        for key, m in found.items()
        if m.type == "PERSON" and " " not in m.text and _ADDRESS_BEFORE.search(text, max(0, m.start - 8), m.start)
    }


def _one_kind_per_word(found: dict[tuple[int, int], Mention], kept: set[tuple[int, int]] | None = None) -> None:
    """A lone word the model calls a person in one sentence and a place, group or body in another ("Veloria
    says ..." beside "Veloria's regulator") is the latter, unless the article names a person ending in it, or the
    mention is one of ``kept`` (a person by what is written before it: "his son Jordan")."""
    others: dict[str, Counter[str]] = {}
    full = {m.text.split()[-1] for m in found.values() if m.type == "PERSON" and " " in m.text}
    for m in found.values():
        if m.type != "PERSON" and " " not in m.text:
            others.setdefault(m.text, Counter())[m.type] += 1
    for key, m in list(found.items()):
        if (
            m.type == "PERSON"
            and " " not in m.text
            and m.text in others
            and m.text not in full
            and key not in (kept or ())
        ):
            kind = others[m.text].most_common(1)[0][0]
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type=kind)


_WORD = re.compile(r"[\w-]+")


class _Words:
    """Whether a text writes a word on its own (not inside a longer word or hyphenation), answered from the set
    of its words, found once: a search of the whole text per name was quadratic in long articles."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: set[str] | None = None
        self.asked: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        if _WORD.fullmatch(word):
            if self.words is None:
                self.words = set(_WORD.findall(self.text))
            return word in self.words
        if word not in self.asked:  # a word with other characters ("u.s."): searched as before, once
            self.asked[word] = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", self.text) is not None
        return self.asked[word]


def _common_noun(token: Token, surnames: set[str], words: _Words) -> bool:
    """A word opening a sentence that the parse reads as a common noun and the article writes as one: in lower
    case elsewhere, as a label before a colon ("Background: ..."), or as a plural place ("Eyewitnesses said"). Never the
    surname of a person the article names in full ("Sanders said")."""
    if _plural_of_people(token):
        return True
    if token.pos_ != "NOUN" or not token.is_sent_start or entities.skeleton(token.text) in surnames:
        return False
    label = token.i + 1 < len(token.doc) and token.nbor().text == ":"
    # A plural the parse reads as a common noun, called a place ("Eyewitnesses suggested ..."): no place is
    # written so (a team or a surname may be: "Cubs", "Mehrtens").
    plural_place = token.tag_ == "NNS" and token.ent_type_ in {"GPE", "LOC", "FAC"}
    return label or plural_place or token.lower_ in words


# Endings of plural nouns of people ("witnesses", "residents", "activists"): no place, body or person is named so.
_PEOPLES_PLURAL = re.compile(r"[a-z]{2,}(?:esses|ents|ists)$")


def _plural_of_people(token: Token) -> bool:
    """A plural noun of people opening a sentence as its subject, which the model took for a place because it is
    capitalised there ("Eyewitnesses suggested ...", "Residents said ..."): a common noun, whatever its tag."""
    return (
        bool(token.is_sent_start)
        and token.dep_ == "nsubj"
        and token.ent_type_ in {"GPE", "LOC", "FAC"}
        and _PEOPLES_PLURAL.fullmatch(token.lower_) is not None
        and token.text[:1].isupper()
        and token.text[1:].islower()
    )


def _an_adverb(token: Token) -> bool:
    """An adverb in "-ly" the model tagged a name, wherever it stands ("“Utterly disappointing ...”")."""
    return token.pos_ == "ADV" and token.lower_.endswith("ly")


def _an_adjective_opening(token: Token) -> bool:
    """An adjective opening a sentence or a heading that qualifies the lower-case noun after it: "Grim task of
    identifying loved ones" (a name before a noun is a compound of it: "Trump administration")."""
    head = token.head
    return (
        token.pos_ == "ADJ"
        and bool(token.is_sent_start)
        and token.dep_ == "amod"
        and head.i == token.i + 1
        and head.pos_ == "NOUN"
        and head.is_lower
    )


def _short_bodies(found: dict[tuple[int, int], Mention], text: str | None = None) -> None:
    """A lone word the model calls a person that opens or ends the name of an organisation in the same article
    ("Greywater" beside "Greywater Terminals", "a Gazette source" beside "the Harbour Gazette") is that
    organisation's short name, unless the article names a person ending in it. So is a lone word it calls a place
    that opens such a name and a heading, where the article never writes that word on its own elsewhere (a
    subheading "Zorvan rejects the verdict" beside "the Zorvan League" four times; not "Veloria" beside "the
    Veloria Bank", which the article also writes alone). Places in running text are left as they are: "three
    Tarrow counties" and "the Tarrow Department of Justice" name a place and a body of it."""
    parts: set[str] = set()
    openers: dict[str, list[tuple[int, int]]] = {}
    for (start, end), m in found.items():
        words = [w for w in m.text.split() if w.lower() != "the"]
        if m.type == "ORG" and len(words) > 1:
            parts.update((words[0], words[-1]))
            openers.setdefault(words[0], []).append((start, end))
    full = {m.text.split()[-1] for m in found.values() if m.type == "PERSON" and " " in m.text}
    for key, m in list(found.items()):
        # A name written with a title ("Mr. Trump") is a person whatever body bears it.
        if m.type == "PERSON" and m.role is None and m.text in parts and m.text not in full:
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type="ORG")
        elif m.type in _PLACES and text is not None and m.text in openers and _opens_a_heading(text, m):
            bodies = openers[m.text]
            elsewhere = [
                at.start()
                for at in re.finditer(rf"(?<![\w-]){re.escape(m.text)}(?![\w-])", text)
                if at.start() != m.start
            ]
            if all(any(s <= at < e for s, e in bodies) for at in elsewhere):
                found[key] = Mention(text=m.text, start=m.start, end=m.end, type="ORG")


def _opens_a_heading(text: str, mention: Mention) -> bool:
    """Whether ``mention`` opens a heading: a line of a few words with no full stop ("Zorvan rejects the
    verdict"), where a body's short name stands as subject."""
    line_start, line = _line(text, mention.start)
    line = line.strip()
    return (
        mention.start == line_start
        and " " in line
        and len(line.split()) <= _HEADING_WORDS
        and not line.endswith((".", "!", "?", ":", ";", ","))
    )


def _line(text: str, at: int) -> tuple[int, str]:
    """Where the line holding ``at`` starts, and the line."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, text[start : len(text) if end < 0 else end]


_HEADING_WORDS = 12
_PLACES = frozenset({"GPE", "LOC"})
_PERSON_OR_BODY = frozenset({"PERSON", "ORG"})
_PERSON_BODY_OR_PLACE = _PERSON_OR_BODY | _PLACES
_PROPN = frozenset({"PROPN"})


def _surnames(
    doc: Doc, text: str, found: dict[tuple[int, int], Mention], apart: set[tuple[int, int]] | None = None
) -> None:
    """Surnames the model missed or mistyped, spelled another way in the same article ("Jermak" beside "Yermak").
    The people of ``apart`` (a person by what is written before them: "his son Jordan") lend no surname."""
    persons = {
        entities.skeleton(m.text.split()[-1]) for k, m in found.items() if m.type == "PERSON" and k not in (apart or ())
    }
    persons.discard("")
    if not persons:
        return
    for key, mention in list(found.items()):
        single = mention.type in {"ORG", "GPE", "LOC"} and " " not in mention.text
        if single and entities.skeleton(mention.text) in persons:
            found[key] = Mention(text=mention.text, start=mention.start, end=mention.end, type="PERSON")
    covered = {i for s, e in found for i in range(s, e)}
    ordered: list[int] | None = None  # the covered characters in order, sorted when first asked
    for token in tokens.where(doc, pos=_PROPN):
        if token.pos_ != "PROPN" or token.idx in covered or not token.text[:1].isupper() or len(token) < 4:
            continue
        if entities.skeleton(token.text) in persons:
            span = _with_first_name(doc[token.i : token.i + 1])
            start = span.start_char
            if ordered is None:
                ordered = sorted(covered)
            # Some covered character in [start, token.idx): the first one from start on comes before the token.
            k = bisect_left(ordered, start)
            if k < len(ordered) and ordered[k] < token.idx:
                start = token.idx
            found[(start, token.idx + len(token))] = Mention(
                text=text[start : token.idx + len(token)], start=start, end=token.idx + len(token), type="PERSON"
            )


def find(doc: Doc, text: str | None = None) -> tuple[Mention, ...]:
    """Every PERSON, ORG, GPE, LOC and NORP mention in ``doc``, in text order, with roles for people. ``text`` is
    ``doc.text`` when the caller has it (a Doc joins its tokens again each time it is asked)."""
    found: dict[tuple[int, int], Mention] = {}
    ents = doc.ents  # once: a Doc builds its entity spans again, in a pass over every token, each time it is asked
    text = doc.text if text is None else text  # once
    # The last words of the people the model names (of those named in full: ``surnames``), each name read once.
    # A name's words are read off the text, which the Doc's tokens index (``Span.text`` makes a Token of each).
    persons: set[str] = set()
    surnames: set[str] = set()
    for e in ents:
        if e.label_ == "PERSON":
            written = text[e.start_char : e.end_char]
            if written.strip():
                persons.add(entities.skeleton(written.split()[-1]))
            if len(e) > 1:
                surnames.add(entities.skeleton(written.split()[-1]))
    words = _Words(text)
    for ent in ents:
        kind = TYPES.get(ent.label_)
        if kind in _NAMES and len(ent) == 1 and _common_noun(ent[0], surnames, words):
            continue  # a common noun capitalised by its place, tagged a name: "Background: Talks collapsed"
        if kind in _NAMES and len(ent) == 1 and (_an_adverb(ent[0]) or _an_adjective_opening(ent[0])):
            continue  # "“Utterly disappointing ...”", a heading's "Grim task of identifying ..."
        titled = _titled_person(ent) if ent.label_ != "PERSON" and len(ent) <= _MAX_WORDS else None
        if titled is not None:
            start, end, title = titled
            found[(start, end)] = Mention(text=text[start:end], start=start, end=end, type="PERSON", role=title)
            continue
        if kind is None or len(ent) > _MAX_WORDS:
            continue
        written = text[ent.start_char : ent.end_char]
        name = _cut(_clean(written), kind)
        start = ent.start_char + written.find(name)
        if kind in _PLACE_OR_BODY and name and _named_with_s(text, ent, name, start + len(name), surnames):
            name = text[start : ent.end_char]  # "McDonald's said", "in St. John's.": the "'s" is the name's
        if name.startswith("The ") and _the_opening(text, start, name):
            start, name = start + 4, name[4:]  # "The Green Zone was shut": the article, capitalised by its place
        if not name or not any(c.isupper() for c in name[:1]) or _RUN_ON.search(name):
            continue
        if _time_zone(text, start, name):
            continue
        if owner := _OWNER.search(name):
            if kind != "PERSON":
                found[(start, start + owner.start())] = Mention(
                    text=name[: owner.start()], start=start, end=start + owner.start(), type=kind
                )
            start, name = start + owner.end(), name[owner.end() :]
            if entities.skeleton(name.split()[-1]) in persons:
                kind = "PERSON"  # "Dastmar's Arsen Cybulski" beside "Cybulski told reporters"
        head = name.split()[-1].lower() if " " in name else ""
        if kind in _NAMES and head in kinds.EVENT_HEADS and not (kind == "ORG" and head in kinds.BODY_EVENT_HEADS):
            continue  # "the Asia Cup" read as a place, "the Super Fours" as a body: an event, a stage, a law
        if kind in _NAMES and " " in name and name.split()[-1].lower() in kinds.BODY_HEADS:
            kind = "ORG"  # "Greywater Terminals" read as a person, "the Harbour Gazette" as a place
        if kind in _NAMES and " " in name and _a_room(ent):
            kind = "LOC"  # "met in the Oval Office": a room one is in, not a body or a person
        if kind == "PERSON" and not owner and (whole := _with_first_name(ent)) is not ent:
            ent, name, start = whole, text[whole.start_char : start + len(name)], whole.start_char
        role = (_role_before(ent) or _role_apposed(ent) or _role_heading(ent)) if kind == "PERSON" else None
        if kind == "PERSON" and role and len(ent) == 1 and (body := _named_before(found, start, role)) is not None:
            # "HBO Max streaming business": a word the model calls a person after a body's name, which is all its
            # "role", ends that name.
            del found[(body.start, body.end)]
            kind, role, name, start = "ORG", None, text[body.start : start + len(name)], body.start
        if _honorific(role):
            # "Mr Orvin": a form of address is no role; "Sheikh Mujibur Rahman": a title is part of the name.
            at = text.rfind(role or "", 0, start)
            if (role or "").lower() in _NAME_TITLES and at >= 0 and text[at + len(role or "") : start] == " ":
                name, start = text[at : start + len(name)], at
            role = None
        if (role and _names_a_body(role)) or (kind == "PERSON" and _written_as_a_body(ent)):
            # "Consumer group Fair Pay Veloria", "X, a farmers' union": the noun says it is no person.
            kind, role = "ORG", None
        elif kind == "PERSON" and _written_as_a_place(ent):
            kind, role = "GPE", None
        found[(start, start + len(name))] = Mention(text=name, start=start, end=start + len(name), type=kind, role=role)
    # Before the surname pass, so places the model called people ("the Dalen region") lend it no surnames.
    kinds.type_names(doc, found, text)
    for key in [k for k, m in found.items() if m.type == kinds.WORK]:
        del found[key]
    _with_particles(text, found)
    _with_generation(text, found)
    _surname_with_particles(text, found)
    _listed_with_people(doc, text, found)
    _figured_alike(text, found)
    _place_after_a_place(doc, text, found)
    _company_or_site(text, found)
    _persons_by_what_they_have(text, found)
    _peoples_words(found)
    _uncapitalised_people(text, found)
    _no_portfolios(text, found)
    _titles_alone(found)
    kin = _kin_and_surnames(text, found)
    _own_s_throughout(text, found)
    _one_kind_per_word(found, kin | _addressed(text, found))
    _short_bodies(found, text)
    _not_a_name(text, found)
    _labels(text, found)
    _surnames(doc, text, found, kin)
    _headline_names(text, found)
    _headline_places(text, found)
    _bodies_in_a_country(text, found)
    _outlets(text, found)
    _ministries_in_lower_case(text, found)
    return tuple(sorted(found.values(), key=lambda m: m.start))


# A state's ministry written in lower case after its country's owner's mark: "'s foreign ministry".
_MINISTRY_AFTER = re.compile(
    r"['’]s ((?:foreign|external affairs|home|interior|defen[cs]e|finance|justice|health|trade|commerce|"
    r"information|education|agriculture|energy|environment) (?:ministry|department|office))\b"
)


def _ministries_in_lower_case(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A state's ministry written in lower case after its country's possessive ("Bangladesh's foreign ministry
    demanded ...") is that state's body, as "Bangladesh's Foreign Ministry" is: the model tags no name in lower
    case, and an actor written either way is one (the entities stage links it with its owner,
    :meth:`~newsdesk.extract.entities.Linker._owners_before`). Only after a country's name
    (:func:`countries.country`, not its capital) that the article's mentions hold."""
    for m in list(found.values()):
        if m.type != "GPE" or countries.country(m.text) is None or countries.capital(m.text) is not None:
            continue
        if (body := _MINISTRY_AFTER.match(text, m.end)) and (body.start(1), body.end(1)) not in found:
            start, end = body.span(1)
            found[(start, end)] = Mention(text=body[1], start=start, end=end, type="ORG")


# The kinds of name that may end in "'s" ("McDonald's", "St. John's"); a person's never does.
_PLACE_OR_BODY = frozenset({"ORG", "GPE", "LOC"})
# An owner's mark, as a whole token.
_S_MARKS = frozenset({"'s", "’s"})
# The parts of speech of what an owner's mark says a name owns: "Russia's plan", "McDonald's new menu", "Oslo's 3".
_OWNED = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "ADV", "DET"})
_OPENING_BRACKETS = frozenset("([{")


def _named_with_s(text: str, ent: Span, name: str, end: int, surnames: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether the "'s" the model's name ``ent`` ends with (at ``end``, after ``name`` as cleaned) is the name's own:
    the article never writes the name without it but as a person's (a name the model tags a person, one after a
    form of address, "Mr. McDonald", or the surname of one of ``surnames``, the people it names in full), the parse
    ties the name to nothing it owns, and nothing it owns follows ("McDonald's said", "at St. John's."). A
    possessive is followed by what it owns ("Russia's plan", "the Board's (PCB) request"), and a name also written
    alone is that name ("Netflix's proposed acquisition" in an article naming Netflix: the parse takes "proposed"
    for the verb "McDonald's said" has)."""
    last = ent[-1]
    if last.text not in _S_MARKS or last.idx != end or len(ent) < 2 or ent[-2].dep_ == "poss":
        return False
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and (after.pos_ in _OWNED or after.text in _OPENING_BRACKETS):
        return False
    if entities.skeleton(name) in surnames:
        return True  # the name written alone is the person's the article names in full ("Tom McDonald")
    people = [(e.start_char, e.end_char) for e in ent.doc.ents if e.label_ == "PERSON"]
    for alone in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text):
        # A person of that surname ("Mr. McDonald", "Tom McDonald") is someone else: the name is not written alone.
        title = text[max(0, alone.start() - 6) : alone.start()].replace(".", " ").split()[-1:]
        if not any(a <= alone.start() and alone.end() <= b for a, b in people) and not (
            title and title[0].lower() in _HONORIFICS
        ):
            return False
    return True


# A lower-case word opening a sentence or a line: "brazilian authorities have stated ..." after a paragraph break.
_UNCAPITALISED_OPENING = re.compile(r"(?:^|(?<=[.!?]) +)([a-z]{4,})(?= )", re.MULTILINE)


def _uncapitalised_people(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A lower-case word opening a sentence or a line that is the people's word of a country the article names
    ("brazilian authorities have stated ..." beside "Brazil", by the table of countries' people,
    :func:`countries.of_people`) is that people's word (NORP), which its writer left uncapitalised and the model reads
    as a common word. Only at a sentence's opening, where a capital was due, and only beside its country: elsewhere
    a lower-case word is no name. Only by the table, never by an ending (:func:`~newsdesk.extract.entities.
    people_word`): a common word is often a place's name with an ending ("user" of the US, "roman" of Rome,
    "hamburger" of Hamburg), and a lower-case word is a common word unless the table says otherwise."""
    named = {c for m in found.values() if m.type == "GPE" and (c := countries.country(m.text))}
    if not named:
        return
    for word in _UNCAPITALISED_OPENING.finditer(text):
        start, end = word.span(1)
        if (start, end) not in found and countries.of_people(word[1]) in named:
            found[(start, end)] = Mention(text=word[1], start=start, end=end, type="NORP")


# A lone capital letter after a word, ending there: the letter of a label ("Group A", "Pool C"), not an initial ("A.").
# "I" is left out (the pronoun: "Marvosk I think"), and so is a letter before a capitalised word: a title-case
# headline's article ("Pence Gives GOP A Boost").
_LABEL_LETTER = re.compile(r" [A-HJ-Z](?![\w.’'-])(?! +[A-Z])")


def _labels(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A one-word name that opens a label ("a Group A match", "Pool C") wherever the article writes it is no name:
    a common word capitalised as the label's, which the model tags a body. A name the article also writes without a
    letter after it ("Marvosk A" of a second team, beside "Marvosk" alone) is left as found."""
    for key, m in list(found.items()):
        if " " in m.text or m.type not in _PERSON_BODY_OR_PLACE or not _LABEL_LETTER.match(text, m.end):
            continue
        written = re.finditer(rf"(?<![\w-]){re.escape(m.text)}(?![\w-])", text)
        if all(_LABEL_LETTER.match(text, at.end()) for at in written):
            del found[key]


def _headline_places(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A name the model ran from a place into the words after it in a headline ("Ukraine Tied to Territorial
    Concessions", a body, where every word but "to" is capitalised) is that place, where the article names the
    place alone elsewhere and never writes the run of words again: a small word inside it ("to", "for") says it
    is no name of a body ("Bank of England" starts with no place; "Harbour Police" has no small word)."""
    places = {m.text: m.type for m in found.values() if m.type in _PLACES}
    if not places:
        return
    for key, m in list(found.items()):
        if m.type in _PLACES or m.type == "PERSON" or not _headline(text, m.start):
            continue
        place = next((p for p in places if m.text.startswith(p + " ")), None)
        rest = m.text[len(place or "") :].split()
        if place is None or not any(w.islower() for w in rest) or text.count(m.text) > 1:
            continue
        del found[key]
        end = m.start + len(place)
        found.setdefault((m.start, end), Mention(text=place, start=m.start, end=end, type=places[place]))


# A body's name "... for <Capitalised>" (the words of what it is for, each capitalised).
_FOR_NAME = re.compile(r" for (?:the )?[A-Z][\w’'-]*(?: (?:and |of )?[A-Z][\w’'-]*)*$")
# What a country ends its name on after "in" ("the Board of Control for Cricket in India"), and the capitalised
# words of the country's people in the article ("Indian", "Indians").
_IN = " in "
_CAPITALISED_WORD = re.compile(r"(?<![\w’'-])[A-Z][a-z]{2,}(?![\w’'-])")


def _bodies_in_a_country(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A body's name "X for Y" the model ended before " in <Place>" is "X for Y in <Place>" when the place is a
    country (or a larger region) the article names its people by: "the Board of Control for Cricket in India" beside
    "the Indian team" is one body, not "Board of Control for Cricket" and India. A city seldom has its people's word
    written ("the Institute for Fiscal Studies in London" stays a body and a place). The place's own mention goes."""
    at = {m.start: (key, m) for key, m in found.items() if m.type in _PLACES}
    if not at:
        return
    peoples: set[str] | None = None  # the capitalised words of the article, found when first asked
    for key, m in list(found.items()):
        if m.type != "ORG" or not text.startswith(_IN, m.end) or _FOR_NAME.search(m.text) is None:
            continue
        place = at.get(m.end + len(_IN))
        if place is None or len(place[1].text.split()) > 2:
            continue
        if peoples is None:
            peoples = set(_CAPITALISED_WORD.findall(text))
        if not any(entities.people_word(w, place[1].text) for w in peoples if w.startswith(place[1].text[:2])):
            continue
        end = place[1].end
        del found[key], found[place[0]]
        found[(m.start, end)] = Mention(text=text[m.start : end], start=m.start, end=end, type="ORG")


def _peoples_words(found: dict[tuple[int, int], Mention]) -> None:
    """A one-word name the model tagged a person, a body or a place that is the people's word of a place the
    article names (:func:`~newsdesk.extract.entities.people_word`: "Iowans" beside "Iowa", "Ukrainian" beside
    "Ukraine") is those people (NORP): never a surname another person's name could take ("Iowans" had joined
    "Dainis Ivans"), nor a place of its own ("Ukrainian" had been a place beside Ukraine, in 14 mentions)."""
    places = {m.text for m in found.values() if m.type in _PLACES and " " not in m.text}
    if not places:
        return
    # ``people_word`` holds only for a word whose skeleton is longer than the place's and opens with it less its
    # last letter: it is asked of those places alone (the places' skeletons worked out once).
    keys = [(p, skeleton) for p in places if (skeleton := entities.skeleton(p))]
    for key, m in list(found.items()):
        if m.type not in _PERSON_BODY_OR_PLACE or " " in m.text:
            continue
        one = m.text[:-1] if m.text.endswith("s") else m.text  # "Iowans": an Iowan each
        word = entities.skeleton(one)
        near = [p for p, k in keys if len(word) > len(k) and word.startswith(k[:-1])]
        if any(entities.people_word(one, p) for p in near):
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type="NORP")


def _outlets(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """An outlet the model tagged in part or as a person ("theHarbour Gazette" with "Gazette" a person) is one
    organisation. The mentions an outlet crosses are looked up by bisection: no mention is longer than the longest
    seen, so only those starting less than that before the outlet can reach into it."""
    keys = sorted(found)
    longest = max((e - s for s, e in keys), default=0)
    for start, end, _outlet in attributions.outlets(text):
        lo = bisect_left(keys, (start - longest, end))
        hi = bisect_left(keys, (end, -1))
        crossing = [(s, e) for s, e in keys[lo:hi] if s < end and start < e]
        if all(start <= s and e <= end for s, e in crossing):
            for key in crossing:
                del found[key]
                keys.remove(key)
            if (start, end) not in found:
                insort(keys, (start, end))
            found[(start, end)] = Mention(text=text[start:end], start=start, end=end, type="ORG")
            longest = max(longest, end - start)


_TITLED_WORDS = 0.6  # share of a line's longer words capitalised from which it is a headline
_HEADLINE_WORDS = 25


def _headline(text: str, start: int) -> bool:
    """Whether the line holding ``start`` is a headline: a line of a few words, most of its longer words
    capitalised ("Lawmakers Rip Veloria Mayor As A 'Fraud'")."""
    # No more than _HEADLINE_WORDS + 1 words are split off: a line with more is no headline, whatever its words.
    words = _line(text, start)[1].split(maxsplit=_HEADLINE_WORDS)
    if len(words) > _HEADLINE_WORDS:
        return False
    longer = [w for w in words if len(w.strip("‘’'\"“”.,:;!?()")) >= 4]
    if not longer:
        return False
    return sum(w.strip("‘’'\"“”(")[:1].isupper() for w in longer) >= _TITLED_WORDS * len(longer)


def _headline_names(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """A person's name the model ran into the words beside it in a headline ("Ana Vell Wins", "Rip Ana Vell",
    "Vell Says She Never", every word capitalised) is the name the article writes elsewhere: cut to the longest
    run of its words (two at least) that another mention of a person in the article is; else after its last word
    that is a surname the article writes (the last word of a full name, or a person written alone), as nothing but
    a suffix follows a surname. A suffix ("Jr.") is part of a name, never cut."""
    persons = [m for m in found.values() if m.type == "PERSON"]
    if len(persons) < 2:
        return
    for key, m in list(found.items()):
        words = m.text.split()
        if m.type != "PERSON" or len(words) < 2 or not _headline(text, m.start):
            continue
        others = [p.text for p in persons if p is not m]
        full = {t for t in others if " " in t}
        best = None
        for n in range(len(words) - 1, 1, -1):
            for i in range(len(words) - n + 1):
                if " ".join(words[i : i + n]) in full:
                    best = (i, n)
                    break
            if best:
                break
        if best is None:
            surnames = {t.split()[-1] for t in others}
            last = max((k for k, w in enumerate(words) if w in surnames), default=None)
            if last is None or last == len(words) - 1 or m.text in others:
                continue  # no surname in it, or the name ends on one ("Ana Vell, 40."; "Vell" written alone)
            best = (0, last + 1)
        i, n = best
        cut = words[:i] + words[i + n :]
        if any(w.lower().strip(".,") in _SUFFIXES for w in cut):
            continue
        start = m.start + len(" ".join(words[:i])) + (1 if i else 0)
        name = " ".join(words[i : i + n])
        if text[start : start + len(name)] != name:
            continue  # written with other spaces than one: left as found
        del found[key]
        found[(start, start + len(name))] = Mention(
            text=name, start=start, end=start + len(name), type="PERSON", role=m.role
        )
