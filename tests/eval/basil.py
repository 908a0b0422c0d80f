"""BASIL lexical bias: newsdesk's loaded phrases against the annotated loaded wording, and outlet-distinctive terms.

BASIL (``../shared/data/basil/``, Fan et al., EMNLP 2019; research use, so nothing learned from it is shipped)
holds events of 2010-2016 (70 in the part here), each told by three outlets (Fox News, The New York Times,
HuffPost), with phrases annotated as lexical bias (``bias`` = ``lex``: loaded wording) or informational bias.
Each annotation's ``start``/``end`` count within one sentence of ``body-paragraphs``, which one unsaid: the
sentence is the one whose text at those offsets is the annotated phrase. An article's text here is its sentences
joined by spaces and its paragraphs by blank lines.

Measures (the gate's ``basil.*``):
- ``basil.loaded_precision`` / ``basil.loaded_recall`` / ``basil.loaded_f1``: ``newsdesk.loaded_phrases`` at the
  phrase level, by overlap: a flagged phrase is right when it overlaps an annotated lexical-bias span, and an
  annotated span is found when a flagged phrase overlaps it.
- ``basil.loaded_precision_2013_2016`` / ``basil.loaded_recall_2013_2016`` / ``basil.loaded_f1_2013_2016``: the
  same on the events of 2013-2016 (120 articles) alone. The lexicon's additions of 2026-12-04 were written after
  reading what it missed in the 2010-2012 events; those of 2013-2016 were not read, so these say how it does on
  events its writers did not see (decision 0017).
- ``basil.adjective_precision`` / ``basil.adjective_recall`` / ``basil.adjective_f1``: the peer baseline that
  flags every adjective (spaCy's tagger), scored the same way; ``basil.loaded_f1_over_adjective`` is the ratio
  of the two F1 scores (the margin over the peer).
- ``basil.distinctive_events``: over the (event, outlet) pairs with annotated loaded wording, the share where the
  outlet's distinctive terms within the event (``newsdesk.frame.framing.frame``, the three outlets as groups, the
  prior's background the document frequencies of all BASIL's articles, as a store holding them would give it)
  include a content word of one of its annotated spans. Most annotated words are written once, and one use
  against none is never significant at z >= 1.96: what is found is found in the outlet's own wording (the words
  no other outlet of the event writes, listed with ``significant`` false for a group of one article).
- ``basil.distinctive_or_own_loaded_events``: the same, with the outlet's loaded wording that the other two
  outlets of the event do not write (``loaded`` rows with an empty ``used_by``) counted as distinctive.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsdesk.frame import framing
from newsdesk.frame.loaded import loaded_phrases
from newsdesk.records import Article

__all__ = ["UNREAD_FROM", "Story", "files", "measure", "read", "score"]

UNREAD_FROM = 2013  # the events from this year on were not read when the lexicon was extended


@dataclass(frozen=True, slots=True)
class Story:
    """One article of a BASIL event: its text and its annotated lexical-bias spans (start, end) into it."""

    event: str
    source: str
    text: str
    spans: tuple[tuple[int, int], ...]
    year: int = 0  # the year folder of its event


def files(folder: Path) -> list[Path]:
    """Every article and annotation file, in a fixed order."""
    return sorted([*folder.glob("articles/*/*.json"), *folder.glob("annotations/*/*.json")])


def _spans(sentences: list[tuple[int, str]], annotations: list[dict[str, object]]) -> list[tuple[int, int]]:
    spans = []
    for note in annotations:
        if note.get("bias") != "lex":
            continue
        start, end, phrase = int(str(note["start"])), int(str(note["end"])), str(note["txt"])
        for offset, sentence in sentences:
            if sentence[start:end] == phrase:
                spans.append((offset + start, offset + end))
                break
    return spans


def read(folder: Path) -> list[Story]:
    """Every annotated article of BASIL with its lexical-bias spans (an annotation whose sentence is not found is
    left out: a handful in the data)."""
    out = []
    for path in sorted(folder.glob("annotations/*/*_ann.json")):
        article = json.loads(
            path.parent.parent.parent.joinpath("articles", path.parent.name, path.name.replace("_ann", "")).read_text()
        )
        notes = json.loads(path.read_text())
        text, sentences = "", []
        for paragraph in article["body-paragraphs"]:
            if text:
                text += "\n\n"
            for index, sentence in enumerate(paragraph):
                if index:
                    text += " "
                sentences.append((len(text), sentence))
                text += sentence
        spans = _spans(sentences, notes["phrase-level-annotations"])
        out.append(
            Story(str(article["triplet-uuid"]), str(article["source"]), text, tuple(spans), int(path.parent.name))
        )
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(stories: list[Story], predicted: list[list[tuple[int, int]]]) -> tuple[float, float, float]:
    """Phrase-level precision, recall and F1 by overlap, over all the articles."""
    right = flagged = found = gold = 0
    for story, spans in zip(stories, predicted, strict=True):
        flagged += len(spans)
        gold += len(story.spans)
        right += sum(any(_overlaps(p, g) for g in story.spans) for p in spans)
        found += sum(any(_overlaps(p, g) for p in spans) for g in story.spans)
    precision = right / flagged if flagged else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _adjectives(stories: list[Story]) -> list[list[tuple[int, int]]]:
    from newsdesk import nlp

    model = nlp.load()
    off = [p for p in model.pipe_names if p not in ("tok2vec", "tagger", "attribute_ruler")]
    with model.select_pipes(disable=off):
        docs = model.pipe((s.text for s in stories), batch_size=32)
        return [[(t.idx, t.idx + len(t.text)) for t in doc if t.pos_ == "ADJ"] for doc in docs]


def _distinctive(stories: list[Story]) -> tuple[float, float]:
    events: dict[str, list[Story]] = {}
    for story in stories:
        events.setdefault(story.event, []).append(story)
    # The prior's background, as the store gives it to a story: each word's document frequency over every article
    # stored (here the 210 articles of BASIL).
    store: Counter[str] = Counter()
    for story in stories:
        store.update(w for w in framing.terms(story.text) if " " not in w)

    def background(words: Iterable[str]) -> dict[str, int]:
        return {w: store[w] for w in words if w in store}

    hits = total = with_loaded = 0
    for event, members in events.items():
        articles = [
            Article(id=f"{event}-{s.source}", source=s.source, text=s.text, outlet=s.source, event_id=event)
            for s in members
        ]
        found = framing.frame(articles, background=background)
        terms = {g["name"]: {w for t in g["terms"] for w in t["term"].split()} for g in found["groups"]}
        own = {
            g["name"]: {w for row in g["loaded"] if not row["used_by"] for w in framing.terms(row["text"])}
            for g in found["groups"]
        }
        for story in members:
            if not story.spans:
                continue
            total += 1
            words = {w for a, b in story.spans for w in framing.terms(story.text[a:b]) if " " not in w}
            hits += bool(words & terms.get(story.source, set()))
            with_loaded += bool(words & (terms.get(story.source, set()) | own.get(story.source, set())))
    return (hits / total, with_loaded / total) if total else (0.0, 0.0)


def measure(folder: Path) -> dict[str, float]:
    """The ``basil.*`` scores (see the module docstring)."""
    stories = read(folder)
    flagged = [[(p.start, p.end) for p in loaded_phrases(s.text)] for s in stories]
    ours = score(stories, flagged)
    peer = score(stories, _adjectives(stories))
    unread = [i for i, s in enumerate(stories) if s.year >= UNREAD_FROM]
    later = score([stories[i] for i in unread], [flagged[i] for i in unread])
    scores = {}
    for name, (p, r, f) in (("loaded", ours), ("adjective", peer)):
        scores |= {f"basil.{name}_precision": p, f"basil.{name}_recall": r, f"basil.{name}_f1": f}
    scores |= {
        "basil.loaded_precision_2013_2016": later[0],
        "basil.loaded_recall_2013_2016": later[1],
        "basil.loaded_f1_2013_2016": later[2],
    }
    # The margin over the peer, pinned as a measure of its own: loaded-phrase F1 over every-adjective F1.
    scores["basil.loaded_f1_over_adjective"] = ours[2] / peer[2] if peer[2] else 0.0
    scores["basil.distinctive_events"], scores["basil.distinctive_or_own_loaded_events"] = _distinctive(stories)
    return {k: round(v, 4) for k, v in scores.items()}


if __name__ == "__main__":  # python -m tests.eval.basil: the scores, and the spans behind them
    import os

    base = Path(os.environ.get("NEWSDESK_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    for key, value in measure(base / "data" / "basil").items():
        print(f"{key:32} {value:.4f}")
