"""Countries as news names them: a country's names, its short forms and the capital that stands for its government.

Claim matching reads an actor's name to its country (:func:`country`); the entities stage reads a speaker that is a
capital city (:func:`capital`: "Moscow denied" is said by Russia's government, never by the city as a place).

News writes one state's acts under several names: "China said ..." and "Beijing said ...", "the United States",
"the U.S.", "America" and "Washington". :func:`country` reads a name as written (a claim's actor) to the country it
stands for, so that claim matching takes two such names for one actor (:mod:`newsdesk.claims.roles`), and never
takes two countries whose names are spelt alike ("Iran" and "Iraq", "Austria" and "Australia") for one name spelt
two ways. Only the countries (and capitals) news most often names as actors are listed: a name not listed is
read as no country, and the reader falls back on its spelling.
"""

from __future__ import annotations

import functools
import re

__all__ = ["PEOPLE", "SHARED", "capital", "country", "names_of", "of_people"]

# Each country (by its commonest name): its other names as news writes them, in lower case with "the" left out and
# dots read as spaces ("U.S." is "u s"), with the capital where news uses it for the government ("Beijing said").
_NAMES = {
    "united states": "u s|us|usa|america|washington",
    "united kingdom": "great britain|uk|britain|london",
    "china": "prc|beijing",
    "russia": "russian federation|moscow|kremlin",
    "ukraine": "kyiv|kiev",
    "france": "paris",
    "germany": "berlin",
    "italy": "rome",
    "spain": "madrid",
    "japan": "tokyo",
    "south korea": "republic of korea|seoul",
    "north korea": "dprk|pyongyang",
    "india": "new delhi|delhi",
    "pakistan": "islamabad",
    "bangladesh": "dhaka",
    "iran": "tehran",
    "iraq": "baghdad",
    "israel": "jerusalem",
    "syria": "damascus",
    "lebanon": "beirut",
    "egypt": "cairo",
    "saudi arabia": "riyadh",
    "qatar": "doha",
    "united arab emirates": "abu dhabi|uae",
    "turkey": "turkiye|türkiye|ankara",
    "afghanistan": "kabul",
    "austria": "vienna",
    "australia": "canberra",
    "canada": "ottawa",
    "mexico": "mexico city",
    "brazil": "brasilia|brasília",
    "argentina": "buenos aires",
    "venezuela": "caracas",
    "colombia": "bogota|bogotá",
    "cuba": "havana",
    "poland": "warsaw",
    "hungary": "budapest",
    "belarus": "minsk",
    "sweden": "stockholm",
    "norway": "oslo",
    "finland": "helsinki",
    "denmark": "copenhagen",
    "netherlands": "hague|holland|amsterdam",
    "belgium": "",
    "switzerland": "bern",
    "greece": "athens",
    "serbia": "belgrade",
    "armenia": "yerevan",
    "azerbaijan": "baku",
    "taiwan": "taipei",
    "vietnam": "hanoi",
    "thailand": "bangkok",
    "indonesia": "jakarta",
    "philippines": "manila",
    "malaysia": "kuala lumpur",
    "singapore": "",
    "nigeria": "abuja",
    "kenya": "nairobi",
    "ethiopia": "addis ababa",
    "south africa": "pretoria",
    "sudan": "khartoum",
    "libya": "tripoli",
    "nepal": "kathmandu",
    "sri lanka": "colombo",
    "myanmar": "burma|naypyitaw",
    # Countries whose names are spelt like a listed one's, or end in the same word: listed so that the two are
    # told apart ("Niger" / "Nigeria", "Sudan" / "South Sudan"), not read as one name spelt two ways.
    "niger": "niamey",
    "south sudan": "juba",
    "ireland": "dublin",
    "northern ireland": "belfast|stormont",
    "iceland": "reykjavik",
    "slovakia": "bratislava",
    "slovenia": "ljubljana",
    "gambia": "banjul",
    "zambia": "lusaka",
    "mali": "bamako",
    "malawi": "lilongwe",
    "democratic republic of congo": "drc|dr congo|kinshasa",  # "of the Congo" too: "the" is left out
    "republic of congo": "congo brazzaville|brazzaville",
    "guinea": "conakry",
    "equatorial guinea": "malabo",
    "papua new guinea": "port moresby",
}
_COUNTRY = {name: c for c, names in _NAMES.items() for name in (c, *names.split("|")) if name}


@functools.lru_cache(maxsize=4096)
def country(name: str) -> str | None:
    """The country ``name`` (as written: "Beijing", "the U.S.", "United States") stands for, or None."""
    words = [w for w in re.findall(r"[^\W\d_]+", name.casefold()) if w != "the"]
    return _COUNTRY.get(" ".join(words))


# The other names above that are no capital city: the country's own (short forms and older names), and the buildings
# whose names stand for an office that speaks as a body ("the Kremlin said": the Russian presidency).
_NOT_CAPITALS = frozenset(
    "u s|us|usa|america|great britain|uk|britain|prc|russian federation|republic of korea|dprk|turkiye|türkiye|"
    "uae|holland|burma|drc|dr congo|congo brazzaville|kremlin|stormont".split("|")
)
# The city a country's government sits in, as news writes it for that government ("Moscow denied").
_CAPITAL = {name: c for c, names in _NAMES.items() for name in names.split("|") if name and name not in _NOT_CAPITALS}


@functools.lru_cache(maxsize=4096)
def capital(name: str) -> str | None:
    """The country whose government ``name`` stands for when it is the city that government sits in ("Washington",
    "Moscow", "Jerusalem"), or None: a country's own name ("Russia", "the U.S.") is no capital, nor is "the
    Kremlin"."""
    words = [w for w in re.findall(r"[^\W\d_]+", name.casefold()) if w != "the"]
    return _CAPITAL.get(" ".join(words))


# The names above that are buildings standing for an office, not the country: "the Kremlin" is no name of Russia.
_BUILDINGS = frozenset({"kremlin", "stormont"})
# Each country's own name and its short forms (its capital and buildings left out), its own name first.
_FORMS = {
    c: tuple(n for n in (c, *names.split("|")) if n and n not in _CAPITAL and n not in _BUILDINGS)
    for c, names in _NAMES.items()
}


@functools.lru_cache(maxsize=4096)
def names_of(name: str) -> tuple[str, ...]:
    """Every name of the country ``name`` (as written: "America", "the U.S.", "Britain") is the own name or a short
    form of, in lower case and the country's own name first ("united states", "u s", "us", "usa", "america"); none
    for a capital ("Washington": a city too), a building ("the Kremlin") or a name that is no country's ("Latin
    America", "America First", "Bank of America": a name is read whole)."""
    words = [w for w in re.findall(r"[^\W\d_]+", name.casefold()) if w != "the"]
    found = _COUNTRY.get(" ".join(words))
    return _FORMS[found] if found and " ".join(words) in _FORMS[found] else ()


# Each country's people's words as news writes them before who acts for its state ("Swiss officials", "the Dutch
# government", "South Korean negotiators"), in lower case. The words that are the country's name with an ending
# ("Russian", "Pakistani") are listed too, so that every country above has its words here. A word two countries
# share ("Congolese": the Democratic Republic of Congo's and the Republic of Congo's) is listed for neither: it says
# no one state.
PEOPLE = {
    "united states": "american",
    "united kingdom": "british",
    "china": "chinese",
    "russia": "russian",
    "ukraine": "ukrainian",
    "france": "french",
    "germany": "german",
    "italy": "italian",
    "spain": "spanish",
    "japan": "japanese",
    "south korea": "south korean",
    "north korea": "north korean",
    "india": "indian",
    "pakistan": "pakistani",
    "bangladesh": "bangladeshi",
    "iran": "iranian",
    "iraq": "iraqi",
    "israel": "israeli",
    "syria": "syrian",
    "lebanon": "lebanese",
    "egypt": "egyptian",
    "saudi arabia": "saudi",
    "qatar": "qatari",
    "united arab emirates": "emirati",
    "turkey": "turkish",
    "afghanistan": "afghan",
    "austria": "austrian",
    "australia": "australian",
    "canada": "canadian",
    "mexico": "mexican",
    "brazil": "brazilian",
    "argentina": "argentine|argentinian",
    "venezuela": "venezuelan",
    "colombia": "colombian",
    "cuba": "cuban",
    "poland": "polish",
    "hungary": "hungarian",
    "belarus": "belarusian",
    "sweden": "swedish",
    "norway": "norwegian",
    "finland": "finnish",
    "denmark": "danish",
    "netherlands": "dutch",
    "belgium": "belgian",
    "switzerland": "swiss",
    "greece": "greek",
    "serbia": "serbian",
    "armenia": "armenian",
    "azerbaijan": "azerbaijani",
    "taiwan": "taiwanese",
    "vietnam": "vietnamese",
    "thailand": "thai",
    "indonesia": "indonesian",
    "philippines": "filipino|philippine",
    "malaysia": "malaysian",
    "singapore": "singaporean",
    "nigeria": "nigerian",
    "kenya": "kenyan",
    "ethiopia": "ethiopian",
    "south africa": "south african",
    "sudan": "sudanese",
    "libya": "libyan",
    "nepal": "nepalese|nepali",
    "sri lanka": "sri lankan",
    "myanmar": "burmese",
    "niger": "nigerien",
    "south sudan": "south sudanese",
    "ireland": "irish",
    "northern ireland": "northern irish",
    "iceland": "icelandic",
    "slovakia": "slovak|slovakian",
    "slovenia": "slovenian|slovene",
    "gambia": "gambian",
    "zambia": "zambian",
    "mali": "malian",
    "malawi": "malawian",
    "democratic republic of congo": "",
    "republic of congo": "",
    "guinea": "guinean",
    "equatorial guinea": "equatorial guinean|equatoguinean",
    "papua new guinea": "papua new guinean",
}
_OF_PEOPLE = {word: c for c, words in PEOPLE.items() for word in words.split("|") if word}
# People's words that several states share, in lower case: they name no one state, whatever place an article names
# beside them. "Congolese" (the two Congos, above); "Dominican", the Dominican Republic's and Dominica's (neither is a
# country above, so an ending would read "Dominican" as Dominica's: "Dominica" and "n"); "Korean" (North and South).
SHARED = frozenset({"congolese", "dominican", "korean"})


@functools.lru_cache(maxsize=4096)
def of_people(word: str) -> str | None:
    """The country whose people ``word`` names, by :data:`PEOPLE` ("Swiss", "Dutch", "South Korean", "Americans":
    a plural's "s" aside), or None."""
    words = " ".join(re.findall(r"[^\W\d_]+", word.casefold()))
    return _OF_PEOPLE.get(words) or (_OF_PEOPLE.get(words[:-1]) if words.endswith("s") else None)
