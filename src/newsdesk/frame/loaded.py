"""Loaded wording in a text: words and phrases that pass a judgement, each with its span and a neutral alternative.

The lexicon (``lexicon.tsv``, written by hand from general advice on neutral news wording, not learned from
labelled data: see docs/decisions/0017-framing-by-log-odds.md) lists said-verbs that judge ("slammed", "boasted"),
labels ("regime", "thugs"), intensifiers ("massive", "skyrocketed") and uplift ("heroic", "landmark"), each with a
polarity and, where one exists, the neutral word a plain report would use. A word inside quotation marks is the
speaker's, not the writer's: such hits are kept and marked ``quoted``.

>>> [(p.text, p.polarity, p.alternative) for p in loaded_phrases("The senator slammed the regime's plan.")]
[('slammed', 'neg', 'criticise'), ('regime', 'neg', 'government')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["LEXICON", "LoadedPhrase", "lexicon", "loaded_phrases"]

LEXICON = Path(__file__).with_name("lexicon.tsv")
# A lexicon hit is a guess about the writer's intent: a phrase of several words is less often innocent.
WORD_CONFIDENCE = 0.55
PHRASE_CONFIDENCE = 0.7
MAX_CHARS = 2_000_000  # longer texts are read up to here

_QUOTES = re.compile(r"“[^”\n]{1,2000}”|\"[^\"\n]{1,2000}\"|«[^»\n]{1,2000}»")


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadedPhrase:
    """A loaded word or phrase at ``[start, end)`` of the text; ``alternative`` is a neutral wording (None when the
    word has none but leaving it out); ``quoted`` says it stands inside quotation marks (the speaker's words)."""

    start: int
    end: int
    text: str
    polarity: str
    alternative: str | None
    quoted: bool
    confidence: float


_WORD = re.compile(r"[^\W_][\w-]*")
_REACH = 80  # characters read from where a phrase may begin (its longest phrase is shorter)
_SEEN_WORDS = 200_000  # words whose lexicon entries are remembered
_Entry = tuple[tuple[str, ...], str, str | None]  # (words, polarity, alternative); a word ending in * is a stem


@dataclass(frozen=True, slots=True)
class _Lexicon:
    exact: dict[str, list[_Entry]]  # by first word, longest phrase first
    stems: dict[str, list[_Entry]]  # by the stem of a first word ending in *
    longest_stem: int
    seen: dict[str, list[_Entry]]
    first: re.Pattern[str]  # where a phrase may begin: any first word or stem, as one trie-shaped expression
    # ``first`` matching case as written, for a text lowered (None unless every first word is ASCII): see _starts
    lowered: re.Pattern[str] | None


def _first(word: str, lex: _Lexicon) -> list[_Entry]:
    """The lexicon's phrases whose first word matches ``word``, longest first (remembered: texts repeat words)."""
    known = lex.seen.get(word)
    if known is not None:
        return known
    if len(lex.seen) > _SEEN_WORDS:
        lex.seen.clear()
    found = list(lex.exact.get(word, ()))
    for size in range(min(len(word), lex.longest_stem), 1, -1):
        found.extend(lex.stems.get(word[:size], ()))
    lex.seen[word] = sorted(found, key=lambda e: -len(e[0]))
    return lex.seen[word]


def _matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


@cache
def lexicon(path: Path = LEXICON) -> _Lexicon:
    """The lexicon at ``path``, indexed by each phrase's first word (or its stem)."""
    exact: dict[str, list[_Entry]] = {}
    stems: dict[str, list[_Entry]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, polarity, *rest = line.split("\t")
        alternative = rest[0].strip() if rest and rest[0].strip() else None
        words = tuple(phrase.strip().lower().split())
        entry = (words, polarity.strip(), alternative)
        if words[0].endswith("*"):
            stems.setdefault(words[0][:-1], []).append(entry)
        else:
            exact.setdefault(words[0], []).append(entry)
    trie: dict[str, Any] = {}
    for word, ending in [*((w, "$") for w in exact), *((s, "*") for s in stems)]:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[ending] = {}
    pattern = r"(?<![\w-])" + _trie_regex(trie) + r"(?![\w-])"
    first = re.compile(pattern, re.IGNORECASE)
    lowered = re.compile(pattern) if all(w.isascii() for w in [*exact, *stems]) else None
    return _Lexicon(exact, stems, max((len(s) for s in stems), default=0), {}, first, lowered)


# Characters that match an ASCII letter case-insensitively though lowering keeps them apart (dotless i, long s).
_FOLDED = ("\u0131", "\u017f")


def _starts(text: str, lex: _Lexicon) -> Iterator[re.Match[str]]:
    """Where a phrase of ``lex`` may begin in ``text``: the matches of ``lex.first``, found in the text lowered
    by the same expression matching case as written (about twice as fast) where that finds the very same: the
    lexicon's first words are ASCII, lowering moves no character (as "\u0130" would) and the text has no
    character that matches an ASCII letter case-insensitively though its lower case is another (:data:`_FOLDED`)."""
    if lex.lowered is not None:
        low = text.lower()
        if len(low) == len(text) and not any(c in low for c in _FOLDED):
            return lex.lowered.finditer(low)
    return lex.first.finditer(text)


def _trie_regex(node: dict[str, Any]) -> str:
    """One regular expression matching the words of a character trie (Python's re does not merge prefixes of an
    alternation by itself: four hundred plain alternatives tried at every position are a hundred times slower)."""
    options = []
    for key, child in sorted(node.items()):
        if key == "$":
            options.append("")
        elif key == "*":
            options.append(r"[\w-]*")
        else:
            options.append(re.escape(key) + _trie_regex(child))
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


_SPEECH_ALTERNATIVES = frozenset({"said", "saying", "say", "says"})
# A said-verb in another sense: "the fire claimed at least 156 lives" (killed), "admitted to hospital".
_NOT_SPEECH = re.compile(
    r"\s+(?:(?:at least|more than|over|nearly|about|some|the|their|his|her|its)\s+)?(?:[\d,]+\s+|\w+\s+)?"
    r"(?:lives|life|victims)\b|\s+(?:to|into)\s+(?:a\s+|the\s+)?hospital\b",
    re.IGNORECASE,
)


_VERB_ALTERNATIVES = frozenset({*_SPEECH_ALTERNATIVES, "criticise"})
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|his|her|their|our)\s+$", re.IGNORECASE)


def _speaks(text: str, end: int) -> bool:
    """False when the judging said-verb ending at ``end`` is used in another sense ("claimed ... lives")."""
    return not _NOT_SPEECH.match(text, end)


# "Invasion" is the plain word for one state's forces entering another: "Russia's invasion of Ukraine", "a
# full-scale invasion", "invaded Kuwait". Loaded only of people arriving ("an invasion of migrants").
_STATE_INVASION_AFTER = re.compile(r"\s+(?:of\s+(?:the\s+)?)?[A-Z]")
_STATE_INVASION_BEFORE = re.compile(r"(?:[’']s|\bfull-scale|\bmilitary|\bground|\barmed|\bland)\s+$", re.IGNORECASE)


def _invasion_of_a_state(text: str, start: int, end: int) -> bool:
    if not re.match(r"invad|invasion", text[start:end], re.IGNORECASE):
        return False
    return bool(
        _STATE_INVASION_AFTER.match(text, end) or _STATE_INVASION_BEFORE.search(text, max(0, start - 16), start)
    )


# "A devastating fire", "the disaster" of a flood: plain description of a natural or accidental catastrophe,
# loaded only of a policy, a person or a plan.
_CALAMITY = re.compile(
    r"\b(?:fires?|blazes?|infernos?|floods?|flooding|earthquakes?|quakes?|storms?|hurricanes?|typhoons?|cyclones?|"
    r"tsunamis?|wildfires?|bushfires?|explosions?|blasts?|crash(?:es)?|collapses?|eruptions?|landslides?|droughts?)\b",
    re.IGNORECASE,
)


_OPENING = 600  # characters of an article's opening (its title and lead) that name what it reports


def _of_a_calamity(text: str, start: int, end: int) -> bool:
    """Whether a "disaster" word describes a calamity its sentence names ("the deadliest fire since 1948 ... the
    emblematic frame of the disaster"), or one named just after it."""
    if not re.match(r"disaster|devastat|catastroph", text[start:end], re.IGNORECASE):
        return False
    opens = max(text.rfind(stop, max(0, start - 300), start) for stop in (". ", "? ", "! ", "\n"))
    near = text[max(opens, start - 300, 0) : end + 60]
    # Or the calamity the article opens on ("how such a disaster could happen" in a report on a fire).
    return bool(_CALAMITY.search(near) or _CALAMITY.search(text, 0, min(start, _OPENING)))


# Words of the lexicon in a sense that passes no judgement, told by the words around them: the title holders
# ("the defending champions"), a deal negotiated ("hammered out"), what was expected ("was supposed to present"),
# a plea ("confessed to the crimes"), a hospital's admission, a violent attack ("a deadly militant attack on").
_INNOCENT: tuple[tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (
        re.compile(word, re.IGNORECASE),
        re.compile(before) if before is not None else None,
        re.compile(after) if after is not None else None,
    )
    for word, before, after in (
        (
            r"champion",  # after a determiner, a kind of title or a title's name ("Asia Cup champions India")
            r"(?:\b(?i:defending|reigning|world|former|national|olympic|european|asian|two-time|three-time|\d+-time|"
            r"the|their|his|her|its|our)|(?<=[\w,] )[A-Z][\w-]*)\s+$",
            None,
        ),
        (r"hammer", None, r"\s+out\b"),
        (r"supposed", None, r"\s+to\b"),
        (r"confess", None, r"\s+to\b"),
        (r"admit", r"\b(?i:hospitals?)\b[^.]{0,40}$", None),
        (
            r"attack",
            r"\b(?i:militant|terror\w*|deadly|armed|suicide|bomb\w*|missile|drone|rocket|knife|gun|military|air|"
            r"grenade|violent|fatal)\s+$",
            None,
        ),
    )
)
_SPEAKING_NOUN = re.compile(r"(?:ence|ent|ently)$", re.IGNORECASE)  # "on Pycroft's insistence": no said-verb


def _innocent(text: str, start: int, end: int, alternative: str | None) -> bool:
    """Whether the lexicon word at ``[start, end)`` is used in a sense that passes no judgement (see
    :data:`_INNOCENT`), or is a word of a name ("the ICC Elite Panel") or a noun of a said-verb ("insistence")."""
    word = text[start:end]
    if alternative in _VERB_ALTERNATIVES and _SPEAKING_NOUN.search(word):
        return True
    for pattern, before, after in _INNOCENT:
        if pattern.match(word) and (
            (before is not None and before.search(text, max(0, start - 60), start))
            or (after is not None and after.match(text, end))
        ):
            return True
    return _in_a_name(text, start, end)


_TITLED = 0.6  # share of a line's longer words capitalised from which it is a headline


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word inside a sentence, before another capitalised word, is part of a name ("Elite
    Panel", "Radical Party"); a headline's words are all capitalised, and stay read."""
    if not text[start : start + 1].isupper():
        return False
    before = text[max(0, start - 3) : start].rstrip(" ")
    if not before or before[-1] in '.!?\n"“‘:(-—–':
        return False
    following = re.match(r"\s+([^\W\d_][\w'’-]*)", text[end : end + 40])
    if following is None or not following.group(1)[:1].isupper():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else None]
    longer = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    return not longer or sum(w[:1].isupper() for w in longer) < _TITLED * len(longer)


def _a_noun(text: str, start: int) -> bool:
    """True when the judging verb at ``start`` follows a determiner: a noun ("the blast", "a slam dunk")."""
    return bool(_DETERMINER_BEFORE.search(text, max(0, start - 8), start))


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def loaded_phrases(text: str) -> list[LoadedPhrase]:
    """The loaded words and phrases of ``text``, in text order, each with its span, polarity (``neg`` or ``pos``),
    neutral ``alternative`` where one exists, whether it is ``quoted``, and a ``confidence``.

    Any text is accepted: an empty or non-English text gives an empty or short list, never an error.
    """
    if not text:
        return []
    text = text[:MAX_CHARS]
    lex = lexicon()
    regions = _quoted_regions(text)
    found = []
    after = 0
    for candidate in _starts(text, lex):
        start = candidate.start()
        if start < after:
            continue
        tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text, start, start + _REACH)]
        if not tokens:
            continue
        hit = None
        for words, polarity, alternative in _first(tokens[0][0], lex):
            if len(words) > len(tokens):
                continue
            if all(
                _matches(words[k], tokens[k][0]) and not text[tokens[k - 1][2] : tokens[k][1]].strip()
                for k in range(1, len(words))
            ):
                hit = (tokens[len(words) - 1][2], polarity, alternative, len(words) > 1)
                break
        if hit is None:
            continue
        end, polarity, alternative, phrase = hit
        if alternative in _SPEECH_ALTERNATIVES and not _speaks(text, end):
            continue
        if _invasion_of_a_state(text, start, end) or _of_a_calamity(text, start, end):
            continue
        if alternative in _VERB_ALTERNATIVES and _a_noun(text, start):
            continue
        if _innocent(text, start, end, alternative):
            continue
        after = end
        found.append(
            LoadedPhrase(
                start=start,
                end=end,
                text=text[start:end],
                polarity=polarity,
                alternative=alternative,
                quoted=any(a < start and end < b for a, b in regions),
                confidence=PHRASE_CONFIDENCE if phrase else WORD_CONFIDENCE,
            )
        )
    return found
