"""Check a claim the user types against candidate articles: which support it, contradict it or merely report it.

Each candidate article is judged first by its own stored claims, then by the stance model:

- a claim of the article that says the same thing (:func:`newsdesk.claims.match.score`) *supports* the typed
  claim (a questioned one *discusses* it); a claim that gives another value for the same thing, or denies it, where
  the two share their subject (:func:`newsdesk.claims.contradict.find`, not an update over time), or gives the
  claim's subject a categorical value that excludes the claim's ("suspended" against "sacked", "in custody" against
  "in hiding": :mod:`newsdesk.claims.categories`), *contradicts* it.
  The evidence is that claim's span.
- an article none of whose claims decides is judged by the stance model (:func:`newsdesk.claims.stance`,
  ``claim_stances``, one batch for all candidates), with the sentence it picks as evidence. The model reads how an
  article tells a claim, not what it is about, so its verdict stands only on a sentence about the claim's topic
  (:mod:`newsdesk.claims.topic`): support needs one giving the claim's value of a thing alike (the evidence sentence,
  else the article's first such), a contradiction or a discussion one about the same thing; otherwise the article
  *discusses* the claim if a sentence of it is on the topic, else it is unrelated. A stored claim worded like the
  typed one that gives another value of the thing, or the value without the day the claim gives it on, discusses it
  rather than supports it (read, as the model's evidence is, with its article's lead and the sentence before).

The supporters' independent origins are counted as a claim cluster's are (:func:`corroborate.corroborate`): the
copies and rewrites of one report count once, and an article that credits an outlet for the claim relays it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.claims import categories, contradict, corroborate, extract, match, topic, values
from newsdesk.claims.corroborate import StanceFn
from newsdesk.errors import QueryError
from newsdesk.records import DENIAL, Article, Claim, DateMention, Mention, Modality, lead_prefix

__all__ = ["LABELS", "MAX_CHARS", "Candidate", "decides", "judge", "search_query", "typed", "weights"]

LABELS = ("supports", "contradicts", "discusses")  # listed; "unrelated" articles are only counted
MAX_CHARS = 1000  # longest claim accepted
EVIDENCE_CHARS = 400  # longest evidence text returned (the span points into the article for the whole of it)
SEARCH_WORDS = 12  # content words of the claim the full-text search looks for (any of them)
CONTEXT = 0.5  # share of the typed claim's terms a stored claim must hold to contradict it
MIN_WEIGHED = 20  # claims needed to weigh terms by their rarity
LEAD = 3  # the article's first sentences, read as the context of each of its sentences for the claim's topic
_AGE_WORDS = frozenset({"year", "old", "age", "aged"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article to judge: its summary (``id``, ``title``, ``outlet``, ``published``, ``origin``), its text, its
    stored claims and its date mentions (a day they resolve is a day its sentences name: "on Wednesday" in a report
    of 27 November is the 26th)."""

    summary: dict[str, Any]
    text: str
    claims: Sequence[Claim] = ()
    dates: Sequence[DateMention] = ()


def typed(text: str, dates: Callable[[str], Sequence[DateMention]] | None = None) -> Claim:
    """The typed claim read as the claims stage reads a sentence: its values, terms, modality and slot. ``dates``
    reads the date mentions of a text as the dates stage does (the facade passes ``extract.dates.find``, which this
    package may not import): a day the claim names is a date, never a count ("26 November" is no 26 of a thing
    called November).

    Raises:
        QueryError: the claim is empty, holds no word, or is longer than :data:`MAX_CHARS` characters.
    """
    text = " ".join(text.split())
    if not _WORD.search(text):
        raise QueryError('The claim to check holds no word. Write it as a sentence: newsdesk verify "35 people died".')
    if len(text) > MAX_CHARS:
        raise QueryError(
            f"The claim to check is {len(text):,} characters long; at most {MAX_CHARS:,} are read. "
            "Check one sentence at a time."
        )
    # The stage's own reading gives the modality (a denial, a question); values and terms are the whole text's.
    # So does whether it tells a change ("the toll rose to 83"): a report of another figure before is no contradiction.
    read = extract.find(Article(id="typed", source="typed", text=text, language="en"))
    modality = read[0].modality if read else Modality.ASSERTED
    return Claim(
        text=text,
        start=0,
        end=len(text),
        modality=modality,
        # The claim's days are taken from its numbers but give no value: a day is compared as the topic's (the days
        # a sentence names, :mod:`topic`), never as a value a stored claim may differ from, since a report's other
        # day is mostly another thing's ("still dousing the fire on 27 November" denies no start on the 26th).
        values=tuple(v for v in values.find(text, dates=dates(text) if dates else ()) if v.kind != "date"),
        terms=extract.terms(text),
        update=extract.tells_change(text),
    )


def search_query(claim: str, stopwords: frozenset[str]) -> str:
    """A full-text query that finds articles sharing any of the claim's content words (its longest first)."""
    words = list(dict.fromkeys(w for w in _WORD.findall(claim.casefold()) if w not in stopwords and len(w) > 1))
    picked = sorted(words, key=lambda w: (-len(w), words.index(w)))[:SEARCH_WORDS]
    return " OR ".join(f'"{w}"' for w in sorted(picked, key=words.index))


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’-]*)+")


def readings(claim: Claim) -> list[Claim]:
    """The typed claim with its names keyed both ways the stored claims may key them: word by word (as the claims
    stage does without the entities stage) and as whole names ("Tomas Brevik" -> "#tb", as with it)."""
    mentions = tuple(
        Mention(text=m.group(), start=m.start(), end=m.end(), type="") for m in _NAME_RUN.finditer(claim.text)
    )
    named = extract.terms(claim.text, 0, mentions)
    if not mentions or named == claim.terms:
        return [claim]
    return [claim, dataclasses.replace(claim, terms=named)]


def _aligned(claim: Claim, other: Claim) -> Claim:
    """``claim`` with each time it gives without a zone ("06:40") read in the zone ``other`` gives the same time
    in ("06:40 local"): a user seldom types the zone."""
    zoned = {v.value.split()[0]: v.value for v in other.values if v.kind == "time" and " " in v.value}
    if not zoned:
        return claim
    vals = tuple(
        dataclasses.replace(v, value=zoned[v.value]) if v.kind == "time" and v.value in zoned else v
        for v in claim.values
    )
    return dataclasses.replace(claim, values=vals)


def _by_claims(
    claim: Claim, own: Sequence[Claim], weight: dict[str, float] | None = None, text: str = ""
) -> tuple[str, Claim, float] | None:
    """What the article's own claims say of ``claim``: (label, the claim that shows it, confidence), or None.
    ``text`` is the article's (it may write the claim's subject whole where a claim spells it another way).

    A claim giving the same value for the same thing decides first, then one that contradicts it (another value,
    or a denial), then one that says the same in words alone. ``weight`` weighs each term (rarer, heavier), so
    that names every candidate repeats do not make two claims one.
    """
    agreeing: tuple[float, Claim] | None = None
    worded: tuple[float, Claim] | None = None
    slots = categories.read(claim.text)
    # A claim about another person than the typed claim's ("Daniel Jonas" for "Daniel Jones") neither supports nor
    # contradicts it, however alike its words and values.
    own = [other for other in own if not _another_person(claim, other, text)]
    for other in own:
        member = match.Member.of("article", other)
        got = max(match.score(match.Member.of("typed", _aligned(c, other)), member, weight) for c in readings(claim))
        if got <= 0:
            continue
        # The same categorical value of the subject, told plainly in its own clause, is the same thing said: a
        # denial elsewhere in the sentence ("X remains in hiding, while Y has denied all allegations") is another's.
        same = match.relation(_aligned(claim, other).values, other.values) == "same" or _alike(slots, other, text)
        best = agreeing if same else worded
        if best is None or got > best[0]:
            if same:
                agreeing = (got, other)
            else:
                worded = (got, other)
    if agreeing is None and slots:
        # The same categorical value of the subject decides as a contradicting one does (:func:`_against`), however
        # little else of the claim's words the sentence holds: "PCB suspended its director Usman Wahla after a
        # series of rows" shows "The PCB suspended Usman Wahla".
        told = next(
            (o for o in own if not o.update and o.modality != Modality.QUESTIONED and _alike(slots, o, text)), None
        )
        if told is not None:
            return "supports", told, round(told.confidence, 2)
    if agreeing is None:
        updated: Claim | None = None
        for other in own:
            if slots and _against(slots, other, own, text):
                return "contradicts", other, round(other.confidence, 2)
            other = _as_told(other)
            for c in readings(claim):
                aligned = _aligned(c, other)
                if _contradicts(aligned, other):
                    return "contradicts", other, round(other.confidence, 2)
                if (
                    updated is None
                    and (aligned.update or other.update)
                    and _contradicts(_fixed(aligned), _fixed(other))
                ):
                    updated = other  # another figure of the thing, told as a change: the article reports it
        if updated is not None:
            return "discusses", updated, round(updated.confidence, 2)
    found = agreeing or worded
    if found is None:
        return None
    got, other = found
    # A claim alike in words alone that negates them ("The board did not sack X" for "The board sacked X") is no
    # support: it says the claim's words with a "not" (too loosely placed to contradict, decision 0014, h-rc52).
    negated = agreeing is None and other.modality == Modality.DENIED
    label = "discusses" if other.modality == Modality.QUESTIONED or negated else "supports"
    return label, other, round(min(0.95, 0.5 + min(got, 1.0) / 2), 2)


def _as_told(other: Claim) -> Claim:
    """``other`` read as telling a change where it gives a sum as a bid that replaces or tops another
    (:func:`contradict.new_bid`: "raised its bid to $31", "a bid of $31 a share that topped ..."): a later offer is a
    development of the claim's, which the article reports, not another figure of it."""
    if other.update or not any(contradict.new_bid(other, v) for v in other.values):
        return other
    return dataclasses.replace(other, update=True)


# A person's name as a claim writes it: two to four capitalised words ("Daniel Jones", "Usman Wahla"), read as the
# typed claim's subject where it opens it.
_PERSON = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,5}\b")
_OPENERS = frozenset({"the", "a", "an", "in", "on", "at", "his", "her", "their", "its", "but", "and", "as", "after"})


def _names_of(text: str) -> list[str]:
    """The names of two capitalised words or more ``text`` writes (:data:`_PERSON`), a sentence's opening word
    that names no one ("The", "In") left out."""
    found = []
    for m in _PERSON.finditer(text):
        words = m.group().split()
        if words[0].casefold() in _OPENERS:
            words = words[1:]
        if len(words) >= 2:
            found.append(" ".join(words))
    return found


def _another_person(claim: Claim, other: Claim, text: str = "") -> bool:
    """Whether the article's claim ``other`` is about another person than the typed claim's subject (its first name
    of two words or more): ``other`` never writes the subject's last word, and writes a name sharing a word with the
    subject where each holds a word the other lacks ("Daniel Jonas" for "Daniel Jones"; not "Warner Bros" for
    "Warner Bros Discovery"). A name spelt alike where the article (``text``) writes the typed given names before it
    and never the typed last name is the subject transliterated (:func:`_one_subject`: "Usman Walha" for "Usman
    Wahla"). "Jones was suspended" is about "Daniel Jones". A claim naming no one alike is not read here: its first
    name is often not its subject ("PCB chief Mohsin Naqvi ordered the sacking of Walha")."""
    names = _names_of(claim.text)
    if not names:
        return False
    subject = names[0]
    last = subject.split()[-1]
    if re.search(rf"\b{re.escape(last)}\b", other.text, re.IGNORECASE):
        return False
    words = _words(subject)
    for name in _names_of(other.text):
        theirs = _words(name)
        if theirs <= words or words <= theirs or words.isdisjoint(theirs):
            continue
        if not _one_subject(subject, name, text):
            return True
    return False


def _words(name: str) -> frozenset[str]:
    return frozenset(w.strip(".,'’").casefold() for w in name.split())


def _contradicts(claim: Claim, other: Claim) -> bool:
    """Whether ``other`` gives another value than ``claim`` for one unit, or denies it (or asserts what it denies),
    speaking of the same thing: it holds at least half of the typed claim's terms, the values' own words aside.
    A change worded as one ("cut to", "revised") on either side is an update, not a contradiction: "the toll rose to
    83" against an earlier "the toll was raised to 44"."""
    if other.update or claim.update:
        return False
    differ = contradict.differing(claim.values, other.values)
    if differ is not None and _held_apart(claim, other, differ):
        return False  # "Velmar agreed $27.75 a share" and "Corvane's offer of $30": two holders' figures
    if differ is not None:
        skip = {extract.stem(w) for w in _WORD.findall(f"{differ[0]} {differ[1]}".casefold())}
        skip |= _AGE_WORDS if differ[0] == "age" else set()
    elif (claim.modality == Modality.DENIED) != (other.modality == Modality.DENIED):
        if match.relation(claim.values, other.values) == "differ":
            return False
        denial, said = (claim, other) if claim.modality == Modality.DENIED else (other, claim)
        if denial is other and not DENIAL.search(other.text):
            return False  # "Walha, who didn't apprise his skipper" says what he did not do, not that a report is wrong
        if not contradict.denies_in_clause(denial, said):
            return False  # "X remains in hiding, while Y has denied all allegations": another's denial
        skip = set()
    else:
        return False
    mine, theirs = {_key(t) for t in claim.terms} - skip, {_key(t) for t in other.terms} - skip
    shared = len(mine & theirs)
    # A short claim ("Tomas Brevik is 63") may have one term left: it must hold it.
    return shared >= min(2, len(mine)) and shared > 0 and shared / len(mine) >= CONTEXT


def _one_subject(mine: str, theirs: str, text: str) -> bool:
    """Whether the typed claim's subject ``mine`` and an article's ``theirs`` are one: as :func:`categories.one_subject`
    reads two names, or spelt alike where the article (``text``) writes the typed name's given names before the
    last word as it spells it ("Usman Wahla" typed; "Usman Walha" in the article, whose claim says "Walha"): the
    same person transliterated, which a typed claim, having no entity links, cannot tell otherwise. An article that
    also writes the typed spelling ("Daniel Jones" the captain, "Daniel Jonas" his teammate) names two people."""
    if categories.one_subject(mine, theirs):
        return True
    given, last = mine.split()[:-1], theirs.split()[-1].strip(".,'’") if theirs.split() else ""
    if not given or not last or not categories.one_subject(mine, theirs, linked=True):
        return False
    typed = mine.split()[-1].strip(".,'’")
    if re.search(rf"\b{re.escape(typed[:1].upper() + typed[1:])}\b", text):
        return False
    return re.search(rf"\b{re.escape(' '.join(given))}\s+{re.escape(last)}\b", text) is not None


def _tells(slots: Sequence[categories.Slot], sentence: str, text: str = "") -> bool:
    """Whether ``sentence`` (of the article ``text``) gives a categorical slot of the typed claim's (``slots``) the
    same value, of the same subject ("remains in hiding" for "is in hiding")."""
    return any(
        theirs.kind == mine.kind and mine.value == theirs.value and _one_subject(mine.subject, theirs.subject, text)
        for mine in slots
        for theirs in categories.read(sentence)
    )


def _held_apart(claim: Claim, other: Claim, differ: tuple[str, str, str, str]) -> bool:
    """Whether the two values :func:`contradict.differing` found (``differ``: kind, unit, the claim's value, the
    other's) are of two holders or years (:func:`contradict.held_apart`)."""
    kind, unit, mine, theirs = differ
    x = next(v for v in claim.values if (v.kind, v.unit, v.value) == (kind, unit, mine))
    y = next(v for v in other.values if (v.kind, v.unit, v.value) == (kind, unit, theirs))
    return contradict.held_apart(claim, x, other, y)


def _worded(slots: Sequence[categories.Slot], sentence: str, text: str) -> bool:
    """Whether ``sentence`` (of the article ``text``) may tell a categorical slot of the typed claim's (``slots``):
    it gives it (:func:`_tells`), or it names the slot's subject by its last word and holds a word of its value,
    however put (:func:`categories.worded`: "handed down a death sentence to X", which no pattern reads), and no slot
    of that kind is read in it of another subject ("sentencing his aide Y to death")."""
    if _tells(slots, sentence, text):
        return True
    lower = sentence.casefold()
    read = categories.read(sentence)
    return any(
        # No slot of the kind is read of another subject ("sentencing his aide Y to death"); a longer name holding the
        # claim's whole ("Asaduzzaman Khan Kamal" for "Asaduzzaman Khan") is no other subject.
        not any(s.kind == mine.kind and not _within(mine.subject, s.subject) for s in read)
        and categories.worded(mine.kind, mine.value, sentence)
        and re.search(rf"\b{re.escape(mine.subject.split()[-1].strip('.,').casefold())}\b", lower) is not None
        for mine in slots
        if mine.subject.split()
    )


def _within(name: str, other: str) -> bool:
    """Whether every word of ``name`` is a word of ``other`` (case and full stops aside)."""
    words = {w.strip(".,").casefold() for w in other.split()}
    return {w.strip(".,").casefold() for w in name.split()} <= words


def _alike(slots: Sequence[categories.Slot], other: Claim, text: str = "") -> bool:
    """Whether the article's claim ``other`` gives a categorical slot of the typed claim's (``slots``) the same value,
    of the same subject (:func:`_tells`)."""
    return _tells(slots, other.text, text)


def _against(slots: Sequence[categories.Slot], other: Claim, own: Sequence[Claim], text: str = "") -> bool:
    """Whether ``other`` gives a categorical slot of the typed claim's subject (``slots``) a value that excludes the
    claim's ("was suspended" against "was sacked", :mod:`newsdesk.claims.categories`), told plainly and as no
    change, and no claim of its article (``own``, of the text ``text``) gives the claim's value too (an article
    knowing both tells two moments)."""
    if other.update:
        return False
    for mine in slots:
        for theirs in categories.read(other.text):
            if theirs.kind != mine.kind or not categories.exclusive(mine.kind, mine.value, theirs.value):
                continue
            if not _one_subject(mine.subject, theirs.subject, text):
                continue
            wanted = categories.sort_of(mine.kind, mine.value)
            knows = any(
                s.kind == mine.kind
                and categories.sort_of(s.kind, s.value) == wanted
                and _one_subject(mine.subject, s.subject, text)
                for c in own
                for s in categories.read(c.text)
            )
            if not knows:
                return True
    return False


def _fixed(claim: Claim) -> Claim:
    """``claim`` read as no change (what :func:`_contradicts` would say of it were it not worded as an update)."""
    return dataclasses.replace(claim, update=False) if claim.update else claim


def _key(term: str) -> str:
    """A term as comparison sees it: a name ("#tomas") as the word it is at a sentence's start ("toma")."""
    return extract.stem(term[1:]) if term.startswith("#") else term


def weights(claims: Sequence[Claim]) -> dict[str, float]:
    """Each term's weight over ``claims``: inverse document frequency, as a story's matching weighs it; none (each
    term weighs 1) over fewer than :data:`MIN_WEIGHED` claims, too few to tell a common term from a rare one."""
    if len(claims) < MIN_WEIGHED:
        return {}
    story = match.Story("verify")
    story.count(match.Member.of(str(i), c) for i, c in enumerate(claims))
    return story.weights()


def decides(claim: Claim, other: Claim, weight: dict[str, float] | None = None) -> bool:
    """Whether ``other`` (a stored claim) says the same as ``claim`` or contradicts it."""
    return _by_claims(claim, [other], weight) is not None


def _on_topic(
    subject: topic.Topic,
    text: str,
    stance: dict[str, Any],
    dates: Sequence[DateMention] = (),
    slots: Sequence[categories.Slot] = (),
) -> tuple[str, float, int, int]:
    """The model's ``stance`` of the article ``text`` held to the claim's topic: (label, confidence, evidence start,
    evidence end). Support stands on a sentence giving the claim's value of a thing alike (its evidence sentence,
    else the article's first such), a contradiction or a discussion on its evidence sentence speaking of the claim's
    thing; else the article discusses the claim, with a sentence on its topic as evidence, or, with none, is
    unrelated. A sentence is read with the article's lead and the sentence before it as context
    (:meth:`topic.Topic.reads`). A claim of a categorical value (``slots``) is supported only by a sentence that may
    tell that value of its subject (:func:`_worded`)."""
    label, confidence, start, end = stance["label"], stance["confidence"], stance["start"], stance["end"]
    if label not in LABELS:
        return label, confidence, start, end
    spans = list(extract.sentences(text))
    days = [(d.start, d.value) for d in dates if d.value and d.precision == "day"]

    def reads(a: int, b: int) -> str:
        context = _context(text, spans, a)
        # A dateline's day ("Dhaka, November 17 (ANI): Hasina denounced the verdict ...") is the report's, not the
        # day of what the sentence tells: read from the sentence's own words, as the claims stage reads it.
        a += lead_prefix(text[a:b], first=not a)
        return subject.reads(text[a:b], *context, days=[day for at, day in days if a <= at < b])

    def shows(a: int, b: int, got: str | None = None) -> bool:
        # A claim of a categorical value ("X was sacked") is shown only by a sentence naming its subject with a word
        # of that value: the model reads how a text tells a claim, and "X, who didn't brief his captain" is no sacking.
        same = (got or reads(a, b)) == topic.SAME
        return same and (not slots or _worded(slots, text[a:b], text))

    needed = (topic.SAME,) if label == "supports" else (topic.SAME, topic.TOPIC)  # discusses: on the topic
    got = reads(start, end)
    if got in needed and (label != "supports" or shows(start, end, got)):
        return label, confidence, start, end
    if label == "supports":
        shown = next(((a, b) for a, b in spans if shows(a, b)), None)
        if shown is not None:
            return label, confidence, *shown
    discusses = confidence if label == "discusses" else float(stance.get("scores", {}).get("discusses", confidence))
    if got != topic.OFF:
        return "discusses", discusses, start, end
    near = next(((a, b) for a, b in spans if reads(a, b) != topic.OFF), None)
    if near is not None:
        return "discusses", discusses, *near
    return "unrelated", confidence, start, end


def _context(text: str, spans: Sequence[tuple[int, int]], at: int) -> tuple[str, str]:
    """The context a sentence of ``text`` starting at ``at`` is read with for the claim's topic: the article's lead
    (its first :data:`LEAD` sentences of ``spans``) and the sentence before it."""
    lead = text[: spans[min(LEAD, len(spans)) - 1][1]] if spans else ""
    return lead, next((text[x:y] for x, y in reversed(spans) if y <= at), "")


def _days_of(claim: Claim) -> list[str]:
    """The days a stored claim names, as the dates stage resolved them ("on Friday" in a report of the 28th)."""
    return [v.value for v in claim.values if v.kind == "date" and v.unit == "day"]


def judge(claim: Claim, candidates: Sequence[Candidate], stances: StanceFn) -> dict[str, Any]:
    """The verdict on ``claim`` over ``candidates``: the articles that support, contradict or discuss it, each
    with its evidence span, and the supporters' independent origins. ``stances`` judges, in one batch, the
    articles whose own claims decide nothing."""
    decided: dict[int, tuple[str, Claim, float]] = {}
    weight = weights([claim, *(c for candidate in candidates for c in candidate.claims)])
    subject = topic.about(claim)
    slots = categories.read(claim.text)
    for i, candidate in enumerate(candidates):
        got = _by_claims(claim, candidate.claims, weight, candidate.text)
        if got is not None and got[0] == "supports":
            # Said in the same words, but with another value of the thing (a toll of 44 against one of 83), or with
            # the value and not the day the claim gives it on. The stored claim is read as the model's evidence is,
            # with its article's lead and the sentence before: "The blaze killed 128 people" after a lead naming the
            # Carvel fire tells the Carvel fire's toll, without the claim's day.
            own = got[1]
            context = _context(candidate.text, list(extract.sentences(candidate.text)), own.start)
            if subject.reads(own.text, *context, days=_days_of(own)) == topic.TOPIC:
                got = ("discusses", own, got[2])
        if got is not None:
            decided[i] = got
    rest = [i for i in range(len(candidates)) if i not in decided]
    judged = dict(zip(rest, stances([(claim.text, candidates[i].text) for i in rest]), strict=True))
    listed: dict[str, list[dict[str, Any]]] = {label: [] for label in LABELS}
    backing: dict[str, list[dict[str, Any]]] = {label: [] for label in LABELS}
    unrelated = 0
    for i, candidate in enumerate(candidates):
        summary = candidate.summary
        if i in decided:
            label, evidence, confidence = decided[i]
            start, end, by, via = evidence.start, evidence.end, "claim", evidence.via
        else:
            label, confidence, start, end = _on_topic(subject, candidate.text, judged[i], candidate.dates, slots)
            by, via, evidence = "model", (), None
        if label not in listed:
            unrelated += 1
            continue
        listed[label].append(
            {
                "article_id": summary["id"],
                "title": summary.get("title"),
                "outlet": summary.get("outlet"),
                "published": summary.get("published"),
                "stance": label,
                "confidence": confidence,
                "start": start,
                "end": end,
                "evidence": candidate.text[start:end][:EVIDENCE_CHARS],
                "by": by,
                "via": list(via),
            }
        )
        pseudo = evidence or Claim(text=candidate.text[start:end], start=start, end=end)
        backing[label].append(
            {
                "article_id": summary["id"],
                "origin": summary.get("origin"),
                "outlet": summary.get("outlet"),
                "ai_generated": summary.get("ai_generated"),
                "claim": pseudo,
            }
        )
    origins = {label: corroborate.corroborate(rows) if rows else None for label, rows in backing.items()}
    for label, items in listed.items():
        found = origins[label]
        names = {r["article_id"]: r["origin"] for r in found["support"]} if found else {}
        for item in items:
            item["origin"] = names.get(item["article_id"])
        items.sort(key=lambda r: (-r["confidence"], r["published"] or "~"))
    support = origins["supports"]
    against = origins["contradicts"]
    return {
        "claim": claim.text,
        "values": [{"kind": v.kind, "value": v.value, "unit": v.unit, "text": v.text} for v in claim.values],
        "checked": len(candidates),
        **listed,
        "unrelated": unrelated,
        "origins": support["origins"] if support else [],
        "independent_origins": support["independent_origins"] if support else [],
        "single_source": bool(support and support["single_source"]),
        "contradicting_origins": against["independent_origins"] if against else [],
    }
