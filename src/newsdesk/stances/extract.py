"""The stances of one article: who takes which position on what, read from what the parse already gave.

An actor is a canonical entity (a person, organisation, country or group the entities stage linked). Two kinds
of evidence are read, and nothing is parsed again (spaCy's parse is read through the quotes stage's mentions and
quotes, as the claims stage reads it):

- a quote or view whose cue is a position verb ("rejected", "welcomed", "opposed", "wants", "insist"): the
  position is the verb's (:data:`SUPPORT`, :data:`OPPOSE`), its target the cue's object (the quote's text), and
  a negation before the cue turns it ("did not back");
- a quote whose cue is a speech verb ("said", "told", "declared"): the content is read for a position verb of
  its own ("we will never accept ..."), a proposition with a modal ("borders must not be changed by force"), a
  condition of the speaker's own course ("we will talk only if", "provided that"), what a course would bring about
  ("legitimising conquest would invite aggression", read by the ``sentiment`` callable, a word list by default
  (:mod:`newsdesk.stances.sentiment`)), or else, with a sentiment model passed in (``newsdesk.target_sentiment``),
  the sentiment toward the first entity it names (the word list reads no name: it was wrong three times in four);
- a clause "<actor> [has consistently] <position verb> <object>" that the quotes stage did not take as a quote
  ("with Trump pushing for a ceasefire", "a plan that Trump has been pushing").

A condition anywhere in the clause makes the position ``conditional``. Each stance keeps its evidence span, its
target span, whether the actor said it or someone reported it, its date (a day the sentence names, else the
article's), its strength (how firm the wording is) and a confidence.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from newsdesk import countries
from newsdesk.abbreviations import ends_no_sentence, goes_on, word_after
from newsdesk.dates import WEEKDAYS, one_of
from newsdesk.records import JOINT_SPEAKER, Article, Mention, Position, Quote, SpeakerKind, Stance, name_written
from newsdesk.stances.sentiment import Sentiment, lexicon

__all__ = ["ACTOR_TYPES", "FUNCTION_WORDS", "OPPOSE", "SUPPORT", "find", "sentences", "terms"]

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
MAX_STANCES = 200  # an article with more is a list or a transcript; the first are kept

# A continent, or a part of one by its compass point, names no one who holds a position ("Western Europe and Asia
# fear ..."): no government or body speaks for it. "Europe" alone is kept, as news writes it for the European
# Union's governments ("Europe has refused to recognise ..."); "America" alone is kept too (the United States).
_CONTINENT = re.compile(
    r"(?:the\s+)?(?:(?:western|eastern|northern|southern|central)\s+(?:europe|asia|africa)"
    r"|(?:south|east|south-?east|west|central)\s+asia|(?:west|east|north|sub-saharan)\s+africa"
    r"|(?:north|south|latin|central)\s+america|(?:the\s+)?americas|asia(?:[- ]pacific)?|africa|oceania|antarctica"
    r"|australasia|eurasia)",
    re.IGNORECASE,
)
# A name written before a plural noun of states is an adjective of the group ("Poland and the Baltic states argue"):
# the states hold the position, and the name alone names none of them.
# "states" before "that", a pronoun or an article is the verb: "Marovia states that it rejects ..." names Marovia.
_GROUP_AFTER = re.compile(
    r"\s+(?:states\b(?!\s+(?:that|it|its|he|she|they|we|the|a|an|this|these|those)\b)|countries\b|nations\b"
    r"|republics\b)"
)


def _an_actor(text: str, mention: Mention) -> bool:
    """Whether ``mention`` may hold a stance: not a continent or a part of one, not a name qualifying a group."""
    return _CONTINENT.fullmatch(mention.text.strip()) is None and _GROUP_AFTER.match(text, mention.end) is None


# Position verbs, matched on the start of the lower-cased word, so every inflection counts ("rejects", "rejected").
OPPOSE = re.compile(
    r"^(?:reject|oppos|refus|condemn|critici[sz]|denounc|dismiss|object(?:s|ed|ing)?\b|resist|block(?:s|ed|ing)?$|veto|"
    r"rule[sd]? out|"
    r"slam|decr[iy]|protest|warn(?:ed|s)? against|fear|resistance|opposition)"
)
SUPPORT = re.compile(
    r"^(?:support|back(?:s|ed|ing)?$|welcom|accept|endors|embrac|favou?r(?:s|ed|ing)?\b|push|call(?:s|ed|ing)? for|"
    r"urg(?:e|es|ed|ing)\b|insist|demand|seek|sought|want|propos(?:e|es|ed|ing)\b|advocat|agre(?:e|es|ed|eing)\b|"
    r"approv(?:e|es|ed|ing)\b|prais|hail|champion|willing|open to|ready|prepar(?:e|es|ed|ing)\b|"
    r"commit(?:s|ted|ting)?\b|pledg|promis)"
)
# Acts that a willing actor would do: "may be open to recognising X" is for recognising X.
_ACT = re.compile(
    r"^(?:recogni[sz]|cede$|ced(?:es|ed|ing)$|give up|gave up|giv(?:es|ing) up|sign(?:s|ed|ing)?$|freez|lift|"
    r"withdraw|abandon|annex|join|deploy|halt|(?:consider|regard)(?:s|ed|ing)? \w+ (?:\w+ )?as\b)"
)
# The first two letters of every match of OPPOSE, SUPPORT and _ACT (each anchored at the start of a lower-cased
# string): a word of a quote that starts with none of them is no position or act verb, nor does it open one with the
# words after it, so those need not be asked (tests/stances/test_verb_starts.py reads them from the patterns).
_VERB_STARTS = frozenset(
    "ab ac ad ag an ap ba bl ca ce ch co cr de di em en fa fe fr ga gi ha in jo li ob op pl pr pu re ru se si sl so "
    "su ur ve wa we wi".split()
)
_SPEECH = re.compile(
    r"^(?:sa(?:y|id|ys)|told|tell|declar|stat|argu|maintain|emphasi[sz]|stress|reiterat|repeat|announc|signal|"
    r"add|wr(?:o|i)te|explain|note|warn|assert|claim|vow|swor|tweet|post)"
)
# "n't" with either apostrophe ("don’t", "can’t": news sets the curly one) and "cannot" negate as "not" does.
_NEGATION = re.compile(r"\b(?:not|never|no longer|no|nobody|none|neither|nor|without|cannot)\b|n[’']t\b", re.IGNORECASE)
_FIRM = re.compile(
    r"\b(?:never|consistently|firmly|categorically|repeatedly|always|strongly|flatly|out of the question|must|"
    r"under no circumstances|at all costs)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|reportedly|allegedly|apparently|appears?|seems?|is said to|are said to|"
    r"open to|considering|consider|would)\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:only\s+(?:\w+\s+){0,3}?if|if and only if|as long as|so long as|"
    r"provid(?:ed|ing)\s+that|(?<=, )provid(?:ed|ing)|"  # (a conjunction, not "Cook provided a statement")
    r"on (?:the )?condition(?: that)?|unless|only after|only once|only when|in exchange for|in return for)\b",
    re.IGNORECASE,
)
_MODAL_PROPOSITION = re.compile(
    r"(?P<subject>[\w’'\- ]{3,80}?)\s+(?:(?:must|should|can|cannot|can[’']t)\s+(?P<neg>not\s+|never\s+)?|"
    r"(?:will|would)\s+(?P<neg2>not\s+|never\s+))be\s+(?P<rest>\w+(?:ed|en|wn|ne|t)\b[^,;.!?]*)",
    re.IGNORECASE,
)
_PRONOUN_END = re.compile(r"\b(?:it|they|this|that|these|those|he|she|we|i|you)$", re.IGNORECASE)
# What every modal proposition holds ("must be", "will not be"): searched for first, as the proposition's own
# pattern tries a subject at every place of a quote.
_MODAL_BE = re.compile(r"(?:must|should|can|cannot|can[’']t|will|would)\s+(?:not\s+|never\s+)?be\s", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"\s*(?:,(?!\d{3}\b)|[;:!?—–\n]|\s-\s|\.(?:\s|$)|https?:|"  # (a figure's thousands comma is no end: "1,076 donors")
    r"\b(?:as part of|amid|because|while|after|before|since|despite|but|and said|"
    r"(?:only |even )?if|unless|adding|saying|according to|in response to|he said|she said)\b)",
    re.IGNORECASE,
)
_BETWEEN = re.compile(
    r"(?:’s|'s)?(?:\s+(?:has|have|had|is|are|was|were|been|being|also|consistently|repeatedly|firmly|openly|"
    r"strongly|long|now|still|again|reportedly|publicly|already|continued to|continues to|always|quickly|"
    r"would|will|may|might|could|did|does|do|not|never|no longer|to))*\s+(?P<verb>[\w’'-]+(?:\s+(?:for|out|"
    r"against|on|up|to))?)\b",
    re.IGNORECASE,
)
# What the word after a name in _BETWEEN is not, to be a position verb: a noun's ending ("commitments"); an
# inflection, without which the word right after a name is a noun ("US support for"); and what makes the clause
# a supposition ("if Ukraine accepts ...").
_NOUN_END = re.compile(r"(?:ment|tion|ance)s?$|ers$", re.IGNORECASE)  # (and who does it: "Trump supporters")
_INFLECTED = re.compile(r"(?:s|ed|ing|id|ld)$")
_SUPPOSITION = re.compile(r"\b(?:if|whether|unless|would|could)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_WHICH = re.compile(r"[\s,”\"’']*(?:which|that)\s+", re.IGNORECASE)
# (for views, only what asks or supposes: "could blunt Republicans' demands for change" names demands made)
_SUPPOSED = re.compile(r"\b(?:if|whether|unless)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_THAT = re.compile(r"\s+that\s+")
# A position cue written after quoted words that are its content: what was urged, demanded, insisted on, proposed,
# pledged, promised or agreed ("“Belstad should drop the toll,” Holm demanded").
_DEMANDING = re.compile(r"(?:urg|insist|demand|propos|pledg|promis|agre|advocat)")
# "legitimising conquest would invite aggression": a proposition judged by what it would bring about.
_CONSEQUENCE = re.compile(r"(?P<subject>[^,;]{3,90}?)\s+(?:would|could|will|might|may)\s+(?!be\b)\w+", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:a|an|the|this|that|its|his|her|their|our)\s+(?P<np>[\w’'\- ]{3,60}?)\s+(?:that|which)\s*$", re.IGNORECASE
)
_GROUP = re.compile(
    r"\b(?:allies|partners|leaders|officials|governments?|administrations?|states|countries|ministr(?:y|ies)|"
    r"delegations?|teams?|forces|diplomats|lawmakers|parliaments?|cabinets?|negotiators|authorities|proponents|"
    r"opponents|critics|supporters)\b",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"^(?:go|do|it|this|that|so|months?|weeks?|years?|days?|decades?|hours?|long|now|more|see|say|know|look|get|"
    r"make|be|have|talk|comment|hear|think|happen|today|tomorrow|tonight|yesterday|forever)$",
    re.I,
)
# Position words that are as often a noun or an adverb: a position verb in a quote's content only after a
# pronoun, an auxiliary or a negation ("we back", "will not support").
_AMBIGUOUS = frozenset(
    {"back", "call", "push", "demand", "support", "offer", "open", "ready", "block", "fear", "want", "champion"}
    | {"protest"}
)
# Readiness words are a position only toward an act ("prepared to sign", "committed to the talks"), never with
# an object of their own ("prepared the report").
_NEEDS_TO = re.compile(r"^(?:prepar|commit|ready|willing)")
# "insisted that X happened" asserts X (a claim); "insisted on X" or "insisted that X must" is a position on X.
_INSIST = re.compile(r"^insist")
_DEONTIC = re.compile(r"\b(?:must|should|ought|needs? to|has to|have to|cannot|can[’']t|will not|won[’']t)\b")
# Agreeing, whose object may be a clause ("agreed that ...", "agreed Saturday that ...", "agreed there are ...",
# "agreed the obstacle can be resolved"): after the time (:data:`_WHEN`), a clause opens with "that" after at most
# three words, or is a subject with a verb of its own before any "to", "that", "which", "who", "with", "for" or "on"
# ("agreed a deal to buy ...", "agreed to acquire", "agrees with Holm that ...", "agreed on a plan that ..." are no
# such clause).
_AGREE = re.compile(r"^agre(?:e|es|ed|eing)(?: on)?$")
_A_CLAUSE = re.compile(
    r"(?:(?!(?:with|to|on|upon|in)\b)[\w’'.-]+\s+){0,3}?that\s|"
    r"(?:(?!(?:to|that|which|who|whose|with|for|on|upon|in)\b)[^\s,;:]+\s+){1,8}?"
    r"(?:is|are|was|were|has|have|had|can|could|will|would|may|might|does|do|did)\b",
    re.IGNORECASE,
)
# What a clause agreed with says will be done ("agreed that the toll would be scrapped", "agreed the toll is to be
# lifted"): a course decided, the passive of an act, as "must" says one is owed; "will rise", "would be a matter of"
# foretell or assert (a participle: "-ed", "-en", "-wn" or an irregular one), and so does a participle of seeing,
# thinking or feeling ("would be seen as unfair", "will be welcomed", "was affected").
_DECIDED = re.compile(
    r"\b(?:will|would|shall|is|are|was|were)\s+(?:not\s+|never\s+|now\s+|soon\s+|also\s+)?(?:to\s+)?be\s+"
    r"(?!(?:seen|known|considered|viewed|regarded|expected|thought|perceived|believed|deemed|described|welcomed|"
    r"affected|hurt|harmed|needed|required|pleased|disappointed|surprised|interested|concerned)\b)"
    r"(?:\w+ed|\w+en|\w+wn|cut|shut|set|put|paid|made|held|kept|sold|built|sent|left|met|done|brought|bought|"
    r"struck|spent)\b",
    re.IGNORECASE,
)
# A relative clause speaks of someone else: "the agreement, under which countries pledged to ...".
_RELATIVE_CLAUSE = re.compile(r"\b(?:which|who|whom|whose|where)\b", re.IGNORECASE)
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:(?:of|the|and|for|on)\s+)?[A-Z][\w’'-]+)+")
_PRONOUN_START = re.compile(r"^\s*(?:it|they|we|he|she|i|you|this|that|these|those|there)\b", re.IGNORECASE)
_VERB_BEFORE = frozenset(
    "i we they you he she to will would shall should must can cannot could not never n't did do does also fully "
    "strongly firmly".split()
)


def _a_verb_before(head: str) -> bool:
    """Whether the last word of ``head`` (split at white space) makes the next one a verb: a pronoun, an auxiliary,
    "to" or a negation, contracted too ("don’t", "won't")."""
    last = (head.rsplit(None, 1)[-1:] or [""])[0].casefold().strip("“\"'")
    return last in _VERB_BEFORE or last.endswith(("n't", "n’t"))


_DETERMINER = re.compile(r"^(?:any|the|a|an|all|this|that|these|those|its|his|her|their|our|such)\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")
FUNCTION_WORDS = frozenset(
    """a an the and or but if then than so of to in on at by for with from into onto over under about after before
    between through during without within against among as is are was were be been being am has have had do does
    did will would shall should can could may might must this that these those there here it its they them their
    he him his she her we us our you your i me my who whom whose which what when where why how all any both each
    few more most other some such no nor not only own same too very just also still even yet again ever now then
    once up down out off per via one new""".split()
)
# Words an issue is told by, folded so that one proposition in other words counts once ("ceding territory",
# "giving up land", "territorial concessions").
_FOLD = {
    "cede": "cede",
    "ced": "cede",
    "cession": "cede",
    "concession": "cede",
    "renunciation": "cede",
    "renounc": "cede",
    "give": "cede",
    "gave": "cede",
    "giv": "cede",
    "land": "territory",
    "lands": "territory",
    "territori": "territory",
    "territory": "territory",
    "territorial": "territory",
    "recognition": "recogniz",
    "recogniz": "recogniz",
    "recognis": "recogniz",
    "plan": "plan",
    "framework": "plan",
    "proposal": "plan",
    "deal": "deal",
    "agreement": "deal",
    "settlement": "deal",
    "truce": "ceasefire",
    "ceasefire": "ceasefire",
    "border": "border",
    "borders": "border",
    "boundar": "border",
    # A purchase, however worded: "acquire Warner Bros" and "buy a large part of Warner Bros" are one issue.
    "acquir": "acquir",
    "acquisit": "acquir",
    "buy": "acquir",
    "buys": "acquir",
    "buying": "acquir",
    "bought": "acquir",
    "purchas": "acquir",
    "takeover": "acquir",
}
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s", "al")


def _stem(word: str) -> str:
    w = word.casefold().replace("’", "'")
    w = w.removesuffix("'s").strip("'-")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    if w.endswith("e") and len(w) >= 6:
        w = w[:-1]  # "remove" meets "removal" (both "remov")
    return w


def terms(text: str, offset: int = 0, mentions: tuple[Mention, ...] = ()) -> tuple[str, ...]:
    """The content terms of a target at ``offset``: its linked entities as ``@id`` and its words stemmed and
    folded (:data:`_FOLD`), stop words left out; each once, in order. A name's words count too, so that "the
    Match Referee" (tagged as a name) meets "remove the match referee" (not tagged)."""
    out: dict[str, None] = {}
    for m in mentions:
        if offset <= m.start and m.end <= offset + len(text) and m.entity_id:
            out[f"@{m.entity_id}"] = None
    for w in _WORD.finditer(text):
        word = w.group().casefold()
        if word in FUNCTION_WORDS or len(word) < 3:
            continue
        stem = _stem(word)
        out[_FOLD.get(word, _FOLD.get(stem, stem))] = None
    return tuple(out)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of ``text``: lines, cut where a sentence ends before a capital."""
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cut = 0
        for m in _SENTENCE_END.finditer(line):
            before = line[max(cut, line.rfind(" ", cut, m.start()) + 1) : m.start()]  # (its last word)
            if (
                (len(before.rstrip(".")) <= 2 and before[:1].isupper())
                or ends_no_sentence(before)
                or goes_on(before, word_after(line, m.end()))
            ):
                continue  # an initial, "Warner Bros." or "U.S. Ambassador", not an end
            if line[cut : m.end()].strip():
                yield _trim(text, start + cut, start + m.end())
            cut = m.end()
        if line[cut:].strip():
            yield _trim(text, start + cut, start + len(line))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class _Context:
    article: Article
    sentiment: Sentiment
    spans: list[tuple[int, int]]
    outlets: frozenset[str]
    starts: list[int] = field(default_factory=list)  # of the spans, which follow one another without overlap
    actors: list[Mention] = field(default_factory=list)  # the linked mentions of ACTOR_TYPES, in order
    # The actors' starts, when they are in text order (as the quotes stage gives them): the actors of a stretch are
    # found by bisection rather than by a pass over all of them (:meth:`actors_in`).
    actor_starts: list[int] | None = None

    def actors_in(self, low: int, high: int) -> list[Mention]:
        """The actors that start at ``low`` or after and end by ``high``, in order."""
        if self.actor_starts is None:
            return [m for m in self.actors if low <= m.start and m.end <= high]
        out = []
        for k in range(bisect_left(self.actor_starts, low), len(self.actors)):
            m = self.actors[k]
            if m.start > high:
                break  # (it ends after it)
            if m.end <= high:
                out.append(m)
        return out

    def sentence(self, at: int) -> tuple[int, int]:
        k = bisect_right(self.starts, at) - 1
        if k >= 0 and at < self.spans[k][1]:
            return self.spans[k]
        return at, at


def _verb(word: str) -> Position | None:
    w = word.casefold().strip()
    if _ADJECTIVE.search(w.split(" ", 1)[0]):
        return None  # "acceptable to Republican senators", "objectionable": an adjective, no verb
    if OPPOSE.search(w):
        return Position.OPPOSES
    if SUPPORT.search(w):
        return Position.SUPPORTS
    return None


_ADJECTIVE = re.compile(r"(?:able|ible|ably|ibly)$")  # (of the first word: "acceptable to" is asked too)


# _verb of one word, remembered: a quote's words are asked one by one, and the same words come again and again (the
# words after a word, asked as well, are left to _verb: they seldom come again).
_word_verb = functools.lru_cache(maxsize=1 << 14)(_verb)


def _ambiguous(word: str) -> bool:
    w = word.casefold()
    return w in _AMBIGUOUS or (w.endswith("s") and w[:-1] in _AMBIGUOUS)


# Giving way, as an act with no object: refusing it ("refused to back down over the toll", "we will not give in")
# is keeping to one's course, told or said, whose side the words do not name; "backed down" is no backing, and
# "pushing back" resists what the words do not name ("Sanders is pushing back, questioning ...").
_GIVING_WAY = re.compile(
    r"(?:back(?:s|ed|ing)?\s+(?:down|off|away)|climb(?:s|ed|ing)?\s+down|giv(?:e|es|ing)\s+in|gave\s+in|"
    r"cav(?:e|es|ed|ing)(?:\s+in)?|budg(?:e|es|ed|ing)|relent(?:s|ed|ing)?|push(?:es|ed|ing)?\s+back)\b",
    re.IGNORECASE,
)


def _no_position_here(cue: str, after: str) -> bool:
    """A position word that takes no position where it stands, judged by what follows it: "prepared the report"
    (readiness needs "to"), "insisted that ..." (an assertion, not a position), "refused to back down" and "backed
    down" (giving way, or not: :data:`_GIVING_WAY`)."""
    c = cue.casefold()
    following = after.lstrip(" \"“‘'").casefold()
    if _GIVING_WAY.match(f"{c} {following}") or _GIVING_WAY.match(re.sub(r"^to\s+", "", following)):
        return True
    if _NEEDS_TO.match(c) and not c.endswith(" to") and not following.startswith("to "):
        return True
    if _NEEDS_TO.match(c) and re.match(r"(?:to\s+)?be\b", following):
        return True  # "willingness to be politically incorrect": a disposition, no course of action
    if c.startswith("rul"):
        following = re.sub(r"^out\b\s*", "", following)  # ("rule" asked alone, its "out" after it)
        if following.startswith("that "):
            return True  # "did not rule out that ... could": a prediction
    if _EPISTEMIC.match(following):
        return True  # "the possibility that ...": what may happen, no position
    if c.startswith("want") and _A_STATE_WISHED.match(re.sub(r"^want\w*\s*", "", f"{c} {following}")):
        return True  # "wants to emerge as the go-to candidate", "I wanted her to be relatable": a state, no course
    if SUPPORT.match(c) and _TO_TELL.match(following):
        return True  # "wanted to tell his family's story": what one wishes to say is no position on anything
    if following.startswith("from "):
        return True  # "praise from Putin", "support from the unions": a thing someone else gives
    if c.startswith("oppos") and _SIDES.match(following):
        return True  # "had opposing views on research": views that differ, no opposition to anything
    if c.startswith(("seek", "sought")) and following.startswith("out "):
        return True  # "sought out that role": looked for, no position
    agreed = f"on {following}" if c.endswith(" on") else following  # ("agreed on" Monday, or on a plan)
    if _AGREE.match(c) and _A_CLAUSE.match(agreed, (when.end() if (when := _WHEN.match(agreed)) else 0)):
        # "agreed that the shift was a matter of geography", "agreed there are qualified candidates": a claim agreed
        # with, a position only when it says what must be done ("agreed that the rules should be modernized")
        claim = " ".join(following.split()[:14])
        return not (_DEONTIC.search(claim) or _DECIDED.search(claim))
    if not _INSIST.match(c) or re.match(r"(?:on|upon)\b", following):
        return False
    # "insist that any agreement must ..." demands; "insistence that the sheets weren't exchanged" asserts a fact.
    return not _DEONTIC.search(" ".join(following.split()[:14]))


def _recognition_without_object(cue: str, target: str, article: Article, start: int, end: int) -> bool:
    """ "recognised the danger" perceives; recognition is a position only of a state or a claim to one ("recognise
    Crimea as Russian", "recognise Palestine")."""
    if not re.match(r"recogni[sz]", cue.casefold()):
        return False
    if re.search(r"\bas\b", target):
        return False
    return not any(start <= m.start and m.end <= end and m.type in {"GPE", "NORP", "ORG"} for m in article.mentions)


# A state wished for oneself or another, not a course of action: "to be" or "to become" before no article, part or
# participle ("wants to be president", "wanted her to be relatable", "wants to emerge as the go-to candidate");
# "wants to become a member of NATO", "a party to the accord", "wants them to be held to account" are courses still,
# and so is a state wished for a thing, not a person ("wants the toll to be lower", "wants taxes to be fair"), and
# being rid or free of something ("wants to be rid of the toll").
_A_STATE_WISHED = re.compile(
    r"(?:(?:her|him|them|me|us|you)\s+)?to\s+(?:be|become|emerge|seem|look|feel)\s+"
    r"(?!(?:(?:a|an|the)\s+)?(?:part|members?|party|signator(?:y|ies))\b|(?:in|on|at|held|made|paid|put|done|sent|kept|"
    r"brought|cut|set|left|sold|built|rid|free\s+of)\b)"
    r"(?![\w-]+(?:ed|en|wn)\b)",
    re.IGNORECASE,
)
# Telling, talking or thinking, as the act a wish or a readiness is for ("wanted to tell his story", "ready to say
# more", "I don't want to talk about the situation", "she didn't want to think about ..."): no position on anything.
_TO_TELL = re.compile(r"to\s+(?:tell|say|thank|explain|talk|speak|comment|think)\b")
# What the object of "rule out" or of any position word is when it is a prediction: "do not rule out the
# possibility that more victims could be found" weighs what may happen, and takes no position on anything.
_EPISTEMIC = re.compile(
    r"(?:(?:the|a|any)\s+)?(?:possibilit(?:y|ies)|likelihood|chances?|prospects?|risks?)\s+that\b", re.IGNORECASE
)
# Things handed over: accepting one is an act (the runner-up accepting a cheque, a player an award), never a
# position on it, as accepting a plan, a verdict or an offer is.
_HANDED_OVER = re.compile(
    r"(?:troph(?:y|ies)|cups?|medals?|cheques?|awards?|prizes?|gifts?|donations?|payments?|bribes?|"
    r"certificates?|honou?rs?|garlands?)",
    re.IGNORECASE,
)
# Verbs of judging or owning up to something, a refusal of which is a view ("refused to call it terrorism",
# "refuses to disavow the endorsement", "refused to acknowledge the result").
_JUDGING = re.compile(
    r"(?:call|label|describ|term|acknowledg|admit|disavow|repudiat|renounc|apologi[sz]|denounc|condemn)", re.IGNORECASE
)
# What one seeks in danger ("sought shelter under the roof of a petrol station"): an act, not a position on it.
_REFUGE = re.compile(r"(?:shelter|refuge|cover|safety|treatment|care|help|asylum)", re.IGNORECASE)
# What a state, an office or a body is called on to do, a refusal of which is a position in the dispute over it
# ("refused to ratify the accord", "refused to extradite him", "refuses to make public his tax returns", "refused to
# step down"), unlike a gesture or a move of one's own ("shake hands", "raise its offer", "speak to reporters").
_PUBLIC_COURSE = re.compile(
    r"^(?:ratif|negotiat|extradit|allow|permit|releas|disclos|publish|make public|hand(?:s|ed|ing)? over|"
    r"compl(?:y|ied|ies|ying)\b|co-?operat|implement|enforc|revers|revok|repeal|resign|step(?:s|ped|ping)? down)",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(
    r"\s(?:from|of|for|at|in|on|by|with|to|under|inside|into|near|behind|beneath|among|within|outside|after|before|"
    r"during|as|since|until|while|when)\s",
    re.IGNORECASE,
)


def _an_act_told(cue: str, text: str, t0: int, t1: int) -> bool:
    """Whether a position word the reporter writes tells what an actor did rather than a view it holds (a
    stance is a view said or reported, never an act described): "refused to shake hands" (they did not), "refused
    to raise its offer" (it did not), "accepted the runners-up cheque" (he took it). A refusal is a position only
    of a position (one word or two: "refused to rule out new sanctions"), of a course of action positions are
    taken on (:data:`_ACT`, :data:`_PUBLIC_COURSE`: "refused to sign", "refused to ratify the accord", "refused to
    step down") or of a judgement (:data:`_JUDGING`): "refused to recognise the annexation", "refused to accept the
    verdict", "refuses to disavow the endorsement"; a refusal of a thing ("refused the request") is one too.
    Acceptance is an act only of a thing handed over (:data:`_HANDED_OVER`, the head noun before the target's first
    preposition: not "the payment terms"), seeking only of refuge or care (:data:`_REFUGE`: "sought shelter", not
    "sought safety guarantees")."""
    c = cue.casefold()
    if c.startswith("refus"):
        if not (c.endswith(" to") or re.search(r"\bto\s+$", text[max(0, t0 - 4) : t0], re.IGNORECASE)):
            return False  # "refused the request": the request is the thing refused
        first = _WORD.match(text, t0)
        if first is None:
            return False
        ahead = " ".join(text[t0:t1].split()[:4]).casefold()
        word = first.group().casefold()
        return not (
            _verb(word) or _verb(ahead) or _ACT.search(ahead) or _ACT.search(word) or _JUDGING.match(word)
        ) and not _PUBLIC_COURSE.match(ahead)  # (_verb(ahead): a verb of two words, "refused to rule out ...")
    # The head noun of what is accepted or sought: the last word before the target's first preposition ("the
    # runners-up cheque"; "the payment terms" are terms, "safety guarantees" guarantees).
    head = _PREPOSITION.split(" " + text[t0:t1] + " ", maxsplit=1)[0].split()
    noun = head[-1].strip("“”\"'‘’,.;:") if head else ""
    if c.startswith("accept"):
        # (a sum of money is handed over too: "accepted about $200,000 in donations")
        return (
            _HANDED_OVER.fullmatch(noun) is not None
            or re.match(r"[$£€]\s?\d|\d[\d,.]*\s*(?:dollars|euros)", noun) is not None
        )
    if c.startswith(("seek", "sought")):
        return _REFUGE.fullmatch(noun) is not None
    return False


def _masked(article: Article, start: int, end: int, keep: tuple[int, int]) -> str:
    """``article.text[start:end]`` with the names in it blanked (offsets kept), but the target at ``keep``: a word
    list must not read "Crimes" in "the International Crimes Tribunal" as what the speaker says of anyone."""
    chars = list(article.text[start:end])
    spans = [(m.start, m.end) for m in article.mentions if start <= m.start and m.end <= end]
    # Names the model did not tag: runs of capitalised words ("the 'International Crimes Tribunal of ...'").
    spans += [(n.start(), n.end()) for n in _NAME_RUN.finditer(article.text, start, end)]
    for s0, s1 in spans:
        for i in range(s0, s1):
            if not keep[0] <= i < keep[1]:
                chars[i - start] = " "
    return "".join(chars)


_SUBJECT_SKIP = frozenset(
    "will would shall should must can cannot could may might not never n't did do does also fully strongly firmly "
    "is are was were be been being has have had remain remains remained still now already always again long "
    "continue continues continued".split()
)


# Third persons: in the speaker's own words ("“He refused to release them,” she said") someone else, where reported
# speech ("she said he would refuse") has them for the speaker.
_THIRD_PERSON = frozenset({"he", "she", "they", "it", "him", "her", "them"})
# What the words before an infinitive make of it: an act of someone the quote names ("for a nominee to refuse ..."),
# or an act the speaker sizes up ("it is disqualifying to refuse ...", "it would be a mistake to reject ..."), the
# speaker's view of which its words alone do not say: never the speaker's own position, and often its opposite.
_INFINITIVE_OF_ANOTHER = re.compile(
    r"(?:\bfor\s+(?!(?:us|me)\b)(?:[\w’'.-]+\s+){1,6}|\bit(?:[’']s|\s+is|\s+was|\s+would\s+be|\s+will\s+be)\s+"
    r"(?P<sized>(?:[\w’'-]+\s+){0,6}))to\s+$",
    re.IGNORECASE,
)
# A body a speaker belongs to and speaks for, written "my party", "our government": what it holds, the speaker holds
# ("my opponent", "our allies" are others).
_OWN_BODY = frozenset(
    "party government administration country nation state city team company campaign ministry office organisation "
    "organization union club board side coalition movement council committee cabinet".split()
)
# What owns a position word written as a thing: a determiner or a possessor right before it (one adjective between at
# most: "his energetic endorsement", "the impending endorsement"; not a noun: "the government rejected" is a clause).
_OWNED = re.compile(
    r"(?:\b(?P<det>(?i:the|a|an|this|these|those|my|our|his|her|their|its|your))|(?P<name>[A-Z][\w.-]*)[’']s)\s+"
    r"(?:[a-z]+(?:ic|al|ive|ous|ful|ing|ed)\s+)?$",
)
# What makes an act sized up the speaker's own course: "it's critical to support ...", "it is time to reject ...".
_NEEDED = re.compile(
    r"^(?:(?:so|very|also|absolutely|really|more|most)\s+)*(?:important|critical|crucial|essential|vital|necessary|"
    r"imperative|urgent|time|right|best|wise|wiser|better|our\s+duty)\s+(?:for\s+(?:[\w’'.-]+\s+){1,6})?$",
    re.IGNORECASE,
)

# What makes an infinitive with a subject of its own the speaker's wish: "call for them to ...", "time for ...".
_WISHED = re.compile(
    r"\b(?:call(?:s|ed|ing)?|push(?:es|ed|ing)?|press(?:es|ed|ing)?|appeal(?:s|ed|ing)?|time)\s+for\s+"
    r"(?:[\w’'.-]+\s+){1,6}to\s+$",
    re.IGNORECASE,
)


# What someone owes to do, in the words of another ("Congress must reject the bill," Holm said; "Holm said Belstad
# should sign"): the speaker's demand, never the position of the one it is asked of. "will", "would" and "can" tell
# what the subject does or can do, and leave the position the subject's.
_OWED = frozenset({"must", "should", "ought"})
_OWED_BEFORE = re.compile(
    r"\b(?:must|should|(?:ought|has|have|needs?)\s+to)\s+(?:(?:not|never|also|now|still|first|\w+ly)\s+)*$",
    re.IGNORECASE,
)


# A verb an infinitive follows, whose subject holds the infinitive ("voted to", "is going to", "plans to"); not one
# of what is owed ("has to", "needs to": the speaker's demand, :data:`_OWED`) nor a name or pronoun ("urge them to").
_CONTROL = re.compile(
    r"[a-z]+(?:ed|ing)|(?:plan|intend|decide|vote|move|hope|aim|tr(?:y|ie)|threaten|vow|expect|prefer|choose|"
    r"mean|seem|appear|offer|volunteer|resolve)s?"
)


def _someone_else(ctx: _Context, quote: Quote, content: str, at: int) -> bool:
    """True when the word at ``at`` of a quote's content has a subject of its own that is not the speaker:
    "extremists seek to ...", "India remains committed to ...", "Mr. Roe refused to ..." said by someone else, "he
    refused" in the speaker's own words, an infinitive with a subject of its own ("for a nominee to refuse") or
    sized up ("it is disqualifying to refuse"). "I", "we", an infinitive of the speaker's ("ready to accept", "we
    urge them to accept"), "he" or "she" in reported speech ("she said she would refuse") or no subject in the
    clause leave the position the speaker's."""
    if (owner := _OWNED.search(content, 0, at)) is not None:
        # A position named as a thing, after a determiner or a possessor ("the criticism of X", "his promises of X",
        # "Clinton’s acceptance of X", "the proposed merger"): someone's, the speaker's only when "my" or "our", or a
        # possessor's "his"/"her" in reported speech (as "he" there), or the speaker's own name.
        det = (owner["det"] or "").casefold()
        if det in {"my", "our"}:
            return False
        if det in {"his", "her", "their", "its"}:
            return quote.direct
        if owner["name"] is not None:
            at_name = quote.start + owner.start("name")
            return (
                not any(
                    m.start <= at_name < m.end and m.entity_id and m.entity_id == quote.speaker_entity_id
                    for m in ctx.article.mentions
                )
                and owner["name"] not in (quote.speaker or "").split()
            )
        return True
    if re.match(r"\w+(?:ance|tion|sion)\b", content[at:]):
        return False  # a noun ("government resistance to ..."): what stands before it describes, not does
    words = list(re.finditer(r"[\w’'-]+", content[:at]))
    k = len(words)
    while k > 0:
        k -= 1
        w = words[k]
        word = w.group().casefold()
        if word in _OWED:
            return False  # "Congress must reject the bill": what the speaker wants of it, the speaker's position
        if word in _SUBJECT_SKIP or word.endswith(("ly", "n't", "n’t")):
            continue
        if word == "to":
            if k > 0 and (_verb(words[k - 1].group()) is not None or _CONTROL.fullmatch(words[k - 1].group())):
                # "Russia refused to withdraw", "the board has decided to accept": the infinitive is held by whoever
                # holds the verb before it
                k -= 1
                continue
            head = content[: w.end() + 1]
            # (but "we call for them to accept", "it is time for them to accept", "it is critical to support": the
            # speaker's wish)
            another = _INFINITIVE_OF_ANOTHER.search(head)
            if another is None or _WISHED.search(head):
                return False
            return another["sized"] is None or _NEEDED.match(another["sized"]) is None
        if word in _THIRD_PERSON:
            return quote.direct
        if word == "you":
            return True  # whom the speaker speaks to ("You say you accept responsibility"), never the speaker
        if word in {"i", "we", "and", "that", "who"}:
            return False
        at_text = quote.start + w.start()
        for m in ctx.article.mentions:
            if m.start <= at_text < m.end:
                # A name: someone else, unless the speaker's own (linked to the speaker, or written in the speaker).
                if m.entity_id:
                    return m.entity_id != quote.speaker_entity_id
                return m.text not in (quote.speaker or "")
        # A noun or a name before the verb is its subject ("extremists seek", "the cabinet wants", "Mr. Roe
        # refused"), unless a word of the speaker's name ("Holm will never accept" said by Ann Holm).
        if word in _OWN_BODY and k > 0 and words[k - 1].group().casefold() in {"my", "our"}:
            return False  # "my party rejects ...", "our government will never accept ...": the speaker speaks for it
        return word not in FUNCTION_WORDS and w.group() not in (quote.speaker or "").split()
    return False


# A negation that negates nothing of what follows: eagerness ("we can’t wait to sign", "cannot wait to"), emphasis
# ("we cannot stress enough that we support", "can't say it strongly enough"), "not only ... but".
_NOT_NEGATING = re.compile(
    r"\b(?:can(?:not|[’']t)|couldn[’']t)\s+(?:wait\b|(?:[\w’'-]+\s+){1,5}?enough\b)|\bnot\s+only\b", re.IGNORECASE
)


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(_NOT_NEGATING.sub(" ", text)))


# Verbs of thinking, whose negation a "that" clause takes as its own ("I don't think that we should accept" opposes).
_NEG_RAISING = re.compile(r"(?:think|thought|believ|expect|suppos|imagin|feel|felt|reckon|guess|want)", re.IGNORECASE)


def _negated_above(text: str) -> bool:
    """Whether the only negation in ``text`` (what precedes a position word) negates a verb a "that" clause hangs on,
    other than one of thinking: "I don't deny that we support", "I won't pretend that we back", "I can't say that we
    accept" turn the clause each its own way, so none is read."""
    that = max(re.finditer(r"\bthat\s+", text), key=lambda m: m.start(), default=None)
    if that is None or _negated(text[that.end() :]):
        return False
    # (the negation right before the verb "that" follows: a relative "that" after a noun is no clause of a verb, "No
    # sensible person would sign a document that gives up land" opposes giving up land)
    verb = re.search(r"(?:\bnot|\bnever|n[’']t)\s+(?:\w+ly\s+)?(?P<verb>[\w’'-]+)\s*$", text[: that.start()], re.I)
    return verb is not None and _NEG_RAISING.match(verb["verb"]) is None


def _turned(position: Position, negation: str) -> Position:
    """A position under a negation: "did not back" opposes, "did not reject" is neutral, and "had not yet called for"
    is neutral too (what is not done yet is no side taken)."""
    if position == Position.SUPPORTS and not re.search(r"(?:\bnot|n[’']t)\s+yet\b", negation, re.IGNORECASE):
        return Position.OPPOSES
    return Position.NEUTRAL


_DAY = one_of(WEEKDAYS)
_WHEN = re.compile(
    rf"(?:(?:last|this|next|earlier this|later this)\s+(?:week|weekend|month|year|{_DAY})|yesterday|today|"
    rf"tonight|(?:on\s+)?{_DAY}|on\s+\w+\s+\d{{1,2}})\s+(?=\w)",
    re.IGNORECASE,
)


_OBJECT_WORDS = 14  # the most words of an object
# A verb that only a clause's subject comes before: what follows a noun read as a position word there is no object.
_FINITE = re.compile(
    r"(?:is|are|was|were|has|have|had|will|would|could|should|may|might|must|can|seems?|seemed)\b",
    re.IGNORECASE,
)


# What no object opens with: a list of who ("such as", "like", "including" before a name: "advocates including The
# Dallas Morning News"), a link ("https://..."); "including" before a thing is the act ("opposed including the toll
# in the accord").
_NO_OBJECT = re.compile(r"(?:[Ss]uch\s+as|[Ll]ike|[Ii]ncluding(?=\s+(?:(?:[Tt]he|[Aa]n?)\s+)?[A-Z]))\s|https?:|www\.")
# A preposition an object ends on when the clause's own object stands before it ("what we want to get rid of").
_STRANDED = frozenset("of about with for on in at from into".split())


def _object(text: str, at: int, limit: int | None = None) -> tuple[int, int] | None:
    """The object that starts at ``at`` of ``text``: up to the clause's end (and ``limit``), at most 14 words;
    None when it is no object ("for months", "to go")."""
    rest = text[at : limit if limit is not None else at + 400]
    lead = len(rest) - len(rest.lstrip(" \"“‘'"))
    rest = rest[lead:]
    if when := _WHEN.match(rest):
        # "agreed last week to buy ...": the time is when the position was taken, not what it is on.
        lead += when.end()
        rest = rest[when.end() :]
    for prep in ("that ",):
        if rest.casefold().startswith(prep):
            lead += len(prep)
            rest = rest[len(prep) :]
    for prep in ("for ", "on ", "to ", "against ", "of ", "with "):  # ("in favor of X", "agreed with X")
        if rest.casefold().startswith(prep):
            lead += len(prep)
            rest = rest[len(prep) :]
            break
    if _FINITE.match(rest):
        return None  # "Obama's veto is expected to come", "supporters are gathered": a clause's verb, no object
    if _NO_OBJECT.match(rest):
        return None  # "Republican advocates such as The Dallas Morning News": a list of who; a link
    stop = next((m for m in _CLAUSE_END.finditer(rest) if not _abbreviated(rest, m)), None)
    chunk = rest[: stop.start()] if stop else rest
    words = list(re.finditer(r"\S+", chunk))[:_OBJECT_WORDS]
    if not words:
        return None
    if (
        len(words) < _OBJECT_WORDS
        and words[-1].group().casefold().strip("”\"’'.") in _STRANDED
        and words[0].group().islower()
        and words[0].group() not in FUNCTION_WORDS
    ):
        # "something we want to take advantage of": the object of the act is the thing before, which the clause does
        # not name ("rejected the toll it had agreed on" has its object, the toll)
        return None
    end = words[-1].end()
    chunk = _closed(chunk[:end].rstrip(" \"”’'."), chunk[:end])
    words_ = _WORD.findall(chunk)
    if not words_ or all(_WEAK.match(w) or w.casefold() in FUNCTION_WORDS for w in words_):
        return None
    return at + lead, at + lead + len(chunk)


def _abbreviated(text: str, end: re.Match[str]) -> bool:
    """Whether the clause end ``end`` found in ``text`` is an abbreviation's full stop ("Warner Bros. Discovery")."""
    if not end.group().lstrip().startswith("."):
        return False
    word = text[text.rfind(" ", 0, end.start()) + 1 : end.start()]
    if ends_no_sentence(word):
        return True
    # Initials before a word in lower case ("new U.N. sanctions", "the U.N. resolutions") or before an office ("backs
    # the U.S. Ambassador's plan"); before another capital they may end the sentence ("tariffs on the U.S. Dalen
    # welcomed ..."), as `sentences` reads them
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", word) is None:
        return False
    return text[end.end() : end.end() + 1].islower() or goes_on(word, word_after(text, end.end()))


def _closed(kept: str, whole: str) -> str:
    """``kept`` (``whole`` with its closing marks and stop cut) with the quotation mark that closes one it opens
    put back: "his removal after the “handshake row”", never "... the “handshake row"."""
    for opening, closing in (("“", "”"), ("‘", "’")):
        if kept.count(opening) > kept.count(closing) and whole.startswith(closing, len(kept)):
            return kept + closing
    return kept


def _date(article: Article, start: int, end: int) -> str | None:
    for d in article.dates:
        if start <= d.start < end and d.value and d.precision == "day" and not d.future:
            return d.value[:10]
    return (article.published or "")[:10] or None


# "Dhaka sentenced its former leader X and demanded ...": a verb after "and" shares the subject of the verb
# before it; the name between is that verb's object, not who demands.
_COORDINATED = re.compile(r"\s*(?:and|but|or|then|and then|and later)\s+", re.IGNORECASE)


def _actor_mention(ctx: _Context, quote: Quote, sentence: tuple[int, int], cue_at: int) -> Mention | None:
    """The mention of the actor: the speaker's linked mention in the cue's sentence; a group named by a mention
    ("European allies", "Zelensky's government"); else the name just before the cue in its sentence."""
    mentions = ctx.actors
    s, e = sentence
    if quote.speaker_start is not None and s <= quote.speaker_start < e:
        if quote.speaker_end:
            within = ctx.actors_in(quote.speaker_start, quote.speaker_end)
        else:  # (no end: every actor from its start on)
            within = [m for m in mentions if quote.speaker_start <= m.start]
        if quote.speaker_entity_id:
            same = [m for m in within if m.entity_id == quote.speaker_entity_id]
            if same:
                return same[0]
        speaker = quote.speaker or ""
        if countries.capital(speaker):
            # "Washington said ...": the government the capital stands for, linked to no entity as a speaker
            # (decision 0093), holds the position under the name as written and its mention's link, as "Moscow has
            # welcomed ..." does from the clauses: the stance a linked speaker would have given.
            return next((m for m in within if m.text == speaker), None)
        if _named_together(ctx.article.text, quote.speaker_start, quote.speaker_end or e, within):
            # "China and Russia rejected ...": a speaker that is actors named together (the quotes stage joins them,
            # decision 0093) is each of them: the first here, the others as a group speaker's list (_listed_with).
            return within[0]
        if not _GROUP.search(speaker) or re.search(r"[’']s\s+(?:sources?|reports?)\b", speaker):
            return None
        if within:
            return _group_of(ctx.article.text, quote.speaker_start, quote.speaker_end or e, within)
        # "European allies, who have opposed ...": the speaker span is the pronoun, the group named before it.
        named = [m for m in mentions if s <= m.start < quote.speaker_start and m.text in speaker]
        return named[-1] if named else None
    before = ctx.actors_in(s, cue_at)
    if not before:
        return None
    last = before[-1]
    gap = ctx.article.text[last.end : cue_at]
    if len(gap.split()) > 5 or re.search(r"[,;:()“”\"]", gap) or _COORDINATED.fullmatch(gap):
        return None
    return last


# How a group noun is joined to the actor it is of: right after the name ("Pakistan team", "Zelensky's
# government", "Awami League party leaders"), or before it with "of", "from" or "including" ("the governments of
# Marovia", "More than 80 countries, including Colombia", "Countries like Poland").
_GROUP_AFTER_NAME = re.compile(r"\.?(?:[’']s)?(?:\s+[\w-]+){0,2}?\s+$")
# Words for people on a side, who are not the body they are "of" ("supporters of Trump" are not Trump): joined to a
# name only as a list's ("Proponents, including the Conference of Mayors, ...").
_SIDE = frozenset({"proponents", "opponents", "critics", "supporters"})
# A plural noun and "of" or "from" right before a name: the name qualifies who acts ("supporters of Ostrava").
_PEOPLE_OF = re.compile(r"\b(?P<noun>[A-Za-z][a-z-]*s)\s+(?:of|from)\s+(?:the\s+)?$")
_LISTING = re.compile(r",?\s+(?:including|like|such as)\s+(?:the\s+)?$")
# What may open a group's span before the name it is of ("Other E.U. leaders", "Some Marovian officials").
_OPENING = re.compile(r"\s*(?:(?:the|other|some|many|several|most|all|both|senior|top)\s+)*", re.IGNORECASE)
_GROUP_BEFORE_NAME = re.compile(
    r"\s+(?:of|from|in|for)\s+(?:the\s+)?$|,?\s+(?:including|like|led by|such as)\s+(?:the\s+)?$"
)


def _group_of(text: str, start: int, end: int, within: list[Mention]) -> Mention | None:
    """The actor a group speaker stands for: the actor the speaker's span opens with, else the first actor of it
    that a group noun written in lower case (:data:`_GROUP`), or as the span's first word, is joined to
    (:data:`_GROUP_AFTER_NAME`, :data:`_GROUP_BEFORE_NAME`). A group word inside a name ("Affinity Partners") or
    a name of another noun ("funds from Saudi Arabia, ... Affinity Partners") makes no actor of the names beside
    it: the funds back the bid, not the states they come from."""
    groups = [
        g
        for g in _GROUP.finditer(text, start, end)
        if g.group().islower() or _OPENING.fullmatch(text, start, g.start())
    ]  # (written in lower case, or capitalised as the span's first word: "Countries like Poland ...")
    if any(g.group().casefold() not in _SIDE for g in groups) and _OPENING.fullmatch(text, start, within[0].start):
        return within[0]  # the span opens with the name: its head, or one of its heads ("Poland and the Baltic states")
    for m in within:
        for g in groups:
            side = g.group().casefold() in _SIDE
            if not side and g.start() >= m.end and _GROUP_AFTER_NAME.fullmatch(text, m.end, g.start()):
                return m
            if g.end() <= m.start and (_LISTING if side else _GROUP_BEFORE_NAME).fullmatch(text, g.end(), m.start):
                return m
    return None


# What joins the names of a list: "Colombia, the UK and France", "Kestrova and Dalen"; the last join is an "and".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?P<and>and\s+)?|\s(?P<also>and)\s+)(?:the\s+)?", re.IGNORECASE)


def _named_together(text: str, start: int, end: int, within: list[Mention]) -> bool:
    """Whether a speaker's span ``[start, end)`` is only actors joined as a list, the last by "and" ("China and
    Russia", "Both the United States and Europe", "Marovia, Belstad and Ostrava"), no possessive among them."""
    if len(within) < 2 or not _OPENING.fullmatch(text, start, within[0].start) or text[within[-1].end : end].strip():
        return False
    gaps = [_LIST_GAP.fullmatch(text, a.end, b.start) for a, b in itertools.pairwise(within)]
    last = gaps[-1]
    return all(g is not None and not text.startswith(("'s", "’s"), g.start()) for g in gaps) and bool(
        last is not None and (last["and"] or last["also"])
    )


def _listed_with(ctx: _Context, quote: Quote, stance: Stance) -> list[Mention]:
    """The other actors a group speaker lists with the stance's actor ("More than 80 countries, including
    Colombia, the UK and France, supported ...": the UK and France took the position too): the actors of the
    speaker's span that follow it, each joined to the one before by a comma or "and" alone, the last by "and"."""
    if quote.speaker_entity_id or quote.speaker_start is None or not quote.speaker_end:
        return []
    within = ctx.actors_in(quote.speaker_start, quote.speaker_end)
    k = next((k for k, m in enumerate(within) if m.entity_id == stance.actor_id and m.text == stance.actor), None)
    if k is None:
        return []
    text = ctx.article.text
    run: list[Mention] = []
    before = within[k]
    for m in within[k + 1 :]:
        gap = _LIST_GAP.fullmatch(text, before.end, m.start)
        if gap is None or text.startswith(("'s", "’s"), m.end):
            return []  # no list; or a possessor's name set off by commas ("Kestrova, Dalen's longtime foe, ...")
        run.append(m)
        if gap["and"] or gap["also"]:
            break  # "and" joins a list's last name
        before = m
    else:
        return []  # commas alone: an apposition as likely as a list
    seen = {stance.actor_id}
    listed: list[Mention] = []
    for m in run:
        if m.entity_id and m.entity_id not in seen:
            seen.add(m.entity_id)
            listed.append(m)
    return listed


_THEY = frozenset({"they", "them"})


def _a_they(ctx: _Context, quote: Quote) -> bool:
    """Whether a quote's speaker is written "they" (or "them"), whoever the quotes stage took it for."""
    if (quote.speaker or "").casefold() in _THEY:
        return True
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    return ctx.article.text[quote.speaker_start : quote.speaker_end].casefold() in _THEY


def _joint_people(ctx: _Context, quote: Quote) -> list[Mention]:
    """The people a joint speaker names ("Mr. Roe and Ms. Poe said ..."): each person mention of the speaker's span
    linked to one entity, in order; what they said together is each one's position. A name the article gives two
    people ("Mr. Kim" beside David Kim and Paul Kim) is neither's, whichever the linker took, and one entity at two
    names of the speaker is two people the linker took for one: neither holds it. Empty for any other speaker."""
    if (
        quote.speaker_entity_id
        or quote.speaker_kind is not SpeakerKind.PERSON
        or quote.speaker_start is None
        or not quote.speaker_end
        or not JOINT_SPEAKER.search(quote.speaker or "")
    ):
        return []
    within = [m for m in ctx.actors_in(quote.speaker_start, quote.speaker_end) if m.type == "PERSON"]
    people: list[Mention] = []
    for m in within:
        if sum(o.entity_id == m.entity_id for o in within) > 1:
            continue
        name = name_written(m.text)
        if any(o.type == "PERSON" and o.entity_id != m.entity_id and name.search(o.text) for o in ctx.actors):
            continue
        people.append(m)
    return people


def _they_stand_for(ctx: _Context, quote: Quote) -> tuple[Quote, tuple[int, int]] | None:
    """A quote whose speaker is written "they", given the speaker the pronoun stands for, with the sentence that
    speaker is named in: the nearest speaker of a quote or view before the pronoun, in its sentence or the one
    above (the reach of the quotes stage's "they", decision 0088), when that speaker is plural actors (names joined
    as a list: "Marovia and Belstad met ... They rejected ..."; people named together: "Mr. Roe and Ms. Poe said
    ... They added ..."; a group written with an actor's name by a group word of :data:`_GROUP`: "The Pakistan
    team", "Officials from Belstad", not "Pakistan's players" nor "Belstad's ministers", whose nouns are no group
    word) or one team, body or country written as its name alone ("Belstad said ... They rejected ...": news writes
    "they" for a side). None when the nearest is one person, unnamed people ("Prosecutors ... They requested ..."),
    a body written otherwise than by its name, or nobody: then no stance is read at all."""
    if quote.speaker_start is None:
        return None
    at = quote.speaker_start
    if any(q.start <= at < q.end and q.speaker_start is not None and not _a_they(ctx, q) for q in ctx.article.quotes):
        # A "they" in someone's words ("They rejected the cut, the unions said", after "Norway announced a cut"):
        # whom it stands for is the speaker's to say (the unions' people), not the side named before.
        return None
    k = bisect_right(ctx.starts, quote.speaker_start) - 1  # (the pronoun's sentence; its start, or the one above's)
    floor = ctx.spans[max(k - 1, 0)][0] if k >= 0 else quote.speaker_start
    before = [
        q
        for q in ctx.article.quotes
        if q.speaker_start is not None
        and floor <= q.speaker_start < quote.speaker_start
        and not _a_they(ctx, q)
        and not _PRONOUN_START.fullmatch(q.speaker or "")
    ]
    if not before:
        return None
    said = max(before, key=lambda q: q.speaker_start or 0)
    start, end = said.speaker_start or 0, said.speaker_end or 0
    within = ctx.actors_in(start, end)
    if not within:
        return None
    text = ctx.article.text
    joined = len(within) > 1 and _LIST_GAP.fullmatch(text, within[0].end, within[1].start) is not None
    # One side by its name alone ("Belstad", "the ICC"), never a person: a person is "he" or "she".
    one = (
        len(within) == 1
        and within[0].type != "PERSON"
        and re.fullmatch(rf"(?:the\s+)?{re.escape(within[0].text)}", text[start:end].strip(), re.IGNORECASE)
    )
    if _joint_people(ctx, said):
        first = None  # (each person is given the position: see _holders)
    elif joined or one:
        first = within[0]
    elif _GROUP.search(said.speaker or "") and _group_of(text, start, end, within) is not None:
        first = None
    else:
        return None
    moved = replace(
        quote,
        speaker=said.speaker,
        speaker_kind=said.speaker_kind,
        speaker_start=start,
        speaker_end=end,
        speaker_entity_id=first.entity_id if first is not None else said.speaker_entity_id,
    )
    return moved, ctx.sentence(start)


def _holders(ctx: _Context, quote: Quote) -> Iterator[tuple[Quote, tuple[int, int] | None, bool]]:
    """The quote as read for each who holds its words, with the sentence the holder is named in when that is not
    the quote's own, and whether the holder is one the speaker speaks for: the quote itself; for a "they"
    (:func:`_they_stand_for`), the speaker it stands for, or no one (a position is never shown as held by "they");
    for people named together, each person (:func:`_joint_people`); and the one a spokesperson, a minister or a
    lawyer speaks for (:func:`_principal`), as reported speech of theirs."""
    held = None
    if not quote.speaker_entity_id and _a_they(ctx, quote):
        resolved = _they_stand_for(ctx, quote)
        unresolved = (quote.speaker or "").casefold() in _THEY
        if resolved is not None and (unresolved or resolved[0].speaker == quote.speaker):
            quote, held = resolved  # (one the quotes stage resolved, to the same speaker: read where it is named)
        elif unresolved:
            return
    people = _joint_people(ctx, quote)
    if not people:
        yield quote, held, False
    for m in people:
        yield replace(quote, speaker_entity_id=m.entity_id), held, False
    if held is None and not people and (principal := _principal(ctx, quote)) is not None:
        # "Clinton spokesman Jesse Lehrich said ... “she would sign this legislation”": the candidate's position, told
        # by her spokesman ("she" is hers, as in reported speech); "“Belstad must reject the toll,” its minister
        # said": Belstad's own line, not only the minister's demand of it.
        spoken = replace(
            quote,
            speaker=principal.text,
            speaker_start=principal.start,
            speaker_end=principal.end,
            speaker_entity_id=principal.entity_id,
            direct=False,
        )
        yield spoken, ctx.sentence(principal.start), True


# Who no longer holds the office, or holds it for no one in power: "former", "ex-", "then-", "onetime", "erstwhile",
# a "shadow" or "opposition" minister (of the party out of government, not of the country), "the late".
_OUT_OF_OFFICE = ("former", "ex", "then", "onetime", "one-time", "erstwhile", "shadow", "opposition", "late")
_NOT_NOW = rf"(?:{'|'.join(_OUT_OF_OFFICE)})\b"
# Whom a speaker speaks for, by the office written with the speaker's name: a spokesperson, a press secretary, a
# minister (a prime minister too) or a secretary, a president (as a title, :func:`_office_of`), an ambassador or an
# envoy, a campaign's manager or chair, a chief of staff, a lawyer. One out of office (:data:`_NOT_NOW`) speaks for no
# one.
_ROLE = (
    rf"(?:spokes(?:man|woman|person)|press\s+secretary|(?:(?!{_NOT_NOW})\w+\s+)?minister|"
    r"secretary(?:\s+of\s+state)?|ambassador|envoy|campaign\s+(?:manager|chair(?:man|woman)?)|chief\s+of\s+staff|"
    r"lawyer|attorney|(?:vice[\s-]+)?president|(?:co-?)?(?:chief\s+executive(?:\s+officer)?|ceo)|chair(?:man|woman)?)"
)
# The office between the name it is of and the speaker's name ("Clinton spokesman Jesse Lehrich", "Belstad's foreign
# minister Ann Holm"), or after the speaker's name ("Ann Holm, Belstad's foreign minister", not "the newspaper,
# Trump's envoy Steve Witkoff", where the office is the next name's), or the speaker's span itself ("its minister",
# "their spokesman": of the body named before).
_OFFICE_BEFORE = re.compile(
    rf"(?P<owned>[’']s)?\s+(?:(?!{_NOT_NOW})\w[\w-]*\s+){{0,2}}?(?P<role>{_ROLE})\s*,?\s+", re.IGNORECASE
)
_OFFICE_AFTER = re.compile(
    rf"(?P<owned>[’']s)?\s+(?:(?!{_NOT_NOW})\w[\w-]*\s+){{0,2}}?(?P<role>{_ROLE})\b(?![ \t]+[A-Z])", re.IGNORECASE
)
# (a chief executive or a chair; not a chief of staff, who speaks for the one served as before: "Holm's longtime chief
# of staff Jon Vek")
_HEAD = re.compile(r"(?:co-?)?(?:chief\s+executive|ceo)|chair", re.IGNORECASE)
_APPOSITION = re.compile(r",\s+(?:the\s+|an?\s+)?")
_ITS_OFFICE = re.compile(rf"(?:its|their)\s+(?:(?!{_NOT_NOW})\w[\w-]*\s+){{0,2}}?{_ROLE}", re.IGNORECASE)
# The same words right before a name ("former Minister Ann Holm"), "ex" and "then" with their hyphen ("ex-Minister").
_NOT_NOW_BEFORE = re.compile(
    rf"\b(?:{'|'.join(w + '-' if w in ('ex', 'then') else w for w in _OUT_OF_OFFICE)})\s*$", re.IGNORECASE
)


def _principal(ctx: _Context, quote: Quote) -> Mention | None:
    """The actor a speaker speaks for by office (:data:`_ROLE`): a person, a body or a country written with the
    office, before the speaker's name or after it, or the body named before in the sentence (outside the words)
    when the speaker is written "its minister", "their spokesman"; never the speaker, nor a nationality ("Russian
    Foreign Minister ...": a people's word, not its government's), nor one the office is only posted to or practised
    in (:func:`_office_of`)."""
    start, end = quote.speaker_start, quote.speaker_end
    if start is None or not end:
        return None
    text = ctx.article.text
    s0, _ = ctx.sentence(start)
    kinds = {"PERSON", "ORG", "GPE"}
    found: Mention | None = None
    if _ITS_OFFICE.fullmatch(text, start, end):
        # (a body named in the words is no antecedent of "its": "“Marovia must withdraw its ships,” its minister
        # said" is most often another's minister demanding it of Marovia)
        bodies = [
            m for m in ctx.actors_in(s0, start) if m.type in {"ORG", "GPE"} and not quote.start <= m.start < quote.end
        ]
        found = bodies[-1] if bodies else None
    else:
        within = [m for m in ctx.actors_in(start, end) if m.type in kinds]
        before = [
            m
            for m in ctx.actors_in(max(s0, start - 80), start)
            if m.type in kinds and not _NOT_NOW_BEFORE.search(text, max(s0, m.start - 16), m.start)
        ]
        if len(within) > 1 and (office := _OFFICE_BEFORE.fullmatch(text, within[0].end, within[1].start)):
            # (the office inside the speaker's span: "Clinton spokesman Jesse Lehrich")
            found = _office_of(ctx, within[0], office)
        elif before and (office := _OFFICE_BEFORE.fullmatch(text, before[-1].end, start)):
            found = _office_of(ctx, before[-1], office)
        else:
            after = next((m for m in ctx.actors if end <= m.start <= end + 12), None)
            if after is not None and after.type in kinds and _APPOSITION.fullmatch(text, end, after.start):
                office = _OFFICE_AFTER.match(text, after.end)
                found = _office_of(ctx, after, office) if office else None
    if found is None or found.entity_id == quote.speaker_entity_id or found.text.casefold() in ctx.outlets:
        return None
    return found


# A name joined to the next one ("Russia's UN ambassador", "Trump's Ukraine envoy", "U.S. Ukraine envoy").
_JOINED = re.compile(r"(?:[’']s)?[ ]+")


def _office_of(ctx: _Context, named: Mention, office: re.Match[str]) -> Mention | None:
    """Whose the office written after ``named`` is: the name before ``named`` when the two are joined ("Russia's UN
    ambassador" is Russia's ambassador to the UN; "Trump's Ukraine envoy" Trump's); a president's only when the
    office is a title of the name, next to it and capitalised or after a possessive ("European Council President
    Donald Tusk", "US Vice President J.D. Vance", "Belstad's president"), for the word is as often the office sought
    or held by another ("backing Jeb Bush for president", "the San Diego chapter president"); an ambassador's or an
    envoy's body written without a possessive is where they are posted, as often as whom they speak for ("NATO
    envoy", "UN ambassador"), and a lawyer's place is where they practise ("a Miami lawyer", "Ostrava attorney Lena
    Varga"): no one then."""
    role = office["role"].casefold()
    joined = _JOINED.fullmatch(ctx.article.text, named.end, office.start("role")) is not None
    if "," in named.text or (_HEAD.match(role) and not joined):
        # (a head of a body holds for it only as the name's title, next to it, capitalised or not: "Netflix co-chief
        # executive", "Dow's chief executive", not "the San Diego chapter chairman"; "Obama, party Chairman": a name
        # with a comma in it is two the model read as one)
        return None
    if role.endswith("president") and not (joined and (office["owned"] or office["role"][:1].isupper())):
        return None  # ("Jeb Bush for president", "Trump becoming president", "the San Diego chapter president")
    first = next(
        (
            m
            for m in ctx.actors_in(max(0, named.start - 60), named.start)
            if m.type in {"PERSON", "ORG", "GPE"} and _JOINED.fullmatch(ctx.article.text, m.end, named.start)
        ),
        None,
    )
    if first is not None:
        return first
    if office["owned"]:
        return named
    if role.startswith(("ambassador", "envoy")) and named.type == "ORG":
        return None
    if role.startswith(("lawyer", "attorney")) and named.type == "GPE":
        return None
    return named


def _cue_at(text: str, quote: Quote, sentence: tuple[int, int]) -> int:
    """Where the quote's cue is written in its sentence (the last time before the quote), else the quote's start."""
    if not quote.cue:
        return quote.start
    s, e = sentence
    window = text[s:e]
    found = _written(quote.cue, window) if quote.cue.isascii() and window.isascii() else None
    if found is None:
        found = [m.start() for m in _cue_pattern(quote.cue).finditer(window)]
    before = [f for f in found if s + f <= quote.start]
    if before:
        return s + before[-1]
    return s + found[0] if found else quote.start


def _written(cue: str, window: str) -> list[int]:
    """Where ``_cue_pattern(cue).finditer(window)`` matches, found without the pattern for an ASCII cue in an ASCII
    window (where ignoring case is comparing lower cases): each place the cue is written, case aside, with a word's
    edge (``\\b``) at both ends, the next looked for past it; none compiled (a run meets a thousand cues)."""
    low, key = window.lower(), cue.lower()
    size = len(key)
    out = []
    at = low.find(key)
    while at >= 0:
        if _edge(low, at) and _edge(low, at + size):
            out.append(at)
            at = low.find(key, at + size)
        else:
            at = low.find(key, at + 1)
    return out


def _edge(text: str, at: int) -> bool:
    """Whether ``\\b`` matches at ``at`` of an ASCII ``text``: a word character on one side only."""
    before = at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")
    after = at < len(text) and (text[at].isalnum() or text[at] == "_")
    return before != after


@functools.lru_cache(maxsize=1024)
def _cue_pattern(cue: str) -> re.Pattern[str]:
    """The pattern of a cue as a word (cues repeat: "said", "told"), compiled once rather than looked up in re's
    cache, which an article's own patterns elsewhere keep emptying."""
    return re.compile(rf"\b{re.escape(cue)}\b", re.IGNORECASE)


# Words a target never ends on: what only opens or joins what follows ("control over", "in the", "Crimea and"); a
# verb may ("the racism that Trump has"), so none is here.
_DANGLING = frozenset(
    """a an the and or but nor of to in on at by for with from into onto over under about against between through
    than as if its his their our your my whose which who after before during while when where because whether""".split()
)


def _tidied(article: Article, start: int, end: int) -> tuple[int, int]:
    """A target's span ending where a reader can stop: not inside a name cut at the word limit
    (:data:`_OBJECT_WORDS`; "for the ongoing Asia" of "the ongoing Asia Cup": to the name's end; a headline's
    capitals elsewhere are no name), not on a word that opens or joins what was cut off ("control over", "in
    the", "Crimea and": before it), and with the quotation mark that closes one it opens when the writer put a
    comma or stop inside it ("an ‘ambitious compromise,’")."""
    text = article.text
    if len(text[start:end].split()) >= _OBJECT_WORDS:  # (cut at the word limit, maybe inside a name)
        for m in article.mentions:
            if start <= m.start < end < m.end and "\n" not in text[end : m.end]:
                end = m.end
                break
        last = text.rfind(" ", start, end) + 1
        if start < last and (run := _NAME_RUN.match(text, last)) and run.end() > end and "\n" not in run.group():
            end = run.end()  # a name the model did not tag, cut the same way ("the ongoing Asia| Cup")
    while True:
        last = text.rfind(" ", start, end)
        word = text[last + 1 : end].strip("“”\"'‘’,.;:").casefold() if last >= start else ""
        if last < start or word not in _DANGLING:
            break
        end = len(text[:last].rstrip())
    for opening, closing in (("“", "”"), ("‘", "’")):
        kept = text[start:end]
        if kept.count(opening) > kept.count(closing) and re.match(rf"[,.]?{closing}", text[end : end + 2]):
            end = text.index(closing, end) + 1
    return start, end


# Verbs of judging someone or something ("praised", "criticized", "slammed", "dismissed", "hailed"): what is judged is
# their object, and what follows it says why, as what, or where ("criticized Vek for opposing the toll", "dismissed
# the plan as “absurd”", "condemned the ban in a statement"), which is no part of it.
_JUDGING_CUE = re.compile(
    r"^(?:prais|critici[sz]|condemn|denounc|slam|hail|dismiss|thank|blam|applaud|commend|laud|rebuk|attack|fault|"
    r"scold|castigat|lambast|chastis|mock|ridicul|decr[iy]|welcom)",
    re.IGNORECASE,
)
_WHY_OR_WHERE = re.compile(
    r"(?<!\bsuch)(?<!\bso)\s+(?:(?:for|over)\s+(?:(?:not|never|\w+ly)\s+)?(?:(?!(?:some|no|any|every)thing\b|morning\b|evening\b|"
    r"spring\b|during\b)[a-z]+ing\b|(?:his|her|its|their|my|our|your|what|how)\b)|"
    r"as\s+(?!(?:well|part|long|much|many|soon|if|though|of|a\s+result|such)\b)|from\s+the\s+(?:left|right)\b|"
    r"(?:in|during|at|on)\s+(?:(?:an?|the|his|her|their|its)\s+)?(?:[\w’'-]+\s+){0,5}?(?:statements?|speech(?:es)?|"
    r"interviews?|appearances?|op-eds?|tweets?|posts?|rall(?:y|ies)|debates?|diatribes?|address|letters?|videos?|"
    r"columns?|essays?|hearings?|(?:campaign\s+)?stops?|parliament|broadcasts?|podcasts?)\b)",
    re.IGNORECASE,
)
_PRONOUN_ONLY = re.compile(r"\s*(?:him|her|them|it|this|that|us|me|you)\s*", re.IGNORECASE)


def _judged_thing(text: str, cue: str, start: int, end: int) -> int:
    """Where the target ``start``-``end`` of a judging cue (:data:`_JUDGING_CUE`) ends: before why, as what or where
    it is judged (:data:`_WHY_OR_WHERE`: "Vek| for opposing the toll", "the plan| as “absurd”", "the ban| in a
    statement"), unless only a pronoun would be left ("him as unfit" says more than "him")."""
    if not _JUDGING_CUE.match(cue):
        return end
    why = _why(text, start, end)
    if why is None or why.start() == start or _PRONOUN_ONLY.fullmatch(text, start, why.start()):
        return end
    return why.start()


# Nouns whose "for", "over" or "on" says what they are, not why they are judged ("welcomed calls for scrapping the
# toll", "the push for ending it", "the ban on campaign posts", "limits on rallies", "the vote for leaving"): the
# words after are part of the thing judged.
_OF_WHAT = frozenset(
    "call calls push campaign campaigns vote votes support case demand demands plan plans bid bids proposal "
    "proposals pressure effort efforts argument arguments petition petitions motion motions plea pleas appetite "
    "preference drive move moves idea ideas ban bans limit limits curb curbs restriction restrictions crackdown "
    "attack attacks war tax taxes rule rules ruling rulings debate moratorium cap caps fight battle row dispute "
    "talks deal".split()
)


def _why(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first :data:`_WHY_OR_WHERE` between ``start`` and ``end`` that is not what a noun of :data:`_OF_WHAT`
    before it is of ("calls| for scrapping the toll" goes on; "Vek| for opposing the toll" ends)."""
    for why in _WHY_OR_WHERE.finditer(text, start, end):
        word = text[max(start, why.start() - 20) : why.start()].rsplit(None, 1)[-1:]
        prep = why.group().split(None, 1)[0].casefold()
        if prep in {"for", "over", "on"} and word and word[0].casefold() in _OF_WHAT:
            continue
        return why
    return None


def _make(
    ctx: _Context,
    actor: Mention,
    position: Position,
    target: tuple[int, int],
    evidence: tuple[int, int],
    *,
    said: bool,
    cue: str,
    confidence: float,
    clause: str,
) -> Stance:
    text = ctx.article.text
    t0, t1 = _tidied(ctx.article, target[0], _judged_thing(text, cue, *target))
    condition = _CONDITION.search(clause)
    if condition and position != Position.OPPOSES:
        position = Position.CONDITIONAL
    strength = 0.9 if _FIRM.search(clause) else 0.4 if _HEDGE.search(clause) else 0.7
    return Stance(
        actor_id=actor.entity_id or "",
        actor=actor.text,
        position=position,
        target=text[t0:t1],
        target_start=t0,
        target_end=t1,
        start=evidence[0],
        end=evidence[1],
        said=said,
        cue=cue,
        condition=clause[condition.start() :].strip(' .”"') if condition else None,
        date=_date(ctx.article, *ctx.sentence(evidence[0])),
        strength=strength,
        confidence=round(confidence, 2),
        terms=terms(text[t0:t1], t0, ctx.article.mentions),
    )


def _words_ahead(content: str, at: int) -> list[str]:
    """The first four of ``content[at:].split(" ")`` (fewer when it has fewer), without splitting all the rest."""
    out = []
    for _ in range(4):
        cut = content.find(" ", at)
        if cut < 0:
            out.append(content[at:])
            break
        out.append(content[at:cut])
        at = cut + 1
    return out


# A name after "a" or "an" and a word that qualifies it ("a stronger Hollywood", "a free Marovia"): the name in a
# state the speaker foresees or wants, which a word list reads as praise of the name.
_A_STATE_OF = re.compile(r"\b(?:a|an)\s+[\w-]+\s+$", re.IGNORECASE)


# A name after a preposition is named in passing ("teachers in the U.S.", "an alternative to Donald Trump", "stewards
# of Warner Bros’ brands"): what the sentence's words say of is something else, and a word list reads them as said of
# the name ("against", "from" and "by" are kept: "the fight against X", "a threat from X" are said of X).
_IN_PASSING = re.compile(
    r"\b(?:of|in|to|for|with|at|on|since|about|into|over|under|like|as)\s+(?:the\s+)?[“\"‘']?$",
    re.IGNORECASE,
)


# What a wish's object is when it asks someone to act ("urge Parliament to reject the treaty", "call for Belstad to
# accept the plan"): up to four words of who is asked, "to" and the verb asked for.
_ASKED_TO = re.compile(r"(?:[\w’'.-]+\s+){1,4}?to\s+(?P<verb>[\w’'-]+)")


# Who is spoken to, or of, at the head of a condition's clause: "you" always; "he", "she", "they" in the speaker's
# own words (in reported speech they are the speaker, as elsewhere).
_ADDRESSED = re.compile(r"\s*[“\"‘']?(?:that\s+)?you\b", re.IGNORECASE)
_THIRD_PERSON_HEAD = re.compile(r"\s*[“\"‘']?(?:that\s+)?(?:he|she|they)\b", re.IGNORECASE)


def _anothers_course(ctx: _Context, quote: Quote, head: str) -> bool:
    """Whether the clause a condition qualifies is someone else's course, not one the speaker sets: a name in it
    ("Trump could embrace it, but only if ...": his course, the speaker's forecast; "the Democrats' platform tells
    voters that unless they ..."), "you" ("You shouldn't say that unless ..."), "he", "she", "they" in the speaker's
    own words, or a verb with no subject ("[what Trump] says is a lie unless ...": the quote's start is inside a
    clause). "new talks can only begin if ..." and "we will sign only if ..." are the speaker's."""
    if _ADDRESSED.match(head) or (quote.direct and _THIRD_PERSON_HEAD.match(head)):
        return True
    if _FINITE.match(head.lstrip(" “\"‘'")):
        return True
    end = quote.start + len(head)
    return any(
        quote.start <= m.start and m.end <= end and m.entity_id != quote.speaker_entity_id
        for m in ctx.actors_in(quote.start, end)
    )


# "in favor of" after a verb other than "be" ("rigged in favor of", "tilted in favour of"): a manner, not a position.
_IN_FAVOR_OF_ANOTHER = re.compile(
    r"(?<!\bam)(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)(?<!\bbe)(?<![’']m)(?<![’']s)(?<![’']re)\s+in\s+$", re.IGNORECASE
)
# What "opposing" qualifies as an adjective: sides that differ ("opposing views", "the opposing team").
_SIDES = re.compile(
    r"(?:views?|sides?|camps?|positions?|opinions?|stances?|perspectives?|arguments?|ideas?|factions?|teams?|"
    r"forces|counsel|parties|directions?|ends?)\b"
)
# A determiner or a figure right before a participle makes it an adjective ("271 pledged delegates").
_DETERMINED = re.compile(r"(?:\b(?:a|an|the|its|his|her|their|our|my|your|this|these|those)|\d)\s+$", re.IGNORECASE)
# A danger or a risk an act is named as: "the dangers of ... ceding the presidency" warns against the act.
_WEIGHED = re.compile(r"\b(?:dangers?|risks?|threats?|perils?)\s+of\b", re.IGNORECASE)
# A danger or a risk taken, worth it, or braved: "ready to take the risk of supporting ...", "worth the risk of backing
# ...", "despite the dangers of ...": the act is what the speaker is for, as the verb says.
_RISK_TAKEN = re.compile(
    r"\b(?:tak(?:e|es|en|ing)|took|run(?:s|ning)?|ran|worth|despite|accept(?:s|ed|ing)?|brav(?:e|es|ed|ing))\s+"
    r"(?:[\w’'-]+\s+){0,2}?(?:dangers?|risks?|threats?|perils?)\s+of\b",
    re.IGNORECASE,
)
# A course of action, whose consequence a speaker weighs: a gerund ("legitimising conquest would invite aggression"),
# never a thing or a name ("the election will result in ...", "the United States would end ...").
_A_COURSE = re.compile(r"\s*(?:that\s+)?(?!(?:some|no|any|every)thing\b|during\b|morning\b|evening\b)[a-z]{2,}ing\b")


def _content_position(ctx: _Context, quote: Quote) -> tuple[Position, tuple[int, int], float] | None:
    """The position a speech quote's content takes: a position or act verb of its own, a modal proposition, a
    condition, else the sentiment toward the first entity it names."""
    text = ctx.article.text
    content = text[quote.start : quote.end]
    condition = _CONDITION.search(content)
    until = condition.start() if condition else len(content)
    modal = _MODAL_PROPOSITION.search(content, 0, until) if _MODAL_BE.search(content, 0, until) else None
    if modal and _PRONOUN_END.search(modal["subject"]):
        modal = None  # "they think it should be changed": a proposition on what a pronoun stands for names nothing
    if modal:
        subject = _DETERMINER.sub("", modal["subject"].strip().split(",")[-1].strip())
        s0 = quote.start + modal.start("subject") + modal["subject"].rfind(subject)
        end = quote.start + modal.end("rest")
        position = Position.OPPOSES if modal["neg"] or modal["neg2"] else Position.SUPPORTS
        judged = _verb(modal["rest"].split()[0])
        if judged is not None:
            # "the bill should be rejected": a position on the subject, the verb's own ("should not be approved": the
            # opposite), never support for a proposition that holds its rejection
            negated = position == Position.OPPOSES
            opposite = Position.OPPOSES if judged == Position.SUPPORTS else Position.SUPPORTS
            return (opposite if negated else judged), (s0, s0 + len(subject)), 0.6
        return position, (s0, end), 0.6
    for w in _WORD.finditer(content):
        if condition and w.start() >= condition.start():
            break  # the condition's own verbs say what it takes, not the position
        word = w.group()
        folded = word.casefold()
        if len(folded) > 1 and folded[:2] not in _VERB_STARTS:
            continue  # (every verb test below reads a string that starts with it: none passes)
        if folded.rstrip("’'").endswith("ers"):
            continue  # who does it ("Supporters of some other candidates", "her supporters"), never a verb
        # (the word before it: the last of what precedes it, split at white space)
        if _ambiguous(word) and not _a_verb_before(content[: w.start()]):
            continue  # "came back to the table", "a call", "the offer": not a position verb here
        ahead = _words_ahead(content, w.start())
        verb_position = _word_verb(word)
        verb_end = w.end()
        if verb_position is None and (verb_position := _verb(" ".join(ahead[:2]).casefold())) is not None:
            verb_end = w.start() + len(" ".join(ahead[:2]))  # "rule out": the object follows both words
        act = bool(_ACT.search(" ".join(ahead[:4]).casefold()) or _ACT.search(word.casefold()))
        if verb_position is None and not act:
            continue
        before = content[max(0, content.rfind(",", 0, w.start()) + 1) : w.start()]
        if re.search(r"\bwhether\b", before, re.IGNORECASE):
            continue  # "a vote on whether to endorse X": a question put, no side taken
        if _IN_FAVOR_OF_ANOTHER.search(content, 0, w.start()) and folded.startswith("favo"):
            continue  # "the system is rigged in favor of the rich": how a thing leans, not a side the speaker takes
        if _RELATIVE_CLAUSE.search(before) or _someone_else(ctx, quote, content, w.start()):
            continue  # "..., under which countries pledged to", "extremists seek to": not the speaker's position
        if not act and _no_position_here(word, content[w.end() :]):
            continue
        if act:
            target = _object(text, quote.start + w.start(), quote.end)
            if target is not None:
                rest = _WORD.findall(text[quote.start + w.end() : target[1]])
                if not any(r.casefold() not in FUNCTION_WORDS for r in rest):
                    continue  # "signed off on": an act with nothing it acts on
                if _recognition_without_object(word, text[target[0] : target[1]], ctx.article, *target):
                    continue
            verb_position = Position.SUPPORTS
        else:
            target = _object(text, quote.start + verb_end, quote.end)
            asked = _ASKED_TO.match(text, target[0], target[1]) if target and verb_position is not None else None
            if asked and verb_position == Position.SUPPORTS and (inner := _verb(asked["verb"])) is not None:
                # "we urge Parliament to reject the treaty": the speaker's position is the act asked for, on its object
                if _no_position_here(asked["verb"], text[asked.end("verb") : quote.end]):
                    continue
                verb_position, target = inner, _object(text, asked.end("verb"), quote.end)
        if target is None or verb_position is None:
            continue
        if _WEIGHED.search(before) and not _RISK_TAKEN.search(before):
            # "cannot afford the risk of accepting ...", "warn about the dangers of ... ceding ...": the act named as a
            # danger is what the speaker is against, however the clause is negated ("the risks of rejecting the
            # deal": for the deal)
            verb_position = Position.SUPPORTS if verb_position == Position.OPPOSES else Position.OPPOSES
        elif _negated(before):
            if _negated_above(before):
                continue  # "I don't deny that we support ...", "I won't pretend that we back ...": no side read
            verb_position = _turned(verb_position, before)
        return verb_position, target, 0.6
    if condition:
        head = content[: condition.start()].rstrip()
        head = re.sub(r"\s+(?:can|could|will|would|may|must|should)(?:\s+\w+)?$", "", head)
        head_words = _WORD.findall(head)
        if head_words and not _anothers_course(ctx, quote, head):
            lead = len(content) - len(content.lstrip())
            return Position.CONDITIONAL, (quote.start + lead, quote.start + len(head)), 0.55
    consequence = _CONSEQUENCE.match(content)
    # What would follow from a course of action ("legitimising conquest would ..."), not from a named actor, nor
    # from what a pronoun stands for ("it noted the verdict and that it will ...").
    if consequence and _A_COURSE.match(consequence["subject"]) and not re.search(r"\bthat\b", consequence["subject"]):
        subject = consequence["subject"]
        lead = len(subject) - len(subject.lstrip())
        keep = (quote.start + lead, quote.start + len(subject))
        polarity = ctx.sentiment(_masked(ctx.article, quote.start, quote.end, keep), lead, len(subject))
        if polarity.label != "neutral":
            position = Position.SUPPORTS if polarity.label == "positive" else Position.OPPOSES
            return position, (quote.start + lead, quote.start + len(subject)), 0.5
    if ctx.sentiment is lexicon:
        # The word list reads no name's treatment: read on 40 of its stances on PolNeAR, 31 were wrong ("make America
        # great again" as support for America, "discrimination against Muslims" as opposition to Muslims, a name in
        # passing in a sentence about something else) and 5 right. A sentiment model passed in still reads it.
        return None
    named = [m for m in ctx.article.mentions if quote.start <= m.start and m.end <= quote.end and m.entity_id]
    named = [m for m in named if ctx.article.text[quote.start : m.start].strip(" “\"'‘")]
    if named and quote.direct:
        m = named[0]  # not the quote's first words: the subject of a quote is the speaker's side more often
        if _IN_PASSING.search(text, quote.start, m.start):
            return None  # (and the next name is no likelier what the words are said of)
        # Read in the name's own sentence of the quote, never the whole quote.
        s0, s1 = next(((a, b) for a, b in ctx.spans if a <= m.start < b), (quote.start, quote.end))
        s0, s1 = max(s0, quote.start), min(s1, quote.end)
        follows = _WORD.match(ctx.article.text, m.end + 1) if ctx.article.text[m.end : m.end + 1] == " " else None
        if follows is not None and follows.group().casefold() in _SUBJECT_SKIP:
            return None  # "India remains committed ...": the subject of the speaker's sentence, their own side
        if _A_STATE_OF.search(ctx.article.text, max(s0, m.start - 40), m.start):
            return None  # "will create a stronger Hollywood": a state the speaker foresees for it, no view of it
        masked = _masked(ctx.article, s0, s1, (m.start, m.end))
        polarity = ctx.sentiment(masked, m.start - s0, m.end - s0)
        if polarity.label == "positive":
            return Position.SUPPORTS, (m.start, m.end), 0.35 * polarity.confidence / 0.5
        if polarity.label == "negative":
            return Position.OPPOSES, (m.start, m.end), 0.35 * polarity.confidence / 0.5
    return None


def _from_quote(
    ctx: _Context, quote: Quote, held: tuple[int, int] | None = None, spoken_for: bool = False
) -> Stance | None:
    """The stance of a quote or view, if it takes one; ``held``: the sentence its speaker's span is in, when that
    is not the quote's own (a "they" that stands for people named in the sentence above: :func:`_they_stand_for`);
    ``spoken_for``: the speaker is one another speaks for (:func:`_principal`), who may be named in the words."""
    text = ctx.article.text
    sentence = ctx.sentence(quote.start)
    if sentence[0] == sentence[1]:
        return None
    cue_at = _cue_at(text, quote, sentence)
    actor = _actor_mention(ctx, quote, held or sentence, cue_at)
    if actor is None or actor.text.casefold() in ctx.outlets:
        return None
    if quote.start <= actor.start < quote.end and not spoken_for:
        return None  # the actor is named inside the content: a report about them, not their words
    cue = (quote.cue or "").casefold()
    position = _verb(cue)
    act = bool(_ACT.search(cue))
    evidence = (min(actor.start, cue_at, quote.start), max(quote.end, cue_at + len(cue)))
    clause = text[evidence[0] : evidence[1]]
    if cue.endswith("ed") and _DETERMINED.search(text, max(0, cue_at - 12), cue_at):
        return None  # "271 pledged delegates", "the proposed merger": a participle before a noun, no verb
    if position is not None and _no_position_here(cue, text[cue_at + len(cue) : quote.end]):
        return None
    if (
        (position is not None or act)
        and quote.end <= cue_at
        and not _WHICH.fullmatch(text, quote.end, actor.start)
        and not (quote.direct and _DEMANDING.match(cue))
    ):
        # "On his blog on Tuesday, Schilling did not back down": an object comes after its verb, unless a relative
        # clause's verb is the cue ("a canal toll, which Belstad rejected") or the words are what a speaker urged,
        # demanded or promised, quoted ("“Belstad should drop the toll,” Holm demanded")
        return None
    if (position is not None or act) and _SUPPOSED.search(text, sentence[0], actor.start):
        return None  # "Asked if she believed Putin wanted Trump to win, ...": a supposition, no position
    if position is not None or act:
        before = text[max(actor.end, sentence[0]) : cue_at]
        if cue.endswith("ing") and (doer := _doer(ctx, before, cue_at - len(before), actor)) is not actor:
            # "Cruz thanked Trump for backing his priority": the backing is Trump's, or no one's ("thanked them"),
            # or the judge's own ("blamed herself for backing ..."); "questioning Clinton's judgment in supporting
            # the war": Clinton's
            if doer is None:
                return None
            if doer is not actor:
                actor, before = doer, text[doer.end : cue_at]
            evidence = (min(actor.start, cue_at, quote.start), max(quote.end, cue_at + len(cue)))
            clause = text[evidence[0] : evidence[1]]
        if _OWED_BEFORE.search(before):
            return None  # "Holm said Congress must reject the bill": Holm's demand (her quote's), not Congress's view
        if cue.startswith("want") and _MIGHT_WANT.search(before):
            return None  # "Republicans might want to consider ...": the writer's advice to them
        if act:
            target = _object(text, cue_at, max(quote.end, cue_at + len(cue)))
            if target is not None and _recognition_without_object(
                cue, text[target[0] : target[1]], ctx.article, *target
            ):
                return None
            willing = _verb(before.strip().split(" ")[-2] if len(before.split()) >= 2 else "")
            position = Position.SUPPORTS if willing in (None, Position.SUPPORTS) else Position.OPPOSES
            confidence = 0.5
        else:
            # A view the quotes stage ended at a possessor's "’s" ("rejected the verdict of the country’s ... tribunal")
            # goes on to the thing possessed: the object is read to its clause's end.
            cut = text.startswith(("’s", "'s"), quote.end)
            target = _object(text, quote.start, None if cut else quote.end)
            if _JUDGING_CUE.match(cue) and (why := _why(text, cue_at + len(cue), quote.start)):
                # "slammed the plan as “a cynical ploy”", "criticised Vek for making “rude statements”": the words
                # say as what or why, the plan and Vek are what is judged
                target = _object(text, cue_at + len(cue), why.start())
            if cut and target is not None:  # (and the evidence with it)
                evidence = (evidence[0], max(evidence[1], target[1]))
                clause = text[evidence[0] : evidence[1]]
            confidence = 0.7 if quote.speaker_entity_id else 0.6
            if target is not None and _an_act_told(cue, text, *target):
                return None  # "refused to shake hands", "accepted the cheque": an act the reporter tells
        if target is None or position is None:
            return None
        if _negated(before):
            position = _turned(position, before)
        return _make(
            ctx,
            actor,
            position,
            target,
            evidence,
            said=False,
            cue=quote.cue or "",
            confidence=confidence,
            clause=clause,
        )
    if not _SPEECH.search(cue) and quote.cue:
        return None
    found = _content_position(ctx, quote)
    if found is None:
        return None
    position, target, confidence = found
    if quote.direct and quote.speaker_entity_id is None:
        confidence -= 0.1
    said = quote.direct
    return _make(
        ctx, actor, position, target, evidence, said=said, cue=quote.cue or "", confidence=confidence, clause=clause
    )


# The words between a preposition and the act it opens: none, a negation or one adverb ("for not backing", "in
# quickly backing"), up to the act's gerund, where the text read ends.
_TO_THE_ACT = r"\s+(?:(?:not|never|\w+ly)\s+)?$"
# Judging someone for what they did ("thanked Trump for backing ...", "criticised Holm over rejecting ...", "blamed
# Ostrava for refusing ...", "credited Ostrava with opposing ..."): the act after "for" or "over" ("with" after
# crediting) is the one judged's, never the judge's, negated or not ("thanked Trump for not backing ..."); the judged
# themself ("blamed herself for backing ...") is the judge. What one is accused or suspected of is a charge, no one's
# act ("accused Holm of backing ...").
_JUDGED_FOR = re.compile(
    r"\b(?:(?:thank|prais|blam|critici[sz]|congratulat|applaud|commend|fault|condemn|accus|slam|credit|hail|laud|"
    r"rebuk|attack|chid|scold|censur|denounc|lambast|castigat|reward|salut|berat|ridicul|mock)\w*\s+"
    r"(?P<whom>(?:(?!\b(?:for|over)\b)[^,;:.!?])+?)\s+(?:for|over)|"
    r"(?:accus|suspect)\w*\s+(?P<charged>[^,;:.!?]+?)\s+of|credit\w*\s+(?P<credited>[^,;:.!?]+?)\s+with)" + _TO_THE_ACT,
    re.IGNORECASE,
)
_REFLEXIVE = re.compile(r"(?:him|her|them|it|my|our|your)sel(?:f|ves)\b", re.IGNORECASE)
# A form of "be" before a participle: the passive, whose subject is whom the position is on ("Reagan was criticized
# for trading ...", "Texas was called for Cruz"), unless the participle is a state of readiness or of being against
# ("was prepared to", "is committed to", "is opposed to").
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_STATE = re.compile(r"^(?:prepared|committed|opposed|pledged)\b", re.IGNORECASE)


def _judged(ctx: _Context, judged: re.Match[str], at: int, judge: Mention) -> Mention | None:
    """The doer of the act someone is judged for (:data:`_JUDGED_FOR` matched ``judged`` in the text from ``at``):
    the actor that opens whom is judged ("Cruz thanked Trump on Twitter for backing ...": Trump), the ``judge`` when
    that is themself ("blamed herself for backing ..."), or None (a pronoun, people unnamed, or a charge: no one to
    give it)."""
    if judged["charged"] is not None:
        return None  # ("accused Holm of backing ...": a charge, which Holm may deny)
    whom = "whom" if judged["whom"] is not None else "credited"
    if _REFLEXIVE.match(judged[whom]):
        return judge
    w0, w1 = at + judged.start(whom), at + judged.end(whom)
    # (the name opens whom is judged, after "the" at most: "thanked the Belstad cabinet for ...")
    return next((m for m in ctx.actors_in(w0, w1) if m.start - w0 <= 4), None)


# An act named after a possessed noun ("questioning Clinton’s judgment in supporting the war", "Holm's record of
# backing the toll"): the possessor's act; after "his", "her", "their" or "its" and a verb of judging or doubting it
# ("questioned her judgment in backing ..."), another's, whom the words do not name.
_OWNERS_ACT = re.compile(
    r"(?:(?P<owned>[’']s)|\b(?P<pronoun>his|her|their|its))\s+(?:[\w-]+\s+){1,2}?(?:in|of|for)" + _TO_THE_ACT,
    re.IGNORECASE,
)
# The means of a clause's doer, after a possessed noun ("underestimating Mr. Trump's appeal by dismissing him"): the
# possessor's act only if they are the doer, which the words before do not say.
_MEANS = re.compile(r"[’']s\s+(?:[\w-]+\s+){1,2}?by" + _TO_THE_ACT, re.IGNORECASE)
_DOUBTED = re.compile(r"\b(?:question|doubt|challeng|attack|critici[sz]|fault|slam|mock|blam)\w*\s+$", re.IGNORECASE)


def _doer(ctx: _Context, before: str, at: int, actor: Mention) -> Mention | None:
    """Who did the act whose gerund follows ``before`` (the text from ``at`` to the cue, after ``actor``): the one
    judged for it (:data:`_JUDGED_FOR`, :func:`_judged`), the one whose judgment, record or role in it is named
    (:data:`_OWNERS_ACT`: the actor written right before "’s", or no one), or ``actor``, as read before."""
    if judged := _JUDGED_FOR.search(before):
        return _judged(ctx, judged, at, actor)
    if (means := _MEANS.search(before)) and means.start() == 0:
        return None  # "Mr. Trump's appeal by dismissing him": the means of the clause's subject, not the possessor's
    owned = _OWNERS_ACT.search(before)
    if owned is None:
        return actor
    if owned["pronoun"] is not None:
        return None if _DOUBTED.search(before, 0, owned.start()) else actor
    return next(
        (m for m in ctx.actors_in(max(0, at + owned.start() - 80), at + owned.start()) if m.end == at + owned.start()),
        None,
    )


# A request or a wish of which a name is the object ("a call for Brazil to accept ...", "urged the Belstad cabinet
# to reject ...", "called on Ostrava to ..."): what someone wants of it, not its own position ("led Ostrava to fear
# ..." and a headline's "Brazil to accept ..." are its own).
_ASKED_OF = re.compile(
    r"\b(?:for|on|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|press(?:es|ed|ing)?|told|tell(?:s|ing)?|want(?:s|ed|ing)?|"
    r"expect(?:s|ed|ing)?|encourag(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|persuad(?:e|es|ed|ing)|"
    r"convinc(?:e|es|ed|ing))\s+(?:[\w’'.-]+\s+){0,3}$",
    re.IGNORECASE,
)


# A name right after a preposition is no subject of the verb after it ("a refugee who came to Europe through Greece is
# pushing ...", "Dan McLaughlin at the National Review agreed ..."), unless a group is "in", "at" or "for" it
# ("officials in Belstad rejected ..."); "of" and "from" are read by _PEOPLE_OF and the group rules, "with X pushing for
# ..." names X's own course (decision 0018), and "after", "before", "since" are as often conjunctions.
_PREPOSED = re.compile(
    r"(?:^|\s)(?:(?P<head>[\w’'-]+)\s+)?(?P<prep>through|at|in|into|to|by|via|across|over|under|for|on|about|near|"
    r"within|against|toward|towards|among|between|behind|beyond|without)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _a_prepositions_object(text: str, start: int, m: Mention) -> bool:
    """Whether ``m`` (in the sentence from ``start``) is written as a preposition's object (:data:`_PREPOSED`)."""
    hit = _PREPOSED.search(text, max(start, m.start - 60), m.start)
    if hit is None:
        return False
    if hit["prep"].casefold() == "for" and hit["head"] and _SPEAKS_FOR.fullmatch(hit["head"]):
        return False  # "a spokesman for Belstad rejected ...": one who speaks for it (:data:`_ROLE`)
    return not (hit["prep"].casefold() in {"in", "at", "for"} and hit["head"] and _GROUP.fullmatch(hit["head"]))


_SPEAKS_FOR = re.compile(r"spokes(?:man|woman|person)|representatives?|lawyers?|attorneys?", re.IGNORECASE)


# A wish put as a possibility ("Republicans might want to consider ..."): the writer's advice, no one's position.
_MIGHT_WANT = re.compile(r"\b(?:might|may|could)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _from_clauses(ctx: _Context, taken: list[tuple[str, int, int]]) -> Iterator[Stance]:
    """Reported positions the quotes stage did not take as quotes: "<actor> [adverbs] <position verb> <object>",
    or "<noun phrase> that <actor> has been <position verb>"."""
    text = ctx.article.text
    for m in ctx.actors:
        if m.text.casefold() in ctx.outlets:
            continue
        sentence = ctx.sentence(m.start)
        after = _BETWEEN.match(text, m.end, sentence[1])
        if not after:
            continue
        verb = after["verb"]
        position = _word_verb(verb)
        if position is None and not _SPEECH.search(verb.casefold()):
            continue  # (asked first: most words after a name are neither, and nothing below makes them one)
        first = verb.split()[0]
        if _NOUN_END.search(first):
            continue  # a noun ("US support for", "commitments"), not a verb
        bare = not _INFLECTED.search(first)
        between = text[m.end : after.start("verb")]
        if not between.strip() and bare:
            continue  # "US support for Ukraine": a bare form right after a name is a noun
        if between.startswith(("'s", "’s")) and first.casefold().endswith("ed"):
            continue  # "Netflix's proposed acquisition": a participle before a noun ("Pence's call for" is a position)
        if first.casefold().endswith("ed") and _PASSIVE.search(between) and not _STATE.match(first):
            continue  # "Reagan was criticized for trading ...", "Texas was called for Cruz": the name is judged
        if between.split() == ["to"] and _ASKED_OF.search(text, sentence[0], m.start):
            continue  # "a call for Brazil to accept ...", "urged Belstad to reject ...": what someone wants of it
        if _SUPPOSITION.search(text[sentence[0] : m.start]):
            continue  # a supposition ("if Ukraine accepts ..."), not a position
        if _a_prepositions_object(text, sentence[0], m):
            continue  # "a refugee who came through Greece is pushing ...", "Vek at the Courier agreed": not who acts
        if first.casefold().startswith("want") and _MIGHT_WANT.search(between):
            continue  # "Republicans might want to consider ...": the writer's advice to them
        if (of := _PEOPLE_OF.search(text, sentence[0], m.start)) and (
            of["noun"].casefold() in _SIDE or not _GROUP.fullmatch(of["noun"])
        ):
            # "Supporters of Ostrava rejected ...", "members of the party are denouncing", "millions of Americans
            # supporting ...": who acts is the noun before the name, or some of the name's people, never all of it.
            continue
        if text[sentence[0] : sentence[1]].rstrip("”\"’' ").endswith("?"):
            continue
        verb_at = after.start("verb")
        if position is not None and _no_position_here(verb, text[after.end("verb") : sentence[1]]):
            continue
        if any(actor == m.entity_id and s <= verb_at < e for actor, s, e in taken):
            continue
        if position is None:  # (a speech verb: "said", "told")
            that = _THAT.match(text, after.end("verb"))
            if that and not re.search(r"[,;:()]", text[m.end : verb_at]):
                said_that = Quote(
                    text=text[that.end() : sentence[1]],
                    start=that.end(),
                    end=sentence[1],
                    speaker=m.text,
                    speaker_kind=SpeakerKind.GROUP,
                    speaker_entity_id=m.entity_id,
                    cue=verb,
                    direct=False,
                )
                found = _content_position(ctx, said_that)
                if found is not None:
                    pos, span, confidence = found
                    yield _make(
                        ctx,
                        m,
                        pos,
                        span,
                        (m.start, sentence[1]),
                        said=False,
                        cue=verb,
                        confidence=confidence - 0.05,
                        clause=said_that.text,
                    )
            continue
        gap = text[m.end : verb_at]
        if re.search(r"[,;:()]", gap) or _OWED_BEFORE.search(gap):
            continue  # (and "Congress must reject ...": someone's demand of it, no position of its own)
        target: tuple[int, int] | None = _object(text, after.end("verb"))
        if target is not None and between.startswith(("'s", "’s")):
            # "Ostrava's call for a toll was heard": a position named as a noun is the subject of the clause's verb,
            # where its object ends.
            verb_of = next((v for v in _WORD.finditer(text, *target) if _FINITE.fullmatch(v.group())), None)
            target = (target[0], len(text[: verb_of.start()].rstrip())) if verb_of else target
        if target is not None and target[1] - target[0] < 3:
            target = None
        if target is not None and first.casefold().endswith("ed") and re.match(r"by\s", text[target[0] : target[1]]):
            continue  # "Clinton was backed by a majority of women": the name is whom the position is on
        if target is not None and _an_act_told(verb, text, *target):
            continue  # "India refused to shake hands": what the actor did, told by the reporter
        if target is None:
            relative = _RELATIVE.search(text, sentence[0], m.start)
            if relative is None:
                continue
            np_start = relative.start("np")
            last = list(re.finditer(r"\b(?:a|an|the|this|its|his|her|their|our|of|to|be|is)\s+", relative["np"]))
            if last:
                np_start += last[-1].end()
            target = (np_start, relative.end("np"))
            evidence = (relative.start(), after.end("verb"))
        else:
            evidence = (m.start, target[1])
        if _negated(gap):
            position = _turned(position, gap)
        clause = text[m.end : evidence[1]]
        yield _make(ctx, m, position, target, evidence, said=False, cue=verb, confidence=0.6, clause=clause)


def find(article: Article, *, sentiment: Sentiment = lexicon) -> tuple[Stance, ...]:
    """The stances of ``article``, in text order (at most :data:`MAX_STANCES`). An article in another language
    than English, or without linked mentions, has none: the rules read English and actors are entities.

    Args:
        sentiment: how a sentence speaks of a target span, for quotes that take no position in words
            (``newsdesk.target_sentiment`` has this shape); a small word list by default, which weighs a course's
            consequence only and reads no name's treatment.
    """
    if article.language and article.language != "en":
        return ()
    if not any(m.entity_id for m in article.mentions):
        return ()
    outlets = {o.casefold() for o in article.cites}
    if article.outlet:
        outlets.add(article.outlet.casefold())
    spans = list(sentences(article.text))
    actors = [m for m in article.mentions if m.type in ACTOR_TYPES and m.entity_id and _an_actor(article.text, m)]
    fused = {m: parts for m in actors if (parts := _bodies_fused(m, actors))}
    if fused:
        # "Marovex and Belcorp" read by the model as one organisation: each body it names holds what they said
        # together, as a list of speakers does (_named_together, _listed_with); the fused name holds nothing.
        actors = sorted((part for m in actors for part in fused.get(m, [m])), key=lambda m: (m.start, m.end))
        ids = {m.entity_id for m in fused}
        article = replace(
            article,
            quotes=tuple(
                replace(q, speaker_entity_id=None) if q.speaker_entity_id in ids else q for q in article.quotes
            ),
        )
    starts = [m.start for m in actors]
    in_order = all(a <= b for a, b in itertools.pairwise(starts))
    sentence_starts = [s for s, _ in spans]
    ctx = _Context(article, sentiment, spans, frozenset(outlets), sentence_starts, actors, starts if in_order else None)
    found: dict[tuple[str, int, int], Stance] = {}
    for said in article.quotes:
        for quote, held, spoken_for in _holders(ctx, said):
            stance = _from_quote(ctx, quote, held, spoken_for)
            if stance is None:
                continue
            if held is not None:  # (read through a pronoun: as sure as the quotes stage's "they", 0.6 at most)
                stance = replace(stance, confidence=min(stance.confidence, 0.6))
            found.setdefault((stance.actor_id, stance.target_start, stance.target_end), stance)
            listing = replace(quote, speaker_entity_id=None) if held is not None else quote
            for other in _listed_with(ctx, listing, stance):
                listed = replace(stance, actor_id=other.entity_id or "", actor=other.text)
                found.setdefault((listed.actor_id, listed.target_start, listed.target_end), listed)
    taken = [(s.actor_id, s.start, s.end) for s in found.values()]
    for stance in _from_clauses(ctx, taken):
        found.setdefault((stance.actor_id, stance.target_start, stance.target_end), stance)
    ordered = sorted(_outermost(list(found.values())), key=lambda s: (s.start, s.target_start))
    return tuple(ordered[:MAX_STANCES])


# Two names joined by "and" or "&" ("Marovex and Belcorp", "the Marovian navy and the Belstad coast guard").
_TWO_NAMES = re.compile(r"(?:the\s+)?(?P<a>[^,]+?)\s+(?:and|&)\s+(?:the\s+)?(?P<b>[^,]+)")


def _bodies_fused(mention: Mention, actors: list[Mention]) -> list[Mention]:
    """The bodies an organisation's or a country's mention names when the model read two as one: its two names
    joined by "and" or "&", at least one of which the article names alone as a body of another entity ("Marovex and
    Belcorp ... Belcorp runs the port"), each given its own place and the entity it is named alone as; a part the
    article never names alone is left out. Empty when the mention is one name ("Procter & Gamble", "the Securities and
    Exchange Commission": neither part is a body named alone), or a person ("Johnson & Johnson" beside a Mr.
    Johnson is no person)."""
    if mention.type not in {"ORG", "GPE"} or (two := _TWO_NAMES.fullmatch(mention.text)) is None:
        return []
    parts = []
    for key in ("a", "b"):
        alone = next(
            (
                m
                for m in actors
                if m.text == two[key] and m.type in {"ORG", "GPE"} and m.entity_id and m.entity_id != mention.entity_id
            ),
            None,
        )
        if alone is not None:
            start = mention.start + two.start(key)
            parts.append(replace(alone, start=start, end=start + len(two[key])))
    return parts


def _outermost(stances: list[Stance]) -> list[Stance]:
    """``stances`` without one whose target lies inside another's target of the same actor and position: a
    phrase the actor's words put in quotation marks ("demanding the referee's removal over the “handshake
    row”") is part of the position taken, no second one."""
    return [
        s
        for s in stances
        if not any(
            o.actor_id == s.actor_id
            and o.position == s.position
            and o.target_start <= s.target_start
            and s.target_end <= o.target_end
            and o.target_end - o.target_start > s.target_end - s.target_start
            for o in stances
        )
    ]
