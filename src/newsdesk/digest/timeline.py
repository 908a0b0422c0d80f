"""A story's timeline: its dated statements, worked out from its articles' dates, and kept page by page.

The timeline (``newsdesk timeline``, ``story --json``, ``/stories/{id}/timeline``) groups every dated statement of a
story's articles by date: on a story of 23,850 articles that reads every date mention and its sentence (2.1 s of
CPU), yet a page of the web list shows 50 entries. The digest stage keeps the story's timeline as the web list
shows it (decision 0048): each entry's :func:`row` (its date, its text, how many articles state it, its first
evidence), :data:`PER_PAGE` a part in the default order (``timeline:{page}``), and the date of every entry in that
order (``timeline:dates``). A page, with its date filters and sort, is a choice of positions in the default order
(:func:`order`, made from the dates alone), read from the one to three parts that hold them. It also keeps, for
each event none of whose articles is dated, the day its articles' statements estimate (:func:`event_days`, part
``timeline:events``): the events list shows it where it would say "undated".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple, Protocol

from newsdesk.cluster import names
from newsdesk.extract import dates
from newsdesk.records import DateMention, lead_prefix

__all__ = [
    "DATES",
    "EVENTS",
    "NEWEST",
    "PER_PAGE",
    "Statement",
    "compute",
    "current",
    "dated",
    "entries",
    "event_days",
    "name",
    "order",
    "row",
]

PER_PAGE = 50  # entries a kept part holds (the web list's page)
DATES = "timeline:dates"  # the part holding the date of every entry, in the default order
EVENTS = "timeline:events"  # the part holding the estimated day of each undated event (:func:`event_days`)
# The newest key of a kept row (:func:`row`; 2026-12-07): a part whose rows lack it was kept before, and its rows
# would show no entry as expected (:func:`current`).
NEWEST = "future"


class Reader(Protocol):
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def texts(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]: ...


def name(page: int) -> str:
    """The digest part holding one page (from 1) of the timeline's entries."""
    return f"timeline:{page}"


def _date_mention(row: dict[str, Any]) -> DateMention:
    """A stored date mention, as the ``timeline_dates`` query gives it (its sentence span left out)."""
    return DateMention(
        text=row["text"],
        start=row["start"],
        end=row["end"],
        value=row["value"],
        precision=row["precision"],
        anchor=row["anchor"],
        future=bool(row["future"]),
    )


def _cited(sentence: str, opens: bool, offset: int, dated: bool = False, *, first: bool = False) -> str | None:
    """``sentence`` as an entry cites it: without the byline or dateline that opens its paragraph ("By Holmes Chan
    and Tommy Wang/AFP – ", "HONG KONG: "; :func:`~newsdesk.records.lead_prefix`) when ``opens``, unless the
    date stands in them (``offset``: where the date starts in the sentence). Then, for a ``dated`` report, None:
    its dateline's day ("Dhaka [Bangladesh], November 18: ...") is the day it was filed, not a development. A place
    before a colon ("Dhaka: ...") is a dateline only in the sentence opening the article (``first``)."""
    cut = lead_prefix(sentence, first=first) if opens else 0
    if offset >= cut:
        return sentence[cut:]
    return None if dated else sentence


def _sentence(text: str, mention: DateMention, dated: bool = False) -> str | None:
    start, end = dates.sentence_around(text, mention.start, mention.end)
    return _cited(text[start:end], not start or text[start - 1] == "\n", mention.start - start, dated, first=not start)


def _stored_sentence(row: dict[str, Any], dated: bool = False) -> str | None:
    """The sentence of a stored date mention (the ``timeline_dates`` query's ``sentence`` and ``opens``), cited."""
    sentence: str = row["sentence"]
    return _cited(sentence, row["opens"], row["start"] - row["sentence_start"], dated, first=not row["sentence_start"])


# "Hong Kong's deadliest fire since 1948", "the worst toll since 1980": a year that only measures a record.
_RECORD = re.compile(
    r"\b(?:deadliest|worst|biggest|largest|highest|lowest|heaviest|strongest|weakest|longest|shortest|"
    r"fastest|slowest|most|least|best)\b[^.;:!?]{0,80}$",
    re.IGNORECASE,
)


def _a_record(mention: DateMention, sentence: str) -> bool:
    """Whether ``mention`` is the year a superlative counts from ("the deadliest fire since 1948"): no event of
    its own happened then, so the timeline has no entry for it."""
    if not mention.text.lower().startswith("since "):
        return False
    at = sentence.find(mention.text)
    return at > 0 and _RECORD.search(sentence, 0, at) is not None


REMARK_WORDS = 4  # a quotation this long is a remark; a shorter one quotes a word, a phrase or a title
# What opens a clause of its own between a quotation's attribution and a date after it: a conjunction of time or
# cause ("before the deal was announced Dec. 5"), a relative ("which", "that") or a participle after a comma
# (", noting that ...", ", adding ..."). Not what tells when or where the words were said, whose date is the
# remark's: "when" and "while" ('she said when asked on Friday'), a participle of the occasion (', speaking to
# reporters on Sunday', ', addressing the council', ', according to a statement released on Monday').
_CLAUSE_OPENER = re.compile(
    r"\b(?:before|after|since|until|till|whereas|because|although|though|once|which|who|whom|"
    r"whose|where|that|following|ahead of)\b"
    r"|,\s+(?!(?:speaking|addressing|talking|appearing|answering|responding|replying|testifying|writing|"
    r"posting|briefing|according)\b)\w+ing\b",
    re.IGNORECASE,
)


def _dates_no_remark(mention: DateMention, sentence: str) -> bool:
    """Whether ``mention`` stands after a direct quotation of ``sentence`` in a clause its attribution does not
    govern: '“Ted is a fantastic man,” he said of the CEO, noting that they met last week before the deal was
    announced Dec. 5.' The remark leads the sentence, so an entry citing it on that date would tell the words as said
    then; the date is the announcement's, the remark's day ("said Sunday") another. Such a date makes no entry (what
    it dates may be another report's entry). A date right after the cue ('he said on Friday') is the remark's own."""
    at = sentence.find(mention.text)
    if at <= 0:
        return False
    before = sentence[:at]
    close = max(before.rfind("”"), before.rfind('"') if before.count('"') % 2 == 0 else -1)
    if close < 0 or "“" in before[close:]:
        return False
    opened = before.rfind("“" if before[close] == "”" else '"', 0, close)
    if opened < 0 or before[:opened].strip() or len(before[opened:close].split()) < REMARK_WORDS:
        # No remark leads the sentence: a word or a name in quotation marks ('the concept of a “roadmap”'), or words
        # quoted inside a report of what was said ('said the port was "glad to ..." and that ships would ...'),
        # whose dates are those of what was reported.
        return False
    return _CLAUSE_OPENER.search(before, close + 1) is not None


def _most_precise(usable: list[tuple[DateMention, str]]) -> list[tuple[DateMention, str]]:
    """``usable`` (dates with their sentences, of one article) without a date that another of its sentence makes
    more precise: "In December last year" is one entry, December 2025, not that and 2025 again."""
    by_sentence: dict[str, set[str]] = {}
    for m, sentence in usable:
        by_sentence.setdefault(sentence, set()).add(m.value or "")
    return [
        (m, sentence)
        for m, sentence in usable
        if not any(v != m.value and m.value and v.startswith(m.value) for v in by_sentence[sentence])
    ]


def _days_named(mentions: list[DateMention], story_start: str) -> list[DateMention]:
    """The date mentions of an undated article whose event has no date, with each day it names without a year
    ("Nov 28", "December 7") resolved against ``story_start`` (the story's first date) and so marked as an estimate:
    the nearer of the two years a day can fall in holds across a storyline of months. What counts from the day of
    writing ("on Friday") or needs the year itself ("last year", "in March": which year depends on when the article
    was written, and the story's first date may be months before it) stays unresolved."""
    return [
        dates.resolve(m, story_start) if m.value is None and dates.month_day(m.text) is not None else m
        for m in mentions
    ]


def _ahead(m: DateMention, published: str | None, latest: str | None) -> bool:
    """Whether the date of ``m`` comes after ``published``, the day its article was published: what the article
    expected, planned or set as a target then ("elections expected in February", "by 2035"), whatever its words,
    not what had happened. For an undated article, a month or a year written in full (no estimate) after the
    story's latest known day (``latest``) is: a report written later may name a later day of the story, but the
    month or year of a development is rarely written out after every dated report of it."""
    value = str(m.value)
    if published:
        return value > published[: len(value)]
    return (
        bool(latest)
        and m.anchor != "estimate"
        and m.precision in {"month", "year"}
        and value > str(latest)[: len(value)]
    )


def _headline(title: str | None, event_title: str | None) -> str | None:
    """What a publication-day entry cites for an article that names no date of its own: its headline; or, when its
    title is its lead sentence set as one (a text file with no headline: "It was a clear autumn afternoon ... as
    Wong set off ..."), which sets a scene rather than tells the development, its event's name when that is a
    headline (:func:`~newsdesk.cluster.names.is_headline`, not a name made from a lead)."""
    if title and names.is_headline(title):
        return title
    if event_title and event_title != title and names.is_headline(event_title) and not names.may_be_made(event_title):
        return event_title
    return title


def entries(view: Reader, story: dict[str, Any], *, statements: list[Statement] | None = None) -> list[dict[str, Any]]:
    """The story's timeline (``story``: as the ``stories`` query gives it, with its events and article ids): one
    entry per date and precision, earliest first (undated last), each with its text, articles, whether it is an
    estimate, whether every statement of it speaks of the future (``future``: "is scheduled to expire January 8"),
    and the span of each statement of it. ``statements``: a list to append each dated statement to, as it is read
    (what :func:`event_days` reads: an entry's flags are those of all its statements together)."""
    # Entries come from the dates the articles write ("on Friday", "in 2014"), resolved against their
    # publication date, with the sentence that holds each date as what happened. An undated article's
    # relative dates that need only a year are resolved against its event's first date and marked as
    # estimates (a weekday or "yesterday" stays unresolved: see extract/dates.py); one whose event has no
    # date either has only the days it names resolved, against the story's first date. Articles that
    # write no usable date give an entry on their publication day. Copies repeat their original: left out.
    # The dates stage stores each mention with its sentence's span, so this reads sentences cut by SQLite
    # and never loads or scans article text; only articles the stage has not (re)processed since m005 are
    # read whole and scanned as before.
    articles = view.query("timeline_articles", ids=story["article_ids"])
    event_of = {a: e["id"] for e in story["events"] for a in e["article_ids"]}
    event_start = {e["id"]: e["first_seen"] for e in story["events"]}
    event_title = {e["id"]: e.get("title") for e in story["events"]}
    latest = max((a["published"][:10] for a in articles if a["published"]), default=None)
    estimates = {
        a["id"]: start
        for a in articles
        if not a["published"] and (start := event_start.get(event_of.get(a["id"]) or ""))
    }
    # An undated article of an undated event: the days it names without their year ("Nov 28", "December 7") take
    # the year nearer the story's first date, as estimates; nothing else of it is resolved (see _days_named).
    story_start = min((e["first_seen"] for e in story["events"] if e["first_seen"]), default=None)
    days_only = {a["id"] for a in articles if story_start and not a["published"] and a["id"] not in estimates}
    stored: dict[str, list[dict[str, Any]]] = {}
    unresolved = [*estimates, *days_only]
    rows = view.query("timeline_dates", article_ids=[a["id"] for a in articles], unresolved=unresolved)
    for found_row in rows:
        stored.setdefault(found_row["article_id"], []).append(found_row)
    fast = {a["id"] for a in articles if a["dates_stored"]}
    need_text = [a["id"] for a in articles if a["id"] not in fast or not a["title"]]
    texts = {i: text for i, (_, text) in view.texts(need_text).items()} if need_text else {}
    found: dict[tuple[str | None, str | None], dict[str, Any]] = {}

    def add(
        key: tuple[str | None, str | None],
        text: str,
        article_id: str,
        span: tuple[int, int],
        estimated: bool,
        future: bool = False,
    ) -> None:
        entry = found.setdefault(
            key,
            {
                "date": key[0],
                "precision": key[1],
                "text": text,
                "article_ids": [],
                "estimated": estimated,
                "future": future,
                "evidence": [],
            },
        )
        if article_id not in entry["article_ids"]:
            entry["article_ids"].append(article_id)
        entry["estimated"] = entry["estimated"] and estimated
        entry["future"] = entry["future"] and future  # every statement of it speaks of what is to come
        entry["evidence"].append({"article_id": article_id, "start": span[0], "end": span[1]})
        if statements is not None and key[0] is not None:
            statements.append(Statement(article_id, key[0], key[1], span[0], span[1], estimated, future))

    for article in sorted(articles, key=lambda a: a["published"] or "~"):
        article_id = article["id"]
        dated = bool(article["published"])  # its dateline's day is the day it was filed (_cited)
        estimate = estimates.get(article_id)
        mentions = stored.get(article_id, [])
        if article_id not in fast:
            text = texts[article_id]
            # Read from the text, as the dates stage would now store them (with their sentences and future).
            read = dates.find(text, None, estimate=estimate) if estimate else dates.find(text, article["published"])
            if article_id in days_only:
                read = _days_named(read, str(story_start))
            usable = [(m, cited) for m in read if m.value and (cited := _sentence(text, m, dated)) is not None]
        elif article_id in days_only:
            named = _days_named([_date_mention(r) for r in mentions], str(story_start))
            usable = [
                (m, cited)
                for m, r in zip(named, mentions, strict=True)
                if m.value and (cited := _stored_sentence(r, dated)) is not None
            ]
        elif estimate:
            usable = [
                (m, cited)
                for r in mentions
                if (m := dates.resolve(_date_mention(r), estimate)).value
                and (cited := _stored_sentence(r, dated)) is not None
            ]
        else:  # stored as find() gave them (with a value: the query leaves out the rest)
            usable = [
                (_date_mention(r), cited)
                for r in mentions
                if r["value"] and (cited := _stored_sentence(r, dated)) is not None
            ]
        # "within a decade" is resolved ten years on (extract/dates.py): a horizon, not the date of anything.
        usable = [
            (m, sentence)
            for m, sentence in usable
            if m.precision != "decade" and not _a_record(m, sentence) and not _dates_no_remark(m, sentence)
        ]
        for m, sentence in _most_precise(usable):
            # A date after the day the article was published is ahead of it, as words of the future are.
            future = m.future or _ahead(m, article["published"], latest)
            add((m.value, m.precision), sentence, article_id, (m.start, m.end), m.anchor == "estimate", future)
        if not usable:
            day = article["published"][:10] if article["published"] else None
            headline = _headline(article["title"], event_title.get(event_of.get(article_id) or ""))
            title = headline or " ".join(texts[article_id].split()[:15]) + " …"
            title = title[
                lead_prefix(title, first=not headline) :
            ]  # a title made of the first line: "HONG KONG: It was ..."
            add((day, "day" if day else None), title, article_id, (0, 0), False)
    return sorted(found.values(), key=lambda e: e["date"] or "~")


def row(entry: dict[str, Any]) -> dict[str, Any]:
    """What the web list shows of a timeline entry: its date, precision, whether it is an estimate, whether it is
    still to come (``future``: expected or planned, no development), its text, how many articles state it, and its
    first evidence."""
    evidence = (
        entry["evidence"][0] if entry["evidence"] else {"article_id": entry["article_ids"][0], "start": 0, "end": 0}
    )
    return {
        "date": entry["date"],
        "precision": entry["precision"],
        "estimated": entry["estimated"],
        "future": entry["future"],
        "text": entry["text"],
        "articles": len(entry["article_ids"]),
        "evidence": evidence,
    }


def current(rows: Sequence[dict[str, Any]]) -> bool:
    """Whether kept rows (a part :func:`compute` made) carry every key :func:`row` gives today (:data:`NEWEST`)."""
    return all(NEWEST in r for r in rows)


def order(
    entry_dates: Sequence[str | None], *, since: str | None = None, until: str | None = None, recent: bool = False
) -> list[int]:
    """The positions (in the default order, of entries with these dates) that a list shows, in its order: those
    dated from ``since`` to ``until`` (days, ``YYYY-MM-DD``, compared with the first ten characters of a date; an
    undated entry passes no date filter), latest first when ``recent`` (equal dates, and the undated, keep their
    order; the undated come last)."""
    picked = list(range(len(entry_dates)))
    if since or until:
        low, high = since or "", until or "~"
        picked = [i for i in picked if (d := entry_dates[i]) and low <= d[:10] <= high]
    if recent:
        picked.sort(key=lambda i: entry_dates[i] or "", reverse=True)
    return picked


class Statement(NamedTuple):
    """One dated statement of the timeline, as :func:`entries` read it: the article, the day or period and its
    precision, the span of the date, whether the date is an estimate (a day without its year, resolved against the
    story's first date) and whether it speaks of what is to come."""

    article_id: str
    date: str
    precision: str | None
    start: int
    end: int
    estimated: bool
    future: bool


BACKGROUND = 30  # days: a full date further before the story's first date is background, no estimate of an event


def event_days(story: dict[str, Any], statements: Sequence[Statement]) -> dict[str, dict[str, Any]]:
    """For each event of ``story`` none of whose articles is dated (its ``first_seen`` is None), the day its
    reports name for what happened, as an estimate: in each of its articles, the first day it names (a report
    says when in its opening lines) that is not to come, then the latest of those across the event's articles. A
    day counts when the report names it without its year ("on 28 November", the year from the story's first date)
    or as a full date at most :data:`BACKGROUND` days before the story's first date; earlier full dates ("opened
    in June 1983") are background. No estimate in a story without a dated event. ``statements``: as
    :func:`entries` appended them. By event id: ``date`` and ``evidence`` (article id and span of the date)."""
    undated = {a: e["id"] for e in story["events"] if not e["first_seen"] for a in e["article_ids"]}
    first = min((e["first_seen"][:10] for e in story["events"] if e["first_seen"]), default=None)
    out: dict[str, dict[str, Any]] = {}
    if not undated or first is None:
        return out
    since = (date.fromisoformat(first) - timedelta(days=BACKGROUND)).isoformat()
    opening: dict[str, Statement] = {}  # each undated article's first day
    for st in statements:
        if st.article_id not in undated or st.precision != "day" or st.future:
            continue
        if not st.estimated and st.date[:10] < since:
            continue
        if st.article_id not in opening or st.start < opening[st.article_id].start:
            opening[st.article_id] = st
    for article_id, st in sorted(opening.items(), key=lambda item: (item[1].date, item[0])):
        evidence = {"article_id": article_id, "start": st.start, "end": st.end}
        out[undated[article_id]] = {"date": st.date[:10], "evidence": evidence}  # later days replace earlier
    return out


def dated(view: Reader, story: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The story's timeline (:func:`entries`) and its undated events' days (:func:`event_days`), read in one pass."""
    statements: list[Statement] = []
    found = entries(view, story, statements=statements)
    return found, event_days(story, statements)


def compute(view: Reader, story_id: str) -> dict[str, Any]:
    """The kept parts of the story's (exact id) timeline, by part name: :data:`DATES`, :data:`EVENTS` and the pages
    of rows (:func:`name`; none for a story without entries)."""
    story = view.query("stories", story_id=story_id)
    found, days = dated(view, story[0]) if story else ([], {})
    rows = [row(e) for e in found]
    out: dict[str, Any] = {DATES: [e["date"] for e in found], EVENTS: days}
    for start in range(0, len(rows), PER_PAGE):
        out[name(start // PER_PAGE + 1)] = rows[start : start + PER_PAGE]
    return out
