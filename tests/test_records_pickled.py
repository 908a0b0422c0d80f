"""Issue 17 (decision 0053, revision of 2026-12-05, night): the records that cross between processes are pickled
by their slots in one call each way, the same fields in the same order, and come back equal."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from newsdesk import records

CROSSING = (
    records.Span,
    records.DateMention,
    records.Mention,
    records.Quote,
    records.Value,
    records.Claim,
    records.Stance,
    records.Entity,
    records.Article,
    records.Failure,
)


@pytest.mark.parametrize("cls", CROSSING, ids=lambda c: c.__name__)
def test_a_record_comes_back_from_pickle_with_every_field(cls: type) -> None:
    made = object.__new__(cls)
    for i, f in enumerate(dataclasses.fields(cls)):  # a distinct value in every field, whatever its type
        object.__setattr__(made, f.name, (f.name, i))
    # Not the state dataclass(slots=True) works out field by field each time.
    assert cls.__getstate__ is not dataclasses._dataclass_getstate  # type: ignore[attr-defined]
    assert list(made.__getstate__()) == dataclasses._dataclass_getstate(made)  # type: ignore[attr-defined]
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(made, protocol=protocol))
        assert type(back) is cls
        assert [getattr(back, f.name) for f in dataclasses.fields(cls)] == [
            getattr(made, f.name) for f in dataclasses.fields(cls)
        ]


def test_an_article_with_its_findings_comes_back_equal() -> None:
    sentence = records.Span(start=0, end=30)
    article = records.Article(
        id="0123456789abcdef",
        source="seeds/000.txt",
        text="Ms Wong said on Monday the lift failed.",
        title="Lift",
        format=records.Format.HTML,
        features=b"\x00\x01",
        mentions=(records.Mention(text="Wong", start=3, end=7, type="PERSON", role="resident"),),
        dates=(
            records.DateMention(
                text="Monday",
                start=16,
                end=22,
                value="2025-11-24",
                precision="day",
                anchor="published",
                sentence=sentence,
            ),
        ),
    )
    back = pickle.loads(pickle.dumps(article))
    assert back == article and hash(back.mentions) == hash(article.mentions)
