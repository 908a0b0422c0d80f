"""How a sentence speaks of a target: the sentiment callable the stances rules take, and its default, a small
word list. ``newsdesk.target_sentiment(sentence, start, end)`` has the same shape and can be passed instead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Polarity", "Sentiment", "lexicon"]


class Polarity(Protocol):
    """What a sentiment callable returns: ``label`` (negative, neutral, positive) and a ``confidence``."""

    @property
    def label(self) -> str: ...

    @property
    def confidence(self) -> float: ...


Sentiment = Callable[[str, int, int], Polarity]


@dataclass(frozen=True, slots=True)
class _Polarity:
    label: str
    confidence: float


_POSITIVE = re.compile(
    r"\b(?:good|great|right|welcome|positive|progress|constructive|fair|just|best|hope|hopeful|strong|success|"
    r"successful|important step|breakthrough|agree|agreed|support|praise|thank|friend|partner)\w*",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"\b(?:bad|wrong|dangerous|danger|threat|unacceptable|absurd|illegal|illegitimate|aggress|betray|reward|"
    r"failure|fail|lie|lies|crime|criminal|terror|violat|shame|disgrace|catastroph|surrender|capitulat|"
    r"blackmail|pressure|never|reject|oppose|condemn|against)\w*",
    re.IGNORECASE,
)


def lexicon(sentence: str, start: int, end: int) -> Polarity:
    """How ``sentence`` speaks of the target at ``[start, end)``, by counting positive and negative words around
    it: the default rule, and the shape of ``newsdesk.target_sentiment``, which can be passed instead."""
    around = sentence[:start] + " " + sentence[end:]
    positive, negative = len(_POSITIVE.findall(around)), len(_NEGATIVE.findall(around))
    if positive == negative:
        return _Polarity("neutral", 0.5)
    label = "positive" if positive > negative else "negative"
    return _Polarity(label, round(min(0.4 + 0.1 * abs(positive - negative), 0.7), 2))
