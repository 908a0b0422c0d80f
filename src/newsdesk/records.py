"""The data model: frozen records passed between stages. No I/O here."""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "BY_OPENING",
    "JOINT_SPEAKER",
    "JUNK_SPEAKERS",
    "Article",
    "Claim",
    "DateMention",
    "Draft",
    "Entity",
    "Event",
    "Failure",
    "Format",
    "IngestReport",
    "Mention",
    "Modality",
    "Position",
    "Quote",
    "QuoteKind",
    "Span",
    "SpeakerKind",
    "StageReport",
    "Stance",
    "Story",
    "Value",
    "claim_id",
    "content_id",
    "is_article_id",
    "lead_prefix",
    "listable",
    "name_written",
    "stance_id",
]


class Format(StrEnum):
    """How an item's raw content is written."""

    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A date expression at ``[start, end)`` of the text, its resolved ``value`` (ISO, or None) and precision.

    ``precision`` is ``day``, ``week``, ``month``, ``year`` or ``decade``; ``anchor`` says what a relative
    expression was resolved against: ``published``, ``estimate`` (an anchor the caller supplied, such as the
    event's first date) or ``None`` (absolute, or unresolved). ``sentence`` is the span of the sentence that
    holds it (None when not known, as in mentions stored before it was kept); ``future`` says the words before
    it speak of the future ("will resume on Monday"), which moves a relative date forward.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str
    anchor: str | None
    sentence: Span | None = None
    future: bool = False


class SpeakerKind(StrEnum):
    """Who a quote is attributed to: a named person, an anonymous source, a group or institution, a document."""

    PERSON = "person"
    ANONYMOUS = "anonymous"
    GROUP = "group"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


class QuoteKind(StrEnum):
    """What an attribution reports: words someone said or wrote (a quote, direct or reported: reported speech
    says something, a clause or a thing with what is said of it), or a view someone holds, an attitude towards a
    thing or a finding, that the article does not report as said ("voters want ...", "her support for the bill",
    "Trump praised the streaming company", "the poll found ...", "the plan seemed to work")."""

    SPEECH = "speech"
    VIEW = "view"


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A named entity as written at ``[start, end)``: ``type`` is PERSON, ORG, GPE, LOC or NORP.

    ``role`` is a title or office written with the name ("US special envoy", "chief of staff"); ``entity_id``
    is filled when the entities stage links the mention to its canonical entity.
    """

    text: str
    start: int
    end: int
    type: str
    role: str | None = None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Something said, with whom it is attributed to and through which media.

    ``text`` is ``Article.text[start:end]``: the words inside the quotation marks of a direct quote, or the
    reported content of reported speech (``direct`` False). ``speaker`` is the speaker as the article names
    them (a pronoun resolved to its antecedent); ``speaker_start``/``speaker_end`` span the mention tied to the
    cue. ``via`` lists the outlets the quote is credited through ("told CNN"). ``kind`` tells words said or written
    (:attr:`QuoteKind.SPEECH`) from a view or finding that nobody is reported to have said (:attr:`QuoteKind.VIEW`).
    ``confidence`` is 0..1.
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_kind: SpeakerKind
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity_id: str | None = None
    cue: str | None = None
    via: tuple[str, ...] = ()
    direct: bool = True
    kind: QuoteKind = QuoteKind.SPEECH
    confidence: float = 0.5


class Modality(StrEnum):
    """How a claim is put: stated outright, relayed from someone, hedged ("may", "reportedly"), denied or doubted."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    HEDGED = "hedged"
    DENIED = "denied"
    QUESTIONED = "questioned"


# A byline opening a paragraph, where the page ran it into the text: "By Ann Roe and Sam Doe/AFP – Crews were ...".
# Its names (one to eight capitalised words, "and", "&" and the particles "de", "van", "von" between them; group
# ``names``), an agency after a slash, a dash, and the sentence's own capital after it. ``lead_prefix`` cuts it;
# ``clean.metadata`` reads the names as the article's byline.
BY_OPENING = re.compile(
    r"[Bb]y\s+(?P<names>[A-Z][\w.'’-]*(?:[\s,]+(?:[A-Z][\w.'’-]*|and|&|de|van|von)){0,7})"
    r"(?:\s*/\s*[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})?\s*[–—―-]\s+(?=[A-Z“\"‘'])"
)
# What follows a place's colon in a dateline: a sentence's subject (no pronoun or word of a speaker's line: "We",
# "I", "Well", "Here's"; no quotation mark, which a headline quoting its speaker opens) and a long sentence of
# reporting, at least :data:`_PLACE_LEAD_WORDS` words to its first stop, most of them in lower case (a headline in
# title case, "Trump: Cruz Has ‘To Come a Long Way’ On Ethanol ...", or a list of names, "Iowa: Tim Albrecht, Brad
# Anderson, ...", is none).
_AFTER_A_PLACE = re.compile(
    r"\s+(?!(?:I|We|You|He|She|They|It|My|Our|Well|Look|Yes|No|So|And|But|Thank|Thanks|Let|Oh|Now|Again|Good|"
    r"Here|There|Saying)\b)(?=[A-Z])(?P<lead>[^.!?\n]*[.!?])"
)
_PLACE_LEAD_WORDS = 17
# The day a dateline gives after its place, before an agency or a dash: ", April 1", ", Nov. 17, 2025".
_FILED = r",?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:,\s*(?:19|20)\d\d)?"
# A place in mixed case and a colon: one to three capitalised words, none a label's.
_LABELS = (
    "Update|Updated|Note|Editor|Editors|Photo|Photos|Image|Source|Sources|Watch|Read|Related|Breaking|Exclusive|"
    "Analysis|Opinion|Live|Warning|Summary|Correction|Corrections|Video|Poll|Report|Revealed|Latest|Contributing|"
    "Q|A|Question|Answer|Transcript|Explainer|Review|Interview|Comment|Editorial|Wow|So|Also|Plus|Bonus|"
    "Fact|Fact-Check|Timeline|Background|Context|Why|What|How|Who|When|Where|Here|This|That|The|Quote|Quotes"
)
_PLACE_COLON = re.compile(rf"(?!(?:{_LABELS})\b)[A-Z][a-z][\w'’.-]*(?: (?!(?:{_LABELS})\b)[A-Z][\w'’.-]*){{0,2}}:")
# What else opens an article's paragraph before its first sentence's own words: a dateline in capitals ("HONG KONG:",
# "BELEM, Brazil (AP) -"), an agency's ("Geneva (Reuters) -"), a place and its country before a long dash ("Belém,
# Brazil –"; a comma then a capitalised word and a dash, with the sentence's own capital after it: "Meanwhile, Trump
# – who ..." goes on in lower case) or in brackets, with a day ("Dhaka [Bangladesh], November 18 (ANI):"), or a place
# and a day before an agency's initials ("Dubai, Sep 28 (PTI) "). Its dash may be an en dash, an em dash or the
# horizontal bar (U+2015) some pages set a dateline with ("WASHINGTON ― ").
_LEAD_PREFIX = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?"
    rf"(?:{_FILED})?(?: \d{{1,2}})?(?:\s*\([A-Z][\w .]{{0,20}}\))?\s*(?:[:–—―]|--?)"
    r"|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*)?"
    rf"(?:{_FILED})?\s*\((?:AP|AFP|Reuters|dpa|Xinhua|UPI)\)\s*(?:[:–—―]|--?)"
    r"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?,\s*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?"
    r"(?: \d{1,2}(?:,\s*(?:19|20)\d\d)?)?\s*[–—―]"
    r"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?\s*\[[A-Z][\w .'’-]{0,30}\](?:,\s*[A-Z][a-z]+\.? \d{1,2})?"
    r"(?:\s*\([A-Z]{2,6}\))?\s*[:–—―-]"
    # A place and a day before an agency's initials, with or without a dash or colon after them, as Indian and
    # other agencies write their datelines: "Dubai, Sep 28 (PTI) ", "New Delhi, Nov 17 (ANI): ".
    r"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2},\s*"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}\s*\([A-Z]{2,6}\)\s*(?:[:–—―]|--?)?"
    # An agency alone, as a network's affiliates run its reports: "(CNN) — ".
    r"|\((?:[A-Z]{2,6}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\)\s*(?:[:–—―]|--?))"
    r"\s+(?=[A-Z“\"‘'])"
    # A dateline in capitals set close to its long dash, as some papers set it ("WASHINGTON—The", "KYIV, Ukraine—",
    # "BOSTON —Standing"): an em dash or the bar, never the en dash or hyphen that join names ("Kyiv–Warsaw"); a
    # place's name, with three capitals in a row, not two letters' initials ("U.S.—China talks", "OK—That").
    r"|(?=[A-Z.'’ -]*[A-Z]{3})[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?"
    r"(?:\s*\([A-Z][\w .]{0,20}\))?\s*[—―](?=[A-Z“\"‘'])"
)


# A list item's mark: "• Three executives were arrested ...".
_BULLET = re.compile(r"[•·▪●◦‣*–—-][ \t]+(?=\S)")


def lead_prefix(sentence: str, keep: int | None = None, *, first: bool = False) -> int:
    """How many of the first characters of ``sentence``, a sentence opening a paragraph, are a list item's bullet, a
    byline or a dateline before its own words ("• ", "By Holmes Chan and Tommy Wang/AFP – ", "HONG KONG: "): 0 if
    none, or if the character at ``keep`` (what the sentence is cited for, a timeline entry's date) stands in them.
    Who wrote it and where is metadata; a claim, a brief or a timeline cites what the sentence says. A place in mixed
    case before a colon ("Washington: The ...", :func:`_place_colon`) is read as a dateline only where a dateline
    stands, in the sentence opening the article's text (``first``): further down, "Superdelegates: Clinton is backed
    ..." or "Bernie Sanders: Credit scores ..." is a section's label or a speaker's line, whose words are the text's."""
    bullet = _BULLET.match(sentence)
    at = bullet.end() if bullet is not None else 0
    m = BY_OPENING.match(sentence, at) or _LEAD_PREFIX.match(sentence, at)
    end = m.end() if m is not None else _place_colon(sentence, at) if first else at
    return end if end < len(sentence) and (keep is None or keep >= end) else 0


def _place_colon(sentence: str, at: int) -> int:
    """Where the words of ``sentence`` begin after a place in mixed case and a colon at ``at``, as some papers set a
    dateline ("Washington: The United States may be open to ..."), else ``at``: not after a label ("Update:",
    "The Latest:"), nor before a speaker's line ("Sanders: We need ..."), a headline ("Trump: Cruz Has ‘To Come a Long
    Way’ ...", "Sanders: Clinton needs to 'get away' ...") or a list (:data:`_AFTER_A_PLACE`)."""
    place = _PLACE_COLON.match(sentence, at)
    lead = _AFTER_A_PLACE.match(sentence, place.end()) if place is not None else None
    if lead is None:
        return at
    words = lead["lead"].split()
    if len(words) < _PLACE_LEAD_WORDS or 2 * sum(w[:1].isupper() for w in words) > len(words):
        return at
    return lead.start("lead")


# What shows a person speaker to be several speaking together, as the quotes stage writes them: people named
# together ("Mr. Grassley and Mr. Leahy", "Ann Roe, Ed Poe and Al Lee") or a person with others ("Mr. Smith and his
# lawyer", "Ms. Ortiz, and later Mr. Lee", "The senator and Mr. Lee"): a comma before a name, or "and" or "&". One
# reading for the quotes stage ("they" after them is all of them), the quote lists (each person named is listed)
# and the stances (each person named holds the position), decision 0093.
JOINT_SPEAKER = re.compile(r",\s+[A-Z]|\s(?:and|&)\s")


def name_written(text: str) -> re.Pattern[str]:
    """``text`` found as a name written whole within another ("Kim" in "Paul Kim", not in "Kimball" nor
    "Kim-Lee"): how a joint speaker's people are told from a name the article gives two people (the quote lists
    and the stances read them alike)."""
    return re.compile(rf"(?<![\w.-]){re.escape(text)}(?![\w-])")


# Words that stand for a speaker without naming one: what the quotes stage leaves when it cannot resolve a
# pronoun or a determiner. They are never listed as speakers (their quotes stay in the quote lists).
JUNK_SPEAKERS = frozenset(
    "i me my we us our you your he him his she her hers it its they them their theirs this that these those "
    "who whom whose which what one ones someone somebody anyone everyone everybody nobody no-one some many "
    "both another other others each all none any s none null unknown".split()
)


def listable(quote: dict[str, Any]) -> bool:
    """Whether a quote (as the store gives it) names its speaker, so that a list of speakers may show it: a linked
    entity, or words that are no pronoun, no junk and no link (the store's ``_LISTABLE`` in SQL says the same)."""
    if quote.get("speaker_entity_id"):
        return True
    speaker = (quote.get("speaker") or "").strip()
    return (
        len(speaker) > 1
        and (quote.get("speaker_kind") or "unknown") != "unknown"
        and speaker.lower() not in JUNK_SPEAKERS
        and not any(mark in speaker for mark in ("http", "www.", "<"))
    )


# An explicit denial ("denied", "dismissed reports", "not true"): a denied claim worded so never joins what it
# denies (claim matching, decision 0013); the store groups stored claims by it too (``store.claims.reading``).
DENIAL = re.compile(
    # ("false" quoted after "as" is a rating, not a denial: PolitiFact "rated 32% of ... claims as “false”".)
    # A passive "denied" with an object is a refusal ("was denied bail", "were denied entry"), not a denial.
    # "Dismissed" denies what it names ("dismissed the reports", "dismissed it as"), not an effort, a case or a
    # person ("dismissed efforts to", "the judge dismissed the case", "was dismissed"). "False" before a noun
    # qualifies it ("a false choice", "spreading false information"): a denial says a report is false.
    r"\b(?:(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bbeing )(?<!\bis )(?<!\bare )deni(?:ed|es)\b|"
    r"(?:was|were|been|be|being|is|are) denied\b(?!\s+(?!by\b)[a-z])|denial|deny|denying|"
    r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )dismiss(?:ed|es)\s+(?:\S+\s+){0,3}?(?:as|claims?|reports?|allegations?|"
    r"accusations?|suggestions?|speculation|rumou?rs?|criticism|stor(?:y|ies)|the idea|the notion)|"
    r"refut(?:ed|es)|rebut(?:ted|s)|not true|untrue|"
    r"(?<!\bas “)(?<!\bas \")(?<!\bas ‘)(?<!\bas ')false(?!\s+(?!(?:and|or|but|in|on|to|by|as|at|for|about|that|"
    r"because|when|after|since|he|she|they|it|we)\b)[a-z])|"
    r"rejects? (?:claims|reports)|rejected (?:claims|reports))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """A normalised value written at ``[start, end)``: ``kind`` is number, money, percent, count, duration,
    age, date or time; ``value`` is its normal form ("28", "USD 100000000000", "2025-11-28", "12:33 UTC")
    and ``unit`` what it counts ("point", "people", "minute"), so "$100bn" and "100 billion dollars" compare equal.
    """

    kind: str
    value: str
    unit: str
    text: str
    start: int
    end: int
    bound: str = ""  # "at least", "about", "up to" ...: written as a bound or an estimate, not an exact value


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A check-worthy assertion at ``[start, end)`` of the article text (the claim's sentence, or the part of it
    that asserts), who asserts it and how.

    ``asserted_by`` is None when the article asserts it itself, else the quoted speaker or the credited outlet
    (``asserted_kind`` is ``article``, ``speaker`` or ``outlet``); ``via`` lists the outlets credited for it
    ("according to the Telegraph"). ``terms`` are the normalised content words and names that matching compares;
    ``slot`` says what the values are about ("point · peace plan").
    """

    text: str
    start: int
    end: int
    modality: Modality = Modality.ASSERTED
    asserted_by: str | None = None
    asserted_kind: str = "article"
    via: tuple[str, ...] = ()
    values: tuple[Value, ...] = ()
    terms: tuple[str, ...] = ()
    slot: str = ""
    update: bool = False
    confidence: float = 0.5


class Position(StrEnum):
    """Where an actor stands on an issue: for it, against it, neither or both, or for it on a condition."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    NEUTRAL = "neutral"
    CONDITIONAL = "conditional"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    """An actor's position on a target, with its evidence: the quote or reported clause at ``[start, end)``.

    ``actor_id`` is the canonical entity (entities stage) and ``actor`` the name as written; ``target`` is what
    the position is on, at ``[target_start, target_end)`` ("any proposal that involves ceding territory").
    ``said`` is True when the evidence is the actor's own words (a quote), False when someone reports the
    position ("Kyiv rejected ..."). ``date`` is the statement's date when the sentence gives one, else the
    article's (None when neither is known). ``condition`` holds the condition of a conditional position ("only
    if ..."). ``strength`` says how firm the wording is (0..1, "never" against "may be open to"), ``confidence``
    how sure the reading is; ``terms`` are the target's normalised content words and entities (``@id``), which
    issues are grouped by.
    """

    actor_id: str
    actor: str
    position: Position
    target: str
    target_start: int
    target_end: int
    start: int
    end: int
    said: bool
    cue: str = ""
    condition: str | None = None
    date: str | None = None
    strength: float = 0.5
    confidence: float = 0.5
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A person, organisation, place or group, with every surface form seen for it across the corpus."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: int = 0
    articles: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """An item read from the outside world, before cleaning.

    ``raw`` is the decoded content as received; the other fields are metadata the source stated
    explicitly (feed fields, JSONL keys, a text file's header, CLI options). ``text`` is the article text found in
    ``raw`` (for HTML, what the extractor kept; for plain text, ``raw`` after its header, if any). ``None`` means
    "not stated": cleaning may still find it in the text, and never invents it. ``meta`` holds the other keys a
    text file's header states (``story``, ``tags``), in order; ``warnings`` names what the source stated but
    could not be read (a header date that is no date), which was left unknown.
    """

    source: str
    raw: str
    text: str
    format: Format
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A clean article with its metadata. ``text`` never changes once stored; spans point into it.

    ``meta`` holds the keys a text file's header states that are no field here (``story``, ``tags``), in order.
    """

    id: str
    source: str
    text: str
    raw: str = ""
    format: Format = Format.TEXT
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    language: str | None = None
    ai_generated: bool = False
    duplicate_of: str | None = None
    event_id: str | None = None
    origin: str | None = None
    cites: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    stances: tuple[Stance, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    furniture: tuple[str, ...] = field(default=(), repr=False)
    # What the corpus stages compare the article by, worked out once in the per-article phase (the ``features``
    # stage, ``newsdesk.grouping.features``): its fingerprint, term vector and lead, encoded. Stored in a table of
    # its own and read by the stages that use it, never with the article.
    features: bytes | None = field(default=None, repr=False)

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in the clean text."""
        return len(self.text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One development: articles telling the same thing, within a story."""

    id: str
    story_id: str | None
    title: str | None
    article_ids: tuple[str, ...]
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A storyline: events on one subject, possibly over months."""

    id: str
    title: str | None
    events: tuple[Event, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Every article of every event, in event order."""
        return tuple(a for e in self.events for a in e.article_ids)


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """One item or article that could not be processed, and why."""

    item: str
    stage: str
    error: str
    message: str
    article_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StageReport:
    """What one stage did in one run: counts in and out, and its time."""

    stage: str
    items_in: int = 0
    items_out: int = 0
    duplicates: int = 0
    failures: int = 0
    seconds: float = 0.0
    # CPU seconds: on a shared machine they hold still while wall seconds swing with other work. Of this process
    # (``time.process_time``), or of the stage's thread alone (``time.thread_time``) where a run with workers goes
    # chunk by chunk and a thread hands the workers the next chunks beside the stage (``Pipeline.run_stage``); a
    # stage run in worker processes counts only what this process spent on it.
    cpu_seconds: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    """The outcome of one ``Corpus.ingest`` call."""

    added: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = ()
    stages: tuple[StageReport, ...] = ()
    run_id: int | None = None  # the run's row in ``runs``: ``Corpus.failures(run_id=...)`` lists its failures
    # Stated values that could not be read and were left unknown, as "item: what", such as a header date that is no
    # date; the items were added all the same.
    warnings: tuple[str, ...] = ()
    # Files found in the folders given and not read, their extension being none newsdesk reads (notes, data files).
    unread: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no item failed."""
        return not self.failures


def _pickled_by_slots(cls: type[Any]) -> None:
    """Give ``cls`` (a frozen dataclass with slots) a pickled state read in one call (``operator.attrgetter``) and
    set without asking ``dataclasses.fields`` again: each worker's results (the mentions, quotes, dates and claims of
    every article) cross between processes pickled, and the state ``dataclass(slots=True)`` gives asks for the
    fields on every object, both ways (about 40% of the pickling). The same fields in the same order, so the same
    object comes back."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    read = operator.attrgetter(*names)
    put = object.__setattr__

    def __getstate__(self: Any) -> tuple[Any, ...]:
        state = read(self)
        return state if len(names) > 1 else (state,)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            put(self, name, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 - assigned to the class, not an instance
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010


for _record in (Span, DateMention, Mention, Quote, Value, Claim, Stance, Entity, Article, Failure):
    _pickled_by_slots(_record)


def content_id(text: str) -> str:
    """The article id: a short SHA-256 of the clean text, so re-ingesting the same text is a no-op."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()[:16]


_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")


def is_article_id(text: str | None) -> bool:
    """Whether ``text`` has the shape of an article id (:func:`content_id`): how a claim's origin whose articles
    name no outlet is named (``claims.corroborate``), and so told apart from an outlet's name."""
    return bool(_ARTICLE_ID.fullmatch(text or ""))


def claim_id(article_id: str, start: int, end: int) -> str:
    """A claim's id: stable for the same span of the same article."""
    return "k" + hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:11]


def stance_id(article_id: str, actor_id: str, start: int, end: int) -> str:
    """A stance's id: stable for the same actor and evidence span of the same article."""
    return "s" + hashlib.sha256(f"{article_id}:{actor_id}:{start}:{end}".encode()).hexdigest()[:11]
