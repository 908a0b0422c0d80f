"""Claim matching finds its candidates by index, bounded per term, with no window on the story (decision 0042).

A story is fed the sentences of the real dev-news articles, several times over (as copies of each article would
repeat them), in batches: a claim repeated after more claims than the old window held still joins its cluster;
each term lists at most ``match.POSTING`` readings, at most ``match.PER_CLUSTER`` of one cluster, so what a new
claim is compared with is bounded however long the story; where the bounds do not bind, the clusters are those of
scoring every claim that shares one of a claim's rarest terms; and the store reads no more than a story's last
claims.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.claims import extract, match, values
from newsdesk.records import Article, Claim, Modality, Value, claim_id
from newsdesk.store import claims as stored_claims
from tests.conftest import shared_path

BATCH = 40
OLD_WINDOW = 10_000  # the claims a story's window held before (a claim older than this was no candidate)


def _sentences() -> list[tuple[str, str]]:
    sentences = []
    for path in sorted(shared_path("dev-news").glob("*.txt")):
        for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")):
            if len(sentence.split()) >= 6:
                sentences.append((path.stem, sentence))
    return sentences


def _member(article: str, i: int, text: str) -> match.Member:
    claim = Claim(text=text, start=i, end=i + len(text), values=tuple(values.find(text)), terms=extract.terms(text))
    return match.Member.of(article, claim)


def _claims(rounds: int = 3) -> list[match.Member]:
    """Each sentence of the dev-news articles as a claim of its article, the articles read ``rounds`` times."""
    sentences = _sentences()
    return [_member(f"{a}-{r}", i, t) for r in range(rounds) for i, (a, t) in enumerate(sentences)]


def _feed(story: match.Story, members: list[match.Member], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Comparisons made for each claim (candidates scored, ``Story.compared``), fed in batches."""
    per_claim = []
    for start in range(0, len(members), BATCH):
        batch = members[start : start + BATCH]
        story.count(batch)
        for member in batch:
            before = story.compared
            story.add(member, None)
            per_claim.append(story.compared - before)
    return per_claim


class _EveryCandidate(match.Story):
    """The rule the index answers for: every reading that shares one of the claim's rarest terms, scored."""

    def best(self, claim: match.Member) -> tuple[match.Cluster | None, float]:
        best, best_score = None, 0.0
        own = 1 if claim.id in self.counted else 0
        shared = [t for t in claim.terms if self.df.get(t, 0) > own]
        rarest = sorted(shared, key=lambda t: (self.df.get(t, 0), t))[: match.RAREST]
        seen: set[object] = set()
        for term in rarest:
            for key, cluster_id in self.index.get(term, {}).items():
                if key in seen:
                    continue
                seen.add(key)
                self.compared += 1
                got = match.score(claim, self._readings[key], self._idf(), self._totals, self.n)
                if got > best_score and self._fits(claim, self.clusters[cluster_id]):
                    best, best_score = self.clusters[cluster_id], got
        return best, best_score


class _ScoredOneByOne(match.Story):
    """``_best`` as it was written before its scoring was written out: ``match.score`` called on each candidate."""

    def _best(self, claim: match.Member, own: int) -> tuple[match.Cluster | None, float]:
        best: match.Cluster | None = None
        best_score = 0.0
        weight = self._idf()
        size = len(claim.terms)
        valued = bool(claim.value_key)
        shared = sorted((d, t) for t in claim.terms if (d := self.df.get(t, 0)) > own)
        rarest = [t for _, t in shared[: match.RAREST]]
        found: Counter[int] = Counter(k for t in rarest if t in self.index for k in self.index[t])
        beyond = len(shared) - len(rarest)
        for key, held in found.items():
            most = held + beyond
            if most < 2:
                continue
            member = self._readings[key]
            if not (valued and member.value_key):
                other = len(member.terms)
                if size < match.MIN_TERMS or other < match.MIN_TERMS or 2 * most / (size + other) < match.JOIN_DICE:
                    continue
            got = match.score(claim, member, weight, self._totals, self.n)
            if got > best_score:
                cluster = self.clusters[self.by_claim.get(member.id, self._facts[key][1])]
                if self._fits(claim, cluster):
                    best, best_score = cluster, got
        return best, best_score


def _answer_alike(story: match.Story, reference: match.Story, fed: list[match.Member]) -> int:
    """Feed both stories ``fed`` in batches, asserting that ``best`` gives each claim the same cluster and score in
    both; how many claims matched a cluster."""
    answers = 0
    for start in range(0, len(fed), BATCH):
        batch = fed[start : start + BATCH]
        for each in (story, reference):
            each.count(batch)
        for member in batch:
            got, want = story.best(member), reference.best(member)
            assert (got[0] and got[0].id, got[1]) == (want[0] and want[0].id, want[1])
            answers += got[0] is not None
            for each in (story, reference):
                each.add(member, None)
    assert story.by_claim == reference.by_claim
    return answers


def test_the_written_out_scoring_answers_as_score_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Story._best`` scores its candidates without calling ``match.score``: for every claim of a story (copies,
    values, denials, lists that fill up) it finds the cluster and the very score that calling it finds."""
    monkeypatch.setattr(match, "POSTING", 60)
    monkeypatch.setattr(match, "PER_CLUSTER", 4)
    members = _claims()
    # Denials and bare negations of some of the claims (the same terms): denials never join what they deny.
    denied = [
        match.Member.of(
            f"denials-{i}",
            Claim(
                text=("It is not true that " if i % 2 else "Not so: ") + m.text,
                start=i,
                end=i + len(m.text),
                values=m.values,
                terms=tuple(m.terms),
                modality=Modality.DENIED,
            ),
        )
        for i, m in enumerate(members[:300:5])
    ]
    fed = [*members[: len(members) // 2], *denied, *members[len(members) // 2 :]]
    written, called = match.Story("s"), _ScoredOneByOne("s")
    answers = _answer_alike(written, called, fed)
    assert answers > len(fed) // 4  # many claims matched a cluster: the scores compared are not all zero
    assert written._full  # some lists filled up


def test_readings_that_cannot_reach_the_shared_weight_are_not_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Story._best`` passes over, unscored, the readings that only its lightest terms' lists give (together they
    weigh less than ``MIN_SHARED``) and the pairs whose values or lengths already rule a match out: the same
    cluster and score for every claim as scoring every candidate (``match.score`` called on each), with lists that
    fill up and leave readings out, and fewer candidates scored. The story knows which readings each list leaves
    out (what the cut reads)."""
    monkeypatch.setattr(match, "POSTING", 60)
    monkeypatch.setattr(match, "PER_CLUSTER", 4)
    members = _claims()
    scored = [0]
    score = match.score

    def counted(*args: object, **kwargs: object) -> float:
        scored[0] += 1
        return score(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(match, "score", counted)
    cut, every = match.Story("s"), _ScoredOneByOne("s")
    assert _answer_alike(cut, every, members) > len(members) // 4
    assert cut.compared < scored[0] * 0.9
    # Every reading that holds a term is in the term's list or among the readings it leaves out, for the lists
    # that never filled; a reading some list leaves out or dropped is ``_partial``.
    holding: dict[str, set[int]] = {}
    for number, (member, *_) in enumerate(cut._facts):
        for term in member.terms:
            holding.setdefault(term, set()).add(number)
    assert cut._full and cut._unlisted
    for term, numbers in holding.items():
        listed = set(cut.index[term])
        assert not listed & cut._unlisted.get(term, set())
        if term not in cut._full:
            assert listed | cut._unlisted.get(term, set()) == numbers
        assert numbers - listed <= cut._partial
    assert cut._partial == {n for term, numbers in holding.items() for n in numbers - set(cut.index[term])}


def test_a_claim_repeated_after_more_claims_than_the_old_window_joins_its_cluster() -> None:
    sentences = _sentences()
    first = _member("wire", 0, sentences[0][1])
    # Filler that can never join the first claim's cluster (two terms in common are the least a match needs), so
    # nothing keeps that cluster among the latest claims.
    others = [(a, t) for a, t in sentences if len(first.terms.intersection(extract.terms(t))) < 2]
    filler = [
        _member(f"{a}-{r}", i, t) for r in range(OLD_WINDOW // len(others) + 2) for i, (a, t) in enumerate(others)
    ]
    assert len(filler) > OLD_WINDOW
    story = match.Story("s")
    story.extend([(first, None)])
    for start in range(0, len(filler), 500):
        story.extend((m, None) for m in filler[start : start + 500])
    repeat = _member("follow-up", 7, first.text)
    story.extend([(repeat, None)])
    assert story.by_claim[repeat.id] == story.by_claim[first.id]


def test_each_claim_meets_a_bounded_number_of_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    members = _claims()
    unbounded = match.Story("all")
    _feed(unbounded, members, monkeypatch)
    posting, per_cluster = 40, 3
    # The input makes the bounds matter: without them, terms list more readings than the bounds allow.
    assert max(len(p) for p in unbounded.index.values()) > posting
    assert max(Counter((t, c) for t, p in unbounded.index.items() for c in p.values()).values()) > per_cluster
    monkeypatch.setattr(match, "POSTING", posting)
    monkeypatch.setattr(match, "PER_CLUSTER", per_cluster)
    story = match.Story("s")
    bounded = _feed(story, members, monkeypatch)
    assert max(bounded) <= match.RAREST * posting
    assert max(len(p) for p in story.index.values()) <= posting
    assert max(Counter((t, c) for t, p in story.index.items() for c in p.values()).values()) <= per_cluster
    # Every claim was placed all the same, and counted: the story's words weigh over all of them.
    assert len(story.by_claim) == len(members) == story.n
    assert story.df == dict(Counter(t for m in members for t in m.terms))


def test_where_the_bounds_do_not_bind_the_clusters_are_those_of_scoring_every_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    members = _claims()
    indexed = match.Story("s")
    compared = _feed(indexed, members, monkeypatch)
    assert max(len(p) for p in indexed.index.values()) < match.POSTING
    every = _EveryCandidate("s")
    scored_all = _feed(every, members, monkeypatch)
    assert indexed.by_claim == every.by_claim
    # The candidates that cannot score were not scored.
    assert sum(compared) < sum(scored_all) / 2


def _store_with_claims(tmp_path: Path, count: int) -> tuple[sqlite3.Connection, list[tuple[str, str]]]:
    """A store whose story ``s`` holds ``count`` claims (dev-news sentences, with their terms and values) that
    joined four clusters in turn; with (cluster, text) in the order they joined."""
    from newsdesk.store import Store

    db = tmp_path / "s.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    stored_claims.functions(conn)
    texts = [m.text for m in _claims()[:count]]
    needed = {
        r["name"]: (0 if "INT" in r["type"].upper() else "x")
        for r in conn.execute("PRAGMA table_info(articles)")
        if r["notnull"] and r["dflt_value"] is None and not r["pk"]
    }
    needed["id"] = "a"
    conn.execute(
        f"INSERT INTO articles ({', '.join(needed)}) VALUES ({', '.join('?' * len(needed))})", list(needed.values())
    )
    claims = [
        Claim(
            text=text,
            start=i,
            end=i + 1,
            values=tuple(values.find(text)),
            terms=extract.terms(text),
            modality=Modality.DENIED if i % 5 == 0 else Modality.ASSERTED,
            slot=f"slot{i % 3}",
        )
        for i, text in enumerate(texts)
    ]
    stored_claims.save(conn, Article(id="a", source="x", text="x", claims=tuple(claims)))
    order = []
    for i, text in enumerate(texts):
        cluster = f"c{i % 4}"
        conn.execute(
            "INSERT OR IGNORE INTO claim_clusters (id, story_id, event_id, slot, text) VALUES (?, 's', NULL, '', '')",
            (cluster,),
        )
        stored_claims.save_clusters(conn, [], [(cluster, claim_id("a", i, i + 1), "a", "supports", i, i + 1)])
        order.append((cluster, text))
    return conn, order


def test_the_store_reads_only_each_storys_last_claims(tmp_path: Path) -> None:
    """``members(latest=K)``: the last K claims to join the story's clusters, in the order they joined."""
    conn, order = _store_with_claims(tmp_path, 30)
    got = stored_claims.members(conn, ["s"], latest=10)
    read = sorted(
        (j, c["id"], claim.text) for c in got for (_, claim, _), j in zip(c["claims"], c["joined"], strict=True)
    )
    assert [(c, t) for _, c, t in read] == order[-10:]
    assert [c["id"] for c in got] == sorted({c for c, _ in order[-10:]}, key=lambda c: int(c[1:]))


class _EveryTerm(match.Story):
    """``remember`` as it was before full lists were tracked: every member walks every term of its reading."""

    def remember(self, member: match.Member, cluster_id: str) -> None:
        key, new = self._number(member, cluster_id)
        if new:
            self._answers.clear()  # (as ``remember`` forgot every answer of ``best`` for a new reading)
        for term in member.terms:
            posting = self.index.setdefault(term, {})
            held = self._held.setdefault(cluster_id, {}).setdefault(term, [])
            if new and len(held) < match.PER_CLUSTER:
                held.append(key)
                posting[key] = cluster_id
                if len(posting) > match.POSTING:
                    self._drop(term, posting)
                continue
            if new:  # left out of the list: matching reads it as such (``_unlisted``, ``_partial``)
                self._unlisted.setdefault(term, set()).add(key)
                self._partial.add(key)
            if held and len(posting) >= match.POSTING and next(reversed(posting)) != held[-1]:
                for kept in held:
                    del posting[kept]
                    posting[kept] = cluster_id


def test_a_repeated_reading_changes_only_full_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """A member that reads as one already indexed skips the terms whose lists are not full: the lists, their
    order and the clusters are those of walking every term of every member."""
    monkeypatch.setattr(match, "POSTING", 40)
    monkeypatch.setattr(match, "PER_CLUSTER", 3)
    members = _claims()
    # Copies: each claim again under another article (the same reading), so repeated readings meet full lists.
    copies = [
        _member(f"{m.article_id}-copy", i, m.text) for i, m in enumerate(members[: len(members) // 3]) if i % 2 == 0
    ]
    fed = [*members, *copies]
    kept, walked = match.Story("s"), _EveryTerm("s")
    for story in (kept, walked):
        for start in range(0, len(fed), BATCH):
            story.extend((m, None) for m in fed[start : start + BATCH])
    assert kept._full  # some lists filled
    assert kept.by_claim == walked.by_claim
    assert {t: list(p.items()) for t, p in kept.index.items()} == {t: list(p.items()) for t, p in walked.index.items()}


def test_matching_reads_the_claims_the_store_gives_for_the_last_claims(tmp_path: Path) -> None:
    """``readings`` gives what matching needs of the claims ``members(latest=K)`` reads, in the same order."""
    conn, _ = _store_with_claims(tmp_path, 30)
    full = stored_claims.members(conn, ["s"], latest=10)
    narrow = stored_claims.readings(conn, ["s"], 10)
    assert [c["id"] for c in narrow] == [c["id"] for c in full]
    assert [c["joined"] for c in narrow] == [c["joined"] for c in full]
    for n, f in zip(narrow, full, strict=True):
        assert {k: n[k] for k in ("story_id", "event_id")} == {k: f[k] for k in ("story_id", "event_id")}
        assert [(i, a, t, v, m, s, x) for i, a, t, v, m, s, x in n["claims"]] == [
            (claim_id(a, c.start, c.end), a, frozenset(c.terms), c.values, str(c.modality), c.slot, c.text)
            for a, c, _ in f["claims"]
        ]


def _verdict_slow(a: tuple[tuple[str, str, str], ...], b: tuple[tuple[str, str, str], ...]) -> str:
    """What ``match._verdict`` answers, from the values themselves: ``relation``, or ``other``."""
    va = [Value(kind=k, value=v, unit=u, text="", start=0, end=0) for k, u, v in a]
    vb = [Value(kind=k, value=v, unit=u, text="", start=0, end=0) for k, u, v in b]
    rel = match.relation(va, vb)
    return "other" if rel == "none" and match._other_quantities(va, vb) else rel


def test_two_claims_agreeing_on_one_sum_and_giving_rival_figures_of_another_are_not_one_claim() -> None:
    def money(*amounts: str) -> list[Value]:
        return [Value(kind="money", value=f"USD {a}", unit="money", text="", start=0, end=0) for a in amounts]

    deal, bid, other_bid, fee = "40000000000", "58200000000", "44500000000", "2100000000"
    assert match.relation(money(bid, deal), money(other_bid, deal)) == "differ"
    assert match.relation(money(bid, deal), money(bid, deal)) == "same"
    assert match.relation(money(bid, deal), money(deal)) == "same"  # one says less: no rival figure
    assert match.relation(money(bid, deal), money(fee, deal)) == "same"  # a fee: another amount
    key = lambda *amounts: tuple(("money", "money", f"USD {a}") for a in amounts)  # noqa: E731
    assert match._verdict(key(bid, deal), key(other_bid, deal)) == "differ"


def test_two_days_differ_and_one_day_is_no_sign_of_one_claim() -> None:
    def dated(unit: str, value: str) -> Value:
        return Value(kind="date", value=value, unit=unit, text="", start=0, end=0)

    monday, thursday = dated("weekday", "monday"), dated("weekday", "thursday")
    a_thursday, a_friday = dated("day", "2026-02-26"), dated("day", "2026-02-27")
    assert match.relation([monday], [a_thursday]) == "differ"  # "launched on Monday", "on Thursday" (26 February)
    assert match.relation([a_friday], [a_thursday]) == "differ"
    # A story's reports tell many things of one day ("granted bail on Friday", "the toll rose on Friday"): the day
    # they share lowers no bar to match on.
    assert match.relation([thursday], [a_thursday]) == "none"
    assert match.relation([thursday], [thursday]) == "none"
    assert match.relation([a_thursday], [a_thursday]) == "none"
    money = Value(kind="money", value="USD 30", unit="money", text="", start=0, end=0)
    assert match.relation([a_thursday, money], [a_thursday, money]) == "same"  # the sum is one
    key = lambda *vs: tuple((v.kind, v.unit, v.value) for v in vs)  # noqa: E731
    assert match._verdict(key(monday), key(a_thursday)) == "differ"
    assert match._verdict(key(thursday), key(a_thursday)) == "none"
    assert match._verdict(key(a_thursday), key(a_thursday)) == "none"


def test_the_verdict_on_two_claims_values_read_by_unit_once_is_their_relation() -> None:
    # Each claim's units are read once (``match._units``) and the pairs compared on them: the verdict of every
    # pair of value keys (bare numbers, dates of three precisions, counts, money, shares, ages) is ``relation``'s.
    pool = [
        (kind, unit, value)
        for kind, unit, options in (
            ("number", "", ("3", "12")),
            ("date", "year", ("2024", "2025")),
            ("date", "month", ("2025-03", "2025-04")),
            ("date", "day", ("2025-03-02", "2025-03-03")),
            ("date", "weekday", ("sunday", "friday")),
            ("count", "people killed", ("12", "14")),
            ("count", "people", ("12", "40")),
            ("count", "storey", ("31",)),
            ("money", "usd", ("4200000000", "4900000000", "30")),
            ("percent", "", ("12",)),
            ("age", "year", ("34", "61")),
            ("duration", "week", ("3",)),
        )
        for value in options
    ]
    rng = random.Random(7)
    keys = {()} | {tuple(rng.sample(pool, rng.randint(1, 3))) for _ in range(400)}
    ordered = sorted(keys)[:160]
    answers: Counter[str] = Counter()
    for a in ordered:
        for b in ordered:
            got = match._verdict(a, b)
            assert got == _verdict_slow(a, b), (a, b)
            # What ``Story._best`` answers without ``_verdict`` where the two share no comparable unit.
            (units_a, quantities_a), (units_b, quantities_b) = match._unit_sets(a), match._unit_sets(b)
            if units_a.isdisjoint(units_b):
                other = bool(quantities_a and quantities_b and quantities_a.isdisjoint(quantities_b))
                assert got == ("other" if other else "none"), (a, b)
            answers[got] += 1
    assert set(answers) == {"none", "same", "differ", "other"}, answers


def test_the_lengths_sift_passes_what_the_tests_on_counts_and_lengths_pass() -> None:
    """``_lengths``: a reading held by ``held`` of the claim's rarest lists and of ``other`` terms passes the sift
    (its length at most the table's, -1 for a reading that gives values where the claim does) exactly where the
    tests of ``Story._best`` that read only those pass it: ``least`` lists, two terms in common at most, both
    claims long enough and the Dice coefficient counting every shared term past the rarest."""
    for size in range(1, 40):
        for beyond in range(0, max(size - 11, 1)):
            lists = min(size - beyond, match.RAREST)
            for least in (1, 2, 3, 5):
                fewest = max(least, 2 - beyond)
                longest = match._lengths(size, beyond, fewest, lists)
                assert len(longest) == lists + 1
                for held in range(lists + 1):
                    most = held + beyond
                    for other in range(0, 60):
                        length = other if other >= match.MIN_TERMS else match._LONGEST
                        words = not (
                            held < least
                            or most < 2
                            or size < match.MIN_TERMS
                            or other < match.MIN_TERMS
                            or 2 * most / (size + other) < match.JOIN_DICE
                        )
                        assert (longest[held] >= length) == words, (size, beyond, least, held, other)
                    # A reading that gives values, for a claim that does, goes on where it has the lists it needs.
                    assert (longest[held] >= -1) == (held >= least and most >= 2)


def test_a_reading_that_shares_one_term_counted_past_the_rarest_is_not_judged_on_its_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where a claim shares terms past its rarest, each candidate's terms in common are counted (in C) before its
    values are judged: a reading that shares a single term never reaches the verdict, one that shares two does (the
    code before judged both, then dropped the first on its count)."""
    monkeypatch.setattr(match, "RAREST", 1)
    judged: list[tuple[tuple[str, str, str], ...]] = []
    verdict = match._verdict

    def counted(a: tuple[tuple[str, str, str], ...], b: tuple[tuple[str, str, str], ...]) -> str:
        judged.append(b)
        return verdict(a, b)

    monkeypatch.setattr(match, "_verdict", counted)

    def member(name: str, words: str, amount: str) -> match.Member:
        money = Value(kind="money", value=f"USD {amount}", unit="USD", text=f"${amount}", start=0, end=1)
        return match.Member(id=name, article_id=name, terms=frozenset(words.split()), values=(money,), negative=False)

    story = match.Story("s")
    # Many other claims counted, so that the claim's few shared terms weigh enough to be worth a look.
    story.count(member(f"other{i}", f"filler{i} more{i} words{i}", "1") for i in range(1_000))
    one = member("one", "alpha yellow yarn yeast yodel", "100")  # shares "alpha" (its rarest) only
    two = member("two", "alpha common zebra zinc zone", "200")  # shares "alpha" and "common" (past the rarest)
    three = member("three", "common wolf wren wasp wind", "300")  # holds "common": "alpha" and "common" tie
    for each in (one, two, three):
        story.count([each])
        story.add(each, None)
    claim = member("claim", "alpha common cat cod cow", "100")
    story.count([claim])
    judged.clear()
    story.best(claim)
    assert two.value_key in judged
    assert one.value_key not in judged


class _Unremembered(match.Story):
    """``best`` working every answer out (the reference for the answers it gives from memory)."""

    def best(self, claim: match.Member) -> tuple[match.Cluster | None, float]:
        if len(claim.terms) < match.MIN_TERMS and not claim.value_key:
            return None, 0.0
        return self._best(claim, 1 if claim.id in self.counted else 0)


def test_answers_given_from_memory_are_those_worked_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """``best`` keeps an answer while the new readings of its story share fewer than two terms with the claim or
    none of its rarest terms, and while the cluster it chose takes no new value (issue 17, decision 0042's revision
    of 2026-12-06, late night): for every claim of stories of copies, shuffled, with values, denials and lists that
    fill up, the cluster and score of working every answer out."""
    monkeypatch.setattr(match, "POSTING", 60)
    monkeypatch.setattr(match, "PER_CLUSTER", 4)
    members = _claims()
    denied = [
        match.Member.of(
            f"denials-{i}",
            Claim(
                text="It is not true that " + m.text,
                start=i,
                end=i + len(m.text),
                values=m.values,
                terms=tuple(m.terms),
                modality=Modality.DENIED,
            ),
        )
        for i, m in enumerate(members[:300:5])
    ]
    recalled = 0
    for seed in range(3):
        fed = [*members, *denied]
        random.Random(seed).shuffle(fed)
        kept, reference = match.Story("s"), _Unremembered("s")
        assert _answer_alike(kept, reference, fed) > len(fed) // 4
        assert kept.by_claim == reference.by_claim
        assert kept._full  # some lists filled up
        recalled += kept.recalled
    assert recalled > 100


class _Counted(match.Story):
    """A story that lists the claims ``best`` works an answer out for."""

    worked: list[str]

    def _best(self, claim: match.Member, own: int) -> tuple[match.Cluster | None, float]:
        self.worked.append(claim.id)
        return super()._best(claim, own)


def test_an_answer_stands_while_what_joins_the_story_cannot_change_it() -> None:
    """A claim asked again after another claim opened a cluster with terms it does not share is answered from memory
    (it was worked out again before); after one that shares its terms, it is worked out again."""
    asked = _member("a", 0, "The ministry said 40 soldiers crossed the northern border near Velta on Friday night.")
    again = _member("a-copy", 0, asked.text)
    other = _member("b", 0, "Farmers in the southern valley harvested record crops of barley and wheat this autumn.")
    rival = _member("c", 0, "The ministry said 75 soldiers crossed the northern border near Velta on Friday night.")
    story = _Counted("s")
    story.worked = []
    story.count([asked, again, other, rival])
    story.add(asked, None)
    chosen, _ = story.best(again)
    assert chosen is not None and chosen.id == story.by_claim[asked.id]
    assert story.worked == [asked.id, again.id]
    story.add(other, None)  # a cluster of its own, no term shared
    assert story.best(again)[0] is chosen
    assert story.worked == [asked.id, again.id, other.id] and story.recalled == 1  # (from memory)
    story.add(rival, None)  # another figure: a cluster of its own, sharing the claim's terms
    assert story.by_claim[rival.id] != chosen.id
    assert story.best(again)[0] is chosen
    assert story.worked[-1] == again.id  # worked out again


def test_a_small_story_is_answered_as_score_answers_with_its_floor() -> None:
    """In a story of two to five claims the floor is ``match.floors(n)`` (decision 0042, revised 2026-12-07): the
    written-out scoring and its cut find the cluster and the score that ``match.score`` finds given the story's
    count, for stories of a few reports of one sentence (copies and shortened copies) and of others beside them."""
    sentences = _sentences()
    rng = random.Random(7)
    answered = 0
    for size in (2, 3, 4, 5):
        for story_no in range(40):
            picked = rng.sample(sentences, 2)
            texts = [picked[0][1], picked[0][1].rsplit(",", 1)[0] + ".", picked[1][1], picked[0][1].lower()]
            fed = [_member(f"{story_no}-{i}", i, texts[i % len(texts)]) for i in range(size)]
            rng.shuffle(fed)
            story, reference = match.Story(f"s{size}-{story_no}"), _ScoredOneByOne(f"s{size}-{story_no}")
            answered += _answer_alike(story, reference, fed)
    assert answered  # some claims of the small stories joined another
