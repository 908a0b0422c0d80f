"""Cleaning: a :class:`Draft` becomes an :class:`Article` with clean text and the metadata it states.

``article()`` is the ``clean`` stage. It is pure: the same draft always gives the same article.
"""

from __future__ import annotations

from newsdesk.clean import boilerplate, language, metadata, normalize
from newsdesk.errors import ParseError
from newsdesk.records import Article, Draft, Format, content_id

__all__ = ["article"]


def article(draft: Draft, *, min_words: int = 1) -> Article:
    """Clean ``draft`` into an article.

    Metadata the source states explicitly (feed fields, JSONL keys, HTML meta, CLI options) wins over
    what the text's first lines suggest; what neither states stays ``None``.

    Raises:
        ParseError: nothing of the article is left after cleaning (fewer than ``min_words`` words).
    """
    paragraphs = normalize.text(draft.text).split("\n\n")
    head = metadata.header(paragraphs)
    stripped = boilerplate.strip(paragraphs, also=head.consumed)
    text = "\n\n".join(stripped.paragraphs)
    if (words := len(text.split())) < min_words:
        raise ParseError(
            f"only {words} word{'' if words == 1 else 's'} of article text after cleaning, fewer than the "
            f"{min_words} of [ingest] min_words",
            item=draft.source,
            hint="is this an article? pages of links or furniture alone are refused",
        )
    # An HTML extractor's title is a headline by construction; a text file's first line only maybe.
    title = draft.title or head.title
    if title and draft.format is not Format.HTML:
        title = normalize.text(title)
    return Article(
        id=content_id(text),
        source=draft.source,
        text=text,
        raw=draft.raw,
        format=draft.format,
        url=draft.url,
        outlet=draft.outlet or head.outlet,
        byline=draft.byline or head.byline,
        title=title,
        published=draft.published or head.published,
        dateline=head.dateline,
        language=language.detect(text),
        ai_generated=stripped.ai_generated,
        meta=draft.meta,
        furniture=tuple(stripped.removed),
    )
