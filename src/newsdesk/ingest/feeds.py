"""RSS and Atom feeds: one draft per item, or the item's link when it carries only a summary."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from newsdesk.dates import parse_date
from newsdesk.errors import ParseError
from newsdesk.records import Draft, Format

__all__ = ["PageToFetch", "entries", "looks_like_feed"]

# Optional BOM, XML declaration, processing instructions (xml-stylesheet), comments and DOCTYPE, then the root.
_FEED_START = re.compile(
    r"^\ufeff?\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL
)
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "tr")


@dataclass(frozen=True, slots=True)
class PageToFetch:
    """A feed item that carries only a summary: its page must be fetched. ``hints`` fill what the page lacks."""

    url: str
    source: str
    hints: dict[str, str | None]


def looks_like_feed(text: str) -> bool:
    """True when ``text`` starts like an RSS, Atom or RDF document."""
    return bool(_FEED_START.match(text[:4000]))


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    return str(root.text_content())


def _first(entry: Any, *keys: str) -> str | None:
    for key in keys:
        value = entry.get(key)
        if value:
            return str(value).strip()
    return None


_EMAIL_AND_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$|^\s*(?P<name2>[^<]+?)\s*<\S+@\S+>\s*$")


def _author(entry: Any) -> str | None:
    """The author's name; RSS often writes "email (Name)" or "Name <email>"."""
    author = _first(entry, "author")
    if author and (m := _EMAIL_AND_NAME.match(author)):
        return (m.group("name") or m.group("name2")).strip()
    return author


def entries(content: str, *, source: str) -> Iterator[Draft | PageToFetch | ParseError]:
    """The items of a feed.

    Raises:
        ParseError: the feed is malformed and has no readable items.
    """
    if not looks_like_feed(content):
        # Also keeps feedparser from ever seeing a bare URL or path: given one, it would fetch or open it itself.
        raise ParseError(
            "not an RSS or Atom feed: it does not start with <rss>, <feed> or <rdf:RDF>",
            item=source,
            hint="check the file is RSS or Atom XML",
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        # A stream, never a str or bytes: feedparser fetches a str that looks like a URL and opens a str or bytes
        # that names a file, bypassing check_url, the timeouts, the size cap and the User-Agent.
        # The text is decoded already: say the bytes are UTF-8, whatever encoding the XML declaration names.
        parsed = feedparser.parse(
            io.BytesIO(content.encode("utf-8")),
            response_headers={"content-type": "application/xml; charset=utf-8"},
        )
    if parsed.bozo and not parsed.entries:
        raise ParseError(
            f"malformed feed: {parsed.get('bozo_exception')}",
            item=source,
            hint="check the file is RSS or Atom XML",
        )
    if not parsed.entries:
        raise ParseError("feed has no items", item=source, hint="nothing to ingest from this feed")
    outlet = _first(parsed.feed, "title")
    for number, entry in enumerate(parsed.entries, start=1):
        item = f"{source}#{number}"
        link = _first(entry, "link")
        hints = {
            "title": _first(entry, "title"),
            "url": link,
            "outlet": outlet,
            "byline": _author(entry),
            "published": parse_date(_first(entry, "published") or ""),  # an update date is not a publication date
        }
        body = None
        if entry.get("content"):
            body = "\n\n".join(str(c.get("value", "")) for c in entry["content"]).strip() or None
        if body is None:
            if link:
                yield PageToFetch(url=link, source=link, hints=hints)
                continue
            body = _first(entry, "summary", "description")
        if not body:
            yield ParseError("feed item has neither content nor a link", item=item, hint="nothing to ingest")
            continue
        try:
            text = fragment_text(body)
        except (lxml.etree.ParserError, ValueError) as exc:
            yield ParseError(f"malformed HTML in feed item: {exc}", item=item, hint="the item is skipped")
            continue
        title = hints["title"]
        if title and not text.lstrip().startswith(title):
            text = f"{title}\n\n{text}"
        yield Draft(
            source=link or item,
            raw=body,
            text=text,
            format=Format.FEED,
            title=title,
            url=hints["url"],
            outlet=hints["outlet"],
            byline=hints["byline"],
            published=hints["published"],
        )
