"""Attribution scorer on PolNeAR: who said what, against the corpus's Source / Cue / Content annotations.

Run ``python -m tests.eval.polnear --split dev --predictor textacy`` for the table; ``--show-errors N`` prints
missed and false content spans (terminal only: never paste them into the project, the texts are the
publishers'), ``--stats`` prints what the gold annotates (cue words, quoted vs reported, source forms).

The data (``../shared/data/polnear``, brat standoff, one ``.ann`` per article and annotator):

- ``T`` lines: ``T12<TAB>Type START END[;START END...]<TAB>covered text``. Types used here: ``Source``, ``Cue``,
  ``Content``. ``Attribution`` / ``Attribution-no-source`` are the event triggers (they repeat the cue span),
  ``Discard`` marks boilerplate and ``Discuss`` marks an annotator's query: neither is an attribution, both are
  ignored. Spans may be discontinuous (``;``). When a covered text holds a newline its remainder runs onto the
  next lines of the file; such continuation lines match no pattern and are skipped.
- ``E`` lines: ``E3<TAB>Attribution:T12 Cue:T11 Source:T10 Content:T9``. Event types ``Attribution`` and
  ``Attribution-no-source`` are both attributions (the latter has no ``Source`` role). A numbered role
  (``Content2``) is a second piece of the same role: its spans join the first's. Events without a ``Content``
  role (44 in the corpus) are skipped and counted.
- Some articles were annotated by several annotators (file ``NAME_ANNOTATOR.ann``; ``metadata.tsv`` lists them
  as ``a|b|c``). One annotation per article is scored: the first annotator in ``metadata.tsv``'s list that has a
  file (the list is in a fixed sorted order, so the choice is deterministic and needs no judgement of quality).

Scoring (micro-averaged over all attributions of the split):

- Tokens are maximal runs of word characters (``\\w+``): punctuation and quote marks are not tokens, so sharing
  only a comma or a quote mark is not an overlap.
- **exact**: the same character span after stripping, at both ends, whitespace, Unicode punctuation (every
  ``P*`` category: straight and curly quotes, guillemets, commas, full stops, dashes, brackets) and the backtick.
  Why: PolNeAR annotators are inconsistent about taking in a quote's marks and its closing comma or full stop,
  and whether an extractor keeps the marks is a presentation choice, not a different attribution. Nothing inside
  the span is touched (a leading "that" of reported speech stays: the gold includes it).
- **overlap**: the predicted span and the gold span(s) share at least one token.
- **Discontinuous gold spans** (a quote split by its cue, ``"A," he said, "B."``): a prediction is one contiguous
  span, so exact compares it with the gold's *hull* (first fragment's start to last fragment's end, normalised);
  overlap needs a shared token with one of the fragments (the gap between them does not count).
- **One-to-one**: each gold attribution matches at most one prediction and each prediction at most one gold
  attribution; the true positives are a maximum matching (so duplicates and split predictions cost precision).
- **content** P/R/F1: matching on content spans alone.
- **source** P/R/F1, per attribution: a true positive is a (prediction, gold) pair whose contents match and whose
  sources match (same criterion, exact or overlap), again one-to-one. Precision is over predictions that name a
  source, recall over gold attributions that have one; gold attributions without a source (reported as
  ``gold_without_source``) and predictions without one take no part in source scoring.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Span = tuple[int, int]
Predictor = Callable[[str], list["Predicted"]]
MODES = ("exact", "overlap")
QUOTES = "\"'`“”‘’«»„‟‹›"

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(\S+)(.*)$")
_WORD = re.compile(r"\w+")
ROLES = ("Source", "Cue", "Content")
EVENT_TYPES = ("Attribution", "Attribution-no-source")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution; each part is a tuple of character spans (several when discontinuous)."""

    content: tuple[Span, ...]
    source: tuple[Span, ...] | None = None
    cue: tuple[Span, ...] | None = None
    id: str = ""


@dataclass(frozen=True)
class Predicted:
    """One predicted attribution: a content span and, when the predictor names one, a source span."""

    content_start: int
    content_end: int
    source_start: int | None = None
    source_end: int | None = None

    @property
    def content(self) -> Span:
        return (self.content_start, self.content_end)

    @property
    def source(self) -> Span | None:
        if self.source_start is None or self.source_end is None:
            return None
        return (self.source_start, self.source_end)


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    annotator: str = ""
    skipped: int = 0  # events without a Content role


# -- reading ---------------------------------------------------------------------------------------------------


def parse_ann(ann: str) -> tuple[list[GoldAttribution], int]:
    """The attributions of one brat ``.ann`` text, and how many events were skipped for lacking content."""
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        if m := _T_LINE.match(line):
            pieces = tuple((int(a), int(b)) for a, b in (p.split() for p in m[3].split(";")))
            spans[m[1]] = (m[2], pieces)
        elif (m := _E_LINE.match(line)) and m[2].split(":", 1)[0] in EVENT_TYPES:
            roles = [tuple(arg.split(":", 1)) for arg in m[3].split() if ":" in arg]
            events.append((m[1], [(r[0], r[1]) for r in roles]))
    out: list[GoldAttribution] = []
    skipped = 0
    for event_id, roles in events:
        parts: dict[str, list[Span]] = {}
        for role, ref in roles:
            base = role.rstrip("0123456789")  # Content2 is more of Content
            if base in ROLES and ref in spans:
                parts.setdefault(base, []).extend(spans[ref][1])
        if not parts.get("Content"):
            skipped += 1
            continue

        def part(name: str, parts: dict[str, list[Span]] = parts) -> tuple[Span, ...] | None:
            return tuple(sorted(parts[name])) if parts.get(name) else None

        content = part("Content")
        assert content is not None
        out.append(GoldAttribution(content=content, source=part("Source"), cue=part("Cue"), id=event_id))
    return out, skipped


def data_root() -> Path:
    from tests.eval.gate import shared

    return shared() / "data" / "polnear"


def load(split: str = "dev", root: Path | None = None) -> list[Document]:
    """The articles of one split with their chosen annotation, in file-name order."""
    root = root or data_root()
    annotators: dict[str, list[str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            annotators[row["filename"]] = [a for a in row["annotators"].split("|") if a]
    docs = []
    for text_file in sorted((root / split / "text").glob("*.txt")):
        name = text_file.stem
        candidates = [
            *annotators.get(name, []),
            *sorted(p.stem[len(name) + 1 :] for p in _ann_files(root, split, name)),
        ]
        chosen = next((a for a in candidates if (root / split / "attributions" / f"{name}_{a}.ann").is_file()), None)
        if chosen is None:
            raise FileNotFoundError(f"no attribution file for {split}/{name}")
        ann = (root / split / "attributions" / f"{name}_{chosen}.ann").read_text(encoding="utf-8")
        attributions, skipped = parse_ann(ann)
        docs.append(Document(name, text_file.read_text(encoding="utf-8"), tuple(attributions), chosen, skipped))
    return docs


def _ann_files(root: Path, split: str, name: str) -> list[Path]:
    return [p for p in (root / split / "attributions").glob(f"{name}_*.ann") if "_" not in p.stem[len(name) + 1 :]]


# -- spans -----------------------------------------------------------------------------------------------------


def _strippable(ch: str) -> bool:
    return ch.isspace() or ch in QUOTES or unicodedata.category(ch).startswith("P")


def normalise(text: str, start: int, end: int) -> Span:
    """``(start, end)`` with whitespace, punctuation and quote marks stripped from both ends."""
    start, end = max(0, start), min(len(text), end)
    while start < end and _strippable(text[start]):
        start += 1
    while end > start and _strippable(text[end - 1]):
        end -= 1
    return (start, end) if start < end else (start, start)


def hull(spans: Sequence[Span]) -> Span:
    return (min(s for s, _ in spans), max(e for _, e in spans))


class Tokens:
    """Word tokens of a text, to find which tokens a span covers."""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in self.spans]

    def covered(self, spans: Iterable[Span]) -> frozenset[int]:
        from bisect import bisect_left, bisect_right

        out: set[int] = set()
        for start, end in spans:
            i = max(0, bisect_right(self.starts, start) - 1)
            j = bisect_left(self.starts, end)
            out.update(k for k in range(i, j) if self.spans[k][1] > start and self.spans[k][0] < end)
        return frozenset(out)


def spans_match(mode: str, text: str, tokens: Tokens, predicted: Span, gold: Sequence[Span]) -> bool:
    """Does a contiguous predicted span match gold span(s) under ``mode`` (see the module docstring)?"""
    if mode == "exact":
        return normalise(text, *predicted) == normalise(text, *hull(gold))
    if mode == "overlap":
        return bool(tokens.covered([predicted]) & tokens.covered(gold))
    raise ValueError(f"unknown mode {mode!r}")


def max_matching(candidates: Sequence[Sequence[int]]) -> dict[int, int]:
    """Maximum one-to-one matching (Kuhn's augmenting paths): ``candidates[p]`` lists the golds ``p`` may take.

    Returns ``{gold index: prediction index}``.
    """
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in candidates[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(candidates)):
        augment(p, set())
    return owner


# -- scoring ---------------------------------------------------------------------------------------------------


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "predicted": predicted, "gold": gold}


def match_document(doc: Document, predictions: Sequence[Predicted], mode: str) -> tuple[dict[int, int], dict[int, int]]:
    """The content matching and the content-and-source matching of one document, each ``{gold: prediction}``."""
    tokens = Tokens(doc.text)
    golds = doc.attributions
    content_ok = [
        [g for g, gold in enumerate(golds) if spans_match(mode, doc.text, tokens, pred.content, gold.content)]
        for pred in predictions
    ]
    source_ok = [
        [
            g
            for g in ok
            if (src := predictions[p].source) is not None
            and (gsrc := golds[g].source) is not None
            and spans_match(mode, doc.text, tokens, src, gsrc)
        ]
        for p, ok in enumerate(content_ok)
    ]
    return max_matching(content_ok), max_matching(source_ok)


def score_documents(docs: Sequence[Document], predictions: Sequence[Sequence[Predicted]]) -> dict[str, Any]:
    """Scores of ``predictions[i]`` against ``docs[i]`` (see the module docstring for the rules)."""
    if len(docs) != len(predictions):
        raise ValueError("one prediction list per document")
    n_gold = sum(len(d.attributions) for d in docs)
    n_pred = sum(len(p) for p in predictions)
    gold_sourced = sum(a.source is not None for d in docs for a in d.attributions)
    pred_sourced = sum(p.source is not None for preds in predictions for p in preds)
    out: dict[str, Any] = {
        "documents": len(docs),
        "gold": n_gold,
        "predicted": n_pred,
        "gold_without_source": n_gold - gold_sourced,
        "skipped_without_content": sum(d.skipped for d in docs),
        "content": {},
        "source": {},
    }
    for mode in MODES:
        content_tp = source_tp = 0
        for doc, preds in zip(docs, predictions, strict=True):
            content, source = match_document(doc, preds, mode)
            content_tp += len(content)
            source_tp += len(source)
        out["content"][mode] = _prf(content_tp, n_pred, n_gold)
        out["source"][mode] = _prf(source_tp, pred_sourced, gold_sourced)
    return out


def score(predict: Predictor, split: str = "dev", root: Path | None = None) -> dict[str, Any]:
    """Run ``predict`` over every article of ``split`` and score it; ``seconds`` is the prediction time."""
    docs = load(split, root)
    started = time.perf_counter()
    predictions = [predict(doc.text) for doc in docs]
    seconds = time.perf_counter() - started
    return {"split": split, **score_documents(docs, predictions), "seconds": seconds}


def table(scores: dict[str, Any]) -> str:
    lines = [
        f"PolNeAR {scores.get('split', '')}: {scores['documents']} articles, {scores['gold']} gold attributions "
        f"({scores['gold_without_source']} without a source), {scores['predicted']} predicted"
        + (f", {scores['seconds']:.1f} s" if "seconds" in scores else ""),
        f"{'measure':<18}{'P':>8}{'R':>8}{'F1':>8}{'TP':>8}",
    ]
    for part in ("content", "source"):
        for mode in MODES:
            s = scores[part][mode]
            lines.append(f"{part + ' ' + mode:<18}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}{s['tp']:>8}")
    return "\n".join(lines)


# -- development aids (terminal only) --------------------------------------------------------------------------


def errors(
    docs: Sequence[Document], predictions: Sequence[Sequence[Predicted]], mode: str = "overlap"
) -> tuple[list[tuple[Document, GoldAttribution]], list[tuple[Document, Predicted]]]:
    """Gold attributions left unmatched (missed) and predictions left unmatched (false), by content."""
    missed: list[tuple[Document, GoldAttribution]] = []
    false: list[tuple[Document, Predicted]] = []
    for doc, preds in zip(docs, predictions, strict=True):
        content, _ = match_document(doc, preds, mode)
        used = set(content.values())
        missed += [(doc, a) for g, a in enumerate(doc.attributions) if g not in content]
        false += [(doc, p) for i, p in enumerate(preds) if i not in used]
    return missed, false


def _snippet(text: str, spans: Sequence[Span], width: int = 160) -> str:
    body = " … ".join(text[s:e] for s, e in spans)
    body = " ".join(body.split())
    return body if len(body) <= width else body[: width - 1] + "…"


def show_errors(docs: Sequence[Document], predictions: Sequence[Sequence[Predicted]], limit: int) -> None:
    missed, false = errors(docs, predictions)
    print(f"\nmissed (overlap): {len(missed)}; first {limit}")
    for doc, a in missed[:limit]:
        source = _snippet(doc.text, a.source, 40) if a.source else "-"
        cue = _snippet(doc.text, a.cue, 30) if a.cue else "-"
        print(f"  {doc.name[:40]:<40} [{source} | {cue}] {_snippet(doc.text, a.content)}")
    print(f"\nfalse (overlap): {len(false)}; first {limit}")
    for doc, p in false[:limit]:
        source = _snippet(doc.text, [p.source], 40) if p.source else "-"
        print(f"  {doc.name[:40]:<40} [{source}] {_snippet(doc.text, [p.content])}")


PRONOUNS = frozenset("i you he she it we they me him her us them one who which whose that this those".split())
POSSESSIVES = frozenset("his her their its my our your".split())
DETERMINERS = frozenset("a an the some several many two three one another both most no each all".split())


def source_form(source: str) -> str:
    """A rough class of a source's wording, for ``stats``."""
    words = source.split()
    if not words:
        return "(empty)"
    first = words[0].lower().strip(".,")
    if len(words) == 1 and (first in PRONOUNS or first in POSSESSIVES):
        return "pronoun (he, they, which, his...)"
    if first in POSSESSIVES:
        return "possessive pronoun + noun (his campaign)"
    if first in DETERMINERS:
        return "determiner + noun (a source, the poll)"
    capitalised = [w[:1].isupper() for w in words if w[:1].isalpha() and w.lower() not in ("of", "and", "for", "the")]
    if all(capitalised):
        return "name (capitalised words)"
    if len(capitalised) >= 2 and all(capitalised[-2:]):
        return "title + name (press secretary Josh Earnest)"
    if any(w.endswith(("’s", "'s")) for w in words):
        return "possessive name + noun (Clinton’s campaign)"
    return "bare noun phrase (officials, polls)"


def stats(docs: Sequence[Document]) -> dict[str, Any]:
    """What the gold annotates: cue words, quoted vs reported content, source forms, nesting."""
    cues: Counter[str] = Counter()
    quoting: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    position: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    for doc in docs:
        text = doc.text
        hulls = [hull(a.content) for a in doc.attributions]
        for i, a in enumerate(doc.attributions):
            contents = hulls[:i] + hulls[i + 1 :]  # the other attributions' contents
            cue = " ".join(text[s:e] for s, e in a.cue).lower() if a.cue else ""
            cues[" ".join(cue.split()) or "(no cue)"] += 1
            start, end = hull(a.content)
            pieces = [text[s:e] for s, e in a.content]
            body = " ".join(pieces)
            # Widen to take in quote marks and punctuation just outside the span.
            ws, we = start, end
            while ws > 0 and (text[ws - 1] in QUOTES or text[ws - 1] in " ,:"):
                ws -= 1
            while we < len(text) and (text[we] in QUOTES or text[we] in " .,;"):
                we += 1
            wide = text[ws:we].strip(" ,.:;")
            opened = wide[:1] in QUOTES
            closed = wide[-1:] in QUOTES
            has_quote = any(ch in '“”"' for ch in body)
            if opened and closed:
                quoting["fully quoted"] += 1
            elif has_quote:
                quoting["partly quoted (reported speech with a quoted fragment)"] += 1
            else:
                quoting["not quoted (reported speech or paraphrase)"] += 1
            if len(a.content) > 1:
                shapes["content discontinuous"] += 1
            if body.lower().startswith("that "):
                shapes["content starts with 'that'"] += 1
            if "\n" in text[start:end]:
                shapes["content crosses a paragraph break"] += 1
            if any(cs <= start and end <= ce for cs, ce in contents):
                shapes["nested: content inside another attribution's content"] += 1
            if a.source and any(cs <= a.source[0][0] and a.source[-1][1] <= ce for cs, ce in contents):
                shapes["nested: source inside another attribution's content"] += 1
            cue_start = a.cue[0][0] if a.cue else None
            if cue_start is not None:
                where = "before" if cue_start < start else "after" if cue_start >= end else "inside"
                position[f"cue {where} content"] += 1
            if a.source is None:
                sources["(no source)"] += 1
                continue
            src = " ".join(text[s:e] for s, e in a.source)
            if cue == "according to" or src.lower().startswith("according to"):
                sources["'according to' X"] += 1
            sources[source_form(src)] += 1
            if len(a.source) > 1:
                sources["source discontinuous"] += 1
    total = sum(len(d.attributions) for d in docs)
    return {
        "attributions": total,
        "cues": cues.most_common(30),
        "distinct cues": len(cues),
        "quoting": dict(quoting),
        "sources": dict(sources),
        "cue position": dict(position),
        "shapes": dict(shapes),
    }


def print_stats(docs: Sequence[Document]) -> None:
    s = stats(docs)
    total = s["attributions"]
    print(f"\n{total} gold attributions; {s['distinct cues']} distinct cue strings; top cues:")
    print("  " + ", ".join(f"{cue} {n}" for cue, n in s["cues"]))
    for key in ("quoting", "sources", "cue position", "shapes"):
        print(f"{key}:")
        for name, n in sorted(s[key].items(), key=lambda kv: -kv[1]):
            print(f"  {name:<58}{n:>7}  {n / total:6.1%}")


# -- predictors ------------------------------------------------------------------------------------------------


def quote_marks_predictor(text: str) -> list[Predicted]:
    """A no-model floor: every span between curly or straight double quotes with at least four words."""
    out = []
    for m in re.finditer(r"“([^”]{1,2000})”|\"([^\"\n]{1,2000})\"", text):
        if len(_WORD.findall(m.group(0))) >= 4:
            out.append(Predicted(m.start(), m.end()))
    return out


class TextacyPredictor:
    """textacy's ``direct_quotations`` over spaCy's small English model: speaker, cue and content token spans.

    textacy refuses a whole document when its quote marks do not pair up (news leaves a quote open at the end of
    a paragraph that the next one continues), so each paragraph (text between newlines) is parsed on its own and
    a paragraph it refuses gives nothing; ``refused`` counts them. The speaker is the token(s) textacy returns
    (often the head noun alone, "senator" for "the senator"), taken as is: this is the peer baseline, not our
    extractor.
    """

    def __init__(self, nlp: Any = None) -> None:
        from textacy.extract.triples import direct_quotations

        from tests.eval.models import spacy_nlp

        self.nlp = nlp or spacy_nlp()
        self.direct_quotations = direct_quotations
        self.paragraphs = 0
        self.refused = 0

    def __call__(self, text: str) -> list[Predicted]:
        paragraphs = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
        out = []
        for (offset, _), doc in zip(paragraphs, self.nlp.pipe(p for _, p in paragraphs), strict=True):
            self.paragraphs += 1
            try:
                triples = list(self.direct_quotations(doc))
            except ValueError:
                self.refused += 1
                continue
            for triple in triples:
                content = list(triple.content)
                if not content:
                    continue
                speaker = list(triple.speaker)
                out.append(
                    Predicted(
                        offset + content[0].idx,
                        offset + content[-1].idx + len(content[-1]),
                        offset + min(t.idx for t in speaker) if speaker else None,
                        offset + max(t.idx + len(t) for t in speaker) if speaker else None,
                    )
                )
        return out


def gold_predictor(docs: Sequence[Document]) -> Predictor:
    """An oracle that returns the gold (hulls of discontinuous spans): a check of the scorer, scoring 1.0."""
    by_text = {d.text: d for d in docs}

    def predict(text: str) -> list[Predicted]:
        return [
            Predicted(*hull(a.content), *(hull(a.source) if a.source else (None, None)))
            for a in by_text[text].attributions
        ]

    return predict


def get_predictor(name: str, docs: Sequence[Document]) -> Predictor:
    """``textacy``, ``newsdesk``, ``quotes``, ``gold``, or ``module:function`` (a ``str -> list[Predicted]``)."""
    if name == "textacy":
        return TextacyPredictor()
    if name == "newsdesk":
        from tests.eval.polnear_newsdesk import NewsdeskPredictor

        return NewsdeskPredictor()
    if name == "quotes":
        return quote_marks_predictor
    if name == "gold":
        return gold_predictor(docs)
    if ":" in name:
        module, _, attr = name.partition(":")
        predictor: Predictor = getattr(importlib.import_module(module), attr)
        return predictor
    raise SystemExit(f"unknown predictor {name!r}: textacy, quotes, gold or module:function")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.polnear", description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--predictor", default="textacy", help="textacy | quotes | gold | module:function")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N missed and N false spans")
    parser.add_argument("--stats", action="store_true", help="print what the gold annotates, and stop")
    args = parser.parse_args(argv)
    docs = load(args.split)
    if args.stats:
        print_stats(docs)
        return 0
    predict = get_predictor(args.predictor, docs)
    started = time.perf_counter()
    predictions = [predict(doc.text) for doc in docs]
    seconds = time.perf_counter() - started
    print(table({"split": args.split, **score_documents(docs, predictions), "seconds": seconds}))
    if isinstance(predict, TextacyPredictor):
        print(f"textacy refused {predict.refused} of {predict.paragraphs} paragraphs (unpaired quote marks)")
    if args.show_errors:
        show_errors(docs, predictions, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
