"""The mention stage's names as written: what the model tags, trimmed to the name, on invented sentences."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from newsdesk import nlp
from newsdesk.extract import kinds, mentions

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc


def _names(text: str) -> dict[str, str]:
    found = mentions.find(nlp.load()(text))
    for m in found:
        assert text[m.start : m.end] == m.text
    return {m.text: m.type for m in found}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials at the White House said on Monday that the plan would wait.", "White House"),
        ("Aid from the United States arrived in Pelmora.", "United States"),
        ("Talks with the European Union resumed in Brussels.", "European Union"),
    ],
)
def test_a_lower_case_article_before_a_name_is_not_part_of_it(text: str, name: str) -> None:
    # The model tags "the United States": the name is kept, without "the" (it used to be dropped).
    names = _names(text)
    assert name in names and f"the {name}" not in names


def test_names_the_model_ran_together_over_a_comma_are_found_apart() -> None:
    text = "Andriy Jermak met the envoys. Asked by the Telegraph, Jermak said nothing."
    tagged = [e.text for e in nlp.load()(text).ents]
    assert "the Telegraph, Jermak" in tagged  # the small model's run-on, which this test is about
    names = _names(text)
    assert not any("," in n for n in names)
    assert names.get("Telegraph") == "ORG"
    assert [m.text for m in mentions.find(nlp.load()(text)) if m.text == "Jermak"]  # the surname pass finds it


def test_a_lone_word_called_a_person_and_a_place_in_one_article_is_the_place() -> None:
    # Invented: the small model calls "Veloria" a person before "says" and a nationality or place elsewhere.
    text = (
        "Veloria and Dastmar met in Vessa. Veloria says the dam will supply power within a decade, "
        "and officials in Veloria agreed."
    )
    tagged = {(e.text, e.label_) for e in nlp.load()(text).ents}
    assert ("Veloria", "PERSON") in tagged and any(t == "Veloria" and k != "PERSON" for t, k in tagged)
    found = mentions.find(nlp.load()(text))
    assert {m.type for m in found if m.text == "Veloria"} != {"PERSON"}
    assert all(m.type != "PERSON" for m in found if m.text == "Veloria")


def test_a_lone_surname_stays_a_person_when_the_article_names_them_in_full() -> None:
    from newsdesk.records import Mention

    found = {
        (0, 10): Mention(text="Ivo Jordan", start=0, end=10, type="PERSON"),
        (20, 26): Mention(text="Jordan", start=20, end=26, type="PERSON"),
        (40, 46): Mention(text="Jordan", start=40, end=46, type="GPE"),
    }
    mentions._one_kind_per_word(found)
    assert found[(20, 26)].type == "PERSON"
    del found[(0, 10)]
    mentions._one_kind_per_word(found)
    assert found[(20, 26)].type == "GPE"


def _relabelled(text: str, phrase: str, label: str) -> tuple[str, dict[str, tuple[str, str | None]]]:
    """Mentions when the model labels ``phrase`` ``label`` (the small model's slips, set by hand so the test does
    not hang on one sentence's parse)."""
    from spacy.tokens import Span

    doc = nlp.load()(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [
        Span(doc, span.start, span.end, label=label)
    ]
    return text, {m.text: (m.type, m.role) for m in mentions.find(doc)}


@pytest.mark.parametrize(
    ("text", "phrase", "label", "name", "title"),
    [
        (
            "Pelmoran Harbour Minister Tove Anker said the quay would open in May.",
            "Pelmoran Harbour Minister Tove Anker",
            "WORK_OF_ART",
            "Tove Anker",
            "Pelmoran Harbour Minister",
        ),
        (
            "The dockers' union said the strike would go on, but its leader, Aske Brun, said talks could resume.",
            "Aske Brun",
            "ORG",
            "Aske Brun",
            "leader",
        ),
    ],
)
def test_a_titled_name_the_model_mislabels_is_a_person(
    text: str, phrase: str, label: str, name: str, title: str
) -> None:
    # A title inside a name the model calls a work of art; a name in apposition to a person noun.
    _, names = _relabelled(text, phrase, label)
    assert names[name] == ("PERSON", title)


def test_a_title_word_that_opens_a_name_is_part_of_the_name() -> None:
    # no singer here (a body: "Singer Grand Cup" was the name until a cup became an event, decision 0094)
    phrase = "Singer Grand Hotel"
    _, names = _relabelled("Fans filled the ballroom of the Singer Grand Hotel on Sunday.", phrase, "ORG")
    assert names[phrase] == ("ORG", None)
    assert not [n for n, (kind, _) in names.items() if kind == "PERSON" and n in phrase]


@pytest.mark.parametrize(
    ("text", "phrase", "label", "name"),
    [
        ("The talks moved to Kelmor\n\nKELMOR (MPA) - Envoys met again.", "Kelmor\n\nKELMOR", "GPE", "Kelmor"),
        ("The regulator fined Brisklane 3.1 million velors.", "Brisklane 3.1 million", "PERSON", "Brisklane"),
    ],
)
def test_a_name_stays_on_its_line_and_a_person_has_no_number(text: str, phrase: str, label: str, name: str) -> None:
    _, names = _relabelled(text, phrase, label)
    assert name in names
    assert not [n for n in names if "\n" in n or any(c.isdigit() for c in n)]


@pytest.mark.parametrize(
    "text",
    [
        "The Pelmora-based payments company Brisklane has confirmed the breach.",
        "Brisklane, which is based in Pelmora, said the accounts were safe.",
        "Velorian fintech Brisklane says customer data may have been exposed.",
    ],
)
def test_a_name_the_grammar_says_is_a_body_is_no_person(text: str) -> None:
    _, names = _relabelled(text, "Brisklane", "PERSON")
    assert names["Brisklane"] == ("ORG", None)


def test_a_person_who_is_written_after_a_body_noun_with_a_title_stays_a_person() -> None:
    _, names = _relabelled("The union's leader Aske Brun, who chairs the board, spoke.", "Aske Brun", "PERSON")
    assert names["Aske Brun"][0] == "PERSON"


@pytest.mark.parametrize(
    "text", ["Speaking at the ministry in Brisvik, the minister said nothing.", "Not everyone in Brisvik is happy."]
)
def test_a_lone_word_in_which_things_happen_is_a_place(text: str) -> None:
    _, names = _relabelled(text, "Brisvik", "PERSON")
    assert names["Brisvik"] == ("GPE", None)


def test_a_first_name_the_model_left_out_is_part_of_the_name_and_the_noun_it_is_apposed_to_its_role() -> None:
    text = "The firm's chief financial officer, Joost Brammel, told reporters that the loss was small."
    _, names = _relabelled(text, "Brammel", "PERSON")
    assert names == {"Joost Brammel": ("PERSON", "chief financial officer")}


@pytest.mark.parametrize("title", ["Minister", "Congressman", "Professor", "Coach", "Pastor", "Captain"])
def test_a_title_before_a_lone_surname_stays_a_title(title: str) -> None:
    _, names = _relabelled(f"{title} Brammel told reporters that the loss was small.", "Brammel", "PERSON")
    assert "Brammel" in names and f"{title} Brammel" not in names


@pytest.mark.parametrize(
    ("phrase", "label", "owned"),
    [
        ("Pelmora's Tove Anker", "ORG", ("Tove Anker", "PERSON")),
        ("Pelmora's Harbour Office", "ORG", ("Harbour Office", "ORG")),
    ],
)
def test_an_owner_inside_a_name_is_a_name_of_its_own(phrase: str, label: str, owned: tuple[str, str]) -> None:
    text = f"Officials and {phrase} signed the accord on Friday. Anker told reporters it was done."
    _, names = _relabelled(text, phrase, label)
    assert names[owned[0]][0] == owned[1]
    assert names["Pelmora"][0] == "ORG" and phrase not in names


@pytest.mark.parametrize(
    ("text", "phrase", "label"),
    [
        ("Greywater Terminals did not withdraw the plan.", "Greywater Terminals", "PERSON"),
        ("According to the Harbour Gazette, the walkout will last a day.", "Harbour Gazette", "LOC"),
    ],
)
def test_a_name_ending_in_a_body_word_is_an_organisation(text: str, phrase: str, label: str) -> None:
    _, names = _relabelled(text, phrase, label)
    assert names[phrase] == ("ORG", None)


def test_a_common_noun_opening_a_sentence_is_no_name() -> None:
    text = "Background: Talks collapsed in June when the delegation walked out."
    _, names = _relabelled(text, "Background", "PERSON")
    assert "Background" not in names


def test_a_lone_word_called_a_person_that_opens_or_ends_an_organisation_named_beside_it_is_that_body() -> None:
    text = "According to the Harbour Gazette, a Gazette source said the walkout would last a day."
    doc = nlp.load()(text)
    assert ("Gazette", "PERSON") in {(e.text, e.label_) for e in doc.ents}  # the small model's slip
    assert {m.text: m.type for m in mentions.find(doc)}["Gazette"] == "ORG"


def test_a_lone_word_that_ends_an_organisation_stays_a_person_where_the_article_names_them() -> None:
    from newsdesk.records import Mention

    found = {
        (0, 11): Mention(text="Ana Gazette", start=0, end=11, type="PERSON"),
        (20, 35): Mention(text="Harbour Gazette", start=20, end=35, type="ORG"),
        (40, 47): Mention(text="Gazette", start=40, end=47, type="PERSON"),
    }
    mentions._short_bodies(found)
    assert found[(40, 47)].type == "PERSON"
    del found[(0, 11)]
    mentions._short_bodies(found)
    assert found[(40, 47)].type == "ORG"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A headline's lone word, which the article writes nowhere else but in the body's name: the body.
        ("Zorvan rejects the verdict\n\nThe Zorvan League rejected it. Zorvan League members marched.", "ORG"),
        # The article writes the word alone elsewhere too: a place of its own.
        ("Zorvan rejects the verdict\n\nThe Zorvan League rejected it. Voters in Zorvan marched.", "GPE"),
        # In running text, written once: a place all the same ("three Tarrow counties").
        ("Tarrow Instruments hired staff in three Tarrow counties. Tarrow Instruments said sales rose.", "GPE"),
        # A heading ends at its line; a sentence is no heading.
        ("Tarrow rejects the plan.\n\nTarrow Instruments said sales rose. Tarrow Instruments hired staff.", "GPE"),
        ("Tarrow rejects the plan\n\nTarrow Instruments said sales rose. Tarrow Instruments hired staff.", "ORG"),
    ],
)
def test_a_heading_s_first_word_called_a_place_that_opens_an_organisation_is_that_body_if_never_alone(
    text: str, kind: str
) -> None:
    from newsdesk.records import Mention

    word = text.split()[0] if text.startswith("Zorvan") else "Tarrow"
    body = "Zorvan League" if word == "Zorvan" else "Tarrow Instruments"
    found: dict[tuple[int, int], Mention] = {}
    for at in re.finditer(rf"\b{body}\b", text):
        found[at.span()] = Mention(text=body, start=at.start(), end=at.end(), type="ORG")
    lone = next(at for at in re.finditer(rf"\b{word}\b", text) if not any(s <= at.start() < e for s, e in found))
    found[lone.span()] = Mention(text=word, start=lone.start(), end=lone.end(), type="GPE")
    mentions._short_bodies(found, text)
    assert found[lone.span()].type == kind


def test_an_outlet_the_model_tagged_in_part_is_one_organisation() -> None:
    _, names = _relabelled("Asked by the New York Times, the minister said nothing.", "Times", "PERSON")
    assert names["New York Times"] == ("ORG", None) and "Times" not in names


def test_a_lone_word_a_place_noun_is_of_is_a_place() -> None:
    _, names = _relabelled("Ships went to the smaller port of Brisvik instead.", "Brisvik", "PERSON")
    assert names["Brisvik"] == ("GPE", None)


@pytest.mark.parametrize(
    "text",
    ["Ana Brammel met the mayor on Monday. Brammel said the plan was a fraud.", "The rally ended. Brammel left."],
)
def test_a_surname_opening_a_sentence_stays_a_name(text: str) -> None:
    # The small model may read a sentence-opening surname as a common noun; only a word the article also writes
    # in lower case, or a label before a colon, is dropped.
    doc = nlp.load()(text)
    start = text.index("Brammel", 5)
    word = doc.char_span(start, start + 7)
    assert word is not None and word[0].is_sent_start
    word[0].pos_ = "NOUN"
    assert "Brammel" in {m.text for m in mentions.find(_labelled(doc, start, "PERSON"))}


def test_a_capitalised_common_noun_the_article_writes_in_lower_case_is_no_name() -> None:
    text = "Cranes stood idle on Monday. The union wants cranes with a driver in the cab."
    doc = nlp.load()(text)
    doc[0].pos_ = "NOUN"
    assert "Cranes" not in {m.text for m in mentions.find(_labelled(doc, 0, "ORG"))}


def test_a_title_bearing_person_stays_a_person_beside_a_body_of_that_name() -> None:
    from newsdesk.records import Mention

    found = {
        (0, 17): Mention(text="Trump Tower Corp", start=0, end=16, type="ORG"),
        (30, 35): Mention(text="Trump", start=30, end=35, type="PERSON", role="Mr."),
    }
    mentions._short_bodies(found)
    assert found[(30, 35)].type == "PERSON"


def _labelled(doc, start: int, label: str):  # type: ignore[no-untyped-def]
    """``doc`` with the one word at ``start`` tagged ``label`` alone (the model's slip, set by hand)."""
    from spacy.tokens import Span

    word = doc.char_span(start, start + len(doc.text[start:].split(" ")[0].rstrip(".")))
    doc.ents = [e for e in doc.ents if e.end <= word.start or e.start >= word.end] + [
        Span(doc, word.start, word.end, label=label)
    ]
    return doc


def test_a_role_is_judged_by_its_own_noun_not_by_what_completes_it() -> None:
    # "the presenter for the host broadcaster" is a presenter: the broadcaster does not make the name a body.
    names = _names("Jonas Berg, the presenter for the host broadcaster, closed the ceremony in Marvosk.")
    assert names.get("Jonas Berg") == "PERSON"


# Issue 16 point 3: names cut at a particle, honorifics as roles, and names the words around them type.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The summit president Andrés Lusa do Prado said the deal held.", "Andrés Lusa do Prado"),
        ("The council president Marta van der Velde said the budget was final.", "Marta van der Velde"),
    ],
)
def test_a_name_cut_at_a_particle_is_one_person(text: str, name: str) -> None:
    names = _names(text)
    assert names.get(name) == "PERSON"
    assert not [n for n in names if n != name and n in name]  # no piece of it is a name of its own


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The court sentenced the former minister and former Inspector General of Police Tomas Brevik on Monday.",
            "Tomas Brevik",
            "Inspector General of Police",
        ),
        (
            "Former Inspector General of Police Orvin Tass confessed.",
            "Orvin Tass",
            "Former Inspector General of Police",
        ),
        ("He met Minister of Finance Dana Holt in Vessa.", "Dana Holt", "Minister of Finance"),
        ("Bank of England Governor Andrew Bailey spoke.", "Andrew Bailey", "Governor"),  # the bank is no role
        ("The visit of President Ana Vell ended.", "Ana Vell", "President"),
    ],
)
def test_a_title_before_of_is_the_head_of_the_role(text: str, name: str, role: str) -> None:
    # "Inspector General of Police X": the parse ties "Police" alone (or nothing) to the name.
    found = mentions.find(nlp.load()(text))
    assert [(m.text, m.role) for m in found if m.type == "PERSON"] == [(name, role)]


def test_a_form_of_address_is_no_role() -> None:
    found = mentions.find(nlp.load()("Mr Orvin Tass said the bridge was safe."))
    assert [(m.text, m.role) for m in found if m.type == "PERSON"] == [("Orvin Tass", None)]


def test_a_name_with_shareholders_or_a_chief_executive_is_a_company_in_the_whole_article() -> None:
    text = "Shares of Quillfin rose after Quillfin chief executive Dana Holt spoke. Quillfin said it would grow."
    assert nlp.load()(text).ents[0].label_ == "PERSON"  # the small model's reading, which this test is about
    found = mentions.find(nlp.load()(text))
    assert {m.type for m in found if m.text == "Quillfin"} == {"ORG"}


@pytest.mark.parametrize(
    "text",
    [
        "Dana Holt, a writer for the Orvath Courier, said on Twitter that the vote was close. Twitter announced it.",
        "Orvin Tass took to Twitter overnight to accuse the mayor of lying.",
    ],
)
def test_what_people_post_on_is_a_company_in_the_whole_article(text: str) -> None:
    assert ("Twitter", "PERSON") in [(e.text, e.label_) for e in nlp.load()(text).ents]  # the model's reading
    found = mentions.find(nlp.load()(text))
    assert {m.type for m in found if m.text == "Twitter"} == {"ORG"}
    assert {m.type for m in found if m.text in {"Dana Holt", "Orvin Tass"}} == {"PERSON"}


def test_a_person_whose_words_are_commented_on_stays_a_person() -> None:
    text = "Dana Holt spoke first. Critics later weighed in on Holt’s plan, which Holt defended."
    assert {m.type for m in mentions.find(nlp.load()(text)) if m.text == "Holt"} == {"PERSON"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Officials in Ohio said Ohioans would vote in March.", "Ohioans"),
        ("Republicans in Nevada could not match 2012, when 33,000 Nevadans joined the caucus.", "Nevadans"),
    ],
)
def test_the_peoples_word_of_a_place_the_article_names_is_no_person_or_body(text: str, word: str) -> None:
    assert (word, "NORP") not in [(e.text, e.label_) for e in nlp.load()(text).ents]  # the model's reading
    assert [(m.text, m.type) for m in mentions.find(nlp.load()(text)) if m.text == word] == [(word, "NORP")]


def test_the_peoples_word_of_a_place_the_article_names_is_no_place_of_its_own() -> None:
    text = "Russia seized four formerly Ukrainian regions. Ukraine refused."
    assert ("Ukrainian", "GPE") in [(e.text, e.label_) for e in nlp.load()(text).ents]  # the model's reading
    assert [(m.text, m.type) for m in mentions.find(nlp.load()(text)) if m.text == "Ukrainian"] == [
        ("Ukrainian", "NORP")
    ]


def test_a_headline_s_run_from_a_place_into_the_words_after_it_is_the_place() -> None:
    text = "Security Guarantees for Ukraine Tied to Territorial Concessions\nThe plan would see Ukraine cede land."
    run = "Ukraine Tied to Territorial Concessions"
    assert (run, "ORG") in [(e.text, e.label_) for e in nlp.load()(text).ents]  # the model's reading
    found = [(m.text, m.type, m.start) for m in mentions.find(nlp.load()(text)) if "Ukraine" in m.text]
    assert found == [("Ukraine", "GPE", text.index(run)), ("Ukraine", "GPE", text.rindex("Ukraine"))]


def test_what_is_annexed_is_a_place_in_the_whole_article() -> None:
    text = "Russia annexed Crimea in 2014 after a referendum. Moscow controls Crimea and parts of four regions."
    assert ("Crimea", "ORG") in [(e.text, e.label_) for e in nlp.load()(text).ents]  # the model's reading
    assert [m.type for m in mentions.find(nlp.load()(text)) if m.text == "Crimea"] == ["GPE", "GPE"]


def test_a_name_opening_a_dateline_is_a_place() -> None:
    text = "ORVATH, March 3 (MPA) - The ministry in Orvath said it would pay."
    assert _names(text)["ORVATH"] == "GPE"


def test_a_body_opening_a_paragraph_with_its_initials_is_no_place() -> None:
    # "(HSC) has" writes the body's initials, not a dateline's agency.
    text = "The Harbour Safety Council (HSC) has rejected the ferry operator's request to reopen the pier."
    # (A sentence's capital "The" before the body's common noun is no part of its name: decision 0094.)
    assert _names(text)["Harbour Safety Council"] == "ORG"


def test_a_name_before_housing_estate_is_a_place_in_the_whole_article() -> None:
    text = "The fire spread through the Marlow Court housing estate on Tuesday, and Marlow Court residents fled."
    found = mentions.find(nlp.load()(text))
    assert [m.type for m in found if m.text == "Marlow Court"] == ["LOC", "LOC"]


def test_the_portfolio_of_a_minister_is_no_organisation() -> None:
    text = "The court sentenced former Home Minister Orvin Tass in his absence."
    assert ("Home", "ORG") in [(e.text, e.label_) for e in nlp.load()(text).ents]  # the model's reading
    assert "Home" not in _names(text)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # A title closing what the model called a person: the body before it is the name.
        ("Brel praised Quillfin Co-CEO Ana Brel at the gala.", "Quillfin Co-CEO", ("Quillfin", "ORG")),
        # A name made into an adjective by a hyphen: the person is named, not "Orvin Tasse-run".
        ("The move clears the way for the Orvin Tasse-run studio.", "Orvin Tasse-run", ("Orvin Tasse", "PERSON")),
        # A byline's agency after a slash is no part of the reporter's name.
        ("By Lene Vass and Marco Dalt/MPA - Crews were still at work.", "Marco Dalt/MPA", ("Marco Dalt", "PERSON")),
        # A word in capitals opening the name is a brand's: "VLX Plus" is a service, not a person.
        ("The studios and the VLX Plus streaming business split.", "VLX Plus", ("VLX Plus", "ORG")),
    ],
)
def test_a_person_is_never_a_title_a_hyphened_adjective_a_credit_or_a_brand(
    text: str, phrase: str, expected: tuple[str, str]
) -> None:
    _, names = _relabelled(text, phrase, "PERSON")
    assert names[expected[0]][0] == expected[1]
    assert phrase == expected[0] or phrase not in names


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("RFK Jr. said the panel would meet.", "RFK Jr."), ("Pope Leo XIV said the talks would go on.", "Leo XIV")],
)
def test_a_name_with_capitals_or_a_numeral_stays_a_person(text: str, phrase: str) -> None:
    _, names = _relabelled(text, phrase, "PERSON")
    assert [kind for name, (kind, _) in names.items() if phrase.startswith(name)] == ["PERSON"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The deal brings classics like Orla Venn and newer favourites to the service.", "Orla Venn"),
        ("Asked about the studio behind “Orla Venn” and its sequels, the president said nothing.", "Orla Venn"),
    ],
)
def test_a_work_named_as_an_example_or_in_quotation_marks_is_no_person(text: str, title: str) -> None:
    _, names = _relabelled(text, title, "PERSON")
    assert title not in names


def test_a_name_opening_a_quotation_is_still_a_person() -> None:
    _, names = _relabelled("‘Orla Venn’s plan will fail,’ the minister said.", "Orla Venn", "PERSON")
    assert names["Orla Venn"][0] == "PERSON"


def test_works_listed_after_a_parse_cuts_the_list_are_no_names() -> None:
    # The parse ends "titles like ..." after its first title and hangs the others on the next clause; the
    # words still list them (commas, then "and"), so none of them is a person or a body.
    text = (
        'Mira Voss, the chief executive of Brindlecast, said: "By combining our library with culture-defining titles'
        " like Harbour Lights, Pixel Moon Rangers and Kelp Quest, we'll be able to do that even better.\""
    )
    names = _names(text)
    assert names == {"Mira Voss": "PERSON", "Brindlecast": "ORG"}
    # Names after commas that no "and" or "or" closes are not read as listed.
    doc = nlp.load()("Its favourites like Harbour Lights, Kelp Quest, Orla Venn told us, would stay.")
    assert kinds._listed_after(next(t for t in doc if t.text == "Lights")) == []
    doc = nlp.load()("Its favourites like Harbour Lights, Kelp Quest or Orla Venn would stay.")
    assert [t.text for t in kinds._listed_after(next(t for t in doc if t.text == "Lights"))] == ["Quest", "Venn"]


def test_a_name_between_commas_after_an_office_is_a_person_the_model_missed() -> None:
    text = "Ardania’s Tourism Minister, Celso Sabrino, said the fire likely started near the pavilion."
    assert _names(text) == {"Celso Sabrino": "PERSON"}


def test_a_name_joined_to_a_word_by_a_hyphen_ends_before_it() -> None:
    found = mentions.find(nlp.load()("Netflix said the Tomas Brenner-led board backed the deal."))
    assert "Tomas Brenner" in [m.text for m in found]
    assert not any(m.text.endswith("-") for m in found)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A score in brackets, and a phrase the parse joined to the name without a comma, are no roles.
        ("Orsa won by six wickets as Tovan Reske (74 off 39 balls) top scored.", "Tovan Reske", None),
        (
            "It was the case of Terence Crutcher, a 40-year-old unarmed black man.",
            "Terence Crutcher",
            "40-year-old unarmed black man",
        ),
        ("It said Marla Voss, the first woman elected to the harbour board, would win.", "Marla Voss", "first woman"),
    ],
)
def test_a_role_is_a_phrase_set_off_from_the_name_that_describes_the_person(
    text: str, name: str, role: str | None
) -> None:
    (found,) = [m for m in mentions.find(nlp.load()(text)) if m.text == name]
    assert found.role == role


@pytest.mark.parametrize(
    ("headline", "run", "name"),
    [
        ("Ana Vellmar Wins Tarrow Runoff", "Ana Vellmar Wins", "Ana Vellmar"),
        ("Lawmakers Rip Ana Vellmar As A 'Fraud'", "Rip Ana Vellmar", "Ana Vellmar"),
        # A suffix is part of the name: never cut.
        ("Ana Vellmar Jr. Wins Tarrow Runoff", "Ana Vellmar Jr.", "Ana Vellmar Jr."),
        # Nothing but a suffix follows a surname the article writes ("Vellmar" of Ana Vellmar).
        ("Vellmar Says She Never Lost", "Vellmar Says She Never", "Vellmar"),
        # A name that ends on a surname is left whole, though its first word is a surname too.
        ("Osk Vellmar, 40.", "Osk Vellmar", "Osk Vellmar"),
    ],
)
def test_a_name_the_model_ran_into_a_headline_s_words_is_the_name_the_article_writes(
    headline: str, run: str, name: str
) -> None:
    from newsdesk.records import Mention

    text = f"{headline}\n\nAna Vellmar spoke on Monday. Ben Osk, her rival, conceded."
    found = {}
    for words, at in ((run, text.index(run)), ("Ana Vellmar", len(headline) + 2), ("Ben Osk", text.index("Ben"))):
        found[(at, at + len(words))] = Mention(text=words, start=at, end=at + len(words), type="PERSON")
    mentions._headline_names(text, found)
    assert [m.text for m in found.values() if m.start < len(headline)] == [name]
    assert all(text[m.start : m.end] == m.text for m in found.values())


def test_a_name_in_running_text_is_not_cut() -> None:
    from newsdesk.records import Mention

    text = "Yesterday Ana Vellmar Wins said the count was fair. Ana Vellmar, her aunt, agreed with her."
    found = {}
    for words in ("Ana Vellmar Wins", "Ana Vellmar"):
        at = text.index(words, 0 if "Wins" in words else 40)
        found[(at, at + len(words))] = Mention(text=words, start=at, end=at + len(words), type="PERSON")
    found[(0, 0)] = Mention(text="Ben Osk", start=0, end=0, type="PERSON")
    mentions._headline_names(text, found)
    assert "Ana Vellmar Wins" in {m.text for m in found.values()}


# Roles an analyst saw wrong on dev-news: a title that took the first name, half a hyphenated title, a body's name.
def _named(text: str, labels: dict[str, str]) -> Doc:
    """``text`` parsed, its names labelled by hand (the small model's labels vary with invented names)."""
    from spacy.tokens import Span

    doc = nlp.load()(text)
    ents = []
    for phrase, label in labels.items():
        span = doc.char_span(text.index(phrase), text.index(phrase) + len(phrase))
        assert span is not None
        ents.append(Span(doc, span.start, span.end, label=label))
    doc.ents = ents
    return doc


def test_a_first_name_left_out_of_a_two_word_name_is_the_names_not_the_titles() -> None:
    text = "Apart from her, former Home Minister of Veloria Orvandi Tessel Marek was also sentenced to death."
    found = mentions.find(_named(text, {"Veloria": "GPE", "Tessel Marek": "PERSON"}))
    assert [(m.text, m.role) for m in found if m.type == "PERSON"] == [
        ("Orvandi Tessel Marek", "Home Minister of Veloria")
    ]
    # Elsewhere a capitalised word before two names is as likely a title no list knows.
    found = mentions.find(_named("Prosecutor Orvandi Tessel spoke.", {"Orvandi Tessel": "PERSON"}))
    assert [(m.text, m.role) for m in found] == [("Orvandi Tessel", "Prosecutor")]
    text = "Fealty was sworn to the Holy Roman Emperor Karel Vost in Orsa."
    found = mentions.find(_named(text, {"Holy Roman": "ORG", "Karel Vost": "PERSON"}))
    assert [m.text for m in found if m.type == "PERSON"] == ["Karel Vost"]


def test_a_hyphenated_title_after_a_name_is_one_role() -> None:
    found = mentions.find(nlp.load()('"This will help," added Tomas Brenner, co-CEO of Netflix.'))
    assert [(m.text, m.role) for m in found if m.type == "PERSON"] == [("Tomas Brenner", "co-CEO of Netflix")]


def test_a_word_called_a_person_after_a_bodys_name_ends_the_name() -> None:
    text = "The company splits its studios and Lumo Max streaming business from its cable networks."
    found = mentions.find(_named(text, {"Lumo": "ORG", "Max": "PERSON"}))
    assert [(m.text, m.type, m.role) for m in found] == [("Lumo Max", "ORG", None)]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Earlier in the day, UN Secretary-General Antonio Guterres urged negotiators to act.",
            "Antonio Guterres",
            "UN Secretary-General",
        ),
        (
            "Pakistan white-ball head coach Mike Hesson declined to comment.",
            "Mike Hesson",
            "Pakistan white-ball head coach",
        ),
        ("At one hospital, 38-year-old Ms. Huang was brought to tears.", "Huang", None),  # an age is no title
    ],
)
def test_a_title_before_a_name_takes_its_hyphenated_words_whole(text: str, name: str, role: str | None) -> None:
    found = [(m.text, m.role) for m in mentions.find(nlp.load()(text)) if m.type == "PERSON"]
    assert found == [(name, role)]


def test_a_time_zone_after_a_clock_time_is_no_body() -> None:
    text = "The hall stays shut until 8pm local time (23:00 GMT), Orvath Dock officials said."
    found = mentions.find(_named(text, {"GMT": "ORG", "Orvath Dock": "ORG"}))
    assert [(m.text, m.type) for m in found] == [("Orvath Dock", "ORG")]


def test_an_adverb_opening_a_quotation_is_no_place() -> None:
    text = "Chair Ilse Moran wrote: “Utterly disappointing to see the lack of respect.”"
    doc = _named(text, {"Ilse Moran": "PERSON", "Utterly": "GPE"})
    assert [t.pos_ for t in doc if t.text == "Utterly"] == ["ADV"]
    assert [m.text for m in mentions.find(doc)] == ["Ilse Moran"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("She could not find her sister-in-law Vessa, who lived on the 30th floor.", "Vessa"),
        ("The 52-year-old, who gave only her surname, Oyelaran, said she was waiting.", "Oyelaran"),
        ("His son Dovrin had left the tower an hour earlier.", "Dovrin"),
    ],
)
def test_a_name_after_a_kinship_noun_or_given_as_a_surname_is_a_person(text: str, name: str) -> None:
    found = mentions.find(_named(text, {name: "GPE"}))
    assert [(m.text, m.type) for m in found] == [(name, "PERSON")]


def test_a_place_elsewhere_in_the_article_stays_a_place_when_a_kinsman_bears_its_name() -> None:
    from spacy.tokens import Span

    text = "He flew to Dovria on Monday. His son Dovria stayed home."
    first, second = text.index("Dovria"), text.rindex("Dovria")
    doc = nlp.load()(text)
    spans = [doc.char_span(at, at + len("Dovria")) for at in (first, second)]
    doc.ents = [Span(doc, span.start, span.end, label="GPE") for span in spans if span is not None]
    assert len(doc.ents) == 2
    found = mentions.find(doc)
    # The kinsman stays a person though the word is a place elsewhere ("a lone word ... is the latter").
    assert [(m.start, m.type) for m in found] == [(first, "GPE"), (second, "PERSON")]


def test_a_plural_possessive_inside_a_name_is_part_of_it() -> None:
    text = "Members of the National Farmers’ Union met in Orvath."
    found = mentions.find(_named(text, {"National Farmers’ Union": "ORG", "Orvath": "GPE"}))
    assert [m.text for m in found] == ["National Farmers’ Union", "Orvath"]


@pytest.mark.parametrize(
    ("text", "labels", "kept"),
    [
        ("The board demanded the removal of the Match Referee from the cup.", {"Match Referee": "ORG"}, []),
        ("The Foreign Minister flew to Orvath.", {"Foreign Minister": "ORG", "Orvath": "GPE"}, ["Orvath"]),
        (
            "A survey by the Orvath Purchasing Managers showed growth.",
            {"Orvath Purchasing Managers": "ORG"},
            ["Orvath Purchasing Managers"],  # a plural: the name of a body of them
        ),
        (
            "The Northern Orvath Executive met on Monday, The Harbour Reporter said.",
            {"Northern Orvath Executive": "ORG", "Harbour Reporter": "ORG"},
            ["Northern Orvath Executive", "Harbour Reporter"],  # bodies named after what they do
        ),
        ("Coach reported higher handbag sales on Tuesday.", {"Coach": "ORG"}, ["Coach"]),
        (
            "The source commented on Velmora’s Interim Chief Adviser Osric Tann.",
            {"Velmora": "GPE", "Interim": "ORG", "Osric Tann": "PERSON"},
            ["Velmora", "Osric Tann"],
        ),
    ],
)
def test_a_title_written_in_capitals_with_no_name_is_no_body(
    text: str, labels: dict[str, str], kept: list[str]
) -> None:
    assert [m.text for m in mentions.find(_named(text, labels))] == kept


def test_a_plural_common_noun_opening_a_sentence_is_no_place() -> None:
    text = "The cause of the blaze is unclear. Eyewitnesses suggested an electrical fault in Orvath."
    doc = _named(text, {"Eyewitnesses": "GPE", "Orvath": "GPE"})
    assert [(t.pos_, t.tag_) for t in doc if t.text == "Eyewitnesses"] == [("NOUN", "NNS")]
    assert [m.text for m in mentions.find(doc)] == ["Orvath"]


def test_every_title_of_a_list_of_works_that_goes_on_through_a_title_with_of_is_dropped() -> None:
    text = "The deal gives Vantor control of franchises like Harry Potter, Game of Thrones and Batman."
    doc = _named(text, {"Vantor": "ORG", "Harry Potter": "PERSON", "Thrones": "ORG", "Batman": "ORG"})
    assert [m.text for m in mentions.find(doc)] == ["Vantor"]


def test_an_adjective_opening_a_heading_is_no_person() -> None:
    text = "Police arrested three men.\n\nGrim task of naming the dead\n\nResidents of Orvath waited."
    doc = _named(text, {"Grim": "PERSON", "Orvath": "GPE"})
    assert [(t.pos_, t.dep_) for t in doc if t.text == "Grim"] == [("ADJ", "amod")]
    assert [m.text for m in mentions.find(doc)] == ["Orvath"]


def test_a_slogan_in_quotation_marks_is_no_person_though_its_first_word_was_taken_for_a_title() -> None:
    text = 'Fans in the stands answered with chants of "Velor Maata Ki Jai" as Ilse Moran walked out.'
    doc = _named(text, {"Maata Ki Jai": "PERSON", "Ilse Moran": "PERSON"})
    assert [m.text for m in mentions.find(doc)] == ["Ilse Moran"]


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        (
            "Orvin Tassely, Marek Dalby, Tomas Brek and Ilse Varno received their medals on stage.",
            {"Orvin Tassely": "ORG", "Marek Dalby": "PERSON", "Tomas Brek": "PERSON", "Ilse Varno": "PERSON"},
            {"Orvin Tassely": "PERSON", "Marek Dalby": "PERSON", "Tomas Brek": "PERSON", "Ilse Varno": "PERSON"},
        ),
        (  # two people, and its last word another person's surname
            "After the final, Orvin Dalby, Marek Tassely and Ilse Varno received their medals from Anna Dalby.",
            {"Orvin Dalby": "ORG", "Marek Tassely": "PERSON", "Ilse Varno": "PERSON", "Anna Dalby": "PERSON"},
            {"Orvin Dalby": "PERSON", "Marek Tassely": "PERSON", "Ilse Varno": "PERSON", "Anna Dalby": "PERSON"},
        ),
        (  # two people only: investors are listed so
            "The startup is backed by Marek Dalby, Ilse Varno and Quillfin Brothers.",
            {"Marek Dalby": "PERSON", "Ilse Varno": "PERSON", "Quillfin Brothers": "ORG"},
            {"Marek Dalby": "PERSON", "Ilse Varno": "PERSON", "Quillfin Brothers": "ORG"},
        ),
        (  # one other person is no list of people
            "Analysts at Quillfin Brothers and Marek Dalby disagreed about the forecast.",
            {"Quillfin Brothers": "ORG", "Marek Dalby": "PERSON"},
            {"Quillfin Brothers": "ORG", "Marek Dalby": "PERSON"},
        ),
        (  # a team before its people is none of them
            "North Velmora (Orvin Tassely, Marek Dalby, Ilse Varno) won the relay.",
            {"North Velmora": "GPE", "Orvin Tassely": "PERSON", "Marek Dalby": "PERSON", "Ilse Varno": "PERSON"},
            {"North Velmora": "GPE", "Orvin Tassely": "PERSON", "Marek Dalby": "PERSON", "Ilse Varno": "PERSON"},
        ),
        (  # a word that ends bodies' names keeps it a body
            "Orsa Holdings, Marek Dalby and Ilse Varno signed the letter.",
            {"Orsa Holdings": "ORG", "Marek Dalby": "PERSON", "Ilse Varno": "PERSON"},
            {"Orsa Holdings": "ORG", "Marek Dalby": "PERSON", "Ilse Varno": "PERSON"},
        ),
    ],
)
def test_a_name_listed_with_people_only_is_a_person(
    text: str, labels: dict[str, str], expected: dict[str, str]
) -> None:
    doc = _named(text, labels)
    assert any(t.dep_ in {"conj", "appos"} for t in doc)  # the parse lists the names
    assert {m.text: m.type for m in mentions.find(doc)} == expected


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        (
            "She had landed in Orvath Airforce Station, Dalmar Pradesh after the rebellion began.",
            {"Orvath Airforce Station": "FAC", "Dalmar Pradesh": "ORG"},
            {"Orvath Airforce Station": "LOC", "Dalmar Pradesh": "GPE"},
        ),
        (  # the subject of a clause after a place is left as it is
            "In Orvath, Quillfin Vantor said the pipeline was shut.",
            {"Orvath": "GPE", "Quillfin Vantor": "ORG"},
            {"Orvath": "GPE", "Quillfin Vantor": "ORG"},
        ),
        (  # an apposition closed by a comma renames what came before: a body
            "The largest employer in Orvath Bay, Quillfin Vantor, cut jobs.",
            {"Orvath Bay": "GPE", "Quillfin Vantor": "ORG"},
            {"Orvath Bay": "GPE", "Quillfin Vantor": "ORG"},
        ),
        (  # a city, and a club of it
            "He has played for clubs in Orvath, Real Orvath among them.",
            {"Orvath": "GPE", "Real Orvath": "ORG"},
            {"Orvath": "GPE", "Real Orvath": "ORG"},
        ),
    ],
)
def test_a_body_set_after_a_place_and_a_comma_is_the_place_holding_it(
    text: str, labels: dict[str, str], expected: dict[str, str]
) -> None:
    assert {m.text: m.type for m in mentions.find(_named(text, labels))} == expected


def test_an_offices_first_word_is_cut_from_the_body_before_it() -> None:
    text = "A week ago, Orvath Climate Talks Executive Secretary Ilse Varno warned officials."
    doc = _named(text, {"Orvath Climate Talks Executive": "ORG", "Ilse Varno": "PERSON"})
    assert {m.text: m.type for m in mentions.find(doc)} == {"Orvath Climate Talks": "ORG", "Ilse Varno": "PERSON"}


def test_a_name_listed_with_people_stays_a_body_where_the_article_writes_it_so_again() -> None:
    text = (
        "Goldman Sachs, Peter Thiel, Marc Andreessen and Reid Hoffman backed the round. Goldman Sachs said it "
        "would invest more."
    )
    found = [m for m in mentions.find(nlp.load()(text)) if m.text == "Goldman Sachs"]
    assert [m.type for m in found] == ["ORG", "ORG"]


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        (
            "Tarrow won the Marvosk Championship in Dalen on Sunday.",
            {"Tarrow": "GPE", "Marvosk Championship": "GPE", "Dalen": "GPE"},
            {"Tarrow": "GPE", "Dalen": "GPE"},
        ),
        (
            "Ilvar beat Tarrow in the Super Fours and Orsa Rowing won the Pelmora Trophy.",
            {"Ilvar": "GPE", "Tarrow": "GPE", "Super Fours": "ORG", "Orsa Rowing": "ORG", "Pelmora Trophy": "PERSON"},
            {"Ilvar": "GPE", "Tarrow": "GPE", "Orsa Rowing": "ORG"},
        ),
        (
            "The Harbour Board broke the Clean Quays Act and the Veloria Laws on fishing, Dana Holt said.",
            {"Harbour Board": "ORG", "Clean Quays Act": "ORG", "Veloria Laws": "ORG", "Dana Holt": "PERSON"},
            {"Harbour Board": "ORG", "Dana Holt": "PERSON"},
        ),
        # A cup, honours, awards, a festival, a marathon, a summit: events, whatever the model called them
        # (decision 0094, seventh session).
        (
            "Ilvar won the Orsa Cup before the Vessa Center Honors, the Pelmora Awards and the Dalen Summit.",
            {
                "Ilvar": "GPE",
                "Orsa Cup": "LOC",
                "Vessa Center Honors": "ORG",
                "Pelmora Awards": "ORG",
                "Dalen Summit": "LOC",
            },
            {"Ilvar": "GPE"},
        ),
        (
            "Tarrow hosted the Marvosk Film Festival and the Tarrow City Marathon.",
            {"Tarrow": "GPE", "Marvosk Film Festival": "LOC", "Tarrow City Marathon": "PERSON"},
            {"Tarrow": "GPE"},
        ),
        # A festival is also the body that holds it: tagged an organisation, it stays one, as a place it is
        # the event; "Marvosk" alone stays the place (decision 0094, revised 2026-12-08).
        (
            "Marvosk's mayor agreed when the Marvosk Film Festival said it would bar the film.",
            {"Marvosk Film Festival": "ORG", "Marvosk": "GPE"},
            {"Marvosk Film Festival": "ORG", "Marvosk": "GPE"},
        ),
    ],
)
def test_a_name_ending_in_an_events_or_a_laws_word_is_no_mention(
    text: str, labels: dict[str, str], expected: dict[str, str]
) -> None:
    assert {m.text: m.type for m in mentions.find(_named(text, labels))} == expected


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        (
            "Tarrow beat Ilvar in a Group B match, and Ilvar met Dalen in Group C on Friday.",
            {"Tarrow": "GPE", "Ilvar": "GPE", "Group": "ORG", "Dalen": "GPE"},
            {"Tarrow": "GPE", "Ilvar": "GPE", "Dalen": "GPE"},
        ),
        # A name also written without a letter after it stays: "Marvosk A" is the second team of Marvosk.
        (
            "Marvosk A lost to Ilvar, but Marvosk won the final.",
            {"Marvosk": "GPE", "Ilvar": "GPE"},
            {"Marvosk": "GPE", "Ilvar": "GPE"},
        ),
        # An initial is no label's letter, nor is a title-case headline's article.
        (
            "Ruth Orvin met Tarrow P. Dane on Monday.",
            {"Ruth Orvin": "PERSON", "Tarrow": "ORG"},
            {"Ruth Orvin": "PERSON", "Tarrow": "ORG"},
        ),
        (
            "Orvin Gives Tarrow A Boost In Dalen\n\nThe vote was close.",
            {"Orvin": "PERSON", "Tarrow": "ORG", "Dalen": "GPE"},
            {"Orvin": "PERSON", "Tarrow": "ORG", "Dalen": "GPE"},
        ),
    ],
)
def test_a_lone_word_that_opens_a_label_wherever_it_is_written_is_no_name(
    text: str, labels: dict[str, str], expected: dict[str, str]
) -> None:
    assert {m.text: m.type for m in mentions.find(_named(text, labels))} == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Eyewitnesses described a loud bang before the roof of the Pelmora depot gave way.", "Eyewitnesses"),
        ("Residents said the smoke over the Pelmora depot lingered for hours.", "Residents"),
    ],
)
def test_a_plural_noun_of_people_opening_a_sentence_is_no_place(text: str, phrase: str) -> None:
    from spacy.tokens import Span

    doc = nlp.load()(text)
    word = doc[0]
    assert word.text == phrase and word.dep_ == "nsubj"
    # The small model's slip on a real report: the capitalised plural read as a proper noun, and tagged a place.
    word.pos_, word.tag_ = "PROPN", "NNP"
    doc.ents = [e for e in doc.ents if e.start > 0] + [Span(doc, 0, 1, label="GPE")]
    assert phrase not in {m.text for m in mentions.find(doc)}


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        # A room that something is done in is a place, whatever the model called it.
        ("Venn and Ostrik met in the Oval Office last week before the deal.", "Oval Office", "LOC"),
        ("The two envoys waited in the Situation Room on Friday.", "Situation Room", "LOC"),
        # A body's name ending in the same word stays a body where it is not where something is done.
        ("An official in the Foreign Office said the talks would resume.", "Foreign Office", "ORG"),
    ],
)
def test_a_room_something_is_done_in_is_a_place(text: str, phrase: str, kind: str) -> None:
    _, names = _relabelled(text, phrase, "ORG")
    assert names[phrase][0] == kind


@pytest.mark.parametrize(
    ("text", "body", "place"),
    [
        # The model ends the body's name before "in Kenya": the article writes the country's people ("Kenyan"), so
        # the country ends the name.
        (
            "The Kenyan squad said it would follow the Federation for Rowing in Kenya and its rules.",
            "Federation for Rowing in Kenya",
            None,
        ),
        (
            "The rowers said they follow the Council for Sport in Kenya, which sets the rules for Kenyan clubs.",
            "Council for Sport in Kenya",
            None,
        ),
        # A city the article names no people of stays a place beside the body.
        (
            "Kenyan officials met the Institute for Fiscal Studies in Nairobi on Monday.",
            "Institute for Fiscal Studies",
            "Nairobi",
        ),
        # Nor does a country whose people the article does not name join the body.
        (
            "The government asked the Foundation for Clean Water in Kenya to repeat the survey.",
            "Foundation for Clean Water",
            "Kenya",
        ),
    ],
)
def test_a_body_for_something_in_a_country_ends_on_the_country(text: str, body: str, place: str | None) -> None:
    names = _names(text)
    assert names.get(body) == "ORG"
    if place is None:
        assert not any(names.get(p) in {"GPE", "LOC"} for p in ("Kenya", "Nairobi"))
    else:
        assert names.get(place) in {"GPE", "LOC"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # Invented, in the shapes the small model calls a body: a name before a compound noun of what a player does,
        # and a possessive before such a noun.
        ("He posted a Tavio Brenhardo goal celebration on his feed.", "Tavio Brenhardo"),
        (
            "The chairman had posted cryptic videos of Tavio Brenhardo's plane crash gesture celebrations which angered"
            " the visitors.",
            "Tavio Brenhardo",
        ),
    ],
)
def test_a_name_before_what_only_a_person_does_is_a_person(text: str, person: str) -> None:
    names = _names(text)
    assert names.get(person) == "PERSON"
    assert not any(kind in {"ORG", "GPE", "LOC"} and person.startswith(name) for name, kind in names.items())


def test_a_body_before_a_celebration_of_its_own_name_stays_a_body() -> None:
    # "Celebration" after a name with a body's word in it says nothing of a person.
    names = _names("Staff of the Brennick Foundation held an anniversary celebration in Orvath.")
    assert all(kind != "PERSON" for name, kind in names.items() if "Brennick" in name)


def _labelled_each(text: str, labels: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Mentions when the model labels each (phrase, label) of ``labels`` at every place ``text`` writes it (set by
    hand, the small model's labels aside)."""
    from spacy.tokens import Span

    doc = nlp.load()(text)
    spans = []
    for phrase, label in labels:
        for hit in re.finditer(re.escape(phrase), text):
            span = doc.char_span(hit.start(), hit.end())
            assert span is not None
            if not any(s.start < span.end and span.start < s.end for s in spans):  # a longer phrase holds it
                spans.append(Span(doc, span.start, span.end, label=label))
    doc.ents = spans
    return {m.text: m.type for m in mentions.find(doc)}


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # A kinship noun before a noun it likens something to: no relative of a person.
        ("A band came from Port Velmar's sister city for the fair.", (("Port Velmar", "GPE"),)),
        # A country or a capital in a team's name: a body.
        ("Fans joined the Nord Madrid title celebrations on Sunday.", (("Nord Madrid", "ORG"),)),
        # A team (or a place) the report also names before nothing of a person's ("Castora Athletic won"): a body.
        (
            "Castora Athletic won the league on Sunday. Fans joined the Castora Athletic title celebrations.",
            (("Castora Athletic", "ORG"),),
        ),
        # A team holding its city's name, which the report writes alone as a place: a body.
        (
            "The Real Orvath celebration went on late into the night in Orvath.",
            (("Real Orvath", "ORG"), ("Orvath", "GPE")),
        ),
    ],
)
def test_a_team_or_a_place_before_a_celebration_is_no_person(text: str, labels: tuple[tuple[str, str], ...]) -> None:
    names = _labelled_each(text, labels)
    for phrase, label in labels:
        assert names.get(phrase) == label
    assert "PERSON" not in names.values()


def test_a_family_name_cut_at_its_particle_is_the_person_the_article_names_in_full() -> None:
    from newsdesk.records import Mention

    # The model read "Souza" and "Vale" of "Souza do Vale said" as two bodies; the article names "Marina Souza do
    # Vale" in full before.
    text = "The summit's host, Marina Souza do Vale, opened it. Later Souza do Vale said the deal would hold."
    found = {}
    for words, kind in (("Marina Souza do Vale", "PERSON"), ("Souza", "ORG"), ("Vale", "ORG")):
        at = text.index(words, 0 if kind == "PERSON" else 50)
        found[(at, at + len(words))] = Mention(text=words, start=at, end=at + len(words), type=kind)
    mentions._surname_with_particles(text, found)
    assert [(m.text, m.type) for m in sorted(found.values(), key=lambda m: m.start)] == [
        ("Marina Souza do Vale", "PERSON"),
        ("Souza do Vale", "PERSON"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found.values())
    # Without the full name in the article, a body and a name after it stay as read ("Banco do Brasil" aside).
    alone = {k: m for k, m in found.items() if m.text != "Marina Souza do Vale"}
    alone = {
        (m.start, m.start + 5): Mention(text="Souza", start=m.start, end=m.start + 5, type="ORG")
        for m in alone.values()
    }
    vale = text.index("Vale", 50)
    alone[(vale, vale + 4)] = Mention(text="Vale", start=vale, end=vale + 4, type="ORG")
    mentions._surname_with_particles(text, alone)
    assert sorted(m.text for m in alone.values()) == ["Souza", "Vale"]


def test_a_name_in_a_line_of_players_figures_is_a_player() -> None:
    from newsdesk.records import Mention

    text = (
        "Harbour 160-6: Tavin Orrel (61 off 40 balls), Mako Brennt (22 off 18), Ilse Varga (19 off 11); Jon Pell (3-21)"
    )
    kinds_of = {"Tavin Orrel": "LOC", "Mako Brennt": "PERSON", "Ilse Varga": "PERSON", "Jon Pell": "PERSON"}
    found = {}
    for name, kind in kinds_of.items():
        at = text.index(name)
        found[(at, at + len(name))] = Mention(text=name, start=at, end=at + len(name), type=kind)
    at = text.index("Harbour")
    found[(at, at + 7)] = Mention(text="Harbour", start=at, end=at + 7, type="GPE")
    mentions._figured_alike(text, found)
    assert {m.text: m.type for m in found.values()} == {**dict.fromkeys(kinds_of, "PERSON"), "Harbour": "GPE"}
    # Teams given figures alike stay as read: a body among them is no person by one player's name.
    teams = "Results: Orrel Rovers (3), Harbour United (2), Mako Brennt (1)"
    found = {}
    for name, kind in (("Orrel Rovers", "ORG"), ("Harbour United", "ORG"), ("Mako Brennt", "PERSON")):
        at = teams.index(name)
        found[(at, at + len(name))] = Mention(text=name, start=at, end=at + len(name), type=kind)
    mentions._figured_alike(teams, found)
    assert [m.type for m in found.values()] == ["ORG", "ORG", "PERSON"]


@pytest.mark.parametrize(
    ("text", "other", "kind"),
    [
        # A share, a sum, a count or a rank in brackets is no player's figure: the party, the company, the country
        # listed among people with one keep the model's type.
        ("Poll: Tavin Orrel (31%), Green Alliance (22%), Ilse Varga (20%)", "Green Alliance", "ORG"),
        ("Votes: Tavin Orrel (1,204), Nova Frente (998), Ilse Varga (870)", "Nova Frente", "ORG"),
        ("Gifts: Tavin Orrel (2 million), Harbour Trust (1.5 million), Ilse Varga (1 million)", "Harbour Trust", "ORG"),
        ("Seeds: Tavin Orrel (1), Ilse Varga (2), Great Britain (3)", "Great Britain", "GPE"),
        ("Gold: Tavin Orrel (800m), Ilse Varga (1500m), Great Britain (4x400m)", "Great Britain", "GPE"),
    ],
)
def test_a_name_among_people_given_a_share_or_a_sum_is_not_made_a_player(text: str, other: str, kind: str) -> None:
    from newsdesk.records import Mention

    found = {}
    for name, typed in (("Tavin Orrel", "PERSON"), ("Ilse Varga", "PERSON"), (other, kind)):
        at = text.index(name)
        found[(at, at + len(name))] = Mention(text=name, start=at, end=at + len(name), type=typed)
    mentions._figured_alike(text, found)
    assert {m.text: m.type for m in found.values()} == {"Tavin Orrel": "PERSON", "Ilse Varga": "PERSON", other: kind}


def test_a_body_or_a_place_by_its_words_in_a_line_of_players_stays_one() -> None:
    from newsdesk.records import Mention

    # Every other name of the line a player's, but "Club" ends a body's name and "Valley" names a kind of place; a
    # name in capitals ("ORREL XI") is no player's either.
    for other, kind in (("Harbour Cricket Club", "ORG"), ("Orrel Valley", "LOC"), ("ORREL XI", "ORG")):
        text = f"Scores: Tavin Orrel (61 off 40 balls), Ilse Varga (22 off 18); {other} (3-21)"
        found = {}
        for name, typed in (("Tavin Orrel", "PERSON"), ("Ilse Varga", "PERSON"), (other, kind)):
            at = text.index(name)
            found[(at, at + len(name))] = Mention(text=name, start=at, end=at + len(name), type=typed)
        mentions._figured_alike(text, found)
        assert {m.text: m.type for m in found.values()}[other] == kind
    # The same line with a name of two capitalised words is the player's.
    text = "Scores: Tavin Orrel (61 off 40 balls), Ilse Varga (22 off 18); Jon Pell (3-21)"
    found = {}
    for name, typed in (("Tavin Orrel", "PERSON"), ("Ilse Varga", "PERSON"), ("Jon Pell", "GPE")):
        at = text.index(name)
        found[(at, at + len(name))] = Mention(text=name, start=at, end=at + len(name), type=typed)
    mentions._figured_alike(text, found)
    assert {m.text: m.type for m in found.values()}["Jon Pell"] == "PERSON"


def test_a_people_s_word_left_in_lower_case_at_a_sentence_s_opening_is_still_a_name() -> None:
    # "brazilian authorities have stated ..." after a paragraph break (a writer's slip, which the model reads as a
    # common word in a whole article, dev-news 021): the people's word of a place the article names is found, so that
    # the Linker reads it as the state it is before "authorities" (decision 0094, sixth session). In the middle of a
    # sentence, or beside no such place, a lower-case word stays no name.
    text = (
        "Brazil denied it on Monday, and the talks went on into the night.\n\n"
        "brazilian authorities have stated the fire is out. veloria said nothing."
    )
    names = _names(text)
    assert names.get("brazilian") == "NORP"
    assert "veloria" not in names
    middle = "Brazil denied it on Monday. Then brazilian authorities said the ship had left."
    assert "brazilian" not in _names(middle)
    nowhere = "The talks went on.\n\nbrazilian authorities have stated the fire is out."
    assert "brazilian" not in _names(nowhere)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A name ending in "'s" keeps it where nothing it owns follows (decision 0094, sixth session): the town is
        # "St. John's", not "St. John".
        ("The ferry left St. John's on Monday. Residents of St. John's cheered.", {"St. John's": "GPE"}),
        # A possessive before what it owns is the owner's name alone: after the parse's owner ("poss"), before a
        # bracket, or of a name the article also writes alone (the parse takes "proposed" for a verb here).
        ("Russia's plan was rejected on Monday.", {"Russia": "GPE"}),
        (
            "The league has refused the Veloria Rowing Board’s (VRB) appeal to replace the umpire.",
            {"Veloria Rowing Board": "ORG", "VRB": "ORG"},
        ),
        (
            "The government hinted at resistance to Orsa Media’s proposed takeover of Quill Studios, warning that the "
            "deal was too big. Orsa Media said it would go ahead.",
            {"Orsa Media": "ORG", "Quill Studios": "ORG"},
        ),
    ],
)
def test_a_name_s_own_s_is_kept_and_an_owner_s_mark_is_not(text: str, names: dict[str, str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # A lower-case word opening a sentence or a line is a common word unless the table of people's words lists it
        # for a country the article names (decision 0094, sixth session, h-rn53): the place's name with an ending
        # spells many common words.
        "The US said the tariffs would stay.\n\nuser numbers fell in the quarter, the report said.",
        "Rome hosted the talks on Monday.\nroman numerals were carved on the old gate.",
        "Hamburg hosted the trade fair. hamburger sales rose by a tenth, the organisers said.",
    ],
)
def test_a_common_word_opening_a_sentence_is_no_people_s_word(text: str) -> None:
    assert {t for t, kind in _names(text).items() if kind == "NORP"} == set()


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        # A sentence's capital "The" before a body or a place whose name ends in a common noun is no part of it.
        (
            "The Velorian Justice Department said it would appeal.",
            {"The Velorian Justice Department": "ORG"},
            {"Velorian Justice Department": "ORG"},
        ),
        ("Talks went on. The Green Zone was shut.", {"The Green Zone": "LOC"}, {"Green Zone": "LOC"}),
        ("“The Harbour Authority lied,” she said.", {"The Harbour Authority": "ORG"}, {"Harbour Authority": "ORG"}),
        ("The United States sent aid.", {"The United States": "GPE"}, {"United States": "GPE"}),
        # A newspaper's name, a name of one word and a "The" inside a sentence keep it.
        (
            "The Marvosk Times said so. The Hague agreed. Officials told The Dalen Harbour Board.",
            {"The Marvosk Times": "ORG", "The Hague": "GPE", "The Dalen Harbour Board": "ORG"},
            {"The Marvosk Times": "ORG", "The Hague": "GPE", "The Dalen Harbour Board": "ORG"},
        ),
    ],
)
def test_a_sentence_s_capital_the_is_no_part_of_a_body_s_or_a_place_s_name(
    text: str, labels: dict[str, str], expected: dict[str, str]
) -> None:
    assert {m.text: m.type for m in mentions.find(_named(text, labels))} == expected


def _named_at(text: str, labels: Sequence[tuple[str, int, str]]) -> Doc:
    """``text`` parsed, its names labelled by hand: each a phrase, which of its occurrences (0 the first), a label."""
    from spacy.tokens import Span

    doc = nlp.load()(text)
    ents = []
    for phrase, nth, label in labels:
        at = -1
        for _ in range(nth + 1):
            at = text.index(phrase, at + 1)
        span = doc.char_span(at, at + len(phrase))
        assert span is not None
        ents.append(Span(doc, span.start, span.end, label=label))
    doc.ents = ents
    return doc


def test_a_company_s_own_s_holds_beside_a_person_of_its_name_in_one_article() -> None:
    # "McDonald's" the company and "Mr. McDonald" (or "Tom McDonald") the franchise owner in one article: the
    # company keeps its "'s" (the name written alone is the person's), the person stays a person, and the company's
    # owner's mark ("McDonald's shares", which the model leaves out of the name) is the company too (decision 0094,
    # seventh session).
    text = (
        "McDonald's said on Monday that profits rose at its restaurants. Mr. McDonald, a franchise owner in "
        "Vessa, said sales fell. McDonald's shares fell 3%."
    )
    doc = _named_at(
        text, [("McDonald's", 0, "ORG"), ("McDonald", 1, "PERSON"), ("Vessa", 0, "GPE"), ("McDonald", 2, "ORG")]
    )
    assert [(m.text, m.type) for m in mentions.find(doc)] == [
        ("McDonald's", "ORG"),
        ("McDonald", "PERSON"),
        ("Vessa", "GPE"),
        ("McDonald's", "ORG"),
    ]
    full = "McDonald's said on Monday that profits rose. Tom McDonald, who owns two of them, said sales fell."
    found = mentions.find(_named_at(full, [("McDonald's", 0, "ORG"), ("Tom McDonald", 0, "PERSON")]))
    assert [(m.text, m.type) for m in found] == [("McDonald's", "ORG"), ("Tom McDonald", "PERSON")]


def test_a_state_s_ministry_in_lower_case_after_its_country_s_possessive_is_a_body() -> None:
    # "Bangladesh's foreign ministry demanded ...": the model tags no name in lower case; the ministry is the body
    # "Bangladesh's Foreign Ministry" names (decision 0094, seventh session). Not after a capital, nor without a
    # portfolio ("Russia's ministry").
    text = (
        "After the verdict, Russia's foreign ministry said no. Moscow's defence ministry and Russia's ministry did too."
    )
    found = mentions.find(_named(text, {"Russia": "GPE", "Moscow": "GPE"}))
    assert [(m.text, m.type) for m in found if m.type == "ORG"] == [("foreign ministry", "ORG")]
