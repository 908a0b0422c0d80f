"""Dev-news claim clusters: whether two claims the clustering puts together say the same thing.

A claim cluster is what corroboration counts independent origins of, so a cluster that holds two things (an arrest
and a toll, a bid and a deal) counts one's origins for the other. The labels below were read by hand on
2026-12-06 from every cluster of two or more claims that main's code made of the 60 dev-news articles (94
clusters, 243 claims): each cluster is split into the groups of its claims that state one fact (one statement, one
figure, one event). A claim is named by its file number and its start in the article's clean text, never by its
sentence (the articles are others' writing).

- ``devnews.claim_pairs_precision``: of the pairs of labelled claims a run puts in one cluster, the share that
  say the same thing: two claims of one group, or of groups :data:`SAME_ACROSS` names as one fact. Two claims of
  different labelled clusters are two facts unless it names them: a run that joins what the labelled one kept
  apart is counted wrong until a reader says otherwise here.
- ``devnews.claim_pairs_recall``: of the pairs of one group, the share a run puts in one cluster (a labelled claim
  the run does not find counts as apart from its group).
- ``devnews.claim_pairs_found``: the share of the labelled claims the run finds at all (a claim lost is neither
  joined wrongly nor counted in precision).

The labels come from the clusters one version made, so pairs that version kept apart are not labelled: recall
says what a change splits of what was joined, not what no version ever joined. Precision on the labelling run
was 0.769 (193 pairs alike, 58 not); with claim matching asking three shared words (`MIN_WORDS`) since, 0.8253 and
recall 0.9637; with two actors named before their verbs told apart and one count of a list no sign of one claim
(2026-12-07), 0.867 and recall 0.9637; with "raised the death toll to 44" read as a toll, which joins that toll to
the other reports of 44 dead (a fact :data:`SAME_ACROSS` names since), 0.8727 (192 of 220) and recall 0.9637;
with a setting's thing and one name shared no longer enough for one claim (2026-12-07, second session: 006's
switch from bamboo scaffolding apart from 003's blaze that started on it), 0.8807 (192 of 218) and recall 0.9637.
A claim starts at its sentence's own words, after the dateline opening its paragraph (047's "Dubai, Sep 28 (PTI) "
is 47:20): since a place in mixed case before a colon is read as a dateline (2026-12-07, seventh session), 048's and
054's claims start after "Dubai: " and "Dhaka: " (48:7, 54:7; they were 48:0 and 54:0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# Each cluster: its groups, each the claims (``file:start``) stating one fact.
CLUSTERS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("51:866",), ("53:1423", "58:1105"), ("54:177",), ("59:590", "60:258")),
    (("1:511", "2:428", "4:1659", "5:1279", "6:2", "6:527", "7:1190", "8:1145"),),
    (("16:0", "17:0", "18:0", "19:0", "20:16"),),
    (("28:18", "29:14", "30:0", "31:0", "35:638"), ("29:267",)),
    (("50:1342", "51:1147", "52:885", "53:905", "54:422"),),
    (("50:7", "55:20", "57:262", "58:778"), ("50:519",)),
    (("29:992", "30:1096"), ("32:230", "33:221", "34:1264")),
    (("2:952", "4:1514", "5:1144"), ("10:981",)),
    (("7:688", "8:660", "9:419"), ("10:642",)),
    (("28:929", "29:452", "30:606", "31:377"),),
    (("40:7", "41:0", "42:0", "42:749", "43:8"),),
    (("16:285", "19:224", "21:272"),),
    (("47:20", "48:7", "49:199"),),
    (("50:1046", "57:477", "58:1211"),),
    (("51:0", "53:33", "54:7"),),
    (("7:318", "8:243"), ("2:1480",)),
    (("7:0", "8:12", "9:0"),),
    (("28:1327", "29:340", "30:467"),),
    (("32:0", "33:0", "34:0"),),
    (("44:1068", "45:1038", "46:1393"),),
    (("1:36", "2:11", "2:259"),),
    (("1:1611",), ("5:1844",)),
    (("3:311",), ("6:121", "6:1819")),
    (("4:19", "6:176"),),
    (("7:234", "15:670"),),
    (("17:361", "18:650"),),
    (("17:591", "18:777"),),
    (("26:0", "31:638"),),
    (("26:256", "27:0"),),
    (("26:502",), ("27:582",)),
    (("28:740", "31:209"), ("31:834",)),
    (("28:1539",), ("29:663",)),
    (("33:421",), ("35:1228",)),
    (("36:337", "38:526"),),
    (("36:1058", "37:1334"),),
    (("41:462", "43:324"),),
    (("41:630", "43:503"),),
    (("47:207",), ("49:0",)),
    (("50:198",), ("52:0",)),
    (("50:661", "53:784"),),
    (("50:1180",), ("51:1330",)),
    (("51:537", "56:39", "56:264"),),
    (("51:1067", "60:626"),),
    (("52:475", "53:275"),),
    (("52:686", "54:1391"),),
    (("53:699",), ("54:285",)),
    (("59:322", "59:730", "60:903", "60:1153"),),
    (("22:315", "23:315", "24:780"),),
    (("22:817", "23:1171", "24:1495"),),
    (("4:169",), ("5:0",)),
    (("4:237", "5:223"),),
    (("4:1354", "5:965"),),
    (("7:435", "8:408"),),
    (("7:635", "8:604"),),
    (("7:805", "8:739"),),
    (("7:878", "8:840"),),
    (("7:1062", "8:1027"), ("7:1602", "8:1599")),
    (("7:1391", "8:1361"),),
    (("11:201", "12:0"),),
    (("11:611", "12:1348"),),
    (("13:11", "14:12"),),
    (("13:136", "14:133"),),
    (("13:272", "14:269"),),
    (("13:400", "14:349"),),
    (("13:814", "14:755"),),
    (("13:954", "14:880"),),
    (("22:8", "23:8"),),
    (("22:512", "23:903"),),
    (("22:1071", "23:1506"),),
    (("29:1296", "30:1435"),),
    (("29:1427", "30:1602"),),
    (("29:1617", "30:1783"),),
    (("32:430", "33:680"),),
    (("32:573", "33:823"),),
    (("32:671", "33:921"),),
    (("32:891", "33:1128"),),
    (("40:163",), ("40:643", "41:1019")),
    (("40:387", "41:751"),),
    (("40:531", "41:907"),),
    (("40:868", "41:1244"),),
    (("40:1018", "41:1394"),),
    (("44:35", "45:0"),),
    (("44:202", "45:167"),),
    (("44:241", "45:206"),),
    (("44:459", "45:428"),),
    (("44:602", "45:571"),),
    (("44:682", "45:652"),),
    (("44:870", "45:840"),),
    (("2:1044",), ("2:1207",)),
    (("24:198", "24:1394"),),
    (("24:331", "24:1143"),),
    (("38:326",), ("38:1101",)),
    (("46:0", "46:286"),),
    (("58:0",), ("58:545",)),
)

# Groups of different labelled clusters that state one fact (cluster index, group index): the toll of 128 lives;
# the death sentence on Monday; the deal Netflix agreed; and (read on the next version's output, which joined
# them) the first half of Trump's market-share remark with the whole of it; and (read 2026-12-07 on the output of
# h-ag24, which reads "raised the death toll to 44" as a toll) the fire department's toll of 44 with the three
# sentences giving at least 44 dead, one figure of one morning.
SAME_ACROSS: tuple[tuple[tuple[int, int], ...], ...] = (
    ((16, 0), (58, 0)),
    ((5, 0), (14, 0), (38, 1)),
    ((6, 0), (27, 0)),
    ((3, 1), (17, 0)),
    ((20, 0), (21, 0)),
)


def facts() -> dict[str, int]:
    """Each labelled claim's fact: its group's number, one number for the groups :data:`SAME_ACROSS` joins."""
    number: dict[tuple[int, int], int] = {}
    for c, groups in enumerate(CLUSTERS):
        for g in range(len(groups)):
            number[(c, g)] = len(number)
    for same in SAME_ACROSS:
        for place in same[1:]:
            number[place] = number[same[0]]
    return {
        claim: number[(c, g)] for c, groups in enumerate(CLUSTERS) for g, group in enumerate(groups) for claim in group
    }


def pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The labelled pairs: those saying the same thing, and those that do not (two groups of one cluster)."""
    alike: list[tuple[str, str]] = []
    apart: list[tuple[str, str]] = []
    for groups in CLUSTERS:
        for i, group in enumerate(groups):
            alike += [(a, b) for k, a in enumerate(group) for b in group[k + 1 :]]
            for other in groups[i + 1 :]:
                apart += [(a, b) for a in group for b in other]
    return alike, apart


def score(
    claims: Sequence[Mapping[str, Any]], files: Mapping[str, int]
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Precision and recall of the claim clusters ``claims`` (``Corpus.claims()``) over the labelled pairs
    (``files``: article id to file number), with the pairs behind each miss."""
    fact = facts()
    cluster_of: dict[str, str] = {}
    members: dict[str, list[str]] = {}  # each run cluster's labelled claims
    for cluster in claims:
        for row in cluster["support"]:
            claim = f"{files[row['article_id']]}:{row['start']}" if row["article_id"] in files else None
            if claim in fact:
                cluster_of[claim] = cluster["id"]
                members.setdefault(cluster["id"], []).append(claim)
    alike, _ = pairs()

    def why(a: str, b: str) -> str:
        lost = [c for c in (a, b) if c not in cluster_of]
        return f"{a} and {b}: one fact, " + (f"{', '.join(lost)} not found" if lost else "two clusters")

    together = [(a, b) for held in members.values() for k, a in enumerate(held) for b in held[k + 1 :]]
    wrong = [(a, b) for a, b in together if fact[a] != fact[b]]
    split = [(a, b) for a, b in alike if a not in cluster_of or cluster_of[a] != cluster_of.get(b)]
    precision = (len(together) - len(wrong)) / len(together) if together else 0.0
    scores = {
        "devnews.claim_pairs_precision": round(precision, 4),
        "devnews.claim_pairs_recall": round((len(alike) - len(split)) / len(alike), 4),
        "devnews.claim_pairs_found": round(len(cluster_of) / len(fact), 4),
    }
    errors = {
        "devnews.claim_pairs_precision": [f"{a} and {b}: one cluster, two facts" for a, b in wrong],
        "devnews.claim_pairs_recall": [why(a, b) for a, b in split],
        "devnews.claim_pairs_found": [f"{c}: not found" for c in fact if c not in cluster_of],
    }
    return scores, errors
