"""Claims that a story's setting links but that say different things, and a figure that another claim gives only in
words (decision 0013, revised 2026-12-07, second session).

- Two claims that share one or two words and one name (the story's place) are not one claim unless their words
  alone share half the weight of the lighter claim's words: "Lakeside to replace its wooden footbridges with steel"
  and "the flood broke through the wooden footbridges first" share the setting, not a claim. Two claims that share
  as few words but two names or more (who did what to whom) stay one claim.
- A claim that gives a figure of a toll ("40 others reported missing") does not stand for a cluster where another
  member names that toll with no figure ("left dozens missing"): the cluster's text would then be a figure the other
  member's origin never gave, and corroboration would count it.

The sentences are invented; names are given as the quotes stage would find and link them (mentions of entities).
"""

from __future__ import annotations

from newsdesk.claims import match
from tests.claims import test_match_agents as agents


def _member(article: str, text: str, names: tuple[str, ...] = ()) -> match.Member:
    return agents._member(article, text, names, linked=True)


# Other claims of the story, some naming its place as a story's reports do: the name weighs as it would in a story.
OTHERS = [
    _member(f"o{i}", text, ("Lakeside",) if "Lakeside" in text else ())
    for i, text in enumerate(
        [
            "Heavy rain flooded the lower town of Lakeside overnight and closed three roads across the river.",
            "Schools in the valley will stay shut until the water level drops below the warning mark.",
            "Volunteers handed out blankets and hot meals at the sports hall near the station.",
            "The weather service expects more storms over Lakeside during the coming weekend.",
            "Farmers counted heavy losses of wheat and barley along the flooded plain.",
            "Power lines came down in the hills, leaving homes without electricity.",
            "Engineers inspected the old dam at Lakeside for cracks after the water rose above its spillway.",
            "Insurers said claims for damaged cars and houses had already doubled this month.",
        ]
    )
]

BRIDGES = _member("a", "Lakeside to replace wooden footbridges with steel.", ("Lakeside",))
FLOOD = _member(
    "b",
    "The flood, which broke first through the wooden footbridges, was rated a grade 4 emergency, marking the first "
    "such event in Lakeside in 20 years.",
    ("Lakeside",),
)
REJECTED = _member(
    "c",
    "The Harbour Council on Tuesday rejected the Rowing Club's demand to remove umpire Tom Berg from the panel of "
    "officials for the ongoing Lakeside Regatta.",
    ("Harbour Council", "Rowing Club", "Tom Berg", "Lakeside Regatta"),
)
TURNED_DOWN = _member(
    "d",
    "The Harbour Council has turned down the Rowing Club's request to remove Tom Berg from the ongoing "
    "Lakeside Regatta, the Gazette reported citing sources.",
    ("Harbour Council", "Rowing Club", "Tom Berg", "Lakeside Regatta", "Gazette"),
)


def _clusters(*claims: match.Member) -> match.Story:
    story = match.Story("s")
    story.extend([(m, None) for m in [*OTHERS, *claims]])
    return story


def test_a_thing_of_the_setting_named_in_two_claims_is_no_claim_they_share() -> None:
    assert match.score(BRIDGES, FLOOD, _clusters(BRIDGES, FLOOD).weights()) == 0.0
    story = _clusters(FLOOD, BRIDGES)
    assert story.by_claim[FLOOD.id] != story.by_claim[BRIDGES.id]


def test_few_words_and_the_same_actors_stay_one_claim() -> None:
    story = _clusters(REJECTED, TURNED_DOWN)
    assert story.by_claim[REJECTED.id] == story.by_claim[TURNED_DOWN.id]


VAGUE = _member(
    "e", "Firefighters were still fighting the blaze, which killed at least 12 people and left dozens missing."
)
FIGURE = _member("f", "The blaze has killed at least 12 people in the city, with 40 other people reported missing.")
TOLL = _member("g", "At least 12 people have died and 5 remain in a critical condition after the blaze in the city.")


def test_a_figure_that_another_member_gives_only_in_words_does_not_stand_for_the_cluster() -> None:
    for order in [
        (VAGUE, FIGURE),
        (FIGURE, VAGUE),
        (FIGURE, VAGUE, TOLL),
        (TOLL, FIGURE, VAGUE),
        (FIGURE, TOLL, VAGUE),
    ]:
        story = _clusters(*order)
        cluster = story.clusters[story.by_claim[FIGURE.id]]
        assert story.by_claim[VAGUE.id] == cluster.id, order  # the toll of 12 they agree on: one cluster
        assert match._representative(cluster) is not FIGURE, order


def test_a_figure_stands_for_a_cluster_where_no_member_names_its_toll_without_one() -> None:
    story = _clusters(FIGURE, TOLL)
    cluster = story.clusters[story.by_claim[FIGURE.id]]
    assert story.by_claim[TOLL.id] == cluster.id
    assert match._representative(cluster) is FIGURE  # the first of two, as before


# A figure of a toll the values read with no "people" before it ("left 40 missing": a count of "missing"), and a
# member with the same terms as one giving a figure but giving none (numbers are no terms).
BARE = _member("h", "The blaze killed at least 12 people in the city and left 40 missing.")
SOME = _member("i", "The blaze killed at least 12 people and some people are still missing.")
FORTY = _member("j", "The blaze killed at least 12 people and 40 people are still missing.")


def test_a_figure_of_a_toll_written_without_people_is_a_figure() -> None:
    assert BARE.tolls == {"killed", "missing"} and not BARE.vague
    for order in [(VAGUE, BARE), (BARE, VAGUE), (BARE, TOLL, VAGUE)]:
        story = _clusters(*order)
        cluster = story.clusters[story.by_claim[BARE.id]]
        assert story.by_claim[VAGUE.id] == cluster.id, order
        assert match._representative(cluster) is not BARE, order


def test_a_member_giving_no_figure_stands_where_its_terms_are_those_of_one_giving_a_figure() -> None:
    assert SOME.terms == FORTY.terms and SOME.vague == {"missing"} and "missing" in FORTY.tolls
    for order in [(SOME, FORTY), (FORTY, SOME), (FORTY, SOME, TOLL), (FORTY, TOLL, SOME), (TOLL, FORTY, SOME)]:
        story = _clusters(*order)
        cluster = story.clusters[story.by_claim[FORTY.id]]
        assert story.by_claim[SOME.id] == cluster.id, order
        assert match._representative(cluster) is SOME, order
