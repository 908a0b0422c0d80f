"""Corpus stages that group articles: copies (dedupe), events and stories (cluster), origins.

Each is a pure function ``(batch, view, settings) -> (changed articles, state to store)``: it reads stored
fingerprints, groups and term counts through ``view`` and never writes; the runner persists what it returns.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from newsdesk import dedupe as copies
from newsdesk.cluster import actors, names, rewrites, similarity
from newsdesk.cluster.events import LEAP_YEAR, UNKNOWN, Group, Grouper, When
from newsdesk.extract import dates
from newsdesk.records import Article, SpeakerKind
from newsdesk.settings import Settings

__all__ = ["cluster", "dedupe", "origins"]

Outcome = tuple[list[Article], dict[str, Any]]
# What a stage keeps between the batches of one run (indexes built from the store); the runner drops it when
# a batch fails, so it never runs ahead of what the store holds.
Memo = dict[str, Any]


class View(Protocol):
    """The read-only store access these stages need (a subset of ``pipeline.CorpusView``)."""

    def articles(self, ids: Sequence[str] | None = None) -> Any: ...

    def texts(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]: ...

    def published(self, ids: Sequence[str]) -> dict[str, str | None]: ...

    def fingerprints(self) -> dict[str, tuple[bytes, int]]: ...

    def groups(self, kind: str) -> list[dict[str, Any]]: ...

    def term_counts(self) -> tuple[dict[int, int], int]: ...

    def copies_of(self, article_id: str) -> list[str]: ...

    def event_members(self, event_ids: Any) -> dict[str, list[str]]: ...

    def event_entities(self) -> dict[str, list[str]]: ...


def _rank(article: Article, position: int) -> tuple[str, int]:
    # The earliest stated date wins (compared in UTC); ingest order breaks ties and ranks undated articles.
    return (_utc(article.published) if article.published else "~", position)


def _utc(published: str) -> str:
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    return moment.astimezone(UTC).isoformat() if moment.tzinfo else published


def dedupe(batch: Sequence[Article], view: View, settings: Settings, memo: Memo | None = None) -> Outcome:
    """Mark each article that copies an earlier one: ``duplicate_of`` is the group's original.

    ``memo`` keeps the LSH index between the batches of one run, so stored fingerprints are read once.
    """
    memo = {} if memo is None else memo
    if "index" not in memo:
        memo["index"] = copies.Index()
        for article_id, (signature, size) in view.fingerprints().items():
            memo["index"].add(article_id, signature, size)
    index: copies.Index = memo["index"]
    found, fingerprints = copies.copies(
        ((a.id, a.text) for a in batch),
        index,
        jaccard=settings.dedupe.jaccard,
        containment=settings.dedupe.containment,
    )
    articles = {a.id: a for a in batch}
    # Only stored articles involved in a copy (and their existing copies) are loaded.
    involved = {c.of for c in found if c.of not in articles}
    known = {a.id: a for a in view.articles(sorted(involved))} if involved else {}
    for article in list(known.values()):
        for copy_id in view.copies_of(article.id):
            involved.add(copy_id)
    known.update({a.id: a for a in view.articles(sorted(involved - set(known)))})
    # Stored articles were ingested before the batch: rank them first when dates do not decide.
    ranks = {a_id: _rank(a, i) for i, (a_id, a) in enumerate(known.items())}
    ranks.update({a.id: _rank(a, len(ranks) + i) for i, a in enumerate(batch)})
    original: dict[str, str] = {}

    def root(article_id: str) -> str:
        seen = set()
        while article_id in original and article_id not in seen:
            seen.add(article_id)
            article_id = original[article_id]
        return article_id

    for article in [*known.values(), *batch]:
        if article.duplicate_of:
            original[article.id] = article.duplicate_of
    for copy in found:
        a, b = root(copy.article_id), root(copy.of)
        if a == b:
            continue
        first, second = sorted((a, b), key=lambda x: ranks.get(x, ("~", 1 << 62)))
        original[second] = first
    changed = []
    for article_id in {*articles, *original}:
        article = articles.get(article_id) or known.get(article_id)
        if article is None:
            continue
        target = root(article_id)
        new = None if target == article_id else target
        if new != article.duplicate_of or article_id in articles:
            changed.append(dataclasses.replace(article, duplicate_of=new))
    return changed, {"fingerprints": fingerprints}


def _load(kind: str, view: View) -> list[Group]:
    return [
        Group(
            id=g["id"],
            centroid=similarity.unpack(g["centroid"]),
            members=list(g["members"]),
            first_seen=g["first_seen"],
            last_seen=g["last_seen"],
            parent=g.get("story_id"),
            title=g["title"],
        )
        for g in view.groups(kind)
    ]


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


def _when(text: str, published: str | None) -> When:
    """The day the lead says its news happened: its first past day mention resolved against the article's own
    date ("on Sunday" in an article of Monday 22 September is the 21st), else the publication day itself.

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
    for m in dates.find(text[:LEAD_CHARS], published):
        if m.future or m.precision != "day" or not m.value:
            continue
        day = date.fromisoformat(m.value)
        if timedelta(0) <= own - day <= timedelta(days=LEAD_DAY_BEFORE):
            return When(day)
    return When(own)


# The page's own date stamp ("posted on Friday, 20 September 2013"): when the report was put out, not what it tells.
_STAMP = re.compile(r"\b(?:posted|published|updated|created)\b[^.!?]{0,50}$", re.IGNORECASE)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A weekday alone or after "on" ("announced Monday", "late on Sunday"); "last Friday" or "since Monday" is a day
# before the news.
_WEEKDAY = re.compile(rf"^(?:on |early on |late on )?({'|'.join(_WEEKDAYS)})$")


def _named_day(text: str) -> When:
    """The first past day an undated lead names by its date, with or without a year; else the weekday it names
    first ("said Sunday", "on Monday"; not "last Friday", a day before the news), with no day."""
    lead = text[:LEAD_CHARS]
    weekday: int | None = None
    for m in dates.find(lead, None):
        if m.future or m.precision != "day" or _STAMP.search(lead[max(0, m.start - 60) : m.start]):
            continue
        if m.value:
            return When(date.fromisoformat(m.value), named=True)
        named = dates.month_day(m.text)
        if named is not None:
            return When(date(LEAP_YEAR, *named), yearless=True, named=True)
        plain = _WEEKDAY.match(m.text.casefold())
        if weekday is None and plain is not None:
            weekday = _WEEKDAYS.index(plain.group(1))
    if weekday is not None:
        return When(weekday=weekday, named=True)
    return UNKNOWN


def _lead(title: str | None, text: str, published: str | None) -> When:
    """What the lead says of a report's development: its day (``_when``) and its figures (the title's and the
    first ``LEAD_CHARS`` of the text's; the title's alone as ``headline``), with every figure the report states to
    compare them with, and the actors its lead opens with (``actors.actors``)."""
    figures = rewrites.figures(f"{title or ''}\n{text[:LEAD_CHARS]}")
    opening = actors.actors(text)
    if not figures:
        return _when(text, published)._replace(actors=opening)
    headline = rewrites.figures(title) if title else frozenset()
    stated = figures | rewrites.figures(text)
    return _when(text, published)._replace(figures=figures, stated=stated, headline=headline, actors=opening)


def _members(view: View, ids: Sequence[str]) -> dict[str, tuple[similarity.Vector, When]]:
    """Stored members' term vectors and leads: their title, text and date alone (not mentions or quotes)."""
    published = view.published(list(ids))
    return {
        i: (_vector(title, text), _lead(title, text, published.get(i)))
        for i, (title, text) in view.texts(list(ids)).items()
    }


def _keys(article: Article) -> tuple[str, ...]:
    """The entities an article names (linked across spellings by the entities stage), by which its event is looked
    up besides its terms; none when that stage did not run."""
    return tuple(dict.fromkeys(m.entity_id for m in article.mentions if m.entity_id))


def cluster(batch: Sequence[Article], view: View, settings: Settings, memo: Memo | None = None) -> Outcome:
    """Put each article in an event (joining the most similar one, or opening one) and each event in a story.

    ``memo`` keeps the term counts, events and stories (with their indexes) between the batches of one run, so
    the store is read once per run rather than once per batch.
    """
    memo = {} if memo is None else memo
    vectors = {a.id: _vector(a.title, a.text) for a in batch}
    before = similarity.DocumentFrequencies()
    before.add(vectors.values())
    if "events" not in memo:
        counts, documents = view.term_counts()
        df = similarity.DocumentFrequencies(counts, documents)
        df.add(vectors.values())
        c = settings.cluster
        memo["events"] = Grouper(
            _load("event", view),
            df,
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
        memo["stories"] = Grouper(_load("story", view), df, threshold=c.story_threshold, max_gap_days=None, prefix="s")
        memo["event_of"] = {}
    else:
        memo["events"].df.add(vectors.values())
    events: Grouper = memo["events"]
    stories: Grouper = memo["stories"]
    event_of: dict[str, str] = memo["event_of"]
    originals = [a.duplicate_of for a in batch if a.duplicate_of and a.duplicate_of not in event_of]
    stored_events = {a.id: a.event_id for a in view.articles(originals)} if originals else {}
    changed = []
    for article in batch:
        v = vectors[article.id]
        fixed = stored_events.get(article.duplicate_of or "") or event_of.get(article.duplicate_of or "")
        lead = _lead(article.title, article.text, article.published)
        keys = _keys(article)
        if fixed and fixed in events.groups:
            # A copy belongs to its original's event, however it was rewritten.
            event = events.groups[fixed]
            events.join(event, article.id, v, article.published, when=lead, keys=keys)
            created = False
        else:
            event, created = events.assign(article.id, v, article.published, lead, keys)
        if created:
            event.title = names.name(article.title, article.text)
            story, story_created = stories.assign(event.id, v, article.published)
            event.parent = story.id
            if story_created:
                story.title = event.title
        else:
            parent = stories.groups.get(event.parent or "")
            headline = article.title if names.is_headline(article.title) else None
            if headline and not names.is_headline(event.title):
                # An event named from a lead takes the first headline a member brings, and so does its story.
                if parent is not None and parent.title == event.title:
                    parent.title = headline
                event.title = headline
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


def origins(batch: Sequence[Article], view: View, settings: Settings, memo: Memo | None = None) -> Outcome:
    """Group articles that tell one origin's report: copies of one original, and articles of one event that
    retell one report (``newsdesk.cluster.rewrites``: shared passages, sentences told in the same order, the
    same particular numbers and quotes, a shared credit). ``origin`` names the group by its earliest member.

    Stored origin groups are kept (an origin never splits); each article of the batch is compared with the
    other members of its event, so the cost of a batch is its articles times their events' sizes.
    The state returned holds ``origin_links``: for each batch article that joined a group, the article it copies
    or retells, a confidence and the evidence (stored by ``Store``; ``Corpus.related`` shows it).
    ``memo`` keeps the articles read or written during one run and their comparison profiles, so each stored
    event member is read and profiled once.
    """
    memo = {} if memo is None else memo
    known: dict[str, Article] = memo.setdefault("articles", {})
    profiles: dict[str, rewrites.Profile] = memo.setdefault("profiles", {})
    event_ids = {a.event_id for a in batch if a.event_id}
    members: dict[str, Article] = {a.id: a for a in batch}
    in_batch = list(members)
    by_event = view.event_members(event_ids)
    member_ids = [i for ids in by_event.values() for i in ids if i not in members]
    for article_id in member_ids:
        if article_id in known:
            members[article_id] = known[article_id]
    for article in view.articles([i for i in member_ids if i not in members]):
        members.setdefault(article.id, article)
    parent = {a: a for a in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # Stored members were ingested before the batch: they rank first when dates do not decide, so an origin
    # keeps its name from one batch to the next.
    ingested = [*dict.fromkeys(i for i in member_ids if i in members), *in_batch]
    order = {a_id: _rank(members[a_id], i) for i, a_id in enumerate(ingested)}
    fresh = set(in_batch)
    # Why each batch article joined its group: the article it copies or retells, a confidence and the evidence.
    links: dict[str, tuple[str, float, dict[str, Any]]] = {}
    for article in members.values():
        if article.duplicate_of in members:
            union(article.id, article.duplicate_of)
            if article.id in fresh:
                links[article.id] = (article.duplicate_of, 1.0, {"copy": True})
        if article.origin in members and article.id not in fresh:
            union(article.id, article.origin)

    for article_id in in_batch:  # a batch article's text or credits may have changed since an earlier run
        profiles.pop(article_id, None)

    def profile(article: Article) -> rewrites.Profile:
        if article.id not in profiles:
            profiles[article.id] = rewrites.profile(article.text, article.cites, _interviews(article))
        return profiles[article.id]

    events: dict[str, list[str]] = {}
    for article in members.values():
        if article.event_id:
            events.setdefault(article.event_id, []).append(article.id)
    for ids in events.values():
        # The pairs that hold a batch article, in the order of the event's members: a stored member is paired
        # only with the batch articles after it (never with every other stored member), so a batch costs its
        # articles times their events' sizes, not the events' sizes squared.
        later = [position for position, x in enumerate(ids) if x in fresh]
        if not later:
            continue
        for position, x in enumerate(ids):
            after = later[bisect.bisect_right(later, position) :]
            pairs = ids[position + 1 :] if x in fresh else [ids[p] for p in after]
            for y in pairs:
                if find(x) == find(y):
                    continue
                # The evidence is told from the side of the batch article (the later one when both are).
                one, other = (y, x) if y in fresh and (x not in fresh or order[y] > order[x]) else (x, y)
                evidence = rewrites.compare(profile(members[one]), profile(members[other]))
                if evidence is not None:
                    union(one, other)
                    links.setdefault(one, (other, evidence.confidence, _evidence(evidence)))
    groups: dict[str, list[str]] = {}
    for article_id in members:
        groups.setdefault(find(article_id), []).append(article_id)
    changed = []
    for ids in groups.values():
        first = min(ids, key=lambda x: order[x])
        for article_id in ids:
            article = members[article_id]
            if article.origin != first or article_id in fresh:
                changed.append(dataclasses.replace(article, origin=first))
    # What the store holds after this batch: the members as read, with the origins just found.
    known.update(members)
    known.update((a.id, a) for a in changed)
    return changed, {"origin_links": links}


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
