"""The Grouper's incremental weights agree with weighting each group from scratch; nearest-member scoring."""

from __future__ import annotations

import heapq
import math
import operator
import random
import zlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newsdesk.cluster import events
from newsdesk.cluster.events import (
    ACTOR_CLASH,
    CANDIDATE_LIMIT,
    DATE_CLASH,
    DATE_FAR,
    DATE_OWN,
    FIGURE_CLASH,
    FOCUS_CLASH,
    HEADLINE_CLASH,
    INDEX_TERMS,
    INHERIT_DAYS,
    LOCAL_POWER,
    NEAREST_MEMBERS,
    POSTING_LIMIT,
    QUERY_TERMS,
    REFRESH,
    UNKNOWN,
    Group,
    Grouper,
    When,
    actors_clash,
    apart,
    clash,
    figures_clash,
    headlines_clash,
    weekday_clash,
)
from newsdesk.cluster.similarity import DocumentFrequencies, Vector, cosine, pack, top_terms, unpack


def _vectors(rng: random.Random, count: int, vocabulary: int = 400) -> list[Vector]:
    # Weights with noise, so that no two terms tie and the heaviest terms are one list whatever the order.
    return [{t: 1.0 + rng.random() for t in rng.sample(range(vocabulary), rng.randint(5, 60))} for _ in range(count)]


def _scratch(grouper: Grouper, group: Group, v: Vector) -> float:
    return cosine(grouper.df.weighted(v), grouper.df.weighted(group.centroid))


def test_joins_reweight_only_new_terms_yet_match_a_full_reweighting() -> None:
    rng = random.Random(4)
    vectors = _vectors(rng, 120)
    df = DocumentFrequencies()
    df.add(vectors)
    grouper = Grouper([], df, threshold=0.15, max_gap_days=None, prefix="e")
    for n, v in enumerate(vectors):
        grouper.assign(f"a{n}", v, None)
    assert 1 < len(grouper.groups) < len(vectors)  # some joined, some opened: both paths ran
    assert all(len(m) <= POSTING_LIMIT for m in grouper._index.values())  # so every sharing group is offered
    for v in _vectors(rng, 10):
        group, score = grouper.best(v, None)
        # Candidates are the groups sharing one of v's heaviest terms, found through each group's heaviest terms.
        heaviest = {g.id: set(top_terms(df.weighted(g.centroid), INDEX_TERMS)) for g in grouper.groups.values()}
        mine = set(top_terms(df.weighted(v), QUERY_TERMS))
        candidates = [g for g in grouper.groups.values() if heaviest[g.id] & mine]
        assert group is not None and group in candidates
        assert math.isclose(score, max(_scratch(grouper, g, v) for g in candidates), rel_tol=1e-9)
        assert math.isclose(score, _scratch(grouper, group, v), rel_tol=1e-9)


def test_a_group_is_reweighted_whole_once_the_corpus_has_grown() -> None:
    rng = random.Random(5)
    first = _vectors(rng, 20)
    df = DocumentFrequencies()
    df.add(first)
    grouper = Grouper([], df, threshold=2.0, max_gap_days=None, prefix="e")  # every vector opens a group
    for n, v in enumerate(first):
        grouper.assign(f"a{n}", v, None)
    # Many documents on a few terms: their IDF falls, so stale weights would overrate them.
    common = [dict.fromkeys(range(10), 1.0) for _ in range(int(len(first) * REFRESH) + 1)]
    df.add(common)
    v = first[0]
    group, score = grouper.best(v, None)
    assert group is not None and math.isclose(score, _scratch(grouper, group, v), rel_tol=1e-9)


def test_bigger_events_ask_for_more_similarity() -> None:
    topic = dict.fromkeys(range(8), 1.0)
    report = {**dict.fromkeys(range(3), 1.0), **dict.fromkeys(range(100, 105), 1.0)}
    df = DocumentFrequencies()
    df.add([topic] * 20 + [report])
    big = Group(id="e-big")
    grouper = Grouper([big], df, threshold=0.1, size_penalty=0.05, max_gap_days=None, prefix="e")
    for n in range(20):
        grouper.join(big, f"a{n}", topic, None)
    _, score = grouper.best(report, None)
    assert grouper.threshold_for(Group(id="e-one", members=["a"])) == 0.1
    assert math.isclose(grouper.threshold_for(big), 0.1 + 0.05 * math.log(20))
    assert 0.1 < score < grouper.threshold_for(big)  # enough for a one-article event, not for this one
    group, created = grouper.assign("b", report, None)
    assert created and group is not big


def _unit(grouper: Grouper, v: Vector) -> Vector:
    return grouper.df.weighted(v)


def _local(units: list[Vector]) -> list[Vector]:
    """A report and members (``units``, the report first) weighed as ``events._local_cosines`` does, written out
    over dicts: each weight times the square root of the IDF over the members alone, made unit length again."""
    counts: dict[int, int] = {}
    for unit in units[1:]:
        for t in unit:
            counts[t] = counts.get(t, 0) + 1
    out = []
    for unit in units:
        local = {t: w * (math.log(len(units) / (1 + counts.get(t, 0))) + 1.0) ** LOCAL_POWER for t, w in unit.items()}
        norm = math.sqrt(sum(w * w for w in local.values()))
        out.append({t: w / norm for t, w in local.items()})
    return out


def test_nearest_scores_the_closest_member_not_the_centroid() -> None:
    # An event of two reports of one kind of news: a new report of the first one's particulars should score its
    # cosine with that report, not with the topic words the centroid sums.
    topic = dict.fromkeys(range(6), 1.0)
    first = {**topic, **dict.fromkeys(range(100, 106), 1.0)}
    second = {**topic, **dict.fromkeys(range(200, 206), 1.0)}
    df = DocumentFrequencies()
    df.add([first, second, dict.fromkeys(range(300, 340), 1.0)])
    event = Group(id="e-two")
    grouper = Grouper([event], df, threshold=0.1, max_gap_days=None, prefix="e", nearest=True)
    grouper.join(event, "a", first, None)
    grouper.join(event, "b", second, None)
    group, score = grouper.best(first, None)
    assert group is event
    assert math.isclose(score, cosine(_unit(grouper, first), _unit(grouper, first)), rel_tol=1e-9)
    centroid = Grouper([event], df, threshold=0.1, max_gap_days=None, prefix="e")
    _, centroid_score = centroid.best(first, None)
    assert centroid_score < score


def test_nearest_reads_stored_members_once_and_only_the_latest() -> None:
    rng = random.Random(6)
    vectors = {f"a{n}": v for n, v in enumerate(_vectors(rng, NEAREST_MEMBERS + 10, vocabulary=60))}
    df = DocumentFrequencies()
    df.add(vectors.values())
    stored = Group(id="e-stored", members=list(vectors))
    for v in vectors.values():
        stored.absorb("", v, None, new_member=False)
    asked: list[list[str]] = []

    def read(ids: Sequence[str]) -> dict[str, tuple[Vector, When]]:
        asked.append(list(ids))
        return {i: (vectors[i], UNKNOWN) for i in ids}

    grouper = Grouper([stored], df, threshold=0.1, max_gap_days=None, prefix="e", nearest=True, member_vectors=read)
    probe = vectors["a0"]  # the oldest member: no longer compared, so it is not its own nearest
    group, score = grouper.best(probe, None)
    latest = list(vectors)[-NEAREST_MEMBERS:]
    assert asked == [latest]
    assert group is stored
    own, *members = _local([_unit(grouper, probe), *(_unit(grouper, vectors[m]) for m in latest)])
    expected = max(cosine(own, member) for member in members)
    assert math.isclose(score, expected, rel_tol=1e-9) and score < 1.0 - 1e-9
    grouper.best(vectors["a1"], None)
    assert len(asked) == 1  # kept for the run


def test_nearest_keeps_only_the_latest_members_in_memory() -> None:
    rng = random.Random(7)
    vectors = _vectors(rng, NEAREST_MEMBERS * 2, vocabulary=80)
    df = DocumentFrequencies()
    df.add(vectors)
    event = Group(id="e-big")
    grouper = Grouper([event], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
    for n, v in enumerate(vectors):
        grouper.join(event, f"a{n}", v, None)
    assert set(grouper._members) == set(event.members[-NEAREST_MEMBERS:])


def test_past_the_candidate_limit_the_groups_sharing_the_heaviest_terms_are_compared() -> None:
    # Each group is one term of its own; the probe holds every group's term, each a little heavier than the one
    # before, so more groups are offered than are compared: those whose terms weigh most in the probe.
    count = CANDIDATE_LIMIT + 8
    assert count <= QUERY_TERMS  # every one of the probe's terms is looked up
    groups = [{1000 + n: 1.0} for n in range(count)]
    df = DocumentFrequencies()
    df.add(groups)
    grouper = Grouper([], df, threshold=2.0, max_gap_days=None, prefix="e")  # every vector opens a group
    ids = [grouper.assign(f"a{n}", v, None)[0].id for n, v in enumerate(groups)]
    probe = df.weighted({1000 + n: 1.0 + n / 100 for n in range(count)})
    assert grouper.candidates(probe) == set(ids[-CANDIDATE_LIMIT:])
    # Up to the limit, every group offered is compared.
    fewer = df.weighted({1000 + n: 1.0 + n / 100 for n in range(CANDIDATE_LIMIT)})
    assert grouper.candidates(fewer) == set(ids[:CANDIDATE_LIMIT])


def test_a_common_term_offers_only_its_most_recently_joined_groups() -> None:
    # Every group shares term 0 among its heaviest terms; a vector of term 0 alone meets only the groups that most
    # recently took an article, however many share the term.
    groups = [{0: 1.0, **dict.fromkeys(range(10 + 5 * n, 15 + 5 * n), 1.0)} for n in range(POSTING_LIMIT + 10)]
    df = DocumentFrequencies()
    df.add(groups)
    grouper = Grouper([], df, threshold=2.0, max_gap_days=None, prefix="e")  # every vector opens a group
    ids = [grouper.assign(f"a{n}", v, None)[0].id for n, v in enumerate(groups)]
    probe = df.weighted({0: 1.0})
    assert grouper.candidates(probe) == set(ids[-POSTING_LIMIT:])
    grouper.join(grouper.groups[ids[0]], "late", groups[0], None)  # the oldest takes an article: recent again
    assert grouper.candidates(probe) == {ids[0], *ids[-POSTING_LIMIT + 1 :]}
    # Its own terms still find any group, however long ago it last took an article.
    assert ids[1] in grouper.candidates(df.weighted(groups[1]))


def test_an_article_joins_a_group_it_passes_rather_than_a_closer_one_it_does_not() -> None:
    # A big event's threshold is raised by its size; a closer score that still falls short of it must not hide a
    # smaller event whose own threshold the vector passes.
    topic = dict.fromkeys(range(6), 1.0)
    report = {**topic, **dict.fromkeys(range(100, 103), 1.0)}
    alone = {100: 1.0, **dict.fromkeys(range(300, 306), 1.0)}  # shares one rare term of the report
    df = DocumentFrequencies()
    df.add([topic] * 40 + [report, alone, dict.fromkeys(range(200, 260), 1.0)])
    big, small = Group(id="e-big"), Group(id="e-small")
    grouper = Grouper([big, small], df, threshold=0.15, size_penalty=0.1, max_gap_days=None, prefix="e")
    for n in range(40):
        grouper.join(big, f"a{n}", topic, None)
    grouper.join(small, "b", alone, None)
    to_big = cosine(df.weighted(report), df.weighted(big.centroid))
    to_small = cosine(df.weighted(report), df.weighted(small.centroid))
    assert grouper.threshold_for(small) <= to_small < to_big < grouper.threshold_for(big)  # the case in point
    group, created = grouper.assign("c", report, None)
    assert group is small and not created


def test_member_vectors_are_reweighted_as_the_corpus_grows() -> None:
    # A member weighted when the corpus was small would overrate terms that have since become common, so a score
    # would depend on where a run began.
    rng = random.Random(8)
    first = _vectors(rng, 10, vocabulary=80)
    df = DocumentFrequencies()
    df.add(first)
    event = Group(id="e-one")
    grouper = Grouper([event], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
    grouper.join(event, "a0", first[0], None)
    df.add([dict.fromkeys(range(10), 1.0) for _ in range(int(len(first) * REFRESH) + 1)])
    _, score = grouper.best(first[1], None)
    assert math.isclose(score, cosine(*_local([df.weighted(first[1]), df.weighted(first[0])])), rel_tol=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "clashes"),
    [
        (When(date(2026, 3, 2)), When(date(2026, 3, 9)), True),  # a week apart
        (When(date(2026, 3, 2)), When(date(2026, 3, 3)), False),  # the next day's report
        (When(date(2026, 3, 2)), UNKNOWN, False),  # an undated report is compared by its words only
        (When(weekday=0), When(weekday=4), True),  # Monday and Friday
        (When(weekday=0), When(weekday=6), False),  # Monday and Sunday night
        (When(date(2026, 3, 2)), When(weekday=3), True),  # a Monday and a Thursday
        # "on 24 November" with no year, against dates: the nearest year's 24 November
        (When(date(2000, 11, 24), yearless=True), When(date(2025, 11, 28)), True),
        (When(date(2000, 11, 24), yearless=True), When(date(2025, 11, 25)), False),
        (When(date(2000, 12, 31), yearless=True), When(date(2026, 1, 1)), False),  # across the new year
        (When(date(2000, 11, 24), yearless=True), When(weekday=3), False),  # a weekday says nothing of it
    ],
)
def test_clash(a: When, b: When, clashes: bool) -> None:
    assert clash(a, b) is clashes and clash(b, a) is clashes


def test_days_apart_take_a_yearless_day_in_the_nearest_year() -> None:
    assert apart(When(date(2000, 12, 7), yearless=True), When(date(2026, 2, 27))) == 82
    assert apart(When(date(2025, 11, 20)), When(date(2025, 11, 26))) == 6
    with pytest.raises(ValueError, match="two known days"):
        apart(UNKNOWN, When(date(2025, 11, 26)))


def test_a_member_of_another_day_counts_less() -> None:
    rng = random.Random(11)
    member, probe = _vectors(rng, 2, vocabulary=100)
    df = DocumentFrequencies()
    df.add([member, probe])
    scores = []
    for day in (date(2026, 3, 2), date(2026, 3, 4)):
        grouper = Grouper([], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
        grouper.assign("m", member, None, When(date(2026, 3, 2)))
        scores.append(grouper.best(probe, None, When(day))[1])
    # Both reports tell their own days: DATE_OWN less again (below).
    assert math.isclose(scores[0] - scores[1], DATE_CLASH + DATE_OWN, rel_tol=1e-9)


def _scored_on(member_day: When, day: When) -> float:
    rng = random.Random(11)
    member, probe = _vectors(rng, 2, vocabulary=100)
    probe = {**probe, **dict(list(member.items())[:30])}  # close enough to stay above 0 with both penalties
    df = DocumentFrequencies()
    df.add([member, probe])
    grouper = Grouper([], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
    grouper.assign("m", member, None, member_day)
    return grouper.best(probe, None, day)[1]


def test_a_member_whose_own_day_is_a_week_away_counts_less_again() -> None:
    # A match on Sunday 14 September and the rematch on Sunday 21 September: two developments, each report dated.
    sunday = When(date(2025, 9, 14))
    same = _scored_on(sunday, sunday)
    six_days = _scored_on(sunday, When(date(2025, 9, 20)))
    week = _scored_on(sunday, When(date(2025, 9, 21)))
    assert math.isclose(same - six_days, DATE_CLASH + DATE_OWN, rel_tol=1e-9)
    assert math.isclose(same - week, DATE_CLASH + DATE_OWN + DATE_FAR, rel_tol=1e-9)
    # A day only an undated lead names may be background: a week from it costs no more than another day.
    named = When(date(2025, 9, 21), named=True)
    assert math.isclose(same - _scored_on(sunday, named), DATE_CLASH, rel_tol=1e-9)
    assert math.isclose(same - _scored_on(named, sunday), DATE_CLASH, rel_tol=1e-9)


def test_two_dated_reports_of_days_apart_open_two_events_where_a_named_day_does_not() -> None:
    # A group match on Sunday 14 September and the referee complaint dated Tuesday 16 September: both reports tell
    # their own days, two days apart, so the complaint counts DATE_CLASH + DATE_OWN less and opens its own event,
    # though its words alone would pass the threshold after DATE_CLASH (as among a larger store, where a
    # storyline's words weigh more and its developments' reports score higher). A day only an undated lead names
    # may be background: it costs DATE_CLASH alone, and that report joins (decision 0025).
    sunday, tuesday = date(2025, 9, 14), date(2025, 9, 16)
    rng = random.Random(11)
    member, probe = _vectors(rng, 2, vocabulary=100)
    probe = {**probe, **dict(list(member.items())[:30])}
    df = DocumentFrequencies()
    df.add([member, probe])
    plain = _scored_on(When(sunday), When(sunday))
    threshold = plain - DATE_CLASH - DATE_OWN / 2
    for day, joins in ((When(tuesday), False), (When(tuesday, named=True), True)):
        grouper = Grouper([], df, threshold=threshold, max_gap_days=None, prefix="e", nearest=True)
        match, _ = grouper.assign("match", member, None, When(sunday))
        event, created = grouper.assign("complaint", probe, None, day)
        assert (event is match and not created) is joins


def _event_of(member: Vector, others: list[tuple[Vector, When]], df: DocumentFrequencies) -> Grouper:
    grouper = Grouper([], df, threshold=0.0, max_gap_days=60, prefix="e", nearest=True)
    event, _ = grouper.assign("m0", member, None, UNKNOWN)
    for n, (v, when) in enumerate(others, start=1):
        grouper.join(event, f"m{n}", v, None, when=when)
    return grouper


def test_an_undated_member_takes_its_event_s_days() -> None:
    # The undated member is the probe's nearest; the dated one says which day the event tells. A report of a day
    # five days later counts that member less, as it would the dated one; a report of the next day does not.
    rng = random.Random(12)
    undated, dated, probe = _vectors(rng, 3, vocabulary=100)
    near = {**probe, **dict(list(undated.items())[:20])}
    df = DocumentFrequencies()
    df.add([undated, dated, near])
    scores = {}
    for label, day in (("same", date(2025, 9, 17)), ("later", date(2025, 9, 21)), ("weeks", date(2025, 10, 20))):
        grouper = _event_of(undated, [(dated, When(date(2025, 9, 16)))], df)
        scores[label] = grouper.best(near, None, When(day))[1]
    # (The same members without their days: the words alone.)
    plain = _event_of(undated, [(dated, UNKNOWN)], df).best(near, None, When(date(2025, 9, 21)))[1]
    assert math.isclose(scores["same"], plain, rel_tol=1e-9)  # no dated member to go by: words only
    # Both the dated member and the probe tell their own days: DATE_OWN less again, as for the dated member.
    assert math.isclose(scores["same"] - scores["later"], DATE_CLASH + DATE_OWN, rel_tol=1e-9)
    # Weeks away (beyond INHERIT_DAYS) the event has run long: its undated reports may tell any part of it.
    assert (date(2025, 10, 20) - date(2025, 9, 16)).days > INHERIT_DAYS
    assert math.isclose(scores["weeks"], scores["same"], rel_tol=1e-9)


def test_an_undated_member_costs_what_its_event_s_dated_report_costs() -> None:
    # A group match dated Sunday 14 September, and an undated report of it (its lead names no day), the probe's
    # nearest. The referee complaint dated Tuesday 16 September counts that member what it counts the dated report:
    # DATE_CLASH + DATE_OWN less (both reports tell their own days), and DATE_FAR more a week on (Sunday 21), or one
    # undated report would let in the next development that the dated one keeps out. When the match's day is only
    # named by an undated lead (it may be background), or the member's lead names a weekday, DATE_CLASH alone.
    rng = random.Random(12)
    undated, dated, probe = _vectors(rng, 3, vocabulary=100)
    near = {**probe, **dict(list(undated.items())[:20])}
    df = DocumentFrequencies()
    df.add([undated, dated, near])
    sunday = date(2025, 9, 14)

    def cost(match: When, day: date, member: When = UNKNOWN) -> float:
        grouper = Grouper([], df, threshold=0.0, max_gap_days=60, prefix="e", nearest=True)
        event, _ = grouper.assign("m0", undated, None, member)
        grouper.join(event, "m1", dated, None, when=match)
        return grouper.best(near, None, When(sunday))[1] - grouper.best(near, None, When(day))[1]

    assert math.isclose(cost(When(sunday), date(2025, 9, 16)), DATE_CLASH + DATE_OWN, rel_tol=1e-9)
    assert math.isclose(cost(When(sunday), date(2025, 9, 21)), DATE_CLASH + DATE_OWN + DATE_FAR, rel_tol=1e-9)
    assert math.isclose(cost(When(sunday, named=True), date(2025, 9, 16)), DATE_CLASH, rel_tol=1e-9)
    # The member's lead names Sunday only as a weekday: named, so DATE_CLASH alone, as a named day costs.
    assert math.isclose(cost(When(sunday), date(2025, 9, 17), When(weekday=6, named=True)), DATE_CLASH, rel_tol=1e-9)


def test_a_dated_report_months_from_every_day_an_event_tells_does_not_join_it() -> None:
    # The event's reports are undated, but one lead names "7 December" (no year); a report dated 27 February is
    # 82 days from it, beyond max_gap_days, however close its words. A full date an undated lead names may be
    # background (a birth, an old case) and does not keep a report out.
    rng = random.Random(13)
    member, other = _vectors(rng, 2, vocabulary=100)
    df = DocumentFrequencies()
    df.add([member, other])
    far = When(date(2026, 2, 27))
    yearless = When(date(2000, 12, 7), yearless=True, named=True)
    assert _event_of(member, [(other, yearless)], df).best(member, None, far)[0] is None
    assert _event_of(member, [(other, yearless)], df).best(member, None, When(date(2025, 12, 8)))[1] > 0.5
    background = When(date(1923, 4, 22), named=True)
    assert _event_of(member, [(other, background)], df).best(member, None, far)[1] > 0.5
    # A report whose own day is only named in its undated lead does not decide either.
    assert _event_of(member, [(other, yearless)], df).best(member, None, far._replace(named=True))[1] > 0.5


def _figures(lead: set[str], rest: frozenset[str] | set[str] = frozenset()) -> When:
    return When(figures=frozenset(lead), stated=frozenset(lead | rest))


@pytest.mark.parametrize(
    ("a", "b", "clashes"),
    [
        (_figures({"44"}), _figures({"128"}), True),  # a toll of 44, a toll of 128: two moments of a disaster
        (_figures({"44"}, {"17"}), _figures({"128"}, {"44"}), False),  # the later report recalls the first toll
        (_figures({"72"}), _figures({"30", "108.4"}, {"72"}), False),  # the bid report states the deal's sum too
        (_figures({"44"}), _figures(set()), False),  # a lead without figures says nothing against them
        (_figures({"44"}), UNKNOWN, False),
    ],
)
def test_figures_clash(a: When, b: When, clashes: bool) -> None:
    assert figures_clash(a, b) is clashes and figures_clash(b, a) is clashes


def _member_and_probe(seed: int, shared: int = 0) -> tuple[Vector, Vector, DocumentFrequencies]:
    """A member and a report of random words (the report with the member's first ``shared`` terms too), and the
    document frequencies of the two."""
    member, probe = _vectors(random.Random(seed), 2, vocabulary=100)
    probe = {**probe, **dict(list(member.items())[:shared])}
    df = DocumentFrequencies()
    df.add([member, probe])
    return member, probe, df


def test_a_member_whose_lead_gives_other_figures_counts_less() -> None:
    member, probe, df = _member_and_probe(14)
    scores = {}
    for label, lead in (("agree", _figures({"128"}, {"44"})), ("clash", _figures({"128"}))):
        grouper = Grouper([], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
        grouper.assign("m", member, None, _figures({"44"}))
        scores[label] = grouper.best(probe, None, lead)[1]
    assert math.isclose(scores["agree"] - scores["clash"], FIGURE_CLASH, rel_tol=1e-9)


def _headline(title: set[str], lead: set[str], rest: frozenset[str] | set[str] = frozenset()) -> When:
    return When(figures=frozenset(title | lead), stated=frozenset(title | lead | rest), headline=frozenset(title))


@pytest.mark.parametrize(
    ("a", "b", "clashes"),
    [
        # "Fire at Brannock mill kills 44" and "Mill toll reaches 83 as owners are held": two moments.
        (_headline({"44"}, {"12"}), _headline({"83"}, {"40"}), True),
        (_headline({"44"}, {"12"}), _headline({"83"}, {"40"}, {"44"}), False),  # the later report recalls 44
        (_headline(set(), {"44"}), _headline({"83"}, {"40"}), False),  # a title without figures says nothing
        # A background figure both state ("the worst fire in 80 years") does not hide the headlines' own.
        (_headline({"83"}, {"80"}), _headline({"128", "80"}, set()), True),
    ],
)
def test_headlines_clash(a: When, b: When, clashes: bool) -> None:
    assert headlines_clash(a, b) is clashes and headlines_clash(b, a) is clashes


def test_a_member_whose_title_gives_other_figures_counts_less_again() -> None:
    member, probe, df = _member_and_probe(15, shared=30)  # close enough to stay above 0 with both penalties
    scores = {}
    for label, lead in (
        ("agree", _headline({"83"}, {"40"}, {"44"})),  # the report's text recalls the member's headline figure
        ("lead", _headline(set(), {"83", "40"})),  # its lead clashes, it has no headline figure
        ("headline", _headline({"83"}, {"40"})),
        ("title only", _headline({"83"}, {"12"})),  # the leads share the figure 12, the titles clash
    ):
        grouper = Grouper([], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
        grouper.assign("m", member, None, _headline({"44"}, {"12"}))
        scores[label] = grouper.best(probe, None, lead)[1]
    assert math.isclose(scores["agree"] - scores["lead"], FIGURE_CLASH, rel_tol=1e-9)
    assert math.isclose(scores["lead"] - scores["headline"], HEADLINE_CLASH, rel_tol=1e-9)
    assert math.isclose(scores["agree"] - scores["title only"], HEADLINE_CLASH, rel_tol=1e-9)


def _actors(*names: str) -> When:
    return When(actors=frozenset(names))


@pytest.mark.parametrize(
    ("a", "b", "clashes"),
    [
        (_actors("Harbourline"), _actors("Varga"), True),  # a buyer's deal, a governor's remarks on it
        (_actors("Ilse", "Varga"), _actors("Governor", "Varga"), False),  # one shared name is enough
        (_actors("India"), _actors("Indian"), False),  # a name and its adjective agree
        (_actors("UN"), _actors("UNESCO"), True),  # too short a name to stand for a longer one
        (_actors("Harbourline"), _actors(), False),  # a lead that opens with no name says nothing
        (_actors("Harbourline"), UNKNOWN, False),
    ],
)
def test_actors_clash(a: When, b: When, clashes: bool) -> None:
    assert actors_clash(a, b) is clashes and actors_clash(b, a) is clashes


def test_a_member_whose_lead_opens_with_another_actor_counts_less() -> None:
    member, probe, df = _member_and_probe(16)
    scores = {}
    for label, lead in (("same", _actors("Harbourline")), ("other", _actors("Varga")), ("none", _actors())):
        grouper = Grouper([], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
        grouper.assign("m", member, None, _actors("Harbourline"))
        scores[label] = grouper.best(probe, None, lead)[1]
    assert math.isclose(scores["same"] - scores["other"], ACTOR_CLASH, rel_tol=1e-9)
    assert math.isclose(scores["same"], scores["none"], rel_tol=1e-9)


def test_an_event_none_of_whose_reports_names_the_report_s_most_named_entity_counts_less() -> None:
    member, probe, df = _member_and_probe(18)
    scores = {}
    for label, focus in (("named", {"harbourline", "varga"}), ("other", {"brandt"}), ("none", set())):
        grouper = Grouper([], df, threshold=0.0, max_gap_days=None, prefix="e", nearest=True)
        grouper.assign("m", member, None, keys=("harbourline", "tavren"))
        scores[label] = grouper.best(probe, None, focus=frozenset(focus))[1]
    assert math.isclose(scores["named"] - scores["other"], FOCUS_CLASH, rel_tol=1e-9)
    assert scores["named"] == scores["none"]


@pytest.mark.parametrize(
    ("a", "b", "clashes"),
    [
        # A report of Friday 27 February 2026 and an undated lead that names Monday, or Friday, or Saturday.
        (When(date(2026, 2, 27)), When(weekday=0, named=True), True),
        (When(date(2026, 2, 27)), When(weekday=4, named=True), False),
        (When(date(2026, 2, 27)), When(weekday=5, named=True), False),  # the next day's report
        # A day only an undated lead names may be background; two undated weekdays may be any two weeks.
        (When(date(2026, 2, 27), named=True), When(weekday=0, named=True), False),
        (When(weekday=4, named=True), When(weekday=0, named=True), False),
        (When(date(2026, 2, 27)), UNKNOWN, False),
    ],
)
def test_weekday_clash(a: When, b: When, clashes: bool) -> None:
    assert weekday_clash(a, b) is clashes and weekday_clash(b, a) is clashes


def test_an_event_named_by_weekdays_gives_them_to_its_members_that_name_none() -> None:
    # The event's undated reports: one names Monday, the probe's nearest names no day. A report dated on a Friday
    # counts the nearest member less, as it would the one that names Monday; a report dated on a Monday does not.
    rng = random.Random(17)
    undated, monday, probe, thursday = _vectors(rng, 4, vocabulary=100)
    near = {**probe, **dict(list(undated.items())[:20])}
    df = DocumentFrequencies()
    df.add([undated, monday, near, thursday])
    named = When(weekday=0, named=True)
    scores = {}
    for label, day in (("monday", date(2026, 3, 2)), ("friday", date(2026, 2, 27))):
        scores[label] = _event_of(undated, [(monday, named)], df).best(near, None, When(day))[1]
    # (The same members without their days: the words alone.)
    plain = _event_of(undated, [(monday, UNKNOWN)], df).best(near, None, When(date(2026, 2, 27)))[1]
    assert math.isclose(scores["monday"], plain, rel_tol=1e-9)
    assert math.isclose(scores["monday"] - scores["friday"], DATE_CLASH, rel_tol=1e-9)
    # An event with dated reports goes by their days (decision 0021), not by the weekdays its other leads name.
    dated = _event_of(undated, [(monday, named), (thursday, When(date(2026, 2, 26)))], df)
    words = _event_of(undated, [(monday, UNKNOWN), (thursday, UNKNOWN)], df)
    assert math.isclose(dated.best(near, None, When(date(2026, 2, 27)))[1], words.best(near, None)[1], rel_tol=1e-9)


def test_a_report_sharing_no_heavy_term_finds_its_event_by_an_entity_both_name() -> None:
    # The event is indexed by its 30 heavy terms of its own; the report shares only the event's light terms (a
    # translation round trip keeps the story's plain words and re-spells its names), yet scores well enough.
    event = {**dict.fromkeys(range(30), 3.0), **dict.fromkeys(range(100, 110), 1.0)}
    report = {**dict.fromkeys(range(100, 110), 1.0), **dict.fromkeys(range(200, 205), 1.0)}
    df = DocumentFrequencies()
    df.add([event, report])
    for keyed in (False, True):
        grouper = Grouper([], df, threshold=0.05, max_gap_days=None, prefix="e", nearest=True)
        first, _ = grouper.assign("a", event, None, keys=["place-1"] if keyed else ())
        weighted = df.weighted(report)
        assert not grouper.candidates(weighted)  # none of its terms is one the event is indexed by
        assert cosine(weighted, df.weighted(event)) >= 0.05  # the case in point: close enough, once compared
        group, created = grouper.assign("b", report, None, keys=["place-1", "person-7"])
        assert (group is first and not created) is keyed
    # The event it joined is then indexed by the report's entities too.
    assert grouper.candidates({}, ["person-7"]) == {first.id}


def test_stored_groups_are_offered_by_their_entities_most_recently_joined_first() -> None:
    vectors = [dict.fromkeys(range(10 * n, 10 * n + 10), 1.0) for n in range(POSTING_LIMIT + 4)]
    df = DocumentFrequencies()
    df.add(vectors)
    # As the store gives them: least recently joined first, each with the entities its articles name.
    groups = [Group(id=f"e{n}", centroid=v, members=[f"a{n}"]) for n, v in enumerate(vectors)]
    keys = {g.id: ["country-1", f"person-{n}"] for n, g in enumerate(groups)}
    grouper = Grouper(groups, df, threshold=2.0, max_gap_days=None, prefix="e", keys=keys)
    assert grouper.candidates({}, ["country-1"]) == {g.id for g in groups[-POSTING_LIMIT:]}
    assert grouper.candidates({}, ["person-0"]) == {"e0"}  # a rare entity's list stays whole
    assert grouper.candidates({}, ["nobody"]) == set()
    grouper.join(groups[0], "late", vectors[0], None, keys=["country-1"])  # the oldest takes a report: recent again
    assert "e0" in grouper.candidates({}, ["country-1"])


def _stored(packed: dict[str, bytes], df: DocumentFrequencies, threshold: float) -> Grouper:
    """A grouper of stored groups of one member each, their centroids left packed."""
    return Grouper(
        [Group(id=g, members=[f"a{g}"]) for g in packed],
        df,
        threshold=threshold,
        max_gap_days=None,
        prefix="e",
        packed=packed,
    )


def _unpacked(packed: dict[str, bytes], df: DocumentFrequencies, threshold: float) -> Grouper:
    """The same groups as :func:`_stored`, their centroids given unpacked."""
    return Grouper(
        [Group(id=g, centroid=unpack(data), members=[f"a{g}"]) for g, data in packed.items()],
        df,
        threshold=threshold,
        max_gap_days=None,
        prefix="e",
    )


def test_stored_groups_with_packed_centroids_group_as_unpacked_ones_and_unpack_only_when_met() -> None:
    rng = random.Random(9)
    stored = _vectors(rng, 80, vocabulary=20000)
    later = [dict(rng.choice(stored)) | {t: 1.0 + rng.random() for t in rng.sample(range(20000), 5)} for _ in range(12)]
    later += _vectors(rng, 4, vocabulary=20000)
    df = DocumentFrequencies()
    df.add(stored)
    packed = {f"e{n}": pack(v) for n, v in enumerate(stored)}
    eager = _unpacked(packed, df, 0.3)
    lazy = _stored(packed, df, 0.3)
    assert not any(g.centroid for g in lazy.groups.values())  # nothing unpacked to index them
    for n, v in enumerate(later):
        weighted = df.weighted(v)
        assert lazy.candidates(weighted) == eager.candidates(weighted)
        assert [(g.id, s) for g, s in [lazy.best(v, None)] if g] == [(g.id, s) for g, s in [eager.best(v, None)] if g]
        (a, new_a), (b, new_b) = lazy.assign(f"n{n}", v, None), eager.assign(f"n{n}", v, None)
        assert (a.id, new_a) == (b.id, new_b)
        assert a.centroid == b.centroid
    met = {g.id for g in lazy.groups.values() if g.centroid and g.id in packed}
    assert met and len(met) < len(packed)  # only the groups a vector was compared with were unpacked


def _compressed(v: Vector) -> bytes:
    """``v`` as centroids were stored before 2026-12-06: the same terms and weights, zlib-compressed."""
    keys = np.fromiter(v.keys(), dtype="<u4", count=len(v))
    values = np.fromiter(v.values(), dtype="<f4", count=len(v))
    return zlib.compress(keys.tobytes() + values.tobytes(), 1)


def test_centroids_are_stored_uncompressed_and_those_stored_compressed_still_group_alike() -> None:
    # Packing is done again for every changed event and story after each batch, and zlib was most of its cost
    # (issue 17): a centroid is now stored as its arrays behind four zero bytes; a store's older centroids, zlib
    # streams, read as the same terms and weights, and stored groups of either form group as the same ones unpacked.
    rng = random.Random(12)
    stored = _vectors(rng, 60, vocabulary=20000)
    for v in [*stored, {}]:
        packed = pack(v)
        assert packed[:4] == bytes(4) and len(packed) == 4 + 8 * len(v)
        assert unpack(packed) == unpack(_compressed(v)) == {t: float(np.float32(w)) for t, w in v.items()}
    df = DocumentFrequencies()
    df.add(stored)
    mixed = {f"e{n}": (pack if n % 2 else _compressed)(v) for n, v in enumerate(stored)}
    lazy, eager = _stored(mixed, df, 0.3), _unpacked(mixed, df, 0.3)
    for n, v in enumerate(rng.choice(stored) | dict.fromkeys(rng.sample(range(20000), 4), 1.0) for _ in range(10)):
        (a, new_a), (b, new_b) = lazy.assign(f"n{n}", v, None), eager.assign(f"n{n}", v, None)
        assert (a.id, new_a, a.centroid) == (b.id, new_b, b.centroid)


def test_a_vector_scored_by_binary_search_gets_the_float_a_dict_loop_gives() -> None:
    # Candidates bigger than the vector are scored through their terms kept sorted in arrays (issue 17): the same
    # float as ``_dot``'s loop over the vector's own order, shared terms or none, the arrays made or kept up.
    rng = random.Random(17)
    big = {t: rng.random() for t in rng.sample(range(1 << 24), 3000)}
    weights = events._Weights(dict(big), 0.0, 1)
    for n in range(60):
        shared = rng.sample(sorted(weights.terms), rng.randint(0, 200))
        v = {t: rng.random() for t in [*shared, *rng.sample(range(1 << 24), rng.randint(0, 200))]}
        v = dict(rng.sample(list(v.items()), len(v)))  # not in term order
        assert events._sorted_dots(events._Sorted.of(v), [weights.arrays()]) == [events._dot(v, weights.terms)]
        # A join sets the weights of its terms, some new: the arrays follow.
        weights.update({t: rng.random() for t in [*rng.sample(shared or [1], 1), *rng.sample(range(1 << 24), n)]})
        keys, values = (part.tolist() for part in weights.arrays())
        assert keys == [*sorted(weights.terms), events._END] and values[-1] == 0.0
        assert values[:-1] == [weights.terms[t] for t in keys[:-1]]
    assert events._sorted_dots(events._Sorted.of({1: 1.0}), [events._Weights({}, 0.0, 1).arrays()]) == [0.0]
    assert events._sorted_dots(events._Sorted.of({}), [weights.arrays()]) == [0.0]


def test_vectors_scored_against_many_groups_at_once_get_the_floats_a_dict_loop_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A new report is scored against all its bigger candidates at once (issue 17): each float is the one ``_dot``
    # gives for that group alone, whatever the groups around it, also when they are worked out a few rows at a time
    # (groups as big as the vector or bigger, or empty: ``_best`` scores a smaller one by ``_dot``).
    rng = random.Random(21)
    groups = [events._Weights({}, 0.0, 1)]
    groups += [events._Weights({t: rng.random() for t in rng.sample(range(5000), 600)}, 0.0, 1) for _ in range(30)]
    for at_once in (events._DOTS_AT_ONCE, 1000, 1):
        monkeypatch.setattr(events, "_DOTS_AT_ONCE", at_once)
        for _ in range(20):
            v = {t: rng.random() * 10 for t in rng.sample(range(5000), rng.randint(1, 400))}
            got = events._sorted_dots(events._Sorted.of(v), [w.arrays() for w in groups])
            assert got == [events._dot(v, w.terms) for w in groups]
            assert any(got) and not all(got)


def test_idf_and_weights_in_bulk_are_the_floats_term_by_term() -> None:
    rng = random.Random(18)
    vectors = _vectors(rng, 50, vocabulary=3000)
    df = DocumentFrequencies()
    df.add(vectors[:30])
    for v in vectors:
        fresh = DocumentFrequencies(df.counts, df.documents)  # its IDF worked out term by term
        assert df.idf_of(v) == [fresh.idf(t) for t in v]
        out = {t: w * fresh.idf(t) for t, w in v.items()}
        norm = math.sqrt(sum(w * w for w in out.values())) or 1.0
        assert list(df.weighted(v).items()) == [(t, w / norm) for t, w in out.items()]
        df.add([v])


def test_the_sorted_arrays_of_every_group_follow_its_weights_through_joins_and_unpacking() -> None:
    rng = random.Random(19)
    stored = _vectors(rng, 40, vocabulary=600)
    df = DocumentFrequencies()
    df.add(stored)
    packed = {f"e{n}": pack(v) for n, v in enumerate(stored)}
    grouper = _stored(packed, df, 0.1)
    for n, v in enumerate(_vectors(rng, 150, vocabulary=600)):
        df.add([v])
        grouper.assign(f"n{n}", v, None)
    made = [w for w in grouper._weights.values() if w.keys is not None]
    assert made  # vectors were scored through them
    for weights in made:
        keys, values = (part.tolist() for part in weights.arrays())
        assert keys == [*sorted(weights.terms), events._END] and values[-1] == 0.0
        assert values[:-1] == [weights.terms[t] for t in keys[:-1]]


def test_idf_of_vectors_weighted_between_additions_are_the_floats_term_by_term() -> None:
    # Between two additions most terms are known already (one look-up each); some are new (worked out then).
    rng = random.Random(21)
    vectors = _vectors(rng, 60, vocabulary=800)
    df = DocumentFrequencies()
    df.add(vectors[:20])
    for start in range(20, 60, 10):
        for v in vectors[start - 20 : start + 10]:
            fresh = DocumentFrequencies(df.counts, df.documents)
            assert df.idf_of(v) == [fresh.idf(t) for t in v]
        df.add(vectors[start : start + 10])


def test_distinct_terms_are_those_np_unique_gives() -> None:
    # A run's start weights every stored group's terms by their IDF, looked up once a distinct term.
    rng = np.random.default_rng(22)
    for terms in (
        np.zeros(0, dtype=np.int64),
        np.array([7], dtype=np.int64),
        np.array([5, 5, 5], dtype=np.int64),
        rng.integers(0, 1 << 24, 5000, dtype=np.int64),
        rng.integers(0, 300, 5000, dtype=np.int64),
        np.array([-1, 3, 3, 1 << 40], dtype=np.int64),  # not terms of 24 bits: np.unique itself
    ):
        distinct, where = events._distinct(terms)
        expected, inverse = np.unique(terms, return_inverse=True)
        assert distinct.dtype == np.int64 and distinct.tolist() == expected.tolist()
        assert where.tolist() == inverse.tolist()


def test_thresholds_rise_with_a_group_s_size_the_same_float_asked_again() -> None:
    grouper = Grouper([], DocumentFrequencies(), threshold=0.2, size_penalty=0.04, max_gap_days=None, prefix="e")
    for size in [0, 1, 2, 7, 30, 7, 2]:
        group = Group(id="e", members=[f"a{n}" for n in range(size)])
        assert grouper.threshold_for(group) == 0.2 + 0.04 * math.log(max(1, size))


def test_the_idf_of_the_terms_last_asked_for_is_kept_until_the_counts_change() -> None:
    df = DocumentFrequencies({1: 3, 2: 1}, 10)
    v = {1: 1.0, 2: 1.0, 3: 1.0}
    first = df.idf_of(v)
    assert df.idf_of(dict(v)) is first  # a report is weighted, then joins its event and its story
    df.add([{3: 1.0}])
    assert df.idf_of(v) == [df.idf(1), df.idf(2), df.idf(3)] != first


def test_the_heaviest_terms_found_by_partition_are_those_heapq_gives_ties_and_all() -> None:
    # A run's start indexes every stored group by its INDEX_TERMS heaviest terms (issue 17: found by partition, not
    # by one sort of every stored term): the same terms in the same order as ``heapq.nlargest`` by (weight, term),
    # with the ties stored centroids are full of (terms seen once in one document weigh the same).
    rng = random.Random(20)
    for size in [0, 1, INDEX_TERMS - 1, INDEX_TERMS, INDEX_TERMS + 1, 60, 400, 3000]:
        terms = rng.sample(range(1 << 24), size)
        weights = [float(rng.choice([0.5, 1.0, 1.5, 2.0])) if rng.random() < 0.8 else rng.random() for _ in terms]
        by_term = dict(zip(terms, weights, strict=True))
        expected = heapq.nlargest(INDEX_TERMS, terms, key=lambda t: (by_term[t], t))
        got = events._heaviest(np.array(terms, dtype=np.int64), np.array(weights, dtype=np.float64))
        assert got == expected


def test_a_stored_group_only_scored_is_not_made_dicts_and_groups_as_an_unpacked_one() -> None:
    # A stored event bigger than a report it is scored against is scored from its sorted arrays alone (issue 17:
    # a big event's dicts cost more than its arrays); made dicts when a report joins it, the same centroid and
    # weights as a group given unpacked.
    rng = random.Random(21)
    stored = [{t: 1.0 + rng.random() for t in rng.sample(range(5000), 400)} for _ in range(6)]
    df = DocumentFrequencies()
    df.add(stored)
    packed = {f"e{n}": pack(v) for n, v in enumerate(stored)}
    lazy = _stored(packed, df, 0.2)
    eager = _unpacked(packed, df, 0.2)
    small = dict(rng.sample(sorted(stored[0].items()), 40))  # smaller than every stored group
    assert lazy.best(small, None)[1] == eager.best(small, None)[1] > 0
    assert not any(g.centroid for g in lazy.groups.values())  # scored, yet none made dicts
    assert any(lazy._weights[g].keys is not None for g in packed)
    (a, new_a), (b, new_b) = lazy.assign("n0", small, None), eager.assign("n0", small, None)
    assert (a.id, new_a) == (b.id, new_b) == ("e0", False)
    assert list(a.centroid.items()) == list(b.centroid.items())
    assert list(lazy._weights["e0"].terms.items()) == list(eager._weights["e0"].terms.items())
    assert lazy._weights["e0"].square == eager._weights["e0"].square
    for name, weights in lazy._weights.items():  # joined or only scored, the arrays hold its weights
        if weights.keys is None:
            continue  # never met: still packed
        keys, values = (part.tolist() for part in weights.arrays())
        assert keys[:-1] == sorted(unpack(packed[name])) and len(values) == weights.size() + 1


@pytest.mark.parametrize("buckets", [64, events.CEILINGS])
def test_candidates_left_out_by_their_ceilings_change_no_choice(monkeypatch: pytest.MonkeyPatch, buckets: int) -> None:
    # With ``nearest``, a candidate whose bound (each of the vector's weights times its bucket's ceiling) falls short
    # of its threshold is never scored (issue 17): pinned against scoring every candidate, through stored groups met,
    # joins that raise and lower weights and re-weightings as the corpus grows; ceilings stay above every weight.
    monkeypatch.setattr(events, "CEILINGS", buckets)
    rng = random.Random(22)
    stored = _vectors(rng, 60, vocabulary=3000)
    df_a, df_b = DocumentFrequencies(), DocumentFrequencies()
    df_a.add(stored)
    df_b.add(stored)
    packed = {f"e{n}": pack(v) for n, v in enumerate(stored)}

    def made(df: DocumentFrequencies) -> Grouper:
        groups = [Group(id=g, members=[f"a{g}"]) for g in packed]
        return Grouper(
            groups, df, threshold=0.2, size_penalty=0.04, max_gap_days=None, prefix="e", nearest=True, packed=packed
        )

    bounded, every = made(df_a), made(df_b)
    monkeypatch.setattr(every, "_bounded", lambda weighted, bigger, scored: bigger)
    left_out = smaller_left_out = 0
    real = Grouper._bounded

    def counted(
        self: Grouper, weighted: Vector, bigger: list[tuple[int, events._Weights]], scored: list[tuple[float, str]]
    ) -> list[tuple[int, events._Weights]]:
        nonlocal left_out, smaller_left_out
        kept = real(self, weighted, bigger, scored)
        left_out += len(bigger) - len(kept)
        # Candidates smaller than the vector are bounded too (they would be scored over their own terms).
        kept_at = {at for at, _ in kept}
        smaller_left_out += sum(1 for at, w in bigger if at not in kept_at and w.size() < len(weighted))
        return kept

    monkeypatch.setattr(Grouper, "_bounded", counted)
    for n in range(300):
        base = rng.choice(stored)
        v = {t: w * rng.uniform(0.5, 2.0) for t, w in base.items() if rng.random() < 0.7}
        v |= {t: 1.0 + rng.random() for t in rng.sample(range(3000), rng.randint(1, 40))}
        assert [(g.id if g else None, s) for g, s in [bounded.best(v, None)]] == [
            (g.id if g else None, s) for g, s in [every.best(v, None)]
        ]
        (a, new_a), (b, new_b) = bounded.assign(f"n{n}", v, None), every.assign(f"n{n}", v, None)
        assert (a.id, new_a) == (b.id, new_b)
        df_a.add([v])
        df_b.add([v])
    assert left_out > 100 and smaller_left_out > 50
    checked = 0
    for weights in bounded._weights.values():
        if weights.ceiling is not None:
            keys, values = weights.arrays()
            for t, w in zip(keys[:-1].tolist(), values[:-1].tolist(), strict=True):
                assert weights.ceiling[t & (buckets - 1)] >= w
            checked += 1
    assert checked > 10


def test_a_whole_re_weighting_gives_the_floats_and_heaviest_terms_of_a_loop_over_the_centroid() -> None:
    # ``_reweigh`` weights a group in C (issue 17) and finds a big group's heaviest terms by partition: the weights,
    # squared norm and index terms a loop over the centroid and ``heapq.nlargest`` give, for small groups and big.
    rng = random.Random(23)
    vectors = _vectors(rng, 40, vocabulary=3000)
    df = DocumentFrequencies()
    df.add(vectors)
    for size in (1, 5, events._HEAVIEST_FROM, events._HEAVIEST_FROM + 1, 2500):
        centroid = {t: float(rng.choice([1.0, 2.0])) for t in rng.sample(range(3000), size)}
        grouper = Grouper([Group(id="g", centroid=dict(centroid))], df, threshold=0.1, max_gap_days=None, prefix="e")
        weights = grouper._weights["g"]
        loop = {t: w * df.idf(t) for t, w in centroid.items()}
        assert list(weights.terms.items()) == list(loop.items())
        assert weights.square == sum(w * w for w in loop.values())
        assert weights.tops == heapq.nlargest(INDEX_TERMS, loop, key=lambda t: (loop[t], t))
        assert sorted(grouper._index) == sorted(weights.tops)


def test_the_heaviest_query_terms_are_those_a_sort_gives_ties_in_order() -> None:
    rng = random.Random(24)
    for size in (0, 3, QUERY_TERMS, QUERY_TERMS + 1, 400):
        v = {t: float(rng.choice([0.25, 0.5, 1.0])) for t in rng.sample(range(1 << 24), size)}
        assert top_terms(v, QUERY_TERMS) == [t for t, _ in sorted(v.items(), key=lambda item: -item[1])[:QUERY_TERMS]]


def test_squares_in_numpy_are_the_float_a_sum_over_the_list_gives() -> None:
    # A stored group only scored keeps its weights as an array (issue 17: no list made for it): its squared norm is
    # added in the array's order, the float ``sum(map(operator.mul, values, values))`` gives; ``np.sum`` adds
    # pairwise and differs, so the test can fail.
    rng = random.Random(23)
    differs = 0
    for size in [0, 1, 2, 7, 100, 1000, 20000]:
        values = [rng.random() * rng.choice([1.0, 3.0, 40.0]) for _ in range(size)]
        array = np.array(values, dtype=np.float64)
        expected = sum(map(operator.mul, values, values))
        assert events._squares(array) == expected and type(events._squares(array)) is type(expected)
        differs += float(np.sum(array * array)) != expected
    assert differs  # the pairwise sum would not do


def test_stored_groups_only_scored_keep_the_squared_norms_of_groups_given_unpacked() -> None:
    rng = random.Random(24)
    stored = [{t: 1.0 + rng.random() for t in rng.sample(range(5000), rng.choice([300, 900]))} for _ in range(8)]
    df = DocumentFrequencies()
    df.add(stored)
    packed = {f"e{n}": pack(v) for n, v in enumerate(stored)}
    lazy = _stored(packed, df, 0.2)
    eager = _unpacked(packed, df, 0.2)
    small = dict(rng.sample(sorted(stored[3].items()), 40))
    assert lazy.best(small, None)[1] == eager.best(small, None)[1] > 0
    met = [name for name in packed if lazy._weights[name].keys is not None]
    assert met and not any(lazy.groups[name].centroid for name in met)
    for name in met:
        assert lazy._weights[name].square == eager._weights[name].square


def test_stored_groups_met_in_any_order_get_the_weights_of_groups_given_unpacked() -> None:
    # A run's start unpacks every stored group once and keeps its terms and where they stand among the distinct
    # ones; a group first met later takes its own part of them, whichever groups were met before it.
    rng = random.Random(25)
    stored = [{t: 1.0 + rng.random() for t in rng.sample(range(1 << 24), rng.choice([1, 30, 700]))} for _ in range(9)]
    df = DocumentFrequencies()
    df.add(stored)
    packed = {f"e{n}": pack(v) for n, v in enumerate(stored)}
    lazy = _stored(packed, df, 0.2)
    eager = _unpacked(packed, df, 0.2)
    names = list(packed)
    rng.shuffle(names)
    for n, name in enumerate(names):
        lazy._unfold(lazy.groups[name], whole=n % 2 == 0)
        weights, expected = lazy._weights[name], eager._weights[name]
        keys, values = (part.tolist() for part in weights.arrays())
        assert keys == [*sorted(expected.terms), events._END]
        assert values == [*(expected.terms[t] for t in keys[:-1]), 0.0]
        assert weights.square == expected.square
        lazy._unfold(lazy.groups[name])
        assert list(lazy.groups[name].centroid.items()) == list(eager.groups[name].centroid.items())
        assert list(weights.terms.items()) == list(expected.terms.items())
    assert not any(len(part) for part in lazy._stored)  # every group met: nothing kept for them any more


class _GrowingAsBefore(Grouper):
    """A grouper whose joins find the terms rising among a group's heaviest as ``_grow`` did before it told them
    apart in C (a generator and a comprehension over the member's terms)."""

    def _grow(self, g: Group, v: Vector) -> None:
        self._unfold(g)
        weights = self._weights.get(g.id)
        if weights is None or self.df.documents > weights.documents * events.REFRESH:
            self._reweigh(g)
            return
        terms = weights.terms
        olds = [terms.get(t, 0.0) for t in v]
        news = [g.centroid[t] * idf for t, idf in zip(v, self.df.idf_of(v), strict=True)]
        for old, new in zip(olds, news, strict=True):
            weights.square += new * new - old * old
        weights.update(dict(zip(v, news, strict=True)))
        tops = weights.tops
        if len(tops) < INDEX_TERMS:
            self._retop(g.id, weights, {*tops, *v})
            return
        lightest = min(terms[t] for t in tops)
        current = set(tops)
        rising = [t for t, w in zip(v, news, strict=True) if w >= lightest and t not in current]
        if rising:
            self._retop(g.id, weights, [*tops, *rising])


@pytest.mark.parametrize("counted", [True, False])
def test_joins_index_a_group_under_the_heaviest_terms_they_did_before(counted: bool) -> None:
    # With the corpus counted batch by batch (IDF moves, whole re-weightings between joins), and with every term
    # counted alike (one IDF: weights from few values tie at every turn, and a rising term that ties the lightest
    # of the heaviest enters by its number): every group's heaviest terms, index lists, squared norm and choice
    # as before.
    rng = random.Random(25)
    vocabulary = 60
    batches = [
        [{t: rng.choice([1.0, 2.0]) for t in rng.sample(range(vocabulary), rng.randint(5, 40))} for _ in range(40)]
        for _ in range(6)
    ]
    now, before = DocumentFrequencies(), DocumentFrequencies()
    if not counted:
        now.add([dict.fromkeys(range(vocabulary), 1.0)] * 3)
        before.add([dict.fromkeys(range(vocabulary), 1.0)] * 3)
    a = Grouper([], now, threshold=0.12, max_gap_days=None, prefix="e")
    b = _GrowingAsBefore([], before, threshold=0.12, max_gap_days=None, prefix="e")
    joined = 0
    for n, batch in enumerate(batches):
        if counted:
            now.add(batch)
            before.add(batch)
        for m, v in enumerate(batch):
            (x, new_x), (y, new_y) = a.assign(f"a{n}-{m}", v, None), b.assign(f"a{n}-{m}", v, None)
            assert (x.id, new_x) == (y.id, new_y)
            joined += not new_x
    assert joined > 50
    assert {g: w.tops for g, w in a._weights.items()} == {g: w.tops for g, w in b._weights.items()}
    assert {g: w.square for g, w in a._weights.items()} == {g: w.square for g, w in b._weights.items()}
    assert {t: list(m) for t, m in a._index.items()} == {t: list(m) for t, m in b._index.items()}


def test_a_report_opening_an_event_and_its_story_is_weighted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An event and its story share one ``DocumentFrequencies``: a report that opens an event (and so a story) has its
    vector weighted once (``Grouper.assign(weighted=...)``), not once for the event and again for the story; the
    groups are the ones assigned without it."""
    from newsdesk import grouping
    from newsdesk.records import Article, content_id
    from newsdesk.settings import Settings
    from newsdesk.store import Store

    texts = [
        "The harbour board of Lantry kept the night ferry to Ossin running through the winter storms.",
        "Dockers in Saltmere walked out over automated cranes at the Greywater container terminal.",
        "A late frost cut the apricot harvest in the Varden valley by a third, growers said.",
    ]
    store = Store(tmp_path / "t.db")
    articles = [Article(id=content_id(t), source=f"s{n}.txt", text=t, raw=t) for n, t in enumerate(texts)]
    store.add(articles)
    weighed: list[int] = []
    weighted = DocumentFrequencies.weighted

    def counted(self: DocumentFrequencies, v: Vector) -> Vector:
        weighed.append(len(v))
        return weighted(self, v)

    monkeypatch.setattr(DocumentFrequencies, "weighted", counted)
    changed, state = grouping.cluster(list(store.articles([a.id for a in articles])), store, Settings())
    assert len({a.event_id for a in changed}) == 3 and len(state["groups"]["story"]) == 3
    assert len(weighed) == 3

    df = DocumentFrequencies()
    vectors = _vectors(random.Random(5), 30)
    df.add(vectors)
    given, asked = (Grouper([], df, threshold=0.3, max_gap_days=None, prefix="s") for _ in range(2))
    for n, v in enumerate(vectors):
        one, _ = given.assign(f"a{n}", v, None, weighted=df.weighted(v))
        two, _ = asked.assign(f"a{n}", v, None)
        assert one.id == two.id and one.members == two.members
