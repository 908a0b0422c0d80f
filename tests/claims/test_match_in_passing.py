"""What a sentence says in passing, in a relative clause set off by a comma, weighs nothing when its claim is matched
(decision 0013, revised 2026-12-07, fourth session, h-cp51). The claims stage marks those terms (``Claim.passing``),
names and their entities too, where the words still have their places; matching leaves them out of each claim's
weight and of what two claims share. "The ministry called on Orlan to extradite Ana Ruiz, who was also sentenced to
death" asks for an extradition and is no report of the sentence; "Ana Ruiz, who is also in Orlan, was sentenced to
death" reports the sentence, and where she is weighs nothing against another report of it. Sentences written for
these tests (invented people and places)."""

from __future__ import annotations

import dataclasses

from newsdesk.claims import extract, match
from newsdesk.records import Article, Claim, Mention
from tests.claims.test_match_agents import _apart


def _mentions(text: str, names: tuple[str, ...], entity: dict[str, str]) -> tuple[Mention, ...]:
    """Each of ``names`` a mention of an entity (``entity`` gives another spelling's entity: one person)."""
    return tuple(
        Mention(
            text=n,
            start=text.index(n),
            end=text.index(n) + len(n),
            type="PERSON",
            entity_id=entity.get(n, n.replace(" ", "")),
        )
        for n in sorted(names, key=text.index)
    )


def _claim(text: str, names: tuple[str, ...], entity: dict[str, str] | None = None) -> Claim:
    """The claim the claims stage makes of ``text`` (a one-sentence article) with ``names`` as linked mentions."""
    article = Article(id="a", source="x.txt", text=text, raw=text, mentions=_mentions(text, names, entity or {}))
    (found,) = extract.find(article)
    return found


RUIZ = {"Ana Ruiz Marin": "AnaRuiz"}  # one person, two spellings: two name keys, one entity
SENTENCED = _claim("Ana Ruiz, who is also in Orlan, was sentenced to death by the tribunal.", ("Ana Ruiz", "Orlan"))
ALSO = _claim(
    "Besides Tomas Berg, Ana Ruiz Marin of Vessland was also sentenced to death.",
    ("Tomas Berg", "Vessland", "Ana Ruiz Marin"),
    RUIZ,
)
EXTRADITE = _claim(
    "After the verdict, the Vessland foreign ministry called on Orlan to extradite Ana Ruiz Marin, who was also "
    "sentenced to death.",
    ("Vessland", "Orlan", "Ana Ruiz Marin"),
    RUIZ,
)


def _member(article: str, claim: Claim, marked: bool = True) -> match.Member:
    """``claim`` as matching sees it (``marked``: with its terms in passing, as the claims stage marks them)."""
    return match.Member.of(article, claim if marked else dataclasses.replace(claim, passing=()))


def test_the_claims_stage_marks_the_terms_a_relative_clause_alone_gives() -> None:
    # A place named in passing: its key and its entity, which has no place in the stored terms.
    assert SENTENCED.passing == ("#orlan", "@Orlan")
    assert {"#orlan", "@Orlan"} <= set(SENTENCED.terms)
    # The predicate told in passing; Orlan, named in the main clause, is no term in passing there.
    assert EXTRADITE.passing == ("sentenc", "death")
    assert ALSO.passing == ()


def test_a_term_the_sentence_also_gives_outside_the_clause_is_not_in_passing() -> None:
    text = "Ana Ruiz was sentenced in Orlan, which sentenced Tomas Berg to death last year."
    mentions = _mentions(text, ("Ana Ruiz", "Orlan", "Tomas Berg"), {})
    found = extract.terms(text, 0, mentions)
    assert extract.in_passing(text, 0, mentions, found) == ("#tb", "@TomasBerg", "death", "last", "year")
    # No relative clause set off by a comma: nothing in passing ("who" asking, or with no comma before it).
    for plain in ("Orlan's court, not the ministry, sentenced Ana Ruiz.", "Ana Ruiz who fled Orlan was sentenced."):
        got = _mentions(plain, ("Orlan", "Ana Ruiz"), {})
        assert extract.in_passing(plain, 0, got, extract.terms(plain, 0, got)) == ()


def test_a_predicate_told_in_passing_is_no_report_of_it() -> None:
    for other in (SENTENCED, ALSO):
        assert match.score(_member("a", EXTRADITE), _member("b", other)) == 0.0
        assert match.score(_member("b", other), _member("a", EXTRADITE)) == 0.0
        assert _apart(_member("a", EXTRADITE), _member("b", other))
    # Unmarked, the shared words of its relative clause joined it with the reports of the sentence.
    assert match.score(_member("a", EXTRADITE, False), _member("b", SENTENCED, False)) > 0.0


def test_a_place_named_in_passing_weighs_nothing_against_another_report_of_the_fact() -> None:
    # Two reports of one sentence, the person spelt two ways (one entity): where she is, told in passing by one of
    # them, no longer takes its share of the claim's weight under what they must share.
    assert match.score(_member("a", SENTENCED), _member("b", ALSO)) > 0.0
    assert not _apart(_member("a", SENTENCED), _member("b", ALSO))
    assert match.score(_member("a", SENTENCED, False), _member("b", ALSO, False)) == 0.0


def test_a_reading_with_other_terms_in_passing_is_another_reading() -> None:
    # A story indexes a claim once for every copy that reads alike: the same terms with other terms in passing
    # weigh otherwise, so they are two readings (``_apart`` above asks the indexed story, ``Story._best``).
    marked, unmarked = _member("a", SENTENCED), _member("d", SENTENCED, False)
    assert unmarked.terms == marked.terms and unmarked.weighed != marked.weighed
    story = match.Story("s")
    assert story._key(unmarked, "c") != story._key(marked, "c")


def test_a_name_given_in_passing_weighs_against_a_claim_that_names_it_too() -> None:
    # The relative clause names what the offer is for; the other report names it in its own words.
    offer = _claim(
        "Velmar said it would offer $30 per share for the media group, which owns the Tessaro film studio, the cable "
        "channel Brightline, the streaming service Brightline Max and a portfolio of cable brands.",
        ("Velmar", "Tessaro", "Brightline", "Brightline Max"),
    )
    direct = _claim(
        "Velmar is making a direct cash offer to Tessaro shareholders of $30 per share.", ("Velmar", "Tessaro")
    )
    assert {"#tessaro", "@Tessaro"} <= set(offer.passing)
    mine, theirs = match._weighed(_member("a", offer), _member("b", direct))
    assert {"#tessaro", "@Tessaro"} <= mine & theirs and "studio" not in mine
    assert match.score(_member("a", offer), _member("b", direct)) > 0.0
    assert not _apart(_member("a", offer), _member("b", direct))
