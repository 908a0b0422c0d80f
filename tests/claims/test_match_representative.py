"""A cluster's representative, worked out without a call a pair of its term sets, is the one ``overlap`` gives."""

from __future__ import annotations

import random

import pytest

from newsdesk.claims import match


def _before(cluster: match.Cluster) -> match.Member:
    """``_representative`` as it was written with ``match.overlap`` called on each pair of term sets."""
    first = cluster.first
    assert first is not None
    if cluster.size <= 2:
        return first
    shapes = cluster.shapes
    if len(shapes) == cluster.size:
        firsts = [m for _, m in shapes.values()]
        return max(firsts, key=lambda m: sum(match.overlap(m.terms, o.terms)[0] for o in firsts if o is not m))
    like = {
        t: round(sum(n * match.overlap(t, u)[0] for u, (n, _) in shapes.items()) - match.overlap(t, t)[0], 9)
        for t in shapes
    }
    return shapes[max(shapes, key=lambda t: like[t])][1]


def _cluster(rng: random.Random, size: int, shapes: int, words: int) -> match.Cluster:
    """A cluster of ``size`` members drawn from ``shapes`` term sets (one of them empty now and then)."""
    vocabulary = [f"w{i}" for i in range(words)]
    sets = [frozenset(rng.sample(vocabulary, rng.randint(1, min(words, 12)))) for _ in range(shapes)]
    if rng.random() < 0.3:
        sets[rng.randrange(shapes)] = frozenset()
    story, cluster = match.Story("s"), match.Cluster(id="c", story_id="s", event_id=None)
    story.clusters[cluster.id] = cluster
    for i in range(size):
        terms = sets[i] if i < shapes else rng.choice(sets)
        story._join(match.Member(id=f"m{i}", article_id=f"a{i}", terms=terms, values=(), negative=False), cluster)
    return cluster


def test_the_representative_is_the_member_most_like_the_others_as_overlap_measures() -> None:
    """Clusters whose members each have their own terms and clusters of repeated term sets (ties, empty sets,
    a few words shared by many): the same member as summing ``overlap`` over every pair gives."""
    rng = random.Random(17)
    checked = {True: 0, False: 0}
    for _ in range(400):
        shapes = rng.randint(1, 40)
        size = shapes if rng.random() < 0.4 else shapes + rng.randint(1, 60)
        cluster = _cluster(rng, size, shapes, rng.randint(3, 30))
        assert match._representative(cluster) is _before(cluster)
        checked[len(cluster.shapes) == cluster.size] += 1
    assert min(checked.values()) > 50  # both ways of summing were met


@pytest.mark.parametrize("kept", [match.LIKENESS, 6])
def test_the_representative_stays_the_one_overlap_gives_as_the_cluster_grows(
    kept: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cluster asked for its representative after each few members join (new term sets, repeated ones, an
    empty one): the rows of likeness it keeps (``Cluster.likeness``), or works out when read past ``LIKENESS``
    term sets, give the member summing ``overlap`` over every pair gives, each time."""
    monkeypatch.setattr(match, "LIKENESS", kept)
    rng = random.Random(23)
    for _ in range(60):
        vocabulary = [f"w{i}" for i in range(rng.randint(3, 25))]
        sets = [frozenset(rng.sample(vocabulary, rng.randint(1, min(len(vocabulary), 10)))) for _ in range(30)]
        sets[rng.randrange(len(sets))] = frozenset()
        story, cluster = match.Story("s"), match.Cluster(id="c", story_id="s", event_id=None)
        story.clusters[cluster.id] = cluster
        for i in range(rng.randint(3, 80)):
            terms = rng.choice(sets[: rng.randint(1, len(sets))])
            story._join(match.Member(id=f"m{i}", article_id=f"a{i}", terms=terms, values=(), negative=False), cluster)
            if rng.random() < 0.4:
                assert match._representative(cluster) is _before(cluster)
        assert match._representative(cluster) is _before(cluster)
        sets = sum(1 for t in cluster.shapes if t)
        assert len(cluster.likeness) == (sets if sets <= kept else 0) or cluster.size <= 2
