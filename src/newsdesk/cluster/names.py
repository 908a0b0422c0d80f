"""Names of events and stories that read as headlines: an article's headline, else a short name made from its lead.

An event is named after the first report that starts it. A report with no headline of its own (a text file whose
first line is its lead, an untitled page) used to lend its lead sentence, dateline, shouting and all ("HONG KONG:
It was a clear autumn afternoon with blue skies and a cool breeze as ..."). A lead set as a title is told from a
headline by its shape (:func:`is_headline`), and a name is made from the lead (:func:`name`): past its dateline,
its opening words in capitals written as a sentence's, cut where the news ends (before ", while ...", ", according
to ..."), at most :data:`WORDS` words, and marked as an excerpt with "…". A lead that opens by setting a scene
("It was a clear autumn afternoon", "There were ...") names nobody and nothing: the report is named by the names
it repeats most (the people, places and bodies it is about). A name made here can give way to a later member's
headline, in this run or a later one; a headline never does, even one the outlet cut with "…" (:func:`made` tells
them apart by what :func:`name` makes of the report, not by the name's look).
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.cluster import actors

__all__ = ["WORDS", "is_headline", "made", "may_be_made", "name"]

# A name made from a lead has at most this many words; a headline rarely has more.
WORDS = 20
# A title of more than this many words that ends with a full stop is a lead sentence, not a headline.
HEADLINE_WORDS = 20
# A title of more than this many words after what reads as a dateline is a lead; a short one is a headline that
# opens with a speaker or a topic ("Trump: Netflix deal could be a problem").
DATELINED_WORDS = 12
# How many of the names a report repeats most name it when its lead names nothing.
NAMES = 3

# Where the news of a lead sentence ends and what the writer adds begins.
_TAIL = re.compile(
    r",\s+(?:while|whereas|according to|as|which|who|where|saying|adding|signal(?:l)?ing|setting|giving|leaving|"
    r"sources said|officials said|police said|reports said)\b|;\s|\s[-—–]{1,2}\s"
)
_SCENE = re.compile(r"^(?:it|there|this|that)\s+(?:was|were|is|are|had been|has been|seemed)\b", re.IGNORECASE)
_SHOUTED = re.compile(r"^((?:[A-Z][A-Z’'-]+\s+)+)(?=[a-z])")
_CAPITAL = re.compile(r"^[A-Z][\w’'&.-]*$")
_JOINERS = frozenset({"of", "de", "al", "von", "van", "der", "and"})
_NOT_NAMES = frozenset(
    "The A An It He She They We I This That These Those There His Her Their Its Our Mr Mrs Ms Dr But And Or So "
    "In On At As For With By From After Before When While Since If".split()
)
_WORD = re.compile(r"\S+")
# Words ending with a full stop that ends no sentence.
_ABBREVIATIONS = frozenset(
    "Bros Corp Inc Co Ltd Mr Mrs Ms Dr St Jr Sr Gen Gov Sen Rep Lt Col Sgt Prof No Jan Feb Aug "
    "Sept Sep Oct Nov Dec U.S U.K U.N".split()
)
_END = re.compile(r"(?<=[a-z0-9\"”)’])[.!?](?=\s|$)")
# Words that open a clause before a lead's subject, never a dateline ("As ...", "On Sunday, ...").
_OPENERS = frozenset("after as since when while on in at the a an although though despite amid".split())
# Small words a cut name does not end on.
_DANGLING = frozenset("a an the of on in at to for by with and or from as that".split())


def is_headline(title: str | None) -> bool:
    """Whether ``title`` reads as a headline: not a lead sentence set as a title (a dateline before it, or many
    words ending with a full stop). A headline the outlet cut ("Trump weighs in on the deal…") is one."""
    if not title or not title.strip():
        return False
    title = title.strip()
    words = len(title.split())
    if words > DATELINED_WORDS and _past_dateline(title) != title:
        return False  # "HONG KONG: It was a clear autumn afternoon ...", not "Trump: Deal could be a problem"
    return not (words > HEADLINE_WORDS and title.rstrip("\"”’'").endswith("."))


def may_be_made(title: str | None) -> bool:
    """Whether ``title`` has the shape of a name :func:`name` makes (an excerpt ending with " …", names joined by
    " · ", or one name alone: capitalised words and joiners): a title without it was never made, and
    :func:`made` need not read its report."""
    if not title:
        return False
    words = str(title).split()
    one_name = bool(words) and all(_CAPITAL.match(w) or w in _JOINERS for w in words)
    return str(title).endswith(" …") or " · " in str(title) or one_name


def made(title: str | None, first_title: str | None, first_text: str) -> bool:
    """Whether the event or story name ``title`` was made by :func:`name` for its first report (``first_title``,
    ``first_text``) rather than taken from a headline: it is what :func:`name` makes of that report, and not the
    report's own title. A later member's headline that replaced a made name is no made name either."""
    own = (first_title or "").strip()
    return bool(title) and title != own and title == name(first_title, first_text)


def name(title: str | None, text: str) -> str:
    """A name for an event or story first told by a report with ``title`` and body ``text``."""
    if title and is_headline(title):
        return title.strip()
    source = title or text
    sentence = _whole(source, actors.lead_sentence(source)) or _whole(text, actors.lead_sentence(text))
    sentence = _past_dateline(sentence).strip()
    if not sentence or _SCENE.match(sentence):
        named = _salient(text)
        if named:
            return " · ".join(named)
    return _short(_unshout(sentence)) if sentence else _short(" ".join(text.split()))


def _whole(text: str, sentence: str) -> str:
    """``sentence`` (from ``text``) taken on past a full stop that ends an abbreviation ("Warner Bros. Discovery")."""
    start = text.find(sentence) if sentence else -1
    if start < 0:
        return sentence
    end = start + len(sentence)
    while text[end : end + 1] == "." and text[start:end].split()[-1] in _ABBREVIATIONS:
        stop = _END.search(text, end + 1)
        end = stop.start() if stop else len(text)
    line_end = text.find("\n", start)
    return text[start : min(end, line_end) if line_end >= 0 else end]


def _past_dateline(sentence: str) -> str:
    """``sentence`` past its dateline; a sentence opening with a clause ("As the court ... (ICT) sentences") has
    none, though its capitalised words and brackets look like one."""
    first = sentence.split(maxsplit=1)[0].casefold() if sentence.strip() else ""
    return sentence if first in _OPENERS else actors.past_dateline(sentence)


def _unshout(sentence: str) -> str:
    """ "THE DEATH toll rose" -> "The death toll rose": a lead's opening words in capitals, as a sentence's."""
    shouted = _SHOUTED.match(sentence)
    if shouted is None or len(shouted.group(1).split()) < 2:
        return sentence  # one word in capitals may be an acronym: "ICC rejects ..."
    words = shouted.group(1).lower()
    return words[:1].upper() + words[1:] + sentence[shouted.end(1) :]


def _short(sentence: str) -> str:
    """The news of ``sentence``: before the writer's additions, at most ``WORDS`` words, and "…" after it (an
    excerpt of the lead, not a headline)."""
    tail = _TAIL.search(sentence)
    if tail is not None and len(sentence[: tail.start()].split()) >= 6:
        sentence = sentence[: tail.start()]
    words = sentence.split()[:WORDS]
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:") + " …"


def _salient(text: str) -> list[str]:
    """The names ``text`` repeats most (at least twice, each word never written in lower case), most first."""
    runs: Counter[str] = Counter()
    for line in text.splitlines():
        current: list[str] = []
        for i, token in enumerate([*_WORD.findall(line), ""]):
            word = token.rstrip(',;:.!?”"’)').removesuffix("’s").removesuffix("'s").lstrip('“"‘(')
            joined = bool(current) and word in _JOINERS
            if word and (joined or (_CAPITAL.match(word) and word not in _NOT_NAMES and i > 0)):
                current.append(word)
                if word == token:
                    continue
            while current and current[-1] in _JOINERS:
                current.pop()
            if current:
                runs[" ".join(current)] += 1
            current = []
    lower = set(re.findall(r"\b[a-z][\w’'-]*\b", text))
    kept = [
        run
        for run, n in runs.most_common()
        if n >= 2 and not any(w.lower() in lower for w in run.split() if w not in _JOINERS)
    ]
    chosen: list[str] = []
    for run in kept:
        if not any(run in other or other in run for other in chosen):
            chosen.append(run)
        if len(chosen) == NAMES:
            break
    return chosen
