"""The ingest benchmark runs end to end on a few real articles and prints its ratio line."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import bench_module, shared_path


def _bench() -> ModuleType:
    return bench_module("ingest")


def test_bench_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared_path("data", "ecbplus")  # fail, not skip, when the data is missing
    out = tmp_path / "results.json"
    assert _bench().main(["--limit", "20", "--repeat", "1", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "20 articles" in printed
    assert "ratio ingest_time / read_time = " in printed and "x faster" in printed
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["articles"] == 20 and results["phases"]["ingest"]["articles_per_s"] > 0
    # Issue 15's throughput target: stances and framing (the digest stage) at most 20% of the ingest.
    assert "stances and digest stages: " in printed and 0 < results["stances_and_digest_share"] < 1


def _lines(inputs: Any) -> list[str]:
    """Every line of the inputs' JSONL files, in order."""
    return [x for path in inputs.jsonl_files for x in path.read_text(encoding="utf-8").splitlines()]


def test_bench_limit_cuts_into_jsonl(tmp_path: Path) -> None:
    bench = _bench()
    inputs = bench.select(shared_path("data"), 926, tmp_path)
    assert (len(inputs.texts), inputs.lines, inputs.count) == (924, 2, 926)
    assert len(inputs.jsonl.read_text(encoding="utf-8").splitlines()) == 2
    assert bench.read_all(inputs) == 926


def test_bench_takes_worker_counts() -> None:
    bench = _bench()
    assert bench.parse_args(["--workers", "1,2"]).workers == [1, 2]
    assert bench.parse_args([]).workers == []
    with pytest.raises(SystemExit):
        bench.parse_args(["--workers", "0"])
    with pytest.raises(SystemExit):
        bench.parse_args(["--workers", "two"])


def test_bench_limit_past_polnear_and_ecbplus_takes_fnc1_bodies(tmp_path: Path) -> None:
    bench = _bench()
    inputs = bench.select(shared_path("data"), 2000, tmp_path)
    assert (len(inputs.texts), inputs.lines, inputs.fnc1, inputs.count) == (924, 1076, 304, 2000)
    lines = inputs.jsonl.read_text(encoding="utf-8").splitlines()
    bodies = bench.fnc1_bodies(shared_path("data"))
    assert json.loads(lines[-1]) == {"text": bodies[303]} and json.loads(lines[771])["text"] != bodies[0]
    assert bench.read_all(inputs) == 2000


def test_bench_limit_past_fnc1_takes_basil_then_dev_news(tmp_path: Path) -> None:
    bench = _bench()
    inputs = bench.select(shared_path("data"), 3600, tmp_path)
    # 924 PolNeAR files and 11 dev-news files; 772 ECB+ lines, 1,683 FNC-1 bodies and 210 BASIL articles.
    assert (len(inputs.texts), inputs.dev_news, inputs.lines, inputs.basil, inputs.copies) == (935, 11, 2665, 210, 0)
    assert inputs.texts[-11:] == sorted(shared_path("dev-news").glob("*.txt"))[:11]
    basil = json.loads(_lines(inputs)[-1])
    assert set(basil) == {"text", "title", "published"} and "\n\n" in basil["text"]
    assert bench.read_all(inputs) == 3600


def test_bench_limit_past_the_real_articles_makes_copies(tmp_path: Path) -> None:
    bench = _bench()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    inputs, again = (bench.select(shared_path("data"), 3700, tmp_path / d) for d in "ab")
    assert (inputs.dev_news, inputs.basil, inputs.copies, inputs.count) == (60, 210, 51, 3700)
    made = _lines(inputs)[-51:]
    assert _lines(again)[-51:] == made  # a fixed seed
    # newsdesk refuses a file past [ingest] max_text_bytes: the lines are split into files of half that at most.
    assert len(inputs.jsonl_files) > 1 and all(p.stat().st_size <= 5_000_000 for p in inputs.jsonl_files)
    assert bench.read_all(inputs) == 3700


def test_a_copy_is_its_original_with_a_few_words_and_digits_changed() -> None:
    bench = _bench()
    stems = ("Alpha", "bravo", "Charlie", "delta", "Echoes", "foxtrot")
    text = " ".join(f"{stems[i % 6]}{'abcdefghij'[i // 6 % 10]} on 2{i % 10}" for i in range(300))
    title = "Bravoc delta meets"
    real = [{"text": text, "title": title, "published": "2024-03-10"}, {"text": "it is as it was " * 5}]
    made = bench.copies(real, 40, seed=7)
    assert made == bench.copies(real, 40, seed=7) and made != bench.copies(real, 40, seed=8)
    assert len({c["text"] for c in made}) == 40 and not {c["text"] for c in made} & {a["text"] for a in real}
    changed = 0
    for copy in made:  # the short article's words are too short to change, so every copy is one of the long one
        assert len(copy["text"]) == len(text) and copy["text"].split(" ")[1::3] == text.split(" ")[1::3]
        pairs = list(zip(copy["text"].split(" ")[::3], text.split(" ")[::3], strict=True))
        assert all(len(a) == len(b) and a[0].isupper() == b[0].isupper() for a, b in pairs)
        assert sum(a != b for a, b in pairs) <= 0.3 * len(pairs)  # 1-15% of the words
        changed += sum(a != b for a, b in pairs)
        digits = [(a, b) for a, b in zip(copy["text"].split(" ")[2::3], text.split(" ")[2::3], strict=True)]
        assert all(len(a) == len(b) == 2 and a.isdigit() for a, b in digits)
        assert len(copy["title"]) == len(title) and copy["published"] in {f"2024-03-{d:02}" for d in range(8, 13)}
    assert changed > 40  # on average more than one word a copy


def test_spacy_alone_loads_the_model_as_newsdesk_does(tmp_path: Path) -> None:
    from newsdesk import nlp
    from newsdesk.settings import NlpSettings

    command = _bench().spacy_command(tmp_path / "texts.json", 2, tmp_path / "out")
    settings = NlpSettings()
    # Same model, same batch size, as many processes, the same components left out: a fair floor.
    assert command[4:9] == [
        settings.model,
        str(settings.batch_size),
        "2",
        ",".join(nlp.EXCLUDED),
        str(tmp_path / "out"),
    ]
    assert "import newsdesk" not in command[2] and "exclude=" in command[2]


@pytest.mark.slow
def test_bench_compares_with_spacy_alone_in_fresh_processes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.json"
    assert _bench().main(["--limit", "3", "--repeat", "1", "--workers", "1", "--json", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))["workers"]["1"]
    assert results["ingest"]["cpu_seconds"] > 0 and results["spacy_alone"]["cpu_seconds"] > 0
    # The main process's own share of the ingest's CPU seconds (the rest is its workers').
    assert 0 < results["main_process_cpu_seconds"] < results["ingest"]["cpu_seconds"]
    printed = capsys.readouterr().out
    assert "1 worker(s): ingest at " in printed and "(the main process " in printed
