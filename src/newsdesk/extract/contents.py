"""What a cue attributes: the span of its clause or object in spaCy's parse.

"X said (that) CLAUSE" gives the clause, "X praised OBJECT for REASON" the object with what completes it,
"according to X, CLAUSE" the clause beside it, "CLAUSE, she said, CLAUSE" the whole sentence the cue
interrupts. A span leaves out what belongs to the writer rather than the speaker: a trailing aside (", which
...", ", saying ..."), the scene of the act ("at a rally"), and anything past a paragraph break.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdesk.records import lead_prefix

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "SEEMING_WORDS",
    "according",
    "around",
    "beside",
    "hearsay",
    "in_paragraph",
    "of_cue",
    "of_noun",
    "passive",
    "proposition",
    "seeming",
    "trailing",
]


def in_paragraph(text: str, content: tuple[int, int], cue: int) -> tuple[int, int]:
    """The part of ``content`` on the cue's side of a line break: a parse can run a sentence over a paragraph
    break, but what a cue attributes stays in its paragraph (the next paragraph opens a new quote or statement).
    Nor is the dateline or byline opening the paragraph part of it ("WASHINGTON ― ...", ``records.lead_prefix``):
    where and by whom a report was filed is no one's words."""
    start, end = content
    if cue >= end:
        start = max(start, text.rfind("\n", start, cue) + 1)
    else:
        cut = text.find("\n", min(start, cue), end)
        end = cut if cut >= 0 else end
    if start == 0 or text[start - 1] == "\n":
        start += lead_prefix(text[start:end], first=start == 0)
    if end <= start:
        return start, start  # all of it in another paragraph: "... as backlog begins to clear" over a title
    while end > start and text[end - 1] in " \t,;:-—–\"“'‘«„":
        end -= 1
    while start < end and text[start] in " \t\"“'‘«„":
        start += 1
    return start, end


def around(cue: Token) -> tuple[int, int] | None:
    """The clause a parenthetical cue interrupts: the whole of it, cue included (a span has no holes)."""
    return _clause([t for t in cue.head.subtree if not t.is_space])


def _clause(tokens: list[Token]) -> tuple[int, int] | None:
    """The span of ``tokens`` (a clause's, in order) without the punctuation and the marker ("that") at its
    edges; None for fewer than four words."""
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "mark"):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) < 4:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


# What a cue closing its sentence may govern besides its subject: "..., Hong Kong emergency services reported."
_TRAILING = frozenset({"nsubj", "punct", "aux", "advmod", "npadvmod"})


def trailing(cue: Token) -> tuple[int, int] | None:
    """The clause a cue closing its sentence after a comma reports, when the parse hung the cue on that clause's
    verb as an adverbial clause ("The toll rose to 83 ..., emergency services reported": "reported" an ``advcl`` of
    "rose", not the root with "rose" its complement, as "..., the government said" is parsed): the clause before
    the comma; None unless the cue has a subject of its own and nothing after it but the sentence's stop."""
    head, doc = cue.head, cue.doc
    if cue.dep_ != "advcl" or head.i > cue.i or not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    if any(c.dep_ not in _TRAILING for c in cue.children):
        return None
    first = cue.left_edge.i
    if first == 0 or doc[first - 1].text != ",":
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[cue.i + 1 : head.sent.end]):
        return None
    return _clause([t for t in head.subtree if t.i < first - 1 and not t.is_space])


# Words of a span, heading it, that make a thing named into a proposition about it: "described her AS the
# mastermind", "called the ruling “MALICIOUS”" (an object predicate), "accused the referee OF FAILING".
_PREDICATES = frozenset({"oprd", "acomp", "ccomp", "xcomp", "advcl", "csubj"})
# What a misread possessive "’s" read as a verb has around it: a subject, an adverb, no complement.
_BARE_IS = frozenset({"nsubj", "mark", "advmod", "punct"})


# "as yet", "as well", "as usual": an adverb, not a thing and what it is said to be ("the ruling as unfair").
_AS_IDIOMS = frozenset({"yet", "well", "usual", "ever", "always", "before", "expected", "planned", "scheduled"})


def _as_idiom(token: Token) -> bool:
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.lower_ in _AS_IDIOMS


def proposition(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` (characters) says something: a clause with a verb of its own ("the deal would
    fail", "to remove the referee", "leaving hundreds missing"), a thing and what it is said to be ("Hasina as
    the mastermind", "the ruling “vengeful”") or to have done ("the referee of failing in his duties").

    A bare noun phrase is not: "praised the streaming company", "touted its all-cash offer", "denied the
    accusations" attribute an attitude or an act towards a thing, whatever verbs modify its nouns ("the
    incoming administration", "a deal struck on Friday").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    inside = range(span.start, span.end)
    misread: set[int] = set()  # words the parse made clause heads that are none: what hangs on them may be
    for token in span:
        top = token.head.i not in inside or token.head.i == token.i or token.head.i in misread
        if token.lower_ in {"'s", "’s"} and all(c.dep_ in _BARE_IS for c in token.children):
            continue  # "the streaming giant’s already", cut from "the giant’s already dominant position"
        if token.pos_ in {"VERB", "AUX"} and token.i > 0 and token.doc[token.i - 1].tag_ == "POS":
            misread.add(token.i)  # "Netflix’s proposed acquisition": a participle after a possessive modifies a noun
            continue
        verb = token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"prep", "amod", "compound"}  # not "following"
        if top and (verb or token.dep_ in _PREDICATES):
            return True
        if token.lower_ == "as" and (top or token.head.head.i not in inside) and not _as_idiom(token):
            return True  # "the rota as a betrayal", whether "as" hangs on the verb or on its object
        if token.dep_ == "pcomp" and token.pos_ in {"VERB", "AUX"} and token.head.head.i not in inside:
            return True  # "of failing", "for not winning": a preposition of the cue's, with a clause
    return False


# Verbs of speaking take what was said through "about" or "of"; their object and their "to" or "with" name the
# language or the listener ("spoke Hebrew", "spoke to reporters", "talked with aides").
_TOPIC_VERBS = frozenset("speak speaks spoke spoken speaking talk talks talked talking".split())


def set_off_before(cue: Token) -> Token | None:
    """A participle set off after the subject that the parse took for the clause of a cue with no subject of its
    own: "Bea Lund, asked about the plan, said she was hopeful" ("Lund" the subject of "asked", a clause of
    "said"). The participle holds the cue's subject, never what was said."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
        return None
    for clause in cue.children:
        if clause.dep_ != "ccomp" or clause.i >= cue.i or cue.doc[cue.i - 1].text != ",":
            continue
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < clause.i), None)
        if subject is not None and any(t.text == "," for t in cue.doc[subject.i : clause.i]):
            return clause
    return None


def of_cue(cue: Token, speech: bool) -> tuple[int, int] | None:
    """What a cue attributes: its clause ("said that ..."), else its object ("wants a recount", "praised X")."""
    if cue.lower_ in _TOPIC_VERBS and not any(c.dep_ == "ccomp" for c in cue.children):
        return _topic(cue)
    misread = set_off_before(cue)
    for deps in (("ccomp",), ("dobj", "xcomp", "attr") if not speech else ("ccomp",), ("dobj",)):
        children = [c for c in cue.children if c.dep_ in deps and c is not misread]
        if children and deps == ("ccomp",):
            found = _with_lost_subject(cue, children[0], _clause_range(children[0]))
            return _through_reduced_relative(cue, children[0], found)
        if children:
            return _object_range(cue, children[0])
    return _topic(cue, _PREPS)


_PREPS = frozenset({"about", "for", "to", "on", "of"})
_ASKING = frozenset({"whether", "if"})
_TOPIC_PREPS = frozenset({"about", "of"})


def _topic(cue: Token, preps: frozenset[str] = _TOPIC_PREPS) -> tuple[int, int] | None:
    """ "talking about X", "called for X", "referring to X": the object of the verb's preposition, unless the
    phrase sets the scene ("voted on March 1", "spoke for 45 minutes")."""
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.lower_ in preps and not _setting(c)):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        found = _clause_range(objects[0], minimum=1)
        # "called on the minister to resign": what is asked is the listener with the infinitive after it.
        asked = [c for c in cue.rights if c.i > prep.right_edge.i and c.dep_ == "xcomp" and _infinitive(c)]
        act = _clause_range(asked[0], minimum=1) if asked else None
        if found is not None and act is not None:
            return found[0], act[1]
        return found
    return None


def _with_lost_subject(cue: Token, clause: Token, found: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "warned the purchase could face scrutiny": the parse takes the clause's subject for the cue's object.
    A finite clause (with a modal or a tensed verb) that has no subject of its own, right after the cue's object,
    has that object for its subject, and the clause starts there."""
    if found is None or any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in clause.children):
        return found
    finite = clause.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD", "VBD", "VBZ", "VBP"} for c in clause.children
    )
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if not finite or obj is None or obj.pos_ not in {"NOUN", "PROPN"}:
        return found
    # The object's own prepositional phrase, which the parse may hang on the cue ("says door to Orsa talks remains
    # open": "to Orsa talks" the cue's), stands between it and the clause.
    after = obj.right_edge.i + 1
    for prep in sorted((c for c in cue.children if c.dep_ == "prep" and obj.i < c.i < clause.i), key=lambda c: c.i):
        if prep.left_edge.i == after:
            after = prep.right_edge.i + 1
    if after != clause.left_edge.i:
        return found
    return obj.left_edge.idx, found[1]


_AUXILIARIES = frozenset({"aux", "auxpass"})


def _through_reduced_relative(cue: Token, clause: Token, found: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "argued that crimes committed in 2009 were linked to ...": the parse takes the participle of the subject's
    reduced relative ("committed") for the clause's verb and hangs the real verb ("were linked") on the cue, with
    no subject of its own. A bare past participle (no auxiliary) heading the clause, followed at once by such a
    verb with its auxiliary, is the subject's: the clause runs on to the end of that verb's words."""
    if found is None or clause.tag_ != "VBN" or any(c.dep_ in _AUXILIARIES for c in clause.children):
        return found
    for verb in cue.children:
        if (
            verb.dep_ == "conj"
            and verb.left_edge.i == clause.right_edge.i + 1
            and any(c.dep_ in _AUXILIARIES for c in verb.children)
            and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children)
        ):
            rest = _clause_range(verb, minimum=1)
            return (found[0], rest[1]) if rest is not None else found
    return found


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_RELATIVES = frozenset({"that", "which", "who"})


def said_of_the_relative(cue: Token) -> bool:
    """Whether ``cue`` heads a relative clause whose reported clause has the relative pronoun for its subject
    ("the rules, which officials said will apply from May", "one of eight that officials said are housing 900
    people"): the words said are about the noun outside, and a span without holes says the cue with them. A
    reported clause with its own subject ("the deal, which she says she will sign") is not one."""
    return cue.dep_ == "relcl" and any(
        clause.dep_ == "ccomp"
        and any(g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ in _RELATIVES for g in clause.children)
        for clause in cue.children
    )


def passive_of_a_state(cue: Token) -> bool:
    """Whether a passive cue tells the state of its subject ("were confirmed dead", "have been reported missing",
    "was found liable") or what its subject was given ("were shown photographs"): the subject is then who died,
    is missing or saw something, no view anyone holds of it. A noun after the cue ("was dubbed the winner") is a
    view of the subject still."""
    return any(
        (child.dep_ in {"oprd", "acomp"} and child.pos_ in {"ADJ", "VERB"}) or child.dep_ == "dobj"
        for child in cue.rights
    )


def passive(cue: Token) -> tuple[int, int] | None:
    """What a passive cue attributes: its subject ("The plan was criticized"), through its infinitive when it has
    one ("The vote is expected to slip", cue included: a span has no holes); None for an active cue."""
    if not any(c.dep_ == "auxpass" for c in cue.children) or any(c.dep_ == "ccomp" for c in cue.children):
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubjpass"]
    if not subjects or subjects[0].i > cue.i or subjects[0].lower_ in {"it", "this", "that", "which", "who"}:
        return None
    if subjects[0].pos_ == "PRON" and subjects[0].i == subjects[0].right_edge.i:
        return None  # "he was found guilty": a lone pronoun is no view anyone holds

    subject = subjects[0]
    last = subject.right_edge
    for child in cue.rights:
        if child.dep_ == "xcomp" and any(g.lower_ == "to" for g in child.children):
            last = _without_aside(list(child.subtree))[-1]
    tokens = [t for t in cue.doc[subject.left_edge.i : last.i + 1] if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


# Verbs of seeming: "X seems to V" is the writer's impression of X, an attribution with no named source.
_SEEM = frozenset("seem seems seemed seeming appear appears appeared appearing".split())
# What "it" or "there" stands in for is no holder: "it seems that ..." attributes its clause, found as a ccomp.
_EXPLETIVES = frozenset({"it", "there"})
# The only words :func:`seeming` or :func:`hearsay` finds anything for.
SEEMING_WORDS = _SEEM | {"reportedly"}


def seeming(cue: Token) -> tuple[int, int] | None:
    """What a verb of seeming attributes: its subject with its complement, cue included (a span has no holes):
    "The plan seemed to work", "Voters appeared unmoved"; None for "appeared on television" (no complement)."""
    if cue.lower_ not in _SEEM:
        return None
    if cue.dep_ == "auxpass" and cue.head.i > cue.i:
        # "seemed aimed at", "appeared unmoved": the model takes the verb for a passive's auxiliary.
        complement: Token | None = cue.head
        subjects = [c for c in (*cue.children, *cue.head.children) if c.dep_ in {"nsubj", "nsubjpass"}]
    elif cue.pos_ == "VERB":
        complements = [c for c in cue.rights if c.dep_ in {"xcomp", "acomp", "attr", "oprd"}]
        complement = complements[0] if complements else None
        subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    else:
        return None
    subjects = [c for c in subjects if c.i < cue.i]
    if complement is None or not subjects or subjects[0].lower_ in _EXPLETIVES:
        return None
    tail = [t for t in _without_aside(list(complement.subtree)) if t.i > cue.i]
    if not tail:
        return None
    tokens = [t for t in cue.doc[subjects[0].left_edge.i : tail[-1].i + 1] if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) < 3:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def hearsay(adverb: Token) -> tuple[int, int] | None:
    """What "reportedly" attributes to unnamed reports: the clause it modifies, itself included (a span has no
    holes): "The mayor has reportedly left the city"."""
    if adverb.lower_ != "reportedly" or adverb.dep_ != "advmod" or adverb.head.i == adverb.i:
        return None
    return _clause_range(adverb.head)


# Prepositions by which a stance noun takes what it is about: "call for", "support of", "views on".
_NOUN_PREPS = frozenset("for of about on against with to over".split())


def of_noun(noun: Token) -> tuple[int, int] | None:
    """What a stance noun attributes: "call for A BAN", "plan TO BUILD A WALL", "claim THAT ..."."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPS:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return _clause_range(objects[0], minimum=1)
        if child.dep_ in {"acl", "ccomp"} and any(g.dep_ in {"aux", "mark"} for g in child.children):
            return _clause_range(child, minimum=2)
    return None


def _object_range(cue: Token, obj: Token) -> tuple[int, int] | None:
    """An object with what completes it: "criticized Rubio for not winning", "called the statement “outlandish”"."""
    if obj.dep_ == "dobj":
        # "expressed concern that X": what is held is X, the noun's clause.
        for child in obj.rights:
            if child.dep_ in {"acl", "ccomp"} and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
                return _clause_range(child)
    end_token = obj.right_edge
    # A word the parse broke at its hyphen ("praised Quillfin Co-CEO Ted Varnel": objects "Co", "-" and "Varnel")
    # is one object: never end inside a word.
    for sibling in cue.rights:
        if sibling.i <= end_token.i or sibling.dep_ != obj.dep_:
            continue
        if end_token.whitespace_ or sibling.left_edge.i != end_token.i + 1:
            break
        end_token = sibling.right_edge
    for child in cue.rights:
        if child.i <= end_token.i or child.dep_ not in {"prep", "oprd", "xcomp", "ccomp", "acomp", "dative"}:
            continue
        if child.dep_ == "prep" and _setting(child):
            break  # "praised the plan at a rally on Monday": where and when it was said, not what
        end_token = child.right_edge
    tokens = _without_aside([t for t in cue.doc[obj.left_edge.i : end_token.i + 1] if not t.is_space])
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"', "’"}:
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


# Prepositions that set the scene of an act ("at a rally", "after the debate"), never part of its object.
_SETTING = frozenset("at after before during since until amid despite".split())


def _setting(prep: Token) -> bool:
    """A prepositional phrase that tells where or when something was said: "at a rally", "on Monday"."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.lower_ in _SETTING or any(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def _without_aside(tokens: list[Token]) -> list[Token]:
    """Tokens less a trailing aside set off by a comma: ", which votes in March", ", where she studies",
    ", saying ...": the writer's addition or the next thing the speaker did, not what was attributed."""
    if not tokens:
        return tokens
    last = tokens[-1].i
    for k in range(1, len(tokens)):
        t = tokens[k]
        if tokens[k - 1].text != "," or t.head.i < tokens[0].i:
            continue
        clause = t.head if t.dep_ in {"nsubj", "advmod", "mark"} or t.tag_ in {"WDT", "WRB", "WP"} else t
        if clause.right_edge.i < last - 1:
            continue
        aside = (clause.dep_ == "relcl" and t.tag_ in {"WDT", "WRB", "WP"}) or (
            clause.dep_ in {"advcl", "acl", "xcomp"} and clause.tag_ == "VBG" and clause is t
        )
        if aside:
            return tokens[: k - 1]
    return tokens


def _clause_range(head: Token, minimum: int = 3) -> tuple[int, int] | None:
    """The clause headed by ``head``, less its leading "that" or punctuation and a trailing aside or "and" (a
    clause goes on with no conjunction at its end: "asked who was to present the trophy and ACC went into a
    huddle"). A question keeps its "whether" or "if" ("asked whether officers had entered the flat" reports no
    claim that they had), and a clause inside keeps its own ("said that if the vote failed, she would go" is not
    "the vote failed")."""
    tokens = _without_aside(list(head.subtree))
    while tokens and (
        (tokens[0].dep_ == "mark" and tokens[0].head.i == head.i and tokens[0].lower_ not in _ASKING)
        or tokens[0].is_punct
        or tokens[0].is_space
    ):
        tokens.pop(0)
    tokens = _without_next_subject(tokens)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()
    if len(tokens) < minimum:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _without_next_subject(tokens: list[Token]) -> list[Token]:
    """``tokens`` less an "and" and the noun after it at their end when that noun is the subject of the next
    clause, which the parse joined to the clause's object: "asked who would hand over the medals and OBC called a
    meeting" (a finite verb with no subject of its own right after the noun)."""
    if len(tokens) < 3:
        return tokens
    last = tokens[-1]
    after = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if after is None or after.tag_ not in _FINITE or any(c.dep_ in {"nsubj", "nsubjpass"} for c in after.children):
        return tokens
    for k in range(len(tokens) - 2, 0, -1):
        if tokens[k].dep_ != "cc":
            continue
        joined = tokens[k + 1 :]
        conj = next((t for t in joined if t.dep_ == "conj" and t.head.i < tokens[k].i), None)
        if (
            conj is not None
            and conj.pos_ in {"NOUN", "PROPN", "PRON"}  # "or decline to appeal ... should the court ...": a verb's
            and {t.i for t in joined} <= {t.i for t in conj.subtree}
        ):
            return tokens[:k]
        break
    return tokens


def according(cue: Token) -> tuple[int, int] | None:
    """ "According to X, CLAUSE" or "CLAUSE, according to X": the clause."""
    return beside(cue)


_SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?=\s|$)")


def _rest_of_sentence(cue: Token) -> tuple[int, int] | None:
    """The words after the phrase ``cue`` heads, to the end of the sentence as written (a full stop, or the end of
    the paragraph), with their punctuation trimmed; None if fewer than three words."""
    doc = cue.doc
    after = cue.right_edge.i + 1
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        after += 1
    if after >= len(doc):
        return None
    text = doc.text
    start = doc[after].idx
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    stop = _SENTENCE_END.search(text, start, line_end)
    end = stop.start() if stop is not None else line_end
    words = text[start:end].rstrip(" ,;:")
    if len(words.split()) < 3:
        return None
    return start, start + len(words)


def beside(cue: Token) -> tuple[int, int] | None:
    """The clause a phrase headed by ``cue`` is attached to, on the far side of it: "According to X, CLAUSE",
    "In the poll, CLAUSE", "CLAUSE in the latest poll"."""
    head = cue.head
    if head.i == cue.i:
        return None
    if head.i < cue.i and cue.is_title and cue.pos_ != "PROPN":
        # "... walked off without shaking hands According to a report, none of ...": a capital opens a sentence
        # the writer did not end with a full stop; the words before it are the sentence before, and its clause is
        # the rest of its own sentence.
        return _rest_of_sentence(cue)
    # "killing 44 people and leaving hundreds missing according to officials": the parse hangs the phrase on the
    # last verb of a coordination; it tells of all of it.
    while head.dep_ == "conj" and head.head.i < head.i < cue.i:
        head = head.head
    skip = {t.i for t in cue.subtree}
    tokens = [t for t in head.subtree if t.i not in skip]
    side = [t for t in tokens if t.i > cue.right_edge.i] if cue.i < head.i else [t for t in tokens if t.i < cue.i]
    while side and (side[0].is_punct or side[0].is_space):
        side.pop(0)
    while side and (side[-1].is_punct or side[-1].is_space):
        side.pop()
    if len(side) < 3:
        return None
    return side[0].idx, side[-1].idx + len(side[-1])
