"""What claim matching reads of a story's last support rows, summed up by reading, on both backends (m029)."""

from __future__ import annotations

from newsdesk.records import Article, Claim, Modality, claim_id, content_id
from newsdesk.store import Store


def _article(text: str, claims: list[tuple[str, Modality]]) -> Article:
    found = tuple(
        Claim(text=t, start=i, end=i + 1, terms=("price", "rise", "fuel"), modality=m)
        for i, (t, m) in enumerate(claims)
    )
    return Article(id=content_id(text), source="x.txt", text=text, raw=text, claims=found)


def test_a_storys_last_rows_come_back_summed_up_by_reading(store: Store) -> None:
    said = [("Fuel prices rose.", Modality.ASSERTED), ("They denied that fuel prices rose.", Modality.DENIED)]
    articles = [_article(f"Article {i} on fuel prices.", said) for i in range(3)]
    store.add(articles)
    store.update(articles, stage="claims", produces=("article.claims",))
    support = [("c1", claim_id(a.id, i, i + 1), a.id, "supports", i, i + 1) for a in articles for i in range(2)]
    clusters = [{"id": "c1", "story_id": "s1", "event_id": None, "slot": "", "text": "Fuel prices rose."}]
    store.update([], stage="claim_match", state={"claim_clusters": clusters, "claim_support": support})
    (window,) = store.claim_window(["s1"], 5)  # the last 5 of 6 rows
    (cluster,) = window["clusters"]
    assert cluster["id"] == "c1" and cluster["story_id"] == "s1"
    readings = cluster["readings"]
    # Two readings (the statement, the denial), the first of each the first of its rows among the last five.
    assert [(r[1], r[7], r[8]) for r in readings] == [
        (claim_id(articles[0].id, 1, 2), "denied", 3),
        (claim_id(articles[1].id, 0, 1), "asserted", 2),
    ]
    assert window["repeated"] == {}
    placed = store.claim_placed("s1", window["low"], window["high"], [a.id for a in articles])
    assert set(placed) == {c for _, c, *_ in support[1:]} and set(placed.values()) == {"c1"}
    assert store.claim_window(["s2"], 5) == []
