"""What a sentence says in passing, in a relative clause set off by a comma, is not its claim (decision 0013,
revised 2026-12-07, third session): "the ministry called on Orlan to extradite Ana Ruiz, who was also sentenced to
death" asks for an extradition; it is no report of the sentence, and two claims about one person with two
predicates (extradited, sentenced) are two claims. Sentences written for these tests."""

from __future__ import annotations

from newsdesk.claims import match, roles
from tests.claims.test_match_agents import _apart, _member

SENTENCED = _member(
    "a",
    "Former interior minister Ana Ruiz, who is also in Orlan, was sentenced to death by the Harbour tribunal.",
    ("Ana Ruiz", "Orlan", "Harbour"),
    linked=True,
)
EXTRADITE = _member(
    "b",
    "After the verdict was read, the Vessland foreign ministry called on Orlan to extradite Ana Ruiz, who was also "
    "sentenced to death by the Harbour tribunal.",
    ("Vessland", "Orlan", "Ana Ruiz", "Harbour"),
    linked=True,
)
AGAIN = _member(
    "c",
    "Ana Ruiz, who fled to Orlan last year, was sentenced to death by the Harbour tribunal in her absence.",
    ("Ana Ruiz", "Orlan", "Harbour"),
    linked=True,
)
# The same figure's setting told in passing: the estate is the same, what is claimed of it is not.
LIVE = _member(
    "d",
    "More than 4,600 people live in the Carvel estate, which was wrapped in bamboo scaffolding and green mesh.",
    ("Carvel",),
)
CONCERNS = _member(
    "e",
    "Concerns raised last year included the flammability of the green mesh covering the bamboo scaffolding around the "
    "Carvel towers.",
    ("Carvel",),
)


def test_a_predicate_told_in_a_relative_clause_is_no_report_of_it() -> None:
    common = EXTRADITE.terms & SENTENCED.terms
    assert roles.in_passing(EXTRADITE.text, SENTENCED.text, common)
    assert match.score(EXTRADITE, SENTENCED) == 0.0
    assert match.score(SENTENCED, EXTRADITE) == 0.0
    assert _apart(EXTRADITE, SENTENCED)


def test_a_relative_clause_beside_the_claim_it_shares_keeps_the_match() -> None:
    # Both say she was sentenced to death in their main clauses; where she is, each tells in passing.
    assert not roles.in_passing(SENTENCED.text, AGAIN.text, SENTENCED.terms & AGAIN.terms)
    assert match.score(SENTENCED, AGAIN) > 0.0
    assert not _apart(SENTENCED, AGAIN)


def test_a_setting_described_in_passing_joins_no_other_claim_about_it() -> None:
    assert roles.in_passing(LIVE.text, CONCERNS.text, LIVE.terms & CONCERNS.terms)
    assert match.score(LIVE, CONCERNS) == 0.0
