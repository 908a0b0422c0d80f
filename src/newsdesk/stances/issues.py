"""A story's issues and each actor's position on each, over time, from the stored stances of its articles.

An issue is what several statements of a story take positions on: stances whose targets share enough of their
terms (linked entities count double, words are stemmed and folded so that "ceding territory" and "giving up
land" meet) are one issue, named by the target that shares most with the others. Worked out when read, so that
issues follow the story as articles join it. Per actor and issue, the statements are put in date order, the
latest gives the position, and each change between dated statements is a shift ("shifted from opposes to
conditional on 2025-11-24").
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from newsdesk.stances.extract import FUNCTION_WORDS

__all__ = ["MATCH", "Worked", "group", "positions", "shift_text"]

COMMON = 40  # a term in more issues than this picks no candidates
CANDIDATES = 6  # issues a new stance is compared with, those sharing most terms with it
COMPARED = 12  # members of an issue a new stance is compared with
SHARED = 1.5  # term weight two targets must share at least: a name and a word, or a word and a common one
MATCH = 0.5  # share of the smaller target's term weight two targets must share to be one issue
_DETERMINER = re.compile(r"^(?:any|the|a|an|all|this|that|these|those|its|his|her|their|our|such|to)\s+", re.I)
_MAX_NAME_WORDS = 10
# An outlet's praise or alarm at the head of a target ("historic $82billion deal to purchase ..."): an issue's name
# is the thing, not how one report sizes it up (decision 0018).
_SIZING_UP = re.compile(
    r"^(?:historic|landmark|blockbuster|controversial|high-stakes|so-called|much-anticipated|long-awaited|"
    r"massive|huge|mega|shock|stunning|explosive)\s+(?=\S)",
    re.IGNORECASE,
)


# Words nearly every statement of a negotiation has: they alone never make two statements one issue.
_GENERIC = frozenset({"peace", "deal", "plan", "war", "conflict", "talk", "negotiat", "agreement", "effort"})


@functools.lru_cache(maxsize=1 << 16)
def _weight(term: str) -> float:
    return 2.0 if term.startswith("@") else 0.5 if term in _GENERIC else 1.0


@functools.lru_cache(maxsize=1 << 16)
def _total(terms: frozenset[str]) -> float:
    return sum(_weight(t) for t in terms)


def _shared(a: frozenset[str], b: frozenset[str]) -> float:
    """The weight two targets' term sets share."""
    return sum(map(_weight, a & b))


def _one_issue(shared: float, smaller: float, *, one_word: bool = True) -> bool:
    """Two targets that share ``shared`` term weight, the smaller of them weighing ``smaller``, are one issue when
    they share :data:`MATCH` of the smaller one's weight and at least :data:`SHARED` weight, or (``one_word``) when
    the smaller is one word (not a generic one) that the other holds ("the verdict", "the verdict issued against
    her")."""
    share = shared / smaller if smaller else 0.0
    if share >= MATCH and shared >= SHARED:
        return True
    return one_word and share >= 1.0 and shared >= 1.0


# Words that make a target say something of a thing rather than name it ("raise its offer for the giant").
_RELATING = frozenset(
    "of for to over on in at with without by from against about into as than and or but not no its his her their "
    "our my your it them him us be is are was were been being has have had will would should could can may must "
    "that which who whom whose".split()
)


def _bare_name(row: dict[str, Any]) -> bool:
    """Whether a target names a linked entity and no more ("Hollywood", "the Kremlin", "Quillfin co-chief executive
    Ted Varnel"): it begins and ends with a capitalised word, and no word relates it to anything."""
    words = [w.strip("“”\"'‘’,.") for w in _name(row["target"]).removesuffix(" …").split()]
    return (
        0 < len(words) <= 6
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
        and not any(w.casefold() in _RELATING for w in words)
        and any(t.startswith("@") for t in row["terms"])
    )


def _words(row: dict[str, Any]) -> frozenset[str]:
    """The terms of a stance's target that are no name: no linked entity, and no stem of a capitalised word of the
    target past its first ("naqvi" in "receive the trophy from Naqvi")."""
    capitalised = [
        w.strip("“”\"'‘’,.").casefold() for w in row["target"].split()[1:] if w.strip("“”\"'‘’,.")[:1].isupper()
    ]
    return frozenset(t for t in row["terms"] if not t.startswith("@") and not any(w.startswith(t) for w in capitalised))


# What follows a verb's base form at a target's head, and never a noun written bare there: its object's
# determiner or possessor, a name, a figure, or a particle ("acquire Warner Bros", "receive the trophy", "give up").
_AFTER_VERB = re.compile(
    r"(?:the|a|an|any|all|its|his|her|their|our|my|your|this|these|those|some|every|each|no|up|out|off|down|away|"
    r"back)\b|[A-Z$£€\d]"
)
_NOUN_END = re.compile(r"(?:[^s]s|tion|sion|ment|ness|ity|ance|ence|ship|ism|ing|ed|al|ure)$")
# Verbs of two syllables stressed on the last, whose last consonant doubles before "-ing".
_DOUBLED = frozenset(
    "admit commit submit permit omit emit transmit refer prefer confer defer deter occur recur incur regret control "
    "patrol compel expel propel repel equip forget begin forbid upset abet allot acquit rebut".split()
)


# Words before a name that are part of how it is written, never a verb ("former Florida Gov. Jeb Bush", "fellow
# Kentuckian Rand Paul", "whatever the president does"); function words (a preposition, a quantifier, a pronoun:
# "of Trump", "more Muslim refugees", "it all made public") are none either (extract.FUNCTION_WORDS).
_TITLE_WORDS = frozenset("former fellow late ex whatever whichever whoever".split())


def _gerund(verb: str) -> str:
    """The "-ing" form of a verb's base form: "receive" receiving, "stop" stopping, "see" seeing, "lie" lying,
    "quit" quitting, "admit" admitting, "visit" visiting."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    plain = verb.replace("qu", "q")  # ("quit": the "u" is no vowel of its own)
    one_vowel = len(re.findall(r"[aeiou]+", plain)) == 1
    if (one_vowel or verb in _DOUBLED) and re.search(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$", plain):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _as_a_thing(name: str) -> str:
    """A name that opens with a verb's base form (the act a position is on: "receive the trophy from Naqvi",
    "acquire Warner Bros") with that verb as its "-ing" form ("receiving the trophy from Naqvi"), so that the
    issue reads as a thing one supports or opposes. A word is taken as a verb only where nothing but a verb stands
    (lower case, no function word (:data:`~newsdesk.stances.extract.FUNCTION_WORDS`) nor word of a title
    (:data:`_TITLE_WORDS`), no ending of a noun, a plural, a participle or an adjective, and an object's determiner,
    a name, a figure or a particle after it): "talks with Kyiv", "peace talks", "renunciation", "of Trump", "more
    refugees" and "former Gov. Jeb Bush" stay as written."""
    words = name.split(" ", 2)
    if len(words) < 2 or not re.fullmatch(r"[a-z]+", words[0]) or _NOUN_END.search(words[0]):
        return name
    if words[0] in FUNCTION_WORDS or words[0] in _TITLE_WORDS or not _AFTER_VERB.match(words[1]):
        return name
    return " ".join([_gerund(words[0]), *words[1:]])


def _name(target: str) -> str:
    name = " ".join(target.split())
    name = _as_a_thing(_DETERMINER.sub("", name) if name.casefold().startswith("to ") else name)
    while (trimmed := _SIZING_UP.sub("", _DETERMINER.sub("", name))) != name:
        name = trimmed
    words = name.split()
    return " ".join(words[:_MAX_NAME_WORDS]) + (" …" if len(words) > _MAX_NAME_WORDS else "")


def group(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The stances of one story (rows with ``terms`` and ``target``) grouped into issues: a stance joins the first
    issue one of whose members shares at least :data:`MATCH` of the smaller term weight (and :data:`SHARED` weight)
    with it, both or neither being a name alone; then two issues are one when a stance of one shares that much with
    a member of the other (a one-word target never joins two issues). Members stay in the order of ``rows``.

    Only issues that share a term with the stance are compared, each through its first :data:`COMPARED`
    members, so a story of thousands of stances is grouped in linear time.
    """
    # Each stance by its place in ``rows``, with what a comparison reads of it worked out once, not once a comparison:
    # its target's terms as a set and their weight; whether it is a name alone: a name alone and a statement about
    # something of it ("supports Hollywood", "refused to raise its offer for the Hollywood giant") are two issues,
    # however much of the statement the name is; and its terms that are no name: two statements sharing only a name
    # ("receive the trophy from Naqvi", "accepted the runners-up cheque from Naqvi") speak of two things.
    terms = [frozenset(row["terms"]) for row in rows]
    weights = [_total(t) for t in terms]
    bare = [_bare_name(row) for row in rows]
    worded = [_words(row) for row in rows]
    issues: list[list[int]] = []
    by_term: dict[str, list[int]] = defaultdict(list)

    def joins(k: int, issue: list[int], *, one_word: bool = True) -> bool:
        mine, weight, alone, words = terms[k], weights[k], bare[k], worded[k]
        for o in issue[:COMPARED]:
            if bare[o] != alone:
                continue
            both = mine & terms[o]  # (none shared: not one issue)
            if (
                both
                and _one_issue(sum(map(_weight, both)), min(weight, weights[o]), one_word=one_word)
                and (alone or not words.isdisjoint(worded[o]))
            ):
                return True
        return False

    def candidates(k: int) -> list[int]:
        """The issues whose terms share SHARED weight with the stance, most shared first, at most a few."""
        weight: dict[int, float] = defaultdict(float)
        for t in terms[k]:
            found = by_term.get(t, ())
            if len(found) <= COMMON:  # a term in many issues tells none apart (it still counts when compared)
                w = _weight(t)
                for i in found:
                    weight[i] += w
        # (one whole word is enough to be compared: see _one_issue)
        return sorted((i for i, w in weight.items() if w >= 1.0), key=lambda i: (-weight[i], i))[:CANDIDATES]

    for k, row in enumerate(rows):
        i = next((i for i in candidates(k) if joins(k, issues[i])), len(issues))
        if i == len(issues):
            issues.append([])
        issues[i].append(k)
        for t in row["terms"]:
            found = by_term[t]
            if not found or found[-1] != i:
                found.append(i)
    # A stance joins the first issue it meets, so one that would have joined two leaves them apart ("its request to
    # remove match referee" joined "the request" before "remove match referee Andy Pycroft ..." began its own):
    # two issues one of whose stances meets the other's members on shared words (not one word alone) are one.
    parent = list(range(len(issues)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, issue in enumerate(issues):
        for k in issue[:COMPARED]:
            for i in candidates(k):
                if root(i) != root(j) and joins(k, issues[i], one_word=False):
                    parent[max(root(i), root(j))] = min(root(i), root(j))
    merged: dict[int, list[int]] = {}
    for i, issue in enumerate(issues):
        merged.setdefault(root(i), []).extend(issue)
    # (a row given twice is placed where it was last given, as ever)
    index = {id(row): k for k, row in enumerate(rows)}
    return [[rows[k] for k in sorted(members, key=lambda k: index[id(rows[k])])] for members in merged.values()]


# A figure in a target ("$82billion deal", "a 15% stake"): one report's, which others may give otherwise.
_FIGURE = re.compile(r"(?<![\w.])[$£€¥]?\d")


def _issue_name(members: Sequence[dict[str, Any]]) -> str:
    """The target that shares most with the others, of those that give no figure where one does: the issue a
    deal's sizes are disputed on ("$72 billion", "$82billion") is not named by one report's size of it."""

    terms = {id(row): frozenset(row["terms"]) for row in members[:COMPARED]}  # (once a row, not once a pair)

    def score(row: dict[str, Any]) -> tuple[bool, float, int]:
        shared = sum(_shared(terms[id(row)], terms[id(o)]) for o in members[:COMPARED] if o is not row)
        return (_FIGURE.search(row["target"]) is not None, -shared, len(row["target"]))

    return _name(min(members[:COMPARED], key=score)["target"])


def shift_text(before: str, after: str, day: str | None) -> str:
    """How a shift reads: "shifted from opposes to conditional on 2025-11-24"."""
    return f"shifted from {before} to {after}" + (f" on {day}" if day else "")


def _shifts(evidence: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    last: dict[str, Any] | None = None
    for item in evidence:
        later = last is not None and item["date"] and last["date"] and item["date"] > last["date"]
        if later and last is not None and item["position"] != last["position"]:
            out.append(
                {
                    "from": last["position"],
                    "to": item["position"],
                    "date": item["date"],
                    "article_id": item["article_id"],
                    "start": item["start"],
                    "end": item["end"],
                    "text": shift_text(last["position"], item["position"], item["date"]),
                }
            )
        if item["date"]:
            last = item
    return out


_EVIDENCE = (
    "position",
    "date",
    "strength",
    "confidence",
    "said",
    "cue",
    "condition",
    "article_id",
    "outlet",
    "title",
    "start",
    "end",
    "text",
    "target",
    "target_start",
    "target_end",
)


# The positions of one story's rows, by the story and the ids of its rows in the order given (see ``positions``).
Worked = dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]]


def positions(rows: Sequence[dict[str, Any]], *, worked: Worked | None = None) -> list[dict[str, Any]]:
    """Each actor's position on each issue of each story in ``rows`` (stored stance rows with their story,
    actor name and evidence text): the ``stances --json`` contract, stories and issues with most actors first.

    A story's positions depend on its own rows alone (issues are grouped within a story). ``worked``: the positions
    of stories already worked out from the same rows in the same order (by story and row ids; rows of one id
    being the same row), taken from it, and added to it (the digest asks for the stories of every actor it keeps,
    and most of them come whole in several of those sets)."""
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_story[row["story_id"] or ""].append(row)
    out: list[dict[str, Any]] = []
    for story_id, members in by_story.items():
        key = (story_id, tuple(r["id"] for r in members)) if worked is not None else None
        if key is not None and worked is not None and key in worked:
            out.extend(worked[key])
            continue
        start = len(out)
        _story_positions(story_id, members, out)
        if key is not None and worked is not None:
            worked[key] = out[start:]
    out.sort(key=lambda p: (-p["issue_actors"], p["issue"], -p["statements"], p["actor"]))
    return out


def _story_positions(story_id: str, members: list[dict[str, Any]], out: list[dict[str, Any]]) -> None:
    """The positions of one story's rows (``members``, sorted here), appended to ``out``."""
    members.sort(key=lambda r: (r["date"] or "", r["article_id"], r["start"]))
    for issue in group(members):
        name = _issue_name(issue)
        issue_id = "i" + hashlib.sha256(f"{story_id}:{name}".encode()).hexdigest()[:11]
        by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in issue:
            by_actor[row["actor_id"]].append(row)
        for actor_id, said in by_actor.items():
            evidence = [{**{k: r[k] for k in _EVIDENCE}, "named": r["actor"]} for r in said]
            latest = evidence[-1]
            out.append(
                {
                    "story_id": story_id or None,
                    "issue_id": issue_id,
                    "issue": name,
                    "issue_actors": len(by_actor),
                    "actor_id": actor_id,
                    "actor": said[0]["actor_name"] or said[0]["actor"],
                    "actor_type": said[0]["actor_type"],
                    "position": latest["position"],
                    "date": latest["date"],
                    "strength": latest["strength"],
                    "confidence": max(e["confidence"] for e in evidence),
                    "statements": len(evidence),
                    "shifts": _shifts(evidence),
                    "evidence": evidence,
                }
            )
