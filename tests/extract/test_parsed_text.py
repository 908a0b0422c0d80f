"""The quotes stage reads an article's text as its Doc's: spaCy's parse keeps every character (decision 0053)."""

from __future__ import annotations

import dataclasses

from newsdesk import nlp, pipeline
from newsdesk.extract import attributions
from newsdesk.records import Article
from newsdesk.settings import Settings
from tests.conftest import shared_path

WRITTEN = [
    "Tabs\tand  double  spaces, a non\u00a0breaking one,\n\n\nthree line ends and a trailing space ",
    "  Leading spaces, emoji \U0001f600 and \u201cquotes,\u201d said the AP.\u2028Next.",
    "",
]


def test_a_doc_s_text_is_the_text_it_was_parsed_from() -> None:
    paths = sorted(shared_path("dev-news").glob("*.txt"))[:15] + sorted(shared_path("seeds").glob("*.txt"))[:5]
    texts = [p.read_text(encoding="utf-8") for p in paths] + WRITTEN
    for text, doc in zip(texts, nlp.parse(texts), strict=True):
        assert doc.text == text
    long = texts[0] * 3
    assert nlp.parse_long(long, piece_chars=len(texts[0]) // 2).text == long


def test_the_quotes_stage_gives_what_it_gave_reading_the_doc_s_text() -> None:
    # Its mentions and quotes, from the article's text, are those found from ``Doc.text``.
    from newsdesk.extract import mentions, quotes

    paths = sorted(shared_path("dev-news").glob("*.txt"))[:10]
    articles = [Article(id=f"a{k}", source=p.name, text=p.read_text(encoding="utf-8")) for k, p in enumerate(paths)]
    for article, doc in zip(articles, nlp.parse([a.text for a in articles]), strict=True):
        found = mentions.find(doc, doc.text)
        expected = dataclasses.replace(article, mentions=found, quotes=quotes.find(doc, found, text=doc.text))
        assert pipeline._quotes(article, doc, Settings()) == expected


def test_credits_asked_again_are_the_same_and_a_list_of_their_own() -> None:
    text = "The rebels took the town, Reuters reported, citing the AP. Le Monde said so too, according to AFP."
    first = attributions.credits(text, own_outlet="Reuters")
    first.append((0, "changed"))
    again = attributions.credits(text, own_outlet="Reuters")
    assert again == [(55, "Associated Press"), (94, "Agence France-Presse")]
    assert again == attributions.credits(text + " ", own_outlet="Reuters")
    assert attributions.credits(text) == [(26, "Reuters"), *again]  # the own outlet is part of what is remembered
