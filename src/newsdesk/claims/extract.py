"""Check-worthy claims of one article: each sentence that states a fact, with who asserts it and how.

A claim is a sentence (or a line) that states something checkable: a value (a number with its unit, money, a
date, a time, an age, a count of people), or an event or state about a named actor. Questions, opinion
("I think", "should"), headlines repeated in the body, short subheads and page furniture are not claims.

Each claim keeps its span, its normalised values (:mod:`newsdesk.claims.values`, dates from the dates stage),
its modality (asserted, reported, hedged, denied, questioned), who asserts it (the article, a quoted speaker from
the quotes stage, or an outlet it credits, from ``cites``), and its ``terms``: content words, stemmed, and the
names in it (the quotes stage's mentions, linked by the entities stage, so that transliterations of one name
count as one). Nothing here parses text again: spaCy's parse is read through the mentions and quotes it gave.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Generic, TypeVar

from newsdesk.abbreviations import ABBREVIATIONS
from newsdesk.claims import values
from newsdesk.records import Article, Claim, DateMention, Mention, Modality, Quote, Value, lead_prefix

__all__ = ["MAX_CLAIMS", "WORD", "find", "name_key", "sentences", "stem", "tells_change", "terms"]

# An article rarely makes more check-worthy claims than this; a longer list is a table or a dump, cut here.
MAX_CLAIMS = 400
LEDE_WORDS = 12  # a sentence equal to the title and longer than this, ended by a full stop, is a lede, not a title

_STOP = frozenset(
    """a an the and or but if then than so of to in on at by for with from into onto over under about after before
    between through during without within against among as is are was were be been being am has have had having do
    does did doing will would shall should can could may might must this that these those there here it its they
    them their he him his she her we us our you your i me my who whom whose which what when where why how all any
    both each few more most other some such no nor not only own same too very just also still even yet again ever
    now then once up down out off further per via said says say told according report reported reports reportedly
    allegedly apparently one's mr mrs ms new other another being while since until upon because however although
    though whether""".split()
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|n't|deni(?:ed|es)|deny|denying|dismiss(?:ed|es)|refut(?:ed|es)|rejects? (?:claims|"
    r"reports)|false|untrue|no evidence|nothing to do)\b|n't\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|reportedly|allegedly|apparently|purportedly|likely|unlikely|"
    r"(?:is|are|was|were) said to|(?:is|are|was|were) thought to|(?:is|are|was|were) believed to|rumou?red|"
    r"unconfirmed|would)\b",
    re.IGNORECASE,
)
_QUESTIONED = re.compile(
    r"\b(?:questioned whether|doubts? (?:that|whether)|(?:it is|it's|remains) unclear (?:whether|if)|"
    r"disputed|cast doubt)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"^(?:I|We)\b|\b(?:I think|I believe|in my view|in our view|we believe|it is time|arguably|should|ought to)\b",
    re.IGNORECASE,
)
UPDATE = re.compile(
    r"\b(?:cut to|reduced to|lowered to|raised to|increased to|rose to|risen to|fell to|fallen to|climbed to|"
    r"dropped to|revised|updated|amended|corrected|now|latest|new(?:ly)?|has since|later|no longer)\b",
    re.IGNORECASE,
)
# "New" opening a name ("New York", "New Carvel"): the name's word, no new figure.
_NAMED_NEW = re.compile(r"New\s+[A-Z]")
# A tally someone set to a new figure, its name between the verb and the figure: "raised the death toll to 44",
# "revised the number of missing to 200" (UPDATE's "raised to" needs the two words together).
_TALLY_SET = re.compile(
    r"\b(?:raised|lifted|pushed|increased|revised|updated|lowered|cut|reduced)\s+the\s+(?:[\w-]+\s+){0,3}?"
    r"(?:toll|count|tally|number|figure|estimate)\b[^.;:]{0,60}?\bto\s+(?:[a-z]+\s+){0,2}?\d",
    re.IGNORECASE,
)


def tells_change(text: str) -> bool:
    """Whether ``text`` words a figure as a change (:data:`UPDATE`, or a tally set to a new figure: "raised the
    death toll to 44"), a name opening with "New" ("the fire in New Carvel") aside."""
    if any(not (m.group() == "New" and _NAMED_NEW.match(text, m.start())) for m in UPDATE.finditer(text)):
        return True
    return _TALLY_SET.search(text) is not None


# Words (lower case) every match of each pattern above ignoring case holds one of: a sentence holding none of them
# is not searched (values.may_hold, decision 0050).
_NEEDS_NEGATION = (
    "not",
    "never",
    "no longer",
    "n't",
    "deni",
    "deny",
    "dismiss",
    "refut",
    "reject",
    "false",
    "untrue",
    "no evidence",
)
_NEEDS_HEDGE = (
    "may",
    "might",
    "could",
    "possibly",
    "perhaps",
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "likely",
    "said to",
    "thought to",
    "believed to",
    "rumo",
    "unconfirmed",
    "would",
)
_NEEDS_QUESTIONED = ("questioned whether", "doubt", "unclear", "disputed")
# _OPINION's words past its start ("I" or "We" opening the sentence is tested on its own).
_NEEDS_OPINION = (
    "i think",
    "i believe",
    "in my view",
    "in our view",
    "we believe",
    "it is time",
    "arguably",
    "should",
    "ought to",
)
# A record the sentence's subject holds ("the region's worst flood in 40 years", "the first time in four
# decades"): it describes what the claim is about, not what it claims. Its superlative and its span of years give
# neither terms nor a value, or two claims about one fire (an arrest, a toll) share them and read as one claim. The
# superlative follows a determiner or a possessive ("Most residents have lived there for 20 years" counts people),
# and what holds the record is a few words with no verb ("The first defendant was jailed for 12 years": the
# years are the claim).
_RECORD_WORDS = ("est ", "worst", "first", "most ", "least ")
_RECORD = re.compile(
    r"(?:\b(?:the|its|their|his|her|our|this|that|a|an)\s+|\w['’]s\s+)"
    r"(?P<best>worst|first|most|least|\w{2,}est)\b(?P<thing>(?:\s+[\w'’-]+){0,4}?)\s+"
    r"(?P<span>(?:in|for)\s+(?:(?:nearly|almost|more\s+than|over|about|some|at\s+least|roughly|around|close\s+to)\s+)?"
    r"(?:\d[\d,]*|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|a\s+hundred|several|many)\s+"
    r"(?:years?|decades?|centur(?:y|ies)))\b",
    re.IGNORECASE,
)
# Words ending in "est" that are no superlatives.
_NOT_BEST = frozenset(
    "interest protest arrest request west test forest rest guest suggest contest chest nest quest invest honest "
    "modest manifest digest harvest earnest pest vest crest latest priest inquest unrest conquest behest bequest "
    "northwest southwest midwest budapest bucharest everest tempest incest attest detest divest ingest infest "
    "wrest zest jest".split()
)
# Words that make what holds the record a clause: its span of years is then what the claim says.
_NOT_A_THING = frozenset(
    "is are was were be been being has have had will would shall should can could may might must do does did "
    "to who which that".split()
)


def _records(sentence: str) -> list[tuple[int, int]]:
    """The spans (in ``sentence``) of the words of each record it writes (:data:`_RECORD`): the superlative and its
    span of years, not what holds the record ("fire" in "worst fire in nearly 80 years")."""
    spans = []
    for m in _RECORD.finditer(sentence):
        if m["best"].casefold() in _NOT_BEST:
            continue
        thing = m["thing"].casefold().split()
        if any(w in _NOT_A_THING or w.endswith(("ed", "ing")) for w in thing):
            continue
        spans += [m.span("best"), m.span("span")]
    return spans


def _without_records(
    sentence: str, start: int, names: tuple[Mention, ...], found: tuple[str, ...], vals: list[Value]
) -> tuple[tuple[str, ...], list[Value]]:
    """The terms and values of a claim's ``sentence`` (at ``start``) less those of its records (:func:`_records`):
    its terms read again with the records' words blanked (the names keep theirs), its values less those inside a
    record. As they were where it writes no record."""
    spans = _records(sentence)
    if not spans:
        return found, vals
    blank = list(sentence)
    for a, b in spans:
        blank[a:b] = " " * (b - a)
    kept = [v for v in vals if not any(start + a <= v.start and v.end <= start + b for a, b in spans)]
    return terms("".join(blank), start, names), kept


# UPDATE's words: a claim's sentence holding none of them is not searched for a change of figure.
_NEEDS_UPDATE = (
    "cut to",
    "reduced to",
    "lowered to",
    "raised to",
    "increased to",
    "rose to",
    "risen to",
    "fell to",
    "fallen to",
    "climbed to",
    "dropped to",
    "revised",
    "updated",
    "amended",
    "corrected",
    "now",
    "latest",
    "new",
    "has since",
    "later",
    "no longer",
    # _TALLY_SET's: "raised the ... toll to"
    "toll",
    "count",
    "tally",
    "number",
    "figure",
    "estimate",
)
_CREDIT = re.compile(
    r"\b(?:according to|reported by|as reported|citing|cited by|told|reports?|reported|writes|wrote|said)\b",
    re.IGNORECASE,
)
# A credit for reporting, which carries to the sentences after it; "told CNN" credits one quote, not reporting.
_REPORTING = re.compile(
    r"\b(?:according to|reported by|as reported|citing|reports?|reported|writes|wrote|first reported)\b",
    re.IGNORECASE,
)
_CARRY = re.compile(
    r"\b(?:the report|the newspaper|the paper|the outlet|the broadcaster|the agency|the magazine|the publication|"
    r"reportedly|allegedly|is said to|are said to|was said to|were said to|the sources?)\b",
    re.IGNORECASE,
)
# A sentence that only credits what came before it: "This was reported by the Gazette.", "That was first reported in
# the Ledger." It is no claim of its own; the sentences before it in its paragraph are the credited outlet's.
_CREDIT_AFTER = re.compile(
    r"^(?:this|that|it|the (?:news|report|information))\s+(?:was|were|has been|had been|is)\s+(?:first\s+)?"
    r"(?:reported|stated|announced|published|confirmed|carried)\s+(?:by|in|on)\s+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
WORD = _WORD  # the words :func:`terms` stems: what reads a stem back as written must split text the same way
_LINE_FURNITURE = re.compile(
    r"^(?:also read|read more|related|share|sign in|subscribe|advertisement|show more|click here|follow us)\b",
    re.IGNORECASE,
)


_SUFFIXES = (
    "izations",
    "ization",
    "itions",
    "ition",
    "izing",
    "ized",
    "izes",
    "ize",
    "ations",
    "ation",
    "ings",
    "ing",
    "ions",
    "ion",
    "ed",
    "ies",
    "es",
    "s",
    "e",
    "ly",
)


_ISE = re.compile(r"is(e|ed|es|ing|ation|ations)$")
_DOUBLED_VOWEL = re.compile(r"([aeiou][^aeiou])\1(ed|ing|er)$")
_DOUBLED = re.compile(r"([^aeiou])\1(ed|ing)$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9]|[\"“‘(]?[A-Z](?:[a-z]|\s))")
_LINE = re.compile(r"[^\n]+")
_ENDED = re.compile(r"[.!…\"”’:;)]$")  # a sentence's end, which a subhead or a caption line lacks
_DIGITS = re.compile(r"\d+")
_THE = re.compile(r"^the\s+")


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude English stem: British and American spellings and common endings fold together
    ("recognising", "recognized" -> "recogniz"; "travelled", "traveled" -> "travel")."""
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    # Each pattern searched for only where the letters it ends in are ("is", and "ed", "ing" or "er"): a substitution
    # that cannot match leaves the word as it is, and each searches every place of it (``$`` is tried at each).
    if "is" in w:
        w = _ISE.sub(r"iz\1", w)
    if "ed" in w or "ing" in w or "er" in w:
        w = _DOUBLED_VOWEL.sub(r"\1\2", w)  # travelled -> traveled
        w = _DOUBLED.sub(r"\1\2", w) if len(w) > 6 else w
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w


# A possessive ending a word of a name: "Velmar's offer" names Velmar, as "Velmar" and "the Velmar offer" do.
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 14)
def name_key(text: str) -> str:
    """A name as matching compares it: case, dots, "the" and a possessive dropped; a name of several capitalised
    words is its initials ("The United States" -> "us", "U.S." -> "us", "Hong Kong's" -> "hk")."""
    if "'" in text or "\u2019" in text:  # (a name in capitals too: "VELMAR'S" is Velmar, no "VS")
        text = _POSSESSIVE.sub("", text)
    words = [w for w in re.findall(r"[^\W_]+", text.replace(".", "")) if w.casefold() != "the"]
    capitalised = [w for w in words if w[:1].isupper()]
    if len(capitalised) >= 2 and len(capitalised) == len(words):
        return "".join(w[0] for w in capitalised).casefold()
    return " ".join(words).casefold()


@functools.lru_cache(maxsize=1 << 16)
def _reading(written: str) -> tuple[str, str | None, bool]:
    """How :func:`terms` reads a word as written: its case-folded form, its term (None: too short or a stop word)
    and whether that term is a name (capitalised: ``#key``; the word's stem where it opens the text). Remembered,
    since a run meets the same words again and again."""
    word = written.casefold()
    if len(word) < 3 or word in _STOP:
        return word, None, False
    if written[:1].isupper():  # (of three letters or more)
        bare = _POSSESSIVE.sub("", word)  # "It's", "There's": a stop word with its 's, no name
        if len(bare) < 3 or bare in _STOP:
            return word, None, False
        return word, f"#{name_key(written)}", True
    return word, stem(word), False


# What :func:`terms` maps over a text's words: a match's place and words, a reading's term, and whether it is one.
_START = re.Match.start
_GROUP = re.Match.group
_TERM = operator.itemgetter(1)
_GIVEN = functools.partial(operator.is_not, None)


# A phrasal verb that says what one plain verb says, read as that verb: "turned down the request" is "rejected the
# request", and since its particle is a stop word the phrase alone leaves only "turn", which two reports of one
# refusal do not share. Keyed by the verb and its particle: the plain verb, whether an object pronoun may stand
# between them ("turned it down", "called them off") and the word that must follow the particle ("pulled out of the
# deal": "pulled out a knife" is no withdrawal; "signed off on"). Only phrases of one meaning in news: not "give up"
# (hope, or land), "back down" (yield, concede or retreat), "walk away" (leave a deal, or a crash), "rule out"
# (what reports write alike anyway). A phrase followed by a way or a level (:data:`_LITERAL`: "turned down the
# street", "stepped down the stairs", "turned down the heat") is read as written.
_PHRASAL_VERBS: dict[tuple[str, str], tuple[str, bool, str]] = {
    ("turn", "down"): ("reject", True, ""),
    ("call", "off"): ("cancel", True, ""),
    ("step", "down"): ("resign", False, ""),
    ("pull", "out"): ("withdraw", False, "of"),
    ("drop", "out"): ("withdraw", False, "of"),
    ("sign", "off"): ("approve", False, "on"),
}
_PHRASAL_VERB = re.compile(
    r"\b([Tt]urn|[Cc]all|[Ss]tep|[Pp]ull|[Dd]rop|[Ss]ign)(?:s|p?ed|p?ing)?(\s+(?:it|them|him|her|this|that))?"
    r"\s+(down|off|out)\b(?!-)(?=((?:\s+[\w']+){0,4}))"
)
_LITERAL = frozenset(
    "street streets road roads lane alley avenue path track corridor hall hallway stairs steps staircase hill slope "
    "river volume heat music sound lights temperature rhetoric thermostat podium stage platform ladder rubble "
    "wreckage debris ruins water sea sky station driveway".split()
)
# A possessive before a noun: what a verb that takes no object cannot have after it ("stepped down its attacks"
# lowered them; no one resigned).
_POSSESSIVES = frozenset("its their his her our my your".split())


def _plain_verbs(text: str) -> str:
    """``text`` with each phrasal verb of :data:`_PHRASAL_VERBS` written as its plain verb, padded with spaces to
    the phrase's length, so every other word keeps its place (the places of the names' mentions)."""
    if " down" not in text and " off" not in text and " out" not in text:  # (the particles, searched in C)
        return text
    out = text
    for m in _PHRASAL_VERB.finditer(text):
        plain = _PHRASAL_VERBS.get((m[1].casefold(), m[3]))
        after = m[4].split()
        if plain is None or (m[2] and not plain[1]) or (plain[2] and after[:1] != [plain[2]]):
            continue
        after = after[1:] if plain[2] else after
        if any(word.casefold() in _LITERAL for word in after[:3]):  # ("turned down the narrow street", "Elm Street")
            continue
        if not plain[1] and not plain[2] and after[:1] and after[0].casefold() in _POSSESSIVES:
            continue
        a, b = m.start(), m.end(3)
        out = out[:a] + plain[0].ljust(b - a) + out[b:]
    return out


def terms(text: str, offset: int = 0, mentions: tuple[Mention, ...] = ()) -> tuple[str, ...]:
    """The content terms of ``text`` (at ``offset`` in the article): names as ``#key`` (and ``@entity`` when
    linked), other words stemmed, stop words and numbers left out; in first-seen order, each once."""
    out: dict[str, None] = {}
    end = offset + len(text)
    text = _plain_verbs(text)
    covered: set[int] = set()  # the characters of the names, whose words are the names' own terms
    roles: set[str] = set()
    for m in mentions:
        if offset <= m.start and m.end <= end:
            out[f"#{name_key(m.text)}"] = None
            if m.entity_id:
                out[f"@{m.entity_id}"] = None
            covered.update(range(m.start - offset, m.end - offset))
            if m.role:  # A title written with the name ("special envoy") says who, not what is claimed.
                roles.update(w.casefold() for w in _WORD.findall(m.role))
    if not roles:
        # Each word's term read in C (maps over the matches, ``dict.fromkeys`` of the terms in their order, which keeps
        # a term met before where it is): a name's words left out by where they start, and the first word apart.
        words: Iterator[str]
        if covered:
            found = list(_WORD.finditer(text))
            opens = bool(found) and found[0].start() == 0 and 0 not in covered
            apart = map(operator.not_, map(covered.__contains__, map(_START, found)))
            words = map(_GROUP, itertools.compress(found, apart))
        else:
            opens = _WORD.match(text) is not None
            words = iter(_WORD.findall(text))
        if opens:
            word, term, name = _reading(next(words))
            if term is not None:
                out[stem(word) if name else term] = None  # (as below)
        out.update(dict.fromkeys(filter(_GIVEN, map(_TERM, map(_reading, words)))))
        return tuple(out)
    if not covered:  # (no name in it: its words read without their places, but for whether the first opens it)
        opens = _WORD.match(text) is not None
        for k, (word, term, name) in enumerate(map(_reading, _WORD.findall(text))):
            if term is None or (roles and word in roles):
                continue
            if name and not k and opens:
                term = stem(word)  # (as below)
            out[term] = None
        return tuple(out)
    for w in _WORD.finditer(text):
        at = w.start()
        if at in covered:
            continue
        word, term, name = _reading(w.group())
        if term is None or (roles and word in roles):
            continue
        if name and not at:
            term = stem(word)  # a capitalised word opening the text is no name the model did not tag
        out[term] = None
    return tuple(out)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of ``text``: lines, cut at sentence ends (not after "Mr." or "U.S."); a full
    stop glued to the next sentence ("information.The") is an end too."""
    for line in _LINE.finditer(text):
        start = line.start()
        chunk = line.group()
        pos = 0
        for m in _SENTENCE_END.finditer(chunk):
            word = chunk[_word_start(chunk, pos, m.start()) : m.start()].casefold().rstrip(".")
            if m.group().startswith(".") and (word in ABBREVIATIONS or len(word) == 1):
                continue
            end = m.end()
            if chunk[pos:end].strip():
                yield _trim(text, start + pos, start + end)
            pos = end
        if chunk[pos:].strip():
            yield _trim(text, start + pos, line.end())


def _word_start(chunk: str, pos: int, end: int) -> int:
    r"""Where the word (letters, digits, "_" and dots) that ends ``chunk[pos:end]`` starts (``end``: none ends it):
    where a search for ``([\w.]+)$`` in it would match, found from the end rather than tried at every place."""
    start = end
    while start > pos and ((c := chunk[start - 1]).isalnum() or c == "." or c == "_"):
        start -= 1
    return start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_Spanned = TypeVar("_Spanned", Mention, DateMention)


class _Within(Generic[_Spanned]):
    """The mentions (or date mentions) inside ``[start, end)``, in their order: a bisection on their starts when
    they are in text order (as the quotes and dates stages give them), rather than a pass over all of the
    article's for each sentence."""

    def __init__(self, mentions: tuple[_Spanned, ...]) -> None:
        self.mentions: tuple[_Spanned, ...] = mentions
        self.starts = [m.start for m in mentions]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))

    def __call__(self, start: int, end: int) -> tuple[_Spanned, ...]:
        if not self.ordered:
            return tuple(m for m in self.mentions if start <= m.start and m.end <= end)
        found = []
        for k in range(bisect_left(self.starts, start), len(self.mentions)):
            m = self.mentions[k]
            if m.start > end:
                break
            if m.end <= end:
                found.append(m)
        return tuple(found)


def _quote_share(quotes: list[tuple[int, int, Quote]], start: int, end: int) -> tuple[Quote | None, float]:
    """The quote of ``quotes`` (each with its span, in the article's order) that covers the largest share of
    ``[start, end)`` (the first of them on a tie), and that share; (None, 0.0) where none overlaps it."""
    best, share = None, 0.0
    width = max(1, end - start)
    for q_start, q_end, q in quotes:
        if q_end <= start or q_start >= end:
            continue
        covered = (min(q_end, end) - max(q_start, start)) / width
        if covered > share:
            best, share = q, covered
    return best, share


@functools.lru_cache(maxsize=1 << 12)
def _bare(outlet: str) -> tuple[str, str]:
    """An outlet's name as a sentence credits it: case-folded, without "the", and that without its spaces."""
    bare = _THE.sub("", outlet.casefold())
    return bare, "".join(bare.split())  # (``str.split`` splits at exactly the characters ``\s`` matches)


def _credited(sentence: str, cites: tuple[str, ...]) -> list[str]:
    """The outlets of ``cites`` that ``sentence`` credits ("according to the Telegraph", "told CNN")."""
    if not cites:  # (most articles credit no outlet)
        return []
    squashed = "".join(sentence.casefold().split())
    found = []
    for outlet in cites:
        bare, bare_squashed = _bare(outlet)
        if bare and bare_squashed in squashed:
            found.append(outlet)
    return found if (found and _CREDIT.search(sentence)) or (found and len(sentence) < 80) else []


def _lede(sentence: str) -> bool:
    """Whether a sentence that reads as the title is the lede the title was guessed from (a text with no headline
    of its own): a full sentence, ended by a full stop, longer than a headline runs. Headlines end bare."""
    return sentence.rstrip().endswith(".") and len(sentence.split()) > LEDE_WORDS


def _shaped(sentence: str, words: int, lower: str | None, digit: bool) -> bool:
    """Whether a sentence is shaped as a check-worthy claim: not too short or long, no question, furniture, opinion,
    subhead or row of figures (``lower`` is its ``values.lower_form``, ``digit`` whether it holds a digit). A
    sentence so shaped is a claim when it gives a value or names someone."""
    if words < 5 or words > 120:
        return False
    if sentence.rstrip("”\"’' )").endswith("?") or _LINE_FURNITURE.search(sentence):
        return False
    opinion = lower is None or lower.startswith(("i", "we")) or values.may_hold(lower, _NEEDS_OPINION)
    if opinion and _OPINION.search(sentence):
        return False
    if words < 12 and not _ENDED.search(sentence):
        return False  # a subhead or a caption line
    digits = len(_DIGITS.findall(sentence)) if digit else 0
    return not (digits >= 6 and digits * 3 > words)  # (else a row of a table or a list of figures)


def find(article: Article, *, wire: str | None = None) -> tuple[Claim, ...]:
    """The check-worthy claims of ``article``, in text order (at most :data:`MAX_CLAIMS`). An article in another
    language than English has none: the rules read English. ``wire``: the outlet whose report the whole article
    is (wire copy under its dateline or credit line, ``newsdesk.extract.attributions.wire``): what the article
    says itself, it relays from that outlet."""
    if article.language and article.language != "en":
        return ()
    text = article.text
    title = " ".join((article.title or "").split()).casefold()
    # A sentence reads as the title only with as many words: the sentence's words joined by single spaces and
    # case-folded (which makes no space) are the title's only if there are as many of them as the title's spaces
    # and one (``rstrip(".")`` takes no space either), so the test joins the words of those sentences alone.
    title_words = title.count(" ") + 1
    headline = title.rstrip(".")
    claims: list[Claim] = []
    carried: list[str] = []  # outlets credited earlier in the paragraph
    last_credit: list[str] = []  # the outlets credited last, anywhere before
    paragraph_end = -1
    paragraph_claims = 0  # the claims found before this sentence, up to its paragraph
    within = _Within(article.mentions)
    dated: _Within[DateMention] = _Within(article.dates)
    spoken = [(q.start, q.end, q) for q in article.quotes]  # (each claim asks for the quote covering it)
    for start, end in sentences(text):
        if start > paragraph_end:
            carried = []
            nl = text.find("\n", end)
            paragraph_end = len(text) if nl < 0 else nl
            paragraph_claims = len(claims)
        if not start or text[start - 1] == "\n":
            # A paragraph's bullet, byline or dateline ("• ", "HONG KONG - ") is no part of what it claims.
            start += lead_prefix(text[start:end], first=not start)
        sentence = text[start:end]
        credited = _credited(sentence, article.cites)
        if credited and _credit_after(sentence, credited):
            # The paragraph's claims so far are the credited outlet's, relayed, where nothing else credited them.
            claims[paragraph_claims:] = [_relayed(c, credited) for c in claims[paragraph_claims:]]
            last_credit = credited
            continue
        if credited and _REPORTING.search(sentence):
            last_credit = credited
        split = sentence.split()
        words = len(split)
        if (
            title
            and words == title_words
            and " ".join(split).casefold().rstrip(".") == headline
            and not _lede(sentence)
        ):
            continue  # the headline repeated in the body
        names = within(start, end)
        # What the sentence alone decides (whether it is a claim, its values, terms, slot and the modality its words
        # give), remembered for a sentence written again at the same place with the same names and dates (``_read``).
        read = _reading_of(sentence, start, words, names, dated(start, end), bool(article.mentions))
        via: tuple[str, ...] = tuple(credited)
        if not via and (carried or last_credit) and _CARRY.search(sentence):
            via = tuple(carried or last_credit)
        elif not via and carried:
            via = tuple(carried)
        if credited and _REPORTING.search(sentence):
            carried = credited
        if read is None or len(claims) >= MAX_CLAIMS:
            continue
        vals, found_terms, said, slot, update = read
        quote, share = _quote_share(spoken, start, end)
        asserted_by: str | None = None
        kind = "article"
        if quote is not None and share >= 0.4:
            asserted_by, kind = quote.speaker, "speaker"
            via = via or quote.via
        elif via:
            asserted_by, kind = via[0], "outlet"
        if said is not None:
            modality = said
        elif kind != "article":
            modality = Modality.REPORTED
        else:
            modality = Modality.ASSERTED
        confidence = 0.5 + 0.2 * bool(vals) + 0.1 * min(len(names), 2) - 0.1 * (modality == Modality.HEDGED)
        claims.append(
            Claim(
                text=sentence,
                start=start,
                end=end,
                modality=modality,
                asserted_by=asserted_by,
                asserted_kind=kind,
                via=via,
                values=vals,
                terms=found_terms,
                slot=slot,
                update=update,
                confidence=round(min(confidence, 0.95), 2),
            )
        )
    if wire:
        return tuple(_relayed(c, [wire], "wire") for c in claims)
    return tuple(claims)


READ = 1 << 16  # how many sentences' readings ``_read`` remembers (the most recently met, of those met twice)
SEEN = 1 << 18  # how many sentences ``_reading_of`` knows it has met (by their hash), before it forgets them all

_seen: set[int] = set()


def _reading_of(
    sentence: str,
    start: int,
    words: int,
    names: tuple[Mention, ...],
    dated: tuple[DateMention, ...],
    mentioned: bool,
) -> _Reading | None:
    """:func:`_read_afresh`, remembered (``_read``) for a sentence met before at the same place (known by the hash
    of the two: a sentence that only shares the hash is read and remembered too, which changes no answer). Most
    sentences are met once: they are read as they come and take no room in the memory (about 1 KB a sentence kept,
    its reading with its key; at 2,000 real articles, 190 of 47,801 sentences come again at their place)."""
    if len(_seen) >= SEEN:
        _seen.clear()
    key = hash((sentence, start))
    if key in _seen:
        return _read(sentence, start, words, names, dated, mentioned)
    _seen.add(key)
    return _read_afresh(sentence, start, words, names, dated, mentioned)


# A sentence's reading: its values, terms, the modality its words give (None: asserted or reported, as who asserts it
# says), its slot and whether it updates a figure.
_Reading = tuple[tuple[Value, ...], tuple[str, ...], Modality | None, str, bool]


def _read_afresh(
    sentence: str,
    start: int,
    words: int,
    names: tuple[Mention, ...],
    dated: tuple[DateMention, ...],
    mentioned: bool,
) -> _Reading | None:
    """What :func:`find` reads of ``sentence`` (at ``start`` in its article, of ``words`` words, with the name and
    date mentions inside it; ``mentioned``: whether the article has the quotes stage's mentions) that the sentence
    alone decides: None where it is no claim, else its reading (``_Reading``).

    Remembered (decision 0052, revision of 2026-12-06, late night): copies and wire reprints repeat sentences word for
    word at the same place (30% of the claims of a 10,000-article ingest), and everything read here is a function of
    these arguments alone: the regular expressions and word lists are constants, :func:`terms` reads the sentence,
    its place and the mentions inside it (their text, span, role and entity id, all in the key, as is every field of
    the date mentions, which give the date values and their spans), the values read the sentence, its place and the
    date mentions. What hangs on the rest of the article (the title, the outlets credited before, the quotes, the
    count of claims so far, the wire) stays in :func:`find`."""
    lower = values.lower_form(sentence)
    # The sentence's terms (the mentions outside it give it none) are worked out for a claim only, unless, without
    # the quotes stage's mentions, its capitalised words stand for names to tell whether it is one.
    found_terms = terms(sentence, start, names) if not mentioned else None
    named = len(names) if found_terms is None else sum(t.startswith("#") for t in found_terms)
    # Its values are read only where they may make it a claim: a sentence not shaped as one is none.
    digit = values.has_digit(sentence)
    if not _shaped(sentence, words, lower, digit):
        return None
    vals = values.find_lowered(sentence, lower, digit, start, dated)
    if not vals and named < 1:
        return None
    if found_terms is None:
        found_terms = terms(sentence, start, names)
    if values.may_hold(lower, _RECORD_WORDS):
        found_terms, vals = _without_records(sentence, start, names, found_terms, vals)
        if not vals and not named:
            return None  # its value was the record's: nothing else to make it a claim
    said: Modality | None = None
    if values.may_hold(lower, _NEEDS_QUESTIONED) and _QUESTIONED.search(sentence):
        said = Modality.QUESTIONED
    elif values.may_hold(lower, _NEEDS_NEGATION) and _NEGATION.search(sentence):
        said = Modality.DENIED
    elif values.may_hold(lower, _NEEDS_HEDGE) and _HEDGE.search(sentence):
        said = Modality.HEDGED
    update = values.may_hold(lower, _NEEDS_UPDATE) and tells_change(sentence)
    return tuple(vals), found_terms, said, _slot(vals, found_terms), update


_read = functools.lru_cache(maxsize=READ)(_read_afresh)


def _credit_after(sentence: str, credited: list[str]) -> bool:
    """Whether ``sentence`` only credits ``credited`` for what came before it ("This was reported by the Gazette.")."""
    m = _CREDIT_AFTER.match(sentence)
    if m is None:
        return False
    rest = sentence[m.end() :].casefold()
    for outlet in credited:
        rest = rest.replace(_bare(outlet)[0], " ")
    # Nothing is left beside the outlet but a word or two ("the agency", "on Monday").
    return len(_WORD.findall(rest)) <= 3


def _relayed(claim: Claim, credited: list[str], kind: str = "outlet") -> Claim:
    """``claim`` as relayed from the first of ``credited``, unless it is credited to someone already; ``kind``:
    ``outlet`` (a sentence credits it) or ``wire`` (the whole article is the outlet's report)."""
    if claim.asserted_kind != "article" or claim.via:
        return claim
    modality = Modality.REPORTED if claim.modality is Modality.ASSERTED else claim.modality
    # ``dataclasses.replace(claim, via=..., asserted_by=..., asserted_kind=kind, modality=modality)``, the record's
    # fields written out: ``replace`` reads the fields one by one in Python, for every claim of a wire copy.
    # ``tests/claims/test_shortcuts.py`` holds the two equal over every field of :class:`Claim`.
    return Claim(
        text=claim.text,
        start=claim.start,
        end=claim.end,
        modality=modality,
        asserted_by=credited[0],
        asserted_kind=kind,
        via=tuple(credited),
        values=claim.values,
        terms=claim.terms,
        slot=claim.slot,
        update=claim.update,
        confidence=claim.confidence,
    )


def _slot(vals: list[Value], found: tuple[str, ...]) -> str:
    """What the claim's values are about: the unit of its first value and its first two content words."""
    # (Loops, not a generator under ``islice`` and ``next``: a claim of every claim-worthy sentence makes its slot.)
    words = []
    for t in found:
        if not t.startswith(("@", "#")):
            words.append(t)
            if len(words) == 2:
                break
    said = " ".join(words)
    if not vals:
        return said
    v = vals[0]
    for given in vals:
        if given.kind != "date":
            v = given
            break
    unit = v.unit if v.kind not in ("date", "time", "age") else v.kind
    return f"{unit} · {said}" if unit and said else unit or said
