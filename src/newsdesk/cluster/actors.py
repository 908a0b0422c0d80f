"""Actors: who a report's lead says acted, read off the opening words of its first sentence.

A news lead opens with who did what ("Paramount launched a hostile bid", "President Trump said on Sunday"). Two
developments of one storyline a day apart share their background, names and figures, but their leads open with
different actors: the buyer's deal, a president's remarks on it, a rival's bid. The actor is read without a
parse: the first sentence of the body's first line that reads as prose, past a dateline ("WASHINGTON (AP) -",
"Dhaka, Nov 18 (IANS)"), an opening clause ("On Sunday,", "As the court sentences her,") and a leading article,
is the run of capitalised words it opens with (past a possessive: "Bangladesh's Awami League" opens with the
party, "Netflix's deal" with no name). Of those, only the words the report writes at least ``RECUR`` times, once
inside a sentence, and never in lower case are kept (a name: "Netflix", "Trump"; not "President", "The", "Death"),
so a lead that opens with a common noun ("Relatives search...", "Firefighters battled...") has no actor and says
nothing.
"""

from __future__ import annotations

import re
from itertools import islice

__all__ = ["actors", "lead_sentence", "past_dateline"]

# A line that reads as prose has at least this many lower-case words ("[Source: Reuters]", "DHAKA" and a byline
# do not).
PROSE_WORDS = 4
# The capitalised run an actor is read from is at most this many words long ("American President Donald Trump").
RUN_WORDS = 6
# A name is an actor when the report writes it this many times: one it names once or twice ("a Muslim woman", "the
# Director of the film") is not who the report is about. On ECB+ same-event pairs of a topic clash 3.3% against 6.5%
# of different-event pairs with 3, 8.7% against 13.6% with 1.
RECUR = 3
# An opening clause ends at its first comma within this many characters; past it, the lead has no simple opening.
CLAUSE_CHARS = 160

_LOWER = re.compile(r"\b[a-z][a-z'’-]*\b")
_BYLINE = re.compile(r"^by\s", re.IGNORECASE)
# A dateline: capitalised words, numbers and a bracketed note ("Dhaka [Bangladesh], November 17"), then an agency in
# brackets ("(AP)") or a dash or colon.
_DATELINE = re.compile(
    r"^(?:(?:[A-Z][\w.’']*|\d{1,4}|\[[^\]]*\])[\s,]*){1,6}"
    r"(?:\([^()]{2,12}\)\s*(?:[:—–]|--|-)?|[:—–]|--|\s-\s)\s*"
)
# Words that open a clause or a phrase before the lead's subject ("On Sunday, ...", "As ..., ...").
_OPENERS = frozenset(
    "after against amid as at before despite during following for from if in late early last on since "
    "this though under until when while with without according".split()
)
# Words that open a subject without being part of a name.
_ARTICLES = frozenset("the a an".split())
# A name is written with its capital inside sentences too (after a word, not a full stop): a capitalised opener
# that never is ("Multiple fires...", "It has been...", "THE DEATH toll...") is not one.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9\"”)’])[.!?](?=\s|$)")
_WORD = re.compile(r"\S+")
_NAME = re.compile(r"^[A-Z][\w’'.&-]*$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def lead_sentence(text: str) -> str:
    """The first sentence of the first line of ``text`` that reads as prose (bylines and datelines left out)."""
    for line in text.splitlines():
        line = line.strip()
        if len(list(islice(_LOWER.finditer(line), PROSE_WORDS))) < PROSE_WORDS or _BYLINE.match(line):
            continue
        end = _SENTENCE_END.search(line)
        return line[: end.start()] if end else line
    return ""


def past_dateline(sentence: str) -> str:
    """``sentence`` past its dateline ("WASHINGTON (AP) -", "Dhaka, Nov 18 (IANS)", "HONG KONG:"), if any."""
    return _DATELINE.sub("", sentence, count=1)


def _subject_start(sentence: str) -> str:
    """``sentence`` from its subject on: past a dateline and an opening clause."""
    sentence = past_dateline(sentence)
    first = sentence.split(maxsplit=1)[0].casefold() if sentence.strip() else ""
    if first in _OPENERS:
        comma = sentence.find(",", 0, CLAUSE_CHARS)
        return sentence[comma + 1 :].lstrip() if comma >= 0 else ""
    return sentence


def actors(text: str) -> frozenset[str]:
    """The names the lead of ``text`` opens with (its acting subject), as written; empty when it opens with none."""
    words: list[str] = []
    for i, token in enumerate(_WORD.findall(_subject_start(lead_sentence(text)))[:RUN_WORDS]):
        if i == 0 and token.casefold() in _ARTICLES:
            continue
        word = _POSSESSIVE.sub("", token.rstrip(",;:"))
        if not _NAME.match(word):
            break
        if word != token.rstrip(",;:"):
            words = []  # a possessive names the owner, not the actor: "Bangladesh's Awami League"
            continue
        words.append(word.rstrip("."))
        if token.endswith((",", ";", ":")):
            break  # a comma closes the name ("Paramount, the rival")
    if not words:
        return frozenset()
    return frozenset(w for w in words if len(w) > 1 and _is_name(w, text))


def _is_name(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` at least ``RECUR`` times, once inside a sentence, and never in lower case."""
    # Each match of the first pattern is one of the word's occurrences, none overlapping, so never more of them
    # than ``str.count`` finds: a word written fewer times is no name, with no pattern made for it (three in five
    # of the words asked, each pattern compiled anew as the words change).
    if text.count(word) < RECUR:
        return False
    escaped = re.escape(word)
    return (
        len(re.findall(rf"\b{escaped}\b", text)) >= RECUR
        and re.search(rf"(?<=[a-z0-9,;’')] ){escaped}(?!\w)", text) is not None
        and (not word[:1].isalpha() or re.search(rf"\b{re.escape(word.casefold())}\b", text) is None)
    )
