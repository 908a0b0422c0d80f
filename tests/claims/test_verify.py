"""``newsdesk verify``: a typed claim checked against our own small corpus (invented outlets, people, places)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.claims import verify
from newsdesk.cli import cli as newsdesk_cli
from newsdesk.cli.exit_status import ExitStatus
from newsdesk.corpus import Corpus
from newsdesk.errors import NotFoundError, QueryError
from newsdesk.records import Claim
from newsdesk.store import Store

from .test_claims import CORPUS, FAST


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("verify")
    shutil.copytree(CORPUS, folder / "in")
    # A copy of the Lorvan Times report under another outlet: one origin with the original.
    copy = (CORPUS / "01_lorvan-times.txt").read_text(encoding="utf-8").replace("Lorvan Times", "Velmora Post")
    copy += "\nThis report was first published by a partner newsroom.\n"  # a near copy (an exact one is skipped)
    (folder / "in" / "04_velmora-post.txt").write_text(copy, encoding="utf-8")
    path = folder / "news.db"
    with Corpus(Store(path), settings=FAST) as c:
        assert not c.ingest([folder / "in"]).failures
    return path


@pytest.fixture(scope="module")
def corpus(db: Path) -> Any:
    with Corpus(Store(db), settings=FAST) as c:
        yield c


def _outlets(rows: list[dict[str, Any]]) -> set[str]:
    return {r["outlet"] for r in rows}


def test_a_number_is_supported_by_its_reports_and_contradicted_by_another_count(corpus: Corpus) -> None:
    got = corpus.verify("The Marrow Quay warehouse fire killed 12 people")
    assert {"Lorvan Times", "Velmora Post"} <= _outlets(got["supports"])
    assert "Kestrel Wire" in _outlets(got["contradicts"])
    against = next(r for r in got["contradicts"] if r["outlet"] == "Kestrel Wire")
    assert against["by"] == "claim" and "17 people" in against["evidence"]
    assert got["contradicting_origins"] == ["Kestrel Wire"]


def test_a_copy_counts_once_among_the_independent_origins(corpus: Corpus) -> None:
    got = corpus.verify("The Marrow Quay warehouse fire killed 12 people")
    by_claim = [r for r in got["supports"] if r["by"] == "claim"]
    assert len(by_claim) == 2  # the original and its copy
    assert len({r["origin"] for r in by_claim}) == 1
    assert len(got["independent_origins"]) == len({r["origin"] for r in got["supports"]})


def test_every_listed_article_carries_its_evidence_span(corpus: Corpus) -> None:
    got = corpus.verify("Tomas Brevik is 63 years old")
    listed = [r for label in verify.LABELS for r in got[label]]
    assert listed and got["checked"] == len(listed) + got["unrelated"]
    for row in listed:
        text = corpus.article(row["article_id"]).text
        assert row["end"] > row["start"]
        assert text[row["start"] : row["end"]][: verify.EVIDENCE_CHARS] == row["evidence"]
        assert 0 <= row["confidence"] <= 1
    # The two ages: the one that gives 58 contradicts 63, by its own stored claim.
    assert "Lorvan Times" in _outlets(got["contradicts"])


def test_a_time_without_its_zone_is_no_contradiction(corpus: Corpus) -> None:
    got = corpus.verify("The fire at the Marrow Quay warehouse broke out at 06:40")
    assert "Kestrel Wire" not in _outlets(got["contradicts"])  # it says 06:40 local time


def test_story_scope_bad_input_and_unknown_story(corpus: Corpus) -> None:
    story = corpus.stories()[0]["id"]
    got = corpus.verify("The Marrow Quay warehouse fire killed 12 people", story_id=story[:6])
    assert got["story_id"] == story and got["supports"]
    with pytest.raises(NotFoundError, match="No story with id"):
        corpus.verify("fire", story_id="s-nothing")
    with pytest.raises(QueryError, match="no word"):
        corpus.verify("  ?! ")
    with pytest.raises(QueryError, match="characters long"):
        corpus.verify("word " * 400)
    nothing = corpus.verify("Zebras quietly invented a submarine")
    assert nothing["checked"] == 0 and not nothing["supports"] and not nothing["single_source"]


def test_the_stance_model_runs_once_for_every_undecided_article() -> None:
    calls: list[int] = []

    def stances(pairs: Any) -> list[dict[str, Any]]:
        calls.append(len(pairs))
        return [{"label": "discusses", "confidence": 0.6, "start": 0, "end": 4} for _ in pairs]

    claim = verify.typed("The Harbour Gazette printed 40 pages on Monday")
    # (The article gives the day too: the count alone only reports a claim of a count on a day.)
    said = "The Harbour Gazette printed 40 pages on Monday"
    own = Claim(text=said, start=0, end=len(said), terms=claim.terms, values=claim.values)
    candidates = [
        verify.Candidate({"id": "a", "origin": "a", "outlet": "Gazette"}, said, [own]),
        # On the claim's topic (another count of the Gazette's pages): the model's "discusses" stands.
        verify.Candidate({"id": "b", "origin": "b", "outlet": "Post"}, "The Harbour Gazette printed 36 pages.", []),
        verify.Candidate({"id": "c", "origin": "c", "outlet": "Wire"}, "The Harbour Gazette printed 38 pages.", []),
    ]
    got = verify.judge(claim, candidates, stances)
    assert calls == [2]
    assert [r["article_id"] for r in got["supports"]] == ["a"] and got["supports"][0]["by"] == "claim"
    assert {r["article_id"] for r in got["discusses"]} == {"b", "c"}
    assert got["single_source"] and got["independent_origins"] == ["Gazette"]


def test_cli_verify_json_and_unknown_story(db: Path) -> None:
    runner = CliRunner()
    claim = "The Marrow Quay warehouse fire killed 12 people"
    result = runner.invoke(newsdesk_cli, ["--db", str(db), "verify", claim, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    for key in ("claim", "story_id", "checked", "supports", "contradicts", "discusses", "independent_origins"):
        assert key in got
    for row in got["supports"]:
        assert {"article_id", "origin", "stance", "start", "end", "evidence", "confidence", "by", "via"} <= set(row)
    result = runner.invoke(newsdesk_cli, ["--db", str(db), "verify", claim], catch_exceptions=False)
    assert result.exit_code == 0 and "Contradict it" in result.stdout and "17 people" in result.stdout
    result = runner.invoke(newsdesk_cli, ["--db", str(db), "verify", claim, "--story", "s-nothing"])
    assert result.exit_code == ExitStatus.NOT_FOUND and "No story with id 's-nothing'" in result.stderr


def test_a_fire_reported_on_its_day_in_other_words_supports_the_claim(tmp_path: Path) -> None:
    # The claim names a day ("11 March"); the report says "started ... on Wednesday" on Thursday 12 March. Both
    # tell the one start of the fire on the 11th: a supporter, its origin counted.
    report = {
        "title": "Marrow Quay tower fire leaves dozens homeless",
        "outlet": "Harbour Gazette",
        "published": "2026-03-12",
        "url": "https://harbour.example/fire",
        "text": "Dozens of families were without a home on Thursday after a night-long blaze at the Marrow Quay tower"
        " in Lorvan.\nThe fire started on the ninth floor of the tower on Wednesday evening and spread to four floors"
        " above it.\nFirefighters from three districts fought the flames until dawn, the fire service said.",
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(report) + "\n", encoding="utf-8")
    with Corpus(Store(tmp_path / "news.db"), settings=FAST) as c:
        assert not c.ingest([source]).failures
        got = c.verify("A fire broke out at the Marrow Quay tower on 11 March")
        other_day = c.verify("A fire broke out at the Marrow Quay tower on 9 March")
    assert [r["outlet"] for r in got["supports"]] == ["Harbour Gazette"], got
    assert got["supports"][0]["evidence"].startswith("The fire started on the ninth floor")
    assert len(got["independent_origins"]) == 1, got["independent_origins"]
    assert not [v for v in got["values"] if v["kind"] == "count"], got["values"]
    assert not other_day["supports"], other_day
