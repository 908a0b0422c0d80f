"""Stance of an article toward a claim: supports, contradicts, discusses (reports without endorsing) or unrelated.

A model trained once on FNC-1 (``bench/train_stance.py``, see ``docs/decisions/0014-claim-stance-model.md``) and
shipped as ``stance_model.npz``: a word table (inverse document frequency and a 48-dimension latent projection per
word) and gradient-boosted trees over features of the pair. The features are similarity (TF-IDF cosine of claim and
article, of claim and each sentence, word and bigram overlap, latent cosine), cue words (refuting, denying, hedging,
confirming, negation) counted in the whole article, in its lead, in the sentences closest to the claim and near the
claim's words. The claim's own latent vector is not a feature of the shipped model: it lets the trees recognise
FNC-1's claims rather than read stance (``topic`` in the file; see the decision). Scoring runs on numpy alone,
batched: an article that appears in many pairs is read once.

>>> from newsdesk.claims.stance import claim_stance
>>> claim_stance("Mayor of Dunmore resigns", "The mayor of Dunmore resigned on Monday.").label  # doctest: +SKIP
'supports'
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["LABELS", "Stance", "claim_stance", "claim_stances", "features", "load_model"]

MODEL = Path(__file__).with_name("stance_model.npz")
LABELS = ("supports", "contradicts", "discusses", "unrelated")
MAX_CHARS = 200_000  # longer articles are read up to here: stance is decided by the claim's sentences, not the tail
LEAD_SENTENCES = 3
TOP_SENTENCES = 3
WINDOW = 12  # words either side of a claim word in which a cue word counts as "near" it

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# A sentence ends at . ! ? (optionally closed by a quote or bracket) before white space, or at a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+|\n\s*\n")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where which while who
    whom why will with you your yours yourself yourselves s t""".split()
)

# Cue words, lower case. Each group is counted in the claim, in the article, in its lead and near the claim's words.
CUES: dict[str, frozenset[str]] = {
    "refute": frozenset(
        """fake fakes faked fraud fraudulent hoax hoaxes false falsely bogus debunk debunked debunks debunking
        deny denies denied denying denial refute refutes refuted refuting dismiss dismissed dismisses untrue
        myth misleading mistaken incorrect wrong fabricated fabrication made-up satire satirical parody prank
        pranks pranked rumor-mongering nonsense baseless unfounded retract retracted retraction
        correction debunker doctored photoshopped staged scam lie lies lied lying""".split()
    ),
    "negation": frozenset(
        """not no never none nothing neither nor without cannot can't won't isn't wasn't aren't weren't don't
        doesn't didn't hasn't haven't hadn't couldn't wouldn't shouldn't nobody nowhere""".split()
    ),
    "hedge": frozenset(
        """reportedly allegedly alleged alleges claim claims claimed claiming purportedly purported supposedly
        apparently rumor rumors rumour rumours rumored rumoured unconfirmed unverified speculation speculated
        speculate may might could possibly possible perhaps likely unclear suggest suggests suggested believed
        reports reported report according sources source appears appeared seems seemed if whether""".split()
    ),
    "confirm": frozenset(
        """confirmed confirms confirm confirming confirmation announced announces official officially revealed
        reveals proof proved proven prove verified indeed actually true truly shows showed shown
        footage photos video evidence""".split()
    ),
    "doubt": frozenset(
        """doubt doubts doubtful skeptical sceptical skepticism questioned questionable suspicious dubious
        however but although though despite unlikely""".split()
    ),
    # Two narrower groups inside "refute": someone denies or rejects it, or it is called fake.
    "deny": frozenset(
        """deny denies denied denying denial denials reject rejects rejected rejecting refute refutes refuted
        rebut rebuts rebutted dismiss dismisses dismissed dismissing retract retracts retracted retraction
        disputes disputed contradicts contradicted insists insisted""".split()
    ),
    "fake": frozenset(
        """fake fakes faked hoax hoaxes false falsely bogus untrue myth satire satirical parody prank pranks
        fabricated fabrication doctored photoshopped staged scam debunk debunked debunks debunking baseless
        unfounded nonsense rumor-mongering""".split()
    ),
}
_CUE_NAMES = tuple(CUES)
_REFUTING = CUES["refute"] | CUES["negation"] | CUES["doubt"] | CUES["deny"] | CUES["fake"]

# Two-word cues that say a report is wrong ("not true", "no evidence", "turned out"), counted as one group.
REFUTING_PHRASES = frozenset(
    tuple(p.split("_"))
    for p in """not_true no_evidence no_truth not_real no_proof not_genuine not_authentic is_false was_false
    are_false were_false turned_out turns_out fake_news no_plans no_intention not_happen never_happened
    not_dead still_alive alive_and no_longer debunked_by actually_a in_fact set_straight no_basis
    categorically_denied flatly_denied strongly_denied quickly_denied denied_reports denied_the denied_that
    false_reports false_rumors false_rumours false_story no_such never_said did_not didn't_happen""".split()
)

# Words whose opposite in the article, against the claim's word, is a contradiction ("alive" against "dead").
_OPPOSITES = [
    ("alive", "dead died killed death slain"),
    ("dead died killed death dies", "alive survived survives surviving living"),
    ("real genuine authentic true confirmed", "fake hoax false bogus doctored photoshopped staged satire untrue"),
    ("confirm confirms confirmed", "deny denies denied denial"),
    ("found discovered", "missing lost"),
    ("guilty", "innocent acquitted"),
    ("win wins won", "lose loses lost"),
    ("arrested captured", "released freed escaped"),
    ("open opens opened", "closed shut"),
    ("married engaged", "divorced split"),
]
OPPOSITES: dict[str, frozenset[str]] = {}
for _left, _right in _OPPOSITES:
    for _w in _left.split():
        OPPOSITES[_w] = OPPOSITES.get(_w, frozenset()) | frozenset(_right.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    """The stance of one article toward one claim, with the sentence of the article that shows it.

    ``start``/``end`` is the half-open character range of the evidence sentence in the article text (for
    ``contradicts``, the closest sentence that refutes or negates; otherwise the sentence closest to the claim).
    ``confidence`` is the model's probability of ``label``; ``scores`` gives every label's probability.
    """

    label: str
    confidence: float
    start: int
    end: int
    scores: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        """The stance as plain JSON-ready data."""
        return {
            "label": self.label,
            "confidence": self.confidence,
            "start": self.start,
            "end": self.end,
            "scores": dict(self.scores),
        }


# Reading texts


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (curly apostrophes made straight)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def sentences(text: str) -> list[tuple[int, int]]:
    """Half-open character ranges of the sentences of ``text``, white space trimmed, empty ones left out."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start() + len(match.group(1) or "")))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class _Model:
    index: dict[str, int]
    idf: npt.NDArray[np.float32]
    latent: npt.NDArray[np.float32]
    default_idf: float
    trees: dict[str, npt.NDArray[Any]]
    base: npt.NDArray[np.float64]
    n_features: int
    bias: npt.NDArray[np.float64]  # added to each class's summed tree output (chosen on training bodies held apart)
    topic: bool  # whether the claim's latent vector is a feature (what the claim is about, not how it is told)


@dataclass(slots=True)
class _Article:
    """What a pair needs of an article, computed once per distinct text."""

    spans: list[tuple[int, int]]
    sent_words: list[list[str]]
    # word -> [(sentence index, tf-idf weight in that sentence)]
    postings: dict[str, list[tuple[int, float]]]
    vector: dict[str, float]  # tf-idf of the whole article, unit length
    word_set: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    latent: npt.NDArray[np.float32]
    cue_counts: list[float]  # per cue group, per 100 words over the article
    lead_cues: list[float]
    sent_cues: list[list[int]]  # per sentence, per cue group, a count
    all_words: list[str]
    positions: dict[str, list[int]]  # content word -> positions in all_words
    cue_positions: list[list[int]]  # per cue group, positions in all_words
    length: int
    sent_phrases: list[int]  # per sentence, refuting two-word phrases
    phrase_positions: list[int]  # positions in all_words of the first word of each refuting phrase
    first_refuting: float  # where the first refuting word or phrase is, as a share of the article (1.0: none)


def _content(tokens: Iterable[str]) -> list[str]:
    return [t for t in tokens if (t not in STOPWORDS and not t.isdigit()) or (t.isdigit() and len(t) > 1)]


def _weights(tokens: list[str], model: _Model) -> dict[str, float]:
    counts: dict[str, int] = {}
    for t in tokens:
        counts[t] = counts.get(t, 0) + 1
    out = {t: (1.0 + math.log(c)) * _idf(t, model) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
    return {t: v / norm for t, v in out.items()}


def _idf(token: str, model: _Model) -> float:
    i = model.index.get(token)
    return float(model.idf[i]) if i is not None else model.default_idf


def _latent(weights: dict[str, float], model: _Model) -> npt.NDArray[np.float32]:
    import numpy as np

    ids = [model.index[t] for t in weights if t in model.index]
    if not ids:
        return np.zeros(model.latent.shape[1], dtype=np.float32)
    vals = np.array([weights[t] for t in weights if t in model.index], dtype=np.float32)
    vec: npt.NDArray[np.float32] = vals @ model.latent[ids]
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


def _cue_hits(tokens: Sequence[str]) -> list[int]:
    return [sum(t in CUES[name] for t in tokens) for name in _CUE_NAMES]


def _phrases(tokens: Sequence[str]) -> int:
    return sum(pair in REFUTING_PHRASES for pair in itertools.pairwise(tokens))


_STRONG_REFUTING = CUES["refute"] | CUES["deny"] | CUES["fake"]


def _read_article(text: str, model: _Model) -> _Article:
    text = text[:MAX_CHARS]
    spans = sentences(text)
    sent_words = [words(text[a:b]) for a, b in spans]
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, toks in enumerate(sent_words):
        weights = _weights(_content(toks), model)
        for t, w in weights.items():
            postings.setdefault(t, []).append((i, w))
    all_words = [w for toks in sent_words for w in toks]
    content = _content(all_words)
    vector = _weights(content, model)
    n = max(1, len(all_words))
    sent_cues = [_cue_hits(toks) for toks in sent_words]
    lead = [sum(c[g] for c in sent_cues[:LEAD_SENTENCES]) for g in range(len(_CUE_NAMES))]
    lead_len = max(1, sum(len(toks) for toks in sent_words[:LEAD_SENTENCES]))
    positions: dict[str, list[int]] = {}
    cue_positions: list[list[int]] = [[] for _ in _CUE_NAMES]
    for p, word in enumerate(all_words):
        if word not in STOPWORDS:
            positions.setdefault(word, []).append(p)
        for g, name in enumerate(_CUE_NAMES):
            if word in CUES[name]:
                cue_positions[g].append(p)
    phrase_positions = [p for p, pair in enumerate(itertools.pairwise(all_words)) if pair in REFUTING_PHRASES]
    first = next((p for p, word in enumerate(all_words) if word in _STRONG_REFUTING), len(all_words))
    if phrase_positions:
        first = min(first, phrase_positions[0])
    return _Article(
        spans=spans,
        sent_words=sent_words,
        postings=postings,
        vector=vector,
        word_set=frozenset(content),
        bigrams=frozenset(itertools.pairwise(content)),
        latent=_latent(vector, model),
        cue_counts=[100.0 * sum(c[g] for c in sent_cues) / n for g in range(len(_CUE_NAMES))],
        lead_cues=[100.0 * lead[g] / lead_len for g in range(len(_CUE_NAMES))],
        sent_cues=sent_cues,
        all_words=all_words,
        positions=positions,
        cue_positions=cue_positions,
        length=len(all_words),
        sent_phrases=[_phrases(toks) for toks in sent_words],
        phrase_positions=phrase_positions,
        first_refuting=first / max(1, len(all_words)),
    )


def _near(article: _Article, claim_words: list[str], group: int, window: int = WINDOW) -> float:
    """Cue words of ``group`` (-1: refuting phrases) within ``window`` words of a claim word in the article, per
    claim-word occurrence."""
    anchors = sorted(p for w in set(claim_words) for p in article.positions.get(w, ()))
    cues = article.phrase_positions if group < 0 else article.cue_positions[group]
    if not anchors or not cues:
        return 0.0
    hits = 0
    for c in cues:
        i = bisect.bisect_left(anchors, c - window)
        if i < len(anchors) and anchors[i] <= c + window:
            hits += 1
    return hits / math.sqrt(len(anchors))


def _negated(tokens: Sequence[str], claim_words: set[str]) -> int:
    """Claim words in ``tokens`` with a negation among the three words before them ("has not resigned")."""
    negation = CUES["negation"]
    return sum(
        1
        for p, token in enumerate(tokens)
        if token in claim_words and any(t in negation for t in tokens[max(0, p - 3) : p])
    )


def _opposed(claim_tokens: Sequence[str], tokens: Iterable[str]) -> int:
    """Claim words whose opposite is among ``tokens`` ("alive" in the claim, "dead" in the article)."""
    present = set(tokens)
    return sum(1 for w in set(claim_tokens) if w in OPPOSITES and OPPOSITES[w] & present and w not in present)


def _pair_features(claim: str, article: _Article, model: _Model) -> tuple[list[float], int, int]:
    """The feature row of one pair, the index of the sentence closest to the claim and of the closest refuting one."""
    claim_tokens = words(claim)
    claim_content = _content(claim_tokens)
    cvec = _weights(claim_content, model)
    scores = [0.0] * len(article.spans)
    for t, w in cvec.items():
        for i, sw in article.postings.get(t, ()):
            scores[i] += w * sw
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    best = order[0] if order else -1
    top = order[:TOP_SENTENCES]
    # The evidence of a contradiction: the closest sentence (sharing a claim word, or next to the closest one) with a
    # refuting, negating or doubting word that the claim does not itself use ("fraud" in a claim about a fraud
    # inquiry refutes nothing).
    claim_words = set(claim_tokens)
    best_refuting = next(
        (
            i
            for i in order
            if (scores[i] > 0 or abs(i - best) == 1)
            and any(w in _REFUTING and w not in claim_words for w in article.sent_words[i])
        ),
        best,
    )
    cos_body = sum(w * article.vector.get(t, 0.0) for t, w in cvec.items())
    lead_max = max(scores[:LEAD_SENTENCES], default=0.0)
    claim_set = set(claim_content)
    overlap = len(claim_set & article.word_set) / max(1, len(claim_set))
    idf_total = sum(_idf(t, model) for t in claim_set) or 1.0
    idf_overlap = sum(_idf(t, model) for t in claim_set & article.word_set) / idf_total
    claim_bigrams = set(itertools.pairwise(claim_content))
    bigram_overlap = len(claim_bigrams & article.bigrams) / max(1, len(claim_bigrams))
    clat = _latent(cvec, model)
    lat_cos = float(clat @ article.latent)
    best_lat = 0.0
    if best >= 0:
        best_lat = float(clat @ _latent(_weights(_content(article.sent_words[best]), model), model))
    claim_cues = _cue_hits(claim_tokens)
    top_cues = [sum(article.sent_cues[i][g] for i in top) for g in range(len(_CUE_NAMES))]
    best_cues = article.sent_cues[best] if best >= 0 else [0] * len(_CUE_NAMES)
    near = [_near(article, claim_content, g) for g in range(len(_CUE_NAMES))]
    top_mean = sum(scores[i] for i in top) / max(1, len(top))
    row: list[float] = [
        cos_body,
        scores[best] if best >= 0 else 0.0,
        top_mean,
        lead_max,
        overlap,
        idf_overlap,
        bigram_overlap,
        lat_cos,
        best_lat,
        best / max(1, len(scores)) if best >= 0 else 1.0,
        sum(s > 0.2 for s in scores) / max(1, len(scores)),
        math.log1p(article.length),
        math.log1p(len(claim_tokens)),
        float("?" in claim),
        float(claim_cues[1] % 2 != (best_cues[1] % 2)),  # negation parity differs between claim and best sentence
        *[float(c) for c in claim_cues],
        *article.cue_counts,
        *article.lead_cues,
        *[float(c) for c in top_cues],
        *[float(c) for c in best_cues],
        *near,
    ]
    # Where the claim's sentences refute: cue counts weighted by each sentence's closeness to the claim.
    groups = [_CUE_NAMES.index(g) for g in ("refute", "negation", "hedge", "deny", "fake")]
    total = sum(scores) or 1.0
    weighted = [sum(s * article.sent_cues[i][g] for i, s in enumerate(scores) if s > 0) / total for g in groups]
    weighted.append(sum(s * article.sent_phrases[i] for i, s in enumerate(scores) if s > 0) / total)
    strongest = [max((s for i, s in enumerate(scores) if article.sent_cues[i][g]), default=0.0) for g in groups]
    strongest.append(max((s for i, s in enumerate(scores) if article.sent_phrases[i]), default=0.0))
    claim_set_all = set(claim_content)
    top_words = [w for i in top for w in article.sent_words[i]]
    row.extend(
        [
            float(_phrases(claim_tokens)),
            100.0 * len(article.phrase_positions) / max(1, article.length),
            float(sum(article.sent_phrases[:LEAD_SENTENCES])),
            float(sum(article.sent_phrases[i] for i in top)),
            float(article.sent_phrases[best]) if best >= 0 else 0.0,
            _near(article, claim_content, -1),
            *weighted,
            *strongest,
            float(sum(claim_cues[1] % 2 != article.sent_cues[i][1] % 2 for i in top)),
            float(_opposed(claim_tokens, top_words)),
            float(_opposed(claim_tokens, article.word_set)),
            float(sum(_negated(article.sent_words[i], claim_set_all) for i in top)),
            float(_negated(article.sent_words[best], claim_set_all)) if best >= 0 else 0.0,
            article.first_refuting,
            *[_near(article, claim_content, g, 5) for g in groups],
        ]
    )
    if model.topic:
        row.extend(clat.tolist())
        row.extend((clat * article.latent).tolist())
    return row, best, best_refuting


# The model


@cache
def load_model(path: Path = MODEL) -> _Model:
    """The shipped stance model (read once per process).

    Raises:
        ConfigError: the model file is missing or not a stance model.
    """
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"cannot read the stance model {path}: {exc}; reinstall newsdesk or rebuild it with bench/train_stance.py"
        ) from exc
    needed = {"vocab", "idf", "latent", "feature", "threshold", "left", "right", "leaf", "value", "roots", "base"}
    if not needed <= set(arrays):
        raise ConfigError(f"{path} is not a stance model: it lacks {sorted(needed - set(arrays))}")
    vocab = arrays["vocab"].tolist()
    trees = {k: arrays[k] for k in ("feature", "threshold", "left", "right", "leaf", "value", "roots", "tree_class")}
    return _Model(
        index={w: i for i, w in enumerate(vocab)},
        idf=arrays["idf"].astype(np.float32),
        latent=arrays["latent"].astype(np.float32),
        default_idf=float(arrays["idf"].max()),
        trees=trees,
        base=arrays["base"].astype(np.float64),
        n_features=int(arrays["n_features"]),
        bias=arrays["bias"].astype(np.float64) if "bias" in arrays else np.zeros(len(arrays["base"])),
        topic=bool(arrays["topic"]) if "topic" in arrays else True,
    )


def _raw_scores(x: npt.NDArray[np.float64], model: _Model) -> npt.NDArray[np.float64]:
    """Sum of the boosted trees' leaf values per class (the trees are flattened into one node table)."""
    import numpy as np

    t = model.trees
    roots = t["roots"]
    out = np.tile(model.base + model.bias, (x.shape[0], 1))
    chunk = max(1, 2_000_000 // max(1, len(roots)))
    for start in range(0, x.shape[0], chunk):
        rows = x[start : start + chunk]
        node = np.tile(roots, (rows.shape[0], 1))
        r = np.arange(rows.shape[0])[:, None]
        while True:
            leaf = t["leaf"][node]
            if leaf.all():
                break
            go_left = rows[r, t["feature"][node]] <= t["threshold"][node]
            nxt = np.where(go_left, t["left"][node], t["right"][node])
            node = np.where(leaf, node, nxt)
        values = t["value"][node]
        for k in range(out.shape[1]):
            out[start : start + chunk, k] += values[:, t["tree_class"] == k].sum(axis=1)
    return out


def features(pairs: Sequence[tuple[str, str]], model: _Model | None = None) -> tuple[Any, list[tuple[int, int]]]:
    """The feature matrix of ``pairs`` and, per pair, the closest and the closest refuting sentence's index.

    Used by :func:`claim_stances` and by the training script, so both read pairs the same way.
    """
    import numpy as np

    model = model or load_model()
    cache_: dict[str, _Article] = {}
    rows = []
    picks = []
    for claim, text in pairs:
        article = cache_.get(text)
        if article is None:
            article = cache_[text] = _read_article(text, model)
        row, best, refuting = _pair_features(claim, article, model)
        rows.append(row)
        picks.append((best, refuting))
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), -1), picks


def _check(pairs: Sequence[tuple[str, str]]) -> None:
    for n, pair in enumerate(pairs):
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise TypeError(f"pair {n} is {pair!r}: each pair must be (claim_text, article_text), two strings")


def claim_stances(pairs: Iterable[tuple[str, str]]) -> list[Stance]:
    """The stance of each article toward its claim, in the order of ``pairs`` of ``(claim_text, article_text)``.

    A pair with an empty claim or article is ``unrelated`` with confidence 1.0 and an empty span at 0.

    Raises:
        TypeError: a pair is not two strings.
        ConfigError: the shipped model cannot be read.
    """
    import numpy as np

    items = list(pairs)
    _check(items)
    model = load_model()
    live = [i for i, (c, t) in enumerate(items) if words(c) and words(t)]
    results: list[Stance | None] = [None] * len(items)
    if live:
        x, picks = features([items[i] for i in live], model)
        raw = _raw_scores(x, model)
        raw -= raw.max(axis=1, keepdims=True)
        prob = np.exp(raw)
        prob /= prob.sum(axis=1, keepdims=True)
        article_spans: dict[str, list[tuple[int, int]]] = {}
        for row, i in enumerate(live):
            text = items[i][1]
            spans = article_spans.get(text)
            if spans is None:
                spans = article_spans[text] = sentences(text[:MAX_CHARS])
            k = int(prob[row].argmax())
            best, refuting = picks[row]
            pick = refuting if LABELS[k] == "contradicts" else best
            start, end = spans[pick] if 0 <= pick < len(spans) else (0, 0)
            results[i] = Stance(
                label=LABELS[k],
                confidence=round(float(prob[row, k]), 4),
                start=start,
                end=end,
                scores={label: round(float(prob[row, j]), 4) for j, label in enumerate(LABELS)},
            )
    empty = {label: float(label == "unrelated") for label in LABELS}
    return [r or Stance(label="unrelated", confidence=1.0, start=0, end=0, scores=dict(empty)) for r in results]


def claim_stance(claim: str, text: str) -> Stance:
    """The stance of one article ``text`` toward ``claim`` (see :func:`claim_stances`)."""
    return claim_stances([(claim, text)])[0]
