"""Entity canonicalisation: transliterations and short forms merge; different people never do."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from newsdesk import countries
from newsdesk.corpus import Corpus
from newsdesk.extract import entities as entities_module
from newsdesk.extract.entities import (
    Linker,
    contains,
    family_first,
    is_title,
    same_name,
    same_office,
    skeleton,
    sound,
)
from newsdesk.records import Article, Entity, Mention, Quote, QuoteKind, SpeakerKind
from newsdesk.store import Store
from tests.conftest import shared_path


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Zelenskyi", "Zelenskiy"),
        ("Yermak", "Jermak"),
        ("Umerov", "Umjerow"),
        ("Zaporizhzhia", "Zaporizhzhya"),
        ("Tsybulsky", "Cybulski"),
        ("Tsipras", "Cipras"),
    ],
)
def test_transliterations_share_a_skeleton_or_nearly(a: str, b: str) -> None:
    assert same_name(a, b, "PERSON")


@pytest.mark.parametrize(
    ("a", "b", "kind", "same"),
    [
        ("Vladimir Zelensky", "Volodymyr Zelenskyy", "PERSON", True),
        ("Vladimir Putin", "Vladimir Zelensky", "PERSON", False),
        ("J.D. Vance", "JD Vance", "PERSON", True),
        ("Donald Trump", "Melania Trump", "PERSON", False),
        ("theTelegraph", "The Telegraph", "ORG", True),
        ("Kyiv", "Kherson", "GPE", False),
        ("Arsen Tsybulsky", "Arsen Cybulski", "PERSON", True),
        ("Arsen Tsybulsky", "Arsen Tsvetkov", "PERSON", False),
    ],
)
def test_same_name(a: str, b: str, kind: str, same: bool) -> None:
    assert same_name(a, b, kind) is same


def test_skeleton_is_transliteration_blind() -> None:
    assert skeleton("Zelenskyy") == skeleton("Zelensky") == skeleton("Zelenskyi")


def _m(text: str, kind: str = "PERSON", start: int = 0) -> Mention:
    return Mention(text=text, start=start, end=start + len(text), type=kind)


def _linked_alike(kept: Linker, other: Linker, batch: list[Article]) -> None:
    """Both Linkers link every mention of ``batch`` to the same entity; then each settles what it changed."""
    one, two = kept.link_articles(batch), other.link_articles(batch)
    assert [[(m.text, m.entity_id) for m in a.mentions] for a in one] == [
        [(m.text, m.entity_id) for m in a.mentions] for a in two
    ]
    for linker in (kept, other):
        linker.settle(linker.entities(linker.changed))


def _article_of(article_id: str, names: Sequence[tuple[str, str]]) -> Article:
    """An article whose text is ``names`` joined by ". ", each a mention of its kind where it stands."""
    at = [sum(len(x) + 2 for x, _ in names[:i]) for i in range(len(names))]
    mentions = tuple(_m(x, kind, a) for (x, kind), a in zip(names, at, strict=True))
    return Article(id=article_id, source="t", text=". ".join(name for name, _ in names), mentions=mentions)


def test_linker_merges_short_forms_and_keeps_people_apart() -> None:
    linker = Linker()
    first = linker.link("a1", [_m("Volodymyr Zelensky"), _m("Vladimir Putin", start=30), _m("Zelensky", start=60)])
    second = linker.link("a2", [_m("Zelenskyy"), _m("Putin", start=20)])
    ids = {m.text: m.entity_id for m in (*first, *second)}
    assert ids["Volodymyr Zelensky"] == ids["Zelensky"] == ids["Zelenskyy"]
    assert ids["Vladimir Putin"] == ids["Putin"]
    assert ids["Vladimir Putin"] != ids["Volodymyr Zelensky"]
    (zelensky,) = [e for e in linker.entities() if e.id == ids["Zelensky"]]
    assert zelensky.name == "Volodymyr Zelensky"
    assert set(zelensky.aliases) == {"Volodymyr Zelensky", "Zelensky", "Zelenskyy"}
    assert zelensky.articles == 2


def test_linker_keeps_roles_and_starts_from_stored_entities() -> None:
    linker = Linker()
    (m,) = linker.link("a1", [Mention(text="Steve Witkoff", start=0, end=13, type="PERSON", role="US special envoy")])
    stored = linker.entities()
    again = Linker(stored)
    (n,) = again.link("a2", [_m("Witkoff")])
    assert n.entity_id == m.entity_id
    assert "US special envoy" in again.entities([m.entity_id or ""])[0].roles


def test_a_bare_surname_tagged_as_an_organisation_joins_the_person() -> None:
    linker = Linker()
    (full,) = linker.link("a1", [_m("Andriy Yermak")])
    (bare,) = linker.link("a2", [_m("Yermak", "ORG")])
    assert bare.entity_id == full.entity_id


def _linked(*texts: str) -> dict[tuple[str, str], set[str]]:
    """Entity ids of each (name, type) over invented articles run through the mention stage and one linker."""
    from newsdesk import nlp
    from newsdesk.extract import mentions

    linker = Linker()
    ids: dict[tuple[str, str], set[str]] = {}
    for n, text in enumerate(texts):
        for m in linker.link(f"a{n}", mentions.find(nlp.load()(text))):
            ids.setdefault((m.text, m.type), set()).add(m.entity_id or "")
    return ids


@pytest.mark.parametrize(
    ("texts", "one", "apart"),
    [
        # A place the model called a person merges with its later mentions, across articles, and with no other place.
        (
            (
                "Troops pulled back from the Marvosk, Dalen, Ilvar and Tesk regions on Monday.",
                "Shelling hit the Marvosk region again, and residents said Marvosk had no power.",
            ),
            [("Marvosk", "GPE")],
            [("Marvosk", "GPE"), ("Dalen", "GPE")],
        ),
        # Two people named as examples of one class share a first name and stay two people.
        (
            ("The deal angered leaders such as Tovan Keshi and Tovan Brel.", "Tovan Brel said Keshi was wrong."),
            [("Tovan Keshi", "PERSON"), ("Keshi", "PERSON")],
            [("Tovan Keshi", "PERSON"), ("Tovan Brel", "PERSON")],
        ),
    ],
)
def test_names_typed_by_their_noun_link_to_one_entity(
    texts: tuple[str, ...], one: list[tuple[str, str]], apart: list[tuple[str, str]]
) -> None:
    ids = _linked(*texts)
    merged = set().union(*(ids[name] for name in one))
    assert len(merged) == 1
    assert not (ids[apart[0]] & ids[apart[1]])


@pytest.mark.parametrize(
    ("word", "title"), [("President", True), ("Sen.", True), ("Sens.", True), ("Reps", True), ("Tovan", False)]
)
def test_is_title(word: str, title: bool) -> None:
    assert is_title(word) is title


def test_a_known_place_is_not_taken_for_a_person_of_that_surname() -> None:
    linker = Linker()
    (person,) = linker.link("a1", [_m("Ruen Dalen")])
    (place,) = linker.link("a2", [_m("Dalen", "GPE")])
    assert place.entity_id != person.entity_id  # a place named in another article is not the person
    (again,) = linker.link("a3", [_m("Dalen", "ORG")])
    assert again.entity_id == place.entity_id  # the place, once known, keeps its later mentions


def test_a_bare_surname_tagged_as_a_place_joins_the_person_named_in_the_same_article() -> None:
    linker = Linker()
    full, bare = linker.link("a1", [_m("Ruen Dalen"), _m("Dalen", "GPE")])
    assert bare.entity_id == full.entity_id
    # Not a place in capitals: a dateline's city ("DALENBURG -") that shares a person's surname stays a place.
    full, dateline = Linker().link("a2", [_m("Kerrin Dalenburg", start=30), _m("DALENBURG", "GPE")])
    assert dateline.entity_id != full.entity_id and dateline.type == "GPE"


def test_a_bare_word_called_a_person_that_names_a_known_place_is_the_place() -> None:
    linker = Linker()
    (place,) = linker.link("a1", [_m("Veloria", "GPE")])
    (group,) = linker.link("a2", [_m("Fair Pay Veloria", "ORG")])
    (bare,) = linker.link("a3", [_m("Veloria")])
    assert bare.entity_id == place.entity_id != group.entity_id
    # A person of that surname named in the same article still takes it.
    person, again = linker.link("a4", [_m("Ilse Veloria"), _m("Veloria", start=20)])
    assert again.entity_id == person.entity_id


def test_a_name_given_with_an_organisation_noun_is_an_organisation() -> None:
    from newsdesk import nlp
    from newsdesk.extract import mentions

    found = mentions.find(nlp.load()("Consumer group Fair Pay Veloria urged the regulator to act quickly."))
    assert [(m.text, m.type, m.role) for m in found] == [("Fair Pay Veloria", "ORG", None)]


def test_a_speaker_linked_to_a_place_is_a_group_and_one_linked_to_a_person_is_a_person() -> None:
    from newsdesk.records import Article, Quote, SpeakerKind

    text = "Veloria says the dam is safe. Marlow said the strike is over."
    place = Mention(text="Veloria", start=0, end=7, type="GPE")
    called_person = Mention(text="Veloria", start=0, end=7, type="PERSON")
    marlow = Mention(text="Marlow", start=30, end=36, type="ORG")
    linker = Linker()
    linker.link("a0", [place, _m("Ivo Marlow")])
    quotes = (
        Quote(text="the dam is safe", start=13, end=28, speaker="Veloria", speaker_kind=SpeakerKind.PERSON,
              speaker_start=0, speaker_end=7),
        Quote(text="the strike is over", start=42, end=60, speaker="Marlow", speaker_kind=SpeakerKind.GROUP,
              speaker_start=30, speaker_end=36),
    )  # fmt: skip
    (article,) = linker.link_articles(
        [Article(id="a1", source="t", text=text, mentions=(called_person, marlow), quotes=quotes)]
    )
    assert [q.speaker_kind for q in article.quotes] == [SpeakerKind.GROUP, SpeakerKind.PERSON]


def test_a_capital_as_speaker_is_its_government_never_the_city() -> None:
    # "Moscow denied ...": the government speaks, shown as written and as a body; the city's entity (a place, or a
    # body where the model typed the city so in "Washington said") takes no quote. A country's own name still links.
    from newsdesk.records import Article, Quote, SpeakerKind

    text = "Moscow denied the plan. Washington said it would wait. Russia said talks go on. Ilse Lind said no."
    said = [("Moscow", "GPE"), ("Washington", "ORG"), ("Russia", "GPE"), ("Ilse Lind", "PERSON")]
    found = [(name, kind, text.index(name)) for name, kind in said]
    mentions = tuple(Mention(text=n, start=at, end=at + len(n), type=kind) for n, kind, at in found)
    quotes = tuple(
        Quote(text="x", start=at + len(n) + 1, end=at + len(n) + 2, speaker=n, speaker_kind=SpeakerKind.GROUP,
              speaker_start=at, speaker_end=at + len(n))
        for n, _, at in found
    )  # fmt: skip
    (article,) = Linker().link_articles([Article(id="a1", source="t", text=text, mentions=mentions, quotes=quotes)])
    linked = {m.text: m.entity_id for m in article.mentions}
    assert all(linked.values())  # the cities are still mentioned as themselves
    assert [(q.speaker, q.speaker_kind, q.speaker_entity_id) for q in article.quotes] == [
        ("Moscow", SpeakerKind.GROUP, None),
        ("Washington", SpeakerKind.GROUP, None),
        ("Russia", SpeakerKind.GROUP, linked["Russia"]),
        ("Ilse Lind", SpeakerKind.PERSON, linked["Ilse Lind"]),
    ]


def test_only_a_capital_alone_is_its_government() -> None:
    # A name that holds a capital but is not one ("The Washington Post", "George Washington", "Paris Hilton",
    # "the Kremlin", the country's own short form) keeps its link: only the city's name alone is the government.
    from newsdesk import countries
    from newsdesk.records import Article, Quote, SpeakerKind

    said = [
        ("The Washington Post", "ORG"),
        ("Paris Hilton", "ORG"),
        ("the Kremlin", "ORG"),
        ("the U.S.", "GPE"),
        ("George Washington", "GPE"),
    ]
    text = " ".join(f"{name} said no." for name, _ in said)
    found = [(name, kind, text.index(name)) for name, kind in said]
    mentions = tuple(Mention(text=n, start=at, end=at + len(n), type=kind) for n, kind, at in found)
    quotes = tuple(
        Quote(text="no", start=at + len(n) + 6, end=at + len(n) + 8, speaker=n, speaker_kind=SpeakerKind.GROUP,
              speaker_start=at, speaker_end=at + len(n))
        for n, _, at in found
    )  # fmt: skip
    (article,) = Linker().link_articles([Article(id="a1", source="t", text=text, mentions=mentions, quotes=quotes)])
    linked = {m.text: m.entity_id for m in article.mentions}
    assert [q.speaker_entity_id for q in article.quotes] == [linked[n] for n, _ in said]
    assert all(linked.values())
    assert [countries.capital(n) for n in ("Moscow", "the Hague", "Jerusalem residents", "sources in Moscow")] == [
        "russia",
        "netherlands",
        None,
        None,
    ]


def _batch_linked(*articles: tuple[str, ...]) -> list[Article]:
    """Link one batch of articles, each given as its mentions written "Name/TYPE"."""
    batch = []
    for n, mentions in enumerate(articles):
        ms = tuple(_m(text, kind, start=20 * i) for i, (text, kind) in enumerate(m.split("/") for m in mentions))
        batch.append(Article(id=f"a{n}", source="t", text=" " * 20 * len(ms), mentions=ms))
    return Linker().link_articles(batch)


def _entity_of(articles: list[Article], text: str) -> set[str | None]:
    return {m.entity_id for a in articles for m in a.mentions if m.text == text}


def test_a_one_word_name_takes_its_corpus_type_whichever_article_comes_first() -> None:
    # The first article's parse called "Veloria" a person; the next two a place and a body.
    linked = _batch_linked(("Veloria/PERSON",), ("Veloria/GPE",), ("Veloria/ORG", "Veloria/GPE"))
    assert len(_entity_of(linked, "Veloria")) == 1
    assert {m.type for a in linked for m in a.mentions} == {"GPE"}


def test_spellings_of_one_name_vote_together() -> None:
    linked = _batch_linked(("Dastmar/GPE",), ("Dastmari/ORG", "Dastmar/GPE"), ("Dastmari/ORG",), ("Dastmar/GPE",))
    assert len(_entity_of(linked, "Dastmar") | _entity_of(linked, "Dastmari")) == 1


def test_a_surname_stays_a_person_where_the_article_names_that_person() -> None:
    linked = _batch_linked(("Jordan/GPE",), ("Jordan/GPE",), ("Ana Jordan/PERSON", "Jordan/PERSON"))
    assert _entity_of(linked, "Jordan") & _entity_of(linked, "Ana Jordan")
    assert [m.type for m in linked[2].mentions] == ["PERSON", "PERSON"]


def test_a_word_with_no_majority_type_keeps_its_types() -> None:
    linked = _batch_linked(("Orsa/PERSON",), ("Orsa/NORP",))
    assert {m.type for a in linked for m in a.mentions} == {"PERSON", "NORP"}


def test_a_people_s_name_pooled_with_its_country_leaves_the_country_a_place() -> None:
    # The model tags the country itself as a nationality more often than as a place, as the small model does
    # with an unknown name: pooled with "Velorian", those tags count for the place, so the country is no NORP.
    linked = _batch_linked(
        ("Velorian/NORP", "Veloria/NORP", "Veloria/NORP", "Veloria/NORP"),
        ("Veloria/GPE", "Velorian/NORP", "Veloria/NORP"),
    )
    assert {m.type for a in linked for m in a.mentions if m.text == "Veloria"} == {"GPE"}


def test_a_group_tagged_a_place_once_stays_a_group() -> None:
    linked = _batch_linked(*[("Democrats/NORP",)] * 6, ("Democrats/GPE",))
    assert {m.type for a in linked for m in a.mentions} == {"NORP"}


@pytest.mark.parametrize(
    "articles",
    [
        (("Meridian Press Agency/ORG",), ("MPA/ORG",)),
        (("MPA/ORG",), ("Meridian Press Agency/ORG",)),  # the acronym first: the full name still finds it
        (("MPA/ORG", "Meridian Press Agency/ORG"),),
    ],
)
def test_an_acronym_and_its_full_name_are_one_organisation(articles: tuple[tuple[str, ...], ...]) -> None:
    linker = Linker()
    for n, mentions in enumerate(articles):
        linker.link(
            f"a{n}", [_m(text, kind, start=30 * i) for i, (text, kind) in enumerate(m.split("/") for m in mentions)]
        )
    (entity,) = linker.entities()
    assert entity.name == "Meridian Press Agency" and set(entity.aliases) == {"MPA", "Meridian Press Agency"}


def test_two_letters_are_too_few_for_an_acronym() -> None:
    linker = Linker()
    linker.link("a0", [_m("Amnesty International", "ORG")])
    (ai,) = linker.link("a1", [_m("AI", "ORG")])
    assert {e.name for e in linker.entities() if e.id == ai.entity_id} == {"AI"}


def test_an_acronym_shared_by_two_known_names_joins_neither() -> None:
    linker = Linker()
    linker.link("a0", [_m("Meridian Press Agency", "ORG"), _m("Marsh Port Authority", "ORG", start=30)])
    (mpa,) = linker.link("a1", [_m("MPA", "ORG")])
    assert {e.name for e in linker.entities() if e.id == mpa.entity_id} == {"MPA"}


def test_a_short_form_joins_the_organisation_it_opens_or_ends_wherever_the_batch_names_it() -> None:
    # The short forms come first, in their own article; the model called one of them a person, and only
    # the article's text names Greywater Terminals in full (the model tagged nothing there).
    text = "Gazette Greywater has not commented; Greywater Terminals said nothing."
    first = Article(id="a0", source="t", text=text, mentions=(_m("Gazette", "ORG"), _m("Greywater", start=8)))
    rest = [
        Article(id="a1", source="t", text=" " * 20, mentions=(_m("Harbour Gazette", "ORG"),)),
        Article(id="a2", source="t", text=" " * 20, mentions=(_m("Greywater Terminals", "ORG"),)),
    ]
    linked = Linker().link_articles([first, *rest])
    assert len(_entity_of(linked, "Gazette") | _entity_of(linked, "Harbour Gazette")) == 1
    assert len(_entity_of(linked, "Greywater") | _entity_of(linked, "Greywater Terminals")) == 1
    assert linked[0].mentions[1].type == "ORG"  # the person reading gave way to the organisation it names


@pytest.mark.parametrize(
    "articles",
    [
        (("Morgan Stanley/ORG",), ("Stanley/PERSON",)),  # a surname alone is no short form of a firm
        (("House/ORG",), ("White House/ORG", "House/ORG")),  # a common word is no short form
        (("Donald Trump/PERSON", "Trump Foundation/ORG", "Trump/ORG"),),  # nor a person's surname
    ],
)
def test_a_word_that_stands_for_more_than_one_body_is_no_short_form(articles: tuple[tuple[str, ...], ...]) -> None:
    linked = _batch_linked(*articles)
    whole = {m.entity_id for a in linked for m in a.mentions if " " in m.text and m.type == "ORG"}
    short = {m.entity_id for a in linked for m in a.mentions if " " not in m.text}
    assert not whole & short


def test_a_short_form_of_two_organisations_goes_to_the_one_the_article_names() -> None:
    linked = _batch_linked(
        ("Kelmor Courier/ORG",), ("Dastmar Courier/ORG",), ("Courier/ORG",), ("Dastmar Courier/ORG", "Courier/ORG")
    )
    assert not _entity_of(linked[2:3], "Courier") & (
        _entity_of(linked, "Kelmor Courier") | _entity_of(linked, "Dastmar Courier")
    )
    assert _entity_of(linked[3:], "Courier") == _entity_of(linked, "Dastmar Courier")


def test_an_entity_is_named_without_a_sentence_s_the_when_it_is_written_without_it() -> None:
    linker = Linker()
    linker.link("a0", [_m("The Saltmere Dockworkers' Union", "ORG"), _m("The Saltmere Dockworkers' Union", "ORG", 40)])
    linker.link("a1", [_m("Saltmere Dockworkers' Union", "ORG")])
    (entity,) = linker.entities()
    assert entity.name == "Saltmere Dockworkers' Union" and entity.mentions == 3


def test_roles_differing_only_in_case_are_one_role() -> None:
    linker = Linker()
    roles = ["Chief executive", "chief executive", "Deputy Foreign Minister", "chief executive"]
    linker.link(
        "a0",
        [
            Mention(text="Corin Ashby", start=20 * i, end=20 * i + 11, type="PERSON", role=r)
            for i, r in enumerate(roles)
        ],
    )
    (entity,) = linker.entities()
    assert entity.roles == ("chief executive", "Deputy Foreign Minister")


# Issue 16 point 3: transliterations, shorter and longer forms, type voting; different people stay apart.


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ravi Rahman", "Ravi Rahaman"),  # a vowel added in one spelling
        ("Tamsin Yeung", "Tamsin Yong"),
        ("Golam Mozumder", "Golam Majumdar"),  # z/j and o/a of one Bengali surname
        ("Golam Oduya", "Ghulam Oduya"),
        ("Md Golam Oduya", "Muhammad Golam Oduya"),  # a first name abbreviated by its consonants
    ],
)
def test_transliterations_sharing_their_consonants_are_one_name(a: str, b: str) -> None:
    assert same_name(a, b, "PERSON")
    assert sound(a.split()[-1]) == sound(b.split()[-1])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anna Holt", "Peter Holt"),  # one surname, two first names
        ("Rahim Chowdhury", "Karim Chowdhury"),
        ("Ivo Kim", "Ivo Kum"),  # three letters: the same consonants are not enough
    ],
)
def test_names_that_only_sound_alike_are_two_people(a: str, b: str) -> None:
    assert not same_name(a, b, "PERSON")


@pytest.mark.parametrize(
    ("longer", "shorter", "yes"),
    [
        ("Chowdhury Abdel Al-Marun", "Abdel Al Marun", True),  # a name before it, hyphen aside
        ("André Lusa do Prado", "Andrei Prado", True),  # first and last words, accents and spelling aside
        ("Aslam Khan Kamar", "Aslam Khan", True),  # the name's opening words
        ("Doran Velt Jr", "Doran Velt", False),  # a son is another person
        ("Aslam Khan Kamar", "Imran Khan", False),
        ("Aslam Khan Kamar", "Kamar", False),  # one word: a surname, handled by the linker
    ],
)
def test_a_shorter_form_of_a_full_name(longer: str, shorter: str, yes: bool) -> None:
    assert contains(longer, shorter) is yes


def test_full_and_shorter_forms_of_one_person_are_one_entity_across_articles() -> None:
    linked = _batch_linked(
        ("Aslam Khan Kamar/PERSON", "Nadia Sorel/PERSON"),
        ("Aslam Khan Kamar/PERSON", "Aslam Khan/PERSON", "Khan/PERSON"),
        ("Aslam/PERSON",),
        ("Chowdhury Abdel Al-Marun/PERSON",),
        ("Abdel Al Marun/PERSON", "Marun/PERSON"),
    )
    assert len(set().union(*(_entity_of(linked, n) for n in ("Aslam Khan Kamar", "Aslam Khan", "Khan", "Aslam")))) == 1
    assert len(_entity_of(linked, "Chowdhury Abdel Al-Marun") | _entity_of(linked, "Abdel Al Marun")) == 1
    assert not _entity_of(linked, "Aslam") & _entity_of(linked, "Nadia Sorel")


def test_two_people_sharing_a_surname_in_one_story_stay_apart() -> None:
    linked = _batch_linked(
        ("Mara Lindqvist/PERSON", "Tomas Lindqvist/PERSON", "Lindqvist/PERSON"),
        ("Tomas Lindqvist/PERSON", "Mara Lindquist/PERSON"),
    )
    assert not _entity_of(linked, "Mara Lindqvist") & _entity_of(linked, "Tomas Lindqvist")
    # Mara's name spelled another way joins her, not Tomas.
    assert _entity_of(linked, "Mara Lindquist") == _entity_of(linked, "Mara Lindqvist")


def test_a_given_name_shared_by_two_people_joins_neither() -> None:
    linked = _batch_linked(("Ayesha Rahim/PERSON", "Ayesha Karimi/PERSON"), ("Ayesha/PERSON",))
    ayesha = _entity_of(linked, "Ayesha")
    assert not ayesha & (_entity_of(linked, "Ayesha Rahim") | _entity_of(linked, "Ayesha Karimi"))


def test_a_given_name_written_alone_joins_the_only_person_it_opens() -> None:
    linked = _batch_linked(("Suryan Padavi/PERSON", "Dorin Vass/PERSON"), ("Suryan/PERSON",))
    assert _entity_of(linked, "Suryan") == _entity_of(linked, "Suryan Padavi")


def test_a_company_s_short_and_long_names_are_one_organisation() -> None:
    linked = _batch_linked(
        ("Orsa Dredging/ORG",),
        ("Orsa Dredging & Salvage Co Limited/ORG", "Orsa Dredging & Salvage/ORG"),
        ("Orsa Harbour Authority/ORG",),
    )
    ids = {n: _entity_of(linked, n) for n in ("Orsa Dredging", "Orsa Dredging & Salvage Co Limited")}
    assert len(set().union(*ids.values())) == 1
    assert not _entity_of(linked, "Orsa Harbour Authority") & ids["Orsa Dredging"]


def test_a_body_with_what_it_is_said_in_lower_case_is_that_body() -> None:
    # "the Velmar League party" is the Velmar League; "the Velmar Group" is a name of its own.
    linked = _batch_linked(("Velmar League/ORG",), ("Velmar League party/ORG",), ("Velmar Group/ORG",))
    assert _entity_of(linked, "Velmar League party") == _entity_of(linked, "Velmar League")
    assert not _entity_of(linked, "Velmar Group") & _entity_of(linked, "Velmar League")


def test_a_company_the_model_calls_a_place_in_some_sentences_stays_a_company() -> None:
    # Two of five mentions are places: a body three times, it is a body, not a place that absorbs those votes.
    linked = _batch_linked(("Quillfin/ORG", "Quillfin/GPE"), ("Quillfin/ORG",), ("Quillfin/ORG", "Quillfin/ORG"))
    assert {m.type for a in linked for m in a.mentions} == {"ORG"}
    # A capital the model calls a body more often than a place, but often enough a place, is still a place.
    linked = _batch_linked(("Orvath/GPE", "Orvath/ORG"), ("Orvath/ORG", "Orvath/GPE", "Orvath/ORG"))
    assert {m.type for a in linked for m in a.mentions} == {"GPE"}


def test_a_capital_spelled_two_ways_and_typed_a_person_once_is_one_place() -> None:
    linked = _batch_linked(("Kyiv/GPE", "Kiev/GPE"), ("Kyiv/PERSON", "Kyiv/GPE"), ("Kiev/GPE",))
    assert len(_entity_of(linked, "Kyiv") | _entity_of(linked, "Kiev")) == 1
    assert {m.type for a in linked for m in a.mentions} == {"GPE"}


def test_a_name_of_several_words_takes_its_corpus_type() -> None:
    linked = _batch_linked(("Orsa Court/ORG",), ("Orsa Court/LOC",), ("Orsa Court/LOC", "Orsa Court/PERSON"))
    assert len(_entity_of(linked, "Orsa Court")) == 1
    assert {m.type for a in linked for m in a.mentions} == {"LOC"}


def test_an_untagged_name_spelled_otherwise_is_found_when_it_matches_a_known_person() -> None:
    text = "The bench led by Justice Muhammad Ghulam Murtaza Majumdar ruled. Some Majumdar fans waited."
    linker = Linker()
    linker.link("a0", [_m("Golam Mortuza Mozumder")])
    (article,) = linker.link_articles([Article(id="a1", source="t", text=text, mentions=())])
    found = {m.text: m.entity_id for m in article.mentions}
    assert "Muhammad Ghulam Murtaza Majumdar" in found  # "Justice" is a title, not a part of the name
    assert found["Muhammad Ghulam Murtaza Majumdar"] == linker.entities()[0].id
    assert "Some Majumdar" not in found  # words before that match no known name are no name


def test_a_name_opening_a_longer_one_elsewhere_is_not_that_one() -> None:
    # A headline's run-on ("Dorin Vass Resigns") in one article does not absorb the person named in others.
    linked = _batch_linked(("Dorin Vass Resigns/PERSON",), ("Dorin Vass/PERSON", "Vass/PERSON"), ("Dorin Vass/PERSON",))
    assert not _entity_of(linked, "Dorin Vass") & _entity_of(linked, "Dorin Vass Resigns")


def test_a_name_opening_the_full_name_of_a_person_two_articles_name_is_that_person() -> None:
    # Two outlets write "Aslam Khan Kamar"; a third writes him short, "Aslam Khan": one person, not two rows an
    # analyst must add up. A full name one article alone writes could be a run-on (above), and stays apart.
    linked = _batch_linked(
        ("Aslam Khan Kamar/PERSON",), ("Aslam Khan Kamar/PERSON",), ("Aslam Khan/PERSON", "Khan/PERSON")
    )
    assert _entity_of(linked, "Aslam Khan") == _entity_of(linked, "Aslam Khan Kamar")
    once = _batch_linked(("Aslam Khan Kamar/PERSON",), ("Aslam Khan/PERSON", "Khan/PERSON"))
    assert not _entity_of(once, "Aslam Khan") & _entity_of(once, "Aslam Khan Kamar")


def test_a_bare_name_needs_nearly_the_same_letters() -> None:
    # Same consonants, one vowel apart: with no first name to confirm it, "Bash" is not "Bush".
    linked = _batch_linked(("Jeb Bosh/PERSON", "Bosh/PERSON"), ("Bash/PERSON",))
    assert not _entity_of(linked, "Bash") & _entity_of(linked, "Jeb Bosh")
    assert not same_name("Bash", "Jeb Bosh", "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "At the clinic, a woman surnamed Varga wept. 'We looked everywhere,' said Varga, 41.",
        "'We looked everywhere,' said the 41-year-old, who gave only her surname, Varga.",
        "Varga, who asked to be identified only by her surname, said they looked everywhere.",
    ],
)
def test_someone_an_article_names_by_surname_alone_is_not_another_article_s_person(text: str) -> None:
    # Another article names Kel Varga in full; this one knows its Varga by surname only: a person of its own.
    linker = Linker()
    linker.link("a0", [_m("Kel Varga"), _m("Varga", start=20)])
    start = text.index("Varga")
    (article,) = linker.link_articles([Article(id="a1", source="t", text=text, mentions=(_m("Varga", start=start),))])
    known = next(e for e in linker.entities() if e.name == "Kel Varga")
    assert article.mentions and all(m.entity_id not in {None, known.id} for m in article.mentions)


def test_someone_known_by_surname_alone_is_not_the_article_s_person_named_in_full() -> None:
    # The father gives only his surname; his son, later, gives an initial: two people of one article.
    text = (
        "Mr Varga, who asked to be identified only by his surname, saw the tower burn. Mr Varga wept. "
        "His son, Mr K. Varga, said the family would rebuild."
    )
    mentions = tuple(_m(n, start=text.index(n, at)) for n, at in (("Varga", 0), ("Varga", 80), ("K. Varga", 0)))
    (article,) = Linker().link_articles([Article(id="a1", source="t", text=text, mentions=mentions)])
    father, again, son = (m.entity_id for m in article.mentions)
    assert father == again and father != son and son is not None


def test_a_bare_surname_still_joins_the_corpus_s_person_of_that_name() -> None:
    linker = Linker()
    linker.link("a0", [_m("Kel Varga"), _m("Varga", start=20)])
    text = "Varga said the harbour would reopen."
    (article,) = linker.link_articles([Article(id="a1", source="t", text=text, mentions=(_m("Varga"),))])
    known = next(e for e in linker.entities() if e.name == "Kel Varga")
    assert article.mentions[0].entity_id == known.id


# Issue 16 point 3, second pass: letters swapped, a name written family name first, a person inside another name,
# a people's word that is no name of its country.


def test_a_surname_with_two_letters_swapped_is_one_person_only_beside_the_same_first_name() -> None:
    assert same_name("Rafiq Dalwa", "Rafiq Dawla", "PERSON")
    assert not same_name("Rafiq Dalwa", "Samir Dawla", "PERSON")
    assert not same_name("Dalwa", "Dawla", "PERSON")  # alone, nothing confirms the looser spelling
    assert not same_name("Ivo Lina", "Ivo Lian", "PERSON")  # four letters: too short to tell a slip


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Lam Wai-Kit", True),
        ("Moon Jae-in", True),
        ("Kevin Lam", False),
        ("Maren Holt-Ashby", False),  # a double-barrelled surname: "Ashby" is two syllables
        ("Abdel Al-Marun", False),
        ("Jean-Luc Varga", False),
    ],
)
def test_a_name_written_family_name_first(name: str, first: bool) -> None:
    assert family_first(name) is first


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Transport Secretary", "Harbour City Transport Secretary", True),
        ("Secretary for Transport", "transport secretary", True),
        ("Secretary", "Transport Secretary", False),  # one word is held by too many people
        ("Transport Secretary", "Health Secretary", False),
    ],
)
def test_same_office(a: str, b: str, same: bool) -> None:
    assert same_office(a, b) is same


def _titled(text: str, name: str, role: str | None, kind: str = "PERSON") -> Mention:
    start = text.index(name)
    return Mention(text=name, start=start, end=start + len(name), type=kind, role=role)


def test_a_chinese_name_and_the_english_given_name_of_one_office_holder_are_one_person() -> None:
    texts = [
        "Harbour City Transport Secretary Kevin Lam said the ferries would run.",
        "Transport Secretary Lam Wai-Kit said the piers were closed.",
        "Health Secretary Lam Siu-Fong said the clinics were open.",  # another Lam, another office
        "Lam Chi-Ho, who keeps a shop, watched the boats.",  # no office to share: not the secretary
    ]
    roles = ["Harbour City Transport Secretary", "Transport Secretary", "Health Secretary", None]
    names = ["Kevin Lam", "Lam Wai-Kit", "Lam Siu-Fong", "Lam Chi-Ho"]
    batch = [
        Article(id=f"a{i}", source="t", text=t, mentions=(_titled(t, n, r),))
        for i, (t, n, r) in enumerate(zip(texts, names, roles, strict=True))
    ]
    linked = Linker().link_articles(batch)
    ids = [a.mentions[0].entity_id for a in linked]
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]
    assert ids[3] != ids[0]


def test_the_english_name_found_after_the_chinese_name_joins_it_too() -> None:
    texts = ["Transport Secretary Lam Wai-Kit spoke.", "Transport Secretary Kevin Lam spoke again."]
    names = ["Lam Wai-Kit", "Kevin Lam"]
    batch = [
        Article(id=f"a{i}", source="t", text=t, mentions=(_titled(t, n, "Transport Secretary"),))
        for i, (t, n) in enumerate(zip(texts, names, strict=True))
    ]
    linked = Linker().link_articles(batch)
    assert linked[0].mentions[0].entity_id == linked[1].mentions[0].entity_id


def test_a_known_person_run_into_an_organisation_s_name_is_that_person() -> None:
    first = "The board's Director of Operations Rafiq Dalwa was blamed."
    second = "The board suspended Director of Harbour Cricket Rafiq Dawla after the row. Dawla declined."
    dawla = second.index("Dawla declined")
    batch = [
        Article(id="a1", source="t", text=first, mentions=(_titled(first, "Rafiq Dalwa", None),)),
        Article(
            id="a2",
            source="t",
            text=second,
            mentions=(
                _titled(second, "Harbour Cricket Rafiq Dawla", None, "ORG"),
                Mention(text="Dawla", start=dawla, end=dawla + 5, type="GPE"),
            ),
        ),
    ]
    linked = Linker().link_articles(batch)
    person = linked[0].mentions[0].entity_id
    assert [(m.text, m.type, m.entity_id) for m in linked[1].mentions] == [
        ("Rafiq Dawla", "PERSON", person),
        ("Dawla", "PERSON", person),
    ]
    assert all(second[m.start : m.end] == m.text for m in linked[1].mentions)


def test_an_organisation_named_after_no_known_person_keeps_its_name() -> None:
    text = "The Harbour Cricket Rafiq Dawla Trust opened."
    batch = [
        Article(id="a1", source="t", text=text, mentions=(_titled(text, "Harbour Cricket Rafiq Dawla", None, "ORG"),))
    ]
    (article,) = Linker().link_articles(batch)
    assert [m.text for m in article.mentions] == ["Harbour Cricket Rafiq Dawla"]


def test_a_people_s_word_is_the_people_not_its_country() -> None:
    # "Velorian" read as the people (NORP) by most of its mentions stays the people, one entity of its own, however
    # near its spelling is to the place's: the place's votes no longer make it the place (dev-news: "Indian", 24
    # mentions, had been India's; "Brazilian", farther in spelling, never was Brazil's). A mention the model
    # tagged a place ("Velorian/GPE") is the people too, by the word's majority.
    mentions = [
        ("Velorian/NORP", "Velorian/NORP", "Velorian/NORP", "Veloria/GPE"),
        ("Veloria/GPE", "Velorian/NORP", "Velorian/GPE"),
    ]
    batch = [
        Article(
            id=f"a{n}",
            source="t",
            text=" " * 20 * len(ms),
            mentions=tuple(_m(text, kind, start=20 * i) for i, (text, kind) in enumerate(m.split("/") for m in ms)),
        )
        for n, ms in enumerate(mentions)
    ]
    linker = Linker()
    linked = linker.link_articles(batch)
    assert {(m.text, m.type) for a in linked for m in a.mentions} == {("Velorian", "NORP"), ("Veloria", "GPE")}
    assert len(_entity_of(linked, "Velorian")) == len(_entity_of(linked, "Veloria")) == 1
    assert _entity_of(linked, "Velorian") != _entity_of(linked, "Veloria")
    by_name = {e.name: e for e in linker.entities()}
    assert (by_name["Veloria"].aliases, by_name["Veloria"].mentions) == (("Veloria",), 2)
    assert (by_name["Velorian"].type, by_name["Velorian"].mentions) == ("NORP", 5)
    # Linked again from what was stored, "Velorian" is still the people.
    again = Linker(linker.entities())
    (article,) = again.link_articles([batch[1]])
    assert {m.entity_id for m in article.mentions if m.text == "Velorian"} == _entity_of(linked, "Velorian")


def test_a_people_s_word_before_who_acts_for_its_state_is_the_state() -> None:
    # "Velorian officials insist": the state's view, as "Veloria insists" is; "Velorian fans" are the people. The
    # people's word stays its own entity for the people (decision 0094, fifth session).
    place, people = ("Veloria", "GPE"), ("Velorian", "NORP")
    batch = [
        _placed(
            "a1",
            "Veloria said on Monday that talks would go on. Velorian officials insist the border is closed. "
            "Velorian fans cheered.",
            [place, people, people],
        ),
        _placed(
            "a2",
            "Velorian fans filled the square. The Velorian team refused the medals, and Veloria backed it.",
            [people, people, place],
        ),
        # An article that does not name the place: the word alone says which, so it is left to the people.
        _placed("a3", "Velorian officials declined to comment.", [people]),
    ]
    linker = Linker()
    linked = linker.link_articles(batch)
    state = _entity_of(linked, "Veloria")
    (people,) = {
        m.entity_id for a in linked for m in a.mentions if m.text == "Velorian" and a.text.startswith("fans", m.end + 1)
    }
    by_place = {(a.id, a.text[m.end + 1 :].split()[0]): m for a in linked for m in a.mentions if m.text == "Velorian"}
    assert len(state) == 1 and people not in state
    assert by_place[("a1", "officials")].entity_id in state and by_place[("a1", "officials")].type == "GPE"
    assert by_place[("a2", "team")].entity_id in state
    assert by_place[("a1", "fans")].entity_id == by_place[("a2", "fans")].entity_id == people
    assert by_place[("a1", "fans")].type == "NORP"
    assert by_place[("a3", "officials")].entity_id == people
    by_name = {e.name: e for e in linker.entities()}
    assert by_name["Veloria"].aliases == ("Veloria",)  # the people's word is no name of the state
    assert by_name["Velorian"].type == "NORP"


def test_an_acronym_opening_a_longer_name_is_still_the_body_it_abbreviates() -> None:
    linked = _batch_linked(
        ("Meridian Press Agency/ORG",), ("MPA/ORG", "MPA Appeals Panel/ORG"), ("MPA Appeals Panel/ORG", "MPA/ORG")
    )
    assert _entity_of(linked, "MPA") == _entity_of(linked, "Meridian Press Agency")
    assert not _entity_of(linked, "MPA") & _entity_of(linked, "MPA Appeals Panel")


def test_the_last_word_of_an_outlet_the_article_names_is_that_outlet() -> None:
    linked = _batch_linked(
        ("Harbour Morning Post/ORG", "Post/ORG", "Post/ORG"),  # "the Post" after the outlet's full name
        ("Post/ORG",),  # another article's "Post" alone is no particular outlet
        ("White House/ORG", "House/ORG"),  # and a word that ends a body's name, not an outlet's, stays apart
    )
    assert _entity_of(linked, "Harbour Morning Post") == {linked[0].mentions[1].entity_id}
    assert linked[1].mentions[0].entity_id != linked[0].mentions[0].entity_id
    assert not _entity_of(linked, "House") & _entity_of(linked, "White House")


def _told(*articles: tuple[str, tuple[tuple[str, str], ...]]) -> list[Article]:
    """Link one batch of invented articles, each its text and the names it writes ("name", type): every place
    the text writes a name is a mention of it."""
    batch = []
    for n, (text, names) in enumerate(articles):
        found = []
        for name, kind in names:
            at = text.find(name)
            while at >= 0:
                found.append(Mention(text=name, start=at, end=at + len(name), type=kind))
                at = text.find(name, at + len(name))
        batch.append(Article(id=f"a{n}", source="t", text=text, mentions=tuple(sorted(found, key=lambda m: m.start))))
    return Linker().link_articles(batch)


# One man's story in an agency report and in its translation round trip, which spells his name another way.
_TSANG = (
    "It has been three days since Tsang lost touch with his father-in-law, whose flat was in the first tower to burn. "
    "Tsang and his daughter searched the shelters and the mortuary lists. "
    '"It is agonising, I keep reading names I never want to read," Tsang told the Ledger.'
)
_TSENG = (
    "Mr. Tseng, whose father-in-law's flat burned, has not reached him for three whole days. "
    "Mr. Tseng went through the mortuary lists with his daughter. "
    "Mr. Tseng said: \u201cIt's agonising, because I keep reading names I don't want to read.\u201d"
)
# Stories of other people in the same news: the fire, the towers, the missing.
_OTHERS = (
    "The fire spread through seven towers and at least 57 people died. Residents said the alarms never rang.",
    "Firefighters searched the towers for the missing on Friday as the fire burned out. Residents waited.",
    "The missing were listed at the mortuary as the towers cooled. Residents of the estate gathered outside.",
)


@pytest.mark.parametrize(
    ("articles", "a", "b", "one"),
    [
        # Told alike (his father-in-law, the mortuary lists, the names he does not want to read): one man.
        (((_TSANG, "Tsang"), (_TSENG, "Tseng")), "Tsang", "Tseng", True),
        (((_TSENG, "Tseng"), (_TSANG, "Tsang")), "Tsang", "Tseng", True),
        # Two people of alike names told differently: a teacher and a banker.
        (
            (
                ("Wong, a teacher of 38, said the school would reopen on Monday after the storm.", "Wong"),
                ("Wang, the bank's chief executive, said profits fell in the third quarter.", "Wang"),
            ),
            "Wong",
            "Wang",
            False,
        ),
        # Alike names that one article writes both: two people, however alike the rest is told.
        (
            (
                (_TSANG, "Tsang"),
                (_TSENG + " His neighbour Tsang said the father-in-law had lived there for three decades.", "Tseng"),
            ),
            "Tsang",
            "Tseng",
            False,
        ),
        # Told alike only in what the whole story says (the fire, the towers, the missing): no evidence.
        (
            (
                ("Tsang said the fire reached the towers and residents were missing.", "Tsang"),
                ("Tseng said the missing residents were in the towers when the fire spread.", "Tseng"),
                *((text, "") for text in _OTHERS),
            ),
            "Tsang",
            "Tseng",
            False,
        ),
    ],
)
def test_a_surname_spelled_two_ways_is_one_person_only_where_told_alike(
    articles: tuple[tuple[str, str], ...], a: str, b: str, one: bool
) -> None:
    linked = _told(*((text, ((name, "PERSON"),) if name else ()) for text, name in articles))
    ids_a, ids_b = _entity_of(linked, a), _entity_of(linked, b)
    assert len(ids_a) == len(ids_b) == 1 and None not in ids_a | ids_b
    assert (ids_a == ids_b) is one


_TANG = (
    "The fire broke out at Tang Yiu Court on Wednesday afternoon, and bamboo scaffolding carried it to seven towers, "
    "killing at least 57 people."
)
_HONG = "Since the fire broke out at the Hong Yiu Court on the 26th, at least 57 lives have been lost to it."


@pytest.mark.parametrize(
    ("articles", "a", "b", "one"),
    [
        # One estate, another reading of one of its name's words, the same fire and toll told of it.
        (
            ((_TANG, "Tang Yiu Court", "LOC"), (_HONG, "Hong Yiu Court", "ORG")),
            "Tang Yiu Court",
            "Hong Yiu Court",
            True,
        ),
        # Two estates of rhyming names told differently: a fire and a library.
        (
            (
                (_TANG, "Tang Yiu Court", "LOC"),
                ("A new library opened at Hong Yiu Court, with a reading room for children.", "Hong Yiu Court", "LOC"),
            ),
            "Tang Yiu Court",
            "Hong Yiu Court",
            False,
        ),
        # Named side by side in one article: two estates.
        (
            (
                (_TANG, "Tang Yiu Court", "LOC"),
                (_HONG + " Residents of Tang Yiu Court were moved to shelters.", "Hong Yiu Court", "LOC"),
            ),
            "Tang Yiu Court",
            "Hong Yiu Court",
            False,
        ),
        # Words that do not rhyme (Wo, Yuen) are two names, however alike the rest is told.
        (
            (
                (_TANG.replace("Tang Yiu", "Tai Wo"), "Tai Wo Court", "LOC"),
                (_HONG.replace("Hong Yiu", "Tai Yuen"), "Tai Yuen Court", "LOC"),
            ),
            "Tai Wo Court",
            "Tai Yuen Court",
            False,
        ),
        # Other words that any place may have ("City", "Court"): nothing particular shared.
        (
            (
                (_TANG.replace("Tang Yiu", "Tang City"), "Tang City Court", "LOC"),
                (_HONG.replace("Hong Yiu", "Hong City"), "Hong City Court", "LOC"),
            ),
            "Tang City Court",
            "Hong City Court",
            False,
        ),
    ],
)
def test_a_place_with_one_word_read_another_way_is_one_place_only_where_told_alike(
    articles: tuple[tuple[str, str, str], ...], a: str, b: str, one: bool
) -> None:
    linked = _told(*((text, ((name, kind),)) for text, name, kind in articles))
    ids_a, ids_b = _entity_of(linked, a), _entity_of(linked, b)
    assert len(ids_a) == len(ids_b) == 1 and None not in ids_a | ids_b
    assert (ids_a == ids_b) is one


def test_a_spelling_in_a_later_run_joins_the_one_told_alike_in_the_store(tmp_path: Path) -> None:
    # The agency's report is ingested first, its translation round trip in a later run: what the stored
    # article said of Tsang is read back from the store.
    with Corpus(Store(":memory:")) as corpus:
        for n, text in enumerate((_TSANG, _TSENG)):
            source = tmp_path / f"{n}.jsonl"
            source.write_text(json.dumps({"text": text, "outlet": f"Outlet {n}"}) + "\n", encoding="utf-8")
            corpus.ingest([source])
        people = [e for e in corpus.entities() if e["type"] == "PERSON"]
    assert [sorted(e["aliases"]) for e in people] == [["Tsang", "Tseng"]]


def test_without_the_store_s_mentions_a_later_spelling_stays_apart() -> None:
    (first,) = _told((_TSANG, (("Tsang", "PERSON"),)))
    stored = Linker()
    stored.link_articles([first])
    records = stored.entities()
    later = Article(id="b", source="t", text=_TSENG, mentions=_told((_TSENG, (("Tseng", "PERSON"),)))[0].mentions)
    later = dataclasses.replace(later, mentions=tuple(dataclasses.replace(m, entity_id=None) for m in later.mentions))
    said = [(_TSANG, "Tsang")]
    (alone,) = Linker(records).link_articles([later])
    (told,) = Linker(records, lambda entity_id: said).link_articles([later])
    tsang = records[0].id
    assert {m.entity_id for m in alone.mentions} != {tsang}
    assert {m.entity_id for m in told.mentions} == {tsang}


def test_a_stored_mention_s_words_are_worked_out_once_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: a settle forgets what an entity's stored mentions say (new ones are stored), and the next lookup reads
    them again; the words of a window read before are not worked out again, and the answer is the same."""
    (first,) = _told((_TSANG, (("Tsang", "PERSON"),)))
    stored = Linker()
    stored.link_articles([first])
    records = stored.entities()
    windows = [(_TSANG, "Tsang"), (_TSANG[:120], "Tsang")]
    read = entities_module.context.context
    asked: list[tuple[str, str]] = []

    def counted(text: str, name: str) -> frozenset[str]:
        if (text, name) in windows:
            asked.append((text, name))
        return read(text, name)

    monkeypatch.setattr(entities_module.context, "context", counted)
    linker = Linker(records, lambda entity_id: windows)
    tsang = linker._known[records[0].id]
    linker._texts = [_TSENG]
    here = read(_TSENG, "Tseng")
    answers = []
    for _ in range(3):
        answers.append(linker._told_alike(here, tsang, rare=2, total=4))
        linker._stored_told.clear()  # as a settle forgets it
    assert answers == [True, True, True]
    assert sorted(asked) == sorted(windows)


def test_one_linker_settled_after_each_batch_links_as_a_linker_rebuilt_from_the_store() -> None:
    """The entities stage keeps one Linker for a run (``settle`` after each batch) instead of building one from
    every stored entity for each batch: the links and the records are the same."""

    def article(n: int, *names: tuple[str, str]) -> Article:
        text, found = "", []
        for name, kind in names:
            found.append(_m(name, kind, start=len(text)))
            text += name + " said. "
        return Article(id=f"a{n}", source="t", text=text, mentions=tuple(found))

    batches = [
        [
            article(1, ("Volodymyr Zelensky", "PERSON"), ("Kyiv", "GPE"), ("Meridian Press Agency", "ORG")),
            article(2, ("Andriy Yermak", "PERSON"), ("Veloria", "GPE"), ("Velorian", "NORP")),
        ],
        [
            article(3, ("Zelenskyy", "PERSON"), ("Kiev", "GPE"), ("MPA", "ORG"), ("Yermak", "ORG")),
            article(4, ("Anna Holt", "PERSON"), ("Veloria", "ORG"), ("Jermak", "PERSON")),
        ],
        [
            article(5, ("Peter Holt", "PERSON"), ("Holt", "PERSON"), ("Zelensky", "GPE"), ("Meridian", "ORG")),
            article(6, ("Veloria", "GPE"), ("Kyiv", "ORG"), ("Vladimir Zelensky", "PERSON")),
        ],
    ]
    stored: dict[str, object] = {}
    rebuilt = []
    for batch in batches:
        fresh = Linker(list(stored.values()))  # type: ignore[arg-type]
        rebuilt.append(fresh.link_articles(batch))
        stored.update((e.id, e) for e in fresh.entities(fresh.changed))
    kept, settled = Linker(), {}
    for batch, expected in zip(batches, rebuilt, strict=True):
        linked = kept.link_articles(batch)
        assert [[(m.text, m.entity_id, m.type) for m in a.mentions] for a in linked] == [
            [(m.text, m.entity_id, m.type) for m in a.mentions] for a in expected
        ]
        records = kept.entities(kept.changed)
        kept.settle(records)
        settled.update((e.id, e) for e in records)
    assert settled == stored
    assert not kept.changed


def test_the_cheap_bounds_before_difflib_decide_as_difflib_does() -> None:
    """``_ratio_at_least`` rejects on upper bounds of the ratio (lengths, letters one word never writes) before
    running difflib: it answers as ``SequenceMatcher.ratio() >= floor`` for every pair."""
    from difflib import SequenceMatcher

    from newsdesk.extract.entities import _ratio_at_least

    words = [
        skeleton(w)
        for w in "Zelensky Zelenskyy Selensky Aleksandrov Oleksandrov Rahman Rahaman Walha Wahla "
        "Mozumder Majumdar Golam Ghulam Fung Feng Stanford Stanley Statler Kyiv Kiev Umerov Umjerow".split()
    ]
    for a in words:
        for b in words:
            for floor in (0.6, 0.75, 0.85):
                assert _ratio_at_least(a, b, floor) == (SequenceMatcher(None, a, b).ratio() >= floor), (a, b, floor)


def test_a_persons_surname_is_compared_before_the_whole_name_with_the_same_answer() -> None:
    """``Linker._named`` compares last words first (the pairs of words once) and only then the names: the same
    answer as comparing the name with every alias."""
    from newsdesk.extract.entities import _Known

    names = [
        "Volodymyr Zelensky",
        "Zelenskyy",
        "Vladimir Zelenskiy",
        "Anna Holt",
        "Peter Holt",
        "Holt",
        "Md Rahman",
        "Muhammad Rahaman",
        "J. Smith",
        "John Smith",
        "Jon Smyth",
        "Golam Mortuza Mozumder",
        "Ghulam Murtaza Majumdar",
        "Lam Wai-Kit",
        "Kevin Lam",
        "Kyiv",
        "Kiev",
        "Meridian Press Agency",
        "MPA",
    ]
    for kind in ("PERSON", "ORG", "GPE"):
        for name in names:
            for alias in names:
                k = _Known(id="x", type=kind)
                k.aliases[alias] += 1
                assert Linker._named(name, kind, k) == same_name(name, alias, kind), (name, alias, kind)


def test_longer_forms_are_found_in_the_same_order_whichever_word_has_fewer_people() -> None:
    """``_longer_forms`` finds the longer forms of a name by its first and last words together (decision 0041), in
    the order of the people under the first word: the order a scan of the first word's people gives."""
    from newsdesk.records import Entity

    def person(n: int, name: str) -> Entity:
        return Entity(id=f"p{n}", name=name, type="PERSON", aliases=(name,), mentions=1, articles=1)

    # Many more people named Aslam than Khan: the Khans are looked up among the Aslams. Noor Khan is known as
    # "Aslam Noor Khan" last, so the Aslams list him last and the Khans first.
    people = [person(0, "Noor Khan"), *(person(i, f"Aslam Zafar{chr(97 + i % 26)}{i}") for i in range(1, 30))]
    people += [person(30, "Aslam Khan Kamar"), person(31, "Aslam Bibi Khan"), person(32, "Imran Khan")]
    linker = Linker(people)
    noor = linker._known["p0"]
    noor.aliases["Aslam Noor Khan"] += 1
    linker._index(noor, "Aslam Noor Khan")
    found = [k.id for k in linker._longer_forms("Aslam Khan", {})]
    assert found == ["p31", "p0"]


def test_the_surname_pattern_is_compiled_only_where_its_words_are_written_with_the_same_answer() -> None:
    """``introduced_by_surname`` looks for the words the pattern must find around the surname before compiling the
    pattern: the answer is the pattern's."""
    from newsdesk.extract.entities import _introduced, introduced_by_surname

    texts = [
        "A woman surnamed Wong said she waited for hours.",
        "He gave only his surname, Ng, to reporters. Ng said more.",
        "She gave only her family name Tam.",
        "Wong, who asked to be identified only by his surname, said the lift failed.",
        "Wong who declined to give his full name said so.",
        "Wong said who knows. Only Ng knew.",
        "The minister, Wong, said only that the inquiry would report.",
        "Mr. Wong, who wanted his first name withheld, spoke.",
    ]
    for text in texts:
        for surname in ("Wong", "Ng", "Tam", "Mr. Wong", "Lee"):
            expected = surname in text and _introduced(surname).search(text) is not None
            assert introduced_by_surname(surname, text) == expected, (surname, text)


def _capitalised_words() -> list[str]:
    """The capitalised words of the PolNeAR dev texts, sorted: surnames and first names to make people of."""
    found: set[str] = set()
    for path in sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt")):
        found.update(re.findall(r"\b[A-Z][a-z]{3,11}\b", path.read_text(encoding="utf-8")))
    return sorted(found)


def test_a_full_name_is_compared_with_the_people_of_its_surname_and_initial_not_with_every_person_under_its_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: the people a new full name is compared with (``Linker._named``) are those whose last word is its
    own spelled another way and whose first name has its initial (decision 0041): eight times as many people of
    other surnames under the same first four letters, and eight people of its own surname with first names of
    other initials, cost no comparison more. A surname written alone is compared with nobody (the people under
    the last words nearly its own are the answer) and still goes to the most mentioned person of that name."""
    from newsdesk.extract.entities import _first_keys, _same_word

    words = _capitalised_words()
    by_prefix: dict[str, list[str]] = {}
    for w in words:
        by_prefix.setdefault(skeleton(w)[:4], []).append(w)
    surnames, others = [], []
    for group in by_prefix.values():
        if len(group) < 4 or len(surnames) == 40:
            continue
        surname, rest = group[0], group[1:]
        unlike = [w for w in rest if not _same_word(skeleton(surname), skeleton(w))]
        if len(unlike) >= 3:
            surnames.append(surname)
            others += unlike
    # None of the others is one of the surnames spelled another way (under another key either).
    others = [o for o in others if not any(_same_word(skeleton(s), skeleton(o)) for s in surnames)]
    assert len(surnames) >= 20 and len(others) >= 3 * len(surnames)
    # The new names' first name, the known person's (another name of the same initial), and eight of other
    # initials, none of them the new one with its first letter written otherwise.
    asked = next(w for w in words if skeleton(w)[:1] == "m" and len(w) >= 5)
    known = next(w for w in words if skeleton(w)[:1] == "m" and not _same_word(skeleton(w), skeleton(asked)))
    unlike_firsts = [w for w in words if not _first_keys(skeleton(w)) & _first_keys(skeleton(asked))]
    unlike_firsts = unlike_firsts[:: max(1, len(unlike_firsts) // 8)][:8]
    assert len(unlike_firsts) == 8

    def person(n: int, name: str) -> Entity:
        return Entity(id=f"p{n}", name=name, type="PERSON", aliases=(name,), mentions=2, articles=1)

    few = [person(n, f"{known} {s}") for n, s in enumerate(surnames)]
    more = [f"{f} {o}" for o in others for f in unlike_firsts] + [f"{f} {s}" for s in surnames for f in unlike_firsts]
    many = few + [person(len(few) + n, name) for n, name in enumerate(more)]
    assert len(many) >= 8 * len(few) + 8 * len(few) + len(few)
    batch = [
        Article(id=f"a{n}", source="t", text=f"{asked} {s} said.", mentions=(_m(f"{asked} {s}"),))
        for n, s in enumerate(surnames)
    ]
    alone = [Article(id=f"b{n}", source="t", text=f"{s} said.", mentions=(_m(s),)) for n, s in enumerate(surnames)]
    named, calls = Linker._named, [0]

    def counted(name: str, kind: str, k: object) -> bool:
        calls[0] += 1
        return named(name, kind, k)  # type: ignore[arg-type]

    monkeypatch.setattr(Linker, "_named", staticmethod(counted))
    compared = []
    for stored in (few, many):
        calls[0] = 0
        Linker(stored).link_articles(batch)
        compared.append(calls[0])
        calls[0] = 0
        linked = Linker(stored).link_articles(alone)
        assert calls[0] == 0
        # Every person of the surname is as often mentioned: the first known.
        assert [a.mentions[0].entity_id for a in linked] == [f"p{n}" for n in range(len(surnames))]
    assert compared[0] >= len(surnames)  # each new name meets the person of its surname and initial
    assert compared[1] == compared[0]


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        # Members of one family: a consonant added inside a first name, or an "a" at its end, is another name.
        ("Ivana Trump", "Ivanka Trump", False),
        ("Ivan Petrov", "Ivana Petrov", False),
        ("Eric Holt", "Erica Holt", False),
        # Transliterations and spellings of one name: vowels, an "h", a doubled letter, a letter written otherwise.
        ("Jon Holt", "John Holt", True),
        ("Anne Holt", "Ann Holt", True),
        ("Mohamed Yunus", "Mohammed Yunus", True),
        ("Serhiy Marchenko", "Sergei Marchenko", True),
        ("Oleksandr Usyk", "Olexandr Usyk", True),
        ("Yulia Svyrydenko", "Yuliya Svyrydenko", True),
    ],
)
def test_a_first_name_with_a_consonant_or_a_final_a_added_is_another_persons(a: str, b: str, one: bool) -> None:
    assert same_name(a, b, "PERSON") is one
    assert same_name(b, a, "PERSON") is one
    stored = [Entity(id="p0", name=a, type="PERSON", aliases=(a,), mentions=3, articles=1)]
    (m,) = Linker(stored).link("x", [_m(b)])
    assert (m.entity_id == "p0") is one


@pytest.mark.parametrize(
    ("known", "new"),
    [
        ("Kurbanguly Berdymukhamedov", "Gurbanguly Berdimuhamedov"),
        ("Giannis Panagopoulos", "Yiannis Panagopoulos"),
        ("Khalil Haddad", "Halil Haddad"),
        ("Oleksandr Usyk", "Aleksandr Usyk"),
        ("Yekaterina Ivanova", "Ekaterina Ivanova"),
        ("Catherine Holt", "Katherine Holt"),
    ],
)
def test_a_first_name_written_with_another_first_letter_still_finds_its_person(known: str, new: str) -> None:
    """A full name is looked up under its first name's initial (decision 0041), and also under the first name
    without its first letter, and whole: a transliteration writing the first letter otherwise, or one more, finds
    the person among others of that surname."""
    others = ["Peter", "Daniel", "Robert", "Sophie", "Tomas", "Lena", "Nina", "Walter"]
    surname = known.split()[-1]
    stored = [Entity(id="p0", name=known, type="PERSON", aliases=(known,), mentions=1, articles=1)]
    stored += [
        Entity(id=f"p{n}", name=f"{f} {surname}", type="PERSON", aliases=(f"{f} {surname}",), mentions=5, articles=1)
        for n, f in enumerate(others, start=1)
    ]
    (m,) = Linker(stored).link("a", [_m(new)])
    assert m.entity_id == "p0"


def test_organisations_and_places_are_found_as_a_scan_of_every_alias_under_their_keys_finds_them() -> None:
    """``Linker._bodies_named`` compares each distinct name under a name's keys once and ``_places_named`` looks
    the whole name up (decision 0041): the same entities in the same order as comparing every alias of every
    entity under the name's keys, also after a batch has added aliases and the records were taken back."""
    import random

    from newsdesk.extract.entities import _PLACE_OR_BODY, _words

    words = _capitalised_words()
    by_prefix: dict[str, list[str]] = {}
    for w in words:
        by_prefix.setdefault(skeleton(w)[:3], []).append(w)
    # Few keys, many names under each: words of the twenty largest groups of three first letters.
    pool = [w for group in sorted(by_prefix.values(), key=len)[-20:] for w in group]
    rng = random.Random(20261204)

    def respelled(word: str) -> str:
        at = rng.randrange(1, len(word))
        return word[:at] + word[at + 1 :] if rng.random() < 0.5 else word[:at] + word[at] + word[at:]

    def name() -> str:
        parts = rng.sample(pool, rng.choice([1, 1, 2, 3]))
        return " ".join(parts) + (" Ltd" if rng.random() < 0.1 else "")

    stored = []
    for n in range(400):
        first = name()
        aliases = {first, " ".join(respelled(w) if rng.random() < 0.5 else w for w in first.split())}
        kind = rng.choice(["ORG", "ORG", "GPE", "LOC", "NORP", "PERSON"])
        stored.append(Entity(id=f"x{n}", name=first, type=kind, aliases=tuple(sorted(aliases)), mentions=3, articles=1))
    linker = Linker(stored)
    queries = [a for e in stored[:150] for a in e.aliases] + [name() for _ in range(150)] + pool[:100]

    def check() -> None:
        for q in queries:
            for kind in ("ORG", "GPE", "LOC", "NORP"):
                want = [k.id for k in linker._candidates(q, kind) if linker._named(q, kind, k)]
                assert [k.id for k in linker._bodies_named(q, kind)] == want, (q, kind)
            key = skeleton(" ".join(_words(q)))
            want = [
                k.id
                for t in _PLACE_OR_BODY
                for k in linker._candidates(q, t)
                if k.type in _PLACE_OR_BODY and any(skeleton(" ".join(_words(a))) == key for a in k.aliases)
            ]
            assert [k.id for k in linker._places_named(q)] == want, q

    check()
    batch = [
        Article(
            id=f"a{n}",
            source="t",
            text=" ".join(names),
            mentions=tuple(
                _m(x, rng.choice(["ORG", "GPE", "PERSON"]), sum(len(y) + 1 for y in names[:i]))
                for i, x in enumerate(names)
            ),
        )
        for n in range(40)
        for names in [[name() for _ in range(5)]]
    ]
    linker.link_articles(batch)
    check()
    linker.settle(linker.entities(linker.changed))
    check()


def test_longer_and_shorter_forms_are_read_by_pairs_of_words_not_by_every_person_of_one_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: ``Linker._longer_forms`` reads the people with a full name holding two of a name's words in order
    (decision 0041), not every person whose name ends on one of its words: eight times as many people sharing
    the names' first names or surnames (with other words beside them) cost not one comparison (:func:`contains`)
    more, and the same people are found."""
    from newsdesk.extract import entities

    words = _capitalised_words()
    pool = [w for w in words if len(skeleton(w)) >= 5]
    firsts, middles, lasts = pool[0:40:2], pool[1:40:2], pool[200:220]
    known = [f"{f} {m} {s}" for f, m, s in zip(firsts, middles, lasts, strict=True)]
    # Each name asked: a shorter form of a known one (two of its words), and a longer form of a known shorter one.
    asked = [f"{f} {s}" for f, s in zip(firsts, lasts, strict=True)]
    asked += [f"{f} {x} {s}" for f, s, x in zip(firsts, lasts, pool[300:320], strict=True)]
    used = {sound(skeleton(w)) for name in known + asked for w in name.split()}
    others = [w for w in pool[400:] if sound(skeleton(w)) not in used][:160]
    assert len(others) == 160

    def person(n: int, name: str) -> Entity:
        return Entity(id=f"p{n}", name=name, type="PERSON", aliases=(name,), mentions=2, articles=1)

    few = [person(n, name) for n, name in enumerate(known)]
    few += [person(100 + n, f"{f} {s}") for n, (f, s) in enumerate(zip(firsts, lasts, strict=True))]
    # Eight more people for each: sharing a first name, a middle name or a surname, never two words of one name.
    more = [f"{o} {s}" for s in lasts for o in others[:4]] + [f"{f} {o}" for f in firsts for o in others[4:8]]
    more += [f"{f} {o} {p}" for f in firsts for o, p in zip(others[8:16:2], others[9:16:2], strict=True)]
    more += [f"{o} {m} {p}" for m in middles for o, p in zip(others[16:24:2], others[17:24:2], strict=True)]
    many = few + [person(1000 + n, name) for n, name in enumerate(more)]
    assert len(many) >= 8 * len(few)
    real, calls = entities.contains, [0]

    def counted(longer: str, shorter: str, *, opening: bool = True) -> bool:
        calls[0] += 1
        return real(longer, shorter, opening=opening)

    monkeypatch.setattr(entities, "contains", counted)
    compared, found = [], []
    for stored in (few, many):
        linker, calls[0] = Linker(stored), 0
        found.append([[k.id for k in linker._longer_forms(name, {})] for name in asked])
        compared.append(calls[0])
    assert all(found[0][:20]) and all(found[0][20:])  # each name finds its longer or shorter form
    assert found[1] == found[0]
    assert compared[1] == compared[0]


def _count_similar(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``entities._similar`` counting its calls, in the list returned (one number)."""
    from newsdesk.extract import entities

    counted = [0]
    similar = entities._similar

    def counting(a: str, b: str) -> bool:
        counted[0] += 1
        return similar(a, b)

    monkeypatch.setattr(entities, "_similar", counting)
    return counted


def test_a_name_looked_up_again_reads_only_the_names_added_under_its_keys_since(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: an organisation's name, or a surname written alone, looked up again in a run is not compared
    again with every name under its keys (decision 0041, last revision): the lookup remembers what it found and how
    far it read, and reads only what a batch has added since; the answer is still the scan's."""
    from newsdesk.extract import entities

    counted = _count_similar(monkeypatch)
    towns = [w for w in _capitalised_words() if len(w) >= 5][:300]
    stored = [
        Entity(id=f"o{n}", name=f"{w} University", type="ORG", aliases=(f"{w} University",), mentions=2, articles=1)
        for n, w in enumerate(towns)
    ]
    stored += [
        Entity(
            id=f"p{n}",
            name=f"Anna Kowa{w.lower()}",
            type="PERSON",
            aliases=(f"Anna Kowa{w.lower()}",),
            mentions=2,
            articles=1,
        )
        for n, w in enumerate(towns)
    ]
    linker = Linker(stored)
    body, surname = f"{towns[7]} Universty", f"Kowa{towns[9].lower()}"

    def scan(name: str, kind: str) -> list[str]:
        return [k.id for k in linker._candidates(name, kind) if linker._named(name, kind, k)]

    def lookups() -> tuple[list[str], list[str]]:
        return [k.id for k in linker._bodies_named(body, "ORG")], [k.id for k in linker._people_named(surname)]

    counted[0] = 0
    first = lookups()
    read = counted[0]
    assert read > 0  # the first lookups compare the names under their keys (those of a length within reach)
    assert first == (scan(body, "ORG"), scan(surname, "PERSON"))
    assert first[0] and first[1]
    counted[0] = 0
    assert lookups() == first
    assert counted[0] == 0  # the code before compared every name again
    # A batch adds names under the same keys: the next lookup reads those only, and finds the same body.
    new = [f"{towns[7]} Universit", *(f"{w} University" for w in ("Harbourside", "Kelvanton", "Dastmar"))]
    batch = [Article(id="a1", source="t", text=" ".join(new), mentions=tuple(_m(n, "ORG") for n in new))]
    linker.link_articles(batch)
    linker.settle(linker.entities(linker.changed))
    counted[0] = 0
    bodies, _ = lookups()
    assert 0 < counted[0] <= 2 * 3 * len(new)  # each new name under each of the three keys, once or twice
    assert bodies == scan(body, "ORG")
    assert bodies == first[0] and new[0] in linker._known[bodies[0]].aliases  # the respelling joined it
    # A Linker that forgets what it read (a long run's) answers the same.
    monkeypatch.setattr(entities, "_READ_KEPT", 1)
    assert lookups() == (scan(body, "ORG"), scan(surname, "PERSON")) == (bodies, first[1])


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words every Linker's lookups by spelling (``Linker._alike``) read groups for, from now on."""
    read: list[str] = []
    alike = Linker._alike

    def reading(self: Linker, group: Any, word: str, same: Any) -> tuple[str, ...]:
        read.append(word)
        return alike(self, group, word, same)

    monkeypatch.setattr(Linker, "_alike", reading)
    return read


def test_a_body_s_name_asked_again_is_not_looked_up_again_until_its_keys_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: an organisation's or a place's name asked again (``Linker._bodies_named``) is answered from what
    its last lookup found while nothing changed under its three keys: no group read again; the entities' kinds are
    still asked as they stand. A name added under one of its keys (a batch's), or an entity taken from one (a settle),
    makes the next lookup read them again; the answer is always the scan's (decision 0041, revision of 2026-12-06,
    mid-afternoon)."""
    firsts = [w for w in _capitalised_words() if len(w) == 7][:120]
    stored = [
        Entity(id=f"o{n}", name=f"{w} Gazette", type="ORG", aliases=(f"{w} Gazette",), mentions=2, articles=1)
        for n, w in enumerate(firsts)
    ]
    linker = Linker(stored)
    read = _reads(monkeypatch)
    name = f"{firsts[5]} Gazete"

    def scan(kind: str = "ORG") -> list[str]:
        return [k.id for k in linker._candidates(name, kind) if linker._named(name, kind, k)]

    def lookup(kind: str = "ORG") -> list[str]:
        return [k.id for k in linker._bodies_named(name, kind)]

    assert lookup() == scan() == ["o5"]
    assert read
    read.clear()
    assert lookup() == ["o5"]
    assert not read  # the code before read the groups of its three keys again
    # A batch names the body twice more, spelled other ways: forms added under its keys.
    new = [f"{firsts[5]} Gazzete", f"{firsts[5]} Gazetta"]
    text = " ".join(new)
    batch = [Article(id="a1", source="t", text=text, mentions=(_m(new[0], "ORG"), _m(new[1], "ORG", len(new[0]) + 1)))]
    linker.link_articles(batch)
    read.clear()
    assert lookup() == scan()
    assert read  # a form was added under its keys: read again
    linker.settle(linker.entities(linker.changed))
    read.clear()
    assert lookup() == scan()
    assert read  # entities were taken from its keys and put back at their end: read again
    read.clear()
    assert lookup() == scan() and not read
    # Kinds are asked at each lookup: a body made a place is no organisation's answer, and a place's.
    linker._known["o5"].type = "GPE"
    assert lookup() == scan() == [] and lookup("GPE") == scan("GPE")
    linker._known["o5"].type = "ORG"
    assert lookup() == scan() == ["o5"]
    # A Linker that forgets its answers (a long run's) answers the same.
    monkeypatch.setattr(entities_module, "_READ_KEPT", 1)
    assert lookup() == scan() == ["o5"] and lookup("GPE") == scan("GPE")


def test_the_holders_of_an_office_are_read_by_family_name_as_a_scan_finds_them() -> None:
    """``Linker._same_office`` reads the people of a family name written the other way (``_by_family``), not every
    person under the family name's sound: the same people in the same order as that scan, also after a batch and a
    settle."""
    from newsdesk.extract.entities import _family

    families = ["Lam", "Lan", "Lum", "Wong", "Wang", "Chan", "Chen"]
    stored = []
    for n in range(120):
        family = families[n % len(families)]
        name = f"{family} Wai-Kit" if n % 3 == 0 else f"Kevin{n} {family}"
        role = "Transport Secretary" if n % 2 else "Health Secretary"
        stored.append(
            Entity(id=f"x{n}", name=name, type="PERSON", aliases=(name,), roles=(role,), mentions=2, articles=1)
        )
    linker = Linker(stored)

    def scan(name: str, role: str) -> list[str]:
        first, family = family_first(name), skeleton(_family(name))
        return [
            k.id
            for k in linker._by_key(linker._by_sound, sound(family))
            if k.type == "PERSON"
            and any(family_first(a) != first and skeleton(_family(a)) == family for a in k.full)
            and any(same_office(role, r) for r in k.roles)
        ]

    queries = [(f"{f} Siu-Fong", r) for f in families for r in ("Transport Secretary", "Health Secretary")]
    queries += [(f"Anna {f}", "Harbour Transport Secretary") for f in families]

    def check() -> None:
        found = 0
        for name, role in queries:
            want = scan(name, role)
            assert [k.id for k in linker._same_office(name, role)] == want, name
            found += len(want)
        assert found

    check()
    names = ["Lam Ka-Chiu", "Peter Wong", "Chan Tai-Man"]
    text = ". ".join(names)
    mentions = tuple(dataclasses.replace(_m(n, start=text.index(n)), role="Transport Secretary") for n in names)
    linker.link_articles([Article(id="a1", source="t", text=text, mentions=mentions)])
    check()
    linker.settle(linker.entities(linker.changed))
    check()


@pytest.mark.parametrize("word", ["Zelenskyy", "Tsybulsky", "Umjerow", "Jermak", "José", "Łukasz", "Straße", "Ǆemal"])
def test_a_skeleton_is_the_same_written_in_ascii_or_not(word: str) -> None:
    """:func:`skeleton` takes a shorter way for a word of ASCII letters: the same key as the general way."""
    import unicodedata

    from newsdesk.extract import entities

    folded = unicodedata.normalize("NFKD", word)
    letters = "".join(c for c in folded if c.isalpha() and not unicodedata.combining(c)).lower()
    # The general way, on a word made non-ASCII by a combining mark that the general way drops.
    assert skeleton(word) == entities.skeleton(letters + "\u0301") == skeleton(letters.capitalize())


def test_a_lookup_by_spelling_asks_no_comparison_a_name_s_length_or_letters_cannot_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: a lookup by spelling (``Linker._alike``) passes over the names under a key whose length or letters
    cannot reach the comparison's floor (``_ratio_at_least``'s first bounds, read from each name's length and
    letters kept beside it) without asking the comparison; the answers are a scan's, in its order (decision 0041,
    revision of 2026-12-05 morning)."""
    from newsdesk.extract import entities

    words = sorted({skeleton(w) for w in _capitalised_words() if len(w) >= 5})[:400]
    words += [skeleton(w) for w in "Zelensky Zelenskyy Selensky Rahman Rahaman Walha Wahla Golam Ghulam".split()]
    for same, floor in entities._FLOORS.items():
        for a in words[::7]:
            for b in words:
                if same(a, b):
                    assert entities._reaches(*entities._shape(a), *entities._shape(b), floor), (same, a, b)
    asked = _count_similar(monkeypatch)
    # Bodies under one key (the last word's first letters), their first words of one length but other letters.
    firsts = [w for w in _capitalised_words() if len(w) == 7][:200]
    stored = [
        Entity(id=f"o{n}", name=f"{w} Gazette", type="ORG", aliases=(f"{w} Gazette",), mentions=2, articles=1)
        for n, w in enumerate(firsts)
    ]
    linker = Linker(stored)
    name = f"{firsts[5]} Gazete"
    found = [k.id for k in linker._bodies_named(name, "ORG")]
    # (Three keys: the last word's first letters, its consonants, its letters in any order.)
    assert asked[0] < len(firsts) // 2  # the code before asked it of every name of a length within reach
    assert found == [k.id for k in linker._candidates(name, "ORG") if linker._named(name, "ORG", k)]
    assert found == ["o5"]


def test_a_batch_links_with_what_was_alive_before_it_out_of_the_collector_s_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: while a batch links, and while its records are settled, the objects alive before it (the Linker's
    indexes, as many as the store's entities and names) are left out of the cyclic garbage collector's passes, which
    would read them all at each full collection; after it, they are handed back and the collector is as it was. The
    Linker is built from the store with the collector off, and where something else froze objects nothing is done
    (unfreezing would undo it)."""
    import gc

    from newsdesk.extract import entities

    frozen: list[int] = []
    named = Linker._named

    def seen(name: str, kind: str, k: entities._Known) -> bool:
        frozen.append(gc.get_freeze_count())
        return bool(named(name, kind, k))

    monkeypatch.setattr(Linker, "_named", staticmethod(seen))
    stored = [Entity(id="p1", name="Anna Kowalska", type="PERSON", aliases=("Anna Kowalska",), mentions=2, articles=1)]
    building: list[bool] = []
    build = Linker._build
    monkeypatch.setattr(Linker, "_build", lambda self, known: (building.append(gc.isenabled()), build(self, known))[1])
    linker = Linker(stored)
    assert building == [False] and gc.isenabled()
    text = "Anna Kowalska spoke. Anna Kowalski agreed."
    mentions = (
        Mention(text="Anna Kowalska", start=0, end=13, type="PERSON"),
        Mention(text="Anna Kowalski", start=21, end=34, type="PERSON"),
    )
    linked = linker.link_articles([Article(id="a1", source="t", text=text, mentions=mentions)])
    assert frozen and all(n > 0 for n in frozen)  # the code before left everything in the collector's passes
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert {m.entity_id for m in linked[0].mentions} == {"p1"}
    linker.settle(linker.entities(linker.changed))
    assert gc.get_freeze_count() == 0
    # Objects frozen by another stay frozen, and linking goes on as before.
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        frozen.clear()
        linker.link_articles([Article(id="a2", source="t", text=text, mentions=mentions)])
        assert frozen and max(frozen) <= before  # nothing more frozen (frozen objects may still be freed)
        assert gc.get_freeze_count() > 0  # and nothing unfrozen
    finally:
        gc.unfreeze()


def test_a_lookup_by_spelling_reads_names_by_length_and_answers_as_a_scan_in_the_group_s_order() -> None:
    """Issue 17: ``Linker._alike`` keeps a group's names by length and passes over the lengths a comparison cannot
    reach whole (decision 0041, revision of 2026-12-05 forenoon): what it finds is a scan's of the group, in the
    group's order, duplicates kept, while the group grows between lookups, for each comparison the lookups ask."""
    from newsdesk.extract import entities

    words = sorted({skeleton(w) for w in _capitalised_words() if len(w) >= 3})[:600]
    words += [skeleton(w) for w in "Zelensky Zelenskyy Selensky Rahman Rahaman Walha Wahla Golam Ghulam Kyiv".split()]
    words += ["", "zelenski", "łodz", "kiev"]  # an empty key, a repeated name, letters beyond a to z
    asked = [*words[::13], "zelenski", "", "łodz", "kv"]
    linker = Linker()
    group: list[str] = []
    for step in (words[:50], words[50:51], words[51:400], [], words[400:]):
        group += step
        for same in [*entities._FLOORS, entities._near]:
            for word in asked:
                assert linker._alike(group, word, same) == tuple(o for o in group if same(word, o)), (same, word)
    assert linker._alike(group, "zelenski", entities._similar_fitting).count("zelenski") == group.count("zelenski") > 1


def test_a_spelling_comparison_answers_as_difflib_s_ratio_with_its_bounds_tried_first() -> None:
    """``_ratio_at_least`` counts the letters two words share (repeats included, as ``quick_ratio`` does) before it
    builds a matcher (decision 0041, revision of 2026-12-05 forenoon): its answer is the ratio's, for words with
    and without repeated letters, at each floor the comparisons ask."""
    from difflib import SequenceMatcher

    from newsdesk.extract import entities

    words = sorted({skeleton(w) for w in _capitalised_words()})[:500]
    words += ["anna", "hanna", "nana", "aaab", "abab", "mississipi", "misisipi", "", "a"]
    asked = 0
    for a in [*words[::9], "anna", "misisipi", ""]:
        for b in words:
            for floor in (0.6, 0.75, 0.85):
                want = SequenceMatcher(None, a, b).ratio() >= floor if a or b else True
                assert entities._ratio_at_least(a, b, floor) == want, (a, b, floor)
                asked += want
    assert asked > 100


def _skeleton_by_every_step(word: str) -> str:
    """:func:`skeleton` as it was written before its shortcuts: every step taken, whatever the word."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", word)
    if folded.isascii():
        s = "".join(filter(str.isalpha, folded)).lower()
    else:
        s = "".join(c for c in folded if c.isalpha() and not unicodedata.combining(c)).lower()
    s = re.sub(r"t[sz](?=[aeiouy])", "c", s.replace("w", "v"))
    s = s[:1] + re.sub(r"(?<=[^aeiouy])[jy](?=[aeiou])", "", s[1:])
    if s[:1] == "j":
        s = "y" + s[1:]
    return re.sub(r"(.)\1+", r"\1", s.replace("y", "i"))


def test_skeleton_and_sound_skip_only_steps_that_change_nothing() -> None:
    """``skeleton`` and ``sound`` take a step only where it can change the word (an ASCII word is its own NFKD form;
    the patterns need a "t", a "j" or "y"; runs of a letter found before they are collapsed; decision 0041, revision
    of 2026-12-05 forenoon): the keys are those of every step taken, on real words, their skeletons and words made to
    meet each rule."""
    from newsdesk.extract import entities

    words = _capitalised_words()
    words += [skeleton(w) for w in words] + ["".join(w.split()) for w in words[:50]]
    words += (
        "Tsybulsky tssa ttsa tsja Umjerow Jermak Jjja YYY Zelenskyy Łódź Straße Ærø İstanbul Ǆemal ﬁnn x1-y2 ''".split()
    )
    words += ["", "Ｔｓａ", "O'Neill-Ng", "anna\u0301", "Jean Yves"]
    for word in words:
        key = _skeleton_by_every_step(word)
        assert entities.skeleton(word) == key, word
        s = key.replace("ph", "f").replace("z", "j").replace("q", "k").replace("c", "k")
        assert entities.sound(word) == re.sub(r"(.)\1+", r"\1", s[:1] + re.sub("[aeiouh]", "", s[1:])), word


def test_runs_of_a_letter_are_collapsed_as_joining_groupby_s_keys_did() -> None:
    """``_undoubled`` replaces each run by its first character with a function of C (decision 0041, revision of
    2026-12-05, late afternoon): the same string as the ``itertools.groupby`` join it replaced, where the run
    pattern finds a run (a run of line breaks alone is left as it is, as before), on random strings of letters,
    marks, spaces and line breaks and on real words and their skeletons."""
    import itertools
    import random

    from newsdesk.extract import entities

    def before(s: str) -> str:
        return "".join(c for c, _ in itertools.groupby(s)) if re.search(r"(.)\1+", s) else s

    rng = random.Random(17)
    strings = ["", "a", "aa", "\n\n", "a\n\nbb", "\n\nb", "ééé", "e\u0301\u0301", "AaAA", "  x"]
    strings += ["".join(rng.choice("aab\n \u0301éE") for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    words = _capitalised_words()
    strings += words + [skeleton(w) for w in words] + [w.lower() for w in words]
    changed = 0
    for s in strings:
        assert entities._undoubled(s) == before(s), repr(s)
        changed += entities._undoubled(s) != s
    assert changed > 1000


def test_a_stored_entity_s_counter_is_the_one_counter_makes() -> None:
    """``_counter`` makes a ``Counter`` without its ``__init__``: equal to ``Counter(counts)``, of its class, in its
    order, and counting as one made by ``Counter``."""
    from collections import Counter

    from newsdesk.extract import entities

    for counts in ({}, {"Ada Vell": 3, "Vell": 3}, {"minister": 2, "mayor": 1}, dict.fromkeys("abcab", 0)):
        made = entities._counter(counts)
        want = Counter(counts)
        assert type(made) is Counter and made == want and list(made.items()) == list(want.items())
        made.update(["Vell", "new"])
        want.update(["Vell", "new"])
        assert list(made.items()) == list(want.items()) and made.total() == want.total()
        assert made.most_common() == want.most_common() and made + Counter() == want + Counter()


def test_whether_the_article_names_a_candidate_is_asked_as_before() -> None:
    """``_match`` asks whether the article names one of its candidates as ``here.isdisjoint(map(_ID, candidates))``
    (decision 0041, revision of 2026-12-05, late afternoon): the answer of ``any(k.id in here for k in
    candidates)``, and the candidates it names in their order, on random candidates and articles' entities."""
    import random

    from newsdesk.extract import entities

    rng = random.Random(5)
    ids = [f"e{i}" for i in range(40)]
    for _ in range(3000):
        candidates = [entities._Known(id=i, type="PERSON") for i in rng.sample(ids, rng.randint(0, 12))]
        here = set(rng.sample(ids, rng.randint(0, 6)))
        assert (not here.isdisjoint(map(entities._ID, candidates))) == any(k.id in here for k in candidates)
        named = [] if here.isdisjoint(map(entities._ID, candidates)) else [k for k in candidates if k.id in here]
        assert named == [k for k in candidates if k.id in here]


def test_the_known_names_votes_are_counted_in_the_order_a_count_over_the_entities_gives() -> None:
    """The stored entities' type votes (``Linker._known_votes``, plain dicts since decision 0041's revision of
    2026-12-05 forenoon) are what counting each alias's mentions for its entity's type gives, the kinds of a key in
    the order they were first counted (a tie between two is decided by it) and the keys under each bucket of
    ``_keyed`` in the order they were first voted; after a batch, the entities it changed are counted again."""
    from collections import Counter

    from newsdesk.extract import entities

    stored = [
        Entity(id="g1", name="Veloria", type="GPE", aliases=("Veloria",), mentions=4, articles=2),
        Entity(id="o1", name="Veloria", type="ORG", aliases=("Veloria", "Veloria Group"), mentions=4, articles=2),
        Entity(id="l1", name="Veloria", type="LOC", aliases=("Veloria",), mentions=2, articles=1),
        Entity(
            id="p1", name="Anna Veloria", type="PERSON", aliases=("Anna Veloria", "Veloria"), mentions=6, articles=3
        ),
        Entity(id="n1", name="Velorian", type="NORP", aliases=("Velorian", "Velorians"), mentions=3, articles=1),
    ]
    linker = Linker(stored)

    def counted(order: list[str]) -> tuple[dict[str, Counter[str]], dict[str, list[str]]]:
        votes: dict[str, Counter[str]] = {}
        keyed: dict[str, list[str]] = {}
        for entity_id in order:
            k = linker._known[entity_id]
            for alias, n in k.aliases.items():
                key = entities._type_key(alias)
                if key not in votes:
                    votes[key] = Counter()
                    for bucket in dict.fromkeys([key[:4], entities.sound(key)]):
                        keyed.setdefault(bucket, []).append(key)
                votes[key][k.type] += n
        return votes, keyed

    want, keyed = counted(list(linker._unvoted))
    got = linker._known_votes()
    assert {key: list(kinds.items()) for key, kinds in got.items()} == {
        key: list(kinds.items()) for key, kinds in want.items()
    }
    assert linker._keyed == keyed
    assert len(got["veloria"]) == 4  # GPE, ORG, LOC and PERSON, in the order counted
    # A batch names them again: the entities it changed are counted again, the rest kept.
    text = "Anna Veloria spoke in Veloria. Veloria Group agreed."
    mentions = (
        Mention(text="Anna Veloria", start=0, end=12, type="PERSON"),
        Mention(text="Veloria", start=22, end=29, type="GPE"),
        Mention(text="Veloria Group", start=31, end=44, type="ORG"),
    )
    linker.link_articles([Article(id="a1", source="t", text=text, mentions=mentions)])
    linker.settle(linker.entities(linker.changed))
    again = linker._known_votes()
    recount, _ = counted(list(linker._known))
    assert {key: dict(kinds) for key, kinds in again.items()} == {key: dict(kinds) for key, kinds in recount.items()}


def test_a_name_written_alone_is_answered_from_what_its_last_lookup_found_until_a_person_is_added_under_its_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: a batch looks the same surnames up again and again, and each answer is every person of that surname
    (spelling aside) under three keys, sorted by place: as many as the store holds of it. ``Linker._people_named``
    keeps the answer for a name written alone until a person is added under one of its keys, taken from one or
    given another last word there. Every answer, while batches link (new people, new names of known people) and
    after they settle, is the scan's: every candidate under the keys whose names the name is, in the index's order."""
    import random

    rng = random.Random(20261205)
    surnames = ["Kowalska", "Kowalski", "Kovalska", "Kowalsky", "Novak", "Nowak", "Nowack", "Marlow", "Marlowe"]
    firsts = ["Anna", "Piotr", "Ilse", "Jan", "Marta", "Oskar", "Ewa", "Tomas"]
    stored = []
    for n in range(120):
        surname = rng.choice(surnames)
        full = f"{rng.choice(firsts)} {surname}"
        aliases = (full, surname) if rng.random() < 0.3 else (full,) if rng.random() < 0.8 else (surname,)
        stored.append(Entity(id=f"p{n}", name=aliases[0], type="PERSON", aliases=aliases, mentions=3, articles=1))
    linker = Linker(stored)
    asked: list[tuple[str, list[str], list[str]]] = []
    people_named = Linker._people_named

    def checked(self: Linker, name: str) -> list[entities_module._Known]:
        found = people_named(self, name)
        # A kept answer holds the people as the Linker holds them now (a settle replaces a person's ``_Known``).
        assert all(k is self._known[k.id] for k in found), name
        if len(name.split()) == 1:
            want = [k.id for k in self._candidates(name, "PERSON") if self._named(name, "PERSON", k)]
            asked.append((name, [k.id for k in found], want))
        return found

    monkeypatch.setattr(Linker, "_people_named", checked)
    scans: list[str] = []
    bare_scan = Linker._bare_scan
    monkeypatch.setattr(
        Linker, "_bare_scan", lambda self, last, end: (scans.append(last), bare_scan(self, last, end))[1]
    )
    for batch_no in range(6):
        batch = []
        for n in range(8):
            names = [
                f"{rng.choice([*firsts, 'Lena', 'Ruth'])} {rng.choice([*surnames, 'Kowalsca', 'Zorina', 'Halvikova'])}"
                for _ in range(2)
            ]
            # Surnames known and unknown: a person written alone for the first time is asked again in the batch.
            names += [
                rng.choice([*surnames, "Kowalsca", "Nowakk", "Zorin", "Zorrin", "Halvik", "Halvick"]) for _ in range(4)
            ]
            batch.append(_article_of(f"a{batch_no}-{n}", [(x, "PERSON") for x in names]))
        linker.link_articles(batch)
        linker.settle(linker.entities(linker.changed))
    for surname in surnames:
        checked(linker, surname)
    # A surname nobody has, written alone in two articles of one batch: the second finds the person the first made.
    text = "Zorvanek spoke."
    twice = [Article(id=f"z{n}", source="t", text=text, mentions=(_m("Zorvanek", "PERSON", 0),)) for n in range(2)]
    linked = linker.link_articles(twice)
    assert len({m.entity_id for a in linked for m in a.mentions}) == 1
    assert len(asked) > 200
    for name, found, want in asked:
        assert found == want, name
    # The counts candidates are ranked by are those of their aliases, as they stand.
    for k in linker._known.values():
        assert (k.total, k.has_full) == (sum(k.aliases.values()), len(k.full) > 0), k.id
    assert any(k.has_full for k in linker._known.values()) and not all(k.has_full for k in linker._known.values())
    # And answers were kept: a settle or an added person forgets only the answers of the keys it touched.
    assert len(scans) < len(asked) // 2


def test_a_linker_built_inside_the_runner_s_frozen_block_is_frozen_too_while_its_batch_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: the runner keeps what is alive out of the collector's passes around each corpus stage's batch, and a
    run's Linker is built inside that block: its state is frozen too when its batch links (the outer block hands it
    all back), and the collector does not run while the batch links (each full pass would read the batch's new
    objects: 1.7 CPU s of the 16,000 step's 17.5); after the block, nothing is frozen and the collector is on."""
    import gc

    from newsdesk.extract import entities

    seen: list[tuple[int, bool]] = []
    named = Linker._named

    def spy(name: str, kind: str, k: entities._Known) -> bool:
        seen.append((gc.get_freeze_count(), gc.isenabled()))
        return bool(named(name, kind, k))

    monkeypatch.setattr(Linker, "_named", staticmethod(spy))
    stored = [
        Entity(id=f"p{n}", name=f"Anna Kowal{n}", type="PERSON", aliases=(f"Anna Kowal{n}",), mentions=2, articles=1)
        for n in range(50)
    ] + [Entity(id="p", name="Anna Kowalska", type="PERSON", aliases=("Anna Kowalska",), mentions=2, articles=1)]
    text = "Anna Kowalska spoke."
    batch = [Article(id="a1", source="t", text=text, mentions=(_m("Anna Kowalska", "PERSON", 0),))]
    with entities.kept_out_of_collections():
        outer = gc.get_freeze_count()
        linker = Linker(stored)
        linked = linker.link_articles(batch)
    assert seen and all(n > outer and not enabled for n, enabled in seen)  # the code before: n == outer, enabled
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert linked[0].mentions[0].entity_id == "p"


def test_a_lookup_by_spelling_passes_over_names_sharing_too_few_letters_with_their_repeats() -> None:
    """Issue 17: beside each name a lookup by spelling reads, ``Linker._alike`` keeps its letters with their repeats
    as bits (``_counted``): the bits two words share are the letters they share counted with their repeats, the
    count of ``_ratio_at_least``'s third bound, and a name whose count cannot reach the comparison's floor is passed
    over without the comparison asked (decision 0041, revision of 2026-12-05, late morning). Every pair each
    comparison accepts among real skeletons passes that bound; words with a letter beyond a to z, or written more than
    eight times, have no bits (and are always compared); the lookups answer as a scan does, in its order."""
    from collections import Counter

    from newsdesk.extract import entities

    words = sorted({skeleton(w) for w in _capitalised_words() if len(w) >= 3})[:500]
    words += ["anna", "hanna", "nana", "mississipi", "misisipi", "aaaaaaaaab", "łodz", "lodz", "kiev", "kv"]
    for a in words:
        for b in words[::11]:
            ca, cb = entities._counted(a), entities._counted(b)
            if ca >= 0 and cb >= 0:
                assert (ca & cb).bit_count() == sum((Counter(a) & Counter(b)).values()), (a, b)
    assert entities._counted("łodz") == entities._counted("a" * 9) == -1 and entities._counted("a" * 8) > 0
    accepted = 0
    for same, floor in entities._FLOORS.items():
        for a in words[::5]:
            for b in words:
                if a and b and same(a, b):
                    accepted += 1
                    ca, cb = entities._counted(a), entities._counted(b)
                    assert ca < 0 or cb < 0 or 2.0 * (ca & cb).bit_count() / (len(a) + len(b)) >= floor, (same, a, b)
    assert accepted > 200
    linker = Linker()
    for same in entities._FLOORS:
        for word in [*words[::17], "misisipi", "lodz"]:
            assert linker._alike(words, word, same) == tuple(o for o in words if same(word, o)), (same, word)


def test_groups_made_when_a_lookup_first_reads_them_hold_what_groups_kept_since_the_build_hold() -> None:
    """Issue 17: a Linker built from the store makes the groups of a key (its entities by last words, signs and
    forms) only when a lookup first reads it (``Linker._made``), and keeps those up to date from then on. While
    batches link and settle (new people, bodies and places, new names of known ones, first full names of people
    known by a surname), every group made so holds the entities, under the names, that a Linker making every group
    as it was built holds; and the two link every mention alike."""
    import random

    rng = random.Random(41)
    surnames = ["Kowalska", "Kowalski", "Kovalska", "Novak", "Nowak", "Marlow", "Marlowe", "Lam", "Lamm"]
    firsts = ["Anna", "Piotr", "Ilse", "Jan", "Marta", "Oskar", "Kevin"]
    bodies = [
        "Marlow Harbour Authority",
        "Novak Shipping Co",
        "Kowalski Foundation",
        "Greywater Court",
        "Harbour Court",
    ]
    places = ["Marlowa", "Marlova", "Novakia", "Kowal", "Lamma"]
    stored = []
    for n in range(90):
        roll = rng.random()
        if roll < 0.6:
            surname = rng.choice(surnames)
            full = rng.choice([f"{rng.choice(firsts)} {surname}", f"{surname} Wai-Kit"])
            aliases = (full, surname) if rng.random() < 0.3 else (full,) if rng.random() < 0.7 else (surname,)
            kind = "PERSON"
        else:
            kind = "ORG" if roll < 0.8 else "GPE"
            aliases = (rng.choice(bodies if kind == "ORG" else places),)
        stored.append(Entity(id=f"e{n}", name=aliases[0], type=kind, aliases=aliases, mentions=2, articles=1))
    # A body no other name shares a key with: its acronym and short form, linked to it, are under keys it is not.
    stored.append(
        Entity(id="v", name="Velmora Dredging Consortium", type="ORG", aliases=("Velmora Dredging Consortium",))
    )
    lazy, eager = Linker(stored), Linker(stored)
    indexes = (eager._by_surname, eager._by_sound, eager._by_letters)
    for index in indexes:
        for key in list(index):
            eager._made(index, key)
    assert not lazy._made_keys

    def held(linker: Linker, index: int, key: str) -> tuple[set[tuple[str, ...]], ...]:
        lasts = linker._lasts[index].get(key, {})
        firsts_ = linker._firsts[index].get(key, {})
        forms = linker._forms[index].get(key, {})
        return (
            {(last, kid) for last, ids in lasts.items() for kid in ids},
            {(last, first, kid) for last, by in firsts_.items() for first, ids in by.items() for kid in ids},
            {(form, kid) for form, ids in forms.items() for kid in ids},
        )

    def same_groups(keys: set[tuple[int, str]]) -> None:
        twin = {id(lazy._by_surname): id(eager._by_surname), id(lazy._by_sound): id(eager._by_sound)}
        twin[id(lazy._by_letters)] = id(eager._by_letters)
        for index, key in keys:
            assert held(lazy, index, key) == held(eager, twin[index], key), key

    compared = 0
    for batch_no in range(5):
        batch = []
        if batch_no == 1:
            text = "The VDC said. Velmora said."
            mentions = (_m("VDC", "ORG", 4), _m("Velmora", "ORG", 14))
            batch.append(Article(id="v", source="t", text=text, mentions=mentions))
        for n in range(6):
            names = [
                (f"{rng.choice([*firsts, 'Ruth'])} {rng.choice([*surnames, 'Zorina', 'Lamb'])}", "PERSON"),
                (rng.choice([*surnames, "Zorin", "Lamb"]), rng.choice(["PERSON", "PERSON", "ORG"])),
                (rng.choice([*bodies, "Zorin Harbour Authority", "Marlow"]), "ORG"),
                (rng.choice([*places, "Zorinia", "Lama"]), rng.choice(["GPE", "GPE", "ORG"])),
                # Acronyms and short forms of known bodies: names under keys their bodies are not under yet.
                (rng.choice(["MHA", "NSC", "Greywater", "Shipping"]), "ORG"),
            ]
            batch.append(_article_of(f"a{batch_no}-{n}", names))
        one, other = lazy.link_articles(batch), eager.link_articles(batch)
        if batch_no == 1:
            assert {m.entity_id for m in one[0].mentions} == {"v"}
        assert [[(m.text, m.entity_id, m.type) for m in a.mentions] for a in one] == [
            [(m.text, m.entity_id, m.type) for m in a.mentions] for a in other
        ]
        same_groups(set(lazy._made_keys))
        for linker in (lazy, eager):
            linker.settle(linker.entities(linker.changed))
        same_groups(set(lazy._made_keys))
        compared += len(lazy._made_keys)
    # Some keys were read and kept up to date over the batches; the others, made now, hold the same too.
    assert 0 < len(lazy._made_keys) < len(eager._made_keys)
    for index in (lazy._by_surname, lazy._by_sound, lazy._by_letters):
        for key in list(index):
            lazy._made(index, key)
    same_groups(set(lazy._made_keys))
    assert compared > 50


class _Forgetting(dict):  # type: ignore[type-arg]
    """A memory that keeps nothing: a Linker given it asks ``_named`` of every candidate, as before."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


def test_whether_a_full_name_is_a_person_s_is_remembered_with_the_aliases_read() -> None:
    """``_people_named`` remembers whether a full name is a person's (``_named``) with the person asked and how many
    of its aliases it read (decision 0041, revision of 2026-12-05, late afternoon): a Linker that remembers nothing
    gives the same people for every name asked, after a name's person gains aliases (the new ones compared), and
    links every mention alike over batches that link and settle; the memory answers most asks of a batch."""
    import random

    stored = [
        Entity(id="p1", name="Joanna Novak", type="PERSON", aliases=("Joanna Novak",), mentions=2, articles=1),
        Entity(id="p2", name="Jan Nowak", type="PERSON", aliases=("Jan Nowak", "Nowak"), mentions=4, articles=2),
        Entity(id="p3", name="Ilse Marlow", type="PERSON", aliases=("Ilse Marlow",), mentions=1, articles=1),
        Entity(id="p4", name="Jonas Novak", type="PERSON", aliases=("Jonas Novak",), mentions=1, articles=1),
    ]
    kept, forgetting = Linker(stored), Linker(stored)
    forgetting._compared = _Forgetting()
    asked = ["Jan Novak", "Joanna Novak", "J. Novak", "Ilse Marlowe", "Jan Nowak"]
    for linker in (kept, forgetting):
        assert [[k.id for k in linker._people_named(n)] for n in asked] == [
            [k.id for k in forgetting._people_named(n)] for n in asked
        ]
    # A person not the name when asked gains an alias that is: the next ask compares the new alias only, and finds it.
    assert "p4" not in [k.id for k in kept._people_named("Jan Novak")]
    assert kept._compared[("Jan Novak", "p4")][1:] == (1, False)
    for linker in (kept, forgetting):
        linker._known["p4"].aliases["Jan Novak"] += 1
    assert [k.id for k in kept._people_named("Jan Novak")] == [k.id for k in forgetting._people_named("Jan Novak")]
    assert "p4" in [k.id for k in kept._people_named("Jan Novak")]
    assert kept._compared[("Jan Novak", "p4")][1:] == (2, True)

    rng = random.Random(7)
    surnames = ["Kowalska", "Kowalski", "Kovalska", "Novak", "Nowak", "Marlow", "Marlowe", "Lam"]
    firsts = ["Anna", "Piotr", "Ilse", "Jan", "Joanna", "Oskar", "Kevin", "Ann"]
    stored = [
        Entity(id=f"e{n}", name=name, type="PERSON", aliases=(name,), mentions=2, articles=1)
        for n, name in enumerate(f"{rng.choice(firsts)} {rng.choice(surnames)}" for _ in range(60))
    ]
    kept, forgetting = Linker(stored), Linker(stored)
    forgetting._compared = _Forgetting()
    for batch_no in range(4):
        batch = []
        for n in range(8):
            names = [f"{rng.choice(firsts)} {rng.choice(surnames)}" for _ in range(4)]
            batch.append(_article_of(f"a{batch_no}-{n}", [(x, "PERSON") for x in names]))
        _linked_alike(kept, forgetting, batch)
    assert len(kept._compared) > 50 and not forgetting._compared


def test_a_full_name_s_conflict_with_a_person_is_remembered_with_the_full_names_read() -> None:
    """``Linker._conflicts`` remembers whether a full name has a person's surname with another first name, with the
    person asked and how many of its full names it read (decision 0041, revision of 2026-12-05, late afternoon): the
    answer of ``any(_conflict(name, a) for a in k.full)`` after the person gains full names (the new ones read), and
    a Linker that remembers nothing links every mention alike over batches that link and settle."""
    import random

    from newsdesk.extract import entities

    stored = [Entity(id="p1", name="Anna Holt", type="PERSON", aliases=("Holt",), mentions=2, articles=1)]
    linker = Linker(stored)
    k = linker._known["p1"]
    assert linker._conflicts("Peter Holt", k) is False
    assert linker._conflicting[("Peter Holt", "p1")][1:] == (0, False)
    k.aliases["Anna Holt"] += 1
    assert linker._conflicts("Peter Holt", k) is True == any(entities._conflict("Peter Holt", a) for a in k.full)
    assert linker._conflicting[("Peter Holt", "p1")][1:] == (1, True)
    assert linker._conflicts("Anna Holt", k) is False

    rng = random.Random(11)
    surnames = ["Kowalska", "Kowalski", "Novak", "Nowak", "Marlow", "Holt"]
    firsts = ["Anna", "Piotr", "Ilse", "Jan", "Joanna", "Peter", "A."]
    stored = [
        Entity(id=f"e{n}", name=name, type="PERSON", aliases=(name, name.split()[-1]), mentions=2, articles=1)
        for n, name in enumerate(f"{rng.choice(firsts)} {rng.choice(surnames)}" for _ in range(30))
    ]
    kept, forgetting = Linker(stored), Linker(stored)
    forgetting._conflicting = _Forgetting()
    for batch_no in range(4):
        batch = []
        for n in range(8):
            names = [f"{rng.choice(firsts)} {rng.choice(surnames)}" for _ in range(3)] + [rng.choice(surnames)]
            batch.append(_article_of(f"a{batch_no}-{n}", [(x, "PERSON") for x in names]))
        _linked_alike(kept, forgetting, batch)
    assert len(kept._conflicting) > 20 and not forgetting._conflicting


def test_a_place_name_spelled_otherwise_is_asked_its_ratio_once() -> None:
    """``_near`` asks the ratio a second time only for words of three or four letters (from five up ``_similar``
    asked it; decision 0041, revision of 2026-12-05, late afternoon): the answers of the code before on pairs of
    real skeletons and short words."""
    from newsdesk.extract import entities

    def before(a: str, b: str) -> bool:
        # The rules on added letters (decision 0026, evening revision) first, as ``_near`` reads them.
        if a != b and (a.startswith(b) or b.startswith(a)):
            longer, shorter = (a, b) if len(a) > len(b) else (b, a)
            if longer[len(shorter) :] not in entities._PLACE_TO_PEOPLE:
                return False
        if a != b and (a.endswith(b) or b.endswith(a)):
            return False
        if a != b and " " not in a + b and entities._inserted(*((a, b) if len(a) > len(b) else (b, a))):
            return False  # a syllable inside (decision 0026, night revision): Austria, Australia
        return entities._similar(a, b) or (
            min(len(a), len(b)) >= 3 and entities.sound(a) == entities.sound(b) and entities._ratio_at_least(a, b, 0.85)
        )

    words = sorted({skeleton(w) for w in _capitalised_words()})[:400]
    words += ["kiv", "kiev", "kyiv", "niger", "nigeria", "ab", "abc", "abd", "", "rmn", "rahman", "rahaman"]
    near = 0
    for a in words[::3]:
        for b in words:
            assert entities._near(a, b) == before(a, b), (a, b)
            near += before(a, b)
    assert near > len(words[::3])


def test_a_word_s_shape_and_counted_letters_are_those_of_reading_it_letter_by_letter() -> None:
    """``_shape`` and ``_counted`` read each distinct letter once (``str.count`` for its repeats): the bits are those
    of reading the word letter by letter, the code before (a letter beyond a to z, a letter written nine times)."""
    import random

    def shape(word: str) -> tuple[int, int]:
        bits = 0
        for c in word:
            at = ord(c) - 97
            bits |= 1 << (at if 0 <= at < 26 else 26)
        return len(word), bits

    def counted(word: str) -> int:
        bits, seen = 0, {}
        for c in word:
            k, at = seen.get(c, 0), ord(c) - 97
            if not 0 <= at < 26 or k >= 8:
                return -1
            bits |= 1 << (at * 8 + k)
            seen[c] = k + 1
        return bits

    rng = random.Random(8)
    words = ["", "a" * 8, "a" * 9, "kowalski", "mississippi", "zelenski", "é", "ab-c"]
    words += ["".join(rng.choice("aaabeeiklmnoorstuzé-ß") for _ in range(rng.randint(0, 20))) for _ in range(5000)]
    for word in words:
        assert entities_module._shape(word) == shape(word), word
        assert entities_module._counted(word) == counted(word), word
    assert entities_module._counted("a" * 9) == -1 and entities_module._counted("a" * 8) == (1 << 8) - 1


def test_the_surname_markers_found_once_a_text_give_the_substring_tests_and_the_pattern_s_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17 (decision 0041, revision of 2026-12-05, afternoon): ``introduced_by_surname`` finds where a text
    writes "surnamed ", "name ", "name, ", " who", ", who" and "gave only " once (``_markers``) instead of searching
    the text for each of them written with the surname, and tries its pattern only where one of the pattern's forms
    can start: the same answers as the code before (the substring tests, then the pattern searched in the whole
    text), on texts built of those words, the pattern's forms, surnames, their pieces and other words, touching or
    overlapping (a word before a form, as "xsurnamed", leaves no word boundary); and the pattern asked for exactly
    the texts and surnames the substring tests let through."""
    import random
    import re

    from newsdesk.extract import entities

    def tests_before(surname: str, text: str) -> bool:
        return surname in text and (
            f"surnamed {surname}" in text
            or f"name {surname}" in text
            or f"name, {surname}" in text
            or f"{surname} who" in text
            or f"{surname}, who" in text
        )

    def searched(surname: str, text: str) -> bool:  # the code before
        return tests_before(surname, text) and entities._introduced(surname).search(text) is not None

    rng = random.Random(20261205)
    pieces = [
        "surnamed ", "name ", "name, ", " who", ", who", "gave only his surname, ", "giving only her family name ",
        "provided only their last name, ", "gives only his surname ", " who asked to be identified only by his "
        "surname", ", who declined to give her full name", " who agreed, speaking only as his surname", "x", "Wong",
        "Wo", "ng", "Ng", "Ngo", "Tam", "Mr. Wong", " ", ", ", ".", "said", "who", "names", "surname", "Wongsa", "a",
        "e", "nam", "gave", " only ",
    ]  # fmt: skip
    surnames = ["Wong", "Ng", "Tam", "Mr. Wong", "Ngo", "Wo", "g", "ng", "Wong who", " ", "x"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(4000)]
    hits = differ = 0
    for text in texts:
        for surname in surnames:
            want = searched(surname, text)
            hits += want
            differ += entities.introduced_by_surname(surname, text) != want
    assert differ == 0 and hits > 300, hits
    # The pattern is asked only for what the substring tests let through, and of those (since the evening of
    # 2026-12-05) only where one of its forms can start: not for "Wong, who said" nor "Wong who".
    asked: list[str] = []
    monkeypatch.setattr(entities, "_introduced", lambda surname: (asked.append(surname), re.compile("(?!)"))[1])
    through = pattern_asked = 0
    for text in [*texts, "Wong, who said so.", "Wong who knows said so."]:
        for surname in surnames:
            asked.clear()
            want = tests_before(surname, text)
            through += want
            assert not entities.introduced_by_surname(surname, text)
            assert want or not asked
            pattern_asked += bool(asked)
            if text.startswith("Wong") and text.endswith("said so."):
                assert not asked
    assert through > 2000 and pattern_asked < through, (through, pattern_asked)


def test_a_block_inside_one_that_froze_does_not_count_the_frozen_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 (decision 0041, revision of 2026-12-05, afternoon): ``gc.get_freeze_count`` walks every frozen
    object; a block of ``kept_out_of_collections`` inside one that froze (a batch's linking inside the runner's
    block) knows objects are frozen and does not ask, and still freezes what was made since, for the outer block to
    hand back."""
    import gc

    from newsdesk.extract import entities

    count = gc.get_freeze_count
    asked: list[int] = []
    monkeypatch.setattr(gc, "get_freeze_count", lambda: (asked.append(1), count())[1])
    with entities.kept_out_of_collections():
        outer = count()
        assert asked == [1]
        made = [[n] for n in range(1000)]
        with entities.kept_out_of_collections():
            assert asked == [1] and count() >= outer + len(made)
        assert count() >= outer + len(made)  # handed back by the outer block only
    assert count() == 0 and gc.isenabled()


def test_larger_bodies_and_short_forms_answer_as_the_alias_by_alias_code() -> None:
    """Issue 17 (decision 0041, revision of 2026-12-05, afternoon): ``_larger_body`` compares each alias by its words
    and forms worked out once (``_body``), and ``_short_form_of`` remembers which aliases the article's text writes:
    over organisations sharing first words, written with trades joined by "&" or "and", legal forms, a word saying
    what they are, in other cases, the answers are those of the code before (``_extends`` and ``_form`` asked alias
    by alias, ``a in text`` for each alias), for names written as they are known and otherwise, articles naming
    some of them and texts writing some of their names."""
    import random

    from newsdesk.extract.entities import _body, _extends, _form, _words

    rng = random.Random(20261205)
    heads = ["Orsa", "Greywater", "Harbour", "Meridian", "Kestrel"]
    trades = ["Dredging", "Salvage", "Terminals", "Press", "Shipping", "Gazette", "Towage"]
    tails = ["", " Co", " Ltd", " Co Limited", " party", " Group", " Inc"]

    def name() -> str:
        words = [rng.choice(heads), *rng.sample(trades, rng.randint(1, 3))]
        if len(words) > 2 and rng.random() < 0.6:
            words.insert(rng.randint(2, len(words) - 1), rng.choice(["&", "and", "And"]))
        text = " ".join(words) + rng.choice(tails)
        return text.lower() if rng.random() < 0.05 else text

    names = [name() for _ in range(400)]
    for a in names[:200]:
        for b in names[200:]:
            assert (_body(b)[0] in _body(a)[1]) == _extends(a, b), (a, b)
            assert (_body(a)[0] in _body(b)[1]) == _extends(b, a), (a, b)
            assert (_body(a)[2] == _body(b)[2]) == (_form(a, "ORG") == _form(b, "ORG")), (a, b)
    stored = [
        Entity(id=f"o{n}", name=names[n], type="ORG", aliases=tuple({names[n], names[n + 1]}), mentions=2, articles=1)
        for n in range(0, 120, 2)
    ]
    linker = Linker(stored)

    def larger_before(self: Linker, name: str, local: dict[str, str]) -> list[str]:
        words = _words(name)
        form = _form(name, "ORG")
        ids = self._by_part.get(entities_module.skeleton(words[0]), {})
        found = [
            i
            for i in dict.fromkeys(ids)
            if self._known[i].type == "ORG"
            and any(_extends(a, name) or _extends(name, a) or _form(a, "ORG") == form for a in self._known[i].aliases)
        ]
        return [k.id for k in self._one_or_local(found, local)]

    def short_before(self: Linker, word: str, local: dict[str, str], text: str, here: bool) -> list[str]:
        key = entities_module.skeleton(word)
        if word.lower() in entities_module._GENERIC_PARTS or any(
            self._known[i].type == "PERSON"
            and any(entities_module.skeleton(_words(a)[-1]) == key for a in self._known[i].full)
            for i in local.values()
        ):
            return []
        found = [self._known[i] for i in dict.fromkeys(self._by_part.get(key, [])) if self._known[i].type == "ORG"]
        named = [k for k in found if k.id in local.values() or (text and any(a in text for a in k.aliases if " " in a))]
        return [k.id for k in named or ([] if here else found if len(found) == 1 else [])]

    found_any = named_any = 0
    for _ in range(300):
        local = {f"x{n}": f"o{rng.randrange(0, 120, 2)}" for n in range(rng.randint(0, 3))}
        asked = names[rng.randrange(len(names))] if rng.random() < 0.5 else name()
        want = larger_before(linker, asked, local)
        found_any += bool(want)
        assert [k.id for k in linker._larger_body(asked, local)] == want, asked
        text = " ".join(rng.sample(names, 3))
        for _ in range(2):  # asked again of the same text, as an article's names link
            word = rng.choice([*heads, *trades, "Group", "Party"])
            here = rng.random() < 0.5
            want = short_before(linker, word, local, text, here)
            named_any += bool(want)
            assert [k.id for k in linker._short_form_of(word, local, text, here=here)] == want, (word, text)
    assert found_any > 30 and named_any > 30, (found_any, named_any)


def test_a_word_s_shape_and_counted_letters_read_at_once_are_those_read_apart() -> None:
    """``_shaped`` (decision 0041, revision of 2026-12-05, afternoon) gives ``_shape`` and ``_counted`` of a word in
    one reading: on random strings of letters a to z, capitals, marks, letters written nine times and more."""
    import random

    rng = random.Random(20261205)
    letters = "abcdefghijklmnopqrstuvwxyzaeiouAZéłß- '"
    for _ in range(20000):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(0, 14)))
        if rng.random() < 0.05:
            word += rng.choice("aez") * rng.randint(6, 10)
        assert entities_module._shaped(word) == (*entities_module._shape(word), entities_module._counted(word)), word


def test_a_respelled_name_s_sentences_are_read_only_for_a_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 (decision 0041, revision of 2026-12-05, afternoon): ``_respelled_place`` and ``_respelled_person``
    read the sentences naming the name (``context.context``) only when a candidate is to be compared with them
    (``_Told``), and then the same words."""
    from newsdesk.extract import context

    calls: list[str] = []
    words = context.context
    monkeypatch.setattr(context, "context", lambda text, name: (calls.append(name), words(text, name))[1])
    stored = [Entity(id="o1", name="Wang Fuk Court", type="GPE", aliases=("Wang Fuk Court",), mentions=3, articles=1)]
    linker = Linker(stored)
    text = "Fire crews stayed at Bell Tree Court overnight. The toll at Hong Fuk Court rose to forty."
    assert linker._respelled_place("Bell Tree Court", {}, text) == [] and calls == []
    assert linker._respelled_person("Zorvanek", {}, text) == [] and calls == []
    linker._texts = [text]
    linker._respelled_place("Hong Fuk Court", {}, text)
    assert calls == ["Hong Fuk Court"]
    told = entities_module._Told(text, "Hong Fuk Court")
    assert told.words == words(text, "Hong Fuk Court") and told.words is told.words


def test_a_settle_indexes_a_record_with_the_keys_worked_out_for_its_aliases_as_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17 (decision 0041, revision of 2026-12-05, afternoon): ``settle`` hands the keys it worked out to take an
    entity's aliases out of the indexes to the indexing of its record: every index (with each entry's place) and
    every group are those of a Linker that works each alias's keys out again, over batches that link and settle
    people, bodies and places, new and known, and the same links."""
    import random
    from collections.abc import Iterable

    rng = random.Random(20261205)
    firsts = ["Anna", "Piotr", "Ilse", "Jan", "Lam"]
    lasts = ["Kowalska", "Kowalski", "Novak", "Nowak", "Marlow", "Wai-Kit"]
    bodies = ["Orsa Dredging Co", "Greywater Terminals", "Harbour Gazette", "MPA", "Meridian Press Agency"]
    places = ["Veloria", "Dastmar", "Wang Fuk Court", "Kyiv", "Kiev"]
    stored = [
        Entity(id="p0", name="Anna Novak", type="PERSON", aliases=("Anna Novak", "Novak"), mentions=4, articles=2),
        Entity(id="o0", name="Orsa Dredging Co", type="ORG", aliases=("Orsa Dredging Co",), mentions=2, articles=1),
    ]
    batches = []
    for b in range(5):
        batch = []
        for n in range(6):
            names = [
                *(f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(2)),
                rng.choice(lasts),
                rng.choice(bodies),
                rng.choice(places),
            ]
            kinds = ["PERSON", "PERSON", "PERSON", "ORG", "GPE"]
            batch.append(_article_of(f"a{b}-{n}", list(zip(names, kinds, strict=True))))
        batches.append(batch)

    def run() -> tuple[Linker, list[list[str | None]]]:
        linker = Linker(stored)
        links = []
        for batch in batches:
            linked = linker.link_articles(batch)
            links.append([m.entity_id for a in linked for m in a.mentions])
            linker.settle(linker.entities(linker.changed))
        return linker, links

    def state(linker: Linker) -> list[object]:
        three = {id(linker._by_surname): "surname", id(linker._by_sound): "sound", id(linker._by_letters): "letters"}

        def named(under: Iterable[tuple[int, str]]) -> list[tuple[str, str]]:
            return sorted((three[grouped], key) for grouped, key in under)

        indexes = {name: v for name, v in vars(linker).items() if name.startswith("_by_")}
        people = [{kid: sorted(v) for kid, v in g.items()} for g in (linker._person_lasts, linker._person_signs)]
        groups = [[g[grouped] for grouped in three] for g in (linker._lasts, linker._firsts, linker._forms)]
        noted = [
            {kid: named(under) for kid, under in linker._person_keys.items()},
            {kid: (named(under), sorted(forms)) for kid, (under, forms) in linker._entity_forms.items()},
        ]
        records = linker.entities()
        return [
            linker._entries,
            indexes,
            people,
            groups,
            noted,
            sorted(linker._long),
            named(linker._made_keys),
            records,
        ]

    kept, kept_links = run()
    add = Linker._add
    anew: list[int] = []
    monkeypatch.setattr(Linker, "_add", lambda self, k, **keyed: (anew.append(len(keyed)), add(self, k))[1])
    again, again_links = run()
    assert any(anew)  # the keys were handed over, and here dropped
    assert kept_links == again_links
    assert repr(state(kept)) == repr(state(again))


def test_initials_opening_a_longer_name_are_its_parent_body_not_a_short_form_of_it() -> None:
    text = "The VN Tarrow Secretariat met; the VN said talks would go on. The Tarrow Gazette reported it."
    article = Article(
        id="a0",
        source="t",
        text=text,
        mentions=(
            _m("VN Tarrow Secretariat", "ORG", text.index("VN")),
            _m("VN", "ORG", text.index("VN said")),
            _m("Tarrow Gazette", "ORG", text.index("Tarrow Gazette")),
            _m("Gazette", "ORG", text.index("reported")),
        ),
    )
    (linked,) = Linker().link_articles([article])
    ids = {m.text: m.entity_id for m in linked.mentions}
    assert ids["VN"] != ids["VN Tarrow Secretariat"]
    # A word ending a name is still its short form.
    assert ids["Gazette"] == ids["Tarrow Gazette"]


def test_initials_are_not_respelled_but_a_dateline_in_capitals_is_its_place() -> None:
    linker = Linker()
    linker.link("a0", [_m("VN", "ORG"), _m("Dhavra", "GPE", start=10)])
    (vnn, dhavra) = linker.link("a1", [_m("VNN", "ORG"), _m("DHAVRA", "GPE", start=10)])
    names = {e.id: e.name for e in linker.entities()}
    assert names[vnn.entity_id] == "VNN"  # one letter more: another body, not the VN respelled
    assert names[dhavra.entity_id] == "Dhavra"


@pytest.mark.parametrize(
    ("short", "full", "kind"),
    [
        ("U.S.", "United States", "GPE"),
        ("UK", "United Kingdom", "GPE"),
        ("EU", "European Union", "ORG"),
        ("Britain", "United Kingdom", "GPE"),
        ("UK", "Great Britain", "GPE"),
        ("USA", "United States", "GPE"),  # three letters for the same two
        ("U.S.A.", "United States", "GPE"),
        ("US", "United States of America", "GPE"),
    ],
)
def test_the_two_letter_forms_news_writes_every_day_are_their_full_names(short: str, full: str, kind: str) -> None:
    linker = Linker()
    linker.link("a0", [_m(full, kind)])
    (one,) = linker.link("a1", [_m(short, kind)])
    assert {e.name for e in linker.entities() if e.id == one.entity_id} == {full}
    # Either way round.
    linker = Linker()
    linker.link("a0", [_m(short, kind)])
    (two,) = linker.link("a1", [_m(full, kind)])
    assert len(linker.entities()) == 1 and two.entity_id == linker.entities()[0].id


def test_a_body_s_abbreviated_word_is_the_word_written_out() -> None:
    linker = Linker()
    linker.link("a0", [_m("Tarrow Bros.", "ORG")])
    (one,) = linker.link("a1", [_m("Tarrow Brothers", "ORG")])
    assert [e.name for e in linker.entities()] == ["Tarrow Bros."] and one.entity_id == linker.entities()[0].id
    assert not same_name("Tarrow Bros", "Tarrow Bridges", "ORG")


def test_a_place_name_with_letters_added_is_another_place_unless_they_make_its_people_s_word() -> None:
    linker = Linker()
    (place,) = linker.link("a0", [_m("Velori", "GPE")])
    (people,) = linker.link("a1", [_m("Velorin", "GPE")])  # the people's word, tagged a place: the place
    (other,) = linker.link("a2", [_m("Velorina", "GPE")])  # another place, one letter from the people's word
    assert people.entity_id == place.entity_id != other.entity_id
    assert sorted(e.name for e in linker.entities()) == ["Velori", "Velorina"]


@pytest.mark.parametrize(
    ("place", "other", "one"),
    [
        # A run of letters with a consonant inside the name: another place, however alike.
        ("Austria", "Australia", False),
        ("Vestria", "Vestralia", False),
        # Transliterations: a letter written otherwise, a vowel added, a letter doubled.
        ("Kharkiv", "Kharkov", True),
        ("Odesa", "Odessa", True),
        ("Vestrana", "Vestranna", True),
        ("Zaporizhia", "Zaporizhzhia", True),
    ],
)
def test_a_syllable_inside_a_place_name_makes_another_place(place: str, other: str, one: bool) -> None:
    assert same_name(place, other, "GPE") is one
    linker = Linker()
    (first,) = linker.link("a0", [_m(place, "GPE")])
    (second,) = linker.link("a1", [_m(other, "GPE")])
    assert (first.entity_id == second.entity_id) is one


def test_a_place_with_a_name_before_it_is_another_place() -> None:
    linker = Linker()
    (place,) = linker.link("a0", [_m("Veloria", "GPE")])
    (channel,) = linker.link("a1", [_m("RT Veloria", "GPE")])  # a body the model took for a place
    (south,) = linker.link("a2", [_m("South Veloria", "GPE")])
    assert len({place.entity_id, channel.entity_id, south.entity_id}) == 3


def test_a_known_surname_spelled_like_a_word_the_article_writes_in_lower_case_is_no_mention() -> None:
    linker = Linker()
    linker.link("a0", [_m("Demi Moore"), _m("Andriy Yermak", start=20)])
    text = "More than 80 countries signed. Officials said more would follow. Jermak said nothing."
    (article,) = linker.link_articles([Article(id="a1", source="t", text=text, mentions=())])
    # "More" opens a sentence and is the article's "more"; "Jermak" is a surname spelled another way.
    assert [m.text for m in article.mentions] == ["Jermak"]


def test_a_company_an_earlier_run_tagged_a_place_is_no_place_once_most_mentions_call_it_a_company() -> None:
    # The model tagged a company a place in a few sentences of an earlier run; a later run's many mentions call it
    # a company: the entity becomes a company, the later mentions its own (decision 0026).
    def batch(prefix: str, kind: str, n: int) -> list[Article]:
        return [
            Article(id=f"{prefix}{i}", source="t", text=" " * 40, mentions=(_m("Quillflix", kind),)) for i in range(n)
        ]

    first = Linker()
    first.link_articles(batch("a", "GPE", 2))
    (place,) = first.entities()
    later = Linker(first.entities())
    linked = later.link_articles(batch("b", "ORG", 8))
    assert {(m.entity_id, m.type) for a in linked for m in a.mentions} == {(place.id, "ORG")}
    (company,) = later.entities([place.id])
    assert (company.type, company.mentions) == ("ORG", 10)
    # Linked again from what was stored, a place-tagged mention is the company's now.
    (article,) = Linker(later.entities()).link_articles(batch("d", "GPE", 1))
    assert {(m.entity_id, m.type) for m in article.mentions} == {(place.id, "ORG")}
    # A mention or two the model calls a body still joins a place most mentions call one ("Veloria said").
    linked = Linker(first.entities()).link_articles(batch("c", "ORG", 1))
    assert {(m.entity_id, m.type) for a in linked for m in a.mentions} == {(place.id, "GPE")}


def test_a_name_in_capitals_is_not_the_name_shown_when_it_is_also_written_otherwise() -> None:
    # Datelines write a city in capitals ("VESSARA -"): the entity is still shown as the text writes it.
    batch = [
        Article(id=f"a{i}", source="t", text=" " * 40, mentions=(_m(name, "GPE"),))
        for i, name in enumerate(["VESSARA", "VESSARA", "VESSARA", "Vessara"])
    ]
    linker = Linker()
    linker.link_articles(batch)
    (city,) = linker.entities()
    assert (city.name, city.mentions) == ("Vessara", 4)
    # An acronym keeps its capitals, however else it is written.
    linker = Linker()
    linker.link_articles(
        [
            Article(id=f"b{i}", source="t", text=" " * 40, mentions=(_m(n, "ORG"),))
            for i, n in enumerate(["NATO", "NATO", "Nato"])
        ]
    )
    (alliance,) = linker.entities()
    assert alliance.name == "NATO"


def test_the_capitalised_word_before_a_name_is_found_near_it_as_a_search_of_the_whole_text_finds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: an untagged name's words before its last (``Linker._spelled_otherwise``) are read from the letters
    just before it (``_word_before``), not by searching the article's text from its start each time: the same match
    as ``_BEFORE.search(text, 0, end)`` at every place of random texts of words, capitals, marks, spaces, tabs and
    line breaks (words longer than the reach included, where the whole text is searched) and of real texts (decision
    0041, revision of 2026-12-05, evening)."""
    import random

    from newsdesk.extract import entities

    rng = random.Random(17)
    letters = "Aa Bb Zz Éé x9_.-'’  \n\t"
    texts = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    texts += ["Word " * 3, "x" + "A" * 80 + " ", "Long" + "a" * 90 + " \n", "." + "B" * 70 + " "]
    real = [p.read_text(encoding="utf-8") for p in sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))]
    for reach in (1, 3, 8, entities._BEFORE_REACH):
        monkeypatch.setattr(entities, "_BEFORE_REACH", reach)
        for text in texts if reach < entities._BEFORE_REACH else [*texts, *real[:3]]:
            for end in range(len(text) + 1):
                whole = entities._BEFORE.search(text, 0, end)
                found = entities._word_before(text, end)
                assert (found and found.span()) == (whole and whole.span()), (reach, text[:80], end)


def test_a_lookup_by_spelling_reads_the_lengths_within_reach_with_the_least_letters_in_common_that_reach() -> None:
    """Issue 17: ``_within`` gives ``Linker._alike`` the lengths a word may reach a comparison's floor with
    (``_ratio_at_least``'s first bound) and, for each, the least number of letters in common that reaches it: every
    length and count the floats accept, and none they refuse (decision 0041, revision of 2026-12-05, evening)."""
    from newsdesk.extract import entities

    for floor in (*entities._FLOORS.values(), 0.5, 0.75, 0.9):
        for n in range(1, 60):
            within = dict(entities._within(n, floor))
            for size in range(1, 4 * n + 10):
                whole = n + size
                assert (size in within) is (2.0 * min(n, size) / whole >= floor), (floor, n, size)
                if size in within:
                    for x in range(whole + 1):
                        assert (x >= within[size]) is (2.0 * x / whole >= floor), (floor, n, size, x)


def test_a_settle_leaves_the_groups_of_a_record_of_the_same_type_and_names_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17: a settle takes each changed entity's record in; where the record has the entity's type and names (a
    person's and a body's always), what it is under and named by in the groups (its last words, signs and forms)
    is left as it is, not taken out and written again alias by alias: the groups hold the same entities under the
    same names after the settle as before it. A place whose record leaves out a people's word linked to it
    ("Velorian" of Veloria) is written again, without that word (decision 0041, revision of 2026-12-05, evening)."""
    stored = [
        Entity(id="p1", name="Anna Kowalska", type="PERSON", aliases=("Anna Kowalska", "Kowalska"), mentions=4),
        Entity(id="p2", name="Piotr Kowalski", type="PERSON", aliases=("Piotr Kowalski",), mentions=2),
        Entity(id="o1", name="Marlow Harbour Authority", type="ORG", aliases=("Marlow Harbour Authority",)),
        Entity(id="g1", name="Veloria", type="GPE", aliases=("Veloria",), mentions=3),
    ]
    linker = Linker(stored)
    names = [("Anna Kowalska", "PERSON"), ("Kowalska", "PERSON"), ("Piotr Kowalsky", "PERSON")]
    names += [("Marlow Harbour Authority", "ORG"), ("Veloria", "GPE"), ("Velorian", "GPE")]
    linked = linker.link_articles([_article_of("a1", names)])
    assert [m.entity_id for m in linked[0].mentions] == ["p1", "p1", "p2", "o1", "g1", "g1"]

    def groups() -> set[tuple[int, str, str, str, str]]:
        held: set[tuple[int, str, str, str, str]] = set()
        for index, key in linker._made_keys:
            for last, ids in linker._lasts[index].get(key, {}).items():
                held |= {(index, key, "last", last, kid) for kid in ids}
            for last, by in linker._firsts[index].get(key, {}).items():
                held |= {(index, key, f"sign {first}", last, kid) for first, ids in by.items() for kid in ids}
            for form, ids in linker._forms[index].get(key, {}).items():
                held |= {(index, key, "form", form, kid) for kid in ids}
        return held

    before = groups()
    assert any(row[3] == "velorian" and row[4] == "g1" for row in before)
    written: list[str] = []
    group, group_forms = Linker._group, Linker._group_forms
    monkeypatch.setattr(Linker, "_group", lambda self, k, *a: (written.append(k.id), group(self, k, *a))[1])
    monkeypatch.setattr(Linker, "_group_forms", lambda self, k, *a: (written.append(k.id), group_forms(self, k, *a))[1])
    records = linker.entities(linker.changed)
    assert {r.id for r in records} == {"p1", "p2", "o1", "g1"}
    assert next(r for r in records if r.id == "g1").aliases == ("Veloria",)
    linker.settle(records)
    assert written == ["g1"]  # the code before wrote every alias of every record again
    after = groups()
    assert {row for row in after if row[4] != "g1"} == {row for row in before if row[4] != "g1"}
    place = {row[2:] for row in after if row[4] == "g1"}
    assert place == {("form", "veloria", "g1")}  # under the keys of Veloria only, no longer of Velorian
    again = linker.link_articles([_article_of("a2", names)])
    assert [m.entity_id for m in again[0].mentions] == ["p1", "p1", "p2", "o1", "g1", "g1"]


def test_word_caches_answer_as_the_function_and_stay_bounded() -> None:
    """The word keys' caches (decision 0041, revision of 2026-12-06) are plain dicts emptied once they would hold more
    than their bound: every answer is the function's, an answer kept is not worked out again, and the cache never
    holds more than its bound (the memory a long run's words take)."""
    from newsdesk.extract import entities
    from newsdesk.extract.entities import _remembered

    worked: list[int] = []

    @_remembered(4)
    def doubled(x: int) -> int:
        worked.append(x)
        return 2 * x

    asked = [1, 2, 1, 3, 4, 2, 5, 1, 6, 7, 8, 9, 9, 2]
    assert [doubled(x) for x in asked] == [2 * x for x in asked]
    assert worked == [1, 2, 3, 4, 5, 1, 6, 7, 8, 9, 2]  # full at four: emptied before the fifth answer
    assert doubled.cache_info().currsize <= 4
    for _ in range(3):
        for x in range(50):
            assert doubled(x) == 2 * x
            assert doubled.cache_info().currsize <= 4
    # The module's word keys go through such caches, bounded as before.
    for f in (entities.skeleton, entities.sound, entities._split, entities._type_key, entities._same_word):
        assert f.cache_info().maxsize is None
        assert f.__wrapped__.__wrapped__.__name__ == f.__name__
    assert entities._words is entities._split
    words = [f"Nam{i}e" for i in range(2000)]
    assert [entities.skeleton(w) for w in words] == [entities.skeleton.__wrapped__.__wrapped__(w) for w in words]


def test_a_spelling_comparison_refuses_on_the_longest_common_subsequence_before_difflib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``_ratio_at_least`` refuses a pair whose longest common subsequence cannot reach the floor before it builds a
    matcher (decision 0041, revision of 2026-12-06, late morning): the blocks difflib matches are a common subsequence,
    so the bound never refuses a pair difflib accepts. ``_subsequence`` is the longest common subsequence's length (a
    table of common lengths says so on random words, with repeats, marks and letters beyond a to z), never below
    difflib's matches; and a pair of words alike in their letters but not their order is refused with no matcher
    built (the code before built one)."""
    import random
    from difflib import SequenceMatcher

    from newsdesk.extract import entities

    def table(a: str, b: str) -> int:
        row = [0] * (len(b) + 1)
        for x in a:
            new = [0]
            for j, y in enumerate(b):
                new.append(row[j] + 1 if x == y else max(row[j + 1], new[j]))
            row = new
        return row[-1]

    rng = random.Random(17)
    for _ in range(3000):
        letters = rng.choice(["ab", "abc", "aeioulnrst", "abcdefghijklmnopqrstuvwxyz", "aäßøλ-"])
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 25)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, 80)))
        common = entities._subsequence(a, b)
        assert common == table(a, b) == entities._subsequence(b, a), (a, b)
        assert sum(block.size for block in SequenceMatcher(None, a, b).get_matching_blocks()) <= common
        for floor in (0.6, 0.75, 0.85):
            want = SequenceMatcher(None, a, b).ratio() >= floor if a or b else True
            assert entities._ratio_at_least(a, b, floor) == want, (a, b, floor)

    built: list[tuple[str, str]] = []

    def counted(isjunk: None, a: str, b: str) -> SequenceMatcher[str]:
        built.append((a, b))
        return SequenceMatcher(isjunk, a, b)

    monkeypatch.setattr(entities, "SequenceMatcher", counted)
    # The same letters, each once, in another order: every bound before refuses nothing, the subsequence does.
    assert not entities._ratio_at_least("abcdefgh", "hgfedcba", 0.6)
    assert not built
    assert entities._ratio_at_least("zelenski", "zelenskii", 0.85)
    assert built == [("zelenski", "zelenskii")]


def test_a_linker_built_from_the_store_notes_its_people_as_one_noting_them_for_made_groups() -> None:
    """A Linker built from the store, with no group made and no answer kept, notes what each person is under and named
    by without reading its keys for groups to write (decision 0041, revision of 2026-12-06, late morning): the same
    sets, in the same order, as the way that writes made groups, and the two link a batch alike."""
    import random

    rng = random.Random(6)
    surnames = ["Kowalska", "Kowalski", "Novak", "Nowak", "Marlow", "Lam"]
    firsts = ["Anna", "Piotr", "Jan", "Kevin", "Oleksandr", "Aleksandr"]
    stored = []
    for n in range(120):
        surname = rng.choice(surnames)
        names = [f"{rng.choice(firsts)} {surname}", f"{surname} Wai-Kit", surname, f"Anna Maria {surname}"]
        aliases = tuple(dict.fromkeys(rng.sample(names, rng.randint(1, 4))))
        stored.append(Entity(id=f"p{n}", name=aliases[0], type="PERSON", aliases=aliases, mentions=3, articles=1))
    stored.append(Entity(id="o", name="Marlow Harbour Authority", type="ORG", aliases=("Marlow Harbour Authority",)))
    built = Linker(stored)
    # The other way, taken while a group is made: a made key no person is under.
    slow = Linker([])
    slow._made_keys.add((0, "nobody"))
    for e in stored:
        slow._add(slow._from_record(e))
    twin = {id(getattr(built, name)): id(getattr(slow, name)) for name in ("_by_surname", "_by_sound", "_by_letters")}
    for kid in built._person_keys:
        # (The keys name each index by its ``id``, another in each Linker: compared as sets.)
        assert {(twin[grouped], key) for grouped, key in built._person_keys[kid]} == slow._person_keys[kid], kid
        assert list(built._person_lasts[kid]) == list(slow._person_lasts[kid]), kid
        assert list(built._person_signs[kid]) == list(slow._person_signs[kid]), kid
    assert built._person_keys.keys() == slow._person_keys.keys() and built._long == slow._long
    slow._made_keys.discard((0, "nobody"))
    text = "Anna Kowalska met Piotr Novak. Kowalska said Lam and Marlow Harbour Authority agreed."
    mentions = (
        _m("Anna Kowalska", "PERSON", 0),
        _m("Piotr Novak", "PERSON", 18),
        _m("Kowalska", "PERSON", 31),
        _m("Lam", "PERSON", 45),
        _m("Marlow Harbour Authority", "ORG", 53),
    )
    article = Article(id="a", source="t", text=text, mentions=mentions)
    assert built.link_articles([article]) == slow.link_articles([article])


def test_a_linker_built_from_the_store_in_one_loop_holds_what_one_adding_each_entity_holds() -> None:
    """The Linker built from stored entities (``_build``, one loop over every alias) holds the same entities, index
    entries with the same places in the same order, notes and sets (in their order) as one taking each entity in by
    ``_add``, for every kind of name: people written with a title, family name first, with three parts or one word;
    organisations with a generic or an outlet's word, acronyms; places of three words (frames) and of one; a name
    with no word (decision 0041, revision of 2026-12-06, early afternoon)."""
    import random

    rng = random.Random(18)
    people = ["Anna Kowalska", "Dr Piotr Novak", "Lam Wai-Kit", "Kevin Lam", "Aslam Khan Kamar", "Kowalska", "Nowak"]
    bodies = [
        "Marlow Harbour Authority",
        "MHA",
        "Greywater Gazette Ltd",
        "Warner Bros",
        "National Union of Teachers",
        "UN",
        "USA",
    ]
    places = ["Wang Fuk Court", "Hong Fuk Court", "Veloria", "Velorian", "Kyiv", "Kiev", "South Sudan"]
    stored = []
    for n in range(300):
        kind, names = rng.choice([("PERSON", people), ("ORG", bodies), ("GPE", places), ("LOC", places)])
        aliases = tuple(dict.fromkeys(rng.sample([*names, "Mr", "..."], rng.randint(1, 4))))
        roles = tuple(rng.sample(["minister", "spokesman", "chair"], rng.randint(0, 2)))
        stored.append(
            Entity(id=f"e{n}", name=aliases[0], type=kind, aliases=aliases, roles=roles, mentions=n % 7, articles=1)
        )
    built = Linker(stored)
    added = Linker([])
    for rank, e in enumerate(stored):
        # Each entity's entries numbered from its place in the store's order (decision 0099).
        added._entries = max(added._entries, rank * entities_module._PLACES)
        added._add(added._from_record(e))
    assert built._entries == added._entries
    for name in (
        "_by_surname", "_by_sound", "_by_letters", "_by_word", "_by_pair", "_by_family", "_by_part",
        "_by_acronym", "_by_frame", "_by_whole",
    ):  # fmt: skip
        assert list(getattr(built, name).items()) == list(getattr(added, name).items()), name
    assert list(built._known) == list(added._known) and list(built._unvoted) == list(added._unvoted)
    for kid, k in built._known.items():
        other = added._known[kid]
        assert (k.type, list(k.aliases.items()), list(k.roles.items()), k.total, k.has_full) == (
            other.type, list(other.aliases.items()), list(other.roles.items()), other.total, other.has_full,
        )  # fmt: skip
    twin = {id(getattr(built, name)): id(getattr(added, name)) for name in ("_by_surname", "_by_sound", "_by_letters")}
    assert built._person_keys.keys() == added._person_keys.keys()
    for kid, keys in built._person_keys.items():
        # (The keys name each index by its ``id``, another in each Linker: compared as sets.)
        assert {(twin[grouped], key) for grouped, key in keys} == added._person_keys[kid], kid
        assert list(built._person_lasts[kid]) == list(added._person_lasts[kid]), kid
        assert list(built._person_signs[kid]) == list(added._person_signs[kid]), kid
    assert built._entity_forms.keys() == added._entity_forms.keys()
    for kid, (keys, forms) in built._entity_forms.items():
        assert {(twin[grouped], key) for grouped, key in keys} == added._entity_forms[kid][0], kid
        assert list(forms) == list(added._entity_forms[kid][1]), kid
    assert list(built._long) == list(added._long)
    assert list(built._person_surnames) == list(added._person_surnames)
    assert list(built._person_sounds) == list(added._person_sounds)
    assert built._known_votes() == added._known_votes() and built._keyed == added._keyed


def test_the_entities_a_batch_changed_come_in_the_order_they_first_changed() -> None:
    # The store writes new entities in this order, and a later run's Linker is built in the store's order: a set's
    # order would follow the hash seed, and two runs of one input would store their entities in different orders.
    names = [
        ("Ines Marlowe", "PERSON"),
        ("Tobias Fennick", "PERSON"),
        ("Harrow Fields", "GPE"),
        ("Quenby Ashcroft", "PERSON"),
        ("Calder Mutual", "ORG"),
        ("Ostrava Waterworks", "ORG"),
        ("Pell Ridge", "LOC"),
        ("Wendeline Corr", "PERSON"),
        ("Bramwell Institute", "ORG"),
        ("Sorrel Vane", "PERSON"),
    ]
    linker = Linker()
    (article,) = linker.link_articles([_article_of("a1", names)])
    first_seen = list(dict.fromkeys(m.entity_id for m in article.mentions))
    assert len(first_seen) == len(names)
    assert list(linker.changed) == first_seen
    assert [e.id for e in linker.entities(linker.changed)] == first_seen


def test_a_full_name_asked_again_is_not_looked_up_again_until_its_keys_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: the people a full name is compared with (``Linker._full_scan``) are remembered while nothing changed
    under its three keys: no group read again. A person given a sign under one of its keys (a batch's new name), or
    an entity taken from one (a settle), makes the next lookup read them again; the answer is always a new Linker's
    (decision 0041, revision of 2026-12-06, evening)."""
    stored = [
        Entity(id="p1", name="Joanna Novak", type="PERSON", aliases=("Joanna Novak",), mentions=2, articles=1),
        Entity(id="p2", name="Jan Nowak", type="PERSON", aliases=("Jan Nowak", "Nowak"), mentions=4, articles=2),
        Entity(id="p3", name="Piotr Novak", type="PERSON", aliases=("Piotr Novak",), mentions=1, articles=1),
    ]
    linker = Linker(stored)
    read = _reads(monkeypatch)

    def lookup(name: str = "Jan Novak") -> bool:
        """Whether the lookup reads groups; it finds what a Linker built from the records finds."""
        want = [k.id for k in Linker(linker.entities())._people_named(name)]
        read.clear()
        assert [k.id for k in linker._people_named(name)] == want, name
        return bool(read)

    assert lookup()
    assert {"p1", "p2"} <= {k.id for k in linker._people_named("Jan Novak")}
    assert not lookup()  # the code before read the groups of its three keys again
    # A batch names a person of that surname with the same initial: a sign added under its keys.
    linker.link_articles([_article_of("a1", [("Jakub Novak", "PERSON")])])
    assert lookup()
    assert not lookup()
    linker.settle(linker.entities(linker.changed))
    assert lookup()  # entities were taken from its keys and put back at their end: read again
    assert not lookup()
    # A person known by the surname alone, then given a full name: its sign under "" dropped.
    linker.link_articles([_article_of("a2", [("Novack", "PERSON")])])
    linker.settle(linker.entities(linker.changed))
    lookup()
    linker.link_articles([_article_of("a3", [("Zofia Novack", "PERSON"), ("Novack", "PERSON")])])
    lookup()
    lookup("Zofia Novak")
    linker.settle(linker.entities(linker.changed))
    lookup()
    lookup("Zofia Novak")
    # A Linker that forgets its answers (a long run's) answers the same.
    monkeypatch.setattr(entities_module, "_READ_KEPT", 1)
    lookup()
    lookup("Zofia Novak")


def test_a_full_name_s_remembered_people_are_those_a_linker_remembering_none_finds() -> None:
    """``_people_named`` answers a full name from what its last scan found (``_full``) only while that is what a scan
    finds: over batches of full names, respellings and bare surnames (signs added and dropped, entities retyped and
    settled), a Linker that remembers no scan finds the same people for every name, before and after each settle,
    and links every mention alike (decision 0041, revision of 2026-12-06, evening)."""
    import random

    rng = random.Random(20261206)
    surnames = ["Kowalska", "Kowalski", "Kovalska", "Novak", "Nowak", "Novack", "Marlow", "Marlowe", "Lam"]
    firsts = ["Anna", "Piotr", "Ilse", "Jan", "Joanna", "Oskar", "Kevin", "Ann", "Yiannis", "Giannis", "Zofia"]
    stored = [
        Entity(id=f"e{n}", name=name, type="PERSON", aliases=(name,), mentions=2, articles=1)
        for n, name in enumerate(f"{rng.choice(firsts)} {rng.choice(surnames)}" for _ in range(40))
    ]
    kept, forgetting = Linker(stored), Linker(stored)
    forgetting._full = _Forgetting()
    asked = [f"{f} {s}" for f in firsts for s in surnames]

    def alike() -> None:
        for name in asked:
            assert [k.id for k in kept._people_named(name)] == [k.id for k in forgetting._people_named(name)], name

    alike()
    for batch_no in range(6):
        batch = []
        for n in range(6):
            names: list[tuple[str, str]] = []
            for _ in range(5):
                surname = rng.choice(surnames)
                name = surname if rng.random() < 0.3 else f"{rng.choice(firsts)} {surname}"
                names.append((name, rng.choice(["PERSON", "PERSON", "PERSON", "ORG", "GPE"])))
            batch.append(_article_of(f"a{batch_no}-{n}", names))
        one, two = kept.link_articles(batch), forgetting.link_articles(batch)
        assert [[(m.text, m.entity_id) for m in a.mentions] for a in one] == [
            [(m.text, m.entity_id) for m in a.mentions] for a in two
        ]
        alike()
        for linker in (kept, forgetting):
            linker.settle(linker.entities(linker.changed))
        alike()
    assert kept._full and not forgetting._full


def test_a_mention_given_its_kind_and_entity_is_the_record_replace_makes() -> None:
    """``entities._as`` writes :class:`Mention`'s fields out rather than asking ``dataclasses.replace``: the same
    record, every field of it (a field added to ``Mention`` fails here until ``_as`` writes it)."""
    from newsdesk.extract.entities import _as

    values: dict[str, Any] = {}
    for n, f in enumerate(dataclasses.fields(Mention)):
        values[f.name] = n if f.name in {"start", "end"} else f"value {n}"
    m = Mention(**values)
    assert _as(m, "GPE", "e1") == dataclasses.replace(m, type="GPE", entity_id="e1")
    assert _as(m, m.type, None) == dataclasses.replace(m, entity_id=None)


def test_a_quote_given_its_speaker_is_the_record_replace_makes_and_itself_when_unchanged() -> None:
    """``entities._spoken`` is ``dataclasses.replace(q, speaker_entity_id=..., speaker_kind=...)`` over every field of
    :class:`Quote` (a field added there fails here until ``_spoken`` writes it), and the quote itself when it holds
    both already; linking leaves a quote whose speaker links to nothing as the very record it was given."""
    from newsdesk.extract.entities import _spoken

    values: dict[str, Any] = {}
    for n, f in enumerate(dataclasses.fields(Quote)):
        values[f.name] = {"start": 1, "end": 9, "speaker_start": 3, "speaker_end": 7, "via": ("CNN",)}.get(
            f.name, SpeakerKind.GROUP if f.name == "speaker_kind" else f"value {n}"
        )
    values.update(direct=False, confidence=0.25, kind=QuoteKind.VIEW)
    q = Quote(**values)
    for entity_id, kind in [
        ("e1", SpeakerKind.PERSON),
        (None, SpeakerKind.GROUP),
        (q.speaker_entity_id, q.speaker_kind),
    ]:
        assert _spoken(q, entity_id, kind) == dataclasses.replace(q, speaker_entity_id=entity_id, speaker_kind=kind)
    assert _spoken(q, q.speaker_entity_id, q.speaker_kind) is q
    text = "Nobody knew, a source said."
    unlinked = Quote(text="Nobody knew", start=0, end=11, speaker="a source", speaker_kind=SpeakerKind.UNKNOWN)
    article = Article(id="a1", source="t", text=text, quotes=(unlinked,))
    (linked,) = Linker().link_articles([article])
    assert linked.quotes[0] is unlinked


def test_full_names_retyped_alone_are_as_retyped_among_every_mention() -> None:
    """``Linker._linked`` retypes an article's names of several words apart from its one-word names (which it retypes
    with the surnames): ``_retyped`` reads only the surnames of full names, so each full name comes out as among all
    of the article's mentions, in the same order (a guard of what that relies on: it holds on the code before too)."""
    import random

    rng = random.Random(7)
    words = ["Holt", "Anna", "Veloria", "Marlow", "Court", "Orsa", "Dalen", "Ruen"]
    kinds = ["PERSON", "ORG", "GPE", "LOC", "NORP"]
    votes = {entities_module._type_key(w): rng.choice(kinds) for w in words}

    def majority(key: str) -> str | None:
        return votes.get(key[-5:] if len(key) > 5 else key, rng.choice([None, "GPE"]) if key else None)

    for _ in range(200):
        mentions = [
            Mention(
                text=" ".join(rng.choice(words) for _ in range(rng.choice([1, 1, 2, 3]))),
                start=n * 40,
                end=n * 40 + 30,
                type=rng.choice(kinds),
                role=rng.choice([None, None, "minister"]),
            )
            for n in range(rng.randrange(1, 12))
        ]
        asked: dict[str, str | None] = {}

        def fixed(key: str, asked: dict[str, str | None] = asked) -> str | None:
            return asked.setdefault(key, majority(key))

        longer = [m for m in mentions if len(m.text.split()) > 1]
        alone = Linker._retyped(longer, fixed)
        among = [m for m in Linker._retyped(mentions, fixed) if len(m.text.split()) > 1]
        assert list(alone) == among


def test_the_first_votes_count_the_stored_entities_in_the_stored_order_whatever_the_hash_seed() -> None:
    # Invented places, each name stored twice: first as a region, then as a country, as often. The order a name's
    # kinds are counted in decides a tie between them (``_majority`` takes the first of two places as common), so it
    # is the store's, in every process: it followed the hash seed of the ids (one name in 31,728 at 8,000 stored
    # articles took another place kind under another seed; decision 0098, fifth session).
    stored = []
    for letter in "bcdfgklmnprstvz":
        for name in (f"Ostra{letter}ia", f"Vel{letter}ora"):
            stored += [
                Entity(id=f"region-{name}", name=name, type="LOC", aliases=(name,), mentions=2, articles=1),
                Entity(id=f"country-{name}", name=name, type="GPE", aliases=(name,), mentions=2, articles=1),
            ]
    linker = Linker(stored)
    votes = linker._known_votes()
    assert len(votes) == 30
    assert all(list(kinds) == ["LOC", "GPE"] for kinds in votes.values())
    # And a later count, of the entities a batch changed, in the order they changed.
    assert list(linker._unvoted) == []


def test_spellings_votes_summed_in_dicts_are_the_counters_sum_in_its_order() -> None:
    """``entities._summed`` adds the spellings' votes as ``sum(Counters, Counter())`` does, kinds in the same order
    (the order ``_majority`` breaks a tie by), counts not above 0 left out at each step as ``Counter.__add__`` leaves
    them out."""
    import random
    from collections import Counter

    from newsdesk.extract.entities import _summed

    rng = random.Random(6)
    kinds = ["PERSON", "ORG", "GPE", "LOC", "NORP"]
    for _ in range(500):
        spellings = [
            {kind: rng.randint(-1, 3) for kind in rng.sample(kinds, rng.randint(0, 5))}
            for _ in range(rng.randint(0, 4))
        ]
        want = sum((Counter(s) for s in spellings), Counter())
        got = _summed(spellings)
        assert isinstance(got, Counter)
        assert list(got.items()) == list(want.items()), spellings


def test_a_name_s_words_are_split_at_every_white_space_as_the_pattern_split_them() -> None:
    """``_split`` splits a name at runs of white space with ``str.split()`` (decision 0041, revision of 2026-12-07):
    the words ``re.split(r"[\\s]+", ...)`` gave, the empty ones left out as before, for every character ``\\s``
    matches (``str.isspace``'s, the same set) between, before and after words and stops."""
    import random
    import sys

    spaces = [chr(i) for i in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(i))]
    assert spaces == [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]
    pieces = ["Ana", "Pérez", "al-Mamun", "J.", "’", "-", ".", "Mr", "the", "McCain", "o'Neil", *spaces]
    rng = random.Random(7)
    for _ in range(3000):
        name = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        cut = entities_module._TITLES.sub("", entities_module._CAMEL.sub(" ", name).strip())
        want = tuple(w for w in re.split(r"[\s]+", cut) if w.strip(".'’-"))
        assert entities_module._split.__wrapped__(name) == want, name


def test_first_names_initials_are_read_only_where_one_of_them_is_written_with_a_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``same_name`` asks whether two first names have the same initials only when one of them writes a stop ("M.
    Holt" and "Mark Holt"): the stop is tested first (decision 0041, revision of 2026-12-07), so a pair of first
    names written out in full ("Mark" and "Mike") has no initials worked out. The code before worked them out first
    for every such pair; the answers are the same."""
    asked: list[str] = []
    initials = entities_module._initials

    def counted(word: str) -> str:
        asked.append(word)
        return initials(word)

    monkeypatch.setattr(entities_module, "_initials", counted)
    entities_module.same_name.cache_clear()
    assert not same_name("Mark Holt", "Mike Holt", "PERSON")
    assert not same_name("Dana Holt", "Dora Holt", "PERSON")
    assert asked == []
    assert same_name("M. Holt", "Mark Holt", "PERSON")
    assert not same_name("M. Holt", "Kate Holt", "PERSON")
    assert "M." in asked
    entities_module.same_name.cache_clear()


def test_a_place_s_frames_are_worked_out_only_for_names_of_three_words_or_more(monkeypatch: pytest.MonkeyPatch) -> None:
    """The keys of a place or body one of whose words is read another way (:func:`_frames`) are none for a name of
    fewer than three words: building a Linker does not work them out for those (decision 0041, revision of
    2026-12-07; the code before did, for every such alias), and a name of three words still has its frames."""
    asked: list[str] = []
    frames = entities_module._frames

    def counted(name: str) -> list[str]:
        asked.append(name)
        return frames(name)

    monkeypatch.setattr(entities_module, "_frames", counted)
    stored = [
        Entity(id="g1", name="Orsa", type="GPE", aliases=("Orsa",), mentions=2, articles=1),
        Entity(id="g2", name="Port Orsa", type="GPE", aliases=("Port Orsa",), mentions=2, articles=1),
        Entity(id="f1", name="Wang Fuk Court", type="LOC", aliases=("Wang Fuk Court",), mentions=2, articles=1),
    ]
    linker = Linker(stored)
    assert asked == ["Wang Fuk Court"]
    assert {frame for frame, ids in linker._by_frame.items() if "f1" in ids} == set(frames("Wang Fuk Court"))
    assert frames("Wang Fuk Court") and not frames("Port Orsa") and not frames("Orsa")


def test_a_ministry_named_either_way_round_is_one_body() -> None:
    # "The Ministry of Water Works" in one article, "the Water Works Ministry" in another: one body, whichever comes
    # first; its acronym still joins it; a ministry of other words stays apart.
    linked = _batch_linked(
        ("Water Works Ministry/ORG",),
        ("Ministry of Water Works/ORG", "MWW/ORG"),
        ("Ministry of Coastal Defence/ORG",),
        ("Department of Harbour Tolls/ORG",),
        ("Harbour Tolls Department/ORG",),
    )
    assert len(_entity_of(linked, "Water Works Ministry") | _entity_of(linked, "Ministry of Water Works")) == 1
    assert _entity_of(linked, "MWW") == _entity_of(linked, "Ministry of Water Works")
    assert not _entity_of(linked, "Ministry of Coastal Defence") & _entity_of(linked, "Water Works Ministry")
    assert len(_entity_of(linked, "Department of Harbour Tolls") | _entity_of(linked, "Harbour Tolls Department")) == 1
    assert len({m.entity_id for a in linked for m in a.mentions}) == 3


def test_a_body_named_both_ways_round_is_shown_by_its_of_form() -> None:
    # Written "the Water Works Ministry" twice and "the Ministry of Water Works" once: the body is shown (and a quote's
    # speaker named) by the "Ministry of" form, which a reader quotes in full; each mention keeps its own words.
    linker = Linker()
    batch = [
        Article(id="a0", source="t", text=" " * 60, mentions=(_m("Water Works Ministry", "ORG"),)),
        Article(id="a1", source="t", text=" " * 60, mentions=(_m("Water Works Ministry", "ORG"),)),
        Article(id="a2", source="t", text=" " * 60, mentions=(_m("The Ministry of Water Works", "ORG", start=0),)),
    ]
    linked = linker.link_articles(batch)
    (body,) = {m.entity_id for a in linked for m in a.mentions}
    (record,) = [e for e in linker.entities() if e.id == body]
    assert record.name.removeprefix("The ") == "Ministry of Water Works"
    assert [m.text for a in linked for m in a.mentions] == [
        "Water Works Ministry",
        "Water Works Ministry",
        "The Ministry of Water Works",
    ]


def _lines_article(article_id: str, lines: Sequence[str], names: Sequence[tuple[str, str]]) -> Article:
    """An article of ``lines`` (one paragraph each) with a mention of each (name, type) of ``names`` at every place
    the text writes it as a word (a name inside a longer one aside)."""
    text = "\n".join(lines)
    found = []
    for name, kind in names:
        for hit in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", text):
            inside = any(
                other != name and name in other and text.startswith(other, hit.end() - len(other)) for other, _ in names
            )
            if not inside:
                found.append(_m(name, kind, hit.start()))
    return Article(id=article_id, source="t", text=text, mentions=tuple(sorted(found, key=lambda m: m.start)))


def test_a_surname_written_alone_paragraphs_before_a_full_name_of_it_is_someone_else() -> None:
    # The father is known by his surname alone for three paragraphs; his son is named "J Quorvell" later: the father's
    # mentions are a person of their own, never the son's (nor the son of another article). A bare surname in the
    # full name's own paragraph (a quote before its attribution) or only after it stays that person's.
    father = _lines_article(
        "a0",
        [
            "Fire at the Orsa estate.",
            "The picture shows Quorvell standing before the tower.",
            "Quorvell had gone out to fetch his granddaughter.",
            "His son, who gave his name as J Quorvell, said the family still hoped.",
            "Quorvell later called the hotline again.",
        ],
        [("Quorvell", "PERSON"), ("J Quorvell", "PERSON")],
    )
    son = _lines_article("a1", ["Relatives wait.", "J Quorvell spoke to reporters."], [("J Quorvell", "PERSON")])
    quoted = _lines_article(
        "a2",
        ["Verdict day.", "“Tamsk is a puppet,” a source said of Chief Adviser Edrin Tamsk.", "Tamsk did not reply."],
        [("Tamsk", "PERSON"), ("Edrin Tamsk", "PERSON")],
    )
    # A leader named by his surname first, his full name given later but not as anyone's relative: one person.
    leader = _lines_article(
        "a3",
        ["Varnek wants talks.", "A report says the country under President Varnek is ready.", "Odo Varnek's aides"],
        [("Varnek", "PERSON"), ("Odo Varnek", "PERSON")],
    )
    linked = Linker().link_articles([father, son, quoted, leader])
    bare = _entity_of(linked, "Quorvell")
    assert len(bare) == 1
    assert not bare & _entity_of(linked, "J Quorvell")
    assert len(_entity_of(linked, "J Quorvell")) == 1
    assert _entity_of(linked, "Tamsk") == _entity_of(linked, "Edrin Tamsk")
    assert _entity_of(linked, "Varnek") == _entity_of(linked, "Odo Varnek")


def test_a_surname_two_people_of_the_article_share_is_the_one_named_last_before_it() -> None:
    # "Darel Vosk" and his father "Amund Vosk" in one article: each bare "Vosk" goes to the one named last before it
    # (the first named after it when none is before), never all of them to one.
    article = _lines_article(
        "a0",
        [
            "Studio sale.",
            "Darel Vosk leads the bid. Vosk said the offer was final.",
            "His father Amund Vosk backs it. Vosk has pledged the funds.",
        ],
        [("Vosk", "PERSON"), ("Darel Vosk", "PERSON"), ("Amund Vosk", "PERSON")],
    )
    (linked,) = Linker().link_articles([article])
    darel, amund = _entity_of([linked], "Darel Vosk"), _entity_of([linked], "Amund Vosk")
    assert darel != amund
    bare = [m.entity_id for m in linked.mentions if m.text == "Vosk"]
    assert [{i} for i in bare] == [darel, amund]


def test_a_one_word_person_opening_a_known_place_s_name_is_that_place() -> None:
    # The model tagged "Orsel" a person in "the Orsel Vale Court estate" (a byline's "Dara Orsel" is in another
    # article): the words after it complete a place another article names, so it is that place, not Dara Orsel.
    place = _lines_article("a0", ["Fire news.", "The blaze at Orsel Vale Court spread."], [("Orsel Vale Court", "LOC")])
    byline = _lines_article("a1", ["Dara Orsel reporting.", "More to come."], [("Dara Orsel", "PERSON")])
    text = "Fire news.\nThe fire in the Orsel Vale Court estate spread. Orsel said nothing."
    at = text.index("Orsel Vale")
    other = text.index("Orsel said")
    opened = Article(id="a2", source="t", text=text, mentions=(_m("Orsel", "PERSON", at), _m("Orsel", "PERSON", other)))
    linked = Linker().link_articles([place, byline, opened])
    first, second = linked[2].mentions
    assert (first.text, first.type) == ("Orsel Vale Court", "LOC")
    assert {first.entity_id} == _entity_of(linked[:1], "Orsel Vale Court")
    assert second.text == "Orsel" and second.start == other


def test_a_relative_named_in_passing_in_another_s_sentence_takes_no_bare_surname() -> None:
    # "President Odo Varnek pardoned his son Tamir Varnek. Varnek said ...": the bare surname after it goes on naming
    # the president, whose sentence it is, never the son named in passing; a son who is his own sentence's subject
    # ("His father Amund Vosk backs it. Vosk ...", the test above) still takes it.
    article = _lines_article(
        "a0",
        [
            "Pardon row.",
            "President Odo Varnek signed a pardon for his son Tamir Varnek. Varnek said the case was political.",
            "Critics said Varnek had broken his word.",
        ],
        [("Varnek", "PERSON"), ("Odo Varnek", "PERSON"), ("Tamir Varnek", "PERSON")],
    )
    (linked,) = Linker().link_articles([article])
    odo, tamir = _entity_of([linked], "Odo Varnek"), _entity_of([linked], "Tamir Varnek")
    assert odo != tamir
    assert [{m.entity_id} for m in linked.mentions if m.text == "Varnek"] == [odo, odo]


def _placed(article_id: str, text: str, names: Sequence[tuple[str, str]]) -> Article:
    """An article of ``text`` whose mentions are ``names`` (name, kind), each at its next place in the text."""
    mentions, at = [], 0
    for name, kind in names:
        start = text.index(name, at)
        mentions.append(Mention(text=name, start=start, end=start + len(name), type=kind))
        at = start + len(name)
    return Article(id=article_id, source="t", text=text, mentions=tuple(mentions))


def test_two_countries_bodies_of_one_name_are_two_bodies() -> None:
    # The model tags "Britain" a place and "Defence Ministry" a body: the possessive says whose body it is.
    text = (
        "Britain's Defence Ministry said the drones were launched from the east. Russia's Defence Ministry denied "
        "that. Later the Defence Ministry in Moscow said more drones had been downed."
    )
    names = [("Britain", "GPE"), ("Defence Ministry", "ORG"), ("Russia", "GPE"), ("Defence Ministry", "ORG")]
    other = "Officials at the Russian Defence Ministry said on Friday that talks would go on."
    linker = Linker()
    one, two = linker.link_articles(
        [
            _placed("a1", text, [*names, ("Defence Ministry", "ORG"), ("Moscow", "GPE")]),
            _placed("a2", other, [("Russian Defence Ministry", "ORG")]),
        ]
    )
    bodies = [m for m in one.mentions if m.type == "ORG"]
    assert [(m.text, text[m.start : m.end]) for m in bodies] == [("Defence Ministry", "Defence Ministry")] * 3
    britain, russia, bare = (m.entity_id for m in bodies)
    assert britain != russia
    # Named without its country where the article names two countries' bodies of that name: neither's.
    assert bare not in {britain, russia}
    # Another article's "Russian Defence Ministry" is Russia's.
    assert two.mentions[0].entity_id == russia
    names_of = {e.id: e.name for e in linker.entities()}
    assert names_of[britain] == "Britain's Defence Ministry"
    assert names_of[russia] == "Russian Defence Ministry"


def test_a_body_named_alone_is_the_country_s_the_article_names() -> None:
    text = "Bangladesh’s Foreign Ministry asked for her return. The Foreign Ministry wrote to Delhi again on Monday."
    owned = [("Bangladesh", "GPE"), ("Foreign Ministry", "ORG"), ("Foreign Ministry", "ORG"), ("Delhi", "GPE")]
    batch = [
        _placed("a1", "The Bangladeshi Foreign Ministry called on India.", [("Bangladeshi Foreign Ministry", "ORG")]),
        _placed("a2", text, owned),
        _placed(
            "a3",
            "The Iranian Foreign Ministry and the Iraqi Foreign Ministry both spoke.",
            [("Iranian Foreign Ministry", "ORG"), ("Iraqi Foreign Ministry", "ORG")],
        ),
    ]
    first, second, third = Linker().link_articles(batch)
    bangladesh = first.mentions[0].entity_id
    assert [m.entity_id for m in second.mentions if m.type == "ORG"] == [bangladesh, bangladesh]
    iran, iraq = (m.entity_id for m in third.mentions)
    assert len({bangladesh, iran, iraq}) == 3


def test_a_family_name_joined_by_a_particle_is_the_person_of_every_spelling() -> None:
    # "Souza do Vale" has no first name: it joins "Marina Souza do Vale", and another outlet's "Marina Vale" (the
    # same person written short) is not kept apart by it as by a first name "Souza".
    first = "The host, Marina Souza do Vale, opened the talks. Souza do Vale said they would end on time."
    batch = [
        _placed("a1", first, [("Marina Souza do Vale", "PERSON"), ("Souza do Vale", "PERSON")]),
        _placed("a2", "The talks' host Marina Vale said they would end.", [("Marina Vale", "PERSON")]),
    ]
    one, two = Linker().link_articles(batch)
    assert len({m.entity_id for m in (*one.mentions, *two.mentions)}) == 1


def test_a_body_named_alone_never_joins_another_story_s_country_s_body() -> None:
    # "Iran's Supreme Court" and the article's own bare "the Supreme Court" are Iran's (the owner is a country of
    # ``newsdesk.countries``). Another story's bare "the Supreme Court", which names Washington and no Iran, is
    # not Iran's court: the analyst would read the US court's ruling as Iran's. A third that names Iran is Iran's.
    batch = [
        _placed(
            "a1",
            "Iran's Supreme Court upheld the verdict on Sunday. The Supreme Court gave no reasons.",
            [("Iran", "GPE"), ("Supreme Court", "ORG"), ("Supreme Court", "ORG")],
        ),
        _placed(
            "a2",
            "In Washington, the Supreme Court struck the tariffs down, Justice Orla Denn wrote.",
            [("Washington", "GPE"), ("Supreme Court", "ORG"), ("Orla Denn", "PERSON")],
        ),
        _placed(
            "a3",
            "Lawyers in Tehran said the Supreme Court would hear Iran's appeal again.",
            [("Tehran", "GPE"), ("Supreme Court", "ORG"), ("Iran", "GPE")],
        ),
    ]
    one, two, three = Linker().link_articles(batch)
    (iran,) = {m.entity_id for m in one.mentions if m.type == "ORG"}
    (washington,) = {m.entity_id for m in two.mentions if m.type == "ORG"}
    assert washington != iran
    assert [m.entity_id for m in three.mentions if m.type == "ORG"] == [iran]


@pytest.mark.parametrize(
    "text",
    [
        "Veloria held the vote. Velorian opposition leaders called it a fraud.",
        "Veloria was calm. Velorian rebel forces took the town.",
        "Veloria grew. Velorian business leaders welcomed the budget.",
        "Veloria denied it. A Velorian government critic said the count was rigged.",
        "Veloria denied it. A Velorian military blogger wrote that the line broke.",
        "Veloria opened an inquiry. A Velorian team of doctors found the cause.",
        "Veloria sued. A Velorian legal team filed the case.",
    ],
)
def test_a_people_s_word_before_no_one_who_acts_for_the_state_stays_the_people(text: str) -> None:
    # Leaders of the opposition, rebel forces, a government's critic, a team of doctors: people of the nation, not
    # its state (decision 0094, fifth session's review).
    (linked,) = Linker().link_articles([_placed("a1", text, [("Veloria", "GPE"), ("Velorian", "NORP")])])
    by_text = {m.text: m for m in linked.mentions}
    assert by_text["Velorian"].entity_id != by_text["Veloria"].entity_id
    assert by_text["Velorian"].type == "NORP"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Veloria said no. The Velorian foreign ministry said talks would go on.", True),
        ("Veloria said no. Velorian security forces closed the road.", True),
        ("Veloria won. The Velorian cricket team refused the medals.", True),
        ("Dastmar grew. Dastmari leaders met in the capital.", False),  # a continent's people speak for no state
    ],
)
def test_a_people_s_word_is_its_country_s_state_not_a_continent_s(text: str, state: bool) -> None:
    place, kind = ("Veloria", "GPE") if state else ("Dastmar", "LOC")
    names = [(place, kind), (place + ("n" if state else "i"), "NORP")]
    (linked,) = Linker().link_articles([_placed("a1", text, names)])
    place_id, (people,) = linked.mentions[0].entity_id, linked.mentions[1:]
    assert (people.entity_id == place_id) is state


@pytest.mark.parametrize(
    ("text", "names", "state"),
    [
        # A title written in capitals before its holder, as news writes it: the state's, as "the Velorian foreign
        # minister" is (decision 0094, sixth session).
        (
            "Veloria said no. Velorian Foreign Minister Arlo Venn said talks would go on.",
            [("Veloria", "GPE"), ("Velorian", "NORP"), ("Arlo Venn", "PERSON")],
            True,
        ),
        (
            "Veloria said no. Velorian President Arlo Venn said talks would go on.",
            [("Veloria", "GPE"), ("Velorian", "NORP"), ("Arlo Venn", "PERSON")],
            True,
        ),
        (
            "Veloria said no. The Velorian Foreign Ministry said talks would go on.",
            [("Veloria", "GPE"), ("Velorian", "NORP")],
            True,
        ),
        # A capitalised word after the title that no person opens: a longer name the model left untagged.
        (
            "Veloria won the toss. He plays in the Velorian Premier League for Vessa.",
            [("Veloria", "GPE"), ("Velorian", "NORP"), ("Vessa", "GPE")],
            False,
        ),
        (
            "Veloria won. A Velorian Army Veteran said the parade was long.",
            [("Veloria", "GPE"), ("Velorian", "NORP")],
            False,
        ),
    ],
)
def test_a_people_s_word_before_a_capitalised_title_is_the_state(
    text: str, names: list[tuple[str, str]], state: bool
) -> None:
    (linked,) = Linker().link_articles([_placed("a1", text, names)])
    by_text = {m.text: m for m in linked.mentions}
    assert (by_text["Velorian"].entity_id == by_text["Veloria"].entity_id) is state
    assert by_text["Velorian"].type == ("GPE" if state else "NORP")


def _people_words() -> list[tuple[str, str]]:
    return [(c, word) for c, words in countries.PEOPLE.items() for word in words.split("|") if word]


def test_every_country_of_the_table_has_its_people_s_words() -> None:
    # Every country ``countries.country`` knows is in the table of people's words, and no word names two.
    assert set(countries.PEOPLE) == {countries.country(c) for c in countries.PEOPLE}
    words = [word for _, word in _people_words()]
    assert len(words) == len(set(words))


@pytest.mark.parametrize(("country", "word"), _people_words())
def test_every_people_s_word_of_the_table_before_officials_is_its_state(country: str, word: str) -> None:
    # Each people's word of the table, written before who acts for its state in an article that names the country,
    # is that state: "Swiss officials" is Switzerland's as "Russian officials" is Russia's, though "Swiss" is no
    # "Switzerland" with an ending (a plural's "s" taken off once made it "Swis"). Where the people's word ends in
    # "s" the plural is the word itself; the country is written as news names it, capitalised.
    place = " ".join(w.capitalize() for w in country.split())
    if place.startswith(("United", "Netherlands", "Philippines", "Gambia")):
        place = "the " + place
    people = " ".join(w.capitalize() for w in word.split())
    text = f"{place} said on Monday that the talks would go on. {people} officials said the border was shut."
    bare = place.removeprefix("the ")
    (linked,) = Linker().link_articles([_placed("a1", text, [(bare, "GPE"), (people, "NORP")])])
    place_mention, people_mention = linked.mentions
    assert people_mention.entity_id == place_mention.entity_id, (people, bare)
    assert people_mention.type == "GPE"
    # The people's word stays the people where it is no one acting for the state, and is no name of the state.
    (fans,) = Linker().link_articles(
        [_placed("a2", f"{place} won. {people} fans cheered.", [(bare, "GPE"), (people, "NORP")])]
    )
    assert fans.mentions[1].entity_id != fans.mentions[0].entity_id


def test_a_people_s_word_of_the_table_never_goes_to_a_capital_or_another_country() -> None:
    # "American officials" in an article that names Washington but not the country is left the people's (a capital
    # is the government only as a speaker, decision 0093); "Swiss officials" beside Sweden is not Sweden's.
    for text, names in (
        (
            "In Washington, American officials said the border was shut.",
            [("Washington", "GPE"), ("American", "NORP")],
        ),
        ("Sweden said no. Swiss officials said the border was shut.", [("Sweden", "GPE"), ("Swiss", "NORP")]),
    ):
        (linked,) = Linker().link_articles([_placed("a1", text, names)])
        assert linked.mentions[1].entity_id != linked.mentions[0].entity_id
        assert linked.mentions[1].type == "NORP"


def test_a_company_named_with_an_s_stays_apart_from_a_person_of_that_surname() -> None:
    # "McDonald's said ..." (the mentions stage keeps a name's own "'s") in one article, a farmer "Mr. McDonald" named
    # more often in another: the company's type is not outvoted by the person's, and the two stay apart (decision
    # 0094, sixth session). The company's possessive form ("McDonald's restaurants", written "McDonald") is still
    # the company where no person of that name is in the batch.
    company = "McDonald's"
    farmer = (
        "Tom McDonald farms wheat near Vessa. McDonald said prices fell. McDonald added that he would sell. "
        "Mr. McDonald is 60."
    )
    people = [("Tom McDonald", "PERSON"), ("Vessa", "GPE"), *[("McDonald", "PERSON")] * 3]
    one, two = Linker().link_articles(
        [
            _placed(
                "a1", f"{company} said on Monday that profits rose. {company} shares fell.", [(company, "ORG")] * 2
            ),
            _placed("a2", farmer, people),
        ]
    )
    assert {m.type for m in one.mentions} == {"ORG"}
    assert {m.entity_id for m in one.mentions}.isdisjoint(m.entity_id for m in two.mentions)
    alone = Linker().link_articles(
        [
            _placed("a1", f"{company} said on Monday that profits rose.", [(company, "ORG")]),
            _placed("a2", "Shares of McDonald fell as its restaurants closed.", [("McDonald", "ORG")]),
        ]
    )
    assert len({m.entity_id for a in alone for m in a.mentions}) == 1


def test_a_people_s_word_the_table_lists_is_never_the_state_its_ending_spells() -> None:
    # "Nigerian" is "Niger" with an ending, but the table of people's words says it is Nigeria's: in an article that
    # names Niger first, "Nigerian officials" are Nigeria's, never Niger's (decision 0094, sixth session, h-rn53).
    text = "Niger's junta said no. Nigerian officials said the border would stay shut. Nigeria sent two envoys."
    names = [("Niger", "GPE"), ("Nigerian", "NORP"), ("Nigeria", "GPE")]
    (linked,) = Linker().link_articles([_placed("a1", text, names)])
    niger, nigerian, nigeria = linked.mentions
    assert nigerian.entity_id != niger.entity_id
    assert nigerian.entity_id == nigeria.entity_id
    # Beside Niger alone, the word names no state of the article: the people's.
    (alone,) = Linker().link_articles(
        [_placed("a2", "Niger's junta said no. Nigerian officials said the border would stay shut.", names[:2])]
    )
    assert alone.mentions[1].entity_id != alone.mentions[0].entity_id
    assert alone.mentions[1].type == "NORP"


def test_a_people_s_word_several_states_share_names_none_of_them() -> None:
    # "Dominican" is the Dominican Republic's word and Dominica's: "Dominican officials" beside Dominica are not
    # Dominica's, though "Dominica" and an ending spell the word (decision 0094, seventh session).
    text = "Dominica's prime minister spoke on Monday. Dominican officials said the port would reopen."
    (linked,) = Linker().link_articles([_placed("a1", text, [("Dominica", "GPE"), ("Dominican", "NORP")])])
    place, people = linked.mentions
    assert people.entity_id != place.entity_id
    assert people.type == "NORP"
    assert "dominican" in countries.SHARED and countries.of_people("Dominican") is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Germany said no. German Chancellor Eva Lind met Tarrow's envoys.", [("Eva Lind", "PERSON")]),
        ("Germany said no. The German chancellor met the envoys.", []),
        ("India said no. Indian High Commissioner Raj Oberoi met the envoys.", [("Raj Oberoi", "PERSON")]),
        ("Britain said no. British Foreign Secretary Ann Vale met the envoys.", [("Ann Vale", "PERSON")]),
        ("Iran said no. Iranian Speaker Ali Rezai met the envoys.", [("Ali Rezai", "PERSON")]),
        ("Brazil said no. The Brazilian vice president met the envoys.", []),
    ],
)
def test_a_people_s_word_before_a_chancellor_a_speaker_or_a_commissioner_is_the_state(
    text: str, names: list[tuple[str, str]]
) -> None:
    # Offices that act for the state beside minister and president (decision 0094, seventh session).
    country = text.split()[0]
    people = text.split(". ", 1)[1].split()[1 if text.split(". ", 1)[1].startswith("The ") else 0]
    (linked,) = Linker().link_articles([_placed("a1", text, [(country, "GPE"), (people, "NORP"), *names])])
    assert linked.mentions[1].entity_id == linked.mentions[0].entity_id, text
    # "German speakers" (of the language) are people, not the state.
    (fans,) = Linker().link_articles(
        [_placed("a2", "Germany said no. German speakers met.", [("Germany", "GPE"), ("German", "NORP")])]
    )
    assert fans.mentions[1].entity_id != fans.mentions[0].entity_id


def test_a_country_s_short_names_are_the_country_and_longer_names_are_not() -> None:
    # "America", "the U.S." and "the United States" are one country, in one article and across articles, whichever
    # comes first; "Latin America", "Bank of America" and the capital "Washington" are names of their own (decision
    # 0094, seventh session).
    one, two = Linker().link_articles(
        [
            _placed(
                "a1",
                "America will not pay, the president said. Latin America watched, and Bank of America fell.",
                [("America", "GPE"), ("Latin America", "LOC"), ("Bank of America", "ORG")],
            ),
            _placed(
                "a2",
                "The United States sent aid. Washington said the U.S. would do more.",
                [("United States", "GPE"), ("Washington", "GPE"), ("U.S.", "GPE")],
            ),
        ]
    )
    america, latin, bank = one.mentions
    states, washington, us = two.mentions
    assert america.entity_id == states.entity_id == us.entity_id
    assert len({america.entity_id, latin.entity_id, bank.entity_id, washington.entity_id}) == 4
    # Britain and the UK alike; the Kremlin is no name of Russia.
    (three,) = Linker().link_articles(
        [
            _placed(
                "a3",
                "Britain said no. The UK sent aid. Russia and the Kremlin said yes.",
                [("Britain", "GPE"), ("UK", "GPE"), ("Russia", "GPE"), ("Kremlin", "ORG")],
            )
        ]
    )
    britain, uk, russia, kremlin = three.mentions
    assert britain.entity_id == uk.entity_id and russia.entity_id != kremlin.entity_id


def test_a_state_s_ministry_in_lower_case_is_the_ministry_named_in_capitals() -> None:
    # "Bangladesh's foreign ministry" (the mentions stage's "foreign ministry" after the possessive) and another
    # article's "Bangladeshi Foreign Ministry" are one body (decision 0094, seventh session).
    one, two = Linker().link_articles(
        [
            _placed(
                "a1",
                "The Bangladeshi Foreign Ministry said it would seek her return.",
                [("Bangladeshi Foreign Ministry", "ORG")],
            ),
            _placed(
                "a2",
                "After the verdict, Bangladesh's foreign ministry demanded her return. India's foreign ministry "
                "said no.",
                [("Bangladesh", "GPE"), ("foreign ministry", "ORG"), ("India", "GPE"), ("foreign ministry", "ORG")],
            ),
        ]
    )
    (capitals,) = one.mentions
    _, bangladesh, _, india = two.mentions
    assert bangladesh.entity_id == capitals.entity_id
    assert india.entity_id != capitals.entity_id


def test_a_country_s_short_name_cut_from_a_longer_name_is_not_the_country() -> None:
    # The model cuts "America" out of "Progressive Velorians of America": no name of the United States there; but
    # "US President Tom Vale" is the country's (decision 0094, seventh session).
    (linked,) = Linker().link_articles(
        [
            _placed(
                "a1",
                "The United States said no, and America will not pay. US President Tom Vale met the Progressive "
                "Velorians of America.",
                [
                    ("United States", "GPE"),
                    ("America", "GPE"),
                    ("US", "GPE"),
                    ("Tom Vale", "PERSON"),
                    ("America", "GPE"),
                ],
            )
        ]
    )
    states, america, us, _, of = linked.mentions
    assert america.entity_id == states.entity_id == us.entity_id
    assert states.entity_id != of.entity_id
