"""Two claims that would match on their words but name two different actors before their verbs are two claims
(decision 0013, revised 2026-12-07): "Northwind agreed to buy ..." and "Fabrikam said it would offer ..." share a
story's words and tell two bids. A passive that names both actors, and a name written two ways, stay one claim.

The sentences are invented; names are given as the quotes stage would find them (mentions), since a name opening a
sentence is a name to matching only as a mention.
"""

from __future__ import annotations

import pytest

from newsdesk.claims import extract, match, roles, values
from newsdesk.records import Claim, Mention


def _member(article: str, text: str, names: tuple[str, ...], linked: bool = False) -> match.Member:
    """A claim of ``text`` whose ``names`` are mentions (``linked``: each of an entity, as the entities stage links
    them, which gives it an ``@`` term beside its ``#`` one)."""
    mentions = tuple(
        Mention(
            text=n,
            start=text.index(n),
            end=text.index(n) + len(n),
            type="ORG",
            entity_id=n.replace(" ", "") if linked else None,
        )
        for n in sorted(names, key=text.index)
    )
    claim = Claim(
        text=text,
        start=0,
        end=len(text),
        values=tuple(values.find(text)),
        terms=extract.terms(text, 0, mentions),
    )
    return match.Member.of(article, claim)


DEAL = _member(
    "a",
    "On Friday, Northwind agreed to buy the film studios and streaming service of Contoso after it splits them from "
    "its cable networks.",
    ("Northwind", "Contoso"),
)
BID = _member(
    "b",
    "Fabrikam offered $30 a share for Contoso, which owns film studios, a streaming service and cable networks.",
    ("Fabrikam", "Contoso"),
)
LEAGUE = _member(
    "c",
    "The Rovers had filed a complaint with the referees' union alleging that the umpire refused to shake hands before "
    "the final.",
    ("Rovers",),
)
MANAGER = _member(
    "d",
    "Team manager Ana Ruiz had also filed a complaint with the referees' union alleging that the umpire refused to "
    "exchange team sheets before the final.",
    ("Ana Ruiz",),
)
ACTIVE = _member(
    "e",
    "Judge Ana Ruiz sentenced banker Tom Berg to ten years in prison for the fraud at Lakeside Savings.",
    ("Ana Ruiz", "Tom Berg", "Lakeside Savings"),
)
PASSIVE = _member(
    "f",
    "Banker Tom Berg was sentenced to ten years in prison by Judge Ana Ruiz for the fraud at Lakeside Savings.",
    ("Tom Berg", "Ana Ruiz", "Lakeside Savings"),
)


# Other claims of the story, on other things: the terms two claims share weigh as they would in a story.
OTHERS = [
    _member(f"o{i}", text, ())
    for i, text in enumerate(
        [
            "Heavy rain flooded the lower town overnight and closed three bridges across the river.",
            "Schools in the valley will stay shut until the water level drops below the warning mark.",
            "Volunteers handed out blankets and hot meals at the sports hall near the station.",
            "The weather service expects more storms over the coast during the coming weekend.",
            "Farmers counted heavy losses of wheat and barley along the flooded plain.",
            "Power lines came down in the hills, leaving thousands of homes without electricity.",
            "Engineers inspected the old dam for cracks after the water rose above its spillway.",
            "Insurers said claims for damaged cars and houses had already doubled this month.",
        ]
    )
]


def _apart(one: match.Member, other: match.Member) -> bool:
    """Whether a story of ``one``, ``other`` and :data:`OTHERS` puts the two in two clusters."""
    story = match.Story("s")
    story.extend([(m, None) for m in [*OTHERS, one, other]])
    return story.by_claim[one.id] != story.by_claim[other.id]


@pytest.mark.parametrize(
    ("text", "names", "agent"),
    [
        ("On Friday, Northwind agreed to buy the studios.", ("Northwind",), "Northwind"),
        ("Team manager Ana Ruiz had filed a complaint.", ("Ana Ruiz",), "Ruiz"),
        ("Ana Ruiz, the chief executive of Fabrikam, rejected the offer.", ("Ana Ruiz", "Fabrikam"), "Ruiz"),
        ("Ana Ruiz, the chief executive of Fabrikam, said the offer was fair.", ("Ana Ruiz", "Fabrikam"), "Ruiz"),
        ("Tom Berg was sentenced to ten years.", ("Tom Berg",), None),  # a passive: its subject is acted on
        ("The overnight drone attack on Kyiv killed 12 people.", ("Kyiv",), None),  # a name inside the subject
        ("Officials in Kyiv counted 12 dead.", ("Kyiv",), None),
        ("The Rovers on Tuesday rejected the demand.", ("Rovers",), "Rovers"),
        ("“We will appeal,” Ana Ruiz said.", ("Ana Ruiz",), None),  # a quote: its speaker comes after it
        ("The court sentenced Tom Berg to ten years.", ("Tom Berg",), None),  # a common noun acts
        ("The Rovers' manager said the match would go ahead.", ("Rovers",), None),
    ],
)
def test_the_agent_is_the_name_just_before_the_main_verb(text: str, names: tuple[str, ...], agent: str | None) -> None:
    member = _member("x", text, names)
    assert roles.agent(member.text, member.terms) == agent


@pytest.mark.parametrize(("one", "other"), [(DEAL, BID), (LEAGUE, MANAGER)])
def test_two_actors_named_before_their_verbs_are_two_claims(one: match.Member, other: match.Member) -> None:
    assert roles.other_agents(one.text, one.terms, other.text, other.terms)
    assert match.score(one, other) == 0.0
    assert match.score(other, one) == 0.0
    assert _apart(one, other)


def test_a_passive_naming_both_actors_stays_one_claim() -> None:
    assert not roles.other_agents(ACTIVE.text, ACTIVE.terms, PASSIVE.text, PASSIVE.terms)
    assert match.score(ACTIVE, PASSIVE) > 0.0
    assert not _apart(ACTIVE, PASSIVE)


def test_a_name_written_two_ways_is_one_actor() -> None:
    shorter = _member("g", "Maria Lopez also resigned from the bank's board in March.", ("Maria Lopez",))
    longer = _member("h", "Former minister Maria Lopez Garcia resigned from the bank's board.", ("Maria Lopez Garcia",))
    assert roles.agent(shorter.text, shorter.terms) == "Lopez"
    assert roles.agent(longer.text, longer.terms) == "Garcia"
    assert not roles.other_agents(shorter.text, shorter.terms, longer.text, longer.terms)


@pytest.mark.parametrize(("one", "other"), [("Yermak", "Jermak"), ("Zelensky", "Zelenskyy"), ("Zelenskyi", "Zelensky")])
def test_one_actor_in_two_spellings_stays_one_claim(one: str, other: str) -> None:
    # Outlets transliterate a name each their own way: the same resignation told with "Yermak" and with "Jermak" is
    # one claim, corroborated twice, not two actors' two acts.
    a = _member(
        "a",
        f"Andriy {one} resigned as head of the presidential office after anti-corruption officers searched his flat.",
        (f"Andriy {one}",),
    )
    b = _member(
        "b",
        f"Andriy {other} resigned as head of the presidential office after officers searched his flat in the capital.",
        (f"Andriy {other}",),
    )
    assert roles.agent(a.text, a.terms) == one and roles.agent(b.text, b.terms) == other
    assert not roles.other_agents(a.text, a.terms, b.text, b.terms)
    assert match.score(a, b) > 0


def test_two_officials_giving_one_toll_tell_one_fact() -> None:
    # Two officials giving the same toll corroborate it (review of 2026-12-07): the figure agrees, so the names
    # before the verbs, the speakers, do not tell the two apart.
    chief = _member(
        "p", "Fire chief Tom Berg said 12 people died in the blaze at the Lakeside warehouse.", ("Tom Berg",)
    )
    mayor = _member("q", "Mayor Ana Ruiz said 12 people died in the blaze at the Lakeside warehouse.", ("Ana Ruiz",))
    assert roles.other_agents(chief.text, chief.terms, mayor.text, mayor.terms)  # two speakers ...
    assert match.score(chief, mayor) > 0.0  # ... of one figure
    assert not _apart(chief, mayor)


def test_a_passive_without_its_actor_stays_one_claim_with_the_active() -> None:
    passive = _member(
        "r", "Banker Tom Berg was sentenced to ten years in prison on Monday for the fraud at Lakeside.", ("Tom Berg",)
    )
    active = _member(
        "s",
        "The Harbour Court sentenced banker Tom Berg to ten years in prison for the fraud at Lakeside.",
        ("Harbour Court", "Tom Berg"),
    )
    assert not roles.other_agents(passive.text, passive.terms, active.text, active.terms)
    assert not _apart(passive, active)


def test_two_actors_agreeing_on_a_figure_are_not_told_apart_by_their_names() -> None:
    # The values agree: the names before the verbs say who reported it, and the figure says it is one fact.
    police = _member(
        "t", "Harbour Police counted 12 dead after the blaze at the Lakeside warehouse.", ("Harbour Police",)
    )
    brigade = _member(
        "u", "Lakeside Brigade counted 12 dead after the blaze at the Lakeside warehouse.", ("Lakeside Brigade",)
    )
    assert match.score(police, brigade) > 0.0


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The ICC", "The International Cricket Council"),  # a body and its acronym
        ("The US", "The United States"),
        ("The U.S.", "The United States"),
        ("Beijing", "China"),  # a capital for its country's government
        ("Washington", "The United States"),
        ("Moscow", "Russia"),
    ],
)
def test_one_actor_by_two_names_stays_one_claim(one: str, other: str) -> None:
    # News names one actor several ways: two reports of one act, one naming the body by its acronym or the state by
    # its capital, are one claim (decision 0013, revised 2026-12-07 morning).
    def name(written: str) -> str:
        return written.removeprefix("The ")

    a = _member(
        "a",
        f"{one} on Monday rejected the Orlan board's demand to replace the referee before the cup final.",
        (name(one),),
    )
    b = _member(
        "b",
        f"{other} rejected the Orlan board's demand to replace the referee for the cup final on Monday.",
        (name(other),),
    )
    assert roles.agent(a.text, a.terms) is not None and roles.agent(b.text, b.terms) is not None
    assert not roles.other_agents(a.text, a.terms, b.text, b.terms)
    assert match.score(a, b) > 0
    assert not _apart(a, b)


@pytest.mark.parametrize(("one", "other"), [("Iran", "Iraq"), ("Austria", "Australia"), ("Iraq", "Iran")])
def test_two_countries_spelled_alike_are_two_actors(one: str, other: str) -> None:
    # Two countries whose names differ by a letter or two are two states, never one name spelt two ways.
    a = _member("a", f"{one} closed its border crossings with Orlan after the attack on the pipeline.", (one, "Orlan"))
    b = _member(
        "b", f"{other} closed its border crossings with Orlan after the attack on the pipeline.", (other, "Orlan")
    )
    assert roles.other_agents(a.text, a.terms, b.text, b.terms)
    assert match.score(a, b) == 0.0
    assert _apart(a, b)


def test_two_people_whose_initials_agree_are_two_actors() -> None:
    # A person's name is not an acronym's expansion: "Ana Ruiz" and "Anton Rabe" share initials, not a name.
    a = _member(
        "a", "Ana Ruiz resigned from the board of Lakeside Savings after the audit.", ("Ana Ruiz", "Lakeside Savings")
    )
    b = _member(
        "b",
        "Anton Rabe resigned from the board of Lakeside Savings after the audit.",
        ("Anton Rabe", "Lakeside Savings"),
    )
    assert roles.other_agents(a.text, a.terms, b.text, b.terms)


def test_two_letters_are_no_acronym_of_a_persons_name() -> None:
    # "AP" (an agency) and "Ana Perez" share initials; two letters spell only a body's or a state's name.
    assert not roles.one_actor(("AP", "AP"), ("Perez", "Ana Perez"))
    assert roles.one_actor(("UN", "UN"), ("Nations", "United Nations"))
    assert roles.one_actor(("EU", "EU"), ("Union", "European Union"))
    assert roles.one_actor(("ICC", "ICC"), ("Council", "International Cricket Council"))
