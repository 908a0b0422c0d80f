"""Rendered pages kept until the database changes: a page is computed once per version of the data.

The UI only reads; the database changes when an ingest or an analysis commits. SQLite's ``PRAGMA data_version``,
read on one connection kept for the purpose, changes whenever another connection (another process included)
has committed, so a page rendered at one version is served again, byte for byte, until the next commit. Without
that signal (an in-memory database, which nothing else can write) nothing is cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from newsdesk.corpus import Corpus
from newsdesk.errors import StoreError

__all__ = ["PageCache"]


@dataclass(frozen=True, slots=True)
class _Entry:
    status: int
    body: bytes
    headers: tuple[tuple[bytes, bytes], ...]


class PageCache:
    """Up to ``max_bytes`` of rendered responses, least recently used out first; none bigger than ``max_entry``."""

    def __init__(self, corpus: Corpus, *, max_bytes: int = 64 * 2**20, max_entry: int = 2 * 2**20) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self._entries: OrderedDict[tuple[int, str], _Entry] = OrderedDict()
        self._size = 0
        self._kept: int | None = None  # the data version the entries were rendered at
        self._lock = threading.Lock()
        try:
            self._watch: Corpus | None = corpus.reader() if max_bytes > 0 else None
        except StoreError:  # in memory: no other connection can see it, and nothing else can change it
            self._watch = None

    def _version(self) -> int | None:
        if self._watch is None:
            return None
        with self._lock:
            try:
                return self._watch.store.data_version()
            except StoreError:  # the database went away or broke: pages are computed (and fail) as they come
                return None

    def key(self, request: Request) -> tuple[int, str] | None:
        """The request's key at the data's current version; None when responses are not cached."""
        version = self._version()
        if version is None:
            return None
        return version, request.url.path + ("?" + request.url.query if request.url.query else "")

    def get(self, key: tuple[int, str] | None) -> Response | None:
        """The response stored under ``key``, as a new response with the same status, headers and body."""
        if key is None:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
        response = Response(entry.body, status_code=entry.status)
        response.raw_headers = list(entry.headers)
        return response

    def put(self, key: tuple[int, str] | None, response: Response) -> None:
        """Keep a successful response rendered at ``key``'s version (older versions are dropped)."""
        body = getattr(response, "body", None)
        if key is None or response.status_code != 200 or not isinstance(body, bytes) or len(body) > self.max_entry:
            return
        entry = _Entry(response.status_code, body, tuple(response.raw_headers))
        with self._lock:
            if key[0] != self._kept:  # the data changed: every page kept is out of date
                self._entries.clear()
                self._size = 0
                self._kept = key[0]
            if key in self._entries:
                return
            self._entries[key] = entry
            self._size += len(body)
            while self._size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped.body)

    def close(self) -> None:
        """Close the connection that watches for changes."""
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
