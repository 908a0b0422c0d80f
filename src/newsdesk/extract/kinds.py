"""Names typed by the common noun written with them: "the Donetsk and Luhansk regions", "leaders such as Xi Jinping".

spaCy's small model leaves unfamiliar names untagged, or tags them as the wrong kind, where the sentence itself
says what they are. Two shapes of sentence are read from the parse:

- names modifying a noun of places are places: "the Kherson region", "the Marvosk, Dalen and Ilvar regions"
  (every name of the coordination, whatever the model called it);
- names given as examples of a class (Hearst's patterns) are of that class: "world leaders, including Ardania's
  Tovan Keshi", "cities such as Marvosk and Dalen", "companies like Brindle".

A name so typed is then the same thing wherever the article writes it again untagged ("they would give up
Marvosk"), as an article does not switch what one name means.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsdesk.extract import entities, tokens
from newsdesk.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "BODY_EVENT_HEADS",
    "BODY_HEADS",
    "CLASS_NOUNS",
    "EVENT_HEADS",
    "PLACE_NOUNS",
    "WORK",
    "capitalised",
    "conjuncts",
    "names_a_person",
    "singular",
    "type_names",
]

# Nouns naming a kind of place, which a proper noun modifying them names ("the Marvosk region"). Words that
# often head other compounds are left out: "state" ("a Trump state visit"), "area", "border", "capital".
PLACE_NOUNS = {
    **dict.fromkeys(
        "region province oblast county district city town village municipality prefecture governorate canton".split(),
        "GPE",
    ),
    **dict.fromkeys("river valley peninsula island strait desert".split(), "LOC"),
}
# The kind of a work's title: no mention is kept of it.
WORK = "WORK"
# Class nouns whose examples are named after "including", "such as", "like", "especially" or "notably".
CLASS_NOUNS = {
    **dict.fromkeys(
        "leader official minister president premier diplomat senator lawmaker politician candidate envoy ambassador "
        "negotiator adviser advisor executive player athlete actor actress singer author writer journalist reporter "
        "lawyer judge billionaire spokesman spokeswoman spokesperson secretary governor mayor chairman chairwoman "
        "director commissioner officer manager founder photographer photojournalist cameraman camerawoman "
        "correspondent".split(),
        "PERSON",
    ),
    **dict.fromkeys("country nation city region province town".split(), "GPE"),
    **dict.fromkeys(
        "company firm bank organisation organization group campaign party agency outlet newspaper broadcaster network "
        "university charity union club team retailer airline manufacturer insurer lender fintech startup "
        "start-up".split(),
        "ORG",
    ),
    # Works: "franchises like Harry Potter", "titles such as Squid Game" name no person, body or place (the
    # mention stage drops them).
    **dict.fromkeys("franchise film movie show title book novel song album classic favorite favourite".split(), WORK),
}
# Last words that make a name an organisation whatever the model called it ("Greywater Terminals" read as a
# person, "the Harbour Gazette" as a place): newspapers, broadcasters, firms and public bodies. Words that also
# end place names are left out ("West Bank", "Soviet Union").
BODY_HEADS = frozenset(
    "gazette ledger times post herald courier tribune journal chronicle telegraph observer press agency radio "
    "television network terminals holdings group company corporation corp inc ltd llc plc airlines airways "
    "partners foundation institute university college association committee commission council ministry".split()
)
# Last words that make a name an event, a stage of one or a law ("the Super Fours", "the Clean Rivers Act"): none is a
# person, a body or a place, whatever the model called it, and no mention is kept of it (as of what the model itself
# tags an event or a law). "League" and "Games" are left out: they also end bodies ("Awami League", "Epic Games"); so
# is "Office", which ends bodies far more often than rooms. "Cup" was left out once because dropping "the Asia Cup"
# split two claims of one fact; it is in since the claims stage no longer does (decisions 0026 and 0094, revised
# 2026-12-07). A festival is also the body that holds it (:data:`BODY_EVENT_HEADS`).
EVENT_HEADS = frozenset(
    "trophy championship championships olympics paralympics tournament fours sixes eights prix laws act cup "
    "honors honours awards festival marathon summit".split()
)
# Event heads that also end the name of the body holding the event, which acts and speaks ("the Cannes Film Festival
# said it would ban ..."): a name ending so that the model tags an organisation stays one; a place or a person so
# named is the event, no mention (decision 0094, revised 2026-12-08).
BODY_EVENT_HEADS = frozenset({"festival"})
_EXAMPLE_PREPS = {"including", "like", "especially", "notably"}
# The model's own kinds that a class noun may correct; a nationality or a language ("the English county
# championship", "the Tatar region") is left as it is. FAC is kept as a place by the mention stage.
_RETYPABLE = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_PLACES = {"GPE", "LOC", "FAC"}
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*")
_PHRASE = {"NOUN", "PROPN", "ADJ", "NUM"}
# Words joined to a name's last word inside one name: "Tovan Keshi", "(Great Lakes) region".
_NAME_DEPS = {"compound", "nmod", "amod"}


def singular(word: str) -> str:
    # The lemmatizer is not loaded (see newsdesk.nlp); English plurals of the nouns above are regular.
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def names_a_person(word: str) -> bool:
    """Whether ``word`` is a noun for a kind of person ("minister", "leaders", "spokeswoman")."""
    return CLASS_NOUNS.get(singular(word.lower())) == "PERSON"


_COORDINATED = frozenset({"conj"})


def conjuncts(token: Token, deps: frozenset[str] = _COORDINATED) -> list[Token]:
    """``token`` and every word coordinated with it ("Marvosk, Dalen and Ilvar"), or joined to it by any of
    ``deps`` in turn."""
    out = [token]
    for child in token.children:
        if child.dep_ in deps:
            out.extend(conjuncts(child, deps))
    return out


def _name(token: Token) -> tuple[int, int] | None:
    """Character span of the proper name ending on ``token``: its capitalised words before it, titles left out.

    None when the name's bounds are unclear (a capitalised word just before it that the parse did not join to
    it) or when the model took it for something other than a person, organisation or place.
    """
    if not capitalised(token):
        return None
    first = token
    for child in reversed(list(token.lefts)):
        if child.i != first.i - 1 or child.dep_ not in _NAME_DEPS or not capitalised(child):
            break
        first = child
    while first.i < token.i and entities.is_title(first.text):
        first = first.doc[first.i + 1]
    before = first.doc[first.i - 1] if first.i > 0 else None
    if before is not None and capitalised(before) and not entities.is_title(before.text):
        return None
    # The character before the name, read off the word before it (doc.text would join the whole text again).
    joint = (before.whitespace_ or before.text[-1:]) if before is not None else ""
    if joint and not joint.isspace() and joint not in "(“\"'‘":
        return None  # "Asia-Pacific": the name starts before the word the parse joined
    words = first.doc[first.i : token.i + 1]
    if any(t.ent_type_ and t.ent_type_ not in _RETYPABLE for t in words):
        return None
    return first.idx, token.idx + len(token)


def _organisation(word: Token, noun: str) -> bool:
    """True when a name before a place noun is a body the places belong to: "NFL cities", "a House district"."""
    if word.ent_type_ != "ORG":
        return False
    # Districts are drawn for the bodies elected or run in them (House, Senate, school); acronyms are bodies.
    return noun == "district" or word.text.isupper()


def capitalised(token: Token) -> bool:
    """Whether ``token`` is a word of a proper name: a proper noun written with a capital."""
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _examples(noun: Token) -> list[Token]:
    """Words given as examples of ``noun``: "leaders, including X and Y", "cities such as X"."""
    out: list[Token] = []
    for prep in noun.rights:
        word = prep.lower_
        such_as = word == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"
        if prep.dep_ != "prep" or not (word in _EXAMPLE_PREPS or such_as):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                listed = conjuncts(obj)
                listed += _listed_after(max(listed, key=lambda w: w.i))
                # A name followed by a noun modifies it ("Wisconsin billionaire Dana Holt"): it is no example.
                out.extend(w for w in listed if w.i + 1 == len(w.doc) or w.nbor().pos_ not in _PHRASE)
    return out


def _titles_going_on(listed: list[Token]) -> list[Token]:
    """The words a list of works' titles goes on to through a title written with "of" ("franchises like Harry
    Potter, Game of Thrones and Batman", where the parse hangs "Thrones" on "of" and "Batman" on "Thrones"): each
    capitalised object of such an "of" and the words coordinated with it."""
    out: list[Token] = []
    for word in listed:
        for prep in word.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out.extend(
                    w for obj in prep.children if obj.dep_ == "pobj" and capitalised(obj) for w in conjuncts(obj)
                )
    return out


def _listed_after(last: Token) -> list[Token]:
    """The last words of the names that go on a list after ``last`` where the parse lost them: "titles like
    Stranger Things, Kelp Quest and Squid Game" parsed with the list cut after its first name. Read from the
    words themselves: commas, then "and" or "or" before the last name, each name a run of capitalised words;
    nothing unless the list ends so."""
    doc = last.doc
    out: list[Token] = []
    at = last.i + 1
    while at < len(doc):
        gap = at
        if doc[gap].text == ",":
            gap += 1
        closing = gap < len(doc) and doc[gap].lower_ in {"and", "or"}
        gap += closing
        end = gap
        while end < len(doc) and capitalised(doc[end]):
            end += 1
        if gap == at or end == gap:
            return []
        out.append(doc[end - 1])
        if closing:
            return out
        at = end
    return []


_NOUN = frozenset({"NOUN"})
_PROPER = frozenset({"PROPN"})


def _typed(doc: Doc) -> dict[tuple[int, int], str]:
    """Spans of names and the kind their noun gives them."""
    out: dict[tuple[int, int], str] = {}
    persons: list[int] = []  # the positions of the nouns for a kind of person (the third rule's nouns, and more)
    for noun in tokens.where(doc, pos=_NOUN):
        if noun.pos_ != "NOUN" or not noun.is_lower:
            continue
        if names_a_person(noun.text):
            persons.append(noun.i)
        key = singular(noun.lower_)
        if key in PLACE_NOUNS:
            for child in noun.lefts:
                if child.dep_ in {"compound", "nmod"}:
                    for word in conjuncts(child):
                        span = _name(word)
                        if span and not _organisation(word, key):
                            out[span] = PLACE_NOUNS[key]
        if key in CLASS_NOUNS:
            examples = _examples(noun)
            if CLASS_NOUNS[key] == WORK:
                examples += _titles_going_on(examples)
            for word in examples:
                span = _name(word)
                if span:
                    out[span] = CLASS_NOUNS[key]
    for word in tokens.where(doc, pos=_PROPER):
        # "Brazil's Tourism Minister, Celso Sabino, said": a name set beside an office or a person's noun, between
        # commas, is that person's, tagged by the model or not.
        head, doc = word.head, word.doc
        if word.dep_ != "appos" or head.i + 2 > word.i or not names_a_person(head.text):
            continue
        closed = word.i + 1 == len(doc) or doc[word.i + 1].text in {",", "."}
        span = _name(word) if closed and doc[head.i + 1].text == "," else None
        if span and span[0] == doc[head.i + 2].idx:
            out[span] = "PERSON"
    _titled_by_a_noun(doc, _after(doc, persons), out)
    return out


def _after(doc: Doc, nouns: list[int]) -> list[Token]:
    """The proper nouns of the runs of them that start right after one of ``nouns`` (positions), in text order: the
    only words :func:`_titled_by_a_noun` types a name by. A name it types is a run of proper nouns (``_name``: every
    word capitalised) right after the noun, which is none; asking the other proper nouns finds nothing."""
    proper = set(tokens.indexes(doc, pos=_PROPER))
    after: set[int] = set()
    for at in nouns:
        at += 1
        while at in proper:
            after.add(at)
            at += 1
    return [doc[i] for i in sorted(after)]


def _titled_by_a_noun(doc: Doc, words: Iterable[Token], out: dict[tuple[int, int], str]) -> None:
    """Type a person the name ending on each of ``words`` that is written right after a person's noun, as a title
    is: "Gazette photographer Ilse Varga said", "opposition spokesman Karel Dunn"."""
    for word in words:
        if word.dep_ == "compound" and word.head.i > word.i:
            continue  # not the name's last word
        span = _name(word)
        first = doc.char_span(*span) if span else None
        if span is None or first is None or first.start == 0:
            continue
        noun = doc[first.start - 1]
        if noun.pos_ == "NOUN" and noun.tag_ == "NN" and noun.is_lower and names_a_person(noun.text):
            out[span] = "PERSON"


def _place(found: dict[tuple[int, int], Mention], span: tuple[int, int], kind: str, text: str) -> list[str]:
    """Write the name at ``span`` as ``kind``, and return the names written (none when the model's crosses it).

    A name the model found inside the span keeps its bounds and takes the kind ("Keshi" of "Tovan Keshi"):
    the model's narrower reading is kept over the parse's wider one.
    """
    start, end = span
    inside = [k for k in found if k[0] < end and start < k[1]]
    if any(k[0] < start or k[1] > end for k in inside):
        return []
    if not inside:
        found[span] = Mention(text=text[start:end], start=start, end=end, type=kind)
        return [text[start:end]]
    for k in inside:
        m = found[k]
        if kind in _PLACES and m.type in _PLACES:
            continue  # a town the model called a region is still a place: its own kind is kept
        found[k] = Mention(text=m.text, start=m.start, end=m.end, type=kind, role=m.role if kind == "PERSON" else None)
    return [found[k].text for k in inside]


def type_names(doc: Doc, found: dict[tuple[int, int], Mention], text: str | None = None) -> None:
    """Add or retype, in ``found`` (mentions by character span), the names whose noun says what they are.
    ``text`` is ``doc.text`` when the caller has it (a Doc joins its tokens again each time it is asked)."""
    typed = _typed(doc)
    text = doc.text if text is None else text
    _split_lists(text, found, typed)
    names = {name: kind for span, kind in typed.items() for name in _place(found, span, kind, text)}
    if not names:
        return
    for key, m in list(found.items()):
        # The model's other readings of the name in this article take its kind too ("give up Marvosk").
        if m.text in names and m.type != names[m.text] and m.type in _RETYPABLE:
            found[key] = Mention(text=m.text, start=m.start, end=m.end, type=names[m.text])
    covered = {i for s, e in found for i in range(s, e)}
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(n)}(?![\w-])" for n in sorted(names, key=len, reverse=True)))
    for match in pattern.finditer(text):
        start, end = match.span()
        span = doc.char_span(start, end)
        if span is None or covered & set(range(start, end)) or _longer(span.doc, span.start, span.end):
            continue
        found[(start, end)] = Mention(text=match.group(), start=start, end=end, type=names[match.group()])


def _split_lists(text: str, found: dict[tuple[int, int], Mention], typed: dict[tuple[int, int], str]) -> None:
    """Drop the model's mentions that run listed names together ("Dalen, Ilvar"), so each name stands alone."""
    for start, end in list(found):
        parts = sorted(k for k in typed if start <= k[0] and k[1] <= end)
        if len(parts) < 2 or parts[0][0] != start or parts[-1][1] != end:
            continue
        gaps = [text[a[1] : b[0]] for a, b in itertools.pairwise(parts)]
        if all(_LIST_GAP.fullmatch(g) for g in gaps):
            del found[(start, end)]


def _longer(doc: Doc, start: int, end: int) -> bool:
    """True when tokens ``[start, end)`` are part of a longer capitalised name ("Marvosk People's Front")."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return any(t is not None and capitalised(t) for t in (before, after))
