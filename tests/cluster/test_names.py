"""Events and stories named as headlines read: a report's headline, else a short name from its lead (invented)."""

from __future__ import annotations

import pytest

from newsdesk.cluster import names

SCENE = (
    "MARVOSK: It was a grey winter morning with a light drizzle as Tovan Keshi walked to the Orsa ferry terminal.\n"
    "The 64-year-old pilot had worked at the Orsa ferry terminal for thirty years, Tovan Keshi said.\n"
    "By noon the Marvosk harbour was closed, and Tovan Keshi watched the last boat leave Marvosk."
)


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Ferry strike closes Marvosk harbour", True),
        ("'Tormenting': Dockers wait for news after Orsa blaze", True),
        ("MARVOSK: It was a grey winter morning as the pilot walked to the terminal.", False),
        ("Dhaka, Jan 9 (MPA) The port authority on Friday closed the harbour to all ships.", False),
        (
            "The death toll from the Orsa terminal fire rose to 31 on Friday, while dozens of dockers were still "
            "missing from the burned sheds, according to the harbour master.",
            False,
        ),
        # An outlet's headline cut with "…", or listing names, is still a headline: its shape does not say it was
        # made (names.made asks what name() makes of the report).
        ("Orsa terminal fire: death toll rises to 31 as search goes on…", True),
        ("Tovan Keshi · Marvosk", True),
        ("Keshi: Ferry deal could be a problem", True),
        (None, False),
    ],
)
def test_a_lead_set_as_a_title_is_no_headline(title: str | None, headline: bool) -> None:
    assert names.is_headline(title) is headline


def test_a_headline_is_the_name() -> None:
    assert names.name("Ferry strike closes Marvosk harbour", SCENE) == "Ferry strike closes Marvosk harbour"


def test_a_lead_is_named_past_its_dateline_unshouted_and_before_the_writers_additions() -> None:
    lead = (
        "VESSA - THE DEATH toll from the Orsa terminal fire rose to 31 on Friday, while dozens of dockers were "
        "still missing, according to the harbour master.\nFirefighters searched the sheds all night."
    )
    assert names.name(None, lead) == "The death toll from the Orsa terminal fire rose to 31 on Friday …"


def test_a_long_lead_is_cut_on_a_word_that_ends_a_phrase() -> None:
    lead = (
        "As the harbour court sentenced the former port director Ivo Marlow to ten years in prison for taking "
        "bribes from the crane makers of Greywater, his lawyers said they would appeal at once."
    )
    got = names.name(None, lead)
    assert got.startswith("As the harbour court sentenced the former port director Ivo Marlow")
    assert got.endswith(" …") and len(got.split()) <= names.WORDS + 1
    assert got.split()[-2] not in {"the", "of", "to", "for", "from"}


def test_an_abbreviation_does_not_end_the_lead() -> None:
    lead = "Dunmore Bros. Shipping has agreed to buy the Orsa ferry line for $40 million. The deal closes in May."
    assert names.name(None, lead) == "Dunmore Bros. Shipping has agreed to buy the Orsa ferry line for $40 million …"


def test_a_lead_that_sets_a_scene_is_named_by_the_names_the_report_repeats() -> None:
    assert names.name(SCENE.split("\n")[0], SCENE) == "Tovan Keshi · Orsa · Marvosk"


def test_a_name_is_made_when_name_makes_it_from_the_report_not_when_the_report_bears_it() -> None:
    lead = SCENE.split("\n")[0]
    assert names.made("Tovan Keshi · Orsa · Marvosk", lead, SCENE)
    cut = "Orsa terminal fire: death toll rises to 31 as search goes on…"
    assert names.name(cut, SCENE) == cut and not names.made(cut, cut, SCENE)
    assert names.may_be_made("Tovan Keshi · Orsa · Marvosk") and not names.may_be_made("Ferry strike closes harbour")
    # A later member's headline that took the place of a made name is none.
    assert not names.made("Ferry strike closes Marvosk harbour", lead, SCENE)


def test_a_scene_naming_one_name_alone_is_a_made_name_in_a_later_run_too() -> None:
    text = "There were crowds at the quay. Tovan Keshi arrived and spoke. Reporters followed Tovan Keshi to the car."
    alone = names.name(None, text)
    assert alone == "Tovan Keshi" and names.made(alone, None, text)
    assert names.may_be_made(alone)  # so a later run reads its report, and a headline may take its place
    assert not names.may_be_made("Tovan Keshi arrives in Orsa")
