"""Which outlets an article credits for its reporting."""

from __future__ import annotations

import pytest

from newsdesk.extract.attributions import canonical_outlet, cites, wire

CASES = [
    ("According to a CNN report citing unnamed sources, officials fear the plan.", ("CNN",)),
    ("The US may be open to it, according to a report by Bloomberg. This is new.", ("Bloomberg",)),
    ("According to a report in theTelegraph, the USA is prepared.", ("The Telegraph",)),
    ('Yermak told "The Atlantic" magazine: "No sensible person would sign."', ("The Atlantic",)),
    ("The Kremlin has no plans, writes the Telegraph.", ("The Telegraph",)),
    ("The Telegraph reported the information.", ("The Telegraph",)),
    ("Varga described it as fair, the Veloria Ledger reported.", ("Veloria Ledger",)),
    (
        "according to reports from the Veloria Ledger and the Meridian Press Agency.",
        ("Veloria Ledger", "Meridian Press Agency"),
    ),
    ("VESSA, June 16 (MPA) - Dastmar's delegation walked out.", ("MPA",)),
    # The AP's dateline: a city in capitals, then its region.
    ("PORT ILSE, Upper Orla Islands (AP) — There was no handshake at the pier.", ("Associated Press",)),
    ("KESTROVA, Veloria (AP) — The ferry strike ended.", ("Associated Press",)),
    # Credit lines and agency datelines as wire copy carries them.
    ("[Source: Reuters] Harbour police arrested two men on Friday.", ("Reuters",)),
    ("The pier reopened on Monday.\nSource: Veloria Ledger", ("Veloria Ledger",)),
    ("Vessa, Jun 16 (MPA) Dastmar's delegation walked out.", ("MPA",)),
    ("Vessa [Corvania], June 16 (PTI): Dastmar's delegation walked out.", ("Press Trust of India",)),
    # The agency alone opening a paragraph, as a network's affiliates run its reports.
    ("(CNN) — The harbour deal was struck on Saturday.", ("CNN",)),
    ("By Ada Roe, HWN\n(HWN) - The harbour deal was struck on Saturday.", ("HWN",)),
    ("(Updated) — The harbour deal was struck on Saturday.", ()),
    ("A port official told PTI the talks would resume.", ("Press Trust of India",)),
    # Not credits: a source who is a person, a bracket that is not at the start of a dateline.
    ("Source: a port official who asked not to be named.", ()),
    ("The Vessa Port Authority (VPA) said the pier reopened.", ()),
    ("Officials had briefed theHarbour Gazette earlier in the week.", ("Harbour Gazette",)),
    # Not outlets: officials, governments, people, reporters.
    ("According to US officials, the framework offers protection.", ()),
    ("Trump told reporters the talks would go on.", ()),
    ("According to the report, the issues will be clarified later.", ()),
    ("According to NATO, the alliance is ready.", ()),
    ("A Pentagon report said the opposite.", ()),
    ("She told Radio listeners nothing.", ()),
    # Speaking to an outlet, and the outlet's own staff or pictures: its reporting, whatever the verb.
    ("The harbourmaster's daughter spoke to Reuters while divers searched the pier.", ("Reuters",)),
    ("Two crew members talked with the Veloria Ledger on Friday.", ("Veloria Ledger",)),
    ("Reuters photographer Lena Holt said she reached the pier an hour later.", ("Reuters",)),
    ("AFP journalists counted eleven boats at the scene.", ("Agence France-Presse",)),
    ("The picture was captured by Reuters photographer Lena Holt.", ("Reuters",)),
    ("The harbourmaster told a Politico reporter the pier was safe.", ("Politico",)),
    ("The moment was captured in a Reuters photograph that went viral.", ("Reuters",)),
    ("An AP video showed the crane falling.", ("Associated Press",)),
    # Not credits: staff, pictures or talks with no outlet's name, or a name that is no outlet.
    ("A photographer at the scene said the crane fell.", ()),
    ("The Harbour Police photographer took pictures.", ()),
    ("She spoke with the Harbour Authority on Monday.", ()),
    ("The Varga photo went viral.", ()),
    ("Officials spoke to reporters after the meeting.", ()),
    # Staff who are the news, not its source.
    ("A CNN reporter coordinated with the mayor's staff.", ()),
    ("Veloria Ledger reporter Ana Ruiz was criticised by the mayor.", ()),
    # Outlets 2025-26 news credits without a media word in their names; their words written as words are none.
    ("Sources close to the minister told CNN-News18 that the ruling was wrong.", ("CNN-News18",)),
    ("The harbourmaster told NDTV the pier was safe.", ("NDTV",)),
    ("According to Al Arabiya, the talks resumed.", ("Al Arabiya",)),
    ("The envoy told India Today the port would reopen.", ("India Today",)),
    ("The envoy said India today would reopen the port.", ()),
    ("The envoy said that at times now the port is closed.", ()),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cites(text: str, expected: tuple[str, ...]) -> None:
    assert cites(text) == expected


def test_own_outlet_is_not_a_citation() -> None:
    text = "Ashby said in an interview with Radio Caldera. According to the Veloria Ledger, fines follow."
    assert cites(text, own_outlet="radiocaldera.example") == ("Veloria Ledger",)
    assert cites(text, own_outlet="Radio Caldera") == ("Veloria Ledger",)


def test_each_outlet_once_in_order_of_first_mention() -> None:
    text = "According to the Telegraph, x. CNN reported y. The story was also told to the Telegraph."
    assert cites(text) == ("The Telegraph", "CNN")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the Telegraph", "The Telegraph"),
        ("Daily Telegraph", "The Telegraph"),
        ("AFP", "Agence France-Presse"),
        ("Harbour Gazette newspaper", "Harbour Gazette"),
        ("Donald Trump", None),
        ("Radio", None),
        ("", None),
    ],
)
def test_canonical_outlet(name: str, expected: str | None) -> None:
    assert canonical_outlet(name) == expected


# -- patterns tried only where their matches can start (decision 0053, revision of 2026-12-05, late night) ---------

_GATED_EDGES = [
    "According to a report in The Harbour Gazette, and according to the Ledger; xaccording to Reuters.",
    "As reported by the Times, as revealed by CNN, first reported by Radio Caldera; afirst reported by the Post.",
    "The minister told Reuters and briefed the Ledger Wire; he wrote The Gazette, says Radio Caldera, quoted AP.",
    "Citing Bloomberg, writing CNN, speaking to the BBC, Speaking to Radio Caldera, spoke with AFP, talking to AP.",
    "reports from Reuters and the BBC, reporting by AP, report in The Gazette, unreported by Radio Caldera.",
    "In an interview with the Herald, in an interview with CNN; Quoted by Reuters, quoted by the Ledger.",
]


def test_gated_patterns_find_what_finditer_finds() -> None:
    # Each credit pattern tried only at the places its gate gives finds the matches finditer finds, over the shared
    # articles and texts built to trip the gates.
    import random

    from newsdesk.extract import attributions, gates
    from tests.conftest import shared_path

    texts = [*_GATED_EDGES]
    texts += [
        p.read_text(encoding="utf-8") for d in ("dev-news", "seeds") for p in sorted(shared_path(d).glob("*.txt"))
    ]
    rng = random.Random(11)
    pieces = " ".join(_GATED_EDGES).split(" ")
    texts += [" ".join(rng.choice(pieces) for _ in range(40)) for _ in range(300)]
    tried = 0
    for index, (pattern, gate) in enumerate(zip(attributions._PATTERNS, attributions._GATES, strict=True)):
        if gate is None:
            continue
        for text in texts:
            want = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in gates.matches(pattern, gate(text), text)] == want, index
            tried += len(want)
    assert tried > 300


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        # Datelines and credit lines: the whole text is the agency's report.
        ("PORT ILSE, Upper Orla, June 16 (UPI) — The ferry strike ended.\nUnions said pay rose.", "UPI"),
        ("Jun 16 (Reuters) - The ferry strike ended on Monday.", "Reuters"),
        ("By Ada Roe, HWN\n(HWN) - The harbour deal was struck on Saturday.", "HWN"),
        ("The pier reopened on Monday.\nDivers searched it for a week.\nSource: Veloria Ledger", "Veloria Ledger"),
        ("Vessa, Jun 16 (MPA) Dastmar's delegation walked out.", "MPA"),
        ("By Ada Roe and Ben Kell/AFP – Firefighters were still at the pier on Monday.", "Agence France-Presse"),
        # A credit inside a sentence credits that sentence; initials after a name are no dateline; a dateline
        # past the first two paragraphs opens a report quoted inside another.
        ("The harbourmaster's daughter spoke to Reuters while divers searched the pier.", None),
        ("Vessa Naval Services (VNS) Orla, the patrol ship, docked on Monday.", None),
        ("The strike ended.\nPay rose.\nVESSA, June 16 (MPA) - Dastmar's delegation walked out.", None),
    ],
)
def test_the_wire_a_whole_text_is_credited_to(text: str, agency: str | None) -> None:
    assert wire(text) == agency
