"""The processes a test's process started: the worker pool's zygote and the workers it forked."""

from __future__ import annotations

from pathlib import Path


def descendants(pid: int) -> list[int]:
    """Processes started by ``pid`` and by them, zombies too (a process its parent has not reaped)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found
