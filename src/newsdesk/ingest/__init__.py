"""The outside world to drafts: files, folders, JSONL, feeds and URLs become :class:`Draft` records.

:func:`items` lists what a set of targets holds (cheap, so progress can be shown); :func:`read` turns one
item into drafts, or into failures that name the item and say why. Nothing here writes to the store.
"""

from __future__ import annotations

import dataclasses
import logging
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import httpx

from newsdesk.errors import IngestError, ParseError
from newsdesk.ingest import feeds, fetch, html, jsonl, text
from newsdesk.records import Draft, Format
from newsdesk.settings import Settings

__all__ = ["Item", "items", "read"]

log = logging.getLogger(__name__)

EXTENSIONS = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".xml": Format.FEED,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".rdf": Format.FEED,
}


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to read: a file path or a URL, as the user gave it (or as found in a folder)."""

    target: str
    is_url: bool = False


def _is_url(target: str) -> bool:
    return "://" in target[:12]


def items(targets: Iterable[str]) -> Iterator[Item | IngestError]:
    """Expand targets: folders recursively (files with known extensions, hidden ones skipped), files, URLs."""
    for target in targets:
        if _is_url(target):
            yield Item(target, is_url=True)
            continue
        path = Path(target)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if (
                    found.is_file()
                    and found.suffix.lower() in EXTENSIONS
                    and not any(p.startswith(".") for p in relative)
                ):
                    yield Item(str(found))
        elif path.is_file():
            yield Item(target)
        elif path.exists():
            yield ParseError("not a regular file or folder", item=target, hint="pass files, folders or URLs")
        else:
            yield ParseError(
                "no such file or folder",
                item=target,
                hint="check the path; URLs must start with http:// or https://",
            )


def _sniff(content: str) -> Format:
    if feeds.looks_like_feed(content):
        return Format.FEED
    if html.looks_like_html(content):
        return Format.HTML
    lines = [line for line in content.splitlines()[:5] if line.strip()]
    if lines and all(line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines):
        return Format.JSONL
    return Format.TEXT


def _drafts(
    content: str,
    fmt: Format,
    *,
    source: str,
    url: str | None,
    settings: Settings,
    client: httpx.Client | None,
    resolve: fetch.Resolver,
) -> Iterator[Draft | IngestError]:
    if fmt is Format.HTML:
        yield html.draft(content, source=source, url=url)
    elif fmt is Format.JSONL:
        yield from jsonl.drafts(content, source=source)
    elif fmt is Format.FEED:
        for entry in feeds.entries(content, source=source):
            if not isinstance(entry, feeds.PageToFetch):
                yield entry
                continue
            if not settings.ingest.fetch_feed_pages:
                yield ParseError(
                    "feed item carries only a summary",
                    item=entry.url,
                    hint="set [ingest] fetch_feed_pages = true to fetch its page",
                )
                continue
            try:
                page = _fetch_draft(entry.url, settings=settings, client=client, resolve=resolve)
            except IngestError as exc:
                yield exc
                continue
            except Exception as exc:  # a bug on one feed item must not cost the feed's other items
                yield _internal_error(exc, item=entry.url)
                continue
            # A page that names no site gets its host as outlet from the extractor; the feed's title is better.
            host_only = page.outlet is not None and page.outlet == urlsplit(page.url or entry.url).netloc
            hints = {
                k: v
                for k, v in entry.hints.items()
                if v and (not getattr(page, k, None) or (k == "outlet" and host_only))
            }
            yield dataclasses.replace(page, **cast(dict[str, Any], hints))
    else:
        yield Draft(source=source, raw=content, text=content, format=Format.TEXT, url=url)


def _fetch_draft(url: str, *, settings: Settings, client: httpx.Client | None, resolve: fetch.Resolver) -> Draft:
    got = fetch.fetch(url, settings.fetch, client=client, resolve=resolve)
    content = _decode(got.content, item=url, charset=got.charset)
    if got.content_type == "text/plain":
        return Draft(source=url, raw=content, text=content, format=Format.TEXT, url=got.url)
    return html.draft(content, source=url, url=got.url)


def _decode(data: bytes, *, item: str, charset: str | None = None) -> str:
    # A declared charset says how to decode, not that the body is text: empty and binary bodies go on to
    # text.decode, which refuses them by name (a NUL is fine only in a declared UTF-16/32 body).
    wide = charset is not None and charset.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    if charset and data.strip() and (wide or b"\x00" not in data[:8192]):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return text.decode(data, item=item)


def read(
    item: Item,
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    resolve: fetch.Resolver = socket.getaddrinfo,
) -> Iterator[Draft | IngestError]:
    """Drafts from one item; every problem is yielded as an :class:`IngestError`, never raised."""
    try:
        if item.is_url:
            got = fetch.fetch(item.target, settings.fetch, client=client, resolve=resolve)
            content = _decode(got.content, item=item.target, charset=got.charset)
            fmt = _sniff(content)
            declared = got.content_type
            if fmt is Format.TEXT and declared != "text/plain":
                # What the content looks like wins; the declared type decides only when sniffing cannot.
                # "xml" alone must not mean a feed: XHTML pages are application/xhtml+xml.
                if "html" in declared and content.lstrip().startswith("<"):
                    fmt = Format.HTML
                elif "xml" in declared or "rss" in declared or "atom" in declared:
                    fmt = Format.FEED
            yield from _drafts(
                content,
                fmt,
                source=item.target,
                url=got.url,
                settings=settings,
                client=client,
                resolve=resolve,
            )
            return
        path = Path(item.target)
        size = path.stat().st_size
        if size > settings.ingest.max_text_bytes:
            raise ParseError(
                f"file is {size:,} bytes, over the {settings.ingest.max_text_bytes:,}-byte limit",
                item=item.target,
                hint="split it, or raise [ingest] max_text_bytes",
            )
        content = _decode(path.read_bytes(), item=item.target)
        fmt = EXTENSIONS.get(path.suffix.lower()) or _sniff(content)
        yield from _drafts(
            content, fmt, source=item.target, url=None, settings=settings, client=client, resolve=resolve
        )
    except IngestError as exc:
        exc.item = exc.item or item.target
        yield exc
    except OSError as exc:
        yield ParseError(
            f"cannot read file: {exc.strerror or exc}", item=item.target, hint="check the file's permissions"
        )
    except Exception as exc:  # a bug on one odd item must not cost the batch
        yield _internal_error(exc, item=item.target)


def _internal_error(exc: Exception, *, item: str) -> ParseError:
    log.exception("internal error while reading %s", item)
    return ParseError(
        f"internal error while reading: {type(exc).__name__}: {exc}; please report it",
        item=item,
        hint="the item is skipped; the rest of the batch goes on",
    )
