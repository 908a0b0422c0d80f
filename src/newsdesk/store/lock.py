"""The analysis lock: one analysing process per database, held as an OS file lock on ``<db>.lock`` beside it.

Corpus stages keep running state (term counts added as deltas, events grown batch by batch), so two processes
analysing the same pending articles at once would count them twice. ``flock`` is released by the kernel when
its holder dies, so a crashed run never leaves a stale lock behind; the file's content (pid, host, start time)
only names the holder in messages.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from newsdesk.errors import LockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; analysis there is not locked
    fcntl = None  # type: ignore[assignment]

__all__ = ["analysis_lock", "lock_path"]

log = logging.getLogger(__name__)

_POLL = 0.2  # seconds between attempts while another process holds the lock


def lock_path(db: str) -> Path | None:
    """The lock file of database ``db``; None for ``:memory:``, which no other process can open."""
    # Beside the real file: the same database opened through a symbolic link or another path takes the same lock.
    # (A hard link is another name for the file that no path can tell; the lock does not cover it.)
    if db == ":memory:":
        return None
    real = Path(db).resolve()
    return real.with_name(real.name + ".lock")


def _holder(file: IO[str]) -> str:
    file.seek(0)
    try:
        info = json.loads(file.read() or "{}")
    except ValueError:
        info = {}
    if not info:
        return "another process"
    return f"process {info.get('pid', '?')} on {info.get('host', '?')} (analysing since {info.get('since', '?')})"


@contextmanager
def analysis_lock(db: str, *, wait: float, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the analysis lock of database ``db`` for the block, waiting up to ``wait`` seconds for it.

    Raises:
        LockedError: another process held the lock for all of ``wait`` seconds; the message names it.
    """
    path = lock_path(db)
    if path is None or fcntl is None:
        yield
        return
    with path.open("a+", encoding="utf-8") as file:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(file)
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"Database {db!r} is being analysed by {holder}; waited {wait:g} s for it to finish. "
                        "What was ingested is stored: run `newsdesk analyze` once that process is done, "
                        "or raise [pipeline] lock_seconds to wait longer."
                    ) from None
                if not told:
                    message = f"waiting up to {wait:g} s for {holder} to finish analysing {db}"
                    log.warning("%s", message)
                    if on_wait is not None:
                        on_wait(message)
                    told = True
                time.sleep(_POLL)
        try:
            file.seek(0)
            file.truncate()
            since = datetime.now(UTC).isoformat(timespec="seconds")
            file.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since}))
            file.flush()
            yield
        finally:
            file.seek(0)
            file.truncate()
            file.flush()
            fcntl.flock(file.fileno(), fcntl.LOCK_UN)
