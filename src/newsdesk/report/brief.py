"""A brief: a self-contained report on one story in which every statement points to its article and span."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date as date_type
from datetime import timedelta
from itertools import pairwise
from typing import Any, NamedTuple

from newsdesk.corpus import Corpus
from newsdesk.dates import MONTHS, WEEKDAYS
from newsdesk.records import Article, DateMention, Span, lead_prefix
from newsdesk.report import speech, summary
from newsdesk.report.links import safe_url
from newsdesk.report.render import told_by
from newsdesk.report.story import gather

__all__ = ["build"]

_ACTORS = 8  # speakers shown, most quoted first
_QUOTES_EACH = 5
_FRAMING_TERMS = 5  # distinctive terms per outlet, and competing names
_FRAMING_LOADED = 3  # loaded words and left-out claims per outlet
_POSITIONS = 12  # actor-issue positions shown, issues with most actors first
_CLAIMS = 8  # claims shown in each of the corroborated, single-source and disputed sections
_BACKGROUND = 8  # timeline entries dated before the story's first report shown: the most reported


def _not_repeated(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A speaker's quotes without those another of theirs holds whole: the words in quotation marks inside the
    reported sentence that gives them ("... “would not last” because of ...") are shown once, in it; and the
    same words again in another article (a copy, or an outlet repeating a wire quote) are shown once, first."""
    seen: set[str] = set()
    kept = []
    for q in quotes:
        if any(
            o is not q
            and o["article_id"] == q["article_id"]
            and o["start"] <= q["start"]
            and q["end"] <= o["end"]
            and (o["start"], o["end"]) != (q["start"], q["end"])
            for o in quotes
        ):
            continue
        # The words alone: one outlet ends the quote with a comma (its attribution follows), another with a stop.
        words = " ".join(q["text"].casefold().split()).rstrip(".,;:!?…’”\"' ")
        if words in seen:
            continue
        seen.add(words)
        kept.append(q)
    return kept


def _ahead(date: str | None, published: str | None) -> bool:
    """Whether a timeline date comes after the day its article was published (for an undated article, the story's
    latest known day): what the article expected, planned or set as a target then ("by 2035", "elections
    expected in February"), not what had happened."""
    if not date or not published:
        return False
    return date > published[: len(date)]


def _month_before(day: str | None) -> str | None:
    """The day 30 days before ``day`` (``YYYY-MM-DD``): where a story's own course may begin, before its first report
    was published (the dam failed on 3 March, the first report came out on the 4th)."""
    if not day:
        return None
    try:
        return (date_type.fromisoformat(day[:10]) - timedelta(days=30)).isoformat()
    except ValueError:
        return None


def _first_day(entries: list[dict[str, Any]], records: dict[str, Any], first_day: str | None) -> str | None:
    """The story's first day: its first report's, or an earlier day an undated report of it names without a year
    ("announced Dec. 5", the year worked out): a writer leaves the year out of a day of the news at hand, so that
    day is the story's own course, not background (the Netflix story's reports of December were undated, its dated
    ones of February, and the deal and Trump's remarks were listed as background)."""
    undated = {a_id for a_id, record in records.items() if not record.published}
    named = [
        str(e["date"])[:10]
        for e in entries
        if e.get("estimated") and e.get("precision") == "day" and undated.intersection(e["article_ids"])
    ]
    return min([*named, *([first_day] if first_day else [])], default=None)


def _before(date: str | None, began: str | None) -> bool:
    """Whether a timeline date comes before ``began`` (:func:`_month_before` the story's first report; compared at
    the date's precision): background the articles recall ("the towers were built in 1983"), not the story's own
    course."""
    return bool(date and began) and str(date) < str(began)[: len(str(date))]


def _background(entry: dict[str, Any], began: str | None) -> bool:
    """Whether a timeline entry is the story's background: dated before ``began`` (:func:`_before`), or a year or a
    month that holds ``began`` and is not to come. Such a period ("earlier this year": 2025, in a story begun in
    September 2025) may be before the story or in it; sorted by its date, it stood first in the Timeline, as if it
    were the story's opening development, while the articles date it no closer than "some time this year"."""
    date = entry["date"]
    if _before(date, began):
        return True
    coarse = entry.get("precision") in {"year", "month"} and not entry.get("future")
    holds = coarse and bool(date and began) and str(date) == str(began)[: len(str(date))]
    return holds and _mostly_before(str(date), str(began))


def _mostly_before(period: str, began: str) -> bool:
    """Whether most of ``period`` (``YYYY`` or ``YYYY-MM``, holding ``began``), up to the story's first report (30
    days after ``began``), came before ``began``: "earlier this year" in a story first reported in September, not
    "in March" in one first reported on 10 April, two thirds of which month is the story's own course (its first
    development, dated only by its month)."""
    try:
        start = date_type.fromisoformat(began[:10])
        first = date_type(int(period[:4]), int(period[5:7] or 1), 1)
    except ValueError:
        return True
    months = 1 if len(period) > 4 else 12
    end = date_type(first.year + (first.month + months - 1) // 12, (first.month + months - 1) % 12 + 1, 1)
    stop = min(end, start + timedelta(days=30))
    return (start - first).days > (stop - start).days


def _with_background_cut(entries: list[dict[str, Any]], began: str | None) -> tuple[list[dict[str, Any]], int]:
    """The timeline entries a brief shows, in their order: every one from the story's beginning on, and
    of those before it the :data:`_BACKGROUND` most reported (the latest first among equals); and how many earlier
    ones are left out. A long story's articles recall decades of history ("since 1912", "in 1929"): a brief that
    listed every such year would bury the story's own course (``newsdesk timeline`` lists them all)."""
    earlier = [i for i, e in enumerate(entries) if _background(e, began)]
    if len(earlier) <= _BACKGROUND:
        return entries, 0
    ranked = sorted(earlier, key=lambda i: (-len(entries[i]["article_ids"]), -i))
    dropped = set(ranked[_BACKGROUND:])
    return [e for i, e in enumerate(entries) if i not in dropped], len(dropped)


def _not_the_news_recalling(
    entries: list[dict[str, Any]], began: str | None, records: dict[str, Article]
) -> list[dict[str, Any]]:
    """``entries`` without the background evidence of a sentence that tells a day of the story's own course too:
    "the tribunal on Monday handed down a death sentence ... linked to demonstrations in July of last year" is the
    verdict's sentence, not July 2024's background (its Monday a day of the course, or a weekday an undated report
    gives). A background entry keeps its other evidence (its text then the first kept sentence's) and goes when
    none is left."""
    out = []
    for entry in entries:
        if not _background(entry, began):
            out.append(entry)
            continue
        kept = [ev for ev in entry["evidence"] if _recalled_in_news(records.get(ev["article_id"]), ev, began) is None]
        out += _keeping(entry, kept, records)
    return out


def _keeping(entry: dict[str, Any], kept: list[dict[str, Any]], records: dict[str, Article]) -> list[dict[str, Any]]:
    """``entry`` with only the evidence ``kept`` (its text then the first kept statement's sentence), as a list of one;
    none when nothing is kept."""
    if len(kept) == len(entry["evidence"]):
        return [entry]
    if not kept:
        return []
    first = kept[0]
    record = records[first["article_id"]]
    mention = _mention_at(record, first["start"])
    span = mention.sentence if mention is not None else None
    start, end = (span.start, span.end) if span is not None else (first["start"], first["end"])
    ids = list(dict.fromkeys(ev["article_id"] for ev in kept))
    return [{**entry, "evidence": kept, "article_ids": ids, "text": record.text[start:end]}]


def _one_date_a_sentence(
    entries: list[dict[str, Any]], records: dict[str, Article], latest: str | None = None
) -> list[dict[str, Any]]:
    """``entries`` with each sentence that dates two of them (two dates in one sentence, neither to come) left as the
    evidence of the latest alone: "a ministry confirmed on Friday it had a plan drafted at talks last weekend" tells
    Friday's news and recalls the weekend's, as "the police arrested him on Monday, two days
    after the attack" tells Monday's. Cited under both dates, the one sentence read as two developments. Only a day
    or a week (:data:`_NEWS_DAYS`) is a sentence's news that way: of years and months, the latest is as often what
    the sentence describes its subject by ("who served as ambassador from 2012 until earlier this year, said Clinton
    reached out ... in 2009"; "the tweets he sent out in 2013 ... every other candidate this year"), and such a
    sentence stays cited at each. A date in the sentence's dateline ("PURCHASE, N.Y., April 1 (UPI) — ... on
    Thursday") is the day it was filed, and one in the attribution closing it ("Police arrested two men on Sunday, a
    spokesman said on Monday") the day it was said, not its news: the sentence's other date keeps it. An entry keeps
    its other evidence (its text then the first kept sentence's) and goes when none is left; a date to come ("the
    vote on Monday set the referendum for 12 May") is no news of the sentence's and is left as it was. In an undated
    report a date is to come when it is after the story's ``latest`` known day, as the brief shows it
    (:func:`_ahead`): "signed on 10 March, and the first payment is due on 1 June" tells the signing, not June's
    payment."""
    where: dict[tuple[str, int, int], list[tuple[bool, str, int]]] = {}
    spans: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
    for i, entry in enumerate(entries):
        for statement in _statements(entry, records):
            at = _sentence_at(statement, records)
            record = records.get(statement.article_id)
            undated = record is not None and not record.published
            to_come = statement.future or entry.get("future") or (undated and _ahead(str(entry["date"]), latest))
            if at is not None and not to_come:
                key, aside = at
                where.setdefault(key, []).append((not aside, str(entry["date"]), i))
                if not aside:
                    spans.setdefault(key, []).append((statement.evidence["start"], statement.evidence["end"]))
    keeper = {
        key: max(cited)[2]
        for key, cited in where.items()
        if len({i for *_, i in cited}) > 1
        and entries[max(cited)[2]]["precision"] in _NEWS_DAYS
        and not _clauses_of_their_own(records[key[0]].text, spans.get(key, []))
    }
    if not keeper:
        return entries
    out = []
    for i, entry in enumerate(entries):
        kept = []
        for st in _statements(entry, records):
            at = _sentence_at(st, records)
            if at is None or keeper.get(at[0], i) == i:
                kept.append(st.evidence)
        out += _keeping(entry, kept, records)
    return out


# A clause of its own after a date: a coordinator (", and", "; ", ", but", ", while", "whereas") and then a verb in the
# past with no word between them that makes its clause a part of the first's ("after", "that", "which", ...): "The
# port reopened on Monday and the strike ended on Wednesday", "was charged on Monday and released on Wednesday". A
# verb of saying is none ("... on Friday and said it was drawn up at talks last weekend": what it reports is recalled).
_OWN_CLAUSE = re.compile(
    r"(?:(?!\b(?:that|which|who|after|before|since|until|when|said|says|told)\b)[^;])*?"
    r"(?:;|,?\s+(?:and|but|while|whereas|then)\b)"
    r"(?:\s+(?!(?:after|before|since|until|when|that|which|who|as|because|following|said|says|told)\b)[\w’'-]+){0,5}?"
    r"\s+(?!(?:need|feed|speed|seed|bed|red|shed|bleed|breed|greed|weed|proceed|exceed)\b)"
    r"(?:[a-z]{2,}ed|won|lost|held|took|saw|beat|led|cast|drew|swept|ran|came|went|made|gave|got|fell|rose|fought|"
    r"met|left|sent|began|struck|sold|bought|paid|hit|shut|quit|spoke|broke|froze|flew|rode|wrote)\b"
)


def _clauses_of_their_own(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the dates at ``spans`` of one sentence of ``text`` stand in clauses of their own, each telling a
    development (:data:`_OWN_CLAUSE` between two dates next to each other): "The port reopened on Monday and the
    strike ended on Wednesday" is Monday's news and Wednesday's, where "confirmed on Friday it had a plan drawn up
    at talks last weekend" tells Friday's (:func:`_one_date_a_sentence`)."""
    ordered = sorted(set(spans))
    return any(_OWN_CLAUSE.match(text, a_end, b_start) is not None for (_, a_end), (b_start, _) in pairwise(ordered))


def _sentence_at(statement: _Statement, records: dict[str, Article]) -> tuple[tuple[str, int, int], bool] | None:
    """The article and span of the sentence a statement's date stands in, if stored, and whether the date stands
    aside of what the sentence tells: in the dateline opening it (:func:`lead_prefix`) or in the attribution closing
    it (:data:`_SAID_CLOSING`: ", a spokesman said on Monday.")."""
    record = records.get(statement.article_id)
    mention = _mention_at(record, statement.evidence["start"]) if record is not None else None
    if record is None or mention is None or mention.sentence is None:
        return None
    start, end = mention.sentence.start, mention.sentence.end
    opens = start == 0 or record.text[start - 1] == "\n"  # a dateline opens a paragraph
    dateline = opens and mention.start - start < lead_prefix(record.text[start:end], first=not start)
    closing = _SAID_CLOSING.search(record.text, start, end)
    said = closing is not None and closing.start() < mention.start
    return (statement.article_id, start, end), dateline or said


# The attribution closing a sentence, after a comma, a few words of who said it and a few after: ", a spokesman said
# on Monday.", ", police told reporters Friday." A date in it is the day the sentence's news was said. "On Monday, the
# mayor said the council had approved the plan in March" goes on too long, and "Sanders, who on Tuesday endorsed
# Clinton, said Wednesday he agrees ..." names nobody after its comma: the sentence's own verb, its news Wednesday's.
# (", said Ana Roe, the mayor, on Monday" is read as the latter: left.)
_SAID_CLOSING = re.compile(r",(?:\s+[^\s,;:]+){1,5}?\s+(?:said|says|told|added|stated)\b(?:\s+[^\s;:]+){0,7}\s*$")


def _headline_only(entry: dict[str, Any]) -> bool:
    """Whether a timeline entry is a report's headline: the entry of a report that names no usable date, which
    cites its title (no span of its text) on its publication day, or undated."""
    return all(ev["start"] == ev["end"] == 0 for ev in entry["evidence"])


_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)


def _weekday_told(
    entry: dict[str, Any], records: dict[str, Article]
) -> tuple[str, list[tuple[str, DateMention]]] | None:
    """The weekday the undated reports of a headline entry (:func:`_headline_only`) tell their news on, and each
    one's mention of it, when at least two and more than half of them name it first among their weekdays ("A fire
    broke out on Thursday at the summit"): a report without a date of its own cannot date "Thursday", but what it
    tells on that day is the story's development, not its headline. A day to come ("the summit is scheduled to end
    on Friday") tells none."""
    named = []
    for article_id in entry["article_ids"]:
        record = records.get(article_id)
        if record is None or record.published:
            continue
        for m in record.dates:
            weekday = _WEEKDAY.search(m.text)
            if weekday is not None and m.value is None and not m.future and m.sentence is not None:
                named.append((article_id, m, weekday.group(1).capitalize()))
                break
    counts = Counter(day for *_, day in named)
    if not counts:
        return None
    most, reports = counts.most_common(1)[0]
    if reports < 2 or 2 * reports <= len(entry["article_ids"]):
        return None
    return most, [(a, m) for a, m, day in named if day == most]


# The finer precisions a year's or a month's development may be dated at by another statement of it.
_FINER = {"year": ("month", "week", "day"), "month": ("week", "day")}
# What two statements of one development share: the same parties, named (at least two names: "Netflix", "Warner",
# "Bros"), and the same act told in the same words (at least two other words: "acquire", "streaming"). One party
# and a word or two ("Clinton", "campaign", "debate") is what any two statements of a long campaign share.
_SHARED_NAMES = 2
_SHARED_WORDS = 2
# Words of a date, which every statement of a period shares: no sign of one development.
_DATE_WORDS = frozenset(
    [*WEEKDAYS, *(m.casefold() for m in MONTHS), "year", "years", "month", "months", "week", "weeks", "last", "next"]
)


def _one_development(
    entries: list[dict[str, Any]], records: dict[str, Article], began: str | None = None
) -> list[dict[str, Any]]:
    """``entries`` with each statement of a year or a month that tells the development of a more precise entry of
    its period made part of that entry (its evidence and article added; the finer date and text kept): "In December
    last year, Netflix inked a deal ... to acquire Warner Bros." and "On December 5, Netflix struck an agreement to
    acquire Warner Bros." are one development, given twice.

    A statement joins the finer entry (of its period, not to come) one of whose statements tells the same act by the
    same parties (:func:`_joins`). Months are read first, so that a year may join a day its month
    joined. An entry keeps what tells another development of its period ("2015" holds many); when more than half of
    its statements join one entry, the rest join it too (they date that development no closer), and an entry left
    with none goes. What is to come is no development told: a plan joins nothing.

    In the Background (both entries before ``began``, :func:`_background`), the past the articles recall, a month's
    statement joins a day or week of that month on two names it shares with one of its statements, whatever their
    subjects (:func:`_recalls`): "Hasina remained in India following her removal from office in August 2024" and
    "Hasina ... has been living in India since she fled Bangladesh on August 5, 2024" recall one flight. A year is
    too wide for that: "ambassador to Burma from 2012" and "McConnell ... sanctions on Burma" in January 2012 tell
    two things."""
    out = [dict(e) for e in entries]
    held = [_statements(e, records) for e in out]
    recalled = {i for i, e in enumerate(out) if began is not None and _background(e, began)}
    for precision in ("month", "year"):
        for i, coarse in enumerate(out):
            if coarse["precision"] != precision or coarse.get("future") or not coarse["date"] or not held[i]:
                continue
            finer = [
                j
                for j, fine in enumerate(out)
                if held[j]
                and fine["precision"] in _FINER[precision]
                and not fine.get("future")
                and str(fine["date"]).startswith(str(coarse["date"]))
            ]
            moved: dict[int, list[_Statement]] = {}
            left = list(held[i])
            joining = True
            while joining:  # a statement joined may be what another shares its words with
                joining = False
                for st in list(left):
                    j = _joins(st, [(j, held[j] + moved.get(j, [])) for j in finer])
                    if j is None and i in recalled and precision == "month":
                        j = _recalls(st, [(j, held[j] + moved.get(j, [])) for j in finer if j in recalled])
                    if j is not None:
                        moved.setdefault(j, []).append(st)
                        left.remove(st)
                        joining = True
            if not moved:
                continue
            target, joined = max(moved.items(), key=lambda item: len(item[1]))
            if 2 * len(joined) > len(held[i]):
                moved[target] = joined + left
                left = []
            for j, sts in moved.items():
                held[j] += sts
            held[i] = left
    kept = []
    for entry, statements in zip(out, held, strict=True):
        if not statements:
            continue
        first = statements[0]
        kept.append(
            {
                **entry,
                "text": entry["text"] if first.evidence is entry["evidence"][0] else first.sentence or entry["text"],
                "evidence": [st.evidence for st in statements],
                "article_ids": list(dict.fromkeys(st.article_id for st in statements)),
            }
        )
    return kept


def _joins(statement: _Statement, finer: list[tuple[int, list[_Statement]]]) -> int | None:
    """The finer entry (index, and its statements) ``statement`` tells the development of: the one one of whose
    statements has its subject (the first name it writes: "Netflix inked a deal", "Netflix struck an agreement") and
    shares with it at least :data:`_SHARED_NAMES` names and :data:`_SHARED_WORDS` other content words, the most
    words in all; None if none does. Statements of other subjects tell of other doings, however many words of a
    long story they share ("Kasich ... second place in New Hampshire", "Cruz ... ahead of the New Hampshire
    primary"). A statement of what is to come ("vowing to win Florida later this month") joins none, nor one that
    undoes or refuses what the other tells, or the reverse (:data:`_UNDOING`: "the council rejected a contract ..."
    is no telling of "the council signed a contract ...", however many words they share)."""
    best, most = None, 0
    for j, statements in finer:
        for other in statements:
            if statement.future or statement.subject is None or statement.subject != other.subject:
                continue
            if statement.undoes != other.undoes:
                continue
            names = statement.names & other.names
            words = (statement.words & other.words) - statement.names - other.names
            if len(names) >= _SHARED_NAMES and len(words) >= _SHARED_WORDS and len(names) + len(words) > most:
                best, most = j, len(names) + len(words)
    return best


def _recalls(statement: _Statement, finer: list[tuple[int, list[_Statement]]]) -> int | None:
    """The finer Background entry (index, and its statements) a Background month's ``statement`` recalls the
    development of: the one one of whose statements shares at least :data:`_SHARED_NAMES` names with it and a word
    besides (the most words in all), whatever its subject, neither to come and neither undoing what the other tells;
    None if none does. The articles of a story recall few developments of one past month, each in its own words
    ("she fled to India in August 2024", "her removal from office in August 2024", "she fled Bangladesh on August 5,
    2024"): two names and a word in common are the same one, where in the story's own course they would be any two
    doings of its parties (:func:`_joins`). Two names alone are no more than a place's or a country's pair: "floods
    killed dozens in Veloria and Kestrova in May 2024" is no telling of "she fled Veloria for Kestrova on 5 May
    2024"."""
    best, most = None, 0
    for j, statements in finer:
        for other in statements:
            if statement.future or other.future or statement.undoes != other.undoes:
                continue
            names = statement.names & other.names
            words = (statement.words & other.words) - statement.names - other.names
            if len(names) >= _SHARED_NAMES and words and len(names) + len(words) > most:
                best, most = j, len(names) + len(words)
    return best


class _Statement(NamedTuple):
    """One dated statement of a timeline entry: its evidence (article and span of its date), its sentence and the
    sentence's content words (without the words of dates)."""

    article_id: str
    evidence: dict[str, Any]
    sentence: str
    words: frozenset[str]
    names: frozenset[str]
    subject: str | None
    future: bool
    undoes: bool


# Words that tell an act refused, undone or not done ("rejected", "cancelled", "ended his bid", "did not sign"): a
# statement with one and a statement without tell two developments, not one, whatever words they share.
_UNDOING = re.compile(
    r"\b(?:not|no|never|\w+n[’']t|without|reject\w*|refus\w*|cancel\w*|den(?:y|ies|ied)|block\w*|halt\w*|"
    r"suspend\w*|withdr[ae]w\w*|scrap\w*|abandon\w*|collaps\w*|fail\w*|end(?:s|ed)?|drop(?:s|ped)?|quit\w*|"
    r"los[ets]\w*|overturn\w*|revers\w*|revok\w*|veto\w*|pull(?:s|ed)? out|back(?:s|ed)? out|call(?:s|ed)? off)\b",
    re.IGNORECASE,
)
# The words of a date that say it was still to come when written ("vowing to win Florida later this month").
_STILL_TO_COME = re.compile(r"^(?:later this|next)\b", re.IGNORECASE)


def _statements(entry: dict[str, Any], records: dict[str, Article]) -> list[_Statement]:
    """The statements of a timeline entry, in its evidence's order: the first's sentence is the entry's text."""
    out = []
    for k, ev in enumerate(entry["evidence"]):
        record = records.get(ev["article_id"])
        mention = _mention_at(record, ev["start"]) if record is not None else None
        if k == 0 or record is None or mention is None or mention.sentence is None:
            sentence = entry["text"] if k == 0 else ""
        else:
            sentence = record.text[mention.sentence.start : mention.sentence.end]
        words = {_singular(w) for w in summary.words(sentence) - _DATE_WORDS}
        written = [_singular(w.casefold()) for w in _NAME_WORD.findall(sentence)]
        names = set(written) & words
        subject = next((w for w in written if w in words), None)
        # To come when written: said so by the words before the date ("will"), by its own ("later this month"), or
        # by a date after the report's publication ("votes on the contract next month").
        future = mention is not None and (
            mention.future
            or _STILL_TO_COME.match(mention.text) is not None
            or _ahead(mention.value, record.published if record is not None else None)
        )
        undoes = _UNDOING.search(sentence) is not None
        out.append(
            _Statement(ev["article_id"], ev, sentence, frozenset(words), frozenset(names), subject, future, undoes)
        )
    return out


# A word written with a capital: a name's ("Netflix", "Warner"), or the word opening a sentence (a function word
# there, "The", "But", is no content word; "Police had charged ..." reads as a name).
_NAME_WORD = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]{2,}")


def _singular(word: str) -> str:
    """``word`` (lower case) without a plural's "s" ("handshakes", "talks"), so that a development told in the
    singular and the plural shares it; a short word ("bros") or one in "ss" is kept."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _mention_at(record: Article, start: int) -> DateMention | None:
    """The stored date mention of ``record`` that starts at ``start`` (a timeline entry's evidence), if any."""
    return next((m for m in record.dates if m.start == start), None)


# The precisions of a date that tells a day's news: "on Monday", "last weekend".
_NEWS_DAYS = frozenset({"day", "week"})


def _recalled_in_news(record: Article | None, evidence: dict[str, Any], began: str | None) -> DateMention | None:
    """The date mention of the story's course (a day or week from ``began`` on, or a weekday left unresolved) in the
    sentence of ``evidence``'s mention, if there is one: the sentence tells that day's news and only recalls the
    other."""
    if record is None:
        return None
    mention = _mention_at(record, evidence["start"])
    if mention is None or mention.sentence is None:
        return None
    for m in record.dates:
        if m.sentence != mention.sentence or m.start == mention.start or m.future or m.precision not in _NEWS_DAYS:
            continue
        if m.value is None or not _before(m.value[:10], began):
            return m
    return None


def _named(group: dict[str, Any], texts: str = "") -> bool:
    """Whether a speaker group (:func:`~newsdesk.report.speech.speakers`) is a named actor a brief lists: one linked
    to an entity, a person's name, or a group named inside its words ("the Hillary Clinton campaign") or by a word
    that ``texts`` (the story's articles) write only as a name (:func:`_written_as_a_name`: "Paramount", "PCB"). A
    description ("a report", "officials", "authorities", "Brazilian organizers of the conference", "a Netflix
    adviser", "the court", "Police" opening a sentence) names nobody the analyst could ask or cite as an actor,
    however often it is quoted."""
    if group["speaker_entity_id"] or group["speaker_kind"] == "person":
        return True
    speaker = group["speaker"]
    return group["speaker_kind"] == "group" and (
        _NAME_INSIDE.search(speaker) is not None or _written_as_a_name(speaker, texts)
    )


def _written_as_a_name(word: str, texts: str) -> bool:
    """Whether a one-word speaker ``word`` is a name in ``texts``: written with its capital inside a sentence (after
    a word in lower case or a comma: "a bid by Paramount"), never in lower case, and no date's word. A description
    that opens its sentence ("Police said", "Prosecutors argued") is written in lower case elsewhere ("the police"),
    or never inside a sentence at all: a miss then, never an actor made of a description."""
    if not word[:1].isupper() or not word.isalpha() or word.casefold() in _DATE_WORDS:
        return False
    if re.search(rf"\b{re.escape(word.lower())}\b", texts):
        return False
    return re.search(rf"(?<=[a-z,] ){re.escape(word)}\b", texts) is not None


# A capitalised word after a group's first word: the name it is the group of ("the Hillary Clinton campaign").
_NAME_INSIDE = re.compile(r"\s[A-Z][^\W\d_]")


def _cue(quote: dict[str, Any]) -> str | None:
    """The verb a reported quote is read with in a brief, where it reads before the words ("cautioned", "accusing");
    None for a direct quote, one credited "according to" someone, or one with no cue."""
    cue = (quote.get("cue") or "").strip()
    if quote.get("direct", True) or not cue or cue.casefold().startswith("according"):
        return None
    return cue


def build(corpus: Corpus, story_id: str) -> dict[str, Any]:
    """The brief of a story as plain data (the ``brief --format json`` contract).

    Statements (summary sentences, timeline entries, quotes) carry ``article_id``, ``start``, ``end`` and
    ``ref``, the number of their article in ``sources``.

    Raises:
        NotFoundError: no story has that id (or unique id prefix).
    """
    story = gather(corpus, story_id)
    records = {a.id: a for a in corpus.records(story["article_ids"])}
    refs: dict[str, int] = {}

    def cite(article_id: str, start: int, end: int, text: str) -> dict[str, Any]:
        ref = refs.setdefault(article_id, len(refs) + 1)
        return {"text": text, "article_id": article_id, "start": start, "end": end, "ref": ref}

    claims, contradictions = corpus.claims_and_contradictions(story["id"])
    # Where each article tells a claim the claims stage matched across reports: two summary lines telling one claim
    # ("the US is preparing to recognise Russian control over Crimea", "the US may be open to recognising Russia's
    # control over Crimea") say the same news, however differently worded.
    claimed: dict[str, list[tuple[int, int, str]]] = {}
    for c in claims:
        for s in c["support"]:
            claimed.setdefault(s["article_id"], []).append((s["start"], s["end"], c["id"]))
    lines = [
        cite(s["article_id"], *_without_lead_prefix(records.get(s["article_id"]), s["start"], s["end"], s["text"]))
        for s in summary.summarize(list(records.values()), claims=claimed)
    ]
    timeline = []
    # An undated article's dates are read against the story's latest known day: a date after it was ahead then.
    latest = max((a.published[:10] for a in records.values() if a.published), default=None)
    first_day = min((a.published[:10] for a in records.values() if a.published), default=None)
    began = _month_before(_first_day(story["timeline"], records, first_day))
    # A report that names no date of its own gives the timeline its headline, on its publication day or undated:
    # a headline is no development of a day (an explainer's "Key things to know as ..."), so the brief counts such
    # reports instead of listing them.
    told = [e for e in story["timeline"] if not _headline_only(e)]
    headlines = {a for e in story["timeline"] if _headline_only(e) for a in e["article_ids"]}
    # What those reports report, named beside their count (no date, no entry): six reports of a fire that date it
    # only "on Thursday" are the story's fire, which the timeline has no line for.
    # Undated reports that agree on the weekday of their news ("a fire broke out on Thursday", five of six) give it
    # a line of its own, its weekday said as written and its date as not given: the brief cannot date it.
    weekdays = [(e, _weekday_told(e, records)) for e in story["timeline"] if _headline_only(e)]
    named_day = {a for _, told_on in weekdays if told_on is not None for a, _ in told_on[1]}
    headlines -= named_day
    untold = sorted(
        (
            {"text": e["text"], "articles": len(set(e["article_ids"]) - named_day)}
            for e in story["timeline"]
            if _headline_only(e) and set(e["article_ids"]) - named_day
        ),
        key=lambda h: -h["articles"],
    )
    recalled = _not_the_news_recalling(told, began, records)
    joined = _one_date_a_sentence(_one_development(recalled, records, began), records, latest)
    entries, left = _with_background_cut(joined, began)
    for entry in entries:
        first = entry["evidence"][0] if entry["evidence"] else {"article_id": entry["article_ids"][0], "start": 0}
        record = records.get(first["article_id"])
        start, end = _sentence_span(record, entry["text"], first["start"])
        timeline.append(
            {
                "date": entry["date"],
                "precision": entry["precision"],
                "estimated": entry["estimated"],
                # An undated report's "is scheduled to expire January 8" is ahead of it, whatever the story's
                # latest day (its year is only an estimate).
                "ahead": _ahead(entry["date"], (record.published if record is not None else None) or latest)
                or (record is not None and not record.published and bool(entry.get("future"))),
                "background": _background(entry, began),
                "articles": len(entry["article_ids"]),
                "weekday": None,
                **cite(first["article_id"], *_without_lead_prefix(record, start, end, entry["text"], first["start"])),
            }
        )
    for _, told_on in weekdays:
        if told_on is None:
            continue
        day, mentions = told_on
        article_id, mention = min(mentions, key=lambda am: am[1].sentence.start if am[1].sentence else 0)
        record = records[article_id]
        span = mention.sentence or Span(start=mention.start, end=mention.end)
        text = record.text[span.start : span.end]
        timeline.append(
            {
                "date": None,
                "precision": "day",
                "estimated": False,
                "ahead": False,
                "background": False,
                "articles": len(mentions),
                "weekday": day,
                **cite(article_id, *_without_lead_prefix(record, span.start, span.end, text, mention.start)),
            }
        )
    actors = []
    # Quotes nobody is named for ("on the up and up", a pronoun's) are no actor's: counted, not listed.
    unattributed = sum(len(g["quotes"]) for g in story["speakers"] if not g["identified"])
    # Nor are sources described but not named ("a report", "officials", "a Netflix adviser"): counted, and named by
    # their description beside the count.
    texts = "\n".join(r.text for r in records.values())
    unnamed = [g for g in story["speakers"] if g["identified"] and not _named(g, texts)]
    for group in [g for g in story["speakers"] if g["identified"] and _named(g, texts)][:_ACTORS]:
        said = _not_repeated(group["quotes"])
        actors.append(
            {
                "name": group["speaker"],
                "kind": group["speaker_kind"],
                "entity_id": group["speaker_entity_id"],
                "quotes": [
                    {
                        **cite(q["article_id"], q["start"], q["end"], q["text"]),
                        "via": q.get("via") or [],
                        "direct": bool(q.get("direct", True)),
                        # What reported speech is read with ("accusing" him of ..., "cautioned" the US might ...):
                        # the words alone can read as a fragment.
                        "cue": _cue(q),
                    }
                    for q in said[:_QUOTES_EACH]
                ],
                "more_quotes": max(0, len(said) - _QUOTES_EACH),
            }
        )

    def origin(name: str) -> str:
        # An origin whose articles name no outlet goes by its first article's id: shown as that article's number
        # in Sources, never as the id.
        return f"article {refs.setdefault(name, len(refs) + 1)}" if name in records else name

    def claim(c: dict[str, Any]) -> dict[str, Any]:
        # The support row the cluster's text is from: its span is what the text cites (the first row may be
        # another article's wording of the claim).
        first = next((s for s in c["support"] if s.get("text") == c["text"]), c["support"][0])
        return {
            **cite(first["article_id"], first["start"], first["end"], first.get("text") or c["text"]),
            "id": c["id"],
            "articles": len(c["article_ids"]),
            "independent": len(c["independent_origins"]),
            "origins": [
                {
                    "name": origin(o["name"]),
                    "relaying": o["relaying"],
                    "own": o["own"],
                    "articles": len(o["articles"]),
                    "counted": o.get("counted", True),  # not an AI-written aggregate beside other origins
                }
                for o in c["origins"]
            ],
        }

    # Only the claims shown are cited, before Sources is made of what is cited: every number a claim gives is a
    # source listed, and no source is listed for a claim left out.
    backed = [c for c in claims if len(c["independent_origins"]) > 1 and not c["contradicts"]]
    corroborated = [claim(c) for c in backed[:_CLAIMS]]
    single = sorted(
        (c for c in claims if c["single_source"] and len(c["article_ids"]) > 1), key=lambda c: -len(c["article_ids"])
    )
    single_source = [claim(c) for c in single[:_CLAIMS]]
    disputed = [
        {
            "kind": item["kind"],
            "slot": item["slot"],
            "sides": [
                {
                    **cite(
                        side["spans"][0]["article_id"], side["spans"][0]["start"], side["spans"][0]["end"], side["text"]
                    ),
                    "value": side["value"],
                    "shown": side["shown"],
                    "origins": [origin(name) for name in side["origins"]],
                    "outlets": [origin(name) for name in side.get("outlets", side["origins"])],
                    "told_by": told_by(side, origin),
                    "articles": len(side["article_ids"]),
                }
                for side in item["sides"]
            ],
            "one_origin": item.get("one_origin", False),
        }
        for item in contradictions[:_CLAIMS]
    ]
    framed = corpus.framing(story["id"])
    framing = {
        "note": framed["note"],
        "groups": [
            {
                "name": g["name"],
                "articles": g["articles"],
                "terms": [
                    {
                        **cite(ex["article_id"], ex["start"], ex["end"], ex["text"]),
                        "term": t["term"],
                        "count": t["count"],
                        "others": t["others"],
                        "z": t["z"],
                        "significant": t["significant"],
                    }
                    for t in g["terms"][:_FRAMING_TERMS]
                    for ex in t["examples"][:1]
                ],
                "loaded": [
                    {
                        **cite(r["example"]["article_id"], r["example"]["start"], r["example"]["end"], r["text"]),
                        "alternative": r["alternative"],
                        "alternative_used_by": r["alternative_used_by"],
                        "count": r["count"],
                    }
                    for r in g["loaded"][:_FRAMING_LOADED]
                ],
                "omitted": [{"text": c["text"], "origins": c["origins"]} for c in g["omitted"][:_FRAMING_LOADED]],
            }
            for g in framed["groups"][:_ACTORS]
        ],
        "pairs": _one_line_a_pair(framed["pairs"])[:_FRAMING_TERMS],
    }
    positions = [
        {
            "issue": p["issue"],
            "actor": p["actor"],
            "position": p["position"],
            "date": p["date"],
            "shifts": [s["text"] for s in p["shifts"]],
            "said": p["evidence"][-1]["said"],
            **cite(
                p["evidence"][-1]["article_id"],
                p["evidence"][-1]["start"],
                p["evidence"][-1]["end"],
                p["evidence"][-1]["text"],
            ),
        }
        for p in corpus.stances(story_id=story["id"])[:_POSITIONS]
    ]
    # An origin whose report has no title goes by its article's number in Sources, never by its id (furniture a
    # reader cannot look up in the brief).
    origins = [{**o, "name": o["title"] or f"untitled, {origin(o['origin'])}"} for o in story["origins"]]
    by_id = {a["id"]: a for a in story["articles"]}
    sources = [
        {
            "ref": ref,
            "id": article_id,
            "outlet": by_id[article_id]["outlet"],
            "title": by_id[article_id]["title"],
            "published": by_id[article_id]["published"],
            "url": safe_url(by_id[article_id]["url"]),
        }
        for article_id, ref in refs.items()
    ]
    return {
        "story": {"id": story["id"], "title": story["title"]},
        "articles": len(story["articles"]),
        "events": [{k: e[k] for k in ("id", "title", "first_seen", "last_seen")} for e in story["events"]],
        "summary": lines,
        "timeline": timeline,
        "background_left": left,
        "undated_reports": len(headlines),
        "undated_headlines": untold,
        "unattributed_quotes": unattributed,
        "unnamed_quotes": sum(len(g["quotes"]) for g in unnamed),
        "unnamed_sources": [g["speaker"] for g in unnamed],
        "actors": actors,
        "entities": story["entities"][: _ACTORS * 2],
        "corroborated": corroborated,
        "single_source": single_source,
        "disputed": disputed,
        "framing": framing,
        "positions": positions,
        "outlets": story["outlets"],
        "origins": origins,
        "sources": sources,
        "available": story["available"],
        "empty": {kind: hint for kind, hint in speech.EMPTY_HINTS.items() if not story["available"][kind]},
    }


def _without_lead_prefix(
    article: Article | None, start: int, end: int, text: str, keep: int | None = None
) -> tuple[int, int, str]:
    """A sentence's span and text without the byline or dateline opening it (:func:`lead_prefix`), when it opens a
    paragraph of the article's: what the sentence says is the news, who wrote it and where is metadata. A sentence
    whose character ``keep`` (a timeline entry's date) is inside the byline or dateline is cited whole."""
    if article is None or not text or article.text[start : start + len(text)] != text:
        return start, end, text
    if start and article.text[start - 1] != "\n":
        return start, end, text
    cut = lead_prefix(text, keep - start if keep is not None and keep >= start else None, first=not start)
    return start + cut, end, text[cut:]


def _sentence_span(article: Article | None, sentence: str, near: int) -> tuple[int, int]:
    """Where ``sentence`` stands in the article, preferring the occurrence around ``near``; (0, 0) if absent."""
    if article is None or not sentence:
        return 0, 0
    start = article.text.rfind(sentence, 0, near + len(sentence))
    if start < 0:
        start = article.text.find(sentence)
    return (start, start + len(sentence)) if start >= 0 else (0, 0)


def _one_line_a_pair(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The competing names as the brief lists them: one entity's two names once, whichever outlets write each
    ("Belem (A; B) / Belém (C; D)"), where framing pairs each two outlets; in framing's order (most confident
    first), each at its first place."""
    out: list[dict[str, Any]] = []
    merged: dict[tuple[str, ...], list[list[str]]] = {}
    for p in pairs:
        terms = [s["term"] for s in p["sides"]]
        key = (p["kind"], p.get("entity_id") or "", *sorted(terms)) if p["kind"] == "entity" else ()
        groups = merged.get(key) if key else None
        if groups is None:
            groups = [[s["group"]] for s in p["sides"]]
            if key:
                merged[key] = groups
            out.append({"kind": p["kind"], "terms": terms, "groups": groups})
            continue
        first = next(o for o in out if o["groups"] is groups)
        for s in p["sides"]:
            side = groups[first["terms"].index(s["term"])]
            if s["group"] not in side:
                side.append(s["group"])
    return [
        {
            "kind": o["kind"],
            "sides": [{"group": "; ".join(g), "term": t} for t, g in zip(o["terms"], o["groups"], strict=True)],
        }
        for o in out
    ]
