"""Dev-news quotes read by hand in the 50 files ``gold_quotes.json`` does not label (decision 0088).

On 2026-12-07 every quote newsdesk listed as words said or written (kind speech) in those 50 files was read against
its article as a journalist reads it: 231 quotes, 86 direct and 145 reported. A quote is named by its file number
and its start in the article's clean text (the text ``python -m tests.eval.devnews`` ingests), never by its words
(the articles are others' writing). Speakers are written as the article names them, kinds as newsdesk's
(``person``, ``group``, ``anonymous``, ``document``, ``unknown``: None is a quote the article gives no speaker, as
"We're also told that ..." or "reportedly").

- :data:`READ`: each quote read that is one, with its speaker (direct or not, speaker, kind).
- :data:`NOT_QUOTES`: what was listed as speech and is none (an act cut from a sentence with no full stop; a
  thing cut from its clause).
- :data:`MISSED`: speech the reading found that the labelling version did not list.

The labels come from one version's output (main at 65e8dc0, then 0088's rules): a quote no version listed is
judged only by the two searches 0088 describes. The measures are printed by ``python -m tests.eval.devnews
--read`` and are not gated:

- ``devnews.read_quotes_found``: of READ and MISSED, the share listed as speech at that start, direct or not alike.
- ``devnews.read_quote_speakers``: the share listed so with the labelled speaker
  (:func:`tests.eval.attribution.speaker_matches`; a speaker of None wants none).
- ``devnews.read_not_quotes``: of NOT_QUOTES, the share not listed as speech at that start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.eval import attribution

if TYPE_CHECKING:
    from newsdesk.corpus import Corpus
    from newsdesk.records import Article

# "file:start" -> (direct, speaker as the article names them, kind).
READ: dict[str, tuple[bool, str | None, str]] = {
    "1:162": (False, "authorities", "group"),
    "1:523": (False, "Police", "group"),
    "1:670": (True, "Police", "group"),
    "1:1294": (False, "Yuen", "person"),
    "1:1420": (True, "Yuen", "person"),
    "1:1593": (True, "Yuen", "person"),
    "1:1689": (False, "Andy Yeung", "person"),
    "2:660": (False, "Eileen Chung", "person"),
    "2:751": (True, "Eileen Chung", "person"),
    "2:1056": (False, "Police", "group"),
    "2:1297": (False, "Authorities", "group"),
    "2:1539": (False, "officials", "anonymous"),
    "4:528": (False, "Derek Armstrong Chan", "person"),
    "4:680": (False, "Derek Armstrong Chan", "person"),
    "4:820": (False, "The South China Morning Post", "document"),
    "4:1054": (True, "Chan", "person"),
    "4:1115": (True, "Chan", "person"),
    "4:1304": (False, "authorities", "group"),
    "4:1355": (True, "Ng", "person"),
    "4:1467": (True, "Ng", "person"),
    "4:1671": (False, "Police", "group"),
    "5:744": (False, "authorities", "group"),
    "5:966": (True, "Ng", "person"),
    "5:1101": (True, "Ng", "person"),
    "5:1291": (False, "Police", "group"),
    "5:1367": (True, "Eileen Chung", "person"),
    "5:1668": (False, "the government", "group"),
    "6:228": (False, "Hong Kong police", "group"),
    "6:539": (False, "Police", "group"),
    "6:587": (True, "Police", "group"),
    "6:765": (True, "a police statement", "document"),
    "6:985": (True, "a police statement", "document"),
    "6:1193": (False, "the Hong Kong government", "group"),
    "6:1393": (False, "the Post", "document"),
    "6:1514": (False, "the Post", "document"),
    "6:1639": (False, "The Post", "document"),
    "6:1895": (False, "Eric Chan", "person"),
    "7:0": (False, "Chris Tang", "person"),
    "7:503": (False, "Chris Tang", "person"),
    "7:643": (False, "Chris Tang", "person"),
    "7:703": (False, "Tang", "person"),
    "7:805": (False, "Tang", "person"),
    "7:879": (True, "Tang", "person"),
    "7:1202": (False, "Police", "group"),
    "7:1445": (False, "authorities", "group"),
    "7:1457": (True, "authorities", "group"),
    "7:1602": (False, "a department spokesperson", "anonymous"),
    "8:12": (False, "Chris Tang", "person"),
    "8:409": (True, "Chris Tang", "person"),
    "8:604": (False, "Chris Tang", "person"),
    "8:678": (False, "Tang", "person"),
    "8:739": (False, "Tang", "person"),
    "8:841": (True, "Tang", "person"),
    "8:1157": (False, "Police", "group"),
    "8:1361": (False, "the city’s Labour Department", "group"),
    "8:1433": (False, "authorities", "group"),
    "8:1445": (True, "authorities", "group"),
    "8:1599": (False, "a department spokesperson", "anonymous"),
    "9:0": (False, "authorities", "group"),
    "9:168": (False, "authorities", "group"),
    "9:419": (False, "authorities", "group"),
    "9:563": (False, "Several residents", "anonymous"),
    "9:683": (False, "Authorities", "group"),
    "9:901": (False, "Officials", "anonymous"),
    "9:998": (False, "Officials", "anonymous"),
    "9:1150": (False, "officials", "anonymous"),
    "9:1178": (True, "officials", "anonymous"),
    "9:1291": (False, None, "unknown"),
    "10:11": (False, "authorities", "group"),
    "10:378": (False, "authorities", "group"),
    "10:552": (False, "Andy Yong", "person"),
    "10:625": (True, "Andy Yong", "person"),
    "10:760": (False, "residents", "group"),
    "10:800": (True, "Yong", "person"),
    "10:907": (False, "The city’s anti-corruption body", "group"),
    "10:1194": (False, "authorities", "group"),
    "10:1286": (True, "authorities", "group"),
    "10:1371": (False, "Hong Kong police", "group"),
    "12:354": (False, "an AFP report", "document"),
    "12:467": (True, "Huang", "person"),
    "12:587": (False, "Yang", "person"),
    "12:1368": (True, "Feng", "person"),
    "12:1854": (False, "Siu Sin-man", "person"),
    "12:1879": (True, "Siu Sin-man", "person"),
    "13:726": (True, "Wong", "person"),
    "14:667": (True, "Wong", "person"),
    "14:1156": (False, "Tyrone Siu", "person"),
    "14:1280": (True, "Tyrone Siu", "person"),
    "14:1357": (True, "Tyrone Siu", "person"),
    "14:1702": (False, "J. Wong", "person"),
    "15:293": (True, "Wong", "person"),
    "15:1412": (False, "J Wong", "person"),
    "15:1603": (True, "J Wong", "person"),
    "16:673": (False, "Mauricio Lyrio", "person"),
    "16:922": (False, "Antonio Guterres", "person"),
    "16:947": (True, "Antonio Guterres", "person"),
    "16:1021": (True, "Antonio Guterres", "person"),
    "17:540": (True, "delegates", "group"),
    "17:620": (False, "the organisers", "group"),
    "17:726": (False, "Celso Sabino", "person"),
    "19:320": (True, "Brazilian organizers of the conference", "group"),
    "19:420": (True, "Brazilian organizers of the conference", "group"),
    "20:433": (False, "security personnel", "group"),
    "21:306": (False, "brazilian authorities", "group"),
    "21:538": (True, "Justin Rowlatt", "person"),
    "21:728": (True, "Justin Rowlatt", "person"),
    "22:1143": (False, "the COP presidency in Brazil", "group"),
    "22:1526": (False, "Jennifer Morgan", "person"),
    "22:1715": (True, "Jennifer Morgan", "person"),
    "23:1564": (False, "Lago", "person"),
    "25:321": (True, "Lago", "person"),
    "26:503": (True, "Ted Sarandos", "person"),
    "26:1724": (False, "Analysts", "anonymous"),
    "30:208": (True, "Donald Trump", "person"),
    "30:326": (False, "Trump", "person"),
    "30:389": (True, "Trump", "person"),
    "30:422": (True, "Trump", "person"),
    "30:468": (True, "Trump", "person"),
    "30:689": (False, "Trump", "person"),
    "30:733": (True, "Trump", "person"),
    "30:855": (True, "Trump", "person"),
    "30:1542": (False, "a senior administration official", "anonymous"),
    "32:0": (False, "Paramount", "group"),
    "32:245": (False, "Paramount", "group"),
    "32:849": (False, "Donald Trump", "person"),
    "33:0": (False, "Paramount", "group"),
    "33:236": (False, "Paramount", "group"),
    "33:468": (False, "Paramount", "group"),
    "33:1086": (False, "Trump", "person"),
    "33:1725": (False, "Paramount", "group"),
    "33:1765": (True, "Paramount", "group"),
    "35:788": (True, "Donald Trump", "person"),
    "35:943": (False, "Paramount", "group"),
    "35:1137": (False, "David Ellison", "person"),
    "35:1257": (False, "A regulatory filing", "document"),
    "36:192": (False, "The streaming group", "group"),
    "36:338": (True, "Netflix", "group"),
    "36:752": (True, "David Zaslav", "person"),
    "36:806": (False, "David Zaslav", "person"),
    "36:1086": (False, "Warner", "group"),
    "36:1428": (False, "A Netflix adviser", "anonymous"),
    "36:1523": (True, "A Netflix adviser", "anonymous"),
    "37:1088": (False, "Netflix", "group"),
    "37:1582": (False, "The streaming giant", "group"),
    "37:1688": (True, "Netflix", "group"),
    "38:380": (True, "Warner’s board", "group"),
    "38:640": (True, "Ted Sarandos", "person"),
    "38:766": (True, "Ted Sarandos and Greg Peters", "person"),
    "38:1224": (True, "David Ellison", "person"),
    "39:889": (False, "a report", "document"),
    "39:1491": (False, "a BCCI source in the know of things", "anonymous"),
    "40:71": (False, "the Pakistan Cricket Board", "group"),
    "40:220": (False, "The PCB", "group"),
    "40:234": (False, "Pycroft", "person"),
    "40:388": (True, "an ICC source", "anonymous"),
    "40:750": (False, "Naved Cheema", "person"),
    "41:113": (False, "PCB", "group"),
    "41:463": (True, "Naqvi", "person"),
    "41:752": (True, "an ICC source", "anonymous"),
    "41:1126": (False, "Naved Cheema", "person"),
    "42:0": (False, "sources", "anonymous"),
    "42:99": (False, "the Pakistan Cricket Board", "group"),
    "42:419": (False, "the PCB", "group"),
    "42:542": (True, "the board", "group"),
    "42:635": (False, "The PCB", "group"),
    "42:700": (False, "The PCB", "group"),
    "42:976": (False, "The ICC letter", "document"),
    "42:1093": (False, "ARY News", "group"),
    "42:1372": (False, "PCB sources", "anonymous"),
    "43:115": (False, "the Pakistan Cricket Board", "group"),
    "43:266": (False, "India media", "group"),
    "43:712": (False, None, "unknown"),
    "43:1141": (True, "Mohsin Naqvi", "person"),
    "43:1413": (False, "Mohsin Naqvi", "person"),
    "44:505": (False, "Pakistan", "group"),
    "44:556": (True, "Pakistan", "group"),
    "44:1104": (False, "Suryakumar", "person"),
    "45:474": (False, "Pakistan", "group"),
    "45:525": (True, "Pakistan", "group"),
    "45:1074": (False, "Suryakumar", "person"),
    "46:1444": (False, "Suryakumar", "person"),
    "48:461": (False, "Indian team management", "group"),
    "51:227": (False, "The judge", "anonymous"),
    "51:684": (True, "Hasina", "person"),
    "51:780": (True, "The interim government", "group"),
    "51:834": (False, "The interim government", "group"),
    "51:942": (False, "the Bangladeshi Foreign Ministry", "group"),
    "51:1078": (False, "India", "group"),
    "51:1122": (True, "India", "group"),
    "51:1185": (False, "a United Nations report", "document"),
    "52:0": (False, "Reuters", "group"),
    "52:923": (False, "a United Nations report", "document"),
    "53:699": (False, "the indictment", "group"),
    "53:939": (False, "The United Nations", "group"),
    "53:1073": (True, "Hasina", "person"),
    "53:1113": (True, "Hasina", "person"),
    "53:1262": (False, "Hasina", "person"),
    "53:1281": (True, "Hasina", "person"),
    "54:459": (False, "United Nations figures", "group"),
    "54:656": (False, "the court", "group"),
    "54:719": (False, "Prosecutors", "group"),
    "54:885": (False, "Muhammad Ghulam Murtaza Majumdar", "person"),
    "54:1217": (False, "Hasina", "person"),
    "55:489": (False, "the court", "group"),
    "55:508": (True, "the court", "group"),
    "55:1090": (False, "The Dhaka Tribune", "group"),
    "56:140": (False, "Sheikh Hasina", "person"),
    "56:171": (True, "Sheikh Hasina", "person"),
    "56:332": (True, "Hasina", "person"),
    "56:856": (True, "Hasina", "person"),
    "56:1426": (True, "Hasina", "person"),
    "57:222": (True, "Bangladesh’s Awami League party", "group"),
    "57:821": (True, "the party", "group"),
    "57:1289": (False, "The Awami League", "group"),
    "57:1364": (True, "The Awami League", "group"),
    "59:124": (False, "Bangladesh’s Foreign Ministry", "group"),
    "59:134": (True, "Bangladesh’s Foreign Ministry", "group"),
    "59:405": (False, "the External Affairs Ministry", "group"),
    "59:591": (True, "the External Affairs Ministry", "group"),
    "59:1148": (False, "the Bangladesh Foreign Ministry", "group"),
    "59:1159": (True, "the Bangladesh Foreign Ministry", "group"),
    "59:1265": (True, "the letter", "document"),
    "60:97": (False, "Dhaka", "group"),
    "60:328": (True, "India's Ministry of External Affairs", "group"),
    "60:536": (False, "Bangladesh's foreign ministry", "group"),
    "60:748": (False, "India", "group"),
    "60:941": (False, "The Ministry of External Affairs", "group"),
    "60:1154": (True, "MEA", "group"),
    "60:1336": (True, "the MEA", "group"),
}
NOT_QUOTES: tuple[str, ...] = ("39:630", "54:1680")
MISSED: dict[str, tuple[bool, str | None, str]] = {"5:1844": (False, "Hong Kong emergency services", "group")}


def _file_start(key: str) -> tuple[int, int]:
    number, start = key.split(":")
    return int(number), int(start)


def measure(corpus: Corpus, by_file: dict[int, Article]) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The three read measures on an ingested dev-news corpus (``by_file``: file number -> article), with the
    labels each misses."""
    entities = corpus.entities()
    aliases = {e["id"]: [*e["aliases"], e["name"]] for e in entities}
    numbers = {_file_start(key)[0] for key in (*READ, *NOT_QUOTES, *MISSED)}
    listed: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for number in numbers:
        for q in corpus.quotes(article_id=by_file[number].id):
            if q["kind"] == "speech":
                listed.setdefault((number, q["start"]), []).append(q)
    labelled = {**READ, **MISSED}
    missed, wrong = [], []
    found = right = 0
    for key, (direct, speaker, kind) in labelled.items():
        same = [q for q in listed.get(_file_start(key), []) if bool(q["direct"]) == direct]
        if not same:
            missed.append(key)
            continue
        found += 1
        want = {"speaker": speaker, "speaker_kind": kind}
        if any(
            (q["speaker"] is None and kind == "unknown")
            if speaker is None
            else attribution.speaker_matches(q, want, aliases)
            for q in same
        ):
            right += 1
        else:
            wrong.append(f"{key}: want {kind} {speaker!r}, got {'; '.join(repr(q['speaker']) for q in same)}")
    listed_not = [key for key in NOT_QUOTES if _file_start(key) in listed]
    scores = {
        "devnews.read_quotes_found": found / len(labelled),
        "devnews.read_quote_speakers": right / len(labelled),
        "devnews.read_not_quotes": 1 - len(listed_not) / len(NOT_QUOTES),
    }
    errors = {
        "devnews.read_quotes_found": missed,
        "devnews.read_quote_speakers": wrong,
        "devnews.read_not_quotes": listed_not,
    }
    return scores, errors
