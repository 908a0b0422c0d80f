"""Who is speaking: cue words, the speaker phrase tied to a cue, and what kind of source it is.

Works on spaCy's parse. A cue is a speech or attribution word ("said", "told", "warned", "according to"); its
speaker is the cue's grammatical subject, found through the dependency tree (climbing from "adding" to the
verb whose subject it shares), or, where the parse of a sentence full of quotation breaks down, the noun phrase
written next to the cue ("..., said one well-placed source").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from newsdesk.extract import contents, kinds
from newsdesk.records import Mention, SpeakerKind, lead_prefix

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "CUES",
    "HOLDER_NOUNS",
    "agent",
    "attributive",
    "cue_or_attitude_word",
    "frames_quote",
    "holder",
    "is_cue",
    "kind_of",
    "phrase",
    "speech_noun",
    "subject",
]

_CUE_LEMMAS = (
    "say tell add state declare note explain warn argue claim insist announce acknowledge admit mention "
    "emphasize emphasise stress ask reply respond write tweet post comment suggest maintain accuse call "
    "describe urge predict promise vow deny confirm recall quip indicate assert allege concede boast "
    "complain observe reiterate repeat hint joke testify proclaim pledge agree caution counter contend "
    "signal demand question lament recount estimate report disclose reveal conclude charge praise brief "
    "criticize criticise dismiss blast slam decry insist fear worry believe think shout yell scream chant retort "
    "plead"
).split()
_IRREGULAR = {
    "wept": "weep",
    "said": "say",
    "says": "say",
    "saying": "say",
    "told": "tell",
    "tells": "tell",
    "telling": "tell",
    "wrote": "write",
    "written": "write",
    "writes": "write",
    "writing": "write",
    "thought": "think",
    "worried": "worry",
    "worries": "worry",
    "denied": "deny",
    "denies": "deny",
    "replied": "reply",
    "replies": "reply",
    "testified": "testify",
    "criticized": "criticize",
    "criticised": "criticise",
    "quipped": "quip",
    "worrying": "worry",
    "feared": "fear",
    "fears": "fear",
    "fearing": "fear",
    "found": "find",
    "finds": "find",
    "finding": "find",
    "saw": "see",
    "seen": "see",
    "sees": "see",
    "knew": "know",
    "known": "know",
    "felt": "feel",
    "learnt": "learn",
    "showed": "show",
    "shown": "show",
    "shows": "show",
    "calls": "call",
    "spoke": "speak",
    "spoken": "speak",
    "sought": "seek",
}
# Cognition verbs attribute a partial quote but are weak evidence of speech.
_WEAK = {
    "worried",
    "concerned",
    "fearful",
    "adamant",
    "fear",
    "worry",
    "believe",
    "think",
    "criticize",
    "criticise",
    "praise",
    "question",
}
CUES = frozenset(_CUE_LEMMAS)
# Attitude and evidence verbs: not speech, but attributions all the same ("voters want ...", "the poll shows ...",
# "who support Trump"). Their content is reported with a low confidence.
ATTITUDES = frozenset(
    (
        "want support back prefer vote thank show find see hope expect know learn discuss propose mock "
        "cite express consider oppose reject view feel plan endorse blame credit welcome applaud challenge "
        "recommend advise request pledge threaten encourage remind recognize recognise doubt like love hate "
        "wish intend favor favour trust call mention ask praise question suggest argue criticize criticise "
        "defend attack talk refer plan vow point believe think claim promise fear worry "
        "blast slam dismiss decry condemn accuse warn demand seek pledge admit reveal "
        # Verbs of judging and of speaking about: "denounced the deal", "touted his record", "spoke about jobs".
        "denounce tout echo highlight rail bemoan congratulate assure compare dub deem portray articulate "
        "document cheer boo lambaste hail laud commend champion advocate protest dispute rebut refute speak "
        "address raise share disagree forecast project decide label brand characterize characterise "
        "ridicule scold chide rebuke"
    ).split()
    # Not acts ("filed a complaint", "accepted the trophy", "offered $30 a share", "submitted his resignation")
    # nor refusals ("declined to comment", "refused to shake hands"): what someone did, not what they said or hold.
)
_CUES_OR_ATTITUDES = CUES | ATTITUDES
_ANONYMOUS = re.compile(
    r"\b(?:anonymous|anonymity|unnamed|unidentified|sources?|insiders?|familiar with|who asked not to be|"
    r"not authori[sz]ed|on condition|well-placed|senior official|person close|people close)\b",
    re.IGNORECASE,
)
_INDEFINITE = re.compile(r"^(?:one|a|an|two|three|several|some|another|multiple|many)\b", re.IGNORECASE)
_DOCUMENT = re.compile(
    r"\b(?:(?:counter-)?proposals?|statement|report|document|letter|plan|draft|memo(?:randum)?|communiqu[eé]|"
    r"declaration|resolution|agreement|bill|order|filing|lawsuit|ruling|decree|text|post|tweet|release|"
    r"study|survey|poll|analysis|assessment|transcript|readout|constitution|treaty|framework|memo|deal|accord|"
    r"pact|roadmap|indictment|affidavit|petition|judg(?:e)?ment|verdict|sheet)$",
    re.IGNORECASE,
)
# People of a kind written alone, in the plural, as a source: unnamed individuals, not a body ("Experts warned",
# "Analysts said"; "Organisers said" and "Authorities said" speak for a body).
_UNNAMED = frozenset(
    "experts analysts observers critics economists commentators insiders officials diplomats witnesses".split()
)
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Cues whose object is the one spoken to: in the passive their subject heard it ("Residents were told by
# authorities that ..."), and the speaker is the agent, if the sentence names one.
_ADDRESSED = frozenset("tell inform assure reassure warn advise notify ask remind brief promise caution".split())


def lemma(token: Token) -> str:
    """The verb's base form from a small table (the model's lemmatizer is not loaded)."""
    return _base(token, CUES)


def _base(token: Token, known: frozenset[str] | None = None) -> str:
    return _base_of(token.lower_, known if known is not None else _CUES_OR_ATTITUDES)


# The quote rules ask it of a word dozens of times an article (27,000 times over 195 articles), of few words.
@functools.lru_cache(maxsize=1 << 14)
def _base_of(low: str, known: frozenset[str]) -> str:
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if low.endswith(suffix):
            stem = low[: -len(suffix)] + repl
            if stem in known:
                return stem
            if suffix in {"ing", "ed", "es"} and stem + "e" in known:
                return stem + "e"
            if suffix in {"ing", "ed"} and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in known:
                return stem[:-1]  # "planned", "mocking"
    return low


# Verbs that answer what another holds: "rejected its request", "welcomed their decision".
_ANSWERS = frozenset(
    "reject accept deny grant approve dismiss refuse consider review welcome cheer criticize criticise condemn "
    "praise hail back oppose support question challenge block overturn uphold".split()
)


def answers(verb: Token) -> bool:
    """True for a verb that answers what somebody else holds ("the ICC rejected its request"): the holder of the
    noun it governs is not its subject."""
    return _base(verb, _ANSWERS) in _ANSWERS


def attributive(token: Token) -> bool:
    """True for a participle that describes a noun ("Orvell's proposed merger", "the reported deal"): it says
    nothing anyone said or thinks."""
    return token.dep_ == "amod" or (token.i > 0 and token.doc[token.i - 1].tag_ == "POS")


# Adjectives that are cues: "worried that ...", "adamant that ...".
_ADJECTIVE_CUES = frozenset({"worried", "concerned", "fearful", "adamant"})


def is_cue(token: Token) -> bool:
    """True for a verb of speech or attribution (or "worried", "concerned" used as adjectives)."""
    if token.lower_ == "according":
        return True
    if token.pos_ == "ADJ":
        return token.lower_ in _ADJECTIVE_CUES
    if attributive(token):
        return False
    return token.pos_ in {"VERB", "AUX"} and lemma(token) in CUES


# Verbs that frame a quotation written beside them but report nothing on their own ("“…,” she continued",
# "the sign read", "“…,” he went on"): cues next to a quote only ("prices continued to rise" attributes nothing).
_FRAMING = frozenset("continue read answer remark exclaim confess wonder echo muse interject".split())
# The manner of a voice ("“…,” sobbed the mother"): framing when finite only, not as a participle beside another
# speaker ("as the man, gasping on the ground, said").
_VOICE = frozenset("sob weep cry whisper sigh laugh mutter murmur groan gasp shriek plead beg stammer wail".split())


_READ = frozenset({"read", "reads"})


def frames_quote(token: Token) -> bool:
    """True for a cue, or a verb that introduces a quotation written next to it (see ``_FRAMING``)."""
    if is_cue(token):
        return True
    if token.pos_ != "VERB":
        # "“…,” a police statement issued today read.": the model took the verb for a noun, yet it is the root of
        # its sentence and has a subject.
        return token.lower_ in _READ and token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children)
    if _base(token, _FRAMING) in _FRAMING:
        return True
    if token.tag_ in {"VBD", "VBZ", "VBP"} and _base(token, _VOICE) in _VOICE:
        return True
    return token.lower_ in {"go", "goes", "went", "going"} and any(
        c.dep_ == "prt" and c.lower_ == "on" for c in token.children
    )


def impersonal(token: Token) -> bool:
    """True for "is said to", "was reported to": a passive report that names no speaker."""
    return any(c.dep_ == "auxpass" for c in token.children) and any(
        c.dep_ in {"xcomp", "ccomp"} and any(g.lower_ == "to" for g in c.children) for c in token.children
    )


# What is raised as a view: money, taxes, rates and children are raised too, and are nobody's attitude.
_RAISED = frozenset(
    "question questions concern concerns doubt doubts issue issues objection objections alarm alarms possibility "
    "prospect prospects specter spectre fear fears point points worry worries suspicion suspicions".split()
)


def is_attitude(token: Token) -> bool:
    """True for a verb of attitude or evidence ("want", "support", "show") that attributes what follows it
    ("raise" only for a doubt: "raised questions about", not "raised $3 million")."""
    if token.pos_ != "VERB":
        return False
    base = _base(token)
    if base == "raise":
        return any(c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in _RAISED for c in token.children)
    if base == "see":
        # A view ("see him as a threat", "saw that the plan would fail"), not a sight ("came to see him", "saw
        # smoke over the roofs").
        seen = [g for c in token.children if c.dep_ == "dobj" for g in c.children]  # "the toll as a betrayal"
        if any(c.lower_ == "as" and c.dep_ == "prep" for c in [*token.children, *seen]):
            return True
        # "saw that the plan would fail" (a judgement), not "saw smoke rising" (a sight).
        return any(c.dep_ == "ccomp" and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in token.children) or any(
            c.dep_ == "ccomp" and any(g.dep_ == "mark" for g in c.children) for c in token.children
        )
    if base == "find":
        # A finding is a judgement ("found that ...", "found the plan too costly"); "found a job" is not.
        # A poll or a study finds what it reports ("the poll found broad support").
        deps = {c.dep_ for c in token.children}
        if "dobj" not in deps or deps & {"ccomp", "xcomp", "oprd", "acomp"}:
            return True
        found_by = next((c for c in token.children if c.dep_ == "nsubj"), None)
        return found_by is not None and found_by.pos_ == "NOUN" and bool(_DOCUMENT.search(found_by.text))
    return base in ATTITUDES


# Nouns of speech and stance that attribute what they govern to their possessor ("Trump's call for a ban",
# "her support for the bill", "his claim that ..."). Written as nouns, singular and plural.
_STANCE_NOUNS = frozenset(
    (
        "call support plan decision refusal fear concern view complaint opposition claim promise pledge demand "
        "proposal criticism endorsement announcement assessment assertion warning belief hope push insistence "
        "argument praise comment remark acknowledgement acknowledgment admission denial declaration appeal vow "
        "threat suggestion request prediction expectation wish desire intention determination willingness "
        "reluctance passion stance position vision accusation allegation insinuation assurance"
    ).split()
)
# The lower-case forms :func:`holder` takes: each stance noun and the same with an "s".
HOLDER_NOUNS = _STANCE_NOUNS | {f"{noun}s" for noun in _STANCE_NOUNS}


# Of those, the nouns of something said: "his claim that ...", "her call for a ban" (the others are views held).
_SPEECH_NOUNS = frozenset(
    "call claim promise pledge demand criticism announcement assertion warning praise comment remark "
    "acknowledgement acknowledgment admission denial declaration appeal vow threat suggestion request prediction "
    "accusation allegation insinuation assurance complaint argument".split()
)


def speech_noun(noun: Token) -> bool:
    """Whether a stance noun names something said ("claim", "calls") rather than a view held ("support")."""
    low = noun.lower_
    return low in _SPEECH_NOUNS or (low.endswith("s") and low[:-1] in _SPEECH_NOUNS)


def holder(noun: Token) -> Token | None:
    """The possessor of a stance noun ("Trump" in "Trump's call for", "her" in "her support for"), if any."""
    if noun.pos_ != "NOUN":
        return None
    low = noun.lower_
    if low not in _STANCE_NOUNS and not (low.endswith("s") and low[:-1] in _STANCE_NOUNS):
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


# The bases :func:`is_attitude` may hold for: its own three and the attitudes.
_ATTITUDE_BASES = ATTITUDES | {"raise", "see", "find"}


@functools.lru_cache(maxsize=1 << 14)
def cue_or_attitude_word(low: str) -> bool:
    """Whether a word written ``low`` (lower case) may be a cue (:func:`is_cue`) or an attitude
    (:func:`is_attitude`): False says neither holds of any token of that word, whatever its tag and its place."""
    return (
        low == "according"
        or low in _ADJECTIVE_CUES
        or _base_of(low, CUES) in CUES
        or _base_of(low, _CUES_OR_ATTITUDES) in _ATTITUDE_BASES
    )


def weak(token: Token) -> bool:
    """True for a cognition verb (fear, worry) that attributes a partial quote without saying it was said."""
    return lemma(token) in _WEAK


def subject(cue: Token) -> Token | None:
    """The subject of ``cue``, climbing clause links ("adding that" -> the subject of "told")."""
    if cue.lower_ == "according":
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    if _base(cue) in _ADDRESSED and any(c.dep_ == "auxpass" for c in cue.children):
        return agent(cue)
    token = cue
    if (misread := contents.set_off_before(cue)) is not None:
        # "Bea Lund, asked about the plan, said ...": the subject the participle holds, the first of its words
        # ("Sanders, who sits at zero, said": "Sanders", not "who").
        return next(c for c in misread.children if c.dep_ in _SUBJECTS)
    if _after_a_demand(cue) or _after_a_possessed_thing(cue):
        token = cue.head.head
    for _ in range(4):
        # A subject across a line break is a heading the parse ran into the paragraph below it.
        found = [c for c in token.children if c.dep_ in _SUBJECTS and not _across_lines(c, token)]
        if found:
            # Two subjects are a misparse, most often of a dateline ("ORVATH (MPA) - ... Quillfin said"): the
            # one nearest the verb is its subject, from the first word of a run of them ("counter - proposal").
            nearest = min(found, key=lambda c: abs(c.i - token.i))
            at = {c.i for c in found}
            while nearest.i - 1 in at:
                nearest = nearest.nbor(-1)
            return nearest
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in {"NOUN", "PROPN"} and is_cue(token):
            if (clause := _set_off_from(token)) is not None:
                # "X rejected the verdict against Y, calling it ...": a participle set off by a comma goes on
                # with its sentence's clause, whatever noun before the comma the parse hung it on.
                token = clause
                continue
            # "a statement saying ...": the statement says it, and "X issued a statement saying ...", X.
            return _issuer(token.head) or token.head
        # "X is quoted as saying", "X was defiant, saying"
        if (
            token.dep_ in {"advcl", "xcomp", "conj", "pcomp", "ccomp", "prep", "pobj", "acomp"}
            and token.head.i != token.i
        ):
            token = token.head
            continue
        break
    return None


def _set_off_from(participle: Token) -> Token | None:
    """The verb of the clause a participle set off by a comma goes on ("X rejected the ruling of the court
    against Y, calling it ..." -> "rejected"), when the parse hung it on a noun of that clause; None if no comma
    sets it off or no verb heads the noun."""
    if participle.i == 0 or participle.nbor(-1).text != ",":
        return None
    token = participle.head
    while token.head.i != token.i and token.pos_ not in {"VERB", "AUX"} and not _across_lines(token.head, token):
        token = token.head
    return token if token.pos_ in {"VERB", "AUX"} else None


# Verbs by which someone puts out a statement, a letter, a report: its words are the one's who put it out.
_ISSUING = frozenset("issue release publish post send circulate distribute".split())


def _issuer(document: Token) -> Token | None:
    """Who puts out ``document`` ("Black Lives Matter issued a statement saying ..."; PolNeAR's source there is
    Black Lives Matter): the subject of the verb it is the object of, when that verb issues it."""
    verb = document.head
    if document.dep_ != "dobj" or verb.pos_ != "VERB" or _base_of(verb.lower_, _ISSUING) not in _ISSUING:
        return None
    found = [c for c in verb.children if c.dep_ == "nsubj" and not _across_lines(c, verb)]
    return min(found, key=lambda c: abs(c.i - verb.i)) if found else None


_DEMANDING = frozenset("request demand urge insist ask recommend propose".split())


_COMMA = frozenset({","})
# A comma, or a quotation mark (in practice the closing one after a comma: "“... transaction,” warning that").
_SET_OFF = frozenset({",", "”", "’", '"'})


def _participle_after_content(cue: Token, after: frozenset[str] = _SET_OFF) -> bool:
    """Whether ``cue`` is a participle set off (by one of ``after``) after the content of another cue ("X said ...,
    warning that"): the parse hangs it on the content's verb."""
    head = cue.head
    return (
        cue.tag_ == "VBG"
        and cue.dep_ == "advcl"
        and cue.i > 0
        and cue.nbor(-1).text in after
        and head.dep_ in {"ccomp", "xcomp"}
        and head.head.i != head.i
        and head.head.pos_ == "VERB"
        and (is_cue(head.head) or is_attitude(head.head))
    )


def _after_a_possessed_thing(cue: Token) -> bool:
    """Whether ``cue`` is a participle after reported content whose subject is a thing someone's ("Paramount said
    its offer “provides a superior alternative,” warning that ..."): an offer warns nobody; the one who said it
    does."""
    if not _participle_after_content(cue):
        return False
    subjects = [c for c in cue.head.children if c.dep_ in _SUBJECTS]
    return len(subjects) == 1 and _a_possessed_thing(subjects[0])


def _a_possessed_thing(noun: Token) -> bool:
    """A common noun with a possessive pronoun that is none of the nouns for a kind of person kinds knows, nor
    a word for unnamed people ("its offer", "their plan"; not "his spokesman", "its chief executive", "experts"):
    "his wife" or "its staff" pass, a participle after them then speaks for the one who reported them."""
    return (
        noun.pos_ == "NOUN"
        and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
        and not kinds.names_a_person(noun.text)
        and noun.lower_ not in _UNNAMED
    )


def _after_a_demand(cue: Token) -> bool:
    """Whether ``cue`` is a participle set off after what someone demands be done ("requested that Dastmar hand her
    over, describing her as ...", "urged the court to act, saying ..."): the one who demands speaks, not the one
    asked. After a reported fact the clause's own subject does ("said the minister resigned, citing ...")."""
    head = cue.head
    if not _participle_after_content(cue, after=_COMMA):
        return False
    # A bare verb (the model tags "hand over" after "that" a noun at times); after a verb of demanding, a
    # present form is the same bare verb ("requested that the country hand her over").
    return head.tag_ in {"VB", "NN"} or (head.tag_ == "VBP" and _base(head.head, _DEMANDING) in _DEMANDING)


def _across_lines(a: Token, b: Token) -> bool:
    """Whether a line break separates tokens ``a`` and ``b``."""
    first, last = (a, b) if a.i < b.i else (b, a)
    # From the tokens between them: a Doc joins its whole text again each time ``doc.text`` is asked.
    return any("\n" in t.text_with_ws for t in first.doc[first.i : last.i])


def agent(cue: Token) -> Token | None:
    """The agent of a passive cue: "the union" in "was criticized by the union"."""
    for child in cue.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def phrase(head: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``head``, without relative clauses."""
    start = head.left_edge.i
    end = head.i + 1
    # "according to the Telegraph, Jermak and ... are": the outlet alone, not what the comma starts.
    credited = head.dep_ == "pobj" and head.head.lower_ == "to"
    for child in head.rights:
        # (Not a name set right after the noun, with no comma: "according to the fire service director Andy Yeung".)
        if credited and child.dep_ in {"appos", "conj"} and not (child.dep_ == "appos" and child.left_edge.i == end):
            break
        if child.dep_ in {"relcl", "acl", "advcl", "punct", "cc", "conj"} or child.is_punct:
            if child.dep_ not in {"punct", "cc", "conj"}:
                break
            continue
        if child.dep_ in {"appos", "prep", "compound", "amod", "poss", "nummod", "nmod"}:
            end = child.right_edge.i + 1
    doc = head.doc
    # A hyphenated word the model split apart ("counter - proposal") stays whole.
    while (
        end + 1 < len(doc) and doc[end].text in {"-", "–"} and not doc[end - 1].whitespace_ and not doc[end].whitespace_
    ):
        end += 2
    # "A statement on the organisation's website on Saturday": when it was made is not who made it.
    for token in doc[head.i + 1 : end]:
        if token.dep_ == "prep" and token.right_edge.i == end - 1 and _dated(token):
            end = token.i
            break
    start = _past_dateline(doc, start, head)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    # "The International Cricket Council (ICC": a bracket the phrase opens but does not close (its closing one
    # cut as punctuation above) is left out with what follows it.
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and opened[-1] > start and not any(t.text == ")" for t in doc[opened[-1] : end]):
        end = opened[-1]
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    # "Expect intense antitrust scrutiny Analysts say ...": a heading run into its paragraph, the capital of a
    # common noun after a lower-case noun opening the sentence the parse did not see.
    before = doc[head.i - 1] if head.i > start else None
    if before is not None and head.tag_ in {"NN", "NNS"} and head.text[:1].isupper() and before.pos_ == "NOUN":
        start = head.i if before.is_lower else start
    return start, end


def _past_dateline(doc: Doc, start: int, head: Token) -> int:
    """``start``, or the first token after the dateline or byline opening the paragraph when the phrase starts
    with it ("DUBAI – The International Cricket Council", "Dhaka, Nov 18 (IANS) Bangladesh's Awami League party":
    ``records.lead_prefix``), so that where and by whom a report was filed is no part of who speaks in it."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and "\n" not in before.whitespace_ and not (before.is_space and "\n" in before.text):
        return start  # the phrase does not open its paragraph
    at = doc[start].idx
    cut = at + lead_prefix(doc[start : min(len(doc), head.i + 21)].text, first=not at)
    if cut <= at:
        return start
    if cut > head.idx:
        # The parse took the dateline's place for the subject and what follows for its apposition ("DUBAI – The
        # International Cricket Council ... has rejected"): the apposition is who speaks.
        appos = next((c for c in head.rights if c.dep_ == "appos" and c.idx >= cut), None)
        if appos is None:
            return start
        return next(t.i for t in doc[appos.left_edge.i : appos.i + 1] if t.idx >= cut)
    return next((t.i for t in doc[start : head.i + 1] if t.idx >= cut), start)


def _dated(prep: Token) -> bool:
    """A prepositional phrase of time: "on Saturday", "in May", "last week"."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def kind_of(text: str, head: Token | None, persons: list[Mention]) -> SpeakerKind:
    """What kind of source the phrase ``text`` names: a person, anonymous, a group or a document."""
    if persons:
        return SpeakerKind.PERSON
    if head is not None and head.pos_ == "NOUN" and _DOCUMENT.search(head.text):
        return SpeakerKind.DOCUMENT  # "a report in the Gazette", "the draft", "a statement"
    if head is not None and text.lower() == head.lower_ and head.lower_ in _UNNAMED:
        return SpeakerKind.ANONYMOUS  # "Experts have warned ...": people the article does not name
    if _ANONYMOUS.search(text) or (
        _INDEFINITE.match(text) and head is not None and head.tag_ in {"NN", "NNS"} and not _DOCUMENT.search(text)
    ):
        return SpeakerKind.ANONYMOUS
    if _DOCUMENT.search(text.split(" to ")[0].split(" of ")[0]):
        return SpeakerKind.DOCUMENT
    if head is not None and head.lower_ in _PRONOUNS:
        return SpeakerKind.UNKNOWN
    if head is not None and (head.pos_ in {"PROPN", "NOUN"} or head.ent_type_):
        return SpeakerKind.GROUP
    return SpeakerKind.UNKNOWN


def is_pronoun(token: Token) -> bool:
    """True for a personal pronoun that needs an antecedent."""
    return token.lower_ in _PRONOUNS and token.pos_ == "PRON"
