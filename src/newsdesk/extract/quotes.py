"""Quotes in one parsed article: direct quotes in any quotation style, partial quotes and reported speech,
each with its speaker, cue, the media it is credited through (``via``) and a confidence.

A quoted stretch is a quote when a cue attributes it (“…,” she said / X told CNN: “…” / X warned that it would
“reward” ...), or when it is long enough to be speech and follows a quote of the same speaker. Short stretches
with no cue are scare quotes or names ("de facto", "The Atlantic") and are left out. Reported speech is what
a cue governs (:mod:`newsdesk.extract.contents`): "X said that ...", "according to X, ...", "X denounced the
deal", "the plan was criticized by X", and a possessed stance noun ("X's call for a ban").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from newsdesk.extract import antecedents, attributions, contents, kinds, marks, speakers, tokens
from newsdesk.records import JOINT_SPEAKER, Mention, Quote, QuoteKind, SpeakerKind

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token

__all__ = ["find"]

_SHORT_WORDS = 4
_SPEECH_END = re.compile(r"[.!?…,;:]$|[.!?…]\s")
_REPORTEDLY = re.compile(r"\b(?:reportedly|reported|reports?|according to)\b", re.IGNORECASE)
# "the so-called “red line”": the writer's marks around a phrase others use, never somebody's words.
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.IGNORECASE)
_VIA_REACH = 400  # characters either side of a quote where a credited report still counts as its channel
# Words that introduce the occasion of an act ("following the “handshake row”"), and the dependencies that open
# a clause of its own (a reported clause has occasions of its own words).
_OCCASION = frozenset({"following", "after", "before", "amid", "amidst", "during", "despite", "since", "until"})
_CLAUSE = frozenset({"ccomp", "xcomp", "advcl", "relcl", "csubj", "parataxis"})
# Speech verbs that, over a bare thing rather than words said, name a manner kept, not a view of that thing.
_HOLDS_NO_VIEW = frozenset({"maintain"})
# Speech cues that are acts when a thing or a person follows them, no clause: "charged that ..." is words said,
# "charged the captain with fraud" an indictment; "posted a video", "posted bail", "could counter the offer" (with
# a bid of its own) are things done, not a view of the video, the bail or the offer.
_ACTS_ON_A_THING = frozenset({"charge", "post", "counter"})

# Speech verbs whose bare object may be who was spoken to or relied on rather than a thing a view is held of; and
# "question", whose person is the one questioned ("Holm was questioned by investigators", "police questioned the
# driver": an interrogation, no view of anyone), where a thing is one doubted ("questioned the decision").
_TO_WHOM = frozenset(
    "tell tells told telling address addresses addressed addressing write writes wrote written writing brief briefs "
    "briefed briefing inform informs informed informing cite cites cited citing quote quotes quoted quoting "
    "question questions questioned questioning".split()
)
# Nouns for those spoken to or relied on, as a name is: "citing the Hong Kong government", "told police".
_PARTY_NOUNS = frozenset({"source", "sources", "media", "press", "government", "authorities", "police", "officials"})
# Pronouns for people, who are spoken to or questioned as a name is ("told him", "she was questioned").
_PERSONAL = frozenset("him her them he she they me us".split())
# "agree" with an object agrees a thing (a deal, terms), no words: "agreed that ..." or "agreed to ..." is said.
_AGREEING = frozenset({"agree", "agrees", "agreed", "agreeing"})


def _a_party(art: _Article, start: int, end: int) -> bool:
    """Whether ``[start, end)`` names people or bodies: a person, organisation, country or nationality, a noun for
    a kind of person ("reporters"), or sources and the press, by the head of the phrase."""
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return (
        root.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        or antecedents.names_a_person(root)
        or root.lower_ in _PARTY_NOUNS
        or root.lower_ in _PERSONAL
    )


# Verbs whose clause complement is not somebody's view ("it has been reported", "helping ensure", "won").
_NOT_HELD = frozenset(
    "has have had having is are was were be been being do does did make makes made making help helps helped "
    "helping win wins won mean means meant get gets got take takes took go goes went come comes came become "
    "becomes became 's ’s 're ’re 'm ’m 've ’ve 'd ’d".split()  # contracted "is", "has" ("it's likely that")
)


# The words a reported-speech cue can be: a verb (of speech, attitude or any holding a clause), an adjective of
# speech ("worried", "concerned") or "according" (is_cue, is_attitude and the verbs of _reported).
_CUE_TAGS = frozenset({"VERB", "AUX", "ADJ"})
_ACCORDING = frozenset({"according"})
_IN = frozenset({"in"})

# "Veloria dropped its demand": a body's or a group's possessive is the subject's; "Trump denied her allegation"
# shows a person's need not be, so "his" and "her" are left to pronoun resolution.
_POSSESSIVES = {"its", "their"}
# Entity types of amounts, which hold no view.
_AMOUNTS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    kind: SpeakerKind
    start: int | None
    end: int | None
    head_pos: int  # character position of the speaker's head, for pronoun antecedents


class _Article:
    """One article's parse with the lookups quote finding needs."""

    def __init__(self, doc: Doc, mentions: tuple[Mention, ...], outlet: str | None, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        # In text order, as mentions.find gives them; the lookups below bisect on it.
        self.mentions = tuple(sorted(mentions, key=lambda m: m.start))  # stable: text order stays as given
        self.credits = attributions.credits(self.text, own_outlet=outlet)
        self.outlets = attributions.outlets(self.text)
        self._credit_at = [pos for pos, _ in self.credits]
        self._outlet_at = [o_start for o_start, _, _ in self.outlets]
        self._outlet_reach = list(accumulate((o_end for _, o_end, _ in self.outlets), max))
        credit_spans = sorted((pos, pos + len(name)) for pos, name in self.credits)
        self._credit_span_at = [pos for pos, _ in credit_spans]
        self._credit_reach = list(accumulate((end for _, end in credit_spans), max))
        self.person_names = {m.text.split()[-1] for m in mentions if m.type == "PERSON"}
        found = marks.find(self.text)
        named = [_is_name(self, m.start, m.end) for m in found]
        self.marked = [
            m
            for m, name in zip(found, named, strict=True)
            if not name and not _SO_CALLED.search(self.text[max(0, m.start - m.width - 12) : m.start - m.width])
        ]
        # Names and titles in marks (CNN's "State of the Union."): no quote, and no word of them says one.
        self._titles = [(m.start, m.end) for m, name in zip(found, named, strict=True) if name]
        self._title_starts = [t_start for t_start, _ in self._titles]
        self.quoted = [(m.start - m.width, m.end + m.width) for m in self.marked]
        self._marked_starts = [m.start for m in self.marked]
        self._quote_starts = [s for s, _ in self.quoted]
        # Indexes, so that each lookup below is a bisection rather than a pass over the whole article: a long
        # article has thousands of quotes and mentions, and a pass per quote made quote finding quadratic.
        self._mention_starts = [m.start for m in self.mentions]
        self._roles = [m for m in self.mentions if m.type == "PERSON" and m.role]
        self._role_starts = [m.start for m in self._roles]
        self._holders: dict[str, list[int]] = {}
        self._full_names: dict[str, str] = {}
        self.resolver = antecedents.Resolver(doc, self.mentions, self.in_quote, self.names_outlet, self.text)

    def in_quote(self, char: int) -> bool:
        i = bisect_right(self._quote_starts, char) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def in_title(self, char: int) -> bool:
        """Whether character ``char`` is in a name or title written in quotation marks ("Face the Nation")."""
        i = bisect_right(self._title_starts, char) - 1
        return i >= 0 and self._titles[i][0] <= char < self._titles[i][1]

    def token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def persons_in(self, start: int, end: int) -> list[Mention]:
        """PERSON mentions inside ``[start, end)``, leaving out possessives ("Zelenskyi's chief of staff")."""
        found = []
        for k in range(bisect_left(self._mention_starts, start), len(self.mentions)):
            m = self.mentions[k]
            if m.start >= end:
                break
            if m.type == "PERSON" and start <= m.start and m.end <= end:
                if self.text[m.end : m.end + 2] in {"'s", "’s"} or self._modifies_noun(m):
                    continue
                found.append(m)
        return found

    def _modifies_noun(self, m: Mention) -> bool:
        """True for a name used as a modifier: "a Gazette source", "a Trump aide" (the speaker is the noun)."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ == "compound" and root.head.i >= span.end and root.head.pos_ == "NOUN"

    def full_name(self, person: Mention) -> str:
        """The longest name the article gives the person ``person`` names: "Sheikh Hasina" for "Hasina"."""
        last = person.text.split()[-1]
        if last not in self._full_names:
            fuller = [m.text for m in self.mentions if m.type == "PERSON" and m.text.split()[-1] == last]
            self._full_names[last] = max(fuller, key=len, default=person.text)
        return self._full_names[last] if person.text in self._full_names[last] else person.text

    def names_within(self, name: str, start: int, end: int) -> bool:
        """Whether a person named ``name`` is named again in ``[start, end)``: a person whose last name is one of
        its words ("Hasina" in "Hasina, 78, was found guilty" for Sheikh Hasina)."""
        words = set(name.split())
        for k in range(bisect_left(self._mention_starts, start), len(self.mentions)):
            m = self.mentions[k]
            if m.start >= end:
                break
            if m.type == "PERSON" and m.end <= end and m.text.split()[-1] in words:
                return True
        return False

    def in_name(self, token: Token) -> bool:
        """Whether ``token`` is a word of a name of several words, past its first ("Wazed" in "Sheikh Hasina
        Wazed"): a word the parse sometimes takes for a verb, with the name's other words for its subject."""
        k = bisect_right(self._mention_starts, token.idx) - 1
        while k >= 0 and token.idx - self.mentions[k].start < 80:
            m = self.mentions[k]
            if m.start < token.idx and token.idx + len(token) <= m.end:
                return True
            k -= 1
        return False

    def names_outlet(self, token: Token) -> bool:
        """Whether ``token`` is part of a news outlet's name ("the Telegraph reported"), a known one or one the
        article credits ("the Veloria Ledger reported")."""
        # Some span starting at or before the token reaches past it: the running maximum of the ends says so.
        k = bisect_right(self._outlet_at, token.idx)
        if k and self._outlet_reach[k - 1] > token.idx:
            return True
        k = bisect_right(self._credit_span_at, token.idx)
        return bool(k) and self._credit_reach[k - 1] > token.idx

    def outlets_from(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The outlets named from ``start`` up to ``end`` (their first character in ``[start, end)``), in order."""
        return self.outlets[bisect_left(self._outlet_at, start) : bisect_left(self._outlet_at, end)]

    def credits_from(self, start: int, end: int) -> list[tuple[int, str]]:
        """The credits at ``[start, end]``, in order."""
        return self.credits[bisect_left(self._credit_at, start) : bisect_right(self._credit_at, end)]

    def role_holder(self, phrase: str, before: int) -> Mention | None:
        """The person whose role ``phrase`` names ("the president's chief of staff"), if seen before it."""
        key = re.sub(r"^(?:the|a|an)\s+", "", phrase.lower()).strip()
        if len(key) < 4:
            return None
        if key not in self._holders:  # the people whose role fits the phrase, found once per phrase
            self._holders[key] = [
                k
                for k, m in enumerate(self._roles)
                if key == (role := m.role.lower() if m.role else "") or key in role or (len(role) >= 6 and role in key)
            ]
        fits = self._holders[key]
        k = bisect_left(fits, bisect_left(self._role_starts, before))
        return self._roles[fits[k - 1]] if k else self._named_later(key, before)

    def _named_later(self, key: str, before: int) -> Mention | None:
        """The person a lede's description names before the article gives the name ("..., according to the
        city's security chief", then "Security Chief Chris Tang told reporters"): the one person given, after it,
        an office written as a title (capitalised, before the name) that ends in the two words after the
        description's owner. None where two people's roles end so or one did before it (then the description was
        not theirs: :meth:`role_holder` found no fit), where the description names less than two words of an
        office ("the company's chief"), or where the role is another's ("former", "deputy", "acting" ...)."""
        office = re.split(r"['’]s\s+", key)[-1]  # what follows the owner: "security chief" of "city's ..."
        words = re.findall(r"[^\W_]+(?:-[^\W_]+)*", office)
        if len(words) < 2 or _ANOTHERS_OFFICE.search(office):
            return None
        tail = re.compile(rf"(?<![\w-]){re.escape(words[-2])}\s+{re.escape(words[-1])}$")
        holders = [m for m in self._roles if tail.search((m.role or "").lower())]
        people = {m.text.split()[-1] for m in holders}
        if len(people) != 1 or holders[0].start < before:
            return None
        role = holders[0].role or ""
        if not role[:1].isupper() or _ANOTHERS_OFFICE.search(role):
            return None
        return holders[0]


# Words that make an office someone else's than its holder's now: "former security chief", "deputy security chief".
_ANOTHERS_OFFICE = re.compile(r"\b(?:former|ex|then|acting|retired|outgoing|deputy|assistant|vice)\b", re.IGNORECASE)


def _cue_after(art: _Article, end: int, limit: int, width: int = 1) -> Token | None:
    """A cue right after a quote (its closing mark ``width`` wide): “…,” she said / “…,” said Trump."""
    after = art.text[end + width : end + width + 2]
    # A quote that ends on one it quotes closes both: “He said, ‘No,’” she said.
    last = art.text[end - 2 : end - 1] if art.text[end - 1 : end] in {"'", "’"} else art.text[end - 1 : end]
    if not (last in {",", "?", "!", "—", "…"} or after[:1] in {",", "—", "–"}):
        return None
    nxt = end + width
    while nxt < len(art.text) and art.text[nxt] in " \t,—–":
        nxt += 1
    # A cue after a quote is on its line: a headline's quote is not said by the paragraph under it ("From Ann Roe
    # writing at the Courier:" over the article it relays).
    line_end = art.text.find("\n", end + width)
    limit = limit if line_end == -1 else min(limit, line_end)
    first = art.token_at(nxt)
    if first is None or first.dep_ == "cc":
        return None  # “…”, and called on X: a coordinated clause goes on, with the subject of the one before
    for token in art.doc[first.i : min(first.i + 14, len(art.doc))]:
        if token.idx >= limit or token.text in {".", "!", "?"} or (art.in_quote(token.idx) and token.idx > end + width):
            break
        if token.lower_ in {"that", "which", "who", "whom"}:
            break  # “…”, a report that officials called premature: a new clause, not this quote's frame
        if speakers.frames_quote(token):
            return token
    return None


def _cue_before(art: _Article, start: int, floor: int, width: int = 1) -> Token | None:
    """A cue in the clause before a quote: X told CNN, “…” / X said: “…” / X said that “…”."""
    lead = art.text[max(floor, start - 40) : start - width].rstrip()
    handover = lead.endswith((":", ",")) or re.search(r"\b(?:that|as|saying|said|says|told|added|wrote)$", lead)
    if not handover:
        return None
    first = art.token_at(start - width)
    if first is None:
        return None
    i = first.i
    seen = 0
    while i >= 0 and seen < 14:
        token = art.doc[i]
        if token.idx < floor or (token.text in {".", "!", "?"} and token.idx < start - 2):
            break
        if not art.in_quote(token.idx) and speakers.frames_quote(token) and not speakers.impersonal(token):
            return token
        i -= 1
        seen += 1
    return None


def _colon_frame(art: _Article, start: int, floor: int, width: int = 1) -> Token | None:
    """“X was defiant: "…"”: the verb of the clause that a colon hands over to the quote."""
    before = art.text[max(floor, start - 2 - width) : start - width].rstrip()
    if not before.endswith(":"):
        return None
    token = art.token_at(len(before) + max(floor, start - 2 - width) - 1)
    if token is None:
        return None
    sent = art.resolver.sentence(token)
    for candidate in [token.head, sent.root, *[t for t in sent if t.dep_ == "advcl"]]:
        if candidate.idx < start and any(c.dep_ in {"nsubj", "nsubjpass"} for c in candidate.children):
            return candidate
    return None


def _ancestor_cue(art: _Article, start: int, end: int) -> Token | None:
    """For a partial quote: the nearest cue above its words in the parse (X argued it would “reward” …). None
    when the words name the occasion of the cue's own clause ("demanding his removal following the “handshake
    row”"): the writer's label for an event, not what the cue's speaker said. Inside a clause the cue reports
    ("said officials apologised after the “unacceptable scenes”") they stay the speaker's words."""
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root.head
    occasion = False
    for _ in range(8):
        if not art.in_quote(token.idx) and speakers.is_cue(token) and not speakers.impersonal(token):
            return None if occasion else token
        if token.lower_ in _OCCASION and token.idx < start:
            occasion = True
        elif token.dep_ in _CLAUSE:
            occasion = False
        if token.head.i == token.i:
            break
        token = token.head
    return None


def _participle_subject(art: _Article, cue: Token) -> Token | None:
    """The subject of a participle cue set off after its sentence's main clause, when the parse hung the
    participle elsewhere ("She criticized the government, stating, “…”", "X expressed satisfaction, stating that
    …"): the main clause's subject says it."""
    root = art.resolver.sentence(cue).root
    if (
        cue.tag_ != "VBG"
        or cue.head.i < cue.i  # (hung on a word after it: the misparse this mends)
        or root.i >= cue.i
        or art.in_quote(root.idx)
        or not any(t.text == "," for t in art.doc[root.i : cue.i])
    ):
        return None
    return speakers.subject(root)


def _that_clause_cue(art: _Article, start: int, floor: int, width: int = 1) -> Token | None:
    """For a partial quote the parse hung elsewhere: a cue whose "that" clause the quote goes on ("stating that the
    company was “pleased ...”"), a few words back in the same sentence, with no other quote between."""
    first = art.token_at(start - width)
    if first is None:
        return None
    that = None
    for token in reversed(art.doc[max(0, first.i - 12) : first.i]):
        if token.idx < floor or token.text in {".", "!", "?", ";"} or art.in_quote(token.idx):
            return None
        if token.lower_ == "that" and token.dep_ == "mark":
            that = token
            break
    if that is None:
        return None
    for token in reversed(art.doc[max(0, that.i - 3) : that.i]):
        if speakers.is_cue(token) and not speakers.impersonal(token):
            return token
    return None


def _inner_cue(art: _Article, cue: Token, head: Token, start: int, end: int) -> tuple[Token, Token]:
    """ "X called it “A” but “B”, the Ledger reported": the words are X's, credited through the outlet, when a cue
    with a speaker of its own governs the quote inside the outlet's report."""
    inner = _ancestor_cue(art, start, end)
    if inner is None or inner.i == cue.i:
        return cue, head
    speaker = speakers.subject(inner)
    if speaker is None or art.in_quote(speaker.idx) or art.names_outlet(speaker):
        return cue, head
    return inner, speaker


# Entity types of a time, which says when something was said, never who said it.
_WHEN = frozenset({"DATE", "TIME"})


def _where(token: Token, cue: Token) -> bool:
    """A preposition the cue governs ("said on Coast News", "said at a rally"): where or how it was said, not who
    said it (a passive's "by" is the parse's agent, no preposition)."""
    return token.dep_ == "prep" and token.head.i == cue.i


def _near_speaker(art: _Article, cue: Token, quote_end: int) -> Token | None:
    """The noun phrase written next to a cue after a quote (“…,” said one source / “…,” Trump said)."""
    doc = art.doc
    # Only a cue after its quote has its speaker written after it: in "a statement saying the fire was “under
    # control”" the noun after the cue is what the statement is about.
    ahead = doc[cue.i + 1 : min(cue.i + 6, len(doc))] if cue.idx >= quote_end else doc[0:0]
    for token in ahead:
        if token.is_punct or art.in_quote(token.idx) or token.ent_type_ in _WHEN or _where(token, cue):
            # “…,” Chief Ann Roe said Monday / said Thursday morning on Fox News: a day is when it was said, and
            # what follows it where; who said it is written before the cue.
            break
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            head = token
            while head.head.i != head.i and head.dep_ in {"compound", "amod", "det", "nummod"}:
                head = head.head
            return head
    for token in reversed(doc[max(0, cue.i - 5) : cue.i]):
        if token.idx <= quote_end or token.is_punct:
            break
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            return token
    return None


def _speaker(
    art: _Article, head: Token | None, previous: _Speaker | None, about: tuple[int, int] | None = None
) -> _Speaker:
    """Name, kind and span of the speaker whose phrase is headed by ``head``. ``about`` is the span of what the
    speaker said: a pronoun or a description ("he", "the judge") never stands for a person named in it ("The
    judge said Hasina, 78, was found guilty" is not Hasina speaking), so such a person is passed over. Speakers
    the parse joins to ``head`` speak with it (:func:`_together`)."""
    one = _one_speaker(art, head, previous, about)
    if head is None or not any(c.dep_ == "conj" for c in head.children):
        return one
    return _together(art, head, one, about) or one


def _one_speaker(
    art: _Article, head: Token | None, previous: _Speaker | None, about: tuple[int, int] | None = None
) -> _Speaker:
    """:func:`_speaker` of ``head``'s own phrase, leaving out who is joined to it."""
    if head is None:
        return _Speaker(None, SpeakerKind.UNKNOWN, None, None, -1)
    doc = art.doc

    def avoid(found: antecedents.Antecedent) -> bool:
        return about is not None and art.names_within(found.name, *about)

    if head.tag_ in {"WP", "WDT"} and head.head.dep_ == "relcl" and head.head.head.i != head.i:
        # "Brandvold, who said ...", "the Ledger, which cited ...": the speaker is what the clause is about,
        # written here as the relative pronoun.
        about_what = head.head.head
        if about_what.like_num or about_what.ent_type_ in _AMOUNTS:
            # "$27.75 per share, which will see each shareholder receive ...": an amount holds no view.
            return _Speaker(head.text, SpeakerKind.UNKNOWN, head.idx, head.idx + len(head), head.idx)
        whom = _speaker(art, about_what, previous, about)
        return _Speaker(whom.name, whom.kind, head.idx, head.idx + len(head), whom.head_pos)
    if head.dep_ == "poss" and head.lower_ in _POSSESSIVES:
        # "when Veloria dropped its demand that ...": the holder is the subject of the verb the noun is held by;
        # not where the verb answers it ("the ICC rejected its request": another's), nor a plural for "its"
        # ("investors cheering its decision").
        verb = head.head.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < head.i), None)
        if (
            verb.pos_ in {"VERB", "AUX"}
            and subject is not None
            and subject.i != head.i
            and not speakers.answers(verb)
            and not (head.lower_ == "its" and subject.tag_ in {"NNS", "NNPS"})
        ):
            held = _speaker(art, subject, previous, about)
            return _Speaker(held.name, held.kind, head.idx, head.idx + len(head), held.head_pos)
        if head.lower_ == "its" and subject is not None and speakers.answers(verb):
            # "In a setback to the PCB, the ICC has rejected its request ...": the body "its" renames, other than
            # the one that answers it.
            body = art.resolver.body(head, besides=subject)
            if body is not None:
                return _Speaker(body.name, SpeakerKind.GROUP, head.idx, head.idx + len(head), body.start)
    if speakers.is_pronoun(head):
        gender = antecedents.gender_of_pronoun(head.text)
        if gender is not None:
            found = art.resolver.person(head, gender, avoid=avoid)
            if found is not None and found.named:
                return _Speaker(found.name, SpeakerKind.PERSON, head.idx, head.idx + len(head), found.start)
            if found is not None:  # "A port manager, who asked not to be named, said ... he said"
                d = _speaker(art, doc[found.head], None, about)
                return _Speaker(d.name, d.kind, head.idx, head.idx + len(head), d.head_pos)
            # Nobody in the article fits: a person it leaves unnamed.
            return _Speaker(head.text, SpeakerKind.ANONYMOUS, head.idx, head.idx + len(head), head.idx)
        if head.lower_ == "it" and head.dep_ != "nsubjpass":  # "it is learnt that ...": no body speaks
            body = art.resolver.body(head)
            if body is not None:
                return _Speaker(body.name, SpeakerKind.GROUP, head.idx, head.idx + len(head), body.start)
        if head.lower_ == "they" and (doer := _clause_holder(art, head)) is not None:
            # "police arrested three men they said were in charge ...": those who did what the clause hangs on.
            held = _speaker(art, doer, previous, about)
            return _Speaker(held.name, held.kind, head.idx, head.idx + len(head), held.head_pos)
        # "they" goes on with the group that spoke last; after one person, it is someone else (a source's
        # singular "they", or that person with others the quote does not name).
        # People named together ("Ted Sarandos and Greg Peters explained ... They added") are a "they" too.
        if head.lower_ == "they" and previous is not None and _plural(previous):
            # Unless people or a body are the subject of a sentence between, the quote's or the one above ("...
            # said Ann Roe and Ed Poe. The judges left. “...,” they said."): the nearest such subject is "they".
            since = previous.end if previous.end is not None else previous.head_pos
            nearer = _subject_above(art, head, head.idx if about is None else about[0], since)
            them = _speaker(art, nearer, None, about) if nearer is not None else None
            if them is not None and _plural(them):
                return _Speaker(them.name, them.kind, head.idx, head.idx + len(head), them.head_pos)
            return _Speaker(previous.name, previous.kind, head.idx, head.idx + len(head), previous.head_pos)
        return _Speaker(head.text, SpeakerKind.UNKNOWN, head.idx, head.idx + len(head), head.idx)
    first, last = speakers.phrase(head)
    first, start, end = _written(art, head, first, last)
    if start <= head.idx and art.resolver.in_dateline(head):
        # "WASHINGTON ― ...": the place a report was filed from, which the parse took for a subject, says nothing.
        return _Speaker(None, SpeakerKind.UNKNOWN, None, None, -1)
    text = art.text[start:end]
    persons = [m for m in art.persons_in(start, end) if _is_head_person(art, m, head)]
    if persons:
        named = next((m for m in persons if m.start <= head.idx < m.end), persons[0])
        last_named = _named_with(art, named)
        if last_named is not None:
            # "co-chief executives Ted Sarandos and Greg Peters explained": both speak, never the first alone;
            # "Mr. Grassley and Mr. Leahy said": each with the title written with the name.
            begin = _titled_from(art, named)
            return _Speaker(art.text[begin : last_named.end], SpeakerKind.PERSON, begin, last_named.end, named.start)
        return _Speaker(named.text, SpeakerKind.PERSON, named.start, named.end, named.start)
    if head.pos_ == "PROPN" and (art.resolver.titled(head) or _apposed_person(head)):
        # "President Trump", "Doull, the presenter for the host broadcaster": the name is a person's, whatever
        # the model typed it; the speaker is the name alone, so that it links to the person.
        p_start, p_end = art.resolver.name_span(head)
        return _Speaker(art.text[p_start:p_end], SpeakerKind.PERSON, p_start, p_end, p_start)
    if head.pos_ == "PROPN":
        left = head
        while left.i > first and left.nbor(-1).pos_ == "PROPN" and left.nbor(-1).dep_ == "compound":
            left = left.nbor(-1)
        # The model missed this mention, but the article names the same person elsewhere; or the phrase is a
        # first name and a surname "of" a body ("Klara Wendt of the Orsa Rivers Trust"), as people are written.
        if head.text in art.person_names or (head.i - left.i == 1 and _of_a_body(left, head)):
            p_start, p_end = left.idx, head.idx + len(head)
            return _Speaker(art.text[p_start:p_end], SpeakerKind.PERSON, p_start, p_end, p_start)
    kind = speakers.kind_of(text, head, persons)
    if kind is SpeakerKind.GROUP and head.pos_ == "NOUN":
        # A plural ("police", "officials") names no one person, whatever role someone was given with the word.
        holder = art.role_holder(text, start) if head.tag_ != "NNS" else None
        if holder is not None and not art.names_within(holder.text, *(about or (0, 0))):
            return _Speaker(holder.text, SpeakerKind.PERSON, start, end, holder.start)
        if holder is None and _definite_person(head):
            # "the then-presidential candidate said": the person the description renames.
            found = art.resolver.description(head, avoid=avoid)
            if found is not None:
                return _Speaker(found.name, SpeakerKind.PERSON, start, end, found.start)
    if kind is SpeakerKind.GROUP and _the_noun_alone(head, text):
        # "Paramount is launching a bid ..., the company announced": the company the sentences before name; "the
        # office said" after "Veloria's Data Protection Office has fined ...": the body whose name it ends.
        found = art.resolver.body(head, subject=True)
        if (
            found is not None
            and found.named
            and art.resolver.is_organisation(doc[found.head])
            and (head.lower_ in _BUSINESSES or found.name.split()[-1].casefold() == head.lower_)
        ):
            # "The Data Protection Office declined ...": the body's name, without the article opening a sentence.
            cut = len(found.name) - len(found.name.removeprefix("The "))
            return _Speaker(found.name[cut:], SpeakerKind.GROUP, start, end, found.start + cut)
    if kind is SpeakerKind.GROUP and _one_unnamed(head, text):
        # "Wong's son", "the city's security chief", "the 52-year-old": one person the quote does not name.
        kind = SpeakerKind.ANONYMOUS
    given = _NAMED_AS.match(art.text, end) if kind is SpeakerKind.ANONYMOUS else None
    if given is not None:
        # "said the 52-year-old, who gave only her surname, Ng": the name the person gave.
        n_start, n_end = given.span("name")
        return _Speaker(given["name"], SpeakerKind.PERSON, n_start, n_end, n_start)
    one_person = kind is SpeakerKind.ANONYMOUS and antecedents.names_a_person(head)  # not "a company called ..."
    surnamed = antecedents.surnamed(head) if one_person else None
    if surnamed is not None:
        # "A 65-year-old resident surnamed Yuen said": the name the description goes on to give.
        n_start, n_end = art.resolver.name_span(surnamed)
        return _Speaker(art.text[n_start:n_end], SpeakerKind.PERSON, n_start, n_end, n_start)
    if kind in {SpeakerKind.ANONYMOUS, SpeakerKind.GROUP}:
        text = _named_within(art, first, last, start, end)
    return _Speaker(text, kind, start, end, start)


def _written(art: _Article, head: Token, first: int, last: int) -> tuple[int, int, int]:
    """The first token and the characters ``[start, end)`` of a speaker's phrase, tokens ``[first, last)`` around
    ``head``, as it is shown: never into a quotation, on ``head``'s line, not back over a dateline's dash, and
    without quotation marks at its edges."""
    doc = art.doc
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    # Never let the phrase run into a quotation.
    while first < last - 1 and art.in_quote(doc[first].idx):
        first += 1
        start = doc[first].idx
    # A phrase stays on its line and leaves out quotation marks at its edges.
    line_start = art.text.rfind("\n", 0, head.idx) + 1
    line_end = art.text.find("\n", head.idx)
    start = max(start, line_start)
    end = min(end, line_end) if line_end >= 0 else end
    # Nor back over a dateline's dash: "ORVATH (MPA) - Velorian payments firm Quillfin said".
    dash = max(art.text.rfind(f" {d} ", start, head.idx) for d in "-–—")
    if dash >= 0:
        start = dash + 3
    while start < end and art.text[start] in "\"“”'‘’«»„ ":
        start += 1
    while end > start and art.text[end - 1] in "\"“”'‘’«»„ ,":
        end -= 1
    return first, start, end


_NAME_GIVEN = r"(?:her|his|their) (?:sur|first |last |family |full )?name"
# ", who gave only her surname, Ng," / ", who only gave her last name, Ng," / ", who asked to be identified as J
# Wong,": the name a source chose to give.
_NAMED_AS = re.compile(
    rf",? who (?:(?:only )?gave (?:only )?{_NAME_GIVEN}(?: only)?(?: as)?|asked to be (?:identified|named|called) "
    rf"(?:only )?(?:as|by {_NAME_GIVEN}(?:,? as)?))[ ,]+(?P<name>(?:[A-Z]\.? )?[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)\b"
)


# Nouns a report renames the business it is about with ("the company said"): the one named as the subject of the
# sentences before, as "it" is (``antecedents.Resolver.body``).
_BUSINESSES = frozenset(
    "company firm studio streamer airline carrier bank insurer retailer broadcaster conglomerate automaker".split()
)


def _clause_holder(art: _Article, pronoun: Token) -> Token | None:
    """The subject of the verb whose object a relative clause of ``pronoun``'s cue qualifies ("police arrested
    three men they said were ...": police), when it names a body or people: a plural common noun, a body's
    noun, or a name of an organisation or a place; not a person ("Trump attacked judges they said ..."), not a
    thing, and not where that verb is itself reported ("Residents said soldiers fired at cars they said ...":
    the residents go on speaking)."""
    cue = pronoun.head
    if pronoun.dep_ != "nsubj" or cue.dep_ != "relcl" or cue.head.dep_ not in {"dobj", "pobj"}:
        return None
    verb = cue.head.head if cue.head.dep_ == "dobj" else cue.head.head.head
    if verb.dep_ in {"ccomp", "xcomp"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or antecedents.names_a_person(subject):
        return None
    if subject.pos_ == "PROPN":
        named = art.resolver.mention_at(subject)
        return subject if named is not None and named.type in {"ORG", "GPE", "NORP"} else None
    if subject.pos_ != "NOUN":
        return None
    if subject.tag_ == "NN" and subject.lower_ not in _COLLECTIVE and kinds.CLASS_NOUNS.get(subject.lower_) != "ORG":
        return None  # "the fire destroyed two homes they said ...": no one
    return subject


def _plural_subject(art: _Article, since: int, before: int) -> Token | None:
    """The head of the last subject of a sentence's main clause between characters ``since`` and ``before``
    (outside quotes) that is people or bodies written in the plural: a plural noun for people or bodies ("the
    judges", "officials", "the two companies", "police") or names joined by "and" ("Ann Roe and Ed Poe", "Veloria
    and Orsa"). A "they" after such a subject is its people, not a group that spoke before it. Pronouns are
    passed over (a "they" between stands for someone already named), and so are things ("the talks collapsed")."""
    span = art.doc.char_span(max(0, since), before, alignment_mode="expand") if since < before else None
    for token in reversed(span or ()):
        if not since <= token.idx < before or token.dep_ not in {"nsubj", "nsubjpass"} or art.in_quote(token.idx):
            continue
        verb = token.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ == "ROOT" and _people_or_bodies(art, token):
            return token
    return None


def _plural(speaker: _Speaker) -> bool:
    """Whether a speaker found for "they" is more than one person: a group, unnamed people, or people named
    together; "Mr. Grassley and Mr. Leahy" read as "Grassley" alone is a half-right speaker, which reads as a
    wrong one (0047)."""
    return bool(speaker.name) and (speaker.kind is not SpeakerKind.PERSON or _several(speaker.name, speaker.kind))


def _people_or_bodies(art: _Article, token: Token) -> bool:
    """Whether a subject's head is people or bodies in the plural (:func:`_plural_subject`)."""
    if token.pos_ == "NOUN":
        return _plural_people(token) or (
            token.tag_ == "NNS" and kinds.CLASS_NOUNS.get(kinds.singular(token.lower_)) == "ORG"
        )
    if token.pos_ != "PROPN" or not any(c.dep_ == "conj" for c in token.children):
        return False
    joined = [token, *(c for c in token.children if c.dep_ == "conj")]
    named = [art.resolver.mention_at(t) for t in joined]
    return all(m is not None and m.type in {"PERSON", "ORG", "GPE", "NORP"} for m in named)


# Nouns of bodies of people written in the singular ("police arrested ..."), beside kinds' nouns of organisations.
_COLLECTIVE = frozenset("police government army military administration ministry court council board".split())


def _the_noun_alone(head: Token, text: str) -> bool:
    """Whether a speaker's phrase is a singular common noun alone with "the" ("the company", "the office")."""
    return head.tag_ == "NN" and text.casefold() == f"the {head.lower_}"


_AGED = re.compile(r"\b\d+-year-old$")


def _one_unnamed(head: Token, text: str) -> bool:
    """Whether a speaker's phrase describes one person without naming them: a singular noun for a person as its
    head, or an age alone."""
    if head.pos_ == "NOUN" and head.tag_ == "NN" and antecedents.names_a_person(head):
        return True
    return _AGED.search(text) is not None


def _is_head_person(art: _Article, person: Mention, head: Token) -> bool:
    """Whether the person named inside a speaker's phrase is the speaker: the phrase's head is the name, or the
    name is in apposition to it ("the harbour master, Ilse Varga"). In "sources close to Hasina" or "a spokesman
    for the mayor, Ilse Varga" the speaker is the noun, and the person only describes it."""
    if head.pos_ != "NOUN" or person.start <= head.idx < person.end:
        return True
    root = art.resolver.name_token(person)
    if root is None:
        return True
    return (root.dep_ == "appos" and root.head.i == head.i) or (head.dep_ == "appos" and head.head.i == root.i)


# What joins the names of people who speak together: "Ted Sarandos and Greg Peters", "Ann Roe, Ed Poe and Al Lee".
_JOINED = re.compile(r"(?:,\s*|\s+)(?:and\s+)?|,?\s+and\s+")


def _named_with(art: _Article, named: Mention) -> Mention | None:
    """The last of the people the parse joins to ``named`` (``conj``: "Ted Sarandos and Greg Peters", "Ann Roe, Ed
    Poe and Al Lee"), when every one of them is a person's name and only commas and "and" stand between them; else
    None. Such a speaker is all of them: the first alone is a half-right speaker, which reads as a wrong one."""
    root = art.resolver.name_token(named)
    if root is None:
        return None
    joined: list[Token] = []
    # "Ann Roe, Ed Poe and Al Lee": the parse may take the second name for the first's apposition, the list's
    # "and" then joining the third to it.
    todo = [
        c
        for c in root.children
        if c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ == "PROPN" and any(g.dep_ == "conj" for g in c.children))
    ]
    while todo:
        token = todo.pop()
        joined.append(token)
        todo.extend(c for c in token.children if c.dep_ == "conj")
    if not joined:
        return None
    end = named.end
    for token in sorted(joined, key=lambda t: t.i):
        person = next((m for m in art.persons_in(end, token.idx + len(token)) if m.start <= token.idx < m.end), None)
        if person is None or not _JOINED.fullmatch(art.text, end, _titled_from(art, person)):
            return None
        end = person.end
    return person


def _titled_from(art: _Article, person: Mention) -> int:
    """Where a person's name starts with the title words written in front of it and parsed as part of the name
    ("Mr." in "Mr. Leahy", "Senator" in "Senator Patrick Leahy"): proper nouns compounded to the name, with
    nothing else between; the name's own start when there are none (a common noun before it, "co-chief executives
    Ted Sarandos", describes the person and is no title)."""
    root = art.resolver.name_token(person)
    first = art.doc.char_span(person.start, person.end, alignment_mode="expand")
    if root is None or first is None or not len(first):
        return person.start
    at = first.start
    while (
        at > 0
        and art.doc[at - 1].pos_ == "PROPN"
        and art.doc[at - 1].dep_ == "compound"
        and art.doc[at - 1].head.i == root.i
        and "\n" not in art.doc[at - 1].whitespace_
    ):
        at -= 1
    return art.doc[at].idx


def _several(name: str | None, kind: SpeakerKind) -> bool:
    """Whether a speaker is people named together ("Ted Sarandos and Greg Peters": :func:`_named_with`), or a
    person with others ("Mr. Smith and his lawyer": :func:`_together`)."""
    return kind is SpeakerKind.PERSON and name is not None and JOINT_SPEAKER.search(name) is not None


# The words that join speakers who speak together: "and" ("Apple and Google", "Mr. Smith and his lawyer"), and
# "both" before the first. "or", "nor" and "but" part them ("Mr. Smith or his lawyer will speak"): neither is known
# to have spoken.
_TOGETHER = frozenset({"and", "&", "both"})
# Characters a speaker with those joined to it may take up: a longer phrase is a list the parse made of more.
_TOGETHER_REACH = 100


def _together(art: _Article, head: Token, one: _Speaker, about: tuple[int, int] | None) -> _Speaker | None:
    """The speaker ``head`` with those the parse joins to it (``conj``), written as the article writes them, where
    :func:`_named_with` did not take them (it takes people named together, each a name): a person and a
    description ("Mr. Smith and his lawyer"), names with a word between ("Ms. Ortiz, and later Mr. Lee"), a
    description and a name ("The senator and Mr. Lee"), bodies ("Apple and Google"). The first alone ("one", the
    speaker of ``head``'s own phrase) is a half speaker, which reads as a wrong one. A pronoun first is written as
    whom it stands for ("He and his lawyer" -> "John Smith and his lawyer"). Its kind is a person's when a person is
    named in it (each is linked where named: ``store.joint``), unnamed people's when all are people no one names,
    a document's when all are documents, else a group's. None (the first alone stands) when a joined word is no
    noun or is an amount, when a description follows a comma with no "and" (an apposition of the one before it),
    when a word other than "and" joins them, when the phrase would leave its line, run into a quotation or
    what was said (or up to it with nothing between: the parse took the clause's subject for one of them), or
    run past :data:`_TOGETHER_REACH` characters."""
    joined: list[Token] = []
    todo = [c for c in head.children if c.dep_ == "conj"]
    while todo:
        token = todo.pop()
        joined.append(token)
        todo.extend(c for c in token.children if c.dep_ == "conj")
    joined.sort(key=lambda t: t.i)
    if not joined or any(t.pos_ not in {"NOUN", "PROPN"} or t.i < head.i or t.ent_type_ in _AMOUNTS for t in joined):
        return None  # "Gary Johnson and 1 percent for Jill Stein": a poll's figures, no one speaking
    if not all(_may_speak(t) for t in (head, *joined)) or any(_named_possessor(t) for t in joined):
        # "mounting student debt and unpaid family [leave]": things, joined as the parse joins any nouns; "Obama and
        # Clinton's gut reaction", "Obama and Clinton's aides": the reaction and the aides are both men's, whoever
        # speaks is not the two men.
        return None
    if any(
        t.pos_ != "PROPN" and t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].lower_ not in _TOGETHER for t in joined
    ):
        # "Even China, Pyongyang's only ally and its economic lifeline, said": a description set after a comma
        # alone describes the one before it; only a name is listed so ("Apple, Google and Meta").
        return None
    words = {c.lower_ for t in (head, *joined) for c in t.children if c.dep_ in {"cc", "preconj"}}
    if not words or not words <= _TOGETHER:
        return None
    doc = art.doc
    pronoun = speakers.is_pronoun(head)
    first = head.i if pronoun else speakers.phrase(head)[0]
    last = speakers.phrase(joined[-1])[1]
    first, start, end = _written(art, head, first, last)
    if (
        end < joined[-1].idx + len(joined[-1])
        or end - start > _TOGETHER_REACH
        or (one.end is not None and one.end >= end)
        or (about is not None and start < about[1] and about[0] < end)
        # "According to the Telegraph, Jermak and his aides are ready to resign": what the parse joined runs
        # straight into what was said, whose subject it is; a cue or a comma stands between a speaker and it.
        or (about is not None and about[0] >= end and not art.text[end : about[0]].strip())
        # Nor over a quotation, nor a title in marks: "said Ann Roe on Coast News’s “Coast and Friends”" is Ann Roe's
        # alone, where the parse joined the "Friends" of the programme's name to her.
        or any(art.in_quote(t.idx) or art.in_title(t.idx) for t in doc[first:last])
    ):
        return None
    kinds_ = {one.kind, *(_kind_alone(art, t) for t in joined)}
    if SpeakerKind.PERSON in kinds_:
        kind = SpeakerKind.PERSON
    elif len(kinds_) == 1 and kinds_ <= {SpeakerKind.ANONYMOUS, SpeakerKind.DOCUMENT}:
        kind = kinds_.pop()
    else:
        kind = SpeakerKind.GROUP
    name = art.text[start:end]
    if pronoun and one.name and one.kind is SpeakerKind.PERSON and one.name != head.text:
        name = one.name + art.text[head.idx + len(head) : end]
    return _Speaker(name, kind, start, end, one.head_pos)


# Singular nouns for people together, who speak as one ("her staff and the general public", "the family").
_COLLECTIVE = frozenset("staff public family police crew board panel jury court council committee couple".split())


def _may_speak(token: Token) -> bool:
    """Whether a part of a speaker joined with others (:func:`_together`) can speak: a name or a pronoun; a plural
    noun ("protesters", "his aides"); a singular noun for a person ("his lawyer"), a body ("the company"), people
    together (:data:`_COLLECTIVE`) or a document ("the statement"); a noun with a name in it ("the Gannett
    newspaper chain"). A singular noun for a thing ("student debt", "gut reaction") says nothing."""
    if token.pos_ != "NOUN" or token.tag_ in {"NNS", "NNPS"}:
        return True
    low = token.lower_
    if antecedents.names_a_person(token) or low in _COLLECTIVE or kinds.CLASS_NOUNS.get(low) in {"ORG", "GPE"}:
        return True
    if speakers.kind_of(token.text, token, []) is SpeakerKind.DOCUMENT:
        return True
    return any(c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in token.children)


def _named_possessor(token: Token) -> bool:
    """Whether a noun joined to a speaker is possessed by a name: "Obama and Clinton's aides" are the aides of
    both (the possessive of the two together), not Obama with Clinton's aides."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in token.children)


def _kind_alone(art: _Article, token: Token) -> SpeakerKind:
    """The kind of the speaker ``token`` heads, alone: a person where its phrase names one (or the name is a
    person's by its title, or the article names that person elsewhere), one unnamed person for a singular noun for
    a person ("his lawyer"), else as :func:`speakers.kind_of` reads the phrase."""
    first, last = speakers.phrase(token)
    start, end = art.doc[first].idx, art.doc[last - 1].idx + len(art.doc[last - 1])
    if any(_is_head_person(art, m, token) for m in art.persons_in(start, end)):
        return SpeakerKind.PERSON
    if token.pos_ == "PROPN" and (art.resolver.titled(token) or token.text in art.person_names):
        return SpeakerKind.PERSON
    text = art.text[start:end]
    kind = speakers.kind_of(text, token, [])
    return SpeakerKind.ANONYMOUS if kind is SpeakerKind.GROUP and _one_unnamed(token, text) else kind


def _apposed_person(head: Token) -> bool:
    """A name with a one-person noun in apposition: "Simon Doull, the presenter for the host broadcaster"."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and antecedents.names_a_person(c) for c in head.children)


def _definite_person(head: Token) -> bool:
    """ "the president", "the then-presidential candidate": one person, written with "the"."""
    return (
        head.tag_ == "NN"
        and antecedents.names_a_person(head)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    )


def _named_within(art: _Article, first: int, last: int, start: int, end: int) -> str:
    """An unnamed source's description with its pronouns replaced by whom they stand for: "sources close to
    her" -> "sources close to Sheikh Hasina" (the span still covers the words as written)."""
    out = art.text[start:end]
    for token in reversed(art.doc[first:last]):
        if not start <= token.idx < end:
            continue
        gender = antecedents.gender_of_pronoun(token.text)
        mention = art.resolver.mention_at(token)
        if mention is not None and mention.type == "PERSON" and token.idx + len(token) == mention.end:
            # "sources close to Hasina" -> "sources close to Sheikh Hasina": the fullest name the article gives.
            name, at, width = art.full_name(mention), mention.start - start, mention.end - mention.start
        elif token.pos_ == "PRON" and gender is not None and token.lower_ not in {"he", "she"}:
            found = art.resolver.person(token, gender)
            if found is None or not found.named:
                continue
            name, at, width = found.name + ("’s" if token.dep_ == "poss" else ""), token.idx - start, len(token)
        else:
            continue
        if at >= 0:
            out = out[:at] + name + out[at + width :]
    return out


def _of_a_body(first: Token, head: Token) -> bool:
    """ "Wendt of the Orsa Rivers Trust": a name the model did not call a body or place, "of" a named body."""
    if head.ent_type_ in {"ORG", "GPE", "LOC", "NORP", "FAC"} or not all(t.text[:1].isupper() for t in (first, head)):
        return False
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in prep.children)
        for prep in head.rights
    )


def _via(art: _Article, speaker: _Speaker, cue: Token | None, start: int, end: int) -> tuple[str, ...]:
    """Outlets the quote is credited through: named in its speaker phrase or cue clause, else a nearby report."""
    if not art.outlets and not art.credits:
        return ()  # the article names no outlet and credits none: nothing to find, whatever the quote's sentence
    found: list[str] = []
    lo = min(x for x in (start, speaker.start, cue.idx if cue is not None else None) if x is not None)
    hi = max(x for x in (end, speaker.end, cue.idx if cue is not None else None) if x is not None)
    sent_lo, sent_hi = lo, hi
    for char in (lo, hi - 1):
        token = art.token_at(char)
        if token is not None:
            sent = art.resolver.sentence(token)
            sent_lo = min(sent_lo, sent.start_char)
            sent_hi = max(sent_hi, sent.end_char)
    for o_start, _o_end, name in art.outlets_from(sent_lo, sent_hi):
        if not (start <= o_start < end) and not art.in_quote(o_start):
            found.append(name)
    if found:
        return tuple(dict.fromkeys(found))
    sentence = art.text[sent_lo:sent_hi]
    if speaker.kind is SpeakerKind.ANONYMOUS:
        # An anonymous source speaks through the report the article credits before it (or just after it).
        before = art.credits_from(0, start - 1)
        if before:
            return (before[-1][1],)
    if speaker.kind is SpeakerKind.ANONYMOUS or _REPORTEDLY.search(sentence):
        near = [(abs(pos - start), name) for pos, name in art.credits_from(start - _VIA_REACH, start + _VIA_REACH)]
        if near:
            return (min(near)[1],)
    return ()


def _direct(art: _Article) -> list[Quote]:
    """Every quoted stretch that a cue, or the speaker of the quote before it, attributes."""
    quotes: list[Quote] = []
    previous: _Speaker | None = None
    previous_end = -10_000
    for index, m in enumerate(art.marked):
        words = art.text[m.start : m.end].split()
        floor = art.marked[index - 1].end + art.marked[index - 1].width if index else 0
        limit = (
            art.marked[index + 1].start - art.marked[index + 1].width if index + 1 < len(art.marked) else len(art.text)
        )
        after, before = _cue_after(art, m.end, limit, m.width), _cue_before(art, m.start, floor, m.width)
        # “…,” adding that “…” continues the clause before: its cue is the one that opened the quote.
        cue = before if after is not None and before is not None and after.tag_ == "VBG" else after or before
        confidence = 0.9
        if after is not None and before is None and after.tag_ == "VBG":
            # 'urged negotiators to reach an “ambitious compromise,” emphasizing the stakes': the words are part of
            # what "urged" reports, whose point the participle after them goes on with; it frames no quote.
            # So too where the words are in a relative clause under the one the participle hangs on: "Ann Holm
            # criticised Karl Berg, who urged the council to seek a “lasting settlement,” stressing ...": they are
            # in the clause of "urged", whose subject is Karl Berg, whoever the participle after them goes on with.
            above = _ancestor_cue(art, m.start, m.end)
            if (
                above is not None
                and above.idx < m.start
                and (after.head.i == above.i or _in_relative_below(above, after.head))
            ):
                cue, confidence = above, 0.75
        head = speakers.subject(_past_quote(art, cue)) if cue is not None else None
        if cue is None:
            cue = _colon_frame(art, m.start, floor, m.width)
            head = speakers.subject(cue) if cue is not None else None
            confidence = 0.75
        if cue is None:
            cue = _ancestor_cue(art, m.start, m.end)
            head = speakers.subject(_past_quote(art, cue)) if cue is not None else None
            confidence = 0.6 if cue is not None and speakers.weak(cue) else 0.75
        if cue is None:
            # Only with a speaker found: else the quote may go on with the quote before (below).
            cue = _that_clause_cue(art, m.start, floor, m.width)
            head = (speakers.subject(_past_quote(art, cue)) or _participle_subject(art, cue)) if cue else None
            cue = cue if head is not None and not art.in_quote(head.idx) else None
            confidence = 0.6
        if cue is not None and head is None:
            head = _participle_subject(art, cue)
        if cue is not None and (head is None or art.in_quote(head.idx) or art.in_title(head.idx)):
            head = _near_speaker(art, cue, m.end)
        if cue is not None and head is not None and art.names_outlet(head):
            cue, head = _inner_cue(art, cue, head, m.start, m.end)
        short = len(words) <= _SHORT_WORDS and not _SPEECH_END.search(art.text[m.start : m.end])
        if cue is None:
            follows = previous is not None and _continues(art.text, previous_end, m.start - m.width)
            other = _other_subject(art, previous, previous_end, m.start - m.width) if follows else None
            if other is not None and not short:
                # “...,” Ann Holm said. Bea Lund, her rival, laughed. “...”: Bea Lund's words, not Ann Holm's; a
                # person written between who does nothing of the voice ("Bea Lund was not at the meeting.") leaves
                # the quote to no one. Nor one who only moves, unless the quote comes right after it ("Bea Lund
                # shook her head. “...”": she answers).
                verb = _clause_verb(other)
                # "Bea Lund did not respond to a request for comment.", "Bea Lund will testify next week.": a voice
                # denied or still to come says nothing, and the quote after it is not hers.
                taken = (
                    (speakers.frames_quote(verb) or _gesture_before(art, verb, m.start - m.width))
                    and not art.in_quote(verb.idx)
                    and not _not_yet_or_never(verb)
                    and not _unsaid(verb)  # "Bea Lund said nothing."
                )
                speaker = (
                    _speaker(art, other, None, (m.start, m.end))
                    if taken
                    else _Speaker(None, SpeakerKind.UNKNOWN, None, None, -1)
                )
                if speaker.name is not None or (m.closed and _speech_like(art, m.start, m.end)):
                    confidence = 0.6 if speaker.name is not None else 0.3
                    via = _via(art, speaker, None, m.start, m.end) if speaker.name else ()
                    quotes.append(_quote(art, m.start, m.end, speaker, None, via, True, confidence))
                previous, previous_end = (speaker if speaker.name is not None else None), m.end
                continue
            if short or not follows:
                if short or not m.closed or not _speech_like(art, m.start, m.end):
                    continue
                speaker = _Speaker(None, SpeakerKind.UNKNOWN, None, None, -1)
                confidence = 0.3
                mover = _gesturer(art, m.start - m.width)
                if mover is not None:
                    # "Ann Holm shook her head. “...”": the one who moves, just before the words, says them.
                    speaker, confidence = _speaker(art, mover, None, (m.start, m.end)), 0.6
            else:
                assert previous is not None
                speaker = previous
                confidence = 0.7
            via = _via(art, speaker, None, m.start, m.end) if speaker.name else ()
            quotes.append(_quote(art, m.start, m.end, speaker, None, via, True, confidence))
            previous_end = m.end
            continue
        speaker = _speaker(art, head, previous, (m.start, m.end))
        if speaker.name is None:
            confidence = min(confidence, 0.4)
        via = _via(art, speaker, cue, m.start, m.end)
        quotes.append(_quote(art, m.start, m.end, speaker, _cue_text(cue), via, True, confidence))
        previous, previous_end = speaker, m.end
    return quotes


def _in_relative_below(token: Token, above: Token) -> bool:
    """Whether ``token`` is in a relative clause under ``above`` in the parse ("criticised Karl Berg, who urged
    ...": "urged" under "criticised")."""
    path = [token]
    for a in token.ancestors:
        if a.i == above.i:
            return any(t.dep_ == "relcl" for t in path)
        path.append(a)
    return False


def _other_subject(art: _Article, previous: _Speaker | None, since: int, opening: int) -> Token | None:
    """The subject of a sentence written between a quote (ending at ``since``) and the next quote's opening mark
    (at ``opening``), wholly after the first quote's sentence and outside quotes, that names a person other than
    ``previous``, the first quote's speaker ("Bea Lund, her rival, laughed."): the quote after it is no longer
    ``previous``'s to go on with. A pronoun, a description or the same person again ("Clinton paused.") is none."""
    if previous is None or not previous.name:
        return None
    words = set(previous.name.split())
    span = art.doc.char_span(since, opening, alignment_mode="contract")
    for token in span or ():
        if token.dep_ not in {"nsubj", "nsubjpass"} or _main_verb(token) is None or art.in_quote(token.idx):
            continue
        if art.resolver.sentence(token).start_char < since or (
            previous.start is not None and previous.start <= token.idx < (previous.end or previous.start)
        ):
            continue
        named = _named_subject(art, token, words)
        if named is not None:
            return named
    return None


def _named_subject(art: _Article, subject: Token, besides: set[str]) -> Token | None:
    """The person a sentence's ``subject`` names: the subject itself where it is a person's name, or the name set
    beside it ("Holm's deputy, Bea Lund, nodded": "Bea Lund"); never one all of whose words are in ``besides``
    ("Holm" after "Ann Holm", the same person), where one with a word of its own is another ("Betsy Ebeling" after
    "Tom Ebeling": a wife after her husband, one surname)."""
    for token in (subject, *(c for c in subject.children if c.dep_ == "appos")):
        first, last = speakers.phrase(token)
        named = art.persons_in(art.doc[first].idx, art.doc[last - 1].idx + len(art.doc[last - 1]))
        if any(m.start <= token.idx < m.end and not _same_name(m.text, besides) for m in named):
            return token
    return None


# The words that tell a son from his father of one name: "Donald Trump Jr." is not "Donald Trump".
_GENERATIONS = frozenset("jr jr. sr sr. ii iii iv".split())


def _same_name(name: str, words: set[str]) -> bool:
    """Whether the person's ``name`` is written with ``words`` alone (a title such as "Mr." aside), or holds them
    all ("Hillary Clinton" after "Clinton"); no ``words`` (no one spoke before) are no one's name. A generation
    written with one name and not the other ("Donald Trump Jr." after "Donald Trump") is another person."""
    written = name.split()
    if {w.casefold() for w in written} & _GENERATIONS != {w.casefold() for w in words} & _GENERATIONS:
        return False
    return all(w in words or w.endswith(".") for w in written) or (bool(words) and words <= set(written))


def _main_verb(subject: Token) -> Token | None:
    """The main verb of the sentence ``subject`` is the subject of: its head where that is the root, or the root
    where the parse took a participle set off after the subject for a clause of its own ("Bea Lund, asked about
    the plan, said nothing": "Lund" the subject of "asked", a clause of "said"). None for a subject of a clause."""
    head = subject.head
    if head.dep_ == "ROOT":
        return head
    if (
        head.dep_ == "ccomp"
        and head.head.dep_ == "ROOT"
        and subject.i < head.i < head.head.i
        and any(t.text == "," for t in subject.doc[subject.i : head.i])
    ):
        return head.head
    return None


def _clause_verb(person: Token) -> Token:
    """The verb whose subject ``person`` is, or is set beside (:func:`_named_subject`)."""
    subject = person.head if person.dep_ == "appos" else person
    return _main_verb(subject) or subject.head


# Gestures written as a sentence of their own before a person's words: "Bea Lund shook her head. “...”".
_GESTURES = frozenset(
    "nod nods nodded nodding shrug shrugs shrugged smile smiles smiled grin grins grinned frown frowns frowned "
    "wince winces winced pause pauses paused chuckle chuckles chuckled scoff scoffs scoffed smirk smirks smirked "
    "hesitate hesitates hesitated".split()
)
_SHAKES = frozenset("shake shakes shook".split())
# What a gesture may take as its object and stay one: "shook her head", "shrugged his shoulders", "nodded his assent".
_GESTURE_OBJECTS = frozenset("head shoulders approval agreement assent".split())
# Complements that make a gesture verb an act or a step towards one: "paused the video", "hesitated to sign".
_GESTURE_NOT_ALONE = frozenset({"dobj", "xcomp", "ccomp"})


def _gesture_before(art: _Article, verb: Token, opening: int) -> bool:
    """Whether ``verb`` is a gesture (:data:`_GESTURES`, or shaking one's head) that ends the sentence right before
    a quotation opening at ``opening``, on the same line: who makes it is about to speak. A gesture further up, or
    an act ("Karl Berg closed the harbour in 2010."), tells nothing of who speaks next; nor one done to a thing
    ("Ann Holm paused the video.": the words may be the video's), nor one set beside another person's doing ("Ann
    Holm nodded as Karl Berg read the statement.": the words may be the statement), nor one with another doing
    beside it ("smiled and said nothing", "shook her head and walked out", "smiled, declining to comment")."""
    low = verb.lower_
    if low not in _GESTURES and not (
        low in _SHAKES and any(c.dep_ == "dobj" and c.lower_ == "head" for c in verb.children)
    ):
        return False
    if any(c.dep_ in _GESTURE_NOT_ALONE and c.lower_ not in _GESTURE_OBJECTS for c in verb.children):
        return False
    if any(
        c.dep_ in {"conj", "advcl"} and c.pos_ in {"VERB", "AUX"} and c.lower_ not in _GESTURES for c in verb.children
    ):
        return False  # "smiled and said nothing", "shook her head and walked out", "smiled, declining to comment"
    sentence = art.resolver.sentence(verb)
    own = {c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
    if any(t.dep_ in {"nsubj", "nsubjpass", "csubj"} and t.i not in own for t in sentence):
        return False
    return (
        sentence.end_char <= opening
        and not art.text[sentence.end_char : opening].strip()
        and "\n" not in art.text[verb.idx : opening]
    )


def _gesturer(art: _Article, opening: int) -> Token | None:
    """The person named as the subject of a gesture right before a quotation opening at ``opening``
    (:func:`_gesture_before`): "Ann Holm shook her head. “...”" is hers. A pronoun or a description is left alone."""
    mark = art.token_at(opening)
    if mark is None or mark.i == 0:
        return None
    root = art.resolver.sentence(art.doc[mark.i - 1]).root
    if art.in_quote(root.idx) or not _gesture_before(art, root, opening) or _not_yet_or_never(root):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return _named_subject(art, subject, set()) if subject is not None else None


def _continues(text: str, previous_end: int, opening: int) -> bool:
    """Whether a quote with no cue of its own, opening at ``opening``, goes on with the quote that ended at
    ``previous_end``: in the same paragraph, close after it, or opening the next paragraph when the quote before
    is in the paragraph just above (news writes a speaker's words over several paragraphs so: the attribution
    once, then paragraphs that are all quotation)."""
    between = text[previous_end:opening]
    if "\n" not in between.strip():
        return len(between) < 200
    before, _, after = between.partition("\n")
    return len(before) < 200 and not after.strip()


def _speech_like(art: _Article, start: int, end: int) -> bool:
    """True when a quoted stretch with no cue reads as something said: five words or more, with a finite verb."""
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 5:
        return False
    return any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in span)


_TITLE_PREPOSITIONS = (["with"], ["on"], ["to"], ["in"], ["of"], ["at"], ["from"], ["by"])
# A capitalised name's possessive: "Coast Radio’s", "CBS's".
_OWNERS = re.compile(r"^[A-Z][\w.&-]*['’]s$")


def _owned(art: _Article, before: list[str], start: int) -> bool:
    """Whether the word ``before`` a quotation opening near ``start`` is a name's possessive ("Coast Radio’s"): not
    a pronoun's or an adverb's "is" ("It's “Game Over,” she said", "Here's"), which a quote may follow."""
    if not before or _OWNERS.search(before[0]) is None:
        return False
    owner = art.token_at(art.text.rfind(before[0], max(0, start - 40), start))
    return owner is not None and owner.pos_ in {"PROPN", "NOUN"}


def _is_name(art: _Article, start: int, end: int) -> bool:
    """A quoted name or title: "The Atlantic", "Art of the Deal" (capitalised words, no sentence)."""
    text = art.text[start:end].strip(" ,.")
    words = text.split()
    # A title that ends a sentence keeps its full stop inside the marks: "in an interview with “Harbour Today.”"
    before = art.text[max(0, start - 40) : start].rstrip("\"“«„' ").split()[-1:]
    # After a preposition ("in an interview with “Harbour Today.”") or an owner's name (Coast Radio’s “Morning
    # Tide.”, a programme, a book or a campaign of the one named).
    titled = "." not in text and (before in _TITLE_PREPOSITIONS or _owned(art, before, start))
    if not words or len(words) > 8 or (_SPEECH_END.search(art.text[start:end]) and not titled):
        return False
    if any(o_end <= end + 4 for _, o_end, _ in art.outlets_from(start - 4, end + 4)):
        return True
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "de", "la", "le"}
    capitalised = [w for w in words if w.lower() not in small]
    # One word is a title only after a title's preposition ("a drama worthy of “Succession.”"): alone, a capitalised
    # word in marks may be a one-word answer.
    return (
        bool(capitalised)
        and all(w[:1].isupper() for w in capitalised)
        and len(words) <= 6
        and (len(words) > 1 or titled)
    )


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    if cue.pos_ == "AUX":  # a colon frame: "was defiant"
        nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
        return f"{cue.text} {nxt.text}" if nxt is not None and nxt.pos_ == "ADJ" else cue.text
    return cue.text


def _quote(
    art: _Article,
    start: int,
    end: int,
    speaker: _Speaker,
    cue: str | None,
    via: tuple[str, ...],
    direct: bool,
    confidence: float,
    kind: QuoteKind = QuoteKind.SPEECH,
) -> Quote:
    return Quote(
        text=art.text[start:end],
        start=start,
        end=end,
        speaker=speaker.name,
        speaker_kind=speaker.kind,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        cue=cue,
        via=via,
        direct=direct,
        kind=kind,
        confidence=round(confidence, 2),
    )


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


def _bare_participle(cue: Token) -> bool:
    """A past participle joined to another word with no auxiliary or subject of its own ("were missing or
    believed dead"): a passive, whose subject climbed to is what is said or believed, never who says it."""
    if cue.dep_ != "conj" or any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in cue.children):
        return False
    if cue.head.lower_ in _BE and cue.tag_ in {"VBD", "VBN"}:
        # "were unreachable or believed to be trapped": "were" serves both; the infinitive makes it a passive
        # with no object of its own ("was defiant and said ...", "and warned the port to close" keep their subject).
        return not any(c.dep_ == "dobj" for c in cue.children) and any(
            c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in cue.children
        )
    return cue.tag_ == "VBN" and cue.head.tag_ != "VBN"


def _past_quote(art: _Article, cue: Token) -> Token:
    """The verb a cue is really coordinated with. In 'X said that Y had “…”, and called on Z', the parse joins
    "called" to the quoted verb, whose subject is Y; a coordination cannot reach into a quotation, so it is the
    cue that governs the quote (its subject is X)."""
    if cue.dep_ == "conj" and art.in_name(cue.head) and cue.head.head.pos_ in {"VERB", "AUX"}:
        # "Dhaka sentenced its former leader Ana Rell Voss and demanded ...": the parse made the name's last word
        # a verb and joined "demanded" to it; the name is the object of the verb before it, the one coordinated.
        return cue.head.head
    if cue.dep_ == "conj" and not speakers.is_cue(cue.head) and cue.head.dep_ == "ccomp":
        # "stated that it would lead to X and called the merger Y": the parse joins "called" to the reported
        # verb (subject "it"); a speech verb goes with the speech verb above it.
        above = cue.head.head
        if speakers.is_cue(above) and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
            return above
    if cue.dep_ != "conj" or not art.in_quote(cue.head.idx):
        return cue
    token = cue.head
    for _ in range(8):
        if token.head.i == token.i:
            break
        token = token.head
        if not art.in_quote(token.idx) and speakers.is_cue(token):
            return token
    return cue


class _Direct:
    """The direct quotes, indexed by where they start and how far the ones so far reach."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]
        self.reach = list(accumulate((q.end for q in self.quotes), max))


def _finite(clause: Token) -> bool:
    """A clause with a tense or a "that": "think (that) it will fail", not a sight ("saw smoke rising")."""
    return clause.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"mark", "aux", "auxpass"} and c.tag_ in {"IN", "MD", "VBD", "VBZ", "VBP"} for c in clause.children
    )


def _unsaid(cue: Token) -> bool:
    """ "did not respond to calls seeking comment", "would not comment on the talks": a negated speech verb with no
    clause reports that nothing was said (a refusal), not words someone said; so does one whose object is nothing
    ("said nothing", "said little")."""
    if any(c.dep_ == "dobj" and c.lower_ in {"nothing", "little"} for c in cue.children):
        return True
    return any(c.dep_ == "neg" for c in cue.children) and not any(c.dep_ == "ccomp" for c in cue.children)


def _closed(art: _Article, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` taken to the closing mark of a quotation it opens and stops just short of: 'over the
    “next few decades.”', not 'over the “next few decades' (the reader sees where the speaker's words end)."""
    k = bisect_right(art._marked_starts, end) - 1
    if k < 0:
        return start, end
    m = art.marked[k]
    if m.closed and start < m.start < end <= m.end and not art.text[end : m.end].strip(" .,;:!?…"):
        return start, m.end + m.width
    return start, end


def _mostly_quoted(start: int, end: int, direct: _Direct) -> bool:
    """Whether direct quotes cover more than half of ``[start, end)``: that span is already reported as them."""
    # Only quotes that reach past ``start`` and begin before ``end`` overlap it.
    near = direct.quotes[bisect_right(direct.reach, start) : bisect_left(direct.starts, end)]
    return sum(max(0, min(end, q.end) - max(start, q.start)) for q in near) > (end - start) / 2


def _carved(art: _Article, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is a clause carved out of a quoted phrase and run on past its closing mark:
    'emphasized "the principle that borders must not be changed by force" as fundamental' gave 'borders must not
    ... force" as fundamental'; the quote is reported as it stands. A clause that opens with a quote ('said that
    “exactly who did it” remains under investigation') starts at the quote's first word, and stays."""
    i = bisect_right(art._quote_starts, start) - 1
    if i < 0 or not art.quoted[i][0] <= start < art.quoted[i][1] or art.in_quote(end - 1):
        return False
    return bool(art.text[art.quoted[i][0] : start].strip(" \"“'‘«„"))


# Whether a word may be a cue or an attitude (speakers.cue_or_attitude_word), by the string store's hash of it.
_CUE_WORD_IDS: dict[int, bool] = {}


def _cue_candidates(doc: Doc) -> Iterator[Token]:
    """The tokens :func:`_reported` asks its rules of: those it walks (a verb, an auxiliary, an adjective or
    "according") that are a cue or an attitude by their word, or that hold a clause complement ("ccomp"). The
    others, most verbs of an article, pass none of its first tests; they are passed over by their word's hash and
    position, without making a Token of them."""
    picked = tokens.indexes(doc, pos=_CUE_TAGS, lower=_ACCORDING)
    holding = tokens.governing(doc, "ccomp")
    known = _CUE_WORD_IDS
    if len(known) > 1 << 16:
        known.clear()
    for i, low in zip(picked, tokens.lower_ids(doc, picked), strict=True):
        if i not in holding:
            word = known.get(low)
            if word is None:
                word = known[low] = speakers.cue_or_attitude_word(doc.vocab.strings[low])
            if not word:
                continue
        elif not any(c.isalpha() for c in doc.vocab.strings[low]):
            continue  # "WASHINGTON ― Trump's obsession is ...": a dash the parse took for a verb holds no clause
        yield doc[i]


def _reported(art: _Article, direct: _Direct) -> list[Quote]:
    """Reported speech: the clause a speech cue governs ("X said that ...", "according to X, ...")."""
    found: list[Quote] = []
    for token in _cue_candidates(art.doc):
        if art.in_quote(token.idx) or speakers.attributive(token):
            continue
        speech = speakers.is_cue(token) and not speakers.weak(token)
        # Any verb whose clause complement a person holds is an attribution too ("Cruz seemed to think that").
        # The clause must be in the verb's paragraph: a heading run into the paragraph below it ("Hasina sentenced
        # to death" over "In a historic verdict on Monday, Hasina was sentenced ...") is parsed as one.
        holds = (
            token.pos_ == "VERB"
            and token.lower_ not in _NOT_HELD
            and any(
                c.dep_ == "ccomp"
                and _finite(c)
                and "\n" not in art.text[min(c.idx, token.idx) : max(c.idx, token.idx)]
                and not art.in_name(c)  # a name's last word the parse took for a verb heads no clause
                for c in token.children
            )
        )
        attitude = not speech and (speakers.is_attitude(token) or holds)
        if not (speech or attitude):
            continue
        around = speech and token.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in token.children)
        passive = contents.passive(token)
        closing = contents.trailing(token) if speech and token.dep_ == "advcl" else None
        if token.lower_ == "according":
            content = contents.according(token)
        elif closing is not None:
            content = closing  # "The toll rose to 83 ..., emergency services reported.": what they reported
        elif around:
            content = contents.around(token)  # "This campaign, he says, is different."
        elif passive is not None:
            content = passive  # "The plan was criticized by the union": the plan is what is attributed
        else:
            content = contents.of_cue(token, speech)
        if content is None or (speech and _unsaid(token)):
            continue
        start, end = _closed(art, *contents.in_paragraph(art.text, content, token.idx))
        if end <= start or (speech and end - start < 12) or _mostly_quoted(start, end, direct):
            continue
        if _carved(art, start, end):
            continue
        head = speakers.agent(token) if passive is not None else speakers.subject(_past_quote(art, token))
        if passive is not None and contents.passive_of_a_state(token):
            # "Sixty people were confirmed dead", "were shown photographs": who died or was shown something is no
            # one's words or view.
            continue
        if passive is None and _bare_participle(token):
            head = None  # "were unreachable or believed to be trapped": who is believed, not who believes
        if attitude and passive is None and (head is None or head.pos_ not in {"NOUN", "PROPN", "PRON"}):
            continue  # an attitude needs a holder: "voters want", not "to want"
        if attitude and token.lower_ == "considering" and token.dep_ == "pcomp":
            continue  # "engage with all parties considering peace and stability": in view of, held by no one
        relayed = _relayed(art, token) if speech and head is not None else None
        reporter = _speaker(art, head, None, (start, end)) if relayed is not None else None
        speaker = _speaker(art, relayed or head, None, (start, end))
        # The speaker inside what they said is a misparse, except where a span cannot have holes: a parenthetical
        # cue, and a cue inside a relative clause ("the deal, which she plans to sign in May").
        relative = art.text[start : start + 6].split(" ")[0].lower() in {"which", "that", "who"}
        if head is not None and start <= head.idx < end and not (around or relative):
            continue
        if contents.said_of_the_relative(token):
            # "one of eight that officials said are housing 900 people": what was said ("[the shelters] are
            # housing ...") has its subject outside the span, which would say its own cue: no words to show.
            continue
        if speech and not (token.lower_ == "according" or around) and not contents.proposition(art.doc, start, end):
            # "Trump praised the streaming company", "the deal was criticized by the union": a bare thing under a
            # speech verb says no words of the speaker's, only an attitude or an act towards it.
            if speakers.lemma(token) in _HOLDS_NO_VIEW:
                continue  # "has maintained silence about the call": a manner kept, no view of anything
            if speakers.lemma(token) in _ACTS_ON_A_THING:
                continue  # "charged the captain with fraud", "posted a video": an act done, not words or a view
            speech = False
        if speech and token.lower_ in _AGREEING and any(c.dep_ == "dobj" for c in token.children):
            speech = False  # "agreed a $9bn deal to buy the port": an act towards a thing, whatever follows it
        if not speech and token.lower_ in _TO_WHOM and _a_party(art, start, end):
            continue  # "addressed reporters", "had written to the league", "citing sources": who, not a view
        via = _via(art, speaker, token, start, end)
        if reporter is not None and reporter.name and not via:
            via = (reporter.name,)  # "..., Cricbuzz reported citing sources": the sources', through Cricbuzz
        confidence = (0.65 if speaker.name else 0.35) if speech else 0.45
        kind = QuoteKind.SPEECH if speech else QuoteKind.VIEW
        found.append(_quote(art, start, end, speaker, _cue_text(token), via, False, confidence, kind))
    return found


_REPORTING = frozenset({"report"})
_CITING = frozenset({"citing"})


def _relayed(art: _Article, cue: Token) -> Token | None:
    """Whom a report relays: the object of "citing" on a cue of reporting ("..., the Ledger reported citing
    sources", "Citing the city government, the Ledger reports that ..."). A report that cites its source passes
    that source's words on; the one who reports them is the channel, not the speaker. Other cues keep their
    speaker ("the board said, citing a study, that ..." is the board's claim)."""
    if speakers.lemma(cue) not in _REPORTING:
        return None
    citing = [c for c in cue.children if c.lower_ in _CITING and c.dep_ in {"advcl", "xcomp"}]
    # "Citing X, the Ledger reports that ...": opening its line before the cue, however the parse hung it.
    opening = art.token_at(art.text.rfind("\n", 0, cue.idx) + 1)
    if opening is not None and opening.lower_ in _CITING and not _SENTENCE_END.search(art.text, opening.idx, cue.idx):
        citing.append(opening)
    for participle in citing:
        cited = next((c for c in participle.children if c.dep_ == "dobj"), None)
        if cited is not None:
            return cited
    return None


def _seemings(art: _Article, direct: _Direct, held: list[Quote]) -> list[Quote]:
    """The writer's impressions and unnamed reports: "The plan seemed to work", "Voters appeared unmoved", "The
    mayor has reportedly left" (no one is their source). Left out around a view someone holds ("Voters seemed to
    think that ..."): that view is the attribution."""
    found: list[Quote] = []
    for token in tokens.where(art.doc, lower=contents.SEEMING_WORDS):
        if art.in_quote(token.idx):
            continue
        content = contents.seeming(token) or contents.hearsay(token)
        if content is None:
            continue
        start, end = contents.in_paragraph(art.text, content, token.idx)
        if end <= start or _mostly_quoted(start, end, direct):
            continue
        if any(start <= q.start and q.end <= end and q.speaker for q in held):
            continue
        nobody = _Speaker(None, SpeakerKind.UNKNOWN, None, None, -1)
        kind = QuoteKind.SPEECH if token.lower_ == "reportedly" else QuoteKind.VIEW  # unnamed reports are speech
        found.append(_quote(art, start, end, nobody, token.text, (), False, 0.3, kind))
    return found


_POLL = re.compile(r"^(?:poll|polls|polling|survey|surveys)$", re.IGNORECASE)


def _polls(art: _Article, direct: _Direct) -> list[Quote]:
    """What a poll reports, named by "in": "In the latest poll, Kovacs leads" / "Kovacs leads in the polls"."""
    found: list[Quote] = []
    for token in tokens.where(art.doc, lower=_IN):
        if token.lower_ != "in" or token.dep_ != "prep" or art.in_quote(token.idx):
            continue
        poll = next((c for c in token.children if c.dep_ == "pobj" and _POLL.match(c.text)), None)
        if poll is None or token.head.pos_ not in {"VERB", "AUX"}:
            continue  # "support in the polls" belongs to a noun: no clause is reported
        content = contents.beside(token)
        if content is None:
            continue
        start, end = contents.in_paragraph(art.text, content, token.idx)
        if end - start < 12 or _mostly_quoted(start, end, direct):
            continue
        speaker = _speaker(art, poll, None)
        found.append(_quote(art, start, end, speaker, token.text, (), False, 0.4, QuoteKind.VIEW))
    return found


def _stances(art: _Article, direct: _Direct) -> list[Quote]:
    """Views held through a noun: "Trump's call for a ban", "her support for the bill", "his claim that ..."."""
    found: list[Quote] = []
    for token in tokens.where(art.doc, lower=speakers.HOLDER_NOUNS):
        if art.in_quote(token.idx):
            continue
        head = speakers.holder(token)
        if head is None:
            continue
        content = contents.of_noun(token)
        if content is None:
            continue
        start, end = contents.in_paragraph(art.text, content, token.idx)
        if end <= start or _mostly_quoted(start, end, direct):
            continue
        speaker = _speaker(art, head, None, (start, end))
        # "his claim that the port was safe" reports words; "his comments about the sale" only what they were on.
        said = speakers.speech_noun(token) and contents.proposition(art.doc, start, end)
        kind = QuoteKind.SPEECH if said else QuoteKind.VIEW
        found.append(_quote(art, start, end, speaker, token.text, (), False, 0.4, kind))
    return found


_HEADLINE = re.compile(r"^(?P<who>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4}): (?P<what>[^\n]{12,})$", re.M)


_HEADLINE_WORDS = 20
# Labels of a credit line ("Source: Harbour Gazette"), which names where a text or a picture came from, and of a
# page's furniture ("Correction: ...", "Contributing: Ann Roe", "Email: ...").
_CREDIT_LABELS = frozenset(
    "source sources photo photos picture pictures image images video credit credits file correction corrections "
    "clarification contributing email e-mail update updated".split()
)
# A sentence ends after a word of two lower-case letters or more ("in June. A draft"), not after "U.S." or "Mr.".
_NEXT_SENTENCE = re.compile(r"[a-z0-9]{2}[.!?][”\"’']? [A-Z]")


def _names_a_party(art: _Article, start: int, end: int) -> bool:
    """Whether a headline's label of several words at ``[start, end)``, which no word of it types, is a name the
    article gives someone: a mention of a person or a body there. A page's furniture ("The Latest", a newsletter's
    name, a column's) is none; one word ("Brun: ...") is read as a name, unless it is a credit's or a page's label
    (:data:`_CREDIT_LABELS`), and so is a transcript's label in capitals (:func:`_transcript_label`)."""
    return any(m.start <= start and end <= m.end and m.type in {"PERSON", "ORG", "NORP", "GPE"} for m in art.mentions)


def _transcript_label(art: _Article, start: int, end: int) -> bool:
    """Whether a headline's label at ``[start, end)`` is a transcript's speaker in capitals ("JAKE TAPPER: ...",
    "SEN. BERNIE SANDERS: ..."), a name the model does not type: capitals with no word of a sentence's grammar, as a
    kicker has ("FIX IS IN: ...", "STAT OF THE WEEK: ...")."""
    span = art.doc.char_span(start, end, alignment_mode="expand")
    return art.text[start:end].isupper() and span is not None and not any(t.is_stop for t in span)


def _headline(art: _Article) -> list[Quote]:
    """ "Lynch: No outside influence on FBI probe": a headline that puts words in a named source's mouth."""
    found = []
    for match in _HEADLINE.finditer(art.text):
        start, end = match.span("what")
        who_start, who_end = match.span("who")
        if len(match.group("what").split()) > _HEADLINE_WORDS or _NEXT_SENTENCE.search(match.group("what")):
            continue  # a paragraph after a label or a dateline ("Background: Talks collapsed in June. ...")
        if any(m.type in {"GPE", "LOC"} and (m.start, m.end) == (who_start, who_end) for m in art.mentions):
            continue  # "Karsova: Dastmari politicians reacted ...": a dateline, not a speaker
        if match.group("who").lower() in _CREDIT_LABELS:
            continue  # "Source: Harbour Gazette", "Photo: Ivo Marlow": a credit line names no speaker
        while end > start and art.text[end - 1] in " .":
            end -= 1
        persons = art.persons_in(who_start, who_end)
        kind = SpeakerKind.PERSON if persons else speakers.kind_of(match.group("who"), None, [])
        if (
            kind is SpeakerKind.UNKNOWN
            and " " in match.group("who")
            and not _transcript_label(art, who_start, who_end)
            and not _names_a_party(art, who_start, who_end)
        ):
            continue  # "The Latest: ...", "Tuesday’s Morning Email: ...": a page's furniture, not a name
        if kind is SpeakerKind.UNKNOWN:
            kind = SpeakerKind.GROUP
        speaker = _Speaker(match.group("who"), kind, who_start, who_end, who_start)
        found.append(_quote(art, start, end, speaker, ":", (), False, 0.5))
    return found


def find(
    doc: Doc, mentions: tuple[Mention, ...], *, outlet: str | None = None, text: str | None = None
) -> tuple[Quote, ...]:
    """Every quote in the parsed article ``doc``, direct and reported, in text order. ``text`` is ``doc.text`` when
    the caller has it (a Doc joins its tokens again each time it is asked)."""
    art = _Article(doc, mentions, outlet, text)
    direct = _direct(art)
    covered = _Direct(direct)
    held = _reported(art, covered) + _stances(art, covered) + _polls(art, covered)
    reported = _outermost(held + _seemings(art, covered, held) + _headline(art))
    found = sorted(direct + _nested(art, direct) + reported, key=lambda q: (q.start, q.end))
    return tuple(_the_source_goes_on(_she_goes_on(art, _they_go_on(art, found))))


# An unnamed source written again with "the" and its noun alone ("the source said", "the officials added").
_THE_SOURCE = re.compile(r"^the (sources?|insiders?|officials?|diplomats?|person|people)$", re.IGNORECASE)
_SOURCE_NOUNS = re.compile(r"\b(sources?|insiders?|officials?|diplomats?|person|people)\b", re.IGNORECASE)


_PLURAL_NOUNS = {
    "sources": "source",
    "insiders": "insider",
    "officials": "official",
    "diplomats": "diplomat",
    "people": "person",
}


def _noun_key(noun: str) -> str:
    """One key for a noun's singular and plural ("source", "sources"; "person", "people")."""
    noun = noun.casefold()
    return _PLURAL_NOUNS.get(noun, noun)


_COUNTED_BEFORE = re.compile(r"^(?:the|some|several|many|multiple|two|three|four|five|\d+)\s+", re.IGNORECASE)


def _one_of(description: str, noun: str) -> str:
    """The description of one source of those ``description`` gives, when ``noun`` (as written again) is singular
    and the description's is plural: "Sources close to Sheikh Hasina", "the source" -> "a source close to Sheikh
    Hasina"; otherwise the description itself."""
    if noun.casefold() in _PLURAL_NOUNS:
        return description
    for plural, singular in _PLURAL_NOUNS.items():
        m = re.search(rf"\b{plural}\b", description, re.IGNORECASE)
        if m is None:
            continue
        before = _COUNTED_BEFORE.sub("", description[: m.start()])
        article = "an" if (before or singular)[:1].casefold() in "aeiou" else "a"
        return f"{article} {before}{singular}{description[m.end() :]}"
    return description


def _the_source_goes_on(found: list[Quote]) -> list[Quote]:
    """``found`` (in text order) with an unnamed source written again as "the source" ("the official", "the
    sources") given the description the article first gave it ("Sources close to Sheikh Hasina told ... The
    source said ...": "a source close to Sheikh Hasina"): the nearest unnamed speaker before whose description has
    the same noun, singular or plural (one of several sources is "a source"). The speaker's span stays the words
    written."""
    out: list[Quote] = []
    described: dict[str, Quote] = {}
    for q in found:
        speaker = q.speaker
        if q.speaker_kind is SpeakerKind.ANONYMOUS and speaker:
            again = _THE_SOURCE.match(speaker.strip())
            if again is not None:
                first = described.get(_noun_key(again.group(1)))
                if first is not None and first.speaker:
                    named = _one_of(first.speaker, again.group(1))
                    q = replace(q, speaker=named, confidence=min(q.confidence, first.confidence))
            else:
                for noun in _SOURCE_NOUNS.findall(speaker):
                    described[_noun_key(noun)] = q
        out.append(q)
    return out


_UNRESOLVED = 0.4  # the confidence of a quote whose "they" stays unresolved, as of one with no speaker at all
_THEY_REACH = 600  # characters from the quote before within which "they" still goes on with its speaker
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?:\s|$)")


def _they_go_on(art: _Article, found: list[Quote]) -> list[Quote]:
    """``found`` (in text order) with a "they" no rule resolved given the speaker of the words said just before,
    when that speaker is a group, unnamed people or people named together ("Officials say that … They add that
    …", "A Netflix adviser said … “…”, they said.", "Ann Roe and Ed Poe said … They added …"): the same rule as a
    direct quote's "they" (:func:`_speaker`), across reported speech too, in the sentence after theirs at the
    latest. People or bodies that are the subject of a sentence nearer the "they" are it ("… said Ann Roe. The
    judges left. “…,” they said.": the judges; :func:`_plural_subject`), in its sentence or the one above, and
    after the speaker before. After one named person "they" is someone else, and stays unresolved, at a low
    confidence (:data:`_UNRESOLVED`). An "it" no rule resolved goes on with a document that spoke just before
    ("“…,” a police statement read. “…,” it added.", "According to a report, … It added that …"): a document is an
    "it"."""
    text = art.text
    out: list[Quote] = []
    last: dict[str, Quote | None] = {"they": None, "it": None}
    for q in found:
        pronoun = (q.speaker or "").lower()
        before = last.get(pronoun)
        near = (
            before is not None
            and q.start - before.end < _THEY_REACH
            and len(_SENTENCE_END.findall(text, before.end, q.start)) <= 1
        )
        unresolved = q.kind is QuoteKind.SPEECH and q.speaker_kind is SpeakerKind.UNKNOWN
        nearer = None
        if unresolved and pronoun == "they" and q.speaker_start is not None:
            they = art.token_at(q.speaker_start)
            since = max(before.end, before.speaker_end or 0) if before is not None and near else 0
            nearer = _subject_above(art, they, q.start, since) if they is not None else None
        held = _speaker(art, nearer, None, (q.start, q.end)) if nearer is not None else None
        if held is not None and _plural(held):
            q = replace(q, speaker=held.name, speaker_kind=held.kind, confidence=min(q.confidence, 0.6))
        elif unresolved and near and before is not None:
            q = replace(q, speaker=before.speaker, speaker_kind=before.speaker_kind, confidence=min(q.confidence, 0.6))
        elif unresolved and pronoun == "they":
            # A "they" that goes on with nobody (after people named apart: "Ann Roe said ... Ed Poe said ... they
            # added"): the pronoun stays, and so little is known of who spoke.
            q = replace(q, confidence=min(q.confidence, _UNRESOLVED))
        if q.kind is QuoteKind.SPEECH and q.speaker:
            groupish = q.speaker_kind in {SpeakerKind.GROUP, SpeakerKind.ANONYMOUS} or _several(
                q.speaker, q.speaker_kind
            )
            last["they"] = q if groupish and q.speaker.lower() != "they" else None
            last["it"] = q if q.speaker_kind is SpeakerKind.DOCUMENT else None
        out.append(q)
    return out


def _she_goes_on(art: _Article, found: list[Quote]) -> list[Quote]:
    """``found`` (in text order) with a "he" or "she" no rule resolved (no person in reach before it) given the
    person the same pronoun was the speaker of just before, when no one else spoke between: "Ann Roe can be heard
    yelling ... “...,” she says. “...” / “...” / She then urges ...": the first "she" is Ann Roe, and so is the
    second, though the quote between holds more sentences than the resolver looks back over; a reader reads the
    chain as one person. The person must have spoken (by the pronoun or by name) within :data:`_THEY_REACH`
    characters before it; another person or unnamed source speaking between, or another person named between
    (:func:`_someone_else_named`), breaks the chain."""
    text = art.text
    out: list[Quote] = []
    last: dict[str, Quote] = {}  # gender -> the last quote of the person a pronoun of that gender stood for
    for q in found:
        written = text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else ""
        gender = antecedents.gender_of_pronoun(written) if written.lower() in {"he", "she"} else None
        before = last.get(gender) if gender is not None else None
        if (
            gender is not None
            and before is not None
            and q.speaker_kind in {SpeakerKind.ANONYMOUS, SpeakerKind.UNKNOWN}
            and (q.speaker or "").lower() == written.lower()
            and q.start - max(before.end, before.speaker_end or 0) < _THEY_REACH
            and not _someone_else_named(art, before, q.speaker_start or q.start)
        ):
            q = replace(q, speaker=before.speaker, speaker_kind=SpeakerKind.PERSON, confidence=min(q.confidence, 0.6))
        if q.speaker_kind is SpeakerKind.PERSON and gender is not None and q.speaker:
            last = {gender: q}
        elif q.speaker_kind in {SpeakerKind.PERSON, SpeakerKind.ANONYMOUS}:
            last = {g: b for g, b in last.items() if b.speaker == q.speaker}
            last = dict.fromkeys(last, q)  # the same person again, by name: the chain goes on from here
        out.append(q)
    return out


def _someone_else_named(art: _Article, before: Quote, at: int) -> bool:
    """Whether a person other than ``before``'s speaker is named outside a quotation between where that speaker is
    written and character ``at`` (a pronoun): "“...,” Ann Roe said. “...” Bea Lund, her rival, laughed. “...” She
    then walked out": the "she" may be Bea Lund, whom the resolver no longer reaches either, whoever the quote
    after her name was given to; the chain of :func:`_she_goes_on` stops there."""
    words = set((before.speaker or "").split())
    since = before.speaker_end if before.speaker_end is not None else before.end
    return any(
        m.type == "PERSON" and since <= m.start < at and m.text.split()[-1] not in words and not art.in_quote(m.start)
        for m in art.mentions
    )


def _subject_above(art: _Article, pronoun: Token, opens: int, since: int) -> Token | None:
    """The people or bodies a "they" stands for (:func:`_plural_subject`): a plural subject after character
    ``since`` (the speaker "they" would otherwise go on with) and before the pronoun, in the sentence where the
    quote (opening at ``opens``) or its pronoun begins or in the sentence above; never further up, where a subject
    is only the article's story ("The ministers met in 2019. ... Trade fell. “...,” they said." is not them)."""
    floor = _sentences_before(art, min(opens, pronoun.idx) + 1)
    return _plural_subject(art, max(floor, since), pronoun.idx)


_OWN = frozenset({"i", "we", "me", "us"})
_INNER_HANDOVER = re.compile(r"(?:[:,]|\b(?:said|says|say|told|tells|asked|answered|replied|added|wrote))$")


def _nested(art: _Article, direct: list[Quote]) -> list[Quote]:
    """The words a speaker quotes someone else as saying, inside the speaker's own quote: in “They simply
    answered, ‘We have no idea.’ I have heard it all day,” the inner words are theirs, not the speaker's.

    The inner quote needs a cue of its own written inside the outer one, right before it (“… he told me: ‘…’”) or
    right after it (“‘…,’ she said, …”), and a speaker the cue's subject names: a name or a description written
    there, or a pronoun the article resolves ("he" to a person named before; "they" to the people the sentences
    before the quote speak of, "officers"), never the quoting speaker. Their own words again ("I said, ‘…’") and
    a pronoun that resolves to nobody give no quote. The credit is the outer quote's: what the speaker relays
    reached the article the same way."""
    found: list[Quote] = []
    for outer in direct:
        if outer.kind is not QuoteKind.SPEECH or outer.speaker is None:
            continue
        body = art.text[outer.start : outer.end]
        if not any(mark in body for mark in "'‘\"“«„"):
            continue
        for m in marks.inner(body):
            start, end = outer.start + m.start, outer.start + m.end
            if not m.closed or end - start < 2 or _is_name(art, start, end):
                continue
            cue = _inner_cue_before(art, outer, start, m.width) or _inner_cue_after(art, outer, end, m.width)
            head = speakers.subject(cue) if cue is not None else None
            if cue is None or head is None or not outer.start <= head.idx < outer.end or head.lower_ in _OWN:
                continue
            if _unsaid_inside(cue, head):
                continue
            speaker = _inner_speaker(art, head, outer, (start, end))
            if speaker is None or speaker.name == outer.speaker:
                continue
            confidence = 0.6 if speaker.kind is SpeakerKind.PERSON else 0.5
            found.append(_quote(art, start, end, speaker, _cue_text(cue), outer.via, True, confidence))
    return found


_MAY_SAY = frozenset("would could might can will should may must 'd 'll wo ca".split())
_IF = frozenset({"if", "when", "whenever", "unless", "once"})
_THOUGHT = frozenset("think believe feel wonder hope know imagine guess".split())


def _not_yet_or_never(verb: Token) -> bool:
    """A verb negated ("did not respond", "never answered") or under a modal ("will testify", "would say")."""
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MAY_SAY) for c in verb.children)


def _unsaid_inside(cue: Token, head: Token) -> bool:
    """Whether what a speaker has someone say inside a quote was never said: what they would, could or will say
    ("Sanders can say, ‘…’"), said only if or when something happens, never said ("no one says ‘…’", "he didn't
    say ‘…’"), said in an infinitive ("it's easy for her to say ‘…’"), only thought ("if she thinks ‘…’"), or
    glossed in a participle ("that was him saying, ‘…’"; "they are telling me, ‘…’" is a report)."""
    verbs = [cue, cue.head] if cue.dep_ == "conj" else [cue]
    for verb in verbs:
        for child in verb.children:
            if (child.dep_, child.lower_) == ("aux", "to") or (child.dep_ == "mark" and child.lower_ in _IF):
                return True
        if _not_yet_or_never(verb):
            return True
    if cue.tag_ == "VB" or speakers.lemma(cue) in _THOUGHT:
        return True
    # A progressive's "be" has no subject of its own ("they are telling me"); "That was him saying" has.
    progressive = any(c.dep_ == "aux" and not any(g.dep_ == "nsubj" for g in c.children) for c in cue.children)
    if cue.tag_ == "VBG" and not progressive:
        return True  # "that was the president saying, ‘…’", "Obama saying ‘…’ would help": a gloss, no report
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)
    return negated or head.lower_ in {"nobody", "none", "no-one"}


def _inner_cue_before(art: _Article, outer: Quote, start: int, width: int) -> Token | None:
    """A cue inside ``outer`` in the clause that hands over to an inner quote opening at ``start``."""
    lead = art.text[outer.start : start - width].rstrip()
    if not _INNER_HANDOVER.search(lead):
        return None
    first = art.token_at(len(lead) + outer.start - 1)
    if first is None:
        return None
    for token in reversed(art.doc[max(0, first.i - 13) : first.i + 1]):
        if token.idx < outer.start or token.text in {".", "!", "?"}:
            break
        if speakers.frames_quote(token) and not speakers.impersonal(token):
            return token
    return None


def _inner_cue_after(art: _Article, outer: Quote, end: int, width: int) -> Token | None:
    """A cue inside ``outer`` right after an inner quote ending at ``end``: ‘…,’ he said."""
    tail = art.text[end + width : outer.end]
    if not (art.text[end - 1 : end] in {",", "?", "!"} or tail[:1] == ","):
        return None
    nxt = end + width + len(tail) - len(tail.lstrip(" ,"))
    first = art.token_at(nxt)
    if first is None or first.dep_ == "cc":
        return None
    for token in art.doc[first.i : min(first.i + 6, len(art.doc))]:
        if token.idx >= outer.end or token.text in {".", "!", "?"}:
            break
        if speakers.frames_quote(token):
            return token
    return None


def _inner_speaker(art: _Article, head: Token, outer: Quote, about: tuple[int, int]) -> _Speaker | None:
    """Who the subject ``head`` of an inner quote's cue is (see :func:`_nested`); None when no one is named."""
    if head.lower_ == "they":
        people = _people_before(art, outer.start)
        if people is None:
            return None
        first, last = speakers.phrase(people)
        text = art.doc[first:last].text
        return _Speaker(text, SpeakerKind.ANONYMOUS, head.idx, head.idx + len(head), people.idx)
    if speakers.is_pronoun(head):
        gender = antecedents.gender_of_pronoun(head.text)
        if gender is None:
            return None
        quoting = set((outer.speaker or "").split())
        found = art.resolver.person(head, gender, avoid=lambda f: bool(quoting & set(f.name.split())))
        if found is None or not found.named:
            return None
        # Inside someone's words a pronoun is read only where one other person could be meant: in "Ana met Ben
        # and Carl. “He said, ‘…’”" no one knows who spoke.
        window = _sentences_before(art, outer.start)
        others = {m.text.split()[-1] for m in art.persons_in(window, head.idx)} - quoting
        if others != {found.name.split()[-1]}:
            return None
        return _Speaker(found.name, SpeakerKind.PERSON, head.idx, head.idx + len(head), found.start)
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    first, last = speakers.phrase(head)
    span = art.doc[first:last]
    persons = [m for m in art.persons_in(span.start_char, span.end_char) if _is_head_person(art, m, head)]
    if persons:
        return _Speaker(persons[0].text, SpeakerKind.PERSON, persons[0].start, persons[0].end, persons[0].start)
    kind = speakers.kind_of(span.text, head, [])
    if kind is SpeakerKind.GROUP and head.pos_ == "NOUN":
        kind = SpeakerKind.ANONYMOUS  # "a guard", "the officers": people the speaker does not name
    if kind is SpeakerKind.UNKNOWN:
        return None
    return _Speaker(span.text, kind, span.start_char, span.end_char, span.start_char)


def _sentences_before(art: _Article, before: int) -> int:
    """Where the sentence just above the one holding character ``before`` starts (that one's start if first)."""
    token = art.token_at(max(0, before - 1))
    if token is None:
        return 0
    sent = art.resolver.sentence(token)
    return art.resolver.sentence(art.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char


def _people_before(art: _Article, before: int) -> Token | None:
    """The people a plural "they" inside a quote stands for: the last plural noun for people ("officers",
    "residents") outside quotes in the quote's sentence before it or the sentence just above."""
    last = art.token_at(max(0, before - 1))
    first = art.token_at(_sentences_before(art, before))
    if last is None or first is None:
        return None
    for token in reversed(art.doc[first.i : last.i + 1]):
        if token.idx >= before or art.in_quote(token.idx) or token.pos_ != "NOUN":
            continue
        if any(a.dep_ in {"nsubj", "appos"} and speakers.is_cue(a.head) for a in token.ancestors):
            continue  # "said Miller, one of the negotiators": who a speaker is, not whom they speak of
        if _plural_people(token):
            return token
    return None


def _plural_people(token: Token) -> bool:
    """Whether a noun is people in the plural: "police", or a plural of :data:`_PEOPLE` or of a role of
    :mod:`kinds` ("residents", "officers", "the judges")."""
    one = kinds.singular(token.lower_)
    return token.lower_ == "police" or (
        token.tag_ == "NNS" and (kinds.names_a_person(token.text) or kinds.names_a_person(one) or one in _PEOPLE)
    )


# Plural nouns for people a "they" may stand for, beside the roles of :mod:`kinds` ("officers", "officials").
_PEOPLE = frozenset(
    "resident witness guard expert protester doctor nurse soldier man woman person people relative neighbour "
    "neighbor worker student parent child firefighter rescuer survivor victim passenger analyst critic inspector "
    "investigator agent employee teacher farmer engineer pilot aide voter fan player".split()
)


def _outermost(reported: list[Quote]) -> list[Quote]:
    """``reported`` without what a speaker's reported speech holds of its own: in "Lind said she wanted to tell
    the story of her village", "she wanted to tell ..." is what Lind said; "to tell ..." (a view of "she") and "the
    story ..." (under "tell") are parts of it, not more quotes of hers. A part is one whose speaker is named within
    the words reported ("she"); a verb of the speaker's own beside the first ("said ... and called on the council")
    names its speaker outside them, and stays. Nor is a writer's impression or an unnamed report anyone's once a
    speaker is said to have said it ("Alarms were found not to work, officials said")."""
    speech = [q for q in reported if q.kind is QuoteKind.SPEECH and q.speaker]
    if not speech or len(reported) < 2:
        return reported

    def part(q: Quote, o: Quote) -> bool:
        if o is q or not (o.start <= q.start and q.end <= o.end):
            return False
        if q.speaker is None:
            return True
        named_within = q.speaker_start is not None and o.start <= q.speaker_start < o.end
        return o.speaker == q.speaker and named_within and (o.start, o.end) != (q.start, q.end)

    return [q for q in reported if not any(part(q, o) for o in speech)]
