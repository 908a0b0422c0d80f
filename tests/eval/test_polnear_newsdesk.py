"""newsdesk's PolNeAR predictor on invented sentences: what it widens contents and sources to."""

from __future__ import annotations

import pytest

from tests.eval.polnear import normalise
from tests.eval.polnear_newsdesk import NewsdeskPredictor

# (text, content, source): an attribution the predictor should give, as covered text once the scorer's
# normalisation has stripped punctuation and quote marks at the edges.
CASES = [
    pytest.param(
        "The harbour master said the new pier “will not open before May.”",
        "the new pier “will not open before May",
        "The harbour master",
        id="a partial quote widens to the clause its cue governs",
    ),
    pytest.param(
        "The harbour master said that the pier “will not open before May.”",
        "that the pier “will not open before May",
        "The harbour master",
        id="the clause keeps its 'that'",
    ),
    pytest.param(
        "The harbour master said that “the pier will not open before May.”",
        "that “the pier will not open before May",
        "The harbour master",
        id="the 'that' before a whole quote",
    ),
    pytest.param(
        "The harbour master warned that if the storm came, the pier would close for a week.",
        "that if the storm came, the pier would close for a week",
        "The harbour master",
        id="stacked marks are all taken in",
    ),
    pytest.param(
        "“The pier is closed,” said Ilse Varga, the harbour master. “It stays closed until May.”",
        "The pier is closed,” said Ilse Varga, the harbour master. “It stays closed until May",
        "Ilse Varga, the harbour master",
        id="a joined turn's source keeps its apposition",
    ),
    pytest.param(
        "“The pier is closed,” said a harbour worker, who spoke on condition of anonymity. “It stays shut.”",
        "The pier is closed,” said a harbour worker, who spoke on condition of anonymity. “It stays shut",
        "a harbour worker, who spoke on condition of anonymity",
        id="a turn joins over an attribution inside its speaker's phrase",
    ),
    pytest.param(
        "“The pier is closed,” Ilse Varga said, adding that repairs will take a month. “It stays shut until May.”",
        "The pier is closed,” Ilse Varga said, adding that repairs will take a month. “It stays shut until May",
        "Ilse Varga",
        id="a turn joins over the speaker's own reported speech",
    ),
    pytest.param(
        "Ilse Varga, who runs the harbour, said the pier would stay closed until May.",
        "the pier would stay closed until May",
        "Ilse Varga, who runs the harbour",
        id="the source keeps a relative clause",
    ),
    pytest.param(
        "“The pier is closed,” said Ilse Varga, a lawyer for the Harbour Trust, who has been challenging the port"
        " authority for years.",
        "The pier is closed",
        "Ilse Varga, a lawyer for the Harbour Trust, who has been challenging the port authority for years",
        id="a relative clause with a cue and an object describes the source",
    ),
    pytest.param(
        "Ilse Varga, who noted that the ferry was late, said the pier would stay closed until May.",
        "the pier would stay closed until May",
        "Ilse Varga",
        id="a relative clause that reports is no part of the source",
    ),
    pytest.param(
        "Ilse Varga's call for a second ferry went unanswered.",
        "a second ferry",
        "Ilse Varga's",
        id="a possessor keeps its 's",
    ),
    pytest.param(
        "Former Director of Harbours Ilse Varga said the pier would stay closed until May.",
        "the pier would stay closed until May",
        "Former Director of Harbours Ilse Varga",
        id="title words with their own phrases",
    ),
    pytest.param(
        "A harbour spokesman, Tomas Berg, said the pier would stay closed until May.",
        "the pier would stay closed until May",
        "A harbour spokesman, Tomas Berg",
        id="a name in apposition: the phrase it is apposed to",
    ),
    pytest.param(
        "Ilse Varga and Tomas Berg said the pier would stay closed until May.",
        "the pier would stay closed until May",
        "Ilse Varga and Tomas Berg",
        id="the source keeps coordinated names",
    ),
]


@pytest.fixture(scope="module")
def predict() -> NewsdeskPredictor:
    pytest.importorskip("spacy")
    return NewsdeskPredictor()


@pytest.mark.parametrize(("text", "content", "source"), CASES)
def test_predictor_widens_like_polnear(predict: NewsdeskPredictor, text: str, content: str, source: str) -> None:
    def covered(start: int | None, end: int | None) -> str | None:
        if start is None or end is None:
            return None
        return text[slice(*normalise(text, start, end))]

    pairs = [(covered(p.content_start, p.content_end), covered(p.source_start, p.source_end)) for p in predict(text)]
    assert (content, source) in pairs
