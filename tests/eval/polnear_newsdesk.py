"""newsdesk's quotes as PolNeAR attributions: the conventions that map newsdesk's output to PolNeAR's annotation.

newsdesk reports what was said as it was written (the quoted words, the speaker's name); PolNeAR's annotators mark
the whole attributed stretch and the whole source noun phrase. The mapping lives here, in the evaluation, not in
newsdesk's extraction, and never looks at the gold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.eval.polnear import Predicted


def newsdesk_predictions(text: str, quotes: Sequence[Any], doc: Any = None) -> list[Predicted]:
    """newsdesk's quotes as PolNeAR attributions.

    PolNeAR's content is the whole attributed stretch: a quote split by its cue ("A," he said, "B.") is one
    content, and a quoted fragment inside reported speech belongs to the reported clause, whose leading
    "that" the annotators include (with the parse ``doc``, a partial quote widens to the clause its cue governs).
    Direct quotes of one speaker that share a cue are joined; a direct quote
    inside a reported clause is left to that clause, and so is an attribution nested in another's content.
    """
    reported = [q for q in quotes if not q.direct]
    out: list[Predicted] = []
    last: Any = None
    for q in sorted(quotes, key=lambda q: q.start):
        if q.direct and any(r.start <= q.start and q.end <= r.end for r in reported):
            continue
        start, end = q.start, q.end
        if q.direct and doc is not None:
            start, end = _whole_clause(doc, q)
        # 'said that “…”': the annotators take in the "that" before a quote as they do before a clause.
        lead = start
        while q.direct and lead == q.start and lead > 0 and text[lead - 1] in "\"“'‘«„ ":
            lead -= 1
        # Marks can stack ("that if X ran, he would lose"): take each one in.
        for _ in range(2):
            word = next(
                (w for w in ("that ", "whether ", "if ") if text[max(0, lead - len(w)) : lead].lower() == w), None
            )
            if word is None:
                break
            start = lead = lead - len(word)
        # A turn is joined over what lies between its quotes, an attribution in the speaker's phrase included
        # ("said one aide, who spoke on condition of anonymity"): that one is nested and dropped below. A quote
        # with no cue of its own that the quote stage gives to a speaker continues the turn before it whatever
        # lies between ("“A,” she said, adding that ... “B.”"); the annotators mark the turn as one content.
        gap = text[last[1].end : q.start] if last is not None else "\n"
        same_turn = (
            last is not None
            and q.direct
            and q.speaker_start is not None
            and "\n" not in gap
            and (
                (q.cue is None and len(gap) < 300)
                or (
                    q.speaker_start == last[1].speaker_start
                    and q.cue in {None, last[1].cue}
                    and not any(
                        last[1].end <= r.start < q.start and (r.speaker or "").lower() not in {"who", "which", "that"}
                        for r in reported
                    )
                    and len(gap) < 200
                )
            )
        )
        if same_turn:
            assert last is not None
            prev = out[last[0]]
            out[last[0]] = Predicted(prev.content_start, end, prev.source_start, prev.source_end)
        else:
            out.append(Predicted(start, end, q.speaker_start, q.speaker_end))
        if q.direct:
            last = (len(out) - 1 if not same_turn else last[0], q)
    # PolNeAR rarely nests one attribution inside another (0.7% of contents): "X said that voters want Y" is
    # one attribution there, two for newsdesk. Keep the outer one.
    return [
        p
        for p in out
        if not any(
            o is not p and o.content_start <= p.content_start and p.content_end <= o.content_end and o != p for o in out
        )
    ]


class NewsdeskPredictor:
    """newsdesk's own quote stage (mentions and quotes over the parse), as PolNeAR attributions."""

    def __init__(self) -> None:
        from newsdesk import nlp

        self.nlp = nlp.load()

    def __call__(self, text: str) -> list[Predicted]:
        from newsdesk.extract import mentions, quotes

        doc = self.nlp(text)
        predicted = newsdesk_predictions(text, quotes.find(doc, mentions.find(doc)), doc)
        return [_whole_source(doc, p) for p in predicted]


# The roles of a cue's dependent that hold what the cue attributes: "said (that) X", "wants X", "called it X".
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "acomp"})
# Of those, the roles of a clause or a saying ("who noted that ...", "who told reporters that ..."), not an object
# ("who has been fighting the port authority for years", which describes the source).
_REPORTED = frozenset({"ccomp", "xcomp"})


def _whole_clause(doc: Any, q: Any) -> tuple[int, int]:
    """A partial quote's attributed stretch: the clause its cue governs when the quote is only part of it
    (X said the plan “would fail” / Trump had “no idea,” she said), else the quote itself."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span) or not q.cue:
        return q.start, q.end
    cue_word = "according" if q.cue == "according to" else q.cue.split()[0]
    below, token = span.root, span.root.head
    for _ in range(6):
        if token.text == cue_word:
            break
        if token.head.i == token.i:
            return q.start, q.end
        below, token = token, token.head
    else:
        return q.start, q.end
    if below.dep_ not in _CLAUSE_DEPS:
        return q.start, q.end
    tokens = [t for t in below.subtree if not t.is_space]
    while tokens and tokens[0].is_punct and not tokens[0].is_quote:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
        tokens.pop()
    if not tokens or "\n" in doc.text[tokens[0].idx : tokens[-1].idx]:
        return q.start, q.end
    return min(q.start, tokens[0].idx), max(q.end, tokens[-1].idx + len(tokens[-1]))


def _whole_source(doc: Any, p: Predicted) -> Predicted:
    """PolNeAR's source is the whole noun phrase ("Florida Sen. Marco Rubio", "Christie, New Jersey's governor,")
    where newsdesk's speaker span is the name alone: widen it over the title words before the name and an
    apposition or "of" phrase after it, on the same line, never into the content."""
    from newsdesk.extract import speakers

    if p.source_start is None or p.source_end is None:
        return p
    span = doc.char_span(p.source_start, p.source_end, alignment_mode="expand")
    if span is None or not len(span):
        return p
    head = span.root
    while head.dep_ in {"compound", "flat"} and head.head.i != head.i:
        head = head.head
    if head.pos_ == "PRON":
        return p
    # "A harbour spokesman, Ilse Varga, said": the name is in apposition to the phrase the annotators mark.
    if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head

    # A turn joined over its cue ("A," X said, "B.") holds the source: there, quote marks are the content's edge.
    inside = p.content_start <= p.source_start < p.content_end

    def usable(t: Any) -> bool:
        if t.is_space or "\n" in t.text:
            return False
        if inside:
            return not (t.is_quote or t.text in {"''", "``"})
        return not (p.content_start <= t.idx < p.content_end)

    def attributes(tokens: list[Any]) -> bool:
        """A relative clause that is itself an attribution ("who noted that ...") is not part of the source."""
        return any(
            (speakers.is_cue(t) or speakers.is_attitude(t)) and any(c.dep_ in _REPORTED for c in t.children)
            for t in tokens
            if t.dep_ == "relcl"
        )

    first = min(span.start, head.i)
    while first > 0:
        t = doc[first - 1]
        if not usable(t) or (t.head.i not in range(first, max(span.end, head.i + 1)) and t.head.i != head.i):
            break
        if t.dep_ not in {"compound", "amod", "det", "nmod", "poss", "nummod", "case", "punct", "npadvmod"}:
            break
        if t.dep_ == "punct" and t.text != "-":
            break
        first -= 1
    # Title words with their own phrases ("Former Secretary of State Hillary Clinton"): the head's whole left
    # side, when every word of it may be taken.
    left = list(doc[head.left_edge.i : first])
    if left and all(usable(t) and t.dep_ != "punct" and t.pos_ not in {"VERB", "AUX", "SCONJ"} for t in left):
        first = head.left_edge.i
    last = max(span.end, head.i + 1)
    for child in head.rights:
        if child.dep_ not in {"appos", "prep", "relcl", "acl", "conj", "cc", "punct"} or child.i < last - 1:
            continue
        tokens = list(child.subtree)
        if not all(usable(t) for t in tokens) or attributes(tokens):
            break
        last = tokens[-1].i + 1
    while last - 1 > first and doc[last - 1].is_punct:
        last -= 1
    # A possessor keeps its "'s" ("Pence's call for ..."): the annotators mark the word as written.
    if last < len(doc) and doc[last].dep_ == "case" and doc[last].head.i == head.i:
        last += 1
    start = min(p.source_start, doc[first].idx)
    end = max(p.source_end, doc[last - 1].idx + len(doc[last - 1]))
    return Predicted(p.content_start, p.content_end, start, end)
