"""Competing names for one thing in two outlets: distinctive terms in like contexts, or one entity written two ways."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from newsdesk.frame.terms import STOPWORDS, Counts

__all__ = ["CONTEXT", "PAIR_CANDIDATES", "PAIR_MIN", "PAIR_SHARED", "pairs"]

PAIR_CANDIDATES = 30  # distinctive terms per group considered for competing names
PAIR_MIN = 0.5  # cosine of context words from which two terms fill the same slot
PAIR_SHARED = 3  # context words two terms must share, "said" and its like aside (decision 0017, revision)
CONTEXT = 4  # words each side of a term that make its context


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


_WORD = re.compile(r"[^\W_]+")
_MINOR = frozenset({"of", "the", "for", "and", "in", "on", "de", "du", "des", "la", "le", "&"})


def _short_form(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` written shorter, which frames nothing: held in it ("Vell", "Tomas Vell"),
    its words among its words whatever joins them ("Ana Dell-Rio", "Ana Dell Rio"), or its initials ("ICT" for
    "the International Crimes Tribunal", "BCCI" for "Board of Control for Cricket in India", "AFP" for "Agence
    France-Presse")."""
    if short.casefold() in full.casefold():
        return True
    words = [w.casefold() for w in _WORD.findall(short)]
    within = [w.casefold() for w in _WORD.findall(full)]
    if words and set(words) <= set(within):
        return True
    dotted = len(words) > 1 and all(len(w) == 1 for w in words)  # "U.S", "U.N." ("U.S" and "United States")
    if not (len(words) == 1 or dotted) or not short.replace(".", "").replace(" ", "").isupper():
        return False
    letters = "".join(words)
    major = [w for w in within if w not in _MINOR]
    return letters in ("".join(w[0] for w in major), "".join(w[0] for w in within))


# British and American spellings of one word ("Kennedy Centre", "Kennedy Center"; "Defence", "Defense"; "Labour",
# "Labor"): one name in two house styles, which frames nothing.
_HOUSE_STYLE = (
    (re.compile(r"tre\b"), "ter"),
    (re.compile(r"(?<=[a-z])our\b"), "or"),
    (re.compile(r"(?<=[a-z])ence\b"), "ense"),
    (re.compile(r"(?<=[a-z])is(e|ed|ing|ation)\b"), r"iz\1"),
    (re.compile(r"(?<=[a-z])ys(e|ed|ing)\b"), r"yz\1"),
    (re.compile(r"(?<=[a-z])ll(ed|ing|er)\b"), r"l\1"),
)


def _house_style(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only by British and American spelling."""
    if a.casefold() == b.casefold():
        return False
    forms = []
    for name in (a.casefold(), b.casefold()):
        for pattern, repl in _HOUSE_STYLE:
            name = pattern.sub(repl, name)
        forms.append(name)
    return forms[0] == forms[1]


# Words that sit beside any term in news (a report's own verbs): they tell no slot.
_EVERYWHERE = frozenset({"said", "says", "say", "told", "according", "added", "reported", "news"})


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    """The cosine of two terms' context words; 0 where they share fewer than ``PAIR_SHARED`` of them (aside from
    a report's own verbs): a word or two in common ("fire", "said") is chance, not one slot."""
    shared = set(a) & set(b)
    if len(shared - _EVERYWHERE) < PAIR_SHARED:
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
    alike (cosine of the content words within ``CONTEXT`` words, at least ``PAIR_MIN``, with ``PAIR_SHARED`` of
    them in common): "occupied territories" and
    "new regions" both sit beside "annexed", "referendum", "held". By entity: one entity (``names``: entity id ->
    group -> how each group writes it) named one way by one group and another way by another, where neither name
    is a short form of the other (:func:`_short_form`: "Kyiv" / "Kiev", not "Putin" / "Vladimir Putin" nor "ICT"
    / "International Crimes Tribunal" nor "U.S" / "United States") nor the other in another house's spelling
    ("Kennedy Centre" / "Kennedy Center").
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
                if _short_form(na, nb) or _short_form(nb, na) or _house_style(na, nb):
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
