"""Corpus stages that group articles: copies (dedupe), events and stories (cluster), origins.

Each is a pure function ``(batch, view, settings) -> (changed articles, state to store)``: it reads stored
fingerprints, groups and term counts through ``view`` and never writes; the runner persists what it returns.
"""

from __future__ import annotations

import dataclasses
import json
import re
import struct
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple, Protocol

import numpy as np

from newsdesk import dedupe as copies
from newsdesk.cluster import actors, names, rewrites, similarity
from newsdesk.cluster import origins as origin_groups
from newsdesk.cluster.events import CLASH_DAYS, FOCUS_MENTIONS, LEAP_YEAR, UNKNOWN, Group, Grouper, When
from newsdesk.dates import WEEKDAYS
from newsdesk.extract import dates
from newsdesk.records import Article, DateMention, SpeakerKind
from newsdesk.settings import Settings

__all__ = ["Features", "cluster", "decode", "dedupe", "encode", "features", "origins"]

Outcome = tuple[list[Article], dict[str, Any]]
# What a stage keeps between the batches of one run (indexes built from the store); the runner drops it when
# a batch fails, so it never runs ahead of what the store holds.
Memo = dict[str, Any]


class View(Protocol):
    """The read-only store access these stages need (a subset of ``pipeline.CorpusView``)."""

    def articles(self, ids: Sequence[str] | None = None, *, extracts: bool = True) -> Any: ...

    def texts(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]: ...

    def published(self, ids: Sequence[str]) -> dict[str, str | None]: ...

    def dated_copies(self, ids: Sequence[str]) -> list[tuple[str, str | None, str | None]]: ...

    def dated_origins(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None, str | None]]: ...

    def fingerprints(self) -> dict[str, tuple[bytes, int]]: ...

    def features(self, ids: Sequence[str]) -> dict[str, bytes]: ...

    def credits(self, ids: Sequence[str]) -> dict[str, tuple[tuple[str, ...], set[tuple[str, str]]]]: ...

    def groups(self, kind: str) -> list[dict[str, Any]]: ...

    def term_counts(self) -> tuple[dict[int, int], int]: ...

    def copies_of(self, article_id: str) -> list[str]: ...

    def event_origins(self, event_ids: Any) -> dict[str, list[tuple[str, str | None, str | None, str | None]]]: ...

    def event_entities(self) -> dict[str, list[str]]: ...


def _ranked(published: str | None, position: int) -> tuple[str, int]:
    # The earliest stated date wins (compared in UTC); ingest order breaks ties and ranks undated articles.
    return (_utc(published) if published else "~", position)


def _utc(published: str) -> str:
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    return moment.astimezone(UTC).isoformat() if moment.tzinfo else published


class Features(NamedTuple):
    """What dedupe and cluster compare an article by, worked out from its title, text and date alone: its MinHash
    fingerprint and number of shingles (``dedupe.sketch``), its raw term vector (``_vector``) and its lead
    (``_lead``)."""

    fingerprint: bytes
    shingles: int
    vector: similarity.Vector
    lead: When
    # Its comparison profile's text part (``rewrites.wording``), what origins compares it by, ``rewrites.pack``ed:
    # stored after the rest, and read by origins alone (``_wordings``); empty in rows stored before it was.
    wording: bytes = b""


# The rules ``Features`` were worked out by: stored features of another version are worked out again from the
# text. Raise it whenever what ``dedupe.sketch``, ``_vector`` or ``_lead`` give changes.
FEATURES_VERSION = 2
# Stored rows of earlier versions read as this one's where their rules gave the same: version 1 differs only in the
# lead of an untitled report with figures (version 2 heads it by its first sentence: ``_lead``), so its fingerprint,
# vector and profile are read as stored, and its lead too unless it may be that one (figures, no headline figures).
# A store made before keeps its rows and pays for no text read again but those.
_SAME_BUT_UNTITLED_LEADS = 1
_HEAD = struct.Struct("<BIII")  # version, shingles, fingerprint bytes, terms
_WORDING = b"\x00"  # ends the lead's JSON where a packed profile follows


def _readable(version: int) -> bool:
    """Whether stored features of ``version`` hold this version's fingerprint and profile."""
    return version in (FEATURES_VERSION, _SAME_BUT_UNTITLED_LEADS)


def features(article: Article) -> Article:
    """The ``features`` stage: ``article`` with its ``Features`` worked out and encoded (``Article.features``), a
    per-article stage run in the worker processes, so that dedupe and cluster, which run in one process, need not
    work them out (issue 17)."""
    fingerprint, size = copies.sketch(article.text)
    vector = _vector(article.title, article.text)
    lead = _lead(article.title, article.text, article.published)
    wording = rewrites.pack(rewrites.wording(article.text))
    return dataclasses.replace(article, features=encode(Features(fingerprint, size, vector, lead, wording)))


def encode(found: Features) -> bytes:
    """``found`` as stored: the vector's terms and weights exactly (float64, in their order), the lead as JSON."""
    terms = np.fromiter(found.vector.keys(), dtype="<u4", count=len(found.vector))
    weights = np.fromiter(found.vector.values(), dtype="<f8", count=len(found.vector))
    lead = found.lead
    said = [
        lead.day.isoformat() if lead.day else None,
        lead.weekday,
        lead.yearless,
        lead.named,
        *(sorted(part) for part in (lead.figures, lead.stated, lead.headline, lead.actors)),
    ]
    head = _HEAD.pack(FEATURES_VERSION, found.shingles, len(found.fingerprint), len(found.vector))
    parts = [head, found.fingerprint, terms.tobytes(), weights.tobytes(), json.dumps(said).encode()]
    if found.wording:
        parts += [_WORDING, found.wording]  # JSON escapes every control character: the mark cannot be in it
    return b"".join(parts)


def _wording(data: bytes) -> bytes:
    """The packed profile stored after the lead in ``data`` (encoded features of ``FEATURES_VERSION``), or b""."""
    _, _, width, count = _HEAD.unpack_from(data)
    mark = data.find(_WORDING, _HEAD.size + width + 12 * count)
    return data[mark + 1 :] if mark >= 0 else b""


def decode(data: bytes | None) -> Features | None:
    """What ``encode`` stored, or None when nothing was, or by another ``FEATURES_VERSION``."""
    if not data or len(data) < _HEAD.size:
        return None
    version, size, width, count = _HEAD.unpack_from(data)
    if not _readable(version):
        return None
    start = _HEAD.size
    fingerprint = data[start : start + width]
    start += width
    terms = np.frombuffer(data, dtype="<u4", count=count, offset=start).tolist()
    start += 4 * count
    weights = np.frombuffer(data, dtype="<f8", count=count, offset=start).tolist()
    start += 8 * count
    mark = data.find(_WORDING, start)
    said = data[start:mark] if mark >= 0 else data[start:]
    day, weekday, yearless, named, figures, stated, headline, opening = json.loads(said)
    if version != FEATURES_VERSION and figures and not headline:
        return None  # (perhaps an untitled report's lead, which this version heads otherwise: worked out again)
    lead = When(
        day=date.fromisoformat(day) if day else None,
        weekday=weekday,
        yearless=yearless,
        named=named,
        figures=frozenset(figures),
        stated=frozenset(stated),
        headline=frozenset(headline),
        actors=frozenset(opening),
    )
    return Features(fingerprint, size, dict(zip(terms, weights, strict=True)), lead, _wording(data))


def _fingerprints(view: View, ids: Sequence[str]) -> dict[str, tuple[bytes, int]]:
    """The fingerprints and shingle counts the ``features`` stage stored for the given articles, by id."""
    out: dict[str, tuple[bytes, int]] = {}
    for article_id, data in view.features(ids).items():
        if len(data) >= _HEAD.size:
            version, size, width, _ = _HEAD.unpack_from(data)
            if _readable(version):
                out[article_id] = (data[_HEAD.size : _HEAD.size + width], size)
    return out


def _terms(view: View, ids: Sequence[str]) -> dict[str, tuple[similarity.Vector, When]]:
    """The term vectors and leads the ``features`` stage stored for the given articles, by id."""
    out: dict[str, tuple[similarity.Vector, When]] = {}
    for article_id, data in view.features(ids).items():
        found = decode(data)
        if found is not None:
            out[article_id] = (found.vector, found.lead)
    return out


def dedupe(batch: Sequence[Article], view: View, settings: Settings, memo: Memo | None = None) -> Outcome:
    """Mark each article that copies an earlier one: ``duplicate_of`` is the group's original.

    ``memo`` keeps the LSH index between the batches of one run, so stored fingerprints are read once, and what
    the run knows of each article it has seen (its original, its rank, the copies pointing at it), so a batch
    reads from the store only articles this run has not seen and the members of a group whose original changes.
    """
    memo = {} if memo is None else memo
    if "index" not in memo:
        memo["index"] = copies.Index(view.fingerprints())
    index: copies.Index = memo["index"]
    # Article -> its original as stored (None for an original), its rank, and the articles pointing at it.
    stored: dict[str, str | None] = memo.setdefault("duplicate_of", {})
    ranks: dict[str, tuple[str, int]] = memo.setdefault("ranks", {})
    pointing: dict[str, set[str]] = memo.setdefault("copies", {})
    found, fingerprints = copies.copies(
        ((a.id, a.text) for a in batch),
        index,
        jaccard=settings.dedupe.jaccard,
        containment=settings.dedupe.containment,
        # Worked out by the ``features`` stage in the worker processes; any article it has not processed here.
        known=_fingerprints(view, [a.id for a in batch]),
    )
    articles = {a.id: a for a in batch}
    read: dict[str, Article] = {}

    def learn(known: Sequence[tuple[str, str | None, str | None]]) -> None:
        for article_id, published, duplicate_of in known:
            if article_id in ranks:
                continue
            # Stored articles were ingested before the batch: rank them first when dates do not decide.
            ranks[article_id] = _ranked(published, len(ranks))
            stored[article_id] = duplicate_of
            if duplicate_of:
                pointing.setdefault(duplicate_of, set()).add(article_id)

    # Stored articles involved in a copy that this run has not seen, and their stored copies, are learnt once: their
    # date and original only (a group's members are read whole only when their original changes, below).
    unseen = sorted({c.of for c in found if c.of not in articles and c.of not in ranks})
    if unseen:
        learn(view.dated_copies(unseen))
        more = sorted({i for a in unseen for i in view.copies_of(a)} - set(ranks) - set(articles))
        rows = {row[0]: row for row in view.dated_copies(more)}
        learn([rows[i] for i in more if i in rows])
    for article in batch:  # a batch article already known (a text changed since an earlier run) keeps its place
        if article.id in ranks:
            if stored.get(article.id):
                pointing.get(stored[article.id] or "", set()).discard(article.id)
            stored.pop(article.id)
            ranks.pop(article.id)
    learn([(a.id, a.published, a.duplicate_of) for a in batch])
    original: dict[str, str | None] = {}  # what this batch changes of ``stored``

    def target(article_id: str) -> str | None:
        return original[article_id] if article_id in original else stored.get(article_id)

    def root(article_id: str) -> str:
        seen = set()
        while (up := target(article_id)) and article_id not in seen:
            seen.add(article_id)
            article_id = up
        return article_id

    moved: list[str] = []  # originals that became copies in this batch
    for copy in found:
        a, b = root(copy.article_id), root(copy.of)
        if a == b:
            continue
        first, second = sorted((a, b), key=lambda x: ranks.get(x, ("~", 1 << 62)))
        original[second] = first
        moved.append(second)
    # Whose original may have changed: the batch, and the members of each group that joined another.
    affected = dict.fromkeys(articles)
    for second in moved:
        affected[second] = None
        affected.update(dict.fromkeys(sorted(pointing.get(second, ()))))
    unread = [i for i in affected if i not in articles and i not in read]
    read.update((a.id, a) for a in (view.articles(unread, extracts=False) if unread else ()))
    changed = []
    for article_id in affected:
        member = articles.get(article_id) or read.get(article_id)
        if member is None:
            continue
        top = root(article_id)
        new = None if top == article_id else top
        if new != member.duplicate_of or article_id in articles:
            changed.append(dataclasses.replace(member, duplicate_of=new))
    for article in changed:  # what the store holds after this batch
        old = stored.get(article.id)
        if old != article.duplicate_of:
            if old:
                pointing.get(old, set()).discard(article.id)
            if article.duplicate_of:
                pointing.setdefault(article.duplicate_of, set()).add(article.id)
            stored[article.id] = article.duplicate_of
    return changed, {"fingerprints": fingerprints}


def _load(kind: str, view: View) -> tuple[list[Group], dict[str, bytes]]:
    """Stored events or stories, their centroids left packed (the ``Grouper`` unpacks those it compares with)."""
    rows = view.groups(kind)
    groups = [
        Group(
            id=g["id"],
            members=list(g["members"]),
            first_seen=g["first_seen"],
            last_seen=g["last_seen"],
            parent=g.get("story_id"),
            title=g["title"],
        )
        for g in rows
    ]
    return groups, {g["id"]: g["centroid"] for g in rows}


def _row(group: Group, title: str | None) -> dict[str, Any]:
    return {
        "id": group.id,
        "title": title,
        "centroid": similarity.pack(group.centroid),
        "first_seen": group.first_seen,
        "last_seen": group.last_seen,
        "parent": group.parent,
    }


def _vector(title: str | None, text: str) -> similarity.Vector:
    """An article's term vector: its title and its clean text."""
    return similarity.vector(f"{title or ''}\n{text}")


# The lead a report's development day is read from: its opening sentences, where news writes when it happened.
LEAD_CHARS = 400
# A lead day further back than this is background ("the fire that began on 26 November"), not the news.
LEAD_DAY_BEFORE = 7


# Words that set a day the news looks ahead to ("ahead of Tuesday's primary", "days before the vote on Sunday",
# "heading into Tuesday's primary", "in the run-up to Monday's caucuses"): the day is to come, whatever the tense
# (a report of the Friday before a Tuesday primary names the primary's Tuesday), or, when it is past, a bound of the
# news, which came before it ("the polls taken before Tuesday's vote"): not the day the news happened, unless it
# is the report's own date or the day before and the lead names no other past day (``_when``: the news came on it or
# just before, and either way it is within ``CLASH_DAYS`` of the report's date). A time of day after them is the
# news's own hour, whose day follows ("called out shortly before 9pm on Friday").
_AHEAD_OF = re.compile(
    r"\b(?P<words>ahead (?:of|to)|before|heading into|going into|lead(?:ing)?[- ]up to|run[- ]up to|eve of|"
    r"in advance of)\b(?!\s+(?:\d|(?:noon|midnight|dawn|daybreak|dusk|sunrise|sunset|first light)\b))"
    r"[^.!?;,:\n]{0,40}$",
    re.IGNORECASE,
)
# Verbs after which "before" is "in front of" and "ahead of" a rank, not a time ("appeared before a judge on Monday",
# "testified before the committee on Tuesday", "finished ahead of Voss on Sunday"), and "ever before", "never
# before" (no event to look ahead to): the day is the news's own.
_IN_FRONT_OF = {
    "before": frozenset(
        {
            *("appear", "appears", "appeared", "appearing", "testify", "testifies", "testified", "testifying"),
            *("stand", "stands", "stood", "standing", "bring", "brings", "brought", "bringing"),
            *("go", "goes", "went", "going", "argue", "argues", "argued", "arguing", "guilty"),
            *("ever", "never"),
        }
    ),
    "ahead of": frozenset({"finish", "finishes", "finished", "finishing", "placed", "ranked"}),
}
_LAST_WORD = re.compile(r"(\w+)\W*$")


def _looks_ahead(lead: str, start: int) -> bool:
    """Whether the date at ``start`` of ``lead`` is one the news looks ahead to (``_AHEAD_OF``), not one after
    "before" or "ahead of" in a sense of place or rank (``_IN_FRONT_OF``)."""
    pos = max(0, start - 60)
    while (m := _AHEAD_OF.search(lead, pos, start)) is not None:
        said = _LAST_WORD.search(lead, max(0, m.start() - 30), m.start())
        if said is None or said.group(1).casefold() not in _IN_FRONT_OF.get(m.group("words").casefold(), ()):
            return True
        pos = m.start() + 1
    return False


def _when(text: str, published: str | None) -> When:
    """The day the lead says its news happened: its first past day mention resolved against the article's own
    date ("on Sunday" in an article of Monday 22 September is the 21st), else the publication day itself. A day
    the news looks ahead to ("ahead of Tuesday's vote": ``_looks_ahead``) or one to come ("the council meets on
    Tuesday", "will vote on Tuesday": ``future``) is not the news's day, nor a weekday's possessive that may name an
    event to come (``_an_event_to_come``); but a day after words that look ahead that is the report's own date or the
    day before (within ``CLASH_DAYS``) is, when the lead names no other past day: a past one bounds the news, which
    came on it or just before ("said ... ahead of his third rally of the day on Sunday"), but a day the lead names
    for the news itself comes first ("Ahead of Tuesday's vote, Voss toured the docks on Sunday" in a Tuesday
    report is Sunday's news).

    An undated article has only the days its lead names in full: "on 24 November 2025" is that day, "on 24
    November" that day and month of an unknown year (``yearless``), while "on Sunday" is never resolved without
    the article's own date. Without one, the report is compared by its words only.
    """
    if not published:
        return _named_day(text)
    try:
        own = date.fromisoformat(published[:10])
    except ValueError:
        return _named_day(text)
    lead = text[:LEAD_CHARS]
    bound: date | None = None
    for m in dates.find(lead, published):
        if m.future or m.precision != "day" or not m.value:
            continue
        day = date.fromisoformat(m.value)
        back = own - day
        if _looks_ahead(lead, m.start):
            if bound is None and timedelta(0) <= back <= timedelta(days=CLASH_DAYS):
                bound = day
            continue
        if _an_event_to_come(lead, m, back):
            continue
        if timedelta(0) <= back <= timedelta(days=LEAD_DAY_BEFORE):
            return When(day)
    return When(bound or own)


# A weekday's possessive ("Tuesday's primary") names an event by its day, with no tense of its own, and news names
# days within a week either way: read as past (the date reader's way), one this many days back or more is as likely
# the coming one, three or fewer days ahead ("Voss, who badly needs a win in Thursday's run-off, won the mayor's
# backing on Sunday" in a Monday report; decision 0025, sixth session).
POSSESSIVE_BACK = 4
_POSSESSIVE = ("'s", "’s")


# A verb in the past a few words before a weekday's possessive, in its clause: the event it names is done ("Lind won
# Thursday's run-off", "finished second in Friday's vote", "was beaten in Thursday's final"), not to come. Not after
# "is", "to", "will" or the like ("is favoured in Thursday's run-off", "to be held"), nor with a word of plans
# between ("scheduled", "planned": "gathered for the rescheduled Thursday's run-off").
_PAST_BEFORE = re.compile(
    r"(?:^|(?P<before>[\w’']+)\s+)(?P<verb>won|lost|held|took|saw|beat|beaten|led|cast|drew|swept|ran|came|went|"
    r"made|gave|got|fell|rose|fought|[a-z]{2,}ed)(?:\s+[\w’'-]+){0,4}\s+$"
)
_NOT_PAST_AFTER = frozenset({"is", "are", "be", "being", "will", "would", "to", "’s", "'s", "am"})
_PLANNED = frozenset({"scheduled", "planned", "expected", "slated", "billed", "rescheduled", "postponed", "delayed"})
# Nor when the verb or a word after it looks to the event, which may still come: an intent or a preparation ("vowed
# to win Thursday's run-off", "widely tipped to win", "prepared for Thursday's vote", "needed a win in Thursday's
# run-off"; review rd54: read as past, each took the Thursday before in a Monday report).
_LOOKS_TO = frozenset({"to", "for", "ahead", "toward", "towards", "before"})
_INTENT = frozenset(
    {"vowed", "pledged", "promised", "hoped", "aimed", "planned", "prepared", "readied", "braced", "geared", "tipped"}
    | {"needed", "wanted", "sought", "eyed", "favoured", "favored", "urged", "primed", "poised", "counted", "banked"}
)


def _an_event_to_come(lead: str, m: DateMention, back: timedelta) -> bool:
    """Whether the weekday ``m`` of ``lead``, ``back`` before the report's own date, is a possessive that may name an
    event to come (``POSSESSIVE_BACK``): not when a verb in the past governs it (``_PAST_BEFORE``: "won Thursday's
    run-off" in a Monday report is the Thursday before)."""
    if not (
        back >= timedelta(days=POSSESSIVE_BACK)
        and _WEEKDAY.match(m.text.casefold()) is not None
        and lead.startswith(_POSSESSIVE, m.end)
    ):
        return False
    past = _PAST_BEFORE.search(lead, max(0, m.start - 60), m.start)
    return (
        past is None
        or (past["before"] or "").casefold() in _NOT_PAST_AFTER
        or not _PLANNED.isdisjoint(lead[past.start("verb") : m.start].casefold().split())
        or past["verb"].casefold() in _INTENT
        or not _LOOKS_TO.isdisjoint(lead[past.end("verb") : m.start].casefold().split())
    )


# The page's own date stamp ("posted on Friday, 20 September 2013"): when the report was put out, not what it tells.
_STAMP = re.compile(r"\b(?:posted|published|updated|created)\b[^.!?]{0,50}$", re.IGNORECASE)


# A weekday alone or after "on" ("announced Monday", "late on Sunday"); "last Friday" or "since Monday" is a day
# before the news.
_WEEKDAY = re.compile(rf"^(?:on |early on |late on )?({'|'.join(WEEKDAYS)})$")


def _named_day(text: str) -> When:
    """The first past day an undated lead names by its date, with or without a year; else the weekday it names
    first ("said Sunday", "on Monday"; not "last Friday", a day before the news), with no day."""
    lead = text[:LEAD_CHARS]
    weekday: int | None = None
    for m in dates.find(lead, None):
        if m.future or m.precision != "day" or _STAMP.search(lead[max(0, m.start - 60) : m.start]):
            continue
        if _looks_ahead(lead, m.start):
            continue
        if m.value:
            return When(date.fromisoformat(m.value), named=True)
        named = dates.month_day(m.text)
        if named is not None:
            return When(date(LEAP_YEAR, *named), yearless=True, named=True)
        plain = _WEEKDAY.match(m.text.casefold())
        if weekday is None and plain is not None:
            weekday = WEEKDAYS.index(plain.group(1))
    if weekday is not None:
        return When(weekday=weekday, named=True)
    return UNKNOWN


# The end of a sentence: a full stop, a question or an exclamation mark (a closing quotation mark after it), then a
# space or a line's end.
_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?:\s|$)")


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``'s first paragraph (the paragraph whole when no sentence end is found)."""
    first = text.split("\n", 1)[0]
    end = _SENTENCE_END.search(first)
    return first[: end.end()] if end is not None else first


def _lead(title: str | None, text: str, published: str | None) -> When:
    """What the lead says of a report's development: its day (``_when``) and its figures (the title's and the
    first ``LEAD_CHARS`` of the text's; the title's alone as ``headline``), with every figure the report states to
    compare them with, and the actors its lead opens with (``actors.actors``)."""
    figures = rewrites.figures(f"{title or ''}\n{text[:LEAD_CHARS]}")
    opening = actors.actors(text)
    if not figures:
        return _when(text, published)._replace(actors=opening)
    # An untitled report (its page kept no headline, or its first line was a lead: clean/metadata.py) is headed by
    # its first sentence, which tells its news as a headline would ("The death toll ... rose to 128 on Friday ...").
    headline = rewrites.figures(title or _first_sentence(text))
    stated = figures | rewrites.figures(text)
    return _when(text, published)._replace(figures=figures, stated=stated, headline=headline, actors=opening)


def _members(view: View, ids: Sequence[str]) -> dict[str, tuple[similarity.Vector, When]]:
    """Stored members' term vectors and leads, as the ``features`` stage stored them; for a member it has not
    processed, worked out from its title, text and date alone (not its mentions or quotes)."""
    found = _terms(view, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        published = view.published(missing)
        for i, (title, text) in view.texts(missing).items():
            found[i] = (_vector(title, text), _lead(title, text, published.get(i)))
    return {i: found[i] for i in ids if i in found}


def _keys(article: Article) -> tuple[str, ...]:
    """The entities an article names (linked across spellings by the entities stage), by which its event is looked
    up besides its terms; none when that stage did not run."""
    return tuple(dict.fromkeys(m.entity_id for m in article.mentions if m.entity_id))


def _focus(article: Article) -> frozenset[str]:
    """The entities an article names most often (all those tied at the top), when it names them at least
    ``events.FOCUS_MENTIONS`` times; none when the entities stage did not run (decision 0059)."""
    counts = Counter(m.entity_id for m in article.mentions if m.entity_id)
    most = max(counts.values(), default=0)
    if most < FOCUS_MENTIONS:
        return frozenset()
    return frozenset(entity for entity, count in counts.items() if count == most)


def cluster(batch: Sequence[Article], view: View, settings: Settings, memo: Memo | None = None) -> Outcome:
    """Put each article in an event (joining the most similar one, or opening one) and each event in a story.

    ``memo`` keeps the term counts, events and stories (with their indexes) between the batches of one run, so
    the store is read once per run rather than once per batch.
    """
    memo = {} if memo is None else memo
    # Term vectors and leads as the ``features`` stage stored them (worked out in the worker processes); those of
    # articles it has not processed are worked out here.
    own = _terms(view, [a.id for a in batch])
    for article in batch:
        if article.id not in own:
            own[article.id] = (
                _vector(article.title, article.text),
                _lead(article.title, article.text, article.published),
            )
    vectors = {a.id: own[a.id][0] for a in batch}
    before = similarity.DocumentFrequencies()
    before.add(vectors.values())
    if "events" not in memo:
        # The term counts kept from the Corpus's last run (``kept``) are the store's: not read again.
        df = memo.pop("df", None)
        if df is None:
            counts, documents = view.term_counts()
            df = similarity.DocumentFrequencies(counts, documents)
        df.add(vectors.values())
        c = settings.cluster
        stored, packed = _load("event", view)
        memo["events"] = Grouper(
            stored,
            df,
            packed=packed,
            threshold=c.event_threshold,
            size_penalty=c.event_size_penalty,
            max_gap_days=c.max_gap_days,
            prefix="e",
            nearest=True,
            # Members stored by an earlier run: their text alone is read (not their mentions or quotes).
            member_vectors=lambda ids: _members(view, ids),
            # Stored events are also looked up by the entities their articles name (decision 0036).
            keys=view.event_entities(),
        )
        # Stories by their terms alone: a year's storylines of one beat all name its people ("Trump"), and a story's
        # summed centroid keeps the beat's words, so looked up by them every event would find the biggest story.
        stored, packed = _load("story", view)
        memo["stories"] = Grouper(stored, df, threshold=c.story_threshold, max_gap_days=None, prefix="s", packed=packed)
        memo["event_of"] = {}
    else:
        memo["events"].df.add(vectors.values())
    events: Grouper = memo["events"]
    stories: Grouper = memo["stories"]
    event_of: dict[str, str] = memo["event_of"]
    # Whether each event's name was made from a lead (names.made), for the events this run named or checked.
    named: dict[str, bool] = memo.setdefault("named", {})
    originals = [a.duplicate_of for a in batch if a.duplicate_of and a.duplicate_of not in event_of]
    stored_events = {a.id: a.event_id for a in view.articles(originals, extracts=False)} if originals else {}
    changed = []
    for article in batch:
        v = vectors[article.id]
        fixed = stored_events.get(article.duplicate_of or "") or event_of.get(article.duplicate_of or "")
        lead = own[article.id][1]
        keys = _keys(article)
        if fixed and fixed in events.groups:
            # A copy belongs to its original's event, however it was rewritten.
            event = events.groups[fixed]
            events.join(event, article.id, v, article.published, when=lead, keys=keys)
            created = False
        else:
            weighted = events.df.weighted(v)
            event, created = events.assign(
                article.id, v, article.published, lead, keys, _focus(article), weighted=weighted
            )
        if created:
            event.title = names.name(article.title, article.text)
            named[event.id] = names.made(event.title, article.title, article.text)
            # The events' and the stories' document frequencies are one (``df``): the event's weighted vector is the
            # story's too, not worked out again.
            story, story_created = stories.assign(
                event.id, v, article.published, weighted=weighted if stories.df is events.df else None
            )
            event.parent = story.id
            if story_created:
                story.title = event.title
        else:
            parent = stories.groups.get(event.parent or "")
            headline = article.title.strip() if article.title and names.is_headline(article.title) else None
            if headline and _named_from_lead(event, view, named):
                # An event named from a lead takes the first headline a member brings, and so does its story.
                if parent is not None and parent.title == event.title:
                    parent.title = headline
                event.title = headline
                named[event.id] = False
            if parent is not None:
                # The event is already a member of its story; only the story's vector and dates grow.
                stories.join(parent, event.id, v, article.published, new_member=False)
        event_of[article.id] = event.id
        changed.append(dataclasses.replace(article, event_id=event.id))
    rows: dict[str, list[dict[str, Any]]] = {"event": [], "story": []}
    for kind, grouper in (("event", events), ("story", stories)):
        for group in grouper.groups.values():
            if group.changed:
                rows[kind].append(_row(group, group.title))
                group.changed = False  # stored with this batch; the next batch writes only what it changes
    return changed, {"groups": rows, "term_counts": (dict(before.counts), before.documents)}


def cluster_kept(memo: Memo) -> None:
    """What the cluster stage keeps of its run's ``memo`` for the Corpus's next run, when the store is as the run left
    it (decision 0099); the rest is taken out, and the next run builds it from the store.

    Its term counts (``DocumentFrequencies``), which count every stored article's terms once each batch has added its
    own, as the store does with the counts the batch returns (the number of documents too): what the next run would
    read (``View.term_counts``). Not its events and stories: their centroids are held as the run summed them (the
    store keeps 32 bits a weight), weighted by the run's document frequencies, and their terms' lists in the order they
    took reports; a Grouper built from the store differs in all three.

    No other stage keeps a memo this way: not origins' comparison profiles (decision 0099, seventh session, h-rm54):
    right as they were kept, but about 100 KB a member, held between runs and added to run by run up to ``PROFILES``,
    for about 0.4 CPU s a run.
    """
    events: Grouper | None = memo.get("events")
    # (A run that gave the stage no batch ends with the counts it was handed.)
    df: similarity.DocumentFrequencies | None = events.df if events is not None else memo.get("df")
    memo.clear()
    if df is not None:
        df.add(())  # counts nothing: lets go what the run's look-ups remembered
        memo["df"] = df


def _named_from_lead(event: Group, view: View, named: dict[str, bool]) -> bool:
    """Whether ``event``'s name was made from its first report's lead (``names.made``), not taken from a headline,
    even one ending with "…". Known for the events this run named; for a stored event, its first member is read,
    once a run, and only when its name has the shape of a made one."""
    if event.id not in named:
        if not names.may_be_made(event.title) or not event.members:
            named[event.id] = False
        else:
            first = event.members[0]
            title, text = view.texts([first]).get(first, (None, ""))
            named[event.id] = names.made(event.title, title, text)
    return named[event.id]


# The comparison profiles origins keeps for a run, the most recently used: a member of a group that no new article
# meets for a while is read and profiled again if one does. Results do not depend on it, only time and memory (a
# profile of a long article is about 100 KB): with 4,096 the benchmark's 8,000 articles (about 1,540 origin groups,
# up to 8 first members each) read and profiled members again and again, and origins grew 2.6x from 4k to 8k.
PROFILES = 16384


def origins(batch: Sequence[Article], view: View, settings: Settings, memo: Memo | None = None) -> Outcome:
    """Group articles that tell one origin's report: copies of one original, and articles of one event that
    retell one report (``newsdesk.cluster.rewrites``: shared passages, sentences told in the same order, the
    same particular numbers and quotes, a shared credit). ``origin`` names the group by its earliest member.

    Stored origin groups are kept (an origin never splits). Each article of the batch joins the group of the
    article it copies, then is compared with the first members of each other origin group of its event (decision
    0040, ``newsdesk.cluster.origins``), so its cost is the number of groups in its event, not the event's size. A
    marked copy of a member that later articles are compared with is compared with nobody and offered to no later
    article: that member, its original, stands for it.
    The state returned holds ``origin_links``: for each batch article that joined a group, the article it copies
    or retells, a confidence and the evidence (stored by ``Store``; ``Corpus.related`` shows it).
    ``memo`` keeps the groups for the run (read from the store once per event: its members that have an origin)
    and the comparison profiles of the ``PROFILES`` members last compared.
    """
    memo = {} if memo is None else memo
    state: origin_groups.Origins = memo.setdefault("groups", origin_groups.Origins())
    profiles: dict[str, rewrites.Profile] = memo.setdefault("profiles", {})
    # The origin the store holds for each stored article this run has read (an event's members as it opens the
    # event, what it stores after each batch): whether a renamed member's origin changes is told from it.
    held: dict[str, str | None] = memo.setdefault("held", {})
    fresh = {a.id: a for a in batch}
    read: dict[str, Article] = {}  # stored articles read for this batch, without their extracts

    def rank(article: Article) -> tuple[str, int]:
        return ranked(article.published)

    def ranked(published: str | None) -> tuple[str, int]:
        # Stored members were ingested before the batch: they rank first when dates do not decide, so an origin
        # keeps its name from one batch to the next.
        memo["position"] = memo.get("position", -1) + 1
        return _ranked(published, memo["position"])

    # Events this run has not seen: their stored members that were given an origin, in ingest order.
    opened = sorted({a.event_id for a in batch if a.event_id and not state.knows_event(a.event_id)})
    if opened:
        # Their date, origin and original only (not their text): each stored member of a big event is read here.
        by_event = view.event_origins(opened)
        rows = {row[0]: row[1:] for e in opened for row in by_event.get(e, [])}
        held.update((i, row[1]) for i, row in rows.items())
        wanted = [row[0] for e in opened for row in by_event.get(e, []) if row[0] not in fresh and row[0] not in state]
        known = {i: rows[i] for i in wanted if rows[i][1]}
        for event_id in opened:
            state.open_event(event_id)
            members = [(row[0], *known[row[0]]) for row in by_event.get(event_id, []) if row[0] in known]
            for member_id, published, _, _ in members:
                state.add(member_id, ranked(published))
            for member_id, _, origin, duplicate_of in members:
                for other in (origin, duplicate_of):
                    if other and other in state:
                        state.union(member_id, other)
            for member_id, _, _, duplicate_of in members:
                copied = duplicate_of is not None and state.placed(event_id, duplicate_of)
                state.place(event_id, member_id, offered=not copied)
    for article_id in fresh:  # a batch article's text or credits may have changed since an earlier run
        profiles.pop(article_id, None)
    for article in batch:
        state.add(article.id, rank(article))
    # The originals of the batch's copies: a copy joins its original's group, wherever the original stands.
    originals = sorted({a.duplicate_of for a in batch if a.duplicate_of and a.duplicate_of not in state})
    for article in view.articles(originals, extracts=False) if originals else ():
        read[article.id] = article
        state.add(article.id, rank(article))
    # Why each batch article joined its group: the article it copies or retells, a confidence and the evidence.
    links: dict[str, tuple[str, float, dict[str, Any]]] = {}
    for article in batch:
        if article.duplicate_of and article.duplicate_of in state:
            state.union(article.id, article.duplicate_of)
            links[article.id] = (article.duplicate_of, 1.0, {"copy": True})

    # The profiles this batch may need that the run does not hold, read ahead in one go: the batch's own, and
    # those of the first members of its events' groups (``Origins.candidates``); any other is read when needed.
    ahead = [a.id for a in batch if a.event_id]
    ahead += [
        i
        for e in dict.fromkeys(a.event_id for a in batch if a.event_id)
        for i in state.candidates(e)
        if i not in fresh and i not in profiles
    ]
    sources = _Sources(view, fresh, list(dict.fromkeys(ahead)))

    def profile(article_id: str) -> rewrites.Profile:
        found = profiles.pop(article_id, None)  # taken out and put back: the most recently used come last
        if found is None:
            found = sources.profile(article_id)
            while len(profiles) >= PROFILES:
                del profiles[next(iter(profiles))]
        profiles[article_id] = found
        return found

    for article in batch:
        if not article.event_id:
            continue
        if article.duplicate_of and state.placed(article.event_id, article.duplicate_of):
            # A marked copy of a member of its event that later articles are compared with: that one stands for it.
            state.place(article.event_id, article.id, offered=False)
            continue
        for other_id in state.others(article.event_id, article.id):
            # The evidence is told from the side of the batch article (the later one when both are).
            one, other = (
                (other_id, article.id)
                if other_id in fresh and state.rank(other_id) > state.rank(article.id)
                else (article.id, other_id)
            )
            evidence = rewrites.compare(profile(one), profile(other))
            if evidence is not None:
                state.union(one, other)
                links.setdefault(one, (other, evidence.confidence, _evidence(evidence)))
        state.place(article.event_id, article.id)
    # Only the members later articles are compared with keep their profiles.
    for article in batch:
        if not article.event_id or not state.placed(article.event_id, article.id):
            profiles.pop(article.id, None)
    for article_id in state.dropped:
        profiles.pop(article_id, None)
    state.dropped.clear()
    changed = [dataclasses.replace(a, origin=state.name(a.id)) for a in batch]
    # Stored members whose group took an earlier-ranked article (or joined an earlier-named group) are renamed.
    renamed = sorted(state.renamed - set(fresh))
    state.renamed.clear()
    # Most of them (every stored member of an event read this run) keep their name: their stored origin (known to
    # the run, or read) is looked at first, and only those whose origin changes are read whole, to be stored again.
    unread = [i for i in renamed if i not in read]
    unknown = [i for i in unread if i not in held]
    held.update((i, row[1]) for i, row in (view.dated_origins(unknown) if unknown else {}).items())
    unread = [i for i in unread if i in held and held[i] != state.name(i)]
    read.update((a.id, a) for a in (view.articles(unread, extracts=False) if unread else ()))
    for article_id in renamed:
        member = read.get(article_id)
        if member is not None and member.origin != state.name(article_id):
            changed.append(dataclasses.replace(member, origin=state.name(article_id)))
    # What the store holds once this batch is stored (the runner drops the memo if it is not).
    held.update((a.id, a.origin) for a in read.values())
    held.update((a.id, a.origin) for a in changed)
    return changed, {"origin_links": links}


class _Sources:
    """Where origins takes an article's comparison profile from: the text part the ``features`` stage stored
    (``rewrites.pack``), with what the article credits and its interviews (a batch article's own; a stored one's
    read by ``View.credits``, without its text or quotes); worked out from the text where none is stored (a
    pipeline without the stage, a row stored before profiles were). Either way, the same profile."""

    def __init__(self, view: View, fresh: dict[str, Article], ids: Sequence[str]) -> None:
        self.view = view
        self.fresh = fresh
        self.packed: dict[str, bytes] = {}
        self.credits: dict[str, tuple[tuple[str, ...], set[tuple[str, str]]]] = {}
        self._read(ids)

    def _read(self, ids: Sequence[str]) -> None:
        for article_id, data in self.view.features(ids).items():
            if len(data) >= _HEAD.size and _readable(_HEAD.unpack_from(data)[0]):
                packed = _wording(data)
                if packed:
                    self.packed[article_id] = packed
        stored = [i for i in ids if i in self.packed and i not in self.fresh]
        if stored:
            self.credits.update(self.view.credits(stored))

    def profile(self, article_id: str) -> rewrites.Profile:
        if article_id not in self.packed and article_id not in self.fresh:
            self._read([article_id])
        found = rewrites.unpack(self.packed.pop(article_id, b""))
        article = self.fresh.get(article_id)
        if found is not None and article is not None:
            return dataclasses.replace(
                found, credits=frozenset(article.cites), interviews=frozenset(_interviews(article))
            )
        if found is not None and article_id in self.credits:
            cites, interviews = self.credits.pop(article_id)
            return dataclasses.replace(found, credits=frozenset(cites), interviews=frozenset(interviews))
        if article is None:  # read whole: its quotes give its interviews
            article = {a.id: a for a in self.view.articles([article_id])}[article_id]
        return rewrites.profile(article.text, article.cites, _interviews(article))


def _interviews(article: Article) -> set[tuple[str, str]]:
    """Which people the article quotes as speaking to which outlet: (the speaker's entity, the outlet), for linked
    speakers that are persons (an outlet's own report, "the Post reported", is no interview)."""
    return {
        (q.speaker_entity_id, outlet)
        for q in article.quotes
        if q.speaker_entity_id and q.speaker_kind == SpeakerKind.PERSON
        for outlet in q.via
    }


def _evidence(evidence: rewrites.Evidence) -> dict[str, Any]:
    """The evidence of a rewrite as stored: passages as ``[start, end]`` spans of the article's text."""
    return {
        "passages": [list(span) for span in evidence.passages],
        "coverage": evidence.coverage,
        "aligned": evidence.aligned,
        "numbers": list(evidence.numbers),
        "quotes": evidence.quotes,
        "interviews": evidence.interviews,
        "credit": evidence.credit,
        "points": evidence.points,
    }
