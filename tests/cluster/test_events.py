"""The Grouper's incremental weights agree with weighting each group from scratch."""

from __future__ import annotations

import math
import random

from newsdesk.cluster.events import INDEX_TERMS, REFRESH, Group, Grouper
from newsdesk.cluster.similarity import DocumentFrequencies, Vector, cosine, top_terms


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
    for v in _vectors(rng, 10):
        group, score = grouper.best(v, None)
        # Candidates are the groups sharing one of v's heaviest terms, found through each group's heaviest terms.
        heaviest = {g.id: set(top_terms(df.weighted(g.centroid), INDEX_TERMS)) for g in grouper.groups.values()}
        mine = set(top_terms(df.weighted(v), INDEX_TERMS))
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
