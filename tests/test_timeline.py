"""A story's timeline, read from stored date mentions and sentence spans, is what scanning the texts gives."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk import Settings
from newsdesk.cluster import names
from newsdesk.corpus import Corpus
from newsdesk.demo import corpus_path
from newsdesk.digest import timeline
from newsdesk.extract import dates
from newsdesk.records import Article, lead_prefix
from newsdesk.settings import PipelineSettings
from newsdesk.store import Store

STAGES = ["cites", "dates", "dedupe", "cluster", "origins"]


def reference_timeline(corpus: Corpus, story: dict[str, Any]) -> list[dict[str, Any]]:
    """The timeline as it was built before m005: every article loaded whole, every sentence found by scanning
    its text, an undated article's dates found again against its event's first date."""
    articles = [a for a in corpus.store.articles(story["article_ids"]) if not a.duplicate_of]
    mentions = corpus.store.dates([a.id for a in articles])
    event_start = {e["id"]: e["first_seen"] for e in story["events"]}
    entries: dict[tuple[str | None, str | None], dict[str, Any]] = {}

    def add(
        key: tuple[str | None, str | None], text: str, article: Article, span: tuple[int, int], est: bool, ahead: bool
    ) -> None:
        entry = entries.setdefault(
            key,
            {
                "date": key[0],
                "precision": key[1],
                "text": text,
                "article_ids": [],
                "estimated": est,
                "future": ahead,
                "evidence": [],
            },
        )
        if article.id not in entry["article_ids"]:
            entry["article_ids"].append(article.id)
        entry["estimated"] = entry["estimated"] and est
        entry["future"] = entry["future"] and ahead
        entry["evidence"].append({"article_id": article.id, "start": span[0], "end": span[1]})

    story_start = min((e["first_seen"] for e in story["events"] if e["first_seen"]), default=None)
    # A date after its article's day is still to come then; in an undated article, a month or year written in full
    # after the story's latest day.
    latest = max((a.published[:10] for a in articles if a.published), default="")
    event_title = {e["id"]: e["title"] for e in story["events"]}
    for article in sorted(articles, key=lambda a: a.published or "~"):
        written = (article.published or "")[:10]
        found = mentions.get(article.id, [])
        if not article.published and event_start.get(article.event_id or ""):
            found = dates.find(article.text, None, estimate=event_start[article.event_id or ""])
        elif not article.published and story_start:
            # An undated event: only the days named without a year are estimated, from the story's first date.
            estimated = dates.find(article.text, None, estimate=story_start)
            found = [e if dates.month_day(m.text) and not m.value else m for m, e in zip(found, estimated, strict=True)]
        usable = [m for m in found if m.value and m.precision != "decade"]  # "within a decade": a horizon
        spans = [dates.sentence_around(article.text, m.start, m.end) for m in usable]
        if article.published:  # a dated report's dateline day is when it was filed, not a development
            kept_spans = [
                (m, span)
                for m, span in zip(usable, spans, strict=True)
                if not (
                    (not span[0] or article.text[span[0] - 1] == "\n")
                    and m.start - span[0] < lead_prefix(article.text[span[0] : span[1]])
                )
            ]
            usable, spans = [m for m, _ in kept_spans], [span for _, span in kept_spans]
        # The year a superlative counts from is no event ("the deadliest fire since 1948"), nor is a date after a
        # leading remark's attribution, in a clause of its own, the remark's day.
        kept = [
            (m, span)
            for m, span in zip(usable, spans, strict=True)
            if not timeline._a_record(m, article.text[span[0] : span[1]])
            and not timeline._dates_no_remark(m, article.text[span[0] : span[1]])
        ]
        usable, spans = [m for m, _ in kept], [span for _, span in kept]
        for m, (start, end) in zip(usable, spans, strict=True):
            # A date another of its sentence makes more precise is that one ("In December last year").
            more = [o for o, span in zip(usable, spans, strict=True) if span == (start, end) and o.value != m.value]
            if any((o.value or "").startswith(m.value or "") for o in more):
                continue
            sentence = article.text[start:end]
            # A byline or dateline opening the paragraph is left out, unless the date stands in it.
            cut = lead_prefix(sentence) if not start or article.text[start - 1] == "\n" else 0
            if cut <= m.start - start:
                sentence = sentence[cut:]
            value = m.value or ""
            ahead = m.future or bool(written and value > written[: len(value)])
            full = m.anchor != "estimate" and m.precision in {"month", "year"}
            ahead = ahead or bool(not written and latest and full and value > latest[: len(value)])
            add((m.value, m.precision), sentence, article, (m.start, m.end), m.anchor == "estimate", ahead)
        if not usable:
            day = article.published[:10] if article.published else None
            title = article.title
            named = event_title.get(article.event_id or "")
            if not names.is_headline(title) and named != title and names.is_headline(named):
                title = named if not names.may_be_made(named) else title  # a lead set as a title: the event's
            title = title or " ".join(article.text.split()[:15]) + " …"
            title = title[lead_prefix(title) :]
            add((day, "day" if day else None), title, article, (0, 0), False, False)
    return sorted(entries.values(), key=lambda e: e["date"] or "~")


@pytest.fixture(scope="module")
def demo() -> Any:
    settings = Settings(pipeline=PipelineSettings(stages=STAGES))
    with Corpus(Store(":memory:"), settings=settings) as corpus:
        report = corpus.ingest([corpus_path()])
        assert report.ok, report.failures
        yield corpus


def _texts(seeds_dir: Path) -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.iterdir()) if p.suffix in {".txt", ".html"}]
    found += [p.read_text(encoding="utf-8") for p in sorted(corpus_path().iterdir()) if p.suffix == ".txt"]
    assert len(found) > 10
    return found


@pytest.mark.parametrize("estimate", ["2026-06-15", "2025-01-03", "2024-12-29T23:00:00+00:00", "not a date"])
def test_resolving_stored_mentions_is_finding_them_with_the_estimate(seeds_dir: Path, estimate: str) -> None:
    resolved = 0
    for text in _texts(seeds_dir):
        again = [dates.resolve(m, estimate) for m in dates.find(text, None)]
        assert again == dates.find(text, None, estimate=estimate)
        resolved += sum(m.anchor == "estimate" for m in again)
    assert resolved > 0 or estimate == "not a date"


def test_find_keeps_each_mentions_sentence(seeds_dir: Path) -> None:
    for text in _texts(seeds_dir):
        for m in dates.find(text, "2026-06-15"):
            assert m.sentence is not None
            assert (m.sentence.start, m.sentence.end) == dates.sentence_around(text, m.start, m.end)
            assert m.sentence.start <= m.start and m.end <= m.sentence.end


def test_timeline_is_what_scanning_the_texts_gives(demo: Corpus) -> None:
    stories = demo.stories()
    timelines = [demo.story(s["id"])["timeline"] for s in stories]
    assert timelines == [reference_timeline(demo, s) for s in stories]
    entries = [e for t in timelines for e in t]
    # The demo exercises every path: resolved dates, estimates for undated articles, and dateless articles.
    assert any(e["estimated"] for e in entries)
    assert any(not e["estimated"] and e["date"] and e["evidence"][0]["end"] for e in entries)
    assert any(e["evidence"][0]["end"] == 0 for e in entries)


def test_timeline_reads_no_article_text(demo: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the timeline scanned article text")

    monkeypatch.setattr(dates, "find", refuse)
    monkeypatch.setattr(dates, "sentence_around", refuse)
    monkeypatch.setattr(demo.store, "articles", refuse)
    for story in demo.stories():
        assert demo.story(story["id"])["timeline"]


def test_mentions_stored_without_sentences_are_still_read(demo: Corpus) -> None:
    stories = demo.stories()
    expected = [demo.story(s["id"])["timeline"] for s in stories]
    with demo.store.transaction() as conn:  # as m005 leaves a database made before it
        conn.execute("UPDATE date_mentions SET sentence_start = NULL, sentence_end = NULL, future = NULL")
        conn.execute("DELETE FROM stage_done WHERE stage = 'dates'")
    try:
        assert [demo.story(s["id"])["timeline"] for s in stories] == expected
    finally:
        demo.analyze()  # the dates stage fills them in again
    assert demo.store.conn.execute("SELECT count(*) FROM date_mentions WHERE sentence_start IS NULL").fetchone()[0] == 0
    assert [demo.story(s["id"])["timeline"] for s in stories] == expected


def test_an_undated_articles_weekday_is_never_estimated_from_its_event(tmp_path: Path) -> None:
    # The first report is dated; the second, undated, follows it days later and says "on Monday". Counting that
    # Monday from the event's first date would name a day the article may not mean, so it stays out, while its
    # "11 March", which needs only a year, is still estimated.
    body = (
        "The Marlow Bridge over the Tesk river in Varnholm closed after inspectors found cracks in its main span."
        " Engineers from the Varnholm roads office said the bridge would stay shut while they studied the cracks."
    )
    repairs = (
        "Repair crews arrived at the Marlow Bridge in Varnholm on Monday to mend the cracked main span"
        " over the Tesk river. The bridge closed on 11 March, and the roads office said drivers should"
        " keep using the ferry at Orlen until the engineers finish their work on the span."
    )
    records = (
        {"title": "Varnholm closes Marlow Bridge", "published": "2026-03-11", "text": body},
        {"title": "Marlow Bridge repairs begin in Varnholm", "text": repairs},
    )
    with _one_story(tmp_path, *records) as (corpus, story):
        entries = corpus.story(story["id"])["timeline"]
    texts = [e["text"] for e in entries]
    assert not any("on Monday" in text for text in texts), entries
    (closed,) = [e for e in entries if e["date"] == "2026-03-11"]
    assert len(closed["article_ids"]) == 2, entries  # the dated title, and the undated "on 11 March" estimated
    assert [e for e in entries if e["date"] != "2026-03-11"] == [], entries


@contextlib.contextmanager
def _one_story(tmp_path: Path, *records: dict[str, str]) -> Iterator[tuple[Corpus, dict[str, Any]]]:
    """A corpus of these articles (JSON Lines records) with the timeline's stages run, and their one story."""
    source = tmp_path / "story.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    settings = Settings(pipeline=PipelineSettings(stages=STAGES))
    with Corpus(Store(":memory:"), settings=settings) as corpus:
        assert corpus.ingest([source]).ok
        (story,) = corpus.stories()
        yield corpus, story


def _timeline_of(tmp_path: Path, title: str, published: str, body: str) -> list[tuple[str | None, str | None]]:
    """The (date, precision) of each timeline entry of a one-article story."""
    with _one_story(tmp_path, {"title": title, "published": published, "text": body}) as (corpus, story):
        entries = corpus.story(story["id"])["timeline"]
    return [(e["date"], e["precision"]) for e in entries]


def test_a_date_its_sentence_makes_more_precise_is_one_entry(tmp_path: Path) -> None:
    # "In December last year": December 2025, not that and 2025 again for the same sentence.
    body = (
        "Kestrel Media dropped its bid for the Harlow studios on Friday, its board said."
        " In December last year, Kestrel agreed a deal worth $8.2 billion to buy the studios from Orvell."
    )
    entries = _timeline_of(tmp_path, "Kestrel drops Harlow bid", "2026-02-27", body)
    assert entries == [("2025-12", "month"), ("2026-02-27", "day")], entries


def test_the_year_a_record_counts_from_is_no_entry(tmp_path: Path) -> None:
    # "the deadliest blaze since 1948": nothing happened in 1948 that the story tells; "in 1983" is an event.
    body = (
        "The Orlan tower blaze was the deadliest in the city since 1948, officials said on Friday."
        " The towers were built in 1983. That Wednesday, the fire started in the lobby, a resident said."
    )
    entries = _timeline_of(tmp_path, "Orlan tower blaze", "2026-03-13", body)
    assert entries == [("1983", "year"), ("2026-03-13", "day")], entries


def test_a_date_in_a_clause_after_a_remarks_attribution_does_not_date_the_remark(tmp_path: Path) -> None:
    # The remark was made on Wednesday; 3 March is when the pumps failed, in a clause of its own after "said".
    # An entry citing the sentence on 3 March would tell the mayor's words as said then. A date right after the
    # cue is the remark's; a quoted word, or words quoted inside reported speech, lead no remark.
    body = (
        "“We will reopen the tunnel within days. The crews have done a remarkable job,” the mayor said of the"
        " engineers, noting that they had worked through the night before the pumps failed on 3 March."
        "\n“The water is going down,” the harbour master said on Wednesday."
        "\nThe council backed a “roadmap” to rebuild the quay, building on a plan drawn up in 2019."
        '\nThe engineer said the crews were "tired but glad to be done" and that the last pump was switched off'
        " on Tuesday."
    )
    entries = _timeline_of(tmp_path, "Orlan tunnel to reopen", "2026-03-12", body)
    assert entries == [("2019", "year"), ("2026-03-10", "day"), ("2026-03-11", "day")], entries


def test_a_date_of_the_occasion_a_remark_was_made_on_dates_it(tmp_path: Path) -> None:
    # When and where the words were said, after the attribution, is the remark's day: "speaking to reporters on
    # Sunday", "when asked on Monday", "while touring the quay on Tuesday", "according to a statement released on
    # Wednesday". Only a clause telling something else ("adding that the pumps would restart on Friday") is not.
    body = (
        "“The quay will be rebuilt within a year,” the mayor said, speaking to reporters on Sunday."
        "\n“We have enough money for the first stage,” the treasurer said when asked about the cost on Monday."
        "\n“The crews have worked through every night,” the harbour master said while touring the quay on Tuesday."
        "\n“No ship will be turned away this winter,” the port authority said, according to a statement released"
        " on Wednesday."
        "\n“The water has gone down at last,” the engineer said, adding that the pumps would restart on Friday."
    )
    entries = _timeline_of(tmp_path, "Orlan quay to be rebuilt", "2026-03-12", body)
    assert entries == [("2026-03-08", "day"), ("2026-03-09", "day"), ("2026-03-10", "day"), ("2026-03-11", "day")], (
        entries
    )


def _stored_and_scanned(tmp_path: Path, record: dict[str, str]) -> tuple[list[Any], list[Any]]:
    """The timeline of a one-article story from stored sentence spans, and as a store made before them gives it
    (m005 left them empty: the texts scanned)."""
    with _one_story(tmp_path, record) as (corpus, story):
        stored = corpus.story(story["id"])["timeline"]
        with corpus.store.transaction() as conn:
            conn.execute("UPDATE date_mentions SET sentence_start = NULL, sentence_end = NULL")
        scanned = corpus.story(story["id"])["timeline"]
    return stored, scanned


def test_an_entry_cites_its_sentence_without_the_byline_or_dateline_opening_it(tmp_path: Path) -> None:
    # Who wrote a report and where is metadata: an entry cites what its sentence says, from stored sentence spans
    # and from a store made before them alike; a capitalised word and a colon inside a paragraph stay.
    body = (
        "By Ann Roe and Sam Doe/Harbour Wire – Ferries stayed in port on Friday, 13 March, as the strike went on.\n"
        "VESSARA: The dockers first walked out in 2024, the union said.\n"
        "Talks resumed on 10 March. FUND: the union's strike fund paid out in 2019."
    )
    record = {"title": "Vessara ferries stay in port", "published": "2026-03-14", "text": body}
    stored, scanned = _stored_and_scanned(tmp_path, record)
    texts = {e["date"]: e["text"] for e in stored}
    assert texts["2026-03-13"] == "Ferries stayed in port on Friday, 13 March, as the strike went on.", stored
    assert texts["2024"] == "The dockers first walked out in 2024, the union said.", stored
    assert texts["2026-03-10"] == "Talks resumed on 10 March.", stored
    assert texts["2019"] == "FUND: the union's strike fund paid out in 2019.", stored
    assert scanned == stored


def test_a_dated_reports_dateline_day_is_no_entry(tmp_path: Path) -> None:
    # "VESSARA, March 14: ... on Friday": the report was filed on the 14th; what it tells happened on the 13th. The
    # dateline's day had been an entry citing the strike's sentence, as if the strike were the 14th's news.
    body = (
        "VESSARA, March 14: Ferries stayed in port on Friday as the strike went on, the union said.\n"
        "Talks resumed on 10 March, a day after the walkout began."
    )
    record = {"title": "Vessara ferries stay in port", "published": "2026-03-14", "text": body}
    stored, scanned = _stored_and_scanned(tmp_path, record)
    assert [e["date"] for e in stored] == ["2026-03-10", "2026-03-13"], stored
    assert scanned == stored


@pytest.mark.parametrize(
    "dateline",
    ["VESSARA, Vel., March 14 (UPI) — ", "Vessara, March 14 — ", "VESSARA, March 14 (Reuters) - ", "Vessara: "],
)
def test_a_wire_datelines_day_is_no_entry_and_its_sentence_is_cited_without_it(tmp_path: Path, dateline: str) -> None:
    # A wire's dateline with its day ("VESSARA, Vel., March 14 (UPI) — ... on Friday") or a place in mixed case and a
    # colon ("Vessara: ..."): the sentence tells Friday's news, not the 14th's, and is cited from its own words.
    body = (
        f"{dateline}Ferries stayed in port on Friday as the strike by the dockers' union went on into a second week, "
        "the union said.\nTalks resumed on 10 March, a day after the walkout began."
    )
    record = {"title": "Vessara ferries stay in port", "published": "2026-03-14", "text": body}
    stored, scanned = _stored_and_scanned(tmp_path, record)
    assert [e["date"] for e in stored] == ["2026-03-10", "2026-03-13"], stored
    assert stored[1]["text"].startswith("Ferries stayed in port on Friday"), stored
    assert scanned == stored


# The first of two developments of one storyline (invented): dated.
_VELTMAR_FIRE = {
    "title": "Fire at Orlan's Veltmar towers",
    "published": "2025-11-26",
    "text": (
        "Fire crews in Orlan fought a blaze at the Veltmar tower block on 26 November, the city's fire service said."
        " The Veltmar towers were built in 1983, and residents had complained about the scaffolding since May."
        " Orlan's fire chief Ada Kerrow said crews from four districts were at the tower block all night."
    ),
}


def test_an_undated_events_named_days_take_their_year_from_the_story(tmp_path: Path) -> None:
    # Two developments of one storyline: the first dated, the second in undated reports only (as 40 of dev-news's
    # 60 real articles are). The second's "on 28 November" is a day of the story's year, shown as an estimate; its
    # "last year" and "on Friday" depend on when it was written, which nothing says: they stay out.
    second = (
        "Police in Orlan arrested three managers of the Veltmar tower block's builder on 28 November over the fire."
        " Detectives said the company had ignored a warning about the scaffolding it was given last year."
        " Orlan's police chief Ben Sorrel said on Friday that more arrests at the Veltmar builder could follow."
    )
    records = (
        _VELTMAR_FIRE,
        {"title": "Veltmar builder's managers arrested in Orlan", "text": second},
    )
    with _one_story(tmp_path, *records) as (corpus, story):
        assert len(story["events"]) == 2, story
        undated = [e for e in story["events"] if not e["first_seen"]]
        assert len(undated) == 1, story  # the arrests: an event of undated reports only
        entries = corpus.story(story["id"])["timeline"]
        assert entries == reference_timeline(corpus, story)
    by_date = {e["date"]: e for e in entries}
    arrests = by_date["2025-11-28"]
    assert arrests["estimated"] and arrests["text"].startswith("Police in Orlan arrested"), entries
    assert not by_date["2025-11-26"]["estimated"], entries
    assert not any("last year" in e["text"] or "on Friday" in e["text"] for e in entries if e["date"]), entries


def test_a_horizon_is_no_entry_and_a_glued_sentence_is_cut(tmp_path: Path) -> None:
    # "within a decade" is resolved ten years on: a horizon, not a development (it had shown as "2035"). A
    # sentence glued to the one before by a lost space ("port.Talks") is cited alone.
    body = (
        "Ferries stayed in port on Friday, as the strike went on in Vessara port.Talks resumed on 10 March, the union"
        " said. The minister said the port would be automated within a decade."
    )
    record = {"title": "Vessara ferries stay in port", "published": "2026-03-14", "text": body}
    with _one_story(tmp_path, record) as (corpus, story):
        entries = corpus.story(story["id"])["timeline"]
    assert [(e["date"], e["text"]) for e in entries] == [
        ("2026-03-10", "Talks resumed on 10 March, the union said."),
        ("2026-03-13", "Ferries stayed in port on Friday, as the strike went on in Vessara port."),
    ], entries


def test_an_undated_event_shows_the_day_its_reports_name_as_an_estimate(tmp_path: Path) -> None:
    # The second development is told by undated reports only: its events list said "undated" though its reports
    # name the day. It now shows the first day its report names (28 November; not 2 October, a background day
    # further on; not 5 December, when the managers are due in court), marked as an estimate, in `story` and on the
    # web page, read from what the digest stage kept.
    from starlette.testclient import TestClient

    from newsdesk.cli import stories as stories_cli
    from newsdesk.web import create_app

    second = (
        "Police in Orlan arrested three managers of the Veltmar tower block's builder on 28 November over the fire."
        " Detectives said the company had ignored a warning about the scaffolding it was given on 2 October."
        " The three managers of the Veltmar builder are due in court on 5 December."
    )
    source = tmp_path / "story.jsonl"
    records = (_VELTMAR_FIRE, {"title": "Veltmar builder's managers arrested in Orlan", "text": second})
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Corpus(Store(":memory:")) as corpus:  # every stage, the digest's too
        assert corpus.ingest([source]).ok
        (story,) = corpus.stories()
        whole = corpus.story(story["id"])
        (undated,) = [e for e in whole["events"] if not e["first_seen"]]
        (dated,) = [e for e in whole["events"] if e["first_seen"]]
        assert undated["estimated_day"] == "2025-11-28", whole["events"]
        assert "estimated_day" not in dated
        assert stories_cli._when(undated) == "~2025-11-28 estimated"  # `newsdesk story`'s events
        kept = corpus.store.story_digest(story["id"], timeline.EVENTS)
        assert {k: v["date"] for k, v in kept.items()} == {undated["id"]: "2025-11-28"}, kept
        (evidence,) = [v["evidence"] for v in kept.values()]
        arrest = second.index("28 November")
        assert (evidence["start"], evidence["end"]) == (arrest, arrest + len("28 November")), evidence
        assert corpus.story_event_days(story["id"]) == {undated["id"]: "2025-11-28"}
        with TestClient(create_app(corpus)) as client:
            page = client.get(f"/stories/{story['id']}").text
            listed = client.get(f"/stories/{story['id']}/events").text
    for html in (page, listed):
        assert re.search(r"~2025-11-28 <span class=\"tag\"[^>]*>estimated</span>", html), html
        metas = re.findall(r'class="ev-meta muted">(.*?) · ', html)
        assert len(metas) == 2 and not any("undated" in m for m in metas), metas  # (its article itself is undated)


def _said(article: str, day: str, start: int, *, estimated: bool = True, future: bool = False) -> timeline.Statement:
    return timeline.Statement(article, day, "day", start, start + 10, estimated, future)


_STORY = {
    "events": [
        {"id": "dated", "first_seen": "2025-11-26", "article_ids": ["d1"]},
        {"id": "undated", "first_seen": None, "article_ids": ["u1", "u2"]},
    ]
}


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        # Each report's first day, the latest of those: u2 wrote later of the same development.
        ([_said("u1", "2025-11-28", 5), _said("u1", "2025-12-05", 90), _said("u2", "2025-11-29", 40)], "2025-11-29"),
        # A day its report says is to come is none, though another article (d1) states that day as past.
        (
            [_said("u1", "2025-12-03", 5, future=True), _said("d1", "2025-12-03", 5), _said("u1", "2025-11-28", 60)],
            "2025-11-28",
        ),
        # A full date (no estimate) a month or more before the story's first date is background.
        ([_said("u1", "1983-06-12", 5, estimated=False), _said("u2", "2025-03-03", 9, estimated=False)], None),
        ([_said("u1", "2025-11-20", 5, estimated=False)], "2025-11-20"),
        # What a dated event's article says is its own.
        ([_said("d1", "2025-11-30", 5)], None),
    ],
)
def test_an_undated_events_day_is_its_reports_first_day_not_to_come(
    statements: list[timeline.Statement], expected: str | None
) -> None:
    got = timeline.event_days(_STORY, statements)
    assert got.get("undated", {}).get("date") == expected, got
    assert timeline.event_days({"events": [_STORY["events"][1]]}, statements) == {}  # no dated event: no estimate


def test_a_date_after_its_report_was_written_is_expected(tmp_path: Path) -> None:
    # "expected in February 2026" in a report of 18 November 2025 is a plan then, though no word of the future
    # stands right before it: it had been listed as if it had happened. In an undated report of the same story, a
    # month or a year written in full after every dated report of it is one too ("by 2035"); the days it names
    # are not (a later report may name a later day of the story).
    dated = {
        "title": "Vessara court sentences port chief",
        "published": "2025-11-18",
        "text": (
            "A Vessara court sentenced the former port chief Ivo Brandt to ten years on 17 November, the court said."
            " Elections across Vessara, expected in February 2026, will be the first since the port strike."
        ),
    }
    undated = {
        "title": "Vessara port chief's party rejects the verdict",
        "text": (
            "The party of the former Vessara port chief Ivo Brandt rejected the court's verdict on 19 November."
            " The party wants the Vessara port fully automated, with every crane remote, by 2035."
        ),
    }
    with _one_story(tmp_path, dated, undated) as (corpus, story):
        entries = corpus.story(story["id"])["timeline"]
        assert entries == reference_timeline(corpus, story)
        rows = [timeline.row(e) for e in entries]
    ahead = {e["date"]: e["future"] for e in entries}
    assert ahead["2026-02"] and ahead["2035"], entries
    assert not ahead["2025-11-17"] and not ahead["2025-11-19"], entries
    # The web list's kept rows say so too ("expected"), as `story` and `timeline` do.
    assert [r["future"] for r in rows] == [e["future"] for e in entries]


def test_a_report_with_no_date_and_no_headline_is_told_by_its_events_name(tmp_path: Path) -> None:
    # A report with no headline (its title is its lead sentence, which sets a scene) and no date of its own had its
    # publication day's entry cite that scene ("It was a cold grey morning ... as Edda Morn set off ..."), as if it
    # were the day's development: the entry cites its event's name, a headline, instead.
    lead = (
        "It was a cold grey morning with rain on the harbour as Edda Morn set off to fetch her grandson from the "
        "Veltmar school."
    )
    scene = {
        "title": lead,
        "published": "2025-12-03",
        "text": (
            f"ORLAN: {lead}\n\nThe photo of Edda Morn running from the Veltmar tower fire in Orlan became a symbol"
            " of the blaze. A week after the Veltmar fire her husband is still missing, and the Orlan photo was"
            " shared widely."
        ),
    }
    headlined = {
        "title": "The photo of Edda Morn that became a symbol of the Veltmar fire",
        "text": (
            "A photo of Edda Morn running from the Veltmar tower fire in Orlan became a symbol of the blaze. Her"
            " husband is still missing a week after the Veltmar fire, and the Orlan photo was shared widely by"
            " residents."
        ),
    }
    with _one_story(tmp_path, scene, headlined) as (corpus, story):
        ((event),) = story["events"]
        entries = corpus.story(story["id"])["timeline"]
        assert entries == reference_timeline(corpus, story)
    assert event["title"] == headlined["title"]
    assert [(e["date"], e["text"]) for e in entries] == [
        ("2025-12-03", headlined["title"]),
        (None, headlined["title"]),
    ]
