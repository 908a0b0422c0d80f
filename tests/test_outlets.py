"""One outlet, one spelling: a domain and a name of one outlet are stored as one (decision 0069)."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.corpus import Corpus
from newsdesk.outlets import Spellings, is_domain, keys
from newsdesk.store import Store


def test_keys_of_names_and_domains() -> None:
    assert keys("The Veloria Ledger") == keys("Veloria Ledger") == {"velorialedger"}
    assert keys("velorialedger.example") == {"velorialedger"}
    assert keys("www.bbc.co.uk") == {"bbc"} and keys("BBC") == {"bbc"}
    assert {"cnn"} <= keys("edition.cnn.com")
    assert "guardian" in keys("theguardian.com") and keys("The Guardian") == {"guardian"}
    assert keys("AP") == frozenset()  # too short to compare by
    assert is_domain("harbourgazette.example") and not is_domain("Harbour Gazette") and not is_domain("Reuters")


def test_a_name_is_preferred_to_a_domain_among_new_spellings() -> None:
    spellings = Spellings()
    got = spellings.resolve(["velorialedger.example", None, "Veloria Ledger", "harbourgazette.example"])
    assert got == ["Veloria Ledger", None, "Veloria Ledger", "harbourgazette.example"]


def test_a_spelling_the_store_holds_wins() -> None:
    # Stored articles are never rewritten: a later name follows the domain they hold.
    spellings = Spellings({"radiocaldera.example": 2, "PortWatch": 1})
    assert spellings.resolve(["Radio Caldera", "The Radio Caldera", "portwatch.example"]) == [
        "radiocaldera.example",
        "radiocaldera.example",
        "PortWatch",
    ]
    # Among stored spellings of one outlet, the name.
    assert Spellings({"bbc.co.uk": 5, "BBC": 1}).resolve(["www.bbc.co.uk"]) == ["BBC"]


def test_outlets_that_only_look_alike_stay_apart() -> None:
    got = Spellings().resolve(["nytimes.com", "The Times", "Times of India", "timesofindia.indiatimes.com"])
    assert got == ["nytimes.com", "The Times", "Times of India", "Times of India"]


def test_an_agency_s_initials_and_its_name_are_one_outlet() -> None:
    assert Spellings({"Meridian Press Agency": 2}).resolve(["MPA"]) == ["Meridian Press Agency"]
    assert Spellings().resolve(["MPA", "Meridian Press Agency", "PTI", "Press Trust of India"]) == [
        "Meridian Press Agency",
        "Meridian Press Agency",
        "Press Trust of India",
        "Press Trust of India",
    ]
    # Initials stored first stay (stored articles are never rewritten); "Agence France-Presse" makes AFP.
    assert Spellings({"AFP": 3}).resolve(["Agence France-Presse"]) == ["AFP"]


def test_names_with_the_same_initials_stay_apart() -> None:
    got = Spellings().resolve(["American Broadcasting Company", "Australian Broadcasting Corporation", "ABC"])
    assert got == ["American Broadcasting Company", "Australian Broadcasting Corporation", "ABC"]  # ABC: which?
    # A name holding initials already makes none; two words make too few.
    assert Spellings().resolve(["ABC News Australia", "ANA", "Harbour Gazette", "HG"]) == [
        "ABC News Australia",
        "ANA",
        "Harbour Gazette",
        "HG",
    ]


def _text(path: Path, title: str, outlet_line: str, body: str) -> Path:
    path.write_text(f"{title}\n{outlet_line}\n\n{body}\n", encoding="utf-8")
    return path


def test_ingest_stores_one_spelling_and_keeps_the_written_one(tmp_path: Path) -> None:
    body = "The harbour board approved the new crane plan on Monday after a long debate among its members."
    first = _text(tmp_path / "a.txt", "Board approves crane plan", "harbourgazette.example", body)
    page = tmp_path / "b.jsonl"
    text = body.replace("approved", "debated")
    record = {"title": "Crane plan draws protest", "outlet": "Harbour Gazette", "text": text}
    page.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Corpus(Store(tmp_path / "s.db")) as corpus:
        corpus.ingest([first, page], analyze=False)
        assert [o["outlet"] for o in corpus.outlets()] == ["Harbour Gazette"]
        written = {dict(corpus.article(a["id"]).meta).get("outlet_as_written") for a in corpus.articles()}
        assert written == {"harbourgazette.example", None}
        # A later ingest's domain is given the stored name.
        later = _text(tmp_path / "c.txt", "Dockers meet board", "www.harbourgazette.example", body + " Dockers met.")
        corpus.ingest([later], analyze=False)
        assert corpus.outlets() == [{"outlet": "Harbour Gazette", "articles": 3}]
