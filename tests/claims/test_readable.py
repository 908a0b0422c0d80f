"""A cluster's slot made readable: the same as a reading of every word of its text (decision 0053, revision)."""

from __future__ import annotations

from newsdesk.claims import extract, summary
from newsdesk.extract import dates
from newsdesk.records import Article
from tests.conftest import shared_path


def _whole(slot: str, text: str) -> str:
    """``summary.readable`` as it was: every word of ``text`` read, each stem's first spelling kept."""
    unit, sep, words = slot.rpartition(" · ")
    if not words:
        return slot
    written: dict[str, str] = {}
    for k, match in enumerate(extract.WORD.finditer(text)):
        word = match.group()
        written.setdefault(extract.stem(word), word.lower() if k == 0 and not word[1:].isupper() else word)
    return unit + sep + " ".join(written.get(w, w) for w in words.split())


def test_a_slot_is_made_readable_as_a_reading_of_every_word_makes_it() -> None:
    # ``readable`` reads a claim's words only until each stem of the slot is found.
    cases = [
        ("people killed · polic offic", "Police said officers and police officials were killed."),
        ("money · fund", "The Funds and the fund"),
        ("count · zzz", "No such word"),
        ("no separator", "text"),
        ("date · ", "A trailing separator"),
    ]
    paths = (
        sorted(shared_path("dev-news").glob("*.txt"))
        + sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))[:40]
    )
    for k, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        article = Article(id=f"a{k}", source=path.name, text=text, dates=tuple(dates.find(text, "2025-11-28")))
        cases.extend((claim.slot, claim.text) for claim in extract.find(article))
    assert len(cases) > 200
    summary.readable.cache_clear()
    for slot, text in cases:
        assert summary.readable(slot, text) == _whole(slot, text), (slot, text)
