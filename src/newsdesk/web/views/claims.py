"""The claims of a story, as its page shows them: the "Claims" section of the dashboard and its full list at
``/stories/{id}/claims`` (``?page=N``), with the page's filters and sort.

Each claim comes with its independent origins (own reporting or relayed: a bar, one part each), a single-source
flag, its first supporting articles linked to the claim's span, and a flag for each contradiction with both sides'
values and spans (``Corpus.story_claims``: ranked, counted and cut in SQL).
"""

from __future__ import annotations

from typing import Any

from newsdesk.corpus import Corpus

__all__ = ["rows"]


def rows(corpus: Corpus, story_id: str, filters: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    """One page of the story's claims (``limit``, ``offset``, ``sort`` in ``params``), each carrying ``total``."""
    return corpus.story_claims(story_id, **{**filters, **params})
