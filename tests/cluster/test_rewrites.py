"""Rewrites of one report: what joins two articles in one origin and what keeps them apart (invented texts)."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

from newsdesk import grouping
from newsdesk.cluster import rewrites
from newsdesk.corpus import Corpus
from newsdesk.extract.attributions import cites
from newsdesk.records import Article, Entity, Quote, SpeakerKind
from newsdesk.settings import Settings
from newsdesk.store import Store
from tests.conftest import shared_path

WIRE = (
    "Rescue crews pulled 43 people from the water after the ferry Marisol capsized near the island of Tavren on "
    "Tuesday, the coast guard said. Eleven passengers were still missing late on Tuesday and divers were searching "
    "the hull, which rests in 19 metres of water. The ferry was carrying 61 passengers and 7 crew on its morning "
    "crossing from the port of Ossin when it listed sharply in strong winds. A fisherman who reached the scene "
    'first said he saw people clinging to cool boxes and life rings. "The sea was full of shouting and nobody '
    'could hear us," said the fisherman, who gave only his first name, Dario. Regional governor Petra Lind said '
    "an inquiry would look at whether the vessel was overloaded. The operator, Tavren Lines, said it was "
    "cooperating with investigators. The crossing usually takes ninety minutes and runs four times a day in summer. "
    "Shipping records show the Marisol was built in a northern yard and renamed after its sale to the operator."
)
# The same report retold by another outlet: new wording, the same facts in the same order, the same numbers.
REWRITE = (
    "The coast guard said rescuers saved 43 people from the sea when the ferry Marisol overturned off Tavren "
    "island on Tuesday. By Tuesday evening eleven passengers remained missing, and divers were checking the hull, "
    "lying in 19 metres of water below the surface. On board were 61 passengers and 7 crew making the morning "
    "crossing from Ossin port when the ship listed hard in high winds. The first to reach the scene, a fisherman, "
    'said people were clinging to cool boxes and life rings. "The sea was full of shouting and nobody could hear '
    'us," said Dario, a fisherman. Governor Petra Lind said an inquiry would examine whether the ferry had been '
    "overloaded. Tavren Lines, which runs the ferry, said it was cooperating with the investigators. The "
    "ninety-minute crossing usually runs four times a day in summer. According to shipping records the Marisol was "
    "built in a northern yard and renamed when the operator bought her."
)
# Two independent reports of the governor's news conference: one event, one public statement quoted by both.
CONFERENCE_A = (
    "Governor Petra Lind promised on Wednesday a full inquiry into the sinking of the ferry Marisol, telling a "
    'news conference in Ossin that "no family will be left without answers from this government". Lind said '
    "the coast guard had sent two patrol boats and a helicopter to the area off Tavren overnight. Relatives "
    "gathered outside the Tavren Lines office at the harbour, where staff taped lists of names to a window. "
    "Forecasters had warned of gusts on the crossing since Monday evening, and two other operators had "
    "cancelled their sailings. The Marisol passed its last safety check in March, the maritime agency said."
)
CONFERENCE_B = (
    'At a crowded news conference in Ossin on Wednesday, Governor Petra Lind said "no family will be left '
    'without answers from this government" and announced an inquiry into the capsizing of the Marisol off '
    "Tavren. The harbour master told reporters the ferry had left on time and had been cleared to sail. Local "
    "radio stations read out a helpline number through the morning, and a church near the port opened its "
    "doors to families. Opposition councillors asked why the route still used a ship built three decades ago. "
    "Tavren Lines has not said how many tickets were sold for the crossing."
)


def _profile(text: str, cites: tuple[str, ...] = ()) -> rewrites.Profile:
    return rewrites.profile(text, cites)


def test_a_rewrite_of_one_report_is_found_with_its_evidence() -> None:
    evidence = rewrites.compare(_profile(WIRE), _profile(REWRITE))
    assert evidence is not None
    # Most sentences are told in the same order, and the particular numbers are the same.
    assert evidence.aligned >= 0.5
    assert {"43", "19", "61"} <= set(evidence.numbers)
    assert evidence.quotes >= 1
    assert 0 < evidence.confidence <= 1
    # Each passage is a span of the first text that the second text also holds, word for word, outside quotes.
    for start, end in evidence.passages:
        assert " ".join(WIRE[start:end].split()).casefold() in " ".join(REWRITE.split()).casefold()


def test_two_reports_of_one_news_conference_quoting_one_statement_are_two_origins() -> None:
    assert rewrites.compare(_profile(CONFERENCE_A), _profile(CONFERENCE_B)) is None
    # Crediting the same outlet for one detail does not make them one report either.
    credited = ("Radio Caldera",)
    assert rewrites.compare(_profile(CONFERENCE_A, credited), _profile(CONFERENCE_B, credited)) is None


def test_a_report_and_an_independent_one_on_the_same_event_are_two_origins() -> None:
    assert rewrites.compare(_profile(WIRE), _profile(CONFERENCE_A)) is None
    assert rewrites.compare(_profile(REWRITE), _profile(CONFERENCE_B)) is None


def test_quoted_words_are_no_passage() -> None:
    profile = _profile('The minister said "we will rebuild every house in the valley" on Monday.')
    assert all("rebuild" not in (w or "") for w in profile.words)
    assert ("we", "will", "rebuild", "every", "house") in profile.quoted


def _ingest(tmp_path: Path, items: list[dict[str, str]], corpus: Corpus | None = None) -> dict[str, dict[str, str]]:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    corpus = corpus or Corpus(Store(":memory:"))
    corpus.ingest([path])
    return {r["outlet"]: r for r in corpus.articles()}


def test_a_wire_rewrite_joins_its_source_in_one_origin_named_by_the_earliest(tmp_path: Path) -> None:
    corpus = Corpus(Store(":memory:"))
    rows = _ingest(
        tmp_path,
        [
            {"text": REWRITE, "outlet": "Dastmar Courier", "published": "2026-03-03T12:00:00+00:00"},
            {"text": WIRE, "outlet": "Veloria Ledger", "published": "2026-03-03T09:00:00+00:00"},
            {"text": CONFERENCE_A, "outlet": "Harbour Gazette", "published": "2026-03-04T10:00:00+00:00"},
            {"text": CONFERENCE_B, "outlet": "Radio Caldera", "published": "2026-03-04T11:00:00+00:00"},
        ],
        corpus,
    )
    courier, ledger = rows["Dastmar Courier"], rows["Veloria Ledger"]
    assert courier["duplicate_of"] is None  # no copy: the words differ
    assert courier["origin"] == ledger["origin"] == ledger["id"]
    gazette, caldera = rows["Harbour Gazette"], rows["Radio Caldera"]
    assert gazette["origin"] != caldera["origin"]
    assert ledger["origin"] not in {gazette["origin"], caldera["origin"]}
    # The rewrite keeps why it joined: the article it retells, a confidence, and passages of its own text.
    why = corpus.related(courier["id"])["origin_evidence"]
    assert why["other"] == ledger["id"] and 0 < why["confidence"] <= 1
    text = corpus.article(courier["id"]).text
    assert why["evidence"]["passages"] and all(text[a:b] for a, b in why["evidence"]["passages"])
    assert {"43", "61"} <= set(why["evidence"]["numbers"])
    assert corpus.related(ledger["id"])["origin_evidence"] is None
    assert corpus.related(gazette["id"])["origin_evidence"] is None


class _EmptyStore:
    """A store with nothing in it yet: every article of the batch is new."""

    def event_origins(self, event_ids: object) -> dict[str, list[tuple[str, None, None, None]]]:
        return {}

    def articles(self, ids: object = None, *, extracts: bool = True) -> list[Article]:
        return []

    def features(self, ids: object) -> dict[str, bytes]:
        return {}

    def credits(self, ids: object) -> dict[str, object]:
        return {}


def test_an_aggregator_crediting_two_outlets_does_not_chain_their_origins() -> None:
    batch = [
        Article(id="a", source="a", text=CONFERENCE_A, event_id="e", cites=("Harbour Gazette",)),
        Article(id="b", source="b", text=CONFERENCE_B, event_id="e", cites=("Radio Caldera",)),
        Article(
            id="c",
            source="c",
            text="Governor Petra Lind promised an inquiry into the sinking of the Marisol, according to a report in "
            "the Harbour Gazette. Families waited in Ossin, according to a report by Radio Caldera.",
            event_id="e",
            cites=("Harbour Gazette", "Radio Caldera"),
        ),
    ]
    changed, _ = grouping.origins(batch, _EmptyStore(), Settings())  # type: ignore[arg-type]
    assert {a.id: a.origin for a in changed} == {"a": "a", "b": "b", "c": "c"}


def test_times_of_day_and_small_numbers_are_no_figures_of_a_report() -> None:
    text = "At 11:45 a.m. and again at 7 pm, 4,600 people and 3 dogs left; the 71-year-old paid 27.75 in 2024."
    assert _profile(text).numbers == {"4600", "71", "27.75"}


# The wire report as another outlet carries it, naming the wire's photographer, and a loose rewrite of it: new
# sentences in a new order, a few phrases and every figure kept, and the same photographer credited.
CARRIED = WIRE + (
    " Veloria Ledger photographer Ana Ruiz said the hull was still visible from the breakwater when she reached the "
    "harbour an hour later."
)
LOOSE = (
    "One picture now stands for the loss of the Marisol. Taken by Veloria Ledger photographer Ana Ruiz, it shows "
    "a fisherman in a small boat reaching for a woman in the waves off Tavren. The ferry had 61 passengers and 7 "
    "crew aboard for the morning crossing from Ossin, and 43 of them were rescued by the coast guard. Eleven were "
    "still unaccounted for as night fell, while divers worked on the hull, resting 19 metres down. Survivors "
    "described people clinging to cool boxes and life rings as the ship tipped in a gale. Governor Petra Lind "
    "has promised an inquiry into whether the Marisol carried too many people."
)


def _credited(text: str) -> rewrites.Profile:
    return rewrites.profile(text, cites(text))


def test_a_loose_rewrite_crediting_the_wire_photographer_joins_the_wire_report() -> None:
    evidence = rewrites.compare(_credited(CARRIED), _credited(LOOSE))
    assert evidence is not None and evidence.credit == "Veloria Ledger"
    assert {"19", "43", "61"} <= set(evidence.numbers)
    # The same texts without the credit: a few phrases and the figures are what reports of one event share.
    assert rewrites.compare(_profile(CARRIED), _profile(LOOSE)) is None


def test_an_independent_report_naming_the_same_wire_photograph_stays_apart() -> None:
    other = CONFERENCE_A + " A Veloria Ledger photograph of the families at the harbour went viral."
    assert cites(other) == ("Veloria Ledger",)
    assert rewrites.compare(_credited(other), _credited(LOOSE)) is None
    assert rewrites.compare(_credited(other), _credited(CARRIED)) is None


# An agency's report from the hospitals after a fire, quoting a relative who spoke to it, and the same report
# translated into another language and back: every name re-spelled (Osei -> Mr. Osey, Adaeze -> Ms. Adaize), the
# quote re-worded, a few figures and one phrase kept, the agency credited. Without the interview the two hold too
# little (a credit, one phrase, two figures) for one origin; a relative quoted by both as speaking to the agency is
# the agency's own interview (the linker gives the two spellings one entity, decision 0030).
SEARCH = (
    "It has been three days since Amadi Osei last heard from his aunt, who lived on the 19th floor of the "
    "Lantern Court block that burned on Monday, but he is not ready to give up. The fire killed at least 57 "
    "people, and officials said on Thursday that 140 residents were still unaccounted for. Osei and his "
    "cousin have spent two days walking between the city's hospitals and an identification centre, where "
    "families look through pictures of the dead. \"Every photograph is someone's mother, and I am afraid of "
    'the next one," Osei told Veloria Ledger. The two visited the centre twice before a nurse at the '
    "Riverside Infirmary told them that no hospital had admitted the woman. At the infirmary, a 44-year-old "
    'woman named Adaeze wept after searching for her two nephews. "We keep asking and nobody has an answer '
    'for us," she said.'
)
ROUND_TRIP = (
    "Since the blaze at the Lanteen Court housing block on the 3rd, at least 57 people have died, and many "
    "families are going back and forth between hospitals and the deceased identification station to find "
    "their relatives. According to a Veloria Ledger report, at one hospital a 44-year-old woman, Ms. Adaize, "
    "cried because she could not find her two nephews. A 46-year-old man said he saw his 70-year-old father "
    "on a stretcher in a news video. Mr. Osey has not been able to reach his aunt for three full days. "
    "Together with his cousin he went to the deceased identification station, viewing photos of those who "
    "died. After two visits to the station, he also learned no hospital had admitted the woman. Mr. Osey "
    "told Veloria Ledger: “Each photo is somebody's mother, I fear the next one very much.” Volunteers from a "
    "residents' association are offering comfort to the families waiting outside the mortuary."
)
# Another agency story days later, quoting the same relative as speaking to the agency, and little else alike.
DEMANDS = (
    "Residents of the Lantern Court estate gathered outside the district office on Friday to demand answers "
    "about the cladding on the block, four days after the fire. Amadi Osei, whose aunt is still missing, "
    'told Veloria Ledger that he wanted an inquiry. "Someone approved that scaffolding and someone must explain '
    'it," Osei said. Officials promised to publish the inspection records within a week, and the housing '
    "minister visited the site."
)
AGENCY = "Veloria Ledger"


def _told(text: str, interviews: set[tuple[str, str]]) -> rewrites.Profile:
    return rewrites.profile(text, cites(text), interviews)


def test_a_translation_round_trip_joins_its_source_by_the_interview_both_retell() -> None:
    told = {("relative-1", AGENCY)}
    evidence = rewrites.compare(_told(ROUND_TRIP, told), _told(SEARCH, told))
    assert evidence is not None and evidence.interviews == 1 and evidence.credit == AGENCY
    # Without the interview (or with another person's), the credit, a phrase and two figures are not enough.
    assert rewrites.compare(_told(ROUND_TRIP, set()), _told(SEARCH, told)) is None
    assert rewrites.compare(_told(ROUND_TRIP, {("relative-2", AGENCY)}), _told(SEARCH, told)) is None
    # Nor the same person speaking to another outlet.
    assert rewrites.compare(_told(ROUND_TRIP, {("relative-1", "Radio Caldera")}), _told(SEARCH, told)) is None


def test_the_same_interview_and_credit_alone_join_nothing() -> None:
    told = {("relative-1", AGENCY)}
    # A later story of the same agency quoting the same relative: a credit and an interview, no passage.
    assert rewrites.compare(_told(DEMANDS, told), _told(SEARCH, told)) is None
    assert rewrites.compare(_told(DEMANDS, told), _told(ROUND_TRIP, told)) is None


def test_an_interview_and_its_quoted_words_count_once() -> None:
    # Two reports of one news conference that each quote the same line of the governor's interview with the agency
    # (the same words, so a shared quote) and credit the agency: the interview adds nothing its words did not.
    told = {("governor", AGENCY)}
    line = ' Lind told Veloria Ledger: "Every family on that ferry will have its answer by the spring."'
    quoted = rewrites.compare(_told(CONFERENCE_A + line, set()), _told(CONFERENCE_B + line, set()))
    both = rewrites.compare(_told(CONFERENCE_A + line, told), _told(CONFERENCE_B + line, told))
    assert quoted is None and both is None
    a, b = _told(CONFERENCE_A + line, told), _told(CONFERENCE_B + line, told)
    assert a.quoted & b.quoted and a.interviews & b.interviews and a.credits & b.credits  # the case in point


def _quote(
    text: str,
    article: str,
    speaker: str,
    entity: str | None,
    via: tuple[str, ...],
    kind: SpeakerKind = SpeakerKind.PERSON,
) -> Quote:
    start = article.index(text)
    return Quote(
        text=text,
        start=start,
        end=start + len(text),
        speaker=speaker,
        speaker_kind=kind,
        speaker_entity_id=entity,
        via=via,
    )


def test_the_origins_stage_reads_interviews_from_linked_speakers_credited_to_an_outlet() -> None:
    said = "Every photograph is someone's mother, and I am afraid of the next one"
    retold = "Each photo is somebody's mother, I fear the next one very much."
    source = Article(
        id="a",
        source="a",
        text=SEARCH,
        event_id="e",
        cites=cites(SEARCH),
        quotes=(_quote(said, SEARCH, "Osei", "relative-1", (AGENCY,)),),
    )

    def translated(entity: str | None, via: tuple[str, ...]) -> Article:
        quote = _quote(retold, ROUND_TRIP, "Mr. Osey", entity, via)
        return Article(id="b", source="b", text=ROUND_TRIP, event_id="e", cites=cites(ROUND_TRIP), quotes=(quote,))

    assert grouping._interviews(source) == {("relative-1", AGENCY)}
    # An outlet's own report ("the Ledger reported ...") is no interview.
    reported = _quote(said, SEARCH, "The Veloria Ledger", "outlet-1", (AGENCY,), SpeakerKind.DOCUMENT)
    assert not grouping._interviews(Article(id="c", source="c", text=SEARCH, quotes=(reported,)))
    joined, _ = grouping.origins([source, translated("relative-1", (AGENCY,))], _EmptyStore(), Settings())  # type: ignore[arg-type]
    assert {a.id: a.origin for a in joined} == {"a": "a", "b": "a"}
    # A speaker no entity holds, or a quote credited to nobody, is no interview.
    for entity, via in ((None, (AGENCY,)), ("relative-1", ())):
        assert not grouping._interviews(translated(entity, via))
        apart, _ = grouping.origins([source, translated(entity, via)], _EmptyStore(), Settings())  # type: ignore[arg-type]
        assert {a.id: a.origin for a in apart} == {"a": "a", "b": "b"}


def test_a_packed_profile_is_the_profile_of_the_text() -> None:
    # What the features stage stores of an article's profile (its text part) unpacks to the very profile origins
    # would work out from the text: the same comparisons, whichever way a member's profile came.
    path = shared_path("data", "ecbplus", "topics-1-35.jsonl")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()[:120] if line.strip()]
    for text in texts:
        unpacked = rewrites.unpack(rewrites.pack(rewrites.wording(text)))
        assert unpacked == rewrites.profile(text)
        assert dataclasses.replace(unpacked, credits=frozenset({AGENCY})) == rewrites.profile(text, (AGENCY,))
    assert rewrites.unpack(b"") is None
    assert rewrites.unpack(bytes((rewrites.PACKED + 1,)) + rewrites.pack(rewrites.wording(texts[0]))[1:]) is None


def test_the_store_reads_credits_and_interviews_as_the_origins_stage_finds_them() -> None:
    # What origins reads of a stored member beside its packed profile (Store.credits, without its text or quotes)
    # is what it finds in the member read whole: its credits, and the persons it quotes as speaking to an outlet.
    said = "Every photograph is someone's mother, and I am afraid of the next one"
    retold = "Each photo is somebody's mother, I fear the next one very much."
    person = _quote(said, SEARCH, "Osei", "relative-1", (AGENCY,))
    outlet = _quote(retold, ROUND_TRIP, "The Veloria Ledger", "outlet-1", (AGENCY,), SpeakerKind.DOCUMENT)
    articles = [
        Article(id="a", source="a", text=SEARCH, cites=cites(SEARCH), quotes=(person,)),
        Article(id="b", source="b", text=ROUND_TRIP, cites=cites(ROUND_TRIP), quotes=(outlet,)),
    ]
    store = Store(":memory:")
    store.add(articles)
    people = [Entity(id=i, name=n, type="PERSON") for i, n in (("relative-1", "Osei"), ("outlet-1", "Ledger"))]
    store.update([], stage="entities", state={"entities": people})
    store.update(articles, stage="quotes", produces=("article.mentions", "article.quotes"))
    stored = {a.id: a for a in store.articles(["a", "b"])}
    assert grouping._interviews(stored["a"]) == {("relative-1", AGENCY)} and stored["b"].quotes
    assert store.credits(["a", "b"]) == {a.id: (a.cites, grouping._interviews(a)) for a in stored.values()}


def _aligned_one_by_one(a: rewrites.Profile, b: rewrites.Profile) -> float:
    """``rewrites._aligned`` as it was written before its counts were made in C: the rule it answers for."""
    import bisect
    from collections import Counter

    short, long = (a.sentences, b.sentences) if len(a.sentences) <= len(b.sentences) else (b.sentences, a.sentences)
    if len(short) < rewrites.MIN_SENTENCES:
        return 0.0
    holders: dict[str, list[int]] = {}
    for j, other in enumerate(long):
        for stem in other:
            holders.setdefault(stem, []).append(j)
    matched = []
    for sentence in short:
        counts: Counter[int] = Counter()
        for stem in sentence:
            counts.update(holders.get(stem, ()))
        best, where = 0.0, -1
        for j, n in sorted(counts.items()):
            overlap = n / min(len(sentence), len(long[j]))
            if overlap > best:
                best, where = overlap, j
        if best >= rewrites.SENTENCE_MATCH:
            matched.append(where)
    tails: list[int] = []
    for where in matched:
        k = bisect.bisect_left(tails, where)
        tails[k : k + 1] = [where]
    return len(tails) / len(short)


def test_grams_and_aligned_sentences_are_those_of_the_loops_they_replace() -> None:
    """The runs of words (told apart from names in C) and the sentences aligned (counted in C) of real articles,
    each against the others, are those the word-by-word loops gave."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("dev-news").glob("*.txt"))]
    found = [rewrites.wording(t) for t in [*texts, WIRE, REWRITE]]
    for p in found:
        shifted = zip(*(p.words[k:] for k in range(rewrites.RUN)), strict=False)
        assert p.grams == frozenset(g for g in set(shifted) if None not in g)
    got = [(rewrites._aligned(a, b), _aligned_one_by_one(a, b)) for a in found for b in found]
    assert all(x == y for x, y in got)
    assert sum(x > 0 for x, _ in got) > len(found)  # pairs beyond each text with itself align some sentences


def _passages_word_by_word(
    a: rewrites.Profile, shared: frozenset[tuple[str | None, ...]]
) -> tuple[list[tuple[int, int]], int]:
    """``rewrites._passages`` as it was: a tuple made and looked up at every word."""
    runs: list[tuple[int, int]] = []
    weight = 0
    i, n = 0, len(a.words)
    while i <= n - rewrites.RUN:
        if tuple(a.words[i : i + rewrites.RUN]) in shared:
            j = i + rewrites.RUN
            while j < n and tuple(a.words[j - rewrites.RUN + 1 : j + 1]) in shared:
                j += 1
            runs.append((i, j))
            weight += max(0, j - i - rewrites.FREE)
            i = j
        else:
            i += 1
    return runs, weight


def test_passages_are_those_of_the_word_by_word_walk() -> None:
    """The shared runs of words of real articles, each against the others (and against random shares of its own
    grams, so that runs start inside the words a run skips, and runs end at the text's end), are those of the walk
    word by word that they replace."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("dev-news").glob("*.txt"))]
    found = [rewrites.wording(t) for t in [*texts, WIRE, REWRITE]]
    rng = random.Random(5)
    shares = [(a, a.grams & b.grams) for a in found for b in found]
    for a in found:
        grams = sorted(a.grams, key=str)
        for keep in (0.3, 0.7, 0.95):
            shares.append((a, frozenset(g for g in grams if rng.random() < keep)))
    with_runs = 0
    for a, shared in shares:
        got = rewrites._passages(a, shared)
        assert got == _passages_word_by_word(a, shared)
        with_runs += bool(got[0])
    assert with_runs > len(found)
    short = rewrites.wording("One two three.")  # fewer words than a run
    assert rewrites._passages(short, short.grams) == _passages_word_by_word(short, short.grams) == ([], 0)
