"""HTML pages: the article text and metadata, extracted with trafilatura and htmldate."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

import htmldate
import trafilatura

from newsdesk.errors import ParseError
from newsdesk.records import Draft, Format

__all__ = ["draft", "looks_like_html"]

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


def _published(html: str) -> str | None:
    with warnings.catch_warnings():
        # htmldate and trafilatura trip lxml's FutureWarning on element truth-testing; not ours to fix.
        warnings.simplefilter("ignore", FutureWarning)
        day = htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
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
        ParseError: no article text could be found in the page.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            doc = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                deduplicate=False,
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
        published=_published(html),
    )
