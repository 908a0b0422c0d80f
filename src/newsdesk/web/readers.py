"""Connections for views, which run in worker threads: each view reads the database through one of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from newsdesk.corpus import Corpus
from newsdesk.errors import StoreError

__all__ = ["Readers"]


class Readers:
    """A pool of read-only copies of ``corpus`` (each with its own SQLite connection), lent one view at a time.

    A connection is never used by two threads at once, and there are never more connections than views running
    at the same time. An in-memory database has one connection that no other can see: views take turns on it.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._lock = threading.Lock()
        self._turn = threading.Lock()  # for an in-memory database: one view at a time on its one connection
        self._idle: list[Corpus] = []
        self._shared = False
        self._closed = False

    @contextmanager
    def borrow(self) -> Iterator[Corpus]:
        """A corpus to read from in this thread, returned to the pool at the end of the block."""
        reader = self._take()
        if reader is None:
            with self._turn:
                yield self.corpus
            return
        try:
            yield reader
        finally:
            with self._lock:
                if self._closed:
                    reader.close()
                else:
                    self._idle.append(reader)

    def _take(self) -> Corpus | None:
        with self._lock:
            if self._idle:
                return self._idle.pop()
            if self._shared:
                return None
        try:
            return self.corpus.reader()
        except StoreError:
            self._shared = True
            return None

    def close(self) -> None:
        """Close the idle connections now, and the lent ones as they come back."""
        with self._lock:
            self._closed = True
            for reader in self._idle:
                reader.close()
            self._idle.clear()
