"""Copies, events, stories and origins through the real pipeline, on small invented corpora."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk import dedupe, grouping
from newsdesk.cli import cli as newsdesk_cli
from newsdesk.cluster.events import UNKNOWN, When
from newsdesk.corpus import Corpus
from newsdesk.records import Article
from newsdesk.settings import PipelineSettings, Settings
from newsdesk.store import Store
from tests.conftest import shared_path

DAM = (
    "Veloria and Dastmar resumed talks in Vessa on {day} over the Kessel Gorge Dam on the Orsa river. "
    "Water Minister Ilse Varga said the reservoir would fill over five years and that summer flows below the dam "
    "would not fall under 165 cubic metres per second. Deputy Foreign Minister Arsen Tsybulsky said Dastmar's "
    "farmers needed a written guarantee before the irrigation season. A joint commission of engineers will read "
    "the gauges every day, officials said."
)
DAM_FOLLOW_UP = (
    "Negotiators from Dastmar and Veloria met for a second day in Vessa to argue over the Kessel Gorge Dam. "
    "Ilse Varga, the Velorian water minister, repeated that the Orsa reservoir would be filled slowly, while "
    "Arsen Tsybulsky asked again for a written guarantee of summer flows for Dastmar's farmers."
)
STRIKE = (
    "Dockworkers at the port of Saltmere walked out on {day} over plans to automate the container cranes at the "
    "Greywater terminal. The dockers' union said two hundred jobs were at risk, and ships began to queue in the "
    "outer harbour. The port authority said talks with the union would resume next week."
)
BREACH = (
    "Quillfin, a payments company in Veloria, confirmed that the records of 1.2 million customers were exposed "
    "after a test server was left open to the internet. The company's chief technology officer said the server "
    "had been forgotten, and the data protection office opened an inquiry into the breach."
)


def _jsonl(path: Path, items: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    return path


# The grouping stages and what they read, without the language model's (quotes, entities).
STAGES = ("cites", "dates", "features", "claims", "dedupe", "cluster", "origins")


def _corpus() -> Corpus:
    return Corpus(Store(":memory:"))


def test_identical_articles_from_two_outlets_are_one_origin(tmp_path: Path) -> None:
    text = DAM.format(day="Monday")
    corpus = _corpus()
    report = corpus.ingest(
        [
            _jsonl(
                tmp_path / "a.jsonl",
                [
                    {"text": text, "outlet": "Veloria Ledger", "published": "2026-06-16T20:05:00+03:00"},
                    {
                        "text": text + " Our correspondent in Vessa contributed.",
                        "outlet": "Harbour Gazette",
                        "published": "2026-06-16T18:40:00+02:00",
                    },
                ],
            )
        ]
    )
    rows = {r["outlet"]: r for r in corpus.articles()}
    ledger, gazette = rows["Veloria Ledger"], rows["Harbour Gazette"]
    # 18:40+02:00 is 16:40 UTC, earlier than 20:05+03:00 (17:05 UTC): the Gazette's is the original.
    assert ledger["duplicate_of"] == gazette["id"]
    assert gazette["duplicate_of"] is None
    assert ledger["event_id"] == gazette["event_id"]
    assert ledger["origin"] == gazette["origin"] == gazette["id"]
    assert len(report.added) == 2


def test_events_and_stories_separate_unrelated_news_and_keep_an_article_alone(tmp_path: Path) -> None:
    corpus = _corpus()
    corpus.ingest(
        [
            _jsonl(
                tmp_path / "a.jsonl",
                [
                    {"text": DAM.format(day="Monday"), "published": "2026-06-15"},
                    {
                        "text": DAM.format(day="Tuesday").replace("resumed talks", "continued talks"),
                        "published": "2026-06-16",
                    },
                    {"text": STRIKE.format(day="Friday"), "published": "2026-05-08"},
                    {"text": BREACH},  # no date at all
                ],
            )
        ]
    )
    rows = corpus.articles()
    events = {r["event_id"] for r in rows}
    assert len(events) == 3
    assert rows[0]["event_id"] == rows[1]["event_id"]
    stories = corpus.stories()
    assert len(stories) == 3
    undated = next(s for s in stories if rows[3]["id"] in s["article_ids"])
    assert undated["events"][0]["first_seen"] is None  # no date is invented for it
    assert undated["events"][0]["article_ids"] == [rows[3]["id"]]


def test_related_headlines_in_furniture_do_not_pull_stories_together(tmp_path: Path) -> None:
    furniture = "\n\nRelated Articles\n\n" + "\n\n".join(
        [
            "Dockers at Saltmere walk out over crane automation at Greywater",
            "Saltmere port strike: ships queue in the outer harbour as union digs in",
            "Quillfin breach: 1.2 million customer records exposed on a test server",
        ]
    )
    dam = tmp_path / "dam.txt"
    dam.write_text("Dam talks resume\n\n" + DAM.format(day="Monday") + furniture, encoding="utf-8")
    strike = tmp_path / "strike.txt"
    strike.write_text("Saltmere strike\n\n" + STRIKE.format(day="Friday"), encoding="utf-8")
    corpus = _corpus()
    corpus.ingest([dam, strike])
    rows = corpus.articles()
    assert rows[0]["event_id"] != rows[1]["event_id"]
    assert len(corpus.stories()) == 2


def test_later_ingest_joins_existing_events_without_detaching_earlier_members(tmp_path: Path) -> None:
    corpus = _corpus()
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": DAM.format(day="Monday"), "published": "2026-06-15"}])])
    first = corpus.articles()[0]
    corpus.ingest(
        [
            _jsonl(
                tmp_path / "b.jsonl",
                [
                    {
                        "text": DAM.format(day="Tuesday").replace("resumed talks", "continued talks"),
                        "published": "2026-06-16",
                    }
                ],
            )
        ]
    )
    rows = corpus.articles()
    assert rows[0]["event_id"] == first["event_id"]  # an upsert, never a REPLACE that nulls members
    assert rows[1]["event_id"] == first["event_id"]
    story = corpus.stories()[0]
    assert story["events"][0]["article_ids"] == [rows[0]["id"], rows[1]["id"]]
    assert (story["events"][0]["first_seen"], story["events"][0]["last_seen"]) == ("2026-06-15", "2026-06-16")


def test_story_and_timeline_contracts(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    source = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"text": DAM.format(day="Monday"), "title": "Dam talks resume", "published": "2026-06-15T09:00:00+02:00"},
            {"text": DAM_FOLLOW_UP, "title": "Talks go on"},
        ],
    )
    runner = CliRunner()
    runner.invoke(newsdesk_cli, ["--db", str(db), "-q", "ingest", str(source)], catch_exceptions=False)
    listed = json.loads(runner.invoke(newsdesk_cli, ["--db", str(db), "stories", "--json"]).stdout)
    assert set(listed[0]) == {"id", "title", "article_ids", "events"}
    assert set(listed[0]["events"][0]) == {"id", "title", "article_ids", "first_seen", "last_seen"}
    story_id = listed[0]["id"]
    shown = json.loads(runner.invoke(newsdesk_cli, ["--db", str(db), "story", story_id[:6], "--json"]).stdout)
    assert shown["id"] == story_id and shown["title"] == "Dam talks resume"
    timeline = json.loads(runner.invoke(newsdesk_cli, ["--db", str(db), "timeline", story_id, "--json"]).stdout)
    assert timeline == shown["timeline"]
    assert [(e["date"], e["precision"]) for e in timeline] == [("2026-06-15", "day"), (None, None)]
    # What happened is the sentence that dates it; "on Monday" resolves against the 2026-06-15 publication.
    assert timeline[0]["text"].startswith("Veloria and Dastmar resumed talks in Vessa on Monday")
    first = timeline[0]["evidence"][0]
    assert first["start"] < first["end"] and timeline[0]["estimated"] is False
    assert timeline[1]["text"] == "Talks go on"  # undated and no date in the text: no date is invented
    missing = runner.invoke(newsdesk_cli, ["--db", str(db), "story", "nope"])
    assert missing.exit_code == 4 and "No story with id 'nope'" in missing.stderr
    table = runner.invoke(newsdesk_cli, ["--db", str(db), "stories"], catch_exceptions=False)
    assert "Dam talks resume" in table.stdout


def test_seeds_wire_retellings_share_one_origin(seeds_dir: Path) -> None:
    corpus = _corpus()
    corpus.ingest([seeds_dir])
    rows = {Path(r["source"]).name[:3]: r for r in corpus.articles()}
    # 002 and 003 both retell the Telegraph's report: one origin, though their texts differ.
    assert rows["002"]["event_id"] == rows["003"]["event_id"]
    assert rows["002"]["origin"] == rows["003"]["origin"]
    assert rows["004"]["origin"] == rows["004"]["id"]


def test_issue_4_copies_events_and_origins_carry_across_batches(tmp_path: Path, monkeypatch) -> None:
    # One article per batch: what a batch finds must come from the indexes kept for the run (or the store).
    monkeypatch.setattr("newsdesk.corpus._ANALYZE_CHUNK", 1)
    dam = DAM.format(day="Monday")
    items = [
        {"text": dam + " The Harbour Gazette reported the figures first, according to the Harbour Gazette."},
        {"text": STRIKE.format(day="Monday")},
        {"text": dam + " Our correspondent contributed. According to the Harbour Gazette, talks go on."},
        {"text": DAM_FOLLOW_UP + " The figures were first reported by the Harbour Gazette, the Harbour Gazette said."},
    ]
    corpus = _corpus()
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", items)])
    first, strike, copy, follow_up = corpus.articles()
    assert copy["duplicate_of"] == first["id"]
    assert first["event_id"] == copy["event_id"] == follow_up["event_id"] != strike["event_id"]
    # Undated articles rank in ingest order: the origin is named by the first, in whichever batch it came.
    assert first["origin"] == copy["origin"] == first["id"]


def test_issue_4_a_failed_batch_drops_what_the_stage_kept(tmp_path: Path, monkeypatch) -> None:
    from newsdesk.pipeline import CorpusStage, Pipeline

    monkeypatch.setattr("newsdesk.corpus._ANALYZE_CHUNK", 1)
    seen: list[list[str]] = []

    def remember(batch, view, settings, memo):  # type: ignore[no-untyped-def]
        seen.append(list(memo.get("texts", [])))
        memo.setdefault("texts", []).extend(a.text[:6] for a in batch)
        if any(a.text.startswith("Boom") for a in batch):
            raise RuntimeError("boom")
        return list(batch), {}

    corpus = _corpus()
    corpus.pipeline = Pipeline([CorpusStage("remember", remember, keeps_state=True)])
    texts = [STRIKE.format(day="Monday"), "Boom. " + BREACH, DAM.format(day="Monday")]
    report = corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": t} for t in texts])])
    assert [f.stage for f in report.failures] == ["remember"]
    # The second batch saw the first; the third saw nothing of the failed second (nor, dropped with it, the first).
    assert seen == [[], ["Dockwo"], []]


def test_stored_groups_come_back_least_recently_joined_first(tmp_path: Path) -> None:
    # The grouper offers, for a common term, the events that most recently took an article; after a restart it
    # can only know which those are from the order the store gives them in.
    corpus = _corpus()
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": DAM.format(day="Monday"), "published": "2026-06-15"}])])
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": STRIKE.format(day="Monday"), "published": "2026-06-15"}])])
    corpus.ingest([_jsonl(tmp_path / "c.jsonl", [{"text": DAM_FOLLOW_UP, "published": "2026-06-16"}])])
    rows = {r["text"][:20]: r for r in ({**a, "text": corpus.article(a["id"]).text} for a in corpus.articles())}
    dam, strike = rows[DAM[:20]], rows[STRIKE[:20]]
    assert rows[DAM_FOLLOW_UP[:20]]["event_id"] == dam["event_id"]
    assert [g["id"] for g in corpus.store.groups("event")] == [strike["event_id"], dam["event_id"]]


def test_stored_events_give_their_members_in_ingest_order(tmp_path: Path) -> None:
    # An event's latest members are those a new report is compared with (NEAREST_MEMBERS): read from the event
    # index, whose own order is by date, they must still come in the order they were stored.
    corpus = _corpus()
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": DAM.format(day="Monday"), "published": "2026-06-16"}])])
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": DAM_FOLLOW_UP, "published": "2026-06-15"}])])
    ids = [a["id"] for a in corpus.articles()]  # in ingest order
    events = {a["event_id"] for a in corpus.articles()}
    assert len(events) == 1
    assert [g["members"] for g in corpus.store.groups("event")] == [ids]


def test_a_later_run_reads_stored_members_as_text_only(tmp_path: Path, monkeypatch) -> None:
    # Without the features stage (a pipeline that leaves it out), stored members are worked out from their text.
    # (Nor the digest stage: a story's timeline reads the text of its untitled articles for their entries.)
    stages = tuple(s for s in PipelineSettings().stages if s not in ("features", "digest"))
    corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=stages)))
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": DAM.format(day="Monday"), "published": "2026-06-15"}])])
    first = corpus.articles()[0]
    read_texts: list[list[str]] = []
    texts = Store.texts

    def spy_texts(self: Store, ids: list[str]) -> dict[str, tuple[str | None, str]]:
        read_texts.append(list(ids))
        return texts(self, ids)

    monkeypatch.setattr(Store, "texts", spy_texts)
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": DAM_FOLLOW_UP, "published": "2026-06-16"}])])
    assert corpus.articles()[1]["duplicate_of"] is None  # not a copy: it is compared with the event's members
    assert read_texts == [[first["id"]]]  # the stored member, once, for its event's nearest-member score
    assert corpus.articles()[1]["event_id"] == first["event_id"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Crews reached the Varnholm pier on Sunday after the storm.", "2026-03-09", date(2026, 3, 8)),
        ("Crews reached the Varnholm pier after the storm.", "2026-03-09", date(2026, 3, 9)),  # the day itself
        ("The pier, wrecked on 14 February, reopened.", "2026-03-09", date(2026, 3, 9)),  # background, not news
        ("Crews will reach the Varnholm pier on Friday.", "2026-03-09", date(2026, 3, 9)),  # future
        # A day the news looks ahead to is not its day, whatever the tense (published Monday 9 March).
        ("Canvassers crossed Belstad ahead of Saturday's run-off.", "2026-03-09", date(2026, 3, 9)),
        (
            "The mayor's stumble just days before Saturday's run-off has emboldened rivals.",
            "2026-03-09",
            date(2026, 3, 9),
        ),
        ("Heading into Saturday's run-off, the mayor trails by four points.", "2026-03-09", date(2026, 3, 9)),
        (
            "Rivals sharpened their attacks in the run-up to the Belstad run-off on Saturday.",
            "2026-03-09",
            date(2026, 3, 9),
        ),
        # A schedule's present tense is a day to come.
        ("The Orsa council meets on Friday to vote on the canal toll.", "2026-03-09", date(2026, 3, 9)),
        # A time of day after such words is the news's own hour, and its day the news's.
        ("Crews were called to the Varnholm pier shortly before 9pm on Sunday.", "2026-03-09", date(2026, 3, 8)),
        # A past day told after such words, too far from them to be what the news looks ahead to, stays the news's.
        (
            "Lind refused to shake hands before their teams' semi-final match at the Orsa ground on Sunday.",
            "2026-03-09",
            date(2026, 3, 8),
        ),
        # "before" of place and "ahead of" of rank look ahead to nothing: the day is the news's.
        ("Mr Voss appeared before a judge on Saturday charged with fraud.", "2026-03-09", date(2026, 3, 7)),
        ("Ms Lind testified before the Orsa finance committee on Friday.", "2026-03-09", date(2026, 3, 6)),
        ("Lind finished ahead of Voss on Sunday in the Orsa marathon.", "2026-03-09", date(2026, 3, 8)),
        ("More voters turned out than ever before on Saturday in Belstad.", "2026-03-09", date(2026, 3, 7)),
        ("The Varnholm ferry sank before first light on Sunday.", "2026-03-09", date(2026, 3, 8)),
        # Still ahead: a span of days between the verb and "before".
        ("Ms Lind testified days before Saturday's run-off.", "2026-03-09", date(2026, 3, 9)),
        # A day after such words that is the report's own or the one before is the news's, whichever way it was meant:
        # a past one bounds the news, which came on it or just before ("ahead of his third rally of the day on
        # Sunday"), and read so it is within a day of the report's date.
        (
            "Voss told reporters ahead of his third rally of the day on Sunday that he would stay in the race.",
            "2026-03-09",
            date(2026, 3, 8),
        ),
        ("Crews arrived before the vote on Sunday and stayed until the count.", "2026-03-09", date(2026, 3, 8)),
        ("Crews arrived before the vote on Saturday and stayed until the count.", "2026-03-09", date(2026, 3, 9)),
        # But a day the lead names for its news comes first: the bound is taken only when the lead names no other.
        ("Ahead of Monday's run-off, Voss toured the Orsa docks on Saturday.", "2026-03-09", date(2026, 3, 7)),
        ("Before Sunday's vote, Voss toured the Orsa docks on Friday.", "2026-03-09", date(2026, 3, 6)),
        # A weekday's possessive four days back or more may name the coming event: not the news's day. Nearer, it is.
        (
            "Voss, who badly needs a win in Thursday's run-off, won the backing of the Orsa mayor on Sunday.",
            "2026-03-09",
            date(2026, 3, 8),
        ),
        ("Ms Lind is trailing by two points in Thursday's run-off, a poll shows.", "2026-03-09", date(2026, 3, 9)),
        ("Ms Lind is trailing by two points in Thursday’s run-off, a poll shows.", "2026-03-09", date(2026, 3, 9)),
        ("Ms Lind edged out Mr Voss in Friday's run-off in Belstad.", "2026-03-09", date(2026, 3, 6)),
        # Four days back or more, a verb in the past before it makes the possessive's event done: its day the news's.
        ("Ms Lind won Thursday's run-off in Belstad by a wide margin.", "2026-03-09", date(2026, 3, 5)),
        ("Mr Voss finished second in Thursday’s run-off and conceded.", "2026-03-09", date(2026, 3, 5)),
        ("Mr Voss was beaten in Wednesday's final at the Orsa ground.", "2026-03-09", date(2026, 3, 4)),
        # Not after "is" or a word of plans: the event may still come.
        ("Ms Lind is favoured in Thursday's run-off, a poll shows.", "2026-03-09", date(2026, 3, 9)),
        ("Ms Lind is to be tested in Thursday's run-off, a poll shows.", "2026-03-09", date(2026, 3, 9)),
        ("Crowds gathered for the rescheduled Thursday's run-off in Belstad.", "2026-03-09", date(2026, 3, 9)),
        # Nor after a verb of intent or preparation, or "to", "for" between: the event is looked to, maybe to come.
        ("Ms Lind vowed to win Thursday's run-off in Belstad.", "2026-03-09", date(2026, 3, 9)),
        ("Ms Lind, widely tipped to win Thursday's run-off, toured the docks.", "2026-03-09", date(2026, 3, 9)),
        ("Ms Lind has pledged to contest Thursday's run-off in Belstad.", "2026-03-09", date(2026, 3, 9)),
        ("Ms Lind prepared for Thursday's run-off in Belstad.", "2026-03-09", date(2026, 3, 9)),
        ("Ms Lind, who needed a win in Thursday's run-off, toured the docks.", "2026-03-09", date(2026, 3, 9)),
        ("Turnout dropped sharply in Thursday's run-off in Belstad.", "2026-03-09", date(2026, 3, 5)),
        # A body's "votes" in the present tense is a schedule ("the council votes on Friday"): to come.
        ("The Orsa council votes on Friday on the canal toll.", "2026-03-09", date(2026, 3, 9)),
        ("Crews reached the Varnholm pier on Sunday.", None, None),  # an undated weekday is never resolved
    ],
)
def test_the_day_a_lead_says_its_news_happened(text: str, published: str | None, expected: date | None) -> None:
    assert grouping._when(text, published).day == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An undated lead's own dates: with a year, that day; without one, the day and month of an unknown year.
        ("Crews reached the Varnholm pier on 24 November 2025.", When(date(2025, 11, 24), named=True)),
        ("Crews reached the Varnholm pier on Nov 24.", When(date(2000, 11, 24), yearless=True, named=True)),
        ("On Friday, 29 February, crews reached the pier.", When(date(2000, 2, 29), yearless=True, named=True)),
        ("Crews will reach the Varnholm pier on 24 November.", UNKNOWN),  # the future is not the news
        # The page's own stamp says when it was put out, not what happened.
        ("Posted in Harbour news on Friday, September 20, 2013. Crews reached the pier.", UNKNOWN),
        # A weekday alone is no day, but the weekday the lead names ("said Sunday"); "last Friday" is before the news.
        ("Crews reached the Varnholm pier on Sunday.", When(weekday=6, named=True)),
        (
            "The mayor said Sunday that crews reached the pier on 24 November.",
            When(date(2000, 11, 24), yearless=True, named=True),
        ),
        ("Crews reached the Varnholm pier, which closed last Friday.", UNKNOWN),
        # A weekday the news looks ahead to is none of its days.
        ("Canvassers crossed Belstad ahead of Saturday's run-off.", UNKNOWN),
    ],
)
def test_an_undated_lead_gives_the_days_it_names(text: str, expected: When) -> None:
    assert grouping._when(text, None) == expected


def test_a_lead_gives_its_figures_and_the_report_all_it_states() -> None:
    text = (
        "The toll from the Varnholm mill collapse rose to 31 on Tuesday, officials said at 9 am, and 6 remain missing."
        + " The mill, built in 1911, employed 240 people." * 12
        + " Insurers put the damage at 4,500,000 crowns."
    )
    lead = grouping._lead("Mill collapse toll rises to 31; 12 in hospital", text, "2026-03-10")
    assert lead.day == date(2026, 3, 10)
    # Times of day, years and numbers up to ten are no figures; the figures past the lead are only stated.
    assert lead.figures == {"31", "12", "240"}
    assert lead.stated == {"31", "12", "240", "4500000"}
    assert lead.headline == {"31", "12"}  # the title's own
    # An untitled report is headed by its first sentence (clean/metadata.py leaves a lead untitled).
    assert grouping._lead(None, text, "2026-03-10").headline == {"31"}
    assert grouping._lead(None, "Crews reached the pier on Sunday.", None) == When(weekday=6, named=True)


STRIKE_VOTE = (
    "Members of the dockers' union at Saltmere voted to end the walkout over the Greywater terminal cranes and return"
    " to the quays. Shift supervisors said the backlog of vessels would clear within days, and the harbour master"
    " thanked pilots and tug crews."
)


def test_two_developments_a_week_apart_are_two_events(tmp_path: Path) -> None:
    # The vote shares the walkout's background but not its particulars: the next day it still joins the walkout's
    # event; a week later it is a development of its own.
    for published, same in (("2026-05-12", True), ("2026-05-18", False)):
        corpus = _corpus()
        items = [
            {"text": STRIKE.format(day="Monday"), "published": "2026-05-11"},
            {"text": STRIKE_VOTE, "published": published},
        ]
        corpus.ingest([_jsonl(tmp_path / "strike.jsonl", items)])
        walkout, vote = corpus.articles()
        assert (walkout["event_id"] == vote["event_id"]) is same, published


def test_an_event_first_told_without_a_headline_takes_a_later_members_headline(tmp_path: Path) -> None:
    with _corpus() as corpus:
        corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": "VESSA - " + DAM.format(day="Monday")}])])
        (story,) = corpus.stories()
        # No headline: the lead names the event, past its dateline and before what the writer adds.
        assert story["title"] == story["events"][0]["title"]
        assert story["title"].startswith("Veloria and Dastmar resumed talks in Vessa on Monday")
        assert "VESSA" not in story["title"]
        corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": DAM_FOLLOW_UP, "title": "Dam talks go on in Vessa"}])])
        (story,) = corpus.stories()
        assert [e["title"] for e in story["events"]] == ["Dam talks go on in Vessa"]
        assert story["title"] == "Dam talks go on in Vessa"


@pytest.mark.parametrize("runs", [1, 2])
def test_a_headline_the_outlet_cut_with_an_ellipsis_keeps_naming_its_event(tmp_path: Path, runs: int) -> None:
    # Only a name made from a lead gives way to a later member's headline: an outlet's headline ending with "…" is
    # the outlet's, in this run (runs=1) or when the later member comes in another (runs=2).
    cut = "Veloria and Dastmar resume dam talks in Vessa…"
    items = [
        {"text": DAM.format(day="Monday"), "title": cut, "published": "2026-06-15"},
        {"text": DAM_FOLLOW_UP, "title": "Dam talks go on in Vessa", "published": "2026-06-16"},
    ]
    with _corpus() as corpus:
        for n, part in enumerate([items] if runs == 1 else [items[:1], items[1:]]):
            corpus.ingest([_jsonl(tmp_path / f"{n}.jsonl", part)])
        (story,) = corpus.stories()
        assert [e["title"] for e in story["events"]] == [cut]
        assert story["title"] == cut


def test_a_later_report_finds_a_stored_event_by_the_entities_it_names(tmp_path: Path, monkeypatch) -> None:
    # Decision 0036: a translation round trip may share none of its heaviest terms with its source's event, but it
    # names the same people and places (linked across spellings). With no term looked up at all, a report of the
    # next run still finds the stored event by the entities both name.
    corpus = _corpus()
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": DAM.format(day="Monday"), "published": "2026-06-15"}])])
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": STRIKE.format(day="Monday"), "published": "2026-06-15"}])])
    dam, strike = corpus.articles()
    named = {a["event_id"]: {m.entity_id for m in corpus.article(a["id"]).mentions} for a in (dam, strike)}
    assert {event: set(ids) for event, ids in corpus.store.event_entities().items()} == named
    monkeypatch.setattr("newsdesk.cluster.events.QUERY_TERMS", 0)
    corpus.ingest([_jsonl(tmp_path / "c.jsonl", [{"text": DAM_FOLLOW_UP, "published": "2026-06-16"}])])
    assert corpus.articles()[2]["event_id"] == dam["event_id"]


# A storyline of two developments: a ferry capsizes (two reports naming its operator most), then the harbour master
# says it had missed its inspection (a report naming him most). All three share the storyline's words.
CAPSIZE = (
    "The ferry Marisol capsized on Lake Orvel near Tavren late on Saturday in a storm, and rescuers from Tavren "
    "pulled passengers from the cold water through the night. Marisol Lines, which runs the lake crossing, said the "
    "ferry had sailed in high wind and that divers were searching the wreck. Marisol Lines suspended every crossing "
    "on Lake Orvel until further notice."
)
CAPSIZE_RETOLD = (
    "Rescuers searched Lake Orvel through the night after the ferry Marisol capsized in a storm near Tavren. "
    "Marisol Lines said its ferry had left Tavren in high wind with passengers and crew aboard, and that divers "
    "reached the wreck at dawn. The company, Marisol Lines, halted its crossings on the lake."
)
INSPECTION = (
    "Harbour master Oskar Brandt said the ferry Marisol had missed its safety inspection before it capsized on Lake "
    "Orvel near Tavren. Brandt told reporters the inspection was overdue by months and ordered checks of every ferry "
    "on the lake. Oskar Brandt said the hull would be raised from the lake bed so that investigators could examine "
    "the rudder and the ballast. The regional transport board will publish the inspection records, and insurers "
    "have asked for the logbooks. Brandt's office has also asked the shipyard that built the vessel for its "
    "stability calculations and welding certificates."
)


def test_a_development_told_by_another_actor_is_its_own_event_among_unrelated_articles(tmp_path: Path) -> None:
    # Decision 0059: among unrelated articles the storyline's words are rare, so they weigh enough for the harbour
    # master's report to pass the capsizing's threshold by its words (0.20 against 0.18); the entity it names most
    # is one no report of the capsizing names, so it counts FOCUS_CLASH less and opens its own event.
    corpus = _corpus()
    unrelated = [{"text": DAM.format(day="Monday")}, {"text": STRIKE.format(day="Monday")}, {"text": BREACH}]
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", unrelated)])
    told = [{"text": CAPSIZE}, {"text": CAPSIZE_RETOLD}, {"text": INSPECTION}]
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", told)])
    capsize, retold, inspection = corpus.articles()[3:]
    assert capsize["event_id"] == retold["event_id"]
    assert inspection["event_id"] != capsize["event_id"]


# A third report of the capsizing, a day on: the event the harbour master's report meets holds three members.
CAPSIZE_DIVERS = (
    "Divers from Tavren returned to the wreck of the ferry Marisol on Lake Orvel on Sunday, a day after it capsized "
    "in a storm. Marisol Lines said the crossing had set off in high wind and that the search of the lake would go on "
    "through the week; the company has suspended its Tavren crossings."
)


@pytest.mark.parametrize("among", [False, True])
def test_a_development_is_told_apart_among_unrelated_articles_as_it_is_alone(tmp_path: Path, among: bool) -> None:
    # Decision 0074: among unrelated articles (five of other beats) the storyline's words are rarer in the store, so
    # with the store's IDF alone the harbour master's report passed the capsizing's threshold by its words (0.196
    # against 0.194; alone it met no candidate). Weighed against what the compared members share, the words all
    # three capsizing reports hold count no more than among them: 0.123 against 0.131, apart as alone. Without the
    # entities stage, so no focus (decision 0059) parts them.
    settings = Settings(
        pipeline=PipelineSettings(stages=tuple(s for s in PipelineSettings().stages if s not in {"quotes", "entities"}))
    )
    corpus = Corpus(Store(":memory:"), settings=settings)
    unrelated = [BREACH, DAM.format(day="Monday"), DAM_FOLLOW_UP, STRIKE.format(day="Monday"), STRIKE_VOTE]
    if among:
        corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": text} for text in unrelated])])
    told = [CAPSIZE, CAPSIZE_RETOLD, CAPSIZE_DIVERS, INSPECTION]
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": text} for text in told])])
    capsize, retold, divers, inspection = corpus.articles()[len(unrelated) if among else 0 :]
    assert capsize["event_id"] == retold["event_id"] == divers["event_id"]
    assert inspection["event_id"] != capsize["event_id"]


def test_without_linked_entities_a_report_is_looked_up_by_its_terms_alone(tmp_path: Path, monkeypatch) -> None:
    settings = Settings(
        pipeline=PipelineSettings(stages=tuple(s for s in PipelineSettings().stages if s not in {"quotes", "entities"}))
    )
    corpus = Corpus(Store(":memory:"), settings=settings)
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": DAM.format(day="Monday"), "published": "2026-06-15"}])])
    assert corpus.store.event_entities() == {}
    monkeypatch.setattr("newsdesk.cluster.events.QUERY_TERMS", 0)
    corpus.ingest([_jsonl(tmp_path / "c.jsonl", [{"text": DAM_FOLLOW_UP, "published": "2026-06-16"}])])
    first, later = corpus.articles()
    assert later["event_id"] != first["event_id"]  # nothing found it: the keys were what found it above


def test_an_earlier_dated_copy_in_a_later_batch_becomes_the_original_of_every_stored_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One article per batch: the run's memo, not a fresh read of the group, has to re-point the stored copies.
    monkeypatch.setattr("newsdesk.corpus._ANALYZE_CHUNK", 1)
    dam = DAM.format(day="Monday")
    items = [
        {"text": dam, "published": "2026-06-16"},
        {"text": dam + " Our correspondent contributed.", "published": "2026-06-17"},
        {"text": STRIKE.format(day="Monday"), "published": "2026-06-15"},
        {"text": dam + " Talks go on.", "published": "2026-06-15"},
    ]
    corpus = _corpus()
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", items)])
    first, copy, strike, earliest = corpus.articles()
    assert earliest["duplicate_of"] is None and strike["duplicate_of"] is None
    assert first["duplicate_of"] == copy["duplicate_of"] == earliest["id"]
    # One origin, named by its earliest member, for the copies found in three batches.
    assert first["origin"] == copy["origin"] == earliest["origin"] == earliest["id"]
    assert strike["origin"] == strike["id"]
    # The same corpus analysed in one batch groups it the same way.
    monkeypatch.setattr("newsdesk.corpus._ANALYZE_CHUNK", 500)
    again = _corpus()
    again.ingest([_jsonl(tmp_path / "b.jsonl", items)])
    assert [(a["duplicate_of"], a["origin"]) for a in again.articles()] == [
        (a["duplicate_of"], a["origin"]) for a in corpus.articles()
    ]


def test_dedupe_reads_a_stored_original_without_its_mentions_and_quotes(tmp_path: Path, monkeypatch) -> None:
    settings = Settings(pipeline=PipelineSettings(stages=("cites", "dates", "dedupe")))
    corpus = Corpus(Store(":memory:"), settings=settings)
    text = DAM.format(day="Monday")
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [{"text": text, "outlet": "Veloria Ledger"}])])
    original = corpus.articles()[0]["id"]
    whole: list[str] = []
    with_extracts = Store._with_extracts

    def spy(self: Store, articles: list) -> list:
        whole.extend(a.id for a in articles)
        return with_extracts(self, articles)

    monkeypatch.setattr(Store, "_with_extracts", spy)
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": text + " Reporting by staff.", "outlet": "Dastmar Post"}])])
    copy = corpus.articles()[1]
    assert copy["duplicate_of"] == original
    assert original not in whole  # its date, its original and its place are all dedupe reads of it
    assert copy["id"] not in whole  # nor the batch: dedupe declares it reads no extracts (Stage.reads)


def _ecbplus(lines: int) -> list[dict[str, str]]:
    """The first ``lines`` ECB+ reports (real articles from ../shared), as ingest lines."""
    path = shared_path("data", "ecbplus", "topics-1-35.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:lines] if line.strip()]
    return [{k: r[k] for k in ("title", "text", "published") if r.get(k)} for r in rows]


def test_features_keep_the_vector_and_lead_exactly() -> None:
    # Weights are stored as float64 in their order: a float32 weight or another order moves scores in their last
    # bits, and a tie or a threshold can then go the other way.
    for row in _ecbplus(40):
        article = Article(id="x", source="s", text=row["text"], title=row.get("title"), published=row.get("published"))
        found = grouping.decode(grouping.features(article).features)
        assert found is not None
        vector = grouping._vector(article.title, article.text)
        assert list(found.vector.items()) == list(vector.items())
        assert found.lead == grouping._lead(article.title, article.text, article.published)
        assert (found.fingerprint, found.shingles) == dedupe.sketch(article.text)


def test_features_of_another_version_are_worked_out_again(monkeypatch: pytest.MonkeyPatch) -> None:
    row = _ecbplus(1)[0]
    stored = grouping.features(Article(id="x", source="s", text=row["text"], title=row.get("title"))).features
    assert grouping.decode(stored) is not None
    monkeypatch.setattr(grouping, "FEATURES_VERSION", grouping.FEATURES_VERSION + 1)
    assert grouping.decode(stored) is None


def test_stored_features_spare_the_serial_stages_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The features stage (in the worker processes) works out each article's fingerprint, term vector and lead once:
    # dedupe and cluster neither shingle nor vectorise their own articles, nor stored members' texts again.
    rows = _ecbplus(60)
    calls: dict[str, int] = {}

    def spy(patch: pytest.MonkeyPatch, module: object, name: str) -> None:
        real = getattr(module, name)

        def counted(*args: object) -> object:
            calls[name] = calls.get(name, 0) + 1
            return real(*args)

        patch.setattr(module, name, counted)

    for stages in (STAGES, tuple(s for s in STAGES if s != "features")):
        corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=stages, workers=1)))
        corpus.ingest([_jsonl(tmp_path / "a.jsonl", rows[:30])])
        calls.clear()
        with monkeypatch.context() as patch:
            for module, name in ((dedupe, "sketch"), (grouping, "_vector"), (grouping, "_lead")):
                spy(patch, module, name)
            added = len(corpus.ingest([_jsonl(tmp_path / "b.jsonl", rows[30:])]).added)
        assert added > 25
        if "features" in stages:  # once an article, by the features stage
            assert calls == {"sketch": added, "_vector": added, "_lead": added}
        else:  # without it, dedupe and cluster work them out, and cluster again for the stored members it compares
            assert calls["sketch"] == added
            assert calls["_vector"] == calls["_lead"] > added + 10


@pytest.mark.parametrize("runs", [1, 2])
def test_groups_are_the_same_with_stored_features_or_without(tmp_path: Path, runs: int) -> None:
    rows = _ecbplus(150)
    found = []
    for stages in (STAGES, tuple(s for s in STAGES if s != "features")):
        corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=stages)))
        parts = [rows] if runs == 1 else [rows[:70], rows[70:]]
        for n, part in enumerate(parts):
            corpus.ingest([_jsonl(tmp_path / f"{len(stages)}-{n}.jsonl", part)])
        found.append(
            (
                [(a.id, a.duplicate_of, a.event_id, a.origin) for a in corpus.store.articles()],
                [(s["id"], s["title"], [(e["id"], e["title"]) for e in s["events"]]) for s in corpus.stories()],
            )
        )
    assert found[0] == found[1]
    assert len({event for _, _, event, _ in found[0][0]}) > 5


def test_dedupe_learns_a_stored_group_without_reading_its_articles(tmp_path: Path, monkeypatch) -> None:
    # A new copy of a stored original: dedupe needs each stored member's date and original, not its text and
    # metadata, so a big copy group costs one narrow row a member (decision 0040), and no stored member is read
    # whole unless its original changes.
    row = _ecbplus(1)[0]
    settings = Settings(pipeline=PipelineSettings(stages=("cites", "dates", "features", "dedupe"), workers=1))
    corpus = Corpus(Store(":memory:"), settings=settings)
    first = [
        {"text": row["text"], "published": "2013-05-02"},
        *({"text": f"{row['text']} Reporting by staff {n}.", "published": "2013-05-03"} for n in range(3)),
    ]
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", first)])
    stored = [a["id"] for a in corpus.articles()]
    assert len(stored) == 4
    whole: list[str] = []
    articles = Store.articles

    def spy(self: Store, ids: list[str] | None = None, *, extracts: bool = True):  # type: ignore[no-untyped-def]
        whole.extend(ids or ["every article"])
        return articles(self, ids, extracts=extracts)

    monkeypatch.setattr(Store, "articles", spy)
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", [{"text": row["text"] + " Updated.", "published": "2013-05-04"}])])
    monkeypatch.undo()
    copy = corpus.articles()[4]
    assert copy["duplicate_of"] == stored[0]
    assert [a["duplicate_of"] for a in corpus.articles()[1:4]] == [stored[0]] * 3
    assert not set(whole) & set(stored)


def test_origins_takes_stored_members_profiles_from_their_features(tmp_path: Path, monkeypatch) -> None:
    # The features stage packs each article's comparison profile once (in the worker processes): a later run's
    # origins compares stored members by what was stored, with their credits read narrowly, neither reading them
    # whole nor profiling their text again; without the stage, it does both, and the origins are the same.
    rows = _ecbplus(150)
    stored: set[str] = set()
    profiled: list[str] = []
    whole: list[str] = []
    profile, articles = grouping.rewrites.profile, Store.articles

    def counted(text: str, *args: object) -> object:
        profiled.append(text)
        return profile(text, *args)  # type: ignore[arg-type]

    def spy(self: Store, ids: list[str] | None = None, *, extracts: bool = True):  # type: ignore[no-untyped-def]
        if extracts:
            whole.extend(i for i in ids or () if i in stored)
        return articles(self, ids, extracts=extracts)

    found = []
    for stages in (STAGES, tuple(s for s in STAGES if s != "features")):
        corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=stages, workers=1)))
        corpus.ingest([_jsonl(tmp_path / "a.jsonl", rows[::2])])
        stored = {a["id"] for a in corpus.articles()}
        profiled.clear()
        whole.clear()
        with monkeypatch.context() as patch:
            patch.setattr(grouping.rewrites, "profile", counted)
            patch.setattr(Store, "articles", spy)
            corpus.ingest([_jsonl(tmp_path / "b.jsonl", rows[1::2])])
        texts = {a.text for a in corpus.store.articles() if a.id in stored}
        if "features" in stages:
            assert not profiled and not whole
        else:  # the stored members compared with are profiled from their text, each read whole
            assert len(texts & set(profiled)) > 10 and len(whole) > 10
        found.append([(a.id, a.origin) for a in corpus.store.articles()])
    assert found[0] == found[1]
    assert len({origin for _, origin in found[0]}) < len(found[0])


def test_a_marked_copy_is_compared_with_nobody_and_its_original_stands_for_it(tmp_path: Path, monkeypatch) -> None:
    # A copy dedupe marked, in its original's event, joins the original's group and is compared with no other
    # group; later articles of the event are compared with the original, never with the copy (decision 0040).
    rows = _ecbplus(40)
    original = rows[0]
    copy = {**original, "text": original["text"] + " Reporting by staff."}
    compared: list[tuple[str, str]] = []
    compare = grouping.rewrites.compare

    def spy(a: grouping.rewrites.Profile, b: grouping.rewrites.Profile) -> object:
        compared.append((a.narrative, b.narrative))
        return compare(a, b)

    monkeypatch.setattr(grouping.rewrites, "compare", spy)
    corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=STAGES, workers=1)))
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", [original, copy])])
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", rows[1:])])
    first, second = list(corpus.store.articles())[:2]
    assert second.duplicate_of == first.id and second.event_id == first.event_id
    assert second.origin == first.origin == first.id
    narratives = {grouping.rewrites.wording(a.text).narrative: a.id for a in (first, second)}
    met = [narratives.get(a) or narratives.get(b) for a, b in compared]
    assert met.count(first.id) >= 3  # the event's later reports were compared with the original
    assert second.id not in met


def test_origins_reads_a_stored_member_whole_only_when_its_origin_changes(tmp_path: Path, monkeypatch) -> None:
    # A later run meets the stored members of every event its articles join, and learns their groups by their date,
    # origin and original alone (Store.dated_origins): reading each whole, text included, cost a run in proportion
    # to the events it met (issue 17). Only a member whose origin the run changes is read whole, to be stored again.
    rows = _ecbplus(150)
    corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=STAGES, workers=1)))
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", rows[::2])])
    before = {a.id: (a.origin, a.event_id) for a in corpus.store.articles(extracts=False)}
    running: list[bool] = []
    whole: list[str] = []
    origins, articles = grouping.origins, Store.articles

    def watched(*args: object, **kwargs: object) -> object:
        running.append(True)
        try:
            return origins(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            running.pop()

    def spy(self: Store, ids: list[str] | None = None, *, extracts: bool = True):  # type: ignore[no-untyped-def]
        if running:
            whole.extend(i for i in ids or () if i in before)
        return articles(self, ids, extracts=extracts)

    monkeypatch.setattr(grouping, "origins", watched)
    monkeypatch.setattr(Store, "articles", spy)
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", rows[1::2])])
    after = {a.id: a for a in corpus.store.articles(extracts=False)}
    met = {e for i, a in after.items() if i not in before for e in [a.event_id]}
    assert sum(event in met for _, event in before.values()) > 20  # stored members of the events met
    renamed = {i for i, (origin, _) in before.items() if after[i].origin != origin}
    originals = {a.duplicate_of for i, a in after.items() if i not in before}
    assert set(whole) <= renamed | originals


def test_origins_knows_the_stored_origins_it_read_and_wrote_in_a_run(tmp_path: Path, monkeypatch) -> None:
    # Issue 17: a run learns the stored members of the events it meets by event (``Store.event_origins``), and keeps
    # the origin the store holds for each article it read or stored, so telling whether a renamed member's origin
    # changes looks up no article (it looked up every member of the events met, by id, once a batch). Batches of
    # 20 articles: what a batch stored is what the next one knows. The same origins as in one batch, in one run.
    rows = _ecbplus(150)
    corpus = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=STAGES, workers=1)))
    corpus.ingest([_jsonl(tmp_path / "a.jsonl", rows[::2])])
    asked: list[str] = []
    dated = Store.dated_origins

    def spy(self: Store, ids: list[str]) -> object:
        asked.extend(ids)
        return dated(self, ids)

    monkeypatch.setattr(Store, "dated_origins", spy)
    monkeypatch.setattr("newsdesk.corpus._ANALYZE_CHUNK", 20)
    corpus.ingest([_jsonl(tmp_path / "b.jsonl", rows[1::2])])
    monkeypatch.undo()
    assert asked == []
    after = [(a.id, a.origin) for a in corpus.store.articles(extracts=False)]
    again = Corpus(Store(":memory:"), settings=Settings(pipeline=PipelineSettings(stages=STAGES, workers=1)))
    again.ingest([_jsonl(tmp_path / "c.jsonl", rows[::2])])
    again.ingest([_jsonl(tmp_path / "d.jsonl", rows[1::2])])
    assert [(a.id, a.origin) for a in again.store.articles(extracts=False)] == after
    assert len({origin for _, origin in after}) < len(after)


def _as_version_1(data: bytes) -> bytes:
    return bytes([1]) + data[1:]  # (the version is the head's first byte)


def test_features_stored_by_version_1_are_read_where_its_rules_gave_the_same() -> None:
    # Version 2 heads an untitled report's lead by its first sentence; everything else version 1 stored is what
    # version 2 gives, so a store made before reads it instead of working it out from the text again on every run.
    titled = Article(
        id="t",
        source="s",
        title="Fire at Lorvan tower kills 12",
        text="A fire at the Lorvan tower killed 12 people on Friday, officials said. Crews fought it for hours.",
        published="2025-11-28",
    )
    stored = grouping.features(titled).features
    assert stored is not None
    old = _as_version_1(stored)
    assert grouping.decode(old) == grouping.decode(stored)
    assert grouping._fingerprints(_Rows({"t": old}), ["t"]) == grouping._fingerprints(_Rows({"t": stored}), ["t"])
    untitled = dataclasses.replace(titled, title=None)
    found = grouping.decode(grouping.features(untitled).features)
    assert found is not None and found.lead.headline  # version 2: headed by its first sentence
    # Version 1 stored no headline figures for it: its lead is worked out again (None: from the text).
    found_then = found._replace(lead=found.lead._replace(headline=frozenset()))
    assert grouping.decode(_as_version_1(grouping.encode(found_then))) is None


class _Rows:
    def __init__(self, rows: dict[str, bytes]) -> None:
        self.rows = rows

    def features(self, ids: Sequence[str]) -> dict[str, bytes]:
        return {i: self.rows[i] for i in ids if i in self.rows}
