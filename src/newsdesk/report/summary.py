"""Extractive summaries: the sentences of a story that most of its articles agree on, with their spans.

Every sentence is the article's own words at a recorded span, never a paraphrase, so a brief can prove each
line. A sentence scores by how many of the story's articles use its content words (what the coverage agrees
on), a little more near the top of its article (news leads with what matters). The events take turns, largest
first: the best sentence of each, then the next best of each, so that each development has its line; a sentence
most of whose words one already chosen holds is skipped, and so is one that tells a claim a chosen line tells (the
claims stage matched the two as one claim, told by two reports in their own words).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsdesk.claims import extract as claims_extract
from newsdesk.claims import values as claims_values
from newsdesk.records import Article

__all__ = ["sentences", "summarize", "words"]

_WORD = re.compile(r"[^\W\d_]{3,}")
_LEAD = 12  # sentences read per article: the lead and a little more, where news puts what happened
_MIN_WORDS, _MAX_WORDS = 8, 60
_MAX_ARTICLES = 300  # a larger story is summed up from its first 300 originals: enough to agree, bounded cost
_SAID = 0.6  # share of the shorter sentence's words in another above which it says what that one says
# The same, against the lines already chosen from its own event: a development's second line must add to its first
# ("Trump said the $72 billion deal could be a problem" and "Trump signalled resistance to the $72 billion deal,
# warning it could be a problem" share 57% of their words).
_SAID_IN_EVENT = 0.4
# A development's second line is no article's lead: the leads of one event's reports tell its news each their own
# way ("President Trump said the deal could be a problem", "Trump expressed concerns over the acquisition").
_STOP = frozenset(
    "the and for that with from this have has had was were are but not his her its their they them said says "
    "will would could should been being into over after before about than then there which who whom what when "
    "where while also more most some such only other said told according".split()
)


def words(text: str) -> set[str]:
    """The content words of ``text``, in lower case: words of three letters or more, stop words left out."""
    return {w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in _STOP}


def sentences(text: str, *, limit: int = _LEAD) -> list[tuple[int, int]]:
    """Spans of the first ``limit`` sentences of ``text`` that are long enough to stand alone (cut as claims are:
    not after "Mr." or "Warner Bros.")."""
    spans = []
    for start, end in claims_extract.sentences(text):
        if _MIN_WORDS <= len(text[start:end].split()) <= _MAX_WORDS:
            spans.append((start, end))
        if len(spans) >= limit:
            break
    return spans


def summarize(
    articles: Sequence[Article], *, size: int = 5, claims: Mapping[str, Sequence[tuple[int, int, str]]] | None = None
) -> list[dict[str, Any]]:
    """Up to ``size`` sentences that sum up ``articles`` (copies left out), in reading order by date.

    ``claims`` gives, by article id, the spans of its claims and the id of the claim each tells (its cluster: one
    claim told by several reports): a sentence telling a claim a chosen line tells says what that line says.

    Each is ``{"text", "article_id", "start", "end"}`` with ``text == article.text[start:end]``.
    """
    originals = [a for a in articles if not a.duplicate_of][:_MAX_ARTICLES]
    candidates = [(a, i, span) for a in originals for i, span in enumerate(sentences(a.text))]
    told = {
        (a.id, start, end): frozenset(c for s, e, c in (claims or {}).get(a.id, ()) if s < end and start < e)
        for a, _, (start, end) in candidates
    }
    spread: Counter[str] = Counter(w for a in originals for w in words(" ".join(_lead(a))))
    scored = []
    for article, position, (start, end) in candidates:
        content = words(article.text[start:end])
        if not content:
            continue
        agreement = sum(spread[w] - 1 for w in content) / math.sqrt(len(content))
        scored.append((agreement / (1 + 0.15 * position), article, start, end, content, position))
    ranked = sorted(scored, key=lambda s: -s[0])
    # One development a line: the best sentence of each of the largest events, then the next best of each, and so
    # on (a summary that says the first event five ways leaves out the rest), each saying something the chosen
    # ones do not (most of its words not already in one of them). Articles of no event are one more group.
    sizes = Counter(a.event_id for a in originals)
    by_event: dict[str | None, list[tuple[Article, int, int, set[str], int]]] = {e: [] for e in sizes}
    for _score, article, start, end, content, position in ranked:
        by_event[article.event_id].append((article, start, end, content, position))
    order = sorted(sizes, key=lambda e: (e is None, -sizes[e], e or ""))
    chosen: list[tuple[Article, int, int, set[str], int]] = []
    while len(chosen) < size and any(by_event.values()):
        for event in order:
            queue = by_event[event]
            again = any(a.event_id == event for a, *_ in chosen)
            while queue and len(chosen) < size:
                item = queue.pop(0)
                if again and item[4] == 0:
                    continue
                claimed = told[item[0].id, item[1], item[2]]
                if not any(
                    _overlap(item[3], w) > (_SAID_IN_EVENT if a.event_id == event else _SAID)
                    or _same_toll(a.text[s:e], w, item[0].text[item[1] : item[2]], item[3])
                    or claimed & told[a.id, s, e]
                    for a, s, e, w, _ in chosen
                ):
                    chosen.append(item)
                    break
    chosen.sort(key=lambda c: (c[0].published or "~", c[0].id, c[1]))
    return [{"text": a.text[s:e], "article_id": a.id, "start": s, "end": e} for a, s, e, _, _ in chosen]


# What a count of people tells, as claims' values read it, where one figure is the news itself: a toll, the missing,
# the injured, the arrested (a count that changes as a story unfolds). "128 lives" is a toll.
_FATES = frozenset(
    {"people killed", "people injured", "people missing", "people arrested", "people evacuated", "people rescued"}
)
_LIVES = frozenset({"live", "life"})


@functools.lru_cache(maxsize=4096)
def _tolls(sentence: str) -> frozenset[tuple[str, str]]:
    """The counts of people by their fate that ``sentence`` gives ("at least 128 lives have been lost": people killed,
    128): two lines giving one toll say the same news, however differently worded ("the death toll rose to 128")."""
    found = set()
    for value in claims_values.find(sentence):
        if value.kind != "count":
            continue
        unit = "people killed" if value.unit in _LIVES else value.unit
        if unit in _FATES:
            found.add((unit, value.value))
    return frozenset(found)


# The words a count of people by fate is told in ("two people were killed", "128 lives have been lost"): any two
# tolls share them, whatever they are the tolls of.
_TOLL_WORDS = frozenset(
    "people person persons killed dead died death deaths toll lives life lost injured wounded hurt missing arrested "
    "evacuated rescued least more than one two three four five six seven eight nine ten eleven twelve dozen dozens "
    "hundred hundreds thousand thousands".split()
)


def _same_toll(one: str, one_words: set[str], other: str, other_words: set[str]) -> bool:
    """Whether two summary lines give one toll: the same count of people by the same fate (:func:`_tolls`), of the
    same thing (a word shared besides the count's own: "fire" in "the death toll of the fire rose to 128" and "since
    the fire broke out, 128 lives have been lost"). Two people killed in a strike and two killed when a bridge fell
    are two developments, each its line."""
    return bool(_tolls(one) & _tolls(other)) and bool((one_words & other_words) - _TOLL_WORDS)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b))


def _lead(article: Article) -> Iterable[str]:
    return (article.text[s:e] for s, e in sentences(article.text))
