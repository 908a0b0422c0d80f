"""How each outlet (or group of outlets) tells a story: its distinctive wording against the others, competing
names for the same thing, loaded wording with the neutral words other outlets use, and facts it leaves out.

Distinctive wording is the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", section 3.5): for a term ``w``, a group ``i`` and the rest of the story ``j``,

    delta = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    z = delta / sqrt(1 / (y_iw + a_w) + 1 / (y_jw + a_w))

where ``a_w = a_0 * p_w`` and ``p_w`` is the term's background frequency: for single words, half from the whole
store's document frequencies (the ``term_counts`` the cluster stage keeps) and half from the story itself; for
two-word terms, from the story. The prior shrinks the score of words that are common everywhere ("said",
"government") and of words one article uses once, so a term scores high only when a group uses it more than the
others by more than chance.

A word one outlet writes once, against none, can never reach that bar (at best z is about 1.2), so in a comparison
of a few articles per outlet (an event told by three outlets, one article each) the test lists next to nothing.
There a group of at most ``OWN_GROUP`` articles also lists its *own wording*: words no other group writes in any
inflection, not names (written capitalised inside sentences), used by every article of a one-article group or by
two of a larger one, ranked by the same log-odds ``delta`` (its point estimate under the prior, so a word rare in
the store ranks above a common one), and marked ``significant`` false. Pure functions over articles: no store, no
model. Terms are counted by
:mod:`newsdesk.frame.terms`, competing names paired by :mod:`newsdesk.frame.names`, left-out claims found by
:mod:`newsdesk.frame.omitted` and loaded words by :mod:`newsdesk.frame.loaded`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from newsdesk.abbreviations import ends_no_sentence, goes_on, word_after
from newsdesk.frame import loaded
from newsdesk.frame.names import pairs
from newsdesk.frame.omitted import omissions
from newsdesk.frame.terms import PAIR, Counts, count, terms
from newsdesk.records import Article

__all__ = [
    "Counts",
    "Shown",
    "count",
    "distinctive",
    "examples",
    "frame",
    "group_name",
    "name_words",
    "omissions",
    "pairs",
    "stem",
    "terms",
]

Z_MIN = 1.96  # a term is distinctive at p < 0.05 (two-sided) against the rest of the story
TERMS = 12  # distinctive terms listed per group
EVENT_TERMS = 6
EVENTS = 10  # the largest events get framing of their own
EXAMPLES = 2  # example sentences per term
PRIOR_SHARE = 0.25  # a_0 as a share of the story's term count: how strongly the background pulls
SENTENCE_CHARS = 400  # longest example sentence given (the article has it whole)
LOADED_READ = 120  # articles read for loaded wording in all, shared among the groups
LOADED_MIN = 10  # articles read for loaded wording in each group, however many groups
CONTEXT_READ = 60  # articles of each group whose words give the contexts of competing names
OWN_LETTERS = 3  # own wording is words of three letters or more ("pm", "th" and "az" are no one's wording)
OWN_GROUP = 3  # a group of this many articles or fewer also lists its own wording (see the module docstring)
UNSTATED = "(outlet not stated)"


def group_name(article: Article, groups: Mapping[str, str]) -> str:
    """The group an article's outlet belongs to: the user's grouping (outlet names compared case-insensitively),
    else the outlet itself."""
    outlet = (article.outlet or "").strip()
    if not outlet:
        return UNSTATED
    return groups.get(outlet.casefold(), outlet)


class _Terms:
    """A vocabulary and what the statistic reads of each of its terms, worked out once for all the comparisons
    of a story: whether it is a single word, its length, and its store frequency."""

    def __init__(self, terms: Sequence[str]) -> None:
        self.terms = list(terms)
        self.index = {t: i for i, t in enumerate(self.terms)}
        self.single = np.fromiter((" " not in t for t in self.terms), dtype=bool, count=len(self.terms))
        self.letters = np.fromiter((len(t) for t in self.terms), dtype=np.int64, count=len(self.terms))
        self._known: tuple[Mapping[str, int], np.ndarray] | None = None

    def known(self, background: Mapping[str, int]) -> np.ndarray:
        """Each term's document frequency in the store (0 for pairs, and for words the store does not count)."""
        if self._known is None or self._known[0] is not background:
            found = (float(background.get(t, 0)) if " " not in t else 0.0 for t in self.terms)
            self._known = (background, np.fromiter(found, dtype=np.float64, count=len(self.terms)))
        return self._known[1]


def _prior(single: np.ndarray, known: np.ndarray, totals: np.ndarray, strength: float) -> tuple[np.ndarray, np.ndarray]:
    """The prior ``a_w`` of each term (``single``: the term is one word; ``known``: its store frequency), and
    whether the store knows the term (all True without a store)."""
    story = totals / max(1.0, float(totals.sum()))
    if known.sum() > 0:
        # The store's frequencies are spread over the single words only, so they weigh what the story's do. The
        # store counts every word of the story but its own stop words ("said", "according", "year") and words of
        # two letters: those are not ``seen``.
        seen = known > 0
        store = known / known.sum() * story[single].sum()
        p = np.where(single, 0.5 * story + 0.5 * store, story)
    else:
        seen = np.ones(len(totals), dtype=bool)
        p = story
    p = np.maximum(p, 1e-9)
    return np.asarray(strength * p / p.sum()), seen


def distinctive(
    groups: Mapping[str, Counter[str]],
    *,
    background: Mapping[str, int] | None = None,
    documents: Mapping[str, Counter[str]] | None = None,
    top: int = TERMS,
) -> dict[str, list[dict[str, Any]]]:
    """The distinctive terms of each group against all the others, highest z first: each ``term``, ``z``,
    ``count`` (uses in the group), ``others`` (uses in the other groups) and ``articles`` (the group's articles
    using it, when ``documents`` gives each term's article count per group, with ``""`` its number of articles).

    A term must reach ``Z_MIN``, and be used by two articles of the group when the group has two or more
    (one article's pet word is not an outlet's); each listed term has ``significant`` true. With ``documents``,
    a group of at most ``OWN_GROUP`` articles then lists its own wording up to ``top`` (``significant`` false;
    see the module docstring; names are not told apart here, having no text). Fewer than two groups, or no
    words: every list is empty.
    """
    names = list(groups)
    vocabulary: dict[str, int] = {}
    for g in names:
        for term in groups[g]:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(names), len(vocabulary)))
    docs = np.zeros((len(names), len(vocabulary))) if documents is not None else None
    sizes = []
    for row, g in enumerate(names):
        for term, n in groups[g].items():
            matrix[row, vocabulary[term]] = n
        if docs is not None and documents is not None:
            for term, n in documents.get(g, Counter()).items():
                if term in vocabulary:
                    docs[row, vocabulary[term]] = n
            sizes.append(documents.get(g, Counter()).get("", 0))
    return _distinctive(names, matrix, _Terms(list(vocabulary)), background or {}, docs, sizes, top)


def stem(word: str) -> str:
    """A crude stem, enough to say two outlets write the same word: "embarrassments" and "embarrassment",
    "demonized" and "demonizing", "Obama's" and "Obama" share one."""
    word = word.removesuffix("'s")
    for suffix, instead in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + instead
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _inflections(word: str) -> set[str]:
    """The other forms of a word that share its stem: "levy" for "levies", "demonized" for "demonizing"."""
    base = stem(word)
    forms = {base + ending for ending in ("", "s", "es", "e", "ed", "d", "ing", "ly", "'s", "ment", "ments")}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    return forms - {word}


def _distinctive(
    names: Sequence[str],
    matrix: np.ndarray,
    vocabulary: _Terms,
    background: Mapping[str, int],
    docs: np.ndarray | None,
    sizes: Sequence[int],
    top: int,
    is_name: Callable[[str, str], bool] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """:func:`distinctive` over a groups x terms count matrix (``docs``: articles using each term;
    ``is_name(group, word)``: the word is a name in that group's articles)."""
    out: dict[str, list[dict[str, Any]]] = {g: [] for g in names}
    live = matrix.sum(axis=1) > 0
    totals = matrix[live].sum(axis=0)
    if live.sum() < 2:
        return out
    # A two-word term used once in the whole story tells no group apart; a single word used once may be a small
    # group's own wording.
    keep = np.flatnonzero((totals > 1) | (vocabulary.single & (totals > 0)))
    if not len(keep):
        return out
    matrix = matrix[:, keep]
    docs = docs[:, keep] if docs is not None else None
    terms = vocabulary.terms
    totals = totals[keep]
    known = vocabulary.known(background)[keep]
    alpha, seen = _prior(vocabulary.single[keep], known, totals, PRIOR_SHARE * float(totals.sum()))
    # Own wording: terms of a few letters or more; single words only if the store counts them (it does not count
    # "said" or "according": everyone's words, whose rarity it cannot tell; nor pairs, which it never counts).
    long = (vocabulary.letters[keep] >= OWN_LETTERS) & (seen | ~vocabulary.single[keep])
    position = np.full(len(terms), -1, dtype=np.int64)
    position[keep] = np.arange(len(keep))
    alpha0 = float(alpha.sum())
    for row, g in enumerate(names):
        if not live[row]:
            continue
        y_i = matrix[row]
        y_j = totals - y_i
        n_i, n_j = float(y_i.sum()), float(y_j.sum())
        if n_j == 0:
            continue
        delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log(
            (y_j + alpha) / (n_j + alpha0 - y_j - alpha)
        )
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
        need = 2 if docs is not None and sizes[row] >= 2 else 1
        candidates = np.flatnonzero((z >= Z_MIN) & (totals > 1))
        ranked: list[dict[str, Any]] = []
        for column in candidates[np.argsort(-z[candidates])]:
            if len(ranked) >= top * 3:
                break
            used = int(docs[row, column]) if docs is not None else None
            if used is not None and used < need:
                continue
            ranked.append(_row(terms[keep[column]], z[column], y_i[column], y_j[column], used, significant=True))
        listed = _without_parts(ranked)[:top]
        if docs is not None and 0 < sizes[row] <= OWN_GROUP and len(listed) < top:
            own = (y_i > 0) & (y_j == 0) & (docs[row] >= min(need, sizes[row])) & (z < Z_MIN) & long
            columns = np.flatnonzero(own)
            order = np.lexsort((-y_i[columns], -delta[columns]))  # highest delta first, then most used
            taken = {r["term"] for r in listed}
            for column in columns[order].tolist():
                if len(listed) >= top:
                    break
                term = terms[keep[column]]
                if term in taken or (is_name is not None and any(is_name(g, w) for w in term.split())):
                    continue
                if " " not in term and _written_by_others(term, vocabulary.index, position, y_j):
                    continue
                listed.append(_row(term, z[column], y_i[column], 0, int(docs[row, column]), significant=False))
        out[g] = listed
    return out


def _written_by_others(word: str, index: Mapping[str, int], position: np.ndarray, others: np.ndarray) -> bool:
    """Whether the other groups write another form of ``word`` (``others``: their counts of the compared terms,
    ``position``: each vocabulary term's column among them, or -1)."""
    for form in _inflections(word):
        at = index.get(form)
        if at is not None and position[at] >= 0 and others[position[at]] > 0:
            return True
    return False


def _row(
    term: str, z: float, count: float, others: float, articles: int | None, *, significant: bool
) -> dict[str, Any]:
    return {
        "term": term,
        "z": round(float(z), 2),
        "count": int(count),
        "others": int(others),
        "articles": articles,
        "significant": significant,
    }


_CAPITALISED = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘'\n—–-])\s*$")


def name_words(texts: Iterable[str]) -> set[str]:
    """The lower-cased words the texts write capitalised inside sentences at least as often as in lower case:
    names ("Steele", "Emanuel's"), which say who is covered rather than how."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for match in _CAPITALISED.finditer(text):
            word = match.group(0)
            if word[0].islower():
                lower[word.lower().replace("’", "'")] += 1
            elif not _SENTENCE_START.search(text, max(0, match.start() - 3), match.start()):
                upper[word.lower().replace("’", "'")] += 1
    return {w for w, n in upper.items() if n >= lower[w]}


def _without_parts(ranked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a single word that only stands for a listed two-word term ("occupied" beside "occupied territories")."""
    pairs = {r["term"]: r for r in ranked if " " in r["term"]}
    kept = []
    for r in ranked:
        if " " not in r["term"]:
            inside = [p for t, p in pairs.items() if r["term"] in t.split()]
            if any(p["count"] >= 0.8 * r["count"] for p in inside):
                continue
        kept.append(r)
    return kept


def _stop_before(text: str, at: int) -> int:
    """Where the last full stop before ``at`` that ends a sentence is (not "Mr." or "Warner Bros."), or -1."""
    stop = text.rfind(". ", 0, at)
    while stop >= 0 and _ends_none(text, stop):
        stop = text.rfind(". ", 0, stop)
    return stop


def _stop_after(text: str, at: int) -> int:
    """Where the first full stop from ``at`` on that ends a sentence is, or -1."""
    stop = text.find(". ", at)
    while stop >= 0 and _ends_none(text, stop):
        stop = text.find(". ", stop + 1)
    return stop


def _ends_none(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends no sentence: an abbreviation's ("Mr.", "Warner Bros."), or initials'
    before an office ("U.S. Ambassador Jon Vek said": :func:`~newsdesk.abbreviations.goes_on`)."""
    word = text[text.rfind(" ", 0, stop) + 1 : stop]
    return ends_no_sentence(word) or goes_on(word, word_after(text, stop + 1))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``[start, end)``: from after the last full stop (not an abbreviation's)
    or line break before it to the next one after it, cut to ``SENTENCE_CHARS`` around the term."""
    left = max(_stop_before(text, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start))
    left = 0 if left < 0 else left + (1 if text[left] == "\n" else 2)
    stops = [i for i in (_stop_after(text, end), text.find("\n", end), text.find("? ", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    if right - left > SENTENCE_CHARS:
        left = max(left, start - SENTENCE_CHARS // 2)
        right = min(right, left + SENTENCE_CHARS)
    return left, right


def _term_regex(term: str) -> re.Pattern[str]:
    """The term written with any spaces and either apostrophe, as a whole word, in any case. The curly apostrophe
    is its own alternative, never a member of a character class: a class holding a character past U+00FF costs
    ``re`` a 65,536-entry map at each compile (0.56 against 0.12 ms a pattern), and the framing of a story
    compiles one pattern per term it shows."""
    words = [re.escape(w).replace("'", "(?:'|’)") for w in term.split()]
    return re.compile(r"(?<![\w'-])(?<!’)" + r"\W+".join(words) + r"(?![\w'-])(?!’)", re.IGNORECASE)


def examples(term: str, articles: Iterable[Article], *, limit: int = EXAMPLES) -> list[dict[str, Any]]:
    """Where ``term`` is written in the articles: up to ``limit``, one per article, each with the article, the
    term's span and its sentence (``sentence``, ``sentence_start``, ``sentence_end``)."""
    pattern = _term_regex(term)
    found = []
    for article in articles:
        match = pattern.search(article.text)
        if match is None:
            continue
        left, right = _sentence(article.text, match.start(), match.end())
        found.append(
            {
                "article_id": article.id,
                "outlet": article.outlet,
                "start": match.start(),
                "end": match.end(),
                "text": match.group(0),
                "sentence": article.text[left:right].strip(),
                "sentence_start": left,
                "sentence_end": right,
            }
        )
        if len(found) >= limit:
            break
    return found


def _forms(phrase: str) -> set[str]:
    """The words that use a neutral alternative: itself and, for one word, its common inflections and spellings."""
    phrase = phrase.casefold()
    if " " in phrase:
        return {phrase}
    stem = phrase[:-1] if phrase.endswith("e") else phrase
    forms = {phrase, phrase + "s", phrase + "d", stem + "ed", stem + "es", stem + "ing", stem + "s"}
    return forms | {f.replace("is", "iz") for f in forms if "is" in f}


def _loaded(group: str, members: Sequence[Article], story: _Story) -> list[dict[str, Any]]:
    """The group's loaded wording outside quotation marks, most used first, each with its neutral alternative and
    the other groups that use that alternative (``alternative_used_by``). Up to ``LOADED_READ`` articles of the
    group are read (the earliest first: a loaded word is the writer's, so a few articles show an outlet's habit)."""
    seen: dict[str, dict[str, Any]] = {}
    read = sorted(members, key=lambda a: (a.published or "~", a.id))
    for article in read:
        for phrase in loaded.loaded_phrases(article.text):
            if phrase.quoted:
                continue
            key = phrase.text.casefold()
            row = seen.get(key)
            if row is None:
                left, right = _sentence(article.text, phrase.start, phrase.end)
                row = seen[key] = {
                    "text": phrase.text,
                    "polarity": phrase.polarity,
                    "alternative": phrase.alternative,
                    "confidence": phrase.confidence,
                    "count": 0,
                    "articles": 0,
                    "example": {
                        "article_id": article.id,
                        "start": phrase.start,
                        "end": phrase.end,
                        "sentence": article.text[left:right].strip(),
                        "sentence_start": left,
                        "sentence_end": right,
                    },
                    "_in": set(),
                }
            row["count"] += 1
            row["_in"].add(article.id)
    rows = []
    for row in seen.values():
        row["articles"] = len(row.pop("_in"))
        row["alternative_used_by"] = (
            story.users(_forms(row["alternative"]), besides=group) if row["alternative"] else []
        )
        # Loaded wording no other group writes is this group's own: distinctive by presence, however rare.
        row["used_by"] = story.users({row["text"].casefold()}, besides=group)
        rows.append(row)
    return sorted(rows, key=lambda r: (-r["count"], r["text"]))[:TERMS]


class _Story:
    """The story's articles counted once: a shared vocabulary, each article's term ids, and each group's counts."""

    def __init__(self, articles: Sequence[Article], group_of: Mapping[str, str]) -> None:
        words: dict[str, int] = {}
        # One group compares with none: no term of it is read (its distinctive terms, the pairs and each event's
        # framing need two groups, and no other group uses its loaded wording's alternatives), so its articles'
        # terms are not counted (a story of one outlet, or whose articles state none: 7% of the digest at 2,000).
        compared = len(set(group_of.values())) > 1
        raw = {a.id: count(a.text, words) for a in articles} if compared else {}
        # Number the single words and the pairs used twice or more in the story (a pair used once tells no group
        # apart): single words first, then pairs; every article's terms become ids into that one list.
        every = np.concatenate([c.ids for c in raw.values()]) if raw else np.zeros(0, dtype=np.int64)
        keys, inverse, totals = np.unique(every, return_inverse=True, return_counts=True)
        kept = (totals > 1) | (keys < PAIR)  # single words used once may be a small group's own wording
        number = np.full(len(keys), -1, dtype=np.int64)
        number[kept] = np.arange(int(kept.sum()))
        spelled = list(words)
        self.vocabulary = [
            spelled[k] if k < PAIR else f"{spelled[k // PAIR - 1]} {spelled[k % PAIR]}" for k in keys[kept].tolist()
        ]
        self.terms = _Terms(self.vocabulary)
        self.index = self.terms.index
        self.counts = {}
        at = 0
        for article_id, c in raw.items():
            ids = number[inverse[at : at + len(c.ids)]]
            at += len(c.ids)
            self.counts[article_id] = Counts(ids[ids >= 0], c.words)
        self.group_of = group_of
        self.groups: dict[str, list[Article]] = {}
        for a in articles:
            self.groups.setdefault(group_of[a.id], []).append(a)
        self._used: dict[str, np.ndarray] = {}

    def matrix(self, members: Mapping[str, Sequence[Article]]) -> tuple[list[str], np.ndarray, np.ndarray, list[int]]:
        """Group names, their term counts and the number of their articles using each term (groups x terms)."""
        names = list(members)
        size = len(self.vocabulary)
        counts = np.zeros((len(names), size))
        docs = np.zeros((len(names), size))
        for row, name in enumerate(names):
            ids = [self.counts[a.id].ids for a in members[name]]
            if ids:
                counts[row] = np.bincount(np.concatenate(ids), minlength=size)
                docs[row] = np.bincount(np.concatenate([np.unique(i) for i in ids]), minlength=size)
        return names, counts, docs, [len(members[n]) for n in names]

    def distinctive(
        self, members: Mapping[str, Sequence[Article]], prior: Mapping[str, int], top: int
    ) -> dict[str, list[dict[str, Any]]]:
        names, counts, docs, sizes = self.matrix(members)
        if members is self.groups:
            self._used = {n: counts[i] for i, n in enumerate(names)}
        found: dict[str, set[str]] = {}

        def is_name(group: str, word: str) -> bool:
            if group not in found:
                found[group] = name_words(a.text for a in members[group])
            return word in found[group]

        return _distinctive(names, counts, self.terms, prior, docs, sizes, top, is_name)

    def users(self, forms: set[str], *, besides: str) -> list[str]:
        """The groups other than ``besides`` that use any of ``forms``."""
        ids = [self.index[f] for f in forms if f in self.index]
        return sorted(g for g, used in self._used.items() if g != besides and ids and used[ids].sum() > 0)


class Shown(NamedTuple):
    """What a page shows of a story's framing (:func:`frame`'s ``shown``): its first ``groups`` groups, the first
    ``terms`` terms of each with one example, and its first ``pairs`` pairs."""

    groups: int
    terms: int
    pairs: int


def frame(
    articles: Sequence[Article],
    *,
    groups: Mapping[str, str] | None = None,
    background: Callable[[Iterable[str]], Mapping[str, int]] | None = None,
    events: Mapping[str, str] | None = None,
    claims: Sequence[Mapping[str, Any]] | Callable[[], Sequence[Mapping[str, Any]]] = (),
    names: Mapping[str, Mapping[str, Counter[str]]] | None = None,
    loaded_wording: bool = True,
    by_event: bool = True,
    shown: Shown | None = None,
) -> dict[str, Any]:
    """The framing of one story's articles (originals: copies repeat their original's words).

    Args:
        articles: the story's articles; those whose language is known and not English are left out
            (``skipped``), and copies (``duplicate_of``) are ignored.
        groups: outlet (case-folded) -> group name; an outlet not listed is a group of its own.
        background: gives the store's document frequency of single words (the Dirichlet prior); None: the story's.
        events: event id -> title, for the per-event framing of the largest events.
        claims: the story's claim clusters (``Corpus.claims``), for the facts a group leaves out; or a function
            giving them, called only when there are two groups or more (one group leaves out nothing).
        names: entity id -> group -> Counter of how the group writes the entity (``kind = "entity"`` pairs).
        loaded_wording: look for loaded words in each group's articles.
        by_event: compare the groups within each of the largest events too (else ``events`` is empty).
        shown: what a page shows of it (:class:`Shown`), when that is all that is read: only the first
            ``shown.groups`` groups get their loaded wording and the first ``shown.terms`` terms of each of them
            their first example, and only the first ``shown.pairs`` pairs their sides' examples; the other groups
            have no ``loaded``, their terms and the other pairs' sides no ``examples``. What is given is what
            ``shown=None`` gives (an example is the first match in the group's articles in order). None: all.

    Returns the ``framing --json`` contract (see docs/json.md): ``groups`` (each ``name``, ``outlets``,
    ``articles``, ``terms`` with ``examples``, ``loaded``, ``omitted``), ``pairs``, ``events``, ``skipped`` and
    ``note`` (why the lists are empty, when they are).
    """
    mapping = {k.casefold(): v for k, v in (groups or {}).items()}
    skipped = []
    kept: list[Article] = []
    for article in articles:
        if article.duplicate_of:
            continue
        if article.language and not article.language.lower().startswith("en"):
            skipped.append({"article_id": article.id, "reason": "not English", "language": article.language})
            continue
        kept.append(article)
    group_of = {a.id: group_name(a, mapping) for a in kept}
    story = _Story(kept, group_of)
    members = story.groups
    prior: Mapping[str, int] = {}
    if background is not None and len(members) > 1:
        prior = background(t for t in story.vocabulary if " " not in t)
    terms = story.distinctive(members, prior, TERMS) if len(members) > 1 else {}
    ranked = sorted(members, key=lambda g: (-len(members[g]), g))
    listed = set(ranked if shown is None else ranked[: shown.groups])
    for name, rows in terms.items():
        if name in listed:
            for row in rows if shown is None else rows[: shown.terms]:
                row["examples"] = examples(row["term"], members[name], limit=EXAMPLES if shown is None else 1)
    omitted: dict[str, list[dict[str, Any]]] = {}
    if len(members) > 1 and (clusters := claims() if callable(claims) else claims):
        omitted = omissions(
            clusters, group_of, {a.id: a.event_id for a in kept}, published={a.id: a.published for a in kept}
        )
    read = max(LOADED_MIN, LOADED_READ // max(1, len(members)))
    result_groups = []
    for name in ranked:
        outlets = sorted({(a.outlet or "").strip() or UNSTATED for a in members[name]})
        result_groups.append(
            {
                "name": name,
                "outlets": outlets,
                "articles": len(members[name]),
                "terms": terms.get(name, []),
                "loaded": _loaded(name, members[name][:read], story) if loaded_wording and name in listed else [],
                "omitted": omitted.get(name, []),
            }
        )
    story_pairs = pairs(_significant(terms), _sample_counts(story, members), names=names) if len(members) > 1 else []
    for pair in story_pairs if shown is None else story_pairs[: shown.pairs]:
        for side in pair["sides"]:
            side["examples"] = examples(side["term"], members.get(side["group"], []), limit=1)
    return {
        "groups": result_groups,
        "pairs": story_pairs,
        "events": _events(story, events or {}, prior) if by_event else [],
        "skipped": skipped,
        "note": _note(kept, members, skipped),
    }


def _significant(terms: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The terms that passed the test: competing names are paired from these only (a word written once has too
    few contexts to compare)."""
    return {g: [t for t in rows if t["significant"]] for g, rows in terms.items()}


def _sample_counts(story: _Story, members: Mapping[str, Sequence[Article]]) -> dict[str, list[Counts]]:
    """Up to ``CONTEXT_READ`` articles of each group, whose words give the contexts of competing names."""
    return {g: [story.counts[a.id] for a in m[:CONTEXT_READ]] for g, m in members.items()}


def _events(story: _Story, titles: Mapping[str, str], prior: Mapping[str, int]) -> list[dict[str, Any]]:
    """Framing within each of the ``EVENTS`` largest events that two or more groups reported."""
    by_event: dict[str, list[Article]] = {}
    for group in story.groups.values():
        for a in group:
            if a.event_id:
                by_event.setdefault(a.event_id, []).append(a)
    out: list[dict[str, Any]] = []
    ranked = sorted(by_event.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for event_id, group in ranked:
        if len(out) >= EVENTS:
            break
        members: dict[str, list[Article]] = {}
        for a in group:
            members.setdefault(story.group_of[a.id], []).append(a)
        if len(members) < 2:
            continue
        terms = story.distinctive(members, prior, EVENT_TERMS)
        rows = []
        for name in sorted(members, key=lambda g: (-len(members[g]), g)):
            listed = terms.get(name, [])
            for row in listed:
                row["examples"] = examples(row["term"], members[name], limit=1)
            rows.append({"name": name, "articles": len(members[name]), "terms": listed})
        out.append(
            {
                "id": event_id,
                "title": titles.get(event_id),
                "articles": len(group),
                "groups": rows,
                "pairs": pairs(_significant(terms), _sample_counts(story, members)),
            }
        )
    return out


def _note(kept: Sequence[Article], members: Mapping[str, Sequence[Article]], skipped: Sequence[Any]) -> str | None:
    if not kept:
        return "No English articles in this story to compare." if skipped else "This story has no articles."
    if len(members) < 2:
        return "Only one outlet (or outlet group) tells this story: there is nothing to compare its wording with."
    return None
