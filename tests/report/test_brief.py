"""Briefs: every statement points at the span it quotes; Markdown and HTML keep article text inert."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from newsdesk.cli import cli as newsdesk_cli
from newsdesk.corpus import Corpus
from newsdesk.demo import corpus_path
from newsdesk.errors import NotFoundError
from newsdesk.report import build_brief, gather, render
from newsdesk.report.brief import _named, _not_repeated
from newsdesk.store import Store
from newsdesk.web import create_app


@pytest.fixture(scope="module")
def corpus() -> Iterator[Corpus]:
    with Corpus(Store(":memory:")) as c:
        c.ingest([corpus_path()])
        yield c


@pytest.fixture(scope="module")
def brief(corpus: Corpus) -> dict[str, Any]:
    story_id = next(s["id"] for s in corpus.stories() if "Orsa" in s["title"])
    return build_brief(corpus, story_id)


def _statements(brief: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        *brief["summary"],
        *brief["timeline"],
        *(q for a in brief["actors"] for q in a["quotes"]),
        *brief["corroborated"],  # a claim cluster's text cites the article it is from (not its first supporter)
        *brief["single_source"],
    ]


def test_every_statement_is_its_articles_text_at_its_span(corpus: Corpus, brief: dict[str, Any]) -> None:
    statements = _statements(brief)
    assert len(brief["summary"]) == 5 and len(brief["timeline"]) > 5
    refs = {s["ref"]: s["id"] for s in brief["sources"]}
    checked = 0
    for statement in statements:
        assert refs[statement["ref"]] == statement["article_id"]
        if statement["end"] > statement["start"]:  # an undated article's title entry points at the article only
            text = corpus.article(statement["article_id"]).text
            assert text[statement["start"] : statement["end"]] == statement["text"]
            checked += 1
    assert checked >= len(brief["summary"]) + 5


def test_summary_skips_copies_and_repeats(corpus: Corpus, brief: dict[str, Any]) -> None:
    copies = {a["id"] for a in corpus.articles() if a["duplicate_of"]}
    assert not copies & {s["article_id"] for s in brief["summary"]}
    texts = [s["text"] for s in brief["summary"]]
    assert len(set(texts)) == len(texts)


def test_actors_are_quoted_by_what_they_said_never_by_a_view(corpus: Corpus, brief: dict[str, Any]) -> None:
    """A view ("praised the plan", decision 0037) is no quote: no actor's quotes or count holds one."""
    story = corpus.story(brief["story"]["id"])
    originals = [a["id"] for a in corpus.articles(ids=story["article_ids"]) if not a["duplicate_of"]]
    quotes = corpus.quotes_in(originals)
    views = {(q["article_id"], q["start"], q["end"]) for q in quotes if q["kind"] == "view"}
    assert views
    shown = {(q["article_id"], q["start"], q["end"]) for a in brief["actors"] for q in a["quotes"]}
    assert shown and not shown & views
    speakers = gather(corpus, story["id"])["speakers"]
    assert sum(len(g["quotes"]) for g in speakers) == sum(q["kind"] == "speech" for q in quotes)
    counted = {a["name"]: len(a["quotes"]) + a["more_quotes"] for a in brief["actors"]}
    # Counted once: words in quotation marks inside a reported sentence of the speaker's are shown in it. The actors
    # are the named speakers, most quoted first ("officials" and "a report" are counted apart).
    texts = "\n".join(a.text for a in corpus.records(story["article_ids"]))
    named = [g for g in speakers if g["identified"] and _named(g, texts)][: len(counted)]
    once = {g["speaker"]: len(_not_repeated(g["quotes"])) for g in named}
    assert counted == once and sum(once.values()) < sum(len(g["quotes"]) for g in named)


def test_reported_speech_is_read_with_its_cue(corpus: Corpus, brief: dict[str, Any]) -> None:
    # "accusing him of hindering ..." reads as what was said; "him of hindering ..." alone as a fragment. The cue
    # is shown in italics before the words, whose span stays the evidence; a direct quote has none, nor one
    # credited "according to" someone.
    quotes = [q for a in brief["actors"] for q in a["quotes"]]
    cues = {
        (q["article_id"], q["start"]): q.get("cue") or "" for q in corpus.quotes_in([q["article_id"] for q in quotes])
    }
    reported = [q for q in quotes if not q["direct"] and not cues[q["article_id"], q["start"]].startswith("according")]
    assert reported and all(q["cue"] for q in reported) and not any(q["cue"] for q in quotes if q["direct"])
    md, html = render(brief, "md"), render(brief, "html")
    for q in reported:
        assert f"*{q['cue']}* " in md and f"<em>{q['cue']}</em> " in html


def test_outlets_and_origins(brief: dict[str, Any]) -> None:
    mpa = next(o for o in brief["origins"] if o["outlet"] == "Meridian Press Agency")
    assert mpa["articles"] == 3 and mpa["cites"] == ["MPA"]
    assert sum(o["articles"] for o in brief["outlets"]) == brief["articles"] == 9
    assert brief["actors"] and brief["empty"] == {}
    assert all(a["quotes"] and a["name"] for a in brief["actors"])


def test_html_brief_is_self_contained(brief: dict[str, Any]) -> None:
    html = render(brief, "html")
    assert "<style>" in html and "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.replace('href="https://', "")), "external load"
    assert not re.search(r"<link\b|@import|url\(", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count('<li id="source-') == len(brief["sources"])
    assert all(f'href="#source-{s["ref"]}"' in html for s in brief["sources"])


def test_markdown_and_json(brief: dict[str, Any]) -> None:
    md = render(brief, "md")
    assert md.startswith("# Leaked draft") and "## Timeline" in md and "## Sources" in md
    # Article text is escaped where it could be markup, and reads as written where it cannot: "(MPA)".
    line = {**brief["summary"][0], "text": "VESSA (MPA) - Talks on the *Orsa* resumed [1](x)."}
    cited = render({**brief, "summary": [line, *brief["summary"][1:]]}, "md")
    assert "VESSA (MPA) - Talks on the \\*Orsa\\* resumed \\[1\\]\\(x)." in cited
    assert cited.count("\\(") == 1 and "\\(" not in md
    assert json.loads(render(brief, "json")) == brief


def test_an_entry_without_a_span_cites_its_article_alone(brief: dict[str, Any]) -> None:
    # A timeline entry from an article's title or publication day has no span in its text: no "chars 0–0".
    whole = {
        "date": None,
        "precision": None,
        "estimated": False,
        "text": "Leaked draft",
        "ref": 1,
        "start": 0,
        "end": 0,
    }
    one = {**brief, "timeline": [whole]}
    md, page = render(one, "md"), render(one, "html")
    assert "[1]" in md and "chars 0–0" not in md
    assert "chars 0–0" not in page and 'href="#source-1">1</a>]' in page


# Two reports of one bridge closure: one from a named outlet, one naming none (independent: their words differ).
_GAZETTE = (
    "The Orsa bridge will close for repairs for six weeks from 12 March, the city council announced on Tuesday. "
    "Engineers found cracks in three of the bridge's twelve steel cables during an inspection on Monday. Ferry "
    "services will run every twenty minutes while the bridge is shut, and buses will take a longer route."
)
_UNNAMED = (
    "Commuters in Orsa face weeks of disruption after the council ordered its main bridge closed. Inspectors on "
    "Monday discovered cracks in three of the twelve steel cables holding the bridge. Shop owners on the "
    "riverside said they feared losing customers during the spring season."
)
BRIDGE = [
    {"title": "Orsa bridge to close", "outlet": "Harbour Gazette", "published": "2026-03-03", "text": _GAZETTE},
    {"title": "Bridge closure hits Orsa commuters", "published": "2026-03-03", "text": _UNNAMED},
]


def test_an_origin_with_no_outlet_is_named_by_its_article_number(tmp_path: Path) -> None:
    source = tmp_path / "bridge.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in BRIDGE), encoding="utf-8")
    db = tmp_path / "bridge.db"
    with Corpus(Store(db)) as corpus:
        corpus.ingest([source])
        made = build_brief(corpus, corpus.stories()[0]["id"])
    names = {o["name"] for c in made["corroborated"] for o in c["origins"]}
    (unnamed_source,) = [s for s in made["sources"] if not s["outlet"]]
    assert names == {"Harbour Gazette", f"article {unnamed_source['ref']}"}
    claims_part = render(made, "md").split("## Sources")[0]
    assert not any(s["id"] in claims_part for s in made["sources"])
    # The CLI names it by its id, which `newsdesk show` takes, saying it is an article's.
    listed = CliRunner().invoke(newsdesk_cli, ["--db", str(db), "claims"], catch_exceptions=False).output
    assert f"article {unnamed_source['id']} (own reporting)" in listed
    # The web page links it to the article.
    with Corpus(Store(db)) as corpus, TestClient(create_app(corpus), base_url="http://127.0.0.1:8000") as client:
        page = client.get(f"/stories/{made['story']['id']}/claims").text
    assert f'<a href="/articles/{unnamed_source["id"]}">an article, outlet not stated</a>' in page


def test_hostile_text_stays_inert(tmp_path: Path) -> None:
    source = tmp_path / "evil.jsonl"
    text = (
        "The <script>alert(1)</script> council said on Monday that the bridge [click](javascript:alert(1)) "
        "would close for repairs. <img src=x onerror=alert(2)> Engineers said the work would take a month."
    )
    lines = [
        {"title": "<b>Bridge</b> closes", "url": "javascript:alert(3)", "published": "2026-01-05", "text": text},
        {"title": "Bridge closes", "url": "https://x.example/b", "published": "2026-01-06", "text": text + " Yes."},
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Corpus(Store(":memory:")) as corpus:
        corpus.ingest([source])
        made = build_brief(corpus, corpus.stories()[0]["id"])
    assert all(s["url"] in (None, "https://x.example/b") for s in made["sources"])
    html = render(made, "html")
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;alert(1)" in html
    assert not re.search(r"href=[\"']?\s*javascript:", html, re.IGNORECASE)
    md = render(made, "md")
    assert "<script>" not in md and "](javascript:" not in md and "\\<b\\>Bridge\\</b\\>" in md


def test_unknown_story(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError, match="No story with id"):
        build_brief(corpus, "nope")


def test_framing_section_cites_its_spans(corpus: Corpus, brief: dict[str, Any]) -> None:
    framing = brief["framing"]
    assert framing["note"] is None and framing["groups"]
    refs = {s["ref"]: s["id"] for s in brief["sources"]}
    cited = [item for g in framing["groups"] for item in (*g["terms"], *g["loaded"])]
    assert cited, "the demo story has distinctive or loaded wording"
    for item in cited:
        assert refs[item["ref"]] == item["article_id"]
        text = corpus.article(item["article_id"]).text
        assert text[item["start"] : item["end"]].casefold() == item["text"].casefold()
    # Two outlets write the Dastmari minister's name differently: a pair of competing names.
    assert any({s["term"] for s in p["sides"]} == {"Arsen Cybulski", "Tsybulskyi"} for p in framing["pairs"])
    assert "## Framing" in render(brief, "md") and "<h2>Framing</h2>" in render(brief, "html")


def test_words_in_quotation_marks_inside_a_reported_sentence_are_shown_once() -> None:
    reported = {"article_id": "a", "start": 10, "end": 90, "text": "the deal “could be a problem” because ..."}
    inside = {"article_id": "a", "start": 30, "end": 50, "text": "could be a problem"}
    elsewhere = {"article_id": "b", "start": 30, "end": 50, "text": "could be a problem"}
    assert _not_repeated([reported, inside, elsewhere]) == [reported, elsewhere]


def test_the_same_words_in_another_article_are_shown_once() -> None:
    # A wire quote repeated by two outlets (or a copy) is one thing the speaker said: the first is shown.
    first = {"article_id": "a", "start": 0, "end": 30, "text": "The  port will reopen on Monday,"}
    again = {"article_id": "b", "start": 5, "end": 35, "text": "the port will reopen on monday."}  # its own stop
    other = {"article_id": "b", "start": 40, "end": 60, "text": "Crews are ready."}
    assert _not_repeated([first, again, other]) == [first, other]


def test_counts_of_one_read_in_the_singular(brief: dict[str, Any]) -> None:
    # A framing group of one article, one origin's claim: "1 article", never "1 articles", in Markdown and HTML.
    one = {
        **brief,
        "framing": {**brief["framing"], "groups": [{**g, "articles": 1} for g in brief["framing"]["groups"]]},
        "single_source": [{**c, "articles": 1} for c in brief["single_source"]] or brief["single_source"],
    }
    for fmt in ("md", "html"):
        text = render(one, fmt)
        assert "1 articles" not in text
    assert not one["framing"]["groups"] or "(1 article)" in render(one, "md")


def test_one_entity_written_two_ways_is_one_line_with_every_outlet() -> None:
    from newsdesk.report.brief import _one_line_a_pair

    def entity(a: str, ta: str, b: str, tb: str, eid: str = "e1") -> dict[str, Any]:
        return {"kind": "entity", "entity_id": eid, "sides": [{"group": a, "term": ta}, {"group": b, "term": tb}]}

    pairs = [
        entity("Lamp", "Vell Court", "Bell", "Vel Court"),
        {"kind": "context", "sides": [{"group": "Lamp", "term": "regime"}, {"group": "Bell", "term": "government"}]},
        entity("Post", "Vell Court", "Bell", "Vel Court"),
        entity("Bell", "Vel Court", "Star", "Vell Court"),  # the sides the other way round
        entity("Star", "Vel Court", "Post", "Vell Court"),
        entity("Lamp", "Kirov", "Bell", "Kirova", eid="e2"),
    ]
    got = _one_line_a_pair(pairs)
    assert [[(s["term"], s["group"]) for s in p["sides"]] for p in got] == [
        [("Vell Court", "Lamp; Post; Star"), ("Vel Court", "Bell; Star")],
        [("regime", "Lamp"), ("government", "Bell")],
        [("Kirov", "Lamp"), ("Kirova", "Bell")],
    ]


def test_a_timeline_date_after_its_article_was_published_was_ahead_then() -> None:
    from newsdesk.report.brief import _ahead

    assert _ahead("2035", "2025-11-22T09:00:00+00:00")  # "a target for 2035"
    assert _ahead("2026-02", "2025-11-18")  # "elections expected in February"
    assert _ahead("2025-11-23", "2025-11-22")
    assert not _ahead("2025", "2025-11-22")  # that year, as written: not after it
    assert not _ahead("2025-11-22", "2025-11-22") and not _ahead("2024-07", "2025-11-22")
    assert not _ahead(None, "2025-11-22") and not _ahead("2035", None)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "By Ann Roe and Sam Doe/Harbour Wire – Ferries stayed in port on Friday.",
            "Ferries stayed in port on Friday.",
        ),
        ("KESTROVA, Veloria (AP) — The ferry strike ended.", "The ferry strike ended."),
        ("VESSARA: It was a clear afternoon as the ferry left.", "It was a clear afternoon as the ferry left."),
        ("Orlan (Reuters) - Talks on the dam resumed.", "Talks on the dam resumed."),
        # The sentence's own words stay: a capitalised opening, an acronym, "By" and a time.
        ("THE FERRY strike ended on Friday.", "THE FERRY strike ended on Friday."),
        ("NATO said on Friday it would act.", "NATO said on Friday it would act."),
        ("By Monday, all ferries had sailed.", "By Monday, all ferries had sailed."),
    ],
)
def test_a_sentence_opening_an_article_is_cited_without_its_byline_or_dateline(text: str, kept: str) -> None:
    from newsdesk.records import Article
    from newsdesk.report.brief import _without_lead_prefix

    body = f"Harbour news\n\n{text} More followed.\n"
    article = Article(id="a1", source="t", text=body)
    at = body.index(text)
    start, end, cited = _without_lead_prefix(article, at, at + len(text), text)
    assert cited == kept and body[start:end] == cited
    # Inside a paragraph, a sentence is cited whole.
    inside = f"It rained. {text}"
    article = Article(id="a2", source="t", text=inside)
    assert _without_lead_prefix(article, 11, len(inside), text) == (11, len(inside), text)


def _dam_brief(tmp_path: Path, failed: tuple[str | None, str], repairs: tuple[str | None, str]) -> tuple[Any, Any]:
    """The brief of the one story two reports of the Varn dam make (each its published day, or None, and text)."""
    source = tmp_path / "dam.jsonl"
    lines = [
        {"title": title, "text": text, **({"published": day} if day else {})}
        for title, (day, text) in (("Varn dam fails", failed), ("Varn dam repairs begin", repairs))
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Corpus(Store(tmp_path / "dam.db")) as corpus:
        assert corpus.ingest([source]).ok
        (story,) = corpus.stories()
        return build_brief(corpus, story["id"]), story


def test_a_long_storys_background_years_are_cut_to_the_most_reported(tmp_path: Path) -> None:
    # Twelve years the articles recall before the story began, one of them in both articles: the brief shows eight
    # under Background (that one first among them by reports, then the latest), says how many it leaves out, and
    # shows the story's own days under Timeline. The JSON marks each background entry.
    years = [1950 + 5 * i for i in range(12)]
    recalled = " ".join(f"The Varn dam was inspected in {y}, its engineers said." for y in years)
    first = (
        "The Varn dam on the Tesk river failed on 3 March, flooding the lower town of Orlan, the mayor said. "
        + recalled
    )
    second = (
        "Repairs to the Varn dam on the Tesk river began on 9 March, the Orlan mayor said on Monday. "
        "The Varn dam was inspected in 1950, its engineers said."
    )
    made, story = _dam_brief(tmp_path, ("2026-03-04", first), ("2026-03-10", second))
    background = [e for e in made["timeline"] if e["background"]]
    assert len(background) == 8 and made["background_left"] == 4, made["timeline"]
    assert [e["date"] for e in background] == ["1950", "1975", "1980", "1985", "1990", "1995", "2000", "2005"]
    assert {e["date"] for e in made["timeline"] if not e["background"]} >= {"2026-03-03", "2026-03-09"}
    md = render(made, "md")
    assert md.index("## Background") < md.index("## Timeline")
    assert f"… and 4 earlier dates (`newsdesk timeline {story['id']}` lists them all)" in md
    html = render(made, "html")
    assert "<h2>Background</h2>" in html and "4 earlier dates" in html


def test_a_sentence_of_the_storys_news_is_no_background_for_the_past_it_recalls(tmp_path: Path) -> None:
    # The failure's sentence recalls the dam's opening "in May of last year"; it is the news of 3 March, not the
    # background of May 2025 (nor in the undated report, whose "on Tuesday" names the day of its news). A sentence
    # that tells of the past alone stays background.
    first = (
        "The Varn dam on the Tesk river failed on 3 March, a dam opened in May of last year, the mayor said. "
        "A repair plan, dated last weekend, would take longer than the works begun in 2001. "
        "The Varn dam was first planned in 1998, its engineers said."
    )
    second = "Repairs to the Varn dam began on Tuesday, ten months after its opening in May of last year."
    made, _ = _dam_brief(tmp_path, ("2026-03-04", first), (None, second))
    background = {e["date"]: e["text"] for e in made["timeline"] if e["background"]}
    assert background == {"1998": "The Varn dam was first planned in 1998, its engineers said."}, made["timeline"]
    assert any(e["date"] == "2026-03-03" and "failed" in e["text"] for e in made["timeline"])


def test_a_year_that_holds_the_storys_beginning_is_background_not_its_first_development(tmp_path: Path) -> None:
    # "Earlier this year" dates the first failure no closer than 2026, the year the story began in: sorted by its
    # date it led the Timeline, before the failure of 3 March. It is Background; the story's own month stays.
    first = (
        "The Varn dam on the Tesk river failed on 3 March, flooding the lower town of Orlan, the mayor said. "
        "It was the second failure of a dam on the Tesk earlier this year, its engineers said."
    )
    second = "Repairs to the Varn dam on the Tesk river began in March, after the flood, the Orlan mayor said."
    made, _ = _dam_brief(tmp_path, ("2026-03-04", first), ("2026-03-20", second))
    by_date = {e["date"]: e["background"] for e in made["timeline"]}
    assert by_date.get("2026") is True and by_date.get("2026-03") is False, made["timeline"]
    assert by_date.get("2026-03-03") is False, made["timeline"]
    md = render(made, "md")
    assert md.index("**2026**") < md.index("## Timeline") < md.index("**2026-03-03**"), md


def test_a_month_mostly_of_the_storys_own_course_is_no_background(tmp_path: Path) -> None:
    # The first report came out on 10 April, so the story's course begins on 11 March: "in March" is dated no
    # closer than the month, two thirds of which is the story's own. The failure it dates is the story's first
    # development, shown under Timeline, not hidden as Background.
    first = "The Varn dam on the Tesk river failed in March, flooding the lower town of Orlan, the mayor said."
    second = "Repairs to the Varn dam on the Tesk river began on 14 April, after the flood, the Orlan mayor said."
    made, _ = _dam_brief(tmp_path, ("2026-04-10", first), ("2026-04-16", second))
    by_date = {e["date"]: e["background"] for e in made["timeline"]}
    assert by_date.get("2026-03") is False, made["timeline"]


def test_an_undated_reports_scheduled_day_is_expected_then(tmp_path: Path) -> None:
    # The undated report's "scheduled to end on 1 March" falls before the story's latest day (its year is only
    # estimated), yet the report speaks of what is to come: the entry is marked as expected then.
    first = "The Varn dam on the Tesk river failed on 3 March, flooding the lower town of Orlan, the mayor said."
    second = "Repairs to the Varn dam on the Tesk river are scheduled to end on 1 March, the Orlan mayor said."
    made, _ = _dam_brief(tmp_path, ("2026-03-04", first), (None, second))
    (entry,) = [e for e in made["timeline"] if e["date"] == "2026-03-01"]
    assert entry["estimated"] and entry["ahead"], made["timeline"]
    assert "**2026-03-01** (estimated) (expected then)" in render(made, "md")


def test_quotes_with_no_identified_speaker_are_counted_not_listed_as_an_actor(tmp_path: Path) -> None:
    from newsdesk.records import listable

    # "as they say": a pronoun the quotes stage cannot resolve stands for the speaker.
    text = (
        "The Orlan council approved the Varn bridge plan on Monday. “It will carry 9,000 cars a day,” "
        "said Mayor Ada Kerrow.\n\nIt was, as they say, “on the up and up”, and work starts in May."
    )
    source = tmp_path / "bridge.jsonl"
    source.write_text(json.dumps({"title": "Varn bridge approved", "published": "2026-03-04", "text": text}) + "\n")
    with Corpus(Store(tmp_path / "b.db")) as corpus:
        assert corpus.ingest([source]).ok
        (story,) = corpus.stories()
        made = build_brief(corpus, story["id"])
        quotes = [q for q in corpus.quotes_in(story["article_ids"]) if q["kind"] == "speech"]
    unnamed = [q for q in quotes if not listable(q)]
    assert unnamed and made["unattributed_quotes"] == len(unnamed), quotes
    assert [a["name"] for a in made["actors"]] == ["Ada Kerrow"], made["actors"]
    assert f"{len(unnamed)} quote" in render(made, "md") and "with no identified speaker not listed" in render(
        made, "html"
    )


def test_a_day_an_undated_report_names_without_a_year_is_the_storys_own_course(tmp_path: Path) -> None:
    # The only dated report came out two months after the failure; the undated one names the failure's day without
    # a year, as a writer does for the news at hand. That day is the story's, under Timeline; the dam's building
    # year is still background.
    first = (
        "The Varn dam on the Tesk river failed on 3 March, flooding the lower town of Orlan, the mayor said. "
        "The Varn dam was built in 1950, its engineers said."
    )
    second = (
        "Repairs to the Varn dam on the Tesk river, which failed in the spring and flooded the lower town of Orlan, "
        "began on 9 May, the Orlan mayor said. The Varn dam was built in 1950, its engineers said."
    )
    made, _ = _dam_brief(tmp_path, (None, first), ("2026-05-10", second))
    by_date = {e["date"]: e["background"] for e in made["timeline"]}
    assert by_date.get("2026-03-03") is False and by_date.get("1950") is True, made["timeline"]


def test_a_week_the_articles_name_is_read_as_a_week_not_as_its_first_day(tmp_path: Path) -> None:
    # "Last week" in a report of Wednesday 4 March is the week of Monday 23 February: the timeline keeps that day as
    # the week's date, but no article names 23 February, so the brief, the web list and the CLI read "week of" it.
    first = (
        "The Varn dam on the Tesk river failed on 3 March, flooding the lower town of Orlan, the mayor said. "
        "Engineers of the Varn dam had warned the Orlan council of cracks last week, the mayor said."
    )
    second = "Repairs to the Varn dam on the Tesk river began on 9 March, the Orlan mayor said."
    made, story = _dam_brief(tmp_path, ("2026-03-04", first), ("2026-03-10", second))
    (week,) = [e for e in made["timeline"] if e["precision"] == "week"]
    assert week["date"] == "2026-02-23" and "cracks" in week["text"], made["timeline"]
    md = render(made, "md")
    assert "**week of 2026-02-23**" in md and "**2026-02-23**" not in md
    assert "week of 2026-02-23" in render(made, "html")
    assert "**2026-03-03**" in md  # a day stays a day
    with Corpus(Store(tmp_path / "dam.db")) as corpus:
        page = TestClient(create_app(corpus)).get(f"/stories/{story['id']}/timeline")
    assert page.status_code == 200 and "week of 2026-02-23" in page.text
    shown = CliRunner().invoke(newsdesk_cli, ["--db", str(tmp_path / "dam.db"), "story", story["id"]])
    assert shown.exit_code == 0 and "week of 2026-02-23" in shown.output, shown.output


def test_an_origin_with_no_title_is_named_by_its_article_number_not_its_id(tmp_path: Path) -> None:
    # The Gazette's report comes with no title: the Origins section names it by its number in Sources, as the claim
    # sections name an origin with no outlet, never by the article's id.
    source = tmp_path / "bridge.jsonl"
    untitled = [{k: v for k, v in BRIDGE[0].items() if k != "title"}, BRIDGE[1]]
    source.write_text("".join(json.dumps(line) + "\n" for line in untitled), encoding="utf-8")
    with Corpus(Store(tmp_path / "bridge.db")) as corpus:
        corpus.ingest([source])
        made = build_brief(corpus, corpus.stories()[0]["id"])
    (gazette,) = [s for s in made["sources"] if s["outlet"] == "Harbour Gazette"]
    assert not gazette["title"], made["sources"]
    md, page = render(made, "md"), render(made, "html")
    before_sources = md.split("## Sources")[0]
    assert not any(s["id"] in before_sources for s in made["sources"]), before_sources
    assert f"- untitled, article {gazette['ref']} (Harbour Gazette)" in before_sources
    assert f"<strong>untitled, article {gazette['ref']}</strong>" in page
    assert gazette["id"] not in page.split("<h2>Sources</h2>")[0]


def _reports_brief(tmp_path: Path, *reports: dict[str, str]) -> dict[str, Any]:
    """The brief of the one story ``reports`` (JSON Lines records) make."""
    source = tmp_path / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    with Corpus(Store(tmp_path / "reports.db")) as corpus:
        assert corpus.ingest([source]).ok
        (story,) = corpus.stories()
        return build_brief(corpus, story["id"])


def test_a_development_dated_by_its_month_and_by_its_day_is_one_entry(tmp_path: Path) -> None:
    # One report dates the contract by its month, another by its day: one development, shown once, on its day, with
    # both reports. The school's closing, dated by the same month in the same report, is another development: it
    # stays an entry of the month.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Varn dam contract signed",
            "published": "2026-03-20",
            "text": "In March, the Orlan council signed a contract with Tesk Builders to rebuild the Varn dam, the "
            "mayor said. Flooding closed the Orlan primary school in March, parents said.",
        },
        {
            "title": "Orlan signs Varn dam contract",
            "published": "2026-03-21",
            "text": "The Orlan council signed a contract with Tesk Builders on 12 March to rebuild the Varn dam, the "
            "council said. Work on the dam starts in the summer.",
        },
    )
    told = [e for e in made["timeline"] if "contract" in e["text"]]
    assert [(e["date"], e["articles"]) for e in told] == [("2026-03-12", 2)], made["timeline"]
    (month,) = [e for e in made["timeline"] if e["date"] == "2026-03"]
    assert "school" in month["text"] and month["articles"] == 1, made["timeline"]
    timeline = render(made, "md").split("## Timeline")[1].split("## Key actors")[0]
    assert timeline.count("signed a contract") == 1, timeline


def test_a_headline_is_no_timeline_entry(tmp_path: Path) -> None:
    # The explainer names no date: the timeline gives it its headline, undated, which tells no development. The
    # brief counts it instead of listing it.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Varn dam fails, flooding Orlan",
            "published": "2026-03-04",
            "text": "The Varn dam on the Tesk river failed on 3 March, flooding the lower town of Orlan, the mayor "
            "said.",
        },
        {
            "title": "Key things to know as the Varn dam fails",
            "text": "The Varn dam on the Tesk river failed, flooding the lower town of Orlan, the mayor said.",
        },
    )
    assert not any("Key things" in e["text"] for e in made["timeline"]), made["timeline"]
    assert made["undated_reports"] == 1
    # What the undated report reports is named beside the count (no date, no entry): the analyst still learns of it.
    line = "1 report names no date of its own, not listed here: Key things to know as the Varn dam fails (1 report)"
    assert f"- {line}" in render(made, "md")
    assert line in render(made, "html")
    assert made["undated_headlines"] == [{"text": "Key things to know as the Varn dam fails", "articles": 1}]


def test_a_key_actor_is_a_named_actor(tmp_path: Path) -> None:
    # "Officials" and "a report" are quoted, but name nobody: counted beside the actors, never listed as one.
    text = (
        "The Orlan council approved the Varn bridge plan on Monday. “It will carry 9,000 cars a day,” said Mayor "
        "Ada Kerrow.\n\n“The old bridge cannot be saved,” officials said.\n\nAccording to a report, the old bridge "
        "had been closed to lorries for a decade."
    )
    made = _reports_brief(tmp_path, {"title": "Varn bridge approved", "published": "2026-03-04", "text": text})
    assert [a["name"] for a in made["actors"]] == ["Ada Kerrow"], made["actors"]
    assert {"officials", "a report"} <= set(made["unnamed_sources"]), made
    assert made["unnamed_quotes"] >= 2
    md = render(made, "md")
    assert f"{made['unnamed_quotes']} quotes of unnamed sources not listed (" in md
    assert "### officials" not in md and "### a report" not in md
    assert "quotes of unnamed sources not listed" in render(made, "html")
    # A group is named by a name inside its words; a description's first word may be capitalised.
    group = {"speaker_entity_id": None, "speaker_kind": "group"}
    assert _named({**group, "speaker": "the Varn Dam Trust board"})
    assert not _named({**group, "speaker": "Orlan officials"}) and not _named({**group, "speaker": "Police"})


def test_a_refusal_or_a_plan_is_no_telling_of_the_act_it_refuses_or_plans(tmp_path: Path) -> None:
    # The same parties and words, but another development: a month's rejection of the contract is no report of its
    # signing on a day of that month, nor is a vow to sign it "later this month" (written before the day). Both stay
    # entries of their own; only the signing is dated 12 March.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Council turns down dam contract",
            "published": "2026-03-30",
            "text": "In March, the Orlan council rejected a contract with Tesk Builders to rebuild the Varn dam, the "
            "mayor said.",
        },
        {
            "title": "Mayor promises dam contract",
            "published": "2026-03-02",
            "text": "The Orlan council vowed to sign a contract with Tesk Builders to rebuild the Varn dam later this "
            "month.",
        },
        {
            "title": "Council signs dam contract",
            "published": "2026-03-20",
            "text": "The Orlan council signed a contract with Tesk Builders on 12 March to rebuild the Varn dam, the "
            "council said.",
        },
    )
    (day,) = [e for e in made["timeline"] if e["date"] == "2026-03-12"]
    assert day["articles"] == 1 and "signed" in day["text"], made["timeline"]
    (month,) = [e for e in made["timeline"] if e["date"] == "2026-03"]
    assert month["articles"] == 2, made["timeline"]


def test_a_one_word_group_written_only_as_a_name_is_a_named_actor() -> None:
    # "Harlow said", opening its sentence, is a company's name when the story writes it with its capital inside a
    # sentence and never in lower case; "Police" and "Prosecutors" opening theirs are descriptions ("the police"
    # elsewhere, or never inside a sentence), and a weekday read as a speaker is nobody.
    texts = (
        "The town's talks with Harlow ended on Monday. Police said the road was shut; the police kept it shut.\n"
        "Prosecutors said little. The council met on Monday."
    )
    group = {"speaker_entity_id": None, "speaker_kind": "group"}
    assert _named({**group, "speaker": "Harlow"}, texts)
    assert not any(_named({**group, "speaker": w}, texts) for w in ("Police", "Prosecutors", "Monday"))
    assert not _named({**group, "speaker": "Harlow"})


def test_one_sentence_is_cited_at_one_date_its_latest(tmp_path: Path) -> None:
    # "The council confirmed on Friday ... drawn up after talks in Vessa last weekend" tells Friday's news and recalls
    # the weekend's talks: one sentence, cited once, on Friday. The talks stay an entry of their own where another
    # sentence tells them; a date to come in a sentence ("to vote on 30 March") leaves it cited at both.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Orlan council confirms dam plan",
            "published": "2026-03-13",
            "text": "The Orlan council confirmed on Friday it had received a revised dam plan drawn up after talks "
            "with Tesk Builders in Vessa last weekend.\n\nThe council said on Thursday it would vote on the plan "
            "on 30 March.",
        },
        {
            "title": "Dam talks in Vessa",
            "published": "2026-03-10",
            "text": "Negotiators for the Orlan council met Tesk Builders in Vessa on Saturday to draw up a new plan "
            "for the Varn dam, the mayor said.",
        },
    )
    confirmed = [e for e in made["timeline"] if e["text"].startswith("The Orlan council confirmed")]
    assert [e["date"] for e in confirmed] == ["2026-03-13"], made["timeline"]
    talks = [e for e in made["timeline"] if "Vessa" in e["text"] and e not in confirmed]
    assert talks and all(e["text"].startswith("Negotiators") for e in talks), made["timeline"]
    vote = [e["date"] for e in made["timeline"] if "vote on the plan" in e["text"]]
    assert vote == ["2026-03-12", "2026-03-30"], made["timeline"]


def test_undated_reports_agreeing_on_a_weekday_give_it_a_line_with_no_date(tmp_path: Path) -> None:
    # Three undated reports of one fire date it "on Thursday": no date can be worked out, but what they tell is the
    # story's development, not a headline. It is a line of the timeline, its weekday as written and its date said
    # to be not given, citing one report's sentence; the closing "scheduled to end on Friday" is to come and names
    # no day of the news.
    fire = "Fire at the Orlan summit"
    made = _reports_brief(
        tmp_path,
        {
            "title": fire,
            "text": "Flames were seen on Thursday in a pavilion of the Orlan climate summit and delegates were told "
            "to leave the main hall, organisers said. The summit is scheduled to end on Friday.",
        },
        {
            "title": "Orlan summit hall evacuated after fire",
            "text": "Delegates at the Orlan climate summit were evacuated on Thursday after a fire broke out in the "
            "main hall, organisers said.",
        },
        {
            "title": "Blaze halts Orlan climate summit",
            "text": "A blaze in the main hall of the Orlan climate summit on Thursday forced organisers to evacuate "
            "the delegates, officials said.",
        },
    )
    (line,) = [e for e in made["timeline"] if e.get("weekday")]
    assert line["weekday"] == "Thursday" and line["date"] is None and line["articles"] == 3, made["timeline"]
    assert "Orlan" in line["text"] and made["undated_reports"] == 0, made
    md = render(made, "md")
    assert "- **Thursday (date not given, 3 reports)**: " in md, md
    assert "Thursday (date not given, 3 reports)" in render(made, "html")


def test_the_past_recalled_in_other_words_is_one_background_entry(tmp_path: Path) -> None:
    # Three reports of a verdict recall one past flight, each its own way and at its own precision ("Morell had fled
    # to Kestrova in May 2024", "the trial went ahead ... after Morell fled to Kestrova in May 2024", "fled Veloria on
    # 5 May 2024"): no subject in common (the court, the trial, Morell), but two names. The Background gives it once,
    # on its day, with its three reports; the court's founding in 1998, which shares none of their words, stays.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Court sentences Ana Morell",
            "published": "2026-03-10",
            "text": "A Veloria court sentenced former president Ana Morell to ten years in prison on Monday. The "
            "court heard that Morell had fled to Kestrova in May 2024, months after the protests began.",
        },
        {
            "title": "Morell sentenced in absence",
            "published": "2026-03-10",
            "text": "Former president Ana Morell was sentenced to ten years in prison by a Veloria court on Monday. "
            "The trial went ahead in her absence, after Morell fled to Kestrova in May 2024.",
        },
        {
            "title": "Veloria court jails Morell",
            "published": "2026-03-11",
            "text": "A Veloria court jailed former president Ana Morell for ten years on Monday. Morell has lived in "
            "Kestrova since she fled Veloria on 5 May 2024. The court was set up in 1998 to try public officials.",
        },
    )
    background = [e for e in made["timeline"] if e["background"]]
    fled = [e for e in background if "Kestrova" in e["text"]]
    assert [(e["date"], e["articles"]) for e in fled] == [("2024-05-05", 3)], background
    assert any(e["date"] == "1998" for e in background), background


def test_a_date_to_come_in_an_undated_report_leaves_its_sentence_at_both(tmp_path: Path) -> None:
    # An undated report's "signed the pact on 10 March 2026, and the first payment is due on 1 June 2026": June is
    # after the story's latest day (12 March), so it is to come, as the brief shows it ("expected then"), and the
    # sentence still tells the signing: it stays cited on 10 March beside the plan, not moved to June alone.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Orlan and Tesk sign water pact",
            "published": "2026-03-12",
            "text": "The Orlan council signed a water pact with Tesk Builders on Tuesday, the mayor said. The pact "
            "covers the Varn dam and its spillway.",
        },
        {
            "title": "Water pact for Orlan",
            "text": "The Orlan council's water pact with Tesk Builders, signed on 10 March 2026, expires in December "
            "2031, the mayor said. The pact covers the Varn dam.",
        },
        {
            "title": "Orlan pact signed",
            "text": "Orlan signed the pact with Tesk Builders on 10 March 2026, and the first payment is due on 1 June "
            "2026, the council said.",
        },
    )
    dated = [(e["date"], e["articles"], e["ahead"]) for e in made["timeline"] if e["date"] and e["date"] < "2027"]
    assert dated == [("2026-03-10", 3, False), ("2026-06-01", 1, True)], made["timeline"]


def test_a_past_month_sharing_only_two_place_names_with_a_day_stays_apart(tmp_path: Path) -> None:
    # The Background's month and day of one past development share two names and a word ("fled"); a flood and a
    # treaty of that month share with the flight only its two countries' names, and stay the month's entry: two
    # developments the analyst would lose, and a flight told by two reports, not three.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Court sentences Ana Morell",
            "published": "2026-03-10",
            "text": "A Veloria court sentenced former president Ana Morell to ten years in prison on Monday. Morell "
            "has lived in Kestrova since she fled Veloria on 5 May 2024. Floods in May 2024 killed dozens in Veloria "
            "and Kestrova, aid groups said.",
        },
        {
            "title": "Morell sentenced in absence",
            "published": "2026-03-10",
            "text": "Former president Ana Morell was sentenced to ten years in prison by a Veloria court on Monday. "
            "The trial went ahead in her absence. Morell fled Veloria for Kestrova on 5 May 2024.",
        },
        {
            "title": "Veloria court jails Morell",
            "published": "2026-03-11",
            "text": "A Veloria court jailed former president Ana Morell for ten years on Monday. Veloria and Kestrova "
            "signed a border treaty in May 2024, months before the protests.",
        },
    )
    background = [(e["date"], e["articles"]) for e in made["timeline"] if e["background"]]
    assert background == [("2024-05", 2), ("2024-05-05", 2)], made["timeline"]


def test_a_sentence_is_cited_at_its_news_not_the_day_it_was_said(tmp_path: Path) -> None:
    # "Police arrested two men ... on Sunday, a police spokesman said on Monday": Monday is the day it was said (the
    # attribution closing the sentence), Sunday the arrests' day; the one sentence is cited once, on Sunday.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Two held over Orlan dam sabotage",
            "published": "2026-03-10",
            "text": "Police arrested two men over the sabotage of the Varn dam's spillway gates on Sunday, a police "
            "spokesman said on Monday.\n\nThe men are due in court in Orlan later this month.",
        },
        {
            "title": "Orlan dam sabotage arrests",
            "published": "2026-03-10",
            "text": "Two men were arrested over the sabotage of the Varn dam gates near Orlan, police said.",
        },
    )
    arrested = [e["date"] for e in made["timeline"] if e["text"].startswith("Police arrested")]
    assert arrested == ["2026-03-08"], made["timeline"]


def test_a_sentence_of_years_is_cited_at_each(tmp_path: Path) -> None:
    # "who led the council from 2012 until earlier this year, said the council first approved the gates in 2009":
    # the latest year is what the speaker is described by, not the sentence's news; years and months tell no day's
    # news, so the sentence stays cited at each (2009 among them), not at this year alone.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Orlan dam sabotage arrests",
            "published": "2026-03-10",
            "text": "Two men were arrested over the sabotage of the Varn dam gates near Orlan, police said. Ana Roe, "
            "who led the Orlan council from 2012 until earlier this year, said the council first approved the "
            "spillway gates in 2009.",
        },
        {
            "title": "Two held over Orlan dam sabotage",
            "published": "2026-03-10",
            "text": "Police arrested two men over the sabotage of the Varn dam's spillway gates on Sunday.",
        },
    )
    cited = [e["date"] for e in made["timeline"] if e["text"].startswith("Ana Roe")]
    assert "2009" in cited, made["timeline"]


def test_a_said_after_a_subject_s_aside_is_the_sentence_s_own_news(tmp_path: Path) -> None:
    # "Ana Roe, who on Tuesday signed the pact, said Wednesday she backs the new gates": her saying is the sentence's
    # news (no attribution closes it: nobody is named between its last comma and "said"), Wednesday its day.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Orlan mayor backs new dam gates",
            "published": "2026-03-12",
            "text": "Orlan mayor Ana Roe, who on Tuesday signed the Varn dam pact, said Wednesday she backs the new "
            "spillway gates.\n\nThe Orlan council votes on the gates in April.",
        },
        {
            "title": "Roe backs Varn dam gates",
            "published": "2026-03-12",
            "text": "Orlan mayor Ana Roe backed the new spillway gates for the Varn dam, her office said.",
        },
    )
    backs = [e["date"] for e in made["timeline"] if e["text"].startswith("Orlan mayor Ana Roe, who")]
    assert backs == ["2026-03-11"], made["timeline"]


def test_two_clauses_each_with_its_day_are_cited_at_both(tmp_path: Path) -> None:
    # "The port reopened on Monday and the strike ended on Wednesday": two developments in two clauses, each its own
    # day; cited at the later day only, Monday's reopening was lost. A clause that recalls ("had a plan drawn up at
    # talks last weekend") or reports what was said ("and said it was drafted last week") still leaves one date.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Orsa port reopens as strike ends",
            "published": "2026-04-09",
            "text": "The port of Orsa reopened on Monday and the dockers' strike ended on Wednesday, the harbour "
            "board said.\n\nThe board confirmed on Thursday it had a plan drawn up at talks with the union last "
            "weekend.\n\nThe board approved the plan on Tuesday and said it was drafted by the union last week.",
        },
    )

    def cited(words: str) -> list[str]:
        return sorted(e["date"] for e in made["timeline"] if e["text"].startswith(words))

    assert cited("The port of Orsa reopened") == ["2026-04-06", "2026-04-08"], made["timeline"]
    assert cited("The board confirmed") == ["2026-04-09"], made["timeline"]
    assert cited("The board approved") == ["2026-04-07"], made["timeline"]


def test_a_wire_datelines_day_leaves_its_sentence_to_its_weekday(tmp_path: Path) -> None:
    # "ORSA, Vel., April 1 (UPI) — ... on Thursday": the dateline's day is when it was filed; the sentence's news is
    # Thursday's. Read as no dateline, the sentence was cited at 1 April alone, with the dateline in it.
    made = _reports_brief(
        tmp_path,
        {
            "title": "Orsa board backs dredging",
            "published": "2026-04-01",
            "text": "ORSA, Vel., April 1 (UPI) — The Orsa harbour board approved the dredging plan on Thursday after "
            "a long debate, officials said.\n\nDredgers were seen at the quay.",
        },
    )
    cited = [(e["date"], e["text"]) for e in made["timeline"] if "dredging plan" in e["text"]]
    sentence = "The Orsa harbour board approved the dredging plan on Thursday after a long debate, officials said."
    assert cited == [("2026-03-26", sentence)], made["timeline"]
