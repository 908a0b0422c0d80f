"""The store round-trips articles, is idempotent, searches, and survives being reopened."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import SchemaError, StoreError
from newsdesk.records import Article, Failure, Format, StageReport, content_id
from newsdesk.store import Store


def make(text: str = "Body of the article about the dam.", **fields: object) -> Article:
    return Article(id=content_id(text), source="x.txt", text=text, raw=text, **fields)  # type: ignore[arg-type]


def test_add_get_and_skip_known(store: Store) -> None:
    a = make(title="T", outlet="O", published="2026-01-01", cites=("CNN",), ai_generated=True)
    assert store.add([a]) == ([a.id], [])
    assert store.add([a]) == ([], [a.id])
    got = store.get(a.id)
    assert got == a


PAGE = (
    "Updated 09:12\n\nThe harbour board of Lantry agreed on Thursday to keep the night ferry running through "
    "the winter, after commuters and two unions asked it to, and said the cost would be met from fares."
)


def test_issue_19_same_url_with_near_the_same_text_is_the_stored_article(store: Store) -> None:
    a = make(PAGE, url="https://gazette.example/a")
    refetched = make(PAGE.replace("09:12", "11:47"), url="https://gazette.example/a")  # only the timestamp moved
    assert store.add([a]) == ([a.id], [])
    assert store.add([refetched]) == ([], [a.id])
    assert store.add([a]) == ([], [a.id])


def test_issue_19_same_url_with_another_text_is_another_article(store: Store) -> None:
    # A section page or a placeholder URL holds many articles: one URL is not one article.
    a = make(url="https://gazette.example/news/")
    b = make(
        "Dockers in Saltmere voted to strike over the new shift rota on Friday.", url="https://gazette.example/news/"
    )
    assert store.add([a]) == ([a.id], [])
    assert store.add([b]) == ([b.id], [])
    assert store.add([a, b]) == ([], [a.id, b.id])  # and ingesting either again adds nothing
    assert {x.url for x in store.articles()} == {"https://gazette.example/news/"}


def test_issue_19_a_later_article_under_a_shared_url_fetched_again_is_known(store: Store) -> None:
    # Only the first article under a URL holds it as canonical_url: the second must still find itself.
    url = "https://gazette.example/live"
    first = make(PAGE, url=url)
    second = make("Dockers in Saltmere voted to strike over the new shift rota. Updated 09:12.", url=url)
    again = make(second.text.replace("09:12", "11:47"), url=url)
    assert store.add([first, second]) == ([first.id, second.id], [])
    assert store.add([again]) == ([], [second.id])
    assert store.count() == 2


def test_issue_19_an_article_sqlite_refuses_fails_alone(store: Store) -> None:
    good, bad, last = make("first good text"), make("second text", title="lone \ud800"), make("third good text")
    failed: list[Failure] = []
    assert store.add([good, bad, last], failed=failed) == ([good.id, last.id], [])
    assert [(f.item, f.stage, f.error) for f in failed] == [("x.txt", "store", "UnicodeEncodeError")]
    assert store.get(bad.id) is None
    assert store.query("search", q="second") == []  # no stray full-text row either


def test_issue_19_without_a_failure_list_an_unstorable_article_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="cannot store the article: UnicodeEncodeError"):
        store.add([make("good text"), make("other", outlet="\udcff")])
    assert store.count() == 0


def test_issue_19_failures_with_lone_surrogates_are_recorded_escaped(store: Store) -> None:
    store.record_failures([Failure(item="caf\udce9.txt", stage="ingest", error="ParseError", message="bad \ud800")])
    assert [(f.item, f.message) for f in store.failures()] == [("caf\\udce9.txt", "bad \\ud800")]


def test_get_by_unique_prefix_only(store: Store) -> None:
    a, b = make("first text here"), make("second text here")
    store.add([a, b])
    assert store.get(a.id[:6]) == a
    assert store.get("") is None  # ambiguous prefix


def test_transaction_rolls_back_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO runs (command, started_at) VALUES ('x', 'now')")
        raise RuntimeError("boom")
    assert store.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_search_uses_fts_and_highlights(store: Store) -> None:
    store.add(
        [
            make("The reservoir behind the Kessel dam filled fast.", title="Dam news"),
            make("Dockers strike in Saltmere.", title="Port"),
        ]
    )
    rows = store.query("search", q="reservoir")
    assert len(rows) == 1
    assert "[reservoir]" in rows[0]["snippet"]


def test_pending_and_update_mark_stage_done(store: Store) -> None:
    a = make()
    store.add([a])
    assert store.pending("cites") == [a.id]
    assert store.query("stages_done", article_id=a.id) == []
    store.update([dataclasses.replace(a, cites=("BBC",))], stage="cites")
    assert store.pending("cites") == []
    assert [r["stage"] for r in store.query("stages_done", article_id=a.id)] == ["cites"]
    assert store.get(a.id).cites == ("BBC",)  # type: ignore[union-attr]
    store.reset("cites")
    assert store.pending("cites") == [a.id]


def test_pending_articles_come_in_ingest_order_as_the_walk_over_the_table_gave_them(store: Store) -> None:
    """``pending`` reads ids on their index and puts them in ingest order itself: the order of ``ORDER BY rowid``
    over the table, whatever order the ids sort in."""
    articles = [make(f"Report number {i} on the harbour works at Kessel, filed late.") for i in range(40)]
    store.add(articles)
    assert [a.id for a in articles] != sorted(a.id for a in articles)  # ids are hashes: not in ingest order
    done = [a for i, a in enumerate(articles) if i % 3 == 0]
    store.update(done, stage="cites")
    walked = store.conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM stage_done WHERE stage = ?) ORDER BY rowid",
        ("cites",),
    )
    assert store.pending("cites") == [r[0] for r in walked] == [a.id for a in articles if a not in done]


def test_runs_and_failures(store: Store) -> None:
    run = store.start_run("ingest")
    store.record_failures([Failure(item="bad.txt", stage="ingest", error="ParseError", message="empty file")], run)
    store.finish_run(run, [StageReport(stage="ingest", items_in=2, items_out=1, failures=1)])
    assert store.failures(last_run=True)[0].message == "empty file"
    assert store.query("runs")[0]["stages"][0]["items_out"] == 1


def test_file_store_uses_wal_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path) as s:
        s.add([make()])
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with Store(path) as s:
        assert s.count() == 1


def test_not_a_database_is_a_clear_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="Cannot open database"):
        Store(bad)


def test_missing_folder_is_a_clear_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "news.db")


def test_database_from_a_newer_newsdesk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _migrations VALUES ('m999_future', 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="newer newsdesk"):
        Store(path)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(min_size=1).filter(lambda t: t.strip()),
    title=st.none() | st.text(),
    cites=st.lists(st.text(), max_size=3).map(tuple),
    ai=st.booleans(),
)
def test_articles_round_trip(text: str, title: str | None, cites: tuple[str, ...], ai: bool) -> None:
    with Store(":memory:") as s:
        a = Article(
            id=content_id(text),
            source="s",
            text=text,
            raw=text,
            title=title,
            cites=cites,
            ai_generated=ai,
            format=Format.JSONL,
        )
        s.add([a])
        assert s.get(a.id) == a


def test_mentions_and_quotes_round_trip_and_entity_links_update(store: Store) -> None:
    from newsdesk.records import Entity, Mention, Quote, SpeakerKind

    text = "Anna Kovacs said: “We will stay.” The mayor left."
    article = Article(id="a1", source="a.txt", text=text)
    store.add([article])
    mention = Mention(text="Anna Kovacs", start=0, end=11, type="PERSON", role="mayor")
    quote = Quote(
        text="We will stay.",
        start=text.index("We"),
        end=text.index("We") + len("We will stay."),
        speaker="Anna Kovacs",
        speaker_kind=SpeakerKind.PERSON,
        speaker_start=0,
        speaker_end=11,
        cue="said",
        via=("CNN",),
        confidence=0.9,
    )
    with_extracts = dataclasses.replace(article, mentions=(mention,), quotes=(quote,))
    store.update([with_extracts], stage="quotes", produces=["article.mentions", "article.quotes"])
    (got,) = store.articles(["a1"])
    assert got.mentions == (mention,) and got.quotes == (quote,)
    entity = Entity(id="e1", name="Anna Kovacs", type="PERSON", aliases=("Anna Kovacs",), mentions=1, articles=1)
    linked = dataclasses.replace(
        with_extracts,
        mentions=(dataclasses.replace(mention, entity_id="e1"),),
        quotes=(dataclasses.replace(quote, speaker_entity_id="e1"),),
    )
    store.update([linked], stage="entities", state={"entities": [entity]}, produces=["article.entities"])
    assert store.entities() == [entity]
    (got,) = store.articles(["a1"])
    assert got.mentions[0].entity_id == "e1" and got.quotes[0].speaker_entity_id == "e1"
    (row,) = store.query("quotes", speaker="kovacs")
    assert row["speaker"] == "Anna Kovacs" and row["via"] == ["CNN"] and row["direct"] is True
    (summary,) = store.query("entities")
    assert summary["mentions"] == 1 and summary["articles"] == 1


def test_a_joint_speaker_is_linked_to_each_person_it_names_and_to_no_one_alone(store: Store) -> None:
    # "Mr. Quill and Mr. Fenn said ...": a reader is shown both people, each linked; neither takes the quote as
    # theirs alone (speaker_entity_id stays null, so a count by entity neither halves nor doubles it).
    from newsdesk.records import Entity, Mention, Quote, SpeakerKind

    text = "Mara Quill met Tobias Fenn. Mr. Quill and Mr. Fenn said the fund was broken. They left."
    joint = "Mr. Quill and Mr. Fenn"
    at = text.index(joint)
    people = {"Mara Quill": "e1", "Tobias Fenn": "e2", "Quill": "e1", "Fenn": "e2"}
    found = [(name, text.index(name, at if len(name.split()) == 1 else 0)) for name in people]
    mentions = tuple(
        sorted(
            (Mention(text=n, start=i, end=i + len(n), type="PERSON", entity_id=people[n]) for n, i in found),
            key=lambda m: m.start,
        )
    )
    said = text.index("the fund")
    quotes = (
        Quote(
            text="the fund was broken",
            start=said,
            end=said + 19,
            speaker=joint,
            speaker_kind=SpeakerKind.PERSON,
            speaker_start=at,
            speaker_end=at + len(joint),
            direct=False,
        ),
        Quote(
            text="They left",
            start=text.index("They"),
            end=text.index("They") + 9,
            speaker="Mara Quill",
            speaker_kind=SpeakerKind.PERSON,
            speaker_start=0,
            speaker_end=10,
            speaker_entity_id="e1",
            direct=False,
        ),
    )
    bare = Article(id="a1", source="a.txt", text=text)
    store.add([bare])
    unlinked = tuple(dataclasses.replace(m, entity_id=None) for m in mentions)
    found_quotes = tuple(dataclasses.replace(q, speaker_entity_id=None) for q in quotes)
    read = dataclasses.replace(bare, mentions=unlinked, quotes=found_quotes)
    store.update([read], stage="quotes", produces=["article.mentions", "article.quotes"])
    article = dataclasses.replace(bare, mentions=mentions, quotes=quotes)
    entities = [
        Entity(id="e1", name="Mara Quill", type="PERSON", aliases=("Quill",), mentions=2, articles=1),
        Entity(id="e2", name="Tobias Fenn", type="PERSON", aliases=("Fenn",), mentions=2, articles=1),
    ]
    store.update([article], stage="entities", state={"entities": entities}, produces=["article.entities"])
    both, alone = store.query("quotes", article_id="a1")
    assert (both["speaker"], both["speaker_entity_id"]) == (joint, None)
    assert both["speaker_entities"] == [{"id": "e1", "name": "Mara Quill"}, {"id": "e2", "name": "Tobias Fenn"}]
    assert alone["speaker_entities"] == []  # one person, linked as such
    assert store.query("quotes_in", article_ids=["a1"])[0]["speaker_entities"] == both["speaker_entities"]
    # A search by either name finds what the two said.
    assert [q["text"] for q in store.query("quotes", speaker="fenn")] == ["the fund was broken"]


@pytest.mark.parametrize(
    ("text", "joint", "linked", "shown"),
    [
        # The article names two Kims: "Mr. Kim" is either, whichever the linker took; only Ms. Lopez is shown.
        (
            "David Kim met Paul Kim. Mr. Kim and Ms. Lopez said the vote was rigged. Rosa Lopez agreed.",
            "Mr. Kim and Ms. Lopez",
            {"David Kim": "e1", "Paul Kim": "e2", "Kim": "e1", "Lopez": "e3", "Rosa Lopez": "e3"},
            ["Rosa Lopez"],
        ),
        # Two people of one surname, both linked to the one Smith the article names in full: neither is him alone.
        (
            "John Smith runs a bakery. Mr. Smith and Mrs. Smith said the rent had doubled.",
            "Mr. Smith and Mrs. Smith",
            {"John Smith": "e4", "Smith": "e4"},
            [],
        ),
    ],
)
def test_a_joint_speaker_links_no_name_the_article_gives_two_people(
    store: Store, text: str, joint: str, linked: dict[str, str], shown: list[str]
) -> None:
    _assert_joint_shows(store, text, joint, linked, shown)


@pytest.mark.parametrize(
    ("text", "joint", "linked", "shown"),
    [
        # A person with another no one names, and people with a word between them, are each linked where named.
        (
            "Jon Marek runs the ferry yard. Mr. Marek and his lawyer said the fines were unlawful.",
            "Mr. Marek and his lawyer",
            {"Jon Marek": "e1", "Marek": "e1"},
            ["Jon Marek"],
        ),
        (
            "Ana Ortiz heads the panel. Ms. Ortiz, and later Mr. Lee, said the fund was small. Ed Lee agreed.",
            "Ms. Ortiz, and later Mr. Lee",
            {"Ana Ortiz": "e2", "Ortiz": "e2", "Lee": "e3", "Ed Lee": "e3"},
            ["Ana Ortiz", "Ed Lee"],
        ),
        ("The senator and Mr. Lee said the fund was small. Ed Lee agreed.", "The senator and Mr. Lee", {"Lee": "e3",
         "Ed Lee": "e3"}, ["Ed Lee"]),
    ],
)  # fmt: skip
def test_a_person_speaking_with_others_is_linked_where_named(
    store: Store, text: str, joint: str, linked: dict[str, str], shown: list[str]
) -> None:
    # "Mr. Marek and his lawyer said ..." is one speaker of two people (the quotes stage): the person named is
    # listed with it, and no one entity takes it alone.
    _assert_joint_shows(store, text, joint, linked, shown)


def _assert_joint_shows(store: Store, text: str, joint: str, linked: dict[str, str], shown: list[str]) -> None:
    """A quote said by ``joint`` in ``text``, whose names (``linked``: name -> entity id) are linked person mentions
    wherever written, lists ``shown`` (the canonical names) as its ``speaker_entities``, and no entity alone."""
    from newsdesk.records import Entity, Mention, Quote, SpeakerKind

    at = text.index(joint)
    spans: list[tuple[str, int]] = []
    for name in linked:
        spans.extend((name, i) for i in range(len(text)) if text.startswith(name, i))
    taken = sorted({(i, n) for n, i in spans}, key=lambda s: (s[0], -len(s[1])))
    kept: list[tuple[int, str]] = []
    for i, n in taken:  # the longest name at each place
        if not any(k <= i < k + len(m) for k, m in kept):
            kept.append((i, n))
    mentions = tuple(
        Mention(text=n, start=i, end=i + len(n), type="PERSON", entity_id=linked[n]) for i, n in sorted(kept)
    )
    said = text.index("said") + 5
    quote = Quote(
        text=text[said : text.index(".", said)],
        start=said,
        end=text.index(".", said),
        speaker=joint,
        speaker_kind=SpeakerKind.PERSON,
        speaker_start=at,
        speaker_end=at + len(joint),
        direct=False,
    )
    bare = Article(id="a1", source="a.txt", text=text)
    store.add([bare])
    store.update(
        [dataclasses.replace(bare, mentions=tuple(dataclasses.replace(m, entity_id=None) for m in mentions),
                             quotes=(quote,))],
        stage="quotes",
        produces=["article.mentions", "article.quotes"],
    )  # fmt: skip
    full = {e: max((n for n, x in linked.items() if x == e), key=len) for e in linked.values()}
    entities = [Entity(id=e, name=n, type="PERSON", mentions=1, articles=1) for e, n in full.items()]
    article = dataclasses.replace(bare, mentions=mentions, quotes=(quote,))
    store.update([article], stage="entities", state={"entities": entities}, produces=["article.entities"])
    (row,) = store.query("quotes", article_id="a1")
    assert (row["speaker"], row["speaker_entity_id"]) == (joint, None)
    assert [p["name"] for p in row["speaker_entities"]] == shown


def test_articles_read_again_are_as_the_store_gives_them_after_stages_wrote(store: Store) -> None:
    # Issue 17: the runner reads a chunk whole once and, after each stage, only what a stage may have changed of
    # it (Store.reread): the columns, mentions and quotes, date mentions. What it hands on is what a whole read gives.
    from newsdesk.records import DateMention, Mention, Quote, SpeakerKind

    first, second = make(title="T", outlet="O", published="2026-01-01"), make("Another body about the ferry.")
    store.add([first, second])
    read = list(store.articles([first.id, second.id], extracts=False))
    mention = Mention(text="Anna Kovacs", start=0, end=11, type="PERSON", role="mayor")
    quote = Quote(text="We stay.", start=20, end=28, speaker="Anna Kovacs", speaker_kind=SpeakerKind.PERSON)
    dated = DateMention(text="Monday", start=5, end=11, value="2026-01-05", precision="day", anchor="published")
    store.update(
        [dataclasses.replace(first, cites=("CNN",), mentions=(mention,), quotes=(quote,), dates=(dated,))],
        stage="lead",
        produces=["article.cites", "article.mentions", "article.quotes", "article.dates"],
    )
    store.update([dataclasses.replace(second, duplicate_of=first.id, language="xx")], stage="dedupe")
    now = list(store.articles([first.id, second.id]))
    assert now[0].mentions and now[0].dates and now[0].cites and now[1].duplicate_of  # the writes show
    assert store.reread(read, mentions=True, dates=True) == now
    assert store.reread(read) == [dataclasses.replace(a, mentions=(), quotes=(), dates=()) for a in now]
    store.update([dataclasses.replace(now[1], event_id=None, origin=first.id)], stage="origins")
    again = store.reread(now)  # its mentions and date mentions kept as given; the columns read again
    assert again == list(store.articles([first.id, second.id])) and again[1].origin == first.id


def test_a_quotes_kind_round_trips_and_is_in_the_quotes_query(store: Store) -> None:
    from newsdesk.records import Quote, QuoteKind, SpeakerKind

    text = "Most dockers want a shorter week."
    article = Article(id="a2", source="b.txt", text=text)
    store.add([article])
    view = Quote(
        text="a shorter week",
        start=text.index("a shorter"),
        end=len(text) - 1,
        speaker="Most dockers",
        speaker_kind=SpeakerKind.GROUP,
        cue="want",
        direct=False,
        kind=QuoteKind.VIEW,
        confidence=0.45,
    )
    store.update([dataclasses.replace(article, quotes=(view,))], stage="quotes", produces=["article.quotes"])
    (got,) = store.articles(["a2"])
    assert got.quotes == (view,)
    (row,) = store.query("quotes", article_id="a2")
    assert row["kind"] == "view"


def test_event_entities_are_the_entities_each_stored_event_names(store: Store) -> None:
    from newsdesk import grouping
    from newsdesk.records import Entity, Mention
    from newsdesk.settings import Settings

    texts = {
        "a1": "Ferry Marisol capsized off Tavren; Petra Lind ordered an inquiry into the ferry crossing.",
        "a2": "Dockers in Saltmere walked out over automated cranes at the Greywater container terminal.",
    }
    names = {"a1": [("Tavren", "t"), ("Petra Lind", "p")], "a2": [("Saltmere", "s")]}
    articles = [Article(id=i, source=f"{i}.txt", text=t) for i, t in texts.items()]
    store.add(articles)
    linked = [
        dataclasses.replace(
            a,
            mentions=tuple(
                Mention(text=n, start=a.text.index(n), end=a.text.index(n) + len(n), type="GPE", entity_id=e)
                for n, e in names[a.id]
            ),
        )
        for a in articles
    ]
    unlinked = [
        dataclasses.replace(a, mentions=tuple(dataclasses.replace(m, entity_id=None) for m in a.mentions))
        for a in linked
    ]
    store.update(unlinked, stage="quotes", produces=["article.mentions", "article.quotes"])
    entities = [Entity(id=e, name=n, type="GPE", aliases=(n,)) for a in articles for n, e in names[a.id]]
    store.update(linked, stage="entities", state={"entities": entities}, produces=["article.entities"])
    assert store.event_entities() == {}  # no event stored yet
    changed, state = grouping.cluster(list(store.articles(list(texts))), store, Settings())
    store.update(changed, stage="cluster", state=state, produces=["article.event_id", "story.events"])
    event_of = {a.id: a.event_id for a in store.articles(list(texts))}
    assert event_of["a1"] != event_of["a2"]
    got = {event: sorted(ids) for event, ids in store.event_entities().items()}
    assert got == {event_of["a1"]: ["p", "t"], event_of["a2"]: ["s"]}


def test_dated_origins_gives_a_members_date_origin_and_original_without_its_text(store: Store) -> None:
    # What origins learns a stored member's group by (issue 17): one narrow row each, by id; unknown ids left out.
    first = make(text="The harbour board of Lantry kept the night ferry.", published="2026-01-01")
    copy = make(text="The harbour board of Lantry kept the night ferry running.", published=None)
    store.add([first, copy])
    linked = [dataclasses.replace(first, origin=first.id), dataclasses.replace(copy, origin=first.id)]
    store.update(linked, stage="origins", produces=("article.origin",))
    store.update([dataclasses.replace(copy, duplicate_of=first.id)], stage="dedupe", produces=("article.duplicate_of",))
    assert store.dated_origins([copy.id, first.id, "unknown"]) == {
        first.id: ("2026-01-01", first.id, None),
        copy.id: (None, first.id, first.id),
    }
    assert store.dated_origins([]) == {}


def test_event_origins_gives_each_events_members_in_ingest_order_with_date_origin_and_original(store: Store) -> None:
    # What origins learns a stored event's groups by (issue 17): by event, one narrow row each, not by article id.
    from newsdesk import grouping
    from newsdesk.settings import Settings

    first = make(text="The harbour board of Lantry kept the night ferry to Ossin.", published="2026-01-01")
    copy = make(text="The harbour board of Lantry kept the night ferry to Ossin running.", published=None)
    other = make(text="Dockers in Saltmere walked out over automated cranes at the Greywater terminal.")
    store.add([first, copy, other])
    changed, state = grouping.cluster(list(store.articles([first.id, copy.id, other.id])), store, Settings())
    store.update(changed, stage="cluster", state=state, produces=["article.event_id", "story.events"])
    store.update([dataclasses.replace(copy, duplicate_of=first.id)], stage="dedupe", produces=("article.duplicate_of",))
    store.update([dataclasses.replace(first, origin=first.id)], stage="origins", produces=("article.origin",))
    event_of = {a.id: a.event_id for a in store.articles(extracts=False)}
    assert event_of[first.id] == event_of[copy.id] != event_of[other.id]
    got = store.event_origins([event_of[first.id], event_of[other.id], "unknown"])
    assert got == {
        event_of[first.id]: [(first.id, "2026-01-01", first.id, None), (copy.id, None, None, first.id)],
        event_of[other.id]: [(other.id, None, None, None)],
    }
    assert store.event_origins([]) == {}


def test_update_writes_each_articles_stage_row_once(sqlite_store: Store) -> None:
    # An article both done and given is marked done once, not written and then replaced in the same transaction
    # (decision 0083, revision of the late night); one given but not named done is marked too, and one named done
    # but not given.
    articles = [make(f"Report number {i} on the harbour works at Kessel, filed late.") for i in range(5)]
    sqlite_store.add(articles)
    sent: list[str] = []
    sqlite_store.conn.set_trace_callback(sent.append)
    sqlite_store.update(articles[:3], stage="cites", done=[a.id for a in articles[1:4]])
    sqlite_store.conn.set_trace_callback(None)
    marked = [s for s in sent if "INTO stage_done" in s]
    assert len(marked) == 4
    assert sqlite_store.pending("cites") == [articles[4].id]
    assert {r["stage"] for a in articles[:4] for r in sqlite_store.query("stages_done", article_id=a.id)} == {"cites"}


def test_quotes_written_with_their_links_are_the_rows_written_then_linked(sqlite_store: Store) -> None:
    # ``extracts.with_links``: each quote written once with the link linking gave its speaker is the row written as
    # found and then linked (an UPDATE by the quote's span, the last quote of a span winning), two quotes of one span
    # and a quote linking left out too.
    from newsdesk.records import Entity, Quote, SpeakerKind
    from newsdesk.store import extracts

    text = "Anna Kovacs said: “We will stay.” Ben Ode said the port would reopen. “No,” a guard said."
    entity = Entity(id="e1", name="Anna Kovacs", type="PERSON", aliases=("Anna Kovacs",), mentions=1, articles=1)

    def quote(words: str, speaker: str | None, kind: SpeakerKind, entity_id: str | None = None) -> Quote:
        start = text.index(words)
        return Quote(
            text=words,
            start=start,
            end=start + len(words),
            speaker=speaker,
            speaker_kind=kind,
            speaker_entity_id=entity_id,
        )

    found = (
        quote("We will stay.", "Anna Kovacs", SpeakerKind.GROUP),
        quote("the port would reopen", "Ben Ode", SpeakerKind.PERSON),
        quote("the port would reopen", "Ode", SpeakerKind.UNKNOWN),
        quote("No,", "a guard", SpeakerKind.ANONYMOUS),
    )
    linked = (
        dataclasses.replace(found[0], speaker_entity_id="e1", speaker_kind=SpeakerKind.PERSON),
        dataclasses.replace(found[1], speaker_entity_id="e1"),
        dataclasses.replace(found[2], speaker_entity_id=None, speaker_kind=SpeakerKind.GROUP),
    )
    rows = []
    for way in ("written then linked", "written linked"):
        with Store(":memory:") as store:
            article = Article(id="a1", source="a.txt", text=text)
            store.add([article])
            store.update([], stage="entities", state={"entities": [entity]}, produces=())
            if way == "written then linked":
                store.update([dataclasses.replace(article, quotes=found)], stage="quotes", produces=["article.quotes"])
                store.update(
                    [dataclasses.replace(article, quotes=linked)], stage="entities", produces=["article.entities"]
                )
            else:
                quotes = extracts.with_links(found, linked)
                store.update([dataclasses.replace(article, quotes=quotes)], stage="quotes", produces=["article.quotes"])
            rows.append(store.conn.execute("SELECT rowid, * FROM quotes ORDER BY rowid").fetchall())
    assert rows[0] == rows[1]
    assert [r[10] for r in rows[0]] == ["e1", None, None]  # (speaker_entity_id: the last of a span wins)


def test_stories_kept_without_a_key_are_found_in_the_stored_text(store: Store) -> None:
    # A part kept before its rows had `future`, one kept since, one whose text holds the key's characters (escaped
    # in the JSON, so no key), an empty one, and another part: only the first and third lack the key.
    with store.transaction() as conn:
        for story_id in ("s1", "s2", "s3", "s4"):
            conn.execute("INSERT INTO stories (id, title, centroid) VALUES (?, ?, ?)", (story_id, "A story", b"\0"))
    rows = [
        ("s1", "timeline:1", 1, 1, json.dumps([{"date": "2029", "text": "Due in 2029."}])),
        ("s2", "timeline:1", 1, 1, json.dumps([{"date": "2029", "future": True, "text": "Due in 2029."}])),
        ("s3", "timeline:1", 1, 1, json.dumps([{"date": "2029", "text": 'He said "future": 2029.'}])),
        ("s4", "timeline:1", 1, 1, "[]"),
        ("s4", "timeline:dates", 1, 1, json.dumps(["2029"])),
    ]
    store.update([], stage="digest", state={"story_digests": rows})
    assert store.stories_kept_without("timeline:1", "future") == ["s1", "s3"]


def test_a_computed_value_is_kept_until_any_connection_commits(tmp_path: Path) -> None:
    """``Store.computed`` makes a value once while the data is unchanged, hands each caller its own copy, keeps at
    most a few, and makes it again after a commit by this connection or by another (another process's ingest)."""
    from newsdesk.store import COMPUTED_KEPT

    made: list[str] = []

    def make(name: str) -> dict[str, list[int]]:
        made.append(name)
        return {"rows": [len(made)]}

    with Store(tmp_path / "a.db") as writer, writer.reader() as store:
        first = store.computed(("a",), lambda: make("a"))
        first["rows"].append(99)  # a caller's copy: what is kept is untouched
        assert store.computed(("a",), lambda: make("a")) == {"rows": [1]} and made == ["a"]
        writer.mark("touched")  # another connection commits
        assert store.computed(("a",), lambda: make("a")) == {"rows": [2]}
        for name in "bcdef"[:COMPUTED_KEPT]:  # a few others push "a" out
            store.computed((name,), lambda n=name: make(n))
        store.computed(("a",), lambda: make("a"))
        assert made == ["a", "a", *"bcdef"[:COMPUTED_KEPT], "a"]
        writer.computed(("w",), lambda: make("w"))
        writer.mark("again")  # its own commit
        writer.computed(("w",), lambda: make("w"))
        assert made[-2:] == ["w", "w"]
