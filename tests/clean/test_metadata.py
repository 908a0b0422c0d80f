"""Metadata stated in a plain-text article's first lines; nothing invented."""

from __future__ import annotations

import pytest

from newsdesk.clean import metadata
from newsdesk.dates import parse_date
from newsdesk.records import lead_prefix


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fri, 28 Nov 2025 20:12:00 +0200", "2025-11-28T20:12:00+02:00"),
        ("2026-03-13T09:30:00+01:00", "2026-03-13T09:30:00+01:00"),
        ("2026-03-13", "2026-03-13"),
        ("Published: March 3, 2026", "2026-03-03"),
        ("3 March 2026", "2026-03-03"),
        ("Updated on 2026-03-13T09:30:00Z", "2026-03-13T09:30:00+00:00"),
        ("last weekend", None),
        ("The talks resumed in 2014 after a pause.", None),
        ("2026-02-30", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_title_outlet_date_and_byline() -> None:
    head = metadata.header(
        [
            "Dam talks collapse in Vessa",
            "gazette.example",
            "Tue, 16 Jun 2026 20:05:00 +0300",
            "By Petra Anselm",
            "The talks collapsed on Tuesday. Both sides blamed each other for the failure.",
        ]
    )
    assert head.title == "Dam talks collapse in Vessa"
    assert head.outlet == "gazette.example"
    assert head.published == "2026-06-16T20:05:00+03:00"
    assert head.byline == "Petra Anselm"
    assert head.consumed == (1, 2, 3)


def test_dateline_means_no_title() -> None:
    lead = (
        "Washington: The Orsa government could accept a ceasefire deal, two officials who asked not to be "
        "named said on Friday. Negotiators are expected to meet again later this week in a neutral capital."
    )
    head = metadata.header([lead, "Second paragraph."])
    assert head.dateline == "Washington"
    assert head.title is None


@pytest.mark.parametrize(
    ("first", "dateline"),
    [
        ("VESSARA, Vel., April 1 (UPI) — ", "VESSARA, Vel."),
        ("Vessara, April 1 — ", "Vessara"),
        ("VESSARA, April 1, 2026 (AP) — ", "VESSARA"),
        ("Vessara: ", "Vessara"),
    ],
)
def test_a_wire_dateline_with_its_day_is_a_dateline_under_a_headline_or_without_one(first: str, dateline: str) -> None:
    # The dateline opening the lead is read, with the day it was filed ("April 1 (UPI)"), whether a headline stands
    # above it or not; without a headline the lead is never taken for the title.
    lead = (
        f"{first}The harbour board approved the dredging plan on Thursday after a debate that ran late into the "
        "night, officials said. Work is to begin in the spring."
    )
    head = metadata.header([lead, "Second paragraph."])
    assert (head.dateline, head.title) == (dateline, None)
    head = metadata.header(["Harbour board backs dredging", lead, "Second paragraph."])
    assert (head.dateline, head.title) == (dateline, "Harbour board backs dredging")


@pytest.mark.parametrize(
    ("dash", "dateline"),
    [("—", "VESSARA"), ("\u2015", "VESSARA"), (" \u2015 ", "VESSARA"), ("–", None), ("-", None)],
)
def test_a_dateline_set_close_to_its_long_dash_is_a_dateline(dash: str, dateline: str | None) -> None:
    # Some papers set the dateline close to an em dash or the bar ("WASHINGTON—The ..."), as records.lead_prefix
    # reads it; the header read none there (it wanted a space after the dash). An en dash or a hyphen set close
    # joins names ("VESSARA–ORSA talks"), and a mixed-case name before a close dash is no dateline either.
    lead = (
        f"VESSARA{dash}The harbour board voted on Friday to close the old quay for the winter, after a storm "
        "broke part of its wall. The ferries will use the new pier until the repairs are done in the spring."
    )
    head = metadata.header([lead, "Second paragraph."])
    assert head.dateline == dateline
    assert metadata.header([lead.replace("VESSARA", "Vessara", 1), "Second paragraph."]).dateline == (
        None if dash.strip() == dash else "Vessara"
    )


def test_headline_with_colon_is_a_title_not_a_dateline() -> None:
    head = metadata.header(["Pat Caddell: Democrat Voters Worried About the Race", "Body text here."])
    assert head.title == "Pat Caddell: Democrat Voters Worried About the Race"
    assert head.dateline is None


@pytest.mark.parametrize(
    "first",
    [
        "Trump apparently now wants to reach out. Jae C. Hong/AP/dpa",
        "The first sentence of a long lead paragraph runs on here. And a second sentence follows it, "
        "adding detail that no headline would carry.",
    ],
)
def test_caption_or_lead_paragraph_is_no_title(first: str) -> None:
    assert metadata.header([first, "Body."]).title is None


@pytest.mark.parametrize("first", ["Virginian could make history. Again.", "Candidates vie for support;"])
def test_short_multi_sentence_or_decked_headlines_are_titles(first: str) -> None:
    head = metadata.header([first, "Trump and Clinton point out their credentials.", "Body text."])
    assert head.title is not None and head.title.startswith(first)


@pytest.mark.parametrize(
    ("first", "title", "byline"),
    [
        # A one-sentence lead the page kept no headline over is no title (the title stays unknown); a byline
        # opening it is the article's byline, its agency aside (the attributions stage credits that).
        (
            "PORT ELLIS: It was a grey winter morning with a light rain falling as Mr Tan walked down to the harbour "
            "to check on his boat.",
            None,
            None,
        ),
        (
            "By Ann Roe and Sam Doe/AFP – Crews were still pumping water out of the flooded tunnel on Thursday, "
            "a day after the river burst its banks and cut the town in two.",
            None,
            "Ann Roe and Sam Doe",
        ),
        (
            "By Ann Roe, Sam Doe and Li Wei – Crews were still pumping water out of the flooded tunnel on Thursday.",
            None,
            "Ann Roe, Sam Doe and Li Wei",
        ),
        (
            "• Three ferry operators were fined over the harbour collision as the number of injured passengers "
            "rose to 41 overnight, the coastguard said.",
            None,
            None,
        ),
        # A headline keeps its kicker, and a long headline in title case is no lead.
        ("EXCLUSIVE: Port Ellis ferry firm fined", "EXCLUSIVE: Port Ellis ferry firm fined", None),
        (
            "Mayor: Port Ellis Has 'A Long Way To Go' On Flood Walls, Says Council Must Find 'The Money, And Fast' "
            "Before Spring.",
            "Mayor: Port Ellis Has 'A Long Way To Go' On Flood Walls, Says Council Must Find 'The Money, And Fast' "
            "Before Spring.",
            None,
        ),
        # "By" opening a sentence is no byline, with a dash after it or not.
        (
            "By Monday Morning – The ferries ran again, the harbour master said.",
            "By Monday Morning – The ferries ran again, the harbour master said.",
            None,
        ),
    ],
)
def test_a_lead_is_no_title_and_a_byline_opening_it_is_read(first: str, title: str | None, byline: str | None) -> None:
    head = metadata.header([first, "The second paragraph.", "Body text."])
    assert (head.title, head.byline) == (title, byline)


def test_nothing_stated_nothing_invented() -> None:
    head = metadata.header(["Short headline", "Body without any metadata at all, just words."])
    assert (head.outlet, head.published, head.byline, head.dateline) == (None, None, None, None)


@pytest.mark.parametrize("line", ["The New Security Framework", "Ukraine's Dilemma", "Europe expresses alarm"])
def test_subheadings_are_not_bylines(line: str) -> None:
    assert metadata.header(["Headline", "Lead paragraph of the story.", line, "More."]).byline is None


def test_promo_and_copyright_lines_state_the_outlet() -> None:
    promo = metadata.header(["Body.", "No time? blue News summarizes for you The USA is said to..."])
    assert promo.outlet == "blue News"
    footer = metadata.header(["Headline", "Body.", "© 2026 Harbour Gazette. All rights reserved."])
    assert footer.outlet == "Harbour Gazette"


@pytest.mark.parametrize(
    ("first", "title", "byline"),
    [
        # a text whose headline was not kept opens with its byline: that is no title
        ("By Alex Roe and Sam Doe", None, "Alex Roe and Sam Doe"),
        ("By Petra Anselm, Harbour Gazette", None, "Petra Anselm, Harbour Gazette"),
        # a sentence that opens with "By" is neither
        ("By Monday, all schools had reopened.", "By Monday, all schools had reopened.", None),
    ],
)
def test_issue_16_a_byline_on_the_first_line_is_no_title(first: str, title: str | None, byline: str | None) -> None:
    found = metadata.header([first, "Dockers at Saltmere voted on Friday to end the strike over the new rota."])
    assert (found.title, found.byline) == (title, byline)


@pytest.mark.parametrize(
    ("sentence", "prefix"),
    [
        ("By Ann Roe and Sam Doe/Harbour Wire – Ferries stayed in port.", "By Ann Roe and Sam Doe/Harbour Wire – "),
        ("VESSARA: It was a clear afternoon.", "VESSARA: "),
        ("KESTROVA, Veloria (AP) — The strike ended.", "KESTROVA, Veloria (AP) — "),
        ("Orlan (Reuters) - Talks resumed.", "Orlan (Reuters) - "),
        ("VESSARA -- The mayor said the port was safe.", "VESSARA -- "),
        ("VESSARA, Dec. 8 (HWN) — The mayor said the port was safe.", "VESSARA, Dec. 8 (HWN) — "),
        ("VESSARA (AP) -- The mayor said the port was safe.", "VESSARA (AP) -- "),
        # The horizontal bar (U+2015) some pages set a dateline's dash with.
        ("VESSARA \u2015 The mayor said the port was safe.", "VESSARA \u2015 "),
        # Set close to its long dash, as some papers set a dateline: the em dash or the bar, before or after a space
        # or neither. An en dash or a hyphen between capitals joins names ("ORSA–VELORIA talks"), and a long dash
        # before a lower-case word is an aside ("VESSARA—it seemed—").
        ("VESSARA—The mayor said the port was safe.", "VESSARA—"),
        ("VESSARA\u2015The mayor said the port was safe.", "VESSARA\u2015"),
        ("PORT ELLIS, Veloria—Ferries stayed in port.", "PORT ELLIS, Veloria—"),
        ("VESSARA (HWN)—Ferries stayed in port.", "VESSARA (HWN)—"),
        ("VESSARA —Standing on the quay, the mayor said the port was safe.", "VESSARA —"),
        ("ORSA–VELORIA talks resumed on Friday.", ""),
        ("ORSA-Veloria talks resumed on Friday.", ""),
        ("VESSARA—it seemed—was safe.", ""),
        # Initials joined to a name are no place: "U.S.—China talks", "OK—That is all."
        ("U.S.—Veloria talks resumed on Friday.", ""),
        ("OK—That is all the mayor said.", ""),
        ("ST. ELLIS—Ferries stayed in port.", "ST. ELLIS—"),
        # A place and its country before a long dash, written in mixed case, even without a space after the comma.
        ("Vessara,Veloria – A fire broke out at the port.", "Vessara,Veloria – "),
        ("Vessara, Veloria — A fire broke out at the port.", "Vessara, Veloria — "),
        ("Vessara [Veloria], March 12 (HWN): The court ruled.", "Vessara [Veloria], March 12 (HWN): "),
        ("Vessara [Veloria]: The court ruled.", "Vessara [Veloria]: "),
        # A place and a day before an agency's initials, with or without a dash or colon after them.
        ("Vessara, Sep 28 (HWN) The port reopened.", "Vessara, Sep 28 (HWN) "),
        ("New Vessara, Nov 17 (HWN): The court ruled.", "New Vessara, Nov 17 (HWN): "),
        ("In Vessara, March 3 (HWN) was a holiday.", ""),
        # A wire's dateline with the day it was filed, before the agency or a dash (UPI's, AP's, Reuters' form).
        ("VESSARA, Vel., April 1 (UPI) — The port reopened on Thursday.", "VESSARA, Vel., April 1 (UPI) — "),
        ("VESSARA, April 1 (Reuters) - The port reopened on Thursday.", "VESSARA, April 1 (Reuters) - "),
        ("Vessara, Vel., April 1 (UPI) — The port reopened on Thursday.", "Vessara, Vel., April 1 (UPI) — "),
        ("Vessara, April 1 — The port reopened on Thursday.", "Vessara, April 1 — "),
        ("Vessara, April 1, 2026 — The port reopened on Thursday.", "Vessara, April 1, 2026 — "),
        ("VESSARA (AFP) - The port reopened on Thursday.", "VESSARA (AFP) - "),
        # A place in mixed case before a colon, a long sentence of reporting after it.
        (
            "Vessara: The harbour board approved the dredging plan on Thursday after a debate that ran late into the "
            "night, officials said.",
            "Vessara: ",
        ),
        (
            "Port Ellis: Ferries stayed in port on Friday as the strike by the dockers' union went on into a second "
            "week.",
            "Port Ellis: ",
        ),
        # Not a headline, a list, a label or a speaker's line: short, in title case, a label's word, a quotation or a
        # pronoun after it.
        ("Lind: Voss lied about the harbour ledger and the dredging contract, and he knows it.", ""),
        ("Lind: Voss Has ‘A Long Way To Go’ On The Harbour Ledger, And He Knows It Well Enough By Now.", ""),
        ("Orsa: Ann Roe, Ed Poe, Al Lee, Sam Doe, Tom Bell, Ada Kerr, Ivo Lind, Max Voss, Kai Orme, Bo Lund.", ""),
        ("Lind: ‘Voss lied about the harbour ledger and the dredging contract, and he knows it well enough.’", ""),
        (
            "Update: The harbour board approved the dredging plan on Thursday after a debate that ran late into the "
            "night, officials said.",
            "",
        ),
        (
            "The Latest: The harbour board approved the dredging plan on Thursday after a debate that ran late into "
            "the night, officials said.",
            "",
        ),
        (
            "Lind: We need to make sure that the ferries run again before the summer season begins here in the port "
            "of Orsa.",
            "",
        ),
        # An agency alone, as a network's affiliates run its reports; a word in brackets opening a sentence stays.
        ("(CNN) — The harbour deal was struck on Saturday.", "(CNN) — "),
        ("(Reuters) - The port reopened.", "(Reuters) - "),
        ("(HWN) -- The mayor said the port was safe.", "(HWN) -- "),
        ("(a) The first clause holds.", ""),
        # The sentence's own words: an aside between dashes, a capitalised opening, an acronym, "By" and a time.
        ("Meanwhile, Roe – who was at the port – said little.", ""),
        ("THE FERRY strike ended on Friday.", ""),
        ("NATO said on Friday it would act.", ""),
        ("By Monday, all ferries had sailed.", ""),
        ("VESSARA:", ""),  # nothing after it: no sentence to cite
        # A list item's bullet, alone or before a dateline; a minus sign or a dash opening words stays.
        ("• Three executives were arrested.", "• "),
        ("- VESSARA: The port reopened.", "- VESSARA: "),
        ("-5 degrees were forecast.", ""),
        ("—", ""),
    ],
)
def test_lead_prefix_is_the_byline_or_dateline_before_a_sentences_words(sentence: str, prefix: str) -> None:
    # As the sentence opening the article's text, where a dateline stands.
    assert sentence[: lead_prefix(sentence, first=True)] == prefix


@pytest.mark.parametrize(
    ("sentence", "prefix"),
    [
        # Further down the text, a capitalised word before a colon is a section's label or a speaker's line, whose
        # words the claim, the quote and the brief keep.
        (
            "Delegates: Lind is backed by 310 delegates compared with 40 who back Voss, according to a count the "
            "party keeps of its pledged members.",
            "",
        ),
        (
            "Ada Kerr: Ferry fares on the northern route would fall by a third under the plan she set out to the "
            "council last spring.",
            "",
        ),
        # A dateline in capitals, an agency's or a wire's day is one wherever it stands (a second report in a page).
        ("VESSARA, Vel., April 1 (UPI) — The port reopened on Thursday.", "VESSARA, Vel., April 1 (UPI) — "),
        ("VESSARA: The port reopened on Thursday.", "VESSARA: "),
    ],
)
def test_a_place_before_a_colon_is_a_dateline_only_opening_the_text(sentence: str, prefix: str) -> None:
    assert sentence[: lead_prefix(sentence)] == prefix
    if prefix:
        assert sentence[: lead_prefix(sentence, first=True)] == prefix
    else:  # the same words opening the text are read as a dateline's place
        assert lead_prefix(sentence, first=True) > 0


def test_a_name_and_its_apposition_in_dashes_is_no_dateline() -> None:
    # "Ada Kerr — Harvard-trained surgeon and radio host — has been called ...": the dashes set off who she is; the
    # words before them are the lead's subject, no place (it was read as the dateline "Ada Kerr" under a headline).
    lead = (
        "Ada Kerr — Harvard-trained surgeon and host of a morning radio show — has been called a fraud by rivals "
        "who say her advice on diets is unsound, and she has answered them on air."
    )
    assert metadata.header(["Kerr answers her critics", lead, "Second paragraph."]).dateline is None
    assert metadata.header([lead, "Second paragraph.", "Third paragraph."]).dateline is None
    # A place with its agency or day keeps its dash, and a dateline in capitals too.
    for place, dateline in (("Orsa (AFP) – ", "Orsa"), ("ORSA — ", "ORSA")):
        assert metadata.header(["Kerr answers her critics", place + lead, "Second."]).dateline == dateline


@pytest.mark.parametrize(
    "first",
    [
        "By Christmas Eve – The ferries ran again, the harbour master said.",
        "By Early March – Crews had pumped the flooded tunnel dry, the council said.",
        "By Election Day – Three of the four ferry lines were running again.",
    ],
)
def test_a_time_opening_the_lead_with_a_dash_is_no_byline(first: str) -> None:
    assert metadata.header([first, "The second paragraph.", "Body text."]).byline is None


@pytest.mark.parametrize(
    ("paragraphs", "byline"),
    [
        # A byline run into the second or third paragraph, under a kicker, a dateline or a headline.
        (
            ["ANALYSIS", "By Ann Roe and Sam Doe/AFP – Crews were still pumping water out of the tunnel."],
            "Ann Roe and Sam Doe",
        ),
        (["PORT ELLIS, Dec 3", "By Li Wei – The ferries ran again on Thursday, the harbour master said."], "Li Wei"),
        (
            ["Ferries return to Port Ellis", "Three lines reopen", "By Ann Roe – The ferries ran again on Thursday."],
            "Ann Roe",
        ),
        # Sentences opening with "By" are no byline, wherever they stand.
        (["Ferries return to Port Ellis", "By Christmas Eve – The ferries ran again, the harbour master said."], None),
        (["Ferries return to Port Ellis", "By the time the tide turned – at dawn – the ferries had sailed."], None),
        (["Ferries return to Port Ellis", "By Early March – Crews had pumped the flooded tunnel dry."], None),
        # A kicker's words joined by "and" are no authors: a name has two words or more.
        (["ANALYSIS", "By Land and Sea – Crews pumped water out of the flooded tunnel all week."], None),
        (["Ferries return to Port Ellis", "By Road, Rail And Sea – Crews pumped the flooded tunnel dry."], None),
        # Under a lead paragraph's sentences, a paragraph is the body's, not a byline.
        (
            [
                "The ferries ran again on Thursday after a week in port, the harbour master said, as crews finished "
                "pumping the flooded tunnel dry and the council reopened the pier.",
                "By Ann Roe – The council said the pier was safe.",
            ],
            None,
        ),
    ],
)
def test_a_byline_opening_one_of_the_first_short_paragraphs_is_read(paragraphs: list[str], byline: str | None) -> None:
    assert metadata.header([*paragraphs, "Body text."]).byline == byline


@pytest.mark.parametrize(
    ("first", "title"),
    [
        # A line in the present perfect is a lead's sentence, however short for one: a headline drops "has".
        (
            "Veloria Rail has launched a $4.2 billion hostile bid for Orsa Freight, challenging Kestrel's $3bn "
            "buyout plan.",
            None,
        ),
        (
            "Crews have reportedly pumped the flooded Port Ellis tunnel dry after a week of work, the council said.",
            None,
        ),
        # Headlines: without the auxiliary, after a modal, short, or in title case.
        (
            "Veloria Rail launches $4.2 billion hostile bid for Orsa Freight, challenging Kestrel's buyout plan.",
            "Veloria Rail launches $4.2 billion hostile bid for Orsa Freight, challenging Kestrel's buyout plan.",
        ),
        (
            "Harbour ruling could have set a new standard for ferry operators in the port of Ellis.",
            "Harbour ruling could have set a new standard for ferry operators in the port of Ellis.",
        ),
        ("Port Ellis ferry firm has been fined.", "Port Ellis ferry firm has been fined."),
        # A perfect just after a relative or a question word is inside a clause; the headline's verb is elsewhere.
        (
            "Families who have lost homes to the Port Ellis floods ask the council for help with the rent.",
            "Families who have lost homes to the Port Ellis floods ask the council for help with the rent.",
        ),
        (
            "What the council has learned from the first week of the trial of the former harbour master.",
            "What the council has learned from the first week of the trial of the former harbour master.",
        ),
        # A relative clause before the line's own perfect leaves it a lead's sentence.
        ("The firm that runs the port has launched a $4bn bid for Orsa Freight, challenging a rival plan.", None),
        (
            "Veloria Rail Has Launched A Hostile Bid For Orsa Freight, Challenging Kestrel's Buyout Plan.",
            "Veloria Rail Has Launched A Hostile Bid For Orsa Freight, Challenging Kestrel's Buyout Plan.",
        ),
    ],
)
def test_a_line_in_the_present_perfect_is_a_lead_not_a_title(first: str, title: str | None) -> None:
    head = metadata.header([first, "Veloria Rail said its offer was better for shareholders.", "Body text."])
    assert head.title == title


@pytest.mark.parametrize(
    "paragraph",
    [
        "By Ann Roe and Sam Doe/AFP – Crews were still pumping water out of the tunnel on Thursday.",
        "By Jan de Vries – The harbour reopened at noon, the port authority said.",
        "by Ann Roe – The ferries ran again on Friday.",
        "By Ann Roe– The ferries ran again on Friday.",
        "By Ann Roe, Sam Doe and Li Wei – Crews were still pumping water out of the flooded tunnel.",
    ],
)
def test_a_byline_read_is_the_opening_the_lead_is_cited_without(paragraph: str) -> None:
    # One pattern (records.BY_OPENING) serves both: the byline clean.metadata reads opening a paragraph is what
    # records.lead_prefix cuts before the sentence's own words, so a claim or a timeline never cites an author's
    # name that the header took as the byline, nor drops words the header did not take.
    byline = metadata.header([paragraph, "The second paragraph.", "Body text."]).byline
    assert byline is not None
    cut = lead_prefix(paragraph)
    assert byline in paragraph[:cut]
    assert paragraph[cut:][:1].isupper()


@pytest.mark.parametrize(
    ("paragraphs", "title"),
    [
        # A headline in the present perfect over the paragraph where the report starts (a byline, a dateline, a
        # date): it stands above the body, so it is the headline, however lead-like its tense.
        (
            [
                "Veloria Rail has won the tender for the Orsa freight line in a close vote, say officials.",
                "By Ann Roe",
                "The Orsa freight line will be run by Veloria Rail from next spring, the transport board said.",
            ],
            "Veloria Rail has won the tender for the Orsa freight line in a close vote, say officials.",
        ),
        (
            [
                "Crews have pumped the flooded Port Ellis tunnel dry after a week of round-the-clock work.",
                "PORT ELLIS (AP) — The tunnel under the harbour was dry on Friday after seven days of pumping, "
                "the council said, and engineers began checking the walls for damage before it can reopen.",
            ],
            "Crews have pumped the flooded Port Ellis tunnel dry after a week of round-the-clock work.",
        ),
        (
            [
                "The harbour board has fined the Port Ellis ferry firm over the collision in the channel.",
                "By Sam Doe – The harbour board fined the ferry firm 40,000 velors on Tuesday.",
            ],
            "The harbour board has fined the Port Ellis ferry firm over the collision in the channel.",
        ),
        (
            [
                "The harbour board has fined the Port Ellis ferry firm over the collision in the channel.",
                "12 March 2026",
                "The harbour board fined the ferry firm 40,000 velors on Tuesday.",
            ],
            "The harbour board has fined the Port Ellis ferry firm over the collision in the channel.",
        ),
        # Over the body's second paragraph it is the lead, as before.
        (
            [
                "The harbour board has fined the Port Ellis ferry firm over the collision in the channel.",
                "The firm said it would appeal.",
            ],
            None,
        ),
        # A standalone name is no byline of its own ("Hong Kong" is a section's label): the line stays a lead.
        (
            [
                "The harbour board has fined the Port Ellis ferry firm over the collision in the channel.",
                "Port Ellis",
                "The firm said it would appeal.",
            ],
            None,
        ),
    ],
)
def test_a_headline_in_the_present_perfect_over_the_body_is_the_title(paragraphs: list[str], title: str | None) -> None:
    assert metadata.header(paragraphs).title == title
