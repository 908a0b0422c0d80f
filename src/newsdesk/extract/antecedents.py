"""Who a pronoun or a definite description refers to: the nearest compatible antecedent in the parse.

The search walks back from the reference, sentence by sentence (its own sentence first, up to the words before
it), and within a sentence ranks the people written there by their role: the subject of the sentence's main
verb or of a speech verb first (the one who acts or speaks), then any other subject, then everyone else, the
nearest first. "Mr Varga announced that Ms Holt had resigned. He said ..." gives Varga, the subject of the
sentence before, not Holt, the last person named.

A candidate must fit the reference: a person for "he" and "she" (never a place, a body or a document), of the
pronoun's gender where the article says it (Mr and Ms, "a woman", "spokeswoman"). A name is a person when the
mention stage typed it so, when a title is written with it ("President Trump") or when the model tagged it a
person and it speaks ("Varga said"). An indefinite description that acts ("A port manager, who asked not to be
named, said ...") is itself the antecedent (an unnamed source); a definite one ("the president said") renames
someone, and is resolved in turn, by the role the article gives a name, else by its own antecedent.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.extract import entities, kinds, speakers
from newsdesk.records import Mention, SpeakerKind, lead_prefix

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Antecedent", "Resolver", "gender_of_pronoun"]

_SENTENCES_BACK = 6
_SUBJECTS = {"nsubj", "nsubjpass"}
# What the model took for no person: a pronoun "she" does not refer to it.
_NOT_PEOPLE = {"GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "DATE", "TIME", "MONEY"}
_MALE_PRONOUNS = {"he", "him", "his", "himself"}
_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
_MALE_TITLE = re.compile(r"\b(?:Mr|Mister|Sir|Lord|King|Prince|Father|Brother)\.?\s+$")
_FEMALE_TITLE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|Madame|Dame|Lady|Queen|Princess|Sister)\.?\s+$")
_MALE_NOUNS = frozenset(
    "man men boy father son brother husband uncle nephew grandfather spokesman chairman businessman congressman "
    "councilman king prince actor waiter".split()
)
_FEMALE_NOUNS = frozenset(
    "woman women girl mother daughter sister wife aunt niece grandmother spokeswoman chairwoman businesswoman "
    "congresswoman councilwoman queen princess actress waitress".split()
)
# Nouns for one person that may stand for a named one, beside the class nouns of :mod:`kinds`.
_PERSON_NOUNS = frozenset(
    "woman man aide chief ceo head boss owner resident witness victim survivor relative friend father "
    "mother son daughter brother sister husband wife presenter host anchor coach captain deputy assistant "
    "colleague admiral colonel commander sergeant lieutenant".split()
)
_INDEFINITE = {"a", "an", "another", "one"}


def gender_of_pronoun(word: str) -> str | None:
    """ "m" for he/him/his, "f" for she/her, else None."""
    low = word.lower()
    return "m" if low in _MALE_PRONOUNS else "f" if low in _FEMALE_PRONOUNS else None


# Verbs by which a name is given to a person described first: "a resident surnamed Yuen", "a man named Orvin".
NAMING_VERBS = frozenset({"surnamed", "named", "called"})


def surnamed(noun: Token) -> Token | None:
    """The name a description gives right after its noun: "a resident surnamed Yuen", "a man named Orvin" (the
    name's last word)."""
    for verb in noun.rights:
        if verb.dep_ == "acl" and verb.i == noun.i + 1 and verb.lower_ in NAMING_VERBS:
            return next((c for c in verb.rights if c.dep_ in {"dobj", "oprd", "attr"} and c.pos_ == "PROPN"), None)
    return None


def _introduced_as_another(name: Token, noun: Token) -> bool:
    """Whether the person named by ``name`` was written as another kind of person than ``noun`` says ("a resident
    surnamed Yuen", "the harbour master, Ilse Varga"): then "the fire service director" is somebody else."""
    described = []
    if name.dep_ == "appos" and name.head.pos_ == "NOUN":
        described.append(name.head)
    given = surnamed(name.head.head) if name.dep_ in {"dobj", "oprd", "attr"} and name.head.dep_ == "acl" else None
    if given is not None and given.i == name.i:  # (spaCy makes a new Token each time: compared by position)
        described.append(name.head.head)
    described += [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    word = kinds.singular(noun.lower_)
    return any(names_a_person(d) and kinds.singular(d.lower_) != word for d in described)


def names_a_person(noun: Token) -> bool:
    """Whether a common noun stands for one person ("the president", "a woman", "the CEO")."""
    return kinds.names_a_person(noun.text) or noun.lower_ in _PERSON_NOUNS or noun.lower_ in _MALE_NOUNS | _FEMALE_NOUNS


def _noun_gender(words: set[str]) -> str | None:
    """The gender nouns of a person give ("chairman", "actress"), if any."""
    if words & _MALE_NOUNS:
        return "m"
    if words & _FEMALE_NOUNS:
        return "f"
    return None


def _doer(noun: Token) -> Token | None:
    """The subject of the verb ``noun`` is the object of, directly or by its preposition ("praised the mayor",
    "spoke with the mayor"): someone other than the one the noun describes. None for a copula's complement ("is
    the mayor"), which is the subject."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ not in {"dobj", "dative"}:
        return None
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A person a reference points to: a name (``named``) or an unnamed source's description, with its span."""

    name: str
    start: int
    end: int
    named: bool
    head: int  # token index of the antecedent's head word


class Resolver:
    """Antecedents in one parsed article. ``in_quote`` says whether a character is inside quotation marks (words
    quoted are the speaker's, never the writer's naming of someone); ``outlet`` whether a token names a news
    outlet ("the Telegraph reported")."""

    def __init__(
        self,
        doc: Doc,
        mentions: tuple[Mention, ...],
        in_quote: Callable[[int], bool],
        outlet: Callable[[Token], bool],
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # the caller's, when it has it: doc.text joins every token
        self.in_quote = in_quote
        self.outlet = outlet
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._ends = [m.end for m in self.mentions]
        self._starts = [m.start for m in self.mentions]
        self._roles = [m for m in self.mentions if m.type == "PERSON" and m.role]
        self._role_starts = [m.start for m in self._roles]
        self._sentences = list(doc.sents)
        self._sentence_starts = [s.start for s in self._sentences]
        self._ranked: dict[int, list[tuple[int, int, Token]]] = {}
        self._datelines: dict[int, int] = {}

    # -- lookups -------------------------------------------------------------------------------------------------

    def mention_at(self, token: Token) -> Mention | None:
        """The mention covering ``token``, if any."""
        k = bisect_right(self._starts, token.idx) - 1
        if k >= 0 and self.mentions[k].start <= token.idx < self.mentions[k].end:
            return self.mentions[k]
        return None

    def in_dateline(self, token: Token) -> bool:
        """Whether ``token`` is in the dateline or byline opening its paragraph ("WASHINGTON ― ", "By Ann Roe/AFP –
        ": ``records.lead_prefix``): where and by whom a report was filed, never a person or body it speaks of."""
        opens = self.text.rfind("\n", 0, token.idx) + 1
        if opens not in self._datelines:
            self._datelines[opens] = lead_prefix(self.text[opens : opens + 200], first=not opens)
        return token.idx < opens + self._datelines[opens]

    def name_token(self, mention: Mention) -> Token | None:
        """The last word of ``mention``, which heads a name in the parse."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span[-1] if span is not None and len(span) else None

    def _sentence_index(self, token: Token) -> int:
        return bisect_right(self._sentence_starts, token.i) - 1

    def sentence(self, token: Token) -> Span:
        """``token.sent``, found by bisection among the Doc's sentences: ``Token.sent`` walks the tokens back to
        its sentence's start and on to its end, each time it is asked (the same bounds: both split where
        ``sent_start`` is 1)."""
        return self._sentences[self._sentence_index(token)]

    def titled(self, token: Token) -> bool:
        """A proper noun written after a title that the parse ties to it: "President Trump", "Mr. Varga"."""
        return token.pos_ == "PROPN" and any(
            c.dep_ == "compound" and c.i < token.i and entities.is_title(c.text) for c in token.children
        )

    def gender(self, start: int, head: Token) -> str | None:
        """The gender the article gives the person written at ``start`` (headed by ``head``), where it says one."""
        titled = self._titled_gender(start)
        if titled is not None:
            return titled
        words = {head.lower_} | {c.lower_ for c in head.children if c.dep_ in {"appos", "compound"}}
        mention = self.mention_at(head)
        if mention is not None and mention.role:
            words |= set(mention.role.lower().split())
        if head.dep_ == "appos":
            words.add(head.head.lower_)
        return _noun_gender(words)

    def _titled_gender(self, start: int) -> str | None:
        """The gender of a title written before ``start`` or taken into the mention there ("Ms Holt")."""
        before = self.text[max(0, start - 12) : start]
        first = self.text[start : start + 12].split(" ")[0] + " "
        for title, gender in ((_MALE_TITLE, "m"), (_FEMALE_TITLE, "f")):
            if title.search(before) or title.fullmatch(first):
                return gender
        return None

    # -- candidates ----------------------------------------------------------------------------------------------

    def _person_head(self, token: Token) -> bool:
        """Whether ``token`` heads a reference to one person (a name or a one-person noun) outside quotation marks."""
        if self.in_quote(token.idx) or token.dep_ == "compound":
            return False
        if token.pos_ == "PROPN":
            if self.in_dateline(token):
                return False  # "By Ann Roe/AFP – ...": who filed the report is no one it speaks of
            mention = self.mention_at(token)
            # The last word of the name, or its generation, whose stop the name leaves out ("Donald Trump Jr.").
            end = token.idx + len(token) - (token.lower_ in {"jr.", "sr."})
            if mention is not None and end != mention.end:
                return False  # not the last word of the name
            if mention is not None and mention.type == "PERSON":
                return True
            if self.titled(token):
                return True
            return (
                token.ent_type_ == "PERSON"
                or (token.ent_type_ not in _NOT_PEOPLE and token.dep_ in _SUBJECTS and speakers.is_cue(token.head))
            ) and not self.outlet(token)
        return token.pos_ == "NOUN" and token.tag_ == "NN" and names_a_person(token)

    def _rank(self, token: Token, root: Token) -> int:
        if token.dep_ in _SUBJECTS and (token.head.i == root.i or speakers.is_cue(token.head)):
            return 0
        if token.dep_ in _SUBJECTS:
            return 1
        if token.dep_ == "appos" and token.head.dep_ in _SUBJECTS:
            return 1
        return 2

    def _candidates(self, k: int) -> list[tuple[int, int, Token]]:
        """The person heads of sentence ``k``: (rank, minus position, token), best first."""
        if k not in self._ranked:
            sent = self._sentences[k]
            found = [(self._rank(t, sent.root), -t.i, t) for t in sent if self._person_head(t)]
            self._ranked[k] = sorted(found, key=lambda c: (c[0], c[1]))
        return self._ranked[k]

    # -- resolution ----------------------------------------------------------------------------------------------

    def person(
        self, reference: Token, gender: str | None, depth: int = 0, avoid: Callable[[Antecedent], bool] | None = None
    ) -> Antecedent | None:
        """The person ``reference`` (a pronoun or a definite description) most likely refers to, or None. A named
        person ``avoid`` refuses is passed over for the next candidate (the caller's reason: "the judge said Hasina
        was guilty" is never Hasina speaking)."""
        k = self._sentence_index(reference)
        own = {t.i for t in reference.subtree}
        for back in range(_SENTENCES_BACK):
            if k - back < 0:
                break
            same = self._same_pronoun_before(reference, k - 1) if back == 1 and gender is not None else None
            if same is not None:
                # "She says Trump represents ... She adds, “...”": a subject "she" after a sentence whose subject is
                # "she" goes on with that one; the names in between ("Trump", whose gender the article may never
                # write) are what she spoke of.
                return self.person(same, gender, depth, avoid)
            for _rank, _pos, token in self._candidates(k - back):
                if token.i >= reference.i or token.i in own:
                    continue
                found = self._resolve(token, gender, depth, avoid)
                if found is not None and not (found.named and avoid is not None and avoid(found)):
                    return found
        return None

    def _same_pronoun_before(self, reference: Token, k: int) -> Token | None:
        """The subject of sentence ``k``'s main verb, outside quotation marks, where it is the pronoun ``reference``
        is ("she" after "she") and ``reference`` is the subject of its own sentence's main verb too, or of a cue set
        in it ("He has come up with a model, he said, ..."): the two are one person. A pronoun in a clause ("declined
        to comment on whether he still supported it") may be anyone."""
        if reference.dep_ not in _SUBJECTS or reference.head.dep_ not in {"ROOT", "parataxis"} or k < 0:
            return None
        root = self._sentences[k].root
        return next(
            (
                c
                for c in root.children
                if c.dep_ in _SUBJECTS and c.lower_ == reference.lower_ and not self.in_quote(c.idx)
            ),
            None,
        )

    def _resolve(
        self, token: Token, gender: str | None, depth: int, avoid: Callable[[Antecedent], bool] | None = None
    ) -> Antecedent | None:
        """The antecedent ``token`` stands for, when it fits ``gender``."""
        if (written := self._misread_name(token)) is not None:
            # Only a title or the role tells the gender: the name's own words ("man") are no nouns.
            start, end, role = written
            words = {role.lower_} | {c.lower_ for c in role.children if c.dep_ in {"amod", "compound"}}
            told = self._titled_gender(start) or _noun_gender(words)
            if gender is not None and told not in {None, gender}:
                return None
            return Antecedent(self.text[start:end], start, end, True, token.i)
        if token.pos_ == "PROPN":
            start, end = self.name_span(token)
            if gender is not None and self.gender(start, token) not in {None, gender}:
                return None
            return Antecedent(self.text[start:end], start, end, True, token.i)
        noun_gender = self.gender(token.idx, token)
        if gender is not None and noun_gender not in {None, gender}:
            return None
        determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "nummod"}}
        first, last = speakers.phrase(token)
        span = self.doc[first:last]
        unnamed = Antecedent(span.text, span.start_char, span.end_char, False, token.i)
        if determiners & _INDEFINITE:
            # "met a woman": only an unnamed person who acts is taken up again.
            return unnamed if token.dep_ in _SUBJECTS else None
        if "the" not in determiners and not any(c.dep_ == "poss" for c in token.children):
            return None
        if speakers.kind_of(span.text, token, []) is SpeakerKind.ANONYMOUS:
            return unnamed  # "the source": an unnamed source renamed, never a named person
        if depth > 0:
            return None
        return self.description(token, gender, depth + 1, avoid)

    def _misread_name(self, token: Token) -> tuple[int, int, Token] | None:
        """A subject written as a name and described by a person's role in apposition ("Lau Sin-man, the director
        of ...") whose last words the model read as common nouns ("Sin", "man"): the name's span and the role's
        word. News writing names a person so; a common noun phrase never opens with a capital after a comma."""
        if token.pos_ != "NOUN" or token.dep_ not in _SUBJECTS:
            return None
        role = next((c for c in token.children if c.dep_ == "appos" and names_a_person(c)), None)
        if role is None:
            return None
        first = token
        while first.i > 0 and first.nbor(-1).dep_ in {"compound", "punct"} and first.nbor(-1).head.i == token.i:
            first = first.nbor(-1)
        words = self.doc[first.i : token.i + 1]
        after_hyphen = {t.i + 1 for t in words if t.text == "-"}
        if len(words) < 2 or not all(t.text == "-" or t.text[:1].isupper() or t.i in after_hyphen for t in words):
            return None
        if first.i > 0 and not first.is_sent_start and first.nbor(-1).text not in {",", "\n"}:
            return None
        return words.start_char, words.end_char, role

    def body(self, reference: Token, *, subject: bool = False, besides: Token | None = None) -> Antecedent | None:
        """The organisation or place "it" most likely refers to: a named body or place, or "the company", written
        as the subject of a recent sentence (then, unless ``subject``, any other mention of one), the nearest
        first; never one within the phrase ``besides`` heads."""
        k = self._sentence_index(reference)
        left_out = range(besides.left_edge.i, besides.right_edge.i + 1) if besides is not None else range(0)
        for back in range(_SENTENCES_BACK):
            if k - back < 0:
                break
            sent = self._sentences[k - back]
            found = [
                (self._rank(t, sent.root), -t.i, t)
                for t in sent
                if t.i < reference.i
                and not self.in_quote(t.idx)
                and t.dep_ != "compound"
                and t.i not in left_out
                and self._body_head(t)
                and not self.in_dateline(t)
            ]
            if subject:
                found = [c for c in found if c[2].pos_ == "PROPN"]  # "the company" renames a name, not itself
            best = min(found, key=lambda c: (c[0], c[1])) if found else None
            if best is not None and best[0] < 2:
                return self._body(best[2])
            if subject and any(t.i < reference.i and t.dep_ in _SUBJECTS for t in sent):
                return None  # a sentence about someone or something else: not the body this one renames
            if self._thing_subject(sent, reference):
                # "The initial peace plan ... included recognition of Crimea. It also proposed ...": "it" goes on
                # with the thing the sentence before is about, not a place or body it only names.
                return None
            if best is not None:
                return self._body(best[2])
        return None

    def _body(self, token: Token) -> Antecedent:
        first, last = self.name_span(token) if token.pos_ == "PROPN" else self._phrase_chars(token)
        return Antecedent(self.text[first:last], first, last, token.pos_ == "PROPN", token.i)

    def _thing_subject(self, sent: Span, reference: Token) -> bool:
        """Whether the main verb of ``sent`` has for its subject, before ``reference``, a common noun that is
        neither a body nor a person ("the plan", "the report")."""
        subject = next((c for c in sent.root.children if c.dep_ in _SUBJECTS and c.i < reference.i), None)
        return (
            subject is not None
            and subject.pos_ == "NOUN"
            and not self._body_head(subject)
            and not self._person_head(subject)
            and kinds.CLASS_NOUNS.get(subject.lower_) is None
        )

    def is_organisation(self, token: Token) -> bool:
        """Whether ``token`` ends a name the mention stage typed an organisation."""
        mention = self.mention_at(token)
        return mention is not None and mention.type == "ORG"

    def _body_head(self, token: Token) -> bool:
        if token.pos_ == "PROPN":
            mention = self.mention_at(token)
            return (
                mention is not None
                and mention.type in {"ORG", "GPE"}
                and token.idx + len(token) == mention.end
                and not self.outlet(token)
            )
        return (
            token.pos_ == "NOUN"
            and token.tag_ == "NN"
            and kinds.CLASS_NOUNS.get(token.lower_) == "ORG"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        )

    def _phrase_chars(self, token: Token) -> tuple[int, int]:
        first, last = speakers.phrase(token)
        span = self.doc[first:last]
        return span.start_char, span.end_char

    def description(
        self,
        noun: Token,
        gender: str | None = None,
        depth: int = 1,
        avoid: Callable[[Antecedent], bool] | None = None,
    ) -> Antecedent | None:
        """The named person a definite description stands for ("the president", "the then-presidential
        candidate"): the one the article gave that role, else the description's own antecedent. Nobody ``avoid``
        refuses, nor the subject of the verb whose object the description is ("Ann Holm praised the mayor":
        one does not praise oneself so)."""
        doer = _doer(noun)
        if doer is not None:
            refuse = avoid

            def avoid(found: Antecedent) -> bool:
                return found.start <= doer.idx < found.end or (refuse is not None and refuse(found))

        holder = self.role_holder(noun)
        if holder is not None:
            named = Antecedent(holder.text, holder.start, holder.end, True, noun.i)
            return named if avoid is None or not avoid(named) else None
        found = self.person(noun, gender, depth, avoid)
        if found is None or not found.named:
            return None
        # Where the article writes that person as another kind of person ("a resident surnamed Yuen", then "Yuen
        # told AFP"), "the fire service director" is somebody else.
        last = found.name.split()[-1]
        if any(t.text == last and _introduced_as_another(t, noun) for t in self.doc[: noun.i]):
            return None
        return found

    def role_holder(self, noun: Token) -> Mention | None:
        """The last person named before ``noun`` with a role that ends in the same noun ("President Donald
        Trump" for "the president", "Netflix co-CEO Ted Sarandos" for "the co-CEO")."""
        word = kinds.singular(noun.lower_)
        k = bisect_left(self._role_starts, noun.idx)
        for m in reversed(self._roles[:k]):
            role = [kinds.singular(w) for w in re.findall(r"[\w-]+", (m.role or "").lower())]
            if word in role:
                return m
        return None

    def name_span(self, token: Token) -> tuple[int, int]:
        """The span of the name ending on ``token``: its mention, else its proper nouns without a title ("Trump"
        of "President Trump")."""
        mention = self.mention_at(token)
        if mention is not None:
            return mention.start, mention.end
        first = token
        while first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).dep_ == "compound":
            if entities.is_title(first.nbor(-1).text):
                break
            first = first.nbor(-1)
        return first.idx, token.idx + len(token)
