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
others by more than chance. Pure functions over articles: no store, no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsdesk.frame import loaded
from newsdesk.records import Article

__all__ = [
    "Counts",
    "count",
    "distinctive",
    "examples",
    "frame",
    "group_name",
    "omissions",
    "pairs",
    "terms",
]

Z_MIN = 1.96  # a term is distinctive at p < 0.05 (two-sided) against the rest of the story
TERMS = 12  # distinctive terms listed per group
EVENT_TERMS = 6
EVENTS = 10  # the largest events get framing of their own
EXAMPLES = 2  # example sentences per term
PAIR_CANDIDATES = 30  # distinctive terms per group considered for competing names
PAIR_MIN = 0.3  # cosine of context words above which two terms fill the same slot
CONTEXT = 4  # words each side of a term that make its context
PRIOR_SHARE = 0.25  # a_0 as a share of the story's term count: how strongly the background pulls
OMITTED = 10  # claims listed as left out, per group
SENTENCE_CHARS = 400  # longest example sentence given (the article has it whole)
LOADED_READ = 120  # articles read for loaded wording in all, shared among the groups
LOADED_MIN = 10  # articles read for loaded wording in each group, however many groups
CONTEXT_READ = 60  # articles of each group whose words give the contexts of competing names
UNSTATED = "(outlet not stated)"

_CLAUSE = re.compile(r"[.,;:!?()\[\]\"“”«»—–]+|\s[-–]\s|\n")
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves mr mrs ms
    one two three four five six seven eight nine ten its it's he's she's that's there's they're we're i'm don't
    didn't doesn't isn't wasn't aren't weren't won't can't couldn't wouldn't shouldn't has hasn't haven't hadn't
    may might must shall also upon within without via per among amid across""".split()
)


@dataclass(frozen=True, slots=True)
class Counts:
    """One article's terms as ids into the story's vocabulary (single content words, then two-word terms, each
    use once), and its words in text order (``""`` at clause breaks) for the contexts of competing names."""

    ids: np.ndarray
    words: tuple[str, ...]


_PAIR = 1 << 32  # a two-word term's key while counting: (first word's id + 1) * _PAIR + second word's id


def count(text: str, vocabulary: dict[str, int]) -> Counts:
    """The terms of ``text``: content words (not stop words, two letters or more) and adjacent pairs of content
    words within one clause (punctuation breaks a pair), lower-cased. Single words are ids into ``vocabulary``
    (new words are added); pairs are keys ``(first + 1) * _PAIR + second`` until :class:`_Story` numbers them."""
    add = vocabulary.setdefault
    sequence: list[str] = []
    for clause in _CLAUSE.split(text.lower().replace("’", "'")):
        words = _WORD.findall(clause)
        if words:
            sequence.extend(words)
            sequence.append("")
    # A stop word is -1 and a clause break -2: no pair is made across either.
    ids = np.fromiter(
        (add(w, len(vocabulary)) if (len(w) > 1 and w not in STOPWORDS) else -1 if w else -2 for w in sequence),
        dtype=np.int64,
        count=len(sequence),
    )
    first, second = ids[:-1], ids[1:]
    join = (first >= 0) & (second >= 0)
    single = ids[ids >= 0]
    return Counts(np.concatenate([single, (first[join] + 1) * _PAIR + second[join]]), tuple(sequence))


def terms(text: str) -> Counter[str]:
    """The terms of ``text`` (see :func:`count`) with their counts."""
    vocabulary: dict[str, int] = {}
    found = count(text, vocabulary)
    names = list(vocabulary)
    return Counter(names[i] if i < _PAIR else f"{names[i // _PAIR - 1]} {names[i % _PAIR]}" for i in found.ids.tolist())


def group_name(article: Article, groups: Mapping[str, str]) -> str:
    """The group an article's outlet belongs to: the user's grouping (outlet names compared case-insensitively),
    else the outlet itself."""
    outlet = (article.outlet or "").strip()
    if not outlet:
        return UNSTATED
    return groups.get(outlet.casefold(), outlet)


def _prior(vocabulary: Sequence[str], totals: np.ndarray, background: Mapping[str, int], strength: float) -> np.ndarray:
    story = totals / max(1.0, float(totals.sum()))
    known = np.array([float(background.get(t, 0)) if " " not in t else 0.0 for t in vocabulary])
    single = np.array([" " not in t for t in vocabulary])
    if known.sum() > 0:
        # The store's frequencies are spread over the single words only, so they weigh what the story's do.
        store = known / known.sum() * story[single].sum()
        p = np.where(single, 0.5 * story + 0.5 * store, story)
    else:
        p = story
    p = np.maximum(p, 1e-9)
    return np.asarray(strength * p / p.sum())


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
    (one article's pet word is not an outlet's). Fewer than two groups, or no words: every list is empty.
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
    return _distinctive(names, matrix, list(vocabulary), background or {}, docs, sizes, top)


def _distinctive(
    names: Sequence[str],
    matrix: np.ndarray,
    vocabulary: Sequence[str],
    background: Mapping[str, int],
    docs: np.ndarray | None,
    sizes: Sequence[int],
    top: int,
) -> dict[str, list[dict[str, Any]]]:
    """:func:`distinctive` over a groups x terms count matrix (``docs``: articles using each term)."""
    out: dict[str, list[dict[str, Any]]] = {g: [] for g in names}
    live = matrix.sum(axis=1) > 0
    totals = matrix[live].sum(axis=0)
    if live.sum() < 2:
        return out
    keep = np.flatnonzero(totals > 1)  # a term used once in the whole story tells no group apart
    if not len(keep):
        return out
    matrix = matrix[:, keep]
    docs = docs[:, keep] if docs is not None else None
    words = [vocabulary[i] for i in keep.tolist()]
    totals = totals[keep]
    alpha = _prior(words, totals, background, PRIOR_SHARE * float(totals.sum()))
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
        candidates = np.flatnonzero(z >= Z_MIN)
        ranked: list[dict[str, Any]] = []
        for column in candidates[np.argsort(-z[candidates])]:
            if len(ranked) >= top * 3:
                break
            used = int(docs[row, column]) if docs is not None else None
            if used is not None and used < need:
                continue
            ranked.append(
                {
                    "term": words[column],
                    "z": round(float(z[column]), 2),
                    "count": int(y_i[column]),
                    "others": int(y_j[column]),
                    "articles": used,
                }
            )
        out[g] = _without_parts(ranked)[:top]
    return out


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


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``[start, end)``: from after the last full stop (or line break) before it
    to the next one after it, cut to ``SENTENCE_CHARS`` around the term."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start))
    left = 0 if left < 0 else left + (1 if text[left] == "\n" else 2)
    stops = [i for i in (text.find(". ", end), text.find("\n", end), text.find("? ", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    if right - left > SENTENCE_CHARS:
        left = max(left, start - SENTENCE_CHARS // 2)
        right = min(right, left + SENTENCE_CHARS)
    return left, right


def _term_regex(term: str) -> re.Pattern[str]:
    words = [re.escape(w).replace("'", "['’]") for w in term.split()]
    return re.compile(r"(?<![\w'’-])" + r"\W+".join(words) + r"(?![\w'’-])", re.IGNORECASE)


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


def _contexts(terms: set[str], counts: Iterable[Counts]) -> dict[str, Counter[str]]:
    """Content words within ``CONTEXT`` words of each use of each of ``terms`` (single words or pairs)."""
    out: dict[str, Counter[str]] = {t: Counter() for t in terms}
    firsts = {t.split()[0] for t in terms}
    for c in counts:
        words = c.words
        for i in [i for i, w in enumerate(words) if w in firsts]:
            w = words[i]
            for size in (1, 2):
                term = w if size == 1 else f"{w} {words[i + 1]}" if i + 1 < len(words) and words[i + 1] else ""
                if term not in out:
                    continue
                window = [*words[max(0, i - CONTEXT) : i], *words[i + size : i + size + CONTEXT]]
                out[term].update(x for x in window if x and x not in STOPWORDS and x not in term.split())
    return out


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    shared = set(a) & set(b)
    if not shared:
        return 0.0
    dot = sum(a[w] * b[w] for w in shared)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def pairs(
    terms: Mapping[str, list[dict[str, Any]]],
    counts: Mapping[str, list[Counts]],
    *,
    names: Mapping[str, Mapping[str, Counter[str]]] | None = None,
) -> list[dict[str, Any]]:
    """Competing names for one thing in different groups, most similar first.

    By context: two groups' distinctive terms, each little used by the other group, whose surrounding words are
    alike (cosine of the content words within ``CONTEXT`` words, at least ``PAIR_MIN``): "occupied territories" and
    "new regions" both sit beside "annexed", "referendum", "held". By entity: one entity (``names``: entity id ->
    group -> how each group writes it) named one way by one group and another way by another, where neither name
    holds the other ("Kyiv" / "Kiev", not "Putin" / "Vladimir Putin").
    Each pair has ``kind``, ``confidence`` and two ``sides`` (``group``, ``term``).
    """
    found: list[dict[str, Any]] = []
    candidates = {g: list(rows[:PAIR_CANDIDATES]) for g, rows in terms.items()}
    contexts = {g: _contexts({t["term"] for t in rows}, counts.get(g, [])) for g, rows in candidates.items()}
    groups = sorted(candidates)
    for a_index, a in enumerate(groups):
        for b in groups[a_index + 1 :]:
            best: list[tuple[float, dict[str, Any], dict[str, Any]]] = []
            for ta in candidates[a]:
                for tb in candidates[b]:
                    wa, wb = ta["term"], tb["term"]
                    if set(wa.split()) & set(wb.split()):
                        continue
                    score = _cosine(contexts[a][wa], contexts[b][wb])
                    if score >= PAIR_MIN:
                        best.append((score, ta, tb))
            used: set[str] = set()
            for score, ta, tb in sorted(best, key=lambda x: -x[0]):
                if ta["term"] in used or tb["term"] in used:
                    continue  # each term is paired once, with its closest rival
                used.update((ta["term"], tb["term"]))
                found.append(
                    {
                        "kind": "context",
                        "confidence": round(min(0.9, score), 2),
                        "sides": [
                            {"group": a, "term": ta["term"], "count": ta["count"]},
                            {"group": b, "term": tb["term"], "count": tb["count"]},
                        ],
                    }
                )
    for entity_id, by_group in (names or {}).items():
        usual = {g: c.most_common(1)[0] for g, c in by_group.items() if c}
        listed = sorted(usual)
        for a_index, a in enumerate(listed):
            for b in listed[a_index + 1 :]:
                (na, ca), (nb, cb) = usual[a], usual[b]
                share_a, share_b = ca / sum(by_group[a].values()), cb / sum(by_group[b].values())
                if na.casefold() in nb.casefold() or nb.casefold() in na.casefold():
                    continue
                if share_a < 0.6 or share_b < 0.6 or by_group[a].get(nb, 0) or by_group[b].get(na, 0):
                    continue
                found.append(
                    {
                        "kind": "entity",
                        "entity_id": entity_id,
                        "confidence": round(min(0.95, min(share_a, share_b)), 2),
                        "sides": [
                            {"group": a, "term": na, "count": ca},
                            {"group": b, "term": nb, "count": cb},
                        ],
                    }
                )
    return sorted(found, key=lambda p: -p["confidence"])


def omissions(
    clusters: Sequence[Mapping[str, Any]],
    group_of: Mapping[str, str],
    event_of: Mapping[str, str | None],
    *,
    min_origins: int = 2,
) -> dict[str, list[dict[str, Any]]]:
    """Per group, the story's claims (claim clusters) that none of its articles carries while ``min_origins`` or
    more independent origins of other groups do, among the events the group covered; most origins first.

    A group that did not report an event is not said to leave out that event's facts.
    """
    covered: dict[str, set[str | None]] = {}
    for article_id, group in group_of.items():
        covered.setdefault(group, set()).add(event_of.get(article_id))
    out: dict[str, list[dict[str, Any]]] = {}
    for group, events in covered.items():
        missing = []
        for cluster in clusters:
            carriers = {group_of.get(a) for a in cluster["article_ids"]}
            if group in carriers:
                continue
            if cluster.get("event_id") and cluster["event_id"] not in events:
                continue
            origins = list(cluster.get("independent_origins") or [])
            if len(origins) < min_origins:
                continue
            support = cluster["support"][0] if cluster.get("support") else {}
            missing.append(
                {
                    "claim_id": cluster["id"],
                    "text": cluster["text"],
                    "origins": len(origins),
                    "carried_by": sorted(g for g in carriers if g),
                    "evidence": {k: support.get(k) for k in ("article_id", "start", "end")},
                }
            )
        out[group] = sorted(missing, key=lambda m: -m["origins"])[:OMITTED]
    return out


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
        raw = {a.id: count(a.text, words) for a in articles}
        # Number the terms used twice or more in the story (a term used once tells no group apart): single words
        # first, then pairs; every article's terms become ids into that one list.
        every = np.concatenate([c.ids for c in raw.values()]) if raw else np.zeros(0, dtype=np.int64)
        keys, inverse, totals = np.unique(every, return_inverse=True, return_counts=True)
        kept = totals > 1
        number = np.full(len(keys), -1, dtype=np.int64)
        number[kept] = np.arange(int(kept.sum()))
        spelled = list(words)
        self.vocabulary = [
            spelled[k] if k < _PAIR else f"{spelled[k // _PAIR - 1]} {spelled[k % _PAIR]}" for k in keys[kept].tolist()
        ]
        self.index = {t: i for i, t in enumerate(self.vocabulary)}
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
        return _distinctive(names, counts, self.vocabulary, prior, docs, sizes, top)

    def users(self, forms: set[str], *, besides: str) -> list[str]:
        """The groups other than ``besides`` that use any of ``forms``."""
        ids = [self.index[f] for f in forms if f in self.index]
        return sorted(g for g, used in self._used.items() if g != besides and ids and used[ids].sum() > 0)


def frame(
    articles: Sequence[Article],
    *,
    groups: Mapping[str, str] | None = None,
    background: Callable[[Iterable[str]], Mapping[str, int]] | None = None,
    events: Mapping[str, str] | None = None,
    claims: Sequence[Mapping[str, Any]] = (),
    names: Mapping[str, Mapping[str, Counter[str]]] | None = None,
    loaded_wording: bool = True,
    by_event: bool = True,
) -> dict[str, Any]:
    """The framing of one story's articles (originals: copies repeat their original's words).

    Args:
        articles: the story's articles; those whose language is known and not English are left out
            (``skipped``), and copies (``duplicate_of``) are ignored.
        groups: outlet (case-folded) -> group name; an outlet not listed is a group of its own.
        background: gives the store's document frequency of single words (the Dirichlet prior); None: the story's.
        events: event id -> title, for the per-event framing of the largest events.
        claims: the story's claim clusters (``Corpus.claims``), for the facts a group leaves out.
        names: entity id -> group -> Counter of how the group writes the entity (``kind = "entity"`` pairs).
        loaded_wording: look for loaded words in each group's articles.
        by_event: compare the groups within each of the largest events too (else ``events`` is empty).

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
    for name, rows in terms.items():
        for row in rows:
            row["examples"] = examples(row["term"], members[name])
    omitted = omissions(claims, group_of, {a.id: a.event_id for a in kept}) if claims and len(members) > 1 else {}
    read = max(LOADED_MIN, LOADED_READ // max(1, len(members)))
    result_groups = []
    for name in sorted(members, key=lambda g: (-len(members[g]), g)):
        outlets = sorted({(a.outlet or "").strip() or UNSTATED for a in members[name]})
        result_groups.append(
            {
                "name": name,
                "outlets": outlets,
                "articles": len(members[name]),
                "terms": terms.get(name, []),
                "loaded": _loaded(name, members[name][:read], story) if loaded_wording else [],
                "omitted": omitted.get(name, []),
            }
        )
    story_pairs = pairs(terms, _sample_counts(story, members), names=names) if len(members) > 1 else []
    for pair in story_pairs:
        for side in pair["sides"]:
            side["examples"] = examples(side["term"], members.get(side["group"], []), limit=1)
    return {
        "groups": result_groups,
        "pairs": story_pairs,
        "events": _events(story, events or {}, prior) if by_event else [],
        "skipped": skipped,
        "note": _note(kept, members, skipped),
    }


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
                "pairs": pairs(terms, _sample_counts(story, members)),
            }
        )
    return out


def _note(kept: Sequence[Article], members: Mapping[str, Sequence[Article]], skipped: Sequence[Any]) -> str | None:
    if not kept:
        return "No English articles in this story to compare." if skipped else "This story has no articles."
    if len(members) < 2:
        return "Only one outlet (or outlet group) tells this story: there is nothing to compare its wording with."
    return None
