"""A claim's values are written as ``dataclasses.asdict`` would give them (store/claims.value_fields, decision 0053):
the same dicts, in the same order, for every value the claims stage finds in real articles."""

from __future__ import annotations

import dataclasses
import json
import typing

from newsdesk.claims import extract
from newsdesk.extract import dates
from newsdesk.records import Article, Value
from newsdesk.store import claims as stored_claims
from tests.conftest import shared_path


def test_value_fields_are_asdict_on_real_claims() -> None:
    paths = sorted(shared_path("dev-news").glob("*.txt"))
    assert paths
    found = 0
    for k, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        article = Article(id=f"a{k}", source=path.name, text=text, dates=tuple(dates.find(text, "2025-11-28")))
        for claim in extract.find(article):
            for value in claim.values:
                found += 1
                fields = stored_claims.value_fields(value)
                assert fields == dataclasses.asdict(value)
                assert json.dumps(fields, ensure_ascii=False) == json.dumps(
                    dataclasses.asdict(value), ensure_ascii=False
                )
    assert found > 50


def test_a_value_holds_only_strings_and_numbers() -> None:
    # asdict copies a field deeply; value_fields hands it over as it is, which is the same only for these.
    hints = typing.get_type_hints(Value)
    assert {f.name: hints[f.name] for f in dataclasses.fields(Value)} == {
        "kind": str,
        "value": str,
        "unit": str,
        "text": str,
        "start": int,
        "end": int,
        "bound": str,
    }
