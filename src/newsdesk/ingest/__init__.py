"""The outside world to drafts: files, folders, JSONL, feeds and URLs become :class:`Draft` records.

:func:`items` lists what a set of targets holds (cheap, so progress can be shown); :func:`read` turns one
item into drafts, or into failures that name the item and say why. Nothing here writes to the store.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import socket
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import httpx

from newsdesk.errors import IngestError, ParseError
from newsdesk.ingest import feeds, fetch, html, jsonl, sanitize, text
from newsdesk.records import Draft, Format
from newsdesk.settings import Settings

__all__ = ["Item", "Unread", "items", "read"]

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
    # A file found in a folder: the (device, inode) it had when listed. Reading refuses anything else there
    # then, so a file swapped for a link (to a private file elsewhere) between listing and reading is not read.
    identity: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Unread:
    """A regular file found in a folder and not read: its extension is none newsdesk reads (``.md``, ``.json``).
    Listed so that the report can say so; a file named on the command line is read whatever its extension."""

    target: str


def _is_url(target: str) -> bool:
    return "://" in target[:12]


def items(targets: Iterable[str], *, follow_links: bool = False) -> Iterator[Item | Unread | IngestError]:
    """Expand targets: folders recursively (files with known extensions, hidden ones skipped; the others yielded as
    :class:`Unread`), files, URLs.

    In a folder, a symbolic link that leads outside it, a broken or looping link, and anything that is not a
    regular file or folder (a FIFO, a device, a socket) is yielded as a :class:`ParseError` naming it, never
    opened; ``follow_links`` allows links that lead outside the folder.
    """
    for target in targets:
        if _is_url(target):
            yield Item(target, is_url=True)
            continue
        path = Path(target)
        if path.is_dir():
            yield from _folder(path, follow_links=follow_links)
        elif path.is_file():
            yield Item(target)
        elif path.exists():
            yield ParseError(
                f"not a regular file or folder: {_kind(path)}", item=sanitize.path(target), hint=_SPECIAL_HINT
            )
        else:
            yield ParseError(
                "no such file or folder",
                item=sanitize.path(target),
                hint="check the path; URLs must start with http:// or https://",
            )


_SPECIAL_HINT = "newsdesk reads regular files only and never opens pipes, devices or sockets"
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError):
        return "a broken or looping symbolic link"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _folder(root: Path, *, follow_links: bool) -> Iterator[Item | Unread | IngestError]:
    """The files of a folder and its subfolders, in path order, with what was refused as named errors."""
    top = root.resolve()
    found: list[tuple[Path, Item | Unread | IngestError]] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]

    def refuse(entry: Path, message: str, hint: str) -> None:
        found.append((entry, ParseError(message, item=sanitize.path(str(entry)), hint=hint)))

    # A stack, not recursion: a deep tree cannot exhaust Python's recursion limit.
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue  # a link back into a folder already read: a loop, or the same files a second time
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = [Path(e.path) for e in listing if not e.name.startswith(".")]
        except OSError as exc:
            refuse(folder, f"cannot read folder: {exc.strerror or exc}", "check the folder's permissions")
            continue
        for entry in entries:
            if entry.is_symlink():
                try:
                    real = entry.resolve(strict=True)
                except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
                    refuse(entry, "broken or looping symbolic link", "remove the link or fix its target")
                    continue
                if not follow_links and not real.is_relative_to(top):
                    refuse(
                        entry,
                        f"symbolic link to {sanitize.path(str(real))}, outside the folder: not followed",
                        "pass --follow-links or set [ingest] follow_links = true to read what links point to",
                    )
                    continue
            try:
                listed = entry.stat()
            except OSError as exc:
                refuse(entry, f"cannot read file: {exc.strerror or exc}", "check the file's permissions")
                continue
            mode = listed.st_mode
            if stat.S_ISDIR(mode):
                stack.append(entry)
            elif stat.S_ISREG(mode):
                if entry.suffix.lower() in EXTENSIONS:
                    found.append((entry, Item(str(entry), identity=(listed.st_dev, listed.st_ino))))
                else:
                    found.append((entry, Unread(sanitize.path(str(entry)))))
            else:
                refuse(entry, f"not a regular file: {_kind(entry)}", _SPECIAL_HINT)
    for _, got in sorted(found, key=lambda pair: pair[0]):
        yield got


# A DOCTYPE with an internal subset ("<!DOCTYPE rss [ ... ]>") can declare entities that expand without bound.
_DTD_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


def _json_document(content: str) -> bool:
    """Whether ``content`` is one JSON array or object (``articles.json``), which would read as text otherwise."""
    if not content.lstrip().startswith(("[", "{")):
        return False
    try:
        return isinstance(json.loads(content), list | dict)
    except (ValueError, RecursionError):  # not JSON (JSONDecodeError is a ValueError), or nested beyond reading
        return False


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
        if _DTD_SUBSET.search(content[:4000]):
            raise ParseError(
                "feed declares a DTD (<!DOCTYPE … [ … ]>), which is refused for safety: its entities could expand "
                "without bound or read local files",
                item=source,
                hint="remove the DOCTYPE's internal subset and ingest the feed again",
            )
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
    elif _json_document(content):
        # A file or a URL (an API's answer) read as text whose content is one JSON array or object.
        raise ParseError(
            "a JSON document (an array or an object over several lines), not JSON Lines: its markup would be "
            "stored as an article's text",
            item=source,
            hint="write one JSON object a line (.jsonl), e.g. jq -c '.[]' FILE.json > FILE.jsonl",
        )
    else:
        yield text.draft(content, source=source, url=url)


def _fetch_draft(url: str, *, settings: Settings, client: httpx.Client | None, resolve: fetch.Resolver) -> Draft:
    got = fetch.fetch(url, settings.fetch, client=client, resolve=resolve)
    content = _decode(got.content, item=url, charset=got.charset)
    if got.content_type == "text/plain":
        return text.draft(content, source=url, url=got.url)
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
    """Drafts from one item; every problem is yielded as an :class:`IngestError`, never raised.

    Every text field of a draft is free of lone surrogates, and items are named readably (an undecodable byte
    of a file name as ``\\xff``), so whatever comes out can be stored and printed.
    """
    for got in _read(item, settings, client=client, resolve=resolve):
        yield sanitize.error(got) if isinstance(got, IngestError) else sanitize.draft(got)


def _read(
    item: Item, settings: Settings, *, client: httpx.Client | None, resolve: fetch.Resolver
) -> Iterator[Draft | IngestError]:
    name = sanitize.path(item.target)
    try:
        if item.is_url:
            got = fetch.fetch(item.target, settings.fetch, client=client, resolve=resolve)
            content = _decode(got.content, item=name, charset=got.charset)
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
                source=name,
                url=got.url,
                settings=settings,
                client=client,
                resolve=resolve,
            )
            return
        path = Path(item.target)
        data = _read_file(path, name=name, limit=settings.ingest.max_text_bytes, identity=item.identity)
        content = _decode(data, item=name)
        fmt = EXTENSIONS.get(path.suffix.lower()) or _sniff(content)
        yield from _drafts(content, fmt, source=name, url=None, settings=settings, client=client, resolve=resolve)
    except IngestError as exc:
        exc.item = exc.item or name
        yield exc
    except OSError as exc:
        yield ParseError(f"cannot read file: {exc.strerror or exc}", item=name, hint="check the file's permissions")
    except Exception as exc:  # a bug on one odd item must not cost the batch
        yield _internal_error(exc, item=name)


def _read_file(path: Path, *, name: str, limit: int, identity: tuple[int, int] | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; a FIFO or device is refused, never read, and so is
    a file that is no longer the one listed (``identity``: its device and inode then)."""
    # O_NONBLOCK: opening a FIFO that nobody writes to returns at once instead of waiting forever, and the
    # check below refuses it; the folder listing refused it already, but the file may have changed since.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        opened = os.fstat(file.fileno())
        if identity is not None and (opened.st_dev, opened.st_ino) != identity:
            raise ParseError(
                "the file changed between listing the folder and reading it (replaced, or now a link): not read",
                item=name,
                hint="ingest the folder again once nothing is changing it",
            )
        mode = opened.st_mode
        if not stat.S_ISREG(mode):
            kind = next((kind for test, kind in _KINDS if test(mode)), "not a regular file")
            raise ParseError(f"not a regular file: {kind}", item=name, hint=_SPECIAL_HINT)
        size = opened.st_size
        data = file.read(limit + 1) if size <= limit else b""
        if size > limit or len(data) > limit:
            # A file that grows as it is read (/proc, a log) is over the limit without stating its size.
            stated = f"{size:,} bytes, " if size > limit else ""
            raise ParseError(
                f"file is {stated}over the {limit:,}-byte limit",
                item=name,
                hint="split it, or raise [ingest] max_text_bytes",
            )
    return data


def _internal_error(exc: Exception, *, item: str) -> ParseError:
    log.exception("internal error while reading %s", item)
    return ParseError(
        f"internal error while reading: {type(exc).__name__}: {exc}; please report it",
        item=item,
        hint="the item is skipped; the rest of the batch goes on",
    )
