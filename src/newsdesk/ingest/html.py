"""HTML pages: the article text and metadata, extracted with trafilatura and htmldate.

The page is parsed here, once, and the libraries get the parsed tree, never the page as a string:
htmldate downloads a string that starts with ``http`` and has no space (its own HTTP pool, no address
check), so a page beginning with a URL would have made it fetch. Parsing is bounded first: a page with
too many elements, or an element with thousands of attributes, is refused before the libraries' costs,
some quadratic in those counts, are paid.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime

import htmldate
import lxml.html
import trafilatura

from newsdesk.errors import ParseError
from newsdesk.records import Draft, Format

__all__ = ["MAX_ATTRIBUTES", "MAX_ELEMENTS", "draft", "looks_like_html", "parse"]

# Real article pages hold a few thousand elements; htmldate's free-text search grows with the square of
# the count (100,000 spans: ~50 s). The limits keep the worst page allowed to a few seconds.
MAX_ELEMENTS = 20_000
MAX_ATTRIBUTES = 200_000
# libxml2 checks each attribute of an element against the others (quadratic: one element with 100,000
# attributes takes ~20 s just to parse), so this is checked on the text before parsing. It counts runs of
# name characters in the tag, quoted values included, so it over-counts, never under-counts.
MAX_TAG_WORDS = 10_000
# A start tag as libxml2 reads it: a quote opens a value only after '=', and a '>' inside it does not end the tag.
_START_TAG = re.compile(r"""<[A-Za-z](?:=\s*"[^"]*"|=\s*'[^']*'|[^>])*""")
_TAG_WORD = re.compile(r"""[^\s"'=<>/]+""")

# Full timestamps in the usual meta tags; htmldate gives the day, these give the time when stated.
_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|datePublished"""
    r"""|pubdate|publishdate|dc\.date\.issued)["'][^>]*content=["']([^"']+)["']""",
    re.IGNORECASE,
)
_JSONLD_TIME = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body|meta|title|article|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment."""
    return bool(_HTML_START.match(text[:2000]))


def _too_big(what: str, *, source: str) -> ParseError:
    return ParseError(
        f"HTML page too complex to extract: {what}",
        item=source,
        hint="this is not an ordinary article page; save the article's text as a .txt file and ingest that",
    )


def parse(html: str, *, source: str) -> lxml.html.HtmlElement:
    """Parse an HTML page into a tree, within limits that bound the cost of extracting from it.

    Raises:
        ParseError: the page is not HTML, or it has more than :data:`MAX_ELEMENTS` elements,
            :data:`MAX_ATTRIBUTES` attributes, or a tag of more than :data:`MAX_TAG_WORDS` words.
    """
    if len(html) > MAX_TAG_WORDS:  # a shorter page cannot hold a tag that long
        for tag in _START_TAG.finditer(html):
            if len(tag.group()) > MAX_TAG_WORDS and len(_TAG_WORD.findall(tag.group())) > MAX_TAG_WORDS:
                name = _TAG_WORD.match(tag.group(), 1)
                raise _too_big(
                    f"a <{name.group() if name else '?'}> tag at character {tag.start():,} holds more than "
                    f"{MAX_TAG_WORDS:,} attribute names and values",
                    source=source,
                )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            # trafilatura.load_html only parses (it never downloads, unlike htmldate's), the same way
            # bare_extraction parses a string, so extraction behaves as before.
            tree = trafilatura.load_html(html)
    except Exception as exc:  # lxml raises its own types on broken markup
        raise ParseError(f"malformed HTML: {exc}", item=source, hint="check the file is an HTML page") from exc
    if not isinstance(tree, lxml.html.HtmlElement):
        raise ParseError(
            "no article text found in the HTML page",
            item=source,
            hint="the page may be an index, a paywall or need JavaScript; save the article page itself",
        )
    elements = attributes = 0
    for element in tree.iter():
        elements += 1
        attributes += len(element.attrib)
    if elements > MAX_ELEMENTS:
        raise _too_big(f"{elements:,} elements, over the limit of {MAX_ELEMENTS:,}", source=source)
    if attributes > MAX_ATTRIBUTES:
        raise _too_big(f"{attributes:,} attributes, over the limit of {MAX_ATTRIBUTES:,}", source=source)
    return tree


def _published(tree: lxml.html.HtmlElement, html: str) -> str | None:
    with warnings.catch_warnings():
        # htmldate and trafilatura trip lxml's FutureWarning on element truth-testing; not ours to fix.
        warnings.simplefilter("ignore", FutureWarning)
        # The tree, never the string: htmldate downloads a string that looks like a URL.
        day = htmldate.find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if not day:
        return None
    for stamp in _META_TIME.findall(html) + _JSONLD_TIME.findall(html):
        if stamp.startswith(day):
            try:
                return datetime.fromisoformat(stamp.replace("Z", "+00:00")).isoformat()
            except ValueError:
                continue
    return str(day)


def draft(html: str, *, source: str, url: str | None = None) -> Draft:
    """Extract an article from an HTML page.

    Raises:
        ParseError: no article text could be found in the page, or the page is too complex (see :func:`parse`).
    """
    tree = parse(html, source=source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            doc = trafilatura.bare_extraction(
                tree,  # bare_extraction works on a copy: the tree is reused for the date
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                deduplicate=False,
                # The date comes from _published; trafilatura's own (unused) search is kept cheap.
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except Exception as exc:  # trafilatura raises lxml and ValueError types on broken markup
        raise ParseError(f"malformed HTML: {exc}", item=source, hint="check the file is an HTML page") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ParseError(
            "no article text found in the HTML page",
            item=source,
            hint="the page may be an index, a paywall or need JavaScript; save the article page itself",
        )
    title = getattr(doc, "title", None) or None
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n{text}"
    return Draft(
        source=source,
        raw=html,
        text=text,
        format=Format.HTML,
        url=getattr(doc, "url", None) or url,
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        title=title,
        byline=getattr(doc, "author", None) or None,
        published=_published(tree, html),
    )
