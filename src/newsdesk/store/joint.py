"""People named together as one speaker ("Mr. Grassley and Mr. Leahy said"), each linked to their entity.

The quotes stage gives such a speaker as written and the entities stage links it to no one entity (decision 0088):
what two said is neither's alone. The quote lists read each person of it from the article's own linked mentions.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsdesk.records import JOINT_SPEAKER, name_written

__all__ = ["with_joint_speakers"]


def with_joint_speakers(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` (quotes as the store's queries make them), each with ``speaker_entities``: for a joint speaker, the
    people it names that are linked to entities (``id`` and canonical ``name``), in the order the speaker names
    them; else an empty list. A joint speaker is linked to none of them alone (``speaker_entity_id`` stays null:
    counting by speaker never gives one person's name what two said, nor counts it twice); its people are the
    linked person mentions of its article whose words are a name written within the speaker, so that a "they"
    resolved to them is linked as the names are. A name the article gives two people ("Mr. Kim" beside David Kim
    and Paul Kim) is linked to neither, whichever the linker took, nor is one person found at two names."""
    for row in rows:
        row["speaker_entities"] = []
    joint = [
        r
        for r in rows
        if r["speaker_kind"] == "person"
        and r["speaker_entity_id"] is None
        and r["speaker"]
        and JOINT_SPEAKER.search(r["speaker"])
    ]
    if not joint:
        return rows
    named: dict[str, dict[str, set[tuple[str, str]]]] = {}
    ids = sorted({r["article_id"] for r in joint})
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        sql = f"""SELECT DISTINCT m.article_id, m.text, e.id, e.name
                  FROM mentions m JOIN entities e ON e.id = m.entity_id
                  WHERE e.type = 'PERSON' AND m.article_id IN ({",".join("?" * len(chunk))})"""
        for article_id, text, entity_id, name in conn.execute(sql, chunk):
            named.setdefault(article_id, {}).setdefault(text, set()).add((entity_id, name))
    whose: dict[str, dict[str, tuple[str, str] | None]] = {}
    for row in joint:
        speaker = row["speaker"]
        people = named.get(row["article_id"], {})
        known = whose.setdefault(row["article_id"], {})
        found: list[tuple[int, int, str, str]] = []
        for text in people:
            if text not in speaker:
                continue
            if text not in known:
                known[text] = _whom(text, people)
            whom = known[text]
            for at in name_written(text).finditer(speaker):
                if whom is not None:
                    found.append((at.start(), at.end(), *whom))
        # The longest name at each place ("Charles E. Grassley" over "Grassley").
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        taken: list[tuple[int, int, str, str]] = []
        for f in found:
            if not any(t[0] <= f[0] < t[1] for t in taken):
                taken.append(f)
        # One person named twice in a joint speaker ("Mr. Smith and Mrs. Smith", each linked to John Smith) is two
        # people the linker took for one: neither is shown as that person.
        twice = {e for e in (t[2] for t in taken) if sum(t[2] == e for t in taken) > 1}
        seen: set[str] = set()
        for _, _, entity_id, name in taken:
            if entity_id not in seen and entity_id not in twice:
                seen.add(entity_id)
                row["speaker_entities"].append({"id": entity_id, "name": name})
    return rows


def _whom(text: str, people: dict[str, set[tuple[str, str]]]) -> tuple[str, str] | None:
    """The one person a name written in a joint speaker is, or None when the article gives that name to two people:
    "Mr. Kim" where the article names David Kim and Paul Kim is either, whichever one the linker took."""
    word = name_written(text)
    held = {p for written, linked in people.items() if word.search(written) for p in linked}
    return next(iter(held)) if len(held) == 1 else None
