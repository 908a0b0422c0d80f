"""The "Framing" section of a story's page: its outlets side by side, cut to what a page shows.

Worked out by the digest stage when the story was analysed (``Corpus.story_digest``; see
:mod:`newsdesk.digest.framing`), from about ``SAMPLE`` original articles spread over the story, and says so. The
page's filters do not apply: framing compares the outlets of the whole story.
"""

from __future__ import annotations

from typing import Any

from newsdesk.corpus import Corpus
from newsdesk.digest.framing import GROUPS, SAMPLE

__all__ = ["GROUPS", "SAMPLE", "section"]


def section(corpus: Corpus, story_id: str) -> dict[str, Any]:
    """The framing of the story, cut to ``GROUPS`` groups and a few items of each (``total`` groups in all)."""
    found: dict[str, Any] = corpus.story_digest(story_id, "framing")
    return found
