"""The origin groups the origins stage keeps for a run: names by rank, renames, and the members compared."""

from __future__ import annotations

from newsdesk.cluster.origins import GROUP_LIMIT, GROUP_MEMBERS, Origins


def test_a_group_is_named_by_its_earliest_member_and_a_rename_is_reported() -> None:
    groups = Origins()
    groups.add("b", ("2026-03-02", 0))
    groups.add("c", ("2026-03-03", 1))
    groups.union("b", "c")
    assert groups.name("c") == "b" and groups.renamed == {"c"}
    groups.renamed.clear()
    groups.add("a", ("2026-03-01", 2))  # ingested last, dated first
    groups.union("c", "a")
    assert groups.name("b") == groups.name("c") == groups.name("a") == "a"
    assert groups.renamed == {"b", "c"}


def test_a_new_article_meets_the_first_members_of_each_other_group_of_its_event() -> None:
    groups = Origins()
    groups.open_event("e")
    big = [f"big{i:02}" for i in range(GROUP_MEMBERS + 4)]
    for i, member in enumerate([*big, "lone"]):
        groups.add(member, ("~", i))
    for member in big[1:]:
        groups.union(member, big[0])
    for member in [*big, "lone"]:
        groups.place("e", member)
    groups.add("new", ("~", 99))
    assert list(groups.others("e", "new")) == [*big[:GROUP_MEMBERS], "lone"]
    assert groups.placed("e", big[0]) and not groups.placed("e", big[-1])
    # Once the new article joins a group, that group offers no more of its members.
    offered = []
    for member in groups.others("e", "new"):
        offered.append(member)
        groups.union("new", member)
    assert offered == [big[0], "lone"]


def test_two_groups_joined_keep_their_earliest_members_in_order() -> None:
    groups = Origins()
    groups.open_event("e")
    for i, member in enumerate(["a1", "b1", "a2", "b2"]):
        groups.add(member, ("~", i))
    groups.union("a2", "a1")
    groups.union("b2", "b1")
    for member in ["a1", "b1", "a2", "b2"]:
        groups.place("e", member)
    groups.union("b1", "a1")
    groups.add("x", ("~", 9))
    assert list(groups.others("e", "x")) == ["a1", "b1", "a2", "b2"]


def test_a_new_article_meets_only_the_groups_that_most_recently_took_a_member() -> None:
    groups = Origins()
    groups.open_event("e")
    singles = [f"s{i:02}" for i in range(GROUP_LIMIT + 3)]
    for i, member in enumerate(singles):
        groups.add(member, ("~", i))
        groups.place("e", member)
    groups.add("late", ("~", 50))
    groups.union("late", "s00")  # the first group takes a member again: it is recent once more
    groups.place("e", "late")
    groups.add("new", ("~", 99))
    assert list(groups.others("e", "new")) == ["s00", "late", *singles[4:]]


def test_a_member_not_offered_makes_its_group_recent_but_is_not_compared() -> None:
    # A marked copy joins its original's group: the group took a member (it is recent again), but the copy is not
    # among the members later articles meet (its original stands for it).
    groups = Origins()
    groups.open_event("e")
    singles = [f"s{i:02}" for i in range(GROUP_LIMIT + 1)]
    for i, member in enumerate(singles):
        groups.add(member, ("~", i))
        groups.place("e", member)
    groups.add("copy", ("~", 50))
    groups.union("copy", "s00")
    groups.place("e", "copy", offered=False)
    assert not groups.placed("e", "copy")
    groups.add("new", ("~", 99))
    assert list(groups.others("e", "new")) == ["s00", *singles[2:]]


def test_an_article_the_run_does_not_know_is_placed_nowhere() -> None:
    # A stored copy whose original is no member of the event read (another event's, or one without an origin):
    # asking whether that original is placed answers no, it does not stop the stage.
    groups = Origins()
    groups.open_event("e")
    groups.add("a", ("~", 0))
    groups.place("e", "a")
    assert groups.placed("e", "a") and not groups.placed("e", "unknown")
