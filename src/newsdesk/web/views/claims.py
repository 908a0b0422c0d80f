"""The claims of a story, as its page shows them: the "Claims" section of the dashboard and its full list at
``/stories/{id}/claims`` (``?page=N``), with the page's filters and sort.

Each claim comes with its independent origins (own reporting or relayed: a bar, one part each), a single-source
flag, its first supporting articles linked to the claim's span, and a flag for each contradiction with both sides'
values and spans (``Corpus.story_claims``: ranked, counted and cut in SQL). The first page of the list, unfiltered
and in the default order, was worked out by the digest stage when the story was analysed
(``Corpus.story_digest``); the dashboard shows its first few. Other pages are computed at the cost of their rows
(``Corpus.story_claim_page``): ranked in SQL over the view's articles (at most ``WINDOW``), contradictions as the
digest found them for the story's leading clusters.
"""

from __future__ import annotations

from typing import Any

from newsdesk.corpus import Corpus
from newsdesk.digest import CLAIMS_KEPT
from newsdesk.digest.claims import FILTERS

__all__ = ["rows"]


def rows(corpus: Corpus, story_id: str, filters: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    """One page of the story's claims (``limit``, ``offset``, ``sort`` in ``params``), each carrying ``total``."""
    limit, offset = int(params.get("limit", 50)), int(params.get("offset", 0))
    claim_filters = [k for k in filters if k in FILTERS and k != "window"]  # quote kind says nothing of claims
    if not claim_filters and params.get("sort") in (None, "size") and offset + limit <= CLAIMS_KEPT:
        kept: list[dict[str, Any]] = corpus.story_digest(story_id, "claims")
        return kept[offset : offset + limit]
    return corpus.story_claim_page(story_id, **{**filters, **params})
