"""The demo corpus shipped with newsdesk: invented articles written for the demo (see corpus/README.md)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["corpus_path"]


def corpus_path() -> Path:
    """The folder holding the demo articles."""
    return Path(str(files("newsdesk.demo") / "corpus"))
