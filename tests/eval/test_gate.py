"""The evaluation gate in the test suite: every score at or above its pinned floor, on the pinned data."""

from __future__ import annotations

import pytest

from tests.eval import gate

BASELINE = gate.load_baseline()


@pytest.fixture(scope="module")
def measured() -> tuple[dict[str, float], dict[str, str]]:
    return gate.run()


def test_scores_cover_every_floor(measured: tuple[dict[str, float], dict[str, str]]) -> None:
    scores, _ = measured
    assert set(BASELINE["floors"]) <= set(scores), "a pinned measure is no longer produced"


@pytest.mark.parametrize("corpus", sorted(BASELINE["corpus"]))
def test_corpus_is_the_one_floors_were_pinned_on(
    measured: tuple[dict[str, float], dict[str, str]], corpus: str
) -> None:
    _, hashes = measured
    assert hashes[corpus] == BASELINE["corpus"][corpus], (
        f"{corpus} data changed; re-measure and re-pin with `python -m tests.eval.gate --update`"
    )


@pytest.mark.parametrize("name", sorted(BASELINE["floors"]))
def test_score_at_or_above_floor(measured: tuple[dict[str, float], dict[str, str]], name: str) -> None:
    scores, _ = measured
    assert scores[name] >= BASELINE["floors"][name], gate.table(scores, BASELINE["floors"])


def test_update_never_lowers_a_floor(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    baseline = Path(str(tmp_path)) / "baseline.json"
    baseline.write_text('{"floors": {"seeds.metadata": 2.0}, "corpus": {}}')
    monkeypatch.setattr(gate, "BASELINE", baseline)
    monkeypatch.setattr(gate, "run", lambda: ({"seeds.metadata": 0.5}, {"seeds": "x"}))
    assert gate.main(["--update"]) == 0
    assert '"seeds.metadata": 2.0' in baseline.read_text()


def test_polnear_copy_checks_count_shared_five_grams_exactly() -> None:
    texts = {
        "a": gate._five_grams("One two three four five six seven."),
        "b": gate._five_grams("one two three four five six eight"),
        "c": gate._five_grams("Nothing alike here at all, really."),
    }
    assert len(texts["a"]) == 3
    assert gate._shared_grams(texts) == {("a", "b"): 2}
