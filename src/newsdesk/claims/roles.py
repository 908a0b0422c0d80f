"""Who acts in a claim's sentence, read from its words (no parse).

Two sentences that share a story's words may tell what two actors did: "Northwind agreed to buy Contoso's film
studios and streaming service ..." and "Fabrikam said it would offer $30 a share for Contoso, whose film studios and
streaming service ...". News writing names the actor of its main clause first, just before the verb. :func:`agent`
reads that name ("Northwind" in "On Friday, Northwind agreed to ..."; "Ruiz" in "League team manager Ana Ruiz had
filed ..."), or None where the sentence opens otherwise (a quote, whose speaker comes after it; a common noun: "the
court", "police", "the club's board"; a verb the word lists do not know, further than ``_SUBJECT`` words in). Two
claims whose agents differ, neither named anywhere in the other's sentence, tell what two actors did
(:func:`other_agents`): claim matching (:mod:`newsdesk.claims.match`) keeps them apart. A passive ("X was sentenced
by Y" against "Y sentenced X") names both actors in both sentences, and stays one claim; so does a name written two
ways ("Maria Lopez" and "Maria Lopez Garcia"), whose last word one of the sentences writes.

Read from the text alone and remembered by it (copies repeat sentences).
"""

from __future__ import annotations

import difflib
import functools
import re

from newsdesk import countries
from newsdesk.claims.extract import name_key
from newsdesk.dates import MONTHS, WEEKDAYS

__all__ = ["agent", "one_actor", "other_agents"]

_QUOTES = frozenset("“\"‘'")
_PUNCTUATION = "“”\"‘’'()[]{},;:!?"
_NAME = re.compile(r"[^\W\d_][\w'’.-]*")
# Words that open an adverbial before the main clause ("On Friday, ...", "After the verdict was announced, ...").
_OPENERS = frozenset(
    "on in at after before during since as while with amid following despite other according earlier later last "
    "this today yesterday when by for from under until about over among unlike like".split()
)
# Words that end a subject: auxiliaries, common irregular verbs of news and adverbs that stand before a verb.
_VERBS = frozenset(
    "is was were are has had have will would could can may might must should said says say told tells did does do "
    "made makes struck won beat took takes gave gives went goes got gets became becomes remain remains remained "
    "began begins sent led leads set put met left ran came comes saw sees knew wants plans hit hits cut cuts paid "
    "pays sold sells bought buys fell falls rose rises owns holds held faces also now then still already never not "
    "again".split()
)
# Capitalised words that are no actor: days and months ("The court on Tuesday rejected ...").
_TIMES = frozenset((*WEEKDAYS, *MONTHS, "today", "yesterday"))
_AT = frozenset({"on", "last", "this", "early", "late"})
_BE = frozenset("is was were are be been being".split())
# Participles not in "-ed", "-en" or "-wn" that make a passive after a form of "be".
_PARTICIPLES = frozenset(
    "held hit sent set put made told left led sold bought paid cut struck won beat shot caught found brought kept "
    "met hurt built sought taught spent lost run read".split()
)
# Words before a name that make it part of a subject rather than the subject ("the attack on Kyiv").
_PREPOSITIONS = frozenset(
    "on in of at by for from with against to into near over across outside inside about between".split()
)
_SUBJECT = 14  # a verb further than this many words in is not read: the subject is not known
_READ = 400  # characters of a sentence an opener and a subject are read from (30 words at most are looked at)


def _verb(word: str) -> bool:
    """Whether a word ends a subject: an auxiliary or a verb of the list, or a word in "-ed" of five letters or
    more, written in lower case ("agreed", "sentenced"; a participle before its noun ends it too, and the subject
    is then not a name: no agent, no rule)."""
    if not word[:1].islower():
        return False
    low = word.lower()
    return low in _VERBS or (len(low) > 4 and low.endswith("ed"))


@functools.lru_cache(maxsize=65536)
def _opening(text: str) -> tuple[str, ...]:
    """The capitalised words that end a sentence's subject, just before its verb (empty: none, or not known).

    Read from the sentence's words as whitespace splits its first ``_READ`` characters (30 words at most are looked
    at; a word the cut ends in is left out), each with the punctuation around it set aside: a comma after a word
    ends an opening adverbial or an appositive."""
    words = text[:_READ].split()
    if len(text) > _READ:
        words = words[:-1]
    if not words or words[0][:1] in _QUOTES:
        return ()  # a quote: its speaker comes after it
    if words[0].strip(_PUNCTUATION).lower() in _OPENERS:
        for k, word in enumerate(words[:15]):
            if word.endswith(","):
                words = words[k + 1 :]
                break
    subject: list[str] = []
    for k, word in enumerate(words[:_SUBJECT]):
        core = word.strip(_PUNCTUATION)
        if core and _verb(core):
            low = core.lower()
            after = words[k + 1].strip(_PUNCTUATION).lower() if k + 1 < len(words) else ""
            if low in _BE and (after.endswith(("ed", "en", "wn")) or after in _PARTICIPLES):
                return ()  # a passive: its subject is acted on ("X was sentenced", the court unnamed)
            break
        subject.append(word)
    else:
        return ()
    for k, word in enumerate(subject):
        if word.endswith(","):
            subject = subject[: k + 1]  # "Ana Ruiz, the chief executive of ..., said"
            break
    cores = [w.strip(_PUNCTUATION) for w in subject]
    # A time is no actor, nor the word that sets it ("The club on Tuesday rejected ...").
    timed = {k for k, w in enumerate(cores) if w.lower() in _TIMES}
    timed |= {k - 1 for k in timed if k and cores[k - 1].lower() in _AT}
    run: list[str] = []
    for k in reversed(range(len(cores))):
        if k in timed:
            continue
        if not cores[k][:1].isupper():
            if cores[k].lower() in _PREPOSITIONS:
                return ()  # a name inside the subject ("the attack on Kyiv", "officials in Kyiv"): not who acts
            break
        run.insert(0, cores[k])
    return tuple(run)


@functools.lru_cache(maxsize=65536)
def _actor(text: str, named: frozenset[str]) -> tuple[str, str] | None:
    """The name that acts in ``text``'s main clause as its last word and as written in full from its first word
    that makes a term ("Ruiz", "Ana Ruiz"; "Council", "International Cricket Council"), or None."""
    run = _opening(text)
    for k in range(len(run)):
        if f"#{name_key(' '.join(run[k:]))}" in named:
            return run[-1], " ".join(run[k + (run[k] == "The") :])  # ("The ICC": "ICC")
    return None


def agent(text: str, named: frozenset[str]) -> str | None:
    """The name that acts in ``text``'s main clause (its last word: "Ruiz" of "Ana Ruiz"), or None; ``named``
    are the claim's terms, where the name must be one (``#`` and its key: "The" opening a sentence is no name)."""
    found = _actor(text, named)
    return found[0] if found else None


@functools.lru_cache(maxsize=65536)
def _written(word: str, text: str) -> bool:
    """Whether ``word`` is one of ``text``'s words as written (an agent is looked for among them). Remembered as
    an answer, not as the sentence's set of words: a cache of those sets grew to about 190 MB when full."""
    return word in text and word in _NAME.findall(text)


def other_agents(a: str, a_terms: frozenset[str], b: str, b_terms: frozenset[str]) -> bool:
    """Whether two claims' sentences (``a``, ``b`` with their terms) name two different actors as their agents,
    neither written in the other sentence: "Northwind agreed to buy ..." and "Fabrikam said it would offer ..."."""
    first = _actor(a, a_terms)
    if first is None:
        return False
    second = _actor(b, b_terms)
    if second is None or one_actor(first, second):
        return False
    return not _written(first[0], b) and not _written(second[0], a)


@functools.lru_cache(maxsize=65536)
def one_actor(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two agents (each its last word and its name in full) are one actor named two ways: one last word
    ("Lopez" of "Maria Lopez" and "Ana Lopez"), a body and its acronym ("ICC", "International Cricket Council";
    "US", "United States"), a country and its capital ("China", "Beijing"), or one name in two spellings
    (:func:`_spelled_alike`). Two countries are never one name spelt two ways ("Iran", "Iraq")."""
    here, there = countries.country(a[1]), countries.country(b[1])
    if here is not None and there is not None:
        return here == there  # before the last word: "North Korea" and "South Korea" are two
    if a[0] == b[0] or _plain(a[1]) == _plain(b[1]):
        return True
    if _acronym_of(a[1], b[1]) or _acronym_of(b[1], a[1]):
        return True
    return _spelled_alike(a[0], b[0])


def _plain(name: str) -> str:
    """A name as written, case, dots and "the" left out ("U.S." and "US")."""
    return " ".join(w for w in name.replace(".", "").casefold().split() if w != "the")


# Last words of a body's or a state's name: a name of two words ending otherwise may be a person's ("Ana Perez"), whose
# initials ("AP") are no acronym of it.
_BODIES = frozenset(
    "nations union states kingdom council party bank court fund front army force forces office ministry agency "
    "committee commission league federation association organisation organization service services police "
    "authority board group corporation company times post news press network assembly parliament congress "
    "senate government republic emirates".split()
)


def _acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` is one word in capitals ("ICC", "U.S.") that ``name``'s initials spell ("International
    Cricket Council", "United States"); two letters spell only a body's or a state's two words ("UN", "United
    Nations"), never a person's ("AP", "Ana Perez")."""
    letters = short.replace(".", "")
    if " " in short or len(letters) < 2 or not letters.isupper() or name_key(name) != letters.casefold():
        return False
    return len(letters) > 2 or name.rsplit(None, 1)[-1].casefold() in _BODIES


SPELLED_ALIKE = 0.7  # two agents whose letters match this much (difflib's ratio) may be one name spelled two ways


@functools.lru_cache(maxsize=65536)
def _spelled_alike(a: str, b: str) -> bool:
    """Whether two agents may be one name in two spellings ("Yermak" and "Jermak", "Zelensky" and "Zelenskyy"): a
    story's outlets transliterate a name each their own way, and two reports of one act must not be told apart by
    that. Generous on purpose: a pair left joined costs a precision the rule was adding, a pair split wrongly costs
    the claim its corroboration."""
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= SPELLED_ALIKE
