"""Regressions from review: ordinary body sentences that look a little like furniture or metadata stay."""

from __future__ import annotations

import pytest

from newsdesk import clean
from newsdesk.records import Draft, Format

BODY_BRIDGE = (
    "The city council voted on Tuesday night to close the old river bridge after engineers warned that its "
    "supports had corroded beyond repair, a decision that will reroute thousands of commuters."
)


def _clean(*paragraphs: str) -> tuple[str, clean.Article]:  # type: ignore[name-defined]
    text = "\n\n".join(paragraphs)
    article = clean.article(Draft(source="t.txt", raw=text, text=text, format=Format.TEXT))
    return text, article


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, all schools had reopened.",
        "By contrast, the ferry kept running.",
        "Engineers Raise Alarm",
        "White House",
        "Prime Minister Keir Starmer",
        "Read more about it below.",
        "Copyright lawyers said the contract was void.",
        "Sign up for the shuttle opens today at city hall.",
        "Share prices of the builder fell.",
        "Watch: officials will brief the press at noon, the mayor said.",
        "Photo: the mayor said the picture was taken in 1998 and shows the bridge before repairs.",
        "Brussels will require platforms to label AI-generated content from next year, officials said.",
        "The professor said the essay was written by AI, and the student admitted it.",
    ],
)
def test_issue_review_body_line_is_kept_and_not_metadata(line: str) -> None:
    _, article = _clean("Council votes to close old bridge", BODY_BRIDGE, line, "The mayor said it was unavoidable.")
    assert line in article.text
    assert article.byline is None
    assert article.outlet is None
    assert not article.ai_generated


def test_issue_review_latest_news_subheading_does_not_cut_the_story() -> None:
    last = "The bridge will be replaced by 2027, officials said. A shuttle service opens today."
    _, article = _clean("Council votes", BODY_BRIDGE, "Latest news", last)
    assert last in article.text


def test_related_heading_with_headline_list_is_still_cut() -> None:
    _, article = _clean("Council votes", BODY_BRIDGE, "Related Articles", "Other story one", "Other story two")
    assert "Other story one" not in article.text
    assert "Related Articles" in article.furniture


def test_copyright_footer_still_states_the_outlet() -> None:
    _, article = _clean("Council votes", BODY_BRIDGE, "© 2026 Springfield Courier. All rights reserved.")
    assert article.outlet == "Springfield Courier"
    assert "Springfield Courier" not in article.text
